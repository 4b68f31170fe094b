// Shared buckets found again from the stored history (engine/poolhistory.h): a pool's members'
// samples written to a real SQLite history, replayed into the tracker.
#include "engine/poolhistory.h"
#include "history/historystore.h"

#include <QtTest>

namespace {

const qint64 kEpochMs = 1'799'996'400'000; // a window start (a whole hour)

QDateTime at(qint64 s)
{
    return QDateTime::fromMSecsSinceEpoch(kEpochMs + s * 1000, Qt::UTC);
}

Sample sample(const QString &id, qint64 atS, qint64 limit, qint64 used, qint64 resetS,
              const QString &resource = QStringLiteral("core"))
{
    Sample s;
    s.accountId = id;
    s.resource = resource;
    s.time = at(atS);
    s.limit = limit;
    s.remaining = limit - used;
    s.used = used;
    s.resetAt = at(resetS);
    s.status = 200;
    return s;
}

Pool pool(const QStringList &members)
{
    Pool p;
    p.name = QStringLiteral("team");
    p.presetId = QStringLiteral("github");
    p.memberIds = members;
    return p;
}

} // namespace

class TestPoolHistory : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init()
    {
        m_store = std::make_unique<HistoryStore>();
        QVERIFY(m_store->openInMemory());
    }

    // Two tokens drawing from one 5,000/h bucket (its count grows 2 a second, both read it 5 s
    // apart) and two 600/60 s tokens that share a window start but spend on their own.
    void sharedFoundIndependentNotJoined()
    {
        QList<Sample> samples;
        for (qint64 t = 0; t < 60; t += 10) {
            samples << sample(QStringLiteral("a"), t, 5000, 100 + 2 * t, 3600);
            samples << sample(QStringLiteral("b"), t + 5, 5000, 100 + 2 * (t + 5), 3600);
            samples << sample(QStringLiteral("c"), t + 1, 600, 10 + t, 60);
            samples << sample(QStringLiteral("d"), t + 6, 600, 200 + 3 * (t + 6), 60);
        }
        QVERIFY(m_store->appendSamples(samples));

        const Pool p = pool({ QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c"), QStringLiteral("d") });
        const auto shared = PoolHistory::sharedGroups(*m_store, p, QDateTime(), QDateTime());
        QCOMPARE(shared.keys(), QStringList{ QStringLiteral("core") });
        QCOMPARE(shared.value(QStringLiteral("core")),
                 QList<QStringList>{ (QStringList{ QStringLiteral("a"), QStringLiteral("b") }) });

        BucketTracker tracker;
        PoolHistory::replay(*m_store, p, at(0), at(3600), &tracker);
        QCOMPARE(tracker.decision(QStringLiteral("core"), QStringLiteral("a"), QStringLiteral("b")),
                 BucketTracker::Decision::Shared);
        QCOMPARE(tracker.decision(QStringLiteral("core"), QStringLiteral("c"), QStringLiteral("d")),
                 BucketTracker::Decision::Independent);
        QCOMPARE(tracker.bucketKey(QStringLiteral("core"), QStringLiteral("a")),
                 tracker.bucketKey(QStringLiteral("core"), QStringLiteral("b")));
        QVERIFY(tracker.bucketKey(QStringLiteral("core"), QStringLiteral("c"))
                != tracker.bucketKey(QStringLiteral("core"), QStringLiteral("d")));
    }

    // A range that ends before the evidence holds too little of it to decide anything; samples
    // across several of the replay's time slices are read in time order all the same.
    void rangeBoundsTheEvidence()
    {
        QList<Sample> samples;
        // 13 hours of probes every 10 minutes: the pair crosses the replay's slices.
        for (qint64 t = 0; t < 13 * 3600; t += 600) {
            const qint64 window = t - t % 3600;
            const qint64 used = 100 + (t - window) / 10;
            samples << sample(QStringLiteral("a"), t, 5000, used, window + 3600);
            samples << sample(QStringLiteral("b"), t + 30, 5000, used + 3, window + 3600);
        }
        QVERIFY(m_store->appendSamples(samples));
        const Pool p = pool({ QStringLiteral("a"), QStringLiteral("b") });
        QVERIFY(PoolHistory::sharedGroups(*m_store, p, at(0), at(601)).isEmpty());
        QCOMPARE(PoolHistory::sharedGroups(*m_store, p, QDateTime(), QDateTime()).value(QStringLiteral("core")),
                 QList<QStringList>{ (QStringList{ QStringLiteral("a"), QStringLiteral("b") }) });
    }

    // From a tracker already fed, as the dashboard has one: only the pool's own members.
    void fromALiveTracker()
    {
        QList<Sample> samples;
        for (qint64 t = 0; t < 60; t += 10) {
            samples << sample(QStringLiteral("a"), t, 5000, 100 + 2 * t, 3600);
            samples << sample(QStringLiteral("b"), t + 5, 5000, 100 + 2 * (t + 5), 3600);
            samples << sample(QStringLiteral("x"), t + 7, 5000, 100 + 2 * (t + 7), 3600);
        }
        QVERIFY(m_store->appendSamples(samples));
        BucketTracker tracker;
        PoolHistory::replay(*m_store, pool({ QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("x") }), QDateTime(),
                            QDateTime(), &tracker);
        QCOMPARE(tracker.sharedGroups(QStringLiteral("core")).value(0).size(), 3);
        const auto shared = PoolHistory::sharedGroups(tracker, pool({ QStringLiteral("a"), QStringLiteral("x") }));
        QCOMPARE(shared.value(QStringLiteral("core")),
                 QList<QStringList>{ (QStringList{ QStringLiteral("a"), QStringLiteral("x") }) });
        QVERIFY(PoolHistory::sharedGroups(tracker, pool({ QStringLiteral("a") })).isEmpty());
    }

    void nothingStored()
    {
        const Pool p = pool({ QStringLiteral("x"), QStringLiteral("y") });
        QVERIFY(PoolHistory::sharedGroups(*m_store, p, QDateTime(), QDateTime()).isEmpty());
    }

private:
    std::unique_ptr<HistoryStore> m_store;
};

QTEST_GUILESS_MAIN(TestPoolHistory)
#include "tst_poolhistory.moc"
