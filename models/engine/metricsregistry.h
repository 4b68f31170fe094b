#pragma once

#include "accounts/account.h"
#include "probe/proberesult.h"

#include <QByteArray>
#include <QDateTime>
#include <QHash>
#include <QMap>
#include <QObject>
#include <QString>

#include <optional>

struct PoolReading;

// What `headroom watch --listen` serves on /metrics: the latest reading of every account and
// pool, and counters of what the monitor did, in the Prometheus text format 0.0.4 or in
// OpenMetrics 1.0.
//
// Truth rules: a figure Headroom does not know has no sample at all (never 0); a limit taken
// from the provider's documentation is its own family, headroom_quota_documented_limit, never
// headroom_quota_limit; no label or value holds a token or anything derived from one (labels
// are the account's name, the provider's id and the resource's name). No sample carries a
// timestamp: Prometheus stamps the scrape.
//
// Fed with Monitor::resultRecorded and PoolMonitor::poolUpdated; rendering reads only what is
// held here, so a scrape costs no probe and waits for none. A scrape renders a Snapshot, taken
// in O(1) (implicitly shared), on a worker thread, while the monitor's thread goes on updating
// the registry (its next write detaches).
class MetricsRegistry : public QObject
{
    Q_OBJECT
public:
    enum class Format { Text004, OpenMetrics };

    explicit MetricsRegistry(QObject *parent = nullptr);

    // Accounts without a result yet are listed (state no_data) so that a dashboard sees them;
    // accounts no longer configured are dropped with their series.
    void setAccounts(const QList<Account> &accounts);

    // The Content-Type to answer with and the format to render for a scraper's Accept header.
    static Format negotiate(const QByteArray &accept);
    static QByteArray contentType(Format format);

    struct Snapshot;
    Snapshot snapshot() const;
    static QByteArray render(const Snapshot &snapshot, Format format);
    QByteArray render(Format format) const;

public Q_SLOTS:
    void recordResult(const ProbeResult &result);
    void recordPool(const PoolReading &reading);

private:
    struct AccountEntry
    {
        QString name;
        QString provider;
        AccountState state = AccountState::NoData;
        std::optional<QDateTime> lastProbe;
        std::optional<QDateTime> tokenExpiry;
        QMap<QString, Quota> quotas; // resource -> latest reading of it
        QMap<QString, qint64> probesByResult; // state id -> probes
        qint64 throttled = 0;
        qint64 cost = 0;
    };
    struct PoolQuotaEntry
    {
        std::optional<qint64> limit;
        std::optional<qint64> remaining;
    };
    struct PoolEntry
    {
        QString provider;
        QMap<QString, PoolQuotaEntry> quotas; // resource -> sums
    };

    QHash<QString, AccountEntry> m_accounts; // account id -> entry
    QMap<QString, PoolEntry> m_pools; // pool name -> entry

public:
    // What a scrape renders; safe to read on any thread while the registry changes.
    struct Snapshot
    {
        QHash<QString, AccountEntry> accounts;
        QMap<QString, PoolEntry> pools;
    };
};
