#pragma once

#include "accounts/account.h"
#include "history/historytypes.h"
#include "probe/proberesult.h"

#include <QAbstractItemModel>
#include <QDateTime>
#include <QHash>
#include <QList>

// The dashboard's account table: a two-level tree, one top-level row per account and one child
// row per resource the account reported (GitHub: core, search, graphql, ...). The account row
// summarises its most restrictive resource so a collapsed tree still shows what matters.
//
// Time-dependent columns (reset countdown, last probe age, "resumes in") read Clock::instance();
// tick() tells views those cells changed, so a view refreshes them without the model being
// rebuilt. Labels, colours and fonts belong to one place, statestyle, not to this model: the
// State column's DisplayRole is the state's id, and widgets/statestyle.h turns StateRole into
// words, colour and icon.
class AccountTableModel : public QAbstractItemModel
{
    Q_OBJECT
public:
    enum Column { Name, Provider, Resource, Remaining, Reset, State, LastProbe, Cost, ColumnCount };

    enum Role {
        AccountIdRole = Qt::UserRole + 1,
        ResourceRole,      // empty on an account row
        StateRole,         // int(AccountState) as displayed: classify() with the account's thresholds
        QuotaStateRole,    // int(AccountState) of the shown quota alone: Ok, Warning, Critical or NoData
        ResumesAtRole,     // QDateTime (UTC) a throttled account may be probed again, or invalid
        FractionRole,      // remaining / limit in [0, 1]; invalid when unknown or unlimited
        RemainingRole,     // qint64 or invalid
        LimitRole,         // qint64 or invalid
        ResetAtRole,       // QDateTime (UTC) or invalid
        SortRole,          // a value that sorts the column meaningfully
        IsAccountRowRole,  // bool
        LimitSourceRole,   // int(LimitSource) of the shown limit; invalid when unknown (a stored sample)
        NearLimitRole,     // bool, the provider's near-limit flag; invalid when not sent
        ExplanationRole,   // why a row shows what it shows (no remaining, no data, a throttle pattern), or empty
    };

    explicit AccountTableModel(QObject *parent = nullptr);

    // QAbstractItemModel
    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    void setAccounts(const QList<Account> &accounts);
    void addAccount(const Account &account);
    void updateAccount(const Account &account); // name, provider; keeps readings
    void removeAccount(const QString &accountId);
    QList<Account> accounts() const;
    std::optional<Account> account(const QString &accountId) const;

    // Feeds one probe outcome: new resources become child rows, known ones change in place.
    void applyProbeResult(const ProbeResult &result);
    // Seeds a resource from a stored sample (start-up, before the first probe of this session).
    // Stored readings arrive from a reader thread, possibly after a live probe: one older than
    // what the account already shows is ignored.
    void applySample(const Sample &sample);

    // Each account's thresholds (the alert settings); the defaults without. Re-classifies every
    // row, so a changed setting shows at once, without a new probe.
    void setThresholds(ThresholdsFor thresholds);
    Thresholds thresholdsFor(const QString &accountId) const;

    // What the history says about an account's refusals: 429s in the last 24 hours (-1: unknown)
    // and a throttle pattern in words (empty: none). Shown in the account's tooltip and details.
    void setThrottleSummary(const QString &accountId, int throttles24h, const QString &pattern);
    // Why the account's row shows what it does, in sentences: for a reading without a remaining
    // count or without any quota, what the provider reports and for which tokens, the documented
    // limit, the account's own spend and its 429s; and a throttle pattern. Empty when a row with
    // a remaining count needs no words.
    QString explanation(const QString &accountId) const;

    // After this long without a successful probe an account is shown as stale.
    void setStaleAfterSeconds(qint64 seconds);
    // Marks the time-dependent columns changed; the window calls it once a second.
    void tick();

    QModelIndex indexOfAccount(const QString &accountId, int column = 0) const;
    QModelIndex indexOfResource(const QString &accountId, const QString &resource, int column = 0) const;
    QString accountIdAt(const QModelIndex &index) const;
    QString resourceAt(const QModelIndex &index) const; // empty on an account row
    // The resource an account row summarises (lowest fraction remaining), or empty.
    QString primaryResource(const QString &accountId) const;

    // "1 h 02 min", "42 s": shared by the countdowns here and the status bar.
    static QString formatDuration(qint64 seconds);
    static QString resourceLabel(const QString &resource); // "requests" for the unnamed one
    // "8,370/h", "200/min", "1,000 per 2 h" (the limit in the locale's digits, per its window).
    static QString limitPerWindow(qint64 limit, std::optional<qint64> windowS);

private:
    struct ResourceRow
    {
        QString resource;
        std::optional<qint64> limit;
        std::optional<qint64> remaining;
        std::optional<QDateTime> resetAt;
        std::optional<bool> nearLimit; // the provider's flag; unknown for stored samples
        // Where the limit came from; unknown for stored samples (the history keeps no source).
        std::optional<LimitSource> limitSource;
        std::optional<qint64> windowS;
    };
    struct AccountRow
    {
        Account account;
        QList<ResourceRow> resources;
        Exchange exchange = Exchange::Answered; // what the last probe's exchange said
        bool rateLimitingDisabled = false;
        QDateTime lastProbe;          // any outcome
        QDateTime lastSuccess;        // a probe that returned quota information or a clean state
        std::optional<QDateTime> resumesAt; // throttled: when probing may resume
        QString error;
        QString reason;               // no_data: why the reading holds no quota
        int throttles24h = -1;        // from the history; -1 unknown
        QString pattern;              // a throttle pattern in words, or empty
        QList<QPair<QDateTime, qint64>> costs; // probe costs of the last hour
        quintptr key = 0;             // stable identity for child indexes' internal id
    };

    // A child index carries its account's stable key as internal id (0 = an account row), so
    // removing an account never leaves children of later accounts pointing at the wrong parent.
    const AccountRow *accountRowFor(const QModelIndex &index) const;
    const ResourceRow *resourceRowFor(const QModelIndex &index) const;
    int rowOfAccount(const QString &accountId) const;
    // The state of an account row (r null: every resource) or of one resource row.
    AccountState stateOf(const AccountRow &a, const ResourceRow *r) const;
    const ResourceRow *mostRestrictive(const AccountRow &a) const;
    qint64 costPerHour(const AccountRow &a) const;
    QString explanationOf(const AccountRow &a, const ResourceRow *r) const;
    QString remainingText(const AccountRow &a, const ResourceRow *shown) const;
    std::optional<qint64> windowOf(const AccountRow &a, const ResourceRow &r) const;
    QVariant displayData(const AccountRow &a, const ResourceRow *r, int column) const;
    QVariant sortData(const AccountRow &a, const ResourceRow *r, int column) const;
    void upsertResource(int accountRow, const ResourceRow &value);
    void emitRowChanged(int accountRow);

    int rowOfKey(quintptr key) const;
    void rebuildKeys();
    AccountRow newRow(const Account &account);

    QList<AccountRow> m_rows;
    QHash<quintptr, int> m_rowOfKey;
    quintptr m_nextKey = 1;
    qint64 m_staleAfterS = 15 * 60;
    ThresholdsFor m_thresholds;
};
