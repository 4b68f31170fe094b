#pragma once

#include "accounts/account.h"
#include "probe/probeclient.h"
#include "probe/proberesult.h"
#include "probe/scheduler.h"

#include <QElapsedTimer>
#include <QHash>
#include <QObject>
#include <QSet>

#include <functional>

class HistoryBackend;
class SecretStore;
class QTimer;

// The monitoring engine without a window: accounts, their secrets, the scheduler, the probe
// client and the history. `headroom watch`, `headroom probe`, the dashboard and the alert
// engine all use this one class; each result is announced only after it was committed.
class Monitor : public QObject
{
    Q_OBJECT
public:
    // `secrets` and `history` are not owned; `history` may be null (nothing recorded, e.g. tests).
    Monitor(SecretStore *secrets, HistoryBackend *history, QObject *parent = nullptr);
    ~Monitor() override;

    void setAccounts(const QList<Account> &accounts);
    QList<Account> accounts() const { return m_accounts; }
    // The token in memory is dropped and read from the store again before the next probe.
    void forgetSecret(const QString &accountId) { m_tokens.remove(accountId); }
    ProbeClient *client() { return &m_client; }
    // Each account's warning and critical thresholds, which decide a result's state.
    void setThresholds(ThresholdsFor thresholds) { m_client.setThresholds(std::move(thresholds)); }
    Scheduler *scheduler() { return &m_scheduler; }
    // Nothing is sent to the account (its main probe and its routes) before monotonic
    // `untilMs` (Scheduler::holdUntil): a wait another process shared.
    void holdUntil(const QString &accountId, qint64 untilMs);
    // The latest Scheduler::heldUntilMs of the account's probes, or nullopt.
    std::optional<qint64> heldUntilMs(const QString &accountId) const;
    // Asked just before each probe goes out; false: it is not sent (counted as not sent). A
    // LeaseKeeper refuses accounts whose lease ran out while the event loop was held up, before
    // its own timer takes them away. Empty: every probe goes out.
    void setSendGate(std::function<bool(const QString &accountId)> gate) { m_sendGate = std::move(gate); }

    // Continuous monitoring on the scheduler's timetable.
    void start();
    void stop();
    bool isRunning() const { return m_running; }
    // Milliseconds since the scheduler last woke (it wakes at least once a minute while
    // running), or nullopt before the first wake-up: what a health check asks.
    std::optional<qint64> msSinceLastTick() const
    {
        return m_lastTickMs ? std::optional<qint64>(m_wallClock.elapsed() - *m_lastTickMs) : std::nullopt;
    }

    // One probe of each named account id (all when empty), bounded per host; runOnceFinished()
    // follows the last result.
    void runOnce(const QStringList &accountIds = {});

    // Asks for a probe of everything now, within the scheduler's limits (the refresh button).
    void refreshAll();
    // The same for one account (the dashboard's per-account refresh).
    void refresh(const QString &accountId);

    // Connected to QNetworkInformation::reachabilityChanged when a backend exists (see
    // watchNetwork()); unit tests call it directly. Every account polls once, spread over the
    // jitter window (Scheduler::networkRegained).
    void onNetworkReachable();
    // Follows the system's network reachability when Qt has a backend for it (NetworkManager
    // here); returns false when there is none, and monitoring runs on the timetable alone.
    bool watchNetwork();

    // Counts of runtime failures since start: keychain unavailable, history write failed.
    int secretFailures() const { return m_secretFailures; }
    int recordFailures() const { return m_recordFailures; }

Q_SIGNALS:
    // A probe's outcome, after HistoryBackend::record committed it.
    void resultRecorded(const ProbeResult &result);
    // The history could not store a result; it is not announced as recorded.
    void recordFailed(const ProbeResult &result, const QString &message);
    // The keychain could not give a token (message says what to install or unlock).
    void secretUnavailable(const QString &accountId, const QString &message);
    void runOnceFinished();

private:
    void tick();
    void armTimer();
    void launch(const QString &id);
    void withSecret(const Account &a, std::function<void(bool ok, const QString &tokenOrMessage)> then);
    void finish(const QString &id, const ProbeResult &r);
    // What the scheduler schedules: an account's main probe (key = account id) and each of its
    // routes (key = id + '#' + route name), with the account as that probe sends it.
    struct Target
    {
        QString accountId;
        QString route; // empty: the main probe
        Account probe; // the account, its probe path replaced by the route's
    };
    static QList<Target> targetsOf(const Account &a);
    QStringList keysOf(const QString &accountId) const;

    std::function<bool(const QString &)> m_sendGate;
    SecretStore *m_secrets;
    HistoryBackend *m_history;
    ProbeClient m_client;
    Scheduler m_scheduler;
    QList<Account> m_accounts;
    QHash<QString, Account> m_byId;
    QHash<QString, Target> m_targets; // by scheduler key
    QSet<QString> m_registered;
    QHash<QString, AccountState> m_lastState; // per target, at its last recorded probe
    QHash<QString, QString> m_tokens; // in memory only, read once from the keychain
    QTimer *m_timer;
    QElapsedTimer m_wallClock;      // the timer's own time base (real, not the Clock seam)
    qint64 m_timerTargetMs = 0;     // when m_timer fires, on m_wallClock
    static constexpr qint64 kSlotMs = 250;
    bool m_running = false;
    std::optional<qint64> m_lastTickMs; // m_wallClock's reading
    bool m_once = false;
    Scheduler::Tuning m_savedTuning;
    QSet<QString> m_oncePending;
    int m_secretFailures = 0;
    int m_recordFailures = 0;
};
