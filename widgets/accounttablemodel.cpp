#include "accounttablemodel.h"

#include "core/clock.h"
#include "quota/preset.h"
#include "statestyle.h"

#include <QCoreApplication>
#include <QLocale>
#include <QVarLengthArray>

#include <algorithm>
#include <limits>

namespace {

std::optional<double> fractionOf(const std::optional<qint64> &remaining, const std::optional<qint64> &limit)
{
    if (!remaining || !limit || *limit <= 0)
        return std::nullopt;
    return std::clamp(double(*remaining) / double(*limit), 0.0, 1.0);
}

// Which credentials of a provider report quota at all, where the preset's own note does not
// say it plainly enough for a reading that lacks a remaining count.
struct QuotaNote
{
    const char *presetId;
    const char *text;
};
const QuotaNote kQuotaNotes[] = {
    {"bitbucket", QT_TRANSLATE_NOOP("AccountTableModel",
                                    "Only repository, project and workspace access tokens report their limit; "
                                    "no Bitbucket token reports remaining or reset. App passwords, API tokens "
                                    "and OAuth consumers get no rate-limit headers at all.")},
};

} // namespace

AccountTableModel::AccountTableModel(QObject *parent)
    : QAbstractItemModel(parent)
{
}

QModelIndex AccountTableModel::index(int row, int column, const QModelIndex &parent) const
{
    if (row < 0 || column < 0 || column >= ColumnCount)
        return {};
    if (!parent.isValid())
        return row < m_layout.top.size() ? createIndex(row, column, quintptr(0)) : QModelIndex();
    if (parent.model() != this || parent.column() != 0 || row >= rowCount(parent))
        return {};
    // Only pools and accounts have children, and both have keys.
    const Ref ref = resolve(parent);
    const quintptr key = ref.pool ? ref.pool->key : ref.account->key;
    return createIndex(row, column, key);
}

QModelIndex AccountTableModel::parent(const QModelIndex &child) const
{
    if (!child.isValid() || child.internalId() == 0)
        return {};
    const auto it = m_layout.nodes.constFind(child.internalId());
    if (it == m_layout.nodes.cend())
        return {};
    return createIndex(it->row, 0, it->parentKey);
}

int AccountTableModel::rowCount(const QModelIndex &parent) const
{
    if (!parent.isValid())
        return int(m_layout.top.size());
    if (parent.column() != 0)
        return 0;
    const Ref ref = resolve(parent);
    if (ref.pool)
        return int(m_layout.members.value(ref.pool->key).size());
    if (ref.account && !ref.resource) {
        // One resource is already on the account's row.
        const auto n = ref.account->resources.size();
        return n > 1 ? int(n) : 0;
    }
    return 0;
}

int AccountTableModel::columnCount(const QModelIndex &parent) const
{
    // Children exist only under column 0, but every level has the same columns.
    if (parent.isValid() && parent.column() != 0)
        return 0;
    return ColumnCount;
}

AccountTableModel::Ref AccountTableModel::resolve(const QModelIndex &index) const
{
    Ref ref;
    if (!index.isValid() || index.model() != this)
        return ref;
    const auto nodeRef = [&](quintptr key) {
        const Node n = m_layout.nodes.value(key);
        if (n.index < 0)
            return;
        if (n.isPool)
            ref.pool = &m_pools.at(n.index);
        else
            ref.account = &m_rows.at(n.index);
    };
    if (index.internalId() == 0) {
        if (index.row() < m_layout.top.size())
            nodeRef(m_layout.top.at(index.row()));
        return ref;
    }
    const auto parentNode = m_layout.nodes.constFind(index.internalId());
    if (parentNode == m_layout.nodes.cend())
        return ref;
    if (parentNode->isPool) {
        const QList<quintptr> members = m_layout.members.value(index.internalId());
        if (index.row() < members.size())
            nodeRef(members.at(index.row()));
        return ref;
    }
    const AccountRow &a = m_rows.at(parentNode->index);
    if (index.row() < a.resources.size()) {
        ref.account = &a;
        ref.resource = &a.resources.at(index.row());
    }
    return ref;
}

const AccountTableModel::AccountRow *AccountTableModel::accountRowFor(const QModelIndex &index) const
{
    return resolve(index).account;
}

const AccountTableModel::ResourceRow *AccountTableModel::resourceRowFor(const QModelIndex &index) const
{
    return resolve(index).resource;
}

const AccountTableModel::ResourceRow *AccountTableModel::mostRestrictive(const AccountRow &a) const
{
    const ResourceRow *best = nullptr;
    double bestFraction = 2.0;
    for (const ResourceRow &r : a.resources) {
        const double f = fractionOf(r.remaining, r.limit).value_or(1.5);
        if (!best || f < bestFraction) {
            best = &r;
            bestFraction = f;
        }
    }
    return best;
}

AccountState AccountTableModel::stateOf(const AccountRow &a, const ResourceRow *r) const
{
    const QDateTime now = Clock::instance()->nowUtc();
    QVarLengthArray<QuotaLevel, 8> levels;
    if (r) {
        levels.append(QuotaLevel{r->remaining, r->limit, r->nearLimit});
    } else {
        for (const ResourceRow &res : a.resources)
            levels.append(QuotaLevel{res.remaining, res.limit, res.nearLimit});
    }
    StateFacts facts;
    facts.exchange = a.rateLimitingDisabled ? Exchange::Unlimited : a.exchange;
    // A refusal that named no resume time stands until the next answer says otherwise: the
    // attention list, the tray and the event log call it throttled too.
    facts.throttleOver = a.resumesAt && *a.resumesAt <= now;
    // An exhausted quota is not probed again before its reset (the scheduler sends nothing
    // before it): its reading stands until then, so staleness counts from that reset.
    QDateTime freshSince = a.lastSuccess;
    for (const ResourceRow &res : a.resources) {
        if (res.remaining == 0 && res.resetAt && *res.resetAt > freshSince)
            freshSince = *res.resetAt;
    }
    facts.stale = a.lastSuccess.isValid() && freshSince.secsTo(now) > m_staleAfterS;
    facts.quotas = std::span<const QuotaLevel>(levels.constData(), size_t(levels.size()));
    return classify(facts, thresholdsFor(a.account.id));
}

