#pragma once

#include <QByteArray>
#include <QCoreApplication>
#include <QHostAddress>
#include <QObject>
#include <QString>

#include <functional>
#include <memory>

class MetricsRegistry;
class QHttpServer;
class QThreadPool;

// The HTTP side of `headroom watch --listen`: GET /metrics renders the registry (Prometheus
// text 0.0.4, or OpenMetrics 1.0 when the scraper's Accept asks for it) and GET /healthz
// answers 200 while the monitor is healthy, 503 otherwise. Optionally TLS and a bearer token
// that every request must present; the token is compared in constant time and never logged.
// /metrics is rendered on a thread of its own from a snapshot of the registry, so a scrape of
// thousands of accounts never holds up the probes on the monitor's thread.
class MetricsServer : public QObject
{
    Q_OBJECT
public:
    // `registry` is not owned. `healthy` decides /healthz.
    MetricsServer(MetricsRegistry *registry, std::function<bool()> healthy, QObject *parent = nullptr);
    ~MetricsServer() override;

    struct Endpoint
    {
        QHostAddress address;
        quint16 port = 0;
    };
    // "PORT" (loopback), "ADDR:PORT" or "[IPv6]:PORT"; an address literal, or "localhost".
    // std::nullopt with *error in words when the text is none of these.
    static std::optional<Endpoint> parseEndpoint(const QString &text, QString *error);

    // Both PEM files; false with *error when either cannot be read or does not parse.
    bool setTls(const QString &certificatePath, const QString &keyPath, QString *error);
    // Every request must send "Authorization: Bearer <token>"; empty: no check.
    void setBearerToken(const QByteArray &token) { m_bearer = token; }

    // False with *error when the address cannot be bound.
    bool listen(const Endpoint &endpoint, QString *error);
    quint16 port() const { return m_port; }

private:
    bool authorised(const QByteArray &authorization) const;

    MetricsRegistry *m_registry;
    std::function<bool()> m_healthy;
    std::unique_ptr<QHttpServer> m_server;
    // Declared after the server, so destroyed first: it waits for a rendering in progress.
    std::unique_ptr<QThreadPool> m_renderer;
    QByteArray m_bearer;
    quint16 m_port = 0;
};
