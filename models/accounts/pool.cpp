#include "pool.h"

#include <QCoreApplication>
#include <QJsonArray>

namespace {
class PoolText
{
    Q_DECLARE_TR_FUNCTIONS(Pool)
};
} // namespace

QJsonObject Pool::toJson() const
{
    return {{QStringLiteral("name"), name},
            {QStringLiteral("provider"), presetId},
            {QStringLiteral("members"), QJsonArray::fromStringList(memberIds)}};
}

std::optional<Pool> Pool::fromJson(const QJsonObject &o, QString *error)
{
    Pool p;
    p.name = o.value(QStringLiteral("name")).toString();
    p.presetId = o.value(QStringLiteral("provider")).toString();
    for (const QJsonValue &v : o.value(QStringLiteral("members")).toArray())
        p.memberIds << v.toString();
    if (p.name.isEmpty() || p.presetId.isEmpty() || p.memberIds.isEmpty()) {
        if (error)
            *error = PoolText::tr("a pool lacks a name, a provider or members");
        return std::nullopt;
    }
    return p;
}
