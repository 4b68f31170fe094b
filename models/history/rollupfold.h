#pragma once

#include "historyschema.h"
#include "historytypes.h"

#include <QtGlobal>

#include <algorithm>
#include <map>
#include <optional>

// How samples fold into the hourly rollups and 6-hour blocks, the same for every backend: the
// SQLite and PostgreSQL writers call these, so a summary or a chart reads the same figures
// whichever history holds the samples.
namespace RollupFold {

// Time below warning runs from a reading below it to the next reading, at most a day: a long
// gap without readings says nothing about the hours in between.
inline constexpr qint64 kMaxBelowSpanMs = HistorySchema::kDayMs;

// The latest reading of a series: its time, and whether it was below warning.
struct PrevSample
{
    qint64 time = 0;
    bool below = false;
};

// What one write adds to one hour (or, folded, one 6-hour block) of one series.
struct RollupDelta
{
    qint64 samples = 0;
    std::optional<qint64> minRemaining, maxRemaining, lastRemaining, lastLimit, maxUsed;
    std::optional<double> minPct;
    qint64 lastTime = 0;
    qint64 throttled = 0;
    qint64 cost = 0;
    qint64 belowMs = 0;
};
using Deltas = std::map<qint64, RollupDelta>; // hour (or block) start -> delta

bool isBelowWarning(const Sample &s, double fraction);
// A 429, or a 403 that says the quota is spent (GitHub's secondary and primary limits).
bool isThrottledSample(const Sample &s);
// The start of the step-long span holding t (also for times before 1970).
inline qint64 floorTo(qint64 t, qint64 step)
{
    return t - (t % step + step) % step;
}

// One stored sample, taken at t, into its hour's delta.
void addSample(RollupDelta &hour, const Sample &s, qint64 t);
// A throttle mark (a refused probe without samples) into its hour's delta.
void addThrottleMark(RollupDelta &hour, qint64 hourStart);
// The hourly deltas folded into 6-hour blocks (blocks with samples only).
Deltas blocksOf(const Deltas &hours);

// Time below warning from `from` to `to` (capped at kMaxBelowSpanMs), split across the hours
// so the hours add up to the day. `series.hour(h)` gives the delta of hour h.
template<typename Series> void addBelow(Series &series, qint64 from, qint64 to)
{
    to = std::min(to, from + kMaxBelowSpanMs);
    for (qint64 t = from; t < to;) {
        const qint64 hour = floorTo(t, HistorySchema::kHourMs);
        const qint64 end = std::min(to, hour + HistorySchema::kHourMs);
        RollupDelta &d = series.hour(hour);
        if (d.samples == 0 && d.lastTime == 0)
            d.lastTime = hour - 1;
        d.belowMs += end - t;
        t = end;
    }
}

} // namespace RollupFold
