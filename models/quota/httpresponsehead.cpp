#include "httpresponsehead.h"

#include "headervalues.h"

#include <QCoreApplication>
#include <QVarLengthArray>

#include <cstring>

namespace {

// The context keeps the name the German translations were made for.
class HttpResponseHeadText
{
    Q_DECLARE_TR_FUNCTIONS(HttpResponseHead)
};

// One line of the head, without its line terminator (LF or CRLF).
struct LineReader
{
    const char *p;
    const char *end;

    bool next(QByteArrayView &line)
    {
        if (p >= end)
            return false;
        const char *nl = static_cast<const char *>(memchr(p, '\n', size_t(end - p)));
        const char *lineEnd = nl ? nl : end;
        const char *contentEnd = (lineEnd > p && lineEnd[-1] == '\r') ? lineEnd - 1 : lineEnd;
        line = QByteArrayView(p, contentEnd - p);
        p = nl ? nl + 1 : end;
        return true;
    }
};

bool parseStatusLine(QByteArrayView line, int &status)
{
    // HTTP-version SP 3DIGIT [SP reason-phrase]; versions 1.0, 1.1, 2, 3 and the like.
    if (!line.startsWith("HTTP/"))
        return false;
    qsizetype i = 5;
    const qsizetype n = line.size();
    const qsizetype versionStart = i;
    while (i < n && ((line[i] >= '0' && line[i] <= '9') || line[i] == '.'))
        ++i;
    if (i == versionStart || line[versionStart] == '.' || line[i - 1] == '.')
        return false;
    if (i >= n || line[i] != ' ')
        return false;
    ++i;
    if (n - i < 3)
        return false;
    int code = 0;
    for (int k = 0; k < 3; ++k) {
        const char c = line[i + k];
        if (c < '0' || c > '9')
            return false;
        code = code * 10 + (c - '0');
    }
    i += 3;
    if (i < n && line[i] != ' ')
        return false;
    if (code < 100)
        return false;
    status = code;
    return true;
}

bool validValueChar(char c)
{
    // field-value: VCHAR, obs-text, SP, HTAB (RFC 9110 §5.5).
    const uchar u = uchar(c);
    return u == '\t' || (u >= 0x20 && u != 0x7f);
}

// Checks eight bytes at a time: a word without any byte below 0x20 or equal to 0x7f is valid
// outright; only words that contain one (usually a tab) are checked byte by byte.
bool validValue(QByteArrayView v)
{
    const char *p = v.data();
    const char *end = p + v.size();
    constexpr quint64 kOnes = 0x0101010101010101ULL;
    constexpr quint64 kHigh = 0x8080808080808080ULL;
    while (end - p >= 8) {
        quint64 w;
        memcpy(&w, p, 8);
        const quint64 below = (w - kOnes * 0x20) & ~w & kHigh;
        const quint64 x = w ^ (kOnes * 0x7f);
        const quint64 del = (x - kOnes) & ~x & kHigh;
        if (below | del) {
            for (int i = 0; i < 8; ++i) {
                if (!validValueChar(p[i]))
                    return false;
            }
        }
        p += 8;
    }
    for (; p < end; ++p) {
        if (!validValueChar(*p))
            return false;
    }
    return true;
}

} // namespace

std::optional<QByteArray> HttpResponseHead::value(QByteArrayView name) const
{
    std::optional<QByteArray> result;
    for (const auto &field : fields) {
        if (!HeaderValues::equalsCI(field.first, name))
            continue;
        if (!result)
            result = field.second;
        else
            *result += ", " + field.second;
    }
    return result;
}

std::optional<HttpResponseHead> HttpResponseHead::parse(QByteArrayView text, QString *error)
{
    return parseWithBody(text, nullptr, error);
}

