#pragma once

#include "accounts/account.h"
#include "accounts/pool.h"
#include "core/accountstate.h"
#include "probe/proberesult.h"

#include <QDateTime>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

// Why accounts are known to draw from one bucket: their readings showed it, or their
// configuration says they are one user's or one organization's tokens, which the provider
// counts together.
enum class SharingBasis { Evidence, User, Organization };


// Finds, from readings alone, which accounts of one provider draw from one bucket.
//
// Two accounts' readings of one resource are compared when they were taken within
// Tuning::pairWindowMs of each other. Such a pair CONTRADICTS a shared bucket when the limits
// differ, when the resets differ by more than Tuning::resetToleranceS (unless a window ended
// between the two readings, which makes the pair say nothing), when the later reading's used
// count (used, or limit - remaining) is below the earlier one's, or when it exceeds it by more
// than the bucket can have grown in between (twice the fastest growth either account saw in its
// own last two readings of one window, times the gap), each beyond a slack (Tuning::minSlack,
// or Tuning::slackFraction of the limit when larger). Until one account has shown a growth, a
// larger later count proves nothing either way. A pair AGREES when none of that holds and the
// count has moved by more than the
// slack since the pair's last agreement: two idle tokens that happen to share a window start
// agree on nothing, since neither count moves. Tuning::agreementsNeeded agreements and no
// contradiction make the two accounts "shared"; one contradiction makes them "independent"
// for good. Failed probes (no quotas) are ignored, so an account that stops answering keeps
// what was decided about it. Shared pairs are joined transitively (union-find) per resource.
class BucketTracker
{
public:
    struct Tuning
    {
        qint64 pairWindowMs = 90'000;
        qint64 resetToleranceS = 5;
        qint64 minSlack = 3;
        double slackFraction = 0.002;
        int agreementsNeeded = 3;
        int keepPerAccount = 8; // readings kept per account and resource
    };

    enum class Decision { Undecided, Shared, Independent };

    BucketTracker() = default;
    explicit BucketTracker(const Tuning &tuning) : m_tuning(tuning) {}

    // Every probe result of every member, in the order they arrive.
    void add(const ProbeResult &result);
    // Drops all that is known about an account: its token was replaced, or it was removed, and
    // what its old token's readings said no longer holds.
    void forget(const QString &accountId);

    // Accounts given one identity key (one user's or one organization's tokens, from their
    // configuration) draw from one bucket of every resource from the start. Readings that
    // contradict it are reported (evidenceDisagrees()) but do not split them: the provider's
    // rule counts them together, and a pool counted too small is the safer mistake. An empty
    // key clears the account's identity. Kept by forget(): it comes from the configuration.
    void setIdentity(const QString &accountId, const QString &key, SharingBasis basis);
    void clearIdentities() { m_identity.clear(); }
    // Evidence unless both accounts have one identity.
    SharingBasis basis(const QString &accountA, const QString &accountB) const;
    bool evidenceDisagrees(const QString &resource, const QString &accountA, const QString &accountB) const;
    // The accounts sharing an identity, readings or not: each group sorted, two or more only.
    QList<QStringList> identityGroups() const;

    Decision decision(const QString &resource, const QString &accountA, const QString &accountB) const;
    // The accounts found to share a bucket of the resource, each group sorted, groups of two or
    // more only, ordered by their first id.
    QList<QStringList> sharedGroups(const QString &resource) const;
    // The resources some account reported, sorted.
    QStringList resources() const;
    // A key naming the bucket an account's resource draws from: the same for every account of
    // one shared group, the account id itself otherwise.
    QString bucketKey(const QString &resource, const QString &accountId) const;

private:
    struct Observation
    {
        qint64 atMs = 0;
        std::optional<qint64> limit;
        std::optional<qint64> used;
        std::optional<qint64> resetMs;
    };
    struct PairState
    {
        int agreements = 0;
        bool contradicted = false;
        std::optional<qint64> lastAgreedUsed;
    };

    void compare(const QString &resource, const QString &a, const Observation &oa, const QString &b,
                 const Observation &ob);
    std::optional<double> growthPerMs(const QList<Observation> &obs) const;
    static QString pairKey(const QString &resource, const QString &a, const QString &b);

    Tuning m_tuning;
    QHash<QString, QString> m_providerOf;                       // account id -> provider
    QHash<QString, QHash<QString, QList<Observation>>> m_obs;   // resource -> account -> readings
    QHash<QString, PairState> m_pairs;                          // pairKey -> state
    QHash<QString, std::pair<QString, SharingBasis>> m_identity; // account id -> (key, basis)
};

