#pragma once

#include <QByteArray>
#include <QList>
#include <QTcpServer>
#include <QTcpSocket>

// A tiny HTTP/1.1 server on 127.0.0.1 that answers every request with one canned response and
// keeps the request heads it saw (so tests can check what was sent, e.g. the credential).
class LoopbackServer : public QTcpServer
{
    Q_OBJECT
public:
    explicit LoopbackServer(QByteArray response, QObject *parent = nullptr)
        : QTcpServer(parent)
        , m_response(std::move(response))
    {
        connect(this, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *s = nextPendingConnection()) {
                auto *buffer = new QByteArray;
                connect(s, &QTcpSocket::readyRead, s, [this, s, buffer] {
                    buffer->append(s->readAll());
                    if (buffer->size() > 64 * 1024) {
                        s->abort();
                        return;
                    }
                    if (!buffer->contains("\r\n\r\n"))
                        return;
                    m_requests.append(*buffer);
                    buffer->clear();
                    s->write(m_response);
                    s->flush();
                    s->disconnectFromHost();
                    Q_EMIT requestServed();
                });
                connect(s, &QTcpSocket::disconnected, s, [s, buffer] {
                    delete buffer;
                    s->deleteLater();
                });
            }
        });
    }

    bool start() { return listen(QHostAddress::LocalHost); }
    QString baseUrl() const { return QStringLiteral("http://127.0.0.1:%1").arg(serverPort()); }
    const QList<QByteArray> &requests() const { return m_requests; }

Q_SIGNALS:
    void requestServed();

private:
    QByteArray m_response;
    QList<QByteArray> m_requests;
};

// GitHub's GET /rate_limit answer: headers for the resource counted plus the JSON body.
inline QByteArray gitHubRateLimitResponse()
{
    const QByteArray body =
        R"({"resources":{"core":{"limit":5000,"used":1,"remaining":4999,"reset":1795435500},)"
        R"("search":{"limit":30,"used":0,"remaining":30,"reset":1795435260}},)"
        R"("rate":{"limit":5000,"used":1,"remaining":4999,"reset":1795435500}})";
    return "HTTP/1.1 200 OK\r\n"
           "Content-Type: application/json; charset=utf-8\r\n"
           "x-ratelimit-limit: 5000\r\n"
           "x-ratelimit-remaining: 4999\r\n"
           "x-ratelimit-reset: 1795435500\r\n"
           "x-ratelimit-used: 1\r\n"
           "x-ratelimit-resource: core\r\n"
           "Content-Length: "
        + QByteArray::number(body.size()) + "\r\nConnection: close\r\n\r\n" + body;
}
