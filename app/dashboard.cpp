#include "dashboard.h"

#include "accounts/memorysecretstore.h"
#include "alerts/alertservice.h"
#include "core/clock.h"
#include "demo.h"
#include "engine/accountservice.h"
#include "engine/leasekeeper.h"
#include "engine/monitor.h"
#include "engine/poolhistory.h"
#include "engine/poolmonitor.h"
#include "engine/session.h"
#include "history/historystore.h"
#include "accountdialog.h"
#include "accounttablemodel.h"
#include "alertsettingsdialog.h"
#include "exportdialog.h"
#include "historysettingsdialog.h"
#include "mainwindow.h"
#include "pasteresponsedialog.h"
#include "settingstable.h"
#include "trayicon.h"
#include "uisettings.h"

#include <QCoreApplication>
#include <QPointer>
#include <QSet>


Dashboard::Dashboard(bool demo, QObject *parent)
    : QObject(parent)
    , m_isDemo(demo)
{
}

Dashboard::~Dashboard()
{
    // The window refers to the engine and the stores: it goes first.
    m_window.reset();
    m_session.reset();
}

bool Dashboard::start(QString *error)
{
    Session::Options options;
    options.strict = false;
    options.retentionDays = SettingsTable::retentionDays();
    options.historyLocation = SettingsTable::historyLocation();
    // On a shared history the dashboard polls only what it holds the leases of, like watch.
    options.leases = true;
    options.followOthers = true;
    if (m_isDemo) {
        m_demo = new Demo(this);
        if (!m_demo->start(error))
            return false;
        // A real file, removed at exit: the demo's history behaves as a real one does, export
        // included, and never touches the user's own.
        m_demoDir = std::make_unique<QTemporaryDir>();
        if (!m_demoDir->isValid()) {
            if (error)
                *error = m_demoDir->errorString();
            return false;
        }
        options.historyLocation = m_demoDir->filePath(QStringLiteral("history.sqlite"));
        options.secrets = m_demo->secrets();
        options.fixedAccounts = m_demo->accounts();
        options.fixedPools = m_demo->pools();
        options.tuneScheduler = &Demo::tune;
        // The demo's history is its own: failing to create it is a failure of the demo.
        options.strict = true;
    }
    m_session = std::make_unique<Session>(options);
    if (!m_session->open(error))
        return false;
    QStringList notices = m_session->takeNotices();
    const QList<Account> accounts = m_session->accounts();

    m_window = std::make_unique<MainWindow>(m_session->history());
    m_window->setThresholds(m_session->thresholds());
    m_window->setDemoMode(m_isDemo);
    m_window->setAccounts(accounts);
    m_window->setPools(m_session->pools()->pools());
    for (const Account &a : accounts)
        m_shownIds.insert(a.id);
    if (m_isDemo) {
        notices.prepend(tr("Demo: %n simulated account(s) on 127.0.0.1 with a day of synthetic history. "
                           "No token and no keychain are used; nothing is saved.",
                           nullptr, int(accounts.size())));
    }
    if (!notices.isEmpty())
        m_window->showBanner(notices.join(u'\n'), !m_isDemo);
    wire();

    Monitor *monitor = m_session->monitor();
    monitor->start();
    if (LeaseKeeper *keeper = m_session->leaseKeeper()) {
        connect(keeper, &LeaseKeeper::error, m_window.get(), [w = m_window.get()](const QString &m) { w->showBanner(m, true); });
        keeper->start();
        updatePollers();
    }
    // Back online after a suspend or a lost link: every account polls once, spread out.
    monitor->watchNetwork();
    updateNextProbe();
    return true;
}

HistoryBackend *Dashboard::history() const
{
    return m_session ? m_session->history() : nullptr;
}

Monitor *Dashboard::monitor() const
{
    return m_session ? m_session->monitor() : nullptr;
}

