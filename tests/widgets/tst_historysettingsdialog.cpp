// HistorySettingsDialog: the choice in, validation, Test against real histories (a SQLite file,
// a closed port, a server that never answers, a throwaway PostgreSQL cluster), closing mid-test.
#include "historysettingsdialog.h"

#include "filedialog.h"
#include "history/historystore.h"
#include "history/pghistorystore.h"
#include "pgcluster.h"
#include "translations.h"

#include <QDialogButtonBox>
#include <QElapsedTimer>
#include <QLabel>
#include <QLineEdit>
#include <QPointer>
#include <QProgressBar>
#include <QPushButton>
#include <QRadioButton>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QThreadPool>
#include <QtTest>

#include <sys/stat.h>

class TestHistorySettingsDialog : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void showsStoredChoice_data();
    void showsStoredChoice();
    void invalidInput_data();
    void invalidInput();
    void choosingSharedChangesLocation();
    void browsePicksFile();
    void enterAcceptsEscapeCancels();
    void testSqliteFile();
    void testMissingFileCreatesNothing();
    void testSqliteFailure();
    void testLeavesFolderMode_data();
    void testLeavesFolderMode();
    void testClosedPort();
    void testSilentServerKeepsUiResponsive();
    void editDuringTestDropsItsAnswer();
    void closeWhileTesting_data();
    void closeWhileTesting();
    void testPostgres();

private:
    static QLabel *label(QWidget *d, const char *name) { return d->findChild<QLabel *>(QLatin1String(name)); }
    static QPushButton *okButton(QWidget *d)
    {
        return d->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok);
    }
    static void chooseShared(QWidget *d, const QString &url)
    {
        d->findChild<QRadioButton *>(QStringLiteral("shared"))->setChecked(true);
        d->findChild<QLineEdit *>(QStringLiteral("url"))->setText(url);
    }
    // A URL to a server that accepts the connection and never says a word: libpq waits for it
    // until connect_timeout.
    static QString silentUrl(QTcpServer *server)
    {
        return QStringLiteral("postgresql://headroom@127.0.0.1:%1/headroom?connect_timeout=2").arg(server->serverPort());
    }
    // Runs of Test still on the worker threads (a dialog that went leaves its run behind).
    static bool workersDone() { return QThreadPool::globalInstance()->waitForDone(15000); }
};

void TestHistorySettingsDialog::initTestCase()
{
    installTranslations(QLocale(QLocale::English, QLocale::UnitedStates));
}

void TestHistorySettingsDialog::showsStoredChoice_data()
{
    QTest::addColumn<QString>("stored");
    QTest::addColumn<bool>("shared");
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("url");
    const QString defaultFile = HistoryLocation::defaultLocation().target;
    QTest::newRow("the default file") << QString() << false << defaultFile << QString();
    QTest::newRow("another file") << QStringLiteral("sqlite:/srv/headroom/h.sqlite") << false
                                  << QStringLiteral("/srv/headroom/h.sqlite") << QString();
    QTest::newRow("a team's database: the file field keeps the default file")
        << QStringLiteral("postgresql://ops@db.example:5432/headroom") << true << defaultFile
        << QStringLiteral("postgresql://ops@db.example:5432/headroom");
}

void TestHistorySettingsDialog::showsStoredChoice()
{
    QFETCH(QString, stored);
    QFETCH(bool, shared);
    QFETCH(QString, file);
    QFETCH(QString, url);
    const HistoryLocation configured =
        stored.isEmpty() ? HistoryLocation::defaultLocation() : *HistoryLocation::parse(stored, nullptr);
    HistorySettingsDialog d(configured);
    QCOMPARE(d.findChild<QRadioButton *>(QStringLiteral("shared"))->isChecked(), shared);
    QCOMPARE(d.findChild<QRadioButton *>(QStringLiteral("local"))->isChecked(), !shared);
    QCOMPARE(d.findChild<QLineEdit *>(QStringLiteral("file"))->text(), file);
    QCOMPARE(d.findChild<QLineEdit *>(QStringLiteral("url"))->text(), url);
    QCOMPARE(d.findChild<QLineEdit *>(QStringLiteral("file"))->isEnabled(), !shared);
    QCOMPARE(d.findChild<QLineEdit *>(QStringLiteral("url"))->isEnabled(), shared);
    QVERIFY(okButton(&d)->isEnabled());
    QVERIFY(!d.isChanged());
    QCOMPARE(d.location()->toString(), configured.toString());
    QVERIFY(label(&d, "inUse")->text().contains(QStringLiteral("next start")));
}

