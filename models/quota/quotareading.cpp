#include "quotareading.h"

#include <QJsonArray>
#include <QJsonValue>

#include <limits>

namespace {

template<typename T>
QJsonValue orNull(const std::optional<T> &v)
{
    return v ? QJsonValue(*v) : QJsonValue(QJsonValue::Null);
}

std::optional<qint64> intOrNull(const QJsonValue &v)
{
    if (!v.isDouble())
        return std::nullopt;
    // QJsonValue keeps 64-bit integers exact; doubles with a fraction are not counts.
    const double d = v.toDouble();
    const qint64 i = v.toInteger(std::numeric_limits<qint64>::min());
    if (i == std::numeric_limits<qint64>::min() || double(i) != d)
        return std::nullopt;
    return i;
}

} // namespace

QString isoUtc(const QDateTime &t)
{
    const QDateTime u = t.toUTC();
    return u.toString(u.time().msec() ? QStringLiteral("yyyy-MM-dd'T'HH:mm:ss.zzz'Z'")
                                      : QStringLiteral("yyyy-MM-dd'T'HH:mm:ss'Z'"));
}

QJsonObject Quota::toJson() const
{
    QJsonObject o;
    o.insert(QStringLiteral("resource"), resource.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(resource));
    o.insert(QStringLiteral("limit"), orNull(limit));
    o.insert(QStringLiteral("remaining"), orNull(remaining));
    o.insert(QStringLiteral("used"), orNull(used));
    o.insert(QStringLiteral("reset_at"), resetAt ? QJsonValue(isoUtc(*resetAt)) : QJsonValue(QJsonValue::Null));
    o.insert(QStringLiteral("window_s"), orNull(windowS));
    o.insert(QStringLiteral("near_limit"), orNull(nearLimit));
    o.insert(QStringLiteral("unit"), unit.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(unit));
    return o;
}

Quota Quota::fromJson(const QJsonObject &o)
{
    Quota q;
    q.resource = o.value(QStringLiteral("resource")).toString();
    q.limit = intOrNull(o.value(QStringLiteral("limit")));
    q.remaining = intOrNull(o.value(QStringLiteral("remaining")));
    q.used = intOrNull(o.value(QStringLiteral("used")));
    const QJsonValue reset = o.value(QStringLiteral("reset_at"));
    if (reset.isString()) {
        QDateTime t = QDateTime::fromString(reset.toString(), Qt::ISODateWithMs);
        if (t.isValid())
            q.resetAt = t.toUTC();
    }
    q.windowS = intOrNull(o.value(QStringLiteral("window_s")));
    const QJsonValue near = o.value(QStringLiteral("near_limit"));
    if (near.isBool())
        q.nearLimit = near.toBool();
    const QJsonValue unit = o.value(QStringLiteral("unit"));
    if (unit.isString())
        q.unit = unit.toString();
    if (o.value(QStringLiteral("limit_source")).toString() == limitSourceId(LimitSource::Documented))
        q.limitSource = LimitSource::Documented;
    return q;
}

QString limitSourceId(LimitSource s)
{
    return s == LimitSource::Documented ? QStringLiteral("documented") : QStringLiteral("header");
}

int QuotaReading::mostRestrictive() const
{
    if (quotas.isEmpty())
        return -1;
    int best = -1;
    for (int i = 0; i < quotas.size(); ++i) {
        const auto &r = quotas.at(i).remaining;
        if (r && (best < 0 || *r < *quotas.at(best).remaining))
            best = i;
    }
    // With no remaining known anywhere, the first quota leads.
    return best < 0 ? 0 : best;
}

QJsonObject QuotaReading::toJson() const
{
    QJsonObject o;
    o.insert(QStringLiteral("provider"), provider);
    o.insert(QStringLiteral("status"), status ? QJsonValue(*status) : QJsonValue(QJsonValue::Null));
    o.insert(QStringLiteral("throttled"), throttled);
    o.insert(QStringLiteral("retry_after_s"), orNull(retryAfterS));
    QJsonArray qs;
    for (const Quota &q : quotas)
        qs.append(q.toJson());
    o.insert(QStringLiteral("quotas"), qs);
    o.insert(QStringLiteral("warnings"), QJsonArray::fromStringList(warnings));
    return o;
}

QuotaReading QuotaReading::fromJson(const QJsonObject &o)
{
    QuotaReading r;
    r.provider = o.value(QStringLiteral("provider")).toString();
    const QJsonValue status = o.value(QStringLiteral("status"));
    if (status.isDouble())
        r.status = status.toInt();
    r.throttled = o.value(QStringLiteral("throttled")).toBool();
    const QJsonValue retry = o.value(QStringLiteral("retry_after_s"));
    if (retry.isDouble())
        r.retryAfterS = retry.toDouble();
    const QJsonArray qs = o.value(QStringLiteral("quotas")).toArray();
    for (const QJsonValue &q : qs)
        r.quotas.append(Quota::fromJson(q.toObject()));
    const QJsonArray ws = o.value(QStringLiteral("warnings")).toArray();
    for (const QJsonValue &w : ws)
        r.warnings.append(w.toString());
    return r;
}