void Dashboard::wire()
{
    MainWindow *w = m_window.get();
    Monitor *monitor = m_session->monitor();
    AlertService *alerts = m_session->alerts();
    connect(monitor, &Monitor::resultRecorded, this, &Dashboard::onResult);
    // A large history is checked in full only after start-up; damage found then is shown then.
    if (HistoryBackend *history = m_session->history())
        connect(history, &HistoryBackend::damageFound, w, [w](const QString &notice) { w->showBanner(notice, true); });
    // An account added, edited or removed, from the dialog or the table: the window follows.
    connect(m_session.get(), &Session::accountsChanged, this, &Dashboard::followAccounts);
    // A token the keychain cannot give is a failed probe of that account: its line in "Needs
    // attention" says so and goes when the keychain answers again, which a banner would not.
    connect(monitor, &Monitor::recordFailed, w, [w](const ProbeResult &r, const QString &message) {
        w->recordProbe(r); // still shown, only not kept
        w->showBanner(message, true);
    });
    // No notification server (or none answering): a tray balloon where a tray exists. The
    // window needs no copy of the alert: its "Needs attention" list shows the condition itself,
    // kept current by every reading, and the event log keeps the alert.
    // The alerts of readings other processes record (a shared history) notify the same way.
    QList<AlertService *> allAlerts{alerts};
    if (AlertService *others = m_session->othersAlerts())
        allAlerts << others;
    for (AlertService *a : std::as_const(allAlerts)) {
        connect(a->notifier(), &Notifier::fallbackRequested, this,
                [this](const QString &title, const QString &body, int urgency) {
                    if (m_tray)
                        m_tray->showMessage(title, body, urgency >= 2);
                });
        connect(a->notifier(), &Notifier::openRequested, w, [w](const QString &id) {
            w->selectAccount(id);
            w->show();
            w->raise();
            w->activateWindow();
        });
    }
    connect(m_session->pools(), &PoolMonitor::poolUpdated, w, &MainWindow::recordPoolReading);
    // A shared history: the team's changes, who polls what, and readings other processes record.
    connect(m_session.get(), &Session::notice, w, &MainWindow::showBanner);
    connect(m_session.get(), &Session::pollersChanged, this, &Dashboard::updatePollers);
    connect(m_session.get(), &Session::storedReadings, w, &MainWindow::recordStoredSamples);
    connect(w, &MainWindow::probeAllRequested, monitor, &Monitor::refreshAll);
    connect(w, &MainWindow::probeRequested, this, [this](const QString &id) {
        // Through the monitor, which re-arms its timer: "Probe now" must not wait for the next wake-up.
        m_session->monitor()->refresh(id);
        updateNextProbe();
    });
    connect(w, &MainWindow::snoozeRequested, alerts, [allAlerts](const QString &id, const QDateTime &until) {
        for (AlertService *a : allAlerts)
            a->engine()->snoozeUntil(id, until);
    });
    connect(w, &MainWindow::removeAccountRequested, this, &Dashboard::removeAccount);
    connect(w, &MainWindow::addAccountRequested, this, [this] { editAccount({}); });
    connect(w, &MainWindow::editAccountRequested, this, &Dashboard::editAccount);
    connect(w, &MainWindow::exportRequested, this, &Dashboard::exportReport);
    connect(w, &MainWindow::pasteResponseRequested, w, [w] {
        auto *d = new PasteResponseDialog(w);
        d->setAttribute(Qt::WA_DeleteOnClose);
        d->show();
    });
    connect(w, &MainWindow::alertSettingsRequested, this, &Dashboard::editAlertSettings);
    connect(w, &MainWindow::historySettingsRequested, this, &Dashboard::editHistorySettings);

    m_tray = new TrayIcon(w, this);
    w->setTrayIcon(m_tray);
    connect(m_tray, &TrayIcon::probeAllRequested, monitor, &Monitor::refreshAll);
    connect(m_tray, &TrayIcon::quitRequested, qApp, &QCoreApplication::quit);

    m_nextProbeTimer.setInterval(1000);
    connect(&m_nextProbeTimer, &QTimer::timeout, this, &Dashboard::updateNextProbe);
    m_nextProbeTimer.start();
}

void Dashboard::onResult(const ProbeResult &result)
{
    if (m_demo)
        m_demo->backfill(m_session->history(), result);
    m_window->recordProbe(result);
    updateTray();
}

void Dashboard::updateTray()
{
    // The states the table shows (thresholds and staleness applied), so tray and table agree.
    // Every account, pooled or not: a pool's members are not top-level rows.
    m_tray->setStates(m_window->accountModel()->accountStates());
}

void Dashboard::editAccount(const QString &accountId)
{
    AccountService *service = m_session->accountService();
    if (!service) {
        m_window->showBanner(tr("The demo's accounts are fixed: run Headroom without --demo to add your own."));
        return;
    }
    std::unique_ptr<AccountDialog> d = accountId.isEmpty()
        ? std::make_unique<AccountDialog>(service, m_window.get())
        : std::make_unique<AccountDialog>(service, accountId, m_window.get());
    d->setProbeClient(m_session->monitor()->client());
    // The dialog changes the account through the session's AccountService, whose
    // accountsChanged() brings the monitor and the window up to date.
    d->exec();
}

void Dashboard::followAccounts()
{
    const QList<Account> accounts = m_session->accounts();
    QSet<QString> present;
    for (const Account &a : accounts) {
        present.insert(a.id);
        m_window->addOrUpdateAccount(a);
    }
    for (const QString &id : std::as_const(m_shownIds))
        if (!present.contains(id))
            m_window->removeAccount(id);
    m_shownIds = present;
    m_window->setPools(m_session->pools()->pools());
    updateTray();
}

void Dashboard::updatePollers()
{
    const LeaseKeeper *keeper = m_session->leaseKeeper();
    m_window->setPollers(m_session->pollers(), keeper ? keeper->holder() : QString(),
                         m_session->accountsWithoutToken());
}

