#include "appidentity.h"
#include "commands.h"
#include "translations.h"

#include <QCoreApplication>
#include <QTextStream>

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
    return inspect() + account() + pool() + probe() + watch() + exportCsv() + settings();
}

int main(int argc, char **argv)
{
    // Without arguments, or with options only (--demo, Qt's own -platform ...), the dashboard;
    // help and version are answered without a window.
    const QByteArray first = argc >= 2 ? QByteArray(argv[1]) : QByteArray();
    if (first.isEmpty() || (first.startsWith('-') && first != "--help" && first != "-h" && first != "--version"))
        return runGui(argc, argv);

    QCoreApplication app(argc, argv);
    setUpApplicationIdentity();
    installTranslations();
    return Cli::dispatch(Commands::all(), QCoreApplication::arguments().mid(1));
}
