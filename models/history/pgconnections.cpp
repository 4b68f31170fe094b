#include "pgconnections.h"

#include "pgschema.h"

#include <QCoreApplication>
#include <QMutex>
#include <QMutexLocker>
#include <QRegularExpression>
#include <QThread>
#include <QUrl>
#include <QUrlQuery>

#include <cmath>

namespace {

class PgText
{
    Q_DECLARE_TR_FUNCTIONS(PgHistoryStore)
};

thread_local bool t_lost = false;

// libpq's own quoting for a conninfo value.
QString conninfoValue(QString v)
{
    v.replace(u'\\', QStringLiteral("\\\\"));
    v.replace(u'\'', QStringLiteral("\\'"));
    return u'\'' + v + u'\'';
}

bool connectionLost(const QSqlError &e)
{
    const QString state = e.nativeErrorCode();
    // No SQLSTATE: libpq itself failed (the socket closed); 08: connection exception;
    // 57P01-03: the server is shutting down, restarting or not accepting connections yet.
    return state.isEmpty() || state.startsWith(QStringLiteral("08")) || state == QStringLiteral("57P01")
        || state == QStringLiteral("57P02") || state == QStringLiteral("57P03");
}

} // namespace

namespace {

QMutex g_storedPasswordMutex;
QString g_storedPassword;

} // namespace

void PgTarget::setStoredPassword(const QString &password)
{
    QMutexLocker lock(&g_storedPasswordMutex);
    g_storedPassword = password;
}

bool PgTarget::parse(const QString &url, PgTarget *t, QString *error)
{
    const QUrl u(url);
    const QString scheme = u.scheme();
    if (!u.isValid() || (scheme != QStringLiteral("postgresql") && scheme != QStringLiteral("postgres"))) {
        if (error)
            *error = PgText::tr("Not a PostgreSQL URL (postgresql://[user@]host[:port]/database): %1")
                         .arg(u.toString(QUrl::RemovePassword | QUrl::RemoveQuery));
        return false;
    }
    PgTarget out;
    out.user = u.userName(QUrl::FullyDecoded);
    out.password = u.password(QUrl::FullyDecoded);
    out.host = u.host(QUrl::FullyDecoded);
    out.port = u.port(-1);
    QString path = u.path(QUrl::FullyDecoded);
    if (path.startsWith(u'/'))
        path.remove(0, 1);
    out.database = path;
    QStringList options;
    bool hasTimeout = false;
    bool hasName = false;
    const QUrlQuery query(u);
    QUrlQuery shown;
    static const QRegularExpression keyPattern(QStringLiteral("^[a-z_]+$"));
    for (const auto &[key, value] : query.queryItems(QUrl::FullyDecoded)) {
        if (!keyPattern.match(key).hasMatch()) {
            if (error)
                *error = PgText::tr("Unknown connection parameter in the PostgreSQL URL: %1").arg(key);
            return false;
        }
        if (key != QStringLiteral("password"))
            shown.addQueryItem(key, value);
        if (key == QStringLiteral("host"))
            out.host = value;
        else if (key == QStringLiteral("port"))
            out.port = value.toInt();
        else if (key == QStringLiteral("dbname"))
            out.database = value;
        else if (key == QStringLiteral("user"))
            out.user = value;
        else if (key == QStringLiteral("password"))
            out.password = value;
        else {
            // Qt's driver turns ';' in its connect options into a separator.
            if (value.contains(u';')) {
                if (error)
                    *error = PgText::tr("The PostgreSQL URL parameter %1 cannot contain ';'.").arg(key);
                return false;
            }
            hasTimeout = hasTimeout || key == QStringLiteral("connect_timeout");
            hasName = hasName || key == QStringLiteral("application_name");
            options << key + u'=' + conninfoValue(value);
        }
    }
    // An unreachable host must not hold a write (and the probe behind it) for minutes.
    if (!hasTimeout)
        options << QStringLiteral("connect_timeout=5");
    if (!hasName)
        options << QStringLiteral("application_name=headroom");
    out.options = options.join(u' ');
    QUrl clean(u);
    clean.setPassword(QString());
    if (shown.isEmpty())
        clean.setQuery(QString());
    else
        clean.setQuery(shown);
    out.redacted = clean.toString(QUrl::RemovePassword);
    out.passwordInUrl = !out.password.isEmpty();
    if (!out.passwordInUrl) {
        QMutexLocker lock(&g_storedPasswordMutex);
        out.password = g_storedPassword;
    }
    *t = out;
    return true;
}

