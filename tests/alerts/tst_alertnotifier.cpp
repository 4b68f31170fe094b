// Notifier against a real D-Bus session bus (run inside .ci/session): the test itself owns
// org.freedesktop.Notifications on its own connection, so every Notify is a real round trip.
#include "alerts/alertengine.h"
#include "alerts/alertservice.h"
#include "alerts/alertstatestore.h"
#include "alerts/notifier.h"
#include "core/clock.h"
#include "probe/proberesult.h"

#include <QDBusConnection>
#include <QDBusConnectionInterface>
#include <QDBusMessage>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

namespace {
const QString kService = QStringLiteral("org.freedesktop.Notifications");
const QString kPath = QStringLiteral("/org/freedesktop/Notifications");
const QString kAcc = QStringLiteral("6d7a1f52-2222-4b3c-8d4e-000000000002");
// Markup characters in a name must not reach the server.
const QString kName = QStringLiteral("Acme <b>ops</b> & \"co\"");
} // namespace

class FakeNotificationServer : public QObject
{
    Q_OBJECT
    Q_CLASSINFO("D-Bus Interface", "org.freedesktop.Notifications")
public:
    struct Call
    {
        QString app;
        uint replacesId = 0;
        QString icon;
        QString summary;
        QString body;
        QStringList actions;
        QVariantMap hints;
        int timeout = 0;
    };
    QList<Call> calls;
    uint lastId = 100;

public Q_SLOTS:
    uint Notify(const QString &app, uint replacesId, const QString &icon, const QString &summary,
                const QString &body, const QStringList &actions, const QVariantMap &hints, int timeout)
    {
        calls.append({app, replacesId, icon, summary, body, actions, hints, timeout});
        const uint id = replacesId ? replacesId : ++lastId;
        Q_EMIT notified(id);
        return id;
    }
    QStringList GetCapabilities() { return {QStringLiteral("actions"), QStringLiteral("body")}; }
    void CloseNotification(uint) {}

Q_SIGNALS:
    void notified(uint id); // local only: lets the test wait for a call
};

// Stands in for Monitor: only its signal matters to AlertService::attach().
class FakeMonitor : public QObject
{
    Q_OBJECT
Q_SIGNALS:
    void resultRecorded(const ProbeResult &result);
};

class TestAlertNotifier : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void fallbackWithoutServer();
    void deliversToServer();
    void replacesPerAccountAndRule();
    void actionSnoozesEngine();
    void actionOpenAndForeignIds();
    void closedNotificationIsNotReplaced();
    void suppressedAlertsAreNotSent();
    void commandGetsAlertInEnvironment();
    void commandFailureIsLoggedNotFatal_data();
    void commandFailureIsLoggedNotFatal();
    void plainText_data();
    void plainText();
    void serviceWiresEverything();

private:
    ProbeResult reading(qint64 remaining, const QDateTime &reset, const QString &account = kAcc) const;
    bool startServer();
    void stopServer();
    void emitSignal(const QString &name, const QVariantList &args);

    ManualClock m_clock;
    MemoryAlertStateStore *m_store = nullptr;
    AlertEngine *m_engine = nullptr;
    Notifier *m_notifier = nullptr;
    FakeNotificationServer *m_server = nullptr;
    QDBusConnection m_serverBus{QString()};
    int m_serverCount = 0;
};

void TestAlertNotifier::initTestCase()
{
    if (!QDBusConnection::sessionBus().isConnected())
        QFAIL("no D-Bus session bus: run this test inside .ci/session");
    QVERIFY2(!QDBusConnection::sessionBus().interface()->isServiceRegistered(kService),
             "a notification server already owns the name; this test needs a private bus");
    Clock::setInstance(&m_clock);
}

void TestAlertNotifier::init()
{
    m_store = new MemoryAlertStateStore;
    m_engine = new AlertEngine(m_store, &m_clock, this);
    m_notifier = new Notifier(QDBusConnection::sessionBus(), this);
    m_notifier->setEventStore(m_store);
    m_notifier->attach(m_engine);
}

void TestAlertNotifier::cleanup()
{
    delete m_notifier;
    m_notifier = nullptr;
    delete m_engine;
    m_engine = nullptr;
    delete m_store;
    m_store = nullptr;
    stopServer();
}

