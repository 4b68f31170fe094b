#include "historyschema.h"


namespace HistorySchema {

int currentVersion()
{
    return 4;
}

QList<Migration> migrations()
{
    // Never edit a released step: add a new one. Old databases replay the steps they lack.
    return {
        {1,
         {QStringLiteral("CREATE TABLE accounts(key INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, "
          "name TEXT NOT NULL DEFAULT '', provider TEXT NOT NULL DEFAULT '')"),
          QStringLiteral("CREATE TABLE samples(account INTEGER NOT NULL, resource TEXT NOT NULL, time INTEGER NOT NULL, "
          "lim INTEGER, remaining INTEGER, used INTEGER, reset_at INTEGER, status INTEGER, "
          "cost INTEGER NOT NULL DEFAULT 0)"),
          QStringLiteral("CREATE INDEX samples_art ON samples(account, resource, time)"),
          QStringLiteral("CREATE TABLE events(id INTEGER PRIMARY KEY, account INTEGER NOT NULL, time INTEGER NOT NULL, "
          "kind TEXT NOT NULL, status INTEGER, retry_after REAL, detail TEXT NOT NULL DEFAULT '')"),
          QStringLiteral("CREATE INDEX events_at ON events(account, time)")}},
        {2,
         {QStringLiteral("CREATE TABLE alert_state(key TEXT PRIMARY KEY, value BLOB)"),
          QStringLiteral("CREATE INDEX events_time ON events(time)")}},
        {3,
         {QStringLiteral("CREATE TABLE rollups(account INTEGER NOT NULL, resource TEXT NOT NULL, hour INTEGER NOT NULL, "
          "samples INTEGER NOT NULL, min_remaining INTEGER, max_remaining INTEGER, last_remaining INTEGER, "
          "last_limit INTEGER, last_time INTEGER NOT NULL, min_pct REAL, max_used INTEGER, "
          "throttled INTEGER NOT NULL DEFAULT 0, cost INTEGER NOT NULL DEFAULT 0, "
          "below_ms INTEGER NOT NULL DEFAULT 0, PRIMARY KEY(account, resource, hour)) WITHOUT ROWID"),
          // Rollups of the samples already stored. Time below warning (20 %) is counted to the
          // next sample, capped at the hour's end (live writes also spill into later hours).
          QStringLiteral("INSERT INTO rollups(account, resource, hour, samples, min_remaining, max_remaining, last_remaining, "
          "last_limit, last_time, min_pct, max_used, throttled, cost, below_ms) "
          "SELECT account, resource, hour, count(*), min(remaining), max(remaining), NULL, NULL, max(time), "
          "min(CASE WHEN lim > 0 AND remaining IS NOT NULL THEN 100.0 * remaining / lim END), max(used), "
          "sum(CASE WHEN status = 429 OR (status = 403 AND remaining = 0) THEN 1 ELSE 0 END), sum(cost), "
          "sum(CASE WHEN lim > 0 AND remaining < 0.2 * lim AND next IS NOT NULL "
          "THEN min(next, hour + 3600000) - time ELSE 0 END) "
          "FROM (SELECT *, time - time % 3600000 AS hour, "
          "lead(time) OVER (PARTITION BY account, resource ORDER BY time) AS next FROM samples) "
          "GROUP BY account, resource, hour"),
          QStringLiteral("UPDATE rollups SET last_remaining = (SELECT remaining FROM samples s WHERE s.account = rollups.account "
          "AND s.resource = rollups.resource AND s.time = rollups.last_time ORDER BY rowid DESC LIMIT 1), "
          "last_limit = (SELECT lim FROM samples s WHERE s.account = rollups.account "
          "AND s.resource = rollups.resource AND s.time >= rollups.hour AND s.time <= rollups.last_time "
          "AND s.lim IS NOT NULL ORDER BY s.time DESC, rowid DESC LIMIT 1)")}},
        {4,
         {// 6-hour blocks, so a year's chart reads about as many rows as a day's.
          QStringLiteral("CREATE TABLE rollups6h(account INTEGER NOT NULL, resource TEXT NOT NULL, block INTEGER NOT NULL, "
          "samples INTEGER NOT NULL, min_remaining INTEGER, max_remaining INTEGER, last_limit INTEGER, "
          "last_time INTEGER NOT NULL, PRIMARY KEY(account, resource, block)) WITHOUT ROWID"),
          QStringLiteral("INSERT INTO rollups6h(account, resource, block, samples, min_remaining, max_remaining, last_limit, "
          "last_time) SELECT account, resource, hour - hour % 21600000, sum(samples), min(min_remaining), "
          "max(max_remaining), NULL, max(last_time) FROM rollups WHERE samples > 0 "
          "GROUP BY account, resource, hour - hour % 21600000"),
          QStringLiteral("UPDATE rollups6h SET last_limit = (SELECT r.last_limit FROM rollups r WHERE r.account = rollups6h.account "
          "AND r.resource = rollups6h.resource AND r.hour >= rollups6h.block AND r.hour < rollups6h.block + 21600000 "
          "AND r.samples > 0 AND r.last_limit IS NOT NULL ORDER BY r.last_time DESC LIMIT 1)")}},
    };
}

QStringList currentSchema()
{
    QStringList out;
    for (const Migration &m : migrations())
        out += m.statements;
    return out;
}

QStringList tablesOf(int version)
{
    if (version <= 0)
        return {};
    QStringList t{QStringLiteral("accounts"), QStringLiteral("events"), QStringLiteral("samples")};
    if (version >= 2)
        t << QStringLiteral("alert_state");
    if (version >= 3)
        t << QStringLiteral("rollups");
    if (version >= 4)
        t << QStringLiteral("rollups6h");
    t.sort();
    return t;
}

QString rollupUpsert()
{
    return QStringLiteral("INSERT INTO rollups(account, resource, hour, samples, min_remaining, max_remaining, last_remaining, "
           "last_limit, last_time, min_pct, max_used, throttled, cost, below_ms) "
           "VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
           "ON CONFLICT(account, resource, hour) DO UPDATE SET "
           "samples = samples + excluded.samples, "
           "min_remaining = coalesce(min(min_remaining, excluded.min_remaining), min_remaining, excluded.min_remaining), "
           "max_remaining = coalesce(max(max_remaining, excluded.max_remaining), max_remaining, excluded.max_remaining), "
           "last_remaining = CASE WHEN excluded.last_time >= last_time THEN excluded.last_remaining ELSE last_remaining END, "
           "last_limit = CASE WHEN excluded.last_limit IS NULL THEN last_limit WHEN last_limit IS NULL "
           "OR excluded.last_time >= last_time THEN excluded.last_limit ELSE last_limit END, "
           "last_time = max(last_time, excluded.last_time), "
           "min_pct = coalesce(min(min_pct, excluded.min_pct), min_pct, excluded.min_pct), "
           "max_used = coalesce(max(max_used, excluded.max_used), max_used, excluded.max_used), "
           "throttled = throttled + excluded.throttled, cost = cost + excluded.cost, "
           "below_ms = below_ms + excluded.below_ms");
}

QString blockUpsert()
{
    return QStringLiteral("INSERT INTO rollups6h(account, resource, block, samples, min_remaining, max_remaining, last_limit, "
           "last_time) VALUES(?, ?, ?, ?, ?, ?, ?, ?) "
           "ON CONFLICT(account, resource, block) DO UPDATE SET "
           "samples = samples + excluded.samples, "
           "min_remaining = coalesce(min(min_remaining, excluded.min_remaining), min_remaining, excluded.min_remaining), "
           "max_remaining = coalesce(max(max_remaining, excluded.max_remaining), max_remaining, excluded.max_remaining), "
           "last_limit = CASE WHEN excluded.last_limit IS NULL THEN last_limit WHEN last_limit IS NULL "
           "OR excluded.last_time >= last_time THEN excluded.last_limit ELSE last_limit END, "
           "last_time = max(last_time, excluded.last_time)");
}

} // namespace HistorySchema
