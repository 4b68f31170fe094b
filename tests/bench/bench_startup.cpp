// Time to the first shown window: MainWindow constructed over a HistoryStore, accounts set,
// shown, until its first paint has been delivered. Once over an empty history and once over a
// year of 1-minute samples for 50 accounts, in the same run. Target: ratio <= 1.2 (DESIGN.md:
// start-up costs O(what is on screen), not O(history)).
//
//   bench_startup [--accounts N] [--days D] [--runs R] [--keep DIR]
// The big history is generated once into DIR (default: a cache under the build tree) and reused.

#include "accounttablemodel.h"
#include "history/historystore.h"
#include "mainwindow.h"

#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTextStream>
#include <QTreeView>
#include <QUuid>

#include <algorithm>
#include <cmath>

namespace {

QTextStream out(stdout);

QList<Account> makeAccounts(int n)
{
    QList<Account> accounts;
    for (int i = 0; i < n; ++i) {
        Account a;
        // Stable ids so the cached history file matches later runs.
        a.id = QStringLiteral("00000000-0000-4000-8000-%1").arg(i, 12, 10, QLatin1Char('0'));
        a.name = QStringLiteral("account-%1").arg(i, 2, 10, QLatin1Char('0'));
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

qint64 timeToFirstWindow(const QString &path, const QList<Account> &accounts)
{
    QElapsedTimer t;
    t.start();
    HistoryStore store;
    QString error;
    if (!store.open(path, &error)) {
        out << "cannot open " << path << ": " << error << '\n';
        return -1;
    }
    MainWindow w(&store);
    w.setAccounts(accounts);
    FirstPaint probe;
    // The tree's viewport paints last of the widgets that matter: rows are on screen then.
    w.accountView()->viewport()->installEventFilter(&probe);
    w.resize(1280, 820);
    w.show();
    for (int i = 0; i < 100000 && !probe.painted; ++i)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 50);
    const qint64 ms = t.elapsed();
    if (!probe.painted)
        out << "warning: no paint observed\n";
    return ms;
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
    const int runs = std::max(1, intArg(QStringLiteral("--runs"), 5));
    const int keepAt = int(args.indexOf(QStringLiteral("--keep")));
    const QString dir = keepAt >= 0 && keepAt + 1 < args.size()
                            ? args.at(keepAt + 1)
                            : QDir(QCoreApplication::applicationDirPath()).filePath(QStringLiteral("bench-startup-data"));
    QDir().mkpath(dir);
    QTemporaryDir tmp;
    const QString emptyPath = tmp.filePath(QStringLiteral("empty.sqlite"));
    const QString bigPath = QDir(dir).filePath(QStringLiteral("history-%1acc-%2d.sqlite").arg(nAccounts).arg(days));
    const QList<Account> accounts = makeAccounts(nAccounts);

    {
        HistoryStore empty;
        if (!empty.open(emptyPath))
            return 1;
        for (const Account &a : accounts)
            empty.registerAccount(a.id, a.name, a.presetId);
    }
    // The big file is generated relative to "now" and cached; a stale cache still holds a year.
    if (!QFileInfo::exists(bigPath)) {
        out << QStringLiteral("generating %1 accounts x %2 days of 1-minute samples into %3\n")
                   .arg(nAccounts).arg(days).arg(bigPath);
        out.flush();
        HistoryStore big;
        QString error;
        if (!big.open(bigPath, &error) || !generate(big, accounts, QDateTime::currentDateTimeUtc(), days)) {
            out << "generation failed: " << error << '\n';
            QFile::remove(bigPath);
            return 1;
        }
    }
    out << QStringLiteral("history file: %1 MB\n").arg(double(QFileInfo(bigPath).size()) / 1e6, 0, 'f', 0);

    // One warm-up of each so font and plugin loading count for neither.
    timeToFirstWindow(emptyPath, accounts);
    timeToFirstWindow(bigPath, accounts);
    QList<qint64> emptyTimes;
    QList<qint64> bigTimes;
    for (int r = 0; r < runs; ++r) {
        emptyTimes.append(timeToFirstWindow(emptyPath, accounts));
        bigTimes.append(timeToFirstWindow(bigPath, accounts));
    }
    const qint64 e = median(emptyTimes);
    const qint64 b = median(bigTimes);
    out << QStringLiteral("first window, empty history:           %1 ms (median of %2)\n").arg(e).arg(runs);
    out << QStringLiteral("first window, %1 days x %2 accounts:   %3 ms (median of %4)\n").arg(days).arg(nAccounts).arg(b).arg(runs);
    out << QStringLiteral("ratio: %1 (target <= 1.2)\n").arg(double(b) / double(std::max<qint64>(1, e)), 0, 'f', 2);
    return 0;
}
