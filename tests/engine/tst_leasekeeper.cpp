// LeaseKeeper with real parts: a throwaway PostgreSQL cluster (tests/common/pgcluster.h), the
// loopback simulator, real Monitors probing it, and a helper process (leaseholder.cpp) that is
// killed with -9. Each poller sends its own token, so the simulator's log says who probed what
// and when: no account is probed by two pollers in overlapping lease periods, a graceful stop
// and a crash are taken over, a throttled account's Retry-After outlives its poller, and an
// outage of the database stops polling before the leases could have passed to anyone else.
#include "leasefixture.h"
#include "pgcluster.h"
#include "sim/simulatedapi.h"

#include <QElapsedTimer>
#include <QProcess>
#include <QSet>
#include <QSignalSpy>
#include <QtTest>

#include <csignal>

using namespace LeaseFixture;

namespace {

constexpr qint64 kLeaseMs = 3000;

struct Hit
{
    int account = -1;
    QByteArray token; // without "Bearer "
    qint64 atMs = 0;    // on the test's timer
    qint64 epochMs = 0; // wall clock (the database server's too: same machine)
};

// Every request the simulator receives, with its token and arrival time.
class Recorder : public QObject
{
public:
    explicit Recorder(SimulatedApi *sim)
    {
        m_timer.start();
        connect(sim, &SimulatedApi::requestReceived, this, [this, sim](const QByteArray &target) {
            Hit h;
            h.account = target.mid(6, 2).toInt(); // "/acct-07/v"
            h.token = sim->requests().last().header("Authorization").mid(7);
            h.atMs = m_timer.elapsed();
            h.epochMs = QDateTime::currentMSecsSinceEpoch();
            m_hits << h;
        });
    }
    qint64 now() const { return m_timer.elapsed(); }
    const QList<Hit> &hits() const { return m_hits; }
    QList<Hit> of(int account) const
    {
        QList<Hit> out;
        for (const Hit &h : m_hits)
            if (h.account == account)
                out << h;
        return out;
    }
    // The first request to `account` after `fromMs` whose token does not start with `notPrefix`.
    std::optional<Hit> firstOther(int account, qint64 fromMs, const QByteArray &notPrefix) const
    {
        for (const Hit &h : m_hits)
            if (h.account == account && h.atMs >= fromMs && !h.token.startsWith(notPrefix))
                return h;
        return std::nullopt;
    }
    // Empty when every account was polled by one poller at a time: each token's requests form
    // one run (no poller comes back after another took over) and within a run the requests are
    // at least `minGapMs` apart (one poller's rate, not two pollers' interleaved).
    QString onePollerAtATime(qint64 minGapMs) const
    {
        QHash<int, QList<Hit>> byAccount;
        for (const Hit &h : m_hits)
            byAccount[h.account] << h;
        for (auto it = byAccount.cbegin(); it != byAccount.cend(); ++it) {
            QSet<QByteArray> finished;
            const QList<Hit> &hits = it.value();
            for (qsizetype i = 1; i < hits.size(); ++i) {
                const Hit &a = hits.at(i - 1), &b = hits.at(i);
                if (a.token == b.token) {
                    if (b.atMs - a.atMs < minGapMs)
                        return QStringLiteral("account %1: %2 probed %3 ms apart")
                            .arg(it.key())
                            .arg(QString::fromUtf8(a.token))
                            .arg(b.atMs - a.atMs);
                    continue;
                }
                finished.insert(a.token);
                if (finished.contains(b.token))
                    return QStringLiteral("account %1: %2 probed again after %3 took over")
                        .arg(it.key())
                        .arg(QString::fromUtf8(b.token), QString::fromUtf8(a.token));
            }
        }
        return {};
    }

private:
    QElapsedTimer m_timer;
    QList<Hit> m_hits;
};

void addEndpoints(SimulatedApi &sim, int n, int skip = -1)
{
    for (int i = 0; i < n; ++i)
        if (i != skip)
            sim.addEndpoint(SimulatedApi::Endpoint::quota(prefixOf(i), SimulatedApi::Dialect::Generic,
                                                      SimulatedApi::QuotaModel::FixedWindow, 100000, 3600, 0));
}

QList<int> range(int from, int to)
{
    QList<int> out;
    for (int i = from; i < to; ++i)
        out << i;
    return out;
}

QSet<QString> heldBy(const QList<Poller *> &pollers)
{
    QSet<QString> out;
    for (Poller *p : pollers)
        for (const QString &id : p->keeper->heldAccounts())
            out.insert(id);
    return out;
}

QSet<QString> idsOf(const QList<int> &indexes)
{
    QSet<QString> out;
    for (int i : indexes)
        out.insert(accountId(i));
    return out;
}

} // namespace

