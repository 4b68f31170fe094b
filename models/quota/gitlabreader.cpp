#include "gitlabreader.h"

namespace {

constexpr Family kHeaders{
    .limit = "RateLimit-Limit",
    .remaining = "RateLimit-Remaining",
    .used = "RateLimit-Observed",
    .reset = "RateLimit-Reset",
    .resetParser = ResetFormat::epochS,
    .resource = "RateLimit-Name",
};

} // namespace

void GitLabReader::read(HeaderReader &r)
{
    static constexpr QByteArrayView kResetTime = "RateLimit-ResetTime";
    Quota q;
    const bool present = r.readFamily(kHeaders, q);
    // RateLimit-ResetTime (IMF-fixdate) comes with 429s; it stands in when RateLimit-Reset is absent.
    if (!q.resetAt && r.has(kResetTime)) {
        if (const auto ms = r.timeField(kResetTime, ResetFormat::httpDate))
            q.resetAt = HeaderReader::fromMs(*ms);
    }
    if (present || q.resetAt)
        r.add(std::move(q));
}
