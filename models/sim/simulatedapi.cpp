#include "simulatedapi.h"

#include <zlib.h>

#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <QPointer>
#include <QSslServer>
#include <QSslSocket>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>

#include <algorithm>
#include <cmath>

namespace {
constexpr int kMaxHead = 64 * 1024;

QByteArray httpDate(qint64 ms)
{
    return QLocale::c()
        .toString(QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC), u"ddd, dd MMM yyyy HH:mm:ss 'GMT'")
        .toLatin1();
}

QByteArray reason(int status)
{
    switch (status) {
    case 200: return "OK";
    case 301: return "Moved Permanently";
    case 302: return "Found";
    case 307: return "Temporary Redirect";
    case 308: return "Permanent Redirect";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 429: return "Too Many Requests";
    case 503: return "Service Unavailable";
    default: return "Status";
    }
}
} // namespace

QByteArray SimulatedApi::Request::header(QByteArrayView name) const
{
    for (const auto &h : headers)
        if (QByteArrayView(h.first).compare(name, Qt::CaseInsensitive) == 0)
            return h.second;
    return {};
}

SimulatedApi::SimulatedApi(QObject *parent)
    : QObject(parent)
{
}

SimulatedApi::~SimulatedApi() = default;

void SimulatedApi::setTls(const QSslCertificate &cert, const QSslKey &key)
{
    m_tls = true;
    m_cert = cert;
    m_key = key;
}

bool SimulatedApi::listen(const QHostAddress &address, quint16 port)
{
    if (m_tls) {
        auto *ssl = new QSslServer(this);
        QSslConfiguration c = QSslConfiguration::defaultConfiguration();
        c.setLocalCertificate(m_cert);
        c.setPrivateKey(m_key);
        c.setPeerVerifyMode(QSslSocket::VerifyNone);
        ssl->setSslConfiguration(c);
        ssl->setHandshakeTimeout(5000);
        m_server = ssl;
    } else {
        m_server = new QTcpServer(this);
    }
    m_startMs = QDateTime::currentMSecsSinceEpoch();
    m_server->setMaxPendingConnections(1000);
    connect(m_server, &QTcpServer::pendingConnectionAvailable, this, &SimulatedApi::onConnection);
    return m_server->listen(address, port);
}

quint16 SimulatedApi::port() const
{
    return m_server ? m_server->serverPort() : 0;
}

QString SimulatedApi::baseUrl() const
{
    const QHostAddress a = m_server->serverAddress();
    const QString host = a.protocol() == QAbstractSocket::IPv6Protocol ? u'[' + a.toString() + u']' : a.toString();
    return (m_tls ? QStringLiteral("https://") : QStringLiteral("http://")) + host + u':' + QString::number(port());
}

std::optional<SimulatedApi::Endpoint> SimulatedApi::endpoint(const QString &prefix) const
{
    for (const Endpoint &e : m_endpoints)
        if (e.prefix == prefix)
            return e;
    return std::nullopt;
}

void SimulatedApi::addEndpoint(const Endpoint &e)
{
    m_endpoints.append(e);
    // Longest prefix first, so routing is a linear scan.
    std::stable_sort(m_endpoints.begin(), m_endpoints.end(),
                     [](const Endpoint &a, const Endpoint &b) { return a.prefix.size() > b.prefix.size(); });
}

int SimulatedApi::requestCount(const QString &prefix) const
{
    int n = 0;
    for (const Request &r : m_requests)
        if (r.target.startsWith(prefix.toUtf8()))
            ++n;
    return n;
}

const SimulatedApi::Endpoint *SimulatedApi::route(const QByteArray &path) const
{
    for (const Endpoint &e : m_endpoints)
        if (path.startsWith(e.prefix.toUtf8()))
            return &e;
    return nullptr;
}

void SimulatedApi::onConnection()
{
    while (QTcpSocket *s = m_server->nextPendingConnection()) {
        ++m_open;
        m_maxConcurrent = std::max(m_maxConcurrent, m_open);
        s->setProperty("buf", QByteArray());
        connect(s, &QTcpSocket::readyRead, this, [this, s] { onReadyRead(s); });
        connect(s, &QTcpSocket::disconnected, this, [this, s] {
            --m_open;
            s->deleteLater();
        });
        if (s->bytesAvailable() > 0)
            onReadyRead(s);
    }
}

