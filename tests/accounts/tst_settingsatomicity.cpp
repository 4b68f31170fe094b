// The accounts file is saved in a loop and the writer is killed with
// SIGKILL at random points; the file must always parse and hold either the old or the new list.
#include "accounts/accountstore.h"

#include <QDir>
#include <QProcess>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

class TestSettingsAtomicity : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void killDuringSaves()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(QStringLiteral("headroom/accounts.json"));
        QRandomGenerator rng(37);
        int sawOne = 0, sawTwo = 0;
        for (int round = 0; round < 50; ++round) {
            QProcess writer;
            writer.start(QStringLiteral(ACCOUNTSWRITER_BIN), {path});
            QVERIFY(writer.waitForStarted());
            QTRY_VERIFY_WITH_TIMEOUT(writer.canReadLine() || writer.state() == QProcess::NotRunning, 10000);
            QVERIFY2(writer.state() == QProcess::Running, "the writer stopped by itself");
            QTest::qWait(int(rng.bounded(1, 40))); // let it save a random number of times
            writer.kill();
            QVERIFY(writer.waitForFinished());

            AccountStore store(path);
            QString error;
            QVERIFY2(store.load(&error), qPrintable(error));
            const auto n = store.accounts().size();
            QVERIFY2(n == 1 || n == 2, qPrintable(QString::number(n)));
            QCOMPARE(store.accounts().front().name, QStringLiteral("alpha"));
            if (n == 2)
                QCOMPARE(store.accounts().at(1).name, QStringLiteral("beta"));
            (n == 1 ? sawOne : sawTwo)++;
            QCOMPARE(QFileInfo(path).permissions() & (QFile::ReadGroup | QFile::ReadOther), QFile::Permissions());
        }
        // A kill between QSaveFile's link and rename can leave its temporary beside the target;
        // it never replaces the real file, which is what the checks above hold.
        const QStringList left = QDir(QFileInfo(path).absolutePath()).entryList(QDir::Files | QDir::Hidden);
        for (const QString &name : left)
            QVERIFY2(name.startsWith(QStringLiteral("accounts.json")), qPrintable(name));
        qInfo("files left in the directory: %s", qPrintable(left.join(u' ')));
        qInfo("50 kills: %d times the one-account list, %d times the two-account list", sawOne, sawTwo);
    }
};

QTEST_GUILESS_MAIN(TestSettingsAtomicity)
#include "tst_settingsatomicity.moc"
