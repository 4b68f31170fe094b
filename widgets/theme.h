#pragma once

#include <QPalette>
#include <QString>

// Light and dark. "System" keeps the platform's palette; Light and Dark override it with a
// fixed QPalette on the Fusion style so both are legible wherever Headroom runs.
namespace Theme {

enum class Mode { System, Light, Dark };

Mode savedMode();            // from QSettings, System by default
void saveMode(Mode mode);
void apply(Mode mode);       // sets the application palette (and style when overriding)
bool isDark(const QPalette &palette);
QString modeId(Mode mode);   // "system", "light", "dark"

} // namespace Theme
