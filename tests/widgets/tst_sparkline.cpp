#include "accountfilterproxymodel.h"
#include "accounttablemodel.h"
#include "quotabardelegate.h"
#include "sparklinedelegate.h"
#include "statestyle.h"
#include "theme.h"
#include "trendcache.h"

#include "history/historystore.h"

#include <QApplication>
#include <QDir>
#include <QHeaderView>
#include <QHelpEvent>
#include <QToolTip>
#include <QImage>
#include <QLocale>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>

namespace {

Account makeAccount(const QString &id, const QString &name)
{
    Account a;
    a.id = id;
    a.name = name;
    a.presetId = QStringLiteral("github");
    return a;
}

// Pixels of the image within `tolerance` of `color` on every channel.
int pixelsNear(const QImage &image, const QColor &color, int tolerance = 8)
{
    int n = 0;
    for (int y = 0; y < image.height(); ++y) {
        for (int x = 0; x < image.width(); ++x) {
            const QColor c = image.pixelColor(x, y);
            if (std::abs(c.red() - color.red()) <= tolerance && std::abs(c.green() - color.green()) <= tolerance
                && std::abs(c.blue() - color.blue()) <= tolerance)
                ++n;
        }
    }
    return n;
}

} // namespace

class TestSparkline : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
        QVERIFY(m_dir.isValid());
        QVERIFY(m_store.open(m_dir.filePath(QStringLiteral("history.sqlite"))));
        m_now = QDateTime::currentDateTimeUtc();
        // Twenty hours of an hourly sawtooth for two accounts, one sample every 5 minutes; the
        // first is refused twice three hours ago.
        QList<Sample> samples;
        for (const QString &id : {QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c"), QStringLiteral("e")}) {
            QVERIFY(m_store.registerAccount(id, id, QStringLiteral("github")));
            for (int m = 20 * 60; m >= 0; m -= 5) {
                const QDateTime t = m_now.addSecs(-60 * m);
                const qint64 minuteOfHour = (t.toSecsSinceEpoch() / 60) % 60;
                Sample s;
                s.accountId = id;
                s.resource = QStringLiteral("core");
                s.time = t;
                s.limit = 100;
                s.remaining = id == u"c" ? std::max<qint64>(0, 60 - minuteOfHour * 2)
                                         : 100 - minuteOfHour * (id == u"a" ? 1 : 0) - 20;
                s.resetAt = QDateTime::fromSecsSinceEpoch((t.toSecsSinceEpoch() / 3600 + 1) * 3600, Qt::UTC);
                samples.append(s);
            }
        }
        QVERIFY(m_store.appendSamples(samples));
        QList<Event> events;
        for (int s : {3 * 3600, 3 * 3600 - 60}) {
            Event e;
            e.accountId = QStringLiteral("a");
            e.time = m_now.addSecs(-s);
            e.kind = EventKind::Throttled;
            e.status = 429;
            events.append(e);
        }
        QVERIFY(m_store.appendEvents(events));
    }

    // The series come from the real history, with its resets and 429s, and are painted: the
    // line in the state's colour, the 429 marks in the Throttled colour.
    void paintsTheHistoryWithResetsAndRefusals()
    {
        AccountTableModel model;
        model.setAccounts({makeAccount(QStringLiteral("a"), QStringLiteral("alpha"))});
        ProbeResult r;
        r.accountId = QStringLiteral("a");
        r.state = AccountState::Ok;
        Quota q;
        q.resource = QStringLiteral("core");
        q.limit = 100;
        q.remaining = 60;
        q.resetAt = m_now.addSecs(600);
        r.reading.quotas = {q};
        r.probedAt = m_now;
        model.applyProbeResult(r);

        TrendCache trends(&m_store, &model);
        QSignalSpy loaded(&trends, &TrendCache::trendsChanged);
        QVERIFY(loaded.wait(10000));
        const QModelIndex cell = model.indexOfAccount(QStringLiteral("a"), AccountTableModel::Trend);
        const TrendCache::Trend t = trends.trendFor(cell);
        QVERIFY2(t.fraction.size() >= 100, qPrintable(QString::number(t.fraction.size())));
        QCOMPARE(t.fraction.size(), t.remaining.size());
        QCOMPARE(t.fraction.size(), t.limit.size());
        QVERIFY(t.resets.size() >= 19);
        QCOMPARE(t.throttles.size(), 2);
        for (const QPointF &p : t.fraction)
            QVERIFY(p.y() >= 0.0 && p.y() <= 1.0);

        QTreeView view;
        view.setModel(&model);
        auto *delegate = new SparklineDelegate(&trends, &view);
        view.setItemDelegateForColumn(AccountTableModel::Trend, delegate);
        view.resize(1000, 200);
        view.setColumnWidth(AccountTableModel::Trend, 240);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        const QRect rect = view.visualRect(cell);
        QVERIFY(rect.width() >= 200);
        const QImage image = view.viewport()->grab(rect).toImage();
        image.save(QDir::current().filePath(QStringLiteral("tst_sparkline.png")));
        const QPalette pal = view.palette();
        QVERIFY(pixelsNear(image, StateStyle::color(AccountState::Throttled, pal), 2) >= 2 * 4);
        QVERIFY(pixelsNear(image, StateStyle::color(AccountState::Ok, pal), 40) > 20);

        // The readout under the pointer: time, remaining / limit, state; and the refusals.
        const qint64 refusedAt = m_now.addSecs(-3 * 3600).toMSecsSinceEpoch();
        const QString readout = delegate->readoutAt(cell, refusedAt);
        QVERIFY2(readout.contains(QStringLiteral(" / 100 (")), qPrintable(readout));
        QVERIFY2(readout.contains(QStringLiteral("HTTP 429")), qPrintable(readout));
        QVERIFY(delegate->readoutAt(cell, m_now.addSecs(-23 * 3600).toMSecsSinceEpoch()).isEmpty());
        // Pointing at the line shows that readout at the pointer.
        const QPoint at(rect.left() + rect.width() * 3 / 4, rect.center().y());
        QHelpEvent help(QEvent::ToolTip, at, view.viewport()->mapToGlobal(at));
        QApplication::sendEvent(view.viewport(), &help);
        QTRY_VERIFY(QToolTip::isVisible());
        QVERIFY2(QToolTip::text().contains(QStringLiteral(" / 100 (")), qPrintable(QToolTip::text()));
        QToolTip::hideText();
    }

    // A pool's trend sums its distinct buckets; a shared bucket counts once.
    void poolTrendSumsDistinctBuckets()
    {
        AccountTableModel model;
        model.setAccounts({makeAccount(QStringLiteral("a"), QStringLiteral("alpha")),
                           makeAccount(QStringLiteral("b"), QStringLiteral("beta"))});
        Pool pool;
        pool.name = QStringLiteral("ci");
        pool.presetId = QStringLiteral("github");
        pool.memberIds = {QStringLiteral("a"), QStringLiteral("b")};
        model.setPools({pool});
        PoolReading reading;
        reading.pool = QStringLiteral("ci");
        reading.provider = QStringLiteral("github");
        reading.state = AccountState::Ok;
        reading.members = {QStringLiteral("alpha"), QStringLiteral("beta")};
        PoolQuota q;
        q.resource = QStringLiteral("core");
        q.limit = q.knownLimit = 200;
        q.remaining = q.knownRemaining = 150;
        q.buckets = 2;
        reading.quotas = {q};
        model.applyPoolReading(reading);

        TrendCache trends(&m_store, &model);
        QSignalSpy loaded(&trends, &TrendCache::trendsChanged);
        QVERIFY(loaded.wait(10000));
        const QModelIndex row = model.indexOfPool(QStringLiteral("ci"), AccountTableModel::Trend);
        TrendCache::Trend t = trends.trendFor(row);
        QVERIFY(t.fraction.size() >= 100);
        for (const QPointF &p : t.limit)
            QCOMPARE(p.y(), 200.0);
        QCOMPARE(t.throttles.size(), 2);

        reading.shared = {reading.members};
        model.applyPoolReading(reading);
        t = trends.trendFor(row);
        QVERIFY(!t.limit.isEmpty());
        for (const QPointF &p : t.limit)
            QCOMPARE(p.y(), 100.0);
    }


    // The whole table as a window shows it, light and dark, wide and narrow: pools with their
    // members, the severity order, bars and sparklines. The pictures are left next to the test
    // binary (tst_sparkline-table-*.png) for a reader to look at.
    void rendersTheTableLightAndDark()
    {
        AccountTableModel model;
        AccountFilterProxyModel proxy;
        proxy.setSourceModel(&model);
        QList<Account> accounts;
        for (const QString &id : {QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c"), QStringLiteral("d"),
                                  QStringLiteral("e")})
            accounts.append(makeAccount(id, id == u"a"   ? QStringLiteral("gh-ci-1")
                                            : id == u"b" ? QStringLiteral("gh-ci-2")
                                            : id == u"c" ? QStringLiteral("octo")
                                            : id == u"d" ? QStringLiteral("legacy-deploy")
                                                         : QStringLiteral("deploy-bot")));
        model.setAccounts(accounts);
        Pool pool;
        pool.name = QStringLiteral("gh-ci");
        pool.presetId = QStringLiteral("github");
        pool.memberIds = {QStringLiteral("a"), QStringLiteral("b")};
        model.setPools({pool});
        const auto feed = [&](const QString &id, AccountState state, const QList<QPair<QString, qint64>> &quotas) {
            ProbeResult r;
            r.accountId = id;
            r.state = state;
            r.probedAt = m_now;
            r.cost = 1;
            for (const auto &[resource, remaining] : quotas) {
                Quota q;
                q.resource = resource;
                q.limit = resource == u"search" ? 30 : 100;
                q.remaining = remaining;
                q.resetAt = m_now.addSecs(resource == u"search" ? 40 : 1500);
                r.reading.quotas.append(q);
            }
            if (state == AccountState::AuthFailed)
                r.error = QStringLiteral("authentication failed (HTTP 401)");
            model.applyProbeResult(r);
        };
        feed(QStringLiteral("a"), AccountState::Warning, {{QStringLiteral("core"), 15}});
        feed(QStringLiteral("b"), AccountState::Ok, {{QStringLiteral("core"), 80}});
        feed(QStringLiteral("c"), AccountState::Critical, {{QStringLiteral("core"), 3}, {QStringLiteral("search"), 29}});
        feed(QStringLiteral("d"), AccountState::AuthFailed, {});
        feed(QStringLiteral("e"), AccountState::Ok, {{QStringLiteral("core"), 95}});
        PoolReading reading;
        reading.pool = pool.name;
        reading.provider = pool.presetId;
        reading.state = AccountState::Ok;
        reading.members = {QStringLiteral("gh-ci-1"), QStringLiteral("gh-ci-2")};
        PoolQuota q;
        q.resource = QStringLiteral("core");
        q.limit = q.knownLimit = 200;
        q.remaining = q.knownRemaining = 95;
        q.resetFirst = m_now.addSecs(1500);
        q.resetLast = m_now.addSecs(2900);
        q.buckets = 2;
        reading.quotas = {q};
        reading.imbalanced = true;
        model.applyPoolReading(reading);
        // A second pool whose two tokens share one bucket.
        Pool shared;
        shared.name = QStringLiteral("bots");
        shared.presetId = QStringLiteral("github");
        shared.memberIds = {QStringLiteral("e"), QStringLiteral("f")};
        accounts.append(makeAccount(QStringLiteral("f"), QStringLiteral("deploy-bot-2")));
        model.addAccount(accounts.last());
        model.setPools({pool, shared});
        model.applyPoolReading(reading);
        feed(QStringLiteral("f"), AccountState::Ok, {{QStringLiteral("core"), 95}});
        PoolReading sharedReading;
        sharedReading.pool = shared.name;
        sharedReading.provider = shared.presetId;
        sharedReading.state = AccountState::Ok;
        sharedReading.members = {QStringLiteral("deploy-bot"), QStringLiteral("deploy-bot-2")};
        PoolQuota one = q;
        one.limit = one.knownLimit = 100;
        one.remaining = one.knownRemaining = 95;
        one.memberLimitSum = 200;
        one.windowS = 3600;
        one.buckets = 1;
        sharedReading.quotas = {one};
        sharedReading.shared = {sharedReading.members};
        SharedBucket bucket;
        bucket.resource = QStringLiteral("core");
        bucket.members = sharedReading.members;
        bucket.limit = 100;
        bucket.windowS = 3600;
        sharedReading.sharedBuckets = {bucket};
        model.applyPoolReading(sharedReading);

        TrendCache trends(&m_store, &model);
        QSignalSpy loaded(&trends, &TrendCache::trendsChanged);
        QVERIFY(loaded.wait(10000));

        for (const Theme::Mode mode : {Theme::Mode::Light, Theme::Mode::Dark}) {
            Theme::apply(mode);
            for (const QSize size : {QSize(1560, 300), QSize(880, 300)}) {
                QTreeView view;
                view.setModel(&proxy);
                view.setItemDelegateForColumn(AccountTableModel::Remaining, new QuotaBarDelegate(&view));
                view.setItemDelegateForColumn(AccountTableModel::Trend, new SparklineDelegate(&trends, &view));
                view.setSortingEnabled(true);
                view.sortByColumn(AccountTableModel::State, Qt::DescendingOrder);
                view.setAlternatingRowColors(true);
                view.setUniformRowHeights(true);
                view.header()->setStretchLastSection(false);
                const QList<int> widths = {150, 90, 150, 230, 160, 170, 150, 90, 60};
                for (int i = 0; i < widths.size(); ++i)
                    view.setColumnWidth(i, widths.at(i));
                // Narrow: hide from the least important column while the rest does not fit.
                const QList<int> order = AccountTableModel::columnsByPriority();
                int used = 0;
                for (int c : order) {
                    used += widths.at(c);
                    view.setColumnHidden(c, used > size.width() - 30);
                }
                view.expandAll();
                view.resize(size);
                view.show();
                QVERIFY(QTest::qWaitForWindowExposed(&view));
                QCOMPARE(proxy.index(0, AccountTableModel::Name).data().toString(), QStringLiteral("legacy-deploy"));
                const QImage image = view.grab().toImage();
                image.save(QDir::current().filePath(QStringLiteral("tst_sparkline-table-%1-%2.png")
                                                        .arg(Theme::modeId(mode))
                                                        .arg(size.width())));
                QVERIFY(pixelsNear(image, StateStyle::color(AccountState::Critical, view.palette()), 10) > 10);
            }
        }
        Theme::apply(Theme::Mode::System);
    }
    // Without history the cell is a dash, not an empty line.
    void noHistoryNoLine()
    {
        AccountTableModel model;
        model.setAccounts({makeAccount(QStringLiteral("a"), QStringLiteral("alpha"))});
        TrendCache trends(nullptr, &model);
        QVERIFY(trends.trendFor(model.indexOfAccount(QStringLiteral("a"), AccountTableModel::Trend)).isEmpty());
    }

private:
    QTemporaryDir m_dir;
    HistoryStore m_store;
    QDateTime m_now;
};

QTEST_MAIN(TestSparkline)
#include "tst_sparkline.moc"
