#include "headerengine.h"

#include "headervalues.h"
#include "structuredfield.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>
#include <QVarLengthArray>

#include <cmath>
#include <span>

using namespace HeaderValues;

namespace {

// PROVIDERS.md asks to clamp absurd Retry-After values; GitLab legitimately sends 86,400, so
// the cap leaves room for a week.
constexpr double kMaxRetryAfterS = 7 * 86400;
// Warnings quote the rejected value, but never a whole hostile megabyte.
constexpr qsizetype kExcerpt = 40;

// The context lupdate gives these strings: the class whose methods call tr().
QString tr(const char *text)
{
    return QCoreApplication::translate("Reader", text);
}

QString excerpt(QByteArrayView v)
{
    if (v.size() <= kExcerpt)
        return QString::fromLatin1(v);
    return QString::fromLatin1(v.first(kExcerpt)) + QStringLiteral("…");
}

QString nameOf(QByteArrayView name)
{
    return QString::fromLatin1(name);
}

// Resource names that arrive lower-case keep their spelling; header-name suffixes are folded.
QString lowerName(QByteArrayView v)
{
    return QString::fromLatin1(v).toLower();
}

// Resource and unit names that recur on every response are shared, not allocated each time
// (a QStringLiteral copy costs nothing).
QString internedName(QByteArrayView v)
{
    static const QString names[] = {
        QStringLiteral("requests"),         QStringLiteral("tokens"),          QStringLiteral("input-tokens"),
        QStringLiteral("output-tokens"),    QStringLiteral("tokens_usage_based"), QStringLiteral("rate-limit"),
        QStringLiteral("ratelimit"),        QStringLiteral("app-limit-24hour"), QStringLiteral("user-limit-24hour"),
        QStringLiteral("global"),           QStringLiteral("route"),           QStringLiteral("core"),
        QStringLiteral("search"),           QStringLiteral("graphql"),         QStringLiteral("code_search"),
        QStringLiteral("default"),
    };
    for (const QString &n : names) {
        if (n.size() == v.size() && QLatin1String(v) == n)
            return n;
    }
    return QString::fromLatin1(v);
}

using ResetParser = std::optional<qint64> (*)(QByteArrayView v, qint64 nowMs);

std::optional<qint64> boundedAdd(qint64 nowMs, std::optional<qint64> deltaMs)
{
    if (!deltaMs || *deltaMs > kMaxEpochMs - nowMs)
        return std::nullopt;
    return nowMs + *deltaMs;
}

std::optional<qint64> resetEpochS(QByteArrayView v, qint64)
{
    const auto ms = decimalToMs(v);
    if (!ms || *ms > kMaxEpochMs)
        return std::nullopt;
    return ms;
}

std::optional<qint64> resetEpochMs(QByteArrayView v, qint64)
{
    const auto ms = strictInt(v);
    if (!ms || *ms > kMaxEpochMs)
        return std::nullopt;
    return ms;
}

std::optional<qint64> resetDeltaS(QByteArrayView v, qint64 nowMs)
{
    return boundedAdd(nowMs, decimalToMs(v));
}

std::optional<qint64> resetDuration(QByteArrayView v, qint64 nowMs)
{
    return boundedAdd(nowMs, goDurationMs(v));
}

std::optional<qint64> resetRfc3339(QByteArrayView v, qint64)
{
    return rfc3339Ms(v);
}

std::optional<qint64> resetHttpDate(QByteArrayView v, qint64 nowMs)
{
    return httpDateMs(v, nowMs);
}

// PROVIDERS.md "Generic reset heuristic": magnitude decides; non-numeric values are tried as an
// HTTP-date, then RFC 3339 (and, unambiguous as they are, Go durations last).
std::optional<qint64> resetGeneric(QByteArrayView v, qint64 nowMs)
{
    const QByteArrayView t = trimmed(v);
    if (strictDouble(t)) {
        const qsizetype dot = t.indexOf('.');
        const auto whole = strictInt(dot < 0 ? t : t.first(dot));
        if (!whole)
            return std::nullopt; // digits beyond int64
        if (*whole >= 1'000'000'000'000LL) {
            // Epoch milliseconds; a fraction of a millisecond rounds up.
            const bool fraction = dot >= 0 && t.sliced(dot + 1).count('0') != t.size() - dot - 1;
            const qint64 ms = *whole + (fraction ? 1 : 0);
            return ms <= kMaxEpochMs ? std::optional<qint64>(ms) : std::nullopt;
        }
        const auto ms = decimalToMs(t);
        if (!ms)
            return std::nullopt;
        if (*whole < 1'000'000'000LL)
            return boundedAdd(nowMs, ms);
        return *ms <= kMaxEpochMs ? std::optional<qint64>(*ms) : std::nullopt;
    }
    if (t.isEmpty() || (t.front() >= '0' && t.front() <= '9' && t.size() < 4))
        return std::nullopt;
    if (const auto d = httpDateMs(t, nowMs))
        return d;
    if (const auto d = rfc3339Ms(t))
        return d;
    return boundedAdd(nowMs, goDurationMs(t));
}

QDateTime fromMs(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC);
}

// Which header names make up one quota: a "family" (PROVIDERS.md's per-provider tables).
struct Family
{
    QByteArrayView limit;
    QByteArrayView remaining;
    QByteArrayView used;
    QByteArrayView reset;
    ResetParser resetParser = nullptr;
    QByteArrayView resetAfter;    // a delta in seconds preferred over `reset` (Discord)
    QByteArrayView resource;      // header naming the resource
    QByteArrayView resource2;     // fallback header naming it
    QByteArrayView nearLimit;
    QByteArrayView fixedResource; // when no header names it
    QByteArrayView unit = "requests";
};

struct Dimension
{
    QByteArrayView resource;
    QByteArrayView limit;
    QByteArrayView remaining;
    QByteArrayView reset;
    QByteArrayView unit;
};

constexpr Dimension kOpenAi[] = {
    {"requests", "x-ratelimit-limit-requests", "x-ratelimit-remaining-requests", "x-ratelimit-reset-requests", "requests"},
    {"tokens", "x-ratelimit-limit-tokens", "x-ratelimit-remaining-tokens", "x-ratelimit-reset-tokens", "tokens"},
    {"input-tokens", "x-ratelimit-limit-input-tokens", "x-ratelimit-remaining-input-tokens",
     "x-ratelimit-reset-input-tokens", "tokens"},
    {"output-tokens", "x-ratelimit-limit-output-tokens", "x-ratelimit-remaining-output-tokens",
     "x-ratelimit-reset-output-tokens", "tokens"},
    {"tokens_usage_based", "x-ratelimit-limit-tokens_usage_based", "x-ratelimit-remaining-tokens_usage_based",
     "x-ratelimit-reset-tokens_usage_based", "tokens"},
};

constexpr Dimension kAnthropic[] = {
    {"requests", "anthropic-ratelimit-requests-limit", "anthropic-ratelimit-requests-remaining",
     "anthropic-ratelimit-requests-reset", "requests"},
    {"tokens", "anthropic-ratelimit-tokens-limit", "anthropic-ratelimit-tokens-remaining",
     "anthropic-ratelimit-tokens-reset", "tokens"},
    {"input-tokens", "anthropic-ratelimit-input-tokens-limit", "anthropic-ratelimit-input-tokens-remaining",
     "anthropic-ratelimit-input-tokens-reset", "tokens"},
    {"output-tokens", "anthropic-ratelimit-output-tokens-limit", "anthropic-ratelimit-output-tokens-remaining",
     "anthropic-ratelimit-output-tokens-reset", "tokens"},
};


class Reader
{
public:
    Reader(const Preset &preset, const HttpResponseHead &head, const QDateTime &now, QByteArrayView body,
           QuotaReading &out)
        : m_head(head), m_now(now.isValid() ? now.toMSecsSinceEpoch() : 0), m_body(body), m_out(out),
          m_dialect(preset.dialect)
    {
    }

