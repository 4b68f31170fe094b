#include "session.h"

#include "accountservice.h"
#include "leasekeeper.h"
#include "monitor.h"
#include "poolmonitor.h"
#include "proberecord.h"
#include "teamaccountsync.h"

#include "accounts/accountstore.h"
#include "accounts/credentialsecretstore.h"
#include "accounts/keychainsecretstore.h"
#include "alerts/alertengine.h"
#include "alerts/alertservice.h"
#include "alerts/alertstatestore.h"
#include "alerts/historyalertstatestore.h"
#include "history/historybackend.h"
#include "history/historyfollower.h"
#include "history/pgleases.h"
#include "history/pgteamaccounts.h"

#include <QPointer>

#include <algorithm>

Session::Session(Options options, QObject *parent)
    : QObject(parent)
    , m_options(std::move(options))
{
}

Session::~Session()
{
    m_follower.reset();
    m_othersAlerts.reset();
    // The engine refers to the stores: it goes first.
    m_alerts.reset();
    m_pools.reset();
    m_monitor.reset();
    m_accountService.reset();
}

bool Session::open(QString *error)
{
    auto fail = [error](const QString &message) {
        if (error)
            *error = message;
        return false;
    };
    QList<Account> accounts;
    if (m_options.fixedAccounts) {
        accounts = *m_options.fixedAccounts;
    } else {
        m_store = std::make_unique<AccountStore>();
        QString accountsError;
        if (!m_store->load(&accountsError)) {
            if (m_options.strict)
                return fail(accountsError);
            m_notices << tr("The accounts file could not be read and is left untouched: %1").arg(accountsError);
        }
        accounts = m_store->accounts();
    }
    std::optional<HistoryLocation> location = HistoryLocation::defaultLocation();
    QString historyError;
    if (!m_options.historyLocation.isEmpty())
        location = HistoryLocation::parse(m_options.historyLocation, &historyError);
    // A shared history may hold the team's accounts: asked before giving up.
    const bool teamAccounts = m_store && location && location->isShared();
    if (accounts.isEmpty() && !teamAccounts && !m_options.noAccountsError.isEmpty())
        return fail(m_options.noAccountsError);

    m_alertSettings = AlertSettings::loadDefault();
    m_alertSettings.loadOverrides(accounts);
    if (location) {
        m_historyLocation = *location;
        m_history = location->createBackend();
        if (m_options.retentionDays)
            m_history->setRetentionDays(*m_options.retentionDays);
        // Time below warning in the hourly rollups follows the same thresholds as the states.
        applyThresholdsToHistory(accounts);
    }
    // A history named but unusable is never swapped for another: readings would land where
    // the team does not look.
    if (!location || !m_history->open(location->target, &historyError)) {
        if (m_options.strict)
            return fail(historyError);
        m_notices << tr("The history could not be opened, so nothing is recorded this session: %1").arg(historyError);
    } else {
        if (const QString notice = m_history->takeNotice(); !notice.isEmpty())
            m_notices << notice;
        if (teamAccounts && openTeam(location->target)) {
            accounts = m_store->accounts();
            m_alertSettings.loadOverrides(accounts);
            applyThresholdsToHistory(accounts);
        }
        // Names and providers known before the first result, so charts and exports can name them.
        for (const Account &a : std::as_const(accounts))
            m_history->registerAccount(a.id, a.name, a.presetId);
    }
    if (accounts.isEmpty() && !m_options.noAccountsError.isEmpty())
        return fail(m_options.noAccountsError);

    if (m_options.secrets) {
        m_secrets = m_options.secrets;
    } else if (const QString credentials = CredentialSecretStore::directoryToUse(); !credentials.isEmpty()) {
        // A service on a server: systemd handed over the tokens; there is no keyring to ask.
        m_credentials = std::make_unique<CredentialSecretStore>(credentials);
        m_secrets = m_credentials.get();
    } else {
        m_keychain = std::make_unique<KeychainSecretStore>();
        m_secrets = m_keychain.get();
    }

    m_monitor = std::make_unique<Monitor>(m_secrets, history());
    if (m_options.tuneScheduler)
        m_options.tuneScheduler(m_monitor->scheduler());
    m_monitor->setThresholds(thresholds());
    if (m_historyLocation.isShared() && m_options.leases && history()) {
        m_leases = std::make_unique<PgLeases>();
        QString why;
        if (!m_leases->open(m_historyLocation.target, &why))
            return fail(why);
        // 45 s: a holder that dies is followed, its accounts probed again, inside a minute.
        constexpr qint64 kLeaseMs = 45'000;
        m_keeper = std::make_unique<LeaseKeeper>(m_monitor.get(), m_leases.get(), LeaseKeeper::defaultHolder(), kLeaseMs);
        // A token this machine lacks: leave the account to a process that has it.
        connect(m_monitor.get(), &Monitor::secretUnavailable, this, [this](const QString &id) {
            if (!m_withoutToken.contains(id)) {
                m_withoutToken.insert(id);
                pollAccounts(m_accounts);
                Q_EMIT pollersChanged();
            }
        });
    }
    pollAccounts(accounts);
    checkTokens();

    if (m_options.alerts) {
        m_alertState = std::make_unique<HistoryAlertStateStore>(m_history.get());
        m_alerts = std::make_unique<AlertService>(m_alertState.get());
        m_alerts->setSettings(m_alertSettings);
        m_alerts->engine()->setAccountsEditable(!m_options.fixedAccounts);
        m_alerts->attach(m_monitor.get());
    }

    m_pools = std::make_unique<PoolMonitor>(m_monitor.get(), thresholds());
    m_pools->setAccounts(accounts);
    m_pools->setPools(m_store ? m_store->pools() : m_options.fixedPools);
    registerPools();
    if (m_alerts) {
        // A pool's alerts are an account's (thresholds, forecast, latches), under "pool:NAME".
        connect(m_pools.get(), &PoolMonitor::poolUpdated, m_alerts.get(), [this](const PoolReading &p) {
            PoolBalance balance;
            balance.known = p.answered >= 2;
            balance.imbalanced = p.imbalanced;
            balance.low = p.lowMembers;
            balance.roomy = p.roomyMembers;
            m_alerts->processPool(p.toProbeResult(), balance);
        });
    }

    if (m_store) {
        m_accountService = std::make_unique<AccountService>(m_store.get(), m_secrets);
        // An edit here is the team's too: told before the engine follows it.
        connect(m_accountService.get(), &AccountService::accountsChanged, this, [this] {
            syncTeam();
            followAccounts();
        });
        connect(m_accountService.get(), &AccountService::secretChanged, m_monitor.get(), &Monitor::forgetSecret);
        connect(m_accountService.get(), &AccountService::secretChanged, m_pools.get(), &PoolMonitor::forgetAccount);
        // A token stored or replaced here: the account may be polled here again.
        connect(m_accountService.get(), &AccountService::secretChanged, this, [this](const QString &id) {
            m_tokenChecked.remove(id);
            if (m_withoutToken.remove(id)) {
                pollAccounts(m_accounts);
                Q_EMIT pollersChanged();
            }
            checkTokens();
        });
    }
    if (m_teamSync && m_options.leases) {
        // A long-running session follows the team: accounts added, edited or removed elsewhere,
        // and who polls what.
        m_teamTimer.setInterval(kTeamRefreshMs);
        connect(&m_teamTimer, &QTimer::timeout, this, [this] {
            // While the follower finds the database away, a pass would only wait for libpq's
            // connect timeout on this thread; the follower says when it is back.
            if (m_databaseAway)
                return;
            if (syncTeam())
                followAccounts();
            refreshPollers();
        });
        m_teamTimer.start();
        refreshPollers();
        // What this process holds shows at once, not at the next pass.
        if (m_keeper)
            connect(m_keeper.get(), &LeaseKeeper::heldChanged, this, &Session::refreshPollers);
    }
    if (m_options.followOthers && m_historyLocation.isShared() && history())
        followOthers();
    m_opened = true;
    return true;
}

