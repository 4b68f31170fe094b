#include "quotachartview.h"

#include "statestyle.h"
#include "theme.h"

#include "core/clock.h"
#include "history/historystore.h"
#include "history/historyreader.h"

#include <QChart>
#include <QDateTimeAxis>
#include <QLegendMarker>
#include <QLineSeries>
#include <QLocale>
#include <QMouseEvent>
#include <QScatterSeries>
#include <QScopedValueRollback>
#include <QToolTip>
#include <QValueAxis>

#include <algorithm>
#include <cmath>
#include <utility>

namespace {

// Distinct on light and dark backgrounds alike.
const QList<QColor> &overviewColors()
{
    static const QList<QColor> colors = {
        QColor(0x2f, 0x7e, 0xd8), QColor(0x3c, 0xa5, 0x5c), QColor(0xe0, 0x9b, 0x1a), QColor(0x9b, 0x59, 0xb6),
        QColor(0x1a, 0xbc, 0x9c), QColor(0xe6, 0x7e, 0x22), QColor(0xc0, 0x39, 0x7a), QColor(0x7f, 0x8c, 0x8d),
    };
    return colors;
}

// Percent of limit for each remaining point, using the limit in force at that time.
QList<QPointF> toPercent(const QList<QPointF> &remaining, const QList<QPointF> &limit)
{
    QList<QPointF> out;
    out.reserve(remaining.size());
    qsizetype li = 0;
    double currentLimit = limit.isEmpty() ? 0.0 : limit.first().y();
    for (const QPointF &p : remaining) {
        while (li < limit.size() && limit.at(li).x() <= p.x()) {
            currentLimit = limit.at(li).y();
            ++li;
        }
        if (currentLimit > 0)
            out.append(QPointF(p.x(), std::clamp(100.0 * p.y() / currentLimit, 0.0, 100.0)));
    }
    return out;
}

// The y of the series at x (the last point at or before it): where a 429 marker sits.
double yAt(const QList<QPointF> &points, double x)
{
    if (points.isEmpty())
        return 0;
    auto it = std::upper_bound(points.begin(), points.end(), x, [](double v, const QPointF &p) { return v < p.x(); });
    if (it == points.begin())
        return points.first().y();
    return std::prev(it)->y();
}

} // namespace

QuotaChartView::QuotaChartView(HistoryStore *store, QWidget *parent)
    : QChartView(parent)
    , m_store(store)
{
    setObjectName(QStringLiteral("quotaChart"));
    auto *c = new QChart;
    c->setAnimationOptions(QChart::NoAnimation);
    c->legend()->setAlignment(Qt::AlignBottom);
    c->setMargins(QMargins(4, 4, 4, 4));
    // QChartView made a default chart of its own; setChart() lets go of it without deleting it.
    QChart *initial = chart();
    setChart(c);
    delete initial;
    setRenderHint(QPainter::Antialiasing, true);
    setRubberBand(QChartView::HorizontalRubberBand);
    setFocusPolicy(Qt::StrongFocus);
    setMinimumHeight(220);

    m_xAxis = new QDateTimeAxis(this);
    m_yAxis = new QValueAxis(this);
    m_yAxis->setLabelFormat(QStringLiteral("%.0f"));
    c->addAxis(m_xAxis, Qt::AlignBottom);
    c->addAxis(m_yAxis, Qt::AlignLeft);
    connect(m_xAxis, &QDateTimeAxis::rangeChanged, this, &QuotaChartView::onAxisRangeChanged);

    m_refreshTimer.setSingleShot(true);
    m_refreshTimer.setInterval(250);
    connect(&m_refreshTimer, &QTimer::timeout, this, &QuotaChartView::refresh);
    // A live window slides even when no account reports anything.
    m_liveTimer.setInterval(30000);
    connect(&m_liveTimer, &QTimer::timeout, this, [this] {
        if (m_range != Range::Custom)
            scheduleRefresh();
    });
    m_liveTimer.start();

    if (m_store) {
        connect(m_store, &HistoryStore::samplesAdded, this, &QuotaChartView::onSamplesAdded);
        m_reader = new HistoryReader(m_store, this);
        connect(m_reader, &HistoryReader::seriesLoaded, this, &QuotaChartView::onSeriesLoaded);
    }

    updateSlidingWindow();
    rebuildSeries();
    applyPalette();
}

