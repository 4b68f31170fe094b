#include "probeoutput.h"

#include "cli.h"

#include "core/orderedjson.h"
#include "engine/poolreading.h"

#include <QCoreApplication>

namespace {
// The probe command's line: its strings take their context from this class.
class ProbeText
{
    Q_DECLARE_TR_FUNCTIONS(probe)
};
} // namespace

QString formatProbeLine(const ProbeResult &r, bool json)
{
    if (json)
        return QString::fromUtf8(OrderedJson::write(r.toJson(), OrderedJson::Document::ProbeLine));
    QString line = (r.route.isEmpty() ? r.accountName : r.accountName + u'#' + r.route).leftJustified(20) + u' ' + r.provider.leftJustified(12) + u' '
        + accountStateId(r.state).leftJustified(12);
    const int i = r.state == AccountState::Error ? -1 : r.reading.mostRestrictive();
    if (i >= 0) {
        const Quota &q = r.reading.quotas.at(i);
        const QString rem = q.remaining ? QString::number(*q.remaining) : QStringLiteral("?");
        const QString lim = q.limit ? QString::number(*q.limit) : QStringLiteral("?");
        line += u' ' + QString(rem + u'/' + lim).leftJustified(14) + u' ' + q.resource;
        if (q.resetAt && r.probedAt.isValid())
            line += ProbeText::tr("  resets in %1 s").arg(r.probedAt.secsTo(*q.resetAt));
    }
    if (r.reading.retryAfterS)
        line += ProbeText::tr("  retry after %1 s").arg(*r.reading.retryAfterS);
    if (!r.error.isEmpty())
        line += u"  " + r.error;
    return line;
}

QString formatPoolLine(const PoolReading &pool, bool json)
{
    if (json)
        return QString::fromUtf8(OrderedJson::write(pool.toJson(), OrderedJson::Document::ProbeLine));
    QString line = QString(QStringLiteral("pool:") + pool.pool).leftJustified(20) + u' ' + pool.provider.leftJustified(12) + u' '
        + accountStateId(pool.state).leftJustified(12);
    for (const PoolQuota &q : pool.quotas) {
        const QString rem = q.remaining ? QString::number(*q.remaining) : QStringLiteral("?");
        const QString lim = q.limit ? QString::number(*q.limit) : QStringLiteral("?");
        line += u' ' + QString(rem + u'/' + lim).leftJustified(14) + u' ' + q.resource;
    }
    if (const QString why = pool.sharingExplanation(); !why.isEmpty())
        line += u"  " + why;
    if (pool.imbalanced)
        line += u"  " + CliText::tr("imbalanced");
    return line;
}