void SimulatedApi::onReadyRead(QTcpSocket *s)
{
    if (s->property("handled").toBool()) {
        s->readAll();
        return;
    }
    QByteArray buf = s->property("buf").toByteArray() + s->read(kMaxHead);
    const qsizetype end = buf.indexOf("\r\n\r\n");
    if (end < 0) {
        if (buf.size() >= kMaxHead)
            s->abort();
        else
            s->setProperty("buf", buf);
        return;
    }
    s->setProperty("handled", true);
    const QList<QByteArray> lines = buf.left(end).split('\n');
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
    Q_EMIT requestReceived(r.target);
    respond(s, r);
}

void SimulatedApi::consume(const QString &prefix, qint64 units)
{
    for (const Endpoint &e : std::as_const(m_endpoints))
        if (e.prefix == prefix) {
            qint64 rem, reset;
            account(e, m_quota[prefix], units, QDateTime::currentMSecsSinceEpoch(), &rem, &reset);
        }
}

void SimulatedApi::consumeBucket(const QString &bucket, qint64 units)
{
    for (const Endpoint &e : std::as_const(m_endpoints))
        if (std::find(e.tokenBuckets.cbegin(), e.tokenBuckets.cend(), bucket) != e.tokenBuckets.cend()) {
            qint64 rem, reset;
            account(e, m_quota[QStringLiteral("bucket:") + bucket], units, QDateTime::currentMSecsSinceEpoch(), &rem, &reset);
            return;
        }
}

QString SimulatedApi::bucketOf(const Endpoint &e, const Request &r)
{
    if (!e.bucketPerToken && e.tokenBuckets.isEmpty())
        return e.prefix;
    QByteArray credential;
    const QByteArray auth = r.header("Authorization").trimmed();
    if (!auth.isEmpty()) {
        const qsizetype space = auth.indexOf(' ');
        credential = space < 0 ? auth : auth.mid(space + 1).trimmed();
        if (space > 0 && QByteArrayView(auth.left(space)).compare("Basic", Qt::CaseInsensitive) == 0) {
            const QByteArray userAndPassword = QByteArray::fromBase64(credential);
            credential = userAndPassword.mid(userAndPassword.indexOf(':') + 1);
        }
    } else {
        for (const char *name : {"PRIVATE-TOKEN", "X-Api-Key", "Api-Key", "X-Shopify-Access-Token"}) {
            credential = r.header(name);
            if (!credential.isEmpty())
                break;
        }
    }
    if (credential.isEmpty())
        return e.prefix;
    if (const auto it = e.tokenBuckets.constFind(credential); it != e.tokenBuckets.cend())
        return QStringLiteral("bucket:") + *it;
    if (e.bucketPerToken)
        return e.prefix + QStringLiteral("#token:") + QString::fromLatin1(credential.toHex());
    return e.prefix;
}

bool SimulatedApi::modelled(const Endpoint &e)
{
    return e.jobEveryS > 0 || e.warmUpS > 0 || !e.consumerSteps.isEmpty() || e.consumerSwing > 0;
}

void SimulatedApi::roll(const Endpoint &e, QuotaState &q, qint64 startMs, qint64 now)
{
    const qint64 windowMs = std::max<qint64>(1, e.windowS) * 1000;
    switch (e.model) {
    case QuotaModel::FixedWindow: {
        const qint64 anchor = e.windowElapsedS >= 0 ? startMs - e.windowElapsedS * 1000 : 0;
        qint64 into = (now - anchor) % windowMs;
        if (into < 0)
            into += windowMs;
        const qint64 start = now - into;
        if (q.windowStartMs != start) {
            q.windowStartMs = start;
            q.usedInWindow = 0;
        }
        break;
    }
    case QuotaModel::SlidingWindow:
        while (!q.probes.isEmpty() && q.probes.first() <= now - windowMs)
            q.probes.removeFirst();
        break;
    case QuotaModel::TokenBucket:
        if (q.level < 0) {
            q.level = double(e.limit);
            q.levelAtMs = now;
        }
        q.level = std::min(double(e.limit), q.level + double(e.limit) / double(windowMs) * double(now - q.levelAtMs));
        q.levelAtMs = now;
        break;
    }
}

