#pragma once

#include "probe/proberesult.h"

#include <QColor>
#include <QCoreApplication>
#include <QIcon>

#include <optional>

// Headroom's icon (a quota bar with a limit mark, as resources/icons/*.svg), painted in code
// because Qt's SVG plugin is optional. With a state, the fill and a corner badge take the
// state's colour, so the tray shows the worst account at a glance.
namespace AppIcon {

QIcon icon(std::optional<AccountState> state = std::nullopt);
QColor stateColor(AccountState state);
// The state as the user reads it ("near limit"), translated.
QString stateText(AccountState state);

} // namespace AppIcon
