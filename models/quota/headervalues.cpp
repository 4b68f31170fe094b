#include "headervalues.h"

#include <limits>
#include <tuple>

namespace HeaderValues {

namespace {

__extension__ typedef __int128 Int128;

constexpr bool isDigit(char c) { return c >= '0' && c <= '9'; }
constexpr char lower(char c) { return (c >= 'A' && c <= 'Z') ? char(c - 'A' + 'a') : c; }

// Reads \d+ at p; fails on overflow of qint64.
bool readDigits(const char *&p, const char *end, qint64 &out, int *count = nullptr)
{
    const char *start = p;
    qint64 v = 0;
    while (p < end && isDigit(*p)) {
        const int d = *p - '0';
        if (v > (std::numeric_limits<qint64>::max() - d) / 10)
            return false;
        v = v * 10 + d;
        ++p;
    }
    if (p == start)
        return false;
    if (count)
        *count = int(p - start);
    out = v;
    return true;
}

// Exactly n digits.
bool fixedDigits(const char *&p, const char *end, int n, int &out)
{
    if (end - p < n)
        return false;
    int v = 0;
    for (int i = 0; i < n; ++i) {
        if (!isDigit(p[i]))
            return false;
        v = v * 10 + (p[i] - '0');
    }
    p += n;
    out = v;
    return true;
}

bool expect(const char *&p, const char *end, char c)
{
    if (p < end && *p == c) {
        ++p;
        return true;
    }
    return false;
}

bool expectCI(const char *&p, const char *end, QByteArrayView word)
{
    if (end - p < word.size())
        return false;
    for (qsizetype i = 0; i < word.size(); ++i) {
        if (lower(p[i]) != lower(word[i]))
            return false;
    }
    p += word.size();
    return true;
}

bool isLeap(qint64 y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int daysInMonth(qint64 y, int m)
{
    static constexpr int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && isLeap(y) ? 29 : days[m - 1];
}

std::optional<qint64> toEpochMs(qint64 y, int mo, int d, int h, int mi, int s, qint64 ms, qint64 offsetMin = 0)
{
    if (y < 1 || y > 9999 || mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo) || h > 23 || mi > 59 || s > 60)
        return std::nullopt;
    const qint64 days = daysFromCivil(y, unsigned(mo), unsigned(d));
    const qint64 total = ((days * 24 + h) * 60 + mi - offsetMin) * 60'000 + qint64(s) * 1000 + ms;
    if (total < 0 || total > kMaxEpochMs)
        return std::nullopt;
    return total;
}

struct Civil
{
    qint64 y;
    int m, d, h, mi, s;
};

// Howard Hinnant's civil-from-days, the inverse of daysFromCivil(), for an instant.
Civil civilFromMs(qint64 ms)
{
    qint64 secs = ms / 1000;
    if (ms % 1000 < 0)
        --secs;
    qint64 days = secs / 86400;
    qint64 rem = secs % 86400;
    if (rem < 0) {
        rem += 86400;
        --days;
    }
    const qint64 z = days + 719468;
    const qint64 era = (z >= 0 ? z : z - 146096) / 146097;
    const qint64 doe = z - era * 146097;
    const qint64 yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const qint64 doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const qint64 mp = (5 * doy + 2) / 153;
    Civil c;
    c.d = int(doy - (153 * mp + 2) / 5 + 1);
    c.m = int(mp < 10 ? mp + 3 : mp - 9);
    c.y = yoe + era * 400 + (c.m <= 2 ? 1 : 0);
    c.h = int(rem / 3600);
    c.mi = int(rem / 60 % 60);
    c.s = int(rem % 60);
    return c;
}

// Month abbreviation (case-insensitive) to 1..12.
bool readMonth(const char *&p, const char *end, int &month)
{
    static constexpr const char *months[] = {"jan", "feb", "mar", "apr", "may", "jun",
                                             "jul", "aug", "sep", "oct", "nov", "dec"};
    if (end - p < 3)
        return false;
    for (int i = 0; i < 12; ++i) {
        if (lower(p[0]) == months[i][0] && lower(p[1]) == months[i][1] && lower(p[2]) == months[i][2]) {
            month = i + 1;
            p += 3;
            return true;
        }
    }
    return false;
}

// Returns the day-name length matched: 3 for "Sun", the full length for "Sunday", or 0.
int readDayName(const char *&p, const char *end, bool full)
{
    static constexpr const char *shortNames[] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
    static constexpr const char *fullNames[] = {"monday", "tuesday", "wednesday", "thursday",
                                                "friday", "saturday", "sunday"};
    for (int i = 0; i < 7; ++i) {
        const QByteArrayView name(full ? fullNames[i] : shortNames[i]);
        const char *q = p;
        if (expectCI(q, end, name)) {
            p = q;
            return int(name.size());
        }
    }
    return 0;
}

bool readTimeOfDay(const char *&p, const char *end, int &h, int &mi, int &s)
{
    return fixedDigits(p, end, 2, h) && expect(p, end, ':') && fixedDigits(p, end, 2, mi) && expect(p, end, ':')
        && fixedDigits(p, end, 2, s);
}

std::optional<qint64> imfFixdate(const char *p, const char *end)
{
    int d, mo, y, h, mi, s;
    if (!readDayName(p, end, false) || !expect(p, end, ',') || !expect(p, end, ' ') || !fixedDigits(p, end, 2, d)
        || !expect(p, end, ' ') || !readMonth(p, end, mo) || !expect(p, end, ' ') || !fixedDigits(p, end, 4, y)
        || !expect(p, end, ' ') || !readTimeOfDay(p, end, h, mi, s) || !expect(p, end, ' ')
        || !expectCI(p, end, "GMT") || p != end)
        return std::nullopt;
    return toEpochMs(y, mo, d, h, mi, s, 0);
}

std::optional<qint64> rfc850Date(const char *p, const char *end, qint64 nowMs)
{
    int d, mo, yy, h, mi, s;
    if (!readDayName(p, end, true) || !expect(p, end, ',') || !expect(p, end, ' ') || !fixedDigits(p, end, 2, d)
        || !expect(p, end, '-') || !readMonth(p, end, mo) || !expect(p, end, '-') || !fixedDigits(p, end, 2, yy)
        || !expect(p, end, ' ') || !readTimeOfDay(p, end, h, mi, s) || !expect(p, end, ' ')
        || !expectCI(p, end, "GMT") || p != end)
        return std::nullopt;
    // RFC 9110 §5.6.7: a two-digit year that appears more than 50 years in the future means the
    // most recent past year with those digits. Compared as calendar instants rather than years,
    // so the cut-off is exactly 50 years from now, not up to a year either side of it.
    const Civil now = civilFromMs(nowMs);
    const auto key = [](qint64 year, int month, int day, int hour, int minute, int second) {
        return std::tuple(year, month, day, hour, minute, second);
    };
    const auto limit = key(now.y + 50, now.m, now.d, now.h, now.mi, now.s);
    qint64 y = (now.y / 100) * 100 + yy;
    if (key(y, mo, d, h, mi, s) > limit)
        y -= 100;
    else if (key(y + 100, mo, d, h, mi, s) <= limit)
        y += 100;
    return toEpochMs(y, mo, d, h, mi, s, 0);
}

std::optional<qint64> asctimeDate(const char *p, const char *end)
{
    int d, mo, y, h, mi, s;
    if (!readDayName(p, end, false) || !expect(p, end, ' ') || !readMonth(p, end, mo) || !expect(p, end, ' '))
        return std::nullopt;
    if (p < end && *p == ' ') {
        ++p;
        if (!fixedDigits(p, end, 1, d))
            return std::nullopt;
    } else if (!fixedDigits(p, end, 2, d)) {
        return std::nullopt;
    }
    if (!expect(p, end, ' ') || !readTimeOfDay(p, end, h, mi, s) || !expect(p, end, ' ')
        || !fixedDigits(p, end, 4, y) || p != end)
        return std::nullopt;
    return toEpochMs(y, mo, d, h, mi, s, 0);
}

} // namespace

std::optional<qint64> strictInt(QByteArrayView v)
{
    v = trimmed(v);
    const char *p = v.data();
    const char *end = p + v.size();
    qint64 out;
    if (!readDigits(p, end, out) || p != end)
        return std::nullopt;
    return out;
}

std::optional<qint64> decimalToMs(QByteArrayView v)
{
    v = trimmed(v);
    const char *p = v.data();
    const char *end = p + v.size();
    qint64 whole;
    if (!readDigits(p, end, whole))
        return std::nullopt;
    if (whole > kMaxEpochMs / 1000 + 1)
        return std::nullopt;
    qint64 ms = whole * 1000;
    if (p != end) {
        if (*p != '.')
            return std::nullopt;
        ++p;
        const char *fracStart = p;
        qint64 fracMs = 0;
        bool remainder = false;
        int digits = 0;
        while (p < end && isDigit(*p)) {
            if (digits < 3)
                fracMs = fracMs * 10 + (*p - '0');
            else if (*p != '0')
                remainder = true;
            ++digits;
            ++p;
        }
        if (p == fracStart || p != end)
            return std::nullopt;
        for (int i = digits; i < 3; ++i)
            fracMs *= 10;
        ms += fracMs + (remainder ? 1 : 0);
    }
    return ms;
}

std::optional<double> strictDouble(QByteArrayView v)
{
    v = trimmed(v);
    const char *p = v.data();
    const char *end = p + v.size();
    // Digits are accumulated as a double so that absurd values stay finite instead of failing:
    // the caller clamps them.
    double whole = 0;
    const char *start = p;
    while (p < end && isDigit(*p)) {
        whole = whole * 10 + (*p - '0');
        ++p;
    }
    if (p == start)
        return std::nullopt;
    if (p == end)
        return whole;
    if (*p != '.')
        return std::nullopt;
    ++p;
    double frac = 0;
    double scale = 1;
    const char *fracStart = p;
    while (p < end && isDigit(*p)) {
        if (scale < 1e15) {
            frac = frac * 10 + (*p - '0');
            scale *= 10;
        }
        ++p;
    }
    if (p == fracStart || p != end)
        return std::nullopt;
    return whole + frac / scale;
}

std::optional<qint64> goDurationMs(QByteArrayView v)
{
    v = trimmed(v);
    const char *p = v.data();
    const char *end = p + v.size();
    if (p == end)
        return std::nullopt;
    if (v == "0")
        return 0;
    constexpr Int128 kMaxNs = Int128(kMaxEpochMs) * 1'000'000;
    Int128 totalNs = 0;
    while (p < end) {
        qint64 whole;
        if (!readDigits(p, end, whole))
            return std::nullopt;
        qint64 frac = 0;
        qint64 fracScale = 1;
        if (p < end && *p == '.') {
            ++p;
            const char *fracStart = p;
            while (p < end && isDigit(*p)) {
                if (fracScale < 1'000'000'000'000'000'000LL) {
                    frac = frac * 10 + (*p - '0');
                    fracScale *= 10;
                }
                ++p;
            }
            if (p == fracStart)
                return std::nullopt;
        }
        qint64 unitNs;
        const qsizetype left = end - p;
        // Longest match first, so that `m` never swallows the `m` of `ms`.
        if (left >= 2 && p[0] == 'n' && p[1] == 's') {
            unitNs = 1;
            p += 2;
        } else if (left >= 2 && p[0] == 'u' && p[1] == 's') {
            unitNs = 1000;
            p += 2;
        } else if (left >= 3 && uchar(p[0]) == 0xC2 && uchar(p[1]) == 0xB5 && p[2] == 's') { // µ U+00B5
            unitNs = 1000;
            p += 3;
        } else if (left >= 3 && uchar(p[0]) == 0xCE && uchar(p[1]) == 0xBC && p[2] == 's') { // μ U+03BC
            unitNs = 1000;
            p += 3;
        } else if (left >= 2 && p[0] == 'm' && p[1] == 's') {
            unitNs = 1'000'000;
            p += 2;
        } else if (left >= 1 && p[0] == 's') {
            unitNs = 1'000'000'000;
            p += 1;
        } else if (left >= 1 && p[0] == 'm') {
            unitNs = 60'000'000'000LL;
            p += 1;
        } else if (left >= 1 && p[0] == 'h') {
            unitNs = 3'600'000'000'000LL;
            p += 1;
        } else {
            return std::nullopt;
        }
        totalNs += Int128(whole) * unitNs + Int128(frac) * unitNs / fracScale;
        if (totalNs > kMaxNs)
            return std::nullopt;
    }
    return qint64((totalNs + 999'999) / 1'000'000);
}

std::optional<qint64> httpDateMs(QByteArrayView v, qint64 nowMs)
{
    v = trimmed(v);
    const char *p = v.data();
    const char *end = p + v.size();
    if (end - p < 4)
        return std::nullopt;
    // The day name is followed by ',' in IMF-fixdate, by more letters then ',' in rfc850,
    // and by a space in asctime.
    if (p[3] == ',')
        return imfFixdate(p, end);
    if (p[3] == ' ')
        return asctimeDate(p, end);
    return rfc850Date(p, end, nowMs);
}

std::optional<qint64> rfc3339Ms(QByteArrayView v)
{
    v = trimmed(v);
    const char *p = v.data();
    const char *end = p + v.size();
    int y, mo, d, h, mi, s = 0;
    if (!fixedDigits(p, end, 4, y) || !expect(p, end, '-') || !fixedDigits(p, end, 2, mo) || !expect(p, end, '-')
        || !fixedDigits(p, end, 2, d))
        return std::nullopt;
    if (p >= end || !(*p == 'T' || *p == 't' || *p == ' '))
        return std::nullopt;
    ++p;
    if (!fixedDigits(p, end, 2, h) || !expect(p, end, ':') || !fixedDigits(p, end, 2, mi))
        return std::nullopt;
    qint64 ms = 0;
    if (expect(p, end, ':')) {
        if (!fixedDigits(p, end, 2, s))
            return std::nullopt;
        if (expect(p, end, '.')) {
            const char *fracStart = p;
            int digits = 0;
            bool remainder = false;
            while (p < end && isDigit(*p)) {
                if (digits < 3)
                    ms = ms * 10 + (*p - '0');
                else if (*p != '0')
                    remainder = true;
                ++digits;
                ++p;
            }
            if (p == fracStart)
                return std::nullopt;
            for (int i = digits; i < 3; ++i)
                ms *= 10;
            if (remainder)
                ++ms; // rounded up, like every other sub-millisecond value
        }
    }
    if (p >= end)
        return std::nullopt;
    qint64 offsetMin = 0;
    if (*p == 'Z' || *p == 'z') {
        ++p;
    } else if (*p == '+' || *p == '-') {
        const bool negative = *p == '-';
        ++p;
        int oh, om;
        if (!fixedDigits(p, end, 2, oh))
            return std::nullopt;
        expect(p, end, ':');
        if (!fixedDigits(p, end, 2, om) || oh > 23 || om > 59)
            return std::nullopt;
        offsetMin = (negative ? -1 : 1) * (oh * 60 + om);
    } else {
        return std::nullopt;
    }
    if (p != end)
        return std::nullopt;
    return toEpochMs(y, mo, d, h, mi, s, ms, offsetMin);
}

qint64 daysFromCivil(qint64 y, unsigned m, unsigned d)
{
    // Howard Hinnant's algorithm.
    y -= m <= 2;
    const qint64 era = (y >= 0 ? y : y - 399) / 400;
    const unsigned yoe = unsigned(y - era * 400);
    const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + qint64(doe) - 719468;
}

QByteArrayView stripQuotes(QByteArrayView v)
{
    if (v.size() >= 2) {
        const char f = v.front();
        if ((f == '"' || f == '\'') && v.back() == f)
            return v.sliced(1, v.size() - 2);
    }
    return v;
}

} // namespace HeaderValues
