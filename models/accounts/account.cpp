#include "account.h"

#include <QCoreApplication>
#include <QJsonArray>

namespace {
// Account is a plain struct: its strings take their context from this class.
class AccountText
{
    Q_DECLARE_TR_FUNCTIONS(Account)
};
} // namespace

QJsonObject Account::toJson() const
{
    QJsonObject o;
    o.insert(QStringLiteral("id"), id);
    o.insert(QStringLiteral("name"), name);
    o.insert(QStringLiteral("provider"), presetId);
    o.insert(QStringLiteral("base_url"), baseUrl);
    if (!probePath.isEmpty())
        o.insert(QStringLiteral("probe_path"), probePath);
    if (!params.isEmpty()) {
        QJsonObject p;
        for (auto it = params.cbegin(); it != params.cend(); ++it)
            p.insert(it.key(), it.value());
        o.insert(QStringLiteral("params"), p);
    }
    o.insert(QStringLiteral("auth"), authSchemeId(auth));
    if (!username.isEmpty())
        o.insert(QStringLiteral("user"), username);
    if (intervalS)
        o.insert(QStringLiteral("interval_s"), *intervalS);
    if (!alertOverrides.isEmpty())
        o.insert(QStringLiteral("alerts"), alertOverrides);
    if (!routes.isEmpty()) {
        QJsonArray list;
        for (const ProbeRoute &r : routes)
            list.append(QJsonObject{{QStringLiteral("name"), r.name}, {QStringLiteral("path"), r.path}});
        o.insert(QStringLiteral("routes"), list);
    }
    return o;
}

std::optional<Account> Account::fromJson(const QJsonObject &o, QString *error)
{
    auto fail = [error](const QString &m) -> std::optional<Account> {
        if (error)
            *error = m;
        return std::nullopt;
    };
    Account a;
    a.id = o.value(QStringLiteral("id")).toString();
    a.name = o.value(QStringLiteral("name")).toString();
    a.presetId = o.value(QStringLiteral("provider")).toString();
    a.baseUrl = o.value(QStringLiteral("base_url")).toString();
    if (a.id.isEmpty() || a.name.isEmpty() || a.presetId.isEmpty())
        return fail(AccountText::tr("an account lacks id, name or provider"));
    a.probePath = o.value(QStringLiteral("probe_path")).toString();
    const QJsonObject p = o.value(QStringLiteral("params")).toObject();
    for (auto it = p.begin(); it != p.end(); ++it)
        a.params.insert(it.key(), it.value().toString());
    const QString auth = o.value(QStringLiteral("auth")).toString();
    if (!auth.isEmpty()) {
        const auto s = authSchemeFromId(auth);
        if (!s)
            return fail(AccountText::tr("account '%1' has an unknown auth scheme '%2'").arg(a.name, auth));
        a.auth = *s;
    }
    a.username = o.value(QStringLiteral("user")).toString();
    if (o.contains(QStringLiteral("interval_s"))) {
        const int v = o.value(QStringLiteral("interval_s")).toInt(-1);
        if (v <= 0)
            return fail(AccountText::tr("account '%1' has an invalid interval").arg(a.name));
        a.intervalS = v;
    }
    a.alertOverrides = o.value(QStringLiteral("alerts")).toObject();
    for (const QJsonValue &v : o.value(QStringLiteral("routes")).toArray()) {
        const QJsonObject r = v.toObject();
        a.routes.append({r.value(QStringLiteral("name")).toString(), r.value(QStringLiteral("path")).toString()});
    }
    return a;
}
