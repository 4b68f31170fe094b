#pragma once

#include "historybackend.h"

#include <QSqlDatabase>

#include <memory>

// The history in PostgreSQL, for a team sharing one history (`--history postgresql://…`).
// Same tables and semantics as HistoryStore (SQLite): raw samples, events, accounts, hourly
// rollups and 6-hour blocks kept in the write's own transaction, alert state, decimated chart
// series. Differences, all on purpose:
// - A sample is unique per account, resource and time: a second copy is ignored (also by the
//   rollups), so a write retried after a COMMIT whose answer was lost never doubles anything.
// - The previous reading a "time below warning" span starts from is read from the database in
//   each write, not cached: another process may have written the account since.
// - Reads take no store-wide lock: each thread has its own connection and the server isolates.
// - Statements are plain text with quoted literals, no server-side prepared statements, so the
//   history works behind PgBouncer in transaction mode.
// A write that fails because the server is gone keeps its data in memory (pendingCount()) and
// the next write reconnects and writes it first; takeNotice() says when that starts and ends.
class PgHistoryStore : public HistoryBackend
{
    Q_OBJECT
public:
    explicit PgHistoryStore(QObject *parent = nullptr);
    ~PgHistoryStore() override;

    // True for the locations this backend opens (postgresql:// or postgres://).
    static bool handles(const QString &location);
    static int schemaVersion();

    // `location` is a libpq URL: postgresql://[user@]host[:port]/db, postgresql:///db?host=/dir,
    // postgresql:///db?service=NAME, with any libpq parameter (sslmode=verify-full, ...). A
    // password is best kept in the keychain or ~/.pgpass; one in the URL is used but never shown.
    // Connects, creates or migrates the schema; false with *error when the server cannot be
    // reached or the schema is newer than this build.
    bool open(const QString &location, QString *error = nullptr) override;
    void close() override;
    bool isOpen() const override;
    QString takeNotice() override;
    void releaseThreadConnection() override;
    // The URL without its password, for messages.
    QString location() const;
    // This thread's connection (opened when it is not), for readers that run their own
    // statements (the CSV export); not open, with *error (never a password), when the history is
    // closed or the server cannot be reached.
    QSqlDatabase threadConnection(QString *error = nullptr) const;

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

    // Readings kept in memory at most while the server is unreachable, oldest dropped first
    // (the SQLite writer's cap).
    static constexpr int kMaxPending = 200000;

private:
    struct Private;
    std::unique_ptr<Private> d;
};
