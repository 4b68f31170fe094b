#include "probe/requestfactory.h"
#include "core/urlpolicy.h"

#include <QtTest>

class TestUrlPolicy : public QObject
{
    Q_OBJECT
private slots:
    void loopback_data()
    {
        QTest::addColumn<QString>("host");
        QTest::addColumn<bool>("loopback");
        QTest::newRow("127.0.0.1") << "127.0.0.1" << true;
        QTest::newRow("127.0.0.2") << "127.0.0.2" << true;
        QTest::newRow("127.255.255.254") << "127.255.255.254" << true;
        QTest::newRow("::1") << "::1" << true;
        QTest::newRow("[::1]") << "[::1]" << true;
        QTest::newRow("localhost is a name") << "localhost" << false;
        QTest::newRow("LOCALHOST is a name") << "LOCALHOST" << false;
        QTest::newRow("ip6-localhost") << "ip6-localhost" << false;
        QTest::newRow("short form 127.1") << "127.1" << false;
        QTest::newRow("localhost.example") << "localhost.example" << false;
        QTest::newRow("name resolving to loopback") << "localtest.me" << false;
        QTest::newRow("128.0.0.1") << "128.0.0.1" << false;
        QTest::newRow("10.0.0.1") << "10.0.0.1" << false;
        QTest::newRow("::ffff:127.0.0.1 mapped") << "::2" << false;
        QTest::newRow("empty") << "" << false;
    }
    void loopback()
    {
        QFETCH(QString, host);
        QFETCH(bool, loopback);
        QCOMPARE(UrlPolicy::isLoopbackLiteral(host), loopback);
    }

