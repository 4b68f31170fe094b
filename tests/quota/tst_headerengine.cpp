// Header dialects -> QuotaReading, row by row through the normalisation rules.
#include "quota/headerengine.h"
#include "quota/headervalues.h"
#include "quota/structuredfield.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

namespace {

const char *const kNow = "2026-11-23T12:00:00Z"; // epoch 1795435200

QDateTime utc(const char *iso)
{
    QDateTime t = QDateTime::fromString(QString::fromLatin1(iso), Qt::ISODateWithMs);
    return t.toUTC();
}

// Both sides go through text and back, so integer/double representations compare equal.
QJsonObject roundTrip(const QJsonObject &o)
{
    return QJsonDocument::fromJson(QJsonDocument(o).toJson(QJsonDocument::Compact)).object();
}

// Rows give only what differs from "nothing known": missing keys are null, unit is "requests".
QJsonObject expand(const QByteArray &expected, const QByteArray &preset, int status)
{
    QJsonParseError err;
    QJsonObject e = QJsonDocument::fromJson(expected, &err).object();
    if (err.error != QJsonParseError::NoError)
        qFatal("bad expected JSON in test row: %s", expected.constData());
    QJsonObject full;
    full.insert(QStringLiteral("provider"), QString::fromLatin1(preset));
    full.insert(QStringLiteral("status"), status);
    full.insert(QStringLiteral("throttled"), e.value(QStringLiteral("throttled")).toBool(false));
    full.insert(QStringLiteral("retry_after_s"),
                e.contains(QStringLiteral("retry_after_s")) ? e.value(QStringLiteral("retry_after_s")) : QJsonValue());
    QJsonArray quotas;
    for (const QJsonValue &v : e.value(QStringLiteral("quotas")).toArray()) {
        const QJsonObject q = v.toObject();
        QJsonObject fq;
        for (const char *key : {"resource", "limit", "remaining", "used", "reset_at", "window_s", "near_limit"})
            fq.insert(QLatin1String(key), q.contains(QLatin1String(key)) ? q.value(QLatin1String(key)) : QJsonValue());
        fq.insert(QStringLiteral("unit"), q.value(QStringLiteral("unit")).toString(QStringLiteral("requests")));
        quotas.append(fq);
    }
    full.insert(QStringLiteral("quotas"), quotas);
    return roundTrip(full);
}

QByteArray headText(int status, const QByteArray &lines)
{
    QByteArray text = "HTTP/1.1 " + QByteArray::number(status) + " X\r\n";
    if (!lines.isEmpty()) {
        for (const QByteArray &l : lines.split('\n'))
            text += l + "\r\n";
    }
    return text + "\r\n";
}

void row(const char *name, const char *preset, int status, const QByteArray &headers, const QByteArray &expected,
         int warnings = 0, const QByteArray &body = {}, const char *now = kNow)
{
    QTest::newRow(name) << QByteArray(preset) << status << headers << QByteArray(now) << expected
                        << warnings << body;
}

QByteArray mib(char c)
{
    return QByteArray(1024 * 1024, c);
}

// RFC 9651 §4.1 serialisation, used to check what the parser understood.
QByteArray serialize(const sf::BareItem &b)
{
    switch (b.type) {
    case sf::BareItem::Type::Integer:
        return QByteArray::number(b.integer);
    case sf::BareItem::Type::Decimal:
        return QByteArray::number(b.decimal, 'f', 3);
    case sf::BareItem::Type::String: {
        QByteArray s = "\"";
        for (char c : b.text) {
            if (c == '"' || c == '\\')
                s += '\\';
            s += c;
        }
        return s + '"';
    }
    case sf::BareItem::Type::Token:
        return b.text.toByteArray();
    case sf::BareItem::Type::ByteSequence:
        return ':' + b.text.toByteArray().toBase64() + ':';
    case sf::BareItem::Type::Boolean:
        return b.integer ? "?1" : "?0";
    case sf::BareItem::Type::Date:
        return '@' + QByteArray::number(b.integer);
    case sf::BareItem::Type::DisplayString:
        return "%\"" + b.text.toByteArray().toPercentEncoding(" !#$&'()*+,-./:;<=>?@[]^_`{|}~") + '"';
    }
    return {};
}

QByteArray serialize(const sf::Parameters &params)
{
    QByteArray s;
    for (const sf::Parameter &p : params) {
        s += ';' + p.key.toByteArray();
        if (!(p.value.type == sf::BareItem::Type::Boolean && p.value.integer == 1))
            s += '=' + serialize(p.value);
    }
    return s;
}

QByteArray serialize(const sf::Item &i)
{
    return serialize(i.value) + serialize(i.params);
}

QByteArray serialize(const sf::Member &m)
{
    if (!m.isInnerList)
        return serialize(m.item);
    QByteArray s = "(";
    for (qsizetype i = 0; i < m.innerList.size(); ++i)
        s += (i ? " " : "") + serialize(m.innerList.at(i));
    return s + ')' + serialize(m.innerParams);
}

} // namespace

class TestHeaderEngine : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void read_data();
    void read();
    void presets();
    void suggest_data();
    void suggest();
    void githubRateLimitingDisabled();
    void mostRestrictive();
    void tokenExpiration_data();
    void tokenExpiration();
    void jsonRoundTrip();
    void isoUtcMilliseconds();
    void parseHead_data();
    void parseHead();
    void valueJoinsLikeQt();
    void structuredField_data();
    void structuredField();
    void goDuration_data();
    void goDuration();
    void httpDate_data();
    void httpDate();
    void rfc3339_data();
    void rfc3339();
    void strictInt_data();
    void strictInt();
    void equalsCI_data();
    void equalsCI();
};

