#include "historyalertstatestore.h"

#include "history/historybackend.h"

HistoryAlertStateStore::HistoryAlertStateStore(HistoryBackend *store)
    : m_store(store)
{
}

QByteArray HistoryAlertStateStore::load(const QString &key) const
{
    return m_store ? m_store->alertState(key) : QByteArray();
}

bool HistoryAlertStateStore::save(const QString &key, const QByteArray &value)
{
    return m_store && m_store->setAlertState(key, value);
}

bool HistoryAlertStateStore::appendEvents(const QList<Event> &events)
{
    return m_store && m_store->appendEvents(events);
}

QList<AlertStateStore::RemainingPoint> HistoryAlertStateStore::recentRemaining(const QString &accountId,
                                                                               const QString &resource,
                                                                               const QDateTime &from,
                                                                               const QDateTime &to) const
{
    QList<RemainingPoint> points;
    if (!m_store)
        return points;
    const QList<Sample> samples = m_store->samples(accountId, resource, from, to);
    points.reserve(samples.size());
    for (const Sample &s : samples) {
        if (s.remaining)
            points.append({s.time, *s.remaining, s.resetAt});
    }
    return points;
}
