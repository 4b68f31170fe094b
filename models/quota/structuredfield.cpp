#include "structuredfield.h"

#include "headervalues.h"

#include <QStringDecoder>

#include <new>

namespace sf {

namespace {

// Parsing state over the input, following RFC 9651 §4.2's algorithms step by step.
struct Cursor
{
    const char *p;
    const char *end;

    bool atEnd() const { return p >= end; }
    char peek() const { return *p; }
    void skipSP()
    {
        while (p < end && *p == ' ')
            ++p;
    }
    void skipOWS()
    {
        while (p < end && (*p == ' ' || *p == '\t'))
            ++p;
    }
};

constexpr bool isDigit(char c) { return c >= '0' && c <= '9'; }
constexpr bool isAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
constexpr bool isLcAlpha(char c) { return c >= 'a' && c <= 'z'; }


constexpr bool isBase64(char c)
{
    return isAlpha(c) || isDigit(c) || c == '+' || c == '/' || c == '=';
}

bool parseBareItem(Cursor &c, BareItem &out);

bool parseIntegerOrDecimal(Cursor &c, BareItem &out)
{
    bool negative = false;
    if (c.peek() == '-') {
        negative = true;
        ++c.p;
    }
    if (c.atEnd() || !isDigit(c.peek()))
        return false;
    qint64 intPart = 0;
    int intDigits = 0;
    while (!c.atEnd() && isDigit(c.peek())) {
        if (++intDigits > 15)
            return false;
        intPart = intPart * 10 + (c.peek() - '0');
        ++c.p;
    }
    if (c.atEnd() || c.peek() != '.') {
        out.type = BareItem::Type::Integer;
        out.integer = negative ? -intPart : intPart;
        return true;
    }
    if (intDigits > 12)
        return false;
    ++c.p; // '.'
    qint64 frac = 0;
    int fracDigits = 0;
    while (!c.atEnd() && isDigit(c.peek())) {
        if (++fracDigits > 3)
            return false;
        frac = frac * 10 + (c.peek() - '0');
        ++c.p;
    }
    if (fracDigits == 0)
        return false;
    double scale = fracDigits == 1 ? 10.0 : fracDigits == 2 ? 100.0 : 1000.0;
    double v = double(intPart) + double(frac) / scale;
    out.type = BareItem::Type::Decimal;
    out.decimal = negative ? -v : v;
    return true;
}

bool parseString(Cursor &c, BareItem &out)
{
    ++c.p; // opening quote
    const char *start = c.p;
    // Fast path: no escapes, so the value is a view into the input.
    while (!c.atEnd()) {
        const char ch = c.peek();
        if (ch == '"') {
            out.type = BareItem::Type::String;
            out.text = QByteArrayView(start, c.p - start);
            ++c.p;
            return true;
        }
        if (ch == '\\')
            break;
        if (uchar(ch) < 0x20 || uchar(ch) > 0x7e)
            return false;
        ++c.p;
    }
    if (c.atEnd())
        return false;
    QByteArray buf(start, c.p - start);
    while (!c.atEnd()) {
        char ch = c.peek();
        ++c.p;
        if (ch == '\\') {
            if (c.atEnd())
                return false;
            ch = c.peek();
            ++c.p;
            if (ch != '"' && ch != '\\')
                return false;
            buf.append(ch);
        } else if (ch == '"') {
            out.type = BareItem::Type::String;
            out.owned = std::move(buf);
            out.text = QByteArrayView(out.owned);
            return true;
        } else if (uchar(ch) < 0x20 || uchar(ch) > 0x7e) {
            return false;
        } else {
            buf.append(ch);
        }
    }
    return false;
}

bool parseToken(Cursor &c, BareItem &out)
{
    const char *start = c.p;
    ++c.p; // first char checked by the caller
    while (!c.atEnd() && (HeaderValues::isTchar(c.peek()) || c.peek() == ':' || c.peek() == '/'))
        ++c.p;
    out.type = BareItem::Type::Token;
    out.text = QByteArrayView(start, c.p - start);
    return true;
}

bool parseByteSequence(Cursor &c, BareItem &out)
{
    ++c.p; // ':'
    const char *start = c.p;
    while (!c.atEnd() && c.peek() != ':') {
        if (!isBase64(c.peek()))
            return false;
        ++c.p;
    }
    if (c.atEnd())
        return false;
    QByteArray b64(start, c.p - start);
    ++c.p; // ':'
    // RFC 9651 lets parsers accept missing padding; Qt's decoder does.
    auto decoded = QByteArray::fromBase64Encoding(std::move(b64));
    if (!decoded)
        return false;
    out.type = BareItem::Type::ByteSequence;
    out.owned = std::move(decoded.decoded);
    out.text = QByteArrayView(out.owned);
    return true;
}

int hexValue(char ch)
{
    if (isDigit(ch))
        return ch - '0';
    if (ch >= 'a' && ch <= 'f')
        return ch - 'a' + 10;
    return -1; // RFC 9651 §4.2.10: lowercase hex only
}

bool parseDisplayString(Cursor &c, BareItem &out)
{
    ++c.p; // '%'
    if (c.atEnd() || c.peek() != '"')
        return false;
    ++c.p;
    QByteArray bytes;
    while (!c.atEnd()) {
        const char ch = c.peek();
        ++c.p;
        if (uchar(ch) < 0x20 || uchar(ch) > 0x7e)
            return false;
        if (ch == '%') {
            if (c.end - c.p < 2)
                return false;
            const int hi = hexValue(c.p[0]);
            const int lo = hexValue(c.p[1]);
            if (hi < 0 || lo < 0)
                return false;
            bytes.append(char(hi * 16 + lo));
            c.p += 2;
        } else if (ch == '"') {
            QStringDecoder utf8(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
            const QString s = utf8.decode(bytes);
            if (utf8.hasError())
                return false;
            Q_UNUSED(s);
            out.type = BareItem::Type::DisplayString;
            out.owned = std::move(bytes);
            out.text = QByteArrayView(out.owned);
            return true;
        } else {
            bytes.append(ch);
        }
    }
    return false;
}

bool parseBareItem(Cursor &c, BareItem &out)
{
    if (c.atEnd())
        return false;
    const char ch = c.peek();
    if (ch == '-' || isDigit(ch))
        return parseIntegerOrDecimal(c, out);
    if (ch == '"')
        return parseString(c, out);
    if (ch == '*' || isAlpha(ch))
        return parseToken(c, out);
    if (ch == ':')
        return parseByteSequence(c, out);
    if (ch == '?') {
        ++c.p;
        if (c.atEnd() || (c.peek() != '0' && c.peek() != '1'))
            return false;
        out.type = BareItem::Type::Boolean;
        out.integer = c.peek() == '1';
        ++c.p;
        return true;
    }
    if (ch == '@') {
        ++c.p;
        BareItem n;
        if (c.atEnd() || !parseIntegerOrDecimal(c, n) || n.type != BareItem::Type::Integer)
            return false;
        out.type = BareItem::Type::Date;
        out.integer = n.integer;
        return true;
    }
    if (ch == '%')
        return parseDisplayString(c, out);
    return false;
}

bool parseKey(Cursor &c, QByteArrayView &key)
{
    if (c.atEnd() || !(isLcAlpha(c.peek()) || c.peek() == '*'))
        return false;
    const char *start = c.p;
    ++c.p;
    while (!c.atEnd()) {
        const char ch = c.peek();
        if (isLcAlpha(ch) || isDigit(ch) || ch == '_' || ch == '-' || ch == '.' || ch == '*')
            ++c.p;
        else
            break;
    }
    key = QByteArrayView(start, c.p - start);
    return true;
}

bool parseParameters(Cursor &c, Parameters &params)
{
    while (!c.atEnd() && c.peek() == ';') {
        ++c.p;
        c.skipSP();
        QByteArrayView key;
        if (!parseKey(c, key))
            return false;
        BareItem value;
        value.type = BareItem::Type::Boolean;
        value.integer = 1;
        if (!c.atEnd() && c.peek() == '=') {
            ++c.p;
            if (!parseBareItem(c, value))
                return false;
        }
        bool replaced = false;
        for (Parameter &p : params) {
            if (p.key == key) {
                p.value = std::move(value);
                replaced = true;
                break;
            }
        }
        if (!replaced)
            params.append(Parameter{key, std::move(value)});
    }
    return true;
}

bool parseItemAt(Cursor &c, Item &item)
{
    return parseBareItem(c, item.value) && parseParameters(c, item.params);
}

bool parseInnerList(Cursor &c, Member &m)
{
    ++c.p; // '('
    m.isInnerList = true;
    while (!c.atEnd()) {
        c.skipSP();
        if (c.atEnd())
            return false;
        if (c.peek() == ')') {
            ++c.p;
            return parseParameters(c, m.innerParams);
        }
        Item item;
        if (!parseItemAt(c, item))
            return false;
        m.innerList.append(std::move(item));
        if (c.atEnd() || (c.peek() != ' ' && c.peek() != ')'))
            return false;
    }
    return false;
}

bool parseItemOrInnerList(Cursor &c, Member &m)
{
    if (!c.atEnd() && c.peek() == '(')
        return parseInnerList(c, m);
    return parseItemAt(c, m.item);
}

// RFC 9651 §4.2 step 2 and 5: leading and trailing SP are discarded.
Cursor topLevel(QByteArrayView input)
{
    Cursor c{input.data(), input.data() + input.size()};
    while (c.p < c.end && c.p[0] == ' ')
        ++c.p;
    while (c.end > c.p && c.end[-1] == ' ')
        --c.end;
    return c;
}

// After a member: OWS, then end of input or a comma followed by another member.
// Returns 1 to continue, 0 at the end, -1 on error.
int afterMember(Cursor &c)
{
    c.skipOWS();
    if (c.atEnd())
        return 0;
    if (c.peek() != ',')
        return -1;
    ++c.p;
    c.skipOWS();
    if (c.atEnd())
        return -1; // trailing comma
    return 1;
}

} // namespace

const BareItem *Item::param(QByteArrayView key) const
{
    for (const Parameter &p : params) {
        if (p.key == key)
            return &p.value;
    }
    return nullptr;
}

std::optional<List> parseList(QByteArrayView input)
{
    Cursor c = topLevel(input);
    List list;
    while (!c.atEnd()) {
        Member m;
        if (!parseItemOrInnerList(c, m))
            return std::nullopt;
        list.append(std::move(m));
        const int next = afterMember(c);
        if (next < 0)
            return std::nullopt;
        if (next == 0)
            break;
    }
    return list;
}

std::optional<Dictionary> parseDictionary(QByteArrayView input)
{
    Cursor c = topLevel(input);
    Dictionary dict;
    while (!c.atEnd()) {
        QByteArrayView key;
        if (!parseKey(c, key))
            return std::nullopt;
        Member m;
        if (!c.atEnd() && c.peek() == '=') {
            ++c.p;
            if (!parseItemOrInnerList(c, m))
                return std::nullopt;
        } else {
            m.item.value.type = BareItem::Type::Boolean;
            m.item.value.integer = 1;
            if (!parseParameters(c, m.item.params))
                return std::nullopt;
        }
        bool replaced = false;
        for (DictMember &d : dict) {
            if (d.key == key) {
                // Not move assignment: Qt 6.4's QVarLengthArray::operator=(&&) leaks the target's heap
                // buffer (the parameters of the member being replaced).
                d.member.~Member();
                new (&d.member) Member(std::move(m));
                replaced = true;
                break;
            }
        }
        if (!replaced)
            dict.append(DictMember{key, std::move(m)});
        const int next = afterMember(c);
        if (next < 0)
            return std::nullopt;
        if (next == 0)
            break;
    }
    return dict;
}

std::optional<Item> parseItem(QByteArrayView input)
{
    Cursor c = topLevel(input);
    Item item;
    if (!parseItemAt(c, item) || !c.atEnd())
        return std::nullopt;
    return item;
}

} // namespace sf
