#include "appidentity.h"
#include "commands.h"
#include "historypassword.h"
#include "settingstable.h"
#include "translations.h"

#include <QCoreApplication>
#include <QTextStream>

#include <cstring>
#include <vector>

int runGui(int argc, char **argv);

int failWith(int code, const QString &message)
{
    // One line, whatever a value echoed in the message holds.
    QString line = message;
    line.replace(u'\r', QStringLiteral("\\r")).replace(u'\n', QStringLiteral("\\n"));
    QTextStream err(stderr);
    err << "headroom: " << line << '\n';
    return code;
}

QList<CliCommand> Commands::all()
{
    // The order of the overview: look at a response, set up accounts, use them, configure.
    return inspect() + account() + pool() + probe() + watch() + exportCsv() + settings() + history();
}

int main(int argc, char **argv)
{
    // --history URL is global: every command and the dashboard read and write that history.
    // Taken out here, before either parses its own options.
    std::vector<char *> rest { argv[0] };
    std::optional<QString> history;
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--") == 0) {
            rest.insert(rest.end(), argv + i, argv + argc);
            break;
        }
        if (std::strcmp(argv[i], "--history") == 0) {
            if (i + 1 >= argc)
                return failWith(2, CliText::tr("--history needs a location: sqlite:PATH or postgresql://host/database"));
            history = QString::fromLocal8Bit(argv[++i]);
        } else if (std::strncmp(argv[i], "--history=", 10) == 0) {
            history = QString::fromLocal8Bit(argv[i] + 10);
        } else {
            rest.push_back(argv[i]);
        }
    }
    if (history) {
        QString error;
        if (!SettingsTable::setHistoryOverride(*history, &error))
            return failWith(2, CliText::tr("--history: %1").arg(error));
    }
    argc = int(rest.size());
    rest.push_back(nullptr);
    argv = rest.data();

    // Without arguments, or with options only (--demo, Qt's own -platform ...), the dashboard;
    // help and version are answered without a window.
    const QByteArray first = argc >= 2 ? QByteArray(argv[1]) : QByteArray();
    if (first.isEmpty() || (first.startsWith('-') && first != "--help" && first != "-h" && first != "--version"))
        return runGui(argc, argv);

    QCoreApplication app(argc, argv);
    setUpApplicationIdentity();
    installTranslations();
    const QStringList args = QCoreApplication::arguments().mid(1);
    // Only for commands that may connect: not for help, completion or version.
    static const QStringList offline { QStringLiteral("__complete"), QStringLiteral("help"),
        QStringLiteral("inspect") };
    if (!args.isEmpty() && !args.first().startsWith(u'-') && !offline.contains(args.first()))
        HistoryPassword::load(args, true);
    return Cli::dispatch(Commands::all(), QCoreApplication::arguments().mid(1));
}
