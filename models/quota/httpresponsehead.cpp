#include "httpresponsehead.h"

#include "headervalues.h"

#include <QCoreApplication>

namespace {

constexpr bool isTchar(char c)
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

QString tr(const char *text)
{
    return QCoreApplication::translate("HttpResponseHead", text);
}

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
            return fail(tr("the input is empty"));
        int status = 0;
        if (!parseStatusLine(line, status))
            return fail(tr("the first line is not an HTTP status line such as \"HTTP/1.1 200 OK\""));

        HttpResponseHead result;
        result.status = status;
        // Reserving avoids regrowing the list for typical heads.
        result.fields.reserve(16);
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
                if (result.fields.isEmpty())
                    return fail(tr("line %1 continues a header field that does not exist").arg(lineNo));
                const QByteArrayView more = HeaderValues::trimmed(line);
                for (char c : more) {
                    if (!validValueChar(c))
                        return fail(tr("line %1 has a control character in its value").arg(lineNo));
                }
                QByteArray &v = result.fields.last().second;
                if (!more.isEmpty())
                    v += (v.isEmpty() ? QByteArray() : QByteArray(" ")) + more.toByteArray();
                continue;
            }
            const qsizetype colon = line.indexOf(':');
            if (colon <= 0)
                return fail(tr("line %1 is not a header field (\"Name: value\")").arg(lineNo));
            const QByteArrayView name = line.first(colon);
            for (char c : name) {
                if (!isTchar(c))
                    return fail(tr("line %1 has an invalid header field name").arg(lineNo));
            }
            const QByteArrayView value = HeaderValues::trimmed(line.sliced(colon + 1));
            for (char c : value) {
                if (!validValueChar(c))
                    return fail(tr("line %1 has a control character in its value").arg(lineNo));
            }
            result.fields.append({name.toByteArray(), value.toByteArray()});
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
    return fail(tr("too many interim responses"));
}
