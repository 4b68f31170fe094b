#include "accounts/memorysecretstore.h"
#include "core/clock.h"
#include "engine/monitor.h"
#include "probe/probeclient.h"
#include "sim/simulatedapi.h"

#include <QtTest>
#include <QTcpServer>
#include <QtNetwork>
#include <sys/resource.h>

using Sim = SimulatedApi;

// Real loopback HTTP(S) against SimulatedApi: redirects, plain http, the canary, clock skew,
// hostile servers (slow, huge, gzip bombs, many headers), TLS, proxies, and every preset's probe
// request.
class TestProbeClient : public QObject
{
    Q_OBJECT

    const QString canary = QStringLiteral("ghp_") + QString(36, u'Q').replace(7, 5, QStringLiteral("c4n4r"));
    QTemporaryDir m_certs;
    QList<QSslCertificate> m_ca;

    static Account account(const QString &base, const QString &path = {}, const QString &preset = QStringLiteral("generic"))
    {
        Account a;
        a.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
        a.name = QStringLiteral("acct-") + a.id.left(6);
        a.presetId = preset;
        a.baseUrl = base;
        a.probePath = path;
        a.auth = AuthScheme::Bearer;
        return a;
    }
    static Sim::Endpoint endpoint(const QString &prefix, Sim::Fault fault = Sim::Fault::None,
                                  Sim::Dialect dialect = Sim::Dialect::Generic)
    {
        Sim::Endpoint e;
        e.prefix = prefix;
        e.fault = fault;
        e.dialect = dialect;
        e.limit = 100;
        e.windowS = 3600;
        return e;
    }
    // One probe of `sim`'s "/v": how long it took and how much the peak resident set grew (KiB).
    ProbeResult probeMeasured(const Sim &sim, qint64 *elapsedMs, long *rssGrowthKiB)
    {
        rusage before{};
        getrusage(RUSAGE_SELF, &before);
        ProbeClient client;
        QElapsedTimer t;
        t.start();
        const ProbeResult r = run(client, account(sim.baseUrl(), QStringLiteral("/v")), canary);
        *elapsedMs = t.elapsed();
        rusage after{};
        getrusage(RUSAGE_SELF, &after);
        *rssGrowthKiB = after.ru_maxrss - before.ru_maxrss;
        return r;
    }
    ProbeResult run(ProbeClient &client, const Account &a, const QString &token, int waitMs = 30000)
    {
        ProbeJob *job = client.probe(a, token);
        QSignalSpy spy(job, &ProbeJob::finished);
        if (!spy.wait(waitMs))
            return {};
        return spy.first().first().value<ProbeResult>();
    }
    bool sawToken(const Sim &s, const QString &token) const
    {
        for (const auto &r : s.requests())
            for (const auto &h : r.headers)
                if (h.second.contains(token.toLatin1()) || h.second.contains(token.toLatin1().toBase64().left(20)))
                    return true;
        return false;
    }
    void checkClean(const ProbeResult &r)
    {
        const QByteArray json = QJsonDocument(r.toJson()).toJson();
        QVERIFY(!json.contains(canary.toLatin1()));
        QVERIFY(!r.error.contains(canary));
    }
    bool openssl(const QStringList &args)
    {
        QProcess p;
        p.setWorkingDirectory(m_certs.path());
        p.start(QStringLiteral("openssl"), args);
        return p.waitForFinished(30000) && p.exitCode() == 0;
    }
    QString cert(const QString &name) const { return m_certs.filePath(name); }
    Sim *tlsServer(const QString &certFile, const QString &keyFile)
    {
        auto *s = new Sim(this);
        s->setTls(QSslCertificate::fromPath(certFile).value(0), [&] {
            QFile f(keyFile);
            f.open(QIODevice::ReadOnly);
            return QSslKey(f.readAll(), QSsl::Rsa);
        }());
        s->addEndpoint(endpoint(QStringLiteral("/")));
        if (!s->listen(QHostAddress(QStringLiteral("127.0.0.1"))))
            return nullptr;
        return s;
    }

private slots:
    void initTestCase()
    {
        qRegisterMetaType<ProbeResult>();
        QVERIFY(m_certs.isValid());
        auto ext = [&](const QString &file, const QString &san) {
            QFile f(cert(file));
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("subjectAltName=" + san.toLatin1() + "\n");
        };
        ext(QStringLiteral("good.ext"), QStringLiteral("IP:127.0.0.1"));
        ext(QStringLiteral("wrong.ext"), QStringLiteral("IP:127.0.0.9,DNS:wrong.example"));
        ext(QStringLiteral("proxy.ext"), QStringLiteral("DNS:origin.test"));
        QVERIFY(openssl({QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"), QStringLiteral("rsa:2048"), QStringLiteral("-nodes"), QStringLiteral("-keyout"),
                         QStringLiteral("ca.key"), QStringLiteral("-out"), QStringLiteral("ca.pem"), QStringLiteral("-days"), QStringLiteral("2"), QStringLiteral("-subj"),
                         QStringLiteral("/CN=Headroom Test CA"), QStringLiteral("-addext"), QStringLiteral("basicConstraints=critical,CA:TRUE"),
                         QStringLiteral("-addext"), QStringLiteral("keyUsage=critical,keyCertSign,cRLSign")}));
        QVERIFY(openssl({QStringLiteral("req"), QStringLiteral("-new"), QStringLiteral("-newkey"), QStringLiteral("rsa:2048"), QStringLiteral("-nodes"), QStringLiteral("-keyout"),
                         QStringLiteral("srv.key"), QStringLiteral("-out"), QStringLiteral("srv.csr"), QStringLiteral("-subj"), QStringLiteral("/CN=127.0.0.1")}));
        // Qt also matches the subject CN, so the wrong-name certificate needs a wrong CN too.
        QVERIFY(openssl({QStringLiteral("req"), QStringLiteral("-new"), QStringLiteral("-key"), QStringLiteral("srv.key"), QStringLiteral("-out"), QStringLiteral("wrong.csr"), QStringLiteral("-subj"),
                         QStringLiteral("/CN=wrong.example")}));
        auto sign = [&](const QString &out, const QString &days, const QString &extFile) {
            const QString csr = out == QStringLiteral("wrong.pem") ? QStringLiteral("wrong.csr") : QStringLiteral("srv.csr");
            return openssl({QStringLiteral("x509"), QStringLiteral("-req"), QStringLiteral("-in"), csr, QStringLiteral("-CA"), QStringLiteral("ca.pem"), QStringLiteral("-CAkey"),
                            QStringLiteral("ca.key"), QStringLiteral("-CAcreateserial"), QStringLiteral("-days"), days, QStringLiteral("-extfile"), extFile,
                            QStringLiteral("-out"), out});
        };
        QVERIFY(sign(QStringLiteral("good.pem"), QStringLiteral("2"), QStringLiteral("good.ext")));
        QVERIFY(sign(QStringLiteral("wrong.pem"), QStringLiteral("2"), QStringLiteral("wrong.ext")));
        QVERIFY(sign(QStringLiteral("expired.pem"), QStringLiteral("-1"), QStringLiteral("good.ext")));
        QVERIFY(sign(QStringLiteral("proxy.pem"), QStringLiteral("2"), QStringLiteral("proxy.ext")));
        QVERIFY(openssl({QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-key"), QStringLiteral("srv.key"), QStringLiteral("-out"), QStringLiteral("self.pem"), QStringLiteral("-days"),
                         QStringLiteral("2"), QStringLiteral("-subj"), QStringLiteral("/CN=127.0.0.1"), QStringLiteral("-addext"), QStringLiteral("subjectAltName=IP:127.0.0.1")}));
        m_ca = QSslCertificate::fromPath(cert(QStringLiteral("ca.pem")));
        QCOMPARE(m_ca.size(), 1);
    }

