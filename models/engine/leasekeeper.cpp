#include "leasekeeper.h"

#include "core/clock.h"
#include "history/pgleases.h"
#include "monitor.h"

#include <QCoreApplication>
#include <QRandomGenerator>
#include <QSet>
#include <QSysInfo>
#include <QTimer>

#include <algorithm>

LeaseKeeper::LeaseKeeper(Monitor *monitor, PgLeases *leases, QString holder, qint64 leaseMs, QObject *parent)
    : QObject(parent)
    , m_monitor(monitor)
    , m_leases(leases)
    , m_holder(std::move(holder))
    , m_leaseMs(std::max<qint64>(300, leaseMs))
    // A probe launched just before the lease ends here still finishes before a successor may
    // take the account; a tenth of the lease is 6 s of the default minute.
    , m_marginMs(m_leaseMs / 10)
    , m_renewTimer(new QTimer(this))
    , m_expiryTimer(new QTimer(this))
    , m_takeoverTimer(new QTimer(this))
{
    m_clock.start();
    m_renewTimer->setInterval(int(m_leaseMs / 3));
    connect(m_renewTimer, &QTimer::timeout, this, &LeaseKeeper::renew);
    m_expiryTimer->setSingleShot(true);
    m_expiryTimer->setTimerType(Qt::PreciseTimer);
    connect(m_expiryTimer, &QTimer::timeout, this, &LeaseKeeper::expireDue);
    m_takeoverTimer->setSingleShot(true);
    connect(m_takeoverTimer, &QTimer::timeout, this, [this] {
        m_renewTimer->start();
        renew();
    });
    if (m_monitor) {
        connect(m_monitor, &Monitor::resultRecorded, this, &LeaseKeeper::onResult);
        // The expiry timer may come after the monitor's own when the event loop was held up
        // (a blocking write, a suspended process): the lease is checked again as each probe
        // goes out.
        m_monitor->setSendGate([this](const QString &accountId) {
            const auto it = m_deadline.constFind(accountId);
            if (it != m_deadline.cend() && *it > nowMs())
                return true;
            QTimer::singleShot(0, this, &LeaseKeeper::expireDue);
            return false;
        });
    }
}

LeaseKeeper::~LeaseKeeper()
{
    if (m_running)
        stop();
    if (m_monitor)
        m_monitor->setSendGate({});
}

QString LeaseKeeper::defaultHolder()
{
    return QSysInfo::machineHostName() + u':' + QString::number(QCoreApplication::applicationPid()) + u':'
        + QString::number(QRandomGenerator::global()->generate(), 16);
}

QStringList LeaseKeeper::heldAccounts() const
{
    return m_held;
}

void LeaseKeeper::setAccounts(const QList<Account> &accounts)
{
    m_accounts = accounts;
    QSet<QString> ids;
    for (const Account &a : accounts)
        ids.insert(a.id);
    QStringList dropped;
    for (const QString &id : std::as_const(m_held))
        if (!ids.contains(id))
            dropped << id;
    for (const QString &id : std::as_const(dropped)) {
        m_deadline.remove(id);
        m_shared.remove(id);
    }
    QStringList held = m_held;
    for (const QString &id : std::as_const(dropped))
        held.removeAll(id);
    // Pushed even when the set is the same: an edited account reaches the monitor.
    applyHeld(held, true);
    if (!dropped.isEmpty() && m_leases) {
        QString why;
        if (!m_leases->release(dropped, m_holder, &why))
            fail(why);
    }
    if (m_running)
        renew();
}

void LeaseKeeper::start()
{
    if (m_running)
        return;
    m_running = true;
    m_renewTimer->start();
    renew();
}

void LeaseKeeper::stop()
{
    m_running = false;
    m_renewTimer->stop();
    m_expiryTimer->stop();
    m_takeoverTimer->stop();
    applyHeld({}, false);
    // Every account this process may hold: release() touches this holder's rows only, and
    // a lease that ended here but not yet in the database is handed on too.
    QStringList ids;
    for (const Account &a : std::as_const(m_accounts))
        ids << a.id;
    if (m_leases && !ids.isEmpty()) {
        QString why;
        if (!m_leases->release(ids, m_holder, &why))
            fail(why);
    }
    m_deadline.clear();
    m_shared.clear();
}

void LeaseKeeper::fail(const QString &message)
{
    if (message == m_lastError)
        return;
    m_lastError = message;
    Q_EMIT error(message);
}

