#include "uisettings.h"

#include <QSettings>

#include <memory>

namespace {

struct Entry
{
    UiSettings::Key key;
    const char16_t *name;
    QVariant defaultValue;
};

const QList<Entry> &table()
{
    static const QList<Entry> entries = {
        {UiSettings::Key::CloseToTray, u"ui/closeToTray", false},
        {UiSettings::Key::StartMinimised, u"ui/startMinimised", false},
        {UiSettings::Key::WindowGeometry, u"ui/windowGeometry", QByteArray()},
        {UiSettings::Key::WindowState, u"ui/windowState", QByteArray()},
        {UiSettings::Key::LastExportDir, u"ui/lastExportDir", QString()},
    };
    return entries;
}

const Entry &entry(UiSettings::Key key)
{
    for (const Entry &e : table()) {
        if (e.key == key)
            return e;
    }
    Q_UNREACHABLE();
}

std::unique_ptr<QSettings> settings()
{
    // Next to accounts.json: $XDG_CONFIG_HOME/headroom/ui.ini.
    return std::make_unique<QSettings>(QSettings::IniFormat, QSettings::UserScope, QStringLiteral("headroom"),
                                       QStringLiteral("ui"));
}

} // namespace

UiSettings *UiSettings::instance()
{
    static UiSettings s;
    return &s;
}

QString UiSettings::name(Key key)
{
    return QString::fromUtf16(entry(key).name);
}

QVariant UiSettings::defaultValue(Key key)
{
    return entry(key).defaultValue;
}

QVariant UiSettings::value(Key key)
{
    const Entry &e = entry(key);
    QVariant v = settings()->value(QString::fromUtf16(e.name), e.defaultValue);
    // INI stores bools as text; give callers the type the table promises.
    if (e.defaultValue.isValid() && v.metaType() != e.defaultValue.metaType() && v.canConvert(e.defaultValue.metaType()))
        v.convert(e.defaultValue.metaType());
    return v;
}

void UiSettings::setValue(Key key, const QVariant &value)
{
    if (UiSettings::value(key) == value)
        return;
    settings()->setValue(name(key), value);
    Q_EMIT instance()->changed(key);
}
