#include "commands.h"

#include "core/clock.h"
#include "core/orderedjson.h"
#include "quota/headerengine.h"
#include "quota/headervalues.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>

#include <cstdio>

namespace {

// Enough for any response head; a larger input is not what `inspect` is for.
constexpr qint64 kMaxInput = 16 * 1024 * 1024;


std::optional<QDateTime> parseNow(const QString &text)
{
    const QByteArray latin = text.toLatin1();
    if (const auto ms = HeaderValues::rfc3339Ms(latin))
        return QDateTime::fromMSecsSinceEpoch(*ms, Qt::UTC);
    // Plain ISO 8601 without an offset is read as UTC.
    QDateTime t = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (!t.isValid())
        return std::nullopt;
    if (t.timeSpec() == Qt::LocalTime)
        t.setTimeSpec(Qt::UTC);
    return t.toUTC();
}

QString orList(const QStringList &items)
{
    QString out = items.value(0);
    for (qsizetype i = 1; i < items.size(); ++i)
        out = CliText::tr("%1 or %2").arg(out, items.at(i));
    return out;
}

// When the chosen preset read nothing: which presets would, in one line for the warnings.
QString suggestionWarning(const QList<HeaderEngine::Suggestion> &suggestions)
{
    const HeaderEngine::Suggestion &first = suggestions.first();
    if (first.presetId == QStringLiteral("generic"))
        return CliText::tr("these %1 fields are read by the generic preset: try --provider generic").arg(first.fields);
    if (first.presetId == QStringLiteral("ietf"))
        return CliText::tr("these are IETF RateLimit fields (%1): try --provider ietf").arg(first.fields);
    QStringList names;
    QStringList options;
    for (const HeaderEngine::Suggestion &s : suggestions) {
        if (!s.best)
            break;
        names.append(s.displayName);
        options.append(QStringLiteral("--provider ") + s.presetId);
    }
    return CliText::tr("these are %1 %2 fields: try %3").arg(orList(names), first.fields, orList(options));
}

int run(const QCommandLineParser &parsed)
{
    const QString provider = parsed.isSet(QStringLiteral("provider")) ? parsed.value(QStringLiteral("provider"))
                                                                      : QStringLiteral("generic");
    std::optional<QDateTime> now;
    if (parsed.isSet(QStringLiteral("now"))) {
        const QString value = parsed.value(QStringLiteral("now"));
        now = parseNow(value);
        if (!now)
            return failWith(2, CliText::tr("--now: '%1' is not an ISO 8601 date-time").arg(value));
    }
    const QStringList inputs = parsed.positionalArguments();
    if (inputs.size() > 1)
        return failWith(2, CliText::tr("inspect reads one input; got '%1' and '%2'").arg(inputs.at(0), inputs.at(1)));
    const bool haveInput = !inputs.isEmpty();
    const QString input = inputs.value(0);

    const Preset *preset = Preset::find(provider);
    if (!preset)
        return failWith(2, CliText::tr("unknown provider '%1' (valid: %2)")
                               .arg(provider, Preset::ids().join(QStringLiteral(", "))));

    QFile file;
    const bool fromStdin = !haveInput || input == QStringLiteral("-");
    if (fromStdin) {
        if (!file.open(stdin, QIODevice::ReadOnly))
            return failWith(2, CliText::tr("cannot read standard input"));
    } else {
        file.setFileName(input);
        if (!file.open(QIODevice::ReadOnly))
            return failWith(2, CliText::tr("cannot read '%1': %2").arg(input, file.errorString()));
    }
    const QByteArray text = file.read(kMaxInput + 1);
    if (text.size() > kMaxInput)
        return failWith(2, CliText::tr("the input is larger than %1 MiB").arg(kMaxInput / (1024 * 1024)));

    QString error;
    QByteArrayView body;
    const auto head = HttpResponseHead::parseWithBody(text, &body, &error);
    if (!head)
        return failWith(2, CliText::tr("not an HTTP response head: %1").arg(error));

    const QDateTime reference = now ? *now : Clock::instance()->nowUtc();
    QuotaReading reading = HeaderEngine::read(*preset, *head, reference, body.toByteArray());
    if (reading.quotas.isEmpty()) {
        const auto suggestions = HeaderEngine::suggest(*head, preset->id, reference, body.toByteArray());
        if (!suggestions.isEmpty())
            reading.warnings.append(suggestionWarning(suggestions));
    }
    const QByteArray line = OrderedJson::write(reading.toJson(), OrderedJson::Document::Inspect) + '\n';
    std::fwrite(line.constData(), 1, size_t(line.size()), stdout);
    std::fflush(stdout);
    return 0;
}

} // namespace

QList<CliCommand> Commands::inspect()
{
    CliCommand c;
    c.path = QStringLiteral("inspect");
    c.summary = CliText::tr("Read an HTTP response head and print the quotas it states, as JSON");
    c.usage = CliText::tr("[--provider ID] [--now ISO-8601] [FILE|-]");
    c.description = CliText::tr("Reads an HTTP response head (the status line and the header lines, as curl -i or "
                       "a browser shows them) and prints one JSON object: the status, whether it was "
                       "throttled, and every quota the headers state. Nothing is sent anywhere.");
    c.arguments = {{CliText::tr("FILE|-"), CliText::tr("The response head; '-' or nothing reads standard input."), &Cli::fileCandidates}};
    c.addOption({QStringLiteral("provider")}, CliText::tr("Read the headers as this provider does (default: generic, which "
                                                 "detects the dialect). The ids are listed by 'headroom account add --help'."),
                CliText::tr("ID"), &Cli::providerIds);
    c.addOption({QStringLiteral("now")}, CliText::tr("The reference time for relative values such as seconds until a reset "
                                            "(default: the clock)."),
                CliText::tr("ISO-8601"));
    c.run = &run;
    return {c};
}
