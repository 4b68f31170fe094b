#include "atlassianreader.h"

#include "ietfreader.h"

#include <QCoreApplication>
#include <QStringList>

#include <cmath>

using namespace HeaderValues;

namespace {

constexpr Family kHeaders{
    .limit = "X-RateLimit-Limit",
    .remaining = "X-RateLimit-Remaining",
    .reset = "X-RateLimit-Reset",
    .resetParser = ResetFormat::rfc3339,
    .resource = "RateLimit-Reason",
    .nearLimit = "X-RateLimit-NearLimit",
};

} // namespace

void AtlassianReader::warnAdvisoryFields(HeaderReader &r)
{
    QStringList names;
    for (const auto &f : r.fields()) {
        if (startsWithCI(f.first, "Beta-") || startsWithCI(f.first, "X-Beta-")) {
            const QString n = QString::fromLatin1(f.first);
            if (!names.contains(n, Qt::CaseInsensitive))
                names.append(n);
        }
    }
    if (!names.isEmpty())
        r.warn(QCoreApplication::translate("Reader", "advisory fields not read as quotas: %1")
                   .arg(names.join(QStringLiteral(", "))));
}

void AtlassianReader::read(HeaderReader &r)
{
    warnAdvisoryFields(r);
    IetfReader::read(r, IetfReader::Mode::ListOnly);
    Quota q;
    if (r.readFamily(kHeaders, q)) {
        // The reset is truncated to the minute; Retry-After is exact.
        if (r.out().retryAfterS && q.resetAt)
            q.resetAt = HeaderReader::fromMs(r.nowMs() + qint64(std::ceil(*r.out().retryAfterS * 1000)));
        r.add(std::move(q));
    }
}
