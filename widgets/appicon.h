#pragma once

#include "core/accountstate.h"

#include <QIcon>

#include <optional>

// Headroom's icon (a quota bar with a limit mark, as resources/icons/*.svg), painted in code
// because Qt's SVG plugin is optional. With a state, the fill and a corner badge take the
// state's colour (widgets/statestyle.h), so the tray shows the worst account at a glance.
namespace AppIcon {

QIcon icon(std::optional<AccountState> state = std::nullopt);

} // namespace AppIcon
