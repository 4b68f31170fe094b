// Throttle patterns: a cadence behind an account's 429s or near-limit flags is named; random
// refusals and a single burst are not.
#include "report/throttlepattern.h"

#include <QRandomGenerator>
#include <QtTest>

namespace {

// 2026-11-23T00:00:00Z: a midnight, so offsets read as times of day (the tests run with TZ=UTC
// and pass the offset explicitly).
const QDateTime kMidnight = QDateTime::fromSecsSinceEpoch(1795392000, Qt::UTC);

Event at(const QDateTime &t, EventKind kind = EventKind::Throttled)
{
    Event e;
    e.accountId = QStringLiteral("a");
    e.time = t;
    e.kind = kind;
    return e;
}

qint64 floorMod(qint64 a, qint64 b)
{
    return ((a % b) + b) % b;
}

} // namespace

class TestThrottlePattern : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void detect_data();
    void detect();
    void noiseRarelyLooksScheduled();
    void localOffsetShiftsPhase();
    void describe();
    void sameScheduleToleratesJitter();
};

void TestThrottlePattern::detect_data()
{
    QTest::addColumn<QList<Event>>("events");
    QTest::addColumn<QDateTime>("from");
    QTest::addColumn<QDateTime>("to");
    QTest::addColumn<bool>("found");
    QTest::addColumn<int>("kind");
    QTest::addColumn<qint64>("period");
    QTest::addColumn<qint64>("phase");
    QTest::addColumn<int>("hits");

    const QDateTime dayEnd = kMidnight.addDays(1);
    {
        // On the hour, every hour, three 429s per run (the run counts once).
        QList<Event> ev;
        for (int h = 0; h < 24; ++h) {
            for (int k = 0; k < 3; ++k)
                ev << at(kMidnight.addSecs(h * 3600 + k * 40));
        }
        QTest::newRow("hourly exact") << ev << kMidnight << dayEnd << true << int(EventKind::Throttled)
                                      << qint64(3600) << qint64(0) << 24;
    }
    {
        // Every 2 h at about :00, on 5 of the last 24 h (the example).
        QList<Event> ev;
        for (int h : {2, 4, 10, 16, 20})
            ev << at(kMidnight.addSecs(h * 3600));
        QTest::newRow("every 2 h on 5 of 12") << ev << kMidnight << dayEnd << true << int(EventKind::Throttled)
                                              << qint64(7200) << qint64(0) << 5;
    }
    {
        // Hourly at :15 with up to four minutes of jitter either way.
        QList<Event> ev;
        QRandomGenerator rng(42);
        for (int h = 0; h < 24; ++h)
            ev << at(kMidnight.addSecs(h * 3600 + 15 * 60 + rng.bounded(-240, 241)));
        QTest::newRow("hourly jittered") << ev << kMidnight << dayEnd << true << int(EventKind::Throttled)
                                         << qint64(3600) << qint64(15 * 60) << 24;
    }
    {
        // A poller every 5 minutes, seen for the last 4 hours of the account's history.
        QList<Event> ev;
        const QDateTime start = dayEnd.addSecs(-4 * 3600);
        for (int i = 0; i < 48; ++i)
            ev << at(start.addSecs(i * 300 + 120 + (i % 3) * 10));
        QTest::newRow("every 5 min") << ev << start << dayEnd << true << int(EventKind::Throttled) << qint64(300)
                                     << qint64(120) << 48;
    }
    {
        // A CI loop every 8 minutes (not a divisor of the hour), near-limit flags, for 3 hours.
        QList<Event> ev;
        const QDateTime start = dayEnd.addSecs(-3 * 3600);
        for (int i = 0; i < 22; ++i)
            ev << at(start.addSecs(i * 480 + 200), EventKind::NearLimit);
        QTest::newRow("every 8 min") << ev << start << dayEnd << true << int(EventKind::NearLimit) << qint64(480)
                                     << qint64(floorMod(start.toSecsSinceEpoch() + 200, 480) / 60 * 60) << 22;
    }
    {
        // Near-limit flags at 03:30 each day for a week.
        QList<Event> ev;
        for (int d = 0; d < 7; ++d)
            ev << at(kMidnight.addDays(d).addSecs(3 * 3600 + 30 * 60 + d * 45), EventKind::NearLimit);
        QTest::newRow("daily near limit") << ev << kMidnight << kMidnight.addDays(7) << true
                                          << int(EventKind::NearLimit) << qint64(86400) << qint64(3 * 3600 + 32 * 60)
                                          << 7;
    }
    for (quint32 seed : {1u, 7u, 1234u}) {
        // 30 refusals at random over a day: no schedule.
        QList<Event> ev;
        QRandomGenerator rng(seed);
        for (int i = 0; i < 30; ++i)
            ev << at(kMidnight.addSecs(rng.bounded(86400)));
        std::sort(ev.begin(), ev.end(), [](const Event &a, const Event &b) { return a.time < b.time; });
        QTest::addRow("noise seed %u", seed) << ev << kMidnight << dayEnd << false << 0 << qint64(0) << qint64(0) << 0;
    }
    {
        // One burst: a 429 every 15 s for ten minutes, nothing else all day.
        QList<Event> ev;
        for (int i = 0; i < 40; ++i)
            ev << at(kMidnight.addSecs(10 * 3600 + i * 15));
        QTest::newRow("one burst") << ev << kMidnight << dayEnd << false << 0 << qint64(0) << qint64(0) << 0;
    }
    {
        // Three on-the-hour refusals: too few to call a schedule.
        QList<Event> ev;
        for (int h : {3, 4, 5})
            ev << at(kMidnight.addSecs(h * 3600));
        QTest::newRow("three only") << ev << kMidnight << dayEnd << false << 0 << qint64(0) << qint64(0) << 0;
    }
    {
        // Hourly near-limit flags do not make a 429 pattern, and events outside the window count not.
        QList<Event> ev;
        for (int h = 0; h < 24; ++h)
            ev << at(kMidnight.addSecs(h * 3600), EventKind::NearLimit);
        for (int h = 0; h < 24; ++h)
            ev << at(kMidnight.addDays(-1).addSecs(h * 3600));
        QTest::newRow("other kind, outside window")
            << ev << kMidnight << dayEnd << true << int(EventKind::NearLimit) << qint64(3600) << qint64(0) << 24;
    }
}

