#include "historystore.h"

#include "core/clock.h"
#include "historyschema.h"
#include "probe/proberesult.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QMutex>
#include <QMutexLocker>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>
#include <QThread>
#include <QTimer>
#include <QUrl>
#include <QUuid>

#include <sqlite3.h>
#include <sys/stat.h>

#include <algorithm>
#include <cstdio>
#include <atomic>
#include <cmath>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <condition_variable>
#include <chrono>
#ifdef Q_OS_LINUX
#include <sys/resource.h>
#include <unistd.h>
#endif
#include <thread>

using namespace Qt::StringLiterals;

namespace {

constexpr qint64 kHourMs = 3600 * 1000;
constexpr qint64 kDayMs = 24 * kHourMs;
// A reading below warning counts until the next one, but never past this: a monitor that was
// off for a week says nothing about that week.
constexpr qint64 kMaxBelowSpanMs = kDayMs;
constexpr int kMaxPending = 200000;
constexpr int kBusyTimeoutMs = 10000;
// Chart ranges longer than this are read from hourly rollups.
constexpr qint64 kRawSeriesMaxMs = 2 * kDayMs;
// The coarser rollup level: 6-hour blocks.
constexpr qint64 kBlockMs = 6 * kHourMs;
// quick_check reads every page: fine for a small file, but a year of history (~2 GB) took 24 s
// and start-up must not follow the history. Larger files get cheap checks at open and the full
// check on a background thread.
constexpr qint64 kSyncCheckMaxBytes = 16 * 1024 * 1024;
// How long after open() the background check of a large file waits before it starts.
constexpr int kBackgroundCheckDelayMs = 30000;

std::atomic<quint64> g_storeCounter{0};

// Beside the history: a background check found damage, so the next open checks it in full
// (and quarantines it if the damage is confirmed) whatever its size.
QString damageMarkerPath(const QString &path)
{
    return path + u".damaged"_s;
}

QVariant optVar(const std::optional<int> &v)
{
    return v ? QVariant(*v) : QVariant(QMetaType(QMetaType::Int));
}

QVariant optVar(const std::optional<double> &v)
{
    return v ? QVariant(*v) : QVariant(QMetaType(QMetaType::Double));
}

std::optional<qint64> optInt64(const QVariant &v)
{
    if (v.isNull())
        return std::nullopt;
    return v.toLongLong();
}

std::optional<int> optInt(const QVariant &v)
{
    if (v.isNull())
        return std::nullopt;
    return v.toInt();
}

// A null QString binds as SQL NULL; text columns that are NOT NULL get ''.
QString nonNull(const QString &s)
{
    return s.isNull() ? QString(u""_s) : s;
}

qint64 msOf(const QDateTime &t, qint64 fallback)
{
    return t.isValid() ? t.toMSecsSinceEpoch() : fallback;
}

QDateTime utcOf(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC);
}

bool isBelowWarning(const Sample &s, double fraction)
{
    return s.limit && s.remaining && *s.limit > 0 && double(*s.remaining) < fraction * double(*s.limit);
}

// A 429, or a 403 that says the quota is spent (GitHub's secondary and primary limits).
bool isThrottledSample(const Sample &s)
{
    return s.status && (*s.status == 429 || (*s.status == 403 && s.remaining && *s.remaining == 0));
}

struct RollupDelta
{
    qint64 samples = 0;
    std::optional<qint64> minRemaining, maxRemaining, lastRemaining, lastLimit, maxUsed;
    std::optional<double> minPct;
    qint64 lastTime = 0;
    qint64 throttled = 0;
    qint64 cost = 0;
    qint64 belowMs = 0;
};

template<typename T>
void keepMin(std::optional<T> &a, const std::optional<T> &b)
{
    if (b && (!a || *b < *a))
        a = b;
}

template<typename T>
void keepMax(std::optional<T> &a, const std::optional<T> &b)
{
    if (b && (!a || *b > *a))
        a = b;
}

struct PrevSample
{
    qint64 time = 0;
    bool below = false;
};

struct Batch
{
    QList<Sample> samples;
    QList<Event> events;
    // Throttled probes that produced no sample still count in the account's rollups.
    QList<QPair<QString, qint64>> throttleMarks; // account id, time ms
    QList<QPair<QString, QPair<QString, QString>>> names; // account id -> (name, provider)
};

// Prepared statements of one connection, reused across write transactions. The per-sample
// statements use the SQLite C API on the driver's handle: binding through QVariant and
// QSqlResult cost more than SQLite's own work on every row.
struct Connection
{
    QString name;
    std::unique_ptr<QSqlQuery> insertEvent, accountKey, insertAccount, upsertAccount;
    sqlite3 *handle = nullptr;
    sqlite3_stmt *insertSample = nullptr;
    sqlite3_stmt *upsertRollup = nullptr;
    sqlite3_stmt *upsertBlock = nullptr;

    ~Connection() { finalizeRaw(); }
    Connection() = default;
    Connection(const Connection &) = delete;
    Connection &operator=(const Connection &) = delete;

    // Before the driver closes the handle: sqlite3_close refuses a connection with live statements.
    void finalizeRaw()
    {
        for (sqlite3_stmt **st : {&insertSample, &upsertRollup, &upsertBlock}) {
            sqlite3_finalize(*st);
            *st = nullptr;
        }
        handle = nullptr;
    }
};

sqlite3 *sqliteHandle(const QSqlDatabase &db)
{
    const QVariant v = db.driver() ? db.driver()->handle() : QVariant();
    if (!v.isValid() || qstrcmp(v.typeName(), "sqlite3*") != 0)
        return nullptr;
    return *static_cast<sqlite3 *const *>(v.constData());
}

void bindOpt(sqlite3_stmt *st, int i, const std::optional<qint64> &v)
{
    if (v)
        sqlite3_bind_int64(st, i, *v);
    else
        sqlite3_bind_null(st, i);
}

void bindOpt(sqlite3_stmt *st, int i, const std::optional<int> &v)
{
    if (v)
        sqlite3_bind_int64(st, i, *v);
    else
        sqlite3_bind_null(st, i);
}

void bindOpt(sqlite3_stmt *st, int i, const std::optional<double> &v)
{
    if (v)
        sqlite3_bind_double(st, i, *v);
    else
        sqlite3_bind_null(st, i);
}

// The bytes must outlive the statement's next step (SQLITE_STATIC: no copy per row).
void bindText(sqlite3_stmt *st, int i, const QByteArray &utf8)
{
    sqlite3_bind_text(st, i, utf8.constData(), int(utf8.size()), SQLITE_STATIC);
}

// Parameters 1-6 of both rollup upserts (hourly and 6-hourly): series, bucket start, samples,
// min and max remaining.
void bindRollupHead(sqlite3_stmt *st, qint64 key, const QByteArray &resourceUtf8, qint64 bucket, const RollupDelta &d)
{
    sqlite3_bind_int64(st, 1, key);
    bindText(st, 2, resourceUtf8);
    sqlite3_bind_int64(st, 3, bucket);
    sqlite3_bind_int64(st, 4, d.samples);
    bindOpt(st, 5, d.minRemaining);
    bindOpt(st, 6, d.maxRemaining);
}

// One account and resource within a write: its key, its resource as bound, the latest sample
// by time (committed or in this write) and the rollup deltas of the hours it touches.
struct SeriesDelta
{
    qint64 key = 0;
    QString resource;
    QByteArray resourceUtf8;
    bool prevLoaded = false;
    std::optional<PrevSample> prev;
    bool prevChanged = false;
    // Ordered, and node-stable so the last hour can be cached while others are added.
    std::map<qint64, RollupDelta> hours;
    qint64 lastHour = 0;
    RollupDelta *last = nullptr;

    RollupDelta &hour(qint64 h)
    {
        if (!last || h != lastHour) {
            last = &hours[h];
            lastHour = h;
        }
        return *last;
    }
};

} // namespace

class HistoryStore::Private
{
public:
    explicit Private(HistoryStore *q)
        : q(q)
        , base(u"headroom-history-"_s + QString::number(++g_storeCounter) + u'-'
               + QUuid::createUuid().toString(QUuid::Id128).left(8))
    {
    }

