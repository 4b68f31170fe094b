#include "eventlogmodel.h"

#include "core/clock.h"
#include "history/historystore.h"

#include <QCoreApplication>
#include <QLocale>

#include <algorithm>


EventLogModel::EventLogModel(QObject *parent)
    : QAbstractTableModel(parent)
{
    // A probe burst writes several events; one read serves them all.
    m_fetchDebounce.setSingleShot(true);
    m_fetchDebounce.setInterval(200);
    connect(&m_fetchDebounce, &QTimer::timeout, this, &EventLogModel::fetchNew);
}

int EventLogModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_events.size());
}

int EventLogModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString EventLogModel::kindLabel(EventKind kind)
{
    switch (kind) {
    case EventKind::Throttled: return tr("Throttled");
    case EventKind::NearLimit: return tr("Near limit");
    case EventKind::StateChange: return tr("State change");
    case EventKind::Alert: return tr("Alert");
    case EventKind::Error: return tr("Error");
    }
    return {};
}

const Event *EventLogModel::eventAt(int row) const
{
    return row >= 0 && row < m_events.size() ? &m_events.at(row) : nullptr;
}

QVariant EventLogModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Event &e = m_events.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case Time: {
            // Compact: the pane is narrow and today's events matter most; the tooltip has it all.
            const QDateTime local = e.time.toLocalTime();
            if (local.date() == Clock::instance()->nowUtc().toLocalTime().date())
                return local.time().toString(QStringLiteral("HH:mm:ss"));
            return QLocale().toString(local, QStringLiteral("d MMM HH:mm"));
        }
        case Account:
            return m_names.value(e.accountId, e.accountId);
        case Kind:
            if (e.id < 0)
                return tr("Pattern");
            if (e.status)
                return tr("%1 (%2)").arg(kindLabel(e.kind)).arg(*e.status);
            return kindLabel(e.kind);
        case Detail:
            if (e.retryAfterS)
                return tr("%1 — retry after %2 s").arg(e.detail).arg(*e.retryAfterS);
            return e.detail;
        }
        return {};
    case Qt::ToolTipRole:
        if (index.column() == Time)
            return QLocale().toString(e.time.toLocalTime(), QLocale::LongFormat);
        if (index.column() == Detail)
            return e.detail;
        return {};
    case AccountIdRole:
        return e.accountId;
    case KindRole:
        return int(e.kind);
    case TimeRole:
        return e.time;
    case IsNoticeRole:
        return e.id < 0;
    case SortRole:
        if (index.column() == Time)
            return e.time.toMSecsSinceEpoch();
        return data(index, Qt::DisplayRole).toString().toLower();
    }
    return {};
}

QVariant EventLogModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Time: return tr("Time");
    case Account: return tr("Account");
    case Kind: return tr("Kind");
    case Detail: return tr("Detail");
    }
    return {};
}

void EventLogModel::setStore(HistoryStore *store, int days, int maxRows)
{
    if (m_store)
        disconnect(m_store, nullptr, this, nullptr);
    m_store = store;
    m_days = days;
    m_maxRows = maxRows;
    if (m_store)
        connect(m_store, &HistoryStore::eventsAdded, &m_fetchDebounce, qOverload<>(&QTimer::start));
    reload();
}

void EventLogModel::setAccountName(const QString &accountId, const QString &name)
{
    m_names.insert(accountId, name);
    if (!m_events.isEmpty())
        Q_EMIT dataChanged(index(0, Account), index(int(m_events.size()) - 1, Account), {Qt::DisplayRole});
}

