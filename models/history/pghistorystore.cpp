#include "pghistorystore.h"

#include "core/clock.h"
#include "historyschema.h"
#include "pgconnections.h"
#include "pgschema.h"
#include "rollupfold.h"
#include "sqltransaction.h"

#include <QElapsedTimer>
#include <QMutex>
#include <QMutexLocker>
#include <QPointF>
#include <QSet>
#include <QSqlQuery>
#include <QThread>
#include <QTimer>
#include <QUuid>
#include <QVariant>

#include <algorithm>
#include <atomic>
#include <limits>
#include <map>
#include <tuple>
#include <vector>

using HistorySchema::kBlockMs;
using HistorySchema::kDayMs;
using HistorySchema::kHourMs;
namespace V = PgValues;

namespace {

std::atomic<quint64> g_storeCounter{0};

QString uniqueBaseName()
{
    return QStringLiteral("headroom-pg-") + QString::number(++g_storeCounter) + u'-'
        + QUuid::createUuid().toString(QUuid::Id128).left(8);
}

// Rows per multi-row INSERT: few round trips, statements of a few hundred kilobytes at most.
constexpr int kRowsPerStatement = 1000;
// Samples per INSERT (as column arrays).
constexpr size_t kSamplesPerStatement = 5000;
// Chart ranges longer than this are read from hourly rollups (as in SQLite).
constexpr qint64 kRawSeriesMaxMs = 2 * kDayMs;
// A reader whose connection could not be opened does not try again sooner than this, so a
// window asking for its event log while the server is away is not held up on every call.
constexpr qint64 kReadRetryMs = 2000;

struct PgBatch
{
    QList<Sample> samples;
    QList<Event> events;
    QList<QUuid> eventUids; // one per event, made when queued, so a retried batch inserts each once
    QList<QPair<QString, qint64>> throttleMarks;
    QList<QPair<QString, QPair<QString, QString>>> names;
};

using RollupFold::PrevSample;
using RollupFold::RollupDelta;

// One account and resource within a write.
struct SeriesDelta
{
    QString accountId;
    qint64 key = 0;
    QString resource;
    std::optional<PrevSample> prev;
    std::map<qint64, RollupDelta> hours;

    RollupDelta &hour(qint64 h) { return hours[h]; }
};

QString nonNull(const QString &s)
{
    return s.isNull() ? QStringLiteral("") : s;
}

qint64 msOf(const QDateTime &t, qint64 fallback)
{
    return t.isValid() ? t.toMSecsSinceEpoch() : fallback;
}

QDateTime utcOf(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC);
}

std::optional<qint64> optInt64(const QVariant &v)
{
    return v.isNull() ? std::nullopt : std::optional<qint64>(v.toLongLong());
}

std::optional<int> optInt(const QVariant &v)
{
    return v.isNull() ? std::nullopt : std::optional<int>(v.toInt());
}

Sample sampleFromQuery(const QSqlQuery &q, const QString &accountId, const QString &resource)
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

QString accountKeyOf(const QString &accountId)
{
    return QStringLiteral("(SELECT key FROM accounts WHERE id = ") + V::text(accountId) + u')';
}

// libpq's messages span lines ("connection ... failed:\n\tIs the server running ...").
QString oneLine(const QString &text)
{
    return text.simplified();
}

} // namespace

struct PgHistoryStore::Private
{
    explicit Private(PgHistoryStore *q)
        : q(q)
        , pool(uniqueBaseName())
    {
    }

    PgHistoryStore *const q;
    mutable PgConnections pool;
    // Serialises writes; held across the server's round trips, so never taken by a read.
    QMutex writeMutex;
    QHash<QString, qint64> accountKeys; // committed account id -> key; under writeMutex

    // Guards what follows; never held while talking to the server.
    mutable QMutex stateMutex;
    bool open = false;
    QString location;
    QString notice;
    QString failingNotice; // the notice of the current outage, updated while it is not taken
    int retentionDays = 90;
    double warningFraction = 0.2;
    QHash<QString, double> accountFractions;
    QList<PgBatch> pending;
    int pendingSamples = 0;
    int pendingEvents = 0;
    bool writeFailing = false;
    QTimer *pruneTimer = nullptr;

    // Per reading thread: when its last connection attempt failed.
    mutable QMutex readFailMutex;
    mutable QHash<Qt::HANDLE, qint64> readFailedAt;
    QElapsedTimer monotonic;

    bool isOpen() const
    {
        QMutexLocker lock(&stateMutex);
        return open;
    }

    QString scrub(const QString &text) const { return oneLine(pool.target().scrub(text)); }

    bool write(PgBatch batch);
    bool attempt(const QList<PgBatch> &batches, double fraction, const QHash<QString, double> &fractions,
                 QString *error, bool *transient);
    bool writeBatches(const QSqlDatabase &db, const QList<PgBatch> &batches, double fraction,
                      const QHash<QString, double> &fractions, QString *error, bool *transient);

    // Runs `fn` on this thread's connection; once more on a new connection when the old one
    // turned out to be lost (a server restarted since the last read).
    template<typename T, typename Fn> T read(Fn fn) const { return read<T>(T(), fn); }

    // `failed` is the answer when the database cannot be read.
    template<typename T, typename Fn> T read(const T &failed, Fn fn) const
    {
        if (!isOpen())
            return failed;
        const Qt::HANDLE thread = QThread::currentThreadId();
        {
            QMutexLocker lock(&readFailMutex);
            const auto it = readFailedAt.constFind(thread);
            if (it != readFailedAt.cend() && monotonic.elapsed() - *it < kReadRetryMs)
                return failed;
        }
        for (int attempt = 0; attempt < 2; ++attempt) {
            bool fresh = false;
            T out;
            {
                const QSqlDatabase db = pool.database(&fresh);
                if (!db.isOpen()) {
                    QMutexLocker lock(&readFailMutex);
                    readFailedAt.insert(thread, monotonic.elapsed());
                    return failed;
                }
                PgConnections::takeLost();
                out = fn(db);
            }
            if (!PgConnections::takeLost())
                return out;
            // No handle to the connection may outlive it.
            pool.dropCurrent();
            if (fresh)
                return out;
        }
        return failed;
    }
};

