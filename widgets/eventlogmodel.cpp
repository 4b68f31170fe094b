#include "eventlogmodel.h"

#include "accounttablemodel.h"

#include "core/clock.h"
#include "history/historybackend.h"

#include <QCoreApplication>
#include <QLocale>
#include <QRegularExpression>

#include <algorithm>
#include <cmath>

namespace {

// The engine's suffixes for an alert that was recorded but not shown, in its own context: a
// history holds them in the language it was written in, English or the current one.
class AlertWords
{
    Q_DECLARE_TR_FUNCTIONS(Alert)
};

constexpr const char *kSuppressions[] = {
    QT_TRANSLATE_NOOP("Alert", "(not shown: snoozed)"),
    QT_TRANSLATE_NOOP("Alert", "(not shown: do not disturb)"),
    QT_TRANSLATE_NOOP("Alert", "(not shown: alerts off for this account)"),
};

const QString kPoolPrefix = QStringLiteral("pool:");

// An alert event's detail as AlertRule's Alert::eventDetail writes it:
// "rule/severity[/resource]: title — body[ (not shown: …)]".
struct StoredAlert
{
    QString rule;
    QString severity;
    QString resource;
    QString title;
    QString body;
    QString suppression;
};

std::optional<StoredAlert> parseAlert(const QString &detail)
{
    static const QRegularExpression prefix(QStringLiteral("^([a-z_]+)/([a-z]+)(?:/(.*?))?: (.*)$"),
                                           QRegularExpression::DotMatchesEverythingOption);
    const QRegularExpressionMatch m = prefix.match(detail);
    if (!m.hasMatch())
        return std::nullopt;
    StoredAlert a;
    a.rule = m.captured(1);
    a.severity = m.captured(2);
    a.resource = m.captured(3);
    const QString rest = m.captured(4);
    const QString dash = QStringLiteral(" — ");
    const qsizetype at = rest.indexOf(dash);
    if (at >= 0) {
        a.title = rest.left(at);
        a.body = rest.mid(at + dash.size());
    } else {
        a.body = rest;
    }
    for (const char *s : kSuppressions) {
        for (const QString &text : {AlertWords::tr(s), QString::fromUtf8(s)}) {
            if (a.body.endsWith(text)) {
                a.suppression = text;
                a.body = a.body.chopped(text.size()).trimmed();
                break;
            }
        }
        if (!a.suppression.isEmpty())
            break;
    }
    return a;
}

// The figures an alert's body quotes: "888 of 5,000 left (17.8 %)" in any language and grouping,
// and its clock times ("00:00", "2026-12-03 00:00") in the order they appear.
struct Figures
{
    std::optional<qint64> remaining;
    std::optional<qint64> limit;
    QStringList times;
    qsizetype firstTimeEnd = -1;
};

qint64 digitsOf(const QString &text)
{
    QString digits;
    for (QChar c : text) {
        if (c.isDigit())
            digits += c;
    }
    return digits.toLongLong();
}

Figures figuresOf(const QString &body)
{
    static const QRegularExpression left(
        QStringLiteral("(\\d+(?:[.,'\\x{a0}\\x{202f}\\x{2019}]\\d{3})*)\\s+\\S+\\s+"
                       "(\\d+(?:[.,'\\x{a0}\\x{202f}\\x{2019}]\\d{3})*)\\s+[^\\d(]*\\(\\s*[\\d.,]+\\s*%\\s*\\)"));
    static const QRegularExpression time(QStringLiteral("\\b(\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}|\\d{2}:\\d{2})\\b"));
    Figures f;
    if (const QRegularExpressionMatch m = left.match(body); m.hasMatch()) {
        f.remaining = digitsOf(m.captured(1));
        f.limit = digitsOf(m.captured(2));
    }
    for (const QRegularExpressionMatch &m : time.globalMatch(body)) {
        if (f.times.isEmpty())
            f.firstTimeEnd = m.capturedEnd();
        f.times << m.captured(1);
    }
    return f;
}

QString number(qint64 v)
{
    return QLocale().toString(v);
}

// As the alerts word it: one decimal below 10 %, whole percents above.
QString percent(qint64 remaining, qint64 limit)
{
    const double v = 100.0 * double(remaining) / double(limit);
    return QLocale().toString(v, 'f', v < 10.0 ? 1 : 0);
}

// "23:41" within a day of the event (the duration beside it says which day), the date as well
// further off; local time.
QString clockText(const QDateTime &t, const QDateTime &reference)
{
    const QDateTime local = t.toLocalTime();
    if (std::llabs(reference.secsTo(t)) < 20 * 3600)
        return local.time().toString(QStringLiteral("HH:mm"));
    return QLocale().toString(local, QStringLiteral("d MMM HH:mm"));
}

QString resourceName(const QString &resource)
{
    return resource.isEmpty() ? EventLogModel::tr("requests") : resource;
}

QString joined(const QString &first, const QString &second)
{
    if (second.isEmpty())
        return first;
    if (first.isEmpty())
        return second;
    return EventLogModel::tr("%1; %2").arg(first, second);
}

using Words = EventLogModel::Words;

Words throttleWords(const Event &e, const std::optional<StoredAlert> &stored)
{
    Words w;
    w.state = AccountState::Throttled;
    w.headline = e.status ? EventLogModel::tr("Throttled (HTTP %1)").arg(*e.status) : EventLogModel::tr("Throttled");
    const QString what = stored && !stored->resource.isEmpty()
        ? EventLogModel::tr("%1 quota exhausted").arg(stored->resource)
        : EventLogModel::tr("the API refused requests");
    QString when;
    if (e.retryAfterS && *e.retryAfterS >= 0 && std::isfinite(*e.retryAfterS)) {
        const qint64 ms = qint64(std::llround(*e.retryAfterS * 1000.0));
        when = EventLogModel::tr("probing resumes %1 (in %2)")
                   .arg(clockText(e.time.addMSecs(ms), e.time),
                        AccountTableModel::formatDuration(qint64(std::ceil(*e.retryAfterS))));
    } else if (stored) {
        const Figures f = figuresOf(stored->body);
        if (!f.times.isEmpty())
            when = EventLogModel::tr("probing resumes %1").arg(f.times.first());
    }
    w.detail = joined(what, when);
    return w;
}

Words tokenRefusedWords(const Event &e, bool editable)
{
    Words w;
    w.state = AccountState::AuthFailed;
    w.headline = e.status ? EventLogModel::tr("Token refused (HTTP %1)").arg(*e.status)
                          : EventLogModel::tr("Token refused");
    w.detail = editable ? EventLogModel::tr("edit the account and enter a new token")
                        : EventLogModel::tr("the demo's token is fixed");
    return w;
}

// A probe's own error text, or what its status says when that is all it has ("HTTP 500").
QString errorText(const Event &e)
{
    static const QRegularExpression bareStatus(QStringLiteral("^HTTP \\d+$"));
    const QString detail = e.detail.trimmed();
    if (!detail.isEmpty() && !bareStatus.match(detail).hasMatch())
        return detail;
    if (!e.status)
        return detail.isEmpty() ? EventLogModel::tr("no answer") : detail;
    if (*e.status >= 500)
        return EventLogModel::tr("the server failed to answer");
    return EventLogModel::tr("the request was refused");
}

Words errorWords(const Event &e)
{
    Words w;
    w.state = AccountState::Error;
    w.headline = e.status ? EventLogModel::tr("Error (HTTP %1)").arg(*e.status) : EventLogModel::tr("Probe failed");
    w.detail = errorText(e);
    return w;
}

// The engine's "probes failing" alert; `probe` is the failed probe's own event when folded.
Words failingWords(const StoredAlert &stored, const Event *probe)
{
    Words w;
    w.state = AccountState::Error;
    w.headline = EventLogModel::tr("Probes failing");
    const Figures f = figuresOf(stored.body);
    QString since;
    QString error;
    if (!f.times.isEmpty()) {
        since = EventLogModel::tr("no successful probe since %1").arg(f.times.first());
        error = stored.body.mid(f.firstTimeEnd);
        while (!error.isEmpty() && (error.front() == u'.' || error.front().isSpace()))
            error.remove(0, 1);
    } else {
        error = stored.body;
    }
    if (probe)
        error = errorText(*probe);
    w.detail = joined(since, error);
    return w;
}

// Warning, Critical, the provider's near-limit flag and the all-clear: "core at 18 % (888 of
// 5,000), resets 00:00".
Words quotaWords(const StoredAlert &stored)
{
    Words w;
    const QString res = resourceName(stored.resource);
    const Figures f = figuresOf(stored.body);
    const bool figures = f.remaining && f.limit && *f.limit > 0;
    const QString pct = figures ? percent(*f.remaining, *f.limit) : QString();
    QString text;
    if (stored.rule == u"critical") {
        w.state = AccountState::Critical;
        w.headline = EventLogModel::tr("Critical");
    } else if (stored.rule == u"restored") {
        w.state = AccountState::Ok;
        w.headline = EventLogModel::tr("Restored");
    } else if (stored.rule == u"near_limit") {
        w.state = AccountState::Warning;
        w.headline = EventLogModel::tr("Near limit");
    } else {
        w.state = AccountState::Warning;
        w.headline = EventLogModel::tr("Warning");
    }
    if (!figures) {
        w.detail = stored.rule == u"near_limit" ? EventLogModel::tr("the provider flags %1 as nearly used up").arg(res)
                                               : EventLogModel::tr("%1: %2").arg(res, stored.body);
        return w;
    }
    if (stored.rule == u"restored")
        text = EventLogModel::tr("%1 back at %2 % (%3 of %4)").arg(res, pct, number(*f.remaining), number(*f.limit));
    else if (stored.rule == u"near_limit")
        text = EventLogModel::tr("%1 at %2 % (%3 of %4), flagged by the provider")
                   .arg(res, pct, number(*f.remaining), number(*f.limit));
    else
        text = EventLogModel::tr("%1 at %2 % (%3 of %4)").arg(res, pct, number(*f.remaining), number(*f.limit));
    if (!f.times.isEmpty())
        text = EventLogModel::tr("%1, resets %2").arg(text, f.times.first());
    w.detail = text;
    return w;
}

Words forecastWords(const StoredAlert &stored)
{
    Words w;
    w.state = AccountState::Warning;
    w.headline = EventLogModel::tr("Forecast");
    const QString res = resourceName(stored.resource);
    const Figures f = figuresOf(stored.body);
    if (f.times.size() < 2) {
        w.detail = EventLogModel::tr("%1: %2").arg(res, stored.body);
        return w;
    }
    w.detail = EventLogModel::tr("%1 runs dry ≈ %2, before its reset at %3").arg(res, f.times.at(0), f.times.at(1));
    if (f.remaining && f.limit)
        w.detail = joined(w.detail, EventLogModel::tr("%1 of %2 left").arg(number(*f.remaining), number(*f.limit)));
    return w;
}

Words tokenExpiringWords(const StoredAlert &stored)
{
    Words w;
    w.state = AccountState::Warning;
    w.headline = EventLogModel::tr("Token expiring");
    const Figures f = figuresOf(stored.body);
    w.detail = f.times.isEmpty()
        ? stored.body
        : EventLogModel::tr("expires %1; create a new token and update the account").arg(f.times.first());
    return w;
}

bool foldsInto(EventKind kind, const QString &rule)
{
    switch (kind) {
    case EventKind::Throttled: return rule == u"throttled";
    case EventKind::Error: return rule == u"auth_failed" || rule == u"probe_failing";
    case EventKind::NearLimit: return rule == u"warning" || rule == u"critical" || rule == u"near_limit";
    case EventKind::StateChange:
    case EventKind::Alert: break;
    }
    return false;
}

} // namespace

