// A helper process for tst_leasekeeper: one poller (LeaseKeeper + Monitor) of accounts
// FIRST..FIRST+COUNT-1 against the simulator at SIMBASE, sending tokens "child-<id>". It prints
// "held <ids>" whenever the accounts it polls change, and runs until it is killed.
//   leaseholder URL SIMBASE FIRST COUNT LEASE_MS
#include "leasefixture.h"

#include <QCoreApplication>

#include <cstdio>

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() != 6)
        return 2;
    const int first = args.at(3).toInt();
    const int count = args.at(4).toInt();
    QList<int> indexes;
    for (int i = first; i < first + count; ++i)
        indexes << i;
    LeaseFixture::Poller poller;
    QString error;
    if (!poller.setUp(args.at(1), args.at(2), indexes, QStringLiteral("child"), LeaseKeeper::defaultHolder(),
                      args.at(5).toLongLong(), &error)) {
        std::fprintf(stderr, "%s\n", qPrintable(error));
        return 1;
    }
    QObject::connect(poller.keeper.get(), &LeaseKeeper::heldChanged, [](const QStringList &ids) {
        std::printf("held %s\n", qPrintable(ids.join(u',')));
        std::fflush(stdout);
    });
    QObject::connect(poller.keeper.get(), &LeaseKeeper::error,
                     [](const QString &message) { std::fprintf(stderr, "%s\n", qPrintable(message)); });
    poller.start();
    return app.exec();
}
