#pragma once

#include "account.h"
#include "pool.h"

#include <QList>
#include <QString>

// accounts.json: {"version":2,"accounts":[...],"pools":[...]} under $XDG_CONFIG_HOME/headroom, mode 0600 in a
// 0700 directory, replaced atomically. A file that does not parse is reported, never overwritten.
class AccountStore
{
public:
    // 2 added pools; a version 1 file (no pools) still loads and is written back as 2.
    static constexpr int kVersion = 2;

    explicit AccountStore(const QString &path = defaultPath());
    static QString defaultPath();
    QString path() const { return m_path; }

    // A missing file is an empty store. Returns false with *error on a malformed file.
    bool load(QString *error = nullptr);
    bool save(QString *error = nullptr) const;

    const QList<Account> &accounts() const { return m_accounts; }
    const Account *findByName(const QString &name) const;
    const Account *findById(const QString &id) const;

    // Checks name uniqueness, preset, base URL and parameters; fills defaults (id, base URL, auth).
    // Does not save.
    bool add(Account &account, QString *error = nullptr);
    // Replaces the account with the same id where it stands, after the checks add() runs (the
    // name must be unique among the others); an unknown id is refused. Does not save.
    bool update(const Account &account, QString *error = nullptr);
    bool removeById(const QString &id);
    // The checks add() or update() would run on `account` (defaults filled in), changing nothing.
    QString check(Account &account) const;
    // What the store holds, taken before a change so a change the file refused can be undone.
    struct Snapshot
    {
        QList<Account> accounts;
        QList<Pool> pools;
    };
    Snapshot snapshot() const { return {m_accounts, m_pools}; }
    void restore(const Snapshot &snapshot);

    const QList<Pool> &pools() const { return m_pools; }
    const Pool *findPool(const QString &name) const;
    // The pool an account belongs to, or null.
    const Pool *poolOf(const QString &accountId) const;
    // A new pool: a unique name, at least one member, members that exist, share the pool's
    // provider and are in no other pool (presetId is taken from the members). Does not save.
    bool addPool(Pool &pool, QString *error = nullptr);
    bool removePool(const QString &name);

    // The checks add() runs, for editors that validate before saving.
    static QString validate(const Account &account);

private:
    // What add() and update() share: fills the base URL, then validates; `self` is the index of
    // the account being replaced (-1 for a new one), so its own name is not a duplicate.
    QString normalizeAndCheck(Account &account, qsizetype self) const;
    qsizetype indexOfId(const QString &id) const;

    QString m_path;
    QList<Account> m_accounts;
    QList<Pool> m_pools;
    bool m_loadedBroken = false;
};
