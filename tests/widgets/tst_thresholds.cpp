// One threshold in the dashboard: after `headroom settings set warning-pct 30` a reading of 25 %
// is Warning in the table (state column, its words and the bar's level) and the chart draws its
// warning line at 30 % of the limit; back at the default 20 % the same reading is OK and the line
// sits at 20 %. The thresholds reach the window as the dashboard passes them: from AlertSettings,
// per account. (probe --json, watch --json and the summary: tests/cli/tst_cli_thresholds.cpp.)

#include "accountfilterproxymodel.h"
#include "accounttablemodel.h"
#include "alerts/alertsettings.h"
#include "clirunner.h"
#include "history/historystore.h"
#include "mainwindow.h"
#include "quotachartview.h"
#include "statestyle.h"

#include <QChart>
#include <QSignalSpy>
#include <QTest>

namespace {
const QString kId = QStringLiteral("acct-t");

Account account()
{
    Account a;
    a.id = kId;
    a.name = QStringLiteral("t");
    a.presetId = QStringLiteral("generic");
    return a;
}
} // namespace

class TestThresholds : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void sameReadingSameState_data()
    {
        QTest::addColumn<QStringList>("setting");
        QTest::addColumn<double>("overridePct"); // per-account warning override; < 0: none
        QTest::addColumn<AccountState>("state");
        QTest::addColumn<double>("line");
        QTest::newRow("warning-pct 30") << QStringList{QStringLiteral("set"), QStringLiteral("warning-pct"), QStringLiteral("30")} << -1.0
                                        << AccountState::Warning << 30.0;
        QTest::newRow("back to 20 (unset)") << QStringList{QStringLiteral("unset"), QStringLiteral("warning-pct")} << -1.0 << AccountState::Ok
                                            << 20.0;
        QTest::newRow("20 globally, 30 for this account") << QStringList{QStringLiteral("set"), QStringLiteral("warning-pct"), QStringLiteral("20")} << 30.0
                                                          << AccountState::Warning << 30.0;
    }
    void sameReadingSameState()
    {
        QFETCH(QStringList, setting);
        QFETCH(double, overridePct);
        QFETCH(AccountState, state);
        QFETCH(double, line);

        // The real command writes the setting into this suite's own XDG_CONFIG_HOME.
        const TestCli::Run set = TestCli::run(QStringLiteral(HEADROOM_BIN), QStringList{QStringLiteral("settings")} + setting,
                                              QProcessEnvironment::systemEnvironment());
        QVERIFY2(set.code == 0, set.err.constData());
        AlertSettings settings = AlertSettings::loadDefault();
        if (overridePct >= 0)
            settings.overrides[kId].warningPct = overridePct;

        HistoryStore store;
        QVERIFY(store.openInMemory());
        QVERIFY(store.registerAccount(kId, QStringLiteral("t"), QStringLiteral("generic")));
        const QDateTime now = QDateTime::currentDateTimeUtc();
        QList<Sample> samples;
        for (int m = 50; m >= 0; m -= 10) {
            Sample s;
            s.accountId = kId;
            s.time = now.addSecs(-60 * m);
            s.limit = 100;
            s.remaining = 25;
            s.status = 200;
            samples.append(s);
        }
        QVERIFY(store.appendSamples(samples));

        MainWindow window(&store);
        window.resize(1200, 700);
        window.setThresholds([&settings](const QString &id) { return settings.thresholdsFor(id); });
        window.setAccounts({account()});
        ProbeResult r;
        r.accountId = kId;
        r.accountName = QStringLiteral("t");
        r.provider = QStringLiteral("generic");
        r.probedAt = now;
        r.reading.status = 200;
        Quota q;
        q.limit = 100;
        q.remaining = 25;
        r.reading.quotas = {q};
        r.state = classifyReading(Exchange::Answered, r.reading, settings.thresholdsFor(kId));
        QCOMPARE(r.state, state);
        window.recordProbe(r);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));

        // The table: the state column (through the proxy the view shows) and the bar's level.
        const QModelIndex row = window.accountModel()->indexOfAccount(kId, AccountTableModel::State);
        QCOMPARE(AccountState(row.data(AccountTableModel::StateRole).toInt()), state);
        QCOMPARE(AccountState(row.data(AccountTableModel::QuotaStateRole).toInt()), state);
        const QModelIndex shown = window.accountProxy()->mapFromSource(row);
        QCOMPARE(shown.data().toString(), StateStyle::label(state));
        QCOMPARE(shown.data(Qt::ForegroundRole).isValid(), state != AccountState::Ok);

        // The chart of this account: the warning line at the threshold's share of the limit.
        QuotaChartView *chart = window.chartView();
        QSignalSpy applied(chart, &QuotaChartView::seriesApplied);
        chart->showAccount(kId, QString(), QStringLiteral("t"));
        QTRY_VERIFY(!chart->refreshPending());
        QTRY_VERIFY(chart->warningLineLevel().has_value());
        QCOMPARE(*chart->warningLineLevel(), line);
        QCOMPARE(*chart->criticalLineLevel(), 5.0);
        bool named = false;
        for (QAbstractSeries *s : chart->chart()->series())
            named = named || s->name() == StateStyle::tr("Warning") + QStringLiteral(" (%1 %)").arg(line);
        QVERIFY(named);
    }
};

QTEST_MAIN(TestThresholds)
#include "tst_thresholds.moc"