Thresholds AccountTableModel::thresholdsFor(const QString &accountId) const
{
    return m_thresholds ? m_thresholds(accountId) : Thresholds{};
}

void AccountTableModel::setThresholds(ThresholdsFor thresholds)
{
    m_thresholds = std::move(thresholds);
    tick();
}

qint64 AccountTableModel::costPerHour(const AccountRow &a) const
{
    const QDateTime since = Clock::instance()->nowUtc().addSecs(-3600);
    qint64 sum = 0;
    for (const auto &[time, cost] : a.costs) {
        if (time >= since)
            sum += cost;
    }
    return sum;
}

QString AccountTableModel::formatDuration(qint64 s)
{
    if (s < 0)
        s = 0;
    if (s < 60)
        return tr("%1 s").arg(s);
    if (s < 3600)
        return tr("%1 min %2 s").arg(s / 60).arg(s % 60, 2, 10, QChar(u'0'));
    if (s < 86400)
        return tr("%1 h %2 min").arg(s / 3600).arg((s % 3600) / 60, 2, 10, QChar(u'0'));
    return tr("%1 d %2 h").arg(s / 86400).arg((s % 86400) / 3600);
}

QString AccountTableModel::resourceLabel(const QString &resource)
{
    return resource.isEmpty() ? tr("requests") : resource;
}

std::optional<qint64> AccountTableModel::windowOf(const AccountRow &a, const ResourceRow &r) const
{
    if (r.windowS)
        return r.windowS;
    // The preset's window is what the provider documents; it only labels the limit here.
    if (const Preset *p = Preset::find(a.account.presetId); p && p->defaultWindowS > 0)
        return p->defaultWindowS;
    return std::nullopt;
}

QString AccountTableModel::remainingText(const AccountRow &a, const ResourceRow *shown) const
{
    if (!shown || (!shown->remaining && !shown->limit))
        return a.reason.isEmpty() ? QStringLiteral("—") : a.reason;
    const bool documented = shown->limitSource == LimitSource::Documented;
    const QLocale locale;
    if (shown->remaining) {
        if (!shown->limit)
            return locale.toString(*shown->remaining);
        if (documented)
            return tr("%1 / %2 (documented)").arg(locale.toString(*shown->remaining), locale.toString(*shown->limit));
        return tr("%1 / %2").arg(locale.toString(*shown->remaining), locale.toString(*shown->limit));
    }
    // A limit and nothing else: say what it is, never suggest how much is left.
    const QString limit = limitPerWindowText(*shown->limit, windowOf(a, *shown));
    QString text;
    if (documented)
        text = tr("documented limit %1").arg(limit);
    else if (shown->limitSource)
        text = tr("limit %1").arg(limit);
    else
        text = tr("last known limit %1").arg(limit);
    if (shown->nearLimit) {
        QString flag;
        if (!*shown->nearLimit)
            flag = tr("not near limit");
        else if (a.account.presetId == QStringLiteral("bitbucket"))
            flag = tr("near limit (under 20 % left)");
        else
            flag = tr("near limit");
        text = tr("%1 · %2").arg(text, flag);
    }
    // No headers at all: the 429s are the only signal the provider gives.
    if (!a.reason.isEmpty() && a.throttles24h > 0)
        text = tr("%1 · %2 × 429").arg(text).arg(a.throttles24h);
    return text;
}

QString AccountTableModel::resetText(const ResourceRow *shown) const
{
    if (!shown || !shown->resetAt)
        return QStringLiteral("—");
    return countdownText(*shown->resetAt);
}

QString AccountTableModel::countdownText(const QDateTime &at)
{
    const QDateTime now = Clock::instance()->nowUtc();
    if (at > now)
        return formatDuration(now.secsTo(at));
    // The reset has passed and no reading since says what the new window holds: say when it
    // was, not a bare "reset" or "0 s" that reads as a stuck clock.
    return tr("reset %1, awaiting probe").arg(QLocale().toString(at.toLocalTime().time(), QLocale::ShortFormat));
}

QList<int> AccountTableModel::columnsByPriority()
{
    return {Name, State, Remaining, Trend, Reset, Resource, LastProbe, Provider, Cost};
}

QString AccountTableModel::explanationOf(const AccountRow &a, const ResourceRow *r) const
{
    const ResourceRow *shown = r ? r : mostRestrictive(a);
    // A failed probe explains itself (its error); this is for answers that lack a count.
    const bool answered = a.exchange == Exchange::Answered || a.exchange == Exchange::Throttled;
    const bool noRemaining = !a.rateLimitingDisabled && (!shown || !shown->remaining);
    QStringList lines;
    if (answered && noRemaining && a.lastProbe.isValid()) {
        const Preset *preset = Preset::find(a.account.presetId);
        const QString provider = preset ? preset->displayName : a.account.presetId;
        if (!a.reason.isEmpty())
            lines << a.reason;
        if (shown && shown->limit) {
            const QString limit = limitPerWindowText(*shown->limit, windowOf(a, *shown));
            if (shown->limitSource == LimitSource::Documented)
                lines << tr("Documented limit: %1, from %2's documentation, not measured: the responses carry "
                            "no limit.")
                             .arg(limit, provider);
            else if (shown->limitSource)
                lines << tr("%1 reports the limit (%2) but no remaining count and no reset, so how much is left "
                            "is unknown.")
                             .arg(provider, limit);
            else
                lines << tr("Last stored limit: %1; the next probe says whether the provider reported it.").arg(limit);
        }
        QString note;
        for (const QuotaNote &n : kQuotaNotes) {
            if (a.account.presetId == QString::fromLatin1(n.presetId))
                note = tr(n.text);
        }
        if (note.isEmpty() && preset)
            note = preset->notes;
        // A reason already says which credentials get headers.
        if (!note.isEmpty() && a.reason.isEmpty())
            lines << note;
        lines << tr("Own cost: %n request(s) in the last hour.", nullptr, int(costPerHour(a)));
        if (a.throttles24h >= 0)
            lines << tr("429s in the last 24 h: %1.").arg(a.throttles24h);
    }
    if (!a.pattern.isEmpty())
        lines << a.pattern;
    return lines.join(u'\n');
}

