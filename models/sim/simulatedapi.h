#pragma once

#include <QByteArray>
#include <QHash>
#include <QHostAddress>
#include <QList>
#include <QObject>
#include <QPair>
#include <QSslCertificate>
#include <QSslKey>
#include <QString>
#include <QStringList>

#include <optional>

class QTcpServer;
class QTcpSocket;

// A loopback HTTP/1.1 server that speaks each provider's rate-limit dialect with real quota
// accounting, background consumers that move the quota, and hostile fault modes. The demo runs
// the dashboard against it; the integration tests and the watch benchmark probe it.
class SimulatedApi : public QObject
{
    Q_OBJECT
public:
    enum class Dialect { GitHub, GitLab, Bitbucket, Buildkite, Ietf, Generic };
    enum class QuotaModel { FixedWindow, SlidingWindow, TokenBucket };
    enum class Fault {
        None,
        Hang,               // read the request, never answer
        HeadersThenSilence, // a full head announcing a body that never comes
        TrickleHeaders,     // the status line and headers one byte every trickleMs
        DripBody,           // a head, then the body one byte every trickleMs
        HugeBody,           // hugeBytes of body (Content-Length unless chunkless)
        HugeHeader,         // one header line of hugeBytes
        ManyHeaders,        // hugeBytes / 16 small header fields
        Redirect,           // redirectStatus to redirectTarget (absolute or relative)
        MalformedHeaders,   // garbage rate-limit values and a broken line
        Unauthorized,       // 401 Bad credentials
        ServerError,        // 503
        GhesUnlimited,      // GitHub Enterprise with rate limiting off
        ShortBody,          // Content-Length larger than what is sent, then close
        ResetMidHeaders,    // part of the head, then a connection reset
        GzipBomb,           // Content-Encoding: gzip; hugeBytes of zeros deflated to ~1/1000
        SecondaryLimit,     // GitHub's secondary rate limit: 403, retry-after, quota left
    };
    struct Endpoint
    {
        QString prefix;                 // path prefix, e.g. "/acct1"; longest match wins
        Dialect dialect = Dialect::GitHub;
        QuotaModel model = QuotaModel::FixedWindow;
        qint64 limit = 5000;
        qint64 windowS = 3600;
        double consumerRate = 0;        // units per second others spend
        qint64 probeCost = 1;           // units a request spends (GitHub /rate_limit: 0)
        Fault fault = Fault::None;
        QString redirectTarget;
        int redirectStatus = 302;
        int trickleMs = 500;
        qint64 hugeBytes = 200LL * 1024 * 1024;
        bool contentLength = true;      // for HugeBody
        int exhaustedStatus = 0;        // 0: the dialect's own (GitHub 403, others 429)
        qint64 dateSkewS = 0;           // the server's clock against ours
        QList<QPair<QByteArray, QByteArray>> extraHeaders;
        // A scheduled job on top of consumerRate (a CI poller, a catalog sync): every jobEveryS
        // seconds, the first jobOffsetS after listen(), it asks for jobRate units a second for
        // jobS seconds. What the quota refuses the job loses, as a real client's 429s.
        qint64 jobEveryS = 0;
        qint64 jobS = 0;
        double jobRate = 0;
        qint64 jobOffsetS = 0;
        // The quota starts as if its consumers and job had run this long before listen(),
        // so a sliding window is full of the past hour's traffic from the first request.
        qint64 warmUpS = 0;
        // false: the response carries no rate-limit fields at all (Bitbucket's answer to user
        // tokens, app passwords and OAuth consumers); the hidden quota is enforced all the same.
        bool quotaHeaders = true;
        // The consumers' rate changes at these instants: from listen() + first seconds on
        // (negative: before listen()), others spend `second` units a second instead of
        // consumerRate. Sorted by time. A story with a before and an after ("the load balancer
        // sends everything to one token since 40 minutes ago") replays and runs on from it.
        QList<QPair<qint64, double>> consumerSteps;
        // A daily rhythm on the consumers (steps included): their rate is scaled by 1 at
        // listen() and by 1 - consumerSwing twelve hours away from it, along a cosine, so a
        // replayed day has quiet and busy hours and the live rate is the stated one.
        double consumerSwing = 0;
        // FixedWindow: how far into its window the quota is at listen(), so the next reset comes
        // when a story needs it. -1: windows aligned to the epoch (an hourly one resets on the hour).
        qint64 windowElapsedS = -1;

        // Buckets. By default every request to the endpoint draws from one bucket, the
        // endpoint's own (what consume() spends). With bucketPerToken each credential has its
        // own (independent tokens on one API). tokenBuckets names the bucket of a credential:
        // credentials naming one bucket share it, on this endpoint or any other, so two tokens
        // of one user see the same limit, remaining and reset and both spend it (GitHub counts
        // all of a user's tokens against one 5,000/h). A credential is the token as the account
        // holds it: the Authorization value after its scheme (for Basic, the password), else the
        // value of PRIVATE-TOKEN, X-Api-Key, Api-Key or X-Shopify-Access-Token. The quota's
        // model, limit, window and consumers are those of the endpoint serving the request:
        // endpoints that share a bucket should agree on them.
        bool bucketPerToken = false;
        QHash<QByteArray, QString> tokenBuckets;

