#pragma once

#include "historybackend.h"
#include "historytypes.h"

#include <QDateTime>
#include <QList>
#include <QSqlDatabase>
#include <QString>
#include <QStringList>

#include <optional>

// The history's reads on one SQLite connection: samples, resources, events, accounts and the
// chart series, decimated in SQL so their cost follows the screen rather than the history.
namespace SqliteQueries {

std::optional<Sample> lastSample(const QSqlDatabase &db, const QString &accountId, const QString &resource);
QList<Sample> samples(const QSqlDatabase &db, const QString &accountId, const QString &resource,
                      const QDateTime &from, const QDateTime &to);
QStringList resources(const QSqlDatabase &db, const QString &accountId);
QList<Event> events(const QSqlDatabase &db, const QDateTime &from, const QDateTime &to,
                    const QStringList &accountIds, int limit);
ChartSeries series(const QSqlDatabase &db, const QString &accountId, const QString &resource, const QDateTime &from,
                   const QDateTime &to, int pixelWidth);
QList<HistoryBackend::AccountInfo> accounts(const QSqlDatabase &db);

} // namespace SqliteQueries