class TestLeaseKeeper : public QObject
{
    Q_OBJECT

    PgCluster m_pg;
    int m_db = 0;

    QString freshDatabase()
    {
        const QString name = QStringLiteral("keeper%1").arg(++m_db);
        return m_pg.createDatabase(name) ? m_pg.url(name) : QString();
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY2(m_pg.start(), qPrintable(m_pg.error())); }

    void holderIdNamesTheProcess()
    {
        const QString a = LeaseKeeper::defaultHolder();
        const QStringList parts = a.split(u':');
        QCOMPARE(parts.size(), 3);
        QCOMPARE(parts.at(1), QString::number(QCoreApplication::applicationPid()));
        QVERIFY(a != LeaseKeeper::defaultHolder());
    }

    void threeKeepersShareTheAccounts()
    {
        SimulatedApi sim;
        addEndpoints(sim, 30);
        QVERIFY(sim.listen());
        Recorder rec(&sim);
        const QString url = freshDatabase();
        QVERIFY(!url.isEmpty());

        // Each account can be polled by two of the three (they have its token).
        Poller pollers[3];
        for (int k = 0; k < 3; ++k) {
            QList<int> mine;
            for (int i = 0; i < 30; ++i)
                if (i % 3 != k)
                    mine << i;
            QString error;
            QVERIFY2(pollers[k].setUp(url, sim.baseUrl(), mine, QStringLiteral("k%1").arg(k),
                                      QStringLiteral("keeper-%1").arg(k), kLeaseMs, &error),
                     qPrintable(error));
        }
        for (Poller &p : pollers)
            p.start();
        const QList<Poller *> all{&pollers[0], &pollers[1], &pollers[2]};
        QTRY_COMPARE_WITH_TIMEOUT(heldBy(all), idsOf(range(0, 30)), 5000);
        // A few renewals with probing going on.
        QTest::qWait(int(2 * kLeaseMs));
        int held = 0;
        for (Poller &p : pollers) {
            held += int(p.keeper->heldAccounts().size());
            QCOMPARE(p.monitor.accounts().size(), p.keeper->heldAccounts().size());
        }
        QCOMPARE(held, 30); // disjoint: the sizes add up to the union's
        for (int i = 0; i < 30; ++i)
            QVERIFY2(rec.of(i).size() >= 3, qPrintable(QStringLiteral("account %1: %2 probes").arg(i).arg(rec.of(i).size())));

        // A graceful stop: the others take its accounts at their next renewal, not at expiry.
        const QStringList released = pollers[0].keeper->heldAccounts();
        QVERIFY(!released.isEmpty());
        const qint64 stopAt = rec.now();
        pollers[0].keeper->stop();
        QVERIFY(pollers[0].monitor.accounts().isEmpty());
        const QList<Poller *> rest{&pollers[1], &pollers[2]};
        QTRY_COMPARE_WITH_TIMEOUT(heldBy(rest), idsOf(range(0, 30)), int(kLeaseMs));
        const qint64 takenMs = rec.now() - stopAt;
        for (const QString &id : released) {
            const int i = id.mid(5).toInt();
            QTRY_VERIFY_WITH_TIMEOUT(rec.firstOther(i, stopAt, "k0"), 5000);
        }
        qint64 probedMs = 0;
        for (const QString &id : released)
            probedMs = std::max(probedMs, rec.firstOther(id.mid(5).toInt(), stopAt, "k0")->atMs - stopAt);
        qInfo("graceful stop (lease %lld ms): %d accounts held by the others after %lld ms, all probed again within %lld ms",
              kLeaseMs, int(released.size()), takenMs, probedMs);
        QVERIFY2(takenMs < kLeaseMs, qPrintable(QString::number(takenMs)));
        QTest::qWait(1500);
        const QString overlap = rec.onePollerAtATime(800);
        QVERIFY2(overlap.isEmpty(), qPrintable(overlap));
    }