void TestHeaderEngine::read_data()
{
    QTest::addColumn<QByteArray>("preset");
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("headers");
    QTest::addColumn<QByteArray>("now");
    QTest::addColumn<QByteArray>("expected");
    QTest::addColumn<int>("warnings"); // -1: not checked
    QTest::addColumn<QByteArray>("body");

    // ---- GitHub
    row("github: docs curl example", "github", 200,
        "x-ratelimit-limit: 15000\nx-ratelimit-remaining: 14996\nx-ratelimit-reset: 1659645535\n"
        "x-ratelimit-resource: core\nx-ratelimit-used: 4",
        R"({"quotas":[{"resource":"core","limit":15000,"remaining":14996,"used":4,"reset_at":"2022-08-04T20:38:55Z"}]})");
    row("github: legacy example without used/resource", "github", 200,
        "X-RateLimit-Limit: 60\nX-RateLimit-Remaining: 56\nX-RateLimit-Reset: 1372700873",
        R"({"quotas":[{"limit":60,"remaining":56,"used":4,"reset_at":"2013-07-01T17:47:53Z"}]})");
    row("github: DESIGN inspect example", "github", 200,
        "x-ratelimit-limit: 5000\nx-ratelimit-remaining: 4999\nx-ratelimit-reset: 1795435242\nx-ratelimit-resource: core",
        R"({"quotas":[{"resource":"core","limit":5000,"remaining":4999,"used":1,"reset_at":"2026-11-23T12:00:42Z"}]})");
    row("github: primary limit via 403 and remaining 0", "github", 403,
        "x-ratelimit-limit: 5000\nx-ratelimit-remaining: 0\nx-ratelimit-reset: 1795438800\nx-ratelimit-resource: core",
        R"({"throttled":true,"retry_after_s":3600,"quotas":[{"resource":"core","limit":5000,"remaining":0,"used":5000,"reset_at":"2026-11-23T13:00:00Z"}]})");
    row("github: primary limit via 429", "github", 429,
        "x-ratelimit-limit: 5000\nx-ratelimit-remaining: 0\nx-ratelimit-used: 5000\nx-ratelimit-reset: 1795438800",
        R"({"throttled":true,"retry_after_s":3600,"quotas":[{"limit":5000,"remaining":0,"used":5000,"reset_at":"2026-11-23T13:00:00Z"}]})");
    row("github: 403 with remaining is a permission error", "github", 403,
        "x-ratelimit-limit: 5000\nx-ratelimit-remaining: 4000",
        R"({"quotas":[{"limit":5000,"remaining":4000,"used":1000}]})");
    row("github: secondary limit 403 with retry-after", "github", 403,
        "x-ratelimit-limit: 5000\nx-ratelimit-remaining: 4000\nretry-after: 60",
        R"({"throttled":true,"retry_after_s":60,"quotas":[{"limit":5000,"remaining":4000,"used":1000}]})");
    row("github: secondary limit 403 by body message", "github", 403,
        "x-ratelimit-limit: 5000\nx-ratelimit-remaining: 4000",
        R"({"throttled":true,"quotas":[{"limit":5000,"remaining":4000,"used":1000}]})", 0,
        R"({"message":"You have exceeded a secondary rate limit. Please wait a few minutes before you try again."})");
    row("github: secondary limit 429 with retry-after and remaining", "github", 429,
        "x-ratelimit-remaining: 12\nretry-after: 30",
        R"({"throttled":true,"retry_after_s":30,"quotas":[{"remaining":12}]})");
    row("github: GraphQL primary limit is 200 with remaining 0", "github", 200,
        "x-ratelimit-limit: 5000\nx-ratelimit-remaining: 0\nx-ratelimit-resource: graphql\nx-ratelimit-reset: 1795438800",
        R"({"throttled":true,"retry_after_s":3600,"quotas":[{"resource":"graphql","limit":5000,"remaining":0,"used":5000,"reset_at":"2026-11-23T13:00:00Z"}]})");
    row("github: GraphQL RATE_LIMITED body", "github", 200,
        "x-ratelimit-limit: 5000\nx-ratelimit-remaining: 3\nx-ratelimit-resource: graphql",
        R"({"throttled":true,"quotas":[{"resource":"graphql","limit":5000,"remaining":3,"used":4997}]})", 0,
        R"({"errors":[{"type":"RATE_LIMITED","message":"API rate limit exceeded"}]})");
    row("github: REST 200 spending the last request is not throttled", "github", 200,
        "x-ratelimit-limit: 60\nx-ratelimit-remaining: 0\nx-ratelimit-resource: core",
        R"({"quotas":[{"resource":"core","limit":60,"remaining":0,"used":60}]})");
    row("github: upper-case names", "github", 200, "X-RATELIMIT-LIMIT: 60\nX-RATELIMIT-REMAINING: 59",
        R"({"quotas":[{"limit":60,"remaining":59,"used":1}]})");
    row("github: names whose case differs only at the end", "github", 200,
        "x-ratelimit-limiT: 60\nx-ratelimit-remaininG: 59\nx-ratelimit-reseT: 1795438800",
        R"({"quotas":[{"limit":60,"remaining":59,"used":1,"reset_at":"2026-11-23T13:00:00Z"}]})");
    row("github: a name one byte longer is another field", "github", 200,
        "x-ratelimit-limitt: 60\nx-ratelimit-remaining: 59", R"({"quotas":[{"remaining":59}]})");
    row("github: identical repeated lines", "github", 200,
        "x-ratelimit-remaining: 4999\nX-RateLimit-Remaining: 4999\nx-ratelimit-limit: 5000",
        R"({"quotas":[{"limit":5000,"remaining":4999,"used":1}]})");
    row("github: repeated lines that differ (Qt joins as 4999, 12)", "github", 200,
        "X-RateLimit-Remaining: 4999\nx-ratelimit-remaining: 12\nx-ratelimit-limit: 5000",
        R"({"quotas":[{"limit":5000}]})", 1);
    row("github: comma-joined hostile duplicates", "github", 200,
        "x-ratelimit-limit: 10, 99999999999999999999999, -5\nx-ratelimit-remaining: 5",
        R"({"quotas":[{"remaining":5}]})", 1);
    row("github: comma-joined identical duplicates", "github", 200,
        "x-ratelimit-limit: 5000, 5000\nx-ratelimit-remaining: 4000,4000",
        R"({"quotas":[{"limit":5000,"remaining":4000,"used":1000}]})");
    row("github: comma-joined differing duplicates", "github", 200, "x-ratelimit-limit: 5000, 60",
        R"({"quotas":[{}]})", 1);
    row("github: overflow beyond int64", "github", 200, "x-ratelimit-limit: 99999999999999999999\nx-ratelimit-remaining: 1",
        R"({"quotas":[{"remaining":1}]})", 1);
    row("github: int64 max fits", "github", 200,
        "x-ratelimit-limit: 9223372036854775807\nx-ratelimit-remaining: 9223372036854775806",
        R"({"quotas":[{"limit":9223372036854775807,"remaining":9223372036854775806,"used":1}]})");
    row("github: int64 max + 1 rejected", "github", 200, "x-ratelimit-limit: 9223372036854775808",
        R"({"quotas":[{}]})", 1);
    row("github: values above 2^31 are fine", "github", 200, "x-ratelimit-limit: 4000000000\nx-ratelimit-remaining: 3000000000",
        R"({"quotas":[{"limit":4000000000,"remaining":3000000000,"used":1000000000}]})");
    row("github: plus sign rejected", "github", 200, "x-ratelimit-limit: +3", R"({"quotas":[{}]})", 1);
    row("github: negative rejected", "github", 200, "x-ratelimit-remaining: -1\nx-ratelimit-limit: 60",
        R"({"quotas":[{"limit":60}]})", 1);
    row("github: hex rejected", "github", 200, "x-ratelimit-limit: 0x10", R"({"quotas":[{}]})", 1);
    row("github: trailing junk rejected", "github", 200, "x-ratelimit-limit: 5000abc", R"({"quotas":[{}]})", 1);
    row("github: empty value rejected", "github", 200, "x-ratelimit-limit:", R"({"quotas":[{}]})", 1);
    row("github: decimal count rejected", "github", 200, "x-ratelimit-limit: 5000.0", R"({"quotas":[{}]})", 1);
    row("github: exponent rejected", "github", 200, "x-ratelimit-limit: 5e3", R"({"quotas":[{}]})", 1);
    row("github: unicode digits rejected", "github", 200, "x-ratelimit-limit: \xd9\xa5", R"({"quotas":[{}]})", 1);
    row("github: OWS around the number", "github", 200, "x-ratelimit-limit: \t 5000 \t",
        R"({"quotas":[{"limit":5000}]})");
    row("github: explicit used wins over derivation", "github", 200,
        "x-ratelimit-limit: 5000\nx-ratelimit-remaining: 4990\nx-ratelimit-used: 7",
        R"({"quotas":[{"limit":5000,"remaining":4990,"used":7}]})");
    row("github: remaining derived from used", "github", 200, "x-ratelimit-limit: 60\nx-ratelimit-used: 4",
        R"({"quotas":[{"limit":60,"remaining":56,"used":4}]})");
    row("github: no derivation from an invalid operand", "github", 200,
        "x-ratelimit-limit: 60\nx-ratelimit-remaining: x", R"({"quotas":[{"limit":60}]})", 1);
    row("github: remaining above limit is not derived into negative used", "github", 200,
        "x-ratelimit-limit: 10\nx-ratelimit-remaining: 20", R"({"quotas":[{"limit":10,"remaining":20}]})");
    row("github: fractional epoch reset", "github", 200, "x-ratelimit-reset: 1795435500.5",
        R"({"quotas":[{"reset_at":"2026-11-23T12:05:00.500Z"}]})");
    row("github: reset not a number", "github", 200, "x-ratelimit-reset: soon", R"({"quotas":[{}]})", 1);
    row("github: reset beyond year 9999", "github", 200, "x-ratelimit-reset: 99999999999999",
        R"({"quotas":[{}]})", 1);
    row("github: quoted resource", "github", 200, "x-ratelimit-resource: \"search\"\nx-ratelimit-limit: 30",
        R"({"quotas":[{"resource":"search","limit":30}]})");
    row("github: resource alone is no quota", "github", 200, "x-ratelimit-resource: core", R"({"quotas":[]})");
    row("github: no rate-limit headers", "github", 200, "content-type: application/json\nserver: GitHub.com",
        R"({"quotas":[]})");
    row("github: retry-after HTTP-date in the past clamps to 0", "github", 403,
        "retry-after: Fri, 31 Dec 1999 23:59:59 GMT", R"({"throttled":true,"retry_after_s":0,"quotas":[]})");
    row("github: 1 MiB of digits overflows", "github", 200, "x-ratelimit-limit: " + mib('9'), R"({"quotas":[{}]})", 1);
    row("github: 1 MiB of spaces around a value", "github", 200,
        "x-ratelimit-limit: " + mib(' ') + "5000" + mib(' '), R"({"quotas":[{"limit":5000}]})");
    row("github: 1 MiB resource name", "github", 200, "x-ratelimit-limit: 1\nx-ratelimit-resource: " + mib('a'),
        R"({"quotas":[{"limit":1,"resource":")" + mib('a') + R"("}]})");
    row("github: GET /rate_limit body resources", "github", 200,
        "x-ratelimit-limit: 5000\nx-ratelimit-remaining: 4999\nx-ratelimit-reset: 1795438800\nx-ratelimit-resource: core",
        R"({"quotas":[{"resource":"core","limit":5000,"remaining":4999,"used":1,"reset_at":"2026-11-23T13:00:00Z"},
           {"resource":"graphql","limit":5000,"remaining":4993,"used":7,"reset_at":"2026-11-23T12:30:00Z"},
           {"resource":"search","limit":30,"remaining":18,"used":12,"reset_at":"2026-11-23T12:01:00Z"}]})",
        0,
        R"({"resources":{"core":{"limit":5000,"used":1,"remaining":4999,"reset":1795438800},
            "search":{"limit":30,"used":12,"remaining":18,"reset":1795435260},
            "graphql":{"limit":5000,"used":7,"remaining":4993,"reset":1795437000}},
           "rate":{"limit":5000,"used":1,"remaining":4999,"reset":1795438800}})");
    row("github: /rate_limit body with a bad count", "github", 200, "",
        R"({"quotas":[{"resource":"core","limit":5000,"reset_at":"2026-11-23T13:00:00Z"}]})", 1,
        R"({"resources":{"core":{"limit":5000,"used":-1,"reset":1795438800}}})");
    row("github: GHES rate limiting disabled", "github", 404, "content-type: application/json",
        R"({"quotas":[]})", 1, R"({"message":"Rate limiting is not enabled.","documentation_url":"https://docs.github.com"})");

    // ---- GitLab
    row("gitlab: docs example taken at face value", "gitlab", 200,
        "RateLimit-Limit: 60\nRateLimit-Name: throttle_authenticated_api\nRateLimit-Observed: 67\n"
        "RateLimit-Remaining: 33\nRateLimit-Reset: 1609844400",
        R"({"quotas":[{"resource":"throttle_authenticated_api","limit":60,"remaining":33,"used":67,"reset_at":"2021-01-05T11:00:00Z"}]})");
    row("gitlab: 429 with ResetTime and Retry-After", "gitlab", 429,
        "RateLimit-Limit: 60\nRateLimit-Observed: 60\nRateLimit-Remaining: 0\nRateLimit-Reset: 1609844400\n"
        "RateLimit-ResetTime: Tue, 05 Jan 2021 11:00:00 GMT\nRetry-After: 30",
        R"({"throttled":true,"retry_after_s":30,"quotas":[{"limit":60,"remaining":0,"used":60,"reset_at":"2021-01-05T11:00:00Z"}]})");
    row("gitlab: ResetTime stands in for Reset", "gitlab", 429,
        "RateLimit-Limit: 60\nRateLimit-Remaining: 0\nRateLimit-ResetTime: Tue, 05 Jan 2021 11:00:00 GMT",
        R"({"throttled":true,"quotas":[{"limit":60,"remaining":0,"used":60,"reset_at":"2021-01-05T11:00:00Z"}]})");
    row("gitlab: lower-case names over HTTP/2", "gitlab", 200,
        "ratelimit-limit: 2000\nratelimit-remaining: 1990\nratelimit-reset: 1795435260",
        R"({"quotas":[{"limit":2000,"remaining":1990,"used":10,"reset_at":"2026-11-23T12:01:00Z"}]})");
    row("gitlab: 429 without informational headers", "gitlab", 429, "Retry-After: 86400",
        R"({"throttled":true,"retry_after_s":86400,"quotas":[]})");
    row("gitlab: absurd Retry-After is clamped", "gitlab", 429, "Retry-After: 999999999",
        R"({"throttled":true,"retry_after_s":604800,"quotas":[]})", 1);
    row("gitlab: bad ResetTime", "gitlab", 429, "RateLimit-Limit: 60\nRateLimit-ResetTime: tomorrow",
        R"({"throttled":true,"quotas":[{"limit":60}]})", 1);

    // ---- Bitbucket
    row("bitbucket: limit only with resource and near-limit", "bitbucket", 200,
        "X-RateLimit-Limit: 1000\nX-RateLimit-Resource: api\nX-RateLimit-NearLimit: false",
        R"({"quotas":[{"resource":"api","limit":1000,"near_limit":false}]})");
    row("bitbucket: near-limit compared case-insensitively", "bitbucket", 200,
        "X-RateLimit-Limit: 8370\nX-RateLimit-NearLimit: TRUE",
        R"({"quotas":[{"limit":8370,"near_limit":true}]})");
    row("bitbucket: near-limit garbage", "bitbucket", 200, "X-RateLimit-Limit: 1000\nX-RateLimit-NearLimit: yes",
        R"({"quotas":[{"limit":1000}]})", 1);
    row("bitbucket: near-limit repeated differently", "bitbucket", 200,
        "X-RateLimit-Limit: 1000\nX-RateLimit-NearLimit: true\nX-RateLimit-NearLimit: false",
        R"({"quotas":[{"limit":1000}]})", 1);
    row("bitbucket: no remaining is ever invented", "bitbucket", 200,
        "X-RateLimit-Limit: 1000\nX-RateLimit-Remaining: 10",
        R"({"quotas":[{"limit":1000}]})");
    row("bitbucket: 429 without headers", "bitbucket", 429, "", R"({"throttled":true,"quotas":[]})");

    // ---- Buildkite
    row("buildkite: docs example (delta reset)", "buildkite", 200,
        "RateLimit-Remaining: 180\nRateLimit-Limit: 200\nRateLimit-Reset: 42",
        R"({"quotas":[{"limit":200,"remaining":180,"used":20,"reset_at":"2026-11-23T12:00:42Z"}]})");
    row("buildkite: portal scope in single quotes", "buildkite", 200,
        "Ratelimit-Scope: 'portal'\nRateLimit-Limit: 200\nRateLimit-Remaining: 199",
        R"({"quotas":[{"resource":"portal","limit":200,"remaining":199,"used":1}]})");
    row("buildkite: mcp scope", "buildkite", 200, "RateLimit-Scope: mcp\nRateLimit-Limit: 50\nRateLimit-Remaining: 50",
        R"({"quotas":[{"resource":"mcp","limit":50,"remaining":50,"used":0}]})");
    row("buildkite: exceeded", "buildkite", 429, "RateLimit-Remaining: 0\nRateLimit-Limit: 200\nRateLimit-Reset: 10",
        R"({"throttled":true,"retry_after_s":10,"quotas":[{"limit":200,"remaining":0,"used":200,"reset_at":"2026-11-23T12:00:10Z"}]})");
    row("buildkite: reset 0 is now", "buildkite", 200, "RateLimit-Reset: 0",
        R"({"quotas":[{"reset_at":"2026-11-23T12:00:00Z"}]})");
    row("buildkite: negative reset", "buildkite", 200, "RateLimit-Reset: -5\nRateLimit-Limit: 200",
        R"({"quotas":[{"limit":200}]})", 1);

    // ---- IETF
    row("ietf: -10 named policy", "ietf", 200,
        "RateLimit-Policy: \"default\";q=100;w=60;qu=\"requests\"\nRateLimit: \"default\";r=50;t=30",
        R"({"quotas":[{"resource":"default","limit":100,"remaining":50,"used":50,"reset_at":"2026-11-23T12:00:30Z","window_s":60}]})");
    row("ietf: -10 hour/day policies, day reported", "ietf", 200,
        "RateLimit-Policy: \"hour\";q=1000;w=3600, \"day\";q=5000;w=86400\nRateLimit: \"day\";r=100;t=36000",
        R"({"quotas":[{"resource":"hour","limit":1000,"window_s":3600},
           {"resource":"day","limit":5000,"remaining":100,"used":4900,"reset_at":"2026-11-23T22:00:00Z","window_s":86400}]})");
    row("ietf: -10 burst and daily policies only", "ietf", 200,
        "RateLimit-Policy: \"burst\";q=100;w=60,\"daily\";q=1000;w=86400",
        R"({"quotas":[{"resource":"burst","limit":100,"window_s":60},{"resource":"daily","limit":1000,"window_s":86400}]})");
    row("ietf: -10 content-bytes with partition key", "ietf", 200,
        "RateLimit-Policy: \"peruser\";q=65535;qu=\"content-bytes\";w=10;pk=:sdfjLJUOUH==:",
        R"({"quotas":[{"resource":"peruser","limit":65535,"window_s":10,"unit":"content-bytes"}]})");
    row("ietf: -10 RateLimit with partition key, no policy", "ietf", 200,
        "RateLimit: \"default\";r=999;pk=:dHJpYWwxMjEzMjM=:", R"({"quotas":[{"resource":"default","remaining":999}]})");
    row("ietf: -10 token oddity without r", "ietf", 200, "RateLimit-Policy: quota;q=100;w=1\nRateLimit: quota;t=1",
        R"({"quotas":[{"resource":"quota","limit":100,"reset_at":"2026-11-23T12:00:01Z","window_s":1}]})");
    row("ietf: malformed policy ignored, RateLimit kept", "ietf", 200,
        "RateLimit-Policy: \"a\";q=-1\nRateLimit: \"a\";r=5", R"({"quotas":[{"resource":"a","remaining":5}]})", 1);
    row("ietf: malformed RateLimit ignored, policy kept", "ietf", 200,
        "RateLimit-Policy: \"a\";q=10\nRateLimit: \"a\";r=abc", R"({"quotas":[{"resource":"a","limit":10}]})", 1);
    row("ietf: negative r is malformed", "ietf", 200, "RateLimit: \"a\";r=-1", R"({"quotas":[]})", 1);
    row("ietf: decimal r is malformed", "ietf", 200, "RateLimit: \"a\";r=1.5", R"({"quotas":[]})", 1);
    row("ietf: negative t is malformed", "ietf", 200, "RateLimit: \"a\";r=1;t=-3", R"({"quotas":[]})", 1);
    row("ietf: trailing comma is malformed", "ietf", 200, "RateLimit: \"a\";r=1,", R"({"quotas":[]})", 1);
    row("ietf: one bad member spoils the whole field", "ietf", 200, "RateLimit: \"a\";r=1, \"b\";r=x",
        R"({"quotas":[]})", 1);
    row("ietf: inner list is malformed", "ietf", 200, "RateLimit: (\"a\" \"b\");r=1", R"({"quotas":[]})", 1);
    row("ietf: integer of 16 digits is malformed", "ietf", 200, "RateLimit: \"a\";r=1000000000000000",
        R"({"quotas":[]})", 1);
    row("ietf: 15-digit integer is fine", "ietf", 200, "RateLimit: \"a\";r=999999999999999",
        R"({"quotas":[{"resource":"a","remaining":999999999999999}]})");
    row("ietf: t beyond year 9999", "ietf", 200, "RateLimit: \"a\";r=1;t=999999999999999",
        R"({"quotas":[{"resource":"a","remaining":1}]})", 1);
    row("ietf: unknown parameters are comments", "ietf", 200,
        "RateLimit-Policy: \"a\";q=100;burst=1000;acme-x=\"y\"\nRateLimit: \"a\";r=10;acme-burst",
        R"({"quotas":[{"resource":"a","limit":100,"remaining":10,"used":90}]})");
    row("ietf: list split over lines", "ietf", 200,
        "RateLimit: \"a\";r=1\nRateLimit-Policy: \"a\";q=10, \"b\";q=20\nRateLimit: \"b\";r=2",
        R"({"quotas":[{"resource":"a","limit":10,"remaining":1,"used":9},{"resource":"b","limit":20,"remaining":2,"used":18}]})");
    row("ietf: mixed-case field names", "ietf", 200, "ratelimit-policy: \"a\";q=10\nRATELIMIT: \"a\";r=4",
        R"({"quotas":[{"resource":"a","limit":10,"remaining":4,"used":6}]})");
    row("ietf: bare token names, missing r", "ietf", 200, "RateLimit-Policy: daily;q=10\nRateLimit: daily;t=10",
        R"({"quotas":[{"resource":"daily","limit":10,"reset_at":"2026-11-23T12:00:10Z"}]})");
    row("ietf: policy w=0 is malformed", "ietf", 200, "RateLimit-Policy: \"a\";q=10;w=0", R"({"quotas":[]})", 1);
    row("ietf: policy without q is malformed", "ietf", 200, "RateLimit-Policy: \"a\";w=60", R"({"quotas":[]})", 1);
    row("ietf: policy qu not a string is malformed", "ietf", 200, "RateLimit-Policy: \"a\";q=1;qu=bytes",
        R"({"quotas":[]})", 1);
    row("ietf: -08 bytes unit", "ietf", 200, "RateLimit-Policy: \"up\";q=1000;qu=\"bytes\"\nRateLimit: \"up\";r=10",
        R"({"quotas":[{"resource":"up","limit":1000,"remaining":10,"used":990,"unit":"bytes"}]})");
    row("ietf: empty RateLimit field is an empty list", "ietf", 200, "RateLimit:", R"({"quotas":[]})");
    row("ietf: escaped quote in a name", "ietf", 200, "RateLimit-Policy: \"a\\\"b\";q=5\nRateLimit: \"a\\\"b\";r=1",
        R"({"quotas":[{"resource":"a\"b","limit":5,"remaining":1,"used":4}]})");
    row("ietf: RateLimit name without policy keeps its own entry", "ietf", 200,
        "RateLimit-Policy: \"a\";q=10\nRateLimit: \"a\";r=1, \"a\";r=2",
        R"({"quotas":[{"resource":"a","limit":10,"remaining":1,"used":9},{"resource":"a","remaining":2}]})");
    row("ietf: unterminated string of 1 MiB", "ietf", 200, "RateLimit: \"" + mib('a'), R"({"quotas":[]})", 1);
    row("ietf: -07 dictionary", "ietf", 200, "RateLimit: limit=100, remaining=50, reset=5\nRateLimit-Policy: 100;w=10",
        R"({"quotas":[{"limit":100,"remaining":50,"used":50,"reset_at":"2026-11-23T12:00:05Z","window_s":10}]})");
    row("ietf: -07 dictionary with a negative member", "ietf", 200,
        "RateLimit: limit=100, remaining=-1, reset=5\nRateLimit-Policy: 100;w=10",
        R"({"quotas":[{"limit":100,"window_s":10}]})", 1);
    row("ietf: -07 dictionary, repeated key keeps the last", "ietf", 200,
        "RateLimit: limit=10, remaining=3, remaining=4", R"({"quotas":[{"limit":10,"remaining":4,"used":6}]})");
    row("ietf: -07 dictionary ignores unknown keys", "ietf", 200, "RateLimit: limit=10, remaining=3, foo=\"x\"",
        R"({"quotas":[{"limit":10,"remaining":3,"used":7}]})");
    row("ietf: old drafts, separate fields", "ietf", 200, "RateLimit-Limit: 100\nRateLimit-Remaining: 50\nRateLimit-Reset: 50",
        R"({"quotas":[{"limit":100,"remaining":50,"used":50,"reset_at":"2026-11-23T12:00:50Z"}]})");
    row("ietf: old drafts, policies inside RateLimit-Limit", "ietf", 200,
        "RateLimit-Limit: 10, 10;w=1, 50;w=60\nRateLimit-Remaining: 5\nRateLimit-Reset: 3",
        R"({"quotas":[{"limit":10,"remaining":5,"used":5,"reset_at":"2026-11-23T12:00:03Z","window_s":1},{"limit":50,"window_s":60}]})");
    row("ietf: -01 full example", "ietf", 200,
        "RateLimit-Limit: 10, 10;w=1, 50;w=60, 1000;w=3600, 5000;w=86400\nRateLimit-Remaining: 9\nRateLimit-Reset: 1",
        R"({"quotas":[{"limit":10,"remaining":9,"used":1,"reset_at":"2026-11-23T12:00:01Z","window_s":1},
           {"limit":50,"window_s":60},{"limit":1000,"window_s":3600},{"limit":5000,"window_s":86400}]})");
    row("ietf: -04..-06 separate fields plus RateLimit-Policy, -06 casing", "ietf", 200,
        "RateLimit-Limit: 100\nRatelimit-Remaining: 99\nRateLimit-Reset: 50\nRateLimit-Policy: 100;w=60",
        R"({"quotas":[{"limit":100,"remaining":99,"used":1,"reset_at":"2026-11-23T12:00:50Z","window_s":60}]})");
    row("ietf: malformed RateLimit-Limit list", "ietf", 200,
        "RateLimit-Limit: 10, 99999999999999999999999, -5\nRateLimit-Remaining: 5", R"({"quotas":[{"remaining":5}]})", 1);
    row("ietf: duplicate RateLimit-Limit lines", "ietf", 200, "RateLimit-Limit: 100\nRateLimit-Limit: 100",
        R"({"quotas":[{"limit":100}]})");
    row("ietf: cached response (positive Age) ignored", "ietf", 200,
        "Age: 30\nRateLimit-Policy: \"a\";q=10\nRateLimit: \"a\";r=1", R"({"quotas":[]})", 1);
    row("ietf: Age 0 is not cached", "ietf", 200, "Age: 0\nRateLimit-Policy: \"a\";q=10\nRateLimit: \"a\";r=1",
        R"({"quotas":[{"resource":"a","limit":10,"remaining":1,"used":9}]})");
    row("ietf: Retry-After beside t", "ietf", 429, "Retry-After: 60\nRateLimit: \"a\";r=0;t=5",
        R"({"throttled":true,"retry_after_s":60,"quotas":[{"resource":"a","remaining":0,"reset_at":"2026-11-23T12:00:05Z"}]})");
    row("ietf: 503 with Retry-After is not a throttle", "ietf", 503, "Retry-After: 120",
        R"({"retry_after_s":120,"quotas":[]})");
    row("ietf: dynamic 429 with remaining", "ietf", 429, "RateLimit: \"a\";r=50",
        R"({"throttled":true,"quotas":[{"resource":"a","remaining":50}]})");

    // ---- Cloudflare
    row("cloudflare: the two doc examples use different names", "cloudflare", 200,
        "Ratelimit: \"default\";r=50;t=30\nRatelimit-Policy: \"burst\";q=100;w=60",
        R"({"quotas":[{"resource":"burst","limit":100,"window_s":60},{"resource":"default","remaining":50,"reset_at":"2026-11-23T12:00:30Z"}]})");
    row("cloudflare: matching names", "cloudflare", 200,
        "Ratelimit: \"default\";r=1150;t=200\nRatelimit-Policy: \"default\";q=1200;w=300",
        R"({"quotas":[{"resource":"default","limit":1200,"remaining":1150,"used":50,"reset_at":"2026-11-23T12:03:20Z","window_s":300}]})");
    row("cloudflare: 429 blocked for five minutes", "cloudflare", 429,
        "retry-after: 300\nRatelimit: \"default\";r=0;t=300\nRatelimit-Policy: \"default\";q=1200;w=300",
        R"({"throttled":true,"retry_after_s":300,"quotas":[{"resource":"default","limit":1200,"remaining":0,"used":1200,"reset_at":"2026-11-23T12:05:00Z","window_s":300}]})");
    row("cloudflare: separate old-draft fields are not its dialect", "cloudflare", 200, "RateLimit-Limit: 100",
        R"({"quotas":[]})");

    // ---- Atlassian Cloud
    row("atlassian: community thread headers (Beta advisory)", "atlassian", 200,
        "Beta-Ratelimit-Policy: \"tenant-app-quota\";q=100100;w=3600\nBeta-Ratelimit: \"tenant-app-quota\";r=17842;t=2107\n"
        "X-Beta-Ratelimit-Reason: jira-quota-tenant-based\nX-Beta-Ratelimit-Nearlimit: true\n"
        "X-Ratelimit-Limit: 350\nX-Ratelimit-Remaining: 349",
        R"({"quotas":[{"limit":350,"remaining":349,"used":1}]})", 1);
    row("atlassian: Retry-After is the wait, the minute-precision reset stays as stated", "atlassian", 429,
        "X-RateLimit-Limit: 100\nX-RateLimit-Remaining: 0\nX-RateLimit-Reset: 2026-11-23T12:00Z\n"
        "X-RateLimit-NearLimit: true\nRateLimit-Reason: jira-burst-based\nRetry-After: 45",
        R"({"throttled":true,"retry_after_s":45,"quotas":[{"resource":"jira-burst-based","limit":100,"remaining":0,"used":100,"reset_at":"2026-11-23T12:00:00Z","near_limit":true}]})");
    row("atlassian: minute-precision reset", "atlassian", 200,
        "X-RateLimit-Limit: 100\nX-RateLimit-Remaining: 80\nX-RateLimit-Reset: 2026-11-23T12:01Z",
        R"({"quotas":[{"limit":100,"remaining":80,"used":20,"reset_at":"2026-11-23T12:01:00Z"}]})");
    row("atlassian: reset already in the past is kept as sent", "atlassian", 200,
        "X-RateLimit-Limit: 100\nX-RateLimit-Reset: 2026-03-26T16:00Z",
        R"({"quotas":[{"limit":100,"reset_at":"2026-03-26T16:00:00Z"}]})");
    row("atlassian: Beta fields alone give no quota", "atlassian", 200,
        "X-Beta-Ratelimit-Reset: 2026-03-26T16:00Z\nBeta-Retry-After: 30", R"({"quotas":[]})", 1);
    row("atlassian: near-limit True", "atlassian", 200, "X-RateLimit-Limit: 10\nX-RateLimit-NearLimit: True",
        R"({"quotas":[{"limit":10,"near_limit":true}]})");
    row("atlassian: bad reset", "atlassian", 200, "X-RateLimit-Limit: 10\nX-RateLimit-Reset: tomorrow",
        R"({"quotas":[{"limit":10}]})", 1);
    row("atlassian: confluence quota reason", "atlassian", 429,
        "RateLimit-Reason: confluence-quota-tenant-based\nX-RateLimit-Limit: 100000\nX-RateLimit-Remaining: 0\nRetry-After: 600",
        R"({"throttled":true,"retry_after_s":600,"quotas":[{"resource":"confluence-quota-tenant-based","limit":100000,"remaining":0,"used":100000}]})");
    row("atlassian: enforced IETF fields are read", "atlassian", 200,
        "RateLimit-Policy: \"global-app-quota\";q=65000;w=3600\nRateLimit: \"global-app-quota\";r=64000;t=100",
        R"({"quotas":[{"resource":"global-app-quota","limit":65000,"remaining":64000,"used":1000,"reset_at":"2026-11-23T12:01:40Z","window_s":3600}]})");

    // ---- Atlassian Data Center
    row("atlassian-dc: token bucket, retry-after 0 on success", "atlassian-dc", 200,
        "X-RateLimit-Limit: 20\nX-RateLimit-Remaining: 19\nX-RateLimit-Interval-Seconds: 1\nX-RateLimit-FillRate: 10\nretry-after: 0",
        R"({"retry_after_s":0,"quotas":[{"limit":20,"remaining":19,"used":1}]})");
    row("atlassian-dc: 429", "atlassian-dc", 429, "X-RateLimit-Limit: 20\nX-RateLimit-Remaining: 0\nRetry-After: 5",
        R"({"throttled":true,"retry_after_s":5,"quotas":[{"limit":20,"remaining":0,"used":20}]})");

    // ---- Shopify
    row("shopify: 32/40", "shopify", 200, "X-Shopify-Shop-Api-Call-Limit: 32/40",
        R"({"quotas":[{"limit":40,"remaining":8,"used":32}]})");
    row("shopify: 39/40", "shopify", 200, "X-Shopify-Shop-Api-Call-Limit: 39/40",
        R"({"quotas":[{"limit":40,"remaining":1,"used":39}]})");
    row("shopify: 429 with Retry-After 2.0", "shopify", 429, "X-Shopify-Shop-Api-Call-Limit: 40/40\nRetry-After: 2.0",
        R"({"throttled":true,"retry_after_s":2,"quotas":[{"limit":40,"remaining":0,"used":40}]})");
    row("shopify: Plus bucket", "shopify", 200, "x-shopify-shop-api-call-limit: 1/400",
        R"({"quotas":[{"limit":400,"remaining":399,"used":1}]})");
    row("shopify: spaces around the parts", "shopify", 200, "X-Shopify-Shop-Api-Call-Limit: 32 / 40",
        R"({"quotas":[{"limit":40,"remaining":8,"used":32}]})");
    row("shopify: wrong separator", "shopify", 200, "X-Shopify-Shop-Api-Call-Limit: 32-40", R"({"quotas":[{}]})", 1);
    row("shopify: negative part", "shopify", 200, "X-Shopify-Shop-Api-Call-Limit: -1/40", R"({"quotas":[{}]})", 1);
    row("shopify: fractional Retry-After", "shopify", 429, "Retry-After: 1.5",
        R"({"throttled":true,"retry_after_s":1.5,"quotas":[]})");

    // ---- Slack
    row("slack: 429 with Retry-After", "slack", 429, "Retry-After: 30",
        R"({"throttled":true,"retry_after_s":30,"quotas":[]})");
    row("slack: success says nothing", "slack", 200, "content-type: application/json", R"({"quotas":[]})");
    row("slack: foreign headers are not Slack's dialect", "slack", 200, "x-ratelimit-limit: 100", R"({"quotas":[]})");

    // ---- Discord
    row("discord: docs headers, Reset-After preferred", "discord", 200,
        "X-RateLimit-Limit: 5\nX-RateLimit-Remaining: 1\nX-RateLimit-Reset: 1470173023.123\n"
        "X-RateLimit-Reset-After: 64.57\nX-RateLimit-Bucket: abcd1234",
        R"({"quotas":[{"resource":"abcd1234","limit":5,"remaining":1,"used":4,"reset_at":"2026-11-23T12:01:04.570Z"}]})");
    row("discord: fractional epoch reset", "discord", 200, "X-RateLimit-Limit: 5\nX-RateLimit-Reset: 1470173023.123",
        R"({"quotas":[{"limit":5,"reset_at":"2016-08-02T21:23:43.123Z"}]})");
    row("discord: shared 429 with remaining 9", "discord", 429,
        "X-RateLimit-Limit: 10\nX-RateLimit-Remaining: 9\nX-RateLimit-Scope: shared\nRetry-After: 65",
        R"({"throttled":true,"retry_after_s":65,"quotas":[{"resource":"shared","limit":10,"remaining":9,"used":1}]})");
    row("discord: bucket beats scope", "discord", 429,
        "X-RateLimit-Remaining: 0\nX-RateLimit-Bucket: b1\nX-RateLimit-Scope: user",
        R"({"throttled":true,"quotas":[{"resource":"b1","remaining":0}]})");
    row("discord: bad Reset-After falls back to Reset", "discord", 200,
        "X-RateLimit-Reset-After: soon\nX-RateLimit-Reset: 1795435260",
        R"({"quotas":[{"reset_at":"2026-11-23T12:01:00Z"}]})", 1);
    row("discord: global 429 names the global limit", "discord", 429,
        "X-RateLimit-Global: true\nX-RateLimit-Scope: global\nRetry-After: 1",
        R"({"throttled":true,"retry_after_s":1,"quotas":[{"resource":"global"}]})");
    row("discord: sub-millisecond Reset-After rounds up", "discord", 200, "X-RateLimit-Reset-After: 0.0001",
        R"({"quotas":[{"reset_at":"2026-11-23T12:00:00.001Z"}]})");

    // ---- OpenAI
    row("openai: docs sample", "openai", 200,
        "x-ratelimit-limit-requests: 60\nx-ratelimit-limit-tokens: 150000\nx-ratelimit-remaining-requests: 59\n"
        "x-ratelimit-remaining-tokens: 149984\nx-ratelimit-reset-requests: 1s\nx-ratelimit-reset-tokens: 6m0s",
        R"({"quotas":[{"resource":"requests","limit":60,"remaining":59,"used":1,"reset_at":"2026-11-23T12:00:01Z"},
           {"resource":"tokens","limit":150000,"remaining":149984,"used":16,"reset_at":"2026-11-23T12:06:00Z","unit":"tokens"}]})");
    row("openai: millisecond resets", "openai", 200, "x-ratelimit-reset-requests: 12ms\nx-ratelimit-reset-tokens: 9ms",
        R"({"quotas":[{"resource":"requests","reset_at":"2026-11-23T12:00:00.012Z"},{"resource":"tokens","reset_at":"2026-11-23T12:00:00.009Z","unit":"tokens"}]})");
    row("openai: 1m30.5s", "openai", 200, "x-ratelimit-reset-requests: 1m30.5s",
        R"({"quotas":[{"resource":"requests","reset_at":"2026-11-23T12:01:30.500Z"}]})");
    row("openai: 1h2m3s", "openai", 200, "x-ratelimit-reset-requests: 1h2m3s",
        R"({"quotas":[{"resource":"requests","reset_at":"2026-11-23T13:02:03Z"}]})");
    row("openai: 2m is minutes, not a prefix of ms", "openai", 200, "x-ratelimit-reset-requests: 2m",
        R"({"quotas":[{"resource":"requests","reset_at":"2026-11-23T12:02:00Z"}]})");
    row("openai: micro and nanoseconds round up", "openai", 200,
        "x-ratelimit-reset-requests: 500us\nx-ratelimit-reset-tokens: 3ns",
        R"({"quotas":[{"resource":"requests","reset_at":"2026-11-23T12:00:00.001Z"},{"resource":"tokens","reset_at":"2026-11-23T12:00:00.001Z","unit":"tokens"}]})");
    row("openai: micro sign", "openai", 200, "x-ratelimit-reset-requests: 1500\xc2\xb5s",
        R"({"quotas":[{"resource":"requests","reset_at":"2026-11-23T12:00:00.002Z"}]})");
    row("openai: 0 duration", "openai", 200, "x-ratelimit-reset-requests: 0",
        R"({"quotas":[{"resource":"requests","reset_at":"2026-11-23T12:00:00Z"}]})");
    row("openai: unknown unit", "openai", 200, "x-ratelimit-reset-requests: 6x", R"({"quotas":[{"resource":"requests"}]})", 1);
    row("openai: negative duration", "openai", 200, "x-ratelimit-reset-requests: -1s", R"({"quotas":[{"resource":"requests"}]})", 1);
    row("openai: number without unit", "openai", 200, "x-ratelimit-reset-requests: 20",
        R"({"quotas":[{"resource":"requests"}]})", 1);
    row("openai: tokens_usage_based family", "openai", 200,
        "x-ratelimit-limit-tokens_usage_based: 1000000\nx-ratelimit-remaining-tokens_usage_based: 999000\n"
        "x-ratelimit-reset-tokens_usage_based: 100ms",
        R"({"quotas":[{"resource":"tokens_usage_based","limit":1000000,"remaining":999000,"used":1000,"reset_at":"2026-11-23T12:00:00.100Z","unit":"tokens"}]})");
    row("openai: 429", "openai", 429, "x-ratelimit-remaining-requests: 0\nretry-after: 20",
        R"({"throttled":true,"retry_after_s":20,"quotas":[{"resource":"requests","remaining":0}]})");
    row("openai: -1 is unavailable, not overdraft", "openai", 200, "x-ratelimit-remaining-tokens: -1",
        R"({"quotas":[{"resource":"tokens","unit":"tokens"}]})", 1);

    // ---- Azure OpenAI
    row("azure-openai: -1 and 0 sentinels", "azure-openai", 200,
        "x-ratelimit-remaining-tokens: -1\nx-ratelimit-remaining-requests: 0",
        R"({"quotas":[{"resource":"requests","remaining":0},{"resource":"tokens","unit":"tokens"}]})", 1);
    row("azure-openai: token limits in the millions", "azure-openai", 200,
        "x-ratelimit-limit-tokens: 2000000\nx-ratelimit-remaining-tokens: 1999000",
        R"({"quotas":[{"resource":"tokens","limit":2000000,"remaining":1999000,"used":1000,"unit":"tokens"}]})");
    row("azure-openai: with ARM counters", "azure-openai", 200,
        "x-ratelimit-remaining-requests: 99\nx-ms-ratelimit-remaining-subscription-reads: 249",
        R"({"quotas":[{"resource":"requests","remaining":99},{"resource":"subscription-reads","remaining":249}]})");

    // ---- Anthropic
    row("anthropic: all four dimensions", "anthropic", 200,
        "anthropic-ratelimit-requests-limit: 50\nanthropic-ratelimit-requests-remaining: 49\n"
        "anthropic-ratelimit-requests-reset: 2026-11-23T12:00:01Z\n"
        "anthropic-ratelimit-tokens-limit: 100000\nanthropic-ratelimit-tokens-remaining: 99000\n"
        "anthropic-ratelimit-tokens-reset: 2026-11-23T12:00:06Z\n"
        "anthropic-ratelimit-input-tokens-limit: 80000\nanthropic-ratelimit-input-tokens-remaining: 79500\n"
        "anthropic-ratelimit-input-tokens-reset: 2026-11-23T12:00:02Z\n"
        "anthropic-ratelimit-output-tokens-limit: 16000\nanthropic-ratelimit-output-tokens-remaining: 15500\n"
        "anthropic-ratelimit-output-tokens-reset: 2026-11-23T12:00:03Z",
        R"({"quotas":[{"resource":"requests","limit":50,"remaining":49,"used":1,"reset_at":"2026-11-23T12:00:01Z"},
           {"resource":"tokens","limit":100000,"remaining":99000,"used":1000,"reset_at":"2026-11-23T12:00:06Z","unit":"tokens"},
           {"resource":"input-tokens","limit":80000,"remaining":79500,"used":500,"reset_at":"2026-11-23T12:00:02Z","unit":"tokens"},
           {"resource":"output-tokens","limit":16000,"remaining":15500,"used":500,"reset_at":"2026-11-23T12:00:03Z","unit":"tokens"}]})");
    row("anthropic: offset and fraction", "anthropic", 200,
        "anthropic-ratelimit-requests-reset: 2026-11-23T13:00:00.5+01:00",
        R"({"quotas":[{"resource":"requests","reset_at":"2026-11-23T12:00:00.500Z"}]})");
    row("anthropic: lower-case t and z", "anthropic", 200, "anthropic-ratelimit-tokens-reset: 2026-11-23t12:00:30z",
        R"({"quotas":[{"resource":"tokens","reset_at":"2026-11-23T12:00:30Z","unit":"tokens"}]})");
    row("anthropic: epoch is not RFC 3339", "anthropic", 200, "anthropic-ratelimit-requests-reset: 1795435200",
        R"({"quotas":[{"resource":"requests"}]})", 1);
    row("anthropic: 429 with retry-after", "anthropic", 429,
        "retry-after: 12\nanthropic-ratelimit-requests-remaining: 0",
        R"({"throttled":true,"retry_after_s":12,"quotas":[{"resource":"requests","remaining":0}]})");
    row("anthropic: invalid calendar date", "anthropic", 200, "anthropic-ratelimit-requests-reset: 2026-02-30T00:00:00Z",
        R"({"quotas":[{"resource":"requests"}]})", 1);

    // ---- Azure Resource Manager
    row("azure: subscription reads", "azure", 200, "x-ms-ratelimit-remaining-subscription-reads: 11999",
        R"({"quotas":[{"resource":"subscription-reads","remaining":11999}]})");
    row("azure: resource-provider policy list", "azure", 200,
        "x-ms-ratelimit-remaining-resource: Microsoft.Compute/GetVMScaleSet3Min;197,Microsoft.Compute/GetVMScaleSet30Min;1297",
        R"({"quotas":[{"resource":"Microsoft.Compute/GetVMScaleSet3Min","remaining":197},{"resource":"Microsoft.Compute/GetVMScaleSet30Min","remaining":1297}]})");
    row("azure: several counters, mixed-case names", "azure", 200,
        "X-MS-RateLimit-Remaining-Subscription-Writes: 1199\nx-ms-ratelimit-remaining-tenant-reads: 249\n"
        "x-ms-ratelimit-remaining-subscription-global-reads: 3749",
        R"({"quotas":[{"resource":"subscription-writes","remaining":1199},{"resource":"tenant-reads","remaining":249},{"resource":"subscription-global-reads","remaining":3749}]})");
    row("azure: 429", "azure", 429, "retry-after: 17\nx-ms-ratelimit-remaining-subscription-reads: 0",
        R"({"throttled":true,"retry_after_s":17,"quotas":[{"resource":"subscription-reads","remaining":0}]})");
    row("azure: 429 for a lock conflict is not a throttle", "azure", 429, "retry-after: 17",
        R"({"retry_after_s":17,"quotas":[]})", 1,
        R"({"error":{"code":"RetryableErrorDueToAnotherOperation","message":"Operation is not allowed"}})");
    row("azure: one bad policy entry", "azure", 200, "x-ms-ratelimit-remaining-resource: A;1,B;x",
        R"({"quotas":[{"resource":"A","remaining":1}]})", 1);
    row("azure: negative remaining", "azure", 200, "x-ms-ratelimit-remaining-subscription-reads: -1",
        R"({"quotas":[{"resource":"subscription-reads"}]})", 1);
    row("azure: policy list over two lines", "azure", 200,
        "x-ms-ratelimit-remaining-resource: A;1\nx-ms-ratelimit-remaining-resource: B;2",
        R"({"quotas":[{"resource":"A","remaining":1},{"resource":"B","remaining":2}]})");

    // ---- Okta
    row("okta: docs example", "okta", 200, "X-Rate-Limit-Limit: 1200\nX-Rate-Limit-Remaining: 1199\nX-Rate-Limit-Reset: 1609459200",
        R"({"quotas":[{"limit":1200,"remaining":1199,"used":1,"reset_at":"2021-01-01T00:00:00Z"}]})");
    row("okta: 429", "okta", 429, "X-Rate-Limit-Limit: 600\nX-Rate-Limit-Remaining: 0\nX-Rate-Limit-Reset: 1795435260",
        R"({"throttled":true,"quotas":[{"limit":600,"remaining":0,"used":600,"reset_at":"2026-11-23T12:01:00Z"}]})");
    row("okta: epoch milliseconds are not its encoding", "okta", 200, "X-Rate-Limit-Reset: 1609459200000000",
        R"({"quotas":[{}]})", 1);

    // ---- Zendesk
    row("zendesk: account headers", "zendesk", 200, "X-Rate-Limit: 700\nX-Rate-Limit-Remaining: 699",
        R"({"quotas":[{"resource":"rate-limit","limit":700,"remaining":699,"used":1}]})");
    row("zendesk: list endpoint families", "zendesk", 200,
        "X-Rate-Limit: 700\nX-Rate-Limit-Remaining: 699\nratelimit-limit: 100\nratelimit-remaining: 99\nratelimit-reset: 41\n"
        "zendesk-ratelimit-tickets-index: total=100; remaining=99; resets=41",
        R"({"quotas":[{"resource":"rate-limit","limit":700,"remaining":699,"used":1},
           {"resource":"ratelimit","limit":100,"remaining":99,"used":1,"reset_at":"2026-11-23T12:00:41Z"},
           {"resource":"tickets-index","limit":100,"remaining":99,"used":1,"reset_at":"2026-11-23T12:00:41Z"}]})");
    row("zendesk: vendor grammar with a bad value", "zendesk", 200, "zendesk-ratelimit-tickets-index: total=abc; remaining=5",
        R"({"quotas":[{"resource":"tickets-index","remaining":5}]})", 1);
    row("zendesk: vendor grammar, unknown keys and no spaces", "zendesk", 200,
        "zendesk-ratelimit-search-export: total=10;remaining=5;resets=3;foo=bar",
        R"({"quotas":[{"resource":"search-export","limit":10,"remaining":5,"used":5,"reset_at":"2026-11-23T12:00:03Z"}]})");
    row("zendesk: vendor lines repeated differently", "zendesk", 200,
        "zendesk-ratelimit-x: total=10\nzendesk-ratelimit-x: total=11", R"({"quotas":[{"resource":"x"}]})", 1);
    row("zendesk: 429 without Retry-After", "zendesk", 429, "", R"({"throttled":true,"quotas":[]})");

    // ---- X
    row("x: docs example", "x", 200, "x-rate-limit-limit: 900\nx-rate-limit-remaining: 847\nx-rate-limit-reset: 1705420800",
        R"({"quotas":[{"resource":"rate-limit","limit":900,"remaining":847,"used":53,"reset_at":"2024-01-16T16:00:00Z"}]})");
    row("x: 15-minute and 24-hour app families", "x", 200,
        "x-rate-limit-limit: 900\nx-rate-limit-remaining: 847\nx-rate-limit-reset: 1795436100\n"
        "x-app-limit-24hour-limit: 17\nx-app-limit-24hour-remaining: 16\nx-app-limit-24hour-reset: 1795521600",
        R"({"quotas":[{"resource":"rate-limit","limit":900,"remaining":847,"used":53,"reset_at":"2026-11-23T12:15:00Z"},
           {"resource":"app-limit-24hour","limit":17,"remaining":16,"used":1,"reset_at":"2026-11-24T12:00:00Z"}]})");
    row("x: user 24-hour family", "x", 200,
        "x-user-limit-24hour-limit: 100\nx-user-limit-24hour-remaining: 0\nx-user-limit-24hour-reset: 1795521600",
        R"({"quotas":[{"resource":"user-limit-24hour","limit":100,"remaining":0,"used":100,"reset_at":"2026-11-24T12:00:00Z"}]})");
    row("x: 429", "x", 429, "x-rate-limit-limit: 900\nx-rate-limit-remaining: 0",
        R"({"throttled":true,"quotas":[{"resource":"rate-limit","limit":900,"remaining":0,"used":900}]})", 0,
        R"({"errors":[{"code":88,"message":"Rate limit exceeded"}]})");

    // ---- Stripe
    row("stripe: 429 with reason", "stripe", 429, "Stripe-Rate-Limited-Reason: global-rate",
        R"({"throttled":true,"quotas":[{"resource":"global-rate"}]})");
    row("stripe: lock_timeout is not a rate limit", "stripe", 429, "", R"({"quotas":[]})", 1,
        R"({"error":{"code":"lock_timeout","message":"This object cannot be accessed right now"}})");
    row("stripe: success says nothing", "stripe", 200, "request-id: req_1", R"({"quotas":[]})");

    // ---- LaunchDarkly
    row("launchdarkly: global and route, epoch ms reset", "launchdarkly", 200,
        "X-Ratelimit-Global-Remaining: 100\nX-Ratelimit-Route-Remaining: 5\nX-Ratelimit-Reset: 1795435210000",
        R"({"quotas":[{"resource":"global","remaining":100,"reset_at":"2026-11-23T12:00:10Z"},{"resource":"route","remaining":5,"reset_at":"2026-11-23T12:00:10Z"}]})");
    row("launchdarkly: route only", "launchdarkly", 200, "X-Ratelimit-Route-Remaining: 0\nX-Ratelimit-Reset: 1795435200123",
        R"({"quotas":[{"resource":"route","remaining":0,"reset_at":"2026-11-23T12:00:00.123Z"}]})");
    row("launchdarkly: IP limit 429", "launchdarkly", 429, "Retry-After: 10",
        R"({"throttled":true,"retry_after_s":10,"quotas":[]})");
    row("launchdarkly: the shared reset alone is no quota", "launchdarkly", 200, "X-Ratelimit-Reset: 1795435210000",
        R"({"quotas":[]})");

    // ---- Every 429 (and other refusal) example of the provider reference, every field stated.
    // A refusal keeps its signals apart: Retry-After is the wait, each reset stays as stated;
    // only where a provider documents "wait until the reset" does the reset give the wait.
    row("429: github primary, remaining 0, waits until x-ratelimit-reset", "github", 429,
        "x-ratelimit-limit: 60\nx-ratelimit-remaining: 0\nx-ratelimit-used: 60\nx-ratelimit-reset: 1795435230\n"
        "x-ratelimit-resource: core",
        R"({"throttled":true,"retry_after_s":30,"quotas":[{"resource":"core","limit":60,"remaining":0,"used":60,"reset_at":"2026-11-23T12:00:30Z","window_s":null,"near_limit":null,"unit":"requests"}]})",
        0, R"({"message":"API rate limit exceeded for user ID 1."})");
    row("429: github secondary with retry-after beside the reset", "github", 429,
        "x-ratelimit-limit: 5000\nx-ratelimit-remaining: 0\nx-ratelimit-reset: 1795438800\nretry-after: 60",
        R"({"throttled":true,"retry_after_s":60,"quotas":[{"resource":null,"limit":5000,"remaining":0,"used":5000,"reset_at":"2026-11-23T13:00:00Z","window_s":null,"near_limit":null,"unit":"requests"}]})");
    row("403: github secondary, quota left, no retry-after: no wait is stated", "github", 403,
        "x-ratelimit-limit: 5000\nx-ratelimit-remaining: 4000\nx-ratelimit-reset: 1795438800",
        R"({"throttled":true,"retry_after_s":null,"quotas":[{"resource":null,"limit":5000,"remaining":4000,"used":1000,"reset_at":"2026-11-23T13:00:00Z","window_s":null,"near_limit":null,"unit":"requests"}]})",
        0, R"({"message":"You have exceeded a secondary rate limit."})");
    row("429: github reset already past gives no wait", "github", 429,
        "x-ratelimit-limit: 60\nx-ratelimit-remaining: 0\nx-ratelimit-reset: 1795435100",
        R"({"throttled":true,"retry_after_s":null,"quotas":[{"resource":null,"limit":60,"remaining":0,"used":60,"reset_at":"2026-11-23T11:58:20Z","window_s":null,"near_limit":null,"unit":"requests"}]})");
    row("429: gitlab docs, ResetTime and Retry-After kept apart", "gitlab", 429,
        "RateLimit-Limit: 60\nRateLimit-Name: throttle_authenticated_api\nRateLimit-Observed: 67\nRateLimit-Remaining: 33\n"
        "RateLimit-Reset: 1609844400\nRateLimit-ResetTime: Tue, 05 Jan 2021 11:00:00 GMT\nRetry-After: 30",
        R"({"throttled":true,"retry_after_s":30,"quotas":[{"resource":"throttle_authenticated_api","limit":60,"remaining":33,"used":67,"reset_at":"2021-01-05T11:00:00Z","window_s":null,"near_limit":null,"unit":"requests"}]})");
    row("429: bitbucket access token, near limit, no wait documented", "bitbucket", 429,
        "X-RateLimit-Limit: 1000\nX-RateLimit-Resource: api\nX-RateLimit-NearLimit: true",
        R"({"throttled":true,"retry_after_s":null,"quotas":[{"resource":"api","limit":1000,"remaining":null,"used":null,"reset_at":null,"window_s":null,"near_limit":true,"unit":"requests"}]})",
        0, "Rate limit for this resource has been exceeded");
    row("429: buildkite docs values, RateLimit-Reset is the wait", "buildkite", 429,
        "RateLimit-Remaining: 0\nRateLimit-Limit: 200\nRateLimit-Reset: 42",
        R"({"throttled":true,"retry_after_s":42,"quotas":[{"resource":null,"limit":200,"remaining":0,"used":200,"reset_at":"2026-11-23T12:00:42Z","window_s":null,"near_limit":null,"unit":"requests"}]})");
    row("429: buildkite reset without remaining", "buildkite", 429, "RateLimit-Limit: 200\nRateLimit-Reset: 42",
        R"({"throttled":true,"retry_after_s":42,"quotas":[{"resource":null,"limit":200,"remaining":null,"used":null,"reset_at":"2026-11-23T12:00:42Z","window_s":null,"near_limit":null,"unit":"requests"}]})");
    row("429: buildkite Retry-After beside the reset", "buildkite", 429,
        "Retry-After: 30\nRateLimit-Remaining: 0\nRateLimit-Limit: 200\nRateLimit-Reset: 42",
        R"({"throttled":true,"retry_after_s":30,"quotas":[{"resource":null,"limit":200,"remaining":0,"used":200,"reset_at":"2026-11-23T12:00:42Z","window_s":null,"near_limit":null,"unit":"requests"}]})");
    row("429: buildkite mcp scope", "buildkite", 429,
        "RateLimit-Scope: mcp\nRateLimit-Limit: 50\nRateLimit-Remaining: 0\nRateLimit-Reset: 17",
        R"({"throttled":true,"retry_after_s":17,"quotas":[{"resource":"mcp","limit":50,"remaining":0,"used":50,"reset_at":"2026-11-23T12:00:17Z","window_s":null,"near_limit":null,"unit":"requests"}]})");
    row("429: buildkite with requests left: the reset is not this refusal's wait", "buildkite", 429,
        "RateLimit-Limit: 200\nRateLimit-Remaining: 5\nRateLimit-Reset: 42",
        R"({"throttled":true,"retry_after_s":null,"quotas":[{"resource":null,"limit":200,"remaining":5,"used":195,"reset_at":"2026-11-23T12:00:42Z","window_s":null,"near_limit":null,"unit":"requests"}]})");
    row("429: ietf t is not a Retry-After", "ietf", 429,
        "RateLimit-Policy: \"default\";q=100;w=60\nRateLimit: \"default\";r=0;t=30",
        R"({"throttled":true,"retry_after_s":null,"quotas":[{"resource":"default","limit":100,"remaining":0,"used":100,"reset_at":"2026-11-23T12:00:30Z","window_s":60,"near_limit":null,"unit":"requests"}]})",
        0, R"({"type":"https://iana.org/assignments/http-problem-types#quota-exceeded","violated-policies":["default"]})");
    row("429: cloudflare, Retry-After and t apart", "cloudflare", 429,
        "retry-after: 300\nRatelimit: \"default\";r=0;t=120\nRatelimit-Policy: \"default\";q=1200;w=300",
        R"({"throttled":true,"retry_after_s":300,"quotas":[{"resource":"default","limit":1200,"remaining":0,"used":1200,"reset_at":"2026-11-23T12:02:00Z","window_s":300,"near_limit":null,"unit":"requests"}]})");
    row("429: atlassian reset without Retry-After is not a wait (truncated to the minute)", "atlassian", 429,
        "X-RateLimit-Limit: 100\nX-RateLimit-Remaining: 0\nX-RateLimit-Reset: 2026-11-23T12:01Z\nRateLimit-Reason: jira-burst-based",
        R"({"throttled":true,"retry_after_s":null,"quotas":[{"resource":"jira-burst-based","limit":100,"remaining":0,"used":100,"reset_at":"2026-11-23T12:01:00Z","window_s":null,"near_limit":null,"unit":"requests"}]})");
    row("429: atlassian Beta-Retry-After is advisory", "atlassian", 429,
        "Beta-Retry-After: 30\nX-RateLimit-NearLimit: true\nRateLimit-Reason: jira-quota-tenant-based\nX-RateLimit-Limit: 100100\nX-RateLimit-Remaining: 0",
        R"({"throttled":true,"retry_after_s":null,"quotas":[{"resource":"jira-quota-tenant-based","limit":100100,"remaining":0,"used":100100,"reset_at":null,"window_s":null,"near_limit":true,"unit":"requests"}]})",
        1);
    row("429: discord route bucket, docs values", "discord", 429,
        "Retry-After: 65\nX-RateLimit-Limit: 10\nX-RateLimit-Remaining: 0\nX-RateLimit-Reset: 1470173023.123\n"
        "X-RateLimit-Reset-After: 64.57\nX-RateLimit-Bucket: abcd1234\nX-RateLimit-Scope: user",
        R"({"throttled":true,"retry_after_s":65,"quotas":[{"resource":"abcd1234","limit":10,"remaining":0,"used":10,"reset_at":"2026-11-23T12:01:04.570Z","window_s":null,"near_limit":null,"unit":"requests"}]})",
        0, R"({"message":"You are being rate limited.","retry_after":64.57,"global":false})");
    row("429: discord global beside a route bucket", "discord", 429,
        "Retry-After: 65\nX-RateLimit-Global: true\nX-RateLimit-Scope: global\nX-RateLimit-Limit: 5\n"
        "X-RateLimit-Remaining: 3\nX-RateLimit-Bucket: b1",
        R"({"throttled":true,"retry_after_s":65,"quotas":[{"resource":"b1","limit":5,"remaining":3,"used":2,"reset_at":null,"window_s":null,"near_limit":null,"unit":"requests"},
           {"resource":"global","limit":null,"remaining":null,"used":null,"reset_at":null,"window_s":null,"near_limit":null,"unit":"requests"}]})",
        0, R"({"message":"You are being rate limited.","retry_after":64.57,"global":true})");
    row("429: discord global scope never names the route quota", "discord", 429,
        "X-RateLimit-Scope: global\nX-RateLimit-Limit: 5\nX-RateLimit-Remaining: 4\nRetry-After: 2",
        R"({"throttled":true,"retry_after_s":2,"quotas":[{"resource":null,"limit":5,"remaining":4,"used":1,"reset_at":null,"window_s":null,"near_limit":null,"unit":"requests"},
           {"resource":"global","limit":null,"remaining":null,"used":null,"reset_at":null,"window_s":null,"near_limit":null,"unit":"requests"}]})");
    row("429: discord shared scope", "discord", 429,
        "X-RateLimit-Limit: 10\nX-RateLimit-Remaining: 9\nX-RateLimit-Reset-After: 3\nX-RateLimit-Scope: shared\nRetry-After: 65",
        R"({"throttled":true,"retry_after_s":65,"quotas":[{"resource":"shared","limit":10,"remaining":9,"used":1,"reset_at":"2026-11-23T12:00:03Z","window_s":null,"near_limit":null,"unit":"requests"}]})");
    row("429: okta, the reset is not documented as the wait", "okta", 429,
        "X-Rate-Limit-Limit: 600\nX-Rate-Limit-Remaining: 0\nX-Rate-Limit-Reset: 1795435260",
        R"({"throttled":true,"retry_after_s":null,"quotas":[{"resource":null,"limit":600,"remaining":0,"used":600,"reset_at":"2026-11-23T12:01:00Z","window_s":null,"near_limit":null,"unit":"requests"}]})");
    row("429: zendesk account limit with Retry-After", "zendesk", 429,
        "Retry-After: 93\nX-Rate-Limit: 700\nX-Rate-Limit-Remaining: 0",
        R"({"throttled":true,"retry_after_s":93,"quotas":[{"resource":"rate-limit","limit":700,"remaining":0,"used":700,"reset_at":null,"window_s":null,"near_limit":null,"unit":"requests"}]})");
    row("429: x with its reset, no Retry-After", "x", 429,
        "x-rate-limit-limit: 900\nx-rate-limit-remaining: 0\nx-rate-limit-reset: 1795436100",
        R"({"throttled":true,"retry_after_s":null,"quotas":[{"resource":"rate-limit","limit":900,"remaining":0,"used":900,"reset_at":"2026-11-23T12:15:00Z","window_s":null,"near_limit":null,"unit":"requests"}]})",
        0, R"({"errors":[{"code":88,"message":"Rate limit exceeded"}]})");
    row("429: generic X-RateLimit-Reset read like Retry-After (epoch)", "generic", 429,
        "X-RateLimit-Limit: 60\nX-RateLimit-Remaining: 0\nX-RateLimit-Reset: 1795435230",
        R"({"throttled":true,"retry_after_s":30,"quotas":[{"resource":null,"limit":60,"remaining":0,"used":60,"reset_at":"2026-11-23T12:00:30Z","window_s":null,"near_limit":null,"unit":"requests"}]})");
    row("429: generic X-RateLimit-Reset read like Retry-After (delta)", "generic", 429, "X-RateLimit-Reset: 42",
        R"({"throttled":true,"retry_after_s":42,"quotas":[{"resource":null,"limit":null,"remaining":null,"used":null,"reset_at":"2026-11-23T12:00:42Z","window_s":null,"near_limit":null,"unit":"requests"}]})");
    row("429: generic X-RateLimit-Reset in epoch milliseconds", "generic", 429, "X-RateLimit-Reset: 1795435200500",
        R"({"throttled":true,"retry_after_s":0.5,"quotas":[{"resource":null,"limit":null,"remaining":null,"used":null,"reset_at":"2026-11-23T12:00:00.500Z","window_s":null,"near_limit":null,"unit":"requests"}]})");
    row("429: generic Retry-After beside X-RateLimit-Reset", "generic", 429,
        "Retry-After: 10\nX-RateLimit-Remaining: 0\nX-RateLimit-Reset: 1795435230",
        R"({"throttled":true,"retry_after_s":10,"quotas":[{"resource":null,"limit":null,"remaining":0,"used":null,"reset_at":"2026-11-23T12:00:30Z","window_s":null,"near_limit":null,"unit":"requests"}]})");
    row("429: generic with requests left", "generic", 429, "X-RateLimit-Remaining: 9\nX-RateLimit-Reset: 42",
        R"({"throttled":true,"retry_after_s":null,"quotas":[{"resource":null,"limit":null,"remaining":9,"used":null,"reset_at":"2026-11-23T12:00:42Z","window_s":null,"near_limit":null,"unit":"requests"}]})");
    row("429: generic reset already past", "generic", 429, "X-RateLimit-Remaining: 0\nX-RateLimit-Reset: 1795435100",
        R"({"throttled":true,"retry_after_s":null,"quotas":[{"resource":null,"limit":null,"remaining":0,"used":null,"reset_at":"2026-11-23T11:58:20Z","window_s":null,"near_limit":null,"unit":"requests"}]})");
    row("429: generic Discord-like Reset-After", "generic", 429,
        "X-RateLimit-Remaining: 0\nX-RateLimit-Reset-After: 64.57\nX-RateLimit-Bucket: abcd1234",
        R"({"throttled":true,"retry_after_s":64.57,"quotas":[{"resource":"abcd1234","limit":null,"remaining":0,"used":null,"reset_at":"2026-11-23T12:01:04.570Z","window_s":null,"near_limit":null,"unit":"requests"}]})");
    row("429: generic X-Rate-Limit-Reset (Okta, X) is not documented as the wait", "generic", 429,
        "X-Rate-Limit-Limit: 600\nX-Rate-Limit-Remaining: 0\nX-Rate-Limit-Reset: 1795435260",
        R"({"throttled":true,"retry_after_s":null,"quotas":[{"resource":null,"limit":600,"remaining":0,"used":600,"reset_at":"2026-11-23T12:01:00Z","window_s":null,"near_limit":null,"unit":"requests"}]})");
    row("503: generic reset on a response that is no refusal", "generic", 503, "X-RateLimit-Reset: 42",
        R"({"throttled":false,"retry_after_s":null,"quotas":[{"resource":null,"limit":null,"remaining":null,"used":null,"reset_at":"2026-11-23T12:00:42Z","window_s":null,"near_limit":null,"unit":"requests"}]})");
    row("429: stripe lock_timeout is no refusal, nothing waits", "stripe", 429, "Stripe-Rate-Limited-Reason: global-concurrency",
        R"({"throttled":false,"retry_after_s":null,"quotas":[{"resource":"global-concurrency","limit":null,"remaining":null,"used":null,"reset_at":null,"window_s":null,"near_limit":null,"unit":"requests"}]})",
        1, R"({"error":{"code":"lock_timeout"}})");

    // ---- generic: the heuristic and dialect detection
    row("generic: GitHub-like epoch seconds", "generic", 200,
        "x-ratelimit-limit: 5000\nx-ratelimit-remaining: 4999\nx-ratelimit-reset: 1795435500\nx-ratelimit-resource: core",
        R"({"quotas":[{"resource":"core","limit":5000,"remaining":4999,"used":1,"reset_at":"2026-11-23T12:05:00Z"}]})");
    row("generic: small reset is a delta", "generic", 200, "x-ratelimit-reset: 60",
        R"({"quotas":[{"reset_at":"2026-11-23T12:01:00Z"}]})");
    row("generic: epoch milliseconds", "generic", 200, "x-ratelimit-reset: 1795435500000",
        R"({"quotas":[{"reset_at":"2026-11-23T12:05:00Z"}]})");
    row("generic: 999999999 is still a delta", "generic", 200, "x-ratelimit-reset: 999999999",
        R"({"quotas":[{"reset_at":"2058-08-01T13:46:39Z"}]})");
    row("generic: 1e9 is epoch seconds", "generic", 200, "x-ratelimit-reset: 1000000000",
        R"({"quotas":[{"reset_at":"2001-09-09T01:46:40Z"}]})");
    row("generic: 1e12 is epoch milliseconds", "generic", 200, "x-ratelimit-reset: 1000000000000",
        R"({"quotas":[{"reset_at":"2001-09-09T01:46:40Z"}]})");
    row("generic: 999999999999 epoch seconds is past year 9999", "generic", 200, "x-ratelimit-reset: 999999999999",
        R"({"quotas":[{}]})", 1);
    row("generic: fractional delta", "generic", 200, "x-ratelimit-reset: 1.5",
        R"({"quotas":[{"reset_at":"2026-11-23T12:00:01.500Z"}]})");
    row("generic: HTTP-date reset", "generic", 200, "x-ratelimit-reset: Mon, 23 Nov 2026 12:10:00 GMT",
        R"({"quotas":[{"reset_at":"2026-11-23T12:10:00Z"}]})");
    row("generic: RFC 3339 reset", "generic", 200, "x-ratelimit-reset: 2026-11-23T12:10:00Z",
        R"({"quotas":[{"reset_at":"2026-11-23T12:10:00Z"}]})");
    row("generic: Jira minute reset", "generic", 200, "X-RateLimit-Reset: 2026-11-23T12:10Z",
        R"({"quotas":[{"reset_at":"2026-11-23T12:10:00Z"}]})");
    row("generic: duration reset", "generic", 200, "x-ratelimit-reset: 6m0s",
        R"({"quotas":[{"reset_at":"2026-11-23T12:06:00Z"}]})");
    row("generic: unreadable reset", "generic", 200, "x-ratelimit-reset: whenever", R"({"quotas":[{}]})", 1);
    row("generic: IETF list detected", "generic", 200,
        "RateLimit-Policy: \"default\";q=100;w=60\nRateLimit: \"default\";r=50;t=30",
        R"({"quotas":[{"resource":"default","limit":100,"remaining":50,"used":50,"reset_at":"2026-11-23T12:00:30Z","window_s":60}]})");
    row("generic: IETF -07 dictionary detected", "generic", 200, "RateLimit: limit=100, remaining=50, reset=5",
        R"({"quotas":[{"limit":100,"remaining":50,"used":50,"reset_at":"2026-11-23T12:00:05Z"}]})");
    row("generic: GitLab-like epoch RateLimit-Reset", "generic", 200,
        "RateLimit-Limit: 60\nRateLimit-Name: throttle_authenticated_api\nRateLimit-Observed: 67\n"
        "RateLimit-Remaining: 33\nRateLimit-Reset: 1609844400",
        R"({"quotas":[{"resource":"throttle_authenticated_api","limit":60,"remaining":33,"used":67,"reset_at":"2021-01-05T11:00:00Z"}]})");
    row("generic: Buildkite-like delta RateLimit-Reset", "generic", 200,
        "RateLimit-Remaining: 180\nRateLimit-Limit: 200\nRateLimit-Reset: 42\nRateLimit-Scope: 'portal'",
        R"({"quotas":[{"resource":"portal","limit":200,"remaining":180,"used":20,"reset_at":"2026-11-23T12:00:42Z"}]})");
    row("generic: OpenAI families detected", "generic", 200,
        "x-ratelimit-limit-requests: 60\nx-ratelimit-remaining-requests: 59\nx-ratelimit-reset-requests: 1s",
        R"({"quotas":[{"resource":"requests","limit":60,"remaining":59,"used":1,"reset_at":"2026-11-23T12:00:01Z"}]})");
    row("generic: Anthropic detected", "generic", 200,
        "anthropic-ratelimit-tokens-limit: 1000\nanthropic-ratelimit-tokens-remaining: 10",
        R"({"quotas":[{"resource":"tokens","limit":1000,"remaining":10,"used":990,"unit":"tokens"}]})");
    row("generic: Azure detected", "generic", 200, "x-ms-ratelimit-remaining-subscription-reads: 11999",
        R"({"quotas":[{"resource":"subscription-reads","remaining":11999}]})");
    row("generic: Shopify detected", "generic", 200, "X-Shopify-Shop-Api-Call-Limit: 32/40",
        R"({"quotas":[{"limit":40,"remaining":8,"used":32}]})");
    row("generic: Zendesk vendor family detected", "generic", 200,
        "zendesk-ratelimit-tickets-index: total=100; remaining=99; resets=41",
        R"({"quotas":[{"resource":"tickets-index","limit":100,"remaining":99,"used":1,"reset_at":"2026-11-23T12:00:41Z"}]})");
    row("generic: Zendesk account limit", "generic", 200, "X-Rate-Limit: 700\nX-Rate-Limit-Remaining: 699",
        R"({"quotas":[{"limit":700,"remaining":699,"used":1}]})");
    row("generic: x-rate-limit-limit wins over Zendesk's X-Rate-Limit", "generic", 200,
        "X-Rate-Limit: 700\nx-rate-limit-limit: 900\nx-rate-limit-remaining: 800",
        R"({"quotas":[{"limit":900,"remaining":800,"used":100}]})");
    row("generic: an invalid x-rate-limit-limit does not fall back to X-Rate-Limit", "generic", 200,
        "X-Rate-Limit: 700\nx-rate-limit-limit: many\nx-rate-limit-remaining: 800",
        R"({"quotas":[{"remaining":800}]})", 1);
    row("generic: Okta/X dash family", "generic", 200,
        "X-Rate-Limit-Limit: 1200\nX-Rate-Limit-Remaining: 1199\nX-Rate-Limit-Reset: 1609459200",
        R"({"quotas":[{"limit":1200,"remaining":1199,"used":1,"reset_at":"2021-01-01T00:00:00Z"}]})");
    row("generic: X 24-hour family detected", "generic", 200,
        "x-app-limit-24hour-limit: 17\nx-app-limit-24hour-remaining: 16",
        R"({"quotas":[{"resource":"app-limit-24hour","limit":17,"remaining":16,"used":1}]})");
    row("generic: Discord-like reset-after and bucket", "generic", 200,
        "X-RateLimit-Limit: 5\nX-RateLimit-Remaining: 1\nX-RateLimit-Reset-After: 64.57\nX-RateLimit-Bucket: abcd1234",
        R"({"quotas":[{"resource":"abcd1234","limit":5,"remaining":1,"used":4,"reset_at":"2026-11-23T12:01:04.570Z"}]})");
    row("generic: Bitbucket-like near limit", "generic", 200, "X-RateLimit-Limit: 1000\nX-RateLimit-NearLimit: true",
        R"({"quotas":[{"limit":1000,"near_limit":true}]})");
    row("generic: LaunchDarkly detected", "generic", 200, "X-Ratelimit-Global-Remaining: 7",
        R"({"quotas":[{"resource":"global","remaining":7}]})");
    row("generic: Atlassian Beta fields are advisory", "generic", 200, "Beta-RateLimit: \"x\";r=1",
        R"({"quotas":[]})", 1);
    row("generic: nothing at all", "generic", 200, "content-type: text/html", R"({"quotas":[]})");
    row("generic: 403 with remaining 0 is throttled", "generic", 403, "x-ratelimit-remaining: 0",
        R"({"throttled":true,"quotas":[{"remaining":0}]})");
    row("generic: 403 without rate-limit evidence", "generic", 403, "x-ratelimit-remaining: 10",
        R"({"quotas":[{"remaining":10}]})");
    row("generic: Retry-After IMF-fixdate", "generic", 429, "Retry-After: Mon, 23 Nov 2026 12:02:00 GMT",
        R"({"throttled":true,"retry_after_s":120,"quotas":[]})");
    row("generic: Retry-After rfc850-date", "generic", 429, "Retry-After: Monday, 23-Nov-26 12:01:00 GMT",
        R"({"throttled":true,"retry_after_s":60,"quotas":[]})");
    row("generic: Retry-After asctime-date", "generic", 429, "Retry-After: Mon Nov 23 12:00:30 2026",
        R"({"throttled":true,"retry_after_s":30,"quotas":[]})");
    row("generic: Retry-After asctime single-digit day, past", "generic", 429, "Retry-After: Sun Nov  1 12:00:00 2026",
        R"({"throttled":true,"retry_after_s":0,"quotas":[]})");
    row("generic: Retry-After RFC example date", "generic", 503, "Retry-After: Fri, 31 Dec 1999 23:59:59 GMT",
        R"({"retry_after_s":0,"quotas":[]})");
    row("generic: Retry-After HTTP-date relative to a different now", "generic", 429,
        "Retry-After: Fri, 31 Dec 1999 23:59:59 GMT", R"({"throttled":true,"retry_after_s":59,"quotas":[]})", 0, {},
        "1999-12-31T23:59:00Z");
    row("generic: Retry-After rfc850 two-digit year from the 1990s", "generic", 429,
        "Retry-After: Friday, 31-Dec-99 23:59:59 GMT", R"({"throttled":true,"retry_after_s":59,"quotas":[]})", 0, {},
        "1999-12-31T23:59:00Z");
    row("generic: Retry-After with fraction", "generic", 429, "Retry-After: 2.5",
        R"({"throttled":true,"retry_after_s":2.5,"quotas":[]})");
    row("generic: Retry-After garbage", "generic", 429, "Retry-After: soon", R"({"throttled":true,"quotas":[]})", 1);
    row("generic: Retry-After negative", "generic", 429, "Retry-After: -5", R"({"throttled":true,"quotas":[]})", 1);
    row("generic: Retry-After plus sign", "generic", 429, "Retry-After: +5", R"({"throttled":true,"quotas":[]})", 1);
    row("generic: Retry-After empty", "generic", 429, "Retry-After:", R"({"throttled":true,"quotas":[]})", 1);
    row("generic: Retry-After repeated identically", "generic", 429, "Retry-After: 30\nretry-after: 30",
        R"({"throttled":true,"retry_after_s":30,"quotas":[]})");
    row("generic: Retry-After repeated differently", "generic", 429, "Retry-After: 30\nretry-after: 60",
        R"({"throttled":true,"quotas":[]})", 1);
    row("generic: Retry-After two joined HTTP-dates", "generic", 429,
        "Retry-After: Mon, 23 Nov 2026 12:02:00 GMT, Mon, 23 Nov 2026 12:02:00 GMT",
        R"({"throttled":true,"retry_after_s":120,"quotas":[]})");
    row("generic: Retry-After bad weekday format", "generic", 429, "Retry-After: Mon, 23 Nov 2026 12:02:00 UTC",
        R"({"throttled":true,"quotas":[]})", 1);
    row("generic: Retry-After 1 MiB of digits is clamped", "generic", 429, "Retry-After: " + mib('9'),
        R"({"throttled":true,"retry_after_s":604800,"quotas":[]})", 1);
    row("generic: 1 MiB of commas", "generic", 200, "x-ratelimit-limit: " + mib(','), R"({"quotas":[{}]})", 1);
    row("generic: 1 MiB unknown header is ignored", "generic", 200, "x-junk: " + mib('x') + "\nx-ratelimit-limit: 1",
        R"({"quotas":[{"limit":1}]})");
}

