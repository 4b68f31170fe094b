#pragma once

#include "quota/preset.h"

#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QString>
#include <optional>

// An extra path of an account's API probed on its own, for a route with a tighter limit than
// the API's global one (search 30 per 60 s beside 600 per 60 s): its quota is read as a resource
// named `name`, scheduled and budgeted on that resource's own limit, with the account's token.
struct ProbeRoute
{
    QString name; // letters, digits, '-', '_', '.'; unique within the account
    QString path; // starts with '/'; same origin as the account's base URL
    bool operator==(const ProbeRoute &) const = default;
};

// One monitored account. The token is not here: it lives in the keychain (SecretStore),
// under service "headroom", key = id.
struct Account
{
    QString id;        // UUID without braces, stable for the account's life
    QString name;      // unique display name
    QString presetId;
    QString baseUrl;   // may carry a path prefix (https://ghe.example.com/api/v3)
    QString probePath; // override of the preset's probe path; empty = preset's
    QMap<QString, QString> params;
    AuthScheme auth = AuthScheme::Bearer;
    QString username;  // Basic auth user (Bitbucket app passwords)
    std::optional<int> intervalS; // fixed probe interval; backoff and Retry-After still apply
    QJsonObject alertOverrides;   // owned by models/alerts; opaque elsewhere
    QList<ProbeRoute> routes;     // probed besides the main probe, each its own resource

    QJsonObject toJson() const;
    static std::optional<Account> fromJson(const QJsonObject &o, QString *error = nullptr);
};
