#pragma once

#include <QDateTime>
#include <QList>
#include <QPointF>
#include <QString>
#include <optional>

// One quota reading of one account and resource at one time.
struct Sample
{
    QString accountId;
    QString resource;
    QDateTime time; // UTC
    std::optional<qint64> limit;
    std::optional<qint64> remaining;
    std::optional<qint64> used;
    std::optional<QDateTime> resetAt;
    std::optional<int> status;
    qint64 cost = 0;
};

enum class EventKind { Throttled, NearLimit, StateChange, Alert, Error };
QString eventKindId(EventKind k); // "throttled", "near_limit", "state_change", "alert", "error"
std::optional<EventKind> eventKindFromId(const QString &id);

struct Event
{
    QString accountId;
    QDateTime time; // UTC
    EventKind kind = EventKind::Error;
    std::optional<int> status;
    std::optional<double> retryAfterS;
    QString detail;
    qint64 id = 0; // assigned by the store
};

// What one probe leaves in the history, written in one transaction (HistoryBackend::record). The
// rule of which samples and events a probe implies lives in the engine (engine/proberecord.h);
// the history stores what it is given.
struct HistoryRecord
{
    QString accountId;
    // The account's current name and provider, kept for exports; both empty: left as stored.
    QString accountName;
    QString provider;
    QList<Sample> samples;
    QList<Event> events;
    // A throttled probe that left no sample still counts once in the account's hourly rollup.
    std::optional<QDateTime> throttledAt;
};

// What a chart draws: a decimated line plus markers that are never decimated.
struct ChartSeries
{
    QList<QPointF> remaining;        // x = ms since epoch (UTC), y = remaining; min and max per pixel column
    QList<QPointF> limit;            // x, y = limit, decimated the same way
    QList<qint64> resets;            // reset instants in range, ms since epoch (raw ranges only, <= 2 days)
    QList<qint64> throttles;         // 429 / rate-limit 403 instants in range, ms since epoch
    bool fromRollups = false;        // true when read from hourly rollups
    // The history could not be read (a database away): nothing here is known, which is not the
    // same as a range without readings.
    bool unreadable = false;
};
