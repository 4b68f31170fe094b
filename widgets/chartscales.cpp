#include "chartscales.h"

#include <QDateTime>
#include <QLocale>

#include <algorithm>
#include <cmath>

namespace {

constexpr qint64 kDay = 86400;
constexpr qint64 kMonthStep = 31 * kDay; // "the first of each month"

// Steps that land on times a reader counts in: every one divides the next larger unit.
constexpr qint64 kSteps[] = {10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200,
                             kDay, 2 * kDay, 7 * kDay, 14 * kDay, kMonthStep};

constexpr double kLabelGapPx = 14;

QString timeLabel(const QDateTime &local, qint64 step)
{
    return QLocale().toString(local.time(), step < 60 ? QStringLiteral("HH:mm:ss") : QStringLiteral("HH:mm"));
}

QString dateLabel(const QDate &date, qint64 step)
{
    return QLocale().toString(date, step >= 2 * kDay ? QStringLiteral("d MMM") : QStringLiteral("ddd d MMM"));
}

bool crossesDay(qint64 fromMs, qint64 toMs)
{
    const QDateTime from = QDateTime::fromMSecsSinceEpoch(fromMs).toLocalTime();
    const QDateTime to = QDateTime::fromMSecsSinceEpoch(toMs).toLocalTime();
    return from.date() != to.date();
}

// The room one label of this step needs, centre to centre.
double spacingNeeded(qint64 step, bool dayInRange, const QFontMetricsF &fm)
{
    const QDate wide(2026, 9, 30); // a two-digit day and a long month name
    const double date = fm.horizontalAdvance(dateLabel(wide, step));
    if (step >= kDay)
        return date + kLabelGapPx;
    const double time = fm.horizontalAdvance(step < 60 ? QStringLiteral("00:00:00") : QStringLiteral("00:00"));
    // A date label sits between two time labels once per day; the axis elides a label wider
    // than the room to its neighbours, so the date decides.
    return (dayInRange ? std::max(date, time) : time) + kLabelGapPx;
}

qint64 chooseStep(qint64 fromMs, qint64 toMs, double pixelWidth, const QFontMetricsF &fm)
{
    const double spanS = std::max<double>(1, double(toMs - fromMs) / 1000.0);
    const bool dayInRange = crossesDay(fromMs, toMs);
    for (qint64 step : kSteps) {
        const double px = std::max(1.0, pixelWidth) * double(step) / spanS;
        if (px >= spacingNeeded(step, dayInRange || step >= kDay, fm))
            return step;
    }
    return kMonthStep;
}

bool dayTick(const QDate &d, qint64 step)
{
    if (step == kMonthStep)
        return d.day() == 1;
    if (step == 7 * kDay)
        return d.dayOfWeek() == Qt::Monday;
    if (step == 14 * kDay)
        return d.dayOfWeek() == Qt::Monday && (d.toJulianDay() / 7) % 2 == 0;
    return d.toJulianDay() % (step / kDay) == 0;
}

} // namespace

qint64 ChartScales::timeStepSeconds(qint64 fromMs, qint64 toMs, double pixelWidth, const QFontMetricsF &metrics)
{
    return chooseStep(fromMs, toMs, pixelWidth, metrics);
}

