#include "csvexporter.h"

#include "csvwriter.h"
#include "historycursor.h"
#include "history/historybackend.h"

#include <QCoreApplication>
#include <QFile>
#include <QHash>
#include <QMap>
#include <QSet>
#include <QSaveFile>
#include <QTimeZone>

#include <algorithm>
#include <cmath>
#include <vector>
#include <limits>


namespace {

// CsvExporter is no QObject: its strings take their context from this class.
class CsvExporterText
{
    Q_DECLARE_TR_FUNCTIONS(CsvExporter)
};

void intOrEmpty(CsvWriter &w, const HistoryCursor &c, int col)
{
    if (c.isNull(col))
        w.empty();
    else
        w.number(c.integer(col));
}

std::optional<qint64> optionalInt(const HistoryCursor &c, int col)
{
    if (c.isNull(col))
        return std::nullopt;
    return c.integer(col);
}

struct AccountCells
{
    QByteArray name;
    QByteArray provider;
};

constexpr qint64 kHourMs = 3600 * 1000;

qint64 floorToHour(qint64 t)
{
    return t - (t % kHourMs + kHourMs) % kHourMs;
}

// An open bound stays open.
qint64 ceilToHour(qint64 t)
{
    if (t == std::numeric_limits<qint64>::min() || t == std::numeric_limits<qint64>::max())
        return t;
    const qint64 h = floorToHour(t);
    return h == t ? t : h + kHourMs;
}

struct PeriodSpan
{
    qint64 start = 0;
    qint64 end = 0;
};

PeriodSpan periodOf(qint64 t, CsvExporter::Period period)
{
    if (period == CsvExporter::Period::Hour) {
        const qint64 h = floorToHour(t);
        return {h, h + kHourMs};
    }
    const QDate day = QDateTime::fromMSecsSinceEpoch(t, Qt::LocalTime).date();
    return {day.startOfDay(Qt::LocalTime).toMSecsSinceEpoch(), day.addDays(1).startOfDay(Qt::LocalTime).toMSecsSinceEpoch()};
}

// How many of the sorted times lie in [from, to).
qint64 countIn(const QList<qint64> &sorted, qint64 from, qint64 to)
{
    const auto a = std::lower_bound(sorted.cbegin(), sorted.cend(), from);
    const auto b = std::lower_bound(a, sorted.cend(), to);
    return qint64(b - a);
}

// Account key -> the times of its Throttled events in [from, to), sorted: the events the event
// log lists and the chart marks, one per refused probe.
// " AND account IN (?,...)" for the keys with their binds; nothing for no keys (every account).
QByteArray accountFilter(const QList<qint64> &keys, QList<HistoryBind> *binds)
{
    if (keys.isEmpty())
        return {};
    QByteArray filter = " AND account IN (";
    for (qsizetype i = 0; i < keys.size(); ++i) {
        filter += (i ? ",?" : "?");
        binds->append(keys.at(i));
    }
    return filter + ')';
}

std::optional<QHash<qint64, QList<qint64>>> throttleTimes(HistoryCursors &reader, qint64 from, qint64 to,
                                                          const QList<qint64> &keys, QString *error)
{
    QList<HistoryBind> binds{from, to};
    const QByteArray sql = "SELECT account, time FROM events WHERE kind = 'throttled' AND time >= ? AND time < ?"
        + accountFilter(keys, &binds) + " ORDER BY account, time";
    const std::unique_ptr<HistoryCursor> c = reader.query(sql, binds, error);
    if (!c)
        return std::nullopt;
    QHash<qint64, QList<qint64>> out;
    while (c->next())
        out[c->integer(0)].append(c->integer(1));
    if (c->failed()) {
        *error = c->error();
        return std::nullopt;
    }
    return out;
}

// One pool's resource over the report's hours, read from its members' raw samples in time
// order. The pool's level at an instant is the sum over its distinct buckets of each bucket's
// latest reading (the freshest of the members drawing from it), as the live pool reading forms
// it; it is known only when every bucket's reading still stands (kPoolReadingStandsMs, and not
// past the reading's reset) and holds the figure. Instants where it is not known count for
// nothing: no sum that leaves a bucket out, no figure carried across a reset.
struct PoolPeriod
{
    qint64 end = 0;
    qint64 samples = 0;
    qint64 cost = 0;
    qint64 belowMs = 0;
    bool levelKnown = false; // some instant of the period had the pool's sum
    QHash<int, qint64> lastLimit; // bucket -> its last limit in the period
    std::optional<qint64> minRemaining, maxUsed;
    std::optional<double> minPct;
};

struct BucketReading
{
    qint64 at = std::numeric_limits<qint64>::min();
    std::optional<qint64> limit, remaining, used, resetAt;
};

bool writePoolRows(HistoryCursors &reader, HistoryBackend *store, const CsvExporter::Options &options, const QList<qint64> &keys,
                   PeriodSpan covered, const QHash<qint64, AccountCells> &names, CsvWriter &w, const std::function<bool()> &tick,
                   QString *error)
{
    QHash<QString, qint64> keyOf;
    for (const HistoryBackend::AccountInfo &a : store->accounts())
        keyOf.insert(a.id, a.key);
    const double fraction = store->warningFraction();
    for (const ReportPool &pool : options.pools) {
        // The members the history knows; with an account filter, the pool when the filter names
        // it (pool:NAME) or all its members.
        const QString poolAccount = QStringLiteral("pool:%1").arg(pool.name);
        QList<qint64> memberKeys;
        bool included = keys.isEmpty() || options.accounts.contains(poolAccount);
        bool allMembers = true;
        for (const QString &id : pool.memberIds) {
            const auto it = keyOf.constFind(id);
            if (it == keyOf.cend() || !keys.contains(*it))
                allMembers = false;
            if (it != keyOf.cend())
                memberKeys.append(*it);
        }
        if (!(included || allMembers) || memberKeys.isEmpty())
            continue;
        const auto throttles = throttleTimes(reader, covered.start, covered.end, memberKeys, error);
        if (!throttles)
            return false;
        QByteArray provider = CsvWriter::escape(pool.provider.toUtf8());
        if (pool.provider.isEmpty())
            provider = names.value(memberKeys.first()).provider;
        const QByteArray account = CsvWriter::escape(poolAccount.toUtf8());

        QStringList resources;
        for (const QString &id : pool.memberIds) {
            for (const QString &r : store->resources(id)) {
                if (!resources.contains(r))
                    resources.append(r);
            }
        }
        std::sort(resources.begin(), resources.end());
        for (const QString &resource : std::as_const(resources)) {
            // member key -> bucket: one per shared group, one per other member holding the resource
            QHash<qint64, int> bucketOf;
            int buckets = 0;
            const QList<QStringList> groups = pool.sharedByResource.value(resource);
            for (const QString &id : pool.memberIds) {
                const auto key = keyOf.constFind(id);
                if (key == keyOf.cend() || !store->resources(id).contains(resource))
                    continue;
                int bucket = -1;
                for (const QStringList &g : groups) {
                    if (!g.contains(id))
                        continue;
                    for (const QString &other : g) {
                        const auto otherKey = keyOf.constFind(other);
                        if (otherKey != keyOf.cend() && bucketOf.contains(*otherKey))
                            bucket = bucketOf.value(*otherKey);
                    }
                    break;
                }
                bucketOf.insert(*key, bucket >= 0 ? bucket : buckets++);
            }
            if (bucketOf.isEmpty())
                continue;

            // One cursor per member, each in time order on the samples index, merged here: no
            // sort of the whole range, memory stays one row per member.
            const QByteArray sql = "SELECT account, time, lim, remaining, used, reset_at, cost FROM samples "
                                   "WHERE account = ? AND resource = ? AND time >= ? AND time < ? ORDER BY time";
            const QByteArray resourceUtf8 = resource.toUtf8();
            QList<qint64> sampled = bucketOf.keys();
            std::sort(sampled.begin(), sampled.end());
            std::vector<std::unique_ptr<HistoryCursor>> cursors;
            QList<bool> hasRow;
            for (qint64 k : std::as_const(sampled)) {
                cursors.push_back(reader.query(sql, {k, resourceUtf8, covered.start, covered.end}, error));
                if (!cursors.back())
                    return false;
                hasRow.append(false);
            }
            // Steps cursor i; false on a read error.
            auto advance = [&](qsizetype i) {
                HistoryCursor &c = *cursors[size_t(i)];
                hasRow[i] = c.next();
                if (c.failed())
                    *error = c.error();
                return !c.failed();
            };
            for (qsizetype i = 0; i < hasRow.size(); ++i) {
                if (!advance(i))
                    return false;
            }
            QMap<qint64, PoolPeriod> periods;
            auto periodAt = [&](qint64 t) -> PoolPeriod & {
                const PeriodSpan p = periodOf(t, options.period);
                PoolPeriod &pp = periods[p.start];
                pp.end = p.end;
                return pp;
            };
            // Time below warning, split at period ends.
            auto addBelow = [&](qint64 from, qint64 to) {
                for (qint64 t = from; t < to;) {
                    PoolPeriod &pp = periodAt(t);
                    const qint64 end = std::min(to, pp.end);
                    pp.belowMs += end - t;
                    t = end;
                }
            };
            QList<BucketReading> latest(buckets);
            std::optional<qint64> levelSince; // when the last known level was taken
            bool levelBelow = false;
            qint64 rows = 0;
            for (;;) {
                // The earliest row of any member (ties to the member first in key order).
                qsizetype next = -1;
                for (qsizetype i = 0; i < hasRow.size(); ++i) {
                    if (hasRow[i] && (next < 0 || cursors[size_t(i)]->integer(1) < cursors[size_t(next)]->integer(1)))
                        next = i;
                }
                if (next < 0)
                    break;
                if ((++rows & 4095) == 0 && !tick())
                    return false;
                const HistoryCursor &current = *cursors[size_t(next)];
                const qint64 member = current.integer(0);
                const qint64 t = current.integer(1);
                BucketReading r;
                r.at = t;
                r.limit = optionalInt(current, 2);
                r.remaining = optionalInt(current, 3);
                r.used = optionalInt(current, 4);
                r.resetAt = optionalInt(current, 5);
                const qint64 cost = current.integer(6);
                if (!advance(next))
                    return false;
                PoolPeriod &pp = periodAt(t);
                ++pp.samples;
                pp.cost += cost;
                const int bucket = bucketOf.value(member);
                if (r.limit)
                    pp.lastLimit.insert(bucket, *r.limit);
                if (t >= latest.at(bucket).at)
                    latest[bucket] = r;

                // The pool's level now.
                std::optional<qint64> sumRemaining = 0, sumLimit = 0, sumUsed = 0;
                for (const BucketReading &b : std::as_const(latest)) {
                    const bool stands = b.at != std::numeric_limits<qint64>::min()
                        && t - b.at <= CsvExporter::kPoolReadingStandsMs && (!b.resetAt || t < *b.resetAt);
                    if (!stands || !b.remaining || !b.limit) {
                        sumRemaining.reset();
                        break;
                    }
                    *sumRemaining += *b.remaining;
                    *sumLimit += *b.limit;
                    const std::optional<qint64> used = b.used ? b.used : std::optional<qint64>(*b.limit - *b.remaining);
                    if (sumUsed && used)
                        *sumUsed += *used;
                    else
                        sumUsed.reset();
                }
                if (levelSince && levelBelow)
                    addBelow(*levelSince, std::min(t, *levelSince + CsvExporter::kPoolReadingStandsMs));
                if (!sumRemaining) {
                    levelSince.reset();
                    continue;
                }
                levelSince = t;
                levelBelow = *sumLimit > 0 && double(*sumRemaining) < fraction * double(*sumLimit);
                pp.levelKnown = true;
                if (!pp.minRemaining || *sumRemaining < *pp.minRemaining)
                    pp.minRemaining = sumRemaining;
                if (*sumLimit > 0) {
                    const double pct = 100.0 * double(*sumRemaining) / double(*sumLimit);
                    if (!pp.minPct || pct < *pp.minPct)
                        pp.minPct = pct;
                }
                if (sumUsed && (!pp.maxUsed || *sumUsed > *pp.maxUsed))
                    pp.maxUsed = sumUsed;
            }
            // The members' throttles, each once, also in periods without a reading.
            QList<qint64> throttled;
            for (qint64 k : sampled)
                throttled += throttles->value(k);
            std::sort(throttled.begin(), throttled.end());
            for (qint64 t : std::as_const(throttled))
                periodAt(t);

            const QByteArray resourceCell = CsvWriter::escape(resourceUtf8);
            for (auto it = periods.cbegin(); it != periods.cend(); ++it) {
                const PoolPeriod &pp = *it;
                std::optional<qint64> limit;
                if (pp.lastLimit.size() == buckets) {
                    limit = 0;
                    for (qint64 l : pp.lastLimit)
                        *limit += l;
                }
                w.time(it.key());
                w.time(pp.end);
                w.escaped(account);
                w.escaped(provider);
                w.escaped(resourceCell);
                w.number(pp.samples);
                limit ? w.number(*limit) : w.empty();
                pp.minRemaining ? w.number(*pp.minRemaining) : w.empty();
                pp.minPct ? w.number(*pp.minPct, 2) : w.empty();
                pp.maxUsed ? w.number(*pp.maxUsed) : w.empty();
                w.number(countIn(throttled, it.key(), pp.end));
                pp.levelKnown || pp.belowMs > 0 ? w.number(qint64(std::llround(double(pp.belowMs) / 60000.0)))
                                                : w.empty();
                pp.samples > 0 ? w.number(pp.cost) : w.empty();
                w.endRow();
                if (!tick())
                    return false;
            }
        }
    }
    return true;
}

} // namespace

