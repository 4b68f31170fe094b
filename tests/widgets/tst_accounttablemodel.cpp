#include "accountfilterproxymodel.h"
#include "accounttablemodel.h"
#include "core/clock.h"
#include "statestyle.h"

#include <QAbstractItemModelTester>
#include <QLocale>
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

Pool pool(const QString &name, const QStringList &members)
{
    Pool p;
    p.name = name;
    p.presetId = QStringLiteral("github");
    p.memberIds = members;
    return p;
}

PoolQuota poolQuota(const QString &resource, std::optional<qint64> limit, std::optional<qint64> remaining)
{
    PoolQuota q;
    q.resource = resource;
    q.limit = limit;
    q.remaining = remaining;
    q.knownLimit = limit;
    q.knownRemaining = remaining;
    q.buckets = 1;
    return q;
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
    void initTestCase()
    {
        // Digits with group separators, as an English desktop shows them.
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    }
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
        // The second resource makes both children at once: the account row now summarises.
        QCOMPARE(inserted.count(), 1);
        QCOMPARE(inserted.first().at(1).toInt(), 0);
        QCOMPARE(inserted.first().at(2).toInt(), 1);
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
        // One resource: the account's row says it all, no child repeats it.
        QCOMPARE(model.rowCount(gamma), 0);
        QCOMPARE(gamma.siblingAtColumn(AccountTableModel::Resource).data().toString(), QStringLiteral("core"));
        model.applyProbeResult(result(QStringLiteral("c"), AccountState::Ok,
                                      {quota(QStringLiteral("search"), 30, 29, now.addSecs(60))}, now));
        QCOMPARE(model.rowCount(gamma), 2);
        QCOMPARE(model.parent(model.index(1, 0, gamma)), gamma);
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
        QTest::newRow("ok") << int(AccountState::Ok) << true << QStringLiteral("4,000 / 5,000") << QStringLiteral("OK")
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

    void limitOnlyReadingsSayWhatTheyAre_data()
    {
        QTest::addColumn<int>("source");       // -1: a stored sample, else int(LimitSource)
        QTest::addColumn<int>("nearLimit");    // -1 not sent, 0, 1
        QTest::addColumn<QString>("reason");
        QTest::addColumn<int>("throttles");    // 429s in 24 h from the history, -1 unknown
        QTest::addColumn<qint64>("limit");
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("explains"); // a phrase the tooltip and chart note must hold

        QTest::newRow("access token, not near") << int(LimitSource::Header) << 0 << QString() << -1 << qint64(8370)
                                                << QStringLiteral("limit 8,370/h · not near limit")
                                                << QStringLiteral("no remaining count and no reset");
        QTest::newRow("access token, near") << int(LimitSource::Header) << 1 << QString() << -1 << qint64(8370)
                                            << QStringLiteral("limit 8,370/h · near limit (under 20 % left)")
                                            << QStringLiteral("Only repository, project and workspace access tokens");
        QTest::newRow("access token, no flag") << int(LimitSource::Header) << -1 << QString() << -1 << qint64(8370)
                                               << QStringLiteral("limit 8,370/h")
                                               << QStringLiteral("no Bitbucket token reports remaining or reset");
        QTest::newRow("user token, documented")
            << int(LimitSource::Documented) << -1 << QStringLiteral("Bitbucket sends no rate-limit headers to user tokens")
            << 3 << qint64(1000) << QStringLiteral("documented limit 1,000/h · 3 × 429")
            << QStringLiteral("Bitbucket sends no rate-limit headers to user tokens");
        QTest::newRow("documented, no 429s") << int(LimitSource::Documented) << -1 << QStringLiteral("no headers") << 0
                                             << qint64(1000) << QStringLiteral("documented limit 1,000/h")
                                             << QStringLiteral("not measured");
        QTest::newRow("stored sample") << -1 << -1 << QString() << -1 << qint64(8370)
                                       << QStringLiteral("last known limit 8,370/h")
                                       << QStringLiteral("the next probe says");
    }
    void limitOnlyReadingsSayWhatTheyAre()
    {
        QFETCH(int, source);
        QFETCH(int, nearLimit);
        QFETCH(QString, reason);
        QFETCH(int, throttles);
        QFETCH(qint64, limit);
        QFETCH(QString, text);
        QFETCH(QString, explains);

        AccountTableModel model;
        model.setAccounts({makeAccount(QStringLiteral("bb"), QStringLiteral("web-repo"), QStringLiteral("bitbucket"))});
        const QDateTime now = m_clock->nowUtc();
        if (source < 0) {
            Sample s;
            s.accountId = QStringLiteral("bb");
            s.resource = QStringLiteral("api");
            s.time = now.addSecs(-60);
            s.limit = limit;
            model.applySample(s);
        } else {
            Quota q;
            q.resource = QStringLiteral("api");
            q.limit = limit;
            q.limitSource = LimitSource(source);
            if (nearLimit >= 0)
                q.nearLimit = nearLimit == 1;
            ProbeResult r = result(QStringLiteral("bb"), reason.isEmpty() ? AccountState::Ok : AccountState::NoData, {q}, now);
            r.reason = reason;
            model.applyProbeResult(r);
        }
        model.setThrottleSummary(QStringLiteral("bb"), throttles, QString());
        const QModelIndex row = model.indexOfAccount(QStringLiteral("bb"), AccountTableModel::Remaining);
        QCOMPARE(row.data().toString(), text);
        // Unknown remaining is neither empty nor full: no fraction, no remaining, the limit known.
        QVERIFY(!row.data(AccountTableModel::FractionRole).isValid());
        QVERIFY(!row.data(AccountTableModel::RemainingRole).isValid());
        QCOMPARE(row.data(AccountTableModel::LimitRole).toLongLong(), limit);
        QCOMPARE(row.data(AccountTableModel::LimitSourceRole).isValid(), source >= 0);
        if (source >= 0)
            QCOMPARE(row.data(AccountTableModel::LimitSourceRole).toInt(), source);
        QCOMPARE(row.data(AccountTableModel::NearLimitRole).isValid(), nearLimit >= 0);
        const QString explanation = model.explanation(QStringLiteral("bb"));
        QVERIFY2(explanation.contains(explains), qPrintable(explanation));
        QCOMPARE(row.data(AccountTableModel::ExplanationRole).toString(), explanation);
        // The tooltip carries the same words (wrapped as rich text).
        const QString tip = row.data(Qt::ToolTipRole).toString();
        QVERIFY2(tip.contains(explains.toHtmlEscaped()), qPrintable(tip));
        // A documented limit is never worded as a measured one.
        if (source == int(LimitSource::Documented)) {
            QVERIFY(text.startsWith(QStringLiteral("documented")));
            QVERIFY(explanation.contains(QStringLiteral("Documented limit: 1,000/h")));
        }
        if (throttles >= 0)
            QVERIFY2(explanation.contains(QStringLiteral("429s in the last 24 h: %1.").arg(throttles)),
                     qPrintable(explanation));
        QVERIFY(explanation.contains(QStringLiteral("Own cost: %1 request(s) in the last hour.").arg(source >= 0 ? 1 : 0)));
    }

    void noDataWithoutAnyQuotaSaysWhy()
    {
        AccountTableModel model;
        model.setAccounts({makeAccount(QStringLiteral("s"), QStringLiteral("slack-bot"), QStringLiteral("slack"))});
        ProbeResult r = result(QStringLiteral("s"), AccountState::NoData, {}, m_clock->nowUtc());
        r.reason = QStringLiteral("Slack sends no rate-limit headers");
        model.applyProbeResult(r);
        const QModelIndex row = model.indexOfAccount(QStringLiteral("s"), AccountTableModel::Remaining);
        QCOMPARE(row.data().toString(), r.reason);
        QCOMPARE(AccountState(row.data(AccountTableModel::StateRole).toInt()), AccountState::NoData);
        QVERIFY(model.explanation(QStringLiteral("s")).contains(QStringLiteral("Own cost: 1 request(s) in the last hour.")));
        // Without a reason and without quota the cell stays a plain dash.
        model.applyProbeResult(result(QStringLiteral("s"), AccountState::NoData, {}, m_clock->nowUtc()));
        QCOMPARE(row.data().toString(), QStringLiteral("—"));
        // A refused token explains itself with its error, not with quota notes.
        ProbeResult denied = result(QStringLiteral("s"), AccountState::AuthFailed, {}, m_clock->nowUtc());
        denied.error = QStringLiteral("authentication failed (HTTP 401): check or replace the token");
        model.applyProbeResult(denied);
        QCOMPARE(model.explanation(QStringLiteral("s")), QString());
        QCOMPARE(row.siblingAtColumn(AccountTableModel::State).data(Qt::ToolTipRole).toString(), denied.error);
    }

    void throttlePatternJoinsTheExplanation()
    {
        AccountTableModel model;
        model.setAccounts({makeAccount(QStringLiteral("g"), QStringLiteral("octo"))});
        model.applyProbeResult(result(QStringLiteral("g"), AccountState::Ok,
                                      {quota(QStringLiteral("core"), 5000, 4000, m_clock->nowUtc().addSecs(600))},
                                      m_clock->nowUtc()));
        // A reading with a remaining count needs no words ...
        QCOMPARE(model.explanation(QStringLiteral("g")), QString());
        QVERIFY(!model.indexOfAccount(QStringLiteral("g"), AccountTableModel::Name).data(Qt::ToolTipRole).isValid());
        // ... until its 429s follow a schedule.
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        const QString pattern = QStringLiteral("429s at about hh:00, every 2 h, on 5 of the last 24 h: a scheduled job?");
        model.setThrottleSummary(QStringLiteral("g"), 5, pattern);
        QVERIFY(changed.count() > 0);
        QCOMPARE(model.explanation(QStringLiteral("g")), pattern);
        QVERIFY(model.indexOfAccount(QStringLiteral("g"), AccountTableModel::Name).data(Qt::ToolTipRole).toString().contains(
            QStringLiteral("every 2 h")));
        QCOMPARE(model.indexOfAccount(QStringLiteral("g"), AccountTableModel::Remaining).data().toString(),
                 QStringLiteral("4,000 / 5,000"));
        // The same summary again changes nothing.
        changed.clear();
        model.setThrottleSummary(QStringLiteral("g"), 5, pattern);
        QCOMPARE(changed.count(), 0);
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

    void accountPolledElsewhereSaysByWhom()
    {
        AccountTableModel model;
        model.setAccounts({ makeAccount(QStringLiteral("a"), QStringLiteral("alpha")),
            makeAccount(QStringLiteral("b"), QStringLiteral("beta")) });
        const QDateTime now = m_clock->nowUtc();
        for (const QString &id : { QStringLiteral("a"), QStringLiteral("b") })
            model.applyProbeResult(
                result(id, AccountState::Ok, { quota(QStringLiteral("core"), 5000, 4000, now.addSecs(3600)) }, now));
        // "a" is polled by a server; "b" by this process; this machine has no token for "a".
        model.setPollers({ { QStringLiteral("a"), QStringLiteral("build-01:4242:7f3a") },
                             { QStringLiteral("b"), QStringLiteral("laptop:99:c0de") } },
            QStringLiteral("laptop:99:c0de"), { QStringLiteral("a") });
        QCOMPARE(model.pollerElsewhere(QStringLiteral("a")), QStringLiteral("build-01:4242"));
        QCOMPARE(model.pollerElsewhere(QStringLiteral("b")), QString());
        QVERIFY(model.isReadOnly(QStringLiteral("a")));
        QVERIFY(!model.isReadOnly(QStringLiteral("b")));
        const QModelIndex a = model.indexOfAccount(QStringLiteral("a"), AccountTableModel::LastProbe);
        const QModelIndex b = model.indexOfAccount(QStringLiteral("b"), AccountTableModel::LastProbe);
        m_clock->advanceSeconds(4);
        QCOMPARE(a.data().toString(), QStringLiteral("4 s ago by build-01:4242"));
        QCOMPARE(b.data().toString(), QStringLiteral("4 s ago"));
        // Whole minutes after the first, so the poller's name fits beside them.
        m_clock->advanceSeconds(449);
        QCOMPARE(a.data().toString(), QStringLiteral("7 min ago by build-01:4242"));
        QCOMPARE(b.data().toString(), QStringLiteral("7 min 33 s ago"));
        QVERIFY(a.siblingAtColumn(AccountTableModel::Name)
                    .data(Qt::ToolTipRole)
                    .toString()
                    .contains(QStringLiteral("build-01:4242")));
    }

    void exhaustedQuotaWaitingForItsResetIsNotStale()
    {
        AccountTableModel model;
        model.setStaleAfterSeconds(600);
        model.setAccounts({ makeAccount(QStringLiteral("a"), QStringLiteral("alpha")) });
        const QDateTime now = m_clock->nowUtc();
        // Nothing is sent before the reset in 40 min: the reading of 0 stands until then.
        model.applyProbeResult(result(QStringLiteral("a"), AccountState::Critical,
            { quota(QStringLiteral("core"), 5000, 0, now.addSecs(2400)) }, now));
        const QModelIndex state = model.indexOfAccount(QStringLiteral("a"), AccountTableModel::State);
        m_clock->advanceSeconds(2000);
        QCOMPARE(state.data(AccountTableModel::StateRole).toInt(), int(AccountState::Critical));
        // No reading for the stale limit after the reset: stale after all.
        m_clock->advanceSeconds(400 + 599);
        QCOMPARE(state.data(AccountTableModel::StateRole).toInt(), int(AccountState::Critical));
        m_clock->advanceSeconds(2);
        QCOMPARE(state.data(AccountTableModel::StateRole).toInt(), int(AccountState::Stale));
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

    // A refusal that names no resume time (no Retry-After, no reset) stays a throttle until the
    // next answer, as the attention list and the event log say: never "No data" meanwhile.
    void throttledWithoutResumeTimeStands()
    {
        AccountTableModel model;
        model.setAccounts({makeAccount(QStringLiteral("a"), QStringLiteral("alpha"))});
        ProbeResult r = result(QStringLiteral("a"), AccountState::Throttled, {}, m_clock->nowUtc());
        r.reading.status = 429;
        model.applyProbeResult(r);
        const QModelIndex state = model.indexOfAccount(QStringLiteral("a"), AccountTableModel::State);
        QCOMPARE(state.data(AccountTableModel::StateRole).toInt(), int(AccountState::Throttled));
        m_clock->advanceSeconds(600);
        QCOMPARE(state.data(AccountTableModel::StateRole).toInt(), int(AccountState::Throttled));
        model.applyProbeResult(result(QStringLiteral("a"), AccountState::NoData, {}, m_clock->nowUtc()));
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
        QCOMPARE(AccountState(model.indexOfResource(QStringLiteral("a"), QStringLiteral("core"))
                                  .data(AccountTableModel::StateRole)
                                  .toInt()),
                 AccountState::Warning);
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
        QCOMPARE(proxy.rowCount(proxy.index(0, 0)), 0); // one resource: on the account's own row
        // Changes while filtered.
        model.applyProbeResult(result(QStringLiteral("b"), AccountState::Ok, {quota(QStringLiteral("search"), 10, 1, now)}, now));
        QCOMPARE(proxy.rowCount(proxy.index(0, 0)), 2);
        proxy.setSearchText({});
        QCOMPARE(proxy.rowCount(), 2);
    }


    // A pool is a top-level row with its members under it; members are not top-level rows.
    void poolRowsHoldTheirMembers()
    {
        AccountTableModel model;
        AccountFilterProxyModel proxy;
        proxy.setSourceModel(&model);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester proxyTester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
        proxy.sort(AccountTableModel::State, Qt::DescendingOrder);
        model.setAccounts({makeAccount(QStringLiteral("a"), QStringLiteral("ci-1")),
                           makeAccount(QStringLiteral("b"), QStringLiteral("ci-2")),
                           makeAccount(QStringLiteral("c"), QStringLiteral("solo"))});
        model.setPools({pool(QStringLiteral("ci"), {QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("d")})});
        QCOMPARE(model.rowCount(), 2); // solo and the pool
        const QModelIndex ci = model.indexOfPool(QStringLiteral("ci"));
        QVERIFY(ci.isValid());
        QVERIFY(!ci.parent().isValid());
        QVERIFY(ci.data(AccountTableModel::IsPoolRowRole).toBool());
        QVERIFY(!ci.data(AccountTableModel::IsAccountRowRole).toBool());
        QCOMPARE(ci.data(AccountTableModel::AccountIdRole).toString(), QStringLiteral("pool:ci"));
        QCOMPARE(ci.data(AccountTableModel::PoolNameRole).toString(), QStringLiteral("ci"));
        QCOMPARE(model.accountIdAt(ci), QString()); // account actions never get a pool
        QCOMPARE(model.poolNameAt(ci), QStringLiteral("ci"));
        QCOMPARE(model.rowCount(ci), 2);
        const QModelIndex a = model.indexOfAccount(QStringLiteral("a"));
        QCOMPARE(a.parent(), ci);
        QCOMPARE(a.data(AccountTableModel::PoolNameRole).toString(), QStringLiteral("ci"));
        QVERIFY(!model.indexOfAccount(QStringLiteral("c")).parent().isValid());
        // Before any reading the pool says so, never 0.
        QCOMPARE(ci.siblingAtColumn(AccountTableModel::Remaining).data().toString(), QStringLiteral("—"));
        QVERIFY(ci.data(AccountTableModel::ExplanationRole).toString().contains(QStringLiteral("No reading yet")));

        // Readings of members, a member that joins later, one that leaves.
        const QDateTime now = m_clock->nowUtc();
        model.applyProbeResult(result(QStringLiteral("a"), AccountState::Ok,
                                      {quota(QStringLiteral("core"), 5000, 652, now.addSecs(600)),
                                       quota(QStringLiteral("search"), 30, 30, now.addSecs(60))},
                                      now));
        QCOMPARE(model.rowCount(a), 2);
        model.addAccount(makeAccount(QStringLiteral("d"), QStringLiteral("ci-3")));
        QCOMPARE(model.rowCount(ci), 3);
        QCOMPARE(model.indexOfAccount(QStringLiteral("d")).parent(), ci);
        QCOMPARE(model.accountStates().size(), 4);
        model.removeAccount(QStringLiteral("b"));
        QCOMPARE(model.rowCount(ci), 2);
        QCOMPARE(model.indexOfAccount(QStringLiteral("a")).parent(), ci);
        QCOMPARE(model.rowCount(model.indexOfAccount(QStringLiteral("a"))), 2);
        m_clock->advanceSeconds(1);
        model.tick();
        QCOMPARE(proxy.rowCount(), 2);
        // The search finds members through their pool and the pool through its members.
        proxy.setSearchText(QStringLiteral("ci-3"));
        QCOMPARE(proxy.rowCount(), 1);
        QCOMPARE(proxy.rowCount(proxy.index(0, 0)), 1);
        proxy.setSearchText(QStringLiteral("ci"));
        QCOMPARE(proxy.rowCount(proxy.index(0, 0)), 2);
        proxy.setSearchText({});
    }

    void poolReadingFillsThePoolRow()
    {
        AccountTableModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setAccounts({makeAccount(QStringLiteral("a"), QStringLiteral("ci-1")),
                           makeAccount(QStringLiteral("b"), QStringLiteral("ci-2")),
                           makeAccount(QStringLiteral("c"), QStringLiteral("ci-3"))});
        model.setPools({pool(QStringLiteral("ci"), {QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c")})});
        const QDateTime now = m_clock->nowUtc();
        for (const QString &id : {QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c")})
            model.applyProbeResult(result(id, AccountState::Ok, {quota(QStringLiteral("core"), 5000, 652, now.addSecs(600))}, now));

        PoolReading r;
        r.pool = QStringLiteral("ci");
        r.provider = QStringLiteral("github");
        r.state = AccountState::Ok;
        r.members = {QStringLiteral("ci-1"), QStringLiteral("ci-2"), QStringLiteral("ci-3")};
        PoolQuota q = poolQuota(QStringLiteral("core"), 5000, 652);
        q.windowS = 3600;
        q.memberLimitSum = 15000;
        q.resetFirst = now.addSecs(60);
        q.resetLast = now.addSecs(3600);
        r.quotas = {q};
        r.shared = {r.members};
        SharedBucket bucket;
        bucket.resource = QStringLiteral("core");
        bucket.members = r.members;
        bucket.limit = 5000;
        bucket.windowS = 3600;
        r.sharedBuckets = {bucket};
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        model.applyPoolReading(r);
        QVERIFY(!changed.isEmpty());
        const QModelIndex ci = model.indexOfPool(QStringLiteral("ci"));
        QCOMPARE(ci.siblingAtColumn(AccountTableModel::Remaining).data().toString(), QStringLiteral("652 / 5,000"));
        QCOMPARE(ci.data(AccountTableModel::LimitRole).toLongLong(), 5000);
        QCOMPARE(ci.siblingAtColumn(AccountTableModel::Reset).data().toString(), QStringLiteral("1 min – 1 h 00 min"));
        QCOMPARE(ci.siblingAtColumn(AccountTableModel::Cost).data().toString(), QStringLiteral("3/h"));
        // The finding in words, from the reading itself.
        const QString explanation = ci.data(AccountTableModel::ExplanationRole).toString();
        QVERIFY2(explanation.contains(r.sharingExplanation()), qPrintable(explanation));
        QVERIFY2(explanation.contains(QStringLiteral("this pool holds 5,000/h, not 15,000/h")), qPrintable(explanation));
        QVERIFY(ci.data(Qt::ToolTipRole).toString().contains(QStringLiteral("not 15,000/h")));
        // Members of the shared bucket carry a mark; the pool's trend counts the bucket once.
        const QModelIndex a = model.indexOfAccount(QStringLiteral("a"));
        QVERIFY(a.data(AccountTableModel::SharedBucketRole).toBool());
        QCOMPARE(a.siblingAtColumn(AccountTableModel::Resource).data().toString(), QStringLiteral("core"));
        QVERIFY(a.data(Qt::ToolTipRole).toString().contains(QStringLiteral("Shares one bucket")));
        QCOMPARE(model.poolTrendMembers(QStringLiteral("ci"), QStringLiteral("core")), QStringList{QStringLiteral("a")});

        // A partial sum is shown as a lower bound, an unknown figure as a dash, never as 0.
        PoolQuota partial = poolQuota(QStringLiteral("core"), 10000, std::nullopt);
        partial.knownRemaining = 652;
        partial.bucketsWithoutRemaining = 1;
        partial.buckets = 2;
        r.quotas = {partial};
        r.imbalanced = true;
        r.sharedBuckets.clear();
        r.shared.clear();
        model.applyPoolReading(r);
        QCOMPARE(ci.siblingAtColumn(AccountTableModel::Remaining).data().toString(),
                 QStringLiteral("≥ 652 / 10,000 · 1 bucket(s) unknown")); // "(s)" resolved in the app
        QVERIFY(!ci.data(AccountTableModel::RemainingRole).isValid());
        QVERIFY(!ci.data(AccountTableModel::FractionRole).isValid());
        QVERIFY(!a.data(AccountTableModel::SharedBucketRole).toBool());
        QCOMPARE(model.poolTrendMembers(QStringLiteral("ci"), QStringLiteral("core")).size(), 3);
        // Imbalance: flagged, ranked above a calm pool, in words.
        QVERIFY(ci.data(AccountTableModel::ImbalancedRole).toBool());
        // The pool itself is OK, its members at 13 % are warnings: it ranks with them.
        QCOMPARE(ci.data(AccountTableModel::SeverityRole).toInt(), StateStyle::severity(AccountState::Warning) * 2);
        // A throttled member lifts its pool to the top of a severity sort.
        ProbeResult refused = result(QStringLiteral("b"), AccountState::Throttled, {}, now);
        refused.reading.retryAfterS = 600;
        model.applyProbeResult(refused);
        QCOMPARE(ci.data(AccountTableModel::SeverityRole).toInt(), StateStyle::severity(AccountState::Throttled) * 2);
        QCOMPARE(shownState(model, ci), QStringLiteral("OK · imbalanced"));
        QVERIFY(ci.data(AccountTableModel::ExplanationRole).toString().contains(QStringLiteral("Load balancing looks broken")));
        r.quotas = {poolQuota(QStringLiteral("core"), std::nullopt, std::nullopt)};
        r.quotas[0].bucketsWithoutLimit = 2;
        r.quotas[0].bucketsWithoutRemaining = 2;
        model.applyPoolReading(r);
        QCOMPARE(ci.siblingAtColumn(AccountTableModel::Remaining).data().toString(), QStringLiteral("—"));
        // An unknown pool's reading changes nothing.
        model.applyPoolReading(PoolReading{});
    }

    // Sorted descending by State, the worst comes first; ties go to the smaller share left,
    // then to the name, A to Z.
    void severitySortPutsTheWorstFirst()
    {
        AccountTableModel model;
        AccountFilterProxyModel proxy;
        proxy.setSourceModel(&model);
        const QStringList names = {QStringLiteral("ok-b"), QStringLiteral("warn-20"), QStringLiteral("crit"),
                                   QStringLiteral("throttled"), QStringLiteral("auth"), QStringLiteral("nodata"),
                                   QStringLiteral("warn-10"), QStringLiteral("ok-a")};
        QList<Account> accounts;
        for (const QString &n : names)
            accounts.append(makeAccount(n, n));
        model.setAccounts(accounts);
        const QDateTime now = m_clock->nowUtc();
        const auto feed = [&](const QString &id, AccountState s, qint64 remaining) {
            QList<Quota> quotas;
            if (remaining >= 0)
                quotas.append(quota(QStringLiteral("core"), 100, remaining, now.addSecs(600)));
            ProbeResult r = result(id, s, quotas, now);
            if (s == AccountState::Throttled)
                r.reading.retryAfterS = 60;
            model.applyProbeResult(r);
        };
        feed(QStringLiteral("ok-b"), AccountState::Ok, 90);
        feed(QStringLiteral("ok-a"), AccountState::Ok, 90);
        feed(QStringLiteral("warn-20"), AccountState::Warning, 19);
        feed(QStringLiteral("warn-10"), AccountState::Warning, 10);
        feed(QStringLiteral("crit"), AccountState::Critical, 3);
        feed(QStringLiteral("throttled"), AccountState::Throttled, -1);
        feed(QStringLiteral("auth"), AccountState::AuthFailed, -1);
        feed(QStringLiteral("nodata"), AccountState::NoData, -1);
        proxy.sort(AccountTableModel::State, Qt::DescendingOrder);
        QStringList order;
        for (int i = 0; i < proxy.rowCount(); ++i)
            order << proxy.index(i, AccountTableModel::Name).data().toString();
        QCOMPARE(order, (QStringList{QStringLiteral("throttled"), QStringLiteral("auth"), QStringLiteral("crit"),
                                     QStringLiteral("warn-10"), QStringLiteral("warn-20"), QStringLiteral("nodata"),
                                     QStringLiteral("ok-a"), QStringLiteral("ok-b")}));
        // Warning and Critical read apart: other words, other colours.
        QVERIFY(StateStyle::label(AccountState::Warning) != StateStyle::label(AccountState::Critical));
        for (const QPalette &pal : {QPalette(Qt::white), QPalette(QColor(0x2b, 0x2d, 0x30))}) {
            const QColor w = StateStyle::color(AccountState::Warning, pal);
            const QColor c = StateStyle::color(AccountState::Critical, pal);
            QVERIFY(std::abs(w.hue() - c.hue()) >= 30);
        }
    }

    // A parent row names the resource it shows; a one-resource account has no children.
    void parentRowNamesItsResource()
    {
        AccountTableModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setAccounts({makeAccount(QStringLiteral("a"), QStringLiteral("alpha"))});
        const QDateTime now = m_clock->nowUtc();
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        model.applyProbeResult(result(QStringLiteral("a"), AccountState::Ok,
                                      {quota(QStringLiteral("core"), 5000, 652, now.addSecs(600))}, now));
        const QModelIndex a = model.indexOfAccount(QStringLiteral("a"));
        QCOMPARE(inserted.count(), 0);
        QCOMPARE(model.rowCount(a), 0);
        QVERIFY(!model.hasChildren(a));
        QCOMPARE(a.siblingAtColumn(AccountTableModel::Remaining).data().toString(), QStringLiteral("652 / 5,000"));
        QCOMPARE(model.indexOfResource(QStringLiteral("a"), QStringLiteral("core")), a);
        model.applyProbeResult(result(QStringLiteral("a"), AccountState::Ok,
                                      {quota(QStringLiteral("core"), 5000, 652, now.addSecs(600)),
                                       quota(QStringLiteral("search"), 30, 29, now.addSecs(60))},
                                      now));
        QCOMPARE(model.rowCount(a), 2);
        QCOMPARE(a.siblingAtColumn(AccountTableModel::Remaining).data().toString(), QStringLiteral("core · 652 / 5,000"));
        QCOMPARE(a.siblingAtColumn(AccountTableModel::Resource).data().toString(), QStringLiteral("core · lowest of 2"));
        QCOMPARE(a.data(AccountTableModel::ShownResourceRole).toString(), QStringLiteral("core"));
        const QModelIndex search = model.indexOfResource(QStringLiteral("a"), QStringLiteral("search"),
                                                         AccountTableModel::Remaining);
        QCOMPARE(search.parent(), a);
        QCOMPARE(search.data().toString(), QStringLiteral("29 / 30"));
    }

    // "Resets in" never rests on a bare "reset" or "0 s": once the reset passed, it says when.
    void resetsTextIsNeverBare()
    {
        AccountTableModel model;
        model.setAccounts({makeAccount(QStringLiteral("a"), QStringLiteral("alpha"))});
        const QDateTime now = m_clock->nowUtc();
        const QDateTime reset = now.addSecs(5);
        model.applyProbeResult(result(QStringLiteral("a"), AccountState::Ok, {quota(QStringLiteral("core"), 60, 10, reset)}, now));
        const QModelIndex cell = model.indexOfAccount(QStringLiteral("a"), AccountTableModel::Reset);
        QCOMPARE(cell.data().toString(), QStringLiteral("5 s"));
        const QString expected = QStringLiteral("reset %1, awaiting probe")
                                     .arg(QLocale().toString(reset.toLocalTime().time(), QLocale::ShortFormat));
        int at = 0;
        for (int s : {5, 6, 60, 900}) {
            m_clock->advanceSeconds(s - at);
            at = s;
            QCOMPARE(cell.data().toString(), expected);
        }
        QCOMPARE(AccountTableModel::countdownText(m_clock->nowUtc().addSecs(61)), QStringLiteral("1 min 01 s"));
    }

    void columnsGiveWayInOrder()
    {
        const QList<int> order = AccountTableModel::columnsByPriority();
        QCOMPARE(order.size(), int(AccountTableModel::ColumnCount));
        QCOMPARE(QSet<int>(order.cbegin(), order.cend()).size(), int(AccountTableModel::ColumnCount));
        QCOMPARE(order.mid(0, 3), (QList<int>{AccountTableModel::Name, AccountTableModel::State, AccountTableModel::Remaining}));
        QCOMPARE(order.last(), int(AccountTableModel::Cost));
        AccountTableModel model;
        // "Own cost" stays narrow and explains itself.
        QVERIFY(model.headerData(AccountTableModel::Cost, Qt::Horizontal).toString().size() <= 6);
        QVERIFY(model.headerData(AccountTableModel::Cost, Qt::Horizontal, Qt::ToolTipRole).toString().contains(
            QStringLiteral("Own cost")));
        QVERIFY(!model.headerData(AccountTableModel::Trend, Qt::Horizontal, Qt::ToolTipRole).toString().isEmpty());
    }

private:
    ManualClock *m_clock = nullptr;
};

QTEST_MAIN(TestAccountTableModel)
#include "tst_accounttablemodel.moc"
