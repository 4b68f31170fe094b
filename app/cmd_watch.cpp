#include "commands.h"

#include "alerts/alertservice.h"
#include "engine/monitor.h"
#include "engine/poolmonitor.h"
#include "engine/session.h"
#include "keychainnotice.h"
#include "probeoutput.h"
#include "settingstable.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QEventLoop>
#include <QTextStream>
#include <QTimer>

namespace {


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
    Session::Options options;
    options.retentionDays = SettingsTable::retentionDays();
    // Watching nothing would run silently for ever.
    options.noAccountsError = CliText::tr("no accounts to watch; add one with 'headroom account add NAME --provider ID'");
    Session session(options);
    QString error;
    if (!session.open(&error))
        return failWith(1, error);
    QTextStream err(stderr);
    for (const QString &notice : session.takeNotices())
        err << "headroom: " << notice << '\n';
    attachKeychainNotice(session.keychain());
    Monitor &monitor = *session.monitor();

    QTextStream out(stdout);
    QObject::connect(&monitor, &Monitor::resultRecorded, [&](const ProbeResult &r) {
        out << formatProbeLine(r, json) << '\n';
        out.flush();
    });
    QObject::connect(&monitor, &Monitor::recordFailed, [&](const ProbeResult &, const QString &m) {
        err << "headroom: " << m << '\n';
    });
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

    QEventLoop loop;
    if (durationS)
        QTimer::singleShot(qint64(*durationS) * 1000, &loop, &QEventLoop::quit);
    // Regaining the network polls every account once, spread (no-op without a backend).
    monitor.watchNetwork();
    monitor.start();
    loop.exec();
    monitor.stop();
    return 0;
}

} // namespace

QList<CliCommand> Commands::watch()
{
    CliCommand c;
    c.path = QStringLiteral("watch");
    c.summary = CliText::tr("Probe on schedule without a window, recording results and raising alerts");
    c.usage = CliText::tr("[--duration SECONDS] [--json]");
    c.description = CliText::tr("Runs the scheduler the dashboard runs, without a window: every account is probed as "
                        "its quota requires, each result is printed and recorded, and alerts fire (on the "
                        "desktop, or on standard error when there is none). Stops on Ctrl+C.");
    c.addOption({QStringLiteral("duration")}, CliText::tr("Stop after SECONDS."), CliText::tr("SECONDS"));
    c.addOption({QStringLiteral("json")}, CliText::tr("Print one JSON object per line instead."));
    c.run = &run;
    return {c};
}
