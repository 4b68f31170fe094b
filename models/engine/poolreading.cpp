#include "engine/poolreading.h"

#include "quota/preset.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QLocale>
#include <QRegularExpression>
#include <QUrl>

#include <algorithm>
#include <cmath>

namespace {

class PoolText
{
    Q_DECLARE_TR_FUNCTIONS(PoolReading)
};

std::optional<qint64> usedOf(const Quota &q)
{
    if (q.used)
        return q.used;
    if (q.limit && q.remaining)
        return *q.limit - *q.remaining;
    return std::nullopt;
}

QJsonValue optionalJson(const std::optional<qint64> &v)
{
    return v ? QJsonValue(double(*v)) : QJsonValue(QJsonValue::Null);
}

QJsonValue optionalJson(const std::optional<QDateTime> &v)
{
    return v ? QJsonValue(isoUtc(*v)) : QJsonValue(QJsonValue::Null);
}

bool isThrottled(const ProbeResult &r)
{
    return r.state == AccountState::Throttled || r.reading.throttled;
}

} // namespace

QString BucketTracker::pairKey(const QString &resource, const QString &a, const QString &b)
{
    const bool ordered = a < b;
    return resource + u'\n' + (ordered ? a : b) + u'\n' + (ordered ? b : a);
}

std::optional<double> BucketTracker::growthPerMs(const QList<Observation> &obs) const
{
    if (obs.size() < 2)
        return std::nullopt;
    const Observation &last = obs.last();
    const Observation &prev = obs.at(obs.size() - 2);
    if (!last.used || !prev.used || last.atMs <= prev.atMs)
        return std::nullopt;
    // Across a window's end the count restarts: the difference says nothing about growth.
    if (last.resetMs.has_value() != prev.resetMs.has_value())
        return std::nullopt;
    if (last.resetMs && std::abs(*last.resetMs - *prev.resetMs) > m_tuning.resetToleranceS * 1000)
        return std::nullopt;
    if (*last.used < *prev.used)
        return std::nullopt;
    return double(*last.used - *prev.used) / double(last.atMs - prev.atMs);
}

void BucketTracker::add(const ProbeResult &result)
{
    if (result.accountId.isEmpty() || !result.probedAt.isValid() || result.reading.quotas.isEmpty())
        return;
    m_providerOf.insert(result.accountId, result.provider);
    const qint64 at = result.probedAt.toMSecsSinceEpoch();
    for (const Quota &q : result.reading.quotas) {
        Observation o;
        o.atMs = at;
        o.limit = q.limit;
        o.used = usedOf(q);
        if (q.resetAt)
            o.resetMs = q.resetAt->toMSecsSinceEpoch();
        QHash<QString, QList<Observation>> &byAccount = m_obs[q.resource];
        QList<Observation> &mine = byAccount[result.accountId];
        mine.append(o);
        while (mine.size() > m_tuning.keepPerAccount)
            mine.removeFirst();
        for (auto it = byAccount.cbegin(); it != byAccount.cend(); ++it) {
            if (it.key() == result.accountId || it.value().isEmpty())
                continue;
            if (m_providerOf.value(it.key()) != result.provider)
                continue;
            const Observation &theirs = it.value().last();
            if (std::abs(theirs.atMs - at) > m_tuning.pairWindowMs)
                continue;
            compare(q.resource, result.accountId, o, it.key(), theirs);
        }
    }
}

void BucketTracker::forget(const QString &accountId)
{
    m_providerOf.remove(accountId);
    for (auto it = m_obs.begin(); it != m_obs.end(); ++it)
        it->remove(accountId);
    m_pairs.removeIf([&accountId](const QHash<QString, PairState>::iterator &it) {
        const QStringList parts = it.key().split(u'\n');
        return parts.size() == 3 && (parts.at(1) == accountId || parts.at(2) == accountId);
    });
}