    HistoryStore *q;
    const QString base;
    mutable QMutex mutex; // guards everything below; writes are serialised through it
    QString path;
    bool open = false;
    bool inMemory = false;
    QString notice;
    mutable QHash<Qt::HANDLE, Connection *> connections;
    int retentionDays = 90;
    double warningFraction = 0.2;
    QHash<QString, qint64> accountKeys; // committed account id -> key
    QHash<QPair<qint64, QString>, PrevSample> prev; // committed last sample per account/resource
    QHash<QString, AccountState> lastState;
    QList<Batch> pending;
    int pendingSamples = 0;
    bool writeFailing = false;
    QTimer *pruneTimer = nullptr;
    // Whether openFile() left the full quick_check to the background.
    bool deferCheck = false;

    // Background quick_check of a large file; its own read-only connection, interrupted by close().
    std::thread checker;
    std::mutex checkMutex; // guards checkDb against close() interrupting a connection being closed
    sqlite3 *checkDb = nullptr;
    std::atomic<bool> checkCancelled{false};
    std::condition_variable checkWake; // cancels the wait before the check starts
    int checkDelayMs = kBackgroundCheckDelayMs;
    void startBackgroundCheck();
    void stopBackgroundCheck();

    Connection *conn() const;
    void closeAll();
    // This thread's connection only; the next use opens a new one.
    void dropConnection();
    // The last failed write hit a read-only or failing file system: its file descriptors may
    // point at a file system that is gone, so the next write opens the file again.
    bool reconnect = false;
    void noteFailure(int code, bool *transient);
    bool openFile(QString *error);
    bool initialise(QSqlDatabase &db, QString *error);
    bool quarantine(const QString &why, QString *error);
    bool write(Batch batch);
    bool writeBatches(const QList<Batch> &batches, QString *error, bool *transient = nullptr);
    qint64 keyFor(Connection *c, const QString &accountId, QHash<QString, qint64> &fresh, bool *ok);
    std::optional<PrevSample> loadPrev(Connection *c, qint64 key, const QString &resource);
    static bool exec(QSqlDatabase &db, const QString &sql, QString *error = nullptr);
};

bool HistoryStore::Private::exec(QSqlDatabase &db, const QString &sql, QString *error)
{
    QSqlQuery query(db);
    if (!query.exec(sql)) {
        if (error)
            *error = query.lastError().text();
        return false;
    }
    return true;
}

Connection *HistoryStore::Private::conn() const
{
    const Qt::HANDLE thread = QThread::currentThreadId();
    if (Connection *c = connections.value(thread))
        return c;
    auto *c = new Connection;
    c->name = base + u"-t"_s + QString::number(connections.size()) + u'-'
              + QString::number(reinterpret_cast<quintptr>(thread), 16);
    QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, c->name);
    if (inMemory) {
        db.setDatabaseName(u"file:"_s + base + u"?mode=memory&cache=shared"_s);
        db.setConnectOptions(u"QSQLITE_OPEN_URI;QSQLITE_BUSY_TIMEOUT="_s + QString::number(kBusyTimeoutMs));
    } else {
        // mode=rw: never create. openFile() made the file; a connection opened again later (after
        // the file system went read-only and came back) must not start an empty database where
        // the history is missing, which would drop the readings waiting in memory.
        db.setDatabaseName(u"file:"_s + QString::fromLatin1(QUrl::toPercentEncoding(path, "/")) + u"?mode=rw"_s);
        db.setConnectOptions(u"QSQLITE_OPEN_URI;QSQLITE_BUSY_TIMEOUT="_s + QString::number(kBusyTimeoutMs));
    }
    db.open();
    if (db.isOpen()) {
        if (!inMemory)
            exec(db, u"PRAGMA journal_mode=WAL"_s);
        exec(db, u"PRAGMA synchronous=NORMAL"_s);
        exec(db, u"PRAGMA busy_timeout="_s + QString::number(kBusyTimeoutMs));
    }
    connections.insert(thread, c);
    return c;
}

static void release(Connection *c)
{
    c->finalizeRaw();
    c->insertEvent.reset();
    c->accountKey.reset();
    c->insertAccount.reset();
    c->upsertAccount.reset();
    const QString name = c->name;
    delete c;
    QSqlDatabase::removeDatabase(name);
}

void HistoryStore::Private::closeAll()
{
    for (Connection *c : std::as_const(connections))
        release(c);
    connections.clear();
}

void HistoryStore::Private::dropConnection()
{
    if (Connection *c = connections.take(QThread::currentThreadId()))
        release(c);
}

bool HistoryStore::Private::initialise(QSqlDatabase &db, QString *error)
{
    // Each step is one transaction that also bumps user_version, so a kill in the middle
    // leaves the previous version intact and the next start simply runs the step again.
    QSqlQuery q(db);
    if (!q.exec(u"PRAGMA user_version"_s) || !q.next()) {
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
        if (!exec(db, u"BEGIN IMMEDIATE"_s, error))
            return false;
        // Another process may have migrated while we waited for the lock.
        QSqlQuery again(db);
        if (!again.exec(u"PRAGMA user_version"_s) || !again.next()) {
            exec(db, u"ROLLBACK"_s);
            return false;
        }
        version = again.value(0).toInt();
        again.finish();
        if (m.toVersion <= version) {
            exec(db, u"COMMIT"_s);
            continue;
        }
        bool ok = true;
        for (const QString &sql : m.statements) {
            if (!exec(db, sql, error)) {
                ok = false;
                break;
            }
        }
        if (ok)
            ok = exec(db, u"PRAGMA user_version="_s + QString::number(m.toVersion), error);
        if (!ok || !exec(db, u"COMMIT"_s, error)) {
            exec(db, u"ROLLBACK"_s);
            return false;
        }
        version = m.toVersion;
    }
    return true;
}

bool HistoryStore::Private::quarantine(const QString &why, QString *error)
{
    closeAll();
    const QString stamp = QDateTime::currentDateTimeUtc().toString(u"yyyyMMdd'T'HHmmss'Z'"_s);
    QString target = path + u".corrupt-"_s + stamp;
    for (int i = 1; QFile::exists(target) && i < 1000; ++i)
        target = path + u".corrupt-"_s + stamp + u'-' + QString::number(i);
    if (!QFile::rename(path, target)) {
        if (error)
            *error = tr("The history file %1 is unusable (%2) and could not be moved aside.").arg(path, why);
        return false;
    }
    for (const QString &suffix : {u"-wal"_s, u"-shm"_s}) {
        if (QFile::exists(path + suffix))
            QFile::rename(path + suffix, target + suffix);
    }
    QFile::remove(damageMarkerPath(path));
    notice = tr("The history file was unusable (%1). It was moved aside as %2 and a new, empty history "
                "was started.")
                 .arg(why, QFileInfo(target).fileName());
    return true;
}

static void setCheckpointOnClose(const QSqlDatabase &db, bool on)
{
    if (sqlite3 *h = sqliteHandle(db))
        sqlite3_db_config(h, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, on ? 0 : 1, nullptr);
}

