#include "accounts/keychainsecretstore.h"
#include "clirunner.h"
#include "privatekeyring.h"
#include "sim/simulatedapi.h"

#include <QtTest>
#include <QtNetwork>
#include <qt6keychain/keychain.h>

// One keychain call's result, delivered as a signal so a test can wait on it with QSignalSpy.
class ResultCatcher : public QObject
{
    Q_OBJECT
public:
    SecretStore::Callback callback()
    {
        return [this](const SecretStore::Result &r) {
            result = r;
            Q_EMIT arrived();
        };
    }
    SecretStore::Result result;
Q_SIGNALS:
    void arrived();
};

// The real Secret Service (a gnome-keyring of this suite's own on a bus of its own, so the
// keyring can be locked without disturbing the suites running beside it) and the real CLI:
// The canary, the keychain as the only home of a token, the keychain unavailable, the CLI side;
// at the store: calls that wait on a prompt, cancelled prompts.
class TestKeychain : public QObject
{
    Q_OBJECT

    const QString canary = QStringLiteral("ghp_") + QStringLiteral("K3ych41nC4n4ry0123456789abcdefghijkl").left(36);
    QTemporaryDir m_home;
    PrivateKeyring m_keyring;
    const QString m_lockedKey = QStringLiteral("tst-locked-") + QUuid::createUuid().toString(QUuid::WithoutBraces);

