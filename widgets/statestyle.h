#pragma once

#include "core/accountstate.h"

#include <QColor>
#include <QCoreApplication>
#include <QIcon>
#include <QList>
#include <QPalette>

#include <functional>
#include <optional>

class QPainter;

// How a state looks, in one place: its words, colour, icon and rank. The table's state column
// and row colours, the quota bars, the chart's threshold lines, the tray and the event log all
// ask here, so "Warning" reads, looks and ranks the same wherever it appears. The rule that
// decides a state lives in core/accountstate.h.
class StateStyle
{
    Q_DECLARE_TR_FUNCTIONS(StateStyle)
public:
    // "Warning", "Auth failed", ... translated, capitalised as a table cell.
    static QString label(AccountState state);
    // Readable as text and as a fill on the given palette: a darker tone on light palettes, a
    // lighter one on dark ones.
    static QColor color(AccountState state, const QPalette &palette);
    static QColor color(AccountState state); // on the application's palette
    // A round badge in the state's colour, for the state cell and menus.
    static QIcon icon(AccountState state);
    // A small icon drawn at the sizes views ask for (12 to 32 px), antialiased on a transparent
    // ground: the state dots, the table's shared-bucket mark and the event log's alert mark.
    static QIcon drawnIcon(const std::function<void(QPainter &p, qreal size)> &draw);
    // Higher is worse: Unlimited and Ok are the calmest, Throttled the worst.
    static int severity(AccountState state);
    static std::optional<AccountState> worst(const QList<AccountState> &states);
};
