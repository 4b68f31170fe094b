#pragma once

#include "accounts/pool.h"
#include "engine/poolreading.h"

#include <QDateTime>
#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

class HistoryBackend;

// What the stored history says about a pool's shared buckets, for whoever has no live tracker
// (`account list`, `export --kind summary`): the members' raw samples in [from, to) (an
// invalid bound is open) are replayed into a BucketTracker in time order, one probe (the
// samples of one member at one instant) at a time, exactly as the monitor feeds it live.
// The history keeps raw samples for its retention window only, so older ranges find nothing.
namespace PoolHistory {

// Feeds `tracker`. The samples are read a slice of time at a time, so memory stays small
// however long the range is. The members' provider is the pool's.
void replay(const HistoryBackend &history, const Pool &pool, const QDateTime &from, const QDateTime &to,
            BucketTracker *tracker);

// Resource -> the groups of member ids found to share one bucket of it (BucketTracker::
// sharedGroups: each sorted, two or more ids). Resources without a shared group are absent.
QHash<QString, QList<QStringList>> sharedGroups(const HistoryBackend &history, const Pool &pool,
                                                const QDateTime &from, const QDateTime &to,
                                                const BucketTracker::Tuning &tuning = {});

// The same from a tracker already fed (the dashboard's live one), limited to the pool's members:
// each group holds the members of one bucket, two or more.
QHash<QString, QList<QStringList>> sharedGroups(const BucketTracker &tracker, const Pool &pool);

} // namespace PoolHistory
