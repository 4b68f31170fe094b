#include "alertsettingsdialog.h"

#include "statestyle.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateTimeEdit>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QSpinBox>
#include <QTableWidget>
#include <QVBoxLayout>

namespace {
// Override spin boxes show "Default" at their minimum: the account follows the global value.
constexpr double kUnset = -1.0;

QDoubleSpinBox *percentBox(QWidget *parent, bool allowDefault)
{
    auto *box = new QDoubleSpinBox(parent);
    box->setDecimals(1);
    box->setSingleStep(1.0);
    box->setRange(allowDefault ? kUnset : 0.0, 100.0);
    box->setSuffix(QStringLiteral(" %"));
    if (allowDefault)
        box->setSpecialValueText(AlertSettingsDialog::tr("Default"));
    return box;
}

// Tri-state combo: default / on / off (item data: -1, 1, 0).
QComboBox *triState(QWidget *parent, std::optional<bool> value)
{
    auto *combo = new QComboBox(parent);
    combo->addItem(AlertSettingsDialog::tr("Default"), -1);
    combo->addItem(AlertSettingsDialog::tr("On"), 1);
    combo->addItem(AlertSettingsDialog::tr("Off"), 0);
    combo->setCurrentIndex(value ? (*value ? 1 : 2) : 0);
    return combo;
}

std::optional<bool> triStateValue(const QComboBox *combo)
{
    const int v = combo->currentData().toInt();
    if (v < 0)
        return std::nullopt;
    return v == 1;
}

std::optional<double> pctValue(const QDoubleSpinBox *box)
{
    if (box->value() <= kUnset)
        return std::nullopt;
    return box->value();
}
} // namespace

AlertSettingsDialog::AlertSettingsDialog(const AlertSettings &settings,
                                         const QList<QPair<QString, QString>> &accounts, QWidget *parent)
    : QDialog(parent)
    , m_original(settings)
    , m_accounts(accounts)
{
    setWindowTitle(tr("Alert settings"));

    auto *general = new QGroupBox(tr("All accounts"), this);
    auto *form = new QFormLayout(general);
    m_warning = percentBox(general, false);
    m_warning->setObjectName(QStringLiteral("warningPct"));
    m_warning->setValue(settings.warningPct);
    m_warning->setToolTip(tr("Warn when less than this share of a quota is left."));
    form->addRow(tr("&Warning below:"), m_warning);
    m_critical = percentBox(general, false);
    m_critical->setObjectName(QStringLiteral("criticalPct"));
    m_critical->setValue(settings.criticalPct);
    form->addRow(tr("&Critical below:"), m_critical);
    m_forecast = new QCheckBox(tr("Warn when the current rate will use up a quota before it resets"), general);
    m_forecast->setObjectName(QStringLiteral("forecast"));
    m_forecast->setChecked(settings.forecast);
    form->addRow(m_forecast);
    m_dnd = new QCheckBox(tr("Do not disturb (alerts are still recorded in the event log)"), general);
    m_dnd->setObjectName(QStringLiteral("doNotDisturb"));
    m_dnd->setChecked(settings.doNotDisturb);
    form->addRow(m_dnd);
    m_command = new QLineEdit(settings.command, general);
    m_command->setObjectName(QStringLiteral("command"));
    m_command->setPlaceholderText(tr("optional, e.g. /usr/local/bin/page-oncall"));
    m_command->setToolTip(tr("Runs for every alert shown. It gets HEADROOM_ALERT_ACCOUNT, _RULE, _SEVERITY, "
                             "_REMAINING, _LIMIT, _RESET_AT and _MESSAGE in its environment; never a token."));
    form->addRow(tr("Alert co&mmand:"), m_command);
    m_commandTimeout = new QSpinBox(general);
    m_commandTimeout->setObjectName(QStringLiteral("commandTimeout"));
    m_commandTimeout->setRange(1, 3600);
    m_commandTimeout->setSuffix(tr(" s"));
    m_commandTimeout->setValue(settings.commandTimeoutS);
    form->addRow(tr("Command &timeout:"), m_commandTimeout);

    auto *perAccount = new QGroupBox(tr("Per account"), this);
    auto *tableLayout = new QVBoxLayout(perAccount);
    m_table = new QTableWidget(int(accounts.size()), ColumnCount, perAccount);
    m_table->setObjectName(QStringLiteral("accounts"));
    m_table->setHorizontalHeaderLabels(
        {tr("Account"), tr("Alerts"), tr("Warning"), tr("Critical"), tr("Forecast"), tr("Snooze"), tr("Until")});
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setSectionResizeMode(NameColumn, QHeaderView::Stretch);
    m_table->setSelectionMode(QAbstractItemView::NoSelection);
    for (int row = 0; row < accounts.size(); ++row)
        addAccountRow(row, accounts[row].first, accounts[row].second);
    m_table->resizeColumnsToContents();
    tableLayout->addWidget(m_table);

    m_problem = new QLabel(this);
    m_problem->setObjectName(QStringLiteral("problem"));
    m_problem->setWordWrap(true);
    m_problem->setStyleSheet(QStringLiteral("color: %1;").arg(StateStyle::color(AccountState::Error, palette()).name()));
    m_problem->hide();

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(general);
    layout->addWidget(perAccount, 1);
    layout->addWidget(m_problem);
    layout->addWidget(m_buttons);

    connect(m_warning, &QDoubleSpinBox::valueChanged, this, &AlertSettingsDialog::validate);
    connect(m_critical, &QDoubleSpinBox::valueChanged, this, &AlertSettingsDialog::validate);
    validate();
    resize(760, 520);
}

