#include "sqliteconnections.h"

#include <QSqlDriver>
#include <QSqlError>
#include <QThread>
#include <QUrl>

#include <sqlite3.h>


SqliteConnection::~SqliteConnection()
{
    finalizeRaw();
}

void SqliteConnection::finalizeRaw()
{
    for (sqlite3_stmt **st : { &insertSample, &upsertRollup, &upsertBlock }) {
        sqlite3_finalize(*st);
        *st = nullptr;
    }
    handle = nullptr;
}

void SqliteConnection::releaseStatements()
{
    finalizeRaw();
    insertEvent.reset();
    accountKey.reset();
    insertAccount.reset();
    upsertAccount.reset();
}

sqlite3 *sqliteHandle(const QSqlDatabase &db)
{
    const QVariant v = db.driver() ? db.driver()->handle() : QVariant();
    if (!v.isValid() || qstrcmp(v.typeName(), "sqlite3*") != 0)
        return nullptr;
    return *static_cast<sqlite3 *const *>(v.constData());
}

bool sqliteExec(const QSqlDatabase &db, const QString &sql, QString *error)
{
    QSqlQuery query(db);
    if (!query.exec(sql)) {
        if (error)
            *error = query.lastError().text();
        return false;
    }
    return true;
}

SqliteConnections::SqliteConnections(const QString &baseName)
    : m_base(baseName)
{
}

SqliteConnections::~SqliteConnections()
{
    closeAll();
}

void SqliteConnections::setTarget(const QString &path, bool inMemory)
{
    m_path = path;
    m_inMemory = inMemory;
}

SqliteConnection *SqliteConnections::current()
{
    const Qt::HANDLE thread = QThread::currentThreadId();
    if (SqliteConnection *c = m_connections.value(thread))
        return c;
    auto *c = new SqliteConnection;
    c->name = m_base + QStringLiteral("-t") + QString::number(m_connections.size()) + u'-'
        + QString::number(reinterpret_cast<quintptr>(thread), 16);
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), c->name);
    if (m_inMemory) {
        db.setDatabaseName(QStringLiteral("file:") + m_base + QStringLiteral("?mode=memory&cache=shared"));
    } else {
        // mode=rw: never create. open() made the file; a connection opened again later (after
        // the file system went read-only and came back) must not start an empty database where
        // the history is missing, which would drop the readings waiting in memory.
        db.setDatabaseName(QStringLiteral("file:") + QString::fromLatin1(QUrl::toPercentEncoding(m_path, "/")) + QStringLiteral("?mode=rw"));
    }
    db.setConnectOptions(QStringLiteral("QSQLITE_OPEN_URI;QSQLITE_BUSY_TIMEOUT=") + QString::number(kBusyTimeoutMs));
    db.open();
    if (db.isOpen()) {
        if (!m_inMemory)
            sqliteExec(db, QStringLiteral("PRAGMA journal_mode=WAL"));
        sqliteExec(db, QStringLiteral("PRAGMA synchronous=NORMAL"));
        sqliteExec(db, QStringLiteral("PRAGMA busy_timeout=") + QString::number(kBusyTimeoutMs));
    }
    m_connections.insert(thread, c);
    return c;
}

static void release(SqliteConnection *c)
{
    c->releaseStatements();
    const QString name = c->name;
    delete c;
    QSqlDatabase::removeDatabase(name);
}

void SqliteConnections::dropCurrent()
{
    if (SqliteConnection *c = m_connections.take(QThread::currentThreadId()))
        release(c);
}

void SqliteConnections::closeAll()
{
    for (SqliteConnection *c : std::as_const(m_connections))
        release(c);
    m_connections.clear();
}
