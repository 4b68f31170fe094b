// `headroom pool add|list|remove` through the real binary: pools are stored with the accounts,
// hold accounts of one provider, each in one pool at most; an accounts.json of version 1 (no
// pools) still loads and is written back as version 2.
#include "clirunner.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTcpServer>
#include <QTcpSocket>
#include <QtTest>

namespace {

// Two independent 600-per-minute tokens: each path answers with its own used count.
class TwoTokens : public QObject
{
    Q_OBJECT
public:
    TwoTokens()
    {
        connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *s = m_server.nextPendingConnection()) {
                connect(s, &QTcpSocket::disconnected, s, &QObject::deleteLater);
                connect(s, &QTcpSocket::readyRead, this, [s] {
                    const QByteArray head = s->readAll();
                    const QByteArray remaining = head.startsWith("GET /one") ? "590" : "20";
                    s->write("HTTP/1.1 200 OK\r\nX-RateLimit-Limit: 600\r\nX-RateLimit-Remaining: " + remaining
                             + "\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}");
                    s->disconnectFromHost();
                });
            }
        });
    }
    bool listen() { return m_server.listen(QHostAddress::LocalHost); }
    QString baseUrl() const { return QStringLiteral("http://127.0.0.1:%1").arg(m_server.serverPort()); }

private:
    QTcpServer m_server;
};

} // namespace

class TestCliPool : public QObject
{
    Q_OBJECT

    QTemporaryDir m_root;
    QProcessEnvironment m_env;

    TestCli::Run headroom(const QStringList &args) { return TestCli::run(QStringLiteral(HEADROOM_BIN), args, m_env); }
    QString accountsPath() const { return m_root.filePath(QStringLiteral("config/headroom/accounts.json")); }

    void addAccount(const QString &name, const QString &provider)
    {
        QStringList args{QStringLiteral("account"), QStringLiteral("add"), name, QStringLiteral("--provider"), provider,
                         QStringLiteral("--auth"), QStringLiteral("none")};
        if (provider == QStringLiteral("generic"))
            args << QStringLiteral("--base-url") << QStringLiteral("http://127.0.0.1:9") << QStringLiteral("--probe-path")
                 << QStringLiteral("/me");
        const TestCli::Run r = headroom(args);
        QVERIFY2(r.code == 0, r.err.constData());
    }

private Q_SLOTS:
    void init()
    {
        QDir(m_root.filePath(QStringLiteral("config"))).removeRecursively();
        m_env = TestCli::isolatedEnvironment(m_root);
    }

    void addListRemove()
    {
        addAccount(QStringLiteral("worker-01"), QStringLiteral("generic"));
        addAccount(QStringLiteral("worker-02"), QStringLiteral("generic"));
        addAccount(QStringLiteral("gh"), QStringLiteral("github"));

        // Empty: a word on stderr, nothing on stdout.
        TestCli::Run r = headroom({QStringLiteral("pool"), QStringLiteral("list")});
        QCOMPARE(r.code, 0);
        QVERIFY(r.out.isEmpty());
        QVERIFY(r.err.contains("pool add NAME ACCOUNT"));

        r = headroom({QStringLiteral("pool"), QStringLiteral("add"), QStringLiteral("workers"), QStringLiteral("worker-01"),
                      QStringLiteral("worker-02")});
        QVERIFY2(r.code == 0, r.err.constData());
        QCOMPARE(r.out, QByteArray("added pool 'workers' (generic): worker-01, worker-02\n"));

        r = headroom({QStringLiteral("pool"), QStringLiteral("list"), QStringLiteral("--json")});
        QCOMPARE(r.code, 0);
        QCOMPARE(r.out, QByteArray("[{\"pool\":\"workers\",\"provider\":\"generic\",\"members\":[\"worker-01\",\"worker-02\"]}]\n"));

        r = headroom({QStringLiteral("pool"), QStringLiteral("list")});
        QCOMPARE(r.out, QByteArray("workers\tgeneric\tworker-01 worker-02\n"));

        // Removing an account takes it out of its pool.
        QCOMPARE(headroom({QStringLiteral("account"), QStringLiteral("remove"), QStringLiteral("worker-02")}).code, 0);
        r = headroom({QStringLiteral("pool"), QStringLiteral("list")});
        QCOMPARE(r.out, QByteArray("workers\tgeneric\tworker-01\n"));

        r = headroom({QStringLiteral("pool"), QStringLiteral("remove"), QStringLiteral("workers")});
        QCOMPARE(r.code, 0);
        r = headroom({QStringLiteral("account"), QStringLiteral("list")});
        QVERIFY(r.out.contains("worker-01")); // its accounts stay
        r = headroom({QStringLiteral("pool"), QStringLiteral("remove"), QStringLiteral("workers")});
        QCOMPARE(r.code, 2);
        QCOMPARE(r.err, QByteArray("headroom: no pool named 'workers'\n"));
    }

