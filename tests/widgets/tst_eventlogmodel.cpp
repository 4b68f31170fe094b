#include "accounttablemodel.h"
#include "eventlogmodel.h"
#include "eventlogview.h"
#include "history/historystore.h"
#include "visiblestrings.h"

#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QLineEdit>
#include <QRegularExpression>
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

// Events at 23:40 UTC (the suites run with TZ=UTC, so that is the local clock too).
const QDateTime kAt(QDate(2026, 12, 2), QTime(23, 40), Qt::UTC);

Event probeEvent(EventKind kind, std::optional<int> status, std::optional<double> retryAfterS, const QString &detail,
                 const QString &account = QStringLiteral("a"))
{
    Event e = makeEvent(account, kind, kAt, detail);
    e.status = status;
    e.retryAfterS = retryAfterS;
    return e;
}

// An alert as the engine records it, a moment after the probe's own events.
Event alertEvent(const QString &detail, std::optional<int> status = std::nullopt,
                 std::optional<double> retryAfterS = std::nullopt, const QString &account = QStringLiteral("a"),
                 qint64 afterMs = 40)
{
    Event e = makeEvent(account, EventKind::Alert, kAt.addMSecs(afterMs), detail);
    e.status = status;
    e.retryAfterS = retryAfterS;
    return e;
}

const QString kThrottleAlert = QStringLiteral(
    "throttled/critical/requests: Demo: is rate limited — The API refused requests (HTTP 429). Probing resumes at 23:41.");
const QString kWarningAlert =
    QStringLiteral("warning/warning/core: GitHub: core quota low — 888 of 5,000 left (17.8 %). Resets at 00:00.");
const QString kAuthAlert = QStringLiteral(
    "auth_failed/critical: Legacy: token rejected — Authentication failed. Edit the account and enter a new token. "
    "authentication failed (HTTP 401): check or replace the token");
} // namespace

Q_DECLARE_METATYPE(Event)
Q_DECLARE_METATYPE(QList<Event>)

