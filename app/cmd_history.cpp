#include "accounts/credentialsecretstore.h"
#include "accounts/secretstore.h"
#include "commands.h"
#include "historypassword.h"

#include "history/historylocation.h"
#include "history/historymigration.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QEventLoop>
#include <QFileInfo>
#include <QLocale>
#include <QTextStream>

#include <atomic>
#include <csignal>

#include <unistd.h>

namespace {

const QString kMigrate = QStringLiteral("history migrate");

// Set by Ctrl+C or SIGTERM: the migration stops after the batch in flight has committed. A
// second signal finds the default action again and ends the process at once, which is as safe.
std::atomic<bool> g_stop{false};
static_assert(std::atomic<bool>::is_always_lock_free);

extern "C" void onStopSignal(int sig)
{
    g_stop.store(true);
    std::signal(sig, SIG_DFL);
}

// 1,200,000 whatever the locale says about grouping (the C locale groups nothing).
QString grouped(qint64 n)
{
    QLocale locale;
    if (locale.language() == QLocale::C)
        locale = QLocale(QLocale::English, QLocale::UnitedStates);
    locale.setNumberOptions(QLocale::DefaultNumberOptions);
    return locale.toString(n);
}

QString sameKey(const HistoryLocation &l)
{
    if (l.kind == HistoryLocation::Kind::Sqlite) {
        const QFileInfo info(l.target);
        return QStringLiteral("sqlite:") + (info.exists() ? info.canonicalFilePath() : info.absoluteFilePath());
    }
    return l.target;
}

int migrate(const QCommandLineParser &parsed)
{
    if (!parsed.positionalArguments().isEmpty())
        return Cli::usageError(kMigrate, CliText::tr("takes no arguments; name the histories with --from and --to"));
    std::optional<HistoryLocation> ends[2];
    const QString names[2] = {QStringLiteral("from"), QStringLiteral("to")};
    for (int i = 0; i < 2; ++i) {
        if (!parsed.isSet(names[i]) || parsed.value(names[i]).trimmed().isEmpty())
            return Cli::usageError(kMigrate, CliText::tr("--%1 URL is required (sqlite:PATH or postgresql://…)").arg(names[i]));
        QString error;
        ends[i] = HistoryLocation::parse(parsed.value(names[i]), &error);
        if (!ends[i])
            return Cli::usageError(kMigrate, QStringLiteral("--%1: %2").arg(names[i], error));
    }
    const HistoryLocation &from = *ends[0];
    const HistoryLocation &to = *ends[1];
    if (sameKey(from) == sameKey(to))
        return Cli::usageError(kMigrate, CliText::tr("--from and --to name the same history"));
    if (from.kind != HistoryLocation::Kind::Sqlite || to.kind != HistoryLocation::Kind::Postgres)
        return Cli::usageError(kMigrate, CliText::tr("only a SQLite history into PostgreSQL is supported "
                                                     "(--from sqlite:PATH --to postgresql://…)"));

    HistoryMigration migration;
    bool batchOk = false;
    // Small batches let the tests interrupt a migration of a small history half-way.
    const int batch = qEnvironmentVariableIntValue("HEADROOM_MIGRATE_BATCH", &batchOk);
    if (batchOk && batch > 0)
        migration.setBatchSize(batch);
    QTextStream err(stderr);
    migration.setProgress([&err](const QString &table, qint64 done, qint64 total) {
        const int pct = total > 0 ? int(done * 100 / total) : 100;
        err << CliText::tr("%1: %2 / %3 (%4 %)").arg(table, grouped(done), grouped(total)).arg(pct) << '\n';
        err.flush();
    });
    g_stop.store(false);
    migration.setCancelFlag(&g_stop);
    std::signal(SIGINT, onStopSignal);
    std::signal(SIGTERM, onStopSignal);
    QString error;
    const HistoryMigration::Outcome outcome = migration.run(from.target, to.target, &error);
    std::signal(SIGINT, SIG_DFL);
    std::signal(SIGTERM, SIG_DFL);
    switch (outcome) {
    case HistoryMigration::Outcome::Failed:
        return failWith(1, CliText::tr("history migrate: %1 (run the same command again to continue where it stopped)")
                               .arg(error));
    case HistoryMigration::Outcome::Cancelled:
        return failWith(1, CliText::tr("history migrate: %1").arg(error));
    case HistoryMigration::Outcome::Verified:
    case HistoryMigration::Outcome::Mismatch:
        break;
    }

    // The counts, as a table on stdout.
    const QStringList head{CliText::tr("TABLE"), CliText::tr("SOURCE"), CliText::tr("DESTINATION"),
                           CliText::tr("COPIED NOW"), CliText::tr("CHECK")};
    QList<QStringList> rows;
    QStringList differ;
    for (const HistoryMigration::Count &c : migration.counts()) {
        QString check = c.matches() ? (c.merged ? CliText::tr("ok (merged with rows already there)") : CliText::tr("ok"))
                                    : CliText::tr("MISMATCH");
        if (!c.matches())
            differ << c.table;
        rows.append({c.table, grouped(c.source), grouped(c.destination), grouped(c.copied), check});
    }
    QList<qsizetype> widths;
    for (qsizetype col = 0; col < head.size(); ++col) {
        qsizetype w = head.at(col).size();
        for (const QStringList &r : rows)
            w = std::max(w, r.at(col).size());
        widths << w;
    }
    QTextStream out(stdout);
    auto print = [&](const QStringList &r) {
        QString line;
        for (qsizetype col = 0; col < r.size(); ++col) {
            const bool number = col >= 1 && col <= 3;
            line += number ? r.at(col).rightJustified(widths.at(col)) : r.at(col).leftJustified(widths.at(col));
            if (col + 1 < r.size())
                line += QStringLiteral("  ");
        }
        out << line.trimmed() << '\n';
    };
    print(head);
    for (const QStringList &r : rows)
        print(r);
    out.flush();
    if (!differ.isEmpty())
        return failWith(1, CliText::tr("history migrate: the destination's counts differ from the source's for %1; "
                                       "if the source was being written meanwhile, run the command again")
                               .arg(differ.join(QStringLiteral(", "))));
    return 0;
}

const QString kPassword = QStringLiteral("history password");

SecretStore::Result waitFor(const std::function<void(SecretStore::Callback)> &call)
{
    QEventLoop loop;
    SecretStore::Result result;
    bool done = false;
    call([&](const SecretStore::Result &r) {
        result = r;
        done = true;
        loop.quit();
    });
    if (!done)
        loop.exec();
    return result;
}

int password(const QCommandLineParser &parsed)
{
    if (!parsed.positionalArguments().isEmpty())
        return Cli::usageError(kPassword, CliText::tr("takes no arguments"));
    const bool remove = parsed.isSet(QStringLiteral("remove"));
    if (remove && parsed.isSet(QStringLiteral("stdin")))
        return Cli::usageError(kPassword, CliText::tr("--remove and --stdin do not go together"));
    if (!CredentialSecretStore::directoryToUse().isEmpty()) {
        // systemd hands credentials over read-only: they are made with systemd-creds.
        return failWith(1,
            CliText::tr("on a server the password is a systemd credential: as root, run systemd-creds "
                        "encrypt --name=%1 - /etc/credstore.encrypted/%1 and add "
                        "LoadCredentialEncrypted=%1 to the unit")
                .arg(CredentialSecretStore::credentialName(HistoryPassword::key())));
    }
    const std::unique_ptr<SecretStore> store = HistoryPassword::machineStore(true);
    QTextStream out(stdout);
    if (remove) {
        const SecretStore::Result r
            = waitFor([&](SecretStore::Callback done) { store->remove(HistoryPassword::key(), done); });
        if (r.error != SecretStore::Error::None && r.error != SecretStore::Error::NotFound)
            return failWith(1, CliText::tr("history password: %1").arg(r.message));
        out << CliText::tr("No history password in the keychain now; libpq's own files (~/.pgpass, PGPASSFILE, "
                           "pg_service.conf) decide.")
            << '\n';
        return 0;
    }
    QByteArray raw;
    if (parsed.isSet(QStringLiteral("stdin"))) {
        raw = Cli::readAllStdin();
    } else if (isatty(STDIN_FILENO)) {
        const auto line = Cli::promptNoEcho(CliText::tr("Password of the shared history's database: "));
        if (!line)
            return failWith(1, CliText::tr("cannot read the password from the terminal"));
        raw = *line;
    } else {
        return failWith(2, CliText::tr("no terminal to prompt for the password: pipe it and pass --stdin"));
    }
    // One line: a trailing newline from `echo` or a file is not part of it.
    while (raw.endsWith('\n') || raw.endsWith('\r'))
        raw.chop(1);
    QString secret = QString::fromUtf8(raw);
    raw.fill('\0');
    if (secret.isEmpty())
        return failWith(2, CliText::tr("the password is empty"));
    const SecretStore::Result r
        = waitFor([&](SecretStore::Callback done) { store->write(HistoryPassword::key(), secret, done); });
    secret.fill(u'\0');
    if (r.error != SecretStore::Error::None)
        return failWith(1, CliText::tr("history password: %1").arg(r.message));
    out << CliText::tr("The history's password is in the keychain; every PostgreSQL history whose URL names none "
                       "uses it.")
        << '\n';
    return 0;
}

} // namespace

