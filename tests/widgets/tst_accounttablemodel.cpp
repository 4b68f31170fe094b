#include "accountfilterproxymodel.h"
#include "accounttablemodel.h"
#include "core/clock.h"
#include "statestyle.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

namespace {

Account makeAccount(const QString &id, const QString &name, const QString &preset = QStringLiteral("github"))
{
    Account a;
    a.id = id;
    a.name = name;
    a.presetId = preset;
    return a;
}

Quota quota(const QString &resource, qint64 limit, qint64 remaining, const QDateTime &reset)
{
    Quota q;
    q.resource = resource;
    q.limit = limit;
    q.remaining = remaining;
    q.resetAt = reset;
    return q;
}

ProbeResult result(const QString &id, AccountState state, const QList<Quota> &quotas, const QDateTime &at)
{
    ProbeResult r;
    r.accountId = id;
    r.state = state;
    r.reading.quotas = quotas;
    r.probedAt = at;
    r.cost = 1;
    return r;
}

// The State column as the view shows it: the model gives the id, the proxy the words.
QString shownState(const AccountTableModel &model, const QModelIndex &index)
{
    AccountFilterProxyModel proxy;
    proxy.setSourceModel(const_cast<AccountTableModel *>(&model));
    return proxy.mapFromSource(index.siblingAtColumn(AccountTableModel::State)).data().toString();
}

} // namespace

