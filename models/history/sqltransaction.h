#pragma once

#include <QSqlDatabase>
#include <QSqlError>
#include <QString>

// One transaction on one connection, rolled back when it leaves scope uncommitted: every early
// return of a failed write leaves the connection outside any transaction, as it found it.
//
//     SqlTransaction tx(db);
//     if (!tx.isActive())
//         return fail(tx.lastError());
//     ... statements; return on failure ...
//     return tx.commit();
class SqlTransaction
{
public:
    // The default takes SQLite's write lock at once (BEGIN IMMEDIATE), so a transaction that
    // reads before it writes never fails with SQLITE_BUSY on upgrading its lock. Another engine
    // passes its own statement.
    explicit SqlTransaction(const QSqlDatabase &db, const QString &begin = QStringLiteral("BEGIN IMMEDIATE"));
    ~SqlTransaction();
    SqlTransaction(const SqlTransaction &) = delete;
    SqlTransaction &operator=(const SqlTransaction &) = delete;

    // Begun, and neither committed nor rolled back yet.
    bool isActive() const { return m_active; }
    // False when the transaction was not active or COMMIT failed; a failed COMMIT leaves it
    // active, so it is still rolled back.
    bool commit();
    void rollback();
    // Of the failed BEGIN or COMMIT.
    QSqlError lastError() const { return m_error; }

private:
    bool exec(const QString &sql);

    QSqlDatabase m_db;
    bool m_active = false;
    QSqlError m_error;
};
