#pragma once

#include "accounts/account.h"
#include "accounts/pool.h"
#include "history/historytypes.h"

#include <QHash>
#include <QList>
#include <QObject>
#include <QSet>

class HistoryBackend;
class MemorySecretStore;
class Scheduler;
class SimulatedApi;
struct ProbeResult;
struct Quota;

// `headroom --demo`: nine accounts and two pools served by the loopback simulator, each with a
// story a newcomer sees within two minutes: two tokens of one GitHub user drawing from one
// 5,000/h bucket (the "octo" pool) and drifting below their warning threshold; a pool of two
// independent tokens whose load balancer sends everything to one (the "workers" pool: one
// throttled, one idle); a Cloudflare token an export ran dry, critical; a GitHub Enterprise with
// rate limiting off; a revoked token (401); a Bitbucket access token that reports only its limit
// and a near-limit flag; a Bitbucket user token with no rate-limit fields whose 429s recur every
// five minutes. Tokens live in a MemorySecretStore (no keychain); the history is in memory and
// gets a day replayed from the simulator's own model of each quota behind the account's first
// live reading, so the chart has a past from the first second and runs on without a seam.
class Demo : public QObject
{
    Q_OBJECT
public:
    explicit Demo(QObject *parent = nullptr);
    ~Demo() override;

    // Starts the simulator and writes the demo tokens. Returns false with *error when the
    // loopback server cannot listen.
    bool start(QString *error = nullptr);
    QList<Account> accounts() const { return m_accounts; }
    // The demo's pools, of the accounts above (Session::Options::fixedPools).
    QList<Pool> pools() const { return m_pools; }
    MemorySecretStore *secrets() const { return m_secrets; }
    SimulatedApi *server() const { return m_server; }

    // Demo pacing: probes start within two seconds and repeat every few seconds, so the
    // dashboard moves while someone watches. Only for the simulator.
    static void tune(Scheduler *scheduler);

    // On an account's first recorded result: a day of history ending just before it, in one
    // appendSamples() call, plus the past day's events.
    void backfill(HistoryBackend *history, const ProbeResult &firstResult);

    // The day behind one quota of an account, a sample a minute, the last at `end`: what the
    // simulator's model of the quota (the one the live answers come from) left at each minute,
    // shaped as the live reading `live` is (the fields it reports), so the past meets the first
    // live reading. Empty for an account or resource the simulator does not model.
    QList<Sample> replayedDay(const QString &accountId, const Quota &live, const QDateTime &end) const;

    // How long before the first live reading the replayed day ends.
    static constexpr qint64 kSeamMs = 250;

private:
    void jobHistory(const ProbeResult &r, const QDateTime &end, QList<Sample> *samples, QList<Event> *events) const;

    SimulatedApi *m_server = nullptr;
    MemorySecretStore *m_secrets = nullptr;
    QList<Account> m_accounts;
    QList<Pool> m_pools;
    QHash<QString, int> m_row; // account id -> its row in the demo table
    QSet<QString> m_backfilled;
};
