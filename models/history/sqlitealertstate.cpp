#include "sqlitealertstate.h"

#include "sqltransaction.h"

#include <QSqlQuery>
#include <QVariant>


namespace SqliteAlertState {

QByteArray value(const QSqlDatabase &db, const QString &key)
{
    QSqlQuery q(db);
    q.prepare(QStringLiteral("SELECT value FROM alert_state WHERE key = ?"));
    q.addBindValue(key);
    if (!q.exec() || !q.next())
        return {};
    return q.value(0).toByteArray();
}

bool setValue(const QSqlDatabase &db, const QString &key, const QByteArray &value)
{
    SqlTransaction tx(db);
    if (!tx.isActive())
        return false;
    QSqlQuery q(db);
    q.prepare(QStringLiteral("INSERT INTO alert_state(key, value) VALUES(?, ?) ON CONFLICT(key) DO UPDATE SET value = "
              "excluded.value"));
    q.addBindValue(key);
    q.addBindValue(value);
    return q.exec() && tx.commit();
}

} // namespace SqliteAlertState
