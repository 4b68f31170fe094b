#pragma once

#include "probe/proberesult.h"

#include <QString>

// One line per probe for `probe` and `watch`: the JSON object of DESIGN.md, or a readable row.
QString formatProbeLine(const ProbeResult &r, bool json);
