#include "metricsregistry.h"

#include "poolreading.h"

#include <QStringList>

#include <algorithm>

namespace {

// Label values escape backslash, double quote and line feed (both formats).
QByteArray escapeLabel(const QString &value)
{
    QByteArray out;
    const QByteArray utf8 = value.toUtf8();
    out.reserve(utf8.size());
    for (char c : utf8) {
        switch (c) {
        case '\\':
            out += "\\\\";
            break;
        case '"':
            out += "\\\"";
            break;
        case '\n':
            out += "\\n";
            break;
        default:
            out += c;
        }
    }
    return out;
}

QByteArray seconds(const QDateTime &t)
{
    const qint64 ms = t.toMSecsSinceEpoch();
    if (ms % 1000 == 0)
        return QByteArray::number(ms / 1000);
    return QByteArray::number(double(ms) / 1000.0, 'f', 3);
}

// One family: its HELP and TYPE lines, then its samples, which Prometheus wants together.
class Family
{
public:
    Family(QByteArray *out, MetricsRegistry::Format format, const char *name, const char *type, const char *help)
        : m_out(out)
        , m_format(format)
        , m_name(name)
    {
        const bool counter = qstrcmp(type, "counter") == 0;
        const bool info = qstrcmp(type, "info") == 0;
        QByteArray declared = m_name;
        if (m_format == MetricsRegistry::Format::OpenMetrics) {
            // OpenMetrics names the family without the suffix its samples carry.
            if (counter && declared.endsWith("_total"))
                declared.chop(6);
            if (info && declared.endsWith("_info"))
                declared.chop(5);
        }
        const char *shownType = info && m_format == MetricsRegistry::Format::Text004 ? "gauge" : type;
        *m_out += "# HELP " + declared + ' ' + help + '\n';
        *m_out += "# TYPE " + declared + ' ' + shownType + '\n';
    }

    Family &labels(std::initializer_list<std::pair<const char *, QString>> labels)
    {
        m_labels.clear();
        for (const auto &[key, value] : labels) {
            m_labels += m_labels.isEmpty() ? "{" : ",";
            m_labels += key;
            m_labels += "=\"";
            m_labels += escapeLabel(value);
            m_labels += '"';
        }
        if (!m_labels.isEmpty())
            m_labels += '}';
        return *this;
    }
    void value(const QByteArray &v) { *m_out += m_name + m_labels + ' ' + v + '\n'; }
    void value(qint64 v) { value(QByteArray::number(v)); }

private:
    QByteArray *m_out;
    MetricsRegistry::Format m_format;
    QByteArray m_name;
    QByteArray m_labels;
};

const AccountState kStates[] = { AccountState::Ok, AccountState::Warning, AccountState::Critical,
    AccountState::Throttled, AccountState::AuthFailed, AccountState::Unlimited, AccountState::NoData,
    AccountState::Stale, AccountState::Error };

} // namespace

MetricsRegistry::MetricsRegistry(QObject *parent)
    : QObject(parent)
{
}

void MetricsRegistry::setAccounts(const QList<Account> &accounts)
{
    QHash<QString, AccountEntry> next;
    for (const Account &a : accounts) {
        AccountEntry e = m_accounts.value(a.id);
        e.name = a.name;
        e.provider = a.presetId;
        next.insert(a.id, e);
    }
    m_accounts = std::move(next);
}

MetricsRegistry::Format MetricsRegistry::negotiate(const QByteArray &accept)
{
    return accept.contains("application/openmetrics-text") ? Format::OpenMetrics : Format::Text004;
}

QByteArray MetricsRegistry::contentType(Format format)
{
    return format == Format::OpenMetrics
        ? QByteArrayLiteral("application/openmetrics-text; version=1.0.0; charset=utf-8")
        : QByteArrayLiteral("text/plain; version=0.0.4; charset=utf-8");
}

void MetricsRegistry::recordResult(const ProbeResult &result)
{
    auto it = m_accounts.find(result.accountId);
    if (it == m_accounts.end()) {
        it = m_accounts.insert(result.accountId, {});
        it->name = result.accountName;
        it->provider = result.provider;
    }
    AccountEntry &e = *it;
    e.probesByResult[accountStateId(result.state)] += 1;
    e.cost += result.cost;
    if (result.state == AccountState::Throttled)
        ++e.throttled;
    // Each probe (the main one, or one route) replaces what it said before: a failed probe
    // leaves its resources unknown rather than showing the last figures as current.
    const QString routePrefix = result.route.isEmpty() ? QString() : result.route;
    for (auto q = e.quotas.begin(); q != e.quotas.end();) {
        const bool fromThisProbe
            = result.route.isEmpty() ? !q.key().contains(u'#') : q.key().startsWith(routePrefix + u'#');
        q = fromThisProbe ? e.quotas.erase(q) : std::next(q);
    }
    for (const Quota &q : result.reading.quotas)
        e.quotas.insert(result.route.isEmpty() ? q.resource : result.route + u'#' + q.resource, q);
    if (result.route.isEmpty()) {
        e.state = result.state;
        e.lastProbe = result.probedAt;
        if (result.reading.tokenExpiresAt)
            e.tokenExpiry = result.reading.tokenExpiresAt;
    }
}

void MetricsRegistry::recordPool(const PoolReading &reading)
{
    PoolEntry e;
    e.provider = reading.provider;
    for (const PoolQuota &q : reading.quotas)
        e.quotas.insert(q.resource, { q.limit, q.remaining });
    m_pools.insert(reading.pool, e);
}

MetricsRegistry::Snapshot MetricsRegistry::snapshot() const
{
    return { m_accounts, m_pools };
}

QByteArray MetricsRegistry::render(Format format) const
{
    return render(snapshot(), format);
}

