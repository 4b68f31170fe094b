#pragma once

#include "alertrule.h"
#include "alertsettings.h"

#include <QHash>
#include <QList>
#include <QObject>
#include <QStringList>
#include <optional>

class AlertStateStore;
class Clock;
struct ProbeResult;

// Whether a pool's load balancing works, from the pool's reading (which the engine layer above
// computes): members throttled or under their critical threshold while others have more than
// half of every quota left.
struct PoolBalance
{
    bool known = false; // false: too few members answered to tell; neither raises nor re-arms
    bool imbalanced = false;
    QStringList low;    // names of the members running out
    QStringList roomy;  // names of the members with more than half left
};

// Turns the stream of probe results into alerts, once per crossing and window.
//
// Feed it every ProbeResult (process()); it emits alertRaised() for each alert, records each as
// an EventKind::Alert event in its AlertStateStore, and persists what it has raised there, so a
// restart never repeats an alert for the same window. Suppressed alerts (snooze, do not
// disturb, account alerts off) are raised and recorded too, with Alert::suppression set; only
// Alert::shouldDeliver() ones are for the Notifier.
//
// Windows: a latch remembers until when its window lasts: the quota's reset instant when known,
// else the end of the current time bucket (the quota's window length, or one hour). The latch
// re-arms when remaining recovers to threshold + 5 points, or once that instant has passed.
// Whatever re-armed it, the same rule for the same quota fires at most once per
// AlertSettings::kMinRepeatS (a new crossing within it is deferred until it ends), so quotas with
// one-minute windows cannot alert every poll.
class AlertEngine : public QObject
{
    Q_OBJECT
public:
    // `store` and `clock` are not owned; a null clock means Clock::instance() at each use.
    explicit AlertEngine(AlertStateStore *store, Clock *clock = nullptr, QObject *parent = nullptr);
    ~AlertEngine() override;

    void setSettings(const AlertSettings &settings);
    // False for fixed accounts (the demo): alerts then name no action the user cannot take.
    void setAccountsEditable(bool editable) { m_accountsEditable = editable; }
    const AlertSettings &settings() const { return m_settings; }

    // Snoozes: while snoozed an account's alerts are recorded but not delivered.
    void snoozeFor(const QString &accountId, qint64 seconds);
    // Until the soonest known reset among the account's quotas that alerted (or, failing that,
    // any quota's reset); one hour when no reset is known.
    void snoozeUntilReset(const QString &accountId);
    void snoozeUntil(const QString &accountId, const QDateTime &until);
    void clearSnooze(const QString &accountId);
    void applySnooze(const SnoozeRequest &request);
    // Invalid when the account is not snoozed (or the snooze is over).
    QDateTime snoozedUntil(const QString &accountId) const;

    // The burn-rate forecast: Theil–Sen slope (median of pairwise slopes, robust to outliers)
    // of remaining over time, in units per second. nullopt with fewer than two distinct times.
    struct Point
    {
        qint64 tMs;
        double value;
    };
    static std::optional<double> theilSenSlope(const QList<Point> &points);

public Q_SLOTS:
    // The entry point: call with every recorded probe result (headroom watch, the GUI).
    void process(const ProbeResult &result);
    // A pool: its sums as a result of its own (account id "pool:NAME", see Pool::accountIdOf),
    // which the quota rules, the forecast and the latches treat like an account's, plus its
    // balance. An imbalanced pool raises one alert per episode: it re-arms only once a reading
    // shows the pool balanced, and fires at most once per AlertSettings::kMinRepeatS.
    void processPool(const ProbeResult &pool, const PoolBalance &balance);

Q_SIGNALS:
    void alertRaised(const Alert &alert);

private:
    struct Latch
    {
        qint64 untilMs = 0; // window end (ms since epoch); see the class comment
    };
    struct Series
    {
        QList<Point> points;           // remaining over time, current window only, bounded
        std::optional<qint64> resetMs; // the window the points belong to
        bool seeded = false;
    };
    struct AccountAlerts
    {
        bool loaded = false;
        QHash<QString, Latch> latches;        // "<rule>|<resource>"
        QHash<QString, qint64> lastFiredMs;   // same keys: when it last fired, for kMinRepeatS
        QHash<QString, qint64> restoreArmed;  // resource -> ms the warning/critical fired
        std::optional<qint64> failingSinceMs; // continuous probe failure since
        bool failureRaised = false;
        bool authRaised = false;
        qint64 snoozedUntilMs = 0;
        QHash<QString, qint64> lastResetMs;   // resource -> latest known reset (ms), for snoozes
        QHash<QString, Series> series;        // not persisted: rebuilt from the store on start
        QByteArray savedBlob;                 // what the store holds, so unchanged state is not rewritten
    };

    Clock *clock() const;
    AccountAlerts &state(const QString &accountId);
    void persist(const QString &accountId, AccountAlerts &s);
    void raise(Alert alert, const ProbeResult &result, AccountAlerts &s);

    void evaluateQuotas(const ProbeResult &result, AccountAlerts &s, qint64 nowMs,
                        const EffectiveAlertSettings &eff);
    void evaluateFailures(const ProbeResult &result, AccountAlerts &s, qint64 nowMs);
    void evaluateThrottle(const ProbeResult &result, AccountAlerts &s, qint64 nowMs);
    void evaluateToken(const ProbeResult &result, AccountAlerts &s, qint64 nowMs);
    void evaluateBalance(const ProbeResult &pool, const PoolBalance &balance, AccountAlerts &s, qint64 nowMs);
    std::optional<qint64> forecastRunDry(const QString &accountId, const QString &resource, AccountAlerts &s,
                                         qint64 nowMs, qint64 pointMs, qint64 remaining,
                                         std::optional<qint64> resetMs);

    static bool latched(const AccountAlerts &s, const QString &key, qint64 nowMs);
    static bool canFire(const AccountAlerts &s, const QString &key, qint64 nowMs);
    static void fire(AccountAlerts &s, const QString &key, qint64 untilMs, qint64 nowMs);

    AlertStateStore *m_store;
    Clock *m_clock;
    AlertSettings m_settings;
    bool m_accountsEditable = true;
    QHash<QString, AccountAlerts> m_accounts;
};
