#include "scheduler.h"

#include "core/clock.h"
#include "core/urlpolicy.h"

#include <algorithm>
#include <cmath>

Scheduler::Scheduler(Clock *clock, quint64 seed)
    : m_clock(clock)
    , m_rng(seed)
{
}

Scheduler::Policy Scheduler::policyFor(const Account &a)
{
    Policy p;
    const Preset *preset = Preset::find(a.presetId);
    p.hostKey = UrlPolicy::originKey(QUrl(a.baseUrl.isEmpty() && preset ? preset->defaultBaseUrl : a.baseUrl));
    p.fixedIntervalS = a.intervalS;
    if (preset) {
        p.freeProbe = preset->freeProbe && a.probePath.isEmpty();
        p.probeCost = preset->probeCost;
        if (preset->defaultWindowS > 0)
            p.defaultWindowS = preset->defaultWindowS;
        if (a.probePath.isEmpty()) {
            p.documentedLimit = preset->documentedLimitFor(a.baseUrl);
            p.documentedWindowS = preset->documentedWindowS;
        }
    }
    return p;
}

qint64 Scheduler::now() const
{
    return (m_clock ? m_clock : Clock::instance())->monotonicMs();
}

qint64 Scheduler::uniform(qint64 max)
{
    if (max <= 0)
        return 0;
    return std::uniform_int_distribution<qint64>(0, max)(m_rng);
}

void Scheduler::unindex(Entry &e)
{
    if (e.indexed) {
        m_due.erase({e.indexedDueMs, e.seq});
        e.indexed = false;
    }
}

void Scheduler::reindex(const QString &id, Entry &e)
{
    if (e.indexed && e.indexedDueMs == e.dueMs && !e.stopped && !e.inFlight)
        return;
    unindex(e);
    if (e.stopped || e.inFlight)
        return;
    m_due.emplace(std::pair{e.dueMs, e.seq}, id);
    e.indexed = true;
    e.indexedDueMs = e.dueMs;
}

void Scheduler::addAccount(const QString &id, const Policy &policy)
{
    if (m_accounts.contains(id))
        removeAccount(id);
    Entry e;
    e.policy = policy;
    e.seq = m_nextSeq++;
    const qint64 t = now();
    e.dueMs = t + uniform(jitterWindowMs());
    e.windowStartMs = t;
    e.windowMs = std::max<qint64>(1000, policy.defaultWindowS * 1000);
    e.budgetMs = policyBudgetMs(policy);
    m_order.append(id);
    reindex(id, *m_accounts.insert(id, e));
}

void Scheduler::updateAccount(const QString &id, const Policy &policy)
{
    auto it = m_accounts.find(id);
    if (it == m_accounts.end())
        return addAccount(id, policy);
    it->policy = policy;
    it->budgetMs = policyBudgetMs(policy);
    it->errors = 0;
    it->failures = 0;
    it->breaker = Breaker::Closed;
    if (it->stopped) {
        it->stopped = false;
        it->dueMs = now();
    }
    reindex(id, *it);
}

void Scheduler::removeAccount(const QString &id)
{
    auto it = m_accounts.find(id);
    if (it == m_accounts.end())
        return;
    if (it->inFlight)
        --m_inFlight[it->policy.hostKey];
    unindex(*it);
    m_accounts.erase(it);
    m_order.removeAll(id);
}

void Scheduler::spreadAfterGap(qint64 t)
{
    // After a sleep every account is overdue; poll each once, spread over the jitter window.
    const qint64 window = jitterWindowMs();
    for (const QString &id : std::as_const(m_order)) {
        Entry &e = m_accounts[id];
        if (!e.stopped && !e.inFlight && e.dueMs <= t && !e.throttledUntilDue) {
            e.dueMs = std::max(t + uniform(window), budgetFloor(e));
            reindex(id, e);
        }
    }
}

