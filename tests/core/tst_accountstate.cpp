// The one classification (models/core/accountstate.h): boundaries, the provider's flag,
// precedence of what the exchange said, unknown levels and the JSON ids.

#include "core/accountstate.h"

#include <QTest>

#include <vector>

Q_DECLARE_METATYPE(Exchange)

namespace {
std::optional<qint64> opt(qint64 v)
{
    return v < 0 ? std::nullopt : std::optional<qint64>(v);
}
} // namespace

class TestAccountState : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void quota_data()
    {
        QTest::addColumn<qint64>("remaining"); // -1: unknown
        QTest::addColumn<qint64>("limit");     // -1: unknown
        QTest::addColumn<int>("flag");         // -1 unknown, 0 false, 1 true
        QTest::addColumn<double>("warningPct");
        QTest::addColumn<double>("criticalPct");
        QTest::addColumn<AccountState>("expected");

        const auto ok = AccountState::Ok, warn = AccountState::Warning, crit = AccountState::Critical,
                   none = AccountState::NoData;
        QTest::newRow("plenty") << qint64(80) << qint64(100) << -1 << 20.0 << 5.0 << ok;
        QTest::newRow("exactly warning is ok") << qint64(20) << qint64(100) << -1 << 20.0 << 5.0 << ok;
        QTest::newRow("just below warning") << qint64(1999) << qint64(10000) << -1 << 20.0 << 5.0 << warn;
        QTest::newRow("exactly critical is warning") << qint64(5) << qint64(100) << -1 << 20.0 << 5.0 << warn;
        QTest::newRow("just below critical") << qint64(499) << qint64(10000) << -1 << 20.0 << 5.0 << crit;
        QTest::newRow("empty") << qint64(0) << qint64(100) << -1 << 20.0 << 5.0 << crit;
        QTest::newRow("empty, limit unknown") << qint64(0) << qint64(-1) << -1 << 20.0 << 5.0 << crit;
        QTest::newRow("25 % under 30 % is warning") << qint64(25) << qint64(100) << -1 << 30.0 << 5.0 << warn;
        QTest::newRow("25 % under 20 % is ok") << qint64(25) << qint64(100) << -1 << 20.0 << 5.0 << ok;
        QTest::newRow("exactly 30 % under 30 %") << qint64(30) << qint64(100) << -1 << 30.0 << 5.0 << ok;
        QTest::newRow("critical above warning setting") << qint64(8) << qint64(100) << -1 << 5.0 << 10.0 << crit;
        QTest::newRow("thresholds off") << qint64(1) << qint64(100) << -1 << 0.0 << 0.0 << ok;
        QTest::newRow("near-limit flag, numbers ok") << qint64(900) << qint64(1000) << 1 << 20.0 << 5.0 << warn;
        QTest::newRow("near-limit flag, numbers critical") << qint64(1) << qint64(1000) << 1 << 20.0 << 5.0 << crit;
        QTest::newRow("near-limit flag alone") << qint64(-1) << qint64(1000) << 1 << 20.0 << 5.0 << warn;
        QTest::newRow("flag false alone is ok") << qint64(-1) << qint64(1000) << 0 << 20.0 << 5.0 << ok;
        QTest::newRow("flag false, numbers low") << qint64(10) << qint64(100) << 0 << 20.0 << 5.0 << warn;
        QTest::newRow("remaining unknown") << qint64(-1) << qint64(1000) << -1 << 20.0 << 5.0 << none;
        QTest::newRow("limit unknown") << qint64(10) << qint64(-1) << -1 << 20.0 << 5.0 << none;
        QTest::newRow("limit zero") << qint64(10) << qint64(0) << -1 << 20.0 << 5.0 << none;
        QTest::newRow("nothing known") << qint64(-1) << qint64(-1) << -1 << 20.0 << 5.0 << none;
    }
    void quota()
    {
        QFETCH(qint64, remaining);
        QFETCH(qint64, limit);
        QFETCH(int, flag);
        QFETCH(double, warningPct);
        QFETCH(double, criticalPct);
        QFETCH(AccountState, expected);
        QuotaLevel q{opt(remaining), opt(limit), flag < 0 ? std::nullopt : std::optional<bool>(flag == 1)};
        const Thresholds t{warningPct, criticalPct};
        QCOMPARE(classifyQuota(q, t), expected);
        // A reading of that one quota gives the same state.
        StateFacts f;
        f.quotas = std::span<const QuotaLevel>(&q, 1);
        QCOMPARE(classify(f, t), expected);
    }

    void precedence_data()
    {
        QTest::addColumn<Exchange>("exchange");
        QTest::addColumn<bool>("throttleOver");
        QTest::addColumn<bool>("stale");
        QTest::addColumn<AccountState>("expected");
        QTest::newRow("auth failed beats all") << Exchange::AuthFailed << false << true << AccountState::AuthFailed;
        QTest::newRow("failed is error") << Exchange::Failed << false << true << AccountState::Error;
        QTest::newRow("unlimited") << Exchange::Unlimited << false << true << AccountState::Unlimited;
        QTest::newRow("throttled beats stale") << Exchange::Throttled << false << true << AccountState::Throttled;
        QTest::newRow("throttle over, stale") << Exchange::Throttled << true << true << AccountState::Stale;
        QTest::newRow("throttle over, quotas") << Exchange::Throttled << true << false << AccountState::Warning;
        QTest::newRow("stale beats quotas") << Exchange::Answered << false << true << AccountState::Stale;
        QTest::newRow("answered: worst quota") << Exchange::Answered << false << false << AccountState::Warning;
    }
    void precedence()
    {
        QFETCH(Exchange, exchange);
        QFETCH(bool, throttleOver);
        QFETCH(bool, stale);
        QFETCH(AccountState, expected);
        // One quota fine, one at 10 %, one saying nothing: the worst known one decides.
        const std::vector<QuotaLevel> quotas = {{900, 1000, std::nullopt}, {10, 100, std::nullopt}, {}};
        StateFacts f;
        f.exchange = exchange;
        f.throttleOver = throttleOver;
        f.stale = stale;
        f.quotas = quotas;
        QCOMPARE(classify(f, Thresholds{}), expected);
    }

    void noQuotasIsNoData()
    {
        QCOMPARE(classify(StateFacts{}, Thresholds{}), AccountState::NoData);
    }

    void unknownNeverHidesKnown()
    {
        const std::vector<QuotaLevel> quotas = {{}, {50, 100, std::nullopt}, {std::nullopt, 10, std::nullopt}};
        StateFacts f;
        f.quotas = quotas;
        QCOMPARE(classify(f, Thresholds{}), AccountState::Ok);
    }

    void defaults()
    {
        QCOMPARE(Thresholds{}.warningPct, 20.0);
        QCOMPARE(Thresholds{}.criticalPct, 5.0);
        QVERIFY(isLow(AccountState::Warning));
        QVERIFY(isLow(AccountState::Critical));
        QVERIFY(!isLow(AccountState::Ok));
        QVERIFY(!isLow(AccountState::Throttled));
    }

    void ids()
    {
        const QStringList expected = {QStringLiteral("ok"),         QStringLiteral("warning"), QStringLiteral("critical"), QStringLiteral("throttled"), QStringLiteral("auth_failed"),
                                      QStringLiteral("unlimited"),  QStringLiteral("no_data"), QStringLiteral("stale"),    QStringLiteral("error")};
        QStringList seen;
        for (AccountState s : {AccountState::Ok, AccountState::Warning, AccountState::Critical, AccountState::Throttled,
                               AccountState::AuthFailed, AccountState::Unlimited, AccountState::NoData,
                               AccountState::Stale, AccountState::Error}) {
            seen << accountStateId(s);
            QCOMPARE(accountStateFromId(accountStateId(s)), std::optional(s));
        }
        QCOMPARE(seen, expected);
        QVERIFY(!accountStateFromId(QStringLiteral("near_limit")));
    }
};

QTEST_APPLESS_MAIN(TestAccountState)
#include "tst_accountstate.moc"
