// CSV export from a PostgreSQL history (a throwaway cluster, tests/common/pgcluster.h): the same
// random history written to SQLite and to PostgreSQL gives the same bytes for every report
// (samples, events, summaries by hour and by day, pools, account filters, time ranges); progress
// and cancel work as on SQLite; `headroom export` reads a PostgreSQL history; a server lost
// during an export fails the export plainly and leaves no file behind. Prints export rows/s of
// both backends over 200,000 samples.
#include "clirunner.h"
#include "history/historystore.h"
#include "history/pghistorystore.h"
#include "pgcluster.h"
#include "report/csvexporter.h"

#include <QBuffer>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QThread>
#include <QtTest>

#include <set>

namespace {

const qint64 kHour = 3600 * 1000;
const qint64 kDay = 24 * kHour;
const qint64 kT0 = 1795435200000; // 2026-11-23T12:00:00Z
const int kRows = 200000;          // the large history's samples

QDateTime at(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC);
}

struct AccountSpec
{
    QString id, name, provider;
};

// Names that need quoting or neutralising, and resource names whose byte order differs from a
// natural-language collation's ("Z" before "a", "_" and "ä" placed apart).
const QList<AccountSpec> kAccounts{{QStringLiteral("alpha"), QStringLiteral("Alpha, \"the first\""), QStringLiteral("github")},
                                   {QStringLiteral("beta"), QStringLiteral("=cmd|evil"), QStringLiteral("gitlab")},
                                   {QStringLiteral("gamma"), QStringLiteral("Gämma"), QStringLiteral("github")}};
const QStringList kResources{QString(), QStringLiteral("core"), QStringLiteral("Zeta"), QStringLiteral("_graphql"),
                             QStringLiteral("äpi"), QStringLiteral("a b")};

// One reproducible history: samples over five days in batches, some out of order; events of
// every kind with awkward details; throttles with and without a reading.
void fill(HistoryBackend &store, quint32 seed, int sampleCount)
{
    QRandomGenerator rng(seed);
    for (const AccountSpec &a : kAccounts)
        QVERIFY(store.registerAccount(a.id, a.name, a.provider));
    std::set<std::tuple<int, int, qint64>> taken;
    QList<Sample> batch;
    for (int i = 0; i < sampleCount; ++i) {
        const int a = int(rng.bounded(quint32(kAccounts.size())));
        const int r = int(rng.bounded(quint32(kResources.size())));
        const qint64 t = kT0 + qint64(rng.bounded(quint32(5 * kDay / 1000))) * 1000;
        if (!taken.insert({a, r, t}).second)
            continue;
        Sample s;
        s.accountId = kAccounts.at(a).id;
        s.resource = kResources.at(r);
        s.time = at(t);
        s.limit = rng.bounded(20) == 0 ? std::optional<qint64>() : std::optional<qint64>(rng.bounded(3) ? 5000 : 6000);
        s.remaining = rng.bounded(25) == 0 ? std::optional<qint64>() : std::optional<qint64>(rng.bounded(5000));
        if (s.limit && s.remaining && rng.bounded(3))
            s.used = *s.limit - *s.remaining;
        if (rng.bounded(4))
            s.resetAt = at(t - t % kHour + kHour);
        const quint32 st = rng.bounded(40);
        s.status = st == 0 ? std::optional<int>() : st == 1 ? 429 : st == 2 ? 403 : 200;
        s.cost = qint64(rng.bounded(3));
        batch << s;
        if (batch.size() >= 500 || i + 1 == sampleCount) {
            if (rng.bounded(3) == 0)
                std::shuffle(batch.begin(), batch.end(), rng);
            QVERIFY(store.appendSamples(batch));
            batch.clear();
        }
    }
    static const EventKind kinds[] = {EventKind::Throttled, EventKind::NearLimit, EventKind::StateChange,
                                      EventKind::Alert, EventKind::Error};
    for (int i = 0; i < 300; ++i) {
        const AccountSpec &a = kAccounts.at(int(rng.bounded(quint32(kAccounts.size()))));
        HistoryRecord rec;
        rec.accountId = a.id;
        Event e;
        e.accountId = a.id;
        e.time = at(kT0 + qint64(rng.bounded(quint32(5 * kDay / 1000))) * 1000 + 7);
        e.kind = kinds[rng.bounded(5)];
        if (rng.bounded(4))
            e.status = rng.bounded(2) ? 429 : 403;
        if (rng.bounded(2))
            e.retryAfterS = double(rng.bounded(1000)) / 8.0;
        e.detail = QStringList{QStringLiteral("plain"), QStringLiteral("=SUM(A1)"), QStringLiteral("line\r\nbreak"),
                               QStringLiteral("it's \"quoted\", \\ too"), QStringLiteral("über")}
                       .at(int(rng.bounded(5)));
        rec.events << e;
        if (e.kind == EventKind::Throttled)
            rec.throttledAt = e.time;
        QVERIFY(store.record(rec));
    }
}