QString PgTarget::scrub(const QString &text) const
{
    if (password.isEmpty())
        return text;
    QString out = text;
    out.replace(password, QStringLiteral("***"));
    return out;
}

namespace PgValues {

QString text(const QString &s)
{
    QString out;
    out.reserve(s.size() + 4);
    out += QStringLiteral("E'");
    for (const QChar c : s) {
        if (c == u'\\')
            out += QStringLiteral("\\\\");
        else if (c == u'\'')
            out += QStringLiteral("\\'");
        else if (c.unicode() == 0)
            out += QChar(0xfffd); // PostgreSQL text cannot hold NUL
        else
            out += c;
    }
    out += u'\'';
    return out;
}

QString integer(qint64 v)
{
    return QString::number(v);
}

QString opt(const std::optional<qint64> &v)
{
    return v ? QString::number(*v) : QStringLiteral("NULL");
}

QString opt(const std::optional<int> &v)
{
    return v ? QString::number(*v) : QStringLiteral("NULL");
}

QString opt(const std::optional<double> &v)
{
    return v ? real(*v) : QStringLiteral("NULL");
}

QString real(double v)
{
    if (std::isnan(v))
        return QStringLiteral("'NaN'::float8");
    if (std::isinf(v))
        return v > 0 ? QStringLiteral("'Infinity'::float8") : QStringLiteral("'-Infinity'::float8");
    // 17 significant digits read back as the same double.
    return QStringLiteral("float8 '") + QString::number(v, 'g', 17) + u'\'';
}

QString bytes(const QByteArray &b)
{
    return QStringLiteral("decode('") + QString::fromLatin1(b.toHex()) + QStringLiteral("', 'hex')");
}

QString uuid(const QUuid &u)
{
    return u'\'' + u.toString(QUuid::WithoutBraces) + QStringLiteral("'::uuid");
}

QString arrayText(const QString &s)
{
    QString out;
    out.reserve(s.size() + 2);
    out += u'"';
    for (const QChar c : s) {
        if (c == u'"' || c == u'\\')
            out += u'\\';
        if (c.unicode() == 0)
            out += QChar(0xfffd);
        else
            out += c;
    }
    out += u'"';
    return out;
}

QString textArray(const QStringList &values)
{
    QStringList cells;
    cells.reserve(values.size());
    for (const QString &v : values)
        cells << arrayText(v);
    return text(u'{' + cells.join(u',') + u'}') + QStringLiteral("::text[]");
}

QString serverNowMs()
{
    return QStringLiteral("(extract(epoch from clock_timestamp()) * 1000)::bigint");
}

} // namespace PgValues

bool pgExec(QSqlQuery &q, const QString &sql, QString *error)
{
    q.setForwardOnly(true);
    if (q.exec(sql))
        return true;
    const QSqlError e = q.lastError();
    if (connectionLost(e))
        t_lost = true;
    if (error)
        *error = e.text();
    return false;
}

bool pgTransient(const QSqlError &e)
{
    if (connectionLost(e))
        return true;
    const QString state = e.nativeErrorCode();
    // 53: out of disk, memory or connections; 58: I/O; 40: serialization failure or deadlock;
    // 55P03: lock not available; 25006: a read-only transaction (a standby after failover);
    // 57014: statement timeout or cancel.
    return state.startsWith(QStringLiteral("53")) || state.startsWith(QStringLiteral("58"))
        || state.startsWith(QStringLiteral("40")) || state == QStringLiteral("55P03")
        || state == QStringLiteral("25006") || state == QStringLiteral("57014");
}

