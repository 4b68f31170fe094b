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
        e.insert(QStringLiteral("QT_LOGGING_RULES"), QStringLiteral("*.debug=true"));
        e.insert(QStringLiteral("QT_FORCE_STDERR_LOGGING"), QStringLiteral("1"));
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
        p.start(QStringLiteral("openssl"), args);
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
        QDir(m_home.path()).mkpath(QStringLiteral("home"));
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
        sim.addEndpoint(endpoint(QStringLiteral("/ok"), SimulatedApi::Fault::None));
        sim.addEndpoint(endpoint(QStringLiteral("/revoked"), SimulatedApi::Fault::Unauthorized));
        sim.addEndpoint(endpoint(QStringLiteral("/secondary"), SimulatedApi::Fault::SecondaryLimit));
        SimulatedApi::Endpoint limited = endpoint(QStringLiteral("/limited"), SimulatedApi::Fault::None, SimulatedApi::Dialect::Generic);
        limited.limit = 1;
        sim.addEndpoint(limited);
        SimulatedApi::Endpoint moved = endpoint(QStringLiteral("/moved"), SimulatedApi::Fault::Redirect);
        moved.redirectTarget = QStringLiteral("http://127.0.0.2:9/elsewhere");
        sim.addEndpoint(moved);
        sim.addEndpoint(endpoint(QStringLiteral("/hang"), SimulatedApi::Fault::Hang));
        sim.addEndpoint(endpoint(QStringLiteral("/parser"), SimulatedApi::Fault::MalformedHeaders, SimulatedApi::Dialect::Generic));
        QVERIFY(sim.listen());
        sim.consume(QStringLiteral("/limited"), 1);

        // A self-signed certificate the CLI (system trust store) must refuse.
        const QString e = openssl({QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"), QStringLiteral("rsa:2048"), QStringLiteral("-nodes"), QStringLiteral("-keyout"),
                                   QStringLiteral("self.key"), QStringLiteral("-out"), QStringLiteral("self.pem"), QStringLiteral("-days"), QStringLiteral("2"), QStringLiteral("-subj"),
                                   QStringLiteral("/CN=127.0.0.1"), QStringLiteral("-addext"), QStringLiteral("subjectAltName=IP:127.0.0.1")});
        QVERIFY2(e.isEmpty(), qPrintable(e));
        QFile keyFile(m_home.filePath(QStringLiteral("self.key")));
        QVERIFY(keyFile.open(QIODevice::ReadOnly));
        SimulatedApi tls;
        tls.setTls(QSslCertificate::fromPath(m_home.filePath(QStringLiteral("self.pem"))).value(0), QSslKey(&keyFile, QSsl::Rsa));
        tls.addEndpoint(endpoint(QStringLiteral("/"), SimulatedApi::Fault::None));
        QVERIFY(tls.listen());

        struct Acct
        {
            QString name, provider, base, path, expectState;
        };
        const QList<Acct> accounts = {
            {QStringLiteral("ok"), QStringLiteral("github"), sim.baseUrl() + QStringLiteral("/ok"), {}, QStringLiteral("ok")},
            {QStringLiteral("revoked"), QStringLiteral("github"), sim.baseUrl() + QStringLiteral("/revoked"), {}, QStringLiteral("auth_failed")},
            {QStringLiteral("secondary"), QStringLiteral("github"), sim.baseUrl() + QStringLiteral("/secondary"), {}, QStringLiteral("throttled")},
            {QStringLiteral("limited"), QStringLiteral("generic"), sim.baseUrl() + QStringLiteral("/limited"), QStringLiteral("/v"), QStringLiteral("throttled")},
            {QStringLiteral("moved"), QStringLiteral("generic"), sim.baseUrl() + QStringLiteral("/moved"), QStringLiteral("/v"), QStringLiteral("error")},
            {QStringLiteral("tls"), QStringLiteral("github"), tls.baseUrl(), {}, QStringLiteral("error")},
            {QStringLiteral("hang"), QStringLiteral("generic"), sim.baseUrl() + QStringLiteral("/hang"), QStringLiteral("/v"), QStringLiteral("error")},
            {QStringLiteral("parser"), QStringLiteral("generic"), sim.baseUrl() + QStringLiteral("/parser"), QStringLiteral("/v"), QString()},
        };
        for (const Acct &a : accounts) {
            QStringList args = {QStringLiteral("account"), QStringLiteral("add"), a.name, QStringLiteral("--provider"), a.provider,
                                QStringLiteral("--base-url"), a.base, QStringLiteral("--token-stdin")};
            if (!a.path.isEmpty())
                args << QStringLiteral("--probe-path") << a.path;
            const Run r = cli(args, canary + "\n");
            QVERIFY2(r.code == 0, r.err.constData());
        }

        // One probe each; the hang ends at the transfer timeout (10 s), well inside the deadline.
        Run r = cli({QStringLiteral("probe"), QStringLiteral("--json")});
        QVERIFY2(r.code == 0, r.err.constData());
        QHash<QString, QJsonObject> byName;
        for (const QByteArray &line : r.out.split('\n'))
            if (!line.isEmpty()) {
                const QJsonObject o = QJsonDocument::fromJson(line).object();
                byName.insert(o[QStringLiteral("account")].toString(), o);
            }
        for (const Acct &a : accounts) {
            QVERIFY2(byName.contains(a.name), qPrintable(a.name));
            if (!a.expectState.isEmpty())
                QCOMPARE(byName[a.name][QStringLiteral("state")].toString(), a.expectState);
        }
        QVERIFY2(byName[QStringLiteral("tls")][QStringLiteral("error")].toString().contains(QStringLiteral("TLS")),
                 qPrintable(byName[QStringLiteral("tls")][QStringLiteral("error")].toString()));
        QVERIFY(tls.requests().isEmpty()); // no HTTP request, hence no token, past a failed handshake
        QVERIFY(sawToken(sim, canary));     // the canary was really used

        // The watch loop too, with its breaker state in every line.
        r = cli({QStringLiteral("watch"), QStringLiteral("--duration"), QStringLiteral("3"), QStringLiteral("--json")});
        QCOMPARE(r.code, 0);
        int lines = 0;
        for (const QByteArray &line : r.out.split('\n'))
            if (!line.isEmpty()) {
                ++lines;
                const QString breaker = QJsonDocument::fromJson(line).object()[QStringLiteral("breaker")].toString();
                QVERIFY2(breaker == QStringLiteral("closed") || breaker == QStringLiteral("open"), line.constData());
            }
        QVERIFY2(lines > 0, r.out.constData());

        // CSV exports, into the scanned tree.
        for (const QString &kind : {QStringLiteral("samples"), QStringLiteral("events"), QStringLiteral("summary")}) {
            const QString out = m_home.filePath(QStringLiteral("export-") + kind + QStringLiteral(".csv"));
            r = cli({QStringLiteral("export"), QStringLiteral("--kind"), kind, QStringLiteral("--out"), out});
            QVERIFY2(r.code == 0, r.err.constData());
            QVERIFY(QFileInfo(out).size() > 0);
        }
        // The database as SQL text as well as its raw pages.
        const QString db = m_home.filePath(QStringLiteral("data/headroom/history.sqlite"));
        QVERIFY(QFileInfo::exists(db));
        QProcess dump;
        dump.start(QStringLiteral("sqlite3"), {db, QStringLiteral(".dump")});
        QVERIFY(dump.waitForFinished(30000));
        const QByteArray sql = dump.readAllStandardOutput();
        QVERIFY(sql.contains("INSERT INTO"));
        QVERIFY(!leaks(sql));

        QStringList states;
        for (auto it = byName.cbegin(); it != byName.cend(); ++it)
            states << it.key() + u'=' + it.value()[QStringLiteral("state")].toString();
        qInfo("probe states: %s; %lld bytes of CLI output (debug logging on) scanned",
              qPrintable(states.join(QStringLiteral(", "))), qint64(m_allOutput.size()));
        QVERIFY(!m_allOutput.isEmpty());
        QVERIFY2(!leaks(m_allOutput), "the canary reached stdout or stderr");
        const QStringList hits = filesContainingCanary();
        QVERIFY2(hits.isEmpty(), qPrintable(hits.join(u' ')));

        for (const Acct &a : accounts)
            QCOMPARE(cli({QStringLiteral("account"), QStringLiteral("remove"), a.name}).code, 0);
    }
};

QTEST_GUILESS_MAIN(TestCliCanary)
#include "tst_cli_canary.moc"
