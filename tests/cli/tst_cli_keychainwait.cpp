#include "../accounts/privatekeyring.h"
#include "clirunner.h"

#include <QtTest>

// Issue 10 item 5 through the real `headroom` binary and a real gnome-keyring (each test on a
// bus and keyring of its own, so locking it cannot disturb the other keychain suites running
// beside it): a call that waits on an unlock or "create keyring" prompt says so on stderr after
// 2 s while the prompt is still up, and a cancelled prompt ends the command with one exact line,
// exit 1 and nothing left behind. This process plays gcr's prompter, so the prompt is held and
// cancelled by the test, headless.
class TestCliKeychainWait : public QObject
{
    Q_OBJECT

    const QByteArray waitLine =
        "headroom: waiting for the keyring: answer the unlock prompt on your desktop (Ctrl+C to give up)\n";
    const QByteArray cancelledLine = "headroom: the keyring stayed locked (the unlock prompt was cancelled)\n";
    const QByteArray token = "ghp_" + QByteArray("W41tC4nc3lT0k3n0123456789abcdefghijklmn").left(36);

    struct Outcome
    {
        int code = -1;
        QByteArray out;
        QByteArray err;
        qint64 promptShownMs = -1;
        qint64 waitLineMs = -1;   // when the wait line was complete on stderr
        bool runningAtWaitLine = false;
        bool promptUpAtWaitLine = false;
        QString promptType;
        QVariantMap promptProperties;
    };

    QProcessEnvironment env(const QTemporaryDir &home, const PrivateKeyring &keyring) const
    {
        return keyring.environment(TestCli::isolatedEnvironment(home));
    }
    QStringList addArgs(const QString &name) const
    {
        return {QStringLiteral("account"), QStringLiteral("add"), name, QStringLiteral("--provider"), QStringLiteral("github"),
                QStringLiteral("--base-url"), QStringLiteral("http://127.0.0.1:9"), QStringLiteral("--token-stdin")};
    }

    // Runs the binary while the prompt is held: waits for gnome-keyring to put the prompt up and
    // for the wait line to reach stderr, then presses Cancel and lets the command finish.
    Outcome runAndCancel(const QProcessEnvironment &e, FakeSystemPrompter &prompter, const QStringList &args,
                         const QByteArray &stdinData = {})
    {
        Outcome o;
        QProcess p;
        p.setProcessEnvironment(e);
        QSignalSpy finished(&p, &QProcess::finished);
        QSignalSpy errReady(&p, &QProcess::readyReadStandardError);
        QSignalSpy shown(&prompter, &FakeSystemPrompter::shown);
        QElapsedTimer clock;
        clock.start();
        p.start(QStringLiteral(HEADROOM_BIN), args);
        if (!p.waitForStarted(10000))
            return o;
        p.write(stdinData);
        p.closeWriteChannel();

        if (shown.isEmpty() && !shown.wait(20000)) {
            p.kill();
            p.waitForFinished();
            o.err = p.readAllStandardError();
            return o;
        }
        o.promptShownMs = clock.elapsed();
        o.promptType = shown.first().at(0).toString();
        o.promptProperties = shown.first().at(1).toMap();

        o.err += p.readAllStandardError();
        while (!o.err.contains(waitLine) && finished.isEmpty() && errReady.wait(15000))
            o.err += p.readAllStandardError();
        if (o.err.contains(waitLine)) {
            o.waitLineMs = clock.elapsed();
            o.runningAtWaitLine = p.state() == QProcess::Running && finished.isEmpty();
            o.promptUpAtWaitLine = prompter.isShowing();
        }

        prompter.cancel();
        if (finished.isEmpty() && !finished.wait(30000)) {
            p.kill();
            p.waitForFinished();
        }
        o.code = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
        o.out = p.readAllStandardOutput();
        o.err += p.readAllStandardError();
        return o;
    }

