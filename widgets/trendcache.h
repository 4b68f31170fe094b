#pragma once

#include "history/historyreader.h"

#include <QDateTime>
#include <QHash>
#include <QList>
#include <QModelIndex>
#include <QObject>
#include <QPointF>
#include <QPointer>
#include <QString>
#include <QTimer>

#include <optional>

class AccountTableModel;
class HistoryBackend;

// The last 24 hours of every row of the account table, for the sparklines of its Trend column.
//
// It owns a HistoryReader of its own on the history, so the chart's requests and its never cancel
// each other. It reads one series per account (the resource its row shows) and per pool member,
// all in one request: when the table gains accounts or a row starts showing another resource,
// when the history records new samples (at most every few seconds), and every five minutes, as
// the 24-hour window rolls on. A pool's trend is the sum over its distinct buckets (one member
// per shared bucket), drawn only where every such member has a reading.
//
// The window's integration, two lines after the tree and its model exist:
//
//     auto *trends = new TrendCache(m_history, m_model, this);
//     m_tree->setItemDelegateForColumn(AccountTableModel::Trend, new SparklineDelegate(trends, m_tree));
//
// (widgets/sparklinedelegate.h paints it; a null history gives empty trends, drawn as a dash.)
class TrendCache : public QObject
{
    Q_OBJECT
public:
    struct Trend
    {
        QList<QPointF> fraction;  // x = ms since epoch (UTC), y = remaining / limit in [0, 1]
        QList<QPointF> remaining; // same x as `fraction`: y = remaining
        QList<QPointF> limit;     // same x as `fraction`: y = limit
        QList<qint64> resets;     // reset instants, ms since epoch
        QList<qint64> throttles;  // 429 instants, ms since epoch
        bool isEmpty() const { return fraction.isEmpty() && throttles.isEmpty(); }
    };

    static constexpr qint64 kSpanMs = 24 * 3600 * 1000;
    // Points per series: one min and one max per 10-minute column.
    static constexpr int kColumns = 144;

    TrendCache(HistoryBackend *history, AccountTableModel *model, QObject *parent = nullptr);

    // The trend of a row of the model or of a proxy over it: an account's shown resource, a
    // resource row's own, a pool's sum. Empty while loading or without history.
    Trend trendFor(const QModelIndex &index) const;
    // The span the trends cover, ending now.
    QDateTime from() const;
    QDateTime to() const;
    // Reads every series again (also done on its own; tests and a range change may ask).
    void reload();
    AccountTableModel *model() const { return m_model; }
    bool isLoading() const { return m_reader && m_reader->seriesPending(); }

Q_SIGNALS:
    // New series arrived: views repaint the Trend column.
    void trendsChanged();

private:
    using Key = QPair<QString, QString>; // account id, resource
    QList<Key> wantedKeys() const;
    void scheduleReload();
    void onSeriesLoaded(quint64 ticket, const QList<ChartSeries> &series);
    Trend accountTrend(const QString &accountId, const QString &resource) const;
    Trend poolTrend(const QString &pool, const QString &resource) const;

    QPointer<HistoryBackend> m_history;
    AccountTableModel *m_model;
    HistoryReader *m_reader = nullptr;
    quint64 m_ticket = 0;
    QList<Key> m_requested; // the keys of the request in flight
    QHash<Key, Trend> m_trends;
    mutable QHash<QString, Trend> m_poolCache; // "pool\nresource\nmembers" -> trend; cleared on load
    QTimer m_debounce;  // coalesces triggers into one request
    QTimer m_roll;      // the 24-hour window moves on
};
