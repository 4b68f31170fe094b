// `headroom history migrate --from sqlite:PATH --to postgresql://…` through the real binary into
// a real PostgreSQL server (a throwaway cluster): everything arrives (rollups older than the raw
// samples kept too), the PostgreSQL store then answers what the SQLite store answers, a second
// run doubles nothing, a run killed with -9 half-way continues where it stopped, and usage
// errors say what is wrong in one line.
#include "clirunner.h"
#include "history/historystore.h"
#include "history/historytypes.h"
#include "history/pghistorystore.h"
#include "historydescribe.h"
#include "pgcluster.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

using namespace TestCli;

namespace {

constexpr qint64 kHour = 3600000;
constexpr qint64 kDay = 24 * kHour;

QDateTime at(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC);
}

const QStringList kTables{QStringLiteral("accounts"), QStringLiteral("samples"), QStringLiteral("rollups"),
                          QStringLiteral("rollups6h"), QStringLiteral("events"), QStringLiteral("alert_state")};

// An event without the store's own id, which differs between the two.
QString describe(const Event &e)
{
    return QStringLiteral("%1@%2 %3 %4 %5 %6")
        .arg(e.accountId)
        .arg(e.time.toMSecsSinceEpoch())
        .arg(eventKindId(e.kind))
        .arg(e.status ? QString::number(*e.status) : QStringLiteral("-"))
        .arg(e.retryAfterS ? QString::number(*e.retryAfterS, 'g', 17) : QStringLiteral("-"))
        .arg(e.detail);
}

} // namespace

class TestCliHistoryMigrate : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void usageErrors_data();
    void usageErrors();
    void copiesEverythingAndVerifies();
    void killedHalfWayContinues();

private:
    // A SQLite history of 120 days: three accounts, a sample every `stepMin` minutes per series,
    // raw samples pruned after 90 days (their rollups stay), events and alert state.
    bool buildSource(const QString &path, int stepMin);
    qint64 sqliteCount(const QString &path, const QString &table);
    qint64 pgCount(const QString &db, const QString &table);
    QStringList migrateArgs(const QString &file, const QString &db) const;

    PgCluster m_pg;
    QTemporaryDir m_root;
    qint64 m_t0 = 0;
};

void TestCliHistoryMigrate::initTestCase()
{
    QVERIFY2(m_pg.start(), qPrintable(m_pg.error()));
    QVERIFY(m_root.isValid());
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    m_t0 = now - now % kHour - 120 * kDay;
}

