// AlertSettingsDialog: settings in -> edits -> settings and snooze requests out (offscreen).
#include "alertsettingsdialog.h"
#include "translations.h"
#include "visiblestrings.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateTimeEdit>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTableWidget>
#include <QtTest>

class TestAlertSettingsDialog : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void unchangedRoundTrip();
    void editsGlobalValues();
    void editsOverrides();
    void snoozeRequests();
    void invalidThresholdsBlockOk();
    void showsCurrentSnooze();
    void readsWellBeforeInput();

private:
    static AlertSettings sample();
    static const QList<QPair<QString, QString>> kAccounts;
};

const QList<QPair<QString, QString>> TestAlertSettingsDialog::kAccounts{
    {QStringLiteral("id-a"), QStringLiteral("ci-bot")}, {QStringLiteral("id-b"), QStringLiteral("deploy")}};

AlertSettings TestAlertSettingsDialog::sample()
{
    AlertSettings s;
    s.warningPct = 25;
    s.criticalPct = 8;
    s.forecast = false;
    s.command = QStringLiteral("/usr/local/bin/page");
    AlertOverride o;
    o.warningPct = 40;
    o.unknown.insert(QStringLiteral("future_key"), 7);
    s.overrides.insert(QStringLiteral("id-b"), o);
    return s;
}

void TestAlertSettingsDialog::unchangedRoundTrip()
{
    const AlertSettings s = sample();
    AlertSettingsDialog dialog(s, kAccounts);
    QCOMPARE(dialog.settings(), s);
    QVERIFY(dialog.snoozeRequests().isEmpty());
    auto *table = dialog.findChild<QTableWidget *>(QStringLiteral("accounts"));
    QVERIFY(table);
    QCOMPARE(table->rowCount(), 2);
    QCOMPARE(table->item(1, AlertSettingsDialog::NameColumn)->text(), QStringLiteral("deploy"));
}

void TestAlertSettingsDialog::editsGlobalValues()
{
    AlertSettingsDialog dialog(sample(), kAccounts);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    dialog.findChild<QDoubleSpinBox *>(QStringLiteral("warningPct"))->setValue(30);
    dialog.findChild<QDoubleSpinBox *>(QStringLiteral("criticalPct"))->setValue(10);
    dialog.findChild<QCheckBox *>(QStringLiteral("forecast"))->setChecked(true);
    dialog.findChild<QCheckBox *>(QStringLiteral("doNotDisturb"))->setChecked(true);
    auto *command = dialog.findChild<QLineEdit *>(QStringLiteral("command"));
    command->clear();
    QTest::keyClicks(command, QStringLiteral("  notify-me --loud "));
    dialog.findChild<QSpinBox *>(QStringLiteral("commandTimeout"))->setValue(30);
    const AlertSettings s = dialog.settings();
    QCOMPARE(s.warningPct, 30.0);
    QCOMPARE(s.criticalPct, 10.0);
    QVERIFY(s.forecast);
    QVERIFY(s.doNotDisturb);
    QCOMPARE(s.command, QStringLiteral("notify-me --loud"));
    QCOMPARE(s.commandTimeoutS, 30);
    QCOMPARE(s.overrides, sample().overrides);
}

void TestAlertSettingsDialog::editsOverrides()
{
    AlertSettingsDialog dialog(sample(), kAccounts);
    auto *table = dialog.findChild<QTableWidget *>(QStringLiteral("accounts"));
    // Account a: alerts off, forecast on, critical 3 %.
    table->item(0, AlertSettingsDialog::EnabledColumn)->setCheckState(Qt::Unchecked);
    qobject_cast<QComboBox *>(table->cellWidget(0, AlertSettingsDialog::ForecastColumn))->setCurrentIndex(1);
    qobject_cast<QDoubleSpinBox *>(table->cellWidget(0, AlertSettingsDialog::CriticalColumn))->setValue(3);
    // Account b: back to the default warning; its unknown key survives.
    auto *warningB = qobject_cast<QDoubleSpinBox *>(table->cellWidget(1, AlertSettingsDialog::WarningColumn));
    QCOMPARE(warningB->value(), 40.0);
    warningB->setValue(warningB->minimum());
    QCOMPARE(warningB->text(), QStringLiteral("Default"));
    const AlertSettings s = dialog.settings();
    const AlertOverride a = s.overrides.value(QStringLiteral("id-a"));
    QCOMPARE(a.enabled, std::optional<bool>(false));
    QCOMPARE(a.forecast, std::optional<bool>(true));
    QCOMPARE(a.criticalPct, std::optional<double>(3));
    QVERIFY(!a.warningPct);
    const AlertOverride b = s.overrides.value(QStringLiteral("id-b"));
    QVERIFY(!b.warningPct);
    QCOMPARE(b.unknown.value(QStringLiteral("future_key")).toInt(), 7);
    QVERIFY(!s.effectiveFor(QStringLiteral("id-a")).enabled);
    QCOMPARE(s.effectiveFor(QStringLiteral("id-b")).warningPct, 25.0);
}

