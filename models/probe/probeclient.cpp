#include "probeclient.h"

#include "core/clock.h"
#include "core/urlpolicy.h"
#include "quota/headerengine.h"
#include "quota/headervalues.h"

#include <QCoreApplication>
#include <QNetworkAccessManager>
#include <QNetworkProxyFactory>
#include <QNetworkReply>
#include <QTimer>
#include <QTimerEvent>

// ---------------------------------------------------------------------------------------------

ProbeClient::ProbeClient(QObject *parent)
    : QObject(parent)
{
    QNetworkProxyFactory::setUseSystemConfiguration(true);
}

ProbeClient::~ProbeClient() = default;

QNetworkAccessManager *ProbeClient::managerFor(const QUrl &url)
{
    const QString key = UrlPolicy::originKey(url);
    QNetworkAccessManager *&m = m_managers[key];
    if (!m) {
        m = new QNetworkAccessManager(this);
        m->setRedirectPolicy(QNetworkRequest::ManualRedirectPolicy);
        m->setAutoDeleteReplies(false);
        m->setCookieJar(nullptr);
    }
    return m;
}

void ProbeClient::clearConnections()
{
    for (QNetworkAccessManager *m : std::as_const(m_managers)) {
        m->clearConnectionCache();
        m->clearAccessCache();
    }
}

ProbeJob *ProbeClient::probe(const Account &account, const QString &token)
{
    auto *job = new ProbeJob(this, account, token);
    QTimer::singleShot(0, job, &ProbeJob::start);
    return job;
}

static bool hasRateLimitSignal(const QuotaReading &r)
{
    if (r.throttled || r.retryAfterS)
        return true;
    for (const Quota &q : r.quotas)
        if (q.remaining && *q.remaining <= 0)
            return true;
    return false;
}

Exchange ProbeClient::exchangeOf(const QuotaReading &reading, const QByteArray &body)
{
    const int status = reading.status.value_or(0);
    if (status == 401)
        return Exchange::AuthFailed;
    if (reading.rateLimitingDisabled
        || (status == 404 && body.contains("Rate limiting is not enabled")))
        return Exchange::Unlimited;
    if (status == 429 || (status == 403 && hasRateLimitSignal(reading)) || reading.throttled)
        return Exchange::Throttled;
    if (status < 200 || status >= 300)
        return Exchange::Failed;
    return Exchange::Answered;
}

void ProbeClient::addDocumentedLimit(const Preset &preset, const Account &account, QuotaReading &reading)
{
    const std::optional<qint64> documented = preset.documentedLimitFor(account.baseUrl);
    // A probe path of the user's own may spend another quota than the documented one.
    if (!documented || !account.probePath.isEmpty())
        return;
    for (const Quota &q : reading.quotas) {
        // Anything the response said stands alone: a documented limit is never mixed with a
        // reported count or flag (a near-limit flag alone comes from an access token, whose
        // limit is its own, not the documented one).
        if (q.limit || q.remaining || q.used || q.nearLimit)
            return;
    }
    Quota q;
    q.resource = preset.documentedResource;
    q.limit = *documented;
    q.limitSource = LimitSource::Documented;
    q.windowS = preset.documentedWindowS;
    reading.quotas.append(q);
}

QString ProbeClient::noDataReason(const Preset &preset, const QuotaReading &reading)
{
    bool measured = false;
    for (const Quota &q : reading.quotas)
        measured = measured || (q.limit && q.limitSource == LimitSource::Header) || q.remaining || q.used
                   || q.nearLimit;
    if (!measured && !preset.noHeadersReason.isEmpty())
        return preset.noHeadersReason;
    if (!measured)
        return ProbeJob::tr("The response carried no rate-limit fields that Headroom reads for %1.")
            .arg(preset.displayName);
    return ProbeJob::tr("The response names a quota but not how much of it is left, so its level is unknown.");
}

Thresholds ProbeClient::thresholdsFor(const QString &accountId) const
{
    return m_thresholds ? m_thresholds(accountId) : Thresholds{};
}

// ---------------------------------------------------------------------------------------------

ProbeJob::ProbeJob(ProbeClient *client, const Account &account, const QString &token)
    : QObject(client)
    , m_client(client)
    , m_account(account)
    , m_token(token)
{
}

void ProbeJob::abort()
{
    if (m_done)
        return;
    m_abort = AbortReason::Cancel;
    if (m_reply)
        m_reply->abort();
    else
        fail(tr("cancelled"));
}

void ProbeJob::start()
{
    const Preset *preset = Preset::find(m_account.presetId);
    if (!preset)
        return fail(tr("unknown provider '%1'").arg(m_account.presetId), false);
    QString error;
    if (m_account.auth != AuthScheme::None) {
        if (const QString e = RequestFactory::cleanToken(m_token, nullptr); !e.isEmpty())
            return fail(e, false);
    }
    const auto url = RequestFactory::probeUrl(m_account, *preset, &error);
    if (!url)
        return fail(error, false);
    m_origin = *url;
    m_method = RequestFactory::probeMethod(m_account, *preset);
    // A plain timer id, not a QTimer object per probe (bench_watch: one probe a second per
    // 17 accounts adds up).
    m_deadline = startTimer(m_client->m_options.deadlineMs, Qt::PreciseTimer);
    sendHop(*url);
}

