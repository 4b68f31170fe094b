// PgHistoryStore against a real PostgreSQL server (a throwaway cluster, tests/common/pgcluster.h):
// schema and migrations, URL forms, round trips, the same results as the SQLite store for the
// same input (rollups, time below warning, decimated series), pruning, a server restarted
// under writes, the server and a writer killed with -9.
#include "history/historystore.h"
#include "history/pghistorystore.h"
#include "history/pgschema.h"
#include "historydescribe.h"
#include "pgcluster.h"

#include <QElapsedTimer>
#include <QProcess>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTemporaryDir>
#include <QThread>
#include <QtTest>

#include <algorithm>
#include <map>
#include <set>

namespace {

const qint64 kHour = 3600 * 1000;
const qint64 kDay = 24 * kHour;
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

QDateTime at(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC);
}

// Rows of a query as text (NULL spelled out, reals to 12 digits), so both engines' rows compare.
QStringList rowsOf(const QSqlDatabase &db, const QString &sql)
{
    QStringList out;
    QSqlQuery q(db);
    if (!q.exec(sql)) {
        qWarning() << sql << q.lastError().text();
        return {QStringLiteral("query failed")};
    }
    while (q.next()) {
        QStringList cells;
        for (int i = 0; i < q.record().count(); ++i) {
            const QVariant v = q.value(i);
            if (v.isNull())
                cells << QStringLiteral("NULL");
            else if (v.typeId() == QMetaType::Double)
                cells << QString::number(v.toDouble(), 'g', 12);
            else
                cells << v.toString();
        }
        out << cells.join(u'|');
    }
    return out;
}

QVariant scalarOf(const QSqlDatabase &db, const QString &sql)
{
    QSqlQuery q(db);
    if (!q.exec(sql) || !q.next()) {
        qWarning() << sql << q.lastError().text();
        return {};
    }
    return q.value(0);
}

// A connection of the test's own to one database of the cluster, to look at the tables.
class PgPeek
{
public:
    PgPeek(const PgCluster &pg, const QString &database)
        : m_name(QStringLiteral("peek-") + database + u'-' + QString::number(++s_serial))
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), m_name);
        db.setHostName(QStringLiteral("127.0.0.1"));
        db.setPort(pg.port());
        db.setUserName(QStringLiteral("headroom"));
        db.setDatabaseName(database);
        db.open();
    }
    ~PgPeek() { QSqlDatabase::removeDatabase(m_name); }
    QSqlDatabase db() const { return QSqlDatabase::database(m_name, false); }
    QVariant scalar(const QString &sql) const { return scalarOf(db(), sql); }
    QStringList rows(const QString &sql) const { return rowsOf(db(), sql); }

private:
    QString m_name;
    static inline int s_serial = 0;
};

// Reads lines from a helper until `line` appears (any line when empty), it ends, or time runs out.
bool waitForLine(QProcess &p, const QByteArray &line, QByteArray *all, int timeoutMs = 30000)
{
    QElapsedTimer timer;
    timer.start();
    while (timer.elapsed() < timeoutMs) {
        while (p.canReadLine()) {
            const QByteArray l = p.readLine();
            all->append(l);
            if (l.trimmed() == line || line.isEmpty())
                return true;
        }
        if (p.state() == QProcess::NotRunning)
            return false;
        p.waitForReadyRead(200);
    }
    return false;
}

qint64 lastAckIn(const QByteArray &out)
{
    qint64 last = -1;
    for (const QByteArray &l : out.split('\n')) {
        bool ok = false;
        const qint64 id = l.trimmed().toLongLong(&ok);
        if (ok)
            last = std::max(last, id);
    }
    return last;
}

// Random but reproducible history: three resources of two accounts (one unnamed), gaps, unknown
// values, refusals, changing limits, resets, events and throttle marks, written in batches that
// arrive partly out of order. Each (account, resource, time) occurs once.
struct Workload
{
    QList<HistoryRecord> records;
    QList<QList<Sample>> batches;

    static Workload make(quint32 seed)
    {
        QRandomGenerator rng(seed);
        Workload w;
        const QStringList accounts{QStringLiteral("alpha"), QStringLiteral("beta")};
        const QStringList resources{QStringLiteral("core"), QStringLiteral("search"), QString()};
        std::set<std::tuple<int, int, qint64>> used;
        QList<Sample> all;
        for (int i = 0; i < 4000; ++i) {
            const int a = int(rng.bounded(2));
            const int r = int(rng.bounded(3));
            // Half in the first two days (raw ranges), the rest over 200 days (rollups, blocks).
            const qint64 span = rng.bounded(2) ? 2 * kDay : 200 * kDay;
            const qint64 t = kT0 + qint64(rng.bounded(quint32(span / 1000))) * 1000;
            if (!used.insert({a, r, t}).second)
                continue;
            Sample s = mk(accounts.at(a), resources.at(r), t, 100 + qint64(rng.bounded(4900)));
            if (rng.bounded(30) == 0)
                s.remaining = std::nullopt;
            if (rng.bounded(40) == 0)
                s.limit = std::nullopt;
            else if (rng.bounded(10) == 0)
                s.limit = 6000;
            if (rng.bounded(8) == 0)
                s.remaining = qint64(rng.bounded(900)); // below warning
            if (s.remaining && s.limit)
                s.used = *s.limit - *s.remaining;
            const quint32 st = rng.bounded(50);
            s.status = st == 0 ? 429 : st == 1 ? 403 : 200;
            if (st == 1)
                s.remaining = 0;
            s.resetAt = at(t - t % kHour + kHour);
            s.cost = qint64(rng.bounded(3));
            all << s;
        }
        // Batches of random size; some batches shuffled (out-of-order arrival).
        for (qsizetype i = 0; i < all.size();) {
            const qsizetype n = 1 + rng.bounded(400);
            QList<Sample> b = all.mid(i, n);
            if (rng.bounded(4) == 0)
                std::shuffle(b.begin(), b.end(), rng);
            w.batches << b;
            i += n;
        }
        for (int i = 0; i < 30; ++i) {
            HistoryRecord rec;
            rec.accountId = accounts.at(int(rng.bounded(2)));
            rec.accountName = rec.accountId.toUpper();
            rec.provider = QStringLiteral("github");
            const qint64 t = kT0 + qint64(rng.bounded(quint32(2 * kDay / 1000))) * 1000 + 999; // never a sample's time
            Event e;
            e.accountId = rec.accountId;
            e.time = at(t);
            e.kind = rng.bounded(2) ? EventKind::Throttled : EventKind::StateChange;
            e.status = 429;
            e.retryAfterS = 1.5 * i;
            e.detail = QStringLiteral("it's \"quoted\" \\ %1").arg(i);
            rec.events << e;
            if (e.kind == EventKind::Throttled)
                rec.throttledAt = at(t);
            w.records << rec;
        }
        return w;
    }
};