void Session::checkTokens()
{
    // Asked of every account, not only those this process wins the lease of: an account another
    // process polls is shown read-only here when this machine could not take over.
    if (!m_keeper)
        return;
    QPointer<Session> self(this);
    for (const Account &a : std::as_const(m_accounts)) {
        if (a.auth == AuthScheme::None || m_tokenChecked.contains(a.id))
            continue;
        m_tokenChecked.insert(a.id);
        const QString id = a.id;
        m_secrets->read(id, [self, id](const SecretStore::Result &r) {
            if (!self || r.error != SecretStore::Error::NotFound || self->m_withoutToken.contains(id))
                return;
            self->m_withoutToken.insert(id);
            self->pollAccounts(self->m_accounts);
            Q_EMIT self->pollersChanged();
        });
    }
}

void Session::followOthers()
{
    m_follower = std::make_unique<HistoryFollower>();
    connect(m_follower.get(), &HistoryFollower::samplesCommitted, this, [this](const QList<Sample> &samples) {
        // What this process polls it has shown already, with more than a sample holds.
        const QStringList held = m_keeper ? m_keeper->heldAccounts() : QStringList();
        QList<Sample> others;
        for (const Sample &s : samples)
            if (!std::binary_search(held.cbegin(), held.cend(), s.accountId))
                others << s;
        if (others.isEmpty())
            return;
        if (HistoryBackend *h = history())
            h->announceCommitted(others);
        Q_EMIT storedReadings(others);
        takeOthersReadings(others);
    });
    connect(m_follower.get(), &HistoryFollower::eventsCommitted, this, [this] {
        if (HistoryBackend *h = history())
            h->announceCommittedEvents();
    });
    connect(m_follower.get(), &HistoryFollower::connectionLost, this, [this](const QString &message) {
        m_databaseAway = true;
        report(message);
    });
    connect(m_follower.get(), &HistoryFollower::connectionRestored, this, [this] {
        m_databaseAway = false;
        report(tr("The shared history can be reached again; readings are live."), false);
    });
    if (m_alerts) {
        m_othersAlertState = std::make_unique<MemoryAlertStateStore>();
        m_othersAlerts = std::make_unique<AlertService>(m_othersAlertState.get());
        m_othersAlerts->setSettings(m_alertSettings);
        m_othersAlerts->engine()->setAccountsEditable(!m_options.fixedAccounts);
    }
    m_follower->start(m_historyLocation.target);
}

