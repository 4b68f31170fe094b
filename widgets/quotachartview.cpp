#include "quotachartview.h"

#include "chartscales.h"
#include "statestyle.h"
#include "theme.h"

#include "core/clock.h"
#include "history/historybackend.h"
#include "history/historyreader.h"

#include <QAbstractTextDocumentLayout>
#include <QCategoryAxis>
#include <QChart>
#include <QGraphicsLayout>
#include <QLegendMarker>
#include <QLineSeries>
#include <QLocale>
#include <QMouseEvent>
#include <QScatterSeries>
#include <QScopedValueRollback>
#include <QSet>
#include <QTextDocument>

#include <algorithm>
#include <cmath>
#include <utility>

namespace {

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

QuotaChartView::QuotaChartView(HistoryBackend *store, QWidget *parent)
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
    // The foreground (messages, reset markers, the readout) depends on the whole view: a partial
    // update would paint a new message over pieces of the old one.
    setViewportUpdateMode(QGraphicsView::FullViewportUpdate);
    setRubberBand(QChartView::HorizontalRubberBand);
    setFocusPolicy(Qt::StrongFocus);
    setMinimumHeight(160);

    // Category axes carry labels we choose: round local times, dates at midnight, counts with
    // group separators and the limit at the top (QDateTimeAxis only splits the range evenly).
    m_xAxis = new QCategoryAxis(this);
    m_xAxis->setLabelsPosition(QCategoryAxis::AxisLabelsPositionOnValue);
    m_yAxis = new QCategoryAxis(this);
    m_yAxis->setLabelsPosition(QCategoryAxis::AxisLabelsPositionOnValue);
    c->addAxis(m_xAxis, Qt::AlignBottom);
    c->addAxis(m_yAxis, Qt::AlignLeft);
    connect(m_xAxis, &QCategoryAxis::rangeChanged, this, &QuotaChartView::onAxisRangeChanged);
    viewport()->setMouseTracking(true);

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
        connect(m_store, &HistoryBackend::samplesAdded, this, &QuotaChartView::onSamplesAdded);
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
    const bool same = m_accountId == accountId && m_resource == resource;
    m_accountId = accountId;
    m_resource = resource;
    m_name = name;
    if (!same) {
        m_rebuildPending = true;
        m_ticket = 0; // a result on its way belongs to the old lines
        m_note.clear();
        m_contextLimit.reset();
        m_contextDocumented = false;
        m_status.reset();
        m_statusDetail.clear();
        m_hoverText.clear();
        m_lastRead.reset();
        m_unreadable = false;
    }
    refresh();
}

void QuotaChartView::setAccountStatus(AccountState state, const QString &detail, bool canEdit)
{
    if (m_status == state && m_statusDetail == detail && m_canEdit == canEdit)
        return;
    m_status = state;
    m_statusDetail = detail;
    m_canEdit = canEdit;
    viewport()->update();
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
    return int(m_yTicks.size());
}

QList<double> QuotaChartView::yAxisTickValues() const
{
    return m_yTicks;
}

QList<double> QuotaChartView::xAxisTickValues() const
{
    return m_xTicks;
}

QStringList QuotaChartView::xAxisTickLabels() const
{
    // Labels made unique with zero-width spaces (a category axis needs unique labels) read the same.
    QStringList out;
    for (const QString &l : m_xAxis->categoriesLabels())
        out << QString(l).remove(QChar(0x200B));
    return out;
}

QStringList QuotaChartView::legendEntries() const
{
    return m_legendEntries;
}

bool QuotaChartView::yAxisLabelsVisible() const
{
    return m_yAxis->labelsVisible();
}

