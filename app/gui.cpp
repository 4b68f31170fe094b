#include "accounts/accountstore.h"
#include "history/historystore.h"
#include "mainwindow.h"
#include "theme.h"

#include <QApplication>

// Interim wiring while the Monitor (models/probe) is on its way: the window shows the stored
// accounts and their history; app/dashboard.cpp takes over once the engine lands.
int runGui(int argc, char **argv)
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("headroom"));
    QApplication::setApplicationDisplayName(QStringLiteral("Headroom"));
    QApplication::setApplicationVersion(QStringLiteral(HEADROOM_VERSION));
    Theme::apply(Theme::savedMode());

    HistoryStore history;
    QString error;
    QStringList notices;
    if (!history.open(HistoryStore::defaultPath(), &error))
        notices << QObject::tr("The history could not be opened: %1").arg(error);
    else if (const QString n = history.takeNotice(); !n.isEmpty())
        notices << n;
    AccountStore accounts;
    if (!accounts.load(&error))
        notices << QObject::tr("The accounts file could not be read and is left untouched: %1").arg(error);
    MainWindow w(history.isOpen() ? &history : nullptr);
    w.setDemoMode(app.arguments().contains(QStringLiteral("--demo")));
    w.setAccounts(accounts.accounts());
    if (!notices.isEmpty())
        w.showBanner(notices.join(QLatin1Char('\n')), true);
    w.show();
    return app.exec();
}
