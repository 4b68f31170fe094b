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
    for (qint64 i = 0;; ++i) {
        AccountStore store(path);
        Account a;
        a.name = QStringLiteral("alpha");
        a.presetId = QStringLiteral("github");
        a.id = QStringLiteral("11111111-1111-1111-1111-111111111111");
        if (!store.add(a))
            return 1;
        if (i % 2) {
            Account b;
            b.name = QStringLiteral("beta");
            b.presetId = QStringLiteral("gitlab");
            b.id = QStringLiteral("22222222-2222-2222-2222-222222222222");
            if (!store.add(b))
                return 1;
        }
        if (!store.save())
            return 1;
        if (i == 0) {
            std::puts("ready");
            std::fflush(stdout);
        }
    }
}
