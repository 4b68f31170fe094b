// Team accounts through the real binary on a real PostgreSQL history (tests/common/pgcluster.h):
// two machines (their own accounts files and credentials) share one database. An account added
// on one is listed on the other with who polls it; a `headroom watch` of the machine holding the
// token polls it; an account removed on the other machine is removed for the team, and the
// watcher stops polling it within one refresh of the team's accounts.
#include "clirunner.h"
#include "pgcluster.h"
#include "sim/simulatedapi.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSysInfo>
#include <QTemporaryDir>
#include <QTest>

using namespace TestCli;

namespace {

// A machine with its own files and systemd-style credentials, no session bus.
QProcessEnvironment machine(const QTemporaryDir &root)
{
    QProcessEnvironment env = isolatedEnvironment(root);
    env.remove(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"));
    QDir(root.path()).mkpath(QStringLiteral("creds"));
    env.insert(QStringLiteral("CREDENTIALS_DIRECTORY"), root.filePath(QStringLiteral("creds")));
    return env;
}

QJsonObject listed(const QByteArray &json, const QString &name)
{
    for (const QJsonValue &v : QJsonDocument::fromJson(json).array())
        if (v.toObject().value(QStringLiteral("name")).toString() == name)
            return v.toObject();
    return {};
}

} // namespace

class TestCliTeamAccounts : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void accountsAreTheTeams();
};

