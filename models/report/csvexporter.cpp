#include "csvexporter.h"

#include "csvwriter.h"
#include "history/historystore.h"

#include <QCoreApplication>
#include <QFile>
#include <QHash>
#include <QSaveFile>
#include <QSqlDriver>
#include <QTimeZone>

#include <sqlite3.h>

#include <cmath>
#include <limits>


namespace {

// CsvExporter is no QObject: its strings take their context from this class.
class CsvExporterText
{
    Q_DECLARE_TR_FUNCTIONS(CsvExporter)
};

sqlite3 *handleOf(const QSqlDatabase &db)
{
    if (!db.isValid() || !db.isOpen() || !db.driver())
        return nullptr;
    const QVariant v = db.driver()->handle();
    if (!v.isValid() || qstrcmp(v.typeName(), "sqlite3*") != 0)
        return nullptr;
    return *static_cast<sqlite3 *const *>(v.constData());
}

// A finalised-on-scope-exit statement.
struct Statement
{
    sqlite3_stmt *stmt = nullptr;
    ~Statement() { sqlite3_finalize(stmt); }
};

QByteArrayView columnText(sqlite3_stmt *s, int col)
{
    const auto *p = reinterpret_cast<const char *>(sqlite3_column_text(s, col));
    return QByteArrayView(p, sqlite3_column_bytes(s, col));
}

void intOrEmpty(CsvWriter &w, sqlite3_stmt *s, int col)
{
    if (sqlite3_column_type(s, col) == SQLITE_NULL)
        w.empty();
    else
        w.number(qint64(sqlite3_column_int64(s, col)));
}

struct AccountCells
{
    QByteArray name;
    QByteArray provider;
};

} // namespace

CsvExporter::CsvExporter(HistoryStore *store)
    : m_store(store)
{
}

void CsvExporter::setProgressCallback(std::function<void(qint64)> callback)
{
    m_progress = std::move(callback);
}

void CsvExporter::cancel()
{
    m_cancel.store(true);
}

bool CsvExporter::isCancelled() const
{
    return m_cancel.load();
}

QByteArray CsvExporter::header(Kind kind)
{
    switch (kind) {
    case Kind::Samples:
        return "time_utc,account,provider,resource,limit,remaining,used,reset_at_utc,status,cost\r\n";
    case Kind::Events:
        return "time_utc,account,provider,kind,status,retry_after_s,detail\r\n";
    case Kind::Summary:
        return "period_start_utc,period_end_utc,account,provider,resource,samples,limit,min_remaining,"
               "min_remaining_pct,max_used,throttled_count,minutes_below_warning,monitor_cost\r\n";
    }
    return {};
}

std::optional<CsvExporter::Kind> CsvExporter::kindFromId(const QString &id)
{
    if (id == QStringLiteral("samples"))
        return Kind::Samples;
    if (id == QStringLiteral("events"))
        return Kind::Events;
    if (id == QStringLiteral("summary"))
        return Kind::Summary;
    return std::nullopt;
}

std::optional<CsvExporter::Period> CsvExporter::periodFromId(const QString &id)
{
    if (id == QStringLiteral("hour"))
        return Period::Hour;
    if (id == QStringLiteral("day"))
        return Period::Day;
    return std::nullopt;
}

std::optional<QDateTime> CsvExporter::parseInstant(const QString &text)
{
    const QString t = text.trimmed();
    if (t.size() == 10) {
        const QDate date = QDate::fromString(t, Qt::ISODate);
        if (!date.isValid())
            return std::nullopt;
        return date.startOfDay(Qt::LocalTime).toUTC();
    }
    const QDateTime dt = QDateTime::fromString(t, Qt::ISODateWithMs);
    if (!dt.isValid() || !t.contains(u'T'))
        return std::nullopt;
    return dt.toUTC();
}