QByteArray MetricsRegistry::render(const Snapshot &snapshot, Format format)
{
    QList<const AccountEntry *> accounts;
    accounts.reserve(snapshot.accounts.size());
    for (const AccountEntry &e : snapshot.accounts)
        accounts << &e;
    std::sort(accounts.begin(), accounts.end(),
        [](const AccountEntry *a, const AccountEntry *b) { return a->name < b->name; });

    QByteArray out;
    out.reserve(256 + accounts.size() * 1200);

    auto quotaFamily = [&](const char *name, const char *help, auto pick) {
        Family f(&out, format, name, "gauge", help);
        for (const AccountEntry *e : std::as_const(accounts))
            for (auto q = e->quotas.cbegin(); q != e->quotas.cend(); ++q)
                if (const std::optional<QByteArray> v = pick(*q))
                    f.labels({ { "account", e->name }, { "provider", e->provider }, { "resource", q->resource } })
                        .value(*v);
    };
    auto number = [](std::optional<qint64> v) -> std::optional<QByteArray> {
        return v ? std::optional<QByteArray>(QByteArray::number(*v)) : std::nullopt;
    };

    quotaFamily("headroom_quota_limit", "The quota's limit as the provider's response states it.",
        [&](const Quota &q) { return q.limitSource == LimitSource::Header ? number(q.limit) : std::nullopt; });
    quotaFamily("headroom_quota_documented_limit",
        "The quota's limit from the provider's documentation, where the response states none.",
        [&](const Quota &q) { return q.limitSource == LimitSource::Documented ? number(q.limit) : std::nullopt; });
    quotaFamily("headroom_quota_remaining", "Requests (or units) left in the quota's current window.",
        [&](const Quota &q) { return number(q.remaining); });
    quotaFamily("headroom_quota_used", "Requests (or units) used in the quota's current window.",
        [&](const Quota &q) -> std::optional<QByteArray> {
            if (q.used)
                return QByteArray::number(*q.used);
            if (q.limit && q.remaining && q.limitSource == LimitSource::Header)
                return QByteArray::number(*q.limit - *q.remaining);
            return std::nullopt;
        });
    quotaFamily("headroom_quota_reset_timestamp_seconds", "When the quota's window resets, in Unix seconds.",
        [&](const Quota &q) { return q.resetAt ? std::optional<QByteArray>(seconds(*q.resetAt)) : std::nullopt; });
    quotaFamily("headroom_quota_window_seconds", "The length of the quota's window.",
        [&](const Quota &q) { return number(q.windowS); });

    {
        Family f(
            &out, format, "headroom_account_state", "gauge", "1 for the account's current state, 0 for the others.");
        for (const AccountEntry *e : std::as_const(accounts))
            for (AccountState s : kStates)
                f.labels({ { "account", e->name }, { "provider", e->provider }, { "state", accountStateId(s) } })
                    .value(e->state == s ? 1 : 0);
    }
    {
        Family f(&out, format, "headroom_last_probe_timestamp_seconds", "gauge",
            "When the account's quota was last probed, in Unix seconds.");
        for (const AccountEntry *e : std::as_const(accounts))
            if (e->lastProbe)
                f.labels({ { "account", e->name }, { "provider", e->provider } }).value(seconds(*e->lastProbe));
    }
    {
        Family f(&out, format, "headroom_token_expiry_timestamp_seconds", "gauge",
            "When the account's token expires, where the provider says, in Unix seconds.");
        for (const AccountEntry *e : std::as_const(accounts))
            if (e->tokenExpiry)
                f.labels({ { "account", e->name }, { "provider", e->provider } }).value(seconds(*e->tokenExpiry));
    }
    auto poolFamily = [&](const char *name, const char *help, auto pick) {
        Family f(&out, format, name, "gauge", help);
        for (auto p = snapshot.pools.cbegin(); p != snapshot.pools.cend(); ++p)
            for (auto q = p->quotas.cbegin(); q != p->quotas.cend(); ++q)
                if (const std::optional<qint64> v = pick(*q))
                    f.labels({ { "pool", p.key() }, { "provider", p->provider }, { "resource", q.key() } }).value(*v);
    };
    poolFamily("headroom_pool_limit", "The pool's limit: the sum over its distinct buckets.",
        [](const PoolQuotaEntry &q) { return q.limit; });
    poolFamily("headroom_pool_remaining", "What the pool has left: the sum over its distinct buckets.",
        [](const PoolQuotaEntry &q) { return q.remaining; });
    {
        Family f(&out, format, "headroom_probes_total", "counter", "Probes made, by their result.");
        for (const AccountEntry *e : std::as_const(accounts))
            for (auto r = e->probesByResult.cbegin(); r != e->probesByResult.cend(); ++r)
                f.labels({ { "account", e->name }, { "provider", e->provider }, { "result", r.key() } })
                    .value(r.value());
    }
    {
        Family f(&out, format, "headroom_throttled_total", "counter",
            "Probes the provider refused for quota (HTTP 429 or a rate-limit 403).");
        for (const AccountEntry *e : std::as_const(accounts))
            f.labels({ { "account", e->name }, { "provider", e->provider } }).value(e->throttled);
    }
    {
        Family f(&out, format, "headroom_monitor_cost_total", "counter", "Quota units Headroom's own probes spent.");
        for (const AccountEntry *e : std::as_const(accounts))
            f.labels({ { "account", e->name }, { "provider", e->provider } }).value(e->cost);
    }
    {
        Family f(&out, format, "headroom_build_info", "info", "The running Headroom's version.");
        f.labels({ { "version", QStringLiteral(HEADROOM_VERSION) } }).value(1);
    }
    if (format == Format::OpenMetrics)
        out += "# EOF\n";
    return out;
}