    void transport_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<bool>("allowed");
        QTest::newRow("https") << "https://api.github.com/rate_limit" << true;
        QTest::newRow("https prefix") << "https://ghe.example.com/api/v3/rate_limit" << true;
        QTest::newRow("http invalid name (test 6)") << "http://api.example.invalid/" << false;
        QTest::newRow("http loopback literal") << "http://127.0.0.1:8080/" << true;
        QTest::newRow("http ipv6 loopback") << "http://[::1]:8080/" << true;
        QTest::newRow("http localhost (a name)") << "http://localhost:8080/" << false;
        QTest::newRow("http LocalHost (a name)") << "http://LocalHost/" << false;
        QTest::newRow("https localhost") << "https://localhost:8443/" << true;
        QTest::newRow("http public ip") << "http://8.8.8.8/" << false;
        QTest::newRow("ftp") << "ftp://127.0.0.1/" << false;
        QTest::newRow("no host") << "https:///x" << false;
    }
    void transport()
    {
        QFETCH(QString, url);
        QFETCH(bool, allowed);
        QCOMPARE(UrlPolicy::transportError(QUrl(url)).isEmpty(), allowed);
    }

    // A refused http://localhost says what to write instead; other refusals do not mention it.
    void localhostHint()
    {
        const QString e = UrlPolicy::baseUrlError(QStringLiteral("http://localhost:8080"));
        QVERIFY2(e.contains(QStringLiteral("http://127.0.0.1")), qPrintable(e));
        const QString remote = UrlPolicy::baseUrlError(QStringLiteral("http://api.github.com"));
        QVERIFY(!remote.isEmpty());
        QVERIFY2(!remote.contains(QStringLiteral("127.0.0.1")), qPrintable(remote));
    }

    void baseUrl_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<bool>("ok");
        QTest::newRow("plain") << "https://api.github.com" << true;
        QTest::newRow("prefix") << "https://ghe.example.com/api/v3" << true;
        QTest::newRow("userinfo") << "https://user:pw@api.github.com" << false;
        QTest::newRow("query") << "https://api.github.com?token=x" << false;
        QTest::newRow("relative") << "/api" << false;
        QTest::newRow("empty") << "" << false;
        QTest::newRow("http remote") << "http://api.github.com" << false;
    }
    void baseUrl()
    {
        QFETCH(QString, url);
        QFETCH(bool, ok);
        QCOMPARE(UrlPolicy::baseUrlError(url).isEmpty(), ok);
    }

    void sameOrigin_data()
    {
        QTest::addColumn<QString>("a");
        QTest::addColumn<QString>("b");
        QTest::addColumn<bool>("same");
        QTest::newRow("same") << "https://a.example/x" << "https://a.example/y?z" << true;
        QTest::newRow("case") << "https://A.example/x" << "https://a.EXAMPLE/y" << true;
        QTest::newRow("default port") << "https://a.example/x" << "https://a.example:443/y" << true;
        QTest::newRow("other port") << "http://127.0.0.1:1000/" << "http://127.0.0.1:1001/" << false;
        QTest::newRow("other host") << "http://127.0.0.1:1000/" << "http://127.0.0.2:1000/" << false;
        QTest::newRow("localhost vs ip") << "http://127.0.0.1:1000/" << "http://localhost:1000/" << false;
        QTest::newRow("downgrade") << "https://a.example/" << "http://a.example/" << false;
        QTest::newRow("subdomain") << "https://a.example/" << "https://b.a.example/" << false;
    }
    void sameOrigin()
    {
        QFETCH(QString, a);
        QFETCH(QString, b);
        QFETCH(bool, same);
        QCOMPARE(UrlPolicy::sameOrigin(QUrl(a), QUrl(b)), same);
    }

    void cleanToken_data()
    {
        QTest::addColumn<QString>("raw");
        QTest::addColumn<QString>("cleaned"); // empty = rejected
        QTest::newRow("plain") << "ghp_abc" << "ghp_abc";
        QTest::newRow("surrounding whitespace") << "  \tghp_abc \r\n" << "ghp_abc";
        QTest::newRow("embedded LF") << "ghp_a\nX-Evil: 1" << "";
        QTest::newRow("embedded CR") << "ghp_a\rb" << "";
        QTest::newRow("NUL") << QString::fromUtf8("ghp_a\0b", 7) << "";
        QTest::newRow("non-ASCII") << QString::fromUtf8("ghp_\xc3\xa9") << "";
        QTest::newRow("DEL") << "ghp_a\x7f" << "";
        QTest::newRow("inner space") << "ghp a" << "";
        QTest::newRow("empty") << "   " << "";
    }
    void cleanToken()
    {
        QFETCH(QString, raw);
        QFETCH(QString, cleaned);
        QString out;
        const QString err = RequestFactory::cleanToken(raw, &out);
        QCOMPARE(err.isEmpty(), !cleaned.isEmpty());
        if (!cleaned.isEmpty())
            QCOMPARE(out, cleaned);
        QVERIFY(!err.contains(raw.trimmed()) || raw.trimmed().isEmpty());
    }

    void authHeader_data()
    {
        QTest::addColumn<int>("scheme");
        QTest::addColumn<QByteArray>("name");
        QTest::addColumn<QByteArray>("value");
        QTest::newRow("bearer") << int(AuthScheme::Bearer) << QByteArray("Authorization") << QByteArray("Bearer T0K");
        QTest::newRow("basic") << int(AuthScheme::Basic) << QByteArray("Authorization")
                               << QByteArray("Basic " + QByteArray("me:T0K").toBase64());
        QTest::newRow("private") << int(AuthScheme::PrivateToken) << QByteArray("PRIVATE-TOKEN") << QByteArray("T0K");
        QTest::newRow("shopify") << int(AuthScheme::ShopifyToken) << QByteArray("X-Shopify-Access-Token")
                                 << QByteArray("T0K");
        QTest::newRow("bot") << int(AuthScheme::BotToken) << QByteArray("Authorization") << QByteArray("Bot T0K");
        QTest::newRow("none") << int(AuthScheme::None) << QByteArray() << QByteArray();
    }
    void authHeader()
    {
        QFETCH(int, scheme);
        QFETCH(QByteArray, name);
        QFETCH(QByteArray, value);
        const auto h = RequestFactory::authHeader(AuthScheme(scheme), QStringLiteral("me"), QStringLiteral("T0K"));
        QCOMPARE(h.first, name);
        QCOMPARE(h.second, value);
    }

    void buildAttachesCredentialOnlyToOrigin()
    {
        Account a;
        a.auth = AuthScheme::Bearer;
        const QUrl origin(QStringLiteral("https://api.example.com/x"));
        ProbeOptions o;
        QNetworkRequest same = RequestFactory::build(QUrl(QStringLiteral("https://api.example.com/y")), origin, a,
                                                     QStringLiteral("T0K"), o);
        QCOMPARE(same.rawHeader("Authorization"), QByteArray("Bearer T0K"));
        QCOMPARE(same.attribute(QNetworkRequest::RedirectPolicyAttribute).toInt(),
                 int(QNetworkRequest::ManualRedirectPolicy));
        QVERIFY(same.transferTimeout() > 0);
        QNetworkRequest other = RequestFactory::build(QUrl(QStringLiteral("https://evil.example.com/y")), origin, a,
                                                      QStringLiteral("T0K"), o);
        QVERIFY(!other.hasRawHeader("Authorization"));
        QNetworkRequest bad = RequestFactory::build(origin, origin, a, QStringLiteral("T0K\r\nX: y"), o);
        QVERIFY(!bad.hasRawHeader("Authorization"));
    }

    void probeUrl_data()
    {
        QTest::addColumn<QString>("preset");
        QTest::addColumn<QString>("base");
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("expected"); // empty = refused
        QTest::newRow("github") << "github" << "" << "" << "https://api.github.com/rate_limit";
        QTest::newRow("ghes prefix") << "github" << "https://ghe.example.com/api/v3" << ""
                                     << "https://ghe.example.com/api/v3/rate_limit";
        QTest::newRow("ghes prefix slash") << "github" << "https://ghe.example.com/api/v3/" << ""
                                           << "https://ghe.example.com/api/v3/rate_limit";
        QTest::newRow("override") << "generic" << "https://api.example.com" << "/v1/me"
                                  << "https://api.example.com/v1/me";
        QTest::newRow("generic default path") << "generic" << "https://api.example.com" << "" << "https://api.example.com/";
        QTest::newRow("slack has no probe") << "slack" << "" << "" << "";
        QTest::newRow("plain http remote") << "github" << "http://api.example.invalid" << "" << "";
    }
    void probeUrl()
    {
        QFETCH(QString, preset);
        QFETCH(QString, base);
        QFETCH(QString, path);
        QFETCH(QString, expected);
        const Preset *p = Preset::find(preset);
        QVERIFY(p);
        Account a;
        a.presetId = preset;
        a.baseUrl = base;
        a.probePath = path;
        QString err;
        const auto url = RequestFactory::probeUrl(a, *p, &err);
        QCOMPARE(url.has_value(), !expected.isEmpty());
        if (url)
            QCOMPARE(url->toString(), expected);
        else
            QVERIFY(!err.isEmpty());
    }

    void probeUrlParams()
    {
        const Preset *p = Preset::find(QStringLiteral("bitbucket"));
        QVERIFY(p);
        QVERIFY(p->probePath.contains(u'{'));
        Account a;
        a.presetId = p->id;
        for (const QString &k : p->params)
            a.params.insert(k, k == u"repo" ? QStringLiteral("my repo/x") : QStringLiteral("ws"));
        QString err;
        const auto url = RequestFactory::probeUrl(a, *p, &err);
        QVERIFY2(url, qPrintable(err));
        QVERIFY(!url->toString(QUrl::FullyEncoded).contains(u'{'));
        QVERIFY(url->toString(QUrl::FullyEncoded).contains(QStringLiteral("my%20repo%2Fx")) || !p->params.contains(QStringLiteral("repo")));
        a.params.clear();
        QVERIFY(!RequestFactory::probeUrl(a, *p, &err));
    }
};

QTEST_GUILESS_MAIN(TestUrlPolicy)
#include "tst_urlpolicy.moc"
