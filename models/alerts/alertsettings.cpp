#include "alertsettings.h"

#include "accounts/account.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSettings>
#include <QStandardPaths>

namespace {
const QLatin1String kEnabled("enabled");
const QLatin1String kWarning("warning_pct");
const QLatin1String kCritical("critical_pct");
const QLatin1String kForecast("forecast");

bool validPct(double v)
{
    return v >= 0.0 && v <= 100.0;
}

std::optional<double> pctFrom(const QJsonValue &v)
{
    if (!v.isDouble() || !validPct(v.toDouble()))
        return std::nullopt;
    return v.toDouble();
}

std::optional<bool> boolFrom(const QJsonValue &v)
{
    if (!v.isBool())
        return std::nullopt;
    return v.toBool();
}
} // namespace

QJsonObject AlertOverride::toJson() const
{
    QJsonObject o = unknown;
    if (enabled)
        o.insert(kEnabled, *enabled);
    if (warningPct)
        o.insert(kWarning, *warningPct);
    if (criticalPct)
        o.insert(kCritical, *criticalPct);
    if (forecast)
        o.insert(kForecast, *forecast);
    return o;
}

AlertOverride AlertOverride::fromJson(const QJsonObject &o)
{
    AlertOverride r;
    r.enabled = boolFrom(o.value(kEnabled));
    r.warningPct = pctFrom(o.value(kWarning));
    r.criticalPct = pctFrom(o.value(kCritical));
    r.forecast = boolFrom(o.value(kForecast));
    for (auto it = o.begin(); it != o.end(); ++it) {
        if (it.key() != kEnabled && it.key() != kWarning && it.key() != kCritical && it.key() != kForecast)
            r.unknown.insert(it.key(), it.value());
    }
    return r;
}

EffectiveAlertSettings AlertSettings::effectiveFor(const QString &accountId) const
{
    EffectiveAlertSettings e;
    e.warningPct = warningPct;
    e.criticalPct = criticalPct;
    e.forecast = forecast;
    const auto it = overrides.constFind(accountId);
    if (it != overrides.constEnd()) {
        e.enabled = it->enabled.value_or(true);
        e.warningPct = it->warningPct.value_or(e.warningPct);
        e.criticalPct = it->criticalPct.value_or(e.criticalPct);
        e.forecast = it->forecast.value_or(e.forecast);
    }
    return e;
}

AlertSettings AlertSettings::load(QSettings &settings)
{
    AlertSettings s;
    settings.beginGroup(QStringLiteral("alerts"));
    bool ok = false;
    const double w = settings.value(QStringLiteral("warning_pct"), s.warningPct).toDouble(&ok);
    if (ok && validPct(w))
        s.warningPct = w;
    const double c = settings.value(QStringLiteral("critical_pct"), s.criticalPct).toDouble(&ok);
    if (ok && validPct(c))
        s.criticalPct = c;
    s.forecast = settings.value(QStringLiteral("forecast"), s.forecast).toBool();
    s.doNotDisturb = settings.value(QStringLiteral("do_not_disturb"), s.doNotDisturb).toBool();
    s.command = settings.value(QStringLiteral("command")).toString();
    const int t = settings.value(QStringLiteral("command_timeout_s"), s.commandTimeoutS).toInt(&ok);
    if (ok && t > 0 && t <= 3600)
        s.commandTimeoutS = t;
    settings.endGroup();
    return s;
}

void AlertSettings::save(QSettings &settings) const
{
    settings.beginGroup(QStringLiteral("alerts"));
    settings.setValue(QStringLiteral("warning_pct"), warningPct);
    settings.setValue(QStringLiteral("critical_pct"), criticalPct);
    settings.setValue(QStringLiteral("forecast"), forecast);
    settings.setValue(QStringLiteral("do_not_disturb"), doNotDisturb);
    settings.setValue(QStringLiteral("command"), command);
    settings.setValue(QStringLiteral("command_timeout_s"), commandTimeoutS);
    settings.endGroup();
}

QString AlertSettings::defaultSettingsPath()
{
    return QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation)
        + QStringLiteral("/headroom/headroom.conf");
}

AlertSettings AlertSettings::loadDefault()
{
    QSettings settings(defaultSettingsPath(), QSettings::IniFormat);
    return load(settings);
}

bool AlertSettings::saveDefault() const
{
    const QString path = defaultSettingsPath();
    const QString dir = QFileInfo(path).absolutePath();
    if (!QDir().mkpath(dir))
        return false;
    QFile::setPermissions(dir, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    {
        QSettings settings(path, QSettings::IniFormat);
        save(settings);
        settings.sync();
        if (settings.status() != QSettings::NoError)
            return false;
    }
    // QSettings writes through a temporary file and renames, so the mode is set afterwards.
    return QFile::setPermissions(path, QFile::ReadOwner | QFile::WriteOwner);
}

void AlertSettings::loadOverrides(const QList<Account> &accounts)
{
    overrides.clear();
    for (const Account &a : accounts) {
        const AlertOverride o = AlertOverride::fromJson(a.alertOverrides);
        if (!o.isEmpty())
            overrides.insert(a.id, o);
    }
}

void AlertSettings::storeOverrides(QList<Account> &accounts) const
{
    for (Account &a : accounts)
        a.alertOverrides = overrides.value(a.id).toJson();
}
