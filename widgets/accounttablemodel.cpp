#include "accounttablemodel.h"

#include "core/clock.h"
#include "quota/preset.h"

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
        return row < m_rows.size() ? createIndex(row, column, quintptr(0)) : QModelIndex();
    // Only account rows have children.
    if (parent.internalId() != 0 || parent.row() >= m_rows.size())
        return {};
    if (row >= m_rows.at(parent.row()).resources.size())
        return {};
    return createIndex(row, column, m_rows.at(parent.row()).key);
}

QModelIndex AccountTableModel::parent(const QModelIndex &child) const
{
    if (!child.isValid() || child.internalId() == 0)
        return {};
    const int row = rowOfKey(child.internalId());
    return row < 0 ? QModelIndex() : createIndex(row, 0, quintptr(0));
}

int AccountTableModel::rowCount(const QModelIndex &parent) const
{
    if (!parent.isValid())
        return int(m_rows.size());
    if (parent.column() != 0 || parent.internalId() != 0 || parent.row() >= m_rows.size())
        return 0;
    return int(m_rows.at(parent.row()).resources.size());
}

int AccountTableModel::columnCount(const QModelIndex &parent) const
{
    // Children exist only under column 0, but every level has the same columns.
    if (parent.isValid() && parent.column() != 0)
        return 0;
    return ColumnCount;
}

const AccountTableModel::AccountRow *AccountTableModel::accountRowFor(const QModelIndex &index) const
{
    if (!index.isValid() || index.model() != this)
        return nullptr;
    const int row = index.internalId() == 0 ? index.row() : rowOfKey(index.internalId());
    return row >= 0 && row < m_rows.size() ? &m_rows.at(row) : nullptr;
}

const AccountTableModel::ResourceRow *AccountTableModel::resourceRowFor(const QModelIndex &index) const
{
    if (!index.isValid() || index.internalId() == 0)
        return nullptr;
    const AccountRow *a = accountRowFor(index);
    if (!a || index.row() >= a->resources.size())
        return nullptr;
    return &a->resources.at(index.row());
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
    facts.throttleOver = !(a.resumesAt && *a.resumesAt > now);
    facts.stale = a.lastSuccess.isValid() && a.lastSuccess.secsTo(now) > m_staleAfterS;
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

QString AccountTableModel::limitPerWindow(qint64 limit, std::optional<qint64> windowS)
{
    const QString n = QLocale().toString(limit);
    if (!windowS || *windowS <= 0)
        return n;
    switch (*windowS) {
    case 1: return tr("%1/s").arg(n);
    case 60: return tr("%1/min").arg(n);
    case 3600: return tr("%1/h").arg(n);
    case 86400: return tr("%1/day").arg(n);
    default: break;
    }
    return tr("%1 per %2").arg(n, formatDuration(*windowS));
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
    if (shown->remaining) {
        if (!shown->limit)
            return QString::number(*shown->remaining);
        if (documented)
            return tr("%1 / %2 (documented)").arg(*shown->remaining).arg(*shown->limit);
        return tr("%1 / %2").arg(*shown->remaining).arg(*shown->limit);
    }
    // A limit and nothing else: say what it is, never suggest how much is left.
    const QString limit = limitPerWindow(*shown->limit, windowOf(a, *shown));
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
            const QString limit = limitPerWindow(*shown->limit, windowOf(a, *shown));
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

QVariant AccountTableModel::displayData(const AccountRow &a, const ResourceRow *r, int column) const
{
    const QDateTime now = Clock::instance()->nowUtc();
    const bool accountRow = r == nullptr;
    const ResourceRow *shown = r ? r : mostRestrictive(a);
    switch (column) {
    case Name:
        return accountRow ? a.account.name : QString();
    case Provider:
        if (!accountRow)
            return {};
        if (const Preset *p = Preset::find(a.account.presetId))
            return p->displayName;
        return a.account.presetId;
    case Resource:
        if (accountRow)
            return a.resources.size() > 1 ? tr("%n resource(s)", nullptr, int(a.resources.size()))
                                          : (shown ? resourceLabel(shown->resource) : QString());
        return resourceLabel(r->resource);
    case Remaining:
        if (a.rateLimitingDisabled)
            return QStringLiteral("∞");
        return remainingText(a, shown);
    case Reset:
        if (!shown || !shown->resetAt)
            return QStringLiteral("—");
        if (*shown->resetAt <= now)
            return tr("reset");
        return formatDuration(now.secsTo(*shown->resetAt));
    case State:
        return accountStateId(stateOf(a, r));
    case LastProbe:
        if (!accountRow)
            return {};
        if (!a.lastProbe.isValid())
            return QStringLiteral("—");
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
        return a.account.name.toLower();
    case Provider:
        return a.account.presetId;
    case Resource:
        return shown ? shown->resource : QString();
    case Remaining:
        // Unknown and unlimited sort after every known fraction.
        if (a.rateLimitingDisabled)
            return 3.0;
        return shown ? fractionOf(shown->remaining, shown->limit).value_or(2.0) : 2.0;
    case Reset:
        return shown && shown->resetAt ? shown->resetAt->toMSecsSinceEpoch() : std::numeric_limits<qint64>::max();
    case State:
        return int(stateOf(a, r));
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
    const AccountRow *a = accountRowFor(index);
    if (!a)
        return {};
    const ResourceRow *r = resourceRowFor(index);
    if (index.internalId() != 0 && !r)
        return {};
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
            const QString text = explanationOf(*a, r);
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
    }
    return {};
}

QVariant AccountTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Name: return tr("Name");
    case Provider: return tr("Provider");
    case Resource: return tr("Resource");
    case Remaining: return tr("Remaining / limit");
    case Reset: return tr("Resets in");
    case State: return tr("State");
    case LastProbe: return tr("Last probe");
    case Cost: return tr("Own cost");
    }
    return {};
}