PgHistoryStore::PgHistoryStore(QObject *parent)
    : HistoryBackend(parent)
    , d(std::make_unique<Private>(this))
{
    d->monotonic.start();
    d->pruneTimer = new QTimer(this);
    d->pruneTimer->setSingleShot(true);
    connect(d->pruneTimer, &QTimer::timeout, this, [this] {
        const int deleted = pruneOnce(2000);
        d->pruneTimer->start(deleted >= 2000 ? 1000 : 10 * 60 * 1000);
    });
}

PgHistoryStore::~PgHistoryStore()
{
    close();
}

bool PgHistoryStore::handles(const QString &location)
{
    return location.startsWith(QStringLiteral("postgresql://")) || location.startsWith(QStringLiteral("postgres://"));
}

int PgHistoryStore::schemaVersion()
{
    return PgSchema::currentVersion();
}

bool PgHistoryStore::open(const QString &location, QString *error)
{
    close();
    PgTarget target;
    if (!PgTarget::parse(location, &target, error))
        return false;
    if (!QSqlDatabase::isDriverAvailable(QStringLiteral("QPSQL"))) {
        if (error)
            *error = tr("Qt's PostgreSQL driver (QPSQL) is not installed; on Debian it is the package "
                        "libqt6sql6-psql.");
        return false;
    }
    QMutexLocker writeLock(&d->writeMutex);
    d->pool.setTarget(target);
    QString why;
    {
        const QSqlDatabase db = d->pool.database();
        if (!db.isOpen())
            why = d->scrub(db.lastError().text());
        else if (!PgSchema::migrate(db, &why))
            why = d->scrub(why);
    }
    if (!why.isEmpty()) {
        d->pool.closeAll();
        if (error)
            *error = tr("Cannot open the history database %1: %2").arg(target.redacted, why);
        return false;
    }
    {
        QMutexLocker lock(&d->stateMutex);
        d->open = true;
        d->location = target.redacted;
    }
    {
        QMutexLocker lock(&d->readFailMutex);
        d->readFailedAt.clear();
    }
    writeLock.unlock();
    d->pruneTimer->start(5000);
    return true;
}

void PgHistoryStore::close()
{
    d->pruneTimer->stop();
    QMutexLocker writeLock(&d->writeMutex);
    d->pool.closeAll();
    d->accountKeys.clear();
    QMutexLocker lock(&d->stateMutex);
    d->open = false;
}

bool PgHistoryStore::isOpen() const
{
    return d->isOpen();
}

QString PgHistoryStore::takeNotice()
{
    QMutexLocker lock(&d->stateMutex);
    return std::exchange(d->notice, QString());
}

void PgHistoryStore::releaseThreadConnection()
{
    d->pool.dropCurrent();
    QMutexLocker lock(&d->readFailMutex);
    d->readFailedAt.remove(QThread::currentThreadId());
}

QString PgHistoryStore::location() const
{
    QMutexLocker lock(&d->stateMutex);
    return d->location;
}

// --- Writes ------------------------------------------------------------------------------------

bool PgHistoryStore::Private::write(PgBatch batch)
{
    QMutexLocker writeLock(&writeMutex);
    QList<PgBatch> all;
    double fraction = 0.2;
    QHash<QString, double> fractions;
    {
        QMutexLocker lock(&stateMutex);
        if (!open)
            return false;
        all = pending;
        fraction = warningFraction;
        fractions = accountFractions;
    }
    all.append(batch);
    QString error;
    bool transient = true;
    bool written = attempt(all, fraction, fractions, &error, &transient);
    if (!written && !transient) {
        // A constraint or a bug fails again forever: drop this batch, keep what waited before.
        {
            QMutexLocker lock(&stateMutex);
            notice = PgHistoryStore::tr("A reading could not be stored and was dropped (%1).").arg(error);
        }
        batch = PgBatch();
        all.removeLast();
        if (all.isEmpty())
            return false;
        written = attempt(all, fraction, fractions, &error, &transient);
    }
    QMutexLocker lock(&stateMutex);
    if (written) {
        if (writeFailing) {
            writeFailing = false;
            if (notice == failingNotice)
                notice.clear();
            failingNotice.clear();
            notice = PgHistoryStore::tr("The history database can be written again; %n reading(s) kept in memory were "
                                        "saved.",
                                        nullptr, pendingSamples);
        }
        pending.clear();
        pendingSamples = 0;
        pendingEvents = 0;
        return true;
    }
    // The server went away (or is restarting): keep everything, connect again next time.
    lock.unlock();
    pool.dropCurrent();
    lock.relock();
    pending.append(batch);
    pendingSamples += int(batch.samples.size());
    pendingEvents += int(batch.events.size());
    while (pendingSamples > kMaxPending && pending.size() > 1) {
        pendingSamples -= int(pending.first().samples.size());
        pendingEvents -= int(pending.first().events.size());
        pending.removeFirst();
    }
    const QString text = PgHistoryStore::tr("The history database %1 cannot be reached (%2); %n reading(s) are kept "
                                            "in memory until it can.",
                                            nullptr, pendingSamples)
                             .arg(location, error);
    // One notice per outage, kept current until the user has seen it.
    if (!writeFailing || notice == failingNotice)
        notice = text;
    failingNotice = text;
    writeFailing = true;
    return false;
}

