#pragma once

#include <QSortFilterProxyModel>

// Sorting and the search box for the account tree. A resource row matches on its own text or
// its account's; an account stays visible while any of its resources matches.
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

    QString m_text;
};