bool TestCliHistoryMigrate::buildSource(const QString &path, int stepMin)
{
    HistoryStore store;
    if (!store.open(path))
        return false;
    const QList<std::pair<QString, QStringList>> accounts{
        {QStringLiteral("alpha"), {QStringLiteral("core"), QStringLiteral("search")}},
        {QStringLiteral("beta"), {QStringLiteral("core")}},
        {QStringLiteral("pool:team"), {QStringLiteral("core")}}};
    store.registerAccount(QStringLiteral("alpha"), QStringLiteral("Alpha \"prod\""), QStringLiteral("github"));
    store.registerAccount(QStringLiteral("beta"), QStringLiteral("Bêta\\ci"), QStringLiteral("gitlab"));
    store.registerAccount(QStringLiteral("pool:team"), QStringLiteral("team"), QStringLiteral("github"));
    const qint64 step = qint64(stepMin) * 60000;
    const qint64 end = m_t0 + 120 * kDay;
    int n = 0;
    for (const auto &[id, resources] : accounts) {
        for (const QString &resource : resources) {
            QList<Sample> batch;
            for (qint64 t = m_t0; t < end; t += step, ++n) {
                Sample s;
                s.accountId = id;
                s.resource = resource;
                s.time = at(t);
                s.limit = 5000;
                const qint64 windowStart = t - t % kHour;
                s.remaining = 5000 - (t - windowStart) / 60000 * 70 - (n % 7);
                s.used = 5000 - *s.remaining;
                s.resetAt = at(windowStart + kHour);
                if (n % 53 == 0) {
                    s.remaining = 0;
                    s.status = 429;
                } else if (n % 3 != 0) {
                    s.status = 200;
                }
                s.cost = n % 5 == 0 ? 1 : 0;
                batch << s;
                if (batch.size() == 5000) {
                    if (!store.appendSamples(batch))
                        return false;
                    batch.clear();
                }
            }
            if (!batch.isEmpty() && !store.appendSamples(batch))
                return false;
        }
        QList<Event> events;
        for (int i = 0; i < 60; ++i) {
            Event e;
            e.accountId = id;
            e.time = at(m_t0 + i * 2 * kDay + 1234);
            e.kind = QList<EventKind>{EventKind::Throttled, EventKind::NearLimit, EventKind::StateChange,
                                      EventKind::Alert, EventKind::Error}
                         .at(i % 5);
            if (i % 2 == 0)
                e.status = 429;
            if (i % 4 == 0)
                e.retryAfterS = 12.5 + i;
            e.detail = QStringLiteral("it's \\ \"%1\" ü").arg(i);
            events << e;
        }
        // Two events at the same instant of the same kind stay two.
        events << events.last();
        if (!store.appendEvents(events))
            return false;
    }
    store.setAlertState(QStringLiteral("alerts/alpha"), QByteArray("\x00\x01\xff{\"k\":1}", 10));
    store.setAlertState(QStringLiteral("alerts/beta"), QByteArray("latched"));
    store.setAlertState(QStringLiteral("snooze/pool:team"), QByteArray());
    // The raw samples of the first 30 days go, as the retention of 90 days has them go; their
    // hourly rollups and 6-hour blocks stay, and only they can carry those days over.
    store.setRetentionDays(90);
    while (store.pruneOnce(20000) > 0) {
    }
    store.close();
    return sqliteCount(path, QStringLiteral("samples")) > 0;
}

qint64 TestCliHistoryMigrate::sqliteCount(const QString &path, const QString &table)
{
    const QString name = QStringLiteral("peek-") + QString::number(qHash(path));
    qint64 n = -1;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(path);
        if (db.open()) {
            QSqlQuery q(db);
            if (q.exec(QStringLiteral("SELECT count(*) FROM ") + table) && q.next())
                n = q.value(0).toLongLong();
        }
    }
    QSqlDatabase::removeDatabase(name);
    return n;
}

qint64 TestCliHistoryMigrate::pgCount(const QString &db, const QString &table)
{
    const auto out = m_pg.psql(QStringLiteral("SELECT count(*) FROM ") + table, db);
    return out ? out->toLongLong() : -1;
}

QStringList TestCliHistoryMigrate::migrateArgs(const QString &file, const QString &db) const
{
    return {QStringLiteral("history"), QStringLiteral("migrate"), QStringLiteral("--from"), QStringLiteral("sqlite:") + file,
            QStringLiteral("--to"), m_pg.url(db)};
}

