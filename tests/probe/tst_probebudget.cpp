#include "cannedserver.h"

#include "core/clock.h"
#include "engine/proberecord.h"
#include "probe/probeclient.h"
#include "probe/scheduler.h"
#include "sim/simulatedapi.h"

#include <QtTest>

using Headers = QList<QPair<QByteArray, QByteArray>>;
Q_DECLARE_METATYPE(Headers)

// Headroom's own spend, per preset, on the fake clock: the real ProbeClient probes a loopback
// server answering as each provider does, the Scheduler decides when, and ManualClock moves
// time. Every paid preset must stay within 1 % of its quota (the reported limit, else the
// documented one) in any window of the quota's length, whatever the answers.
class TestProbeBudget : public QObject
{
    Q_OBJECT

    struct Run
    {
        QList<QPair<qint64, qint64>> spends; // (monotonic ms, cost) of every probe
        ProbeResult last;
        int probes = 0;
    };

    static Account account(const QString &preset, const QString &baseUrl)
    {
        Account a;
        a.id = QStringLiteral("acct-") + preset;
        a.name = a.id;
        a.presetId = preset;
        a.baseUrl = baseUrl;
        a.auth = Preset::find(preset)->auth;
        a.username = QStringLiteral("me");
        a.params = {{QStringLiteral("workspace"), QStringLiteral("acme")},
                    {QStringLiteral("repo"), QStringLiteral("web")},
                    {QStringLiteral("version"), QStringLiteral("2024-10")},
                    {QStringLiteral("subscription"), QStringLiteral("sub")}};
        return a;
    }

    // Runs one account for `hours` of fake time, probing for real whenever the scheduler says.
    static Run runFor(ManualClock &clock, const Account &a, qint64 hours)
    {
        Run run;
        Scheduler s(&clock, 1234);
        s.addAccount(a.id, Scheduler::policyFor(a));
        ProbeClient client;
        const qint64 end = clock.monotonicMs() + hours * 3'600'000;
        while (clock.monotonicMs() < end) {
            for (const QString &id : s.takeDue()) {
                ProbeJob *job = client.probe(a, QStringLiteral("T0K"));
                QSignalSpy spy(job, &ProbeJob::finished);
                if (!spy.wait(10000))
                    return run;
                const ProbeResult r = spy.first().first().value<ProbeResult>();
                run.spends.append({clock.monotonicMs(), r.cost});
                ++run.probes;
                if (r.state != AccountState::Error || run.last.accountId.isEmpty())
                    run.last = r;
                s.onResult(id, r);
            }
            clock.advanceMs(1000);
        }
        return run;
    }

    // The most any half-open window of `windowMs` spent.
    static qint64 maxSpendInWindow(const Run &run, qint64 windowMs)
    {
        qint64 worst = 0;
        for (qsizetype i = 0; i < run.spends.size(); ++i) {
            qint64 sum = 0;
            for (qsizetype j = i; j < run.spends.size() && run.spends[j].first < run.spends[i].first + windowMs; ++j)
                sum += run.spends[j].second;
            worst = std::max(worst, sum);
        }
        return worst;
    }

private slots:
    void initTestCase() { qRegisterMetaType<ProbeResult>(); }

