#pragma once

#include <QCommandLineOption>
#include <QCoreApplication>
#include <QList>
#include <QString>
#include <QStringList>

#include <functional>
#include <optional>
#include <utility>

class QCommandLineParser;

// The command line's strings share one translation context, "Cli": lupdate files every
// CliText::tr() under it, and the same name finds them at run time.
class CliText
{
    Q_DECLARE_TR_FUNCTIONS(Cli)
};

// What the shell may offer for an option's value or a positional argument, given the
// positional arguments typed before it. Cli::kFileCandidates asks the shell for file names.
using CliCandidates = std::function<QStringList(const QStringList &positionals)>;

// One command of the command line. QCommandLineParser parses it, and its help page and its
// shell completion are generated from this same description, so the three never disagree.
struct CliCommand
{
    struct Argument
    {
        QString syntax;      // "NAME", "[FILE|-]"
        QString description;
        CliCandidates candidates;
    };
    struct Option
    {
        QCommandLineOption option;
        CliCandidates candidates; // for an option that takes a value
    };
    struct Section
    {
        QString title;
        QList<std::pair<QString, QString>> rows;
    };

    QString path;        // "account add"; a group such as "account" has no run
    QString summary;     // one line, in the overview and in its group's help
    QString usage;       // what follows "headroom PATH" in the usage line
    QString description; // a paragraph
    QList<Argument> arguments;
    bool lastArgumentRepeats = false;
    QList<Option> options;
    QList<Section> sections; // extra tables after the options (providers, settings keys)
    int (*run)(const QCommandLineParser &parsed) = nullptr;
    bool inOverview = true; // listed by `headroom --help`

    void addOption(const QStringList &names, const QString &description, const QString &valueName = {},
                   CliCandidates candidates = {});
};

namespace Cli {

// Everything that is not the dashboard: `--help`, `--version`, `help COMMAND`, the hidden
// `__complete` used by the bash completion, and the commands themselves. `args` are the words
// after the program name.
int dispatch(const QList<CliCommand> &commands, const QStringList &args);

// What `headroom --help` prints (the dashboard's Help ▸ Command line shows it too).
QString overview(const QList<CliCommand> &commands);

// A usage error of the command `path`: one line on stderr, exit code 2.
int usageError(const QString &path, const QString &message);

// Candidates shared by several commands.
QStringList providerIds(const QStringList &positionals);
QStringList accountNames(const QStringList &positionals);
QStringList fileCandidates(const QStringList &positionals);
CliCandidates choices(const QStringList &words);

// Standard input, at most 64 KiB, so a runaway pipe cannot exhaust memory.
QByteArray readAllStdin();
// A no-echo prompt on the terminal: a secret never appears on screen, in argv or environment.
std::optional<QByteArray> promptNoEcho(const QString &prompt);

} // namespace Cli
