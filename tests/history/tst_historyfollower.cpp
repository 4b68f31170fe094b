// HistoryFollower against a real PostgreSQL server (a throwaway cluster, tests/common/pgcluster.h):
// the first poll delivers every series' newest reading; a commit of another process arrives
// through NOTIFY long before the poll would come; a row written without NOTIFY arrives by the
// poll alone; `latest` never goes back in time; events are announced; a stopped or crashed server
// is one connectionLost, its return one connectionRestored followed by what was committed; a
// history migrated from SQLite shows its newest readings.
#include "history/historyfollower.h"
#include "history/historymigration.h"
#include "history/historystore.h"
#include "history/pghistorystore.h"
#include "pgcluster.h"

#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

#include <algorithm>
#include <functional>
#include <optional>

namespace {

const qint64 kT0 = 1795435200000; // 2026-11-23T12:00:00Z
const qint64 kMinute = 60 * 1000;
// Well under the 5 s a dashboard may lag, and far under the 60 s poll the NOTIFY cases use.
const int kNotifyBoundMs = 1500;

Sample mk(const QString &account, const QString &resource, qint64 t, qint64 remaining, qint64 limit = 5000)
{
    Sample s;
    s.accountId = account;
    s.resource = resource;
    s.time = QDateTime::fromMSecsSinceEpoch(t, Qt::UTC);
    s.remaining = remaining;
    s.limit = limit;
    return s;
}

QList<Sample> deliveredIn(const QSignalSpy &spy, qsizetype from = 0)
{
    QList<Sample> out;
    for (qsizetype i = from; i < spy.size(); ++i)
        out += spy.at(i).at(0).value<QList<Sample>>();
    return out;
}

// Waits until a delivery from signal `from` on holds a sample that `match` accepts.
std::optional<Sample> waitForSample(QSignalSpy &spy, const std::function<bool(const Sample &)> &match, int timeoutMs,
                                    qsizetype from = 0)
{
    QDeadlineTimer deadline(timeoutMs);
    qsizetype checked = from;
    while (true) {
        for (; checked < spy.size(); ++checked) {
            for (const Sample &s : spy.at(checked).at(0).value<QList<Sample>>()) {
                if (match(s))
                    return s;
            }
        }
        const qint64 left = deadline.remainingTime();
        if (left <= 0 || (!spy.wait(int(left)) && checked == spy.size()))
            return std::nullopt;
    }
}

std::function<bool(const Sample &)> isAt(const QString &account, const QString &resource, qint64 t)
{
    return [=](const Sample &s) {
        return s.accountId == account && s.resource == resource && s.time.toMSecsSinceEpoch() == t;
    };
}

QString describe(const Sample &s)
{
    auto opt = [](const std::optional<qint64> &v) { return v ? QString::number(*v) : QStringLiteral("-"); };
    return QStringLiteral("%1/%2@%3 lim=%4 rem=%5 used=%6 reset=%7 status=%8 cost=%9 utc=%10")
        .arg(s.accountId, s.resource)
        .arg(s.time.toMSecsSinceEpoch())
        .arg(opt(s.limit), opt(s.remaining), opt(s.used),
             s.resetAt ? QString::number(s.resetAt->toMSecsSinceEpoch()) : QStringLiteral("-"),
             s.status ? QString::number(*s.status) : QStringLiteral("-"))
        .arg(s.cost)
        .arg(s.time.timeSpec() == Qt::UTC ? 1 : 0);
}

qint64 median(QList<qint64> v)
{
    std::sort(v.begin(), v.end());
    return v.isEmpty() ? -1 : v.at(v.size() / 2);
}

} // namespace

class TestHistoryFollower : public QObject
{
    Q_OBJECT

    PgCluster m_pg;
    int m_db = 0;
    QString m_name;

    // A database of its own per test, so no test sees another's readings.
    QString freshDatabase()
    {
        m_name = QStringLiteral("follow%1").arg(++m_db);
        if (!m_pg.createDatabase(m_name))
            return {};
        const QString url = m_pg.url(m_name);
        // The schema, as any writer opening the history makes it.
        PgHistoryStore store;
        if (!store.open(url))
            return {};
        return url;
    }

