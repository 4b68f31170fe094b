// A dashboard on a shared PostgreSQL history that polls nothing itself: a real `headroom watch`
// process (its own accounts file and token, as on a server) probes a simulated GitHub account;
// the dashboard in this process, on a machine without the token and without an accounts file of
// its own, must show the team's account read-only, say which process polls it, show each of the
// watcher's readings within 5 s of its commit, and ride out a database restart: one banner while
// it is away, the readings the watcher kept meanwhile once it is back.
#include "accounttablemodel.h"
#include "alerts/alertengine.h"
#include "alerts/alertservice.h"
#include "clirunner.h"
#include "dashboard.h"
#include "engine/session.h"
#include "mainwindow.h"
#include "pgcluster.h"
#include "quotachartview.h"
#include "settingstable.h"
#include "sim/simulatedapi.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QHostInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QSysInfo>
#include <QTemporaryDir>
#include <QTest>

using namespace TestCli;

namespace {

// The dashboard's own machine: set before QApplication, so every path and store reads it.
QTemporaryDir *g_desk = nullptr;

// A reading the watcher printed: when it arrived here and the remaining count it holds.
struct Printed
{
    qint64 atMs = 0;
    qint64 remaining = -1;
    QString resource;
};

} // namespace

class TestSharedDashboard : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void dashboardShowsReadingsItDoesNotPoll();
};

