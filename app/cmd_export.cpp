#include "commands.h"
#include "settingstable.h"

#include "accounts/accountstore.h"
#include "engine/poolhistory.h"
#include "history/historybackend.h"
#include "history/historylocation.h"
#include "report/csvexporter.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>


namespace {


// The ids CsvExporter::kindFromId and periodFromId accept, for the help and the completion.
const QStringList kKinds = {QStringLiteral("samples"), QStringLiteral("events"), QStringLiteral("summary")};
const QStringList kPeriods = {QStringLiteral("hour"), QStringLiteral("day")};

// The stored pools, with the buckets their members were found to share in the report's range.
// Without an account file there are no pools; a malformed one is no reason to refuse a report
// of the history.
QList<ReportPool> reportPools(const HistoryBackend &store, const QDateTime &from, const QDateTime &to)
{
    AccountStore accounts;
    if (!accounts.load(nullptr))
        return {};
    QList<ReportPool> out;
    for (const Pool &pool : accounts.pools()) {
        ReportPool p;
        p.name = pool.name;
        p.provider = pool.presetId;
        p.memberIds = pool.memberIds;
        p.sharedByResource = PoolHistory::sharedGroups(store, pool, from, to);
        out.append(p);
    }
    return out;
}

int run(const QCommandLineParser &parsed)
{
    if (!parsed.positionalArguments().isEmpty())
        return failWith(2, CliText::tr("export: takes no arguments; name the file with --out"));
    CsvExporter::Options options;
    std::optional<CsvExporter::Kind> kind;
    if (parsed.isSet(QStringLiteral("kind"))) {
        const QString value = parsed.value(QStringLiteral("kind"));
        kind = CsvExporter::kindFromId(value);
        if (!kind)
            return failWith(2, CliText::tr("export: --kind must be samples, events or summary, not '%1'").arg(value));
    }
    for (const QString &name : {QStringLiteral("from"), QStringLiteral("to")}) {
        if (!parsed.isSet(name))
            continue;
        const QString value = parsed.value(name);
        const std::optional<QDateTime> t = CsvExporter::parseInstant(value);
        if (!t)
            return failWith(2, CliText::tr("export: %1 '%2' is not an ISO 8601 time or date (e.g. 2026-11-01 or "
                                  "2026-11-01T08:00:00Z)")
                                   .arg(QStringLiteral("--") + name, value));
        (name == QStringLiteral("from") ? options.from : options.to) = *t;
    }
    for (const QString &value : parsed.values(QStringLiteral("account"))) {
        if (value.isEmpty())
            return failWith(2, CliText::tr("export: --account needs a name"));
        options.accounts << value;
    }
    const bool periodGiven = parsed.isSet(QStringLiteral("period"));
    if (periodGiven) {
        const QString value = parsed.value(QStringLiteral("period"));
        const auto period = CsvExporter::periodFromId(value);
        if (!period)
            return failWith(2, CliText::tr("export: --period must be hour or day, not '%1'").arg(value));
        options.period = *period;
    }
    const QString out = parsed.value(QStringLiteral("out"));
    if (parsed.isSet(QStringLiteral("out")) && out.isEmpty())
        return failWith(2, CliText::tr("export: --out needs a file name or -"));
    if (!kind)
        return failWith(2, CliText::tr("export: --kind samples|events|summary is required"));
    if (out.isEmpty())
        return failWith(2, CliText::tr("export: --out FILE|- is required"));
    if (periodGiven && *kind != CsvExporter::Kind::Summary)
        return failWith(2, CliText::tr("export: --period applies only to --kind summary"));
    if (options.from.isValid() && options.to.isValid() && options.from >= options.to)
        return failWith(2, CliText::tr("export: --from must be before --to"));
    options.kind = *kind;

    QString locationError;
    const std::optional<HistoryLocation> location = SettingsTable::historyInEffect(&locationError);
    if (!location)
        return failWith(1, CliText::tr("export: %1").arg(locationError));
    std::unique_ptr<HistoryBackend> store;
    {
        QString error;
        store = location->openForReading(&error);
        if (!store)
            return failWith(1, CliText::tr("export: %1").arg(error));
        const QString notice = store->takeNotice();
        if (!notice.isEmpty())
            failWith(0, notice);
    }
    CsvExporter exporter(store.get());
    if (options.kind == CsvExporter::Kind::Summary)
        options.pools = reportPools(*store, options.from, options.to);
    const QStringList unknown = exporter.unknownAccounts(options.accounts, options.pools);
    if (!unknown.isEmpty())
        return failWith(2, CliText::tr("export: no account named '%1' in the history").arg(unknown.first()));
    QString error;
    if (!exporter.exportToFile(options, out, &error))
        return failWith(1, CliText::tr("export: %1").arg(error));
    return 0;
}

} // namespace

QList<CliCommand> Commands::exportCsv()
{
    CliCommand c;
    c.path = QStringLiteral("export");
    c.summary = CliText::tr("Write the recorded history as CSV: samples, events or a summary");
    c.usage = CliText::tr("--kind samples|events|summary --out FILE|- [options]");
    c.description = CliText::tr("Writes the history as CSV (RFC 4180, UTF-8, times in UTC): every sample, every event, "
                       "or a summary per account, resource and period. A file is replaced only once complete.");
    c.addOption({QStringLiteral("kind")}, CliText::tr("What to write: samples, events or summary."), kKinds.join(u'|'),
                Cli::choices(kKinds));
    c.addOption({QStringLiteral("out")}, CliText::tr("The file to write; - writes to standard output."), CliText::tr("FILE|-"), &Cli::fileCandidates);
    c.addOption({QStringLiteral("from")}, CliText::tr("Only from this time or date on (ISO 8601)."), CliText::tr("ISO"));
    c.addOption({QStringLiteral("to")}, CliText::tr("Only before this time or date (ISO 8601)."), CliText::tr("ISO"));
    c.addOption({QStringLiteral("account")}, CliText::tr("Only this account, or a pool's summary rows as pool:NAME; repeatable."), CliText::tr("NAME"), &Cli::accountNames);
    c.addOption({QStringLiteral("period")}, CliText::tr("The period of each summary row (default: day)."), kPeriods.join(u'|'),
                Cli::choices(kPeriods));
    c.run = &run;
    return {c};
}
