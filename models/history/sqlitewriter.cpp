#include "sqlitewriter.h"

#include "historyschema.h"
#include "rollupfold.h"
#include "sqliteconnections.h"
#include "sqlitevalues.h"
#include "sqltransaction.h"

#include <QCoreApplication>
#include <QSqlError>
#include <QSqlQuery>

#include <sqlite3.h>

#include <deque>
#include <map>

using namespace SqliteValues;
using HistorySchema::kHourMs;
using RollupFold::RollupDelta;

namespace {

// The history's messages share HistoryStore's translation context, whichever part of it words them.
class HistoryStoreText
{
    Q_DECLARE_TR_FUNCTIONS(HistoryStore)
};

// A reading below warning counts until the next one, but never past this: a monitor that was
// off for a week says nothing about that week.
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

// Disk full, read-only, I/O errors and locks pass; anything else (a constraint, a bug) would
// fail again forever, so such a batch is dropped rather than queued.
bool isTransientCode(int code)
{
    const int primary = code & 0xff;
    return primary == SQLITE_BUSY || primary == SQLITE_LOCKED || primary == SQLITE_READONLY || primary == SQLITE_IOERR
        || primary == SQLITE_FULL || primary == SQLITE_CANTOPEN || primary == SQLITE_PROTOCOL;
}

} // namespace

SqliteWriter::SqliteWriter(SqliteConnections &pool, QString *notice)
    : m_pool(pool)
    , m_notice(notice)
{
}

void SqliteWriter::reset()
{
    m_accountKeys.clear();
    m_prev.clear();
}

