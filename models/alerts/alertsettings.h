#pragma once

#include "core/accountstate.h"

#include <QDateTime>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <optional>

class QSettings;
struct Account;

// Per-account changes to the global alert settings. Stored in Account::alertOverrides
// (accounts.json) with these keys, each optional:
//   "enabled":      bool   false = alerts for this account are recorded but never shown
//   "warning_pct":  number warning threshold in percent of the limit (0..100)
//   "critical_pct": number critical threshold in percent of the limit (0..100)
//   "forecast":     bool   run-dry forecast on/off
// Unknown keys are kept as they are, so a newer Headroom's keys survive an older one.
struct AlertOverride
{
    std::optional<bool> enabled;
    std::optional<double> warningPct;
    std::optional<double> criticalPct;
    std::optional<bool> forecast;
    QJsonObject unknown;

    bool isEmpty() const { return !enabled && !warningPct && !criticalPct && !forecast && unknown.isEmpty(); }
    QJsonObject toJson() const;
    static AlertOverride fromJson(const QJsonObject &o);
    bool operator==(const AlertOverride &) const = default;
};

// The thresholds and switches that apply to one account after its override.
struct EffectiveAlertSettings
{
    bool enabled = true;
    double warningPct = Thresholds::kDefaultWarningPct;
    double criticalPct = Thresholds::kDefaultCriticalPct;
    bool forecast = true;

    Thresholds thresholds() const { return {warningPct, criticalPct}; }
};

// All alert settings. The global part lives in the app's QSettings (group "alerts"); the
// per-account part in Account::alertOverrides. No secrets in either.
struct AlertSettings
{
    double warningPct = Thresholds::kDefaultWarningPct;
    double criticalPct = Thresholds::kDefaultCriticalPct;
    bool forecast = true;
    bool doNotDisturb = false;
    // Run for every delivered alert, split like a shell would (QProcess::splitCommand), with
    // the alert in HEADROOM_ALERT_* environment variables. Empty = none.
    QString command;
    int commandTimeoutS = 10;
    QHash<QString, AlertOverride> overrides; // by account id

    // Hysteresis: a threshold re-arms only once remaining is this many points above it.
    static constexpr double kRearmPoints = 5.0;
    // The same rule for the same quota fires at most once in this long, whatever re-armed it.
    static constexpr qint64 kMinRepeatS = 15 * 60;
    // How long probes must fail continuously (unreachable, errors) before an alert.
    static constexpr qint64 kFailureGraceS = 5 * 60;
    // A token expiring within this horizon raises an alert.
    static constexpr qint64 kTokenExpiryHorizonS = 7 * 24 * 3600;
    // Burn-rate forecast: samples from this far back feed the slope.
    static constexpr qint64 kForecastLookbackS = 15 * 60;

    EffectiveAlertSettings effectiveFor(const QString &accountId) const;
    // The thresholds that classify this account's state everywhere (core/accountstate.h); an
    // empty or unknown id gives the global ones.
    Thresholds thresholdsFor(const QString &accountId) const { return effectiveFor(accountId).thresholds(); }

    // QSettings group "alerts": warning_pct, critical_pct, forecast, do_not_disturb, command,
    // command_timeout_s. Out-of-range values fall back to the defaults.
    static AlertSettings load(QSettings &settings);
    void save(QSettings &settings) const;
    // The app's own settings file: $XDG_CONFIG_HOME/headroom/headroom.conf (INI, mode 0600),
    // next to accounts.json.
    static QString defaultSettingsPath();
    static AlertSettings loadDefault();
    bool saveDefault() const;

    // Reads every account's Account::alertOverrides into `overrides`.
    void loadOverrides(const QList<Account> &accounts);
    // Writes `overrides` back into the accounts (the caller then saves its AccountStore).
    void storeOverrides(QList<Account> &accounts) const;

    bool operator==(const AlertSettings &) const = default;
};

// A snooze the user asked for (notification action, settings dialog, tray menu).
struct SnoozeRequest
{
    enum class Kind { Clear, OneHour, UntilReset, Until };
    QString accountId;
    Kind kind = Kind::OneHour;
    QDateTime until; // Kind::Until only, UTC
};
