#pragma once

#include "probe/proberesult.h"

#include <QString>

// One line per probe for `probe` and `watch`: one JSON object in the documented key order, or a
// readable row.
QString formatProbeLine(const ProbeResult &r, bool json);
