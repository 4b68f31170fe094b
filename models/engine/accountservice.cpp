#include "accountservice.h"

#include "accounts/accountstore.h"
#include "accounts/secretstore.h"

#include <QPointer>

namespace {

bool missingIsFine(const SecretStore::Result &r)
{
    return r.error == SecretStore::Error::None || r.error == SecretStore::Error::NotFound;
}

} // namespace

AccountService::AccountService(AccountStore *store, SecretStore *secrets, QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_secrets(secrets)
{
}

QString AccountService::check(Account &account) const
{
    return m_store->check(account);
}

AccountService::Outcome AccountService::saveOrRollback(const AccountStore::Snapshot &before)
{
    QString error;
    if (m_store->save(&error))
        return {};
    m_store->restore(before);
    return {Failure::File, error};
}

void AccountService::finish(const Outcome &outcome, const Done &done)
{
    if (outcome.ok())
        Q_EMIT accountsChanged();
    if (done)
        done(outcome);
}

// The keychain step of every change: remembers the token it replaces or deletes, so the file
// step can be undone by putting it back. `next` empty deletes the token.
void AccountService::swapSecret(const QString &id, const Previous &next,
                                std::function<void(const Outcome &, const Previous &)> then)
{
    QPointer<AccountService> self(this);
    m_secrets->read(id, [self, id, next, then](const SecretStore::Result &r) {
        if (!self)
            return;
        if (!missingIsFine(r))
            return then({Failure::Secret, r.message}, std::nullopt);
        const Previous previous = r.error == SecretStore::Error::None ? Previous(r.secret) : std::nullopt;
        auto written = [self, previous, then](const SecretStore::Result &w) {
            if (!self)
                return;
            if (!missingIsFine(w))
                return then({Failure::Secret, w.message}, previous);
            then({}, previous);
        };
        if (next)
            self->m_secrets->write(id, *next, written);
        else
            self->m_secrets->remove(id, written);
    });
}

void AccountService::restoreSecret(const QString &id, const Previous &previous, std::function<void()> then)
{
    auto ignore = [then](const SecretStore::Result &) { then(); };
    if (previous)
        m_secrets->write(id, *previous, ignore);
    else
        m_secrets->remove(id, ignore);
}

void AccountService::change(const AccountStore::Snapshot &before, const QString &id, const Previous &next, Done done)
{
    QPointer<AccountService> self(this);
    swapSecret(id, next, [self, before, id, done](const Outcome &secret, const Previous &previous) {
        if (!self)
            return;
        Q_EMIT self->secretChanged(id);
        if (!secret.ok()) {
            self->m_store->restore(before);
            return self->finish(secret, done);
        }
        const Outcome saved = self->saveOrRollback(before);
        if (saved.ok())
            return self->finish(saved, done);
        // Only after the keychain is back as it was: a command line exits when done() returns.
        self->restoreSecret(id, previous, [self, saved, done] {
            if (self)
                self->finish(saved, done);
        });
    });
}

void AccountService::add(Account account, const QString &token, Done done)
{
    const AccountStore::Snapshot before = m_store->snapshot();
    QString error;
    if (!m_store->add(account, &error))
        return finish({Failure::Invalid, error}, done);
    if (account.auth == AuthScheme::None)
        return finish(saveOrRollback(before), done);
    change(before, account.id, token, std::move(done));
}

void AccountService::update(const Account &account, const std::optional<QString> &token, Done done)
{
    const AccountStore::Snapshot before = m_store->snapshot();
    const Account *old = m_store->findById(account.id);
    const bool hadToken = old && old->auth != AuthScheme::None;
    QString error;
    if (!m_store->update(account, &error))
        return finish({Failure::Invalid, error}, done);
    if (account.auth == AuthScheme::None) {
        // A token the account no longer sends must not stay behind in the keychain.
        if (!hadToken)
            return finish(saveOrRollback(before), done);
        return change(before, account.id, std::nullopt, std::move(done));
    }
    if (!token)
        return finish(saveOrRollback(before), done);
    change(before, account.id, token, std::move(done));
}

void AccountService::remove(const QString &accountId, Done done)
{
    const AccountStore::Snapshot before = m_store->snapshot();
    const Account *a = m_store->findById(accountId);
    if (!a)
        return finish({Failure::Invalid, tr("no such account")}, done);
    const bool hasToken = a->auth != AuthScheme::None;
    m_store->removeById(accountId);
    if (!hasToken)
        return finish(saveOrRollback(before), done);
    change(before, accountId, std::nullopt, std::move(done));
}

AccountService::Outcome AccountService::addPool(Pool pool)
{
    const AccountStore::Snapshot before = m_store->snapshot();
    QString error;
    if (!m_store->addPool(pool, &error))
        return {Failure::Invalid, error};
    const Outcome o = saveOrRollback(before);
    if (o.ok())
        Q_EMIT accountsChanged();
    return o;
}

AccountService::Outcome AccountService::removePool(const QString &name)
{
    const AccountStore::Snapshot before = m_store->snapshot();
    if (!m_store->removePool(name))
        return {Failure::Invalid, tr("no pool named '%1'").arg(name)};
    const Outcome o = saveOrRollback(before);
    if (o.ok())
        Q_EMIT accountsChanged();
    return o;
}

AccountService::Outcome AccountService::updateAll(const QList<Account> &accounts)
{
    const AccountStore::Snapshot before = m_store->snapshot();
    for (const Account &a : accounts) {
        QString error;
        if (!m_store->update(a, &error)) {
            m_store->restore(before);
            return {Failure::Invalid, error};
        }
    }
    const Outcome o = saveOrRollback(before);
    if (o.ok())
        Q_EMIT accountsChanged();
    return o;
}
