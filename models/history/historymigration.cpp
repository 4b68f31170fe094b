#include "historymigration.h"

#include "historyschema.h"
#include "pgconnections.h"
#include "pghistorystore.h"
#include "sqltransaction.h"

#include <QElapsedTimer>
#include <QFileInfo>
#include <QHash>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

#include <algorithm>
#include <cmath>

namespace V = PgValues;

namespace {

// Namespace of the events' uids; any fixed value will do, it only has to stay the same.
const QUuid kEventNamespace(QStringLiteral("{6f1c2d1e-3b0a-5c8e-9d57-48e0a1b2c3d4}"));

// Where a table's copy stands: the key of the last row committed. Which fields a table uses
// depends on its key (samples: account, resource, time, rowid; rollups: account, resource,
// hour; events: id; alert state: key).
struct Position
{
    bool set = false;
    qint64 account = 0;
    QString text;
    qint64 time = 0;
    qint64 id = 0;
};

enum class Cell { Integer, Real, Text, Bytes };

// One table to copy: how to page through the source in key order and what to write.
struct TableSpec
{
    QString table;
    // Source columns; the SELECT runs "SELECT <columns> FROM <table> [WHERE <after>] ORDER BY <order>".
    QString columns;
    QString order;
    // The key columns, compared as a row value with the position's literal (> to go on, <= to
    // count what was done).
    QString keyColumns;
    std::function<QString(const Position &)> literal;
    std::function<Position(const QSqlQuery &)> positionOf;
    // Destination columns and their array types for unnest().
    QStringList destColumns;
    QStringList destTypes;
    QString conflict;
    // The row's cells as array elements; false skips the row (an account the source has no row of).
    std::function<bool(const QSqlQuery &, QStringList *)> convert;
};

// One element of a PostgreSQL array literal.
QString element(const QVariant &v, Cell type)
{
    if (v.isNull())
        return QStringLiteral("NULL");
    switch (type) {
    case Cell::Integer:
        return QString::number(v.toLongLong());
    case Cell::Real: {
        const double x = v.toDouble();
        if (std::isnan(x))
            return QStringLiteral("NaN");
        if (std::isinf(x))
            return x > 0 ? QStringLiteral("Infinity") : QStringLiteral("-Infinity");
        return QString::number(x, 'g', 17);
    }
    case Cell::Text:
        return V::arrayText(v.toString());
    case Cell::Bytes:
        return V::arrayText(QStringLiteral("\\x") + QString::fromLatin1(v.toByteArray().toHex()));
    }
    return QStringLiteral("NULL");
}

// A string literal of SQLite's: the only character to escape is the quote.
QString sqliteText(QString s)
{
    s.replace(u'\'', QStringLiteral("''"));
    s.prepend(u'\'');
    s.append(u'\'');
    return s;
}

QString bigintArray(const QList<qint64> &values)
{
    QStringList parts;
    parts.reserve(values.size());
    for (const qint64 v : values)
        parts << QString::number(v);
    return V::text(u'{' + parts.join(u',') + u'}') + QStringLiteral("::bigint[]");
}

} // namespace

struct HistoryMigration::Private
{
    int batch = kDefaultBatch;
    Progress progress;
    const std::atomic<bool> *cancel = nullptr;
    QList<Count> counts;

    QString sourceName;
    QString sourceId;  // the source's identity in headroom_migration
    QStringList sourceTables;
    PgConnections pool{QStringLiteral("headroom-migrate")};
    PgTarget target;

    QHash<qint64, QString> sourceAccounts; // source key -> account id
    QHash<qint64, qint64> keys;            // source key -> destination key
    QHash<QString, qint64> baselines;      // step -> destination rows before the first run
    QHash<QString, Position> positions;
    QHash<QString, qint64> copied;

    QString error;

    bool cancelled() const { return cancel && cancel->load(); }
    QSqlDatabase source() const { return QSqlDatabase::database(sourceName, false); }

    bool fail(const QString &message)
    {
        error = target.scrub(message);
        return false;
    }

    bool openSource(const QString &path);
    bool readSourceAccounts();
    bool openDestination(const QString &url);
    bool loadProgress();
    bool recordBaselines();
    bool copyAccounts();
    bool copyTable(const TableSpec &spec);
    bool refreshLatest();
    bool savePosition(QSqlQuery &q, const QString &step, const Position &p, QString *why);
    bool verify();
    QList<TableSpec> specs() const;
};

HistoryMigration::HistoryMigration()
    : d(std::make_unique<Private>())
{
}

HistoryMigration::~HistoryMigration()
{
    d->pool.closeAll();
    if (!d->sourceName.isEmpty())
        QSqlDatabase::removeDatabase(d->sourceName);
}

