#include "cannedserver.h"

#include "probe/probeclient.h"

#include <QtTest>

using Headers = QList<QPair<QByteArray, QByteArray>>;
Q_DECLARE_METATYPE(Headers)

// Every preset's probe, as a real loopback server receives it from ProbeClient: the request line
// and the credential and extra fields each provider's API requires. The expectations are written
// out per provider, not derived from the preset table, so a wrong table row fails here.
class TestPresetRequests : public QObject
{
    Q_OBJECT

    static constexpr const char *kToken = "T0K-secret-42";

    static QByteArray basic(const char *user) { return "Basic " + QByteArray(QByteArray(user) + ':' + kToken).toBase64(); }

private slots:
    void everyPreset_data()
    {
        QTest::addColumn<QString>("preset");
        QTest::addColumn<QString>("auth");       // empty: the preset's default scheme
        QTest::addColumn<QString>("user");
        QTest::addColumn<QByteArray>("requestLine"); // method and target; empty: no request at all
        QTest::addColumn<Headers>("expected");       // fields that must arrive, exactly
        QTest::addColumn<QByteArrayList>("absent");  // fields that must not arrive

        const QByteArray bearer = QByteArray("Bearer ") + kToken;
        const QByteArrayList noAuth{"Authorization"};
        const QByteArrayList noOther{"x-api-key", "PRIVATE-TOKEN", "X-Shopify-Access-Token"};
        auto row = [](const char *name) -> QTestData & { return QTest::newRow(name); };

        // GitHub: Authorization: Bearer; GET /rate_limit is free for the primary limit.
        row("github") << "github" << "" << "" << QByteArray("GET /rate_limit")
                      << Headers{{"Authorization", bearer}} << noOther;
        // GitLab: PRIVATE-TOKEN or Authorization: Bearer; GET /api/v4/version.
        row("gitlab") << "gitlab" << "" << "" << QByteArray("GET /api/v4/version")
                      << Headers{{"Authorization", bearer}} << noOther;
        row("gitlab private-token") << "gitlab" << "private-token" << "" << QByteArray("GET /api/v4/version")
                                    << Headers{{"PRIVATE-TOKEN", kToken}} << noAuth;
        // Bitbucket: an access token as Bearer; an app password as Basic user:password.
        row("bitbucket") << "bitbucket" << "" << "" << QByteArray("GET /2.0/repositories/acme/web%20app?fields=slug")
                         << Headers{{"Authorization", bearer}} << noOther;
        row("bitbucket app password") << "bitbucket" << "basic" << "jane" << QByteArray("GET /2.0/repositories/acme/web%20app?fields=slug")
                                      << Headers{{"Authorization", basic("jane")}} << noOther;
        // Buildkite: Bearer; GET /v2/access-token.
        row("buildkite") << "buildkite" << "" << "" << QByteArray("GET /v2/access-token")
                         << Headers{{"Authorization", bearer}} << noOther;
        row("ietf") << "ietf" << "" << "" << QByteArray("GET /") << Headers{{"Authorization", bearer}} << noOther;
        // Atlassian Cloud: Basic email:API token; GET /rest/api/3/myself.
        row("atlassian") << "atlassian" << "" << "me@example.com" << QByteArray("GET /rest/api/3/myself")
                         << Headers{{"Authorization", basic("me@example.com")}} << noOther;
        // Atlassian Data Center: a personal access token as Bearer; GET /rest/api/2/myself.
        row("atlassian-dc") << "atlassian-dc" << "" << "" << QByteArray("GET /rest/api/2/myself")
                            << Headers{{"Authorization", bearer}} << noOther;
        // Shopify: X-Shopify-Access-Token; GET /admin/api/<version>/shop.json.
        row("shopify") << "shopify" << "" << "" << QByteArray("GET /admin/api/2024-10/shop.json")
                       << Headers{{"X-Shopify-Access-Token", kToken}} << noAuth;
        // Slack, Stripe, LaunchDarkly: nothing to probe, so nothing is sent.
        row("slack") << "slack" << "" << "" << QByteArray() << Headers{} << QByteArrayList{};
        // Discord: a bot token, Authorization: Bot; GET /users/@me.
        row("discord") << "discord" << "" << "" << QByteArray("GET /users/@me")
                       << Headers{{"Authorization", QByteArray("Bot ") + kToken}} << noOther;
        row("openai") << "openai" << "" << "" << QByteArray("GET /v1/models") << Headers{{"Authorization", bearer}}
                      << noOther;
        // Anthropic: x-api-key and anthropic-version, never an Authorization field.
        row("anthropic") << "anthropic" << "" << "" << QByteArray("GET /v1/models")
                         << Headers{{"x-api-key", kToken}, {"anthropic-version", "2023-06-01"}} << noAuth;
        // Azure Resource Manager: Bearer; the api-version query is required.
        row("azure") << "azure" << "" << "" << QByteArray("GET /subscriptions/0000-sub?api-version=2022-12-01")
                     << Headers{{"Authorization", bearer}} << noOther;
        // Azure OpenAI: a resource key as api-key; a Microsoft Entra ID token as Bearer.
        row("azure-openai") << "azure-openai" << "" << "" << QByteArray("GET /openai/models?api-version=2024-10-21")
                            << Headers{{"api-key", kToken}} << noAuth;
        row("azure-openai entra") << "azure-openai" << "bearer" << "" << QByteArray("GET /openai/models?api-version=2024-10-21")
                                  << Headers{{"Authorization", bearer}} << noOther;
        // Cloudflare: Bearer; GET /client/v4/user/tokens/verify.
        row("cloudflare") << "cloudflare" << "" << "" << QByteArray("GET /client/v4/user/tokens/verify")
                          << Headers{{"Authorization", bearer}} << noOther;
        // Okta: an API token as Authorization: SSWS; an OAuth access token as Bearer.
        row("okta") << "okta" << "" << "" << QByteArray("GET /api/v1/users/me")
                    << Headers{{"Authorization", QByteArray("SSWS ") + kToken}} << noOther;
        row("okta oauth") << "okta" << "bearer" << "" << QByteArray("GET /api/v1/users/me")
                          << Headers{{"Authorization", bearer}} << noOther;
        // Zendesk: Basic {email}/token:{token}; GET /api/v2/users/me.json.
        row("zendesk") << "zendesk" << "" << "me@example.com/token" << QByteArray("GET /api/v2/users/me.json")
                       << Headers{{"Authorization", basic("me@example.com/token")}} << noOther;
        row("x") << "x" << "" << "" << QByteArray("GET /2/users/me") << Headers{{"Authorization", bearer}} << noOther;
        row("stripe") << "stripe" << "" << "" << QByteArray() << Headers{} << QByteArrayList{};
        row("launchdarkly") << "launchdarkly" << "" << "" << QByteArray() << Headers{} << QByteArrayList{};
        row("generic") << "generic" << "" << "" << QByteArray("GET /") << Headers{{"Authorization", bearer}} << noOther;
    }
    void everyPreset()
    {
        QFETCH(QString, preset);
        QFETCH(QString, auth);
        QFETCH(QString, user);
        QFETCH(QByteArray, requestLine);
        QFETCH(Headers, expected);
        QFETCH(QByteArrayList, absent);
        const Preset *p = Preset::find(preset);
        QVERIFY(p);
        CannedServer server;
        QVERIFY(server.listen());
        Account a;
        a.id = QStringLiteral("acct-") + preset;
        a.name = a.id;
        a.presetId = preset;
        a.baseUrl = server.baseUrl();
        a.auth = auth.isEmpty() ? p->auth : *authSchemeFromId(auth);
        a.username = user;
        a.params = {{QStringLiteral("workspace"), QStringLiteral("acme")},
                    {QStringLiteral("repo"), QStringLiteral("web app")},
                    {QStringLiteral("version"), QStringLiteral("2024-10")},
                    {QStringLiteral("subscription"), QStringLiteral("0000-sub")}};
        ProbeClient client;
        ProbeJob *job = client.probe(a, QString::fromLatin1(kToken));
        QSignalSpy spy(job, &ProbeJob::finished);
        QVERIFY(spy.wait(10000));
        const ProbeResult r = spy.first().first().value<ProbeResult>();
        if (requestLine.isEmpty()) {
            QVERIFY(server.requests().isEmpty());
            QCOMPARE(r.state, AccountState::Error);
            QVERIFY(!r.error.isEmpty());
            return;
        }
        QCOMPARE(server.requests().size(), 1);
        const CannedServer::Request &req = server.requests().first();
        QCOMPARE(req.method + ' ' + req.target, requestLine);
        for (const auto &[name, value] : expected)
            QCOMPARE(req.values(name), QList<QByteArray>{value});
        for (const QByteArray &name : absent)
            QVERIFY2(req.values(name).isEmpty(), name.constData());
        // The token travels in exactly one field, and only as the scheme puts it.
        int carrying = 0;
        for (const auto &h : req.headers)
            if (h.second.contains(kToken) || h.second.contains(QByteArray(kToken).toBase64().left(12)) || h.first == "Authorization")
                ++carrying;
        QCOMPARE(carrying, 1);
        QCOMPARE(req.value("Accept"), QByteArray("application/json"));
        QVERIFY(req.value("User-Agent").startsWith("Headroom/"));
        QCOMPARE(r.state, AccountState::NoData); // a canned 200 without rate-limit fields
    }