CsvExporter::CsvExporter(HistoryBackend *store)
    : m_store(store)
{
}

void CsvExporter::setProgressCallback(std::function<void(qint64)> callback)
{
    m_progress = std::move(callback);
}

void CsvExporter::cancel()
{
    m_cancel.store(true);
}

bool CsvExporter::isCancelled() const
{
    return m_cancel.load();
}

QByteArray CsvExporter::header(Kind kind)
{
    switch (kind) {
    case Kind::Samples:
        return "time_utc,account,provider,resource,limit,remaining,used,reset_at_utc,status,cost\r\n";
    case Kind::Events:
        return "time_utc,account,provider,kind,status,retry_after_s,detail\r\n";
    case Kind::Summary:
        return "period_start_utc,period_end_utc,account,provider,resource,samples,limit,min_remaining,"
               "min_remaining_pct,max_used,throttled_count,minutes_below_warning,monitor_cost\r\n";
    }
    return {};
}

std::optional<CsvExporter::Kind> CsvExporter::kindFromId(const QString &id)
{
    if (id == QStringLiteral("samples"))
        return Kind::Samples;
    if (id == QStringLiteral("events"))
        return Kind::Events;
    if (id == QStringLiteral("summary"))
        return Kind::Summary;
    return std::nullopt;
}

