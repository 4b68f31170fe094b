// The rule of what one probe leaves in the history (engine/proberecord.h), without a store.
#include "core/clock.h"
#include "engine/proberecord.h"

#include <QtTest>

class TestProbeRecord : public QObject
{
    Q_OBJECT

    static ProbeResult reading()
    {
        ProbeResult r;
        r.accountId = QStringLiteral("id-1");
        r.accountName = QStringLiteral("Work GitHub");
        r.provider = QStringLiteral("github");
        r.state = AccountState::Ok;
        r.probedAt = QDateTime::fromMSecsSinceEpoch(1'700'000'000'000, Qt::UTC);
        r.cost = 3;
        r.reading.status = 200;
        Quota core;
        core.resource = QStringLiteral("core");
        core.limit = 5000;
        core.remaining = 4000;
        Quota search;
        search.resource = QStringLiteral("search");
        search.remaining = 25;
        search.nearLimit = true;
        r.reading.quotas = { core, search };
        return r;
    }

private Q_SLOTS:
    // A reading another process recorded reads back as the probe it was: the samples of the
    // newest probe only, never a route's, the state its figures give.
    void fromHistoryReadsTheNewestProbe_data()
    {
        QTest::addColumn<qint64>("coreRemaining");
        QTest::addColumn<int>("status");
        QTest::addColumn<int>("state");
        QTest::newRow("plenty") << qint64(4000) << 200 << int(AccountState::Ok);
        QTest::newRow("warning") << qint64(600) << 200 << int(AccountState::Warning);
        QTest::newRow("critical") << qint64(100) << 200 << int(AccountState::Critical);
        QTest::newRow("throttled") << qint64(0) << 429 << int(AccountState::Throttled);
    }
    void fromHistoryReadsTheNewestProbe()
    {
        QFETCH(qint64, coreRemaining);
        QFETCH(int, status);
        QFETCH(int, state);
        Account a;
        a.id = QStringLiteral("id-1");
        a.name = QStringLiteral("Work GitHub");
        a.presetId = QStringLiteral("github");
        a.routes = {{QStringLiteral("search-route"), QStringLiteral("/search")}};
        const QDateTime t0 = QDateTime::fromMSecsSinceEpoch(1'700'000'000'000, Qt::UTC);
        auto sample = [&](const QString &resource, qint64 remaining, const QDateTime &at) {
            Sample s;
            s.accountId = a.id;
            s.resource = resource;
            s.time = at;
            s.limit = 5000;
            s.remaining = remaining;
            s.status = status;
            s.cost = 1;
            return s;
        };
        const QList<Sample> samples{sample(QStringLiteral("core"), coreRemaining, t0.addSecs(60)),
                                    sample(QStringLiteral("graphql"), 4900, t0.addSecs(60)),
                                    sample(QStringLiteral("old"), 1, t0), // an older probe's
                                    sample(QStringLiteral("search-route"), 2, t0.addSecs(90))};
        Thresholds th;
        th.warningPct = 20;
        th.criticalPct = 5;
        const ProbeResult r = fromHistory(a, samples, th);
        QCOMPARE(r.accountId, a.id);
        QCOMPARE(r.accountName, a.name);
        QCOMPARE(r.probedAt, t0.addSecs(60));
        QCOMPARE(r.reading.quotas.size(), 2);
        QCOMPARE(r.reading.quotas.at(0).remaining, std::optional<qint64>(coreRemaining));
        QCOMPARE(r.reading.quotas.at(1).resource, QStringLiteral("graphql"));
        QCOMPARE(r.reading.status, std::optional<int>(status));
        QCOMPARE(r.cost, 2);
        QCOMPARE(int(r.state), state);
        // Nothing else of the account's: no quotas, no data, never zero.
        QCOMPARE(fromHistory(a, {}, th).state, AccountState::NoData);
    }

    void oneSamplePerQuotaCostOnce()
    {
        const HistoryRecord h = toHistory(reading());
        QCOMPARE(h.accountId, QStringLiteral("id-1"));
        QCOMPARE(h.accountName, QStringLiteral("Work GitHub"));
        QCOMPARE(h.provider, QStringLiteral("github"));
        QCOMPARE(h.samples.size(), 2);
        QCOMPARE(h.samples[0].resource, QStringLiteral("core"));
        QCOMPARE(h.samples[0].remaining, std::optional<qint64>(4000));
        QCOMPARE(h.samples[0].status, std::optional<int>(200));
        QCOMPARE(h.samples[0].cost, 3);
        QCOMPARE(h.samples[1].cost, 0);
        QVERIFY(!h.samples[1].limit.has_value());
        QVERIFY(h.events.isEmpty());
        QVERIFY(!h.throttledAt.has_value());
    }

    void failedProbeLeavesOnlyItsError()
    {
        ProbeResult r = reading();
        r.state = AccountState::Error;
        r.error = QStringLiteral("connection refused");
        const HistoryRecord h = toHistory(r);
        QVERIFY(h.samples.isEmpty());
        QCOMPARE(h.events.size(), 1);
        QCOMPARE(h.events[0].kind, EventKind::Error);
        QCOMPARE(h.events[0].detail, QStringLiteral("connection refused"));
        QCOMPARE(h.events[0].time, r.probedAt);
    }

    void throttledWithoutSampleIsMarked()
    {
        ProbeResult r = reading();
        r.state = AccountState::Throttled;
        r.error = QStringLiteral("429");
        r.reading.status = 429;
        r.reading.throttled = true;
        r.reading.retryAfterS = 120;
        const HistoryRecord h = toHistory(r);
        QVERIFY(h.samples.isEmpty());
        QCOMPARE(h.events.size(), 1);
        QCOMPARE(h.events[0].kind, EventKind::Throttled);
        QCOMPARE(h.events[0].retryAfterS, std::optional<double>(120));
        QCOMPARE(h.throttledAt, std::optional<QDateTime>(r.probedAt));
    }

    void nearLimitIsATransition()
    {
        ProbeResult r = reading();
        r.state = AccountState::Warning;
        const HistoryRecord entered = toHistory(r, AccountState::Ok);
        QCOMPARE(entered.events.size(), 1);
        QCOMPARE(entered.events[0].kind, EventKind::NearLimit);
        QCOMPARE(entered.events[0].detail, QStringLiteral("search")); // the quotas the provider flagged
        QVERIFY(toHistory(r, AccountState::Warning).events.isEmpty());
        // Straight to critical is entering too; warning to critical is the same episode.
        r.state = AccountState::Critical;
        QCOMPARE(toHistory(r, AccountState::NoData).events.size(), 1);
        QVERIFY(toHistory(r, AccountState::Warning).events.isEmpty());
        r.state = AccountState::Ok;
        QVERIFY(toHistory(r, AccountState::Critical).events.isEmpty());
    }

    void undatedProbeTakesTheClock()
    {
        ManualClock clock;
        Clock::setInstance(&clock);
        ProbeResult r = reading();
        r.probedAt = QDateTime();
        const HistoryRecord h = toHistory(r);
        Clock::setInstance(nullptr);
        QCOMPARE(h.samples[0].time, clock.nowUtc());
    }
};

QTEST_GUILESS_MAIN(TestProbeRecord)
#include "tst_proberecord.moc"