    void everyPresetProbe()
    {
        Sim sim;
        QVERIFY(sim.listen());
        ProbeClient client;
        int probed = 0;
        for (const Preset &p : Preset::all()) {
            if (p.probeMethod.isEmpty() || p.probePath.isEmpty())
                continue;
            const QString prefix = QStringLiteral("/p/") + p.id;
            sim.addEndpoint(endpoint(prefix));
            Account a = account(sim.baseUrl() + prefix, {}, p.id);
            a.auth = p.auth;
            a.username = QStringLiteral("me");
            for (const QString &k : p.params)
                a.params.insert(k, QStringLiteral("v-") + k);
            sim.clearRequests();
            const ProbeResult r = run(client, a, QStringLiteral("T0K-") + p.id);
            QVERIFY2(r.state != AccountState::Error || r.error.startsWith(QStringLiteral("HTTP")), qPrintable(p.id + QStringLiteral(": ") + r.error));
            QVERIFY2(sim.requests().size() >= 1, qPrintable(p.id));
            const auto req = sim.requests().first();
            QString path = p.probePath;
            for (const QString &k : p.params)
                path.replace(u'{' + k + u'}', QStringLiteral("v-") + k);
            QCOMPARE(QString::fromUtf8(req.target), prefix + path);
            QCOMPARE(req.method, p.probeMethod.toLatin1());
            const auto h = RequestFactory::authHeader(p.auth, QStringLiteral("me"), QStringLiteral("T0K-") + p.id);
            if (!h.first.isEmpty())
                QCOMPARE(req.header(h.first), h.second);
            QVERIFY(!req.header("User-Agent").isEmpty());
            ++probed;
        }
        QVERIFY(probed >= 5);
    }

    void githubFreeProbeReadsEveryResource()
    {
        Sim sim;
        sim.addEndpoint(endpoint(QStringLiteral("/api/v3"), Sim::Fault::None, Sim::Dialect::GitHub));
        QVERIFY(sim.listen());
        ProbeClient client;
        const ProbeResult r = run(client, account(sim.baseUrl() + QStringLiteral("/api/v3"), {}, QStringLiteral("github")), canary);
        QCOMPARE(sim.requests().value(0).target, QByteArray("/api/v3/rate_limit"));
        QCOMPARE(r.state, AccountState::Ok);
        QVERIFY(r.reading.quotas.size() >= 2);
        QCOMPARE(r.cost, qint64(0));
        QVERIFY(r.serverDate.has_value());
        checkClean(r);
    }