QStringList CsvExporter::unknownAccounts(const QStringList &accounts) const
{
    const QList<HistoryStore::AccountInfo> known = m_store->accounts();
    QStringList unknown;
    for (const QString &name : accounts) {
        const bool found = std::any_of(known.cbegin(), known.cend(), [&](const HistoryStore::AccountInfo &a) {
            return a.name == name || a.id == name;
        });
        if (!found)
            unknown << name;
    }
    return unknown;
}

bool CsvExporter::tick()
{
    ++m_rows;
    if ((m_rows & 4095) == 0) {
        if (m_progress)
            m_progress(m_rows);
        return !m_cancel.load(std::memory_order_relaxed);
    }
    return true;
}

bool CsvExporter::write(const Options &options, QIODevice *out, QString *error)
{
    m_rows = 0;
    auto failWith = [&](const QString &message) {
        if (error)
            *error = message;
        return false;
    };
    sqlite3 *db = handleOf(m_store->connection());
    if (!db)
        return failWith(CsvExporterText::tr("The history is not open."));

    // Names are few: escape each once.
    QHash<qint64, AccountCells> names;
    QList<qint64> keys;
    for (const HistoryStore::AccountInfo &a : m_store->accounts()) {
        names.insert(a.key, {CsvWriter::escape(a.name.toUtf8()), CsvWriter::escape(a.provider.toUtf8())});
        if (options.accounts.contains(a.name) || options.accounts.contains(a.id))
            keys << a.key;
    }
    if (!options.accounts.isEmpty() && keys.isEmpty())
        keys << -1; // nothing matches: an empty report, not everything

    const qint64 from = options.from.isValid() ? options.from.toMSecsSinceEpoch() : std::numeric_limits<qint64>::min();
    const qint64 to = options.to.isValid() ? options.to.toMSecsSinceEpoch() : std::numeric_limits<qint64>::max();
    QByteArray filter;
    if (!keys.isEmpty()) {
        filter = " AND account IN (";
        for (qsizetype i = 0; i < keys.size(); ++i)
            filter += (i ? ",?" : "?");
        filter += ')';
    }
    QByteArray sql;
    switch (options.kind) {
    case Kind::Samples:
        sql = "SELECT account, resource, time, lim, remaining, used, reset_at, status, cost FROM samples "
              "WHERE time >= ? AND time < ?"
              + filter + " ORDER BY account, resource, time";
        break;
    case Kind::Events:
        sql = "SELECT account, time, kind, status, retry_after, detail FROM events WHERE time >= ? AND time < ?"
              + filter + " ORDER BY time, id";
        break;
    case Kind::Summary:
        sql = "SELECT account, resource, hour, samples, last_limit, min_remaining, min_pct, max_used, throttled, "
              "below_ms, cost, last_time FROM rollups WHERE hour >= ? AND hour < ?"
              + filter + " ORDER BY account, resource, hour";
        break;
    }
    Statement st;
    if (sqlite3_prepare_v2(db, sql.constData(), int(sql.size()), &st.stmt, nullptr) != SQLITE_OK)
        return failWith(QString::fromUtf8(sqlite3_errmsg(db)));
    int bind = 1;
    sqlite3_bind_int64(st.stmt, bind++, from);
    sqlite3_bind_int64(st.stmt, bind++, to);
    for (qint64 k : std::as_const(keys))
        sqlite3_bind_int64(st.stmt, bind++, k);

    const QByteArray head = header(options.kind);
    if (out->write(head) != head.size())
        return failWith(CsvExporterText::tr("Cannot write the report: %1").arg(out->errorString()));

    CsvWriter w(out);
    const AccountCells unknownAccount;
    QHash<QByteArray, QByteArray> escapedText; // resources and kinds repeat endlessly
    auto cached = [&](QByteArrayView raw) -> const QByteArray & {
        auto it = escapedText.find(raw.toByteArray());
        if (it == escapedText.end())
            it = escapedText.insert(raw.toByteArray(), CsvWriter::escape(raw));
        return *it;
    };
    int rc = SQLITE_ROW;
    bool keepGoing = true;

    if (options.kind == Kind::Samples) {
        qint64 lastAccount = std::numeric_limits<qint64>::min();
        const AccountCells *acct = &unknownAccount;
        QByteArray lastResourceRaw, lastResource;
        while (keepGoing && (rc = sqlite3_step(st.stmt)) == SQLITE_ROW) {
            const qint64 account = sqlite3_column_int64(st.stmt, 0);
            if (account != lastAccount) {
                lastAccount = account;
                const auto it = names.constFind(account);
                acct = it == names.cend() ? &unknownAccount : &*it;
            }
            const QByteArrayView resource = columnText(st.stmt, 1);
            if (resource != lastResourceRaw) {
                lastResourceRaw = resource.toByteArray();
                lastResource = CsvWriter::escape(resource);
            }
            w.time(sqlite3_column_int64(st.stmt, 2));
            w.escaped(acct->name);
            w.escaped(acct->provider);
            w.escaped(lastResource);
            intOrEmpty(w, st.stmt, 3);
            intOrEmpty(w, st.stmt, 4);
            intOrEmpty(w, st.stmt, 5);
            if (sqlite3_column_type(st.stmt, 6) == SQLITE_NULL)
                w.empty();
            else
                w.time(sqlite3_column_int64(st.stmt, 6));
            intOrEmpty(w, st.stmt, 7);
            w.number(qint64(sqlite3_column_int64(st.stmt, 8)));
            w.endRow();
            keepGoing = tick();
        }
    } else if (options.kind == Kind::Events) {
        while (keepGoing && (rc = sqlite3_step(st.stmt)) == SQLITE_ROW) {
            const auto it = names.constFind(sqlite3_column_int64(st.stmt, 0));
            const AccountCells &acct = it == names.cend() ? unknownAccount : *it;
            w.time(sqlite3_column_int64(st.stmt, 1));
            w.escaped(acct.name);
            w.escaped(acct.provider);
            w.escaped(cached(columnText(st.stmt, 2)));
            intOrEmpty(w, st.stmt, 3);
            if (sqlite3_column_type(st.stmt, 4) == SQLITE_NULL)
                w.empty();
            else
                w.number(sqlite3_column_double(st.stmt, 4));
            w.text(columnText(st.stmt, 5));
            w.endRow();
            keepGoing = tick();
        }
    } else {
        // One pass over the hourly rollups in (account, resource, hour) order, folding
        // consecutive hours of the same local period: memory stays one row.
        struct Agg
        {
            qint64 account = 0;
            QByteArray resource;
            qint64 start = 0, end = 0;
            qint64 samples = 0, throttled = 0, belowMs = 0, cost = 0;
            std::optional<qint64> limit, minRemaining, maxUsed;
            std::optional<double> minPct;
            qint64 lastTime = std::numeric_limits<qint64>::min();
            bool active = false;
        } agg;
        auto flushAgg = [&] {
            if (!agg.active)
                return;
            const auto it = names.constFind(agg.account);
            const AccountCells &acct = it == names.cend() ? unknownAccount : *it;
            w.time(agg.start);
            w.time(agg.end);
            w.escaped(acct.name);
            w.escaped(acct.provider);
            w.escaped(cached(agg.resource));
            w.number(agg.samples);
            agg.limit ? w.number(*agg.limit) : w.empty();
            agg.minRemaining ? w.number(*agg.minRemaining) : w.empty();
            agg.minPct ? w.number(*agg.minPct, 2) : w.empty();
            agg.maxUsed ? w.number(*agg.maxUsed) : w.empty();
            w.number(agg.throttled);
            w.number(qint64(std::llround(double(agg.belowMs) / 60000.0)));
            w.number(agg.cost);
            w.endRow();
            keepGoing = tick();
            agg = Agg();
        };
        auto optCol = [&](int col) -> std::optional<qint64> {
            if (sqlite3_column_type(st.stmt, col) == SQLITE_NULL)
                return std::nullopt;
            return sqlite3_column_int64(st.stmt, col);
        };
        qint64 periodStart = 0, periodEnd = std::numeric_limits<qint64>::min();
        while (keepGoing && (rc = sqlite3_step(st.stmt)) == SQLITE_ROW) {
            const qint64 account = sqlite3_column_int64(st.stmt, 0);
            const QByteArrayView resource = columnText(st.stmt, 1);
            const qint64 hour = sqlite3_column_int64(st.stmt, 2);
            if (hour < periodStart || hour >= periodEnd) {
                if (options.period == Period::Hour) {
                    periodStart = hour;
                    periodEnd = hour + 3600 * 1000;
                } else {
                    const QDate day = QDateTime::fromMSecsSinceEpoch(hour, Qt::LocalTime).date();
                    periodStart = day.startOfDay(Qt::LocalTime).toMSecsSinceEpoch();
                    periodEnd = day.addDays(1).startOfDay(Qt::LocalTime).toMSecsSinceEpoch();
                }
            }
            if (agg.active && (agg.account != account || agg.resource != resource || agg.start != periodStart))
                flushAgg();
            if (!keepGoing)
                break;
            if (!agg.active) {
                agg.active = true;
                agg.account = account;
                agg.resource = resource.toByteArray();
                agg.start = periodStart;
                agg.end = periodEnd;
            }
            const qint64 samples = sqlite3_column_int64(st.stmt, 3);
            agg.samples += samples;
            const qint64 lastTime = sqlite3_column_int64(st.stmt, 11);
            if (const auto lim = optCol(4); lim && samples > 0 && lastTime >= agg.lastTime) {
                agg.lastTime = lastTime;
                agg.limit = lim;
            }
            if (const auto v = optCol(5); v && (!agg.minRemaining || *v < *agg.minRemaining))
                agg.minRemaining = v;
            if (sqlite3_column_type(st.stmt, 6) != SQLITE_NULL) {
                const double pct = sqlite3_column_double(st.stmt, 6);
                if (!agg.minPct || pct < *agg.minPct)
                    agg.minPct = pct;
            }
            if (const auto v = optCol(7); v && (!agg.maxUsed || *v > *agg.maxUsed))
                agg.maxUsed = v;
            agg.throttled += sqlite3_column_int64(st.stmt, 8);
            agg.belowMs += sqlite3_column_int64(st.stmt, 9);
            agg.cost += sqlite3_column_int64(st.stmt, 10);
        }
        if (keepGoing && rc == SQLITE_DONE)
            flushAgg();
    }
    if (!keepGoing)
        return failWith(CsvExporterText::tr("The export was cancelled."));
    if (rc != SQLITE_DONE)
        return failWith(CsvExporterText::tr("Cannot read the history: %1").arg(QString::fromUtf8(sqlite3_errmsg(db))));
    if (!w.flush())
        return failWith(CsvExporterText::tr("Cannot write the report: %1").arg(out->errorString()));
    if (m_progress)
        m_progress(m_rows);
    return true;
}

bool CsvExporter::exportToFile(const Options &options, const QString &path, QString *error)
{
    if (path == QStringLiteral("-")) {
        QFile out;
        if (!out.open(stdout, QIODevice::WriteOnly)) {
            if (error)
                *error = CsvExporterText::tr("Cannot write to standard output.");
            return false;
        }
        const bool ok = write(options, &out, error);
        out.flush();
        return ok;
    }
    QSaveFile file(path);
    file.setDirectWriteFallback(false);
    if (!file.open(QIODevice::WriteOnly)) {
        if (error)
            *error = CsvExporterText::tr("Cannot write %1: %2").arg(path, file.errorString());
        return false;
    }
    if (!write(options, &file, error)) {
        file.cancelWriting();
        return false;
    }
    // Exports hold account names and usage: owner only, also when replacing a wider file.
    file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    if (!file.commit()) {
        if (error)
            *error = CsvExporterText::tr("Cannot write %1: %2").arg(path, file.errorString());
        return false;
    }
    return true;
}