QString EventLogModel::Words::sentence() const
{
    if (detail.isEmpty())
        return headline;
    return tr("%1: %2").arg(headline, detail);
}

EventLogModel::Words EventLogModel::describe(const Event &e, const std::optional<Event> &alert, bool accountsEditable)
{
    Words w;
    if (e.id < 0) {
        w.headline = tr("Pattern");
        w.detail = e.detail;
        w.state = e.kind == EventKind::Throttled ? AccountState::Throttled : AccountState::NoData;
        return w;
    }
    const Event *alertEvent = e.kind == EventKind::Alert ? &e : (alert ? &*alert : nullptr);
    const std::optional<StoredAlert> stored = alertEvent ? parseAlert(alertEvent->detail) : std::nullopt;
    const QString rule = stored ? stored->rule : QString();

    switch (e.kind) {
    case EventKind::Throttled:
        w = throttleWords(e, stored);
        break;
    case EventKind::Error:
        if (e.status == 401 || rule == u"auth_failed")
            w = tokenRefusedWords(e, accountsEditable);
        else if (rule == u"probe_failing")
            w = failingWords(*stored, &e);
        else
            w = errorWords(e);
        break;
    case EventKind::NearLimit:
        if (stored && foldsInto(EventKind::NearLimit, rule)) {
            w = quotaWords(*stored);
        } else {
            w.state = AccountState::Warning;
            w.headline = tr("Near limit");
            w.detail = e.detail.isEmpty() ? tr("a quota fell below the warning threshold")
                                          : tr("the provider flags %1 as nearly used up").arg(e.detail);
        }
        break;
    case EventKind::StateChange:
        w.headline = tr("State change");
        w.detail = e.detail;
        break;
    case EventKind::Alert:
        if (!stored) {
            w.state = AccountState::Warning;
            w.headline = tr("Alert");
            w.detail = e.detail;
        } else if (rule == u"throttled") {
            w = throttleWords(e, stored);
        } else if (rule == u"auth_failed") {
            w = tokenRefusedWords(e, accountsEditable);
        } else if (rule == u"probe_failing") {
            w = failingWords(*stored, nullptr);
        } else if (rule == u"warning" || rule == u"critical" || rule == u"near_limit" || rule == u"restored") {
            w = quotaWords(*stored);
        } else if (rule == u"forecast") {
            w = forecastWords(*stored);
        } else if (rule == u"token_expiring") {
            w = tokenExpiringWords(*stored);
        } else {
            w.state = stored->severity == u"critical" ? AccountState::Critical : AccountState::Warning;
            w.headline = tr("Alert");
            w.detail = stored->body.isEmpty() ? stored->title : stored->body;
        }
        break;
    }

    if (e.accountId.startsWith(kPoolPrefix)) {
        const QString pool = e.accountId.mid(kPoolPrefix.size());
        if (rule.contains(QStringLiteral("imbalanced"))) {
            w.state = AccountState::Warning;
            w.headline = tr("Pool %1 imbalanced").arg(pool);
            if (stored)
                w.detail = stored->body.isEmpty() ? stored->title : stored->body;
        } else {
            w.headline = tr("Pool %1: %2").arg(pool, w.headline);
        }
    }
    if (alertEvent) {
        w.alertNote = stored && !stored->suppression.isEmpty() ? tr("An alert was raised %1.").arg(stored->suppression)
                                                               : tr("An alert was raised.");
    }
    return w;
}

