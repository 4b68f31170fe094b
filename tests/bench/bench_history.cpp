// History benchmarks: insert rate, chart query over a year vs a day
// for 50 accounts, CSV export vs `sqlite3 -csv` on the same rows. Prints figures and ratios.
//
//   bench_history [--days N]      raw 1-minute days per account (default 30; the year beyond is
//                                 hourly, as rollups are what a long chart reads)
//                 [--insert-only] stop after the insert figures (for profiling the write path)
#include "history/historystore.h"
#include "report/csvexporter.h"

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

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    int rawDays = 30;
    const QStringList args = app.arguments();
    if (const qsizetype i = args.indexOf(QStringLiteral("--days")); i >= 0 && i + 1 < args.size())
        rawDays = std::clamp(args.at(i + 1).toInt(), 2, 365);
    const bool insertOnly = args.contains(QStringLiteral("--insert-only"));

    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("headroom/history.sqlite"));
    HistoryStore store;
    QString error;
    if (!store.open(path, &error)) {
        std::fprintf(stderr, "open failed: %s\n", qPrintable(error));
        return 1;
    }
    for (int a = 0; a < kAccounts; ++a)
        store.registerAccount(accountId(a), QStringLiteral("Account %1").arg(a), QStringLiteral("github"));

    const qint64 now = QDateTime::currentMSecsSinceEpoch() / kMinute * kMinute;
    const qint64 rawStart = now - rawDays * kDay;
    const qint64 yearStart = now - 365 * kDay;

    // 1. Insert rate: the raw window, 1-minute samples for 50 accounts, batches of 10 000.
    std::printf("history benchmark: %d accounts, %d days of 1-minute samples + hourly to a year\n", kAccounts,
                rawDays);
    QElapsedTimer timer;
    qint64 inserted = 0;
    qint64 insertNs = 0;
    qint64 insertCpuNs = 0;
    // The last tenth of the batches: the rate once the file holds (nearly) the whole window.
    const qint64 tailFrom = qint64(rawDays) * 1440 * kAccounts * 9 / 10;
    qint64 tailInserted = 0;
    qint64 tailCpuNs = 0;
    {
        QList<Sample> batch;
        batch.reserve(10000);
        qint64 i = 0;
        for (qint64 t = rawStart; t < now; t += kMinute, ++i) {
            for (int a = 0; a < kAccounts; ++a)
                batch << makeSample(a, t, i);
            if (batch.size() >= 10000) {
                timer.start();
                const qint64 cpu0 = selfCpuNs();
                if (!store.appendSamples(batch))
                    return 1;
                const qint64 cpu = selfCpuNs() - cpu0;
                insertCpuNs += cpu;
                insertNs += timer.nsecsElapsed();
                if (inserted >= tailFrom) {
                    tailCpuNs += cpu;
                    tailInserted += batch.size();
                }
                inserted += batch.size();
                batch.clear();
            }
        }
        timer.start();
        store.appendSamples(batch);
        insertNs += timer.nsecsElapsed();
        inserted += batch.size();
    }
    const double insertRate = double(inserted) / seconds(insertCpuNs);
    std::printf("insert: %lld samples, wall %.2f s = %.0f samples/s; CPU %.2f s = %.0f samples/s per core "
                "(target >= 200000) %s\n",
                static_cast<long long>(inserted), seconds(insertNs), double(inserted) / seconds(insertNs),
                seconds(insertCpuNs), insertRate, insertRate >= 200000 ? "OK" : "BELOW");
    if (tailCpuNs > 0) {
        const double tailRate = double(tailInserted) / seconds(tailCpuNs);
        std::printf("insert, last tenth (file near %d days of raw samples): CPU %.0f samples/s %s\n", rawDays,
                    tailRate, tailRate >= 200000 ? "OK" : "BELOW");
    }
    if (insertOnly)
        return 0;

    // The rest of the year, before the raw window: hourly samples (what survives retention is
    // the hourly rollups; a year chart reads only those).
    {
        QList<Sample> batch;
        qint64 i = 0;
        for (qint64 t = yearStart - yearStart % kHour; t < rawStart; t += kHour, ++i) {
            for (int a = 0; a < kAccounts; ++a)
                batch << makeSample(a, t, i);
            if (batch.size() >= 10000) {
                store.appendSamples(batch);
                batch.clear();
            }
        }
        store.appendSamples(batch);
    }
    {
        QSqlQuery q(store.connection());
        q.exec(QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)"));
        q.exec(QStringLiteral("SELECT (SELECT count(*) FROM samples), (SELECT count(*) FROM rollups)"));
        q.next();
        std::printf("store: %lld raw samples, %lld hourly rollups, %.0f MB\n", q.value(0).toLongLong(),
                    q.value(1).toLongLong(), double(QFile(path).size()) / 1e6);
    }

    // 2. Chart series, 1200 px: a day (raw) vs a year (rollups), every account, 5 rounds.
    const int pixels = 1200;
    auto seriesCost = [&](qint64 span, qint64 *points, bool *fromRollups) {
        qint64 best = std::numeric_limits<qint64>::max();
        for (int round = 0; round < 5; ++round) {
            const qint64 cpu0 = selfCpuNs();
            qint64 n = 0;
            for (int a = 0; a < kAccounts; ++a) {
                const ChartSeries s = store.series(accountId(a), QStringLiteral("core"),
                                                   QDateTime::fromMSecsSinceEpoch(now - span, Qt::UTC),
                                                   QDateTime::fromMSecsSinceEpoch(now, Qt::UTC), pixels);
                n += s.remaining.size();
                *fromRollups = s.fromRollups;
            }
            best = std::min(best, selfCpuNs() - cpu0);
            *points = n;
        }
        return best;
    };
    qint64 dayPoints = 0, yearPoints = 0;
    bool dayRollups = false, yearRollups = false;
    const qint64 dayNs = seriesCost(kDay, &dayPoints, &dayRollups);
    const qint64 yearNs = seriesCost(365 * kDay, &yearPoints, &yearRollups);
    const double chartRatio = double(yearNs) / double(dayNs);
    std::printf("chart (CPU, best of 5), %d accounts x %d px: day %.2f ms (%lld points, %s), year %.2f ms (%lld points, %s); "
                "year/day = %.2f (target <= 2.0) %s\n",
                kAccounts, pixels, double(dayNs) / 1e6, static_cast<long long>(dayPoints), dayRollups ? "rollups" : "raw",
                double(yearNs) / 1e6, static_cast<long long>(yearPoints), yearRollups ? "rollups" : "raw", chartRatio,
                chartRatio <= 2.0 ? "OK" : "ABOVE");

    // 3. Export: every raw sample, ours vs the sqlite3 shell producing the same columns.
    const QString ours = dir.filePath(QStringLiteral("ours.csv"));
    const QString theirs = dir.filePath(QStringLiteral("sqlite3.csv"));
    CsvExporter exporter(&store);
    timer.start();
    const qint64 exportCpu0 = selfCpuNs();
    if (!exporter.exportToFile({}, ours, &error)) {
        std::fprintf(stderr, "export failed: %s\n", qPrintable(error));
        return 1;
    }
    const qint64 oursWallNs = timer.nsecsElapsed();
    const qint64 oursNs = selfCpuNs() - exportCpu0;
    const qint64 rows = exporter.rowsWritten();
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
    if (shellNs < 0) {
        std::printf("export: sqlite3 shell not available\n");
        return 1;
    }
    const double ratio = double(shellNs) / double(oursNs);
    std::printf("export (CPU): %lld rows, ours %.2f s = %.0f rows/s (wall %.2f s, %.0f MB); sqlite3 -csv same columns "
                "%.2f s = %.0f rows/s; speed ratio ours/sqlite3 = %.2f (target >= 1.0) %s\n",
                static_cast<long long>(rows), seconds(oursNs), double(rows) / seconds(oursNs), seconds(oursWallNs),
                double(QFile(ours).size()) / 1e6, seconds(shellNs), double(rows) / seconds(shellNs), ratio,
                ratio >= 1.0 ? "OK" : "BELOW");
    std::printf("export: sqlite3 -csv of the bare table (integers, no names or times) %.2f s = %.0f rows/s; "
                "ratio vs that = %.2f\n",
                seconds(shellRawNs), double(rows) / seconds(shellRawNs), double(shellRawNs) / double(oursNs));
    return 0;
}
