#include "commands.h"

#include "settingstable.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QTextStream>

namespace {

QString tr_(const char *s)
{
    return QCoreApplication::translate("cmd_settings", s);
}

// The settings' keys, for the help of every settings command.
CliCommand::Section keysSection()
{
    CliCommand::Section s{tr_("Keys:"), {}};
    for (const SettingsTable::Key &k : SettingsTable::keys()) {
        const QString byDefault = k.defaultValue.isEmpty() ? tr_("none") : k.defaultValue;
        s.rows.append({k.name, tr_("%1 Allowed: %2. Default: %3.").arg(k.description, k.allowed, byDefault)});
    }
    return s;
}

QStringList keyCandidates(const QStringList &)
{
    return SettingsTable::names();
}

QStringList valueCandidates(const QStringList &positionals)
{
    const auto key = SettingsTable::find(positionals.value(0));
    if (key && key->type == SettingsTable::Type::Bool)
        return {QStringLiteral("true"), QStringLiteral("false")};
    return {};
}

// The key of `settings get|set|unset`, or a usage error naming the keys there are.
std::optional<SettingsTable::Key> keyArgument(const QString &path, const QCommandLineParser &parsed, int count,
                                              int *exitCode)
{
    const QStringList args = parsed.positionalArguments();
    if (args.size() != count) {
        *exitCode = Cli::usageError(path, count == 1 ? tr_("give one KEY") : tr_("give a KEY and a VALUE"));
        return std::nullopt;
    }
    const auto key = SettingsTable::find(args.first());
    if (!key)
        *exitCode = Cli::usageError(path, tr_("unknown key '%1', one of: %2")
                                              .arg(args.first(), SettingsTable::names().join(QStringLiteral(", "))));
    return key;
}

int listSettings(const QCommandLineParser &parsed)
{
    if (!parsed.positionalArguments().isEmpty())
        return Cli::usageError(QStringLiteral("settings list"), tr_("takes no arguments"));
    const QList<SettingsTable::Key> keys = SettingsTable::keys();
    QList<std::pair<QString, QString>> rows;
    qsizetype nameWidth = 0, valueWidth = 0;
    for (const SettingsTable::Key &k : keys) {
        const QString v = SettingsTable::value(k.name);
        rows.append({k.name, v});
        nameWidth = std::max(nameWidth, k.name.size());
        valueWidth = std::max(valueWidth, std::max(v.size(), tr_("(none)").size()));
    }
    QTextStream out(stdout);
    for (qsizetype i = 0; i < keys.size(); ++i) {
        const auto &[name, v] = rows.at(i);
        const QString &byDefault = keys.at(i).defaultValue;
        const QString shown = v.isEmpty() ? tr_("(none)") : v;
        const QString source = v == byDefault ? tr_("default")
                                              : tr_("set (default: %1)").arg(byDefault.isEmpty() ? tr_("none") : byDefault);
        out << name.leftJustified(nameWidth + 2) << shown.leftJustified(valueWidth + 2) << source << '\n';
    }
    return 0;
}

int getSetting(const QCommandLineParser &parsed)
{
    int code = 0;
    const auto key = keyArgument(QStringLiteral("settings get"), parsed, 1, &code);
    if (!key)
        return code;
    QTextStream(stdout) << SettingsTable::value(key->name) << '\n';
    return 0;
}

int setSetting(const QCommandLineParser &parsed)
{
    const QString path = QStringLiteral("settings set");
    int code = 0;
    const auto key = keyArgument(path, parsed, 2, &code);
    if (!key)
        return code;
    QString error;
    switch (SettingsTable::set(key->name, parsed.positionalArguments().at(1), &error)) {
    case SettingsTable::Outcome::Ok:
        return 0;
    case SettingsTable::Outcome::BadValue:
        return Cli::usageError(path, error);
    case SettingsTable::Outcome::WriteFailed:
        break;
    }
    return failWith(1, error);
}

int unsetSetting(const QCommandLineParser &parsed)
{
    const QString path = QStringLiteral("settings unset");
    int code = 0;
    const auto key = keyArgument(path, parsed, 1, &code);
    if (!key)
        return code;
    QString error;
    if (SettingsTable::unset(key->name, &error) != SettingsTable::Outcome::Ok)
        return failWith(1, error);
    return 0;
}

} // namespace

QList<CliCommand> Commands::settings()
{
    const QString where = tr_("They are kept in headroom.conf in Headroom's configuration directory "
                              "($XDG_CONFIG_HOME/headroom/), which the dashboard's settings also use.");
    CliCommand group;
    group.path = QStringLiteral("settings");
    group.summary = tr_("Show and change settings: list, get KEY, set KEY VALUE, unset KEY");
    group.usage = tr_("list|get|set|unset ...");
    group.description = tr_("The settings a server needs without a window.") + u' ' + where;
    group.sections = {keysSection()};

    CliCommand list;
    list.path = QStringLiteral("settings list");
    list.summary = tr_("Show every key, its value and whether that is the default");
    list.description = tr_("Shows every key, its value, and whether that is the default or what the default is.") + u' ' + where;
    list.sections = {keysSection()};
    list.run = &listSettings;
    list.inOverview = false;

    const CliCommand::Argument keyArg{tr_("KEY"), tr_("One of the keys below."), &keyCandidates};
    CliCommand get;
    get.path = QStringLiteral("settings get");
    get.summary = tr_("Print the value of KEY");
    get.usage = tr_("KEY");
    get.description = tr_("Prints the value in effect of KEY: what is set, else the default.");
    get.arguments = {keyArg};
    get.sections = {keysSection()};
    get.run = &getSetting;
    get.inOverview = false;

    CliCommand set;
    set.path = QStringLiteral("settings set");
    set.summary = tr_("Set KEY to VALUE");
    set.usage = tr_("KEY VALUE");
    set.description = tr_("Sets KEY to VALUE. A running watch or dashboard reads it when it next starts.");
    set.arguments = {keyArg, {tr_("VALUE"), tr_("What the key allows, as listed below."), &valueCandidates}};
    set.sections = {keysSection()};
    set.run = &setSetting;
    set.inOverview = false;

    CliCommand unset;
    unset.path = QStringLiteral("settings unset");
    unset.summary = tr_("Return KEY to its default");
    unset.usage = tr_("KEY");
    unset.description = tr_("Removes KEY from the settings file, so its default applies again.");
    unset.arguments = {keyArg};
    unset.sections = {keysSection()};
    unset.run = &unsetSetting;
    unset.inOverview = false;

    return {group, list, get, set, unset};
}
