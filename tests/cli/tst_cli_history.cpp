// Choosing the history: `--history URL` on any command and `headroom settings set history URL`.
// sqlite:PATH records in that file and nowhere else; postgresql://… records in a real
// PostgreSQL server (a throwaway cluster); a password in the location is refused without being
// echoed; a location that names nothing is a usage error; export reads either.
#include "clirunner.h"
#include "pgcluster.h"
#include "sim/simulatedapi.h"

#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace TestCli;

class TestCliHistory : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void locationsRefusedClearly_data();
    void locationsRefusedClearly();
    void sqliteFileChosen();
    void postgresqlChosen();

private:
    // An account `gh` on the simulator, its token in systemd credentials (no session bus).
    QProcessEnvironment accountOnSimulator(const QTemporaryDir &root);

    SimulatedApi m_sim;
};

void TestCliHistory::initTestCase()
{
    m_sim.addEndpoint(SimulatedApi::Endpoint::quota(
        QStringLiteral("/gh"), SimulatedApi::Dialect::GitHub, SimulatedApi::QuotaModel::FixedWindow, 5000, 3600, 0));
    QVERIFY(m_sim.listen());
}

QProcessEnvironment TestCliHistory::accountOnSimulator(const QTemporaryDir &root)
{
    QProcessEnvironment env = isolatedEnvironment(root);
    env.remove(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"));
    const Run r = run(QStringLiteral(HEADROOM_BIN),
        { QStringLiteral("account"), QStringLiteral("add"), QStringLiteral("gh"), QStringLiteral("--provider"),
            QStringLiteral("github"), QStringLiteral("--base-url"), m_sim.baseUrl() + QStringLiteral("/gh"),
            QStringLiteral("--secret-store"), QStringLiteral("systemd") },
        env);
    if (r.code != 0)
        return {};
    const QRegularExpressionMatch m
        = QRegularExpression(QStringLiteral("--name=(headroom\\.[0-9a-f-]+) ")).match(QString::fromUtf8(r.out));
    if (!m.hasMatch())
        return {};
    QDir(root.path()).mkpath(QStringLiteral("creds"));
    QFile token(root.filePath(QStringLiteral("creds/")) + m.captured(1));
    if (!token.open(QIODevice::WriteOnly))
        return {};
    token.write("ghp_historytoken\n");
    env.insert(QStringLiteral("CREDENTIALS_DIRECTORY"), root.filePath(QStringLiteral("creds")));
    return env;
}

void TestCliHistory::locationsRefusedClearly_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("said");
    const QString withPassword = QStringLiteral("postgresql://admin:hunter2secret@db.example.org/team");
    QTest::newRow("password in --history")
        << QStringList { QStringLiteral("--history"), withPassword, QStringLiteral("probe") }
        << QStringLiteral("~/.pgpass");
    QTest::newRow("password in settings")
        << QStringList { QStringLiteral("settings"), QStringLiteral("set"), QStringLiteral("history"), withPassword }
        << QStringLiteral("~/.pgpass");
    QTest::newRow("relative path")
        << QStringList { QStringLiteral("--history=history.sqlite"), QStringLiteral("probe") }
        << QStringLiteral("sqlite:/absolute/path");
    QTest::newRow("no value") << QStringList { QStringLiteral("probe"), QStringLiteral("--history") }
                              << QStringLiteral("--history needs a location");
}

void TestCliHistory::locationsRefusedClearly()
{
    QFETCH(QStringList, args);
    QFETCH(QString, said);
    QTemporaryDir root;
    const Run r = run(QStringLiteral(HEADROOM_BIN), args, isolatedEnvironment(root));
    QCOMPARE(r.code, 2);
    QVERIFY2(r.err.contains(said.toUtf8()), r.err.constData());
    QCOMPARE(r.err.count('\n'), 1);
    QVERIFY2(!r.err.contains("hunter2secret") && !r.out.contains("hunter2secret"), r.err.constData());
    // Nothing was stored.
    QFile conf(root.filePath(QStringLiteral("config/headroom/headroom.conf")));
    QVERIFY(!conf.exists() || (conf.open(QIODevice::ReadOnly) && !conf.readAll().contains("hunter2")));
}

