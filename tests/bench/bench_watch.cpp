// 1,000 accounts watched against the simulator (target: <= 2 % of a core and
// <= 150 MB resident at one probe a minute per account). The simulator runs in a forked child,
// so the figures are Headroom's own: getrusage(RUSAGE_SELF) CPU time and peak RSS.
//
//   bench_watch [ACCOUNTS=1000] [STEADY_SECONDS=90] [ORIGINS=8] [KEEPALIVE=0] [FILE=0|1|2|3]
//
// FILE=1 is the engine of `headroom watch` on a server: the history in a real SQLite file (WAL,
// fsync as in production) and every account probed every 15 s (targets: <= 0.8 CPU s per 1,000
// probes, < 60 MB resident).
// FILE=2 runs the real `headroom watch --json --listen` process instead, as the service does:
// accounts.json, tokens from $CREDENTIALS_DIRECTORY (no session bus), its history file, a JSON
// line per probe on a pipe and a Prometheus scrape every 15 s. Its CPU and resident memory are
// read from /proc after a warm-up of one interval, so start-up is not spread over the probes.
// FILE=3 runs real `headroom watch --json` processes (no --listen) as FILE=2 sets them up, in
// three phases of a warm-up (the scheduler's start window, over which it spreads the accounts'
// first probes, and 5 s) and STEADY_SECONDS each: one on its SQLite file (the baseline of
// the file history), one alone on a PostgreSQL history of a cluster this run starts
// (tests/common/pgcluster.h), and three sharing a fresh PostgreSQL history, each with every
// token, the leases deciding who polls what. Per phase: the watchers' CPU (and the server's)
// per 1,000 probes, each watcher's peak RSS, the probes per account per minute counted at the
// simulator (min, median, max: three watchers must give one watcher's rate), which accounts
// each watcher probed and the leases each holds; then a table, three watchers against one.
// GitHub's /rate_limit costs no quota in this mode, so no origin runs dry across the phases.
// KEEPALIVE=1 lets the simulator keep connections open between answers, as real APIs do;
// the default closes each one, so every probe pays a TCP connect (the worse case).

#include "accounts/accountstore.h"
#include "accounts/credentialsecretstore.h"
#include "accounts/memorysecretstore.h"
#include "engine/monitor.h"
#include "history/historystore.h"
#include "probe/scheduler.h"
#include "sim/simulatedapi.h"

#include "pgcluster.h"
#include "procstat.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QSocketNotifier>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTimer>
#include <QUuid>

#include <algorithm>
#include <csignal>
#include <cstdio>
#include <functional>
#include <memory>
#include <optional>
#include <vector>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

static double cpuSeconds()
{
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return double(u.ru_utime.tv_sec + u.ru_stime.tv_sec) + double(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

// What `headroom watch` needs on a server, in `home`: accounts.json with `accounts` GitHub
// accounts on the simulator's origins, each probed every 15 s, a token for each in a
// credentials directory, no session bus. The environment to run it in, or nothing.
static std::optional<QProcessEnvironment> prepareWatchHome(const QTemporaryDir &home, const QList<QByteArray> &ports,
    int accounts)
{
    const QString config = home.filePath(QStringLiteral("config"));
    const QString creds = home.filePath(QStringLiteral("creds"));
    QDir().mkpath(config + QStringLiteral("/headroom"));
    QDir().mkpath(creds);
    AccountStore store(config + QStringLiteral("/headroom/accounts.json"));
    for (int i = 0; i < accounts; ++i) {
        Account a;
        a.name = QStringLiteral("acct%1").arg(i);
        a.presetId = QStringLiteral("github");
        a.baseUrl = QStringLiteral("http://127.0.0.1:%1/a%2").arg(QString::fromLatin1(ports[i % ports.size()])).arg(i);
        a.intervalS = 15;
        QString error;
        if (!store.add(a, &error)) {
            std::fprintf(stderr, "account: %s\n", qPrintable(error));
            return std::nullopt;
        }
        QFile token(QDir(creds).filePath(CredentialSecretStore::credentialName(a.id)));
        if (!token.open(QIODevice::WriteOnly))
            return std::nullopt;
        token.write("ghp_bench0000000000000000000000000000000\n");
    }
    if (!store.save())
        return std::nullopt;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("HOME"), home.path());
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), config);
    env.insert(QStringLiteral("XDG_DATA_HOME"), home.filePath(QStringLiteral("data")));
    env.insert(QStringLiteral("XDG_CACHE_HOME"), home.filePath(QStringLiteral("cache")));
    env.insert(QStringLiteral("CREDENTIALS_DIRECTORY"), creds);
    // A service has no session bus: the tokens come from the credentials alone.
    env.insert(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"), QStringLiteral("unix:path=/nonexistent"));
    // libpq reads nothing of the caller's: the cluster is this run's own.
    for (const QString &k : env.keys())
        if (k.startsWith(QStringLiteral("PG")))
            env.remove(k);
    return env;
}