    void everyPreset_data()
    {
        QTest::addColumn<QString>("preset");
        QTest::addColumn<int>("status");
        QTest::addColumn<Headers>("headers"); // what the provider answers, from its documentation
        QTest::addColumn<QString>("source");  // where the budget's limit comes from

        auto row = [](const char *name) -> QTestData & { return QTest::newRow(name); };
        const QByteArray future = QByteArray::number(1795435200 + 3600);
        row("github") << "github" << 200
                      << Headers{{"x-ratelimit-limit", "5000"}, {"x-ratelimit-remaining", "4990"},
                                 {"x-ratelimit-used", "10"}, {"x-ratelimit-reset", future}, {"x-ratelimit-resource", "core"}}
                      << "free";
        row("gitlab.com headers") << "gitlab" << 200
                                  << Headers{{"RateLimit-Limit", "2000"}, {"RateLimit-Observed", "10"}, {"RateLimit-Remaining", "1990"},
                                             {"RateLimit-Reset", future}, {"RateLimit-Name", "throttle_authenticated_api"}}
                                  << "header";
        row("gitlab self-managed, throttles off") << "gitlab" << 200 << Headers{} << "unknown";
        row("bitbucket user token") << "bitbucket" << 200 << Headers{} << "documented";
        row("bitbucket user token, 429s") << "bitbucket" << 429 << Headers{} << "documented";
        row("bitbucket user token, 503s") << "bitbucket" << 503 << Headers{} << "documented";
        row("bitbucket access token") << "bitbucket" << 200
                                      << Headers{{"X-RateLimit-Limit", "8370"}, {"X-RateLimit-Resource", "api"},
                                                 {"X-RateLimit-NearLimit", "false"}}
                                      << "header";
        row("buildkite") << "buildkite" << 200
                         << Headers{{"RateLimit-Remaining", "180"}, {"RateLimit-Limit", "200"}, {"RateLimit-Reset", "42"}}
                         << "header";
        row("buildkite, no headers") << "buildkite" << 200 << Headers{} << "documented";
        row("ietf") << "ietf" << 200
                    << Headers{{"RateLimit-Policy", "\"default\";q=100;w=60"}, {"RateLimit", "\"default\";r=50;t=30"}}
                    << "header";
        row("atlassian") << "atlassian" << 200 << Headers{{"X-RateLimit-Limit", "350"}, {"X-RateLimit-Remaining", "349"}}
                         << "header";
        row("atlassian-dc") << "atlassian-dc" << 200
                            << Headers{{"X-RateLimit-Limit", "100"}, {"X-RateLimit-Remaining", "99"}} << "header";
        row("shopify") << "shopify" << 200 << Headers{{"X-Shopify-Shop-Api-Call-Limit", "32/40"}} << "header";
        row("slack") << "slack" << 200 << Headers{} << "no probe";
        row("discord") << "discord" << 200
                       << Headers{{"X-RateLimit-Limit", "5"}, {"X-RateLimit-Remaining", "4"},
                                  {"X-RateLimit-Reset-After", "1"}, {"X-RateLimit-Bucket", "abcd1234"}}
                       << "header";
        row("discord, no headers") << "discord" << 200 << Headers{} << "documented";
        row("openai") << "openai" << 200
                      << Headers{{"x-ratelimit-limit-requests", "60"}, {"x-ratelimit-remaining-requests", "59"},
                                 {"x-ratelimit-reset-requests", "1s"}, {"x-ratelimit-limit-tokens", "150000"},
                                 {"x-ratelimit-remaining-tokens", "149984"}, {"x-ratelimit-reset-tokens", "6m0s"}}
                      << "header";
        row("anthropic") << "anthropic" << 200
                         << Headers{{"anthropic-ratelimit-requests-limit", "50"}, {"anthropic-ratelimit-requests-remaining", "49"},
                                    {"anthropic-ratelimit-requests-reset", "2026-11-21T10:00:00Z"}}
                         << "header";
        row("azure") << "azure" << 200 << Headers{{"x-ms-ratelimit-remaining-subscription-reads", "11999"}}
                     << "remaining";
        row("azure-openai") << "azure-openai" << 200
                            << Headers{{"x-ratelimit-limit-requests", "100"}, {"x-ratelimit-remaining-requests", "99"}}
                            << "header";
        row("cloudflare") << "cloudflare" << 200
                          << Headers{{"Ratelimit", "\"default\";r=1150;t=200"}, {"Ratelimit-Policy", "\"default\";q=1200;w=300"}}
                          << "header";
        row("okta") << "okta" << 200
                    << Headers{{"X-Rate-Limit-Limit", "1200"}, {"X-Rate-Limit-Remaining", "1199"}, {"X-Rate-Limit-Reset", future}}
                    << "header";
        row("zendesk") << "zendesk" << 200 << Headers{{"X-Rate-Limit", "700"}, {"X-Rate-Limit-Remaining", "699"}}
                       << "header";
        row("x") << "x" << 200
                 << Headers{{"x-rate-limit-limit", "900"}, {"x-rate-limit-remaining", "847"}, {"x-rate-limit-reset", future}}
                 << "header";
        row("stripe") << "stripe" << 200 << Headers{} << "no probe";
        row("launchdarkly") << "launchdarkly" << 200 << Headers{} << "no probe";
        row("generic") << "generic" << 200
                       << Headers{{"X-RateLimit-Limit", "600"}, {"X-RateLimit-Remaining", "590"}, {"X-RateLimit-Reset", future}}
                       << "header";
    }
    void everyPreset()
    {
        QFETCH(QString, preset);
        QFETCH(int, status);
        QFETCH(Headers, headers);
        QFETCH(QString, source);
        const Preset *p = Preset::find(preset);
        QVERIFY(p);
        ManualClock clock;
        Clock::setInstance(&clock);
        auto restore = qScopeGuard([] { Clock::setInstance(nullptr); });
        CannedServer server;
        QVERIFY(server.listen());
        server.setResponse({status, headers, "{}"});
        const qint64 hours = 3;
        const Run run = runFor(clock, account(preset, server.baseUrl()), hours);

        if (source == QStringLiteral("no probe")) {
            QVERIFY(server.requests().isEmpty());
            QCOMPARE(maxSpendInWindow(run, 3'600'000), qint64(0));
            qInfo("SPEND %-38s limit -, source no probe, probes/h %.1f, spend 0 %%", qPrintable(QTest::currentDataTag()),
                  double(run.probes) / hours);
            return;
        }
        QCOMPARE(qsizetype(run.probes), server.requests().size());
        QVERIFY(run.probes >= 2);
        if (source == QStringLiteral("free")) {
            QCOMPARE(maxSpendInWindow(run, 3'600'000), qint64(0));
            qInfo("SPEND %-38s limit 5000/3600s, source header (free probe), probes/h %.1f, spend 0 %%",
                  qPrintable(QTest::currentDataTag()), double(run.probes) / hours);
            return;
        }

        // The quota the budget answers to: every request-counting quota with a limit.
        QList<QPair<qint64, qint64>> limits; // (limit, window s)
        QString seenSource;
        for (const Quota &q : run.last.reading.quotas) {
            if (!q.limit || q.unit != QStringLiteral("requests"))
                continue;
            const qint64 window = q.windowS ? *q.windowS : (p->defaultWindowS > 0 ? p->defaultWindowS : 3600);
            limits.append({*q.limit, window});
            seenSource = limitSourceId(q.limitSource);
        }
        if (source == QStringLiteral("remaining")) {
            // No limit sent: the largest remaining is a lower bound of it.
            qint64 most = 0;
            for (const Quota &q : run.last.reading.quotas)
                most = std::max(most, q.remaining.value_or(0));
            QVERIFY(most > 0);
            limits.append({most, p->defaultWindowS > 0 ? p->defaultWindowS : 3600});
            seenSource = QStringLiteral("remaining (lower bound)");
        } else if (source == QStringLiteral("unknown")) {
            QVERIFY(limits.isEmpty());
            QCOMPARE(run.last.state, AccountState::NoData);
            // Nothing known about the quota: a cautious four probes an hour, never more.
            QVERIFY2(maxSpendInWindow(run, 3'600'000) <= 4, qPrintable(QString::number(maxSpendInWindow(run, 3'600'000))));
            qInfo("SPEND %-38s limit unknown, source none, probes/h %.1f, spend n/a", qPrintable(QTest::currentDataTag()),
                  double(run.probes) / hours);
            return;
        } else if (limits.isEmpty() && source == QStringLiteral("documented")) {
            // Only failures came back (no reading): the documented limit still bounds them.
            QVERIFY(p->documentedLimit);
            limits.append({*p->documentedLimit, p->documentedWindowS});
            seenSource = QStringLiteral("documented");
        } else {
            QCOMPARE(seenSource, source);
        }
        QVERIFY(!limits.isEmpty());
        double worstPct = 0;
        const double durationMs = double(hours) * 3'600'000;
        qint64 total = 0;
        for (const auto &sp : run.spends)
            total += sp.second;
        for (const auto &[limit, windowS] : limits) {
            const double share = 0.01 * double(limit); // units a window may spend
            // The average share of the quota spent per window, in percent.
            const double pct = 100.0 * double(total) / durationMs * double(windowS) * 1000 / double(limit);
            worstPct = std::max(worstPct, pct);
            if (share >= 1) {
                const qint64 spent = maxSpendInWindow(run, windowS * 1000);
                QVERIFY2(spent <= qint64(std::floor(share)),
                         qPrintable(QStringLiteral("%1 units in %2 s of a %3 quota").arg(spent).arg(windowS).arg(limit)));
            } else {
                // Not even one probe fits into 1 % of a window: probes are spaced so the average
                // is 1 %, or an hour apart when the window is only assumed (a Discord bucket).
                const qint64 need = std::min<qint64>(qint64(double(windowS) * 1000 / share), 3'600'000);
                for (qsizetype i = 1; i < run.spends.size(); ++i)
                    if (run.spends[i].second > 0)
                        QVERIFY2(run.spends[i].first - run.spends[i - 1].first >= need,
                                 qPrintable(QStringLiteral("%1 ms apart, %2 needed").arg(run.spends[i].first - run.spends[i - 1].first).arg(need)));
            }
        }
        qInfo("SPEND %-38s limit %lld/%llds, source %s, probes/h %.1f, spend %.2f %%", qPrintable(QTest::currentDataTag()),
              limits.first().first, limits.first().second, qPrintable(seenSource), double(run.probes) / hours, worstPct);
    }

