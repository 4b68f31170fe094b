#include "headerengine.h"

#include "atlassianreader.h"
#include "githubreader.h"
#include "gitlabreader.h"
#include "headerreader.h"
#include "ietfreader.h"
#include "vendorreaders.h"

#include <algorithm>
#include <cstdlib>
#include <tuple>


#include <span>

namespace {

// ---- The simple dialects: families of fields, one row each.

constexpr Family kBitbucket[] = {{
    .limit = "X-RateLimit-Limit",
    .resource = "X-RateLimit-Resource",
    .nearLimit = "X-RateLimit-NearLimit",
}};

constexpr Family kBuildkite[] = {{
    .limit = "RateLimit-Limit",
    .remaining = "RateLimit-Remaining",
    .reset = "RateLimit-Reset",
    .resetParser = ResetFormat::deltaS,
    .resource = "RateLimit-Scope",
    // Buildkite: a 429 waits until the window resets.
    .refusalWait = RefusalWait::UnlessRemaining,
}};

constexpr Family kAtlassianDc[] = {{
    .limit = "X-RateLimit-Limit",
    .remaining = "X-RateLimit-Remaining",
}};

// One quota per dimension, each with its unit: requests are never compared with tokens.
constexpr Family kOpenAi[] = {
    {.limit = "x-ratelimit-limit-requests", .remaining = "x-ratelimit-remaining-requests",
     .reset = "x-ratelimit-reset-requests", .resetParser = ResetFormat::duration,
     .fixedResource = "requests", .unit = "requests"},
    {.limit = "x-ratelimit-limit-tokens", .remaining = "x-ratelimit-remaining-tokens",
     .reset = "x-ratelimit-reset-tokens", .resetParser = ResetFormat::duration,
     .fixedResource = "tokens", .unit = "tokens"},
    {.limit = "x-ratelimit-limit-input-tokens", .remaining = "x-ratelimit-remaining-input-tokens",
     .reset = "x-ratelimit-reset-input-tokens", .resetParser = ResetFormat::duration,
     .fixedResource = "input-tokens", .unit = "tokens"},
    {.limit = "x-ratelimit-limit-output-tokens", .remaining = "x-ratelimit-remaining-output-tokens",
     .reset = "x-ratelimit-reset-output-tokens", .resetParser = ResetFormat::duration,
     .fixedResource = "output-tokens", .unit = "tokens"},
    {.limit = "x-ratelimit-limit-tokens_usage_based", .remaining = "x-ratelimit-remaining-tokens_usage_based",
     .reset = "x-ratelimit-reset-tokens_usage_based", .resetParser = ResetFormat::duration,
     .fixedResource = "tokens_usage_based", .unit = "tokens"},
};

constexpr Family kAnthropic[] = {
    {.limit = "anthropic-ratelimit-requests-limit", .remaining = "anthropic-ratelimit-requests-remaining",
     .reset = "anthropic-ratelimit-requests-reset", .resetParser = ResetFormat::rfc3339,
     .fixedResource = "requests", .unit = "requests"},
    {.limit = "anthropic-ratelimit-tokens-limit", .remaining = "anthropic-ratelimit-tokens-remaining",
     .reset = "anthropic-ratelimit-tokens-reset", .resetParser = ResetFormat::rfc3339,
     .fixedResource = "tokens", .unit = "tokens"},
    {.limit = "anthropic-ratelimit-input-tokens-limit", .remaining = "anthropic-ratelimit-input-tokens-remaining",
     .reset = "anthropic-ratelimit-input-tokens-reset", .resetParser = ResetFormat::rfc3339,
     .fixedResource = "input-tokens", .unit = "tokens"},
    {.limit = "anthropic-ratelimit-output-tokens-limit", .remaining = "anthropic-ratelimit-output-tokens-remaining",
     .reset = "anthropic-ratelimit-output-tokens-reset", .resetParser = ResetFormat::rfc3339,
     .fixedResource = "output-tokens", .unit = "tokens"},
};

constexpr Family kOkta[] = {{
    .limit = "X-Rate-Limit-Limit",
    .remaining = "X-Rate-Limit-Remaining",
    .reset = "X-Rate-Limit-Reset",
    .resetParser = ResetFormat::epochS,
}};

// The account limit and the list-endpoint limit; the vendor list follows them.
constexpr Family kZendesk[] = {
    {.limit = "X-Rate-Limit", .remaining = "X-Rate-Limit-Remaining", .fixedResource = "rate-limit"},
    {.limit = "ratelimit-limit", .remaining = "ratelimit-remaining", .reset = "ratelimit-reset",
     .resetParser = ResetFormat::deltaS, .fixedResource = "ratelimit"},
};

constexpr Family kX[] = {{
    .limit = "x-rate-limit-limit",
    .remaining = "x-rate-limit-remaining",
    .reset = "x-rate-limit-reset",
    .resetParser = ResetFormat::epochS,
    .fixedResource = "rate-limit",
}};
constexpr Family kXAppDay[] = {{
    .limit = "x-app-limit-24hour-limit",
    .remaining = "x-app-limit-24hour-remaining",
    .reset = "x-app-limit-24hour-reset",
    .resetParser = ResetFormat::epochS,
    .fixedResource = "app-limit-24hour",
}};
constexpr Family kXUserDay[] = {{
    .limit = "x-user-limit-24hour-limit",
    .remaining = "x-user-limit-24hour-remaining",
    .reset = "x-user-limit-24hour-reset",
    .resetParser = ResetFormat::epochS,
    .fixedResource = "user-limit-24hour",
}};

// The shared reset alone does not make a scope's quota; its remaining does.
constexpr Family kLaunchDarkly[] = {
    {.remaining = "X-Ratelimit-Global-Remaining", .reset = "X-Ratelimit-Reset",
     .resetParser = ResetFormat::epochMs, .required = "X-Ratelimit-Global-Remaining", .fixedResource = "global"},
    {.remaining = "X-Ratelimit-Route-Remaining", .reset = "X-Ratelimit-Reset",
     .resetParser = ResetFormat::epochMs, .required = "X-Ratelimit-Route-Remaining", .fixedResource = "route"},
};

// Unknown providers: the common x-ratelimit-* and x-rate-limit-* names, any reset encoding.
constexpr Family kGenericFamilies[] = {
    {.limit = "x-ratelimit-limit", .remaining = "x-ratelimit-remaining", .used = "x-ratelimit-used",
     .reset = "x-ratelimit-reset", .resetParser = ResetFormat::generic, .resetAfter = "x-ratelimit-reset-after",
     .resource = "x-ratelimit-resource", .resource2 = "x-ratelimit-bucket", .nearLimit = "x-ratelimit-nearlimit",
     // APIs of the X-RateLimit-* kind: on a 429, X-RateLimit-Reset is read like Retry-After.
     .refusalWait = RefusalWait::UnlessRemaining},
    {.limit = "x-rate-limit-limit", .remaining = "x-rate-limit-remaining", .reset = "x-rate-limit-reset",
     .resetParser = ResetFormat::generic, .limitFallback = "X-Rate-Limit"},
};

// ---- Each dialect is a sequence of steps: rows of families, or a reader of its own.

struct Step
{
    std::span<const Family> rows{};
    // The rows are skipped unless a field name starts with this: their names all do, so the
    // result is the same, and the generic dialect does not look up names no response sends.
    QByteArrayView gate{};
    void (*read)(HeaderReader &) = nullptr;
};

void ietfList(HeaderReader &r)
{
    IetfReader::read(r, IetfReader::Mode::ListOnly);
}
void ietfWithSeparateFields(HeaderReader &r)
{
    IetfReader::read(r, IetfReader::Mode::WithSeparateFields);
}
void ietfGeneric(HeaderReader &r)
{
    IetfReader::read(r, IetfReader::Mode::Generic);
}

constexpr Step kGitHubSteps[] = {{.read = GitHubReader::read}};
constexpr Step kGitLabSteps[] = {{.read = GitLabReader::read}};
constexpr Step kBitbucketSteps[] = {{kBitbucket}};
constexpr Step kBuildkiteSteps[] = {{kBuildkite}};
constexpr Step kIetfSteps[] = {{.read = ietfWithSeparateFields}};
constexpr Step kAtlassianSteps[] = {{.read = AtlassianReader::read}};
constexpr Step kAtlassianDcSteps[] = {{kAtlassianDc}};
constexpr Step kShopifySteps[] = {{.read = VendorReaders::readShopify}};
constexpr Step kDiscordSteps[] = {{.read = VendorReaders::readDiscord}};
constexpr Step kOpenAiSteps[] = {{kOpenAi, "x-ratelimit-"}};
constexpr Step kAnthropicSteps[] = {{kAnthropic, "anthropic-ratelimit-"}};
constexpr Step kAzureSteps[] = {{.read = VendorReaders::readAzure}};
constexpr Step kAzureOpenAiSteps[] = {{kOpenAi, "x-ratelimit-"}, {.read = VendorReaders::readAzure}};
constexpr Step kCloudflareSteps[] = {{.read = ietfList}};
constexpr Step kOktaSteps[] = {{kOkta}};
constexpr Step kZendeskSteps[] = {{kZendesk}, {.read = VendorReaders::readZendesk}};
constexpr Step kXSteps[] = {{kX}, {kXAppDay, "x-app-limit-24hour-"}, {kXUserDay, "x-user-limit-24hour-"}};
constexpr Step kStripeSteps[] = {{.read = VendorReaders::readStripe}};
constexpr Step kLaunchDarklySteps[] = {{kLaunchDarkly}};
constexpr Step kGenericSteps[] = {
    {.read = GitHubReader::readTokenExpiration},
    {.read = AtlassianReader::warnAdvisoryFields},
    {.read = ietfGeneric},
    {kAnthropic, "anthropic-ratelimit-"},
    {kOpenAi, "x-ratelimit-"},
    {.read = VendorReaders::readAzure},
    {.read = VendorReaders::readShopify},
    {.read = VendorReaders::readZendesk},
    {kXAppDay, "x-app-limit-24hour-"},
    {kXUserDay, "x-user-limit-24hour-"},
    {kLaunchDarkly},
    {kGenericFamilies},
};

struct Dialect
{
    HeaderDialect dialect;
    std::span<const Step> steps;
};

// Indexed by HeaderDialect; the static_assert below keeps the two in the same order.
constexpr Dialect kDialects[] = {
    {HeaderDialect::GitHub, kGitHubSteps},
    {HeaderDialect::GitLab, kGitLabSteps},
    {HeaderDialect::Bitbucket, kBitbucketSteps},
    {HeaderDialect::Buildkite, kBuildkiteSteps},
    {HeaderDialect::Ietf, kIetfSteps},
    {HeaderDialect::Atlassian, kAtlassianSteps},
    {HeaderDialect::AtlassianDc, kAtlassianDcSteps},
    {HeaderDialect::Shopify, kShopifySteps},
    {HeaderDialect::Slack, {}}, // Slack sends no quota, only Retry-After on 429
    {HeaderDialect::Discord, kDiscordSteps},
    {HeaderDialect::OpenAi, kOpenAiSteps},
    {HeaderDialect::Anthropic, kAnthropicSteps},
    {HeaderDialect::Azure, kAzureSteps},
    {HeaderDialect::AzureOpenAi, kAzureOpenAiSteps},
    {HeaderDialect::Cloudflare, kCloudflareSteps},
    {HeaderDialect::Okta, kOktaSteps},
    {HeaderDialect::Zendesk, kZendeskSteps},
    {HeaderDialect::X, kXSteps},
    {HeaderDialect::Stripe, kStripeSteps},
    {HeaderDialect::LaunchDarkly, kLaunchDarklySteps},
    {HeaderDialect::Generic, kGenericSteps},
};

consteval bool inEnumOrder()
{
    for (std::size_t i = 0; i < std::size(kDialects); ++i) {
        if (std::size_t(kDialects[i].dialect) != i)
            return false;
    }
    return std::size(kDialects) == std::size_t(HeaderDialect::Generic) + 1;
}
static_assert(inEnumOrder(), "kDialects needs one row per HeaderDialect, in the enum's order");

// Whether the response is a rate-limit response: status, headers and body together, since the
// status code alone is not reliable in either direction.
void classify(HeaderReader &r, const HttpResponseHead &head)
{
    QuotaReading &out = r.out();
    const HeaderDialect dialect = r.dialect();
    const int status = head.status.value_or(0);
    bool remainingZero = false;
    bool graphqlZero = false;
    for (const Quota &q : out.quotas) {
        if (q.remaining && *q.remaining == 0) {
            remainingZero = true;
            graphqlZero = graphqlZero || q.resource == QStringLiteral("graphql");
        }
    }
    bool throttled = status == 429;
    if (dialect == HeaderDialect::GitHub || dialect == HeaderDialect::Generic) {
        // GitHub signals primary limits with 403 (remaining 0) and secondary ones with 403 plus
        // retry-after or a message; GraphQL signals its primary limit with 200.
        if (status == 403
            && (remainingZero || out.retryAfterS || r.bodyContains("rate limit") || r.bodyContains("Rate limit")))
            throttled = true;
        if (dialect == HeaderDialect::GitHub && status == 200 && (graphqlZero || r.bodyContains("\"RATE_LIMITED\"")))
            throttled = true;
    }
    if (status == 429 && dialect == HeaderDialect::Stripe && r.bodyContains("lock_timeout")) {
        throttled = false;
        r.warn(ReaderText::tr("429 caused by an object lock (lock_timeout), not by a rate limit"));
    }
    if (status == 429 && (dialect == HeaderDialect::Azure || dialect == HeaderDialect::AzureOpenAi)
        && r.bodyContains("RetryableErrorDueToAnotherOperation")) {
        throttled = false;
        r.warn(ReaderText::tr("429 caused by a conflicting operation, not by a rate limit"));
    }
    out.throttled = throttled;
}

} // namespace

