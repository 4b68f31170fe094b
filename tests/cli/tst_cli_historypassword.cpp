// The password of a shared history's database kept in the keychain, through the real binary, a
// real Secret Service (run under .ci/session) and a real PostgreSQL server that asks a role for
// its password (scram-sha-256): refused without it, saying so; `history password --stdin`
// stores it; then every command connects, and the password appears in no output. Removed, the
// server refuses again.
#include "clirunner.h"
#include "pgcluster.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace TestCli;

namespace {

const QByteArray kPassword = "Sc0tch-Bonnet-8842";

} // namespace

class TestCliHistoryPassword : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void passwordFromTheKeychain();
};

void TestCliHistoryPassword::passwordFromTheKeychain()
{
    PgCluster cluster;
    QVERIFY2(cluster.start(), qPrintable(cluster.error()));
    // A role that must give its password over TCP; the rest of the cluster stays as it is.
    QVERIFY(cluster.psql(QStringLiteral("CREATE ROLE ops LOGIN PASSWORD '") + QString::fromLatin1(kPassword)
        + QStringLiteral("'; ALTER DATABASE headroom OWNER TO ops")));
    {
        QFile hba(cluster.dataDir() + QStringLiteral("/pg_hba.conf"));
        QVERIFY(hba.open(QIODevice::ReadOnly));
        const QByteArray rest = hba.readAll();
        hba.close();
        QVERIFY(hba.open(QIODevice::WriteOnly | QIODevice::Truncate));
        hba.write("host all ops 127.0.0.1/32 scram-sha-256\n" + rest);
    }
    QVERIFY(cluster.psql(QStringLiteral("SELECT pg_reload_conf()")));

    QTemporaryDir root;
    QProcessEnvironment env = isolatedEnvironment(root);
    const QString url = QStringLiteral("postgresql://ops@127.0.0.1:%1/headroom").arg(cluster.port());
    const QStringList list { QStringLiteral("--history"), url, QStringLiteral("account"), QStringLiteral("list") };
    const QStringList exportSamples { QStringLiteral("--history"), url, QStringLiteral("export"),
        QStringLiteral("--kind"), QStringLiteral("samples"), QStringLiteral("--out"), QStringLiteral("-") };
    const auto leaks = [](const Run &r) { return r.out.contains(kPassword) || r.err.contains(kPassword); };

    // Start clean: a password left by an earlier run would answer for this one.
    Run r = run(QStringLiteral(HEADROOM_BIN),
        { QStringLiteral("history"), QStringLiteral("password"), QStringLiteral("--remove") }, env);
    QVERIFY2(r.code == 0, r.err.constData());

    // Neither the keychain nor libpq's files hold it: refused, and the message says what failed.
    r = run(QStringLiteral(HEADROOM_BIN), exportSamples, env);
    QCOMPARE(r.code, 1);
    QVERIFY2(r.err.contains("password"), r.err.constData());

    r = run(QStringLiteral(HEADROOM_BIN),
        { QStringLiteral("history"), QStringLiteral("password"), QStringLiteral("--stdin") }, env, kPassword + '\n');
    QVERIFY2(r.code == 0, r.err.constData());
    QVERIFY(!leaks(r));

    // Every command now connects: the schema is made, and the team's (empty) accounts listed.
    r = run(QStringLiteral(HEADROOM_BIN), list, env);
    QVERIFY2(r.code == 0 && !r.err.contains("Cannot open"), r.err.constData());
    QVERIFY(!leaks(r));
    QCOMPARE(cluster.psql(QStringLiteral("SELECT tableowner FROM pg_tables WHERE tablename = 'samples'"))
                 .value_or(QString())
                 .trimmed(),
        QStringLiteral("ops"));
    r = run(QStringLiteral(HEADROOM_BIN), exportSamples, env);
    QVERIFY2(r.code == 0, r.err.constData());
    QVERIFY(r.out.startsWith("time_utc,account,"));
    QVERIFY(!leaks(r));

    // A wrong one is the server's refusal, without the password in it.
    r = run(QStringLiteral(HEADROOM_BIN),
        { QStringLiteral("history"), QStringLiteral("password"), QStringLiteral("--stdin") }, env, "not-" + kPassword);
    QVERIFY2(r.code == 0, r.err.constData());
    r = run(QStringLiteral(HEADROOM_BIN), exportSamples, env);
    QCOMPARE(r.code, 1);
    QVERIFY2(r.err.contains("password authentication failed"), r.err.constData());
    QVERIFY(!r.err.contains("not-" + kPassword));

    r = run(QStringLiteral(HEADROOM_BIN),
        { QStringLiteral("history"), QStringLiteral("password"), QStringLiteral("--remove") }, env);
    QVERIFY2(r.code == 0, r.err.constData());
    r = run(QStringLiteral(HEADROOM_BIN), exportSamples, env);
    QCOMPARE(r.code, 1);
}

QTEST_GUILESS_MAIN(TestCliHistoryPassword)
#include "tst_cli_historypassword.moc"
