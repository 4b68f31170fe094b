#pragma once

#include <QByteArray>
#include <QHash>
#include <QHostAddress>
#include <QList>
#include <QPair>
#include <QString>
#include <QTcpServer>
#include <QTcpSocket>

#include <functional>

// A loopback HTTP/1.1 server that records each request exactly as it arrived (request line and
// header fields) and answers with a canned response: what a provider sends when the simulator
// has no dialect for it, or sends nothing at all (a Bitbucket user token).
class CannedServer
{
public:
    struct Request
    {
        QByteArray method;
        QByteArray target;
        QList<QPair<QByteArray, QByteArray>> headers;

        // The values of every field named `name` (case-insensitive), in order.
        QList<QByteArray> values(QByteArrayView name) const
        {
            QList<QByteArray> out;
            for (const auto &h : headers)
                if (h.first.compare(name, Qt::CaseInsensitive) == 0)
                    out.append(h.second);
            return out;
        }
        QByteArray value(QByteArrayView name) const { return values(name).value(0); }
    };
    struct Response
    {
        int status = 200;
        QList<QPair<QByteArray, QByteArray>> headers;
        QByteArray body = "{}";
    };

    CannedServer()
    {
        QObject::connect(&m_server, &QTcpServer::newConnection, &m_server, [this] {
            while (QTcpSocket *s = m_server.nextPendingConnection()) {
                QObject::connect(s, &QTcpSocket::readyRead, s, [this, s] { onReadyRead(s); });
                QObject::connect(s, &QTcpSocket::disconnected, s, &QObject::deleteLater);
            }
        });
    }

    bool listen() { return m_server.listen(QHostAddress::LocalHost, 0); }
    QString baseUrl() const { return QStringLiteral("http://127.0.0.1:%1").arg(m_server.serverPort()); }

    void setResponse(const Response &r) { m_response = r; }
    // Per-request answers (the response for the n-th request, counting from 0).
    void setResponder(std::function<Response(const Request &, int)> f) { m_responder = std::move(f); }

    const QList<Request> &requests() const { return m_requests; }
    void clear() { m_requests.clear(); }

private:
    void onReadyRead(QTcpSocket *s)
    {
        QByteArray &buf = m_buffers[s];
        buf += s->readAll();
        const qsizetype end = buf.indexOf("\r\n\r\n");
        if (end < 0)
            return;
        const QList<QByteArray> lines = buf.left(end).split('\n');
        m_buffers.remove(s);
        Request r;
        const QList<QByteArray> first = lines.value(0).trimmed().split(' ');
        r.method = first.value(0);
        r.target = first.value(1);
        for (qsizetype i = 1; i < lines.size(); ++i) {
            const QByteArray line = lines.at(i).trimmed();
            const qsizetype colon = line.indexOf(':');
            if (colon > 0)
                r.headers.append({line.left(colon).trimmed(), line.mid(colon + 1).trimmed()});
        }
        m_requests.append(r);
        const Response resp = m_responder ? m_responder(r, int(m_requests.size()) - 1) : m_response;
        QByteArray out = "HTTP/1.1 " + QByteArray::number(resp.status) + " Canned\r\n";
        for (const auto &h : resp.headers)
            out += h.first + ": " + h.second + "\r\n";
        const QByteArray body = r.method == "HEAD" ? QByteArray() : resp.body;
        out += "Content-Type: application/json\r\nContent-Length: " + QByteArray::number(resp.body.size())
               + "\r\nConnection: close\r\n\r\n" + body;
        s->write(out);
        s->disconnectFromHost();
    }

    QTcpServer m_server;
    Response m_response;
    std::function<Response(const Request &, int)> m_responder;
    QList<Request> m_requests;
    QHash<QTcpSocket *, QByteArray> m_buffers;
};
