#include "historystore.h"

#include "historyschema.h"
#include "sqlitealertstate.h"
#include "sqliteconnections.h"
#include "sqlitemaintenance.h"
#include "sqlitequeries.h"
#include "sqlitewriter.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QMutex>
#include <QMutexLocker>
#include <QSet>
#include <QSqlError>
#include <QTimer>
#include <QUuid>

#include <algorithm>
#include <atomic>


namespace {

std::atomic<quint64> g_storeCounter { 0 };

// Each store names its connections apart from every other store's in the process.
QString uniqueBaseName()
{
    return QStringLiteral("headroom-history-") + QString::number(++g_storeCounter) + u'-'
        + QUuid::createUuid().toString(QUuid::Id128).left(8);
}

} // namespace

struct HistoryStore::Private
{
    Private()
        : pool(uniqueBaseName())
        , writer(pool, &notice)
        , maintenance(pool, &notice)
    {
    }

    mutable QMutex mutex; // guards everything below; writes are serialised through it
    bool open = false;
    QString notice;
    int retentionDays = 90;
    int checkDelayMs = SqliteMaintenance::kBackgroundCheckDelayMs;
    QTimer *pruneTimer = nullptr;
    SqliteConnections pool;
    SqliteWriter writer;
    SqliteMaintenance maintenance;

    // This thread's connection; only while open.
    QSqlDatabase db() { return pool.database(); }
    bool write(SqliteBatch batch) { return open && writer.write(std::move(batch)); }
};

HistoryStore::HistoryStore(QObject *parent)
    : HistoryBackend(parent)
    , d(std::make_unique<Private>())
{
    d->pruneTimer = new QTimer(this);
    d->pruneTimer->setSingleShot(true);
    connect(d->pruneTimer, &QTimer::timeout, this, [this] {
        const int deleted = pruneOnce(2000);
        // Keep going quickly while there is a backlog, then check every ten minutes.
        d->pruneTimer->start(deleted >= 2000 ? 1000 : 10 * 60 * 1000);
    });
}

HistoryStore::~HistoryStore()
{
    close();
}

QString HistoryStore::defaultPath()
{
    QString base = qEnvironmentVariable("XDG_DATA_HOME");
    if (base.isEmpty())
        base = QDir::homePath() + QStringLiteral("/.local/share");
    return base + QStringLiteral("/headroom/history.sqlite");
}

int HistoryStore::schemaVersion()
{
    return HistorySchema::currentVersion();
}

QString HistoryStore::path() const
{
    QMutexLocker lock(&d->mutex);
    return d->pool.path();
}

bool HistoryStore::open(const QString &path, QString *error)
{
    close();
    QMutexLocker lock(&d->mutex);
    const QString file = QFileInfo(path).absoluteFilePath();
    d->pool.setTarget(file, false);
    bool deferCheck = false;
    if (!d->maintenance.openFile(error, &deferCheck)) {
        d->pool.closeAll();
        return false;
    }
    d->open = true;
    const int delay = d->checkDelayMs;
    lock.unlock();
    if (deferCheck) {
        d->maintenance.startBackgroundCheck(file, delay, [this, file](const QString &result) {
            // Back on the store's thread; dropped if the store is gone by then (close() joins first).
            QMetaObject::invokeMethod(
                this,
                [this, file, result] {
                    QMutexLocker lock(&d->mutex);
                    if (!d->open || d->pool.path() != file)
                        return;
                    d->notice = SqliteMaintenance::noteDamage(file, result);
                    const QString text = d->notice;
                    lock.unlock();
                    Q_EMIT damageFound(text);
                },
                Qt::QueuedConnection);
        });
    }
    d->pruneTimer->start(5000);
    return true;
}

bool HistoryStore::openForReading(const QString &path, QString *error)
{
    return QFile::exists(path) ? open(path, error) : openInMemory(error);
}

bool HistoryStore::openInMemory(QString *error)
{
    close();
    QMutexLocker lock(&d->mutex);
    d->pool.setTarget(QString(), true);
    const QSqlDatabase db = d->db();
    if (!db.isOpen() || !SqliteMaintenance::migrate(db, error)) {
        if (error && error->isEmpty())
            *error = db.lastError().text();
        d->pool.closeAll();
        return false;
    }
    d->open = true;
    return true;
}

void HistoryStore::close()
{
    d->pruneTimer->stop();
    d->maintenance.stopBackgroundCheck();
    QMutexLocker lock(&d->mutex);
    d->pool.closeAll();
    d->open = false;
    d->writer.reset();
}

bool HistoryStore::isOpen() const
{
    QMutexLocker lock(&d->mutex);
    return d->open;
}

QString HistoryStore::takeNotice()
{
    QMutexLocker lock(&d->mutex);
    return std::exchange(d->notice, QString());
}

bool HistoryStore::registerAccount(const QString &accountId, const QString &name, const QString &provider)
{
    SqliteBatch b;
    b.names.append({ accountId, { name, provider } });
    QMutexLocker lock(&d->mutex);
    return d->write(std::move(b));
}

bool HistoryStore::record(const HistoryRecord &record)
{
    SqliteBatch b;
    if (!record.accountName.isEmpty() || !record.provider.isEmpty())
        b.names.append({ record.accountId, { record.accountName, record.provider } });
    b.samples = record.samples;
    b.events = record.events;
    if (record.throttledAt)
        b.throttleMarks.append({ record.accountId, record.throttledAt->toMSecsSinceEpoch() });
    const bool hasSamples = !b.samples.isEmpty();
    const bool hasEvents = !b.events.isEmpty();
    QMutexLocker lock(&d->mutex);
    const bool ok = d->write(std::move(b));
    lock.unlock();
    if (hasSamples)
        Q_EMIT samplesAdded(record.accountId);
    if (hasEvents)
        Q_EMIT eventsAdded();
    return ok;
}

