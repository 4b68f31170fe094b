#include "accountfilterproxymodel.h"

#include "accounttablemodel.h"

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
    for (int c : {AccountTableModel::Name, AccountTableModel::Provider, AccountTableModel::Resource,
                  AccountTableModel::State}) {
        if (m->index(sourceRow, c, sourceParent).data().toString().contains(m_text, Qt::CaseInsensitive))
            return true;
    }
    return false;
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

QColor AccountFilterProxyModel::stateColor(int state)
{
    // Readable on light and dark palettes alike.
    switch (AccountState(state)) {
    case AccountState::AuthFailed:
    case AccountState::Error:
    case AccountState::Throttled:
        return QColor(0xd9, 0x3f, 0x3f);
    case AccountState::NearLimit:
        return QColor(0xd0, 0x8a, 0x00);
    case AccountState::Stale:
        return QColor(0x8a, 0x8a, 0x8a);
    default:
        return {};
    }
}

QVariant AccountFilterProxyModel::data(const QModelIndex &index, int role) const
{
    if (role == Qt::ForegroundRole) {
        const int state = index.data(AccountTableModel::StateRole).toInt();
        const bool stateColumn = index.column() == AccountTableModel::State;
        // Stale greys the whole row; failures colour it; near-limit colours only its state cell.
        if (AccountState(state) == AccountState::NearLimit && !stateColumn)
            return {};
        const QColor c = stateColor(state);
        return c.isValid() ? QVariant(c) : QVariant();
    }
    if (role == Qt::FontRole && index.column() == AccountTableModel::Name
        && index.data(AccountTableModel::IsAccountRowRole).toBool()) {
        QFont f;
        f.setBold(true);
        return f;
    }
    return QSortFilterProxyModel::data(index, role);
}