bool PgHistoryStore::Private::attempt(const QList<PgBatch> &batches, double fraction,
                                      const QHash<QString, double> &fractions, QString *error, bool *transient)
{
    bool fresh = false;
    QSqlDatabase db = pool.database(&fresh);
    const bool wasOpen = db.isOpen();
    if (writeBatches(db, batches, fraction, fractions, error, transient))
        return true;
    // A connection that served earlier writes may have died while idle (a server restart or a
    // failover in between): one more try on a new connection before keeping the data.
    if (!*transient || fresh || !wasOpen)
        return false;
    db = QSqlDatabase();
    pool.dropCurrent();
    db = pool.database(&fresh);
    return writeBatches(db, batches, fraction, fractions, error, transient);
}

bool PgHistoryStore::Private::writeBatches(const QSqlDatabase &db, const QList<PgBatch> &batches, double fraction,
                                           const QHash<QString, double> &fractions, QString *error, bool *transient)
{
    *transient = true;
    if (!db.isOpen()) {
        *error = scrub(db.lastError().text());
        return false;
    }
    SqlTransaction tx(db, QStringLiteral("BEGIN"));
    if (!tx.isActive()) {
        *error = scrub(tx.lastError().text());
        *transient = pgTransient(tx.lastError());
        return false;
    }
    QSqlQuery q(db);
    auto fail = [&] {
        *error = scrub(q.lastError().text());
        *transient = pgTransient(q.lastError());
        return false;
    };
    auto fractionFor = [&](const QString &accountId) { return fractions.value(accountId, fraction); };

    // Names first: an account named in this write gets its key from the same row.
    for (const PgBatch &b : batches) {
        for (const auto &n : b.names) {
            const QString id = V::text(n.first), name = V::text(nonNull(n.second.first)),
                          provider = V::text(nonNull(n.second.second));
            // UPDATE before INSERT: an upsert that finds the row still uses up an identity value.
            if (!pgExec(q, QStringLiteral("UPDATE accounts SET name = ") + name + QStringLiteral(", provider = ")
                               + provider + QStringLiteral(" WHERE id = ") + id))
                return fail();
            if (q.numRowsAffected() == 0
                && !pgExec(q, QStringLiteral("INSERT INTO accounts(id, name, provider) VALUES(") + id + u',' + name + u','
                                  + provider
                                  + QStringLiteral(") ON CONFLICT(id) DO UPDATE SET name = excluded.name, "
                                                   "provider = excluded.provider")))
                return fail();
        }
    }

    // Keys of every account this write touches: cached, read, or inserted.
    QHash<QString, qint64> freshKeys;
    {
        QStringList missing;
        QSet<QString> seen;
        auto need = [&](const QString &id) {
            if (!accountKeys.contains(id) && !seen.contains(id)) {
                seen.insert(id);
                missing << id;
            }
        };
        for (const PgBatch &b : batches) {
            for (const Sample &s : b.samples)
                need(s.accountId);
            for (const auto &m : b.throttleMarks)
                need(m.first);
            for (const Event &e : b.events)
                need(e.accountId);
        }
        auto lookUp = [&](const QString &head, const QString &tail, bool values) {
            QStringList still;
            for (const QString &id : std::as_const(missing)) {
                if (!freshKeys.contains(id))
                    still << id;
            }
            for (qsizetype at = 0; at < still.size(); at += kRowsPerStatement) {
                QStringList lits;
                for (qsizetype i = at; i < std::min<qsizetype>(still.size(), at + kRowsPerStatement); ++i)
                    lits << (values ? u'(' + V::text(still.at(i)) + u')' : V::text(still.at(i)));
                if (!pgExec(q, head + lits.join(u',') + tail))
                    return false;
                while (q.next())
                    freshKeys.insert(q.value(0).toString(), q.value(1).toLongLong());
            }
            return true;
        };
        if (!missing.isEmpty()) {
            const QString select = QStringLiteral("SELECT id, key FROM accounts WHERE id IN (");
            if (!lookUp(select, QStringLiteral(")"), false)
                || !lookUp(QStringLiteral("INSERT INTO accounts(id) VALUES "),
                           QStringLiteral(" ON CONFLICT(id) DO NOTHING RETURNING id, key"), true)
                // Inserted by another process between the two statements.
                || !lookUp(select, QStringLiteral(")"), false))
                return fail();
            if (freshKeys.size() != missing.size()) {
                *error = QStringLiteral("account keys missing");
                *transient = false;
                return false;
            }
        }
    }
    auto keyOf = [&](const QString &id) { return accountKeys.contains(id) ? accountKeys.value(id) : freshKeys.value(id); };

    std::vector<SeriesDelta> series;
    QHash<QPair<qint64, QString>, int> seriesIndex;
    auto seriesFor = [&](const QString &accountId, const QString &resource) {
        const qint64 key = keyOf(accountId);
        const QPair<qint64, QString> k(key, nonNull(resource));
        const auto it = seriesIndex.constFind(k);
        if (it != seriesIndex.cend())
            return *it;
        SeriesDelta sd;
        sd.accountId = accountId;
        sd.key = key;
        sd.resource = k.second;
        series.push_back(std::move(sd));
        seriesIndex.insert(k, int(series.size() - 1));
        return int(series.size() - 1);
    };

    // The samples of this write, each (series, time) once, in the order given.
    struct Row
    {
        int series;
        qint64 time;
        const Sample *sample;
    };
    std::vector<Row> rows;
    {
        QSet<QPair<int, qint64>> seen;
        for (const PgBatch &b : batches) {
            for (const Sample &s : b.samples) {
                const int si = seriesFor(s.accountId, s.resource);
                const qint64 t = msOf(s.time, 0);
                if (seen.contains({si, t}))
                    continue;
                seen.insert({si, t});
                rows.push_back({si, t, &s});
            }
        }
    }

    // The newest stored reading of each series, read before this write's own rows exist: time
    // below warning runs from it to this write's first reading.
    const size_t sampleSeries = series.size();
    for (size_t at = 0; at < sampleSeries; at += kRowsPerStatement) {
        QStringList values;
        for (size_t i = at; i < std::min(sampleSeries, at + kRowsPerStatement); ++i)
            values << u'(' + QString::number(i) + u',' + V::integer(series[i].key) + u',' + V::text(series[i].resource)
                    + u')';
        if (!pgExec(q, QStringLiteral("SELECT v.i, s.time, s.lim, s.remaining FROM (VALUES ") + values.join(u',')
                           + QStringLiteral(") AS v(i, account, resource) CROSS JOIN LATERAL (SELECT time, lim, remaining "
                                            "FROM samples WHERE account = v.account AND resource = v.resource "
                                            "ORDER BY time DESC LIMIT 1) s")))
            return fail();
        while (q.next()) {
            SeriesDelta &sd = series[size_t(q.value(0).toInt())];
            Sample s;
            s.limit = optInt64(q.value(2));
            s.remaining = optInt64(q.value(3));
            sd.prev = PrevSample{q.value(1).toLongLong(), RollupFold::isBelowWarning(s, fractionFor(sd.accountId))};
        }
    }

    // Insert; what the database already held (a retried write, a second copy) is not returned
    // and so not counted in the rollups either.
    QSet<QPair<int, qint64>> inserted;
    inserted.reserve(qsizetype(rows.size()));
    // Column arrays through unnest(): the server parses nine literals per statement rather than
    // nine per row, which more than doubles the rate of large writes.
    for (size_t at = 0; at < rows.size(); at += kSamplesPerStatement) {
        const size_t end = std::min(rows.size(), at + kSamplesPerStatement);
        QString cols[9];
        for (QString &c : cols) {
            c.reserve(qsizetype(end - at) * 8);
            c += u'{';
        }
        for (size_t i = at; i < end; ++i) {
            const Row &r = rows[i];
            const Sample &s = *r.sample;
            const SeriesDelta &sd = series[size_t(r.series)];
            const std::optional<qint64> reset = s.resetAt && s.resetAt->isValid()
                ? std::optional<qint64>(s.resetAt->toMSecsSinceEpoch())
                : std::nullopt;
            const QString cells[9] = {V::integer(sd.key), V::arrayText(sd.resource), V::integer(r.time),
                                      V::opt(s.limit), V::opt(s.remaining), V::opt(s.used), V::opt(reset),
                                      V::opt(s.status), V::integer(s.cost)};
            for (int c = 0; c < 9; ++c) {
                if (i > at)
                    cols[c] += u',';
                cols[c] += cells[c];
            }
        }
        static const char *const types[9] = {"bigint", "text", "bigint", "bigint", "bigint", "bigint", "bigint",
                                             "integer", "bigint"};
        // `latest` keeps each series' newest sample (what a follower reads) in the same statement,
        // from the rows this statement inserted: one row per series, in key order (two writers
        // lock the same rows in the same order), and never back in time when an older reading
        // arrives late.
        QString sql = QStringLiteral("WITH ins AS (INSERT INTO samples(account, resource, time, lim, remaining, used, "
                                     "reset_at, status, cost) SELECT * FROM unnest(");
        for (int c = 0; c < 9; ++c) {
            cols[c] += u'}';
            if (c > 0)
                sql += u',';
            sql += V::text(cols[c]) + QStringLiteral("::") + QLatin1String(types[c]) + QStringLiteral("[]");
        }
        sql += QStringLiteral(
            ") ON CONFLICT DO NOTHING RETURNING account, resource, time, lim, remaining, used, reset_at, status, cost), "
            "up AS (INSERT INTO latest AS l(account, resource, time, lim, remaining, used, reset_at, status, cost) "
            "SELECT DISTINCT ON (account, resource) * FROM ins ORDER BY account, resource, time DESC "
            "ON CONFLICT(account, resource) DO UPDATE SET time = excluded.time, lim = excluded.lim, "
            "remaining = excluded.remaining, used = excluded.used, reset_at = excluded.reset_at, "
            "status = excluded.status, cost = excluded.cost WHERE excluded.time > l.time) "
            "SELECT account, resource, time FROM ins");
        if (!pgExec(q, sql))
            return fail();
        while (q.next()) {
            const int si = seriesIndex.value({q.value(0).toLongLong(), q.value(1).toString()}, -1);
            inserted.insert({si, q.value(2).toLongLong()});
        }
    }

    // The rollups of what was inserted, exactly as the SQLite writer folds them.
    for (const Row &r : rows) {
        if (!inserted.contains({r.series, r.time}))
            continue;
        SeriesDelta &sd = series[size_t(r.series)];
        const Sample &s = *r.sample;
        const qint64 t = r.time;
        const double f = fractionFor(s.accountId);
        const std::optional<PrevSample> p = sd.prev;
        const bool below = RollupFold::isBelowWarning(s, f);
        if (p && p->time <= t && p->below)
            RollupFold::addBelow(sd, p->time, t);
        if (!p || p->time <= t)
            sd.prev = PrevSample{t, below};
        RollupFold::addSample(sd.hour(RollupFold::floorTo(t, kHourMs)), s, t);
    }
    for (const PgBatch &b : batches) {
        for (const auto &mark : b.throttleMarks) {
            // Counted once per account and hour, on the account-wide row (resource "").
            SeriesDelta &sd = series[size_t(seriesFor(mark.first, QString()))];
            const qint64 hour = RollupFold::floorTo(mark.second, kHourMs);
            RollupFold::addThrottleMark(sd.hour(hour), hour);
        }
    }

    // Events, each once even when this batch is a retry of one whose COMMIT went unanswered.
    bool eventsInserted = false;
    {
        QStringList values;
        auto flush = [&] {
            if (values.isEmpty())
                return true;
            const bool ok = pgExec(q, QStringLiteral("INSERT INTO events(uid, account, time, kind, status, retry_after, "
                                                     "detail) VALUES ")
                                          + values.join(u',') + QStringLiteral(" ON CONFLICT(uid) DO NOTHING"));
            values.clear();
            eventsInserted = eventsInserted || (ok && q.numRowsAffected() > 0);
            return ok;
        };
        for (const PgBatch &b : batches) {
            for (qsizetype i = 0; i < b.events.size(); ++i) {
                const Event &e = b.events.at(i);
                const QUuid uid = i < b.eventUids.size() ? b.eventUids.at(i) : QUuid::createUuid();
                values << u'(' + V::uuid(uid) + u',' + V::integer(keyOf(e.accountId)) + u','
                        + V::integer(msOf(e.time, 0)) + u',' + V::text(eventKindId(e.kind)) + u','
                        + V::opt(e.status) + u',' + V::opt(e.retryAfterS) + u',' + V::text(nonNull(e.detail)) + u')';
                if (values.size() >= kRowsPerStatement && !flush())
                    return fail();
            }
        }
        if (!flush())
            return fail();
    }

    // One upsert row per account, resource and hour touched, then per 6-hour block; in key
    // order, so two writers of the same rows always lock them in the same order.
    std::vector<int> order(series.size());
    for (size_t i = 0; i < series.size(); ++i)
        order[i] = int(i);
    std::sort(order.begin(), order.end(), [&](int a, int b) {
        return std::tie(series[size_t(a)].key, series[size_t(a)].resource)
            < std::tie(series[size_t(b)].key, series[size_t(b)].resource);
    });
    QStringList hourRows, blockRows;
    auto flushRows = [&](QStringList &rowsOut, const QString &head, const QString &tail, bool force) {
        if (rowsOut.isEmpty() || (!force && rowsOut.size() < kRowsPerStatement))
            return true;
        const bool ok = pgExec(q, head + rowsOut.join(u',') + tail);
        rowsOut.clear();
        return ok;
    };
    for (const int si : order) {
        const SeriesDelta &sd = series[size_t(si)];
        const QString head = u'(' + V::integer(sd.key) + u',' + V::text(sd.resource) + u',';
        for (const auto &[hour, d] : sd.hours) {
            hourRows << head + V::integer(hour) + u',' + V::integer(d.samples) + u',' + V::opt(d.minRemaining) + u','
                    + V::opt(d.maxRemaining) + u',' + V::opt(d.lastRemaining) + u',' + V::opt(d.lastLimit) + u','
                    + V::integer(d.lastTime) + u',' + V::opt(d.minPct) + u',' + V::opt(d.maxUsed) + u','
                    + V::integer(d.throttled) + u',' + V::integer(d.cost) + u',' + V::integer(d.belowMs) + u')';
            if (!flushRows(hourRows, PgSchema::rollupInsertHead(), PgSchema::rollupUpsertTail(), false))
                return fail();
        }
        const RollupFold::Deltas blocks = RollupFold::blocksOf(sd.hours);
        for (const auto &[block, b] : blocks) {
            if (b.samples == 0)
                continue;
            blockRows << head + V::integer(block) + u',' + V::integer(b.samples) + u',' + V::opt(b.minRemaining) + u','
                    + V::opt(b.maxRemaining) + u',' + V::opt(b.lastLimit) + u',' + V::integer(b.lastTime) + u')';
            if (!flushRows(blockRows, PgSchema::blockInsertHead(), PgSchema::blockUpsertTail(), false))
                return fail();
        }
    }
    if (!flushRows(hourRows, PgSchema::rollupInsertHead(), PgSchema::rollupUpsertTail(), true)
        || !flushRows(blockRows, PgSchema::blockInsertHead(), PgSchema::blockUpsertTail(), true))
        return fail();
    // Wakes the processes that follow the history (HistoryFollower). Sent at COMMIT only, and
    // once per channel however many writes a transaction holds; only a hint, they poll anyway.
    QStringList notify;
    if (!inserted.isEmpty())
        notify << QStringLiteral("pg_notify('headroom_samples', '')");
    if (eventsInserted)
        notify << QStringLiteral("pg_notify('headroom_events', '')");
    if (!notify.isEmpty() && !pgExec(q, QStringLiteral("SELECT ") + notify.join(QStringLiteral(", "))))
        return fail();
    q.finish();
    if (!tx.commit()) {
        *error = scrub(tx.lastError().text());
        *transient = pgTransient(tx.lastError());
        return false;
    }
    // Only now are the new keys real.
    for (auto it = freshKeys.cbegin(); it != freshKeys.cend(); ++it)
        accountKeys.insert(it.key(), it.value());
    return true;
}

