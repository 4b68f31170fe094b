#pragma once

#include "quotareading.h"

#include <QDateTime>
#include <QJsonObject>
#include <QString>
#include <optional>

enum class AccountState { Ok, NearLimit, Throttled, AuthFailed, Unlimited, NoData, Stale, Error };

// "ok", "near_limit", ... exactly as DESIGN.md's JSON lines spell them.
QString accountStateId(AccountState s);
std::optional<AccountState> accountStateFromId(const QString &id);

// The outcome of one probe of one account. A failed probe carries no quota values.
struct ProbeResult
{
    QString accountId;
    QString accountName;
    QString provider;
    AccountState state = AccountState::NoData;
    QuotaReading reading;      // empty quotas when the probe failed
    QDateTime probedAt;        // UTC
    qint64 cost = 0;           // quota units this probe spent
    QString error;             // user-readable, never contains a token; empty on success

    // One JSON line of `probe --json` / `watch --json` (DESIGN.md).
    QJsonObject toJson() const;
};
