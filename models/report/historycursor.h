#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QString>

#include <memory>
#include <variant>

class HistoryBackend;

// A value bound to a `?` of a report's statement: an integer or UTF-8 text.
using HistoryBind = std::variant<qint64, QByteArray>;

// One forward-only pass over the rows of one statement, for the reports: they format rows as
// they come, so one copy of that code serves every backend and memory stays one batch of rows.
// The column accessors read the current row; a text view lasts until the next next().
class HistoryCursor
{
public:
    virtual ~HistoryCursor() = default;
    // The next row; false at the end or on a read error (failed() tells them apart).
    virtual bool next() = 0;
    virtual bool isNull(int column) const = 0;
    virtual qint64 integer(int column) const = 0;
    virtual double real(int column) const = 0;
    virtual QByteArrayView text(int column) const = 0;

    bool failed() const { return !m_error.isEmpty(); }
    QString error() const { return m_error; }

protected:
    QString m_error;
};

// The reads of one report from one history, on the calling thread's connection: SQLite's own
// statements, or on PostgreSQL server-side cursors (DECLARE ... FETCH) in one read-only
// repeatable-read transaction, so every statement of the report sees the same history and
// cursors interleave freely (also behind PgBouncer in transaction mode). Destroy the cursors
// before this object.
class HistoryCursors
{
public:
    // Nothing, with *error in words, when the history is not open or of no known kind.
    static std::unique_ptr<HistoryCursors> begin(HistoryBackend *history, QString *error);
    virtual ~HistoryCursors() = default;

    // `sql` in the SQL both engines speak, one `?` per element of `binds`, in order. Nothing,
    // with *error, when the statement cannot start.
    virtual std::unique_ptr<HistoryCursor> query(const QByteArray &sql, const QList<HistoryBind> &binds,
                                                 QString *error) = 0;
    // `column` for an ORDER BY that sorts text by its bytes, as SQLite does (PostgreSQL sorts by
    // the database's collation otherwise).
    virtual QByteArray byteOrder(const QByteArray &column) const = 0;
};
