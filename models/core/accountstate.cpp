#include "accountstate.h"

namespace {
struct StateName
{
    AccountState state;
    const char16_t *id;
};
constexpr StateName kStates[] = {
    {AccountState::Ok, u"ok"},
    {AccountState::Warning, u"warning"},
    {AccountState::Critical, u"critical"},
    {AccountState::Throttled, u"throttled"},
    {AccountState::AuthFailed, u"auth_failed"},
    {AccountState::Unlimited, u"unlimited"},
    {AccountState::NoData, u"no_data"},
    {AccountState::Stale, u"stale"},
    {AccountState::Error, u"error"},
};

// Order of the quota levels when several quotas are combined: the worst one wins, and a quota
// that says nothing never hides one that does.
int levelRank(AccountState s)
{
    switch (s) {
    case AccountState::Critical: return 3;
    case AccountState::Warning: return 2;
    case AccountState::Ok: return 1;
    default: return 0;
    }
}
} // namespace

QString accountStateId(AccountState s)
{
    for (const StateName &n : kStates)
        if (n.state == s)
            return QString::fromUtf16(n.id);
    return QString::fromUtf16(u"error");
}

std::optional<AccountState> accountStateFromId(const QString &id)
{
    for (const StateName &n : kStates)
        if (id == QStringView(n.id))
            return n.state;
    return std::nullopt;
}

std::optional<double> remainingPct(const QuotaLevel &q)
{
    if (!q.remaining)
        return std::nullopt;
    if (*q.remaining <= 0)
        return 0.0;
    if (!q.limit || *q.limit <= 0)
        return std::nullopt;
    return 100.0 * double(*q.remaining) / double(*q.limit);
}

AccountState classifyQuota(const QuotaLevel &quota, const Thresholds &thresholds)
{
    const std::optional<double> pct = remainingPct(quota);
    if (pct && *pct < thresholds.criticalPct)
        return AccountState::Critical;
    if ((pct && *pct < thresholds.warningPct) || quota.nearLimit.value_or(false))
        return AccountState::Warning;
    // The provider's explicit "not near" is a level too, even without numbers (Bitbucket).
    if (pct || quota.nearLimit)
        return AccountState::Ok;
    return AccountState::NoData;
}

AccountState classify(const StateFacts &facts, const Thresholds &thresholds)
{
    switch (facts.exchange) {
    case Exchange::AuthFailed:
        return AccountState::AuthFailed;
    case Exchange::Failed:
        return AccountState::Error;
    case Exchange::Unlimited:
        return AccountState::Unlimited;
    case Exchange::Throttled:
        if (!facts.throttleOver)
            return AccountState::Throttled;
        break;
    case Exchange::Answered:
        break;
    }
    if (facts.stale)
        return AccountState::Stale;
    AccountState worst = AccountState::NoData;
    for (const QuotaLevel &q : facts.quotas) {
        const AccountState level = classifyQuota(q, thresholds);
        if (levelRank(level) > levelRank(worst))
            worst = level;
    }
    return worst;
}
