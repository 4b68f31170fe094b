#include "sparklinedelegate.h"

#include "accounttablemodel.h"
#include "statestyle.h"
#include "trendcache.h"

#include <QAbstractItemView>
#include <QApplication>
#include <QHelpEvent>
#include <QLocale>
#include <QPainter>
#include <QPainterPath>
#include <QToolTip>

#include <algorithm>
#include <cmath>

namespace {

// Readings further apart than this leave a gap: the line never bridges a silence.
constexpr qint64 kGapMs = 30 * 60 * 1000;

QRectF plotRect(const QRect &cell)
{
    return QRectF(cell).adjusted(4, 4, -4, -4);
}

// "14:32" in the user's time zone and format.
QString timeText(qint64 ms)
{
    return QLocale().toString(QDateTime::fromMSecsSinceEpoch(ms).time(), QLocale::ShortFormat);
}

double xOf(qint64 ms, qint64 from, qint64 to, const QRectF &plot)
{
    return plot.left() + plot.width() * double(ms - from) / double(std::max<qint64>(1, to - from));
}

} // namespace

SparklineDelegate::SparklineDelegate(TrendCache *trends, QObject *parent)
    : QStyledItemDelegate(parent)
    , m_trends(trends)
{
    if (auto *view = qobject_cast<QAbstractItemView *>(parent)) {
        connect(m_trends, &TrendCache::trendsChanged, view->viewport(), qOverload<>(&QWidget::update));
    }
}

void SparklineDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    opt.text.clear();
    const QWidget *widget = opt.widget;
    QStyle *style = widget ? widget->style() : QApplication::style();
    // Background and selection as the style draws them, then the line inside.
    style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, widget);

    const TrendCache::Trend trend = m_trends->trendFor(index);
    const QRectF plot = plotRect(opt.rect);
    const bool selected = opt.state & QStyle::State_Selected;
    const QColor text = opt.palette.color(selected ? QPalette::HighlightedText : QPalette::Text);
    if (trend.isEmpty() || plot.width() < 8 || plot.height() < 4) {
        painter->save();
        QColor dim = text;
        dim.setAlpha(120);
        painter->setPen(dim);
        painter->drawText(opt.rect, Qt::AlignCenter, QStringLiteral("—"));
        painter->restore();
        return;
    }

    const qint64 to = m_trends->to().toMSecsSinceEpoch();
    const qint64 from = to - TrendCache::kSpanMs;
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing, true);
    painter->setClipRect(opt.rect);

    // Resets: light ticks over the whole height, behind everything. Short windows reset every
    // few pixels; their ticks would paint a solid block and say nothing, so they are left out.
    QList<double> ticks;
    for (qint64 r : trend.resets) {
        if (r >= from && r <= to)
            ticks.append(std::round(xOf(r, from, to, plot)) + 0.5);
    }
    if (!ticks.isEmpty() && plot.width() / double(ticks.size()) >= 6.0) {
        QColor tick = text;
        tick.setAlpha(45);
        painter->setPen(QPen(tick, 1));
        for (double x : ticks)
            painter->drawLine(QPointF(x, opt.rect.top() + 2), QPointF(x, opt.rect.bottom() - 1));
    }

    // Per pixel column the lowest and highest share left: a light band between them, and the
    // line along the lowest, the headroom's floor, in the colour of the quota's state now. A
    // sawtooth of short windows reads as a band, not as a scribble.
    const auto quotaState = AccountState(index.data(AccountTableModel::QuotaStateRole).toInt());
    QColor line = quotaState == AccountState::NoData ? text : StateStyle::color(quotaState, opt.palette);
    if (selected)
        line = text;
    struct Column
    {
        int x;
        double low;
        double high;
    };
    QList<QList<Column>> runs;
    qint64 lastMs = std::numeric_limits<qint64>::min();
    for (const QPointF &p : trend.fraction) {
        const auto ms = qint64(p.x());
        if (ms < from)
            continue;
        const int x = int(xOf(ms, from, to, plot));
        if (runs.isEmpty() || ms - lastMs > kGapMs)
            runs.append(QList<Column>());
        lastMs = ms;
        QList<Column> &run = runs.last();
        if (!run.isEmpty() && run.last().x == x) {
            run.last().low = std::min(run.last().low, p.y());
            run.last().high = std::max(run.last().high, p.y());
        } else {
            run.append(Column{x, p.y(), p.y()});
        }
    }
    const auto yOf = [&plot](double fraction) { return plot.bottom() - fraction * plot.height(); };
    QColor band = line;
    band.setAlpha(selected ? 90 : 70);
    QColor area = line;
    area.setAlpha(selected ? 50 : 30);
    QPointF lastPoint;
    for (const QList<Column> &run : runs) {
        QPolygonF floor;
        QPolygonF top;
        for (const Column &c : run) {
            floor.append(QPointF(c.x + 0.5, yOf(c.low)));
            top.append(QPointF(c.x + 0.5, yOf(c.high)));
        }
        if (run.size() >= 2) {
            QPainterPath under;
            under.moveTo(floor.first().x(), plot.bottom());
            for (const QPointF &pt : floor)
                under.lineTo(pt);
            under.lineTo(floor.last().x(), plot.bottom());
            under.closeSubpath();
            painter->fillPath(under, area);
            QPainterPath between;
            between.addPolygon(top + QPolygonF(QList<QPointF>(floor.crbegin(), floor.crend())));
            between.closeSubpath();
            painter->fillPath(between, band);
        }
        painter->setPen(QPen(line, 1.4, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
        if (run.size() == 1)
            painter->drawPoint(floor.first());
        else
            painter->drawPolyline(floor);
        lastPoint = floor.last();
    }
    if (!runs.isEmpty()) {
        painter->setPen(Qt::NoPen);
        painter->setBrush(line);
        painter->drawEllipse(lastPoint, 1.8, 1.8);
    }

    // 429s: solid marks from the top edge, in the Throttled colour, over the line.
    // Whole pixels, no antialiasing: a crisp mark in the exact colour.
    painter->setRenderHint(QPainter::Antialiasing, false);
    const QColor refused = StateStyle::color(AccountState::Throttled, opt.palette);
    const int markHeight = std::max(4, int(plot.height() * 0.45));
    for (qint64 t : trend.throttles) {
        if (t < from || t > to)
            continue;
        const int x = int(std::lround(xOf(t, from, to, plot)));
        painter->fillRect(QRect(x - 1, opt.rect.top() + 1, 2, markHeight), refused);
    }
    painter->restore();
}

QSize SparklineDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QSize s = QStyledItemDelegate::sizeHint(option, index);
    s.setWidth(std::max(s.width(), 120));
    s.setHeight(std::max(s.height(), option.fontMetrics.height() + 8));
    return s;
}

