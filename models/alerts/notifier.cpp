#include "notifier.h"

#include "alertengine.h"
#include "alertstatestore.h"
#include "core/clock.h"

#include <QCoreApplication>
#include <QDBusConnectionInterface>
#include <QDBusMessage>
#include <QDBusPendingCallWatcher>
#include <QDBusPendingReply>
#include <QLoggingCategory>
#include <QProcess>
#include <QTimer>

Q_LOGGING_CATEGORY(lcNotifier, "headroom.alerts.notifier")

namespace {
const QString kService = QStringLiteral("org.freedesktop.Notifications");
const QString kPath = QStringLiteral("/org/freedesktop/Notifications");
const QString kInterface = QStringLiteral("org.freedesktop.Notifications");
const QString kActionSnooze = QStringLiteral("snooze");
const QString kActionOpen = QStringLiteral("open");

QString isoOrEmpty(const std::optional<QDateTime> &t)
{
    return t && t->isValid() ? t->toUTC().toString(Qt::ISODate) : QString();
}

QString numberOrEmpty(const std::optional<qint64> &v)
{
    return v ? QString::number(*v) : QString();
}
} // namespace

Notifier::Notifier(QObject *parent)
    : Notifier(QDBusConnection::sessionBus(), parent)
{
}

Notifier::Notifier(const QDBusConnection &bus, QObject *parent)
    : QObject(parent)
    , m_bus(bus)
{
    if (m_bus.isConnected()) {
        m_bus.connect(kService, kPath, kInterface, QStringLiteral("ActionInvoked"), this,
                      SLOT(onActionInvoked(uint, QString)));
        m_bus.connect(kService, kPath, kInterface, QStringLiteral("NotificationClosed"), this,
                      SLOT(onNotificationClosed(uint, uint)));
    }
}

Notifier::~Notifier()
{
    // An alert command still running is not left behind as an orphan.
    const auto processes = findChildren<QProcess *>(Qt::FindDirectChildrenOnly);
    for (QProcess *p : processes) {
        p->disconnect(this);
        if (p->state() != QProcess::NotRunning) {
            p->kill();
            p->waitForFinished(1000);
        }
    }
}

void Notifier::attach(AlertEngine *engine)
{
    if (m_engine) {
        disconnect(m_engine, nullptr, this, nullptr);
        disconnect(this, nullptr, m_engine, nullptr);
    }
    m_engine = engine;
    if (!engine)
        return;
    connect(engine, &AlertEngine::alertRaised, this, &Notifier::notify);
    connect(this, &Notifier::snoozeRequested, engine, &AlertEngine::snoozeUntilReset, Qt::UniqueConnection);
}

void Notifier::setCommand(const QString &command, int timeoutS)
{
    m_command = command.trimmed();
    m_commandTimeoutS = timeoutS > 0 ? timeoutS : 10;
}

void Notifier::setEventStore(AlertStateStore *store)
{
    m_events = store;
}

QString Notifier::plainText(const QString &text)
{
    QString out;
    out.reserve(text.size());
    for (const QChar c : text) {
        if (c == u'&' || c == u'<' || c == u'>' || c == u'"' || c == u'\'')
            continue;
        if (c.category() == QChar::Other_Control && c != u'\n')
            continue;
        out.append(c);
    }
    return out;
}

uchar Notifier::urgencyOf(AlertSeverity severity)
{
    return severity == AlertSeverity::Critical ? 2 : 1;
}

void Notifier::notify(const Alert &alert)
{
    if (!alert.shouldDeliver())
        return;
    runCommand(alert);

    const QString summary = plainText(alert.title);
    const QString body = plainText(alert.body);
    const uchar urgency = urgencyOf(alert.severity);
    if (!m_bus.isConnected()) {
        Q_EMIT fallbackRequested(summary, body, urgency);
        return;
    }
    QDBusMessage call = QDBusMessage::createMethodCall(kService, kPath, kInterface, QStringLiteral("Notify"));
    const QStringList actions{kActionSnooze, tr("Snooze until reset"), kActionOpen, tr("Open")};
    const QVariantMap hints{{QStringLiteral("urgency"), QVariant::fromValue<uchar>(urgency)},
                            {QStringLiteral("desktop-entry"), QStringLiteral("headroom")}};
    call << QStringLiteral("Headroom") << m_idByKey.value(alert.replaceKey(), 0u) << QStringLiteral("headroom")
         << summary << body << actions << hints << qint32(-1);
    auto *watcher = new QDBusPendingCallWatcher(m_bus.asyncCall(call, m_callTimeoutMs), this);
    connect(watcher, &QDBusPendingCallWatcher::finished, this,
            [this, alert](QDBusPendingCallWatcher *w) { onNotifyFinished(w, alert); });
}

