// libFuzzer target: the date and duration parsers of rate-limit header values, all of them on
// every input. Properties checked beyond "no crash":
// - every instant lies in [1970-01-01, 9999-12-31T23:59:59.999Z] and every duration or count
//   is non-negative (kMaxEpochMs bounds the durations too);
// - an accepted HTTP-date or RFC 3339 time, formatted again, parses back to the same instant;
// - strictInt() agrees with the decimal text it read, and decimalToMs() with strictInt();
// - an rfc850 two-digit year lands within 50 years ahead of "now", never further;
// - daysFromCivil() agrees with QDate for every valid date.
#include "quota/headervalues.h"

#include <QByteArray>
#include <QDate>
#include <QDateTime>

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

using namespace HeaderValues;

namespace {

// 2026-11-23T12:00:00Z, the reference instant the header tests use.
constexpr qint64 kNowMs = 1795435200000;

[[noreturn]] void fail(const char *what, QByteArrayView input)
{
    std::fprintf(stderr, "fuzz_datetime: %s: [%.*s]\n", what, int(input.size()), input.data());
    std::abort();
}

void checkInstant(const std::optional<qint64> &ms, const char *what, QByteArrayView in)
{
    if (ms && (*ms < 0 || *ms > kMaxEpochMs))
        fail(what, in);
}

QByteArray imfFixdate(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC)
        .toString(QStringLiteral("ddd, dd MMM yyyy HH:mm:ss 'GMT'"))
        .toLatin1();
}

QByteArray iso(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODateWithMs).toLatin1();
}

void checkHttpDate(QByteArrayView in, qint64 now)
{
    const auto ms = httpDateMs(in, now);
    checkInstant(ms, "HTTP-date out of range", in);
    if (!ms)
        return;
    if (*ms % 1000 != 0)
        fail("HTTP-date with sub-second precision", in);
    // QDateTime's English names, in the C locale the target runs in.
    const QByteArray again = imfFixdate(*ms);
    if (httpDateMs(again, now) != ms)
        fail("HTTP-date does not survive formatting", in);
    // rfc850: a two-digit year more than 50 years ahead means the past (RFC 9110 §5.6.7).
    const QByteArrayView t = trimmed(in);
    // Of the candidates a century apart, the one in (now - 50 years, now + 50 years].
    const QDateTime nowTime = QDateTime::fromMSecsSinceEpoch(now, Qt::UTC);
    if (t.size() > 3 && t[3] != ',' && t[3] != ' ') {
        if (*ms > nowTime.addYears(50).toMSecsSinceEpoch())
            fail("rfc850 date more than 50 years ahead", in);
        if (*ms <= nowTime.addYears(-50).toMSecsSinceEpoch())
            fail("rfc850 date 50 years or more in the past", in);
    }
}

void checkRfc3339(QByteArrayView in)
{
    const auto ms = rfc3339Ms(in);
    checkInstant(ms, "RFC 3339 time out of range", in);
    if (ms && rfc3339Ms(iso(*ms)) != ms)
        fail("RFC 3339 time does not survive formatting", in);
}

void checkNumbers(QByteArrayView in)
{
    const auto i = strictInt(in);
    if (i) {
        if (*i < 0)
            fail("negative strictInt", in);
        QByteArrayView digits = trimmed(in);
        while (digits.size() > 1 && digits.front() == '0')
            digits = digits.sliced(1);
        if (QByteArray::number(*i) != digits)
            fail("strictInt disagrees with its text", in);
    }
    const auto ms = decimalToMs(in);
    if (ms && *ms < 0)
        fail("negative decimalToMs", in);
    if (i && *i <= kMaxEpochMs / 1000 && ms != *i * 1000)
        fail("decimalToMs disagrees with strictInt", in);
    if (ms && !strictDouble(in))
        fail("decimalToMs accepts what strictDouble refuses", in);
    const auto d = strictDouble(in);
    if (d && (std::isnan(*d) || *d < 0))
        fail("strictDouble out of range", in);
    if (d && ms && *ms < (qint64(1) << 50) && std::fabs(*d * 1000 - double(*ms)) > 1.0 + *d * 1e-12)
        fail("strictDouble and decimalToMs disagree", in);
    const auto dur = goDurationMs(in);
    if (dur && (*dur < 0 || *dur > kMaxEpochMs))
        fail("Go duration out of range", in);
}

void checkCivil(QByteArrayView in)
{
    if (in.size() < 4)
        return;
    const int y = 1 + (uchar(in[0]) << 8 | uchar(in[1])) % 9999;
    const int m = 1 + uchar(in[2]) % 12;
    const int d = 1 + uchar(in[3]) % 31;
    const QDate date(y, m, d);
    if (!date.isValid())
        return;
    if (daysFromCivil(y, unsigned(m), unsigned(d)) != date.toJulianDay() - QDate(1970, 1, 1).toJulianDay())
        fail("daysFromCivil disagrees with QDate", in.first(4));
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArrayView in(reinterpret_cast<const char *>(data), qsizetype(size));
    checkHttpDate(in, kNowMs);
    checkHttpDate(in, 0);
    checkHttpDate(in, kMaxEpochMs);
    checkRfc3339(in);
    checkNumbers(in);
    checkCivil(in);
    (void)stripQuotes(in);
    return 0;
}
