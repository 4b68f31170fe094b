#pragma once

#include "accounts/pool.h"
#include "core/accountstate.h"
#include "engine/poolreading.h"
#include "probe/proberesult.h"

#include <QAbstractListModel>
#include <QDateTime>
#include <QHash>
#include <QList>
#include <QSet>

#include <optional>

// "Needs attention": one line per condition that is active now (a refused token, a throttle, a
// quota under its threshold, a quota that runs dry before its reset, a failing probe, a token that
// expires soon, an unevenly loaded pool), worst first.
//
// Every line is rebuilt from the latest reading of its account (or pool), so its numbers are the
// ones the table shows and a condition that cleared leaves the list with the reading that cleared
// it. The run-dry forecast is computed here, from this session's readings of the quota's current
// window, with the alert engine's Theil-Sen slope: the engine raises a forecast once per window,
// and a text taken from that alert would go stale as the quota drains.
//
// A dismissed line stays hidden while its condition holds at the same severity; it comes back when
// a reading changes the severity, and is forgotten once the condition clears. A snoozed account's
// (or pool's) lines are hidden until the snooze ends; still active then, they come back.
class AttentionModel : public QAbstractListModel
{
    Q_OBJECT
public:
    // In the order of the tie-break between lines of one severity.
    enum class Kind { Throttled, AuthFailed, Unreachable, Critical, Forecast, Warning, TokenExpiring, ImbalancedPool };
    Q_ENUM(Kind)

    enum Role {
        KeyRole = Qt::UserRole + 1, // stable identity of the condition
        KindRole,                   // int(Kind)
        StateRole,                  // int(AccountState) whose colour and words the line uses
        OwnerRole,                  // account id, or "pool:NAME": what a snooze applies to
        AccountIdRole,              // the account the chart should show (a pool: its worst member)
        ResourceRole,               // the quota's resource, or empty
        TitleRole,                  // "octo-bot · core", "Pool ci-pool"
        DetailRole,                 // the rest of the line; DisplayRole is title and detail
        ResetAtRole,                // QDateTime (UTC) of the quota's reset, for "snooze until reset"
        CanEditRole,                // bool: an "Edit…" fixes it (refused or expiring token, failing probe)
        SeverityRole,               // int, higher is worse
    };

    explicit AttentionModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;

    // Names for the lines; an account removed takes its lines with it.
    void setAccountName(const QString &accountId, const QString &name);
    void removeAccount(const QString &accountId);
    // The pools, so a pool's line can point at a member account.
    void setPools(const QList<Pool> &pools);
    void setThresholds(ThresholdsFor thresholds);

    // The latest reading of an account (or of one of its extra routes): replaces every line that
    // reading's earlier counterpart made.
    void applyProbeResult(const ProbeResult &result);
    void applyPoolReading(const PoolReading &reading);

    void dismiss(const QString &key);
    // Hides the lines of `owner` (an account id, or "pool:NAME") until `until` (UTC).
    void snooze(const QString &owner, const QDateTime &until);
    // Lines hidden by a dismissal or a snooze that are still active.
    int hiddenCount() const { return m_hidden; }
    // Forgets every dismissal and snooze of the list (the alerts' own snoozes stay).
    void showHidden();
    // True once any account or pool has had a reading: before that, an empty list means nothing.
    bool hasReadings() const { return !m_sources.isEmpty(); }

public Q_SLOTS:
    // Once a second: the countdowns in the lines move, and snoozes that ended let lines back in.
    void tick();

Q_SIGNALS:
    void hiddenCountChanged();

private:
    struct Line
    {
        QString key;
        Kind kind = Kind::Warning;
        AccountState state = AccountState::Warning;
        int severity = 0;
        QString owner;
        QString accountId;
        QString resource;
        QString title;
        std::optional<qint64> remaining;
        std::optional<qint64> limit;
        std::optional<qint64> windowS;
        std::optional<double> pct;
        std::optional<QDateTime> resetAt;
        std::optional<QDateTime> resumesAt;
        std::optional<QDateTime> runsDryAt;
        std::optional<QDateTime> expiresAt;
        std::optional<QDateTime> since;
        std::optional<int> status;
        bool nearLimitOnly = false;
        bool transport = false;
        QString text; // an error message, or the members a pool line names
    };
    struct Source
    {
        std::optional<ProbeResult> result;
        std::optional<PoolReading> pool;
        std::optional<QDateTime> failingSince;
        std::optional<QDateTime> refusedSince;
    };
    struct Series
    {
        QList<QPair<qint64, double>> points; // ms since epoch, remaining
        std::optional<qint64> resetMs;
        std::optional<QDateTime> runsDryAt;
    };

    QList<Line> linesOf(const QString &sourceKey, const Source &source) const;
    QList<Line> resultLines(const ProbeResult &r) const;
    QList<Line> poolLines(const PoolReading &r) const;
    void updateForecast(const ProbeResult &r);
    QString nameOf(const QString &accountId, const QString &fallback = {}) const;
    QString detailOf(const Line &line) const;
    void rebuild();
    bool hiddenBySnooze(const Line &line, const QDateTime &now) const;

    QHash<QString, Source> m_sources;    // account id + route, or "pool:NAME" -> its latest reading
    QHash<QString, Series> m_series;     // account id + resource -> this window's readings
    QHash<QString, QString> m_names;     // account id -> name
    QList<Pool> m_pools;
    ThresholdsFor m_thresholds;
    QHash<QString, int> m_dismissed;     // key -> the severity it had when dismissed
    QHash<QString, QDateTime> m_snoozed; // owner -> until
    QList<Line> m_rows;                  // the visible lines, worst first
    int m_hidden = 0;
};