void TestSharedDashboard::dashboardShowsReadingsItDoesNotPoll()
{
    PgCluster cluster;
    QVERIFY2(cluster.start(), qPrintable(cluster.error()));
    SimulatedApi sim;
    // Windows that start now, not on the hour: a reset during the run (a run across hh:00)
    // would lift the readings the test expects to fall.
    SimulatedApi::Endpoint gh = SimulatedApi::Endpoint::quota(
        QStringLiteral("/gh"), SimulatedApi::Dialect::GitHub, SimulatedApi::QuotaModel::FixedWindow, 5000, 3600, 1);
    gh.windowElapsedS = 0;
    sim.addEndpoint(gh);
    // A second account others drain at 4 units a second: under the warning threshold (20 of
    // 100) within about 20 s.
    SimulatedApi::Endpoint low = SimulatedApi::Endpoint::quota(
        QStringLiteral("/low"), SimulatedApi::Dialect::GitHub, SimulatedApi::QuotaModel::FixedWindow, 100, 3600, 4);
    low.windowElapsedS = 0;
    sim.addEndpoint(low);
    QVERIFY(sim.listen());

    // The server: its accounts file, its token in systemd's credentials, no session bus.
    QTemporaryDir server;
    QProcessEnvironment env = isolatedEnvironment(server);
    env.remove(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"));
    QDir(server.path()).mkpath(QStringLiteral("creds"));
    env.insert(QStringLiteral("CREDENTIALS_DIRECTORY"), server.filePath(QStringLiteral("creds")));
    const Run added = run(QStringLiteral(HEADROOM_BIN),
                          {QStringLiteral("--history"), cluster.url(), QStringLiteral("account"), QStringLiteral("add"),
                           QStringLiteral("ci-bot"), QStringLiteral("--provider"), QStringLiteral("github"),
                           QStringLiteral("--base-url"), sim.baseUrl() + QStringLiteral("/gh/ci"),
                           QStringLiteral("--interval"), QStringLiteral("10"), QStringLiteral("--secret-store"),
                           QStringLiteral("systemd")},
                          env);
    QVERIFY2(added.code == 0, added.err.constData());
    const QRegularExpressionMatch m
        = QRegularExpression(QStringLiteral("--name=headroom\\.([0-9a-f-]+) ")).match(QString::fromUtf8(added.out));
    QVERIFY(m.hasMatch());
    const QString id = m.captured(1);
    {
        QFile token(server.filePath(QStringLiteral("creds/headroom.")) + id);
        QVERIFY(token.open(QIODevice::WriteOnly));
        token.write("ghp_server_only\n");
    }
    const Run lowAdded = run(QStringLiteral(HEADROOM_BIN),
                             {QStringLiteral("--history"), cluster.url(), QStringLiteral("account"), QStringLiteral("add"),
                              QStringLiteral("nightly"), QStringLiteral("--provider"), QStringLiteral("github"),
                              QStringLiteral("--base-url"), sim.baseUrl() + QStringLiteral("/low/n"),
                              QStringLiteral("--interval"), QStringLiteral("10"), QStringLiteral("--secret-store"),
                              QStringLiteral("systemd")},
                             env);
    QVERIFY2(lowAdded.code == 0, lowAdded.err.constData());
    const QString lowId = QRegularExpression(QStringLiteral("--name=headroom\\.([0-9a-f-]+) "))
                              .match(QString::fromUtf8(lowAdded.out))
                              .captured(1);
    {
        QFile token(server.filePath(QStringLiteral("creds/headroom.")) + lowId);
        QVERIFY(token.open(QIODevice::WriteOnly));
        token.write("ghp_server_low\n");
    }

    QElapsedTimer clock;
    clock.start();
    QList<Printed> printed;
    qsizetype lowPrinted = 0;
    QByteArray partial;
    QProcess watcher;
    watcher.setProcessEnvironment(env);
    connect(&watcher, &QProcess::readyReadStandardOutput, this, [&] {
        partial += watcher.readAllStandardOutput();
        qsizetype nl;
        while ((nl = partial.indexOf('\n')) >= 0) {
            const QJsonObject o = QJsonDocument::fromJson(partial.left(nl)).object();
            partial.remove(0, nl + 1);
            const QJsonArray quotas = o.value(QStringLiteral("quotas")).toArray();
            if (o.value(QStringLiteral("account")).toString() == QStringLiteral("nightly"))
                ++lowPrinted;
            else if (!quotas.isEmpty())
                printed.append({clock.elapsed(), qint64(quotas.first().toObject().value(QStringLiteral("remaining")).toDouble(-1)),
                                quotas.first().toObject().value(QStringLiteral("resource")).toString()});
        }
    });
    watcher.start(QStringLiteral(HEADROOM_BIN), {QStringLiteral("--history"), cluster.url(), QStringLiteral("watch"), QStringLiteral("--json")});
    QVERIFY(watcher.waitForStarted());
    auto stopWatcher = qScopeGuard([&] {
        watcher.terminate();
        watcher.waitForFinished(10000);
    });
    QTRY_VERIFY_WITH_TIMEOUT(!printed.isEmpty(), 30000);

    // The dashboard: no accounts file, no token (an empty credentials directory, no keyring).
    QString error;
    QVERIFY2(SettingsTable::setHistoryOverride(cluster.url(), &error), qPrintable(error));
    Dashboard dashboard(false);
    QVERIFY2(dashboard.start(&error), qPrintable(error));
    MainWindow *w = dashboard.window();
    QVERIFY(dashboard.session()->othersAlerts());
    QSignalSpy alerts(dashboard.session()->othersAlerts()->engine(), &AlertEngine::alertRaised);
    w->show();
    QVERIFY(QTest::qWaitForWindowExposed(w));
    AccountTableModel *model = w->accountModel();
    // The team's account, read from the database at start.
    QVERIFY(model->indexOfAccount(id).isValid());
    QTRY_VERIFY_WITH_TIMEOUT(model->isReadOnly(id), 5000);
    const QString poller = QSysInfo::machineHostName() + u':' + QString::number(watcher.processId());
    QTRY_COMPARE_WITH_TIMEOUT(model->pollerElsewhere(id), poller, 15000);
    QTRY_VERIFY_WITH_TIMEOUT(model->indexOfAccount(id, AccountTableModel::LastProbe).data().toString().endsWith(
                                 QStringLiteral(" by ") + poller),
                             15000);
    QVERIFY(model->indexOfAccount(id).data(Qt::ToolTipRole).toString().contains(QStringLiteral("read-only")));
    QVERIFY(w->findChild<QLabel *>(QStringLiteral("nextProbeLabel"))->text().contains(QStringLiteral("polled by other")));

    // The resource the watcher prints first (GitHub's core), as the table's row for it shows it.
    auto shown = [&] {
        return model->indexOfResource(id, printed.first().resource).data(AccountTableModel::RemainingRole);
    };
    // Each new reading of the watcher, timed from the moment its line (printed after the commit)
    // reached this test to the moment the table shows it.
    QList<qint64> delays;
    for (int i = 0; i < 3; ++i) {
        const qsizetype seen = printed.size();
        QTRY_VERIFY_WITH_TIMEOUT(printed.size() > seen, 30000);
        const Printed p = printed.last();
        QVERIFY(p.remaining < printed.at(seen - 1).remaining); // every reading differs from the one before
        QTRY_VERIFY_WITH_TIMEOUT(shown().isValid() && shown().toLongLong() <= p.remaining, 5000);
        delays << clock.elapsed() - p.atMs;
    }
    qInfo("a reading of another process shown after %lld, %lld, %lld ms", delays.at(0), delays.at(1), delays.at(2));
    // The account others drain: this dashboard alerts on the watcher's readings, without
    // polling it.
    QTRY_VERIFY_WITH_TIMEOUT(!alerts.isEmpty(), 60000);
    const Alert alert = alerts.first().first().value<Alert>();
    QCOMPARE(alert.accountId, lowId);
    qInfo("alert on another process's reading: %s", qPrintable(alert.eventDetail()));
    // The dashboard probed nothing: every request the simulator saw was the watcher's.
    QCOMPARE(sim.requestCount(QStringLiteral("/gh/ci")), qsizetype(printed.size()));
    QCOMPARE(sim.requestCount(QStringLiteral("/low/n")), lowPrinted);

    // The chart of the selected account holds what was read of it.
    auto *chart = w->findChild<QuotaChartView *>();
    QVERIFY(chart);
    QTRY_VERIFY2_WITH_TIMEOUT(!chart->accountId().isEmpty() && chart->plottedPointCount() > 0,
        qPrintable(chart->accountId() + u' ' + chart->resource() + u' ' + chart->emptyStateText()), 30000);

    // The database goes away: one banner says so; the watcher keeps its readings meanwhile.
    const Printed lastBefore = printed.last();
    const qint64 awayFrom = QDateTime::currentMSecsSinceEpoch();
    QVERIFY2(cluster.stop(), qPrintable(cluster.error()));
    const qsizetype requestsBefore = sim.requestCount(QStringLiteral("/gh/ci"));
    QTRY_VERIFY_WITH_TIMEOUT(!w->bannerLabel()->text().isEmpty() && w->bannerLabel()->isVisible(), 20000);
    const QString banner = w->bannerLabel()->text();
    QVERIFY2(banner.contains(QStringLiteral("cannot be reached")), qPrintable(banner));
    qInfo("banner while the database is away: %s", qPrintable(banner));
    // A chart read while it is away keeps what it drew: not known is not "no readings".
    const int refreshes = chart->refreshCount();
    QSignalSpy applied(chart, &QuotaChartView::seriesApplied);
    chart->refresh();
    QVERIFY(chart->refreshCount() > refreshes);
    QTRY_VERIFY_WITH_TIMEOUT(!applied.isEmpty() && !chart->isLoading(), 10000);
    QVERIFY2(chart->plottedPointCount() > 0, qPrintable(chart->emptyStateText()));
    QVERIFY2(!chart->emptyStateText().contains(QStringLiteral("No readings")), qPrintable(chart->emptyStateText()));
    // Probed while it was away (the watcher's lease still runs), so kept in its memory.
    QTRY_VERIFY_WITH_TIMEOUT(sim.requestCount(QStringLiteral("/gh/ci")) > requestsBefore, 30000);
    const qint64 awayUntil = QDateTime::currentMSecsSinceEpoch();
    QVERIFY2(cluster.startServer(), qPrintable(cluster.error()));
    // Back: what the watcher kept reaches the database, and the dashboard shows the newest.
    const QString count = QStringLiteral("SELECT count(*) FROM samples WHERE time BETWEEN %1 AND %2 "
                                         "AND account = (SELECT key FROM accounts WHERE id = '%3')")
                              .arg(awayFrom)
                              .arg(awayUntil)
                              .arg(id);
    QTRY_VERIFY_WITH_TIMEOUT(cluster.psql(count).value_or(QStringLiteral("0")).trimmed().toInt() > 0, 60000);
    // Others spend a unit a second: a reading taken while the database was away is lower than
    // any before it.
    const qint64 lowest = cluster.psql(QStringLiteral("SELECT min(remaining) FROM samples WHERE time BETWEEN %1 AND %2 "
                                                      "AND resource = '%3' AND account = (SELECT key FROM accounts WHERE id = '%4')")
                                           .arg(awayFrom)
                                           .arg(awayUntil)
                                           .arg(lastBefore.resource, id))
                              .value_or(QString())
                              .toLongLong();
    QVERIFY2(lowest > 0 && lowest < lastBefore.remaining,
             qPrintable(QStringLiteral("%1 while away, %2 before").arg(lowest).arg(lastBefore.remaining)));
    QTRY_VERIFY2_WITH_TIMEOUT(shown().isValid() && shown().toLongLong() <= lowest, 
                              qPrintable(QStringLiteral("shown %1, at most %2 expected; latest: %3; banner: %4")
                                             .arg(shown().toString())
                                             .arg(lowest)
                                             .arg(cluster.psql(QStringLiteral("SELECT remaining, time FROM latest")).value_or(QString()),
                                                  w->bannerLabel()->text())),
                              45000);
    QTRY_VERIFY_WITH_TIMEOUT(!w->bannerLabel()->text().contains(QStringLiteral("cannot be reached")), 30000);
    qInfo("after the restart: %s", qPrintable(w->bannerLabel()->text()));
}

int main(int argc, char **argv)
{
    QTemporaryDir desk;
    g_desk = &desk;
    for (const char *var : {"XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"})
        qputenv(var, desk.filePath(QString::fromLatin1(var)).toUtf8());
    QDir(desk.path()).mkpath(QStringLiteral("creds"));
    qputenv("CREDENTIALS_DIRECTORY", desk.filePath(QStringLiteral("creds")).toUtf8());
    // No keyring: the credentials directory is this machine's secret store, and it is empty.
    qunsetenv("DBUS_SESSION_BUS_ADDRESS");
    QApplication app(argc, argv);
    TestSharedDashboard t;
    return QTest::qExec(&t, argc, argv);
}

#include "tst_shareddashboard.moc"
