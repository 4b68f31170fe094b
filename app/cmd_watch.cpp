#include "commands.h"

#include "accounts/credentialsecretstore.h"
#include "accounts/secretstore.h"
#include "alerts/alertservice.h"
#include "engine/leasekeeper.h"
#include "engine/metricsregistry.h"
#include "engine/metricsserver.h"
#include "engine/monitor.h"
#include "engine/poolmonitor.h"
#include "engine/session.h"
#include "keychainnotice.h"
#include "probeoutput.h"
#include "settingstable.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDBusConnection>
#include <QEventLoop>
#include <QSocketNotifier>
#include <QTextStream>
#include <QTimer>

#include <algorithm>
#include <csignal>
#include <memory>

#include <unistd.h>

namespace {

// SIGTERM (systemctl stop) and Ctrl+C end the event loop through this pipe, so a stopping
// watcher releases its leases and another takes its accounts over at once. A second signal
// ends the process as the default would.
int g_stopPipe[2] = { -1, -1 };

void onStopSignal(int sig)
{
    const char byte = 1;
    [[maybe_unused]] const ssize_t n = ::write(g_stopPipe[1], &byte, 1);
    std::signal(sig, SIG_DFL);
}

int run(const QCommandLineParser &parsed)
{
    const QString path = QStringLiteral("watch");
    if (!parsed.positionalArguments().isEmpty())
        return Cli::usageError(path, CliText::tr("takes no arguments"));
    const bool json = parsed.isSet(QStringLiteral("json"));
    std::optional<int> durationS;
    if (parsed.isSet(QStringLiteral("duration"))) {
        bool ok = false;
        durationS = parsed.value(QStringLiteral("duration")).toInt(&ok);
        if (!ok || *durationS <= 0)
            return Cli::usageError(path, CliText::tr("--duration needs a whole number of seconds, more than 0"));
    }
    std::optional<MetricsServer::Endpoint> endpoint;
    if (parsed.isSet(QStringLiteral("listen"))) {
        QString why;
        endpoint = MetricsServer::parseEndpoint(parsed.value(QStringLiteral("listen")), &why);
        if (!endpoint)
            return Cli::usageError(path, why);
    }
    const bool tls = parsed.isSet(QStringLiteral("tls-cert")) || parsed.isSet(QStringLiteral("tls-key"));
    if (tls && (!endpoint || !parsed.isSet(QStringLiteral("tls-cert")) || !parsed.isSet(QStringLiteral("tls-key"))))
        return Cli::usageError(path, CliText::tr("--tls-cert and --tls-key go together, with --listen"));

    Session::Options options;
    options.retentionDays = SettingsTable::retentionDays();
    options.historyLocation = SettingsTable::historyLocation();
    options.leases = true;
    // Watching nothing would run silently for ever.
    options.noAccountsError
        = CliText::tr("no accounts to watch; add one with 'headroom account add NAME --provider ID'");
    Session session(options);
    QString error;
    if (!session.open(&error))
        return failWith(1, error);
    QTextStream err(stderr);
    for (const QString &notice : session.takeNotices())
        err << "headroom: " << notice << '\n';
    // Later ones too (the team removed an account, the shared history away and back): a
    // server's journal is where its admin looks.
    QObject::connect(&session, &Session::notice, [&err](const QString &notice) {
        err << "headroom: " << notice << '\n';
        err.flush();
    });
    attachKeychainNotice(session.keychain());
    // A server with neither a session bus (no keyring to ask) nor systemd's credentials cannot
    // read a single token: say so once and stop, rather than fail every probe for ever.
    if (session.keychain() && !QDBusConnection::sessionBus().isConnected()) {
        const QList<Account> accounts = session.accounts();
        const bool needsToken = std::any_of(
            accounts.cbegin(), accounts.cend(), [](const Account &a) { return a.auth != AuthScheme::None; });
        if (needsToken)
            return failWith(1,
                CliText::tr("no keyring to read tokens from (no D-Bus session) and no systemd "
                            "credentials ($CREDENTIALS_DIRECTORY): run in a desktop session, or as "
                            "the headroom-watch service with LoadCredentialEncrypted="));
    }
    Monitor &monitor = *session.monitor();

    QTextStream out(stdout);
    QObject::connect(&monitor, &Monitor::resultRecorded, [&](const ProbeResult &r) {
        out << formatProbeLine(r, json) << '\n';
        out.flush();
    });
    QObject::connect(&monitor, &Monitor::recordFailed,
        [&](const ProbeResult &, const QString &m) { err << "headroom: " << m << '\n'; });
    // One message per account, not per attempt: the scheduler's backoff decides the retries.
    QSet<QString> told;
    QObject::connect(&monitor, &Monitor::secretUnavailable, [&](const QString &id, const QString &m) {
        if (!told.contains(id)) {
            told.insert(id);
            err << "headroom: " << m << '\n';
        }
    });
    // Queued: the pool completes inside its last member's result, whose line prints first.
    QObject::connect(
        session.pools(), &PoolMonitor::poolUpdated, &monitor,
        [&](const PoolReading &p) {
            out << formatPoolLine(p, json) << '\n';
            out.flush();
        },
        Qt::QueuedConnection);
    // Headless and no notification server: the alert still reaches the admin, on stderr.
    QObject::connect(session.alerts()->notifier(), &Notifier::fallbackRequested,
        [&](const QString &title, const QString &body, int) {
            err << "headroom: alert: " << title << " — " << body << '\n';
            err.flush();
        });

    // The metrics follow the same recorded results and pool readings as the lines above.
    MetricsRegistry metrics;
    std::unique_ptr<MetricsServer> server;
    if (endpoint) {
        metrics.setAccounts(session.accounts());
        QObject::connect(&monitor, &Monitor::resultRecorded, &metrics, &MetricsRegistry::recordResult);
        QObject::connect(session.pools(), &PoolMonitor::poolUpdated, &metrics, &MetricsRegistry::recordPool);
        QObject::connect(
            &session, &Session::accountsChanged, &metrics, [&] { metrics.setAccounts(session.accounts()); });
        // Healthy while the scheduler keeps waking: it does at least once a minute.
        server = std::make_unique<MetricsServer>(&metrics, [&monitor] {
            const std::optional<qint64> since = monitor.msSinceLastTick();
            return monitor.isRunning() && since && *since <= 70'000;
        });
        if (parsed.isSet(QStringLiteral("scrape-token"))) {
            // Read once, before serving: a scraper never meets an open door first.
            SecretStore::Result read;
            QEventLoop wait;
            session.secrets()->read(QStringLiteral("scrape-token"), [&](const SecretStore::Result &r) {
                read = r;
                wait.quit();
            });
            wait.exec();
            if (read.error != SecretStore::Error::None || read.secret.isEmpty())
                return failWith(1,
                    CliText::tr("--scrape-token: no scraper token in the secret store (%1); on a server, run as root: "
                                "systemd-creds encrypt --name=%2 - /etc/credstore.encrypted/%2 and add "
                                "LoadCredentialEncrypted=%2 to the unit")
                        .arg(read.message, CredentialSecretStore::credentialName(QStringLiteral("scrape-token"))));
            QByteArray token = read.secret.toUtf8();
            server->setBearerToken(token);
            token.fill('\0');
            read.secret.fill(u'\0');
        }
        if (tls
            && !server->setTls(
                parsed.value(QStringLiteral("tls-cert")), parsed.value(QStringLiteral("tls-key")), &error))
            return failWith(1, error);
        if (!server->listen(*endpoint, &error))
            return failWith(1, error);
        const QString host = endpoint->address.protocol() == QAbstractSocket::IPv6Protocol
            ? u'[' + endpoint->address.toString() + u']'
            : endpoint->address.toString();
        err << "headroom: "
            << CliText::tr("serving metrics on %1://%2:%3/metrics")
                   .arg(tls ? QStringLiteral("https") : QStringLiteral("http"), host)
                   .arg(server->port())
            << '\n';
        err.flush();
    }

    QEventLoop loop;
    std::unique_ptr<QSocketNotifier> stopNotifier;
    if (::pipe(g_stopPipe) == 0) {
        stopNotifier = std::make_unique<QSocketNotifier>(g_stopPipe[0], QSocketNotifier::Read);
        QObject::connect(stopNotifier.get(), &QSocketNotifier::activated, &loop, &QEventLoop::quit);
        std::signal(SIGTERM, onStopSignal);
        std::signal(SIGINT, onStopSignal);
    }
    if (durationS)
        QTimer::singleShot(qint64(*durationS) * 1000, &loop, &QEventLoop::quit);
    // Regaining the network polls every account once, spread (no-op without a backend).
    monitor.watchNetwork();
    monitor.start();
    // On a shared history: this process polls the accounts whose leases it holds.
    if (LeaseKeeper *keeper = session.leaseKeeper()) {
        QObject::connect(keeper, &LeaseKeeper::error, [&err](const QString &m) {
            err << "headroom: " << m << '\n';
            err.flush();
        });
        keeper->start();
    }
    loop.exec();
    // Released first, so another process takes the accounts over at once.
    if (LeaseKeeper *keeper = session.leaseKeeper())
        keeper->stop();
    monitor.stop();
    return 0;
}

} // namespace

