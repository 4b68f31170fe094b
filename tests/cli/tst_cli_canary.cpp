#include "clirunner.h"
#include "sim/simulatedapi.h"

#include <QtTest>
#include <QtNetwork>

// The canary through the real `headroom` binary: a canary token drives success, 401,
// 403 secondary limit, 429, a cross-origin redirect, a TLS failure (self-signed loopback
// server), a timeout and a parser error (malformed rate-limit headers), with every logging
// category on. The canary and its base64 must appear nowhere: stdout, stderr, any file under
// the run's HOME and XDG dirs (accounts, settings, the SQLite database and its WAL), a dump of
// the database and CSV exports. Needs the real keychain: run under .ci/session.
class TestCliCanary : public QObject
{
    Q_OBJECT

    const QByteArray canary = "ghp_" + QByteArray("Cl1C4n4ryT0k3nXyZ0123456789abcdefghijk").left(36);
    QTemporaryDir m_home;
    QByteArray m_allOutput;

    using Run = TestCli::Run;
    QProcessEnvironment env() const
    {
        QProcessEnvironment e = TestCli::isolatedEnvironment(m_home);
        e.insert(u"QT_LOGGING_RULES"_qs, u"*.debug=true"_qs);
        e.insert(u"QT_FORCE_STDERR_LOGGING"_qs, u"1"_qs);
        return e;
    }
    Run cli(const QStringList &args, const QByteArray &stdinData = {})
    {
        Run r = TestCli::run(QStringLiteral(HEADROOM_BIN), args, env(), stdinData, 90000);
        m_allOutput += r.out + r.err;
        return r;
    }
    bool leaks(const QByteArray &data) const
    {
        return data.contains(canary) || data.contains(canary.toBase64()) || data.contains(canary.toBase64().left(24))
            || data.contains(QByteArray("Bearer " + canary).toBase64());
    }
    QStringList filesContainingCanary() const
    {
        QStringList hits;
        QDirIterator it(m_home.path(), QDir::Files | QDir::Hidden | QDir::System, QDirIterator::Subdirectories);
        for (int n = 0; it.hasNext() && n < 10000; ++n) {
            QFile f(it.next());
            if (f.open(QIODevice::ReadOnly) && leaks(f.read(256 * 1024 * 1024)))
                hits << f.fileName();
        }
        return hits;
    }
    QString openssl(const QStringList &args) const
    {
        QProcess p;
        p.setWorkingDirectory(m_home.path());
        p.start(u"openssl"_qs, args);
        if (!p.waitForFinished(60000) || p.exitCode() != 0)
            return QString::fromLocal8Bit(p.readAllStandardError());
        return {};
    }
    static bool sawToken(const SimulatedApi &s, const QByteArray &token)
    {
        for (const auto &r : s.requests())
            for (const auto &h : r.headers)
                if (h.second.contains(token))
                    return true;
        return false;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_home.isValid());
        if (qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS"))
            QSKIP("needs a session bus with gnome-keyring: run under .ci/session");
        qRegisterMetaType<QProcess::ExitStatus>();
        QDir(m_home.path()).mkpath(u"home"_qs);
    }

