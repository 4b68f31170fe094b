#pragma once

#include <QDateTime>
#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

#include <atomic>
#include <functional>
#include <optional>

class HistoryBackend;
class QIODevice;

// A pool as a report sees it: the report layer knows the history only, so whoever knows the
// accounts and their pools (the command line, the dashboard) describes them here.
struct ReportPool
{
    QString name;
    QString provider;      // the pool's provider; empty: the first member's, as registered
    QStringList memberIds; // account ids
    // Resource -> the groups of member ids found to draw from one bucket of it (each group is
    // one bucket, counted once; engine/poolhistory.h finds them in the history). A member in
    // no group has a bucket of its own.
    QHash<QString, QList<QStringList>> sharedByResource;
};

// Streams the history as CSV in constant memory, from SQLite or PostgreSQL alike: rows come
// from forward-only cursors (historycursor.h: SQLite statements, or PostgreSQL server-side
// cursors fetched in batches) straight into a buffered CsvWriter, one formatting code for both,
// so the same history gives the same bytes. The command line and the export dialog both use
// it; the dialog runs write()/exportToFile() off the UI thread (the backend hands each thread
// its own connection), watches progress and may cancel().
class CsvExporter
{
public:
    // Summary rows fold the hourly rollups per period, except throttled_count: the account's
    // Throttled events in the period (one per probe the provider refused for quota), the events
    // the event log lists and the chart marks. Every resource row of an account counts all of
    // them, as every resource's chart marks them; a period with throttles but no row gets an
    // account-wide row (empty resource, figures unknown). A pool's row counts its members'.
    enum class Kind { Samples, Events, Summary };
    enum class Period { Hour, Day };

    struct Options
    {
        Kind kind = Kind::Samples;
        QDateTime from;       // inclusive; invalid = from the beginning
        QDateTime to;         // exclusive; invalid = up to now and beyond
        QStringList accounts; // names (or ids); empty = all
        Period period = Period::Day; // summaries: local hours or local days
        // Summaries: one row per pool, resource and period after the accounts' rows (account
        // `pool:NAME`). With an account filter, only pools it names as `pool:NAME` or whose
        // members are all in it.
        QList<ReportPool> pools;
    };

    // A pool's reading stands this long after it was taken (and never past its reset) when the
    // pool's sum is formed from its buckets' latest readings.
    static constexpr qint64 kPoolReadingStandsMs = 15 * 60 * 1000;

    explicit CsvExporter(HistoryBackend *store);

    // Called with the number of rows written so far, every few thousand rows, on the
    // exporting thread.
    void setProgressCallback(std::function<void(qint64 rows)> callback);
    // Safe from any thread; the export stops at its next check and reports "cancelled".
    void cancel();
    bool isCancelled() const;
    qint64 rowsWritten() const { return m_rows; }

    // Names (or ids) in `accounts` that the history does not know; `pool:NAME` of a pool in
    // `pools` is known.
    QStringList unknownAccounts(const QStringList &accounts, const QList<ReportPool> &pools = {}) const;

    bool write(const Options &options, QIODevice *out, QString *error = nullptr);
    // `path` "-" is stdout. A file is replaced atomically (QSaveFile) with mode 0600: a failed
    // or cancelled export leaves the old file as it was.
    bool exportToFile(const Options &options, const QString &path, QString *error = nullptr);

    static QByteArray header(Kind kind);
    static std::optional<Kind> kindFromId(const QString &id);
    static std::optional<Period> periodFromId(const QString &id);
    // ISO 8601 instant ("2026-11-01T10:00:00Z", an offset, or local time without one) or a plain
    // date ("2026-11-01": local midnight).
    static std::optional<QDateTime> parseInstant(const QString &text);

private:
    bool tick();

    HistoryBackend *m_store;
    std::function<void(qint64)> m_progress;
    std::atomic<bool> m_cancel{false};
    qint64 m_rows = 0;
};
