#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

// Where a quota's limit comes from: the response itself, or the provider's documentation
// when the response sends none. A documented limit is used for budgets and shown as such,
// never as a measured figure.
enum class LimitSource { Header, Documented };
QString limitSourceId(LimitSource s); // "header", "documented"

// One quota a response reported. Every field is optional: unknown is never zero.
struct Quota
{
    QString resource;
    std::optional<qint64> limit;
    std::optional<qint64> remaining;
    std::optional<qint64> used;
    std::optional<QDateTime> resetAt; // UTC
    std::optional<qint64> windowS;
    std::optional<bool> nearLimit;
    QString unit = QStringLiteral("requests");
    LimitSource limitSource = LimitSource::Header; // meaningful only when limit is set

    QJsonObject toJson() const;
    static Quota fromJson(const QJsonObject &o);
    bool operator==(const Quota &) const = default;
};

// What one response said about rate limits, normalised: unknown is never zero.
struct QuotaReading
{
    QString provider;
    std::optional<int> status;
    bool throttled = false;
    std::optional<double> retryAfterS;
    QList<Quota> quotas;
    QStringList warnings;
    // GitHub Enterprise Server with rate limiting off: a state, not an error.
    bool rateLimitingDisabled = false;
    // When the token itself expires, if the response says (GitHub's
    // `GitHub-Authentication-Token-Expiration: 2026-12-01 10:00:00 UTC`). Used by models/alerts.
    std::optional<QDateTime> tokenExpiresAt; // UTC

    // Index of the most restrictive quota (lowest remaining, ties to the first), or -1.
    int mostRestrictive() const;
    // The JSON object `headroom inspect` prints.
    QJsonObject toJson() const;
    static QuotaReading fromJson(const QJsonObject &o);
};

// Formats a UTC instant as ISO 8601 with `Z`; milliseconds only when non-zero.
QString isoUtc(const QDateTime &t);
