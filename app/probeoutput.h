#pragma once

#include "probe/proberesult.h"

#include <QString>

// One line per probe for `probe` and `watch`: one JSON object in the documented key order, or a
// readable row.
QString formatProbeLine(const ProbeResult &r, bool json);

struct PoolReading;
// The pool's line, printed after its members' lines: JSON or one line of text.
QString formatPoolLine(const PoolReading &pool, bool json);