    // The "done when": a Bitbucket user token (no rate-limit headers at all) is probed
    // at most 10 times in an hour of fake time, and its JSON line says no_data, why, and that
    // the limit it shows is the documented one.
    void bitbucketWithoutHeaders()
    {
        ManualClock clock;
        Clock::setInstance(&clock);
        auto restore = qScopeGuard([] { Clock::setInstance(nullptr); });
        CannedServer server;
        QVERIFY(server.listen());
        const Run run = runFor(clock, account(QStringLiteral("bitbucket"), server.baseUrl()), 1);
        QVERIFY2(run.probes <= 10 && run.probes >= 9, qPrintable(QString::number(run.probes)));
        QCOMPARE(qsizetype(run.probes), server.requests().size());
        const QJsonObject line = run.last.toJson();
        qInfo("%d probes in the hour; last line: %s", run.probes, QJsonDocument(line).toJson(QJsonDocument::Compact).constData());
        QCOMPARE(line.value(QStringLiteral("state")).toString(), QStringLiteral("no_data"));
        QCOMPARE(line.value(QStringLiteral("reason")).toString(), Preset::find(QStringLiteral("bitbucket"))->noHeadersReason);
        QVERIFY(line.value(QStringLiteral("reason")).toString().contains(QStringLiteral("access tokens")));
        const QJsonArray quotas = line.value(QStringLiteral("quotas")).toArray();
        QCOMPARE(quotas.size(), 1);
        const QJsonObject q = quotas.first().toObject();
        QCOMPARE(q.value(QStringLiteral("limit_source")).toString(), QStringLiteral("documented"));
        QCOMPARE(q.value(QStringLiteral("limit")).toInteger(), qint64(1000));
        QVERIFY(q.value(QStringLiteral("remaining")).isNull()); // unknown, never 0
        QCOMPARE(line.value(QStringLiteral("cost")).toInteger(), qint64(1));
    }