bool PgHistoryStore::registerAccount(const QString &accountId, const QString &name, const QString &provider)
{
    PgBatch b;
    b.names.append({accountId, {name, provider}});
    return d->write(std::move(b));
}

bool PgHistoryStore::record(const HistoryRecord &record)
{
    PgBatch b;
    if (!record.accountName.isEmpty() || !record.provider.isEmpty())
        b.names.append({record.accountId, {record.accountName, record.provider}});
    b.samples = record.samples;
    b.events = record.events;
    for (qsizetype i = 0; i < b.events.size(); ++i)
        b.eventUids.append(QUuid::createUuid());
    if (record.throttledAt)
        b.throttleMarks.append({record.accountId, record.throttledAt->toMSecsSinceEpoch()});
    const bool hasSamples = !b.samples.isEmpty();
    const bool hasEvents = !b.events.isEmpty();
    const bool ok = d->write(std::move(b));
    if (hasSamples)
        Q_EMIT samplesAdded(record.accountId);
    if (hasEvents)
        Q_EMIT eventsAdded();
    return ok;
}

bool PgHistoryStore::appendSamples(const QList<Sample> &samples)
{
    if (samples.isEmpty())
        return true;
    PgBatch b;
    b.samples = samples;
    const bool ok = d->write(std::move(b));
    announceSamples(samples);
    return ok;
}

