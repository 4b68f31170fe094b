#include "attentionmodel.h"
#include "attentionview.h"
#include "core/clock.h"

#include <QLabel>
#include <QMenu>
#include <QSignalSpy>
#include <QTest>
#include <QToolButton>
#include <QVBoxLayout>

namespace {

const QString kA = QStringLiteral("a");
const QString kB = QStringLiteral("b");
const QString kC = QStringLiteral("c");
const QString kD = QStringLiteral("d");

ProbeResult reading(const QString &id, qint64 remaining, qint64 limit = 5000, qint64 resetInS = 3600)
{
    ProbeResult r;
    r.accountId = id;
    r.accountName = id;
    r.state = AccountState::Ok;
    r.probedAt = Clock::instance()->nowUtc();
    Quota q;
    q.resource = QStringLiteral("core");
    q.limit = limit;
    q.remaining = remaining;
    q.resetAt = r.probedAt.addSecs(resetInS);
    r.reading.quotas.append(q);
    r.reading.status = 200;
    return r;
}

ProbeResult throttled(const QString &id, double retryAfterS = 62)
{
    ProbeResult r = reading(id, 0);
    r.state = AccountState::Throttled;
    r.reading.status = 429;
    r.reading.throttled = true;
    r.reading.retryAfterS = retryAfterS;
    return r;
}

ProbeResult refused(const QString &id)
{
    ProbeResult r;
    r.accountId = id;
    r.state = AccountState::AuthFailed;
    r.probedAt = Clock::instance()->nowUtc();
    r.reading.status = 401;
    r.error = QStringLiteral("Bad credentials");
    return r;
}

QStringList lines(const AttentionModel &m)
{
    QStringList out;
    for (int i = 0; i < m.rowCount(); ++i)
        out << m.index(i).data().toString();
    return out;
}

AttentionModel::Kind kindAt(const AttentionModel &m, int row)
{
    return AttentionModel::Kind(m.index(row).data(AttentionModel::KindRole).toInt());
}

} // namespace

