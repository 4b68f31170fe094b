#include "headerreader.h"


using namespace HeaderValues;

namespace {

// Absurd Retry-After values are clamped; GitLab legitimately sends 86,400, so the cap leaves
// room for a week.
constexpr double kMaxRetryAfterS = 7 * 86400;
constexpr qsizetype kExcerpt = 40;

} // namespace

namespace ResetFormat {

std::optional<qint64> epochS(QByteArrayView v, qint64)
{
    const auto ms = decimalToMs(v);
    if (!ms || *ms > kMaxEpochMs)
        return std::nullopt;
    return ms;
}

std::optional<qint64> epochMs(QByteArrayView v, qint64)
{
    const auto ms = strictInt(v);
    if (!ms || *ms > kMaxEpochMs)
        return std::nullopt;
    return ms;
}

std::optional<qint64> deltaS(QByteArrayView v, qint64 nowMs)
{
    return HeaderReader::boundedAdd(nowMs, decimalToMs(v));
}

std::optional<qint64> duration(QByteArrayView v, qint64 nowMs)
{
    return HeaderReader::boundedAdd(nowMs, goDurationMs(v));
}

std::optional<qint64> rfc3339(QByteArrayView v, qint64)
{
    return rfc3339Ms(v);
}

std::optional<qint64> httpDate(QByteArrayView v, qint64 nowMs)
{
    return httpDateMs(v, nowMs);
}

// Unknown providers: magnitude decides (below 1e9 a delta in seconds, below 1e12 epoch seconds,
// else epoch milliseconds); non-numeric values are tried as an HTTP-date, then RFC 3339 (and,
// unambiguous as they are, Go durations last).
std::optional<qint64> generic(QByteArrayView v, qint64 nowMs)
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
            return HeaderReader::boundedAdd(nowMs, ms);
        return *ms <= kMaxEpochMs ? std::optional<qint64>(*ms) : std::nullopt;
    }
    if (t.isEmpty() || (t.front() >= '0' && t.front() <= '9' && t.size() < 4))
        return std::nullopt;
    if (const auto d = httpDateMs(t, nowMs))
        return d;
    if (const auto d = rfc3339Ms(t))
        return d;
    return HeaderReader::boundedAdd(nowMs, goDurationMs(t));
}

} // namespace ResetFormat

HeaderReader::HeaderReader(HeaderDialect dialect, const HttpResponseHead &head, const QDateTime &now,
                           QByteArrayView body, QuotaReading &out)
    : m_head(head), m_now(now.isValid() ? now.toMSecsSinceEpoch() : 0), m_body(body), m_out(out),
      m_dialect(dialect)
{
}

bool HeaderReader::hasPrefix(QByteArrayView prefix) const
{
    for (const auto &f : m_head.fields) {
        if (startsWithCI(f.first, prefix))
            return true;
    }
    return false;
}

HeaderReader::Lines HeaderReader::lines(QByteArrayView name) const
{
    Lines l;
    for (const auto &f : m_head.fields) {
        if (isNamed(f.first, name)) {
            l.append(QByteArrayView(f.second));
            if (m_used)
                noteUsed(f.first);
        }
    }
    return l;
}

void HeaderReader::noteUsed(QByteArrayView name) const
{
    for (QByteArrayView u : std::as_const(*m_used)) {
        if (equalsCI(u, name))
            return;
    }
    m_used->append(name);
}

QByteArray HeaderReader::joined(const Lines &l)
{
    if (l.size() == 1)
        return QByteArray::fromRawData(l.front().data(), l.front().size());
    QByteArray out;
    for (qsizetype i = 0; i < l.size(); ++i) {
        if (i)
            out += ", ";
        out += l[i];
    }
    return out;
}

std::optional<QByteArrayView> HeaderReader::tokenField(QByteArrayView name)
{
    return single<QByteArrayView>(name, [](QByteArrayView v) -> std::optional<QByteArrayView> {
        const QByteArrayView t = stripQuotes(trimmed(v));
        if (t.isEmpty())
            return std::nullopt;
        return t;
    });
}

std::optional<bool> HeaderReader::boolField(QByteArrayView name)
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

