// libFuzzer target: the transport rules a token obeys, on arbitrary URL text.
//
// Input: one or two URLs, separated by a line feed (the second one is the other side of the
// origin comparison; without it the first is compared with itself). Properties checked:
// - a URL transportError() accepts is https, or http to an address literal that is loopback
//   (127.0.0.0/8 as a dotted quad, or ::1), with a host;
// - a base URL baseUrlError() accepts is one transportError() accepts, and has no user info,
//   query or fragment;
// - an accepted URL, written out and read again, is accepted and names the same origin;
// - isLoopbackLiteral() never accepts a URL's host that is a name;
// - sameOrigin() is reflexive for valid URLs and symmetric, and agrees with originKey().
#include "core/urlpolicy.h"

#include <QHostAddress>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

namespace {

[[noreturn]] void fail(const char *what, const QString &detail)
{
    std::fprintf(stderr, "fuzz_urlpolicy: %s [%s]\n", what, qPrintable(detail));
    std::abort();
}

// An independent reading of "loopback address literal": Qt's parser for the address, and a
// dotted quad for IPv4 (Qt would also read "127.1" or "2130706433").
bool loopbackLiteral(QString host)
{
    if (host.startsWith(u'[') && host.endsWith(u']'))
        host = host.mid(1, host.size() - 2);
    QHostAddress a;
    if (!a.setAddress(host))
        return false;
    if (a.protocol() == QAbstractSocket::IPv4Protocol) {
        const QStringList parts = host.split(u'.');
        if (parts.size() != 4)
            return false;
        for (const QString &p : parts) {
            if (p.isEmpty() || p.size() > 3)
                return false;
            for (QChar c : p) {
                if (c < u'0' || c > u'9')
                    return false;
            }
        }
    }
    return a.isLoopback();
}

void checkTransport(const QUrl &url, const QString &text)
{
    if (!UrlPolicy::transportError(url).isEmpty())
        return;
    if (!url.isValid() || url.host().isEmpty())
        fail("accepted an invalid URL or one without a host", text);
    const QString scheme = url.scheme().toLower();
    if (scheme != u"https" && !(scheme == u"http" && loopbackLiteral(url.host())))
        fail("accepted a URL that is neither https nor http to a loopback literal", text);
    // Text made from an accepted URL (a redirect target, a stored base URL) must not name another
    // origin. Qt does not re-read every URL it writes (an IPv6 zone id holding a ']'), which fails
    // closed as an invalid URL, so only a valid re-read is compared.
    const QUrl again(url.toString(QUrl::FullyEncoded));
    if (again.isValid() && (!UrlPolicy::transportError(again).isEmpty() || !UrlPolicy::sameOrigin(url, again)))
        fail("an accepted URL changes meaning through its own text", text);
}

void checkBase(const QString &text)
{
    if (!UrlPolicy::baseUrlError(text).isEmpty())
        return;
    const QUrl url(text, QUrl::StrictMode);
    if (!UrlPolicy::transportError(url).isEmpty())
        fail("base URL accepted but its transport refused", text);
    if (!url.userInfo().isEmpty() || url.hasQuery() || url.hasFragment())
        fail("base URL accepted with user info, query or fragment", text);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArrayView in(reinterpret_cast<const char *>(data), qsizetype(size));
    const qsizetype nl = in.indexOf('\n');
    const QString first = QString::fromUtf8(nl < 0 ? in : in.first(nl));
    const QString second = nl < 0 ? first : QString::fromUtf8(in.sliced(nl + 1));

    for (const QString &text : {first, second}) {
        checkBase(text);
        const QUrl tolerant(text);
        checkTransport(tolerant, text);
        const QUrl strict(text, QUrl::StrictMode);
        checkTransport(strict, text);
        // Hosts as QUrl gives them, which is what every caller passes. (Raw text is another
        // matter: QHostAddress stops reading at a NUL, so "127.0\0.x.y" reads as 127.0.0.0.)
        for (const QUrl &u : {tolerant, strict}) {
            if (UrlPolicy::isLoopbackLiteral(u.host()) && !loopbackLiteral(u.host().toLower()))
                fail("isLoopbackLiteral accepted a host that is not a loopback literal", u.host());
        }
        if (tolerant.isValid() && !UrlPolicy::sameOrigin(tolerant, tolerant))
            fail("sameOrigin is not reflexive", text);
    }

    const QUrl a(first);
    const QUrl b(second);
    const bool same = UrlPolicy::sameOrigin(a, b);
    if (same != UrlPolicy::sameOrigin(b, a))
        fail("sameOrigin is not symmetric", first + QStringLiteral(" | ") + second);
    if (a.isValid() && b.isValid() && same != (UrlPolicy::originKey(a) == UrlPolicy::originKey(b)))
        fail("sameOrigin and originKey disagree", first + QStringLiteral(" | ") + second);
    return 0;
}