    std::optional<QString> sql(const QString &statement) { return m_pg.psql(statement, m_name); }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(m_pg.start(), qPrintable(m_pg.error()));
    }

    // A dashboard started on a history with readings shows all of them at once: one delivery of
    // each series' newest reading, every field as written.
    void firstPollDeliversEveryNewestReading()
    {
        const QString url = freshDatabase();
        QVERIFY(!url.isEmpty());
        PgHistoryStore store;
        QVERIFY(store.open(url));
        QList<Sample> written;
        for (const QString &account : {QStringLiteral("acme"), QStringLiteral("bolt"), QStringLiteral("crux")}) {
            for (const QString &resource : {QStringLiteral("core"), QStringLiteral("search")}) {
                for (int i = 0; i < 3; ++i)
                    written << mk(account, resource, kT0 + i * kMinute, 4000 - i);
            }
        }
        // Every field once, on the newest reading of one series.
        Sample &full = written[5];
        full.used = 1002;
        full.resetAt = QDateTime::fromMSecsSinceEpoch(kT0 + 3600000, Qt::UTC);
        full.status = 200;
        full.cost = 3;
        QVERIFY(store.appendSamples(written));

        HistoryFollower follower;
        QSignalSpy samples(&follower, &HistoryFollower::samplesCommitted);
        QSignalSpy lost(&follower, &HistoryFollower::connectionLost);
        follower.start(url);
        QVERIFY(follower.isRunning());
        QVERIFY(samples.wait(10000));
        QCOMPARE(samples.size(), 1);
        QStringList got, want;
        for (const Sample &s : deliveredIn(samples))
            got << describe(s);
        for (int i = 2; i < written.size(); i += 3)
            want << describe(written.at(i));
        got.sort();
        want.sort();
        QCOMPARE(got, want);
        QCOMPARE(lost.size(), 0);
    }

    // Another process commits a reading: it arrives through NOTIFY within a fraction of a second
    // although the poll would come only after a minute.
    void commitOfAnotherProcessArrivesThroughNotify()
    {
        const QString url = freshDatabase();
        QVERIFY(!url.isEmpty());
        {
            PgHistoryStore store;
            QVERIFY(store.open(url));
            QVERIFY(store.appendSamples({mk(QStringLiteral("seed"), QStringLiteral("core"), kT0, 10)}));
        }
        HistoryFollower follower;
        follower.setPollIntervalMs(60000);
        QSignalSpy samples(&follower, &HistoryFollower::samplesCommitted);
        follower.start(url);
        // The seed's delivery says the first poll ran, so the follower listens.
        QVERIFY(waitForSample(samples, isAt(QStringLiteral("seed"), QStringLiteral("core"), kT0), 10000));

        // pghistorywriter prints a batch's number only after its transaction committed.
        QProcess writer;
        writer.start(QStringLiteral(PGHISTORYWRITER_BIN), {QStringLiteral("write"), url, QStringLiteral("1")});
        QVERIFY2(writer.waitForStarted(10000), qPrintable(writer.errorString()));
        QElapsedTimer sinceCommit;
        QDeadlineTimer deadline(20000);
        while (!writer.canReadLine() && !deadline.hasExpired() && writer.state() == QProcess::Running)
            writer.waitForReadyRead(100);
        sinceCommit.start();
        const QByteArray first = writer.readLine().trimmed();
        QCOMPARE(first, QByteArray("0"));
        const auto got = waitForSample(
            samples,
            [](const Sample &s) { return s.accountId == QStringLiteral("writer") && s.resource == QStringLiteral("core"); },
            10000);
        const qint64 latency = sinceCommit.elapsed();
        writer.kill();
        writer.waitForFinished(10000);
        QVERIFY(got);
        qInfo("another process's commit reached the follower %lld ms after the writer reported it (poll every 60 s)",
              latency);
        QVERIFY2(latency < kNotifyBoundMs, qPrintable(QString::number(latency)));
    }

    // The latency of both paths, measured: a write through PgHistoryStore (NOTIFY in its
    // transaction) with a one-minute poll, and a row put into `latest` with plain SQL (no NOTIFY)
    // with a 500 ms poll, which a follower with a one-minute poll does not see until a NOTIFY.
    void notifyPathAndPollPathLatency()
    {
        const QString url = freshDatabase();
        QVERIFY(!url.isEmpty());
        PgHistoryStore store;
        QVERIFY(store.open(url));
        QVERIFY(store.appendSamples({mk(QStringLiteral("seed"), QStringLiteral("core"), kT0, 10)}));
        HistoryFollower hinted, polling;
        hinted.setPollIntervalMs(60000);
        polling.setPollIntervalMs(500);
        QCOMPARE(hinted.pollIntervalMs(), 60000);
        QSignalSpy hintedSamples(&hinted, &HistoryFollower::samplesCommitted);
        QSignalSpy pollingSamples(&polling, &HistoryFollower::samplesCommitted);
        hinted.start(url);
        polling.start(url);
        QVERIFY(waitForSample(hintedSamples, isAt(QStringLiteral("seed"), QStringLiteral("core"), kT0), 10000));
        QVERIFY(waitForSample(pollingSamples, isAt(QStringLiteral("seed"), QStringLiteral("core"), kT0), 10000));

        QList<qint64> notifyMs;
        for (int i = 1; i <= 20; ++i) {
            const qsizetype from = hintedSamples.size();
            QVERIFY(store.appendSamples({mk(QStringLiteral("acme"), QStringLiteral("core"), kT0 + i * 1000, 100 - i)}));
            QElapsedTimer t;
            t.start();
            QVERIFY2(waitForSample(hintedSamples, isAt(QStringLiteral("acme"), QStringLiteral("core"), kT0 + i * 1000),
                                   10000, from),
                     qPrintable(QString::number(i)));
            notifyMs << t.elapsed();
        }

        QVERIFY(sql(QStringLiteral("INSERT INTO accounts(id) VALUES ('direct')")));
        QList<qint64> pollMs;
        for (int i = 1; i <= 8; ++i) {
            const qsizetype from = pollingSamples.size();
            const qsizetype hintedFrom = hintedSamples.size();
            // An upsert as a writer that predates NOTIFY (or an administrator) would make it.
            QVERIFY(sql(QStringLiteral("INSERT INTO latest(account, resource, time, lim, remaining) SELECT key, 'core', "
                                       "%1, 50, %2 FROM accounts WHERE id = 'direct' ON CONFLICT(account, resource) DO "
                                       "UPDATE SET time = excluded.time, remaining = excluded.remaining")
                            .arg(kT0 + i * 1000)
                            .arg(50 - i)));
            QElapsedTimer t;
            t.start();
            const auto got = waitForSample(pollingSamples,
                                           isAt(QStringLiteral("direct"), QStringLiteral("core"), kT0 + i * 1000),
                                           5000, from);
            pollMs << t.elapsed();
            QVERIFY(got);
            QCOMPARE(got->remaining, std::optional<qint64>(50 - i));
            // Nothing told the one-minute follower.
            QVERIFY(!waitForSample(hintedSamples,
                                   [](const Sample &s) { return s.accountId == QStringLiteral("direct"); }, 0,
                                   hintedFrom));
        }
        // A bare NOTIFY wakes it, and its poll finds the row.
        QVERIFY(sql(QStringLiteral("NOTIFY headroom_samples")));
        QElapsedTimer t;
        t.start();
        QVERIFY(waitForSample(hintedSamples, isAt(QStringLiteral("direct"), QStringLiteral("core"), kT0 + 8000),
                              kNotifyBoundMs));
        const qint64 bareNotify = t.elapsed();

        qInfo("NOTIFY path (poll every 60 s), 20 writes: median %lld ms, max %lld ms", median(notifyMs),
              *std::max_element(notifyMs.cbegin(), notifyMs.cend()));
        qInfo("poll path (no NOTIFY, poll every 500 ms), 8 rows: median %lld ms, max %lld ms", median(pollMs),
              *std::max_element(pollMs.cbegin(), pollMs.cend()));
        qInfo("a bare NOTIFY after the rows: %lld ms", bareNotify);
        QVERIFY2(*std::max_element(notifyMs.cbegin(), notifyMs.cend()) < kNotifyBoundMs,
                 qPrintable(QString::number(*std::max_element(notifyMs.cbegin(), notifyMs.cend()))));
        // At most one interval, plus the time a poll and the event loops take.
        QVERIFY2(*std::max_element(pollMs.cbegin(), pollMs.cend()) < 1500,
                 qPrintable(QString::number(*std::max_element(pollMs.cbegin(), pollMs.cend()))));
    }

    // `latest` keeps each series' newest reading: an older one written later (a late retry, a
    // backfill) changes nothing there and is not delivered; one older than another series'
    // newest (a writer whose clock runs behind) is.
    void latestNeverGoesBackInTime()
    {
        const QString url = freshDatabase();
        QVERIFY(!url.isEmpty());
        PgHistoryStore store;
        QVERIFY(store.open(url));
        // In one write, newest first: the upsert takes the newest of the write, not the last.
        QVERIFY(store.appendSamples({mk(QStringLiteral("acme"), QStringLiteral("core"), kT0 + 2 * kMinute, 80),
                                     mk(QStringLiteral("acme"), QStringLiteral("core"), kT0 + kMinute, 90)}));
        HistoryFollower follower;
        follower.setPollIntervalMs(60000);
        QSignalSpy samples(&follower, &HistoryFollower::samplesCommitted);
        follower.start(url);
        const auto first = waitForSample(samples, isAt(QStringLiteral("acme"), QStringLiteral("core"), kT0 + 2 * kMinute),
                                         10000);
        QVERIFY(first);
        QCOMPARE(first->remaining, std::optional<qint64>(80));
        QCOMPARE(deliveredIn(samples).size(), 1);

        // An older reading, then another series' reading as a marker.
        const qsizetype from = samples.size();
        QVERIFY(store.appendSamples({mk(QStringLiteral("acme"), QStringLiteral("core"), kT0, 100)}));
        QVERIFY(store.appendSamples({mk(QStringLiteral("bolt"), QStringLiteral("core"), kT0 - 5 * kMinute, 7)}));
        QVERIFY(waitForSample(samples, isAt(QStringLiteral("bolt"), QStringLiteral("core"), kT0 - 5 * kMinute),
                              kNotifyBoundMs, from));
        for (const Sample &s : deliveredIn(samples, from))
            QVERIFY2(s.accountId != QStringLiteral("acme"), qPrintable(describe(s)));
        QCOMPARE(sql(QStringLiteral("SELECT l.time, l.remaining FROM latest l JOIN accounts a ON a.key = l.account "
                                    "WHERE a.id = 'acme'")),
                 std::optional<QString>(QStringLiteral("%1|80").arg(kT0 + 2 * kMinute)));
        // And a newer one moves it on.
        QVERIFY(store.appendSamples({mk(QStringLiteral("acme"), QStringLiteral("core"), kT0 + 3 * kMinute, 70)}));
        const auto next = waitForSample(samples, isAt(QStringLiteral("acme"), QStringLiteral("core"), kT0 + 3 * kMinute),
                                        kNotifyBoundMs, from);
        QVERIFY(next);
        QCOMPARE(next->remaining, std::optional<qint64>(70));
        // Every series' row is its newest sample.
        QCOMPARE(sql(QStringLiteral("SELECT count(*) FROM latest l WHERE l.time <> (SELECT max(time) FROM samples s "
                                    "WHERE s.account = l.account AND s.resource = l.resource)")),
                 std::optional<QString>(QStringLiteral("0")));
        QCOMPARE(sql(QStringLiteral("SELECT count(*) FROM latest")), std::optional<QString>(QStringLiteral("2")));
    }

    // A SQLite history migrated in: `latest` holds each migrated series' newest reading (unless
    // the destination had a newer one), and a follower running meanwhile is told at once.
    void migratedHistoryShowsItsReadings()
    {
        const QString url = freshDatabase();
        QVERIFY(!url.isEmpty());
        // Recent times: the SQLite store prunes what is older than its retention.
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        const qint64 t = now - now % kMinute - 60 * kMinute;
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(QStringLiteral("history.sqlite"));
        {
            HistoryStore sqlite;
            QVERIFY(sqlite.open(path));
            QList<Sample> list;
            for (int i = 0; i < 10; ++i) {
                // Out of time order on purpose.
                const qint64 at = t + ((i * 7) % 10) * kMinute;
                list << mk(QStringLiteral("acme"), QStringLiteral("core"), at, 1000 - (at - t) / kMinute)
                     << mk(QStringLiteral("acme"), QStringLiteral("search"), at, 30 - (at - t) / kMinute, 30)
                     << mk(QStringLiteral("bolt"), QStringLiteral("core"), at - 30 * kMinute, 500, 500);
            }
            QVERIFY(sqlite.appendSamples(list));
            sqlite.close();
        }
        // The destination already follows acme/core, with a newer reading than the file's.
        PgHistoryStore store;
        QVERIFY(store.open(url));
        QVERIFY(store.appendSamples({mk(QStringLiteral("acme"), QStringLiteral("core"), t + 20 * kMinute, 1)}));

        HistoryFollower follower;
        follower.setPollIntervalMs(60000);
        QSignalSpy samples(&follower, &HistoryFollower::samplesCommitted);
        follower.start(url);
        QVERIFY(waitForSample(samples, isAt(QStringLiteral("acme"), QStringLiteral("core"), t + 20 * kMinute), 10000));
        const qsizetype from = samples.size();

        QString error;
        {
            HistoryMigration migration;
            QCOMPARE(migration.run(path, url, &error), HistoryMigration::Outcome::Verified);
        }
        QElapsedTimer sinceMigrated;
        sinceMigrated.start();
        QVERIFY(waitForSample(samples, isAt(QStringLiteral("bolt"), QStringLiteral("core"), t - 21 * kMinute),
                              kNotifyBoundMs, from));
        QVERIFY(waitForSample(samples, isAt(QStringLiteral("acme"), QStringLiteral("search"), t + 9 * kMinute),
                              kNotifyBoundMs, from));
        qInfo("migrated readings reached the follower %lld ms after the migration ended", sinceMigrated.elapsed());
        for (const Sample &s : deliveredIn(samples, from))
            QVERIFY2(!(s.accountId == QStringLiteral("acme") && s.resource == QStringLiteral("core")), qPrintable(describe(s)));
        QCOMPARE(sql(QStringLiteral("SELECT string_agg(a.id || '/' || l.resource || '@' || (l.time - %1) / 60000 || '=' "
                                    "|| l.remaining, ' ' ORDER BY a.id, l.resource) FROM latest l JOIN accounts a ON "
                                    "a.key = l.account")
                         .arg(t)),
                 std::optional<QString>(QStringLiteral("acme/core@20=1 acme/search@9=21 bolt/core@-21=500")));

        // A second run changes nothing there.
        HistoryMigration again;
        QCOMPARE(again.run(path, url, &error), HistoryMigration::Outcome::Verified);
        QCOMPARE(sql(QStringLiteral("SELECT count(*) FROM latest")), std::optional<QString>(QStringLiteral("3")));
        QCOMPARE(sql(QStringLiteral("SELECT remaining FROM latest l JOIN accounts a ON a.key = l.account WHERE a.id = "
                                    "'acme' AND l.resource = 'core'")),
                 std::optional<QString>(QStringLiteral("1")));
    }

    // Events committed by a writer are announced (once per poll that finds more); samples alone
    // announce none.
    void eventsAreAnnounced()
    {
        const QString url = freshDatabase();
        QVERIFY(!url.isEmpty());
        PgHistoryStore store;
        QVERIFY(store.open(url));
        Event old;
        old.accountId = QStringLiteral("acme");
        old.time = QDateTime::fromMSecsSinceEpoch(kT0, Qt::UTC);
        old.kind = EventKind::Throttled;
        QVERIFY(store.appendEvents({old}));
        QVERIFY(store.appendSamples({mk(QStringLiteral("seed"), QStringLiteral("core"), kT0, 10)}));

        HistoryFollower follower;
        follower.setPollIntervalMs(60000);
        QSignalSpy samples(&follower, &HistoryFollower::samplesCommitted);
        QSignalSpy events(&follower, &HistoryFollower::eventsCommitted);
        follower.start(url);
        QVERIFY(waitForSample(samples, isAt(QStringLiteral("seed"), QStringLiteral("core"), kT0), 10000));
        // What was there before the follower started is no news.
        QCOMPARE(events.size(), 0);

        QVERIFY(store.appendSamples({mk(QStringLiteral("acme"), QStringLiteral("core"), kT0 + 1000, 9)}));
        QVERIFY(waitForSample(samples, isAt(QStringLiteral("acme"), QStringLiteral("core"), kT0 + 1000), kNotifyBoundMs));
        QCOMPARE(events.size(), 0);

        Event e = old;
        e.time = QDateTime::fromMSecsSinceEpoch(kT0 + 2000, Qt::UTC);
        e.kind = EventKind::StateChange;
        e.detail = QStringLiteral("ok -> throttled");
        QElapsedTimer t;
        t.start();
        QVERIFY(store.appendEvents({e}));
        QVERIFY(events.wait(kNotifyBoundMs));
        qInfo("an event reached the follower %lld ms after its write began (poll every 60 s)", t.elapsed());
        QCOMPARE(events.size(), 1);
    }

    // The server goes away with the follower connected: one connectionLost, found from the
    // socket (the poll would come only after a minute), never repeated while it retries; the
    // server back: connectionRestored, then what was committed meanwhile, and notifications
    // again on the new connection.
    void serverGoneAndBack_data()
    {
        QTest::addColumn<bool>("crash");
        QTest::newRow("fast shutdown") << false;
        QTest::newRow("postmaster killed -9") << true;
    }

    void serverGoneAndBack()
    {
        QFETCH(bool, crash);
        const QString url = freshDatabase();
        QVERIFY(!url.isEmpty());
        // A password in the URL (trust authentication ignores it) must not reach the message.
        QString withPassword = url;
        withPassword.replace(QStringLiteral("headroom@"), QStringLiteral("headroom:s3cret-pw@"));
        QVERIFY(withPassword.contains(QStringLiteral("s3cret-pw")));
        PgHistoryStore store;
        QVERIFY(store.open(url));
        QVERIFY(store.appendSamples({mk(QStringLiteral("acme"), QStringLiteral("core"), kT0, 100)}));

        HistoryFollower follower;
        follower.setPollIntervalMs(60000);
        QSignalSpy samples(&follower, &HistoryFollower::samplesCommitted);
        QSignalSpy lost(&follower, &HistoryFollower::connectionLost);
        QSignalSpy restored(&follower, &HistoryFollower::connectionRestored);
        follower.start(withPassword);
        QVERIFY(waitForSample(samples, isAt(QStringLiteral("acme"), QStringLiteral("core"), kT0), 10000));

        QElapsedTimer down;
        down.start();
        if (crash)
            QVERIFY2(m_pg.kill9(), qPrintable(m_pg.error()));
        else
            QVERIFY2(m_pg.stop(), qPrintable(m_pg.error()));
        const qint64 stopMs = down.elapsed();
        QVERIFY(lost.wait(5000));
        qInfo("connection loss reported %lld ms after the stop began (pg_ctl/kill took %lld ms; poll every 60 s)",
              down.elapsed(), stopMs);
        const QString message = lost.at(0).at(0).toString();
        QVERIFY2(message.contains(QStringLiteral("cannot be reached")) && message.contains(QStringLiteral("127.0.0.1")),
                 qPrintable(message));
        QVERIFY2(!message.contains(QStringLiteral("s3cret-pw")), qPrintable(message));
        // Retries after 1, 2 and 4 s fail meanwhile; the user heard it once.
        QVERIFY(!lost.wait(3500));
        QCOMPARE(lost.size(), 1);
        QCOMPARE(restored.size(), 0);

        QVERIFY2(m_pg.startServer(), qPrintable(m_pg.error()));
        // Committed before the follower is back (its full poll delivers it) or after (NOTIFY):
        // either way it arrives.
        QVERIFY(store.appendSamples({mk(QStringLiteral("acme"), QStringLiteral("core"), kT0 + 1000, 90)}));
        QTRY_COMPARE_WITH_TIMEOUT(restored.size(), 1, 40000);
        QVERIFY(waitForSample(samples, isAt(QStringLiteral("acme"), QStringLiteral("core"), kT0 + 1000), 5000));
        const qsizetype from = samples.size();
        QVERIFY(store.appendSamples({mk(QStringLiteral("acme"), QStringLiteral("core"), kT0 + 2000, 80)}));
        QVERIFY(waitForSample(samples, isAt(QStringLiteral("acme"), QStringLiteral("core"), kT0 + 2000), kNotifyBoundMs,
                              from));
        QCOMPARE(lost.size(), 1);
        QCOMPARE(restored.size(), 1);
    }

    // A server that cannot be reached from the start: one message, without the password; a
    // location that is no PostgreSQL URL: one message; stop() ends the retries and silences it.
    void unreachableFromTheStart()
    {
        const QString url = QStringLiteral("postgresql://headroom:s3cret-pw@127.0.0.1:1/nothing");
        HistoryFollower follower;
        QSignalSpy lost(&follower, &HistoryFollower::connectionLost);
        QSignalSpy restored(&follower, &HistoryFollower::connectionRestored);
        follower.start(url);
        QVERIFY(lost.wait(10000));
        const QString message = lost.at(0).at(0).toString();
        QVERIFY2(message.contains(QStringLiteral("cannot be reached")), qPrintable(message));
        QVERIFY2(!message.contains(QStringLiteral("s3cret-pw")), qPrintable(message));
        QVERIFY(!lost.wait(2500));
        QCOMPARE(lost.size(), 1);
        follower.stop();
        QVERIFY(!follower.isRunning());

        follower.start(QStringLiteral("mysql://somewhere/db"));
        QVERIFY(lost.wait(5000));
        QCOMPARE(lost.size(), 2);
        QVERIFY2(lost.at(1).at(0).toString().contains(QStringLiteral("PostgreSQL URL")),
                 qPrintable(lost.at(1).at(0).toString()));
        QCOMPARE(restored.size(), 0);
    }

    // stop() returns with the thread gone; nothing is delivered after it, and start() again
    // delivers everything anew.
    void stopAndStartAgain()
    {
        const QString url = freshDatabase();
        QVERIFY(!url.isEmpty());
        PgHistoryStore store;
        QVERIFY(store.open(url));
        QVERIFY(store.appendSamples({mk(QStringLiteral("acme"), QStringLiteral("core"), kT0, 100)}));
        HistoryFollower follower;
        follower.setPollIntervalMs(100);
        QSignalSpy samples(&follower, &HistoryFollower::samplesCommitted);
        follower.start(url);
        QVERIFY(samples.wait(10000));
        follower.stop();
        QVERIFY(!follower.isRunning());
        QVERIFY(store.appendSamples({mk(QStringLiteral("acme"), QStringLiteral("core"), kT0 + 1000, 90)}));
        QVERIFY(!samples.wait(1000));
        QCOMPARE(samples.size(), 1);
        follower.start(url);
        const auto again = waitForSample(samples, isAt(QStringLiteral("acme"), QStringLiteral("core"), kT0 + 1000), 10000);
        QVERIFY(again);
        QCOMPARE(again->remaining, std::optional<qint64>(90));
    }

    void cleanupTestCase() { QVERIFY2(m_pg.stop(), qPrintable(m_pg.error())); }
};

QTEST_GUILESS_MAIN(TestHistoryFollower)
#include "tst_historyfollower.moc"
