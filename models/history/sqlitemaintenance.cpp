#include "sqlitemaintenance.h"

#include "core/clock.h"
#include "historyschema.h"
#include "sqliteconnections.h"
#include "sqltransaction.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>

#include <sqlite3.h>
#include <sys/stat.h>

#include <chrono>
#include <cstdio>
#ifdef Q_OS_LINUX
#include <sys/resource.h>
#include <unistd.h>
#endif

namespace {

// The history's messages share HistoryStore's translation context, whichever part of it words them.
class HistoryStoreText
{
    Q_DECLARE_TR_FUNCTIONS(HistoryStore)
};

// Beside the history: a background check found damage, so the next open checks it in full
// (and quarantines it if the damage is confirmed) whatever its size.
QString damageMarkerPath(const QString &path)
{
    return path + QStringLiteral(".damaged");
}

void setCheckpointOnClose(const QSqlDatabase &db, bool on)
{
    if (sqlite3 *h = sqliteHandle(db))
        sqlite3_db_config(h, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, on ? 0 : 1, nullptr);
}

// Creates a new database under a temporary name and renames it into place once its schema
// is complete, so the file at `path` is always either absent or a whole Headroom store.
bool createFresh(const QString &path, QString *error)
{
    const QString tmp = path + QStringLiteral(".init-") + QUuid::createUuid().toString(QUuid::Id128).left(8);
    {
        QFile f(tmp);
        // Pre-created 0600: SQLite gives -wal and -shm the database's mode.
        if (!f.open(QIODevice::WriteOnly | QIODevice::NewOnly)
            || !f.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner)) {
            if (error)
                *error = HistoryStoreText::tr("Cannot create the history file %1: %2").arg(tmp, f.errorString());
            return false;
        }
    }
    const QString name = QStringLiteral("headroom-history-init-") + QUuid::createUuid().toString(QUuid::Id128);
    bool ok = false;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(tmp);
        if (db.open()) {
            QSqlQuery q(db);
            QSqlError failed;
            ok = q.exec(QStringLiteral("PRAGMA journal_mode=WAL"));
            if (!ok)
                failed = q.lastError();
            q.finish();
            if (ok) {
                SqlTransaction tx(db);
                if (!(ok = tx.isActive()))
                    failed = tx.lastError();
                const QStringList schema = HistorySchema::currentSchema()
                    << QStringLiteral("PRAGMA user_version=") + QString::number(HistorySchema::currentVersion());
                for (const QString &sql : schema) {
                    if (!ok)
                        break;
                    if (!(ok = q.exec(sql)))
                        failed = q.lastError();
                }
                q.finish();
                if (ok && !(ok = tx.commit()))
                    failed = tx.lastError();
            }
            if (!ok && error)
                *error = failed.text();
        } else if (error) {
            *error = db.lastError().text();
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    if (ok) {
        QFile::remove(tmp + QStringLiteral("-wal"));
        QFile::remove(tmp + QStringLiteral("-shm"));
        ok = ::rename(QFile::encodeName(tmp).constData(), QFile::encodeName(path).constData()) == 0;
        if (!ok && error)
            *error = HistoryStoreText::tr("Cannot create the history file %1.").arg(path);
    }
    if (!ok)
        QFile::remove(tmp);
    return ok;
}

// The header's page count (valid when its change counter matches, offsets 24 and 92) times the
// page size: a healthy file is never shorter once its WAL is checkpointed. With frames in the
// -wal it can be: a checkpoint copies page 1 (the new count) before the pages that grow the file,
// so a writer killed mid-checkpoint leaves a short but whole database (the WAL completes it).
// Then only the full check, which reads through the WAL, can tell.
QString truncationOf(const QString &path)
{
    if (QFileInfo(path + QStringLiteral("-wal")).size() > 0)
        return {};
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    const QByteArray h = f.read(100);
    if (h.size() < 100)
        return HistoryStoreText::tr("truncated");
    auto be32 = [&h](int at) {
        return (quint32(quint8(h[at])) << 24) | (quint32(quint8(h[at + 1])) << 16) | (quint32(quint8(h[at + 2])) << 8)
            | quint32(quint8(h[at + 3]));
    };
    const quint32 raw = (quint32(quint8(h[16])) << 8) | quint32(quint8(h[17]));
    const qint64 pageSize = raw == 1 ? 65536 : raw;
    if (be32(24) != be32(92) || pageSize < 512)
        return {};
    if (f.size() < qint64(be32(28)) * pageSize)
        return HistoryStoreText::tr("truncated");
    return {};
}

} // namespace