void BucketTracker::compare(const QString &resource, const QString &a, const Observation &oa,
                            const QString &b, const Observation &ob)
{
    PairState &pair = m_pairs[pairKey(resource, a, b)];
    if (pair.contradicted)
        return;
    if (oa.limit && ob.limit && *oa.limit != *ob.limit) {
        pair.contradicted = true;
        return;
    }
    if (oa.resetMs && ob.resetMs
        && std::abs(*oa.resetMs - *ob.resetMs) > m_tuning.resetToleranceS * 1000) {
        // The earlier reading's window ended before the later reading was taken: the two
        // readings belong to different windows and compare nothing.
        const Observation &earlier = oa.atMs <= ob.atMs ? oa : ob;
        const qint64 later = std::max(oa.atMs, ob.atMs);
        if (*earlier.resetMs <= later)
            return;
        pair.contradicted = true;
        return;
    }
    if (!oa.used || !ob.used)
        return;
    const std::optional<qint64> limit = oa.limit ? oa.limit : ob.limit;
    const double slack = std::max(double(m_tuning.minSlack),
                                  limit ? m_tuning.slackFraction * double(*limit) : 0.0);
    const QList<Observation> obsA = m_obs.value(resource).value(a);
    const QList<Observation> obsB = m_obs.value(resource).value(b);
    const std::optional<double> rateA = growthPerMs(obsA);
    const std::optional<double> rateB = growthPerMs(obsB);
    const Observation &earlier = oa.atMs <= ob.atMs ? oa : ob;
    const Observation &later = oa.atMs <= ob.atMs ? ob : oa;
    // Within one window a bucket's count only grows: the later reading sees at least what the
    // earlier one saw, and at most what the bucket can have grown by in between.
    const double growth = double(*later.used - *earlier.used);
    if (growth < -slack) {
        pair.contradicted = true;
        return;
    }
    if (!rateA && !rateB)
        return; // how fast the bucket grows is not known yet: a larger count proves nothing
    const double rate = std::max(rateA.value_or(0.0), rateB.value_or(0.0));
    const double gap = double(later.atMs - earlier.atMs);
    if (growth > slack + 2.0 * rate * gap) {
        pair.contradicted = true;
        return;
    }
    // Agreement counts only when the count moved: equal counts that stand still (two idle
    // tokens) are what independent buckets show too.
    const qint64 level = std::max(*oa.used, *ob.used);
    const bool moved = pair.lastAgreedUsed
                           ? double(std::abs(level - *pair.lastAgreedUsed)) > slack
                           : double(level) > slack;
    if (!moved)
        return;
    pair.lastAgreedUsed = level;
    ++pair.agreements;
}

void BucketTracker::setIdentity(const QString &accountId, const QString &key, SharingBasis basis)
{
    if (key.isEmpty())
        m_identity.remove(accountId);
    else
        m_identity.insert(accountId, {key, basis});
}

SharingBasis BucketTracker::basis(const QString &accountA, const QString &accountB) const
{
    const auto a = m_identity.constFind(accountA);
    const auto b = m_identity.constFind(accountB);
    if (a == m_identity.cend() || b == m_identity.cend() || a->first != b->first || accountA == accountB)
        return SharingBasis::Evidence;
    return a->second;
}

bool BucketTracker::evidenceDisagrees(const QString &resource, const QString &accountA, const QString &accountB) const
{
    if (basis(accountA, accountB) == SharingBasis::Evidence)
        return false;
    const auto it = m_pairs.constFind(pairKey(resource, accountA, accountB));
    return it != m_pairs.cend() && it->contradicted;
}

QList<QStringList> BucketTracker::identityGroups() const
{
    QHash<QString, QStringList> byKey;
    for (auto it = m_identity.cbegin(); it != m_identity.cend(); ++it)
        byKey[it->first].append(it.key());
    QList<QStringList> groups;
    for (QStringList &g : byKey) {
        if (g.size() < 2)
            continue;
        std::sort(g.begin(), g.end());
        groups.append(g);
    }
    std::sort(groups.begin(), groups.end(),
              [](const QStringList &a, const QStringList &b) { return a.first() < b.first(); });
    return groups;
}

BucketTracker::Decision BucketTracker::decision(const QString &resource, const QString &accountA,
                                                const QString &accountB) const
{
    if (basis(accountA, accountB) != SharingBasis::Evidence)
        return Decision::Shared;
    const auto it = m_pairs.constFind(pairKey(resource, accountA, accountB));
    if (it == m_pairs.cend())
        return Decision::Undecided;
    if (it->contradicted)
        return Decision::Independent;
    return it->agreements >= m_tuning.agreementsNeeded ? Decision::Shared : Decision::Undecided;
}

