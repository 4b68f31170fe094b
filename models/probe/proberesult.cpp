#include "proberesult.h"

#include <QJsonArray>

namespace {
struct StateName
{
    AccountState state;
    const char16_t *id;
};
constexpr StateName kStates[] = {
    {AccountState::Ok, u"ok"},
    {AccountState::NearLimit, u"near_limit"},
    {AccountState::Throttled, u"throttled"},
    {AccountState::AuthFailed, u"auth_failed"},
    {AccountState::Unlimited, u"unlimited"},
    {AccountState::NoData, u"no_data"},
    {AccountState::Stale, u"stale"},
    {AccountState::Error, u"error"},
};
} // namespace

QString accountStateId(AccountState s)
{
    for (const StateName &n : kStates)
        if (n.state == s)
            return QString::fromUtf16(n.id);
    return QStringLiteral("error");
}

std::optional<AccountState> accountStateFromId(const QString &id)
{
    for (const StateName &n : kStates)
        if (id == QStringView(n.id))
            return n.state;
    return std::nullopt;
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
