#include "historyfollower.h"

#include "pgconnections.h"
#include "pgschema.h"

#include <QHash>
#include <QSqlDatabase>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>
#include <QThread>
#include <QTimer>
#include <QUuid>
#include <QVariant>

#include <algorithm>
#include <atomic>
#include <functional>
#include <optional>

namespace {

// Notifications of one burst of commits (a watcher writing several accounts) are folded into
// one poll: the first starts this wait, those within it ride along.
constexpr int kHintDelayMs = 50;
// How often the connection's state is looked at (in memory, no round trip; see watch()).
constexpr int kWatchMs = 250;
constexpr int kFirstRetryMs = 1000;
constexpr int kMaxRetryMs = 30000;

std::atomic<quint64> g_followerCounter{0};

QString samplesChannel()
{
    return QStringLiteral("headroom_samples");
}

QString eventsChannel()
{
    return QStringLiteral("headroom_events");
}

std::optional<qint64> optInt64(const QVariant &v)
{
    return v.isNull() ? std::nullopt : std::optional<qint64>(v.toLongLong());
}

using Post = std::function<void(std::function<void(HistoryFollower *)>)>;

// Lives on the follower's thread; owns the connection and every timer.
class Worker : public QObject
{
public:
    Worker(const PgTarget &target, int pollMs, Post post)
        : m_pool(QStringLiteral("headroom-follower-") + QString::number(++g_followerCounter) + u'-'
                 + QUuid::createUuid().toString(QUuid::Id128).left(8))
        , m_pollMs(pollMs)
        , m_post(std::move(post))
    {
        m_pool.setTarget(target);
        QObject::connect(&m_pollTimer, &QTimer::timeout, this, [this] { poll(); });
        m_hintTimer.setSingleShot(true);
        m_hintTimer.setInterval(kHintDelayMs);
        QObject::connect(&m_hintTimer, &QTimer::timeout, this, [this] { poll(); });
        m_watchTimer.setInterval(kWatchMs);
        QObject::connect(&m_watchTimer, &QTimer::timeout, this, [this] { watch(); });
        m_retryTimer.setSingleShot(true);
        QObject::connect(&m_retryTimer, &QTimer::timeout, this, [this] { connectNow(); });
    }

    ~Worker() override
    {
        m_db = QSqlDatabase();
        m_pool.closeAll();
    }

    void connectNow()
    {
        QString why;
        {
            // Opened here only: PgConnections::database() opens a closed connection again, which
            // would lose the subscriptions silently; polls use m_db, which never reopens.
            const QSqlDatabase db = m_pool.database();
            if (!db.isOpen()) {
                why = db.lastError().text();
                if (why.trimmed().isEmpty())
                    why = HistoryFollower::tr("no connection");
            } else if (!PgSchema::migrate(db, &why)) {
                // A history last written by an older Headroom has no `latest` yet.
                if (why.isEmpty())
                    why = HistoryFollower::tr("The history's schema could not be brought up to date.");
            } else {
                subscribe(db, &why);
            }
        }
        if (!why.isEmpty()) {
            fail(why);
            return;
        }
        m_db = m_pool.database();
        m_connected = true;
        // Subscribed before this poll: whatever commits after it was read sends a notification.
        poll();
    }

private:
    void subscribe(const QSqlDatabase &db, QString *why)
    {
        QSqlDriver *driver = db.driver();
        for (const QString &channel : {samplesChannel(), eventsChannel()}) {
            if (!driver->subscribeToNotification(channel)) {
                *why = driver->lastError().text();
                return;
            }
        }
        QObject::connect(driver, &QSqlDriver::notification, this, [this] {
            if (m_connected && !m_hintTimer.isActive())
                m_hintTimer.start();
        });
    }

