#pragma once

#include <QDateTime>
#include <QMetaType>
#include <QString>
#include <optional>

// What an alert is about. Each rule latches on its own (per account, per resource where it
// applies), so one rule firing never silences another.
enum class AlertRule {
    Warning,       // remaining below the warning threshold (default 20 %)
    Critical,      // remaining below the critical threshold (default 5 %)
    NearLimit,     // the provider itself says "near limit"
    Throttled,     // 429 or a rate-limit 403
    Forecast,      // at the current burn rate the quota runs dry before its reset
    AuthFailed,    // the token was rejected: raised at once
    ProbeFailing,  // unreachable or erroring continuously for the failure grace period
    Restored,      // back above the warning threshold after a warning or critical alert
    TokenExpiring, // the token expires within the expiry horizon (default 7 days)
    Imbalanced,    // a pool's member is throttled or nearly out while another has plenty left
};

enum class AlertSeverity { Info, Warning, Critical };

// Why an alert that was raised was not shown. It is recorded either way.
enum class AlertSuppression { None, Snoozed, DoNotDisturb, Disabled };

// Stable ids used in the event log, in persisted state and in HEADROOM_ALERT_RULE.
QString alertRuleId(AlertRule r);          // "warning", "critical", "near_limit", ...
std::optional<AlertRule> alertRuleFromId(const QString &id);
QString alertSeverityId(AlertSeverity s);  // "info", "warning", "critical"
AlertSeverity defaultSeverity(AlertRule r);

// One raised alert: everything a notification, the event log and the user command need.
// Carries the account's name and id, never anything about its token.
struct Alert
{
    QString accountId;
    QString accountName;
    AlertRule rule = AlertRule::Warning;
    AlertSeverity severity = AlertSeverity::Warning;
    QString resource;                   // empty for account-wide rules
    std::optional<qint64> remaining;
    std::optional<qint64> limit;
    std::optional<QDateTime> resetAt;   // UTC
    std::optional<QDateTime> resumesAt; // throttled: when probing resumes
    std::optional<QDateTime> runsDryAt; // forecast
    std::optional<QDateTime> expiresAt; // token expiry
    QDateTime raisedAt;                 // UTC
    QString title;                      // translated, plain text
    QString body;                       // translated, plain text
    AlertSuppression suppression = AlertSuppression::None;

    bool shouldDeliver() const { return suppression == AlertSuppression::None; }
    // Notifications for the same account and rule replace each other instead of stacking.
    QString replaceKey() const { return accountId + u'/' + alertRuleId(rule); }
    // The text stored as the Event detail.
    QString eventDetail() const;
};

Q_DECLARE_METATYPE(Alert)
