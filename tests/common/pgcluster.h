#pragma once

// A throwaway PostgreSQL cluster for the tests of the PostgreSQL history: initdb into a
// temporary directory, a server listening on 127.0.0.1 only (a free port) with its unix
// socket in that directory, trust authentication for the role "headroom", one database
// "headroom". Stopped (and its files removed) when the object goes.
//
// The binaries are found in /usr/lib/postgresql/<newest>/bin (Debian's postgresql package), or
// in HEADROOM_PG_BINDIR. Not found is an error, never a skip: the tests say which package is missing.
//
// Run as root (CI containers), initdb and postgres refuse to start; the server commands then run
// as `nobody` through `setpriv --reuid=nobody --regid=nogroup --clear-groups`, on a directory
// chowned to it. The clients (the test, psql, createdb) stay root and connect over TCP.
//
//     PgCluster pg;
//     QVERIFY2(pg.start(), qPrintable(pg.error()));
//     store.open(pg.url());

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QProcessEnvironment>
#include <QStringList>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QThread>
#include <QVersionNumber>

#include <csignal>
#include <memory>
#include <optional>
#include <sys/types.h>
#include <unistd.h>

class PgCluster
{
public:
    PgCluster() = default;
    ~PgCluster() { stop(); }
    PgCluster(const PgCluster &) = delete;
    PgCluster &operator=(const PgCluster &) = delete;

    // The newest /usr/lib/postgresql/<version>/bin holding initdb, or HEADROOM_PG_BINDIR; empty
    // when there is none.
    static QString findBinDir()
    {
        const QString env = qEnvironmentVariable("HEADROOM_PG_BINDIR");
        if (!env.isEmpty())
            return QFile::exists(env + QStringLiteral("/initdb")) ? env : QString();
        QDir root(QStringLiteral("/usr/lib/postgresql"));
        QVersionNumber best;
        QString bin;
        for (const QString &v : root.entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
            const QString candidate = root.filePath(v + QStringLiteral("/bin"));
            const QVersionNumber n = QVersionNumber::fromString(v);
            if (QFile::exists(candidate + QStringLiteral("/initdb")) && (bin.isEmpty() || n > best)) {
                best = n;
                bin = candidate;
            }
        }
        return bin;
    }

    // initdb, start, createdb. False with error() on any failure.
    bool start()
    {
        m_bin = findBinDir();
        if (m_bin.isEmpty())
            return fail(QStringLiteral("PostgreSQL server binaries not found in /usr/lib/postgresql/*/bin: install the "
                                       "Debian package 'postgresql' (.ci/install-deps does)"));
        // Short: the socket path (dir + "/.s.PGSQL.<port>") must fit in 107 bytes.
        m_dir = std::make_unique<QTemporaryDir>(QStringLiteral("/tmp/headroom-pg-XXXXXX"));
        if (!m_dir->isValid())
            return fail(QStringLiteral("cannot create a temporary directory: ") + m_dir->errorString());
        m_root = m_dir->path();
        if (::geteuid() == 0) {
            // The server's own user must own its directory (and may not be root).
            if (!runAs(QStringLiteral("chown"), {QStringLiteral("nobody:nogroup"), m_root}, false))
                return false;
        }
        if (!runAs(m_bin + QStringLiteral("/initdb"),
                   {QStringLiteral("-D"), dataDir(), QStringLiteral("-U"), QStringLiteral("headroom"),
                    QStringLiteral("--auth=trust"), QStringLiteral("-E"), QStringLiteral("UTF8"),
                    QStringLiteral("--locale=C.UTF-8"), QStringLiteral("-N")},
                   true))
            return false;
        // A free port: another process may take it before the server does, so try a few.
        for (int attempt = 0; attempt < 5; ++attempt) {
            m_port = freePort();
            if (startServer())
                break;
            if (attempt == 4)
                return false;
        }
        if (!runAs(m_bin + QStringLiteral("/createdb"),
                   {QStringLiteral("-h"), QStringLiteral("127.0.0.1"), QStringLiteral("-p"), QString::number(m_port),
                    QStringLiteral("-U"), QStringLiteral("headroom"), QStringLiteral("headroom")},
                   false))
            return false;
        return true;
    }

    // postgresql://headroom@127.0.0.1:<port>/<database>
    QString url(const QString &database = QStringLiteral("headroom")) const
    {
        return QStringLiteral("postgresql://headroom@127.0.0.1:%1/%2").arg(m_port).arg(database);
    }
    // The same database through the unix socket: postgresql:///<db>?host=<dir>&port=..&user=..
    QString socketUrl(const QString &database = QStringLiteral("headroom")) const
    {
        return QStringLiteral("postgresql:///%1?host=%2&port=%3&user=headroom").arg(database, m_root).arg(m_port);
    }
    int port() const { return m_port; }
    QString binDir() const { return m_bin; }
    QString dataDir() const { return m_root + QStringLiteral("/data"); }
    QString socketDir() const { return m_root; }
    QString error() const { return m_error; }

    // Creates another database of the cluster.
    bool createDatabase(const QString &name)
    {
        return runAs(m_bin + QStringLiteral("/createdb"),
                     {QStringLiteral("-h"), QStringLiteral("127.0.0.1"), QStringLiteral("-p"), QString::number(m_port),
                      QStringLiteral("-U"), QStringLiteral("headroom"), name},
                     false);
    }