    void crashedHolderIsTakenOverAndItsWaitKept()
    {
        SimulatedApi sim;
        addEndpoints(sim, 30, 9);
        // Account 9 is out of quota until 20 s after the server starts: a 429 with Retry-After.
        SimulatedApi::Endpoint throttled = SimulatedApi::Endpoint::quota(
            prefixOf(9), SimulatedApi::Dialect::Generic, SimulatedApi::QuotaModel::FixedWindow, 1000, 20, 0);
        throttled.windowElapsedS = 0;
        sim.addEndpoint(throttled);
        QVERIFY(sim.listen());
        sim.consume(prefixOf(9), 1000);
        Recorder rec(&sim);
        const QString url = freshDatabase();
        QVERIFY(!url.isEmpty());

        // The child polls accounts 0-9; it starts first, so it holds them all.
        QProcess child;
        QStringList childHeld;
        connect(&child, &QProcess::readyReadStandardOutput, this, [&] {
            while (child.canReadLine()) {
                const QString line = QString::fromUtf8(child.readLine()).trimmed();
                if (line.startsWith(QStringLiteral("held ")))
                    childHeld = line.mid(5).split(u',', Qt::SkipEmptyParts);
            }
        });
        child.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        child.start(QStringLiteral(LEASEHOLDER_BIN),
                    {url, sim.baseUrl(), QStringLiteral("0"), QStringLiteral("10"), QString::number(kLeaseMs)});
        QVERIFY(child.waitForStarted());
        QTRY_COMPARE_WITH_TIMEOUT(childHeld.size(), 10, 15000);

        Poller a, b;
        QString error;
        QVERIFY2(a.setUp(url, sim.baseUrl(), range(0, 30), QStringLiteral("kA"), QStringLiteral("keeper-a"), kLeaseMs,
                         &error),
                 qPrintable(error));
        QVERIFY2(b.setUp(url, sim.baseUrl(), range(0, 30), QStringLiteral("kB"), QStringLiteral("keeper-b"), kLeaseMs,
                         &error),
                 qPrintable(error));
        a.start();
        b.start();
        QTRY_COMPARE_WITH_TIMEOUT(heldBy({&a, &b}), idsOf(range(10, 30)), 5000);

        // The child's 429 on account 9 is shared as the account's not-before instant.
        PgLeases peek;
        QVERIFY(peek.open(url));
        QTRY_VERIFY_WITH_TIMEOUT(peek.holders().value(accountId(9)).notBeforeMs, 10000);
        const PgLeases::Lease childLease = peek.holders().value(accountId(9));
        QVERIFY2(childLease.holder.contains(u':' + QString::number(child.processId()) + u':'),
                 qPrintable(childLease.holder));
        const qint64 notBefore = *childLease.notBeforeMs;
        QVERIFY2(notBefore > QDateTime::currentMSecsSinceEpoch() + 8000,
                 qPrintable(QString::number(notBefore - QDateTime::currentMSecsSinceEpoch())));
        QTest::qWait(1500); // the child at work, to compare rates

        // A crash: no release.
        const qint64 killAt = rec.now();
        ::kill(pid_t(child.processId()), SIGKILL);
        QVERIFY(child.waitForFinished(5000));
        QTRY_COMPARE_WITH_TIMEOUT(heldBy({&a, &b}), idsOf(range(0, 30)), int(kLeaseMs + 2000));
        const qint64 takenMs = rec.now() - killAt;
        qint64 probedMs = 0;
        for (int i = 0; i < 9; ++i) {
            QTRY_VERIFY_WITH_TIMEOUT(rec.firstOther(i, killAt, "child"), 5000);
            probedMs = std::max(probedMs, rec.firstOther(i, killAt, "child")->atMs - killAt);
        }
        qInfo("crash (kill -9, lease %lld ms): the child's 10 accounts held by the others %lld ms later, all probed "
              "again within %lld ms",
              kLeaseMs, takenMs, probedMs);
        // The lease runs out at most one lease after the child's last renewal.
        QVERIFY2(takenMs <= kLeaseMs + 500, qPrintable(QString::number(takenMs)));

        // Account 9: nothing before the child's Retry-After, then polled again.
        QTRY_VERIFY_WITH_TIMEOUT(rec.firstOther(9, killAt, "child"), 30000);
        const Hit first = *rec.firstOther(9, killAt, "child");
        qInfo("throttled account: the successor's first probe %lld ms after the shared not-before (%lld ms after the "
              "crash)",
              first.epochMs - notBefore, first.atMs - killAt);
        // Milliseconds are rounded on the server: 5 ms of slack.
        QVERIFY2(first.epochMs >= notBefore - 5, qPrintable(QString::number(first.epochMs - notBefore)));
        int childProbes = 0;
        for (const Hit &h : rec.of(9))
            childProbes += h.token.startsWith("child") ? 1 : 0;
        QCOMPARE(childProbes, 1);
        const QString overlap = rec.onePollerAtATime(800);
        QVERIFY2(overlap.isEmpty(), qPrintable(overlap));
    }