void Scheduler::networkRegained()
{
    // Like a resume: each account polls once within the jitter window. Those due later than
    // the window anyway (a long backoff, a fixed or paid interval) are pulled in too: the
    // network state they were scheduled under is gone. Throttled waits are the server's
    // word and are kept; in-flight probes count as this poll; nobody is pushed later.
    const qint64 t = now();
    const qint64 window = jitterWindowMs();
    for (const QString &id : std::as_const(m_order)) {
        Entry &e = m_accounts[id];
        if (e.stopped || e.inFlight || e.throttledUntilDue)
            continue;
        // Never sooner than a minute after the last attempt: the error floor holds, and a
        // flapping network cannot make a paid probe run more than once a minute. Spread from
        // the later of now and that floor, so a shared outage's floors do not line up.
        const qint64 gap = e.errors > 0 ? m_tuning.errorFloorMs : m_tuning.freeIntervalMs;
        const qint64 floor = e.lastStartMs >= 0 ? e.lastStartMs + gap : t;
        // The budget holds too: a regained network never buys a paid probe sooner.
        e.dueMs = std::min(e.dueMs, std::max(std::max(floor, t) + uniform(window), budgetFloor(e)));
        reindex(id, e);
    }
    m_lastTickMs = t;
}

qint64 Scheduler::jitterWindowMs() const
{
    // Wide enough to spread the accounts (a quarter second each), never wider than the tuning:
    // a handful of accounts start within a second or two, a thousand over the full minute.
    return std::min(m_tuning.startJitterMs, std::max<qint64>(1000, 250 * qint64(m_accounts.size())));
}

QStringList Scheduler::takeDue()
{
    const qint64 t = now();
    if (m_lastTickMs >= 0 && t - m_lastTickMs > m_tuning.gapMs)
        spreadAfterGap(t);
    m_lastTickMs = t;
    QStringList due;
    for (auto it = m_due.begin(); it != m_due.end() && it->first.first <= t;) {
        Entry &e = m_accounts[it->second];
        int &n = m_inFlight[e.policy.hostKey];
        if (n >= m_tuning.maxPerHost) {
            ++it;
            continue;
        }
        ++n;
        e.inFlight = true;
        e.indexed = false;
        e.lastStartMs = t;
        if (e.breaker == Breaker::Open)
            e.breaker = Breaker::HalfOpen; // the one trial probe while the breaker is open
        due.append(it->second);
        it = m_due.erase(it);
    }
    return due;
}

qint64 Scheduler::errorDelayMs(int n)
{
    const double exp = double(m_tuning.errorBaseMs) * std::pow(2.0, std::min(n - 1, 30));
    const qint64 span = qint64(std::min<double>(double(m_tuning.errorCapMs), exp));
    return m_tuning.errorFloorMs + uniform(span);
}

// The least spacing of probes that spends at most `budget` of a quota of `limit` units per window.
// A quota with room for whole probes in a window gets whole probes only, so any window of that
// length holds at most that many (never a fraction more). A smaller one (a 40-request bucket
// leaking over 20 s) cannot hold even one probe's 1 %: its probes are spaced so the average
// spend is the budget.
static qint64 spacingMs(double windowMs, double limit, double budget, double cost)
{
    const double probes = budget * limit / cost;
    return qint64(std::ceil(windowMs / (probes >= 1 ? std::floor(probes) : probes)));
}

qint64 Scheduler::policyBudgetMs(const Policy &p) const
{
    if (p.freeProbe || p.fixedIntervalS || !p.documentedLimit || *p.documentedLimit <= 0 || p.documentedWindowS <= 0)
        return 0;
    const auto ms = spacingMs(double(p.documentedWindowS) * 1000, double(*p.documentedLimit), m_tuning.budget,
                              double(std::max<qint64>(1, p.probeCost)));
    return std::clamp<qint64>(ms, m_tuning.minIntervalMs, m_tuning.maxWaitMs);
}

