#pragma once

#include <QHash>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>

#include <memory>

struct sqlite3;
struct sqlite3_stmt;

// One thread's connection and the statements prepared on it, reused across write
// transactions. The per-sample statements use the SQLite C API on the driver's handle: binding
// through QVariant and QSqlResult cost more than SQLite's own work on every row.
struct SqliteConnection
{
    QString name; // QSqlDatabase connection name
    std::unique_ptr<QSqlQuery> insertEvent, accountKey, insertAccount, upsertAccount;
    sqlite3 *handle = nullptr;
    sqlite3_stmt *insertSample = nullptr;
    sqlite3_stmt *upsertRollup = nullptr;
    sqlite3_stmt *upsertBlock = nullptr;

    SqliteConnection() = default;
    ~SqliteConnection();
    SqliteConnection(const SqliteConnection &) = delete;
    SqliteConnection &operator=(const SqliteConnection &) = delete;

    QSqlDatabase database() const { return QSqlDatabase::database(name, false); }
    // Before the driver closes the handle: sqlite3_close refuses a connection with live statements.
    void finalizeRaw();
    // Every prepared statement, Qt's and the raw ones.
    void releaseStatements();
};

// The driver's sqlite3 handle behind a QSQLITE connection, or null.
sqlite3 *sqliteHandle(const QSqlDatabase &db);
// Runs one statement; false with *error (when given) on failure.
bool sqliteExec(const QSqlDatabase &db, const QString &sql, QString *error = nullptr);

// One connection per thread to one database (thread ids are reused, so a worker thread releases
// its connection before it ends). Not locked: the store's mutex guards every call.
class SqliteConnections
{
public:
    explicit SqliteConnections(const QString &baseName);
    ~SqliteConnections();
    SqliteConnections(const SqliteConnections &) = delete;
    SqliteConnections &operator=(const SqliteConnections &) = delete;

    // What connections opened from now on connect to: a file (`path`) or a shared in-memory database.
    void setTarget(const QString &path, bool inMemory);
    QString path() const { return m_path; }
    bool inMemory() const { return m_inMemory; }

    // This thread's connection, opened (WAL, synchronous=NORMAL, busy timeout) on first use.
    SqliteConnection *current();
    QSqlDatabase database() { return current()->database(); }
    // This thread's connection only; the next use opens a new one.
    void dropCurrent();
    void closeAll();

    static constexpr int kBusyTimeoutMs = 10000;

private:
    const QString m_base;
    QString m_path;
    bool m_inMemory = false;
    QHash<Qt::HANDLE, SqliteConnection *> m_connections;
};