bool PgHistoryStore::appendEvents(const QList<Event> &events)
{
    if (events.isEmpty())
        return true;
    PgBatch b;
    b.events = events;
    for (qsizetype i = 0; i < events.size(); ++i)
        b.eventUids.append(QUuid::createUuid());
    const bool ok = d->write(std::move(b));
    Q_EMIT eventsAdded();
    return ok;
}

int PgHistoryStore::pendingCount() const
{
    QMutexLocker lock(&d->stateMutex);
    return d->pendingSamples + d->pendingEvents;
}

bool PgHistoryStore::flushPending()
{
    {
        QMutexLocker lock(&d->stateMutex);
        if (d->pending.isEmpty())
            return true;
    }
    return d->write(PgBatch());
}

// --- Reads -------------------------------------------------------------------------------------

std::optional<Sample> PgHistoryStore::lastSample(const QString &accountId, const QString &resource) const
{
    {
        QMutexLocker lock(&d->stateMutex);
        if (!d->open)
            return std::nullopt;
        std::optional<Sample> best;
        // Readings waiting in memory (server away) are newer than anything stored.
        for (const PgBatch &b : d->pending) {
            for (const Sample &s : b.samples) {
                if (s.accountId == accountId && s.resource == resource && (!best || best->time <= s.time))
                    best = s;
            }
        }
        if (best)
            return best;
    }
    return d->read<std::optional<Sample>>([&](const QSqlDatabase &db) -> std::optional<Sample> {
        QSqlQuery q(db);
        if (!pgExec(q, QStringLiteral("SELECT time, lim, remaining, used, reset_at, status, cost FROM samples WHERE "
                                      "account = ")
                           + accountKeyOf(accountId) + QStringLiteral(" AND resource = ") + V::text(nonNull(resource))
                           + QStringLiteral(" ORDER BY time DESC LIMIT 1"))
            || !q.next())
            return std::nullopt;
        return sampleFromQuery(q, accountId, resource);
    });
}

