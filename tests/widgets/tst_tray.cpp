#include "appicon.h"
#include "filedialog.h"
#include "messagebox.h"
#include "statestyle.h"
#include "trayicon.h"
#include "uisettings.h"

#include <QAction>
#include <QMainWindow>
#include <QMenu>
#include <QSet>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QSystemTrayIcon>
#include <QTemporaryDir>
#include <QTest>

class TestTray : public QObject
{
    Q_OBJECT
    QTemporaryDir m_config;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_config.isValid());
        qputenv("XDG_CONFIG_HOME", m_config.path().toUtf8());
    }

    void worstState_data()
    {
        QTest::addColumn<QList<AccountState>>("states");
        QTest::addColumn<int>("worst"); // -1 = none
        QTest::newRow("none") << QList<AccountState>{} << -1;
        QTest::newRow("all ok") << QList<AccountState>{AccountState::Ok, AccountState::Ok} << int(AccountState::Ok);
        QTest::newRow("unlimited is calmer than ok")
            << QList<AccountState>{AccountState::Unlimited, AccountState::Ok} << int(AccountState::Ok);
        QTest::newRow("warning beats stale")
            << QList<AccountState>{AccountState::Stale, AccountState::Warning, AccountState::Ok}
            << int(AccountState::Warning);
        QTest::newRow("critical beats warning")
            << QList<AccountState>{AccountState::Warning, AccountState::Critical, AccountState::Ok}
            << int(AccountState::Critical);
        QTest::newRow("throttled is worst")
            << QList<AccountState>{AccountState::AuthFailed, AccountState::Throttled, AccountState::Error}
            << int(AccountState::Throttled);
        QTest::newRow("auth failed beats error")
            << QList<AccountState>{AccountState::Error, AccountState::AuthFailed} << int(AccountState::AuthFailed);
    }
    void worstState()
    {
        QFETCH(QList<AccountState>, states);
        QFETCH(int, worst);
        const auto w = StateStyle::worst(states);
        QCOMPARE(w ? int(*w) : -1, worst);
    }

    void tooltipAndMenu()
    {
        QMainWindow window;
        TrayIcon tray(&window);
        // offscreen has no tray: the icon is absent but the logic works.
        QCOMPARE(tray.isAvailable(), QSystemTrayIcon::isSystemTrayAvailable());
        QVERIFY(tray.menu()->actions().contains(tray.probeAllAction()));
        QVERIFY(tray.menu()->actions().contains(tray.quitAction()));
        QVERIFY(tray.menu()->actions().contains(tray.toggleWindowAction()));

        tray.setStates({{QStringLiteral("gh"), AccountState::Ok}, {QStringLiteral("gl"), AccountState::Warning}});
        QCOMPARE(tray.worstState(), std::optional(AccountState::Warning));
        QVERIFY(tray.toolTip().contains(QStringLiteral("gl: ") + StateStyle::label(AccountState::Warning)));
        QVERIFY(!tray.toolTip().contains(u"gh:"));

        QSignalSpy probe(&tray, &TrayIcon::probeAllRequested);
        QSignalSpy quit(&tray, &TrayIcon::quitRequested);
        tray.probeAllAction()->trigger();
        tray.quitAction()->trigger();
        QCOMPARE(probe.count(), 1);
        QCOMPARE(quit.count(), 1);
    }

    void showHideTogglesWindow()
    {
        QMainWindow window;
        TrayIcon tray(&window);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QCOMPARE(tray.toggleWindowAction()->text(), TrayIcon::tr("Hide Headroom"));
        tray.toggleWindowAction()->trigger();
        QVERIFY(!window.isVisible());
        QCOMPARE(tray.toggleWindowAction()->text(), TrayIcon::tr("Show Headroom"));
        tray.toggleWindowAction()->trigger();
        QVERIFY(window.isVisible());
    }

    void iconsDifferPerState()
    {
        const QImage ok = AppIcon::icon(AccountState::Ok).pixmap(32, 32).toImage();
        const QImage throttled = AppIcon::icon(AccountState::Throttled).pixmap(32, 32).toImage();
        QVERIFY(!ok.isNull());
        QVERIFY(ok != throttled);
        QVERIFY(StateStyle::color(AccountState::Throttled) != StateStyle::color(AccountState::Ok));
        // Every state has its own colour on light and on dark palettes.
        const QList<AccountState> all = {AccountState::Ok,        AccountState::Warning,    AccountState::Critical,
                                         AccountState::Throttled, AccountState::AuthFailed, AccountState::Unlimited,
                                         AccountState::Stale,     AccountState::Error};
        for (const QPalette &p : {QPalette(Qt::white), QPalette(QColor(0x20, 0x20, 0x20))}) {
            QSet<QRgb> colours;
            for (AccountState s : all)
                colours.insert(StateStyle::color(s, p).rgb());
            QCOMPARE(colours.size(), all.size());
        }
    }

    void settingsTable()
    {
        QCOMPARE(UiSettings::name(UiSettings::Key::CloseToTray), QStringLiteral("ui/closeToTray"));
        QCOMPARE(UiSettings::name(UiSettings::Key::StartMinimised), QStringLiteral("ui/startMinimised"));
        QCOMPARE(UiSettings::closeToTray(), false);
        QCOMPARE(UiSettings::startMinimised(), false);

        QSignalSpy changed(UiSettings::instance(), &UiSettings::changed);
        UiSettings::setValue(UiSettings::Key::CloseToTray, true);
        QCOMPARE(changed.count(), 1);
        UiSettings::setValue(UiSettings::Key::CloseToTray, true); // unchanged: no signal
        QCOMPARE(changed.count(), 1);
        QCOMPARE(UiSettings::closeToTray(), true);

        // Stored as INI next to the accounts file, readable by any later process.
        const QString file = m_config.filePath(QStringLiteral("headroom/ui.ini"));
        QVERIFY2(QFile::exists(file), qPrintable(file));
        QSettings raw(file, QSettings::IniFormat);
        QCOMPARE(raw.value(QStringLiteral("ui/closeToTray")).toBool(), true);
        UiSettings::setValue(UiSettings::Key::CloseToTray, false);
    }

    void settingsActionsFollowSettings()
    {
        QMainWindow window;
        TrayIcon tray(&window);
        QVERIFY(tray.closeToTrayAction()->isCheckable());
        QCOMPARE(tray.closeToTrayAction()->isChecked(), false);
        tray.startMinimisedAction()->trigger();
        QCOMPARE(UiSettings::startMinimised(), true);
        UiSettings::setValue(UiSettings::Key::StartMinimised, false);
        QCOMPARE(tray.startMinimisedAction()->isChecked(), false);
        // Without a tray there is nothing to hide into.
        UiSettings::setValue(UiSettings::Key::CloseToTray, true);
        QCOMPARE(tray.shouldHideOnClose(), tray.isAvailable());
        UiSettings::setValue(UiSettings::Key::CloseToTray, false);
        QCOMPARE(tray.shouldHideOnClose(), false);
    }

    void modalHooksAnswerOnce()
    {
        MessageBox::setNextAnswer(QMessageBox::Yes);
        QCOMPARE(MessageBox::question(nullptr, QStringLiteral("t"), QStringLiteral("q?")), QMessageBox::Yes);
        QCOMPARE(MessageBox::lastText(), QStringLiteral("q?"));
        FileDialog::setNextFileName(QStringLiteral("/tmp/x.csv"));
        QCOMPARE(FileDialog::getSaveFileName(nullptr, {}, {}, {}), QStringLiteral("/tmp/x.csv"));
    }
};

QTEST_MAIN(TestTray)
#include "tst_tray.moc"
