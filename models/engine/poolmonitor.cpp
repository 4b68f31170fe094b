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
    QHash<QString, BucketTracker> trackers;
    QHash<QString, QString> poolOf;
    for (const Pool &p : pools) {
        kept.insert(p.name, m_sinceLast.value(p.name));
        // A pool keeps what its members' readings showed; one that left forgets its part.
        BucketTracker tracker = m_trackers.value(p.name);
        for (auto it = m_poolOf.cbegin(); it != m_poolOf.cend(); ++it)
            if (it.value() == p.name && !p.memberIds.contains(it.key()))
                tracker.forget(it.key());
        trackers.insert(p.name, tracker);
        for (const QString &id : p.memberIds)
            poolOf.insert(id, p.name);
    }
    m_sinceLast = kept;
    m_trackers = trackers;
    m_poolOf = poolOf;
    updateIdentities();
}

void PoolMonitor::setAccounts(const QList<Account> &accounts)
{
    m_accounts = accounts;
    updateIdentities();
}

void PoolMonitor::updateIdentities()
{
    for (const Pool &p : std::as_const(m_pools)) {
        QList<Account> members;
        for (const Account &a : std::as_const(m_accounts))
            if (p.memberIds.contains(a.id))
                members << a;
        setIdentities(&m_trackers[p.name], members);
    }
}

void PoolMonitor::forgetAccount(const QString &accountId)
{
    const auto pool = m_poolOf.constFind(accountId);
    if (pool != m_poolOf.cend())
        m_trackers[*pool].forget(accountId);
    m_latest.remove(accountId);
}

const BucketTracker &PoolMonitor::tracker(const QString &pool) const
{
    static const BucketTracker none;
    const auto it = m_trackers.constFind(pool);
    return it != m_trackers.cend() ? *it : none;
}

PoolReading PoolMonitor::readingOf(const QString &pool) const
{
    for (const Pool &p : m_pools)
        if (p.name == pool)
            return computePoolReading(p, m_latest, tracker(p.name), m_thresholds);
    return {};
}

void PoolMonitor::onResult(const ProbeResult &result)
{
    // A route's quotas are the route's own resource; the pool sums the members' main probes.
    if (!result.route.isEmpty())
        return;
    // Every account's latest result, so a pool made while watching has its figures at once.
    m_latest.insert(result.accountId, result);
    const auto poolName = m_poolOf.constFind(result.accountId);
    if (poolName == m_poolOf.cend())
        return;
    BucketTracker &tracker = m_trackers[*poolName];
    tracker.add(result);
    for (const Pool &p : std::as_const(m_pools)) {
        if (p.name != *poolName)
            continue;
        QSet<QString> &seen = m_sinceLast[p.name];
        seen.insert(result.accountId);
        bool all = true;
        for (const QString &id : p.memberIds)
            all = all && seen.contains(id);
        if (!all)
            continue;
        seen.clear();
        Q_EMIT poolUpdated(computePoolReading(p, m_latest, tracker, m_thresholds));
    }
}
