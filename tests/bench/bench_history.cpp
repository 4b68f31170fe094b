// History benchmarks: insert rate, chart query over a year vs a day
// for 50 accounts, CSV export vs `sqlite3 -csv` (on PostgreSQL: vs psql's COPY … CSV) on the
// same rows. Prints figures and ratios.
//
//   bench_history [--days N]      raw 1-minute days per account (default 30; the year beyond is
//                                 hourly, as rollups are what a long chart reads)
//                 [--insert-only] stop after the insert figures (for profiling the write path)
//                 [--postgresql]  the same workloads through HistoryBackend on SQLite and on a
//                                 PostgreSQL cluster this run starts (tests/common/pgcluster.h),
//                                 then a table of both side by side
//                 [--records N]   probes written one record each, as the monitor writes them
//                                 (default 2000)
//                 [--pixels N]    chart width (default 1200)
//
// The PostgreSQL server is another process: its CPU time (the postmaster, its backends, live or
// reaped, from /proc) is counted beside this process's, so "CPU" there is client + server.
// SQLite commits in WAL with synchronous=NORMAL (no fsync per commit); the server fsyncs each
// commit (synchronous_commit=on, its default): the per-probe wall figures differ by that too.
#include "history/historystore.h"
#include "history/pghistorystore.h"
#include "report/csvexporter.h"

#include "pgcluster.h"
#include "procstat.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QSqlQuery>
#include <QTemporaryDir>

#include <sys/resource.h>
#include <time.h>

#include <algorithm>
#include <cstdio>
#include <functional>
#include <limits>

