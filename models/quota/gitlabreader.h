#pragma once

#include "headerreader.h"

// GitLab: the RateLimit-* family with epoch resets, and the IMF-fixdate RateLimit-ResetTime
// that 429s carry.
namespace GitLabReader {

void read(HeaderReader &reader);

} // namespace GitLabReader
