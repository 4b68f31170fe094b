#pragma once

#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <optional>

// A named group of accounts of one provider that a team load-balances. Stored with the
// accounts (accounts.json, version 2); an account is in at most one pool.
struct Pool
{
    QString name;
    QString presetId;
    QStringList memberIds; // account ids, in the order the user gave them

    // The id a pool's alerts, events and summary rows go by, beside its members' account ids.
    static QString accountIdOf(const QString &name) { return QStringLiteral("pool:") + name; }

    QJsonObject toJson() const;
    static std::optional<Pool> fromJson(const QJsonObject &o, QString *error = nullptr);
    bool operator==(const Pool &) const = default;
};