QString SparklineDelegate::readoutAt(const QModelIndex &index, qint64 atMs) const
{
    const TrendCache::Trend trend = m_trends->trendFor(index);
    const QLocale locale;
    QStringList lines;
    // The reading nearest in time, if one is close enough to speak for this instant.
    qsizetype best = -1;
    for (qsizetype i = 0; i < trend.fraction.size(); ++i) {
        if (best < 0 || std::abs(trend.fraction.at(i).x() - double(atMs)) < std::abs(trend.fraction.at(best).x() - double(atMs)))
            best = i;
    }
    const qint64 columnMs = TrendCache::kSpanMs / TrendCache::kColumns;
    if (best >= 0 && std::abs(trend.fraction.at(best).x() - double(atMs)) <= double(2 * columnMs)) {
        const auto remaining = qint64(trend.remaining.at(best).y());
        const auto limit = qint64(trend.limit.at(best).y());
        const bool pool = index.data(AccountTableModel::IsPoolRowRole).toBool();
        const QString id = index.data(AccountTableModel::AccountIdRole).toString();
        const Thresholds thresholds = m_trends->model()->thresholdsFor(pool ? QString() : id);
        const AccountState state = classifyQuota(QuotaLevel{remaining, limit, std::nullopt}, thresholds);
        lines << tr("%1 · %2 / %3 (%4 %) · %5")
                     .arg(timeText(qint64(trend.fraction.at(best).x())), locale.toString(remaining),
                          locale.toString(limit), locale.toString(qRound(trend.fraction.at(best).y() * 100.0)),
                          StateStyle::label(state));
    }
    // Refusals within a column of the pointer.
    int refusals = 0;
    qint64 lastRefusal = 0;
    for (qint64 t : trend.throttles) {
        if (std::abs(t - atMs) <= columnMs) {
            ++refusals;
            lastRefusal = t;
        }
    }
    if (refusals > 0)
        lines << tr("%n × HTTP 429, the last at %1", nullptr, refusals)
                     .arg(timeText(lastRefusal));
    return lines.join(u'\n');
}

bool SparklineDelegate::helpEvent(QHelpEvent *event, QAbstractItemView *view, const QStyleOptionViewItem &option,
                                  const QModelIndex &index)
{
    if (!event || !view || event->type() != QEvent::ToolTip)
        return QStyledItemDelegate::helpEvent(event, view, option, index);
    const QRectF plot = plotRect(option.rect);
    const qint64 to = m_trends->to().toMSecsSinceEpoch();
    const qint64 from = to - TrendCache::kSpanMs;
    const double share = std::clamp((event->pos().x() - plot.left()) / std::max(1.0, plot.width()), 0.0, 1.0);
    const qint64 at = from + qint64(share * double(to - from));
    QString text = readoutAt(index, at);
    if (text.isEmpty())
        text = tr("No reading near %1").arg(timeText(at));
    // A narrow rect: moving along the line hides this readout and brings the next one at once.
    const QRect near(event->pos().x() - 3, option.rect.top(), 7, option.rect.height());
    QToolTip::showText(event->globalPos(), text, view->viewport(), near);
    return true;
}