QList<CliCommand> Commands::history()
{
    CliCommand group;
    group.path = QStringLiteral("history");
    group.summary = CliText::tr("Work on a history as a whole: migrate, password");
    group.usage = CliText::tr("migrate | password ...");
    group.description = CliText::tr("Commands that work on a whole history rather than on the one in use.");

    CliCommand m;
    m.path = kMigrate;
    m.summary = CliText::tr("Copy a SQLite history into PostgreSQL, resumably, and check the counts");
    m.usage = CliText::tr("--from sqlite:PATH --to postgresql://…");
    m.description = CliText::tr(
        "Copies every account, raw sample, hourly and 6-hour rollup (also those older than the raw samples kept), "
        "event and alert state of a SQLite history into a PostgreSQL history, in batches of one transaction each. "
        "Stopped in any way (Ctrl+C, a lost connection, a killed process), the same command continues where it "
        "stopped; run again, it copies only what is new. Rows already in the destination are kept, never replaced "
        "or deleted. At the end it compares the rows of each table on both sides, prints them, and exits with 1 "
        "when they differ. Progress goes to standard error. The source file is only read; stop the dashboard or "
        "headroom watch writing to it first, or run the command again afterwards. A password does not belong in "
        "the URL: keep it with 'headroom history password', or in ~/.pgpass.");
    m.addOption({QStringLiteral("from")}, CliText::tr("The history to copy: sqlite:PATH."), CliText::tr("URL"),
                &Cli::fileCandidates);
    m.addOption({QStringLiteral("to")}, CliText::tr("The history to copy into: postgresql://[user@]host[:port]/database."),
                CliText::tr("URL"));
    m.run = &migrate;
    m.inOverview = false;

    CliCommand p;
    p.path = kPassword;
    p.summary = CliText::tr("Keep the password of a shared history's database in the keychain");
    p.usage = CliText::tr("[--stdin | --remove]");
    p.description = CliText::tr(
        "Stores the password Headroom gives PostgreSQL for a shared history whose URL names none, in the keychain "
        "(never in a file, the settings or the command line). Read from a prompt that does not echo it, or with "
        "--stdin from standard input. Every command and the dashboard use it for every PostgreSQL history; without "
        "it, libpq's own ~/.pgpass, PGPASSFILE or pg_service.conf decide. On a server with systemd credentials, "
        "make the credential headroom.history-password instead.");
    p.addOption({ QStringLiteral("stdin") }, CliText::tr("Read the password from standard input instead of a prompt."));
    p.addOption({ QStringLiteral("remove") }, CliText::tr("Remove the stored password."));
    p.run = &password;
    p.inOverview = false;
    return { group, m, p };
}