    void canaryNowhere()
    {
        SimulatedApi sim;
        auto endpoint = [&](const QString &prefix, SimulatedApi::Fault fault,
                            SimulatedApi::Dialect dialect = SimulatedApi::Dialect::GitHub) {
            SimulatedApi::Endpoint e;
            e.prefix = prefix;
            e.dialect = dialect;
            e.fault = fault;
            return e;
        };
        sim.addEndpoint(endpoint(u"/ok"_qs, SimulatedApi::Fault::None));
        sim.addEndpoint(endpoint(u"/revoked"_qs, SimulatedApi::Fault::Unauthorized));
        sim.addEndpoint(endpoint(u"/secondary"_qs, SimulatedApi::Fault::SecondaryLimit));
        SimulatedApi::Endpoint limited = endpoint(u"/limited"_qs, SimulatedApi::Fault::None, SimulatedApi::Dialect::Generic);
        limited.limit = 1;
        sim.addEndpoint(limited);
        SimulatedApi::Endpoint moved = endpoint(u"/moved"_qs, SimulatedApi::Fault::Redirect);
        moved.redirectTarget = u"http://127.0.0.2:9/elsewhere"_qs;
        sim.addEndpoint(moved);
        sim.addEndpoint(endpoint(u"/hang"_qs, SimulatedApi::Fault::Hang));
        sim.addEndpoint(endpoint(u"/parser"_qs, SimulatedApi::Fault::MalformedHeaders, SimulatedApi::Dialect::Generic));
        QVERIFY(sim.listen());
        sim.consume(u"/limited"_qs, 1);

        // A self-signed certificate the CLI (system trust store) must refuse.
        const QString e = openssl({u"req"_qs, u"-x509"_qs, u"-newkey"_qs, u"rsa:2048"_qs, u"-nodes"_qs, u"-keyout"_qs,
                                   u"self.key"_qs, u"-out"_qs, u"self.pem"_qs, u"-days"_qs, u"2"_qs, u"-subj"_qs,
                                   u"/CN=127.0.0.1"_qs, u"-addext"_qs, u"subjectAltName=IP:127.0.0.1"_qs});
        QVERIFY2(e.isEmpty(), qPrintable(e));
        QFile keyFile(m_home.filePath(u"self.key"_qs));
        QVERIFY(keyFile.open(QIODevice::ReadOnly));
        SimulatedApi tls;
        tls.setTls(QSslCertificate::fromPath(m_home.filePath(u"self.pem"_qs)).value(0), QSslKey(&keyFile, QSsl::Rsa));
        tls.addEndpoint(endpoint(u"/"_qs, SimulatedApi::Fault::None));
        QVERIFY(tls.listen());

        struct Acct
        {
            QString name, provider, base, path, expectState;
        };
        const QList<Acct> accounts = {
            {u"ok"_qs, u"github"_qs, sim.baseUrl() + u"/ok"_qs, {}, u"ok"_qs},
            {u"revoked"_qs, u"github"_qs, sim.baseUrl() + u"/revoked"_qs, {}, u"auth_failed"_qs},
            {u"secondary"_qs, u"github"_qs, sim.baseUrl() + u"/secondary"_qs, {}, u"throttled"_qs},
            {u"limited"_qs, u"generic"_qs, sim.baseUrl() + u"/limited"_qs, u"/v"_qs, u"throttled"_qs},
            {u"moved"_qs, u"generic"_qs, sim.baseUrl() + u"/moved"_qs, u"/v"_qs, u"error"_qs},
            {u"tls"_qs, u"github"_qs, tls.baseUrl(), {}, u"error"_qs},
            {u"hang"_qs, u"generic"_qs, sim.baseUrl() + u"/hang"_qs, u"/v"_qs, u"error"_qs},
            {u"parser"_qs, u"generic"_qs, sim.baseUrl() + u"/parser"_qs, u"/v"_qs, QString()},
        };
        for (const Acct &a : accounts) {
            QStringList args = {u"account"_qs, u"add"_qs, a.name, u"--provider"_qs, a.provider,
                                u"--base-url"_qs, a.base, u"--token-stdin"_qs};
            if (!a.path.isEmpty())
                args << u"--probe-path"_qs << a.path;
            const Run r = cli(args, canary + "\n");
            QVERIFY2(r.code == 0, r.err.constData());
        }

        // One probe each; the hang ends at the transfer timeout (10 s), well inside the deadline.
        Run r = cli({u"probe"_qs, u"--json"_qs});
        QVERIFY2(r.code == 0, r.err.constData());
        QHash<QString, QJsonObject> byName;
        for (const QByteArray &line : r.out.split('\n'))
            if (!line.isEmpty()) {
                const QJsonObject o = QJsonDocument::fromJson(line).object();
                byName.insert(o[u"account"_qs].toString(), o);
            }
        for (const Acct &a : accounts) {
            QVERIFY2(byName.contains(a.name), qPrintable(a.name));
            if (!a.expectState.isEmpty())
                QCOMPARE(byName[a.name][u"state"_qs].toString(), a.expectState);
        }
        QVERIFY2(byName[u"tls"_qs][u"error"_qs].toString().contains(u"TLS"_qs),
                 qPrintable(byName[u"tls"_qs][u"error"_qs].toString()));
        QVERIFY(tls.requests().isEmpty()); // no HTTP request, hence no token, past a failed handshake
        QVERIFY(sawToken(sim, canary));     // the canary was really used

        // The watch loop too, with its breaker state in every line.
        r = cli({u"watch"_qs, u"--duration"_qs, u"3"_qs, u"--json"_qs});
        QCOMPARE(r.code, 0);
        int lines = 0;
        for (const QByteArray &line : r.out.split('\n'))
            if (!line.isEmpty()) {
                ++lines;
                const QString breaker = QJsonDocument::fromJson(line).object()[u"breaker"_qs].toString();
                QVERIFY2(breaker == u"closed"_qs || breaker == u"open"_qs, line.constData());
            }
        QVERIFY2(lines > 0, r.out.constData());

        // CSV exports, into the scanned tree.
        for (const QString &kind : {u"samples"_qs, u"events"_qs, u"summary"_qs}) {
            const QString out = m_home.filePath(u"export-"_qs + kind + u".csv"_qs);
            r = cli({u"export"_qs, u"--kind"_qs, kind, u"--out"_qs, out});
            QVERIFY2(r.code == 0, r.err.constData());
            QVERIFY(QFileInfo(out).size() > 0);
        }
        // The database as SQL text as well as its raw pages.
        const QString db = m_home.filePath(u"data/headroom/history.sqlite"_qs);
        QVERIFY(QFileInfo::exists(db));
        QProcess dump;
        dump.start(u"sqlite3"_qs, {db, u".dump"_qs});
        QVERIFY(dump.waitForFinished(30000));
        const QByteArray sql = dump.readAllStandardOutput();
        QVERIFY(sql.contains("INSERT INTO"));
        QVERIFY(!leaks(sql));

        QStringList states;
        for (auto it = byName.cbegin(); it != byName.cend(); ++it)
            states << it.key() + u'=' + it.value()[u"state"_qs].toString();
        qInfo("probe states: %s; %lld bytes of CLI output (debug logging on) scanned",
              qPrintable(states.join(u", "_qs)), qint64(m_allOutput.size()));
        QVERIFY(!m_allOutput.isEmpty());
        QVERIFY2(!leaks(m_allOutput), "the canary reached stdout or stderr");
        const QStringList hits = filesContainingCanary();
        QVERIFY2(hits.isEmpty(), qPrintable(hits.join(u' ')));

        for (const Acct &a : accounts)
            QCOMPARE(cli({u"account"_qs, u"remove"_qs, a.name}).code, 0);
    }
};

QTEST_GUILESS_MAIN(TestCliCanary)
#include "tst_cli_canary.moc"