    // Runs SQL through psql; its output (unaligned, tuples only), or an empty optional on failure.
    std::optional<QString> psql(const QString &sql, const QString &database = QStringLiteral("headroom"))
    {
        QString out;
        if (!runAs(m_bin + QStringLiteral("/psql"),
                   {QStringLiteral("-X"), QStringLiteral("-A"), QStringLiteral("-t"), QStringLiteral("-v"),
                    QStringLiteral("ON_ERROR_STOP=1"), QStringLiteral("-h"), QStringLiteral("127.0.0.1"),
                    QStringLiteral("-p"), QString::number(m_port), QStringLiteral("-U"), QStringLiteral("headroom"),
                    QStringLiteral("-d"), database, QStringLiteral("-c"), sql},
                   false, &out))
            return std::nullopt;
        return out.trimmed();
    }

    // Starts the server of an initialised cluster (after stop() or kill9()) and waits until it
    // accepts connections.
    bool startServer()
    {
        const QString options = QStringLiteral("-c listen_addresses=127.0.0.1 -p %1 -c unix_socket_directories=%2")
                                    .arg(m_port)
                                    .arg(m_root)
            + m_extraOptions;
        // After kill9() the old backends may still hold the shared memory for a moment.
        QElapsedTimer timer;
        timer.start();
        while (true) {
            if (runAs(m_bin + QStringLiteral("/pg_ctl"),
                      {QStringLiteral("-D"), dataDir(), QStringLiteral("-l"), m_root + QStringLiteral("/server.log"),
                       QStringLiteral("-w"), QStringLiteral("-t"), QStringLiteral("60"), QStringLiteral("-o"), options,
                       QStringLiteral("start")},
                      true)) {
                m_running = true;
                return true;
            }
            if (timer.elapsed() > 20000) {
                QFile log(m_root + QStringLiteral("/server.log"));
                if (log.open(QIODevice::ReadOnly))
                    m_error += QStringLiteral("\nserver log:\n") + QString::fromLocal8Bit(log.readAll().right(2000));
                return false;
            }
            QThread::msleep(200);
        }
    }

    // Fast shutdown (clients are disconnected), as an administrator restarting the server does.
    bool stop()
    {
        if (!m_running || m_bin.isEmpty())
            return true;
        m_running = false;
        return runAs(m_bin + QStringLiteral("/pg_ctl"),
                     {QStringLiteral("-D"), dataDir(), QStringLiteral("-m"), QStringLiteral("fast"), QStringLiteral("-w"),
                      QStringLiteral("stop")},
                     true);
    }

    bool restart() { return stop() && startServer(); }

    // TLS with this certificate and key (PEM files), from the next start on. The key is copied
    // into the cluster's directory: the server refuses a key others could read.
    bool enableTls(const QString &certFile, const QString &keyFile)
    {
        const QString cert = m_root + QStringLiteral("/server.crt");
        const QString key = m_root + QStringLiteral("/server.key");
        QFile::remove(cert);
        QFile::remove(key);
        if (!QFile::copy(certFile, cert) || !QFile::copy(keyFile, key))
            return fail(QStringLiteral("cannot copy the certificate and key into ") + m_root);
        QFile::setPermissions(key, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
        if (::geteuid() == 0 && !runAs(QStringLiteral("chown"), { QStringLiteral("nobody:nogroup"), cert, key }, false))
            return false;
        m_extraOptions = QStringLiteral(" -c ssl=on -c ssl_cert_file=%1 -c ssl_key_file=%2").arg(cert, key);
        return true;
    }

    // SIGKILL to the postmaster: a crash; the next startServer() runs crash recovery.
    bool kill9()
    {
        QFile pidFile(dataDir() + QStringLiteral("/postmaster.pid"));
        if (!pidFile.open(QIODevice::ReadOnly))
            return fail(QStringLiteral("no postmaster.pid"));
        const pid_t pid = pid_t(pidFile.readLine().trimmed().toLongLong());
        if (pid <= 0 || ::kill(pid, SIGKILL) != 0)
            return fail(QStringLiteral("cannot kill the postmaster"));
        m_running = false;
        // Wait until it is gone (its children notice and exit on their own).
        for (int i = 0; i < 100 && ::kill(pid, 0) == 0; ++i)
            QThread::msleep(50);
        return true;
    }

private:
    bool fail(const QString &message)
    {
        m_error = message;
        return false;
    }

    static int freePort()
    {
        QTcpServer probe;
        if (!probe.listen(QHostAddress::LocalHost, 0))
            return 55432;
        return probe.serverPort();
    }

    // Runs `program`; as `nobody` when `asServer` and this process is root.
    bool runAs(const QString &program, QStringList args, bool asServer, QString *output = nullptr)
    {
        QString exe = program;
        if (asServer && ::geteuid() == 0) {
            args.prepend(program);
            args.prepend(QStringLiteral("--"));
            args.prepend(QStringLiteral("--clear-groups"));
            args.prepend(QStringLiteral("--regid=nogroup"));
            args.prepend(QStringLiteral("--reuid=nobody"));
            exe = QStringLiteral("setpriv");
        }
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        // The cluster is ours alone: nothing from the caller's libpq settings.
        for (const QString &k : env.keys()) {
            if (k.startsWith(QStringLiteral("PG")))
                env.remove(k);
        }
        env.insert(QStringLiteral("LC_ALL"), QStringLiteral("C.UTF-8"));
        if (asServer)
            env.insert(QStringLiteral("HOME"), m_root);
        p.setProcessEnvironment(env);
        p.setWorkingDirectory(m_root);
        p.start(exe, args);
        if (!p.waitForFinished(120000) || p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0) {
            m_error = QStringLiteral("%1 %2 failed: %3 %4")
                          .arg(exe, args.join(u' '), QString::fromLocal8Bit(p.readAllStandardError()),
                               p.errorString());
            return false;
        }
        if (output)
            *output = QString::fromUtf8(p.readAllStandardOutput());
        return true;
    }

    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_root;
    QString m_extraOptions; // more server options, from enableTls()
    QString m_bin;
    QString m_error;
    int m_port = 0;
    bool m_running = false;
};
