// Three `headroom watch --history postgresql://…` processes on one real PostgreSQL database
// share nine accounts: every account is probed by one process at a time, at one poller's rate,
// each reading stored once; killing the holder with -9 hands its accounts to another process
// within a minute (the lease is 45 s), and a graceful stop (SIGTERM) hands them over within
// seconds.
#include "clirunner.h"
#include "pgcluster.h"
#include "sim/simulatedapi.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

#include <csignal>

using namespace TestCli;

namespace {

constexpr int kAccounts = 9;
constexpr int kIntervalS = 10;

// One watcher and the accounts it printed, with when (ms since the test's clock started).
struct Watcher
{
    std::unique_ptr<QProcess> process;
    QByteArray partial;
    QList<QPair<qint64, QString>> lines;

    QSet<QString> accountsSince(qint64 t) const
    {
        QSet<QString> out;
        for (const auto &l : lines)
            if (l.first >= t)
                out.insert(l.second);
        return out;
    }
};

} // namespace

class TestCliSharedWatch : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void onePollerPerAccount();
};

void TestCliSharedWatch::onePollerPerAccount()
{
    PgCluster cluster;
    QVERIFY2(cluster.start(), qPrintable(cluster.error()));
    SimulatedApi sim;
    sim.addEndpoint(SimulatedApi::Endpoint::quota(
        QStringLiteral("/gh"), SimulatedApi::Dialect::GitHub, SimulatedApi::QuotaModel::FixedWindow, 5000, 3600, 0));
    QVERIFY(sim.listen());

    QTemporaryDir root;
    QProcessEnvironment env = isolatedEnvironment(root);
    env.remove(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"));
    QDir(root.path()).mkpath(QStringLiteral("creds"));
    env.insert(QStringLiteral("CREDENTIALS_DIRECTORY"), root.filePath(QStringLiteral("creds")));
    for (int i = 0; i < kAccounts; ++i) {
        const QString name = QStringLiteral("a%1").arg(i);
        const Run r = run(QStringLiteral(HEADROOM_BIN),
            { QStringLiteral("account"), QStringLiteral("add"), name, QStringLiteral("--provider"), QStringLiteral("github"),
                QStringLiteral("--base-url"), sim.baseUrl() + QStringLiteral("/gh/") + name, QStringLiteral("--interval"),
                QString::number(kIntervalS), QStringLiteral("--secret-store"), QStringLiteral("systemd") },
            env);
        QVERIFY2(r.code == 0, r.err.constData());
        const QRegularExpressionMatch m
            = QRegularExpression(QStringLiteral("--name=(headroom\\.[0-9a-f-]+) ")).match(QString::fromUtf8(r.out));
        QVERIFY(m.hasMatch());
        QFile token(root.filePath(QStringLiteral("creds/")) + m.captured(1));
        QVERIFY(token.open(QIODevice::WriteOnly));
        token.write("ghp_shared" + QByteArray::number(i) + '\n');
    }

    QElapsedTimer clock;
    clock.start();
    Watcher watchers[3];
    for (Watcher &w : watchers) {
        w.process = std::make_unique<QProcess>();
        w.process->setProcessEnvironment(env);
        QProcess *p = w.process.get();
        Watcher *self = &w;
        connect(p, &QProcess::readyReadStandardOutput, this, [p, self, &clock] {
            self->partial += p->readAllStandardOutput();
            qsizetype nl;
            while ((nl = self->partial.indexOf('\n')) >= 0) {
                const QJsonObject o = QJsonDocument::fromJson(self->partial.left(nl)).object();
                self->partial.remove(0, nl + 1);
                if (o.contains(QStringLiteral("account")))
                    self->lines.append({ clock.elapsed(), o.value(QStringLiteral("account")).toString() });
            }
        });
        p->start(QStringLiteral(HEADROOM_BIN),
            { QStringLiteral("watch"), QStringLiteral("--json"), QStringLiteral("--history"), cluster.url() });
        QVERIFY(p->waitForStarted());
        QTest::qWait(300); // a stagger, as machines start apart
    }

    // 1. Shared: every account probed, each by one process, at one poller's rate.
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
            QSet<QString> all;
            for (const Watcher &w : watchers)
                all.unite(w.accountsSince(0));
            return all.size() == kAccounts;
        }(),
        30000);
    QTest::qWait(2 * kIntervalS * 1000);
    const qint64 phaseOneMs = clock.elapsed();
    QSet<QString> seen;
    int holderOfAll = -1;
    int printed = 0;
    for (int w = 0; w < 3; ++w) {
        const QSet<QString> mine = watchers[w].accountsSince(0);
        QVERIFY2(!mine.intersects(seen), "an account was probed by two watchers");
        seen.unite(mine);
        printed += int(watchers[w].lines.size());
        if (!mine.isEmpty())
            holderOfAll = holderOfAll < 0 ? w : holderOfAll;
    }
    QCOMPARE(seen.size(), kAccounts);
    const qint64 maxPerAccount = phaseOneMs / (kIntervalS * 1000) + 2;
    QStringList counts;
    for (int i = 0; i < kAccounts; ++i)
        counts << QString::number(sim.requestCount(QStringLiteral("/gh/a%1").arg(i)));
    qInfo("three watchers, %.0f s: probes per account %s (one poller every %d s: at most %lld)",
        double(phaseOneMs) / 1000.0, qPrintable(counts.join(u' ')), kIntervalS, maxPerAccount);
    for (int i = 0; i < kAccounts; ++i) {
        const int n = sim.requestCount(QStringLiteral("/gh/a%1").arg(i));
        QVERIFY2(n >= 1 && n <= maxPerAccount,
            qPrintable(QStringLiteral("a%1 probed %2 times in %3 s (one poller: at most %4)")
                    .arg(i)
                    .arg(n)
                    .arg(phaseOneMs / 1000)
                    .arg(maxPerAccount)));
    }
    // Each printed line is one stored reading, none doubled (core: one row per probe).
    QTRY_COMPARE_WITH_TIMEOUT(
        cluster.psql(QStringLiteral("SELECT count(*) FROM samples WHERE resource = 'core'")).value_or(QString()),
        QString::number(printed + 0), 5000);
    const int requestsBefore = sim.requestCount(QStringLiteral("/gh"));
    QVERIFY(requestsBefore >= printed);

    // 2. The holder killed with -9: another process probes every one of its accounts within a
    // minute (its 45 s lease ends at most 45 s after its last renewal).
    const QSet<QString> orphaned = watchers[holderOfAll].accountsSince(0);
    ::kill(pid_t(watchers[holderOfAll].process->processId()), SIGKILL);
    watchers[holderOfAll].process->waitForFinished();
    const qint64 killedAt = clock.elapsed();
    auto takenOver = [&] {
        QSet<QString> now;
        for (int w = 0; w < 3; ++w)
            if (w != holderOfAll)
                now.unite(watchers[w].accountsSince(killedAt));
        return now.contains(orphaned);
    };
    QTRY_VERIFY_WITH_TIMEOUT(takenOver(), 90000);
    const qint64 takeoverMs = clock.elapsed() - killedAt;
    QVERIFY2(takeoverMs <= 60000, qPrintable(QString::number(takeoverMs)));
    qInfo("kill -9 of the holder of %d accounts: every one probed again by another watcher after %.1f s",
        int(orphaned.size()), double(takeoverMs) / 1000.0);

    // 3. The new holder stopped gracefully: it releases, the last one takes over at once.
    int next = -1;
    for (int w = 0; w < 3; ++w)
        if (w != holderOfAll && !watchers[w].accountsSince(killedAt).isEmpty())
            next = w;
    QVERIFY(next >= 0);
    const int last = 3 - holderOfAll - next;
    const QSet<QString> handed = watchers[next].accountsSince(killedAt);
    watchers[next].process->terminate();
    QVERIFY(watchers[next].process->waitForFinished(10000));
    QCOMPARE(watchers[next].process->exitCode(), 0);
    const qint64 stoppedAt = clock.elapsed();
    QTRY_VERIFY_WITH_TIMEOUT(watchers[last].accountsSince(stoppedAt).contains(handed), 30000);
    QVERIFY2(clock.elapsed() - stoppedAt <= 10000, qPrintable(QString::number(clock.elapsed() - stoppedAt)));
    qInfo("SIGTERM of the next holder: its %d accounts probed by the last watcher after %.1f s",
        int(handed.size()), double(clock.elapsed() - stoppedAt) / 1000.0);
    watchers[last].process->terminate();
    QVERIFY(watchers[last].process->waitForFinished(10000));
}

QTEST_GUILESS_MAIN(TestCliSharedWatch)
#include "tst_cli_sharedwatch.moc"