        // A healthy endpoint with its quota: the fields every scenario sets.
        static Endpoint quota(const QString &prefix, Dialect dialect, QuotaModel model, qint64 limit,
                              qint64 windowS, double consumerRate)
        {
            Endpoint e;
            e.prefix = prefix;
            e.dialect = dialect;
            e.model = model;
            e.limit = limit;
            e.windowS = windowS;
            e.consumerRate = consumerRate;
            return e;
        }
    };
    struct Request
    {
        QByteArray method;
        QByteArray target;
        QList<QPair<QByteArray, QByteArray>> headers;
        QByteArray header(QByteArrayView name) const;
    };

    explicit SimulatedApi(QObject *parent = nullptr);
    ~SimulatedApi() override;

    // Keeps connections open between answers (HTTP/1.1 persistent connections, as real APIs
    // do) instead of "Connection: close" after each. Off by default: tests that count open
    // connections as concurrent requests rely on one connection per request.
    void setKeepAlive(bool on) { m_keepAlive = on; }

    // TLS when a certificate is set before listen().
    void setTls(const QSslCertificate &cert, const QSslKey &key);
    bool listen(const QHostAddress &address = QHostAddress::LocalHost, quint16 port = 0);
    quint16 port() const;
    QString baseUrl() const; // "http(s)://127.0.0.1:PORT"

    void addEndpoint(const Endpoint &e);
    std::optional<Endpoint> endpoint(const QString &prefix) const;
    // Spends `units` of an endpoint's own bucket now, as another client would.
    void consume(const QString &prefix, qint64 units);
    // The same for a bucket named in Endpoint::tokenBuckets, with the quota of the first
    // endpoint that names it.
    void consumeBucket(const QString &bucket, qint64 units);

    // One instant of a replayed quota: what is left and when the quota resets (s since the
    // epoch; for a token bucket, when it is full again).
    struct QuotaPoint
    {
        qint64 atMs = 0;
        qint64 remaining = 0;
        qint64 resetS = 0;
    };
    // What the endpoint's consumers and job alone leave of its quota, every stepS seconds from
    // fromMs to toMs (ms since the epoch), as the live server accounts it when started at
    // startMs: a day of the same story for a history that has to agree with the live answers.
    // From the warm-up on, the live quota at an instant is the replayed one at that instant,
    // less what requests spent.
    static QList<QuotaPoint> replay(const Endpoint &e, qint64 startMs, qint64 fromMs, qint64 toMs, qint64 stepS);
    // When listen() started the server: the instant scheduled jobs count from.
    qint64 startedAtMs() const { return m_startMs; }

    QList<Request> requests() const { return m_requests; }
    int requestCount(const QString &prefix = {}) const;
    void clearRequests() { m_requests.clear(); }
    int maxConcurrent() const { return m_maxConcurrent; }
    int openConnections() const { return m_open; }

    // The demo: a server on 127.0.0.1 with one endpoint per dialect. Returns (preset id, base URL)
    // pairs, one per demo account; the server is owned by `parent`.
    static QList<QPair<QString, QString>> startDemo(QObject *parent, SimulatedApi **server = nullptr);

Q_SIGNALS:
    void requestReceived(const QByteArray &target);

private:
    struct QuotaState
    {
        qint64 epochStartMs = 0;
        double level = -1;       // token bucket
        qint64 levelAtMs = 0;
        qint64 windowStartMs = -1;
        qint64 usedInWindow = 0;
        QList<qint64> probes;    // sliding window
        qint64 lastConsumerMs = -1;
        double consumerCarry = 0;
    };
    void onConnection();
    void onReadyRead(QTcpSocket *s);
    void respond(QTcpSocket *s, const Request &r);
    const Endpoint *route(const QByteArray &path) const;
    // The key of the bucket a request draws from (m_quota).
    static QString bucketOf(const Endpoint &e, const Request &r);
    void account(const Endpoint &e, QuotaState &q, qint64 spend, qint64 nowMs, qint64 *remaining, qint64 *resetS);
    // The quota model, shared by the live server and replay().
    static bool modelled(const Endpoint &e);
    static void roll(const Endpoint &e, QuotaState &q, qint64 startMs, qint64 nowMs);
    static qint64 left(const Endpoint &e, const QuotaState &q);
    static void take(const Endpoint &e, QuotaState &q, qint64 units, qint64 nowMs);
    static qint64 resetOf(const Endpoint &e, const QuotaState &q, qint64 nowMs);
    static double consumersBetween(const Endpoint &e, qint64 startMs, qint64 fromMs, qint64 toMs);
    static double demandBetween(const Endpoint &e, qint64 startMs, qint64 fromMs, qint64 toMs);
    static void advance(const Endpoint &e, QuotaState &q, qint64 startMs, qint64 nowMs);
    void trickle(QTcpSocket *s, QByteArray data, int everyMs);
    void pump(QTcpSocket *s, qint64 total);
    static QByteArray gzipZeros(qint64 n);

    QTcpServer *m_server = nullptr;
    bool m_tls = false;
    bool m_keepAlive = false;
    qint64 m_startMs = 0;
    QSslCertificate m_cert;
    QSslKey m_key;
    QList<Endpoint> m_endpoints;
    QHash<QString, QuotaState> m_quota;
    QList<Request> m_requests;
    int m_open = 0;
    int m_maxConcurrent = 0;
};
