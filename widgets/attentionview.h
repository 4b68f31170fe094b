#pragma once

#include <QDateTime>
#include <QList>
#include <QWidget>

#include <functional>

class AttentionModel;
class QLabel;
class QMenu;
class QScrollArea;
class QToolButton;
class QVBoxLayout;

// The "Needs attention" list above the table: one line per row of an AttentionModel, each with
// its actions (Edit…, Snooze ▸, Open chart, dismiss). Empty, it shrinks to one quiet line, and
// says nothing at all before the first reading.
class AttentionView : public QWidget
{
    Q_OBJECT
public:
    explicit AttentionView(AttentionModel *model, QWidget *parent = nullptr);

    // The demo's accounts are fixed: its lines offer no "Edit…".
    void setDemoMode(bool demo);
    AttentionModel *model() const { return m_model; }

    // The snooze choices, for this list and the table's context menu alike: 1 hour, 4 hours,
    // until the reset (disabled when it is unknown) and until 09:00 tomorrow. Actions are named
    // prefix + "Hour", "4Hours", "Reset", "Tomorrow".
    static void addSnoozeActions(QMenu *menu, const QDateTime &resetAt, const QString &objectNamePrefix,
                                 const std::function<void(const QDateTime &until)> &snooze);

Q_SIGNALS:
    void editRequested(const QString &accountId);
    // `owner`: an account id, or "pool:NAME".
    void snoozeRequested(const QString &owner, const QDateTime &until);
    void openRequested(const QString &accountId, const QString &resource);

private:
    struct Row
    {
        QWidget *box = nullptr;
        QLabel *icon = nullptr;
        QLabel *text = nullptr;
        QToolButton *edit = nullptr;
        QLabel *demoNote = nullptr;
        QToolButton *snooze = nullptr;
        QToolButton *open = nullptr;
        QToolButton *dismiss = nullptr;
    };

    void refresh();
    Row makeRow(int index);
    void fillRow(Row &row, int index);
    void updateQuietLine();

    AttentionModel *m_model;
    QScrollArea *m_scroll = nullptr;
    QWidget *m_rowsBox = nullptr;
    QVBoxLayout *m_rowsLayout = nullptr;
    QList<Row> m_rows;
    QWidget *m_quiet = nullptr;
    QLabel *m_quietLabel = nullptr;
    QToolButton *m_showHidden = nullptr;
    bool m_demo = false;
};
