#pragma once

#include <QList>
#include <QSqlDatabase>
#include <QString>
#include <QStringList>

// The PostgreSQL history's schema: the SQLite tables (historyschema.h) in PostgreSQL's dialect,
// times as bigint ms since the epoch like there, so both backends' code reads alike. Samples
// are unique per account, resource and time, so a write retried after a lost COMMIT never
// doubles one; events carry a client-made uid for the same reason.
namespace PgSchema {

struct Migration
{
    int toVersion;
    QStringList statements;
};

// Version this build writes (the row in headroom_schema).
int currentVersion();
// Every migration from an empty database, oldest first. Never edit a released step.
QList<Migration> migrations();
// Every table a current database has, sorted.
QStringList tables();

// Brings the database to the current schema: all missing steps in one transaction, under a
// transaction-scoped advisory lock (so two processes opening a fresh database one after the
// other, and PgBouncer in transaction mode, are fine). False with *error when it cannot, or
// when the database was written by a newer Headroom (*newer then holds its version).
bool migrate(const QSqlDatabase &db, QString *error, int *newer = nullptr);

// Heads of the multi-row rollup upserts; the caller appends "VALUES (...), (...)" rows in the
// column order given, then the matching tail.
QString rollupInsertHead(); // account, resource, hour, samples, min_remaining, max_remaining,
                            // last_remaining, last_limit, last_time, min_pct, max_used,
                            // throttled, cost, below_ms
QString rollupUpsertTail();
QString blockInsertHead(); // account, resource, block, samples, min_remaining, max_remaining,
                           // last_limit, last_time
QString blockUpsertTail();

} // namespace PgSchema
