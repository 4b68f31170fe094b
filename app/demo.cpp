#include "demo.h"

#include "accounts/memorysecretstore.h"
#include "history/historystore.h"
#include "probe/proberesult.h"
#include "probe/scheduler.h"
#include "sim/simulatedapi.h"

#include <QCoreApplication>
#include <QRandomGenerator>
#include <QUuid>

#include <algorithm>
#include <cmath>

namespace {

enum Scenario { Drifting, Throttling, Unlimited, BadToken, Healthy, Bursty, LimitOnly, UserToken };

// A scheduled job sharing the account's quota: every `everyS` seconds, the first `offsetS` after
// the demo starts, `rate` requests a second for `runS` seconds.
struct Job
{
    qint64 everyS = 0;
    qint64 runS = 0;
    double rate = 0;
    qint64 offsetS = 0;
};

struct DemoRow
{
    const char *name;
    const char *preset;
    const char *prefix;
    SimulatedApi::Dialect dialect;
    SimulatedApi::QuotaModel model;
    qint64 limit;
    qint64 windowS;
    double consumerRate;
    qint64 probeCost;
    SimulatedApi::Fault fault;
    Scenario scenario;
    int intervalS; // 0: none, the scheduler's budget decides
    Job job = {};
    bool quotaHeaders = true;
};

using D = SimulatedApi::Dialect;
using M = SimulatedApi::QuotaModel;
using F = SimulatedApi::Fault;

// clang-format off
const DemoRow kRows[] = {
    // Starts at 23 % and loses 1.4 requests/s: below the 20 % warning within about two minutes.
    {"octo-ci",       "github",     "/github",   D::GitHub,    M::FixedWindow,   5000, 3600, 1.4, 0, F::None,          Drifting,   10},
    {"ghes.corp",     "github",     "/ghes",     D::GitHub,    M::FixedWindow,   5000, 3600, 0.0, 0, F::GhesUnlimited, Unlimited,  30},
    {"release-bot",   "gitlab",     "/gitlab",   D::GitLab,    M::SlidingWindow, 2000,   60, 12.0, 1, F::None,         Healthy,    10},
    {"legacy-deploy", "gitlab",     "/revoked",  D::GitLab,    M::SlidingWindow, 2000,   60, 0.0, 1, F::Unauthorized,  BadToken,   30},
    // 200 per 90 s and others spend 2.6/s: dry after about 77 s, then 429 until the reset.
    {"pipelines",     "buildkite",  "/buildkite", D::Buildkite, M::FixedWindow,   200,   90, 2.6, 1, F::None,          Throttling,  5},
    {"edge-dns",      "cloudflare", "/ietf",     D::Ietf,      M::TokenBucket,   1200,  300, 3.0, 1, F::None,          Bursty,     10},
    // A repository access token: its limit and a near-limit flag, never a remaining count. Others
    // spend 1/s and a CI job 400 requests every 8 minutes, so the rolling hour holds 7 or 8 of
    // its runs: under 20 % left (near limit) from about a minute in, back a few minutes later.
    {"web-repo",      "bitbucket",  "/bitbucket", D::Bitbucket, M::SlidingWindow, 8370, 3600, 1.0, 1, F::None,          LimitOnly,   0,
     {480, 60, 400.0 / 60, 20}},
    // A user's app password: no rate-limit fields at all. A catalog sync every 5 minutes asks for
    // 3 requests a second for 90 s from the user's 1,000 an hour and meets 429s (no Retry-After)
    // for the last minute of each run. The hidden quota refills continuously, so the runs stay
    // apart: a rolling hour fed by a job of a period that divides it would stay full for good.
    {"catalog-sync",  "bitbucket",  "/bitbucket-user", D::Bitbucket, M::TokenBucket, 1000, 3600, 0.0, 1, F::None,     UserToken,   0,
     {300, 90, 3.0, 25}, false},
};

// Jobs ran the past hour too, so the quota is in its steady state from the first probe.
constexpr qint64 kWarmUpS = 3600;
// The synthetic history gives scheduled jobs this many hours: "added this morning".
constexpr int kJobHistoryHours = 6;

SimulatedApi::Endpoint endpointOf(const DemoRow &r)
{
    SimulatedApi::Endpoint e = SimulatedApi::Endpoint::quota(QString::fromLatin1(r.prefix), r.dialect, r.model,
                                                             r.limit, r.windowS, r.consumerRate);
    e.probeCost = r.probeCost;
    e.fault = r.fault;
    e.jobEveryS = r.job.everyS;
    e.jobS = r.job.runS;
    e.jobRate = r.job.rate;
    e.jobOffsetS = r.job.offsetS;
    e.warmUpS = r.job.everyS > 0 ? kWarmUpS : 0;
    e.quotaHeaders = r.quotaHeaders;
    return e;
}
// clang-format on

} // namespace

