#include "dashboard.h"

#include "accounts/accountstore.h"
#include "accounts/keychainsecretstore.h"
#include "accounts/memorysecretstore.h"
#include "alerts/alertservice.h"
#include "alerts/historyalertstatestore.h"
#include "core/clock.h"
#include "demo.h"
#include "engine/monitor.h"
#include "history/historystore.h"
#include "accountdialog.h"
#include "accounttablemodel.h"
#include "alertsettingsdialog.h"
#include "exportdialog.h"
#include "mainwindow.h"
#include "pasteresponsedialog.h"
#include "settingstable.h"
#include "trayicon.h"
#include "uisettings.h"

#include <QCoreApplication>


Dashboard::Dashboard(bool demo, QObject *parent)
    : QObject(parent)
    , m_isDemo(demo)
{
}

Dashboard::~Dashboard()
{
    // The window and the engine refer to the stores: they go first.
    m_window.reset();
    m_alerts.reset();
    m_monitor.reset();
}

bool Dashboard::start(QString *error)
{
    QStringList notices;
    QList<Account> accounts;
    m_history = std::make_unique<HistoryStore>();
    m_history->setRetentionDays(SettingsTable::retentionDays());

    if (m_isDemo) {
        m_demo = new Demo(this);
        if (!m_demo->start(error))
            return false;
        m_secrets = m_demo->secrets();
        // A real file, removed at exit: the demo's history behaves as a real one does, export
        // included, and never touches the user's own.
        m_demoDir = std::make_unique<QTemporaryDir>();
        QString historyError;
        if (!m_demoDir->isValid() || !m_history->open(m_demoDir->filePath(QStringLiteral("history.sqlite")), &historyError)) {
            if (error)
                *error = historyError.isEmpty() ? m_demoDir->errorString() : historyError;
            return false;
        }
        accounts = m_demo->accounts();
    } else {
        m_ownedSecrets = std::make_unique<KeychainSecretStore>();
        m_secrets = m_ownedSecrets.get();
        QString historyError;
        if (!m_history->open(HistoryStore::defaultPath(), &historyError))
            notices << tr("The history could not be opened, so nothing is recorded this session: %1").arg(historyError);
        m_accountStore = std::make_unique<AccountStore>();
        QString accountsError;
        if (!m_accountStore->load(&accountsError))
            notices << tr("The accounts file could not be read and is left untouched: %1").arg(accountsError);
        accounts = m_accountStore->accounts();
    }
    if (m_history->isOpen()) {
        const QString notice = m_history->takeNotice();
        if (!notice.isEmpty())
            notices << notice;
        for (const Account &a : std::as_const(accounts))
            m_history->registerAccount(a.id, a.name, a.presetId);
    }

    HistoryStore *history = m_history->isOpen() ? m_history.get() : nullptr;
    m_monitor = std::make_unique<Monitor>(m_secrets, history);
    if (m_isDemo)
        Demo::tune(m_monitor->scheduler());
    m_alertState = std::make_unique<HistoryAlertStateStore>(m_history.get());
    m_alerts = std::make_unique<AlertService>(m_alertState.get());
    {
        AlertSettings s = AlertSettings::loadDefault();
        s.loadOverrides(accounts);
        m_alerts->setSettings(s);
    }
    m_alerts->attach(m_monitor.get());
    // The alert settings' thresholds classify every state: probes, table, chart, tray, rollups.
    m_monitor->setThresholds(thresholds());
    m_history->setWarningFraction(m_alerts->settings().warningPct / 100.0);

    m_window = std::make_unique<MainWindow>(history);
    m_window->setThresholds(thresholds());
    m_window->setDemoMode(m_isDemo);
    m_window->setAccounts(accounts);
    if (m_isDemo) {
        notices.prepend(tr("Demo: %n simulated account(s) on 127.0.0.1 with a day of synthetic history. "
                           "No token and no keychain are used; nothing is saved.",
                           nullptr, int(accounts.size())));
    }
    if (!notices.isEmpty())
        m_window->showBanner(notices.join(u'\n'), !m_isDemo && notices.size() > 0);
    wire();

    m_monitor->setAccounts(accounts);
    m_monitor->start();
    // Back online after a suspend or a lost link: every account polls once, spread out.
    m_monitor->watchNetwork();
    updateNextProbe();
    return true;
}

