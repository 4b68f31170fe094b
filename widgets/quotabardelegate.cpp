#include "quotabardelegate.h"

#include "accounttablemodel.h"
#include "statestyle.h"

#include <QApplication>
#include <QPainter>

void QuotaBarDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    const QVariant fraction = index.data(AccountTableModel::FractionRole);
    // A limit without a remaining count (Bitbucket access tokens, a documented limit): the bar
    // says "unknown" with a hatch instead of pretending to be empty or full.
    const bool limitOnly = !fraction.isValid() && !index.data(AccountTableModel::RemainingRole).isValid()
        && index.data(AccountTableModel::LimitRole).isValid();
    if (!fraction.isValid() && !limitOnly) {
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
    const QColor textColor = opt.state & QStyle::State_Selected ? opt.palette.color(QPalette::HighlightedText)
                                                                : opt.palette.color(QPalette::Text);
    if (limitOnly) {
        paintUnknown(painter, opt, index, bar, text, textColor);
        return;
    }
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
    painter->setPen(textColor);
    painter->drawText(bar.adjusted(4, 0, -4, 0), Qt::AlignCenter, text);
    painter->restore();
}

void QuotaBarDelegate::paintUnknown(QPainter *painter, const QStyleOptionViewItem &opt, const QModelIndex &index,
                                    const QRect &bar, const QString &text, const QColor &textColor) const
{
    // Near the limit by the provider's own flag: the hatch takes the warning colour; otherwise
    // it stays neutral, because nothing says how full the quota is.
    const QVariant near = index.data(AccountTableModel::NearLimitRole);
    QColor hatch = near.isValid() && near.toBool() ? StateStyle::color(AccountState::Warning, opt.palette)
                                                   : opt.palette.color(QPalette::Text);
    hatch.setAlpha(near.isValid() && near.toBool() ? 150 : 60);
    QColor track = opt.palette.color(QPalette::Mid);
    track.setAlpha(40);
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing, true);
    painter->setPen(Qt::NoPen);
    painter->setBrush(track);
    painter->drawRoundedRect(bar, 3, 3);
    painter->setBrush(QBrush(hatch, Qt::BDiagPattern));
    painter->drawRoundedRect(bar, 3, 3);
    QColor border = hatch;
    border.setAlpha(std::min(255, hatch.alpha() + 40));
    painter->setPen(QPen(border, 1, Qt::DashLine));
    painter->setBrush(Qt::NoBrush);
    painter->drawRoundedRect(QRectF(bar).adjusted(0.5, 0.5, -0.5, -0.5), 3, 3);
    // The text needs a calm ground over the hatch to stay readable.
    const QFontMetrics fm(opt.font);
    const QString shown = fm.elidedText(text, Qt::ElideRight, bar.width() - 8);
    QRect textRect = fm.boundingRect(bar, Qt::AlignCenter, shown).adjusted(-3, 0, 3, 0);
    textRect = textRect.intersected(bar.adjusted(1, 1, -1, -1));
    QColor ground = opt.state & QStyle::State_Selected ? opt.palette.color(QPalette::Highlight)
                                                       : opt.palette.color(QPalette::Base);
    ground.setAlpha(210);
    painter->setPen(Qt::NoPen);
    painter->setBrush(ground);
    painter->drawRoundedRect(textRect, 2, 2);
    painter->setPen(textColor);
    painter->drawText(bar.adjusted(4, 0, -4, 0), Qt::AlignCenter, shown);
    painter->restore();
}

QSize QuotaBarDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QSize s = QStyledItemDelegate::sizeHint(option, index);
    s.setWidth(std::max(s.width() + 24, 150));
    s.setHeight(std::max(s.height(), option.fontMetrics.height() + 8));
    return s;
}
