#include "commands.h"

#include "core/clock.h"
#include "quota/headerengine.h"
#include "quota/headervalues.h"

#include <QCoreApplication>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cstdio>

namespace {

// Enough for any response head; a larger input is not what `inspect` is for.
constexpr qint64 kMaxInput = 16 * 1024 * 1024;

QString tr(const char *text)
{
    return QCoreApplication::translate("Commands", text);
}

QByteArray scalarJson(const QJsonValue &v)
{
    // QJsonDocument only serialises containers; wrap and unwrap to reuse its number formatting.
    QByteArray a = QJsonDocument(QJsonArray{v}).toJson(QJsonDocument::Compact);
    return a.mid(1, a.size() - 2);
}

// Compact JSON with DESIGN.md's key order (QJsonObject itself sorts keys alphabetically).
QByteArray orderedJson(const QJsonValue &v)
{
    static const QStringList order = {
        QStringLiteral("provider"),  QStringLiteral("status"),    QStringLiteral("throttled"),
        QStringLiteral("retry_after_s"), QStringLiteral("quotas"), QStringLiteral("resource"),
        QStringLiteral("limit"),     QStringLiteral("remaining"), QStringLiteral("used"),
        QStringLiteral("reset_at"),  QStringLiteral("window_s"),  QStringLiteral("near_limit"),
        QStringLiteral("unit"),      QStringLiteral("warnings"),
    };
    if (v.isArray()) {
        QByteArray out = "[";
        const QJsonArray a = v.toArray();
        for (qsizetype i = 0; i < a.size(); ++i) {
            if (i)
                out += ',';
            out += orderedJson(a.at(i));
        }
        return out + ']';
    }
    if (!v.isObject())
        return scalarJson(v);
    const QJsonObject o = v.toObject();
    QStringList keys;
    for (const QString &k : order) {
        if (o.contains(k))
            keys.append(k);
    }
    for (const QString &k : o.keys()) {
        if (!keys.contains(k))
            keys.append(k);
    }
    QByteArray out = "{";
    for (qsizetype i = 0; i < keys.size(); ++i) {
        if (i)
            out += ',';
        out += scalarJson(keys.at(i)) + ':' + orderedJson(o.value(keys.at(i)));
    }
    return out + '}';
}

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

} // namespace

int Commands::inspect(const QStringList &args)
{
    QString provider = QStringLiteral("generic");
    std::optional<QDateTime> now;
    QString input;
    bool haveInput = false;

    for (qsizetype i = 0; i < args.size(); ++i) {
        const QString &a = args.at(i);
        auto optionValue = [&](const QString &name, QString &value) -> int {
            if (a == name) {
                if (i + 1 >= args.size())
                    return failWith(2, tr("%1 needs a value").arg(name));
                value = args.at(++i);
                return -1;
            }
            value = a.mid(name.size() + 1);
            return -1;
        };
        if (a == QLatin1String("--provider") || a.startsWith(QLatin1String("--provider="))) {
            if (const int rc = optionValue(QStringLiteral("--provider"), provider); rc >= 0)
                return rc;
        } else if (a == QLatin1String("--now") || a.startsWith(QLatin1String("--now="))) {
            QString value;
            if (const int rc = optionValue(QStringLiteral("--now"), value); rc >= 0)
                return rc;
            now = parseNow(value);
            if (!now)
                return failWith(2, tr("--now: '%1' is not an ISO 8601 date-time").arg(value));
        } else if (a == QLatin1String("-") || !a.startsWith(QLatin1Char('-'))) {
            if (haveInput)
                return failWith(2, tr("inspect reads one input; got '%1' and '%2'").arg(input, a));
            input = a;
            haveInput = true;
        } else {
            return failWith(2, tr("inspect: unknown option '%1'").arg(a));
        }
    }

    const Preset *preset = Preset::find(provider);
    if (!preset)
        return failWith(2, tr("unknown provider '%1' (valid: %2)")
                               .arg(provider, Preset::ids().join(QStringLiteral(", "))));

    QFile file;
    const bool fromStdin = !haveInput || input == QLatin1String("-");
    if (fromStdin) {
        if (!file.open(stdin, QIODevice::ReadOnly))
            return failWith(2, tr("cannot read standard input"));
    } else {
        file.setFileName(input);
        if (!file.open(QIODevice::ReadOnly))
            return failWith(2, tr("cannot read '%1': %2").arg(input, file.errorString()));
    }
    const QByteArray text = file.read(kMaxInput + 1);
    if (text.size() > kMaxInput)
        return failWith(2, tr("the input is larger than %1 MiB").arg(kMaxInput / (1024 * 1024)));

    QString error;
    QByteArrayView body;
    const auto head = HttpResponseHead::parseWithBody(text, &body, &error);
    if (!head)
        return failWith(2, tr("not an HTTP response head: %1").arg(error));

    const QDateTime reference = now ? *now : Clock::instance()->nowUtc();
    const QuotaReading reading = HeaderEngine::read(*preset, *head, reference, body.toByteArray());
    const QByteArray line = orderedJson(reading.toJson()) + '\n';
    std::fwrite(line.constData(), 1, size_t(line.size()), stdout);
    std::fflush(stdout);
    return 0;
}
