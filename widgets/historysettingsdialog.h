#pragma once

#include "history/historylocation.h"

#include <QDialog>

#include <optional>

class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QRadioButton;

// Where the history lives: the user's SQLite file (or another one) or a team's PostgreSQL, the
// choice `headroom settings set history URL` makes. Test opens the chosen history on a worker
// thread, as the next start would, and says what it found. Self-contained: give it the stored
// choice, exec() it, then read location(); storing it is the caller's job, and it takes effect
// at the next start.
class HistorySettingsDialog : public QDialog
{
    Q_OBJECT
public:
    // Why this run uses the history it uses; the dialog says so when it is not the setting.
    enum class InUse { Setting, CommandLine, Demo };

    explicit HistorySettingsDialog(const HistoryLocation &configured, QWidget *parent = nullptr);
    ~HistorySettingsDialog() override;

    // The history this run has open, shown beside the choice.
    void setInUse(const HistoryLocation &location, InUse why);

    // The choice as entered; nothing while it is not a location Headroom can open.
    std::optional<HistoryLocation> location() const;
    // True when location() differs from the stored choice.
    bool isChanged() const;
    bool isTesting() const { return m_testing; }

Q_SIGNALS:
    // A test ended and its outcome is on screen (a test overtaken by an edit never reports).
    void testFinished(bool ok);

private:
    struct Outcome;
    static Outcome runTest(const HistoryLocation &location);

    void validate();
    void startTest();
    void showOutcome(const Outcome &outcome, const HistoryLocation &tested);
    void setTesting(bool testing);
    void browse();

    HistoryLocation m_configured;
    QRadioButton *m_local;
    QRadioButton *m_shared;
    QLineEdit *m_file;
    QPushButton *m_browse;
    QLineEdit *m_url;
    QLabel *m_problem;
    QPushButton *m_test;
    QProgressBar *m_busy;
    QLabel *m_result;
    QLabel *m_inUse;
    QDialogButtonBox *m_buttons;
    // Each test's number; an answer for an older number is dropped.
    int m_testRun = 0;
    bool m_testing = false;
};
