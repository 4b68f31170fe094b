#include "alertengine.h"

#include "alertstatestore.h"
#include "accounts/pool.h"
#include "core/clock.h"
#include "probe/proberesult.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>

#include <algorithm>
#include <cmath>

namespace {
constexpr qint64 kHourMs = 3600 * 1000;
constexpr qint64 kDayMs = 24 * kHourMs;
// Bounds the forecast's O(n²) slope: at one probe every 10 s that is still the full 15 min.
constexpr int kMaxSeriesPoints = 96;
// A forecast needs a few points over a few minutes, or one burst would look like a trend.
constexpr int kMinForecastPoints = 4;
constexpr qint64 kMinForecastSpanMs = 3 * 60 * 1000;

QString stateKey(const QString &accountId)
{
    return QStringLiteral("alerts/") + accountId;
}

QString latchKey(AlertRule rule, const QString &resource)
{
    return alertRuleId(rule) + u'|' + resource;
}

qint64 bucketEnd(qint64 nowMs, std::optional<qint64> windowS)
{
    const qint64 len = (windowS && *windowS > 0) ? *windowS * 1000 : kHourMs;
    return (nowMs / len) * len + len;
}

QDateTime fromMs(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC);
}

// "14:32" today, the date as well otherwise; local time, as the user reads their clock.
QString when(qint64 ms, qint64 nowMs)
{
    const QDateTime t = fromMs(ms).toLocalTime();
    const QDateTime now = fromMs(nowMs).toLocalTime();
    const QLocale locale;
    if (t.date() == now.date())
        return locale.toString(t, QStringLiteral("HH:mm"));
    return locale.toString(t, QStringLiteral("yyyy-MM-dd HH:mm"));
}

QString number(qint64 v)
{
    return QLocale().toString(v);
}

QString percent(double v)
{
    return QLocale().toString(v, 'f', v < 10.0 ? 1 : 0);
}

QString resourceName(const QString &resource)
{
    return resource.isEmpty() ? AlertEngine::tr("requests") : resource;
}

// "123 of 5,000 left (2.5 %). Resets at 15:00."
QString leftText(std::optional<qint64> remaining, std::optional<qint64> limit, std::optional<qint64> resetMs,
                 qint64 nowMs)
{
    QString text;
    if (remaining && limit && *limit > 0)
        text = AlertEngine::tr("%1 of %2 left (%3 %).")
                   .arg(number(*remaining), number(*limit), percent(100.0 * double(*remaining) / double(*limit)));
    else if (remaining)
        text = AlertEngine::tr("%1 left.").arg(number(*remaining));
    if (resetMs) {
        if (!text.isEmpty())
            text += u' ';
        text += AlertEngine::tr("Resets at %1.").arg(when(*resetMs, nowMs));
    }
    return text;
}

std::optional<qint64> msOf(const std::optional<QDateTime> &t)
{
    if (!t || !t->isValid())
        return std::nullopt;
    return t->toMSecsSinceEpoch();
}

QString nameOf(const ProbeResult &r)
{
    return r.accountName.isEmpty() ? r.accountId : r.accountName;
}

bool isFailure(const ProbeResult &r)
{
    return r.state == AccountState::Error || r.state == AccountState::Stale;
}
} // namespace

