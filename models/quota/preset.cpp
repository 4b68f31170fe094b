#include "preset.h"

#include <QCoreApplication>

namespace {

struct AuthName
{
    AuthScheme scheme;
    const char *id;
};

constexpr AuthName kAuthNames[] = {
    {AuthScheme::Bearer, "bearer"},         {AuthScheme::Basic, "basic"},
    {AuthScheme::PrivateToken, "private-token"}, {AuthScheme::ShopifyToken, "shopify-token"},
    {AuthScheme::BotToken, "bot"},          {AuthScheme::None, "none"},
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
     A::ShopifyToken, {}, false, 1, 0, D::Shopify,
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
     A::Bearer, {}, false, 1, 60, D::Anthropic,
     QT_TRANSLATE_NOOP("Preset", "Headers are confirmed only on messages; that /v1/models returns them is unconfirmed.")},
    {"azure", QT_TRANSLATE_NOOP("Preset", "Azure Resource Manager"), "https://management.azure.com", "GET",
     "/subscriptions/{subscription}?api-version=2022-12-01", {"subscription"},
     A::Bearer, {}, false, 1, 0, D::Azure,
     QT_TRANSLATE_NOOP("Preset", "Remaining counts only (no limit, no reset); a read shows read tokens, writes only on writes.")},
    {"azure-openai", QT_TRANSLATE_NOOP("Preset", "Azure OpenAI"), "", "GET", "/openai/models?api-version=2024-10-21", {},
     A::Bearer, {}, false, 1, 60, D::AzureOpenAi,
     QT_TRANSLATE_NOOP("Preset", "The base URL is https://<resource>.openai.azure.com; -1 means the value is unavailable.")},
    {"cloudflare", QT_TRANSLATE_NOOP("Preset", "Cloudflare API"), "https://api.cloudflare.com", "GET",
     "/client/v4/user/tokens/verify", {}, A::Bearer, {}, false, 1, 300, D::Cloudflare,
     QT_TRANSLATE_NOOP("Preset", "1,200 requests per 5 minutes shared with dashboard use; exceeding blocks all calls for 5 minutes.")},
    {"okta", QT_TRANSLATE_NOOP("Preset", "Okta"), "", "GET", "/api/v1/users/me", {},
     A::Bearer, {}, false, 1, 60, D::Okta,
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
     A::Bearer, {A::None, A::Basic, A::PrivateToken, A::ShopifyToken, A::BotToken}, false, 1, 0, D::Generic,
     QT_TRANSLATE_NOOP("Preset", "Detects the dialect from the headers themselves; set a probe path that returns them.")},
};
// clang-format on

QList<Preset> buildTable()
{
    QList<Preset> table;
    table.reserve(int(std::size(kRows)));
    for (const Row &r : kRows) {
        Preset p;
        p.id = QString::fromLatin1(r.id);
        p.displayName = QCoreApplication::translate("Preset", r.displayName);
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
        p.notes = QCoreApplication::translate("Preset", r.notes);
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
