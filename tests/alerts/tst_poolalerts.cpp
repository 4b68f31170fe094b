// A pool's alerts: its reading goes through the account rules under "pool:NAME" (thresholds,
// forecast, latches), and an imbalanced pool raises one alert per episode, on a ManualClock.
#include "accounts/pool.h"
#include "alerts/alertengine.h"
#include "alerts/alertstatestore.h"
#include "core/clock.h"
#include "engine/poolreading.h"

#include <QtTest>

#include <memory>

namespace {

struct Harness
{
    ManualClock clock;
    MemoryAlertStateStore store;
    std::unique_ptr<AlertEngine> engine;
    QList<Alert> alerts;

    Harness() { restart(); }
    void restart()
    {
        engine = std::make_unique<AlertEngine>(&store, &clock);
        QObject::connect(engine.get(), &AlertEngine::alertRaised, [this](const Alert &a) { alerts.append(a); });
    }
    int count(AlertRule rule) const
    {
        return int(std::count_if(alerts.begin(), alerts.end(), [rule](const Alert &a) { return a.rule == rule; }));
    }

    // Two independent 600-a-minute tokens, "busy" with `busyLeft` left (throttled at 0), "idle"
    // with `idleLeft`, both probed now.
    PoolReading compute(qint64 busyLeft, qint64 idleLeft, qint64 limit = 600, qint64 windowS = 60)
    {
        const QDateTime now = clock.nowUtc();
        const QDateTime reset = QDateTime::fromSecsSinceEpoch((now.toSecsSinceEpoch() / windowS + 1) * windowS, Qt::UTC);
        QHash<QString, ProbeResult> latest;
        const auto member = [&](const QString &id, qint64 left) {
            ProbeResult r;
            r.accountId = id;
            r.accountName = id;
            r.provider = QStringLiteral("generic");
            r.probedAt = now;
            r.state = left == 0 ? AccountState::Throttled : AccountState::Ok;
            r.reading.provider = r.provider;
            r.reading.status = left == 0 ? 429 : 200;
            r.reading.throttled = left == 0;
            Quota q;
            q.resource = QStringLiteral("requests");
            q.limit = limit;
            q.remaining = left;
            q.resetAt = reset;
            q.windowS = windowS;
            r.reading.quotas = {q};
            latest.insert(id, r);
        };
        member(QStringLiteral("busy"), busyLeft);
        member(QStringLiteral("idle"), idleLeft);
        const Pool pool{QStringLiteral("workers"), QStringLiteral("generic"), {QStringLiteral("busy"), QStringLiteral("idle")}};
        return computePoolReading(pool, latest, BucketTracker{}, {});
    }
    // The pool's reading goes to the engine as the session sends it.
    PoolReading feed(qint64 busyLeft, qint64 idleLeft, qint64 limit = 600, qint64 windowS = 60)
    {
        const PoolReading reading = compute(busyLeft, idleLeft, limit, windowS);
        PoolBalance balance;
        balance.known = reading.answered >= 2;
        balance.imbalanced = reading.imbalanced;
        balance.low = reading.lowMembers;
        balance.roomy = reading.roomyMembers;
        engine->processPool(reading.toProbeResult(), balance);
        return reading;
    }
};

} // namespace

