#pragma once

#include <QDateTime>
#include <QString>
#include <QVariant>

#include <optional>

// Conversions between the history's types and what the SQLite tables store: times as ms since
// the epoch (UTC), unknown numbers as NULL, text columns as never NULL.
namespace SqliteValues {

inline QVariant optVar(const std::optional<int> &v)
{
    return v ? QVariant(*v) : QVariant(QMetaType(QMetaType::Int));
}

inline QVariant optVar(const std::optional<double> &v)
{
    return v ? QVariant(*v) : QVariant(QMetaType(QMetaType::Double));
}

inline std::optional<qint64> optInt64(const QVariant &v)
{
    if (v.isNull())
        return std::nullopt;
    return v.toLongLong();
}

inline std::optional<int> optInt(const QVariant &v)
{
    if (v.isNull())
        return std::nullopt;
    return v.toInt();
}

// A null QString binds as SQL NULL; text columns are NOT NULL, so an unnamed resource is "".
inline QString nonNull(const QString &s)
{
    return s.isNull() ? QStringLiteral("") : s;
}

inline qint64 msOf(const QDateTime &t, qint64 fallback)
{
    return t.isValid() ? t.toMSecsSinceEpoch() : fallback;
}

inline QDateTime utcOf(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC);
}

} // namespace SqliteValues
