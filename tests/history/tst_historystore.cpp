// HistoryStore on a real SQLite file: recording, nulls, rollups, chart series (decimation),
// retention and migrations from every older schema.
#include "engine/proberecord.h"
#include "history/historystore.h"
#include "history/sqltransaction.h"

#include <QRandomGenerator>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QSqlError>
#include <QSqlRecord>
#include <QTemporaryDir>
#include <QtTest>

#include <map>

namespace {

const qint64 kHour = 3600 * 1000;
const qint64 kT0 = 1795435200000; // 2026-11-23T12:00:00Z, an hour boundary

Sample mk(const QString &account, const QString &resource, qint64 t, std::optional<qint64> remaining,
              std::optional<qint64> limit = 5000)
{
    Sample s;
    s.accountId = account;
    s.resource = resource;
    s.time = QDateTime::fromMSecsSinceEpoch(t, Qt::UTC);
    s.remaining = remaining;
    s.limit = limit;
    return s;
}

QVariant scalar(HistoryStore &store, const QString &sql)
{
    QSqlQuery q(store.connection());
    if (!q.exec(sql) || !q.next()) {
        qWarning() << sql << q.lastError().text();
        return {};
    }
    return q.value(0);
}

// Rows of a query as text (NULL spelled out), so integer, real and null cells compare exactly.
QStringList rowsOf(HistoryStore &store, const QString &sql)
{
    QStringList out;
    QSqlQuery q(store.connection());
    if (!q.exec(sql)) {
        qWarning() << sql << q.lastError().text();
        return {QStringLiteral("query failed")};
    }
    while (q.next()) {
        QStringList cells;
        for (int i = 0; i < q.record().count(); ++i)
            cells << (q.value(i).isNull() ? QStringLiteral("NULL") : q.value(i).toString());
        out << cells.join(u'|');
    }
    return out;
}

// The schema as released in version 1 and 2, frozen here on purpose: the migrations must
// keep working on files those versions wrote, whatever the current code says.
const QStringList kSchemaV1 = {
    QStringLiteral("CREATE TABLE accounts(key INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, "
                   "name TEXT NOT NULL DEFAULT '', provider TEXT NOT NULL DEFAULT '')"),
    QStringLiteral("CREATE TABLE samples(account INTEGER NOT NULL, resource TEXT NOT NULL, time INTEGER NOT NULL, "
                   "lim INTEGER, remaining INTEGER, used INTEGER, reset_at INTEGER, status INTEGER, "
                   "cost INTEGER NOT NULL DEFAULT 0)"),
    QStringLiteral("CREATE INDEX samples_art ON samples(account, resource, time)"),
    QStringLiteral("CREATE TABLE events(id INTEGER PRIMARY KEY, account INTEGER NOT NULL, time INTEGER NOT NULL, "
                   "kind TEXT NOT NULL, status INTEGER, retry_after REAL, detail TEXT NOT NULL DEFAULT '')"),
    QStringLiteral("CREATE INDEX events_at ON events(account, time)"),
    QStringLiteral("PRAGMA user_version=1"),
};
const QStringList kSchemaV2Extra = {
    QStringLiteral("CREATE TABLE alert_state(key TEXT PRIMARY KEY, value BLOB)"),
    QStringLiteral("CREATE INDEX events_time ON events(time)"),
    QStringLiteral("PRAGMA user_version=2"),
};
const QStringList kSchemaV3Extra = {
    QStringLiteral("CREATE TABLE rollups(account INTEGER NOT NULL, resource TEXT NOT NULL, hour INTEGER NOT NULL, "
                   "samples INTEGER NOT NULL, min_remaining INTEGER, max_remaining INTEGER, last_remaining INTEGER, "
                   "last_limit INTEGER, last_time INTEGER NOT NULL, min_pct REAL, max_used INTEGER, "
                   "throttled INTEGER NOT NULL DEFAULT 0, cost INTEGER NOT NULL DEFAULT 0, "
                   "below_ms INTEGER NOT NULL DEFAULT 0, PRIMARY KEY(account, resource, hour)) WITHOUT ROWID"),
    QStringLiteral("INSERT INTO rollups(account, resource, hour, samples, min_remaining, max_remaining, last_remaining, "
                   "last_limit, last_time, min_pct, max_used, throttled, cost, below_ms) "
                   "SELECT account, resource, hour, count(*), min(remaining), max(remaining), NULL, NULL, max(time), "
                   "min(CASE WHEN lim > 0 AND remaining IS NOT NULL THEN 100.0 * remaining / lim END), max(used), "
                   "sum(CASE WHEN status = 429 OR (status = 403 AND remaining = 0) THEN 1 ELSE 0 END), sum(cost), "
                   "sum(CASE WHEN lim > 0 AND remaining < 0.2 * lim AND next IS NOT NULL "
                   "THEN min(next, hour + 3600000) - time ELSE 0 END) "
                   "FROM (SELECT *, time - time % 3600000 AS hour, "
                   "lead(time) OVER (PARTITION BY account, resource ORDER BY time) AS next FROM samples) "
                   "GROUP BY account, resource, hour"),
    QStringLiteral("UPDATE rollups SET last_remaining = (SELECT remaining FROM samples s WHERE s.account = rollups.account "
                   "AND s.resource = rollups.resource AND s.time = rollups.last_time ORDER BY rowid DESC LIMIT 1), "
                   "last_limit = (SELECT lim FROM samples s WHERE s.account = rollups.account "
                   "AND s.resource = rollups.resource AND s.time >= rollups.hour AND s.time <= rollups.last_time "
                   "AND s.lim IS NOT NULL ORDER BY s.time DESC, rowid DESC LIMIT 1)"),
    QStringLiteral("PRAGMA user_version=3"),
};

bool runSql(const QString &path, const QStringList &statements)
{
    bool ok = true;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("fixture"));
        db.setDatabaseName(path);
        ok = db.open();
        QSqlQuery q(db);
        for (const QString &s : statements) {
            if (ok && !q.exec(s)) {
                qWarning() << s << q.lastError().text();
                ok = false;
            }
        }
        q.finish();
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("fixture"));
    return ok;
}

} // namespace