std::optional<HttpResponseHead> HttpResponseHead::parseWithBody(QByteArrayView text, QByteArrayView *body,
                                                                QString *error)
{
    auto fail = [error](const QString &why) -> std::optional<HttpResponseHead> {
        if (error)
            *error = why;
        return std::nullopt;
    };

    LineReader reader{text.data(), text.data() + text.size()};
    // Interim 1xx heads (100 Continue, 103 Early Hints) precede the real one; a bounded number
    // of them is skipped.
    for (int head = 0; head < 16; ++head) {
        QByteArrayView line;
        if (!reader.next(line) || line.isEmpty())
            return fail(HttpResponseHeadText::tr("the input is empty"));
        int status = 0;
        if (!parseStatusLine(line, status))
            return fail(HttpResponseHeadText::tr("the first line is not an HTTP status line such as \"HTTP/1.1 200 OK\""));

        // Pass 1 validates and records where each name and value lies; pass 2 copies them all
        // into one allocation that every field shares (one malloc instead of two per field).
        struct Span
        {
            const char *name;
            qsizetype nameLen;
            const char *value;
            qsizetype valueLen;
            qsizetype folded = -1; // index into `unfolded` when obs-fold rewrote the value
        };
        QVarLengthArray<Span, 32> spans;
        QList<QByteArray> unfolded;
        int lineNo = 1;
        bool ended = false;
        while (reader.next(line)) {
            ++lineNo;
            if (line.isEmpty()) {
                ended = true;
                break;
            }
            if (line.front() == ' ' || line.front() == '\t') {
                // obs-fold (RFC 9112 §5.2): a continuation joins the previous value with one SP.
                if (spans.isEmpty())
                    return fail(HttpResponseHeadText::tr("line %1 continues a header field that does not exist").arg(lineNo));
                const QByteArrayView more = HeaderValues::trimmed(line);
                if (!validValue(more))
                    return fail(HttpResponseHeadText::tr("line %1 has a control character in its value").arg(lineNo));
                Span &last = spans.last();
                if (last.folded < 0) {
                    last.folded = unfolded.size();
                    unfolded.append(QByteArray(last.value, last.valueLen));
                }
                QByteArray &v = unfolded[last.folded];
                if (!more.isEmpty()) {
                    if (!v.isEmpty())
                        v += ' ';
                    v += more;
                }
                continue;
            }
            qsizetype colon = 0;
            while (colon < line.size() && HeaderValues::isTchar(line[colon]))
                ++colon;
            if (colon == line.size() || line[colon] != ':') {
                if (line.indexOf(':') <= 0)
                    return fail(HttpResponseHeadText::tr("line %1 is not a header field (\"Name: value\")").arg(lineNo));
                return fail(HttpResponseHeadText::tr("line %1 has an invalid header field name").arg(lineNo));
            }
            if (colon == 0)
                return fail(HttpResponseHeadText::tr("line %1 is not a header field (\"Name: value\")").arg(lineNo));
            const QByteArrayView name = line.first(colon);
            const QByteArrayView value = HeaderValues::trimmed(line.sliced(colon + 1));
            if (!validValue(value))
                return fail(HttpResponseHeadText::tr("line %1 has a control character in its value").arg(lineNo));
            spans.append(Span{name.data(), name.size(), value.data(), value.size()});
        }

        HttpResponseHead result;
        result.status = status;
        qsizetype total = 0;
        for (const Span &sp : spans)
            total += sp.nameLen + 1 + (sp.folded < 0 ? sp.valueLen + 1 : 0);
        if (!spans.isEmpty()) {
            QByteArray storage(total, Qt::Uninitialized);
            char *out = storage.data();
            auto *block = storage.data_ptr().d_ptr();
            // A slice shares the storage block (reference-counted, so it stays valid on its own) and
            // is NUL-terminated inside it like any QByteArray. The slices' references are taken in
            // one atomic step rather than one per slice: this runs for every probe response.
            qsizetype slices = 0;
            for (const Span &sp : spans)
                slices += sp.folded < 0 ? 2 : 1;
            block->ref_.fetchAndAddRelaxed(int(slices));
            auto slice = [&](const char *from, qsizetype len) {
                memcpy(out, from, size_t(len));
                out[len] = '\0';
                QByteArray b(QByteArray::DataPointer(block, out, len));
                out += len + 1;
                return b;
            };
            result.fields.resize(spans.size());
            auto *field = result.fields.data();
            for (const Span &sp : spans) {
                field->first = slice(sp.name, sp.nameLen);
                if (sp.folded < 0)
                    field->second = slice(sp.value, sp.valueLen);
                else
                    field->second = unfolded.at(sp.folded);
                ++field;
            }
        }
        if (ended && status < 200 && status != 101) {
            // Peek: another status line means this was an interim response.
            LineReader peek = reader;
            QByteArrayView nextLine;
            int dummy = 0;
            if (peek.next(nextLine) && parseStatusLine(nextLine, dummy))
                continue;
        }
        if (body)
            *body = QByteArrayView(reader.p, reader.end - reader.p);
        return result;
    }
    return fail(HttpResponseHeadText::tr("too many interim responses"));
}
