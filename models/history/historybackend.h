#pragma once

#include <QHash>

#include "historytypes.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QObject>
#include <QSet>
#include <QString>
#include <QStringList>

#include <optional>

// The history as the rest of Headroom uses it: what a storage engine must do so the monitor,
// the chart, the event log, the alerts and the table work on it. HistoryStore (SQLite) is the
// one implementation today; docs/ARCHITECTURE.md says how to add another.
//
// Contract for every implementation:
// - Every write returns only after its transaction committed (true) or failed (false): a
//   caller that prints "recorded" after it may rely on the write surviving kill -9.
// - A write that fails for a passing reason (disk full, read-only, connection lost) keeps its
//   samples and events in memory (pendingCount()) and writes them with the next write.
// - Any thread may call any method; each thread that reads uses its own connection and calls
//   releaseThreadConnection() before it ends.
// - Times are UTC; an unnamed resource is "" and reads back as "".
class HistoryBackend : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;
    ~HistoryBackend() override = default;

    // --- Lifecycle ---------------------------------------------------------------------------
    // Opens or creates the history at `location` (for SQLite a file path), migrating older
    // schemas. Returns false with *error only when no history can be used at all.
    virtual bool open(const QString &location, QString *error = nullptr) = 0;
    virtual void close() = 0;
    virtual bool isOpen() const = 0;
    // A one-time message for the user (history moved aside, damage found, disk full, writes
    // resumed); empty when there is none.
    virtual QString takeNotice() = 0;
    // Drops the calling thread's connection; a worker thread that read calls it before it ends.
    virtual void releaseThreadConnection() = 0;

    // --- Writes ------------------------------------------------------------------------------
    // Keeps the account's current name and provider, so exports name it even after removal.
    virtual bool registerAccount(const QString &accountId, const QString &name, const QString &provider) = 0;
    // One probe's samples, events and name in one transaction; emits samplesAdded and/or
    // eventsAdded for what it held.
    virtual bool record(const HistoryRecord &record) = 0;
    virtual bool appendSamples(const QList<Sample> &samples) = 0;
    virtual bool appendEvents(const QList<Event> &events) = 0;
    // Samples and events kept in memory because they could not be written yet.
    virtual int pendingCount() const = 0;
    // Tries to write what is pending now; true when nothing is pending afterwards.
    virtual bool flushPending() = 0;

    // --- Reads -------------------------------------------------------------------------------
    // The newest sample, including one still pending in memory.
    virtual std::optional<Sample> lastSample(const QString &accountId, const QString &resource) const = 0;
    // Raw samples in [from, to), oldest first; an invalid bound is open.
    virtual QList<Sample> samples(const QString &accountId, const QString &resource, const QDateTime &from,
                                  const QDateTime &to) const = 0;
    // Every resource the account ever had a sample of, "" (an unnamed quota) first.
    virtual QStringList resources(const QString &accountId) const = 0;
    // Events in [from, to), oldest first; with a limit, the newest `limit` of them.
    virtual QList<Event> events(const QDateTime &from, const QDateTime &to, const QStringList &accountIds = {},
                                int limit = -1) const = 0;
    // A series for a chart `pixelWidth` columns wide: at most two points per column, read from
    // rollups for long ranges, so the cost follows the pixels, not the history.
    virtual ChartSeries series(const QString &accountId, const QString &resource, const QDateTime &from,
                               const QDateTime &to, int pixelWidth) const = 0;

    // Account id -> (name, provider) as registered, and the stored key of each account.
    struct AccountInfo
    {
        qint64 key = 0;
        QString id;
        QString name;
        QString provider;
    };
    virtual QList<AccountInfo> accounts() const = 0;

    // --- Alert state (models/alerts): kept with the history so a restart never repeats an alert.
    virtual QByteArray alertState(const QString &key) const = 0;
    virtual bool setAlertState(const QString &key, const QByteArray &value) = 0;

    // --- Retention and rollups ---------------------------------------------------------------
    // Raw samples older than this are pruned (hourly rollups are kept for good). Default 90.
    virtual void setRetentionDays(int days) = 0;
    virtual int retentionDays() const = 0;
    // Deletes at most maxRows raw samples older than the retention window in one short write
    // transaction; returns how many (-1 on failure). The backend also prunes on its own timer.
    virtual int pruneOnce(int maxRows = 2000) = 0;
    // A sample whose remaining is below this fraction of its limit counts as "below warning" in
    // rollups and summaries (minutes_below_warning), from the next write on. Default 0.2.
    virtual void setWarningFraction(double fraction) = 0;
    virtual double warningFraction() const = 0;
    // Accounts whose own warning threshold differs from the global one (the user's per-account
    // override); replaces the previous set. An account not listed uses warningFraction().
    virtual void setAccountWarningFractions(const QHash<QString, double> &fractions) = 0;

    // Another process committed these samples (or events) to a shared history
    // (HistoryFollower saw them): the signals a write of them here sends, so views refresh.
    void announceCommitted(const QList<Sample> &samples) { announceSamples(samples); }
    void announceCommittedEvents() { Q_EMIT eventsAdded(); }

protected:
    // After a write of `samples`: samplesAdded once per account they belong to.
    void announceSamples(const QList<Sample> &samples)
    {
        QSet<QString> ids;
        for (const Sample &s : samples)
            ids.insert(s.accountId);
        for (const QString &id : std::as_const(ids))
            Q_EMIT samplesAdded(id);
    }

Q_SIGNALS:
    void samplesAdded(const QString &accountId);
    void eventsAdded();
    // A check after open() found damage; `notice` is for the user (takeNotice() returns it once).
    void damageFound(const QString &notice);
};
