#include "appidentity.h"
#include "commands.h"
#include "dashboard.h"
#include "historypassword.h"
#include "mainwindow.h"
#include "theme.h"
#include "translations.h"
#include "trayicon.h"
#include "uisettings.h"

#include <QApplication>
#include <QMessageBox>

int failWith(int code, const QString &message);

int runGui(int argc, char **argv)
{
    QApplication app(argc, argv);
    setUpApplicationIdentity();
    installTranslations();
    Theme::apply(Theme::savedMode());

    const bool demo = app.arguments().contains(QStringLiteral("--demo"));
    if (!demo)
        HistoryPassword::load({}, false);
    Dashboard dashboard(demo);
    QString error;
    if (!dashboard.start(&error)) {
        QMessageBox::critical(nullptr, QObject::tr("Headroom"), error);
        return failWith(1, error);
    }
    // Every window's title ends in the display name; the main window's title is exactly it, so
    // it reads "Headroom — demo", not that plus " — Headroom".
    QApplication::setApplicationDisplayName(dashboard.window()->windowTitle());
    dashboard.window()->setCommandLineHelp(Cli::overview(Commands::all()));
    // Start minimised goes to the tray when there is one, else to the task bar.
    if (UiSettings::startMinimised())
        dashboard.window()->showMinimized();
    else
        dashboard.window()->show();
    return app.exec();
}
