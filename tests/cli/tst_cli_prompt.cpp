#include "clirunner.h"

#include <QtTest>

#include <cerrno>
#include <poll.h>
#include <pty.h>
#include <sys/wait.h>
#include <unistd.h>

// `headroom account add NAME --provider github` without --token-stdin: on a terminal it
// prompts without echo (a real pseudo-terminal: the child runs the real binary on the pty
// slave, the test types on the master and reads back everything the terminal shows); without
// a terminal it refuses with a usage error (exit 2, one clear line on stderr).
// Needs the real keychain: run under .ci/session.
class TestCliPrompt : public QObject
{
    Q_OBJECT

    const QByteArray token = "ghp_" + QByteArray("Pr0mptC4n4ry0123456789abcdefghijklmnop").left(36);
    QTemporaryDir m_home;

    QProcessEnvironment env() const
    {
        QProcessEnvironment e = TestCli::isolatedEnvironment(m_home);
        e.insert(QStringLiteral("LANG"), QStringLiteral("C"));
        e.insert(QStringLiteral("LC_ALL"), QStringLiteral("C"));
        e.remove(QStringLiteral("LANGUAGE"));
        return e;
    }
    TestCli::Run cli(const QStringList &args, const QByteArray &stdinData = {})
    {
        return TestCli::run(QStringLiteral(HEADROOM_BIN), args, env(), stdinData);
    }
    // Reads from the pty master until `until` appears, the child closes the terminal, or the
    // time runs out; returns everything read. poll() waits on the descriptor; nothing sleeps.
    static QByteArray readMaster(int fd, QByteArray *all, const QByteArray &until, int timeoutMs)
    {
        QElapsedTimer t;
        t.start();
        while (t.elapsed() < timeoutMs && (until.isEmpty() || !all->contains(until))) {
            pollfd p{fd, POLLIN, 0};
            const int n = poll(&p, 1, int(std::max<qint64>(1, timeoutMs - t.elapsed())));
            if (n < 0 && errno == EINTR)
                continue;
            if (n <= 0)
                break;
            char buf[4096];
            const ssize_t got = read(fd, buf, sizeof buf);
            if (got <= 0)
                break; // EIO: the slave side is closed, the child has exited
            all->append(buf, got);
        }
        return *all;
    }
    bool accountExists(const QString &name)
    {
        return !TestCli::accountIdIn(cli({QStringLiteral("account"), QStringLiteral("list"), QStringLiteral("--json")}).out, name).isEmpty();
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_home.isValid());
        if (qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS"))
            QSKIP("needs a session bus with gnome-keyring: run under .ci/session");
        QDir(m_home.path()).mkpath(QStringLiteral("home"));
    }

    void promptsWithoutEcho()
    {
        // argv and envp are built before the fork: the child only execs.
        const QByteArray bin = HEADROOM_BIN;
        const QList<QByteArray> args = {bin, "account", "add", "tty", "--provider", "github"};
        QList<QByteArray> envStrings;
        for (const QString &kv : env().toStringList())
            envStrings << kv.toLocal8Bit();
        std::vector<char *> argv, envp;
        for (const QByteArray &a : args)
            argv.push_back(const_cast<char *>(a.constData()));
        argv.push_back(nullptr);
        for (const QByteArray &e : envStrings)
            envp.push_back(const_cast<char *>(e.constData()));
        envp.push_back(nullptr);

        int master = -1;
        const pid_t child = forkpty(&master, nullptr, nullptr, nullptr);
        QVERIFY(child >= 0);
        if (child == 0) {
            execve(argv[0], argv.data(), envp.data());
            _exit(127);
        }
        QByteArray shown;
        readMaster(master, &shown, "Token for tty: ", 30000);
        QVERIFY2(shown.contains("Token for tty: "), shown.constData());
        // Typed the moment the prompt shows: echo is already off.
        QCOMPARE(write(master, token.constData(), size_t(token.size())), ssize_t(token.size()));
        QCOMPARE(write(master, "\n", 1), ssize_t(1));
        readMaster(master, &shown, {}, 30000);
        int status = -1;
        QCOMPARE(waitpid(child, &status, 0), child);
        close(master);
        qInfo("the terminal showed: %s", shown.simplified().constData());
        QVERIFY(WIFEXITED(status));
        QVERIFY2(WEXITSTATUS(status) == 0, shown.constData());
        QVERIFY2(!shown.contains(token), "the token was echoed");
        QVERIFY(!shown.contains(token.left(12)));
        QVERIFY(accountExists(QStringLiteral("tty")));
        QCOMPARE(cli({QStringLiteral("account"), QStringLiteral("remove"), QStringLiteral("tty")}).code, 0);
    }

    void noTerminalNoTokenStdin()
    {
        const TestCli::Run r = cli({QStringLiteral("account"), QStringLiteral("add"), QStringLiteral("piped"), QStringLiteral("--provider"), QStringLiteral("github")}, token + "\n");
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains("--token-stdin"), r.err.constData());
        QCOMPARE(r.err.count('\n'), 1);
        QVERIFY(!r.err.contains(token) && !r.out.contains(token));
        QVERIFY(!accountExists(QStringLiteral("piped")));
    }
};

QTEST_GUILESS_MAIN(TestCliPrompt)
#include "tst_cli_prompt.moc"
