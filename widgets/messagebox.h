#pragma once

#include <QMessageBox>

#include <optional>

// Modal questions go through here so GUI tests can answer them before they open (offscreen
// there is nobody to click). Without a prepared answer this is a plain QMessageBox.
class MessageBox
{
public:
    static QMessageBox::StandardButton question(QWidget *parent, const QString &title, const QString &text,
                                                QMessageBox::StandardButtons buttons = QMessageBox::Yes | QMessageBox::No,
                                                QMessageBox::StandardButton defaultButton = QMessageBox::No);
    static void warning(QWidget *parent, const QString &title, const QString &text);

    // The next call returns `answer` without showing anything; one call consumes it.
    static void setNextAnswer(QMessageBox::StandardButton answer);
    // The text of the last question asked (shown or answered by the hook), for tests.
    static QString lastText();

private:
    static std::optional<QMessageBox::StandardButton> s_nextAnswer;
    static QString s_lastText;
};
