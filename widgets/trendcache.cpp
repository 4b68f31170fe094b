#include "trendcache.h"

#include "accounttablemodel.h"

#include "core/clock.h"
#include "history/historybackend.h"

#include <algorithm>

namespace {

// One series as the sparkline needs it: remaining as a share of the limit in force at the time.
TrendCache::Trend toTrend(const ChartSeries &s)
{
    TrendCache::Trend t;
    qsizetype li = 0;
    std::optional<double> limit;
    for (const QPointF &p : s.remaining) {
        // `limit` holds points at a subset of the same instants, in the same order.
        while (li < s.limit.size() && s.limit.at(li).x() <= p.x()) {
            limit = s.limit.at(li).y();
            ++li;
        }
        if (!limit || *limit <= 0)
            continue;
        t.fraction.append(QPointF(p.x(), std::clamp(p.y() / *limit, 0.0, 1.0)));
        t.remaining.append(p);
        t.limit.append(QPointF(p.x(), *limit));
    }
    t.resets = s.resets;
    t.throttles = s.throttles;
    return t;
}

void mergeSorted(QList<qint64> &into, const QList<qint64> &more)
{
    into.append(more);
    std::sort(into.begin(), into.end());
    into.erase(std::unique(into.begin(), into.end()), into.end());
}

} // namespace

TrendCache::TrendCache(HistoryBackend *history, AccountTableModel *model, QObject *parent)
    : QObject(parent)
    , m_history(history)
    , m_model(model)
{
    m_debounce.setSingleShot(true);
    connect(&m_debounce, &QTimer::timeout, this, &TrendCache::reload);
    m_roll.setInterval(5 * 60 * 1000);
    connect(&m_roll, &QTimer::timeout, this, &TrendCache::reload);
    if (m_history) {
        m_reader = new HistoryReader(m_history, this);
        connect(m_reader, &HistoryReader::seriesLoaded, this, &TrendCache::onSeriesLoaded);
        // New readings and refusals reach the sparklines a few seconds later, in one read.
        connect(m_history, &HistoryBackend::samplesAdded, this, [this] { scheduleReload(); });
        connect(m_history, &HistoryBackend::eventsAdded, this, [this] { scheduleReload(); });
        m_roll.start();
    }
    const auto structural = [this] {
        if (!m_debounce.isActive() || m_debounce.remainingTime() > 200)
            m_debounce.start(200);
    };
    connect(m_model, &QAbstractItemModel::modelReset, this, structural);
    connect(m_model, &QAbstractItemModel::rowsInserted, this, structural);
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, structural);
    // A row that starts showing another resource (its first reading, or a new lowest) needs
    // that resource's series; the every-second ticks ask for nothing new and cost a scan.
    connect(m_model, &QAbstractItemModel::dataChanged, this, [this, structural] {
        if (!m_reader || m_debounce.isActive())
            return;
        for (const Key &k : wantedKeys()) {
            if (!m_trends.contains(k) && !m_requested.contains(k)) {
                structural();
                return;
            }
        }
    });
    structural();
}

QDateTime TrendCache::to() const
{
    return Clock::instance()->nowUtc();
}

QDateTime TrendCache::from() const
{
    return to().addMSecs(-kSpanMs);
}

QList<TrendCache::Key> TrendCache::wantedKeys() const
{
    QList<Key> keys;
    const auto want = [&keys](const QString &id, const QString &resource) {
        const Key k{id, resource};
        if (!keys.contains(k))
            keys.append(k);
    };
    for (const Account &a : m_model->accounts()) {
        const QModelIndex row = m_model->indexOfAccount(a.id);
        const int children = m_model->rowCount(row);
        for (int i = 0; i < children; ++i)
            want(a.id, m_model->index(i, 0, row).data(AccountTableModel::ResourceRole).toString());
        // Invalid: the account has no resource yet; empty is the unnamed one.
        const QVariant shown = row.data(AccountTableModel::ShownResourceRole);
        if (children == 0 && shown.isValid())
            want(a.id, shown.toString());
    }
    for (const Pool &p : m_model->pools()) {
        const QString resource = m_model->poolResource(p.name);
        for (const QString &id : m_model->poolTrendMembers(p.name, resource))
            want(id, resource);
    }
    return keys;
}

void TrendCache::scheduleReload()
{
    // At most one read every few seconds, however often probes land.
    if (!m_debounce.isActive())
        m_debounce.start(3000);
}

