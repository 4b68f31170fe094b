#include "monitor.h"

#include "accounts/secretstore.h"
#include "core/urlpolicy.h"
#include "history/historybackend.h"
#include "proberecord.h"
#include "quota/preset.h"

#include <QCoreApplication>
#include <QNetworkInformation>
#include <QTimer>

Monitor::Monitor(SecretStore *secrets, HistoryBackend *history, QObject *parent)
    : QObject(parent)
    , m_secrets(secrets)
    , m_history(history)
    , m_client(this)
    , m_timer(new QTimer(this))
{
    m_timer->setSingleShot(true);
    // Precise, so a wake-up is never early (the scheduler would find nothing due and we would
    // wake again); armTimer() aligns wake-ups to slots, which is what batches them.
    m_timer->setTimerType(Qt::PreciseTimer);
    connect(m_timer, &QTimer::timeout, this, &Monitor::tick);
    m_wallClock.start();
}

Monitor::~Monitor()
{
    for (QString &t : m_tokens)
        t.fill(u'\0');
}

QList<Monitor::Target> Monitor::targetsOf(const Account &a)
{
    QList<Target> out{{a.id, QString(), a}};
    for (const ProbeRoute &r : a.routes) {
        Account probe = a;
        probe.probePath = r.path;
        probe.routes.clear();
        out.append({a.id, r.name, probe});
    }
    return out;
}

static QString targetKey(const QString &accountId, const QString &route)
{
    return route.isEmpty() ? accountId : accountId + u'#' + route;
}

QStringList Monitor::keysOf(const QString &accountId) const
{
    QStringList keys;
    for (const Target &t : targetsOf(m_byId.value(accountId)))
        keys << targetKey(accountId, t.route);
    return keys;
}

void Monitor::setAccounts(const QList<Account> &accounts)
{
    QSet<QString> keepAccounts;
    QSet<QString> keepTargets;
    for (const Account &a : accounts) {
        keepAccounts.insert(a.id);
        const bool edited = m_byId.contains(a.id) && m_byId.value(a.id).toJson() != a.toJson();
        if (edited)
            m_tokens.remove(a.id); // the token may have been replaced with the edit
        for (const Target &t : targetsOf(a)) {
            const QString key = targetKey(a.id, t.route);
            keepTargets.insert(key);
            // A route's path is not the preset's probe: only its own readings budget it.
            const Scheduler::Policy policy = Scheduler::policyFor(t.probe);
            if (m_scheduler.contains(key)) {
                if (edited)
                    m_scheduler.updateAccount(key, policy);
            } else {
                m_scheduler.addAccount(key, policy);
            }
            m_targets.insert(key, t);
        }
        m_byId.insert(a.id, a);
    }
    for (const QString &key : m_targets.keys())
        if (!keepTargets.contains(key)) {
            m_scheduler.removeAccount(key);
            m_targets.remove(key);
            m_lastState.remove(key);
        }
    for (const Account &old : std::as_const(m_accounts))
        if (!keepAccounts.contains(old.id)) {
            m_byId.remove(old.id);
            m_tokens.remove(old.id);
        }
    m_accounts = accounts;
    if (m_running)
        armTimer();
}

void Monitor::holdUntil(const QString &accountId, qint64 untilMs)
{
    if (!m_byId.contains(accountId))
        return;
    for (const QString &key : keysOf(accountId))
        m_scheduler.holdUntil(key, untilMs);
}

std::optional<qint64> Monitor::heldUntilMs(const QString &accountId) const
{
    if (!m_byId.contains(accountId))
        return std::nullopt;
    std::optional<qint64> latest;
    for (const QString &key : keysOf(accountId)) {
        const std::optional<qint64> held = m_scheduler.heldUntilMs(key);
        if (held && (!latest || *held > *latest))
            latest = held;
    }
    return latest;
}

void Monitor::start()
{
    m_running = true;
    m_once = false;
    armTimer();
}

void Monitor::stop()
{
    m_running = false;
    m_timer->stop();
}

void Monitor::refreshAll()
{
    m_scheduler.requestRefreshAll();
    armTimer();
}

void Monitor::refresh(const QString &accountId)
{
    for (const QString &key : keysOf(accountId))
        m_scheduler.requestRefresh(key);
    armTimer();
}

void Monitor::onNetworkReachable()
{
    m_scheduler.networkRegained();
    armTimer();
}

void Monitor::runOnce(const QStringList &accountIds)
{
    m_once = true;
    m_running = false;
    m_oncePending.clear();
    // A one-shot run starts everything at once (still bounded per host); the jitter returns after.
    m_savedTuning = m_scheduler.tuning();
    Scheduler::Tuning t = m_savedTuning;
    t.startJitterMs = 0;
    m_scheduler.setTuning(t);
    for (auto it = m_targets.cbegin(); it != m_targets.cend(); ++it) {
        m_scheduler.removeAccount(it.key());
        if (accountIds.isEmpty() || accountIds.contains(it->accountId)) {
            m_oncePending.insert(it.key());
            m_scheduler.addAccount(it.key(), Scheduler::policyFor(it->probe));
        }
    }
    if (m_oncePending.isEmpty()) {
        m_once = false;
        m_scheduler.setTuning(m_savedTuning);
        QTimer::singleShot(0, this, &Monitor::runOnceFinished);
        return;
    }
    m_timer->start(0);
}

