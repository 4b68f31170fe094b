// MetricsRegistry's exposition (truth rules, both formats, checked by promtool) and
// MetricsServer over a real loopback socket (negotiation, bearer token, /healthz).
#include "engine/metricsregistry.h"
#include "engine/metricsserver.h"
#include "engine/poolreading.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

namespace {

Account account(const QString &id, const QString &name, const QString &preset)
{
    Account a;
    a.id = id;
    a.name = name;
    a.presetId = preset;
    return a;
}

ProbeResult result(const QString &id, const QString &name, AccountState state, QList<Quota> quotas, qint64 cost = 1)
{
    ProbeResult r;
    r.accountId = id;
    r.accountName = name;
    r.provider = QStringLiteral("github");
    r.state = state;
    r.reading.quotas = std::move(quotas);
    r.probedAt = QDateTime::fromSecsSinceEpoch(1'800'000'000, Qt::UTC);
    r.cost = cost;
    return r;
}

Quota quota(const QString &resource, std::optional<qint64> limit, std::optional<qint64> remaining,
    LimitSource source = LimitSource::Header)
{
    Quota q;
    q.resource = resource;
    q.limit = limit;
    q.remaining = remaining;
    q.limitSource = source;
    q.resetAt = QDateTime::fromSecsSinceEpoch(1'800'003'600, Qt::UTC);
    q.windowS = 3600;
    return q;
}

QStringList sampleLines(const QByteArray &text, const QByteArray &family)
{
    QStringList out;
    for (const QByteArray &line : text.split('\n'))
        if (line.startsWith(family + '{') || line.startsWith(family + ' '))
            out << QString::fromUtf8(line);
    return out;
}

// promtool's own linter on a rendered exposition: the real tool, not our reading of the format.
QString promtoolCheck(const QByteArray &text)
{
    const QString promtool = QStandardPaths::findExecutable(QStringLiteral("promtool"));
    if (promtool.isEmpty())
        return QStringLiteral("promtool not found: install Debian's prometheus package");
    QProcess p;
    p.start(promtool, { QStringLiteral("check"), QStringLiteral("metrics") });
    p.write(text);
    p.closeWriteChannel();
    if (!p.waitForFinished(30'000))
        return QStringLiteral("promtool did not finish");
    const QString out = QString::fromUtf8(p.readAllStandardOutput() + p.readAllStandardError()).trimmed();
    return p.exitCode() == 0 && out.isEmpty() ? QString() : out;
}

} // namespace

class TestMetrics : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void unknownIsAbsent();
    void documentedLimitIsItsOwnFamily();
    void stateIsOneHot();
    void failedProbeDropsFigures();
    void countersCount();
    void labelsAreEscaped();
    void poolsAreSummed();
    void formats_data();
    void formats();
    void promtoolAcceptsText();
    void parseEndpoint_data();
    void parseEndpoint();
    void serverNegotiatesAndGuards();
};

void TestMetrics::unknownIsAbsent()
{
    MetricsRegistry m;
    m.setAccounts({ account(QStringLiteral("a"), QStringLiteral("ci"), QStringLiteral("github")) });
    m.recordResult(result(QStringLiteral("a"), QStringLiteral("ci"), AccountState::Ok,
        { quota(QStringLiteral("core"), 5000, std::nullopt) }));
    const QByteArray text = m.render(MetricsRegistry::Format::Text004);
    QCOMPARE(sampleLines(text, "headroom_quota_limit"),
        QStringList {
            QStringLiteral("headroom_quota_limit{account=\"ci\",provider=\"github\",resource=\"core\"} 5000") });
    QVERIFY(sampleLines(text, "headroom_quota_remaining").isEmpty());
    QVERIFY(sampleLines(text, "headroom_quota_used").isEmpty());
    QVERIFY(text.contains("# TYPE headroom_quota_remaining gauge")); // the family is declared all the same
    QVERIFY(sampleLines(text, "headroom_token_expiry_timestamp_seconds").isEmpty());
}

void TestMetrics::documentedLimitIsItsOwnFamily()
{
    MetricsRegistry m;
    m.recordResult(result(QStringLiteral("b"), QStringLiteral("bb"), AccountState::NoData,
        { quota(QStringLiteral("requests"), 1000, std::nullopt, LimitSource::Documented) }));
    const QByteArray text = m.render(MetricsRegistry::Format::Text004);
    QVERIFY(sampleLines(text, "headroom_quota_limit").isEmpty());
    QCOMPARE(sampleLines(text, "headroom_quota_documented_limit").size(), 1);
    QVERIFY(sampleLines(text, "headroom_quota_used").isEmpty()); // not derived from a documented figure
}

void TestMetrics::stateIsOneHot()
{
    MetricsRegistry m;
    m.recordResult(result(QStringLiteral("a"), QStringLiteral("ci"), AccountState::Throttled, {}));
    const QStringList lines = sampleLines(m.render(MetricsRegistry::Format::Text004), "headroom_account_state");
    QCOMPARE(lines.size(), 9);
    QCOMPARE(lines.filter(QStringLiteral("} 1")),
        QStringList {
            QStringLiteral("headroom_account_state{account=\"ci\",provider=\"github\",state=\"throttled\"} 1") });
}

void TestMetrics::failedProbeDropsFigures()
{
    MetricsRegistry m;
    m.recordResult(result(
        QStringLiteral("a"), QStringLiteral("ci"), AccountState::Ok, { quota(QStringLiteral("core"), 5000, 4000) }));
    QCOMPARE(sampleLines(m.render(MetricsRegistry::Format::Text004), "headroom_quota_remaining").size(), 1);
    m.recordResult(result(QStringLiteral("a"), QStringLiteral("ci"), AccountState::Error, {}));
    // The last figures are not current any more: unknown, not shown as if they were.
    QVERIFY(sampleLines(m.render(MetricsRegistry::Format::Text004), "headroom_quota_remaining").isEmpty());
}

void TestMetrics::countersCount()
{
    MetricsRegistry m;
    m.recordResult(result(QStringLiteral("a"), QStringLiteral("ci"), AccountState::Ok, {}, 1));
    m.recordResult(result(QStringLiteral("a"), QStringLiteral("ci"), AccountState::Throttled, {}, 0));
    m.recordResult(result(QStringLiteral("a"), QStringLiteral("ci"), AccountState::Throttled, {}, 0));
    const QByteArray text = m.render(MetricsRegistry::Format::Text004);
    QVERIFY(text.contains("headroom_probes_total{account=\"ci\",provider=\"github\",result=\"throttled\"} 2\n"));
    QVERIFY(text.contains("headroom_probes_total{account=\"ci\",provider=\"github\",result=\"ok\"} 1\n"));
    QVERIFY(text.contains("headroom_throttled_total{account=\"ci\",provider=\"github\"} 2\n"));
    QVERIFY(text.contains("headroom_monitor_cost_total{account=\"ci\",provider=\"github\"} 1\n"));
}

void TestMetrics::labelsAreEscaped()
{
    MetricsRegistry m;
    m.recordResult(result(QStringLiteral("a"), QStringLiteral("say \"hi\"\\\nbye"), AccountState::Ok, {}));
    QVERIFY(m.render(MetricsRegistry::Format::Text004).contains("account=\"say \\\"hi\\\"\\\\\\nbye\""));
}

void TestMetrics::poolsAreSummed()
{
    MetricsRegistry m;
    PoolReading p;
    p.pool = QStringLiteral("workers");
    p.provider = QStringLiteral("generic");
    PoolQuota q;
    q.resource = QStringLiteral("requests");
    q.limit = 1200;
    q.remaining = std::nullopt; // one bucket's remaining unknown: no pool remaining at all
    p.quotas << q;
    m.recordPool(p);
    const QByteArray text = m.render(MetricsRegistry::Format::Text004);
    QCOMPARE(sampleLines(text, "headroom_pool_limit"),
        QStringList {
            QStringLiteral("headroom_pool_limit{pool=\"workers\",provider=\"generic\",resource=\"requests\"} 1200") });
    QVERIFY(sampleLines(text, "headroom_pool_remaining").isEmpty());
}

void TestMetrics::formats_data()
{
    QTest::addColumn<int>("format");
    QTest::addColumn<QByteArray>("counterType");
    QTest::addColumn<bool>("eof");
    QTest::newRow("text 0.0.4") << int(MetricsRegistry::Format::Text004)
                                << QByteArray("# TYPE headroom_probes_total counter") << false;
    QTest::newRow("openmetrics") << int(MetricsRegistry::Format::OpenMetrics)
                                 << QByteArray("# TYPE headroom_probes counter") << true;
}

void TestMetrics::formats()
{
    QFETCH(int, format);
    QFETCH(QByteArray, counterType);
    QFETCH(bool, eof);
    MetricsRegistry m;
    m.recordResult(result(
        QStringLiteral("a"), QStringLiteral("ci"), AccountState::Ok, { quota(QStringLiteral("core"), 5000, 4000) }));
    const QByteArray text = m.render(MetricsRegistry::Format(format));
    QVERIFY2(text.contains(counterType), text.constData());
    QCOMPARE(text.endsWith("# EOF\n"), eof);
    // Every family has HELP and TYPE, and no sample carries a timestamp (three fields at most).
    for (const QByteArray &line : text.split('\n')) {
        if (line.isEmpty() || line.startsWith('#'))
            continue;
        const qsizetype brace = line.lastIndexOf('}');
        QCOMPARE(line.mid(brace + 1).trimmed().split(' ').size(), 1);
    }
}

// promtool 2.42's `check metrics` lints the text format; the OpenMetrics form is checked by
// its structure in formats().
void TestMetrics::promtoolAcceptsText()
{
    MetricsRegistry m;
    m.setAccounts({ account(QStringLiteral("a"), QStringLiteral("ci"), QStringLiteral("github")),
        account(QStringLiteral("b"), QStringLiteral("never-probed"), QStringLiteral("gitlab")) });
    Quota q = quota(QStringLiteral("core"), 5000, 4000);
    q.used = 1000;
    ProbeResult r = result(QStringLiteral("a"), QStringLiteral("ci"), AccountState::Ok, { q });
    r.reading.tokenExpiresAt = QDateTime::fromSecsSinceEpoch(1'900'000'000, Qt::UTC);
    m.recordResult(r);
    QCOMPARE(promtoolCheck(m.render(MetricsRegistry::Format::Text004)), QString());
}

void TestMetrics::parseEndpoint_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<QString>("address");
    QTest::addColumn<int>("port");
    QTest::newRow("port only") << QStringLiteral("9464") << true << QStringLiteral("127.0.0.1") << 9464;
    QTest::newRow("colon port") << QStringLiteral(":9464") << true << QStringLiteral("127.0.0.1") << 9464;
    QTest::newRow("localhost") << QStringLiteral("localhost:1") << true << QStringLiteral("127.0.0.1") << 1;
    QTest::newRow("any") << QStringLiteral("0.0.0.0:9464") << true << QStringLiteral("0.0.0.0") << 9464;
    QTest::newRow("ipv6") << QStringLiteral("[::1]:9464") << true << QStringLiteral("::1") << 9464;
    QTest::newRow("bare ipv6") << QStringLiteral("::1:9464") << false << QString() << 0;
    QTest::newRow("name") << QStringLiteral("example.org:80") << false << QString() << 0;
    QTest::newRow("port too big") << QStringLiteral("127.0.0.1:65536") << false << QString() << 0;
    QTest::newRow("no port") << QStringLiteral("127.0.0.1:") << false << QString() << 0;
}

void TestMetrics::parseEndpoint()
{
    QFETCH(QString, text);
    QFETCH(bool, ok);
    QFETCH(QString, address);
    QFETCH(int, port);
    QString error;
    const auto e = MetricsServer::parseEndpoint(text, &error);
    QCOMPARE(e.has_value(), ok);
    if (ok) {
        QCOMPARE(e->address.toString(), address);
        QCOMPARE(int(e->port), port);
    } else {
        QVERIFY(error.contains(text));
    }
}

void TestMetrics::serverNegotiatesAndGuards()
{
    MetricsRegistry registry;
    registry.recordResult(result(
        QStringLiteral("a"), QStringLiteral("ci"), AccountState::Ok, { quota(QStringLiteral("core"), 5000, 4000) }));
    bool healthy = true;
    MetricsServer server(&registry, [&healthy] { return healthy; });
    QString error;
    QVERIFY2(server.listen({ QHostAddress(QHostAddress::LocalHost), 0 }, &error), qPrintable(error));
    server.setBearerToken(QByteArrayLiteral("s3cret"));

    QNetworkAccessManager nam;
    auto get = [&](const QString &path, const QByteArray &accept, const QByteArray &bearer) {
        QNetworkRequest req(QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(server.port()).arg(path)));
        if (!accept.isEmpty())
            req.setRawHeader("Accept", accept);
        if (!bearer.isEmpty())
            req.setRawHeader("Authorization", "Bearer " + bearer);
        QNetworkReply *reply = nam.get(req);
        QSignalSpy done(reply, &QNetworkReply::finished);
        [&] { QVERIFY(done.wait(10'000)); }();
        reply->deleteLater();
        return std::make_tuple(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(),
            reply->header(QNetworkRequest::ContentTypeHeader).toByteArray(), reply->readAll());
    };

    auto [status, type, body] = get(QStringLiteral("/metrics"), {}, {});
    QCOMPARE(status, 401);
    QVERIFY(!body.contains("s3cret"));
    std::tie(status, type, body) = get(QStringLiteral("/metrics"), {}, "wrong!");
    QCOMPARE(status, 401);
    std::tie(status, type, body) = get(QStringLiteral("/metrics"), "text/plain;version=0.0.4", "s3cret");
    QCOMPARE(status, 200);
    QVERIFY(type.startsWith("text/plain; version=0.0.4"));
    QVERIFY(body.contains("headroom_quota_remaining{account=\"ci\",provider=\"github\",resource=\"core\"} 4000\n"));
    QVERIFY(!body.contains("s3cret"));
    std::tie(status, type, body)
        = get(QStringLiteral("/metrics"), "application/openmetrics-text;version=1.0.0,text/plain;q=0.5", "s3cret");
    QCOMPARE(status, 200);
    QVERIFY(type.startsWith("application/openmetrics-text; version=1.0.0"));
    QVERIFY(body.endsWith("# EOF\n"));
    std::tie(status, type, body) = get(QStringLiteral("/healthz"), {}, "s3cret");
    QCOMPARE(status, 200);
    healthy = false;
    std::tie(status, type, body) = get(QStringLiteral("/healthz"), {}, "s3cret");
    QCOMPARE(status, 503);
}

QTEST_MAIN(TestMetrics)
#include "tst_metrics.moc"
