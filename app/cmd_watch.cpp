#include "commands.h"

#include "accounts/accountstore.h"
#include "accounts/keychainsecretstore.h"
#include "alerts/alertservice.h"
#include "alerts/historyalertstatestore.h"
#include "alerts/notifier.h"
#include "engine/monitor.h"
#include "history/historystore.h"
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
    AccountStore store;
    QString error;
    if (!store.load(&error))
        return failWith(1, error);
    // Watching nothing would run silently for ever.
    if (store.accounts().isEmpty())
        return failWith(1, CliText::tr("no accounts to watch; add one with 'headroom account add NAME --provider ID'"));
    AlertSettings alertSettings = AlertSettings::loadDefault();
    alertSettings.loadOverrides(store.accounts());
    HistoryStore history;
    history.setRetentionDays(SettingsTable::retentionDays());
    history.setWarningFraction(alertSettings.warningPct / 100.0);
    if (!history.open(HistoryStore::defaultPath(), &error))
        return failWith(1, error);
    KeychainSecretStore secrets;
    attachKeychainNotice(&secrets);
    Monitor monitor(&secrets, &history);
    // One set of thresholds for the states, the alerts and the history's time below warning.
    monitor.setThresholds([&alertSettings](const QString &id) { return alertSettings.thresholdsFor(id); });
    monitor.setAccounts(store.accounts());

    QTextStream out(stdout);
    QTextStream err(stderr);
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
    // Alerts attach here, exactly as in the dashboard: the same engine, fed every committed result.
    HistoryAlertStateStore alertState(&history);
    AlertService alerts(&alertState);
    alerts.setSettings(alertSettings);
    alerts.attach(&monitor);
    // Headless and no notification server: the alert still reaches the admin, on stderr.
    QObject::connect(alerts.notifier(), &Notifier::fallbackRequested,
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
