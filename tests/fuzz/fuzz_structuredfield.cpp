// libFuzzer target: RFC 9651 List, Dictionary and Item parsing of arbitrary bytes.
#include "quota/structuredfield.h"

#include <cstddef>
#include <cstdint>

namespace {

// Touches every view so ASan sees any dangling one.
size_t touch(const sf::BareItem &b)
{
    size_t n = 0;
    for (char c : b.text)
        n += uchar(c);
    return n;
}

size_t touch(const sf::Item &i)
{
    size_t n = touch(i.value);
    for (const sf::Parameter &p : i.params)
        n += size_t(p.key.size()) + touch(p.value);
    return n;
}

size_t touch(const sf::Member &m)
{
    size_t n = m.isInnerList ? 0 : touch(m.item);
    for (const sf::Item &i : m.innerList)
        n += touch(i);
    for (const sf::Parameter &p : m.innerParams)
        n += touch(p.value);
    return n;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArrayView in(reinterpret_cast<const char *>(data), qsizetype(size));
    volatile size_t sink = 0;
    if (auto list = sf::parseList(in)) {
        sf::List copy = *list; // copies must keep owned bytes alive
        list.reset();
        for (const sf::Member &m : copy)
            sink = sink + touch(m);
    }
    if (auto dict = sf::parseDictionary(in)) {
        for (const sf::DictMember &m : *dict)
            sink = sink + size_t(m.key.size()) + touch(m.member);
    }
    if (auto item = sf::parseItem(in))
        sink = sink + touch(*item);
    return 0;
}
