#include "account.h"

#include <QCoreApplication>
#include <QJsonArray>

QJsonObject Account::toJson() const
{
    QJsonObject o;
    o.insert(u"id"_qs, id);
    o.insert(u"name"_qs, name);
    o.insert(u"provider"_qs, presetId);
    o.insert(u"base_url"_qs, baseUrl);
    if (!probePath.isEmpty())
        o.insert(u"probe_path"_qs, probePath);
    if (!params.isEmpty()) {
        QJsonObject p;
        for (auto it = params.cbegin(); it != params.cend(); ++it)
            p.insert(it.key(), it.value());
        o.insert(u"params"_qs, p);
    }
    o.insert(u"auth"_qs, authSchemeId(auth));
    if (!username.isEmpty())
        o.insert(u"user"_qs, username);
    if (intervalS)
        o.insert(u"interval_s"_qs, *intervalS);
    if (!alertOverrides.isEmpty())
        o.insert(u"alerts"_qs, alertOverrides);
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
    a.id = o.value(u"id"_qs).toString();
    a.name = o.value(u"name"_qs).toString();
    a.presetId = o.value(u"provider"_qs).toString();
    a.baseUrl = o.value(u"base_url"_qs).toString();
    if (a.id.isEmpty() || a.name.isEmpty() || a.presetId.isEmpty())
        return fail(QCoreApplication::translate("Account", "an account lacks id, name or provider"));
    a.probePath = o.value(u"probe_path"_qs).toString();
    const QJsonObject p = o.value(u"params"_qs).toObject();
    for (auto it = p.begin(); it != p.end(); ++it)
        a.params.insert(it.key(), it.value().toString());
    const QString auth = o.value(u"auth"_qs).toString();
    if (!auth.isEmpty()) {
        const auto s = authSchemeFromId(auth);
        if (!s)
            return fail(QCoreApplication::translate("Account", "account '%1' has an unknown auth scheme '%2'")
                            .arg(a.name, auth));
        a.auth = *s;
    }
    a.username = o.value(u"user"_qs).toString();
    if (o.contains(u"interval_s"_qs)) {
        const int v = o.value(u"interval_s"_qs).toInt(-1);
        if (v <= 0)
            return fail(QCoreApplication::translate("Account", "account '%1' has an invalid interval").arg(a.name));
        a.intervalS = v;
    }
    a.alertOverrides = o.value(u"alerts"_qs).toObject();
    return a;
}
