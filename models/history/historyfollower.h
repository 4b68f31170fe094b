#pragma once

#include "historytypes.h"

#include <QList>
#include <QObject>
#include <QString>

#include <memory>

// Follows a shared PostgreSQL history for a process that polls nothing itself (a dashboard):
// every reading another process commits reaches samplesCommitted() within seconds.
//
// Two paths, on purpose. PgHistoryStore sends NOTIFY headroom_samples / headroom_events in each
// write's transaction, so a commit wakes the follower at once; but a notification is only a
// hint: it is lost while the connection is down, never sent by a writer that predates it or by
// a row written with plain SQL, and PgBouncer in transaction mode does not pass LISTEN on. So a
// timer polls `latest` (each series' newest sample) every pollIntervalMs() whether or not
// notifications arrive; the poll is the truth, a notification only makes it come sooner (bursts
// of them are folded into one poll).
//
// Everything that talks to the server runs on a thread of its own with a connection of its own
// (QSqlDatabase connections belong to their thread; the owner's thread never waits for the
// network). A lost connection is found by a failed poll or, between polls, from libpq's state,
// which the driver's notification reader keeps current (a server that stops or crashes closes the
// socket it watches); it is reported once per outage (connectionLost), retried with exponential
// backoff from 1 s to 30 s, and followed by connectionRestored and a poll that delivers whatever
// was committed in between. Signals arrive on the thread that owns the follower.
class HistoryFollower : public QObject
{
    Q_OBJECT
public:
    explicit HistoryFollower(QObject *parent = nullptr);
    ~HistoryFollower() override;

    // Before start(); the interval of the poll that runs whether or not notifications arrive.
    void setPollIntervalMs(int ms);
    int pollIntervalMs() const;

    // `location` as PgHistoryStore::open takes it (postgresql://…). Returns at once: the
    // connection is made on the follower's thread; when it cannot be, connectionLost() says why
    // and it is retried. The first poll delivers the newest reading of every series. Restarts a
    // follower that runs already.
    void start(const QString &location);
    // Stops the thread and closes its connection; no signal is emitted after it returns. Waits
    // for a connection attempt or a statement in flight (bounded by connect_timeout, 5 s by
    // default, and tcp_user_timeout, 10 s).
    void stop();
    bool isRunning() const;

Q_SIGNALS:
    // Readings newer than any this follower delivered for their account and resource, one
    // signal per poll (UTC times); a series never goes back in time.
    void samplesCommitted(const QList<Sample> &samples);
    // Events were committed since the last poll (read them from the history).
    void eventsCommitted();
    // Once per outage, user-readable and without a password.
    void connectionLost(const QString &message);
    // The follower is connected again after connectionLost().
    void connectionRestored();

private:
    struct Private;
    std::unique_ptr<Private> d;
};