void AlertSettingsDialog::addAccountRow(int row, const QString &id, const QString &name)
{
    const AlertOverride o = m_original.overrides.value(id);
    auto *nameItem = new QTableWidgetItem(name);
    nameItem->setFlags(Qt::ItemIsEnabled);
    nameItem->setData(Qt::UserRole, id);
    m_table->setItem(row, NameColumn, nameItem);

    auto *enabled = new QTableWidgetItem;
    enabled->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable);
    enabled->setCheckState(o.enabled.value_or(true) ? Qt::Checked : Qt::Unchecked);
    enabled->setToolTip(tr("Off: alerts for this account are recorded but not shown."));
    m_table->setItem(row, EnabledColumn, enabled);

    auto *warning = percentBox(m_table, true);
    warning->setValue(o.warningPct.value_or(kUnset));
    m_table->setCellWidget(row, WarningColumn, warning);
    auto *critical = percentBox(m_table, true);
    critical->setValue(o.criticalPct.value_or(kUnset));
    m_table->setCellWidget(row, CriticalColumn, critical);
    connect(warning, &QDoubleSpinBox::valueChanged, this, &AlertSettingsDialog::validate);
    connect(critical, &QDoubleSpinBox::valueChanged, this, &AlertSettingsDialog::validate);

    m_table->setCellWidget(row, ForecastColumn, triState(m_table, o.forecast));

    auto *snooze = new QComboBox(m_table);
    snooze->addItem(tr("Not snoozed"), KeepSnooze);
    snooze->addItem(tr("Clear snooze"), ClearSnooze);
    snooze->addItem(tr("1 hour"), SnoozeOneHour);
    snooze->addItem(tr("Until reset"), SnoozeUntilReset);
    snooze->addItem(tr("Until…"), SnoozeUntil);
    m_table->setCellWidget(row, SnoozeColumn, snooze);

    auto *until = new QDateTimeEdit(QDateTime::currentDateTime().addSecs(3 * 3600), m_table);
    until->setCalendarPopup(true);
    until->setEnabled(false);
    m_table->setCellWidget(row, UntilColumn, until);
    connect(snooze, &QComboBox::currentIndexChanged, until,
            [snooze, until] { until->setEnabled(snooze->currentData().toInt() == SnoozeUntil); });
}

