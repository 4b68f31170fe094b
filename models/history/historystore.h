#pragma once

#include "historytypes.h"

#include <QHash>
#include <QObject>
#include <QSqlDatabase>
#include <QString>
#include <QStringList>

struct ProbeResult;

// The history of every reading, on SQLite (WAL, synchronous=NORMAL, BEGIN IMMEDIATE batches).
// Every write method returns only after its transaction committed (or failed): a caller that
// prints "recorded" after it may rely on the sample surviving kill -9.
//
// The declarations below are the contract other parts of Headroom use; the history issue owns
// the implementation and may add to it, but not change what is declared here.
class HistoryStore : public QObject
{
    Q_OBJECT
public:
    explicit HistoryStore(QObject *parent = nullptr);
    ~HistoryStore() override;

    // $XDG_DATA_HOME/headroom/history.sqlite
    static QString defaultPath();

    // Opens or creates the store, migrating older schemas. A corrupt or foreign file is moved
    // aside (history.sqlite.corrupt-<timestamp>) and a fresh store created; notice() then says so.
    // Returns false with *error only when no store can be used at all (e.g. a newer schema).
    bool open(const QString &path, QString *error = nullptr);
    // A store that lives in memory only (demo mode, tests of the layers above).
    bool openInMemory(QString *error = nullptr);
    void close();
    bool isOpen() const;
    // A one-time message for the user (file quarantined, disk full, writes resumed); empty when none.
    QString takeNotice();

    // Keeps the account's current name and provider, so exports name it even after removal.
    bool registerAccount(const QString &accountId, const QString &name, const QString &provider);

    // Records one probe: its samples (one per quota) and the events it implies, in one
    // transaction. A failed probe stores no sample, only its error event.
    bool recordProbe(const ProbeResult &result, const QList<Event> &extraEvents = {});
    bool appendSamples(const QList<Sample> &samples);
    bool appendEvents(const QList<Event> &events);

    std::optional<Sample> lastSample(const QString &accountId, const QString &resource) const;
    QList<Sample> samples(const QString &accountId, const QString &resource, const QDateTime &from,
                          const QDateTime &to) const;
    QStringList resources(const QString &accountId) const;
    QList<Event> events(const QDateTime &from, const QDateTime &to, const QStringList &accountIds = {},
                        int limit = -1) const;

    // A series for a chart `pixelWidth` columns wide: cost grows with pixels, not samples.
    ChartSeries series(const QString &accountId, const QString &resource, const QDateTime &from,
                       const QDateTime &to, int pixelWidth) const;

    // Alert state lives with the history so a restart never repeats an alert (models/alerts).
    QByteArray alertState(const QString &key) const;
    bool setAlertState(const QString &key, const QByteArray &value);

    // --- Added by the history issue -------------------------------------------------------
    // Schema version this build writes (PRAGMA user_version).
    static int schemaVersion();
    QString path() const;

    // Raw samples older than this are pruned (hourly rollups are kept for good). Default 90.
    void setRetentionDays(int days);
    int retentionDays() const;
    // Deletes at most maxRows raw samples older than the retention window, in one short write
    // transaction, and returns how many it deleted (-1 on failure). A timer in the store calls
    // it while the store is open, so pruning never blocks probing for long.
    int pruneOnce(int maxRows = 2000);

    // A sample whose remaining is below this fraction of its limit counts as "below warning"
    // in rollups and summaries. Default 0.2.
    void setWarningFraction(double fraction);
    double warningFraction() const;

    // Samples and events that could not be written yet (disk full, read-only) and are kept in
    // memory; they are written with the next successful write.
    int pendingCount() const;
    // Tries to write what is pending now; true when nothing is pending afterwards.
    bool flushPending();

    // This thread's connection (one per thread; created on first use). Readers such as the CSV
    // exporter run their own queries on it, so an export off the UI thread uses its own connection.
    QSqlDatabase connection() const;
    // Drops the calling thread's connection. A worker thread that read through this store calls it
    // before it ends: thread ids are reused, and a connection must not outlive its thread.
    void releaseThreadConnection();
    // The full integrity check of a file too large to check during open() starts this long after
    // open(), at idle priority (default 30 s), so it never competes with start-up. Set before open().
    void setBackgroundCheckDelay(int ms);

    // Account id -> (name, provider) as registered, and the stored key of each account.
    struct AccountInfo
    {
        qint64 key = 0;
        QString id;
        QString name;
        QString provider;
    };
    QList<AccountInfo> accounts() const;

Q_SIGNALS:
    void samplesAdded(const QString &accountId);
    void eventsAdded();
    // The integrity check of a large file, run after open() off the start-up path, found damage.
    // `notice` is for the user (the same text takeNotice() returns once).
    void damageFound(const QString &notice);

private:
    class Private;
    Private *d;
};