bool TestAlertNotifier::startServer()
{
    // A connection of its own, so client and server talk through the bus daemon.
    m_serverBus = QDBusConnection::connectToBus(QDBusConnection::SessionBus,
                                                QStringLiteral("fake-notifications-%1").arg(++m_serverCount));
    if (!m_serverBus.isConnected())
        return false;
    m_server = new FakeNotificationServer;
    return m_serverBus.registerObject(kPath, m_server, QDBusConnection::ExportAllSlots)
        && m_serverBus.registerService(kService);
}

void TestAlertNotifier::stopServer()
{
    if (!m_server)
        return;
    m_serverBus.unregisterService(kService);
    m_serverBus.unregisterObject(kPath);
    const QString name = m_serverBus.name();
    m_serverBus = QDBusConnection(QString());
    QDBusConnection::disconnectFromBus(name);
    delete m_server;
    m_server = nullptr;
    QTRY_VERIFY(!QDBusConnection::sessionBus().interface()->isServiceRegistered(kService));
}

void TestAlertNotifier::emitSignal(const QString &name, const QVariantList &args)
{
    QDBusMessage sig = QDBusMessage::createSignal(kPath, kService, name);
    sig.setArguments(args);
    QVERIFY(m_serverBus.send(sig));
}

ProbeResult TestAlertNotifier::reading(qint64 remaining, const QDateTime &reset, const QString &account) const
{
    ProbeResult r;
    r.accountId = account;
    r.accountName = account == kAcc ? kName : QStringLiteral("other");
    r.state = AccountState::Ok;
    r.probedAt = m_clock.nowUtc();
    r.reading.status = 200;
    Quota q;
    q.resource = QStringLiteral("core");
    q.limit = 1000;
    q.remaining = remaining;
    q.resetAt = reset;
    r.reading.quotas.append(q);
    return r;
}

void TestAlertNotifier::fallbackWithoutServer()
{
    QSignalSpy fallback(m_notifier, &Notifier::fallbackRequested);
    QSignalSpy shown(m_notifier, &Notifier::notificationShown);
    m_engine->process(reading(30, m_clock.nowUtc().addSecs(3600)));
    QVERIFY(fallback.wait());
    QCOMPARE(shown.size(), 0);
    const QString title = fallback[0][0].toString();
    QVERIFY2(title.contains(QStringLiteral("Acme bops/b  co")), qPrintable(title));
    QVERIFY(fallback[0][1].toString().contains(QStringLiteral("30 of")));
    QCOMPARE(fallback[0][2].toInt(), 2);
    QCOMPARE(m_store->m_events.size(), 1);
    QCOMPARE(m_store->m_events[0].kind, EventKind::Alert);
}

void TestAlertNotifier::deliversToServer()
{
    QVERIFY(startServer());
    QSignalSpy notified(m_server, &FakeNotificationServer::notified);
    QSignalSpy shown(m_notifier, &Notifier::notificationShown);
    QSignalSpy fallback(m_notifier, &Notifier::fallbackRequested);
    const QDateTime reset = m_clock.nowUtc().addSecs(3600);
    m_engine->process(reading(150, reset));
    QVERIFY(shown.wait());
    QCOMPARE(notified.size(), 1);
    QCOMPARE(fallback.size(), 0);
    const auto &c = m_server->calls.at(0);
    QCOMPARE(c.app, QStringLiteral("Headroom"));
    QCOMPARE(c.icon, QStringLiteral("headroom"));
    QCOMPARE(c.replacesId, 0u);
    QCOMPARE(c.timeout, -1);
    QVERIFY2(c.summary.contains(QStringLiteral("Acme bops/b  co")), qPrintable(c.summary));
    for (const QChar bad : {u'<', u'>', u'&', u'"'}) {
        QVERIFY(!c.summary.contains(bad));
        QVERIFY(!c.body.contains(bad));
    }
    QVERIFY2(c.body.contains(QStringLiteral("150 of")) && c.body.contains(QStringLiteral("Resets at 13:00")),
             qPrintable(c.body));
    QCOMPARE(c.actions, (QStringList{QStringLiteral("snooze"), QStringLiteral("Snooze until reset"),
                                     QStringLiteral("open"), QStringLiteral("Open")}));
    const QVariant urgency = c.hints.value(QStringLiteral("urgency"));
    QCOMPARE(urgency.metaType(), QMetaType::fromType<uchar>());
    QCOMPARE(urgency.value<uchar>(), uchar(1));
    QCOMPARE(c.hints.value(QStringLiteral("desktop-entry")).toString(), QStringLiteral("headroom"));
    QCOMPARE(shown[0][0].toString(), kAcc);
    QCOMPARE(shown[0][1].toUInt(), notified[0][0].toUInt());

    // Critical: urgency 2, its own notification (another rule).
    m_engine->process(reading(20, reset));
    QVERIFY(shown.wait());
    QCOMPARE(m_server->calls.size(), 2);
    QCOMPARE(m_server->calls[1].hints.value(QStringLiteral("urgency")).value<uchar>(), uchar(2));
    QCOMPARE(m_server->calls[1].replacesId, 0u);
    QCOMPARE(m_store->m_events.size(), 2);
}

