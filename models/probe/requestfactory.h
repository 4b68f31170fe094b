#pragma once

#include "accounts/account.h"
#include "quota/preset.h"

#include <QByteArray>
#include <QList>
#include <QNetworkRequest>
#include <QPair>
#include <QSslCertificate>
#include <QString>
#include <QUrl>
#include <optional>

struct ProbeOptions
{
    int deadlineMs = 20000;         // whole probe, all hops: a drip cannot keep it alive
    int transferTimeoutMs = 10000;  // inactivity, per hop
    qint64 sizeCap = 256 * 1024;    // header bytes + body bytes
    int maxHops = 3;                // same-origin redirects followed
    QList<QSslCertificate> caCertificates; // empty: the system's; tests trust a test CA here
};

// The single place that builds requests that may carry a token.
// Nothing else in Headroom constructs a credentialed QNetworkRequest.
namespace RequestFactory {

// Surrounding whitespace trimmed; CR, LF, NUL, other control or non-ASCII characters rejected,
// so a token can never add a header line. Empty error when the token is usable.
QString cleanToken(const QString &raw, QString *cleaned);

// {base}{probe path}, with {param} placeholders filled (percent-encoded); nullopt + *error when
// the account cannot be probed. The transport rule (https, or http to a loopback literal) is
// checked here, on the URL, before any name lookup.
std::optional<QUrl> probeUrl(const Account &account, const Preset &preset, QString *error);
QByteArray probeMethod(const Account &account, const Preset &preset);

// The credential header for a scheme, or an empty pair for AuthScheme::None.
QPair<QByteArray, QByteArray> authHeader(AuthScheme scheme, const QString &user, const QString &token);

// A request to `url`. The credential is attached only when `url` has the same origin as
// `origin` (the account's base URL) and passes the transport rule.
QNetworkRequest build(const QUrl &url, const QUrl &origin, const Account &account, const QString &token,
                      const ProbeOptions &options);

} // namespace RequestFactory
