#pragma once

#include "headerreader.h"

// Atlassian Jira/Confluence Cloud: the X-RateLimit-* family with a minute-precision ISO reset,
// the IETF fields, and the advisory Beta-* fields, which only earn a warning.
namespace AtlassianReader {

void read(HeaderReader &reader);
// The warning about `Beta-*` and `X-Beta-*` fields; the generic dialect gives it too.
void warnAdvisoryFields(HeaderReader &reader);

} // namespace AtlassianReader