namespace {

void runSteps(HeaderReader &reader, HeaderDialect dialect)
{
    for (const Step &step : kDialects[std::size_t(dialect)].steps) {
        if (step.read) {
            step.read(reader);
        } else if (step.gate.isEmpty() || reader.hasPrefix(step.gate)) {
            for (const Family &f : step.rows)
                reader.addFamily(f);
        }
    }
}

// What a preset made of a response, for ranking suggestions.
struct Candidate
{
    const Preset *preset = nullptr;
    int implausible = 0; // resets more than a year away: the wrong encoding for this response
    int warnings = 0;    // values the dialect rejected
    int used = 0;        // rate-limit fields it read
    int kind = 0;        // 0 a vendor's dialect, 1 the IETF fields, 2 the generic heuristic
    int order = 0;       // the preset table's order
    bool ietfLists = false; // it read the RateLimit or RateLimit-Policy list
    QString fields;

    auto score() const { return std::tuple(implausible, warnings, -used); }
    auto key() const { return std::tuple(implausible, warnings, -used, kind, order); }
};

// The fields a suggestion names: "RateLimit-*" when they share a prefix up to a dash, else
// the names themselves.
QString fieldPattern(const HeaderReader::UsedNames &names)
{
    if (names.size() == 1)
        return QString::fromLatin1(names.front());
    qsizetype common = names.front().size();
    for (QByteArrayView n : names) {
        qsizetype i = 0;
        while (i < common && i < n.size() && ((n[i] ^ names.front()[i]) & ~0x20) == 0)
            ++i;
        common = i;
    }
    const qsizetype dash = names.front().first(common).lastIndexOf('-');
    if (dash > 0)
        return QString::fromLatin1(names.front().first(dash + 1)) + u'*';
    QStringList all;
    for (QByteArrayView n : names)
        all.append(QString::fromLatin1(n));
    return all.join(QStringLiteral(", "));
}

} // namespace

