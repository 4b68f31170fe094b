#include "sqltransaction.h"

#include <QSqlQuery>


SqlTransaction::SqlTransaction(const QSqlDatabase &db, const QString &begin)
    : m_db(db)
{
    m_active = exec(begin);
}

SqlTransaction::~SqlTransaction()
{
    rollback();
}

bool SqlTransaction::commit()
{
    if (!m_active)
        return false;
    if (!exec(QStringLiteral("COMMIT")))
        return false;
    m_active = false;
    return true;
}

void SqlTransaction::rollback()
{
    if (!m_active)
        return;
    m_active = false;
    // Its own query: the error of a failed COMMIT stays what lastError() reports.
    QSqlQuery q(m_db);
    q.exec(QStringLiteral("ROLLBACK"));
}

bool SqlTransaction::exec(const QString &sql)
{
    QSqlQuery q(m_db);
    if (q.exec(sql))
        return true;
    m_error = q.lastError();
    return false;
}
