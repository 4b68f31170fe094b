#pragma once

#include "headervalues.h"
#include "httpresponsehead.h"
#include "preset.h"
#include "quotareading.h"

#include <QByteArrayView>
#include <QCoreApplication>
#include <QDateTime>
#include <QString>
#include <QVarLengthArray>

#include <optional>
#include <utility>

// The machinery every header dialect shares: field lookup, strict singleton fields, a family of
// fields read into one quota, derivation, warnings. HeaderEngine picks the dialect; the readers
// of models/quota use this class.
// Names are compared case-insensitively everywhere: HTTP/2 sends them in lower case, and
// providers' documentation spells them in mixed case.

// The readers' warnings share the translation context "Reader".
class ReaderText
{
    Q_DECLARE_TR_FUNCTIONS(Reader)
};

// How a reset value is encoded: one name means a delta at one provider and an epoch at the
// next, so each dialect names its parser. Each returns epoch milliseconds.
using ResetParser = std::optional<qint64> (*)(QByteArrayView v, qint64 nowMs);

namespace ResetFormat {
std::optional<qint64> epochS(QByteArrayView v, qint64 nowMs);
std::optional<qint64> epochMs(QByteArrayView v, qint64 nowMs);
std::optional<qint64> deltaS(QByteArrayView v, qint64 nowMs);
std::optional<qint64> duration(QByteArrayView v, qint64 nowMs); // Go syntax, OpenAI
std::optional<qint64> rfc3339(QByteArrayView v, qint64 nowMs);
std::optional<qint64> httpDate(QByteArrayView v, qint64 nowMs);
// The unknown-provider heuristic: magnitude decides, then HTTP-date, RFC 3339, Go duration.
std::optional<qint64> generic(QByteArrayView v, qint64 nowMs);
} // namespace ResetFormat

// Whether a family's reset also says how long a refusal lasts: on a rate-limit response that
// carries no Retry-After, some providers document "wait until the reset".
enum class RefusalWait {
    None,
    UnlessRemaining, // the reset is the wait unless the quota says requests remain
    WhenExhausted,   // only when the quota says none remain (GitHub's primary limit)
};

// Which header names make up one quota: a "family".
// Dialects are rows of these; an empty name is a column the provider does not send.
struct Family
{
    QByteArrayView limit{};
    QByteArrayView remaining{};
    QByteArrayView used{};
    QByteArrayView reset{};
    ResetParser resetParser = nullptr;
    QByteArrayView resetAfter{};    // a delta in seconds preferred over `reset` (Discord)
    QByteArrayView resource{};      // header naming the resource
    QByteArrayView resource2{};     // read when `resource` gives nothing
    QByteArrayView nearLimit{};
    QByteArrayView limitFallback{}; // read when `limit` is absent (Zendesk's X-Rate-Limit)
    QByteArrayView required{};      // the row applies only when this field is present
    QByteArrayView fixedResource{}; // when no header names it
    QByteArrayView unit = "requests";
    RefusalWait refusalWait = RefusalWait::None;
};

class HeaderReader
{
public:
    HeaderReader(HeaderDialect dialect, const HttpResponseHead &head, const QDateTime &now, QByteArrayView body,
                 QuotaReading &out);

    using Lines = QVarLengthArray<QByteArrayView, 4>;

    const QList<QPair<QByteArray, QByteArray>> &fields() const { return m_head.fields; }
    HeaderDialect dialect() const { return m_dialect; }
    qint64 nowMs() const { return m_now; }
    QByteArrayView body() const { return m_body; }
    QuotaReading &out() { return m_out; }

    // Rate-limit names share their beginnings, so the length and the last byte (case folded, a
    // few non-letters alike) reject most fields before any text is compared.
    static bool isNamed(const QByteArray &fieldName, QByteArrayView name)
    {
        const qsizetype n = name.size();
        return fieldName.size() == n && n > 0 && ((fieldName.data()[n - 1] ^ name.data()[n - 1]) & ~0x20) == 0
            && HeaderValues::equalsCI(fieldName, name);
    }
    bool has(QByteArrayView name) const
    {
        for (const auto &f : m_head.fields) {
            if (isNamed(f.first, name))
                return true;
        }
        return false;
    }
    bool hasPrefix(QByteArrayView prefix) const;
    Lines lines(QByteArrayView name) const;
    // A list-valued field: repeated lines concatenated with ", " (RFC 9110 §5.3).
    static QByteArray joined(const Lines &l);
    bool bodyContains(QByteArrayView needle) const
    {
        return !m_body.isEmpty() && m_body.indexOf(needle) >= 0;
    }

    // Calls fn once per distinct header name (compared case-insensitively) that starts with
    // prefix and is longer than it: vendor families where the name carries the resource.
    template<typename Fn>
    void forEachNameWithPrefix(QByteArrayView prefix, Fn fn) const
    {
        QVarLengthArray<QByteArrayView, 8> done;
        for (const auto &field : m_head.fields) {
            const QByteArrayView name = field.first;
            if (name.size() == prefix.size() || !HeaderValues::startsWithCI(name, prefix))
                continue;
            bool seen = false;
            for (QByteArrayView d : done)
                seen = seen || HeaderValues::equalsCI(d, name);
            if (seen)
                continue;
            done.append(name);
            fn(name);
        }
    }

