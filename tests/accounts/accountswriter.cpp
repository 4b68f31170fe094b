// Helper for tst_settingsatomicity: saves accounts.json in a loop, alternating between two
// account lists (A: one account, B: two), until it is killed. Prints "ready" once the first
// save has committed.
#include "accounts/accountstore.h"

#include <QCoreApplication>
#include <cstdio>

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    if (argc < 2)
        return 2;
    const QString path = QString::fromLocal8Bit(argv[1]);
    auto account = [](const QString &name, const QString &preset, const QString &id) {
        Account a;
        a.name = name;
        a.presetId = preset;
        a.id = id;
        return a;
    };
    Account alpha = account(QStringLiteral("alpha"), QStringLiteral("github"),
                            QStringLiteral("11111111-1111-1111-1111-111111111111"));
    Account beta = account(QStringLiteral("beta"), QStringLiteral("gitlab"),
                           QStringLiteral("22222222-2222-2222-2222-222222222222"));
    for (qint64 i = 0;; ++i) {
        AccountStore store(path);
        if (!store.add(alpha))
            return 1;
        if (i % 2 && !store.add(beta))
            return 1;
        if (!store.save())
            return 1;
        if (i == 0) {
            std::puts("ready");
            std::fflush(stdout);
        }
    }
}
