#pragma once

#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

enum class AuthScheme {
    Bearer,        // Authorization: Bearer <token>
    Basic,         // Authorization: Basic base64(user:token) (Bitbucket app passwords)
    PrivateToken,  // PRIVATE-TOKEN: <token> (GitLab)
    ShopifyToken,  // X-Shopify-Access-Token: <token>
    BotToken,      // Authorization: Bot <token> (Discord)
    None,
};

QString authSchemeId(AuthScheme s);
std::optional<AuthScheme> authSchemeFromId(const QString &id);

// Which header dialect HeaderEngine applies, one per provider family.
enum class HeaderDialect {
    GitHub, GitLab, Bitbucket, Buildkite, Ietf, Atlassian, AtlassianDc, Shopify, Slack, Discord,
    OpenAi, Anthropic, Azure, AzureOpenAi, Cloudflare, Okta, Zendesk, X, Stripe, LaunchDarkly, Generic,
};

// One provider: how to probe it and how to read its headers. Adding a provider is adding a
// row to the table in preset.cpp plus its test rows.
struct Preset
{
    QString id;             // e.g. "github"
    QString displayName;    // e.g. "GitHub"
    QString defaultBaseUrl; // e.g. "https://api.github.com"; empty when the user must give one
    QString probeMethod;    // "GET" or "HEAD"; empty when nothing reveals quota (Slack, Stripe)
    QString probePath;      // may contain {param} placeholders, e.g. "/2.0/repositories/{workspace}/{repo}?fields=slug"
    QStringList params;     // parameter names the probe path needs
    AuthScheme auth = AuthScheme::Bearer;
    QList<AuthScheme> authOptions; // other schemes the provider accepts
    bool freeProbe = false;  // the probe costs no quota (GitHub /rate_limit)
    int probeCost = 1;       // quota units one probe spends
    qint64 defaultWindowS = 0; // scheduling knowledge only; never reported as window_s
    QString notes;           // one line shown in the account editor
    HeaderDialect dialect = HeaderDialect::Generic;

    static const QList<Preset> &all();
    static const Preset *find(const QString &id);
    static QStringList ids();
};