int AccountTableModel::rowOfKey(quintptr key) const
{
    return m_rowOfKey.value(key, -1);
}

void AccountTableModel::rebuildKeys()
{
    m_rowOfKey.clear();
    for (int i = 0; i < m_rows.size(); ++i)
        m_rowOfKey.insert(m_rows.at(i).key, i);
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

void AccountTableModel::setAccounts(const QList<Account> &accounts)
{
    beginResetModel();
    m_rows.clear();
    for (const Account &a : accounts)
        m_rows.append(newRow(a));
    rebuildKeys();
    endResetModel();
}

void AccountTableModel::addAccount(const Account &account)
{
    if (rowOfAccount(account.id) >= 0) {
        updateAccount(account);
        return;
    }
    const int row = int(m_rows.size());
    beginInsertRows({}, row, row);
    m_rows.append(newRow(account));
    rebuildKeys();
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
    beginRemoveRows({}, row, row);
    m_rows.removeAt(row);
    rebuildKeys();
    endRemoveRows();
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
    const QModelIndex parentIndex = index(accountRow, 0);
    const int row = int(a.resources.size());
    beginInsertRows(parentIndex, row, row);
    a.resources.append(value);
    endInsertRows();
}

void AccountTableModel::emitRowChanged(int accountRow)
{
    const QModelIndex parentIndex = index(accountRow, 0);
    Q_EMIT dataChanged(parentIndex, index(accountRow, ColumnCount - 1));
    const int children = int(m_rows.at(accountRow).resources.size());
    if (children > 0)
        Q_EMIT dataChanged(index(0, 0, parentIndex), index(children - 1, ColumnCount - 1, parentIndex));
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
    if (m_rows.isEmpty())
        return;
    // Every displayed cell may depend on "now" (countdowns, staleness, the state's colour).
    for (int row = 0; row < m_rows.size(); ++row)
        emitRowChanged(row);
}

QModelIndex AccountTableModel::indexOfAccount(const QString &accountId, int column) const
{
    const int row = rowOfAccount(accountId);
    return row < 0 ? QModelIndex() : index(row, column);
}

QModelIndex AccountTableModel::indexOfResource(const QString &accountId, const QString &resource, int column) const
{
    const int row = rowOfAccount(accountId);
    if (row < 0)
        return {};
    const QList<ResourceRow> &rs = m_rows.at(row).resources;
    for (int i = 0; i < rs.size(); ++i) {
        if (rs.at(i).resource == resource)
            return index(i, column, index(row, 0));
    }
    return {};
}

QString AccountTableModel::accountIdAt(const QModelIndex &index) const
{
    const AccountRow *a = accountRowFor(index);
    return a ? a->account.id : QString();
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