void Dashboard::exportReport()
{
    QStringList names;
    for (const Account &a : m_session->accounts())
        names << a.name;
    ExportDialog d(m_session->historyLocation().target, names, m_window.get());
    // The summary's pool rows, with the buckets this session's readings found shared.
    QList<ReportPool> pools;
    for (const Pool &pool : m_session->pools()->pools())
        pools.append({pool.name, pool.presetId, pool.memberIds,
                      PoolHistory::sharedGroups(m_session->pools()->tracker(pool.name), pool)});
    d.setPools(pools);
    d.exec();
}

void Dashboard::editAlertSettings()
{
    AlertEngine *engine = m_session->alerts()->engine();
    QList<QPair<QString, QString>> accounts;
    QHash<QString, QDateTime> snoozes;
    for (const Account &a : m_session->accounts()) {
        accounts.append({a.id, a.name});
        const QDateTime until = engine->snoozedUntil(a.id);
        if (until.isValid())
            snoozes.insert(a.id, until);
    }
    AlertSettingsDialog d(m_session->alertSettings(), accounts, m_window.get());
    d.setSnoozes(snoozes);
    if (d.exec() != QDialog::Accepted)
        return;
    QString error;
    const bool saved = m_session->applyAlertSettings(d.settings(), &error);
    m_window->setThresholds(m_session->thresholds());
    updateTray();
    for (const SnoozeRequest &r : d.snoozeRequests()) {
        engine->applySnooze(r);
        if (AlertService *others = m_session->othersAlerts())
            others->engine()->applySnooze(r);
    }
    if (!saved)
        m_window->showBanner(error, true);
}

// The dialog edits the stored `history` setting, the one `headroom settings set history` writes;
// the session keeps the history it opened until the next start.
void Dashboard::editHistorySettings()
{
    const std::optional<HistoryLocation> stored =
        HistoryLocation::parse(SettingsTable::value(QStringLiteral("history")), nullptr);
    const HistoryLocation configured = stored.value_or(HistoryLocation::defaultLocation());
    const HistoryLocation &inUse = m_session->historyLocation();
    HistorySettingsDialog d(configured, m_window.get());
    using InUse = HistorySettingsDialog::InUse;
    // Only --history makes a real run use another history than the setting names.
    const InUse why = m_isDemo ? InUse::Demo
        : inUse.toString() != configured.toString() ? InUse::CommandLine
                                                     : InUse::Setting;
    d.setInUse(inUse, why);
    if (d.exec() != QDialog::Accepted || !d.isChanged())
        return;
    const HistoryLocation chosen = *d.location();
    if (m_isDemo) {
        m_window->showBanner(tr("The demo changes no settings. To keep the history in %1, choose it here without "
                                "--demo, or run: headroom settings set history %1")
                                 .arg(chosen.toString()));
        return;
    }
    const QString history = QStringLiteral("history");
    QString error;
    // The default file is stored as no setting at all, so it follows XDG_DATA_HOME as before.
    const bool isDefault = chosen.toString() == HistoryLocation::defaultLocation().toString();
    const SettingsTable::Outcome outcome =
        isDefault ? SettingsTable::unset(history, &error) : SettingsTable::set(history, chosen.toString(), &error);
    if (outcome != SettingsTable::Outcome::Ok) {
        m_window->showBanner(tr("The history setting was not saved: %1").arg(error), true);
        return;
    }
    if (chosen.toString() != inUse.toString())
        m_window->showBanner(tr("The history moves to %1 at the next start. What is in %2 stays there; "
                                "copy it with: headroom history migrate --from %2 --to %1")
                                 .arg(chosen.toString(), inUse.toString()));
}

void Dashboard::updateNextProbe()
{
    Monitor *monitor = m_session->monitor();
    const Scheduler *s = monitor->scheduler();
    const qint64 nowMono = Clock::instance()->monotonicMs();
    QString nextName;
    qint64 nextDue = -1;
    for (const Account &a : monitor->accounts()) {
        const qint64 due = s->nextDueMs(a.id);
        if (due >= 0 && (nextDue < 0 || due < nextDue)) {
            nextDue = due;
            nextName = a.name;
        }
    }
    m_window->setNextProbe(nextName, nextDue < 0 ? QDateTime()
                                                 : Clock::instance()->nowUtc().addMSecs(std::max<qint64>(0, nextDue - nowMono)));
}

void Dashboard::removeAccount(const QString &accountId)
{
    AccountService *service = m_session->accountService();
    if (!service) {
        m_window->showBanner(tr("The demo's accounts are fixed: run Headroom without --demo to add your own."));
        return;
    }
    QPointer<MainWindow> w = m_window.get();
    // Keychain, then file, undone together: the window follows through accountsChanged().
    service->remove(accountId, [w](const AccountService::Outcome &o) {
        if (w && !o.ok())
            w->showBanner(tr("The account could not be removed: %1").arg(o.message), true);
    });
}