    using Run = TestCli::Run;
    QProcessEnvironment env(bool noBus = false) const
    {
        QProcessEnvironment e = TestCli::isolatedEnvironment(m_home);
        // The keyring lives in the session's HOME: only the XDG directories are ours.
        e.insert(QStringLiteral("HOME"), QProcessEnvironment::systemEnvironment().value(QStringLiteral("HOME")));
        if (noBus)
            e.insert(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"), QStringLiteral("unix:path=/nonexistent/headroom-no-bus"));
        return e;
    }
    Run cli(const QStringList &args, const QByteArray &stdinData = {}, bool noBus = false)
    {
        Run r = TestCli::run(QStringLiteral(HEADROOM_BIN), args, env(noBus), stdinData);
        m_allOutput += r.out + r.err;
        return r;
    }
    QByteArray m_allOutput;

    // Every file under our HOME/XDG dirs and the session's HOME, the token and its base64.
    QStringList filesContaining(const QByteArray &needle) const
    {
        QStringList hits;
        for (const QString &root : {m_home.path(), QDir::homePath(), m_keyring.home()}) {
            QDirIterator it(root, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
            while (it.hasNext()) {
                QFile f(it.next());
                if (f.open(QIODevice::ReadOnly)) {
                    const QByteArray data = f.read(64 * 1024 * 1024);
                    if (data.contains(needle) || data.contains(needle.toBase64()))
                        hits << f.fileName();
                }
            }
        }
        return hits;
    }
    static QString secretToolLookup(const QString &key)
    {
        QProcess p;
        p.start(QStringLiteral("secret-tool"), {QStringLiteral("lookup"), QStringLiteral("server"), QStringLiteral("headroom"), QStringLiteral("user"), key});
        p.waitForFinished(10000);
        return QString::fromUtf8(p.readAllStandardOutput()).trimmed();
    }
    QString accountId(const QString &name)
    {
        return TestCli::accountIdIn(cli({QStringLiteral("account"), QStringLiteral("list"), QStringLiteral("--json")}).out, name);
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_home.isValid());
        qRegisterMetaType<QProcess::ExitStatus>();
        QString error;
        QVERIFY2(m_keyring.start(PrivateKeyring::Start::Unlocked, &error), qPrintable(error));
        // Before anything in this process touches D-Bus: libsecret's connection, Qt's session
        // bus and QtKeychain's backend choice are made once per process, from the environment.
        const QProcessEnvironment e = m_keyring.environment(QProcessEnvironment::systemEnvironment());
        for (const char *v : {"DBUS_SESSION_BUS_ADDRESS", "XDG_CURRENT_DESKTOP"})
            qputenv(v, e.value(QString::fromLatin1(v)).toLocal8Bit());
        for (const char *v : {"KDE_SESSION_VERSION", "KDE_FULL_SESSION", "DISPLAY", "WAYLAND_DISPLAY"})
            qunsetenv(v);
        QVERIFY(QDBusConnection::sessionBus().isConnected());
    }

    void storeRoundTrip()
    {
        KeychainSecretStore store;
        auto wait = [](auto call) {
            SecretStore::Result out;
            out.error = SecretStore::Error::Other;
            QEventLoop loop;
            QTimer::singleShot(10000, &loop, &QEventLoop::quit);
            call([&](const SecretStore::Result &r) {
                out = r;
                loop.quit();
            });
            loop.exec();
            return out;
        };
        const QString key = QStringLiteral("tst-") + QUuid::createUuid().toString(QUuid::WithoutBraces);
        auto w = wait([&](auto cb) { store.write(key, canary, cb); });
        QVERIFY2(w.error == SecretStore::Error::None, qPrintable(w.message));
        QCOMPARE(secretToolLookup(key), canary);
        QCOMPARE(wait([&](auto cb) { store.read(key, cb); }).secret, canary);
        QCOMPARE(wait([&](auto cb) { store.remove(key, cb); }).error, SecretStore::Error::None);
        QCOMPARE(wait([&](auto cb) { store.read(key, cb); }).error, SecretStore::Error::NotFound);
        QVERIFY(secretToolLookup(key).isEmpty());
    }

    void cliAddProbeRemove()
    {
        SimulatedApi sim;
        SimulatedApi::Endpoint ok;
        ok.prefix = QStringLiteral("/gh");
        ok.dialect = SimulatedApi::Dialect::GitHub;
        sim.addEndpoint(ok);
        SimulatedApi::Endpoint denied = ok;
        denied.prefix = QStringLiteral("/revoked");
        denied.fault = SimulatedApi::Fault::Unauthorized;
        sim.addEndpoint(denied);
        SimulatedApi::Endpoint limited = ok;
        limited.prefix = QStringLiteral("/limited");
        limited.dialect = SimulatedApi::Dialect::Generic;
        limited.limit = 1;
        sim.addEndpoint(limited);
        SimulatedApi::Endpoint redirect = ok;
        redirect.prefix = QStringLiteral("/moved");
        redirect.fault = SimulatedApi::Fault::Redirect;
        redirect.redirectTarget = QStringLiteral("http://127.0.0.2:9/elsewhere");
        sim.addEndpoint(redirect);
        QVERIFY(sim.listen());
        sim.consume(QStringLiteral("/limited"), 1);

        const QByteArray token = "  " + canary.toLatin1() + "\n";
        Run r = cli({QStringLiteral("account"), QStringLiteral("add"), QStringLiteral("gh"), QStringLiteral("--provider"), QStringLiteral("github"), QStringLiteral("--base-url"),
                     sim.baseUrl() + QStringLiteral("/gh"), QStringLiteral("--token-stdin")}, token);
        QVERIFY2(r.code == 0, r.err.constData());
        QCOMPARE(cli({QStringLiteral("account"), QStringLiteral("add"), QStringLiteral("gh"), QStringLiteral("--provider"), QStringLiteral("github"), QStringLiteral("--token-stdin")}, token).code, 2);
        for (const auto &[name, prefix, path] : {std::tuple{QStringLiteral("revoked"), QStringLiteral("/revoked"), QStringLiteral("/user")},
                                                 std::tuple{QStringLiteral("limited"), QStringLiteral("/limited"), QStringLiteral("/v")},
                                                 std::tuple{QStringLiteral("moved"), QStringLiteral("/moved"), QStringLiteral("/v")}}) {
            r = cli({QStringLiteral("account"), QStringLiteral("add"), name, QStringLiteral("--provider"), QStringLiteral("generic"), QStringLiteral("--base-url"),
                     sim.baseUrl() + prefix, QStringLiteral("--probe-path"), path, QStringLiteral("--token-stdin")}, token);
            QVERIFY2(r.code == 0, r.err.constData());
        }
        const QString id = accountId(QStringLiteral("gh"));
        QVERIFY(!id.isEmpty());
        QCOMPARE(secretToolLookup(id), canary); // trimmed, in the keyring

        r = cli({QStringLiteral("probe"), QStringLiteral("--json")});
        QVERIFY2(r.code == 0, r.err.constData());
        QHash<QString, QString> states;
        for (const QByteArray &line : r.out.split('\n')) {
            if (line.isEmpty())
                continue;
            const QJsonObject o = QJsonDocument::fromJson(line).object();
            states.insert(o[QStringLiteral("account")].toString(), o[QStringLiteral("state")].toString());
            for (const char *k : {"account", "provider", "state", "status", "quotas", "retry_after_s", "probed_at",
                                  "cost", "error"})
                QVERIFY2(o.contains(QLatin1String(k)), k);
        }
        QCOMPARE(states.value(QStringLiteral("gh")), QStringLiteral("ok"));
        QCOMPARE(states.value(QStringLiteral("revoked")), QStringLiteral("auth_failed"));
        QCOMPARE(states.value(QStringLiteral("limited")), QStringLiteral("throttled"));
        QCOMPARE(states.value(QStringLiteral("moved")), QStringLiteral("error"));
        QCOMPARE(cli({QStringLiteral("probe"), QStringLiteral("nosuch")}).code, 2);
        r = cli({QStringLiteral("probe"), QStringLiteral("gh")});
        QCOMPARE(r.code, 0);
        QVERIFY(r.out.contains("gh"));

        r = cli({QStringLiteral("watch"), QStringLiteral("--duration"), QStringLiteral("4"), QStringLiteral("--json")});
        QCOMPARE(r.code, 0);
        QSet<QString> watched;
        for (const QByteArray &line : r.out.split('\n'))
            if (!line.isEmpty())
                watched.insert(QJsonDocument::fromJson(line).object()[QStringLiteral("account")].toString());
        QVERIFY2(watched.contains(QStringLiteral("gh")), r.out.constData());
        QCOMPARE(cli({QStringLiteral("watch"), QStringLiteral("--duration"), QStringLiteral("x")}).code, 2);

        QVERIFY2(filesContaining(canary.toLatin1()).isEmpty(), qPrintable(filesContaining(canary.toLatin1()).join(u' ')));
        QVERIFY(!m_allOutput.contains(canary.toLatin1()));

        QCOMPARE(cli({QStringLiteral("account"), QStringLiteral("remove"), QStringLiteral("gh")}).code, 0);
        QVERIFY(secretToolLookup(id).isEmpty());
        QVERIFY(accountId(QStringLiteral("gh")).isEmpty());
    }

    void tokenOnlyFromStdin()
    {
        const QStringList add = {QStringLiteral("account"), QStringLiteral("add"), QStringLiteral("x"), QStringLiteral("--provider"), QStringLiteral("github")};
        // Not a terminal and no --token-stdin: usage error, nothing stored.
        QCOMPARE(cli(add, canary.toLatin1()).code, 2);
        QCOMPARE(cli(add + QStringList{QStringLiteral("--token"), canary}).code, 2);
        for (const QByteArray &bad : {canary.toLatin1() + "\r\nX-Injected: 1", canary.toLatin1() + '\0' + "x",
                                      QByteArray("ghp_\xc3\xa9"), QByteArray("   \n")})
            QCOMPARE(cli(add + QStringList{QStringLiteral("--token-stdin")}, bad).code, 2);
        QVERIFY(accountId(QStringLiteral("x")).isEmpty());
        QVERIFY(!m_allOutput.contains(canary.toLatin1()));
    }

    void keychainUnavailable() // test 11
    {
        QTemporaryDir elsewhere;
        const QString cfg = m_home.filePath(QStringLiteral("config/headroom/accounts.json"));
        QByteArray before;
        if (QFile f(cfg); f.open(QIODevice::ReadOnly))
            before = f.readAll();
        const Run r = cli({QStringLiteral("account"), QStringLiteral("add"), QStringLiteral("nobus"), QStringLiteral("--provider"), QStringLiteral("github"), QStringLiteral("--token-stdin")},
                          canary.toLatin1(), true);
        QCOMPARE(r.code, 1);
        QVERIFY2(r.err.contains("keyring"), r.err.constData());
        QCOMPARE(r.err.count('\n'), 1);
        QByteArray after;
        if (QFile f(cfg); f.open(QIODevice::ReadOnly))
            after = f.readAll();
        QCOMPARE(after, before);
        QVERIFY(filesContaining(canary.toLatin1()).isEmpty());
        QVERIFY(!r.err.contains(canary.toLatin1()));
    }

    // Pure mapping: what a user reads for each failure.
    void messagesForFailures()
    {
        using Ctx = KeychainSecretStore::Context;
        const QString cancelled = QStringLiteral("the keyring stayed locked (the unlock prompt was cancelled)");
        Ctx waited;
        waited.waitedForUser = true;
        Ctx prompter;
        prompter.prompterOnBus = true;
        for (const Ctx &c : {waited, prompter}) {
            const auto r = KeychainSecretStore::mapError(QKeychain::AccessDenied,
                                                         QStringLiteral("Cannot create an item in a locked collection"), false, c);
            QCOMPARE(r.error, SecretStore::Error::Locked);
            QCOMPARE(r.message, cancelled);
        }
        // Nobody could have been asked (headless, no prompter): locked, with what to do.
        const auto headless = KeychainSecretStore::mapError(QKeychain::AccessDenied, QStringLiteral("x"), false, Ctx{});
        QCOMPARE(headless.error, SecretStore::Error::Locked);
        QCOMPARE(headless.message,
                 QStringLiteral("the keyring is locked; unlock it (e.g. log in to the desktop session) and try again"));
        // A Secret Service that is there but fails: its error, no install hint, no object path.
        Ctx present;
        present.serviceOnBus = true;
        const QString withPath = QStringLiteral("No such secret collection at path: /org/freedesktop/secrets/collection/xyz");
        const auto failed = KeychainSecretStore::mapError(QKeychain::OtherError, withPath, true, present);
        QCOMPARE(failed.error, SecretStore::Error::Other);
        QVERIFY2(!failed.message.contains(QStringLiteral("gnome-keyring")), qPrintable(failed.message));
        QVERIFY2(!failed.message.contains(QStringLiteral("/org/")), qPrintable(failed.message));
        QVERIFY(failed.message.contains(QStringLiteral("No such secret collection")));
        // No Secret Service at all: the install hint, still without the path.
        const auto absent = KeychainSecretStore::mapError(QKeychain::OtherError, withPath, false, Ctx{});
        QCOMPARE(absent.error, SecretStore::Error::NoBackend);
        QVERIFY(absent.message.contains(QStringLiteral("gnome-keyring")));
        QVERIFY(!absent.message.contains(QStringLiteral("/org/")));
        QCOMPARE(KeychainSecretStore::withoutObjectPaths(QStringLiteral("prompt '/org/freedesktop/secrets/prompt/u1' failed")),
                 QStringLiteral("prompt … failed"));
    }

    // From here on the keyring is locked; the tests above ran with it unlocked.
    void lockedWithoutPrompterFailsAtOnce()
    {
        KeychainSecretStore store;
        ResultCatcher stored;
        QSignalSpy storedSpy(&stored, &ResultCatcher::arrived);
        store.write(m_lockedKey, canary, stored.callback());
        QVERIFY(storedSpy.wait(10000));
        QCOMPARE(stored.result.error, SecretStore::Error::None);
        QVERIFY(m_keyring.lockLogin());

        // No prompter on the bus: gnome-keyring D-Bus-activates gcr-prompter, which cannot open a
        // window here and exits, and the unlock prompt is dismissed without anyone being asked.
        QSignalSpy waiting(&store, &KeychainSecretStore::waitingForUser);
        ResultCatcher written;
        QSignalSpy writtenSpy(&written, &ResultCatcher::arrived);
        QElapsedTimer clock;
        clock.start();
        store.write(QStringLiteral("tst-never-") + QUuid::createUuid().toString(QUuid::WithoutBraces), canary, written.callback());
        QVERIFY(writtenSpy.wait(KeychainSecretStore::waitNoticeMs));
        QCOMPARE(waiting.count(), 0);
        QCOMPARE(written.result.error, SecretStore::Error::Locked);
        QCOMPARE(written.result.message,
                 QStringLiteral("the keyring is locked; unlock it (e.g. log in to the desktop session) and try again"));
    }

    void lockedWriteWaitsForThePrompt()
    {
        QVERIFY(m_keyring.loginLocked());
        FakeSystemPrompter prompter(QDBusConnection::sessionBus());
        QVERIFY(prompter.registerOnBus());
        KeychainSecretStore store;
        QSignalSpy waiting(&store, &KeychainSecretStore::waitingForUser);
        QSignalSpy shown(&prompter, &FakeSystemPrompter::shown);
        ResultCatcher written;
        QSignalSpy writtenSpy(&written, &ResultCatcher::arrived);
        const QString key = QStringLiteral("tst-cancelled-") + QUuid::createUuid().toString(QUuid::WithoutBraces);
        QElapsedTimer clock;
        clock.start();
        store.write(key, canary, written.callback());

        QVERIFY(shown.wait(10000));
        QCOMPARE(shown.first().at(0).toString(), QStringLiteral("password"));
        QVERIFY(waiting.wait(10000));
        QVERIFY2(clock.elapsed() >= KeychainSecretStore::waitNoticeMs, QByteArray::number(clock.elapsed()).constData());
        QCOMPARE(writtenSpy.count(), 0); // the notice comes while the call still waits
        QVERIFY(prompter.isShowing());

        QVERIFY(prompter.cancel());
        QVERIFY(writtenSpy.wait(10000));
        QCOMPARE(waiting.count(), 1);
        QCOMPARE(written.result.error, SecretStore::Error::Locked);
        QCOMPARE(written.result.message, QStringLiteral("the keyring stayed locked (the unlock prompt was cancelled)"));
        const auto [unlocked, locked] = m_keyring.search({{QStringLiteral("server"), QStringLiteral("headroom")}, {QStringLiteral("user"), key}});
        QVERIFY(unlocked.isEmpty() && locked.isEmpty());
    }

    // libsecret reports a lookup whose unlock prompt was dismissed as "not found"; the token is
    // there, behind the lock, and the user is told so.
    void lockedReadCancelledIsNotNotFound()
    {
        FakeSystemPrompter prompter(QDBusConnection::sessionBus());
        QVERIFY(prompter.registerOnBus());
        KeychainSecretStore store;
        QSignalSpy shown(&prompter, &FakeSystemPrompter::shown);
        ResultCatcher read;
        QSignalSpy readSpy(&read, &ResultCatcher::arrived);
        store.read(m_lockedKey, read.callback());
        QVERIFY(shown.wait(10000));
        QVERIFY(prompter.cancel()); // at once: no wait notice, but a prompter was there to ask
        QVERIFY(readSpy.wait(10000));
        QCOMPARE(read.result.error, SecretStore::Error::Locked);
        QCOMPARE(read.result.message, QStringLiteral("the keyring stayed locked (the unlock prompt was cancelled)"));
        QVERIFY(read.result.secret.isEmpty());
    }

    // libsecret clears only unlocked items and never prompts: the store asks to unlock first, and
    // a cancelled prompt leaves the token where it was and says so.
    void lockedRemoveAsksToUnlock()
    {
        FakeSystemPrompter prompter(QDBusConnection::sessionBus());
        QVERIFY(prompter.registerOnBus());
        KeychainSecretStore store;
        QSignalSpy shown(&prompter, &FakeSystemPrompter::shown);
        ResultCatcher removed;
        QSignalSpy removedSpy(&removed, &ResultCatcher::arrived);
        store.remove(m_lockedKey, removed.callback());
        QVERIFY(shown.wait(10000));
        QVERIFY(prompter.cancel());
        QVERIFY(removedSpy.wait(10000));
        QCOMPARE(removed.result.error, SecretStore::Error::Locked);
        QCOMPARE(removed.result.message, QStringLiteral("the keyring stayed locked (the unlock prompt was cancelled)"));
        QCOMPARE(m_keyring.search({{QStringLiteral("server"), QStringLiteral("headroom")}, {QStringLiteral("user"), m_lockedKey}}).second.size(), 1);
    }
};

QTEST_GUILESS_MAIN(TestKeychain)
#include "tst_keychain.moc"
