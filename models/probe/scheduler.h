#pragma once

#include "proberesult.h"

#include "accounts/account.h"

#include <QHash>
#include <QString>
#include <QStringList>
#include <map>
#include <random>

class Clock;

// When to probe whom. Pure logic on the Clock seam: no timers, no network, so every rule below
// is tested with ManualClock and a seeded RNG.
//
// - Budget: a paid probe (not free, no --interval) never spends more than `budget` (1 %) of its
//   quota per window: paid probes are spaced so that any window holds at most
//   floor(budget * limit / cost) of them (a quota too small for one: one per window / (budget *
//   limit / cost), the same average), on every path (normal, throttle wait, error backoff, breaker, resume, network regained). The limit
//   is the reading's own, else the provider's documented one, else the largest remaining seen
//   (a lower bound of the limit); with none of them, unknownIntervalMs. Over a window the
//   reading names, the spacing may reach maxWaitMs; over an assumed one, maxIntervalMs. Only a
//   user's "refresh now" may probe sooner. A probe that went out counts even when no answer
//   came back (the server may have counted it); one that was never sent does not.
// - Normal interval: fixed (--interval) or adaptive. A free probe runs every 60 s, halved while
//   the result's state is Warning, quartered while Critical (the user's thresholds), shortened
//   as the burn rate rises; a paid one at its budget spacing; never below 10 s.
// - Throttled / exhausted: nothing until Retry-After or reset + 1 s (server-clock corrected).
// - Errors: floor + U(0, min(cap, base * 2^n)) (full jitter above a floor, finding 9).
// - Circuit breaker: after breakerThreshold consecutive failures (network, TLS, timeout, 5xx)
//   the account's breaker opens; while open nothing but the scheduled backoff attempt runs,
//   as a single half-open probe (refreshes are ignored). A success closes it, a failure
//   re-opens it with the next, longer backoff.
// - 401: stopped until the account is edited (updateAccount).
// - At most maxPerHost probes in flight per origin; after a monotonic gap (sleep) overdue
//   accounts are spread over the jitter window instead of firing together.
class Scheduler
{
public:
    struct Policy
    {
        QString hostKey;              // origin; concurrency is bounded per host
        std::optional<int> fixedIntervalS;
        bool freeProbe = false;
        qint64 probeCost = 1;
        qint64 defaultWindowS = 3600; // when the reading names no window
        // The provider's documented limit for the quota the probe spends (Preset), so the budget
        // holds before the first reading and after failed ones.
        std::optional<qint64> documentedLimit;
        qint64 documentedWindowS = 0;
    };
    struct Tuning
    {
        qint64 minIntervalMs = 10'000;
        qint64 freeIntervalMs = 60'000;
        qint64 maxIntervalMs = 3'600'000;
        qint64 unknownIntervalMs = 15 * 60'000; // a paid probe of a quota whose size is unknown
        qint64 errorFloorMs = 60'000;
        qint64 errorBaseMs = 60'000;
        qint64 errorCapMs = 15 * 60'000;
        qint64 maxWaitMs = 24 * 3'600'000; // Retry-After / reset clamp
        qint64 startJitterMs = 60'000;
        qint64 gapMs = 5 * 60'000;         // a tick later than this means the machine slept
        int maxPerHost = 4;
        int breakerThreshold = 5;          // consecutive failures that open the breaker
        double budget = 0.01;              // share of a paid quota the monitor may spend
    };

    enum class Breaker { Closed, Open, HalfOpen };

    explicit Scheduler(Clock *clock = nullptr, quint64 seed = std::random_device{}());

    // An account's policy from its preset: origin, fixed interval, free probe, cost, window and
    // the documented limit (only where it holds for the account: its preset's probe path, and
    // the host the figure is documented for).
    static Policy policyFor(const Account &account);

    void setTuning(const Tuning &t) { m_tuning = t; }
    const Tuning &tuning() const { return m_tuning; }

    // A new account starts at a jittered moment within the start window.
    void addAccount(const QString &id, const Policy &policy);
    // An edit: resets backoff and a 401 stop; keeps a pending throttle wait.
    void updateAccount(const QString &id, const Policy &policy);
    void removeAccount(const QString &id);
    bool contains(const QString &id) const { return m_accounts.contains(id); }

    // Accounts due now, within the per-host limits; each is marked in flight.
    QStringList takeDue();
    // Must follow every takeDue() entry exactly once.
    void onResult(const QString &id, const ProbeResult &result);
    // The probe could not be sent (e.g. keychain error): counts as an error for backoff.
    void onNotSent(const QString &id);