    void verifyWaitedThenCancelled(const Outcome &o)
    {
        QVERIFY2(o.promptShownMs >= 0, o.err.constData());
        QVERIFY2(o.waitLineMs >= 0, o.err.constData());
        // Not before 2 s (the binary's clock starts after ours), and while it still waits.
        QVERIFY2(o.waitLineMs >= 2000, QByteArray::number(o.waitLineMs).constData());
        QVERIFY(o.runningAtWaitLine);
        QVERIFY(o.promptUpAtWaitLine);
        QCOMPARE(o.code, 1);
        QVERIFY(!o.err.contains("gnome-keyring"));
        QVERIFY(!o.err.contains("/org/"));
        QVERIFY(!o.err.contains(token));
        QVERIFY(!o.out.contains(token));
    }

    QString accountIdIn(const QProcessEnvironment &e, const QString &name)
    {
        const TestCli::Run list = TestCli::run(QStringLiteral(HEADROOM_BIN), {QStringLiteral("account"), QStringLiteral("list"), QStringLiteral("--json")}, e);
        return TestCli::accountIdIn(list.out, name);
    }

private slots:
    void initTestCase()
    {
        for (const char *tool : {"dbus-daemon", "gnome-keyring-daemon"})
            QVERIFY2(!QStandardPaths::findExecutable(QString::fromLatin1(tool)).isEmpty(), tool);
    }

    void accountAddWaitsThenCancelled()
    {
        QTemporaryDir home;
        PrivateKeyring keyring;
        QString error;
        QVERIFY2(keyring.start(PrivateKeyring::Start::Unlocked, &error), qPrintable(error));
        QVERIFY(keyring.lockLogin());
        FakeSystemPrompter prompter(keyring.bus());
        QVERIFY(prompter.registerOnBus());

        const QProcessEnvironment e = env(home, keyring);
        const Outcome o = runAndCancel(e, prompter, addArgs(QStringLiteral("kc")), token);
        verifyWaitedThenCancelled(o);
        QCOMPARE(o.promptType, QStringLiteral("password")); // gnome-keyring's unlock prompt asks for the password
        QCOMPARE(o.err, waitLine + cancelledLine);
        QCOMPARE(o.out, QByteArray());

        // Nothing left behind: no account, no secret, and the keyring still locked.
        QVERIFY(accountIdIn(e, QStringLiteral("kc")).isEmpty());
        const auto [unlocked, locked] = keyring.search({{QStringLiteral("server"), QStringLiteral("headroom")}});
        QVERIFY(unlocked.isEmpty());
        QVERIFY(locked.isEmpty());
        QVERIFY(keyring.loginLocked());
    }

    void probeWaitsThenCancelled()
    {
        QTemporaryDir home;
        PrivateKeyring keyring;
        QString error;
        QVERIFY2(keyring.start(PrivateKeyring::Start::Unlocked, &error), qPrintable(error));
        const QProcessEnvironment e = env(home, keyring);
        const TestCli::Run added = TestCli::run(QStringLiteral(HEADROOM_BIN), addArgs(QStringLiteral("gh")), e, token);
        QVERIFY2(added.code == 0, added.err.constData());
        QCOMPARE(added.err, QByteArray()); // an unlocked keyring answers at once: no wait line
        const QString id = accountIdIn(e, QStringLiteral("gh"));
        QVERIFY(!id.isEmpty());

        QVERIFY(keyring.lockLogin());
        FakeSystemPrompter prompter(keyring.bus());
        QVERIFY(prompter.registerOnBus());
        const Outcome o = runAndCancel(e, prompter, {QStringLiteral("probe")}, {});
        verifyWaitedThenCancelled(o);
        // The read's dismissed prompt is a locked keyring, not "no token stored".
        QVERIFY2(o.err.startsWith(waitLine), o.err.constData());
        QVERIFY2(o.err.endsWith(cancelledLine), o.err.constData());
        QVERIFY(!o.err.contains("no token stored"));

        // The token is still there, still locked; the account too.
        const auto [unlocked, locked] = keyring.search({{QStringLiteral("server"), QStringLiteral("headroom")}, {QStringLiteral("user"), id}});
        QVERIFY(unlocked.isEmpty());
        QCOMPARE(locked.size(), 1);
        QCOMPARE(accountIdIn(e, QStringLiteral("gh")), id);
    }

