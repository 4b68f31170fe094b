#include "clock.h"

#include <QElapsedTimer>

namespace {
Clock *g_override = nullptr;
Clock g_system;
}

QDateTime Clock::nowUtc() const
{
    return QDateTime::currentDateTimeUtc();
}

qint64 Clock::monotonicMs() const
{
    static QElapsedTimer timer = [] {
        QElapsedTimer t;
        t.start();
        return t;
    }();
    return timer.elapsed();
}

Clock *Clock::instance()
{
    return g_override ? g_override : &g_system;
}

void Clock::setInstance(Clock *clock)
{
    g_override = clock;
}

ManualClock::ManualClock(const QDateTime &start)
    : m_wallMs(start.toMSecsSinceEpoch())
{
}

QDateTime ManualClock::nowUtc() const
{
    return QDateTime::fromMSecsSinceEpoch(m_wallMs, Qt::UTC);
}

qint64 ManualClock::monotonicMs() const
{
    return m_monoMs;
}

void ManualClock::advanceMs(qint64 ms)
{
    m_wallMs += ms;
    m_monoMs += ms;
}

void ManualClock::jumpWall(qint64 ms)
{
    m_wallMs += ms;
}
