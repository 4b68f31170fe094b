#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QVarLengthArray>

#include <optional>

// A strict RFC 9651 (Structured Field Values) parser for Lists, Dictionaries and Items.
// Failure is all-or-nothing: the IETF rate-limit draft says a malformed field is ignored whole.
//
// Token, key and unescaped-string values are views into the parsed text, so the text must
// outlive the result; escaped strings, byte sequences and display strings own their bytes.
namespace sf {

struct BareItem
{
    enum class Type { Integer, Decimal, String, Token, ByteSequence, Boolean, Date, DisplayString };
    Type type = Type::Integer;
    qint64 integer = 0;  // Integer, Date (seconds), Boolean (0/1)
    double decimal = 0;  // Decimal
    QByteArrayView text; // String, Token, DisplayString (UTF-8), ByteSequence (decoded)
    QByteArray owned;    // backing store when `text` could not be a view into the input

    bool isInteger() const { return type == Type::Integer; }
    bool isString() const { return type == Type::String; }
    bool isToken() const { return type == Type::Token; }
};

struct Parameter
{
    QByteArrayView key;
    BareItem value;
};
using Parameters = QVarLengthArray<Parameter, 4>;

struct Item
{
    BareItem value;
    Parameters params;

    const BareItem *param(QByteArrayView key) const;
};

// A List or Dictionary member: an Item, or an Inner List with its own parameters.
struct Member
{
    bool isInnerList = false;
    Item item;               // when !isInnerList
    QList<Item> innerList;   // when isInnerList
    Parameters innerParams;  // parameters of the inner list
};

using List = QVarLengthArray<Member, 4>;

struct DictMember
{
    QByteArrayView key;
    Member member;
};
// Keys are unique; a repeated key overwrites the earlier value in place (RFC 9651 §4.2.2).
using Dictionary = QVarLengthArray<DictMember, 4>;

std::optional<List> parseList(QByteArrayView input);
std::optional<Dictionary> parseDictionary(QByteArrayView input);
std::optional<Item> parseItem(QByteArrayView input);

} // namespace sf
