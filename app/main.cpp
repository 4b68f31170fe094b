#include "commands.h"

#include <QApplication>
#include <QCoreApplication>
#include <QTextStream>

#include <cstdio>
#include <memory>

int runGui(int argc, char **argv);

int failWith(int code, const QString &message)
{
    QTextStream err(stderr);
    err << "headroom: " << message << '\n';
    return code;
}

namespace {

struct Command
{
    const char *name;
    int (*run)(const QStringList &);
};

constexpr Command kCommands[] = {
    {"inspect", &Commands::inspect}, {"account", &Commands::account}, {"probe", &Commands::probe},
    {"watch", &Commands::watch},     {"export", &Commands::exportCsv},
};

void printUsage()
{
    QTextStream out(stdout);
    out << "Usage:\n"
           "  headroom [--demo]                      the dashboard\n"
           "  headroom inspect [--provider ID] [--now ISO-8601] [FILE|-]\n"
           "  headroom account add NAME --provider ID [--base-url URL] [--probe-path PATH] [--param K=V]... "
           "[--interval SECONDS] [--token-stdin]\n"
           "  headroom account list [--json]\n"
           "  headroom account remove NAME\n"
           "  headroom probe [--json] [NAME...]\n"
           "  headroom watch [--duration SECONDS] [--json]\n"
           "  headroom export --kind samples|events|summary [--from ISO] [--to ISO] [--account NAME]... "
           "[--period hour|day] --out FILE|-\n";
}

} // namespace

int main(int argc, char **argv)
{
    if (argc >= 2) {
        const QByteArray first = argv[1];
        if (first == "--help" || first == "-h" || first == "help") {
            printUsage();
            return 0;
        }
        if (first == "--version") {
            std::printf("headroom %s\n", HEADROOM_VERSION);
            return 0;
        }
        for (const Command &c : kCommands) {
            if (first == c.name) {
                QCoreApplication app(argc, argv);
                QCoreApplication::setApplicationName(QStringLiteral("headroom"));
                QCoreApplication::setApplicationVersion(QStringLiteral(HEADROOM_VERSION));
                QStringList args = QCoreApplication::arguments().mid(2);
                return c.run(args);
            }
        }
        if (!first.startsWith('-'))
            return failWith(2, QStringLiteral("unknown command '%1' (try --help)").arg(QString::fromLocal8Bit(first)));
    }
    return runGui(argc, argv);
}
