#include "trayicon.h"

#include "appicon.h"
#include "statestyle.h"
#include "uisettings.h"

#include <QAction>
#include <QEvent>
#include <QMenu>
#include <QSystemTrayIcon>
#include <QWidget>


TrayIcon::TrayIcon(QWidget *window, QObject *parent)
    : QObject(parent)
    , m_window(window)
    , m_menu(new QMenu)
{
    m_toggle = m_menu->addAction(tr("Hide Headroom"), this, &TrayIcon::toggleWindow);
    m_probeAll = m_menu->addAction(tr("Probe All Accounts"), this, &TrayIcon::probeAllRequested);
    m_menu->addSeparator();
    m_closeToTray = m_menu->addAction(tr("Close to Tray"));
    m_closeToTray->setCheckable(true);
    m_closeToTray->setChecked(UiSettings::closeToTray());
    connect(m_closeToTray, &QAction::toggled, this,
            [](bool on) { UiSettings::setValue(UiSettings::Key::CloseToTray, on); });
    m_startMinimised = m_menu->addAction(tr("Start Minimised"));
    m_startMinimised->setCheckable(true);
    m_startMinimised->setChecked(UiSettings::startMinimised());
    connect(m_startMinimised, &QAction::toggled, this,
            [](bool on) { UiSettings::setValue(UiSettings::Key::StartMinimised, on); });
    connect(UiSettings::instance(), &UiSettings::changed, this, [this](UiSettings::Key key) {
        if (key == UiSettings::Key::CloseToTray)
            m_closeToTray->setChecked(UiSettings::closeToTray());
        else if (key == UiSettings::Key::StartMinimised)
            m_startMinimised->setChecked(UiSettings::startMinimised());
    });
    m_menu->addSeparator();
    m_quit = m_menu->addAction(tr("Quit"), this, &TrayIcon::quitRequested);

    if (m_window)
        m_window->installEventFilter(this);
    updateToggleText();

    if (QSystemTrayIcon::isSystemTrayAvailable()) {
        m_tray = new QSystemTrayIcon(AppIcon::icon(), this);
        m_tray->setContextMenu(m_menu);
        m_tray->setToolTip(tr("Headroom"));
        connect(m_tray, &QSystemTrayIcon::activated, this, [this](QSystemTrayIcon::ActivationReason reason) {
            if (reason == QSystemTrayIcon::Trigger)
                toggleWindow();
        });
        m_tray->show();
    }
    setStates({});
}

TrayIcon::~TrayIcon()
{
    delete m_menu;
}

bool TrayIcon::isAvailable() const
{
    return m_tray != nullptr;
}

bool TrayIcon::shouldHideOnClose() const
{
    return m_tray && UiSettings::closeToTray();
}

void TrayIcon::setStates(const QList<QPair<QString, AccountState>> &states)
{
    QList<AccountState> all;
    QStringList attention;
    for (const auto &[name, state] : states) {
        all.append(state);
        if (StateStyle::severity(state) > StateStyle::severity(AccountState::Ok))
            attention.append(tr("%1: %2").arg(name, StateStyle::label(state)));
    }
    m_worst = StateStyle::worst(all);

    if (states.isEmpty())
        m_toolTip = tr("Headroom: no accounts");
    else if (attention.isEmpty())
        m_toolTip = tr("Headroom: %n account(s), all ok", nullptr, int(states.size()));
    else
        m_toolTip = tr("Headroom: %n account(s)", nullptr, int(states.size())) + u'\n' + attention.join(u'\n');

    if (m_tray) {
        m_tray->setIcon(AppIcon::icon(m_worst));
        m_tray->setToolTip(m_toolTip);
    }
}

void TrayIcon::toggleWindow()
{
    if (!m_window)
        return;
    if (m_window->isVisible() && !m_window->isMinimized()) {
        m_window->hide();
    } else {
        m_window->showNormal();
        m_window->raise();
        m_window->activateWindow();
    }
    updateToggleText();
}

bool TrayIcon::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_window && (event->type() == QEvent::Show || event->type() == QEvent::Hide
                                || event->type() == QEvent::WindowStateChange))
        updateToggleText();
    return QObject::eventFilter(watched, event);
}

void TrayIcon::updateToggleText()
{
    const bool shown = m_window && m_window->isVisible() && !m_window->isMinimized();
    m_toggle->setText(shown ? tr("Hide Headroom") : tr("Show Headroom"));
}

bool TrayIcon::showMessage(const QString &title, const QString &body, bool critical)
{
    if (!m_tray)
        return false;
    m_tray->showMessage(title, body, critical ? QSystemTrayIcon::Critical : QSystemTrayIcon::Warning);
    return true;
}
