#include "placeholderwindow.h"

#include <QApplication>

int runGui(int argc, char **argv)
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("headroom"));
    QApplication::setApplicationDisplayName(QStringLiteral("Headroom"));
    QApplication::setApplicationVersion(QStringLiteral(HEADROOM_VERSION));
    PlaceholderWindow w(app.arguments().contains(QStringLiteral("--demo")));
    w.show();
    return app.exec();
}