SqliteMaintenance::SqliteMaintenance(SqliteConnections &pool, QString *notice)
    : m_pool(pool)
    , m_notice(notice)
{
}

SqliteMaintenance::~SqliteMaintenance()
{
    stopBackgroundCheck();
}

bool SqliteMaintenance::openFile(QString *error, bool *deferCheck)
{
    *deferCheck = false;
    const QString path = m_pool.path();
    const QFileInfo info(path);
    const QString dir = info.absolutePath();
    const bool made = !QFileInfo::exists(dir);
    if (!QDir().mkpath(dir)) {
        if (error)
            *error = HistoryStoreText::tr("Cannot create the folder %1.").arg(dir);
        return false;
    }
    // The history holds account names and usage: a folder made for it is the owner's only. A
    // folder that was there keeps its mode (the file itself is the owner's only): a history
    // named with --history may sit in /tmp or a shared folder that others need.
    if (made)
        ::chmod(QFile::encodeName(dir).constData(), 0700);

    for (int attempt = 0; attempt < 2; ++attempt) {
        if (!QFile::exists(path)) {
            QFile::remove(path + QStringLiteral("-wal"));
            QFile::remove(path + QStringLiteral("-shm"));
            if (!createFresh(path, error))
                return false;
        }
        QString why;
        {
            QFile f(path);
            if (!f.open(QIODevice::ReadOnly)) {
                if (error)
                    *error = HistoryStoreText::tr("Cannot read the history file %1: %2").arg(path, f.errorString());
                return false;
            }
            const QByteArray head = f.read(16);
            if (head.size() == 0)
                why = HistoryStoreText::tr("the file is empty");
            else if (head != QByteArrayView("SQLite format 3\0", 16))
                why = HistoryStoreText::tr("not an SQLite database");
        }
        int version = -1;
        bool newer = false;
        bool migrateFailed = false;
        QString migrateError;
        if (why.isEmpty()) {
            const QSqlDatabase db = m_pool.database();
            if (!db.isOpen()) {
                why = db.lastError().text();
            } else {
                // Until the file is known to be ours and whole, closing must not checkpoint its
                // -wal into it: a quarantined file stays exactly as it was found.
                setCheckpointOnClose(db, false);
                QSqlQuery q(db);
                const bool flagged = QFile::exists(damageMarkerPath(path));
                *deferCheck = !flagged && QFileInfo(path).size() > kSyncCheckMaxBytes;
                if (*deferCheck) {
                    // Cheap stand-ins at start-up: a truncated file is shorter than its header says,
                    // and reading the schema below touches the first pages.
                    why = truncationOf(path);
                } else {
                    if (!q.exec(QStringLiteral("PRAGMA quick_check")) || !q.next())
                        why = q.lastError().text();
                    else if (q.value(0).toString() != QStringLiteral("ok"))
                        why = HistoryStoreText::tr("damaged (%1)").arg(q.value(0).toString());
                    q.finish();
                    if (why.isEmpty() && flagged)
                        QFile::remove(damageMarkerPath(path));
                }
                if (why.isEmpty()) {
                    if (!q.exec(QStringLiteral("PRAGMA user_version")) || !q.next())
                        why = q.lastError().text();
                    else
                        version = q.value(0).toInt();
                    q.finish();
                }
                if (why.isEmpty() && version > HistorySchema::currentVersion())
                    newer = true;
                if (why.isEmpty() && !newer) {
                    // Every table this version expects must be there, and nothing foreign.
                    QStringList tables;
                    if (q.exec(
                            QStringLiteral("SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite%' ORDER BY name"))) {
                        while (q.next())
                            tables << q.value(0).toString();
                    }
                    q.finish();
                    const QStringList expected = HistorySchema::tablesOf(version);
                    if (version == 0 && !tables.isEmpty())
                        why = HistoryStoreText::tr("not a Headroom history (tables: %1)")
                                  .arg(tables.join(QStringLiteral(", ")));
                    else if (version > 0 && tables != expected)
                        why = HistoryStoreText::tr("its tables do not match schema %1").arg(version);
                }
                if (why.isEmpty() && !newer && !migrate(db, &migrateError))
                    migrateFailed = true;
                if (why.isEmpty() && !newer && !migrateFailed)
                    setCheckpointOnClose(db, true);
            }
        }
        if (newer) {
            m_pool.closeAll();
            if (error)
                *error
                    = HistoryStoreText::tr("The history file %1 was written by a newer version of Headroom (schema %2, "
                                           "this version knows %3). Update Headroom to open it.")
                          .arg(path)
                          .arg(version)
                          .arg(HistorySchema::currentVersion());
            return false;
        }
        if (migrateFailed) {
            m_pool.closeAll();
            if (error)
                *error = HistoryStoreText::tr("Cannot update the history file %1: %2").arg(path, migrateError);
            return false;
        }
        if (why.isEmpty())
            return true;
        if (!quarantine(why, error))
            return false;
    }
    if (error)
        *error = HistoryStoreText::tr("Cannot open the history file %1.").arg(path);
    return false;
}