QList<QStringList> BucketTracker::sharedGroups(const QString &resource) const
{
    QStringList ids = m_obs.value(resource).keys();
    std::sort(ids.begin(), ids.end());
    QList<int> parent(ids.size());
    for (int i = 0; i < ids.size(); ++i)
        parent[i] = i;
    const auto find = [&parent](int i) {
        while (parent[i] != i) {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    };
    for (int i = 0; i < ids.size(); ++i) {
        for (int j = i + 1; j < ids.size(); ++j) {
            if (decision(resource, ids[i], ids[j]) == Decision::Shared)
                parent[find(j)] = find(i);
        }
    }
    QList<QStringList> groups;
    QHash<int, int> groupOfRoot;
    for (int i = 0; i < ids.size(); ++i) {
        const int root = find(i);
        const auto it = groupOfRoot.constFind(root);
        if (it == groupOfRoot.cend()) {
            groupOfRoot.insert(root, int(groups.size()));
            groups.append(QStringList{ ids[i] });
        } else {
            groups[*it].append(ids[i]);
        }
    }
    groups.removeIf([](const QStringList &g) { return g.size() < 2; });
    return groups;
}

QStringList BucketTracker::resources() const
{
    QStringList out = m_obs.keys();
    std::sort(out.begin(), out.end());
    return out;
}

QString BucketTracker::bucketKey(const QString &resource, const QString &accountId) const
{
    for (const QStringList &group : sharedGroups(resource)) {
        if (group.contains(accountId))
            return group.first();
    }
    return accountId;
}

QJsonObject PoolReading::toJson() const
{
    QJsonObject o;
    o.insert(QStringLiteral("pool"), pool);
    o.insert(QStringLiteral("provider"), provider);
    o.insert(QStringLiteral("state"), accountStateId(state));
    o.insert(QStringLiteral("members"), QJsonArray::fromStringList(members));
    QJsonArray qs;
    for (const PoolQuota &q : quotas) {
        QJsonObject j;
        j.insert(QStringLiteral("resource"), q.resource);
        j.insert(QStringLiteral("limit"), optionalJson(q.limit));
        j.insert(QStringLiteral("remaining"), optionalJson(q.remaining));
        j.insert(QStringLiteral("reset_first"), optionalJson(q.resetFirst));
        j.insert(QStringLiteral("reset_last"), optionalJson(q.resetLast));
        j.insert(QStringLiteral("buckets"), q.buckets);
        qs.append(j);
    }
    o.insert(QStringLiteral("quotas"), qs);
    QJsonArray shared;
    for (const QStringList &group : this->shared)
        shared.append(QJsonArray::fromStringList(group));
    o.insert(QStringLiteral("shared"), shared);
    o.insert(QStringLiteral("imbalanced"), imbalanced);
    o.insert(QStringLiteral("explanation"), sharingExplanation());
    return o;
}

std::optional<AccountIdentity> accountIdentity(const Account &account)
{
    const Preset *preset = Preset::find(account.presetId);
    const QString base = account.baseUrl.isEmpty() && preset ? preset->defaultBaseUrl : account.baseUrl;
    const QString host = QUrl(base).host().toLower();
    if (account.presetId == QLatin1String("bitbucket")) {
        if (account.auth != AuthScheme::Basic || account.username.trimmed().isEmpty())
            return std::nullopt;
        return AccountIdentity{QStringLiteral("bitbucket\nuser\n%1\n%2").arg(host, account.username.trimmed().toCaseFolded()),
                               SharingBasis::User};
    }
    if (account.presetId == QLatin1String("buildkite")) {
        static const QRegularExpression org(QStringLiteral("^/v2/organizations/([^/?#]+)"));
        QStringList paths{account.probePath};
        for (const ProbeRoute &r : account.routes)
            paths << r.path;
        for (const QString &path : std::as_const(paths)) {
            const QRegularExpressionMatch m = org.match(path);
            if (m.hasMatch())
                return AccountIdentity{QStringLiteral("buildkite\norganization\n%1\n%2")
                                           .arg(host, QUrl::fromPercentEncoding(m.captured(1).toUtf8()).toCaseFolded()),
                                       SharingBasis::Organization};
        }
    }
    return std::nullopt;
}

void setIdentities(BucketTracker *tracker, const QList<Account> &accounts)
{
    tracker->clearIdentities();
    for (const Account &a : accounts) {
        const std::optional<AccountIdentity> identity = accountIdentity(a);
        tracker->setIdentity(a.id, identity ? identity->key : QString(), identity ? identity->basis : SharingBasis::Evidence);
    }
}

ProbeResult PoolReading::toProbeResult() const
{
    ProbeResult r;
    r.accountId = Pool::accountIdOf(pool);
    r.accountName = pool;
    r.provider = provider;
    r.state = state;
    r.probedAt = probedAt;
    r.reading.provider = provider;
    r.reading.throttled = state == AccountState::Throttled;
    for (const PoolQuota &pq : quotas) {
        Quota q;
        q.resource = pq.resource;
        q.limit = pq.limit;
        q.remaining = pq.remaining;
        q.resetAt = pq.resetFirst;
        q.windowS = pq.windowS;
        r.reading.quotas.append(q);
    }
    return r;
}

QString PoolReading::sharingExplanation() const
{
    const Preset *preset = Preset::find(provider);
    const QString providerName = preset ? preset->displayName : provider;
    QStringList parts;
    QList<QStringList> told;
    QString firstResource;
    for (const SharedBucket &b : sharedBuckets) {
        if (told.contains(b.members))
            continue;
        told.append(b.members);
        if (firstResource.isNull())
            firstResource = b.resource;
        parts << sharedBucketText(providerName, b, b.members.size() < members.size());
    }
    if (parts.isEmpty())
        return {};
    QString text = parts.join(PoolText::tr("; "));
    for (const PoolQuota &q : quotas) {
        if (q.resource != firstResource)
            continue;
        if (q.limit && q.memberLimitSum && *q.limit < *q.memberLimitSum)
            text = PoolText::tr("%1: this pool holds %2, not %3")
                       .arg(text, limitPerWindowText(*q.limit, q.windowS), limitPerWindowText(*q.memberLimitSum, q.windowS));
    }
    return text;
}

QString limitPerWindowText(qint64 limit, std::optional<qint64> windowS)
{
    const QString n = QLocale().toString(limit);
    if (!windowS || *windowS <= 0)
        return n;
    const qint64 w = *windowS;
    switch (w) {
    case 1: return PoolText::tr("%1/s").arg(n);
    case 60: return PoolText::tr("%1/min").arg(n);
    case 3600: return PoolText::tr("%1/h").arg(n);
    case 86400: return PoolText::tr("%1/day").arg(n);
    default: break;
    }
    if (w % 3600 == 0)
        return PoolText::tr("%1 per %n h", nullptr, int(w / 3600)).arg(n);
    if (w % 60 == 0)
        return PoolText::tr("%1 per %n min", nullptr, int(w / 60)).arg(n);
    return PoolText::tr("%1 per %n s", nullptr, int(w)).arg(n);
}

QString sharedBucketText(const QString &providerName, const SharedBucket &bucket, bool nameMembers)
{
    const int n = int(bucket.members.size());
    QString text;
    if (bucket.limit) {
        const QString limit = limitPerWindowText(*bucket.limit, bucket.windowS);
        switch (bucket.basis) {
        case SharingBasis::User:
            text = PoolText::tr("%n tokens of one %1 user share one %2 bucket", nullptr, n).arg(providerName, limit);
            break;
        case SharingBasis::Organization:
            text = PoolText::tr("%n tokens of one %1 organization share one %2 bucket", nullptr, n).arg(providerName, limit);
            break;
        case SharingBasis::Evidence:
            text = PoolText::tr("%n %1 tokens draw from one %2 bucket", nullptr, n).arg(providerName, limit);
            break;
        }
    } else {
        switch (bucket.basis) {
        case SharingBasis::User:
            text = PoolText::tr("%n tokens of one %1 user share one bucket", nullptr, n).arg(providerName);
            break;
        case SharingBasis::Organization:
            text = PoolText::tr("%n tokens of one %1 organization share one bucket", nullptr, n).arg(providerName);
            break;
        case SharingBasis::Evidence:
            text = PoolText::tr("%n %1 tokens draw from one bucket", nullptr, n).arg(providerName);
            break;
        }
    }
    if (nameMembers)
        text = PoolText::tr("%1 (%2)").arg(text, bucket.members.join(PoolText::tr(", ")));
    if (bucket.evidenceDisagrees)
        text = PoolText::tr("%1, though their readings disagree").arg(text);
    return text;
}

QString sharedWithText(const QStringList &others, std::optional<qint64> limit, std::optional<qint64> windowS)
{
    const QString names = others.join(PoolText::tr(", "));
    if (limit)
        return PoolText::tr("shares one %1 bucket with %2").arg(limitPerWindowText(*limit, windowS), names);
    return PoolText::tr("shares one bucket with %1").arg(names);
}

PoolReading computePoolReading(const Pool &pool, const QHash<QString, ProbeResult> &latestByAccount,
                               const BucketTracker &tracker, const ThresholdsFor &thresholdsFor)
{
    PoolReading out;
    out.pool = pool.name;
    out.provider = pool.presetId;

    QHash<QString, QString> nameOf;
    QStringList resources;
    for (const QString &id : pool.memberIds) {
        const auto it = latestByAccount.constFind(id);
        const QString name = it != latestByAccount.cend() && !it->accountName.isEmpty() ? it->accountName : id;
        nameOf.insert(id, name);
        out.members.append(name);
        if (it == latestByAccount.cend())
            continue;
        for (const Quota &q : it->reading.quotas) {
            if (!resources.contains(q.resource))
                resources.append(q.resource);
        }
    }

    QList<QuotaLevel> levels;
    for (const QString &resource : resources) {
        PoolQuota pq;
        pq.resource = resource;
        // bucket key -> (member id, its quota) of the freshest member drawing from it
        QHash<QString, std::pair<QString, Quota>> freshest;
        QStringList bucketOrder;
        qint64 memberLimitSum = 0;
        bool memberLimitsKnown = true;
        for (const QString &id : pool.memberIds) {
            const auto it = latestByAccount.constFind(id);
            if (it == latestByAccount.cend())
                continue;
            const auto q = std::find_if(it->reading.quotas.cbegin(), it->reading.quotas.cend(),
                                        [&resource](const Quota &x) { return x.resource == resource; });
            if (q == it->reading.quotas.cend())
                continue;
            if (isThrottled(*it))
                pq.throttledMembers.append(nameOf.value(id));
            if (q->limit && memberLimitsKnown)
                memberLimitSum += *q->limit;
            else
                memberLimitsKnown = false;
            const QString key = tracker.bucketKey(resource, id);
            const auto have = freshest.constFind(key);
            if (have == freshest.cend()) {
                bucketOrder.append(key);
                freshest.insert(key, { id, *q });
            } else if (latestByAccount.value(have->first).probedAt < it->probedAt) {
                freshest.insert(key, { id, *q });
            }
        }
        pq.buckets = int(bucketOrder.size());
        if (memberLimitsKnown && !bucketOrder.isEmpty())
            pq.memberLimitSum = memberLimitSum;
        const auto windowOf = [&pool](const Quota &q) -> std::optional<qint64> {
            if (q.windowS && *q.windowS > 0)
                return q.windowS;
            if (const Preset *p = Preset::find(pool.presetId); p && p->defaultWindowS > 0)
                return p->defaultWindowS;
            return std::nullopt;
        };
        {
            // The freshest reading of all tells the window.
            QDateTime newest;
            for (const QString &key : bucketOrder) {
                const auto &[id, q] = *freshest.constFind(key);
                const QDateTime at = latestByAccount.value(id).probedAt;
                if (!newest.isValid() || newest < at) {
                    newest = at;
                    pq.windowS = windowOf(q);
                }
            }
        }
        std::optional<qint64> levelRemaining;
        std::optional<qint64> levelLimit;
        for (const QString &key : bucketOrder) {
            const Quota &q = freshest.value(key).second;
            if (q.limit)
                pq.knownLimit = pq.knownLimit.value_or(0) + *q.limit;
            else
                ++pq.bucketsWithoutLimit;
            if (q.remaining)
                pq.knownRemaining = pq.knownRemaining.value_or(0) + *q.remaining;
            else
                ++pq.bucketsWithoutRemaining;
            if (q.limit && q.remaining) {
                levelLimit = levelLimit.value_or(0) + *q.limit;
                levelRemaining = levelRemaining.value_or(0) + *q.remaining;
            }
            if (q.resetAt) {
                if (!pq.resetFirst || *q.resetAt < *pq.resetFirst)
                    pq.resetFirst = q.resetAt;
                if (!pq.resetLast || *q.resetAt > *pq.resetLast)
                    pq.resetLast = q.resetAt;
            }
        }
        if (pq.bucketsWithoutLimit == 0)
            pq.limit = pq.knownLimit;
        if (pq.bucketsWithoutRemaining == 0)
            pq.remaining = pq.knownRemaining;
        // The share left in the buckets whose level is known stands for the pool's: it is the
        // best estimate there is, and a pool with one unknown bucket is not without a level.
        if (levelLimit)
            levels.append(QuotaLevel{ levelRemaining, levelLimit, std::nullopt });
        else
            levels.append(QuotaLevel{ pq.remaining, pq.limit, std::nullopt });
        out.quotas.append(pq);

        for (const QStringList &group : tracker.sharedGroups(resource)) {
            QStringList names;
            QStringList ids;
            for (const QString &id : pool.memberIds) {
                if (group.contains(id)) {
                    names.append(nameOf.value(id));
                    ids.append(id);
                }
            }
            if (names.size() < 2)
                continue;
            if (!out.shared.contains(names))
                out.shared.append(names);
            SharedBucket b;
            b.resource = resource;
            b.members = names;
            if (const auto f = freshest.constFind(tracker.bucketKey(resource, ids.first())); f != freshest.cend()) {
                b.limit = f->second.limit;
                b.windowS = windowOf(f->second);
            }
            b.basis = tracker.basis(ids.at(0), ids.at(1));
            for (qsizetype i = 1; i < ids.size(); ++i) {
                if (tracker.basis(ids.at(0), ids.at(i)) != b.basis)
                    b.basis = SharingBasis::Evidence;
            }
            for (qsizetype i = 0; i < ids.size() && !b.evidenceDisagrees; ++i)
                for (qsizetype j = i + 1; j < ids.size() && !b.evidenceDisagrees; ++j)
                    b.evidenceDisagrees = tracker.evidenceDisagrees(resource, ids.at(i), ids.at(j));
            out.sharedBuckets.append(b);
        }
    }

    int answered = 0;
    int throttled = 0;
    QStringList low;
    QStringList roomy;
    for (const QString &id : pool.memberIds) {
        const auto it = latestByAccount.constFind(id);
        if (it == latestByAccount.cend())
            continue;
        // A failed probe says nothing about the member's level, nor about the pool being throttled.
        if (!isThrottled(*it) && !it->error.isEmpty())
            continue;
        ++answered;
        const Thresholds t = thresholdsFor ? thresholdsFor(id) : Thresholds{};
        if (isThrottled(*it)) {
            ++throttled;
            low.append(id);
            continue;
        }
        bool critical = false;
        bool allAboveHalf = false;
        bool anyKnown = false;
        for (const Quota &q : it->reading.quotas) {
            const QuotaLevel level = quotaLevel(q);
            if (classifyQuota(level, t) == AccountState::Critical)
                critical = true;
            if (const std::optional<double> pct = remainingPct(level)) {
                allAboveHalf = anyKnown ? allAboveHalf && *pct > 50.0 : *pct > 50.0;
                anyKnown = true;
            }
        }
        if (critical)
            low.append(id);
        else if (anyKnown && allAboveHalf)
            roomy.append(id);
    }
    out.imbalanced = !low.isEmpty() && !roomy.isEmpty();
    out.answered = answered;
    for (const QString &id : std::as_const(low))
        out.lowMembers.append(nameOf.value(id));
    for (const QString &id : std::as_const(roomy))
        out.roomyMembers.append(nameOf.value(id));
    for (const QString &id : pool.memberIds) {
        const auto it = latestByAccount.constFind(id);
        if (it != latestByAccount.cend() && (!out.probedAt.isValid() || out.probedAt < it->probedAt))
            out.probedAt = it->probedAt;
    }

    if (answered == 0) {
        out.state = AccountState::NoData;
    } else if (throttled == answered) {
        out.state = AccountState::Throttled;
    } else {
        StateFacts facts;
        facts.exchange = Exchange::Answered;
        facts.quotas = std::span<const QuotaLevel>(levels.constData(), size_t(levels.size()));
        out.state = classify(facts, thresholdsFor ? thresholdsFor(QString()) : Thresholds{});
    }
    return out;
}
