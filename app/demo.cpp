#include "demo.h"

#include "accounts/memorysecretstore.h"
#include "history/historystore.h"
#include "probe/proberesult.h"
#include "probe/scheduler.h"
#include "sim/simulatedapi.h"

#include <QCoreApplication>
#include <QUuid>

#include <algorithm>
#include <cmath>

namespace {

enum Scenario { Drifting, Throttling, Idle, Critical, Unlimited, BadToken, LimitOnly, UserToken };

// A scheduled job sharing the account's quota: every `everyS` seconds, the first `offsetS` after
// the demo starts, `rate` requests a second for `runS` seconds.
struct Job
{
    qint64 everyS = 0;
    qint64 runS = 0;
    double rate = 0;
    qint64 offsetS = 0;
};

// From `atS` after the demo starts (negative: before), others spend `rate` a second.
struct Step
{
    qint64 atS = 0;
    double rate = -1; // < 0: no step
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
    Step steps[3] = {};
    double swing = 0;
    qint64 windowElapsedS = -1;
    const char *pool = nullptr;
    const char *bucket = nullptr; // the bucket the token draws from; null: the endpoint's own
};

using D = SimulatedApi::Dialect;
using M = SimulatedApi::QuotaModel;
using F = SimulatedApi::Fault;

// clang-format off
const DemoRow kRows[] = {
    // Two tokens of one GitHub user: one 5,000/h bucket that both read and both spend. The user's
    // scripts spend 1.45 a second now, less at night (the daily swing); the last two hours ran
    // dry before their reset. 45 minutes into the hour: 22 % left, below the 20 % warning after
    // about a minute, critical after ten, dry after thirteen, reset after fifteen.
    {.name = "octo-ci", .preset = "github", .prefix = "/github", .dialect = D::GitHub, .model = M::FixedWindow,
     .limit = 5000, .windowS = 3600, .consumerRate = 1.45, .probeCost = 0, .fault = F::None, .scenario = Drifting,
     .intervalS = 10, .swing = 0.6, .windowElapsedS = 2700, .pool = "octo", .bucket = "octocat"},
    {.name = "octo-release", .preset = "github", .prefix = "/github", .dialect = D::GitHub, .model = M::FixedWindow,
     .limit = 5000, .windowS = 3600, .consumerRate = 1.45, .probeCost = 0, .fault = F::None, .scenario = Drifting,
     .intervalS = 10, .swing = 0.6, .windowElapsedS = 2700, .pool = "octo", .bucket = "octocat"},
    // Two independent tokens of 1,000 per 10 minutes each, load-balanced 1.2/s apiece until the
    // balancer broke 40 minutes ago: since then worker-01 gets everything (4/s, retries
    // included) and runs dry 250 s into each window; worker-02 idles. At the start worker-01 is
    // throttled until its reset 4 minutes later; worker-02 has over 90 % left.
    {.name = "worker-01", .preset = "generic", .prefix = "/workers/01", .dialect = D::Generic, .model = M::FixedWindow,
     .limit = 1000, .windowS = 600, .consumerRate = 1.2, .probeCost = 1, .fault = F::None, .scenario = Throttling,
     .intervalS = 10, .steps = {{-2400, 4.0}}, .swing = 0.4, .windowElapsedS = 360, .pool = "workers"},
    {.name = "worker-02", .preset = "generic", .prefix = "/workers/02", .dialect = D::Generic, .model = M::FixedWindow,
     .limit = 1000, .windowS = 600, .consumerRate = 1.2, .probeCost = 1, .fault = F::None, .scenario = Idle,
     .intervalS = 10, .steps = {{-2400, 0.05}}, .swing = 0.4, .windowElapsedS = 100, .pool = "workers"},
    // A token bucket of 1,200 refilling 4/s. An hourly zone export (5.5/s for 5 minutes) dips
    // it; 15 minutes ago a deploy's traffic (4.5/s) met the export and ran it dry, and the
    // traffic since (3.95/s) eats nearly all the refill: about 30 left (2.5 %, critical) for
    // six minutes, then the traffic calms down and it refills.
    {.name = "edge-dns", .preset = "cloudflare", .prefix = "/cloudflare", .dialect = D::Ietf, .model = M::TokenBucket,
     .limit = 1200, .windowS = 300, .consumerRate = 2.0, .probeCost = 1, .fault = F::None, .scenario = Critical,
     .intervalS = 10, .job = {3600, 300, 5.5, -900}, .steps = {{-900, 4.5}, {-600, 3.95}, {360, 2.0}}, .swing = 0.3},
    {.name = "ghes.corp", .preset = "github", .prefix = "/ghes", .dialect = D::GitHub, .model = M::FixedWindow,
     .limit = 5000, .windowS = 3600, .consumerRate = 0.0, .probeCost = 0, .fault = F::GhesUnlimited, .scenario = Unlimited,
     .intervalS = 30},
    {.name = "legacy-deploy", .preset = "gitlab", .prefix = "/revoked", .dialect = D::GitLab, .model = M::SlidingWindow,
     .limit = 2000, .windowS = 60, .consumerRate = 0.0, .probeCost = 1, .fault = F::Unauthorized, .scenario = BadToken,
     .intervalS = 30},
    // A repository access token: its limit and a near-limit flag, never a remaining count. Others
    // spend 1/s and a CI job 400 requests every 8 minutes, so the rolling hour holds 7 or 8 of
    // its runs: under 20 % left (near limit) from about a minute in, back a few minutes later.
    {.name = "web-repo", .preset = "bitbucket", .prefix = "/bitbucket", .dialect = D::Bitbucket, .model = M::SlidingWindow,
     .limit = 8370, .windowS = 3600, .consumerRate = 1.0, .probeCost = 1, .fault = F::None, .scenario = LimitOnly,
     .intervalS = 0, .job = {480, 60, 400.0 / 60, 20}},
    // A user's app password: no rate-limit fields at all. A catalog sync every 5 minutes asks for
    // 3 requests a second for 90 s from the user's 1,000 an hour and meets 429s (no Retry-After)
    // for the last minute of each run. The hidden quota refills continuously, so the runs stay
    // apart: a rolling hour fed by a job of a period that divides it would stay full for good.
    {.name = "catalog-sync", .preset = "bitbucket", .prefix = "/bitbucket-user", .dialect = D::Bitbucket, .model = M::TokenBucket,
     .limit = 1000, .windowS = 3600, .consumerRate = 0.0, .probeCost = 1, .fault = F::None, .scenario = UserToken,
     .intervalS = 0, .job = {300, 90, 3.0, 25}, .quotaHeaders = false},
};
// clang-format on

// The quota is in its steady state from the first probe: consumers and jobs ran the past hour.
constexpr qint64 kWarmUpS = 3600;
// The synthetic history gives scheduled jobs this many hours: "added this morning".
constexpr int kJobHistoryHours = 6;

QByteArray tokenOf(const DemoRow &r)
{
    return "demo-token-" + QByteArray(r.name);
}

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
    e.warmUpS = r.fault == F::None ? kWarmUpS : 0;
    e.quotaHeaders = r.quotaHeaders;
    for (const Step &s : r.steps)
        if (s.rate >= 0)
            e.consumerSteps.append({s.atS, s.rate});
    e.consumerSwing = r.swing;
    e.windowElapsedS = r.windowElapsedS;
    if (r.bucket)
        e.tokenBuckets.insert(tokenOf(r), QString::fromLatin1(r.bucket));
    return e;
}

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
    // Rows on one prefix are tokens of one API: one endpoint, each token mapped to its bucket.
    QList<SimulatedApi::Endpoint> endpoints;
    for (const DemoRow &r : kRows) {
        const SimulatedApi::Endpoint e = endpointOf(r);
        auto same = std::find_if(endpoints.begin(), endpoints.end(),
                                 [&](const SimulatedApi::Endpoint &x) { return x.prefix == e.prefix; });
        if (same == endpoints.end())
            endpoints.append(e);
        else
            same->tokenBuckets.insert(e.tokenBuckets);
    }
    for (const SimulatedApi::Endpoint &e : std::as_const(endpoints))
        m_server->addEndpoint(e);
    if (!m_server->listen()) {
        if (error)
            *error = tr("The demo could not start its simulated APIs on 127.0.0.1.");
        return false;
    }

    m_accounts.clear();
    m_pools.clear();
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
        m_row.insert(a.id, row);
        m_accounts.append(a);
        if (r.pool) {
            const QString name = QString::fromLatin1(r.pool);
            auto pool = std::find_if(m_pools.begin(), m_pools.end(), [&](const Pool &p) { return p.name == name; });
            if (pool == m_pools.end())
                pool = m_pools.insert(m_pools.end(), Pool{name, a.presetId, {}});
            pool->memberIds.append(a.id);
        }
        // Not a secret: the simulator accepts anything except on its "revoked" endpoint.
        m_secrets->write(a.id, QString::fromLatin1(tokenOf(r)), [](const SecretStore::Result &) {});
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