QuotaChartView::~QuotaChartView() = default;

qint64 QuotaChartView::rangeSeconds(Range range)
{
    switch (range) {
    case Range::Hour: return 3600;
    case Range::SixHours: return 6 * 3600;
    case Range::Day: return 24 * 3600;
    case Range::Week: return 7 * 24 * 3600;
    case Range::Month: return 30 * 24 * 3600;
    case Range::Custom: break;
    }
    return 24 * 3600;
}

void QuotaChartView::showAccount(const QString &accountId, const QString &resource, const QString &name)
{
    const bool same = !m_overview && m_accountId == accountId && m_resource == resource;
    m_overview = false;
    m_accountId = accountId;
    m_resource = resource;
    m_name = name;
    if (!same) {
        m_rebuildPending = true;
        m_ticket = 0; // a result on its way belongs to the old lines
        m_note.clear();
        m_contextLimit.reset();
        m_contextDocumented = false;
    }
    refresh();
}

void QuotaChartView::setAccountContext(const QString &note, std::optional<qint64> limit, bool documented)
{
    if (m_note == note && m_contextLimit == limit && m_contextDocumented == documented)
        return;
    m_note = note;
    m_contextLimit = limit;
    m_contextDocumented = documented;
    scheduleRefresh();
    viewport()->update();
}

QString QuotaChartView::limitLineName() const
{
    return m_limitLine ? m_limitLine->name() : QString();
}

std::optional<double> QuotaChartView::limitLineLevel() const
{
    if (!m_limitLine || m_limitLine->count() == 0)
        return std::nullopt;
    return m_limitLine->at(m_limitLine->count() - 1).y();
}

double QuotaChartView::yAxisMin() const
{
    return m_yAxis->min();
}

double QuotaChartView::yAxisMax() const
{
    return m_yAxis->max();
}

int QuotaChartView::yAxisTickCount() const
{
    return m_yAxis->tickCount();
}

bool QuotaChartView::yAxisLabelsVisible() const
{
    return m_yAxis->labelsVisible();
}

bool QuotaChartView::noteShown() const
{
    return !m_overview && !m_note.isEmpty() && !m_dataLines.isEmpty() && m_dataLines.first()->count() == 0;
}

void QuotaChartView::showOverview(const QList<OverviewEntry> &entries)
{
    m_overview = true;
    m_accountId.clear();
    m_resource.clear();
    m_entries = entries;
    m_rebuildPending = true;
    m_ticket = 0;
    refresh();
}

void QuotaChartView::setThresholds(ThresholdsFor thresholds)
{
    m_thresholds = std::move(thresholds);
    // The lines' legend names carry the percentages.
    m_rebuildPending = true;
    m_ticket = 0;
    refresh();
}

Thresholds QuotaChartView::lineThresholds() const
{
    if (!m_thresholds)
        return {};
    return m_thresholds(m_overview ? QString() : m_accountId);
}

std::optional<double> QuotaChartView::warningLineLevel() const
{
    if (!m_warningLine || m_warningLine->count() == 0)
        return std::nullopt;
    return m_warningLine->at(0).y();
}

std::optional<double> QuotaChartView::criticalLineLevel() const
{
    if (!m_criticalLine || m_criticalLine->count() == 0)
        return std::nullopt;
    return m_criticalLine->at(0).y();
}

void QuotaChartView::setRange(Range range)
{
    m_range = range;
    if (range != Range::Custom)
        updateSlidingWindow();
    refresh();
}

void QuotaChartView::setTimeWindow(const QDateTime &from, const QDateTime &to)
{
    if (!from.isValid() || !to.isValid() || to <= from)
        return;
    m_range = Range::Custom;
    // Below a minute there is nothing left to decimate and the axis labels collide.
    m_from = from;
    m_to = std::max(to, from.addSecs(60));
    refresh();
}

void QuotaChartView::centerOn(const QDateTime &t)
{
    const qint64 span = std::max<qint64>(m_from.msecsTo(m_to), 60000);
    setTimeWindow(t.addMSecs(-span / 2), t.addMSecs(span / 2));
}

