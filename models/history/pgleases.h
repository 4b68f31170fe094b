#pragma once

#include <QHash>
#include <QObject>
#include <QString>
#include <QStringList>

#include <memory>
#include <optional>

// Who probes which account when several processes share one PostgreSQL history: the table
// `leases` (pgschema.cpp) holds one row per account, its holder and until when. A holder takes
// or renews leases in one short statement (no session state: advisory locks, prepared
// statements or SET would not survive PgBouncer in transaction mode); a lease nobody renews
// expires and the next caller takes it over.
//
// Every instant here is on the database server's clock, never the caller's: machines sharing
// the history need not agree on the time, and a lease decided by one clock cannot be taken
// early because another runs fast. Callers get the server's "now" with each answer and turn
// instants into waits on their own monotonic clock.
//
// Blocking calls on the caller's thread (own connection, connect_timeout 5 s by default).
class PgLeases : public QObject
{
    Q_OBJECT
public:
    struct Lease
    {
        QString holder;
        qint64 expiresAtMs = 0;             // server clock, ms since the epoch
        std::optional<qint64> notBeforeMs;  // server clock
    };
    struct Acquired
    {
        bool ok = false;
        QString error; // when !ok; never holds a password
        // The accounts this holder now holds, with their shared "send nothing before" instant.
        QHash<QString, std::optional<qint64>> held;
        qint64 serverNowMs = 0; // the server's clock when the leases were written
        // The earliest instant a requested account held by someone else expires (a caller that
        // retries then takes it over without waiting for its next renewal).
        std::optional<qint64> nextExpiryMs;
    };

    explicit PgLeases(QObject *parent = nullptr);
    ~PgLeases() override;

    // `location` as PgHistoryStore::open takes it (postgresql://…). Connects and brings the
    // schema up to date (the leases table is part of it). False with *error otherwise.
    bool open(const QString &location, QString *error = nullptr);
    void close();
    bool isOpen() const;
    // The URL without its password.
    QString location() const;

    // Takes every account of `accountIds` that is free, expired or already this holder's, for
    // `leaseMs` from the server's now; one statement whatever the number of accounts.
    Acquired acquire(const QStringList &accountIds, const QString &holder, qint64 leaseMs);
    // Ends this holder's leases of `accountIds` now (their not-before instants stay), so a
    // successor takes them over at its next acquire instead of waiting for the expiry.
    bool release(const QStringList &accountIds, const QString &holder, QString *error = nullptr);
    // The account's shared "send nothing before" instant (server clock; nullopt clears it).
    // Only the holder may set it: false (without *error) when `holder` does not hold it.
    bool setNotBefore(const QString &accountId, const QString &holder, std::optional<qint64> epochMs,
                      QString *error = nullptr);
    // The same, `delayMs` after the server's now: a caller whose clock may be off names a wait
    // instead of an instant.
    bool setNotBeforeIn(const QString &accountId, const QString &holder, qint64 delayMs, QString *error = nullptr);
    // Every lease row (expired ones included), for display ("polled by host:pid"); *serverNowMs
    // tells which are current. Empty with *error when the server cannot be asked.
    QHash<QString, Lease> holders(qint64 *serverNowMs = nullptr, QString *error = nullptr);

private:
    struct Private;
    std::unique_ptr<Private> d;
};
