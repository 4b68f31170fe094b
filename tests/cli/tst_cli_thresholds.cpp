// One threshold everywhere, through the real binary: `headroom settings set warning-pct 30`
// makes a reading of 25 % a warning in `probe --json`, `watch --json` and the summary's
// minutes_below_warning; back at 20 % (unset) the same reading is ok and counts no minute. The table
// and the chart's line are checked with the same settings in tests/widgets/tst_thresholds.cpp.

#include "clirunner.h"
#include "sim/simulatedapi.h"

#include <QtTest>

using TestCli::Run;

class TestCliThresholds : public QObject
{
    Q_OBJECT

    static Run cli(const QTemporaryDir &home, const QStringList &args)
    {
        return TestCli::run(QStringLiteral(HEADROOM_BIN), args, TestCli::isolatedEnvironment(home), {}, 60000);
    }

    // The summary's minutes_below_warning over every row of `account`.
    static qint64 minutesBelowWarning(const QByteArray &csv, const QString &account)
    {
        const QList<QByteArray> lines = csv.split('\n');
        const QList<QByteArray> header = lines.value(0).trimmed().split(',');
        const qsizetype col = header.indexOf("minutes_below_warning");
        const qsizetype acct = header.indexOf("account");
        if (col < 0 || acct < 0)
            return -1;
        qint64 sum = 0;
        for (qsizetype i = 1; i < lines.size(); ++i) {
            const QList<QByteArray> cells = lines.at(i).trimmed().split(',');
            if (cells.size() > col && QString::fromUtf8(cells.at(acct)) == account)
                sum += cells.at(col).toLongLong();
        }
        return sum;
    }

private Q_SLOTS:
    void sameReadingEverywhere_data()
    {
        QTest::addColumn<QStringList>("setting");
        QTest::addColumn<QString>("state");
        QTest::addColumn<bool>("countsBelow");
        QTest::newRow("warning-pct 30") << QStringList{QStringLiteral("set"), QStringLiteral("warning-pct"), QStringLiteral("30")} << QStringLiteral("warning") << true;
        QTest::newRow("back to 20 (unset)") << QStringList{QStringLiteral("unset"), QStringLiteral("warning-pct")} << QStringLiteral("ok") << false;
    }
    void sameReadingEverywhere()
    {
        QFETCH(QStringList, setting);
        QFETCH(QString, state);
        QFETCH(bool, countsBelow);

        QTemporaryDir home;
        QVERIFY(home.isValid());
        // 25 of 100 left, and a probe that costs nothing, so every probe reads the same 25 %.
        SimulatedApi sim;
        SimulatedApi::Endpoint e;
        e.prefix = QStringLiteral("/t");
        e.dialect = SimulatedApi::Dialect::Generic;
        e.limit = 100;
        e.probeCost = 0;
        sim.addEndpoint(e);
        QVERIFY(sim.listen());
        sim.consume(QStringLiteral("/t"), 75);

        Run r = cli(home, {QStringLiteral("settings"), QStringLiteral("set"), QStringLiteral("warning-pct"), QStringLiteral("30")});
        QVERIFY2(r.code == 0, r.err.constData());
        r = cli(home, QStringList{QStringLiteral("settings")} + setting);
        QVERIFY2(r.code == 0, r.err.constData());
        r = cli(home, {QStringLiteral("account"), QStringLiteral("add"), QStringLiteral("t"), QStringLiteral("--provider"), QStringLiteral("generic"), QStringLiteral("--auth"), QStringLiteral("none"),
                       QStringLiteral("--base-url"), sim.baseUrl() + QStringLiteral("/t"), QStringLiteral("--probe-path"), QStringLiteral("/v"), QStringLiteral("--interval"),
                       QStringLiteral("10")});
        QVERIFY2(r.code == 0, r.err.constData());

        r = cli(home, {QStringLiteral("probe"), QStringLiteral("--json")});
        QVERIFY2(r.code == 0, r.err.constData());
        const QJsonObject line = QJsonDocument::fromJson(r.out.split('\n').value(0)).object();
        QCOMPARE(line.value(QStringLiteral("state")).toString(), state);
        const QJsonObject quota = line.value(QStringLiteral("quotas")).toArray().at(0).toObject();
        QCOMPARE(quota.value(QStringLiteral("remaining")).toInteger(), 25);
        QCOMPARE(quota.value(QStringLiteral("limit")).toInteger(), 100);

        // Time below warning runs from one reading to the next within a run, so watch takes a
        // few readings 10 s apart: about 40 s below warning, which the summary rounds to 1 min.
        r = cli(home, {QStringLiteral("watch"), QStringLiteral("--json"), QStringLiteral("--duration"), QStringLiteral("42")});
        QVERIFY2(r.code == 0, r.err.constData());
        const QList<QByteArray> lines = r.out.trimmed().split('\n');
        QVERIFY2(lines.size() >= 4, r.out.constData());
        for (const QByteArray &l : lines)
            QCOMPARE(QJsonDocument::fromJson(l).object().value(QStringLiteral("state")).toString(), state);

        r = cli(home, {QStringLiteral("export"), QStringLiteral("--kind"), QStringLiteral("summary"), QStringLiteral("--out"), QStringLiteral("-")});
        QVERIFY2(r.code == 0, r.err.constData());
        const qint64 minutes = minutesBelowWarning(r.out, QStringLiteral("t"));
        if (countsBelow)
            QVERIFY2(minutes >= 1, r.out.constData());
        else
            QVERIFY2(minutes == 0, r.out.constData());
    }
};

QTEST_GUILESS_MAIN(TestCliThresholds)
#include "tst_cli_thresholds.moc"
