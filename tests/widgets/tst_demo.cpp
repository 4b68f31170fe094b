// Starts the real demo (simulator on loopback, Monitor, a throw-away history file), waits until every
// account has been probed and the chart has data, and renders the window to a PNG: into the
// source tree's resources/screenshots/dashboard.png only with HEADROOM_UPDATE_SCREENSHOT=1,
// otherwise into the build directory.
#include "accountfilterproxymodel.h"
#include "accounttablemodel.h"
#include "dashboard.h"
#include "demo.h"
#include "eventlogmodel.h"
#include "history/historystore.h"
#include "mainwindow.h"
#include "quotachartview.h"
#include "visiblestrings.h"
#include "accounts/memorysecretstore.h"
#include "engine/monitor.h"
#include "engine/poolmonitor.h"
#include "engine/session.h"
#include "probe/proberesult.h"
#include "sim/simulatedapi.h"

#include <QAction>
#include <QApplication>
#include <QDir>
#include <QFileInfo>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>

#include <cmath>
#include <memory>

namespace {

using D = SimulatedApi::Dialect;
using M = SimulatedApi::QuotaModel;

// One answer of the simulator, read over real loopback HTTP.
struct Answer
{
    qint64 atMs = 0;
    int status = -1;
    QList<QNetworkReply::RawHeaderPair> headers;
    QByteArray body;

    QByteArray header(const QByteArray &name) const
    {
        for (const auto &h : headers)
            if (h.first.compare(name, Qt::CaseInsensitive) == 0)
                return h.second;
        return {};
    }
    // Any field whose name mentions a rate limit, a remaining count, a reset or a wait.
    QByteArrayList quotaFields() const
    {
        QByteArrayList out;
        for (const auto &h : headers) {
            const QByteArray n = h.first.toLower();
            if (n.contains("ratelimit") || n.contains("remaining") || n.contains("reset") || n == "retry-after")
                out << h.first;
        }
        return out;
    }
};

Answer get(QNetworkAccessManager &nam, const QString &url, const QByteArray &token = {})
{
    QNetworkRequest request{QUrl(url)};
    if (!token.isEmpty())
        request.setRawHeader("Authorization", "Bearer " + token);
    std::unique_ptr<QNetworkReply> reply(nam.get(request));
    QSignalSpy finished(reply.get(), &QNetworkReply::finished);
    if (!reply->isFinished() && !finished.wait(10000))
        return {};
    Answer a;
    a.atMs = QDateTime::currentMSecsSinceEpoch();
    a.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    a.headers = reply->rawHeaderPairs();
    a.body = reply->readAll();
    return a;
}

// The instants a condition starts to hold in a replayed or polled series.
template<typename T, typename F> QList<qint64> onsets(const QList<T> &series, F holds)
{
    QList<qint64> out;
    bool was = true; // an episode already under way at the start is not an onset
    for (const T &x : series) {
        const bool now = holds(x);
        if (now && !was)
            out << x.first;
        was = now;
    }
    return out;
}

// A replayed quota as (instant, remaining) pairs, for onsets().
QList<QPair<qint64, qint64>> leftOf(const QList<SimulatedApi::QuotaPoint> &trace)
{
    QList<QPair<qint64, qint64>> out;
    for (const SimulatedApi::QuotaPoint &p : trace)
        out.append({p.atMs, p.remaining});
    return out;
}

QString prefixOf(const Demo &demo, const QString &name)
{
    for (const Account &a : demo.accounts())
        if (a.name == name)
            return a.baseUrl.mid(demo.server()->baseUrl().size());
    return {};
}

std::optional<Account> accountNamed(const Demo &demo, const QString &name)
{
    for (const Account &a : demo.accounts())
        if (a.name == name)
            return a;
    return std::nullopt;
}

} // namespace

