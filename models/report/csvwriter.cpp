#include "csvwriter.h"

#include <QIODevice>
#include <QLocale>

#include <charconv>
#include <cmath>

namespace {

constexpr qsizetype kFlushAt = 256 * 1024;

bool isTrigger(char c)
{
    return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r' || c == '\n' || c == '\0';
}

bool isSplitter(char c)
{
    return c == ',' || c == ';' || c == '"' || c == '\t' || c == '\r' || c == '\n';
}

bool needsQuotes(QByteArrayView s)
{
    for (char c : s) {
        if (c == ',' || c == '"' || c == '\r' || c == '\n')
            return true;
    }
    return false;
}

void append2(QByteArray &out, int v)
{
    out.append(char('0' + v / 10));
    out.append(char('0' + v % 10));
}

} // namespace

CsvWriter::CsvWriter(QIODevice *out)
    : m_out(out)
{
    m_buf.reserve(kFlushAt + 4096);
}

CsvWriter::~CsvWriter()
{
    flush();
}

bool CsvWriter::needsNeutralising(QByteArrayView s)
{
    if (s.isEmpty())
        return false;
    if (isTrigger(s.front()))
        return true;
    // A reader that splits on , ; quotes or line breaks would start a new cell here.
    for (qsizetype i = 0; i + 1 < s.size(); ++i) {
        if (!isSplitter(s[i]))
            continue;
        qsizetype j = i + 1;
        while (j < s.size() && (s[j] == '\r' || s[j] == '\n'))
            ++j;
        if (j < s.size() && isTrigger(s[j]))
            return true;
    }
    return false;
}

QByteArray CsvWriter::escape(QByteArrayView s)
{
    const bool prefix = needsNeutralising(s);
    if (!prefix && !needsQuotes(s))
        return s.toByteArray();
    QByteArray out;
    out.reserve(s.size() + 4);
    const bool quote = needsQuotes(s);
    if (quote)
        out.append('"');
    if (prefix)
        out.append('\'');
    for (char c : s) {
        if (c == '"')
            out.append('"');
        out.append(c);
    }
    if (quote)
        out.append('"');
    return out;
}

void CsvWriter::separator()
{
    if (!m_rowStart)
        m_buf.append(',');
    m_rowStart = false;
}

void CsvWriter::text(QByteArrayView utf8)
{
    separator();
    if (!needsNeutralising(utf8) && !needsQuotes(utf8))
        m_buf.append(utf8);
    else
        m_buf.append(escape(utf8));
}

void CsvWriter::escaped(QByteArrayView cell)
{
    separator();
    m_buf.append(cell);
}

void CsvWriter::number(qint64 v)
{
    separator();
    char tmp[24];
    const auto r = std::to_chars(tmp, tmp + sizeof tmp, v);
    m_buf.append(tmp, r.ptr - tmp);
}

void CsvWriter::number(double v, int decimals)
{
    separator();
    if (!std::isfinite(v))
        return; // unknown stays an empty cell
    char tmp[64];
    const auto r = decimals < 0 ? std::to_chars(tmp, tmp + sizeof tmp, v)
                                : std::to_chars(tmp, tmp + sizeof tmp, v, std::chars_format::fixed, decimals);
    if (r.ec == std::errc()) {
        m_buf.append(tmp, r.ptr - tmp);
        return;
    }
    // Fixed notation of a large value (1e64 and up) does not fit: on that error to_chars leaves
    // the buffer unspecified and points at its end, so appending it would write garbage bytes.
    m_buf.append(QByteArray::number(v, 'f', decimals < 0 ? QLocale::FloatingPointShortest : decimals));
}

void CsvWriter::appendIsoUtc(QByteArray &out, qint64 ms)
{
    // Howard Hinnant's days-to-civil: exact for the whole proleptic Gregorian range we need,
    // and an order of magnitude cheaper than QDateTime::toString per row.
    qint64 secs = ms / 1000;
    int milli = int(ms % 1000);
    if (milli < 0) {
        milli += 1000;
        secs -= 1;
    }
    qint64 days = secs / 86400;
    qint64 rem = secs % 86400;
    if (rem < 0) {
        rem += 86400;
        days -= 1;
    }
    const qint64 z = days + 719468;
    const qint64 era = (z >= 0 ? z : z - 146096) / 146097;
    const qint64 doe = z - era * 146097;
    const qint64 yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    qint64 y = yoe + era * 400;
    const qint64 doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const qint64 mp = (5 * doy + 2) / 153;
    const int d = int(doy - (153 * mp + 2) / 5 + 1);
    const int m = int(mp < 10 ? mp + 3 : mp - 9);
    if (m <= 2)
        ++y;
    if (y >= 0 && y <= 9999) {
        const int yy = int(y);
        out.append(char('0' + yy / 1000));
        out.append(char('0' + yy / 100 % 10));
        append2(out, yy % 100);
    } else {
        out.append(QByteArray::number(y));
    }
    out.append('-');
    append2(out, m);
    out.append('-');
    append2(out, d);
    out.append('T');
    append2(out, int(rem / 3600));
    out.append(':');
    append2(out, int(rem / 60 % 60));
    out.append(':');
    append2(out, int(rem % 60));
    if (milli != 0) {
        out.append('.');
        out.append(char('0' + milli / 100));
        append2(out, milli % 100);
    }
    out.append('Z');
}

void CsvWriter::time(qint64 ms)
{
    separator();
    appendIsoUtc(m_buf, ms);
}

void CsvWriter::empty()
{
    separator();
}

void CsvWriter::endRow()
{
    m_buf.append("\r\n", 2);
    m_rowStart = true;
    if (m_buf.size() >= kFlushAt)
        flush();
}

bool CsvWriter::flush()
{
    if (!m_buf.isEmpty() && m_ok) {
        if (m_out->write(m_buf) != m_buf.size())
            m_ok = false;
    }
    m_buf.clear();
    return m_ok;
}
