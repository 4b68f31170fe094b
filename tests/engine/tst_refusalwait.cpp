// A 429 that states only a reset: the reading's retry_after_s is the wait until that reset, and
// the real Monitor and Scheduler send nothing before it. A loopback QTcpServer plays Buildkite
// (the simulator always adds Retry-After to its 429s); the clock is the fake one.
#include "accounts/memorysecretstore.h"
#include "core/clock.h"
#include "engine/monitor.h"

#include <QJsonObject>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QUuid>
#include <QtTest>

namespace {

// Answers each request with the next response of the list (the last one repeats) and notes
// the fake monotonic time at which the request arrived.
class ScriptedServer : public QObject
{
    Q_OBJECT
public:
    ScriptedServer(Clock *clock, QList<QByteArray> responses)
        : m_clock(clock), m_responses(std::move(responses))
    {
        connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *s = m_server.nextPendingConnection()) {
                connect(s, &QTcpSocket::disconnected, s, &QObject::deleteLater);
                connect(s, &QTcpSocket::readyRead, this, [this, s] {
                    QByteArray &buffer = m_buffers[s];
                    buffer += s->readAll();
                    if (!buffer.contains("\r\n\r\n"))
                        return;
                    m_arrivals.append(m_clock->monotonicMs());
                    const qsizetype i = std::min<qsizetype>(m_arrivals.size() - 1, m_responses.size() - 1);
                    s->write(m_responses.at(i));
                    s->disconnectFromHost();
                    m_buffers.remove(s);
                    Q_EMIT requestAnswered();
                });
            }
        });
    }
    bool listen() { return m_server.listen(QHostAddress::LocalHost); }
    QString baseUrl() const { return QStringLiteral("http://127.0.0.1:%1").arg(m_server.serverPort()); }
    const QList<qint64> &arrivals() const { return m_arrivals; }

Q_SIGNALS:
    void requestAnswered();

private:
    Clock *m_clock;
    QList<QByteArray> m_responses;
    QTcpServer m_server;
    QHash<QTcpSocket *, QByteArray> m_buffers;
    QList<qint64> m_arrivals;
};

QByteArray response(const QByteArray &statusLine, const QByteArray &fields)
{
    return "HTTP/1.1 " + statusLine + "\r\n" + fields + "Content-Type: application/json\r\nContent-Length: 2\r\n"
           "Connection: close\r\n\r\n{}";
}

} // namespace