void LeaseKeeper::renew()
{
    if (!m_running || !m_leases)
        return;
    QStringList ids;
    for (const Account &a : std::as_const(m_accounts))
        ids << a.id;
    // Counted from before the statement was sent: the server's expiry is at least this late,
    // whatever its clock and the network's delay.
    const qint64 sent = nowMs();
    const PgLeases::Acquired r = m_leases->acquire(ids, m_holder, m_leaseMs);
    if (!r.ok) {
        fail(r.error);
        expireDue();
        return;
    }
    m_lastError.clear();
    const qint64 now = nowMs();
    const qint64 deadline = sent + m_leaseMs - m_marginMs;
    QStringList held;
    for (auto it = r.held.cbegin(); it != r.held.cend(); ++it) {
        // A renewal that took most of the lease to come back proves too little: not polled
        // until the next one (the row stays this holder's, so nobody else polls it either).
        if (deadline <= now)
            continue;
        m_deadline.insert(it.key(), deadline);
        held << it.key();
    }
    std::sort(held.begin(), held.end());
    QStringList lost;
    for (const QString &id : std::as_const(m_held))
        if (!held.contains(id)) {
            lost << id;
            m_deadline.remove(id);
            m_shared.remove(id);
        }
    QStringList gained;
    for (const QString &id : std::as_const(held))
        if (!m_held.contains(id))
            gained << id;
    applyHeld(held, false);
    // The previous holder's wait, turned from the server's clock into this process's.
    if (m_monitor) {
        const qint64 mono = Clock::instance()->monotonicMs();
        for (const QString &id : std::as_const(gained)) {
            const std::optional<qint64> notBefore = r.held.value(id);
            if (notBefore && *notBefore > r.serverNowMs)
                m_monitor->holdUntil(id, mono + (*notBefore - r.serverNowMs));
        }
    }
    if (!lost.isEmpty())
        Q_EMIT leaseLost(lost);
    armExpiry();
    // Another holder's lease ends before our next renewal: it stopped renewing (crashed or cut
    // off). Try again just after, so the accounts are polled again within moments.
    m_takeoverTimer->stop();
    std::optional<qint64> wait;
    if (r.nextExpiryMs)
        wait = *r.nextExpiryMs - r.serverNowMs + 50;
    // Standing by for accounts another process holds: ask again soon, so a holder that stops
    // and releases them (systemctl stop, a closed dashboard) is followed within seconds. One
    // short statement every few seconds per standby process.
    if (held.size() < m_accounts.size())
        wait = std::min(wait.value_or(kStandbyPollMs), kStandbyPollMs);
    if (wait && *wait < m_renewTimer->remainingTime())
        m_takeoverTimer->start(int(std::max<qint64>(0, *wait)));
}

void LeaseKeeper::armExpiry()
{
    if (m_deadline.isEmpty()) {
        m_expiryTimer->stop();
        return;
    }
    const qint64 earliest = *std::min_element(m_deadline.cbegin(), m_deadline.cend());
    m_expiryTimer->start(int(std::clamp<qint64>(earliest - nowMs(), 0, m_leaseMs)));
}

void LeaseKeeper::expireDue()
{
    const qint64 now = nowMs();
    QStringList expired;
    for (auto it = m_deadline.cbegin(); it != m_deadline.cend(); ++it)
        if (it.value() <= now)
            expired << it.key();
    if (!expired.isEmpty()) {
        std::sort(expired.begin(), expired.end());
        QStringList held = m_held;
        for (const QString &id : std::as_const(expired)) {
            m_deadline.remove(id);
            held.removeAll(id);
        }
        applyHeld(held, false);
        Q_EMIT leaseLost(expired);
    }
    armExpiry();
}

void LeaseKeeper::applyHeld(const QStringList &held, bool force)
{
    if (held == m_held && !force)
        return;
    const bool changed = held != m_held;
    m_held = held;
    if (m_monitor) {
        QList<Account> accounts;
        for (const Account &a : std::as_const(m_accounts))
            if (std::binary_search(held.cbegin(), held.cend(), a.id))
                accounts << a;
        m_monitor->setAccounts(accounts);
    }
    if (changed)
        Q_EMIT heldChanged(m_held);
}

void LeaseKeeper::onResult(const ProbeResult &result)
{
    const QString id = result.accountId;
    if (!m_monitor || !m_leases || !m_deadline.contains(id))
        return;
    const qint64 mono = Clock::instance()->monotonicMs();
    std::optional<qint64> wait;
    if (m_monitor->scheduler()->isStopped(id))
        wait = kAuthFailedHoldMs;
    else if (const std::optional<qint64> until = m_monitor->heldUntilMs(id); until && *until > mono)
        wait = *until - mono;
    QString why;
    if (wait) {
        // Sent as a wait: the server adds its own now, so a successor on another clock waits
        // exactly as long.
        if (m_leases->setNotBeforeIn(id, m_holder, *wait, &why))
            m_shared.insert(id, nowMs() + *wait);
        else if (!why.isEmpty())
            fail(why);
        return;
    }
    // A wait shared earlier that no longer holds (an edited account probed again sooner).
    const auto it = m_shared.constFind(id);
    if (it == m_shared.cend())
        return;
    const bool stillAhead = *it > nowMs();
    m_shared.erase(it);
    if (stillAhead && !m_leases->setNotBefore(id, m_holder, std::nullopt, &why) && !why.isEmpty())
        fail(why);
}
