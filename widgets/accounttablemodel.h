#pragma once

#include "accounts/account.h"
#include "accounts/pool.h"
#include "engine/poolreading.h"
#include "history/historytypes.h"
#include "probe/proberesult.h"

#include <QAbstractItemModel>
#include <QDateTime>
#include <QHash>
#include <QSet>
#include <QList>

// The dashboard's account table: a tree. Top-level rows are the pools and the accounts in no
// pool; a pool's member accounts sit under it. An account with several resources (GitHub: core,
// search, graphql, ...) has one child row per resource; its own row summarises the most
// restrictive one and names it. An account with one resource has no child rows: its row already
// says everything, and a child would only repeat it.
//
// A pool row shows the pool's reading (applyPoolReading): the sums over distinct buckets, the
// first and last reset, the state and, in its tooltip and ExplanationRole, shared buckets and
// broken load balancing in words. Its AccountIdRole is "pool:NAME"; accountIdAt() is empty on
// it, so the account actions (edit, remove, snooze) never receive a pool.
//
// Default order for a view: sort column State, Qt::DescendingOrder (AccountFilterProxyModel
// ranks by SeverityRole, then the lower fraction left, then the name A to Z): throttled, auth
// failed, critical, error, warning, stale, no data, ok, unlimited, first to last (StateStyle::
// severity). columnsByPriority() says which columns a narrow window hides first.
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
    // Trend is painted by SparklineDelegate from a TrendCache; its DisplayRole is empty.
    enum Column { Name, Provider, Resource, Remaining, Trend, Reset, State, LastProbe, Cost, ColumnCount };

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
        SeverityRole,      // int, higher is worse: StateStyle::severity of the state, x2, +1 for an imbalanced
                           // pool; a pool ranks at least with its worst member
        IsPoolRowRole,     // bool
        PoolNameRole,      // the pool's name on a pool row and on its members' rows; empty elsewhere
        ImbalancedRole,    // bool, pool rows: a member is throttled or critical while another has plenty
        SharedBucketRole,  // bool, member rows: the account draws from a bucket another member also uses
        ShownResourceRole, // the resource a row shows (an account row: its most restrictive), raw name; invalid: none
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
    // Each pool becomes a top-level row with its member accounts under it (a member is not
    // also a top-level row). Members not (yet) in the table are skipped and join when added.
    void setPools(const QList<Pool> &pools);
    QList<Pool> pools() const;
    // Fills the pool row named reading.pool; ignored for an unknown pool.
    void applyPoolReading(const PoolReading &reading);
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
    // On a shared history: which process polls each account now (its lease holder,
    // "host:pid:…"; absent: nobody), this process's own holder name, and the accounts whose token
    // this machine lacks, shown read-only. An account polled elsewhere says by whom in its Last
    // probe column; the account's tooltip says it all.
    void setPollers(const QHash<QString, QString> &pollers, const QString &self, const QSet<QString> &withoutToken);
    bool isReadOnly(const QString &accountId) const;
    // "host:pid" of the process polling the account when it is another one; empty otherwise.
    QString pollerElsewhere(const QString &accountId) const;
    // How many accounts another process polls.
    int polledElsewhereCount() const;
    // Why the account's row shows what it does, in sentences: for a reading without a remaining
    // count or without any quota, what the provider reports and for which tokens, the documented
    // limit, the account's own spend and its 429s; and a throttle pattern. Empty when a row with
    // a remaining count needs no words.
    QString explanation(const QString &accountId) const;

    // After this long without a successful probe an account is shown as stale.
    void setStaleAfterSeconds(qint64 seconds);
    // Marks the time-dependent columns changed; the window calls it once a second.
    void tick();

    // Every account's name and displayed state, pooled or not, in the accounts' order (the
    // top-level rows alone miss the members of pools).
    QList<QPair<QString, AccountState>> accountStates() const;

    QModelIndex indexOfAccount(const QString &accountId, int column = 0) const;
    QModelIndex indexOfPool(const QString &poolName, int column = 0) const;
    // The resource's row; the account's own row when the account has that one resource only.
    QModelIndex indexOfResource(const QString &accountId, const QString &resource, int column = 0) const;
    QString accountIdAt(const QModelIndex &index) const; // empty on a pool row
    QString poolNameAt(const QModelIndex &index) const;  // the pool row's name, else empty
    // The accounts whose history makes a pool's trend: one member per distinct bucket of the
    // resource (a shared bucket counted once), in the pool's order.
    QStringList poolTrendMembers(const QString &poolName, const QString &resource) const;
    // The resource a pool row shows (its lowest quota), or empty.
    QString poolResource(const QString &poolName) const;
    QString resourceAt(const QModelIndex &index) const; // empty on an account row
    // The resource an account row summarises (lowest fraction remaining), or empty.
    QString primaryResource(const QString &accountId) const;

    // "1 h 02 min", "42 s": shared by the countdowns here and the status bar.
    static QString formatDuration(qint64 seconds);
    // The time left until `at`; once it has passed and no reading came since, when it was:
    // "reset 12:00, awaiting probe".
    static QString countdownText(const QDateTime &at);
    static QString resourceLabel(const QString &resource); // "requests" for the unnamed one
    // The columns from most to least important: a narrow window hides them from the end
    // (Cost, Provider, Last probe, Resource first) and keeps Name, State and Remaining.
    static QList<int> columnsByPriority();

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
    struct PoolRow
    {
        Pool pool;
        std::optional<PoolReading> reading;
        quintptr key = 0;
    };
    // Where a keyed row sits in the tree. A child index carries its parent's key as internal id
    // (0 = a top-level row), so removing a row never leaves other children pointing at the
    // wrong parent.
    struct Node
    {
        bool isPool = false;
        int index = -1;          // into m_rows or m_pools
        quintptr parentKey = 0;  // 0: top level
        int row = 0;             // its row under its parent
    };
    struct Layout
    {
        QList<quintptr> top;
        QHash<quintptr, QList<quintptr>> members; // pool key -> member account keys
        QHash<quintptr, Node> nodes;
    };
    // What an index points at: a pool row, an account row, or a resource row of an account.
    struct Ref
    {
        const PoolRow *pool = nullptr;
        const AccountRow *account = nullptr;
        const ResourceRow *resource = nullptr;
    };

    Ref resolve(const QModelIndex &index) const;
    const AccountRow *accountRowFor(const QModelIndex &index) const;
    const ResourceRow *resourceRowFor(const QModelIndex &index) const;
    int rowOfAccount(const QString &accountId) const;
    int rowOfPool(const QString &name) const;
    const PoolRow *poolOf(const QString &accountId) const;
    // The state of an account row (r null: every resource) or of one resource row.
    AccountState stateOf(const AccountRow &a, const ResourceRow *r) const;
    AccountState poolStateOf(const PoolRow &p) const;
    const ResourceRow *mostRestrictive(const AccountRow &a) const;
    const PoolQuota *shownQuota(const PoolRow &p) const;
    qint64 costPerHour(const AccountRow &a) const;
    bool isShared(const AccountRow &a) const;
    QString explanationOf(const AccountRow &a, const ResourceRow *r) const;
    QString poolExplanation(const PoolRow &p) const;
    QString remainingText(const AccountRow &a, const ResourceRow *shown) const;
    QString poolRemainingText(const PoolRow &p) const;
    QString resetText(const ResourceRow *shown) const;
    std::optional<qint64> windowOf(const AccountRow &a, const ResourceRow &r) const;
    QVariant displayData(const AccountRow &a, const ResourceRow *r, int column) const;
    QVariant poolDisplayData(const PoolRow &p, int column) const;
    QVariant poolData(const PoolRow &p, int column, int role) const;
    QVariant sortData(const AccountRow &a, const ResourceRow *r, int column) const;
    void upsertResource(int accountRow, const ResourceRow &value);
    void emitRowChanged(int accountRow);
    void emitSubtreeChanged(const QModelIndex &parent, int first, int last);
    QModelIndex indexOfKey(quintptr key, int column = 0) const;
    QList<const AccountRow *> membersOf(const PoolRow &p) const;

    Layout layoutOf() const;
    void relayout();
    AccountRow newRow(const Account &account);

    // Shared history only (set by setPollers): account id -> "host:pid" of the other process
    // polling it; an account polled here or by nobody is absent.
    std::optional<QHash<QString, QString>> m_pollers;
    QSet<QString> m_withoutToken;
    // The account's poller and read-only lines for its tooltip; empty off a shared history.
    QString pollerNote(const QString &accountId) const;
    QList<AccountRow> m_rows;  // every account, pooled or not, in the order given
    QList<PoolRow> m_pools;
    Layout m_layout;
    quintptr m_nextKey = 1;
    qint64 m_staleAfterS = 15 * 60;
    ThresholdsFor m_thresholds;
};