void TestAlertNotifier::replacesPerAccountAndRule()
{
    QVERIFY(startServer());
    QSignalSpy shown(m_notifier, &Notifier::notificationShown);
    m_engine->process(reading(150, m_clock.nowUtc().addSecs(1200)));
    QVERIFY(shown.wait());
    const uint first = shown[0][1].toUInt();
    // Another account's warning is its own popup.
    m_engine->process(reading(150, m_clock.nowUtc().addSecs(1200), QStringLiteral("other-id")));
    QVERIFY(shown.wait());
    QCOMPARE(m_server->calls[1].replacesId, 0u);
    // Next window, same account and rule: replaces the first popup instead of stacking.
    m_clock.advanceSeconds(1201);
    m_engine->process(reading(150, m_clock.nowUtc().addSecs(3600)));
    QVERIFY(shown.wait());
    QCOMPARE(m_server->calls.size(), 3);
    QCOMPARE(m_server->calls[2].replacesId, first);
}

void TestAlertNotifier::actionSnoozesEngine()
{
    QVERIFY(startServer());
    QSignalSpy shown(m_notifier, &Notifier::notificationShown);
    QSignalSpy snooze(m_notifier, &Notifier::snoozeRequested);
    const QDateTime reset = m_clock.nowUtc().addSecs(2400);
    m_engine->process(reading(150, reset));
    QVERIFY(shown.wait());
    QVERIFY(!m_engine->snoozedUntil(kAcc).isValid());
    emitSignal(QStringLiteral("ActionInvoked"), {shown[0][1].toUInt(), QStringLiteral("snooze")});
    QVERIFY(snooze.wait());
    QCOMPARE(snooze[0][0].toString(), kAcc);
    QCOMPARE(m_engine->snoozedUntil(kAcc), reset);
    // Snoozed: the critical crossing is recorded, not shown.
    QSignalSpy fallback(m_notifier, &Notifier::fallbackRequested);
    m_engine->process(reading(20, reset));
    m_engine->process(reading(150, reset, QStringLiteral("other-id")));
    QVERIFY(shown.wait());
    QCOMPARE(m_server->calls.size(), 2);
    QVERIFY(m_server->calls[1].summary.startsWith(QStringLiteral("other")));
    QCOMPARE(m_store->m_events.size(), 3);
    QVERIFY(m_store->m_events[1].detail.contains(QStringLiteral("snoozed")));
    QCOMPARE(fallback.size(), 0);
}

void TestAlertNotifier::actionOpenAndForeignIds()
{
    QVERIFY(startServer());
    QSignalSpy shown(m_notifier, &Notifier::notificationShown);
    QSignalSpy open(m_notifier, &Notifier::openRequested);
    QSignalSpy snooze(m_notifier, &Notifier::snoozeRequested);
    m_engine->process(reading(150, m_clock.nowUtc().addSecs(1200)));
    QVERIFY(shown.wait());
    const uint id = shown[0][1].toUInt();
    emitSignal(QStringLiteral("ActionInvoked"), {id + 1000u, QStringLiteral("snooze")}); // not ours
    emitSignal(QStringLiteral("ActionInvoked"), {id, QStringLiteral("open")});
    QVERIFY(open.wait());
    QCOMPARE(open[0][0].toString(), kAcc);
    QCOMPARE(snooze.size(), 0); // the foreign id arrived first and was ignored
    QVERIFY(!m_engine->snoozedUntil(kAcc).isValid());
}