class TestPoolAlerts : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // An hour of probes every 10 s with one member throttled and the other idle: one alert.
    void imbalanceOncePerEpisode()
    {
        Harness h;
        for (int i = 0; i < 360; ++i) {
            QVERIFY(h.feed(0, 590).imbalanced);
            h.clock.advanceSeconds(10);
        }
        QCOMPARE(h.count(AlertRule::Imbalanced), 1);
        const Alert &a = h.alerts.first();
        QCOMPARE(a.accountId, QStringLiteral("pool:workers"));
        QCOMPARE(a.accountName, QStringLiteral("workers"));
        QVERIFY2(a.body.contains(QStringLiteral("busy")) && a.body.contains(QStringLiteral("idle")), qPrintable(a.body));
        // Recorded as an event under the pool's id, like an account's alert.
        QCOMPARE(h.store.m_events.size(), h.alerts.size());
        QCOMPARE(h.store.m_events.first().accountId, QStringLiteral("pool:workers"));
        QVERIFY(h.store.m_events.first().detail.startsWith(QStringLiteral("imbalanced/warning")));
    }

    // Balanced again re-arms it; a new episode alerts again, but not within kMinRepeatS of the last.
    void rearmsWhenBalancedAtMostOncePerRepeat()
    {
        Harness h;
        h.feed(0, 590);
        QCOMPARE(h.count(AlertRule::Imbalanced), 1);
        h.clock.advanceSeconds(60);
        QVERIFY(!h.feed(300, 320).imbalanced);
        h.clock.advanceSeconds(60);
        h.feed(0, 590); // a new episode 2 min after the first alert: deferred, not dropped
        QCOMPARE(h.count(AlertRule::Imbalanced), 1);
        h.clock.advanceSeconds(AlertSettings::kMinRepeatS);
        h.feed(0, 590);
        QCOMPARE(h.count(AlertRule::Imbalanced), 2);
        h.clock.advanceSeconds(60);
        h.feed(0, 590);
        QCOMPARE(h.count(AlertRule::Imbalanced), 2);
    }

    // A reading that cannot tell (a member without an answer) neither raises nor re-arms.
    void unknownBalanceKeepsTheLatch()
    {
        Harness h;
        h.feed(0, 590);
        h.clock.advanceSeconds(60);
        h.engine->processPool(h.compute(300, 320).toProbeResult(), PoolBalance{});
        h.clock.advanceSeconds(AlertSettings::kMinRepeatS);
        h.feed(0, 590);
        QCOMPARE(h.count(AlertRule::Imbalanced), 1);
    }

    // A restart of Headroom in the middle of an episode does not repeat it.
    void restartDoesNotRepeat()
    {
        Harness h;
        h.feed(0, 590);
        h.clock.advanceSeconds(AlertSettings::kMinRepeatS + 60);
        h.restart();
        h.feed(0, 590);
        QCOMPARE(h.count(AlertRule::Imbalanced), 1);
    }

    // The pool's sums cross the thresholds like an account's quota, with its hysteresis.
    void poolThresholds()
    {
        Harness h;
        h.feed(500, 590, 600, 3600); // 1,090 of 1,200: fine
        QCOMPARE(h.count(AlertRule::Warning), 0);
        h.clock.advanceSeconds(60);
        h.feed(100, 120, 600, 3600); // 220 of 1,200 = 18 %: warning
        QCOMPARE(h.count(AlertRule::Warning), 1);
        QCOMPARE(h.alerts.last().accountId, QStringLiteral("pool:workers"));
        QCOMPARE(h.alerts.last().limit, std::optional<qint64>(1200));
        QCOMPARE(h.alerts.last().remaining, std::optional<qint64>(220));
        for (int i = 0; i < 20; ++i) {
            h.clock.advanceSeconds(10);
            h.feed(100, 110, 600, 3600);
        }
        QCOMPARE(h.count(AlertRule::Warning), 1);
        QCOMPARE(h.count(AlertRule::Imbalanced), 0);
    }

    // The forecast runs on the pool's sum: "the pool runs dry ≈ …, resets …".
    void poolForecast()
    {
        Harness h;
        // Both members burn 2 a second from 1,200 at 12:00, resetting at 13:00: dry ≈ 12:05.
        for (int i = 0; i < 8; ++i) {
            const qint64 left = 600 - 60 * i;
            h.feed(left, left, 600, 3600);
            h.clock.advanceSeconds(30);
        }
        QCOMPARE(h.count(AlertRule::Forecast), 1);
        const Alert *f = nullptr;
        for (const Alert &a : h.alerts)
            if (a.rule == AlertRule::Forecast)
                f = &a;
        QVERIFY(f && f->runsDryAt);
        QCOMPARE(f->accountId, QStringLiteral("pool:workers"));
        QVERIFY2(f->body.contains(QStringLiteral("runs dry ≈ 12:0")) && f->body.contains(QStringLiteral("resets 13:00")), qPrintable(f->body));
    }
};

QTEST_GUILESS_MAIN(TestPoolAlerts)
#include "tst_poolalerts.moc"
