#pragma once

#include "quota/headerengine.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QDateTimeEdit;
class QLabel;
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
    // Shown when the chosen provider reads nothing and another would: which, and a button
    // that switches to it and reads again.
    QLabel *suggestionLabel() const { return m_suggestion; }
    QPushButton *useSuggestionButton() const { return m_useSuggestion; }

    void setProvider(const QString &presetId);

public Q_SLOTS:
    void read();

private:
    void showSuggestion(const QList<HeaderEngine::Suggestion> &suggestions);

    QPlainTextEdit *m_text;
    QComboBox *m_provider;
    QCheckBox *m_fixNow;
    QDateTimeEdit *m_now;
    QPushButton *m_read;
    QLabel *m_suggestion;
    QPushButton *m_useSuggestion;
    QString m_suggestedId;
    ReadingView *m_view;
};