    void run();

private:
    struct Lines
    {
        QVarLengthArray<QByteArrayView, 4> v;
        bool present() const { return !v.isEmpty(); }
    };

    Lines lines(QByteArrayView name) const
    {
        Lines l;
        for (const auto &f : m_head.fields) {
            if (equalsCI(f.first, name))
                l.v.append(QByteArrayView(f.second));
        }
        return l;
    }
    bool has(QByteArrayView name) const
    {
        for (const auto &f : m_head.fields) {
            if (equalsCI(f.first, name))
                return true;
        }
        return false;
    }
    bool hasPrefix(QByteArrayView prefix) const
    {
        for (const auto &f : m_head.fields) {
            if (startsWithCI(f.first, prefix))
                return true;
        }
        return false;
    }
    // A list-valued field: repeated lines concatenated with ", " (RFC 9110 §5.3).
    QByteArray joined(const Lines &l) const
    {
        if (l.v.size() == 1)
            return QByteArray::fromRawData(l.v.front().data(), l.v.front().size());
        QByteArray out;
        for (qsizetype i = 0; i < l.v.size(); ++i) {
            if (i)
                out += ", ";
            out += l.v[i];
        }
        return out;
    }

    void warn(const QString &w) { m_out.warnings.append(w); }
    // An SF Integer of seconds from now; beyond year 9999 it is not a time Headroom can show.
    std::optional<QDateTime> deltaReset(qint64 seconds, QByteArrayView field)
    {
        if (const auto ms = boundedAdd(m_now, seconds * 1000))
            return fromMs(*ms);
        warn(tr("%1: reset %2 s is out of range; ignored").arg(nameOf(field)).arg(seconds));
        return std::nullopt;
    }
    void warnInvalid(QByteArrayView name, QByteArrayView value)
    {
        warn(tr("%1: ignored invalid value \"%2\"").arg(nameOf(name), excerpt(value)));
    }

    // A singleton field. Repeated lines, or a line an intermediary joined with commas, are
    // accepted only when every member parses to the same value. A member may itself contain one
    // comma (an HTTP-date), so a failed member is retried together with the next one.
    template<typename T, typename Parse>
    std::optional<T> single(QByteArrayView name, Parse parse)
    {
        std::optional<T> value;
        for (const auto &field : m_head.fields) {
            if (!equalsCI(field.first, name))
                continue;
            m_found = true;
            const QByteArrayView line(field.second);
            const char *p = line.data();
            const char *end = p + line.size();
            do {
                const char *comma = static_cast<const char *>(memchr(p, ',', size_t(end - p)));
                const char *memberEnd = comma ? comma : end;
                std::optional<T> parsed = parse(QByteArrayView(p, memberEnd - p));
                if (!parsed && comma) {
                    const char *comma2 = static_cast<const char *>(memchr(comma + 1, ',', size_t(end - comma - 1)));
                    const char *end2 = comma2 ? comma2 : end;
                    parsed = parse(QByteArrayView(p, end2 - p));
                    if (parsed)
                        memberEnd = end2;
                }
                if (!parsed) {
                    warnInvalid(name, line);
                    return std::nullopt;
                }
                if (value && !(*value == *parsed)) {
                    warn(tr("%1: repeated with different values; ignored").arg(nameOf(name)));
                    return std::nullopt;
                }
                value = std::move(parsed);
                p = memberEnd < end ? memberEnd + 1 : end;
            } while (p < end);
        }
        return value;
    }

