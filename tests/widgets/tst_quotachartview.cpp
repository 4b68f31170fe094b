#include "history/historystore.h"
#include "quotachartview.h"

#include <QLineSeries>
#include <cmath>
#include <QSignalSpy>
#include <QTest>

namespace {

const QString kAccount = QStringLiteral("acc-1");
const QString kResource = QStringLiteral("core");

// `days` of 1-minute samples ending now: an hourly sawtooth with a reset on the hour, and a 429
// sample every six hours.
QList<Sample> sawtooth(const QString &account, int days, const QDateTime &end, int *throttles)
{
    QList<Sample> out;
    const qint64 minutes = qint64(days) * 1440;
    const QDateTime start = end.addSecs(-minutes * 60);
    for (qint64 m = 0; m < minutes; ++m) {
        const QDateTime t = start.addSecs(m * 60);
        const qint64 minuteOfHour = (t.toSecsSinceEpoch() / 60) % 60;
        Sample s;
        s.accountId = account;
        s.resource = kResource;
        s.time = t;
        s.limit = 5000;
        s.remaining = std::max<qint64>(0, 5000 - minuteOfHour * 80);
        s.resetAt = t.addSecs((60 - minuteOfHour) * 60);
        s.status = (m % 360 == 180) ? 429 : 200;
        if (*s.status == 429)
            ++*throttles;
        out.append(s);
    }
    return out;
}

} // namespace

