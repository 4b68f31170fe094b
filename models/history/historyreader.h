#pragma once

#include "historytypes.h"

#include <QDateTime>
#include <QList>
#include <QObject>
#include <QString>
#include <QStringList>
#include <QThread>

class HistoryBackend;

// Reads the history on a thread of its own, through that thread's connection to the store, so a
// cold disk, a long range or fifty accounts never hold up the window: the window shows first and
// fills in as the readings arrive. Requests run in order. For chart series only the newest
// request counts: one that arrives while an older one is read makes the older stop at its next
// series and deliver nothing. The store must outlive the reader.
class HistoryReader : public QObject
{
    Q_OBJECT
public:
    struct SeriesKey
    {
        QString accountId;
        QString resource;
    };

    explicit HistoryReader(HistoryBackend *store, QObject *parent = nullptr);
    ~HistoryReader() override;

    // Returns the request's ticket; seriesLoaded() carries it back, in the same order as `keys`.
    quint64 requestSeries(const QList<SeriesKey> &keys, const QDateTime &from, const QDateTime &to, int pixelWidth);
    // True from a series request until its result (or a newer one's) has been delivered.
    bool seriesPending() const { return m_seriesDelivered != m_seriesIssued; }

    // The last stored sample of every resource of these accounts, delivered by latestLoaded().
    void requestLatest(const QStringList &accountIds);
    bool latestPending() const { return m_latestPending > 0; }

Q_SIGNALS:
    void seriesLoaded(quint64 ticket, const QList<ChartSeries> &series);
    void latestLoaded(const QList<Sample> &samples);

private:
    class Worker;
    void onSeriesRead(quint64 ticket, const QList<ChartSeries> &series);

    QThread m_thread;
    Worker *m_worker = nullptr;
    quint64 m_seriesIssued = 0;
    quint64 m_seriesDelivered = 0;
    int m_latestPending = 0;
};