void TestAlertSettingsDialog::snoozeRequests()
{
    AlertSettingsDialog dialog(sample(), kAccounts);
    auto *table = dialog.findChild<QTableWidget *>(QStringLiteral("accounts"));
    auto *snoozeA = qobject_cast<QComboBox *>(table->cellWidget(0, AlertSettingsDialog::SnoozeColumn));
    auto *snoozeB = qobject_cast<QComboBox *>(table->cellWidget(1, AlertSettingsDialog::SnoozeColumn));
    auto *untilB = qobject_cast<QDateTimeEdit *>(table->cellWidget(1, AlertSettingsDialog::UntilColumn));
    QVERIFY(!untilB->isEnabled());
    snoozeA->setCurrentIndex(snoozeA->findData(AlertSettingsDialog::SnoozeUntilReset));
    snoozeB->setCurrentIndex(snoozeB->findData(AlertSettingsDialog::SnoozeUntil));
    QVERIFY(untilB->isEnabled());
    const QDateTime until = QDateTime(QDate(2030, 1, 2), QTime(3, 4), Qt::UTC);
    untilB->setDateTime(until.toLocalTime());
    const QList<SnoozeRequest> r = dialog.snoozeRequests();
    QCOMPARE(r.size(), 2);
    QCOMPARE(r[0].accountId, QStringLiteral("id-a"));
    QCOMPARE(r[0].kind, SnoozeRequest::Kind::UntilReset);
    QCOMPARE(r[1].accountId, QStringLiteral("id-b"));
    QCOMPARE(r[1].kind, SnoozeRequest::Kind::Until);
    QCOMPARE(r[1].until, until);
    snoozeA->setCurrentIndex(snoozeA->findData(AlertSettingsDialog::ClearSnooze));
    snoozeB->setCurrentIndex(snoozeB->findData(AlertSettingsDialog::SnoozeOneHour));
    QCOMPARE(dialog.snoozeRequests()[0].kind, SnoozeRequest::Kind::Clear);
    QCOMPARE(dialog.snoozeRequests()[1].kind, SnoozeRequest::Kind::OneHour);
}

void TestAlertSettingsDialog::invalidThresholdsBlockOk()
{
    AlertSettingsDialog dialog(sample(), kAccounts);
    auto *ok = dialog.findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok);
    auto *problem = dialog.findChild<QLabel *>(QStringLiteral("problem"));
    QVERIFY(ok->isEnabled());
    dialog.findChild<QDoubleSpinBox *>(QStringLiteral("criticalPct"))->setValue(25);
    QVERIFY(!ok->isEnabled());
    QVERIFY(!problem->text().isEmpty());
    dialog.findChild<QDoubleSpinBox *>(QStringLiteral("criticalPct"))->setValue(5);
    QVERIFY(ok->isEnabled());
    // An override that inverts the thresholds for one account names it.
    auto *table = dialog.findChild<QTableWidget *>(QStringLiteral("accounts"));
    qobject_cast<QDoubleSpinBox *>(table->cellWidget(0, AlertSettingsDialog::CriticalColumn))->setValue(50);
    QVERIFY(!ok->isEnabled());
    QVERIFY2(problem->text().startsWith(QStringLiteral("ci-bot")), qPrintable(problem->text()));
}

void TestAlertSettingsDialog::showsCurrentSnooze()
{
    AlertSettingsDialog dialog(sample(), kAccounts);
    dialog.setSnoozes({{QStringLiteral("id-b"), QDateTime(QDate(2030, 1, 2), QTime(3, 4), Qt::UTC)}});
    auto *table = dialog.findChild<QTableWidget *>(QStringLiteral("accounts"));
    QCOMPARE(qobject_cast<QComboBox *>(table->cellWidget(0, AlertSettingsDialog::SnoozeColumn))->currentText(),
             QStringLiteral("Not snoozed"));
    QVERIFY(qobject_cast<QComboBox *>(table->cellWidget(1, AlertSettingsDialog::SnoozeColumn))
                ->currentText()
                .startsWith(QStringLiteral("Snoozed until")));
    QVERIFY(dialog.snoozeRequests().isEmpty()); // showing is not changing
}

QTEST_MAIN(TestAlertSettingsDialog)
#include "tst_alertsettingsdialog.moc"

// Opened on valid settings: no problem shown, no "(s)" anywhere.
void TestAlertSettingsDialog::readsWellBeforeInput()
{
    installTranslations(QLocale(QLocale::English, QLocale::UnitedStates));
    AlertSettingsDialog dialog(sample(), kAccounts);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    auto *problem = dialog.findChild<QLabel *>(QStringLiteral("problem"));
    QVERIFY(problem);
    QVERIFY(!problem->isVisible());
    for (const QString &text : TestUi::visibleStrings(&dialog))
        QVERIFY2(!text.contains(QStringLiteral("(s)")), qPrintable(text));
}
