// `headroom inspect` end to end: the real binary, stdin and files, exit codes, one-line errors.
#include "clirunner.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

namespace {

using Run = TestCli::Run;

Run runInspect(const QStringList &args, const QByteArray &stdinData = {})
{
    return TestCli::run(QStringLiteral(HEADROOM_BIN), QStringList{QStringLiteral("inspect")} + args,
                        QProcessEnvironment::systemEnvironment(), stdinData, 30000);
}

const QByteArray kGitHubHead = "HTTP/1.1 200 OK\r\nx-ratelimit-limit: 5000\r\nx-ratelimit-remaining: 4999\r\n"
                               "x-ratelimit-reset: 1795435500\r\nx-ratelimit-resource: core\r\n\r\n";

} // namespace

class TestCliInspect : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void githubFromStdin();
    void shapeAndKeyOrder();
    void fileAndDashAgree();
    void bodyIsFedToGitHub();
    void nowMakesDeltasDeterministic();
    void defaultProviderIsGeneric();
    void buildkiteResetIsTheWait();
    void suggestsThePresetThatReads_data();
    void suggestsThePresetThatReads();
    void usageErrors_data();
    void usageErrors();
};

void TestCliInspect::githubFromStdin()
{
    const Run r = runInspect({QStringLiteral("--provider"), QStringLiteral("github")}, kGitHubHead);
    QCOMPARE(r.code, 0);
    QVERIFY(r.err.isEmpty());
    QVERIFY(r.out.endsWith('\n'));
    QCOMPARE(r.out.count('\n'), 1);
    const QJsonObject o = QJsonDocument::fromJson(r.out).object();
    QCOMPARE(o.value(QStringLiteral("provider")).toString(), QStringLiteral("github"));
    QCOMPARE(o.value(QStringLiteral("status")).toInt(), 200);
    QCOMPARE(o.value(QStringLiteral("throttled")).toBool(true), false);
    QVERIFY(o.value(QStringLiteral("retry_after_s")).isNull());
    const QJsonObject q = o.value(QStringLiteral("quotas")).toArray().at(0).toObject();
    QCOMPARE(q.value(QStringLiteral("resource")).toString(), QStringLiteral("core"));
    QCOMPARE(q.value(QStringLiteral("limit")).toInteger(), 5000);
    QCOMPARE(q.value(QStringLiteral("remaining")).toInteger(), 4999);
    QCOMPARE(q.value(QStringLiteral("used")).toInteger(), 1);
    QCOMPARE(q.value(QStringLiteral("reset_at")).toString(), QStringLiteral("2026-11-23T12:05:00Z"));
    QVERIFY(q.value(QStringLiteral("window_s")).isNull());
    QVERIFY(q.value(QStringLiteral("near_limit")).isNull());
    QCOMPARE(q.value(QStringLiteral("unit")).toString(), QStringLiteral("requests"));
    QCOMPARE(o.value(QStringLiteral("warnings")).toArray().size(), 0);
}

void TestCliInspect::shapeAndKeyOrder()
{
    const Run r = runInspect({QStringLiteral("--provider=github")}, kGitHubHead);
    QCOMPARE(r.code, 0);
    // The documented key order, compact, one line.
    QVERIFY2(r.out.startsWith(R"({"provider":"github","status":200,"throttled":false,"retry_after_s":null,"quotas":[{"resource":"core","limit":5000,"remaining":4999,"used":1,"reset_at":"2026-11-23T12:05:00Z","window_s":null,"near_limit":null,"unit":"requests"}],"warnings":[]})"),
             r.out.constData());
}

void TestCliInspect::fileAndDashAgree()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("head.txt"));
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(kGitHubHead);
    f.close();
    const QStringList base = {QStringLiteral("--provider"), QStringLiteral("github"), QStringLiteral("--now"),
                              QStringLiteral("2026-11-23T12:00:00Z")};
    const Run fromFile = runInspect(base + QStringList{path});
    const Run fromDash = runInspect(base + QStringList{QStringLiteral("-")}, kGitHubHead);
    const Run fromStdin = runInspect(base, kGitHubHead);
    QCOMPARE(fromFile.code, 0);
    QCOMPARE(fromDash.code, 0);
    QCOMPARE(fromStdin.code, 0);
    QCOMPARE(fromFile.out, fromDash.out);
    QCOMPARE(fromFile.out, fromStdin.out);
}