    // The driver reads its socket whenever the server sends anything, for notifications; when
    // the server closes the connection (a restart, a crash, a proxy's idle timeout) it reads the
    // end too, libpq marks the connection bad, and the driver says nothing. Its isOpen() asks
    // libpq's state, in memory: looked at often, a dead connection is found within a fraction
    // of a second however long the poll interval. (Qt 6.4's driver keeps its notifier on the
    // socket libpq closed, so Qt warns once that it disables it: "QSocketNotifier: Invalid
    // socket"; the driver gives that notifier no parent, so it cannot be reached from here.)
    void watch()
    {
        if (m_connected && !m_db.isOpen())
            fail(HistoryFollower::tr("the server closed the connection"));
    }

    // Reads `latest` whole: it holds one row per series, and a reading older than another
    // series' newest is news all the same (writers' clocks differ; a history migrated in brings
    // old readings of new series), so no filter on time would be right. Emits what is newer than
    // what was delivered for its series.
    void poll()
    {
        if (!m_connected)
            return;
        if (!m_db.isOpen()) {
            watch();
            return;
        }
        QString why;
        QList<Sample> fresh;
        bool eventsGrew = false;
        {
            QSqlQuery q(m_db);
            if (pgExec(q,
                       QStringLiteral("SELECT a.id, l.resource, l.time, l.lim, l.remaining, l.used, l.reset_at, "
                                      "l.status, l.cost FROM latest l JOIN accounts a ON a.key = l.account "
                                      "ORDER BY a.id, l.resource"),
                       &why)) {
                while (q.next()) {
                    const QPair<QString, QString> key(q.value(0).toString(), q.value(1).toString());
                    const qint64 time = q.value(2).toLongLong();
                    const auto it = m_delivered.constFind(key);
                    if (it != m_delivered.cend() && *it >= time)
                        continue;
                    m_delivered.insert(key, time);
                    Sample s;
                    s.accountId = key.first;
                    s.resource = key.second;
                    s.time = QDateTime::fromMSecsSinceEpoch(time, Qt::UTC);
                    s.limit = optInt64(q.value(3));
                    s.remaining = optInt64(q.value(4));
                    s.used = optInt64(q.value(5));
                    if (const std::optional<qint64> reset = optInt64(q.value(6)))
                        s.resetAt = QDateTime::fromMSecsSinceEpoch(*reset, Qt::UTC);
                    if (!q.value(7).isNull())
                        s.status = q.value(7).toInt();
                    s.cost = q.value(8).toLongLong();
                    fresh.append(s);
                }
                q.finish();
                if (pgExec(q, QStringLiteral("SELECT coalesce(max(id), 0) FROM events"), &why) && q.next()) {
                    const qint64 id = q.value(0).toLongLong();
                    eventsGrew = m_lastEventId && id > *m_lastEventId;
                    m_lastEventId = id;
                } else if (why.isEmpty()) {
                    why = q.lastError().text();
                }
            }
        }
        if (!why.isEmpty()) {
            // Whatever failed (the connection, or the server refusing the statement), the
            // connection is made anew: a follower has nothing to keep.
            fail(why);
            return;
        }
        if (!m_pollTimer.isActive())
            m_pollTimer.start(m_pollMs);
        if (!m_watchTimer.isActive())
            m_watchTimer.start();
        m_retryMs = kFirstRetryMs;
        if (m_lost) {
            m_lost = false;
            m_post([](HistoryFollower *f) { Q_EMIT f->connectionRestored(); });
        }
        if (!fresh.isEmpty())
            m_post([fresh](HistoryFollower *f) { Q_EMIT f->samplesCommitted(fresh); });
        if (eventsGrew)
            m_post([](HistoryFollower *f) { Q_EMIT f->eventsCommitted(); });
    }

    void fail(const QString &why)
    {
        m_connected = false;
        m_pollTimer.stop();
        m_hintTimer.stop();
        m_watchTimer.stop();
        // The driver goes with the connection.
        m_db = QSqlDatabase();
        m_pool.dropCurrent();
        if (!m_lost) {
            m_lost = true;
            const PgTarget target = m_pool.target();
            const QString message = HistoryFollower::tr("The shared history %1 cannot be reached (%2); readings of "
                                                        "other processes are shown again once it can.")
                                        .arg(target.redacted, target.scrub(why).simplified());
            m_post([message](HistoryFollower *f) { Q_EMIT f->connectionLost(message); });
        }
        m_retryTimer.start(m_retryMs);
        m_retryMs = std::min(m_retryMs * 2, kMaxRetryMs);
    }

