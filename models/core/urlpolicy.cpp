#include "urlpolicy.h"

#include <QCoreApplication>
#include <QHostAddress>

namespace {
// UrlPolicy is a namespace: its strings take their context from this class.
class UrlPolicyText
{
    Q_DECLARE_TR_FUNCTIONS(UrlPolicy)
};
} // namespace

namespace UrlPolicy {

static int effectivePort(const QUrl &u)
{
    const QString scheme = u.scheme().toLower();
    return u.port(scheme == u"https" ? 443 : scheme == u"http" ? 80 : -1);
}

bool isLoopbackLiteral(const QString &hostIn)
{
    QString host = hostIn.toLower();
    if (host.startsWith(u'[') && host.endsWith(u']'))
        host = host.mid(1, host.size() - 2);
    QHostAddress addr;
    // Only a dotted-quad or IPv6 literal counts; QHostAddress would also accept "127.1".
    if (!addr.setAddress(host))
        return false;
    if (addr.protocol() == QAbstractSocket::IPv4Protocol && host.count(u'.') != 3)
        return false;
    return addr.isLoopback();
}

QString transportError(const QUrl &url)
{
    if (!url.isValid() || url.host().isEmpty())
        return UrlPolicyText::tr("invalid URL");
    const QString scheme = url.scheme().toLower();
    if (scheme == u"https")
        return {};
    if (scheme == u"http") {
        if (isLoopbackLiteral(url.host()))
            return {};
        // A name is resolved later, by whatever resolver and hosts file the machine has, so
        // "localhost" proves nothing about where the token would go.
        if (url.host().compare(u"localhost", Qt::CaseInsensitive) == 0)
            return UrlPolicyText::tr("plain http is refused for localhost, since a name can resolve "
                                     "anywhere: write http://127.0.0.1 (or http://[::1]) instead");
        return UrlPolicyText::tr("plain http is refused for %1: use https (http only to a loopback address)")
            .arg(url.host());
    }
    return UrlPolicyText::tr("unsupported URL scheme '%1'").arg(url.scheme());
}

QString baseUrlError(const QString &baseUrl)
{
    const QUrl url(baseUrl, QUrl::StrictMode);
    if (baseUrl.isEmpty() || !url.isValid() || url.isRelative())
        return UrlPolicyText::tr("base URL '%1' is not an absolute URL").arg(baseUrl);
    if (!url.userInfo().isEmpty())
        return UrlPolicyText::tr("base URL must not contain credentials");
    if (url.hasQuery() || url.hasFragment())
        return UrlPolicyText::tr("base URL must not contain a query or fragment");
    return transportError(url);
}

bool sameOrigin(const QUrl &a, const QUrl &b)
{
    return a.scheme().compare(b.scheme(), Qt::CaseInsensitive) == 0
        && a.host(QUrl::FullyEncoded).compare(b.host(QUrl::FullyEncoded), Qt::CaseInsensitive) == 0
        && effectivePort(a) == effectivePort(b);
}

QString originKey(const QUrl &url)
{
    return url.scheme().toLower() + u"://" + url.host(QUrl::FullyEncoded).toLower() + u':'
        + QString::number(effectivePort(url));
}

} // namespace UrlPolicy