void TestThrottlePattern::detect()
{
    QFETCH(QList<Event>, events);
    QFETCH(QDateTime, from);
    QFETCH(QDateTime, to);
    QFETCH(bool, found);
    const std::optional<ThrottlePattern> p = detectAnyThrottlePattern(events, from, to);
    if (!found) {
        QVERIFY2(!p, p ? qPrintable(ThrottlePatternText::describe(*p)) : "");
        return;
    }
    QVERIFY(p);
    QFETCH(int, kind);
    QFETCH(qint64, period);
    QFETCH(qint64, phase);
    QFETCH(int, hits);
    QCOMPARE(int(p->kind), kind);
    QCOMPARE(p->periodS, period);
    // The phase is the cluster's mean to the minute: jitter may move it a minute or two.
    QVERIFY2(qAbs(p->phaseS - phase) <= 120, qPrintable(QString::number(p->phaseS)));
    QCOMPARE(p->hits, hits);
    QCOMPARE(p->spanS, from.secsTo(to));
    QVERIFY2(p->hits <= p->periods, qPrintable(QStringLiteral("%1 of %2").arg(p->hits).arg(p->periods)));
}

void TestThrottlePattern::noiseRarelyLooksScheduled()
{
    // 300 days of random refusals (5 to 60 a day): a cadence may be found by chance now and
    // then, but not more than about one day in a hundred.
    int found = 0;
    QStringList seen;
    QRandomGenerator rng(2026);
    for (int day = 0; day < 300; ++day) {
        QList<Event> ev;
        const int n = 5 + int(rng.bounded(56));
        for (int i = 0; i < n; ++i)
            ev << at(kMidnight.addSecs(rng.bounded(86400)));
        std::sort(ev.begin(), ev.end(), [](const Event &a, const Event &b) { return a.time < b.time; });
        if (const auto p = detectAnyThrottlePattern(ev, kMidnight, kMidnight.addDays(1))) {
            ++found;
            seen << ThrottlePatternText::describe(*p);
        }
    }
    QVERIFY2(found <= 3, qPrintable(QStringLiteral("%1 of 300: %2").arg(found).arg(seen.join(QStringLiteral(" | ")))));
}

void TestThrottlePattern::localOffsetShiftsPhase()
{
    QList<Event> ev;
    for (int h = 0; h < 24; h += 2)
        ev << at(kMidnight.addSecs(h * 3600 + 600));
    const auto utc = detectThrottlePattern(ev, EventKind::Throttled, kMidnight, kMidnight.addDays(1));
    QVERIFY(utc);
    QCOMPARE(utc->periodS, 7200);
    QCOMPARE(utc->phaseS, 600);
    QCOMPARE(utc->periods, 12);
    // UTC+1: the same events are at 01:10, 03:10, ... on the user's clock.
    const auto cet = detectThrottlePattern(ev, EventKind::Throttled, kMidnight, kMidnight.addDays(1), 3600);
    QVERIFY(cet);
    QCOMPARE(cet->phaseS, 3600 + 600);
    QCOMPARE(ThrottlePatternText::describe(*cet),
             QStringLiteral("429s at about 01:10, every 2 h, on 12 of the last 24 h: a scheduled job?"));
}

void TestThrottlePattern::describe()
{
    ThrottlePattern p{EventKind::Throttled, 7200, 0, 5, 12, 5, 86400};
    QCOMPARE(ThrottlePatternText::describe(p),
             QStringLiteral("429s at about 00:00, every 2 h, on 5 of the last 24 h: a scheduled job?"));
    p.periodS = 3600;
    p.phaseS = 7 * 60;
    p.periods = 24;
    QCOMPARE(ThrottlePatternText::describe(p),
             QStringLiteral("429s at about hh:07, every 1 h, on 5 of the last 24 h: a scheduled job?"));
    ThrottlePattern fast{EventKind::NearLimit, 300, 120, 40, 48, 40, 4 * 3600};
    QCOMPARE(ThrottlePatternText::describe(fast),
             QStringLiteral("Near-limit flags every 5 min, in 40 of the last 48 periods (4 h): a scheduled job?"));
}

void TestThrottlePattern::sameScheduleToleratesJitter()
{
    const ThrottlePattern a{EventKind::Throttled, 3600, 20 * 60, 10, 10, 10, 36000};
    ThrottlePattern b = a;
    b.phaseS = 19 * 60;
    b.hits = 11;
    QVERIFY(sameSchedule(a, b));
    b.phaseS = 59 * 60; // across the hour from :20 is 21 min: another schedule
    QVERIFY(!sameSchedule(a, b));
    ThrottlePattern c = a;
    c.phaseS = 0;
    ThrottlePattern d = a;
    d.phaseS = 58 * 60; // :58 and :00 are two minutes apart across the hour
    QVERIFY(sameSchedule(c, d));
    d.periodS = 7200;
    QVERIFY(!sameSchedule(c, d));
    d = c;
    d.kind = EventKind::NearLimit;
    QVERIFY(!sameSchedule(c, d));
}

QTEST_GUILESS_MAIN(TestThrottlePattern)
#include "tst_throttlepattern.moc"