Demo::Demo(QObject *parent)
    : QObject(parent)
    , m_secrets(new MemorySecretStore(this))
{
}

Demo::~Demo() = default;

bool Demo::start(QString *error)
{
    m_server = new SimulatedApi(this);
    for (const DemoRow &r : kRows)
        m_server->addEndpoint(endpointOf(r));
    if (!m_server->listen()) {
        if (error)
            *error = tr("The demo could not start its simulated APIs on 127.0.0.1.");
        return false;
    }
    m_server->consume(QStringLiteral("/github"), 3850);

    m_accounts.clear();
    for (int row = 0; row < int(std::size(kRows)); ++row) {
        const DemoRow &r = kRows[row];
        Account a;
        a.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
        a.name = QString::fromLatin1(r.name);
        a.presetId = QString::fromLatin1(r.preset);
        a.baseUrl = m_server->baseUrl() + QString::fromLatin1(r.prefix);
        if (a.presetId == QStringLiteral("bitbucket")) {
            a.params.insert(QStringLiteral("workspace"), QStringLiteral("acme"));
            a.params.insert(QStringLiteral("repo"), QStringLiteral("web"));
        }
        if (r.scenario == UserToken) {
            // An app password authenticates as its user: Basic, with the user's name.
            a.auth = AuthScheme::Basic;
            a.username = QStringLiteral("jdoe");
        }
        if (r.intervalS > 0)
            a.intervalS = r.intervalS;
        m_scenario.insert(a.id, r.scenario);
        m_row.insert(a.id, row);
        m_accounts.append(a);
        // Not a secret: the simulator accepts anything except on its "revoked" endpoint.
        m_secrets->write(a.id, QStringLiteral("demo-token-%1").arg(QString::fromLatin1(r.name)),
                         [](const SecretStore::Result &) {});
    }
    return true;
}

void Demo::tune(Scheduler *scheduler)
{
    Scheduler::Tuning t = scheduler->tuning();
    t.startJitterMs = 1500;
    t.minIntervalMs = 5000;
    t.freeIntervalMs = 10000;
    t.errorFloorMs = 20000;
    t.errorBaseMs = 10000;
    t.errorCapMs = 60000;
    // Accounts without a fixed interval (the two Bitbucket ones) may spend 5 % of their quota
    // instead of 1 %, so a near-limit flip or a run of 429s shows within minutes. The table's
    // own cost shows that spend.
    t.budget = 0.05;
    scheduler->setTuning(t);
}

QList<Sample> Demo::syntheticDay(const QString &accountId, const QString &resource, qint64 limit,
                                 qint64 endRemaining, const QDateTime &end, int scenario)
{
    QList<Sample> out;
    if (limit <= 0)
        return out;
    constexpr int kMinutes = 24 * 60;
    constexpr int kBlend = 20; // the last minutes bend towards the live reading
    out.reserve(kMinutes);
    QRandomGenerator rng(quint32(qHash(accountId + resource)));
    const QDateTime start = end.addSecs(-qint64(kMinutes) * 60);
    for (int m = 0; m < kMinutes; ++m) {
        const QDateTime t = start.addSecs(qint64(m) * 60);
        const qint64 epochS = t.toSecsSinceEpoch();
        const double phase = double(epochS % 3600) / 3600.0; // hourly windows
        const double noise = (rng.generateDouble() - 0.5) * 0.03;
        double f = 0;
        switch (scenario) {
        case Drifting:
            f = 1.0 - phase * (0.35 + 0.5 * double(m) / kMinutes);
            break;
        case Throttling:
            f = 1.0 - phase * (1.2 + 0.6 * std::sin(double(m) / 90.0));
            break;
        case Bursty:
            f = 0.7 + 0.25 * std::sin(double(m) / 37.0) - 0.35 * phase;
            break;
        default:
            f = 0.75 + 0.15 * std::sin(2 * M_PI * double(m) / 360.0) - 0.2 * phase;
            break;
        }
        f = std::clamp(f + noise, 0.0, 1.0);
        qint64 remaining = qint64(double(limit) * f);
        const int left = kMinutes - m;
        if (left <= kBlend) {
            const double w = double(kBlend - left + 1) / double(kBlend + 1);
            remaining = qint64(double(remaining) * (1 - w) + double(endRemaining) * w);
        }
        remaining = std::clamp<qint64>(remaining, 0, limit);
        Sample s;
        s.accountId = accountId;
        s.resource = resource;
        s.time = t;
        s.limit = limit;
        s.remaining = remaining;
        s.used = limit - remaining;
        s.resetAt = QDateTime::fromSecsSinceEpoch(epochS - epochS % 3600 + 3600, Qt::UTC);
        s.status = remaining == 0 ? 429 : 200;
        out.append(s);
    }
    return out;
}

