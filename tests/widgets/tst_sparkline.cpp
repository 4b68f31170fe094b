#include "accounttablemodel.h"
#include "sparklinedelegate.h"
#include "statestyle.h"
#include "trendcache.h"

#include "history/historystore.h"

#include <QDir>
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
        for (const QString &id : {QStringLiteral("a"), QStringLiteral("b")}) {
            QVERIFY(m_store.registerAccount(id, id, QStringLiteral("github")));
            for (int m = 20 * 60; m >= 0; m -= 5) {
                const QDateTime t = m_now.addSecs(-60 * m);
                const qint64 minuteOfHour = (t.toSecsSinceEpoch() / 60) % 60;
                Sample s;
                s.accountId = id;
                s.resource = QStringLiteral("core");
                s.time = t;
                s.limit = 100;
                s.remaining = 100 - minuteOfHour * (id == u"a" ? 1 : 0) - 20;
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
