#pragma once

#include <QByteArray>
#include <QSqlDatabase>
#include <QString>

// The alert engine's state (models/alerts) in the history's alert_state table, so a restart
// never repeats an alert.
namespace SqliteAlertState {

// Empty when the key was never stored.
QByteArray value(const QSqlDatabase &db, const QString &key);
bool setValue(const QSqlDatabase &db, const QString &key, const QByteArray &value);

} // namespace SqliteAlertState
