#pragma once

#include "core/accountstate.h"
#include "history/historytypes.h"

#include <QChartView>
#include <QDateTime>
#include <QList>
#include <QPointer>
#include <QTimer>

class HistoryBackend;
class HistoryReader;
class QCategoryAxis;
class QLineSeries;
class QScatterSeries;

// The one chart widget (Qt Charts is deprecated after 6.10; a port touches this file and
// chartscales.* only). It shows one account's resource: remaining and limit over time, the y axis
// from 0 to the limit, reset instants as light markers (merged into bands where dense), 429s as
// red points, warning/critical lines, and a readout under the mouse. Time ticks sit on round
// local times, with the date at each midnight. Without a line to draw it says why, in the plot.
// It draws only HistoryStore::series() for its own pixel width and swaps points in with
// replace(), so a year redraws as fast as an hour. Every account at a glance is the table's
// business (its trend column); this chart is the detail one click away.
class QuotaChartView : public QChartView
{
    Q_OBJECT
public:
    enum class Range { Hour, SixHours, Day, Week, Month, Custom };

    explicit QuotaChartView(HistoryBackend *store, QWidget *parent = nullptr);
    ~QuotaChartView() override;

    void showAccount(const QString &accountId, const QString &resource, const QString &name);
    // Always false: the chart shows one account (kept for callers of the former overview).
    bool isOverview() const { return false; }
    QString accountId() const { return m_accountId; }
    QString resource() const { return m_resource; }
    // The title the chart shows when it is tall enough ("name — resource", or the name).
    QString title() const { return m_title; }

    // What the table knows about the shown account that the history does not keep: why it has
    // no remaining count (drawn in the plot while there is none to draw), and the limit of a
    // reading that reports only a limit, drawn as a level line and labelled "documented" when
    // it comes from the provider's documentation. Cleared by showAccount() for another account.
    void setAccountContext(const QString &note, std::optional<qint64> limit, bool documented);
    QString note() const { return m_note; }

    // The shown account's state as the table classifies it, so an empty or cut-off chart says
    // why and what to do (auth failed, unlimited, no rate-limit headers, no data yet, a failed
    // probe). `detail` is the failed probe's error, empty otherwise; `canEdit` is false where
    // the account cannot be edited (the demo), so the text asks for nothing the window forbids.
    // Cleared by showAccount() for another account. The window calls it in updateChartContext(),
    // right after setAccountContext():
    //   const auto state = AccountState(row.data(AccountTableModel::StateRole).toInt());
    //   const bool failed = state == AccountState::Error || state == AccountState::AuthFailed;
    //   m_chart->setAccountStatus(state,
    //       failed ? m_model->indexOfAccount(id).siblingAtColumn(AccountTableModel::State)
    //                    .data(Qt::ToolTipRole).toString() : QString(),
    //       !m_demo);
    void setAccountStatus(AccountState state, const QString &detail = {}, bool canEdit = true);
    std::optional<AccountState> accountStatus() const { return m_status; }
    // The explanation drawn in the plot (headline, then the detail and note), or empty when the
    // chart draws none.
    QString emptyStateText() const;

    // A preset ends at "now" and follows it; zooming or panning switches to a fixed window.
    void setRange(Range range);
    Range range() const { return m_range; }
    void setTimeWindow(const QDateTime &from, const QDateTime &to);
    // Keeps the current span and centres it on `t` (the event log's double-click).
    void centerOn(const QDateTime &t);
    QDateTime from() const { return m_from; }
    QDateTime to() const { return m_to; }
    static qint64 rangeSeconds(Range range);

    // Where the warning and critical lines sit: each account's thresholds (the alert settings).
    // The defaults without.
    void setThresholds(ThresholdsFor thresholds);

    void refresh();          // now
    void scheduleRefresh();  // debounced: many samples in a burst cost one redraw

