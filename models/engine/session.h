#pragma once

#include "accounts/pool.h"
#include "alerts/alertsettings.h"
#include "core/accountstate.h"
#include "history/historylocation.h"
#include "history/historytypes.h"

#include <QList>
#include <QObject>
#include <QHash>
#include <QSet>
#include <QTimer>
#include <QStringList>

#include <functional>
#include <memory>
#include <optional>

class AccountService;
class AccountStore;
class AlertService;
class CredentialSecretStore;
class HistoryAlertStateStore;
class HistoryBackend;
class HistoryFollower;
class MemoryAlertStateStore;
class LeaseKeeper;
class PgLeases;
class PgTeamAccounts;
class TeamAccountSync;
class KeychainSecretStore;
class Monitor;
class PoolMonitor;
class Scheduler;
class SecretStore;
struct Account;

// One set-up of the engine for `headroom probe`, `headroom watch` and the dashboard: the
// accounts, their secrets, the user's thresholds, the history, the monitor and the alerts,
// wired the same way for all three, so they cannot drift apart. The command or window on top
// only decides what to show.
class Session : public QObject
{
    Q_OBJECT
public:
    struct Options
    {
        // Where the history lives (HistoryLocation: sqlite:PATH, a path, or postgresql://…);
        // empty: the user's history file. The demo passes a throw-away file.
        QString historyLocation;
        // The command line stops at an accounts file it cannot read or a history it cannot
        // open; the dashboard runs on (read-only accounts, nothing recorded) and says so in
        // takeNotices().
        bool strict = true;
        std::optional<int> retentionDays;
        // Not owned. Empty: the OS keychain (see keychain()), or systemd's credentials in a
        // service on a machine without a Secret Service (CredentialSecretStore).
        SecretStore *secrets = nullptr;
        // The demo's accounts: no accounts file is read or written, and accountService() is null.
        std::optional<QList<Account>> fixedAccounts;
        // The demo's pools, with fixedAccounts.
        QList<Pool> fixedPools;
        // `probe` raises no alerts; `watch` and the dashboard do.
        bool alerts = true;
        // When set, a session with no accounts fails with this message before it opens
        // anything: a command with nothing to do leaves no history file behind.
        QString noAccountsError;
        // Adjusts the scheduler before the first account is added (the demo's faster pace).
        std::function<void(Scheduler *)> tuneScheduler;
        // On a shared (PostgreSQL) history, poll an account only while holding its lease, so
        // every token is probed by one process at a time (`watch`, the dashboard); `probe` is a
        // one-off the user asked for and takes none.
        bool leases = false;
        // On a shared history, follow what other processes record (the dashboard):
        // storedReadings() delivers their readings within seconds of each commit.
        bool followOthers = false;
    };

    explicit Session(Options options, QObject *parent = nullptr);
    ~Session() override;

    // Reads the accounts and the thresholds, opens the history and builds the monitor (and the
    // alerts). False with *error when the session cannot run at all.
    bool open(QString *error);
    // What the user should be told about the start (a repaired history, an unreadable accounts
    // file the session runs without); taken once.
    QStringList takeNotices();

    QList<Account> accounts() const;
    Monitor *monitor() const { return m_monitor.get(); }
    // Null when the history is not open (a dashboard whose history could not be opened).
    HistoryBackend *history() const;
    // The lease keeper on a shared history with Options::leases, else null. Started by the
    // caller with the monitor (LeaseKeeper::start) and stopped before it.
    LeaseKeeper *leaseKeeper() const { return m_keeper.get(); }
    // Where the history is (or was to be): what the user named, or the default file.
    const HistoryLocation &historyLocation() const { return m_historyLocation; }
    AlertService *alerts() const { return m_alerts.get(); }
    // Alerts of the readings other processes record (Options::followOthers with alerts): desktop
    // notifications here, with their state in memory, so no process adds a second copy of the
    // poller's alert events to the shared history. Null otherwise.
    AlertService *othersAlerts() const { return m_othersAlerts.get(); }
    SecretStore *secrets() const { return m_secrets; }
    // The keychain the session opened itself, for a command line's "waiting for the keyring"
    // notice; null when Options::secrets was given.
    KeychainSecretStore *keychain() const { return m_keychain.get(); }
    // Null for fixed accounts (the demo), and when the accounts file could not be read: a file
    // that does not parse is never overwritten.
    AccountService *accountService() const { return m_accountService.get(); }
    // The pools' readings, from their members' results (Options::fixedPools for fixed accounts).
    PoolMonitor *pools() const { return m_pools.get(); }