QByteArray exportOf(HistoryBackend *store, const CsvExporter::Options &options, QString *error = nullptr)
{
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    CsvExporter exporter(store);
    QString why;
    if (!exporter.write(options, &buffer, &why)) {
        if (error)
            *error = why;
        return QByteArrayLiteral("FAILED: ") + why.toUtf8();
    }
    return buffer.data();
}

// The first line where two reports differ, for the failure message.
QByteArray firstDifference(const QByteArray &a, const QByteArray &b)
{
    const QList<QByteArray> la = a.split('\n'), lb = b.split('\n');
    for (qsizetype i = 0; i < std::max(la.size(), lb.size()); ++i) {
        const QByteArray x = la.value(i), y = lb.value(i);
        if (x != y)
            return "line " + QByteArray::number(i + 1) + ":\n sqlite: " + x + "\n pg:     " + y;
    }
    return {};
}

ReportPool pool(const QString &name, const QStringList &members, bool shareCore)
{
    ReportPool p;
    p.name = name;
    p.memberIds = members;
    if (shareCore)
        p.sharedByResource.insert(QStringLiteral("core"), {members.mid(0, 2)});
    return p;
}

} // namespace

class TestPgCsvExport : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(m_pg.start(), qPrintable(m_pg.error()));
        QVERIFY(m_dir.isValid());
        // 200,000 samples of one account, in SQLite (rate.sqlite) and PostgreSQL (database rate).
        {
            HistoryStore lite;
            QVERIFY(lite.open(m_dir.filePath(QStringLiteral("rate.sqlite"))));
            QVERIFY(m_pg.createDatabase(QStringLiteral("rate")));
            PgHistoryStore shared;
            QVERIFY(shared.open(m_pg.url(QStringLiteral("rate"))));
            for (HistoryBackend *store : {static_cast<HistoryBackend *>(&lite), static_cast<HistoryBackend *>(&shared)}) {
                QVERIFY(store->registerAccount(QStringLiteral("big"), QStringLiteral("big"), QStringLiteral("github")));
                for (int b = 0; b < kRows; b += 10000) {
                    QList<Sample> batch;
                    for (int i = b; i < b + 10000; ++i) {
                        Sample s;
                        s.accountId = QStringLiteral("big");
                        s.resource = i % 2 ? QStringLiteral("core") : QStringLiteral("search");
                        s.time = at(kT0 + qint64(i / 2) * 60000);
                        s.limit = 5000;
                        s.remaining = 5000 - i % 5000;
                        s.used = i % 5000;
                        s.resetAt = at(kT0 + qint64(i / 2) * 60000 + kHour);
                        s.status = 200;
                        s.cost = 1;
                        batch << s;
                    }
                    QVERIFY(store->appendSamples(batch));
                }
            }
        }
        QVERIFY(m_lite.open(m_dir.filePath(QStringLiteral("same.sqlite"))));
        QVERIFY(m_pg.createDatabase(QStringLiteral("same")));
        QVERIFY(m_shared.open(m_pg.url(QStringLiteral("same"))));
        for (HistoryBackend *store : {static_cast<HistoryBackend *>(&m_lite), static_cast<HistoryBackend *>(&m_shared)}) {
            store->setWarningFraction(0.25);
            fill(*store, 42, 12000);
        }
    }

    void sameBytesAsSqlite_data()
    {
        QTest::addColumn<int>("kind");
        QTest::addColumn<int>("period");
        QTest::addColumn<QStringList>("accounts");
        QTest::addColumn<qint64>("from"); // 0: open
        QTest::addColumn<qint64>("to");   // 0: open
        QTest::addColumn<bool>("pools");
        const int samples = int(CsvExporter::Kind::Samples), events = int(CsvExporter::Kind::Events),
                  summary = int(CsvExporter::Kind::Summary);
        const int hour = int(CsvExporter::Period::Hour), day = int(CsvExporter::Period::Day);
        const QStringList none;
        const QStringList two{QStringLiteral("=cmd|evil"), QStringLiteral("alpha")}; // a name and an id
        const qint64 from = kT0 + kDay + 17 * 60 * 1000 + 5; // not on an hour
        const qint64 to = kT0 + 3 * kDay + 41 * 60 * 1000;
        QTest::newRow("samples, everything") << samples << day << none << qint64(0) << qint64(0) << false;
        QTest::newRow("samples, two accounts") << samples << day << two << qint64(0) << qint64(0) << false;
        QTest::newRow("samples, range") << samples << day << none << from << to << false;
        QTest::newRow("samples, one account from") << samples << day << QStringList{QStringLiteral("Gämma")} << from
                                                   << qint64(0) << false;
        QTest::newRow("samples, unknown account") << samples << day << QStringList{QStringLiteral("nobody")}
                                                  << qint64(0) << qint64(0) << false;
        QTest::newRow("events, everything") << events << day << none << qint64(0) << qint64(0) << false;
        QTest::newRow("events, two accounts, to") << events << day << two << qint64(0) << to << false;
        QTest::newRow("events, range") << events << day << none << from << to << false;
        QTest::newRow("summary by hour") << summary << hour << none << qint64(0) << qint64(0) << false;
        QTest::newRow("summary by day") << summary << day << none << qint64(0) << qint64(0) << false;
        QTest::newRow("summary by hour, range") << summary << hour << none << from << to << false;
        QTest::newRow("summary by day, two accounts") << summary << day << two << qint64(0) << qint64(0) << false;
        QTest::newRow("summary by day, pools") << summary << day << none << qint64(0) << qint64(0) << true;
        QTest::newRow("summary by hour, pools, range") << summary << hour << none << from << to << true;
        QTest::newRow("summary by day, pools, accounts")
            << summary << day << QStringList{QStringLiteral("alpha"), QStringLiteral("beta")} << qint64(0) << qint64(0)
            << true;
        QTest::newRow("summary by hour, one pool named")
            << summary << hour << QStringList{QStringLiteral("pool:team"), QStringLiteral("Gämma")} << from << qint64(0)
            << true;
    }

    void sameBytesAsSqlite()
    {
        QFETCH(int, kind);
        QFETCH(int, period);
        QFETCH(QStringList, accounts);
        QFETCH(qint64, from);
        QFETCH(qint64, to);
        QFETCH(bool, pools);
        CsvExporter::Options o;
        o.kind = CsvExporter::Kind(kind);
        o.period = CsvExporter::Period(period);
        o.accounts = accounts;
        if (from)
            o.from = at(from);
        if (to)
            o.to = at(to);
        if (pools)
            o.pools = {pool(QStringLiteral("team"), {QStringLiteral("alpha"), QStringLiteral("beta")}, true),
                       pool(QStringLiteral("all"), {QStringLiteral("alpha"), QStringLiteral("beta"), QStringLiteral("gamma")},
                            false)};
        const QByteArray lite = exportOf(&m_lite, o);
        const QByteArray shared = exportOf(&m_shared, o);
        QVERIFY2(lite.startsWith(CsvExporter::header(o.kind)), lite.left(200).constData());
        if (accounts != QStringList{QStringLiteral("nobody")})
            QVERIFY2(lite.count('\n') > 20, lite.constData());
        QVERIFY2(shared == lite, firstDifference(lite, shared).constData());
    }

    // Text sorts by its bytes also where the columns' collation sorts otherwise (an ICU
    // collation puts "_graphql", "a b", "äpi", "core", "Zeta" in that order).
    void byteOrderUnderANaturalLanguageCollation()
    {
        const QString db = QStringLiteral("collated");
        QVERIFY(m_pg.createDatabase(db));
        PgHistoryStore store;
        QVERIFY(store.open(m_pg.url(db)));
        QVERIFY2(m_pg.psql(QStringLiteral("ALTER TABLE samples ALTER COLUMN resource TYPE text COLLATE \"en-x-icu\"; "
                                          "ALTER TABLE rollups ALTER COLUMN resource TYPE text COLLATE \"en-x-icu\""),
                           db),
                 "PostgreSQL without ICU collations (en-x-icu)");
        const QString order = m_pg.psql(QStringLiteral("SELECT string_agg(r, ',' ORDER BY r COLLATE \"en-x-icu\") FROM "
                                                       "unnest(ARRAY['Zeta', '_graphql', 'a b', 'core']) r"),
                                        db)
                                  .value_or(QString());
        QCOMPARE(order, QStringLiteral("_graphql,a b,core,Zeta")); // not the byte order
        store.setWarningFraction(0.25);
        fill(store, 42, 12000);
        CsvExporter::Options o;
        QCOMPARE(exportOf(&store, o), exportOf(&m_lite, o));
        o.kind = CsvExporter::Kind::Summary;
        o.period = CsvExporter::Period::Hour;
        QCOMPARE(exportOf(&store, o), exportOf(&m_lite, o));
    }

    // Progress every few thousand rows and cancel at the first report, as the dialog uses them;
    // the cancelled export leaves the earlier file as it was and the connection usable.
    void progressAndCancel()
    {
        const QString file = m_dir.filePath(QStringLiteral("cancelled.csv"));
        CsvExporter::Options o;
        QString error;
        {
            CsvExporter exporter(&m_shared);
            QList<qint64> reports;
            exporter.setProgressCallback([&](qint64 rows) { reports << rows; });
            QVERIFY2(exporter.exportToFile(o, file, &error), qPrintable(error));
            QVERIFY(reports.size() >= 2);
            QVERIFY(std::is_sorted(reports.cbegin(), reports.cend()));
            QCOMPARE(reports.last(), exporter.rowsWritten());
        }
        QFile written(file);
        QVERIFY(written.open(QIODevice::ReadOnly));
        const QByteArray complete = written.readAll();
        written.close();
        QCOMPARE(complete, exportOf(&m_lite, o));
        {
            CsvExporter exporter(&m_shared);
            exporter.setProgressCallback([&](qint64) { exporter.cancel(); });
            QVERIFY(!exporter.exportToFile(o, file, &error));
            QVERIFY(exporter.isCancelled());
            QVERIFY(exporter.rowsWritten() < qint64(complete.count('\n')) - 1);
            QVERIFY2(error.contains(QStringLiteral("cancelled")), qPrintable(error));
        }
        QFile f(file);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll(), complete);
        // The cancelled read's transaction is over: the next export on this thread works.
        QCOMPARE(exportOf(&m_shared, o), complete);
    }

    // As the dialog runs it: on a thread of its own, with a connection of its own.
    void exportFromAnotherThread()
    {
        CsvExporter::Options o;
        o.kind = CsvExporter::Kind::Events;
        QByteArray out;
        QThread *worker = QThread::create([&] {
            out = exportOf(&m_shared, o);
            m_shared.releaseThreadConnection();
        });
        worker->start();
        QVERIFY(worker->wait(60000));
        delete worker;
        QCOMPARE(out, exportOf(&m_lite, o));
    }

    // The command line: --history postgresql://... export writes what the library writes.
    void commandLineExport()
    {
        QTemporaryDir root;
        const QString file = root.filePath(QStringLiteral("samples.csv"));
        const TestCli::Run r = TestCli::run(QStringLiteral(HEADROOM_BIN),
                                            {QStringLiteral("--history"), m_pg.url(QStringLiteral("same")),
                                             QStringLiteral("export"), QStringLiteral("--kind"), QStringLiteral("samples"),
                                             QStringLiteral("--account"), QStringLiteral("beta"), QStringLiteral("--out"), file},
                                            TestCli::isolatedEnvironment(root));
        QVERIFY2(r.code == 0, r.err.constData());
        QFile f(file);
        QVERIFY(f.open(QIODevice::ReadOnly));
        CsvExporter::Options o;
        o.accounts = {QStringLiteral("beta")};
        const QByteArray expected = exportOf(&m_lite, o);
        QVERIFY(expected.count('\n') > 100);
        QCOMPARE(f.readAll(), expected);
        QCOMPARE(QFileInfo(file).permissions() & (QFileDevice::ReadOther | QFileDevice::ReadGroup), QFileDevice::Permissions());
    }

    // Export rows per second of both backends over the same 200,000 samples (printed).
    void exportRates()
    {
        HistoryStore lite;
        QVERIFY(lite.open(m_dir.filePath(QStringLiteral("rate.sqlite"))));
        PgHistoryStore shared;
        QVERIFY(shared.open(m_pg.url(QStringLiteral("rate"))));
        QFile sink(QStringLiteral("/dev/null"));
        QVERIFY(sink.open(QIODevice::WriteOnly));
        double rates[2] = {0, 0};
        int n = 0;
        for (HistoryBackend *store : {static_cast<HistoryBackend *>(&lite), static_cast<HistoryBackend *>(&shared)}) {
            CsvExporter exporter(store);
            QElapsedTimer timer;
            timer.start();
            QString error;
            QVERIFY2(exporter.write({}, &sink, &error), qPrintable(error));
            const qint64 ms = std::max<qint64>(1, timer.elapsed());
            QCOMPARE(exporter.rowsWritten(), qint64(kRows));
            rates[n++] = double(kRows) * 1000.0 / double(ms);
        }
        qInfo().noquote() << QStringLiteral("CSV export of %1 samples: SQLite %2 rows/s, PostgreSQL %3 rows/s")
                                 .arg(kRows)
                                 .arg(qint64(rates[0]))
                                 .arg(qint64(rates[1]));
    }

    // The server killed during an export: the export fails and says why, the earlier file stays;
    // the next export (server back) reconnects and works.
    void serverLostDuringExport()
    {
        const QString file = m_dir.filePath(QStringLiteral("lost.csv"));
        QVERIFY(!QFile::exists(file));
        CsvExporter exporter(&m_shared);
        bool killed = false;
        exporter.setProgressCallback([&](qint64) {
            if (!killed)
                killed = m_pg.kill9();
        });
        QString error;
        const bool exported = exporter.exportToFile({}, file, &error);
        QVERIFY2(m_pg.startServer(), qPrintable(m_pg.error()));
        QVERIFY(killed);
        QVERIFY(!exported);
        QVERIFY2(error.startsWith(QStringLiteral("Cannot read the history: ")), qPrintable(error));
        QVERIFY(!QFile::exists(file));
        QCOMPARE(QDir(m_dir.path()).entryList({QStringLiteral("lost.csv*")}), QStringList());
        CsvExporter::Options o;
        o.kind = CsvExporter::Kind::Events;
        QCOMPARE(exportOf(&m_shared, o), exportOf(&m_lite, o));
    }

    // The same through the command line: exit 1, one clear line, no file and no temporary file.
    void serverLostDuringCommandLineExport()
    {
        QTemporaryDir root;
        const QString out = root.filePath(QStringLiteral("out/rate.csv"));
        QVERIFY(QDir().mkpath(root.filePath(QStringLiteral("out"))));
        QProcess p;
        p.setProcessEnvironment(TestCli::isolatedEnvironment(root));
        p.start(QStringLiteral(HEADROOM_BIN), {QStringLiteral("--history"), m_pg.url(QStringLiteral("rate")),
                                               QStringLiteral("export"), QStringLiteral("--kind"),
                                               QStringLiteral("samples"), QStringLiteral("--out"), out});
        QVERIFY(p.waitForStarted());
        // Rows are on their way once the file being written grows (QSaveFile's file has no name
        // until it is complete: it is found among the process's open files); then the server goes.
        const QString fds = QStringLiteral("/proc/%1/fd").arg(p.processId());
        const QString outDir = QFileInfo(out).absolutePath();
        QElapsedTimer timer;
        timer.start();
        bool growing = false;
        while (!growing && p.state() == QProcess::Running && timer.elapsed() < 30000) {
            for (const QFileInfo &fd : QDir(fds).entryInfoList(QDir::AllEntries | QDir::System | QDir::NoDotAndDotDot))
                growing = growing || (fd.symLinkTarget().startsWith(outDir) && fd.size() > 0);
            if (!growing)
                p.waitForFinished(1);
        }
        QVERIFY2(growing, "the export finished before it could be interrupted");
        QVERIFY(m_pg.kill9());
        QVERIFY(p.waitForFinished(60000));
        QVERIFY2(m_pg.startServer(), qPrintable(m_pg.error()));
        const QByteArray err = p.readAllStandardError();
        QCOMPARE(p.exitStatus(), QProcess::NormalExit);
        QCOMPARE(p.exitCode(), 1);
        // Headroom's one line (libpq may print the server's farewell before it).
        const QList<QByteArray> lines = err.trimmed().split('\n');
        QVERIFY2(lines.last().startsWith("headroom: export: Cannot read the history: "), err.constData());
        QVERIFY2(err.count("headroom:") == 1, err.constData());
        QVERIFY2(!err.contains("QSqlQuery") && !err.contains("QPSQL"), err.constData());
        QCOMPARE(QDir(root.filePath(QStringLiteral("out"))).entryList(QDir::Files | QDir::Hidden), QStringList());
    }

    void cleanupTestCase()
    {
        m_shared.close();
        QVERIFY2(m_pg.stop(), qPrintable(m_pg.error()));
    }

private:
    PgCluster m_pg;
    QTemporaryDir m_dir;
    HistoryStore m_lite;
    PgHistoryStore m_shared;
};

QTEST_GUILESS_MAIN(TestPgCsvExport)
#include "tst_pgcsvexport.moc"
