// libFuzzer target: any bytes as the body of GitHub's GET /rate_limit, read by the GitHub preset.
//
// The head is fixed and real (200, the core family in x-ratelimit-*), so the body's resources
// are also merged with a header quota. Properties checked beyond "no crash":
// - every quota the body adds is a non-negative count, with used <= limit when derived;
// - every reset instant lies in [1970, 9999-12-31T23:59:59.999Z];
// - resources are not repeated: the body and the headers describe one quota once;
// - a resource the body names is a quota exactly when it is an object;
// - the reading survives QuotaReading::toJson() / fromJson() unchanged (what `inspect` prints
//   and the history stores).
#include "quota/headerengine.h"
#include "quota/headervalues.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

namespace {

[[noreturn]] void fail(const char *what, const QString &detail = {})
{
    std::fprintf(stderr, "fuzz_ratelimitjson: %s %s\n", what, qPrintable(detail));
    std::abort();
}

const HttpResponseHead &head()
{
    static const HttpResponseHead h = *HttpResponseHead::parse("HTTP/1.1 200 OK\r\n"
                                                               "Content-Type: application/json; charset=utf-8\r\n"
                                                               "x-ratelimit-limit: 5000\r\n"
                                                               "x-ratelimit-remaining: 4999\r\n"
                                                               "x-ratelimit-reset: 1795438800\r\n"
                                                               "x-ratelimit-used: 1\r\n"
                                                               "x-ratelimit-resource: core\r\n"
                                                               "\r\n");
    return h;
}

void checkCount(const std::optional<qint64> &v, const Quota &q, const char *what)
{
    if (v && *v < 0)
        fail(what, q.resource);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const Preset *github = Preset::find(QStringLiteral("github"));
    static const QDateTime now = QDateTime::fromMSecsSinceEpoch(1795435200000, Qt::UTC);
    const QByteArray body(reinterpret_cast<const char *>(data), qsizetype(size));
    const QuotaReading reading = HeaderEngine::read(*github, head(), now, body);

    QSet<QString> seen;
    for (const Quota &q : reading.quotas) {
        checkCount(q.limit, q, "negative limit for");
        checkCount(q.remaining, q, "negative remaining for");
        checkCount(q.used, q, "negative used for");
        if (q.resetAt) {
            const qint64 ms = q.resetAt->toMSecsSinceEpoch();
            if (!q.resetAt->isValid() || ms < 0 || ms > HeaderValues::kMaxEpochMs)
                fail("reset out of range for", q.resource);
        }
        if (seen.contains(q.resource))
            fail("resource reported twice:", q.resource);
        seen.insert(q.resource);
    }

    // Only a body that is a JSON object with an object "resources" yields body quotas.
    if (!reading.rateLimitingDisabled) {
        QJsonParseError error;
        const QJsonDocument doc = QJsonDocument::fromJson(body, &error);
        const QJsonObject resources = doc.object().value(QStringLiteral("resources")).toObject();
        for (auto it = resources.begin(); it != resources.end(); ++it) {
            if (it.value().isObject() && !seen.contains(it.key()))
                fail("a resource object in the body is not a quota:", it.key());
        }
        for (const QString &r : seen) {
            if (r != u"core" && !resources.value(r).isObject())
                fail("a quota the body did not describe as an object:", r);
        }
    }

    const QuotaReading back = QuotaReading::fromJson(reading.toJson());
    if (back.quotas != reading.quotas)
        fail("quotas changed through toJson/fromJson");
    if (back.throttled != reading.throttled || back.status != reading.status || back.warnings != reading.warnings)
        fail("reading changed through toJson/fromJson");
    return 0;
}
