// 1,000 accounts watched against the simulator (target: <= 2 % of a core and
// <= 150 MB resident at one probe a minute per account). The simulator runs in a forked child,
// so the figures are Headroom's own: getrusage(RUSAGE_SELF) CPU time and peak RSS.
//
//   bench_watch [ACCOUNTS=1000] [STEADY_SECONDS=90] [ORIGINS=8] [KEEPALIVE=0] [FILE=0|1|2]
//
// FILE=1 is the engine of `headroom watch` on a server: the history in a real SQLite file (WAL,
// fsync as in production) and every account probed every 15 s (targets: <= 0.8 CPU s per 1,000
// probes, < 60 MB resident).
// FILE=2 runs the real `headroom watch --json --listen` process instead, as the service does:
// accounts.json, tokens from $CREDENTIALS_DIRECTORY (no session bus), its history file, a JSON
// line per probe on a pipe and a Prometheus scrape every 15 s. Its CPU and resident memory are
// read from /proc after a warm-up of one interval, so start-up is not spread over the probes.
// KEEPALIVE=1 lets the simulator keep connections open between answers, as real APIs do;
// the default closes each one, so every probe pays a TCP connect (the worse case).

#include "accounts/accountstore.h"
#include "accounts/credentialsecretstore.h"
#include "accounts/memorysecretstore.h"
#include "engine/monitor.h"
#include "history/historystore.h"
#include "sim/simulatedapi.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTimer>
#include <QUuid>

#include <csignal>
#include <cstdio>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

static double cpuSeconds()
{
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return double(u.ru_utime.tv_sec + u.ru_stime.tv_sec) + double(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

// utime + stime of a running process, in seconds (/proc/PID/stat fields 14 and 15).
static double processCpuSeconds(qint64 pid)
{
    QFile f(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    const QByteArray stat = f.readAll();
    // The command name (field 2) may hold spaces; the fields after it are counted from its ')'.
    const QList<QByteArray> fields = stat.mid(stat.lastIndexOf(')') + 2).split(' ');
    if (fields.size() < 13)
        return -1;
    return double(fields.at(11).toLongLong() + fields.at(12).toLongLong()) / double(sysconf(_SC_CLK_TCK));
}

// A process's peak resident set (VmHWM), in MB.
static double processPeakRssMb(qint64 pid)
{
    QFile f(QStringLiteral("/proc/%1/status").arg(pid));
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : f.readAll().split('\n'))
        if (line.startsWith("VmHWM:"))
            return line.mid(6).trimmed().split(' ').value(0).toDouble() / 1024.0;
    return -1;
}

// FILE=2: the real `headroom watch` as the service runs it, every account every 15 s.
static int runWatchProcess(const QList<QByteArray> &ports, int accounts, int steadyS)
{
    QTemporaryDir home;
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
            return 1;
        }
        QFile token(QDir(creds).filePath(CredentialSecretStore::credentialName(a.id)));
        if (!token.open(QIODevice::WriteOnly))
            return 1;
        token.write("ghp_bench0000000000000000000000000000000\n");
    }
    if (!store.save())
        return 1;
    quint16 metricsPort = 0;
    {
        QTcpServer probe;
        probe.listen(QHostAddress::LocalHost);
        metricsPort = probe.serverPort();
    }

    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("HOME"), home.path());
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), config);
    env.insert(QStringLiteral("XDG_DATA_HOME"), home.filePath(QStringLiteral("data")));
    env.insert(QStringLiteral("XDG_CACHE_HOME"), home.filePath(QStringLiteral("cache")));
    env.insert(QStringLiteral("CREDENTIALS_DIRECTORY"), creds);
    // A service has no session bus: the tokens come from the credentials alone.
    env.insert(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"), QStringLiteral("unix:path=/nonexistent"));
    QProcess watch;
    watch.setProcessEnvironment(env);
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
    const double cpu0 = processCpuSeconds(pid);
    const qint64 lines0 = lines;
    const qint64 failed0 = failedLines;
    QElapsedTimer wall;
    wall.start();
    QTimer::singleShot(steadyS * 1000, &loop, &QEventLoop::quit);
    loop.exec();
    const double cpu = processCpuSeconds(pid) - cpu0;
    const double wallS = double(wall.elapsed()) / 1000.0;
    const double rss = processPeakRssMb(pid);
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

    int fds[2];
    if (pipe(fds) != 0)
        return 1;
    const pid_t child = fork();
    if (child == 0) {
        QCoreApplication app(argc, argv);
        QList<SimulatedApi *> sims;
        QByteArray ports;
        for (int i = 0; i < origins; ++i) {
            auto *s = new SimulatedApi(&app);
            s->setKeepAlive(keepAlive);
            SimulatedApi::Endpoint e;
            e.prefix = QStringLiteral("/");
            e.dialect = SimulatedApi::Dialect::GitHub;
            e.limit = 5000;
            e.consumerRate = 0.5;
            s->addEndpoint(e);
            if (!s->listen(QHostAddress::LocalHost))
                return 1;
            ports += QByteArray::number(s->port()) + ' ';
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
