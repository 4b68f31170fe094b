#include "proberesult.h"

#include <QJsonArray>
#include <QVarLengthArray>

QuotaLevel quotaLevel(const Quota &q)
{
    return QuotaLevel{q.remaining, q.limit, q.nearLimit};
}

AccountState classifyReading(Exchange exchange, const QuotaReading &reading, const Thresholds &thresholds)
{
    QVarLengthArray<QuotaLevel, 8> levels;
    for (const Quota &q : reading.quotas)
        levels.append(quotaLevel(q));
    StateFacts facts;
    facts.exchange = exchange;
    facts.quotas = std::span<const QuotaLevel>(levels.constData(), size_t(levels.size()));
    return classify(facts, thresholds);
}

QJsonObject ProbeResult::toJson() const
{
    QJsonObject o;
    o.insert(u"account"_qs, accountName);
    o.insert(u"provider"_qs, provider);
    o.insert(u"state"_qs, accountStateId(state));
    o.insert(u"status"_qs, reading.status ? QJsonValue(*reading.status) : QJsonValue(QJsonValue::Null));
    QJsonArray quotas;
    // A failed probe says nothing about the quota: never a stale or zero "remaining".
    if (state != AccountState::Error)
        for (const Quota &q : reading.quotas)
            quotas.append(q.toJson());
    o.insert(u"quotas"_qs, quotas);
    o.insert(u"retry_after_s"_qs, reading.retryAfterS ? QJsonValue(*reading.retryAfterS) : QJsonValue(QJsonValue::Null));
    o.insert(u"probed_at"_qs, probedAt.isValid() ? QJsonValue(isoUtc(probedAt)) : QJsonValue(QJsonValue::Null));
    o.insert(u"cost"_qs, cost);
    o.insert(u"error"_qs, error.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(error));
    if (!breaker.isEmpty())
        o.insert(u"breaker"_qs, breaker);
    return o;
}
