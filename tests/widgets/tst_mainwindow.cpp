#include "accountfilterproxymodel.h"
#include "accounttablemodel.h"
#include "attentionmodel.h"
#include "attentionview.h"
#include "eventlogmodel.h"
#include "eventlogview.h"
#include "history/historystore.h"
#include "mainwindow.h"
#include "quotachartview.h"
#include "theme.h"

#include <QAction>
#include <QApplication>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>
#include <QToolButton>
#include <QTreeView>

namespace {

Account account(const QString &id, const QString &name, const QString &preset)
{
    Account a;
    a.id = id;
    a.name = name;
    a.presetId = preset;
    return a;
}

ProbeResult probe(const QString &id, const QList<QPair<QString, qint64>> &remaining, qint64 limit = 5000)
{
    ProbeResult r;
    r.accountId = id;
    r.state = AccountState::Ok;
    r.probedAt = QDateTime::currentDateTimeUtc();
    r.cost = 1;
    for (const auto &[resource, left] : remaining) {
        Quota q;
        q.resource = resource;
        q.limit = limit;
        q.remaining = left;
        q.resetAt = r.probedAt.addSecs(1200);
        r.reading.quotas.append(q);
    }
    return r;
}

} // namespace

class TestMainWindow : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init()
    {
        m_store = new HistoryStore;
        QVERIFY(m_store->openInMemory());
        m_window = new MainWindow(m_store);
        m_window->setAccounts({account(QStringLiteral("a"), QStringLiteral("octo-bot"), QStringLiteral("github")),
                               account(QStringLiteral("b"), QStringLiteral("ci-runner"), QStringLiteral("gitlab")),
                               account(QStringLiteral("c"), QStringLiteral("shop"), QStringLiteral("shopify"))});
        m_window->recordProbe(probe(QStringLiteral("a"), {{QStringLiteral("core"), 4000}, {QStringLiteral("search"), 20}}));
        m_window->recordProbe(probe(QStringLiteral("b"), {{QStringLiteral("requests"), 100}}));
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window));
    }
    void cleanup()
    {
        delete m_window;
        delete m_store;
    }

    void typingInTheSearchFieldFiltersRows()
    {
        QTreeView *tree = m_window->accountView();
        QCOMPARE(tree->model()->rowCount(), 3);
        QTest::keyClick(m_window, Qt::Key_F, Qt::ControlModifier);
        QTRY_VERIFY(m_window->searchField()->hasFocus());
        QTest::keyClicks(m_window->searchField(), QStringLiteral("ci-"));
        QCOMPARE(tree->model()->rowCount(), 1);
        QCOMPARE(tree->model()->index(0, 0).data().toString(), QStringLiteral("ci-runner"));
        m_window->searchField()->clear();
        QTest::keyClicks(m_window->searchField(), QStringLiteral("search"));
        QCOMPARE(tree->model()->rowCount(), 1); // the account owning a matching resource
        m_window->searchField()->clear();
        QCOMPARE(tree->model()->rowCount(), 3);
    }

    void keyboardNavigationMovesTheChart()
    {
        QTreeView *tree = m_window->accountView();
        tree->setFocus();
        QTRY_VERIFY(tree->hasFocus());
        tree->setCurrentIndex(tree->model()->index(0, 0));
        QVERIFY(!m_window->chartView()->isOverview());
        const QString first = m_window->chartView()->accountId();
        QTest::keyClick(tree, Qt::Key_Down);
        QVERIFY(tree->currentIndex().isValid());
        QTest::keyClick(tree, Qt::Key_End);
        QTest::keyClick(tree, Qt::Key_Home);
        QCOMPARE(tree->currentIndex().row(), 0);
        QCOMPARE(m_window->chartView()->accountId(), first);
        // Rows are sorted worst first: octo-bot (search 0.4 % left), ci-runner (2 %), shop (no reading).
        QCOMPARE(first, QStringLiteral("a"));
    }

    void contextMenuHasTheActions()
    {
        QTreeView *tree = m_window->accountView();
        const QModelIndex first = tree->model()->index(0, 0);
        std::unique_ptr<QMenu> menu(m_window->createContextMenu(first));
        QStringList names;
        for (QAction *a : menu->actions())
            names << a->objectName();
        QVERIFY(names.contains(QStringLiteral("ctxProbe")));
        QVERIFY(names.contains(QStringLiteral("ctxEdit")));
        QVERIFY(names.contains(QStringLiteral("ctxRemove")));
        auto *snooze = menu->findChild<QMenu *>(QStringLiteral("ctxSnooze"));
        QVERIFY(snooze);
        QStringList snoozeNames;
        for (QAction *a : snooze->actions())
            snoozeNames << a->objectName();
        QCOMPARE(snoozeNames, (QStringList{QStringLiteral("ctxSnoozeHour"), QStringLiteral("ctxSnooze4Hours"),
                                           QStringLiteral("ctxSnoozeReset"), QStringLiteral("ctxSnoozeTomorrow")}));

        QSignalSpy probeSpy(m_window, &MainWindow::probeRequested);
        menu->findChild<QAction *>(QStringLiteral("ctxProbe"))->trigger();
        QCOMPARE(probeSpy.count(), 1);
        QCOMPARE(probeSpy.first().first().toString(), QStringLiteral("a"));
        QSignalSpy snoozeSpy(m_window, &MainWindow::snoozeRequested);
        menu->findChild<QAction *>(QStringLiteral("ctxSnoozeHour"))->trigger();
        QCOMPARE(snoozeSpy.count(), 1);
        QVERIFY(snoozeSpy.first().at(1).toDateTime() > QDateTime::currentDateTimeUtc().addSecs(3500));
        menu->findChild<QAction *>(QStringLiteral("ctxSnoozeReset"))->trigger();
        QCOMPARE(snoozeSpy.count(), 2);
        menu->findChild<QAction *>(QStringLiteral("ctxSnooze4Hours"))->trigger();
        QCOMPARE(snoozeSpy.count(), 3);
        QVERIFY(snoozeSpy.last().at(1).toDateTime() > QDateTime::currentDateTimeUtc().addSecs(4 * 3600 - 100));
    }

    // The list above the table: a throttle adds a line, the next reading changes its numbers, a
    // recovered reading removes it; the worst line comes first.
    void needsAttentionFollowsTheReadings()
    {
        AttentionModel *attention = m_window->attentionModel();
        AttentionView *view = m_window->attentionView();
        // Set up: octo-bot's search at 20 of 5,000 and ci-runner at 100 of 5,000, both critical.
        QTRY_VERIFY(view->isVisible());
        QCOMPARE(attention->rowCount(), 2);
        QVERIFY(attention->index(0).data().toString().startsWith(QStringLiteral("ci-runner · requests — Critical: 100 of 5,000")));
        QVERIFY(attention->index(1).data().toString().contains(QStringLiteral("20 of 5,000")));
        m_window->recordProbe(probe(QStringLiteral("b"), {{QStringLiteral("requests"), 4000}}));
        QCOMPARE(attention->rowCount(), 1);

        ProbeResult refused = probe(QStringLiteral("b"), {});
        refused.state = AccountState::Throttled;
        refused.reading.status = 429;
        refused.reading.retryAfterS = 60;
        m_window->recordProbe(refused);
        QCOMPARE(attention->rowCount(), 2);
        QCOMPARE(attention->index(0).data(AttentionModel::AccountIdRole).toString(), QStringLiteral("b"));
        QVERIFY(attention->index(0).data().toString().startsWith(QStringLiteral("ci-runner — Throttled (HTTP 429)")));

        m_window->recordProbe(probe(QStringLiteral("a"), {{QStringLiteral("core"), 4000}, {QStringLiteral("search"), 7}}));
        QCOMPARE(attention->rowCount(), 2);
        QVERIFY(attention->index(1).data().toString().contains(QStringLiteral("7 of 5,000")));
        QVERIFY(!attention->index(1).data().toString().contains(QStringLiteral("20 of 5,000")));

        m_window->recordProbe(probe(QStringLiteral("b"), {{QStringLiteral("requests"), 4000}}));
        m_window->recordProbe(probe(QStringLiteral("a"), {{QStringLiteral("core"), 4000}, {QStringLiteral("search"), 4000}}));
        QCOMPARE(attention->rowCount(), 0);
        auto *quiet = view->findChild<QLabel *>(QStringLiteral("attentionQuietLabel"));
        QVERIFY(quiet->isVisible());
        QCOMPARE(quiet->text(), QStringLiteral("Nothing needs attention"));

        // "Open chart" selects the account and its resource.
        m_window->recordProbe(probe(QStringLiteral("a"), {{QStringLiteral("core"), 4000}, {QStringLiteral("search"), 3}}));
        view->findChild<QToolButton *>(QStringLiteral("attentionOpen"))->click();
        QCOMPARE(m_window->chartView()->accountId(), QStringLiteral("a"));
        QCOMPARE(m_window->chartView()->resource(), QStringLiteral("search"));
        // A line's snooze reaches the alerts too.
        QSignalSpy snoozeSpy(m_window, &MainWindow::snoozeRequested);
        auto *snooze = view->findChild<QToolButton *>(QStringLiteral("attentionSnooze"));
        QMetaObject::invokeMethod(snooze->menu(), "aboutToShow");
        snooze->menu()->actions().first()->trigger();
        QCOMPARE(snoozeSpy.count(), 1);
        QCOMPARE(snoozeSpy.first().first().toString(), QStringLiteral("a"));
        QCOMPARE(attention->rowCount(), 0);
    }

    void demoOffersNoEdit()
    {
        m_window->setDemoMode(true);
        ProbeResult refused = probe(QStringLiteral("c"), {});
        refused.state = AccountState::AuthFailed;
        refused.reading.status = 401;
        m_window->recordProbe(refused);
        AttentionView *view = m_window->attentionView();
        for (auto *edit : view->findChildren<QToolButton *>(QStringLiteral("attentionEdit")))
            QVERIFY(!edit->isVisible());
        bool noted = false;
        for (auto *note : view->findChildren<QLabel *>(QStringLiteral("attentionDemoNote")))
            noted = noted || note->isVisible();
        QVERIFY(noted);
        // Nor do the menus: no adding, editing or removing what the demo keeps fixed.
        std::unique_ptr<QMenu> menu(m_window->createContextMenu(m_window->accountView()->model()->index(0, 0)));
        QVERIFY(!menu->findChild<QAction *>(QStringLiteral("ctxEdit"))->isEnabled());
        QVERIFY(!menu->findChild<QAction *>(QStringLiteral("ctxRemove"))->isEnabled());
        QVERIFY(menu->findChild<QAction *>(QStringLiteral("ctxProbe"))->isEnabled());
        for (const char *name : {"actionAddAccount", "actionEditSelected", "actionRemoveSelected"})
            QVERIFY(!m_window->findChild<QAction *>(QLatin1String(name))->isEnabled());
    }

    // Before the user picks a row the chart shows the most severe account; never an overview.
    void mostSevereAccountSelectedAtStart()
    {
        // a and b are critical: the first in the table's order, octo-bot with less left.
        QTRY_COMPARE(m_window->chartView()->accountId(), QStringLiteral("a"));
        QVERIFY(!m_window->chartView()->isOverview());
        ProbeResult refused = probe(QStringLiteral("c"), {});
        refused.state = AccountState::AuthFailed;
        m_window->recordProbe(refused);
        QTRY_COMPARE(m_window->chartView()->accountId(), QStringLiteral("c"));
        // Once the user has chosen, a worse account no longer takes the chart away.
        m_window->selectAccount(QStringLiteral("b"));
        QCOMPARE(m_window->chartView()->accountId(), QStringLiteral("b"));
        ProbeResult throttled = probe(QStringLiteral("a"), {});
        throttled.state = AccountState::Throttled;
        m_window->recordProbe(throttled);
        QTest::qWait(400); // longer than the selection's debounce: nothing may move
        QCOMPARE(m_window->chartView()->accountId(), QStringLiteral("b"));
    }

    void escapeClearsTheSearchAndNoMatchSaysSo()
    {
        QLineEdit *search = m_window->searchField();
        m_window->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(m_window));
        search->setFocus();
        QTRY_VERIFY(search->hasFocus());
        QTest::keyClicks(search, QStringLiteral("zzz"));
        QCOMPARE(m_window->accountView()->model()->rowCount(), 0);
        QTRY_VERIFY(m_window->noMatchLabel()->isVisible());
        QVERIFY2(m_window->noMatchLabel()->text().contains(QStringLiteral("No account matches “zzz”")),
                 qPrintable(m_window->noMatchLabel()->text()));
        QTest::keyClick(search, Qt::Key_Escape);
        QCOMPARE(search->text(), QString());
        QCOMPARE(m_window->accountView()->model()->rowCount(), 3);
        QVERIFY(!m_window->noMatchLabel()->isVisible());
        // A second Escape hands the keyboard to the table.
        QTest::keyClick(search, Qt::Key_Escape);
        QTRY_VERIFY(m_window->accountView()->hasFocus());
    }

    void helpListsShortcutsAndCommandLine()
    {
        const QList<QPair<QString, QString>> list = m_window->shortcutList();
        QStringList keys;
        for (const auto &[key, what] : list)
            keys << key;
        for (const QKeySequence &k : {QKeySequence(QKeySequence::Find), QKeySequence(Qt::CTRL | Qt::Key_N),
                                      QKeySequence(Qt::CTRL | Qt::Key_R), QKeySequence(Qt::Key_F5),
                                      QKeySequence(Qt::Key_Escape), QKeySequence(QKeySequence::Delete)})
            QVERIFY2(keys.contains(k.toString(QKeySequence::NativeText)), qPrintable(k.toString()));
        auto *cli = m_window->findChild<QAction *>(QStringLiteral("actionCommandLine"));
        QVERIFY(cli && !cli->isEnabled());
        m_window->setCommandLineHelp(QStringLiteral("Usage: headroom [--demo]\n"));
        QVERIFY(cli->isEnabled());
        QVERIFY(m_window->findChild<QAction *>(QStringLiteral("actionShortcuts")));
    }

    void rangeTooltipsSayWhatTheyDo()
    {
        for (int seconds : {3600, 6 * 3600, 24 * 3600, 7 * 86400, 30 * 86400}) {
            auto *a = m_window->findChild<QAction *>(QStringLiteral("actionRange%1").arg(seconds));
            QVERIFY(a);
            QVERIFY(a->toolTip().startsWith(QStringLiteral("Show the last ")));
            QVERIFY(a->toolTip() != a->text());
        }
        QVERIFY(!m_window->findChild<QAction *>(QStringLiteral("actionOverview")));
    }

    void shortcutsReachTheirSignals()
    {
        QSignalSpy probeAll(m_window, &MainWindow::probeAllRequested);
        QSignalSpy add(m_window, &MainWindow::addAccountRequested);
        QSignalSpy exportSpy(m_window, &MainWindow::exportRequested);
        m_window->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(m_window));
        QTest::keyClick(m_window, Qt::Key_R, Qt::ControlModifier);
        QTest::keyClick(m_window, Qt::Key_N, Qt::ControlModifier);
        QTest::keyClick(m_window, Qt::Key_E, Qt::ControlModifier);
        QCOMPARE(probeAll.count(), 1);
        QCOMPARE(add.count(), 1);
        QCOMPARE(exportSpy.count(), 1);
        auto *quit = m_window->findChild<QAction *>(QStringLiteral("actionQuit"));
        QVERIFY(quit);
        QCOMPARE(quit->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_Q));
        auto *refresh = m_window->findChild<QAction *>(QStringLiteral("actionRefresh"));
        QCOMPARE(refresh->shortcut(), QKeySequence(Qt::Key_F5));
    }

    // A restart shows the last stored readings, read off the UI thread; a live probe that got
    // there first is not overwritten by an older stored one.
    void storedReadingsSeedTheTable()
    {
        HistoryStore store;
        QVERIFY(store.openInMemory());
        const QDateTime now = QDateTime::currentDateTimeUtc();
        QList<Sample> samples;
        for (const QString &id : {QStringLiteral("x"), QStringLiteral("y")}) {
            store.registerAccount(id, id, QStringLiteral("github"));
            for (int m = 0; m < 30; ++m) {
                Sample s;
                s.accountId = id;
                s.resource = QStringLiteral("core");
                s.time = now.addSecs(-60 * (30 - m));
                s.limit = 5000;
                s.remaining = 4000 - m;
                samples.append(s);
            }
        }
        QVERIFY(store.appendSamples(samples));
        MainWindow w(&store);
        w.setAccounts({account(QStringLiteral("x"), QStringLiteral("x"), QStringLiteral("github")),
                       account(QStringLiteral("y"), QStringLiteral("y"), QStringLiteral("github"))});
        w.recordProbe(probe(QStringLiteral("y"), {{QStringLiteral("core"), 123}}));
        AccountTableModel *model = w.accountModel();
        const auto core = [model](const QString &id) { return model->indexOfResource(id, QStringLiteral("core")); };
        QTRY_COMPARE(core(QStringLiteral("x")).data(AccountTableModel::RemainingRole).toLongLong(), 3971);
        QCOMPARE(core(QStringLiteral("y")).data(AccountTableModel::RemainingRole).toLongLong(), 123);
    }

    void newAccountsAndReadingsWhileShown()
    {
        m_window->addOrUpdateAccount(account(QStringLiteral("d"), QStringLiteral("zz-new"), QStringLiteral("openai")));
        QCOMPARE(m_window->accountView()->model()->rowCount(), 4);
        m_window->recordProbe(probe(QStringLiteral("d"), {{QStringLiteral("requests"), 10}, {QStringLiteral("tokens"), 1}}));
        const QModelIndex d = m_window->accountModel()->indexOfAccount(QStringLiteral("d"));
        QCOMPARE(m_window->accountModel()->rowCount(d), 2);
        QCOMPARE(d.data(AccountTableModel::StateRole).toInt(), int(AccountState::Critical));
        m_window->removeAccount(QStringLiteral("a"));
        QCOMPARE(m_window->accountView()->model()->rowCount(), 3);
    }

    void throttlePatternReachesDetailsAndEventLogOnce()
    {
        // Hourly 429s at :20 for the last ten hours: a scheduled job, named once in the log.
        const QDateTime now = QDateTime::currentDateTimeUtc();
        const QDateTime hour = QDateTime::fromSecsSinceEpoch(now.toSecsSinceEpoch() / 3600 * 3600, Qt::UTC);
        QList<Event> events;
        for (int h = 1; h <= 10; ++h) {
            Event e;
            e.accountId = QStringLiteral("b");
            e.kind = EventKind::Throttled;
            e.status = 429;
            e.time = hour.addSecs(-h * 3600 + 20 * 60);
            if (e.time < now)
                events.append(e);
        }
        const int before = m_window->eventModel()->rowCount();
        QVERIFY(m_store->appendEvents(events));
        QTRY_COMPARE_WITH_TIMEOUT(m_window->eventModel()->noticeCount(), 1, 10000);
        const QString explanation = m_window->accountModel()->explanation(QStringLiteral("b"));
        QVERIFY2(explanation.contains(QStringLiteral("429s at about hh:20, every 1 h")), qPrintable(explanation));
        QTRY_COMPARE(m_window->eventModel()->rowCount(), before + int(events.size()) + 1);
        // More of the same pattern is no news.
        Event again = events.first();
        again.time = now.addSecs(-1);
        QVERIFY(m_store->appendEvents({again}));
        QTRY_COMPARE_WITH_TIMEOUT(m_window->eventModel()->rowCount(), before + int(events.size()) + 2, 10000);
        QTest::qWait(2500); // the pattern pass runs 2 s after the events
        QStringList notices;
        for (int r = 0; r < m_window->eventModel()->rowCount(); ++r) {
            if (m_window->eventModel()->index(r, 0).data(EventLogModel::IsNoticeRole).toBool())
                notices << m_window->eventModel()->index(r, EventLogModel::Detail).data().toString();
        }
        QVERIFY2(notices.size() == 1, qPrintable(notices.join(u'|')));
        // The other account has no refusals and no pattern.
        QVERIFY(!m_window->accountModel()->explanation(QStringLiteral("a")).contains(QStringLiteral("scheduled")));
    }

    void bannerAndStatus()
    {
        QVERIFY(!m_window->bannerLabel()->isVisible());
        m_window->showBanner(QStringLiteral("history was set aside"));
        QVERIFY(m_window->bannerLabel()->isVisible());
        // The close button is drawn in the banner's text colour, readable on its tint in both themes.
        auto *close = m_window->findChild<QToolButton *>(QStringLiteral("bannerClose"));
        for (const char *theme : {"actionTheme_dark", "actionTheme_light"}) {
            m_window->findChild<QAction *>(QLatin1String(theme))->trigger();
            const QPalette p = close->palette();
            const int contrast = std::abs(p.color(QPalette::ButtonText).lightness()
                                          - m_window->bannerLabel()->palette().color(QPalette::Window).lightness());
            QVERIFY2(contrast > 120, theme);
        }
        m_window->findChild<QAction *>(QStringLiteral("actionTheme_system"))->trigger();
        m_window->setNextProbe(QStringLiteral("octo-bot"), QDateTime::currentDateTimeUtc().addSecs(30));
        QVERIFY(m_window->nextProbeLabel()->text().contains(QStringLiteral("octo-bot")));
    }

    void themeSwitchChangesPalette()
    {
        auto *dark = m_window->findChild<QAction *>(QStringLiteral("actionTheme_dark"));
        auto *light = m_window->findChild<QAction *>(QStringLiteral("actionTheme_light"));
        auto *system = m_window->findChild<QAction *>(QStringLiteral("actionTheme_system"));
        QVERIFY(dark && light && system);
        dark->trigger();
        QVERIFY(Theme::isDark(QApplication::palette()));
        QTRY_VERIFY(Theme::isDark(m_window->chartView()->palette()));
        QCOMPARE(Theme::savedMode(), Theme::Mode::Dark);
        light->trigger();
        QVERIFY(!Theme::isDark(QApplication::palette()));
        system->trigger();
        QCOMPARE(Theme::savedMode(), Theme::Mode::System);
    }

private:
    HistoryStore *m_store = nullptr;
    MainWindow *m_window = nullptr;
};

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