    // Introspection for tests and the status bar.
    int plottedPointCount() const;   // points in the decimated line series
    // Stretches the remaining line is drawn in: a span without readings splits it.
    int remainingSegmentCount() const;
    int throttleMarkerCount() const; // 429 points
    int nearLimitMarkerCount() const; // the provider's near-limit flags (one account only)
    int resetMarkerCount() const;    // reset markers as drawn: close ones merged into one band
    int resetInstantCount() const;   // reset instants in the window, before merging
    int pixelWidth() const;
    // The y value of the drawn warning / critical line, if drawn.
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
    QList<double> yAxisTickValues() const;
    // The x axis as drawn: tick instants (ms since epoch) and their labels.
    QList<double> xAxisTickValues() const;
    QStringList xAxisTickLabels() const;
    // The legend entries shown (one per series that has something drawn).
    QStringList legendEntries() const;
    // The note is drawn in the plot now (no remaining count to draw).
    bool noteShown() const;
    // The hover readout for the instant `xMs` (time, remaining / limit, state), and the one
    // drawn at the mouse now (empty when the mouse is not over the plot).
    QString readoutAt(double xMs) const;
    QString hoverReadout() const { return m_hoverText; }
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
    void leaveEvent(QEvent *event) override;

private:
    void onSamplesAdded(const QString &accountId);
    void onAxisRangeChanged(qreal min, qreal max);
    void rebuildSeries();
    void onSeriesLoaded(quint64 ticket, const QList<ChartSeries> &series);
    void applySeries(const QList<ChartSeries> &series);
    void applyPalette();
    void updateAxes(double yMax);
    void updateSlidingWindow();
    void zoomAround(double xMs, double factor);
    void panByMs(qint64 ms);
    void updateHover(const QPointF &viewPos);
    void updateLegend();
    void applyCompactness();
    QList<double> resetPixels() const;
    QRectF plotRect() const; // the plot area in scene coordinates, where drawForeground paints
    double sceneXOf(double xMs) const;
    double sceneYOfLimit() const;
    QString statusHeadline() const;
    void drawMessage(QPainter *painter, const QString &headline, const QString &body, bool centred);
    QLineSeries *addLine(const QString &name, const QColor &color, Qt::PenStyle style, qreal width);
    Thresholds lineThresholds() const;

    QPointer<HistoryBackend> m_store;
    ThresholdsFor m_thresholds;
    HistoryReader *m_reader = nullptr;
    quint64 m_ticket = 0; // the request whose series may be drawn; 0 when none is
    QCategoryAxis *m_xAxis = nullptr;
    QCategoryAxis *m_yAxis = nullptr;
    QList<double> m_xTicks;
    QList<double> m_yTicks;
    QStringList m_legendEntries;
    QList<QLineSeries *> m_dataLines;     // the decimated remaining line: one series per stretch with readings
    QList<QPointF> m_remaining;           // all of it, for the readout
    std::optional<ChartSeries> m_lastRead; // the shown account's last series read, kept while the history is away
    bool m_unreadable = false; // the history could not be read and nothing of this account was
    QLineSeries *m_limitLine = nullptr;
    QLineSeries *m_warningLine = nullptr;
    QLineSeries *m_criticalLine = nullptr;
    QScatterSeries *m_throttles = nullptr;
    QScatterSeries *m_nearLimits = nullptr;
    QLineSeries *m_resetLegend = nullptr; // no points: the legend entry for the reset markers
    QList<qint64> m_nearLimitTimes; // read with the refresh, drawn with its series
    // Entering Warning with no provider flag: the remaining line shows that crossing itself, so
    // these are drawn only where there is no remaining line (a provider that sends flags alone).
    QList<qint64> m_crossingTimes;
    QList<qint64> m_resets;
    QString m_note;
    std::optional<qint64> m_contextLimit;
    bool m_contextDocumented = false;
    std::optional<AccountState> m_status;
    QString m_statusDetail;
    bool m_canEdit = true;
    QPointF m_hoverPos; // scene position of the mouse over the plot
    QString m_hoverText;

    QString m_accountId;
    QString m_resource;
    QString m_name;
    QString m_title; // the chart's title, shown when the chart is tall enough

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
    bool m_rebuildPending = false; // the account changed; series are rebuilt at the next refresh
    bool m_panning = false;
    QPoint m_panLast;
};