bool Monitor::watchNetwork()
{
    // Without NetworkManager (containers, minimal systems) no backend loads; the timetable
    // and the suspend-gap detection in the scheduler still cover a resume.
    if (!QNetworkInformation::loadDefaultBackend() || !QNetworkInformation::instance())
        return false;
    QNetworkInformation *info = QNetworkInformation::instance();
    if (!info->supports(QNetworkInformation::Feature::Reachability))
        return false;
    connect(info, &QNetworkInformation::reachabilityChanged, this,
            [this, last = info->reachability()](QNetworkInformation::Reachability r) mutable {
                const bool was = last == QNetworkInformation::Reachability::Online;
                last = r;
                if (r == QNetworkInformation::Reachability::Online && !was)
                    onNetworkReachable();
            });
    return true;
}

void Monitor::armTimer()
{
    if (!m_running && !m_once)
        return;
    const qint64 ms = m_scheduler.msUntilNextDue();
    if (ms < 0) {
        m_timer->stop();
        return;
    }
    // Wake at least once a minute, so a monotonic gap (suspend) is noticed promptly.
    qint64 wait = std::min<qint64>(ms, 60'000);
    const qint64 nowMs = m_wallClock.elapsed();
    // Batching: a 1,000-account watch has ~17 accounts due per second. Waking on slot
    // boundaries launches everything due in one slot together (at most kSlotMs late) instead
    // of one wake-up and timer restart per account; a finished probe does not restart a timer
    // that already fires early enough.
    if (wait > 0 && !m_once)
        wait = (nowMs + wait + kSlotMs - 1) / kSlotMs * kSlotMs - nowMs;
    const qint64 target = nowMs + wait;
    if (m_timer->isActive() && m_timerTargetMs <= target)
        return;
    m_timerTargetMs = target;
    m_timer->start(int(wait));
}

void Monitor::tick()
{
    m_lastTickMs = m_wallClock.elapsed();
    const QStringList due = m_scheduler.takeDue();
    for (const QString &id : due) {
        if (m_once && !m_oncePending.contains(id)) {
            m_scheduler.onNotSent(id);
            continue;
        }
        launch(id);
    }
    armTimer();
}

void Monitor::withSecret(const Account &a, std::function<void(bool, const QString &)> then)
{
    if (a.auth == AuthScheme::None)
        return then(true, QString());
    if (auto it = m_tokens.constFind(a.id); it != m_tokens.cend())
        return then(true, *it);
    QPointer<Monitor> self(this);
    const QString id = a.id;
    m_secrets->read(id, [self, id, then](const SecretStore::Result &r) {
        if (!self)
            return;
        if (r.error != SecretStore::Error::None)
            return then(false, r.message);
        self->m_tokens.insert(id, r.secret);
        then(true, r.secret);
    });
}

void Monitor::launch(const QString &key)
{
    const Account a = m_targets.value(key).probe;
    withSecret(a, [this, a, key](bool ok, const QString &tokenOrMessage) {
        if (!m_targets.contains(key) || (m_sendGate && !m_sendGate(a.id)))
            return m_scheduler.onNotSent(key);
        if (!ok) {
            ++m_secretFailures;
            Q_EMIT secretUnavailable(a.id, tokenOrMessage);
            ProbeResult r;
            r.accountId = a.id;
            r.accountName = a.name;
            r.provider = a.presetId;
            r.state = AccountState::Error;
            r.error = tokenOrMessage;
            r.probedAt = QDateTime::currentDateTimeUtc();
            return finish(key, r);
        }
        ProbeJob *job = m_client.probe(a, tokenOrMessage);
        connect(job, &ProbeJob::finished, this, [this, key](const ProbeResult &r) { finish(key, r); });
    });
}

void Monitor::finish(const QString &id, const ProbeResult &result)
{
    m_scheduler.onResult(id, result);
    ProbeResult r = result;
    // A route's quotas are its own resource, named after it; the documented limit of the
    // preset's probe says nothing about a route.
    if (const QString route = m_targets.value(id).route; !route.isEmpty()) {
        r.route = route;
        QList<Quota> quotas;
        for (Quota q : std::as_const(r.reading.quotas)) {
            if (q.limitSource == LimitSource::Documented && !q.remaining)
                continue;
            q.resource = r.reading.quotas.size() > 1 && !q.resource.isEmpty() ? route + u'.' + q.resource : route;
            quotas.append(q);
        }
        r.reading.quotas = quotas;
    }
    if (!m_once) {
        switch (m_scheduler.breaker(id)) {
        case Scheduler::Breaker::Closed:
            r.breaker = QStringLiteral("closed");
            break;
        case Scheduler::Breaker::Open:
            r.breaker = QStringLiteral("open");
            break;
        case Scheduler::Breaker::HalfOpen:
            r.breaker = QStringLiteral("half_open");
            break;
        }
    }
    bool recorded = true;
    if (m_history) {
        if (!m_registered.contains(r.accountId)
            && m_history->registerAccount(r.accountId, r.accountName, r.provider))
            m_registered.insert(r.accountId);
        const AccountState previous = m_lastState.value(id, AccountState::NoData);
        m_lastState.insert(id, r.state);
        recorded = m_history->record(toHistory(r, previous));
    }
    if (recorded) {
        Q_EMIT resultRecorded(r);
    } else {
        ++m_recordFailures;
        Q_EMIT recordFailed(r, tr("the history could not store the result"));
    }
    if (m_once) {
        m_oncePending.remove(id);
        m_scheduler.removeAccount(id);
        if (m_oncePending.isEmpty()) {
            m_once = false;
            m_scheduler.setTuning(m_savedTuning);
            Q_EMIT runOnceFinished();
            return;
        }
    }
    armTimer();
}
