#pragma once

// What the lease tests share with their helper process (leaseholder.cpp): the accounts (one
// simulator endpoint each, probed every second) and a poller = one process's secrets, monitor,
// leases and keeper. Each poller sends its own token ("<tokenPrefix>-<account id>"), so the
// simulator's log says which poller sent each request.
#include "accounts/memorysecretstore.h"
#include "engine/leasekeeper.h"
#include "engine/monitor.h"
#include "history/pgleases.h"

#include <memory>

namespace LeaseFixture {

inline QString accountId(int i)
{
    return QStringLiteral("acct-%1").arg(i, 2, 10, QChar(u'0'));
}

inline QString prefixOf(int i)
{
    return u'/' + accountId(i);
}

inline Account account(const QString &simBase, int i)
{
    Account a;
    a.id = accountId(i);
    a.name = QStringLiteral("account %1").arg(i);
    a.presetId = QStringLiteral("generic");
    a.baseUrl = simBase + prefixOf(i);
    a.probePath = QStringLiteral("/v");
    a.auth = AuthScheme::Bearer;
    a.intervalS = 1;
    return a;
}

// One probe a second per account (fixed interval, +-10 % jitter), started within a second.
inline Scheduler::Tuning fastTuning(Scheduler::Tuning t)
{
    t.minIntervalMs = 1000;
    t.startJitterMs = 1000;
    t.maxPerHost = 16;
    return t;
}

struct Poller
{
    MemorySecretStore secrets;
    Monitor monitor{&secrets, nullptr};
    PgLeases leases;
    std::unique_ptr<LeaseKeeper> keeper;
    QList<Account> accounts;

    // False with *error when the lease database cannot be opened.
    bool setUp(const QString &url, const QString &simBase, const QList<int> &indexes, const QString &tokenPrefix,
               const QString &holder, qint64 leaseMs, QString *error)
    {
        if (!leases.open(url, error))
            return false;
        monitor.scheduler()->setTuning(fastTuning(monitor.scheduler()->tuning()));
        for (int i : indexes) {
            accounts << account(simBase, i);
            secrets.write(accountId(i), tokenPrefix + u'-' + accountId(i), [](const SecretStore::Result &) {});
        }
        keeper = std::make_unique<LeaseKeeper>(&monitor, &leases, holder, leaseMs);
        keeper->setAccounts(accounts);
        return true;
    }
    void start()
    {
        monitor.start();
        keeper->start();
    }
};

} // namespace LeaseFixture
