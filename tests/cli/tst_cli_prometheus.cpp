// A real Prometheus scrapes a running `headroom watch --listen` that probes the loopback
// simulator; Prometheus's HTTP API must then report the simulator's own remaining count. The
// live scrape also passes `promtool check metrics`. Needs Debian's prometheus package.
#include "clirunner.h"
#include "sim/simulatedapi.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

using namespace TestCli;

namespace {

quint16 freePort()
{
    QTcpServer s;
    s.listen(QHostAddress::LocalHost, 0);
    return s.serverPort();
}

} // namespace

class TestCliPrometheus : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void prometheusReadsWhatTheSimulatorHolds();

private:
    QByteArray get(const QUrl &url, int *status = nullptr, const QByteArray &accept = {})
    {
        QNetworkRequest req(url);
        if (!accept.isEmpty())
            req.setRawHeader("Accept", accept);
        QNetworkReply *reply = m_nam.get(req);
        QSignalSpy done(reply, &QNetworkReply::finished);
        done.wait(10'000);
        reply->deleteLater();
        if (status)
            *status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        return reply->readAll();
    }

    QNetworkAccessManager m_nam;
};

void TestCliPrometheus::prometheusReadsWhatTheSimulatorHolds()
{
    const QString prometheus = QStandardPaths::findExecutable(QStringLiteral("prometheus"));
    const QString promtool = QStandardPaths::findExecutable(QStringLiteral("promtool"));
    QVERIFY2(!prometheus.isEmpty() && !promtool.isEmpty(),
        "prometheus and promtool not found: install Debian's prometheus package (.ci/install-deps)");

    SimulatedApi sim;
    // A fixed hourly window nobody else spends: remaining = limit - the probes Headroom made.
    SimulatedApi::Endpoint e = SimulatedApi::Endpoint::quota(
        QStringLiteral("/gh"), SimulatedApi::Dialect::GitHub, SimulatedApi::QuotaModel::FixedWindow, 5000, 3600, 0);
    e.probeCost = 1;
    sim.addEndpoint(e);
    sim.consume(QStringLiteral("/gh"), 1234);
    // For the Grafana board's annotations: an account run dry (throttled) and one whose
    // 20-second windows keep resetting.
    sim.addEndpoint(SimulatedApi::Endpoint::quota(
        QStringLiteral("/dry"), SimulatedApi::Dialect::Generic, SimulatedApi::QuotaModel::FixedWindow, 10, 3600, 0));
    sim.consume(QStringLiteral("/dry"), 10);
    sim.addEndpoint(SimulatedApi::Endpoint::quota(
        QStringLiteral("/short"), SimulatedApi::Dialect::Generic, SimulatedApi::QuotaModel::FixedWindow, 100, 20, 0));
    QVERIFY(sim.listen());

    QTemporaryDir root;
    QVERIFY(root.isValid());
    const QProcessEnvironment env = isolatedEnvironment(root);
    Run r = run(QStringLiteral(HEADROOM_BIN),
        { QStringLiteral("account"), QStringLiteral("add"), QStringLiteral("ci-bot"), QStringLiteral("--provider"),
            QStringLiteral("github"), QStringLiteral("--base-url"), sim.baseUrl() + QStringLiteral("/gh"),
            QStringLiteral("--auth"), QStringLiteral("none"), QStringLiteral("--interval"), QStringLiteral("10") },
        env);
    QVERIFY2(r.code == 0, r.err.constData());
    r = run(QStringLiteral(HEADROOM_BIN),
        { QStringLiteral("account"), QStringLiteral("add"), QStringLiteral("dry-bot"), QStringLiteral("--provider"),
            QStringLiteral("generic"), QStringLiteral("--base-url"), sim.baseUrl() + QStringLiteral("/dry"),
            QStringLiteral("--probe-path"), QStringLiteral("/v"), QStringLiteral("--auth"), QStringLiteral("none") },
        env);
    QVERIFY2(r.code == 0, r.err.constData());
    r = run(QStringLiteral(HEADROOM_BIN),
        { QStringLiteral("account"), QStringLiteral("add"), QStringLiteral("short-bot"), QStringLiteral("--provider"),
            QStringLiteral("generic"), QStringLiteral("--base-url"), sim.baseUrl() + QStringLiteral("/short"),
            QStringLiteral("--probe-path"), QStringLiteral("/v"), QStringLiteral("--auth"), QStringLiteral("none"),
            QStringLiteral("--interval"), QStringLiteral("10") },
        env);
    QVERIFY2(r.code == 0, r.err.constData());
    r = run(QStringLiteral(HEADROOM_BIN),
        { QStringLiteral("pool"), QStringLiteral("add"), QStringLiteral("generic-pool"), QStringLiteral("dry-bot"),
            QStringLiteral("short-bot") },
        env);
    QVERIFY2(r.code == 0, r.err.constData());

    const quint16 metricsPort = freePort();
    QProcess watch;
    watch.setProcessEnvironment(env);
    watch.start(QStringLiteral(HEADROOM_BIN),
        { QStringLiteral("watch"), QStringLiteral("--listen"), QStringLiteral("127.0.0.1:%1").arg(metricsPort) });
    QVERIFY(watch.waitForStarted(10'000));
    auto stopWatch = qScopeGuard([&] {
        watch.terminate();
        if (!watch.waitForFinished(5000))
            watch.kill();
    });
    const QUrl metricsUrl(QStringLiteral("http://127.0.0.1:%1/metrics").arg(metricsPort));
    QTRY_VERIFY_WITH_TIMEOUT(get(metricsUrl).contains("headroom_quota_remaining{"), 20'000);

    // The live scrape, as Prometheus gets it, through promtool's linter.
    {
        QProcess check;
        check.start(promtool, { QStringLiteral("check"), QStringLiteral("metrics") });
        check.write(get(metricsUrl));
        check.closeWriteChannel();
        QVERIFY(check.waitForFinished(30'000));
        const QByteArray said = check.readAllStandardOutput() + check.readAllStandardError();
        QVERIFY2(check.exitCode() == 0 && said.trimmed().isEmpty(), said.constData());
    }
    int status = 0;
    QVERIFY(get(metricsUrl, &status, "application/openmetrics-text; version=1.0.0").endsWith("# EOF\n"));
    QCOMPARE(status, 200);
    get(QUrl(QStringLiteral("http://127.0.0.1:%1/healthz").arg(metricsPort)), &status);
    QCOMPARE(status, 200);

    // A real Prometheus on loopback, scraping every second.
    const quint16 promPort = freePort();
    QFile config(root.filePath(QStringLiteral("prometheus.yml")));
    QVERIFY(config.open(QIODevice::WriteOnly));
    config.write(QStringLiteral("global:\n  scrape_interval: 1s\n  evaluation_interval: 1s\n"
                                "rule_files:\n  - %1\n"
                                "scrape_configs:\n  - job_name: headroom\n    static_configs:\n"
                                "      - targets: ['127.0.0.1:%2']\n")
                     .arg(QStringLiteral(HEADROOM_SOURCE_DIR "/resources/prometheus/headroom.rules.yml"))
                     .arg(metricsPort)
                     .toUtf8());
    config.close();
    QProcess prom;
    prom.setProcessChannelMode(QProcess::MergedChannels);
    prom.start(prometheus,
        { QStringLiteral("--config.file=") + config.fileName(),
            QStringLiteral("--storage.tsdb.path=") + root.filePath(QStringLiteral("tsdb")),
            QStringLiteral("--web.listen-address=127.0.0.1:%1").arg(promPort) });
    QVERIFY(prom.waitForStarted(10'000));
    auto stopProm = qScopeGuard([&] {
        prom.terminate();
        if (!prom.waitForFinished(10'000))
            prom.kill();
    });

    auto query = [&](const QString &promql) {
        QUrl url(QStringLiteral("http://127.0.0.1:%1/api/v1/query").arg(promPort));
        url.setQuery(QStringLiteral("query=") + QString::fromUtf8(QUrl::toPercentEncoding(promql)));
        return QJsonDocument::fromJson(get(url))[QStringLiteral("data")][QStringLiteral("result")].toArray();
    };
    // Prometheus's figure against the simulator's truth. GitHub's /rate_limit costs nothing, so
    // the truth is what others spent; when they spend more, the next probe (every 10 s) and
    // scrape carry it through.
    auto remainingInPrometheus = [&]() -> std::optional<qint64> {
        const QJsonArray result = query(
            QStringLiteral("headroom_quota_remaining{account=\"ci-bot\",resource=\"core\",provider=\"github\"}"));
        if (result.size() != 1)
            return std::nullopt;
        return result.at(0)[QStringLiteral("value")].toArray().at(1).toString().toLongLong();
    };
    QTRY_COMPARE_WITH_TIMEOUT(remainingInPrometheus(), std::optional<qint64>(5000 - 1234), 30'000);
    QVERIFY(sim.requestCount(QStringLiteral("/gh")) >= 1);
    sim.consume(QStringLiteral("/gh"), 500);
    QTRY_COMPARE_WITH_TIMEOUT(remainingInPrometheus(), std::optional<qint64>(5000 - 1234 - 500), 30'000);

    // The rules' recording rule works on the live series, and the monitor's own state is there.
    QTRY_VERIFY2_WITH_TIMEOUT(
        query(QStringLiteral("headroom:quota_remaining:ratio{account=\"ci-bot\",resource=\"core\"}")).size() == 1,
        (QJsonDocument(query(QStringLiteral("headroom_quota_limit"))).toJson() + get(metricsUrl).left(1500))
            .constData(),
        20'000);
    QCOMPARE(query(QStringLiteral("headroom_account_state{account=\"ci-bot\",state=\"ok\"} == 1")).size(), 1);
    QTRY_COMPARE_WITH_TIMEOUT(
        query(QStringLiteral("headroom_account_state{account=\"dry-bot\",state=\"throttled\"} == 1")).size(), 1,
        20'000);

    // Every query of the shipped Grafana board returns data from this Prometheus: its panels'
    // targets, its annotations and its account variable (label_values is Grafana's, asked here
    // as the PromQL it stands for), with the variable set to all accounts.
    QFile boardFile(QStringLiteral(HEADROOM_SOURCE_DIR "/resources/grafana/headroom.json"));
    QVERIFY(boardFile.open(QIODevice::ReadOnly));
    const QJsonObject board = QJsonDocument::fromJson(boardFile.readAll()).object();
    QStringList exprs;
    for (const QJsonValue &panel : board[QStringLiteral("panels")].toArray())
        for (const QJsonValue &target : panel[QStringLiteral("targets")].toArray())
            exprs << target[QStringLiteral("expr")].toString();
    for (const QJsonValue &a : board[QStringLiteral("annotations")][QStringLiteral("list")].toArray())
        exprs << a[QStringLiteral("expr")].toString();
    const QRegularExpression labelValues(QStringLiteral("^label_values\\((\\w+), *(\\w+)\\)$"));
    for (const QJsonValue &v : board[QStringLiteral("templating")][QStringLiteral("list")].toArray()) {
        const QRegularExpressionMatch m = labelValues.match(v[QStringLiteral("definition")].toString());
        QVERIFY2(m.hasMatch(), qPrintable(v[QStringLiteral("definition")].toString()));
        exprs << QStringLiteral("group by (%1) (%2)").arg(m.captured(2), m.captured(1));
    }
    QCOMPARE(exprs.size(), 10);
    for (QString expr : std::as_const(exprs)) {
        expr.replace(QStringLiteral("$account"), QStringLiteral(".+"));
        QTRY_VERIFY2_WITH_TIMEOUT(!query(expr).isEmpty(), qPrintable(expr), 40'000);
    }
    QCOMPARE(query(QStringLiteral("up{job=\"headroom\"} == 1")).size(), 1);
}

QTEST_MAIN(TestCliPrometheus)
#include "tst_cli_prometheus.moc"