void QuotaChartView::updateSlidingWindow()
{
    m_to = Clock::instance()->nowUtc();
    m_from = m_to.addSecs(-rangeSeconds(m_range));
}

int QuotaChartView::pixelWidth() const
{
    const int w = int(chart()->plotArea().width());
    // Before the first layout the plot area is empty; the viewport is a fair estimate.
    return w > 10 ? w : std::max(100, viewport()->width() - 80);
}

void QuotaChartView::scheduleRefresh()
{
    m_refreshTimer.start();
}

void QuotaChartView::onSamplesAdded(const QString &accountId)
{
    if (m_overview || accountId == m_accountId)
        scheduleRefresh();
}

QLineSeries *QuotaChartView::addLine(const QString &name, const QColor &color, Qt::PenStyle style, qreal width)
{
    auto *s = new QLineSeries;
    s->setName(name);
    QPen pen(color);
    pen.setStyle(style);
    pen.setWidthF(width);
    s->setPen(pen);
    chart()->addSeries(s);
    s->attachAxis(m_xAxis);
    s->attachAxis(m_yAxis);
    return s;
}

void QuotaChartView::rebuildSeries()
{
    // Adding and attaching series re-ranges the axes; that is not the user zooming.
    const QScopedValueRollback guard(m_applying, true);
    m_ticket = 0;
    QChart *c = chart();
    c->removeAllSeries();
    m_dataLines.clear();
    m_seriesLabel.clear();
    m_limitLine = m_warningLine = m_criticalLine = nullptr;
    m_throttles = nullptr;
    m_nearLimits = nullptr;
    m_resets.clear();

    if (m_overview) {
        c->setTitle(tr("All accounts — remaining, % of limit"));
        int i = 0;
        for (const OverviewEntry &e : std::as_const(m_entries)) {
            const QString label = e.resource.isEmpty() ? e.name : tr("%1 (%2)").arg(e.name, e.resource);
            QLineSeries *s = addLine(label, overviewColors().at(i++ % overviewColors().size()), Qt::SolidLine, 1.8);
            m_dataLines.append(s);
            m_seriesLabel.insert(s, label);
        }
    } else {
        c->setTitle(tr("%1 — %2").arg(m_name, m_resource));
        QLineSeries *remaining = addLine(tr("Remaining"), QColor(0x2f, 0x7e, 0xd8), Qt::SolidLine, 2.0);
        m_dataLines.append(remaining);
        m_seriesLabel.insert(remaining, tr("Remaining"));
        m_limitLine = addLine(tr("Limit"), QColor(0x7f, 0x8c, 0x8d), Qt::DashLine, 1.2);
        m_seriesLabel.insert(m_limitLine, tr("Limit"));
    }
    // The overview mixes accounts, so it draws the global thresholds; one account, its own.
    const Thresholds t = lineThresholds();
    m_warningLine = addLine(tr("%1 (%2 %)").arg(StateStyle::label(AccountState::Warning), QLocale().toString(t.warningPct)),
                            StateStyle::color(AccountState::Warning, palette()), Qt::DotLine, 1.2);
    m_criticalLine = addLine(tr("%1 (%2 %)").arg(StateStyle::label(AccountState::Critical), QLocale().toString(t.criticalPct)),
                             StateStyle::color(AccountState::Critical, palette()), Qt::DotLine, 1.2);

    m_throttles = new QScatterSeries;
    m_throttles->setName(tr("429 / throttled"));
    const QColor throttleColor = StateStyle::color(AccountState::Throttled, palette());
    m_throttles->setColor(throttleColor);
    m_throttles->setBorderColor(throttleColor.darker(130));
    m_throttles->setMarkerSize(9);
    m_throttles->setMarkerShape(QScatterSeries::MarkerShapeRectangle);
    c->addSeries(m_throttles);
    m_throttles->attachAxis(m_xAxis);
    m_throttles->attachAxis(m_yAxis);
    m_seriesLabel.insert(m_throttles, tr("429 / throttled"));
    if (!m_overview) {
        // A flag some providers send instead of a remaining count (Bitbucket: under 20 % left).
        m_nearLimits = new QScatterSeries;
        m_nearLimits->setName(tr("Near limit (flag)"));
        const QColor nearColor = StateStyle::color(AccountState::Warning, palette());
        m_nearLimits->setColor(nearColor);
        m_nearLimits->setBorderColor(nearColor.darker(130));
        m_nearLimits->setMarkerSize(10);
        m_nearLimits->setMarkerShape(QScatterSeries::MarkerShapeTriangle);
        c->addSeries(m_nearLimits);
        m_nearLimits->attachAxis(m_xAxis);
        m_nearLimits->attachAxis(m_yAxis);
        connect(m_nearLimits, &QScatterSeries::hovered, this, [this](const QPointF &p, bool state) {
            if (!state) {
                QToolTip::hideText();
                return;
            }
            const QDateTime t = QDateTime::fromMSecsSinceEpoch(qint64(p.x()), Qt::UTC).toLocalTime();
            QToolTip::showText(QCursor::pos(),
                               tr("Near limit (the provider's flag) at %1").arg(QLocale().toString(t, QLocale::LongFormat)),
                               this);
        });
    }

    for (QLineSeries *s : std::as_const(m_dataLines)) {
        connect(s, &QLineSeries::hovered, this,
                [this, s](const QPointF &p, bool state) { showTooltipFor(s, p, state); });
    }
    if (m_limitLine) {
        connect(m_limitLine, &QLineSeries::hovered, this,
                [this](const QPointF &p, bool state) { showTooltipFor(m_limitLine, p, state); });
    }
    connect(m_throttles, &QScatterSeries::hovered, this, [this](const QPointF &p, bool state) {
        if (!state) {
            QToolTip::hideText();
            return;
        }
        const QDateTime t = QDateTime::fromMSecsSinceEpoch(qint64(p.x()), Qt::UTC).toLocalTime();
        QToolTip::showText(QCursor::pos(), tr("Throttled (429) at %1").arg(QLocale().toString(t, QLocale::LongFormat)),
                           this);
    });
    // Threshold lines explain the colours; they need no legend entry of their own in the overview.
    const auto markers = c->legend()->markers();
    for (QLegendMarker *m : markers) {
        if (m_overview && (m->series() == m_warningLine || m->series() == m_criticalLine))
            m->setVisible(false);
    }
    applyPalette();
}

