#include "throttlepattern.h"

#include <QTime>

#include <algorithm>
#include <cmath>

namespace {

// Cadences people schedule jobs at: every whole minute from 2 to 30 (pollers and CI loops
// rarely divide the hour: "every 8 minutes"), then hours that divide a day, so a phase of an
// hourly or longer cadence is a time of day.
const QList<qint64> &candidatePeriods()
{
    static const QList<qint64> periods = [] {
        QList<qint64> out;
        for (qint64 m = 2; m <= 30; ++m)
            out.append(m * 60);
        out << 3600 << 7200 << 10800 << 14400 << 21600 << 28800 << 43200 << 86400;
        return out;
    }();
    return periods;
}
constexpr int kMinHits = 4;
constexpr double kMinExplained = 0.6; // share of episodes the cadence accounts for
constexpr double kMinCoverage = 0.2;  // share of periods with an episode at the phase
constexpr double kMaxChance = 0.01;   // chance that uniform noise clusters as tightly

qint64 toleranceFor(qint64 period)
{
    return std::clamp<qint64>(period / 10, 30, 600);
}

qint64 floorDiv(qint64 a, qint64 b)
{
    return a >= 0 ? a / b : -((-a + b - 1) / b);
}

qint64 floorMod(qint64 a, qint64 b)
{
    return a - floorDiv(a, b) * b;
}

// P(X >= k) for X ~ Binomial(n, p).
double binomialTail(int n, int k, double p)
{
    if (k <= 0)
        return 1.0;
    double sum = 0;
    for (int i = k; i <= n; ++i)
        sum += std::exp(std::lgamma(n + 1.0) - std::lgamma(i + 1.0) - std::lgamma(n - i + 1.0)
                        + i * std::log(p) + (n - i) * std::log1p(-p));
    return std::min(1.0, sum);
}

struct Fit
{
    qint64 phase = 0;
    int matched = 0;
    int hits = 0;
    int episodes = 0;
};

// Episode starts (local seconds) for this period: refusals closer than a quarter period are one run.
QList<qint64> episodesFor(const QList<qint64> &times, qint64 period)
{
    QList<qint64> out;
    const qint64 gap = period / 4;
    qint64 last = 0;
    for (qint64 t : times) {
        if (out.isEmpty() || t - last > gap)
            out.append(t);
        last = t;
    }
    return out;
}

Fit fit(const QList<qint64> &episodes, qint64 period, qint64 tol)
{
    Fit best;
    best.episodes = int(episodes.size());
    const int n = int(episodes.size());
    if (n == 0)
        return best;
    // Offsets in the period, sorted and unrolled once so a window may wrap past the period's end.
    QList<qint64> offsets;
    offsets.reserve(2 * n);
    for (qint64 t : episodes)
        offsets.append(floorMod(t, period));
    std::sort(offsets.begin(), offsets.end());
    for (int i = 0; i < n; ++i)
        offsets.append(offsets.at(i) + period);
    int bestStart = 0;
    int bestCount = 0;
    int j = 0;
    for (int i = 0; i < n; ++i) {
        j = std::max(j, i);
        while (j + 1 < i + n && offsets.at(j + 1) - offsets.at(i) <= 2 * tol)
            ++j;
        if (j - i + 1 > bestCount) {
            bestCount = j - i + 1;
            bestStart = i;
        }
    }
    double sum = 0;
    for (int k = bestStart; k < bestStart + bestCount; ++k)
        sum += double(offsets.at(k));
    // The mean offset of the cluster, to the minute: what a person would have scheduled.
    qint64 phase = floorMod(qint64(std::llround(sum / bestCount / 60.0)) * 60, period);
    QList<qint64> hitPeriods;
    int matched = 0;
    for (qint64 t : episodes) {
        const qint64 d = floorMod(t - phase + period / 2, period) - period / 2;
        if (std::abs(d) <= tol) {
            ++matched;
            hitPeriods.append(floorDiv(t - phase + period / 2, period));
        }
    }
    std::sort(hitPeriods.begin(), hitPeriods.end());
    best.phase = phase;
    best.matched = matched;
    best.hits = int(std::unique(hitPeriods.begin(), hitPeriods.end()) - hitPeriods.begin());
    return best;
}

} // namespace

