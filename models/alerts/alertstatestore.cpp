#include "alertstatestore.h"

QList<AlertStateStore::RemainingPoint> AlertStateStore::recentRemaining(const QString &, const QString &,
                                                                        const QDateTime &, const QDateTime &) const
{
    return {};
}

bool MemoryAlertStateStore::save(const QString &key, const QByteArray &value)
{
    ++m_saveCount;
    if (m_failSaves)
        return false;
    m_values.insert(key, value);
    return true;
}

bool MemoryAlertStateStore::appendEvents(const QList<Event> &events)
{
    m_events += events;
    return true;
}
