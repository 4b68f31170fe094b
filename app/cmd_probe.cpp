#include "commands.h"

#include "accounts/accountstore.h"
#include "accounts/keychainsecretstore.h"
#include "history/historystore.h"
#include "probe/monitor.h"
#include "probeoutput.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <QTextStream>

// Exit codes: 0 when every requested probe ran and was recorded, whatever the provider answered
// (401, 429 and network errors are results, shown per account); 1 on a runtime failure of
// Headroom itself: keychain unavailable or locked, history not writable; 2 usage errors
// (unknown option, unknown account name).
int Commands::probe(const QStringList &args)
{
    bool json = false;
    QStringList names;
    for (const QString &a : args) {
        if (a == u"--json")
            json = true;
        else if (a.startsWith(u'-'))
            return failWith(2, QCoreApplication::translate("probe", "usage: headroom probe [--json] [NAME...]"));
        else
            names.append(a);
    }
    AccountStore store;
    QString error;
    if (!store.load(&error))
        return failWith(1, error);
    QStringList ids;
    for (const QString &n : std::as_const(names)) {
        const Account *a = store.findByName(n);
        if (!a)
            return failWith(2, QCoreApplication::translate("probe", "no account named '%1'").arg(n));
        ids.append(a->id);
    }
    if (store.accounts().isEmpty()) {
        QTextStream(stderr) << QCoreApplication::translate("probe", "no accounts configured (see: headroom account add)")
                            << '\n';
        return 0;
    }
    HistoryStore history;
    if (!history.open(HistoryStore::defaultPath(), &error))
        return failWith(1, error);
    if (const QString notice = history.takeNotice(); !notice.isEmpty())
        QTextStream(stderr) << "headroom: " << notice << '\n';

    KeychainSecretStore secrets;
    Monitor monitor(&secrets, &history);
    monitor.setAccounts(store.accounts());
    QTextStream out(stdout);
    QString secretMessage;
    QObject::connect(&monitor, &Monitor::resultRecorded, [&](const ProbeResult &r) {
        out << formatProbeLine(r, json) << '\n';
        out.flush();
    });
    QObject::connect(&monitor, &Monitor::secretUnavailable,
                     [&](const QString &, const QString &m) { secretMessage = m; });
    QEventLoop loop;
    QObject::connect(&monitor, &Monitor::runOnceFinished, &loop, &QEventLoop::quit);
    monitor.runOnce(ids);
    loop.exec();
    if (monitor.recordFailures() > 0)
        return failWith(1, QCoreApplication::translate("probe", "results could not be recorded in the history"));
    if (monitor.secretFailures() > 0)
        return failWith(1, secretMessage);
    return 0;
}
