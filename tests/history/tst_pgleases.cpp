// PgLeases against a real PostgreSQL server (a throwaway cluster, tests/common/pgcluster.h):
// two holders split the accounts, an expired lease is taken over, a renewal keeps it, a release
// frees it at once, the shared not-before instant survives its holder, a thousand accounts are
// one statement, and two processes racing for the same expired leases never both win one.
#include "history/pgleases.h"
#include "pgcluster.h"

#include <QElapsedTimer>
#include <QSet>
#include <QThread>
#include <QtTest>

namespace {

QStringList accountIds(int n, const QString &prefix = QStringLiteral("acct-"))
{
    QStringList ids;
    for (int i = 0; i < n; ++i)
        ids << prefix + QStringLiteral("%1").arg(i, 4, 10, QChar(u'0'));
    return ids;
}

QSet<QString> keysOf(const PgLeases::Acquired &a)
{
    QSet<QString> out;
    for (auto it = a.held.cbegin(); it != a.held.cend(); ++it)
        out.insert(it.key());
    return out;
}

} // namespace

class TestPgLeases : public QObject
{
    Q_OBJECT

    PgCluster m_pg;
    int m_db = 0;

    // A database of its own per test, so no test sees another's leases.
    QString freshDatabase()
    {
        const QString name = QStringLiteral("leases%1").arg(++m_db);
        if (!m_pg.createDatabase(name))
            return {};
        return m_pg.url(name);
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY2(m_pg.start(), qPrintable(m_pg.error())); }

    void twoHoldersSplitTheAccounts()
    {
        const QString url = freshDatabase();
        PgLeases a, b;
        QString error;
        QVERIFY2(a.open(url, &error), qPrintable(error));
        QVERIFY2(b.open(url, &error), qPrintable(error));
        const QStringList all = accountIds(20);
        // Each holder can poll an overlapping part: a the first 12, b the last 12.
        const PgLeases::Acquired first = a.acquire(all.mid(0, 12), QStringLiteral("host-a:1:x"), 60000);
        QVERIFY2(first.ok, qPrintable(first.error));
        QCOMPARE(first.held.size(), 12);
        QVERIFY(first.serverNowMs > 0);
        const PgLeases::Acquired second = b.acquire(all.mid(8), QStringLiteral("host-b:2:y"), 60000);
        QVERIFY2(second.ok, qPrintable(second.error));
        // b gets what a does not hold; and learns when a's overlapping leases end.
        QCOMPARE(second.held.size(), 8);
        QVERIFY(second.nextExpiryMs);
        QVERIFY(*second.nextExpiryMs > second.serverNowMs + 50000);
        QVERIFY(keysOf(first).intersects(keysOf(second)) == false);
        QCOMPARE(keysOf(first) | keysOf(second), QSet<QString>(all.cbegin(), all.cend()));

        qint64 now = 0;
        const QHash<QString, PgLeases::Lease> rows = a.holders(&now, &error);
        QCOMPARE(rows.size(), 20);
        QVERIFY(now >= second.serverNowMs);
        for (const QString &id : all) {
            const PgLeases::Lease l = rows.value(id);
            QCOMPARE(l.holder, keysOf(first).contains(id) ? QStringLiteral("host-a:1:x") : QStringLiteral("host-b:2:y"));
            QVERIFY(l.expiresAtMs > now);
            QVERIFY(!l.notBeforeMs);
        }
    }

    void expiredLeaseIsTakenOverAndRenewalKeepsIt()
    {
        const QString url = freshDatabase();
        PgLeases a, b;
        QVERIFY(a.open(url));
        QVERIFY(b.open(url));
        const QStringList ids = accountIds(3);
        QCOMPARE(a.acquire(ids, QStringLiteral("a"), 1500).held.size(), 3);
        // a renews one account (its lease moves on), lets the others run out.
        QTest::qWait(800);
        QCOMPARE(a.acquire({ids.at(0)}, QStringLiteral("a"), 1500).held.size(), 1);
        QCOMPARE(b.acquire(ids, QStringLiteral("b"), 1500).held.size(), 0);
        QTest::qWait(1000); // past the first lease, within the renewed one
        const PgLeases::Acquired taken = b.acquire(ids, QStringLiteral("b"), 1500);
        QVERIFY2(taken.ok, qPrintable(taken.error));
        QCOMPARE(keysOf(taken), (QSet<QString>{ids.at(1), ids.at(2)}));
        // a still holds the renewed one, and gets back nothing b took.
        const PgLeases::Acquired again = a.acquire(ids, QStringLiteral("a"), 1500);
        QCOMPARE(keysOf(again), QSet<QString>{ids.at(0)});
    }

