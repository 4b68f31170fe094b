#include "vendorreaders.h"

using namespace HeaderValues;

void VendorReaders::readAzure(HeaderReader &r)
{
    static constexpr QByteArrayView kPrefix = "x-ms-ratelimit-remaining-";
    r.forEachNameWithPrefix(kPrefix, [&r](QByteArrayView name) {
        const QByteArrayView suffix = name.sliced(kPrefix.size());
        if (!equalsCI(suffix, "resource")) {
            Quota q;
            q.resource = HeaderReader::lowerName(suffix);
            q.remaining = r.intField(name);
            r.add(std::move(q));
            return;
        }
        // Resource-provider policies: a vendor list (not a Structured Field); every line
        // contributes its entries.
        const QByteArray text = HeaderReader::joined(r.lines(name));
        qsizetype pos = 0;
        while (pos <= text.size()) {
            qsizetype comma = text.indexOf(',', pos);
            if (comma < 0)
                comma = text.size();
            const QByteArrayView entry = trimmed(QByteArrayView(text).sliced(pos, comma - pos));
            pos = comma + 1;
            const qsizetype semi = entry.lastIndexOf(';');
            const auto remaining = semi > 0 ? strictInt(entry.sliced(semi + 1)) : std::nullopt;
            const QByteArrayView policy = semi > 0 ? trimmed(entry.first(semi)) : QByteArrayView();
            if (!remaining || policy.isEmpty()) {
                r.warnInvalid(name, entry);
                continue;
            }
            Quota q;
            q.resource = QString::fromLatin1(policy);
            q.remaining = remaining;
            r.add(std::move(q));
        }
    });
}

void VendorReaders::readZendesk(HeaderReader &r)
{
    static constexpr QByteArrayView kPrefix = "zendesk-ratelimit-";
    r.forEachNameWithPrefix(kPrefix, [&r](QByteArrayView name) {
        Quota q;
        q.resource = HeaderReader::lowerName(name.sliced(kPrefix.size()));
        const HeaderReader::Lines l = r.lines(name);
        bool identical = true;
        for (QByteArrayView v : l)
            identical = identical && trimmed(v) == trimmed(l.front());
        if (!identical) {
            r.warnRepeated(name);
            r.add(std::move(q));
            return;
        }
        // `total=100; remaining=99; resets=41`: a vendor grammar, parsed key by key.
        const QByteArrayView text = l.front();
        qsizetype pos = 0;
        while (pos <= text.size()) {
            qsizetype semi = text.indexOf(';', pos);
            if (semi < 0)
                semi = text.size();
            const QByteArrayView part = trimmed(text.sliced(pos, semi - pos));
            pos = semi + 1;
            if (part.isEmpty())
                continue;
            const qsizetype eq = part.indexOf('=');
            const QByteArrayView key = eq < 0 ? part : trimmed(part.first(eq));
            const QByteArrayView value = eq < 0 ? QByteArrayView() : part.sliced(eq + 1);
            std::optional<qint64> *slot = equalsCI(key, "total") ? &q.limit
                : equalsCI(key, "remaining")                      ? &q.remaining
                                                                  : nullptr;
            const bool isReset = equalsCI(key, "resets");
            if (!slot && !isReset)
                continue;
            if (isReset) {
                if (const auto ms = ResetFormat::deltaS(value, r.nowMs()))
                    q.resetAt = HeaderReader::fromMs(*ms);
                else
                    r.warnInvalid(name, part);
            } else if (const auto n = strictInt(value)) {
                *slot = n;
            } else {
                r.warnInvalid(name, part);
            }
        }
        r.add(std::move(q));
    });
}

void VendorReaders::readShopify(HeaderReader &r)
{
    static constexpr QByteArrayView kName = "X-Shopify-Shop-Api-Call-Limit";
    struct CallLimit
    {
        qint64 used, bucket;
        bool operator==(const CallLimit &) const = default;
    };
    if (!r.has(kName))
        return;
    const auto v = r.single<CallLimit>(kName, [](QByteArrayView v) -> std::optional<CallLimit> {
        const qsizetype slash = v.indexOf('/');
        if (slash < 0)
            return std::nullopt;
        const auto used = strictInt(v.first(slash));
        const auto bucket = strictInt(v.sliced(slash + 1));
        if (!used || !bucket)
            return std::nullopt;
        return CallLimit{*used, *bucket};
    });
    Quota q;
    if (v) {
        q.used = v->used;
        q.limit = v->bucket;
    }
    r.add(std::move(q));
}

void VendorReaders::readStripe(HeaderReader &r)
{
    if (const auto reason = r.tokenField("Stripe-Rate-Limited-Reason")) {
        Quota q;
        q.resource = QString::fromLatin1(*reason);
        r.add(std::move(q));
    }
}

void VendorReaders::readDiscord(HeaderReader &r)
{
    static constexpr Family kRoute{
        .limit = "X-RateLimit-Limit",
        .remaining = "X-RateLimit-Remaining",
        .reset = "X-RateLimit-Reset",
        .resetParser = ResetFormat::epochS,
        .resetAfter = "X-RateLimit-Reset-After",
        .resource = "X-RateLimit-Bucket",
    };
    Quota route;
    const bool haveRoute = r.readFamily(kRoute, route);
    // Scope and Global come only with 429s. The global limit is not the route bucket the
    // other fields describe: it is named apart, and never lends its name to the bucket.
    const std::optional<QByteArrayView> scope = r.tokenField("X-RateLimit-Scope");
    const bool global = r.boolField("X-RateLimit-Global").value_or(false) || (scope && equalsCI(*scope, "global"));
    if (haveRoute) {
        if (route.resource.isEmpty() && scope && !equalsCI(*scope, "global"))
            route.resource = HeaderReader::internedName(*scope);
        r.add(std::move(route));
    }
    if (global) {
        Quota q;
        q.resource = HeaderReader::internedName("global");
        r.add(std::move(q));
    }
}
