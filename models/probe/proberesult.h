#pragma once

#include "core/accountstate.h"
#include "quota/quotareading.h"

#include <QDateTime>
#include <QMetaType>
#include <QJsonObject>
#include <QString>
#include <optional>

// A quota as classify() sees it (core/accountstate.h).
QuotaLevel quotaLevel(const Quota &q);
// classify() for a fresh reading: every quota of it, nothing stale.
AccountState classifyReading(Exchange exchange, const QuotaReading &reading, const Thresholds &thresholds);

// The outcome of one probe of one account. A failed probe carries no quota values.
struct ProbeResult
{
    QString accountId;
    QString accountName;
    // The account's extra route this probe read (empty: its main probe); the quotas are named
    // after it.
    QString route;
    QString provider;
    AccountState state = AccountState::NoData;
    QuotaReading reading;      // empty quotas when the probe failed
    QDateTime probedAt;        // UTC
    qint64 cost = 0;           // quota units this probe spent
    QString error;             // user-readable, never contains a token; empty on success
    // For no_data: why the reading holds no quota, in words ("Bitbucket sends no rate-limit
    // headers to user tokens"). Empty otherwise.
    QString reason;
    // The response's Date header: resets and Retry-After dates are server-clock values, so the
    // scheduler measures waits against it (clock skew between us and the server).
    std::optional<QDateTime> serverDate;
    // Monotonic time (Clock::monotonicMs) when the response arrived.
    qint64 receivedMonoMs = 0;
    // True when the failure was on the network or TLS level (no HTTP exchange completed).
    bool transportFailure = false;
    // The account's circuit breaker after this result ("closed", "open", "half_open"), set by
    // a continuously running Monitor; empty for one-shot probes.
    QString breaker;

    // One JSON line of `probe --json` / `watch --json`.
    QJsonObject toJson() const;
};
Q_DECLARE_METATYPE(ProbeResult)
