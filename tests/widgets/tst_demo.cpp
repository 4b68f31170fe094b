// Starts the real demo (simulator on loopback, Monitor, a throw-away history file), waits until every
// account has been probed and the chart has data, and renders the window to a PNG: into the
// source tree's resources/screenshots/dashboard.png only with HEADROOM_UPDATE_SCREENSHOT=1,
// otherwise into the build directory.
#include "accountfilterproxymodel.h"
#include "accounttablemodel.h"
#include "dashboard.h"
#include "demo.h"
#include "eventlogmodel.h"
#include "history/historystore.h"
#include "mainwindow.h"
#include "quotachartview.h"
#include "visiblestrings.h"
#include "accounts/memorysecretstore.h"

#include <QAction>
#include <QApplication>
#include <QDir>
#include <QFileInfo>
#include <QTest>
#include <QTreeView>

class TestDemo : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void syntheticDayEndsAtTheLiveReading()
    {
        const QDateTime end = QDateTime::fromSecsSinceEpoch(1795435200, Qt::UTC);
        const QList<Sample> day = Demo::syntheticDay(QStringLiteral("x"), QStringLiteral("core"), 5000, 1234, end, 0);
        QCOMPARE(day.size(), 24 * 60);
        QVERIFY(day.first().time < day.last().time);
        QVERIFY(qAbs(*day.last().remaining - 1234) < 100);
        for (const Sample &s : day)
            QVERIFY(*s.remaining >= 0 && *s.remaining <= 5000);
    }

    void demoWindowShowsEverything()
    {
        Dashboard dashboard(true);
        QString error;
        QVERIFY2(dashboard.start(&error), qPrintable(error));
        MainWindow *w = dashboard.window();
        QCOMPARE(w->windowTitle(), QStringLiteral("Headroom — demo"));
        w->resize(1280, 800);
        w->show();
        QVERIFY(QTest::qWaitForWindowExposed(w));
        AccountTableModel *model = w->accountModel();
        QCOMPARE(model->rowCount(), int(dashboard.demo()->accounts().size()));
        // The demo's history is a real file (so export works), never the user's own.
        QVERIFY(QFileInfo::exists(dashboard.history()->path()));
        QVERIFY(dashboard.history()->path() != HistoryStore::defaultPath());

        // Every account probed once: a state other than "no data yet", or readings.
        auto allProbed = [&] {
            for (int i = 0; i < model->rowCount(); ++i) {
                if (model->index(i, AccountTableModel::LastProbe).data().toString() == QStringLiteral("—"))
                    return false;
            }
            return true;
        };
        QTRY_VERIFY_WITH_TIMEOUT(allProbed(), 30000);
        auto stateOf = [&](const QString &name) {
            for (int i = 0; i < model->rowCount(); ++i) {
                if (model->index(i, AccountTableModel::Name).data().toString() == name)
                    return AccountState(model->index(i, 0).data(AccountTableModel::StateRole).toInt());
            }
            return AccountState::Error;
        };
        QCOMPARE(stateOf(QStringLiteral("legacy-deploy")), AccountState::AuthFailed);
        // No window shows a token, the rejected one included (its error is on screen).
        QStringList tokens;
        for (const Account &a : dashboard.demo()->accounts())
            dashboard.demo()->secrets()->read(a.id, [&](const SecretStore::Result &r) { tokens << r.secret; });
        QTRY_COMPARE(tokens.size(), dashboard.demo()->accounts().size());
        const QWidgetList windows = QApplication::topLevelWidgets();
        for (QWidget *top : windows) {
            const QStringList seen = TestUi::visibleStrings(top);
            for (const QString &token : std::as_const(tokens)) {
                QVERIFY(token.size() > 8);
                for (const QString &s : seen)
                    QVERIFY2(!s.contains(token), qPrintable(top->objectName()));
            }
        }
        QVERIFY(TestUi::showsText(w, QStringLiteral("legacy-deploy"))); // the walk does see the window
        QCOMPARE(stateOf(QStringLiteral("ghes.corp")), AccountState::Unlimited);
        // The backfilled day reaches the chart and the event log.
        QTRY_VERIFY_WITH_TIMEOUT(w->chartView()->plottedPointCount() > 100, 10000);
        QTRY_VERIFY_WITH_TIMEOUT(w->eventModel()->rowCount() > 0, 10000);

        // A resource row selected: the chart shows one account with its markers.
        const QModelIndex octo = model->indexOfAccount(dashboard.demo()->accounts().first().id);
        QVERIFY(octo.isValid());
        w->accountView()->setCurrentIndex(w->accountProxy()->mapFromSource(octo));
        QVERIFY(!w->chartView()->isOverview());
        QTRY_VERIFY(w->chartView()->plottedPointCount() > 100);
        QVERIFY(w->chartView()->resetMarkerCount() > 0);

        // The docs screenshot shows the overview: every account at once.
        w->accountView()->setCurrentIndex({});
        w->findChild<QAction *>(QStringLiteral("actionOverview"))->trigger();
        QTRY_VERIFY(w->chartView()->isOverview() && w->chartView()->plottedPointCount() > 100);
        QTRY_VERIFY(!w->chartView()->refreshPending());
        // The chart lays out its title and legend in posted events; deliver them before grabbing.
        for (int i = 0; i < 20; ++i)
            QCoreApplication::processEvents();
        const QImage shot = w->grab().toImage();
        QVERIFY(!shot.isNull());
        QCOMPARE(shot.width() >= 1200, true);
        const bool update = qEnvironmentVariable("HEADROOM_UPDATE_SCREENSHOT") == QStringLiteral("1");
        const QString dir = update ? QStringLiteral(HEADROOM_SOURCE_DIR "/resources/screenshots")
                                   : QDir::currentPath();
        QDir().mkpath(dir);
        const QString path = QDir(dir).filePath(QStringLiteral("dashboard.png"));
        QVERIFY(shot.save(path));
        qInfo("screenshot: %s", qPrintable(path));
    }
};

QTEST_MAIN(TestDemo)
#include "tst_demo.moc"
