#pragma once

#include "accounts/account.h"

#include <QElapsedTimer>
#include <QHash>
#include <QObject>
#include <QPointer>
#include <QStringList>

class Monitor;
class PgLeases;
struct ProbeResult;
class QTimer;

// Exactly one poller per account when several processes share a PostgreSQL history: the
// keeper takes the leases (PgLeases) of the accounts this process has tokens for, renews them
// every lease/3, and gives the Monitor only the accounts it holds. An account taken over starts
// with the wait its previous holder shared (Retry-After, reset, backoff, auth failure); each
// recorded result shares this process's wait in turn.
//
// Without the database the keeper keeps polling what it holds until its leases would have
// expired (counted from when the last renewal was sent, less a margin for probes in flight),
// then stops: after a partition two processes never poll one account. On stop() or
// destruction it releases its leases, so a successor takes over at once.
class LeaseKeeper : public QObject
{
    Q_OBJECT
public:
    // Neither is owned; `monitor` may go first (the keeper then only releases).
    LeaseKeeper(Monitor *monitor, PgLeases *leases, QString holder, qint64 leaseMs = 60000,
                QObject *parent = nullptr);
    ~LeaseKeeper() override;

    // "host:pid:random": which machine and process polls an account, unique per keeper.
    static QString defaultHolder();

    // The accounts this process could poll (it has their tokens). Held accounts no longer in
    // the list are released; while running, the new list is acquired at once.
    void setAccounts(const QList<Account> &accounts);
    // The first acquire at once, then a renewal every lease/3.
    void start();
    // Releases every lease and leaves the monitor no account.
    void stop();
    bool isRunning() const { return m_running; }

    QString holder() const { return m_holder; }
    qint64 leaseMs() const { return m_leaseMs; }
    QStringList heldAccounts() const; // sorted

    // A wait shared for an account whose token failed (401), so a successor does not try the
    // same token at once; a fixed token is tried again after it.
    static constexpr qint64 kAuthFailedHoldMs = 15 * 60'000;
    // How often a keeper that holds fewer accounts than it could asks for the others.
    static constexpr qint64 kStandbyPollMs = 3'000;

Q_SIGNALS:
    // The accounts the monitor polls changed (sorted ids).
    void heldChanged(const QStringList &accountIds);
    // Leases this keeper had and no longer has: expired during an outage of the database or
    // taken by another holder. They are no longer polled here.
    void leaseLost(const QStringList &accountIds);
    // The database could not be reached or refused a statement (never holds a password); said
    // once per outage, and again when the message changes.
    void error(const QString &message);

private:
    void renew();
    void expireDue();
    void applyHeld(const QStringList &held, bool force);
    void onResult(const ProbeResult &result);
    void armExpiry();
    void fail(const QString &message);
    qint64 nowMs() const { return m_clock.elapsed(); }

    QPointer<Monitor> m_monitor;
    PgLeases *m_leases;
    const QString m_holder;
    const qint64 m_leaseMs;
    const qint64 m_marginMs;
    QList<Account> m_accounts;
    QHash<QString, qint64> m_deadline; // held account -> when its lease ends here (m_clock)
    QHash<QString, qint64> m_shared;   // account -> the not-before this keeper wrote (m_clock)
    QStringList m_held;                // what the monitor polls, sorted
    QTimer *m_renewTimer;
    QTimer *m_expiryTimer;
    QTimer *m_takeoverTimer;
    QElapsedTimer m_clock;
    QString m_lastError;
    bool m_running = false;
};
