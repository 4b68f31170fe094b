// AlertEngine over the real HistoryStore (SQLite file): alert state survives a restart, every
// alert lands in the event log, and a restarted engine forecasts from recorded samples.
#include "alerts/alertengine.h"
#include "alerts/historyalertstatestore.h"
#include "core/clock.h"
#include "engine/proberecord.h"
#include "history/historystore.h"

#include <QTemporaryDir>
#include <QtTest>

namespace {
const QString kAcc = QStringLiteral("9f1e2d3c-3333-4c5d-9e6f-000000000003");
}

class TestAlertHistory : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { Clock::setInstance(&m_clock); }
    void cleanupTestCase() { Clock::setInstance(nullptr); }
    void restartDoesNotRepeat();
    void forecastFromRecordedSamples();

private:
    ProbeResult reading(qint64 remaining, qint64 limit, const QDateTime &reset) const
    {
        ProbeResult r;
        r.accountId = kAcc;
        r.accountName = QStringLiteral("ci-bot");
        r.provider = QStringLiteral("github");
        r.state = AccountState::Ok;
        r.probedAt = m_clock.nowUtc();
        r.reading.provider = r.provider;
        r.reading.status = 200;
        Quota q;
        q.resource = QStringLiteral("core");
        q.limit = limit;
        q.remaining = remaining;
        q.resetAt = reset;
        r.reading.quotas.append(q);
        return r;
    }
    QList<Event> alertEvents(HistoryStore &store) const
    {
        QList<Event> out;
        const auto all = store.events(m_clock.nowUtc().addDays(-1), m_clock.nowUtc().addDays(1));
        for (const Event &e : all) {
            if (e.kind == EventKind::Alert)
                out.append(e);
        }
        return out;
    }

    ManualClock m_clock;
};

void TestAlertHistory::restartDoesNotRepeat()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("history.sqlite"));
    const QDateTime reset = m_clock.nowUtc().addSecs(3600);
    {
        HistoryStore history;
        QString error;
        QVERIFY2(history.open(path, &error), qPrintable(error));
        HistoryAlertStateStore state(&history);
        AlertEngine engine(&state, &m_clock);
        QSignalSpy raised(&engine, &AlertEngine::alertRaised);
        const ProbeResult r = reading(150, 1000, reset);
        QVERIFY(history.record(toHistory(r)));
        engine.process(r);
        QCOMPARE(raised.size(), 1);
        const QList<Event> events = alertEvents(history);
        QCOMPARE(events.size(), 1);
        QCOMPARE(events[0].accountId, kAcc);
        QVERIFY2(events[0].detail.startsWith(QStringLiteral("warning/warning/core: ")), qPrintable(events[0].detail));
        QVERIFY(!history.alertState(QStringLiteral("alerts/") + kAcc).isEmpty());
    }
    m_clock.advanceSeconds(120);
    {
        HistoryStore history;
        QVERIFY(history.open(path));
        HistoryAlertStateStore state(&history);
        AlertEngine engine(&state, &m_clock);
        QSignalSpy raised(&engine, &AlertEngine::alertRaised);
        engine.process(reading(140, 1000, reset));
        QCOMPARE(raised.size(), 0);
        engine.process(reading(30, 1000, reset)); // a new crossing still alerts
        QCOMPARE(raised.size(), 1);
        QCOMPARE(alertEvents(history).size(), 2);
    }
}

void TestAlertHistory::forecastFromRecordedSamples()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("history.sqlite"));
    const QDateTime reset = m_clock.nowUtc().addSecs(3600);
    HistoryStore history;
    QVERIFY(history.open(path));
    // Ten minutes recorded by an earlier run of Headroom: 20 a minute, dry in about 50 minutes.
    for (int i = 0; i < 10; ++i) {
        QVERIFY(history.record(toHistory(reading(1000 - 20 * i, 2000, reset))));
        m_clock.advanceSeconds(60);
    }
    HistoryAlertStateStore state(&history);
    AlertEngine engine(&state, &m_clock);
    QSignalSpy raised(&engine, &AlertEngine::alertRaised);
    const ProbeResult r = reading(800, 2000, reset);
    QVERIFY(history.record(toHistory(r))); // the Monitor records before it announces
    engine.process(r);
    QCOMPARE(raised.size(), 1);
    const Alert a = raised[0][0].value<Alert>();
    QCOMPARE(a.rule, AlertRule::Forecast);
    QVERIFY(a.runsDryAt);
    QVERIFY2(qAbs(m_clock.nowUtc().secsTo(*a.runsDryAt) - 40 * 60) <= 60,
             qPrintable(a.runsDryAt->toString(Qt::ISODate)));
}

QTEST_GUILESS_MAIN(TestAlertHistory)
#include "tst_alerthistory.moc"