    void outageStopsPollingBeforeTheLeaseEnds()
    {
        SimulatedApi sim;
        addEndpoints(sim, 5);
        QVERIFY(sim.listen());
        Recorder rec(&sim);
        const QString url = freshDatabase();
        Poller p;
        QString error;
        QVERIFY2(p.setUp(url, sim.baseUrl(), range(0, 5), QStringLiteral("solo"), QStringLiteral("solo"), kLeaseMs, &error),
                 qPrintable(error));
        QSignalSpy lost(p.keeper.get(), &LeaseKeeper::leaseLost);
        QSignalSpy errors(p.keeper.get(), &LeaseKeeper::error);
        p.start();
        QTRY_COMPARE_WITH_TIMEOUT(p.keeper->heldAccounts().size(), 5, 5000);
        QTest::qWait(1500);

        // The server crashes (kill -9 of the postmaster: its connections drop at once).
        const qint64 downAt = rec.now();
        QVERIFY2(m_pg.kill9(), qPrintable(m_pg.error()));
        QTRY_COMPARE_WITH_TIMEOUT(lost.size(), 1, int(kLeaseMs + 1000));
        const qint64 lostMs = rec.now() - downAt;
        QCOMPARE(lost.first().first().toStringList().size(), 5);
        QVERIFY(p.monitor.accounts().isEmpty());
        QVERIFY(!errors.isEmpty());
        // Probes stop with the leases: none after (a probe already sent may still arrive).
        const qint64 stoppedAt = rec.now();
        QTest::qWait(2500);
        int after = 0;
        for (const Hit &h : rec.hits())
            after += h.atMs > stoppedAt + 100 ? 1 : 0;
        QCOMPARE(after, 0);
        qInfo("database down: polling stopped %lld ms later (lease %lld ms)", lostMs, kLeaseMs);
        QVERIFY2(lostMs < kLeaseMs, qPrintable(QString::number(lostMs)));

        // Back: the leases are taken again and probing resumes.
        QVERIFY2(m_pg.startServer(), qPrintable(m_pg.error()));
        QTRY_COMPARE_WITH_TIMEOUT(p.keeper->heldAccounts().size(), 5, 10000);
        const qint64 backAt = rec.now();
        QTRY_VERIFY_WITH_TIMEOUT(rec.hits().last().atMs > backAt, 5000);
    }
};

QTEST_GUILESS_MAIN(TestLeaseKeeper)
#include "tst_leasekeeper.moc"
