#include "proberecord.h"

#include "core/clock.h"

#include <QSet>
#include <QStringList>

#include <utility>


HistoryRecord toHistory(const ProbeResult &result, AccountState previous)
{
    HistoryRecord record;
    record.accountId = result.accountId;
    record.accountName = result.accountName;
    record.provider = result.provider;
    const QDateTime at = result.probedAt.isValid() ? result.probedAt : Clock::instance()->nowUtc();
    const bool failed = !result.error.isEmpty();
    if (!failed) {
        qint64 costLeft = result.cost;
        for (const Quota &quota : result.reading.quotas) {
            // A documented limit is the provider's word, not a measurement: it never enters the
            // history, so no chart plots it as a reading. Such a quota holds nothing else.
            if (quota.limitSource == LimitSource::Documented)
                continue;
            Sample s;
            s.accountId = result.accountId;
            s.resource = quota.resource;
            s.time = at;
            s.limit = quota.limit;
            s.remaining = quota.remaining;
            s.used = quota.used;
            s.resetAt = quota.resetAt;
            s.status = result.reading.status;
            // The probe's cost is counted once, on its first sample.
            s.cost = std::exchange(costLeft, 0);
            record.samples.append(s);
        }
    }
    if (result.reading.throttled) {
        Event e;
        e.accountId = result.accountId;
        e.time = at;
        e.kind = EventKind::Throttled;
        e.status = result.reading.status;
        e.retryAfterS = result.reading.retryAfterS;
        e.detail = result.error;
        record.events.append(e);
        if (record.samples.isEmpty())
            record.throttledAt = at;
    }
    if (failed && !result.reading.throttled) {
        Event e;
        e.accountId = result.accountId;
        e.time = at;
        e.kind = EventKind::Error;
        e.status = result.reading.status;
        e.detail = result.error;
        record.events.append(e);
    }
    // Entering Warning or Critical from anything else; a fall from Warning to Critical is the
    // same episode (the alerts tell those apart).
    if (isLow(result.state) && !isLow(previous)) {
        Event e;
        e.accountId = result.accountId;
        e.time = at;
        e.kind = EventKind::NearLimit;
        e.status = result.reading.status;
        QStringList low;
        for (const Quota &quota : result.reading.quotas) {
            if (quota.nearLimit.value_or(false))
                low << quota.resource;
        }
        e.detail = low.join(QStringLiteral(", "));
        record.events.append(e);
    }
    return record;
}

ProbeResult fromHistory(const Account &account, const QList<Sample> &samples, const Thresholds &thresholds)
{
    ProbeResult r;
    r.accountId = account.id;
    r.accountName = account.name;
    r.provider = account.presetId;
    r.reading.provider = account.presetId;
    QSet<QString> routes;
    for (const ProbeRoute &route : account.routes)
        routes.insert(route.name);
    for (const Sample &s : samples)
        if (s.accountId == account.id && !routes.contains(s.resource) && (!r.probedAt.isValid() || s.time > r.probedAt))
            r.probedAt = s.time;
    for (const Sample &s : samples) {
        if (s.accountId != account.id || routes.contains(s.resource) || s.time != r.probedAt)
            continue;
        r.reading.quotas.append(quotaOf(s));
        r.reading.status = s.status;
        r.cost += s.cost;
    }
    r.reading.throttled = r.reading.status == 429;
    const Exchange exchange = r.reading.throttled ? Exchange::Throttled : Exchange::Answered;
    r.state = r.reading.quotas.isEmpty() ? AccountState::NoData : classifyReading(exchange, r.reading, thresholds);
    return r;
}

Quota quotaOf(const Sample &sample)
{
    Quota q;
    q.resource = sample.resource;
    q.limit = sample.limit;
    q.remaining = sample.remaining;
    q.used = sample.used;
    q.resetAt = sample.resetAt;
    return q;
}