bool HistoryStore::appendSamples(const QList<Sample> &samples)
{
    if (samples.isEmpty())
        return true;
    SqliteBatch b;
    b.samples = samples;
    QMutexLocker lock(&d->mutex);
    const bool ok = d->write(std::move(b));
    lock.unlock();
    announceSamples(samples);
    return ok;
}

bool HistoryStore::appendEvents(const QList<Event> &events)
{
    if (events.isEmpty())
        return true;
    SqliteBatch b;
    b.events = events;
    QMutexLocker lock(&d->mutex);
    const bool ok = d->write(std::move(b));
    lock.unlock();
    Q_EMIT eventsAdded();
    return ok;
}

int HistoryStore::pendingCount() const
{
    QMutexLocker lock(&d->mutex);
    int n = 0;
    for (const SqliteBatch &b : d->writer.pending())
        n += int(b.samples.size() + b.events.size());
    return n;
}

bool HistoryStore::flushPending()
{
    QMutexLocker lock(&d->mutex);
    if (d->writer.pending().isEmpty())
        return true;
    return d->write(SqliteBatch());
}

std::optional<Sample> HistoryStore::lastSample(const QString &accountId, const QString &resource) const
{
    QMutexLocker lock(&d->mutex);
    if (!d->open)
        return std::nullopt;
    std::optional<Sample> best;
    // Readings waiting in memory (disk full) are newer than anything on disk.
    for (const SqliteBatch &b : d->writer.pending()) {
        for (const Sample &s : b.samples) {
            if (s.accountId == accountId && s.resource == resource && (!best || best->time <= s.time))
                best = s;
        }
    }
    if (best)
        return best;
    return SqliteQueries::lastSample(d->db(), accountId, resource);
}

QList<Sample> HistoryStore::samples(
    const QString &accountId, const QString &resource, const QDateTime &from, const QDateTime &to) const
{
    QMutexLocker lock(&d->mutex);
    if (!d->open)
        return {};
    return SqliteQueries::samples(d->db(), accountId, resource, from, to);
}

QStringList HistoryStore::resources(const QString &accountId) const
{
    QMutexLocker lock(&d->mutex);
    if (!d->open)
        return {};
    return SqliteQueries::resources(d->db(), accountId);
}

QList<Event> HistoryStore::events(
    const QDateTime &from, const QDateTime &to, const QStringList &accountIds, int limit) const
{
    QMutexLocker lock(&d->mutex);
    if (!d->open)
        return {};
    return SqliteQueries::events(d->db(), from, to, accountIds, limit);
}

ChartSeries HistoryStore::series(
    const QString &accountId, const QString &resource, const QDateTime &from, const QDateTime &to, int pixelWidth) const
{
    QMutexLocker lock(&d->mutex);
    if (!d->open)
        return {};
    return SqliteQueries::series(d->db(), accountId, resource, from, to, pixelWidth);
}

QList<HistoryBackend::AccountInfo> HistoryStore::accounts() const
{
    QMutexLocker lock(&d->mutex);
    if (!d->open)
        return {};
    return SqliteQueries::accounts(d->db());
}

QByteArray HistoryStore::alertState(const QString &key) const
{
    QMutexLocker lock(&d->mutex);
    if (!d->open)
        return {};
    return SqliteAlertState::value(d->db(), key);
}

bool HistoryStore::setAlertState(const QString &key, const QByteArray &value)
{
    QMutexLocker lock(&d->mutex);
    if (!d->open)
        return false;
    return SqliteAlertState::setValue(d->db(), key, value);
}

void HistoryStore::setRetentionDays(int days)
{
    QMutexLocker lock(&d->mutex);
    d->retentionDays = std::max(1, days);
}

int HistoryStore::retentionDays() const
{
    QMutexLocker lock(&d->mutex);
    return d->retentionDays;
}

int HistoryStore::pruneOnce(int maxRows)
{
    QMutexLocker lock(&d->mutex);
    if (!d->open || maxRows <= 0)
        return 0;
    return SqliteMaintenance::prune(d->db(), d->retentionDays, maxRows);
}

void HistoryStore::setWarningFraction(double fraction)
{
    QMutexLocker lock(&d->mutex);
    d->writer.setWarningFraction(std::clamp(fraction, 0.0, 1.0));
}

void HistoryStore::setAccountWarningFractions(const QHash<QString, double> &fractions)
{
    QHash<QString, double> clamped;
    for (auto it = fractions.cbegin(); it != fractions.cend(); ++it)
        clamped.insert(it.key(), std::clamp(it.value(), 0.0, 1.0));
    QMutexLocker lock(&d->mutex);
    d->writer.setAccountWarningFractions(clamped);
}

double HistoryStore::warningFraction() const
{
    QMutexLocker lock(&d->mutex);
    return d->writer.warningFraction();
}

QSqlDatabase HistoryStore::connection() const
{
    QMutexLocker lock(&d->mutex);
    if (!d->open)
        return {};
    return d->db();
}

void HistoryStore::releaseThreadConnection()
{
    QMutexLocker lock(&d->mutex);
    // Its prepared statements (Qt's and the raw ones) go before the connection they belong to.
    d->pool.dropCurrent();
}

void HistoryStore::setBackgroundCheckDelay(int ms)
{
    QMutexLocker lock(&d->mutex);
    d->checkDelayMs = std::max(0, ms);
}
