#pragma once

#include <QByteArrayView>
#include <QtGlobal>

#include <cstring>
#include <optional>

// Strict scalar parsers for rate-limit header values. Each returns nullopt for anything it does not accept: no sign, no hex,
// no trailing junk, no wrap-around. None allocates.
namespace HeaderValues {

// The latest instant Headroom represents (9999-12-31T23:59:59.999Z), so every accepted time
// formats as a four-digit-year ISO 8601 string.
inline constexpr qint64 kMaxEpochMs = 253402300799999;

// Trims SP, HTAB and the other characters `\s` matches (CR, LF, VT, FF).
inline QByteArrayView trimmed(QByteArrayView v)
{
    auto space = [](char c) { return c == ' ' || (c >= '\t' && c <= '\r'); };
    const char *b = v.data();
    const char *e = b + v.size();
    while (b < e && space(*b))
        ++b;
    while (e > b && space(e[-1]))
        --e;
    return QByteArrayView(b, e - b);
}

// RFC 9110 tchar: the characters of a header name or an SF token. A table, because head
// parsing runs it on every byte of every name.
namespace detail {
constexpr bool tcharSlow(int c)
{
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
        return true;
    switch (c) {
    case '!': case '#': case '$': case '%': case '&': case '\'': case '*': case '+': case '-':
    case '.': case '^': case '_': case '`': case '|': case '~':
        return true;
    default:
        return false;
    }
}
struct TcharTable
{
    bool v[256] = {};
    constexpr TcharTable()
    {
        for (int c = 0; c < 256; ++c)
            v[c] = tcharSlow(c);
    }
};
inline constexpr TcharTable kTchar;
} // namespace detail

inline bool isTchar(char c)
{
    return detail::kTchar.v[uchar(c)];
}

// ^\s*\d+\s*$ and fits in a signed 64-bit integer.
std::optional<qint64> strictInt(QByteArrayView v);

// ^\s*\d+(\.\d+)?\s*$ as milliseconds, rounded up (a wait is never shortened).
// Fails when the value does not fit.
std::optional<qint64> decimalToMs(QByteArrayView v);

// ^\s*\d+(\.\d+)?\s*$ as a double (Retry-After `2.0`, Discord `64.57`).
std::optional<double> strictDouble(QByteArrayView v);

// Go duration syntax (`6m0s`, `12ms`, `1m30.5s`, `1h2m3s`, `500us`, `500µs`, `3ns`), as
// milliseconds rounded up. No sign; every component needs a unit, except a lone "0".
std::optional<qint64> goDurationMs(QByteArrayView v);

// HTTP-date (RFC 9110 §5.6.7): IMF-fixdate, rfc850-date or asctime-date, in epoch ms.
// `nowMs` resolves rfc850's two-digit year (RFC 9110: more than 50 years ahead means the past).
std::optional<qint64> httpDateMs(QByteArrayView v, qint64 nowMs);

// RFC 3339 date-time (`T`, `t` or a space; fraction; `Z` or ±hh:mm / ±hhmm) in epoch ms,
// also Jira's minute-precision `yyyy-MM-ddTHH:mmZ`.
std::optional<qint64> rfc3339Ms(QByteArrayView v);

// Days since 1970-01-01 for a proleptic Gregorian date; no validation.
qint64 daysFromCivil(qint64 y, unsigned m, unsigned d);

// Case-insensitive ASCII equality, length first.
// Inline: the engine calls these for every header name it looks up.
namespace detail {
inline bool equalsCIBytes(const char *pa, const char *pb, qsizetype n)
{
    for (qsizetype i = 0; i < n; ++i) {
        const char x = pa[i];
        const char y = pb[i];
        if (x != y && ((x | 0x20) != (y | 0x20) || uchar((x | 0x20) - 'a') > 'z' - 'a'))
            return false;
    }
    return true;
}
// Eight bytes at once: equal where they differ only in bit 5 of an ASCII letter.
inline bool equalsCIWord(quint64 a, quint64 b)
{
    constexpr quint64 kOnes = 0x0101010101010101ULL;
    const quint64 diff = a ^ b;
    if (diff & ~(kOnes * 0x20))
        return false;
    const quint64 lowered = a | (kOnes * 0x20);
    const quint64 ascii = lowered & (kOnes * 0x7f);
    const quint64 atLeastA = (ascii + kOnes * (0x80 - 'a')) & (kOnes * 0x80);
    const quint64 aboveZ = (ascii + kOnes * (0x80 - 'z' - 1)) & (kOnes * 0x80);
    const quint64 letter = atLeastA & ~aboveZ & ~lowered;
    return ((diff << 2) & ~letter) == 0;
}
} // namespace detail

inline bool equalsCI(QByteArrayView a, QByteArrayView b)
{
    const qsizetype n = a.size();
    if (n != b.size())
        return false;
    const char *pa = a.data();
    const char *pb = b.data();
    qsizetype i = 0;
    for (; n - i >= 8; i += 8) {
        quint64 x;
        quint64 y;
        memcpy(&x, pa + i, 8);
        memcpy(&y, pb + i, 8);
        if (x != y && !detail::equalsCIWord(x, y))
            return false;
    }
    return detail::equalsCIBytes(pa + i, pb + i, n - i);
}

inline bool startsWithCI(QByteArrayView s, QByteArrayView prefix)
{
    return s.size() >= prefix.size() && equalsCI(s.first(prefix.size()), prefix);
}

// Removes one surrounding pair of matching single or double quotes (Buildkite's `'portal'`).
QByteArrayView stripQuotes(QByteArrayView v);

} // namespace HeaderValues