void HistoryMigration::setBatchSize(int rows)
{
    d->batch = std::max(1, rows);
}

void HistoryMigration::setProgress(Progress progress)
{
    d->progress = std::move(progress);
}

void HistoryMigration::setCancelFlag(const std::atomic<bool> *cancelled)
{
    d->cancel = cancelled;
}

QList<HistoryMigration::Count> HistoryMigration::counts() const
{
    return d->counts;
}

QUuid HistoryMigration::eventUid(const QString &accountId, qint64 eventId, qint64 timeMs, const QString &kind)
{
    return QUuid::createUuidV5(kEventNamespace, accountId + u'/' + QString::number(eventId) + u'/'
                                                    + QString::number(timeMs) + u'/' + kind);
}

HistoryMigration::Outcome HistoryMigration::run(const QString &sqlitePath, const QString &postgresUrl, QString *error)
{
    d->counts.clear();
    d->copied.clear();
    auto failed = [&] {
        if (error)
            *error = d->error;
        return Outcome::Failed;
    };
    auto cancelled = [&] {
        if (error)
            *error = tr("Interrupted; run the same command again to continue where it stopped.");
        return Outcome::Cancelled;
    };
    if (!d->openSource(sqlitePath) || !d->readSourceAccounts() || !d->openDestination(postgresUrl)
        || !d->loadProgress() || !d->recordBaselines() || !d->copyAccounts())
        return failed();
    for (const TableSpec &spec : d->specs()) {
        if (d->cancelled())
            return cancelled();
        if (!d->copyTable(spec))
            return d->cancelled() ? cancelled() : failed();
        if (spec.table == QStringLiteral("samples") && !d->refreshLatest())
            return failed();
    }
    if (d->cancelled())
        return cancelled();
    // Complete: the next run reads everything again (rows added to the source since then sit
    // before the positions reached), and skips what it finds already copied.
    {
        QSqlDatabase db = d->pool.database();
        QSqlQuery q(db);
        QString why;
        if (!pgExec(q,
                    QStringLiteral("UPDATE headroom_migration SET pos_account = NULL, pos_text = NULL, pos_time = NULL, "
                                   "pos_id = NULL WHERE source = ")
                        + V::text(d->sourceId),
                    &why)) {
            d->fail(tr("Cannot write to %1: %2").arg(d->target.redacted, why));
            return failed();
        }
    }
    if (!d->verify())
        return failed();
    for (const Count &c : std::as_const(d->counts)) {
        if (!c.matches())
            return Outcome::Mismatch;
    }
    return Outcome::Verified;
}

bool HistoryMigration::Private::openSource(const QString &path)
{
    const QFileInfo info(path);
    if (!info.isFile())
        return fail(HistoryMigration::tr("No history file at %1.").arg(path));
    sourceId = QStringLiteral("sqlite:") + info.canonicalFilePath();
    sourceName = QStringLiteral("headroom-migrate-source-%1").arg(reinterpret_cast<quintptr>(this), 0, 16);
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), sourceName);
    db.setDatabaseName(info.absoluteFilePath());
    // Read-only: the source is never migrated, pruned or moved aside by a copy of it.
    db.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY;QSQLITE_BUSY_TIMEOUT=5000"));
    if (!db.open())
        return fail(HistoryMigration::tr("Cannot open %1: %2").arg(path, db.lastError().text()));
    QSqlQuery q(db);
    if (!q.exec(QStringLiteral("PRAGMA user_version")) || !q.next())
        return fail(HistoryMigration::tr("%1 is not a Headroom history: %2").arg(path, q.lastError().text()));
    const int version = q.value(0).toInt();
    if (version <= 0)
        return fail(HistoryMigration::tr("%1 is not a Headroom history.").arg(path));
    if (version > HistorySchema::currentVersion())
        return fail(HistoryMigration::tr("%1 was written by a newer version of Headroom (schema %2, this version knows "
                                         "%3).")
                        .arg(path)
                        .arg(version)
                        .arg(HistorySchema::currentVersion()));
    sourceTables = HistorySchema::tablesOf(version);
    return true;
}

bool HistoryMigration::Private::readSourceAccounts()
{
    QSqlQuery q(source());
    if (!q.exec(QStringLiteral("SELECT key, id FROM accounts ORDER BY key")))
        return fail(HistoryMigration::tr("Cannot read the accounts of the source: %1").arg(q.lastError().text()));
    while (q.next())
        sourceAccounts.insert(q.value(0).toLongLong(), q.value(1).toString());
    return true;
}