void TestHistorySettingsDialog::invalidInput_data()
{
    QTest::addColumn<bool>("shared");
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("message"); // a part of it; empty: nothing shown (yet)
    QTest::newRow("a password in the URL is refused, not echoed")
        << true << QStringLiteral("postgresql://ops:s3cret@db.example/headroom") << QStringLiteral("~/.pgpass");
    QTest::newRow("a password as a parameter") << true << QStringLiteral("postgresql://db.example/h?password=s3cret")
                                               << QStringLiteral("~/.pgpass");
    QTest::newRow("not a PostgreSQL URL") << true << QStringLiteral("mysql://db.example/headroom")
                                          << QStringLiteral("postgresql://");
    QTest::newRow("a file path in the URL field") << true << QStringLiteral("/var/lib/h.sqlite")
                                                  << QStringLiteral("postgresql://");
    QTest::newRow("an empty URL: OK waits, no message") << true << QString() << QString();
    QTest::newRow("a relative file") << false << QStringLiteral("history.sqlite") << QStringLiteral("full path");
    QTest::newRow("an empty file: OK waits, no message") << false << QString() << QString();
}

void TestHistorySettingsDialog::invalidInput()
{
    QFETCH(bool, shared);
    QFETCH(QString, text);
    QFETCH(QString, message);
    HistorySettingsDialog d(HistoryLocation::defaultLocation());
    d.show();
    QVERIFY(QTest::qWaitForWindowExposed(&d));
    if (shared)
        chooseShared(&d, text);
    else
        d.findChild<QLineEdit *>(QStringLiteral("file"))->setText(text);
    QLabel *problem = label(&d, "problem");
    QCOMPARE(problem->isVisible(), !message.isEmpty());
    QVERIFY2(problem->text().contains(message), qPrintable(problem->text()));
    QVERIFY(!problem->text().contains(QStringLiteral("s3cret")));
    QVERIFY(!okButton(&d)->isEnabled());
    QVERIFY(!d.findChild<QPushButton *>(QStringLiteral("test"))->isEnabled());
    QVERIFY(!d.location());
    QVERIFY(!d.isChanged());

    // Put right, the message goes and OK comes back.
    if (shared)
        chooseShared(&d, QStringLiteral("postgresql://ops@db.example:5432/headroom"));
    else
        d.findChild<QLineEdit *>(QStringLiteral("file"))->setText(QStringLiteral("/srv/h.sqlite"));
    QVERIFY(!problem->isVisible());
    QVERIFY(okButton(&d)->isEnabled());
}

void TestHistorySettingsDialog::choosingSharedChangesLocation()
{
    HistorySettingsDialog d(HistoryLocation::defaultLocation());
    chooseShared(&d, QStringLiteral("  postgresql://ops@db.example:5432/headroom?sslmode=verify-full "));
    QVERIFY(d.isChanged());
    QVERIFY(d.location()->isShared());
    QCOMPARE(d.location()->toString(), QStringLiteral("postgresql://ops@db.example:5432/headroom?sslmode=verify-full"));
    // Back to the file: the URL stays in its field but is no longer the choice.
    d.findChild<QRadioButton *>(QStringLiteral("local"))->setChecked(true);
    QVERIFY(!d.isChanged());
    QCOMPARE(d.location()->toString(), HistoryLocation::defaultLocation().toString());
}

void TestHistorySettingsDialog::browsePicksFile()
{
    HistorySettingsDialog d(HistoryLocation::defaultLocation());
    FileDialog::setNextFileName(QStringLiteral("/srv/headroom/team.sqlite"));
    QTest::mouseClick(d.findChild<QPushButton *>(QStringLiteral("browse")), Qt::LeftButton);
    QCOMPARE(d.findChild<QLineEdit *>(QStringLiteral("file"))->text(), QStringLiteral("/srv/headroom/team.sqlite"));
    QCOMPARE(d.location()->toString(), QStringLiteral("sqlite:/srv/headroom/team.sqlite"));
    QVERIFY(d.isChanged());
    // Cancelled: the field keeps what it had.
    FileDialog::setNextFileName(QString());
    QTest::mouseClick(d.findChild<QPushButton *>(QStringLiteral("browse")), Qt::LeftButton);
    QCOMPARE(d.findChild<QLineEdit *>(QStringLiteral("file"))->text(), QStringLiteral("/srv/headroom/team.sqlite"));
}

