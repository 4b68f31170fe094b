#include "appicon.h"

#include "statestyle.h"

#include <QPainter>
#include <QPainterPath>
#include <QPixmap>

namespace {

QPixmap paint(int size, std::optional<AccountState> state)
{
    QPixmap pm(size, size);
    pm.fill(Qt::transparent);
    QPainter p(&pm);
    p.setRenderHint(QPainter::Antialiasing);
    p.scale(size / 128.0, size / 128.0);
    p.setPen(Qt::NoPen);

    p.setBrush(QColor(0x26, 0x32, 0x38));
    p.drawRoundedRect(QRectF(8, 8, 112, 112), 22, 22);
    p.setBrush(QColor(0xec, 0xef, 0xf1));
    p.drawRoundedRect(QRectF(40, 20, 48, 88), 8, 8);

    // The icon sits on panels of either brightness; the light-palette tones read on both.
    const QColor fill = StateStyle::color(state.value_or(AccountState::Ok), QPalette(Qt::white));
    // The fill rises with how much of the quota is used, so a throttled account looks full.
    qreal top = 56;
    if (state && isLow(*state))
        top = 36;
    else if (state == AccountState::Throttled)
        top = 26;
    p.setBrush(fill);
    p.drawRoundedRect(QRectF(44, top, 40, 104 - top), 5, 5);

    QPen limit(QColor(0xff, 0xb3, 0x00), 6, Qt::SolidLine, Qt::RoundCap);
    p.setPen(limit);
    p.drawLine(QPointF(30, 32), QPointF(98, 32));

    if (state && *state != AccountState::Ok) {
        p.setPen(QPen(Qt::white, 6));
        p.setBrush(fill);
        p.drawEllipse(QPointF(100, 100), 22, 22);
    }
    p.end();
    return pm;
}

} // namespace

QIcon AppIcon::icon(std::optional<AccountState> state)
{
    QIcon icon;
    for (int size : {16, 22, 24, 32, 48, 64, 128})
        icon.addPixmap(paint(size, state));
    return icon;
}