namespace {

constexpr int kAccounts = 50;
constexpr qint64 kMinute = 60 * 1000;
constexpr qint64 kHour = 60 * kMinute;
constexpr qint64 kDay = 24 * kHour;

QString accountId(int a)
{
    return QStringLiteral("acct-%1").arg(a);
}

Sample makeSample(int a, qint64 t, qint64 i)
{
    Sample s;
    s.accountId = accountId(a);
    s.resource = QStringLiteral("core");
    s.time = QDateTime::fromMSecsSinceEpoch(t, Qt::UTC);
    s.limit = 5000;
    s.remaining = 5000 - (i * 7 + a * 13) % 5000;
    s.used = 5000 - *s.remaining;
    s.resetAt = QDateTime::fromMSecsSinceEpoch(t - t % kHour + kHour, Qt::UTC);
    s.status = 200;
    s.cost = 0;
    return s;
}

double seconds(qint64 ns)
{
    return double(ns) / 1e9;
}

// CPU time of this process and of its waited-for children: the machine running the benchmark
// may be shared, so ratios are computed on CPU time, with wall time printed beside it.
qint64 selfCpuNs()
{
    timespec ts{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return qint64(ts.tv_sec) * 1000000000 + ts.tv_nsec;
}

qint64 childrenCpuNs()
{
    rusage ru{};
    getrusage(RUSAGE_CHILDREN, &ru);
    return (qint64(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1000000 + ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) * 1000;
}

// One span of work: wall, this process's CPU and the server's (0 for SQLite), in ns.
struct Cost
{
    qint64 wallNs = 0;
    qint64 clientNs = 0;
    qint64 serverNs = 0;
    qint64 cpuNs() const { return clientNs + serverNs; }
    Cost &operator+=(const Cost &o)
    {
        wallNs += o.wallNs;
        clientNs += o.clientNs;
        serverNs += o.serverNs;
        return *this;
    }
};

// Measures spans; `server` gives the server's CPU seconds so far (empty for SQLite).
class Meter
{
public:
    explicit Meter(std::function<double()> server)
        : m_server(std::move(server))
    {
    }
    void start()
    {
        m_server0 = m_server ? m_server() : 0.0;
        m_cpu0 = selfCpuNs();
        m_timer.start();
    }
    Cost stop() const
    {
        Cost c;
        c.wallNs = m_timer.nsecsElapsed();
        c.clientNs = selfCpuNs() - m_cpu0;
        if (m_server)
            c.serverNs = qint64((m_server() - m_server0) * 1e9);
        return c;
    }

private:
    std::function<double()> m_server;
    QElapsedTimer m_timer;
    qint64 m_cpu0 = 0;
    double m_server0 = 0;
};

struct Params
{
    int rawDays = 30;
    int records = 2000;
    int pixels = 1200;
    bool insertOnly = false;
};

// What one backend did, for the side-by-side table.
struct Figures
{
    QString backend;
    qint64 bulkSamples = 0;
    Cost bulk;
    qint64 records = 0;
    Cost perProbe;
    qint64 dayPoints = 0, yearPoints = 0;
    bool dayRollups = false, yearRollups = false;
    qint64 dayBestWallNs = 0, yearBestWallNs = 0; // one round: every account once
    Cost dayRounds, yearRounds;                   // all rounds
    int rounds = 0;
    qint64 exportRows = 0;
    Cost exportCost;
};

const char *ok(bool good, const char *bad)
{
    return good ? "OK" : bad;
}

QString costText(const Cost &c, bool withServer)
{
    if (!withServer)
        return QStringLiteral("CPU %1 s").arg(seconds(c.clientNs), 0, 'f', 2);
    return QStringLiteral("CPU %1 s (client %2 s + server %3 s)")
        .arg(seconds(c.cpuNs()), 0, 'f', 2)
        .arg(seconds(c.clientNs), 0, 'f', 2)
        .arg(seconds(c.serverNs), 0, 'f', 2);
}

// The workloads, the same on every backend. False when a write or an export failed.
bool runWorkloads(HistoryBackend *store, const Params &p, Meter &meter, bool withServer, Figures *fig,
                  const std::function<void()> &describeStore, const QString &scratchDir)
{
    const QByteArray label = fig->backend.toUtf8();
    for (int a = 0; a < kAccounts; ++a)
        store->registerAccount(accountId(a), QStringLiteral("Account %1").arg(a), QStringLiteral("github"));

    const qint64 now = QDateTime::currentMSecsSinceEpoch() / kMinute * kMinute;
    const qint64 rawStart = now - p.rawDays * kDay;
    const qint64 yearStart = now - 365 * kDay;

    // 1. Insert rate, bulk: the raw window, 1-minute samples for 50 accounts, batches of 10 000.
    std::printf("%s: %d accounts, %d days of 1-minute samples + hourly to a year\n", label.constData(), kAccounts,
                p.rawDays);
    std::fflush(stdout);
    qint64 inserted = 0;
    // The last tenth of the batches: the rate once the store holds (nearly) the whole window.
    const qint64 tailFrom = qint64(p.rawDays) * 1440 * kAccounts * 9 / 10;
    qint64 tailInserted = 0;
    Cost tail;
    {
        QList<Sample> batch;
        batch.reserve(10000);
        qint64 i = 0;
        auto write = [&] {
            meter.start();
            if (!store->appendSamples(batch))
                return false;
            const Cost c = meter.stop();
            fig->bulk += c;
            if (inserted >= tailFrom) {
                tail += c;
                tailInserted += batch.size();
            }
            inserted += batch.size();
            batch.clear();
            return true;
        };
        for (qint64 t = rawStart; t < now; t += kMinute, ++i) {
            for (int a = 0; a < kAccounts; ++a)
                batch << makeSample(a, t, i);
            if (batch.size() >= 10000 && !write())
                return false;
        }
        if (!batch.isEmpty() && !write())
            return false;
    }
    fig->bulkSamples = inserted;
    const double insertRate = double(inserted) / seconds(fig->bulk.cpuNs());
    std::printf("%s insert, bulk (batches of 10 000): %lld samples, wall %.2f s = %.0f samples/s; %s = %.0f "
                "samples/s per core (target >= 200000) %s\n",
                label.constData(), static_cast<long long>(inserted), seconds(fig->bulk.wallNs),
                double(inserted) / seconds(fig->bulk.wallNs), qPrintable(costText(fig->bulk, withServer)), insertRate,
                ok(insertRate >= 200000, "BELOW"));
    if (tail.cpuNs() > 0) {
        const double tailRate = double(tailInserted) / seconds(tail.cpuNs());
        std::printf("%s insert, last tenth (store near %d days of raw samples): CPU %.0f samples/s %s\n",
                    label.constData(), p.rawDays, tailRate, ok(tailRate >= 200000, "BELOW"));
    }
    std::fflush(stdout);

    // 2. Insert rate, as the monitor writes: one record (one sample, the account's name) per
    // probe, each its own transaction, after the bulk rows.
    {
        fig->records = p.records;
        meter.start();
        for (int k = 0; k < p.records; ++k) {
            const int a = k % kAccounts;
            HistoryRecord r;
            r.accountId = accountId(a);
            r.accountName = QStringLiteral("Account %1").arg(a);
            r.provider = QStringLiteral("github");
            r.samples << makeSample(a, now + (k / kAccounts + 1) * kMinute, k);
            if (!store->record(r))
                return false;
        }
        fig->perProbe = meter.stop();
        std::printf("%s insert, one record per probe: %d records, wall %.2f s = %.0f records/s; %s = %.0f records/s "
                    "per core, %.3f ms CPU per record\n",
                    label.constData(), p.records, seconds(fig->perProbe.wallNs),
                    double(p.records) / seconds(fig->perProbe.wallNs), qPrintable(costText(fig->perProbe, withServer)),
                    double(p.records) / seconds(fig->perProbe.cpuNs()),
                    double(fig->perProbe.cpuNs()) / 1e6 / double(p.records));
        std::fflush(stdout);
    }
    if (p.insertOnly)
        return true;

    // The rest of the year, before the raw window: hourly samples (what survives retention is
    // the hourly rollups; a year chart reads only those).
    {
        QList<Sample> batch;
        qint64 i = 0;
        for (qint64 t = yearStart - yearStart % kHour; t < rawStart; t += kHour, ++i) {
            for (int a = 0; a < kAccounts; ++a)
                batch << makeSample(a, t, i);
            if (batch.size() >= 10000) {
                if (!store->appendSamples(batch))
                    return false;
                batch.clear();
            }
        }
        if (!store->appendSamples(batch))
            return false;
    }
    describeStore();

    // 3. Chart series: a day (raw) vs a year (rollups), every account, 5 rounds. The series
    // ends at `now`, before the per-probe records.
    auto seriesCost = [&](qint64 span, qint64 *points, bool *fromRollups, qint64 *bestWallNs, Cost *all) {
        *bestWallNs = std::numeric_limits<qint64>::max();
        qint64 bestCpu = std::numeric_limits<qint64>::max();
        for (int round = 0; round < 5; ++round) {
            meter.start();
            qint64 n = 0;
            for (int a = 0; a < kAccounts; ++a) {
                const ChartSeries s = store->series(accountId(a), QStringLiteral("core"),
                                                    QDateTime::fromMSecsSinceEpoch(now - span, Qt::UTC),
                                                    QDateTime::fromMSecsSinceEpoch(now, Qt::UTC), p.pixels);
                n += s.remaining.size();
                *fromRollups = s.fromRollups;
            }
            const Cost c = meter.stop();
            *all += c;
            *bestWallNs = std::min(*bestWallNs, c.wallNs);
            bestCpu = std::min(bestCpu, c.clientNs);
            *points = n;
        }
        return bestCpu;
    };
    fig->rounds = 5;
    const qint64 dayNs = seriesCost(kDay, &fig->dayPoints, &fig->dayRollups, &fig->dayBestWallNs, &fig->dayRounds);
    const qint64 yearNs
        = seriesCost(365 * kDay, &fig->yearPoints, &fig->yearRollups, &fig->yearBestWallNs, &fig->yearRounds);
    if (withServer) {
        // The work is the server's: the ratio on client + server CPU (mean of the rounds; the
        // server's is read in clock ticks) and on wall time.
        const double cpuRatio = double(fig->yearRounds.cpuNs()) / double(fig->dayRounds.cpuNs());
        const double wallRatio = double(fig->yearBestWallNs) / double(fig->dayBestWallNs);
        std::printf("%s chart, %d accounts x %d px: day wall %.2f ms best of 5, CPU %.2f ms mean (%lld points, %s); "
                    "year wall %.2f ms, CPU %.2f ms (%lld points, %s); year/day = %.2f on CPU, %.2f on wall "
                    "(target <= 2.0) %s\n",
                    label.constData(), kAccounts, p.pixels, double(fig->dayBestWallNs) / 1e6,
                    double(fig->dayRounds.cpuNs()) / 5e6, static_cast<long long>(fig->dayPoints),
                    fig->dayRollups ? "rollups" : "raw", double(fig->yearBestWallNs) / 1e6,
                    double(fig->yearRounds.cpuNs()) / 5e6, static_cast<long long>(fig->yearPoints),
                    fig->yearRollups ? "rollups" : "raw", cpuRatio, wallRatio, ok(cpuRatio <= 2.0, "ABOVE"));
    } else {
        const double chartRatio = double(yearNs) / double(dayNs);
        std::printf("%s chart (CPU, best of 5), %d accounts x %d px: day %.2f ms (%lld points, %s), year %.2f ms "
                    "(%lld points, %s); year/day = %.2f (target <= 2.0) %s\n",
                    label.constData(), kAccounts, p.pixels, double(dayNs) / 1e6,
                    static_cast<long long>(fig->dayPoints), fig->dayRollups ? "rollups" : "raw", double(yearNs) / 1e6,
                    static_cast<long long>(fig->yearPoints), fig->yearRollups ? "rollups" : "raw", chartRatio,
                    ok(chartRatio <= 2.0, "ABOVE"));
    }
    std::fflush(stdout);

    // 4. Export: every raw sample through CsvExporter, on either backend.
    CsvExporter exporter(store);
    const QString out = scratchDir + QStringLiteral("/export-") + fig->backend + QStringLiteral(".csv");
    QString error;
    meter.start();
    if (!exporter.exportToFile({}, out, &error)) {
        std::fprintf(stderr, "%s export failed: %s\n", label.constData(), qPrintable(error));
        return false;
    }
    fig->exportCost = meter.stop();
    fig->exportRows = exporter.rowsWritten();
    std::printf("%s export: %lld rows, wall %.2f s = %.0f rows/s; %s = %.0f rows/s per core; %.0f MB\n",
                label.constData(), static_cast<long long>(fig->exportRows), seconds(fig->exportCost.wallNs),
                double(fig->exportRows) / seconds(fig->exportCost.wallNs),
                qPrintable(costText(fig->exportCost, withServer)),
                double(fig->exportRows) / seconds(fig->exportCost.cpuNs()), double(QFile(out).size()) / 1e6);
    std::fflush(stdout);
    QFile::remove(out);
    return true;
}

// The PostgreSQL export against psql's COPY producing the same columns from the same tables
// (psql's CPU and the server's).
void compareWithPsql(const PgCluster &cluster, Meter &meter, const QString &scratchDir, const Figures &fig)
{
    const QString theirs = scratchDir + QStringLiteral("/psql.csv");
    const QString utc = QStringLiteral("to_char(to_timestamp(%1 / 1000.0) AT TIME ZONE 'UTC', "
                                       "'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')");
    const QString sql = QStringLiteral("COPY (SELECT ") + utc.arg(QStringLiteral("s.time"))
        + QStringLiteral(", a.name, a.provider, s.resource, s.lim, s.remaining, s.used, ")
        + utc.arg(QStringLiteral("s.reset_at"))
        + QStringLiteral(", s.status, s.cost FROM samples s JOIN accounts a ON a.key = s.account ORDER BY s.account, "
                         "s.resource, s.time) TO STDOUT WITH (FORMAT csv)");
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const QString &k : env.keys())
        if (k.startsWith(QStringLiteral("PG")))
            env.remove(k);
    auto runPsql = [&](const QString &query, Cost *cost) {
        QProcess p;
        p.setProcessEnvironment(env);
        p.setStandardOutputFile(theirs);
        const qint64 children0 = childrenCpuNs();
        meter.start();
        p.start(cluster.binDir() + QStringLiteral("/psql"),
                {QStringLiteral("-X"), QStringLiteral("-q"), QStringLiteral("-h"), QStringLiteral("127.0.0.1"),
                 QStringLiteral("-p"), QString::number(cluster.port()), QStringLiteral("-U"),
                 QStringLiteral("headroom"), QStringLiteral("-d"), QStringLiteral("headroom"), QStringLiteral("-c"),
                 query});
        if (!p.waitForFinished(600000) || p.exitCode() != 0)
            return false;
        *cost = meter.stop();
        // psql's own CPU in place of this process's, which only waited.
        cost->clientNs = childrenCpuNs() - children0;
        return true;
    };
    Cost same, bare;
    const bool ok = runPsql(sql, &same)
        && runPsql(QStringLiteral("COPY (SELECT * FROM samples ORDER BY account, resource, time) TO STDOUT WITH "
                                  "(FORMAT csv)"),
                   &bare);
    QFile::remove(theirs);
    if (!ok) {
        std::printf("postgresql export: psql not available, no comparison\n");
        return;
    }
    const qint64 rows = fig.exportRows;
    const double ratio = double(same.cpuNs()) / double(fig.exportCost.cpuNs());
    std::printf("postgresql export (CPU, client + server): ours %.2f s = %.0f rows/s; psql COPY ... CSV same columns "
                "%.2f s = %.0f rows/s (wall %.2f s); speed ratio ours/psql = %.2f\n",
                seconds(fig.exportCost.cpuNs()), double(rows) / seconds(fig.exportCost.cpuNs()),
                seconds(same.cpuNs()), double(rows) / seconds(same.cpuNs()), seconds(same.wallNs), ratio);
    std::printf("postgresql export: psql COPY of the bare table (integers, no names or times) %.2f s = %.0f rows/s; "
                "ratio vs that = %.2f\n",
                seconds(bare.cpuNs()), double(rows) / seconds(bare.cpuNs()),
                double(bare.cpuNs()) / double(fig.exportCost.cpuNs()));
}

// The SQLite export against the sqlite3 shell producing the same columns from the same file.
void compareWithShell(const QString &path, const QString &scratchDir, const Figures &fig)
{
    const QString theirs = scratchDir + QStringLiteral("/sqlite3.csv");
    const QString sql = QStringLiteral(
        "SELECT strftime('%Y-%m-%dT%H:%M:%SZ', s.time / 1000, 'unixepoch'), a.name, a.provider, s.resource, s.lim, "
        "s.remaining, s.used, strftime('%Y-%m-%dT%H:%M:%SZ', s.reset_at / 1000, 'unixepoch'), s.status, s.cost "
        "FROM samples s JOIN accounts a ON a.key = s.account ORDER BY s.account, s.resource, s.time");
    auto runShell = [&](const QString &query) -> qint64 {
        QProcess p;
        p.setStandardOutputFile(theirs);
        const qint64 cpu0 = childrenCpuNs();
        p.start(QStringLiteral("sqlite3"), {QStringLiteral("-csv"), QStringLiteral("-readonly"), path, query});
        if (!p.waitForFinished(600000) || p.exitCode() != 0)
            return -1;
        return childrenCpuNs() - cpu0;
    };
    const qint64 shellNs = runShell(sql);
    const qint64 shellRawNs = runShell(QStringLiteral("SELECT * FROM samples ORDER BY account, resource, time"));
    QFile::remove(theirs);
    if (shellNs < 0 || shellRawNs < 0) {
        std::printf("export: sqlite3 shell not available, no comparison\n");
        return;
    }
    const qint64 rows = fig.exportRows;
    const qint64 oursNs = fig.exportCost.clientNs;
    const double ratio = double(shellNs) / double(oursNs);
    std::printf("export (CPU): ours %.2f s = %.0f rows/s; sqlite3 -csv same columns %.2f s = %.0f rows/s; speed ratio "
                "ours/sqlite3 = %.2f (target >= 1.0) %s\n",
                seconds(oursNs), double(rows) / seconds(oursNs), seconds(shellNs), double(rows) / seconds(shellNs),
                ratio, ok(ratio >= 1.0, "BELOW"));
    std::printf("export: sqlite3 -csv of the bare table (integers, no names or times) %.2f s = %.0f rows/s; "
                "ratio vs that = %.2f\n",
                seconds(shellRawNs), double(rows) / seconds(shellRawNs), double(shellRawNs) / double(oursNs));
}

QString cell(double v, int decimals = 0)
{
    return QString::number(v, 'f', decimals);
}

// SQLite and PostgreSQL side by side, with PostgreSQL's figure as a multiple of SQLite's.
void printTable(const Figures &s, const Figures &g, const Params &p)
{
    struct Row
    {
        QString what;
        double sqlite;
        double pg;
        int decimals;
    };
    auto perS = [](qint64 n, qint64 ns) { return ns > 0 ? double(n) / seconds(ns) : 0.0; };
    QList<Row> rows = {
        {QStringLiteral("insert bulk, samples/s (wall)"), perS(s.bulkSamples, s.bulk.wallNs),
         perS(g.bulkSamples, g.bulk.wallNs), 0},
        {QStringLiteral("insert bulk, samples per CPU s"), perS(s.bulkSamples, s.bulk.cpuNs()),
         perS(g.bulkSamples, g.bulk.cpuNs()), 0},
        {QStringLiteral("insert per probe, records/s (wall)"), perS(s.records, s.perProbe.wallNs),
         perS(g.records, g.perProbe.wallNs), 0},
        {QStringLiteral("insert per probe, CPU ms per record"), double(s.perProbe.cpuNs()) / 1e6 / double(s.records),
         double(g.perProbe.cpuNs()) / 1e6 / double(g.records), 3},
        {QStringLiteral("chart day, ms wall (best of 5)"), double(s.dayBestWallNs) / 1e6, double(g.dayBestWallNs) / 1e6,
         2},
        {QStringLiteral("chart year, ms wall (best of 5)"), double(s.yearBestWallNs) / 1e6,
         double(g.yearBestWallNs) / 1e6, 2},
        {QStringLiteral("chart year / day, wall"), double(s.yearBestWallNs) / double(s.dayBestWallNs),
         double(g.yearBestWallNs) / double(g.dayBestWallNs), 2},
        {QStringLiteral("chart day, CPU ms (mean of 5)"), double(s.dayRounds.cpuNs()) / 1e6 / s.rounds,
         double(g.dayRounds.cpuNs()) / 1e6 / g.rounds, 2},
        {QStringLiteral("chart year, CPU ms (mean of 5)"), double(s.yearRounds.cpuNs()) / 1e6 / s.rounds,
         double(g.yearRounds.cpuNs()) / 1e6 / g.rounds, 2},
        {QStringLiteral("chart year / day, CPU (target <= 2)"),
         double(s.yearRounds.cpuNs()) / double(s.dayRounds.cpuNs()),
         double(g.yearRounds.cpuNs()) / double(g.dayRounds.cpuNs()), 2},
        {QStringLiteral("export, rows/s (wall)"), perS(s.exportRows, s.exportCost.wallNs),
         perS(g.exportRows, g.exportCost.wallNs), 0},
        {QStringLiteral("export, rows per CPU s"), perS(s.exportRows, s.exportCost.cpuNs()),
         perS(g.exportRows, g.exportCost.cpuNs()), 0},
    };
    std::printf("\nside by side: %d accounts, %d raw days, %d records one per probe, %d px; CPU is this process's "
                "plus, for PostgreSQL, the server's\n",
                kAccounts, p.rawDays, p.records, p.pixels);
    std::printf("%-40s %14s %14s %12s\n", "", "sqlite", "postgresql", "pg / sqlite");
    for (const Row &r : rows) {
        std::printf("%-40s %14s %14s %12s\n", qPrintable(r.what), qPrintable(cell(r.sqlite, r.decimals)),
                    qPrintable(cell(r.pg, r.decimals)), qPrintable(cell(r.sqlite != 0 ? r.pg / r.sqlite : 0, 2)));
    }
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    Params p;
    const QStringList args = app.arguments();
    auto intArg = [&](const char *name, int fallback, int lo, int hi) {
        const qsizetype i = args.indexOf(QLatin1String(name));
        return i >= 0 && i + 1 < args.size() ? std::clamp(args.at(i + 1).toInt(), lo, hi) : fallback;
    };
    p.rawDays = intArg("--days", 30, 2, 365);
    p.records = intArg("--records", 2000, 50, 1000000);
    p.pixels = intArg("--pixels", 1200, 100, 10000);
    p.insertOnly = args.contains(QStringLiteral("--insert-only"));
    const bool postgres = args.contains(QStringLiteral("--postgresql"));

    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("headroom/history.sqlite"));
    Figures sqliteFig;
    sqliteFig.backend = QStringLiteral("sqlite");
    {
        HistoryStore store;
        QString error;
        if (!store.open(path, &error)) {
            std::fprintf(stderr, "open failed: %s\n", qPrintable(error));
            return 1;
        }
        Meter meter({});
        auto describe = [&] {
            QSqlQuery q(store.connection());
            q.exec(QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)"));
            q.exec(QStringLiteral("SELECT (SELECT count(*) FROM samples), (SELECT count(*) FROM rollups)"));
            q.next();
            std::printf("sqlite store: %lld raw samples, %lld hourly rollups, %.0f MB\n", q.value(0).toLongLong(),
                        q.value(1).toLongLong(), double(QFile(path).size()) / 1e6);
        };
        if (!runWorkloads(&store, p, meter, false, &sqliteFig, describe, dir.path()))
            return 1;
        if (!p.insertOnly)
            compareWithShell(path, dir.path(), sqliteFig);
        store.close();
    }
    QFile::remove(path);
    if (!postgres)
        return 0;

    std::printf("\n");
    PgCluster cluster;
    if (!cluster.start()) {
        std::fprintf(stderr, "PostgreSQL: %s\n", qPrintable(cluster.error()));
        return 1;
    }
    const qint64 postmaster = ProcStat::postmasterPid(cluster.dataDir());
    if (postmaster <= 0) {
        std::fprintf(stderr, "PostgreSQL: no postmaster.pid\n");
        return 1;
    }
    const QString version = cluster.psql(QStringLiteral("SHOW server_version")).value_or(QStringLiteral("?"));
    std::printf("postgresql %s: a cluster of this run (%s), TCP on 127.0.0.1, fsync on\n", qPrintable(version),
                qPrintable(cluster.dataDir()));
    Figures pgFig;
    pgFig.backend = QStringLiteral("postgresql");
    {
        PgHistoryStore store;
        QString error;
        if (!store.open(cluster.url(), &error)) {
            std::fprintf(stderr, "open failed: %s\n", qPrintable(error));
            return 1;
        }
        Meter meter([postmaster] { return ProcStat::treeCpuSeconds(postmaster); });
        auto describe = [&] {
            const QString counts
                = cluster
                      .psql(QStringLiteral("SELECT (SELECT count(*) FROM samples) || ' raw samples, ' || (SELECT "
                                           "count(*) FROM rollups) || ' hourly rollups, ' || "
                                           "pg_database_size(current_database()) / 1000000 || ' MB'"))
                      .value_or(QStringLiteral("?"));
            std::printf("postgresql store: %s\n", qPrintable(counts));
        };
        if (!runWorkloads(&store, p, meter, true, &pgFig, describe, dir.path()))
            return 1;
        if (!p.insertOnly)
            compareWithPsql(cluster, meter, dir.path(), pgFig);
        store.close();
    }
    if (!p.insertOnly)
        printTable(sqliteFig, pgFig, p);
    return 0;
}
