// Shared buckets found from readings alone, and a pool's reading (engine/poolreading.h), on
// readings simulated here: a bucket's count grows at a fixed rate per token within a window.
#include "engine/poolreading.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QtTest>

#include <algorithm>
#include <cmath>

using Decision = BucketTracker::Decision;
Q_DECLARE_METATYPE(BucketTracker::Decision)

namespace QTest {
template <>
inline char *toString(const SharingBasis &b)
{
    return qstrdup(QByteArray::number(int(b)).constData());
}
} // namespace QTest

namespace {

const qint64 kEpochMs = 1'799'996'400'000; // a window start (a whole hour)

QDateTime at(double s)
{
    return QDateTime::fromMSecsSinceEpoch(kEpochMs + qint64(std::llround(s * 1000.0)), Qt::UTC);
}

ProbeResult result(const QString &id, double atS, const QList<Quota> &quotas,
                   AccountState state = AccountState::Ok)
{
    ProbeResult r;
    r.accountId = id;
    r.accountName = QStringLiteral("name-") + id;
    r.provider = QStringLiteral("github");
    r.state = state;
    r.probedAt = at(atS);
    r.reading.provider = r.provider;
    r.reading.status = 200;
    r.reading.quotas = quotas;
    r.reading.throttled = state == AccountState::Throttled;
    return r;
}

Quota quota(const QString &resource, std::optional<qint64> limit, std::optional<qint64> remaining,
            std::optional<double> resetS)
{
    Quota q;
    q.resource = resource;
    q.limit = limit;
    q.remaining = remaining;
    if (resetS)
        q.resetAt = at(*resetS);
    return q;
}

ProbeResult failed(const QString &id, double atS)
{
    ProbeResult r = result(id, atS, {}, AccountState::Error);
    r.error = QStringLiteral("connection refused");
    return r;
}

} // namespace

