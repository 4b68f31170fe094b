#include "sqlitealertstate.h"

#include "sqltransaction.h"

#include <QSqlQuery>
#include <QVariant>

using namespace Qt::StringLiterals;

namespace SqliteAlertState {

QByteArray value(const QSqlDatabase &db, const QString &key)
{
    QSqlQuery q(db);
    q.prepare(u"SELECT value FROM alert_state WHERE key = ?"_s);
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
    q.prepare(u"INSERT INTO alert_state(key, value) VALUES(?, ?) ON CONFLICT(key) DO UPDATE SET value = "
              "excluded.value"_s);
    q.addBindValue(key);
    q.addBindValue(value);
    return q.exec() && tx.commit();
}

} // namespace SqliteAlertState