qint64 Scheduler::budgetFor(const Entry &e, const ProbeResult &r) const
{
    if (e.policy.freeProbe || e.policy.fixedIntervalS)
        return 0;
    const double cost = double(std::max<qint64>(1, e.policy.probeCost));
    // Every quota the probe may count against bounds it: the spacing is the largest any of them
    // needs. Token quotas are not spent by a probe's request.
    qint64 worst = -1;
    for (const Quota &q : r.reading.quotas) {
        if (!q.limit || *q.limit <= 0 || q.unit != QStringLiteral("requests"))
            continue;
        const bool windowKnown = q.windowS && *q.windowS > 0;
        const double windowMs = double(windowKnown ? *q.windowS : e.policy.defaultWindowS) * 1000;
        const qint64 cap = windowKnown ? m_tuning.maxWaitMs : m_tuning.maxIntervalMs;
        const auto ms = spacingMs(windowMs, double(*q.limit), m_tuning.budget, cost);
        worst = std::max(worst, std::min<qint64>(ms, cap));
    }
    if (worst < 0) {
        if (const qint64 documented = policyBudgetMs(e.policy); documented > 0) {
            worst = documented;
        } else if (e.maxRemaining > 0) {
            // Remaining counts only (Azure): the limit is at least the largest remaining seen.
            const auto ms = spacingMs(double(e.policy.defaultWindowS) * 1000, double(e.maxRemaining), m_tuning.budget, cost);
            worst = std::min<qint64>(ms, m_tuning.maxIntervalMs);
        } else {
            worst = m_tuning.unknownIntervalMs;
        }
    }
    return std::max(worst, m_tuning.minIntervalMs);
}

qint64 Scheduler::budgetIntervalMs(const QString &id, const ProbeResult &r) const
{
    const auto it = m_accounts.constFind(id);
    return it == m_accounts.cend() ? 0 : budgetFor(*it, r);
}

qint64 Scheduler::budgetFloor(const Entry &e) const
{
    if (e.lastSpendMs < 0 || e.budgetMs <= 0 || e.policy.freeProbe || e.policy.fixedIntervalS)
        return 0;
    return e.lastSpendMs + e.budgetMs;
}

qint64 Scheduler::normalIntervalMs(const QString &id, const ProbeResult &r) const
{
    const Entry &e = m_accounts[id];
    if (e.policy.fixedIntervalS)
        return std::max<qint64>(m_tuning.minIntervalMs, qint64(*e.policy.fixedIntervalS) * 1000);
    if (!e.policy.freeProbe) {
        // A paid probe runs at its budget spacing, whatever the state: looking more often at a
        // quota that runs low would spend more of it.
        return budgetFor(e, r);
    }
    const int i = r.reading.mostRestrictive();
    const Quota *q = i >= 0 ? &r.reading.quotas.at(i) : nullptr;
    double interval = double(m_tuning.freeIntervalMs);
    // The state carries the user's thresholds: look more often once a quota runs low.
    if (r.state == AccountState::Critical)
        interval /= 4;
    else if (r.state == AccountState::Warning)
        interval /= 2;
    if (q && q->remaining && q->limit && *q->limit > 0) {
        // At the observed burn rate, look at least four times before the quota runs out.
        if (e.burnPerMs > 0) {
            const double toEmpty = double(*q->remaining) / e.burnPerMs;
            interval = std::min(interval, toEmpty / 4);
        }
    }
    return std::clamp<qint64>(qint64(interval), m_tuning.minIntervalMs, m_tuning.maxIntervalMs);
}

void Scheduler::onNotSent(const QString &id)
{
    ProbeResult r;
    r.state = AccountState::Error;
    r.transportFailure = true;
    handleResult(id, r, false);
}

void Scheduler::onResult(const QString &id, const ProbeResult &r)
{
    handleResult(id, r, true);
}

