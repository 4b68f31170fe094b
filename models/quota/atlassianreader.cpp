#include "atlassianreader.h"

#include "ietfreader.h"

#include <QStringList>


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
        r.warn(ReaderText::tr("advisory fields not read as quotas: %1")
                   .arg(names.join(QStringLiteral(", "))));
}

void AtlassianReader::read(HeaderReader &r)
{
    warnAdvisoryFields(r);
    IetfReader::read(r, IetfReader::Mode::ListOnly);
    // The reset is kept as stated, truncated to the minute as it is; Retry-After, exact, is the
    // reading's wait. Neither overwrites the other.
    Quota q;
    if (r.readFamily(kHeaders, q))
        r.add(std::move(q));
}