void Notifier::onNotifyFinished(QDBusPendingCallWatcher *watcher, const Alert &alert)
{
    watcher->deleteLater();
    const QDBusPendingReply<uint> reply = *watcher;
    if (reply.isError()) {
        // ServiceUnknown is the usual case (no notification daemon); a daemon that times out or
        // errors is no better for the user, so every failure falls back.
        const QString error = reply.error().name();
        if (!m_loggedBusErrors.contains(error)) {
            m_loggedBusErrors.insert(error);
            qCInfo(lcNotifier) << "no desktop notification:" << error << "(alerts fall back; said once)";
        }
        Q_EMIT fallbackRequested(plainText(alert.title), plainText(alert.body), urgencyOf(alert.severity));
        return;
    }
    const uint id = reply.value();
    const QString key = alert.replaceKey();
    const uint previous = m_idByKey.value(key, 0u);
    if (previous != 0 && previous != id)
        m_accountById.remove(previous);
    m_idByKey.insert(key, id);
    m_accountById.insert(id, alert.accountId);
    Q_EMIT notificationShown(alert.accountId, id);
}

void Notifier::onActionInvoked(uint id, const QString &actionKey)
{
    const auto it = m_accountById.constFind(id);
    if (it == m_accountById.constEnd())
        return; // another application's notification
    const QString accountId = *it;
    if (actionKey == kActionSnooze)
        Q_EMIT snoozeRequested(accountId);
    else if (actionKey == kActionOpen || actionKey == QStringLiteral("default"))
        Q_EMIT openRequested(accountId);
}

void Notifier::onNotificationClosed(uint id, uint)
{
    // A closed notification cannot be replaced any more; the next alert opens a new one.
    if (m_accountById.remove(id) == 0)
        return;
    for (auto it = m_idByKey.begin(); it != m_idByKey.end();) {
        if (it.value() == id)
            it = m_idByKey.erase(it);
        else
            ++it;
    }
}

void Notifier::runCommand(const Alert &alert)
{
    if (m_command.isEmpty())
        return;
    QStringList args = QProcess::splitCommand(m_command);
    if (args.isEmpty())
        return;
    const QString program = args.takeFirst();

    auto *process = new QProcess(this);
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    // The alert only: names, numbers and text the user already sees. Never a token.
    env.insert(QStringLiteral("HEADROOM_ALERT_ACCOUNT"), alert.accountName);
    env.insert(QStringLiteral("HEADROOM_ALERT_ACCOUNT_ID"), alert.accountId);
    env.insert(QStringLiteral("HEADROOM_ALERT_RULE"), alertRuleId(alert.rule));
    env.insert(QStringLiteral("HEADROOM_ALERT_SEVERITY"), alertSeverityId(alert.severity));
    env.insert(QStringLiteral("HEADROOM_ALERT_RESOURCE"), alert.resource);
    env.insert(QStringLiteral("HEADROOM_ALERT_REMAINING"), numberOrEmpty(alert.remaining));
    env.insert(QStringLiteral("HEADROOM_ALERT_LIMIT"), numberOrEmpty(alert.limit));
    env.insert(QStringLiteral("HEADROOM_ALERT_RESET_AT"), isoOrEmpty(alert.resetAt));
    env.insert(QStringLiteral("HEADROOM_ALERT_MESSAGE"), alert.title + QStringLiteral(": ") + alert.body);
    process->setProcessEnvironment(env);
    process->setProgram(program);
    process->setArguments(args);
    process->setStandardInputFile(QProcess::nullDevice());
    process->setStandardOutputFile(QProcess::nullDevice());
    process->setStandardErrorFile(QProcess::nullDevice());

    auto *timer = new QTimer(process);
    timer->setSingleShot(true);
    connect(timer, &QTimer::timeout, process, [process] {
        process->setProperty("timedOut", true);
        process->kill(); // reported from finished(), once the process is really gone
    });
    connect(process, &QProcess::errorOccurred, this, [this, process, timer, alert](QProcess::ProcessError e) {
        if (e != QProcess::FailedToStart)
            return; // crashes and kills arrive through finished()
        timer->stop();
        logCommandFailure(alert, tr("alert command could not be started: %1").arg(process->errorString()));
        process->deleteLater();
    });
    connect(process, &QProcess::finished, this,
            [this, process, timer, alert](int exitCode, QProcess::ExitStatus status) {
                timer->stop();
                process->deleteLater();
                if (process->property("timedOut").toBool())
                    logCommandFailure(alert, tr("alert command timed out after %1 s").arg(m_commandTimeoutS));
                else if (status != QProcess::NormalExit)
                    logCommandFailure(alert, tr("alert command crashed"));
                else if (exitCode != 0)
                    logCommandFailure(alert, tr("alert command failed with exit code %1").arg(exitCode));
                else
                    Q_EMIT commandFinished(alert.accountId, true, QString());
            });
    timer->start(m_commandTimeoutS * 1000);
    process->start();
}

void Notifier::logCommandFailure(const Alert &alert, const QString &message)
{
    qCWarning(lcNotifier).noquote() << message;
    if (m_events) {
        Event e;
        e.accountId = alert.accountId;
        e.time = Clock::instance()->nowUtc();
        e.kind = EventKind::Error;
        e.detail = message;
        m_events->appendEvents({e});
    }
    Q_EMIT commandFinished(alert.accountId, false, message);
}