bool HistoryMigration::Private::openDestination(const QString &url)
{
    if (!PgTarget::parse(url, &target, &error))
        return false;
    {
        // Creates or migrates the destination's schema, as any Headroom writing to it would.
        PgHistoryStore store;
        QString why;
        if (!store.open(url, &why))
            return fail(why);
    }
    pool.setTarget(target);
    QSqlDatabase db = pool.database();
    if (!db.isOpen())
        return fail(HistoryMigration::tr("Cannot connect to %1: %2").arg(target.redacted, db.lastError().text()));
    QSqlQuery q(db);
    QString why;
    // Asked first rather than CREATE TABLE IF NOT EXISTS, whose notice libpq prints on stderr.
    if (!pgExec(q, QStringLiteral("SELECT to_regclass('headroom_migration') IS NULL"), &why) || !q.next())
        return fail(HistoryMigration::tr("Cannot read %1: %2").arg(target.redacted, why));
    const bool missing = q.value(0).toBool();
    q.finish();
    if (missing
        && !pgExec(q,
                   QStringLiteral("CREATE TABLE headroom_migration(source text NOT NULL, step text NOT NULL, "
                                  "pos_account bigint, pos_text text, pos_time bigint, pos_id bigint, "
                                  "baseline bigint NOT NULL DEFAULT 0, PRIMARY KEY(source, step))"),
                   &why)) {
        // Another migration made it at the same moment.
        if (!pgExec(q, QStringLiteral("SELECT 1 FROM headroom_migration LIMIT 1")))
            return fail(HistoryMigration::tr("Cannot write to %1: %2").arg(target.redacted, why));
    }
    return true;
}

bool HistoryMigration::Private::loadProgress()
{
    QSqlQuery q(pool.database());
    QString why;
    if (!pgExec(q,
                QStringLiteral("SELECT step, pos_account, pos_text, pos_time, pos_id, baseline FROM headroom_migration "
                               "WHERE source = ")
                    + V::text(sourceId),
                &why))
        return fail(HistoryMigration::tr("Cannot read %1: %2").arg(target.redacted, why));
    while (q.next()) {
        const QString step = q.value(0).toString();
        baselines.insert(step, q.value(5).toLongLong());
        Position p;
        p.set = !q.value(1).isNull() || !q.value(2).isNull() || !q.value(3).isNull() || !q.value(4).isNull();
        p.account = q.value(1).toLongLong();
        p.text = q.value(2).toString();
        p.time = q.value(3).toLongLong();
        p.id = q.value(4).toLongLong();
        positions.insert(step, p);
    }
    return true;
}

// What the destination held of these accounts before the first run: with nothing there, every
// count must come out equal; with rows there already (a merge), at least the source's.
bool HistoryMigration::Private::recordBaselines()
{
    const QStringList steps{QStringLiteral("accounts"), QStringLiteral("samples"), QStringLiteral("rollups"),
                            QStringLiteral("rollups6h"), QStringLiteral("events"), QStringLiteral("alert_state")};
    bool all = true;
    for (const QString &s : steps)
        all = all && baselines.contains(s);
    if (all)
        return true;
    QSqlDatabase db = pool.database();
    QSqlQuery q(db);
    QString why;
    auto count = [&](const QString &sql, qint64 *out) {
        if (!pgExec(q, sql, &why) || !q.next())
            return false;
        *out = q.value(0).toLongLong();
        q.finish();
        return true;
    };
    const QStringList ids = sourceAccounts.values();
    QList<qint64> existing;
    if (!pgExec(q, QStringLiteral("SELECT key FROM accounts WHERE id = ANY(") + V::textArray(ids) + u')', &why))
        return fail(HistoryMigration::tr("Cannot read %1: %2").arg(target.redacted, why));
    while (q.next())
        existing << q.value(0).toLongLong();
    q.finish();
    QHash<QString, qint64> base;
    base.insert(QStringLiteral("accounts"), existing.size());
    const QString keyList = bigintArray(existing);
    for (const QString &t : {QStringLiteral("samples"), QStringLiteral("rollups"), QStringLiteral("rollups6h"),
                             QStringLiteral("events")}) {
        qint64 n = 0;
        if (!existing.isEmpty()
            && !count(QStringLiteral("SELECT count(*) FROM ") + t + QStringLiteral(" WHERE account = ANY(") + keyList
                          + u')',
                      &n))
            return fail(HistoryMigration::tr("Cannot read %1: %2").arg(target.redacted, why));
        base.insert(t, n);
    }
    QStringList alertKeys;
    if (sourceTables.contains(QStringLiteral("alert_state"))) {
        QSqlQuery s(source());
        if (!s.exec(QStringLiteral("SELECT key FROM alert_state")))
            return fail(HistoryMigration::tr("Cannot read the source: %1").arg(s.lastError().text()));
        while (s.next())
            alertKeys << s.value(0).toString();
    }
    qint64 alerts = 0;
    if (!alertKeys.isEmpty()
        && !count(QStringLiteral("SELECT count(*) FROM alert_state WHERE key = ANY(") + V::textArray(alertKeys) + u')',
                  &alerts))
        return fail(HistoryMigration::tr("Cannot read %1: %2").arg(target.redacted, why));
    base.insert(QStringLiteral("alert_state"), alerts);
    QStringList values;
    for (const QString &s : steps)
        values << u'(' + V::text(sourceId) + u',' + V::text(s) + u',' + V::integer(base.value(s)) + u')';
    // A first run stopped after this keeps the baselines it found; a later one must not take
    // its own copies for rows that were there before.
    if (!pgExec(q,
                QStringLiteral("INSERT INTO headroom_migration(source, step, baseline) VALUES ") + values.join(u',')
                    + QStringLiteral(" ON CONFLICT DO NOTHING"),
                &why))
        return fail(HistoryMigration::tr("Cannot write to %1: %2").arg(target.redacted, why));
    baselines.clear();
    positions.clear();
    return loadProgress();
}

