#pragma once

#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

#include "history/historylocation.h"

// The settings a server needs without a window, as `headroom settings` shows and changes them:
// one row per key. They live in headroom.conf beside the alert settings; the alert keys are
// read exactly as AlertSettings::load reads them, so a value is valid here when it is valid
// there.
class SettingsTable
{
public:
    enum class Type { Percent, Bool, Text, Days, History };
    struct Key
    {
        QString name;        // "warning-pct", as typed on the command line
        QString description;
        QString allowed;     // what a value may be, in words
        QString defaultValue;
        Type type = Type::Text;
    };
    enum class Outcome { Ok, BadValue, WriteFailed };

    static QList<Key> keys();
    static std::optional<Key> find(const QString &name);
    static QStringList names();

    // The value in effect (a missing or invalid entry in the file means the default).
    static QString value(const QString &name);
    // Validates, then writes; *error says what is allowed, or why the file was not written.
    static Outcome set(const QString &name, const QString &value, QString *error);
    // Back to the default.
    static Outcome unset(const QString &name, QString *error);

    // The retention the history applies, for every place that opens one.
    static int retentionDays();

    // Where every command and the dashboard keep the history: --history when given (set here by
    // main()), else the `history` setting, else empty (Session's default, the user's file).
    static QString historyLocation();
    // False with *error when `location` names no history Headroom can open.
    static bool setHistoryOverride(const QString &location, QString *error);
    // historyLocation() parsed (the default file when empty); nothing, with *error, when the
    // stored location cannot be read.
    static std::optional<HistoryLocation> historyInEffect(QString *error);
};