void TestHistorySettingsDialog::enterAcceptsEscapeCancels()
{
    {
        HistorySettingsDialog d(HistoryLocation::defaultLocation());
        d.show();
        QVERIFY(QTest::qWaitForWindowExposed(&d));
        chooseShared(&d, QStringLiteral("postgresql://ops@db.example/headroom"));
        auto *url = d.findChild<QLineEdit *>(QStringLiteral("url"));
        url->setFocus();
        QSignalSpy accepted(&d, &QDialog::accepted);
        QTest::keyClick(url, Qt::Key_Return);
        QCOMPARE(accepted.count(), 1);
        QCOMPARE(d.result(), int(QDialog::Accepted));
    }
    {
        HistorySettingsDialog d(HistoryLocation::defaultLocation());
        d.show();
        QVERIFY(QTest::qWaitForWindowExposed(&d));
        // Enter on an invalid choice does nothing: OK is the default button and it is off.
        chooseShared(&d, QStringLiteral("postgresql://ops:pw@db.example/headroom"));
        auto *url = d.findChild<QLineEdit *>(QStringLiteral("url"));
        url->setFocus();
        QSignalSpy accepted(&d, &QDialog::accepted);
        QSignalSpy rejected(&d, &QDialog::rejected);
        QTest::keyClick(url, Qt::Key_Return);
        QCOMPARE(accepted.count(), 0);
        QTest::keyClick(url, Qt::Key_Escape);
        QCOMPARE(rejected.count(), 1);
    }
}

void TestHistorySettingsDialog::testSqliteFile()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("team.sqlite"));
    {
        HistoryStore store;
        QString error;
        QVERIFY2(store.open(path, &error), qPrintable(error));
        QVERIFY(store.registerAccount(QStringLiteral("id-a"), QStringLiteral("ci-bot"), QStringLiteral("github")));
        Sample s;
        s.accountId = QStringLiteral("id-a");
        s.resource = QStringLiteral("core");
        s.time = QDateTime::currentDateTimeUtc().addSecs(-200); // 3 min 20 s
        s.limit = 5000;
        s.remaining = 4000;
        QVERIFY(store.appendSamples({s}));
        store.close();
    }
    HistorySettingsDialog d(*HistoryLocation::parse(path, nullptr));
    d.show();
    QVERIFY(QTest::qWaitForWindowExposed(&d));
    QSignalSpy finished(&d, &HistorySettingsDialog::testFinished);
    QTest::mouseClick(d.findChild<QPushButton *>(QStringLiteral("test")), Qt::LeftButton);
    QVERIFY(finished.wait(10000));
    QCOMPARE(finished.first().first().toBool(), true);
    QCOMPARE(label(&d, "result")->text(), QStringLiteral("Opened: 1 account, newest reading 3 min ago."));
    QVERIFY(!d.findChild<QProgressBar *>(QStringLiteral("busy"))->isVisible());
    QVERIFY(d.findChild<QPushButton *>(QStringLiteral("test"))->isEnabled());

    // Editing the choice clears an answer that was about the previous one.
    d.findChild<QLineEdit *>(QStringLiteral("file"))->setText(dir.filePath(QStringLiteral("other.sqlite")));
    QVERIFY(label(&d, "result")->text().isEmpty());
}

void TestHistorySettingsDialog::testMissingFileCreatesNothing()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("sub/dir/new.sqlite"));
    HistorySettingsDialog d(HistoryLocation::defaultLocation());
    d.findChild<QLineEdit *>(QStringLiteral("file"))->setText(path);
    QSignalSpy finished(&d, &HistorySettingsDialog::testFinished);
    QTest::mouseClick(d.findChild<QPushButton *>(QStringLiteral("test")), Qt::LeftButton);
    QVERIFY(finished.wait(10000));
    QCOMPARE(finished.first().first().toBool(), true);
    QVERIFY2(label(&d, "result")->text().contains(QStringLiteral("creates it at the next start")),
             qPrintable(label(&d, "result")->text()));
    QVERIFY(!QFileInfo::exists(path));
    QVERIFY(!QFileInfo::exists(dir.filePath(QStringLiteral("sub"))));
}

void TestHistorySettingsDialog::testSqliteFailure()
{
    // A folder where the file should be: SQLite cannot open it, and the dialog says so. (Inside
    // the temporary folder: the store makes the file's folder owner-only, /tmp must not be it.)
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QVERIFY(QDir(dir.path()).mkdir(QStringLiteral("history.sqlite")));
    HistorySettingsDialog d(HistoryLocation::defaultLocation());
    d.findChild<QLineEdit *>(QStringLiteral("file"))->setText(dir.filePath(QStringLiteral("history.sqlite")));
    QSignalSpy finished(&d, &HistorySettingsDialog::testFinished);
    QTest::mouseClick(d.findChild<QPushButton *>(QStringLiteral("test")), Qt::LeftButton);
    QVERIFY(finished.wait(10000));
    QCOMPARE(finished.first().first().toBool(), false);
    QVERIFY2(label(&d, "result")->text().startsWith(QStringLiteral("Could not open the file:\n")),
             qPrintable(label(&d, "result")->text()));
    QVERIFY(QFileInfo(dir.filePath(QStringLiteral("history.sqlite"))).isDir());
}

