// Per-route probes: an account lists extra paths with tighter limits; each is probed with the
// account's token on the account's origin, read as a resource named after the route and
// scheduled on its own. A loopback QTcpServer answers per path.
#include "accounts/accountstore.h"
#include "accounts/memorysecretstore.h"
#include "engine/monitor.h"

#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QtTest>

namespace {

class PathServer : public QObject
{
    Q_OBJECT
public:
    PathServer()
    {
        connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *s = m_server.nextPendingConnection()) {
                connect(s, &QTcpSocket::disconnected, s, &QObject::deleteLater);
                connect(s, &QTcpSocket::readyRead, this, [this, s] {
                    QByteArray &buffer = m_buffers[s];
                    buffer += s->readAll();
                    if (!buffer.contains("\r\n\r\n"))
                        return;
                    const QList<QByteArray> lines = buffer.split('\n');
                    const QByteArray path = lines.first().split(' ').value(1);
                    m_paths.append(path);
                    for (const QByteArray &l : lines)
                        if (l.toLower().startsWith("authorization:"))
                            m_auth.append(l.trimmed());
                    const QByteArray fields = path.startsWith("/search")
                        ? "X-RateLimit-Limit: 30\r\nX-RateLimit-Remaining: 4\r\n"
                        : "X-RateLimit-Limit: 600\r\nX-RateLimit-Remaining: 590\r\n";
                    s->write("HTTP/1.1 200 OK\r\n" + fields
                             + "Content-Type: application/json\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}");
                    s->disconnectFromHost();
                    m_buffers.remove(s);
                });
            }
        });
    }
    bool listen() { return m_server.listen(QHostAddress::LocalHost); }
    QString baseUrl() const { return QStringLiteral("http://127.0.0.1:%1").arg(m_server.serverPort()); }
    QList<QByteArray> m_paths;
    QList<QByteArray> m_auth;

private:
    QTcpServer m_server;
    QHash<QTcpSocket *, QByteArray> m_buffers;
};

} // namespace

class TestProbeRoutes : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void eachRouteIsItsOwnResource()
    {
        PathServer server;
        QVERIFY(server.listen());
        Account a;
        a.id = QStringLiteral("6a1f0b8e-0000-4000-8000-000000000001");
        a.name = QStringLiteral("internal-api");
        a.presetId = QStringLiteral("generic");
        a.baseUrl = server.baseUrl();
        a.probePath = QStringLiteral("/v1/me");
        a.routes = {{QStringLiteral("search"), QStringLiteral("/search?q=x")}};
        QCOMPARE(AccountStore::validate(a), QString());

        MemorySecretStore secrets;
        bool written = false;
        secrets.write(a.id, QStringLiteral("s3cret"), [&](const SecretStore::Result &) { written = true; });
        QTRY_VERIFY(written);
        Monitor monitor(&secrets, nullptr);
        monitor.setAccounts({a});
        QVERIFY(monitor.scheduler()->contains(a.id));
        QVERIFY(monitor.scheduler()->contains(a.id + QStringLiteral("#search")));

        QSignalSpy recorded(&monitor, &Monitor::resultRecorded);
        QSignalSpy finished(&monitor, &Monitor::runOnceFinished);
        monitor.runOnce({a.id});
        QVERIFY(finished.wait(10000));
        QCOMPARE(recorded.size(), 2);

        QHash<QString, Quota> byResource;
        for (const QList<QVariant> &args : std::as_const(recorded)) {
            const ProbeResult r = args.first().value<ProbeResult>();
            QCOMPARE(r.accountId, a.id);
            for (const Quota &q : r.reading.quotas)
                byResource.insert(q.resource, q);
            if (!r.reading.quotas.isEmpty() && r.reading.quotas.first().resource == QStringLiteral("search"))
                QCOMPARE(r.state, AccountState::Warning); // 4 of 30 is under 20 %
        }
        QVERIFY2(byResource.contains(QStringLiteral("search")), qPrintable(byResource.keys().join(u',')));
        QCOMPARE(byResource.value(QStringLiteral("search")).limit, std::optional<qint64>(30));
        QCOMPARE(byResource.value(QStringLiteral("search")).remaining, std::optional<qint64>(4));
        QCOMPARE(byResource.size(), 2);

        std::sort(server.m_paths.begin(), server.m_paths.end());
        QCOMPARE(server.m_paths, (QList<QByteArray>{"/search?q=x", "/v1/me"}));
        // One token for both, read once from the keychain.
        QCOMPARE(server.m_auth.size(), 2);
        QCOMPARE(server.m_auth.at(0), server.m_auth.at(1));
    }

    void routesNeverLeaveTheOrigin_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("path");
        QTest::addColumn<bool>("valid");
        QTest::newRow("plain") << QStringLiteral("search") << QStringLiteral("/search?q=x") << true;
        QTest::newRow("another host") << QStringLiteral("evil") << QStringLiteral("//evil.example/x") << false;
        QTest::newRow("absolute URL") << QStringLiteral("abs") << QStringLiteral("https://evil.example/x") << false;
        QTest::newRow("space in path") << QStringLiteral("sp") << QStringLiteral("/a b") << false;
        QTest::newRow("bad name") << QStringLiteral("a b") << QStringLiteral("/x") << false;
        QTest::newRow("empty name") << QString() << QStringLiteral("/x") << false;
    }

    void routesNeverLeaveTheOrigin()
    {
        QFETCH(QString, name);
        QFETCH(QString, path);
        QFETCH(bool, valid);
        Account a;
        a.id = QStringLiteral("id");
        a.name = QStringLiteral("n");
        a.presetId = QStringLiteral("github");
        a.baseUrl = QStringLiteral("https://api.github.com");
        a.routes = {{name, path}};
        QCOMPARE(AccountStore::validate(a).isEmpty(), valid);
    }

    void duplicateRouteNamesAreRefused()
    {
        Account a;
        a.id = QStringLiteral("id");
        a.name = QStringLiteral("n");
        a.presetId = QStringLiteral("github");
        a.baseUrl = QStringLiteral("https://api.github.com");
        a.routes = {{QStringLiteral("s"), QStringLiteral("/a")}, {QStringLiteral("s"), QStringLiteral("/b")}};
        QVERIFY(AccountStore::validate(a).contains(QStringLiteral("twice")));
    }

    void routesSurviveTheFile()
    {
        Account a;
        a.id = QStringLiteral("id");
        a.name = QStringLiteral("n");
        a.presetId = QStringLiteral("github");
        a.routes = {{QStringLiteral("search"), QStringLiteral("/search/code?q=x")}};
        const std::optional<Account> back = Account::fromJson(a.toJson());
        QVERIFY(back);
        QCOMPARE(back->routes, a.routes);
    }
};

QTEST_GUILESS_MAIN(TestProbeRoutes)
#include "tst_proberoutes.moc"