void TestHeaderEngine::read()
{
    QFETCH(QByteArray, preset);
    QFETCH(int, status);
    QFETCH(QByteArray, headers);
    QFETCH(QByteArray, now);
    QFETCH(QByteArray, expected);
    QFETCH(int, warnings);
    QFETCH(QByteArray, body);

    const Preset *p = Preset::find(QString::fromLatin1(preset));
    QVERIFY(p);
    QString error;
    const auto head = HttpResponseHead::parse(headText(status, headers), &error);
    QVERIFY2(head, qPrintable(error));
    const QuotaReading reading = HeaderEngine::read(*p, *head, utc(now.constData()), body);

    QJsonObject actual = reading.toJson();
    actual.remove(QStringLiteral("warnings"));
    actual = roundTrip(actual);
    const QJsonObject want = expand(expected, preset, status);
    if (actual != want) {
        qWarning("actual:   %s", QJsonDocument(actual).toJson(QJsonDocument::Compact).left(600).constData());
        qWarning("expected: %s", QJsonDocument(want).toJson(QJsonDocument::Compact).left(600).constData());
        qWarning("warnings: %s", qPrintable(reading.warnings.join(QStringLiteral(" | ")).left(600)));
    }
    QCOMPARE(actual, want);
    if (warnings >= 0) {
        if (reading.warnings.size() != warnings)
            qWarning("warnings: %s", qPrintable(reading.warnings.join(QStringLiteral(" | ")).left(600)));
        QCOMPARE(reading.warnings.size(), warnings);
    }
    for (const QString &w : reading.warnings)
        QVERIFY2(w.size() < 300, "a warning must not quote a whole hostile value");
}

