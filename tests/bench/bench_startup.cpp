// Time to the first shown window: MainWindow constructed over a HistoryStore, accounts set,
// shown, until its first paint has been delivered. Once over an empty history and once over a
// year of 1-minute samples for 50 accounts, in the same run. Target: ratio <= 1.2 (start-up
// costs O(what is on screen), not O(history)).
// Also reported: when the overview chart holds its data (the series are read on a worker thread
// after the first frame), so the figure above cannot hide a slow chart.
//
//   bench_startup [--accounts N] [--days D] [--runs R (11)] [--keep DIR]
// The big history is generated once into DIR (default: a cache under the build tree) and reused.

#include "accounttablemodel.h"
#include "history/historystore.h"
#include "mainwindow.h"
#include "quotachartview.h"

#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QTimer>
#include <QFileInfo>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTextStream>
#include <QTreeView>
#include <QUuid>

#include <algorithm>
#include <cmath>
#include <utility>

namespace {

QTextStream out(stdout);

QList<Account> makeAccounts(int n)
{
    QList<Account> accounts;
    for (int i = 0; i < n; ++i) {
        Account a;
        // Stable ids so the cached history file matches later runs.
        a.id = QStringLiteral("00000000-0000-4000-8000-%1").arg(i, 12, 10, QChar(u'0'));
        a.name = QStringLiteral("account-%1").arg(i, 2, 10, QChar(u'0'));
        a.presetId = QStringLiteral("github");
        accounts.append(a);
    }
    return accounts;
}

// A sawtooth: the quota drains through each hour and resets on the hour, as GitHub's core does.
bool generate(HistoryStore &store, const QList<Account> &accounts, const QDateTime &end, int days)
{
    const qint64 minutes = qint64(days) * 24 * 60;
    const QDateTime start = end.addSecs(-minutes * 60);
    QElapsedTimer t;
    t.start();
    qint64 written = 0;
    constexpr qint64 kLimit = 5000;
    QList<Sample> batch;
    constexpr int kBatch = 200000;
    batch.reserve(kBatch);
    for (const Account &a : accounts) {
        store.registerAccount(a.id, a.name, a.presetId);
        QRandomGenerator rng(quint32(qHash(a.id)));
        const double burn = 20.0 + rng.bounded(60.0);
        for (qint64 m = 0; m < minutes; ++m) {
            const QDateTime time = start.addSecs(m * 60);
            const qint64 minuteOfHour = (time.toSecsSinceEpoch() / 60) % 60;
            Sample s;
            s.accountId = a.id;
            s.resource = QStringLiteral("core");
            s.time = time;
            s.limit = kLimit;
            s.remaining = std::max<qint64>(0, kLimit - qint64(burn * double(minuteOfHour)) - rng.bounded(20));
            s.used = kLimit - *s.remaining;
            s.resetAt = time.addSecs((60 - minuteOfHour) * 60);
            s.status = 200;
            batch.append(std::move(s));
            if (batch.size() == kBatch) {
                if (!store.appendSamples(batch))
                    return false;
                written += batch.size();
                batch.clear();
                if (written % 2000000 < kBatch) {
                    out << QStringLiteral("  generated %1 M samples, %2 k/s\n")
                               .arg(double(written) / 1e6, 0, 'f', 1)
                               .arg(double(written) / std::max<qint64>(1, t.elapsed()), 0, 'f', 0);
                    out.flush();
                }
            }
        }
    }
    if (!batch.isEmpty() && !store.appendSamples(batch))
        return false;
    written += batch.size();
    out << QStringLiteral("  generated %1 samples in %2 s (%3 k samples/s)\n")
               .arg(written)
               .arg(double(t.elapsed()) / 1000.0, 0, 'f', 1)
               .arg(double(written) / std::max<qint64>(1, t.elapsed()), 0, 'f', 0);
    return true;
}

// Delivers events until `w` has painted once (its first frame reached the backing store).
class FirstPaint : public QObject
{
public:
    bool painted = false;
    bool eventFilter(QObject *o, QEvent *e) override
    {
        if (e->type() == QEvent::Paint)
            painted = true;
        return QObject::eventFilter(o, e);
    }
};

struct Startup
{
    qint64 firstWindowMs = -1;
    qint64 chartFilledMs = -1; // the last series applied before the chart went quiet
    qint64 tableSeededMs = -1; // stored readings in the table (resource rows under the accounts)
    int points = 0;
};

Startup timeToFirstWindow(const QString &path, const QList<Account> &accounts)
{
    QElapsedTimer t;
    t.start();
    HistoryStore store;
    QString error;
    if (!store.open(path, &error)) {
        out << "cannot open " << path << ": " << error << '\n';
        return {};
    }
    const qint64 tOpen = t.elapsed();
    MainWindow w(&store);
    const qint64 tCtor = t.elapsed();
    Startup r;
    QObject::connect(w.accountModel(), &QAbstractItemModel::rowsInserted, &w,
                     [&](const QModelIndex &parent) {
                         if (parent.isValid())
                             r.tableSeededMs = t.elapsed();
                     });
    w.setAccounts(accounts);
    const qint64 tSet = t.elapsed();
    if (qEnvironmentVariableIsSet("BENCH_DEBUG"))
        out << "open " << tOpen << " ctor " << tCtor << " setAccounts " << tSet << "\n";
    FirstPaint probe;
    // The tree's viewport paints last of the widgets that matter: rows are on screen then.
    w.accountView()->viewport()->installEventFilter(&probe);
    w.resize(1280, 820);
    w.show();
    if (qEnvironmentVariableIsSet("BENCH_DEBUG"))
        out << "shown " << t.elapsed() << "\n";
    for (int i = 0; i < 100000 && !probe.painted; ++i)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 50);
    r.firstWindowMs = t.elapsed();
    if (qEnvironmentVariableIsSet("BENCH_DEBUG"))
        out << "painted " << r.firstWindowMs << " chart refreshes so far " << w.chartView()->refreshCount() << "\n";
    if (!probe.painted)
        out << "warning: no paint observed\n";
    // The chart is filled once a refresh has been applied and nothing more is due for longer
    // than the window's debounce (250 ms).
    QuotaChartView *chart = w.chartView();
    QObject::connect(chart, &QuotaChartView::seriesApplied, chart, [&] { r.chartFilledMs = t.elapsed(); });
    QElapsedTimer quiet;
    quiet.start();
    while (quiet.elapsed() < 600 && t.elapsed() < 60000) {
        QEventLoop loop;
        QTimer::singleShot(10, &loop, &QEventLoop::quit);
        loop.exec();
        if (chart->refreshPending() || chart->refreshCount() == 0)
            quiet.restart();
    }
    r.points = chart->plottedPointCount();
    if (qEnvironmentVariableIsSet("BENCH_DEBUG")) out << "refreshes " << chart->refreshCount() << " series " << chart->chart()->series().size() << " overview " << chart->isOverview() << " loading " << chart->isLoading() << "\n";
    return r;
}