void Session::takeOthersReadings(const QList<Sample> &samples)
{
    QHash<QString, QList<Sample>> byAccount;
    for (const Sample &s : samples)
        byAccount[s.accountId].append(s);
    for (const Account &a : std::as_const(m_accounts)) {
        const auto it = byAccount.constFind(a.id);
        if (it == byAccount.cend())
            continue;
        const ProbeResult r = fromHistory(a, *it, m_alertSettings.thresholdsFor(a.id));
        if (r.reading.quotas.isEmpty())
            continue;
        m_pools->addResult(r);
        if (m_othersAlerts)
            m_othersAlerts->process(r);
    }
}

bool Session::openTeam(const QString &location)
{
    m_team = std::make_unique<PgTeamAccounts>();
    QString why;
    if (!m_team->open(location, &why)) {
        m_notices << why;
        m_team.reset();
        return false;
    }
    m_teamSync = std::make_unique<TeamAccountSync>(m_store.get(), m_team.get(), LeaseKeeper::defaultHolder().section(u':', 0, 1));
    syncTeam();
    return true;
}

bool Session::syncTeam()
{
    if (!m_teamSync)
        return false;
    const TeamAccountSync::Outcome o = m_teamSync->sync();
    if (!o.ok) {
        // Said once per outage, not at every pass; with a follower, which says that the
        // database is away and back, not at all: one banner for one outage.
        if (!m_teamError && !m_follower) {
            m_teamError = true;
            report(o.error);
        }
        return o.fileChanged;
    }
    if (m_teamError) {
        m_teamError = false;
        if (!m_follower)
            report(tr("The team's accounts are in step again."), false);
    }
    if (!o.removedByTeam.isEmpty())
        report(tr("Removed by the team: %1").arg(o.removedByTeam.join(QStringLiteral(", "))), false);
    for (const QString &line : o.skipped)
        report(line);
    return o.fileChanged;
}

