#pragma once

#include <QStyledItemDelegate>

// Draws "remaining / limit" over a bar filled to the remaining fraction, green above the
// warning threshold, amber below it, red below the critical one. Unlimited and unknown cells
// are drawn as plain text (∞, —): a bar there would claim knowledge Headroom does not have.
class QuotaBarDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;

    // The colour for a remaining fraction; shared with the chart's threshold lines.
    static QColor colorFor(double fraction);
};
