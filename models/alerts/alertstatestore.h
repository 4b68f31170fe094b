#pragma once

#include "history/historytypes.h"

#include <QByteArray>
#include <QDateTime>
#include <QHash>
#include <QList>
#include <QString>

// Where the alert engine keeps what it must not forget across a restart (which alerts were
// already raised for which window, snoozes, failure streaks) and where it records its events.
// The application uses HistoryAlertStateStore (over HistoryStore); tests of the engine can
// use MemoryAlertStateStore.
class AlertStateStore
{
public:
    struct RemainingPoint
    {
        QDateTime time; // UTC
        qint64 remaining = 0;
        std::optional<QDateTime> resetAt;
    };

    virtual ~AlertStateStore() = default;

    virtual QByteArray load(const QString &key) const = 0;
    // Returns false when the value could not be stored (the engine keeps working in memory).
    virtual bool save(const QString &key, const QByteArray &value) = 0;
    virtual bool appendEvents(const QList<Event> &events) = 0;
    // Recent remaining values of one quota, oldest first, so a restarted engine can forecast
    // at once. The default has no history.
    virtual QList<RemainingPoint> recentRemaining(const QString &accountId, const QString &resource,
                                                  const QDateTime &from, const QDateTime &to) const;
};

// Keeps everything in memory. Copyable state so a test can "restart" with the same contents.
class MemoryAlertStateStore : public AlertStateStore
{
public:
    QByteArray load(const QString &key) const override { return m_values.value(key); }
    bool save(const QString &key, const QByteArray &value) override;
    bool appendEvents(const QList<Event> &events) override;

    QHash<QString, QByteArray> m_values;
    QList<Event> m_events;
    int m_saveCount = 0;
    bool m_failSaves = false; // simulates a full disk
};