AlertEngine::AlertEngine(AlertStateStore *store, Clock *clock, QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_clock(clock)
{
}

AlertEngine::~AlertEngine() = default;

Clock *AlertEngine::clock() const
{
    return m_clock ? m_clock : Clock::instance();
}

void AlertEngine::setSettings(const AlertSettings &settings)
{
    m_settings = settings;
}

// ---------------------------------------------------------------------------------------------
// Persistence

AlertEngine::AccountAlerts &AlertEngine::state(const QString &accountId)
{
    AccountAlerts &s = m_accounts[accountId];
    if (s.loaded)
        return s;
    s.loaded = true;
    if (!m_store)
        return s;
    s.savedBlob = m_store->load(stateKey(accountId));
    const QJsonObject o = QJsonDocument::fromJson(s.savedBlob).object();
    const QJsonObject latches = o.value(QStringLiteral("latches")).toObject();
    for (auto it = latches.begin(); it != latches.end(); ++it)
        s.latches.insert(it.key(), Latch{qint64(it.value().toDouble())});
    const QJsonObject fired = o.value(QStringLiteral("fired")).toObject();
    for (auto it = fired.begin(); it != fired.end(); ++it)
        s.lastFiredMs.insert(it.key(), qint64(it.value().toDouble()));
    const QJsonObject restore = o.value(QStringLiteral("restore")).toObject();
    for (auto it = restore.begin(); it != restore.end(); ++it)
        s.restoreArmed.insert(it.key(), qint64(it.value().toDouble()));
    const QJsonObject resets = o.value(QStringLiteral("resets")).toObject();
    for (auto it = resets.begin(); it != resets.end(); ++it)
        s.lastResetMs.insert(it.key(), qint64(it.value().toDouble()));
    if (o.contains(QStringLiteral("failing_since")))
        s.failingSinceMs = qint64(o.value(QStringLiteral("failing_since")).toDouble());
    s.failureRaised = o.value(QStringLiteral("failure_raised")).toBool();
    s.authRaised = o.value(QStringLiteral("auth_raised")).toBool();
    s.snoozedUntilMs = qint64(o.value(QStringLiteral("snoozed_until")).toDouble());
    return s;
}

void AlertEngine::persist(const QString &accountId, AccountAlerts &s)
{
    if (!m_store)
        return;
    const qint64 nowMs = clock()->nowUtc().toMSecsSinceEpoch();
    QJsonObject latches;
    for (auto it = s.latches.begin(); it != s.latches.end(); ++it) {
        // Expired latches are dead weight; the token latch keeps its exact instant until then too.
        if (it->untilMs > nowMs)
            latches.insert(it.key(), double(it->untilMs));
    }
    QJsonObject fired;
    for (auto it = s.lastFiredMs.begin(); it != s.lastFiredMs.end(); ++it) {
        if (nowMs - it.value() < AlertSettings::kMinRepeatS * 1000)
            fired.insert(it.key(), double(it.value()));
    }
    QJsonObject restore;
    for (auto it = s.restoreArmed.begin(); it != s.restoreArmed.end(); ++it)
        restore.insert(it.key(), double(it.value()));
    QJsonObject resets;
    for (auto it = s.lastResetMs.begin(); it != s.lastResetMs.end(); ++it) {
        if (it.value() > nowMs)
            resets.insert(it.key(), double(it.value()));
    }
    QJsonObject o{{QStringLiteral("v"), 1}, {QStringLiteral("latches"), latches},
                  {QStringLiteral("fired"), fired}, {QStringLiteral("restore"), restore}, {QStringLiteral("resets"), resets},
                  {QStringLiteral("failure_raised"), s.failureRaised}, {QStringLiteral("auth_raised"), s.authRaised}};
    if (s.failingSinceMs)
        o.insert(QStringLiteral("failing_since"), double(*s.failingSinceMs));
    if (s.snoozedUntilMs > nowMs)
        o.insert(QStringLiteral("snoozed_until"), double(s.snoozedUntilMs));
    const QByteArray blob = QJsonDocument(o).toJson(QJsonDocument::Compact);
    // On failure (disk full) the state stays in memory and the next reading tries again.
    if (blob != s.savedBlob && m_store->save(stateKey(accountId), blob))
        s.savedBlob = blob;
}

bool AlertEngine::latched(const AccountAlerts &s, const QString &key, qint64 nowMs)
{
    const auto it = s.latches.constFind(key);
    return it != s.latches.constEnd() && it->untilMs > nowMs;
}

bool AlertEngine::canFire(const AccountAlerts &s, const QString &key, qint64 nowMs)
{
    if (latched(s, key, nowMs))
        return false;
    // Windows of a minute (or resets that drift with every response) would otherwise make a
    // new window, hence a new alert, per poll. Deferred, not dropped: still true later, it fires.
    const auto it = s.lastFiredMs.constFind(key);
    return it == s.lastFiredMs.constEnd() || nowMs - it.value() >= AlertSettings::kMinRepeatS * 1000;
}

void AlertEngine::fire(AccountAlerts &s, const QString &key, qint64 untilMs, qint64 nowMs)
{
    s.latches.insert(key, Latch{untilMs});
    s.lastFiredMs.insert(key, nowMs);
}

// ---------------------------------------------------------------------------------------------
// Snoozes

void AlertEngine::snoozeUntil(const QString &accountId, const QDateTime &until)
{
    AccountAlerts &s = state(accountId);
    s.snoozedUntilMs = until.isValid() ? until.toMSecsSinceEpoch() : 0;
    persist(accountId, s);
}

void AlertEngine::snoozeFor(const QString &accountId, qint64 seconds)
{
    snoozeUntil(accountId, clock()->nowUtc().addSecs(seconds));
}

void AlertEngine::snoozeUntilReset(const QString &accountId)
{
    AccountAlerts &s = state(accountId);
    const qint64 nowMs = clock()->nowUtc().toMSecsSinceEpoch();
    // Prefer the quotas that alerted: their reset is the one the user is waiting for.
    std::optional<qint64> best;
    std::optional<qint64> any;
    for (auto it = s.lastResetMs.cbegin(); it != s.lastResetMs.cend(); ++it) {
        if (it.value() <= nowMs)
            continue;
        if (!any || it.value() < *any)
            any = it.value();
        if (s.restoreArmed.contains(it.key()) && (!best || it.value() < *best))
            best = it.value();
    }
    const qint64 until = best.value_or(any.value_or(nowMs + kHourMs));
    snoozeUntil(accountId, fromMs(until));
}

void AlertEngine::clearSnooze(const QString &accountId)
{
    snoozeUntil(accountId, QDateTime());
}

void AlertEngine::applySnooze(const SnoozeRequest &request)
{
    switch (request.kind) {
    case SnoozeRequest::Kind::Clear:
        clearSnooze(request.accountId);
        break;
    case SnoozeRequest::Kind::OneHour:
        snoozeFor(request.accountId, 3600);
        break;
    case SnoozeRequest::Kind::UntilReset:
        snoozeUntilReset(request.accountId);
        break;
    case SnoozeRequest::Kind::Until:
        snoozeUntil(request.accountId, request.until);
        break;
    }
}

QDateTime AlertEngine::snoozedUntil(const QString &accountId) const
{
    const auto it = m_accounts.constFind(accountId);
    qint64 until = 0;
    if (it != m_accounts.constEnd() && it->loaded) {
        until = it->snoozedUntilMs;
    } else if (m_store) {
        const QJsonObject o = QJsonDocument::fromJson(m_store->load(stateKey(accountId))).object();
        until = qint64(o.value(QStringLiteral("snoozed_until")).toDouble());
    }
    if (until <= clock()->nowUtc().toMSecsSinceEpoch())
        return {};
    return fromMs(until);
}

// ---------------------------------------------------------------------------------------------
// Forecast

std::optional<double> AlertEngine::theilSenSlope(const QList<Point> &points)
{
    std::vector<double> slopes;
    const qsizetype n = points.size();
    slopes.reserve(size_t(n * (n - 1) / 2));
    for (qsizetype i = 0; i < n; ++i) {
        for (qsizetype j = i + 1; j < n; ++j) {
            const qint64 dt = points[j].tMs - points[i].tMs;
            if (dt == 0)
                continue;
            slopes.push_back((points[j].value - points[i].value) * 1000.0 / double(dt));
        }
    }
    if (slopes.empty())
        return std::nullopt;
    const size_t mid = slopes.size() / 2;
    std::nth_element(slopes.begin(), slopes.begin() + qsizetype(mid), slopes.end());
    const double upper = slopes[mid];
    if (slopes.size() % 2 == 1)
        return upper;
    const double lower = *std::max_element(slopes.begin(), slopes.begin() + qsizetype(mid));
    return (lower + upper) / 2.0;
}

std::optional<qint64> AlertEngine::forecastRunDry(const QString &accountId, const QString &resource,
                                                  AccountAlerts &s, qint64 nowMs, qint64 pointMs,
                                                  qint64 remaining, std::optional<qint64> resetMs)
{
    Series &series = s.series[resource];
    const qint64 fromMs_ = nowMs - AlertSettings::kForecastLookbackS * 1000;
    if (!series.seeded) {
        series.seeded = true;
        if (m_store) {
            const auto seed = m_store->recentRemaining(accountId, resource, fromMs(fromMs_), fromMs(nowMs));
            for (const auto &p : seed) {
                // Points from before the current window's reset describe another window; the
                // reading being processed may already be in the history (recorded first).
                if (resetMs && msOf(p.resetAt) && *msOf(p.resetAt) != *resetMs)
                    continue;
                if (p.time.toMSecsSinceEpoch() >= pointMs)
                    continue;
                series.points.append({p.time.toMSecsSinceEpoch(), double(p.remaining)});
            }
            series.resetMs = resetMs;
        }
    }
    // A new window starts once the old reset has passed: its points say nothing about this one.
    if (series.resetMs && *series.resetMs <= nowMs)
        series.points.clear();
    if (!series.resetMs || *series.resetMs <= nowMs)
        series.resetMs = resetMs;
    // The first reading in a window that restarted without a known reset: a jump up is a refill.
    if (!series.points.isEmpty() && double(remaining) > series.points.last().value && !resetMs)
        series.points.clear();

    series.points.append({pointMs, double(remaining)});
    while (!series.points.isEmpty()
           && (series.points.first().tMs < fromMs_ || series.points.size() > kMaxSeriesPoints))
        series.points.removeFirst();

    if (!resetMs || *resetMs <= nowMs || remaining <= 0)
        return std::nullopt;
    if (series.points.size() < kMinForecastPoints
        || series.points.last().tMs - series.points.first().tMs < kMinForecastSpanMs)
        return std::nullopt;
    const auto slope = theilSenSlope(series.points);
    if (!slope || *slope >= 0.0)
        return std::nullopt;
    // The level now is the line's, not the last reading's: one glitched reading must not
    // fake an imminent run-dry (Theil–Sen intercept: median of the residual levels).
    std::vector<double> levels;
    levels.reserve(size_t(series.points.size()));
    for (const Point &p : std::as_const(series.points))
        levels.push_back(p.value - *slope * double(p.tMs - nowMs) / 1000.0);
    std::nth_element(levels.begin(), levels.begin() + qsizetype(levels.size() / 2), levels.end());
    const double level = levels[levels.size() / 2];
    if (level <= 0.0)
        return std::nullopt;
    const double secondsLeft = level / -*slope;
    if (!std::isfinite(secondsLeft) || secondsLeft * 1000.0 >= double(*resetMs - nowMs))
        return std::nullopt;
    return nowMs + qint64(secondsLeft * 1000.0);
}

// ---------------------------------------------------------------------------------------------
// Evaluation

void AlertEngine::process(const ProbeResult &result)
{
    if (result.accountId.isEmpty())
        return;
    AccountAlerts &s = state(result.accountId);
    const qint64 nowMs = clock()->nowUtc().toMSecsSinceEpoch();
    const EffectiveAlertSettings eff = m_settings.effectiveFor(result.accountId);

    evaluateFailures(result, s, nowMs);
    evaluateThrottle(result, s, nowMs);
    evaluateQuotas(result, s, nowMs, eff);
    evaluateToken(result, s, nowMs);
    persist(result.accountId, s);
}

void AlertEngine::processPool(const ProbeResult &pool, const PoolBalance &balance)
{
    if (pool.accountId.isEmpty())
        return;
    AccountAlerts &s = state(pool.accountId);
    const qint64 nowMs = clock()->nowUtc().toMSecsSinceEpoch();
    const EffectiveAlertSettings eff = m_settings.effectiveFor(pool.accountId);
    // A pool does not fail or expire on its own: its members alert for that.
    evaluateThrottle(pool, s, nowMs);
    evaluateQuotas(pool, s, nowMs, eff);
    evaluateBalance(pool, balance, s, nowMs);
    persist(pool.accountId, s);
}

void AlertEngine::raise(Alert alert, const ProbeResult &result, AccountAlerts &s)
{
    const QDateTime now = clock()->nowUtc();
    alert.accountId = result.accountId;
    alert.accountName = nameOf(result);
    alert.raisedAt = now;
    const EffectiveAlertSettings eff = m_settings.effectiveFor(result.accountId);
    if (!eff.enabled)
        alert.suppression = AlertSuppression::Disabled;
    else if (s.snoozedUntilMs > now.toMSecsSinceEpoch())
        alert.suppression = AlertSuppression::Snoozed;
    else if (m_settings.doNotDisturb)
        alert.suppression = AlertSuppression::DoNotDisturb;

    if (m_store) {
        Event e;
        e.accountId = alert.accountId;
        e.time = now;
        e.kind = EventKind::Alert;
        e.status = result.reading.status;
        e.retryAfterS = result.reading.retryAfterS;
        e.detail = alert.eventDetail();
        m_store->appendEvents({e});
    }
    Q_EMIT alertRaised(alert);
}

void AlertEngine::evaluateFailures(const ProbeResult &result, AccountAlerts &s, qint64 nowMs)
{
    if (result.state == AccountState::AuthFailed) {
        // The server answered, so any unreachable streak is over; a rejected token is not
        // going to fix itself, so say so at once.
        s.failingSinceMs.reset();
        s.failureRaised = false;
        if (!s.authRaised) {
            s.authRaised = true;
            Alert a;
            a.rule = AlertRule::AuthFailed;
            a.severity = defaultSeverity(a.rule);
            a.title = tr("%1: token rejected").arg(nameOf(result));
            // The probe's own error says the same in other words: one sentence, and an action
            // only where the user can take it (the demo's accounts are fixed).
            a.body = m_accountsEditable
                ? tr("The server rejected the token (HTTP 401): edit the account and enter a new token.")
                : tr("The server rejected the token (HTTP 401).");
            raise(a, result, s);
        }
        return;
    }
    if (!isFailure(result)) {
        s.failingSinceMs.reset();
        s.failureRaised = false;
        s.authRaised = false;
        return;
    }
    if (!s.failingSinceMs)
        s.failingSinceMs = nowMs;
    if (s.failureRaised || nowMs - *s.failingSinceMs < AlertSettings::kFailureGraceS * 1000)
        return;
    s.failureRaised = true;
    Alert a;
    a.rule = AlertRule::ProbeFailing;
    a.severity = defaultSeverity(a.rule);
    a.title = tr("%1: probes failing").arg(nameOf(result));
    a.body = tr("No successful probe since %1.").arg(when(*s.failingSinceMs, nowMs));
    if (!result.error.isEmpty())
        a.body += u' ' + result.error;
    raise(a, result, s);
}

void AlertEngine::evaluateThrottle(const ProbeResult &result, AccountAlerts &s, qint64 nowMs)
{
    if (!result.reading.throttled && result.state != AccountState::Throttled)
        return;
    const QString key = latchKey(AlertRule::Throttled, QString());
    if (!canFire(s, key, nowMs))
        return;
    // The quota that ran out (or the tightest one) names the window; else an hour bucket, so a
    // provider that throttles without saying when still alerts at most once an hour.
    std::optional<qint64> resetMs;
    std::optional<qint64> tightest;
    const Quota *tight = nullptr;
    for (const Quota &q : result.reading.quotas) {
        const auto r = msOf(q.resetAt);
        if (!r || *r <= nowMs)
            continue;
        if (q.remaining && (!tightest || *q.remaining < *tightest)) {
            tightest = *q.remaining;
            tight = &q;
            resetMs = r;
        }
    }
    std::optional<qint64> resumesMs;
    const qint64 probedMs = result.probedAt.isValid() ? result.probedAt.toMSecsSinceEpoch() : nowMs;
    if (result.reading.retryAfterS && *result.reading.retryAfterS >= 0)
        resumesMs = probedMs + qint64(*result.reading.retryAfterS * 1000.0);
    else if (resetMs)
        resumesMs = resetMs;
    fire(s, key, resetMs.value_or(bucketEnd(nowMs, std::nullopt)), nowMs);

    Alert a;
    a.rule = AlertRule::Throttled;
    a.severity = defaultSeverity(a.rule);
    if (tight) {
        a.resource = tight->resource;
        a.remaining = tight->remaining;
        a.limit = tight->limit;
        a.resetAt = tight->resetAt;
    }
    if (resumesMs)
        a.resumesAt = fromMs(*resumesMs);
    a.title = tr("%1 is rate limited").arg(nameOf(result));
    // A pool's reading has no response of its own: its members were refused.
    const QString refused = result.reading.status
        ? tr("The API refused requests (HTTP %1).").arg(*result.reading.status)
        : result.accountId.startsWith(Pool::accountIdOf(QString()))
        ? tr("The API refuses every member's requests.")
        : tr("The API refused requests.");
    a.body = resumesMs ? refused + u' ' + tr("Probing resumes at %1.").arg(when(*resumesMs, nowMs)) : refused;
    raise(a, result, s);
}

void AlertEngine::evaluateQuotas(const ProbeResult &result, AccountAlerts &s, qint64 nowMs,
                                 const EffectiveAlertSettings &eff)
{
    for (const Quota &q : result.reading.quotas) {
        const QString &res = q.resource;
        std::optional<qint64> resetMs = msOf(q.resetAt);
        if (resetMs && *resetMs <= nowMs)
            resetMs.reset(); // a reset in the past names no window
        if (resetMs)
            s.lastResetMs.insert(res, *resetMs);
        const qint64 windowEnd = resetMs.value_or(bucketEnd(nowMs, q.windowS));
        // The provider's flag has its own rule below; the thresholds classify the numbers alone.
        const QuotaLevel numbers{q.remaining, q.limit, std::nullopt};
        const std::optional<double> pct = remainingPct(numbers);
        const AccountState level = classifyQuota(numbers, eff.thresholds());

        auto makeAlert = [&](AlertRule rule) {
            Alert a;
            a.rule = rule;
            a.severity = defaultSeverity(rule);
            a.resource = res;
            a.remaining = q.remaining;
            a.limit = q.limit;
            a.resetAt = resetMs ? std::optional<QDateTime>(fromMs(*resetMs)) : std::nullopt;
            return a;
        };
        const QString left = leftText(q.remaining, q.limit, resetMs, nowMs);
        const QString warnKey = latchKey(AlertRule::Warning, res);
        const QString critKey = latchKey(AlertRule::Critical, res);
        const QString nearKey = latchKey(AlertRule::NearLimit, res);
        const QString foreKey = latchKey(AlertRule::Forecast, res);

        // Recovery first: hysteresis re-arms, and "restored" closes an earlier warning.
        if (pct) {
            if (*pct >= eff.criticalPct + AlertSettings::kRearmPoints)
                s.latches.remove(critKey);
            if (*pct >= eff.warningPct + AlertSettings::kRearmPoints) {
                s.latches.remove(warnKey);
                if (q.nearLimit != true)
                    s.latches.remove(nearKey);
                if (s.restoreArmed.remove(res) > 0) {
                    Alert a = makeAlert(AlertRule::Restored);
                    a.title = tr("%1: %2 quota restored").arg(nameOf(result), resourceName(res));
                    a.body = left;
                    raise(a, result, s);
                }
            }
        }

        bool thresholdActive = false;
        if (level == AccountState::Critical) {
            thresholdActive = true;
            if (canFire(s, critKey, nowMs)) {
                // Falling straight past both thresholds gives the critical alert only.
                fire(s, critKey, windowEnd, nowMs);
                s.latches.insert(warnKey, Latch{windowEnd});
                s.restoreArmed.insert(res, nowMs);
                Alert a = makeAlert(AlertRule::Critical);
                a.title = tr("%1: %2 quota almost exhausted").arg(nameOf(result), resourceName(res));
                a.body = left;
                raise(a, result, s);
            }
        } else if (level == AccountState::Warning) {
            thresholdActive = true;
            if (canFire(s, warnKey, nowMs)) {
                fire(s, warnKey, windowEnd, nowMs);
                s.restoreArmed.insert(res, nowMs);
                Alert a = makeAlert(AlertRule::Warning);
                a.title = tr("%1: %2 quota low").arg(nameOf(result), resourceName(res));
                a.body = left;
                raise(a, result, s);
            }
        }
        thresholdActive = thresholdActive || latched(s, warnKey, nowMs) || latched(s, critKey, nowMs);

        if (q.nearLimit == true && canFire(s, nearKey, nowMs)) {
            // Our own threshold alert already said it; the provider's flag adds nothing then.
            if (thresholdActive) {
                s.latches.insert(nearKey, Latch{windowEnd});
            } else {
                fire(s, nearKey, windowEnd, nowMs);
                Alert a = makeAlert(AlertRule::NearLimit);
                a.title = tr("%1: %2 near its limit").arg(nameOf(result), resourceName(res));
                a.body = left.isEmpty() ? tr("The provider reports the quota is nearly used up.")
                                        : tr("The provider reports the quota is nearly used up. %1").arg(left);
                raise(a, result, s);
            }
        }

        if (q.remaining) {
            const qint64 pointMs = result.probedAt.isValid() ? result.probedAt.toMSecsSinceEpoch() : nowMs;
            const auto dry = forecastRunDry(result.accountId, res, s, nowMs, pointMs, *q.remaining, resetMs);
            if (dry && eff.forecast && canFire(s, foreKey, nowMs) && !latched(s, critKey, nowMs)) {
                fire(s, foreKey, windowEnd, nowMs);
                Alert a = makeAlert(AlertRule::Forecast);
                a.runsDryAt = fromMs(*dry);
                a.title = tr("%1: %2 will run dry before its reset").arg(nameOf(result), resourceName(res));
                a.body = tr("At the current rate it runs dry ≈ %1, resets %2.")
                             .arg(when(*dry, nowMs), when(*resetMs, nowMs));
                const QString remainingText = leftText(q.remaining, q.limit, std::nullopt, nowMs);
                if (!remainingText.isEmpty())
                    a.body += u' ' + remainingText;
                raise(a, result, s);
            }
        }
    }
}

void AlertEngine::evaluateBalance(const ProbeResult &pool, const PoolBalance &balance, AccountAlerts &s,
                                  qint64 nowMs)
{
    if (!balance.known)
        return;
    const QString key = latchKey(AlertRule::Imbalanced, QString());
    if (!balance.imbalanced) {
        s.latches.remove(key);
        return;
    }
    if (!canFire(s, key, nowMs))
        return;
    // Latched for the episode, not a window: only a balanced reading ends it. A year stands
    // for "until then" and still expires, so a latch is never kept for ever.
    fire(s, key, nowMs + 365 * kDayMs, nowMs);
    Alert a;
    a.rule = AlertRule::Imbalanced;
    a.severity = defaultSeverity(a.rule);
    a.title = tr("%1: the load is not spread over the pool").arg(nameOf(pool));
    a.body = tr("Running out: %1. More than half left: %2. The requests do not reach every token alike.")
                 .arg(balance.low.join(tr(", ")), balance.roomy.join(tr(", ")));
    raise(a, pool, s);
}

void AlertEngine::evaluateToken(const ProbeResult &result, AccountAlerts &s, qint64 nowMs)
{
    const auto expMs = msOf(result.reading.tokenExpiresAt);
    if (!expMs || *expMs <= nowMs || *expMs - nowMs > AlertSettings::kTokenExpiryHorizonS * 1000)
        return;
    // Keyed by the exact expiry: a replacement token with another expiry alerts afresh.
    const QString key = latchKey(AlertRule::TokenExpiring, QString());
    const auto it = s.latches.constFind(key);
    if (it != s.latches.constEnd() && it->untilMs == *expMs)
        return;
    s.latches.insert(key, Latch{*expMs});
    Alert a;
    a.rule = AlertRule::TokenExpiring;
    a.severity = *expMs - nowMs <= kDayMs ? AlertSeverity::Critical : defaultSeverity(a.rule);
    a.expiresAt = fromMs(*expMs);
    a.title = tr("%1: token expires soon").arg(nameOf(result));
    a.body = tr("The token expires %1. Create a new token and update the account before then.")
                 .arg(QLocale().toString(fromMs(*expMs).toLocalTime(), QStringLiteral("yyyy-MM-dd HH:mm")));
    raise(a, result, s);
}