void TestHeaderEngine::suggest_data()
{
    QTest::addColumn<QByteArray>("chosen");
    QTest::addColumn<QByteArray>("headers");
    QTest::addColumn<QStringList>("expected"); // preset ids, best first
    QTest::addColumn<int>("best");             // how many lead equally
    QTest::addColumn<QString>("fields");       // what the first one read

    auto row = [](const char *name, const char *chosen, const QByteArray &headers, const QString &ids, int best,
                  const char *fields) {
        QTest::newRow(name) << QByteArray(chosen) << headers << ids.split(u' ', Qt::SkipEmptyParts) << best
                            << QString::fromLatin1(fields);
    };
    // Buildkite's delta reset read as GitLab's epoch lands in 1970: GitLab comes last. Zendesk's
    // list endpoints send the same three fields.
    row("buildkite head under github", "github", "RateLimit-Remaining: 180\nRateLimit-Limit: 200\nRateLimit-Reset: 42",
        QStringLiteral("buildkite zendesk ietf generic gitlab"), 2, "RateLimit-*");
    row("buildkite head with scope under okta", "okta",
        "RateLimit-Remaining: 180\nRateLimit-Limit: 200\nRateLimit-Reset: 42\nRateLimit-Scope: 'portal'",
        QStringLiteral("buildkite generic zendesk ietf gitlab"), 1, "RateLimit-*");
    // GitLab's epoch reset read as Buildkite's delta lands in 2077, and its Name and Observed
    // are GitLab's own.
    row("gitlab head under slack", "slack",
        "RateLimit-Limit: 60\nRateLimit-Name: throttle_authenticated_api\nRateLimit-Observed: 6\nRateLimit-Remaining: 54\n"
        "RateLimit-Reset: 1795435260",
        QStringLiteral("gitlab generic buildkite zendesk ietf"), 1, "RateLimit-*");
    row("github head under buildkite", "buildkite",
        "x-ratelimit-limit: 5000\nx-ratelimit-remaining: 4999\nx-ratelimit-reset: 1795438800\nx-ratelimit-used: 1\n"
        "x-ratelimit-resource: core",
        QStringLiteral("github generic discord bitbucket atlassian-dc atlassian"), 1, "x-ratelimit-*");
    // The IETF fields are nobody's in particular: Cloudflare and Atlassian read them as well
    // as the IETF preset does, so it leads.
    row("ietf list under github", "github", "RateLimit-Policy: \"default\";q=100;w=60\nRateLimit: \"default\";r=50;t=30",
        QStringLiteral("ietf atlassian cloudflare generic"), 1, "RateLimit-Policy, RateLimit");
    row("bitbucket head under github", "github",
        "X-RateLimit-Limit: 1000\nX-RateLimit-Resource: api\nX-RateLimit-NearLimit: false",
        QStringLiteral("bitbucket generic atlassian atlassian-dc discord"), 1, "X-RateLimit-*");
    row("okta and x share their names", "github",
        "X-Rate-Limit-Limit: 1200\nX-Rate-Limit-Remaining: 1199\nX-Rate-Limit-Reset: 1795435260",
        QStringLiteral("okta x generic zendesk"), 2, "X-Rate-Limit-*");
    row("openai head under anthropic", "anthropic",
        "x-ratelimit-limit-requests: 60\nx-ratelimit-remaining-requests: 59\nx-ratelimit-reset-requests: 1s",
        QStringLiteral("openai azure-openai generic"), 2, "x-ratelimit-*");
    row("shopify head under generic", "generic", "X-Shopify-Shop-Api-Call-Limit: 32/40",
        QStringLiteral("shopify"), 1, "X-Shopify-Shop-Api-Call-Limit");
    row("anthropic head under openai", "openai",
        "anthropic-ratelimit-requests-limit: 50\nanthropic-ratelimit-requests-remaining: 49",
        QStringLiteral("anthropic generic"), 1, "anthropic-ratelimit-requests-*");
    row("nothing to read", "github", "content-type: application/json\nretry-after: 30", QString(), 0, "");
}

