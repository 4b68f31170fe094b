#include "accountfilterproxymodel.h"

#include "accounttablemodel.h"
#include "statestyle.h"

#include "core/clock.h"

#include <QColor>
#include <QFont>

AccountFilterProxyModel::AccountFilterProxyModel(QObject *parent)
    : QSortFilterProxyModel(parent)
{
    setSortRole(AccountTableModel::SortRole);
    setSortCaseSensitivity(Qt::CaseInsensitive);
    // New readings re-sort and re-filter; countdown ticks keep the order because SortRole of a
    // reset column is the reset instant, not the seconds left.
    setDynamicSortFilter(true);
    setRecursiveFilteringEnabled(false); // filterAcceptsRow already looks at children
}

void AccountFilterProxyModel::setSearchText(const QString &text)
{
    const QString trimmed = text.trimmed();
    if (trimmed == m_text)
        return;
    m_text = trimmed;
    invalidateRowsFilter();
}

bool AccountFilterProxyModel::rowMatches(int sourceRow, const QModelIndex &sourceParent) const
{
    const QAbstractItemModel *m = sourceModel();
    for (int c : {AccountTableModel::Name, AccountTableModel::Provider, AccountTableModel::Resource}) {
        if (m->index(sourceRow, c, sourceParent).data().toString().contains(m_text, Qt::CaseInsensitive))
            return true;
    }
    // The state as the user reads it, not the model's id.
    const auto state = AccountState(m->index(sourceRow, 0, sourceParent).data(AccountTableModel::StateRole).toInt());
    return StateStyle::label(state).contains(m_text, Qt::CaseInsensitive);
}

bool AccountFilterProxyModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    if (m_text.isEmpty())
        return true;
    if (rowMatches(sourceRow, sourceParent))
        return true;
    const QAbstractItemModel *m = sourceModel();
    if (sourceParent.isValid())
        return rowMatches(sourceParent.row(), sourceParent.parent()); // its account matched
    const QModelIndex account = m->index(sourceRow, 0, sourceParent);
    const int children = m->rowCount(account);
    for (int i = 0; i < children; ++i) {
        if (rowMatches(i, account))
            return true;
    }
    return false;
}

bool AccountFilterProxyModel::lessThan(const QModelIndex &left, const QModelIndex &right) const
{
    const QVariant l = left.data(AccountTableModel::SortRole);
    const QVariant r = right.data(AccountTableModel::SortRole);
    if (l.typeId() == QMetaType::QString || r.typeId() == QMetaType::QString)
        return QString::localeAwareCompare(l.toString(), r.toString()) < 0;
    return QVariant::compare(l, r) == QPartialOrdering::Less;
}

QVariant AccountFilterProxyModel::data(const QModelIndex &index, int role) const
{
    const bool stateColumn = index.column() == AccountTableModel::State;
    if (stateColumn && (role == Qt::DisplayRole || role == Qt::DecorationRole)) {
        const auto state = AccountState(index.data(AccountTableModel::StateRole).toInt());
        if (role == Qt::DecorationRole)
            return StateStyle::icon(state);
        const QDateTime resumesAt = index.data(AccountTableModel::ResumesAtRole).toDateTime();
        if (state == AccountState::Throttled && resumesAt.isValid())
            return tr("%1, resumes in %2")
                .arg(StateStyle::label(state),
                     AccountTableModel::formatDuration(Clock::instance()->nowUtc().secsTo(resumesAt)));
        return StateStyle::label(state);
    }
    if (role == Qt::ForegroundRole) {
        const auto state = AccountState(index.data(AccountTableModel::StateRole).toInt());
        // Stale greys the whole row and failures colour it; a low quota colours its state cell,
        // the bar says the rest; Ok, NoData and Unlimited keep the palette's text colour.
        switch (state) {
        case AccountState::Ok:
        case AccountState::NoData:
        case AccountState::Unlimited:
            return {};
        case AccountState::Warning:
        case AccountState::Critical:
            if (!stateColumn)
                return {};
            break;
        default:
            break;
        }
        return StateStyle::color(state);
    }
    if (role == Qt::FontRole && index.column() == AccountTableModel::Name
        && index.data(AccountTableModel::IsAccountRowRole).toBool()) {
        QFont f;
        f.setBold(true);
        return f;
    }
    return QSortFilterProxyModel::data(index, role);
}