void TestHistorySettingsDialog::testLeavesFolderMode_data()
{
    QTest::addColumn<int>("mode");
    QTest::newRow("a group's folder (0750)") << 0750;
    QTest::newRow("a folder like /tmp (1777)") << 01777;
}

void TestHistorySettingsDialog::testLeavesFolderMode()
{
    QFETCH(int, mode);
    // Trying a file in a folder that is there changes nothing about the folder (the store makes
    // only a folder it creates owner-only), so a history may sit in a folder others use.
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString folder = dir.filePath(QStringLiteral("team"));
    QVERIFY(QDir(dir.path()).mkdir(QStringLiteral("team")));
    const QString path = folder + QStringLiteral("/h.sqlite");
    {
        HistoryStore store;
        QVERIFY(store.open(path));
        store.close();
    }
    QVERIFY(::chmod(QFile::encodeName(folder).constData(), mode_t(mode)) == 0);
    HistorySettingsDialog d(HistoryLocation::defaultLocation());
    d.findChild<QLineEdit *>(QStringLiteral("file"))->setText(path);
    QSignalSpy finished(&d, &HistorySettingsDialog::testFinished);
    QTest::mouseClick(d.findChild<QPushButton *>(QStringLiteral("test")), Qt::LeftButton);
    QVERIFY(finished.wait(10000));
    QCOMPARE(finished.first().first().toBool(), true);
    QCOMPARE(label(&d, "result")->text(), QStringLiteral("Opened: 0 accounts, no readings yet."));
    struct stat st;
    QVERIFY(::stat(QFile::encodeName(folder).constData(), &st) == 0);
    QCOMPARE(int(st.st_mode & 07777), mode);
}

void TestHistorySettingsDialog::testClosedPort()
{
    QTcpServer probe;
    QVERIFY(probe.listen(QHostAddress::LocalHost));
    const quint16 port = probe.serverPort();
    probe.close();
    HistorySettingsDialog d(HistoryLocation::defaultLocation());
    d.show();
    QVERIFY(QTest::qWaitForWindowExposed(&d));
    chooseShared(&d, QStringLiteral("postgresql://headroom@127.0.0.1:%1/headroom").arg(port));
    QSignalSpy finished(&d, &HistorySettingsDialog::testFinished);
    QElapsedTimer t;
    t.start();
    QTest::mouseClick(d.findChild<QPushButton *>(QStringLiteral("test")), Qt::LeftButton);
    QVERIFY(finished.wait(7000)); // libpq's connect_timeout (5 s) at the latest
    QVERIFY(t.elapsed() < 7000);
    QCOMPARE(finished.first().first().toBool(), false);
    const QString result = label(&d, "result")->text();
    QVERIFY2(result.startsWith(QStringLiteral("Could not connect:\n")), qPrintable(result));
    QVERIFY2(result.contains(QString::number(port)) || result.contains(QStringLiteral("refused")), qPrintable(result));
    QVERIFY(d.findChild<QPushButton *>(QStringLiteral("test"))->isEnabled());
}

void TestHistorySettingsDialog::testSilentServerKeepsUiResponsive()
{
    QTcpServer silent;
    QVERIFY(silent.listen(QHostAddress::LocalHost));
    HistorySettingsDialog d(HistoryLocation::defaultLocation());
    d.show();
    QVERIFY(QTest::qWaitForWindowExposed(&d));
    chooseShared(&d, silentUrl(&silent));
    auto *test = d.findChild<QPushButton *>(QStringLiteral("test"));
    QSignalSpy finished(&d, &HistorySettingsDialog::testFinished);
    // Ticks of the UI thread's event loop while the connect waits: a blocked loop counts none.
    int ticks = 0;
    QTimer ticker;
    ticker.setInterval(50);
    connect(&ticker, &QTimer::timeout, this, [&ticks] { ++ticks; });
    ticker.start();
    QElapsedTimer t;
    t.start();
    QTest::mouseClick(test, Qt::LeftButton);
    QVERIFY2(t.elapsed() < 500, "the click returned only after the connect");
    QVERIFY(d.isTesting());
    QVERIFY(d.findChild<QProgressBar *>(QStringLiteral("busy"))->isVisible());
    QVERIFY(!test->isEnabled());
    QCOMPARE(label(&d, "result")->text(), QStringLiteral("Connecting…"));
    // Cancel stays usable meanwhile (checked, not clicked: the dialog must still show the answer).
    QVERIFY(d.findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Cancel)->isEnabled());
    QVERIFY(finished.wait(10000));
    QVERIFY2(ticks >= 20, qPrintable(QString::number(ticks))); // 2 s of timeout at 50 ms a tick
    QCOMPARE(finished.first().first().toBool(), false);
    QVERIFY2(label(&d, "result")->text().startsWith(QStringLiteral("Could not connect:\n")),
             qPrintable(label(&d, "result")->text()));
    QVERIFY(!d.isTesting());
    QVERIFY(test->isEnabled());
}