qint64 SimulatedApi::left(const Endpoint &e, const QuotaState &q)
{
    switch (e.model) {
    case QuotaModel::FixedWindow:
        return e.limit - q.usedInWindow;
    case QuotaModel::SlidingWindow:
        return e.limit - q.probes.size();
    case QuotaModel::TokenBucket:
        return qint64(std::floor(std::max(0.0, q.level)));
    }
    return 0;
}

void SimulatedApi::take(const Endpoint &e, QuotaState &q, qint64 units, qint64 now)
{
    switch (e.model) {
    case QuotaModel::FixedWindow:
        q.usedInWindow += units;
        break;
    case QuotaModel::SlidingWindow:
        for (qint64 i = 0; i < units; ++i)
            q.probes.append(now);
        break;
    case QuotaModel::TokenBucket:
        q.level -= double(units);
        break;
    }
}

qint64 SimulatedApi::resetOf(const Endpoint &e, const QuotaState &q, qint64 now)
{
    const qint64 windowMs = std::max<qint64>(1, e.windowS) * 1000;
    switch (e.model) {
    case QuotaModel::FixedWindow:
        return (q.windowStartMs + windowMs) / 1000;
    case QuotaModel::SlidingWindow:
        return (q.probes.isEmpty() ? now : q.probes.first() + windowMs) / 1000;
    case QuotaModel::TokenBucket:
        return (now + qint64((double(e.limit) - q.level) * double(windowMs) / double(e.limit))) / 1000;
    }
    return now / 1000;
}

// What the consumers ask for in (fromMs, toMs]: their rate piece by piece between its steps,
// each piece scaled by the daily rhythm integrated in closed form (a cosine's integral is a sine).
double SimulatedApi::consumersBetween(const Endpoint &e, qint64 startMs, qint64 fromMs, qint64 toMs)
{
    if (toMs <= fromMs)
        return 0;
    const double swing = std::clamp(e.consumerSwing, 0.0, 1.0);
    constexpr double kRadPerMs = 2 * M_PI / (24.0 * 3600 * 1000);
    // Seconds of the rhythm's factor over (a, b]: 1 at startMs, 1 - swing half a day away.
    auto seconds = [&](qint64 a, qint64 b) {
        const double plain = double(b - a) / 1000.0;
        if (swing <= 0)
            return plain;
        const double wave = (std::sin(kRadPerMs * double(b - startMs)) - std::sin(kRadPerMs * double(a - startMs)))
            / kRadPerMs / 1000.0;
        return (1 - swing / 2) * plain + swing / 2 * wave;
    };
    double units = 0;
    double rate = e.consumerRate;
    qint64 at = fromMs;
    for (const auto &[sinceS, next] : e.consumerSteps) {
        const qint64 stepMs = startMs + sinceS * 1000;
        if (stepMs >= toMs)
            break;
        if (stepMs > at) {
            units += rate * seconds(at, stepMs);
            at = stepMs;
        }
        rate = next;
    }
    return units + rate * seconds(at, toMs);
}

// What the consumers and the job ask for in (fromMs, toMs]: the job's share is the time it runs
// within that span, so steps that straddle a run's start or end count only their part of it.
double SimulatedApi::demandBetween(const Endpoint &e, qint64 startMs, qint64 fromMs, qint64 toMs)
{
    double units = consumersBetween(e, startMs, fromMs, toMs);
    if (e.jobEveryS > 0 && e.jobS > 0) {
        const qint64 everyMs = e.jobEveryS * 1000;
        const qint64 runMs = std::min(e.jobS * 1000, everyMs);
        // Milliseconds of running since the first run began (negative before it).
        auto ranMs = [&](qint64 at) {
            const qint64 x = at - startMs - e.jobOffsetS * 1000;
            qint64 k = x / everyMs;
            qint64 r = x % everyMs;
            if (r < 0) {
                r += everyMs;
                --k;
            }
            return double(k) * double(runMs) + double(std::min(r, runMs));
        };
        units += e.jobRate * (ranMs(toMs) - ranMs(fromMs)) / 1000.0;
    }
    return units;
}