    void accountRemoveAsksToUnlock()
    {
        QTemporaryDir home;
        PrivateKeyring keyring;
        QString error;
        QVERIFY2(keyring.start(PrivateKeyring::Start::Unlocked, &error), qPrintable(error));
        const QProcessEnvironment e = env(home, keyring);
        QCOMPARE(TestCli::run(QStringLiteral(HEADROOM_BIN), addArgs(QStringLiteral("rm")), e, token).code, 0);
        const QString id = accountIdIn(e, QStringLiteral("rm"));
        QVERIFY(!id.isEmpty());

        // libsecret alone would skip the locked item and report success, leaving the token behind.
        QVERIFY(keyring.lockLogin());
        FakeSystemPrompter prompter(keyring.bus());
        QVERIFY(prompter.registerOnBus());
        const Outcome o = runAndCancel(e, prompter, {QStringLiteral("account"), QStringLiteral("remove"), QStringLiteral("rm")});
        verifyWaitedThenCancelled(o);
        QCOMPARE(o.err, waitLine + cancelledLine);
        QCOMPARE(accountIdIn(e, QStringLiteral("rm")), id);
        QCOMPARE(keyring.search({{QStringLiteral("server"), QStringLiteral("headroom")}, {QStringLiteral("user"), id}}).second.size(), 1);
    }

    void createKeyringPromptCancelled()
    {
        QTemporaryDir home;
        PrivateKeyring keyring;
        QString error;
        QVERIFY2(keyring.start(PrivateKeyring::Start::Fresh, &error), qPrintable(error));
        FakeSystemPrompter prompter(keyring.bus());
        QVERIFY(prompter.registerOnBus());

        const QProcessEnvironment e = env(home, keyring);
        const Outcome o = runAndCancel(e, prompter, addArgs(QStringLiteral("fresh")), token);
        verifyWaitedThenCancelled(o);
        QCOMPARE(o.promptType, QStringLiteral("password"));
        // No keyring yet: gnome-keyring asks for the password of a new one.
        QCOMPARE(o.promptProperties.value(QStringLiteral("password-new")).toBool(), true);
        QCOMPARE(o.err, waitLine + cancelledLine);
        QVERIFY(accountIdIn(e, QStringLiteral("fresh")).isEmpty());
        const auto [unlocked, locked] = keyring.search({{QStringLiteral("server"), QStringLiteral("headroom")}});
        QVERIFY(unlocked.isEmpty());
        QVERIFY(locked.isEmpty());
    }

    // Headless with no prompter at all (gcr-prompter cannot open a window and exits): the call
    // fails at once, without the wait line, and says the keyring is locked; it neither blames a
    // cancel nor asks to install gnome-keyring.
    void noPrompterFailsAtOnce()
    {
        QTemporaryDir home;
        PrivateKeyring keyring;
        QString error;
        QVERIFY2(keyring.start(PrivateKeyring::Start::Unlocked, &error), qPrintable(error));
        QVERIFY(keyring.lockLogin());
        const TestCli::Run r = TestCli::run(QStringLiteral(HEADROOM_BIN), addArgs(QStringLiteral("np")), env(home, keyring), token);
        QCOMPARE(r.code, 1);
        QCOMPARE(r.err, QByteArray("headroom: the keyring is locked; unlock it (e.g. log in to the desktop session) "
                                   "and try again\n"));
        QVERIFY(accountIdIn(env(home, keyring), QStringLiteral("np")).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestCliKeychainWait)
#include "tst_cli_keychainwait.moc"