QString AccountTableModel::explanation(const QString &accountId) const
{
    const int row = rowOfAccount(accountId);
    return row < 0 ? QString() : explanationOf(m_rows.at(row), nullptr);
}

bool AccountTableModel::isShared(const AccountRow &a) const
{
    const PoolRow *p = poolOf(a.account.id);
    if (!p || !p->reading)
        return false;
    for (const QStringList &group : p->reading->shared) {
        if (group.contains(a.account.name) || group.contains(a.account.id))
            return true;
    }
    return false;
}

const PoolQuota *AccountTableModel::shownQuota(const PoolRow &p) const
{
    if (!p.reading)
        return nullptr;
    const PoolQuota *best = nullptr;
    double bestFraction = 2.0;
    for (const PoolQuota &q : p.reading->quotas) {
        // The share of the buckets whose level is known stands for a partial sum.
        const double f = fractionOf(q.remaining ? q.remaining : q.knownRemaining, q.limit ? q.limit : q.knownLimit)
                             .value_or(1.5);
        if (!best || f < bestFraction) {
            best = &q;
            bestFraction = f;
        }
    }
    return best;
}

AccountState AccountTableModel::poolStateOf(const PoolRow &p) const
{
    return p.reading ? p.reading->state : AccountState::NoData;
}

QString AccountTableModel::poolRemainingText(const PoolRow &p) const
{
    const PoolQuota *q = shownQuota(p);
    if (!q || (!q->knownRemaining && !q->knownLimit))
        return QStringLiteral("—");
    const QLocale locale;
    // A sum that leaves out a bucket is a lower bound, and says so; an unknown figure is a dash.
    const auto figure = [&](const std::optional<qint64> &total, const std::optional<qint64> &known) {
        if (total)
            return locale.toString(*total);
        if (known)
            return tr("≥ %1").arg(locale.toString(*known));
        return QStringLiteral("—");
    };
    QString text = tr("%1 / %2").arg(figure(q->remaining, q->knownRemaining), figure(q->limit, q->knownLimit));
    if (q->partial()) {
        const int unknown = std::max(q->bucketsWithoutRemaining, q->bucketsWithoutLimit);
        text = tr("%1 · %n bucket(s) unknown", nullptr, unknown).arg(text);
    }
    if (p.reading->quotas.size() > 1)
        text = tr("%1 · %2").arg(resourceLabel(q->resource), text);
    return text;
}

QString AccountTableModel::poolExplanation(const PoolRow &p) const
{
    QStringList lines;
    if (!p.reading) {
        lines << tr("No reading yet: the pool's figures follow once each member has answered.");
        return lines.join(u'\n');
    }
    const PoolReading &r = *p.reading;
    const QString sharing = r.sharingExplanation();
    if (!sharing.isEmpty())
        lines << sharing;
    if (r.imbalanced) {
        // Who is starved and who idles, from the members' rows.
        QStringList low;
        QStringList roomy;
        for (const AccountRow *a : membersOf(p)) {
            const AccountState s = stateOf(*a, nullptr);
            if (s == AccountState::Throttled || s == AccountState::Critical) {
                low << a->account.name;
                continue;
            }
            bool allAboveHalf = !a->resources.isEmpty();
            for (const ResourceRow &res : a->resources)
                allAboveHalf = allAboveHalf && fractionOf(res.remaining, res.limit).value_or(0.0) > 0.5;
            if (allAboveHalf)
                roomy << a->account.name;
        }
        if (!low.isEmpty() && !roomy.isEmpty())
            lines << tr("Load balancing looks broken: %1 throttled or nearly empty while %2 has more than half left.")
                         .arg(low.join(QStringLiteral(", ")), roomy.join(QStringLiteral(", ")));
        else
            lines << tr("Load balancing looks broken: a member is throttled or nearly empty while another has more "
                        "than half left.");
    }
    for (const PoolQuota &q : r.quotas) {
        if (q.partial())
            lines << tr("%1: %n bucket(s) report no remaining count or limit; the figures are the sums over the "
                        "others, so the pool holds at least that much.",
                        nullptr, std::max(q.bucketsWithoutRemaining, q.bucketsWithoutLimit))
                         .arg(resourceLabel(q.resource));
        if (!q.throttledMembers.isEmpty())
            lines << tr("Throttled: %1.").arg(q.throttledMembers.join(QStringLiteral(", ")));
        if (q.resetFirst && q.resetLast && *q.resetFirst != *q.resetLast)
            lines << tr("%1 resets between %2 and %3.")
                         .arg(resourceLabel(q.resource),
                              QLocale().toString(q.resetFirst->toLocalTime().time(), QLocale::ShortFormat),
                              QLocale().toString(q.resetLast->toLocalTime().time(), QLocale::ShortFormat));
    }
    lines << tr("Members: %1.").arg(r.members.join(QStringLiteral(", ")));
    return lines.join(u'\n');
}

