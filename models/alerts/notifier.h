#pragma once

#include "alertrule.h"

#include <QDBusConnection>
#include <QHash>
#include <QObject>
#include <QPointer>
#include <QSet>

class AlertEngine;
class AlertStateStore;
class QDBusPendingCallWatcher;

// Delivers alerts as desktop notifications over org.freedesktop.Notifications,
// and runs the user's alert command. When no notification server is there (ServiceUnknown, or
// any failed call) it emits fallbackRequested() for the GUI to show a tray message or an
// in-window banner; headless, that signal has no receiver and the event log still has the alert
// (the engine records every alert before it reaches the notifier).
class Notifier : public QObject
{
    Q_OBJECT
public:
    // Uses the session bus.
    explicit Notifier(QObject *parent = nullptr);
    explicit Notifier(const QDBusConnection &bus, QObject *parent = nullptr);
    ~Notifier() override;

    // Delivers the engine's deliverable alerts and turns "Snooze until reset" into
    // AlertEngine::snoozeUntilReset(). Not owned.
    void attach(AlertEngine *engine);
    // Run for every delivered alert (AlertSettings::command); empty = none.
    void setCommand(const QString &command, int timeoutS);
    // Command failures are recorded there as EventKind::Error events. Not owned.
    void setEventStore(AlertStateStore *store);
    void setCallTimeoutMs(int ms) { m_callTimeoutMs = ms; }

    // Removes characters a notification server might parse as markup (& < > " ') and control
    // characters; the body may be rendered as markup by some servers.
    static QString plainText(const QString &text);
    // The D-Bus urgency hint: 1 normal, 2 critical.
    static uchar urgencyOf(AlertSeverity severity);

public Q_SLOTS:
    // Shows the alert unless it is suppressed (snoozed, do not disturb, account alerts off).
    void notify(const Alert &alert);

Q_SIGNALS:
    // A notification server accepted it and gave it `id`.
    void notificationShown(const QString &accountId, uint id);
    // No notification server: show it in the window or the tray instead. urgency as above.
    void fallbackRequested(const QString &title, const QString &body, int urgency);
    // The user picked an action on a notification.
    void snoozeRequested(const QString &accountId);
    void openRequested(const QString &accountId);
    // The alert command ended; ok = exit code 0 within the timeout.
    void commandFinished(const QString &accountId, bool ok, const QString &message);

private Q_SLOTS:
    void onActionInvoked(uint id, const QString &actionKey);
    void onNotificationClosed(uint id, uint reason);

private:
    void onNotifyFinished(QDBusPendingCallWatcher *watcher, const Alert &alert);
    void runCommand(const Alert &alert);
    void logCommandFailure(const Alert &alert, const QString &message);

    QDBusConnection m_bus;
    int m_callTimeoutMs = 2000;
    QString m_command;
    int m_commandTimeoutS = 10;
    AlertStateStore *m_events = nullptr;
    QPointer<AlertEngine> m_engine;
    QHash<QString, uint> m_idByKey;       // Alert::replaceKey() -> notification id
    QHash<uint, QString> m_accountById;   // notification id -> account id
    QSet<QString> m_loggedBusErrors;      // each D-Bus failure is logged once, not once per alert
};