// Second by second: a job's burst and the refill or expiry between requests happen in their
// order, which one lump at the next request would get wrong for a quota that moves in bursts.
void SimulatedApi::advance(const Endpoint &e, QuotaState &q, qint64 startMs, qint64 now)
{
    constexpr qint64 kStepMs = 1000;
    if (q.lastConsumerMs < 0)
        q.lastConsumerMs = (startMs > 0 ? std::min(startMs, now) : now) - e.warmUpS * 1000;
    // After a long silence two windows of it decide the state; older seconds are skipped.
    q.lastConsumerMs = std::max(q.lastConsumerMs, now - std::max<qint64>(e.windowS, e.warmUpS) * 2 * 1000);
    // The last step ends at `now`: a job running then has taken what refilled since the last
    // full second, as a client sending all the time would have.
    while (q.lastConsumerMs < now) {
        const qint64 t = std::min(q.lastConsumerMs + kStepMs, now);
        q.consumerCarry += demandBetween(e, startMs, q.lastConsumerMs, t);
        const qint64 want = qint64(q.consumerCarry);
        q.consumerCarry -= double(want);
        roll(e, q, startMs, t);
        take(e, q, std::min(want, left(e, q)), t);
        q.lastConsumerMs = t;
    }
    roll(e, q, startMs, now);
}

void SimulatedApi::account(const Endpoint &e, QuotaState &q, qint64 spend, qint64 now, qint64 *remaining,
                           qint64 *resetS)
{
    if (modelled(e)) {
        advance(e, q, m_startMs, now);
    } else {
        // Background consumers at a steady rate, accounted lazily at the moment of each request.
        if (q.lastConsumerMs < 0)
            q.lastConsumerMs = now;
        q.consumerCarry += e.consumerRate * double(now - q.lastConsumerMs) / 1000.0;
        q.lastConsumerMs = now;
        const qint64 consumed = qint64(q.consumerCarry);
        q.consumerCarry -= double(consumed);
        roll(e, q, m_startMs, now);
        take(e, q, std::min(consumed, left(e, q)), now);
    }
    // A request beyond the quota is refused and spends nothing; a sliding window takes what fits.
    const qint64 room = left(e, q);
    take(e, q, e.model == QuotaModel::SlidingWindow ? std::min(spend, room) : (spend <= room ? spend : 0), now);
    *remaining = left(e, q);
    *resetS = resetOf(e, q, now);
}

QList<SimulatedApi::QuotaPoint> SimulatedApi::replay(const Endpoint &e, qint64 startMs, qint64 fromMs, qint64 toMs,
                                                     qint64 stepS)
{
    QList<QuotaPoint> out;
    QuotaState q;
    q.lastConsumerMs = fromMs - e.warmUpS * 1000;
    for (qint64 t = fromMs; t <= toMs; t += std::max<qint64>(1, stepS) * 1000) {
        advance(e, q, startMs, t);
        out.append({t, left(e, q), resetOf(e, q, t)});
    }
    return out;
}

