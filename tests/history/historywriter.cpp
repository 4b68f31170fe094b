// A helper process for the durability tests. Modes:
//   write PATH BATCH     appends batches of BATCH samples forever (bounded), printing each batch id
//                        only after its transaction committed
//   migrate PATH         opens (and so migrates) the store, prints "done"
//   hold PATH MS         takes the write lock (BEGIN IMMEDIATE), prints "locked", holds it MS ms, commits
#include "history/historystore.h"
#include "history/sqltransaction.h"

#include <QCoreApplication>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QThread>

#include <cstdio>

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() < 3)
        return 2;
    const QString mode = args.at(1);
    const QString path = args.at(2);
    if (mode == QStringLiteral("hold")) {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("hold"));
        db.setDatabaseName(path);
        if (!db.open())
            return 1;
        SqlTransaction tx(db);
        if (!tx.isActive()) {
            std::fprintf(stderr, "%s\n", qPrintable(tx.lastError().text()));
            return 1;
        }
        QSqlQuery q(db);
        if (!q.exec(QStringLiteral("INSERT INTO alert_state(key, value) VALUES('holder', x'01') "
                                   "ON CONFLICT(key) DO UPDATE SET value = excluded.value"))) {
            std::fprintf(stderr, "%s\n", qPrintable(q.lastError().text()));
            return 1;
        }
        std::printf("locked\n");
        std::fflush(stdout);
        QThread::msleep(args.value(3).toULong());
        if (!tx.commit())
            return 1;
        std::printf("released\n");
        std::fflush(stdout);
        return 0;
    }
    HistoryStore store;
    QString error;
    if (!store.open(path, &error)) {
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
    qint64 next = 0;
    {
        QSqlQuery q(store.connection());
        if (q.exec(QStringLiteral("SELECT count(*) FROM samples")) && q.next())
            next = q.value(0).toLongLong() / batch;
    }
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
            std::fprintf(stderr, "write failed\n");
            return 1;
        }
        std::printf("%lld\n", static_cast<long long>(next));
        std::fflush(stdout);
    }
    return 0;
}
