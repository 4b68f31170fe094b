#pragma once

#include "quota/preset.h"

#include <QJsonObject>
#include <QMap>
#include <QString>
#include <optional>

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

    QJsonObject toJson() const;
    static std::optional<Account> fromJson(const QJsonObject &o, QString *error = nullptr);
};
