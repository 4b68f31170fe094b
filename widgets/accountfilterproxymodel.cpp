#include "accountfilterproxymodel.h"

#include "accounttablemodel.h"
#include "statestyle.h"
#include "theme.h"

#include "core/clock.h"

#include <QColor>
#include <QFont>
#include <QGuiApplication>
#include <QIcon>
#include <QPainter>
#include <QPixmap>

namespace {

// Two linked rings: the member draws from a bucket other members also use. Drawn in the text
// colour of the palette it is shown on, so it reads in light and dark.
QIcon sharedIcon(const QColor &color)
{
    return StateStyle::drawnIcon([color](QPainter &p, qreal size) {
        p.setPen(QPen(color, std::max(1.2, size / 10.0)));
        p.setBrush(Qt::NoBrush);
        const qreal r = size * 0.26;
        p.drawEllipse(QPointF(size * 0.36, size * 0.5), r, r);
        p.drawEllipse(QPointF(size * 0.64, size * 0.5), r, r);
    });
}

} // namespace

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

bool AccountFilterProxyModel::descendantMatches(const QModelIndex &sourceIndex) const
{
    const QAbstractItemModel *m = sourceModel();
    const int children = m->rowCount(sourceIndex);
    for (int i = 0; i < children; ++i) {
        if (rowMatches(i, sourceIndex) || descendantMatches(m->index(i, 0, sourceIndex)))
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
    // A matching pool or account shows all that is under it ...
    for (QModelIndex up = sourceParent; up.isValid(); up = up.parent()) {
        if (rowMatches(up.row(), up.parent()))
            return true;
    }
    // ... and a row stays visible while anything under it matches.
    return descendantMatches(sourceModel()->index(sourceRow, 0, sourceParent));
}

bool AccountFilterProxyModel::lessThan(const QModelIndex &left, const QModelIndex &right) const
{
    if (left.column() == AccountTableModel::State) {
        // The worst first (in descending order): severity, then the smaller share left, then
        // the name A to Z whichever way the column is sorted.
        const int ls = left.data(AccountTableModel::SeverityRole).toInt();
        const int rs = right.data(AccountTableModel::SeverityRole).toInt();
        if (ls != rs)
            return ls < rs;
        const QVariant lf = left.data(AccountTableModel::FractionRole);
        const QVariant rf = right.data(AccountTableModel::FractionRole);
        const double l = lf.isValid() ? lf.toDouble() : 2.0;
        const double r = rf.isValid() ? rf.toDouble() : 2.0;
        if (l != r)
            return l > r;
        const int byName = QString::localeAwareCompare(left.siblingAtColumn(AccountTableModel::Name).data().toString(),
                                                       right.siblingAtColumn(AccountTableModel::Name).data().toString());
        return sortOrder() == Qt::DescendingOrder ? byName > 0 : byName < 0;
    }
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
        QString text = StateStyle::label(state);
        if (state == AccountState::Throttled && resumesAt.isValid())
            text = tr("%1, resumes in %2")
                       .arg(text, AccountTableModel::formatDuration(Clock::instance()->nowUtc().secsTo(resumesAt)));
        if (index.data(AccountTableModel::ImbalancedRole).toBool())
            text = tr("%1 · imbalanced").arg(text);
        return text;
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
    if (role == Qt::DecorationRole && index.column() == AccountTableModel::Name
        && index.data(AccountTableModel::SharedBucketRole).toBool()) {
        static const QIcon light = sharedIcon(QColor(0x45, 0x5a, 0x64));
        static const QIcon dark = sharedIcon(QColor(0xb0, 0xbe, 0xc5));
        return Theme::isDark(QGuiApplication::palette()) ? dark : light;
    }
    if (role == Qt::FontRole && index.column() == AccountTableModel::Name
        && (index.data(AccountTableModel::IsAccountRowRole).toBool()
            || index.data(AccountTableModel::IsPoolRowRole).toBool())) {
        QFont f;
        f.setBold(true);
        return f;
    }
    return QSortFilterProxyModel::data(index, role);
}