class TestHistoryStore : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init()
    {
        QVERIFY(m_dir.isValid());
        m_path = m_dir.filePath(QStringLiteral("h%1/headroom/history.sqlite").arg(++m_n));
    }

    void defaultPathFollowsXdg()
    {
        qputenv("XDG_DATA_HOME", "/tmp/xdg-test-data");
        QCOMPARE(HistoryStore::defaultPath(), QStringLiteral("/tmp/xdg-test-data/headroom/history.sqlite"));
    }

    void opensWalWithSchemaVersion()
    {
        HistoryStore store;
        QString error;
        QVERIFY2(store.open(m_path, &error), qPrintable(error));
        QVERIFY(store.isOpen());
        QCOMPARE(scalar(store, QStringLiteral("PRAGMA journal_mode")).toString(), QStringLiteral("wal"));
        QCOMPARE(scalar(store, QStringLiteral("PRAGMA synchronous")).toInt(), 1); // NORMAL
        QVERIFY(scalar(store, QStringLiteral("PRAGMA busy_timeout")).toInt() >= 5000);
        QCOMPARE(scalar(store, QStringLiteral("PRAGMA user_version")).toInt(), HistoryStore::schemaVersion());
        QVERIFY(store.takeNotice().isEmpty());
        // The (account, resource, time) index serves series and pruning.
        QVERIFY(scalar(store, QStringLiteral("SELECT sql FROM sqlite_master WHERE name = 'samples_art'"))
                    .toString()
                    .contains(QStringLiteral("account, resource, time")));
    }

    // The file is opened as an SQLite URI (mode=rw): characters a URI gives meaning to must
    // still name the same file.
    void pathWithUriCharacters()
    {
        const QString path = m_dir.filePath(QStringLiteral("h%1/we?ird #dir %41 ü/history.sqlite").arg(m_n));
        {
            HistoryStore store;
            QString error;
            QVERIFY2(store.open(path, &error), qPrintable(error));
            QVERIFY(store.appendSamples({mk(QStringLiteral("a"), QStringLiteral("core"), kT0, 10)}));
        }
        QVERIFY(QFile::exists(path));
        QCOMPARE(QDir(QFileInfo(path).path()).entryList({QStringLiteral("*")}, QDir::Files),
                 QStringList{QStringLiteral("history.sqlite")});
        HistoryStore store;
        QVERIFY(store.open(path));
        QCOMPARE(store.lastSample(QStringLiteral("a"), QStringLiteral("core"))->remaining, 10);
        QVERIFY(store.takeNotice().isEmpty());
    }

    void samplesRoundTripWithNulls()
    {
        HistoryStore store;
        QVERIFY(store.open(m_path));
        QSignalSpy added(&store, &HistoryStore::samplesAdded);
        Sample full = mk(QStringLiteral("a1"), QStringLiteral("core"), kT0, 4999);
        full.used = 1;
        full.resetAt = QDateTime::fromMSecsSinceEpoch(kT0 + kHour, Qt::UTC);
        full.status = 200;
        full.cost = 1;
        Sample unknown = mk(QStringLiteral("a1"), QStringLiteral("core"), kT0 + 60000, std::nullopt, std::nullopt);
        QVERIFY(store.appendSamples({full, unknown}));
        QCOMPARE(added.count(), 1);
        const QList<Sample> back = store.samples(QStringLiteral("a1"), QStringLiteral("core"), {}, {});
        QCOMPARE(back.size(), 2);
        QCOMPARE(back[0].remaining, std::optional<qint64>(4999));
        QCOMPARE(back[0].used, std::optional<qint64>(1));
        QCOMPARE(back[0].resetAt->toMSecsSinceEpoch(), kT0 + kHour);
        QCOMPARE(back[0].status, std::optional<int>(200));
        QCOMPARE(back[0].cost, 1);
        QVERIFY(!back[1].remaining.has_value());
        QVERIFY(!back[1].limit.has_value());
        QVERIFY(!back[1].used.has_value());
        QVERIFY(!back[1].resetAt.has_value());
        QVERIFY(!back[1].status.has_value());
        // Unknown is stored as NULL, never as 0.
        QCOMPARE(scalar(store, QStringLiteral("SELECT count(*) FROM samples WHERE remaining IS NULL AND lim IS NULL "
                                              "AND used IS NULL AND reset_at IS NULL AND status IS NULL"))
                     .toInt(),
                 1);
        QCOMPARE(store.lastSample(QStringLiteral("a1"), QStringLiteral("core"))->time.toMSecsSinceEpoch(),
                 kT0 + 60000);
        QVERIFY(!store.lastSample(QStringLiteral("a1"), QStringLiteral("search")).has_value());
        QCOMPARE(store.resources(QStringLiteral("a1")), QStringList{QStringLiteral("core")});
        // Half-open ranges.
        QCOMPARE(store.samples(QStringLiteral("a1"), QStringLiteral("core"),
                               QDateTime::fromMSecsSinceEpoch(kT0, Qt::UTC),
                               QDateTime::fromMSecsSinceEpoch(kT0 + 60000, Qt::UTC))
                     .size(),
                 1);
    }

    void recordProbeStoresSamplesAndEvents()
    {
        HistoryStore store;
        QVERIFY(store.open(m_path));
        ProbeResult ok;
        ok.accountId = QStringLiteral("id-1");
        ok.accountName = QStringLiteral("Work GitHub");
        ok.provider = QStringLiteral("github");
        ok.state = AccountState::Ok;
        ok.probedAt = QDateTime::fromMSecsSinceEpoch(kT0, Qt::UTC);
        ok.cost = 0;
        ok.reading.status = 200;
        Quota core;
        core.resource = QStringLiteral("core");
        core.limit = 5000;
        core.remaining = 4000;
        core.used = 1000;
        Quota search;
        search.resource = QStringLiteral("search");
        search.remaining = 25; // limit unknown
        ok.reading.quotas = {core, search};
        QVERIFY(store.record(toHistory(ok)));
        QCOMPARE(store.resources(QStringLiteral("id-1")), (QStringList{QStringLiteral("core"), QStringLiteral("search")}));
        QVERIFY(!store.lastSample(QStringLiteral("id-1"), QStringLiteral("search"))->limit.has_value());
        const QList<HistoryStore::AccountInfo> accounts = store.accounts();
        QCOMPARE(accounts.size(), 1);
        QCOMPARE(accounts[0].name, QStringLiteral("Work GitHub"));
        QCOMPARE(accounts[0].provider, QStringLiteral("github"));

        ProbeResult throttled = ok;
        throttled.probedAt = ok.probedAt.addSecs(60);
        throttled.state = AccountState::Throttled;
        throttled.reading.status = 429;
        throttled.reading.throttled = true;
        throttled.reading.retryAfterS = 120;
        throttled.reading.quotas.clear();
        throttled.cost = 1;
        QVERIFY(store.record(toHistory(throttled)));

        ProbeResult failed = ok;
        failed.probedAt = ok.probedAt.addSecs(120);
        failed.state = AccountState::Error;
        failed.reading = QuotaReading();
        failed.error = QStringLiteral("connection refused");
        Event alert;
        alert.accountId = ok.accountId;
        alert.time = failed.probedAt;
        alert.kind = EventKind::Alert;
        alert.detail = QStringLiteral("core below 20%");
        HistoryRecord failedRecord = toHistory(failed);
        failedRecord.events.append(alert);
        QVERIFY(store.record(failedRecord));

        // A failed probe stores no sample.
        QCOMPARE(scalar(store, QStringLiteral("SELECT count(*) FROM samples")).toInt(), 2);
        const QList<Event> events = store.events({}, {});
        QCOMPARE(events.size(), 3);
        QCOMPARE(events[0].kind, EventKind::Throttled);
        QCOMPARE(events[0].status, std::optional<int>(429));
        QCOMPARE(events[0].retryAfterS, std::optional<double>(120));
        QCOMPARE(events[1].kind, EventKind::Error);
        QCOMPARE(events[1].detail, QStringLiteral("connection refused"));
        QCOMPARE(events[2].kind, EventKind::Alert);
        QCOMPARE(store.events({}, {}, {}, 1).size(), 1);
        QCOMPARE(store.events({}, {}, {}, 1).first().kind, EventKind::Alert); // limit keeps the newest
        QCOMPARE(store.events({}, {}, {QStringLiteral("nobody")}).size(), 0);
        // A throttled probe without quotas still counts in the account's rollups.
        QCOMPARE(scalar(store, QStringLiteral("SELECT sum(throttled) FROM rollups")).toInt(), 1);
        const ChartSeries s = store.series(QStringLiteral("id-1"), QStringLiteral("core"), ok.probedAt.addSecs(-60),
                                           ok.probedAt.addSecs(600), 100);
        QCOMPARE(s.throttles, QList<qint64>{kT0 + 60000});
    }

    void eventKindIds()
    {
        for (EventKind k : {EventKind::Throttled, EventKind::NearLimit, EventKind::StateChange, EventKind::Alert,
                            EventKind::Error})
            QCOMPARE(eventKindFromId(eventKindId(k)), std::optional<EventKind>(k));
        QCOMPARE(eventKindId(EventKind::NearLimit), QStringLiteral("near_limit"));
        QCOMPARE(eventKindId(EventKind::StateChange), QStringLiteral("state_change"));
        QVERIFY(!eventKindFromId(QStringLiteral("bogus")).has_value());
    }

    void alertStatePersists()
    {
        {
            HistoryStore store;
            QVERIFY(store.open(m_path));
            QVERIFY(store.alertState(QStringLiteral("k")).isEmpty());
            QVERIFY(store.setAlertState(QStringLiteral("k"), QByteArray("\x00\x01state", 7)));
            QVERIFY(store.setAlertState(QStringLiteral("k"), QByteArray("\x00\x02state", 7)));
        }
        HistoryStore store;
        QVERIFY(store.open(m_path));
        QCOMPARE(store.alertState(QStringLiteral("k")), QByteArray("\x00\x02state", 7));
    }

    // Every write path uses SqlTransaction: one left without commit() leaves nothing behind and
    // the connection free for the next transaction.
    void transactionRollsBackUnlessCommitted()
    {
        HistoryStore store;
        QVERIFY(store.open(m_path));
        const QSqlDatabase db = store.connection();
        const QString insert = QStringLiteral("INSERT INTO alert_state(key, value) VALUES('%1', x'01')");
        {
            SqlTransaction tx(db);
            QVERIFY(tx.isActive());
            QVERIFY(QSqlQuery(db).exec(insert.arg(QStringLiteral("dropped"))));
        }
        QVERIFY(store.alertState(QStringLiteral("dropped")).isEmpty());
        {
            SqlTransaction tx(db);
            QVERIFY(QSqlQuery(db).exec(insert.arg(QStringLiteral("kept"))));
            QVERIFY(tx.commit());
            QVERIFY(!tx.isActive());
            QVERIFY(!tx.commit());
        }
        QCOMPARE(store.alertState(QStringLiteral("kept")), QByteArray("\x01"));
        // A transaction that never began rolls nothing back and says why.
        SqlTransaction outer(db);
        SqlTransaction inner(db);
        QVERIFY(outer.isActive());
        QVERIFY(!inner.isActive());
        QVERIFY(!inner.lastError().text().isEmpty());
        QVERIFY(outer.commit());
    }

    void inMemoryStore()
    {
        HistoryStore store;
        QString error;
        QVERIFY2(store.openInMemory(&error), qPrintable(error));
        QVERIFY(store.appendSamples({mk(QStringLiteral("a"), QStringLiteral("r"), kT0, 5)}));
        QCOMPARE(store.lastSample(QStringLiteral("a"), QStringLiteral("r"))->remaining, std::optional<qint64>(5));
        HistoryStore other;
        QVERIFY(other.openInMemory());
        QVERIFY(!other.lastSample(QStringLiteral("a"), QStringLiteral("r")).has_value());
    }

    void rollupsAreMaintainedOnInsert()
    {
        HistoryStore store;
        QVERIFY(store.open(m_path));
        // Hour 0 (12:00): 5000 -> 900 (below 20% of 5000 from :40), hour 1: 800, then 3000.
        QList<Sample> first{mk(QStringLiteral("a"), QStringLiteral("core"), kT0, 5000),
                            mk(QStringLiteral("a"), QStringLiteral("core"), kT0 + 40 * 60000, 900)};
        first[1].used = 4100;
        first[1].cost = 2;
        QVERIFY(store.appendSamples(first));
        // Separate transactions: the rollup upsert merges.
        Sample third = mk(QStringLiteral("a"), QStringLiteral("core"), kT0 + 70 * 60000, 800);
        third.status = 429;
        QVERIFY(store.appendSamples({third}));
        QVERIFY(store.appendSamples({mk(QStringLiteral("a"), QStringLiteral("core"), kT0 + 80 * 60000, 3000, 6000)}));
        // Out of order, older than the last: must not become "last".
        QVERIFY(store.appendSamples({mk(QStringLiteral("a"), QStringLiteral("core"), kT0 + 10 * 60000, 4500)}));

        QSqlQuery q(store.connection());
        QVERIFY(q.exec(QStringLiteral("SELECT hour, samples, min_remaining, max_remaining, last_remaining, last_limit, "
                                      "throttled, cost, below_ms, min_pct, max_used FROM rollups ORDER BY hour")));
        QVERIFY(q.next());
        QCOMPARE(q.value(0).toLongLong(), kT0);
        QCOMPARE(q.value(1).toInt(), 3);
        QCOMPARE(q.value(2).toLongLong(), 900);
        QCOMPARE(q.value(3).toLongLong(), 5000);
        QCOMPARE(q.value(4).toLongLong(), 900); // the 08:40 sample is the hour's last
        QCOMPARE(q.value(5).toLongLong(), 5000);
        QCOMPARE(q.value(6).toInt(), 0);
        QCOMPARE(q.value(7).toInt(), 2);
        // 900 at 08:40 below warning until the next sample at 09:10: 20 min in this hour...
        QCOMPARE(q.value(8).toLongLong(), 20 * 60000);
        QCOMPARE(q.value(9).toDouble(), 18.0);
        QCOMPARE(q.value(10).toLongLong(), 4100);
        QVERIFY(q.next());
        QCOMPARE(q.value(0).toLongLong(), kT0 + kHour);
        QCOMPARE(q.value(1).toInt(), 2);
        QCOMPARE(q.value(2).toLongLong(), 800);
        QCOMPARE(q.value(4).toLongLong(), 3000);
        QCOMPARE(q.value(5).toLongLong(), 6000);
        QCOMPARE(q.value(6).toInt(), 1);
        // ...10 min of it in the next hour, and 800 at 09:10 until 09:20: 20 min in all.
        QCOMPARE(q.value(8).toLongLong(), 20 * 60000);
        QVERIFY(!q.next());
        // Rollup sample counts always equal the raw counts.
        QCOMPARE(scalar(store, QStringLiteral("SELECT sum(samples) FROM rollups")).toInt(),
                 scalar(store, QStringLiteral("SELECT count(*) FROM samples")).toInt());
    }

    // Time below warning runs from a reading to the next, also when the next comes from another
    // process (one `headroom probe` per run): the previous reading is the committed one, not
    // the one being written.
    void belowWarningCountsFromTheLastRun()
    {
        {
            HistoryStore store;
            QVERIFY(store.open(m_path));
            QVERIFY(store.appendSamples({mk(QStringLiteral("a"), QStringLiteral("core"), kT0, 900)}));
        }
        HistoryStore store;
        QVERIFY(store.open(m_path));
        QVERIFY(store.appendSamples({mk(QStringLiteral("a"), QStringLiteral("core"), kT0 + 10 * 60000, 3000)}));
        QCOMPARE(scalar(store, QStringLiteral("SELECT sum(below_ms) FROM rollups")).toLongLong(), 10 * 60000);
        // With a threshold of 70 %, 3000 of 5000 is below too, from this process's next write on.
        store.setWarningFraction(0.7);
        QVERIFY(store.appendSamples({mk(QStringLiteral("a"), QStringLiteral("core"), kT0 + 15 * 60000, 3000)}));
        QVERIFY(store.appendSamples({mk(QStringLiteral("a"), QStringLiteral("core"), kT0 + 20 * 60000, 3000)}));
        QCOMPARE(scalar(store, QStringLiteral("SELECT sum(below_ms) FROM rollups")).toLongLong(), 15 * 60000);
    }

    // An account's own warning threshold (a per-account override) decides its time below
    // warning; the others keep the global one.
    void belowWarningFollowsEachAccountsThreshold()
    {
        HistoryStore store;
        QVERIFY(store.open(m_path));
        store.setWarningFraction(0.2);
        store.setAccountWarningFractions({{QStringLiteral("strict"), 0.3}});
        // 1,250 of 5,000 is 25 %: under 30 %, not under 20 %.
        for (const QString &id : {QStringLiteral("strict"), QStringLiteral("relaxed")}) {
            QVERIFY(store.appendSamples({mk(id, QStringLiteral("core"), kT0, 1250)}));
            QVERIFY(store.appendSamples({mk(id, QStringLiteral("core"), kT0 + 10 * 60000, 1250)}));
        }
        auto belowOf = [&](const QString &id) {
            return scalar(store, QStringLiteral("SELECT sum(r.below_ms) FROM rollups r JOIN accounts a ON a.key = "
                                                "r.account WHERE a.id = '%1'")
                                     .arg(id))
                .toLongLong();
        };
        QCOMPARE(belowOf(QStringLiteral("strict")), 10 * 60000);
        QCOMPARE(belowOf(QStringLiteral("relaxed")), 0);
    }

    // The write path folds a batch into one rollup upsert per account, resource and hour (and
    // per 6-hour block): the rows must equal what SQL recomputes from the raw samples, whatever
    // the order of samples inside and across batches. "Last" is the latest by time; among equal
    // times the later write (higher rowid) wins. below_ms is left out: it depends on arrival
    // order by design (an out-of-order reading does not re-split time already counted).
    void batchedRollupsEqualRecomputedFromRaw()
    {
        HistoryStore store;
        QVERIFY(store.open(m_path));
        const QString a = QStringLiteral("a"), b = QStringLiteral("b");
        const QString core = QStringLiteral("core"), search = QStringLiteral("search");
        auto with = [](Sample s, std::optional<qint64> used, std::optional<int> status, qint64 cost) {
            s.used = used;
            s.status = status;
            s.cost = cost;
            return s;
        };
        // Batch 1: hour 12:00 of a/core, in order.
        QVERIFY(store.appendSamples({mk(a, core, kT0 + 5 * 60000, 4000), mk(a, core, kT0 + 30 * 60000, 3000),
                                     with(mk(a, core, kT0 + 50 * 60000, 2500), 2500, 200, 1)}));
        // Batch 2: extends that hour with an older sample (not last) and a newer one, repeats a
        // time with another value, runs out of order across seven hours and a 6-hour boundary
        // (18:00), and mixes resources, accounts, limits, nulls, 429s and rate-limit 403s.
        QList<Sample> two{
            mk(a, core, kT0 + 20 * 60000, 100),                                 // older than 12:50: min, not last
            with(mk(a, core, kT0 + 7 * kHour + 10 * 60000, 900, 6000), 5100, 429, 2), // 19:10
            mk(a, core, kT0 + 55 * 60000, 2400),                                // newer: the hour's last
            mk(a, core, kT0 + 55 * 60000, 2300),                                // same time, later write: last
            mk(a, core, kT0 + 3 * kHour + 1000, std::nullopt),                  // 15:00, remaining unknown
            with(mk(a, core, kT0 + 6 * kHour - 1, 0), 5000, 403, 0),            // 17:59:59.999, a 403 at zero
            mk(a, core, kT0 + 6 * kHour, 4999, 6000),                           // 18:00 exactly
            mk(a, core, kT0 + 3 * kHour, 1200),                                 // 15:00, before the unknown
            mk(b, core, kT0 + 2 * kHour + 59 * 60000, 7, 10),
            mk(b, core, kT0 + 2 * kHour + 1 * 60000, 9, 10),
            mk(b, core, kT0 + 2 * kHour + 59 * 60000, 8, 12),                   // duplicate time, new limit
            with(mk(a, search, kT0 + 30 * 60000, 29, 30), 1, 429, 5),
            mk(a, search, kT0 + 10 * 60000, 30, 30),
        };
        QVERIFY(store.appendSamples(two));
        // Reopened, so the latest samples come from the file, then a larger shuffled batch over
        // ten hours that lands on hours both batches already wrote.
        store.close();
        QVERIFY(store.open(m_path));
        QRandomGenerator rng(4);
        QList<Sample> three;
        for (int i = 0; i < 600; ++i) {
            const QString &account = rng.bounded(2) ? a : b;
            const QString &resource = rng.bounded(3) ? core : search;
            const qint64 t = kT0 - kHour + rng.bounded(10 * 60) * 60000; // minute steps: many equal times
            std::optional<qint64> remaining;
            if (rng.bounded(10))
                remaining = rng.bounded(6000);
            Sample s = with(mk(account, resource, t, remaining, rng.bounded(2) ? 5000 : 6000),
                            rng.bounded(4) ? std::optional<qint64>(rng.bounded(6000)) : std::nullopt,
                            rng.bounded(8) == 0 ? std::optional<int>(rng.bounded(2) ? 429 : 403)
                                                : std::optional<int>(200),
                            rng.bounded(3));
            three << s;
        }
        QVERIFY(store.appendSamples(three));
        // And the same again in small batches, with a throttled probe that has no sample.
        for (int i = 0; i < 600; i += 97)
            QVERIFY(store.appendSamples(three.mid(i, 97)));
        ProbeResult throttled;
        throttled.accountId = a;
        throttled.probedAt = QDateTime::fromMSecsSinceEpoch(kT0 + 15 * 60000, Qt::UTC);
        throttled.error = QStringLiteral("429");
        throttled.reading.throttled = true;
        throttled.reading.status = 429;
        QVERIFY(store.record(toHistory(throttled)));

        const QString lastOf = QStringLiteral(
            "(SELECT %1 FROM samples s2 WHERE s2.account = g.account AND s2.resource = g.resource "
            "AND s2.time >= g.bucket AND s2.time < g.bucket + %2 %3 ORDER BY s2.time DESC, s2.rowid DESC LIMIT 1)");
        const QString hourly = QStringLiteral(
            "SELECT account, resource, bucket, n, mn, mx, %1, %2, last_time, min_pct, max_used, throttled, cost FROM ("
            "SELECT account, resource, time - time % 3600000 AS bucket, count(*) AS n, min(remaining) AS mn, "
            "max(remaining) AS mx, max(time) AS last_time, "
            "min(CASE WHEN lim > 0 AND remaining IS NOT NULL THEN 100.0 * remaining / lim END) AS min_pct, "
            "max(used) AS max_used, sum(CASE WHEN status = 429 OR (status = 403 AND remaining = 0) THEN 1 ELSE 0 END) "
            "AS throttled, sum(cost) AS cost FROM samples GROUP BY account, resource, bucket) g "
            "ORDER BY account, resource, bucket")
                                   .arg(lastOf.arg(QStringLiteral("remaining"), QStringLiteral("3600000"), QString()),
                                        lastOf.arg(QStringLiteral("lim"), QStringLiteral("3600000"),
                                                   QStringLiteral("AND s2.lim IS NOT NULL")));
        const QStringList expected = rowsOf(store, hourly);
        QVERIFY(expected.size() > 30);
        // The throttled probe without a sample counts on the account-wide row (resource "").
        QCOMPARE(rowsOf(store, QStringLiteral("SELECT samples, throttled FROM rollups WHERE resource = ''")),
                 QStringList{QStringLiteral("0|1")});
        QCOMPARE(rowsOf(store, QStringLiteral(
                                   "SELECT account, resource, hour, samples, min_remaining, max_remaining, last_remaining, "
                                   "last_limit, last_time, min_pct, max_used, throttled, cost FROM rollups "
                                   "WHERE samples > 0 ORDER BY account, resource, hour")),
                 expected);

        const QString blocks = QStringLiteral(
            "SELECT account, resource, bucket, n, mn, mx, %1, last_time FROM ("
            "SELECT account, resource, time - time % 21600000 AS bucket, count(*) AS n, min(remaining) AS mn, "
            "max(remaining) AS mx, max(time) AS last_time FROM samples GROUP BY account, resource, bucket) g "
            "ORDER BY account, resource, bucket")
                                   .arg(lastOf.arg(QStringLiteral("lim"), QStringLiteral("21600000"),
                                                   QStringLiteral("AND s2.lim IS NOT NULL")));
        const QStringList expectedBlocks = rowsOf(store, blocks);
        QVERIFY(expectedBlocks.size() >= 6);
        QCOMPARE(rowsOf(store, QStringLiteral("SELECT account, resource, block, samples, min_remaining, max_remaining, "
                                              "last_limit, last_time FROM rollups6h ORDER BY account, resource, block")),
                 expectedBlocks);
    }

    void retentionPrunesInSmallBatchesAndKeepsRollups()
    {
        HistoryStore store;
        QVERIFY(store.open(m_path));
        QCOMPARE(store.retentionDays(), 90);
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        QList<Sample> old, recent;
        for (int i = 0; i < 50; ++i) {
            old << mk(QStringLiteral("a"), QStringLiteral("core"), now - 100 * 24 * kHour + i * 60000, 100 + i);
            old << mk(QStringLiteral("b"), QStringLiteral("core"), now - 40 * 24 * kHour + i * 60000, 100 + i);
            recent << mk(QStringLiteral("a"), QStringLiteral("core"), now - kHour + i * 1000, 10);
        }
        QVERIFY(store.appendSamples(old));
        QVERIFY(store.appendSamples(recent));
        const int rollupsBefore = scalar(store, QStringLiteral("SELECT count(*) FROM rollups")).toInt();
        QCOMPARE(store.pruneOnce(20), 20);
        QCOMPARE(scalar(store, QStringLiteral("SELECT count(*) FROM samples")).toInt(), 130);
        QCOMPARE(store.pruneOnce(1000), 30);
        QCOMPARE(store.pruneOnce(1000), 0);
        store.setRetentionDays(30);
        QCOMPARE(store.pruneOnce(1000), 50); // b's samples are now outside the window
        QCOMPARE(scalar(store, QStringLiteral("SELECT count(*) FROM samples")).toInt(), 50);
        QCOMPARE(scalar(store, QStringLiteral("SELECT min(remaining) FROM samples")).toInt(), 10);
        // Rollups are kept for good.
        QCOMPARE(scalar(store, QStringLiteral("SELECT count(*) FROM rollups")).toInt(), rollupsBefore);
        QCOMPARE(scalar(store, QStringLiteral("SELECT sum(samples) FROM rollups")).toInt(), 150);
    }

    void seriesKeepsEveryColumnsMinAndMax_data()
    {
        QTest::addColumn<quint32>("seed");
        QTest::addColumn<qint64>("span");
        for (quint32 seed = 1; seed <= 6; ++seed) {
            QTest::addRow("raw-%u", seed) << seed << qint64(24 * kHour);
            QTest::addRow("rollups-%u", seed) << seed << qint64(20 * 24 * kHour);
            QTest::addRow("6h-blocks-%u", seed) << seed << qint64(200 * 24 * kHour);
        }
    }

    void seriesKeepsEveryColumnsMinAndMax()
    {
        QFETCH(quint32, seed);
        QFETCH(qint64, span);
        QRandomGenerator rng(seed);
        HistoryStore store;
        QVERIFY(store.open(m_path));
        const int n = 3000;
        QList<Sample> all;
        std::map<qint64, qint64> values; // time -> remaining
        for (int i = 0; i < n; ++i) {
            const qint64 t = kT0 + qint64(rng.bounded(quint32(span / 1000))) * 1000;
            if (values.count(t))
                continue;
            // Mostly smooth, with rare spikes either way.
            qint64 v = 2000 + qint64(rng.bounded(100));
            if (rng.bounded(50) == 0)
                v = qint64(rng.bounded(5000));
            std::optional<qint64> rem = v;
            if (rng.bounded(40) == 0)
                rem = std::nullopt; // unknown readings are skipped, not zero
            all << mk(QStringLiteral("acc"), QStringLiteral("core"), t, rem);
            if (rem)
                values[t] = v;
        }
        QVERIFY(store.appendSamples(all));
        const int pixels = 50 + int(rng.bounded(250));
        const QDateTime from = QDateTime::fromMSecsSinceEpoch(kT0, Qt::UTC);
        const QDateTime to = QDateTime::fromMSecsSinceEpoch(kT0 + span, Qt::UTC);
        const ChartSeries s = store.series(QStringLiteral("acc"), QStringLiteral("core"), from, to, pixels);
        QCOMPARE(s.fromRollups, span > 2 * 24 * kHour);
        const qint64 width = (span + pixels - 1) / pixels;
        // Expected per column, from the raw data (rollups bucket by hour start).
        std::map<qint64, std::pair<qint64, qint64>> expected;
        for (const auto &[t, v] : values) {
            const qint64 level = width >= 6 * kHour ? 6 * kHour : kHour;
            const qint64 x = s.fromRollups ? t - t % level : t;
            const qint64 col = (x - kT0) / width;
            auto it = expected.find(col);
            if (it == expected.end())
                expected[col] = {v, v};
            else
                it->second = {std::min(it->second.first, v), std::max(it->second.second, v)};
        }
        std::map<qint64, std::pair<qint64, qint64>> got;
        qint64 lastX = std::numeric_limits<qint64>::min();
        for (const QPointF &p : s.remaining) {
            const qint64 x = qint64(p.x());
            QVERIFY2(x >= lastX, "points must be in x order");
            lastX = x;
            const qint64 col = (x - kT0) / width;
            const qint64 v = qint64(p.y());
            auto it = got.find(col);
            if (it == got.end())
                got[col] = {v, v};
            else
                it->second = {std::min(it->second.first, v), std::max(it->second.second, v)};
        }
        QCOMPARE(got.size(), expected.size());
        QVERIFY(got == expected);
        QVERIFY(s.remaining.size() <= 2 * pixels);
        if (!s.fromRollups) {
            // Every raw point's x lies in its column: the kept points are real samples.
            for (const QPointF &p : s.remaining)
                QVERIFY(values.count(qint64(p.x())));
        }
        QVERIFY(!s.limit.isEmpty());
    }

    void seriesReportsResetsAndThrottles()
    {
        HistoryStore store;
        QVERIFY(store.open(m_path));
        QList<Sample> list;
        for (int i = 0; i < 120; ++i) {
            Sample s = mk(QStringLiteral("a"), QStringLiteral("core"), kT0 + i * 60000, 100 - i % 60);
            s.resetAt = QDateTime::fromMSecsSinceEpoch(kT0 + (i / 60 + 1) * kHour, Qt::UTC);
            list << s;
        }
        QVERIFY(store.appendSamples(list));
        Event e;
        e.accountId = QStringLiteral("a");
        e.kind = EventKind::Throttled;
        e.time = QDateTime::fromMSecsSinceEpoch(kT0 + 30 * 60000, Qt::UTC);
        QVERIFY(store.appendEvents({e}));
        const ChartSeries s = store.series(QStringLiteral("a"), QStringLiteral("core"),
                                           QDateTime::fromMSecsSinceEpoch(kT0, Qt::UTC),
                                           QDateTime::fromMSecsSinceEpoch(kT0 + 3 * kHour, Qt::UTC), 10);
        QCOMPARE(s.resets, (QList<qint64>{kT0 + kHour, kT0 + 2 * kHour}));
        QCOMPARE(s.throttles, QList<qint64>{kT0 + 30 * 60000});
        QVERIFY(store.series(QStringLiteral("nobody"), QStringLiteral("core"),
                             QDateTime::fromMSecsSinceEpoch(kT0, Qt::UTC),
                             QDateTime::fromMSecsSinceEpoch(kT0 + kHour, Qt::UTC), 10)
                    .remaining.isEmpty());
    }

    void migratesFromEveryOlderVersion_data()
    {
        QTest::addColumn<int>("from");
        QTest::newRow("empty sqlite file (v0)") << 0;
        QTest::newRow("v1") << 1;
        QTest::newRow("v2") << 2;
        QTest::newRow("v3") << 3;
    }

    void migratesFromEveryOlderVersion()
    {
        QFETCH(int, from);
        QVERIFY(QDir().mkpath(QFileInfo(m_path).path()));
        QStringList ddl;
        if (from == 0)
            ddl << QStringLiteral("CREATE TABLE t(x)") << QStringLiteral("DROP TABLE t");
        if (from >= 1)
            ddl << kSchemaV1;
        if (from >= 2)
            ddl << kSchemaV2Extra;
        if (from >= 1) {
            ddl << QStringLiteral("INSERT INTO accounts(key, id, name, provider) VALUES(1, 'id-1', 'Old', 'github')");
            // Two hours of one account: 10:00 5000, 10:30 500 (below), 11:15 400, 11:45 4000.
            ddl << QStringLiteral("INSERT INTO samples VALUES(1, 'core', %1, 5000, 5000, 0, NULL, 200, 1)").arg(kT0);
            ddl << QStringLiteral("INSERT INTO samples VALUES(1, 'core', %1, 5000, 500, 4500, NULL, 200, 0)")
                       .arg(kT0 + 30 * 60000);
            ddl << QStringLiteral("INSERT INTO samples VALUES(1, 'core', %1, 5000, 400, NULL, NULL, 429, 0)")
                       .arg(kT0 + 75 * 60000);
            ddl << QStringLiteral("INSERT INTO samples VALUES(1, 'core', %1, 6000, 4000, NULL, NULL, 200, 0)")
                       .arg(kT0 + 105 * 60000);
            ddl << QStringLiteral("INSERT INTO events(account, time, kind, detail) VALUES(1, %1, 'error', 'x')").arg(kT0);
            if (from >= 3)
                ddl << kSchemaV3Extra; // a v3 file kept its rollups current
        }
        QVERIFY(runSql(m_path, ddl));
        HistoryStore store;
        QString error;
        QVERIFY2(store.open(m_path, &error), qPrintable(error));
        QVERIFY2(store.takeNotice().isEmpty(), "an older schema is migrated, not quarantined");
        QCOMPARE(scalar(store, QStringLiteral("PRAGMA user_version")).toInt(), HistoryStore::schemaVersion());
        QVERIFY(store.setAlertState(QStringLiteral("k"), "v"));
        if (from == 0)
            return;
        QCOMPARE(scalar(store, QStringLiteral("SELECT count(*) FROM samples")).toInt(), 4);
        QCOMPARE(store.events({}, {}).size(), 1);
        QCOMPARE(store.accounts().first().name, QStringLiteral("Old"));
        QSqlQuery q(store.connection());
        QVERIFY(q.exec(QStringLiteral("SELECT samples, min_remaining, max_remaining, last_remaining, last_limit, "
                                      "throttled, cost, below_ms FROM rollups ORDER BY hour")));
        QVERIFY(q.next());
        QCOMPARE(q.value(0).toInt(), 2);
        QCOMPARE(q.value(1).toInt(), 500);
        QCOMPARE(q.value(2).toInt(), 5000);
        QCOMPARE(q.value(3).toInt(), 500);
        QCOMPARE(q.value(4).toInt(), 5000);
        QCOMPARE(q.value(6).toInt(), 1);
        QCOMPARE(q.value(7).toLongLong(), 30 * 60000); // to the hour's end
        QVERIFY(q.next());
        QCOMPARE(q.value(0).toInt(), 2);
        QCOMPARE(q.value(3).toInt(), 4000);
        QCOMPARE(q.value(4).toInt(), 6000);
        QCOMPARE(q.value(5).toInt(), 1);
        QCOMPARE(q.value(7).toLongLong(), 30 * 60000);
        // New writes continue the migrated rollups.
        QVERIFY(store.appendSamples({mk(QStringLiteral("id-1"), QStringLiteral("core"), kT0 + 110 * 60000, 100)}));
        QCOMPARE(scalar(store, QStringLiteral("SELECT sum(samples) FROM rollups")).toInt(), 5);
        QCOMPARE(scalar(store, QStringLiteral("SELECT sum(samples) FROM rollups6h")).toInt(), 5);
        QCOMPARE(scalar(store, QStringLiteral("SELECT min(min_remaining) FROM rollups6h")).toInt(), 100);
        QCOMPARE(scalar(store, QStringLiteral("SELECT last_limit FROM rollups6h")).toInt(), 5000);
        QCOMPARE(scalar(store, QStringLiteral("SELECT count(*) FROM accounts")).toInt(), 1);
    }

    void newerSchemaIsRefusedAndLeftAlone()
    {
        {
            HistoryStore store;
            QVERIFY(store.open(m_path));
        }
        QVERIFY(runSql(m_path, {QStringLiteral("PRAGMA user_version=%1").arg(HistoryStore::schemaVersion() + 1)}));
        HistoryStore store;
        QString error;
        QVERIFY(!store.open(m_path, &error));
        QVERIFY2(error.contains(QStringLiteral("newer version of Headroom")), qPrintable(error));
        QVERIFY(!store.isOpen());
        QVERIFY(QFile::exists(m_path));
        QCOMPARE(QDir(QFileInfo(m_path).path()).entryList({QStringLiteral("*.corrupt-*")}).size(), 0);
    }

private:
    QTemporaryDir m_dir;
    QString m_path;
    int m_n = 0;
};

QTEST_GUILESS_MAIN(TestHistoryStore)
#include "tst_historystore.moc"