bool HistoryMigration::Private::copyAccounts()
{
    QSqlQuery s(source());
    if (!s.exec(QStringLiteral("SELECT key, id, name, provider FROM accounts ORDER BY key")))
        return fail(HistoryMigration::tr("Cannot read the accounts of the source: %1").arg(s.lastError().text()));
    QStringList values;
    while (s.next())
        values << u'(' + V::text(s.value(1).toString()) + u',' + V::text(s.value(2).toString()) + u','
                + V::text(s.value(3).toString()) + u')';
    QSqlDatabase db = pool.database();
    QSqlQuery q(db);
    QString why;
    qint64 inserted = 0;
    for (qsizetype at = 0; at < values.size(); at += batch) {
        // A name the destination already knows stays; an empty one is filled in.
        if (!pgExec(q,
                    QStringLiteral("INSERT INTO accounts AS a(id, name, provider) VALUES ")
                        + values.mid(at, batch).join(u',')
                        + QStringLiteral(" ON CONFLICT(id) DO UPDATE SET "
                                         "name = CASE WHEN a.name = '' THEN excluded.name ELSE a.name END, "
                                         "provider = CASE WHEN a.provider = '' THEN excluded.provider ELSE a.provider END "
                                         "RETURNING (xmax = 0)"),
                    &why))
            return fail(HistoryMigration::tr("Cannot write to %1: %2").arg(target.redacted, why));
        while (q.next())
            inserted += q.value(0).toBool() ? 1 : 0;
    }
    copied.insert(QStringLiteral("accounts"), inserted);
    if (!pgExec(q, QStringLiteral("SELECT id, key FROM accounts WHERE id = ANY(") + V::textArray(sourceAccounts.values()) + u')',
                &why))
        return fail(HistoryMigration::tr("Cannot read %1: %2").arg(target.redacted, why));
    QHash<QString, qint64> byId;
    while (q.next())
        byId.insert(q.value(0).toString(), q.value(1).toLongLong());
    for (auto it = sourceAccounts.cbegin(); it != sourceAccounts.cend(); ++it) {
        if (!byId.contains(it.value()))
            return fail(HistoryMigration::tr("The account %1 is missing from %2 after it was written.")
                            .arg(it.value(), target.redacted));
        keys.insert(it.key(), byId.value(it.value()));
    }
    if (progress)
        progress(QStringLiteral("accounts"), values.size(), values.size());
    return true;
}

