#pragma once

#include <QDateTime>

// The single source of "now" for the model layer. Countdowns, backoff, staleness and
// relative header values all ask the clock, so tests can move time instead of sleeping.
class Clock
{
public:
    virtual ~Clock() = default;

    // Wall-clock time in UTC.
    virtual QDateTime nowUtc() const;
    // Monotonic milliseconds: immune to wall-clock jumps; used for intervals and deadlines.
    virtual qint64 monotonicMs() const;

    static Clock *instance();
    // Not owned. Passing nullptr restores the system clock.
    static void setInstance(Clock *clock);
};

// A clock that only moves when told to. For tests and for the simulator's fast-forward.
class ManualClock : public Clock
{
public:
    explicit ManualClock(const QDateTime &start = QDateTime::fromSecsSinceEpoch(1795435200, Qt::UTC));

    QDateTime nowUtc() const override;
    qint64 monotonicMs() const override;

    void advanceMs(qint64 ms);
    void advanceSeconds(qint64 s) { advanceMs(s * 1000); }
    // Moves wall time only (a user changing the clock); monotonic time is untouched.
    void jumpWall(qint64 ms);

private:
    qint64 m_wallMs;
    qint64 m_monoMs = 0;
};