class TestQuotaChartView : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_store.openInMemory());
        m_store.registerAccount(kAccount, QStringLiteral("Alpha"), QStringLiteral("github"));
        m_store.registerAccount(QStringLiteral("acc-2"), QStringLiteral("Beta"), QStringLiteral("gitlab"));
        const QDateTime now = QDateTime::currentDateTimeUtc();
        int throttles = 0;
        QVERIFY(m_store.appendSamples(sawtooth(kAccount, 30, now, &throttles)));
        int ignored = 0;
        QVERIFY(m_store.appendSamples(sawtooth(QStringLiteral("acc-2"), 2, now, &ignored)));
        Event e;
        e.accountId = kAccount;
        e.kind = EventKind::Throttled;
        e.status = 429;
        e.time = now.addSecs(-1800);
        QVERIFY(m_store.appendEvents({e}));
        QVERIFY(throttles > 0);
    }

    void singleAccountIsDecimatedAndMarked_data()
    {
        QTest::addColumn<int>("range");
        QTest::newRow("1 h") << int(QuotaChartView::Range::Hour);
        QTest::newRow("24 h") << int(QuotaChartView::Range::Day);
        QTest::newRow("30 d") << int(QuotaChartView::Range::Month);
    }
    void singleAccountIsDecimatedAndMarked()
    {
        QFETCH(int, range);
        QuotaChartView view(&m_store);
        view.resize(900, 400);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.setRange(QuotaChartView::Range(range));
        view.showAccount(kAccount, kResource, QStringLiteral("Alpha"));
        QSignalSpy applied(&view, &QuotaChartView::seriesApplied);
        QVERIFY(view.isLoading());
        QVERIFY(applied.wait());
        QVERIFY(!view.refreshPending());
        const int px = view.pixelWidth();
        QVERIFY2(px > 300 && px < 900, qPrintable(QString::number(px)));
        QVERIFY(view.plottedPointCount() > 0);
        // Remaining and limit, each at most first/min/max/last per pixel column.
        QVERIFY2(view.plottedPointCount() <= 2 * (4 * px + 4),
                 qPrintable(QStringLiteral("%1 points for %2 px").arg(view.plottedPointCount()).arg(px)));
        QVERIFY(view.resetMarkerCount() >= 1);
        if (QuotaChartView::Range(range) != QuotaChartView::Range::Hour)
            QVERIFY(view.throttleMarkerCount() >= 1);
        const QImage image = view.grab().toImage();
        QVERIFY(!image.isNull());
    }

    void noDataAccountShowsThrottlesAndDocumentedLimit()
    {
        // A user token: no samples at all, only 429s, and the limit the documentation gives.
        const QString id = QStringLiteral("bb-user");
        m_store.registerAccount(id, QStringLiteral("catalog-sync"), QStringLiteral("bitbucket"));
        const QDateTime now = QDateTime::currentDateTimeUtc();
        QList<Event> events;
        for (int i = 1; i <= 6; ++i) {
            Event e;
            e.accountId = id;
            e.kind = EventKind::Throttled;
            e.status = 429;
            e.time = now.addSecs(-i * 300);
            events.append(e);
        }
        QVERIFY(m_store.appendEvents(events));

        QuotaChartView view(&m_store);
        view.resize(900, 400);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.setRange(QuotaChartView::Range::Hour);
        QSignalSpy applied(&view, &QuotaChartView::seriesApplied);
        view.showAccount(id, QStringLiteral("api"), QStringLiteral("catalog-sync"));
        QVERIFY(applied.wait());
        // Without anything numeric the axis shows no made-up numbers.
        QVERIFY(!view.yAxisLabelsVisible());
        QCOMPARE(view.throttleMarkerCount(), 6);
        QVERIFY(!view.limitLineLevel());

        const QString note = QStringLiteral("Bitbucket sends no rate-limit headers to user tokens.");
        view.setAccountContext(note, 1000, true);
        QVERIFY(applied.wait());
        QCOMPARE(view.throttleMarkerCount(), 6);
        QCOMPARE(view.limitLineName(), QStringLiteral("Documented limit"));
        QCOMPARE(view.limitLineLevel(), 1000.0);
        QVERIFY(view.noteShown());
        QCOMPARE(view.note(), note);
        QVERIFY(view.yAxisLabelsVisible());
        QCOMPARE(view.yAxisMin(), 0.0);
        QVERIFY(view.yAxisMax() >= 1000.0);
        const double step = (view.yAxisMax() - view.yAxisMin()) / (view.yAxisTickCount() - 1);
        QVERIFY2(step >= 1.0 && step == std::floor(step), qPrintable(QString::number(step)));

        // Near-limit flags (events) are markers of their own, at the warning line's level.
        Event flag;
        flag.accountId = id;
        flag.kind = EventKind::NearLimit;
        flag.time = now.addSecs(-90);
        QVERIFY(m_store.appendEvents({flag}));
        view.refresh();
        QVERIFY(applied.wait());
        QCOMPARE(view.nearLimitMarkerCount(), 1);

        // A reported limit is labelled as such; another account clears the context.
        view.setAccountContext(note, 8370, false);
        QVERIFY(applied.wait());
        QCOMPARE(view.limitLineName(), QStringLiteral("Limit"));
        view.showAccount(kAccount, kResource, QStringLiteral("Alpha"));
        QCOMPARE(view.note(), QString());
        QVERIFY(applied.wait());
        QVERIFY(!view.noteShown());
    }

    void yAxisTicksAreWholeNumbersFromZero_data()
    {
        QTest::addColumn<qint64>("limit");
        QTest::newRow("3") << qint64(3);
        QTest::newRow("7") << qint64(7);
        QTest::newRow("60") << qint64(60);
        QTest::newRow("1000") << qint64(1000);
        QTest::newRow("8370") << qint64(8370);
    }
    void yAxisTicksAreWholeNumbersFromZero()
    {
        QFETCH(qint64, limit);
        const QString id = QStringLiteral("small-%1").arg(limit);
        m_store.registerAccount(id, id, QStringLiteral("ietf"));
        const QDateTime now = QDateTime::currentDateTimeUtc();
        QList<Sample> samples;
        for (int m = 0; m < 30; ++m) {
            Sample s;
            s.accountId = id;
            s.resource = kResource;
            s.time = now.addSecs(-m * 60);
            s.limit = limit;
            s.remaining = m % (limit + 1);
            samples.append(s);
        }
        QVERIFY(m_store.appendSamples(samples));
        QuotaChartView view(&m_store);
        view.resize(900, 400);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.setRange(QuotaChartView::Range::Hour);
        QSignalSpy applied(&view, &QuotaChartView::seriesApplied);
        view.showAccount(id, kResource, id);
        QVERIFY(applied.wait());
        QCOMPARE(view.yAxisMin(), 0.0);
        QVERIFY(view.yAxisMax() >= double(limit));
        QVERIFY2(view.yAxisMax() <= double(limit) * 2 + 2, qPrintable(QString::number(view.yAxisMax())));
        const int ticks = view.yAxisTickCount();
        QVERIFY(ticks >= 2 && ticks <= 12);
        const double step = view.yAxisMax() / (ticks - 1);
        // Whole, distinct labels: "%.0f" of every tick differs from its neighbour's.
        QVERIFY2(step >= 1.0 && step == std::floor(step),
                 qPrintable(QStringLiteral("max %1, %2 ticks").arg(view.yAxisMax()).arg(ticks)));
    }

    void overviewPlotsEveryAccountInPercent()
    {
        QuotaChartView view(&m_store);
        view.resize(900, 400);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.showOverview({{kAccount, kResource, QStringLiteral("Alpha")},
                           {QStringLiteral("acc-2"), kResource, QStringLiteral("Beta")}});
        QVERIFY(view.isOverview());
        QTRY_VERIFY(!view.refreshPending());
        QVERIFY(view.plottedPointCount() > 0);
        const auto series = view.chart()->series();
        int dataLines = 0;
        for (QAbstractSeries *s : series) {
            auto *line = qobject_cast<QLineSeries *>(s);
            if (!line || line->count() < 3)
                continue;
            ++dataLines;
            for (const QPointF &p : line->points())
                QVERIFY(p.y() >= 0 && p.y() <= 100);
        }
        QCOMPARE(dataLines, 2);
    }

    void zoomPanAndCenter()
    {
        QuotaChartView view(&m_store);
        view.resize(900, 400);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.showAccount(kAccount, kResource, QStringLiteral("Alpha"));
        view.setRange(QuotaChartView::Range::Day);
        const qint64 span = view.from().secsTo(view.to());
        QCOMPARE(span, 86400);
        QSignalSpy window(&view, &QuotaChartView::timeWindowChanged);
        view.setFocus();
        QTest::keyClick(&view, Qt::Key_Plus);
        QCOMPARE(view.range(), QuotaChartView::Range::Custom);
        QVERIFY(view.from().secsTo(view.to()) < span);
        const QDateTime before = view.from();
        QTest::keyClick(&view, Qt::Key_Left);
        QVERIFY(view.from() < before);
        QCOMPARE(window.count(), 2);
        const QDateTime t = QDateTime::currentDateTimeUtc().addDays(-10);
        view.centerOn(t);
        QVERIFY(view.from() < t && t < view.to());
        QTRY_VERIFY(!view.refreshPending());
        QVERIFY(view.plottedPointCount() > 0);
        view.setRange(QuotaChartView::Range::Week);
        QCOMPARE(view.from().secsTo(view.to()), 7 * 86400);
    }

    void newSamplesRefreshDebounced()
    {
        QuotaChartView view(&m_store);
        view.resize(600, 300);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.setRange(QuotaChartView::Range::Hour);
        view.showAccount(QStringLiteral("acc-2"), kResource, QStringLiteral("Beta"));
        QTRY_VERIFY(view.plottedPointCount() > 0);
        const int before = view.refreshCount();
        for (int i = 0; i < 5; ++i) {
            Sample s;
            s.accountId = QStringLiteral("acc-2");
            s.resource = kResource;
            s.time = QDateTime::currentDateTimeUtc();
            s.limit = 5000;
            s.remaining = 10 + i;
            QVERIFY(m_store.appendSamples({s}));
        }
        QTRY_VERIFY(view.refreshCount() > before);
        // A burst of five costs one redraw, not five.
        QVERIFY(view.refreshCount() - before <= 2);
    }

    // Only the newest of several quick requests reaches the chart, and what it draws is the
    // newest window's data: a stale result must never overwrite a newer one.
    void onlyTheNewestRequestIsDrawn()
    {
        QuotaChartView view(&m_store);
        view.resize(900, 400);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.showAccount(kAccount, kResource, QStringLiteral("Alpha"));
        QTRY_VERIFY(!view.refreshPending());
        QSignalSpy applied(&view, &QuotaChartView::seriesApplied);
        view.setRange(QuotaChartView::Range::Month);
        view.setRange(QuotaChartView::Range::Week);
        view.setRange(QuotaChartView::Range::Hour);
        QTRY_VERIFY(!view.refreshPending());
        QCOMPARE(applied.count(), 1);
        const ChartSeries direct
            = m_store.series(kAccount, kResource, view.from(), view.to(), view.pixelWidth());
        const auto lines = view.chart()->series();
        auto *remaining = qobject_cast<QLineSeries *>(lines.first());
        QVERIFY(remaining);
        QCOMPARE(remaining->points(), direct.remaining);
        // Switching to the overview while the account's series is read drops that series.
        view.setRange(QuotaChartView::Range::Month);
        view.showOverview({{QStringLiteral("acc-2"), kResource, QStringLiteral("Beta")}});
        QTRY_VERIFY(!view.refreshPending());
        for (const QPointF &p : qobject_cast<QLineSeries *>(view.chart()->series().first())->points())
            QVERIFY(p.y() >= 0 && p.y() <= 100);
    }

private:
    HistoryStore m_store;
};

QTEST_MAIN(TestQuotaChartView)
#include "tst_quotachartview.moc"
