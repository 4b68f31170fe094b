#pragma once

#include <QCoreApplication>
#include <QFontMetricsF>
#include <QList>
#include <QPointF>
#include <QString>

// The chart's scales, apart from the widget so they can be tested without drawing: time ticks on
// round local times (06:00, 07:00, never 06:32), count ticks on round numbers ending at the
// limit, and dense markers merged into bands.
class ChartScales
{
    Q_DECLARE_TR_FUNCTIONS(ChartScales)
public:
    struct Tick
    {
        double value = 0; // ms since epoch (time) or a count
        QString label;
        bool dayStart = false; // a local midnight: labelled with its date
    };

    // Ticks between fromMs and toMs (inclusive) on a round local step (1, 2, 5, 10, 15, 30 min;
    // 1, 2, 3, 6, 12 h; 1, 2, 7 days...), the smallest whose labels fit `pixelWidth` without
    // touching. A midnight tick carries its date, so a range that crosses a day shows which.
    static QList<Tick> timeTicks(qint64 fromMs, qint64 toMs, double pixelWidth, const QFontMetricsF &metrics);
    // The step timeTicks chose, in seconds (for tests and the readout's precision).
    static qint64 timeStepSeconds(qint64 fromMs, qint64 toMs, double pixelWidth, const QFontMetricsF &metrics);

    // Ticks from 0 to `top` in steps of 1, 2 or 5 times a power of ten, at most `maxTicks` of
    // them; `top` itself is always a tick (the limit), and a round tick too close below it is
    // dropped so their labels do not collide.
    static QList<Tick> countTicks(double top, int maxTicks);
    // The smallest round number (1, 2, 5 × 10^n) at or above `value`: the axis top without a limit.
    static double roundUp(double value);

    // Merges markers (x positions in pixels, ascending) closer than `minGapPx` into one: a lone
    // marker is a line (from == to), a run of close ones a band from the first to the last.
    struct Band
    {
        double from = 0;
        double to = 0;
        int count = 0;
    };
    static QList<Band> mergeMarkers(const QList<double> &xs, double minGapPx);

    // Splits a line (ascending x) where consecutive points lie further apart than both
    // `minGap` and `factor` times the line's median spacing: a span without readings (the app
    // was closed, history starts later) is left blank instead of bridged by a made-up slope.
    static QList<QList<QPointF>> splitAtGaps(const QList<QPointF> &points, double minGap, double factor = 8);
};
