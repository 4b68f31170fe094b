#include "appidentity.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSettings>
#include <QStandardPaths>

namespace {

// Where QSettings() put its file while no organization name was set.
QString orphanedSettingsPath()
{
    return QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation)
        + QStringLiteral("/Unknown Organization/headroom.conf");
}

// Copies what the orphaned file holds into today's file (keys already there win: they are
// newer), then removes it, so the move happens once. A file that cannot be read is left alone.
void adoptOrphanedSettings()
{
    const QString oldPath = orphanedSettingsPath();
    if (!QFile::exists(oldPath))
        return;
    QSettings old(oldPath, QSettings::IniFormat);
    if (old.status() != QSettings::NoError)
        return;
    QSettings current;
    const QString currentPath = current.fileName();
    QDir().mkpath(QFileInfo(currentPath).absolutePath());
    const QStringList keys = old.allKeys();
    for (const QString &key : keys) {
        if (!current.contains(key))
            current.setValue(key, old.value(key));
    }
    current.sync();
    if (current.status() != QSettings::NoError)
        return;
    QFile::setPermissions(currentPath, QFile::ReadOwner | QFile::WriteOwner);
    QFile::remove(oldPath);
    QDir().rmdir(QFileInfo(oldPath).absolutePath()); // only when nothing else lives there
}

} // namespace

void setUpApplicationIdentity()
{
    // Organization and application alike: QSettings() then means
    // $XDG_CONFIG_HOME/headroom/headroom.conf, the file the alert settings already use.
    QCoreApplication::setOrganizationName(QStringLiteral("headroom"));
    QCoreApplication::setApplicationName(QStringLiteral("headroom"));
    QCoreApplication::setApplicationVersion(QStringLiteral(HEADROOM_VERSION));
    adoptOrphanedSettings();
}
