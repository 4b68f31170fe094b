#pragma once

#include "probe/proberesult.h"

#include <QList>
#include <QObject>
#include <QTemporaryDir>
#include <QTimer>

#include <memory>

class AccountStore;
class AlertService;
class Demo;
class HistoryAlertStateStore;
class HistoryStore;
class MainWindow;
class Monitor;
class SecretStore;
class TrayIcon;
struct Account;
struct ProbeResult;

// The composition root of the window: stores, monitor, alert engine and MainWindow, wired
// together. Real mode: accounts.json, the keychain, the history file. Demo mode: the simulator,
// in-memory secrets and history (app/demo.h). `headroom` and the GUI tests both build it.
class Dashboard : public QObject
{
    Q_OBJECT
public:
    explicit Dashboard(bool demo, QObject *parent = nullptr);
    ~Dashboard() override;

    // Opens the stores and starts monitoring. Problems that still leave a usable window
    // (a quarantined history file, a broken accounts file) become banners, not failures.
    bool start(QString *error = nullptr);

    MainWindow *window() const { return m_window.get(); }
    HistoryStore *history() const { return m_history.get(); }
    Monitor *monitor() const { return m_monitor.get(); }
    Demo *demo() const { return m_demo; }

private:
    void wire();
    void onResult(const ProbeResult &result);
    void updateTray();
    ThresholdsFor thresholds() const;
    void updateNextProbe();
    void removeAccount(const QString &accountId);
    QList<Account> currentAccounts() const;
    void editAccount(const QString &accountId); // empty id: add
    void exportReport();
    void editAlertSettings();

    bool m_isDemo;
    Demo *m_demo = nullptr;
    std::unique_ptr<QTemporaryDir> m_demoDir; // the demo's history file; outlives the store
    std::unique_ptr<HistoryStore> m_history;
    std::unique_ptr<SecretStore> m_ownedSecrets;
    SecretStore *m_secrets = nullptr;
    std::unique_ptr<AccountStore> m_accountStore;
    std::unique_ptr<HistoryAlertStateStore> m_alertState;
    std::unique_ptr<Monitor> m_monitor;
    std::unique_ptr<AlertService> m_alerts;
    std::unique_ptr<MainWindow> m_window;
    QTimer m_nextProbeTimer;
    TrayIcon *m_tray = nullptr;
};
