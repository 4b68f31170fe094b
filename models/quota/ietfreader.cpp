#include "ietfreader.h"

#include "structuredfield.h"


namespace {

// Integer policies of drafts -01..-07 (`10, 10;w=1, 50;w=60`).
struct NumPolicy
{
    qint64 value;
    std::optional<qint64> w;
    bool used = false;
};
using NumPolicies = QVarLengthArray<NumPolicy, 4>;

void appendNumeric(const sf::List &list, qsizetype from, NumPolicies &out)
{
    for (qsizetype i = from; i < list.size(); ++i) {
        const sf::Member &m = list[i];
        if (m.isInnerList || !m.item.value.isInteger())
            continue;
        NumPolicy p{m.item.value.integer, std::nullopt};
        if (const sf::BareItem *w = m.item.param("w"))
            p.w = w->integer;
        out.append(p);
    }
}

void addWithNumericPolicies(HeaderReader &r, Quota &&q, const sf::List *policyField, NumPolicies pols)
{
    if (policyField)
        appendNumeric(*policyField, 0, pols);
    // The policy whose quota equals the current limit gives that limit its window (-01..-07).
    if (q.limit && !q.windowS) {
        for (NumPolicy &p : pols) {
            if (p.value == *q.limit && p.w) {
                q.windowS = p.w;
                p.used = true;
                break;
            }
        }
    }
    const std::optional<qint64> mainLimit = q.limit;
    const std::optional<qint64> mainWindow = q.windowS;
    if (q.limit || q.remaining || q.used || q.resetAt)
        r.add(std::move(q));
    // Every other policy is a limit of its own, with unknown remaining.
    for (qsizetype i = 0; i < pols.size(); ++i) {
        const NumPolicy &p = pols[i];
        if (p.used || (mainLimit && p.value == *mainLimit && p.w == mainWindow))
            continue;
        bool seen = false;
        for (qsizetype j = 0; j < i; ++j)
            seen = seen || (pols[j].value == p.value && pols[j].w == p.w);
        if (seen)
            continue;
        Quota extra;
        extra.limit = p.value;
        extra.windowS = p.w;
        r.add(std::move(extra));
    }
}

// Drafts -01..-07: separate RateLimit-Limit / -Remaining / -Reset fields, with the policies in
// RateLimit-Limit itself (-01..-03) or in RateLimit-Policy.
void readSeparate(HeaderReader &r, const sf::List *policyField, bool generic)
{
    Quota q;
    NumPolicies pols;
    const HeaderReader::Lines limitLines = r.lines("RateLimit-Limit");
    if (!limitLines.isEmpty()) {
        // Old drafts (-01..-03) carried the policies here: `10, 10;w=1, 50;w=60`.
        const QByteArray text = HeaderReader::joined(limitLines);
        const auto list = sf::parseList(text);
        bool ok = list && !list->isEmpty();
        if (ok) {
            for (const sf::Member &m : *list) {
                const sf::BareItem *w = m.isInnerList ? nullptr : m.item.param("w");
                if (m.isInnerList || !m.item.value.isInteger() || m.item.value.integer < 0
                    || (w && (!w->isInteger() || w->integer <= 0))) {
                    ok = false;
                    break;
                }
            }
        }
        if (ok) {
            q.limit = list->front().item.value.integer;
            if (const sf::BareItem *w = list->front().item.param("w"))
                q.windowS = w->integer;
            appendNumeric(*list, 1, pols);
        } else {
            r.warnInvalid("RateLimit-Limit", text);
        }
    }
    q.remaining = r.intField("RateLimit-Remaining");
    if (const auto reset = r.timeField("RateLimit-Reset", generic ? ResetFormat::generic : ResetFormat::deltaS))
        q.resetAt = HeaderReader::fromMs(*reset);
    if (generic) {
        // GitLab and Buildkite speak these names too, with their own extras.
        q.used = r.intField("RateLimit-Observed");
        auto name = r.tokenField("RateLimit-Name");
        if (!name)
            name = r.tokenField("RateLimit-Scope");
        if (name)
            q.resource = QString::fromLatin1(*name);
    }
    addWithNumericPolicies(r, std::move(q), policyField, std::move(pols));
}

} // namespace

