#include "pgleases.h"

#include "pgconnections.h"
#include "pgschema.h"

#include <QSqlQuery>
#include <QUuid>
#include <QVariant>

#include <algorithm>
#include <atomic>

namespace V = PgValues;

namespace {

std::atomic<quint64> g_leasesCounter{0};

const QString kServerNow = V::serverNowMs();

QString textArray(QStringList ids)
{
    // One order for every caller: two holders taking overlapping sets lock rows in the same
    // order and cannot deadlock.
    std::sort(ids.begin(), ids.end());
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
    return V::textArray(ids);
}

std::optional<qint64> optInt64(const QVariant &v)
{
    return v.isNull() ? std::nullopt : std::optional<qint64>(v.toLongLong());
}

} // namespace

struct PgLeases::Private
{
    Private()
        : pool(QStringLiteral("headroom-leases-") + QString::number(++g_leasesCounter) + u'-'
               + QUuid::createUuid().toString(QUuid::Id128).left(8))
    {
    }

    PgConnections pool;
    bool open = false;
    QString location;

    QString scrub(const QString &text) const { return pool.target().scrub(text).simplified(); }

    // Runs `fn` on the connection; once more on a new connection when the old one turned out to
    // be lost (the server restarted since the last call). False with *error otherwise.
    template<typename Fn> bool run(Fn fn, QString *error)
    {
        if (!open) {
            if (error)
                *error = PgLeases::tr("The lease database is not open.");
            return false;
        }
        QString why;
        if (pool.run(fn, &why))
            return true;
        if (error)
            *error = PgLeases::tr("Leases in %1: %2").arg(location, scrub(why));
        return false;
    }
};

PgLeases::PgLeases(QObject *parent)
    : QObject(parent)
    , d(std::make_unique<Private>())
{
}

PgLeases::~PgLeases()
{
    close();
}

bool PgLeases::open(const QString &location, QString *error)
{
    close();
    // A renewal that hangs on a half-open connection would hold leases the holder can no longer
    // prove it has: openMigrated() bounds it.
    QString why;
    if (!d->pool.openMigrated(location, &why)) {
        // A location that did not parse is not repeated: it may hold a password.
        const QString where = d->pool.target().redacted;
        if (error)
            *error = where.isEmpty() ? why : tr("Cannot open the lease database %1: %2").arg(where, why);
        return false;
    }
    d->open = true;
    d->location = d->pool.target().redacted;
    return true;
}

void PgLeases::close()
{
    d->pool.closeAll();
    d->open = false;
}

bool PgLeases::isOpen() const
{
    return d->open;
}

QString PgLeases::location() const
{
    return d->location;
}

PgLeases::Acquired PgLeases::acquire(const QStringList &accountIds, const QString &holder, qint64 leaseMs)
{
    Acquired out;
    if (accountIds.isEmpty()) {
        out.ok = d->open;
        if (!out.ok)
            out.error = tr("The lease database is not open.");
        return out;
    }
    const QString lease = V::integer(std::max<qint64>(1, leaseMs));
    const QString me = V::text(holder);
    // One statement, so its own short transaction. A row is taken when it is new, this
    // holder's, or expired by the server's clock (EXCLUDED.expires_at - lease is that clock's
    // now); ON CONFLICT locks each conflicting row and re-checks the condition on its newest
    // version, so of several holders racing for an expired lease exactly one gets it. The
    // not-before instant is left as it is: a successor inherits the wait. The last part reads the
    // statement's snapshot (before the insert): when the next lease of another holder expires.
    const QString sql =
        QStringLiteral("WITH ids AS (SELECT unnest(") + textArray(accountIds)
        + QStringLiteral(") AS account), clock AS MATERIALIZED (SELECT ") + kServerNow
        + QStringLiteral(" AS ms), taken AS (INSERT INTO leases AS l(account, holder, expires_at) "
                         "SELECT ids.account, ")
        + me + QStringLiteral(", clock.ms + ") + lease
        + QStringLiteral(" FROM ids, clock ORDER BY ids.account "
                         "ON CONFLICT (account) DO UPDATE SET holder = EXCLUDED.holder, expires_at = EXCLUDED.expires_at "
                         "WHERE l.holder = EXCLUDED.holder OR l.expires_at < EXCLUDED.expires_at - ")
        + lease
        + QStringLiteral(" RETURNING l.account, l.not_before) "
                         "SELECT account, not_before, (SELECT ms FROM clock), NULL::bigint FROM taken "
                         "UNION ALL SELECT NULL, NULL, (SELECT ms FROM clock), min(expires_at) FROM leases "
                         "WHERE account IN (SELECT account FROM ids) AND holder <> ")
        + me + QStringLiteral(" AND expires_at >= (SELECT ms FROM clock)");
    const bool ok = d->run(
        [&](const QSqlDatabase &db, QString *why) {
            out.held.clear();
            QSqlQuery q(db);
            if (!pgExec(q, sql, why))
                return false;
            while (q.next()) {
                out.serverNowMs = q.value(2).toLongLong();
                if (q.value(0).isNull())
                    out.nextExpiryMs = optInt64(q.value(3));
                else
                    out.held.insert(q.value(0).toString(), optInt64(q.value(1)));
            }
            return true;
        },
        &out.error);
    out.ok = ok;
    if (!ok)
        out.held.clear();
    return out;
}