QVariant AccountTableModel::poolDisplayData(const PoolRow &p, int column) const
{
    const PoolQuota *q = shownQuota(p);
    const QList<const AccountRow *> members = membersOf(p);
    switch (column) {
    case Name:
        return p.pool.name;
    case Provider:
        if (const Preset *preset = Preset::find(p.pool.presetId))
            return preset->displayName;
        return p.pool.presetId;
    case Resource: {
        if (!q)
            return tr("pool of %n", nullptr, int(p.pool.memberIds.size()));
        const auto n = int(p.reading->quotas.size());
        return n > 1 ? tr("%1 · lowest of %n", nullptr, n).arg(resourceLabel(q->resource)) : resourceLabel(q->resource);
    }
    case Remaining:
        return poolRemainingText(p);
    case Trend:
        return {};
    case Reset: {
        if (!q || !q->resetFirst)
            return QStringLiteral("—");
        // Buckets that reset within a minute of each other read as one reset.
        if (!q->resetLast || q->resetFirst->secsTo(*q->resetLast) < 60)
            return countdownText(*q->resetFirst);
        // A range in whole minutes: two ticking second counts would not fit nor read.
        const QDateTime now = Clock::instance()->nowUtc();
        const auto coarse = [&](const QDateTime &at) {
            const qint64 s = now.secsTo(at);
            if (s < 60)
                return formatDuration(s);
            if (s < 3600)
                return tr("%1 min").arg((s + 59) / 60);
            return formatDuration(s);
        };
        if (*q->resetFirst > now)
            return tr("%1 – %2").arg(coarse(*q->resetFirst), coarse(*q->resetLast));
        return tr("%1 – %2").arg(countdownText(*q->resetFirst), coarse(*q->resetLast));
    }
    case State:
        return accountStateId(poolStateOf(p));
    case LastProbe: {
        QDateTime latest;
        for (const AccountRow *a : members) {
            if (a->lastProbe.isValid() && (!latest.isValid() || a->lastProbe > latest))
                latest = a->lastProbe;
        }
        if (!latest.isValid())
            return QStringLiteral("—");
        return tr("%1 ago").arg(formatDuration(latest.secsTo(Clock::instance()->nowUtc())));
    }
    case Cost: {
        qint64 sum = 0;
        for (const AccountRow *a : members)
            sum += costPerHour(*a);
        return tr("%1/h").arg(sum);
    }
    }
    return {};
}

QVariant AccountTableModel::poolData(const PoolRow &p, int column, int role) const
{
    const PoolQuota *q = shownQuota(p);
    const auto complete = [&](const std::optional<qint64> &v) { return v ? QVariant(*v) : QVariant(); };
    switch (role) {
    case Qt::DisplayRole:
        return poolDisplayData(p, column);
    case Qt::ToolTipRole: {
        if (column == Reset && q && q->resetFirst) {
            const QLocale locale;
            const QString first = locale.toString(q->resetFirst->toLocalTime(), QLocale::LongFormat);
            if (!q->resetLast || *q->resetLast == *q->resetFirst)
                return first;
            return tr("%1 – %2").arg(first, locale.toString(q->resetLast->toLocalTime(), QLocale::LongFormat));
        }
        const QString text = poolExplanation(p);
        return QStringLiteral("<qt>%1</qt>").arg(text.toHtmlEscaped().replace(u'\n', QStringLiteral("<br>")));
    }
    case Qt::TextAlignmentRole:
        if (column == Cost || column == Reset || column == LastProbe)
            return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case AccountIdRole:
        return QString(QStringLiteral("pool:") + p.pool.name);
    case ResourceRole:
        return QString();
    case StateRole:
        return int(poolStateOf(p));
    case QuotaStateRole:
        if (!q || !q->remaining || !q->limit)
            return int(AccountState::NoData);
        return int(classifyQuota(QuotaLevel{q->remaining, q->limit, std::nullopt}, thresholdsFor(QString())));
    case ResumesAtRole:
        return {};
    case FractionRole:
        if (const auto f = q ? fractionOf(q->remaining, q->limit) : std::nullopt)
            return *f;
        return {};
    case RemainingRole:
        return q ? complete(q->remaining) : QVariant();
    case LimitRole:
        return q ? complete(q->limit) : QVariant();
    case ResetAtRole:
        return q && q->resetFirst ? QVariant(*q->resetFirst) : QVariant();
    case SortRole:
        switch (column) {
        case Name: return p.pool.name.toLower();
        case Provider: return p.pool.presetId;
        case Resource: return q ? q->resource : QString();
        case Remaining:
        case Trend: return q ? fractionOf(q->remaining, q->limit).value_or(2.0) : 2.0;
        case Reset:
            return q && q->resetFirst ? q->resetFirst->toMSecsSinceEpoch() : std::numeric_limits<qint64>::max();
        case State: return poolData(p, column, SeverityRole);
        default: return QVariant(qint64(0));
        }
    case IsAccountRowRole:
        return false;
    case ExplanationRole:
        return poolExplanation(p);
    case SeverityRole: {
        // A pool ranks with its worst member, so a throttled token is not sorted out of sight
        // under a pool that still has headroom.
        int worst = StateStyle::severity(poolStateOf(p)) * 2 + (p.reading && p.reading->imbalanced ? 1 : 0);
        for (const AccountRow *a : membersOf(p))
            worst = std::max(worst, StateStyle::severity(stateOf(*a, nullptr)) * 2);
        return worst;
    }
    case IsPoolRowRole:
        return true;
    case PoolNameRole:
        return p.pool.name;
    case ImbalancedRole:
        return p.reading && p.reading->imbalanced;
    case SharedBucketRole:
        return false;
    case ShownResourceRole:
        return q ? QVariant(q->resource) : QVariant();
    }
    return {};
}

QStringList AccountTableModel::poolTrendMembers(const QString &poolName, const QString &resource) const
{
    const int row = rowOfPool(poolName);
    if (row < 0)
        return {};
    const PoolRow &p = m_pools.at(row);
    QStringList out;
    QList<QStringList> groupsTaken;
    for (const AccountRow *a : membersOf(p)) {
        bool counted = false;
        if (p.reading) {
            // The resource's own groups when the reading names them, else every shared group.
            QList<QStringList> groups;
            for (const SharedBucket &b : p.reading->sharedBuckets) {
                if (b.resource == resource)
                    groups.append(b.members);
            }
            if (groups.isEmpty())
                groups = p.reading->shared;
            for (const QStringList &group : groups) {
                if (!group.contains(a->account.name) && !group.contains(a->account.id))
                    continue;
                counted = groupsTaken.contains(group);
                if (!counted)
                    groupsTaken.append(group);
            }
        }
        if (!counted)
            out.append(a->account.id);
    }
    return out;
}

