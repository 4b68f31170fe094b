#pragma once

// Organization and application names, so QSettings() and QStandardPaths agree on
// $XDG_CONFIG_HOME/headroom/; moves settings an older build left under "Unknown Organization"
// once. Call right after the Q(Core)Application is constructed, in the CLI and the GUI alike.
void setUpApplicationIdentity();
