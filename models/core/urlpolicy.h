#pragma once

#include <QString>
#include <QUrl>

// The transport rules every credentialed request obeys. They look
// only at the URL text, never at name resolution, so a check happens before any lookup.
namespace UrlPolicy {

// True when the host is an address literal in 127.0.0.0/8 or ::1. Never a name, not even
// `localhost`: a name is resolved after the check, by whatever the machine's resolver says.
bool isLoopbackLiteral(const QString &host);

// Empty when a token may travel to `url`: https, or http to a loopback address literal.
// Otherwise a user-readable reason (for http://localhost, a hint to write 127.0.0.1).
QString transportError(const QUrl &url);

// Validates an account base URL (absolute, https/http, no user info, no query/fragment).
QString baseUrlError(const QString &baseUrl);

// Same scheme, host (case-folded) and effective port.
bool sameOrigin(const QUrl &a, const QUrl &b);

// "scheme://host:port", the key managers and concurrency limits are grouped by.
QString originKey(const QUrl &url);

} // namespace UrlPolicy