    // "Refresh now": due at once unless throttled, stopped, or probed less than the minimum
    // interval ago.
    void requestRefresh(const QString &id);
    void requestRefreshAll();

    // Regained network reachability: every account that is not throttled or stopped polls once,
    // spread over the jitter window (the same path as a resume after a sleep), never a burst
    // and never sooner than a minute after its last attempt.
    // Breaker and backoff state are kept: an account whose breaker is open gets its
    // half-open probe within the window.
    void networkRegained();

    // Sends nothing to the account before monotonic `untilMs` (another process's Retry-After,
    // reset wait or backoff, inherited with its lease): a wait like a throttle's, which a
    // refresh, an edit or a regained network does not shorten.
    void holdUntil(const QString &id, qint64 untilMs);
    // The monotonic instant before which nothing is sent because the server or failures said
    // so (Retry-After, reset wait, error backoff, open breaker), or nullopt when the account
    // merely waits for its normal interval (or is unknown, stopped or in flight).
    std::optional<qint64> heldUntilMs(const QString &id) const;

    // Milliseconds until the next account that can be sent is due (0 = now), or -1 when none
    // is scheduled. Accounts waiting only for a free slot on their host are not counted: a
    // finishing probe on that host makes them sendable.
    qint64 msUntilNextDue() const;
    // Monotonic time the account is next due, or -1 (stopped or in flight).
    qint64 nextDueMs(const QString &id) const;
    bool isStopped(const QString &id) const;
    int inFlight(const QString &hostKey) const { return m_inFlight.value(hostKey); }
    int consecutiveErrors(const QString &id) const;
    Breaker breaker(const QString &id) const;
    // Quota units Headroom itself spent on this account in the current window.
    qint64 costInWindow(const QString &id) const;

    // The delay after the n-th consecutive error (n >= 1), drawn from the RNG.
    qint64 errorDelayMs(int n);
    // The normal interval for a reading (no throttle, no error), before jitter.
    qint64 normalIntervalMs(const QString &id, const ProbeResult &result) const;
    // The least spacing of paid probes that keeps the spend within the budget, for a reading
    // (0: no budget applies: a free probe, a fixed interval).
    qint64 budgetIntervalMs(const QString &id, const ProbeResult &result) const;

private:
    struct Entry
    {
        Policy policy;
        qint64 dueMs = 0;
        qint64 lastStartMs = -1;
        bool inFlight = false;
        bool stopped = false;
        bool throttledUntilDue = false;
        int errors = 0;
        int failures = 0; // consecutive breaker failures (network, TLS, timeout, 5xx)
        Breaker breaker = Breaker::Closed;
        quint64 seq = 0;
        bool indexed = false;
        qint64 indexedDueMs = 0;
        qint64 windowStartMs = 0;
        qint64 windowMs = 3'600'000;
        qint64 windowCost = 0;
        std::optional<qint64> lastRemaining;
        qint64 lastRemainingAtMs = 0;
        double burnPerMs = 0; // others' consumption rate, units per ms
        qint64 budgetMs = 0;        // least spacing of paid probes, from the last reading
        qint64 lastSpendMs = -1;    // start of the last probe that cost quota
        qint64 maxRemaining = 0;    // largest remaining seen: a lower bound of the limit
    };
    qint64 budgetFor(const Entry &e, const ProbeResult &r) const;
    qint64 policyBudgetMs(const Policy &p) const;
    // The earliest a paid probe may start after the last one that cost quota.
    qint64 budgetFloor(const Entry &e) const;
    qint64 now() const;
    void handleResult(const QString &id, const ProbeResult &result, bool sent);
    qint64 jitterWindowMs() const;
    qint64 uniform(qint64 max);
    void spreadAfterGap(qint64 nowMs);
    // Keeps m_due in step with an entry's dueMs / stopped / inFlight; call after every change.
    void reindex(const QString &id, Entry &e);
    void unindex(Entry &e);

    Clock *m_clock;
    std::mt19937_64 m_rng;
    Tuning m_tuning;
    QHash<QString, Entry> m_accounts;
    QStringList m_order; // stable iteration order
    // (due, insertion sequence) -> id for every entry that is neither stopped nor in flight, so
    // a tick costs O(due accounts), not O(all accounts) (bench_watch).
    std::map<std::pair<qint64, quint64>, QString> m_due;
    quint64 m_nextSeq = 0;
    QHash<QString, int> m_inFlight;
    qint64 m_lastTickMs = -1;
};
