#include "poolmonitor.h"

#include "monitor.h"

PoolMonitor::PoolMonitor(Monitor *monitor, ThresholdsFor thresholds, QObject *parent)
    : QObject(parent)
    , m_thresholds(std::move(thresholds))
{
    connect(monitor, &Monitor::resultRecorded, this, &PoolMonitor::onResult);
}

void PoolMonitor::setPools(const QList<Pool> &pools)
{
    m_pools = pools;
    QHash<QString, QSet<QString>> kept;
    for (const Pool &p : pools)
        kept.insert(p.name, m_sinceLast.value(p.name));
    m_sinceLast = kept;
}

void PoolMonitor::setAccounts(const QList<Account> &accounts)
{
    setIdentities(&m_tracker, accounts);
}

void PoolMonitor::forgetAccount(const QString &accountId)
{
    m_tracker.forget(accountId);
    m_latest.remove(accountId);
}

PoolReading PoolMonitor::readingOf(const QString &pool) const
{
    for (const Pool &p : m_pools)
        if (p.name == pool)
            return computePoolReading(p, m_latest, m_tracker, m_thresholds);
    return {};
}

void PoolMonitor::onResult(const ProbeResult &result)
{
    // A route's quotas are the route's own resource; the pool sums the members' main probes.
    if (!result.route.isEmpty())
        return;
    m_tracker.add(result);
    m_latest.insert(result.accountId, result);
    for (const Pool &p : std::as_const(m_pools)) {
        if (!p.memberIds.contains(result.accountId))
            continue;
        QSet<QString> &seen = m_sinceLast[p.name];
        seen.insert(result.accountId);
        bool all = true;
        for (const QString &id : p.memberIds)
            all = all && seen.contains(id);
        if (!all)
            continue;
        seen.clear();
        Q_EMIT poolUpdated(computePoolReading(p, m_latest, m_tracker, m_thresholds));
    }
}