bool SqliteMaintenance::migrate(const QSqlDatabase &db, QString *error)
{
    QSqlQuery q(db);
    if (!q.exec(QStringLiteral("PRAGMA user_version")) || !q.next()) {
        if (error)
            *error = q.lastError().text();
        return false;
    }
    int version = q.value(0).toInt();
    q.finish();
    const QList<HistorySchema::Migration> steps = HistorySchema::migrations();
    for (const HistorySchema::Migration &m : steps) {
        if (m.toVersion <= version)
            continue;
        SqlTransaction tx(db);
        if (!tx.isActive()) {
            if (error)
                *error = tx.lastError().text();
            return false;
        }
        // Another process may have migrated while we waited for the lock.
        QSqlQuery again(db);
        if (!again.exec(QStringLiteral("PRAGMA user_version")) || !again.next())
            return false;
        version = again.value(0).toInt();
        again.finish();
        if (m.toVersion <= version) {
            tx.commit();
            continue;
        }
        for (const QString &sql : m.statements) {
            if (!sqliteExec(db, sql, error))
                return false;
        }
        if (!sqliteExec(db, QStringLiteral("PRAGMA user_version=") + QString::number(m.toVersion), error))
            return false;
        if (!tx.commit()) {
            if (error)
                *error = tx.lastError().text();
            return false;
        }
        version = m.toVersion;
    }
    return true;
}

bool SqliteMaintenance::quarantine(const QString &why, QString *error)
{
    m_pool.closeAll();
    const QString path = m_pool.path();
    const QString stamp = QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyyMMdd'T'HHmmss'Z'"));
    QString target = path + QStringLiteral(".corrupt-") + stamp;
    for (int i = 1; QFile::exists(target) && i < 1000; ++i)
        target = path + QStringLiteral(".corrupt-") + stamp + u'-' + QString::number(i);
    if (!QFile::rename(path, target)) {
        if (error)
            *error = HistoryStoreText::tr("The history file %1 is unusable (%2) and could not be moved aside.")
                         .arg(path, why);
        return false;
    }
    for (const QString &suffix : { QStringLiteral("-wal"), QStringLiteral("-shm") }) {
        if (QFile::exists(path + suffix))
            QFile::rename(path + suffix, target + suffix);
    }
    QFile::remove(damageMarkerPath(path));
    *m_notice
        = HistoryStoreText::tr("The history file was unusable (%1). It was moved aside as %2 and a new, empty history "
                               "was started.")
              .arg(why, QFileInfo(target).fileName());
    return true;
}