void Session::report(const QString &message, bool problem)
{
    // Before open() returns the message is one of its notices; afterwards, a signal.
    if (m_opened)
        Q_EMIT notice(message, problem);
    else
        m_notices << message;
}

void Session::refreshPollers()
{
    if (!m_leases)
        return;
    qint64 now = 0;
    QString why;
    const QHash<QString, PgLeases::Lease> rows = m_leases->holders(&now, &why);
    if (!why.isEmpty())
        return; // the keeper reports a lost database
    QHash<QString, QString> pollers;
    for (auto it = rows.cbegin(); it != rows.cend(); ++it)
        if (it->expiresAtMs >= now)
            pollers.insert(it.key(), it->holder);
    if (pollers != m_pollers) {
        m_pollers = pollers;
        Q_EMIT pollersChanged();
    }
}

QStringList Session::takeNotices()
{
    return std::exchange(m_notices, {});
}

QList<Account> Session::accounts() const
{
    return m_accounts;
}

void Session::pollAccounts(const QList<Account> &accounts)
{
    m_accounts = accounts;
    if (!m_keeper) {
        m_monitor->setAccounts(accounts);
        return;
    }
    QList<Account> candidates;
    for (const Account &a : accounts)
        if (!m_withoutToken.contains(a.id))
            candidates << a;
    m_keeper->setAccounts(candidates);
}

HistoryBackend *Session::history() const
{
    return m_history && m_history->isOpen() ? m_history.get() : nullptr;
}

void Session::applyThresholdsToHistory(const QList<Account> &accounts)
{
    const double global = m_alertSettings.warningPct / 100.0;
    QHash<QString, double> own;
    for (const Account &a : accounts)
        if (const double f = m_alertSettings.thresholdsFor(a.id).warningPct / 100.0; f != global)
            own.insert(a.id, f);
    if (!m_history)
        return;
    m_history->setWarningFraction(global);
    m_history->setAccountWarningFractions(own);
}

void Session::registerPools()
{
    // A pool's alerts are recorded as events under its own id, so the history names it like an
    // account; by that id too, so an export never mistakes it for an account of the same name.
    if (HistoryBackend *h = history())
        for (const Pool &p : m_pools->pools())
            h->registerAccount(Pool::accountIdOf(p.name), Pool::accountIdOf(p.name), p.presetId);
}

ThresholdsFor Session::thresholds() const
{
    // Read at each call, so new settings apply without re-wiring.
    return [this](const QString &accountId) { return m_alertSettings.thresholdsFor(accountId); };
}

void Session::followAccounts()
{
    const QList<Account> accounts = m_store->accounts();
    if (HistoryBackend *h = history())
        for (const Account &a : accounts)
            h->registerAccount(a.id, a.name, a.presetId);
    m_alertSettings.loadOverrides(accounts);
    if (m_alerts)
        m_alerts->setSettings(m_alertSettings);
    if (m_othersAlerts)
        m_othersAlerts->setSettings(m_alertSettings);
    applyThresholdsToHistory(accounts);
    pollAccounts(accounts);
    checkTokens();
    m_pools->setAccounts(accounts);
    m_pools->setPools(m_store->pools());
    registerPools();
    Q_EMIT accountsChanged();
}

bool Session::applyAlertSettings(const AlertSettings &settings, QString *error)
{
    m_alertSettings = settings;
    if (m_alerts)
        m_alerts->setSettings(settings);
    if (m_othersAlerts)
        m_othersAlerts->setSettings(settings);
    applyThresholdsToHistory(accounts());
    QStringList problems;
    if (!settings.saveDefault())
        problems << tr("The alert settings could not be saved.");
    if (m_accountService) {
        QList<Account> accounts = m_store->accounts();
        settings.storeOverrides(accounts);
        const AccountService::Outcome o = m_accountService->updateAll(accounts);
        if (!o.ok())
            problems << tr("The per-account alert settings could not be saved: %1").arg(o.message);
    }
    if (error)
        *error = problems.join(u' ');
    return problems.isEmpty();
}