    void states_data()
    {
        QTest::addColumn<int>("fault");
        QTest::addColumn<int>("dialect");
        QTest::addColumn<qint64>("limit");
        QTest::addColumn<qint64>("preConsumed");
        QTest::addColumn<QString>("state");
        QTest::addColumn<bool>("hasQuotas");
        QTest::newRow("ok") << int(Sim::Fault::None) << int(Sim::Dialect::Generic) << qint64(100) << qint64(0) << "ok" << true;
        QTest::newRow("warning") << int(Sim::Fault::None) << int(Sim::Dialect::Generic) << qint64(100) << qint64(85) << "warning" << true;
        QTest::newRow("critical") << int(Sim::Fault::None) << int(Sim::Dialect::Generic) << qint64(100) << qint64(97) << "critical" << true;
        QTest::newRow("429 throttled") << int(Sim::Fault::None) << int(Sim::Dialect::Generic) << qint64(10) << qint64(10) << "throttled" << true;
        QTest::newRow("github 403 remaining 0") << int(Sim::Fault::None) << int(Sim::Dialect::GitHub) << qint64(10) << qint64(10) << "throttled" << true;
        QTest::newRow("401") << int(Sim::Fault::Unauthorized) << int(Sim::Dialect::Generic) << qint64(100) << qint64(0) << "auth_failed" << false;
        QTest::newRow("503") << int(Sim::Fault::ServerError) << int(Sim::Dialect::Generic) << qint64(100) << qint64(0) << "error" << false;
        QTest::newRow("ghes unlimited") << int(Sim::Fault::GhesUnlimited) << int(Sim::Dialect::GitHub) << qint64(100) << qint64(0) << "unlimited" << false;
        QTest::newRow("malformed headers") << int(Sim::Fault::MalformedHeaders) << int(Sim::Dialect::Generic) << qint64(100) << qint64(0) << "" << false;
    }
    void states()
    {
        QFETCH(int, fault);
        QFETCH(int, dialect);
        QFETCH(qint64, limit);
        QFETCH(qint64, preConsumed);
        QFETCH(QString, state);
        QFETCH(bool, hasQuotas);
        Sim sim;
        Sim::Endpoint e = endpoint(QStringLiteral("/x"), Sim::Fault(fault), Sim::Dialect(dialect));
        e.limit = limit;
        sim.addEndpoint(e);
        QVERIFY(sim.listen());
        sim.consume(QStringLiteral("/x"), preConsumed);
        ProbeClient client;
        const bool github = Sim::Dialect(dialect) == Sim::Dialect::GitHub;
        const ProbeResult r = run(client, account(sim.baseUrl() + QStringLiteral("/x"), github ? QStringLiteral("/user") : QStringLiteral("/user"),
                                                  github ? QStringLiteral("github") : QStringLiteral("generic")), canary);
        if (Sim::Fault(fault) == Sim::Fault::GhesUnlimited) {
            // The free probe path is what GHES answers with "not enabled".
            const ProbeResult g = run(client, account(sim.baseUrl() + QStringLiteral("/x"), {}, QStringLiteral("github")), canary);
            QCOMPARE(accountStateId(g.state), state);
            return;
        }
        if (state.isEmpty()) {
            // Garbage values: never a negative or absurd remaining, never a crash.
            for (const Quota &q : r.reading.quotas)
                QVERIFY(!q.remaining || (*q.remaining >= 0 && *q.remaining < 100000));
            return;
        }
        QCOMPARE(accountStateId(r.state), state);
        QCOMPARE(!r.reading.quotas.isEmpty(), hasQuotas);
        if (r.state == AccountState::Error || r.state == AccountState::AuthFailed)
            QVERIFY(!r.toJson().value(QStringLiteral("error")).isNull());
        checkClean(r);
    }

    // The account's own thresholds decide: 25 of 100 is Warning at 30 %; 24 is Ok at the default 20 %.
    void thresholdsPerAccount()
    {
        Sim sim;
        Sim::Endpoint e = endpoint(QStringLiteral("/x"), Sim::Fault::None, Sim::Dialect::Generic);
        e.limit = 100;
        sim.addEndpoint(e);
        QVERIFY(sim.listen());
        sim.consume(QStringLiteral("/x"), 74); // the probe itself spends one
        const Account a = account(sim.baseUrl() + QStringLiteral("/x"), QStringLiteral("/user"), QStringLiteral("generic"));
        ProbeClient client;
        client.setThresholds([&a](const QString &id) {
            return id == a.id ? Thresholds{30.0, 5.0} : Thresholds{};
        });
        const ProbeResult warned = run(client, a, canary);
        QCOMPARE(warned.reading.quotas.value(0).remaining, std::optional<qint64>(25));
        QCOMPARE(warned.state, AccountState::Warning);
        // Without thresholds the defaults apply: 24 % (this probe spent one more) is Ok.
        ProbeClient defaults;
        const ProbeResult plain = run(defaults, a, canary);
        QCOMPARE(plain.reading.quotas.value(0).remaining, std::optional<qint64>(24));
        QCOMPARE(plain.state, AccountState::Ok);
    }