QList<TableSpec> HistoryMigration::Private::specs() const
{
    QList<TableSpec> out;
    // "(account, 'resource', time" of a series' row value; the caller closes it.
    const auto seriesKey = [](const Position &p) {
        QString out = QStringLiteral("(");
        out += QString::number(p.account);
        out += QStringLiteral(", ");
        out += sqliteText(p.text);
        out += QStringLiteral(", ");
        out += QString::number(p.time);
        return out;
    };
    const auto destKey = [this](const QVariant &sourceKey, QString *out) {
        const auto it = keys.constFind(sourceKey.toLongLong());
        if (it == keys.cend())
            return false;
        *out = QString::number(it.value());
        return true;
    };
    {
        TableSpec t;
        t.table = QStringLiteral("samples");
        t.columns = QStringLiteral("account, resource, time, rowid, lim, remaining, used, reset_at, status, cost");
        t.order = QStringLiteral("account, resource, time, rowid");
        t.keyColumns = QStringLiteral("(account, resource, time, rowid)");
        t.literal = [seriesKey](const Position &p) {
            QString out = seriesKey(p);
            out += QStringLiteral(", ");
            out += QString::number(p.id);
            out += QStringLiteral(")");
            return out;
        };
        t.positionOf = [](const QSqlQuery &q) {
            return Position{true, q.value(0).toLongLong(), q.value(1).toString(), q.value(2).toLongLong(),
                            q.value(3).toLongLong()};
        };
        t.destColumns = QStringList{QStringLiteral("account"), QStringLiteral("resource"), QStringLiteral("time"),
                                    QStringLiteral("lim"), QStringLiteral("remaining"), QStringLiteral("used"),
                                    QStringLiteral("reset_at"), QStringLiteral("status"), QStringLiteral("cost")};
        t.destTypes = QStringList{QStringLiteral("bigint"), QStringLiteral("text"), QStringLiteral("bigint"),
                                  QStringLiteral("bigint"), QStringLiteral("bigint"), QStringLiteral("bigint"),
                                  QStringLiteral("bigint"), QStringLiteral("integer"), QStringLiteral("bigint")};
        t.conflict = QStringLiteral(" ON CONFLICT DO NOTHING");
        t.convert = [destKey](const QSqlQuery &q, QStringList *cells) {
            QString key;
            if (!destKey(q.value(0), &key))
                return false;
            *cells = {key,
                      element(q.value(1), Cell::Text),
                      element(q.value(2), Cell::Integer),
                      element(q.value(4), Cell::Integer),
                      element(q.value(5), Cell::Integer),
                      element(q.value(6), Cell::Integer),
                      element(q.value(7), Cell::Integer),
                      element(q.value(8), Cell::Integer),
                      q.value(9).isNull() ? QStringLiteral("0") : element(q.value(9), Cell::Integer)};
            return true;
        };
        out << t;
    }
    if (sourceTables.contains(QStringLiteral("rollups"))) {
        TableSpec t;
        t.table = QStringLiteral("rollups");
        t.columns = QStringLiteral("account, resource, hour, samples, min_remaining, max_remaining, last_remaining, "
                                   "last_limit, last_time, min_pct, max_used, throttled, cost, below_ms");
        t.order = QStringLiteral("account, resource, hour");
        t.keyColumns = QStringLiteral("(account, resource, hour)");
        t.literal = [seriesKey](const Position &p) {
            QString out = seriesKey(p);
            out += QStringLiteral(")");
            return out;
        };
        t.positionOf = [](const QSqlQuery &q) {
            return Position{true, q.value(0).toLongLong(), q.value(1).toString(), q.value(2).toLongLong(), 0};
        };
        t.destColumns = t.columns.split(QStringLiteral(", "));
        t.destTypes = QStringList{QStringLiteral("bigint"), QStringLiteral("text")};
        for (int i = 2; i < 14; ++i)
            t.destTypes << (i == 9 ? QStringLiteral("float8") : QStringLiteral("bigint"));
        t.conflict = QStringLiteral(" ON CONFLICT DO NOTHING");
        t.convert = [destKey](const QSqlQuery &q, QStringList *cells) {
            QString key;
            if (!destKey(q.value(0), &key))
                return false;
            *cells = {key, element(q.value(1), Cell::Text)};
            for (int i = 2; i < 14; ++i)
                *cells << element(q.value(i), i == 9 ? Cell::Real : Cell::Integer);
            return true;
        };
        out << t;
    }
    if (sourceTables.contains(QStringLiteral("rollups6h"))) {
        TableSpec t;
        t.table = QStringLiteral("rollups6h");
        t.columns = QStringLiteral("account, resource, block, samples, min_remaining, max_remaining, last_limit, last_time");
        t.order = QStringLiteral("account, resource, block");
        t.keyColumns = QStringLiteral("(account, resource, block)");
        t.literal = [seriesKey](const Position &p) {
            QString out = seriesKey(p);
            out += QStringLiteral(")");
            return out;
        };
        t.positionOf = [](const QSqlQuery &q) {
            return Position{true, q.value(0).toLongLong(), q.value(1).toString(), q.value(2).toLongLong(), 0};
        };
        t.destColumns = t.columns.split(QStringLiteral(", "));
        t.destTypes = QStringList{QStringLiteral("bigint"), QStringLiteral("text")};
        for (int i = 2; i < 8; ++i)
            t.destTypes << QStringLiteral("bigint");
        t.conflict = QStringLiteral(" ON CONFLICT DO NOTHING");
        t.convert = [destKey](const QSqlQuery &q, QStringList *cells) {
            QString key;
            if (!destKey(q.value(0), &key))
                return false;
            *cells = {key, element(q.value(1), Cell::Text)};
            for (int i = 2; i < 8; ++i)
                *cells << element(q.value(i), Cell::Integer);
            return true;
        };
        out << t;
    }
    {
        TableSpec t;
        t.table = QStringLiteral("events");
        t.columns = QStringLiteral("id, account, time, kind, status, retry_after, detail");
        t.order = QStringLiteral("id");
        t.keyColumns = QStringLiteral("id");
        t.literal = [](const Position &p) { return QString::number(p.id); };
        t.positionOf = [](const QSqlQuery &q) { return Position{true, 0, QString(), 0, q.value(0).toLongLong()}; };
        t.destColumns = QStringList{QStringLiteral("uid"), QStringLiteral("account"), QStringLiteral("time"),
                                    QStringLiteral("kind"), QStringLiteral("status"), QStringLiteral("retry_after"),
                                    QStringLiteral("detail")};
        t.destTypes = QStringList{QStringLiteral("uuid"), QStringLiteral("bigint"), QStringLiteral("bigint"),
                                  QStringLiteral("text"), QStringLiteral("integer"), QStringLiteral("float8"),
                                  QStringLiteral("text")};
        t.conflict = QStringLiteral(" ON CONFLICT(uid) DO NOTHING");
        t.convert = [this, destKey](const QSqlQuery &q, QStringList *cells) {
            QString key;
            if (!destKey(q.value(1), &key))
                return false;
            const QString accountId = sourceAccounts.value(q.value(1).toLongLong());
            const QUuid uid = HistoryMigration::eventUid(accountId, q.value(0).toLongLong(), q.value(2).toLongLong(),
                                                         q.value(3).toString());
            *cells = {uid.toString(QUuid::WithoutBraces),
                      key,
                      element(q.value(2), Cell::Integer),
                      element(q.value(3), Cell::Text),
                      element(q.value(4), Cell::Integer),
                      element(q.value(5), Cell::Real),
                      q.value(6).isNull() ? V::arrayText(QString()) : element(q.value(6), Cell::Text)};
            return true;
        };
        out << t;
    }
    if (sourceTables.contains(QStringLiteral("alert_state"))) {
        TableSpec t;
        t.table = QStringLiteral("alert_state");
        t.columns = QStringLiteral("key, value");
        t.order = QStringLiteral("key");
        t.keyColumns = QStringLiteral("key");
        t.literal = [](const Position &p) { return sqliteText(p.text); };
        t.positionOf = [](const QSqlQuery &q) { return Position{true, 0, q.value(0).toString(), 0, 0}; };
        t.destColumns = QStringList{QStringLiteral("key"), QStringLiteral("value")};
        t.destTypes = QStringList{QStringLiteral("text"), QStringLiteral("bytea")};
        // Alert state the destination already keeps is newer than the source's: it stays.
        t.conflict = QStringLiteral(" ON CONFLICT(key) DO NOTHING");
        t.convert = [](const QSqlQuery &q, QStringList *cells) {
            *cells = {element(q.value(0), Cell::Text), element(q.value(1), Cell::Bytes)};
            return true;
        };
        out << t;
    }
    return out;
}

