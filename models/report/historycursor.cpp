#include "historycursor.h"

#include "history/historystore.h"
#include "history/pgconnections.h"
#include "history/pghistorystore.h"

#include <QCoreApplication>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QVariant>

#include <sqlite3.h>

#include <limits>


namespace {

// The strings are the report's: their context is the exporter's.
class CursorText
{
    Q_DECLARE_TR_FUNCTIONS(CsvExporter)
};

void setError(QString *error, const QString &text)
{
    if (error)
        *error = text;
}

QString cannotRead(const QString &why)
{
    return CursorText::tr("Cannot read the history: %1").arg(why.simplified());
}

// The server's words (libpq's on a lost connection) without the driver's own "Unable to ...".
QString cannotRead(const QSqlError &e)
{
    return cannotRead(e.databaseText().trimmed().isEmpty() ? e.text() : e.databaseText());
}

// --- SQLite: the statements stepped directly, as fast as the sqlite3 shell reads ---------------

class SqliteCursor final : public HistoryCursor
{
public:
    SqliteCursor(sqlite3 *db, sqlite3_stmt *stmt)
        : m_db(db)
        , m_stmt(stmt)
    {
    }
    ~SqliteCursor() override { sqlite3_finalize(m_stmt); }

    bool next() override
    {
        const int rc = sqlite3_step(m_stmt);
        if (rc == SQLITE_ROW)
            return true;
        if (rc != SQLITE_DONE)
            m_error = cannotRead(QString::fromUtf8(sqlite3_errmsg(m_db)));
        return false;
    }
    bool isNull(int column) const override { return sqlite3_column_type(m_stmt, column) == SQLITE_NULL; }
    qint64 integer(int column) const override { return sqlite3_column_int64(m_stmt, column); }
    double real(int column) const override { return sqlite3_column_double(m_stmt, column); }
    QByteArrayView text(int column) const override
    {
        const auto *p = reinterpret_cast<const char *>(sqlite3_column_text(m_stmt, column));
        return QByteArrayView(p, sqlite3_column_bytes(m_stmt, column));
    }

private:
    sqlite3 *const m_db;
    sqlite3_stmt *const m_stmt;
};

class SqliteCursors final : public HistoryCursors
{
public:
    explicit SqliteCursors(sqlite3 *db)
        : m_db(db)
    {
    }

    std::unique_ptr<HistoryCursor> query(const QByteArray &sql, const QList<HistoryBind> &binds,
                                         QString *error) override
    {
        sqlite3_stmt *stmt = nullptr;
        if (sqlite3_prepare_v2(m_db, sql.constData(), int(sql.size()), &stmt, nullptr) != SQLITE_OK) {
            setError(error, cannotRead(QString::fromUtf8(sqlite3_errmsg(m_db))));
            sqlite3_finalize(stmt);
            return nullptr;
        }
        auto cursor = std::make_unique<SqliteCursor>(m_db, stmt);
        int i = 1;
        for (const HistoryBind &b : binds) {
            if (const auto *v = std::get_if<qint64>(&b))
                sqlite3_bind_int64(stmt, i++, *v);
            else {
                const QByteArray &t = std::get<QByteArray>(b);
                sqlite3_bind_text(stmt, i++, t.constData(), int(t.size()), SQLITE_TRANSIENT);
            }
        }
        return cursor;
    }
    QByteArray byteOrder(const QByteArray &column) const override { return column; }

private:
    sqlite3 *const m_db;
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

// --- PostgreSQL: server-side cursors fetched in batches -----------------------------------------
//
// Qt's driver reads a forward-only result in single-row mode, and a statement sent while one is
// still being read discards the rest of it: a report reads several cursors in turn (a pool's
// members, merged by time), so each cursor copies its batch before the next statement goes out.
// Memory stays one batch per cursor.

constexpr int kFetchRows = 5000;

class PgCursor final : public HistoryCursor
{
public:
    PgCursor(QSqlDatabase db, QString name)
        : m_db(std::move(db))
        , m_name(std::move(name))
    {
    }

    bool next() override
    {
        if (++m_row < m_rows)
            return true;
        if (m_done || !fetch())
            return false;
        m_row = 0;
        return m_rows > 0;
    }
    bool isNull(int column) const override { return cell(column).isNull(); }
    qint64 integer(int column) const override { return cell(column).toLongLong(); }
    double real(int column) const override { return cell(column).toDouble(); }
    QByteArrayView text(int column) const override
    {
        QByteArray &scratch = m_text[column];
        scratch = cell(column).toString().toUtf8();
        return scratch;
    }

private:
    const QVariant &cell(int column) const { return m_cells.at(qsizetype(m_row) * m_columns + column); }

