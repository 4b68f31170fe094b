#include "historyreader.h"

#include "historybackend.h"

#include <atomic>

class HistoryReader::Worker : public QObject
{
public:
    explicit Worker(HistoryBackend *store)
        : store(store)
    {
    }

    HistoryBackend *const store;
    // The newest series ticket; a read in progress for an older one gives up between two series.
    std::atomic<quint64> latestSeries{0};
    std::atomic<bool> stopping{false};
};

HistoryReader::HistoryReader(HistoryBackend *store, QObject *parent)
    : QObject(parent)
    , m_worker(new Worker(store))
{
    m_thread.setObjectName(QStringLiteral("headroom-history-reader"));
    m_worker->moveToThread(&m_thread);
    // Emitted on the worker thread as it ends: its connection goes with it.
    connect(&m_thread, &QThread::finished, m_worker, [store] { store->releaseThreadConnection(); },
            Qt::DirectConnection);
    m_thread.start();
}

HistoryReader::~HistoryReader()
{
    m_worker->stopping.store(true);
    m_worker->latestSeries.store(0);
    m_thread.quit();
    m_thread.wait();
    delete m_worker;
}

quint64 HistoryReader::requestSeries(const QList<SeriesKey> &keys, const QDateTime &from, const QDateTime &to,
                                     int pixelWidth)
{
    const quint64 ticket = ++m_seriesIssued;
    m_worker->latestSeries.store(ticket);
    Worker *worker = m_worker;
    QMetaObject::invokeMethod(
        worker,
        [this, worker, ticket, keys, from, to, pixelWidth] {
            QList<ChartSeries> out;
            out.reserve(keys.size());
            for (const SeriesKey &k : keys) {
                if (worker->latestSeries.load() != ticket)
                    return;
                out.append(worker->store->series(k.accountId, k.resource, from, to, pixelWidth));
            }
            if (worker->latestSeries.load() != ticket)
                return;
            // The destructor waits for this thread before the reader goes, so `this` is alive here.
            QMetaObject::invokeMethod(
                this, [this, ticket, out] { onSeriesRead(ticket, out); }, Qt::QueuedConnection);
        },
        Qt::QueuedConnection);
    return ticket;
}

void HistoryReader::onSeriesRead(quint64 ticket, const QList<ChartSeries> &series)
{
    // A result that finished just before a newer request was made is already out of date.
    if (ticket != m_seriesIssued)
        return;
    m_seriesDelivered = ticket;
    Q_EMIT seriesLoaded(ticket, series);
}

void HistoryReader::requestLatest(const QStringList &accountIds)
{
    ++m_latestPending;
    Worker *worker = m_worker;
    QMetaObject::invokeMethod(
        worker,
        [this, worker, accountIds] {
            QList<Sample> out;
            for (const QString &id : accountIds) {
                if (worker->stopping.load())
                    return;
                const QStringList resources = worker->store->resources(id);
                for (const QString &r : resources) {
                    if (std::optional<Sample> s = worker->store->lastSample(id, r))
                        out.append(std::move(*s));
                }
            }
            QMetaObject::invokeMethod(
                this,
                [this, out] {
                    --m_latestPending;
                    Q_EMIT latestLoaded(out);
                },
                Qt::QueuedConnection);
        },
        Qt::QueuedConnection);
}