    // The same with the simulator: its Bitbucket endpoint answering as it does a user token
    // (no rate-limit fields, the hidden 1,000/h enforced all the same).
    void bitbucketWithoutHeadersOnTheSimulator()
    {
        ManualClock clock;
        Clock::setInstance(&clock);
        auto restore = qScopeGuard([] { Clock::setInstance(nullptr); });
        SimulatedApi sim;
        SimulatedApi::Endpoint e = SimulatedApi::Endpoint::quota(QStringLiteral("/bb"), SimulatedApi::Dialect::Bitbucket,
                                                                 SimulatedApi::QuotaModel::SlidingWindow, 1000, 3600, 0);
        e.quotaHeaders = false;
        sim.addEndpoint(e);
        QVERIFY(sim.listen());
        const Run run = runFor(clock, account(QStringLiteral("bitbucket"), sim.baseUrl() + QStringLiteral("/bb")), 1);
        QVERIFY2(run.probes <= 10 && run.probes >= 9, qPrintable(QString::number(run.probes)));
        QCOMPARE(run.probes, sim.requestCount(QStringLiteral("/bb")));
        const QJsonObject line = run.last.toJson();
        QCOMPARE(line.value(QStringLiteral("state")).toString(), QStringLiteral("no_data"));
        QVERIFY(!line.value(QStringLiteral("reason")).toString().isEmpty());
        const QJsonObject q = line.value(QStringLiteral("quotas")).toArray().first().toObject();
        QCOMPARE(q.value(QStringLiteral("limit_source")).toString(), QStringLiteral("documented"));
        QCOMPARE(q.value(QStringLiteral("limit")).toInteger(), qint64(1000));
    }