qint64 SqliteWriter::keyFor(SqliteConnection *c, const QString &accountId, QHash<QString, qint64> &fresh, bool *ok)
{
    if (const auto it = m_accountKeys.constFind(accountId); it != m_accountKeys.cend())
        return *it;
    if (const auto it = fresh.constFind(accountId); it != fresh.cend())
        return *it;
    if (!c->insertAccount) {
        const QSqlDatabase db = c->database();
        c->insertAccount = std::make_unique<QSqlQuery>(db);
        c->insertAccount->prepare(QStringLiteral("INSERT OR IGNORE INTO accounts(id) VALUES(?)"));
        c->accountKey = std::make_unique<QSqlQuery>(db);
        c->accountKey->prepare(QStringLiteral("SELECT key FROM accounts WHERE id = ?"));
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

std::optional<PrevSample> SqliteWriter::loadPrev(SqliteConnection *c, qint64 key, const QString &resource, double fraction)
{
    QSqlQuery q(c->database());
    q.prepare(QStringLiteral("SELECT time, lim, remaining FROM samples WHERE account = ? AND resource = ? "
              "ORDER BY time DESC LIMIT 1"));
    q.addBindValue(key);
    q.addBindValue(nonNull(resource)); // an unnamed resource is stored as "", never NULL
    if (!q.exec() || !q.next())
        return std::nullopt;
    Sample s;
    s.limit = optInt64(q.value(1));
    s.remaining = optInt64(q.value(2));
    return PrevSample { q.value(0).toLongLong(), RollupFold::isBelowWarning(s, fraction) };
}

void SqliteWriter::noteFailure(int code, bool *transient)
{
    const int primary = code & 0xff;
    if (transient)
        *transient = code == 0 || isTransientCode(code);
    m_reconnect
        = !m_pool.inMemory() && (primary == SQLITE_READONLY || primary == SQLITE_IOERR || primary == SQLITE_CANTOPEN);
}

// The connection's write statements, prepared once.
bool SqliteWriter::prepare(SqliteConnection *c, QString *error, bool *transient)
{
    if (c->handle)
        return true;
    const QSqlDatabase db = c->database();
    sqlite3 *h = sqliteHandle(db);
    if (!h) {
        if (error)
            *error = HistoryStoreText::tr("Cannot open the history file %1.").arg(m_pool.path());
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
    c->insertEvent->prepare(QStringLiteral("INSERT INTO events(account, time, kind, status, retry_after, detail) "
                            "VALUES(?, ?, ?, ?, ?, ?)"));
    c->upsertAccount = std::make_unique<QSqlQuery>(db);
    c->upsertAccount->prepare(QStringLiteral("INSERT INTO accounts(id, name, provider) VALUES(?, ?, ?) ON CONFLICT(id) "
                              "DO UPDATE SET name = excluded.name, provider = excluded.provider"));
    return true;
}

bool SqliteWriter::writeBatches(const QList<SqliteBatch> &batches, QString *error, bool *transient)
{
    if (transient)
        *transient = true;
    m_reconnect = false;
    SqliteConnection *c = m_pool.current();
    const QSqlDatabase db = c->database();
    if (!db.isOpen()) {
        if (error)
            *error = db.lastError().text();
        m_reconnect = !m_pool.inMemory();
        return false;
    }
    if (!prepare(c, error, transient))
        return false;
    sqlite3 *const h = c->handle;
    // The texts bound SQLITE_STATIC belong to this write: no statement keeps pointing at them.
    struct ClearBindings
    {
        SqliteConnection *c;
        ~ClearBindings()
        {
            for (sqlite3_stmt *st : { c->insertSample, c->upsertRollup, c->upsertBlock }) {
                if (st)
                    sqlite3_clear_bindings(st);
            }
        }
    } clearBindings { c };
    // Every return before commit() rolls the transaction back.
    SqlTransaction tx(db);
    if (!tx.isActive()) {
        if (error)
            *error = tx.lastError().text();
        noteFailure(tx.lastError().nativeErrorCode().toInt(), transient);
        if (transient)
            *transient = true; // a lock held too long, a read-only or full disk: all pass
        return false;
    }
    auto fail = [&](const QSqlQuery *query) {
        if (error && query)
            *error = query->lastError().text();
        if (query)
            noteFailure(query->lastError().nativeErrorCode().toInt(), transient);
        return false;
    };
    // Steps a bound raw statement once; on failure reports SQLite's error.
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
        return false;
    };
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
    auto prevOf = [&](SeriesDelta &sd, double fraction) -> const std::optional<PrevSample> & {
        if (!sd.prevLoaded) {
            sd.prevLoaded = true;
            const auto it = m_prev.constFind({ sd.key, sd.resource });
            sd.prev = it != m_prev.cend() ? std::optional<PrevSample>(*it) : loadPrev(c, sd.key, sd.resource, fraction);
        }
        return sd.prev;
    };

    sqlite3_stmt *const ins = c->insertSample;
    for (const SqliteBatch &b : batches) {
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
            // Before the insert: looked up afterwards, a series' first write in this process
            // would find itself rather than the reading before it.
            // The account's own warning threshold, where the user set one.
            const double fraction = warningFractionFor(s.accountId);
            const std::optional<PrevSample> p = prevOf(*sd, fraction);
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

            const bool below = RollupFold::isBelowWarning(s, fraction);
            if (p && p->time <= t) {
                if (p->below)
                    RollupFold::addBelow(*sd, p->time, t);
            }
            if (!p || p->time <= t) {
                sd->prev = PrevSample { t, below };
                sd->prevChanged = true;
            }

            RollupFold::addSample(sd->hour(RollupFold::floorTo(t, kHourMs)), s, t);
        }
        for (const auto &mark : b.throttleMarks) {
            // Counted once per account and hour, on the account-wide row (resource "").
            SeriesDelta *sd = seriesFor(mark.first, QString());
            if (!sd)
                return fail(c->insertAccount.get());
            const qint64 hour = RollupFold::floorTo(mark.second, kHourMs);
            RollupFold::addThrottleMark(sd->hour(hour), hour);
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
        const RollupFold::Deltas blocks = RollupFold::blocksOf(sd.hours);
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
    if (!tx.commit()) {
        if (error)
            *error = tx.lastError().text();
        noteFailure(tx.lastError().nativeErrorCode().toInt(), transient);
        return false;
    }
    // Only now is the new state real.
    for (auto it = freshKeys.cbegin(); it != freshKeys.cend(); ++it)
        m_accountKeys.insert(it.key(), it.value());
    for (const SeriesDelta &sd : series) {
        if (sd.prevChanged)
            m_prev.insert({ sd.key, sd.resource }, *sd.prev);
    }
    return true;
}

bool SqliteWriter::write(SqliteBatch batch)
{
    QList<SqliteBatch> all = m_pending;
    all.append(batch);
    QString error;
    bool transient = true;
    bool written = writeBatches(all, &error, &transient);
    if (!written && !transient) {
        *m_notice = HistoryStoreText::tr("A reading could not be stored and was dropped (%1).").arg(error);
        if (m_pending.isEmpty())
            return false;
        batch = SqliteBatch(); // keep only what waited before
        all = m_pending;
        written = writeBatches(all, &error, &transient);
    }
    if (written) {
        if (m_writeFailing) {
            m_writeFailing = false;
            *m_notice
                = HistoryStoreText::tr("The history can be written again; %n reading(s) kept in memory were saved.",
                    nullptr, m_pendingSamples);
        }
        m_pending.clear();
        m_pendingSamples = 0;
        return true;
    }
    // The probe goes on: keep what could not be written and try again with the next write.
    if (m_reconnect)
        m_pool.dropCurrent();
    if (!m_writeFailing) {
        m_writeFailing = true;
        *m_notice
            = HistoryStoreText::tr("The history cannot be written (%1). Readings are kept in memory until it can.")
                  .arg(error);
    }
    m_pending.append(batch);
    m_pendingSamples += int(batch.samples.size());
    while (m_pendingSamples > kMaxPending && m_pending.size() > 1) {
        m_pendingSamples -= int(m_pending.first().samples.size());
        m_pending.removeFirst();
    }
    return false;
}