void QuotaChartView::refresh()
{
    m_refreshTimer.stop();
    // Hidden, nothing is on screen and the width is a guess: reading fifty accounts' series
    // before the window's first frame only delays that frame.
    if (!isVisible()) {
        m_refreshAfterPaint = true;
        return;
    }
    m_refreshAfterPaint = false;
    // Series and legend entries for fifty accounts are built here too, after the first frame,
    // not while the window is being put together.
    if (std::exchange(m_rebuildPending, false))
        rebuildSeries();
    if (m_range != Range::Custom)
        updateSlidingWindow();
    ++m_refreshCount;
    if (!m_reader || !m_store || !m_store->isOpen()) {
        m_ticket = 0;
        applySeries({});
        return;
    }
    QList<HistoryReader::SeriesKey> keys;
    if (m_overview) {
        for (int i = 0; i < m_entries.size() && i < m_dataLines.size(); ++i)
            keys.append({m_entries.at(i).accountId, m_entries.at(i).resource});
    } else if (!m_dataLines.isEmpty()) {
        keys.append({m_accountId, m_resource});
    }
    m_nearLimitTimes.clear();
    if (!m_overview && !m_accountId.isEmpty()) {
        // Near-limit flags are events, not samples; one account's in the window are few.
        const QList<Event> events = m_store->events(m_from, m_to, {m_accountId}, 2000);
        for (const Event &e : events) {
            if (e.kind == EventKind::NearLimit)
                m_nearLimitTimes.append(e.time.toMSecsSinceEpoch());
        }
    }
    // The series are read off the UI thread; onSeriesLoaded() draws the newest of them.
    m_ticket = m_reader->requestSeries(keys, m_from, m_to, pixelWidth());
    viewport()->update();
}

void QuotaChartView::onSeriesLoaded(quint64 ticket, const QList<ChartSeries> &series)
{
    // A rebuild since the request changed which lines there are; its own refresh follows.
    if (ticket != m_ticket)
        return;
    applySeries(series);
}

