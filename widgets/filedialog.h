#pragma once

#include <QString>

#include <optional>

class QWidget;

// File choosers go through here so GUI tests can supply the name the user "picked".
class FileDialog
{
public:
    // Empty when the user cancelled.
    static QString getSaveFileName(QWidget *parent, const QString &caption, const QString &dir,
                                   const QString &filter);

    // The next call returns `fileName` without showing a dialog (empty = "cancelled").
    static void setNextFileName(const QString &fileName);

private:
    static std::optional<QString> s_nextFileName;
};
