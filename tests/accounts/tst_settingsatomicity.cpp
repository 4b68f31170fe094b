// RELIABILITY test 37: the accounts file is saved in a loop and the writer is killed with
// SIGKILL at random points; the file must always parse and hold either the old or the new list,
// and no temporary of a killed save outlives the next load or save.
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
        const QString dirPath = QFileInfo(path).absolutePath();
        auto temporaries = [&] {
            return QDir(dirPath).entryList({QStringLiteral(".accounts.json.tmp-*"), QStringLiteral("accounts.json.*")},
                                           QDir::Files | QDir::Hidden | QDir::System);
        };
        QRandomGenerator rng(37);
        int sawOne = 0, sawTwo = 0, leftBehind = 0;
        for (int round = 0; round < 50; ++round) {
            QProcess writer;
            writer.start(QStringLiteral(ACCOUNTSWRITER_BIN), {path});
            QVERIFY(writer.waitForStarted());
            QTRY_VERIFY_WITH_TIMEOUT(writer.canReadLine() || writer.state() == QProcess::NotRunning, 10000);
            QVERIFY2(writer.state() == QProcess::Running, "the writer stopped by itself");
            QTest::qWait(int(rng.bounded(1, 40))); // let it save a random number of times
            writer.kill();
            QVERIFY(writer.waitForFinished());
            if (!temporaries().isEmpty())
                ++leftBehind; // killed between writing the temporary and renaming it

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
            // The killed writer's temporary is gone with it: loading removed it.
            QVERIFY2(temporaries().isEmpty(), qPrintable(temporaries().join(QLatin1Char(' '))));
        }
        // One more normal save: the directory holds the file and nothing else.
        AccountStore store(path);
        QVERIFY(store.load());
        QString error;
        QVERIFY2(store.save(&error), qPrintable(error));
        QCOMPARE(QDir(dirPath).entryList(QDir::Files | QDir::Hidden | QDir::System),
                 QStringList{QStringLiteral("accounts.json")});
        qInfo("50 kills: %d times the one-account list, %d times the two-account list; %d kills left a temporary",
              sawOne, sawTwo, leftBehind);
    }

    // Only temporaries whose writer is gone (or that are over an hour old) are removed: not one
    // a live process is writing, not a user's "accounts.json.backup".
    void staleTemporariesAreRemovedLiveOnesKept()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(QStringLiteral("accounts.json"));
        AccountStore store(path);
        Account a;
        a.name = QStringLiteral("alpha");
        a.presetId = QStringLiteral("github");
        QVERIFY(store.add(a));
        QVERIFY(store.save());

        // A pid that is surely gone: a child that has exited and been reaped.
        QProcess gone;
        gone.start(QStringLiteral("cat"), {});
        QVERIFY(gone.waitForStarted());
        const qint64 deadPid = gone.processId();
        gone.closeWriteChannel();
        QVERIFY(gone.waitForFinished());
        // A live writer stands in as a running cat.
        QProcess live;
        live.start(QStringLiteral("cat"), {});
        QVERIFY(live.waitForStarted());
        const qint64 livePid = live.processId();
        struct Stop
        {
            QProcess &p;
            ~Stop()
            {
                p.closeWriteChannel();
                p.waitForFinished();
            }
        } stop{live};

        auto plant = [&](const QString &name, qint64 ageMs = 0) {
            QFile f(dir.filePath(name));
            if (!f.open(QIODevice::WriteOnly) || f.write("{\"version\":1,\"accounts\":[]}") < 0)
                return false;
            if (!f.flush())
                return false;
            if (ageMs == 0)
                return true;
            const QDateTime t = QDateTime::currentDateTimeUtc().addMSecs(-ageMs);
            return f.setFileTime(t, QFileDevice::FileModificationTime);
        };
        const QString deadTmp = QStringLiteral(".accounts.json.tmp-%1-7").arg(deadPid);
        const QString liveTmp = QStringLiteral(".accounts.json.tmp-%1-1").arg(livePid);
        const QString oldTmp = QStringLiteral(".accounts.json.tmp-%1-2").arg(livePid);
        const QStringList userFiles{QStringLiteral("accounts.json.backup"), QStringLiteral("accounts.json.Backup"),
                                    QStringLiteral(".accounts.json.tmp-notes"),
                                    QStringLiteral(".accounts.json.tmp-%1-x").arg(deadPid)};
        QVERIFY(plant(deadTmp));
        QVERIFY(plant(liveTmp));
        QVERIFY(plant(oldTmp, 2 * 3600 * 1000));
        for (const QString &name : userFiles)
            QVERIFY(plant(name));

        AccountStore reader(path);
        QVERIFY(reader.load());
        QVERIFY(!QFile::exists(dir.filePath(deadTmp)));
        QVERIFY(!QFile::exists(dir.filePath(oldTmp)));
        QVERIFY(QFile::exists(dir.filePath(liveTmp)));
        QVERIFY(plant(deadTmp));
        QVERIFY(reader.save());
        QVERIFY(!QFile::exists(dir.filePath(deadTmp)));
        QStringList expected = userFiles;
        expected << QStringLiteral("accounts.json") << liveTmp;
        expected.sort();
        QStringList left = QDir(dir.path()).entryList(QDir::Files | QDir::Hidden | QDir::System);
        left.sort();
        QCOMPARE(left, expected);
        AccountStore again(path);
        QVERIFY(again.load());
        QCOMPARE(again.accounts().size(), 1);
    }
};

QTEST_GUILESS_MAIN(TestSettingsAtomicity)
#include "tst_settingsatomicity.moc"