void TestCliTeamAccounts::accountsAreTheTeams()
{
    PgCluster cluster;
    QVERIFY2(cluster.start(), qPrintable(cluster.error()));
    SimulatedApi sim;
    sim.addEndpoint(SimulatedApi::Endpoint::quota(
        QStringLiteral("/gh"), SimulatedApi::Dialect::GitHub, SimulatedApi::QuotaModel::FixedWindow, 5000, 3600, 0));
    QVERIFY(sim.listen());
    const QStringList history{QStringLiteral("--history"), cluster.url()};

    QTemporaryDir serverRoot;
    QTemporaryDir laptopRoot;
    const QProcessEnvironment server = machine(serverRoot);
    const QProcessEnvironment laptop = machine(laptopRoot);

    // Added on the server, token in the server's credentials only.
    QString ids[2];
    for (int i = 0; i < 2; ++i) {
        const Run r = run(QStringLiteral(HEADROOM_BIN),
                          history
                              + QStringList{QStringLiteral("account"), QStringLiteral("add"), QStringLiteral("svc%1").arg(i),
                                            QStringLiteral("--provider"), QStringLiteral("github"), QStringLiteral("--base-url"),
                                            sim.baseUrl() + QStringLiteral("/gh/%1").arg(i), QStringLiteral("--interval"),
                                            QStringLiteral("10"), QStringLiteral("--secret-store"), QStringLiteral("systemd")},
                          server);
        QVERIFY2(r.code == 0, r.err.constData());
        const QRegularExpressionMatch m
            = QRegularExpression(QStringLiteral("--name=headroom\\.([0-9a-f-]+) ")).match(QString::fromUtf8(r.out));
        QVERIFY(m.hasMatch());
        ids[i] = m.captured(1);
        QFile token(serverRoot.filePath(QStringLiteral("creds/headroom.")) + ids[i]);
        QVERIFY(token.open(QIODevice::WriteOnly));
        token.write("ghp_server" + QByteArray::number(i) + '\n');
    }

    // The laptop never added them, yet lists them: nobody polls them yet.
    Run list = run(QStringLiteral(HEADROOM_BIN), history + QStringList{QStringLiteral("account"), QStringLiteral("list"),
                                                                      QStringLiteral("--json")},
                   laptop);
    QVERIFY2(list.code == 0, list.err.constData());
    QCOMPARE(listed(list.out, QStringLiteral("svc0")).value(QStringLiteral("id")).toString(), ids[0]);
    QVERIFY(listed(list.out, QStringLiteral("svc1")).value(QStringLiteral("polled_by")).isNull());
    // Definitions only: the laptop's accounts file has no token, and the token is nowhere in it.
    QFile laptopFile(laptopRoot.filePath(QStringLiteral("config/headroom/accounts.json")));
    QVERIFY(laptopFile.open(QIODevice::ReadOnly));
    QVERIFY(!laptopFile.readAll().contains("ghp_server"));

    // The server watches; the laptop's listing names the server's watcher as the poller.
    QProcess watcher;
    watcher.setProcessEnvironment(server);
    watcher.start(QStringLiteral(HEADROOM_BIN), history + QStringList{QStringLiteral("watch"), QStringLiteral("--json")});
    QVERIFY(watcher.waitForStarted());
    auto stop = qScopeGuard([&] {
        watcher.terminate();
        watcher.waitForFinished(10000);
    });
    QTRY_VERIFY_WITH_TIMEOUT(sim.requestCount(QStringLiteral("/gh/0")) > 0 && sim.requestCount(QStringLiteral("/gh/1")) > 0,
                             30000);
    const QString poller = QSysInfo::machineHostName() + u':' + QString::number(watcher.processId());
    list = run(QStringLiteral(HEADROOM_BIN),
               history + QStringList{QStringLiteral("account"), QStringLiteral("list"), QStringLiteral("--json")}, laptop);
    QCOMPARE(listed(list.out, QStringLiteral("svc0")).value(QStringLiteral("polled_by")).toString(), poller);
    const Run text = run(QStringLiteral(HEADROOM_BIN), history + QStringList{QStringLiteral("account"), QStringLiteral("list")},
                         laptop);
    QVERIFY2(text.out.contains(("polled by " + poller).toUtf8()), text.out.constData());

    // Removed on the laptop: removed for the team; the server's watcher stops polling it within
    // one refresh of the team's accounts (10 s), and the server's own file loses it.
    const Run removed = run(QStringLiteral(HEADROOM_BIN),
                            history + QStringList{QStringLiteral("account"), QStringLiteral("remove"), QStringLiteral("svc0")},
                            laptop);
    QVERIFY2(removed.code == 0, removed.err.constData());
    QElapsedTimer sinceRemoval;
    sinceRemoval.start();
    const auto serverFileHas = [&](const QString &id) {
        QFile f(serverRoot.filePath(QStringLiteral("config/headroom/accounts.json")));
        return f.open(QIODevice::ReadOnly) && f.readAll().contains(id.toUtf8());
    };
    QVERIFY(serverFileHas(ids[0]));
    QTRY_VERIFY_WITH_TIMEOUT(!serverFileHas(ids[0]), 20000);
    QVERIFY(serverFileHas(ids[1]));
    const qint64 followedMs = sinceRemoval.elapsed();
    const qsizetype probesThen = sim.requestCount(QStringLiteral("/gh/0"));
    const qsizetype otherThen = sim.requestCount(QStringLiteral("/gh/1"));
    QTRY_VERIFY_WITH_TIMEOUT(sim.requestCount(QStringLiteral("/gh/1")) >= otherThen + 2, 30000); // still watching
    QCOMPARE(sim.requestCount(QStringLiteral("/gh/0")), probesThen);
    qInfo("removed on the laptop; the server's watcher followed after %lld ms", followedMs);
    // ... and said so in its log, where the server's admin looks.
    const QByteArray watcherLog = watcher.readAllStandardError();
    QVERIFY2(watcherLog.contains("headroom: Removed by the team: svc0"), watcherLog.constData());

    // A server started with an old accounts file does not bring it back.
    list = run(QStringLiteral(HEADROOM_BIN), history + QStringList{QStringLiteral("account"), QStringLiteral("list"),
                                                                  QStringLiteral("--json")},
               server);
    QVERIFY(listed(list.out, QStringLiteral("svc0")).isEmpty());
    QVERIFY(!listed(list.out, QStringLiteral("svc1")).isEmpty());
}

QTEST_GUILESS_MAIN(TestCliTeamAccounts)
#include "tst_cli_teamaccounts.moc"