QString AccountTableModel::poolResource(const QString &poolName) const
{
    const int row = rowOfPool(poolName);
    if (row < 0)
        return {};
    const PoolQuota *q = shownQuota(m_pools.at(row));
    return q ? q->resource : QString();
}

void AccountTableModel::setThrottleSummary(const QString &accountId, int throttles24h, const QString &pattern)
{
    const int row = rowOfAccount(accountId);
    if (row < 0)
        return;
    AccountRow &a = m_rows[row];
    if (a.throttles24h == throttles24h && a.pattern == pattern)
        return;
    a.throttles24h = throttles24h;
    a.pattern = pattern;
    emitRowChanged(row);
}

void AccountTableModel::setPollers(const QHash<QString, QString> &pollers, const QString &self,
                                   const QSet<QString> &withoutToken)
{
    QHash<QString, QString> elsewhere;
    // host:pid names the process; the rest of a holder's name only tells two runs apart.
    for (auto it = pollers.cbegin(); it != pollers.cend(); ++it)
        if (it.value() != self)
            elsewhere.insert(it.key(), it.value().section(u':', 0, 1));
    if (m_pollers == elsewhere && m_withoutToken == withoutToken)
        return;
    m_pollers = elsewhere;
    m_withoutToken = withoutToken;
    for (int row = 0; row < m_rows.size(); ++row)
        emitRowChanged(row);
}

bool AccountTableModel::isReadOnly(const QString &accountId) const
{
    return rowOfAccount(accountId) >= 0 && m_withoutToken.contains(accountId);
}

QString AccountTableModel::pollerElsewhere(const QString &accountId) const
{
    return m_pollers ? m_pollers->value(accountId) : QString();
}

int AccountTableModel::polledElsewhereCount() const
{
    int n = 0;
    for (const AccountRow &a : m_rows)
        n += m_pollers && m_pollers->contains(a.account.id) ? 1 : 0;
    return n;
}

QString AccountTableModel::pollerNote(const QString &accountId) const
{
    if (!m_pollers)
        return {};
    QStringList lines;
    if (const QString other = m_pollers->value(accountId); !other.isEmpty())
        lines << tr("Polled by %1; this window shows what it records.").arg(other);
    if (m_withoutToken.contains(accountId))
        lines << tr("This machine has no token for this account: it is shown read-only.");
    return lines.join(u'\n');
}

QVariant AccountTableModel::displayData(const AccountRow &a, const ResourceRow *r, int column) const
{
    const QDateTime now = Clock::instance()->nowUtc();
    const bool accountRow = r == nullptr;
    const ResourceRow *shown = r ? r : mostRestrictive(a);
    switch (column) {
    case Name:
        // A resource row names its resource where the tree's first column reads, so it stays
        // labelled when a narrow window hides the Resource column.
        return accountRow ? a.account.name : resourceLabel(r->resource);
    case Provider:
        if (!accountRow)
            return {};
        if (const Preset *p = Preset::find(a.account.presetId))
            return p->displayName;
        return a.account.presetId;
    case Resource: {
        if (!accountRow)
            return QString(); // named in the first column
        if (!shown)
            return QString();
        QString text = resourceLabel(shown->resource);
        // Several resources: say which one the row shows, and why that one.
        if (a.resources.size() > 1) {
            const int n = int(a.resources.size());
            text = fractionOf(shown->remaining, shown->limit) ? tr("%1 · lowest of %n", nullptr, n).arg(text)
                                                              : tr("%1 · 1 of %n", nullptr, n).arg(text);
        }
        return text;
    }
    case Remaining: {
        if (a.rateLimitingDisabled)
            return QStringLiteral("∞");
        const QString text = remainingText(a, shown);
        if (accountRow && a.resources.size() > 1 && shown)
            return tr("%1 · %2").arg(resourceLabel(shown->resource), text);
        return text;
    }
    case Trend:
        return {};
    case Reset:
        return resetText(shown);
    case State:
        return accountStateId(stateOf(a, r));
    case LastProbe:
        if (!accountRow)
            return {};
        if (!a.lastProbe.isValid())
            return QStringLiteral("—");
        if (const QString other = pollerElsewhere(a.account.id); !other.isEmpty()) {
            // Whole minutes after the first: the poller's name has to fit beside them.
            const qint64 age = std::max<qint64>(0, a.lastProbe.secsTo(now));
            const QString ago = age >= 60 && age < 3600 ? tr("%1 min").arg(age / 60) : formatDuration(age);
            return tr("%1 ago by %2").arg(ago, other);
        }
        return tr("%1 ago").arg(formatDuration(a.lastProbe.secsTo(now)));
    case Cost:
        if (!accountRow)
            return {};
        return tr("%1/h").arg(costPerHour(a));
    }
    return {};
}

QVariant AccountTableModel::sortData(const AccountRow &a, const ResourceRow *r, int column) const
{
    const ResourceRow *shown = r ? r : mostRestrictive(a);
    switch (column) {
    case Name:
        return r ? r->resource.toLower() : a.account.name.toLower();
    case Provider:
        return a.account.presetId;
    case Resource:
        return shown ? shown->resource : QString();
    case Remaining:
    case Trend:
        // Unknown and unlimited sort after every known fraction.
        if (a.rateLimitingDisabled)
            return 3.0;
        return shown ? fractionOf(shown->remaining, shown->limit).value_or(2.0) : 2.0;
    case Reset:
        return shown && shown->resetAt ? shown->resetAt->toMSecsSinceEpoch() : std::numeric_limits<qint64>::max();
    case State:
        return StateStyle::severity(stateOf(a, r)) * 2;
    case LastProbe:
        return a.lastProbe.isValid() ? -a.lastProbe.toMSecsSinceEpoch() : std::numeric_limits<qint64>::max();
    case Cost:
        return costPerHour(a);
    }
    return {};
}

