#include "quotabardelegate.h"

#include "accounttablemodel.h"
#include "statestyle.h"

#include <QApplication>
#include <QPainter>

void QuotaBarDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    const QVariant fraction = index.data(AccountTableModel::FractionRole);
    if (!fraction.isValid()) {
        QStyledItemDelegate::paint(painter, option, index);
        return;
    }
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    const QString text = opt.text;
    opt.text.clear();
    const QWidget *widget = opt.widget;
    QStyle *style = widget ? widget->style() : QApplication::style();
    // Background and selection as the style draws them, then the bar inside.
    style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, widget);

    const QRect bar = opt.rect.adjusted(3, 4, -3, -4);
    const double f = fraction.toDouble();
    // The quota's own level under the account's thresholds, not the account's state: a stale
    // or throttled account still shows how full its last reading was.
    const QColor color = StateStyle::color(AccountState(index.data(AccountTableModel::QuotaStateRole).toInt()),
                                           opt.palette);
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing, true);
    QColor track = opt.palette.color(QPalette::Mid);
    track.setAlpha(70);
    painter->setPen(Qt::NoPen);
    painter->setBrush(track);
    painter->drawRoundedRect(bar, 3, 3);
    QRect filled = bar;
    filled.setWidth(std::max(f > 0 ? 2 : 0, int(bar.width() * f)));
    QColor fill = color;
    fill.setAlpha(opt.state & QStyle::State_Selected ? 230 : 170);
    painter->setBrush(fill);
    painter->drawRoundedRect(filled, 3, 3);
    painter->setPen(opt.state & QStyle::State_Selected ? opt.palette.color(QPalette::HighlightedText)
                                                       : opt.palette.color(QPalette::Text));
    painter->drawText(bar.adjusted(4, 0, -4, 0), Qt::AlignCenter, text);
    painter->restore();
}

QSize QuotaBarDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QSize s = QStyledItemDelegate::sizeHint(option, index);
    s.setWidth(std::max(s.width() + 24, 150));
    s.setHeight(std::max(s.height(), option.fontMetrics.height() + 8));
    return s;
}
