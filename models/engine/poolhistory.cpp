#include "engine/poolhistory.h"

#include "history/historybackend.h"
#include "proberecord.h"

#include <QMap>

#include <algorithm>
#include <limits>

namespace {

// Long enough that a slice costs one indexed read per member and resource, short enough that a
// slice of 5-second probes stays a few thousand samples.
constexpr qint64 kSliceMs = 6 * 3600 * 1000;

} // namespace

namespace PoolHistory {

void replay(const HistoryBackend &history, const Pool &pool, const QDateTime &from, const QDateTime &to,
            BucketTracker *tracker)
{
    if (!tracker || pool.memberIds.isEmpty())
        return;
    QHash<QString, QStringList> resourcesOf;
    qint64 lastMs = std::numeric_limits<qint64>::min();
    for (const QString &id : pool.memberIds) {
        const QStringList resources = history.resources(id);
        resourcesOf.insert(id, resources);
        for (const QString &resource : resources) {
            if (const auto last = history.lastSample(id, resource))
                lastMs = std::max(lastMs, last->time.toMSecsSinceEpoch());
        }
    }
    if (lastMs == std::numeric_limits<qint64>::min())
        return;
    // An open start reaches back as far as raw samples are kept; an open end to the newest.
    const qint64 keptMs = qint64(std::max(1, history.retentionDays()) + 1) * 24 * 3600 * 1000;
    const qint64 startMs = from.isValid() ? from.toMSecsSinceEpoch() : lastMs - keptMs;
    const qint64 endMs = to.isValid() ? std::min(to.toMSecsSinceEpoch(), lastMs + 1) : lastMs + 1;

    for (qint64 slice = startMs; slice < endMs; slice += kSliceMs) {
        const QDateTime a = QDateTime::fromMSecsSinceEpoch(slice, Qt::UTC);
        const QDateTime b = QDateTime::fromMSecsSinceEpoch(std::min(slice + kSliceMs, endMs), Qt::UTC);
        // (time, member) -> that probe's result: the samples one probe left share its instant.
        QMap<std::pair<qint64, QString>, ProbeResult> probes;
        for (const QString &id : pool.memberIds) {
            for (const QString &resource : resourcesOf.value(id)) {
                for (const Sample &s : history.samples(id, resource, a, b)) {
                    ProbeResult &r = probes[{ s.time.toMSecsSinceEpoch(), id }];
                    if (r.accountId.isEmpty()) {
                        r.accountId = id;
                        r.provider = pool.presetId;
                        r.probedAt = s.time;
                        r.reading.provider = pool.presetId;
                        r.reading.status = s.status;
                    }
                    r.reading.quotas.append(quotaOf(s));
                }
            }
        }
        for (const ProbeResult &r : std::as_const(probes))
            tracker->add(r);
    }
}

QHash<QString, QList<QStringList>> sharedGroups(const HistoryBackend &history, const Pool &pool,
                                                const QDateTime &from, const QDateTime &to,
                                                const BucketTracker::Tuning &tuning)
{
    BucketTracker tracker(tuning);
    replay(history, pool, from, to, &tracker);
    return sharedGroups(tracker, pool);
}

QHash<QString, QList<QStringList>> sharedGroups(const BucketTracker &tracker, const Pool &pool)
{
    QHash<QString, QList<QStringList>> out;
    for (const QString &resource : tracker.resources()) {
        QList<QStringList> groups;
        for (const QStringList &group : tracker.sharedGroups(resource)) {
            QStringList members;
            for (const QString &id : group) {
                if (pool.memberIds.contains(id))
                    members.append(id);
            }
            if (members.size() >= 2)
                groups.append(members);
        }
        if (!groups.isEmpty())
            out.insert(resource, groups);
    }
    return out;
}

} // namespace PoolHistory
