#pragma once

#include "accounts/account.h"
#include "accounts/pool.h"
#include "engine/poolreading.h"
#include "probe/proberesult.h"
#include "report/throttlepattern.h"
#include "theme.h"

#include <QDateTime>
#include <QHash>
#include <QMainWindow>
#include <QPointer>
#include <QTimer>

class AccountFilterProxyModel;
class AccountTableModel;
class AttentionModel;
class AttentionView;
class EventLogModel;
class EventLogView;
class HistoryReader;
class HistoryBackend;
class QAction;
class QActionGroup;
class QLabel;
class QLineEdit;
class QMenu;
class QToolButton;
class QTreeView;
class QuotaChartView;
class TrayIcon;

// The dashboard: the account tree (one row per resource under its account), the chart and the
// event log. It owns no engine: it shows what it is fed (accounts, probe results, the history
// store) and asks for actions through signals that the composition root (app/) connects to the
// monitor, the account store and the dialogs. That keeps it testable with no network at all.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(HistoryBackend *history, QWidget *parent = nullptr);
    ~MainWindow() override;

    void setAccounts(const QList<Account> &accounts);
    void addOrUpdateAccount(const Account &account);
    void removeAccount(const QString &accountId);
    // "Next probe: <name> in 12 s" in the status bar; an invalid time clears it.
    void setNextProbe(const QString &accountName, const QDateTime &at);
    // A one-off notice above the table (store quarantined, demo mode). Conditions of accounts
    // (a refused token, a throttle, a low quota) belong to the "Needs attention" list instead,
    // which follows every reading.
    void showBanner(const QString &text, bool error = false);
    void setDemoMode(bool demo);
    // The pools: their readings reach the table and the "Needs attention" list.
    void setPools(const QList<Pool> &pools);
    // What `headroom --help` prints, for Help ▸ Command line (the window cannot build it itself).
    void setCommandLineHelp(const QString &text);
    // Each account's warning and critical thresholds, for the table's states and bars and the
    // chart's lines; call again after the settings change (the function may read live settings).
    void setThresholds(ThresholdsFor thresholds);
    // Close-to-tray and start-minimised follow the tray's settings; its actions join the Settings menu.
    void setTrayIcon(TrayIcon *tray);
    // Makes the account current in the tree (and so in the chart); a notification's "Open".
    void selectAccount(const QString &accountId);

    AccountTableModel *accountModel() const { return m_model; }
    AccountFilterProxyModel *accountProxy() const { return m_proxy; }
    QTreeView *accountView() const { return m_tree; }
    QLineEdit *searchField() const { return m_search; }
    QuotaChartView *chartView() const { return m_chart; }
    EventLogModel *eventModel() const { return m_events; }
    EventLogView *eventLogView() const { return m_eventView; }
    QLabel *bannerLabel() const { return m_banner; }
    AttentionModel *attentionModel() const { return m_attention; }
    AttentionView *attentionView() const { return m_attentionView; }
    // "No account matches …" over an empty, filtered table.
    QLabel *noMatchLabel() const { return m_noMatch; }
    // Every shortcut of the window, as Help ▸ Keyboard shortcuts lists them: key, what it does.
    QList<QPair<QString, QString>> shortcutList() const;
    QLabel *nextProbeLabel() const { return m_nextProbeLabel; }
    // The context menu the account tree shows for `proxyIndex`; the caller owns it.
    QMenu *createContextMenu(const QModelIndex &proxyIndex);

public Q_SLOTS:
    void recordProbe(const ProbeResult &result);
    // Readings another process committed to a shared history (the accounts this window does not
    // poll): shown as they arrive, like those read at start-up.
    void recordStoredSamples(const QList<Sample> &samples);
    // Shared history: who polls each account (lease holders), this process's own holder name,
    // and the accounts this machine has no token for (read-only: no probe, no edit).
    void setPollers(const QHash<QString, QString> &pollers, const QString &self, const QSet<QString> &withoutToken);
    void recordPoolReading(const PoolReading &reading);
    void refreshAll();

Q_SIGNALS:
    void addAccountRequested();
    void editAccountRequested(const QString &accountId);
    void removeAccountRequested(const QString &accountId); // already confirmed by the user
    void probeRequested(const QString &accountId);
    void probeAllRequested();
    void exportRequested();
    void pasteResponseRequested();
    void alertSettingsRequested();
    void historySettingsRequested();
    void snoozeRequested(const QString &accountId, const QDateTime &until);
    void themeChanged(Theme::Mode mode);

protected:
    void closeEvent(QCloseEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void buildMenus();
    void buildCentral();
    void tick();
    void updateStatus();
    void onCurrentChanged(const QModelIndex &current);
    void onEventActivated(const QString &accountId, const QDateTime &time);
    // Until the user picks a row, the chart follows the most severe account.
    void selectMostSevere();
    void updateNoMatch();
    static int preferredColumnWidth(int column);
    // Hides the table's least important columns that the window has no room for.
    void fitColumns();
    void applyBannerPalette();
    void showShortcuts();
    void showCommandLineHelp();
    void syncEventAccounts();
    void expandMultiResourceAccounts();
    QString currentAccountId() const;
    void confirmRemove(const QString &accountId);
    static QString demoFixedText();
    void setTheme(Theme::Mode mode);
    // The chart's note and limit for the account it shows, from the table's row.
    void updateChartContext();
    // 429 counts and throttle patterns from the last 24 h of stored events; a newly found or
    // changed pattern also becomes one line of the event log.
    void updateThrottlePatterns();

    QPointer<HistoryBackend> m_history;
    HistoryReader *m_reader = nullptr; // stored readings for the table, off the UI thread
    AccountTableModel *m_model;
    AccountFilterProxyModel *m_proxy;
    EventLogModel *m_events;
    QTreeView *m_tree = nullptr;
    QLineEdit *m_search = nullptr;
    QuotaChartView *m_chart = nullptr;
    EventLogView *m_eventView = nullptr;
    QLabel *m_banner = nullptr;
    QWidget *m_bannerBox = nullptr;
    QToolButton *m_bannerClose = nullptr;
    bool m_bannerError = false;
    AttentionModel *m_attention = nullptr;
    AttentionView *m_attentionView = nullptr;
    QLabel *m_noMatch = nullptr;
    QString m_cliHelp;
    QAction *m_cliHelpAction = nullptr;
    bool m_userPicked = false;    // the user chose a row: the window stops choosing for them
    bool m_autoSelecting = false; // the window is choosing, not the user
    QLabel *m_nextProbeLabel = nullptr;
    QLabel *m_summaryLabel = nullptr;
    QActionGroup *m_rangeGroup = nullptr;
    QActionGroup *m_themeGroup = nullptr;
    QTimer m_tick;
    QTimer m_severityDebounce;
    QTimer m_patternDebounce;
    QTimer m_patternSlide;
    QDateTime m_startedAt; // the history before it may be older; the span a pattern is sought in starts here at the latest
    QHash<QString, ThrottlePattern> m_patternShown; // account id -> the pattern the event log last named

    QString m_nextProbeName;
    QDateTime m_nextProbeAt;
    bool m_demo = false;
    QPointer<TrayIcon> m_tray;
    QMenu *m_settingsMenu = nullptr;
};
