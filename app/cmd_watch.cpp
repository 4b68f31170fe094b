#include "commands.h"

#include "accounts/accountstore.h"
#include "accounts/keychainsecretstore.h"
#include "alerts/alertservice.h"
#include "alerts/historyalertstatestore.h"
#include "alerts/notifier.h"
#include "history/historystore.h"
#include "probe/monitor.h"
#include "probeoutput.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <QTextStream>
#include <QTimer>

int Commands::watch(const QStringList &args)
{
    bool json = false;
    std::optional<int> durationS;
    const QString usage = QCoreApplication::translate("watch", "usage: headroom watch [--duration SECONDS] [--json]");
    for (qsizetype i = 0; i < args.size(); ++i) {
        if (args[i] == u"--json") {
            json = true;
        } else if (args[i] == u"--duration" && i + 1 < args.size()) {
            bool ok = false;
            durationS = args[++i].toInt(&ok);
            if (!ok || *durationS <= 0)
                return failWith(2, usage);
        } else {
            return failWith(2, usage);
        }
    }
    AccountStore store;
    QString error;
    if (!store.load(&error))
        return failWith(1, error);
    HistoryStore history;
    if (!history.open(HistoryStore::defaultPath(), &error))
        return failWith(1, error);
    KeychainSecretStore secrets;
    Monitor monitor(&secrets, &history);
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
    AlertSettings alertSettings = AlertSettings::loadDefault();
    alertSettings.loadOverrides(store.accounts());
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
