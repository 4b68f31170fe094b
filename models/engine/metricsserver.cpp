#include "metricsserver.h"

#include "metricsregistry.h"

#include <QFile>
#include <QHttpServer>
#include <QHttpServerRequest>
#include <QHttpServerResponse>
#include <QSslCertificate>
#include <QSslKey>
#include <QTcpServer>
#include <QThreadPool>
#include <QtConcurrentRun>

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(MetricsServer)
};

QHttpServerResponse textResponse(const QByteArray &contentType, QByteArray body,
    QHttpServerResponse::StatusCode status = QHttpServerResponse::StatusCode::Ok)
{
    QHttpServerResponse response(contentType, std::move(body), status);
    // A scrape is always fresh; nothing in between may keep an old one.
    response.addHeader(QByteArrayLiteral("Cache-Control"), QByteArrayLiteral("no-store"));
    return response;
}

// Constant time in the length of the expected value, so the comparison tells nothing about
// how much of a guess was right.
bool sameSecret(const QByteArray &given, const QByteArray &expected)
{
    unsigned char diff = given.size() == expected.size() ? 0 : 1;
    for (qsizetype i = 0; i < expected.size(); ++i)
        diff |= static_cast<unsigned char>(expected.at(i) ^ (i < given.size() ? given.at(i) : 0));
    return diff == 0;
}

} // namespace

MetricsServer::MetricsServer(MetricsRegistry *registry, std::function<bool()> healthy, QObject *parent)
    : QObject(parent)
    , m_registry(registry)
    , m_healthy(std::move(healthy))
    , m_server(std::make_unique<QHttpServer>())
    , m_renderer(std::make_unique<QThreadPool>())
{
    // One rendering at a time: scrapers that pile up wait their turn rather than take cores.
    m_renderer->setMaxThreadCount(1);
    m_server->route(
        QStringLiteral("/metrics"), QHttpServerRequest::Method::Get, [this](const QHttpServerRequest &request) {
            const bool allowed = authorised(request.value(QByteArrayLiteral("Authorization")));
            const MetricsRegistry::Format format
                = MetricsRegistry::negotiate(request.value(QByteArrayLiteral("Accept")));
            MetricsRegistry::Snapshot snapshot;
            if (allowed)
                snapshot = m_registry->snapshot();
            return QtConcurrent::run(m_renderer.get(), [allowed, format, snapshot = std::move(snapshot)] {
                if (!allowed)
                    return textResponse(QByteArrayLiteral("text/plain"), QByteArrayLiteral("unauthorised\n"),
                        QHttpServerResponse::StatusCode::Unauthorized);
                return textResponse(MetricsRegistry::contentType(format), MetricsRegistry::render(snapshot, format));
            });
        });
    m_server->route(
        QStringLiteral("/healthz"), QHttpServerRequest::Method::Get, [this](const QHttpServerRequest &request) {
            if (!authorised(request.value(QByteArrayLiteral("Authorization"))))
                return textResponse(QByteArrayLiteral("text/plain"), QByteArrayLiteral("unauthorised\n"),
                    QHttpServerResponse::StatusCode::Unauthorized);
            const bool ok = m_healthy && m_healthy();
            return textResponse(QByteArrayLiteral("text/plain"),
                ok ? QByteArrayLiteral("ok\n") : QByteArrayLiteral("monitor not ticking\n"),
                ok ? QHttpServerResponse::StatusCode::Ok : QHttpServerResponse::StatusCode::ServiceUnavailable);
        });
}

MetricsServer::~MetricsServer() = default;

std::optional<MetricsServer::Endpoint> MetricsServer::parseEndpoint(const QString &text, QString *error)
{
    auto fail = [&]() -> std::optional<Endpoint> {
        if (error)
            *error = Tr::tr("'%1' is not an address to listen on: give PORT, ADDRESS:PORT or [IPv6]:PORT, "
                            "e.g. 127.0.0.1:9464.")
                         .arg(text);
        return std::nullopt;
    };
    QString host;
    QString portText = text;
    if (text.startsWith(u'[')) {
        const qsizetype close = text.indexOf(u']');
        if (close < 0 || close + 1 >= text.size() || text.at(close + 1) != u':')
            return fail();
        host = text.mid(1, close - 1);
        portText = text.mid(close + 2);
    } else if (const qsizetype colon = text.lastIndexOf(u':'); colon >= 0) {
        host = text.left(colon);
        portText = text.mid(colon + 1);
        if (host.contains(u':'))
            return fail(); // an IPv6 literal needs its brackets
    }
    bool ok = false;
    const uint port = portText.toUInt(&ok);
    if (!ok || port > 65535)
        return fail();
    Endpoint e;
    e.port = quint16(port);
    if (host.isEmpty() || host == QStringLiteral("localhost"))
        e.address = QHostAddress(QHostAddress::LocalHost);
    else if (!e.address.setAddress(host))
        return fail();
    return e;
}

bool MetricsServer::setTls(const QString &certificatePath, const QString &keyPath, QString *error)
{
    auto read = [&](const QString &path, QByteArray *out) {
        QFile f(path);
        if (!f.open(QIODevice::ReadOnly)) {
            if (error)
                *error = Tr::tr("Cannot read %1: %2").arg(path, f.errorString());
            return false;
        }
        *out = f.readAll();
        return true;
    };
    QByteArray certPem;
    QByteArray keyPem;
    if (!read(certificatePath, &certPem) || !read(keyPath, &keyPem))
        return false;
    const QList<QSslCertificate> certs = QSslCertificate::fromData(certPem, QSsl::Pem);
    if (certs.isEmpty()) {
        if (error)
            *error = Tr::tr("%1 holds no PEM certificate.").arg(certificatePath);
        return false;
    }
    QSslKey key(keyPem, QSsl::Rsa, QSsl::Pem);
    if (key.isNull())
        key = QSslKey(keyPem, QSsl::Ec, QSsl::Pem);
    if (key.isNull()) {
        if (error)
            *error = Tr::tr("%1 holds no unencrypted PEM private key (RSA or EC).").arg(keyPath);
        return false;
    }
    m_server->sslSetup(certs.first(), key);
    return true;
}

bool MetricsServer::listen(const Endpoint &endpoint, QString *error)
{
    m_port = m_server->listen(endpoint.address, endpoint.port);
    if (m_port == 0) {
        if (error)
            *error = Tr::tr("Cannot listen on %1 port %2: the port is in use or the address is not this "
                            "machine's.")
                         .arg(endpoint.address.toString())
                         .arg(endpoint.port);
        return false;
    }
    return true;
}

bool MetricsServer::authorised(const QByteArray &authorization) const
{
    if (m_bearer.isEmpty())
        return true;
    static const QByteArray prefix = QByteArrayLiteral("Bearer ");
    if (!authorization.startsWith(prefix))
        return false;
    return sameSecret(authorization.mid(prefix.size()).trimmed(), m_bearer);
}