    std::optional<qint64> intField(QByteArrayView name)
    {
        return single<qint64>(name, [](QByteArrayView v) { return strictInt(v); });
    }
    std::optional<qint64> timeField(QByteArrayView name, ResetParser parser)
    {
        const qint64 now = m_now;
        return single<qint64>(name, [parser, now](QByteArrayView v) { return parser(v, now); });
    }
    std::optional<QByteArrayView> tokenField(QByteArrayView name)
    {
        return single<QByteArrayView>(name, [](QByteArrayView v) -> std::optional<QByteArrayView> {
            const QByteArrayView t = stripQuotes(trimmed(v));
            if (t.isEmpty())
                return std::nullopt;
            return t;
        });
    }
    std::optional<bool> boolField(QByteArrayView name)
    {
        return single<bool>(name, [](QByteArrayView v) -> std::optional<bool> {
            const QByteArrayView t = trimmed(v);
            if (equalsCI(t, "true"))
                return true;
            if (equalsCI(t, "false"))
                return false;
            return std::nullopt;
        });
    }

    // Reads one family into a quota; returns false when none of its count or time fields is present.
    bool readFamily(const Family &f, Quota &q)
    {
        // Presence is learnt from the lookups themselves rather than from a separate scan.
        m_found = false;
        if (!f.limit.isEmpty())
            q.limit = intField(f.limit);
        if (!f.remaining.isEmpty())
            q.remaining = intField(f.remaining);
        if (!f.used.isEmpty())
            q.used = intField(f.used);
        std::optional<qint64> resetMs;
        if (!f.resetAfter.isEmpty())
            resetMs = timeField(f.resetAfter, resetDeltaS);
        if (!resetMs && !f.reset.isEmpty())
            resetMs = timeField(f.reset, f.resetParser);
        if (!m_found)
            return false;
        if (resetMs)
            q.resetAt = fromMs(*resetMs);
        if (!f.resource.isEmpty()) {
            auto r = tokenField(f.resource);
            if (!r && !f.resource2.isEmpty())
                r = tokenField(f.resource2);
            if (r)
                q.resource = internedName(*r);
        }
        if (q.resource.isEmpty() && !f.fixedResource.isEmpty())
            q.resource = internedName(f.fixedResource);
        if (!f.nearLimit.isEmpty())
            q.nearLimit = boolField(f.nearLimit);
        if (f.unit != "requests")
            q.unit = internedName(f.unit);
        return true;
    }

    void addFamily(const Family &f)
    {
        Quota q;
        if (readFamily(f, q))
            add(std::move(q));
    }

    void add(Quota &&q)
    {
        // PROVIDERS.md: derive only when both operands are valid; a negative result would be a
        // guess, so inconsistent values stay as sent.
        if (!q.used && q.limit && q.remaining && *q.remaining <= *q.limit)
            q.used = *q.limit - *q.remaining;
        if (!q.remaining && q.limit && q.used && *q.used <= *q.limit)
            q.remaining = *q.limit - *q.used;
        m_out.quotas.append(std::move(q));
    }

    struct NumPolicy
    {
        qint64 value;
        std::optional<qint64> w;
        bool used = false;
    };
    using NumPolicies = QVarLengthArray<NumPolicy, 4>;
    static void appendNumeric(const sf::List &list, qsizetype from, NumPolicies &out)
    {
        for (qsizetype i = from; i < list.size(); ++i) {
            const sf::Member &m = list[i];
            if (m.isInnerList || !m.item.value.isInteger())
                continue;
            NumPolicy p{m.item.value.integer, std::nullopt};
            if (const sf::BareItem *w = m.item.param("w"))
                p.w = w->integer;
            out.append(p);
        }
    }
    void addWithNumericPolicies(Quota &&q, const sf::List *policyField, NumPolicies pols);

    void readRetryAfter();
    void readGitHub();
    void readTokenExpiration();
    void readGitHubBody();
    void readGitLab();
    void readAtlassianBeta();
    void readIetf(QByteArrayView rlName, QByteArrayView policyName, bool separateFields);
    void readIetfSeparate(const sf::List *policies);
    bool m_generic = false;
    void readShopify();
    // OpenAI and Anthropic: one quota per dimension (requests, tokens, ...), each with its unit.
    void readDimensions(QByteArrayView prefix, std::span<const Dimension> table, ResetParser resetParser);
    void readAzure();
    // Calls fn once per distinct header name (compared case-insensitively) that starts with
    // prefix and is longer than it: vendor families where the name carries the resource.
    template<typename Fn>
    void forEachNameWithPrefix(QByteArrayView prefix, Fn fn) const
    {
        QVarLengthArray<QByteArrayView, 8> done;
        for (const auto &field : m_head.fields) {
            const QByteArrayView name = field.first;
            if (!startsWithCI(name, prefix) || name.size() == prefix.size())
                continue;
            bool seen = false;
            for (QByteArrayView d : done)
                seen = seen || equalsCI(d, name);
            if (seen)
                continue;
            done.append(name);
            fn(name);
        }
    }
    void readZendeskVendor();
    void readXFamilies(bool base);
    void readLaunchDarkly();
    void readGeneric();
    void classify();

    bool bodyContains(QByteArrayView needle) const
    {
        return !m_body.isEmpty() && QByteArrayView(m_body).indexOf(needle) >= 0;
    }