EventLogModel::EventLogModel(QObject *parent)
    : QAbstractTableModel(parent)
{
    // A probe burst writes several events; one read serves them all.
    m_fetchDebounce.setSingleShot(true);
    m_fetchDebounce.setInterval(200);
    connect(&m_fetchDebounce, &QTimer::timeout, this, &EventLogModel::fetchNew);
}

int EventLogModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int EventLogModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString EventLogModel::kindLabel(EventKind kind)
{
    switch (kind) {
    case EventKind::Throttled: return tr("Throttled");
    case EventKind::NearLimit: return tr("Near limit");
    case EventKind::StateChange: return tr("State change");
    case EventKind::Alert: return tr("Alert");
    case EventKind::Error: return tr("Error");
    }
    return {};
}

const Event *EventLogModel::eventAt(int row) const
{
    return row >= 0 && row < m_rows.size() ? &m_rows.at(row).event : nullptr;
}

const Event *EventLogModel::alertAt(int row) const
{
    if (row < 0 || row >= m_rows.size())
        return nullptr;
    const Row &r = m_rows.at(row);
    if (r.alert)
        return &*r.alert;
    return r.event.kind == EventKind::Alert && r.event.id >= 0 ? &r.event : nullptr;
}

QString EventLogModel::accountText(const QString &accountId) const
{
    if (const auto it = m_names.constFind(accountId); it != m_names.constEnd())
        return it.value();
    if (accountId.startsWith(kPoolPrefix))
        return tr("%1 (pool)").arg(accountId.mid(kPoolPrefix.size()));
    return accountId;
}