qint64 median(QList<qint64> v)
{
    std::sort(v.begin(), v.end());
    return v.at(v.size() / 2);
}

} // namespace

int main(int argc, char **argv)
{
    if (!qEnvironmentVariableIsSet("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("headroom-bench"));
    const QStringList args = app.arguments();
    auto intArg = [&](const QString &name, int def) {
        const int i = int(args.indexOf(name));
        return i >= 0 && i + 1 < args.size() ? args.at(i + 1).toInt() : def;
    };
    const int nAccounts = intArg(QStringLiteral("--accounts"), 50);
    const int days = intArg(QStringLiteral("--days"), 365);
    const int runs = std::max(1, intArg(QStringLiteral("--runs"), 11));
    const int keepAt = int(args.indexOf(QStringLiteral("--keep")));
    const QString dir = keepAt >= 0 && keepAt + 1 < args.size()
                            ? args.at(keepAt + 1)
                            : QDir(QCoreApplication::applicationDirPath()).filePath(QStringLiteral("bench-startup-data"));
    QDir().mkpath(dir);
    QTemporaryDir tmp;
    const QString emptyPath = tmp.filePath(QStringLiteral("empty.sqlite"));
    const QList<Account> accounts = makeAccounts(nAccounts);
    auto historyFile = [&](int d) {
        return QDir(dir).filePath(QStringLiteral("history-%1acc-%2d.sqlite").arg(nAccounts).arg(d));
    };
    const QString bigPath = historyFile(days);
    const QString dayPath = historyFile(1);

    {
        HistoryStore empty;
        if (!empty.open(emptyPath))
            return 1;
        for (const Account &a : accounts)
            empty.registerAccount(a.id, a.name, a.presetId);
    }
    // Files are generated relative to "now" and cached; a stale cache still holds as much history.
    for (const auto &[path, d] : {std::pair(bigPath, days), std::pair(dayPath, 1)}) {
        if (QFileInfo::exists(path))
            continue;
        out << QStringLiteral("generating %1 accounts x %2 days of 1-minute samples into %3\n")
                   .arg(nAccounts).arg(d).arg(path);
        out.flush();
        HistoryStore store;
        QString error;
        if (!store.open(path, &error) || !generate(store, accounts, QDateTime::currentDateTimeUtc(), d)) {
            out << "generation failed: " << error << '\n';
            QFile::remove(path);
            return 1;
        }
    }
    out << QStringLiteral("history file: %1 MB\n").arg(double(QFileInfo(bigPath).size()) / 1e6, 0, 'f', 0);

    // One warm-up of each so font and plugin loading count for none.
    const QStringList paths = {emptyPath, dayPath, bigPath};
    for (const QString &path : paths)
        timeToFirstWindow(path, accounts);
    QList<QList<qint64>> window(paths.size());
    QList<QList<qint64>> chart(paths.size());
    QList<QList<qint64>> seeded(paths.size());
    int bigPoints = 0;
    for (int r = 0; r < runs; ++r) {
        for (int i = 0; i < paths.size(); ++i) {
            const Startup st = timeToFirstWindow(paths.at(i), accounts);
            window[i].append(st.firstWindowMs);
            chart[i].append(st.chartFilledMs);
            seeded[i].append(st.tableSeededMs);
            if (i == 2)
                bigPoints = st.points;
        }
    }
    const qint64 e = median(window.at(0));
    const qint64 dd = median(window.at(1));
    const qint64 b = median(window.at(2));
    out << QStringLiteral("first window, empty history:           %1 ms (median of %2)\n").arg(e).arg(runs);
    out << QStringLiteral("first window, 1 day x %1 accounts:     %2 ms (a file under 16 MiB is fully checked in open())\n")
               .arg(nAccounts).arg(dd);
    out << QStringLiteral("first window, %1 days x %2 accounts:   %3 ms\n").arg(days).arg(nAccounts).arg(b);
    out << QStringLiteral("ratio year/empty: %1 (target <= 1.2)\n").arg(double(b) / double(std::max<qint64>(1, e)), 0, 'f', 2);
    out << QStringLiteral("ratio year/day:   %1 (same screen, 365x the history)\n")
               .arg(double(b) / double(std::max<qint64>(1, dd)), 0, 'f', 2);
    out << QStringLiteral("table shows stored readings: 1 day %1 ms, %2 days %3 ms\n")
               .arg(median(seeded.at(1))).arg(days).arg(median(seeded.at(2)));
    out << QStringLiteral("overview chart filled: empty %1 ms, 1 day %2 ms, %3 days %4 ms (%5 points plotted)\n")
               .arg(median(chart.at(0))).arg(median(chart.at(1))).arg(days).arg(median(chart.at(2))).arg(bigPoints);
    return 0;
}
