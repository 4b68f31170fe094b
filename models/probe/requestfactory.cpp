#include "requestfactory.h"

#include "core/urlpolicy.h"

#include <QCoreApplication>
#include <QSslConfiguration>

namespace {
// The namespace's strings keep their context "RequestFactory".
class RequestFactoryText
{
    Q_DECLARE_TR_FUNCTIONS(RequestFactory)
};
} // namespace

namespace RequestFactory {

QString cleanToken(const QString &raw, QString *cleaned)
{
    const QString t = raw.trimmed();
    if (t.isEmpty())
        return RequestFactoryText::tr("the token is empty");
    for (QChar c : t) {
        const char16_t u = c.unicode();
        if (u == u'\r' || u == u'\n')
            return RequestFactoryText::tr("the token contains a line break");
        if (u == 0)
            return RequestFactoryText::tr("the token contains a NUL character");
        if (u < 0x21 || u > 0x7e)
            return RequestFactoryText::tr("the token contains a space, control or non-ASCII character");
    }
    if (cleaned)
        *cleaned = t;
    return {};
}

std::optional<QUrl> probeUrl(const Account &account, const Preset &preset, QString *error)
{
    auto fail = [error](const QString &m) -> std::optional<QUrl> {
        if (error)
            *error = m;
        return std::nullopt;
    };
    QString path = account.probePath.isEmpty() ? preset.probePath : account.probePath;
    if (path.isEmpty())
        return fail(RequestFactoryText::tr("provider '%1' has no probe endpoint; set a probe path").arg(preset.id));
    for (auto it = account.params.cbegin(); it != account.params.cend(); ++it)
        path.replace(u'{' + it.key() + u'}', QString::fromLatin1(QUrl::toPercentEncoding(it.value())));
    if (path.contains(u'{'))
        return fail(RequestFactoryText::tr("the probe path '%1' needs a parameter that is not set").arg(path));
    QString base = account.baseUrl.isEmpty() ? preset.defaultBaseUrl : account.baseUrl;
    while (base.endsWith(u'/'))
        base.chop(1);
    if (!path.startsWith(u'/'))
        path.prepend(u'/');
    const QUrl url(base + path, QUrl::StrictMode);
    if (const QString e = UrlPolicy::baseUrlError(base); !e.isEmpty())
        return fail(e);
    if (!url.isValid())
        return fail(RequestFactoryText::tr("the probe URL is invalid"));
    if (const QString e = UrlPolicy::transportError(url); !e.isEmpty())
        return fail(e);
    return url;
}

QByteArray probeMethod(const Account &account, const Preset &preset)
{
    if (account.probePath.isEmpty() && preset.probeMethod == u"HEAD")
        return QByteArrayLiteral("HEAD");
    return QByteArrayLiteral("GET");
}

QPair<QByteArray, QByteArray> authHeader(AuthScheme scheme, const QString &user, const QString &token)
{
    const QByteArray t = token.toLatin1();
    switch (scheme) {
    case AuthScheme::Bearer:
        return {QByteArrayLiteral("Authorization"), "Bearer " + t};
    case AuthScheme::Basic:
        return {QByteArrayLiteral("Authorization"), "Basic " + QByteArray(user.toUtf8() + ':' + t).toBase64()};
    case AuthScheme::PrivateToken:
        return {QByteArrayLiteral("PRIVATE-TOKEN"), t};
    case AuthScheme::ShopifyToken:
        return {QByteArrayLiteral("X-Shopify-Access-Token"), t};
    case AuthScheme::BotToken:
        return {QByteArrayLiteral("Authorization"), "Bot " + t};
    case AuthScheme::XApiKey:
        return {QByteArrayLiteral("x-api-key"), t};
    case AuthScheme::Ssws:
        return {QByteArrayLiteral("Authorization"), "SSWS " + t};
    case AuthScheme::ApiKey:
        return {QByteArrayLiteral("api-key"), t};
    case AuthScheme::None:
        break;
    }
    return {};
}

QNetworkRequest build(const QUrl &url, const QUrl &origin, const Account &account, const QString &token,
                      const ProbeOptions &options)
{
    QNetworkRequest req(url);
    // Redirects are followed by ProbeJob, which re-checks the origin of every hop.
    req.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    req.setAttribute(QNetworkRequest::CookieLoadControlAttribute, QNetworkRequest::Manual);
    req.setAttribute(QNetworkRequest::CookieSaveControlAttribute, QNetworkRequest::Manual);
    req.setAttribute(QNetworkRequest::CacheLoadControlAttribute, QNetworkRequest::AlwaysNetwork);
    req.setAttribute(QNetworkRequest::CacheSaveControlAttribute, false);
    req.setTransferTimeout(options.transferTimeoutMs);
    // Qt inflates compressed bodies itself; its bomb check (ratio > 40 for gzip/deflate, 100
    // for br/zstd, past this many inflated bytes; default 10 MiB) then fires at our cap, so a
    // gzip bomb never inflates beyond about the cap in memory.
    req.setDecompressedSafetyCheckThreshold(options.sizeCap);
    req.setMaximumRedirectsAllowed(0);
    req.setHeader(QNetworkRequest::UserAgentHeader,
                  QStringLiteral("Headroom/" HEADROOM_VERSION " (rate-limit monitor)"));
    req.setRawHeader(QByteArrayLiteral("Accept"), QByteArrayLiteral("application/json"));
    // The preset's fixed fields (an API version) go to every hop: they carry no secret.
    if (const Preset *preset = Preset::find(account.presetId)) {
        for (const auto &[name, value] : preset->extraHeaders)
            req.setRawHeader(name, value);
    }
    if (!options.caCertificates.isEmpty()) {
        QSslConfiguration ssl = QSslConfiguration::defaultConfiguration();
        ssl.setCaCertificates(options.caCertificates);
        req.setSslConfiguration(ssl);
    }
    QString cleaned;
    if (UrlPolicy::sameOrigin(url, origin) && UrlPolicy::transportError(url).isEmpty()
        && cleanToken(token, &cleaned).isEmpty()) {
        const auto h = authHeader(account.auth, account.username, cleaned);
        if (!h.first.isEmpty())
            req.setRawHeader(h.first, h.second);
    }
    return req;
}

} // namespace RequestFactory