    // A singleton field. Repeated lines, or a line an intermediary joined with commas, are
    // accepted only when every member parses to the same value. A member may itself contain one
    // comma (an HTTP-date), so a failed member is retried together with the next one.
    template<typename T, typename Parse>
    std::optional<T> single(QByteArrayView name, Parse parse)
    {
        T value{};
        if (!singleInto(name, parse, value))
            return std::nullopt;
        return value;
    }
    // The same, into `value`; false when the field is absent or rejected. The hot lookups use
    // this form: returning optionals through the stack showed in profiles.
    template<typename T, typename Parse>
    bool singleInto(QByteArrayView name, Parse parse, T &value)
    {
        bool have = false;
        for (const auto &field : m_head.fields) {
            if (!isNamed(field.first, name))
                continue;
            m_found = true;
            if (m_used)
                noteUsed(field.first);
            const QByteArrayView line(field.second);
            const char *p = line.data();
            const char *end = p + line.size();
            do {
                const char *comma = findComma(p, end);
                const char *memberEnd = comma ? comma : end;
                std::optional<T> parsed = parse(QByteArrayView(p, memberEnd - p));
                if (!parsed && comma) {
                    const char *comma2 = findComma(comma + 1, end);
                    const char *end2 = comma2 ? comma2 : end;
                    parsed = parse(QByteArrayView(p, end2 - p));
                    if (parsed)
                        memberEnd = end2;
                }
                if (!parsed) {
                    warnInvalid(name, line);
                    return false;
                }
                if (have && !(value == *parsed)) {
                    warnRepeated(name);
                    return false;
                }
                value = std::move(*parsed);
                have = true;
                p = memberEnd < end ? memberEnd + 1 : end;
            } while (p < end);
        }
        return have;
    }

    std::optional<qint64> intField(QByteArrayView name)
    {
        qint64 v = 0;
        if (singleInto(name, [](QByteArrayView text) { return HeaderValues::strictInt(text); }, v))
            return v;
        return std::nullopt;
    }
    std::optional<qint64> timeField(QByteArrayView name, ResetParser parser)
    {
        const qint64 now = m_now;
        qint64 v = 0;
        if (singleInto(name, [parser, now](QByteArrayView text) { return parser(text, now); }, v))
            return v;
        return std::nullopt;
    }
    std::optional<QByteArrayView> tokenField(QByteArrayView name);
    std::optional<bool> boolField(QByteArrayView name);

    // Reads one family into a quota; false when none of its count or time fields is present.
    bool readFamily(const Family &f, Quota &q);
    void addFamily(const Family &f);
    // Appends a quota, deriving used from limit − remaining (or remaining from limit − used).
    void add(Quota &&q);

    // Retry-After, which every dialect reads the same way.
    void readRetryAfter();
    // On a refusal without Retry-After, the wait until the reset of a family that documents
    // it (RefusalWait); the quota keeps its reset as stated.
    void applyRefusalWait();

    // Field names a lookup found, for HeaderEngine::suggest(); off (null) on the hot path.
    using UsedNames = QVarLengthArray<QByteArrayView, 8>;
    void trackUsed(UsedNames *used) { m_used = used; }

    void warn(const QString &w) { m_out.warnings.append(w); }
    void warnInvalid(QByteArrayView name, QByteArrayView value);
    void warnRepeated(QByteArrayView name);
    // An SF Integer of seconds from now; beyond year 9999 it is not a time Headroom can show.
    std::optional<QDateTime> deltaReset(qint64 seconds, QByteArrayView field);

    static QDateTime fromMs(qint64 ms) { return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC); }
    static std::optional<qint64> boundedAdd(qint64 nowMs, std::optional<qint64> deltaMs);
    // Resource and unit names that recur on every response are shared, not allocated each time.
    static QString internedName(QByteArrayView v);
    // Header-name suffixes that name a resource are folded to lower case.
    static QString lowerName(QByteArrayView v);
    // Warnings quote a rejected value, but never a whole hostile megabyte.
    static QString excerpt(QByteArrayView v);

private:
    // Values are a few bytes long; a loop beats a call to memchr.
    static const char *findComma(const char *p, const char *end)
    {
        for (; p < end; ++p) {
            if (*p == ',')
                return p;
        }
        return nullptr;
    }

    void noteUsed(QByteArrayView name) const; // *m_used is the caller's

    const HttpResponseHead &m_head;
    const qint64 m_now;
    const QByteArrayView m_body;
    QuotaReading &m_out;
    const HeaderDialect m_dialect;
    bool m_found = false; // set by single() when a looked-up field exists
    UsedNames *m_used = nullptr;
    // Quotas whose reset may stand for the wait of a refusal: index and rule.
    QVarLengthArray<std::pair<qsizetype, RefusalWait>, 2> m_refusalResets;
};