QList<Sample> PgHistoryStore::samples(const QString &accountId, const QString &resource, const QDateTime &from,
                                      const QDateTime &to) const
{
    return d->read<QList<Sample>>([&](const QSqlDatabase &db) {
        QList<Sample> out;
        QSqlQuery q(db);
        if (!pgExec(q, QStringLiteral("SELECT time, lim, remaining, used, reset_at, status, cost FROM samples WHERE "
                                      "account = ")
                           + accountKeyOf(accountId) + QStringLiteral(" AND resource = ") + V::text(nonNull(resource))
                           + QStringLiteral(" AND time >= ") + V::integer(msOf(from, std::numeric_limits<qint64>::min()))
                           + QStringLiteral(" AND time < ") + V::integer(msOf(to, std::numeric_limits<qint64>::max()))
                           + QStringLiteral(" ORDER BY time")))
            return out;
        while (q.next())
            out.append(sampleFromQuery(q, accountId, resource));
        return out;
    });
}

QStringList PgHistoryStore::resources(const QString &accountId) const
{
    return d->read<QStringList>([&](const QSqlDatabase &db) {
        QStringList out;
        QSqlQuery q(db);
        // Hop from one resource to the next on the rollups' primary key: one row read each,
        // where a DISTINCT would read every hour of the account.
        if (pgExec(q, QStringLiteral("WITH RECURSIVE k(key) AS (SELECT key FROM accounts WHERE id = ")
                          + V::text(accountId)
                          + QStringLiteral("), r(res) AS (SELECT (SELECT min(resource) FROM rollups WHERE account = "
                                           "(SELECT key FROM k) AND resource > '') UNION ALL SELECT (SELECT "
                                           "min(resource) FROM rollups WHERE account = (SELECT key FROM k) AND "
                                           "resource > r.res) FROM r WHERE res IS NOT NULL) "
                                           "SELECT res FROM r WHERE res IS NOT NULL"))) {
            while (q.next())
                out << q.value(0).toString();
        }
        // Rollups also keep header-less 429s under '', so only a stored sample says the account
        // has an unnamed quota.
        if (pgExec(q, QStringLiteral("SELECT 1 FROM samples WHERE account = ") + accountKeyOf(accountId)
                          + QStringLiteral(" AND resource = '' LIMIT 1"))
            && q.next())
            out.prepend(QString(QStringLiteral("")));
        return out;
    });
}

QList<Event> PgHistoryStore::events(const QDateTime &from, const QDateTime &to, const QStringList &accountIds,
                                    int limit) const
{
    return d->read<QList<Event>>([&](const QSqlDatabase &db) {
        QList<Event> out;
        QString sql = QStringLiteral("SELECT e.id, a.id, e.time, e.kind, e.status, e.retry_after, e.detail FROM events e "
                                     "JOIN accounts a ON a.key = e.account WHERE e.time >= ")
            + V::integer(msOf(from, std::numeric_limits<qint64>::min())) + QStringLiteral(" AND e.time < ")
            + V::integer(msOf(to, std::numeric_limits<qint64>::max()));
        if (!accountIds.isEmpty()) {
            QStringList ids;
            for (const QString &id : accountIds)
                ids << V::text(id);
            sql += QStringLiteral(" AND a.id IN (") + ids.join(u',') + u')';
        }
        // Newest first, so a limit keeps the most recent.
        sql += QStringLiteral(" ORDER BY e.time DESC, e.id DESC");
        if (limit >= 0)
            sql += QStringLiteral(" LIMIT ") + QString::number(limit);
        QSqlQuery q(db);
        if (!pgExec(q, sql))
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
    });
}

