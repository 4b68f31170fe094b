#include "statestyle.h"

#include "theme.h"

#include <QGuiApplication>
#include <QPainter>
#include <QPixmap>

namespace {
struct Look
{
    AccountState state;
    QRgb onLight;
    QRgb onDark;
    int severity;
};
// Severity: a quota running low ranks above a probe that says nothing; an unreachable provider
// above a warning, because nothing is known; a critical quota above that, as it is about to
// refuse; a refused token and a provider refusing requests are the worst.
// Colours: Warning is amber and Critical a clear red, so the two read apart at a glance even in
// a bar's fill; Throttled is crimson, Error a burnt orange, Auth failed purple.
constexpr Look kLooks[] = {
    {AccountState::Unlimited, 0xff1565c0, 0xff64b5f6, 0},
    {AccountState::Ok, 0xff2e7d32, 0xff66bb6a, 1},
    {AccountState::NoData, 0xff607d8b, 0xffb0bec5, 2},
    {AccountState::Stale, 0xff757575, 0xffbdbdbd, 3},
    {AccountState::Warning, 0xffa66300, 0xffffc107, 4},
    {AccountState::Error, 0xffbf360c, 0xffff8a65, 5},
    {AccountState::Critical, 0xffd50000, 0xffff5252, 6},
    {AccountState::AuthFailed, 0xff8e24aa, 0xffce93d8, 7},
    {AccountState::Throttled, 0xffad1457, 0xfff06292, 8},
};

const Look &lookOf(AccountState s)
{
    for (const Look &l : kLooks)
        if (l.state == s)
            return l;
    return kLooks[2];
}
} // namespace

QString StateStyle::label(AccountState state)
{
    switch (state) {
    case AccountState::Ok: return tr("OK");
    case AccountState::Warning: return tr("Warning");
    case AccountState::Critical: return tr("Critical");
    case AccountState::Throttled: return tr("Throttled");
    case AccountState::AuthFailed: return tr("Auth failed");
    case AccountState::Unlimited: return tr("Unlimited");
    case AccountState::NoData: return tr("No data");
    case AccountState::Stale: return tr("Stale");
    case AccountState::Error: return tr("Error");
    }
    return {};
}

QColor StateStyle::color(AccountState state, const QPalette &palette)
{
    const Look &l = lookOf(state);
    return QColor::fromRgba(Theme::isDark(palette) ? l.onDark : l.onLight);
}

QColor StateStyle::color(AccountState state)
{
    return color(state, QGuiApplication::palette());
}

QIcon StateStyle::icon(AccountState state)
{
    const QColor c = color(state);
    return drawnIcon([c](QPainter &p, qreal size) {
        p.setPen(Qt::NoPen);
        p.setBrush(c);
        const qreal m = size / 5.0;
        p.drawEllipse(QRectF(m, m, size - 2 * m, size - 2 * m));
    });
}

QIcon StateStyle::drawnIcon(const std::function<void(QPainter &p, qreal size)> &draw)
{
    QIcon icon;
    for (int size : {12, 16, 24, 32}) {
        QPixmap pm(size, size);
        pm.fill(Qt::transparent);
        QPainter p(&pm);
        p.setRenderHint(QPainter::Antialiasing);
        draw(p, size);
        p.end();
        icon.addPixmap(pm);
    }
    return icon;
}

int StateStyle::severity(AccountState state)
{
    return lookOf(state).severity;
}

std::optional<AccountState> StateStyle::worst(const QList<AccountState> &states)
{
    std::optional<AccountState> w;
    for (AccountState s : states) {
        if (!w || severity(s) > severity(*w))
            w = s;
    }
    return w;
}
