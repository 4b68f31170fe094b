#pragma once

#include <QObject>
#include <QString>

#include <memory>
#include <optional>

class HistoryBackend;

// Where the history lives, as `--history URL` and `headroom settings set history URL` name it:
// `sqlite:PATH` (a bare absolute path means the same) or a PostgreSQL URL
// (`postgresql://[user@]host[:port]/db`, `postgresql:///db?service=NAME`, any libpq parameter).
// A password never travels in the location: it would sit in the shell's history, the process
// list and headroom.conf; it comes from the keychain (PgTarget::setStoredPassword) or libpq's ~/.pgpass, PGPASSFILE or
// pg_service.conf.
struct HistoryLocation
{
    enum class Kind { Sqlite, Postgres };
    Kind kind = Kind::Sqlite;
    QString target; // the SQLite file's path, or the PostgreSQL URL as given

    // Nothing, with *error in words, when `text` names no history Headroom can open.
    static std::optional<HistoryLocation> parse(const QString &text, QString *error);
    // The user's SQLite file (HistoryStore::defaultPath()).
    static HistoryLocation defaultLocation();

    // As the user would type it back: "sqlite:/path" or the URL.
    QString toString() const;
    bool isShared() const { return kind == Kind::Postgres; }

    // A closed backend of the right kind; open() it with `target`.
    std::unique_ptr<HistoryBackend> createBackend(QObject *parent = nullptr) const;
    // For reports (export): the backend opened on `target`, where a SQLite file that does not
    // exist reads as an empty history and is not created. Nothing, with *error, when it cannot
    // be read. The caller's thread owns it.
    std::unique_ptr<HistoryBackend> openForReading(QString *error = nullptr) const;
};
