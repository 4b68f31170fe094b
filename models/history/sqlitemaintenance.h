#pragma once

#include <QSqlDatabase>
#include <QString>

#include <atomic>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>

class SqliteConnections;
struct sqlite3;

// Keeping the SQLite file whole and small: opening it (create, check, migrate, or move a
// damaged or foreign file aside), the background integrity check of a large file, and pruning
// raw samples past the retention window. Not locked: the store's mutex guards every call but the
// checker thread's own work.
class SqliteMaintenance
{
public:
    // `notice` is the store's one-time message for the user.
    SqliteMaintenance(SqliteConnections &pool, QString *notice);
    ~SqliteMaintenance();
    SqliteMaintenance(const SqliteMaintenance &) = delete;
    SqliteMaintenance &operator=(const SqliteMaintenance &) = delete;

    // Opens the pool's file, creating it when absent. A corrupt or foreign file is quarantined
    // and a fresh one created. *deferCheck: the file is too large to check in full now, so
    // startBackgroundCheck() should.
    bool openFile(QString *error, bool *deferCheck);
    // Brings a database to the current schema: one transaction per step, each bumping
    // user_version, so a kill in the middle leaves the previous version whole.
    static bool migrate(const QSqlDatabase &db, QString *error);

    // quick_check of `path` after `delayMs`, on its own thread and read-only connection, at low
    // priority. `onDamage(result)` is called on that thread when it found damage.
    void startBackgroundCheck(const QString &path, int delayMs, std::function<void(const QString &)> onDamage);
    // Interrupts and joins a running check.
    void stopBackgroundCheck();
    // Marks `path` for a full check at its next open and returns the notice for the user.
    static QString noteDamage(const QString &path, const QString &result);

    // Deletes at most maxRows raw samples older than `retentionDays` in one short write
    // transaction; returns how many (-1 on failure).
    static int prune(const QSqlDatabase &db, int retentionDays, int maxRows);

    // A file larger than this is checked in the background rather than during open().
    static constexpr qint64 kSyncCheckMaxBytes = 16 * 1024 * 1024;
    static constexpr int kBackgroundCheckDelayMs = 30000;

private:
    bool quarantine(const QString &why, QString *error);

    SqliteConnections &m_pool;
    QString *m_notice;

    std::thread m_checker;
    std::mutex m_checkMutex; // guards m_checkDb against stop interrupting a connection being closed
    sqlite3 *m_checkDb = nullptr;
    std::atomic<bool> m_checkCancelled{false};
    std::condition_variable m_checkWake; // cancels the wait before the check starts
};