void QuotaChartView::applySeries(const QList<ChartSeries> &series)
{
    const QScopedValueRollback guard(m_applying, true);
    double yMax = 0;
    QList<QPointF> throttlePoints;
    QList<QList<QPointF>> lines;
    QList<QPointF> limit;
    m_resets.clear();

    if (m_overview) {
        for (int i = 0; i < series.size() && i < m_dataLines.size(); ++i) {
            const ChartSeries &cs = series.at(i);
            lines.append(toPercent(cs.remaining, cs.limit));
            for (qint64 t : cs.throttles)
                throttlePoints.append(QPointF(double(t), yAt(lines.last(), double(t))));
        }
        yMax = 100;
    } else if (!series.isEmpty() && !m_dataLines.isEmpty()) {
        const ChartSeries &cs = series.first();
        lines.append(cs.remaining);
        limit = cs.limit;
        for (const QPointF &p : cs.remaining)
            yMax = std::max(yMax, p.y());
        for (const QPointF &p : cs.limit)
            yMax = std::max(yMax, p.y());
        for (qint64 t : cs.throttles)
            throttlePoints.append(QPointF(double(t), yAt(cs.remaining, double(t))));
        m_resets = cs.resets;
    }
    if (!m_overview && limit.isEmpty() && m_contextLimit) {
        // A reading with a limit and no remaining count leaves no limit in the stored series:
        // the limit the table knows is drawn as a level across the window.
        const double level = double(*m_contextLimit);
        limit = {QPointF(double(m_from.toMSecsSinceEpoch()), level), QPointF(double(m_to.toMSecsSinceEpoch()), level)};
        yMax = std::max(yMax, level);
    }
    if (m_limitLine) {
        const QString name = m_contextDocumented ? tr("Documented limit") : tr("Limit");
        m_limitLine->setName(name);
        m_seriesLabel.insert(m_limitLine, name);
    }

    // Threshold lines: relative to the largest limit seen (single) or in percent (overview).
    double limitForLines = 100;
    if (!m_overview) {
        limitForLines = 0;
        for (const QPointF &p : std::as_const(limit))
            limitForLines = std::max(limitForLines, p.y());
    }
    // Axes first: a range change re-lays out every series, which is cheap while they still hold
    // the old points and would be paid twice after the new ones went in.
    updateAxes(m_overview ? 100 : yMax, m_overview);
    const double x0 = double(m_from.toMSecsSinceEpoch());
    const double x1 = double(m_to.toMSecsSinceEpoch());
    if (m_warningLine && m_criticalLine) {
        if (limitForLines > 0) {
            const Thresholds t = lineThresholds();
            const double w = limitForLines * t.warningPct / 100.0;
            const double cr = limitForLines * t.criticalPct / 100.0;
            m_warningLine->replace({QPointF(x0, w), QPointF(x1, w)});
            m_criticalLine->replace({QPointF(x0, cr), QPointF(x1, cr)});
        } else {
            m_warningLine->clear();
            m_criticalLine->clear();
        }
    }
    for (int i = 0; i < m_dataLines.size(); ++i)
        m_dataLines.at(i)->replace(i < lines.size() ? lines.at(i) : QList<QPointF>());
    if (m_limitLine)
        m_limitLine->replace(limit);
    if (m_throttles)
        m_throttles->replace(throttlePoints);
    if (m_nearLimits) {
        // At the level the flag stands for (the warning line), else on the remaining line.
        QList<QPointF> nearPoints;
        const std::optional<double> level = warningLineLevel();
        for (qint64 t : std::as_const(m_nearLimitTimes)) {
            const double y = !lines.isEmpty() && !lines.first().isEmpty() ? yAt(lines.first(), double(t)) : level.value_or(0);
            nearPoints.append(QPointF(double(t), y));
        }
        m_nearLimits->replace(nearPoints);
    }
    viewport()->update();
    Q_EMIT seriesApplied();
}