void TestCliHistoryMigrate::usageErrors_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("said");
    const QString url = QStringLiteral("postgresql://headroom@127.0.0.1:1/none");
    const QString file = QStringLiteral("sqlite:/tmp/headroom-none.sqlite");
    const QString h = QStringLiteral("history"), m = QStringLiteral("migrate"), f = QStringLiteral("--from"),
                  t = QStringLiteral("--to");
    QTest::newRow("no --from") << QStringList{h, m, t, url} << QStringLiteral("--from URL is required");
    QTest::newRow("no --to") << QStringList{h, m, f, file} << QStringLiteral("--to URL is required");
    QTest::newRow("nothing") << QStringList{h, m} << QStringLiteral("--from URL is required");
    QTest::newRow("same file twice") << QStringList{h, m, f, file, t, QStringLiteral("/tmp/headroom-none.sqlite")}
                                     << QStringLiteral("the same history");
    QTest::newRow("same database twice") << QStringList{h, m, f, url, t, url} << QStringLiteral("the same history");
    QTest::newRow("unknown scheme") << QStringList{h, m, f, QStringLiteral("mysql://db/x"), t, url}
                                    << QStringLiteral("--from: 'mysql://db/x' is not a history");
    QTest::newRow("postgresql into sqlite") << QStringList{h, m, f, url, t, file}
                                            << QStringLiteral("only a SQLite history into PostgreSQL");
    QTest::newRow("password in --to")
        << QStringList{h, m, f, file, t, QStringLiteral("postgresql://admin:hunter2secret@db.example.org/team")}
        << QStringLiteral("~/.pgpass");
    QTest::newRow("an argument") << QStringList{h, m, QStringLiteral("extra"), f, file, t, url}
                                 << QStringLiteral("takes no arguments");
    QTest::newRow("no subcommand") << QStringList{h} << QStringLiteral("migrate");
}

void TestCliHistoryMigrate::usageErrors()
{
    QFETCH(QStringList, args);
    QFETCH(QString, said);
    QTemporaryDir root;
    const Run r = run(QStringLiteral(HEADROOM_BIN), args, isolatedEnvironment(root));
    QCOMPARE(r.code, 2);
    QVERIFY2(r.err.contains(said.toUtf8()), r.err.constData());
    QCOMPARE(r.err.count('\n'), 1);
    QVERIFY2(!r.err.contains("hunter2secret"), r.err.constData());
    QVERIFY(r.out.isEmpty());
}

