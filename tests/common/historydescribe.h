#pragma once

// Histories compared as text, so a mismatch between two backends (or between a history and
// its migrated copy) prints what differs: a chart series point by point, a sample field by field.
#include "history/historytypes.h"

#include <QPointF>
#include <QString>
#include <QStringList>

inline QString describe(const ChartSeries &s)
{
    QStringList parts;
    parts << QStringLiteral("rollups=%1").arg(s.fromRollups);
    QStringList pts;
    for (const QPointF &p : s.remaining)
        pts << QStringLiteral("%1:%2").arg(qint64(p.x())).arg(p.y());
    parts << QStringLiteral("remaining=") + pts.join(u',');
    pts.clear();
    for (const QPointF &p : s.limit)
        pts << QStringLiteral("%1:%2").arg(qint64(p.x())).arg(p.y());
    parts << QStringLiteral("limit=") + pts.join(u',');
    pts.clear();
    for (const qint64 r : s.resets)
        pts << QString::number(r);
    parts << QStringLiteral("resets=") + pts.join(u',');
    pts.clear();
    for (const qint64 r : s.throttles)
        pts << QString::number(r);
    parts << QStringLiteral("throttles=") + pts.join(u',');
    return parts.join(u'\n');
}

inline QString describe(const Sample &s)
{
    auto o = [](const auto &v) { return v ? QString::number(*v) : QStringLiteral("-"); };
    return QStringLiteral("%1/%2@%3 lim=%4 rem=%5 used=%6 reset=%7 status=%8 cost=%9")
        .arg(s.accountId, s.resource, QString::number(s.time.toMSecsSinceEpoch()), o(s.limit), o(s.remaining), o(s.used),
             s.resetAt ? QString::number(s.resetAt->toMSecsSinceEpoch()) : QStringLiteral("-"), o(s.status),
             QString::number(s.cost));
}

