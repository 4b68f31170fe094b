#include "attentionmodel.h"

#include "accounttablemodel.h"
#include "alerts/alertengine.h"
#include "alerts/alertsettings.h"
#include "core/clock.h"
#include "statestyle.h"

#include <QLocale>

#include <algorithm>
#include <cmath>

namespace {

// The alert engine's forecast rule: at least this many readings over at least this span, of the
// last quarter hour of the current window.
constexpr int kMinForecastPoints = 4;
constexpr qint64 kMinForecastSpanMs = 3 * 60 * 1000;
constexpr int kMaxSeriesPoints = 96;
constexpr qint64 kDayS = 24 * 3600;

const QChar kSep = u'\x1f';

// "14:32" today, "Tue 14:32" within the week, "3 Dec 14:32" beyond.
QString clockTime(const QDateTime &t)
{
    const QDateTime local = t.toLocalTime();
    const QDateTime now = Clock::instance()->nowUtc().toLocalTime();
    const QLocale locale;
    if (local.date() == now.date())
        return locale.toString(local, QStringLiteral("HH:mm"));
    if (std::abs(now.secsTo(local)) < 6 * kDayS)
        return locale.toString(local, QStringLiteral("ddd HH:mm"));
    return locale.toString(local, QStringLiteral("d MMM HH:mm"));
}

QString percentText(double pct)
{
    // Never "0 %" while something is left.
    if (pct > 0.0 && pct < 1.0)
        return AttentionModel::tr("<1 %");
    return AttentionModel::tr("%1 %").arg(QLocale().toString(std::floor(pct), 'f', 0));
}

int severityOf(AccountState state, bool forecast)
{
    return StateStyle::severity(state) * 10 + (forecast ? 5 : 0);
}

} // namespace

AttentionModel::AttentionModel(QObject *parent)
    : QAbstractListModel(parent)
{
}

int AttentionModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

QVariant AttentionModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const Line &l = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case Qt::ToolTipRole: return QString(l.title + QStringLiteral(" — ") + detailOf(l));
    case KeyRole: return l.key;
    case KindRole: return int(l.kind);
    case StateRole: return int(l.state);
    case OwnerRole: return l.owner;
    case AccountIdRole: return l.accountId;
    case ResourceRole: return l.resource;
    case TitleRole: return l.title;
    case DetailRole: return detailOf(l);
    case ResetAtRole: return l.resetAt ? QVariant(*l.resetAt) : QVariant();
    case CanEditRole:
        return l.kind == Kind::AuthFailed || l.kind == Kind::TokenExpiring
            || (l.kind == Kind::Unreachable && !l.transport);
    case SeverityRole: return l.severity;
    default: return {};
    }
}

void AttentionModel::setAccountName(const QString &accountId, const QString &name)
{
    if (m_names.value(accountId) == name)
        return;
    m_names.insert(accountId, name);
    if (!m_rows.isEmpty())
        rebuild();
}

void AttentionModel::removeAccount(const QString &accountId)
{
    m_names.remove(accountId);
    m_snoozed.remove(accountId);
    for (auto it = m_sources.begin(); it != m_sources.end();) {
        if (it.key() == accountId || it.key().startsWith(accountId + kSep))
            it = m_sources.erase(it);
        else
            ++it;
    }
    for (auto it = m_series.begin(); it != m_series.end();) {
        if (it.key().startsWith(accountId + kSep))
            it = m_series.erase(it);
        else
            ++it;
    }
    rebuild();
}

void AttentionModel::setPools(const QList<Pool> &pools)
{
    m_pools = pools;
    QSet<QString> names;
    for (const Pool &p : pools)
        names.insert(QStringLiteral("pool:") + p.name);
    // A pool removed or renamed takes its line with it.
    for (auto it = m_sources.begin(); it != m_sources.end();) {
        if (it.key().startsWith(QStringLiteral("pool:")) && !names.contains(it.key()))
            it = m_sources.erase(it);
        else
            ++it;
    }
    rebuild();
}

void AttentionModel::setThresholds(ThresholdsFor thresholds)
{
    m_thresholds = std::move(thresholds);
    rebuild();
}