bool PgLeases::release(const QStringList &accountIds, const QString &holder, QString *error)
{
    if (accountIds.isEmpty())
        return true;
    // Expired rather than deleted: the not-before instant must outlive its holder.
    const QString sql = QStringLiteral("UPDATE leases SET expires_at = 0 WHERE holder = ") + V::text(holder)
        + QStringLiteral(" AND account = ANY(") + textArray(accountIds) + u')';
    return d->run(
        [&](const QSqlDatabase &db, QString *why) {
            QSqlQuery q(db);
            return pgExec(q, sql, why);
        },
        error);
}

bool PgLeases::setNotBefore(const QString &accountId, const QString &holder, std::optional<qint64> epochMs,
                            QString *error)
{
    const QString sql = QStringLiteral("UPDATE leases SET not_before = ") + V::opt(epochMs)
        + QStringLiteral(" WHERE account = ") + V::text(accountId) + QStringLiteral(" AND holder = ") + V::text(holder);
    bool updated = false;
    const bool ok = d->run(
        [&](const QSqlDatabase &db, QString *why) {
            QSqlQuery q(db);
            if (!pgExec(q, sql, why))
                return false;
            updated = q.numRowsAffected() > 0;
            return true;
        },
        error);
    return ok && updated;
}

bool PgLeases::setNotBeforeIn(const QString &accountId, const QString &holder, qint64 delayMs, QString *error)
{
    const QString sql = QStringLiteral("UPDATE leases SET not_before = ") + kServerNow + QStringLiteral(" + ")
        + V::integer(delayMs) + QStringLiteral(" WHERE account = ") + V::text(accountId)
        + QStringLiteral(" AND holder = ") + V::text(holder);
    bool updated = false;
    const bool ok = d->run(
        [&](const QSqlDatabase &db, QString *why) {
            QSqlQuery q(db);
            if (!pgExec(q, sql, why))
                return false;
            updated = q.numRowsAffected() > 0;
            return true;
        },
        error);
    return ok && updated;
}

QHash<QString, PgLeases::Lease> PgLeases::holders(qint64 *serverNowMs, QString *error)
{
    QHash<QString, Lease> out;
    qint64 now = 0;
    d->run(
        [&](const QSqlDatabase &db, QString *why) {
            out.clear();
            QSqlQuery q(db);
            if (!pgExec(q,
                        QStringLiteral("SELECT account, holder, expires_at, not_before, ") + kServerNow
                            + QStringLiteral(" FROM leases"),
                        why))
                return false;
            while (q.next()) {
                out.insert(q.value(0).toString(),
                           Lease{q.value(1).toString(), q.value(2).toLongLong(), optInt64(q.value(3))});
                now = q.value(4).toLongLong();
            }
            if (now == 0) {
                // No rows: the clock on its own.
                if (!pgExec(q, QStringLiteral("SELECT ") + kServerNow, why) || !q.next())
                    return false;
                now = q.value(0).toLongLong();
            }
            return true;
        },
        error);
    if (serverNowMs)
        *serverNowMs = now;
    return out;
}