void TestHistorySettingsDialog::editDuringTestDropsItsAnswer()
{
    QTcpServer silent;
    QVERIFY(silent.listen(QHostAddress::LocalHost));
    HistorySettingsDialog d(HistoryLocation::defaultLocation());
    chooseShared(&d, silentUrl(&silent));
    QSignalSpy finished(&d, &HistorySettingsDialog::testFinished);
    QTest::mouseClick(d.findChild<QPushButton *>(QStringLiteral("test")), Qt::LeftButton);
    QVERIFY(d.isTesting());
    d.findChild<QLineEdit *>(QStringLiteral("url"))->setText(QStringLiteral("postgresql://ops@db.example/headroom"));
    QVERIFY(!d.isTesting());
    QVERIFY(label(&d, "result")->text().isEmpty());
    QVERIFY(workersDone());
    QCoreApplication::processEvents(); // the watcher's finished() is queued
    QCoreApplication::processEvents();
    QCOMPARE(finished.count(), 0);
    QVERIFY(label(&d, "result")->text().isEmpty());
}

void TestHistorySettingsDialog::closeWhileTesting_data()
{
    QTest::addColumn<bool>("cancel");
    QTest::newRow("Cancel, then the dialog goes") << true;
    QTest::newRow("the dialog goes while open") << false;
}

void TestHistorySettingsDialog::closeWhileTesting()
{
    QFETCH(bool, cancel);
    QTcpServer silent;
    QVERIFY(silent.listen(QHostAddress::LocalHost));
    auto *d = new HistorySettingsDialog(HistoryLocation::defaultLocation());
    d->show();
    QVERIFY(QTest::qWaitForWindowExposed(d));
    chooseShared(d, silentUrl(&silent));
    QTest::mouseClick(d->findChild<QPushButton *>(QStringLiteral("test")), Qt::LeftButton);
    QVERIFY(d->isTesting());
    QPointer<HistorySettingsDialog> guard(d);
    if (cancel) {
        QTest::keyClick(d, Qt::Key_Escape);
        QVERIFY(!d->isVisible());
        QCOMPARE(d->result(), int(QDialog::Rejected));
    }
    d->deleteLater();
    QTRY_VERIFY(guard.isNull());
    // The worker finishes after the dialog went; its answer must go nowhere.
    QVERIFY(workersDone());
    QCoreApplication::processEvents();
    QCoreApplication::processEvents();
}

void TestHistorySettingsDialog::testPostgres()
{
    PgCluster pg;
    QVERIFY2(pg.start(), qPrintable(pg.error()));
    {
        PgHistoryStore store;
        QString error;
        QVERIFY2(store.open(pg.url(), &error), qPrintable(error));
        QVERIFY(store.registerAccount(QStringLiteral("id-a"), QStringLiteral("ci-bot"), QStringLiteral("github")));
        QVERIFY(store.registerAccount(QStringLiteral("id-b"), QStringLiteral("deploy"), QStringLiteral("github")));
        store.releaseThreadConnection();
        store.close();
    }
    HistorySettingsDialog d(HistoryLocation::defaultLocation());
    d.show();
    QVERIFY(QTest::qWaitForWindowExposed(&d));
    chooseShared(&d, pg.url());
    QSignalSpy finished(&d, &HistorySettingsDialog::testFinished);
    QTest::mouseClick(d.findChild<QPushButton *>(QStringLiteral("test")), Qt::LeftButton);
    QVERIFY(finished.wait(10000));
    QCOMPARE(finished.first().first().toBool(), true);
    QCOMPARE(label(&d, "result")->text(), QStringLiteral("Connected: 2 accounts, no readings yet."));
    QVERIFY(d.isChanged());
    QCOMPARE(d.location()->toString(), pg.url());
}

QTEST_MAIN(TestHistorySettingsDialog)
#include "tst_historysettingsdialog.moc"