// FILE=2: the real `headroom watch` as the service runs it, every account every 15 s.
static int runWatchProcess(const QList<QByteArray> &ports, int accounts, int steadyS)
{
    QTemporaryDir home;
    const std::optional<QProcessEnvironment> env = prepareWatchHome(home, ports, accounts);
    if (!env)
        return 1;
    quint16 metricsPort = 0;
    {
        QTcpServer probe;
        probe.listen(QHostAddress::LocalHost);
        metricsPort = probe.serverPort();
    }

    QProcess watch;
    watch.setProcessEnvironment(*env);
    watch.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    qint64 lines = 0;
    qint64 failedLines = 0;
    QByteArray partial;
    QObject::connect(&watch, &QProcess::readyReadStandardOutput, [&] {
        partial += watch.readAllStandardOutput();
        qsizetype start = 0;
        for (qsizetype nl = partial.indexOf('\n'); nl >= 0; nl = partial.indexOf('\n', start)) {
            const QByteArrayView line(partial.constData() + start, nl - start);
            ++lines;
            if (!line.contains("\"state\":\"ok\""))
                ++failedLines;
            start = nl + 1;
        }
        partial.remove(0, start);
    });
    watch.start(QStringLiteral(HEADROOM_BIN),
        { QStringLiteral("watch"), QStringLiteral("--json"), QStringLiteral("--listen"),
            QStringLiteral("127.0.0.1:%1").arg(metricsPort) });
    if (!watch.waitForStarted())
        return 1;
    const qint64 pid = watch.processId();

    // Prometheus's part: a scrape every 15 s.
    QNetworkAccessManager nam;
    qint64 scrapes = 0, scrapeBytes = 0;
    QTimer scraper;
    scraper.setInterval(15'000);
    QObject::connect(&scraper, &QTimer::timeout, [&] {
        QNetworkReply *reply
            = nam.get(QNetworkRequest(QUrl(QStringLiteral("http://127.0.0.1:%1/metrics").arg(metricsPort))));
        QObject::connect(reply, &QNetworkReply::finished, reply, [&, reply] {
            if (reply->error() == QNetworkReply::NoError) {
                ++scrapes;
                scrapeBytes += reply->readAll().size();
            }
            reply->deleteLater();
        });
    });
    scraper.start();

    // Warm-up: start-up and the first round (every account once, spread over the interval).
    const int warmupS = 20;
    QEventLoop loop;
    QTimer::singleShot(warmupS * 1000, &loop, &QEventLoop::quit);
    loop.exec();
    const double cpu0 = ProcStat::cpuSeconds(pid);
    const qint64 lines0 = lines;
    const qint64 failed0 = failedLines;
    QElapsedTimer wall;
    wall.start();
    QTimer::singleShot(steadyS * 1000, &loop, &QEventLoop::quit);
    loop.exec();
    const double cpu = ProcStat::cpuSeconds(pid) - cpu0;
    const double wallS = double(wall.elapsed()) / 1000.0;
    const double rss = ProcStat::peakRssMb(pid);
    const qint64 probes = lines - lines0;
    watch.terminate();
    watch.waitForFinished();
    std::printf("headroom watch (process, history file, credentials, --listen): %lld probes (%lld not ok) in %.1f s "
                "after %d s of warm-up, %.3f CPU s -> %.3f CPU s per 1,000 probes (target <= 0.8); %.2f %% of one "
                "core\n",
        probes, failedLines - failed0, wallS, warmupS, cpu, probes ? cpu * 1000.0 / double(probes) : 0.0,
        100.0 * cpu / wallS);
    std::printf("peak RSS of headroom watch: %.1f MB (target < 60 MB); %lld scrapes of %lld KiB each\n", rss,
        scrapes, scrapes ? scrapeBytes / scrapes / 1024 : 0);
    return probes > 0 ? 0 : 1;
}

// The simulator's count of requests per account (the first path segment, "a12"), asked of the
// forked simulator over a pipe: each account is counted where it is probed, whichever process
// probes it, so a doubled probe shows even when no watcher prints it twice.
class SimCounts
{
public:
    SimCounts(int requestFd, int replyFd)
        : m_request(requestFd)
        , m_reply(replyFd)
    {
    }
    // Cumulative requests per account since the simulator started; empty on failure.
    QHash<QString, qint64> read() const
    {
        QHash<QString, qint64> out;
        if (write(m_request, "S", 1) != 1)
            return out;
        QByteArray text;
        char buf[8192];
        while (!text.endsWith("end\n")) {
            const ssize_t n = ::read(m_reply, buf, sizeof buf);
            if (n <= 0)
                return {};
            text.append(buf, n);
        }
        for (const QByteArray &line : text.split('\n')) {
            const qsizetype space = line.indexOf(' ');
            if (space > 0)
                out.insert(QString::fromLatin1(line.left(space)), line.mid(space + 1).toLongLong());
        }
        return out;
    }

private:
    int m_request;
    int m_reply;
};

// One `headroom watch --json` process and the accounts it printed a result for.
struct Watcher
{
    std::unique_ptr<QProcess> process;
    QByteArray partial;
    QHash<QString, qint64> printed; // account name -> lines
    qint64 lines = 0;
    qint64 notOk = 0;
};

// One phase of FILE=3: `watchers` processes on one history, measured after a warm-up.
struct Phase
{
    QString name;
    int watchers = 0;
    double wallS = 0;
    double cpuS = 0;       // the watchers' utime + stime in the window, summed
    double serverCpuS = 0; // PostgreSQL's (postmaster and backends); 0 for SQLite
    qint64 simProbes = 0;  // requests the simulator answered in the window
    qint64 printed = 0;    // result lines the watchers printed in the window
    qint64 notOk = 0;
    QList<double> cpuPerWatcher;
    QList<double> rssMb;
    QList<qint64> linesPerWatcher;
    QList<int> accountsPerWatcher; // distinct accounts each printed in the window
    int accountsOnTwo = 0;         // accounts two watchers printed in the window
    int accountsUnprobed = 0;      // accounts the simulator saw no request for in the window
    double perMinMin = 0, perMinMedian = 0, perMinMax = 0, perMinMean = 0; // probes per account per minute, at the simulator
    QMap<qint64, int> perWindow; // probes in the window -> accounts with that many
    QString leaseSplit; // holders and their account counts, from the leases table
    bool ok = false;
    double cpuPerThousand() const { return simProbes ? cpuS * 1000.0 / double(simProbes) : 0; }
    double totalPerThousand() const { return simProbes ? (cpuS + serverCpuS) * 1000.0 / double(simProbes) : 0; }
};

static Phase runPhase(const QString &name, const QProcessEnvironment &env, const QStringList &historyArgs,
    int watchers, int accounts, int steadyS, const SimCounts &sim, const std::function<double()> &serverCpu,
    const std::function<QString()> &leaseSplit)
{
    Phase ph;
    ph.name = name;
    ph.watchers = watchers;
    std::printf("%s: %d watcher(s), %d accounts every 15 s...\n", qPrintable(name), watchers, accounts);
    std::fflush(stdout);
    std::vector<Watcher> ws(static_cast<size_t>(watchers));
    for (Watcher &w : ws) {
        w.process = std::make_unique<QProcess>();
        w.process->setProcessEnvironment(env);
        w.process->setProcessChannelMode(QProcess::ForwardedErrorChannel);
        QProcess *p = w.process.get();
        Watcher *self = &w;
        QObject::connect(p, &QProcess::readyReadStandardOutput, p, [p, self] {
            self->partial += p->readAllStandardOutput();
            qsizetype nl;
            while ((nl = self->partial.indexOf('\n')) >= 0) {
                const QJsonObject o = QJsonDocument::fromJson(self->partial.left(nl)).object();
                self->partial.remove(0, nl + 1);
                const QString account = o.value(QStringLiteral("account")).toString();
                if (account.isEmpty())
                    continue;
                ++self->lines;
                ++self->printed[account];
                if (o.value(QStringLiteral("state")).toString() != QStringLiteral("ok"))
                    ++self->notOk;
            }
        });
        p->start(QStringLiteral(HEADROOM_BIN), QStringList{ QStringLiteral("watch"), QStringLiteral("--json") } + historyArgs);
        if (!p->waitForStarted())
            return ph;
        // A stagger, as machines start apart.
        QEventLoop pause;
        QTimer::singleShot(300, &pause, &QEventLoop::quit);
        pause.exec();
    }

    // Warm-up: start-up, the leases taken, and every account's first probe (the scheduler starts
    // each new account at a random moment of its start window), so the window measures the
    // steady rate and start-up is not spread over the probes.
    const int warmupS = int(Scheduler::Tuning{}.startJitterMs / 1000) + 5;
    QEventLoop loop;
    QTimer::singleShot(warmupS * 1000, &loop, &QEventLoop::quit);
    loop.exec();
    QList<double> cpu0;
    QList<qint64> lines0, notOk0;
    QList<QHash<QString, qint64>> printed0;
    for (const Watcher &w : ws) {
        cpu0 << ProcStat::cpuSeconds(w.process->processId());
        lines0 << w.lines;
        notOk0 << w.notOk;
        printed0 << w.printed;
    }
    const double server0 = serverCpu ? serverCpu() : 0;
    const QHash<QString, qint64> sim0 = sim.read();
    QElapsedTimer wall;
    wall.start();
    QTimer::singleShot(steadyS * 1000, &loop, &QEventLoop::quit);
    loop.exec();
    const QHash<QString, qint64> sim1 = sim.read();
    ph.wallS = double(wall.elapsed()) / 1000.0;
    ph.serverCpuS = serverCpu ? serverCpu() - server0 : 0;
    if (leaseSplit)
        ph.leaseSplit = leaseSplit();
    QHash<QString, int> printers; // account -> how many watchers printed it in the window
    for (size_t i = 0; i < ws.size(); ++i) {
        const Watcher &w = ws[i];
        const double cpu = ProcStat::cpuSeconds(w.process->processId()) - cpu0.at(qsizetype(i));
        ph.cpuPerWatcher << cpu;
        ph.cpuS += cpu;
        ph.rssMb << ProcStat::peakRssMb(w.process->processId());
        ph.linesPerWatcher << w.lines - lines0.at(qsizetype(i));
        ph.printed += w.lines - lines0.at(qsizetype(i));
        ph.notOk += w.notOk - notOk0.at(qsizetype(i));
        int mine = 0;
        for (auto it = w.printed.cbegin(); it != w.printed.cend(); ++it)
            if (it.value() > printed0.at(qsizetype(i)).value(it.key())) {
                ++mine;
                ++printers[it.key()];
            }
        ph.accountsPerWatcher << mine;
    }
    for (const int n : std::as_const(printers))
        if (n > 1)
            ++ph.accountsOnTwo;
    QList<double> perMinute;
    for (int i = 0; i < accounts; ++i) {
        const QString key = QStringLiteral("a%1").arg(i);
        const qint64 n = sim1.value(key) - sim0.value(key);
        ph.simProbes += n;
        if (n == 0)
            ++ph.accountsUnprobed;
        perMinute << double(n) * 60.0 / ph.wallS;
        ++ph.perWindow[n];
    }
    std::sort(perMinute.begin(), perMinute.end());
    if (!perMinute.isEmpty()) {
        ph.perMinMin = perMinute.first();
        ph.perMinMedian = perMinute.at(perMinute.size() / 2);
        ph.perMinMax = perMinute.last();
        ph.perMinMean = double(ph.simProbes) * 60.0 / ph.wallS / double(accounts);
    }
    for (Watcher &w : ws) {
        w.process->terminate();
        w.process->waitForFinished(20000);
    }
    ph.ok = ph.simProbes > 0;

    QStringList split, cpus, rss;
    for (qsizetype i = 0; i < ph.accountsPerWatcher.size(); ++i) {
        split << QString::number(ph.accountsPerWatcher.at(i));
        cpus << QString::number(ph.cpuPerWatcher.at(i), 'f', 2);
        rss << QString::number(ph.rssMb.at(i), 'f', 1);
    }
    std::printf("%s: %lld probes at the simulator (%lld printed, %lld not ok) in %.1f s after %d s of warm-up; "
                "watchers %.2f CPU s (each: %s) = %.3f CPU s per 1,000 probes",
        qPrintable(name), static_cast<long long>(ph.simProbes), static_cast<long long>(ph.printed),
        static_cast<long long>(ph.notOk), ph.wallS, warmupS, ph.cpuS, qPrintable(cpus.join(u' ')),
        ph.cpuPerThousand());
    if (serverCpu)
        std::printf("; PostgreSQL server %.2f CPU s, with it %.3f CPU s per 1,000 probes", ph.serverCpuS,
            ph.totalPerThousand());
    QStringList histogram;
    for (auto it = ph.perWindow.cbegin(); it != ph.perWindow.cend(); ++it)
        histogram << QStringLiteral("%1 probes: %2").arg(it.key()).arg(it.value());
    std::printf("\n%s: peak RSS per watcher %s MB; accounts each watcher printed in the window %s (%d by two "
                "watchers, %d never probed); probes per account per minute at the simulator min %.2f, median "
                "%.2f, mean %.2f, max %.2f (one every 15 s: 4); accounts by probes in the window: %s\n",
        qPrintable(name), qPrintable(rss.join(u' ')), qPrintable(split.join(u' ')), ph.accountsOnTwo,
        ph.accountsUnprobed, ph.perMinMin, ph.perMinMedian, ph.perMinMean, ph.perMinMax,
        qPrintable(histogram.join(QStringLiteral(", "))));
    if (!ph.leaseSplit.isEmpty())
        std::printf("%s: unexpired leases at the end of the window, accounts per holder: %s\n", qPrintable(name),
            qPrintable(ph.leaseSplit));
    std::fflush(stdout);
    return ph;
}

// FILE=3: the real `headroom watch --json` on one PostgreSQL history of this run's own cluster:
// one watcher alone, then three sharing the same accounts (each has every token; the leases
// decide who polls what), with one watcher on SQLite first as the baseline of the file history.
static int runSharedWatch(const QList<QByteArray> &ports, int accounts, int steadyS, const SimCounts &sim)
{
    QTemporaryDir home;
    const std::optional<QProcessEnvironment> env = prepareWatchHome(home, ports, accounts);
    if (!env)
        return 1;
    PgCluster cluster;
    if (!cluster.start()) {
        std::fprintf(stderr, "PostgreSQL: %s\n", qPrintable(cluster.error()));
        return 1;
    }
    const qint64 postmaster = ProcStat::postmasterPid(cluster.dataDir());
    if (postmaster <= 0 || !cluster.createDatabase(QStringLiteral("alone"))
        || !cluster.createDatabase(QStringLiteral("shared"))) {
        std::fprintf(stderr, "PostgreSQL: %s\n", qPrintable(cluster.error()));
        return 1;
    }
    std::printf("PostgreSQL %s, a cluster of this run on 127.0.0.1 (fsync on); %d accounts, %d s measured per "
                "phase\n",
        qPrintable(cluster.psql(QStringLiteral("SHOW server_version")).value_or(QStringLiteral("?"))), accounts,
        steadyS);
    auto server = [postmaster] { return ProcStat::treeCpuSeconds(postmaster); };
    auto leases = [&cluster](const QString &db) {
        return [&cluster, db] {
            return cluster
                .psql(QStringLiteral("SELECT string_agg(n::text, ' ' ORDER BY n DESC) FROM (SELECT count(*) AS n FROM "
                                     "leases WHERE expires_at > (extract(epoch FROM clock_timestamp()) * 1000)::bigint "
                                     "GROUP BY holder) h"),
                    db)
                .value_or(QStringLiteral("?"));
        };
    };
    const Phase sqlite = runPhase(QStringLiteral("sqlite, one watcher"), *env, {}, 1, accounts, steadyS, sim, {}, {});
    const Phase alone = runPhase(QStringLiteral("postgresql, one watcher"), *env,
        { QStringLiteral("--history"), cluster.url(QStringLiteral("alone")) }, 1, accounts, steadyS, sim, server,
        leases(QStringLiteral("alone")));
    const Phase shared = runPhase(QStringLiteral("postgresql, three watchers"), *env,
        { QStringLiteral("--history"), cluster.url(QStringLiteral("shared")) }, 3, accounts, steadyS, sim, server,
        leases(QStringLiteral("shared")));
    if (!sqlite.ok || !alone.ok || !shared.ok)
        return 1;

    // Side by side, as multiples of one watcher alone on PostgreSQL.
    struct Row
    {
        const char *what;
        double v[3];
        int decimals;
    };
    auto maxOf = [](const QList<double> &l) { return l.isEmpty() ? 0.0 : *std::max_element(l.cbegin(), l.cend()); };
    auto row = [&](const char *what, const std::function<double(const Phase &)> &f, int decimals) {
        return Row{ what, { f(sqlite), f(alone), f(shared) }, decimals };
    };
    const QList<Row> rows = {
        row("probes at the simulator", [](const Phase &p) { return double(p.simProbes); }, 0),
        row("watchers' CPU s per 1,000 probes", [](const Phase &p) { return p.cpuPerThousand(); }, 3),
        row("server's CPU s per 1,000 probes", [&](const Phase &p) { return p.simProbes ? p.serverCpuS * 1000.0 / double(p.simProbes) : 0; }, 3),
        row("total CPU s per 1,000 probes", [](const Phase &p) { return p.totalPerThousand(); }, 3),
        row("watchers' % of one core", [](const Phase &p) { return 100.0 * p.cpuS / p.wallS; }, 2),
        row("peak RSS, largest watcher, MB", [&](const Phase &p) { return maxOf(p.rssMb); }, 1),
        row("probes/account/min, min", [](const Phase &p) { return p.perMinMin; }, 2),
        row("probes/account/min, median", [](const Phase &p) { return p.perMinMedian; }, 2),
        row("probes/account/min, mean", [](const Phase &p) { return p.perMinMean; }, 2),
        row("probes/account/min, max", [](const Phase &p) { return p.perMinMax; }, 2),
        row("accounts printed by two watchers", [](const Phase &p) { return double(p.accountsOnTwo); }, 0),
    };
    std::printf("\nside by side (%d accounts, one probe every 15 s each, %d s measured after %d s of warm-up; "
                "ratio = three watchers / one watcher on PostgreSQL)\n",
        accounts, steadyS, int(Scheduler::Tuning{}.startJitterMs / 1000) + 5);
    std::printf("%-36s %14s %14s %14s %8s\n", "", "sqlite x1", "postgresql x1", "postgresql x3", "ratio");
    for (const Row &r : rows)
        std::printf("%-36s %14s %14s %14s %8s\n", r.what, qPrintable(QString::number(r.v[0], 'f', r.decimals)),
            qPrintable(QString::number(r.v[1], 'f', r.decimals)), qPrintable(QString::number(r.v[2], 'f', r.decimals)),
            r.v[1] != 0 ? qPrintable(QString::number(r.v[2] / r.v[1], 'f', 2)) : "-");
    QStringList split;
    for (const int n : shared.accountsPerWatcher)
        split << QString::number(n);
    std::printf("split of the %d accounts among the three watchers (accounts each printed in the window): %s; "
                "unexpired leases per holder: %s\n",
        accounts, qPrintable(split.join(QStringLiteral(" / "))), qPrintable(shared.leaseSplit));
    return 0;
}

static long peakRssKb()
{
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return u.ru_maxrss;
}

int main(int argc, char **argv)
{
    const int accounts = argc > 1 ? std::atoi(argv[1]) : 1000;
    const int steadyS = argc > 2 ? std::atoi(argv[2]) : 90;
    const int origins = argc > 3 ? std::atoi(argv[3]) : 8;
    const bool keepAlive = argc > 4 && std::atoi(argv[4]) != 0;
    const int fileMode = argc > 5 ? std::atoi(argv[5]) : 0;
    const bool fileBacked = fileMode != 0;

    // fds: the simulator's ports, then its answers to requests on ctl (FILE=3's counts).
    int fds[2];
    int ctl[2];
    if (pipe(fds) != 0 || pipe(ctl) != 0)
        return 1;
    const pid_t child = fork();
    if (child == 0) {
        QCoreApplication app(argc, argv);
        QList<SimulatedApi *> sims;
        QHash<QByteArray, qint64> counts; // "a12" -> requests
        QSocketNotifier asked(ctl[0], QSocketNotifier::Read);
        QObject::connect(&asked, &QSocketNotifier::activated, &app, [&] {
            char c = 0;
            if (read(ctl[0], &c, 1) != 1) {
                app.quit();
                return;
            }
            QByteArray out;
            for (auto it = counts.cbegin(); it != counts.cend(); ++it)
                out += it.key() + ' ' + QByteArray::number(it.value()) + '\n';
            out += "end\n";
            for (qsizetype at = 0; at < out.size();) {
                const ssize_t n = write(fds[1], out.constData() + at, size_t(out.size() - at));
                if (n <= 0)
                    return;
                at += n;
            }
            // Counted above; the simulator's own list of requests need not grow for hours.
            for (SimulatedApi *s : std::as_const(sims))
                s->clearRequests();
        });
        QByteArray ports;
        for (int i = 0; i < origins; ++i) {
            auto *s = new SimulatedApi(&app);
            s->setKeepAlive(keepAlive);
            SimulatedApi::Endpoint e;
            e.prefix = QStringLiteral("/");
            e.dialect = SimulatedApi::Dialect::GitHub;
            e.limit = 5000;
            e.consumerRate = 0.5;
            if (fileMode == 3)
                e.probeCost = 0;
            s->addEndpoint(e);
            QObject::connect(s, &SimulatedApi::requestReceived, &app, [&counts](const QByteArray &target) {
                const qsizetype end = target.indexOf('/', 1);
                ++counts[target.mid(1, end < 0 ? -1 : end - 1)];
            });
            if (!s->listen(QHostAddress::LocalHost))
                return 1;
            ports += QByteArray::number(s->port()) + ' ';
            sims << s;
        }
        ports += '\n';
        if (write(fds[1], ports.constData(), size_t(ports.size())) < 0)
            return 1;
        return app.exec();
    }
    char buf[512] = {};
    const ssize_t n = read(fds[0], buf, sizeof buf - 1);
    if (n <= 0)
        return 1;
    const QList<QByteArray> ports = QByteArray(buf).trimmed().split(' ');

    QCoreApplication app(argc, argv);
    if (fileMode == 3) {
        const int rc = runSharedWatch(ports, accounts, steadyS, SimCounts(ctl[1], fds[0]));
        kill(child, SIGTERM);
        waitpid(child, nullptr, 0);
        return rc;
    }
    if (fileMode == 2) {
        const int rc = runWatchProcess(ports, accounts, steadyS);
        kill(child, SIGTERM);
        waitpid(child, nullptr, 0);
        return rc;
    }
    MemorySecretStore secrets;
    HistoryStore history;
    QString error;
    QTemporaryDir dir;
    const bool haveHistory = fileBacked ? history.open(dir.filePath(QStringLiteral("history.sqlite")), &error)
                                        : history.openInMemory(&error);
    if (!haveHistory)
        std::fprintf(stderr, "no history: %s\n", qPrintable(error));
    QList<Account> list;
    for (int i = 0; i < accounts; ++i) {
        Account a;
        a.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
        a.name = QStringLiteral("acct%1").arg(i);
        a.presetId = QStringLiteral("github");
        a.baseUrl = QStringLiteral("http://127.0.0.1:%1/a%2").arg(QString::fromLatin1(ports[i % ports.size()])).arg(i);
        if (fileBacked)
            a.intervalS = 15;
        list.append(a);
        secrets.write(a.id, QStringLiteral("ghp_bench0000000000000000000000000000000"), [](const SecretStore::Result &) {});
    }
    QCoreApplication::processEvents();

    Monitor monitor(&secrets, haveHistory ? &history : nullptr);
    monitor.setAccounts(list);
    qint64 ok = 0, failed = 0;
    QObject::connect(&monitor, &Monitor::resultRecorded, [&](const ProbeResult &r) {
        (r.state == AccountState::Ok || isLow(r.state) ? ok : failed)++;
    });

    // 1. Burst: every account once (bounded to 4 in flight per origin).
    const double rssBefore = double(peakRssKb()) / 1024.0;
    double cpu0 = cpuSeconds();
    QElapsedTimer wall;
    wall.start();
    {
        QEventLoop loop;
        QObject::connect(&monitor, &Monitor::runOnceFinished, &loop, &QEventLoop::quit);
        monitor.runOnce();
        loop.exec();
    }
    const double burstCpu = cpuSeconds() - cpu0;
    std::printf("burst: %d probes (%lld ok, %lld failed) in %.2f s wall, %.3f CPU s -> %.3f CPU s per 1,000 probes\n",
                accounts, ok, failed, double(wall.elapsed()) / 1000.0, burstCpu, burstCpu * 1000.0 / accounts);

    // 2. Steady watch: the scheduler's own timetable (free probe: one a minute per account).
    monitor.setAccounts({});
    monitor.setAccounts(list);
    ok = failed = 0;
    cpu0 = cpuSeconds();
    wall.restart();
    {
        QEventLoop loop;
        QTimer::singleShot(steadyS * 1000, &loop, &QEventLoop::quit);
        monitor.start();
        loop.exec();
        monitor.stop();
    }
    const double steadyCpu = cpuSeconds() - cpu0;
    const double wallS = double(wall.elapsed()) / 1000.0;
    const qint64 probes = ok + failed;
    std::printf("steady: %lld probes (%lld failed) in %.1f s wall, %.3f CPU s -> %.3f CPU s per 1,000 probes; "
                "%.2f %% of one core\n",
                probes, failed, wallS, steadyCpu, probes ? steadyCpu * 1000.0 / double(probes) : 0.0,
                100.0 * steadyCpu / wallS);
    const double perThousand = probes ? steadyCpu * 1000.0 / double(probes) : burstCpu * 1000.0 / accounts;
    std::printf("at one probe a minute per account for %d accounts: %.2f %% of one core (target <= 2 %%)\n", accounts,
                100.0 * perThousand * (accounts / 1000.0) / 60.0);
    std::printf("peak RSS: %.1f MB (%.1f MB before the probes; target <= 150 MB, %s); history %s; connections %s\n",
                double(peakRssKb()) / 1024.0, rssBefore, fileBacked ? "< 60 MB on a server" : "desktop",
                !haveHistory ? "not recorded" : fileBacked ? "in a file (SQLite, WAL)" : "in memory (SQLite)",
                keepAlive ? "kept alive" : "closed after each answer");
    kill(child, SIGTERM);
    waitpid(child, nullptr, 0);
    return 0;
}