QVariant AccountTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const Ref ref = resolve(index);
    if (ref.pool)
        return poolData(*ref.pool, index.column(), role);
    if (!ref.account)
        return {};
    const AccountRow *a = ref.account;
    const ResourceRow *r = ref.resource;
    const ResourceRow *shown = r ? r : mostRestrictive(*a);

    switch (role) {
    case Qt::DisplayRole:
        return displayData(*a, r, index.column());
    case Qt::ToolTipRole:
        if (index.column() == State && !a->error.isEmpty())
            return a->error;
        if (index.column() == Reset && shown && shown->resetAt)
            return QLocale().toString(shown->resetAt->toLocalTime(), QLocale::LongFormat);
        // The row's own words: what is missing and why, on the account row and the bar.
        if (index.column() == Remaining || r == nullptr) {
            QString text = explanationOf(*a, r);
            if (const QString note = r == nullptr ? pollerNote(a->account.id) : QString(); !note.isEmpty())
                text = (text.isEmpty() ? QString() : text + u'\n') + note;
            if (r == nullptr && isShared(*a)) {
                const QString pool = poolOf(a->account.id)->pool.name;
                text = (text.isEmpty() ? QString() : text + u'\n')
                    + tr("Shares one bucket with other members of the pool “%1”: their tokens draw from the same quota.")
                          .arg(pool);
            }
            // Rich text, so a long explanation wraps instead of spanning the screen.
            if (!text.isEmpty())
                return QStringLiteral("<qt>%1</qt>").arg(text.toHtmlEscaped().replace(u'\n', QStringLiteral("<br>")));
        }
        return {};
    case Qt::TextAlignmentRole:
        if (index.column() == Cost || index.column() == Reset || index.column() == LastProbe)
            return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case AccountIdRole:
        return a->account.id;
    case ResourceRole:
        return r ? r->resource : QString();
    case StateRole:
        return int(stateOf(*a, r));
    case QuotaStateRole:
        if (a->rateLimitingDisabled || !shown)
            return int(AccountState::NoData);
        return int(classifyQuota(QuotaLevel{shown->remaining, shown->limit, shown->nearLimit},
                                 thresholdsFor(a->account.id)));
    case ResumesAtRole:
        return a->resumesAt ? QVariant(*a->resumesAt) : QVariant();
    case FractionRole:
        if (a->rateLimitingDisabled || !shown)
            return {};
        if (const auto f = fractionOf(shown->remaining, shown->limit))
            return *f;
        return {};
    case RemainingRole:
        return shown && shown->remaining ? QVariant(*shown->remaining) : QVariant();
    case LimitRole:
        return shown && shown->limit ? QVariant(*shown->limit) : QVariant();
    case ResetAtRole:
        return shown && shown->resetAt ? QVariant(*shown->resetAt) : QVariant();
    case SortRole:
        return sortData(*a, r, index.column());
    case IsAccountRowRole:
        return r == nullptr;
    case LimitSourceRole:
        return shown && shown->limit && shown->limitSource ? QVariant(int(*shown->limitSource)) : QVariant();
    case NearLimitRole:
        return shown && shown->nearLimit ? QVariant(*shown->nearLimit) : QVariant();
    case ExplanationRole:
        return explanationOf(*a, r);
    case SeverityRole:
        return StateStyle::severity(stateOf(*a, r)) * 2;
    case IsPoolRowRole:
    case ImbalancedRole:
        return false;
    case PoolNameRole: {
        const PoolRow *p = poolOf(a->account.id);
        return p ? p->pool.name : QString();
    }
    case SharedBucketRole:
        return r == nullptr && isShared(*a);
    case ShownResourceRole:
        return shown ? QVariant(shown->resource) : QVariant();
    }
    return {};
}

QVariant AccountTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return {};
    if (role == Qt::ToolTipRole) {
        switch (section) {
        case Remaining:
            return tr("What is left of the quota and its limit. An account with several resources shows its "
                      "lowest and names it; a pool shows the sum over its distinct buckets.");
        case Trend:
            return tr("The last 24 hours of the quota in % left. Light ticks: resets. Red marks: refusals (HTTP 429). "
                      "Point at it for the reading at that time.");
        case Reset:
            return tr("Time until the quota resets; once passed, when it reset, until the next probe reads the new window.");
        case State:
            return tr("The worst condition first: throttled, auth failed, critical, error, warning, stale, no data, OK.");
        case Cost:
            return tr("Own cost: the requests Headroom's own probes made to this provider in the last hour. "
                      "Most probes are free; a paid one counts against the quota it watches.");
        default:
            return {};
        }
    }
    if (role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Name: return tr("Name");
    case Provider: return tr("Provider");
    case Resource: return tr("Resource");
    case Remaining: return tr("Remaining / limit");
    case Trend: return tr("Trend");
    case Reset: return tr("Resets in");
    case State: return tr("State");
    case LastProbe: return tr("Last probe");
    case Cost: return tr("Cost");
    }
    return {};
}

AccountTableModel::Layout AccountTableModel::layoutOf() const
{
    Layout l;
    QHash<QString, int> rowOfId;
    for (int i = 0; i < m_rows.size(); ++i)
        rowOfId.insert(m_rows.at(i).account.id, i);
    QHash<QString, bool> pooled;
    QList<QPair<quintptr, int>> poolTop;
    for (int p = 0; p < m_pools.size(); ++p) {
        const PoolRow &pool = m_pools.at(p);
        QList<quintptr> &members = l.members[pool.key];
        for (const QString &id : pool.pool.memberIds) {
            const int row = rowOfId.value(id, -1);
            // An account is in one pool at most; a second claim is ignored.
            if (row < 0 || pooled.contains(id))
                continue;
            pooled.insert(id, true);
            l.nodes.insert(m_rows.at(row).key, Node{false, row, pool.key, int(members.size())});
            members.append(m_rows.at(row).key);
        }
    }
    for (int i = 0; i < m_rows.size(); ++i) {
        if (pooled.contains(m_rows.at(i).account.id))
            continue;
        l.nodes.insert(m_rows.at(i).key, Node{false, i, 0, int(l.top.size())});
        l.top.append(m_rows.at(i).key);
    }
    for (int p = 0; p < m_pools.size(); ++p) {
        l.nodes.insert(m_pools.at(p).key, Node{true, p, 0, int(l.top.size())});
        l.top.append(m_pools.at(p).key);
    }
    return l;
}

