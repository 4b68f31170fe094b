#pragma once

#include <QList>
#include <QString>
#include <QStringList>

// The history's schema and its ordered migrations. Each migration runs in one transaction
// that also sets PRAGMA user_version, so a kill in the middle leaves the older version whole.
namespace HistorySchema {

// The rollup levels: hourly rows, and 6-hour blocks for chart columns that span 6 hours or more.
inline constexpr qint64 kHourMs = 3600 * 1000;
inline constexpr qint64 kBlockMs = 6 * kHourMs;
inline constexpr qint64 kDayMs = 24 * kHourMs;

struct Migration
{
    int toVersion;
    QStringList statements;
};

int currentVersion();
// Every migration from an empty database, oldest first.
QList<Migration> migrations();
// All statements that build the current schema in an empty database.
QStringList currentSchema();
// The tables (sorted) a database of `version` has; empty for 0.
QStringList tablesOf(int version);
// INSERT ... ON CONFLICT for one hourly rollup delta, 14 positional parameters:
// account, resource, hour, samples, min_remaining, max_remaining, last_remaining, last_limit,
// last_time, min_pct, max_used, throttled, cost, below_ms.
QString rollupUpsert();
// The same for a 6-hour block (chart ranges whose pixel columns span 6 hours or more), 8
// parameters: account, resource, block, samples, min_remaining, max_remaining, last_limit, last_time.
QString blockUpsert();

} // namespace HistorySchema