bool HistoryMigration::Private::savePosition(QSqlQuery &q, const QString &step, const Position &p, QString *why)
{
    return pgExec(q, QStringLiteral("UPDATE headroom_migration SET pos_account = ") + V::integer(p.account)
                         + QStringLiteral(", pos_text = ") + V::text(p.text) + QStringLiteral(", pos_time = ")
                         + V::integer(p.time) + QStringLiteral(", pos_id = ") + V::integer(p.id)
                         + QStringLiteral(" WHERE source = ") + V::text(sourceId) + QStringLiteral(" AND step = ")
                         + V::text(step),
                  why);
}

bool HistoryMigration::Private::copyTable(const TableSpec &spec)
{
    const QSqlDatabase src = source();
    Position at = positions.value(spec.table);
    qint64 total = 0;
    qint64 done = 0;
    {
        QSqlQuery q(src);
        if (!q.exec(QStringLiteral("SELECT count(*) FROM ") + spec.table) || !q.next())
            return fail(HistoryMigration::tr("Cannot read the source: %1").arg(q.lastError().text()));
        total = q.value(0).toLongLong();
        if (at.set) {
            if (!q.exec(QStringLiteral("SELECT count(*) FROM ") + spec.table + QStringLiteral(" WHERE ") + spec.keyColumns
                        + QStringLiteral(" <= ") + spec.literal(at))
                || !q.next())
                return fail(HistoryMigration::tr("Cannot read the source: %1").arg(q.lastError().text()));
            done = q.value(0).toLongLong();
        }
    }
    QElapsedTimer shown;
    shown.start();
    if (progress)
        progress(spec.table, done, total);
    QString head = QStringLiteral("INSERT INTO ") + spec.table + u'(' + spec.destColumns.join(QStringLiteral(", "))
        + QStringLiteral(") SELECT * FROM unnest(");
    const QString selectHead = QStringLiteral("SELECT ") + spec.columns + QStringLiteral(" FROM ") + spec.table;
    const QString tail = QStringLiteral(" ORDER BY ") + spec.order + QStringLiteral(" LIMIT ") + QString::number(batch);
    const int columns = int(spec.destColumns.size());
    qint64 inserted = 0;
    while (true) {
        if (cancelled())
            return false;
        QSqlQuery q(src);
        q.setForwardOnly(true);
        if (!q.exec(selectHead
                    + (at.set ? QStringLiteral(" WHERE ") + spec.keyColumns + QStringLiteral(" > ") + spec.literal(at)
                              : QString())
                    + tail))
            return fail(HistoryMigration::tr("Cannot read the source: %1").arg(q.lastError().text()));
        QList<QString> arrays(columns, QStringLiteral("{"));
        int rows = 0;
        int kept = 0;
        QStringList cells;
        Position last;
        while (q.next()) {
            ++rows;
            last = spec.positionOf(q);
            if (!spec.convert(q, &cells))
                continue;
            for (int c = 0; c < columns; ++c) {
                if (kept > 0)
                    arrays[c] += u',';
                arrays[c] += cells.at(c);
            }
            ++kept;
        }
        if (q.lastError().isValid())
            return fail(HistoryMigration::tr("Cannot read the source: %1").arg(q.lastError().text()));
        q.finish();
        if (rows == 0)
            break;
        QSqlDatabase db = pool.database();
        if (!db.isOpen())
            return fail(HistoryMigration::tr("Cannot connect to %1: %2").arg(target.redacted, db.lastError().text()));
        QString why;
        {
            SqlTransaction tx(db, QStringLiteral("BEGIN"));
            if (!tx.isActive())
                return fail(HistoryMigration::tr("Cannot write to %1: %2").arg(target.redacted, tx.lastError().text()));
            QSqlQuery w(db);
            if (kept > 0) {
                QString sql = head;
                for (int c = 0; c < columns; ++c) {
                    arrays[c] += u'}';
                    if (c > 0)
                        sql += u',';
                    sql += V::text(arrays.at(c)) + QStringLiteral("::") + spec.destTypes.at(c) + QStringLiteral("[]");
                }
                sql += u')' + spec.conflict;
                if (!pgExec(w, sql, &why))
                    return fail(HistoryMigration::tr("Cannot write to %1: %2").arg(target.redacted, why));
                inserted += std::max(0, w.numRowsAffected());
            }
            if (!savePosition(w, spec.table, last, &why) || !tx.commit())
                return fail(HistoryMigration::tr("Cannot write to %1: %2")
                                .arg(target.redacted, why.isEmpty() ? tx.lastError().text() : why));
        }
        at = last;
        done += rows;
        if (progress && shown.elapsed() >= 1000) {
            shown.restart();
            progress(spec.table, done, total);
        }
        if (rows < batch)
            break;
    }
    positions.insert(spec.table, at);
    copied.insert(spec.table, inserted);
    if (progress)
        progress(spec.table, std::max(done, total), total);
    return true;
}

