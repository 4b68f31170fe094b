#include "sqlitequeries.h"

#include "historyschema.h"
#include "sqlitevalues.h"

#include <QPointF>
#include <QSqlQuery>
#include <QVariant>

#include <algorithm>
#include <limits>

using namespace SqliteValues;
using HistorySchema::kBlockMs;

namespace {

// Chart ranges longer than this are read from hourly rollups.
constexpr qint64 kRawSeriesMaxMs = 2 * HistorySchema::kDayMs;

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

} // namespace

namespace SqliteQueries {

std::optional<Sample> lastSample(const QSqlDatabase &db, const QString &accountId, const QString &resource)
{
    QSqlQuery q(db);
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT s.time, s.lim, s.remaining, s.used, s.reset_at, s.status, s.cost FROM samples s "
              "JOIN accounts a ON a.key = s.account WHERE a.id = ? AND s.resource = ? ORDER BY s.time DESC LIMIT 1"));
    q.addBindValue(accountId);
    q.addBindValue(nonNull(resource)); // an unnamed resource is stored as "", never NULL
    if (!q.exec() || !q.next())
        return std::nullopt;
    return sampleFromQuery(q, accountId, resource);
}

QList<Sample> samples(const QSqlDatabase &db, const QString &accountId, const QString &resource, const QDateTime &from,
    const QDateTime &to)
{
    QList<Sample> out;
    QSqlQuery q(db);
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT s.time, s.lim, s.remaining, s.used, s.reset_at, s.status, s.cost FROM samples s "
              "WHERE s.account = (SELECT key FROM accounts WHERE id = ?) AND s.resource = ? AND s.time >= ? "
              "AND s.time < ? ORDER BY s.time"));
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

QStringList resources(const QSqlDatabase &db, const QString &accountId)
{
    QStringList out;
    QSqlQuery q(db);
    q.setForwardOnly(true);
    // Rollups list every resource ever seen. A DISTINCT still reads an account's every hour (8 760
    // rows a year); hopping from one resource to the next on the primary key reads one row each.
    q.prepare(QStringLiteral("WITH RECURSIVE k(key) AS (SELECT key FROM accounts WHERE id = ?), "
              "r(res) AS (SELECT (SELECT min(resource) FROM rollups WHERE account = (SELECT key FROM k) "
              "AND resource > '') UNION ALL SELECT (SELECT min(resource) FROM rollups "
              "WHERE account = (SELECT key FROM k) AND resource > r.res) FROM r WHERE res IS NOT NULL) "
              "SELECT res FROM r WHERE res IS NOT NULL"));
    q.addBindValue(accountId);
    if (q.exec()) {
        while (q.next())
            out << q.value(0).toString();
    }
    // An unnamed quota (Buildkite's) is stored under ''. Rollups also keep header-less 429s
    // there, so only a stored sample says the account has such a quota.
    QSqlQuery unnamed(db);
    unnamed.prepare(QStringLiteral("SELECT 1 FROM samples WHERE account = (SELECT key FROM accounts WHERE id = ?) "
                    "AND resource = '' LIMIT 1"));
    unnamed.addBindValue(accountId);
    if (unnamed.exec() && unnamed.next())
        out.prepend(QString(QStringLiteral("")));
    return out;
}