    void releaseFreesAtOnce()
    {
        const QString url = freshDatabase();
        PgLeases a, b;
        QVERIFY(a.open(url));
        QVERIFY(b.open(url));
        const QStringList ids = accountIds(4);
        QCOMPARE(a.acquire(ids, QStringLiteral("a"), 600000).held.size(), 4);
        // Another holder's release touches nothing of a's.
        QVERIFY(b.release(ids, QStringLiteral("b")));
        QCOMPARE(b.acquire(ids, QStringLiteral("b"), 600000).held.size(), 0);
        QVERIFY(a.release(ids.mid(0, 2), QStringLiteral("a")));
        QCOMPARE(keysOf(b.acquire(ids, QStringLiteral("b"), 600000)), (QSet<QString>{ids.at(0), ids.at(1)}));
    }

    void notBeforeSurvivesItsHolder()
    {
        const QString url = freshDatabase();
        PgLeases a, b;
        QVERIFY(a.open(url));
        QVERIFY(b.open(url));
        const QString id = QStringLiteral("throttled");
        const PgLeases::Acquired got = a.acquire({id}, QStringLiteral("a"), 600000);
        QCOMPARE(got.held.size(), 1);
        QVERIFY(!got.held.value(id));
        // Only the holder may set it.
        QVERIFY(!b.setNotBefore(id, QStringLiteral("b"), got.serverNowMs + 1));
        const qint64 instant = got.serverNowMs + 45'000;
        QString error;
        QVERIFY2(a.setNotBefore(id, QStringLiteral("a"), instant, &error), qPrintable(error));
        QCOMPARE(a.holders().value(id).notBeforeMs, std::optional<qint64>(instant));
        // A wait is put on the server's clock.
        QVERIFY(a.setNotBeforeIn(id, QStringLiteral("a"), 30'000, &error));
        qint64 now = 0;
        const std::optional<qint64> stored = a.holders(&now).value(id).notBeforeMs;
        QVERIFY(stored);
        QVERIFY2(*stored > now + 29'000 && *stored <= now + 30'000, qPrintable(QString::number(*stored - now)));
        // Released (a graceful stop): the successor takes it over with the wait.
        QVERIFY(a.release({id}, QStringLiteral("a")));
        const PgLeases::Acquired successor = b.acquire({id}, QStringLiteral("b"), 600000);
        QCOMPARE(successor.held.value(id), stored);
        // And clears it once it no longer holds.
        QVERIFY(b.setNotBefore(id, QStringLiteral("b"), std::nullopt));
        QVERIFY(!b.holders().value(id).notBeforeMs);
    }

    void thousandAccountsInOneStatement()
    {
        const QString url = freshDatabase();
        PgLeases a, b;
        QVERIFY(a.open(url));
        QVERIFY(b.open(url));
        const QStringList ids = accountIds(1000);
        QElapsedTimer timer;
        timer.start();
        const PgLeases::Acquired first = a.acquire(ids, QStringLiteral("a"), 60000);
        const qint64 takeMs = timer.elapsed();
        QVERIFY2(first.ok, qPrintable(first.error));
        QCOMPARE(first.held.size(), 1000);
        timer.restart();
        const PgLeases::Acquired renewed = a.acquire(ids, QStringLiteral("a"), 60000);
        const qint64 renewMs = timer.elapsed();
        QCOMPARE(renewed.held.size(), 1000);
        timer.restart();
        const PgLeases::Acquired refused = b.acquire(ids, QStringLiteral("b"), 60000);
        const qint64 refusedMs = timer.elapsed();
        QCOMPARE(refused.held.size(), 0);
        QVERIFY(refused.nextExpiryMs);
        qInfo("1,000 accounts: first acquire %lld ms, renewal %lld ms, another holder's attempt %lld ms",
              takeMs, renewMs, refusedMs);
        // One round trip each, not a thousand.
        QVERIFY2(renewMs < 1000, qPrintable(QString::number(renewMs)));
    }

    void racingHoldersNeverShareAnAccount()
    {
        // Four threads, each its own holder and connection, acquire the same 200 expired leases
        // together over and over: every account is won by exactly one of them each round.
        const QString url = freshDatabase();
        const QStringList ids = accountIds(200);
        constexpr int kRounds = 10;
        constexpr int kHolders = 4;
        QList<QList<QSet<QString>>> won(kHolders, QList<QSet<QString>>(kRounds));
        QList<QString> errors(kHolders);
        QList<QThread *> threads;
        // Every thread's round r starts at the same instant (rounds 500 ms apart).
        const qint64 firstSlot = (QDateTime::currentMSecsSinceEpoch() / 500 + 2) * 500;
        for (int h = 0; h < kHolders; ++h) {
            threads << QThread::create([&, h] {
                PgLeases leases;
                if (!leases.open(url, &errors[h]))
                    return;
                // Leases of 400 ms: each round starts after every lease of the previous ended.
                for (int round = 0; round < kRounds; ++round) {
                    const qint64 wait = firstSlot + round * 500 - QDateTime::currentMSecsSinceEpoch();
                    if (wait > 0)
                        QThread::msleep(quint64(wait));
                    const PgLeases::Acquired r = leases.acquire(ids, QStringLiteral("h%1").arg(h), 400);
                    if (!r.ok) {
                        errors[h] = r.error;
                        return;
                    }
                    won[h][round] = keysOf(r);
                }
            });
            threads.last()->start();
        }
        for (QThread *t : threads) {
            QVERIFY(t->wait(120000));
            delete t;
        }
        for (const QString &e : errors)
            QVERIFY2(e.isEmpty(), qPrintable(e));
        // Each round every account went to exactly one holder.
        int contested = 0;
        for (int round = 0; round < kRounds; ++round) {
            QSet<QString> seen;
            int total = 0;
            for (int h = 0; h < kHolders; ++h) {
                total += int(won[h][round].size());
                if (seen.intersects(won[h][round]))
                    QFAIL(qPrintable(QStringLiteral("round %1: an account won by two holders").arg(round)));
                seen |= won[h][round];
            }
            QCOMPARE(total, int(ids.size()));
            contested += total > 0 ? 1 : 0;
        }
        QCOMPARE(contested, kRounds);
    }

    void unreachableServerIsAClearError()
    {
        PgLeases leases;
        QString error;
        // A port nothing listens on, with a password that must not appear in the message.
        QVERIFY(!leases.open(QStringLiteral("postgresql://headroom:s3cr3t-pw@127.0.0.1:1/headroom?connect_timeout=2"),
                             &error));
        QVERIFY2(error.contains(QStringLiteral("127.0.0.1")), qPrintable(error));
        QVERIFY2(!error.contains(QStringLiteral("s3cr3t-pw")), qPrintable(error));

        // An open one whose server went away says so on the next call, and works again after.
        const QString url = freshDatabase();
        QVERIFY(leases.open(url));
        QVERIFY(leases.acquire({QStringLiteral("x")}, QStringLiteral("a"), 60000).ok);
        QVERIFY(m_pg.stop());
        const PgLeases::Acquired down = leases.acquire({QStringLiteral("x")}, QStringLiteral("a"), 60000);
        QVERIFY(!down.ok);
        QVERIFY(down.held.isEmpty());
        QVERIFY2(down.error.contains(QStringLiteral("Leases in")), qPrintable(down.error));
        QVERIFY(m_pg.startServer());
        const PgLeases::Acquired up = leases.acquire({QStringLiteral("x")}, QStringLiteral("a"), 60000);
        QVERIFY2(up.ok, qPrintable(up.error));
        QCOMPARE(up.held.size(), 1);
    }
};

QTEST_GUILESS_MAIN(TestPgLeases)
#include "tst_pgleases.moc"