void AccountTableModel::relayout()
{
    m_layout = layoutOf();
}

QModelIndex AccountTableModel::indexOfKey(quintptr key, int column) const
{
    const auto it = m_layout.nodes.constFind(key);
    if (it == m_layout.nodes.cend())
        return {};
    return createIndex(it->row, column, it->parentKey);
}

AccountTableModel::AccountRow AccountTableModel::newRow(const Account &account)
{
    AccountRow row;
    row.account = account;
    row.key = m_nextKey++;
    return row;
}

int AccountTableModel::rowOfAccount(const QString &accountId) const
{
    for (int i = 0; i < m_rows.size(); ++i) {
        if (m_rows.at(i).account.id == accountId)
            return i;
    }
    return -1;
}

int AccountTableModel::rowOfPool(const QString &name) const
{
    for (int i = 0; i < m_pools.size(); ++i) {
        if (m_pools.at(i).pool.name == name)
            return i;
    }
    return -1;
}

const AccountTableModel::PoolRow *AccountTableModel::poolOf(const QString &accountId) const
{
    const int row = rowOfAccount(accountId);
    if (row < 0)
        return nullptr;
    const Node n = m_layout.nodes.value(m_rows.at(row).key);
    if (n.parentKey == 0)
        return nullptr;
    const Node p = m_layout.nodes.value(n.parentKey);
    return p.isPool && p.index >= 0 ? &m_pools.at(p.index) : nullptr;
}

QList<const AccountTableModel::AccountRow *> AccountTableModel::membersOf(const PoolRow &p) const
{
    QList<const AccountRow *> out;
    for (quintptr key : m_layout.members.value(p.key)) {
        const Node n = m_layout.nodes.value(key);
        if (n.index >= 0)
            out.append(&m_rows.at(n.index));
    }
    return out;
}

void AccountTableModel::setAccounts(const QList<Account> &accounts)
{
    beginResetModel();
    m_rows.clear();
    for (const Account &a : accounts)
        m_rows.append(newRow(a));
    relayout();
    endResetModel();
}

void AccountTableModel::setPools(const QList<Pool> &pools)
{
    beginResetModel();
    QList<PoolRow> next;
    for (const Pool &pool : pools) {
        PoolRow row;
        row.pool = pool;
        row.key = m_nextKey++;
        // The same pool keeps its reading until the next one replaces it.
        const int old = rowOfPool(pool.name);
        if (old >= 0 && m_pools.at(old).pool == pool)
            row.reading = m_pools.at(old).reading;
        next.append(row);
    }
    m_pools = next;
    relayout();
    endResetModel();
}

QList<Pool> AccountTableModel::pools() const
{
    QList<Pool> out;
    for (const PoolRow &p : m_pools)
        out.append(p.pool);
    return out;
}

void AccountTableModel::applyPoolReading(const PoolReading &reading)
{
    const int row = rowOfPool(reading.pool);
    if (row < 0)
        return;
    m_pools[row].reading = reading;
    const QModelIndex pool = indexOfKey(m_pools.at(row).key);
    Q_EMIT dataChanged(pool, pool.siblingAtColumn(ColumnCount - 1));
    // The members' shared marks follow the reading.
    const int members = rowCount(pool);
    if (members > 0)
        emitSubtreeChanged(pool, 0, members - 1);
}

void AccountTableModel::addAccount(const Account &account)
{
    if (rowOfAccount(account.id) >= 0) {
        updateAccount(account);
        return;
    }
    // The new row stays invisible until the views are told where it goes.
    m_rows.append(newRow(account));
    const Layout next = layoutOf();
    const Node n = next.nodes.value(m_rows.last().key);
    const QModelIndex parentIndex = n.parentKey ? indexOfKey(n.parentKey) : QModelIndex();
    beginInsertRows(parentIndex, n.row, n.row);
    m_layout = next;
    endInsertRows();
}

void AccountTableModel::updateAccount(const Account &account)
{
    const int row = rowOfAccount(account.id);
    if (row < 0)
        return;
    m_rows[row].account = account;
    emitRowChanged(row);
}

void AccountTableModel::removeAccount(const QString &accountId)
{
    const int row = rowOfAccount(accountId);
    if (row < 0)
        return;
    const Node n = m_layout.nodes.value(m_rows.at(row).key);
    const QModelIndex parentIndex = n.parentKey ? indexOfKey(n.parentKey) : QModelIndex();
    beginRemoveRows(parentIndex, n.row, n.row);
    m_rows.removeAt(row);
    relayout();
    endRemoveRows();
}

QList<QPair<QString, AccountState>> AccountTableModel::accountStates() const
{
    QList<QPair<QString, AccountState>> out;
    for (const AccountRow &a : m_rows)
        out.append({a.account.name, stateOf(a, nullptr)});
    return out;
}

QList<Account> AccountTableModel::accounts() const
{
    QList<Account> out;
    out.reserve(m_rows.size());
    for (const AccountRow &r : m_rows)
        out.append(r.account);
    return out;
}

std::optional<Account> AccountTableModel::account(const QString &accountId) const
{
    const int row = rowOfAccount(accountId);
    if (row < 0)
        return std::nullopt;
    return m_rows.at(row).account;
}

void AccountTableModel::upsertResource(int accountRow, const ResourceRow &value)
{
    AccountRow &a = m_rows[accountRow];
    for (int i = 0; i < a.resources.size(); ++i) {
        if (a.resources.at(i).resource == value.resource) {
            a.resources[i] = value;
            return;
        }
    }
    const auto n = int(a.resources.size());
    if (n == 0) {
        // The first resource shows on the account's own row: no child.
        a.resources.append(value);
        return;
    }
    const QModelIndex parentIndex = indexOfKey(a.key);
    // A second resource: both become children, since the account row now summarises.
    const int first = n == 1 ? 0 : n;
    beginInsertRows(parentIndex, first, n);
    a.resources.append(value);
    endInsertRows();
}