void TestHeaderEngine::suggest()
{
    QFETCH(QByteArray, chosen);
    QFETCH(QByteArray, headers);
    QFETCH(QStringList, expected);
    QFETCH(int, best);
    QFETCH(QString, fields);

    QString error;
    const auto head = HttpResponseHead::parse(headText(200, headers), &error);
    QVERIFY2(head, qPrintable(error));
    const QList<HeaderEngine::Suggestion> got = HeaderEngine::suggest(*head, QString::fromLatin1(chosen), utc(kNow));
    QStringList ids;
    int bestCount = 0;
    for (const HeaderEngine::Suggestion &s : got) {
        ids.append(s.presetId);
        QVERIFY(Preset::find(s.presetId));
        QCOMPARE(s.displayName, Preset::find(s.presetId)->displayName);
        bestCount += s.best ? 1 : 0;
        if (s.best)
            QCOMPARE(ids.size(), bestCount); // the best come first, together
    }
    if (ids != expected)
        qWarning("got: %s", qPrintable(ids.join(u' ')));
    QCOMPARE(ids, expected);
    QCOMPARE(bestCount, best);
    QVERIFY(!ids.contains(QString::fromLatin1(chosen)));
    if (!got.isEmpty())
        QCOMPARE(got.first().fields, fields);
}

