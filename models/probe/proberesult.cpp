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
    o.insert(QStringLiteral("account"), accountName);
    if (!route.isEmpty())
        o.insert(QStringLiteral("route"), route);
    o.insert(QStringLiteral("provider"), provider);
    o.insert(QStringLiteral("state"), accountStateId(state));
    o.insert(QStringLiteral("status"), reading.status ? QJsonValue(*reading.status) : QJsonValue(QJsonValue::Null));
    QJsonArray quotas;
    // A failed probe says nothing about the quota: never a stale or zero "remaining".
    if (state != AccountState::Error)
        for (const Quota &q : reading.quotas) {
            // Inspect reads one response, so its limits are always the response's; a probe line
            // may carry a documented limit and says which.
            QJsonObject j = q.toJson();
            j.insert(QStringLiteral("limit_source"),
                     q.limit ? QJsonValue(limitSourceId(q.limitSource)) : QJsonValue(QJsonValue::Null));
            quotas.append(j);
        }
    o.insert(QStringLiteral("quotas"), quotas);
    o.insert(QStringLiteral("retry_after_s"), reading.retryAfterS ? QJsonValue(*reading.retryAfterS) : QJsonValue(QJsonValue::Null));
    o.insert(QStringLiteral("probed_at"), probedAt.isValid() ? QJsonValue(isoUtc(probedAt)) : QJsonValue(QJsonValue::Null));
    o.insert(QStringLiteral("cost"), cost);
    o.insert(QStringLiteral("error"), error.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(error));
    if (state == AccountState::NoData)
        o.insert(QStringLiteral("reason"), reason.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(reason));
    if (!breaker.isEmpty())
        o.insert(QStringLiteral("breaker"), breaker);
    return o;
}