class TestPoolReading : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        // The explanations' numbers in one known locale.
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    }

    // Two tokens A and B are probed `probes` times each, every `intervalS`, B `offsetS` after A,
    // each probe time moved by up to ±jitterS. A draws rateA requests a second, B rateB; when
    // `shared` both draw from one bucket (each sees the sum), otherwise from two buckets with the
    // same limit and, unless resetOffsetS says otherwise, the same window start.
    void detection_data()
    {
        QTest::addColumn<qint64>("limit");
        QTest::addColumn<double>("windowS");
        QTest::addColumn<bool>("shared");
        QTest::addColumn<double>("rateA");
        QTest::addColumn<double>("rateB");
        QTest::addColumn<double>("startS");
        QTest::addColumn<double>("intervalS");
        QTest::addColumn<double>("offsetS");
        QTest::addColumn<double>("jitterS");
        QTest::addColumn<double>("resetOffsetS");
        QTest::addColumn<qint64>("limitB");
        QTest::addColumn<int>("probes");
        QTest::addColumn<int>("bStopsAfter"); // B's probes fail after this many; -1: never
        QTest::addColumn<Decision>("expected");

        QTest::newRow("shared 5000/h") << qint64(5000) << 3600.0 << true << 0.5 << 0.3 << 100.0
                                       << 60.0 << 20.0 << 0.0 << 0.0 << qint64(5000) << 5 << -1
                                       << Decision::Shared;
        QTest::newRow("shared 5000/h, jittered probes")
            << qint64(5000) << 3600.0 << true << 0.5 << 0.3 << 100.0 << 60.0 << 20.0 << 8.0 << 0.0
            << qint64(5000) << 5 << -1 << Decision::Shared;
        QTest::newRow("shared 5000/h across a window's end")
            << qint64(5000) << 3600.0 << true << 0.5 << 0.3 << 3390.0 << 60.0 << 20.0 << 3.0 << 0.0
            << qint64(5000) << 5 << -1 << Decision::Shared;
        QTest::newRow("shared 5000/h, slow probes, B busier")
            << qint64(5000) << 3600.0 << true << 0.2 << 0.9 << 10.0 << 90.0 << 45.0 << 10.0 << 0.0
            << qint64(5000) << 5 << -1 << Decision::Shared;
        QTest::newRow("independent 600/60s sharing a reset")
            << qint64(600) << 60.0 << false << 5.0 << 1.0 << 10.0 << 15.0 << 5.0 << 0.0 << 0.0
            << qint64(600) << 20 << -1 << Decision::Independent;
        QTest::newRow("independent 600/60s sharing a reset, jittered")
            << qint64(600) << 60.0 << false << 3.0 << 2.0 << 10.0 << 15.0 << 5.0 << 2.0 << 0.0
            << qint64(600) << 20 << -1 << Decision::Independent;
        QTest::newRow("independent 600/60s, nearly equal load")
            << qint64(600) << 60.0 << false << 2.0 << 1.5 << 5.0 << 15.0 << 5.0 << 1.0 << 0.0
            << qint64(600) << 20 << -1 << Decision::Independent;
        QTest::newRow("independent and idle, sharing a reset")
            << qint64(600) << 60.0 << false << 0.0 << 0.0 << 10.0 << 15.0 << 5.0 << 1.0 << 0.0
            << qint64(600) << 20 << -1 << Decision::Undecided;
        QTest::newRow("independent, resets 30 s apart")
            << qint64(5000) << 3600.0 << false << 0.5 << 0.5 << 100.0 << 60.0 << 20.0 << 0.0 << 30.0
            << qint64(5000) << 5 << -1 << Decision::Independent;
        QTest::newRow("independent, different limits")
            << qint64(5000) << 3600.0 << true << 0.5 << 0.3 << 100.0 << 60.0 << 20.0 << 0.0 << 0.0
            << qint64(15000) << 5 << -1 << Decision::Independent;
        QTest::newRow("shared, B stops answering after 1 probe")
            << qint64(5000) << 3600.0 << true << 0.5 << 0.3 << 100.0 << 60.0 << 20.0 << 0.0 << 0.0
            << qint64(5000) << 8 << 1 << Decision::Undecided;
        QTest::newRow("shared, B stops answering after 4 probes")
            << qint64(5000) << 3600.0 << true << 0.5 << 0.3 << 100.0 << 60.0 << 20.0 << 0.0 << 0.0
            << qint64(5000) << 8 << 4 << Decision::Shared;
    }

    void detection()
    {
        QFETCH(qint64, limit);
        QFETCH(double, windowS);
        QFETCH(bool, shared);
        QFETCH(double, rateA);
        QFETCH(double, rateB);
        QFETCH(double, startS);
        QFETCH(double, intervalS);
        QFETCH(double, offsetS);
        QFETCH(double, jitterS);
        QFETCH(double, resetOffsetS);
        QFETCH(qint64, limitB);
        QFETCH(int, probes);
        QFETCH(int, bStopsAfter);
        QFETCH(Decision, expected);

        const QString a = QStringLiteral("a");
        const QString b = QStringLiteral("b");
        const QString core = QStringLiteral("core");
        // The count token `who` sees at time t, and its window's end.
        const auto usedAt = [&](bool isB, double t) {
            const double windowStart = (isB ? resetOffsetS : 0.0);
            const double into = std::fmod(t - windowStart + windowS * 10, windowS);
            const double rate = shared ? rateA + rateB : (isB ? rateB : rateA);
            return qint64(std::floor(rate * into));
        };
        const auto resetAt = [&](bool isB, double t) {
            const double windowStart = (isB ? resetOffsetS : 0.0);
            return windowStart + (std::floor((t - windowStart) / windowS) + 1.0) * windowS;
        };

        struct Event { double t; bool isB; bool fails; };
        QList<Event> events;
        QRandomGenerator rng(42);
        for (int i = 0; i < probes; ++i) {
            const auto jitter = [&] { return jitterS * (rng.generateDouble() * 2.0 - 1.0); };
            events.append({ startS + i * intervalS + jitter(), false, false });
            events.append({ startS + i * intervalS + offsetS + jitter(), true,
                            bStopsAfter >= 0 && i >= bStopsAfter });
        }
        std::sort(events.begin(), events.end(), [](const Event &x, const Event &y) { return x.t < y.t; });

        BucketTracker tracker;
        int answeredByA = 0;
        int sharedAfterProbesOfA = -1;
        for (const Event &e : events) {
            const QString id = e.isB ? b : a;
            if (e.fails) {
                tracker.add(failed(id, e.t));
            } else {
                const qint64 lim = e.isB ? limitB : limit;
                const qint64 used = std::min(usedAt(e.isB, e.t), lim);
                tracker.add(result(id, e.t, { quota(core, lim, lim - used, resetAt(e.isB, e.t)) }));
            }
            if (!e.isB)
                ++answeredByA;
            const Decision now = tracker.decision(core, a, b);
            // Two buckets are never joined, not even for a moment.
            if (expected != Decision::Shared)
                QVERIFY2(now != Decision::Shared, qPrintable(QStringLiteral("joined at t=%1").arg(e.t)));
            // A shared bucket is never called independent on the way.
            if (expected == Decision::Shared)
                QVERIFY2(now != Decision::Independent, qPrintable(QStringLiteral("split at t=%1").arg(e.t)));
            if (now == Decision::Shared && sharedAfterProbesOfA < 0)
                sharedAfterProbesOfA = answeredByA;
        }
        QCOMPARE(tracker.decision(core, a, b), expected);
        QCOMPARE(tracker.decision(core, b, a), expected);
        if (expected == Decision::Shared) {
            QVERIFY(sharedAfterProbesOfA > 0);
            QVERIFY2(sharedAfterProbesOfA <= 5, qPrintable(QString::number(sharedAfterProbesOfA)));
            QCOMPARE(tracker.sharedGroups(core), (QList<QStringList>{ { a, b } }));
            QCOMPARE(tracker.bucketKey(core, b), tracker.bucketKey(core, a));
        } else {
            QVERIFY(tracker.sharedGroups(core).isEmpty());
            QVERIFY(tracker.bucketKey(core, a) != tracker.bucketKey(core, b));
        }
        // Another resource was never read: it says nothing.
        QCOMPARE(tracker.decision(QStringLiteral("search"), a, b), Decision::Undecided);
    }

    // Three tokens, two of them on one bucket: the union holds exactly those two, and accounts
    // of another provider are never compared.
    void groupsAcrossThreeAndProviders()
    {
        BucketTracker tracker;
        const QString core = QStringLiteral("core");
        for (int i = 0; i < 5; ++i) {
            const double t = 100.0 + 60.0 * i;
            const qint64 sharedUsed = qint64(0.8 * t);
            const qint64 ownUsed = qint64(0.1 * t);
            tracker.add(result(QStringLiteral("x"), t, { quota(core, 5000, 5000 - sharedUsed, 3600) }));
            tracker.add(result(QStringLiteral("y"), t + 10, { quota(core, 5000, 5000 - qint64(0.8 * (t + 10)), 3600) }));
            tracker.add(result(QStringLiteral("z"), t + 20, { quota(core, 5000, 5000 - ownUsed, 3600) }));
            ProbeResult other = result(QStringLiteral("w"), t + 5, { quota(core, 5000, 5000 - qint64(0.8 * (t + 5)), 3600) });
            other.provider = QStringLiteral("gitlab");
            tracker.add(other);
        }
        QCOMPARE(tracker.sharedGroups(core), (QList<QStringList>{ { QStringLiteral("x"), QStringLiteral("y") } }));
        QCOMPARE(tracker.decision(core, QStringLiteral("x"), QStringLiteral("z")), Decision::Independent);
        QCOMPARE(tracker.decision(core, QStringLiteral("x"), QStringLiteral("w")), Decision::Undecided);
    }

    // A replaced token starts afresh: an old contradiction no longer keeps it apart.
    void forgetStartsAfresh()
    {
        BucketTracker tracker;
        const QString core = QStringLiteral("core");
        tracker.add(result(QStringLiteral("a"), 100, { quota(core, 5000, 4900, 3600) }));
        tracker.add(result(QStringLiteral("b"), 110, { quota(core, 15000, 14000, 3600) }));
        QCOMPARE(tracker.decision(core, QStringLiteral("a"), QStringLiteral("b")), Decision::Independent);
        tracker.forget(QStringLiteral("b"));
        QCOMPARE(tracker.decision(core, QStringLiteral("a"), QStringLiteral("b")), Decision::Undecided);
        for (int i = 1; i < 5; ++i) {
            const double t = 100.0 + 60.0 * i;
            tracker.add(result(QStringLiteral("a"), t, { quota(core, 5000, 5000 - qint64(0.8 * t), 3600) }));
            tracker.add(result(QStringLiteral("b"), t + 20, { quota(core, 5000, 5000 - qint64(0.8 * (t + 20)), 3600) }));
        }
        QCOMPARE(tracker.decision(core, QStringLiteral("a"), QStringLiteral("b")), Decision::Shared);
    }

    void poolReading_data()
    {
        QTest::addColumn<QList<ProbeResult>>("latest");
        QTest::addColumn<bool>("sharedBucket"); // feed the tracker five rounds of one bucket
        QTest::addColumn<QJsonValue>("limit");
        QTest::addColumn<QJsonValue>("remaining");
        QTest::addColumn<int>("buckets");
        QTest::addColumn<int>("sharedGroups");
        QTest::addColumn<bool>("imbalanced");
        QTest::addColumn<QString>("state");

        const QString core = QStringLiteral("core");
        QTest::newRow("two independent 600/60s tokens")
            << QList<ProbeResult>{ result(QStringLiteral("a"), 10, { quota(core, 600, 500, 60) }),
                                   result(QStringLiteral("b"), 12, { quota(core, 600, 400, 60) }) }
            << false << QJsonValue(1200) << QJsonValue(900) << 2 << 0 << false << QStringLiteral("ok");
        QTest::newRow("two tokens on one 5000/h bucket")
            << QList<ProbeResult>{ result(QStringLiteral("a"), 340, { quota(core, 5000, 4728, 3600) }),
                                   result(QStringLiteral("b"), 360, { quota(core, 5000, 4712, 3600) }) }
            << true << QJsonValue(5000) << QJsonValue(4712) << 1 << 1 << false << QStringLiteral("ok");
        QTest::newRow("imbalanced: one throttled, the other 90 % left")
            << QList<ProbeResult>{ result(QStringLiteral("a"), 10, { quota(core, 600, 0, 60) }, AccountState::Throttled),
                                   result(QStringLiteral("b"), 12, { quota(core, 600, 540, 60) }) }
            << false << QJsonValue(1200) << QJsonValue(540) << 2 << 0 << true << QStringLiteral("ok");
        QTest::newRow("imbalanced: one critical, the other 90 % left")
            << QList<ProbeResult>{ result(QStringLiteral("a"), 10, { quota(core, 600, 12, 60) }),
                                   result(QStringLiteral("b"), 12, { quota(core, 600, 540, 60) }) }
            << false << QJsonValue(1200) << QJsonValue(552) << 2 << 0 << true << QStringLiteral("ok");
        QTest::newRow("balanced")
            << QList<ProbeResult>{ result(QStringLiteral("a"), 10, { quota(core, 600, 300, 60) }),
                                   result(QStringLiteral("b"), 12, { quota(core, 600, 360, 60) }) }
            << false << QJsonValue(1200) << QJsonValue(660) << 2 << 0 << false << QStringLiteral("ok");
        QTest::newRow("both low, none roomy: not imbalanced, pool warning")
            << QList<ProbeResult>{ result(QStringLiteral("a"), 10, { quota(core, 600, 20, 60) }),
                                   result(QStringLiteral("b"), 12, { quota(core, 600, 150, 60) }) }
            << false << QJsonValue(1200) << QJsonValue(170) << 2 << 0 << false << QStringLiteral("warning");
        QTest::newRow("all throttled")
            << QList<ProbeResult>{ result(QStringLiteral("a"), 10, { quota(core, 600, 0, 60) }, AccountState::Throttled),
                                   result(QStringLiteral("b"), 12, { quota(core, 600, 0, 60) }, AccountState::Throttled) }
            << false << QJsonValue(1200) << QJsonValue(0) << 2 << 0 << false << QStringLiteral("throttled");
        QTest::newRow("throttled and failed: the failed member is no answer")
            << QList<ProbeResult>{ result(QStringLiteral("a"), 10, { quota(core, 600, 0, 60) }, AccountState::Throttled),
                                   failed(QStringLiteral("b"), 12) }
            << false << QJsonValue(600) << QJsonValue(0) << 1 << 0 << false << QStringLiteral("throttled");
        QTest::newRow("a bucket without remaining: the pool's remaining unknown, not a partial sum")
            << QList<ProbeResult>{ result(QStringLiteral("a"), 10, { quota(core, 600, std::nullopt, 60) }),
                                   result(QStringLiteral("b"), 12, { quota(core, 600, 540, 60) }) }
            << false << QJsonValue(1200) << QJsonValue(QJsonValue::Null) << 2 << 0 << false << QStringLiteral("ok");
        QTest::newRow("one member without a result")
            << QList<ProbeResult>{ result(QStringLiteral("a"), 10, { quota(core, 600, 540, 60) }) }
            << false << QJsonValue(600) << QJsonValue(540) << 1 << 0 << false << QStringLiteral("ok");
    }

    void poolReading()
    {
        QFETCH(QList<ProbeResult>, latest);
        QFETCH(bool, sharedBucket);
        QFETCH(QJsonValue, limit);
        QFETCH(QJsonValue, remaining);
        QFETCH(int, buckets);
        QFETCH(int, sharedGroups);
        QFETCH(bool, imbalanced);
        QFETCH(QString, state);

        const QString core = QStringLiteral("core");
        BucketTracker tracker;
        if (sharedBucket) {
            for (int i = 0; i < 4; ++i) {
                const double t = 100.0 + 60.0 * i;
                tracker.add(result(QStringLiteral("a"), t, { quota(core, 5000, 5000 - qint64(0.8 * t), 3600) }));
                tracker.add(result(QStringLiteral("b"), t + 20, { quota(core, 5000, 5000 - qint64(0.8 * (t + 20)), 3600) }));
            }
        }
        QHash<QString, ProbeResult> byId;
        for (const ProbeResult &r : latest) {
            tracker.add(r);
            byId.insert(r.accountId, r);
        }
        const Pool pool{ QStringLiteral("team"), QStringLiteral("github"),
                         { QStringLiteral("a"), QStringLiteral("b") } };
        const PoolReading reading = computePoolReading(pool, byId, tracker,
                                                       [](const QString &) { return Thresholds{}; });
        const QJsonObject json = reading.toJson();

        QCOMPARE(json.value(QStringLiteral("pool")).toString(), QStringLiteral("team"));
        QCOMPARE(json.value(QStringLiteral("provider")).toString(), QStringLiteral("github"));
        QCOMPARE(json.value(QStringLiteral("state")).toString(), state);
        const QStringList members{ QStringLiteral("name-a"),
                                   byId.contains(QStringLiteral("b")) ? QStringLiteral("name-b") : QStringLiteral("b") };
        QCOMPARE(json.value(QStringLiteral("members")).toArray(), QJsonArray::fromStringList(members));
        const QJsonArray quotas = json.value(QStringLiteral("quotas")).toArray();
        QCOMPARE(quotas.size(), 1);
        const QJsonObject q = quotas.at(0).toObject();
        QCOMPARE(q.value(QStringLiteral("resource")).toString(), core);
        QCOMPARE(q.value(QStringLiteral("limit")), limit);
        QCOMPARE(q.value(QStringLiteral("remaining")), remaining);
        QCOMPARE(q.value(QStringLiteral("buckets")).toInt(), buckets);
        QCOMPARE(q.value(QStringLiteral("reset_first")).toString(),
                 isoUtc(latest.first().reading.quotas.first().resetAt.value()));
        QCOMPARE(q.value(QStringLiteral("reset_last")).toString(),
                 isoUtc(latest.first().reading.quotas.first().resetAt.value()));
        const QJsonArray shared = json.value(QStringLiteral("shared")).toArray();
        QCOMPARE(shared.size(), sharedGroups);
        if (sharedGroups == 1)
            QCOMPARE(shared.at(0).toArray(), QJsonArray::fromStringList({ QStringLiteral("name-a"), QStringLiteral("name-b") }));
        QCOMPARE(json.value(QStringLiteral("imbalanced")).toBool(), imbalanced);
        QVERIFY(json.value(QStringLiteral("imbalanced")).isBool());
    }

    // The pool's line has exactly the keys of its contract, and each quota exactly its own.
    void jsonKeys()
    {
        const QString core = QStringLiteral("core");
        QHash<QString, ProbeResult> byId;
        byId.insert(QStringLiteral("a"), result(QStringLiteral("a"), 10, { quota(core, 600, 500, 60) }));
        byId.insert(QStringLiteral("b"), result(QStringLiteral("b"), 12, { quota(core, 600, 400, 90) }));
        const Pool pool{ QStringLiteral("team"), QStringLiteral("github"),
                         { QStringLiteral("a"), QStringLiteral("b") } };
        const QJsonObject json = computePoolReading(pool, byId, BucketTracker{}, {}).toJson();
        QStringList keys = json.keys();
        keys.sort();
        QCOMPARE(keys, (QStringList{ QStringLiteral("explanation"), QStringLiteral("imbalanced"), QStringLiteral("members"),
                                     QStringLiteral("pool"), QStringLiteral("provider"),
                                     QStringLiteral("quotas"), QStringLiteral("shared"),
                                     QStringLiteral("state") }));
        QStringList quotaKeys = json.value(QStringLiteral("quotas")).toArray().at(0).toObject().keys();
        quotaKeys.sort();
        QCOMPARE(quotaKeys, (QStringList{ QStringLiteral("buckets"), QStringLiteral("limit"),
                                          QStringLiteral("remaining"), QStringLiteral("reset_first"),
                                          QStringLiteral("reset_last"), QStringLiteral("resource") }));
        const QJsonObject q = json.value(QStringLiteral("quotas")).toArray().at(0).toObject();
        QCOMPARE(q.value(QStringLiteral("reset_first")).toString(), isoUtc(at(60)));
        QCOMPARE(q.value(QStringLiteral("reset_last")).toString(), isoUtc(at(90)));
        QVERIFY(json.value(QStringLiteral("shared")).isArray());
    }

    // The finding in words: how many tokens, whose, the bucket, and what the pool really holds.
    void sharingExplanation_data()
    {
        QTest::addColumn<int>("members");
        QTest::addColumn<int>("sharing");   // the first `sharing` members draw from one bucket
        QTest::addColumn<bool>("identity"); // shared by configuration (one user) or by evidence
        QTest::addColumn<QString>("expected");

        QTest::newRow("three of three, evidence") << 3 << 3 << false
            << QStringLiteral("3 GitHub tokens draw from one 5,000/h bucket: this pool holds 5,000/h, not 15,000/h");
        QTest::newRow("three of three, one user") << 3 << 3 << true
            << QStringLiteral("3 tokens of one GitHub user share one 5,000/h bucket: this pool holds 5,000/h, not 15,000/h");
        QTest::newRow("two of three: named") << 3 << 2 << false
            << QStringLiteral("2 GitHub tokens draw from one 5,000/h bucket (name-m0, name-m1): this pool holds 10,000/h, not 15,000/h");
        QTest::newRow("nothing shared") << 2 << 0 << false << QString();
    }

    void sharingExplanation()
    {
        QFETCH(int, members);
        QFETCH(int, sharing);
        QFETCH(bool, identity);
        QFETCH(QString, expected);

        const QString core = QStringLiteral("core");
        BucketTracker tracker;
        Pool pool{ QStringLiteral("team"), QStringLiteral("github"), {} };
        for (int m = 0; m < members; ++m)
            pool.memberIds << QStringLiteral("m%1").arg(m);
        if (identity) {
            for (int m = 0; m < sharing; ++m)
                tracker.setIdentity(pool.memberIds.at(m), QStringLiteral("github/octocat"), SharingBasis::User);
        }
        QHash<QString, ProbeResult> byId;
        for (int i = 0; i < 5; ++i) {
            const double t = 100.0 + 60.0 * i;
            for (int m = 0; m < members; ++m) {
                const double tm = t + 5.0 * m;
                // The shared ones see the bucket's total; the others counts of their own.
                const qint64 used = m < sharing ? qint64(0.8 * tm) : 1000 * m + qint64(0.1 * (m + 1) * tm);
                Quota q = quota(core, 5000, 5000 - used, 3600);
                const ProbeResult r = result(pool.memberIds.at(m), tm, { q });
                tracker.add(r);
                byId.insert(r.accountId, r);
            }
        }
        const PoolReading reading = computePoolReading(pool, byId, tracker, {});
        QCOMPARE(reading.sharingExplanation(), expected);
        QCOMPARE(reading.toJson().value(QStringLiteral("explanation")).toString(), expected);
        QCOMPARE(reading.sharedBuckets.isEmpty(), expected.isEmpty());
    }

    void limitAndSharedWithWords()
    {
        QCOMPARE(limitPerWindowText(5000, 3600), QStringLiteral("5,000/h"));
        QCOMPARE(limitPerWindowText(600, 60), QStringLiteral("600/min"));
        QCOMPARE(limitPerWindowText(1000, 7200), QStringLiteral("1,000 per 2 h"));
        QCOMPARE(limitPerWindowText(10, 90), QStringLiteral("10 per 90 s"));
        QCOMPARE(limitPerWindowText(1200, std::nullopt), QStringLiteral("1,200"));
        QCOMPARE(sharedWithText({ QStringLiteral("deploy-bot"), QStringLiteral("ci-2") }, 5000, 3600),
                 QStringLiteral("shares one 5,000/h bucket with deploy-bot, ci-2"));
        QCOMPARE(sharedWithText({ QStringLiteral("ci-2") }, std::nullopt, std::nullopt),
                 QStringLiteral("shares one bucket with ci-2"));
    }

    // Who an account's requests count against, from its configuration alone.
    void accountIdentities_data()
    {
        QTest::addColumn<QString>("provider");
        QTest::addColumn<QString>("auth");
        QTest::addColumn<QString>("user");
        QTest::addColumn<QString>("probePath");
        QTest::addColumn<QString>("route");
        QTest::addColumn<QString>("key"); // empty: no identity

        QTest::newRow("bitbucket app password") << QStringLiteral("bitbucket") << QStringLiteral("basic")
            << QStringLiteral(" JDoe ") << QString() << QString() << QStringLiteral("bitbucket\nuser\napi.bitbucket.org\njdoe");
        QTest::newRow("bitbucket access token") << QStringLiteral("bitbucket") << QStringLiteral("bearer")
            << QString() << QString() << QString() << QString();
        QTest::newRow("bitbucket basic without a user") << QStringLiteral("bitbucket") << QStringLiteral("basic")
            << QString() << QString() << QString() << QString();
        QTest::newRow("buildkite organization path") << QStringLiteral("buildkite") << QStringLiteral("bearer")
            << QString() << QStringLiteral("/v2/organizations/Acme/pipelines?per_page=1") << QString()
            << QStringLiteral("buildkite\norganization\napi.buildkite.com\nacme");
        QTest::newRow("buildkite organization in a route") << QStringLiteral("buildkite") << QStringLiteral("bearer")
            << QString() << QString() << QStringLiteral("/v2/organizations/acme/builds")
            << QStringLiteral("buildkite\norganization\napi.buildkite.com\nacme");
        QTest::newRow("buildkite default probe") << QStringLiteral("buildkite") << QStringLiteral("bearer")
            << QString() << QString() << QString() << QString();
        QTest::newRow("github: a login costs a probe") << QStringLiteral("github") << QStringLiteral("bearer")
            << QString() << QString() << QString() << QString();
    }

    void accountIdentities()
    {
        QFETCH(QString, provider);
        QFETCH(QString, auth);
        QFETCH(QString, user);
        QFETCH(QString, probePath);
        QFETCH(QString, route);
        QFETCH(QString, key);
        Account a;
        a.id = QStringLiteral("x");
        a.presetId = provider;
        a.auth = authSchemeFromId(auth).value();
        a.username = user;
        a.probePath = probePath;
        if (!route.isEmpty())
            a.routes.append({QStringLiteral("builds"), route});
        const std::optional<AccountIdentity> id = accountIdentity(a);
        QCOMPARE(id.has_value(), !key.isEmpty());
        if (id)
            QCOMPARE(id->key, key);
    }

    // One organization's tokens share one bucket from the start, before any reading agrees; a
    // reading that contradicts it is reported and does not split them.
    void identitySharing()
    {
        const QString core = QStringLiteral("organization");
        BucketTracker tracker;
        tracker.setIdentity(QStringLiteral("a"), QStringLiteral("buildkite/acme"), SharingBasis::Organization);
        tracker.setIdentity(QStringLiteral("b"), QStringLiteral("buildkite/acme"), SharingBasis::Organization);
        tracker.setIdentity(QStringLiteral("c"), QStringLiteral("buildkite/other"), SharingBasis::Organization);
        QCOMPARE(tracker.decision(core, QStringLiteral("a"), QStringLiteral("b")), Decision::Shared);
        QCOMPARE(tracker.decision(core, QStringLiteral("a"), QStringLiteral("c")), Decision::Undecided);
        QCOMPARE(tracker.basis(QStringLiteral("a"), QStringLiteral("b")), SharingBasis::Organization);
        QCOMPARE(tracker.basis(QStringLiteral("a"), QStringLiteral("c")), SharingBasis::Evidence);
        QCOMPARE(tracker.identityGroups(), (QList<QStringList>{ { QStringLiteral("a"), QStringLiteral("b") } }));

        QHash<QString, ProbeResult> byId;
        for (const QString &id : { QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c") }) {
            ProbeResult r = result(id, 10, { quota(core, 200, 150, 60) });
            r.provider = QStringLiteral("buildkite");
            tracker.add(r);
            byId.insert(id, r);
        }
        QCOMPARE(tracker.sharedGroups(core), (QList<QStringList>{ { QStringLiteral("a"), QStringLiteral("b") } }));
        QVERIFY(!tracker.evidenceDisagrees(core, QStringLiteral("a"), QStringLiteral("b")));
        const Pool pool{ QStringLiteral("ci"), QStringLiteral("buildkite"),
                         { QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c") } };
        PoolReading reading = computePoolReading(pool, byId, tracker, {});
        QCOMPARE(reading.quotas.at(0).limit, std::optional<qint64>(400));
        QCOMPARE(reading.quotas.at(0).buckets, 2);
        QCOMPARE(reading.sharingExplanation(),
                 QStringLiteral("2 tokens of one Buildkite organization share one 200/min bucket (name-a, name-b): "
                                "this pool holds 400/min, not 600/min"));

        // b reports another limit: still counted once, and the disagreement is said.
        ProbeResult other = result(QStringLiteral("b"), 20, { quota(core, 300, 250, 60) });
        other.provider = QStringLiteral("buildkite");
        tracker.add(other);
        byId.insert(QStringLiteral("b"), other);
        QVERIFY(tracker.evidenceDisagrees(core, QStringLiteral("a"), QStringLiteral("b")));
        QCOMPARE(tracker.decision(core, QStringLiteral("a"), QStringLiteral("b")), Decision::Shared);
        reading = computePoolReading(pool, byId, tracker, {});
        QCOMPARE(reading.quotas.at(0).buckets, 2);
        QVERIFY(reading.sharingExplanation().contains(QStringLiteral("though their readings disagree")));

        // Cleared: evidence alone decides again (and it contradicted them).
        tracker.setIdentity(QStringLiteral("b"), QString(), SharingBasis::Organization);
        QCOMPARE(tracker.decision(core, QStringLiteral("a"), QStringLiteral("b")), Decision::Independent);
    }
};

QTEST_GUILESS_MAIN(TestPoolReading)
#include "tst_poolreading.moc"
