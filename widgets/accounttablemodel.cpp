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
        if (!shown || !shown->remaining)
            return QStringLiteral("—");
        if (!shown->limit)
            return QString::number(*shown->remaining);
        return tr("%1 / %2").arg(*shown->remaining).arg(*shown->limit);
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
        upsertResource(row, ResourceRow{q.resource, q.limit, q.remaining, q.resetAt, q.nearLimit});
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
    upsertResource(row, ResourceRow{sample.resource, sample.limit, sample.remaining, sample.resetAt, std::nullopt});
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
