// Plain http only to loopback address literals, through the real binary: `account add` refuses
// http://localhost with a hint to write 127.0.0.1, and an accounts.json edited by hand to point at
// http://localhost is refused at probe time before anything is sent.
#include "clirunner.h"
#include "sim/simulatedapi.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>


class TestCliUrlPolicy : public QObject
{
    Q_OBJECT

    static TestCli::Run headroom(const QStringList &args, const QProcessEnvironment &env)
    {
        return TestCli::run(QStringLiteral(HEADROOM_BIN), args, env);
    }

private Q_SLOTS:
    void accountAdd_data()
    {
        QTest::addColumn<QString>("baseUrl");
        QTest::addColumn<int>("code");
        QTest::addColumn<QString>("hint"); // what stderr must say, empty when accepted
        QTest::newRow("http localhost") << QStringLiteral("http://localhost:8080") << 2 << QStringLiteral("http://127.0.0.1");
        QTest::newRow("http LOCALHOST") << QStringLiteral("http://LOCALHOST:8080") << 2 << QStringLiteral("http://127.0.0.1");
        QTest::newRow("http localhost, no port") << QStringLiteral("http://localhost") << 2 << QStringLiteral("http://127.0.0.1");
        QTest::newRow("http remote name") << QStringLiteral("http://api.example.invalid") << 2 << QStringLiteral("https");
        QTest::newRow("http 127.0.0.1") << QStringLiteral("http://127.0.0.1:8080") << 0 << QString();
        QTest::newRow("http 127.0.0.2") << QStringLiteral("http://127.0.0.2:8080") << 0 << QString();
        QTest::newRow("http [::1]") << QStringLiteral("http://[::1]:8080") << 0 << QString();
        QTest::newRow("https localhost") << QStringLiteral("https://localhost:8443") << 0 << QString();
    }
    void accountAdd()
    {
        QFETCH(QString, baseUrl);
        QFETCH(int, code);
        QFETCH(QString, hint);
        QTemporaryDir root;
        QVERIFY(root.isValid());
        const QProcessEnvironment env = TestCli::isolatedEnvironment(root);
        const TestCli::Run r = headroom({QStringLiteral("account"), QStringLiteral("add"), QStringLiteral("a"), QStringLiteral("--provider"), QStringLiteral("github"),
                                         QStringLiteral("--base-url"), baseUrl, QStringLiteral("--auth"), QStringLiteral("none")},
                                        env);
        QCOMPARE(r.code, code);
        const TestCli::Run list = headroom({QStringLiteral("account"), QStringLiteral("list"), QStringLiteral("--json")}, env);
        QCOMPARE(list.code, 0);
        if (code == 0) {
            QVERIFY2(list.out.contains("\"a\""), list.out.constData());
            return;
        }
        QCOMPARE(list.out.trimmed(), QByteArray("[]"));
        QVERIFY2(r.err.startsWith("headroom: ") && r.err.count('\n') == 1, r.err.constData());
        QVERIFY2(QString::fromUtf8(r.err).contains(hint), r.err.constData());
        if (!baseUrl.contains(QStringLiteral("localhost"), Qt::CaseInsensitive))
            QVERIFY2(!r.err.contains("127.0.0.1"), r.err.constData());
    }

    // A hand-edited file is held to the same rule when probing: nothing reaches the server that
    // "localhost" happens to resolve to here.
    void probeRefusesLocalhostBeforeSending()
    {
        SimulatedApi sim;
        SimulatedApi::Endpoint e;
        e.prefix = QStringLiteral("/");
        sim.addEndpoint(e);
        QVERIFY(sim.listen());
        QTemporaryDir root;
        QVERIFY(root.isValid());
        const QProcessEnvironment env = TestCli::isolatedEnvironment(root);
        QCOMPARE(headroom({QStringLiteral("account"), QStringLiteral("add"), QStringLiteral("edited"), QStringLiteral("--provider"), QStringLiteral("github"), QStringLiteral("--base-url"),
                           sim.baseUrl(), QStringLiteral("--auth"), QStringLiteral("none")},
                          env)
                     .code,
                 0);
        QCOMPARE(headroom({QStringLiteral("probe"), QStringLiteral("--json")}, env).code, 0);
        QCOMPARE(sim.requestCount(), 1); // the control: the literal is reached

        const QString path = env.value(QStringLiteral("XDG_CONFIG_HOME")) + QStringLiteral("/headroom/accounts.json");
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QByteArray text = f.readAll();
        f.close();
        QVERIFY(text.contains("127.0.0.1"));
        text.replace("127.0.0.1", "localhost");
        QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        f.write(text);
        f.close();

        const TestCli::Run r = headroom({QStringLiteral("probe"), QStringLiteral("--json")}, env);
        QCOMPARE(sim.requestCount(), 1);
        QVERIFY2(r.out.contains("\"state\":\"error\""), r.out.constData());
        QVERIFY2(r.out.contains("http://127.0.0.1"), r.out.constData());
    }
};

QTEST_GUILESS_MAIN(TestCliUrlPolicy)
#include "tst_cli_urlpolicy.moc"
