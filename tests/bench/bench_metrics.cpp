// The cost of a scrape of `headroom watch --listen`: rendering /metrics for 1,000 accounts (two
// quotas each) and 50 pools, in both formats, in CPU time of this thread. Target: under 50 ms a
// scrape. The baseline in the same run is a plain copy of a byte array of the same size, the
// least any exposition of that text could cost.
#include "engine/metricsregistry.h"
#include "engine/poolreading.h"

#include <QCoreApplication>
#include <QTextStream>

#include <ctime>

namespace {

double threadCpuSeconds()
{
    timespec ts {};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return double(ts.tv_sec) + double(ts.tv_nsec) / 1e9;
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
    for (int round = 0; round < 3; ++round) {
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
    return 0;
}