class TestDemo : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    // Tokens mapped to one bucket read one limit, remaining and reset and all spend it; a token
    // of its own (bucketPerToken) and the endpoint's default bucket are apart from it.
    void sharedBucketServesSeveralTokens()
    {
        SimulatedApi api;
        SimulatedApi::Endpoint e = SimulatedApi::Endpoint::quota(QStringLiteral("/gh"), D::GitHub, M::FixedWindow, 5000, 3600, 0);
        e.probeCost = 1;
        e.bucketPerToken = true;
        e.tokenBuckets = {{"alice-1", QStringLiteral("alice")}, {"alice-2", QStringLiteral("alice")}};
        api.addEndpoint(e);
        QVERIFY(api.listen());
        QNetworkAccessManager nam;
        const QString url = api.baseUrl() + QStringLiteral("/gh/user");
        auto remaining = [](const Answer &a) { return a.header("x-ratelimit-remaining").toLongLong(); };
        const Answer a1 = get(nam, url, "alice-1");
        const Answer a2 = get(nam, url, "alice-2");
        const Answer a3 = get(nam, url, "alice-1");
        QCOMPARE(a1.status, 200);
        QCOMPARE(remaining(a1), 4999);
        QCOMPARE(remaining(a2), 4998); // the other token spent the same bucket
        QCOMPARE(remaining(a3), 4997);
        QCOMPARE(a2.header("x-ratelimit-reset"), a1.header("x-ratelimit-reset"));
        QCOMPARE(a2.header("x-ratelimit-limit"), QByteArray("5000"));
        const Answer b = get(nam, url, "bob");
        QCOMPARE(remaining(b), 4999); // a bucket of its own
        const Answer anonymous = get(nam, url);
        QCOMPARE(remaining(anonymous), 4999); // the endpoint's own
        api.consumeBucket(QStringLiteral("alice"), 100);
        QCOMPARE(remaining(get(nam, url, "alice-2")), 4896);
        QCOMPARE(remaining(get(nam, url, "bob")), 4998);
    }

    // A fixed window placed in its window at the start, consumers whose rate steps and swings:
    // the live answer is the replayed quota, less what the requests spent.
    void liveQuotaContinuesItsReplay()
    {
        SimulatedApi api;
        SimulatedApi::Endpoint e = SimulatedApi::Endpoint::quota(QStringLiteral("/x"), D::Generic, M::FixedWindow, 1000, 600, 1.0);
        e.probeCost = 0;
        e.warmUpS = 600;
        e.windowElapsedS = 300;
        e.consumerSteps = {{-120, 2.0}};
        e.consumerSwing = 0.5;
        api.addEndpoint(e);
        QVERIFY(api.listen());
        QNetworkAccessManager nam;
        const Answer a = get(nam, api.baseUrl() + QStringLiteral("/x/"));
        const qint64 start = api.startedAtMs();
        const QList<SimulatedApi::QuotaPoint> past = SimulatedApi::replay(e, start, a.atMs - 3600 * 1000, a.atMs, 60);
        QCOMPARE(past.size(), 61);
        // 180 s at about 1/s, then 120 s and the time since the start at about 2/s.
        const qint64 live = a.header("X-RateLimit-Remaining").toLongLong();
        QVERIFY2(qAbs(live - past.last().remaining) <= 2 + (a.atMs - start) * 2 / 1000,
                 qPrintable(QStringLiteral("%1 %2").arg(live).arg(past.last().remaining)));
        QVERIFY2(qAbs(live - (1000 - 180 - 240)) <= 6 + (a.atMs - start) * 2 / 1000, qPrintable(QString::number(live)));
        // The window began 300 s before the start: it resets 300 s after it.
        QCOMPARE(a.header("X-RateLimit-Reset").toLongLong(), (start + 300 * 1000) / 1000);
        QCOMPARE(past.last().resetS, (start + 300 * 1000) / 1000);
        // The replay rolls windows as the server does: every 600 s a full quota again.
        QVERIFY(past.first().remaining < 1000);
        int resets = 0;
        for (qsizetype i = 1; i < past.size(); ++i)
            resets += past.at(i).remaining > past.at(i - 1).remaining;
        QCOMPARE(resets, 6);
    }

    // The demo's two pools: two GitHub tokens of one user, and two independent workers.
    void demoPools()
    {
        Demo demo;
        QString error;
        QVERIFY2(demo.start(&error), qPrintable(error));
        QHash<QString, Account> byId;
        for (const Account &a : demo.accounts())
            byId.insert(a.id, a);
        QVERIFY2(demo.accounts().size() >= 6 && demo.accounts().size() <= 9, qPrintable(QString::number(demo.accounts().size())));
        const QList<Pool> pools = demo.pools();
        QCOMPARE(pools.size(), 2);
        auto names = [&](const Pool &p) {
            QStringList out;
            for (const QString &id : p.memberIds)
                out << byId.value(id).name;
            return out;
        };
        QCOMPARE(pools.at(0).name, QStringLiteral("octo"));
        QCOMPARE(pools.at(0).presetId, QStringLiteral("github"));
        QCOMPARE(names(pools.at(0)), (QStringList{QStringLiteral("octo-ci"), QStringLiteral("octo-release")}));
        QCOMPARE(pools.at(1).name, QStringLiteral("workers"));
        QCOMPARE(pools.at(1).presetId, QStringLiteral("generic"));
        QCOMPARE(names(pools.at(1)), (QStringList{QStringLiteral("worker-01"), QStringLiteral("worker-02")}));
        for (const Pool &p : pools)
            for (const QString &id : p.memberIds)
                QCOMPARE(byId.value(id).presetId, p.presetId);

        // The two GitHub tokens read one bucket over HTTP: one limit, one reset, one remaining
        // (less what others spent between the two answers).
        QNetworkAccessManager nam;
        QStringList tokens;
        for (const QString &id : pools.at(0).memberIds)
            demo.secrets()->read(id, [&](const SecretStore::Result &r) { tokens << r.secret; });
        QTRY_COMPARE(tokens.size(), 2);
        QVERIFY(tokens.at(0) != tokens.at(1));
        const QString url = byId.value(pools.at(0).memberIds.first()).baseUrl + QStringLiteral("/rate_limit");
        QCOMPARE(byId.value(pools.at(0).memberIds.last()).baseUrl + QStringLiteral("/rate_limit"), url);
        const Answer ci = get(nam, url, tokens.at(0).toUtf8());
        const Answer release = get(nam, url, tokens.at(1).toUtf8());
        QCOMPARE(ci.status, 200);
        QCOMPARE(release.header("x-ratelimit-limit"), QByteArray("5000"));
        QCOMPARE(release.header("x-ratelimit-reset"), ci.header("x-ratelimit-reset"));
        const qint64 spentBetween = ci.header("x-ratelimit-remaining").toLongLong() - release.header("x-ratelimit-remaining").toLongLong();
        QVERIFY2(spentBetween >= 0 && spentBetween <= 2 + (release.atMs - ci.atMs) * 2 / 1000, qPrintable(QString::number(spentBetween)));
        // About 22 % left, below the 20 % warning within two minutes.
        const qint64 left = ci.header("x-ratelimit-remaining").toLongLong();
        QVERIFY2(left > 1000 && left < 1150, qPrintable(QString::number(left)));
    }

    // The demo run by a Session as the dashboard runs it: each account's replayed day ends where
    // its first live reading begins (same remaining within one probe's spend, same reset), and
    // the pools read as the stories say: "octo" one 5,000/h bucket shared by both tokens,
    // "workers" two buckets of 1,000, imbalanced (worker-01 throttled, worker-02 idle).
    void demoSessionSeamAndPools()
    {
        Demo demo;
        QString error;
        QVERIFY2(demo.start(&error), qPrintable(error));
        QTemporaryDir dir;
        Session::Options o;
        o.historyLocation = dir.filePath(QStringLiteral("history.sqlite"));
        o.secrets = demo.secrets();
        o.fixedAccounts = demo.accounts();
        o.fixedPools = demo.pools();
        o.tuneScheduler = &Demo::tune;
        o.alerts = false;
        Session session(o);
        QVERIFY2(session.open(&error), qPrintable(error));
        QHash<QString, ProbeResult> first;
        connect(session.monitor(), &Monitor::resultRecorded, this, [&](const ProbeResult &r) {
            if (first.contains(r.accountId))
                return;
            first.insert(r.accountId, r);
            demo.backfill(session.history(), r);
        });
        QHash<QString, PoolReading> pools;
        connect(session.pools(), &PoolMonitor::poolUpdated, this, [&](const PoolReading &r) { pools.insert(r.pool, r); });
        session.monitor()->start();

        const QStringList replayed{QStringLiteral("octo-ci"), QStringLiteral("octo-release"), QStringLiteral("worker-01"),
                                   QStringLiteral("worker-02"), QStringLiteral("edge-dns")};
        QHash<QString, Account> byName;
        for (const Account &a : demo.accounts())
            byName.insert(a.name, a);
        auto allFirst = [&] {
            for (const QString &name : replayed)
                if (!first.contains(byName.value(name).id))
                    return false;
            return true;
        };
        QTRY_VERIFY_WITH_TIMEOUT(allFirst(), 20000);
        for (const QString &name : replayed) {
            const Account a = byName.value(name);
            const ProbeResult live = first.value(a.id);
            QVERIFY2(!live.reading.quotas.isEmpty(), qPrintable(name));
            const std::optional<SimulatedApi::Endpoint> e = demo.server()->endpoint(a.baseUrl.mid(demo.server()->baseUrl().size()));
            QVERIFY(e);
            for (const Quota &q : live.reading.quotas) {
                if (!q.limit || !q.remaining)
                    continue;
                const QList<Sample> day = session.history()->samples(a.id, q.resource, live.probedAt.addDays(-2),
                                                                     live.probedAt.addMSecs(-1));
                QVERIFY2(day.size() >= 24 * 60, qPrintable(name + u' ' + QString::number(day.size())));
                const Sample &last = day.last();
                QCOMPARE(last.time.msecsTo(live.probedAt), Demo::kSeamMs);
                QCOMPARE(*last.limit, *q.limit);
                // Within one probe's spend, plus what the other consumers spend while the answer
                // travels and the unit the second-by-second accounting may round differently.
                const qint64 tolerance = e->probeCost + 2 + qint64(std::ceil(e->consumerRate));
                QVERIFY2(qAbs(*last.remaining - *q.remaining) <= tolerance,
                         qPrintable(QStringLiteral("%1 %2: history ends at %3, live begins at %4")
                                        .arg(name, q.resource).arg(*last.remaining).arg(*q.remaining)));
                QCOMPARE(bool(last.resetAt), bool(q.resetAt));
                if (q.resetAt)
                    QVERIFY2(qAbs(last.resetAt->secsTo(*q.resetAt)) <= 2,
                             qPrintable(name + u' ' + last.resetAt->toString(Qt::ISODate) + u' ' + q.resetAt->toString(Qt::ISODate)));
                QCOMPARE(bool(last.used), bool(q.used));
            }
        }
        // The stories at the start: the shared bucket at about 22 %, worker-01 throttled and
        // worker-02 idle, edge-dns critical.
        std::optional<qint64> octoLeft;
        for (const Quota &q : first.value(byName.value(QStringLiteral("octo-ci")).id).reading.quotas)
            if (q.resource == QStringLiteral("core"))
                octoLeft = q.remaining;
        QVERIFY(octoLeft);
        QVERIFY2(*octoLeft > 1000 && *octoLeft < 1150, qPrintable(QString::number(*octoLeft)));
        QCOMPARE(first.value(byName.value(QStringLiteral("worker-01")).id).state, AccountState::Throttled);
        QVERIFY(*first.value(byName.value(QStringLiteral("worker-02")).id).reading.quotas.first().remaining > 900);
        QCOMPARE(first.value(byName.value(QStringLiteral("edge-dns")).id).state, AccountState::Critical);

        // The pools: the shared bucket is found from the readings and counted once.
        QTRY_VERIFY_WITH_TIMEOUT(pools.contains(QStringLiteral("workers")), 20000);
        const PoolReading workers = pools.value(QStringLiteral("workers"));
        QVERIFY(workers.imbalanced);
        QCOMPARE(workers.lowMembers, QStringList{QStringLiteral("worker-01")});
        QCOMPARE(workers.roomyMembers, QStringList{QStringLiteral("worker-02")});
        QCOMPARE(workers.quotas.value(0).limit, std::optional<qint64>(2000));
        QVERIFY(workers.shared.isEmpty());
        auto octoShared = [&] {
            const PoolReading r = pools.value(QStringLiteral("octo"));
            return r.shared == QList<QStringList>{{QStringLiteral("octo-ci"), QStringLiteral("octo-release")}};
        };
        QTRY_VERIFY_WITH_TIMEOUT(octoShared(), 90000);
        const PoolReading octoPool = pools.value(QStringLiteral("octo"));
        bool core = false;
        for (const PoolQuota &q : octoPool.quotas) {
            if (q.resource != QStringLiteral("core"))
                continue;
            core = true;
            QCOMPARE(q.limit, std::optional<qint64>(5000));
            QCOMPARE(q.memberLimitSum, std::optional<qint64>(10000));
            QCOMPARE(q.buckets, 1);
        }
        QVERIFY(core);
        QVERIFY(!octoPool.imbalanced);
    }

    // A repository access token's answers: its limit, its resource and a near-limit flag that
    // goes up when under 20 % of the hidden allowance is left and down again, never a remaining
    // count, a reset or a wait. Scaled down: a 10 s window and a job every 4 s.
    void bitbucketAccessTokenReportsOnlyItsLimit()
    {
        SimulatedApi api;
        SimulatedApi::Endpoint e = SimulatedApi::Endpoint::quota(QStringLiteral("/bb"), D::Bitbucket, M::SlidingWindow, 100, 10, 0);
        e.probeCost = 0; // the polling leaves the quota to the job
        e.jobEveryS = 4;
        e.jobS = 1;
        e.jobRate = 30; // 2 or 3 runs in the window: 40 or 10 of 100 left
        e.warmUpS = 10;
        api.addEndpoint(e);
        QVERIFY(api.listen());
        QNetworkAccessManager nam;
        QList<QPair<qint64, bool>> flags;
        const qint64 until = QDateTime::currentMSecsSinceEpoch() + 9000;
        while (QDateTime::currentMSecsSinceEpoch() < until) {
            const Answer a = get(nam, api.baseUrl() + QStringLiteral("/bb/2.0/repositories/acme/web"));
            QCOMPARE(a.status, 200);
            QCOMPARE(a.header("X-RateLimit-Limit"), QByteArray("100"));
            QCOMPARE(a.header("X-RateLimit-Resource"), QByteArray("api"));
            const QByteArray near = a.header("X-RateLimit-NearLimit");
            QVERIFY2(near == "true" || near == "false", near.constData());
            QCOMPARE(a.quotaFields(), (QByteArrayList{"X-RateLimit-Limit", "X-RateLimit-Resource", "X-RateLimit-NearLimit"}));
            flags.append({a.atMs, near == "true"});
            QTest::qWait(100);
        }
        const QList<qint64> up = onsets(flags, [](const auto &f) { return f.second; });
        const QList<qint64> down = onsets(flags, [](const auto &f) { return !f.second; });
        QVERIFY2(!up.isEmpty() && !down.isEmpty(), qPrintable(QStringLiteral("%1 up, %2 down").arg(up.size()).arg(down.size())));
        // The flag follows the job's period.
        for (qsizetype i = 1; i < up.size(); ++i)
            QVERIFY2(qAbs(up.at(i) - up.at(i - 1) - 4000) <= 1000, qPrintable(QString::number(up.at(i) - up.at(i - 1))));
    }

    // A user token's answers: no rate-limit field at all, and 429s with Bitbucket's sentence and
    // no Retry-After while the scheduled job has drained the quota, in runs one job period apart.
    void bitbucketUserTokenThrottlesOnSchedule()
    {
        SimulatedApi api;
        SimulatedApi::Endpoint e = SimulatedApi::Endpoint::quota(QStringLiteral("/bbu"), D::Bitbucket, M::TokenBucket, 100, 10, 0);
        e.probeCost = 0;
        e.quotaHeaders = false;
        e.jobEveryS = 4;
        e.jobS = 2;
        e.jobRate = 80; // 8 times the refill: dry within the run's first second
        e.warmUpS = 20;
        api.addEndpoint(e);
        QVERIFY(api.listen());
        QNetworkAccessManager nam;
        QList<QPair<qint64, int>> statuses;
        const qint64 until = QDateTime::currentMSecsSinceEpoch() + 11000;
        while (QDateTime::currentMSecsSinceEpoch() < until) {
            const Answer a = get(nam, api.baseUrl() + QStringLiteral("/bbu/2.0/repositories/acme/web"));
            QVERIFY2(a.status == 200 || a.status == 429, qPrintable(QString::number(a.status)));
            QVERIFY2(a.quotaFields().isEmpty(), a.quotaFields().join(", ").constData());
            if (a.status == 429)
                QCOMPARE(a.body, QByteArray("Rate limit for this resource has been exceeded"));
            statuses.append({a.atMs, a.status});
            QTest::qWait(100);
        }
        const QList<qint64> runs = onsets(statuses, [](const auto &s) { return s.second == 429; });
        const QList<qint64> gaps = onsets(statuses, [](const auto &s) { return s.second == 200; });
        QVERIFY2(runs.size() >= 2, qPrintable(QString::number(runs.size())));
        QVERIFY(!gaps.isEmpty());
        for (qsizetype i = 1; i < runs.size(); ++i)
            QVERIFY2(qAbs(runs.at(i) - runs.at(i - 1) - 4000) <= 1000, qPrintable(QString::number(runs.at(i) - runs.at(i - 1))));
    }

    // The demo's own two Bitbucket accounts: the headers each sends, and over two hours of the
    // same hidden model, a near-limit flip every 8 minutes and a run of 429s every 5 minutes.
    void demoBitbucketAccounts()
    {
        Demo demo;
        QString error;
        QVERIFY2(demo.start(&error), qPrintable(error));
        QNetworkAccessManager nam;
        const QString token = prefixOf(demo, QStringLiteral("web-repo"));
        const QString user = prefixOf(demo, QStringLiteral("catalog-sync"));
        QVERIFY(!token.isEmpty() && !user.isEmpty());
        const Answer t = get(nam, demo.server()->baseUrl() + token + QStringLiteral("/2.0/repositories/acme/web"));
        QCOMPARE(t.status, 200);
        QCOMPARE(t.header("X-RateLimit-Limit"), QByteArray("8370"));
        QCOMPARE(t.quotaFields().size(), 3);
        const Answer u = get(nam, demo.server()->baseUrl() + user + QStringLiteral("/2.0/repositories/acme/web"));
        QVERIFY(u.status == 200 || u.status == 429);
        QVERIFY2(u.quotaFields().isEmpty(), u.quotaFields().join(", ").constData());

        const qint64 start = demo.server()->startedAtMs();
        const auto te = demo.server()->endpoint(token);
        const auto ue = demo.server()->endpoint(user);
        QVERIFY(te && ue);
        const auto tTrace = leftOf(SimulatedApi::replay(*te, start, start, start + 2 * 3600 * 1000, 5));
        const QList<qint64> near = onsets(tTrace, [&](const auto &x) { return x.second * 5 < te->limit; });
        const QList<qint64> clear = onsets(tTrace, [&](const auto &x) { return x.second * 5 >= te->limit; });
        QVERIFY2(near.size() >= 14 && clear.size() >= 14, qPrintable(QStringLiteral("%1 %2").arg(near.size()).arg(clear.size())));
        QVERIFY2(near.first() - start < 2 * 60 * 1000, qPrintable(QString::number(near.first() - start))); // seen soon
        for (qsizetype i = 1; i < near.size(); ++i)
            QVERIFY2(qAbs(near.at(i) - near.at(i - 1) - 480 * 1000) <= 30 * 1000, qPrintable(QString::number(near.at(i) - near.at(i - 1))));
        const auto uTrace = leftOf(SimulatedApi::replay(*ue, start, start, start + 2 * 3600 * 1000, 5));
        const QList<qint64> dry = onsets(uTrace, [](const auto &x) { return x.second <= 0; });
        const QList<qint64> wet = onsets(uTrace, [](const auto &x) { return x.second > 0; });
        QVERIFY2(dry.size() >= 23 && wet.size() >= 23, qPrintable(QStringLiteral("%1 %2").arg(dry.size()).arg(wet.size())));
        QVERIFY2(dry.first() - start < 90 * 1000, qPrintable(QString::number(dry.first() - start)));
        for (qsizetype i = 1; i < dry.size(); ++i) {
            QVERIFY2(qAbs(dry.at(i) - dry.at(i - 1) - 300 * 1000) <= 10 * 1000, qPrintable(QString::number(dry.at(i) - dry.at(i - 1))));
            // Each run of 429s lasts about a minute: long enough for a probe to meet it.
            const qint64 end = *std::lower_bound(wet.cbegin(), wet.cend(), dry.at(i - 1));
            QVERIFY2(end - dry.at(i - 1) >= 30 * 1000 && end - dry.at(i - 1) <= 120 * 1000, qPrintable(QString::number(end - dry.at(i - 1))));
        }
    }

    // The day behind the two Bitbucket accounts agrees with what they answer live: limit-only
    // samples and near-limit events for the access token; no sample and 429s for the user token.
    void demoBitbucketHistory()
    {
        QTemporaryDir dir;
        HistoryStore store;
        QString error;
        QVERIFY2(store.open(dir.filePath(QStringLiteral("h.sqlite")), &error), qPrintable(error));
        Demo demo;
        QVERIFY2(demo.start(&error), qPrintable(error));
        const std::optional<Account> token = accountNamed(demo, QStringLiteral("web-repo"));
        const std::optional<Account> user = accountNamed(demo, QStringLiteral("catalog-sync"));
        QVERIFY(token && user);
        const Account tokenAccount = *token;
        const Account userAccount = *user;
        QCOMPARE(userAccount.auth, AuthScheme::Basic);
        const QDateTime now = QDateTime::currentDateTimeUtc();
        for (const Account &a : {tokenAccount, userAccount})
            QVERIFY(store.registerAccount(a.id, a.name, a.presetId));

        ProbeResult r;
        r.accountId = tokenAccount.id;
        r.probedAt = now;
        r.reading.status = 200;
        Quota q;
        q.resource = QStringLiteral("api");
        q.limit = 8370;
        q.nearLimit = false;
        r.reading.quotas = {q};
        demo.backfill(&store, r);
        const QList<Sample> samples = store.samples(tokenAccount.id, QStringLiteral("api"), now.addDays(-2), now);
        QCOMPARE(samples.size(), 24 * 60);
        for (const Sample &s : samples)
            QVERIFY(s.limit == 8370 && !s.remaining && !s.used && !s.resetAt);
        const QList<Event> nearEvents = store.events(now.addDays(-2), now, {tokenAccount.id});
        QVERIFY2(nearEvents.size() >= 40, qPrintable(QString::number(nearEvents.size()))); // 6 h, every 8 min
        for (qsizetype i = 0; i < nearEvents.size(); ++i) {
            QCOMPARE(nearEvents.at(i).kind, EventKind::NearLimit);
            if (i > 0)
                QVERIFY(qAbs(nearEvents.at(i - 1).time.secsTo(nearEvents.at(i).time) - 480) <= 30);
        }

        ProbeResult u;
        u.accountId = userAccount.id;
        u.probedAt = now;
        u.reading.status = 200;
        demo.backfill(&store, u);
        QVERIFY(store.resources(userAccount.id).isEmpty());
        const QList<Event> throttles = store.events(now.addDays(-2), now, {userAccount.id});
        QVERIFY2(throttles.size() >= 60, qPrintable(QString::number(throttles.size()))); // 6 h, every 5 min
        for (qsizetype i = 0; i < throttles.size(); ++i) {
            QCOMPARE(throttles.at(i).kind, EventKind::Throttled);
            QCOMPARE(throttles.at(i).status, std::optional<int>(429));
            QVERIFY(!throttles.at(i).retryAfterS);
            if (i > 0)
                QVERIFY(qAbs(throttles.at(i - 1).time.secsTo(throttles.at(i).time) - 300) <= 10);
        }
    }

    void demoWindowShowsEverything()
    {
        Dashboard dashboard(true);
        QString error;
        QVERIFY2(dashboard.start(&error), qPrintable(error));
        MainWindow *w = dashboard.window();
        QCOMPARE(w->windowTitle(), QStringLiteral("Headroom — demo"));
        w->resize(1280, 800);
        w->show();
        QVERIFY(QTest::qWaitForWindowExposed(w));
        AccountTableModel *model = w->accountModel();
        // Every account has its row (pools' members under their pool's).
        for (const Account &a : dashboard.demo()->accounts())
            QVERIFY2(model->indexOfAccount(a.id).isValid(), qPrintable(a.name));
        // The demo's history is a real file (so export works), never the user's own.
        QVERIFY(QFileInfo::exists(qobject_cast<HistoryStore *>(dashboard.history())->path()));
        QVERIFY(qobject_cast<HistoryStore *>(dashboard.history())->path() != HistoryStore::defaultPath());

        // Every account probed once: a state other than "no data yet", or readings.
        auto allProbed = [&] {
            for (const Account &a : dashboard.demo()->accounts()) {
                const QModelIndex row = model->indexOfAccount(a.id);
                if (row.siblingAtColumn(AccountTableModel::LastProbe).data().toString() == QStringLiteral("—"))
                    return false;
            }
            return true;
        };
        QTRY_VERIFY_WITH_TIMEOUT(allProbed(), 30000);
        auto stateOf = [&](const QString &name) {
            for (const Account &a : dashboard.demo()->accounts()) {
                if (a.name == name)
                    return AccountState(model->indexOfAccount(a.id).data(AccountTableModel::StateRole).toInt());
            }
            return AccountState::Error;
        };
        QCOMPARE(stateOf(QStringLiteral("legacy-deploy")), AccountState::AuthFailed);
        // No window shows a token, the rejected one included (its error is on screen).
        QStringList tokens;
        for (const Account &a : dashboard.demo()->accounts())
            dashboard.demo()->secrets()->read(a.id, [&](const SecretStore::Result &r) { tokens << r.secret; });
        QTRY_COMPARE(tokens.size(), dashboard.demo()->accounts().size());
        const QWidgetList windows = QApplication::topLevelWidgets();
        for (QWidget *top : windows) {
            const QStringList seen = TestUi::visibleStrings(top);
            for (const QString &token : std::as_const(tokens)) {
                QVERIFY(token.size() > 8);
                for (const QString &s : seen)
                    QVERIFY2(!s.contains(token), qPrintable(top->objectName()));
            }
        }
        QVERIFY(TestUi::showsText(w, QStringLiteral("legacy-deploy"))); // the walk does see the window
        QCOMPARE(stateOf(QStringLiteral("ghes.corp")), AccountState::Unlimited);
        // The backfilled day reaches the chart and the event log.
        QTRY_VERIFY_WITH_TIMEOUT(w->chartView()->plottedPointCount() > 100, 10000);
        QTRY_VERIFY_WITH_TIMEOUT(w->eventModel()->rowCount() > 0, 10000);

        // A resource row selected: the chart shows one account with its markers.
        const QModelIndex octo = model->indexOfAccount(dashboard.demo()->accounts().first().id);
        QVERIFY(octo.isValid());
        w->accountView()->setCurrentIndex(w->accountProxy()->mapFromSource(octo));
        QVERIFY(!w->chartView()->isOverview());
        QTRY_VERIFY(w->chartView()->plottedPointCount() > 100);
        QVERIFY(w->chartView()->resetMarkerCount() > 0);

        // The docs screenshot shows the table with the selected account's chart.
        QTRY_VERIFY(!w->chartView()->refreshPending());
        // The chart lays out its title and legend in posted events; deliver them before grabbing.
        for (int i = 0; i < 20; ++i)
            QCoreApplication::processEvents();
        const QImage shot = w->grab().toImage();
        QVERIFY(!shot.isNull());
        QCOMPARE(shot.width() >= 1200, true);
        const bool update = qEnvironmentVariable("HEADROOM_UPDATE_SCREENSHOT") == QStringLiteral("1");
        const QString dir = update ? QStringLiteral(HEADROOM_SOURCE_DIR "/resources/screenshots")
                                   : QDir::currentPath();
        QDir().mkpath(dir);
        const QString path = QDir(dir).filePath(QStringLiteral("dashboard.png"));
        QVERIFY(shot.save(path));
        qInfo("screenshot: %s", qPrintable(path));
    }
};

QTEST_MAIN(TestDemo)
#include "tst_demo.moc"
