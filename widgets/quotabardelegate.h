#pragma once

#include <QStyledItemDelegate>

// Draws "remaining / limit" over a bar filled to the remaining fraction, in the colour of the
// quota's state under the account's thresholds (Ok, Warning, Critical). Unlimited and unknown cells
// are drawn as plain text (∞, —): a bar there would claim knowledge Headroom does not have. A
// limit without a remaining count gets a hatched bar: the limit is known, how much is left is not.
class QuotaBarDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;

private:
    void paintUnknown(QPainter *painter, const QStyleOptionViewItem &opt, const QModelIndex &index, const QRect &bar,
                      const QString &text, const QColor &textColor) const;
};
