#pragma once

#include "core/accountstate.h"
#include "history/historytypes.h"

#include <QChartView>
#include <QDateTime>
#include <QList>
#include <QPointer>
#include <QTimer>

class HistoryStore;
class HistoryReader;
class QDateTimeAxis;
class QLineSeries;
class QScatterSeries;
class QValueAxis;

// The one chart widget (Qt Charts is deprecated after 6.10; a port touches this file only).
// Two modes: one account's resource (remaining and limit over time, reset instants as vertical
// markers, 429s as red points, warning/critical lines), or an overview of every account in % of
// its limit. It draws only HistoryStore::series() for its own pixel width and swaps points in
// with replace(), so a year redraws as fast as an hour.
class QuotaChartView : public QChartView
{
    Q_OBJECT
public:
    enum class Range { Hour, SixHours, Day, Week, Month, Custom };
    struct OverviewEntry
    {
        QString accountId;
        QString resource;
        QString name;
    };

    explicit QuotaChartView(HistoryStore *store, QWidget *parent = nullptr);
    ~QuotaChartView() override;

    void showAccount(const QString &accountId, const QString &resource, const QString &name);
    void showOverview(const QList<OverviewEntry> &entries);
    bool isOverview() const { return m_overview; }
    QString accountId() const { return m_accountId; }
    QString resource() const { return m_resource; }

    // What the table knows about the shown account that the history does not keep: why it has
    // no remaining count (drawn in the plot while there is none to draw), and the limit of a
    // reading that reports only a limit, drawn as a level line and labelled "documented" when
    // it comes from the provider's documentation. Cleared by showAccount() for another account.
    void setAccountContext(const QString &note, std::optional<qint64> limit, bool documented);
    QString note() const { return m_note; }

    // A preset ends at "now" and follows it; zooming or panning switches to a fixed window.
    void setRange(Range range);
    Range range() const { return m_range; }
    void setTimeWindow(const QDateTime &from, const QDateTime &to);
    // Keeps the current span and centres it on `t` (the event log's double-click).
    void centerOn(const QDateTime &t);
    QDateTime from() const { return m_from; }
    QDateTime to() const { return m_to; }
    static qint64 rangeSeconds(Range range);

    // Where the warning and critical lines sit: each account's thresholds (the alert settings),
    // the global ones (empty id) in the overview. The defaults without.
    void setThresholds(ThresholdsFor thresholds);

    void refresh();          // now
    void scheduleRefresh();  // debounced: many samples in a burst cost one redraw

    // Introspection for tests and the status bar.
    int plottedPointCount() const;   // points in the decimated line series
    int throttleMarkerCount() const; // 429 points
    int nearLimitMarkerCount() const; // the provider's near-limit flags (one account only)
    int resetMarkerCount() const;    // vertical reset markers
    int pixelWidth() const;
    // The y value of the drawn warning / critical line (units, or % in the overview), if drawn.
    std::optional<double> warningLineLevel() const;
    std::optional<double> criticalLineLevel() const;
    // The limit line's legend name ("Limit", "Documented limit") and its newest level, if drawn.
    QString limitLineName() const;
    std::optional<double> limitLineLevel() const;
    // The y axis as drawn: range, ticks and whether it shows labels at all.
    double yAxisMin() const;
    double yAxisMax() const;
    int yAxisTickCount() const;
    bool yAxisLabelsVisible() const;
    // The note is drawn in the plot now (no remaining count to draw).
    bool noteShown() const;
    int refreshCount() const { return m_refreshCount; }
    // A refresh is due or its series are still being read.
    bool refreshPending() const { return m_refreshTimer.isActive() || isLoading(); }
    bool isLoading() const;

Q_SIGNALS:
    void timeWindowChanged(const QDateTime &from, const QDateTime &to);
    // The newest refresh's series are on the chart.
    void seriesApplied();

protected:
    void drawForeground(QPainter *painter, const QRectF &rect) override;
    void wheelEvent(QWheelEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void paintEvent(QPaintEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void onSamplesAdded(const QString &accountId);
    void onAxisRangeChanged(const QDateTime &min, const QDateTime &max);
    void rebuildSeries();
    void onSeriesLoaded(quint64 ticket, const QList<ChartSeries> &series);
    void applySeries(const QList<ChartSeries> &series);
    void applyPalette();
    void updateAxes(double yMax, bool percent);
    void updateSlidingWindow();
    void zoomAround(double xMs, double factor);
    void panByMs(qint64 ms);
    void showTooltipFor(QLineSeries *series, const QPointF &point, bool state);
    QLineSeries *addLine(const QString &name, const QColor &color, Qt::PenStyle style, qreal width);
    Thresholds lineThresholds() const;

    QPointer<HistoryStore> m_store;
    ThresholdsFor m_thresholds;
    HistoryReader *m_reader = nullptr;
    quint64 m_ticket = 0; // the request whose series may be drawn; 0 when none is
    QDateTimeAxis *m_xAxis = nullptr;
    QValueAxis *m_yAxis = nullptr;
    QList<QLineSeries *> m_dataLines;     // decimated series (remaining / % per account)
    QLineSeries *m_limitLine = nullptr;
    QLineSeries *m_warningLine = nullptr;
    QLineSeries *m_criticalLine = nullptr;
    QScatterSeries *m_throttles = nullptr;
    QScatterSeries *m_nearLimits = nullptr;
    QList<qint64> m_nearLimitTimes; // read with the refresh, drawn with its series
    QList<qint64> m_resets;
    QHash<QAbstractSeries *, QString> m_seriesLabel;
    QString m_note;
    std::optional<qint64> m_contextLimit;
    bool m_contextDocumented = false;

    bool m_overview = true;
    QString m_accountId;
    QString m_resource;
    QString m_name;
    QList<OverviewEntry> m_entries;

    Range m_range = Range::Day;
    QDateTime m_from;
    QDateTime m_to;
    bool m_applying = false; // our own axis updates must not count as user zoom
    QTimer m_refreshTimer;
    QTimer m_liveTimer;
    int m_refreshCount = 0;
    // A refresh asked for while hidden, run once the view has painted (start-up shows the window
    // first and fills the chart a frame later).
    bool m_refreshAfterPaint = false;
    bool m_rebuildPending = false; // the mode or the accounts changed; series are rebuilt at the next refresh
    bool m_panning = false;
    QPoint m_panLast;
};