    const HttpResponseHead &m_head;
    const qint64 m_now;
    const QByteArrayView m_body;
    QuotaReading &m_out;
    const HeaderDialect m_dialect;
    bool m_found = false; // set by single() when a looked-up field exists
};

void Reader::readRetryAfter()
{
    const qint64 now = m_now;
    const auto v = single<double>("Retry-After", [now](QByteArrayView v) -> std::optional<double> {
        if (const auto d = strictDouble(v))
            return d;
        if (const auto ms = httpDateMs(v, now))
            return *ms > now ? double(*ms - now) / 1000.0 : 0.0;
        return std::nullopt;
    });
    if (!v)
        return;
    if (*v > kMaxRetryAfterS) {
        warn(tr("Retry-After: %1 s clamped to %2 s").arg(*v).arg(kMaxRetryAfterS));
        m_out.retryAfterS = kMaxRetryAfterS;
    } else {
        m_out.retryAfterS = *v;
    }
}

void Reader::readTokenExpiration()
{
    // `GitHub-Authentication-Token-Expiration: 2026-12-01 10:00:00 UTC` (or a numeric offset).
    static constexpr QByteArrayView kName = "GitHub-Authentication-Token-Expiration";
    const auto ms = single<qint64>(kName, [](QByteArrayView v) -> std::optional<qint64> {
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
        m_out.tokenExpiresAt = fromMs(*ms);
}

void Reader::readGitHub()
{
    readTokenExpiration();
    Family f;
    f.limit = "x-ratelimit-limit";
    f.remaining = "x-ratelimit-remaining";
    f.used = "x-ratelimit-used";
    f.reset = "x-ratelimit-reset";
    f.resetParser = resetEpochS;
    f.resource = "x-ratelimit-resource";
    addFamily(f);
    readGitHubBody();
}

void Reader::readGitHubBody()
{
    if (m_body.isEmpty())
        return;
    // GHES answers GET /rate_limit with 404 {"message": "Rate limiting is not enabled."}.
    if (bodyContains("Rate limiting is not enabled")) {
        m_out.rateLimitingDisabled = true;
        warn(tr("rate limiting is not enabled on this server"));
        return;
    }
    const QByteArrayView trimmedBody = trimmed(m_body);
    if (trimmedBody.isEmpty() || trimmedBody.front() != '{')
        return;
    const QJsonDocument doc = QJsonDocument::fromJson(QByteArray::fromRawData(m_body.data(), m_body.size()));
    const QJsonObject resources = doc.object().value(QStringLiteral("resources")).toObject();
    for (auto it = resources.begin(); it != resources.end(); ++it) {
        // A resource that is not an object carries no counts; reading it as an empty object
        // would show a quota that does not exist, with every value unknown.
        if (!it.value().isObject()) {
            warn(tr("rate_limit body: resources.%1 is not an object; ignored").arg(it.key()));
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
                warn(tr("rate_limit body: resources.%1.%2 is not a count; ignored").arg(it.key(), key));
                return std::nullopt;
            }
            return i;
        };
        q.limit = count(QStringLiteral("limit"));
        q.remaining = count(QStringLiteral("remaining"));
        q.used = count(QStringLiteral("used"));
        if (const auto reset = count(QStringLiteral("reset"))) {
            if (*reset <= kMaxEpochMs / 1000)
                q.resetAt = fromMs(*reset * 1000);
        }
        // The headers of the same response describe one of these resources; merge rather than repeat.
        bool merged = false;
        for (Quota &existing : m_out.quotas) {
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
            add(std::move(q));
    }
}

void Reader::readGitLab()
{
    Family f;
    f.limit = "RateLimit-Limit";
    f.remaining = "RateLimit-Remaining";
    f.used = "RateLimit-Observed";
    f.reset = "RateLimit-Reset";
    f.resetParser = resetEpochS;
    f.resource = "RateLimit-Name";
    Quota q;
    const bool present = readFamily(f, q);
    // RateLimit-ResetTime (IMF-fixdate) comes with 429s; it stands in when RateLimit-Reset is absent.
    if (!q.resetAt && has("RateLimit-ResetTime")) {
        if (const auto ms = timeField("RateLimit-ResetTime", resetHttpDate))
            q.resetAt = fromMs(*ms);
    }
    if (present || q.resetAt)
        add(std::move(q));
}

void Reader::readAtlassianBeta()
{
    QStringList names;
    for (const auto &f : m_head.fields) {
        if (startsWithCI(f.first, "Beta-") || startsWithCI(f.first, "X-Beta-")) {
            const QString n = nameOf(f.first);
            if (!names.contains(n, Qt::CaseInsensitive))
                names.append(n);
        }
    }
    if (!names.isEmpty())
        warn(tr("advisory fields not read as quotas: %1").arg(names.join(QStringLiteral(", "))));
}

void Reader::readIetf(QByteArrayView rlName, QByteArrayView policyName, bool separateFields)
{
    const Lines rlLines = lines(rlName);
    const Lines policyLines = lines(policyName);
    const bool anySeparate = separateFields
        && (has("RateLimit-Limit") || has("RateLimit-Remaining") || has("RateLimit-Reset"));
    if (!rlLines.present() && !policyLines.present() && !anySeparate)
        return;

    // The draft: fields on a response served from cache (positive Age) are ignored.
    if (has("Age")) {
        const auto age = intField("Age");
        if (age && *age > 0) {
            warn(tr("RateLimit fields ignored on a cached response (Age: %1)").arg(*age));
            return;
        }
    }

    // RateLimit-Policy: named items (-08+) or integer items (-04..-07); malformed ⇒ ignored whole.
    struct Named
    {
        QByteArrayView name;
        std::optional<qint64> q, w;
        QByteArrayView unit;
        bool matched = false;
    };
    const QByteArray policyText = joined(policyLines);
    std::optional<sf::List> policies;
    QVarLengthArray<Named, 4> named;
    if (policyLines.present()) {
        policies = sf::parseList(policyText);
        bool ok = policies.has_value();
        if (ok) {
            for (const sf::Member &m : *policies) {
                if (m.isInnerList) {
                    ok = false;
                    break;
                }
                const sf::BareItem &v = m.item.value;
                const sf::BareItem *w = m.item.param("w");
                if (w && (!w->isInteger() || w->integer <= 0)) {
                    ok = false;
                    break;
                }
                if (v.isString() || v.isToken()) {
                    const sf::BareItem *q = m.item.param("q");
                    const sf::BareItem *qu = m.item.param("qu");
                    if (!q || !q->isInteger() || q->integer < 0 || (qu && !qu->isString())) {
                        ok = false;
                        break;
                    }
                    Named n;
                    n.name = v.text;
                    n.q = q->integer;
                    if (w)
                        n.w = w->integer;
                    if (qu)
                        n.unit = qu->text;
                    named.append(n);
                } else if (!(v.isInteger() && v.integer >= 0)) {
                    ok = false;
                    break;
                }
            }
        }
        if (!ok) {
            warnInvalid(policyName, policyText);
            policies.reset();
            named.clear();
        }
    }

    if (rlLines.present()) {
        const QByteArray rlText = joined(rlLines);
        // Draft generation by syntax: a List of names (-08+), else the -07 Dictionary.
        if (auto list = sf::parseList(rlText)) {
            bool ok = true;
            for (const sf::Member &m : *list) {
                const sf::BareItem *r = m.isInnerList ? nullptr : m.item.param("r");
                const sf::BareItem *t = m.isInnerList ? nullptr : m.item.param("t");
                if (m.isInnerList || !(m.item.value.isString() || m.item.value.isToken())
                    || (r && (!r->isInteger() || r->integer < 0)) || (t && (!t->isInteger() || t->integer < 0))) {
                    ok = false;
                    break;
                }
            }
            if (ok) {
                QVarLengthArray<Quota, 4> unmatched;
                QVarLengthArray<std::optional<Quota>, 4> byPolicy(named.size());
                for (const sf::Member &m : *list) {
                    Quota q;
                    q.resource = QString::fromLatin1(m.item.value.text);
                    if (const sf::BareItem *r = m.item.param("r"))
                        q.remaining = r->integer;
                    if (const sf::BareItem *t = m.item.param("t"))
                        q.resetAt = deltaReset(t->integer, rlName);
                    bool placed = false;
                    for (qsizetype i = 0; i < named.size(); ++i) {
                        if (!named[i].matched && named[i].name == m.item.value.text) {
                            named[i].matched = true;
                            byPolicy[i] = std::move(q);
                            placed = true;
                            break;
                        }
                    }
                    if (!placed)
                        unmatched.append(std::move(q));
                }
                for (qsizetype i = 0; i < named.size(); ++i) {
                    Quota q = byPolicy[i] ? std::move(*byPolicy[i]) : Quota();
                    if (!byPolicy[i])
                        q.resource = QString::fromLatin1(named[i].name);
                    q.limit = named[i].q;
                    q.windowS = named[i].w;
                    if (!named[i].unit.isEmpty())
                        q.unit = QString::fromLatin1(named[i].unit);
                    add(std::move(q));
                }
                for (Quota &q : unmatched)
                    add(std::move(q));
                return;
            }
        } else if (auto dict = sf::parseDictionary(rlText)) {
            Quota q;
            bool ok = true;
            for (const sf::DictMember &d : *dict) {
                std::optional<qint64> *slot = d.key == "limit" ? &q.limit
                    : d.key == "remaining"                      ? &q.remaining
                                                                : nullptr;
                const bool isReset = d.key == "reset";
                if (!slot && !isReset)
                    continue; // other keys are comments
                if (d.member.isInnerList || !d.member.item.value.isInteger() || d.member.item.value.integer < 0) {
                    ok = false;
                    break;
                }
                if (slot)
                    *slot = d.member.item.value.integer;
                else
                    q.resetAt = deltaReset(d.member.item.value.integer, rlName);
            }
            if (ok) {
                addWithNumericPolicies(std::move(q), policies ? &*policies : nullptr, {});
                return;
            }
        }
        warnInvalid(rlName, rlText);
    }

    if (anySeparate) {
        readIetfSeparate(policies ? &*policies : nullptr);
        return;
    }
    // Policies alone still say what the limits are.
    for (const Named &n : named) {
        Quota q;
        q.resource = QString::fromLatin1(n.name);
        q.limit = n.q;
        q.windowS = n.w;
        if (!n.unit.isEmpty())
            q.unit = QString::fromLatin1(n.unit);
        add(std::move(q));
    }
    if (named.isEmpty() && policies)
        addWithNumericPolicies(Quota(), policies ? &*policies : nullptr, {});
}

void Reader::addWithNumericPolicies(Quota &&q, const sf::List *policyField, NumPolicies pols)
{
    if (policyField)
        appendNumeric(*policyField, 0, pols);
    // The policy whose quota equals the current limit gives that limit its window (-01..-07).
    if (q.limit && !q.windowS) {
        for (NumPolicy &p : pols) {
            if (p.value == *q.limit && p.w) {
                q.windowS = p.w;
                p.used = true;
                break;
            }
        }
    }
    const std::optional<qint64> mainLimit = q.limit;
    const std::optional<qint64> mainWindow = q.windowS;
    if (q.limit || q.remaining || q.used || q.resetAt)
        add(std::move(q));
    // Every other policy is a limit of its own, with unknown remaining.
    for (qsizetype i = 0; i < pols.size(); ++i) {
        const NumPolicy &p = pols[i];
        if (p.used || (mainLimit && p.value == *mainLimit && p.w == mainWindow))
            continue;
        bool seen = false;
        for (qsizetype j = 0; j < i; ++j)
            seen = seen || (pols[j].value == p.value && pols[j].w == p.w);
        if (seen)
            continue;
        Quota extra;
        extra.limit = p.value;
        extra.windowS = p.w;
        add(std::move(extra));
    }
}

void Reader::readIetfSeparate(const sf::List *policyField)
{
    Quota q;
    NumPolicies pols;
    const Lines limitLines = lines("RateLimit-Limit");
    if (limitLines.present()) {
        // Old drafts (-01..-03) carried the policies here: `10, 10;w=1, 50;w=60`.
        const QByteArray text = joined(limitLines);
        const auto list = sf::parseList(text);
        bool ok = list && !list->isEmpty();
        if (ok) {
            for (const sf::Member &m : *list) {
                const sf::BareItem *w = m.isInnerList ? nullptr : m.item.param("w");
                if (m.isInnerList || !m.item.value.isInteger() || m.item.value.integer < 0
                    || (w && (!w->isInteger() || w->integer <= 0))) {
                    ok = false;
                    break;
                }
            }
        }
        if (ok) {
            q.limit = list->front().item.value.integer;
            if (const sf::BareItem *w = list->front().item.param("w"))
                q.windowS = w->integer;
            appendNumeric(*list, 1, pols);
        } else {
            warnInvalid("RateLimit-Limit", text);
        }
    }
    q.remaining = intField("RateLimit-Remaining");
    if (const auto reset = timeField("RateLimit-Reset", m_generic ? resetGeneric : resetDeltaS))
        q.resetAt = fromMs(*reset);
    if (m_generic) {
        // GitLab and Buildkite speak these names too, with their own extras.
        q.used = intField("RateLimit-Observed");
        auto name = tokenField("RateLimit-Name");
        if (!name)
            name = tokenField("RateLimit-Scope");
        if (name)
            q.resource = QString::fromLatin1(*name);
    }
    addWithNumericPolicies(std::move(q), policyField, std::move(pols));
}

void Reader::readShopify()
{
    struct CallLimit
    {
        qint64 used, bucket;
        bool operator==(const CallLimit &) const = default;
    };
    if (!has("X-Shopify-Shop-Api-Call-Limit"))
        return;
    const auto v = single<CallLimit>("X-Shopify-Shop-Api-Call-Limit", [](QByteArrayView v) -> std::optional<CallLimit> {
        const qsizetype slash = v.indexOf('/');
        if (slash < 0)
            return std::nullopt;
        const auto used = strictInt(v.first(slash));
        const auto bucket = strictInt(v.sliced(slash + 1));
        if (!used || !bucket)
            return std::nullopt;
        return CallLimit{*used, *bucket};
    });
    Quota q;
    if (v) {
        q.used = v->used;
        q.limit = v->bucket;
    }
    add(std::move(q));
}


void Reader::readDimensions(QByteArrayView prefix, std::span<const Dimension> table, ResetParser resetParser)
{
    if (!hasPrefix(prefix))
        return;
    for (const Dimension &d : table) {
        Family f;
        f.limit = d.limit;
        f.remaining = d.remaining;
        f.reset = d.reset;
        f.resetParser = resetParser;
        f.fixedResource = d.resource;
        f.unit = d.unit;
        addFamily(f);
    }
}

void Reader::readAzure()
{
    static constexpr QByteArrayView kPrefix = "x-ms-ratelimit-remaining-";
    forEachNameWithPrefix(kPrefix, [this](QByteArrayView name) {
        const QByteArrayView suffix = name.sliced(kPrefix.size());
        if (!equalsCI(suffix, "resource")) {
            Quota q;
            q.resource = lowerName(suffix);
            q.remaining = intField(name);
            add(std::move(q));
            return;
        }
        // Resource-provider policies: `Microsoft.Compute/GetVMScaleSet3Min;197,…30Min;1297`, a
        // vendor list (not a Structured Field); every line contributes its entries.
        const QByteArray text = joined(lines(name));
        qsizetype pos = 0;
        while (pos <= text.size()) {
            qsizetype comma = text.indexOf(',', pos);
            if (comma < 0)
                comma = text.size();
            const QByteArrayView entry = trimmed(QByteArrayView(text).sliced(pos, comma - pos));
            pos = comma + 1;
            const qsizetype semi = entry.lastIndexOf(';');
            const auto remaining = semi > 0 ? strictInt(entry.sliced(semi + 1)) : std::nullopt;
            const QByteArrayView policy = semi > 0 ? trimmed(entry.first(semi)) : QByteArrayView();
            if (!remaining || policy.isEmpty()) {
                warnInvalid(name, entry);
                continue;
            }
            Quota q;
            q.resource = QString::fromLatin1(policy);
            q.remaining = remaining;
            add(std::move(q));
        }
    });
}

void Reader::readZendeskVendor()
{
    static constexpr QByteArrayView kPrefix = "zendesk-ratelimit-";
    forEachNameWithPrefix(kPrefix, [this](QByteArrayView name) {
        Quota q;
        q.resource = lowerName(name.sliced(kPrefix.size()));
        const Lines l = lines(name);
        bool identical = true;
        for (QByteArrayView v : l.v)
            identical = identical && trimmed(v) == trimmed(l.v.front());
        if (!identical) {
            warn(tr("%1: repeated with different values; ignored").arg(nameOf(name)));
            add(std::move(q));
            return;
        }
        // `total=100; remaining=99; resets=41`: a vendor grammar, parsed key by key.
        const QByteArrayView text = l.v.front();
        qsizetype pos = 0;
        while (pos <= text.size()) {
            qsizetype semi = text.indexOf(';', pos);
            if (semi < 0)
                semi = text.size();
            const QByteArrayView part = trimmed(text.sliced(pos, semi - pos));
            pos = semi + 1;
            if (part.isEmpty())
                continue;
            const qsizetype eq = part.indexOf('=');
            const QByteArrayView key = eq < 0 ? part : trimmed(part.first(eq));
            const QByteArrayView value = eq < 0 ? QByteArrayView() : part.sliced(eq + 1);
            std::optional<qint64> *slot = equalsCI(key, "total") ? &q.limit
                : equalsCI(key, "remaining")                      ? &q.remaining
                                                                  : nullptr;
            const bool isReset = equalsCI(key, "resets");
            if (!slot && !isReset)
                continue;
            if (isReset) {
                if (const auto ms = resetDeltaS(value, m_now))
                    q.resetAt = fromMs(*ms);
                else
                    warnInvalid(name, part);
            } else if (const auto n = strictInt(value)) {
                *slot = n;
            } else {
                warnInvalid(name, part);
            }
        }
        add(std::move(q));
    });
}

void Reader::readXFamilies(bool base)
{
    if (base) {
        Family f;
        f.limit = "x-rate-limit-limit";
        f.remaining = "x-rate-limit-remaining";
        f.reset = "x-rate-limit-reset";
        f.resetParser = resetEpochS;
        f.fixedResource = "rate-limit";
        addFamily(f);
    }
    static constexpr Dimension kDay[] = {
        {"app-limit-24hour", "x-app-limit-24hour-limit", "x-app-limit-24hour-remaining", "x-app-limit-24hour-reset", {}},
        {"user-limit-24hour", "x-user-limit-24hour-limit", "x-user-limit-24hour-remaining", "x-user-limit-24hour-reset", {}},
    };
    for (const Dimension &d : kDay) {
        if (!hasPrefix(d.limit.first(d.limit.size() - 5))) // "x-app-limit-24hour-"
            continue;
        Family f;
        f.limit = d.limit;
        f.remaining = d.remaining;
        f.reset = d.reset;
        f.resetParser = resetEpochS;
        f.fixedResource = d.resource;
        addFamily(f);
    }
}

void Reader::readLaunchDarkly()
{
    for (const char *scope : {"global", "route"}) {
        Family f;
        f.remaining = qstrcmp(scope, "global") == 0 ? QByteArrayView("X-Ratelimit-Global-Remaining")
                                                    : QByteArrayView("X-Ratelimit-Route-Remaining");
        if (!has(f.remaining))
            continue;
        f.reset = "X-Ratelimit-Reset";
        f.resetParser = resetEpochMs;
        f.fixedResource = scope;
        addFamily(f);
    }
}

void Reader::readGeneric()
{
    m_generic = true;
    readTokenExpiration();
    readAtlassianBeta();
    readIetf("RateLimit", "RateLimit-Policy", true);
    readDimensions("anthropic-ratelimit-", kAnthropic, resetRfc3339);
    readDimensions("x-ratelimit-", kOpenAi, resetDuration);
    readAzure();
    readShopify();
    readZendeskVendor();
    readXFamilies(false);
    readLaunchDarkly();

    Family x;
    x.limit = "x-ratelimit-limit";
    x.remaining = "x-ratelimit-remaining";
    x.used = "x-ratelimit-used";
    x.reset = "x-ratelimit-reset";
    x.resetParser = resetGeneric;
    x.resetAfter = "x-ratelimit-reset-after";
    x.resource = "x-ratelimit-resource";
    x.resource2 = "x-ratelimit-bucket";
    x.nearLimit = "x-ratelimit-nearlimit";
    addFamily(x);

    Family dash;
    dash.limit = "x-rate-limit-limit";
    dash.remaining = "x-rate-limit-remaining";
    dash.reset = "x-rate-limit-reset";
    dash.resetParser = resetGeneric;
    if (!has(dash.limit) && has("X-Rate-Limit"))
        dash.limit = "X-Rate-Limit"; // Zendesk's account limit
    addFamily(dash);
}

void Reader::classify()
{
    const int status = m_head.status.value_or(0);
    bool remainingZero = false;
    bool graphqlZero = false;
    for (const Quota &q : m_out.quotas) {
        if (q.remaining && *q.remaining == 0) {
            remainingZero = true;
            graphqlZero = graphqlZero || q.resource == QLatin1String("graphql");
        }
    }
    bool throttled = status == 429;
    if (m_dialect == HeaderDialect::GitHub || m_dialect == HeaderDialect::Generic) {
        // GitHub signals primary limits with 403 (remaining 0) and secondary ones with 403 plus
        // retry-after or a message; GraphQL signals its primary limit with 200.
        if (status == 403
            && (remainingZero || m_out.retryAfterS || bodyContains("rate limit") || bodyContains("Rate limit")))
            throttled = true;
        if (m_dialect == HeaderDialect::GitHub && status == 200 && (graphqlZero || bodyContains("\"RATE_LIMITED\"")))
            throttled = true;
    }
    if (status == 429 && m_dialect == HeaderDialect::Stripe && bodyContains("lock_timeout")) {
        throttled = false;
        warn(tr("429 caused by an object lock (lock_timeout), not by a rate limit"));
    }
    if (status == 429 && (m_dialect == HeaderDialect::Azure || m_dialect == HeaderDialect::AzureOpenAi)
        && bodyContains("RetryableErrorDueToAnotherOperation")) {
        throttled = false;
        warn(tr("429 caused by a conflicting operation, not by a rate limit"));
    }
    m_out.throttled = throttled;
}

void Reader::run()
{
    m_out.status = m_head.status;
    readRetryAfter();
    switch (m_dialect) {
    case HeaderDialect::GitHub:
        readGitHub();
        break;
    case HeaderDialect::GitLab:
        readGitLab();
        break;
    case HeaderDialect::Bitbucket: {
        Family f;
        f.limit = "X-RateLimit-Limit";
        f.resource = "X-RateLimit-Resource";
        f.nearLimit = "X-RateLimit-NearLimit";
        addFamily(f);
        break;
    }
    case HeaderDialect::Buildkite: {
        Family f;
        f.limit = "RateLimit-Limit";
        f.remaining = "RateLimit-Remaining";
        f.reset = "RateLimit-Reset";
        f.resetParser = resetDeltaS;
        f.resource = "RateLimit-Scope";
        addFamily(f);
        break;
    }
    case HeaderDialect::Ietf:
        readIetf("RateLimit", "RateLimit-Policy", true);
        break;
    case HeaderDialect::Cloudflare:
        readIetf("RateLimit", "RateLimit-Policy", false);
        break;
    case HeaderDialect::Atlassian: {
        readAtlassianBeta();
        readIetf("RateLimit", "RateLimit-Policy", false);
        Family f;
        f.limit = "X-RateLimit-Limit";
        f.remaining = "X-RateLimit-Remaining";
        f.reset = "X-RateLimit-Reset";
        f.resetParser = resetRfc3339;
        f.resource = "RateLimit-Reason";
        f.nearLimit = "X-RateLimit-NearLimit";
        Quota q;
        if (readFamily(f, q)) {
            // The reset is truncated to the minute; Retry-After is exact (PROVIDERS.md pitfall 4).
            if (m_out.retryAfterS && q.resetAt)
                q.resetAt = fromMs(m_now + qint64(std::ceil(*m_out.retryAfterS * 1000)));
            add(std::move(q));
        }
        break;
    }
    case HeaderDialect::AtlassianDc: {
        Family f;
        f.limit = "X-RateLimit-Limit";
        f.remaining = "X-RateLimit-Remaining";
        addFamily(f);
        break;
    }
    case HeaderDialect::Shopify:
        readShopify();
        break;
    case HeaderDialect::Slack:
        break;
    case HeaderDialect::Discord: {
        Family f;
        f.limit = "X-RateLimit-Limit";
        f.remaining = "X-RateLimit-Remaining";
        f.reset = "X-RateLimit-Reset";
        f.resetParser = resetEpochS;
        f.resetAfter = "X-RateLimit-Reset-After";
        f.resource = "X-RateLimit-Bucket";
        f.resource2 = "X-RateLimit-Scope";
        addFamily(f);
        break;
    }
    case HeaderDialect::OpenAi:
        readDimensions("x-ratelimit-", kOpenAi, resetDuration);
        break;
    case HeaderDialect::Anthropic:
        readDimensions("anthropic-ratelimit-", kAnthropic, resetRfc3339);
        break;
    case HeaderDialect::Azure:
        readAzure();
        break;
    case HeaderDialect::AzureOpenAi:
        readDimensions("x-ratelimit-", kOpenAi, resetDuration);
        readAzure();
        break;
    case HeaderDialect::Okta: {
        Family f;
        f.limit = "X-Rate-Limit-Limit";
        f.remaining = "X-Rate-Limit-Remaining";
        f.reset = "X-Rate-Limit-Reset";
        f.resetParser = resetEpochS;
        addFamily(f);
        break;
    }
    case HeaderDialect::Zendesk: {
        Family account;
        account.limit = "X-Rate-Limit";
        account.remaining = "X-Rate-Limit-Remaining";
        account.fixedResource = "rate-limit";
        addFamily(account);
        Family list;
        list.limit = "ratelimit-limit";
        list.remaining = "ratelimit-remaining";
        list.reset = "ratelimit-reset";
        list.resetParser = resetDeltaS;
        list.fixedResource = "ratelimit";
        addFamily(list);
        readZendeskVendor();
        break;
    }
    case HeaderDialect::X:
        readXFamilies(true);
        break;
    case HeaderDialect::Stripe:
        if (const auto reason = tokenField("Stripe-Rate-Limited-Reason")) {
            Quota q;
            q.resource = QString::fromLatin1(*reason);
            add(std::move(q));
        }
        break;
    case HeaderDialect::LaunchDarkly:
        readLaunchDarkly();
        break;
    case HeaderDialect::Generic:
        readGeneric();
        break;
    }
    classify();
}

} // namespace

QuotaReading HeaderEngine::read(const Preset &preset, const HttpResponseHead &head, const QDateTime &now,
                                const QByteArray &body)
{
    QuotaReading reading;
    reading.provider = preset.id;
    reading.quotas.reserve(4);
    Reader(preset, head, now, body, reading).run();
    return reading;
}
