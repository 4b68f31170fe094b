// `headroom export --kind summary` with pools, through the real binary: one row per pool and
// resource (`pool:NAME`), the sum over distinct buckets, the tokens that share one bucket found
// from the stored history and counted once.
#include "clirunner.h"

#include "history/historystore.h"

#include <QDir>
#include <QtTest>

namespace {

const qint64 kT0 = 1795435200000; // 2026-11-23T12:00:00Z, a window start

Sample sample(const QString &id, qint64 atS, qint64 limit, qint64 used, qint64 resetS)
{
    Sample s;
    s.accountId = id;
    s.resource = QStringLiteral("core");
    s.time = QDateTime::fromMSecsSinceEpoch(kT0 + atS * 1000, Qt::UTC);
    s.limit = limit;
    s.used = used;
    s.remaining = limit - used;
    s.resetAt = QDateTime::fromMSecsSinceEpoch(kT0 + resetS * 1000, Qt::UTC);
    s.status = 200;
    s.cost = 1;
    return s;
}

} // namespace

class TestCliExportPool : public QObject
{
    Q_OBJECT

    QTemporaryDir m_root;
    QProcessEnvironment m_env;

    TestCli::Run headroom(const QStringList &args) { return TestCli::run(QStringLiteral(HEADROOM_BIN), args, m_env); }

    QString addAccount(const QString &name)
    {
        const TestCli::Run r = headroom({QStringLiteral("account"), QStringLiteral("add"), name, QStringLiteral("--provider"),
                                         QStringLiteral("generic"), QStringLiteral("--auth"), QStringLiteral("none"),
                                         QStringLiteral("--base-url"), QStringLiteral("http://127.0.0.1:9"),
                                         QStringLiteral("--probe-path"), QStringLiteral("/me")});
        if (r.code != 0)
            return {};
        return TestCli::accountIdIn(headroom({QStringLiteral("account"), QStringLiteral("list"), QStringLiteral("--json")}).out,
                                    name);
    }

    // The summary's rows, split into cells (no cell here holds a comma or a quote).
    QList<QStringList> summary(const QStringList &extra = {})
    {
        const TestCli::Run r = headroom(QStringList{QStringLiteral("export"), QStringLiteral("--kind"),
                                                    QStringLiteral("summary"), QStringLiteral("--out"), QStringLiteral("-")}
                                        + extra);
        if (r.code != 0) {
            qWarning() << r.err;
            return {};
        }
        QList<QStringList> rows;
        for (const QByteArray &line : r.out.split('\n')) {
            if (!line.isEmpty())
                rows << QString::fromUtf8(line.chopped(line.endsWith('\r') ? 1 : 0)).split(u',');
        }
        return rows;
    }

private Q_SLOTS:
    void init()
    {
        QVERIFY(m_root.isValid());
        m_env = TestCli::isolatedEnvironment(m_root);
    }

