#pragma once

#include <QDialog>

class QCheckBox;
class QComboBox;
class QDateTimeEdit;
class QPlainTextEdit;
class QPushButton;
class ReadingView;

// "Paste a response…": the GUI twin of `headroom inspect`. The user pastes a response head
// (status line and header lines, optionally a body after the blank line), picks the provider,
// optionally fixes "now", and reads the same QuotaReading the command prints.
class PasteResponseDialog : public QDialog
{
    Q_OBJECT
public:
    explicit PasteResponseDialog(QWidget *parent = nullptr);

    QPlainTextEdit *responseEdit() const { return m_text; }
    QComboBox *providerCombo() const { return m_provider; }
    QCheckBox *fixedNowCheck() const { return m_fixNow; }
    QDateTimeEdit *nowEdit() const { return m_now; }
    QPushButton *readButton() const { return m_read; }
    ReadingView *readingView() const { return m_view; }

    void setProvider(const QString &presetId);

public Q_SLOTS:
    void read();

private:
    QPlainTextEdit *m_text;
    QComboBox *m_provider;
    QCheckBox *m_fixNow;
    QDateTimeEdit *m_now;
    QPushButton *m_read;
    ReadingView *m_view;
};
