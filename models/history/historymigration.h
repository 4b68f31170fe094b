#pragma once

#include <QCoreApplication>
#include <QList>
#include <QString>
#include <QUuid>

#include <atomic>
#include <functional>
#include <memory>

// Copies a history kept in SQLite into a PostgreSQL history (`headroom history migrate`):
// accounts (keys mapped by account id: the destination numbers them its own way), raw samples,
// the hourly rollups and 6-hour blocks exactly as stored (they outlive the raw samples, so
// folding them again from what is left would lose the older ones), events and alert state.
//
// Resumable and idempotent. Rows go in key order, in batches of one transaction each, and the
// batch's last key is committed with it in the destination's table headroom_migration, so a run
// stopped in any way (cancelled, killed, connection lost) continues after the last committed
// batch. Nothing depends on that position for correctness, though: samples are unique per
// account, resource and time, rollups per account, resource and hour or block, alert state per
// key and events carry a uid made from the source row, and every insert is ON CONFLICT DO
// NOTHING, so a batch sent twice, or a whole second run, doubles nothing. Existing rows of the
// destination are kept as they are (a merge, never a delete): where both sides hold a rollup of
// the same hour, the destination's stays.
//
// The source is opened read-only with a connection of its own, never through HistoryStore, which
// would migrate, prune or quarantine it. The destination's schema is made by PgHistoryStore first.
// Statements are plain text (no server-side PREPARE), so PgBouncer in transaction mode works.
class HistoryMigration
{
    Q_DECLARE_TR_FUNCTIONS(HistoryMigration)
public:
    // Per table, what the source holds and the destination holds for the migrated accounts.
    struct Count
    {
        QString table;
        qint64 source = 0;
        qint64 destination = 0;
        qint64 copied = 0;  // inserted by this run
        bool merged = false; // the destination held rows of these accounts before the first run
        // Equal counts; after a merge, at least the source's rows.
        bool matches() const { return merged ? destination >= source : destination == source; }
    };
    enum class Outcome { Verified, Mismatch, Cancelled, Failed };
    // Called at most once a second per table while it is copied, and once at its end.
    using Progress = std::function<void(const QString &table, qint64 done, qint64 total)>;

    HistoryMigration();
    ~HistoryMigration();
    HistoryMigration(const HistoryMigration &) = delete;
    HistoryMigration &operator=(const HistoryMigration &) = delete;

    static constexpr int kDefaultBatch = 5000;
    void setBatchSize(int rows);
    void setProgress(Progress progress);
    // Checked between batches; a set flag ends the run after the batch in flight committed.
    void setCancelFlag(const std::atomic<bool> *cancelled);

    // `sqlitePath`: an existing Headroom SQLite history; `postgresUrl`: a libpq URL. Failed and
    // Cancelled say why in *error (never with a password). counts() is filled on Verified and
    // Mismatch.
    Outcome run(const QString &sqlitePath, const QString &postgresUrl, QString *error);
    QList<Count> counts() const;

    // The destination's uid of the source's event: a UUIDv5 of the account's id and the event's
    // id, time and kind, the same in every run and for every copy of the same file.
    static QUuid eventUid(const QString &accountId, qint64 eventId, qint64 timeMs, const QString &kind);

private:
    struct Private;
    std::unique_ptr<Private> d;
};