void TestCliHistoryMigrate::copiesEverythingAndVerifies()
{
    const QString file = m_root.filePath(QStringLiteral("full.sqlite"));
    QVERIFY(buildSource(file, 30));
    const QString db = QStringLiteral("full");
    QVERIFY(m_pg.createDatabase(db));
    // Raw samples of the first 30 days were pruned, their rollups kept.
    {
        HistoryStore lite;
        QVERIFY(lite.open(file));
        QVERIFY(lite.samples(QStringLiteral("alpha"), QStringLiteral("core"), at(m_t0), at(m_t0 + 29 * kDay)).isEmpty());
    }

    QTemporaryDir home;
    const QProcessEnvironment env = isolatedEnvironment(home);
    Run r = run(QStringLiteral(HEADROOM_BIN), migrateArgs(file, db), env, {}, 120000);
    QVERIFY2(r.code == 0, r.err.constData());
    QVERIFY2(r.err.contains("samples: "), r.err.constData());
    QVERIFY2(QRegularExpression(QStringLiteral("samples: [0-9,]+ / [0-9,]+ \\(100 %\\)"))
                 .match(QString::fromUtf8(r.err))
                 .hasMatch(),
             r.err.constData());
    for (const QString &table : kTables) {
        const qint64 source = sqliteCount(file, table);
        QVERIFY(source > 0);
        QCOMPARE(pgCount(db, table), source);
        // The table printed: the row names the table, both counts equal, "ok".
        const QRegularExpression row(QStringLiteral("^%1 +([0-9,]+) +([0-9,]+) +([0-9,]+) +ok$").arg(table),
                                     QRegularExpression::MultilineOption);
        const QRegularExpressionMatch m = row.match(QString::fromUtf8(r.out));
        QVERIFY2(m.hasMatch(), r.out.constData());
        QCOMPARE(m.captured(1).remove(u',').toLongLong(), source);
        QCOMPARE(m.captured(2).remove(u',').toLongLong(), source);
        QCOMPARE(m.captured(3).remove(u',').toLongLong(), source);
    }
    // Rollups of hours without raw samples arrived as they were.
    QCOMPARE(m_pg.psql(QStringLiteral("SELECT count(*) > 0 FROM rollups r WHERE NOT EXISTS (SELECT 1 FROM samples s "
                                      "WHERE s.account = r.account AND s.resource = r.resource AND s.time >= r.hour "
                                      "AND s.time < r.hour + 3600000)"),
                       db),
             std::optional<QString>(QStringLiteral("t")));
    QCOMPARE(m_pg.psql(QStringLiteral("SELECT count(DISTINCT uid) FROM events"), db)->toLongLong(),
             sqliteCount(file, QStringLiteral("events")));

    // The PostgreSQL store answers what the SQLite store answers.
    {
        HistoryStore lite;
        QVERIFY(lite.open(file));
        PgHistoryStore pg;
        QString error;
        QVERIFY2(pg.open(m_pg.url(db), &error), qPrintable(error));
        auto accountsOf = [](const HistoryBackend &s) {
            QStringList out;
            for (const auto &a : s.accounts())
                out << a.id + u'|' + a.name + u'|' + a.provider;
            out.sort();
            return out;
        };
        QCOMPARE(accountsOf(pg), accountsOf(lite));
        auto eventsOf = [](const HistoryBackend &s) {
            QStringList out;
            for (const Event &e : s.events({}, {}, {}, -1))
                out << describe(e);
            return out;
        };
        QCOMPARE(eventsOf(pg).size(), 183);
        QCOMPARE(eventsOf(pg), eventsOf(lite));
        for (const QString &key : {QStringLiteral("alerts/alpha"), QStringLiteral("alerts/beta")})
            QCOMPARE(pg.alertState(key), lite.alertState(key));
        for (const QString &account : {QStringLiteral("alpha"), QStringLiteral("beta"), QStringLiteral("pool:team")}) {
            QCOMPARE(pg.resources(account), lite.resources(account));
            for (const QString &resource : lite.resources(account)) {
                const qint64 end = m_t0 + 120 * kDay;
                // Raw (a day), hourly rollups (20 days), 6-hour blocks over the whole, pruned days included.
                for (const auto &[from, to] : {std::pair{end - kDay, end}, std::pair{end - 20 * kDay, end},
                                               std::pair{m_t0, end}, std::pair{m_t0, m_t0 + 25 * kDay}}) {
                    const ChartSeries a = lite.series(account, resource, at(from), at(to), 300);
                    const ChartSeries b = pg.series(account, resource, at(from), at(to), 300);
                    QVERIFY(!a.remaining.isEmpty());
                    QCOMPARE(describe(b), describe(a));
                }
                QCOMPARE(pg.samples(account, resource, at(end - 3 * kDay), at(end)).size(),
                         lite.samples(account, resource, at(end - 3 * kDay), at(end)).size());
            }
        }
    }

    // A second run copies nothing and changes nothing.
    r = run(QStringLiteral(HEADROOM_BIN), migrateArgs(file, db), env, {}, 120000);
    QVERIFY2(r.code == 0, r.err.constData());
    for (const QString &table : kTables) {
        const qint64 source = sqliteCount(file, table);
        QCOMPARE(pgCount(db, table), source);
        const QRegularExpression row(QStringLiteral("^%1 +([0-9,]+) +([0-9,]+) +0 +ok$").arg(table),
                                     QRegularExpression::MultilineOption);
        QVERIFY2(row.match(QString::fromUtf8(r.out)).hasMatch(), r.out.constData());
    }

    // A destination that lost rows since is a mismatch until the next run puts them back.
    QVERIFY(m_pg.psql(QStringLiteral("DELETE FROM events WHERE id IN (SELECT id FROM events ORDER BY id LIMIT 3)"), db));
    QVERIFY(m_pg.psql(QStringLiteral("CREATE FUNCTION no_events() RETURNS trigger LANGUAGE plpgsql AS "
                                     "$$BEGIN RETURN NULL; END$$; CREATE TRIGGER no_events BEFORE INSERT ON events "
                                     "FOR EACH ROW EXECUTE FUNCTION no_events()"),
                      db));
    r = run(QStringLiteral(HEADROOM_BIN), migrateArgs(file, db), env, {}, 120000);
    QCOMPARE(r.code, 1);
    QVERIFY2(QRegularExpression(QStringLiteral("^events +183 +180 +0 +MISMATCH$"), QRegularExpression::MultilineOption)
                 .match(QString::fromUtf8(r.out))
                 .hasMatch(),
             r.out.constData());
    QVERIFY2(r.err.contains("differ from the source's for events"), r.err.constData());
    QVERIFY(m_pg.psql(QStringLiteral("DROP TRIGGER no_events ON events"), db));
    r = run(QStringLiteral(HEADROOM_BIN), migrateArgs(file, db), env, {}, 120000);
    QVERIFY2(r.code == 0, r.err.constData());
    QCOMPARE(pgCount(db, QStringLiteral("events")), 183);
}