ChartSeries PgHistoryStore::series(const QString &accountId, const QString &resource, const QDateTime &from,
                                   const QDateTime &to, int pixelWidth) const
{
    if (!from.isValid() || !to.isValid() || to <= from || pixelWidth <= 0)
        return {};
    ChartSeries failed;
    failed.unreadable = true;
    return d->read<ChartSeries>(failed, [&](const QSqlDatabase &db) {
        ChartSeries out;
        const qint64 f = from.toMSecsSinceEpoch();
        const qint64 t = to.toMSecsSinceEpoch();
        const qint64 width = std::max<qint64>(1, (t - f + pixelWidth - 1) / pixelWidth);
        out.fromRollups = (t - f) > kRawSeriesMaxMs;
        QSqlQuery q(db);
        if (!pgExec(q, QStringLiteral("SELECT key FROM accounts WHERE id = ") + V::text(accountId)))
            return failed;
        if (!q.next())
            return out;
        const QString key = V::integer(q.value(0).toLongLong());
        const QString res = V::text(nonNull(resource));
        // Per pixel column, the row holding the minimum and the one holding the maximum (the
        // earliest of equals), limit included; from raw samples, hourly rollups, or 6-hour
        // blocks once a column spans 6 hours, so the rows read follow the pixels.
        const bool blocks = out.fromRollups && width >= kBlockMs;
        const QString table = !out.fromRollups ? QStringLiteral("samples")
            : blocks                           ? QStringLiteral("rollups6h")
                                               : QStringLiteral("rollups");
        const QString timeCol = !out.fromRollups ? QStringLiteral("time")
            : blocks                             ? QStringLiteral("block")
                                                 : QStringLiteral("hour");
        const QString minCol = out.fromRollups ? QStringLiteral("min_remaining") : QStringLiteral("remaining");
        const QString maxCol = out.fromRollups ? QStringLiteral("max_remaining") : QStringLiteral("remaining");
        const QString limCol = out.fromRollups ? QStringLiteral("last_limit") : QStringLiteral("lim");
        struct Pick
        {
            qint64 x;
            double y;
            std::optional<double> limit;
        };
        auto runPick = [&](const QString &col, bool descending, QList<Pick> &picks) {
            const QString sql = QStringLiteral("SELECT DISTINCT ON (b) b, x, y, lim FROM (SELECT (") + timeCol
                + QStringLiteral(" - ") + V::integer(f) + QStringLiteral(") / ") + V::integer(width) + QStringLiteral(" AS b, ")
                + timeCol + QStringLiteral(" AS x, ") + col + QStringLiteral(" AS y, ") + limCol + QStringLiteral(" AS lim FROM ")
                + table + QStringLiteral(" WHERE account = ") + key + QStringLiteral(" AND resource = ") + res
                + QStringLiteral(" AND ") + timeCol + QStringLiteral(" >= ") + V::integer(f) + QStringLiteral(" AND ") + timeCol
                + QStringLiteral(" < ") + V::integer(t) + (out.fromRollups ? QStringLiteral(" AND samples > 0") : QString())
                + QStringLiteral(" AND ") + col + QStringLiteral(" IS NOT NULL) c ORDER BY b, y")
                + (descending ? QStringLiteral(" DESC") : QString()) + QStringLiteral(", x");
            QSqlQuery pq(db);
            if (!pgExec(pq, sql)) {
                out.unreadable = true;
                return;
            }
            while (pq.next())
                picks.append({pq.value(1).toLongLong(), pq.value(2).toDouble(),
                              pq.value(3).isNull() ? std::nullopt : std::optional<double>(pq.value(3).toDouble())});
        };
        QList<Pick> mins, maxs;
        runPick(minCol, false, mins);
        runPick(maxCol, true, maxs);
        // Both lists have one entry per column holding a known value, in column order.
        for (qsizetype i = 0; i < mins.size() && i < maxs.size(); ++i) {
            const Pick &lo = mins.at(i), &hi = maxs.at(i);
            const Pick &first = lo.x <= hi.x ? lo : hi;
            const Pick &second = lo.x <= hi.x ? hi : lo;
            out.remaining.append(QPointF(double(first.x), first.y));
            if (first.limit)
                out.limit.append(QPointF(double(first.x), *first.limit));
            if (second.x == first.x && second.y == first.y)
                continue;
            out.remaining.append(QPointF(double(second.x), second.y));
            if (second.limit)
                out.limit.append(QPointF(double(second.x), *second.limit));
        }
        const QString inRange = QStringLiteral(" WHERE account = ") + key + QStringLiteral(" AND resource = ") + res;
        if (!out.fromRollups) {
            // Resets only for raw ranges (up to two days), as in SQLite: rollups keep none.
            if (pgExec(q, QStringLiteral("SELECT DISTINCT reset_at FROM samples") + inRange + QStringLiteral(" AND time >= ")
                              + V::integer(f) + QStringLiteral(" AND time < ") + V::integer(t)
                              + QStringLiteral(" AND reset_at IS NOT NULL AND reset_at >= ") + V::integer(f)
                              + QStringLiteral(" AND reset_at < ") + V::integer(t) + QStringLiteral(" ORDER BY reset_at"))) {
                while (q.next())
                    out.resets.append(q.value(0).toLongLong());
            }
        } else {
            // Long ranges: the window in force at the start of at most ~240 slices, each one
            // indexed look-up, all in one statement.
            const qint64 step = std::max(width, (t - f + 239) / 240);
            if (pgExec(q, QStringLiteral("SELECT (SELECT reset_at FROM samples") + inRange
                              + QStringLiteral(" AND time >= g AND time < least(g + ") + V::integer(step) + QStringLiteral(", ")
                              + V::integer(t) + QStringLiteral(") ORDER BY time LIMIT 1) FROM generate_series(")
                              + V::integer(f) + QStringLiteral("::bigint, ") + V::integer(t - 1) + QStringLiteral("::bigint, ")
                              + V::integer(step) + QStringLiteral("::bigint) AS g ORDER BY g"))) {
                qint64 lastReset = -1;
                bool haveLast = false;
                while (q.next()) {
                    // A slice without samples keeps the last window, as SQLite's loop does.
                    if (q.value(0).isNull()) {
                        continue;
                    }
                    const qint64 r = q.value(0).toLongLong();
                    if ((!haveLast || r != lastReset) && r >= f && r < t
                        && (out.resets.isEmpty() || r > out.resets.constLast()))
                        out.resets.append(r);
                    lastReset = r;
                    haveLast = true;
                }
            }
        }
        if (pgExec(q, QStringLiteral("SELECT time FROM events WHERE account = ") + key
                          + QStringLiteral(" AND kind = 'throttled' AND time >= ") + V::integer(f)
                          + QStringLiteral(" AND time < ") + V::integer(t) + QStringLiteral(" ORDER BY time"))) {
            while (q.next())
                out.throttles.append(q.value(0).toLongLong());
        }
        return out;
    });
}