// Creates a new database under a temporary name and renames it into place once its schema
// is complete, so the file at `path` is always either absent or a whole Headroom store.
static bool createFresh(const QString &path, QString *error)
{
    const QString tmp = path + u".init-"_s + QUuid::createUuid().toString(QUuid::Id128).left(8);
    {
        QFile f(tmp);
        // Pre-created 0600: SQLite gives -wal and -shm the database's mode.
        if (!f.open(QIODevice::WriteOnly | QIODevice::NewOnly)
            || !f.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner)) {
            if (error)
                *error = QCoreApplication::translate("HistoryStore", "Cannot create the history file %1: %2").arg(tmp, f.errorString());
            return false;
        }
    }
    const QString name = u"headroom-history-init-"_s + QUuid::createUuid().toString(QUuid::Id128);
    bool ok = false;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, name);
        db.setDatabaseName(tmp);
        if (db.open()) {
            QSqlQuery q(db);
            ok = q.exec(u"PRAGMA journal_mode=WAL"_s);
            q.finish();
            ok = ok && q.exec(u"BEGIN IMMEDIATE"_s);
            for (const QString &sql : HistorySchema::currentSchema()) {
                if (!ok)
                    break;
                ok = q.exec(sql);
            }
            ok = ok && q.exec(u"PRAGMA user_version="_s + QString::number(HistorySchema::currentVersion()));
            ok = ok && q.exec(u"COMMIT"_s);
            if (!ok && error)
                *error = q.lastError().text();
        } else if (error) {
            *error = db.lastError().text();
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    if (ok) {
        QFile::remove(tmp + u"-wal"_s);
        QFile::remove(tmp + u"-shm"_s);
        ok = ::rename(QFile::encodeName(tmp).constData(), QFile::encodeName(path).constData()) == 0;
        if (!ok && error)
            *error = QCoreApplication::translate("HistoryStore", "Cannot create the history file %1.").arg(path);
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
static QString truncationOf(const QString &path)
{
    if (QFileInfo(path + u"-wal"_s).size() > 0)
        return {};
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    const QByteArray h = f.read(100);
    if (h.size() < 100)
        return QCoreApplication::translate("HistoryStore", "truncated");
    auto be32 = [&h](int at) {
        return (quint32(quint8(h[at])) << 24) | (quint32(quint8(h[at + 1])) << 16) | (quint32(quint8(h[at + 2])) << 8)
               | quint32(quint8(h[at + 3]));
    };
    const quint32 raw = (quint32(quint8(h[16])) << 8) | quint32(quint8(h[17]));
    const qint64 pageSize = raw == 1 ? 65536 : raw;
    if (be32(24) != be32(92) || pageSize < 512)
        return {};
    if (f.size() < qint64(be32(28)) * pageSize)
        return QCoreApplication::translate("HistoryStore", "truncated");
    return {};
}

void HistoryStore::Private::startBackgroundCheck()
{
    stopBackgroundCheck();
    checkCancelled = false;
    const QByteArray file = QFile::encodeName(path);
    const QString checkedPath = path;
    const auto delay = std::chrono::milliseconds(checkDelayMs);
    checker = std::thread([this, file, checkedPath, delay] {
#ifdef Q_OS_LINUX
        // Reading the whole file must not take a core from probing or the window: nice 10 on
        // this thread alone (Linux nice is per thread; lowering needs no privilege). Not
        // SCHED_IDLE: on a busy machine that could starve the check for good.
        setpriority(PRIO_PROCESS, id_t(gettid()), 10);
#endif
        sqlite3 *db = nullptr;
        {
            std::unique_lock<std::mutex> guard(checkMutex);
            // Not during start-up: the window, the first probes and the charts come first.
            if (checkWake.wait_for(guard, delay, [this] { return checkCancelled.load(); }))
                return;
            if (sqlite3_open_v2(file.constData(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
                sqlite3_close(db);
                return;
            }
            checkDb = db;
        }
        sqlite3_busy_timeout(db, kBusyTimeoutMs);
        QString result;
        bool finished = false;
        sqlite3_stmt *stmt = nullptr;
        if (sqlite3_prepare_v2(db, "PRAGMA quick_check", -1, &stmt, nullptr) == SQLITE_OK) {
            const int rc = sqlite3_step(stmt);
            if (rc == SQLITE_ROW) {
                result = QString::fromUtf8(reinterpret_cast<const char *>(sqlite3_column_text(stmt, 0)));
                finished = true;
            } else if (rc != SQLITE_INTERRUPT && !checkCancelled) {
                result = QString::fromUtf8(sqlite3_errmsg(db));
                finished = true;
            }
        }
        sqlite3_finalize(stmt);
        {
            std::lock_guard<std::mutex> guard(checkMutex);
            checkDb = nullptr;
            sqlite3_close(db);
        }
        if (!finished || checkCancelled || result == u"ok"_s)
            return;
        // Back on the store's thread; dropped if the store is gone by then (close() joins first).
        QMetaObject::invokeMethod(
            q,
            [this, checkedPath, result] {
                QMutexLocker lock(&mutex);
                if (!open || path != checkedPath)
                    return;
                QFile marker(damageMarkerPath(checkedPath));
                if (marker.open(QIODevice::WriteOnly | QIODevice::Truncate))
                    marker.write(result.toUtf8());
                notice = tr("The history file looks damaged (%1). It is checked again and, if still damaged, "
                            "moved aside at the next start.")
                             .arg(result);
                const QString text = notice;
                lock.unlock();
                Q_EMIT q->damageFound(text);
            },
            Qt::QueuedConnection);
    });
}

void HistoryStore::Private::stopBackgroundCheck()
{
    if (!checker.joinable())
        return;
    {
        std::lock_guard<std::mutex> guard(checkMutex);
        checkCancelled = true;
        if (checkDb)
            sqlite3_interrupt(checkDb);
    }
    checkWake.notify_all();
    checker.join();
}

bool HistoryStore::Private::openFile(QString *error)
{
    deferCheck = false;
    const QFileInfo info(path);
    const QString dir = info.absolutePath();
    if (!QDir().mkpath(dir)) {
        if (error)
            *error = tr("Cannot create the folder %1.").arg(dir);
        return false;
    }
    // The history holds account names and usage: owner only.
    ::chmod(QFile::encodeName(dir).constData(), 0700);

    for (int attempt = 0; attempt < 2; ++attempt) {
        if (!QFile::exists(path)) {
            QFile::remove(path + u"-wal"_s);
            QFile::remove(path + u"-shm"_s);
            if (!createFresh(path, error))
                return false;
        }
        QString why;
        {
            QFile f(path);
            if (!f.open(QIODevice::ReadOnly)) {
                if (error)
                    *error = tr("Cannot read the history file %1: %2").arg(path, f.errorString());
                return false;
            }
            const QByteArray head = f.read(16);
            if (head.size() == 0)
                why = tr("the file is empty");
            else if (head != QByteArrayView("SQLite format 3\0", 16))
                why = tr("not an SQLite database");
        }
        int version = -1;
        bool newer = false;
        bool migrateFailed = false;
        QString migrateError;
        if (why.isEmpty()) {
            Connection *c = conn();
            QSqlDatabase db = QSqlDatabase::database(c->name, false);
            if (!db.isOpen()) {
                why = db.lastError().text();
            } else {
                // Until the file is known to be ours and whole, closing must not checkpoint its
                // -wal into it: a quarantined file stays exactly as it was found.
                setCheckpointOnClose(db, false);
                QSqlQuery q(db);
                const bool flagged = QFile::exists(damageMarkerPath(path));
                deferCheck = !flagged && QFileInfo(path).size() > kSyncCheckMaxBytes;
                if (deferCheck) {
                    // Cheap stand-ins at start-up: a truncated file is shorter than its header says,
                    // and reading the schema below touches the first pages.
                    why = truncationOf(path);
                } else {
                    if (!q.exec(u"PRAGMA quick_check"_s) || !q.next())
                        why = q.lastError().text();
                    else if (q.value(0).toString() != u"ok"_s)
                        why = tr("damaged (%1)").arg(q.value(0).toString());
                    q.finish();
                    if (why.isEmpty() && flagged)
                        QFile::remove(damageMarkerPath(path));
                }
                if (why.isEmpty()) {
                    if (!q.exec(u"PRAGMA user_version"_s) || !q.next())
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
                    if (q.exec(u"SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite%' ORDER BY name"_s)) {
                        while (q.next())
                            tables << q.value(0).toString();
                    }
                    q.finish();
                    const QStringList expected = HistorySchema::tablesOf(version);
                    if (version == 0 && !tables.isEmpty())
                        why = tr("not a Headroom history (tables: %1)").arg(tables.join(u", "_s));
                    else if (version > 0 && tables != expected)
                        why = tr("its tables do not match schema %1").arg(version);
                }
                if (why.isEmpty() && !newer && !initialise(db, &migrateError))
                    migrateFailed = true;
                if (why.isEmpty() && !newer && !migrateFailed)
                    setCheckpointOnClose(db, true);
            }
        }
        if (newer) {
            closeAll();
            if (error)
                *error = tr("The history file %1 was written by a newer version of Headroom (schema %2, "
                            "this version knows %3). Update Headroom to open it.")
                             .arg(path)
                             .arg(version)
                             .arg(HistorySchema::currentVersion());
            return false;
        }
        if (migrateFailed) {
            closeAll();
            if (error)
                *error = tr("Cannot update the history file %1: %2").arg(path, migrateError);
            return false;
        }
        if (why.isEmpty())
            return true;
        if (!quarantine(why, error))
            return false;
    }
    if (error)
        *error = tr("Cannot open the history file %1.").arg(path);
    return false;
}

qint64 HistoryStore::Private::keyFor(Connection *c, const QString &accountId, QHash<QString, qint64> &fresh, bool *ok)
{
    if (const auto it = accountKeys.constFind(accountId); it != accountKeys.cend())
        return *it;
    if (const auto it = fresh.constFind(accountId); it != fresh.cend())
        return *it;
    QSqlDatabase db = QSqlDatabase::database(c->name, false);
    if (!c->insertAccount) {
        c->insertAccount = std::make_unique<QSqlQuery>(db);
        c->insertAccount->prepare(u"INSERT OR IGNORE INTO accounts(id) VALUES(?)"_s);
        c->accountKey = std::make_unique<QSqlQuery>(db);
        c->accountKey->prepare(u"SELECT key FROM accounts WHERE id = ?"_s);
    }
    c->insertAccount->bindValue(0, accountId);
    if (!c->insertAccount->exec()) {
        *ok = false;
        return 0;
    }
    c->accountKey->bindValue(0, accountId);
    if (!c->accountKey->exec() || !c->accountKey->next()) {
        *ok = false;
        return 0;
    }
    const qint64 key = c->accountKey->value(0).toLongLong();
    c->accountKey->finish();
    fresh.insert(accountId, key);
    return key;
}

std::optional<PrevSample> HistoryStore::Private::loadPrev(Connection *c, qint64 key, const QString &resource)
{
    QSqlQuery q(QSqlDatabase::database(c->name, false));
    q.prepare(u"SELECT time, lim, remaining FROM samples WHERE account = ? AND resource = ? "
              "ORDER BY time DESC LIMIT 1"_s);
    q.addBindValue(key);
    q.addBindValue(nonNull(resource)); // an unnamed resource is stored as "", never NULL
    if (!q.exec() || !q.next())
        return std::nullopt;
    Sample s;
    s.limit = optInt64(q.value(1));
    s.remaining = optInt64(q.value(2));
    return PrevSample{q.value(0).toLongLong(), isBelowWarning(s, warningFraction)};
}

// Disk full, read-only, I/O errors and locks pass; anything else (a constraint, a bug) would
// fail again forever, so such a batch is dropped rather than queued.
static bool isTransientCode(int code)
{
    const int primary = code & 0xff;
    return primary == SQLITE_BUSY || primary == SQLITE_LOCKED || primary == SQLITE_READONLY || primary == SQLITE_IOERR
           || primary == SQLITE_FULL || primary == SQLITE_CANTOPEN || primary == SQLITE_PROTOCOL;
}

void HistoryStore::Private::noteFailure(int code, bool *transient)
{
    const int primary = code & 0xff;
    if (transient)
        *transient = code == 0 || isTransientCode(code);
    reconnect = !inMemory && (primary == SQLITE_READONLY || primary == SQLITE_IOERR || primary == SQLITE_CANTOPEN);
}

bool HistoryStore::Private::writeBatches(const QList<Batch> &batches, QString *error, bool *transient)
{
    if (transient)
        *transient = true;
    reconnect = false;
    Connection *c = conn();
    QSqlDatabase db = QSqlDatabase::database(c->name, false);
    if (!db.isOpen()) {
        if (error)
            *error = db.lastError().text();
        reconnect = !inMemory;
        return false;
    }
    if (!c->handle) {
        sqlite3 *h = sqliteHandle(db);
        if (!h) {
            if (error)
                *error = tr("Cannot open the history file %1.").arg(path);
            return false;
        }
        const QByteArray insertSql = "INSERT INTO samples(account, resource, time, lim, remaining, used, reset_at, "
                                     "status, cost) VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?)";
        const QByteArray rollupSql = HistorySchema::rollupUpsert().toUtf8();
        const QByteArray blockSql = HistorySchema::blockUpsert().toUtf8();
        c->handle = h;
        if (sqlite3_prepare_v3(h, insertSql.constData(), -1, SQLITE_PREPARE_PERSISTENT, &c->insertSample, nullptr)
                != SQLITE_OK
            || sqlite3_prepare_v3(h, rollupSql.constData(), -1, SQLITE_PREPARE_PERSISTENT, &c->upsertRollup, nullptr)
                   != SQLITE_OK
            || sqlite3_prepare_v3(h, blockSql.constData(), -1, SQLITE_PREPARE_PERSISTENT, &c->upsertBlock, nullptr)
                   != SQLITE_OK) {
            if (error)
                *error = QString::fromUtf8(sqlite3_errmsg(h));
            noteFailure(sqlite3_extended_errcode(h), transient);
            c->finalizeRaw();
            return false;
        }
        c->insertEvent = std::make_unique<QSqlQuery>(db);
        c->insertEvent->prepare(u"INSERT INTO events(account, time, kind, status, retry_after, detail) "
                                "VALUES(?, ?, ?, ?, ?, ?)"_s);
        c->upsertAccount = std::make_unique<QSqlQuery>(db);
        c->upsertAccount->prepare(u"INSERT INTO accounts(id, name, provider) VALUES(?, ?, ?) ON CONFLICT(id) "
                                  "DO UPDATE SET name = excluded.name, provider = excluded.provider"_s);
    }
    sqlite3 *const h = c->handle;
    // The texts bound SQLITE_STATIC belong to this write: no statement keeps pointing at them.
    struct ClearBindings
    {
        Connection *c;
        ~ClearBindings()
        {
            for (sqlite3_stmt *st : {c->insertSample, c->upsertRollup, c->upsertBlock}) {
                if (st)
                    sqlite3_clear_bindings(st);
            }
        }
    } clearBindings{c};
    auto fail = [&](const QSqlQuery *query) {
        if (error && query)
            *error = query->lastError().text();
        if (query)
            noteFailure(query->lastError().nativeErrorCode().toInt(), transient);
        exec(db, u"ROLLBACK"_s);
        return false;
    };
    // Steps a bound raw statement once; on failure reports SQLite's error and rolls back.
    auto step = [&](sqlite3_stmt *st) {
        const int rc = sqlite3_step(st);
        if (rc == SQLITE_DONE) {
            sqlite3_reset(st);
            return true;
        }
        if (error)
            *error = QString::fromUtf8(sqlite3_errmsg(h));
        noteFailure(sqlite3_extended_errcode(h), transient);
        sqlite3_reset(st);
        exec(db, u"ROLLBACK"_s);
        return false;
    };
    QSqlQuery begin(db);
    if (!begin.exec(u"BEGIN IMMEDIATE"_s)) {
        if (error)
            *error = begin.lastError().text();
        noteFailure(begin.lastError().nativeErrorCode().toInt(), transient);
        if (transient)
            *transient = true; // a lock held too long, a read-only or full disk: all pass
        return false;
    }
    QHash<QString, qint64> freshKeys;
    // Every account and resource this write touches, found once per sample by one hash look-up;
    // a deque so references stay valid while series are added.
    std::deque<SeriesDelta> series;
    QHash<QPair<QString, QString>, SeriesDelta *> seriesIndex;
    bool ok = true;

    auto seriesFor = [&](const QString &accountId, const QString &resource) -> SeriesDelta * {
        const QPair<QString, QString> k(accountId, resource);
        if (SeriesDelta *sd = seriesIndex.value(k))
            return sd;
        const qint64 key = keyFor(c, accountId, freshKeys, &ok);
        if (!ok)
            return nullptr;
        SeriesDelta &sd = series.emplace_back();
        sd.key = key;
        sd.resource = nonNull(resource);
        sd.resourceUtf8 = sd.resource.toUtf8();
        seriesIndex.insert(k, &sd);
        return &sd;
    };
    auto prevOf = [&](SeriesDelta &sd) -> const std::optional<PrevSample> & {
        if (!sd.prevLoaded) {
            sd.prevLoaded = true;
            const auto it = prev.constFind({sd.key, sd.resource});
            sd.prev = it != prev.cend() ? std::optional<PrevSample>(*it) : loadPrev(c, sd.key, sd.resource);
        }
        return sd.prev;
    };
    auto addBelow = [&](SeriesDelta &sd, qint64 from, qint64 to) {
        // Split across hours so the hours add up to the day.
        to = std::min(to, from + kMaxBelowSpanMs);
        for (qint64 t = from; t < to;) {
            const qint64 hour = t - (t % kHourMs + kHourMs) % kHourMs;
            const qint64 end = std::min(to, hour + kHourMs);
            RollupDelta &d = sd.hour(hour);
            if (d.samples == 0 && d.lastTime == 0)
                d.lastTime = hour - 1;
            d.belowMs += end - t;
            t = end;
        }
    };

    sqlite3_stmt *const ins = c->insertSample;
    for (const Batch &b : batches) {
        for (const auto &n : b.names) {
            c->upsertAccount->bindValue(0, n.first);
            c->upsertAccount->bindValue(1, nonNull(n.second.first));
            c->upsertAccount->bindValue(2, nonNull(n.second.second));
            if (!c->upsertAccount->exec())
                return fail(c->upsertAccount.get());
        }
        for (const Sample &s : b.samples) {
            SeriesDelta *sd = seriesFor(s.accountId, s.resource);
            if (!sd)
                return fail(c->insertAccount.get());
            const qint64 t = msOf(s.time, 0);
            sqlite3_bind_int64(ins, 1, sd->key);
            bindText(ins, 2, sd->resourceUtf8);
            sqlite3_bind_int64(ins, 3, t);
            bindOpt(ins, 4, s.limit);
            bindOpt(ins, 5, s.remaining);
            bindOpt(ins, 6, s.used);
            if (s.resetAt && s.resetAt->isValid())
                sqlite3_bind_int64(ins, 7, s.resetAt->toMSecsSinceEpoch());
            else
                sqlite3_bind_null(ins, 7);
            bindOpt(ins, 8, s.status);
            sqlite3_bind_int64(ins, 9, s.cost);
            if (!step(ins))
                return false;

            const bool below = isBelowWarning(s, warningFraction);
            const std::optional<PrevSample> p = prevOf(*sd);
            if (p && p->time <= t) {
                if (p->below)
                    addBelow(*sd, p->time, t);
            }
            if (!p || p->time <= t) {
                sd->prev = PrevSample{t, below};
                sd->prevChanged = true;
            }

            const qint64 hour = t - (t % kHourMs + kHourMs) % kHourMs;
            RollupDelta &d = sd->hour(hour);
            d.samples += 1;
            keepMin(d.minRemaining, s.remaining);
            keepMax(d.maxRemaining, s.remaining);
            keepMax(d.maxUsed, s.used);
            if (s.remaining && s.limit && *s.limit > 0)
                keepMin(d.minPct, std::optional<double>(100.0 * double(*s.remaining) / double(*s.limit)));
            // The limit is the last one seen: a reading without one does not erase it.
            if (s.limit && (d.samples == 1 || t >= d.lastTime || !d.lastLimit))
                d.lastLimit = s.limit;
            if (d.samples == 1 || t >= d.lastTime) {
                d.lastTime = t;
                d.lastRemaining = s.remaining;
            }
            if (isThrottledSample(s))
                d.throttled += 1;
            d.cost += s.cost;
        }
        for (const auto &mark : b.throttleMarks) {
            // Counted once per account and hour, on the account-wide row (resource "").
            SeriesDelta *sd = seriesFor(mark.first, QString());
            if (!sd)
                return fail(c->insertAccount.get());
            const qint64 hour = mark.second - (mark.second % kHourMs + kHourMs) % kHourMs;
            RollupDelta &d = sd->hour(hour);
            if (d.samples == 0 && d.lastTime == 0)
                d.lastTime = hour - 1;
            d.throttled += 1;
        }
        for (const Event &e : b.events) {
            const qint64 key = keyFor(c, e.accountId, freshKeys, &ok);
            if (!ok)
                return fail(c->insertAccount.get());
            QSqlQuery *insEvent = c->insertEvent.get();
            insEvent->bindValue(0, key);
            insEvent->bindValue(1, msOf(e.time, 0));
            insEvent->bindValue(2, eventKindId(e.kind));
            insEvent->bindValue(3, optVar(e.status));
            insEvent->bindValue(4, optVar(e.retryAfterS));
            insEvent->bindValue(5, nonNull(e.detail));
            if (!insEvent->exec())
                return fail(insEvent);
        }
    }
    // One upsert per account, resource and hour touched, then per 6-hour block.
    sqlite3_stmt *const up = c->upsertRollup;
    sqlite3_stmt *const upBlock = c->upsertBlock;
    for (const SeriesDelta &sd : series) {
        for (const auto &[hour, d] : sd.hours) {
            bindRollupHead(up, sd.key, sd.resourceUtf8, hour, d);
            bindOpt(up, 7, d.lastRemaining);
            bindOpt(up, 8, d.lastLimit);
            sqlite3_bind_int64(up, 9, d.lastTime);
            bindOpt(up, 10, d.minPct);
            bindOpt(up, 11, d.maxUsed);
            sqlite3_bind_int64(up, 12, d.throttled);
            sqlite3_bind_int64(up, 13, d.cost);
            sqlite3_bind_int64(up, 14, d.belowMs);
            if (!step(up))
                return false;
        }
        // Fold the hourly deltas into 6-hour blocks.
        std::map<qint64, RollupDelta> blocks;
        for (const auto &[hour, h] : sd.hours) {
            const qint64 block = hour - (hour % kBlockMs + kBlockMs) % kBlockMs;
            RollupDelta &b = blocks[block];
            if (b.samples == 0 && b.lastTime == 0)
                b.lastTime = block - 1;
            if (h.samples == 0)
                continue;
            b.samples += h.samples;
            keepMin(b.minRemaining, h.minRemaining);
            keepMax(b.maxRemaining, h.maxRemaining);
            if (h.lastLimit && (h.lastTime >= b.lastTime || !b.lastLimit))
                b.lastLimit = h.lastLimit;
            b.lastTime = std::max(b.lastTime, h.lastTime);
        }
        for (const auto &[block, b] : blocks) {
            if (b.samples == 0)
                continue;
            bindRollupHead(upBlock, sd.key, sd.resourceUtf8, block, b);
            bindOpt(upBlock, 7, b.lastLimit);
            sqlite3_bind_int64(upBlock, 8, b.lastTime);
            if (!step(upBlock))
                return false;
        }
    }
    QSqlQuery commit(db);
    if (!commit.exec(u"COMMIT"_s))
        return fail(&commit);
    // Only now is the new state real.
    for (auto it = freshKeys.cbegin(); it != freshKeys.cend(); ++it)
        accountKeys.insert(it.key(), it.value());
    for (const SeriesDelta &sd : series) {
        if (sd.prevChanged)
            prev.insert({sd.key, sd.resource}, *sd.prev);
    }
    return true;
}

bool HistoryStore::Private::write(Batch batch)
{
    if (!open)
        return false;
    QList<Batch> all = pending;
    all.append(batch);
    QString error;
    bool transient = true;
    bool written = writeBatches(all, &error, &transient);
    if (!written && !transient) {
        notice = tr("A reading could not be stored and was dropped (%1).").arg(error);
        if (pending.isEmpty())
            return false;
        batch = Batch(); // keep only what waited before
        all = pending;
        written = writeBatches(all, &error, &transient);
    }
    if (written) {
        if (writeFailing) {
            writeFailing = false;
            notice = tr("The history can be written again; %n reading(s) kept in memory were saved.", nullptr,
                        pendingSamples);
        }
        pending.clear();
        pendingSamples = 0;
        return true;
    }
    // The probe goes on: keep what could not be written and try again with the next write.
    if (reconnect)
        dropConnection();
    if (!writeFailing) {
        writeFailing = true;
        notice = tr("The history cannot be written (%1). Readings are kept in memory until it can.").arg(error);
    }
    pending.append(batch);
    pendingSamples += int(batch.samples.size());
    while (pendingSamples > kMaxPending && pending.size() > 1) {
        pendingSamples -= int(pending.first().samples.size());
        pending.removeFirst();
    }
    return false;
}

// ---------------------------------------------------------------------------------------------

HistoryStore::HistoryStore(QObject *parent)
    : QObject(parent)
    , d(new Private(this))
{
    d->pruneTimer = new QTimer(this);
    d->pruneTimer->setSingleShot(true);
    connect(d->pruneTimer, &QTimer::timeout, this, [this] {
        const int deleted = pruneOnce(2000);
        // Keep going quickly while there is a backlog, then check every ten minutes.
        d->pruneTimer->start(deleted >= 2000 ? 1000 : 10 * 60 * 1000);
    });
}

HistoryStore::~HistoryStore()
{
    close();
    delete d;
}

QString HistoryStore::defaultPath()
{
    QString base = qEnvironmentVariable("XDG_DATA_HOME");
    if (base.isEmpty())
        base = QDir::homePath() + u"/.local/share"_s;
    return base + u"/headroom/history.sqlite"_s;
}

int HistoryStore::schemaVersion()
{
    return HistorySchema::currentVersion();
}

QString HistoryStore::path() const
{
    QMutexLocker lock(&d->mutex);
    return d->path;
}

bool HistoryStore::open(const QString &path, QString *error)
{
    close();
    QMutexLocker lock(&d->mutex);
    d->path = QFileInfo(path).absoluteFilePath();
    d->inMemory = false;
    if (!d->openFile(error)) {
        d->closeAll();
        return false;
    }
    d->open = true;
    const bool deferCheck = std::exchange(d->deferCheck, false);
    lock.unlock();
    if (deferCheck)
        d->startBackgroundCheck();
    d->pruneTimer->start(5000);
    return true;
}

bool HistoryStore::openInMemory(QString *error)
{
    close();
    QMutexLocker lock(&d->mutex);
    d->inMemory = true;
    d->path = QString();
    Connection *c = d->conn();
    QSqlDatabase db = QSqlDatabase::database(c->name, false);
    if (!db.isOpen() || !d->initialise(db, error)) {
        if (error && error->isEmpty())
            *error = db.lastError().text();
        d->closeAll();
        return false;
    }
    d->open = true;
    return true;
}

void HistoryStore::close()
{
    d->pruneTimer->stop();
    d->stopBackgroundCheck();
    QMutexLocker lock(&d->mutex);
    d->closeAll();
    d->open = false;
    d->accountKeys.clear();
    d->prev.clear();
    d->lastState.clear();
}

bool HistoryStore::isOpen() const
{
    QMutexLocker lock(&d->mutex);
    return d->open;
}

QString HistoryStore::takeNotice()
{
    QMutexLocker lock(&d->mutex);
    return std::exchange(d->notice, QString());
}

bool HistoryStore::registerAccount(const QString &accountId, const QString &name, const QString &provider)
{
    Batch b;
    b.names.append({accountId, {name, provider}});
    QMutexLocker lock(&d->mutex);
    return d->write(std::move(b));
}

bool HistoryStore::recordProbe(const ProbeResult &result, const QList<Event> &extraEvents)
{
    Batch b;
    if (!result.accountName.isEmpty() || !result.provider.isEmpty())
        b.names.append({result.accountId, {result.accountName, result.provider}});
    const QDateTime at = result.probedAt.isValid() ? result.probedAt : Clock::instance()->nowUtc();
    const bool failed = !result.error.isEmpty();
    if (!failed) {
        qint64 costLeft = result.cost;
        for (const Quota &quota : result.reading.quotas) {
            Sample s;
            s.accountId = result.accountId;
            s.resource = quota.resource;
            s.time = at;
            s.limit = quota.limit;
            s.remaining = quota.remaining;
            s.used = quota.used;
            s.resetAt = quota.resetAt;
            s.status = result.reading.status;
            // The probe's cost is counted once, on its first sample.
            s.cost = std::exchange(costLeft, 0);
            b.samples.append(s);
        }
    }
    if (result.reading.throttled) {
        Event e;
        e.accountId = result.accountId;
        e.time = at;
        e.kind = EventKind::Throttled;
        e.status = result.reading.status;
        e.retryAfterS = result.reading.retryAfterS;
        e.detail = result.error;
        b.events.append(e);
        if (b.samples.isEmpty())
            b.throttleMarks.append({result.accountId, at.toMSecsSinceEpoch()});
    }
    if (failed && !result.reading.throttled) {
        Event e;
        e.accountId = result.accountId;
        e.time = at;
        e.kind = EventKind::Error;
        e.status = result.reading.status;
        e.detail = result.error;
        b.events.append(e);
    }
    QMutexLocker lock(&d->mutex);
    const AccountState before = d->lastState.value(result.accountId, AccountState::NoData);
    if (result.state == AccountState::NearLimit && before != AccountState::NearLimit) {
        Event e;
        e.accountId = result.accountId;
        e.time = at;
        e.kind = EventKind::NearLimit;
        e.status = result.reading.status;
        QStringList low;
        for (const Quota &quota : result.reading.quotas) {
            if (quota.nearLimit.value_or(false))
                low << quota.resource;
        }
        e.detail = low.join(u", "_s);
        b.events.append(e);
    }
    d->lastState.insert(result.accountId, result.state);
    b.events.append(extraEvents);
    const bool hasSamples = !b.samples.isEmpty();
    const bool hasEvents = !b.events.isEmpty();
    const bool ok = d->write(std::move(b));
    lock.unlock();
    if (hasSamples)
        Q_EMIT samplesAdded(result.accountId);
    if (hasEvents)
        Q_EMIT eventsAdded();
    return ok;
}

bool HistoryStore::appendSamples(const QList<Sample> &samples)
{
    if (samples.isEmpty())
        return true;
    Batch b;
    b.samples = samples;
    QMutexLocker lock(&d->mutex);
    const bool ok = d->write(std::move(b));
    lock.unlock();
    QSet<QString> ids;
    for (const Sample &s : samples)
        ids.insert(s.accountId);
    for (const QString &id : std::as_const(ids))
        Q_EMIT samplesAdded(id);
    return ok;
}

bool HistoryStore::appendEvents(const QList<Event> &events)
{
    if (events.isEmpty())
        return true;
    Batch b;
    b.events = events;
    QMutexLocker lock(&d->mutex);
    const bool ok = d->write(std::move(b));
    lock.unlock();
    Q_EMIT eventsAdded();
    return ok;
}

int HistoryStore::pendingCount() const
{
    QMutexLocker lock(&d->mutex);
    int n = 0;
    for (const Batch &b : d->pending)
        n += int(b.samples.size() + b.events.size());
    return n;
}

bool HistoryStore::flushPending()
{
    QMutexLocker lock(&d->mutex);
    if (d->pending.isEmpty())
        return true;
    return d->write(Batch());
}

QSqlDatabase HistoryStore::connection() const
{
    QMutexLocker lock(&d->mutex);
    if (!d->open)
        return {};
    return QSqlDatabase::database(d->conn()->name, false);
}

void HistoryStore::setBackgroundCheckDelay(int ms)
{
    QMutexLocker lock(&d->mutex);
    d->checkDelayMs = std::max(0, ms);
}

void HistoryStore::releaseThreadConnection()
{
    QMutexLocker lock(&d->mutex);
    // Its prepared statements (Qt's and the raw ones) go before the connection they belong to.
    d->dropConnection();
}

static Sample sampleFromQuery(const QSqlQuery &q, const QString &accountId, const QString &resource)
{
    Sample s;
    s.accountId = accountId;
    s.resource = resource;
    s.time = utcOf(q.value(0).toLongLong());
    s.limit = optInt64(q.value(1));
    s.remaining = optInt64(q.value(2));
    s.used = optInt64(q.value(3));
    if (!q.value(4).isNull())
        s.resetAt = utcOf(q.value(4).toLongLong());
    s.status = optInt(q.value(5));
    s.cost = q.value(6).toLongLong();
    return s;
}

std::optional<Sample> HistoryStore::lastSample(const QString &accountId, const QString &resource) const
{
    QMutexLocker lock(&d->mutex);
    if (!d->open)
        return std::nullopt;
    std::optional<Sample> best;
    // Readings waiting in memory (disk full) are newer than anything on disk.
    for (const Batch &b : std::as_const(d->pending)) {
        for (const Sample &s : b.samples) {
            if (s.accountId == accountId && s.resource == resource && (!best || best->time <= s.time))
                best = s;
        }
    }
    if (best)
        return best;
    QSqlQuery q(QSqlDatabase::database(d->conn()->name, false));
    q.setForwardOnly(true);
    q.prepare(u"SELECT s.time, s.lim, s.remaining, s.used, s.reset_at, s.status, s.cost FROM samples s "
              "JOIN accounts a ON a.key = s.account WHERE a.id = ? AND s.resource = ? ORDER BY s.time DESC LIMIT 1"_s);
    q.addBindValue(accountId);
    q.addBindValue(nonNull(resource)); // an unnamed resource is stored as "", never NULL
    if (!q.exec() || !q.next())
        return std::nullopt;
    return sampleFromQuery(q, accountId, resource);
}

QList<Sample> HistoryStore::samples(const QString &accountId, const QString &resource, const QDateTime &from,
                                    const QDateTime &to) const
{
    QMutexLocker lock(&d->mutex);
    QList<Sample> out;
    if (!d->open)
        return out;
    QSqlQuery q(QSqlDatabase::database(d->conn()->name, false));
    q.setForwardOnly(true);
    q.prepare(u"SELECT s.time, s.lim, s.remaining, s.used, s.reset_at, s.status, s.cost FROM samples s "
              "WHERE s.account = (SELECT key FROM accounts WHERE id = ?) AND s.resource = ? AND s.time >= ? "
              "AND s.time < ? ORDER BY s.time"_s);
    q.addBindValue(accountId);
    q.addBindValue(nonNull(resource)); // an unnamed resource is stored as "", never NULL
    q.addBindValue(msOf(from, std::numeric_limits<qint64>::min()));
    q.addBindValue(msOf(to, std::numeric_limits<qint64>::max()));
    if (!q.exec())
        return out;
    while (q.next())
        out.append(sampleFromQuery(q, accountId, resource));
    return out;
}

QStringList HistoryStore::resources(const QString &accountId) const
{
    QMutexLocker lock(&d->mutex);
    QStringList out;
    if (!d->open)
        return out;
    QSqlQuery q(QSqlDatabase::database(d->conn()->name, false));
    q.setForwardOnly(true);
    // Rollups list every resource ever seen. A DISTINCT still reads an account's every hour (8 760
    // rows a year); hopping from one resource to the next on the primary key reads one row each.
    q.prepare(u"WITH RECURSIVE k(key) AS (SELECT key FROM accounts WHERE id = ?), "
              "r(res) AS (SELECT (SELECT min(resource) FROM rollups WHERE account = (SELECT key FROM k) "
              "AND resource > '') UNION ALL SELECT (SELECT min(resource) FROM rollups "
              "WHERE account = (SELECT key FROM k) AND resource > r.res) FROM r WHERE res IS NOT NULL) "
              "SELECT res FROM r WHERE res IS NOT NULL"_s);
    q.addBindValue(accountId);
    if (q.exec()) {
        while (q.next())
            out << q.value(0).toString();
    }
    // An unnamed quota (Buildkite's) is stored under ''. Rollups also keep header-less 429s
    // there, so only a stored sample says the account has such a quota.
    QSqlQuery unnamed(QSqlDatabase::database(d->conn()->name, false));
    unnamed.prepare(u"SELECT 1 FROM samples WHERE account = (SELECT key FROM accounts WHERE id = ?) "
                    "AND resource = '' LIMIT 1"_s);
    unnamed.addBindValue(accountId);
    if (unnamed.exec() && unnamed.next())
        out.prepend(QString(u""_s));
    return out;
}

QList<Event> HistoryStore::events(const QDateTime &from, const QDateTime &to, const QStringList &accountIds,
                                  int limit) const
{
    QMutexLocker lock(&d->mutex);
    QList<Event> out;
    if (!d->open)
        return out;
    QString sql = u"SELECT e.id, a.id, e.time, e.kind, e.status, e.retry_after, e.detail FROM events e "
                  "JOIN accounts a ON a.key = e.account WHERE e.time >= ? AND e.time < ?"_s;
    if (!accountIds.isEmpty()) {
        QStringList marks;
        for (qsizetype i = 0; i < accountIds.size(); ++i)
            marks << u"?"_s;
        sql += u" AND a.id IN ("_s + marks.join(u',') + u')';
    }
    // Newest first, so a limit keeps the most recent.
    sql += u" ORDER BY e.time DESC, e.id DESC"_s;
    if (limit >= 0)
        sql += u" LIMIT "_s + QString::number(limit);
    QSqlQuery q(QSqlDatabase::database(d->conn()->name, false));
    q.setForwardOnly(true);
    q.prepare(sql);
    q.addBindValue(msOf(from, std::numeric_limits<qint64>::min()));
    q.addBindValue(msOf(to, std::numeric_limits<qint64>::max()));
    for (const QString &id : accountIds)
        q.addBindValue(id);
    if (!q.exec())
        return out;
    while (q.next()) {
        Event e;
        e.id = q.value(0).toLongLong();
        e.accountId = q.value(1).toString();
        e.time = utcOf(q.value(2).toLongLong());
        e.kind = eventKindFromId(q.value(3).toString()).value_or(EventKind::Error);
        e.status = optInt(q.value(4));
        if (!q.value(5).isNull())
            e.retryAfterS = q.value(5).toDouble();
        e.detail = q.value(6).toString();
        out.append(e);
    }
    std::reverse(out.begin(), out.end());
    return out;
}

ChartSeries HistoryStore::series(const QString &accountId, const QString &resource, const QDateTime &from,
                                 const QDateTime &to, int pixelWidth) const
{
    ChartSeries out;
    QMutexLocker lock(&d->mutex);
    if (!d->open || !from.isValid() || !to.isValid() || to <= from || pixelWidth <= 0)
        return out;
    const qint64 f = from.toMSecsSinceEpoch();
    const qint64 t = to.toMSecsSinceEpoch();
    const qint64 width = std::max<qint64>(1, (t - f + pixelWidth - 1) / pixelWidth);
    out.fromRollups = (t - f) > kRawSeriesMaxMs;
    QSqlDatabase db = QSqlDatabase::database(d->conn()->name, false);

    qint64 key = -1;
    {
        QSqlQuery q(db);
        q.prepare(u"SELECT key FROM accounts WHERE id = ?"_s);
        q.addBindValue(accountId);
        if (!q.exec() || !q.next())
            return out;
        key = q.value(0).toLongLong();
    }
    // Per pixel column, the point holding the minimum and the one holding the maximum: SQLite
    // returns bare columns (time, limit) from the row that supplied the single min() or max().
    // Long ranges read hourly rollups, or 6-hour blocks once a column spans 6 hours, so the
    // rows read follow the pixels, not the history.
    const bool blocks = out.fromRollups && width >= kBlockMs;
    const QString table = !out.fromRollups ? u"samples"_s : blocks ? u"rollups6h"_s : u"rollups"_s;
    const QString timeCol = !out.fromRollups ? u"time"_s : blocks ? u"block"_s : u"hour"_s;
    const QString minCol = out.fromRollups ? u"min_remaining"_s : u"remaining"_s;
    const QString maxCol = out.fromRollups ? u"max_remaining"_s : u"remaining"_s;
    const QString limCol = out.fromRollups ? u"last_limit"_s : u"lim"_s;
    const QString where = u" FROM "_s + table + u" WHERE account = ? AND resource = ? AND "_s + timeCol
                          + u" >= ? AND "_s + timeCol + u" < ?"_s
                          + (out.fromRollups ? u" AND samples > 0"_s : QString())
                          + u" GROUP BY b ORDER BY b"_s;
    struct Pick
    {
        qint64 x;
        std::optional<double> y;
        std::optional<double> limit;
    };
    auto runPick = [&](const QString &aggregate, const QString &col, QList<Pick> &picks) {
        QSqlQuery q(db);
        q.setForwardOnly(true);
        q.prepare(u"SELECT ("_s + timeCol + u" - ?) / ? AS b, "_s + timeCol + u", "_s + aggregate + u'(' + col
                  + u"), "_s + limCol + where);
        q.addBindValue(f);
        q.addBindValue(width);
        q.addBindValue(key);
        q.addBindValue(nonNull(resource)); // an unnamed resource is stored as "", never NULL
        q.addBindValue(f);
        q.addBindValue(t);
        if (!q.exec())
            return;
        while (q.next()) {
            Pick p{q.value(1).toLongLong(), std::nullopt, std::nullopt};
            if (!q.value(2).isNull())
                p.y = q.value(2).toDouble();
            if (!q.value(3).isNull())
                p.limit = q.value(3).toDouble();
            picks.append(p);
        }
    };
    QList<Pick> mins, maxs;
    runPick(u"min"_s, minCol, mins);
    runPick(u"max"_s, maxCol, maxs);
    // Both lists have one entry per non-empty column, in column order.
    for (qsizetype i = 0; i < mins.size() && i < maxs.size(); ++i) {
        Pick lo = mins.at(i), hi = maxs.at(i);
        if (!lo.y && !hi.y)
            continue;
        if (!lo.y)
            lo = hi;
        if (!hi.y)
            hi = lo;
        const Pick &first = lo.x <= hi.x ? lo : hi;
        const Pick &second = lo.x <= hi.x ? hi : lo;
        out.remaining.append(QPointF(double(first.x), *first.y));
        if (first.limit)
            out.limit.append(QPointF(double(first.x), *first.limit));
        if (second.x == first.x && *second.y == *first.y)
            continue;
        out.remaining.append(QPointF(double(second.x), *second.y));
        if (second.limit)
            out.limit.append(QPointF(double(second.x), *second.limit));
    }

    if (!out.fromRollups) {
        QSqlQuery q(db);
        q.setForwardOnly(true);
        // Resets are not decimated, so they are listed only for raw ranges (up to two days):
        // rollups keep no reset instants, and scanning raw rows for a long range would make the
        // query cost follow the history again (a year of hourly windows is 8 760 markers).
        q.prepare(u"SELECT DISTINCT reset_at FROM samples WHERE account = ? AND resource = ? AND time >= ? "
                  "AND time < ? AND reset_at IS NOT NULL AND reset_at >= ? AND reset_at < ? ORDER BY reset_at"_s);
        q.addBindValue(key);
        q.addBindValue(nonNull(resource)); // an unnamed resource is stored as "", never NULL
        q.addBindValue(f);
        q.addBindValue(t);
        q.addBindValue(f);
        q.addBindValue(t);
        if (q.exec()) {
            while (q.next())
                out.resets.append(q.value(0).toLongLong());
        }
    } else {
        // Long ranges: one indexed look-up per pixel column (the window in force at the column's
        // start), so the cost follows the screen, not the history. At most one marker per column;
        // ranges older than raw retention have no reset instants to show.
        QSqlQuery q(db);
        q.setForwardOnly(true);
        q.prepare(u"SELECT reset_at FROM samples WHERE account = ? AND resource = ? AND time >= ? AND time < ? "
                  "ORDER BY time LIMIT 1"_s);
        qint64 lastReset = -1;
        // At most ~240 look-ups: a marker every few pixels is as much as a long range can show.
        const qint64 step = std::max(width, (t - f + 239) / 240);
        for (qint64 col = f; col < t; col += step) {
            q.addBindValue(key);
            q.addBindValue(nonNull(resource)); // an unnamed resource is stored as "", never NULL
            q.addBindValue(col);
            q.addBindValue(std::min(t, col + step));
            if (!q.exec() || !q.next())
                continue;
            const QVariant v = q.value(0);
            q.finish();
            if (v.isNull())
                continue;
            const qint64 r = v.toLongLong();
            if (r != lastReset && r >= f && r < t && (out.resets.isEmpty() || r > out.resets.constLast()))
                out.resets.append(r);
            lastReset = r;
        }
    }
    {
        QSqlQuery q(db);
        q.setForwardOnly(true);
        q.prepare(u"SELECT time FROM events WHERE account = ? AND kind = 'throttled' AND time >= ? AND time < ? "
                  "ORDER BY time"_s);
        q.addBindValue(key);
        q.addBindValue(f);
        q.addBindValue(t);
        if (q.exec()) {
            while (q.next())
                out.throttles.append(q.value(0).toLongLong());
        }
    }
    return out;
}

QByteArray HistoryStore::alertState(const QString &key) const
{
    QMutexLocker lock(&d->mutex);
    if (!d->open)
        return {};
    QSqlQuery q(QSqlDatabase::database(d->conn()->name, false));
    q.prepare(u"SELECT value FROM alert_state WHERE key = ?"_s);
    q.addBindValue(key);
    if (!q.exec() || !q.next())
        return {};
    return q.value(0).toByteArray();
}

bool HistoryStore::setAlertState(const QString &key, const QByteArray &value)
{
    QMutexLocker lock(&d->mutex);
    if (!d->open)
        return false;
    QSqlDatabase db = QSqlDatabase::database(d->conn()->name, false);
    if (!Private::exec(db, u"BEGIN IMMEDIATE"_s))
        return false;
    QSqlQuery q(db);
    q.prepare(u"INSERT INTO alert_state(key, value) VALUES(?, ?) ON CONFLICT(key) DO UPDATE SET value = "
              "excluded.value"_s);
    q.addBindValue(key);
    q.addBindValue(value);
    if (!q.exec() || !Private::exec(db, u"COMMIT"_s)) {
        Private::exec(db, u"ROLLBACK"_s);
        return false;
    }
    return true;
}

void HistoryStore::setRetentionDays(int days)
{
    QMutexLocker lock(&d->mutex);
    d->retentionDays = std::max(1, days);
}

int HistoryStore::retentionDays() const
{
    QMutexLocker lock(&d->mutex);
    return d->retentionDays;
}

void HistoryStore::setWarningFraction(double fraction)
{
    QMutexLocker lock(&d->mutex);
    d->warningFraction = std::clamp(fraction, 0.0, 1.0);
}

double HistoryStore::warningFraction() const
{
    QMutexLocker lock(&d->mutex);
    return d->warningFraction;
}

int HistoryStore::pruneOnce(int maxRows)
{
    QMutexLocker lock(&d->mutex);
    if (!d->open || maxRows <= 0)
        return 0;
    const qint64 cutoff = Clock::instance()->nowUtc().toMSecsSinceEpoch() - qint64(d->retentionDays) * kDayMs;
    QSqlDatabase db = QSqlDatabase::database(d->conn()->name, false);
    // The keys come from the small rollups table; each delete then walks the
    // (account, resource, time) index from its oldest end, so no statement scans the table.
    QList<QPair<qint64, QString>> keys;
    {
        QSqlQuery q(db);
        q.setForwardOnly(true);
        if (!q.exec(u"SELECT DISTINCT account, resource FROM rollups WHERE hour < "_s + QString::number(cutoff)))
            return -1;
        while (q.next())
            keys.append({q.value(0).toLongLong(), q.value(1).toString()});
    }
    if (keys.isEmpty())
        return 0;
    if (!Private::exec(db, u"BEGIN IMMEDIATE"_s))
        return -1;
    QSqlQuery del(db);
    del.prepare(u"DELETE FROM samples WHERE rowid IN (SELECT rowid FROM samples WHERE account = ? AND resource = ? "
                "AND time < ? ORDER BY time LIMIT ?)"_s);
    int deleted = 0;
    for (const auto &k : std::as_const(keys)) {
        if (deleted >= maxRows)
            break;
        del.bindValue(0, k.first);
        del.bindValue(1, k.second);
        del.bindValue(2, cutoff);
        del.bindValue(3, maxRows - deleted);
        if (!del.exec()) {
            Private::exec(db, u"ROLLBACK"_s);
            return -1;
        }
        deleted += del.numRowsAffected();
    }
    if (!Private::exec(db, u"COMMIT"_s)) {
        Private::exec(db, u"ROLLBACK"_s);
        return -1;
    }
    return deleted;
}

QList<HistoryStore::AccountInfo> HistoryStore::accounts() const
{
    QMutexLocker lock(&d->mutex);
    QList<AccountInfo> out;
    if (!d->open)
        return out;
    QSqlQuery q(QSqlDatabase::database(d->conn()->name, false));
    q.setForwardOnly(true);
    if (q.exec(u"SELECT key, id, name, provider FROM accounts ORDER BY key"_s)) {
        while (q.next())
            out.append({q.value(0).toLongLong(), q.value(1).toString(), q.value(2).toString(), q.value(3).toString()});
    }
    return out;
}