void TestHeaderEngine::presets()
{
    const QStringList expected = {
        QStringLiteral("github"),    QStringLiteral("gitlab"),     QStringLiteral("bitbucket"),
        QStringLiteral("buildkite"), QStringLiteral("ietf"),       QStringLiteral("atlassian"),
        QStringLiteral("atlassian-dc"), QStringLiteral("shopify"), QStringLiteral("slack"),
        QStringLiteral("discord"),   QStringLiteral("openai"),     QStringLiteral("anthropic"),
        QStringLiteral("azure"),     QStringLiteral("azure-openai"), QStringLiteral("cloudflare"),
        QStringLiteral("okta"),      QStringLiteral("zendesk"),    QStringLiteral("x"),
        QStringLiteral("stripe"),    QStringLiteral("launchdarkly"), QStringLiteral("generic"),
    };
    QCOMPARE(Preset::ids(), expected);
    for (const QString &id : expected) {
        const Preset *p = Preset::find(id);
        QVERIFY2(p, qPrintable(id));
        QCOMPARE(p->id, id);
        QVERIFY(!p->displayName.isEmpty());
        QVERIFY(!p->notes.isEmpty());
        for (const QString &param : p->params)
            QVERIFY2(p->probePath.contains(u'{' + param + u'}'), qPrintable(id));
        QVERIFY(p->probeMethod.isEmpty() || p->probeMethod == QStringLiteral("GET"));
        QCOMPARE(p->probeMethod.isEmpty(), p->probePath.isEmpty());
    }
    QVERIFY(!Preset::find(QStringLiteral("nope")));
    QVERIFY(!Preset::find(QStringLiteral("GitHub")));

    const Preset *gh = Preset::find(QStringLiteral("github"));
    QCOMPARE(gh->probePath, QStringLiteral("/rate_limit"));
    QVERIFY(gh->freeProbe);
    QCOMPARE(gh->probeCost, 0);
    const Preset *gl = Preset::find(QStringLiteral("gitlab"));
    QCOMPARE(gl->probePath, QStringLiteral("/api/v4/version"));
    QVERIFY(gl->authOptions.contains(AuthScheme::PrivateToken));
    const Preset *bb = Preset::find(QStringLiteral("bitbucket"));
    QCOMPARE(bb->probePath, QStringLiteral("/2.0/repositories/{workspace}/{repo}?fields=slug"));
    QCOMPARE(bb->params, (QStringList{QStringLiteral("workspace"), QStringLiteral("repo")}));
    QVERIFY(bb->authOptions.contains(AuthScheme::Basic));
    QCOMPARE(Preset::find(QStringLiteral("buildkite"))->probePath, QStringLiteral("/v2/access-token"));
    QVERIFY(Preset::find(QStringLiteral("slack"))->probeMethod.isEmpty());
    QVERIFY(Preset::find(QStringLiteral("stripe"))->probeMethod.isEmpty());

    for (AuthScheme s : {AuthScheme::Bearer, AuthScheme::Basic, AuthScheme::PrivateToken, AuthScheme::ShopifyToken,
                         AuthScheme::BotToken, AuthScheme::None})
        QCOMPARE(authSchemeFromId(authSchemeId(s)), std::optional<AuthScheme>(s));
    QVERIFY(!authSchemeFromId(QStringLiteral("magic")));
}

