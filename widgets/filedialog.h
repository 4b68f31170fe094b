#pragma once

#include <QString>

#include <optional>

class QWidget;

// File choosers go through here so GUI tests can supply the name the user "picked".
class FileDialog
{
public:
    // Empty when the user cancelled. Without confirmOverwrite an existing file may be chosen as
    // is (a history file to open, not one to replace).
    static QString getSaveFileName(QWidget *parent, const QString &caption, const QString &dir,
                                   const QString &filter, bool confirmOverwrite = true);

    // The next call returns `fileName` without showing a dialog (empty = "cancelled").
    static void setNextFileName(const QString &fileName);

private:
    static std::optional<QString> s_nextFileName;
};