QList<Event> events(
    const QSqlDatabase &db, const QDateTime &from, const QDateTime &to, const QStringList &accountIds, int limit)
{
    QList<Event> out;
    QString sql = QStringLiteral("SELECT e.id, a.id, e.time, e.kind, e.status, e.retry_after, e.detail FROM events e "
                  "JOIN accounts a ON a.key = e.account WHERE e.time >= ? AND e.time < ?");
    if (!accountIds.isEmpty()) {
        QStringList marks;
        for (qsizetype i = 0; i < accountIds.size(); ++i)
            marks << QStringLiteral("?");
        sql += QStringLiteral(" AND a.id IN (") + marks.join(u',') + u')';
    }
    // Newest first, so a limit keeps the most recent.
    sql += QStringLiteral(" ORDER BY e.time DESC, e.id DESC");
    if (limit >= 0)
        sql += QStringLiteral(" LIMIT ") + QString::number(limit);
    QSqlQuery q(db);
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

ChartSeries series(const QSqlDatabase &db, const QString &accountId, const QString &resource, const QDateTime &from,
    const QDateTime &to, int pixelWidth)
{
    ChartSeries out;
    if (!from.isValid() || !to.isValid() || to <= from || pixelWidth <= 0)
        return out;
    const qint64 f = from.toMSecsSinceEpoch();
    const qint64 t = to.toMSecsSinceEpoch();
    const qint64 width = std::max<qint64>(1, (t - f + pixelWidth - 1) / pixelWidth);
    out.fromRollups = (t - f) > kRawSeriesMaxMs;

    qint64 key = -1;
    {
        QSqlQuery q(db);
        q.prepare(QStringLiteral("SELECT key FROM accounts WHERE id = ?"));
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
    const QString table = !out.fromRollups ? QStringLiteral("samples") : blocks ? QStringLiteral("rollups6h") : QStringLiteral("rollups");
    const QString timeCol = !out.fromRollups ? QStringLiteral("time") : blocks ? QStringLiteral("block") : QStringLiteral("hour");
    const QString minCol = out.fromRollups ? QStringLiteral("min_remaining") : QStringLiteral("remaining");
    const QString maxCol = out.fromRollups ? QStringLiteral("max_remaining") : QStringLiteral("remaining");
    const QString limCol = out.fromRollups ? QStringLiteral("last_limit") : QStringLiteral("lim");
    const QString where = QStringLiteral(" FROM ") + table + QStringLiteral(" WHERE account = ? AND resource = ? AND ") + timeCol
        + QStringLiteral(" >= ? AND ") + timeCol + QStringLiteral(" < ?") + (out.fromRollups ? QStringLiteral(" AND samples > 0") : QString())
        + QStringLiteral(" GROUP BY b ORDER BY b");
    struct Pick
    {
        qint64 x;
        std::optional<double> y;
        std::optional<double> limit;
    };
    auto runPick = [&](const QString &aggregate, const QString &col, QList<Pick> &picks) {
        QSqlQuery q(db);
        q.setForwardOnly(true);
        q.prepare(QStringLiteral("SELECT (") + timeCol + QStringLiteral(" - ?) / ? AS b, ") + timeCol + QStringLiteral(", ") + aggregate + u'(' + col
            + QStringLiteral("), ") + limCol + where);
        q.addBindValue(f);
        q.addBindValue(width);
        q.addBindValue(key);
        q.addBindValue(nonNull(resource)); // an unnamed resource is stored as "", never NULL
        q.addBindValue(f);
        q.addBindValue(t);
        if (!q.exec())
            return;
        while (q.next()) {
            Pick p { q.value(1).toLongLong(), std::nullopt, std::nullopt };
            if (!q.value(2).isNull())
                p.y = q.value(2).toDouble();
            if (!q.value(3).isNull())
                p.limit = q.value(3).toDouble();
            picks.append(p);
        }
    };
    QList<Pick> mins, maxs;
    runPick(QStringLiteral("min"), minCol, mins);
    runPick(QStringLiteral("max"), maxCol, maxs);
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
        q.prepare(QStringLiteral("SELECT DISTINCT reset_at FROM samples WHERE account = ? AND resource = ? AND time >= ? "
                  "AND time < ? AND reset_at IS NOT NULL AND reset_at >= ? AND reset_at < ? ORDER BY reset_at"));
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
        q.prepare(QStringLiteral("SELECT reset_at FROM samples WHERE account = ? AND resource = ? AND time >= ? AND time < ? "
                  "ORDER BY time LIMIT 1"));
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
        q.prepare(QStringLiteral("SELECT time FROM events WHERE account = ? AND kind = 'throttled' AND time >= ? AND time < ? "
                  "ORDER BY time"));
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

QList<HistoryBackend::AccountInfo> accounts(const QSqlDatabase &db)
{
    QList<HistoryBackend::AccountInfo> out;
    QSqlQuery q(db);
    q.setForwardOnly(true);
    if (q.exec(QStringLiteral("SELECT key, id, name, provider FROM accounts ORDER BY key"))) {
        while (q.next())
            out.append(
                { q.value(0).toLongLong(), q.value(1).toString(), q.value(2).toString(), q.value(3).toString() });
    }
    return out;
}

} // namespace SqliteQueries