QList<Sample> Demo::replayedDay(const QString &accountId, const Quota &live, const QDateTime &end) const
{
    QList<Sample> out;
    if (!m_row.contains(accountId) || !m_server || !live.limit)
        return out;
    const DemoRow &row = kRows[m_row.value(accountId)];
    if (row.fault != F::None || !row.quotaHeaders)
        return out;
    constexpr qint64 kMinutes = 24 * 60;
    const qint64 toMs = end.toMSecsSinceEpoch();
    const qint64 fromMs = toMs - (kMinutes - 1) * 60 * 1000;
    // A quota the simulator answers besides the endpoint's own (GitHub's search) never moves:
    // its day is its live reading, each minute with the reset the server would have named.
    if (*live.limit != row.limit || !live.remaining) {
        const qint64 resetInMs = live.resetAt ? std::max<qint64>(0, end.msecsTo(*live.resetAt)) : 0;
        for (qint64 t = fromMs; t <= toMs; t += 60 * 1000) {
            Sample s;
            s.accountId = accountId;
            s.resource = live.resource;
            s.time = QDateTime::fromMSecsSinceEpoch(t, Qt::UTC);
            s.limit = live.limit;
            s.remaining = live.remaining;
            s.used = live.used;
            if (live.resetAt)
                s.resetAt = s.time.addMSecs(resetInMs);
            s.status = 200;
            out.append(s);
        }
        return out;
    }
    // GitHub refuses with 403 and a rate-limit signal, the others with 429.
    const int refused = row.dialect == D::GitHub ? 403 : 429;
    const QList<SimulatedApi::QuotaPoint> trace = SimulatedApi::replay(endpointOf(row), m_server->startedAtMs(), fromMs, toMs, 60);
    out.reserve(trace.size());
    for (const SimulatedApi::QuotaPoint &p : trace) {
        Sample s;
        s.accountId = accountId;
        s.resource = live.resource;
        s.time = QDateTime::fromMSecsSinceEpoch(p.atMs, Qt::UTC);
        s.limit = row.limit;
        s.remaining = std::max<qint64>(0, p.remaining);
        // Only what the provider reports: a used count where the live answer has one.
        if (live.used)
            s.used = row.limit - *s.remaining;
        if (live.resetAt)
            s.resetAt = QDateTime::fromSecsSinceEpoch(p.resetS, Qt::UTC);
        s.status = *s.remaining > 0 ? 200 : refused;
        out.append(s);
    }
    return out;
}

