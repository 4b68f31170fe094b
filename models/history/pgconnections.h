#pragma once

#include <QByteArray>
#include <QHash>
#include <QMutex>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QString>
#include <QStringList>
#include <QUuid>

#include <functional>
#include <optional>

// Where a PostgreSQL history lives, parsed from a libpq URL:
//   postgresql://[user[:password]@]host[:port]/db[?key=value&...]
//   postgresql:///db?host=/socket/dir     postgresql:///db?service=NAME
// Host, port, database, user and password go through QSqlDatabase's own setters (which quote
// them for libpq); every other query parameter (sslmode, sslrootcert, service, options, ...)
// is handed to libpq as it is, so ~/.pgpass, PGPASSFILE, pg_service.conf and
// sslmode=verify-full work exactly as they do for psql.
struct PgTarget
{
    QString host;
    int port = -1;
    QString database;
    QString user;
    QString password; // from the URL, else the stored one (setStoredPassword); never shown
    bool passwordInUrl = false;
    QString options;  // libpq key='value' pairs, space separated
    QString redacted; // the URL without its password, for messages

    // False with *error (which never contains the password) when `url` is not a PostgreSQL URL.
    static bool parse(const QString &url, PgTarget *target, QString *error);
    // The history's password from the secret store, read once at start: every target whose URL
    // names none uses it, for every connection of the process. Empty: libpq's own files
    // (~/.pgpass, PGPASSFILE, pg_service.conf) alone.
    static void setStoredPassword(const QString &password);
    // `text` with the URL's password masked: libpq messages are passed on to the user.
    QString scrub(const QString &text) const;
};

// Literals for statements sent as plain text. The history sends no server-side prepared
// statements, so it works behind PgBouncer in transaction mode; every value goes through
// these functions, never into the SQL unquoted.
namespace PgValues {

QString text(const QString &s); // E'...', backslashes and quotes escaped
QString integer(qint64 v);
QString opt(const std::optional<qint64> &v);
QString opt(const std::optional<int> &v);
QString opt(const std::optional<double> &v);
QString real(double v);
QString bytes(const QByteArray &b);
QString uuid(const QUuid &u);
// One element of an array literal ('{...}'), double-quoted; the literal as a whole then goes
// through text().
QString arrayText(const QString &s);
// A text[] literal of `values`, in their order: '{"a","b"}'::text[].
QString textArray(const QStringList &values);
// The server's clock in ms since the epoch. clock_timestamp(), not now(): the time the row is
// written, not when its transaction began.
QString serverNowMs();

} // namespace PgValues

// Runs `sql` on `q` (forward only). A failure that says the connection is gone marks the
// calling thread's connection as lost (PgConnections::takeLost), so the next use reconnects.
bool pgExec(QSqlQuery &q, const QString &sql, QString *error = nullptr);
// A failure that may pass (connection lost, server shutting down or starting, out of disk or
// memory, deadlock, lock timeout, read-only standby after a failover): keep the data and retry.
bool pgTransient(const QSqlError &e);

// One connection per thread to one database (QSqlDatabase connections belong to the thread that
// opened them). Locked on its own, so readers on other threads never wait for a write.
class PgConnections
{
public:
    explicit PgConnections(const QString &baseName);
    ~PgConnections();
    PgConnections(const PgConnections &) = delete;
    PgConnections &operator=(const PgConnections &) = delete;

    void setTarget(const PgTarget &target);
    PgTarget target() const;

    // This thread's connection, (re)opened when it is not open; *fresh: opened by this call.
    // Not open when the server cannot be reached (lastError() says why).
    QSqlDatabase database(bool *fresh = nullptr);
    // This thread's connection only; the next use opens a new one.
    void dropCurrent();
    void closeAll();

    // True once after a statement on this thread failed because its connection was lost.
    static bool takeLost();

    // For a class with a connection of its own (leases, team accounts): parses `location`,
    // checks that Qt's PostgreSQL driver is installed, connects and brings the schema up to date.
    // A statement left waiting on a half-open connection fails after 10 s unless the URL says
    // otherwise. False with *why (never a password) otherwise, and nothing stays open.
    bool openMigrated(const QString &location, QString *why);

    // Runs fn(db, &why) on this thread's connection, and once more on a new connection when the
    // old one turned out to be lost (the server restarted since its last use). False with *why
    // (libpq's words, unscrubbed) otherwise.
    bool run(const std::function<bool(const QSqlDatabase &, QString *)> &fn, QString *why);

private:
    const QString m_base;
    mutable QMutex m_mutex;
    PgTarget m_target;
    QHash<Qt::HANDLE, QString> m_names;
    int m_serial = 0;
};