PgConnections::PgConnections(const QString &baseName)
    : m_base(baseName)
{
}

PgConnections::~PgConnections()
{
    closeAll();
}

void PgConnections::setTarget(const PgTarget &target)
{
    QMutexLocker lock(&m_mutex);
    m_target = target;
}

PgTarget PgConnections::target() const
{
    QMutexLocker lock(&m_mutex);
    return m_target;
}

QSqlDatabase PgConnections::database(bool *fresh)
{
    if (fresh)
        *fresh = false;
    const Qt::HANDLE thread = QThread::currentThreadId();
    QMutexLocker lock(&m_mutex);
    QString name = m_names.value(thread);
    if (name.isEmpty()) {
        name = m_base + QStringLiteral("-t") + QString::number(++m_serial) + u'-'
            + QString::number(reinterpret_cast<quintptr>(thread), 16);
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), name);
        db.setHostName(m_target.host);
        db.setPort(m_target.port);
        db.setDatabaseName(m_target.database);
        db.setUserName(m_target.user);
        db.setPassword(m_target.password);
        db.setConnectOptions(m_target.options);
        m_names.insert(thread, name);
    }
    lock.unlock();
    // Opening may wait for the network: not under the lock.
    QSqlDatabase db = QSqlDatabase::database(name, false);
    if (!db.isOpen() && db.isValid()) {
        if (db.open() && fresh)
            *fresh = true;
    }
    return db;
}

bool PgConnections::openMigrated(const QString &location, QString *why)
{
    PgTarget target;
    setTarget(PgTarget());
    if (!PgTarget::parse(location, &target, why))
        return false;
    if (!QSqlDatabase::isDriverAvailable(QStringLiteral("QPSQL"))) {
        if (why)
            *why = PgText::tr("Qt's PostgreSQL driver (QPSQL) is not installed; on Debian it is the package "
                                 "libqt6sql6-psql.");
        return false;
    }
    if (!target.options.contains(QStringLiteral("tcp_user_timeout=")))
        target.options += QStringLiteral(" tcp_user_timeout=10000");
    setTarget(target);
    QString reason;
    {
        const QSqlDatabase db = database();
        if (!db.isOpen())
            reason = db.lastError().text();
        else if (!PgSchema::migrate(db, &reason) && reason.isEmpty())
            reason = PgText::tr("The history's schema could not be brought up to date.");
    }
    if (reason.isEmpty())
        return true;
    closeAll();
    if (why)
        *why = target.scrub(reason).simplified();
    return false;
}

bool PgConnections::run(const std::function<bool(const QSqlDatabase &, QString *)> &fn, QString *why)
{
    QString reason;
    for (int attempt = 0; attempt < 2; ++attempt) {
        bool fresh = false;
        bool ok = false;
        {
            const QSqlDatabase db = database(&fresh);
            if (!db.isOpen()) {
                reason = db.lastError().text();
                fresh = true; // a connection that cannot be opened is not retried now
            } else {
                takeLost();
                reason.clear();
                ok = fn(db, &reason);
            }
        }
        if (ok)
            return true;
        const bool lost = takeLost();
        if (lost)
            dropCurrent();
        if (!lost || fresh)
            break;
    }
    if (why)
        *why = reason;
    return false;
}

void PgConnections::dropCurrent()
{
    QMutexLocker lock(&m_mutex);
    const QString name = m_names.take(QThread::currentThreadId());
    lock.unlock();
    if (name.isEmpty())
        return;
    {
        QSqlDatabase db = QSqlDatabase::database(name, false);
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
}

void PgConnections::closeAll()
{
    dropCurrent();
    QMutexLocker lock(&m_mutex);
    // Other threads' connections (a reader that did not release its own): removing one closes it.
    const QList<QString> names = m_names.values();
    m_names.clear();
    lock.unlock();
    for (const QString &name : names)
        QSqlDatabase::removeDatabase(name);
}

bool PgConnections::takeLost()
{
    return std::exchange(t_lost, false);
}