void SimulatedApi::respond(QTcpSocket *s, const Request &r)
{
    const QByteArray path = r.target.left(r.target.indexOf('?') < 0 ? r.target.size() : r.target.indexOf('?'));
    const Endpoint *ep = route(path);
    if (!ep) {
        s->write("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
        s->disconnectFromHost();
        return;
    }
    const Endpoint &e = *ep;
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const qint64 serverNow = now + e.dateSkewS * 1000;
    QByteArray contentType = "application/json";
    auto send = [&](int status, const QList<QPair<QByteArray, QByteArray>> &fields, const QByteArray &body) {
        QByteArray out = "HTTP/1.1 " + QByteArray::number(status) + ' ' + reason(status) + "\r\n";
        out += "Date: " + httpDate(serverNow) + "\r\n";
        for (const auto &f : fields)
            out += f.first + ": " + f.second + "\r\n";
        for (const auto &f : e.extraHeaders)
            out += f.first + ": " + f.second + "\r\n";
        out += "Content-Type: " + contentType + "\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n";
        if (!m_keepAlive)
            out += "Connection: close\r\n";
        s->write(out + "\r\n" + body);
        if (m_keepAlive) {
            // Ready for the next request on this connection.
            s->setProperty("handled", false);
            s->setProperty("buf", QByteArray());
        } else {
            s->disconnectFromHost();
        }
    };

    switch (e.fault) {
    case Fault::Hang:
        return;
    case Fault::HeadersThenSilence:
        s->write("HTTP/1.1 200 OK\r\nContent-Length: 100\r\nX-RateLimit-Limit: 100\r\n\r\n");
        return;
    case Fault::TrickleHeaders:
        return trickle(s, "HTTP/1.1 200 OK\r\nX-RateLimit-Limit: 100\r\nX-RateLimit-Remaining: 50\r\n"
                          "Content-Length: 0\r\n\r\n", e.trickleMs);
    case Fault::DripBody:
        s->write("HTTP/1.1 200 OK\r\nX-RateLimit-Limit: 100\r\nContent-Length: 100000\r\n\r\n");
        return trickle(s, QByteArray(100000, 'x'), e.trickleMs);
    case Fault::HugeBody: {
        QByteArray h = "HTTP/1.1 200 OK\r\nX-RateLimit-Limit: 100\r\nX-RateLimit-Remaining: 42\r\n";
        if (e.contentLength)
            h += "Content-Length: " + QByteArray::number(e.hugeBytes) + "\r\n";
        s->write(h + "Connection: close\r\n\r\n");
        return pump(s, e.hugeBytes);
    }
    case Fault::HugeHeader: {
        s->write("HTTP/1.1 200 OK\r\nX-Huge: ");
        s->setProperty("tail", QByteArray("\r\nContent-Length: 0\r\n\r\n"));
        return pump(s, e.hugeBytes);
    }
    case Fault::ManyHeaders: {
        QByteArray h = "HTTP/1.1 200 OK\r\n";
        const qint64 n = e.hugeBytes / 16;
        h.reserve(n * 16);
        for (qint64 i = 0; i < n; ++i)
            h += "X-F" + QByteArray::number(i) + ": v\r\n";
        s->write(h + "Content-Length: 0\r\n\r\n");
        s->disconnectFromHost();
        return;
    }
    case Fault::Redirect:
        return send(e.redirectStatus, {{"Location", e.redirectTarget.toUtf8()}}, {});
    case Fault::MalformedHeaders:
        s->write("HTTP/1.1 200 OK\r\nX-RateLimit-Limit: -5\r\nX-RateLimit-Remaining: 10, 99999999999999999999999, -5\r\n"
                 "X-RateLimit-Reset: soon\r\nBroken header line without colon\r\nContent-Length: 0\r\n"
                 "Connection: close\r\n\r\n");
        s->disconnectFromHost();
        return;
    case Fault::Unauthorized:
        return send(401, {}, R"({"message":"Bad credentials"})");
    case Fault::ServerError:
        return send(503, {{"Retry-After", "0"}}, R"({"message":"unavailable"})");
    case Fault::SecondaryLimit:
        return send(403, {{"x-ratelimit-limit", "5000"}, {"x-ratelimit-remaining", "4990"},
                          {"x-ratelimit-used", "10"}, {"x-ratelimit-resource", "core"}, {"retry-after", "60"}},
                    R"({"message":"You have exceeded a secondary rate limit. Please wait a few minutes before you try again."})");
    case Fault::GhesUnlimited:
        return send(404, {}, R"({"message":"Rate limiting is not enabled.","documentation_url":"https://docs.github.com"})");
    case Fault::ShortBody:
        s->write("HTTP/1.1 200 OK\r\nX-RateLimit-Limit: 100\r\nX-RateLimit-Remaining: 7\r\nContent-Length: 1000\r\n\r\n0123456789");
        s->flush();
        s->disconnectFromHost();
        return;
    case Fault::GzipBomb: {
        const QByteArray bomb = gzipZeros(e.hugeBytes);
        s->write("HTTP/1.1 200 OK\r\nX-RateLimit-Limit: 100\r\nX-RateLimit-Remaining: 42\r\n"
                 "Content-Type: application/json\r\nContent-Encoding: gzip\r\nContent-Length: "
                 + QByteArray::number(bomb.size()) + "\r\nConnection: close\r\n\r\n" + bomb);
        s->disconnectFromHost();
        return;
    }
    case Fault::ResetMidHeaders:
        s->write("HTTP/1.1 200 OK\r\nX-RateLimit-Li");
        s->flush();
        QTimer::singleShot(50, s, [s] { s->abort(); });
        return;
    case Fault::None:
        break;
    }

    QuotaState &q = m_quota[bucketOf(e, r)];
    const bool freeProbe = e.dialect == Dialect::GitHub && path.endsWith("/rate_limit");
    qint64 remaining = 0, reset = 0;
    // A request beyond the quota is refused and spends nothing.
    account(e, q, freeProbe ? 0 : e.probeCost, now, &remaining, &reset);
    const bool exhausted = remaining <= 0;
    const qint64 serverReset = reset + e.dateSkewS;
    const qint64 resetDelta = std::max<qint64>(0, reset - now / 1000);
    const QByteArray L = QByteArray::number(e.limit), R = QByteArray::number(remaining),
                     U = QByteArray::number(e.limit - remaining);
    QList<QPair<QByteArray, QByteArray>> f;
    QByteArray body = "{}";
    int status = 200;
    switch (e.dialect) {
    case Dialect::GitHub:
        f = {{"x-ratelimit-limit", L}, {"x-ratelimit-remaining", R}, {"x-ratelimit-used", U},
             {"x-ratelimit-reset", QByteArray::number(serverReset)}, {"x-ratelimit-resource", "core"}};
        if (freeProbe) {
            QJsonObject core{{QStringLiteral("limit"), e.limit}, {QStringLiteral("used"), e.limit - remaining}, {QStringLiteral("remaining"), remaining},
                             {QStringLiteral("reset"), serverReset}};
            QJsonObject search{{QStringLiteral("limit"), 30}, {QStringLiteral("used"), 0}, {QStringLiteral("remaining"), 30},
                               {QStringLiteral("reset"), serverNow / 1000 + 60}};
            body = QJsonDocument(QJsonObject{{QStringLiteral("resources"), QJsonObject{{QStringLiteral("core"), core}, {QStringLiteral("search"), search}}},
                                             {QStringLiteral("rate"), core}})
                       .toJson(QJsonDocument::Compact);
        }
        if (exhausted && !freeProbe) {
            status = e.exhaustedStatus ? e.exhaustedStatus : 403;
            body = R"({"message":"API rate limit exceeded"})";
        }
        break;
    case Dialect::GitLab:
        f = {{"RateLimit-Limit", L}, {"RateLimit-Observed", U}, {"RateLimit-Remaining", R},
             {"RateLimit-Reset", QByteArray::number(serverReset)}, {"RateLimit-Name", "throttle_authenticated_api"}};
        if (exhausted) {
            f.append({"RateLimit-ResetTime", httpDate(serverReset * 1000)});
            f.append({"Retry-After", QByteArray::number(resetDelta)});
        }
        break;
    case Dialect::Bitbucket:
        f = {{"X-RateLimit-Limit", L}, {"X-RateLimit-Resource", "api"},
             {"X-RateLimit-NearLimit", remaining * 5 < e.limit ? "true" : "false"}};
        break;
    case Dialect::Buildkite:
        f = {{"RateLimit-Limit", L}, {"RateLimit-Remaining", R}, {"RateLimit-Reset", QByteArray::number(resetDelta)}};
        break;
    case Dialect::Ietf:
        f = {{"RateLimit-Policy", "\"default\";q=" + L + ";w=" + QByteArray::number(e.windowS)},
             {"RateLimit", "\"default\";r=" + R + ";t=" + QByteArray::number(resetDelta)}};
        break;
    case Dialect::Generic:
        f = {{"X-RateLimit-Limit", L}, {"X-RateLimit-Remaining", R}, {"X-RateLimit-Reset", QByteArray::number(serverReset)}};
        break;
    }
    if (!e.quotaHeaders)
        f.clear();
    if (exhausted && e.dialect != Dialect::GitHub) {
        status = e.exhaustedStatus ? e.exhaustedStatus : 429;
        if (e.dialect == Dialect::Bitbucket) {
            // Bitbucket names no wait, whatever the credential: no Retry-After, a plain sentence.
            contentType = "text/plain";
            body = "Rate limit for this resource has been exceeded";
        } else if (e.dialect != Dialect::GitLab && e.quotaHeaders) {
            f.append({"Retry-After", QByteArray::number(std::max<qint64>(1, resetDelta))});
        }
    }
    if (r.method == "HEAD")
        body.clear();
    send(status, f, body);
}

// gzip of `n` zero bytes, deflated in 64 KiB steps so the plain text never exists in memory;
// the last few sizes are kept, a test asks for the same bomb many times.
QByteArray SimulatedApi::gzipZeros(qint64 n)
{
    static QHash<qint64, QByteArray> cache;
    if (auto it = cache.constFind(n); it != cache.cend())
        return *it;
    z_stream z{};
    if (deflateInit2(&z, 9, Z_DEFLATED, 15 + 16, 9, Z_DEFAULT_STRATEGY) != Z_OK)
        return {};
    static const QByteArray zeros(64 * 1024, '\0');
    QByteArray out;
    char buf[16 * 1024];
    qint64 left = n;
    int flush = Z_NO_FLUSH;
    do {
        const qint64 chunk = std::min<qint64>(left, zeros.size());
        z.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(zeros.constData()));
        z.avail_in = uInt(chunk);
        left -= chunk;
        flush = left == 0 ? Z_FINISH : Z_NO_FLUSH;
        do {
            z.next_out = reinterpret_cast<Bytef *>(buf);
            z.avail_out = sizeof buf;
            deflate(&z, flush);
            out.append(buf, qsizetype(sizeof buf - z.avail_out));
        } while (z.avail_out == 0);
    } while (flush != Z_FINISH);
    deflateEnd(&z);
    if (cache.size() > 4)
        cache.clear();
    cache.insert(n, out);
    return out;
}

void SimulatedApi::trickle(QTcpSocket *s, QByteArray data, int everyMs)
{
    auto *t = new QTimer(s);
    auto pos = std::make_shared<qsizetype>(0);
    connect(t, &QTimer::timeout, s, [s, t, data, pos] {
        if (*pos >= data.size() || s->state() != QAbstractSocket::ConnectedState) {
            t->stop();
            return;
        }
        s->write(data.mid((*pos)++, 1));
    });
    t->start(everyMs);
}

void SimulatedApi::pump(QTcpSocket *s, qint64 total)
{
    // Writes as the client drains, so a 200 MiB body never sits in our memory.
    auto left = std::make_shared<qint64>(total);
    auto feed = [s, left] {
        static const QByteArray chunk(64 * 1024, 'a');
        while (*left > 0 && s->bytesToWrite() < 1024 * 1024 && s->state() == QAbstractSocket::ConnectedState) {
            const qint64 n = std::min<qint64>(*left, chunk.size());
            s->write(chunk.constData(), n);
            *left -= n;
        }
        if (*left == 0) {
            *left = -1;
            const QByteArray tail = s->property("tail").toByteArray();
            if (!tail.isEmpty())
                s->write(tail);
            s->disconnectFromHost();
        }
    };
    connect(s, &QTcpSocket::bytesWritten, s, feed);
    feed();
}

QList<QPair<QString, QString>> SimulatedApi::startDemo(QObject *parent, SimulatedApi **server)
{
    auto *api = new SimulatedApi(parent);
    struct Row
    {
        const char *preset;
        const char *prefix;
        Dialect dialect;
        QuotaModel model;
        qint64 limit, window;
        double rate;
    };
    const Row rows[] = {
        {"github", "/github", Dialect::GitHub, QuotaModel::FixedWindow, 5000, 3600, 1.0},
        {"gitlab", "/gitlab", Dialect::GitLab, QuotaModel::SlidingWindow, 2000, 60, 25.0},
        {"buildkite", "/buildkite", Dialect::Buildkite, QuotaModel::FixedWindow, 200, 60, 2.5},
        {"bitbucket", "/bitbucket", Dialect::Bitbucket, QuotaModel::SlidingWindow, 1000, 3600, 0.2},
        {"cloudflare", "/ietf", Dialect::Ietf, QuotaModel::TokenBucket, 1200, 300, 3.0},
        {"generic", "/generic", Dialect::Generic, QuotaModel::FixedWindow, 600, 600, 0.9},
    };
    for (const Row &r : rows)
        api->addEndpoint(Endpoint::quota(QString::fromLatin1(r.prefix), r.dialect, r.model, r.limit, r.window, r.rate));
    QList<QPair<QString, QString>> out;
    if (!api->listen(QHostAddress::LocalHost))
        return out;
    for (const Row &r : rows)
        out.append({QString::fromLatin1(r.preset), api->baseUrl() + QString::fromLatin1(r.prefix)});
    if (server)
        *server = api;
    return out;
}