void TestHeaderEngine::githubRateLimitingDisabled()
{
    const auto head = HttpResponseHead::parse("HTTP/1.1 404 Not Found\r\n\r\n");
    QVERIFY(head);
    const QuotaReading r = HeaderEngine::read(*Preset::find(QStringLiteral("github")), *head, utc(kNow),
                                              R"({"message":"Rate limiting is not enabled."})");
    QVERIFY(r.rateLimitingDisabled);
    QVERIFY(!r.throttled);
    QVERIFY(r.quotas.isEmpty());
    const QuotaReading normal = HeaderEngine::read(*Preset::find(QStringLiteral("github")), *head, utc(kNow),
                                                   R"({"message":"Not Found"})");
    QVERIFY(!normal.rateLimitingDisabled);
}

void TestHeaderEngine::tokenExpiration_data()
{
    QTest::addColumn<QByteArray>("value");
    QTest::addColumn<QByteArray>("iso"); // empty: none
    QTest::newRow("UTC") << QByteArray("2026-12-01 10:00:00 UTC") << QByteArray("2026-12-01T10:00:00Z");
    QTest::newRow("numeric offset") << QByteArray("2026-12-01 03:00:00 -0700") << QByteArray("2026-12-01T10:00:00Z");
    QTest::newRow("RFC 3339") << QByteArray("2026-12-01T10:00:00Z") << QByteArray("2026-12-01T10:00:00Z");
    QTest::newRow("garbage") << QByteArray("never") << QByteArray();
}

void TestHeaderEngine::tokenExpiration()
{
    QFETCH(QByteArray, value);
    QFETCH(QByteArray, iso);
    const auto head = HttpResponseHead::parse("HTTP/1.1 200 OK\r\nGitHub-Authentication-Token-Expiration: " + value
                                              + "\r\nx-ratelimit-limit: 5000\r\n\r\n");
    QVERIFY(head);
    for (const char *preset : {"github", "generic"}) {
        const QuotaReading r = HeaderEngine::read(*Preset::find(QLatin1String(preset)), *head, utc(kNow));
        if (iso.isEmpty()) {
            QVERIFY(!r.tokenExpiresAt);
            QCOMPARE(r.warnings.size(), 1);
        } else {
            QVERIFY(r.tokenExpiresAt);
            QCOMPARE(isoUtc(*r.tokenExpiresAt), QString::fromLatin1(iso));
            QVERIFY(r.warnings.isEmpty());
        }
    }
}

void TestHeaderEngine::mostRestrictive()
{
    QuotaReading r;
    QCOMPARE(r.mostRestrictive(), -1);
    Quota a, b, c;
    a.remaining = 50;
    b.remaining = 10;
    c.remaining = 10;
    r.quotas = {Quota(), a, b, c};
    QCOMPARE(r.mostRestrictive(), 2); // lowest remaining, ties to the first
    r.quotas = {Quota(), Quota()};
    QCOMPARE(r.mostRestrictive(), 0);
}

void TestHeaderEngine::jsonRoundTrip()
{
    const auto head = HttpResponseHead::parse(
        "HTTP/1.1 429 Too Many Requests\r\nRetry-After: 2.5\r\nX-RateLimit-Limit: 5\r\nX-RateLimit-Remaining: 0\r\n"
        "X-RateLimit-Reset: 1470173023.123\r\nX-RateLimit-Bucket: b\r\nx-ratelimit-used: nope\r\n\r\n");
    QVERIFY(head);
    const QuotaReading r = HeaderEngine::read(*Preset::find(QStringLiteral("generic")), *head, utc(kNow));
    QCOMPARE(r.warnings.size(), 1);
    const QJsonObject json = r.toJson();
    QCOMPARE(json.keys().size(), 6);
    const QuotaReading back = QuotaReading::fromJson(json);
    QCOMPARE(back.provider, r.provider);
    QCOMPARE(back.status, r.status);
    QCOMPARE(back.throttled, r.throttled);
    QCOMPARE(back.retryAfterS, r.retryAfterS);
    QCOMPARE(back.quotas, r.quotas);
    QCOMPARE(back.warnings, r.warnings);
    QCOMPARE(back.toJson(), json);
    QCOMPARE(json.value(QStringLiteral("quotas")).toArray().at(0).toObject().keys().size(), 8);
}

void TestHeaderEngine::isoUtcMilliseconds()
{
    QCOMPARE(isoUtc(QDateTime::fromMSecsSinceEpoch(1795435242000, Qt::UTC)), QStringLiteral("2026-11-23T12:00:42Z"));
    QCOMPARE(isoUtc(QDateTime::fromMSecsSinceEpoch(1795435242123, Qt::UTC)), QStringLiteral("2026-11-23T12:00:42.123Z"));
    QCOMPARE(isoUtc(QDateTime::fromMSecsSinceEpoch(1795435242007, Qt::UTC)), QStringLiteral("2026-11-23T12:00:42.007Z"));
    QCOMPARE(isoUtc(QDateTime::fromMSecsSinceEpoch(1795435242000, Qt::OffsetFromUTC, 3600)),
             QStringLiteral("2026-11-23T12:00:42Z"));
}

void TestHeaderEngine::parseHead_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<int>("status"); // -1: not a head
    QTest::addColumn<int>("fields");
    QTest::addColumn<QByteArray>("body");

    QTest::newRow("CRLF") << QByteArray("HTTP/1.1 200 OK\r\nA: 1\r\nB: 2\r\n\r\n") << 200 << 2 << QByteArray();
    QTest::newRow("LF only") << QByteArray("HTTP/1.1 200 OK\nA: 1\n\n") << 200 << 1 << QByteArray();
    QTest::newRow("no final blank line") << QByteArray("HTTP/1.1 200 OK\r\nA: 1") << 200 << 1 << QByteArray();
    QTest::newRow("HTTP/2 without reason") << QByteArray("HTTP/2 429\r\n\r\n") << 429 << 0 << QByteArray();
    QTest::newRow("HTTP/1.0") << QByteArray("HTTP/1.0 503 Service Unavailable\r\n\r\n") << 503 << 0 << QByteArray();
    QTest::newRow("body kept apart") << QByteArray("HTTP/1.1 200 OK\r\nA: 1\r\n\r\n{\"x\":1}\r\n\r\nB: 2")
                                     << 200 << 1 << QByteArray("{\"x\":1}\r\n\r\nB: 2");
    QTest::newRow("interim 100 skipped") << QByteArray("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 201 Created\r\nA: 1\r\n\r\n")
                                         << 201 << 1 << QByteArray();
    QTest::newRow("obs-fold joined") << QByteArray("HTTP/1.1 200 OK\r\nA: 1\r\n 2\r\n\r\n") << 200 << 1 << QByteArray();
    QTest::newRow("empty value") << QByteArray("HTTP/1.1 200 OK\r\nA:\r\n\r\n") << 200 << 1 << QByteArray();
    QTest::newRow("empty input") << QByteArray() << -1 << 0 << QByteArray();
    QTest::newRow("request line") << QByteArray("GET / HTTP/1.1\r\n\r\n") << -1 << 0 << QByteArray();
    QTest::newRow("bare headers") << QByteArray("x-ratelimit-limit: 1\r\n\r\n") << -1 << 0 << QByteArray();
    QTest::newRow("two-digit status") << QByteArray("HTTP/1.1 20 OK\r\n\r\n") << -1 << 0 << QByteArray();
    QTest::newRow("status with letters") << QByteArray("HTTP/1.1 2x0 OK\r\n\r\n") << -1 << 0 << QByteArray();
    QTest::newRow("four-digit status") << QByteArray("HTTP/1.1 2000 OK\r\n\r\n") << -1 << 0 << QByteArray();
    QTest::newRow("line without colon") << QByteArray("HTTP/1.1 200 OK\r\nnot a header\r\n\r\n") << -1 << 0 << QByteArray();
    QTest::newRow("space before colon") << QByteArray("HTTP/1.1 200 OK\r\nA : 1\r\n\r\n") << -1 << 0 << QByteArray();
    QTest::newRow("empty name") << QByteArray("HTTP/1.1 200 OK\r\n: 1\r\n\r\n") << -1 << 0 << QByteArray();
    QTest::newRow("NUL in value") << (QByteArray("HTTP/1.1 200 OK\r\nA: 1") + '\0' + "2\r\n\r\n") << -1 << 0 << QByteArray();
    QTest::newRow("bare CR in value") << QByteArray("HTTP/1.1 200 OK\r\nA: 1\r2\r\n\r\n") << -1 << 0 << QByteArray();
    QTest::newRow("fold before any field") << QByteArray("HTTP/1.1 200 OK\r\n folded\r\n\r\n") << -1 << 0 << QByteArray();
    QTest::newRow("obs-text allowed") << QByteArray("HTTP/1.1 200 OK\r\nA: caf\xc3\xa9\r\n\r\n") << 200 << 1 << QByteArray();
}

void TestHeaderEngine::parseHead()
{
    QFETCH(QByteArray, text);
    QFETCH(int, status);
    QFETCH(int, fields);
    QFETCH(QByteArray, body);
    QString error;
    QByteArrayView rest;
    const auto head = HttpResponseHead::parseWithBody(text, &rest, &error);
    if (status < 0) {
        QVERIFY(!head);
        QVERIFY(!error.isEmpty());
        return;
    }
    QVERIFY2(head, qPrintable(error));
    QCOMPARE(head->status, std::optional<int>(status));
    QCOMPARE(head->fields.size(), fields);
    QCOMPARE(rest.toByteArray(), body);
}

void TestHeaderEngine::valueJoinsLikeQt()
{
    const auto head = HttpResponseHead::parse(
        "HTTP/1.1 200 OK\r\nX-RateLimit-Remaining: 4999\r\nx-ratelimit-remaining: 12\r\nA: 1\r\nA: 2\r\n 3\r\n\r\n");
    QVERIFY(head);
    QCOMPARE(head->value("X-RATELIMIT-REMAINING"), std::optional<QByteArray>("4999, 12"));
    QCOMPARE(head->value("a"), std::optional<QByteArray>("1, 2 3"));
    QVERIFY(!head->value("missing"));
    QVERIFY(head->has("x-ratelimit-remaining"));
    QCOMPARE(head->fields.at(0).first, QByteArray("X-RateLimit-Remaining"));
}