void TestCliInspect::bodyIsFedToGitHub()
{
    const QByteArray text = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n\r\n"
                            R"({"resources":{"core":{"limit":5000,"used":1,"remaining":4999,"reset":1795438800},)"
                            R"("search":{"limit":30,"used":0,"remaining":30,"reset":1795435260}}})";
    const Run r = runInspect({QStringLiteral("--provider"), QStringLiteral("github")}, text);
    QCOMPARE(r.code, 0);
    const QJsonArray quotas = QJsonDocument::fromJson(r.out).object().value(QStringLiteral("quotas")).toArray();
    QCOMPARE(quotas.size(), 2);
    QCOMPARE(quotas.at(1).toObject().value(QStringLiteral("resource")).toString(), QStringLiteral("search"));
    QCOMPARE(quotas.at(1).toObject().value(QStringLiteral("reset_at")).toString(), QStringLiteral("2026-11-23T12:01:00Z"));

    // Other presets ignore what follows the head.
    const Run g = runInspect({QStringLiteral("--provider"), QStringLiteral("okta")}, text);
    QCOMPARE(g.code, 0);
    QCOMPARE(QJsonDocument::fromJson(g.out).object().value(QStringLiteral("quotas")).toArray().size(), 0);
}

void TestCliInspect::nowMakesDeltasDeterministic()
{
    const QByteArray text = "HTTP/2 429\r\nRetry-After: Mon, 23 Nov 2026 12:02:00 GMT\r\nRateLimit-Reset: 42\r\n"
                            "RateLimit-Limit: 200\r\nRateLimit-Remaining: 0\r\n\r\n";
    const Run r = runInspect({QStringLiteral("--provider"), QStringLiteral("buildkite"), QStringLiteral("--now"),
                              QStringLiteral("2026-11-23T12:00:00Z")},
                             text);
    QCOMPARE(r.code, 0);
    const QJsonObject o = QJsonDocument::fromJson(r.out).object();
    QCOMPARE(o.value(QStringLiteral("throttled")).toBool(), true);
    QCOMPARE(o.value(QStringLiteral("retry_after_s")).toDouble(), 120.0);
    QCOMPARE(o.value(QStringLiteral("quotas")).toArray().at(0).toObject().value(QStringLiteral("reset_at")).toString(),
             QStringLiteral("2026-11-23T12:00:42Z"));

    const Run offset = runInspect({QStringLiteral("--provider"), QStringLiteral("buildkite"), QStringLiteral("--now"),
                                   QStringLiteral("2026-11-23T13:00:00+01:00")},
                                  text);
    QCOMPARE(offset.out, r.out);
}

void TestCliInspect::defaultProviderIsGeneric()
{
    const Run r = runInspect({}, "HTTP/1.1 200 OK\nX-RateLimit-Limit: 60\nX-RateLimit-Remaining: 56\n\n");
    QCOMPARE(r.code, 0);
    const QJsonObject o = QJsonDocument::fromJson(r.out).object();
    QCOMPARE(o.value(QStringLiteral("provider")).toString(), QStringLiteral("generic"));
    QCOMPARE(o.value(QStringLiteral("quotas")).toArray().at(0).toObject().value(QStringLiteral("used")).toInteger(), 4);
}

void TestCliInspect::buildkiteResetIsTheWait()
{
    // Buildkite sends no Retry-After: its 429 waits until RateLimit-Reset, a delta in seconds.
    const Run r = runInspect({QStringLiteral("--provider"), QStringLiteral("buildkite"), QStringLiteral("--now"),
                              QStringLiteral("2026-11-23T12:00:00Z")},
                             "HTTP/2 429\r\nRateLimit-Remaining: 0\r\nRateLimit-Limit: 200\r\nRateLimit-Reset: 42\r\n\r\n");
    QCOMPARE(r.code, 0);
    QVERIFY2(r.out.startsWith(R"({"provider":"buildkite","status":429,"throttled":true,"retry_after_s":42,"quotas":[{"resource":null,"limit":200,"remaining":0,"used":200,"reset_at":"2026-11-23T12:00:42Z","window_s":null,"near_limit":null,"unit":"requests")"),
             r.out.constData());
}

