#pragma once

#include <QMetaType>
#include <QString>

#include <functional>
#include <optional>
#include <span>

// An account's state and the one rule that decides it. Everything that shows, ranks, records or
// acts on a state (probe lines, the table, bar colours, chart lines, tray, rollups, scheduler,
// alerts) either reads a state made here or asks classify() with the same thresholds, so a
// user's warning threshold means the same thing everywhere.
//
// This file knows plain numbers only: callers translate their own reading types into
// QuotaLevel, so the bottom layer depends on nothing above it.
enum class AccountState {
    Ok,
    Warning,    // below the warning threshold, or the provider's near-limit flag
    Critical,   // below the critical threshold
    Throttled,  // the provider refuses requests for quota (429, a rate-limit 403)
    AuthFailed, // 401: the token is wrong, revoked or expired
    Unlimited,  // rate limiting is off (GitHub Enterprise Server)
    NoData,     // an answer, but nothing about the quota's level
    Stale,      // no successful probe for longer than the stale limit
    Error,      // the probe failed (network, TLS, HTTP error, keychain)
};

// "ok", "warning", "critical", "throttled", "auth_failed", "unlimited", "no_data", "stale",
// "error": the `state` of `probe --json` / `watch --json` lines.
QString accountStateId(AccountState s);
std::optional<AccountState> accountStateFromId(const QString &id);

// True for the two states that mean "the quota is running low" (a near-limit event, the
// scheduler looking more often).
constexpr bool isLow(AccountState s)
{
    return s == AccountState::Warning || s == AccountState::Critical;
}

// The user's thresholds, in percent of the limit (the alert settings, global or per account).
// "Below" is strict: a quota is Warning when remaining / limit * 100 < warningPct, so exactly
// 20 % of the limit is still Ok and exactly 5 % is Warning, not Critical.
struct Thresholds
{
    static constexpr double kDefaultWarningPct = 20.0;
    static constexpr double kDefaultCriticalPct = 5.0;

    double warningPct = kDefaultWarningPct;
    double criticalPct = kDefaultCriticalPct;

    bool operator==(const Thresholds &) const = default;
};

// The thresholds that apply to one account; an empty id asks for the global ones.
using ThresholdsFor = std::function<Thresholds(const QString &accountId)>;

// One quota as the classification sees it. Unknown stays unknown: no field defaults to zero.
struct QuotaLevel
{
    std::optional<qint64> remaining;
    std::optional<qint64> limit;
    std::optional<bool> nearLimit; // the provider's own flag, when it sends one
};

// remaining / limit in percent, or nothing when that is unknown (no limit, a zero limit).
// Remaining 0 is 0 % even without a limit: nothing is left whatever the limit is.
std::optional<double> remainingPct(const QuotaLevel &q);

// What the probe's HTTP exchange said, before any quota is looked at (ProbeClient reads the
// status line and body into this).
enum class Exchange {
    Answered,   // 2xx: the quotas decide
    AuthFailed,
    Unlimited,
    Throttled,
    Failed,     // transport failure, non-2xx, keychain: nothing is known about the quota
};

struct StateFacts
{
    Exchange exchange = Exchange::Answered;
    // A throttle whose resume time has passed no longer holds the account (the table re-reads).
    bool throttleOver = false;
    bool stale = false; // the last successful probe is older than the stale limit
    std::span<const QuotaLevel> quotas;
};

// The one classification. Precedence: AuthFailed, Error, Unlimited, Throttled, Stale, then the
// worst quota: Critical (below criticalPct), Warning (below warningPct or the near-limit
// flag), Ok. A quota whose level is unknown and carries no flag says nothing; when no quota
// says anything the state is NoData.
AccountState classify(const StateFacts &facts, const Thresholds &thresholds);

// One quota alone: Ok, Warning, Critical, or NoData when its level is unknown and unflagged.
AccountState classifyQuota(const QuotaLevel &quota, const Thresholds &thresholds);

Q_DECLARE_METATYPE(AccountState)
