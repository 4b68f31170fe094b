#pragma once

#include "accounts/account.h"
#include "accounts/accountstore.h"

#include <QObject>
#include <QString>

#include <functional>
#include <optional>

class SecretStore;

// Adds, edits and removes accounts for the command line and the dashboard alike, so both keep
// the accounts file and the keychain in step the same way. One order for every change: the
// keychain first, then the file; when the file cannot be written, the keychain step is undone
// (a new token removed, a replaced token put back, a deleted token restored), so a failure
// leaves both as they were. An account without a token (auth none) never touches the keychain.
class AccountService : public QObject
{
    Q_OBJECT
public:
    enum class Failure {
        None,
        Invalid, // the account breaks a rule of the store (duplicate name, bad URL, unknown id)
        Secret,  // the keychain refused (locked, no backend, denied)
        File,    // accounts.json could not be written
    };
    struct Outcome
    {
        Failure failure = Failure::None;
        QString message; // user-readable; never a token
        bool ok() const { return failure == Failure::None; }
    };
    using Done = std::function<void(const Outcome &)>;

    // Neither is owned; both must outlive this object.
    AccountService(AccountStore *store, SecretStore *secrets, QObject *parent = nullptr);

    AccountStore *store() const { return m_store; }
    SecretStore *secrets() const { return m_secrets; }

    // The store's checks for `account` (defaults filled in, as add() would), without changing
    // anything: an editor or the command line asks before it prompts for a token.
    QString check(Account &account) const;

    // A new account; its id is made when empty. `token` is stored unless the account's auth is
    // none. `done` runs once, possibly before add() returns.
    void add(Account account, const QString &token, Done done);
    // Edits an account in place, by id. A token, when given, replaces the stored one.
    void update(const Account &account, const std::optional<QString> &token, Done done);
    // Removes the account and its token. A token that was never stored is not an error.
    void remove(const QString &accountId, Done done);
    // Settings that involve no token (per-account alert overrides), for every account at once.
    Outcome updateAll(const QList<Account> &accounts);
    // Pools hold no token: the file only, undone in memory when it cannot be written.
    Outcome addPool(Pool pool);
    Outcome removePool(const QString &name);

Q_SIGNALS:
    // After every successful change: the store holds the new list, already saved.
    void accountsChanged();
    // A token was replaced or deleted (also when a failed change put the old one back): whoever
    // holds a copy in memory reads it again.
    void secretChanged(const QString &accountId);

private:
    using Previous = std::optional<QString>;
    Outcome saveOrRollback(const AccountStore::Snapshot &before);
    void finish(const Outcome &outcome, const Done &done);
    void swapSecret(const QString &id, const Previous &next, std::function<void(const Outcome &, const Previous &)> then);
    void restoreSecret(const QString &id, const Previous &previous, std::function<void()> then);
    // The store already holds the change; `before` is what it held. Keychain, then file.
    void change(const AccountStore::Snapshot &before, const QString &id, const Previous &next, Done done);

    AccountStore *m_store;
    SecretStore *m_secrets;
};