QList<HistoryBackend::AccountInfo> PgHistoryStore::accounts() const
{
    return d->read<QList<AccountInfo>>([&](const QSqlDatabase &db) {
        QList<AccountInfo> out;
        QSqlQuery q(db);
        if (pgExec(q, QStringLiteral("SELECT key, id, name, provider FROM accounts ORDER BY key"))) {
            while (q.next())
                out.append({q.value(0).toLongLong(), q.value(1).toString(), q.value(2).toString(), q.value(3).toString()});
        }
        return out;
    });
}

QByteArray PgHistoryStore::alertState(const QString &key) const
{
    return d->read<QByteArray>([&](const QSqlDatabase &db) {
        QSqlQuery q(db);
        if (!pgExec(q, QStringLiteral("SELECT value FROM alert_state WHERE key = ") + V::text(key)) || !q.next())
            return QByteArray();
        return q.value(0).toByteArray();
    });
}

bool PgHistoryStore::setAlertState(const QString &key, const QByteArray &value)
{
    // One statement, its own transaction.
    return d->read<bool>([&](const QSqlDatabase &db) {
        QSqlQuery q(db);
        return pgExec(q, QStringLiteral("INSERT INTO alert_state(key, value) VALUES(") + V::text(key) + u','
                             + V::bytes(value)
                             + QStringLiteral(") ON CONFLICT(key) DO UPDATE SET value = excluded.value"));
    });
}

// --- Retention and rollups ---------------------------------------------------------------------

void PgHistoryStore::setRetentionDays(int days)
{
    QMutexLocker lock(&d->stateMutex);
    d->retentionDays = std::max(1, days);
}

int PgHistoryStore::retentionDays() const
{
    QMutexLocker lock(&d->stateMutex);
    return d->retentionDays;
}

int PgHistoryStore::pruneOnce(int maxRows)
{
    int days = 90;
    {
        QMutexLocker lock(&d->stateMutex);
        if (!d->open || maxRows <= 0)
            return 0;
        days = d->retentionDays;
    }
    const qint64 cutoff = Clock::instance()->nowUtc().toMSecsSinceEpoch() - qint64(days) * kDayMs;
    return d->read<int>([&](const QSqlDatabase &db) {
        // The series come from the small rollups table; each delete walks the primary key from
        // its oldest end, so no statement scans the samples.
        QList<QPair<qint64, QString>> keys;
        QSqlQuery q(db);
        if (!pgExec(q, QStringLiteral("SELECT DISTINCT account, resource FROM rollups WHERE hour < ") + V::integer(cutoff)
                           // One order for every process pruning at once: no deadlock between them.
                           + QStringLiteral(" ORDER BY account, resource")))
            return -1;
        while (q.next())
            keys.append({q.value(0).toLongLong(), q.value(1).toString()});
        if (keys.isEmpty())
            return 0;
        SqlTransaction tx(db, QStringLiteral("BEGIN"));
        if (!tx.isActive())
            return -1;
        int deleted = 0;
        for (const auto &k : std::as_const(keys)) {
            if (deleted >= maxRows)
                break;
            const QString series = QStringLiteral(" account = ") + V::integer(k.first) + QStringLiteral(" AND resource = ")
                + V::text(k.second);
            if (!pgExec(q, QStringLiteral("DELETE FROM samples WHERE") + series
                               + QStringLiteral(" AND time IN (SELECT time FROM samples WHERE") + series
                               + QStringLiteral(" AND time < ") + V::integer(cutoff) + QStringLiteral(" ORDER BY time LIMIT ")
                               + QString::number(maxRows - deleted) + u')'))
                return -1;
            deleted += q.numRowsAffected();
        }
        if (!tx.commit())
            return -1;
        return deleted;
    });
}

void PgHistoryStore::setWarningFraction(double fraction)
{
    QMutexLocker lock(&d->stateMutex);
    d->warningFraction = std::clamp(fraction, 0.0, 1.0);
}

double PgHistoryStore::warningFraction() const
{
    QMutexLocker lock(&d->stateMutex);
    return d->warningFraction;
}

void PgHistoryStore::setAccountWarningFractions(const QHash<QString, double> &fractions)
{
    QHash<QString, double> clamped;
    for (auto it = fractions.cbegin(); it != fractions.cend(); ++it)
        clamped.insert(it.key(), std::clamp(it.value(), 0.0, 1.0));
    QMutexLocker lock(&d->stateMutex);
    d->accountFractions = clamped;
}

QSqlDatabase PgHistoryStore::threadConnection(QString *error) const
{
    if (!isOpen()) {
        if (error)
            *error = tr("The history is not open.");
        return {};
    }
    QSqlDatabase db = d->pool.database();
    if (!db.isOpen()) {
        if (error)
            *error = d->scrub(db.lastError().text());
        return {};
    }
    return db;
}