    // The user's thresholds, per account, read at each call: every state Headroom shows comes
    // from these.
    ThresholdsFor thresholds() const;
    const AlertSettings &alertSettings() const { return m_alertSettings; }
    // New alert settings for the alerts, the states and the history's time below warning;
    // the per-account parts are stored with the accounts. False with *error when they could not
    // be saved (they apply for this session anyway).
    bool applyAlertSettings(const AlertSettings &settings, QString *error);

    // On a shared history with leases: which process polls each account now (its lease
    // holder, "host:pid:…"), refreshed with the team's accounts every kTeamRefreshMs.
    QHash<QString, QString> pollers() const { return m_pollers; }
    // Accounts whose token this machine lacks: shown, polled by another process, never here.
    QSet<QString> accountsWithoutToken() const { return m_withoutToken; }
    // How often a long-running session on a shared history reads the team's accounts and the
    // leases.
    static constexpr int kTeamRefreshMs = 10'000;

Q_SIGNALS:
    // The account list changed (added, edited, removed, here or by the team); the monitor
    // already follows it.
    void accountsChanged();
    void pollersChanged();
    // Something the user should know that happened after open(): the team removed an account,
    // the team's accounts could not be read (a problem), the shared history is back (not one).
    void notice(const QString &message, bool problem);
    // Readings another process committed for accounts this session does not poll
    // (Options::followOthers), newest per account and resource.
    void storedReadings(const QList<Sample> &samples);

private:
    bool openTeam(const QString &location);
    // One pass of the team sync; true when this machine's accounts changed.
    bool syncTeam();
    void refreshPollers();
    void followOthers();
    // A reading another process recorded, for the pools and this process's alerts.
    void takeOthersReadings(const QList<Sample> &samples);
    // Learns which accounts' tokens this machine lacks (shared history), for those not asked yet.
    void checkTokens();
    void report(const QString &message, bool problem = true);
    void followAccounts();
    void registerPools();
    void applyThresholdsToHistory(const QList<Account> &accounts);
    // The monitor's accounts, or the keeper's candidates on a shared history.
    void pollAccounts(const QList<Account> &accounts);

    Options m_options;
    QStringList m_notices;
    AlertSettings m_alertSettings;
    std::unique_ptr<AccountStore> m_store;
    std::unique_ptr<KeychainSecretStore> m_keychain;
    std::unique_ptr<CredentialSecretStore> m_credentials;
    SecretStore *m_secrets = nullptr;
    std::unique_ptr<HistoryBackend> m_history;
    HistoryLocation m_historyLocation;
    std::unique_ptr<Monitor> m_monitor;
    // After the monitor, so destroyed before it: the keeper releases its leases first.
    std::unique_ptr<PgLeases> m_leases;
    std::unique_ptr<LeaseKeeper> m_keeper;
    QSet<QString> m_withoutToken; // accounts whose token this machine lacks: never leased here
    QSet<QString> m_tokenChecked;
    std::unique_ptr<HistoryFollower> m_follower;
    std::unique_ptr<MemoryAlertStateStore> m_othersAlertState;
    std::unique_ptr<AlertService> m_othersAlerts;
    std::unique_ptr<PgTeamAccounts> m_team;
    std::unique_ptr<TeamAccountSync> m_teamSync;
    bool m_teamError = false;
    bool m_opened = false;
    bool m_databaseAway = false; // the follower cannot reach the shared history
    QTimer m_teamTimer;
    QHash<QString, QString> m_pollers;
    QList<Account> m_accounts;    // every configured account (the monitor may poll fewer)
    std::unique_ptr<HistoryAlertStateStore> m_alertState;
    std::unique_ptr<AlertService> m_alerts;
    std::unique_ptr<AccountService> m_accountService;
    std::unique_ptr<PoolMonitor> m_pools;
};
