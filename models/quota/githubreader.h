#pragma once

#include "headerreader.h"

// GitHub: the x-ratelimit-* headers, the token's expiry, and the body of GET /rate_limit, whose
// resources are merged with what the headers said.
namespace GitHubReader {

void read(HeaderReader &reader);
// `GitHub-Authentication-Token-Expiration`; the generic dialect reads it too.
void readTokenExpiration(HeaderReader &reader);

} // namespace GitHubReader