void TestAlertNotifier::closedNotificationIsNotReplaced()
{
    QVERIFY(startServer());
    QSignalSpy shown(m_notifier, &Notifier::notificationShown);
    QSignalSpy open(m_notifier, &Notifier::openRequested);
    m_engine->process(reading(150, m_clock.nowUtc().addSecs(1200)));
    QVERIFY(shown.wait());
    const uint id = shown[0][1].toUInt();
    emitSignal(QStringLiteral("NotificationClosed"), {id, 2u});
    // Signals arrive in order: once "open" on the closed id is ignored, the close was handled.
    emitSignal(QStringLiteral("ActionInvoked"), {id, QStringLiteral("open")});
    m_engine->process(reading(150, m_clock.nowUtc().addSecs(1200), QStringLiteral("other-id")));
    QVERIFY(shown.wait());
    QCOMPARE(open.size(), 0);
    m_clock.advanceSeconds(1201);
    m_engine->process(reading(150, m_clock.nowUtc().addSecs(3600)));
    QVERIFY(shown.wait());
    QCOMPARE(m_server->calls.size(), 3);
    QCOMPARE(m_server->calls[2].replacesId, 0u);
}

void TestAlertNotifier::suppressedAlertsAreNotSent()
{
    QVERIFY(startServer());
    QSignalSpy shown(m_notifier, &Notifier::notificationShown);
    AlertSettings s;
    AlertOverride off;
    off.enabled = false;
    s.overrides.insert(kAcc, off);
    m_engine->setSettings(s);
    m_engine->process(reading(150, m_clock.nowUtc().addSecs(1200)));
    s.overrides.clear();
    s.doNotDisturb = true;
    m_engine->setSettings(s);
    m_engine->process(reading(150, m_clock.nowUtc().addSecs(1200), QStringLiteral("dnd-id")));
    s.doNotDisturb = false;
    m_engine->setSettings(s);
    m_engine->process(reading(150, m_clock.nowUtc().addSecs(1200), QStringLiteral("other-id")));
    QVERIFY(shown.wait());
    QCOMPARE(m_server->calls.size(), 1);
    QVERIFY(m_server->calls[0].summary.startsWith(QStringLiteral("other")));
    QCOMPARE(m_store->m_events.size(), 3);
}

void TestAlertNotifier::commandGetsAlertInEnvironment()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString script = dir.filePath(QStringLiteral("on-alert.sh"));
    const QString out = dir.filePath(QStringLiteral("env with space.txt"));
    QFile f(script);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("#!/bin/sh\nenv | grep '^HEADROOM_ALERT_' | sort > \"$1\"\n");
    f.close();
    QVERIFY(f.setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner));
    m_notifier->setCommand(script + QStringLiteral(" \"") + out + u'"', 10);
    QSignalSpy done(m_notifier, &Notifier::commandFinished);
    const QDateTime reset(QDate(2026, 11, 23), QTime(13, 0), Qt::UTC);
    m_engine->process(reading(150, reset));
    QVERIFY(done.wait());
    QCOMPARE(done[0][1].toBool(), true);
    QFile result(out);
    QVERIFY(result.open(QIODevice::ReadOnly));
    const QString env = QString::fromUtf8(result.readAll());
    for (const QString &line :
         {QStringLiteral("HEADROOM_ALERT_ACCOUNT=") + kName, QStringLiteral("HEADROOM_ALERT_RULE=warning"),
          QStringLiteral("HEADROOM_ALERT_SEVERITY=warning"), QStringLiteral("HEADROOM_ALERT_REMAINING=150"),
          QStringLiteral("HEADROOM_ALERT_LIMIT=1000"), QStringLiteral("HEADROOM_ALERT_RESET_AT=2026-11-23T13:00:00Z"),
          QStringLiteral("HEADROOM_ALERT_ACCOUNT_ID=") + kAcc, QStringLiteral("HEADROOM_ALERT_RESOURCE=core")})
        QVERIFY2(env.contains(line + u'\n'), qPrintable(env));
    QVERIFY2(env.contains(QStringLiteral("HEADROOM_ALERT_MESSAGE=") + kName), qPrintable(env));
    // Suppressed alerts run no command.
    AlertSettings s;
    s.doNotDisturb = true;
    m_engine->setSettings(s);
    QVERIFY(QFile::remove(out));
    const auto before = m_notifier->findChildren<QProcess *>().size();
    m_engine->process(reading(20, reset));
    QCOMPARE(m_store->m_events.size(), 2);
    QCOMPARE(m_notifier->findChildren<QProcess *>().size(), before); // nothing was started
    QCOMPARE(done.size(), 1);
}

