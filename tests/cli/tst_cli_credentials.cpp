// Tokens on a server: `account add --secret-store systemd` keeps no token and prints the
// systemd-creds command; `probe` in a service (CREDENTIALS_DIRECTORY set, no session bus) reads
// the token systemd handed over, sends it, and says which credential is missing when it is.
#include "clirunner.h"
#include "sim/simulatedapi.h"

#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace TestCli;

class TestCliCredentials : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void tokenFromSystemdCredentials();
};

void TestCliCredentials::tokenFromSystemdCredentials()
{
    SimulatedApi sim;
    sim.addEndpoint(SimulatedApi::Endpoint::quota(
        QStringLiteral("/gh"), SimulatedApi::Dialect::GitHub, SimulatedApi::QuotaModel::FixedWindow, 5000, 3600, 0));
    QVERIFY(sim.listen());

    QTemporaryDir root;
    QVERIFY(root.isValid());
    QProcessEnvironment env = isolatedEnvironment(root);
    // A service has no session bus; the keychain must not be asked.
    env.remove(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"));

    Run r = run(QStringLiteral(HEADROOM_BIN),
        { QStringLiteral("account"), QStringLiteral("add"), QStringLiteral("srv"), QStringLiteral("--provider"),
            QStringLiteral("github"), QStringLiteral("--base-url"), sim.baseUrl() + QStringLiteral("/gh"),
            QStringLiteral("--secret-store"), QStringLiteral("systemd") },
        env);
    QVERIFY2(r.code == 0, r.err.constData());
    const QRegularExpression command(QStringLiteral("systemd-creds encrypt --name=(headroom\\.[0-9a-f-]+) - "
                                                    "/etc/credstore.encrypted/\\1\\n"));
    const QRegularExpressionMatch m = command.match(QString::fromUtf8(r.out));
    QVERIFY2(m.hasMatch(), r.out.constData());
    const QString credential = m.captured(1);
    QVERIFY(r.out.contains("LoadCredentialEncrypted=" + credential.toUtf8()));

    // With a token on stdin too, the command refuses: systemd-creds reads it, not Headroom.
    r = run(QStringLiteral(HEADROOM_BIN),
        { QStringLiteral("account"), QStringLiteral("add"), QStringLiteral("srv2"), QStringLiteral("--provider"),
            QStringLiteral("github"), QStringLiteral("--secret-store"), QStringLiteral("systemd"),
            QStringLiteral("--token-stdin") },
        env, "tok\n");
    QCOMPARE(r.code, 2);

    // Missing credential: the probe fails and names it.
    QDir(root.path()).mkpath(QStringLiteral("creds"));
    env.insert(QStringLiteral("CREDENTIALS_DIRECTORY"), root.filePath(QStringLiteral("creds")));
    r = run(QStringLiteral(HEADROOM_BIN), { QStringLiteral("probe"), QStringLiteral("--json") }, env);
    QCOMPARE(r.code, 1);
    QVERIFY2(r.out.contains(credential.toUtf8()) || r.err.contains(credential.toUtf8()), r.err.constData());
    QCOMPARE(sim.requestCount(QStringLiteral("/gh")), 0);

    // In place (as systemd-creds decrypts it, with its line feed): sent, and read.
    QFile token(root.filePath(QStringLiteral("creds/")) + credential);
    QVERIFY(token.open(QIODevice::WriteOnly));
    token.write("ghp_servertoken\n");
    token.close();
    r = run(QStringLiteral(HEADROOM_BIN), { QStringLiteral("probe"), QStringLiteral("--json") }, env);
    QVERIFY2(r.code == 0, r.err.constData());
    QVERIFY(r.out.contains("\"state\":\"ok\""));
    bool sent = false;
    for (const SimulatedApi::Request &req : sim.requests())
        sent = sent || req.header("Authorization") == QByteArrayLiteral("Bearer ghp_servertoken");
    QVERIFY(sent);
    QVERIFY(!r.out.contains("ghp_servertoken") && !r.err.contains("ghp_servertoken"));

    // `watch`, as the service runs it: probes with the token from the credentials.
    const int before = sim.requestCount(QStringLiteral("/gh"));
    r = run(QStringLiteral(HEADROOM_BIN),
        { QStringLiteral("watch"), QStringLiteral("--json"), QStringLiteral("--duration"), QStringLiteral("3") }, env);
    QVERIFY2(r.code == 0, r.err.constData());
    QVERIFY2(r.out.contains("\"state\":\"ok\""), r.out.constData());
    QVERIFY(sim.requestCount(QStringLiteral("/gh")) > before);
    QVERIFY(!r.out.contains("ghp_servertoken") && !r.err.contains("ghp_servertoken"));

    // Neither a session bus nor credentials: one clear line, exit 1, nothing sent.
    env.remove(QStringLiteral("CREDENTIALS_DIRECTORY"));
    const int sentBefore = sim.requestCount(QStringLiteral("/gh"));
    r = run(QStringLiteral(HEADROOM_BIN),
        { QStringLiteral("watch"), QStringLiteral("--duration"), QStringLiteral("3") }, env);
    QCOMPARE(r.code, 1);
    QCOMPARE(r.err.count('\n'), 1);
    QVERIFY2(r.err.contains("no keyring") && r.err.contains("CREDENTIALS_DIRECTORY"), r.err.constData());
    QCOMPARE(sim.requestCount(QStringLiteral("/gh")), sentBefore);
}

QTEST_MAIN(TestCliCredentials)
#include "tst_cli_credentials.moc"