class TestAttention : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init()
    {
        m_clock = std::make_unique<ManualClock>(QDateTime::currentDateTimeUtc());
        Clock::setInstance(m_clock.get());
    }
    void cleanup()
    {
        Clock::setInstance(nullptr);
        m_clock.reset();
    }

    // Appears with the throttle, follows every reading, and goes with the reading that clears it.
    void throttleAppearsUpdatesAndClears()
    {
        AttentionModel m;
        m.setAccountName(kA, QStringLiteral("octo-bot"));
        QVERIFY(!m.hasReadings());
        m.applyProbeResult(throttled(kA));
        QCOMPARE(m.rowCount(), 1);
        QCOMPARE(kindAt(m, 0), AttentionModel::Kind::Throttled);
        QString text = m.index(0).data().toString();
        QVERIFY2(text.startsWith(QStringLiteral("octo-bot")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("HTTP 429")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("core exhausted")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("in 1 min 02 s")), qPrintable(text));
        // The countdown moves with the clock, not with a new reading.
        m_clock->advanceSeconds(30);
        m.tick();
        text = m.index(0).data().toString();
        QVERIFY2(text.contains(QStringLiteral("in 32 s")), qPrintable(text));

        // Recovered, but low: the throttle line becomes a warning with this reading's numbers.
        m.applyProbeResult(reading(kA, 888));
        QCOMPARE(m.rowCount(), 1);
        QCOMPARE(kindAt(m, 0), AttentionModel::Kind::Warning);
        QVERIFY2(m.index(0).data().toString().contains(QStringLiteral("888 of 5,000 left (17 %)")),
                 qPrintable(m.index(0).data().toString()));
        QSignalSpy changed(&m, &QAbstractItemModel::dataChanged);
        m.applyProbeResult(reading(kA, 567));
        QCOMPARE(m.rowCount(), 1);
        QVERIFY(!changed.isEmpty());
        text = m.index(0).data().toString();
        QVERIFY2(text.contains(QStringLiteral("567 of 5,000")) && !text.contains(QStringLiteral("888")), qPrintable(text));
        m.applyProbeResult(reading(kA, 119));
        QCOMPARE(kindAt(m, 0), AttentionModel::Kind::Critical);
        QVERIFY(m.index(0).data().toString().contains(QStringLiteral("119 of 5,000")));

        QSignalSpy reset(&m, &QAbstractItemModel::modelReset);
        m.applyProbeResult(reading(kA, 4900));
        QCOMPARE(m.rowCount(), 0);
        QCOMPARE(reset.count(), 1);
        QVERIFY(m.hasReadings());
    }

    void severityOrder()
    {
        AttentionModel m;
        m.applyProbeResult(reading(kA, 900));   // warning
        m.applyProbeResult(reading(kD, 100));   // critical
        m.applyProbeResult(refused(kC));        // auth failed
        m.applyProbeResult(throttled(kB));      // throttled
        ProbeResult failing;
        failing.accountId = QStringLiteral("e");
        failing.state = AccountState::Error;
        failing.transportFailure = true;
        failing.error = QStringLiteral("connection refused");
        failing.probedAt = m_clock->nowUtc();
        m.applyProbeResult(failing);
        QCOMPARE(m.rowCount(), 5);
        // The states' own ranks (StateStyle::severity): the order of the table's severity sort.
        const QList<AttentionModel::Kind> expected = {AttentionModel::Kind::Throttled, AttentionModel::Kind::AuthFailed,
                                                      AttentionModel::Kind::Critical, AttentionModel::Kind::Unreachable,
                                                      AttentionModel::Kind::Warning};
        for (int i = 0; i < expected.size(); ++i)
            QCOMPARE(kindAt(m, i), expected.at(i));
        QVERIFY(m.index(1).data(AttentionModel::CanEditRole).toBool());
        QVERIFY(!m.index(3).data(AttentionModel::CanEditRole).toBool()); // a network failure: no token to fix
        QVERIFY2(m.index(3).data().toString().contains(QStringLiteral("Unreachable since")),
                 qPrintable(m.index(3).data().toString()));
        // A throttle that ends drops its line to its place among the rest.
        m.applyProbeResult(reading(kB, 50));
        QCOMPARE(kindAt(m, 0), AttentionModel::Kind::AuthFailed);
        QCOMPARE(m.index(1).data(AttentionModel::AccountIdRole).toString(), kB); // critical, b before d
    }

    // Thresholds are the account's own: the same reading is a line for one account, none for another.
    void thresholdsPerAccount()
    {
        AttentionModel m;
        m.setThresholds([](const QString &id) {
            return id == kA ? Thresholds{50.0, 10.0} : Thresholds{};
        });
        m.applyProbeResult(reading(kA, 2000));
        m.applyProbeResult(reading(kB, 2000));
        QCOMPARE(m.rowCount(), 1);
        QCOMPARE(m.index(0).data(AttentionModel::AccountIdRole).toString(), kA);
        m.setThresholds({});
        QCOMPARE(m.rowCount(), 0);
    }

    void dismissedLineReturnsOnNewSeverity()
    {
        AttentionModel m;
        m.applyProbeResult(reading(kA, 900));
        QCOMPARE(m.rowCount(), 1);
        QSignalSpy hidden(&m, &AttentionModel::hiddenCountChanged);
        m.dismiss(m.index(0).data(AttentionModel::KeyRole).toString());
        QCOMPARE(m.rowCount(), 0);
        QCOMPARE(m.hiddenCount(), 1);
        QCOMPARE(hidden.count(), 1);
        m.applyProbeResult(reading(kA, 800)); // same severity: stays dismissed
        QCOMPARE(m.rowCount(), 0);
        m.applyProbeResult(reading(kA, 100)); // critical now: back
        QCOMPARE(m.rowCount(), 1);
        QCOMPARE(kindAt(m, 0), AttentionModel::Kind::Critical);
        QCOMPARE(m.hiddenCount(), 0);
        // Dismissed, cleared, and low again: news again.
        m.dismiss(m.index(0).data(AttentionModel::KeyRole).toString());
        m.applyProbeResult(reading(kA, 4000));
        m.applyProbeResult(reading(kA, 100));
        QCOMPARE(m.rowCount(), 1);
    }

    void snoozedLineReturnsAfterTheSnooze()
    {
        AttentionModel m;
        m.applyProbeResult(refused(kA));
        m.applyProbeResult(reading(kB, 900));
        QCOMPARE(m.rowCount(), 2);
        m.snooze(kA, m_clock->nowUtc().addSecs(3600));
        QCOMPARE(m.rowCount(), 1);
        QCOMPARE(m.hiddenCount(), 1);
        m.applyProbeResult(refused(kA));
        QCOMPARE(m.rowCount(), 1);
        m_clock->advanceSeconds(3601);
        m.tick();
        QCOMPARE(m.rowCount(), 2);
        QCOMPARE(kindAt(m, 0), AttentionModel::Kind::AuthFailed);
        // Snoozed, then fixed while snoozed: nothing comes back.
        m.snooze(kA, m_clock->nowUtc().addSecs(3600));
        m.applyProbeResult(reading(kA, 4000));
        m_clock->advanceSeconds(3601);
        m.tick();
        QCOMPARE(m.rowCount(), 1);
        m.showHidden();
        QCOMPARE(m.hiddenCount(), 0);
    }

    // 100 a minute out of 3,000 with an hour to the reset: dry in half an hour, said in the line,
    // and the time moves with the readings.
    void forecastFromTheReadings()
    {
        AttentionModel m;
        const QDateTime reset = m_clock->nowUtc().addSecs(3600);
        auto at = [&](qint64 remaining) {
            ProbeResult r = reading(kA, remaining);
            r.reading.quotas[0].resetAt = reset;
            return r;
        };
        // Four readings over three minutes, as the alert engine asks.
        for (int i = 0; i < 3; ++i) {
            m.applyProbeResult(at(3000 - 100 * i));
            QCOMPARE(m.rowCount(), 0);
            m_clock->advanceSeconds(60);
        }
        m.applyProbeResult(at(2700));
        QCOMPARE(m.rowCount(), 1);
        QCOMPARE(kindAt(m, 0), AttentionModel::Kind::Forecast);
        QString expected = QLocale().toString(m_clock->nowUtc().addSecs(27 * 60).toLocalTime(), QStringLiteral("HH:mm"));
        QString text = m.index(0).data().toString();
        QVERIFY2(text.contains(QStringLiteral("Runs dry ≈ ") + expected), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("resets ")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("2,700 of 5,000 left")), qPrintable(text));
        // Faster: 300 a minute, and the line says the new time.
        m_clock->advanceSeconds(60);
        m.applyProbeResult(at(2400));
        m_clock->advanceSeconds(60);
        m.applyProbeResult(at(2100));
        text = m.index(0).data().toString();
        QVERIFY2(text.contains(QStringLiteral("2,100 of 5,000 left")), qPrintable(text));
        QVERIFY2(!text.contains(QStringLiteral("Runs dry ≈ ") + expected), qPrintable(text));
        // The draw stops: the forecast goes.
        for (int i = 0; i < 15; ++i) {
            m_clock->advanceSeconds(60);
            m.applyProbeResult(at(2600));
        }
        QCOMPARE(m.rowCount(), 0);
    }

    void tokenExpiringAndImbalancedPool()
    {
        AttentionModel m;
        ProbeResult r = reading(kA, 4000);
        r.reading.tokenExpiresAt = m_clock->nowUtc().addSecs(3 * 24 * 3600);
        m.applyProbeResult(r);
        QCOMPARE(m.rowCount(), 1);
        QCOMPARE(kindAt(m, 0), AttentionModel::Kind::TokenExpiring);
        QVERIFY(m.index(0).data(AttentionModel::CanEditRole).toBool());

        Pool pool;
        pool.name = QStringLiteral("workers");
        pool.presetId = QStringLiteral("github");
        pool.memberIds = {kB, kC};
        m.setAccountName(kB, QStringLiteral("worker-01"));
        m.setAccountName(kC, QStringLiteral("worker-02"));
        m.setPools({pool});
        PoolReading p;
        p.pool = pool.name;
        p.members = {QStringLiteral("worker-01"), QStringLiteral("worker-02")};
        p.imbalanced = true;
        PoolQuota q;
        q.resource = QStringLiteral("core");
        q.throttledMembers = {QStringLiteral("worker-02")};
        p.quotas = {q};
        m.applyPoolReading(p);
        QCOMPARE(m.rowCount(), 2);
        int row = kindAt(m, 0) == AttentionModel::Kind::ImbalancedPool ? 0 : 1;
        QCOMPARE(m.index(row).data(AttentionModel::OwnerRole).toString(), QStringLiteral("pool:workers"));
        QCOMPARE(m.index(row).data(AttentionModel::AccountIdRole).toString(), kC); // the throttled member
        QVERIFY(m.index(row).data().toString().contains(QStringLiteral("worker-02 throttled")));
        p.imbalanced = false;
        m.applyPoolReading(p);
        QCOMPARE(m.rowCount(), 1);
        m.setPools({});
        m.removeAccount(kA);
        QCOMPARE(m.rowCount(), 0);
    }

    // The view: hidden before any reading, one line per condition with its actions, none that
    // the demo forbids, and the four snooze choices.
    void viewActionsAndDemo()
    {
        AttentionModel m;
        QWidget window;
        auto *layout = new QVBoxLayout(&window);
        auto &v = *new AttentionView(&m, &window);
        layout->addWidget(&v);
        window.resize(900, 200);
        window.show();
        QVERIFY(!v.isVisible());
        m.applyProbeResult(refused(kA));
        QVERIFY(v.isVisible());
        auto *edit = v.findChild<QToolButton *>(QStringLiteral("attentionEdit"));
        QVERIFY(edit && edit->isVisible());
        QSignalSpy editSpy(&v, &AttentionView::editRequested);
        edit->click();
        QCOMPARE(editSpy.count(), 1);
        QCOMPARE(editSpy.first().first().toString(), kA);

        v.setDemoMode(true);
        QVERIFY(!edit->isVisible());
        auto *note = v.findChild<QLabel *>(QStringLiteral("attentionDemoNote"));
        QVERIFY(note && note->isVisible());
        QCOMPARE(note->text(), QStringLiteral("demo token"));

        auto *snooze = v.findChild<QToolButton *>(QStringLiteral("attentionSnooze"));
        QVERIFY(snooze && snooze->menu());
        QMetaObject::invokeMethod(snooze->menu(), "aboutToShow");
        QStringList names;
        for (QAction *a : snooze->menu()->actions())
            names << a->objectName();
        QCOMPARE(names, (QStringList{QStringLiteral("attentionSnoozeHour"), QStringLiteral("attentionSnooze4Hours"),
                                     QStringLiteral("attentionSnoozeReset"), QStringLiteral("attentionSnoozeTomorrow")}));
        QSignalSpy snoozeSpy(&v, &AttentionView::snoozeRequested);
        snooze->menu()->actions().at(3)->trigger();
        QCOMPARE(snoozeSpy.count(), 1);
        const QDateTime until = snoozeSpy.first().at(1).toDateTime().toLocalTime();
        QCOMPARE(until.time(), QTime(9, 0));
        QCOMPARE(until.date(), m_clock->nowUtc().toLocalTime().date().addDays(1));

        auto *dismiss = v.findChild<QToolButton *>(QStringLiteral("attentionDismiss"));
        dismiss->click();
        QCOMPARE(m.rowCount(), 0);
        auto *quiet = v.findChild<QLabel *>(QStringLiteral("attentionQuietLabel"));
        QVERIFY(quiet->isVisible());
        QVERIFY2(quiet->text().contains(QStringLiteral("dismissed or snoozed: 1")), qPrintable(quiet->text()));
        v.findChild<QToolButton *>(QStringLiteral("attentionShowHidden"))->click();
        QCOMPARE(m.rowCount(), 1);
        m.applyProbeResult(reading(kA, 4000));
        QVERIFY(quiet->isVisible());
        QCOMPARE(quiet->text(), QStringLiteral("Nothing needs attention"));
    }

private:
    std::unique_ptr<ManualClock> m_clock;
};

QTEST_MAIN(TestAttention)
#include "tst_attention.moc"