void ProbeJob::timerEvent(QTimerEvent *event)
{
    if (event->timerId() != m_deadline)
        return QObject::timerEvent(event);
    killTimer(m_deadline);
    m_deadline = 0;
    m_abort = AbortReason::Deadline;
    if (m_reply)
        m_reply->abort();
}

void ProbeJob::sendHop(const QUrl &url)
{
    const QNetworkRequest req = RequestFactory::build(url, m_origin, m_account, m_token, m_client->m_options);
    m_headerBytes = 0;
    m_body.clear();
    m_bodyTruncated = false;
    m_inflated = false;
    QNetworkReply *reply = m_client->managerFor(url)->sendCustomRequest(req, m_method);
    m_reply = reply;
    connect(reply, &QNetworkReply::metaDataChanged, this, &ProbeJob::onMetaData);
    connect(reply, &QNetworkReply::readyRead, this, &ProbeJob::onReadyRead);
    connect(reply, &QNetworkReply::finished, this, &ProbeJob::onFinished);
}

static qint64 headerBytes(const QList<QPair<QByteArray, QByteArray>> &headers)
{
    qint64 n = 0;
    for (const auto &h : headers)
        n += h.first.size() + h.second.size() + 4;
    return n;
}

void ProbeJob::onMetaData()
{
    m_headerBytes = headerBytes(m_reply->rawHeaderPairs());
    if (m_headerBytes > m_client->m_options.sizeCap) {
        m_abort = AbortReason::SizeCap;
        m_reply->abort();
    }
}

void ProbeJob::onReadyRead()
{
    const qint64 room = m_client->m_options.sizeCap - m_headerBytes - m_body.size();
    if (room > 0)
        m_body += m_reply->read(room);
    if (m_reply->bytesAvailable() > 0) {
        // Past the cap: the headers are complete and stay usable; the body is dropped. A
        // compressed body past the cap (counted after inflating) is a bomb: the probe fails.
        m_bodyTruncated = true;
        m_inflated = m_reply->hasRawHeader(QByteArrayLiteral("Content-Encoding"));
        m_abort = AbortReason::SizeCap;
        m_reply->abort();
    }
}

static bool isHttpLevelError(QNetworkReply::NetworkError e)
{
    return e == QNetworkReply::NoError || (e >= 201 && e <= 299) || (e >= 401 && e <= 499);
}

void ProbeJob::onFinished()
{
    QNetworkReply *reply = m_reply;
    if (!reply || m_done)
        return;
    reply->deleteLater();
    m_reply = nullptr;
    const QVariant statusAttr = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
    const int status = statusAttr.isValid() ? statusAttr.toInt() : 0;
    const auto headers = reply->rawHeaderPairs();
    if (status > 0)
        ++m_requestsAnswered;

    switch (m_abort) {
    case AbortReason::Deadline:
        return fail(tr("timed out after %1 s").arg(m_client->m_options.deadlineMs / 1000.0));
    case AbortReason::Cancel:
        return fail(tr("cancelled"));
    case AbortReason::SizeCap:
        if (m_inflated)
            return failInflated();
        if (!m_bodyTruncated || status <= 0)
            return fail(tr("the response headers exceed %1 KiB").arg(m_client->m_options.sizeCap / 1024));
        return complete(status, headers);
    case AbortReason::None:
        // A head that arrives whole with the end of the transfer may reach us without a
        // metaDataChanged of its own: the cap holds here too.
        if (headerBytes(headers) > m_client->m_options.sizeCap)
            return fail(tr("the response headers exceed %1 KiB").arg(m_client->m_options.sizeCap / 1024));
        break;
    }
    // Qt inflates gzip/deflate/br/zstd itself (it sends Accept-Encoding when we do not) and,
    // with the request's decompressedSafetyCheckThreshold at our cap, stops a high-ratio body
    // once the inflated bytes pass the cap, reporting UnknownContentError: a bomb.
    if (reply->error() == QNetworkReply::UnknownContentError && status >= 200 && status < 300
        && reply->hasRawHeader(QByteArrayLiteral("Content-Encoding")))
        return failInflated();
    if (!isHttpLevelError(reply->error()) || status <= 0) {
        // Includes RemoteHostClosed with status 200: a broken transfer yields no sample.
        QString what;
        switch (reply->error()) {
        case QNetworkReply::SslHandshakeFailedError:
            what = tr("TLS handshake failed");
            break;
        case QNetworkReply::HostNotFoundError:
            what = tr("host not found");
            break;
        case QNetworkReply::ConnectionRefusedError:
            what = tr("connection refused");
            break;
        case QNetworkReply::OperationCanceledError:
        case QNetworkReply::TimeoutError:
            what = tr("the server stopped responding");
            break;
        default:
            what = tr("network error");
            break;
        }
        // errorString() names the URL, never headers; URLs never carry tokens.
        return fail(what + u": " + reply->errorString());
    }
    if (status >= 300 && status < 400) {
        const QByteArray location = reply->rawHeader(QByteArrayLiteral("Location"));
        if (!location.isEmpty()) {
            const QUrl target = reply->url().resolved(QUrl::fromEncoded(location));
            if (!UrlPolicy::sameOrigin(target, m_origin))
                return fail(tr("redirected to another origin (%1); token not sent").arg(target.host()), false);
            if (++m_hops > m_client->m_options.maxHops)
                return fail(tr("too many redirects (more than %1)").arg(m_client->m_options.maxHops), false);
            return sendHop(target);
        }
    }
    complete(status, headers);
}