void IetfReader::read(HeaderReader &r, Mode mode)
{
    static constexpr QByteArrayView kRateLimit = "RateLimit";
    static constexpr QByteArrayView kPolicy = "RateLimit-Policy";
    const bool separateFields = mode != Mode::ListOnly;
    const HeaderReader::Lines rlLines = r.lines(kRateLimit);
    const HeaderReader::Lines policyLines = r.lines(kPolicy);
    const bool anySeparate = separateFields
        && (r.has("RateLimit-Limit") || r.has("RateLimit-Remaining") || r.has("RateLimit-Reset"));
    if (rlLines.isEmpty() && policyLines.isEmpty() && !anySeparate)
        return;

    // The draft: fields on a response served from cache (positive Age) are ignored.
    if (r.has("Age")) {
        const auto age = r.intField("Age");
        if (age && *age > 0) {
            r.warn(ReaderText::tr("RateLimit fields ignored on a cached response (Age: %1)").arg(*age));
            return;
        }
    }

    // RateLimit-Policy: named items (-08+) or integer items (-04..-07); malformed ⇒ ignored whole.
    struct Named
    {
        QByteArrayView name;
        std::optional<qint64> q, w;
        QByteArrayView unit;
        bool matched = false;
    };
    const QByteArray policyText = HeaderReader::joined(policyLines);
    std::optional<sf::List> policies;
    QVarLengthArray<Named, 4> named;
    if (!policyLines.isEmpty()) {
        policies = sf::parseList(policyText);
        bool ok = policies.has_value();
        if (ok) {
            for (const sf::Member &m : *policies) {
                if (m.isInnerList) {
                    ok = false;
                    break;
                }
                const sf::BareItem &v = m.item.value;
                const sf::BareItem *w = m.item.param("w");
                if (w && (!w->isInteger() || w->integer <= 0)) {
                    ok = false;
                    break;
                }
                if (v.isString() || v.isToken()) {
                    const sf::BareItem *q = m.item.param("q");
                    const sf::BareItem *qu = m.item.param("qu");
                    if (!q || !q->isInteger() || q->integer < 0 || (qu && !qu->isString())) {
                        ok = false;
                        break;
                    }
                    Named n;
                    n.name = v.text;
                    n.q = q->integer;
                    if (w)
                        n.w = w->integer;
                    if (qu)
                        n.unit = qu->text;
                    named.append(n);
                } else if (!(v.isInteger() && v.integer >= 0)) {
                    ok = false;
                    break;
                }
            }
        }
        if (!ok) {
            r.warnInvalid(kPolicy, policyText);
            policies.reset();
            named.clear();
        }
    }

    if (!rlLines.isEmpty()) {
        const QByteArray rlText = HeaderReader::joined(rlLines);
        // Draft generation by syntax: a List of names (-08+), else the -07 Dictionary.
        if (auto list = sf::parseList(rlText)) {
            bool ok = true;
            for (const sf::Member &m : *list) {
                const sf::BareItem *r = m.isInnerList ? nullptr : m.item.param("r");
                const sf::BareItem *t = m.isInnerList ? nullptr : m.item.param("t");
                if (m.isInnerList || !(m.item.value.isString() || m.item.value.isToken())
                    || (r && (!r->isInteger() || r->integer < 0)) || (t && (!t->isInteger() || t->integer < 0))) {
                    ok = false;
                    break;
                }
            }
            if (ok) {
                QVarLengthArray<Quota, 4> unmatched;
                QVarLengthArray<std::optional<Quota>, 4> byPolicy(named.size());
                for (const sf::Member &m : *list) {
                    Quota q;
                    q.resource = QString::fromLatin1(m.item.value.text);
                    if (const sf::BareItem *r = m.item.param("r"))
                        q.remaining = r->integer;
                    if (const sf::BareItem *t = m.item.param("t"))
                        q.resetAt = r.deltaReset(t->integer, kRateLimit);
                    bool placed = false;
                    for (qsizetype i = 0; i < named.size(); ++i) {
                        if (!named[i].matched && named[i].name == m.item.value.text) {
                            named[i].matched = true;
                            byPolicy[i] = std::move(q);
                            placed = true;
                            break;
                        }
                    }
                    if (!placed)
                        unmatched.append(std::move(q));
                }
                for (qsizetype i = 0; i < named.size(); ++i) {
                    Quota q = byPolicy[i] ? std::move(*byPolicy[i]) : Quota();
                    if (!byPolicy[i])
                        q.resource = QString::fromLatin1(named[i].name);
                    q.limit = named[i].q;
                    q.windowS = named[i].w;
                    if (!named[i].unit.isEmpty())
                        q.unit = QString::fromLatin1(named[i].unit);
                    r.add(std::move(q));
                }
                for (Quota &q : unmatched)
                    r.add(std::move(q));
                return;
            }
        } else if (auto dict = sf::parseDictionary(rlText)) {
            Quota q;
            bool ok = true;
            for (const sf::DictMember &d : *dict) {
                std::optional<qint64> *slot = d.key == "limit" ? &q.limit
                    : d.key == "remaining"                      ? &q.remaining
                                                                : nullptr;
                const bool isReset = d.key == "reset";
                if (!slot && !isReset)
                    continue; // other keys are comments
                if (d.member.isInnerList || !d.member.item.value.isInteger() || d.member.item.value.integer < 0) {
                    ok = false;
                    break;
                }
                if (slot)
                    *slot = d.member.item.value.integer;
                else
                    q.resetAt = r.deltaReset(d.member.item.value.integer, kRateLimit);
            }
            if (ok) {
                addWithNumericPolicies(r, std::move(q), policies ? &*policies : nullptr, {});
                return;
            }
        }
        r.warnInvalid(kRateLimit, rlText);
    }

    if (anySeparate) {
        readSeparate(r, policies ? &*policies : nullptr, mode == Mode::Generic);
        return;
    }
    // Policies alone still say what the limits are.
    for (const Named &n : named) {
        Quota q;
        q.resource = QString::fromLatin1(n.name);
        q.limit = n.q;
        q.windowS = n.w;
        if (!n.unit.isEmpty())
            q.unit = QString::fromLatin1(n.unit);
        r.add(std::move(q));
    }
    if (named.isEmpty() && policies)
        addWithNumericPolicies(r, Quota(), policies ? &*policies : nullptr, {});
}