// Each copied series' newest sample into `latest`, so a history just migrated shows its current
// readings to the processes that follow it. From the samples the destination holds of these
// accounts, not from this run's copies: a run that continues an interrupted one (or one before
// `latest` existed) finds part of them copied already. A newer reading already there (the
// account kept being polled into this history) stays; in key order, as the writers lock rows.
// Followers are woken in the same transaction.
bool HistoryMigration::Private::refreshLatest()
{
    QList<qint64> destKeys = keys.values();
    if (destKeys.isEmpty())
        return true;
    std::sort(destKeys.begin(), destKeys.end());
    QSqlDatabase db = pool.database();
    if (!db.isOpen())
        return fail(HistoryMigration::tr("Cannot connect to %1: %2").arg(target.redacted, db.lastError().text()));
    QString why;
    SqlTransaction tx(db, QStringLiteral("BEGIN"));
    if (!tx.isActive())
        return fail(HistoryMigration::tr("Cannot write to %1: %2").arg(target.redacted, tx.lastError().text()));
    QSqlQuery q(db);
    if (!pgExec(q,
                QStringLiteral("INSERT INTO latest AS l(account, resource, time, lim, remaining, used, reset_at, status, "
                               "cost) SELECT DISTINCT ON (account, resource) account, resource, time, lim, remaining, "
                               "used, reset_at, status, cost FROM samples WHERE account = ANY(")
                    + bigintArray(destKeys)
                    + QStringLiteral(") ORDER BY account, resource, time DESC ON CONFLICT(account, resource) DO UPDATE "
                                     "SET time = excluded.time, lim = excluded.lim, remaining = excluded.remaining, "
                                     "used = excluded.used, reset_at = excluded.reset_at, status = excluded.status, "
                                     "cost = excluded.cost WHERE excluded.time > l.time"),
                &why)
        || (q.numRowsAffected() > 0 && !pgExec(q, QStringLiteral("SELECT pg_notify('headroom_samples', '')"), &why))
        || !tx.commit())
        return fail(HistoryMigration::tr("Cannot write to %1: %2")
                        .arg(target.redacted, why.isEmpty() ? tx.lastError().text() : why));
    return true;
}

