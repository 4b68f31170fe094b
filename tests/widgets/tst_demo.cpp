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

Answer get(QNetworkAccessManager &nam, const QString &url)
{
    std::unique_ptr<QNetworkReply> reply(nam.get(QNetworkRequest(QUrl(url))));
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
    void syntheticDayEndsAtTheLiveReading()
    {
        const QDateTime end = QDateTime::fromSecsSinceEpoch(1795435200, Qt::UTC);
        const QList<Sample> day = Demo::syntheticDay(QStringLiteral("x"), QStringLiteral("core"), 5000, 1234, end, 0);
        QCOMPARE(day.size(), 24 * 60);
        QVERIFY(day.first().time < day.last().time);
        QVERIFY(qAbs(*day.last().remaining - 1234) < 100);
        for (const Sample &s : day)
            QVERIFY(*s.remaining >= 0 && *s.remaining <= 5000);
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
        const auto tTrace = SimulatedApi::replay(*te, start, start, start + 2 * 3600 * 1000, 5);
        const QList<qint64> near = onsets(tTrace, [&](const auto &x) { return x.second * 5 < te->limit; });
        const QList<qint64> clear = onsets(tTrace, [&](const auto &x) { return x.second * 5 >= te->limit; });
        QVERIFY2(near.size() >= 14 && clear.size() >= 14, qPrintable(QStringLiteral("%1 %2").arg(near.size()).arg(clear.size())));
        QVERIFY2(near.first() - start < 2 * 60 * 1000, qPrintable(QString::number(near.first() - start))); // seen soon
        for (qsizetype i = 1; i < near.size(); ++i)
            QVERIFY2(qAbs(near.at(i) - near.at(i - 1) - 480 * 1000) <= 30 * 1000, qPrintable(QString::number(near.at(i) - near.at(i - 1))));
        const auto uTrace = SimulatedApi::replay(*ue, start, start, start + 2 * 3600 * 1000, 5);
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
        QCOMPARE(model->rowCount(), int(dashboard.demo()->accounts().size()));
        // The demo's history is a real file (so export works), never the user's own.
        QVERIFY(QFileInfo::exists(dashboard.history()->path()));
        QVERIFY(dashboard.history()->path() != HistoryStore::defaultPath());

        // Every account probed once: a state other than "no data yet", or readings.
        auto allProbed = [&] {
            for (int i = 0; i < model->rowCount(); ++i) {
                if (model->index(i, AccountTableModel::LastProbe).data().toString() == QStringLiteral("—"))
                    return false;
            }
            return true;
        };
        QTRY_VERIFY_WITH_TIMEOUT(allProbed(), 30000);
        auto stateOf = [&](const QString &name) {
            for (int i = 0; i < model->rowCount(); ++i) {
                if (model->index(i, AccountTableModel::Name).data().toString() == name)
                    return AccountState(model->index(i, 0).data(AccountTableModel::StateRole).toInt());
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

        // The docs screenshot shows the overview: every account at once.
        w->accountView()->setCurrentIndex({});
        w->findChild<QAction *>(QStringLiteral("actionOverview"))->trigger();
        QTRY_VERIFY(w->chartView()->isOverview() && w->chartView()->plottedPointCount() > 100);
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
