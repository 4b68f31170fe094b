#include "pgteamaccounts.h"

#include "pgconnections.h"

#include <QSqlQuery>
#include <QUuid>
#include <QVariant>

#include <atomic>

namespace V = PgValues;

namespace {

std::atomic<quint64> g_teamCounter{0};

const QString kServerNow = V::serverNowMs();

} // namespace

struct PgTeamAccounts::Private
{
    Private()
        : pool(QStringLiteral("headroom-team-") + QString::number(++g_teamCounter) + u'-'
               + QUuid::createUuid().toString(QUuid::Id128).left(8))
    {
    }

    PgConnections pool;
    bool open = false;

    bool run(const std::function<bool(const QSqlDatabase &, QString *)> &fn, QString *error)
    {
        if (!open) {
            if (error)
                *error = PgTeamAccounts::tr("The team's accounts are not open.");
            return false;
        }
        QString why;
        if (pool.run(fn, &why))
            return true;
        if (error)
            *error = PgTeamAccounts::tr("The team's accounts in %1: %2")
                         .arg(pool.target().redacted, pool.target().scrub(why).simplified());
        return false;
    }

    bool exec(const QString &sql, QString *error)
    {
        return run(
            [&](const QSqlDatabase &db, QString *why) {
                QSqlQuery q(db);
                return pgExec(q, sql, why);
            },
            error);
    }
};

PgTeamAccounts::PgTeamAccounts(QObject *parent)
    : QObject(parent)
    , d(std::make_unique<Private>())
{
}

PgTeamAccounts::~PgTeamAccounts()
{
    close();
}

bool PgTeamAccounts::open(const QString &location, QString *error)
{
    close();
    QString why;
    if (!d->pool.openMigrated(location, &why)) {
        // A location that did not parse is not repeated: it may hold a password.
        const QString where = d->pool.target().redacted;
        if (error)
            *error = where.isEmpty() ? why : tr("Cannot open the team's accounts in %1: %2").arg(where, why);
        return false;
    }
    d->open = true;
    return true;
}

void PgTeamAccounts::close()
{
    d->pool.closeAll();
    d->open = false;
}

bool PgTeamAccounts::isOpen() const
{
    return d->open;
}

std::optional<QList<PgTeamAccounts::Entry>> PgTeamAccounts::list(QString *error)
{
    QList<Entry> out;
    const bool ok = d->run(
        [&](const QSqlDatabase &db, QString *why) {
            out.clear();
            QSqlQuery q(db);
            if (!pgExec(q,
                        QStringLiteral("SELECT id, definition, removed, updated_at, updated_by FROM team_accounts "
                                       "ORDER BY id"),
                        why))
                return false;
            while (q.next())
                out.append(Entry{q.value(0).toString(), q.value(1).toString().toUtf8(), q.value(2).toBool(),
                                 q.value(3).toLongLong(), q.value(4).toString()});
            return true;
        },
        error);
    if (!ok)
        return std::nullopt;
    return out;
}

bool PgTeamAccounts::publish(const QList<std::pair<QString, QByteArray>> &definitions, const QString &by,
                             QString *error)
{
    if (definitions.isEmpty())
        return true;
    QStringList ids;
    QStringList texts;
    for (const auto &[id, definition] : definitions) {
        ids << id;
        texts << QString::fromUtf8(definition);
    }
    // One statement, so one short transaction of its own; an unchanged row keeps who wrote it.
    const QString sql = QStringLiteral("INSERT INTO team_accounts AS t(id, definition, removed, updated_at, updated_by) "
                                       "SELECT id, definition, false, ")
        + kServerNow + QStringLiteral(", ") + V::text(by) + QStringLiteral(" FROM unnest(") + V::textArray(ids)
        + QStringLiteral(", ") + V::textArray(texts)
        + QStringLiteral(") AS d(id, definition) ON CONFLICT (id) DO UPDATE SET definition = EXCLUDED.definition, "
                         "removed = false, updated_at = EXCLUDED.updated_at, updated_by = EXCLUDED.updated_by "
                         "WHERE t.definition <> EXCLUDED.definition OR t.removed");
    return d->exec(sql, error);
}

bool PgTeamAccounts::remove(const QStringList &ids, const QString &by, QString *error)
{
    if (ids.isEmpty())
        return true;
    const QString sql = QStringLiteral("UPDATE team_accounts SET removed = true, updated_at = ") + kServerNow
        + QStringLiteral(", updated_by = ") + V::text(by) + QStringLiteral(" WHERE NOT removed AND id = ANY(")
        + V::textArray(ids) + u')';
    return d->exec(sql, error);
}