QList<ChartScales::Tick> ChartScales::timeTicks(qint64 fromMs, qint64 toMs, double pixelWidth,
                                                const QFontMetricsF &metrics)
{
    QList<Tick> out;
    if (toMs <= fromMs)
        return out;
    const qint64 step = chooseStep(fromMs, toMs, pixelWidth, metrics);
    const QDateTime fromLocal = QDateTime::fromMSecsSinceEpoch(fromMs).toLocalTime();
    const QDateTime toLocal = QDateTime::fromMSecsSinceEpoch(toMs).toLocalTime();
    // Walked in local days and local times of day, so a tick stays on 06:00 across a DST change.
    for (QDate d = fromLocal.date(); d.isValid() && d <= toLocal.date(); d = d.addDays(1)) {
        if (step >= kDay) {
            if (!dayTick(d, step))
                continue;
            const qint64 ms = d.startOfDay().toMSecsSinceEpoch();
            if (ms >= fromMs && ms <= toMs)
                out.append({double(ms), dateLabel(d, step), true});
            continue;
        }
        qint64 s = 0;
        if (d == fromLocal.date())
            s = qint64(fromLocal.time().msecsSinceStartOfDay() / 1000) / step * step;
        for (; s < kDay; s += step) {
            const QDateTime t(d, QTime::fromMSecsSinceStartOfDay(int(s * 1000)));
            const qint64 ms = t.toMSecsSinceEpoch();
            if (ms > toMs)
                break;
            if (ms < fromMs || (!out.isEmpty() && ms <= qint64(out.constLast().value)))
                continue; // before the range, or a DST repeat
            const bool midnight = s == 0;
            out.append({double(ms), midnight ? dateLabel(d, step) : timeLabel(t, step), midnight});
        }
    }
    return out;
}

double ChartScales::roundUp(double value)
{
    if (value <= 0)
        return 1;
    const double raw = value / 5.0;
    const double magnitude = std::pow(10.0, std::floor(std::log10(std::max(raw, 1.0))));
    double step = magnitude;
    for (double m : {1.0, 2.0, 5.0, 10.0}) {
        step = m * magnitude;
        if (step >= raw)
            break;
    }
    step = std::max(1.0, step);
    return std::ceil(value / step) * step;
}

QList<ChartScales::Tick> ChartScales::countTicks(double top, int maxTicks)
{
    QList<Tick> out;
    const QLocale locale;
    if (top <= 0 || maxTicks < 2) {
        out.append({0, locale.toString(0), false});
        return out;
    }
    // Whole numbers only: a quota of 3 gets 0, 1, 2, 3, never 0.5.
    const double raw = top / double(maxTicks - 1);
    const double magnitude = std::pow(10.0, std::floor(std::log10(std::max(raw, 1.0))));
    double step = magnitude;
    for (double m : {1.0, 2.0, 5.0, 10.0}) {
        step = m * magnitude;
        if (step >= raw)
            break;
    }
    step = std::max(1.0, step);
    for (double v = 0; v < top - 0.4 * step; v += step)
        out.append({v, locale.toString(qint64(std::llround(v))), false});
    out.append({top, locale.toString(qint64(std::llround(top))), false});
    return out;
}

QList<ChartScales::Band> ChartScales::mergeMarkers(const QList<double> &xs, double minGapPx)
{
    QList<Band> out;
    for (double x : xs) {
        if (!out.isEmpty() && x - out.constLast().to < minGapPx) {
            out.last().to = std::max(out.last().to, x);
            ++out.last().count;
            continue;
        }
        out.append({x, x, 1});
    }
    return out;
}

QList<QList<QPointF>> ChartScales::splitAtGaps(const QList<QPointF> &points, double minGap, double factor)
{
    QList<QList<QPointF>> out;
    if (points.isEmpty())
        return out;
    QList<double> spacing;
    spacing.reserve(points.size());
    for (qsizetype i = 1; i < points.size(); ++i) {
        const double d = points.at(i).x() - points.at(i - 1).x();
        if (d > 0)
            spacing.append(d);
    }
    double median = 0;
    if (!spacing.isEmpty()) {
        std::nth_element(spacing.begin(), spacing.begin() + spacing.size() / 2, spacing.end());
        median = spacing.at(spacing.size() / 2);
    }
    const double gap = std::max(minGap, factor * median);
    out.append(QList<QPointF>{points.first()});
    for (qsizetype i = 1; i < points.size(); ++i) {
        if (points.at(i).x() - points.at(i - 1).x() > gap)
            out.append(QList<QPointF>());
        out.last().append(points.at(i));
    }
    return out;
}
