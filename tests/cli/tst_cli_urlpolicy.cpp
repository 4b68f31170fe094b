// Plain http only to loopback address literals, through the real binary: `account add` refuses
// http://localhost with a hint to write 127.0.0.1, and an accounts.json edited by hand to point at
// http://localhost is refused at probe time before anything is sent.
#include "clirunner.h"
#include "sim/simulatedapi.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

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
        QTest::newRow("http localhost") << u"http://localhost:8080"_s << 2 << u"http://127.0.0.1"_s;
        QTest::newRow("http LOCALHOST") << u"http://LOCALHOST:8080"_s << 2 << u"http://127.0.0.1"_s;
        QTest::newRow("http localhost, no port") << u"http://localhost"_s << 2 << u"http://127.0.0.1"_s;
        QTest::newRow("http remote name") << u"http://api.example.invalid"_s << 2 << u"https"_s;
        QTest::newRow("http 127.0.0.1") << u"http://127.0.0.1:8080"_s << 0 << QString();
        QTest::newRow("http 127.0.0.2") << u"http://127.0.0.2:8080"_s << 0 << QString();
        QTest::newRow("http [::1]") << u"http://[::1]:8080"_s << 0 << QString();
        QTest::newRow("https localhost") << u"https://localhost:8443"_s << 0 << QString();
    }
    void accountAdd()
    {
        QFETCH(QString, baseUrl);
        QFETCH(int, code);
        QFETCH(QString, hint);
        QTemporaryDir root;
        QVERIFY(root.isValid());
        const QProcessEnvironment env = TestCli::isolatedEnvironment(root);
        const TestCli::Run r = headroom({u"account"_s, u"add"_s, u"a"_s, u"--provider"_s, u"github"_s,
                                         u"--base-url"_s, baseUrl, u"--auth"_s, u"none"_s},
                                        env);
        QCOMPARE(r.code, code);
        const TestCli::Run list = headroom({u"account"_s, u"list"_s, u"--json"_s}, env);
        QCOMPARE(list.code, 0);
        if (code == 0) {
            QVERIFY2(list.out.contains("\"a\""), list.out.constData());
            return;
        }
        QCOMPARE(list.out.trimmed(), QByteArray("[]"));
        QVERIFY2(r.err.startsWith("headroom: ") && r.err.count('\n') == 1, r.err.constData());
        QVERIFY2(QString::fromUtf8(r.err).contains(hint), r.err.constData());
        if (!baseUrl.contains(u"localhost"_s, Qt::CaseInsensitive))
            QVERIFY2(!r.err.contains("127.0.0.1"), r.err.constData());
    }

    // A hand-edited file is held to the same rule when probing: nothing reaches the server that
    // "localhost" happens to resolve to here.
    void probeRefusesLocalhostBeforeSending()
    {
        SimulatedApi sim;
        SimulatedApi::Endpoint e;
        e.prefix = u"/"_s;
        sim.addEndpoint(e);
        QVERIFY(sim.listen());
        QTemporaryDir root;
        QVERIFY(root.isValid());
        const QProcessEnvironment env = TestCli::isolatedEnvironment(root);
        QCOMPARE(headroom({u"account"_s, u"add"_s, u"edited"_s, u"--provider"_s, u"github"_s, u"--base-url"_s,
                           sim.baseUrl(), u"--auth"_s, u"none"_s},
                          env)
                     .code,
                 0);
        QCOMPARE(headroom({u"probe"_s, u"--json"_s}, env).code, 0);
        QCOMPARE(sim.requestCount(), 1); // the control: the literal is reached

        const QString path = env.value(u"XDG_CONFIG_HOME"_s) + u"/headroom/accounts.json"_s;
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QByteArray text = f.readAll();
        f.close();
        QVERIFY(text.contains("127.0.0.1"));
        text.replace("127.0.0.1", "localhost");
        QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        f.write(text);
        f.close();

        const TestCli::Run r = headroom({u"probe"_s, u"--json"_s}, env);
        QCOMPARE(sim.requestCount(), 1);
        QVERIFY2(r.out.contains("\"state\":\"error\""), r.out.constData());
        QVERIFY2(r.out.contains("http://127.0.0.1"), r.out.constData());
    }
};

QTEST_GUILESS_MAIN(TestCliUrlPolicy)
#include "tst_cli_urlpolicy.moc"