std::optional<ThrottlePattern> detectThrottlePattern(const QList<Event> &events, EventKind kind, const QDateTime &from,
                                                     const QDateTime &to, int utcOffsetS)
{
    if (!from.isValid() || !to.isValid() || to <= from)
        return std::nullopt;
    QList<qint64> times;
    for (const Event &e : events) {
        if (e.kind == kind && e.time >= from && e.time < to)
            times.append(e.time.toSecsSinceEpoch() + utcOffsetS);
    }
    std::sort(times.begin(), times.end());
    if (times.size() < kMinHits)
        return std::nullopt;
    const qint64 span = from.secsTo(to);

    std::optional<ThrottlePattern> best;
    double bestScore = 0;
    for (qint64 period : candidatePeriods()) {
        if (span / period < kMinHits)
            break;
        const qint64 tol = toleranceFor(period);
        const QList<qint64> episodes = episodesFor(times, period);
        Fit f = fit(episodes, period, tol);
        // The periods whose scheduled instant lies in the span: what the hits are out of. An
        // episode just inside the span may belong to an instant just outside it, so the hits
        // are capped: "on 13 of 12" would read as nonsense.
        const qint64 lo = from.toSecsSinceEpoch() + utcOffsetS;
        const qint64 hi = to.toSecsSinceEpoch() + utcOffsetS; // exclusive
        const int periods = std::max(1, int(floorDiv(hi - 1 - f.phase, period) - floorDiv(lo - 1 - f.phase, period)));
        f.hits = std::min(f.hits, periods);
        if (f.hits < kMinHits)
            continue;
        const double explained = double(f.matched) / double(f.episodes);
        const double coverage = std::min(1.0, double(f.hits) / double(periods));
        if (explained < kMinExplained || coverage < kMinCoverage)
            continue;
        // The best of every window position: noise finds some window, so the chance is scaled
        // by how many distinct windows fit in the period.
        const double p = double(2 * tol) / double(period);
        const double chance = binomialTail(f.episodes, f.matched, p) / p;
        if (chance > kMaxChance)
            continue;
        const double score = explained * coverage;
        if (score > bestScore) {
            bestScore = score;
            best = ThrottlePattern{kind, period, f.phase, f.hits, periods, f.episodes, span};
        }
    }
    return best;
}

std::optional<ThrottlePattern> detectAnyThrottlePattern(const QList<Event> &events, const QDateTime &from,
                                                        const QDateTime &to, int utcOffsetS)
{
    if (auto p = detectThrottlePattern(events, EventKind::Throttled, from, to, utcOffsetS))
        return p;
    return detectThrottlePattern(events, EventKind::NearLimit, from, to, utcOffsetS);
}

bool sameSchedule(const ThrottlePattern &a, const ThrottlePattern &b)
{
    if (a.kind != b.kind || a.periodS != b.periodS || a.periodS <= 0)
        return false;
    const qint64 d = floorMod(a.phaseS - b.phaseS + a.periodS / 2, a.periodS) - a.periodS / 2;
    return std::abs(d) <= toleranceFor(a.periodS);
}

QString ThrottlePatternText::period(qint64 s)
{
    if (s >= 86400 && s % 86400 == 0)
        return tr("%1 d").arg(s / 86400);
    if (s >= 3600 && s % 3600 == 0)
        return tr("%1 h").arg(s / 3600);
    if (s >= 60 && s % 60 == 0)
        return tr("%1 min").arg(s / 60);
    return tr("%1 s").arg(s);
}

QString ThrottlePatternText::describe(const ThrottlePattern &p)
{
    // The span as a person would say it: minutes below two hours, hours up to two days, days.
    auto spanText = [](qint64 s) {
        if (s < 7200)
            return period((s + 30) / 60 * 60);
        if (s <= 2 * 86400)
            return tr("%1 h").arg((s + 1800) / 3600);
        return tr("%1 d").arg((s + 43200) / 86400);
    };
    const bool throttled = p.kind == EventKind::Throttled;
    if (p.periodS < 3600) {
        return (throttled ? tr("429s every %1, in %2 of the last %3 periods (%4): a scheduled job?")
                          : tr("Near-limit flags every %1, in %2 of the last %3 periods (%4): a scheduled job?"))
            .arg(period(p.periodS))
            .arg(p.hits)
            .arg(p.periods)
            .arg(spanText(p.spanS));
    }
    // Hourly: the minute past every hour; longer: the first time of day it recurs at.
    const QString at = p.periodS == 3600
        ? tr("hh:%1").arg(p.phaseS / 60 % 60, 2, 10, QChar(u'0'))
        : QTime(0, 0).addSecs(int(p.phaseS % 86400)).toString(QStringLiteral("HH:mm"));
    return (throttled ? tr("429s at about %1, every %2, on %3 of the last %4: a scheduled job?")
                      : tr("Near-limit flags at about %1, every %2, on %3 of the last %4: a scheduled job?"))
        .arg(at, period(p.periodS))
        .arg(p.hits)
        // "on 5 of the last 24 h" with a 2 h cadence: the hits out of the periods that span covers.
        .arg(spanText(qint64(p.periods) * p.periodS));
}
