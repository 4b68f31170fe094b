#pragma once

#include <QSortFilterProxyModel>

// Sorting and the search box for the account tree. A row matches on its own text or on a
// row above it (a resource on its account's, a member on its pool's); a pool or account stays
// visible while anything under it matches. The State column sorts by severity (SeverityRole),
// then by the smaller share left, then by name: sorted descending it lists the worst first.
class AccountFilterProxyModel : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    explicit AccountFilterProxyModel(QObject *parent = nullptr);

    void setSearchText(const QString &text);
    QString searchText() const { return m_text; }

    // Adds presentation the model layer cannot: the state's words, icon and colour
    // (StateStyle) and bold account rows.
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;
    bool lessThan(const QModelIndex &left, const QModelIndex &right) const override;

private:
    bool rowMatches(int sourceRow, const QModelIndex &sourceParent) const;
    bool descendantMatches(const QModelIndex &sourceIndex) const;

    QString m_text;
};