bool HeaderReader::readFamily(const Family &f, Quota &q)
{
    // Presence is learnt from the lookups themselves rather than from a separate scan.
    m_found = false;
    if (!f.limit.isEmpty()) {
        const bool fallback = !f.limitFallback.isEmpty() && !has(f.limit);
        q.limit = intField(fallback ? f.limitFallback : f.limit);
    }
    if (!f.remaining.isEmpty())
        q.remaining = intField(f.remaining);
    if (!f.used.isEmpty())
        q.used = intField(f.used);
    std::optional<qint64> resetMs;
    if (!f.resetAfter.isEmpty())
        resetMs = timeField(f.resetAfter, ResetFormat::deltaS);
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

void HeaderReader::addFamily(const Family &f)
{
    if (!f.required.isEmpty() && !has(f.required))
        return;
    Quota q;
    if (readFamily(f, q)) {
        if (f.refusalWait != RefusalWait::None && q.resetAt)
            m_refusalResets.append({m_out.quotas.size(), f.refusalWait});
        add(std::move(q));
    }
}

void HeaderReader::applyRefusalWait()
{
    // Retry-After, when sent, is the wait; the reset stands in only without it.
    if (!m_out.throttled || m_out.retryAfterS || m_refusalResets.isEmpty())
        return;
    std::optional<qint64> waitMs;
    for (const auto &[index, rule] : m_refusalResets) {
        const Quota &q = m_out.quotas.at(index);
        if (!q.resetAt)
            continue;
        if (rule == RefusalWait::WhenExhausted && !(q.remaining && *q.remaining == 0))
            continue;
        if (rule == RefusalWait::UnlessRemaining && q.remaining && *q.remaining > 0)
            continue;
        // A reset already past says nothing about how long this refusal lasts.
        const qint64 ms = q.resetAt->toMSecsSinceEpoch() - m_now;
        if (ms >= 0)
            waitMs = std::max(waitMs.value_or(0), ms);
    }
    if (waitMs)
        m_out.retryAfterS = std::min(double(*waitMs) / 1000.0, kMaxRetryAfterS);
}

void HeaderReader::add(Quota &&q)
{
    // Derive only when both operands are valid; a negative result would be a
    // guess, so inconsistent values stay as sent.
    if (!q.used && q.limit && q.remaining && *q.remaining <= *q.limit)
        q.used = *q.limit - *q.remaining;
    if (!q.remaining && q.limit && q.used && *q.used <= *q.limit)
        q.remaining = *q.limit - *q.used;
    m_out.quotas.append(std::move(q));
}

void HeaderReader::readRetryAfter()
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
        warn(ReaderText::tr("Retry-After: %1 s clamped to %2 s").arg(*v).arg(kMaxRetryAfterS));
        m_out.retryAfterS = kMaxRetryAfterS;
    } else {
        m_out.retryAfterS = *v;
    }
}

// Every warning keeps the translation context "Reader", the one its German text was made for.
void HeaderReader::warnInvalid(QByteArrayView name, QByteArrayView value)
{
    warn(ReaderText::tr("%1: ignored invalid value \"%2\"")
             .arg(QString::fromLatin1(name), excerpt(value)));
}

void HeaderReader::warnRepeated(QByteArrayView name)
{
    warn(ReaderText::tr("%1: repeated with different values; ignored")
             .arg(QString::fromLatin1(name)));
}

std::optional<QDateTime> HeaderReader::deltaReset(qint64 seconds, QByteArrayView field)
{
    if (const auto ms = boundedAdd(m_now, seconds * 1000))
        return fromMs(*ms);
    warn(ReaderText::tr("%1: reset %2 s is out of range; ignored")
             .arg(QString::fromLatin1(field))
             .arg(seconds));
    return std::nullopt;
}

std::optional<qint64> HeaderReader::boundedAdd(qint64 nowMs, std::optional<qint64> deltaMs)
{
    if (!deltaMs || *deltaMs > kMaxEpochMs - nowMs)
        return std::nullopt;
    return nowMs + *deltaMs;
}

QString HeaderReader::internedName(QByteArrayView v)
{
    // A QStringLiteral copy costs nothing.
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

QString HeaderReader::lowerName(QByteArrayView v)
{
    return QString::fromLatin1(v).toLower();
}

QString HeaderReader::excerpt(QByteArrayView v)
{
    if (v.size() <= kExcerpt)
        return QString::fromLatin1(v);
    return QString::fromLatin1(v.first(kExcerpt)) + QStringLiteral("…");
}