void AccountTableModel::emitSubtreeChanged(const QModelIndex &parent, int first, int last)
{
    Q_EMIT dataChanged(index(first, 0, parent), index(last, ColumnCount - 1, parent));
    for (int row = first; row <= last; ++row) {
        const QModelIndex child = index(row, 0, parent);
        const int children = rowCount(child);
        if (children > 0)
            emitSubtreeChanged(child, 0, children - 1);
    }
}

void AccountTableModel::emitRowChanged(int accountRow)
{
    const QModelIndex account = indexOfKey(m_rows.at(accountRow).key);
    if (!account.isValid())
        return;
    emitSubtreeChanged(account.parent(), account.row(), account.row());
    // A pool row sums its members' cost and shows their latest probe.
    if (const QModelIndex pool = account.parent(); pool.isValid())
        Q_EMIT dataChanged(pool, pool.siblingAtColumn(ColumnCount - 1));
}

void AccountTableModel::applyProbeResult(const ProbeResult &result)
{
    const int row = rowOfAccount(result.accountId);
    if (row < 0)
        return;
    const QDateTime probedAt = result.probedAt.isValid() ? result.probedAt : Clock::instance()->nowUtc();
    {
        AccountRow &a = m_rows[row];
        switch (result.state) {
        case AccountState::AuthFailed: a.exchange = Exchange::AuthFailed; break;
        case AccountState::Unlimited: a.exchange = Exchange::Unlimited; break;
        case AccountState::Throttled: a.exchange = Exchange::Throttled; break;
        case AccountState::Error: a.exchange = Exchange::Failed; break;
        default: a.exchange = Exchange::Answered; break;
        }
        a.lastProbe = probedAt;
        a.error = result.error;
        a.reason = result.reason;
        a.rateLimitingDisabled = result.reading.rateLimitingDisabled || result.state == AccountState::Unlimited;
        a.resumesAt.reset();
        if (result.state == AccountState::Throttled) {
            if (result.reading.retryAfterS)
                a.resumesAt = probedAt.addMSecs(qint64(*result.reading.retryAfterS * 1000.0));
            else if (const int i = result.reading.mostRestrictive(); i >= 0 && result.reading.quotas.at(i).resetAt)
                a.resumesAt = *result.reading.quotas.at(i).resetAt;
        }
        if (result.error.isEmpty() && result.state != AccountState::AuthFailed && result.state != AccountState::Error)
            a.lastSuccess = probedAt;
        if (result.cost > 0)
            a.costs.append({probedAt, result.cost});
        const QDateTime hourAgo = Clock::instance()->nowUtc().addSecs(-3600);
        a.costs.erase(std::remove_if(a.costs.begin(), a.costs.end(),
                                     [&](const auto &c) { return c.first < hourAgo; }),
                      a.costs.end());
    }
    for (const Quota &q : result.reading.quotas) {
        // The raw name (possibly empty) is the history's key; only the display substitutes.
        upsertResource(row, ResourceRow{q.resource, q.limit, q.remaining, q.resetAt, q.nearLimit,
                                        q.limit ? std::optional<LimitSource>(q.limitSource) : std::nullopt,
                                        q.windowS});
    }
    emitRowChanged(row);
}

void AccountTableModel::applySample(const Sample &sample)
{
    const int row = rowOfAccount(sample.accountId);
    if (row < 0)
        return;
    AccountRow &a = m_rows[row];
    if (a.lastSuccess.isValid() && a.lastSuccess > sample.time)
        return;
    if (!a.lastProbe.isValid() || a.lastProbe < sample.time) {
        a.lastProbe = sample.time;
        a.lastSuccess = sample.time;
    }
    upsertResource(row, ResourceRow{sample.resource, sample.limit, sample.remaining, sample.resetAt, std::nullopt,
                                    std::nullopt, std::nullopt});
    emitRowChanged(row);
}

void AccountTableModel::setStaleAfterSeconds(qint64 seconds)
{
    m_staleAfterS = seconds;
    tick();
}

void AccountTableModel::tick()
{
    if (m_layout.top.isEmpty())
        return;
    // Every displayed cell may depend on "now" (countdowns, staleness, the state's colour).
    emitSubtreeChanged({}, 0, int(m_layout.top.size()) - 1);
}

QModelIndex AccountTableModel::indexOfAccount(const QString &accountId, int column) const
{
    const int row = rowOfAccount(accountId);
    return row < 0 ? QModelIndex() : indexOfKey(m_rows.at(row).key, column);
}

QModelIndex AccountTableModel::indexOfPool(const QString &poolName, int column) const
{
    const int row = rowOfPool(poolName);
    return row < 0 ? QModelIndex() : indexOfKey(m_pools.at(row).key, column);
}

QModelIndex AccountTableModel::indexOfResource(const QString &accountId, const QString &resource, int column) const
{
    const int row = rowOfAccount(accountId);
    if (row < 0)
        return {};
    const QList<ResourceRow> &rs = m_rows.at(row).resources;
    const QModelIndex account = indexOfKey(m_rows.at(row).key, column);
    if (rs.size() == 1)
        return rs.first().resource == resource ? account : QModelIndex();
    for (int i = 0; i < rs.size(); ++i) {
        if (rs.at(i).resource == resource)
            return index(i, column, account.siblingAtColumn(0));
    }
    return {};
}

QString AccountTableModel::accountIdAt(const QModelIndex &index) const
{
    const AccountRow *a = accountRowFor(index);
    return a ? a->account.id : QString();
}

QString AccountTableModel::poolNameAt(const QModelIndex &index) const
{
    const Ref ref = resolve(index);
    return ref.pool ? ref.pool->pool.name : QString();
}

QString AccountTableModel::resourceAt(const QModelIndex &index) const
{
    const ResourceRow *r = resourceRowFor(index);
    return r ? r->resource : QString();
}

QString AccountTableModel::primaryResource(const QString &accountId) const
{
    const int row = rowOfAccount(accountId);
    if (row < 0)
        return {};
    const ResourceRow *r = mostRestrictive(m_rows.at(row));
    return r ? r->resource : QString();
}
