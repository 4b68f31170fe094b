#pragma once

#include "history/historytypes.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QList>
#include <QString>

#include <optional>

// A schedule behind an account's 429s or near-limit flags: a catalog sync or a CI poller that
// runs every N minutes or hours shows up as refusals at the same offset in each period. Users
// cannot see that cadence in a list of events; this names it.
struct ThrottlePattern
{
    EventKind kind = EventKind::Throttled;
    qint64 periodS = 0;  // one of the cadences the detector tries (every whole minute to 30 min, hours to 1 d)
    // Offset of the episodes within the period, in local seconds since midnight modulo the
    // period: 0 with a 1 h period is "on the hour", 3600 with a 2 h period is "01:00, 03:00, ...".
    qint64 phaseS = 0;
    int hits = 0;        // periods with an episode at the phase
    int periods = 0;     // periods whose scheduled instant lies in the observed span
    int episodes = 0;    // episodes of this kind in the span (a run of refusals counts once)
    qint64 spanS = 0;    // length of the observed span

    bool operator==(const ThrottlePattern &) const = default;
};

// Looks for a cadence in the events of one kind inside [from, to). Events closer together than
// a quarter of a period form one episode (a job hitting the limit several times in one run);
// an episode matches when it starts within the jitter tolerance of the phase (a tenth of the
// period, between 30 s and 10 min). A cadence is reported only when at least four periods
// match, most episodes fit it, it covers a fifth of the span's periods, and uniform noise would
// cluster as tightly less than once in a hundred: random refusals and a single burst give
// nothing. The best-covered cadence wins. `utcOffsetS` aligns phases with the user's clock.
std::optional<ThrottlePattern> detectThrottlePattern(const QList<Event> &events, EventKind kind,
                                                     const QDateTime &from, const QDateTime &to,
                                                     int utcOffsetS = 0);
// 429s first, near-limit flags if the 429s show none.
std::optional<ThrottlePattern> detectAnyThrottlePattern(const QList<Event> &events, const QDateTime &from,
                                                        const QDateTime &to, int utcOffsetS = 0);

// The same schedule seen again: kind and cadence equal, the phase within the jitter tolerance.
// A recount that moves the mean by a minute is not news.
bool sameSchedule(const ThrottlePattern &a, const ThrottlePattern &b);

class ThrottlePatternText
{
    Q_DECLARE_TR_FUNCTIONS(ThrottlePattern)
public:
    // "429s at about hh:00, every 2 h, on 5 of the last 24 h: a scheduled job?"
    static QString describe(const ThrottlePattern &p);
    // "5 min", "2 h", "1 d"
    static QString period(qint64 seconds);
};
