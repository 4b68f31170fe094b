#include "orderedjson.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStringList>

namespace {

// A quota has the same fields wherever it appears.
QStringList quotaKeys()
{
    return {QStringLiteral("resource"), QStringLiteral("limit"),    QStringLiteral("remaining"),
            QStringLiteral("used"),     QStringLiteral("reset_at"), QStringLiteral("window_s"),
            QStringLiteral("near_limit"), QStringLiteral("unit"),   QStringLiteral("limit_source"),
            // A pool's quotas (its line follows its members').
            QStringLiteral("reset_first"), QStringLiteral("reset_last"), QStringLiteral("buckets")};
}

// The key order of each document, top level first, then the keys of the objects it nests.
// The inspect and probe orders differ (retry_after_s before or after quotas), as documented.
const QStringList &keyOrder(OrderedJson::Document document)
{
    using D = OrderedJson::Document;
    static const QStringList inspect = QStringList{
        QStringLiteral("provider"), QStringLiteral("status"), QStringLiteral("throttled"),
        QStringLiteral("retry_after_s"), QStringLiteral("quotas"), QStringLiteral("warnings"),
    } + quotaKeys();
    static const QStringList probeLine = QStringList{
        QStringLiteral("account"), QStringLiteral("pool"), QStringLiteral("route"), QStringLiteral("provider"),
        QStringLiteral("state"), QStringLiteral("members"), QStringLiteral("status"), QStringLiteral("quotas"),
        QStringLiteral("shared"), QStringLiteral("imbalanced"), QStringLiteral("retry_after_s"),
        QStringLiteral("probed_at"), QStringLiteral("cost"), QStringLiteral("error"),
        QStringLiteral("reason"), QStringLiteral("breaker"),
    } + quotaKeys();
    // Who it is, what it talks to, how it authenticates, then how it is scheduled and alerted.
    static const QStringList account = {
        QStringLiteral("name"), QStringLiteral("id"), QStringLiteral("provider"),
        QStringLiteral("base_url"), QStringLiteral("probe_path"), QStringLiteral("params"),
        QStringLiteral("auth"), QStringLiteral("user"), QStringLiteral("interval_s"), QStringLiteral("routes"), QStringLiteral("path"),
        QStringLiteral("alerts"), QStringLiteral("enabled"), QStringLiteral("warning_pct"),
        QStringLiteral("critical_pct"), QStringLiteral("forecast"),
    };
    switch (document) {
    case D::Inspect:
        return inspect;
    case D::ProbeLine:
        return probeLine;
    case D::Account:
        break;
    }
    return account;
}

QByteArray scalar(const QJsonValue &v)
{
    // QJsonDocument only serialises containers; wrap and unwrap to reuse its number formatting
    // and string escaping.
    const QByteArray a = QJsonDocument(QJsonArray{v}).toJson(QJsonDocument::Compact);
    return a.mid(1, a.size() - 2);
}

QByteArray writeValue(const QJsonValue &v, const QStringList &order)
{
    if (v.isArray()) {
        QByteArray out = "[";
        const QJsonArray a = v.toArray();
        for (qsizetype i = 0; i < a.size(); ++i) {
            if (i)
                out += ',';
            out += writeValue(a.at(i), order);
        }
        return out + ']';
    }
    if (!v.isObject())
        return scalar(v);
    const QJsonObject o = v.toObject();
    QStringList keys;
    for (const QString &k : order) {
        if (o.contains(k))
            keys.append(k);
    }
    for (const QString &k : o.keys()) {
        if (!order.contains(k))
            keys.append(k);
    }
    QByteArray out = "{";
    for (qsizetype i = 0; i < keys.size(); ++i) {
        if (i)
            out += ',';
        out += scalar(keys.at(i)) + ':' + writeValue(o.value(keys.at(i)), order);
    }
    return out + '}';
}

} // namespace

QByteArray OrderedJson::write(const QJsonValue &value, Document document)
{
    return writeValue(value, keyOrder(document));
}
