#include "alertrule.h"

#include <QCoreApplication>

#include <array>
#include <utility>

namespace {
// Alert is a plain struct: its strings take their context from this class.
class AlertText
{
    Q_DECLARE_TR_FUNCTIONS(Alert)
};
} // namespace

namespace {
constexpr std::array<std::pair<AlertRule, const char *>, 10> kRuleIds{{
    {AlertRule::Warning, "warning"},
    {AlertRule::Critical, "critical"},
    {AlertRule::NearLimit, "near_limit"},
    {AlertRule::Throttled, "throttled"},
    {AlertRule::Forecast, "forecast"},
    {AlertRule::AuthFailed, "auth_failed"},
    {AlertRule::ProbeFailing, "probe_failing"},
    {AlertRule::Restored, "restored"},
    {AlertRule::TokenExpiring, "token_expiring"},
    {AlertRule::Imbalanced, "imbalanced"},
}};
} // namespace

QString alertRuleId(AlertRule r)
{
    for (const auto &[rule, id] : kRuleIds) {
        if (rule == r)
            return QLatin1String(id);
    }
    return {};
}

std::optional<AlertRule> alertRuleFromId(const QString &id)
{
    for (const auto &[rule, name] : kRuleIds) {
        if (id == QLatin1String(name))
            return rule;
    }
    return std::nullopt;
}

QString alertSeverityId(AlertSeverity s)
{
    switch (s) {
    case AlertSeverity::Info:
        return QStringLiteral("info");
    case AlertSeverity::Warning:
        return QStringLiteral("warning");
    case AlertSeverity::Critical:
        return QStringLiteral("critical");
    }
    return {};
}

AlertSeverity defaultSeverity(AlertRule r)
{
    switch (r) {
    case AlertRule::Critical:
    case AlertRule::Throttled:
    case AlertRule::AuthFailed:
        return AlertSeverity::Critical;
    case AlertRule::Restored:
        return AlertSeverity::Info;
    case AlertRule::Warning:
    case AlertRule::NearLimit:
    case AlertRule::Forecast:
    case AlertRule::ProbeFailing:
    case AlertRule::TokenExpiring:
    case AlertRule::Imbalanced:
        break;
    }
    return AlertSeverity::Warning;
}

QString Alert::eventDetail() const
{
    // Machine-readable prefix first (rule, severity, resource), then the text the user saw.
    QString detail = alertRuleId(rule) % u'/' % alertSeverityId(severity);
    if (!resource.isEmpty())
        detail += u'/' % resource;
    detail += QStringLiteral(": ") % title % QStringLiteral(" — ") % body;
    switch (suppression) {
    case AlertSuppression::None:
        break;
    case AlertSuppression::Snoozed:
        detail += u' ' % AlertText::tr("(not shown: snoozed)");
        break;
    case AlertSuppression::DoNotDisturb:
        detail += u' ' % AlertText::tr("(not shown: do not disturb)");
        break;
    case AlertSuppression::Disabled:
        detail += u' ' % AlertText::tr("(not shown: alerts off for this account)");
        break;
    }
    return detail;
}
