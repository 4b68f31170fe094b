#pragma once

#include "account.h"

#include <QList>
#include <QString>

// accounts.json: {"version":1,"accounts":[...]} under $XDG_CONFIG_HOME/headroom, mode 0600 in a
// 0700 directory, replaced atomically. A file that does not parse is reported, never overwritten.
class AccountStore
{
public:
    static constexpr int kVersion = 1;

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
    // Puts back a list taken from accounts() earlier: the undo of a change the file refused.
    void restore(const QList<Account> &accounts) { m_accounts = accounts; }

    // The checks add() runs, for editors that validate before saving.
    static QString validate(const Account &account);

private:
    // What add() and update() share: fills the base URL, then validates; `self` is the index of
    // the account being replaced (-1 for a new one), so its own name is not a duplicate.
    QString normalizeAndCheck(Account &account, qsizetype self) const;
    qsizetype indexOfId(const QString &id) const;

    QString m_path;
    QList<Account> m_accounts;
    bool m_loadedBroken = false;
};
