#pragma once

#include "probe/proberesult.h"

#include <QList>
#include <QObject>
#include <QSet>
#include <QTemporaryDir>
#include <QTimer>

#include <memory>

class Demo;
class HistoryBackend;
class MainWindow;
class Monitor;
class Session;
class TrayIcon;
struct Account;
struct ProbeResult;

// The composition root of the window: the engine's Session (accounts, secrets, history,
// monitor, alerts, set up as `headroom watch` sets them up) and MainWindow, wired together.
// Real mode: accounts.json, the keychain, the history file. Demo mode: the simulator, in-memory
// secrets and a throw-away history (app/demo.h). `headroom` and the GUI tests both build it.
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
    // Null when the history could not be opened.
    HistoryBackend *history() const;
    Monitor *monitor() const;
    Session *session() const { return m_session.get(); }
    Demo *demo() const { return m_demo; }

private:
    void wire();
    void onResult(const ProbeResult &result);
    void updateTray();
    void updateNextProbe();
    void removeAccount(const QString &accountId);
    void followAccounts();
    void updatePollers();
    void editAccount(const QString &accountId); // empty id: add
    void exportReport();
    void editAlertSettings();
    void editHistorySettings();

    bool m_isDemo;
    Demo *m_demo = nullptr;
    std::unique_ptr<QTemporaryDir> m_demoDir; // the demo's history file; outlives the store
    std::unique_ptr<Session> m_session;
    std::unique_ptr<MainWindow> m_window;
    QSet<QString> m_shownIds; // the accounts the window shows, to remove the ones that went
    QTimer m_nextProbeTimer;
    TrayIcon *m_tray = nullptr;
};