    // Cross-origin redirects never carry the token.
    void crossOriginRedirect_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("kind");
        for (int s : {301, 302, 303, 307, 308})
            QTest::addRow("%d to 127.0.0.2", s) << s << "other-host";
        QTest::newRow("302 to other port") << 302 << "other-port";
        QTest::newRow("302 to localhost same port") << 302 << "localhost";
        QTest::newRow("307 chain A -> B/1 -> B/2") << 307 << "chain";
    }
    void crossOriginRedirect()
    {
        QFETCH(int, status);
        QFETCH(QString, kind);
        Sim b;
        b.addEndpoint(endpoint(QStringLiteral("/")));
        Sim::Endpoint hop = endpoint(QStringLiteral("/1"), Sim::Fault::Redirect);
        hop.redirectTarget = QStringLiteral("/2");
        b.addEndpoint(hop);
        QVERIFY(b.listen(kind == QStringLiteral("other-host") || kind == QStringLiteral("chain") ? QHostAddress(QStringLiteral("127.0.0.2"))
                                                                         : QHostAddress(QStringLiteral("127.0.0.1"))));
        Sim a;
        QVERIFY(a.listen(QHostAddress(QStringLiteral("127.0.0.1"))));
        Sim::Endpoint e = endpoint(QStringLiteral("/r"), Sim::Fault::Redirect);
        e.redirectStatus = status;
        if (kind == QStringLiteral("localhost"))
            e.redirectTarget = QStringLiteral("http://localhost:%1/landing").arg(a.port());
        else if (kind == QStringLiteral("chain"))
            e.redirectTarget = b.baseUrl() + QStringLiteral("/1");
        else
            e.redirectTarget = b.baseUrl() + QStringLiteral("/landing");
        a.addEndpoint(e);
        a.addEndpoint(endpoint(QStringLiteral("/landing")));
        ProbeClient client;
        const ProbeResult r = run(client, account(a.baseUrl(), QStringLiteral("/r")), canary);
        QCOMPARE(r.state, AccountState::Error);
        QVERIFY2(r.error.contains(QStringLiteral("another origin")), qPrintable(r.error));
        QVERIFY(r.reading.quotas.isEmpty());
        QCOMPARE(b.requests().size(), 0);
        QVERIFY(!sawToken(b, canary));
        QVERIFY(a.requestCount(QStringLiteral("/r")) <= 2);
        QCOMPARE(a.requestCount(QStringLiteral("/landing")), 0);
        checkClean(r);
    }

    void sameOriginRedirectFollowed() // test 5
    {
        Sim a;
        Sim::Endpoint e = endpoint(QStringLiteral("/old"), Sim::Fault::Redirect);
        e.redirectStatus = 301;
        e.redirectTarget = QStringLiteral("/new");
        a.addEndpoint(e);
        a.addEndpoint(endpoint(QStringLiteral("/new")));
        QVERIFY(a.listen());
        ProbeClient client;
        const ProbeResult r = run(client, account(a.baseUrl(), QStringLiteral("/old")), canary);
        QCOMPARE(r.state, AccountState::Ok);
        QCOMPARE(a.requestCount(QStringLiteral("/new")), 1);
        const auto reqs = a.requests();
        QCOMPARE(reqs.last().header("Authorization"), QByteArray("Bearer " + canary.toLatin1()));
        QCOMPARE(r.cost, qint64(2));
    }

    void redirectLoopAndDowngrade() // test 4
    {
        Sim a;
        Sim::Endpoint loop = endpoint(QStringLiteral("/loop"), Sim::Fault::Redirect);
        loop.redirectTarget = QStringLiteral("/loop");
        a.addEndpoint(loop);
        QVERIFY(a.listen());
        ProbeClient client;
        const ProbeResult r = run(client, account(a.baseUrl(), QStringLiteral("/loop")), canary);
        QCOMPARE(r.state, AccountState::Error);
        QVERIFY2(r.error.contains(QStringLiteral("too many redirects")), qPrintable(r.error));
        QVERIFY(a.requestCount(QStringLiteral("/loop")) <= 5);
        QVERIFY(a.requestCount(QStringLiteral("/loop")) >= 4);

        // https -> http on the same host is another origin: not followed, nothing in clear.
        Sim plain;
        plain.addEndpoint(endpoint(QStringLiteral("/")));
        QVERIFY(plain.listen());
        Sim *tls = tlsServer(cert(QStringLiteral("good.pem")), cert(QStringLiteral("srv.key")));
        QVERIFY(tls);
        Sim::Endpoint down = endpoint(QStringLiteral("/down"), Sim::Fault::Redirect);
        down.redirectTarget = plain.baseUrl() + QStringLiteral("/landing");
        tls->addEndpoint(down);
        ProbeOptions o;
        o.caCertificates = m_ca;
        client.setOptions(o);
        const ProbeResult d = run(client, account(tls->baseUrl(), QStringLiteral("/down")), canary);
        QCOMPARE(tls->requestCount(QStringLiteral("/down")), 1);
        QVERIFY2(d.error.contains(QStringLiteral("another origin")), qPrintable(d.error));
        QCOMPARE(plain.requests().size(), 0);
    }

    void plainHttpRefusedBeforeLookup() // test 6
    {
        ProbeClient client;
        QElapsedTimer t;
        t.start();
        const ProbeResult r = run(client, account(QStringLiteral("http://api.example.invalid"), QStringLiteral("/")), canary);
        QCOMPARE(r.state, AccountState::Error);
        QVERIFY2(r.error.contains(QStringLiteral("plain http")), qPrintable(r.error));
        QVERIFY(!r.transportFailure);
        QVERIFY(t.elapsed() < 1000);
        QCOMPARE(client.managerCount(), 0); // no request object, hence no lookup, was made

        Sim loop;
        loop.addEndpoint(endpoint(QStringLiteral("/")));
        QVERIFY(loop.listen());
        const ProbeResult ok = run(client, account(loop.baseUrl(), QStringLiteral("/v")), canary);
        QCOMPARE(ok.state, AccountState::Ok);
        QVERIFY(sawToken(loop, canary));
    }

    void headerInjectionGuard() // test 12
    {
        Sim sim;
        sim.addEndpoint(endpoint(QStringLiteral("/")));
        QVERIFY(sim.listen());
        ProbeClient client;
        for (const QString &bad : {canary + QStringLiteral("\r\nX-Injected: 1"), canary + QStringLiteral("\n") + canary,
                                   QString::fromUtf8("ghp_\xc3\xa9"), canary + QChar(0) + QStringLiteral("x")}) {
            const ProbeResult r = run(client, account(sim.baseUrl(), QStringLiteral("/v")), bad);
            QCOMPARE(r.state, AccountState::Error);
            checkClean(r);
        }
        QCOMPARE(sim.requests().size(), 0);
        // Surrounding whitespace is trimmed, not rejected.
        const ProbeResult r = run(client, account(sim.baseUrl(), QStringLiteral("/v")), QStringLiteral("  ") + canary + QStringLiteral("\n"));
        QCOMPARE(r.state, AccountState::Ok);
        // A copy that outlives the loop: iterating sim.requests().first().headers directly would
        // walk a temporary list destroyed before the first iteration.
        const QList<SimulatedApi::Request> requests = sim.requests();
        QCOMPARE(requests.first().header("Authorization"), QByteArray("Bearer " + canary.toLatin1()));
        for (const auto &h : requests.first().headers)
            QVERIFY(h.first.toLower() != "x-injected");
    }

    void skewCorrected_data() // test 23 (clock skew part)
    {
        QTest::addColumn<qint64>("skewS");
        QTest::newRow("server +10 min") << qint64(600);
        QTest::newRow("in sync") << qint64(0);
        QTest::newRow("server -10 min") << qint64(-600);
    }
    void skewCorrected()
    {
        QFETCH(qint64, skewS);
        Sim sim;
        Sim::Endpoint e = endpoint(QStringLiteral("/x"), Sim::Fault::None, Sim::Dialect::GitHub);
        e.limit = 5;
        e.windowS = 3600;
        e.dateSkewS = skewS;
        sim.addEndpoint(e);
        QVERIFY(sim.listen());
        sim.consume(QStringLiteral("/x"), 5);
        ProbeClient client;
        const ProbeResult r = run(client, account(sim.baseUrl() + QStringLiteral("/x"), QStringLiteral("/user"), QStringLiteral("github")), canary);
        QCOMPARE(r.state, AccountState::Throttled);
        QVERIFY(r.serverDate.has_value());
        const int i = r.reading.mostRestrictive();
        QVERIFY(i >= 0 && r.reading.quotas[i].resetAt);
        const qint64 now = QDateTime::currentSecsSinceEpoch();
        const qint64 expected = (now / 3600 + 1) * 3600 - now; // the simulator's window end, our clock
        const qint64 got = r.probedAt.secsTo(*r.reading.quotas[i].resetAt);
        QVERIFY2(qAbs(got - expected) <= 2, qPrintable(QStringLiteral("%1 vs %2").arg(got).arg(expected)));
        // And the scheduler waits exactly that (+1 s), whatever the skew.
        ManualClock c;
        Scheduler s(&c, 1);
        s.addAccount(QStringLiteral("a"), {});
        c.advanceMs(60'000);
        QCOMPARE(s.takeDue().size(), 1);
        ProbeResult local = r;
        local.probedAt = c.nowUtc();
        // The reset wait alone: with a 5/h quota the 1 % budget would otherwise space paid
        // probes an hour apart (the budget has its own tests).
        local.cost = 0;
        for (Quota &q : local.reading.quotas)
            if (q.resetAt)
                q.resetAt = c.nowUtc().addMSecs(r.probedAt.msecsTo(*q.resetAt));
        s.onResult(QStringLiteral("a"), local);
        const qint64 wait = s.nextDueMs(QStringLiteral("a")) - c.monotonicMs();
        QVERIFY2(qAbs(wait - (got + 1) * 1000) <= 1000, qPrintable(QString::number(wait)));
    }

    void slowServersHitTheDeadline_data() // test 31
    {
        QTest::addColumn<int>("fault");
        QTest::newRow("never answers") << int(Sim::Fault::Hang);
        QTest::newRow("headers then silence") << int(Sim::Fault::HeadersThenSilence);
        QTest::newRow("status line trickle") << int(Sim::Fault::TrickleHeaders);
        QTest::newRow("body 1 byte per tick") << int(Sim::Fault::DripBody);
    }
    void slowServersHitTheDeadline()
    {
        QFETCH(int, fault);
        Sim sim;
        Sim::Endpoint e = endpoint(QStringLiteral("/"), Sim::Fault(fault));
        e.trickleMs = 300;
        sim.addEndpoint(e);
        QVERIFY(sim.listen());
        ProbeClient client;
        ProbeOptions o;
        o.deadlineMs = 2000;
        o.transferTimeoutMs = 1500;
        client.setOptions(o);
        QElapsedTimer t;
        t.start();
        const ProbeResult r = run(client, account(sim.baseUrl(), QStringLiteral("/v")), canary, 10000);
        QVERIFY(t.elapsed() < 3000);
        QCOMPARE(r.state, AccountState::Error);
        QVERIFY2(r.error.contains(QStringLiteral("timed out")) || r.error.contains(QStringLiteral("stopped responding")), qPrintable(r.error));
        QVERIFY(r.reading.quotas.isEmpty());
        checkClean(r);
    }

    void hugeBodyCapped_data() // test 32
    {
        QTest::addColumn<bool>("contentLength");
        QTest::newRow("with Content-Length") << true;
        QTest::newRow("without Content-Length") << false;
    }
    void hugeBodyCapped()
    {
        QFETCH(bool, contentLength);
        Sim sim;
        Sim::Endpoint e = endpoint(QStringLiteral("/"), Sim::Fault::HugeBody);
        e.contentLength = contentLength;
        sim.addEndpoint(e);
        QVERIFY(sim.listen());
        qint64 elapsedMs = 0;
        long rssGrowthKiB = 0;
        const ProbeResult r = probeMeasured(sim, &elapsedMs, &rssGrowthKiB);
        QVERIFY(elapsedMs < 5000);
        // The headers arrived complete, so they are recorded; the body is dropped.
        QCOMPARE(r.state, AccountState::Ok);
        QCOMPARE(r.reading.quotas.value(0).remaining, std::optional<qint64>(42));
        QVERIFY(!r.reading.warnings.isEmpty());
        QVERIFY2(rssGrowthKiB < 20 * 1024, qPrintable(QString::number(rssGrowthKiB)));
    }

    void gzipBomb_data()
    {
        QTest::addColumn<qint64>("inflated");
        QTest::newRow("300 KiB of zeros") << qint64(300 * 1024);
        QTest::newRow("50 MiB of zeros, ~50 KB on the wire") << qint64(50LL * 1024 * 1024);
    }
    void gzipBomb() // test 32, the bomb
    {
        QFETCH(qint64, inflated);
        Sim sim;
        Sim::Endpoint e = endpoint(QStringLiteral("/"), Sim::Fault::GzipBomb);
        e.hugeBytes = inflated;
        sim.addEndpoint(e);
        QVERIFY(sim.listen());
        qint64 elapsedMs = 0;
        long rssGrowthKiB = 0;
        const ProbeResult r = probeMeasured(sim, &elapsedMs, &rssGrowthKiB);
        QVERIFY(elapsedMs < 5000);
        // We never ask for compression; Qt 6.4 adds "Accept-Encoding: gzip, deflate, br, zstd"
        // itself and inflates transparently, so the cap counts decoded bytes.
        QVERIFY(!sim.requests().isEmpty());
        qInfo("Accept-Encoding sent by Qt: %s", sim.requests().first().header("Accept-Encoding").constData());
        QCOMPARE(r.state, AccountState::Error);
        QVERIFY2(r.error.contains(QStringLiteral("256 KiB")), qPrintable(r.error));
        QVERIFY(r.reading.quotas.isEmpty());
        QVERIFY2(rssGrowthKiB < 20 * 1024, qPrintable(QString::number(rssGrowthKiB)));
        checkClean(r);
    }

    void hostileHeadersIsolated_data() // test 33
    {
        QTest::addColumn<int>("fault");
        QTest::newRow("20 MiB header line") << int(Sim::Fault::HugeHeader);
        QTest::newRow("many header fields") << int(Sim::Fault::ManyHeaders);
    }
    void hostileHeadersIsolated()
    {
        QFETCH(int, fault);
        Sim hostile;
        Sim::Endpoint e = endpoint(QStringLiteral("/"), Sim::Fault(fault));
        e.hugeBytes = Sim::Fault(fault) == Sim::Fault::HugeHeader ? 20 * 1024 * 1024 : 200000 * 16;
        hostile.addEndpoint(e);
        QVERIFY(hostile.listen());
        // Sanitizer builds run several times slower; their test preset says by how much.
        const int scale = std::max(1, qEnvironmentVariableIntValue("HEADROOM_TEST_TIME_SCALE"));
        Sim good;
        good.addEndpoint(endpoint(QStringLiteral("/"), Sim::Fault::None, Sim::Dialect::GitHub));
        QVERIFY(good.listen());
        ProbeClient client;
        ProbeOptions o;
        o.deadlineMs = 3000;
        client.setOptions(o);
        ProbeJob *bad = client.probe(account(hostile.baseUrl(), QStringLiteral("/v")), canary);
        QSignalSpy badSpy(bad, &ProbeJob::finished);
        QElapsedTimer t;
        t.start();
        for (int i = 0; i < 5; ++i) {
            QElapsedTimer one;
            one.start();
            const ProbeResult r = run(client, account(good.baseUrl(), {}, QStringLiteral("github")), canary);
            QCOMPARE(r.state, AccountState::Ok);
            QVERIFY2(one.elapsed() < 1000 * scale, qPrintable(QString::number(one.elapsed())));
        }
        QVERIFY(badSpy.count() == 1 || badSpy.wait(5000 * scale));
        QVERIFY(t.elapsed() < 5000 * scale);
        const ProbeResult r = badSpy.first().first().value<ProbeResult>();
        // A 20 MiB line fails on the size cap. 200,000 small fields: on an idle machine Qt 6.4
        // finishes the reply with a status-200 head that is under the cap when we see it, so the
        // probe ends as no_data rather than error (under load the deadline ends it first). Either
        // way it ended within the deadline, carries no quota and delayed nobody, which is what
        // protects; why the head we see is small is still to be explained.
        QVERIFY2(r.state == AccountState::Error || (r.state == AccountState::NoData && r.reading.quotas.isEmpty()),
                 qPrintable(accountStateId(r.state)));
        checkClean(r);
    }


    void proxyTunnel_data() // test 7
    {
        QTest::addColumn<bool>("withUserInfo");
        QTest::newRow("plain proxy") << false;
        QTest::newRow("proxy with user:pw") << true;
    }
    void proxyTunnel()
    {
        QFETCH(bool, withUserInfo);
        // Qt never proxies a loopback host, so the origin is named origin.test; only the proxy
        // knows where that is (127.0.0.1), and the client never looks the name up.
        Sim *origin = tlsServer(cert(QStringLiteral("proxy.pem")), cert(QStringLiteral("srv.key")));
        QVERIFY(origin);
        const quint16 originPort = origin->port();
        // A CONNECT proxy on loopback that logs each request head and then relays bytes.
        QTcpServer proxy;
        QList<QByteArray> heads;
        connect(&proxy, &QTcpServer::newConnection, this, [&] {
            while (QTcpSocket *c = proxy.nextPendingConnection()) {
                auto *buf = new QByteArray;
                auto *up = new QTcpSocket(c);
                connect(c, &QObject::destroyed, [buf] { delete buf; });
                connect(up, &QTcpSocket::readyRead, c, [c, up] { c->write(up->readAll()); });
                connect(up, &QTcpSocket::disconnected, c, [c] { c->disconnectFromHost(); });
                connect(c, &QTcpSocket::disconnected, c, &QObject::deleteLater);
                connect(c, &QTcpSocket::readyRead, c, [&heads, c, up, buf, originPort] {
                    if (up->state() == QAbstractSocket::ConnectedState) {
                        up->write(c->readAll());
                        return;
                    }
                    *buf += c->readAll();
                    const qsizetype end = buf->indexOf("\r\n\r\n");
                    if (end < 0)
                        return;
                    heads.append(buf->left(end));
                    const QByteArray rest = buf->mid(end + 4);
                    up->connectToHost(QHostAddress::LocalHost, originPort);
                    connect(up, &QTcpSocket::connected, c, [c, up, rest] {
                        c->write("HTTP/1.1 200 Connection established\r\n\r\n");
                        if (!rest.isEmpty())
                            up->write(rest);
                    });
                });
            }
        });
        QVERIFY(proxy.listen(QHostAddress::LocalHost));
        ProbeClient client;
        QNetworkProxy p(QNetworkProxy::HttpProxy, QStringLiteral("127.0.0.1"), proxy.serverPort());
        if (withUserInfo) {
            p.setUser(QStringLiteral("puser"));
            p.setPassword(QStringLiteral("ppass"));
        }
        QNetworkProxy::setApplicationProxy(p);
        ProbeOptions o;
        o.caCertificates = m_ca;
        client.setOptions(o);
        const ProbeResult r = run(client, account(QStringLiteral("https://origin.test:%1").arg(originPort), QStringLiteral("/v")), canary);
        QNetworkProxy::setApplicationProxy(QNetworkProxy::NoProxy);
        QNetworkProxyFactory::setUseSystemConfiguration(true);
        QCOMPARE(r.state, AccountState::Ok);
        QVERIFY(!heads.isEmpty());
        for (const QByteArray &h : heads) {
            QVERIFY2(h.startsWith("CONNECT origin.test:"), h.constData());
            QVERIFY(!h.contains(canary.toLatin1()));
            QVERIFY(!h.toLower().contains("authorization: bearer"));
        }
        QVERIFY(sawToken(*origin, canary));
        for (const auto &req : origin->requests())
            QVERIFY(req.header("Proxy-Authorization").isEmpty());
        delete origin;
    }

    void tlsFailures_data() // test 34
    {
        QTest::addColumn<QString>("certFile");
        QTest::addColumn<bool>("trusted");
        QTest::newRow("signed by the test CA") << "good.pem" << true;
        QTest::newRow("self-signed") << "self.pem" << false;
        QTest::newRow("wrong host name") << "wrong.pem" << false;
        QTest::newRow("expired") << "expired.pem" << false;
    }
    void tlsFailures()
    {
        QFETCH(QString, certFile);
        QFETCH(bool, trusted);
        Sim *s = tlsServer(cert(certFile), cert(QStringLiteral("srv.key")));
        QVERIFY(s);
        ProbeClient client; // fresh client: no pooled connection masks a failure
        ProbeOptions o;
        o.caCertificates = m_ca;
        client.setOptions(o);
        const ProbeResult r = run(client, account(s->baseUrl(), QStringLiteral("/v")), canary);
        if (trusted) {
            QCOMPARE(r.state, AccountState::Ok);
            QVERIFY(sawToken(*s, canary));
        } else {
            QCOMPARE(r.state, AccountState::Error);
            QVERIFY2(r.error.contains(QStringLiteral("TLS")), qPrintable(r.error));
            QCOMPARE(s->requests().size(), 0);
            checkClean(r);
        }
        delete s;
    }

    void brokenTransfers_data() // test 35
    {
        QTest::addColumn<QString>("kind");
        QTest::newRow("short Content-Length then close") << "short";
        QTest::newRow("reset mid-headers") << "reset";
        QTest::newRow(".invalid host") << "invalid";
        QTest::newRow("closed port") << "closed";
    }
    void brokenTransfers()
    {
        QFETCH(QString, kind);
        Sim sim;
        sim.addEndpoint(endpoint(QStringLiteral("/"), kind == QStringLiteral("short") ? Sim::Fault::ShortBody : Sim::Fault::ResetMidHeaders));
        QVERIFY(sim.listen());
        QString base = sim.baseUrl();
        if (kind == QStringLiteral("invalid"))
            base = QStringLiteral("https://does-not-exist.invalid");
        if (kind == QStringLiteral("closed")) {
            QTcpServer probePort;
            QVERIFY(probePort.listen(QHostAddress::LocalHost));
            base = QStringLiteral("http://127.0.0.1:%1").arg(probePort.serverPort());
        }
        ProbeClient client;
        const ProbeResult r = run(client, account(base, QStringLiteral("/v")), canary);
        QCOMPARE(r.state, AccountState::Error);
        QVERIFY(r.transportFailure);
        QVERIFY(r.reading.quotas.isEmpty()); // never a sample from an errored reply, even with 200
        QVERIFY(r.toJson().value(QStringLiteral("quotas")).toArray().isEmpty());
        checkClean(r);
        Scheduler s(nullptr, 1);
        s.addAccount(QStringLiteral("a"), {});
        QVERIFY(s.errorDelayMs(1) >= 60'000); // backoff applies to these errors
    }

    void monitorBoundsConcurrencyPerHost()
    {
        Sim sim;
        Sim::Endpoint slow = endpoint(QStringLiteral("/"), Sim::Fault::None, Sim::Dialect::GitHub);
        sim.addEndpoint(slow);
        QVERIFY(sim.listen());
        MemorySecretStore secrets;
        QList<Account> accounts;
        for (int i = 0; i < 30; ++i) {
            Account a = account(sim.baseUrl() + QStringLiteral("/a%1").arg(i), {}, QStringLiteral("github"));
            accounts.append(a);
            bool written = false;
            secrets.write(a.id, canary, [&](const SecretStore::Result &) { written = true; });
            QTRY_VERIFY(written);
        }
        Account missing = account(sim.baseUrl() + QStringLiteral("/nokey"), {}, QStringLiteral("github"));
        accounts.append(missing);
        Monitor monitor(&secrets, nullptr);
        monitor.setAccounts(accounts);
        QSignalSpy recorded(&monitor, &Monitor::resultRecorded);
        QSignalSpy done(&monitor, &Monitor::runOnceFinished);
        monitor.runOnce();
        QVERIFY(done.wait(20000));
        QCOMPARE(recorded.count(), 31);
        QVERIFY(sim.maxConcurrent() <= 4);
        int errors = 0;
        for (const auto &args : recorded) {
            const ProbeResult r = args.first().value<ProbeResult>();
            if (r.state == AccountState::Error)
                ++errors;
            checkClean(r);
        }
        QCOMPARE(errors, 1); // the account without a stored token
        QCOMPARE(monitor.secretFailures(), 1);
    }
};

QTEST_GUILESS_MAIN(TestProbeClient)
#include "tst_probeclient.moc"