void TrendCache::reload()
{
    if (!m_reader)
        return;
    m_requested = wantedKeys();
    QList<HistoryReader::SeriesKey> keys;
    keys.reserve(m_requested.size());
    for (const Key &k : m_requested)
        keys.append({k.first, k.second});
    m_ticket = m_reader->requestSeries(keys, from(), to(), kColumns);
}

void TrendCache::onSeriesLoaded(quint64 ticket, const QList<ChartSeries> &series)
{
    if (ticket != m_ticket)
        return;
    QHash<Key, Trend> trends;
    for (qsizetype i = 0; i < series.size() && i < m_requested.size(); ++i) {
        // A history away keeps the sparkline drawn before rather than blanking it.
        if (series.at(i).unreadable) {
            if (m_trends.contains(m_requested.at(i)))
                trends.insert(m_requested.at(i), m_trends.value(m_requested.at(i)));
            continue;
        }
        trends.insert(m_requested.at(i), toTrend(series.at(i)));
    }
    m_trends = trends;
    m_poolCache.clear();
    Q_EMIT trendsChanged();
}

TrendCache::Trend TrendCache::trendFor(const QModelIndex &index) const
{
    if (!index.isValid())
        return {};
    if (index.data(AccountTableModel::IsPoolRowRole).toBool()) {
        const QString pool = index.data(AccountTableModel::PoolNameRole).toString();
        return poolTrend(pool, m_model->poolResource(pool));
    }
    const QString id = index.data(AccountTableModel::AccountIdRole).toString();
    const QVariant resource = index.data(AccountTableModel::ShownResourceRole);
    if (id.isEmpty() || !resource.isValid())
        return {};
    return accountTrend(id, resource.toString());
}

TrendCache::Trend TrendCache::accountTrend(const QString &accountId, const QString &resource) const
{
    return m_trends.value(Key{accountId, resource});
}

TrendCache::Trend TrendCache::poolTrend(const QString &pool, const QString &resource) const
{
    const QStringList members = m_model->poolTrendMembers(pool, resource);
    if (members.isEmpty())
        return {};
    const QString cacheKey = pool + u'\n' + resource + u'\n' + members.join(u'\n');
    if (const auto it = m_poolCache.constFind(cacheKey); it != m_poolCache.cend())
        return *it;

    // Sum the distinct buckets column by column; a member's last reading holds for a few
    // columns (probes are spaced), longer silence leaves the pool's sum unknown there.
    constexpr qint64 kColumnMs = kSpanMs / kColumns;
    constexpr int kCarryColumns = 3;
    const qint64 end = to().toMSecsSinceEpoch();
    const qint64 start = end - kSpanMs;
    struct Cell
    {
        double remaining = 0;
        double limit = 0;
        int members = 0;
    };
    QList<Cell> cells(kColumns + 1);
    Trend out;
    for (const QString &id : members) {
        const Trend t = accountTrend(id, resource);
        mergeSorted(out.resets, t.resets);
        mergeSorted(out.throttles, t.throttles);
        // The member's last reading in each column, then carried forward a little.
        QList<std::optional<QPair<double, double>>> last(kColumns + 1);
        for (qsizetype i = 0; i < t.remaining.size(); ++i) {
            const qint64 c = (qint64(t.remaining.at(i).x()) - start) / kColumnMs;
            if (c >= 0 && c <= kColumns)
                last[c] = QPair<double, double>(t.remaining.at(i).y(), t.limit.at(i).y());
        }
        double carryRemaining = 0;
        double carryLimit = 0;
        int age = kCarryColumns + 1; // nothing to carry yet
        for (int c = 0; c <= kColumns; ++c) {
            if (last.at(c)) {
                carryRemaining = last.at(c)->first;
                carryLimit = last.at(c)->second;
                age = 0;
            } else {
                ++age;
            }
            if (age <= kCarryColumns) {
                cells[c].remaining += carryRemaining;
                cells[c].limit += carryLimit;
                ++cells[c].members;
            }
        }
    }
    for (int c = 0; c <= kColumns; ++c) {
        const Cell &cell = cells.at(c);
        if (cell.members != members.size() || cell.limit <= 0)
            continue;
        const double x = double(std::min(end, start + c * kColumnMs + kColumnMs / 2));
        out.fraction.append(QPointF(x, std::clamp(cell.remaining / cell.limit, 0.0, 1.0)));
        out.remaining.append(QPointF(x, cell.remaining));
        out.limit.append(QPointF(x, cell.limit));
    }
    m_poolCache.insert(cacheKey, out);
    return out;
}
