#pragma once

#include "core/accountstate.h"

#include <QList>
#include <QObject>
#include <QPair>
#include <QPointer>

#include <optional>

class QAction;
class QMenu;
class QSystemTrayIcon;
class QWidget;

// The tray entry: the worst account state as the icon's tint, a tooltip listing the accounts
// that need attention, and a menu (Show/Hide, Probe all, Quit). The QSystemTrayIcon exists only
// when the desktop has a tray; the menu, state and actions work either way (and in tests).
class TrayIcon : public QObject
{
    Q_OBJECT
public:
    explicit TrayIcon(QWidget *window, QObject *parent = nullptr);
    ~TrayIcon() override;

    // True when a QSystemTrayIcon is shown.
    bool isAvailable() const;
    // A tray balloon: the alert fallback when no notification server answers. Returns false
    // when there is no tray to show it.
    bool showMessage(const QString &title, const QString &body, bool critical);
    // What MainWindow::closeEvent asks: hide instead of quitting (setting on and a tray present).
    bool shouldHideOnClose() const;

    // Every account's name and current state; replaces the previous list.
    void setStates(const QList<QPair<QString, AccountState>> &states);
    std::optional<AccountState> worstState() const { return m_worst; }
    QString toolTip() const { return m_toolTip; }

    QMenu *menu() const { return m_menu; }
    QAction *toggleWindowAction() const { return m_toggle; }
    QAction *probeAllAction() const { return m_probeAll; }
    QAction *quitAction() const { return m_quit; }
    // Checkable actions bound to UiSettings, for MainWindow's settings menu.
    QAction *closeToTrayAction() const { return m_closeToTray; }
    QAction *startMinimisedAction() const { return m_startMinimised; }

public Q_SLOTS:
    void toggleWindow();

Q_SIGNALS:
    void probeAllRequested();
    void quitRequested();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void updateToggleText();

    QPointer<QWidget> m_window;
    QSystemTrayIcon *m_tray = nullptr;
    QMenu *m_menu;
    QAction *m_toggle;
    QAction *m_probeAll;
    QAction *m_quit;
    QAction *m_closeToTray;
    QAction *m_startMinimised;
    std::optional<AccountState> m_worst;
    QString m_toolTip;
};