QList<CliCommand> Commands::watch()
{
    CliCommand c;
    c.path = QStringLiteral("watch");
    c.summary = CliText::tr("Probe on schedule without a window, recording results and raising alerts");
    c.usage = CliText::tr("[--duration SECONDS] [--json] [--listen ADDR:PORT ...]");
    c.description = CliText::tr("Runs the scheduler the dashboard runs, without a window: every account is probed as "
                                "its quota requires, each result is printed and recorded, and alerts fire (on the "
                                "desktop, or on standard error when there is none). Stops on Ctrl+C.");
    c.addOption({ QStringLiteral("duration") }, CliText::tr("Stop after SECONDS."), CliText::tr("SECONDS"));
    c.addOption({ QStringLiteral("json") }, CliText::tr("Print one JSON object per line instead."));
    c.addOption({ QStringLiteral("listen") },
        CliText::tr("Serve Prometheus metrics on /metrics and a health check on /healthz at ADDR:PORT "
                    "(PORT alone: loopback)."),
        CliText::tr("ADDR:PORT"));
    c.addOption({ QStringLiteral("tls-cert") }, CliText::tr("Serve the metrics over TLS with this PEM certificate."),
        CliText::tr("FILE"));
    c.addOption({ QStringLiteral("tls-key") }, CliText::tr("The PEM private key of --tls-cert."), CliText::tr("FILE"));
    c.addOption({ QStringLiteral("scrape-token") },
        CliText::tr("Require 'Authorization: Bearer TOKEN' from scrapers, TOKEN read from the secret store "
                    "(the systemd credential headroom.scrape-token on a server)."));
    c.run = &run;
    return { c };
}
