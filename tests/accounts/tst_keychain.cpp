#include "accounts/keychainsecretstore.h"
#include "clirunner.h"
#include "sim/simulatedapi.h"

#include <QtTest>
#include <QtNetwork>

// The real Secret Service (gnome-keyring on a private bus via .ci/session) and the real CLI:
// RELIABILITY tests 8 (canary), 10 (keychain only), 11 (keychain unavailable), 12 (CLI side).
class TestKeychain : public QObject
{
    Q_OBJECT

    const QString canary = QStringLiteral("ghp_") + QStringLiteral("K3ych41nC4n4ry0123456789abcdefghijkl").left(36);
    QTemporaryDir m_home;

    using Run = TestCli::Run;
    QProcessEnvironment env(bool noBus = false) const
    {
        QProcessEnvironment e = TestCli::isolatedEnvironment(m_home);
        // The keyring lives in the session's HOME: only the XDG directories are ours.
        e.insert(u"HOME"_qs, QProcessEnvironment::systemEnvironment().value(u"HOME"_qs));
        if (noBus)
            e.insert(u"DBUS_SESSION_BUS_ADDRESS"_qs, u"unix:path=/nonexistent/headroom-no-bus"_qs);
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
        for (const QString &root : {m_home.path(), QDir::homePath()}) {
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
        p.start(u"secret-tool"_qs, {u"lookup"_qs, u"server"_qs, u"headroom"_qs, u"user"_qs, key});
        p.waitForFinished(10000);
        return QString::fromUtf8(p.readAllStandardOutput()).trimmed();
    }
    QString accountId(const QString &name)
    {
        return TestCli::accountIdIn(cli({u"account"_qs, u"list"_qs, u"--json"_qs}).out, name);
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_home.isValid());
        if (qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS"))
            QSKIP("needs a session bus with gnome-keyring: run under .ci/session");
        qRegisterMetaType<QProcess::ExitStatus>();
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
        const QString key = u"tst-"_qs + QUuid::createUuid().toString(QUuid::WithoutBraces);
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
        ok.prefix = u"/gh"_qs;
        ok.dialect = SimulatedApi::Dialect::GitHub;
        sim.addEndpoint(ok);
        SimulatedApi::Endpoint denied = ok;
        denied.prefix = u"/revoked"_qs;
        denied.fault = SimulatedApi::Fault::Unauthorized;
        sim.addEndpoint(denied);
        SimulatedApi::Endpoint limited = ok;
        limited.prefix = u"/limited"_qs;
        limited.dialect = SimulatedApi::Dialect::Generic;
        limited.limit = 1;
        sim.addEndpoint(limited);
        SimulatedApi::Endpoint redirect = ok;
        redirect.prefix = u"/moved"_qs;
        redirect.fault = SimulatedApi::Fault::Redirect;
        redirect.redirectTarget = u"http://127.0.0.2:9/elsewhere"_qs;
        sim.addEndpoint(redirect);
        QVERIFY(sim.listen());
        sim.consume(u"/limited"_qs, 1);

        const QByteArray token = "  " + canary.toLatin1() + "\n";
        Run r = cli({u"account"_qs, u"add"_qs, u"gh"_qs, u"--provider"_qs, u"github"_qs, u"--base-url"_qs,
                     sim.baseUrl() + u"/gh"_qs, u"--token-stdin"_qs}, token);
        QVERIFY2(r.code == 0, r.err.constData());
        QCOMPARE(cli({u"account"_qs, u"add"_qs, u"gh"_qs, u"--provider"_qs, u"github"_qs, u"--token-stdin"_qs}, token).code, 2);
        for (const auto &[name, prefix, path] : {std::tuple{u"revoked"_qs, u"/revoked"_qs, u"/user"_qs},
                                                 std::tuple{u"limited"_qs, u"/limited"_qs, u"/v"_qs},
                                                 std::tuple{u"moved"_qs, u"/moved"_qs, u"/v"_qs}}) {
            r = cli({u"account"_qs, u"add"_qs, name, u"--provider"_qs, u"generic"_qs, u"--base-url"_qs,
                     sim.baseUrl() + prefix, u"--probe-path"_qs, path, u"--token-stdin"_qs}, token);
            QVERIFY2(r.code == 0, r.err.constData());
        }
        const QString id = accountId(u"gh"_qs);
        QVERIFY(!id.isEmpty());
        QCOMPARE(secretToolLookup(id), canary); // trimmed, in the keyring

        r = cli({u"probe"_qs, u"--json"_qs});
        QVERIFY2(r.code == 0, r.err.constData());
        QHash<QString, QString> states;
        for (const QByteArray &line : r.out.split('\n')) {
            if (line.isEmpty())
                continue;
            const QJsonObject o = QJsonDocument::fromJson(line).object();
            states.insert(o[u"account"_qs].toString(), o[u"state"_qs].toString());
            for (const char *k : {"account", "provider", "state", "status", "quotas", "retry_after_s", "probed_at",
                                  "cost", "error"})
                QVERIFY2(o.contains(QLatin1String(k)), k);
        }
        QCOMPARE(states.value(u"gh"_qs), u"ok"_qs);
        QCOMPARE(states.value(u"revoked"_qs), u"auth_failed"_qs);
        QCOMPARE(states.value(u"limited"_qs), u"throttled"_qs);
        QCOMPARE(states.value(u"moved"_qs), u"error"_qs);
        QCOMPARE(cli({u"probe"_qs, u"nosuch"_qs}).code, 2);
        r = cli({u"probe"_qs, u"gh"_qs});
        QCOMPARE(r.code, 0);
        QVERIFY(r.out.contains("gh"));

        r = cli({u"watch"_qs, u"--duration"_qs, u"4"_qs, u"--json"_qs});
        QCOMPARE(r.code, 0);
        QSet<QString> watched;
        for (const QByteArray &line : r.out.split('\n'))
            if (!line.isEmpty())
                watched.insert(QJsonDocument::fromJson(line).object()[u"account"_qs].toString());
        QVERIFY2(watched.contains(u"gh"_qs), r.out.constData());
        QCOMPARE(cli({u"watch"_qs, u"--duration"_qs, u"x"_qs}).code, 2);

        QVERIFY2(filesContaining(canary.toLatin1()).isEmpty(), qPrintable(filesContaining(canary.toLatin1()).join(u' ')));
        QVERIFY(!m_allOutput.contains(canary.toLatin1()));

        QCOMPARE(cli({u"account"_qs, u"remove"_qs, u"gh"_qs}).code, 0);
        QVERIFY(secretToolLookup(id).isEmpty());
        QVERIFY(accountId(u"gh"_qs).isEmpty());
    }

    void tokenOnlyFromStdin()
    {
        const QStringList add = {u"account"_qs, u"add"_qs, u"x"_qs, u"--provider"_qs, u"github"_qs};
        // Not a terminal and no --token-stdin: usage error, nothing stored.
        QCOMPARE(cli(add, canary.toLatin1()).code, 2);
        QCOMPARE(cli(add + QStringList{u"--token"_qs, canary}).code, 2);
        for (const QByteArray &bad : {canary.toLatin1() + "\r\nX-Injected: 1", canary.toLatin1() + '\0' + "x",
                                      QByteArray("ghp_\xc3\xa9"), QByteArray("   \n")})
            QCOMPARE(cli(add + QStringList{u"--token-stdin"_qs}, bad).code, 2);
        QVERIFY(accountId(u"x"_qs).isEmpty());
        QVERIFY(!m_allOutput.contains(canary.toLatin1()));
    }

    void keychainUnavailable() // test 11
    {
        QTemporaryDir elsewhere;
        const QString cfg = m_home.filePath(u"config/headroom/accounts.json"_qs);
        QByteArray before;
        if (QFile f(cfg); f.open(QIODevice::ReadOnly))
            before = f.readAll();
        const Run r = cli({u"account"_qs, u"add"_qs, u"nobus"_qs, u"--provider"_qs, u"github"_qs, u"--token-stdin"_qs},
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
};

QTEST_GUILESS_MAIN(TestKeychain)
#include "tst_keychain.moc"