void TestCliHistory::sqliteFileChosen()
{
    QTemporaryDir root;
    const QProcessEnvironment env = accountOnSimulator(root);
    QVERIFY(!env.isEmpty());
    const QString file = root.filePath(QStringLiteral("elsewhere/team.sqlite"));
    QDir().mkpath(root.filePath(QStringLiteral("elsewhere")));
    Run r = run(QStringLiteral(HEADROOM_BIN),
        { QStringLiteral("--history"), QStringLiteral("sqlite:") + file, QStringLiteral("probe"), QStringLiteral("--json") },
        env);
    QVERIFY2(r.code == 0, r.err.constData());
    QVERIFY(QFile::exists(file));
    // The default file was not touched.
    QVERIFY(!QFile::exists(env.value(QStringLiteral("XDG_DATA_HOME")) + QStringLiteral("/headroom/history.sqlite")));
    // The export reads the chosen file: one sample of gh.
    r = run(QStringLiteral(HEADROOM_BIN),
        { QStringLiteral("export"), QStringLiteral("--history=sqlite:") + file, QStringLiteral("--kind"),
            QStringLiteral("samples"), QStringLiteral("--out"), QStringLiteral("-") },
        env);
    QVERIFY2(r.code == 0, r.err.constData());
    // One probe: its core and search quotas.
    QCOMPARE(r.out.count(",gh,github,core,5000,"), 1);
    QCOMPARE(r.out.count(",gh,github,search,"), 1);

    // Through the setting: the same, and `settings get` reads it back in the long form.
    r = run(QStringLiteral(HEADROOM_BIN),
        { QStringLiteral("settings"), QStringLiteral("set"), QStringLiteral("history"), file }, env);
    QVERIFY2(r.code == 0, r.err.constData());
    r = run(QStringLiteral(HEADROOM_BIN), { QStringLiteral("settings"), QStringLiteral("get"), QStringLiteral("history") },
        env);
    QCOMPARE(r.out.trimmed(), (QStringLiteral("sqlite:") + file).toUtf8());
    r = run(QStringLiteral(HEADROOM_BIN), { QStringLiteral("probe") }, env);
    QVERIFY2(r.code == 0, r.err.constData());
    r = run(QStringLiteral(HEADROOM_BIN),
        { QStringLiteral("export"), QStringLiteral("--kind"), QStringLiteral("samples"), QStringLiteral("--out"),
            QStringLiteral("-") },
        env);
    QCOMPARE(r.out.count(",gh,github,core,5000,"), 2);
}

void TestCliHistory::postgresqlChosen()
{
    PgCluster cluster;
    QVERIFY2(cluster.start(), qPrintable(cluster.error()));
    QTemporaryDir root;
    const QProcessEnvironment env = accountOnSimulator(root);
    QVERIFY(!env.isEmpty());
    Run r = run(QStringLiteral(HEADROOM_BIN), { QStringLiteral("--history"), cluster.url(), QStringLiteral("probe") }, env);
    QVERIFY2(r.code == 0, r.err.constData());
    const QString probes = QStringLiteral("SELECT count(*) FROM samples WHERE resource = 'core'");
    QCOMPARE(cluster.psql(probes).value_or(QString()), QStringLiteral("1"));
    QCOMPARE(cluster.psql(QStringLiteral("SELECT name || ' ' || provider FROM accounts")).value_or(QString()),
        QStringLiteral("gh github"));
    QVERIFY(!QFile::exists(env.value(QStringLiteral("XDG_DATA_HOME")) + QStringLiteral("/headroom/history.sqlite")));

    // `watch` records there too, every line after its commit.
    r = run(QStringLiteral(HEADROOM_BIN),
        { QStringLiteral("watch"), QStringLiteral("--json"), QStringLiteral("--duration"), QStringLiteral("2"),
            QStringLiteral("--history"), cluster.url() },
        env);
    QVERIFY2(r.code == 0, r.err.constData());
    const int lines = int(r.out.count('\n'));
    QVERIFY(lines >= 1);
    QCOMPARE(cluster.psql(probes).value_or(QString()), QString::number(1 + lines));

    // Export reads it: every probe's core quota, one row each.
    r = run(QStringLiteral(HEADROOM_BIN),
        { QStringLiteral("--history"), cluster.url(), QStringLiteral("export"), QStringLiteral("--kind"),
            QStringLiteral("samples"), QStringLiteral("--out"), QStringLiteral("-") },
        env);
    QVERIFY2(r.code == 0, r.err.constData());
    QVERIFY(r.out.startsWith("time_utc,account,provider,resource,"));
    QCOMPARE(r.out.count(",gh,github,core,5000,"), 1 + lines);

    // A server that is not there: one line, exit 1.
    cluster.stop();
    r = run(QStringLiteral(HEADROOM_BIN), { QStringLiteral("--history"), cluster.url(), QStringLiteral("probe") }, env);
    QCOMPARE(r.code, 1);
    QCOMPARE(r.err.count('\n'), 1);
}

QTEST_GUILESS_MAIN(TestCliHistory)
#include "tst_cli_history.moc"