void Scheduler::handleResult(const QString &id, const ProbeResult &r, bool sent)
{
    auto it = m_accounts.find(id);
    if (it == m_accounts.end())
        return;
    Entry &e = *it;
    if (e.inFlight) {
        e.inFlight = false;
        --m_inFlight[e.policy.hostKey];
    }
    const qint64 t = now();
    e.throttledUntilDue = false;

    // Cost accounting per window.
    if (t - e.windowStartMs >= e.windowMs) {
        e.windowStartMs = t;
        e.windowCost = 0;
    }
    e.windowCost += r.cost;
    // A request that went out may have been counted even when no answer came back (a timeout,
    // a dropped connection): for the budget it spent, whatever its cost says.
    if ((r.cost > 0 || (sent && r.transportFailure)) && e.lastStartMs >= 0)
        e.lastSpendMs = e.lastStartMs;
    for (const Quota &q : r.reading.quotas)
        if (q.remaining)
            e.maxRemaining = std::max(e.maxRemaining, *q.remaining);
    // A failed probe carries no quotas: the budget of the last reading (or the documented one)
    // stays in force for its retries.
    if (r.state != AccountState::Error)
        e.budgetMs = budgetFor(e, r);

    if (r.state == AccountState::AuthFailed) {
        e.stopped = true;
        e.dueMs = -1;
        unindex(e);
        return;
    }
    // Whatever happens below sets a new due time, never sooner than the budget allows.
    struct Reindex
    {
        Scheduler *s;
        const QString &id;
        Entry &e;
        ~Reindex()
        {
            e.dueMs = std::max(e.dueMs, s->budgetFloor(e));
            s->reindex(id, e);
        }
    } reindexOnReturn{this, id, e};

    // The breaker counts failures of the service, not answers: a 4xx is an answer.
    const int status = r.reading.status.value_or(0);
    if (r.state == AccountState::Error && (r.transportFailure || status <= 0 || status >= 500)) {
        ++e.failures;
        if (e.breaker == Breaker::HalfOpen || e.failures >= m_tuning.breakerThreshold)
            e.breaker = Breaker::Open;
    } else {
        e.failures = 0;
        e.breaker = Breaker::Closed;
    }

    // Burn rate from consecutive readings of the most restrictive quota (others' traffic).
    const int qi = r.reading.mostRestrictive();
    if (r.state != AccountState::Error && qi >= 0) {
        const Quota &q = r.reading.quotas.at(qi);
        if (q.windowS)
            e.windowMs = std::max<qint64>(1000, *q.windowS * 1000);
        if (q.remaining) {
            if (e.lastRemaining && *q.remaining < *e.lastRemaining && t > e.lastRemainingAtMs)
                e.burnPerMs = double(*e.lastRemaining - *q.remaining) / double(t - e.lastRemainingAtMs);
            else if (e.lastRemaining && *q.remaining > *e.lastRemaining)
                e.burnPerMs = 0; // a reset
            e.lastRemaining = q.remaining;
            e.lastRemainingAtMs = t;
        }
    }

    // Never make it worse: a throttle or an exhausted quota waits for Retry-After or the reset.
    std::optional<qint64> waitMs;
    if (r.reading.retryAfterS && r.state != AccountState::Error) {
        const double s = *r.reading.retryAfterS;
        waitMs = (std::isfinite(s) && s > 0) ? qint64(std::ceil(s * 1000)) : m_tuning.freeIntervalMs;
    }
    bool exhausted = false;
    for (const Quota &q : r.reading.quotas)
        if (q.remaining && *q.remaining <= 0)
            exhausted = true;
    if (r.state != AccountState::Error && exhausted) {
        qint64 resetWait = -1;
        for (const Quota &q : r.reading.quotas) {
            if (!q.remaining || *q.remaining > 0 || !q.resetAt || !r.probedAt.isValid())
                continue;
            // resetAt is already moved onto our clock (ProbeJob corrects by the server Date).
            resetWait = std::max(resetWait, r.probedAt.msecsTo(*q.resetAt) + 1000);
        }
        if (resetWait <= 0)
            resetWait = m_tuning.freeIntervalMs; // past or unknown reset: the minimum wait, never a loop
        waitMs = std::max(waitMs.value_or(0), resetWait);
    }
    if (r.state == AccountState::Throttled && !waitMs)
        waitMs = m_tuning.freeIntervalMs;
    if (waitMs) {
        e.errors = 0;
        e.dueMs = t + std::min(*waitMs, m_tuning.maxWaitMs);
        e.throttledUntilDue = true;
        return;
    }

    if (r.state == AccountState::Error) {
        ++e.errors;
        e.dueMs = t + errorDelayMs(e.errors);
        return;
    }
    e.errors = 0;
    const qint64 base = normalIntervalMs(id, r);
    // +-10 % jitter keeps accounts that started together from staying in step.
    const qint64 jitter = uniform(base / 5) - base / 10;
    e.dueMs = t + std::max(m_tuning.minIntervalMs, base + jitter);
}