    // A preset's extra fields are no secret, but the credential still stays on its origin.
    void anthropicRedirectKeepsKeyHome()
    {
        CannedServer other;
        QVERIFY(other.listen());
        CannedServer home;
        QVERIFY(home.listen());
        home.setResponse({302, {{"Location", (other.baseUrl() + QStringLiteral("/v1/models")).toLatin1()}}, "{}"});
        Account a;
        a.id = QStringLiteral("a");
        a.presetId = QStringLiteral("anthropic");
        a.baseUrl = home.baseUrl();
        a.auth = AuthScheme::XApiKey;
        ProbeClient client;
        ProbeJob *job = client.probe(a, QString::fromLatin1(kToken));
        QSignalSpy spy(job, &ProbeJob::finished);
        QVERIFY(spy.wait(10000));
        QCOMPARE(home.requests().size(), 1);
        QVERIFY(other.requests().isEmpty()); // another origin (another port) is never contacted
        QCOMPARE(spy.first().first().value<ProbeResult>().state, AccountState::Error);
    }

    // The documented figures, as each provider's documentation states them; every other preset
    // has none (a typo in the table's id would silently drop a row).
    void documentedLimits()
    {
        const QHash<QString, QPair<qint64, qint64>> expected{
            {QStringLiteral("github"), {5000, 3600}},     {QStringLiteral("gitlab"), {2000, 60}},
            {QStringLiteral("bitbucket"), {1000, 3600}},  {QStringLiteral("buildkite"), {200, 60}},
            {QStringLiteral("shopify"), {40, 20}},        {QStringLiteral("discord"), {50, 1}},
            {QStringLiteral("cloudflare"), {1200, 300}},
        };
        for (const Preset &p : Preset::all()) {
            if (!expected.contains(p.id)) {
                QVERIFY2(!p.documentedLimit, qPrintable(p.id));
                continue;
            }
            QCOMPARE(p.documentedLimit, std::optional<qint64>(expected.value(p.id).first));
            QCOMPARE(p.documentedWindowS, expected.value(p.id).second);
            QVERIFY(!p.documentedResource.isEmpty());
        }
        for (const char *id : {"bitbucket", "gitlab", "slack", "stripe", "okta", "azure"})
            QVERIFY2(!Preset::find(QString::fromLatin1(id))->noHeadersReason.isEmpty(), id);
        QCOMPARE(Preset::find(QStringLiteral("anthropic"))->extraHeaders,
                 (QList<QPair<QByteArray, QByteArray>>{{"anthropic-version", "2023-06-01"}}));
    }