    void refusals_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<int>("code");
        QTest::addColumn<QByteArray>("message");
        const QString pool = QStringLiteral("pool");
        const QString add = QStringLiteral("add");
        QTest::newRow("two providers") << QStringList{pool, add, QStringLiteral("mixed"), QStringLiteral("b"), QStringLiteral("gh")}
                                       << 2 << QByteArray("'gh' is a github account; a pool holds accounts of one provider (generic)");
        QTest::newRow("unknown account") << QStringList{pool, add, QStringLiteral("p"), QStringLiteral("nosuch")} << 2
                                         << QByteArray("no account named 'nosuch'");
        QTest::newRow("no members") << QStringList{pool, add, QStringLiteral("p")} << 2
                                    << QByteArray("give a pool NAME and at least one ACCOUNT");
        QTest::newRow("in another pool") << QStringList{pool, add, QStringLiteral("second"), QStringLiteral("a")} << 2
                                         << QByteArray("'a' is already in the pool 'first'");
        QTest::newRow("name taken") << QStringList{pool, add, QStringLiteral("first"), QStringLiteral("b")} << 2
                                    << QByteArray("a pool named 'first' already exists");
    }

    void refusals()
    {
        QFETCH(QStringList, args);
        QFETCH(int, code);
        QFETCH(QByteArray, message);
        addAccount(QStringLiteral("a"), QStringLiteral("generic"));
        addAccount(QStringLiteral("b"), QStringLiteral("generic"));
        addAccount(QStringLiteral("gh"), QStringLiteral("github"));
        QCOMPARE(headroom({QStringLiteral("pool"), QStringLiteral("add"), QStringLiteral("first"), QStringLiteral("a")}).code, 0);
        QFile before(accountsPath());
        QVERIFY(before.open(QIODevice::ReadOnly));
        const QByteArray file = before.readAll();
        before.close();

        const TestCli::Run r = headroom(args);
        QCOMPARE(r.code, code);
        QVERIFY2(r.err.contains(message), r.err.constData());
        QVERIFY(r.out.isEmpty());
        QFile after(accountsPath());
        QVERIFY(after.open(QIODevice::ReadOnly));
        QCOMPARE(after.readAll(), file); // a refusal changes nothing
    }

    // `probe --json` prints the pool's line after its members': limits summed over the two
    // independent buckets, and one token under the critical 5 % (20 of 600) while the other has 98 % is imbalanced.
    void probePrintsThePoolAfterItsMembers()
    {
        TwoTokens server;
        QVERIFY(server.listen());
        for (const QString &n : {QStringLiteral("one"), QStringLiteral("two")}) {
            const TestCli::Run r = headroom({QStringLiteral("account"), QStringLiteral("add"), n, QStringLiteral("--provider"),
                                             QStringLiteral("generic"), QStringLiteral("--base-url"), server.baseUrl(),
                                             QStringLiteral("--probe-path"), u'/' + n, QStringLiteral("--auth"),
                                             QStringLiteral("none")});
            QVERIFY2(r.code == 0, r.err.constData());
        }
        QCOMPARE(headroom({QStringLiteral("pool"), QStringLiteral("add"), QStringLiteral("workers"), QStringLiteral("one"),
                           QStringLiteral("two")}).code, 0);
        const TestCli::Run r = headroom({QStringLiteral("probe"), QStringLiteral("--json")});
        QVERIFY2(r.code == 0, r.err.constData());
        const QList<QByteArray> lines = r.out.trimmed().split('\n');
        QCOMPARE(lines.size(), 3);
        QVERIFY(lines.at(0).startsWith("{\"account\":"));
        QVERIFY(lines.at(1).startsWith("{\"account\":"));
        QVERIFY2(lines.at(2).startsWith("{\"pool\":\"workers\",\"provider\":\"generic\",\"state\":"), lines.at(2).constData());
        const QJsonObject pool = QJsonDocument::fromJson(lines.at(2)).object();
        QCOMPARE(pool.value(QStringLiteral("members")).toArray().size(), 2);
        const QJsonObject quota = pool.value(QStringLiteral("quotas")).toArray().first().toObject();
        QCOMPARE(quota.value(QStringLiteral("limit")).toInt(), 1200);
        QCOMPARE(quota.value(QStringLiteral("remaining")).toInt(), 610);
        QCOMPARE(quota.value(QStringLiteral("buckets")).toInt(), 2);
        QCOMPARE(pool.value(QStringLiteral("shared")).toArray().size(), 0);
        QCOMPARE(pool.value(QStringLiteral("imbalanced")).toBool(), true);
    }

    // One Bitbucket user's app passwords, and one Buildkite organization's tokens, share one
    // bucket from their configuration alone: `account list` says so before any probe, in words
    // and in its JSON's shared_with; another user, another organization or a repository access
    // token (Bearer) shares nothing.
    void accountListNamesSharingFromIdentity()
    {
        QDir(m_root.filePath(QStringLiteral("data"))).removeRecursively();
        QVERIFY(QDir().mkpath(QFileInfo(accountsPath()).absolutePath()));
        QFile f(accountsPath());
        QVERIFY(f.open(QIODevice::WriteOnly));
        const auto account = [](int n, const char *name, const char *provider, const char *extra) {
            return QByteArray("{\"id\": \"0b6f8d1e-1111-4222-8333-44445555000") + QByteArray::number(n) + "\", \"name\": \"" + name
                + "\", \"provider\": \"" + provider + "\", \"base_url\": \"https://api." + provider + (provider[1] == 'i' ? ".org" : ".com")
                + "\", " + extra + "}";
        };
        f.write("{\"version\": 2, \"accounts\": ["
                + account(1, "deploy-bot", "bitbucket", "\"auth\": \"basic\", \"user\": \"JDoe\"") + ","
                + account(2, "ci-2", "bitbucket", "\"auth\": \"basic\", \"user\": \"jdoe\"") + ","
                + account(3, "other-user", "bitbucket", "\"auth\": \"basic\", \"user\": \"alice\"") + ","
                + account(4, "repo-token", "bitbucket", "\"auth\": \"bearer\"") + ","
                + account(5, "bk-1", "buildkite", "\"auth\": \"bearer\", \"probe_path\": \"/v2/organizations/acme/pipelines?per_page=1\"") + ","
                + account(6, "bk-2", "buildkite", "\"auth\": \"bearer\", \"probe_path\": \"/v2/organizations/ACME/builds\"") + ","
                + account(7, "bk-3", "buildkite", "\"auth\": \"bearer\", \"probe_path\": \"/v2/organizations/other/builds\"") + ","
                + account(8, "bk-4", "buildkite", "\"auth\": \"bearer\"")
                + "]}");
        f.close();

        TestCli::Run r = headroom({QStringLiteral("account"), QStringLiteral("list"), QStringLiteral("--json")});
        QVERIFY2(r.code == 0, r.err.constData());
        QHash<QString, QJsonArray> sharedWith;
        for (const QJsonValue &v : QJsonDocument::fromJson(r.out).array()) {
            QVERIFY(v.toObject().contains(QStringLiteral("shared_with")));
            sharedWith.insert(v[QStringLiteral("name")].toString(), v[QStringLiteral("shared_with")].toArray());
        }
        QCOMPARE(sharedWith.size(), 8);
        QCOMPARE(sharedWith.value(QStringLiteral("deploy-bot")), QJsonArray{QStringLiteral("ci-2")});
        QCOMPARE(sharedWith.value(QStringLiteral("ci-2")), QJsonArray{QStringLiteral("deploy-bot")});
        QCOMPARE(sharedWith.value(QStringLiteral("bk-1")), QJsonArray{QStringLiteral("bk-2")});
        QCOMPARE(sharedWith.value(QStringLiteral("bk-2")), QJsonArray{QStringLiteral("bk-1")});
        for (const char *alone : {"other-user", "repo-token", "bk-3", "bk-4"})
            QCOMPARE(sharedWith.value(QString::fromLatin1(alone)), QJsonArray());

        r = headroom({QStringLiteral("account"), QStringLiteral("list")});
        QVERIFY2(r.code == 0, r.err.constData());
        const QList<QByteArray> lines = r.out.trimmed().split('\n');
        QCOMPARE(lines.size(), 8);
        QVERIFY2(lines.at(0).startsWith("deploy-bot\t") && lines.at(0).endsWith("\tshares one bucket with ci-2"),
                 lines.at(0).constData());
        QVERIFY2(lines.at(4).endsWith("\tshares one bucket with bk-2"), lines.at(4).constData());
        QVERIFY2(!lines.at(2).contains("shares"), lines.at(2).constData());
        // Reading the history to look for evidence creates none.
        QVERIFY(!QFile::exists(m_root.filePath(QStringLiteral("data/headroom/history.sqlite"))));
    }

    void versionOneFileStillLoads()
    {
        QVERIFY(QDir().mkpath(QFileInfo(accountsPath()).absolutePath()));
        QFile f(accountsPath());
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("{\"version\": 1, \"accounts\": [{\"id\": \"0b6f8d1e-1111-4222-8333-444455556666\", \"name\": \"old\", "
                "\"provider\": \"github\", \"base_url\": \"https://api.github.com\", \"auth\": \"none\"}]}");
        f.close();
        TestCli::Run r = headroom({QStringLiteral("account"), QStringLiteral("list")});
        QCOMPARE(r.code, 0);
        QVERIFY(r.out.startsWith("old\tgithub"));
        r = headroom({QStringLiteral("pool"), QStringLiteral("add"), QStringLiteral("solo"), QStringLiteral("old")});
        QVERIFY2(r.code == 0, r.err.constData());
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QJsonObject root = QJsonDocument::fromJson(f.readAll()).object();
        QCOMPARE(root.value(QStringLiteral("version")).toInt(), 2);
        QCOMPARE(root.value(QStringLiteral("accounts")).toArray().size(), 1);
        QCOMPARE(root.value(QStringLiteral("pools")).toArray().first().toObject().value(QStringLiteral("name")).toString(),
                 QStringLiteral("solo"));
    }
};

QTEST_GUILESS_MAIN(TestCliPool)
#include "tst_cli_pool.moc"
