#include "chartscales.h"
#include "history/historystore.h"
#include "quotachartview.h"
#include "theme.h"

#include <QChart>
#include <QLineSeries>
#include <QLocale>
#include <QSignalSpy>
#include <QTest>

#include <cmath>

namespace {

const QString kAccount = QStringLiteral("acc-1");
const QString kResource = QStringLiteral("core");

// `days` of 1-minute samples ending now: an hourly sawtooth whose resets fall half an hour off
// `end` (so the last hour always holds one, whatever minute the test runs at), and a 429 sample
// every six hours.
QList<Sample> sawtooth(const QString &account, int days, const QDateTime &end, int *throttles)
{
    QList<Sample> out;
    const qint64 minutes = qint64(days) * 1440;
    const QDateTime start = end.addSecs(-minutes * 60);
    for (qint64 m = 0; m < minutes; ++m) {
        const QDateTime t = start.addSecs(m * 60);
        const qint64 minuteOfHour = (m + 30) % 60;
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
        QCOMPARE(view.yAxisTickValues().last(), 1000.0);
        QVERIFY(view.yAxisMax() <= 1050.0);
        QVERIFY(view.emptyStateText().contains(QStringLiteral("no rate-limit headers")));
        QVERIFY(view.emptyStateText().contains(note));

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

    void nearLimitMarkersAreTheProvidersFlags()
    {
        // Entering Warning by the thresholds is an event too, but the remaining line already
        // shows that crossing: only the provider's flag (which names its resources) is marked.
        const QString id = QStringLiteral("flags");
        m_store.registerAccount(id, id, QStringLiteral("github"));
        const QDateTime now = QDateTime::currentDateTimeUtc();
        QList<Sample> samples;
        for (int i = 0; i < 10; ++i) {
            Sample s;
            s.accountId = id;
            s.resource = kResource;
            s.time = now.addSecs(-60 * (10 - i));
            s.limit = 5000;
            s.remaining = 1500 - 100 * i;
            samples.append(s);
        }
        QVERIFY(m_store.appendSamples(samples));
        Event crossing;
        crossing.accountId = id;
        crossing.kind = EventKind::NearLimit;
        crossing.time = now.addSecs(-600);
        Event flag = crossing;
        flag.time = now.addSecs(-300);
        flag.detail = kResource;
        QVERIFY(m_store.appendEvents({ crossing, flag }));
        QuotaChartView view(&m_store);
        view.resize(900, 400);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.setRange(QuotaChartView::Range::Hour);
        QSignalSpy applied(&view, &QuotaChartView::seriesApplied);
        view.showAccount(id, kResource, id);
        QVERIFY(applied.wait());
        QVERIFY(view.plottedPointCount() > 0);
        QCOMPARE(view.nearLimitMarkerCount(), 1);
    }

    void yAxisTicksAreWholeNumbersFromZero_data()
    {
        QTest::addColumn<qint64>("limit");
        QTest::newRow("3") << qint64(3);
        QTest::newRow("7") << qint64(7);
        QTest::newRow("60") << qint64(60);
        QTest::newRow("1000") << qint64(1000);
        QTest::newRow("2000") << qint64(2000);
        QTest::newRow("5000") << qint64(5000);
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
        // From 0 to the limit: the top tick is a full quota, and nothing beyond a sliver above it.
        QCOMPARE(view.yAxisMin(), 0.0);
        QVERIFY2(view.yAxisMax() >= double(limit) && view.yAxisMax() <= double(limit) * 1.05,
                 qPrintable(QString::number(view.yAxisMax())));
        const QList<double> ticks = view.yAxisTickValues();
        QVERIFY(ticks.size() >= 2 && ticks.size() <= 12);
        QCOMPARE(ticks.first(), 0.0);
        QCOMPARE(ticks.last(), double(limit));
        // Whole, increasing, distinct: no two labels read the same.
        for (qsizetype i = 0; i < ticks.size(); ++i) {
            QCOMPARE(ticks.at(i), std::floor(ticks.at(i)));
            if (i > 0)
                QVERIFY2(ticks.at(i) > ticks.at(i - 1), qPrintable(QString::number(ticks.at(i))));
        }
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
        // Switching to another account while the first one's series is read drops that series.
        view.setRange(QuotaChartView::Range::Month);
        view.showAccount(QStringLiteral("acc-2"), kResource, QStringLiteral("Beta"));
        QTRY_VERIFY(!view.refreshPending());
        const ChartSeries beta = m_store.series(QStringLiteral("acc-2"), kResource, view.from(), view.to(),
                                                view.pixelWidth());
        QCOMPARE(qobject_cast<QLineSeries *>(view.chart()->series().first())->points(), beta.remaining);
    }

    // Ticks on round local times whatever the window: presets, odd windows, after zoom and pan.
    void xTicksOnRoundTimes_data()
    {
        QTest::addColumn<qint64>("spanS");
        QTest::addColumn<qint64>("offsetS"); // the window ends this long before a round hour
        QTest::addColumn<int>("width");
        QTest::newRow("1 h") << qint64(3600) << qint64(0) << 900;
        QTest::newRow("1 h narrow") << qint64(3600) << qint64(0) << 500;
        QTest::newRow("2 h at :32") << qint64(7140) << qint64(28 * 60 + 17) << 900;
        QTest::newRow("6 h") << qint64(6 * 3600) << qint64(1234) << 900;
        QTest::newRow("24 h") << qint64(86400) << qint64(977) << 900;
        QTest::newRow("24 h wide") << qint64(86400) << qint64(977) << 1500;
        QTest::newRow("7 d") << qint64(7 * 86400) << qint64(3333) << 900;
        QTest::newRow("30 d") << qint64(30 * 86400) << qint64(5555) << 900;
        QTest::newRow("90 s") << qint64(90) << qint64(7) << 900;
    }
    void xTicksOnRoundTimes()
    {
        QFETCH(qint64, spanS);
        QFETCH(qint64, offsetS);
        QFETCH(int, width);
        QuotaChartView view(&m_store);
        view.resize(width, 400);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QSignalSpy applied(&view, &QuotaChartView::seriesApplied);
        view.showAccount(kAccount, kResource, QStringLiteral("Alpha"));
        QVERIFY(applied.wait());
        const QDateTime hour = QDateTime::fromSecsSinceEpoch(QDateTime::currentSecsSinceEpoch() / 3600 * 3600, Qt::UTC);
        const QDateTime to = hour.addSecs(-offsetS);
        view.setTimeWindow(to.addSecs(-spanS), to);
        QVERIFY(applied.wait());
        checkRoundTicks(view);
        // Zoomed and panned, the ticks move to other round times, never to the window's edges.
        view.setFocus();
        QTest::keyClick(&view, Qt::Key_Plus);
        QVERIFY(applied.wait());
        checkRoundTicks(view);
        QTest::keyClick(&view, Qt::Key_Left);
        QVERIFY(applied.wait());
        checkRoundTicks(view);
    }

    void datesOnTheAxisWhenTheRangeCrossesADay()
    {
        QuotaChartView view(&m_store);
        view.resize(900, 400);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QSignalSpy applied(&view, &QuotaChartView::seriesApplied);
        view.showAccount(kAccount, kResource, QStringLiteral("Alpha"));
        QVERIFY(applied.wait());
        const QDate today = QDate::currentDate();
        const QDate yesterday = today.addDays(-1);
        view.setTimeWindow(QDateTime(yesterday, QTime(20, 0)).toUTC(), QDateTime(today, QTime(4, 0)).toUTC());
        QVERIFY(applied.wait());
        const QString date = QLocale().toString(today, QStringLiteral("ddd d MMM"));
        QVERIFY2(view.xAxisTickLabels().contains(date), qPrintable(view.xAxisTickLabels().join(u'|')));
        // Within one day the labels are times only.
        view.setTimeWindow(QDateTime(yesterday, QTime(8, 0)).toUTC(), QDateTime(yesterday, QTime(12, 0)).toUTC());
        QVERIFY(applied.wait());
        const QStringList labels = view.xAxisTickLabels();
        QVERIFY(labels.size() >= 3);
        for (const QString &l : labels)
            QVERIFY2(QTime::fromString(l, QStringLiteral("HH:mm")).isValid(), qPrintable(l));
        // Long ranges are labelled by date.
        view.setRange(QuotaChartView::Range::Month);
        QVERIFY(applied.wait());
        for (double t : view.xAxisTickValues())
            QCOMPARE(QDateTime::fromMSecsSinceEpoch(qint64(t)).time(), QTime(0, 0));
    }

    void resetMarkersMergeWhenDense()
    {
        // A token bucket whose reset moves with every probe (every 10 s), beside one that resets
        // on the hour.
        const QString dense = QStringLiteral("dense-resets");
        const QString hourly = QStringLiteral("hourly-resets");
        m_store.registerAccount(dense, dense, QStringLiteral("ietf"));
        m_store.registerAccount(hourly, hourly, QStringLiteral("github"));
        const QDateTime now = QDateTime::currentDateTimeUtc();
        QList<Sample> samples;
        for (int i = 0; i < 6 * 360; ++i) {
            Sample s;
            s.accountId = dense;
            s.resource = kResource;
            s.time = now.addSecs(-6 * 3600 + i * 10);
            s.limit = 1000;
            s.remaining = 500 + (i % 50);
            s.resetAt = s.time.addSecs(20);
            samples.append(s);
            Sample h = s;
            h.accountId = hourly;
            const qint64 secs = h.time.toSecsSinceEpoch();
            h.resetAt = QDateTime::fromSecsSinceEpoch(secs - secs % 3600 + 3600, Qt::UTC);
            samples.append(h);
        }
        QVERIFY(m_store.appendSamples(samples));

        QuotaChartView view(&m_store);
        view.resize(900, 400);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.setRange(QuotaChartView::Range::Hour);
        QSignalSpy applied(&view, &QuotaChartView::seriesApplied);
        view.showAccount(dense, kResource, dense);
        QVERIFY(applied.wait());
        QVERIFY2(view.resetInstantCount() >= 300, qPrintable(QString::number(view.resetInstantCount())));
        // 360 resets 2.4 px apart are one band, not 360 grey lines.
        QVERIFY2(view.resetMarkerCount() <= 2, qPrintable(QString::number(view.resetMarkerCount())));
        QVERIFY(view.resetMarkerCount() >= 1);

        view.setRange(QuotaChartView::Range::SixHours);
        view.showAccount(hourly, kResource, hourly);
        QVERIFY(applied.wait());
        // Hourly resets are far apart: each is its own marker.
        QVERIFY(view.resetInstantCount() >= 5);
        QCOMPARE(view.resetMarkerCount(), view.resetInstantCount());

        const QList<ChartScales::Band> bands = ChartScales::mergeMarkers({10, 12, 14, 15, 60, 61, 200}, 6);
        QCOMPARE(bands.size(), 3);
        QCOMPARE(bands.at(0).from, 10.0);
        QCOMPARE(bands.at(0).to, 15.0);
        QCOMPARE(bands.at(0).count, 4);
        QCOMPARE(bands.at(2).count, 1);
    }

    void legendOnlyForWhatIsDrawn()
    {
        QuotaChartView view(&m_store);
        view.resize(900, 400);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.setRange(QuotaChartView::Range::Day);
        QSignalSpy applied(&view, &QuotaChartView::seriesApplied);
        view.showAccount(kAccount, kResource, QStringLiteral("Alpha"));
        QVERIFY(applied.wait());
        QStringList legend = view.legendEntries();
        QVERIFY2(legend.contains(QStringLiteral("Remaining")), qPrintable(legend.join(u'|')));
        QVERIFY(legend.contains(QStringLiteral("Limit")));
        QVERIFY(legend.contains(QStringLiteral("429 / throttled")));
        QVERIFY(legend.contains(QStringLiteral("Reset")));
        // No near-limit flag in this account's history: no entry for it.
        QVERIFY(!legend.contains(QStringLiteral("Near limit (flag)")));

        // An account with nothing stored: no lines, so no legend entries at all.
        const QString empty = QStringLiteral("legend-empty");
        m_store.registerAccount(empty, empty, QStringLiteral("github"));
        view.showAccount(empty, kResource, empty);
        QVERIFY(applied.wait());
        QVERIFY2(view.legendEntries().isEmpty(), qPrintable(view.legendEntries().join(u'|')));
        QVERIFY(!view.chart()->legend()->isVisible());
    }

    void emptyStatesExplainThemselves_data()
    {
        QTest::addColumn<int>("state");
        QTest::addColumn<QString>("note");
        QTest::addColumn<qint64>("documentedLimit");
        QTest::addColumn<bool>("canEdit");
        QTest::addColumn<QString>("expected");
        QTest::addColumn<QString>("absent");
        QTest::newRow("unlimited") << int(AccountState::Unlimited) << QString() << qint64(0) << true
                                   << QStringLiteral("No limit: this account reports no quota") << QString();
        QTest::newRow("auth failed") << int(AccountState::AuthFailed) << QString() << qint64(0) << true
                                     << QStringLiteral("The token was refused (HTTP 401): edit the account and enter a new token")
                                     << QString();
        QTest::newRow("auth failed, demo") << int(AccountState::AuthFailed) << QString() << qint64(0) << false
                                           << QStringLiteral("HTTP 401") << QStringLiteral("edit the account");
        QTest::newRow("no headers") << int(AccountState::NoData) << QStringLiteral("A user token gets no headers.")
                                    << qint64(1000) << true
                                    << QStringLiteral("The provider sends no rate-limit headers: Headroom shows the documented limit and counts 429s")
                                    << QString();
        QTest::newRow("no data yet") << int(AccountState::NoData) << QString() << qint64(0) << true
                                     << QStringLiteral("No readings in this time range yet") << QString();
        QTest::newRow("probe failed") << int(AccountState::Error) << QString() << qint64(0) << true
                                      << QStringLiteral("The last probe failed") << QString();
    }
    void emptyStatesExplainThemselves()
    {
        QFETCH(int, state);
        QFETCH(QString, note);
        QFETCH(qint64, documentedLimit);
        QFETCH(bool, canEdit);
        QFETCH(QString, expected);
        QFETCH(QString, absent);
        const QString id = QStringLiteral("empty-%1").arg(QString::fromLatin1(QTest::currentDataTag()));
        m_store.registerAccount(id, QStringLiteral("legacy-deploy"), QStringLiteral("github"));
        QuotaChartView view(&m_store);
        view.resize(900, 400);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QSignalSpy applied(&view, &QuotaChartView::seriesApplied);
        view.showAccount(id, QString(), QStringLiteral("legacy-deploy"));
        QVERIFY(applied.wait());
        // No "legacy-deploy —" with nothing after the dash.
        QCOMPARE(view.title(), QStringLiteral("legacy-deploy"));
        QCOMPARE(view.chart()->title(), QStringLiteral("legacy-deploy"));
        view.setAccountContext(note, documentedLimit > 0 ? std::optional<qint64>(documentedLimit) : std::nullopt, true);
        const QString detail = AccountState(state) == AccountState::Error ? QStringLiteral("Connection refused") : QString();
        view.setAccountStatus(AccountState(state), detail, canEdit);
        if (documentedLimit > 0 || !note.isEmpty())
            QVERIFY(applied.wait());
        const QString text = view.emptyStateText();
        QVERIFY2(text.contains(expected), qPrintable(text));
        if (!absent.isEmpty())
            QVERIFY2(!text.contains(absent), qPrintable(text));
        if (!detail.isEmpty())
            QVERIFY(text.contains(detail));
        if (!note.isEmpty())
            QVERIFY(text.contains(note));
        QVERIFY(!view.grab().isNull());
        // Another account forgets the state.
        view.showAccount(kAccount, kResource, QStringLiteral("Alpha"));
        QVERIFY(!view.accountStatus());
    }

    void hoverReadoutAtTheMouse()
    {
        QuotaChartView view(&m_store);
        view.resize(900, 400);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.setRange(QuotaChartView::Range::Day);
        QSignalSpy applied(&view, &QuotaChartView::seriesApplied);
        view.showAccount(kAccount, kResource, QStringLiteral("Alpha"));
        QVERIFY(applied.wait());
        QVERIFY(view.hoverReadout().isEmpty());
        const QRectF plot = view.chart()->plotArea();
        const QPoint inside = view.mapFromScene(view.chart()->mapToScene(plot.center()));
        QTest::mouseMove(view.viewport(), inside);
        QTRY_VERIFY(!view.hoverReadout().isEmpty());
        const QString text = view.hoverReadout();
        const QString limit = QLocale().toString(qint64(5000));
        QVERIFY2(text.contains(QStringLiteral(" / %1 left (").arg(limit)), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("State: ")), qPrintable(text));
        // The time first, as the axis would show it.
        QVERIFY2(text.section(u'\n', 0, 0).contains(u':'), qPrintable(text));

        // At a 429, the readout says so.
        const QList<Event> events = m_store.events(view.from(), view.to(), {kAccount}, 100);
        qint64 throttleAt = -1;
        for (const Event &e : events) {
            if (e.kind == EventKind::Throttled)
                throttleAt = e.time.toMSecsSinceEpoch();
        }
        QVERIFY(throttleAt > 0);
        const QString atThrottle = view.readoutAt(double(throttleAt));
        QVERIFY2(atThrottle.contains(QStringLiteral("Throttled (HTTP 429)")), qPrintable(atThrottle));

        // Outside the plot, no readout.
        QTest::mouseMove(view.viewport(), QPoint(2, 2));
        QTRY_VERIFY(view.hoverReadout().isEmpty());
    }

    void spansWithoutReadingsAreNotBridged()
    {
        // Two stretches of minute samples three hours apart: the chart leaves the hole blank
        // instead of drawing a slope across it, and draws no seam within a stretch.
        const QString id = QStringLiteral("gappy");
        m_store.registerAccount(id, id, QStringLiteral("github"));
        const QDateTime now = QDateTime::currentDateTimeUtc();
        QList<Sample> samples;
        for (int m = 0; m < 6 * 60; ++m) {
            if (m >= 120 && m < 300)
                continue;
            Sample s;
            s.accountId = id;
            s.resource = kResource;
            s.time = now.addSecs(-6 * 3600 + m * 60);
            s.limit = 5000;
            s.remaining = m < 120 ? 4000 : 1000;
            samples.append(s);
        }
        QVERIFY(m_store.appendSamples(samples));
        QuotaChartView view(&m_store);
        view.resize(900, 400);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.setRange(QuotaChartView::Range::SixHours);
        QSignalSpy applied(&view, &QuotaChartView::seriesApplied);
        view.showAccount(id, kResource, id);
        QVERIFY(applied.wait());
        QCOMPARE(view.remainingSegmentCount(), 2);
        // One legend entry for the line, however many stretches it has.
        QCOMPARE(view.legendEntries().count(QStringLiteral("Remaining")), 1);
        // The readout still finds the values on both sides.
        QVERIFY(view.readoutAt(double(now.addSecs(-5 * 3600).toMSecsSinceEpoch())).contains(QLocale().toString(4000)));
        QVERIFY(view.readoutAt(double(now.addSecs(-30 * 60).toMSecsSinceEpoch())).contains(QLocale().toString(1000)));
        // A steady stream is one line.
        view.showAccount(kAccount, kResource, QStringLiteral("Alpha"));
        QVERIFY(applied.wait());
        QCOMPARE(view.remainingSegmentCount(), 1);

        const QList<QList<QPointF>> parts
            = ChartScales::splitAtGaps({{0, 1}, {10, 1}, {20, 1}, {30, 1}, {500, 1}, {510, 1}}, 50);
        QCOMPARE(parts.size(), 2);
        QCOMPARE(parts.at(1).size(), 2);
    }

    void scalesAreRound()
    {
        const QList<ChartScales::Tick> percent = ChartScales::countTicks(100, 6);
        QCOMPARE(percent.size(), 6);
        QCOMPARE(percent.last().value, 100.0);
        const QList<ChartScales::Tick> odd = ChartScales::countTicks(8370, 6);
        QCOMPARE(odd.last().value, 8370.0);
        // 8,000 would sit on top of 8,370; it gives way.
        QVERIFY(odd.at(odd.size() - 2).value <= 8370.0 - 0.4 * 2000.0);
        QCOMPARE(ChartScales::roundUp(5100), 6000.0);
        QCOMPARE(ChartScales::roundUp(3), 3.0);
    }

    // Renders the chart in the states a reader meets, light and dark, wide and narrow, to PNGs in
    // $HEADROOM_CHART_SHOTS: for looking at, not for asserting.
    void renderScreenshots()
    {
        const QString dir = qEnvironmentVariable("HEADROOM_CHART_SHOTS");
        if (dir.isEmpty())
            QSKIP("set HEADROOM_CHART_SHOTS to a directory to render the chart's pictures");
        const QDateTime now = QDateTime::currentDateTimeUtc();
        const QString deploy = QStringLiteral("shots-deploy");
        m_store.registerAccount(deploy, QStringLiteral("legacy-deploy"), QStringLiteral("github"));
        const QString edge = QStringLiteral("shots-edge");
        m_store.registerAccount(edge, QStringLiteral("edge-dns"), QStringLiteral("cloudflare"));
        QList<Sample> samples;
        for (int i = 0; i < 24 * 120; ++i) {
            Sample s;
            s.accountId = edge;
            s.resource = QStringLiteral("default");
            s.time = now.addSecs(-86400 + i * 30);
            s.limit = 2000;
            const double phase = double(s.time.toSecsSinceEpoch() % 3600) / 3600.0;
            s.remaining = qint64(2000 * std::clamp(0.95 - phase * 1.1 + 0.05 * std::sin(i / 17.0), 0.0, 1.0));
            s.resetAt = s.time.addSecs(40);
            samples.append(s);
            if (i < 22 * 120) {
                Sample d = s;
                d.accountId = deploy;
                d.resource = QStringLiteral("core");
                d.limit = 5000;
                d.remaining = 5000 - (i % 120) * 30;
                const qint64 secs = d.time.toSecsSinceEpoch();
                d.resetAt = QDateTime::fromSecsSinceEpoch(secs - secs % 3600 + 3600, Qt::UTC);
                samples.append(d);
            }
        }
        QVERIFY(m_store.appendSamples(samples));
        QList<Event> throttles;
        for (int h = 1; h < 24; h += 3) {
            Event e;
            e.accountId = edge;
            e.kind = EventKind::Throttled;
            e.status = 429;
            e.time = now.addSecs(-h * 3600 - 600);
            throttles.append(e);
        }
        QVERIFY(m_store.appendEvents(throttles));

        struct Shot
        {
            QString name;
            QString id;
            QString resource;
            QString title;
            QuotaChartView::Range range;
            std::optional<AccountState> state;
            QString note;
            std::optional<qint64> limit;
            bool hover;
        };
        const QList<Shot> shots = {
            {QStringLiteral("edge-24h"), edge, QStringLiteral("default"), QStringLiteral("edge-dns"),
             QuotaChartView::Range::Day, AccountState::Critical, {}, {}, true},
            {QStringLiteral("edge-1h"), edge, QStringLiteral("default"), QStringLiteral("edge-dns"),
             QuotaChartView::Range::Hour, AccountState::Critical, {}, {}, true},
            {QStringLiteral("alpha-7d"), kAccount, kResource, QStringLiteral("Alpha"), QuotaChartView::Range::Week,
             AccountState::Ok, {}, {}, false},
            {QStringLiteral("alpha-30d"), kAccount, kResource, QStringLiteral("Alpha"), QuotaChartView::Range::Month,
             AccountState::Ok, {}, {}, false},
            {QStringLiteral("deploy-401"), deploy, QStringLiteral("core"), QStringLiteral("legacy-deploy"),
             QuotaChartView::Range::Day, AccountState::AuthFailed, {}, {}, false},
            {QStringLiteral("unlimited"), QStringLiteral("shots-none"), QString(), QStringLiteral("ghes"),
             QuotaChartView::Range::Day, AccountState::Unlimited, {}, {}, false},
            {QStringLiteral("noheaders"), QStringLiteral("bb-user"), QStringLiteral("api"), QStringLiteral("catalog-sync"),
             QuotaChartView::Range::Hour, AccountState::NoData,
             QStringLiteral("Bitbucket sends no rate-limit headers to user tokens."), qint64(1000), false},
            {QStringLiteral("nodata"), QStringLiteral("shots-none"), QString(), QStringLiteral("new-account"),
             QuotaChartView::Range::Day, AccountState::NoData, {}, {}, false},
        };
        for (const bool dark : {false, true}) {
            Theme::apply(dark ? Theme::Mode::Dark : Theme::Mode::Light);
            for (const QSize size : {QSize(1500, 460), QSize(860, 300)}) {
                for (const Shot &shot : shots) {
                    QuotaChartView view(&m_store);
                    view.resize(size);
                    view.show();
                    QVERIFY(QTest::qWaitForWindowExposed(&view));
                    view.setRange(shot.range);
                    view.showAccount(shot.id, shot.resource, shot.title);
                    view.setAccountContext(shot.note, shot.limit, shot.limit.has_value());
                    if (shot.state)
                        view.setAccountStatus(*shot.state, {}, true);
                    QTRY_VERIFY(!view.refreshPending());
                    QTest::qWait(50);
                    if (shot.hover) {
                        const QRectF plot = view.chart()->plotArea();
                        const QPoint at = view.mapFromScene(view.chart()->mapToScene(
                            QPointF(plot.left() + plot.width() * 0.62, plot.top() + plot.height() * 0.4)));
                        // A move to where the mouse already is would be dropped.
                        QTest::mouseMove(view.viewport(), QPoint(1, 1));
                        QTest::mouseMove(view.viewport(), at);
                        QTRY_VERIFY(!view.hoverReadout().isEmpty());
                    }
                    QCoreApplication::processEvents();
                    const QString file = QStringLiteral("%1/%2-%3-%4.png")
                                             .arg(dir, shot.name, dark ? QStringLiteral("dark") : QStringLiteral("light"))
                                             .arg(size.width());
                    QVERIFY(view.grab().save(file));
                }
            }
        }
        Theme::apply(Theme::Mode::Light);
    }

private:
    static void checkRoundTicks(const QuotaChartView &view)
    {
        const QList<double> ticks = view.xAxisTickValues();
        const QString where = QStringLiteral("%1 .. %2: %3")
                                  .arg(view.from().toLocalTime().toString(Qt::ISODate),
                                       view.to().toLocalTime().toString(Qt::ISODate), view.xAxisTickLabels().join(u'|'));
        QVERIFY2(ticks.size() >= 2, qPrintable(where));
        QVERIFY2(ticks.size() <= 26, qPrintable(where));
        const double step = ticks.at(1) - ticks.at(0);
        for (double t : ticks) {
            QVERIFY2(t >= double(view.from().toMSecsSinceEpoch()) && t <= double(view.to().toMSecsSinceEpoch()),
                     qPrintable(where));
            const QTime local = QDateTime::fromMSecsSinceEpoch(qint64(t)).time();
            QCOMPARE(local.msec(), 0);
            if (step >= 60000)
                QVERIFY2(local.second() == 0, qPrintable(where));
            // Within a day, a whole multiple of the step since midnight (06:00, 07:00; not 06:32).
            if (step < 86400000.0)
                QVERIFY2(std::fmod(double(local.msecsSinceStartOfDay()), step) == 0, qPrintable(where));
            else
                QCOMPARE(local, QTime(0, 0));
        }
    }

    HistoryStore m_store;
};

QTEST_MAIN(TestQuotaChartView)
#include "tst_quotachartview.moc"