bool QuotaChartView::noteShown() const
{
    return !m_note.isEmpty() && m_remaining.isEmpty();
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
    return m_thresholds(m_accountId);
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
    if (accountId == m_accountId)
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
    m_remaining.clear();
    m_limitLine = m_warningLine = m_criticalLine = nullptr;
    m_throttles = nullptr;
    m_nearLimits = nullptr;
    m_resetLegend = nullptr;
    m_resets.clear();

    m_title = m_resource.isEmpty() ? m_name : tr("%1 — %2").arg(m_name, m_resource);
    applyCompactness();
    QLineSeries *remaining = addLine(tr("Remaining"), QColor(0x2f, 0x7e, 0xd8), Qt::SolidLine, 2.0);
    m_dataLines.append(remaining);
    m_limitLine = addLine(tr("Limit"), QColor(0x7f, 0x8c, 0x8d), Qt::DashLine, 1.4);
    // The account's own thresholds (the alert settings).
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
    // Reset markers are drawn over the plot, not as a series; this empty one is their legend entry.
    m_resetLegend = addLine(tr("Reset"), QColor(0x7f, 0x8c, 0x8d), Qt::SolidLine, 1.0);
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
    updateLegend();
    applyPalette();
}

void QuotaChartView::updateLegend()
{
    // Legend entries only for what is drawn: a series without points has none.
    QChart *c = chart();
    const auto markers = c->legend()->markers();
    QList<QLegendMarker *> drawn;
    for (QLegendMarker *m : markers) {
        auto *xy = qobject_cast<QXYSeries *>(m->series());
        // Later stretches of the remaining line share the first one's entry.
        if (m_dataLines.indexOf(xy) > 0)
            continue;
        if (xy == m_resetLegend ? resetMarkerCount() > 0 : xy && xy->count() > 0)
            drawn.append(m);
    }
    m_legendEntries.clear();
    // The legend first: a marker of a hidden legend reads as hidden whatever it was told.
    c->legend()->setVisible(!drawn.isEmpty());
    bool changed = false;
    for (QLegendMarker *m : markers) {
        changed = changed || m->isVisible() != drawn.contains(m);
        m->setVisible(drawn.contains(m));
        if (drawn.contains(m))
            m_legendEntries << m->label();
    }
    // A marker hidden after the legend was laid out keeps its place until the layout is redone.
    if (changed && c->legend()->layout())
        c->legend()->layout()->invalidate();
}