void Dashboard::wire()
{
    MainWindow *w = m_window.get();
    connect(m_monitor.get(), &Monitor::resultRecorded, this, &Dashboard::onResult);
    // A large history is checked in full only after start-up; damage found then is shown then.
    connect(m_history.get(), &HistoryStore::damageFound, w, [w](const QString &notice) { w->showBanner(notice, true); });
    connect(m_monitor.get(), &Monitor::secretUnavailable, w,
            [w](const QString &, const QString &message) { w->showBanner(message, true); });
    connect(m_monitor.get(), &Monitor::recordFailed, w, [w](const ProbeResult &r, const QString &message) {
        w->recordProbe(r); // still shown, only not kept
        w->showBanner(message, true);
    });
    // No notification server (or none answering): the window shows the alert instead.
    // The banner always shows it; a tray balloon too where a tray exists.
    connect(m_alerts->notifier(), &Notifier::fallbackRequested, w, [this, w](const QString &title, const QString &body,
                                                                           int urgency) {
        w->showBanner(title + QStringLiteral(" — ") + body);
        if (m_tray)
            m_tray->showMessage(title, body, urgency >= 2);
    });
    connect(m_alerts->notifier(), &Notifier::openRequested, w, [w](const QString &id) {
        w->selectAccount(id);
        w->show();
        w->raise();
        w->activateWindow();
    });
    connect(w, &MainWindow::probeAllRequested, m_monitor.get(), &Monitor::refreshAll);
    connect(w, &MainWindow::probeRequested, this, [this](const QString &id) {
        // Through the monitor, which re-arms its timer: "Probe now" must not wait for the next wake-up.
        m_monitor->refresh(id);
        updateNextProbe();
    });
    connect(w, &MainWindow::snoozeRequested, m_alerts.get(),
            [this](const QString &id, const QDateTime &until) { m_alerts->engine()->snoozeUntil(id, until); });
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

    m_tray = new TrayIcon(w, this);
    w->setTrayIcon(m_tray);
    connect(m_tray, &TrayIcon::probeAllRequested, m_monitor.get(), &Monitor::refreshAll);
    connect(m_tray, &TrayIcon::quitRequested, qApp, &QCoreApplication::quit);

    m_nextProbeTimer.setInterval(1000);
    connect(&m_nextProbeTimer, &QTimer::timeout, this, &Dashboard::updateNextProbe);
    m_nextProbeTimer.start();
}

void Dashboard::onResult(const ProbeResult &result)
{
    if (m_demo)
        m_demo->backfill(m_history.get(), result);
    m_window->recordProbe(result);
    updateTray();
}

ThresholdsFor Dashboard::thresholds() const
{
    // Read at each call, so an edit in the alert settings applies without re-wiring.
    return [this](const QString &accountId) { return m_alerts->settings().thresholdsFor(accountId); };
}

void Dashboard::updateTray()
{
    // The states the table shows (thresholds and staleness applied), so tray and table agree.
    const AccountTableModel *model = m_window->accountModel();
    QList<QPair<QString, AccountState>> states;
    for (int i = 0; i < model->rowCount(); ++i) {
        const QModelIndex row = model->index(i, AccountTableModel::Name);
        states.append({row.data().toString(), AccountState(row.data(AccountTableModel::StateRole).toInt())});
    }
    m_tray->setStates(states);
}

