#pragma once

#include "poolreading.h"

#include <QHash>
#include <QObject>
#include <QSet>

class Monitor;

// Follows the monitor's recorded results for the pools' members: feeds each pool's shared-bucket
// tracker, keeps each member's latest reading and, once every member of a pool has answered
// since the pool's last reading, computes the pool's (one line per pool after its members').
// One tracker per pool, fed by its members alone: a tracker compares every pair of its
// accounts, so one tracker of every account would cost O(accounts²) in time and memory (1,000
// watched tokens: 5 CPU s per 1,000 probes and 300 MB), for sharing no pool reading uses.
class PoolMonitor : public QObject
{
    Q_OBJECT
public:
    PoolMonitor(Monitor *monitor, ThresholdsFor thresholds, QObject *parent = nullptr);

    void setPools(const QList<Pool> &pools);
    // The accounts' identities (accountIdentity()): one user's or organization's tokens share
    // one bucket from the start.
    void setAccounts(const QList<Account> &accounts);
    // The account's token was replaced: what its old readings said about its bucket no longer holds.
    void forgetAccount(const QString &accountId);
    const QList<Pool> &pools() const { return m_pools; }
    // The pool's reading from what its members last said (members without a result yet listed
    // by id); empty pool name when there is no such pool.
    PoolReading readingOf(const QString &pool) const;
    // The pool's tracker (an empty one for an unknown pool).
    const BucketTracker &tracker(const QString &pool) const;

    // A member's result that did not come from the monitor: a reading another process recorded
    // in a shared history (Session follows it).
    void addResult(const ProbeResult &result) { onResult(result); }

Q_SIGNALS:
    void poolUpdated(const PoolReading &reading);

private:
    void onResult(const ProbeResult &result);
    void updateIdentities();

    ThresholdsFor m_thresholds;
    QList<Pool> m_pools;
    QList<Account> m_accounts;
    QHash<QString, BucketTracker> m_trackers;   // pool -> the tracker of its members
    QHash<QString, QString> m_poolOf;           // member account id -> its pool (one at most)
    QHash<QString, ProbeResult> m_latest;       // account id -> its main probe's latest result
    QHash<QString, QSet<QString>> m_sinceLast;  // pool -> members that answered since its last reading
};
