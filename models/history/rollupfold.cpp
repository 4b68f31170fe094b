#include "rollupfold.h"

namespace RollupFold {

namespace {

template<typename T> void keepMin(std::optional<T> &a, const std::optional<T> &b)
{
    if (b && (!a || *b < *a))
        a = b;
}

template<typename T> void keepMax(std::optional<T> &a, const std::optional<T> &b)
{
    if (b && (!a || *b > *a))
        a = b;
}

} // namespace

bool isBelowWarning(const Sample &s, double fraction)
{
    return s.limit && s.remaining && *s.limit > 0 && double(*s.remaining) < fraction * double(*s.limit);
}

bool isThrottledSample(const Sample &s)
{
    return s.status && (*s.status == 429 || (*s.status == 403 && s.remaining && *s.remaining == 0));
}

void addSample(RollupDelta &d, const Sample &s, qint64 t)
{
    d.samples += 1;
    keepMin(d.minRemaining, s.remaining);
    keepMax(d.maxRemaining, s.remaining);
    keepMax(d.maxUsed, s.used);
    if (s.remaining && s.limit && *s.limit > 0)
        keepMin(d.minPct, std::optional<double>(100.0 * double(*s.remaining) / double(*s.limit)));
    // The limit is the last one seen: a reading without one does not erase it.
    if (s.limit && (d.samples == 1 || t >= d.lastTime || !d.lastLimit))
        d.lastLimit = s.limit;
    if (d.samples == 1 || t >= d.lastTime) {
        d.lastTime = t;
        d.lastRemaining = s.remaining;
    }
    // Samples with a refusal status; not the summary's throttled_count, which counts the
    // Throttled events (one per refused probe, as the event log and the chart do).
    if (isThrottledSample(s))
        d.throttled += 1;
    d.cost += s.cost;
}

void addThrottleMark(RollupDelta &d, qint64 hourStart)
{
    if (d.samples == 0 && d.lastTime == 0)
        d.lastTime = hourStart - 1;
    d.throttled += 1;
}

Deltas blocksOf(const Deltas &hours)
{
    Deltas blocks;
    for (const auto &[hour, h] : hours) {
        if (h.samples == 0)
            continue;
        const qint64 block = floorTo(hour, HistorySchema::kBlockMs);
        RollupDelta &b = blocks[block];
        if (b.samples == 0 && b.lastTime == 0)
            b.lastTime = block - 1;
        b.samples += h.samples;
        keepMin(b.minRemaining, h.minRemaining);
        keepMax(b.maxRemaining, h.maxRemaining);
        if (h.lastLimit && (h.lastTime >= b.lastTime || !b.lastLimit))
            b.lastLimit = h.lastLimit;
        b.lastTime = std::max(b.lastTime, h.lastTime);
    }
    return blocks;
}

} // namespace RollupFold