class TestEventLogModel : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        // Grouped thousands, as an English desktop shows them (the suites run in the C locale).
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    }

    // Each stored happening, alone or with the alert it raised, reads as one exact sentence.
    void wording_data()
    {
        QTest::addColumn<QList<Event>>("events");
        QTest::addColumn<QString>("sentence");
        QTest::addColumn<bool>("alert");
        const auto throttled = [](std::optional<int> status, std::optional<double> retry) {
            return probeEvent(EventKind::Throttled, status, retry, QString());
        };
        // Durations in the app's one format.
        const QString s62 = AccountTableModel::formatDuration(62);
        const QString s1370 = AccountTableModel::formatDuration(1370);
        QTest::newRow("429 with Retry-After")
            << QList<Event>{throttled(429, 62)}
            << "Throttled (HTTP 429): the API refused requests; probing resumes 23:41 (in " + s62 + ")" << false;
        QTest::newRow("429 and its alert: one row")
            << QList<Event>{throttled(429, 62), alertEvent(kThrottleAlert, 429, 62)}
            << "Throttled (HTTP 429): requests quota exhausted; probing resumes 23:41 (in " + s62 + ")" << true;
        QTest::newRow("a long Retry-After is humanised")
            << QList<Event>{throttled(429, 1370)}
            << "Throttled (HTTP 429): the API refused requests; probing resumes 00:02 (in " + s1370 + ")" << false;
        QTest::newRow("rate-limit 403 waiting for the reset")
            << QList<Event>{throttled(403, std::nullopt),
                            alertEvent(QStringLiteral("throttled/critical/core: Work: is rate limited — The API refused "
                                                      "requests (HTTP 403). Probing resumes at 00:00."),
                                       403)}
            << "Throttled (HTTP 403): core quota exhausted; probing resumes 00:00" << true;
        QTest::newRow("warning")
            << QList<Event>{alertEvent(kWarningAlert, 200)} << "Warning: core at 18 % (888 of 5,000), resets 00:00" << true;
        QTest::newRow("warning written in German")
            << QList<Event>{alertEvent(QStringLiteral("warning/warning/core: GitHub: core-Kontingent niedrig — 888 von "
                                                      "5.000 verbleibend (17,8 %). Zurücksetzung um 00:00."))}
            << "Warning: core at 18 % (888 of 5,000), resets 00:00" << true;
        QTest::newRow("the fall below the threshold and its warning: one row")
            << QList<Event>{probeEvent(EventKind::NearLimit, 200, std::nullopt, QString()), alertEvent(kWarningAlert, 200)}
            << "Warning: core at 18 % (888 of 5,000), resets 00:00" << true;
        QTest::newRow("critical")
            << QList<Event>{alertEvent(QStringLiteral("critical/critical/core: GitHub: core quota almost exhausted — 119 "
                                                      "of 5,000 left (2.4 %). Resets at 00:00."))}
            << "Critical: core at 2.4 % (119 of 5,000), resets 00:00" << true;
        QTest::newRow("below the threshold, no alert")
            << QList<Event>{probeEvent(EventKind::NearLimit, 200, std::nullopt, QString())}
            << "Near limit: a quota fell below the warning threshold" << false;
        QTest::newRow("the provider's near-limit flag")
            << QList<Event>{probeEvent(EventKind::NearLimit, 200, std::nullopt, QStringLiteral("core"))}
            << "Near limit: the provider flags core as nearly used up" << false;
        QTest::newRow("forecast")
            << QList<Event>{alertEvent(QStringLiteral("forecast/warning/core: GitHub: core will run dry before its reset — "
                                                      "At the current rate it runs dry ≈ 23:55, resets 00:00. 888 of "
                                                      "5,000 left (17.8 %)."))}
            << "Forecast: core runs dry ≈ 23:55, before its reset at 00:00; 888 of 5,000 left" << true;
        QTest::newRow("restored")
            << QList<Event>{alertEvent(QStringLiteral("restored/info/core: GitHub: core quota restored — 3,000 of 5,000 "
                                                      "left (60 %). Resets at 00:00."))}
            << "Restored: core back at 60 % (3,000 of 5,000), resets 00:00" << true;
        QTest::newRow("401 and its alert: one row")
            << QList<Event>{probeEvent(EventKind::Error, 401, std::nullopt,
                                       QStringLiteral("authentication failed (HTTP 401): check or replace the token")),
                            alertEvent(kAuthAlert, 401)}
            << "Token refused (HTTP 401): edit the account and enter a new token" << true;
        QTest::newRow("401 without an alert")
            << QList<Event>{probeEvent(EventKind::Error, 401, std::nullopt, QStringLiteral("authentication failed"))}
            << "Token refused (HTTP 401): edit the account and enter a new token" << false;
        QTest::newRow("server error")
            << QList<Event>{probeEvent(EventKind::Error, 503, std::nullopt, QStringLiteral("HTTP 503"))}
            << "Error (HTTP 503): the server failed to answer" << false;
        QTest::newRow("no answer")
            << QList<Event>{probeEvent(EventKind::Error, std::nullopt, std::nullopt, QStringLiteral("timed out after 10 s"))}
            << "Probe failed: timed out after 10 s" << false;
        QTest::newRow("probes failing, with the probe's error: one row")
            << QList<Event>{probeEvent(EventKind::Error, std::nullopt, std::nullopt, QStringLiteral("connection refused")),
                            alertEvent(QStringLiteral("probe_failing/warning: Work: probes failing — No successful probe "
                                                      "since 23:30. connection refused"))}
            << "Probes failing: no successful probe since 23:30; connection refused" << true;
        QTest::newRow("token expiring")
            << QList<Event>{alertEvent(QStringLiteral("token_expiring/warning: Work: token expires soon — The token "
                                                      "expires 2026-12-09 10:00. Create a new token and update the "
                                                      "account before then."))}
            << "Token expiring: expires 2026-12-09 10:00; create a new token and update the account" << true;
        QTest::newRow("pool imbalanced")
            << QList<Event>{alertEvent(QStringLiteral("pool_imbalanced/warning: ci-pool: imbalanced — ci-1 is throttled "
                                                      "while ci-2 has 80 % left"),
                                       std::nullopt, std::nullopt, QStringLiteral("pool:ci-pool"))}
            << "Pool ci-pool imbalanced: ci-1 is throttled while ci-2 has 80 % left" << true;
        QTest::newRow("an alert in no known form stays verbatim")
            << QList<Event>{alertEvent(QStringLiteral("below 20 %"))} << "Alert: below 20 %" << true;
        QTest::newRow("a state change stays verbatim")
            << QList<Event>{probeEvent(EventKind::StateChange, 200, std::nullopt, QStringLiteral("ok → warning"))}
            << "State change: ok → warning" << false;
    }
    void wording()
    {
        QFETCH(QList<Event>, events);
        QFETCH(QString, sentence);
        QFETCH(bool, alert);
        EventLogModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.appendEvents(events);
        QCOMPARE(model.rowCount(), 1);
        const QModelIndex row = model.index(0, 0);
        QCOMPARE(row.data(EventLogModel::SentenceRole).toString(), sentence);
        QCOMPARE(row.data(EventLogModel::HasAlertRole).toBool(), alert);
        // The two columns say the sentence between them, and no status of a plain answer.
        const QString kind = model.index(0, EventLogModel::Kind).data().toString();
        const QString detail = model.index(0, EventLogModel::Detail).data().toString();
        QCOMPARE(kind + QStringLiteral(": ") + detail, sentence);
        QVERIFY(!sentence.contains(QStringLiteral("(200)")));
        QVERIFY(model.index(0, EventLogModel::Detail).data(Qt::ToolTipRole).toString().startsWith(sentence));
    }

    // A throttle that raised an alert is one row, whatever order and batches the two arrive in;
    // an alert of another account or minutes later is a row of its own.
    void alertFoldsIntoItsProbeEvent_data()
    {
        QTest::addColumn<qint64>("alertAfterMs");
        QTest::addColumn<QString>("alertAccount");
        QTest::addColumn<bool>("separateBatches");
        QTest::addColumn<int>("rows");
        QTest::newRow("same batch") << qint64(40) << "a" << false << 1;
        QTest::newRow("alert read later") << qint64(900) << "a" << true << 1;
        QTest::newRow("alert stamped first") << qint64(-300) << "a" << false << 1;
        QTest::newRow("another account") << qint64(40) << "b" << false << 2;
        QTest::newRow("minutes apart") << qint64(5 * 60 * 1000) << "a" << true << 2;
    }
    void alertFoldsIntoItsProbeEvent()
    {
        QFETCH(qint64, alertAfterMs);
        QFETCH(QString, alertAccount);
        QFETCH(bool, separateBatches);
        QFETCH(int, rows);
        HistoryStore store;
        QVERIFY(store.openInMemory());
        EventLogModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setStore(&store);
        Event throttle = probeEvent(EventKind::Throttled, 429, 62, QString());
        throttle.time = QDateTime::currentDateTimeUtc().addSecs(-30);
        Event alert = alertEvent(kThrottleAlert, 429, 62, alertAccount);
        alert.time = throttle.time.addMSecs(alertAfterMs);
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        if (separateBatches) {
            QVERIFY(store.appendEvents({throttle}));
            QTRY_COMPARE(model.rowCount(), 1);
            QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
            QVERIFY(store.appendEvents({alert}));
            QTRY_VERIFY(changed.count() + inserted.count() > 1);
            QCOMPARE(inserted.count(), rows); // folded: the row changed in place
            QCOMPARE(changed.count(), rows == 1 ? 1 : 0);
        } else {
            QVERIFY(store.appendEvents({throttle, alert}));
            QTRY_COMPARE(inserted.count(), 1);
        }
        QCOMPARE(model.rowCount(), rows);
        // A fresh read of the same history makes the same rows.
        EventLogModel reread;
        reread.setStore(&store);
        QCOMPARE(reread.rowCount(), rows);

        EventLogFilterProxy proxy;
        proxy.setSourceModel(&model);
        proxy.setKind(int(EventKind::Throttled));
        QCOMPARE(proxy.rowCount(), 1); // one throttle, one Throttled row
        QVERIFY(proxy.index(0, 0).data(EventLogModel::HasAlertRole).toBool() == (rows == 1));
        proxy.setKind(int(EventKind::Alert));
        QCOMPARE(proxy.rowCount(), 1); // the alert, folded or on its own
        if (rows == 1) {
            QCOMPARE(model.eventAt(0)->kind, EventKind::Throttled);
            QVERIFY(model.alertAt(0));
            QCOMPARE(model.alertAt(0)->kind, EventKind::Alert);
        }
    }

    void alertRecordedButNotShownSaysSo()
    {
        EventLogModel model;
        model.appendEvents({alertEvent(kWarningAlert + QStringLiteral(" (not shown: snoozed)"))});
        QCOMPARE(model.index(0, 0).data(EventLogModel::SentenceRole).toString(),
                 QStringLiteral("Warning: core at 18 % (888 of 5,000), resets 00:00"));
        QVERIFY(model.index(0, EventLogModel::Kind).data(Qt::ToolTipRole).toString().contains(QStringLiteral("not shown: snoozed")));
    }

    // What the pane shows: no bare codes, no "(s)" placeholders, and the selected event in full.
    void viewReadsInWords()
    {
        EventLogModel model;
        EventLogView view(&model);
        model.appendEvents({probeEvent(EventKind::Throttled, 429, 1370, QString()), alertEvent(kThrottleAlert, 429, 1370),
                            probeEvent(EventKind::NearLimit, 200, std::nullopt, QString(), QStringLiteral("b")),
                            alertEvent(kWarningAlert, 200, std::nullopt, QStringLiteral("b")),
                            probeEvent(EventKind::Error, 401, std::nullopt, QStringLiteral("authentication failed")),
                            alertEvent(kAuthAlert, 401, std::nullopt, QStringLiteral("a"), 60)});
        QCOMPARE(model.rowCount(), 3);
        view.resize(900, 300);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        const QStringList strings = TestUi::visibleStrings(&view);
        static const QRegularExpression codes(QStringLiteral("\\(s\\)|\\(\\d{3}\\)|^[a-z_]+/[a-z]+"));
        for (const QString &s : strings)
            QVERIFY2(!codes.match(s).hasMatch(), qPrintable(s));
        // Headline columns fit their text.
        QTableView *table = view.table();
        for (int row = 0; row < table->model()->rowCount(); ++row) {
            const QModelIndex kind = table->model()->index(row, EventLogModel::Kind);
            QVERIFY(table->columnWidth(EventLogModel::Kind)
                    >= table->fontMetrics().horizontalAdvance(kind.data().toString()));
        }
        table->setCurrentIndex(table->model()->index(1, EventLogModel::Detail));
        QVERIFY(view.detailText().contains(table->model()->index(1, 0).data(EventLogModel::SentenceRole).toString()));
    }

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
        QCOMPARE(model.index(2, EventLogModel::Kind).data().toString(), QStringLiteral("Probe failed"));

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
        QVERIFY(!model.index(row == 0 ? 1 : 0, 0).data(EventLogModel::IsNoticeRole).toBool());
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
        Event throttle = makeEvent(QStringLiteral("a"), EventKind::Throttled, now.addSecs(-10), QString());
        throttle.status = 429;
        model.appendEvents({throttle, makeEvent(QStringLiteral("b"), EventKind::Alert, now, QStringLiteral("below 20 %"))});
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
