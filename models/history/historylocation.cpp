#include "historylocation.h"

#include "historystore.h"
#include "pgconnections.h"
#include "pghistorystore.h"

#include <QCoreApplication>
#include <QDir>
#include <QUrl>
#include <QUrlQuery>

namespace {
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(HistoryLocation)
};
} // namespace

std::optional<HistoryLocation> HistoryLocation::parse(const QString &text, QString *error)
{
    auto fail = [&](const QString &why) -> std::optional<HistoryLocation> {
        if (error)
            *error = why;
        return std::nullopt;
    };
    const QString trimmed = text.trimmed();
    if (PgHistoryStore::handles(trimmed)) {
        PgTarget target;
        QString why;
        if (!PgTarget::parse(trimmed, &target, &why))
            return fail(why);
        if (target.passwordInUrl)
            return fail(Tr::tr("the history's URL holds a password, which would be kept in the shell's history, the "
                               "process list and the settings file: remove it and keep it in the keychain with "
                               "'headroom history password', or in ~/.pgpass (or the file PGPASSFILE names, or a "
                               "service in pg_service.conf)"));
        return HistoryLocation { Kind::Postgres, trimmed };
    }
    QString path = trimmed;
    if (path.startsWith(QStringLiteral("sqlite:")))
        path = path.mid(7);
    if (path.startsWith(QStringLiteral("~/")))
        path = QDir::homePath() + path.mid(1);
    if (path.isEmpty() || !QDir::isAbsolutePath(path))
        return fail(Tr::tr("'%1' is not a history Headroom can open: give sqlite:/absolute/path or "
                           "postgresql://[user@]host[:port]/database")
                        .arg(trimmed));
    return HistoryLocation { Kind::Sqlite, QDir::cleanPath(path) };
}

HistoryLocation HistoryLocation::defaultLocation()
{
    return { Kind::Sqlite, HistoryStore::defaultPath() };
}

QString HistoryLocation::toString() const
{
    return kind == Kind::Sqlite ? QStringLiteral("sqlite:") + target : target;
}

std::unique_ptr<HistoryBackend> HistoryLocation::createBackend(QObject *parent) const
{
    if (kind == Kind::Postgres)
        return std::make_unique<PgHistoryStore>(parent);
    return std::make_unique<HistoryStore>(parent);
}

std::unique_ptr<HistoryBackend> HistoryLocation::openForReading(QString *error) const
{
    std::unique_ptr<HistoryBackend> history = createBackend();
    auto *file = qobject_cast<HistoryStore *>(history.get());
    if (!(file ? file->openForReading(target, error) : history->open(target, error)))
        return nullptr;
    return history;
}
