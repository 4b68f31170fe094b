#pragma once

#include "accounts/account.h"
#include "history/historytypes.h"

#include <QHash>
#include <QList>
#include <QObject>
#include <QSet>

class HistoryStore;
class MemorySecretStore;
class Scheduler;
class SimulatedApi;
struct ProbeResult;

// `headroom --demo`: eight accounts across providers served by the loopback simulator, each
// with a story a newcomer sees within two minutes: one drifting below its warning threshold,
// one running dry and answering 429, one GitHub Enterprise with rate limiting off, one with a
// revoked token (401), a Bitbucket access token that reports only its limit and a near-limit
// flag, a Bitbucket user token with no rate-limit fields whose 429s recur every five minutes,
// the rest healthy. Tokens live in a MemorySecretStore (no keychain); the
// history is in memory and gets a day of synthetic samples behind each account's first live
// reading, so the chart has a past from the first second.
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
    MemorySecretStore *secrets() const { return m_secrets; }
    SimulatedApi *server() const { return m_server; }

    // Demo pacing: probes start within two seconds and repeat every few seconds, so the
    // dashboard moves while someone watches. Only for the simulator.
    static void tune(Scheduler *scheduler);

    // On an account's first recorded result: a day of synthetic history ending just before it,
    // in one appendSamples() call, plus the past day's events.
    void backfill(HistoryStore *history, const ProbeResult &firstResult);

    // The synthetic day itself (pure, so tests and the backfill share it).
    static QList<Sample> syntheticDay(const QString &accountId, const QString &resource, qint64 limit,
                                      qint64 endRemaining, const QDateTime &end, int scenario);

private:
    void jobHistory(const ProbeResult &r, const QDateTime &end, QList<Sample> *samples, QList<Event> *events) const;

    SimulatedApi *m_server = nullptr;
    MemorySecretStore *m_secrets = nullptr;
    QList<Account> m_accounts;
    QHash<QString, int> m_scenario; // account id -> scenario
    QHash<QString, int> m_row;      // account id -> its row in the demo table
    QSet<QString> m_backfilled;
};