void Scheduler::requestRefresh(const QString &id)
{
    auto it = m_accounts.find(id);
    if (it == m_accounts.end() || it->stopped || it->inFlight || it->throttledUntilDue
        || it->breaker != Breaker::Closed)
        return;
    const qint64 t = now();
    // After an error the 60 s floor still holds: a refresh never makes a retry sooner.
    const qint64 gap = it->errors > 0 ? m_tuning.errorFloorMs : m_tuning.minIntervalMs;
    const qint64 earliest = it->lastStartMs < 0 ? t : it->lastStartMs + gap;
    it->dueMs = std::min(it->dueMs, std::max(t, earliest));
    reindex(id, *it);
}

void Scheduler::requestRefreshAll()
{
    for (const QString &id : std::as_const(m_order))
        requestRefresh(id);
}

qint64 Scheduler::msUntilNextDue() const
{
    const qint64 t = now();
    // Earliest first; skipping accounts whose host is full is bounded by the number of
    // accounts waiting on full hosts (at most all of them during a burst).
    for (const auto &[key, id] : m_due) {
        const auto e = m_accounts.constFind(id);
        if (m_inFlight.value(e->policy.hostKey) >= m_tuning.maxPerHost)
            continue;
        return std::max<qint64>(0, key.first - t);
    }
    return -1;
}

void Scheduler::holdUntil(const QString &id, qint64 untilMs)
{
    auto it = m_accounts.find(id);
    if (it == m_accounts.end() || it->stopped || untilMs <= now())
        return;
    // In flight: the answer sets a new due time; the hold is for accounts waiting to be sent.
    if (it->inFlight)
        return;
    it->dueMs = std::max(it->dueMs, untilMs);
    it->throttledUntilDue = true;
    reindex(id, *it);
}

std::optional<qint64> Scheduler::heldUntilMs(const QString &id) const
{
    const auto it = m_accounts.constFind(id);
    if (it == m_accounts.cend() || it->stopped || it->inFlight)
        return std::nullopt;
    if (it->throttledUntilDue || it->errors > 0 || it->breaker != Breaker::Closed)
        return it->dueMs;
    return std::nullopt;
}

qint64 Scheduler::nextDueMs(const QString &id) const
{
    auto it = m_accounts.constFind(id);
    if (it == m_accounts.cend() || it->stopped || it->inFlight)
        return -1;
    return it->dueMs;
}

bool Scheduler::isStopped(const QString &id) const
{
    return m_accounts.value(id).stopped;
}

int Scheduler::consecutiveErrors(const QString &id) const
{
    return m_accounts.value(id).errors;
}

Scheduler::Breaker Scheduler::breaker(const QString &id) const
{
    return m_accounts.value(id).breaker;
}

qint64 Scheduler::costInWindow(const QString &id) const
{
    return m_accounts.value(id).windowCost;
}
