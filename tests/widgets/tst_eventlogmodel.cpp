#include "eventlogmodel.h"
#include "eventlogview.h"
#include "history/historystore.h"

#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QLineEdit>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>

namespace {
Event makeEvent(const QString &account, EventKind kind, const QDateTime &t, const QString &detail)
{
    Event e;
    e.accountId = account;
    e.kind = kind;
    e.time = t;
    e.detail = detail;
    return e;
}
} // namespace

class TestEventLogModel : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void followsTheStore()
    {
        HistoryStore store;
        QVERIFY(store.openInMemory());
        const QDateTime now = QDateTime::currentDateTimeUtc();
        QVERIFY(store.appendEvents({makeEvent(QStringLiteral("a"), EventKind::Throttled, now.addSecs(-60), QStringLiteral("429")),
                                    makeEvent(QStringLiteral("b"), EventKind::StateChange, now.addSecs(-30), QStringLiteral("ok → near limit"))}));
        EventLogModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        EventLogFilterProxy proxy;
        proxy.setSourceModel(&model);
        QAbstractItemModelTester proxyTester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setAccountName(QStringLiteral("a"), QStringLiteral("Alpha"));
        model.setStore(&store);
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.index(0, EventLogModel::Account).data().toString(), QStringLiteral("Alpha"));
        QCOMPARE(model.index(1, EventLogModel::Account).data().toString(), QStringLiteral("b")); // unknown name: id

        // New events arrive while the testers watch: appended, never re-read.
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        QVERIFY(store.appendEvents({makeEvent(QStringLiteral("a"), EventKind::Error, now, QStringLiteral("timeout"))}));
        QTRY_COMPARE(model.rowCount(), 3);
        QCOMPARE(inserted.count(), 1);
        QCOMPARE(reset.count(), 0);
        QCOMPARE(model.index(2, EventLogModel::Kind).data().toString(), QStringLiteral("Error"));

        proxy.setKind(int(EventKind::Throttled));
        QCOMPARE(proxy.rowCount(), 1);
        proxy.setKind(-1);
        proxy.setAccountId(QStringLiteral("a"));
        QCOMPARE(proxy.rowCount(), 2);
        proxy.setText(QStringLiteral("timeout"));
        QCOMPARE(proxy.rowCount(), 1);
        proxy.setAccountId({});
        proxy.setText({});
        QCOMPARE(proxy.rowCount(), 3);
    }

    void noticesAreMarkedAndSurviveReload()
    {
        HistoryStore store;
        QVERIFY(store.openInMemory());
        EventLogModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setStore(&store);
        const QDateTime now = QDateTime::currentDateTimeUtc();
        QVERIFY(store.appendEvents({makeEvent(QStringLiteral("a"), EventKind::Throttled, now.addSecs(-60),
                                              QStringLiteral("Rate limit exceeded"))}));
        model.reload();
        QCOMPARE(model.rowCount(), 1);
        const QString text = QStringLiteral("429s every 5 min, in 12 of the last 12 periods (1 h): a scheduled job?");
        model.addNotice(QStringLiteral("a"), now, EventKind::Throttled, text);
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.noticeCount(), 1);
        auto rowOf = [&](const QString &detail) {
            for (int r = 0; r < model.rowCount(); ++r) {
                if (model.index(r, EventLogModel::Detail).data().toString() == detail)
                    return r;
            }
            return -1;
        };
        int row = rowOf(text);
        QVERIFY(row >= 0);
        QVERIFY(model.index(row, 0).data(EventLogModel::IsNoticeRole).toBool());
        QCOMPARE(model.index(row, EventLogModel::Kind).data().toString(), QStringLiteral("Pattern"));
        QCOMPARE(model.index(row, 0).data(EventLogModel::KindRole).toInt(), int(EventKind::Throttled));
        QVERIFY(!model.index(rowOf(QStringLiteral("Rate limit exceeded")), 0).data(EventLogModel::IsNoticeRole).toBool());
        // Kept in memory, not in the store: a reload keeps it, and the store never holds it.
        model.reload();
        QCOMPARE(model.rowCount(), 2);
        QVERIFY(rowOf(text) >= 0);
        QCOMPARE(store.events(now.addDays(-1), now.addDays(1)).size(), 1);
    }

    void capKeepsNewest()
    {
        EventLogModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        HistoryStore store;
        QVERIFY(store.openInMemory());
        model.setStore(&store, 30, 3);
        const QDateTime now = QDateTime::currentDateTimeUtc();
        QList<Event> events;
        for (int i = 0; i < 5; ++i)
            events.append(makeEvent(QStringLiteral("a"), EventKind::Alert, now.addSecs(i), QString::number(i)));
        model.appendEvents(events);
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(model.index(0, EventLogModel::Detail).data().toString(), QStringLiteral("2"));
    }

    // After eventsAdded the model holds exactly what a fresh full read would, reached by
    // inserting (and, past the cap, removing) rows, never by a reset.
    void appendsWhatIsNew_data()
    {
        QTest::addColumn<int>("cap");
        QTest::addColumn<int>("existing");
        QTest::addColumn<int>("burst");
        QTest::addColumn<bool>("trims");
        QTest::newRow("a few, within one page") << 5000 << 10 << 3 << false;
        QTest::newRow("a burst wider than the first page") << 5000 << 10 << 300 << false;
        QTest::newRow("past the cap drops the oldest") << 100 << 80 << 50 << true;
        QTest::newRow("a burst larger than the cap") << 100 << 80 << 250 << true;
    }
    void appendsWhatIsNew()
    {
        QFETCH(int, cap);
        QFETCH(int, existing);
        QFETCH(int, burst);
        QFETCH(bool, trims);
        HistoryStore store;
        QVERIFY(store.openInMemory());
        const QDateTime start = QDateTime::currentDateTimeUtc().addSecs(-3600);
        auto events = [&](int from, int count) {
            QList<Event> list;
            for (int i = from; i < from + count; ++i)
                list.append(makeEvent(i % 2 ? QStringLiteral("a") : QStringLiteral("b"), EventKind::Alert,
                                      start.addSecs(i), QString::number(i)));
            return list;
        };
        QVERIFY(store.appendEvents(events(0, existing)));
        EventLogModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setStore(&store, 30, cap);
        QCOMPARE(model.rowCount(), std::min(existing, cap));

        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        QVERIFY(store.appendEvents(events(existing, burst)));
        QTRY_COMPARE(inserted.count(), 1);
        QCOMPARE(reset.count(), 0);
        QCOMPARE(removed.count(), trims ? 1 : 0);

        EventLogModel reread;
        reread.setStore(&store, 30, cap);
        QCOMPARE(model.rowCount(), std::min(existing + burst, cap));
        QCOMPARE(model.rowCount(), reread.rowCount());
        for (int row = 0; row < model.rowCount(); ++row) {
            QCOMPARE(model.eventAt(row)->id, reread.eventAt(row)->id);
            QCOMPARE(model.eventAt(row)->time, reread.eventAt(row)->time);
            QCOMPARE(model.index(row, EventLogModel::Detail).data(), reread.index(row, EventLogModel::Detail).data());
            QCOMPARE(model.index(row, EventLogModel::Account).data(), reread.index(row, EventLogModel::Account).data());
        }
    }

    void viewFiltersAndActivates()
    {
        EventLogModel model;
        EventLogView view(&model);
        const QDateTime now = QDateTime::currentDateTimeUtc();
        model.appendEvents({makeEvent(QStringLiteral("a"), EventKind::Throttled, now.addSecs(-10), QStringLiteral("429 on core")),
                            makeEvent(QStringLiteral("b"), EventKind::Alert, now, QStringLiteral("below 20 %"))});
        view.setAccounts({{QStringLiteral("a"), QStringLiteral("Alpha")}, {QStringLiteral("b"), QStringLiteral("Beta")}});
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QCOMPARE(view.table()->model()->rowCount(), 2);
        // Newest first.
        QCOMPARE(view.table()->model()->index(0, EventLogModel::Detail).data().toString(), QStringLiteral("below 20 %"));
        QTest::keyClicks(view.textFilter(), QStringLiteral("429"));
        QCOMPARE(view.table()->model()->rowCount(), 1);
        view.textFilter()->clear();
        view.accountFilter()->setCurrentIndex(view.accountFilter()->findData(QStringLiteral("b")));
        QCOMPARE(view.table()->model()->rowCount(), 1);
        view.accountFilter()->setCurrentIndex(0);
        view.kindFilter()->setCurrentIndex(view.kindFilter()->findData(int(EventKind::Throttled)));
        QCOMPARE(view.table()->model()->rowCount(), 1);

        QSignalSpy activated(&view, &EventLogView::eventActivated);
        const QModelIndex first = view.table()->model()->index(0, 1);
        const QRect rect = view.table()->visualRect(first);
        QTest::mouseClick(view.table()->viewport(), Qt::LeftButton, {}, rect.center());
        QTest::mouseDClick(view.table()->viewport(), Qt::LeftButton, {}, rect.center());
        QCOMPARE(activated.count(), 1);
        QCOMPARE(activated.first().at(0).toString(), QStringLiteral("a"));
        QCOMPARE(activated.first().at(1).toDateTime(), now.addSecs(-10));
    }
};

QTEST_MAIN(TestEventLogModel)
#include "tst_eventlogmodel.moc"