std::optional<CsvExporter::Period> CsvExporter::periodFromId(const QString &id)
{
    if (id == QStringLiteral("hour"))
        return Period::Hour;
    if (id == QStringLiteral("day"))
        return Period::Day;
    return std::nullopt;
}

std::optional<QDateTime> CsvExporter::parseInstant(const QString &text)
{
    const QString t = text.trimmed();
    if (t.size() == 10) {
        const QDate date = QDate::fromString(t, Qt::ISODate);
        if (!date.isValid())
            return std::nullopt;
        return date.startOfDay(Qt::LocalTime).toUTC();
    }
    const QDateTime dt = QDateTime::fromString(t, Qt::ISODateWithMs);
    if (!dt.isValid() || !t.contains(u'T'))
        return std::nullopt;
    return dt.toUTC();
}

QStringList CsvExporter::unknownAccounts(const QStringList &accounts, const QList<ReportPool> &pools) const
{
    const QList<HistoryBackend::AccountInfo> known = m_store->accounts();
    QStringList unknown;
    for (const QString &name : accounts) {
        if (std::any_of(pools.cbegin(), pools.cend(),
                        [&](const ReportPool &p) { return name == QStringLiteral("pool:") + p.name; }))
            continue;
        const bool found = std::any_of(known.cbegin(), known.cend(), [&](const HistoryBackend::AccountInfo &a) {
            return a.name == name || a.id == name;
        });
        if (!found)
            unknown << name;
    }
    return unknown;
}

