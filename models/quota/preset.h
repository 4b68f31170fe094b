#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>

#include <optional>

enum class AuthScheme {
    Bearer,        // Authorization: Bearer <token>
    Basic,         // Authorization: Basic base64(user:token) (Bitbucket app passwords)
    PrivateToken,  // PRIVATE-TOKEN: <token> (GitLab)
    ShopifyToken,  // X-Shopify-Access-Token: <token>
    BotToken,      // Authorization: Bot <token> (Discord)
    XApiKey,       // x-api-key: <token> (Anthropic)
    Ssws,          // Authorization: SSWS <token> (Okta API tokens)
    ApiKey,        // api-key: <key> (Azure OpenAI resource keys; Entra ID tokens go as Bearer)
    None,          // last: lists of schemes run up to it; stored and typed as ids, never numbers
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
    // Fields the API needs on every request besides the credential (Anthropic's
    // anthropic-version). Never secret.
    QList<QPair<QByteArray, QByteArray>> extraHeaders;

    // The limit the provider's documentation gives for the quota the probe spends, used when a
    // response reports none: shown with limit_source "documented" and used for the probe
    // budget, never stored or shown as a measured figure.
    std::optional<qint64> documentedLimit;
    qint64 documentedWindowS = 0;  // the window the documented limit is counted over
    QString documentedResource;    // the quota's resource name when the response names none
    // Non-empty: the documented limit holds only for this host (GitLab.com, not self-managed).
    QString documentedHost;
    // Why a response of this provider may carry no rate-limit fields, in one sentence
    // (translated); empty when nothing specific is known.
    QString noHeadersReason;

    // The documented limit for an account on `baseUrl` (empty: the default base URL), or nothing.
    std::optional<qint64> documentedLimitFor(const QString &baseUrl) const;

    static const QList<Preset> &all();
    static const Preset *find(const QString &id);
    static QStringList ids();
};