void TestCliHistoryMigrate::killedHalfWayContinues()
{
    const QString file = m_root.filePath(QStringLiteral("killed.sqlite"));
    QVERIFY(buildSource(file, 20));
    const QString db = QStringLiteral("killed");
    QVERIFY(m_pg.createDatabase(db));
    const qint64 samples = sqliteCount(file, QStringLiteral("samples"));

    QTemporaryDir home;
    QProcessEnvironment env = isolatedEnvironment(home);
    // Batches of 20 rows: the copy takes long enough to be killed in the middle of the samples.
    env.insert(QStringLiteral("HEADROOM_MIGRATE_BATCH"), QStringLiteral("20"));
    QProcess p;
    p.setProcessEnvironment(env);
    p.start(QStringLiteral(HEADROOM_BIN), migrateArgs(file, db));
    QVERIFY(p.waitForStarted());
    qint64 copied = 0;
    QElapsedTimer waited;
    waited.start();
    while (copied < samples / 4 && waited.elapsed() < 60000 && p.state() == QProcess::Running) {
        QTest::qWait(20);
        copied = pgCount(db, QStringLiteral("samples"));
    }
    QVERIFY2(p.state() == QProcess::Running, p.readAllStandardError().constData());
    ::kill(pid_t(p.processId()), SIGKILL);
    QVERIFY(p.waitForFinished());
    const qint64 atKill = pgCount(db, QStringLiteral("samples"));
    QVERIFY2(atKill > 0 && atKill < samples, qPrintable(QStringLiteral("%1 of %2").arg(atKill).arg(samples)));
    QCOMPARE(pgCount(db, QStringLiteral("events")), 0);

    // The second run starts where the first stopped, not at 0, and completes.
    const Run r = run(QStringLiteral(HEADROOM_BIN), migrateArgs(file, db), env, {}, 240000);
    QVERIFY2(r.code == 0, r.err.constData());
    // The first progress line of the samples.
    QRegularExpressionMatch m = QRegularExpression(QStringLiteral("samples: ([0-9,]+) / ")).match(QString::fromUtf8(r.err));
    QVERIFY2(m.hasMatch(), r.err.constData());
    QVERIFY2(m.captured(1).remove(u',').toLongLong() >= atKill - 20, r.err.constData());
    for (const QString &table : kTables)
        QCOMPARE(pgCount(db, table), sqliteCount(file, table));
    // What the first run had copied was not copied again.
    const QRegularExpressionMatch row = QRegularExpression(QStringLiteral("^samples +([0-9,]+) +([0-9,]+) +([0-9,]+) +ok$"),
                                                           QRegularExpression::MultilineOption)
                                            .match(QString::fromUtf8(r.out));
    QVERIFY2(row.hasMatch(), r.out.constData());
    QCOMPARE(row.captured(3).remove(u',').toLongLong(), samples - atKill);
}

QTEST_GUILESS_MAIN(TestCliHistoryMigrate)
#include "tst_cli_historymigrate.moc"
