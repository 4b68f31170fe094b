#include "githubreader.h"

#include <QJsonDocument>
#include <QJsonObject>

using namespace HeaderValues;

namespace {

constexpr Family kHeaders{
    .limit = "x-ratelimit-limit",
    .remaining = "x-ratelimit-remaining",
    .used = "x-ratelimit-used",
    .reset = "x-ratelimit-reset",
    .resetParser = ResetFormat::epochS,
    .resource = "x-ratelimit-resource",
    // GitHub: at remaining 0 (403, 429, or GraphQL's 200) wait until x-ratelimit-reset.
    .refusalWait = RefusalWait::WhenExhausted,
};

void readBody(HeaderReader &r)
{
    if (r.body().isEmpty())
        return;
    // GHES answers GET /rate_limit with 404 {"message": "Rate limiting is not enabled."}.
    if (r.bodyContains("Rate limiting is not enabled")) {
        r.out().rateLimitingDisabled = true;
        r.warn(ReaderText::tr("rate limiting is not enabled on this server"));
        return;
    }
    const QByteArrayView trimmedBody = trimmed(r.body());
    if (trimmedBody.isEmpty() || trimmedBody.front() != '{')
        return;
    const QJsonDocument doc = QJsonDocument::fromJson(QByteArray::fromRawData(r.body().data(), r.body().size()));
    const QJsonObject resources = doc.object().value(QStringLiteral("resources")).toObject();
    for (auto it = resources.begin(); it != resources.end(); ++it) {
        // A resource that is not an object carries no counts; reading it as an empty object
        // would show a quota that does not exist, with every value unknown.
        if (!it.value().isObject()) {
            r.warn(ReaderText::tr("rate_limit body: resources.%1 is not an object; ignored")
                       .arg(it.key()));
            continue;
        }
        const QJsonObject o = it.value().toObject();
        Quota q;
        q.resource = it.key();
        auto count = [&](const QString &key) -> std::optional<qint64> {
            const QJsonValue v = o.value(key);
            if (v.isUndefined() || v.isNull())
                return std::nullopt;
            const double d = v.toDouble(-1);
            const qint64 i = v.toInteger(-1);
            if (!v.isDouble() || i < 0 || double(i) != d) {
                r.warn(ReaderText::tr("rate_limit body: resources.%1.%2 is not a count; ignored")
                           .arg(it.key(), key));
                return std::nullopt;
            }
            return i;
        };
        q.limit = count(QStringLiteral("limit"));
        q.remaining = count(QStringLiteral("remaining"));
        q.used = count(QStringLiteral("used"));
        if (const auto reset = count(QStringLiteral("reset"))) {
            if (*reset <= kMaxEpochMs / 1000)
                q.resetAt = HeaderReader::fromMs(*reset * 1000);
        }
        // The headers of the same response describe one of these resources; merge rather than repeat.
        bool merged = false;
        for (Quota &existing : r.out().quotas) {
            if (existing.resource == q.resource) {
                if (!existing.limit) existing.limit = q.limit;
                if (!existing.remaining) existing.remaining = q.remaining;
                if (!existing.used) existing.used = q.used;
                if (!existing.resetAt) existing.resetAt = q.resetAt;
                merged = true;
                break;
            }
        }
        if (!merged)
            r.add(std::move(q));
    }
}

} // namespace

void GitHubReader::readTokenExpiration(HeaderReader &r)
{
    // `GitHub-Authentication-Token-Expiration: 2026-12-01 10:00:00 UTC` (or a numeric offset).
    const auto ms = r.single<qint64>("GitHub-Authentication-Token-Expiration", [](QByteArrayView v) -> std::optional<qint64> {
        v = trimmed(v);
        QByteArray iso;
        if (v.endsWith(" UTC"))
            iso = v.first(v.size() - 4).toByteArray() + 'Z';
        else if (v.size() > 6 && v[v.size() - 6] == ' ' && (v[v.size() - 5] == '+' || v[v.size() - 5] == '-'))
            iso = v.first(v.size() - 6).toByteArray() + v.last(5).toByteArray();
        else
            iso = v.toByteArray();
        return rfc3339Ms(iso);
    });
    if (ms)
        r.out().tokenExpiresAt = HeaderReader::fromMs(*ms);
}

void GitHubReader::read(HeaderReader &r)
{
    readTokenExpiration(r);
    r.addFamily(kHeaders);
    readBody(r);
}