void AttentionModel::applyProbeResult(const ProbeResult &result)
{
    const QString key = result.accountId + kSep + result.route;
    Source &s = m_sources[key];
    const QDateTime at = result.probedAt.isValid() ? result.probedAt : Clock::instance()->nowUtc();
    if (result.state == AccountState::Error) {
        if (!s.failingSince)
            s.failingSince = at;
    } else {
        s.failingSince.reset();
    }
    if (result.state == AccountState::AuthFailed) {
        if (!s.refusedSince)
            s.refusedSince = at;
    } else {
        s.refusedSince.reset();
    }
    s.result = result;
    updateForecast(result);
    rebuild();
}

void AttentionModel::applyPoolReading(const PoolReading &reading)
{
    m_sources[QStringLiteral("pool:") + reading.pool].pool = reading;
    rebuild();
}

void AttentionModel::dismiss(const QString &key)
{
    for (const Line &l : std::as_const(m_rows)) {
        if (l.key == key) {
            m_dismissed.insert(key, l.severity);
            rebuild();
            return;
        }
    }
}

void AttentionModel::snooze(const QString &owner, const QDateTime &until)
{
    if (!until.isValid() || until <= Clock::instance()->nowUtc())
        return;
    m_snoozed.insert(owner, until);
    rebuild();
}

void AttentionModel::showHidden()
{
    m_dismissed.clear();
    m_snoozed.clear();
    rebuild();
}

void AttentionModel::tick()
{
    const QDateTime now = Clock::instance()->nowUtc();
    bool ended = false;
    for (auto it = m_snoozed.begin(); it != m_snoozed.end();) {
        if (it.value() <= now) {
            it = m_snoozed.erase(it);
            ended = true;
        } else {
            ++it;
        }
    }
    if (ended)
        rebuild();
    else if (!m_rows.isEmpty())
        Q_EMIT dataChanged(index(0), index(int(m_rows.size()) - 1), {Qt::DisplayRole, Qt::ToolTipRole, DetailRole});
}

void AttentionModel::updateForecast(const ProbeResult &r)
{
    const QDateTime at = r.probedAt.isValid() ? r.probedAt : Clock::instance()->nowUtc();
    const qint64 nowMs = at.toMSecsSinceEpoch();
    for (const Quota &q : r.reading.quotas) {
        Series &s = m_series[r.accountId + kSep + q.resource];
        s.runsDryAt.reset();
        if (!q.remaining || !q.resetAt) {
            s = {};
            continue;
        }
        const qint64 resetMs = q.resetAt->toMSecsSinceEpoch();
        // A window that ended says nothing about this one; nor does a level from before a refill.
        if ((s.resetMs && *s.resetMs <= nowMs) || (!s.points.isEmpty() && double(*q.remaining) > s.points.last().second))
            s.points.clear();
        if (s.points.isEmpty() || !s.resetMs || *s.resetMs <= nowMs)
            s.resetMs = resetMs;
        s.points.append({nowMs, double(*q.remaining)});
        const qint64 fromMs = nowMs - AlertSettings::kForecastLookbackS * 1000;
        while (!s.points.isEmpty() && (s.points.first().first < fromMs || s.points.size() > kMaxSeriesPoints))
            s.points.removeFirst();
        if (resetMs <= nowMs || *q.remaining <= 0 || s.points.size() < kMinForecastPoints
            || s.points.last().first - s.points.first().first < kMinForecastSpanMs)
            continue;
        QList<AlertEngine::Point> points;
        for (const auto &[t, v] : std::as_const(s.points))
            points.append({t, v});
        const std::optional<double> slope = AlertEngine::theilSenSlope(points);
        if (!slope || *slope >= 0.0)
            continue;
        // The level now is the line's (median of the residual levels), so one odd reading cannot
        // fake an imminent run-dry.
        std::vector<double> levels;
        for (const auto &[t, v] : std::as_const(s.points))
            levels.push_back(v - *slope * double(t - nowMs) / 1000.0);
        std::nth_element(levels.begin(), levels.begin() + qsizetype(levels.size() / 2), levels.end());
        const double level = levels[levels.size() / 2];
        if (level <= 0.0)
            continue;
        const double secondsLeft = level / -*slope;
        if (!std::isfinite(secondsLeft) || secondsLeft * 1000.0 >= double(resetMs - nowMs))
            continue;
        s.runsDryAt = at.addMSecs(qint64(secondsLeft * 1000.0));
    }
}