void QuotaChartView::updateAxes(double yMax, bool percent)
{
    const QScopedValueRollback guard(m_applying, true);
    const qint64 span = m_from.secsTo(m_to);
    if (span <= 2 * 86400)
        m_xAxis->setFormat(QStringLiteral("HH:mm"));
    else if (span <= 8 * 86400)
        m_xAxis->setFormat(QStringLiteral("ddd HH:mm"));
    else
        m_xAxis->setFormat(QStringLiteral("d MMM"));
    m_xAxis->setTickCount(std::clamp(pixelWidth() / 110, 2, 10));
    m_xAxis->setRange(m_from.toLocalTime(), m_to.toLocalTime());
    m_yAxis->setTickType(QValueAxis::TicksFixed);
    if (percent) {
        m_yAxis->setRange(0, 100);
        m_yAxis->setTickCount(6);
        m_yAxis->setLabelsVisible(true);
        m_yAxis->setTitleText(tr("% of limit"));
        return;
    }
    if (yMax <= 0) {
        // Nothing with a value (429s only): an axis of made-up numbers would read as a quota.
        m_yAxis->setRange(0, 1);
        m_yAxis->setTickCount(2);
        m_yAxis->setLabelsVisible(false);
        m_yAxis->setTitleText(QString());
        return;
    }
    // Counts are whole numbers: from 0, in steps of 1, 2 or 5 times a power of ten, so every
    // tick is an integer and no two labels repeat.
    const double raw = yMax * 1.05 / 5.0;
    const double magnitude = std::pow(10.0, std::floor(std::log10(std::max(raw, 1.0))));
    double step = magnitude;
    for (double m : {1.0, 2.0, 5.0, 10.0}) {
        step = m * magnitude;
        if (step >= raw)
            break;
    }
    step = std::max(1.0, step);
    const double top = std::ceil(yMax * 1.05 / step) * step;
    m_yAxis->setRange(0, top);
    m_yAxis->setTickCount(int(std::lround(top / step)) + 1);
    m_yAxis->setLabelsVisible(true);
    m_yAxis->setTitleText(tr("Remaining"));
}

void QuotaChartView::onAxisRangeChanged(const QDateTime &min, const QDateTime &max)
{
    if (m_applying)
        return;
    // The user zoomed (rubber band, right-click zoom-out) or panned: fix the window there and
    // re-query so decimation follows the new span.
    m_range = Range::Custom;
    m_from = min.toUTC();
    m_to = max.toUTC();
    Q_EMIT timeWindowChanged(m_from, m_to);
    scheduleRefresh();
}

void QuotaChartView::zoomAround(double xMs, double factor)
{
    const double from = double(m_from.toMSecsSinceEpoch());
    const double to = double(m_to.toMSecsSinceEpoch());
    const double newFrom = xMs - (xMs - from) * factor;
    const double newTo = xMs + (to - xMs) * factor;
    setTimeWindow(QDateTime::fromMSecsSinceEpoch(qint64(newFrom), Qt::UTC),
                  QDateTime::fromMSecsSinceEpoch(qint64(newTo), Qt::UTC));
    Q_EMIT timeWindowChanged(m_from, m_to);
}

void QuotaChartView::panByMs(qint64 ms)
{
    setTimeWindow(m_from.addMSecs(ms), m_to.addMSecs(ms));
    Q_EMIT timeWindowChanged(m_from, m_to);
}

void QuotaChartView::wheelEvent(QWheelEvent *event)
{
    const int delta = event->angleDelta().y();
    if (delta == 0) {
        QChartView::wheelEvent(event);
        return;
    }
    const QPointF value = chart()->mapToValue(chart()->mapFromScene(mapToScene(event->position().toPoint())),
                                              m_dataLines.isEmpty() ? nullptr : m_dataLines.first());
    const double x = std::clamp(value.x(), double(m_from.toMSecsSinceEpoch()), double(m_to.toMSecsSinceEpoch()));
    zoomAround(x, delta > 0 ? 0.8 : 1.25);
    event->accept();
}

void QuotaChartView::mousePressEvent(QMouseEvent *event)
{
    // Middle button, or Ctrl with the left one, pans; the left button alone draws the zoom band.
    if (event->button() == Qt::MiddleButton
        || (event->button() == Qt::LeftButton && (event->modifiers() & Qt::ControlModifier))) {
        m_panning = true;
        m_panLast = event->position().toPoint();
        setCursor(Qt::ClosedHandCursor);
        event->accept();
        return;
    }
    QChartView::mousePressEvent(event);
}