// The header engine's HTTP-date parser (all three RFC 9110 forms). QLocale::toDateTime went
// through local time (tzset, a stat of /etc/localtime per probe).
static std::optional<QDateTime> parseHttpDate(const QByteArray &v, const QDateTime &now)
{
    const auto ms = HeaderValues::httpDateMs(v, now.toMSecsSinceEpoch());
    if (!ms)
        return std::nullopt;
    return QDateTime::fromMSecsSinceEpoch(*ms, Qt::UTC);
}

void ProbeJob::complete(int status, const QList<QPair<QByteArray, QByteArray>> &headers)
{
    const Preset *preset = Preset::find(m_account.presetId);
    Clock *clock = Clock::instance();
    const QDateTime localNow = clock->nowUtc();
    HttpResponseHead head;
    head.status = status;
    head.fields = headers;
    const auto serverDate = parseHttpDate(head.value("Date").value_or(QByteArray()), localNow);
    // Read server-clock values against the server's own Date, then move them onto our clock.
    const QDateTime ref = serverDate.value_or(localNow);
    QuotaReading reading = HeaderEngine::read(*preset, head, ref, m_body);
    const qint64 skewMs = ref.msecsTo(localNow);
    for (Quota &q : reading.quotas)
        if (q.resetAt)
            q.resetAt = q.resetAt->addMSecs(skewMs);
    if (m_bodyTruncated)
        reading.warnings.append(tr("the body exceeded %1 KiB and was ignored").arg(m_client->m_options.sizeCap / 1024));

    ProbeResult r;
    r.reading = reading;
    r.reading.status = status;
    r.serverDate = serverDate;
    const Exchange exchange = ProbeClient::exchangeOf(r.reading, m_body);
    // Where the response reports no limit, the provider's documented one stands in, marked as
    // such: it bounds the probe budget and is shown, but classifies as nothing (no remaining).
    if (exchange == Exchange::Answered || exchange == Exchange::Throttled)
        ProbeClient::addDocumentedLimit(*preset, m_account, r.reading);
    r.state = classifyReading(exchange, r.reading, m_client->thresholdsFor(m_account.id));
    if (r.state == AccountState::NoData)
        r.reason = ProbeClient::noDataReason(*preset, r.reading);
    if (r.state == AccountState::Error) {
        r.reading.quotas.clear();
        r.error = tr("HTTP %1").arg(status);
    } else if (r.state == AccountState::AuthFailed) {
        r.reading.quotas.clear();
        r.error = tr("authentication failed (HTTP %1): check or replace the token").arg(status);
    }
    emitOnce(r);
}

void ProbeJob::failInflated()
{
    fail(tr("the compressed response body is corrupt or inflates to more than %1 KiB")
             .arg(m_client->m_options.sizeCap / 1024));
}

void ProbeJob::fail(const QString &message, bool transport)
{
    ProbeResult r;
    r.state = AccountState::Error;
    r.error = message;
    r.transportFailure = transport;
    emitOnce(r);
}

void ProbeJob::emitOnce(ProbeResult r)
{
    if (m_done)
        return;
    m_done = true;
    if (m_deadline) {
        killTimer(m_deadline);
        m_deadline = 0;
    }
    if (m_reply) {
        m_reply->disconnect(this);
        m_reply->abort();
        m_reply->deleteLater();
    }
    m_token.fill(u'\0');
    m_token.clear();
    const Preset *preset = Preset::find(m_account.presetId);
    r.accountId = m_account.id;
    r.accountName = m_account.name;
    r.provider = m_account.presetId;
    r.reading.provider = m_account.presetId;
    r.probedAt = Clock::instance()->nowUtc();
    r.receivedMonoMs = Clock::instance()->monotonicMs();
    r.cost = preset && !preset->freeProbe && m_account.probePath.isEmpty() ? qint64(preset->probeCost) * m_requestsAnswered
                                                                          : qint64(m_requestsAnswered);
    if (preset && preset->freeProbe && m_account.probePath.isEmpty())
        r.cost = 0;
    Q_EMIT finished(r);
    deleteLater();
}
