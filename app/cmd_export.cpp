#include "commands.h"

#include "history/historystore.h"
#include "report/csvexporter.h"

#include <QCoreApplication>
#include <QFile>

using namespace Qt::StringLiterals;

namespace {

QString tr(const char *s)
{
    return QCoreApplication::translate("Commands", s);
}

} // namespace

// headroom export --kind samples|events|summary [--from ISO] [--to ISO] [--account NAME]...
//                 [--period hour|day] --out FILE|-
int Commands::exportCsv(const QStringList &args)
{
    CsvExporter::Options options;
    std::optional<CsvExporter::Kind> kind;
    bool periodGiven = false;
    QString out;
    for (qsizetype i = 0; i < args.size(); ++i) {
        QString name = args.at(i);
        QString value;
        bool inlineValue = false;
        if (name.startsWith(u"--"_s) && name.contains(u'=')) {
            value = name.mid(name.indexOf(u'=') + 1);
            name = name.left(name.indexOf(u'='));
            inlineValue = true;
        }
        const QStringList known{u"--kind"_s, u"--from"_s, u"--to"_s, u"--account"_s, u"--period"_s, u"--out"_s};
        if (!known.contains(name))
            return failWith(2, tr("export: unknown argument '%1'").arg(name));
        if (!inlineValue) {
            if (i + 1 >= args.size())
                return failWith(2, tr("export: %1 needs a value").arg(name));
            value = args.at(++i);
        }
        if (name == u"--kind"_s) {
            kind = CsvExporter::kindFromId(value);
            if (!kind)
                return failWith(2, tr("export: --kind must be samples, events or summary, not '%1'").arg(value));
        } else if (name == u"--from"_s || name == u"--to"_s) {
            const std::optional<QDateTime> t = CsvExporter::parseInstant(value);
            if (!t)
                return failWith(2, tr("export: %1 '%2' is not an ISO 8601 time or date (e.g. 2026-11-01 or "
                                      "2026-11-01T08:00:00Z)")
                                       .arg(name, value));
            (name == u"--from"_s ? options.from : options.to) = *t;
        } else if (name == u"--account"_s) {
            if (value.isEmpty())
                return failWith(2, tr("export: --account needs a name"));
            options.accounts << value;
        } else if (name == u"--period"_s) {
            const auto period = CsvExporter::periodFromId(value);
            if (!period)
                return failWith(2, tr("export: --period must be hour or day, not '%1'").arg(value));
            options.period = *period;
            periodGiven = true;
        } else if (name == u"--out"_s) {
            if (value.isEmpty())
                return failWith(2, tr("export: --out needs a file name or -"));
            out = value;
        }
    }
    if (!kind)
        return failWith(2, tr("export: --kind samples|events|summary is required"));
    if (out.isEmpty())
        return failWith(2, tr("export: --out FILE|- is required"));
    if (periodGiven && *kind != CsvExporter::Kind::Summary)
        return failWith(2, tr("export: --period applies only to --kind summary"));
    if (options.from.isValid() && options.to.isValid() && options.from >= options.to)
        return failWith(2, tr("export: --from must be before --to"));
    options.kind = *kind;

    HistoryStore store;
    const QString path = HistoryStore::defaultPath();
    const bool haveHistory = QFile::exists(path);
    if (haveHistory) {
        QString error;
        if (!store.open(path, &error))
            return failWith(1, tr("export: %1").arg(error));
        const QString notice = store.takeNotice();
        if (!notice.isEmpty())
            failWith(0, notice);
    } else {
        // Nothing recorded yet: an empty report, without creating a history here.
        QString error;
        if (!store.openInMemory(&error))
            return failWith(1, tr("export: %1").arg(error));
    }
    CsvExporter exporter(&store);
    const QStringList unknown = exporter.unknownAccounts(options.accounts);
    if (!unknown.isEmpty())
        return failWith(2, tr("export: no account named '%1' in the history").arg(unknown.first()));
    QString error;
    if (!exporter.exportToFile(options, out, &error))
        return failWith(1, tr("export: %1").arg(error));
    return 0;
}