    PgConnections m_pool;
    QSqlDatabase m_db; // while connected
    const int m_pollMs;
    const Post m_post;
    QTimer m_pollTimer;
    QTimer m_hintTimer;
    QTimer m_watchTimer;
    QTimer m_retryTimer;
    bool m_connected = false;
    bool m_lost = false;
    int m_retryMs = kFirstRetryMs;
    std::optional<qint64> m_lastEventId;
    QHash<QPair<QString, QString>, qint64> m_delivered; // (account id, resource) -> time
};

// Runs the worker and an event loop; the worker is made and destroyed on this thread, so its
// connection is opened and closed where it belongs.
class FollowerThread : public QThread
{
public:
    FollowerThread(const PgTarget &target, int pollMs, Post post)
        : m_target(target)
        , m_pollMs(pollMs)
        , m_post(std::move(post))
    {
    }

protected:
    void run() override
    {
        Worker worker(m_target, m_pollMs, m_post);
        QTimer::singleShot(0, &worker, [&worker] { worker.connectNow(); });
        exec();
    }

private:
    const PgTarget m_target;
    const int m_pollMs;
    const Post m_post;
};

} // namespace

struct HistoryFollower::Private
{
    int pollMs = 2000;
    // Bumped by start() and stop(): what a stopped worker still posts is dropped.
    quint64 generation = 0;
    std::unique_ptr<FollowerThread> thread;
};

HistoryFollower::HistoryFollower(QObject *parent)
    : QObject(parent)
    , d(std::make_unique<Private>())
{
    qRegisterMetaType<QList<Sample>>();
}

HistoryFollower::~HistoryFollower()
{
    stop();
}

void HistoryFollower::setPollIntervalMs(int ms)
{
    d->pollMs = std::max(10, ms);
}

int HistoryFollower::pollIntervalMs() const
{
    return d->pollMs;
}

void HistoryFollower::start(const QString &location)
{
    stop();
    const quint64 generation = ++d->generation;
    const Post post = [this, generation](std::function<void(HistoryFollower *)> fn) {
        // Queued onto this object's thread; dropped with the object, or after stop().
        QMetaObject::invokeMethod(
            this,
            [this, generation, fn = std::move(fn)] {
                if (d->generation == generation)
                    fn(this);
            },
            Qt::QueuedConnection);
    };
    PgTarget target;
    QString error;
    if (!PgTarget::parse(location, &target, &error)) {
        post([error](HistoryFollower *f) { Q_EMIT f->connectionLost(error); });
        return;
    }
    if (!QSqlDatabase::isDriverAvailable(QStringLiteral("QPSQL"))) {
        post([](HistoryFollower *f) {
            Q_EMIT f->connectionLost(tr("Qt's PostgreSQL driver (QPSQL) is not installed; on Debian it is the "
                                        "package libqt6sql6-psql."));
        });
        return;
    }
    // The follower's connection idles between polls: a peer that vanished without closing it
    // (a cable, a NAT's timeout) must show as lost within seconds, not the kernel's hours.
    if (!target.options.contains(QStringLiteral("keepalives_idle=")))
        target.options += QStringLiteral(" keepalives_idle=10 keepalives_interval=5 keepalives_count=3");
    if (!target.options.contains(QStringLiteral("tcp_user_timeout=")))
        target.options += QStringLiteral(" tcp_user_timeout=10000");
    d->thread = std::make_unique<FollowerThread>(target, d->pollMs, post);
    d->thread->setObjectName(QStringLiteral("HistoryFollower"));
    d->thread->start();
}

void HistoryFollower::stop()
{
    ++d->generation;
    if (!d->thread)
        return;
    d->thread->quit();
    d->thread->wait();
    d->thread.reset();
}

bool HistoryFollower::isRunning() const
{
    return d->thread != nullptr;
}