class TestRefusalWait : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void cleanup() { Clock::setInstance(nullptr); }

    void buildkiteResetIsTheWait_data()
    {
        QTest::addColumn<QByteArray>("refusal");       // the 429's rate-limit fields
        QTest::addColumn<double>("retryAfterS");        // what the reading (and its JSON) says
        QTest::addColumn<QString>("resetAt");           // the quota's reset_at in the JSON
        QTest::addColumn<qint64>("earliestMs");         // no probe before this
        QTest::addColumn<qint64>("latestMs");           // the next probe by this

        // The done-when case: Buildkite's documented values on a 429. The exhausted quota's
        // reset adds the scheduler's one-second margin.
        QTest::newRow("RateLimit-Reset 42, remaining 0")
            << QByteArray("RateLimit-Limit: 200\r\nRateLimit-Remaining: 0\r\nRateLimit-Reset: 42\r\n") << 42.0
            << QStringLiteral("2026-11-23T12:00:42Z") << qint64(42'000) << qint64(43'000);
        // Without a remaining count only the reset says when: before, the monitor waited its
        // one-minute default here.
        QTest::newRow("RateLimit-Reset 42 alone")
            << QByteArray("RateLimit-Limit: 200\r\nRateLimit-Reset: 42\r\n") << 42.0
            << QStringLiteral("2026-11-23T12:00:42Z") << qint64(42'000) << qint64(42'000);
        // Both signals: Retry-After is the wait, the reset stays the one stated, and the later
        // of the two holds the probe back.
        QTest::newRow("Retry-After 30 beside RateLimit-Reset 42")
            << QByteArray("Retry-After: 30\r\nRateLimit-Limit: 200\r\nRateLimit-Remaining: 0\r\nRateLimit-Reset: 42\r\n")
            << 30.0 << QStringLiteral("2026-11-23T12:00:42Z") << qint64(42'000) << qint64(43'000);
    }

    void buildkiteResetIsTheWait()
    {
        QFETCH(QByteArray, refusal);
        QFETCH(double, retryAfterS);
        QFETCH(QString, resetAt);
        QFETCH(qint64, earliestMs);
        QFETCH(qint64, latestMs);

        ManualClock clock; // 2026-11-23T12:00:00Z
        Clock::setInstance(&clock);
        ScriptedServer server(&clock,
                              {response("429 Too Many Requests", refusal),
                               response("200 OK", "RateLimit-Limit: 200\r\nRateLimit-Remaining: 199\r\nRateLimit-Reset: 60\r\n")});
        QVERIFY(server.listen());
        QSignalSpy answered(&server, &ScriptedServer::requestAnswered);

        Account a;
        a.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
        a.name = QStringLiteral("buildkite-org");
        a.presetId = QStringLiteral("buildkite");
        a.baseUrl = server.baseUrl();
        a.auth = AuthScheme::None;

        MemorySecretStore secrets;
        Monitor monitor(&secrets, nullptr);
        Scheduler::Tuning tuning = monitor.scheduler()->tuning();
        tuning.startJitterMs = 0;
        monitor.scheduler()->setTuning(tuning);
        QSignalSpy recorded(&monitor, &Monitor::resultRecorded);
        monitor.setAccounts({a});
        monitor.start();

        QVERIFY(recorded.wait(10000));
        const ProbeResult refused = recorded.takeFirst().first().value<ProbeResult>();
        QCOMPARE(refused.state, AccountState::Throttled);
        QVERIFY(refused.reading.retryAfterS.has_value());
        QCOMPARE(*refused.reading.retryAfterS, retryAfterS);
        const QJsonObject json = refused.toJson();
        QCOMPARE(json.value(QStringLiteral("retry_after_s")).toDouble(-1), retryAfterS);
        QCOMPARE(refused.reading.quotas.size(), 1);
        QCOMPARE(refused.reading.quotas.first().toJson().value(QStringLiteral("reset_at")).toString(), resetAt);
        QCOMPARE(server.arrivals().size(), 1);
        const qint64 refusedAt = server.arrivals().first();

        // Fake time in quarter seconds; the event loop runs at every step, so a probe the
        // monitor launched early would reach the server.
        qint64 dueAfterMs = -1;
        while (clock.monotonicMs() - refusedAt < 70'000) {
            clock.advanceMs(250);
            monitor.refreshAll(); // asks for a probe now: a throttled account must still wait
            if (monitor.scheduler()->msUntilNextDue() == 0) {
                dueAfterMs = clock.monotonicMs() - refusedAt;
                break;
            }
            QCoreApplication::processEvents();
            QVERIFY2(server.arrivals().size() == 1, "a probe went out while the refusal's wait ran");
        }
        QVERIFY2(dueAfterMs >= earliestMs, qPrintable(QString::number(dueAfterMs)));
        QVERIFY2(dueAfterMs <= latestMs, qPrintable(QString::number(dueAfterMs)));
        // And the monitor does send it then.
        QVERIFY(answered.count() == 2 || answered.wait(10000));
        QCOMPARE(server.arrivals().size(), 2);
        QCOMPARE(server.arrivals().at(1) - refusedAt, dueAfterMs);
        QVERIFY(recorded.size() == 1 || recorded.wait(10000));
        QCOMPARE(recorded.first().first().value<ProbeResult>().state, AccountState::Ok);
        monitor.stop();
    }
};

QTEST_GUILESS_MAIN(TestRefusalWait)
#include "tst_refusalwait.moc"