void Demo::backfill(HistoryStore *history, const ProbeResult &r)
{
    if (!history || m_backfilled.contains(r.accountId) || !m_scenario.contains(r.accountId))
        return;
    m_backfilled.insert(r.accountId);
    const int scenario = m_scenario.value(r.accountId);
    const QDateTime end = r.probedAt.addSecs(-60);
    QList<Sample> samples;
    QList<Event> events;
    if (scenario == LimitOnly || scenario == UserToken) {
        jobHistory(r, end, &samples, &events);
        if (!samples.isEmpty())
            history->appendSamples(samples);
        if (!events.isEmpty())
            history->appendEvents(events);
        return;
    }
    for (const Quota &q : r.reading.quotas) {
        if (!q.limit || !q.remaining)
            continue;
        const QList<Sample> day = syntheticDay(r.accountId, q.resource, *q.limit, *q.remaining, end, scenario);
        samples.append(day);
        // The past day's 429s, as the monitor would have logged them: one per run of zeros.
        bool inRun = false;
        for (const Sample &s : day) {
            const bool dry = s.status == 429;
            if (dry && !inRun) {
                Event e;
                e.accountId = r.accountId;
                e.time = s.time;
                e.kind = EventKind::Throttled;
                e.status = 429;
                e.retryAfterS = double(s.time.secsTo(*s.resetAt));
                e.detail = tr("%1: quota exhausted (synthetic history)").arg(q.resource.isEmpty() ? tr("requests") : q.resource);
                events.append(e);
            }
            inRun = dry;
        }
    }
    if (scenario == BadToken || scenario == Unlimited) {
        Event e;
        e.accountId = r.accountId;
        e.time = r.probedAt.addSecs(-3 * 3600);
        e.kind = EventKind::StateChange;
        e.status = scenario == BadToken ? std::optional<int>(401) : std::nullopt;
        e.detail = scenario == BadToken ? tr("ok → auth failed: the token was revoked (synthetic history)")
                                        : tr("rate limiting is disabled on this server (synthetic history)");
        events.append(e);
    }
    if (!samples.isEmpty())
        history->appendSamples(samples);
    if (!events.isEmpty())
        history->appendEvents(events);
}

// An account whose remaining count the provider never sends: the day Headroom would have stored.
// A limit-only token leaves limit-only samples and a near-limit event each time its flag went up;
// a user token leaves no sample at all, only a 429 each time its job drained the quota. Both
// from the hidden quota the simulator answers from now, so the past and the live rows agree.
void Demo::jobHistory(const ProbeResult &r, const QDateTime &end, QList<Sample> *samples, QList<Event> *events) const
{
    const DemoRow &row = kRows[m_row.value(r.accountId)];
    QString resource = QStringLiteral("api");
    if (row.scenario == LimitOnly) {
        for (const Quota &q : r.reading.quotas) {
            if (!q.limit || q.remaining || q.limitSource != LimitSource::Header)
                continue;
            resource = q.resource;
            constexpr int kMinutes = 24 * 60;
            for (int m = kMinutes; m > 0; --m) {
                Sample s;
                s.accountId = r.accountId;
                s.resource = q.resource;
                s.time = end.addSecs(-qint64(m) * 60);
                s.limit = q.limit;
                s.status = 200;
                samples->append(s);
            }
        }
    }
    const qint64 toMs = end.toMSecsSinceEpoch();
    const QList<QPair<qint64, qint64>> trace = SimulatedApi::replay(
        endpointOf(row), m_server->startedAtMs(), toMs - qint64(kJobHistoryHours) * 3600 * 1000, toMs, 10);
    bool was = false;
    for (const auto &[atMs, left] : trace) {
        // The server's own rules: NearLimit under 20 % left; a 429 once nothing is left.
        const bool hit = row.scenario == LimitOnly ? left * 5 < row.limit : left <= 0;
        if (hit && !was) {
            Event e;
            e.accountId = r.accountId;
            e.time = QDateTime::fromMSecsSinceEpoch(atMs, Qt::UTC);
            if (row.scenario == LimitOnly) {
                e.kind = EventKind::NearLimit;
                e.status = 200;
                e.detail = tr("%1: near limit, under 20 % left (synthetic history)").arg(resource);
            } else {
                e.kind = EventKind::Throttled;
                e.status = 429;
                e.detail = tr("Rate limit for this resource has been exceeded; no wait named (synthetic history)");
            }
            events->append(e);
        }
        was = hit;
    }
}