void Demo::backfill(HistoryBackend *history, const ProbeResult &r)
{
    if (!history || m_backfilled.contains(r.accountId) || !m_row.contains(r.accountId))
        return;
    m_backfilled.insert(r.accountId);
    const DemoRow &row = kRows[m_row.value(r.accountId)];
    const QDateTime end = r.probedAt.addMSecs(-kSeamMs);
    QList<Sample> samples;
    QList<Event> events;
    switch (row.scenario) {
    case LimitOnly:
    case UserToken:
        jobHistory(r, end, &samples, &events);
        break;
    case BadToken:
    case Unlimited: {
        Event e;
        e.accountId = r.accountId;
        e.time = r.probedAt.addSecs(-3 * 3600);
        e.kind = EventKind::StateChange;
        e.status = row.scenario == BadToken ? std::optional<int>(401) : std::nullopt;
        e.detail = row.scenario == BadToken ? tr("ok → auth failed: the token was revoked (synthetic history)")
                                            : tr("rate limiting is disabled on this server (synthetic history)");
        events.append(e);
        break;
    }
    default:
        for (const Quota &q : r.reading.quotas) {
            const QList<Sample> day = replayedDay(r.accountId, q, end);
            samples.append(day);
            // The past day's refusals, as the monitor would have logged them: one per run of
            // empty readings (it waits for the reset after the first).
            bool inRun = false;
            for (const Sample &s : day) {
                const bool dry = s.status != 200;
                if (dry && !inRun) {
                    Event e;
                    e.accountId = r.accountId;
                    e.time = s.time;
                    e.kind = EventKind::Throttled;
                    e.status = s.status;
                    if (s.resetAt)
                        e.retryAfterS = double(std::max<qint64>(0, s.time.secsTo(*s.resetAt)));
                    e.detail = tr("%1: quota exhausted (synthetic history)").arg(q.resource.isEmpty() ? tr("requests") : q.resource);
                    events.append(e);
                }
                inRun = dry;
            }
        }
        break;
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
            for (int m = kMinutes - 1; m >= 0; --m) {
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
    const QList<SimulatedApi::QuotaPoint> trace = SimulatedApi::replay(
        endpointOf(row), m_server->startedAtMs(), toMs - qint64(kJobHistoryHours) * 3600 * 1000, toMs, 10);
    bool was = false;
    for (const SimulatedApi::QuotaPoint &p : trace) {
        const qint64 left = p.remaining;
        // The server's own rules: NearLimit under 20 % left; a 429 once nothing is left.
        const bool hit = row.scenario == LimitOnly ? left * 5 < row.limit : left <= 0;
        if (hit && !was) {
            Event e;
            e.accountId = r.accountId;
            e.time = QDateTime::fromMSecsSinceEpoch(p.atMs, Qt::UTC);
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