QVariant EventLogModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &row = m_rows.at(index.row());
    const Event &e = row.event;
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case Time: {
            // Compact: the pane is narrow and today's events matter most; the tooltip has it all.
            const QDateTime local = e.time.toLocalTime();
            if (local.date() == Clock::instance()->nowUtc().toLocalTime().date())
                return local.time().toString(QStringLiteral("HH:mm:ss"));
            return QLocale().toString(local, QStringLiteral("d MMM HH:mm"));
        }
        case Account:
            return accountText(e.accountId);
        case Kind:
            return row.words.headline;
        case Detail:
            return row.words.detail;
        }
        return {};
    case Qt::ToolTipRole: {
        if (index.column() == Time)
            return QLocale().toString(e.time.toLocalTime(), QLocale::LongFormat);
        if (index.column() == Account)
            return {};
        QString tip = row.words.sentence();
        if (!row.words.alertNote.isEmpty())
            tip += u'\n' + row.words.alertNote;
        return tip;
    }
    case AccountIdRole:
        return e.accountId;
    case KindRole:
        return int(e.kind);
    case TimeRole:
        return e.time;
    case IsNoticeRole:
        return e.id < 0;
    case HasAlertRole:
        return !row.words.alertNote.isEmpty();
    case SentenceRole:
        return row.words.sentence();
    case StateRole:
        return int(row.words.state);
    case SortRole:
        if (index.column() == Time)
            return e.time.toMSecsSinceEpoch();
        return data(index, Qt::DisplayRole).toString().toLower();
    }
    return {};
}