void QuotaChartView::refresh()
{
    m_refreshTimer.stop();
    // Hidden, nothing is on screen and the width is a guess: reading the series before the
    // window's first frame only delays that frame.
    if (!isVisible()) {
        m_refreshAfterPaint = true;
        return;
    }
    m_refreshAfterPaint = false;
    // Series and legend entries are built here too, after the first frame, not while the window
    // is being put together.
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
    if (!m_accountId.isEmpty())
        keys.append({m_accountId, m_resource});
    m_nearLimitTimes.clear();
    m_crossingTimes.clear();
    if (!m_accountId.isEmpty()) {
        // Near-limit flags are events, not samples; one account's in the window are few.
        const QList<Event> events = m_store->events(m_from, m_to, {m_accountId}, 2000);
        for (const Event &e : events) {
            if (e.kind == EventKind::NearLimit)
                (e.detail.isEmpty() ? m_crossingTimes : m_nearLimitTimes).append(e.time.toMSecsSinceEpoch());
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
    const bool unreadable
        = std::any_of(series.cbegin(), series.cend(), [](const ChartSeries &s) { return s.unreadable; });
    if (unreadable && m_lastRead) {
        // The history is away (the window's banner says so): what was read of this account stays
        // drawn rather than turning into "no readings".
        applySeries({ *m_lastRead });
        return;
    }
    m_unreadable = unreadable;
    m_lastRead.reset();
    if (!unreadable && !series.isEmpty())
        m_lastRead = series.first();
    applySeries(unreadable ? QList<ChartSeries> {} : series);
}

void QuotaChartView::applySeries(const QList<ChartSeries> &series)
{
    const QScopedValueRollback guard(m_applying, true);
    QList<QPointF> remaining;
    QList<QPointF> throttlePoints;
    QList<QPointF> limit;
    m_resets.clear();
    if (!series.isEmpty()) {
        const ChartSeries &cs = series.first();
        remaining = cs.remaining;
        limit = cs.limit;
        for (qint64 t : cs.throttles)
            throttlePoints.append(QPointF(double(t), yAt(cs.remaining, double(t))));
        m_resets = cs.resets;
    }
    if (limit.isEmpty() && m_contextLimit) {
        // A reading with a limit and no remaining count leaves no limit in the stored series:
        // the limit the table knows is drawn as a level across the window.
        const double level = double(*m_contextLimit);
        limit = {QPointF(double(m_from.toMSecsSinceEpoch()), level), QPointF(double(m_to.toMSecsSinceEpoch()), level)};
    }
    // The axis ends at the limit: the top of the plot is a full quota. Only a remaining count
    // above every limit in the window (a limit lowered meanwhile) reaches higher; without any
    // limit, the next round number above the highest count.
    double maxLimit = 0;
    double maxRemaining = 0;
    for (const QPointF &p : std::as_const(limit))
        maxLimit = std::max(maxLimit, p.y());
    for (const QPointF &p : std::as_const(remaining))
        maxRemaining = std::max(maxRemaining, p.y());
    double yMax = 0;
    if (maxLimit > 0)
        yMax = std::max(maxLimit, maxRemaining);
    else if (maxRemaining > 0)
        yMax = ChartScales::roundUp(maxRemaining);
    const QString limitName = m_contextDocumented ? tr("Documented limit") : tr("Limit");
    m_limitLine->setName(limitName);

    // Axes first: a range change re-lays out every series, which is cheap while they still hold
    // the old points and would be paid twice after the new ones went in.
    updateAxes(yMax);
    const double x0 = double(m_from.toMSecsSinceEpoch());
    const double x1 = double(m_to.toMSecsSinceEpoch());
    // Threshold lines: shares of the largest limit in the window.
    if (maxLimit > 0) {
        const Thresholds t = lineThresholds();
        const double w = maxLimit * t.warningPct / 100.0;
        const double cr = maxLimit * t.criticalPct / 100.0;
        m_warningLine->replace({QPointF(x0, w), QPointF(x1, w)});
        m_criticalLine->replace({QPointF(x0, cr), QPointF(x1, cr)});
    } else {
        m_warningLine->clear();
        m_criticalLine->clear();
    }
    // A span without readings stays blank: each stretch with readings is its own line, all in
    // the remaining line's pen, the first one carrying the legend entry.
    const double minGapMs = std::max(10 * 60 * 1000.0, 4 * (x1 - x0) / std::max(1, pixelWidth()));
    const QList<QList<QPointF>> segments = ChartScales::splitAtGaps(remaining, minGapMs);
    while (m_dataLines.size() < std::max<qsizetype>(1, segments.size())) {
        QLineSeries *segment = addLine(tr("Remaining"), m_dataLines.first()->color(), Qt::SolidLine, 2.0);
        segment->setPen(m_dataLines.first()->pen());
        m_dataLines.append(segment);
    }
    for (qsizetype i = 0; i < m_dataLines.size(); ++i)
        m_dataLines.at(i)->replace(i < segments.size() ? segments.at(i) : QList<QPointF>());
    m_remaining = remaining;
    m_limitLine->replace(limit);
    m_throttles->replace(throttlePoints);
    // Near-limit flags at the level the flag stands for (the warning line), else on the
    // remaining line.
    QList<QPointF> nearPoints;
    const std::optional<double> level = warningLineLevel();
    QList<qint64> nearTimes = m_nearLimitTimes;
    if (remaining.isEmpty())
        nearTimes += m_crossingTimes;
    for (qint64 t : std::as_const(nearTimes))
        nearPoints.append(QPointF(double(t), !remaining.isEmpty() ? yAt(remaining, double(t)) : level.value_or(0)));
    m_nearLimits->replace(nearPoints);
    updateLegend();
    updateHover(m_hoverPos);
    viewport()->update();
    Q_EMIT seriesApplied();
}

namespace {

// A category axis needs unique labels; the same time on two days gets invisible marks.
void setCategories(QCategoryAxis *axis, const QList<ChartScales::Tick> &ticks, double min, double max)
{
    const QStringList old = axis->categoriesLabels();
    for (const QString &label : old)
        axis->remove(label);
    axis->setStartValue(min);
    QSet<QString> used;
    for (const ChartScales::Tick &t : ticks) {
        QString label = t.label;
        while (used.contains(label))
            label += QChar(0x200B);
        used.insert(label);
        axis->append(label, t.value);
    }
    axis->setRange(min, max);
}

} // namespace

void QuotaChartView::updateAxes(double yMax)
{
    const QScopedValueRollback guard(m_applying, true);
    const qint64 fromMs = m_from.toMSecsSinceEpoch();
    const qint64 toMs = m_to.toMSecsSinceEpoch();
    const QList<ChartScales::Tick> xTicks
        = ChartScales::timeTicks(fromMs, toMs, pixelWidth(), QFontMetricsF(m_xAxis->labelsFont()));
    m_xTicks.clear();
    for (const ChartScales::Tick &t : xTicks)
        m_xTicks.append(t.value);
    setCategories(m_xAxis, xTicks, double(fromMs), double(toMs));

    // As many count ticks as fit with room to read them.
    const double plotHeight = chart()->plotArea().height() > 10 ? chart()->plotArea().height() : double(height());
    const int maxTicks = std::clamp(int(plotHeight / 40), 3, 8);
    QList<ChartScales::Tick> yTicks;
    if (yMax <= 0) {
        // Nothing with a value (429s only): an axis of made-up numbers would read as a quota.
        setCategories(m_yAxis, {}, 0, 1);
        m_yAxis->setLabelsVisible(false);
        m_yAxis->setTitleText(QString());
    } else {
        yTicks = ChartScales::countTicks(yMax, maxTicks);
        // The top tick is the limit; a sliver above it keeps the limit line off the plot's edge.
        setCategories(m_yAxis, yTicks, 0, yMax * 1.03);
        m_yAxis->setLabelsVisible(true);
        m_yAxis->setTitleText(tr("Remaining"));
    }
    m_yTicks.clear();
    for (const ChartScales::Tick &t : std::as_const(yTicks))
        m_yTicks.append(t.value);
}

void QuotaChartView::onAxisRangeChanged(qreal min, qreal max)
{
    if (m_applying)
        return;
    // The user zoomed (rubber band, right-click zoom-out) or panned: fix the window there and
    // re-query so decimation follows the new span.
    m_range = Range::Custom;
    m_from = QDateTime::fromMSecsSinceEpoch(qint64(min), Qt::UTC);
    m_to = QDateTime::fromMSecsSinceEpoch(qint64(max), Qt::UTC);
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
    updateHover(mapToScene(event->position().toPoint()));
}

void QuotaChartView::leaveEvent(QEvent *event)
{
    QChartView::leaveEvent(event);
    updateHover(QPointF());
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

void QuotaChartView::applyCompactness()
{
    // A short chart (a small window) gives its title's and the y title's rows to the plot: the
    // table's selected row already names the account.
    const bool compact = height() < 300;
    chart()->setTitle(compact ? QString() : m_title);
    m_yAxis->setTitleVisible(!compact);
}

void QuotaChartView::resizeEvent(QResizeEvent *event)
{
    QChartView::resizeEvent(event);
    applyCompactness();
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

namespace {

// Resets closer than this merge into one marker: at an hour's range a token bucket's moving
// reset would otherwise paint the plot grey.
constexpr double kResetMergePx = 16;
// A merged run wider than this is a reset that keeps moving (a rolling window, a token bucket),
// not an instant: drawn as a strip along the top of the plot rather than as lines.
constexpr double kResetRunPx = 3 * kResetMergePx;
// How near (in pixels) the mouse must be to a point or marker for the readout to name it.
constexpr double kHoverReachPx = 12;

} // namespace

QRectF QuotaChartView::plotRect() const
{
    return chart()->mapRectToScene(chart()->plotArea());
}

double QuotaChartView::sceneXOf(double xMs) const
{
    const QRectF plot = plotRect();
    const double span = m_xAxis->max() - m_xAxis->min();
    if (span <= 0)
        return plot.left();
    return plot.left() + (xMs - m_xAxis->min()) / span * plot.width();
}

QList<double> QuotaChartView::resetPixels() const
{
    QList<double> xs;
    const QRectF plot = plotRect();
    for (qint64 t : std::as_const(m_resets)) {
        const double x = sceneXOf(double(t));
        if (x >= plot.left() && x <= plot.right())
            xs.append(x);
    }
    return xs;
}

QString QuotaChartView::statusHeadline() const
{
    if (m_accountId.isEmpty())
        return tr("Select an account in the table to see its chart.");
    const bool hasRemaining = !m_remaining.isEmpty();
    if (m_unreadable)
        return tr("The history cannot be read just now: the chart is drawn once it can be.");
    if (m_status) {
        switch (*m_status) {
        case AccountState::AuthFailed:
            if (!m_canEdit)
                return tr("The token was refused (HTTP 401). This demo account fails on purpose; the other accounts "
                          "show live data.");
            return hasRemaining ? tr("The token was refused (HTTP 401): edit the account and enter a new token. The "
                                     "line ends at the last accepted probe.")
                                : tr("The token was refused (HTTP 401): edit the account and enter a new token.");
        case AccountState::Unlimited:
            return tr("No limit: this account reports no quota (rate limiting is off on its server), so there is "
                      "nothing to draw. Nothing to do; the chart fills in if limiting is turned on.");
        case AccountState::Error:
            return tr("The last probe failed; Headroom keeps retrying on its own. If it goes on failing, check the "
                      "network, the base URL and the token.");
        case AccountState::Stale:
            return tr("No successful probe for a while: the line ends at the last reading.");
        default:
            break;
        }
    }
    if (hasRemaining)
        return {};
    if (m_contextLimit) {
        return m_contextDocumented
            ? tr("The provider sends no rate-limit headers: Headroom shows the documented limit and counts 429s. "
                 "What is left is unknown; credentials that get the headers would show it.")
            : tr("The provider reports the limit but not what is left: the chart shows the limit and the "
                 "provider's near-limit flags.");
    }
    if (throttleMarkerCount() > 0 || !m_note.isEmpty())
        return tr("The provider sends no rate-limit headers: Headroom counts 429s; the limit and what is left are "
                  "unknown. Credentials that get the headers would show them.");
    return tr("No readings in this time range yet: the chart fills in as probes arrive. A longer range shows older "
              "history.");
}

QString QuotaChartView::emptyStateText() const
{
    const QString headline = statusHeadline();
    if (headline.isEmpty() && !noteShown())
        return {};
    QStringList parts;
    if (!headline.isEmpty())
        parts << headline;
    if (!m_statusDetail.isEmpty())
        parts << m_statusDetail;
    if (noteShown())
        parts << m_note;
    return parts.join(u'\n');
}

QString QuotaChartView::readoutAt(double xMs) const
{
    if (m_dataLines.isEmpty() && m_remaining.isEmpty() && !m_limitLine)
        return {};
    const QRectF plot = plotRect();
    const double span = m_xAxis->max() - m_xAxis->min();
    if (plot.width() <= 1 || span <= 0)
        return {};
    const double reach = kHoverReachPx * span / plot.width();
    const QLocale locale;

    std::optional<double> remaining;
    double at = xMs;
    const QList<QPointF> &pts = m_remaining;
    if (!pts.isEmpty()) {
        auto it = std::lower_bound(pts.begin(), pts.end(), xMs, [](const QPointF &p, double x) { return p.x() < x; });
        if (it == pts.end() || (it != pts.begin() && xMs - std::prev(it)->x() < it->x() - xMs))
            it = std::prev(it);
        if (std::abs(it->x() - xMs) <= reach) {
            remaining = it->y();
            at = it->x();
        }
    }
    std::optional<double> limit;
    if (m_limitLine && m_limitLine->count() > 0) {
        const QList<QPointF> lim = m_limitLine->points();
        if (at >= lim.first().x() - reach && at <= lim.last().x() + reach)
            limit = yAt(lim, at);
    }
    auto near = [&](const QList<QPointF> &marks) {
        return std::any_of(marks.begin(), marks.end(), [&](const QPointF &p) { return std::abs(p.x() - xMs) <= reach; });
    };
    const bool throttled = m_throttles && near(m_throttles->points());
    const bool flagged = m_nearLimits && near(m_nearLimits->points());
    // A reset instant, not a reset that keeps moving (those are a strip, not a marker).
    const double mouseX = sceneXOf(xMs);
    const QList<ChartScales::Band> bands = ChartScales::mergeMarkers(resetPixels(), kResetMergePx);
    const bool reset = std::any_of(bands.begin(), bands.end(), [&](const ChartScales::Band &b) {
        return b.to - b.from <= kResetRunPx && std::abs((b.from + b.to) / 2 - mouseX) <= kHoverReachPx;
    });
    if (!remaining && !limit && !throttled && !flagged && !reset)
        return {};

    const QDateTime t = QDateTime::fromMSecsSinceEpoch(qint64(at), Qt::UTC).toLocalTime();
    QStringList lines;
    lines << locale.toString(t, span < 2 * 3600 * 1000.0 ? QStringLiteral("ddd d MMM HH:mm:ss")
                                                          : QStringLiteral("ddd d MMM HH:mm"));
    const QString limitText = limit ? locale.toString(qint64(std::llround(*limit))) : QString();
    if (remaining && limit && *limit > 0) {
        lines << tr("%1 / %2 left (%3 %)")
                     .arg(locale.toString(qint64(std::llround(*remaining))), limitText,
                          locale.toString(100.0 * *remaining / *limit, 'f', 0));
    } else if (remaining) {
        lines << tr("%1 left (limit unknown)").arg(locale.toString(qint64(std::llround(*remaining))));
    } else if (limit) {
        lines << (m_contextDocumented ? tr("Documented limit %1; what is left is unknown").arg(limitText)
                                      : tr("Limit %1; what is left is unknown").arg(limitText));
    }
    AccountState state = AccountState::NoData;
    if (throttled)
        state = AccountState::Throttled;
    else if (remaining && limit)
        state = classifyQuota(QuotaLevel{qint64(std::llround(*remaining)), qint64(std::llround(*limit)), std::nullopt},
                              lineThresholds());
    else if (flagged)
        state = AccountState::Warning;
    if (state == AccountState::Throttled)
        lines << tr("State: Throttled (HTTP 429)");
    else if (state != AccountState::NoData)
        lines << tr("State: %1").arg(StateStyle::label(state));
    if (flagged)
        lines << tr("The provider's near-limit flag was up");
    if (reset)
        lines << tr("The quota reset here");
    return lines.join(u'\n');
}

void QuotaChartView::updateHover(const QPointF &scenePos)
{
    m_hoverPos = scenePos;
    QString text;
    const QRectF plot = plotRect();
    if (!m_panning && plot.contains(scenePos) && plot.width() > 1) {
        const double xMs = m_xAxis->min() + (scenePos.x() - plot.left()) / plot.width() * (m_xAxis->max() - m_xAxis->min());
        text = readoutAt(xMs);
    }
    if (text.isEmpty() && m_hoverText.isEmpty())
        return;
    m_hoverText = text;
    viewport()->update();
}

void QuotaChartView::drawMessage(QPainter *painter, const QString &headline, const QString &body, bool centred)
{
    const QRectF area = plotRect();
    const double width = std::min(area.width() - 24, 620.0);
    if (width < 60)
        return;
    const QPalette pal = palette();
    // The words before the first colon are the headline's lead ("No limit:"), in bold; the
    // detail below it, muted.
    QString html;
    if (!headline.isEmpty()) {
        const qsizetype colon = headline.indexOf(QStringLiteral(": "));
        html += QStringLiteral("<p style=\"margin:0\">");
        if (colon > 0 && colon < 80)
            html += QStringLiteral("<b>%1</b>%2").arg(headline.left(colon + 1).toHtmlEscaped(),
                                                       headline.mid(colon + 1).toHtmlEscaped());
        else
            html += QStringLiteral("<b>%1</b>").arg(headline.toHtmlEscaped());
        html += QStringLiteral("</p>");
    }
    if (!body.isEmpty()) {
        QColor muted = pal.color(QPalette::WindowText);
        muted.setAlpha(headline.isEmpty() ? 255 : 190);
        html += QStringLiteral("<p style=\"margin-top:%1px; margin-bottom:0; color:%2\">%3</p>")
                    .arg(headline.isEmpty() ? 0 : 6)
                    .arg(muted.name(QColor::HexArgb), body.toHtmlEscaped().replace(u'\n', QStringLiteral("<br>")));
    }
    QTextDocument doc;
    doc.setDocumentMargin(0);
    doc.setDefaultFont(painter->font());
    doc.setHtml(html);
    doc.setTextWidth(width - 20);
    doc.setTextWidth(std::min(doc.idealWidth(), width - 20));
    QRectF box(0, 0, doc.size().width() + 20, doc.size().height() + 16);
    box.moveCenter(area.center());
    if (!centred) {
        // Below the limit line and above the 429s along the bottom, so both stay in sight.
        double top = area.top() + 8;
        if (m_limitLine && m_limitLine->count() > 0)
            top = std::min(sceneYOfLimit() + 10, area.bottom() - 16 - box.height());
        box.moveTop(std::max(area.top() + 4, top));
    }
    box = box.intersected(area.adjusted(2, 2, -2, -2));
    QColor ground = pal.color(QPalette::Base);
    ground.setAlpha(235);
    QColor frame = pal.color(QPalette::WindowText);
    frame.setAlpha(60);
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing, true);
    painter->setPen(QPen(frame, 1));
    painter->setBrush(ground);
    painter->drawRoundedRect(box, 4, 4);
    if (m_status && (*m_status == AccountState::AuthFailed || *m_status == AccountState::Error)) {
        // The state's colour along the edge, as the table's state cell has it.
        painter->setPen(Qt::NoPen);
        painter->setBrush(StateStyle::color(*m_status, pal));
        painter->drawRoundedRect(QRectF(box.left(), box.top(), 4, box.height()), 2, 2);
    }
    painter->translate(box.topLeft() + QPointF(10, 8));
    painter->setClipRect(QRectF(0, 0, box.width() - 20, box.height() - 16));
    QAbstractTextDocumentLayout::PaintContext context;
    context.palette.setColor(QPalette::Text, pal.color(QPalette::WindowText));
    doc.documentLayout()->draw(painter, context);
    painter->restore();
}

double QuotaChartView::sceneYOfLimit() const
{
    const QRectF plot = plotRect();
    const double span = m_yAxis->max() - m_yAxis->min();
    if (!m_limitLine || m_limitLine->count() == 0 || span <= 0)
        return plot.top();
    return plot.bottom() - (m_limitLine->at(0).y() - m_yAxis->min()) / span * plot.height();
}

void QuotaChartView::drawForeground(QPainter *painter, const QRectF &rect)
{
    QChartView::drawForeground(painter, rect);
    const QRectF plot = plotRect();
    const QPalette pal = palette();

    // Reset instants as light markers, under everything else drawn here; close ones as one band.
    const QList<ChartScales::Band> bands = ChartScales::mergeMarkers(resetPixels(), kResetMergePx);
    if (!bands.isEmpty()) {
        QColor line = pal.color(QPalette::WindowText);
        line.setAlpha(Theme::isDark(pal) ? 70 : 55);
        QPen pen(line);
        pen.setCosmetic(true);
        painter->save();
        painter->setClipRect(plot);
        for (const ChartScales::Band &b : bands) {
            if (b.to - b.from > kResetRunPx) {
                painter->fillRect(QRectF(b.from, plot.top(), b.to - b.from, 4), line);
                continue;
            }
            const double x = (b.from + b.to) / 2;
            painter->setPen(pen);
            painter->drawLine(QPointF(x, plot.top()), QPointF(x, plot.bottom()));
        }
        painter->restore();
    }

    if (isLoading() && plottedPointCount() == 0) {
        painter->save();
        QColor color = pal.color(QPalette::WindowText);
        color.setAlpha(140);
        painter->setPen(color);
        painter->drawText(plot, Qt::AlignCenter, tr("Reading history…"));
        painter->restore();
    } else {
        const QString headline = statusHeadline();
        QStringList body;
        if (!m_statusDetail.isEmpty())
            body << m_statusDetail;
        if (noteShown())
            body << m_note;
        if (!headline.isEmpty() || !body.isEmpty()) {
            const bool nothingDrawn = plottedPointCount() == 0 && throttleMarkerCount() == 0 && nearLimitMarkerCount() == 0;
            drawMessage(painter, headline, body.join(u'\n'), nothingDrawn);
        }
    }

    if (m_hoverText.isEmpty())
        return;
    // The readout: a hairline at the mouse and the values beside it, kept inside the plot.
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing, true);
    QColor hair = pal.color(QPalette::WindowText);
    hair.setAlpha(110);
    QPen hairPen(hair);
    hairPen.setCosmetic(true);
    painter->setPen(hairPen);
    painter->drawLine(QPointF(m_hoverPos.x(), plot.top()), QPointF(m_hoverPos.x(), plot.bottom()));
    const QFontMetricsF fm(painter->font());
    const QRectF textRect = fm.boundingRect(QRectF(0, 0, 400, 400), Qt::AlignLeft | Qt::AlignTop, m_hoverText);
    QRectF box(0, 0, textRect.width() + 16, textRect.height() + 10);
    box.moveTopLeft(m_hoverPos + QPointF(14, 14));
    if (box.right() > plot.right())
        box.moveRight(m_hoverPos.x() - 14);
    if (box.bottom() > plot.bottom())
        box.moveBottom(m_hoverPos.y() - 14);
    box.moveTop(std::max(box.top(), plot.top()));
    box.moveLeft(std::max(box.left(), plot.left()));
    QColor ground = pal.color(QPalette::ToolTipBase);
    ground.setAlpha(240);
    QColor frame = pal.color(QPalette::ToolTipText);
    frame.setAlpha(90);
    painter->setPen(QPen(frame, 1));
    painter->setBrush(ground);
    painter->drawRoundedRect(box, 4, 4);
    painter->setPen(pal.color(QPalette::ToolTipText));
    painter->drawText(box.adjusted(8, 5, -8, -5), Qt::AlignLeft | Qt::AlignTop, m_hoverText);
    painter->restore();
}

int QuotaChartView::remainingSegmentCount() const
{
    return int(std::count_if(m_dataLines.begin(), m_dataLines.end(), [](const QLineSeries *s) { return s->count() > 0; }));
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
    return int(ChartScales::mergeMarkers(resetPixels(), kResetMergePx).size());
}

int QuotaChartView::resetInstantCount() const
{
    return int(m_resets.size());
}

bool QuotaChartView::isLoading() const
{
    return m_ticket != 0 && m_reader && m_reader->seriesPending();
}
