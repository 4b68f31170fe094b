// libFuzzer target: rows of cells through CsvWriter, read back by an independent RFC 4180 reader.
//
// Input: rows separated by 0x1E, cells by 0x1F. A cell is text, unless it starts with 0x1D and a
// type letter: `T` epoch milliseconds, `I` an integer, `D` a double, `F` a double with two
// decimals, `E` an empty cell, `X` text written through escape() and escaped(). Numbers are
// decimal text so the seed corpus stays readable.
//
// Properties checked, so the target finds wrong output and not only crashes:
// - the output is well-formed RFC 4180 and reads back to the same number of rows and cells;
// - a text cell reads back as written, or as ' + written when needsNeutralising() said so;
// - no text cell reads back starting with a formula trigger;
// - escape() + escaped() writes exactly what text() writes;
// - a time reads back, through QDateTime, as the same instant;
// - a number reads back as the same value.
#include "report/csvwriter.h"

#include <QBuffer>
#include <QDateTime>
#include <QList>

#include <charconv>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

namespace {

constexpr char kRowSep = '\x1e';
constexpr char kCellSep = '\x1f';
constexpr char kTyped = '\x1d';
// 0001-01-01T00:00:00Z .. 9999-12-31T23:59:59.999Z, the range Headroom writes.
constexpr qint64 kMinMs = -62135596800000;
constexpr qint64 kMaxMs = 253402300799999;

[[noreturn]] void fail(const char *what, QByteArrayView detail)
{
    std::fprintf(stderr, "fuzz_csvwriter: %s: [%.*s]\n", what, int(detail.size()), detail.data());
    std::abort();
}

bool isTrigger(char c)
{
    return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r' || c == '\n' || c == '\0';
}

// A strict RFC 4180 reader: quoted fields may hold anything, unquoted ones no quote, and a
// record ends with CRLF. Returns false for anything else.
bool readCsv(QByteArrayView in, QList<QList<QByteArray>> &rows)
{
    qsizetype i = 0;
    const qsizetype n = in.size();
    while (i < n) {
        QList<QByteArray> row;
        for (;;) {
            QByteArray cell;
            if (i < n && in[i] == '"') {
                ++i;
                for (;;) {
                    if (i >= n)
                        return false; // unterminated quote
                    if (in[i] == '"') {
                        if (i + 1 < n && in[i + 1] == '"') {
                            cell.append('"');
                            i += 2;
                            continue;
                        }
                        ++i;
                        break;
                    }
                    cell.append(in[i++]);
                }
            } else {
                while (i < n && in[i] != ',' && in[i] != '\r' && in[i] != '\n') {
                    if (in[i] == '"')
                        return false; // a quote inside an unquoted field
                    cell.append(in[i++]);
                }
            }
            row.append(cell);
            if (i < n && in[i] == ',') {
                ++i;
                continue;
            }
            if (i + 1 < n && in[i] == '\r' && in[i + 1] == '\n') {
                i += 2;
                break;
            }
            return false; // a bare CR or LF, or no CRLF at the end
        }
        rows.append(row);
    }
    return true;
}

std::optional<qint64> toInt(QByteArrayView s)
{
    qint64 v = 0;
    const auto r = std::from_chars(s.data(), s.data() + s.size(), v);
    if (r.ec != std::errc() || r.ptr != s.data() + s.size())
        return std::nullopt;
    return v;
}

std::optional<double> toDouble(QByteArrayView s)
{
    double v = 0;
    const auto r = std::from_chars(s.data(), s.data() + s.size(), v);
    if (r.ec != std::errc() || r.ptr != s.data() + s.size())
        return std::nullopt;
    return v;
}

enum class Kind { Text, Escaped, Time, Int, Double, Fixed2, Empty };

struct Cell
{
    Kind kind = Kind::Text;
    QByteArrayView text;
    qint64 i = 0;
    double d = 0;
};

Cell parseCell(QByteArrayView raw)
{
    Cell c;
    c.text = raw;
    if (raw.size() < 2 || raw[0] != kTyped)
        return c;
    const QByteArrayView arg = raw.sliced(2);
    switch (raw[1]) {
    case 'X':
        c.kind = Kind::Escaped;
        c.text = arg;
        return c;
    case 'E':
        c.kind = Kind::Empty;
        return c;
    case 'T':
    case 'I':
        if (const auto v = toInt(arg)) {
            c.kind = raw[1] == 'T' ? Kind::Time : Kind::Int;
            c.i = *v;
        }
        return c;
    case 'D':
    case 'F':
        if (const auto v = toDouble(arg)) {
            c.kind = raw[1] == 'D' ? Kind::Double : Kind::Fixed2;
            c.d = *v;
        }
        return c;
    default:
        return c;
    }
}

void checkText(QByteArrayView written, const QByteArray &read)
{
    if (read == written) {
        if (CsvWriter::needsNeutralising(written))
            fail("a cell that needs neutralising came back unprefixed", written);
    } else if (!(read.startsWith('\'') && QByteArrayView(read).sliced(1) == written
                 && CsvWriter::needsNeutralising(written))) {
        fail("text cell did not read back", written);
    }
    if (!read.isEmpty() && isTrigger(read.front()))
        fail("a cell reads back starting with a formula trigger", written);
}

void checkCell(const Cell &c, const QByteArray &read)
{
    switch (c.kind) {
    case Kind::Text:
    case Kind::Escaped:
        checkText(c.text, read);
        break;
    case Kind::Empty:
        if (!read.isEmpty())
            fail("empty cell is not empty", read);
        break;
    case Kind::Time:
        if (c.i >= kMinMs && c.i <= kMaxMs) {
            const QDateTime t = QDateTime::fromString(QString::fromLatin1(read), Qt::ISODateWithMs);
            if (!t.isValid() || t.toMSecsSinceEpoch() != c.i || !read.endsWith('Z'))
                fail("time did not read back", read);
        }
        break;
    case Kind::Int:
        if (toInt(read) != c.i)
            fail("integer did not read back", read);
        break;
    case Kind::Double:
        if (!std::isfinite(c.d)) {
            if (!read.isEmpty())
                fail("a non-finite number is not an empty cell", read);
        } else if (toDouble(read) != c.d) {
            fail("double did not read back", read);
        }
        break;
    case Kind::Fixed2: {
        if (!std::isfinite(c.d)) {
            if (!read.isEmpty())
                fail("a non-finite number is not an empty cell", read);
            break;
        }
        // Rounded to 0.01, then read back to the nearest double.
        const auto back = toDouble(read);
        const qsizetype dot = read.indexOf('.');
        const double ulp = std::fabs(std::nextafter(c.d, HUGE_VAL) - c.d);
        if (!back || dot < 0 || read.size() - dot - 1 != 2 || std::fabs(*back - c.d) > 0.005 + 2 * ulp + 1e-12)
            fail("two-decimal number did not read back", read);
        break;
    }
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArrayView in(reinterpret_cast<const char *>(data), qsizetype(size));
    QList<QList<Cell>> rows;
    // Views into `in`, no copies.
    qsizetype start = 0;
    QList<Cell> row;
    for (qsizetype i = 0; i <= in.size(); ++i) {
        if (i < in.size() && in[i] != kRowSep && in[i] != kCellSep)
            continue;
        row.append(parseCell(in.sliced(start, i - start)));
        if (i == in.size() || in[i] == kRowSep) {
            rows.append(row);
            row.clear();
        }
        start = i + 1;
    }

    QByteArray out;
    QByteArray viaText;  // each `X` cell through text(), one per row ...
    QByteArray expected; // ... and what escape() made of it
    {
        QBuffer buffer(&out);
        buffer.open(QIODevice::WriteOnly);
        CsvWriter w(&buffer);
        QBuffer mirrorBuffer(&viaText);
        mirrorBuffer.open(QIODevice::WriteOnly);
        CsvWriter mirror(&mirrorBuffer);
        for (const QList<Cell> &cells : rows) {
            for (const Cell &c : cells) {
                switch (c.kind) {
                case Kind::Text:
                    w.text(c.text);
                    break;
                case Kind::Escaped: {
                    const QByteArray cell = CsvWriter::escape(c.text);
                    w.escaped(cell);
                    mirror.text(c.text);
                    mirror.endRow();
                    expected += cell + "\r\n";
                    break;
                }
                case Kind::Time:
                    w.time(c.i);
                    break;
                case Kind::Int:
                    w.number(c.i);
                    break;
                case Kind::Double:
                    w.number(c.d);
                    break;
                case Kind::Fixed2:
                    w.number(c.d, 2);
                    break;
                case Kind::Empty:
                    w.empty();
                    break;
                }
            }
            w.endRow();
        }
        if (!w.flush() || !mirror.flush())
            fail("flush failed", {});
    }
    if (viaText != expected)
        fail("escape() and text() disagree", viaText);

    QList<QList<QByteArray>> back;
    if (!readCsv(out, back))
        fail("output is not RFC 4180", out);
    if (back.size() != rows.size())
        fail("row count changed", out);
    for (qsizetype r = 0; r < rows.size(); ++r) {
        if (back[r].size() != rows[r].size())
            fail("cell count changed", out);
        for (qsizetype c = 0; c < rows[r].size(); ++c)
            checkCell(rows[r][c], back[r][c]);
    }
    return 0;
}
