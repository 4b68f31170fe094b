#include "commands.h"

#include "settingstable.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QTextStream>

namespace {


// The settings' keys, for the help of every settings command.
CliCommand::Section keysSection()
{
    CliCommand::Section s{CliText::tr("Keys:"), {}};
    for (const SettingsTable::Key &k : SettingsTable::keys()) {
        QString byDefault = k.defaultValue.isEmpty() ? CliText::tr("none") : k.defaultValue;
        // The file's full path can be longer than a help line; `settings list` shows it.
        if (k.type == SettingsTable::Type::History)
            byDefault = QStringLiteral("sqlite:$XDG_DATA_HOME/headroom/history.sqlite");
        s.rows.append({k.name, CliText::tr("%1 Allowed: %2. Default: %3.").arg(k.description, k.allowed, byDefault)});
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
        *exitCode = Cli::usageError(path, count == 1 ? CliText::tr("give one KEY") : CliText::tr("give a KEY and a VALUE"));
        return std::nullopt;
    }
    const auto key = SettingsTable::find(args.first());
    if (!key)
        *exitCode = Cli::usageError(path, CliText::tr("unknown key '%1', one of: %2")
                                              .arg(args.first(), SettingsTable::names().join(QStringLiteral(", "))));
    return key;
}

int listSettings(const QCommandLineParser &parsed)
{
    if (!parsed.positionalArguments().isEmpty())
        return Cli::usageError(QStringLiteral("settings list"), CliText::tr("takes no arguments"));
    const QList<SettingsTable::Key> keys = SettingsTable::keys();
    QList<std::pair<QString, QString>> rows;
    qsizetype nameWidth = 0, valueWidth = 0;
    for (const SettingsTable::Key &k : keys) {
        const QString v = SettingsTable::value(k.name);
        rows.append({k.name, v});
        nameWidth = std::max(nameWidth, k.name.size());
        valueWidth = std::max(valueWidth, std::max(v.size(), CliText::tr("(none)").size()));
    }
    QTextStream out(stdout);
    for (qsizetype i = 0; i < keys.size(); ++i) {
        const auto &[name, v] = rows.at(i);
        const QString &byDefault = keys.at(i).defaultValue;
        const QString shown = v.isEmpty() ? CliText::tr("(none)") : v;
        const QString source = v == byDefault ? CliText::tr("default")
                                              : CliText::tr("set (default: %1)").arg(byDefault.isEmpty() ? CliText::tr("none") : byDefault);
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
    const QString where = CliText::tr("They are kept in headroom.conf in Headroom's configuration directory "
                              "($XDG_CONFIG_HOME/headroom/), which the dashboard's settings also use.");
    CliCommand group;
    group.path = QStringLiteral("settings");
    group.summary = CliText::tr("Show and change settings: list, get KEY, set KEY VALUE, unset KEY");
    group.usage = CliText::tr("list|get|set|unset ...");
    group.description = CliText::tr("The settings a server needs without a window.") + u' ' + where;
    group.sections = {keysSection()};

    CliCommand list;
    list.path = QStringLiteral("settings list");
    list.summary = CliText::tr("Show every key, its value and whether that is the default");
    list.description = CliText::tr("Shows every key, its value, and whether that is the default or what the default is.") + u' ' + where;
    list.sections = {keysSection()};
    list.run = &listSettings;
    list.inOverview = false;

    const CliCommand::Argument keyArg{CliText::tr("KEY"), CliText::tr("One of the keys below."), &keyCandidates};
    CliCommand get;
    get.path = QStringLiteral("settings get");
    get.summary = CliText::tr("Print the value of KEY");
    get.usage = CliText::tr("KEY");
    get.description = CliText::tr("Prints the value in effect of KEY: what is set, else the default.");
    get.arguments = {keyArg};
    get.sections = {keysSection()};
    get.run = &getSetting;
    get.inOverview = false;

    CliCommand set;
    set.path = QStringLiteral("settings set");
    set.summary = CliText::tr("Set KEY to VALUE");
    set.usage = CliText::tr("KEY VALUE");
    set.description = CliText::tr("Sets KEY to VALUE. A running watch or dashboard reads it when it next starts.");
    set.arguments = {keyArg, {CliText::tr("VALUE"), CliText::tr("What the key allows, as listed below."), &valueCandidates}};
    set.sections = {keysSection()};
    set.run = &setSetting;
    set.inOverview = false;

    CliCommand unset;
    unset.path = QStringLiteral("settings unset");
    unset.summary = CliText::tr("Return KEY to its default");
    unset.usage = CliText::tr("KEY");
    unset.description = CliText::tr("Removes KEY from the settings file, so its default applies again.");
    unset.arguments = {keyArg};
    unset.sections = {keysSection()};
    unset.run = &unsetSetting;
    unset.inOverview = false;

    return {group, list, get, set, unset};
}