QVariant EventLogModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Time: return tr("Time");
    case Account: return tr("Account");
    case Kind: return tr("Event");
    case Detail: return tr("Detail");
    }
    return {};
}

void EventLogModel::setStore(HistoryBackend *store, int days, int maxRows)
{
    if (m_store)
        disconnect(m_store, nullptr, this, nullptr);
    m_store = store;
    m_days = days;
    m_maxRows = maxRows;
    if (m_store)
        connect(m_store, &HistoryBackend::eventsAdded, &m_fetchDebounce, qOverload<>(&QTimer::start));
    reload();
}

void EventLogModel::setAccountName(const QString &accountId, const QString &name)
{
    m_names.insert(accountId, name);
    if (!m_rows.isEmpty())
        Q_EMIT dataChanged(index(0, Account), index(int(m_rows.size()) - 1, Account), {Qt::DisplayRole});
}

void EventLogModel::sortByTime(QList<Event> &events)
{
    std::stable_sort(events.begin(), events.end(), [](const Event &a, const Event &b) { return a.time < b.time; });
}

EventLogModel::Row EventLogModel::makeRow(const Event &e) const
{
    Row r;
    r.event = e;
    r.words = describe(e, std::nullopt, m_accountsEditable);
    return r;
}

bool EventLogModel::fold(QList<Row> &rows, qsizetype firstRow, const Event &e, qsizetype *foldedRow) const
{
    if (e.id < 0)
        return false;
    const bool isAlert = e.kind == EventKind::Alert;
    std::optional<StoredAlert> stored;
    if (isAlert) {
        stored = parseAlert(e.detail);
        if (!stored)
            return false;
    } else if (e.kind == EventKind::StateChange) {
        return false;
    }
    // Rows arrive in time order, so the partner is among the last few.
    for (qsizetype i = rows.size() - 1; i >= firstRow; --i) {
        Row &r = rows[i];
        if (std::llabs(r.event.time.msecsTo(e.time)) > kMergeWindowMs) {
            if (r.event.time < e.time)
                break;
            continue;
        }
        if (r.event.accountId != e.accountId || r.event.id < 0 || r.alert)
            continue;
        if (isAlert && r.event.kind != EventKind::Alert && foldsInto(r.event.kind, stored->rule)) {
            r.alert = e;
        } else if (!isAlert && r.event.kind == EventKind::Alert) {
            const std::optional<StoredAlert> other = parseAlert(r.event.detail);
            if (!other || !foldsInto(e.kind, other->rule))
                continue;
            r.alert = r.event;
            r.event = e;
        } else {
            continue;
        }
        r.words = describe(r.event, r.alert, m_accountsEditable);
        *foldedRow = i;
        return true;
    }
    return false;
}

void EventLogModel::reload()
{
    beginResetModel();
    m_rows.clear();
    m_maxId = 0;
    QList<Event> events;
    if (m_store && m_store->isOpen()) {
        const QDateTime now = Clock::instance()->nowUtc();
        // Only the newest m_maxRows are kept, so only those are read: a busy month must not
        // cost start-up more than one page.
        events = m_store->events(now.addDays(-m_days), now.addYears(1), {}, m_maxRows);
        for (const Event &e : std::as_const(events))
            m_maxId = std::max(m_maxId, e.id);
    }
    events.append(m_notices);
    sortByTime(events);
    for (const Event &e : std::as_const(events)) {
        qsizetype folded = -1;
        if (!fold(m_rows, 0, e, &folded))
            m_rows.append(makeRow(e));
    }
    if (m_rows.size() > m_maxRows)
        m_rows.remove(0, m_rows.size() - m_maxRows);
    endResetModel();
}