    bool fetch()
    {
        m_cells.clear();
        m_cells.reserve(qsizetype(kFetchRows) * m_columns);
        m_rows = 0;
        QSqlQuery q(m_db);
        if (!pgExec(q, QStringLiteral("FETCH %1 FROM %2").arg(kFetchRows).arg(m_name))) {
            m_error = cannotRead(q.lastError());
            m_done = true;
            return false;
        }
        if (m_columns == 0) {
            m_columns = q.record().count();
            m_text.resize(m_columns);
        }
        while (q.next()) {
            for (int c = 0; c < m_columns; ++c)
                m_cells.append(q.value(c));
            ++m_rows;
        }
        // A row that failed to arrive ends the result early, with the error on the query.
        if (q.lastError().isValid()) {
            m_error = cannotRead(q.lastError());
            m_done = true;
            return false;
        }
        m_done = m_rows < kFetchRows;
        return true;
    }

    QSqlDatabase m_db;
    const QString m_name;
    QList<QVariant> m_cells; // this batch, row by row
    int m_columns = 0;
    int m_rows = 0;
    int m_row = -1;
    bool m_done = false;
    mutable QList<QByteArray> m_text; // per column, the current row's text
};

// Integer literals that stay bigint: the open bound's minimum written as a number would be
// numeric (the minus is an operator), and a numeric bound keeps the index out of the plan.
QString pgInteger(qint64 v)
{
    if (v == std::numeric_limits<qint64>::min())
        return QStringLiteral("(-9223372036854775807 - 1)");
    return PgValues::integer(v);
}

class PgCursors final : public HistoryCursors
{
public:
    explicit PgCursors(PgHistoryStore *store)
        : m_store(store)
    {
    }
    ~PgCursors() override
    {
        // Read only: ending it any way is the same.
        bool lost = PgConnections::takeLost();
        if (m_inTransaction && !lost && m_db.isOpen()) {
            QSqlQuery q(m_db);
            pgExec(q, QStringLiteral("ROLLBACK"));
            lost = PgConnections::takeLost();
        }
        // A connection found lost is dropped, so this thread's next read opens a new one.
        if (lost) {
            m_db = QSqlDatabase();
            m_store->releaseThreadConnection();
        }
    }

    // The snapshot every cursor reads; once more on a new connection when this thread's old one
    // turned out to be lost (a server restarted since its last use).
    bool start(QString *error)
    {
        for (int attempt = 0; attempt < 2; ++attempt) {
            m_db = m_store->threadConnection(error);
            if (!m_db.isOpen())
                return false;
            PgConnections::takeLost();
            QSqlQuery q(m_db);
            if (pgExec(q, QStringLiteral("BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY"))) {
                m_inTransaction = true;
                return true;
            }
            setError(error, cannotRead(q.lastError()));
            if (!PgConnections::takeLost())
                return false;
            q = QSqlQuery();
            m_db = QSqlDatabase();
            m_store->releaseThreadConnection();
        }
        return false;
    }

    std::unique_ptr<HistoryCursor> query(const QByteArray &sql, const QList<HistoryBind> &binds,
                                         QString *error) override
    {
        QString text;
        text.reserve(sql.size() + 16 * binds.size());
        qsizetype next = 0;
        for (const char c : sql) {
            if (c != '?' || next >= binds.size()) {
                text += QLatin1Char(c);
                continue;
            }
            const HistoryBind &b = binds.at(next++);
            if (const auto *v = std::get_if<qint64>(&b))
                text += pgInteger(*v);
            else
                text += PgValues::text(QString::fromUtf8(std::get<QByteArray>(b)));
        }
        const QString name = QStringLiteral("headroom_report_%1").arg(++m_cursors);
        QSqlQuery q(m_db);
        if (!pgExec(q, QStringLiteral("DECLARE ") + name + QStringLiteral(" NO SCROLL CURSOR FOR ") + text)) {
            setError(error, cannotRead(q.lastError()));
            return nullptr;
        }
        return std::make_unique<PgCursor>(m_db, name);
    }
    QByteArray byteOrder(const QByteArray &column) const override { return column + " COLLATE \"C\""; }

private:
    PgHistoryStore *const m_store;
    QSqlDatabase m_db;
    bool m_inTransaction = false;
    int m_cursors = 0;
};

} // namespace

std::unique_ptr<HistoryCursors> HistoryCursors::begin(HistoryBackend *history, QString *error)
{
    if (!history || !history->isOpen()) {
        setError(error, CursorText::tr("The history is not open."));
        return nullptr;
    }
    if (auto *file = qobject_cast<HistoryStore *>(history)) {
        sqlite3 *db = handleOf(file->connection());
        if (!db) {
            setError(error, CursorText::tr("The history is not open."));
            return nullptr;
        }
        return std::make_unique<SqliteCursors>(db);
    }
    if (auto *shared = qobject_cast<PgHistoryStore *>(history)) {
        auto cursors = std::make_unique<PgCursors>(shared);
        if (!cursors->start(error))
            return nullptr;
        return cursors;
    }
    setError(error, CursorText::tr("This kind of history cannot be exported."));
    return nullptr;
}