    void authSchemeIdsStable()
    {
        // Ids are stored in accounts.json and listed by the CLI: existing ones never change.
        const QList<QPair<AuthScheme, QString>> ids{
            {AuthScheme::Bearer, QStringLiteral("bearer")},        {AuthScheme::Basic, QStringLiteral("basic")},
            {AuthScheme::PrivateToken, QStringLiteral("private-token")}, {AuthScheme::ShopifyToken, QStringLiteral("shopify-token")},
            {AuthScheme::BotToken, QStringLiteral("bot")},          {AuthScheme::None, QStringLiteral("none")},
            {AuthScheme::XApiKey, QStringLiteral("x-api-key")},     {AuthScheme::Ssws, QStringLiteral("ssws")},
            {AuthScheme::ApiKey, QStringLiteral("api-key")},
        };
        for (const auto &[scheme, id] : ids) {
            QCOMPARE(authSchemeId(scheme), id);
            QCOMPARE(authSchemeFromId(id), std::optional<AuthScheme>(scheme));
        }
        // The CLI lists the schemes from the first up to None: None stays last, so none is left out.
        QStringList listed;
        for (int s = 0; s <= int(AuthScheme::None); ++s)
            listed << authSchemeId(AuthScheme(s));
        QCOMPARE(listed.size(), ids.size());
        for (const auto &[scheme, id] : ids)
            QVERIFY(listed.contains(id));
        QCOMPARE(Preset::all().size(), 21);
    }
};

QTEST_GUILESS_MAIN(TestPresetRequests)
#include "tst_presetrequests.moc"
