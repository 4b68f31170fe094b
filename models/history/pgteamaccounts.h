#pragma once

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QString>
#include <QStringList>

#include <memory>
#include <optional>
#include <utility>

// The team's account definitions in a shared PostgreSQL history (table `team_accounts`,
// pgschema.cpp): one row per account, its definition as accounts.json holds it (never a
// token: tokens stay in each machine's own keychain), who wrote it last and when. A removed
// account keeps its row marked removed, so a machine whose file still lists it learns that it
// was removed instead of bringing it back. The history layer stores the definitions as opaque
// JSON; what they mean is the accounts layer's (engine/teamaccountsync.h merges them).
//
// Blocking calls on the caller's thread, own connection, plain statements (PgBouncer in
// transaction mode is fine).
class PgTeamAccounts : public QObject
{
    Q_OBJECT
public:
    struct Entry
    {
        QString id;
        QByteArray definition; // compact JSON
        bool removed = false;
        qint64 updatedAtMs = 0; // server clock
        QString updatedBy;
    };

    explicit PgTeamAccounts(QObject *parent = nullptr);
    ~PgTeamAccounts() override;

    // `location` as PgHistoryStore::open takes it; connects and brings the schema up to date.
    bool open(const QString &location, QString *error = nullptr);
    void close();
    bool isOpen() const;

    // Every row, removed ones included, ordered by id; nullopt with *error when the server
    // cannot be asked.
    std::optional<QList<Entry>> list(QString *error = nullptr);
    // Writes these (id, definition) pairs in one statement as the current, not removed,
    // definitions; a row already holding the same definition is left untouched. `by` names the
    // writer (host:pid).
    bool publish(const QList<std::pair<QString, QByteArray>> &definitions, const QString &by,
                 QString *error = nullptr);
    // Marks these accounts removed for the whole team.
    bool remove(const QStringList &ids, const QString &by, QString *error = nullptr);

private:
    struct Private;
    std::unique_ptr<Private> d;
};