void TestAlertNotifier::commandFailureIsLoggedNotFatal_data()
{
    QTest::addColumn<QString>("command");
    QTest::addColumn<QString>("message");
    QTest::newRow("non-zero exit") << QStringLiteral("sh -c \"exit 3\"") << QStringLiteral("exit code 3");
    QTest::newRow("missing program") << QStringLiteral("/nonexistent/headroom-hook") << QStringLiteral("could not be started");
    QTest::newRow("timeout") << QStringLiteral("sleep 30") << QStringLiteral("timed out after 1 s");
}

void TestAlertNotifier::commandFailureIsLoggedNotFatal()
{
    QFETCH(QString, command);
    QFETCH(QString, message);
    m_notifier->setCommand(command, 1);
    QSignalSpy done(m_notifier, &Notifier::commandFinished);
    QSignalSpy fallback(m_notifier, &Notifier::fallbackRequested);
    m_engine->process(reading(150, m_clock.nowUtc().addSecs(1200)));
    QVERIFY(done.wait(5000));
    QCOMPARE(done[0][1].toBool(), false);
    QVERIFY2(done[0][2].toString().contains(message), qPrintable(done[0][2].toString()));
    // The alert itself still went out (here: the fallback, no server) and both are logged.
    QTRY_COMPARE(fallback.size(), 1);
    QCOMPARE(m_store->m_events.size(), 2);
    QCOMPARE(m_store->m_events[0].kind, EventKind::Alert);
    QCOMPARE(m_store->m_events[1].kind, EventKind::Error);
    QVERIFY(m_store->m_events[1].detail.contains(message));
    QCOMPARE(done.size(), 1);
}

void TestAlertNotifier::plainText_data()
{
    QTest::addColumn<QString>("in");
    QTest::addColumn<QString>("out");
    QTest::newRow("plain") << QStringLiteral("ci-bot: core quota low") << QStringLiteral("ci-bot: core quota low");
    QTest::newRow("markup") << QStringLiteral("<i>x</i> & 'y' \"z\"") << QStringLiteral("ix/i  y z");
    QTest::newRow("controls") << QStringLiteral("a\tb\u0007c\nd") << QStringLiteral("abc\nd");
    QTest::newRow("unicode kept") << QStringLiteral("runs dry ≈ 14:32 ✓") << QStringLiteral("runs dry ≈ 14:32 ✓");
}

void TestAlertNotifier::plainText()
{
    QFETCH(QString, in);
    QFETCH(QString, out);
    QCOMPARE(Notifier::plainText(in), out);
}

// AlertService: one object that `headroom watch` and the GUI create and feed.
void TestAlertNotifier::serviceWiresEverything()
{
    MemoryAlertStateStore store;
    AlertService service(&store, QDBusConnection::sessionBus(), &m_clock);
    AlertSettings s;
    s.warningPct = 50;
    s.command = QStringLiteral("sh -c \"exit 4\"");
    s.commandTimeoutS = 5;
    service.setSettings(s);
    QCOMPARE(service.settings(), s);
    FakeMonitor monitor;
    QVERIFY(service.attach(&monitor));
    QSignalSpy fallback(service.notifier(), &Notifier::fallbackRequested);
    QSignalSpy done(service.notifier(), &Notifier::commandFinished);
    const QDateTime reset = m_clock.nowUtc().addSecs(1800);
    Q_EMIT monitor.resultRecorded(reading(400, reset)); // 40 % < the 50 % set above
    // Either may come first: the command races the D-Bus round trip.
    QTRY_COMPARE(fallback.size(), 1);
    QTRY_COMPARE(done.size(), 1);
    QVERIFY(done[0][2].toString().contains(QStringLiteral("exit code 4")));
    QCOMPARE(store.m_events.size(), 2);

    QVERIFY(startServer());
    QSignalSpy shown(service.notifier(), &Notifier::notificationShown);
    service.process(reading(400, reset, QStringLiteral("other-id")));
    QVERIFY(shown.wait());
    emitSignal(QStringLiteral("ActionInvoked"), {shown[0][1].toUInt(), QStringLiteral("snooze")});
    QTRY_COMPARE(service.engine()->snoozedUntil(QStringLiteral("other-id")), reset);
}

QTEST_GUILESS_MAIN(TestAlertNotifier)
#include "tst_alertnotifier.moc"