QString AttentionModel::nameOf(const QString &accountId, const QString &fallback) const
{
    const QString name = m_names.value(accountId);
    if (!name.isEmpty())
        return name;
    return fallback.isEmpty() ? accountId : fallback;
}

QList<AttentionModel::Line> AttentionModel::resultLines(const ProbeResult &r) const
{
    QList<Line> lines;
    const QString name = nameOf(r.accountId, r.accountName);
    const QString routeKey = r.accountId + kSep + r.route;
    const Source &src = *m_sources.constFind(routeKey);
    const QString accountTitle = r.route.isEmpty() ? name : name + QStringLiteral(" · ") + r.route;
    auto accountLine = [&](Kind kind, AccountState state) {
        Line l;
        l.key = QString::number(int(kind)) + kSep + routeKey;
        l.kind = kind;
        l.state = state;
        l.severity = severityOf(state, false);
        l.owner = r.accountId;
        l.accountId = r.accountId;
        l.title = accountTitle;
        l.status = r.reading.status;
        return l;
    };
    const QDateTime at = r.probedAt.isValid() ? r.probedAt : Clock::instance()->nowUtc();

    switch (r.state) {
    case AccountState::AuthFailed: {
        Line l = accountLine(Kind::AuthFailed, AccountState::AuthFailed);
        l.since = src.refusedSince;
        lines.append(l);
        return lines;
    }
    case AccountState::Error: {
        Line l = accountLine(Kind::Unreachable, AccountState::Error);
        l.since = src.failingSince;
        l.transport = r.transportFailure;
        l.text = r.error;
        lines.append(l);
        return lines;
    }
    case AccountState::Throttled: {
        Line l = accountLine(Kind::Throttled, AccountState::Throttled);
        l.since = at;
        // When probing may resume, as the table reads it.
        if (r.reading.retryAfterS)
            l.resumesAt = at.addMSecs(qint64(*r.reading.retryAfterS * 1000.0));
        else if (const int i = r.reading.mostRestrictive(); i >= 0 && r.reading.quotas.at(i).resetAt)
            l.resumesAt = *r.reading.quotas.at(i).resetAt;
        for (const Quota &q : r.reading.quotas) {
            if (q.remaining && *q.remaining <= 0) {
                l.resource = q.resource;
                break;
            }
        }
        lines.append(l);
        break;
    }
    default: break;
    }

    const Thresholds t = m_thresholds ? m_thresholds(r.accountId) : Thresholds{};
    for (const Quota &q : r.reading.quotas) {
        // A throttled account's exhausted quota is its throttle line already.
        if (r.state == AccountState::Throttled && q.remaining && *q.remaining <= 0)
            continue;
        const QuotaLevel level{q.remaining, q.limit, q.nearLimit};
        const AccountState qs = classifyQuota(level, t);
        const auto series = m_series.constFind(r.accountId + kSep + q.resource);
        const std::optional<QDateTime> dry = series != m_series.cend() ? series->runsDryAt : std::nullopt;
        if (qs != AccountState::Warning && qs != AccountState::Critical && !dry)
            continue;
        Line l;
        l.key = QStringLiteral("q") + kSep + r.accountId + kSep + q.resource;
        l.kind = qs == AccountState::Critical ? Kind::Critical : qs == AccountState::Warning ? Kind::Warning : Kind::Forecast;
        l.state = qs == AccountState::Critical ? AccountState::Critical : AccountState::Warning;
        l.severity = severityOf(l.state, dry.has_value() && l.kind != Kind::Critical);
        l.owner = r.accountId;
        l.accountId = r.accountId;
        l.resource = q.resource;
        l.title = name + QStringLiteral(" · ") + AccountTableModel::resourceLabel(q.resource);
        l.remaining = q.remaining;
        l.limit = q.limit;
        l.windowS = q.windowS;
        l.pct = remainingPct(level);
        l.resetAt = q.resetAt;
        l.runsDryAt = dry;
        l.nearLimitOnly = !l.pct && q.nearLimit.value_or(false);
        lines.append(l);
    }

    if (r.reading.tokenExpiresAt) {
        const qint64 left = at.secsTo(*r.reading.tokenExpiresAt);
        if (left > 0 && left <= AlertSettings::kTokenExpiryHorizonS) {
            Line l = accountLine(Kind::TokenExpiring, left <= kDayS ? AccountState::Critical : AccountState::Warning);
            l.expiresAt = r.reading.tokenExpiresAt;
            lines.append(l);
        }
    }
    return lines;
}