void EventLogModel::addNotice(const QString &accountId, const QDateTime &time, EventKind kind, const QString &text)
{
    Event e;
    e.accountId = accountId;
    e.time = time;
    e.kind = kind;
    e.detail = text;
    e.id = m_nextNoticeId--;
    m_notices.append(e);
    // A pattern line is rare (once per change of an account's pattern); the cap only bounds a
    // session that runs for months.
    if (m_notices.size() > 500)
        m_notices.removeFirst();
    if (m_rows.size() >= m_maxRows) {
        beginRemoveRows({}, 0, 0);
        m_rows.removeFirst();
        endRemoveRows();
    }
    const int row = int(m_rows.size());
    beginInsertRows({}, row, row);
    m_rows.append(makeRow(e));
    endInsertRows();
}

void EventLogModel::fetchNew()
{
    if (!m_store || !m_store->isOpen())
        return;
    // eventsAdded says only that something was written, and the backend reads by time, not by
    // id. So read the newest page and widen it only while everything on it is new: a probe's
    // few events cost a short read instead of the whole cap, and a burst larger than a page
    // still arrives whole. New means by id, not by time: a late writer may add events older
    // than the newest shown, and the view sorts by time, so they are simply appended; one that
    // lands behind more than a page of newer events waits for the next reload().
    const QDateTime now = Clock::instance()->nowUtc();
    const QDateTime from = now.addDays(-m_days);
    const QDateTime to = now.addYears(1);
    QList<Event> read;
    for (int page = kFirstPage;; page *= 4) {
        const int limit = std::min(page, m_maxRows);
        read = m_store->events(from, to, {}, limit);
        const bool allNew = std::all_of(read.cbegin(), read.cend(), [this](const Event &e) { return e.id > m_maxId; });
        if (!allNew || read.size() < limit || limit >= m_maxRows)
            break;
    }
    appendEvents(read);
}

void EventLogModel::appendEvents(const QList<Event> &events)
{
    QList<Event> fresh;
    for (const Event &e : events) {
        // Ids come from the store; a store-less caller (id 0) always appends.
        if (e.id != 0 && e.id <= m_maxId)
            continue;
        fresh.append(e);
    }
    if (fresh.isEmpty())
        return;
    sortByTime(fresh);
    for (const Event &e : std::as_const(fresh))
        m_maxId = std::max(m_maxId, e.id);

    // An alert joins the row of the probe event it belongs to (shown or about to be): those
    // rows change in place; the rest become new rows.
    QList<Row> pending;
    qsizetype firstChanged = -1;
    qsizetype lastChanged = -1;
    for (const Event &e : std::as_const(fresh)) {
        qsizetype folded = -1;
        if (fold(pending, 0, e, &folded))
            continue;
        if (fold(m_rows, std::max<qsizetype>(0, m_rows.size() - 64), e, &folded)) {
            firstChanged = firstChanged < 0 ? folded : std::min(firstChanged, folded);
            lastChanged = std::max(lastChanged, folded);
            continue;
        }
        pending.append(makeRow(e));
    }

    // The cap keeps the newest: drop what will not fit before inserting, so the model never
    // holds more than m_maxRows rows, not even between two signals.
    if (pending.size() > m_maxRows)
        pending.remove(0, pending.size() - m_maxRows);
    const int excess = int(m_rows.size() + pending.size()) - m_maxRows;
    if (excess > 0) {
        beginRemoveRows({}, 0, excess - 1);
        m_rows.remove(0, excess);
        endRemoveRows();
        firstChanged -= excess;
        lastChanged -= excess;
    }
    if (lastChanged >= 0) {
        firstChanged = std::max<qsizetype>(0, firstChanged);
        Q_EMIT dataChanged(index(int(firstChanged), 0), index(int(lastChanged), ColumnCount - 1));
    }
    if (pending.isEmpty())
        return;
    const int first = int(m_rows.size());
    beginInsertRows({}, first, first + int(pending.size()) - 1);
    m_rows.append(pending);
    endInsertRows();
}