void AlertSettingsDialog::setSnoozes(const QHash<QString, QDateTime> &snoozedUntil)
{
    for (int row = 0; row < m_table->rowCount(); ++row) {
        const QString id = m_table->item(row, NameColumn)->data(Qt::UserRole).toString();
        auto *combo = qobject_cast<QComboBox *>(m_table->cellWidget(row, SnoozeColumn));
        const QDateTime until = snoozedUntil.value(id);
        if (!combo)
            continue;
        combo->setItemText(0, until.isValid()
                                  ? tr("Snoozed until %1").arg(QLocale().toString(until.toLocalTime(), QLocale::ShortFormat))
                                  : tr("Not snoozed"));
    }
}

void AlertSettingsDialog::validate()
{
    QString problem;
    if (m_critical->value() >= m_warning->value())
        problem = tr("The critical threshold must be below the warning threshold.");
    for (int row = 0; problem.isEmpty() && row < m_table->rowCount(); ++row) {
        const auto *w = qobject_cast<QDoubleSpinBox *>(m_table->cellWidget(row, WarningColumn));
        const auto *c = qobject_cast<QDoubleSpinBox *>(m_table->cellWidget(row, CriticalColumn));
        const double warning = pctValue(w).value_or(m_warning->value());
        const double critical = pctValue(c).value_or(m_critical->value());
        if (critical >= warning)
            problem = tr("%1: the critical threshold must be below the warning threshold.")
                          .arg(m_table->item(row, NameColumn)->text());
    }
    m_problem->setText(problem);
    m_problem->setVisible(!problem.isEmpty());
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(problem.isEmpty());
}

AlertSettings AlertSettingsDialog::settings() const
{
    AlertSettings s = m_original;
    s.warningPct = m_warning->value();
    s.criticalPct = m_critical->value();
    s.forecast = m_forecast->isChecked();
    s.doNotDisturb = m_dnd->isChecked();
    s.command = m_command->text().trimmed();
    s.commandTimeoutS = m_commandTimeout->value();
    for (int row = 0; row < m_table->rowCount(); ++row) {
        const QString id = m_table->item(row, NameColumn)->data(Qt::UserRole).toString();
        // Start from what was stored, so keys this version does not know survive an edit.
        AlertOverride o = m_original.overrides.value(id);
        o.enabled = m_table->item(row, EnabledColumn)->checkState() == Qt::Checked
            ? std::optional<bool>() : std::optional<bool>(false);
        o.warningPct = pctValue(qobject_cast<QDoubleSpinBox *>(m_table->cellWidget(row, WarningColumn)));
        o.criticalPct = pctValue(qobject_cast<QDoubleSpinBox *>(m_table->cellWidget(row, CriticalColumn)));
        o.forecast = triStateValue(qobject_cast<QComboBox *>(m_table->cellWidget(row, ForecastColumn)));
        if (o.isEmpty())
            s.overrides.remove(id);
        else
            s.overrides.insert(id, o);
    }
    return s;
}

QList<SnoozeRequest> AlertSettingsDialog::snoozeRequests() const
{
    QList<SnoozeRequest> out;
    for (int row = 0; row < m_table->rowCount(); ++row) {
        const QString id = m_table->item(row, NameColumn)->data(Qt::UserRole).toString();
        const auto *combo = qobject_cast<QComboBox *>(m_table->cellWidget(row, SnoozeColumn));
        const auto *until = qobject_cast<QDateTimeEdit *>(m_table->cellWidget(row, UntilColumn));
        switch (combo->currentData().toInt()) {
        case ClearSnooze:
            out.append({id, SnoozeRequest::Kind::Clear, {}});
            break;
        case SnoozeOneHour:
            out.append({id, SnoozeRequest::Kind::OneHour, {}});
            break;
        case SnoozeUntilReset:
            out.append({id, SnoozeRequest::Kind::UntilReset, {}});
            break;
        case SnoozeUntil:
            out.append({id, SnoozeRequest::Kind::Until, until->dateTime().toUTC()});
            break;
        default:
            break;
        }
    }
    return out;
}