QList<AttentionModel::Line> AttentionModel::poolLines(const PoolReading &r) const
{
    if (!r.imbalanced)
        return {};
    Line l;
    l.key = QString::number(int(Kind::ImbalancedPool)) + kSep + r.pool;
    l.kind = Kind::ImbalancedPool;
    l.state = AccountState::Warning;
    l.severity = severityOf(l.state, false);
    l.owner = QStringLiteral("pool:") + r.pool;
    l.title = tr("Pool %1").arg(r.pool);
    QStringList throttled;
    for (const PoolQuota &q : r.quotas) {
        for (const QString &m : q.throttledMembers)
            if (!throttled.contains(m))
                throttled.append(m);
    }
    l.text = throttled.join(QStringLiteral(", "));
    // The chart shows the member in trouble: the first throttled one, else the first member.
    const QString wanted = throttled.value(0, r.members.value(0));
    for (const Pool &p : m_pools) {
        if (p.name != r.pool)
            continue;
        for (const QString &id : p.memberIds) {
            if (l.accountId.isEmpty() || nameOf(id) == wanted)
                l.accountId = id;
            if (nameOf(id) == wanted)
                break;
        }
    }
    return {l};
}

QList<AttentionModel::Line> AttentionModel::linesOf(const QString &, const Source &source) const
{
    if (source.pool)
        return poolLines(*source.pool);
    if (source.result)
        return resultLines(*source.result);
    return {};
}

