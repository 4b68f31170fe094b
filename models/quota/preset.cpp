#include "preset.h"

#include <QCoreApplication>
#include <QUrl>

namespace {

// The context of the table's strings; existing translations are filed under "Preset".
class PresetText
{
    Q_DECLARE_TR_FUNCTIONS(Preset)
};

struct AuthName
{
    AuthScheme scheme;
    const char *id;
};

constexpr AuthName kAuthNames[] = {
    {AuthScheme::Bearer, "bearer"},         {AuthScheme::Basic, "basic"},
    {AuthScheme::PrivateToken, "private-token"}, {AuthScheme::ShopifyToken, "shopify-token"},
    {AuthScheme::BotToken, "bot"},          {AuthScheme::None, "none"},
    {AuthScheme::XApiKey, "x-api-key"},     {AuthScheme::Ssws, "ssws"},
    {AuthScheme::ApiKey, "api-key"},
};

// One row per provider. Text columns are translated when the table is built.
struct Row
{
    const char *id;
    const char *displayName;
    const char *baseUrl;
    const char *method; // empty: nothing reveals quota
    const char *path;
    std::initializer_list<const char *> params;
    AuthScheme auth;
    std::initializer_list<AuthScheme> options;
    bool free;
    int cost;
    qint64 windowS;
    HeaderDialect dialect;
    const char *notes;
};

using A = AuthScheme;
using D = HeaderDialect;

// clang-format off
const Row kRows[] = {
    {"github", QT_TRANSLATE_NOOP("Preset", "GitHub"), "https://api.github.com", "GET", "/rate_limit", {},
     A::Bearer, {A::None}, true, 0, 3600, D::GitHub,
     QT_TRANSLATE_NOOP("Preset", "GET /rate_limit is free for the primary limit and reports every resource (core, search, graphql, ...).")},
    {"gitlab", QT_TRANSLATE_NOOP("Preset", "GitLab"), "https://gitlab.com", "GET", "/api/v4/version", {},
     A::Bearer, {A::PrivateToken}, false, 1, 60, D::GitLab,
     QT_TRANSLATE_NOOP("Preset", "Costs one request; self-managed instances have throttles off by default, and older versions send headers only on 429.")},
    {"bitbucket", QT_TRANSLATE_NOOP("Preset", "Bitbucket Cloud"), "https://api.bitbucket.org", "GET",
     "/2.0/repositories/{workspace}/{repo}?fields=slug", {"workspace", "repo"},
     A::Bearer, {A::Basic}, false, 1, 3600, D::Bitbucket,
     QT_TRANSLATE_NOOP("Preset", "Only repository, project or workspace access tokens get headers: the limit and a near-limit flag, no remaining.")},
    {"buildkite", QT_TRANSLATE_NOOP("Preset", "Buildkite"), "https://api.buildkite.com", "GET", "/v2/access-token", {},
     A::Bearer, {}, false, 1, 60, D::Buildkite,
     QT_TRANSLATE_NOOP("Preset", "200 requests per minute shared by the whole organization; the probe is assumed to count.")},
    {"ietf", QT_TRANSLATE_NOOP("Preset", "IETF RateLimit fields"), "", "GET", "/", {},
     A::Bearer, {A::None, A::Basic}, false, 1, 0, D::Ietf,
     QT_TRANSLATE_NOOP("Preset", "Any API speaking draft-ietf-httpapi-ratelimit-headers; set a probe path that returns the fields.")},
    {"atlassian", QT_TRANSLATE_NOOP("Preset", "Atlassian Jira/Confluence Cloud"), "", "GET", "/rest/api/3/myself", {},
     A::Basic, {A::Bearer}, false, 1, 3600, D::Atlassian,
     QT_TRANSLATE_NOOP("Preset", "Costs at least one point; Beta-* fields are advisory and not shown as quotas.")},
    {"atlassian-dc", QT_TRANSLATE_NOOP("Preset", "Atlassian Data Center"), "", "GET", "/rest/api/2/myself", {},
     A::Bearer, {A::Basic}, false, 1, 0, D::AtlassianDc,
     QT_TRANSLATE_NOOP("Preset", "Token bucket: limit is the bucket size; retry-after is 0 while tokens remain.")},
    {"shopify", QT_TRANSLATE_NOOP("Preset", "Shopify REST Admin"), "", "GET", "/admin/api/{version}/shop.json", {"version"},
     A::ShopifyToken, {}, false, 1, 20, D::Shopify,
     QT_TRANSLATE_NOOP("Preset", "Leaky bucket: the probe takes one slot; the base URL is https://<shop>.myshopify.com.")},
    {"slack", QT_TRANSLATE_NOOP("Preset", "Slack Web API"), "https://slack.com/api", "", "", {},
     A::Bearer, {}, false, 0, 60, D::Slack,
     QT_TRANSLATE_NOOP("Preset", "Slack sends no quota headers: only 429s and Retry-After are recorded.")},
    {"discord", QT_TRANSLATE_NOOP("Preset", "Discord"), "https://discord.com/api/v10", "GET", "/users/@me", {},
     A::BotToken, {A::Bearer}, false, 1, 0, D::Discord,
     QT_TRANSLATE_NOOP("Preset", "Shows the route bucket of /users/@me; the global limit is 50 requests/s per bot.")},
    {"openai", QT_TRANSLATE_NOOP("Preset", "OpenAI"), "https://api.openai.com", "GET", "/v1/models", {},
     A::Bearer, {}, false, 1, 60, D::OpenAi,
     QT_TRANSLATE_NOOP("Preset", "Headers are confirmed only on inference responses; that /v1/models returns them is unconfirmed.")},
    {"anthropic", QT_TRANSLATE_NOOP("Preset", "Anthropic"), "https://api.anthropic.com", "GET", "/v1/models", {},
     A::XApiKey, {}, false, 1, 60, D::Anthropic,
     QT_TRANSLATE_NOOP("Preset", "Headers are confirmed only on messages; that /v1/models returns them is unconfirmed.")},
    {"azure", QT_TRANSLATE_NOOP("Preset", "Azure Resource Manager"), "https://management.azure.com", "GET",
     "/subscriptions/{subscription}?api-version=2022-12-01", {"subscription"},
     A::Bearer, {}, false, 1, 0, D::Azure,
     QT_TRANSLATE_NOOP("Preset", "Remaining counts only (no limit, no reset); a read shows read tokens, writes only on writes.")},
    {"azure-openai", QT_TRANSLATE_NOOP("Preset", "Azure OpenAI"), "", "GET", "/openai/models?api-version=2024-10-21", {},
     A::ApiKey, {A::Bearer}, false, 1, 60, D::AzureOpenAi,
     QT_TRANSLATE_NOOP("Preset", "The base URL is https://<resource>.openai.azure.com; -1 means the value is unavailable.")},
    {"cloudflare", QT_TRANSLATE_NOOP("Preset", "Cloudflare API"), "https://api.cloudflare.com", "GET",
     "/client/v4/user/tokens/verify", {}, A::Bearer, {}, false, 1, 300, D::Cloudflare,
     QT_TRANSLATE_NOOP("Preset", "1,200 requests per 5 minutes shared with dashboard use; exceeding blocks all calls for 5 minutes.")},
    {"okta", QT_TRANSLATE_NOOP("Preset", "Okta"), "", "GET", "/api/v1/users/me", {},
     A::Ssws, {A::Bearer}, false, 1, 60, D::Okta,
     QT_TRANSLATE_NOOP("Preset", "The headers describe only the bucket of the endpoint called; pick the probe path accordingly.")},
    {"zendesk", QT_TRANSLATE_NOOP("Preset", "Zendesk"), "", "GET", "/api/v2/users/me.json", {},
     A::Basic, {A::Bearer}, false, 1, 60, D::Zendesk,
     QT_TRANSLATE_NOOP("Preset", "Account limit per minute, plus per-endpoint families on list endpoints.")},
    {"x", QT_TRANSLATE_NOOP("Preset", "X (Twitter) API v2"), "https://api.x.com", "GET", "/2/users/me", {},
     A::Bearer, {}, false, 1, 900, D::X,
     QT_TRANSLATE_NOOP("Preset", "Per-endpoint 15-minute windows; 24-hour app and user caps appear as their own quotas.")},
    {"stripe", QT_TRANSLATE_NOOP("Preset", "Stripe"), "https://api.stripe.com", "", "", {},
     A::Bearer, {}, false, 0, 1, D::Stripe,
     QT_TRANSLATE_NOOP("Preset", "Stripe sends no quota headers: only 429s and their reason are recorded.")},
    {"launchdarkly", QT_TRANSLATE_NOOP("Preset", "LaunchDarkly"), "https://app.launchdarkly.com", "", "", {},
     A::Bearer, {}, false, 0, 10, D::LaunchDarkly,
     QT_TRANSLATE_NOOP("Preset", "Global and route remaining over 10-second windows; no dedicated probe is known.")},
    {"generic", QT_TRANSLATE_NOOP("Preset", "Other API"), "", "GET", "/", {},
     A::Bearer, {A::None, A::Basic, A::PrivateToken, A::ShopifyToken, A::BotToken, A::XApiKey, A::Ssws, A::ApiKey}, false, 1, 0,
     D::Generic,
     QT_TRANSLATE_NOOP("Preset", "Detects the dialect from the headers themselves; set a probe path that returns them.")},
};

// Limits the providers document for the quota each probe spends, with where they say so. Only
// figures a provider states for every account of the kind the preset probes are listed; a
// response's own limit always wins.
struct Documented
{
    const char *id;
    qint64 limit;
    qint64 windowS;
    const char *resource;
    const char *host; // empty: any host
};

const Documented kDocumented[] = {
    // GitHub docs, "Rate limits for the REST API": 5,000 requests an hour per user token on
    // github.com; Enterprise Server limits are the administrator's.
    {"github", 5000, 3600, "core", "api.github.com"},
    // GitLab docs, "GitLab.com settings: rate limits": 2,000 authenticated API requests a
    // minute per user. Self-managed throttles are off by default and set by the administrator.
    {"gitlab", 2000, 60, "throttle_authenticated_api", "gitlab.com"},
    // Bitbucket Cloud docs, "API request limits": 1,000 requests an hour (rolling) per user,
    // API token or OAuth consumer; access tokens are scaled up to 10,000 and report theirs in
    // X-RateLimit-Limit.
    {"bitbucket", 1000, 3600, "api", ""},
    // Buildkite docs, "REST API rate limits": 200 requests a minute per organization.
    {"buildkite", 200, 60, "organization", ""},
    // Shopify docs, "REST Admin API rate limits": a bucket of 40 requests leaking 2 a second
    // (Standard plan), so 40 requests per 20 s at most.
    {"shopify", 40, 20, "api-call-limit", ""},
    // Discord docs, "Rate Limits": 50 requests a second per bot (the global limit).
    {"discord", 50, 1, "global", ""},
    // Cloudflare docs, "API rate limits": 1,200 requests per 5 minutes per user or token.
    {"cloudflare", 1200, 300, "default", ""},
};

// Why a provider's response may carry no rate-limit fields, one sentence each.
struct NoHeaders
{
    const char *id;
    const char *reason;
};

const NoHeaders kNoHeaders[] = {
    {"bitbucket", QT_TRANSLATE_NOOP("Preset", "Bitbucket sends no rate-limit headers to user tokens, app passwords or OAuth consumers; only repository, project and workspace access tokens report their limit.")},
    {"gitlab", QT_TRANSLATE_NOOP("Preset", "GitLab sends rate-limit headers only when the throttles are enabled, and older versions only on refused (429) responses.")},
    {"atlassian", QT_TRANSLATE_NOOP("Preset", "Atlassian Cloud sends rate-limit headers mostly near or over a limit; API-token traffic has burst limits only.")},
    {"slack", QT_TRANSLATE_NOOP("Preset", "Slack sends no quota headers; only refused (429) responses and their Retry-After tell about its limits.")},
    {"stripe", QT_TRANSLATE_NOOP("Preset", "Stripe sends no quota headers; only refused (429) responses tell about its limits.")},
    {"openai", QT_TRANSLATE_NOOP("Preset", "OpenAI is known to send rate-limit headers on inference responses only; this probe endpoint may carry none.")},
    {"anthropic", QT_TRANSLATE_NOOP("Preset", "Anthropic is known to send rate-limit headers on message responses; this probe endpoint may carry none.")},
    {"azure", QT_TRANSLATE_NOOP("Preset", "Azure Resource Manager reports remaining reads on read requests only, never a limit or a reset.")},
    {"okta", QT_TRANSLATE_NOOP("Preset", "Okta reports only the bucket of the endpoint called; this endpoint sent no rate-limit headers.")},
    {"launchdarkly", QT_TRANSLATE_NOOP("Preset", "LaunchDarkly sends rate-limit headers on limited routes only.")},
};

// Fields an API requires on every request besides the credential.
struct ExtraHeader
{
    const char *id;
    const char *name;
    const char *value;
};

const ExtraHeader kExtraHeaders[] = {
    // Anthropic docs, "Versions": every request names the API version.
    {"anthropic", "anthropic-version", "2023-06-01"},
};
// clang-format on

QList<Preset> buildTable()
{
    QList<Preset> table;
    table.reserve(int(std::size(kRows)));
    for (const Row &r : kRows) {
        Preset p;
        p.id = QString::fromLatin1(r.id);
        p.displayName = PresetText::tr(r.displayName);
        p.defaultBaseUrl = QString::fromLatin1(r.baseUrl);
        p.probeMethod = QString::fromLatin1(r.method);
        p.probePath = QString::fromLatin1(r.path);
        for (const char *param : r.params)
            p.params.append(QString::fromLatin1(param));
        p.auth = r.auth;
        for (AuthScheme s : r.options)
            p.authOptions.append(s);
        p.freeProbe = r.free;
        p.probeCost = r.cost;
        p.defaultWindowS = r.windowS;
        p.dialect = r.dialect;
        p.notes = PresetText::tr(r.notes);
        for (const Documented &d : kDocumented) {
            if (p.id == QLatin1StringView(d.id)) {
                p.documentedLimit = d.limit;
                p.documentedWindowS = d.windowS;
                p.documentedResource = QString::fromLatin1(d.resource);
                p.documentedHost = QString::fromLatin1(d.host);
            }
        }
        for (const NoHeaders &n : kNoHeaders) {
            if (p.id == QLatin1StringView(n.id))
                p.noHeadersReason = PresetText::tr(n.reason);
        }
        for (const ExtraHeader &h : kExtraHeaders) {
            if (p.id == QLatin1StringView(h.id))
                p.extraHeaders.append({QByteArray(h.name), QByteArray(h.value)});
        }
        table.append(p);
    }
    return table;
}

} // namespace

QString authSchemeId(AuthScheme s)
{
    for (const AuthName &n : kAuthNames) {
        if (n.scheme == s)
            return QString::fromLatin1(n.id);
    }
    return {};
}

std::optional<AuthScheme> authSchemeFromId(const QString &id)
{
    for (const AuthName &n : kAuthNames) {
        if (id == QLatin1String(n.id))
            return n.scheme;
    }
    return std::nullopt;
}

const QList<Preset> &Preset::all()
{
    static const QList<Preset> table = buildTable();
    return table;
}

std::optional<qint64> Preset::documentedLimitFor(const QString &baseUrl) const
{
    if (!documentedLimit || documentedWindowS <= 0)
        return std::nullopt;
    if (!documentedHost.isEmpty()) {
        const QString host = QUrl(baseUrl.isEmpty() ? defaultBaseUrl : baseUrl).host().toLower();
        if (host != documentedHost)
            return std::nullopt;
    }
    return documentedLimit;
}

const Preset *Preset::find(const QString &id)
{
    for (const Preset &p : all()) {
        if (p.id == id)
            return &p;
    }
    return nullptr;
}

QStringList Preset::ids()
{
    QStringList out;
    for (const Preset &p : all())
        out.append(p.id);
    return out;
}
