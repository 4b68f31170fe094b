// The cost of a scrape of `headroom watch --listen`: rendering /metrics for 1,000 accounts (two
// quotas each) and 50 pools, in both formats, in CPU time of this thread. Target: under 50 ms a
// scrape. The baseline in the same run is a plain copy of a byte array of the same size, the
// least any exposition of that text could cost.
//
// Then whether a scrape holds up probing: a client thread scrapes a MetricsServer on loopback
// while this thread, the monitor's, records a result every millisecond; the longest wait between
// two records is printed beside the same figure when this thread renders each scrape itself.
#include "engine/metricsregistry.h"
#include "engine/metricsserver.h"
#include "engine/poolreading.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <QTcpSocket>
#include <QTextStream>
#include <QThread>
#include <QTimer>

#include <ctime>

namespace {

double threadCpuSeconds()
{
    timespec ts {};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return double(ts.tv_sec) + double(ts.tv_nsec) / 1e9;
}

// One GET of /metrics with a plain socket; the body's size, or -1.
qsizetype scrapeOnce(quint16 port)
{
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, port);
    if (!socket.waitForConnected(5000))
        return -1;
    socket.write("GET /metrics HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
    QByteArray response;
    while (socket.state() == QAbstractSocket::ConnectedState && socket.waitForReadyRead(5000))
        response += socket.readAll();
    response += socket.readAll();
    const qsizetype body = response.indexOf("\r\n\r\n");
    return response.startsWith("HTTP/1.1 200") && body > 0 ? response.size() - body - 4 : -1;
}

// Records a result every millisecond on this thread for as long as `busy` runs, and returns the
// longest time the thread spent computing between two records, in ms of its own CPU time: a
// gap in which another thread had the core is not this thread blocked.
double longestStall(MetricsRegistry *registry, const QList<ProbeResult> &results, const std::function<void(QEventLoop *)> &busy)
{
    double last = threadCpuSeconds();
    double longest = 0;
    qsizetype next = 0;
    QTimer ticker;
    ticker.setTimerType(Qt::PreciseTimer);
    ticker.setInterval(1);
    QObject::connect(&ticker, &QTimer::timeout, [&] {
        const double now = threadCpuSeconds();
        longest = std::max(longest, now - last);
        registry->recordResult(results.at(next++ % results.size()));
        last = threadCpuSeconds();
    });
    ticker.start();
    QEventLoop loop;
    busy(&loop);
    loop.exec();
    return longest * 1000.0;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    constexpr int kAccounts = 1000;
    constexpr int kRounds = 40;
    MetricsRegistry registry;
    QList<Account> accounts;
    for (int i = 0; i < kAccounts; ++i) {
        Account a;
        a.id = QStringLiteral("id-%1").arg(i);
        a.name = QStringLiteral("account-%1").arg(i, 4, 10, QChar(u'0'));
        a.presetId = i % 2 ? QStringLiteral("github") : QStringLiteral("gitlab");
        accounts << a;
    }
    registry.setAccounts(accounts);
    const QDateTime now = QDateTime::currentDateTimeUtc();
    QList<ProbeResult> latest;
    for (int round = 0; round < 3; ++round) {
        latest.clear();
        for (const Account &a : std::as_const(accounts)) {
            ProbeResult r;
            r.accountId = a.id;
            r.accountName = a.name;
            r.provider = a.presetId;
            r.state = AccountState::Ok;
            r.probedAt = now;
            r.cost = 1;
            for (const char *resource : { "core", "search" }) {
                Quota q;
                q.resource = QString::fromLatin1(resource);
                q.limit = 5000;
                q.remaining = 4000 - round;
                q.used = 1000 + round;
                q.resetAt = now.addSecs(1800);
                q.windowS = 3600;
                r.reading.quotas << q;
            }
            registry.recordResult(r);
            latest << r;
        }
    }
    for (int p = 0; p < 50; ++p) {
        PoolReading pool;
        pool.pool = QStringLiteral("pool-%1").arg(p);
        pool.provider = QStringLiteral("github");
        PoolQuota q;
        q.resource = QStringLiteral("core");
        q.limit = 10000;
        q.remaining = 8000;
        pool.quotas << q;
        registry.recordPool(pool);
    }

    QTextStream out(stdout);
    const QByteArray sample = registry.render(MetricsRegistry::Format::Text004);
    double baseline = 0;
    {
        const double t0 = threadCpuSeconds();
        qsizetype sink = 0;
        for (int i = 0; i < kRounds; ++i) {
            QByteArray copy(sample.constData(), sample.size());
            sink += copy.size();
        }
        baseline = (threadCpuSeconds() - t0) / kRounds;
        out << "baseline (copy " << sample.size() / 1024 << " KiB): " << QString::number(baseline * 1000, 'f', 3)
            << " ms per scrape\n";
        if (sink == 0)
            return 1;
    }
    for (auto [format, name] : { std::pair { MetricsRegistry::Format::Text004, "text 0.0.4" },
             std::pair { MetricsRegistry::Format::OpenMetrics, "OpenMetrics" } }) {
        const double t0 = threadCpuSeconds();
        qsizetype bytes = 0;
        for (int i = 0; i < kRounds; ++i)
            bytes += registry.render(format).size();
        const double perScrape = (threadCpuSeconds() - t0) / kRounds;
        out << name << ": " << kAccounts << " accounts, " << bytes / kRounds / 1024 << " KiB, "
            << QString::number(perScrape * 1000, 'f', 2) << " ms CPU per scrape (target < 50), "
            << QString::number(perScrape / baseline, 'f', 0) << "x the copy\n";
    }

    // Probing while scrapes are answered: rendered on this thread, then by the server.
    constexpr int kScrapes = 20;
    const double inlineStall = longestStall(&registry, latest, [&](QEventLoop *loop) {
        auto *scrapes = new int(0);
        auto *timer = new QTimer(loop);
        QObject::connect(timer, &QTimer::timeout, loop, [=, &registry] {
            if (registry.render(MetricsRegistry::Format::Text004).isEmpty() || ++*scrapes == kScrapes) {
                delete scrapes;
                timer->stop();
                loop->quit();
            }
        });
        timer->start(25);
    });
    MetricsServer server(&registry, [] { return true; });
    QString error;
    if (!server.listen({ QHostAddress(QHostAddress::LocalHost), 0 }, &error)) {
        out << "cannot listen: " << error << '\n';
        return 1;
    }
    bool served = true;
    const double servedStall = longestStall(&registry, latest, [&](QEventLoop *loop) {
        QThread *client = QThread::create([&, port = server.port()] {
            for (int i = 0; i < kScrapes; ++i)
                served = served && scrapeOnce(port) > 0;
        });
        QObject::connect(client, &QThread::finished, loop, &QEventLoop::quit);
        QObject::connect(client, &QThread::finished, client, &QObject::deleteLater);
        client->start();
    });
    out << "probing during " << kScrapes << " scrapes: the monitor's thread computed at most "
        << QString::number(servedStall, 'f', 2) << " ms between two results (rendering on it: "
        << QString::number(inlineStall, 'f', 2) << " ms)" << (served ? "" : "; some scrapes FAILED") << '\n';
    return served ? 0 : 1;
}