    void poolRowsWithSharedBucket()
    {
        const QString w1 = addAccount(QStringLiteral("worker-01"));
        const QString w2 = addAccount(QStringLiteral("worker-02"));
        const QString u1 = addAccount(QStringLiteral("user-a"));
        const QString u2 = addAccount(QStringLiteral("user-b"));
        QVERIFY(!w1.isEmpty() && !w2.isEmpty() && !u1.isEmpty() && !u2.isEmpty());
        QCOMPARE(headroom({QStringLiteral("pool"), QStringLiteral("add"), QStringLiteral("fan-out"), QStringLiteral("worker-01"),
                           QStringLiteral("worker-02")})
                     .code,
                 0);
        QCOMPARE(headroom({QStringLiteral("pool"), QStringLiteral("add"), QStringLiteral("one-user"), QStringLiteral("user-a"),
                           QStringLiteral("user-b")})
                     .code,
                 0);

        // The history the monitor would have left: two 600/60 s tokens that share a window start
        // but spend on their own, and two tokens of one 5,000/h bucket read 5 s apart while the
        // bucket's count grows 2 a second.
        {
            HistoryStore store;
            const QString path = m_root.filePath(QStringLiteral("data/headroom/history.sqlite"));
            QVERIFY(QDir().mkpath(QFileInfo(path).absolutePath()));
            QVERIFY(store.open(path));
            const QList<std::pair<QString, QString>> names{
                {w1, QStringLiteral("worker-01")}, {w2, QStringLiteral("worker-02")},
                {u1, QStringLiteral("user-a")},    {u2, QStringLiteral("user-b")}};
            for (const auto &[id, name] : names)
                QVERIFY(store.registerAccount(id, name, QStringLiteral("generic")));
            QList<Sample> samples;
            for (qint64 t = 0; t < 60; t += 10) {
                samples << sample(w1, t + 1, 600, 10 + t, 60) << sample(w2, t + 6, 600, 200 + 3 * (t + 6), 60);
                samples << sample(u1, t, 5000, 100 + 2 * t, 3600) << sample(u2, t + 5, 5000, 100 + 2 * (t + 5), 3600);
            }
            QVERIFY(store.appendSamples(samples));
            Event e;
            e.accountId = w2;
            e.time = QDateTime::fromMSecsSinceEpoch(kT0 + 30000, Qt::UTC);
            e.kind = EventKind::Throttled;
            e.status = 429;
            QVERIFY(store.appendEvents({e}));
        }

        const QList<QStringList> rows = summary();
        QCOMPARE(rows.size(), 1 + 4 + 2);
        QCOMPARE(rows.first().at(2), QStringLiteral("account"));
        QHash<QString, QStringList> byAccount;
        for (const QStringList &row : rows.mid(1))
            byAccount.insert(row.at(2), row);
        const QStringList fanOut = byAccount.value(QStringLiteral("pool:fan-out"));
        const QStringList oneUser = byAccount.value(QStringLiteral("pool:one-user"));
        QCOMPARE(fanOut.size(), 13);
        QCOMPARE(oneUser.size(), 13);
        // Independent tokens add up: 1,200. Their lowest sum: worker-01 at 59 - ... read together.
        QCOMPARE(fanOut.at(3), QStringLiteral("generic"));
        QCOMPARE(fanOut.at(4), QStringLiteral("core"));
        QCOMPARE(fanOut.at(5), QStringLiteral("12"));
        QCOMPARE(fanOut.at(6), QStringLiteral("1200"));
        QCOMPARE(fanOut.at(10), QStringLiteral("1"));  // worker-02's throttle, once
        QCOMPARE(fanOut.at(12), QStringLiteral("12")); // the members' probes
        // One bucket found in the history and counted once: 5,000, not 10,000; its level is
        // the freshest reading (user-b at 55 s: used 210).
        QCOMPARE(oneUser.at(6), QStringLiteral("5000"));
        QCOMPARE(oneUser.at(7), QStringLiteral("4790"));
        QCOMPARE(oneUser.at(9), QStringLiteral("210"));
        // Members' rows say what each saw; throttles agree with the event log.
        QCOMPARE(byAccount.value(QStringLiteral("worker-02")).at(10), QStringLiteral("1"));
        QCOMPARE(byAccount.value(QStringLiteral("worker-01")).at(10), QStringLiteral("0"));

        // Limited to some accounts: a pool only when all its members are in.
        const QList<QStringList> some = summary({QStringLiteral("--account"), QStringLiteral("user-a"),
                                                 QStringLiteral("--account"), QStringLiteral("user-b"),
                                                 QStringLiteral("--account"), QStringLiteral("worker-01")});
        QCOMPARE(some.size(), 1 + 3 + 1);
        QCOMPARE(some.last().at(2), QStringLiteral("pool:one-user"));

        // A pool by its name: its rows only.
        const QList<QStringList> named = summary({QStringLiteral("--account"), QStringLiteral("pool:one-user")});
        QCOMPARE(named.size(), 1 + 1);
        QCOMPARE(named.last().at(2), QStringLiteral("pool:one-user"));
        QCOMPARE(named.last().at(6), QStringLiteral("5000"));
        QCOMPARE(headroom({QStringLiteral("export"), QStringLiteral("--kind"), QStringLiteral("summary"),
                           QStringLiteral("--account"), QStringLiteral("pool:nope"), QStringLiteral("--out"),
                           QStringLiteral("-")})
                     .code,
                 2);

        // By the hour, the same single hour.
        const QList<QStringList> hours = summary({QStringLiteral("--period"), QStringLiteral("hour")});
        QCOMPARE(hours.size(), 1 + 4 + 2);
        QCOMPARE(hours.last().at(0), QStringLiteral("2026-11-23T12:00:00Z"));
        QCOMPARE(hours.last().at(1), QStringLiteral("2026-11-23T13:00:00Z"));
    }

    // Pools without a history: the header only, and no history file made.
    void noHistory()
    {
        QDir(m_root.filePath(QStringLiteral("data"))).removeRecursively();
        QDir(m_root.filePath(QStringLiteral("config"))).removeRecursively();
        QVERIFY(!addAccount(QStringLiteral("solo")).isEmpty());
        QCOMPARE(headroom({QStringLiteral("pool"), QStringLiteral("add"), QStringLiteral("p"), QStringLiteral("solo")}).code, 0);
        QCOMPARE(summary().size(), 1);
        QVERIFY(!QFile::exists(m_root.filePath(QStringLiteral("data/headroom/history.sqlite"))));
    }
};

QTEST_GUILESS_MAIN(TestCliExportPool)
#include "tst_cli_export_pool.moc"