bool CsvExporter::tick()
{
    ++m_rows;
    if ((m_rows & 4095) == 0) {
        if (m_progress)
            m_progress(m_rows);
        return !m_cancel.load(std::memory_order_relaxed);
    }
    return true;
}

bool CsvExporter::write(const Options &options, QIODevice *out, QString *error)
{
    m_rows = 0;
    auto failWith = [&](const QString &message) {
        if (error)
            *error = message;
        return false;
    };
    QString readError;
    // Declared before every cursor, so it ends the read after them.
    const std::unique_ptr<HistoryCursors> reader = HistoryCursors::begin(m_store, &readError);
    if (!reader)
        return failWith(readError);

    // Names are few: escape each once.
    QHash<qint64, AccountCells> names;
    QList<qint64> keys;
    for (const HistoryBackend::AccountInfo &a : m_store->accounts()) {
        names.insert(a.key, {CsvWriter::escape(a.name.toUtf8()), CsvWriter::escape(a.provider.toUtf8())});
        if (options.accounts.contains(a.name) || options.accounts.contains(a.id))
            keys << a.key;
    }
    if (!options.accounts.isEmpty() && keys.isEmpty())
        keys << -1; // nothing matches: an empty report, not everything

    const qint64 from = options.from.isValid() ? options.from.toMSecsSinceEpoch() : std::numeric_limits<qint64>::min();
    const qint64 to = options.to.isValid() ? options.to.toMSecsSinceEpoch() : std::numeric_limits<qint64>::max();
    QList<HistoryBind> binds{from, to};
    const QByteArray filter = accountFilter(keys, &binds);
    const QByteArray resourceOrder = reader->byteOrder("resource");
    QByteArray sql;
    switch (options.kind) {
    case Kind::Samples:
        sql = "SELECT account, resource, time, lim, remaining, used, reset_at, status, cost FROM samples "
              "WHERE time >= ? AND time < ?"
              + filter + " ORDER BY account, " + resourceOrder + ", time";
        break;
    case Kind::Events:
        sql = "SELECT account, time, kind, status, retry_after, detail FROM events WHERE time >= ? AND time < ?"
              + filter + " ORDER BY time, id";
        break;
    case Kind::Summary:
        sql = "SELECT account, resource, hour, samples, last_limit, min_remaining, min_pct, max_used, throttled, "
              "below_ms, cost, last_time FROM rollups WHERE hour >= ? AND hour < ?"
              + filter + " ORDER BY account, " + resourceOrder + ", hour";
        break;
    }
    // The rollups cover whole hours: an hour is in the report when it starts in [from, to).
    // Throttles are counted over the same hours, from the events themselves.
    const qint64 coveredFrom = ceilToHour(from);
    const qint64 coveredTo = ceilToHour(to);
    std::optional<QHash<qint64, QList<qint64>>> throttles;
    if (options.kind == Kind::Summary) {
        throttles = throttleTimes(*reader, coveredFrom, coveredTo, keys, &readError);
        if (!throttles)
            return failWith(readError);
    }
    const std::unique_ptr<HistoryCursor> rows = reader->query(sql, binds, &readError);
    if (!rows)
        return failWith(readError);
    HistoryCursor &st = *rows;

    const QByteArray head = header(options.kind);
    if (out->write(head) != head.size())
        return failWith(CsvExporterText::tr("Cannot write the report: %1").arg(out->errorString()));

    CsvWriter w(out);
    const AccountCells unknownAccount;
    QHash<QByteArray, QByteArray> escapedText; // resources and kinds repeat endlessly
    auto cached = [&](QByteArrayView raw) -> const QByteArray & {
        auto it = escapedText.find(raw.toByteArray());
        if (it == escapedText.end())
            it = escapedText.insert(raw.toByteArray(), CsvWriter::escape(raw));
        return *it;
    };
    bool keepGoing = true;

    if (options.kind == Kind::Samples) {
        qint64 lastAccount = std::numeric_limits<qint64>::min();
        const AccountCells *acct = &unknownAccount;
        QByteArray lastResourceRaw, lastResource;
        while (keepGoing && st.next()) {
            const qint64 account = st.integer(0);
            if (account != lastAccount) {
                lastAccount = account;
                const auto it = names.constFind(account);
                acct = it == names.cend() ? &unknownAccount : &*it;
            }
            const QByteArrayView resource = st.text(1);
            if (resource != lastResourceRaw) {
                lastResourceRaw = resource.toByteArray();
                lastResource = CsvWriter::escape(resource);
            }
            w.time(st.integer(2));
            w.escaped(acct->name);
            w.escaped(acct->provider);
            w.escaped(lastResource);
            intOrEmpty(w, st, 3);
            intOrEmpty(w, st, 4);
            intOrEmpty(w, st, 5);
            if (st.isNull(6))
                w.empty();
            else
                w.time(st.integer(6));
            intOrEmpty(w, st, 7);
            w.number(st.integer(8));
            w.endRow();
            keepGoing = tick();
        }
    } else if (options.kind == Kind::Events) {
        while (keepGoing && st.next()) {
            const auto it = names.constFind(st.integer(0));
            const AccountCells &acct = it == names.cend() ? unknownAccount : *it;
            w.time(st.integer(1));
            w.escaped(acct.name);
            w.escaped(acct.provider);
            w.escaped(cached(st.text(2)));
            intOrEmpty(w, st, 3);
            if (st.isNull(4))
                w.empty();
            else
                w.number(st.real(4));
            w.text(st.text(5));
            w.endRow();
            keepGoing = tick();
        }
    } else {
        QList<qint64> throttledAccounts = throttles->keys();
        std::sort(throttledAccounts.begin(), throttledAccounts.end());
        qsizetype nextThrottled = 0; // the first of throttledAccounts not yet finished
        QSet<qint64> periodsWithRows; // of the account being written

        auto throttledIn = [&](qint64 account, qint64 start, qint64 end) {
            const auto it = throttles->constFind(account);
            return it == throttles->cend() ? qint64(0) : countIn(*it, start, end);
        };
        // An account's throttles in periods it has no row for (a refused probe that left no
        // reading): one account-wide row each, with the empty resource.
        auto finishAccount = [&](qint64 account) {
            const auto it = throttles->constFind(account);
            if (it != throttles->cend()) {
                const auto cell = names.constFind(account);
                const AccountCells &acct = cell == names.cend() ? unknownAccount : *cell;
                for (qsizetype i = 0; keepGoing && i < it->size();) {
                    const PeriodSpan p = periodOf(it->at(i), options.period);
                    const qint64 n = countIn(*it, p.start, p.end);
                    i += n;
                    if (periodsWithRows.contains(p.start))
                        continue;
                    w.time(p.start);
                    w.time(p.end);
                    w.escaped(acct.name);
                    w.escaped(acct.provider);
                    w.empty();
                    w.number(qint64(0));
                    for (int col = 0; col < 4; ++col)
                        w.empty();
                    w.number(n);
                    w.empty();
                    w.empty();
                    w.endRow();
                    keepGoing = tick();
                }
            }
            periodsWithRows.clear();
        };
        // Finishes every throttled account ordered before `account` (all of them for max).
        auto finishAccountsBefore = [&](qint64 account) {
            while (keepGoing && nextThrottled < throttledAccounts.size() && throttledAccounts.at(nextThrottled) < account)
                finishAccount(throttledAccounts.at(nextThrottled++));
        };

        // One pass over the hourly rollups in (account, resource, hour) order, folding
        // consecutive hours of the same local period: memory stays one row.
        struct Agg
        {
            qint64 account = 0;
            QByteArray resource;
            qint64 start = 0, end = 0;
            qint64 samples = 0, belowMs = 0, cost = 0;
            std::optional<qint64> limit, minRemaining, maxUsed;
            std::optional<double> minPct;
            qint64 lastTime = std::numeric_limits<qint64>::min();
            bool active = false;
        } agg;
        std::optional<qint64> currentAccount;
        auto flushAgg = [&] {
            if (!agg.active)
                return;
            // A row that only marks a throttled probe without a reading: its throttle is counted
            // from the events like every other.
            if (agg.samples == 0 && agg.belowMs == 0 && agg.cost == 0) {
                agg = Agg();
                return;
            }
            periodsWithRows.insert(agg.start);
            const auto it = names.constFind(agg.account);
            const AccountCells &acct = it == names.cend() ? unknownAccount : *it;
            w.time(agg.start);
            w.time(agg.end);
            w.escaped(acct.name);
            w.escaped(acct.provider);
            w.escaped(cached(agg.resource));
            w.number(agg.samples);
            agg.limit ? w.number(*agg.limit) : w.empty();
            agg.minRemaining ? w.number(*agg.minRemaining) : w.empty();
            agg.minPct ? w.number(*agg.minPct, 2) : w.empty();
            agg.maxUsed ? w.number(*agg.maxUsed) : w.empty();
            w.number(throttledIn(agg.account, agg.start, agg.end));
            w.number(qint64(std::llround(double(agg.belowMs) / 60000.0)));
            w.number(agg.cost);
            w.endRow();
            keepGoing = tick();
            agg = Agg();
        };
        PeriodSpan period{0, std::numeric_limits<qint64>::min()};
        while (keepGoing && st.next()) {
            const qint64 account = st.integer(0);
            const QByteArrayView resource = st.text(1);
            const qint64 hour = st.integer(2);
            if (hour < period.start || hour >= period.end)
                period = periodOf(hour, options.period);
            if (agg.active && (agg.account != account || agg.resource != resource || agg.start != period.start))
                flushAgg();
            if (keepGoing && currentAccount != account) {
                if (currentAccount) {
                    finishAccount(*currentAccount);
                    if (nextThrottled < throttledAccounts.size() && throttledAccounts.at(nextThrottled) == *currentAccount)
                        ++nextThrottled;
                }
                finishAccountsBefore(account);
                currentAccount = account;
            }
            if (!keepGoing)
                break;
            if (!agg.active) {
                agg.active = true;
                agg.account = account;
                agg.resource = resource.toByteArray();
                agg.start = period.start;
                agg.end = period.end;
            }
            const qint64 samples = st.integer(3);
            agg.samples += samples;
            const qint64 lastTime = st.integer(11);
            if (const auto lim = optionalInt(st, 4); lim && samples > 0 && lastTime >= agg.lastTime) {
                agg.lastTime = lastTime;
                agg.limit = lim;
            }
            if (const auto v = optionalInt(st, 5); v && (!agg.minRemaining || *v < *agg.minRemaining))
                agg.minRemaining = v;
            if (!st.isNull(6)) {
                const double pct = st.real(6);
                if (!agg.minPct || pct < *agg.minPct)
                    agg.minPct = pct;
            }
            if (const auto v = optionalInt(st, 7); v && (!agg.maxUsed || *v > *agg.maxUsed))
                agg.maxUsed = v;
            agg.belowMs += st.integer(9);
            agg.cost += st.integer(10);
        }
        if (keepGoing && !st.failed()) {
            flushAgg();
            if (keepGoing && currentAccount) {
                finishAccount(*currentAccount);
                if (nextThrottled < throttledAccounts.size() && throttledAccounts.at(nextThrottled) == *currentAccount)
                    ++nextThrottled;
            }
            finishAccountsBefore(std::numeric_limits<qint64>::max());
            if (keepGoing && nextThrottled < throttledAccounts.size()) // the key max itself
                finishAccount(throttledAccounts.at(nextThrottled++));
        }
        if (keepGoing && !st.failed() && !options.pools.isEmpty()) {
            QString poolError;
            keepGoing = writePoolRows(*reader, m_store, options, keys, {coveredFrom, coveredTo}, names, w,
                                      [this] { return tick(); }, &poolError);
            if (!keepGoing && !poolError.isEmpty())
                return failWith(poolError);
        }
    }
    if (!keepGoing)
        return failWith(CsvExporterText::tr("The export was cancelled."));
    if (st.failed())
        return failWith(st.error());
    if (!w.flush())
        return failWith(CsvExporterText::tr("Cannot write the report: %1").arg(out->errorString()));
    if (m_progress)
        m_progress(m_rows);
    return true;
}

bool CsvExporter::exportToFile(const Options &options, const QString &path, QString *error)
{
    if (path == QStringLiteral("-")) {
        QFile out;
        if (!out.open(stdout, QIODevice::WriteOnly)) {
            if (error)
                *error = CsvExporterText::tr("Cannot write to standard output.");
            return false;
        }
        const bool ok = write(options, &out, error);
        out.flush();
        return ok;
    }
    QSaveFile file(path);
    file.setDirectWriteFallback(false);
    if (!file.open(QIODevice::WriteOnly)) {
        if (error)
            *error = CsvExporterText::tr("Cannot write %1: %2").arg(path, file.errorString());
        return false;
    }
    if (!write(options, &file, error)) {
        file.cancelWriting();
        return false;
    }
    // Exports hold account names and usage: owner only, also when replacing a wider file.
    file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    if (!file.commit()) {
        if (error)
            *error = CsvExporterText::tr("Cannot write %1: %2").arg(path, file.errorString());
        return false;
    }
    return true;
}
