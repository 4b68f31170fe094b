#include "settingstable.h"

#include "cli.h"

#include "alerts/alertsettings.h"
#include "history/historylocation.h"
#include "history/historystore.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLocale>
#include <QSettings>
#include <QTemporaryDir>
#include <QVariant>

#include <functional>

namespace {


// The history keeps at least a day (HistoryStore's own floor); ten years is plenty.
constexpr int kMinRetentionDays = 1;
constexpr int kMaxRetentionDays = 3650;
const QString kRetentionKey = QStringLiteral("history/retention_days");
const QString kLocationKey = QStringLiteral("history/location");

struct Values
{
    AlertSettings alerts;
    int retentionDays = 0;
    QString history; // as HistoryLocation::toString() writes it
};

std::optional<QString> &historyOverride()
{
    static std::optional<QString> location;
    return location;
}

int defaultRetentionDays()
{
    static const int days = HistoryStore().retentionDays();
    return days;
}

Values load(QSettings &settings)
{
    Values v{AlertSettings::load(settings), defaultRetentionDays(), HistoryLocation::defaultLocation().toString()};
    bool ok = false;
    const int days = settings.value(kRetentionKey).toInt(&ok);
    if (ok && days >= kMinRetentionDays && days <= kMaxRetentionDays)
        v.retentionDays = days;
    if (const std::optional<HistoryLocation> l = HistoryLocation::parse(settings.value(kLocationKey).toString(), nullptr))
        v.history = l->toString();
    return v;
}

// The shortest text that reads back as the same number, as QSettings writes it.
QString numberText(double d)
{
    return QString::number(d, 'g', QLocale::FloatingPointShortest);
}

QString boolText(bool b)
{
    return b ? QStringLiteral("true") : QStringLiteral("false");
}

struct Row
{
    const char *name;
    const char *fileKey; // group/key in headroom.conf
    SettingsTable::Type type;
    const char *description;
    QString (*pick)(const Values &);
};

using T = SettingsTable::Type;

// clang-format off
const Row kRows[] = {
    {"warning-pct", "alerts/warning_pct", T::Percent,
     QT_TRANSLATE_NOOP("Cli", "Warn when an account's remaining quota falls under this share of its limit."),
     [](const Values &v) { return numberText(v.alerts.warningPct); }},
    {"critical-pct", "alerts/critical_pct", T::Percent,
     QT_TRANSLATE_NOOP("Cli", "Alert as critical under this share of the limit."),
     [](const Values &v) { return numberText(v.alerts.criticalPct); }},
    {"forecast", "alerts/forecast", T::Bool,
     QT_TRANSLATE_NOOP("Cli", "Alert when the burn rate says an account runs dry before its reset."),
     [](const Values &v) { return boolText(v.alerts.forecast); }},
    {"alert-command", "alerts/command", T::Text,
     QT_TRANSLATE_NOOP("Cli", "Run this command for every alert, with the alert in HEADROOM_ALERT_* "
                                        "environment variables."),
     [](const Values &v) { return v.alerts.command; }},
    {"retention-days", "history/retention_days", T::Days,
     QT_TRANSLATE_NOOP("Cli", "Keep raw samples this many days; hourly summaries are kept for good."),
     [](const Values &v) { return QString::number(v.retentionDays); }},
    {"history", "history/location", T::History,
     QT_TRANSLATE_NOOP("Cli", "Where the history is kept: sqlite:PATH, or postgresql://[user@]host[:port]/database "
                                        "for a history shared by a team (the password in the keychain through "
                                        "'headroom history password', or in ~/.pgpass; never here)."),
     [](const Values &v) { return v.history; }},
};
// clang-format on

const Row *findRow(const QString &name)
{
    for (const Row &r : kRows) {
        if (name == QLatin1String(r.name))
            return &r;
    }
    return nullptr;
}

QString allowedText(T type)
{
    switch (type) {
    case T::Percent:
        return CliText::tr("a percentage, 0 to 100");
    case T::Bool:
        return CliText::tr("true or false");
    case T::Text:
        return CliText::tr("a command line, or empty for none");
    case T::Days:
        return CliText::tr("whole days, %1 to %2").arg(kMinRetentionDays).arg(kMaxRetentionDays);
    case T::History:
        return CliText::tr("sqlite:PATH or postgresql://[user@]host[:port]/database");
    }
    return {};
}

// The typed value to store, or nothing when `text` is not of the key's type.
std::optional<QVariant> parse(T type, const QString &text)
{
    bool ok = false;
    switch (type) {
    case T::Percent: {
        const double d = text.toDouble(&ok);
        return ok ? std::optional<QVariant>(d) : std::nullopt;
    }
    case T::Bool:
        if (QStringList{QStringLiteral("true"), QStringLiteral("on"), QStringLiteral("yes"), QStringLiteral("1")}.contains(text.toLower()))
            return QVariant(true);
        if (QStringList{QStringLiteral("false"), QStringLiteral("off"), QStringLiteral("no"), QStringLiteral("0")}.contains(text.toLower()))
            return QVariant(false);
        return std::nullopt;
    case T::Text:
        // One line: the value is one command, and a line break would not survive every reader.
        return text.contains(u'\n') || text.contains(u'\r') ? std::nullopt : std::optional<QVariant>(text);
    case T::Days: {
        const int d = text.toInt(&ok);
        return ok ? std::optional<QVariant>(d) : std::nullopt;
    }
    case T::History: {
        const std::optional<HistoryLocation> l = HistoryLocation::parse(text, nullptr);
        return l ? std::optional<QVariant>(l->toString()) : std::nullopt;
    }
    }
    return std::nullopt;
}

QString textOf(const QVariant &v)
{
    if (v.typeId() == QMetaType::Bool)
        return boolText(v.toBool());
    if (v.typeId() == QMetaType::Double)
        return numberText(v.toDouble());
    return v.toString();
}

// Applies `change` to headroom.conf, created private to the user like AlertSettings creates it.
SettingsTable::Outcome write(const std::function<void(QSettings &)> &change, QString *error)
{
    const QString path = AlertSettings::defaultSettingsPath();
    const QString dir = QFileInfo(path).absolutePath();
    if (!QDir().mkpath(dir)) {
        *error = CliText::tr("cannot create %1").arg(dir);
        return SettingsTable::Outcome::WriteFailed;
    }
    QFile::setPermissions(dir, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    {
        QSettings settings(path, QSettings::IniFormat);
        change(settings);
        settings.sync();
        if (settings.status() != QSettings::NoError) {
            *error = CliText::tr("cannot write %1").arg(path);
            return SettingsTable::Outcome::WriteFailed;
        }
    }
    // QSettings writes through a temporary file and renames it, so the mode is set afterwards.
    QFile::setPermissions(path, QFile::ReadOwner | QFile::WriteOwner);
    return SettingsTable::Outcome::Ok;
}

} // namespace

QList<SettingsTable::Key> SettingsTable::keys()
{
    const Values defaults{AlertSettings{}, defaultRetentionDays(), HistoryLocation::defaultLocation().toString()};
    QList<Key> out;
    for (const Row &r : kRows)
        out.append({QLatin1String(r.name), CliText::tr(r.description), allowedText(r.type), r.pick(defaults), r.type});
    return out;
}

std::optional<SettingsTable::Key> SettingsTable::find(const QString &name)
{
    for (const Key &k : keys()) {
        if (k.name == name)
            return k;
    }
    return std::nullopt;
}

QStringList SettingsTable::names()
{
    QStringList out;
    for (const Row &r : kRows)
        out << QLatin1String(r.name);
    return out;
}

QString SettingsTable::value(const QString &name)
{
    const Row *row = findRow(name);
    if (!row)
        return {};
    QSettings settings(AlertSettings::defaultSettingsPath(), QSettings::IniFormat);
    return row->pick(load(settings));
}

SettingsTable::Outcome SettingsTable::set(const QString &name, const QString &value, QString *error)
{
    const Row *row = findRow(name);
    // A location says itself why it is refused, without echoing a password it may hold.
    if (row && row->type == T::History && !HistoryLocation::parse(value, error)) {
        *error = CliText::tr("%1: %2").arg(name, *error);
        return Outcome::BadValue;
    }
    const std::optional<QVariant> typed = row ? parse(row->type, value) : std::nullopt;
    if (!row || !typed) {
        *error = row ? CliText::tr("%1 must be %2, not '%3'").arg(name, allowedText(row->type), value)
                     : CliText::tr("unknown key '%1'").arg(name);
        return Outcome::BadValue;
    }
    // Accepted only when the code that reads the file reads it back as given: the ranges live
    // with that code (AlertSettings::load), not here. A scratch file keeps the real one untouched.
    {
        QTemporaryDir scratchDir;
        QSettings scratch(scratchDir.filePath(QStringLiteral("check.conf")), QSettings::IniFormat);
        scratch.setValue(QLatin1String(row->fileKey), *typed);
        if (!scratchDir.isValid() || row->pick(load(scratch)) != textOf(*typed)) {
            *error = CliText::tr("%1 must be %2, not '%3'").arg(name, allowedText(row->type), value);
            return Outcome::BadValue;
        }
    }
    return write([&](QSettings &s) { s.setValue(QLatin1String(row->fileKey), *typed); }, error);
}

SettingsTable::Outcome SettingsTable::unset(const QString &name, QString *error)
{
    const Row *row = findRow(name);
    if (!row) {
        *error = CliText::tr("unknown key '%1'").arg(name);
        return Outcome::BadValue;
    }
    if (!QFile::exists(AlertSettings::defaultSettingsPath()))
        return Outcome::Ok; // nothing set, nothing to create
    return write([&](QSettings &s) { s.remove(QLatin1String(row->fileKey)); }, error);
}

int SettingsTable::retentionDays()
{
    QSettings settings(AlertSettings::defaultSettingsPath(), QSettings::IniFormat);
    return load(settings).retentionDays;
}

QString SettingsTable::historyLocation()
{
    if (historyOverride())
        return *historyOverride();
    QSettings settings(AlertSettings::defaultSettingsPath(), QSettings::IniFormat);
    // An unreadable stored location reaches the Session as it is, which says why it cannot be
    // used rather than fall back to another history.
    return settings.value(kLocationKey).toString();
}

bool SettingsTable::setHistoryOverride(const QString &location, QString *error)
{
    const std::optional<HistoryLocation> l = HistoryLocation::parse(location, error);
    if (!l)
        return false;
    historyOverride() = l->toString();
    return true;
}

std::optional<HistoryLocation> SettingsTable::historyInEffect(QString *error)
{
    const QString location = historyLocation();
    return location.isEmpty() ? HistoryLocation::defaultLocation() : HistoryLocation::parse(location, error);
}
