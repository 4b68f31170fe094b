#include "memorysecretstore.h"

#include <QCoreApplication>
#include <QTimer>

void MemorySecretStore::finish(Callback done, Result r)
{
    QTimer::singleShot(0, this, [done = std::move(done), r = std::move(r)] { done(r); });
}

void MemorySecretStore::setFailure(Error error, const QString &message)
{
    m_failure = error;
    m_failureMessage = message;
}

void MemorySecretStore::read(const QString &key, Callback done)
{
    Result r;
    if (m_failure != Error::None) {
        r.error = m_failure;
        r.message = m_failureMessage;
    } else if (auto it = m_secrets.constFind(key); it != m_secrets.cend()) {
        r.secret = *it;
    } else {
        r.error = Error::NotFound;
        r.message = SecretStore::tr("no token stored for this account");
    }
    finish(std::move(done), r);
}

void MemorySecretStore::write(const QString &key, const QString &secret, Callback done)
{
    Result r;
    if (m_failure != Error::None) {
        r.error = m_failure;
        r.message = m_failureMessage;
    } else {
        m_secrets.insert(key, secret);
    }
    finish(std::move(done), r);
}

void MemorySecretStore::remove(const QString &key, Callback done)
{
    Result r;
    if (m_failure != Error::None) {
        r.error = m_failure;
        r.message = m_failureMessage;
    } else {
        m_secrets.remove(key);
    }
    finish(std::move(done), r);
}
