#pragma once

#include "headerreader.h"

// The IETF RateLimit fields: the -08+ List with `RateLimit-Policy` matched by name, the -07
// Dictionary, and the older separate `RateLimit-Limit`/`-Remaining`/`-Reset` fields with integer
// policies. A malformed field is ignored whole, as the draft says; each field is judged on its own.
namespace IetfReader {

enum class Mode {
    ListOnly,           // RateLimit and RateLimit-Policy only (Cloudflare, Atlassian)
    WithSeparateFields, // also the older drafts' separate fields
    Generic,            // also GitLab's and Buildkite's extras on those fields, any reset encoding
};

void read(HeaderReader &reader, Mode mode);

} // namespace IetfReader