// The workload is made once and replayed on both stores, in the same order.
void replay(HistoryBackend &store, const Workload &w)
{
    for (qsizetype i = 0; i < w.batches.size(); ++i) {
        QVERIFY(store.appendSamples(w.batches.at(i)));
        if (i < w.records.size())
            QVERIFY(store.record(w.records.at(i)));
    }
}

QString describe(const Event &e)
{
    return QStringLiteral("%1 %2@%3 %4 %5 %6 %7")
        .arg(e.id)
        .arg(e.accountId)
        .arg(e.time.toMSecsSinceEpoch())
        .arg(eventKindId(e.kind))
        .arg(e.status ? QString::number(*e.status) : QStringLiteral("-"))
        .arg(e.retryAfterS ? QString::number(*e.retryAfterS) : QStringLiteral("-"))
        .arg(e.detail);
}

} // namespace

class TestPgHistoryStore : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QElapsedTimer timer;
        timer.start();
        QVERIFY2(m_pg.start(), qPrintable(m_pg.error()));
        qInfo() << "PostgreSQL cluster from" << m_pg.binDir() << "on port" << m_pg.port() << "up in" << timer.elapsed()
                << "ms" << (::geteuid() == 0 ? "(server run as nobody: this test runs as root)" : "");
        QVERIFY(m_dir.isValid());
    }

    // Every test function gets a database of its own.
    void init()
    {
        m_db = QStringLiteral("t%1").arg(++m_n);
        QVERIFY2(m_pg.createDatabase(m_db), qPrintable(m_pg.error()));
        m_url = m_pg.url(m_db);
    }

    void openingTwiceMigratesOnce()
    {
        for (int round = 0; round < 2; ++round) {
            PgHistoryStore store;
            QString error;
            QVERIFY2(store.open(m_url, &error), qPrintable(error));
            QVERIFY(store.isOpen());
            QVERIFY(store.takeNotice().isEmpty());
            QCOMPARE(store.location(), m_url);
            store.close();
            QVERIFY(!store.isOpen());
        }
        PgPeek peek(m_pg, m_db);
        QCOMPARE(peek.rows(QStringLiteral("SELECT version FROM headroom_schema")),
                 QStringList{QString::number(PgSchema::currentVersion())});
        QCOMPARE(peek.rows(QStringLiteral("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1")),
                 PgSchema::tables());
        // The leases table the shared history's lease holder uses.
        QCOMPARE(peek.rows(QStringLiteral("SELECT column_name || ' ' || data_type || ' ' || is_nullable FROM "
                                          "information_schema.columns WHERE table_name = 'leases' ORDER BY ordinal_position")),
                 (QStringList{QStringLiteral("account text NO"), QStringLiteral("holder text NO"),
                              QStringLiteral("expires_at bigint NO"), QStringLiteral("not_before bigint YES")}));
    }

    // A database written by a newer Headroom is refused, and left as it is.
    void newerSchemaIsRefused()
    {
        {
            PgHistoryStore store;
            QVERIFY(store.open(m_url));
        }
        PgPeek peek(m_pg, m_db);
        QVERIFY(peek.db().exec(QStringLiteral("UPDATE headroom_schema SET version = 99")).lastError().type()
                == QSqlError::NoError);
        PgHistoryStore store;
        QString error;
        QVERIFY(!store.open(m_url, &error));
        QVERIFY2(error.contains(QStringLiteral("newer version")), qPrintable(error));
        QCOMPARE(peek.scalar(QStringLiteral("SELECT version FROM headroom_schema")).toInt(), 99);
    }

    // Four processes open the same fresh database at once: every one succeeds, the schema is
    // made once (the advisory lock serialises them).
    void concurrentOpenOfAFreshDatabase()
    {
        std::vector<std::unique_ptr<QProcess>> procs;
        for (int i = 0; i < 4; ++i) {
            procs.push_back(std::make_unique<QProcess>());
            procs.back()->start(QStringLiteral(PGHISTORYWRITER_BIN), {QStringLiteral("migrate"), m_url});
        }
        // And two threads of this process.
        QString errors[2];
        bool opened[2] = {false, false};
        std::unique_ptr<QThread> threads[2];
        for (int i = 0; i < 2; ++i) {
            threads[i].reset(QThread::create([&, i] {
                PgHistoryStore store;
                opened[i] = store.open(m_url, &errors[i]);
                store.close();
            }));
            threads[i]->start();
        }
        for (auto &p : procs) {
            QVERIFY(p->waitForFinished(60000));
            QCOMPARE(p->exitCode(), 0);
            QCOMPARE(p->readAllStandardOutput().trimmed(), QByteArray("done"));
        }
        for (int i = 0; i < 2; ++i) {
            QVERIFY(threads[i]->wait(60000));
            QVERIFY2(opened[i], qPrintable(errors[i]));
        }
        PgPeek peek(m_pg, m_db);
        QCOMPARE(peek.scalar(QStringLiteral("SELECT count(*) FROM headroom_schema")).toInt(), 1);
    }

    void locationForms_data()
    {
        QTest::addColumn<QString>("form");
        QTest::newRow("tcp url") << QStringLiteral("tcp");
        QTest::newRow("unix socket directory as host parameter") << QStringLiteral("socket");
        QTest::newRow("service from PGSERVICEFILE") << QStringLiteral("service");
        QTest::newRow("password in the url (trust ignores it)") << QStringLiteral("password");
    }

    void locationForms()
    {
        QFETCH(QString, form);
        QString url = m_url;
        QString shown = m_url;
        if (form == QStringLiteral("socket")) {
            url = shown = m_pg.socketUrl(m_db);
        } else if (form == QStringLiteral("service")) {
            const QString file = m_dir.filePath(QStringLiteral("pg_service.conf"));
            QFile f(file);
            QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
            f.write(QStringLiteral("[headroom-test]\nhost=127.0.0.1\nport=%1\nuser=headroom\ndbname=%2\n")
                        .arg(m_pg.port())
                        .arg(m_db)
                        .toUtf8());
            f.close();
            qputenv("PGSERVICEFILE", QFile::encodeName(file));
            url = shown = QStringLiteral("postgresql:///?service=headroom-test");
        } else if (form == QStringLiteral("password")) {
            url = QStringLiteral("postgresql://headroom:s3cr%27et%3Bpw@127.0.0.1:%1/%2").arg(m_pg.port()).arg(m_db);
        }
        PgHistoryStore store;
        QString error;
        const bool ok = store.open(url, &error);
        qunsetenv("PGSERVICEFILE");
        QVERIFY2(ok, qPrintable(error));
        QCOMPARE(store.location(), shown);
        QVERIFY(store.appendSamples({mk(QStringLiteral("a"), QStringLiteral("core"), kT0, 10)}));
        QCOMPARE(store.samples(QStringLiteral("a"), QStringLiteral("core"), {}, {}).size(), 1);
    }

    // Wrong URLs fail with a message that names the problem and never shows the password.
    void openFailuresSayWhyWithoutThePassword_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<QString>("expected");
        QTest::newRow("not a url") << QStringLiteral("/var/lib/history.sqlite") << QStringLiteral("Not a PostgreSQL URL");
        QTest::newRow("nobody listening")
            << QStringLiteral("postgresql://headroom:Sup3rSecretPw@127.0.0.1:1/x") << QStringLiteral("127.0.0.1");
        QTest::newRow("no such database") << QStringLiteral("postgresql://headroom:Sup3rSecretPw@127.0.0.1:%1/missing")
                                          << QStringLiteral("missing");
        QTest::newRow("password as a parameter")
            << QStringLiteral("postgresql://127.0.0.1:1/x?user=headroom&password=Sup3rSecretPw")
            << QStringLiteral("127.0.0.1");
    }

    void openFailuresSayWhyWithoutThePassword()
    {
        QFETCH(QString, url);
        QFETCH(QString, expected);
        if (url.contains(QStringLiteral("%1")))
            url = url.arg(m_pg.port());
        PgHistoryStore store;
        QString error;
        QVERIFY(!store.open(url, &error));
        QVERIFY(!store.isOpen());
        QVERIFY2(error.contains(expected), qPrintable(error));
        QVERIFY2(!error.contains(QStringLiteral("Sup3rSecretPw")), qPrintable(error));
    }

    void recordsAndReadsSamplesAndEvents()
    {
        PgHistoryStore store;
        QVERIFY(store.open(m_url));
        QSignalSpy samplesSpy(&store, &HistoryBackend::samplesAdded);
        QSignalSpy eventsSpy(&store, &HistoryBackend::eventsAdded);
        HistoryRecord rec;
        rec.accountId = QStringLiteral("acc");
        rec.accountName = QStringLiteral("O'Brien \\ team");
        rec.provider = QStringLiteral("github");
        Sample full = mk(rec.accountId, QStringLiteral("core"), kT0, 4000);
        full.used = 1000;
        full.resetAt = at(kT0 + kHour);
        full.status = 200;
        full.cost = 1;
        Sample bare = mk(rec.accountId, QString(), kT0 + 1000, std::nullopt, std::nullopt); // unnamed, unknown
        Sample search = mk(rec.accountId, QStringLiteral("search"), kT0 + 2000, 25, 30);
        rec.samples = {full, bare, search};
        Event e;
        e.accountId = rec.accountId;
        e.time = at(kT0 + 500);
        e.kind = EventKind::NearLimit;
        e.detail = QStringLiteral("core below 20% — ünïcode 'q' \\");
        e.retryAfterS = 2.5;
        rec.events = {e};
        QVERIFY(store.record(rec));
        QCOMPARE(samplesSpy.size(), 1);
        QCOMPARE(samplesSpy.at(0).at(0).toString(), rec.accountId);
        QCOMPARE(eventsSpy.size(), 1);

        const QList<Sample> core = store.samples(rec.accountId, QStringLiteral("core"), {}, {});
        QCOMPARE(core.size(), 1);
        QCOMPARE(describe(core.at(0)), describe(full));
        QCOMPARE(core.at(0).time.timeSpec(), Qt::UTC);
        const auto last = store.lastSample(rec.accountId, QString(QStringLiteral("")));
        QVERIFY(last.has_value());
        QCOMPARE(last->resource, QString());
        QVERIFY(last->resource.isEmpty());
        QVERIFY(!last->remaining && !last->limit);
        QCOMPARE(store.resources(rec.accountId),
                 (QStringList{QString(), QStringLiteral("core"), QStringLiteral("search")}));
        QVERIFY(store.resources(QStringLiteral("nobody")).isEmpty());
        QVERIFY(!store.lastSample(QStringLiteral("nobody"), QStringLiteral("core")));
        // Ranges are [from, to).
        QCOMPARE(store.samples(rec.accountId, QStringLiteral("core"), at(kT0), at(kT0 + 1)).size(), 1);
        QCOMPARE(store.samples(rec.accountId, QStringLiteral("core"), at(kT0 + 1), {}).size(), 0);
        QCOMPARE(store.samples(rec.accountId, QStringLiteral("core"), {}, at(kT0)).size(), 0);

        const QList<Event> events = store.events({}, {});
        QCOMPARE(events.size(), 1);
        QCOMPARE(events.at(0).detail, e.detail);
        QCOMPARE(events.at(0).kind, EventKind::NearLimit);
        QCOMPARE(events.at(0).retryAfterS, std::optional<double>(2.5));
        QVERIFY(!events.at(0).status);
        QVERIFY(events.at(0).id > 0);
        const QList<HistoryBackend::AccountInfo> accounts = store.accounts();
        QCOMPARE(accounts.size(), 1);
        QCOMPARE(accounts.at(0).name, rec.accountName);
        QCOMPARE(accounts.at(0).provider, rec.provider);
    }

    // Resource names travel inside array literals: every character must come back as it went.
    void resourceNamesRoundTrip_data()
    {
        QTest::addColumn<QString>("resource");
        QTest::newRow("unnamed") << QString();
        QTest::newRow("plain") << QStringLiteral("core");
        QTest::newRow("the word NULL") << QStringLiteral("NULL");
        QTest::newRow("quotes and backslashes") << QStringLiteral("it's \"quoted\" \\ back\\slash");
        QTest::newRow("braces, commas, spaces") << QStringLiteral("{a, b} ,c");
        QTest::newRow("unicode") << QStringLiteral("ünïcödé ✓");
    }

    void resourceNamesRoundTrip()
    {
        QFETCH(QString, resource);
        PgHistoryStore store;
        QVERIFY(store.open(m_url));
        QVERIFY(store.appendSamples({mk(QStringLiteral("a"), resource, kT0, 5), mk(QStringLiteral("a"), resource, kT0 + 1, 4)}));
        const QList<Sample> got = store.samples(QStringLiteral("a"), resource, {}, {});
        QCOMPARE(got.size(), 2);
        QCOMPARE(got.at(0).resource, resource);
        QCOMPARE(store.resources(QStringLiteral("a")), QStringList{resource});
        QCOMPARE(store.lastSample(QStringLiteral("a"), resource)->remaining, std::optional<qint64>(4));
        QCOMPARE(store.series(QStringLiteral("a"), resource, at(kT0), at(kT0 + kHour), 10).remaining.size(), 2);
    }

    void eventsFilterAndLimit_data()
    {
        QTest::addColumn<QStringList>("accounts");
        QTest::addColumn<int>("limit");
        QTest::addColumn<QList<int>>("expected"); // minutes of the events returned, oldest first
        QTest::newRow("all") << QStringList() << -1 << QList<int>{0, 1, 2, 3, 4, 5};
        QTest::newRow("newest three") << QStringList() << 3 << QList<int>{3, 4, 5};
        QTest::newRow("limit 0") << QStringList() << 0 << QList<int>{};
        QTest::newRow("account b") << QStringList{QStringLiteral("b")} << -1 << QList<int>{1, 3, 5};
        QTest::newRow("account a, newest two") << QStringList{QStringLiteral("a")} << 2 << QList<int>{2, 4};
        QTest::newRow("both, newest four") << QStringList{QStringLiteral("a"), QStringLiteral("b")} << 4
                                           << QList<int>{2, 3, 4, 5};
        QTest::newRow("unknown account") << QStringList{QStringLiteral("zzz")} << -1 << QList<int>{};
    }

    void eventsFilterAndLimit()
    {
        QFETCH(QStringList, accounts);
        QFETCH(int, limit);
        QFETCH(QList<int>, expected);
        PgHistoryStore store;
        QVERIFY(store.open(m_url));
        QList<Event> events;
        for (int i = 0; i < 6; ++i) {
            Event e;
            e.accountId = i % 2 ? QStringLiteral("b") : QStringLiteral("a");
            e.time = at(kT0 + i * 60000);
            e.kind = EventKind::Alert;
            events << e;
        }
        QVERIFY(store.appendEvents(events));
        QList<int> got;
        for (const Event &e : store.events(at(kT0), at(kT0 + kHour), accounts, limit))
            got << int((e.time.toMSecsSinceEpoch() - kT0) / 60000);
        QCOMPARE(got, expected);
    }

    // A sample written twice (a retried write, a second copy) is stored and counted once.
    void duplicateSampleIsNotDoubled()
    {
        PgHistoryStore store;
        QVERIFY(store.open(m_url));
        QList<Sample> list;
        for (int i = 0; i < 10; ++i)
            list << mk(QStringLiteral("a"), QStringLiteral("core"), kT0 + i * 60000, 100 + i);
        QVERIFY(store.appendSamples(list));
        QVERIFY(store.appendSamples(list));
        QVERIFY(store.appendSamples(list.mid(3) + list.mid(5, 2))); // also within one write
        QCOMPARE(store.samples(QStringLiteral("a"), QStringLiteral("core"), {}, {}).size(), 10);
        PgPeek peek(m_pg, m_db);
        QCOMPARE(peek.scalar(QStringLiteral("SELECT count(*) FROM samples")).toInt(), 10);
        QCOMPARE(peek.scalar(QStringLiteral("SELECT sum(samples) FROM rollups")).toInt(), 10);
        QCOMPARE(peek.scalar(QStringLiteral("SELECT sum(samples) FROM rollups6h")).toInt(), 10);
        QCOMPARE(peek.scalar(QStringLiteral("SELECT sum(cost) FROM rollups")).toInt(), 0);
    }

    // The strongest check: the same input through HistoryStore (SQLite) and PgHistoryStore gives
    // the same stored rollups (time below warning included) and the same answers to every read,
    // chart series over raw, hourly and 6-hour ranges included.
    void sameAnswersAsTheSqliteStore_data()
    {
        QTest::addColumn<quint32>("seed");
        for (quint32 seed = 1; seed <= 4; ++seed)
            QTest::addRow("seed %u", seed) << seed;
    }

    void sameAnswersAsTheSqliteStore()
    {
        QFETCH(quint32, seed);
        const Workload w = Workload::make(seed);
        HistoryStore lite;
        QVERIFY(lite.open(m_dir.filePath(QStringLiteral("compare-%1.sqlite").arg(seed))));
        PgHistoryStore pg;
        QVERIFY(pg.open(m_url));
        for (HistoryBackend *store : {static_cast<HistoryBackend *>(&lite), static_cast<HistoryBackend *>(&pg)}) {
            store->setWarningFraction(0.25);
            store->setAccountWarningFractions({{QStringLiteral("beta"), 0.5}});
            QVERIFY(store->registerAccount(QStringLiteral("beta"), QStringLiteral("Beta"), QStringLiteral("gitlab")));
            replay(*store, w);
        }

        PgPeek peek(m_pg, m_db);
        const QString rollups = QStringLiteral(
            "SELECT a.id, r.resource, r.hour, r.samples, r.min_remaining, r.max_remaining, r.last_remaining, "
            "r.last_limit, r.last_time, r.min_pct, r.max_used, r.throttled, r.cost, r.below_ms FROM rollups r "
            "JOIN accounts a ON a.key = r.account ORDER BY a.id, r.resource, r.hour");
        const QStringList liteRollups = rowsOf(lite.connection(), rollups);
        QVERIFY(liteRollups.size() > 100);
        QCOMPARE(peek.rows(rollups), liteRollups);
        const QString blocks = QStringLiteral(
            "SELECT a.id, r.resource, r.block, r.samples, r.min_remaining, r.max_remaining, r.last_limit, r.last_time "
            "FROM rollups6h r JOIN accounts a ON a.key = r.account ORDER BY a.id, r.resource, r.block");
        QCOMPARE(peek.rows(blocks), rowsOf(lite.connection(), blocks));
        const QString below = QStringLiteral("SELECT a.id, sum(r.below_ms) FROM rollups r JOIN accounts a ON a.key = "
                                             "r.account GROUP BY a.id ORDER BY a.id");
        QCOMPARE(peek.rows(below), rowsOf(lite.connection(), below));

        auto accountsOf = [](const HistoryBackend &s) {
            QStringList out;
            for (const auto &a : s.accounts())
                out << a.id + u'|' + a.name + u'|' + a.provider;
            return out;
        };
        QCOMPARE(accountsOf(pg), accountsOf(lite));
        auto eventsOf = [](const HistoryBackend &s, int limit) {
            QStringList out;
            for (const Event &e : s.events({}, {}, {}, limit))
                out << describe(e);
            return out;
        };
        QCOMPARE(eventsOf(pg, -1), eventsOf(lite, -1));
        QCOMPARE(eventsOf(pg, 7), eventsOf(lite, 7));

        QRandomGenerator rng(seed);
        for (const QString &account : {QStringLiteral("alpha"), QStringLiteral("beta")}) {
            QCOMPARE(pg.resources(account), lite.resources(account));
            for (const QString &resource : lite.resources(account)) {
                auto samplesOf = [&](const HistoryBackend &s) {
                    QStringList out;
                    for (const Sample &x : s.samples(account, resource, at(kT0 + kDay / 2), at(kT0 + 30 * kDay)))
                        out << describe(x);
                    return out;
                };
                QCOMPARE(samplesOf(pg), samplesOf(lite));
                QCOMPARE(describe(*pg.lastSample(account, resource)), describe(*lite.lastSample(account, resource)));
                // Raw (a day, two days), hourly rollups (a week, 20 days), 6-hour blocks (200 days).
                for (const qint64 span : {kDay, 2 * kDay, 7 * kDay, 20 * kDay, 200 * kDay}) {
                    const int pixels = 40 + int(rng.bounded(400));
                    const qint64 from = kT0 + (span <= 2 * kDay ? 0 : qint64(rng.bounded(3)) * kHour);
                    const ChartSeries a = lite.series(account, resource, at(from), at(from + span), pixels);
                    const ChartSeries b = pg.series(account, resource, at(from), at(from + span), pixels);
                    QVERIFY(!a.remaining.isEmpty());
                    QCOMPARE(describe(b), describe(a));
                }
            }
        }
    }

    // An account's own warning threshold decides its time below warning; others use the global one.
    void minutesBelowWarningFollowEachAccountsThreshold()
    {
        PgHistoryStore store;
        QVERIFY(store.open(m_url));
        store.setWarningFraction(0.2);
        store.setAccountWarningFractions({{QStringLiteral("strict"), 0.3}});
        QCOMPARE(store.warningFraction(), 0.2);
        // 1,250 of 5,000 is 25 %: under 30 %, not under 20 %.
        for (const QString &id : {QStringLiteral("strict"), QStringLiteral("relaxed")}) {
            QVERIFY(store.appendSamples({mk(id, QStringLiteral("core"), kT0, 1250)}));
            QVERIFY(store.appendSamples({mk(id, QStringLiteral("core"), kT0 + 10 * 60000, 1250)}));
            // Spanning an hour boundary: 50 more min in the first hour, 20 in the next.
            QVERIFY(store.appendSamples({mk(id, QStringLiteral("core"), kT0 + 80 * 60000, 4000)}));
        }
        PgPeek peek(m_pg, m_db);
        auto belowOf = [&](const QString &id) {
            return peek.rows(QStringLiteral("SELECT r.hour - %1, r.below_ms FROM rollups r JOIN accounts a ON a.key = "
                                            "r.account WHERE a.id = '%2' ORDER BY r.hour")
                                 .arg(kT0)
                                 .arg(id));
        };
        QCOMPARE(belowOf(QStringLiteral("strict")),
                 (QStringList{QStringLiteral("0|%1").arg(60 * 60000), QStringLiteral("%1|%2").arg(kHour).arg(20 * 60000)}));
        QCOMPARE(belowOf(QStringLiteral("relaxed")),
                 (QStringList{QStringLiteral("0|0"), QStringLiteral("%1|0").arg(kHour)}));
        // A later process continues from the stored reading: 4000 is not below, so nothing is added.
        PgHistoryStore second;
        QVERIFY(second.open(m_url));
        second.setAccountWarningFractions({{QStringLiteral("strict"), 0.9}});
        QVERIFY(second.appendSamples({mk(QStringLiteral("strict"), QStringLiteral("core"), kT0 + 90 * 60000, 4000)}));
        QVERIFY(second.appendSamples({mk(QStringLiteral("strict"), QStringLiteral("core"), kT0 + 95 * 60000, 4000)}));
        // 4000 < 0.9 * 5000: the stored reading at 80 min, judged by the threshold in force now (as
        // the SQLite store judges the reading it reads back), counts to 90, and 90 counts to 95.
        QCOMPARE(peek.scalar(QStringLiteral("SELECT sum(below_ms) FROM rollups r JOIN accounts a ON a.key = r.account "
                                            "WHERE a.id = 'strict'"))
                     .toLongLong(),
                 (60 + 20 + 10 + 5) * 60000);
    }

    void alertStateRoundTrip_data()
    {
        QTest::addColumn<QByteArray>("value");
        QTest::newRow("json") << QByteArray("{\"a\":1,\"snoozed\":\"2026-11-23T12:00:00Z\"}");
        QTest::newRow("binary with nul, quote, backslash") << QByteArray("\x00\x01'\\\xff\"", 6);
        QTest::newRow("empty") << QByteArray("");
    }

    void alertStateRoundTrip()
    {
        QFETCH(QByteArray, value);
        {
            PgHistoryStore store;
            QVERIFY(store.open(m_url));
            QVERIFY(store.alertState(QStringLiteral("k'ey")).isEmpty());
            QVERIFY(store.setAlertState(QStringLiteral("k'ey"), QByteArray("old")));
            QVERIFY(store.setAlertState(QStringLiteral("k'ey"), value));
        }
        PgHistoryStore store;
        QVERIFY(store.open(m_url));
        QCOMPARE(store.alertState(QStringLiteral("k'ey")), value);
        QVERIFY(store.alertState(QStringLiteral("other")).isEmpty());
    }

    void accountsKeepTheirLatestName()
    {
        PgHistoryStore store;
        QVERIFY(store.open(m_url));
        QVERIFY(store.registerAccount(QStringLiteral("id-1"), QStringLiteral("First"), QStringLiteral("github")));
        QVERIFY(store.appendSamples({mk(QStringLiteral("id-2"), QStringLiteral("core"), kT0, 1)}));
        QVERIFY(store.registerAccount(QStringLiteral("id-1"), QStringLiteral("Renamed"), QStringLiteral("github")));
        QVERIFY(store.registerAccount(QStringLiteral("id-2"), QStringLiteral("Second"), QStringLiteral("gitlab")));
        QStringList got;
        for (const auto &a : store.accounts())
            got << QStringLiteral("%1 %2 %3 %4").arg(a.key).arg(a.id, a.name, a.provider);
        // Keys 1, 2: no identity values used up by renames.
        QCOMPARE(got, (QStringList{QStringLiteral("1 id-1 Renamed github"), QStringLiteral("2 id-2 Second gitlab")}));
    }

    void retentionPrunesInSmallBatchesAndKeepsRollups()
    {
        PgHistoryStore store;
        QVERIFY(store.open(m_url));
        QCOMPARE(store.retentionDays(), 90);
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        QList<Sample> old, recent;
        for (int i = 0; i < 50; ++i) {
            old << mk(QStringLiteral("a"), QStringLiteral("core"), now - 100 * kDay + i * 60000, 100 + i);
            old << mk(QStringLiteral("b"), QStringLiteral("core"), now - 40 * kDay + i * 60000, 100 + i);
            recent << mk(QStringLiteral("a"), QStringLiteral("core"), now - kHour + i * 1000, 10);
        }
        QVERIFY(store.appendSamples(old));
        QVERIFY(store.appendSamples(recent));
        PgPeek peek(m_pg, m_db);
        const int rollupsBefore = peek.scalar(QStringLiteral("SELECT count(*) FROM rollups")).toInt();
        QCOMPARE(store.pruneOnce(20), 20);
        QCOMPARE(peek.scalar(QStringLiteral("SELECT count(*) FROM samples")).toInt(), 130);
        QCOMPARE(store.pruneOnce(1000), 30);
        QCOMPARE(store.pruneOnce(1000), 0);
        store.setRetentionDays(30);
        QCOMPARE(store.pruneOnce(1000), 50);
        QCOMPARE(peek.scalar(QStringLiteral("SELECT count(*) FROM samples")).toInt(), 50);
        QCOMPARE(peek.scalar(QStringLiteral("SELECT min(remaining) FROM samples")).toInt(), 10);
        QCOMPARE(peek.scalar(QStringLiteral("SELECT count(*) FROM rollups")).toInt(), rollupsBefore);
        QCOMPARE(peek.scalar(QStringLiteral("SELECT sum(samples) FROM rollups")).toInt(), 150);
    }

    // A reader thread uses its own connection and gives it back.
    void readsFromAnotherThread()
    {
        PgHistoryStore store;
        QVERIFY(store.open(m_url));
        QList<Sample> list;
        for (int i = 0; i < 100; ++i)
            list << mk(QStringLiteral("a"), QStringLiteral("core"), kT0 + i * 60000, 1000 - i);
        QVERIFY(store.appendSamples(list));
        int count = 0;
        int points = 0;
        std::unique_ptr<QThread> reader(QThread::create([&] {
            count = int(store.samples(QStringLiteral("a"), QStringLiteral("core"), {}, {}).size());
            points = int(store.series(QStringLiteral("a"), QStringLiteral("core"), at(kT0), at(kT0 + 2 * kHour), 10)
                             .remaining.size());
            store.releaseThreadConnection();
        }));
        reader->start();
        QVERIFY(reader->wait(30000));
        QCOMPARE(count, 100);
        QCOMPARE(points, 18); // 100 minutes fill 9 of the 10 columns of 12 minutes: a min and a max each
        PgPeek peek(m_pg, m_db);
        // Only the writer's connection (and this peek) remain.
        QTRY_COMPARE(peek.scalar(QStringLiteral("SELECT count(*) FROM pg_stat_activity WHERE datname = '%1' AND "
                                                "application_name = 'headroom'")
                                     .arg(m_db))
                         .toInt(),
                     1);
    }

    // The server goes away under writes: the writes fail but keep everything in memory, the
    // user is told once, and the first write after the server is back writes it all, once.
    void serverRestartedUnderWrites()
    {
        PgHistoryStore store;
        QVERIFY(store.open(m_url));
        QVERIFY(store.appendSamples({mk(QStringLiteral("a"), QStringLiteral("core"), kT0, 100)}));
        QVERIFY2(m_pg.stop(), qPrintable(m_pg.error()));

        QSignalSpy added(&store, &HistoryBackend::samplesAdded);
        QVERIFY(!store.appendSamples({mk(QStringLiteral("a"), QStringLiteral("core"), kT0 + 60000, 90)}));
        QCOMPARE(added.size(), 1); // the chart still hears of it
        QCOMPARE(store.pendingCount(), 1);
        HistoryRecord rec;
        rec.accountId = QStringLiteral("a");
        rec.samples = {mk(QStringLiteral("a"), QStringLiteral("core"), kT0 + 120000, 80),
                       mk(QStringLiteral("a"), QStringLiteral("search"), kT0 + 120000, 29, 30)};
        Event e;
        e.accountId = QStringLiteral("a");
        e.time = at(kT0 + 120000);
        e.kind = EventKind::Throttled;
        rec.events = {e};
        rec.throttledAt = e.time;
        QVERIFY(!store.record(rec));
        QCOMPARE(store.pendingCount(), 4);
        const QString notice = store.takeNotice();
        QVERIFY2(notice.contains(QStringLiteral("cannot be reached")) && notice.contains(QStringLiteral("3 reading")),
                 qPrintable(notice));
        QVERIFY(!notice.contains(QStringLiteral("password")));
        QVERIFY(store.takeNotice().isEmpty()); // once
        // The newest reading is the one waiting in memory.
        QCOMPARE(store.lastSample(QStringLiteral("a"), QStringLiteral("core"))->remaining, std::optional<qint64>(80));
        QVERIFY(!store.flushPending());

        QVERIFY2(m_pg.startServer(), qPrintable(m_pg.error()));
        QVERIFY(store.appendSamples({mk(QStringLiteral("a"), QStringLiteral("core"), kT0 + 180000, 70)}));
        QCOMPARE(store.pendingCount(), 0);
        const QString resumed = store.takeNotice();
        QVERIFY2(resumed.contains(QStringLiteral("written again")) && resumed.contains(QStringLiteral("3 reading")),
                 qPrintable(resumed));
        QCOMPARE(store.samples(QStringLiteral("a"), QStringLiteral("core"), {}, {}).size(), 4);
        QCOMPARE(store.samples(QStringLiteral("a"), QStringLiteral("search"), {}, {}).size(), 1);
        QCOMPARE(store.events({}, {}).size(), 1);
        PgPeek peek(m_pg, m_db);
        QCOMPARE(peek.scalar(QStringLiteral("SELECT sum(samples) FROM rollups")).toInt(), 5);
        QCOMPARE(peek.scalar(QStringLiteral("SELECT sum(throttled) FROM rollups WHERE resource = ''")).toInt(), 1);

        // Restarted while idle: the next write reconnects on its own and succeeds at once.
        QVERIFY2(m_pg.restart(), qPrintable(m_pg.error()));
        QVERIFY(store.appendSamples({mk(QStringLiteral("a"), QStringLiteral("core"), kT0 + 240000, 60)}));
        QCOMPARE(store.pendingCount(), 0);
        QVERIFY(store.takeNotice().isEmpty());
        // Reads reconnect too.
        QCOMPARE(store.samples(QStringLiteral("a"), QStringLiteral("core"), {}, {}).size(), 5);
        QCOMPARE(store.resources(QStringLiteral("a")), (QStringList{QStringLiteral("core"), QStringLiteral("search")}));
    }

    // The postmaster killed with -9 under a stream of writes: every write acknowledged before
    // the crash is there after crash recovery, and the writes that failed meanwhile follow.
    void serverKilledUnderWritesLosesNothingAcknowledged()
    {
        PgHistoryStore store;
        QVERIFY(store.open(m_url));
        const int batch = 50;
        qint64 acked = 0;
        int failed = 0;
        QRandomGenerator rng(7);
        const int killAt = 20 + int(rng.bounded(20));
        for (int n = 0; n < 80; ++n) {
            QList<Sample> list;
            for (int i = 0; i < batch; ++i)
                list << mk(QStringLiteral("w"), QStringLiteral("core"), qint64(n) * batch + i, 1000 - i);
            if (store.appendSamples(list))
                acked = n + 1;
            else
                ++failed;
            if (n == killAt)
                QVERIFY2(m_pg.kill9(), qPrintable(m_pg.error()));
            if (n == killAt + 10)
                QVERIFY2(m_pg.startServer(), qPrintable(m_pg.error()));
        }
        QVERIFY2(failed >= 1 && failed <= 10, qPrintable(QString::number(failed)));
        QCOMPARE(acked, 80);
        QCOMPARE(store.pendingCount(), 0);
        PgPeek peek(m_pg, m_db);
        QCOMPARE(peek.scalar(QStringLiteral("SELECT count(*) FROM samples")).toLongLong(), 80LL * batch);
        QCOMPARE(peek.scalar(QStringLiteral("SELECT count(DISTINCT time) FROM samples")).toLongLong(), 80LL * batch);
        QCOMPARE(peek.scalar(QStringLiteral("SELECT sum(samples) FROM rollups")).toLongLong(), 80LL * batch);
    }

    // A writer process killed with -9 at random moments: every batch it acknowledged is stored,
    // whole, once; rollups match.
    void killedWriterLosesNoAcknowledgedSample()
    {
        const int batch = 50;
        qint64 ackedBatches = 0;
        QRandomGenerator rng(17);
        PgPeek peek(m_pg, m_db);
        for (int round = 0; round < 10; ++round) {
            QProcess writer;
            writer.start(QStringLiteral(PGHISTORYWRITER_BIN), {QStringLiteral("write"), m_url, QString::number(batch)});
            QVERIFY(writer.waitForStarted());
            QByteArray out;
            QVERIFY2(waitForLine(writer, QByteArray(), &out),
                     qPrintable(QStringLiteral("the writer acknowledged nothing: ")
                                + QString::fromLocal8Bit(writer.readAllStandardError())));
            QTest::qWait(int(rng.bounded(5, 250)));
            writer.kill(); // SIGKILL
            QVERIFY(writer.waitForFinished(10000));
            out += writer.readAllStandardOutput();
            const qint64 lastAck = lastAckIn(out);
            QVERIFY(lastAck >= 0);
            ackedBatches = std::max(ackedBatches, lastAck + 1);
            // The killed session's transaction is rolled back once the server notices.
            QTRY_COMPARE_WITH_TIMEOUT(peek.scalar(QStringLiteral("SELECT count(*) FROM pg_stat_activity WHERE "
                                                                 "datname = '%1' AND application_name = 'headroom'")
                                                      .arg(m_db))
                                          .toInt(),
                                      0, 10000);
            const qint64 rows = peek.scalar(QStringLiteral("SELECT count(*) FROM samples")).toLongLong();
            QCOMPARE(rows % batch, 0);
            QVERIFY2(rows >= ackedBatches * batch,
                     qPrintable(QStringLiteral("round %1: %2 rows, %3 acked batches").arg(round).arg(rows).arg(ackedBatches)));
            QCOMPARE(peek.scalar(QStringLiteral("SELECT count(DISTINCT time) FROM samples")).toLongLong(), rows);
            QCOMPARE(peek.scalar(QStringLiteral("SELECT max(time) FROM samples")).toLongLong(), rows - 1);
            QCOMPARE(peek.scalar(QStringLiteral("SELECT sum(samples) FROM rollups")).toLongLong(), rows);
        }
        QVERIFY(ackedBatches > 10);
    }

    // Two processes writing the same account's same samples at once (no lease to keep them
    // apart): every sample is stored once, neither write fails or deadlocks, and the rollups
    // count each stored sample exactly once.
    void twoWritersOfTheSameSamples()
    {
        const int batch = 20;
        QProcess first, second;
        for (QProcess *p : {&first, &second})
            p->start(QStringLiteral(PGHISTORYWRITER_BIN), {QStringLiteral("write"), m_url, QString::number(batch)});
        QByteArray out1, out2;
        QVERIFY(waitForLine(first, QByteArray(), &out1));
        QVERIFY(waitForLine(second, QByteArray(), &out2));
        // Both at work for a while, then stopped the hard way.
        for (int i = 0; i < 20; ++i) {
            QVERIFY2(first.state() == QProcess::Running, first.readAllStandardError().constData());
            QVERIFY2(second.state() == QProcess::Running, second.readAllStandardError().constData());
            first.waitForReadyRead(50);
            second.waitForReadyRead(50);
        }
        first.kill();
        second.kill();
        QVERIFY(first.waitForFinished(10000) && second.waitForFinished(10000));
        out1 += first.readAllStandardOutput();
        out2 += second.readAllStandardOutput();
        QVERIFY(lastAckIn(out1) > 0 && lastAckIn(out2) > 0);
        PgPeek peek(m_pg, m_db);
        QTRY_COMPARE(peek.scalar(QStringLiteral("SELECT count(*) FROM pg_stat_activity WHERE datname = '%1' AND "
                                                "application_name = 'headroom'")
                                     .arg(m_db))
                         .toInt(),
                     0);
        const qint64 rows = peek.scalar(QStringLiteral("SELECT count(*) FROM samples")).toLongLong();
        QVERIFY(rows >= (std::max(lastAckIn(out1), lastAckIn(out2)) + 1) * batch);
        QCOMPARE(peek.scalar(QStringLiteral("SELECT count(DISTINCT time) FROM samples")).toLongLong(), rows);
        QCOMPARE(peek.scalar(QStringLiteral("SELECT sum(samples) FROM rollups")).toLongLong(), rows);
        QCOMPARE(peek.scalar(QStringLiteral("SELECT sum(samples) FROM rollups6h")).toLongLong(), rows);
        QCOMPARE(peek.scalar(QStringLiteral("SELECT sum(cost) FROM rollups")).toLongLong(), rows);
    }

    // Figures for the record (not a benchmark gate): one write of 100 000 samples and 1 000
    // writes of 100 samples, PostgreSQL against SQLite, on this machine.
    void insertRates()
    {
        auto make = [](int n, qint64 t0) {
            QList<Sample> out;
            out.reserve(n);
            for (int i = 0; i < n; ++i) {
                Sample s = mk(QStringLiteral("acc%1").arg(i % 4), QStringLiteral("core"), t0 + qint64(i) * 1000, 5000 - i % 5000);
                s.used = i % 5000;
                s.status = 200;
                out << s;
            }
            return out;
        };
        HistoryStore lite;
        QVERIFY(lite.open(m_dir.filePath(QStringLiteral("rate.sqlite"))));
        PgHistoryStore pg;
        QVERIFY(pg.open(m_url));
        const QList<Sample> big = make(100000, kT0);
        QList<QList<Sample>> small;
        for (int i = 0; i < 1000; ++i)
            small << make(100, kT0 + 200 * kDay + qint64(i) * 100000);
        for (HistoryBackend *store : {static_cast<HistoryBackend *>(&lite), static_cast<HistoryBackend *>(&pg)}) {
            QElapsedTimer timer;
            timer.start();
            QVERIFY(store->appendSamples(big));
            const qint64 bigMs = std::max<qint64>(1, timer.elapsed());
            timer.restart();
            for (const QList<Sample> &b : std::as_const(small))
                QVERIFY(store->appendSamples(b));
            const qint64 smallMs = std::max<qint64>(1, timer.elapsed());
            qInfo().noquote() << QStringLiteral("%1: one write of 100000 samples %2 ms (%3 samples/s); 1000 writes of 100: "
                                                "%4 ms (%5 writes/s)")
                                     .arg(store == &pg ? QStringLiteral("PostgreSQL") : QStringLiteral("SQLite    "))
                                     .arg(bigMs)
                                     .arg(100000 * 1000 / bigMs)
                                     .arg(smallMs)
                                     .arg(1000 * 1000 / smallMs);
        }
        QCOMPARE(pg.samples(QStringLiteral("acc0"), QStringLiteral("core"), {}, {}).size(), 25000 + 25000);
    }

    void cleanupTestCase() { QVERIFY2(m_pg.stop(), qPrintable(m_pg.error())); }

private:
    PgCluster m_pg;
    QTemporaryDir m_dir;
    QString m_db;
    QString m_url;
    int m_n = 0;
};

QTEST_GUILESS_MAIN(TestPgHistoryStore)
#include "tst_pghistorystore.moc"
