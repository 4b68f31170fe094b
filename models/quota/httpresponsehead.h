#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>
#include <optional>

// A status code and header lines as received, in order; a repeated name stays a repeated line.
struct HttpResponseHead
{
    std::optional<int> status;
    QList<QPair<QByteArray, QByteArray>> fields;

    // Case-insensitive lookup; repeated lines joined with ", " exactly as QNetworkReply::rawHeader does.
    std::optional<QByteArray> value(QByteArrayView name) const;
    bool has(QByteArrayView name) const { return value(name).has_value(); }

    // Parses "HTTP/1.1 200 OK\r\nName: value\r\n...\r\n\r\n" (CRLF or LF). Returns nullopt, with a
    // reason in *error, when the text is not an HTTP response head.
    static std::optional<HttpResponseHead> parse(QByteArrayView text, QString *error = nullptr);

    // Like parse(), for a whole response as `curl -i` prints it: interim 1xx heads are skipped,
    // and *body (when given) receives whatever follows the blank line that ends the head.
    static std::optional<HttpResponseHead> parseWithBody(QByteArrayView text, QByteArrayView *body,
                                                         QString *error = nullptr);
};