    // An access token's limit-only reading stays the response's own.
    void bitbucketAccessTokenLimitOnly()
    {
        CannedServer server;
        QVERIFY(server.listen());
        server.setResponse({200, {{"X-RateLimit-Limit", "8370"}, {"X-RateLimit-Resource", "api"}, {"X-RateLimit-NearLimit", "false"}}, "{}"});
        ProbeClient client;
        ProbeJob *job = client.probe(account(QStringLiteral("bitbucket"), server.baseUrl()), QStringLiteral("T0K"));
        QSignalSpy spy(job, &ProbeJob::finished);
        QVERIFY(spy.wait(10000));
        const ProbeResult r = spy.first().first().value<ProbeResult>();
        QCOMPARE(r.reading.quotas.size(), 1);
        const QJsonObject q = r.toJson().value(QStringLiteral("quotas")).toArray().first().toObject();
        QCOMPARE(q.value(QStringLiteral("limit")).toInteger(), qint64(8370));
        QCOMPARE(q.value(QStringLiteral("limit_source")).toString(), QStringLiteral("header"));
        QVERIFY(q.value(QStringLiteral("remaining")).isNull());
        QCOMPARE(r.state, AccountState::Ok); // "not near limit" is the provider's own level
        QVERIFY(!r.toJson().contains(QStringLiteral("reason")));
    }

    // The history keeps measurements only: a documented limit never becomes a sample.
    void historySkipsDocumentedLimits()
    {
        ProbeResult r;
        r.accountId = QStringLiteral("a");
        r.probedAt = QDateTime::fromSecsSinceEpoch(1795435200, Qt::UTC);
        r.reading.status = 200;
        r.cost = 1;
        Quota documented;
        documented.resource = QStringLiteral("api");
        documented.limit = 1000;
        documented.windowS = 3600;
        documented.limitSource = LimitSource::Documented;
        r.reading.quotas = {documented};
        r.state = AccountState::NoData;
        QVERIFY(toHistory(r).samples.isEmpty());
        Quota measured;
        measured.resource = QStringLiteral("core");
        measured.limit = 5000;
        measured.remaining = 4000;
        r.reading.quotas = {documented, measured};
        const HistoryRecord h = toHistory(r);
        QCOMPARE(h.samples.size(), 1);
        QCOMPARE(h.samples.first().resource, QStringLiteral("core"));
        QCOMPARE(h.samples.first().limit, std::optional<qint64>(5000));
        QCOMPARE(h.samples.first().cost, qint64(1)); // the probe's cost survives on a kept sample
    }

    // The documented limit holds only where it is documented: not for a self-managed GitLab,
    // not for an account probing a path of its own.
    void documentedLimitScope()
    {
        const Preset *gitlab = Preset::find(QStringLiteral("gitlab"));
        QCOMPARE(gitlab->documentedLimitFor(QString()), std::optional<qint64>(2000));
        QCOMPARE(gitlab->documentedLimitFor(QStringLiteral("https://gitlab.com")), std::optional<qint64>(2000));
        QCOMPARE(gitlab->documentedLimitFor(QStringLiteral("https://git.example.com")), std::nullopt);
        const Preset *github = Preset::find(QStringLiteral("github"));
        QCOMPARE(github->documentedLimitFor(QString()), std::optional<qint64>(5000));
        QCOMPARE(github->documentedLimitFor(QStringLiteral("https://ghe.example.com/api/v3")), std::nullopt);
        const Preset *bb = Preset::find(QStringLiteral("bitbucket"));
        Account a = account(QStringLiteral("bitbucket"), QStringLiteral("https://api.bitbucket.org"));
        QuotaReading empty;
        ProbeClient::addDocumentedLimit(*bb, a, empty);
        QCOMPARE(empty.quotas.size(), 1);
        QCOMPARE(empty.quotas.first().limitSource, LimitSource::Documented);
        QCOMPARE(classifyReading(Exchange::Answered, empty, Thresholds{}), AccountState::NoData);
        a.probePath = QStringLiteral("/2.0/workspaces");
        QuotaReading own;
        ProbeClient::addDocumentedLimit(*bb, a, own);
        QVERIFY(own.quotas.isEmpty());
        QCOMPARE(Scheduler::policyFor(a).documentedLimit, std::nullopt);
        // A near-limit flag alone is an access token's: its limit is not the documented one.
        a.probePath.clear();
        QuotaReading flag;
        Quota f;
        f.resource = QStringLiteral("api");
        f.nearLimit = true;
        flag.quotas = {f};
        ProbeClient::addDocumentedLimit(*bb, a, flag);
        QCOMPARE(flag.quotas.size(), 1);
        QVERIFY(!flag.quotas.first().limit);
    }
};

QTEST_GUILESS_MAIN(TestProbeBudget)
#include "tst_probebudget.moc"