void TestCliInspect::suggestsThePresetThatReads_data()
{
    QTest::addColumn<QString>("provider");
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QStringList>("warnings"); // exactly these

    QTest::newRow("buildkite fields under github")
        << QStringLiteral("github")
        << QByteArray("HTTP/2 200\r\nRateLimit-Scope: 'portal'\r\nRateLimit-Limit: 200\r\nRateLimit-Remaining: 180\r\n"
                      "RateLimit-Reset: 42\r\n\r\n")
        << QStringList{QStringLiteral("these are Buildkite RateLimit-* fields: try --provider buildkite")};
    // Zendesk's list endpoints send the very same three fields: both are named.
    QTest::newRow("buildkite 429 under slack")
        << QStringLiteral("slack")
        << QByteArray("HTTP/2 429\r\nRateLimit-Remaining: 0\r\nRateLimit-Limit: 200\r\nRateLimit-Reset: 42\r\n\r\n")
        << QStringList{QStringLiteral("these are Buildkite or Zendesk RateLimit-* fields: try --provider buildkite or "
                                      "--provider zendesk")};
    QTest::newRow("github fields under okta")
        << QStringLiteral("okta") << kGitHubHead
        << QStringList{QStringLiteral("these are GitHub x-ratelimit-* fields: try --provider github")};
    QTest::newRow("IETF lists under github")
        << QStringLiteral("github")
        << QByteArray("HTTP/1.1 200 OK\r\nRateLimit-Policy: \"default\";q=100;w=60\r\nRateLimit: \"default\";r=50;t=30\r\n\r\n")
        << QStringList{QStringLiteral("these are IETF RateLimit fields (RateLimit-Policy, RateLimit): try --provider ietf")};
    QTest::newRow("the chosen preset reads them") << QStringLiteral("github") << kGitHubHead << QStringList{};
    QTest::newRow("nobody reads anything")
        << QStringLiteral("github") << QByteArray("HTTP/1.1 429 Too Many Requests\r\nRetry-After: 30\r\n\r\n")
        << QStringList{};
}

void TestCliInspect::suggestsThePresetThatReads()
{
    QFETCH(QString, provider);
    QFETCH(QByteArray, input);
    QFETCH(QStringList, warnings);
    const Run r = runInspect({QStringLiteral("--provider"), provider, QStringLiteral("--now"),
                              QStringLiteral("2026-11-23T12:00:00Z")},
                             input);
    QCOMPARE(r.code, 0);
    QVERIFY2(r.err.isEmpty(), r.err.constData());
    const QJsonObject o = QJsonDocument::fromJson(r.out).object();
    QCOMPARE(o.value(QStringLiteral("provider")).toString(), provider);
    if (!warnings.isEmpty()) // suggested only when the chosen preset read nothing
        QVERIFY(o.value(QStringLiteral("quotas")).toArray().isEmpty());
    QStringList got;
    for (const QJsonValue &w : o.value(QStringLiteral("warnings")).toArray())
        got.append(w.toString());
    QCOMPARE(got, warnings);
}

void TestCliInspect::usageErrors_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QByteArray>("mention"); // the error line must contain this

    QTest::newRow("unknown preset lists the valid ids")
        << QStringList{QStringLiteral("--provider"), QStringLiteral("nope")} << kGitHubHead << QByteArray("launchdarkly");
    QTest::newRow("bad --now") << QStringList{QStringLiteral("--now"), QStringLiteral("yesterday")} << kGitHubHead
                               << QByteArray("--now");
    QTest::newRow("--now without value") << QStringList{QStringLiteral("--now")} << kGitHubHead << QByteArray("--now");
    QTest::newRow("--provider without value") << QStringList{QStringLiteral("--provider")} << kGitHubHead
                                              << QByteArray("--provider");
    QTest::newRow("unknown option") << QStringList{QStringLiteral("--frobnicate")} << kGitHubHead
                                    << QByteArray("--frobnicate");
    QTest::newRow("unreadable file") << QStringList{QStringLiteral("/nonexistent/head.txt")} << QByteArray()
                                     << QByteArray("/nonexistent/head.txt");
    QTest::newRow("two inputs") << QStringList{QStringLiteral("a"), QStringLiteral("b")} << QByteArray() << QByteArray("one input");
    QTest::newRow("not a response head") << QStringList{} << QByteArray("hello world\n") << QByteArray("HTTP");
    QTest::newRow("empty input") << QStringList{} << QByteArray() << QByteArray("empty");
    QTest::newRow("request, not response") << QStringList{} << QByteArray("GET / HTTP/1.1\r\nHost: x\r\n\r\n")
                                           << QByteArray("status line");
    QTest::newRow("header line without colon") << QStringList{} << QByteArray("HTTP/1.1 200 OK\r\nbroken\r\n\r\n")
                                               << QByteArray("line 2");
}

void TestCliInspect::usageErrors()
{
    QFETCH(QStringList, args);
    QFETCH(QByteArray, input);
    QFETCH(QByteArray, mention);
    const Run r = runInspect(args, input);
    QCOMPARE(r.code, 2);
    QVERIFY(r.out.isEmpty());
    QVERIFY2(r.err.endsWith('\n') && r.err.count('\n') == 1, r.err.constData());
    QVERIFY2(r.err.contains(mention), r.err.constData());
}

QTEST_GUILESS_MAIN(TestCliInspect)
#include "tst_cli_inspect.moc"
