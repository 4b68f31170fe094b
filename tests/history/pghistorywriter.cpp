// A helper process for the PostgreSQL history tests (the PostgreSQL twin of historywriter).
// Modes:
//   write URL BATCH     appends batches of BATCH samples (bounded), printing each batch id only
//                       after its transaction committed
//   migrate URL         opens (and so creates or migrates) the history, prints "done"
#include "history/pghistorystore.h"

#include <QCoreApplication>

#include <cstdio>

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() < 3)
        return 2;
    const QString mode = args.at(1);
    PgHistoryStore store;
    QString error;
    if (!store.open(args.at(2), &error)) {
        std::fprintf(stderr, "%s\n", qPrintable(error));
        return 1;
    }
    if (mode == QStringLiteral("migrate")) {
        std::printf("done\n");
        std::fflush(stdout);
        return 0;
    }
    if (mode != QStringLiteral("write"))
        return 2;
    const int batch = args.value(3).toInt();
    if (batch <= 0)
        return 2;
    // Batch ids continue after what an earlier (killed) writer committed.
    qint64 next = 0;
    if (const auto last = store.lastSample(QStringLiteral("writer"), QStringLiteral("core")))
        next = (last->time.toMSecsSinceEpoch() + 1) / batch;
    for (int n = 0; n < 1000000; ++n, ++next) {
        QList<Sample> samples;
        samples.reserve(batch);
        for (int i = 0; i < batch; ++i) {
            Sample s;
            s.accountId = QStringLiteral("writer");
            s.resource = QStringLiteral("core");
            s.time = QDateTime::fromMSecsSinceEpoch(next * batch + i, Qt::UTC);
            s.limit = 5000;
            s.remaining = 5000 - (next + i) % 5000;
            s.cost = 1;
            samples.append(s);
        }
        if (!store.appendSamples(samples)) {
            std::fprintf(stderr, "write failed: %s\n", qPrintable(store.takeNotice()));
            return 1;
        }
        std::printf("%lld\n", static_cast<long long>(next));
        std::fflush(stdout);
    }
    return 0;
}
