#pragma once

#include <QObject>
#include <QString>
#include <QVariant>

// The dashboard's preferences: one declarative table of keys and defaults (uisettings.cpp),
// stored as INI in $XDG_CONFIG_HOME/headroom/ui.ini. Preferences only: no token, no account data.
class UiSettings : public QObject
{
    Q_OBJECT
public:
    enum class Key {
        CloseToTray,      // bool: closing the main window hides it to the tray (when there is one)
        StartMinimised,   // bool: start hidden in the tray (or minimised without a tray)
        WindowGeometry,   // QByteArray: QWidget::saveGeometry()
        WindowState,      // QByteArray: QMainWindow::saveState()
        LastExportDir,    // QString: directory of the last export
    };
    Q_ENUM(Key)

    static UiSettings *instance();

    static QVariant value(Key key);
    static void setValue(Key key, const QVariant &value);
    // The INI key, e.g. "ui/closeToTray".
    static QString name(Key key);
    static QVariant defaultValue(Key key);

    static bool closeToTray() { return value(Key::CloseToTray).toBool(); }
    static bool startMinimised() { return value(Key::StartMinimised).toBool(); }

Q_SIGNALS:
    void changed(UiSettings::Key key);

private:
    using QObject::QObject;
};