void TestHeaderEngine::structuredField_data()
{
    QTest::addColumn<QByteArray>("kind");
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QByteArray>("canonical"); // empty: must fail

    auto l = [](const char *name, const QByteArray &in, const QByteArray &out) {
        QTest::newRow(name) << QByteArray("list") << in << out;
    };
    auto d = [](const char *name, const QByteArray &in, const QByteArray &out) {
        QTest::newRow(name) << QByteArray("dict") << in << out;
    };
    auto i = [](const char *name, const QByteArray &in, const QByteArray &out) {
        QTest::newRow(name) << QByteArray("item") << in << out;
    };
    l("list: -10 policy", "\"burst\";q=100;w=60,\"daily\";q=1000;w=86400", "\"burst\";q=100;w=60, \"daily\";q=1000;w=86400");
    l("list: OWS around commas", "1 ,\t2", "1, 2");
    l("list: leading and trailing SP", "  1, 2  ", "1, 2");
    l("list: empty", "", "");
    l("list: token with colon and slash", "a:b/c", "a:b/c");
    l("list: boolean param", "a;x", "a;x");
    l("list: boolean false param", "a;x=?0", "a;x=?0");
    l("list: repeated param keeps last, first position", "a;x=1;y=2;x=3", "a;x=3;y=2");
    l("list: inner list", "(\"a\" \"b\");q=1, c", "(\"a\" \"b\");q=1, c");
    l("list: empty inner list", "()", "()");
    l("list: byte sequence", ":aGVsbG8=:", ":aGVsbG8=:");
    l("list: decimal", "1.5, -0.25", "1.500, -0.250");
    l("list: negative integer", "-5", "-5");
    l("list: string escapes", "\"a\\\\b\\\"c\"", "\"a\\\\b\\\"c\"");
    l("list: date", "@1659578233", "@1659578233");
    l("list: display string", "%\"f%c3%bc\"", "%\"f%C3%BC\"");
    l("list: star token", "*foo", "*foo");
    l("list: trailing comma fails", "1,", "");
    l("list: double comma fails", "1,,2", "");
    l("list: 16-digit integer fails", "1234567890123456", "");
    l("list: 4 decimal places fail", "1.2345", "");
    l("list: 13-digit decimal fails", "1234567890123.5", "");
    l("list: unterminated string fails", "\"abc", "");
    l("list: bad escape fails", "\"a\\nb\"", "");
    l("list: non-ASCII in string fails", "\"caf\xc3\xa9\"", "");
    l("list: uppercase param key fails", "a;Q=1", "");
    l("list: bad byte sequence fails", ":a*b:", "");
    l("list: bad boolean fails", "?2", "");
    l("list: display string uppercase hex fails", "%\"%C3%BC\"", "");
    l("list: display string invalid UTF-8 fails", "%\"%ff\"", "");
    l("list: tab before item fails", "\t1", "");
    l("list: unclosed inner list fails", "(1 2", "");
    l("list: dangling semicolon fails", "a;", "");
    d("dict: -07 RateLimit", "limit=100, remaining=50, reset=5", "limit=100, remaining=50, reset=5");
    d("dict: boolean member with params", "a;x=1, b=2", "a;x=1, b=2");
    d("dict: duplicate key overwritten in place", "a=1, b=2, a=3", "a=3, b=2");
    d("dict: inner list value", "a=(1 2)", "a=(1 2)");
    // Found by fuzz_structuredfield: replacing a member whose parameters spilled to the heap leaked.
    d("dict: duplicate key replacing many parameters", "a;p1;p2;p3;p4;p5=2, a=1", "a=1");
    d("dict: key must be lower-case", "A=1", "");
    d("dict: missing value fails", "a=", "");
    i("item: integer with params", "5;a=1", "5;a=1");
    i("item: trailing garbage fails", "5 5", "");
}

void TestHeaderEngine::structuredField()
{
    QFETCH(QByteArray, kind);
    QFETCH(QByteArray, input);
    QFETCH(QByteArray, canonical);
    std::optional<QByteArray> got;
    if (kind == "list") {
        if (const auto list = sf::parseList(input)) {
            QByteArray s;
            for (qsizetype k = 0; k < list->size(); ++k)
                s += (k ? ", " : "") + serialize(list->at(k));
            got = s;
        }
    } else if (kind == "dict") {
        if (const auto dict = sf::parseDictionary(input)) {
            QByteArray s;
            for (qsizetype k = 0; k < dict->size(); ++k) {
                const sf::DictMember &m = dict->at(k);
                s += (k ? ", " : "") + m.key.toByteArray();
                const bool bareTrue = !m.member.isInnerList && m.member.item.value.type == sf::BareItem::Type::Boolean
                    && m.member.item.value.integer == 1;
                s += bareTrue ? serialize(m.member.item.params) : '=' + serialize(m.member);
            }
            got = s;
        }
    } else {
        if (const auto item = sf::parseItem(input))
            got = serialize(*item);
    }
    if (canonical.isEmpty() && !(kind == "list" && input.isEmpty())) {
        QVERIFY2(!got, got ? got->constData() : "");
        return;
    }
    QVERIFY(got);
    QCOMPARE(*got, canonical);
}

void TestHeaderEngine::goDuration_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<qint64>("ms"); // -1: rejected
    QTest::newRow("1s") << QByteArray("1s") << qint64(1000);
    QTest::newRow("6m0s") << QByteArray("6m0s") << qint64(360000);
    QTest::newRow("12ms") << QByteArray("12ms") << qint64(12);
    QTest::newRow("1m30.5s") << QByteArray("1m30.5s") << qint64(90500);
    QTest::newRow("1h2m3s") << QByteArray("1h2m3s") << qint64(3723000);
    QTest::newRow("2m1ms") << QByteArray("2m1ms") << qint64(120001);
    QTest::newRow("1.5h") << QByteArray("1.5h") << qint64(5400000);
    QTest::newRow("500us rounds up") << QByteArray("500us") << qint64(1);
    QTest::newRow("2000us") << QByteArray("2000us") << qint64(2);
    QTest::newRow("micro sign") << QByteArray("1000\xc2\xb5s") << qint64(1);
    QTest::newRow("greek mu") << QByteArray("1000\xce\xbcs") << qint64(1);
    QTest::newRow("ns") << QByteArray("1000000ns") << qint64(1);
    QTest::newRow("lone zero") << QByteArray("0") << qint64(0);
    QTest::newRow("0s") << QByteArray("0s") << qint64(0);
    QTest::newRow("OWS") << QByteArray(" 1s ") << qint64(1000);
    QTest::newRow("empty") << QByteArray("") << qint64(-1);
    QTest::newRow("no unit") << QByteArray("5") << qint64(-1);
    QTest::newRow("unknown unit") << QByteArray("5d") << qint64(-1);
    QTest::newRow("negative") << QByteArray("-1s") << qint64(-1);
    QTest::newRow("plus") << QByteArray("+1s") << qint64(-1);
    QTest::newRow("dot without digits") << QByteArray("1.s") << qint64(-1);
    QTest::newRow("leading dot") << QByteArray(".5s") << qint64(-1);
    QTest::newRow("upper-case unit") << QByteArray("1S") << qint64(-1);
    QTest::newRow("space inside") << QByteArray("1m 2s") << qint64(-1);
    QTest::newRow("overflow") << QByteArray("99999999999999999999h") << qint64(-1);
    QTest::newRow("beyond year 9999") << QByteArray("999999999h") << qint64(-1);
}

void TestHeaderEngine::goDuration()
{
    QFETCH(QByteArray, input);
    QFETCH(qint64, ms);
    const auto got = HeaderValues::goDurationMs(input);
    QCOMPARE(got.value_or(-1), ms);
}

void TestHeaderEngine::httpDate_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QByteArray>("iso"); // empty: rejected
    QTest::newRow("IMF-fixdate") << QByteArray("Sun, 06 Nov 1994 08:49:37 GMT") << QByteArray("1994-11-06T08:49:37Z");
    QTest::newRow("rfc850") << QByteArray("Sunday, 06-Nov-94 08:49:37 GMT") << QByteArray("1994-11-06T08:49:37Z");
    QTest::newRow("asctime") << QByteArray("Sun Nov  6 08:49:37 1994") << QByteArray("1994-11-06T08:49:37Z");
    QTest::newRow("asctime two-digit day") << QByteArray("Sun Nov 16 08:49:37 1994") << QByteArray("1994-11-16T08:49:37Z");
    QTest::newRow("RFC 9110 Retry-After example") << QByteArray("Fri, 31 Dec 1999 23:59:59 GMT") << QByteArray("1999-12-31T23:59:59Z");
    QTest::newRow("rfc850 recent year") << QByteArray("Monday, 23-Nov-26 12:00:00 GMT") << QByteArray("2026-11-23T12:00:00Z");
    QTest::newRow("rfc850 far future year is the past") << QByteArray("Tuesday, 23-Nov-99 12:00:00 GMT") << QByteArray("1999-11-23T12:00:00Z");
    QTest::newRow("leap day") << QByteArray("Thu, 29 Feb 2024 00:00:00 GMT") << QByteArray("2024-02-29T00:00:00Z");
    QTest::newRow("not a leap day") << QByteArray("Thu, 29 Feb 2023 00:00:00 GMT") << QByteArray();
    QTest::newRow("lower-case month") << QByteArray("Sun, 06 nov 1994 08:49:37 GMT") << QByteArray("1994-11-06T08:49:37Z");
    QTest::newRow("one-digit day IMF") << QByteArray("Sun, 6 Nov 1994 08:49:37 GMT") << QByteArray();
    QTest::newRow("UTC instead of GMT") << QByteArray("Sun, 06 Nov 1994 08:49:37 UTC") << QByteArray();
    QTest::newRow("hour 24") << QByteArray("Sun, 06 Nov 1994 24:00:00 GMT") << QByteArray();
    QTest::newRow("bad month") << QByteArray("Sun, 06 Foo 1994 08:49:37 GMT") << QByteArray();
    QTest::newRow("trailing junk") << QByteArray("Sun, 06 Nov 1994 08:49:37 GMTx") << QByteArray();
    QTest::newRow("ISO is not an HTTP-date") << QByteArray("1994-11-06T08:49:37Z") << QByteArray();
    QTest::newRow("empty") << QByteArray() << QByteArray();
}

void TestHeaderEngine::httpDate()
{
    QFETCH(QByteArray, input);
    QFETCH(QByteArray, iso);
    const auto got = HeaderValues::httpDateMs(input, utc(kNow).toMSecsSinceEpoch());
    if (iso.isEmpty()) {
        QVERIFY(!got);
        return;
    }
    QVERIFY(got);
    QCOMPARE(isoUtc(QDateTime::fromMSecsSinceEpoch(*got, Qt::UTC)), QString::fromLatin1(iso));
}

void TestHeaderEngine::rfc3339_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QByteArray>("iso");
    QTest::newRow("Z") << QByteArray("2026-08-31T22:32:49Z") << QByteArray("2026-08-31T22:32:49Z");
    QTest::newRow("fraction") << QByteArray("2026-08-31T22:32:49.25Z") << QByteArray("2026-08-31T22:32:49.250Z");
    QTest::newRow("long fraction rounds up") << QByteArray("2026-08-31T22:32:49.1234Z") << QByteArray("2026-08-31T22:32:49.124Z");
    QTest::newRow("offset") << QByteArray("2026-09-01T00:32:49+02:00") << QByteArray("2026-08-31T22:32:49Z");
    QTest::newRow("negative offset") << QByteArray("2026-08-31T20:32:49-02:00") << QByteArray("2026-08-31T22:32:49Z");
    QTest::newRow("offset without colon") << QByteArray("2026-08-31T22:32:49+0000") << QByteArray("2026-08-31T22:32:49Z");
    QTest::newRow("space separator") << QByteArray("2026-08-31 22:32:49Z") << QByteArray("2026-08-31T22:32:49Z");
    QTest::newRow("Jira minute precision") << QByteArray("2026-03-26T16:00Z") << QByteArray("2026-03-26T16:00:00Z");
    QTest::newRow("no zone") << QByteArray("2026-08-31T22:32:49") << QByteArray();
    QTest::newRow("date only") << QByteArray("2026-08-31") << QByteArray();
    QTest::newRow("month 13") << QByteArray("2026-13-01T00:00:00Z") << QByteArray();
    QTest::newRow("year 10000") << QByteArray("10000-01-01T00:00:00Z") << QByteArray();
    QTest::newRow("before 1970") << QByteArray("1969-12-31T23:59:59Z") << QByteArray();
}

void TestHeaderEngine::rfc3339()
{
    QFETCH(QByteArray, input);
    QFETCH(QByteArray, iso);
    const auto got = HeaderValues::rfc3339Ms(input);
    if (iso.isEmpty()) {
        QVERIFY(!got);
        return;
    }
    QVERIFY(got);
    QCOMPARE(isoUtc(QDateTime::fromMSecsSinceEpoch(*got, Qt::UTC)), QString::fromLatin1(iso));
}

void TestHeaderEngine::strictInt_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<qint64>("value");
    QTest::newRow("plain") << QByteArray("4999") << true << qint64(4999);
    QTest::newRow("OWS") << QByteArray(" 4999 ") << true << qint64(4999);
    QTest::newRow("tab") << QByteArray("\t42") << true << qint64(42);
    QTest::newRow("leading zeros") << QByteArray("007") << true << qint64(7);
    QTest::newRow("int64 max") << QByteArray("9223372036854775807") << true << std::numeric_limits<qint64>::max();
    QTest::newRow("plus") << QByteArray("+3") << false << qint64(0);
    QTest::newRow("minus") << QByteArray("-1") << false << qint64(0);
    QTest::newRow("junk") << QByteArray("5000abc") << false << qint64(0);
    QTest::newRow("empty") << QByteArray("") << false << qint64(0);
    QTest::newRow("spaces only") << QByteArray("   ") << false << qint64(0);
    QTest::newRow("overflow") << QByteArray("99999999999999999999") << false << qint64(0);
    QTest::newRow("int64 max + 1") << QByteArray("9223372036854775808") << false << qint64(0);
    QTest::newRow("inner space") << QByteArray("1 000") << false << qint64(0);
    QTest::newRow("hex") << QByteArray("0x1F") << false << qint64(0);
}

void TestHeaderEngine::strictInt()
{
    QFETCH(QByteArray, input);
    QFETCH(bool, ok);
    QFETCH(qint64, value);
    const auto got = HeaderValues::strictInt(input);
    QCOMPARE(got.has_value(), ok);
    if (ok)
        QCOMPARE(*got, value);
}

void TestHeaderEngine::equalsCI_data()
{
    QTest::addColumn<QByteArray>("a");
    QTest::addColumn<QByteArray>("b");
    QTest::addColumn<bool>("equal");
    QTest::newRow("same") << QByteArray("x-ratelimit-remaining") << QByteArray("x-ratelimit-remaining") << true;
    QTest::newRow("case in every word") << QByteArray("X-RateLimit-Remaining") << QByteArray("x-rATElIMIT-rEMAINING")
                                        << true;
    QTest::newRow("short") << QByteArray("Age") << QByteArray("aGE") << true;
    QTest::newRow("empty") << QByteArray() << QByteArray() << true;
    QTest::newRow("length differs") << QByteArray("x-ratelimit-limit") << QByteArray("x-ratelimit-limits") << false;
    QTest::newRow("last byte differs") << QByteArray("x-ratelimit-limit") << QByteArray("x-ratelimit-limiu") << false;
    // Bit 5 folds letters only: '^' and '~', '@' and '`', '-' and CR differ by it too.
    QTest::newRow("^ is not ~ (in a word)") << QByteArray("abcdefg^") << QByteArray("abcdefg~") << false;
    QTest::newRow("^ is not ~ (in the tail)") << QByteArray("abc^") << QByteArray("abc~") << false;
    QTest::newRow("@ is not `") << QByteArray("abcdefgh@") << QByteArray("abcdefgh`") << false;
    QTest::newRow("- is not CR") << QByteArray("abcdefg-") << QByteArray("abcdefg\r") << false;
    QTest::newRow("[ is not {") << QByteArray("[abcdefgh") << QByteArray("{abcdefgh") << false;
    QTest::newRow("non-ASCII never folds") << QByteArray("abcdefg\xc1") << QByteArray("abcdefg\xe1") << false;
}

void TestHeaderEngine::equalsCI()
{
    QFETCH(QByteArray, a);
    QFETCH(QByteArray, b);
    QFETCH(bool, equal);
    QCOMPARE(HeaderValues::equalsCI(a, b), equal);
    QCOMPARE(HeaderValues::equalsCI(b, a), equal);
}

QTEST_APPLESS_MAIN(TestHeaderEngine)
#include "tst_headerengine.moc"
