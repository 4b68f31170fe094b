#include "commands.h"

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

namespace {


// Exit codes: 0 when every requested probe ran and was recorded, whatever the provider answered
// (401, 429 and network errors are results, shown per account); 1 on a runtime failure of
// Headroom itself: no account to probe, keychain unavailable or locked, history not writable;
// 2 usage errors (unknown option, unknown account name).
int run(const QCommandLineParser &parsed)
{
    const bool json = parsed.isSet(QStringLiteral("json"));
    Session::Options options;
    options.retentionDays = SettingsTable::retentionDays();
    options.historyLocation = SettingsTable::historyLocation();
    options.alerts = false;
    // Nothing to do is a failure: a script that probes must not take silence for success.
    options.noAccountsError = CliText::tr("no accounts to probe; add one with 'headroom account add NAME --provider ID'");
    Session session(options);
    QString error;
    if (!session.open(&error))
        return failWith(1, error);
    for (const QString &notice : session.takeNotices())
        QTextStream(stderr) << "headroom: " << notice << '\n';
    attachKeychainNotice(session.keychain());
    const QList<Account> accounts = session.accounts();
    QStringList ids;
    for (const QString &n : parsed.positionalArguments()) {
        const auto a = std::find_if(accounts.cbegin(), accounts.cend(), [&](const Account &x) { return x.name == n; });
        if (a == accounts.cend())
            return failWith(2, CliText::tr("no account named '%1'").arg(n));
        ids.append(a->id);
    }

    Monitor *monitor = session.monitor();
    QTextStream out(stdout);
    QString secretMessage;
    QObject::connect(monitor, &Monitor::resultRecorded, [&](const ProbeResult &r) {
        out << formatProbeLine(r, json) << '\n';
        out.flush();
    });
    QObject::connect(monitor, &Monitor::secretUnavailable,
                     [&](const QString &, const QString &m) { secretMessage = m; });
    // A pool's line follows its members' lines: collected as each pool completes, printed last.
    QList<PoolReading> pools;
    QObject::connect(session.pools(), &PoolMonitor::poolUpdated, [&](const PoolReading &p) { pools.append(p); });
    QEventLoop loop;
    QObject::connect(monitor, &Monitor::runOnceFinished, &loop, &QEventLoop::quit);
    monitor->runOnce(ids);
    loop.exec();
    for (const PoolReading &p : std::as_const(pools))
        out << formatPoolLine(p, json) << '\n';
    out.flush();
    if (monitor->recordFailures() > 0)
        return failWith(1, CliText::tr("results could not be recorded in the history"));
    if (monitor->secretFailures() > 0)
        return failWith(1, secretMessage);
    return 0;
}

} // namespace

QList<CliCommand> Commands::probe()
{
    CliCommand c;
    c.path = QStringLiteral("probe");
    c.summary = CliText::tr("Probe each account (or the named ones) once and record the results");
    c.usage = CliText::tr("[--json] [NAME...]");
    c.description = CliText::tr("Sends each account its probe once, prints one line per account and records the "
                        "results in the history. A provider's refusal (401, 429) is a result, not a failure.");
    c.arguments = {{CliText::tr("NAME"), CliText::tr("Probe only these accounts (default: all)."), &Cli::accountNames}};
    c.lastArgumentRepeats = true;
    c.addOption({QStringLiteral("json")}, CliText::tr("Print one JSON object per line instead."));
    c.run = &run;
    return {c};
}