QString AttentionModel::detailOf(const Line &l) const
{
    const QDateTime now = Clock::instance()->nowUtc();
    const QLocale locale;
    auto in = [&](const QDateTime &t) {
        return t > now ? tr("in %1").arg(AccountTableModel::formatDuration(now.secsTo(t))) : tr("now");
    };
    auto resets = [&] {
        return l.resetAt ? tr("resets %1 (%2)").arg(clockTime(*l.resetAt), in(*l.resetAt)) : QString();
    };
    auto left = [&] {
        if (!l.remaining)
            return QString();
        if (!l.limit)
            return tr("%1 left").arg(locale.toString(*l.remaining));
        QString s = tr("%1 of %2 left").arg(locale.toString(*l.remaining), locale.toString(*l.limit));
        if (l.pct)
            s += QStringLiteral(" (") + percentText(*l.pct) + u')';
        return s;
    };
    auto join = [](const QStringList &parts) {
        QStringList kept;
        for (const QString &p : parts)
            if (!p.isEmpty())
                kept.append(p);
        return kept.join(QStringLiteral(", "));
    };

    switch (l.kind) {
    case Kind::Throttled: {
        QString s = l.status ? tr("Throttled (HTTP %1)").arg(*l.status) : tr("Throttled");
        if (!l.resource.isEmpty())
            s += QStringLiteral(": ") + tr("%1 exhausted").arg(AccountTableModel::resourceLabel(l.resource));
        if (l.resumesAt)
            s += QStringLiteral("; ") + tr("probing resumes %1 (%2)").arg(clockTime(*l.resumesAt), in(*l.resumesAt));
        else if (l.since)
            // No resume time given: the refusal holds until a reading says otherwise.
            s += QStringLiteral("; ") + tr("refused at %1, no resume time given").arg(clockTime(*l.since));
        return s;
    }
    case Kind::AuthFailed: {
        QString s = l.status ? tr("Token refused (HTTP %1)").arg(*l.status) : tr("Token refused");
        if (l.since)
            s += u' ' + tr("since %1").arg(clockTime(*l.since));
        return s;
    }
    case Kind::Unreachable: {
        QString s = l.transport ? tr("Unreachable") : tr("Probe failing");
        if (l.since)
            s += u' ' + tr("since %1").arg(clockTime(*l.since));
        if (!l.text.isEmpty())
            s += QStringLiteral(": ") + l.text;
        return s;
    }
    case Kind::Critical:
    case Kind::Warning: {
        const QString label = StateStyle::label(l.state);
        QString body;
        if (l.nearLimitOnly)
            body = l.limit ? tr("near its limit of %1 (the provider's flag)")
                                 .arg(limitPerWindowText(*l.limit, l.windowS))
                           : tr("near its limit (the provider's flag)");
        else
            body = left();
        const QString dry = l.runsDryAt ? tr("runs dry ≈ %1").arg(clockTime(*l.runsDryAt)) : QString();
        return label + QStringLiteral(": ") + join({body, dry, resets()});
    }
    case Kind::Forecast:
        return tr("Runs dry ≈ %1").arg(l.runsDryAt ? clockTime(*l.runsDryAt) : QString()) + QStringLiteral(", ")
            + join({resets(), left()});
    case Kind::TokenExpiring:
        return tr("Token expires %1 (%2)").arg(clockTime(*l.expiresAt), in(*l.expiresAt));
    case Kind::ImbalancedPool:
        return l.text.isEmpty()
            ? tr("Uneven load: a member is under its critical threshold while another has more than half left")
            : tr("Uneven load: %1 throttled while another member has more than half left").arg(l.text);
    }
    return {};
}

bool AttentionModel::hiddenBySnooze(const Line &line, const QDateTime &now) const
{
    const auto it = m_snoozed.constFind(line.owner);
    return it != m_snoozed.cend() && *it > now;
}

void AttentionModel::rebuild()
{
    const QDateTime now = Clock::instance()->nowUtc();
    QList<Line> visible;
    QSet<QString> active;
    int hidden = 0;
    for (auto it = m_sources.cbegin(); it != m_sources.cend(); ++it) {
        for (const Line &l : linesOf(it.key(), it.value())) {
            active.insert(l.key);
            if (const auto d = m_dismissed.constFind(l.key); d != m_dismissed.cend()) {
                if (*d == l.severity) {
                    ++hidden;
                    continue;
                }
                m_dismissed.remove(l.key); // a new severity: back in the list
            }
            if (hiddenBySnooze(l, now)) {
                ++hidden;
                continue;
            }
            visible.append(l);
        }
    }
    // A condition that cleared forgets its dismissal: when it returns, it is news again.
    for (auto it = m_dismissed.begin(); it != m_dismissed.end();) {
        if (active.contains(it.key()))
            ++it;
        else
            it = m_dismissed.erase(it);
    }
    std::sort(visible.begin(), visible.end(), [](const Line &a, const Line &b) {
        if (a.severity != b.severity)
            return a.severity > b.severity;
        if (a.kind != b.kind)
            return int(a.kind) < int(b.kind);
        const int byTitle = QString::localeAwareCompare(a.title, b.title);
        if (byTitle != 0)
            return byTitle < 0;
        return a.key < b.key;
    });

    bool sameKeys = visible.size() == m_rows.size();
    for (qsizetype i = 0; sameKeys && i < visible.size(); ++i)
        sameKeys = visible.at(i).key == m_rows.at(i).key;
    if (sameKeys) {
        m_rows = visible;
        if (!m_rows.isEmpty())
            Q_EMIT dataChanged(index(0), index(int(m_rows.size()) - 1));
    } else {
        beginResetModel();
        m_rows = visible;
        endResetModel();
    }
    if (hidden != m_hidden) {
        m_hidden = hidden;
        Q_EMIT hiddenCountChanged();
    }
}