void EventLogModel::reload()
{
    beginResetModel();
    m_events.clear();
    m_maxId = 0;
    if (m_store && m_store->isOpen()) {
        const QDateTime now = Clock::instance()->nowUtc();
        // Only the newest m_maxRows are kept, so only those are read: a busy month must not
        // cost start-up more than one page.
        m_events = m_store->events(now.addDays(-m_days), now.addYears(1), {}, m_maxRows);
        std::stable_sort(m_events.begin(), m_events.end(),
                         [](const Event &a, const Event &b) { return a.time < b.time; });
        if (m_events.size() > m_maxRows)
            m_events.remove(0, m_events.size() - m_maxRows);
        for (const Event &e : std::as_const(m_events))
            m_maxId = std::max(m_maxId, e.id);
    }
    if (!m_notices.isEmpty()) {
        m_events.append(m_notices);
        std::stable_sort(m_events.begin(), m_events.end(),
                         [](const Event &a, const Event &b) { return a.time < b.time; });
        if (m_events.size() > m_maxRows)
            m_events.remove(0, m_events.size() - m_maxRows);
    }
    endResetModel();
}

void EventLogModel::addNotice(const QString &accountId, const QDateTime &time, EventKind kind, const QString &text)
{
    Event e;
    e.accountId = accountId;
    e.time = time;
    e.kind = kind;
    e.detail = text;
    e.id = m_nextNoticeId--;
    m_notices.append(e);
    // A pattern line is rare (once per change of an account's pattern); the cap only bounds a
    // session that runs for months.
    if (m_notices.size() > 500)
        m_notices.removeFirst();
    if (m_events.size() >= m_maxRows) {
        beginRemoveRows({}, 0, 0);
        m_events.removeFirst();
        endRemoveRows();
    }
    const int row = int(m_events.size());
    beginInsertRows({}, row, row);
    m_events.append(e);
    endInsertRows();
}

void EventLogModel::fetchNew()
{
    if (!m_store || !m_store->isOpen())
        return;
    // eventsAdded says only that something was written, and the backend reads by time, not by
    // id. So read the newest page and widen it only while everything on it is new: a probe's
    // few events cost a short read instead of the whole cap, and a burst larger than a page
    // still arrives whole. New means by id, not by time: a late writer may add events older
    // than the newest shown, and the view sorts by time, so they are simply appended; one that
    // lands behind more than a page of newer events waits for the next reload().
    const QDateTime now = Clock::instance()->nowUtc();
    const QDateTime from = now.addDays(-m_days);
    const QDateTime to = now.addYears(1);
    QList<Event> read;
    for (int page = kFirstPage;; page *= 4) {
        const int limit = std::min(page, m_maxRows);
        read = m_store->events(from, to, {}, limit);
        const bool allNew = std::all_of(read.cbegin(), read.cend(), [this](const Event &e) { return e.id > m_maxId; });
        if (!allNew || read.size() < limit || limit >= m_maxRows)
            break;
    }
    appendEvents(read);
}

void EventLogModel::appendEvents(const QList<Event> &events)
{
    QList<Event> fresh;
    for (const Event &e : events) {
        // Ids come from the store; a store-less caller (id 0) always appends.
        if (e.id != 0 && e.id <= m_maxId)
            continue;
        fresh.append(e);
    }
    if (fresh.isEmpty())
        return;
    std::stable_sort(fresh.begin(), fresh.end(), [](const Event &a, const Event &b) { return a.time < b.time; });
    for (const Event &e : std::as_const(fresh))
        m_maxId = std::max(m_maxId, e.id);
    // The cap keeps the newest: drop what will not fit before inserting, so the model never
    // holds more than m_maxRows rows, not even between two signals.
    if (fresh.size() > m_maxRows)
        fresh.remove(0, fresh.size() - m_maxRows);
    const int excess = int(m_events.size() + fresh.size()) - m_maxRows;
    if (excess > 0) {
        beginRemoveRows({}, 0, excess - 1);
        m_events.remove(0, excess);
        endRemoveRows();
    }
    const int first = int(m_events.size());
    beginInsertRows({}, first, first + int(fresh.size()) - 1);
    m_events.append(fresh);
    endInsertRows();
}