void QuotaChartView::mouseMoveEvent(QMouseEvent *event)
{
    if (m_panning) {
        const int dx = event->position().toPoint().x() - m_panLast.x();
        m_panLast = event->position().toPoint();
        const double width = std::max(1.0, chart()->plotArea().width());
        panByMs(-qint64(double(dx) * double(m_from.msecsTo(m_to)) / width));
        event->accept();
        return;
    }
    QChartView::mouseMoveEvent(event);
}

void QuotaChartView::mouseReleaseEvent(QMouseEvent *event)
{
    if (m_panning) {
        m_panning = false;
        unsetCursor();
        event->accept();
        return;
    }
    QChartView::mouseReleaseEvent(event);
}

void QuotaChartView::keyPressEvent(QKeyEvent *event)
{
    const qint64 span = m_from.msecsTo(m_to);
    const double mid = double(m_from.toMSecsSinceEpoch()) + double(span) / 2;
    switch (event->key()) {
    case Qt::Key_Left:
        panByMs(-span / 5);
        return;
    case Qt::Key_Right:
        panByMs(span / 5);
        return;
    case Qt::Key_Plus:
    case Qt::Key_Equal:
        zoomAround(mid, 0.8);
        return;
    case Qt::Key_Minus:
        zoomAround(mid, 1.25);
        return;
    default:
        break;
    }
    QChartView::keyPressEvent(event);
}

void QuotaChartView::resizeEvent(QResizeEvent *event)
{
    QChartView::resizeEvent(event);
    // Decimation is per pixel column: a new width is a new query.
    scheduleRefresh();
}

void QuotaChartView::paintEvent(QPaintEvent *event)
{
    QChartView::paintEvent(event);
    if (m_refreshAfterPaint) {
        m_refreshAfterPaint = false;
        QTimer::singleShot(0, this, &QuotaChartView::refresh);
    }
}

void QuotaChartView::changeEvent(QEvent *event)
{
    QChartView::changeEvent(event);
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::StyleChange)
        applyPalette();
}

void QuotaChartView::applyPalette()
{
    // The chart follows the widget palette (System/Light/Dark) rather than a fixed chart theme.
    const QPalette pal = palette();
    QChart *c = chart();
    const QColor text = pal.color(QPalette::WindowText);
    QColor grid = text;
    grid.setAlpha(40);
    c->setBackgroundBrush(pal.color(QPalette::Base));
    c->setBackgroundPen(Qt::NoPen);
    c->setPlotAreaBackgroundVisible(false);
    c->setTitleBrush(text);
    c->legend()->setLabelColor(text);
    for (QAbstractAxis *axis : {static_cast<QAbstractAxis *>(m_xAxis), static_cast<QAbstractAxis *>(m_yAxis)}) {
        axis->setLabelsColor(text);
        axis->setTitleBrush(text);
        axis->setGridLineColor(grid);
        axis->setLinePenColor(grid);
    }
    if (m_warningLine)
        m_warningLine->setColor(StateStyle::color(AccountState::Warning, pal));
    if (m_criticalLine)
        m_criticalLine->setColor(StateStyle::color(AccountState::Critical, pal));
    setBackgroundBrush(pal.color(QPalette::Base));
}

void QuotaChartView::showTooltipFor(QLineSeries *series, const QPointF &point, bool state)
{
    if (!state) {
        QToolTip::hideText();
        return;
    }
    // Qt reports the cursor position in value space; the exact value is the nearest real point.
    const QList<QPointF> pts = series->points();
    if (pts.isEmpty())
        return;
    auto it = std::lower_bound(pts.begin(), pts.end(), point.x(), [](const QPointF &p, double x) { return p.x() < x; });
    if (it == pts.end())
        it = std::prev(it);
    else if (it != pts.begin() && std::abs(std::prev(it)->x() - point.x()) < std::abs(it->x() - point.x()))
        it = std::prev(it);
    const QDateTime t = QDateTime::fromMSecsSinceEpoch(qint64(it->x()), Qt::UTC).toLocalTime();
    const QString when = QLocale().toString(t, QLocale::LongFormat);
    const QString label = m_seriesLabel.value(series);
    const QString value = m_overview ? tr("%1 %").arg(it->y(), 0, 'f', 1) : QLocale().toString(qint64(it->y()));
    QToolTip::showText(QCursor::pos(), tr("%1\n%2\n%3").arg(label, value, when), this);
}

