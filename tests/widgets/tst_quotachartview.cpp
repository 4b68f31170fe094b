#include "history/historystore.h"
#include "quotachartview.h"

#include <QLineSeries>
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
