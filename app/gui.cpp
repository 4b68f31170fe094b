#include "dashboard.h"
#include "mainwindow.h"
#include "theme.h"

#include <QApplication>
#include <QMessageBox>

int failWith(int code, const QString &message);

int runGui(int argc, char **argv)
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("headroom"));
    QApplication::setApplicationDisplayName(QStringLiteral("Headroom"));
    QApplication::setApplicationVersion(QStringLiteral(HEADROOM_VERSION));
    Theme::apply(Theme::savedMode());

    Dashboard dashboard(app.arguments().contains(QStringLiteral("--demo")));
    QString error;
    if (!dashboard.start(&error)) {
        QMessageBox::critical(nullptr, QObject::tr("Headroom"), error);
        return failWith(1, error);
    }
    dashboard.window()->show();
    return app.exec();
}