void Dashboard::editAccount(const QString &accountId)
{
    if (!m_accountStore) {
        m_window->showBanner(tr("The demo's accounts are fixed: run Headroom without --demo to add your own."));
        return;
    }
    std::unique_ptr<AccountDialog> d = accountId.isEmpty()
        ? std::make_unique<AccountDialog>(m_accountStore.get(), m_secrets, m_window.get())
        : std::make_unique<AccountDialog>(m_accountStore.get(), m_secrets, accountId, m_window.get());
    d->setProbeClient(m_monitor->client());
    const int result = d->exec();
    if (result == QDialog::Rejected)
        return;
    // The dialog saved the store (and the keychain); the engine and the window follow it.
    const QList<Account> accounts = m_accountStore->accounts();
    for (const Account &a : accounts) {
        if (m_history->isOpen())
            m_history->registerAccount(a.id, a.name, a.presetId);
    }
    m_monitor->setAccounts(accounts);
    if (result == AccountDialog::Removed) {
        m_window->removeAccount(accountId);
        return;
    }
    for (const Account &a : accounts)
        m_window->addOrUpdateAccount(a);
}

void Dashboard::exportReport()
{
    QStringList names;
    for (const Account &a : m_monitor->accounts())
        names << a.name;
    ExportDialog d(m_history->isOpen() ? m_history->path() : HistoryStore::defaultPath(), names, m_window.get());
    d.exec();
}

void Dashboard::editAlertSettings()
{
    QList<QPair<QString, QString>> accounts;
    QHash<QString, QDateTime> snoozes;
    for (const Account &a : m_monitor->accounts()) {
        accounts.append({a.id, a.name});
        const QDateTime until = m_alerts->engine()->snoozedUntil(a.id);
        if (until.isValid())
            snoozes.insert(a.id, until);
    }
    AlertSettingsDialog d(m_alerts->settings(), accounts, m_window.get());
    d.setSnoozes(snoozes);
    if (d.exec() != QDialog::Accepted)
        return;
    const AlertSettings settings = d.settings();
    m_alerts->setSettings(settings);
    m_history->setWarningFraction(settings.warningPct / 100.0);
    m_window->setThresholds(thresholds());
    updateTray();
    for (const SnoozeRequest &r : d.snoozeRequests())
        m_alerts->engine()->applySnooze(r);
    if (!settings.saveDefault())
        m_window->showBanner(tr("The alert settings could not be saved."), true);
    if (m_accountStore) {
        QList<Account> accounts = m_accountStore->accounts();
        settings.storeOverrides(accounts);
        // In place, so the file keeps its order; update() re-validates each account.
        for (const Account &a : std::as_const(accounts))
            m_accountStore->update(a);
        m_monitor->setAccounts(m_accountStore->accounts());
        QString error;
        if (!m_accountStore->save(&error))
            m_window->showBanner(tr("The per-account alert settings could not be saved: %1").arg(error), true);
    }
}

void Dashboard::updateNextProbe()
{
    const Scheduler *s = m_monitor->scheduler();
    const qint64 nowMono = Clock::instance()->monotonicMs();
    QString nextName;
    qint64 nextDue = -1;
    for (const Account &a : m_monitor->accounts()) {
        const qint64 due = s->nextDueMs(a.id);
        if (due >= 0 && (nextDue < 0 || due < nextDue)) {
            nextDue = due;
            nextName = a.name;
        }
    }
    m_window->setNextProbe(nextName, nextDue < 0 ? QDateTime()
                                                 : Clock::instance()->nowUtc().addMSecs(std::max<qint64>(0, nextDue - nowMono)));
}

QList<Account> Dashboard::currentAccounts() const
{
    return m_monitor->accounts();
}

void Dashboard::removeAccount(const QString &accountId)
{
    QList<Account> accounts = currentAccounts();
    accounts.erase(std::remove_if(accounts.begin(), accounts.end(), [&](const Account &a) { return a.id == accountId; }),
                   accounts.end());
    if (m_accountStore) {
        m_accountStore->removeById(accountId);
        QString error;
        if (!m_accountStore->save(&error)) {
            m_window->showBanner(tr("The account could not be removed: %1").arg(error), true);
            return;
        }
    }
    m_secrets->remove(accountId, [](const SecretStore::Result &) {});
    m_monitor->setAccounts(accounts);
    m_window->removeAccount(accountId);
    updateTray();
}
