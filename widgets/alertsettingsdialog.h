#pragma once

#include "alerts/alertsettings.h"

#include <QDateTime>
#include <QDialog>
#include <QHash>
#include <QList>
#include <QPair>

class QCheckBox;
class QDialogButtonBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QSpinBox;
class QTableWidget;

// Edits AlertSettings: thresholds, forecast, do not disturb, the alert command, per-account
// overrides and snoozes. Self-contained: give it the settings and the accounts (id, name),
// exec() it, then read settings() and snoozeRequests(). Saving is the caller's job
// (AlertSettings::saveDefault(), storeOverrides() + the account store, AlertEngine::applySnooze()).
class AlertSettingsDialog : public QDialog
{
    Q_OBJECT
public:
    // Table columns, also used by tests.
    enum Column { NameColumn, EnabledColumn, WarningColumn, CriticalColumn, ForecastColumn, SnoozeColumn,
                  UntilColumn, ColumnCount };
    // Entries of the per-row snooze combo box (its item data).
    enum SnoozeChoice { KeepSnooze, ClearSnooze, SnoozeOneHour, SnoozeUntilReset, SnoozeUntil };

    AlertSettingsDialog(const AlertSettings &settings, const QList<QPair<QString, QString>> &accounts,
                        QWidget *parent = nullptr);

    // Shows current snoozes (AlertEngine::snoozedUntil per account) so the user can clear them.
    void setSnoozes(const QHash<QString, QDateTime> &snoozedUntil);

    AlertSettings settings() const;
    QList<SnoozeRequest> snoozeRequests() const;

private:
    void validate();
    void addAccountRow(int row, const QString &id, const QString &name);

    AlertSettings m_original;
    QList<QPair<QString, QString>> m_accounts;
    QDoubleSpinBox *m_warning;
    QDoubleSpinBox *m_critical;
    QCheckBox *m_forecast;
    QCheckBox *m_dnd;
    QLineEdit *m_command;
    QSpinBox *m_commandTimeout;
    QTableWidget *m_table;
    QLabel *m_problem;
    QDialogButtonBox *m_buttons;
};
