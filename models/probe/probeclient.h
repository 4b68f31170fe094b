#pragma once

#include "proberesult.h"
#include "requestfactory.h"

#include <QHash>
#include <QObject>
#include <QPointer>

class QNetworkAccessManager;
class QNetworkReply;
class QTimer;

class ProbeClient;

// One probe of one account: at most maxHops same-origin redirects, an overall deadline, a size
// cap. Emits finished() exactly once, then deletes itself later.
class ProbeJob : public QObject
{
    Q_OBJECT
public:
    void abort(); // a user cancel: finishes with "cancelled"

Q_SIGNALS:
    void finished(const ProbeResult &result);

private:
    friend class ProbeClient;
    ProbeJob(ProbeClient *client, const Account &account, const QString &token);
    void start();
    void sendHop(const QUrl &url);
    void timerEvent(QTimerEvent *event) override;
    void onMetaData();
    void onReadyRead();
    void onFinished();
    void fail(const QString &message, bool transport = true);
    void failInflated();
    void complete(int status, const QList<QPair<QByteArray, QByteArray>> &headers);
    void emitOnce(ProbeResult r);

    enum class AbortReason { None, Deadline, SizeCap, Cancel };

    ProbeClient *m_client;
    Account m_account;
    QString m_token;
    QUrl m_origin;
    QByteArray m_method;
    int m_hops = 0;
    int m_requestsAnswered = 0;
    qint64 m_headerBytes = 0;
    QByteArray m_body;
    bool m_bodyTruncated = false;
    bool m_inflated = false; // the truncated body was Content-Encoded
    AbortReason m_abort = AbortReason::None;
    QPointer<QNetworkReply> m_reply;
    int m_deadline = 0; // timer id of the overall deadline
    bool m_done = false;
};

// Sends probes. Untrusted endpoints cannot starve each other: each origin gets its own
// QNetworkAccessManager, hence its own HTTP thread, so a hostile origin cannot stall the others.
class ProbeClient : public QObject
{
    Q_OBJECT
public:
    explicit ProbeClient(QObject *parent = nullptr);
    ~ProbeClient() override;

    void setOptions(const ProbeOptions &options) { m_options = options; }
    const ProbeOptions &options() const { return m_options; }

    // The returned job is owned by the client until it finishes, then deletes itself.
    ProbeJob *probe(const Account &account, const QString &token);

    // What a completed HTTP exchange says before its quotas are read: the status line, the
    // reading's throttle signals and GitHub Enterprise's "rate limiting is off" body.
    static Exchange exchangeOf(const QuotaReading &reading, const QByteArray &body);

    // When a response reports no limit, nor any remaining or used count, for the quota the
    // preset's probe spends, that quota gets the provider's documented limit (limitSource
    // Documented, its window, nothing else). An account with its own probe path, or on a host
    // the documented figure does not hold for, gets nothing.
    static void addDocumentedLimit(const Preset &preset, const Account &account, QuotaReading &reading);
    // Why a reading classifies as no_data, in one translated sentence.
    static QString noDataReason(const Preset &preset, const QuotaReading &reading);

    // Where each account's thresholds come from (the alert settings); the defaults without one.
    void setThresholds(ThresholdsFor thresholds) { m_thresholds = std::move(thresholds); }
    Thresholds thresholdsFor(const QString &accountId) const;

    // Drops pooled connections (TLS tests need a fresh handshake per case).
    void clearConnections();
    int managerCount() const { return int(m_managers.size()); }

private:
    friend class ProbeJob;
    QNetworkAccessManager *managerFor(const QUrl &url);

    ProbeOptions m_options;
    ThresholdsFor m_thresholds;
    QHash<QString, QNetworkAccessManager *> m_managers;
};