class TestAccountTableModel : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init()
    {
        m_clock = new ManualClock;
        Clock::setInstance(m_clock);
    }
    void cleanup()
    {
        Clock::setInstance(nullptr);
        delete m_clock;
    }

    void treeStructureUnderTester()
    {
        AccountTableModel model;
        AccountFilterProxyModel proxy;
        proxy.setSourceModel(&model);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester proxyTester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
        proxy.sort(AccountTableModel::Remaining);

        const QDateTime now = m_clock->nowUtc();
        model.setAccounts({makeAccount(QStringLiteral("a"), QStringLiteral("alpha")),
                           makeAccount(QStringLiteral("b"), QStringLiteral("beta"), QStringLiteral("gitlab"))});
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.rowCount(model.index(0, 0)), 0);

        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        model.applyProbeResult(result(QStringLiteral("a"), AccountState::Ok,
                                      {quota(QStringLiteral("core"), 5000, 4000, now.addSecs(600)),
                                       quota(QStringLiteral("search"), 30, 3, now.addSecs(30))},
                                      now));
        QCOMPARE(inserted.count(), 2);
        QVERIFY(changed.count() >= 1);
        const QModelIndex alpha = model.indexOfAccount(QStringLiteral("a"));
        QCOMPARE(model.rowCount(alpha), 2);
        QCOMPARE(model.parent(model.index(1, 0, alpha)), alpha);

        // Rows added, changed and removed while both testers watch.
        model.addAccount(makeAccount(QStringLiteral("c"), QStringLiteral("gamma")));
        model.applyProbeResult(result(QStringLiteral("c"), AccountState::Ok,
                                      {quota(QStringLiteral("core"), 100, 50, now.addSecs(60))}, now));
        model.applyProbeResult(result(QStringLiteral("a"), AccountState::Ok,
                                      {quota(QStringLiteral("core"), 5000, 3000, now.addSecs(600))}, now));
        model.removeAccount(QStringLiteral("a"));
        QCOMPARE(model.rowCount(), 2);
        // The children of an account that moved up still point at the right parent.
        const QModelIndex gamma = model.indexOfAccount(QStringLiteral("c"));
        QCOMPARE(gamma.row(), 1);
        QCOMPARE(model.parent(model.index(0, 0, gamma)), gamma);
        QCOMPARE(model.index(0, AccountTableModel::Resource, gamma).data().toString(), QStringLiteral("core"));
        for (int i = 0; i < 5; ++i) {
            m_clock->advanceSeconds(1);
            model.tick();
        }
    }

    void displayPerState_data()
    {
        QTest::addColumn<int>("state");
        QTest::addColumn<bool>("withQuota");
        QTest::addColumn<QString>("remaining");
        QTest::addColumn<QString>("stateText");
        QTest::addColumn<int>("stateRole");
        QTest::newRow("ok") << int(AccountState::Ok) << true << QStringLiteral("4000 / 5000") << QStringLiteral("OK")
                            << int(AccountState::Ok);
        QTest::newRow("unlimited is infinity") << int(AccountState::Unlimited) << false << QStringLiteral("∞")
                                               << QStringLiteral("Unlimited") << int(AccountState::Unlimited);
        QTest::newRow("no data is a dash") << int(AccountState::NoData) << false << QStringLiteral("—")
                                           << QStringLiteral("No data") << int(AccountState::NoData);
        QTest::newRow("auth failed") << int(AccountState::AuthFailed) << false << QStringLiteral("—")
                                     << QStringLiteral("Auth failed") << int(AccountState::AuthFailed);
        QTest::newRow("error") << int(AccountState::Error) << false << QStringLiteral("—") << QStringLiteral("Error")
                               << int(AccountState::Error);
    }
    void displayPerState()
    {
        QFETCH(int, state);
        QFETCH(bool, withQuota);
        QFETCH(QString, remaining);
        QFETCH(QString, stateText);
        QFETCH(int, stateRole);
        AccountTableModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setAccounts({makeAccount(QStringLiteral("a"), QStringLiteral("alpha"))});
        const QDateTime now = m_clock->nowUtc();
        QList<Quota> quotas;
        if (withQuota)
            quotas.append(quota(QStringLiteral("core"), 5000, 4000, now.addSecs(600)));
        model.applyProbeResult(result(QStringLiteral("a"), AccountState(state), quotas, now));
        const QModelIndex row = model.indexOfAccount(QStringLiteral("a"));
        QCOMPARE(row.siblingAtColumn(AccountTableModel::Remaining).data().toString(), remaining);
        QCOMPARE(shownState(model, row), stateText);
        QCOMPARE(row.siblingAtColumn(AccountTableModel::State).data().toString(),
                 accountStateId(AccountState(stateRole)));
        QCOMPARE(row.data(AccountTableModel::StateRole).toInt(), stateRole);
    }

    void countdownsTickAndStaleGreysOut()
    {
        AccountTableModel model;
        model.setStaleAfterSeconds(600);
        model.setAccounts({makeAccount(QStringLiteral("a"), QStringLiteral("alpha"))});
        const QDateTime now = m_clock->nowUtc();
        model.applyProbeResult(result(QStringLiteral("a"), AccountState::Ok,
                                      {quota(QStringLiteral("core"), 5000, 900, now.addSecs(125))}, now));
        const QModelIndex reset = model.indexOfAccount(QStringLiteral("a"), AccountTableModel::Reset);
        QCOMPARE(reset.data().toString(), QStringLiteral("2 min 05 s"));
        QCOMPARE(shownState(model, reset), QStringLiteral("Warning"));
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        m_clock->advanceSeconds(1);
        model.tick();
        QVERIFY(!changed.isEmpty());
        QCOMPARE(reset.data().toString(), QStringLiteral("2 min 04 s"));
        QCOMPARE(reset.siblingAtColumn(AccountTableModel::LastProbe).data().toString(), QStringLiteral("1 s ago"));
        m_clock->advanceSeconds(601);
        QCOMPARE(reset.data(AccountTableModel::StateRole).toInt(), int(AccountState::Stale));
        QCOMPARE(shownState(model, reset), QStringLiteral("Stale"));
    }

    void throttledShowsResumesIn()
    {
        AccountTableModel model;
        model.setAccounts({makeAccount(QStringLiteral("a"), QStringLiteral("alpha"))});
        ProbeResult r = result(QStringLiteral("a"), AccountState::Throttled, {}, m_clock->nowUtc());
        r.reading.retryAfterS = 90;
        r.reading.status = 429;
        model.applyProbeResult(r);
        const QModelIndex state = model.indexOfAccount(QStringLiteral("a"), AccountTableModel::State);
        QCOMPARE(shownState(model, state), QStringLiteral("Throttled, resumes in 1 min 30 s"));
        m_clock->advanceSeconds(30);
        QCOMPARE(shownState(model, state), QStringLiteral("Throttled, resumes in 1 min 00 s"));
        m_clock->advanceSeconds(61);
        QVERIFY(state.data(AccountTableModel::StateRole).toInt() != int(AccountState::Throttled));
    }

    // The user's thresholds re-classify what is shown, per account, without a new probe.
    void thresholdsReclassify()
    {
        AccountTableModel model;
        model.setAccounts({makeAccount(QStringLiteral("a"), QStringLiteral("alpha")),
                           makeAccount(QStringLiteral("b"), QStringLiteral("beta"))});
        const QDateTime now = m_clock->nowUtc();
        for (const QString &id : {QStringLiteral("a"), QStringLiteral("b")})
            model.applyProbeResult(result(id, AccountState::Ok, {quota(QStringLiteral("core"), 100, 25, now)}, now));
        const QModelIndex a = model.indexOfAccount(QStringLiteral("a"));
        const QModelIndex b = model.indexOfAccount(QStringLiteral("b"));
        QCOMPARE(AccountState(a.data(AccountTableModel::StateRole).toInt()), AccountState::Ok);
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        model.setThresholds([](const QString &id) {
            return id == u"a" ? Thresholds{30.0, 5.0} : Thresholds{20.0, 5.0};
        });
        QVERIFY(!changed.isEmpty());
        QCOMPARE(AccountState(a.data(AccountTableModel::StateRole).toInt()), AccountState::Warning);
        QCOMPARE(AccountState(model.index(0, 0, a).data(AccountTableModel::StateRole).toInt()), AccountState::Warning);
        QCOMPARE(AccountState(a.data(AccountTableModel::QuotaStateRole).toInt()), AccountState::Warning);
        QCOMPARE(AccountState(b.data(AccountTableModel::StateRole).toInt()), AccountState::Ok);
        model.setThresholds([](const QString &) { return Thresholds{30.0, 26.0}; });
        QCOMPARE(AccountState(a.data(AccountTableModel::StateRole).toInt()), AccountState::Critical);

        // The provider's near-limit flag is a warning whatever the numbers say.
        model.setThresholds({});
        Quota flagged = quota(QStringLiteral("core"), 100, 90, now);
        flagged.nearLimit = true;
        model.applyProbeResult(result(QStringLiteral("b"), AccountState::Warning, {flagged}, now));
        QCOMPARE(AccountState(b.data(AccountTableModel::StateRole).toInt()), AccountState::Warning);
        // The account row is its worst resource.
        model.applyProbeResult(result(QStringLiteral("a"), AccountState::Critical,
                                      {quota(QStringLiteral("core"), 100, 90, now),
                                       quota(QStringLiteral("search"), 100, 2, now)},
                                      now));
        QCOMPARE(AccountState(a.data(AccountTableModel::StateRole).toInt()), AccountState::Critical);
        QCOMPARE(AccountState(model.indexOfResource(QStringLiteral("a"), QStringLiteral("core"))
                                  .data(AccountTableModel::StateRole)
                                  .toInt()),
                 AccountState::Ok);
    }

    void costPerHourCountsOnlyTheLastHour()
    {
        AccountTableModel model;
        model.setAccounts({makeAccount(QStringLiteral("a"), QStringLiteral("alpha"))});
        for (int i = 0; i < 3; ++i) {
            model.applyProbeResult(result(QStringLiteral("a"), AccountState::Ok,
                                          {quota(QStringLiteral("core"), 100, 90, m_clock->nowUtc().addSecs(3600))},
                                          m_clock->nowUtc()));
            m_clock->advanceSeconds(1800);
        }
        // Probes at 0, 30 and 60 min; now is 90 min: the first fell out of the hour.
        QCOMPARE(model.indexOfAccount(QStringLiteral("a"), AccountTableModel::Cost).data().toString(),
                 QStringLiteral("2/h"));
    }

    void proxyFilterKeepsParentsOfMatchingResources()
    {
        AccountTableModel model;
        AccountFilterProxyModel proxy;
        proxy.setSourceModel(&model);
        QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setAccounts({makeAccount(QStringLiteral("a"), QStringLiteral("alpha")),
                           makeAccount(QStringLiteral("b"), QStringLiteral("beta"))});
        const QDateTime now = m_clock->nowUtc();
        model.applyProbeResult(result(QStringLiteral("a"), AccountState::Ok,
                                      {quota(QStringLiteral("core"), 10, 9, now), quota(QStringLiteral("graphql"), 10, 9, now)},
                                      now));
        model.applyProbeResult(result(QStringLiteral("b"), AccountState::Ok, {quota(QStringLiteral("core"), 10, 9, now)}, now));
        proxy.setSearchText(QStringLiteral("graph"));
        QCOMPARE(proxy.rowCount(), 1);
        QCOMPARE(proxy.rowCount(proxy.index(0, 0)), 1);
        proxy.setSearchText(QStringLiteral("beta"));
        QCOMPARE(proxy.rowCount(), 1);
        QCOMPARE(proxy.rowCount(proxy.index(0, 0)), 1); // an account's resources follow it
        // Changes while filtered.
        model.applyProbeResult(result(QStringLiteral("b"), AccountState::Ok, {quota(QStringLiteral("search"), 10, 1, now)}, now));
        QCOMPARE(proxy.rowCount(proxy.index(0, 0)), 2);
        proxy.setSearchText({});
        QCOMPARE(proxy.rowCount(), 2);
    }

private:
    ManualClock *m_clock = nullptr;
};

QTEST_MAIN(TestAccountTableModel)
#include "tst_accounttablemodel.moc"