void SqliteMaintenance::startBackgroundCheck(
    const QString &path, int delayMs, std::function<void(const QString &)> onDamage)
{
    stopBackgroundCheck();
    m_checkCancelled = false;
    const QByteArray file = QFile::encodeName(path);
    const auto delay = std::chrono::milliseconds(delayMs);
    m_checker = std::thread([this, file, delay, onDamage = std::move(onDamage)] {
#ifdef Q_OS_LINUX
        // Reading the whole file must not take a core from probing or the window: nice 10 on
        // this thread alone (Linux nice is per thread; lowering needs no privilege). Not
        // SCHED_IDLE: on a busy machine that could starve the check for good.
        setpriority(PRIO_PROCESS, id_t(gettid()), 10);
#endif
        sqlite3 *db = nullptr;
        {
            std::unique_lock<std::mutex> guard(m_checkMutex);
            // Not during start-up: the window, the first probes and the charts come first.
            if (m_checkWake.wait_for(guard, delay, [this] { return m_checkCancelled.load(); }))
                return;
            if (sqlite3_open_v2(file.constData(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
                sqlite3_close(db);
                return;
            }
            m_checkDb = db;
        }
        sqlite3_busy_timeout(db, SqliteConnections::kBusyTimeoutMs);
        QString result;
        bool finished = false;
        sqlite3_stmt *stmt = nullptr;
        if (sqlite3_prepare_v2(db, "PRAGMA quick_check", -1, &stmt, nullptr) == SQLITE_OK) {
            const int rc = sqlite3_step(stmt);
            if (rc == SQLITE_ROW) {
                result = QString::fromUtf8(reinterpret_cast<const char *>(sqlite3_column_text(stmt, 0)));
                finished = true;
            } else if (rc != SQLITE_INTERRUPT && !m_checkCancelled) {
                result = QString::fromUtf8(sqlite3_errmsg(db));
                finished = true;
            }
        }
        sqlite3_finalize(stmt);
        {
            std::lock_guard<std::mutex> guard(m_checkMutex);
            m_checkDb = nullptr;
            sqlite3_close(db);
        }
        if (!finished || m_checkCancelled || result == QStringLiteral("ok"))
            return;
        onDamage(result);
    });
}

void SqliteMaintenance::stopBackgroundCheck()
{
    if (!m_checker.joinable())
        return;
    {
        std::lock_guard<std::mutex> guard(m_checkMutex);
        m_checkCancelled = true;
        if (m_checkDb)
            sqlite3_interrupt(m_checkDb);
    }
    m_checkWake.notify_all();
    m_checker.join();
}

QString SqliteMaintenance::noteDamage(const QString &path, const QString &result)
{
    QFile marker(damageMarkerPath(path));
    if (marker.open(QIODevice::WriteOnly | QIODevice::Truncate))
        marker.write(result.toUtf8());
    return HistoryStoreText::tr("The history file looks damaged (%1). It is checked again and, if still damaged, "
                                "moved aside at the next start.")
        .arg(result);
}

int SqliteMaintenance::prune(const QSqlDatabase &db, int retentionDays, int maxRows)
{
    const qint64 cutoff
        = Clock::instance()->nowUtc().toMSecsSinceEpoch() - qint64(retentionDays) * HistorySchema::kDayMs;
    // The keys come from the small rollups table; each delete then walks the
    // (account, resource, time) index from its oldest end, so no statement scans the table.
    QList<QPair<qint64, QString>> keys;
    {
        QSqlQuery q(db);
        q.setForwardOnly(true);
        if (!q.exec(QStringLiteral("SELECT DISTINCT account, resource FROM rollups WHERE hour < ") + QString::number(cutoff)))
            return -1;
        while (q.next())
            keys.append({ q.value(0).toLongLong(), q.value(1).toString() });
    }
    if (keys.isEmpty())
        return 0;
    SqlTransaction tx(db);
    if (!tx.isActive())
        return -1;
    QSqlQuery del(db);
    del.prepare(QStringLiteral("DELETE FROM samples WHERE rowid IN (SELECT rowid FROM samples WHERE account = ? AND resource = ? "
                "AND time < ? ORDER BY time LIMIT ?)"));
    int deleted = 0;
    for (const auto &k : std::as_const(keys)) {
        if (deleted >= maxRows)
            break;
        del.bindValue(0, k.first);
        del.bindValue(1, k.second);
        del.bindValue(2, cutoff);
        del.bindValue(3, maxRows - deleted);
        if (!del.exec())
            return -1;
        deleted += del.numRowsAffected();
    }
    if (!tx.commit())
        return -1;
    return deleted;
}