QuotaReading HeaderEngine::read(const Preset &preset, const HttpResponseHead &head, const QDateTime &now,
                                const QByteArray &body)
{
    QuotaReading reading;
    reading.provider = preset.id;
    reading.status = head.status;
    reading.quotas.reserve(4);
    HeaderReader reader(preset.dialect, head, now, body, reading);
    reader.readRetryAfter();
    runSteps(reader, preset.dialect);
    classify(reader, head);
    reader.applyRefusalWait();
    return reading;
}

QList<HeaderEngine::Suggestion> HeaderEngine::suggest(const HttpResponseHead &head, const QString &chosenPresetId,
                                                      const QDateTime &now, const QByteArray &body)
{
    constexpr qint64 kPlausibleMs = 366LL * 86400 * 1000;
    const qint64 nowMs = now.isValid() ? now.toMSecsSinceEpoch() : 0;
    QList<Candidate> candidates;
    int order = 0;
    for (const Preset &preset : Preset::all()) {
        ++order;
        if (preset.id == chosenPresetId)
            continue;
        QuotaReading reading;
        HeaderReader reader(preset.dialect, head, now, body, reading);
        HeaderReader::UsedNames used;
        reader.trackUsed(&used);
        runSteps(reader, preset.dialect);
        if (reading.quotas.isEmpty())
            continue;
        // Fields every dialect reads the same say nothing about which dialect this is.
        used.removeIf([](QByteArrayView n) {
            return HeaderValues::equalsCI(n, "Age") || HeaderValues::equalsCI(n, "Retry-After");
        });
        if (used.isEmpty())
            continue;
        // Named in the order the response has them.
        auto position = [&head](QByteArrayView n) {
            for (qsizetype i = 0; i < head.fields.size(); ++i) {
                if (HeaderValues::equalsCI(head.fields.at(i).first, n))
                    return i;
            }
            return head.fields.size();
        };
        std::stable_sort(used.begin(), used.end(),
                         [&](QByteArrayView a, QByteArrayView b) { return position(a) < position(b); });
        Candidate c;
        c.preset = &preset;
        for (const Quota &q : std::as_const(reading.quotas)) {
            if (q.resetAt && std::abs(q.resetAt->toMSecsSinceEpoch() - nowMs) > kPlausibleMs)
                ++c.implausible;
        }
        c.warnings = int(reading.warnings.size());
        c.used = int(used.size());
        c.kind = preset.dialect == HeaderDialect::Generic ? 2 : preset.dialect == HeaderDialect::Ietf ? 1 : 0;
        c.order = order;
        c.fields = fieldPattern(used);
        for (QByteArrayView n : std::as_const(used))
            c.ietfLists = c.ietfLists || HeaderValues::equalsCI(n, "RateLimit") || HeaderValues::equalsCI(n, "RateLimit-Policy");
        candidates.append(c);
    }
    std::stable_sort(candidates.begin(), candidates.end(),
                     [](const Candidate &a, const Candidate &b) { return a.key() < b.key(); });
    // Vendor dialects lead only when the fields are distinctly one vendor's: when two of them
    // read the RateLimit / RateLimit-Policy lists as well as the IETF reader does, these are
    // the IETF fields. (The old drafts' separate RateLimit-Limit, -Remaining and -Reset are in
    // practice sent under vendors' names, Buildkite's and Zendesk's, so they stay the vendors'.)
    if (candidates.size() >= 2 && candidates[0].kind == 0 && candidates[1].kind == 0
        && candidates[0].score() == candidates[1].score()) {
        for (qsizetype i = 2; i < candidates.size(); ++i) {
            if (candidates[i].kind == 1 && candidates[i].score() == candidates[0].score() && candidates[i].ietfLists) {
                candidates.move(i, 0);
                break;
            }
        }
    }
    QList<Suggestion> out;
    for (qsizetype i = 0; i < candidates.size(); ++i) {
        const Candidate &c = candidates[i];
        Suggestion s;
        s.presetId = c.preset->id;
        s.displayName = c.preset->displayName;
        s.fields = c.fields;
        // The best are the first and whatever reads the response exactly as well, in its class.
        s.best = i == 0
            || (out.back().best && c.kind == candidates[0].kind && c.score() == candidates[0].score());
        out.append(s);
    }
    return out;
}
