#include "appicon.h"

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

    const QColor fill = state ? AppIcon::stateColor(*state) : QColor(0x43, 0xa0, 0x47);
    // The fill rises with how much of the quota is used, so a throttled account looks full.
    qreal top = 56;
    if (state == AccountState::NearLimit)
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

QColor AppIcon::stateColor(AccountState state)
{
    switch (state) {
    case AccountState::Ok:
        return QColor(0x43, 0xa0, 0x47);
    case AccountState::NearLimit:
        return QColor(0xfb, 0x8c, 0x00);
    case AccountState::Throttled:
        return QColor(0xe5, 0x39, 0x35);
    case AccountState::AuthFailed:
        return QColor(0x8e, 0x24, 0xaa);
    case AccountState::Unlimited:
        return QColor(0x1e, 0x88, 0xe5);
    case AccountState::NoData:
    case AccountState::Stale:
        return QColor(0x90, 0xa4, 0xae);
    case AccountState::Error:
        return QColor(0xc6, 0x28, 0x28);
    }
    return QColor(0x90, 0xa4, 0xae);
}

QIcon AppIcon::icon(std::optional<AccountState> state)
{
    QIcon icon;
    for (int size : {16, 22, 24, 32, 48, 64, 128})
        icon.addPixmap(paint(size, state));
    return icon;
}

QString AppIcon::stateText(AccountState state)
{
    switch (state) {
    case AccountState::Ok:
        return QCoreApplication::translate("AppIcon", "ok");
    case AccountState::NearLimit:
        return QCoreApplication::translate("AppIcon", "near limit");
    case AccountState::Throttled:
        return QCoreApplication::translate("AppIcon", "throttled");
    case AccountState::AuthFailed:
        return QCoreApplication::translate("AppIcon", "authentication failed");
    case AccountState::Unlimited:
        return QCoreApplication::translate("AppIcon", "unlimited");
    case AccountState::NoData:
        return QCoreApplication::translate("AppIcon", "no data");
    case AccountState::Stale:
        return QCoreApplication::translate("AppIcon", "stale");
    case AccountState::Error:
        return QCoreApplication::translate("AppIcon", "error");
    }
    return {};
}
