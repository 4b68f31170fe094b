#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

class QIODevice;

// RFC 4180 CSV (comma, CRLF, quotes doubled) in UTF-8, buffered, for any row count.
// Text cells are neutralised against formula injection: a cell that starts with = + - @ TAB
// CR LF or NUL, or that has one of them right after a separator or quote a naive reader
// might split on, gets a leading ' (formula injection). Numbers and times are written
// unprefixed so spreadsheets keep them numeric.
class CsvWriter
{
public:
    explicit CsvWriter(QIODevice *out);
    ~CsvWriter();
    CsvWriter(const CsvWriter &) = delete;
    CsvWriter &operator=(const CsvWriter &) = delete;

    void text(QByteArrayView utf8);
    void text(const QString &s) { text(QByteArrayView(s.toUtf8())); }
    // A cell already made by escape() (cached names are escaped once).
    void escaped(QByteArrayView cell);
    void number(qint64 v);
    // `decimals` < 0: the shortest form that reads back the same value.
    void number(double v, int decimals = -1);
    // ISO 8601 UTC with Z; milliseconds only when non-zero.
    void time(qint64 msSinceEpoch);
    void empty();
    void endRow();
    // Writes the buffer out; false once any write failed.
    bool flush();
    bool ok() const { return m_ok; }

    static QByteArray escape(QByteArrayView utf8);
    static bool needsNeutralising(QByteArrayView utf8);
    static void appendIsoUtc(QByteArray &out, qint64 msSinceEpoch);

private:
    void separator();

    QIODevice *m_out;
    QByteArray m_buf;
    bool m_rowStart = true;
    bool m_ok = true;
};