// Whom a provider counts an account's requests against, when the account's configuration
// says so at no cost: a Buildkite organization named in the probe path (every token of an
// organization draws from its one bucket), a Bitbucket user whose app password or API token
// the account sends (Basic auth with a username: counted per user). The key is the same for
// accounts of one bucket (provider, host, case-folded name); nothing when the configuration
// does not tell.
struct AccountIdentity
{
    QString key;
    SharingBasis basis = SharingBasis::User;
};
std::optional<AccountIdentity> accountIdentity(const Account &account);
// Gives the tracker the accounts' identities, in place of any it had.
void setIdentities(BucketTracker *tracker, const QList<Account> &accounts);

// One resource of a pool.
struct PoolQuota
{
    QString resource;
    // The buckets' window: the freshest reading's, else the provider's usual one (which only
    // labels the limit in words).
    std::optional<qint64> windowS;
    // Every member's limit counted as if each had a bucket of its own (what a pool would hold
    // if adding tokens added quota); set only when every member's limit is known.
    std::optional<qint64> memberLimitSum;
    // Sums over distinct buckets, set only when every bucket's figure is known: a sum that
    // leaves a bucket out is not the pool's headroom and is not shown as if it were.
    std::optional<qint64> limit;
    std::optional<qint64> remaining;
    // The sums over the buckets whose figures are known, and how many buckets lack one.
    std::optional<qint64> knownLimit;
    std::optional<qint64> knownRemaining;
    int bucketsWithoutLimit = 0;
    int bucketsWithoutRemaining = 0;
    std::optional<QDateTime> resetFirst;
    std::optional<QDateTime> resetLast;
    int buckets = 0;
    QStringList throttledMembers; // names

    bool partial() const { return bucketsWithoutLimit > 0 || bucketsWithoutRemaining > 0; }
};

// Members of a pool that draw from one bucket of one resource.
struct SharedBucket
{
    QString resource;
    QStringList members; // names, in the pool's order
    std::optional<qint64> limit;
    std::optional<qint64> windowS;
    SharingBasis basis = SharingBasis::Evidence;
    // The configuration says one bucket, yet the readings disagree: counted once all the same
    // (a pool counted too small is safer than one counted too large), and said.
    bool evidenceDisagrees = false;
};

struct PoolReading
{
    QString pool;
    QString provider;
    AccountState state = AccountState::NoData;
    QStringList members; // names
    QList<PoolQuota> quotas;
    QList<QStringList> shared; // names of accounts sharing one bucket, one list per bucket
    bool imbalanced = false;
    // Who makes it imbalanced (names): members throttled or under their critical threshold,
    // and members with more than half of every quota left.
    QStringList lowMembers;
    QStringList roomyMembers;
    int answered = 0;   // members whose latest probe answered (a failed probe is no answer)
    QDateTime probedAt; // the freshest member reading's time
    // One entry per resource and group; `shared` lists each group once.
    QList<SharedBucket> sharedBuckets;

    // The pool's line of `probe --json` / `watch --json`.
    QJsonObject toJson() const;
    // The finding in plain words, e.g. "3 GitHub tokens draw from one 5,000/h bucket: this
    // pool holds 5,000/h, not 15,000/h"; empty when nothing is shared. Each group is told once
    // (with the first resource it shares), members named when not the whole pool.
    QString sharingExplanation() const;
    // The pool as a result of its own, for the alerts: account id Pool::accountIdOf(pool), its
    // name as the account's, its state, and per resource the sums (set only when every bucket's
    // figure is known) with the first reset: that is when headroom comes back, so a forecast
    // that the pool runs dry before it means a stretch with none. Throttled only when every
    // member that answered is.
    ProbeResult toProbeResult() const;
};

// "5,000/h", "600/min", "1,000 per 2 h"; the number alone when the window is unknown.
QString limitPerWindowText(qint64 limit, std::optional<qint64> windowS);
// One group in words: "3 tokens of one GitHub user share one 5,000/h bucket". `providerName`
// is the preset's display name; `nameMembers` appends the members' names in brackets.
QString sharedBucketText(const QString &providerName, const SharedBucket &bucket, bool nameMembers);
// The per-account form, for `account list`: "shares one 5,000/h bucket with deploy-bot, ci-2"
// (the other accounts' names; no limit: "shares one bucket with ...").
QString sharedWithText(const QStringList &others, std::optional<qint64> limit, std::optional<qint64> windowS);

// The pool's reading from its members' latest results. A bucket shared by several members
// counts once, with the freshest member's reading of it. The state: throttled when every member
// that answered (a probe that failed is no answer) is throttled, otherwise classify() (with the
// global thresholds) on the sums over the buckets whose level is known; no data when no member
// answered. Imbalanced: a member is
// throttled or has a quota under its critical threshold while another member, not throttled,
// has more than half of every quota it reports left. A member without a result is named by its
// id.
PoolReading computePoolReading(const Pool &pool, const QHash<QString, ProbeResult> &latestByAccount,
                               const BucketTracker &tracker, const ThresholdsFor &thresholdsFor);