bool HistoryMigration::Private::verify()
{
    const QSqlDatabase src = source();
    QSqlQuery s(src);
    QSqlQuery q(pool.database());
    QString why;
    auto sourceCount = [&](const QString &sql, qint64 *out) {
        if (!s.exec(sql) || !s.next())
            return fail(HistoryMigration::tr("Cannot read the source: %1").arg(s.lastError().text()));
        *out = s.value(0).toLongLong();
        s.finish();
        return true;
    };
    auto destCount = [&](const QString &sql, qint64 *out) {
        if (!pgExec(q, sql, &why) || !q.next())
            return fail(HistoryMigration::tr("Cannot read %1: %2").arg(target.redacted, why));
        *out = q.value(0).toLongLong();
        q.finish();
        return true;
    };
    QList<qint64> destKeys = keys.values();
    std::sort(destKeys.begin(), destKeys.end());
    const QString keyList = bigintArray(destKeys);
    const QString known = QStringLiteral(" WHERE account IN (SELECT key FROM accounts)");
    auto add = [&](const QString &table, qint64 source, qint64 destination) {
        Count c;
        c.table = table;
        c.source = source;
        c.destination = destination;
        c.copied = copied.value(table);
        c.merged = baselines.value(table) > 0;
        counts << c;
    };
    qint64 a = 0, b = 0;
    if (!sourceCount(QStringLiteral("SELECT count(*) FROM accounts"), &a)
        || !destCount(QStringLiteral("SELECT count(*) FROM accounts WHERE id = ANY(") + V::textArray(sourceAccounts.values())
                          + u')',
                      &b))
        return false;
    add(QStringLiteral("accounts"), a, b);
    // A sample is one row per account, resource and time in PostgreSQL; SQLite may hold a
    // second copy of one, which the destination keeps once.
    if (!sourceCount(QStringLiteral("SELECT count(*) FROM (SELECT DISTINCT account, resource, time FROM samples") + known
                         + u')',
                     &a)
        || !destCount(QStringLiteral("SELECT count(*) FROM samples WHERE account = ANY(") + keyList + u')', &b))
        return false;
    add(QStringLiteral("samples"), a, b);
    for (const QString &t : {QStringLiteral("rollups"), QStringLiteral("rollups6h"), QStringLiteral("events")}) {
        a = 0;
        if (sourceTables.contains(t) && !sourceCount(QStringLiteral("SELECT count(*) FROM ") + t + known, &a))
            return false;
        if (!destCount(QStringLiteral("SELECT count(*) FROM ") + t + QStringLiteral(" WHERE account = ANY(") + keyList
                           + u')',
                       &b))
            return false;
        add(t, a, b);
    }
    QStringList alertKeys;
    if (sourceTables.contains(QStringLiteral("alert_state"))) {
        if (!s.exec(QStringLiteral("SELECT key FROM alert_state")))
            return fail(HistoryMigration::tr("Cannot read the source: %1").arg(s.lastError().text()));
        while (s.next())
            alertKeys << s.value(0).toString();
        s.finish();
    }
    b = 0;
    if (!alertKeys.isEmpty()
        && !destCount(QStringLiteral("SELECT count(*) FROM alert_state WHERE key = ANY(") + V::textArray(alertKeys) + u')', &b))
        return false;
    add(QStringLiteral("alert_state"), alertKeys.size(), b);
    return true;
}