void QuotaChartView::drawForeground(QPainter *painter, const QRectF &rect)
{
    QChartView::drawForeground(painter, rect);
    if (isLoading() && plottedPointCount() == 0) {
        painter->save();
        QColor color = palette().color(QPalette::WindowText);
        color.setAlpha(140);
        painter->setPen(color);
        painter->drawText(chart()->plotArea(), Qt::AlignCenter, tr("Reading history…"));
        painter->restore();
    }
    if (noteShown() && !isLoading()) {
        // Why the plot has no remaining line, where the line would be.
        const QRectF plot = chart()->plotArea().adjusted(12, 10, -12, -10);
        QFont font = painter->font();
        const QFontMetrics fm(font);
        const QRectF needed = fm.boundingRect(plot.toRect(), Qt::TextWordWrap | Qt::AlignLeft | Qt::AlignTop, m_note);
        // Below the limit line and above the 429s along the bottom, so both stay in sight.
        const QRectF area = chart()->plotArea();
        QRectF box = needed.adjusted(-8, -6, 8, 6);
        box.moveCenter(area.center());
        if (m_limitLine && m_limitLine->count() > 0) {
            const QPointF level = chart()->mapToScene(chart()->mapToPosition(m_limitLine->at(0), m_limitLine));
            const double top = std::min(level.y() + 10, area.bottom() - 16 - box.height());
            box.moveTop(std::max(area.top() + 4, top));
        }
        box = box.intersected(area);
        QColor ground = palette().color(QPalette::Base);
        ground.setAlpha(225);
        QColor frame = palette().color(QPalette::WindowText);
        frame.setAlpha(60);
        painter->save();
        painter->setRenderHint(QPainter::Antialiasing, true);
        painter->setPen(QPen(frame, 1));
        painter->setBrush(ground);
        painter->drawRoundedRect(box, 4, 4);
        painter->setPen(palette().color(QPalette::WindowText));
        painter->drawText(box.adjusted(8, 6, -8, -6), Qt::TextWordWrap | Qt::AlignLeft | Qt::AlignTop, m_note);
        painter->restore();
    }
    if (m_resets.isEmpty() || m_dataLines.isEmpty())
        return;
    // Reset instants as vertical markers, drawn here rather than as one series per reset.
    const QRectF plot = chart()->plotArea();
    QColor color = palette().color(QPalette::WindowText);
    color.setAlpha(90);
    QPen pen(color);
    pen.setStyle(Qt::DashLine);
    pen.setCosmetic(true);
    painter->save();
    painter->setPen(pen);
    painter->setClipRect(plot);
    double lastX = -1e9;
    for (qint64 t : std::as_const(m_resets)) {
        const QPointF pos = chart()->mapToPosition(QPointF(double(t), 0), m_dataLines.first());
        const double x = chart()->mapToScene(pos).x();
        if (x < plot.left() || x > plot.right() || x - lastX < 2)
            continue; // resets closer than two pixels would fill the plot with grey
        painter->drawLine(QPointF(x, plot.top()), QPointF(x, plot.bottom()));
        lastX = x;
    }
    painter->restore();
}

int QuotaChartView::plottedPointCount() const
{
    int n = 0;
    for (const QLineSeries *s : m_dataLines)
        n += int(s->count());
    if (m_limitLine)
        n += int(m_limitLine->count());
    return n;
}

int QuotaChartView::throttleMarkerCount() const
{
    return m_throttles ? int(m_throttles->count()) : 0;
}

int QuotaChartView::nearLimitMarkerCount() const
{
    return m_nearLimits ? int(m_nearLimits->count()) : 0;
}

int QuotaChartView::resetMarkerCount() const
{
    return int(m_resets.size());
}

bool QuotaChartView::isLoading() const
{
    return m_ticket != 0 && m_reader && m_reader->seriesPending();
}
