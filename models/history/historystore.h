#pragma once

#include "historybackend.h"

#include <QSqlDatabase>
#include <QString>

#include <memory>

// The history on SQLite (WAL, synchronous=NORMAL, BEGIN IMMEDIATE batches, one connection per
// thread): the HistoryBackend every command and the dashboard open today. Its parts, one file
// each: sqliteconnections (per-thread connections), sqlitewriter (the write path and rollups),
// sqlitequeries (reads and chart decimation), sqlitemaintenance (open, integrity, quarantine,
// migrations, pruning), sqlitealertstate; this class holds them under one lock.
class HistoryStore : public HistoryBackend
{
    Q_OBJECT
public:
    explicit HistoryStore(QObject *parent = nullptr);
    ~HistoryStore() override;

    // $XDG_DATA_HOME/headroom/history.sqlite
    static QString defaultPath();
    // Schema version this build writes (PRAGMA user_version).
    static int schemaVersion();

    // Opens or creates the file, migrating older schemas. A corrupt or foreign file is moved
    // aside (history.sqlite.corrupt-<timestamp>) and a fresh one created; takeNotice() then says
    // so. Returns false with *error only when no store can be used at all (e.g. a newer schema).
    bool open(const QString &path, QString *error = nullptr) override;
    // A store that lives in memory only (demo mode, tests of the layers above).
    bool openInMemory(QString *error = nullptr);
    // For reports: the file at `path` when it exists, else an empty in-memory history, so a
    // report of nothing yet is an empty report and creates no history file as a side effect.
    bool openForReading(const QString &path, QString *error = nullptr);
    void close() override;
    bool isOpen() const override;
    QString takeNotice() override;
    QString path() const;

    bool registerAccount(const QString &accountId, const QString &name, const QString &provider) override;
    bool record(const HistoryRecord &record) override;
    bool appendSamples(const QList<Sample> &samples) override;
    bool appendEvents(const QList<Event> &events) override;
    int pendingCount() const override;
    bool flushPending() override;

    std::optional<Sample> lastSample(const QString &accountId, const QString &resource) const override;
    QList<Sample> samples(const QString &accountId, const QString &resource, const QDateTime &from,
                          const QDateTime &to) const override;
    QStringList resources(const QString &accountId) const override;
    QList<Event> events(const QDateTime &from, const QDateTime &to, const QStringList &accountIds = {},
                        int limit = -1) const override;
    ChartSeries series(const QString &accountId, const QString &resource, const QDateTime &from,
                       const QDateTime &to, int pixelWidth) const override;
    QList<AccountInfo> accounts() const override;

    QByteArray alertState(const QString &key) const override;
    bool setAlertState(const QString &key, const QByteArray &value) override;

    void setRetentionDays(int days) override;
    int retentionDays() const override;
    int pruneOnce(int maxRows = 2000) override;
    void setWarningFraction(double fraction) override;
    double warningFraction() const override;
    void setAccountWarningFractions(const QHash<QString, double> &fractions) override;

    // SQLite only. This thread's connection (created on first use). The CSV exporter and tests
    // run their own queries on it, so an export off the UI thread uses its own connection.
    QSqlDatabase connection() const;
    void releaseThreadConnection() override;
    // The full integrity check of a file too large to check during open() starts this long after
    // open(), at idle priority (default 30 s), so it never competes with start-up. Set before open().
    void setBackgroundCheckDelay(int ms);

private:
    struct Private;
    std::unique_ptr<Private> d;
};
