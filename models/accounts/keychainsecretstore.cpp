#include "keychainsecretstore.h"

#include <QCoreApplication>
#include <qt6keychain/keychain.h>

static QString tr_(const char *s)
{
    return QCoreApplication::translate("KeychainSecretStore", s);
}

KeychainSecretStore::KeychainSecretStore(QObject *parent, const QString &service)
    : SecretStore(parent)
    , m_service(service)
{
}

SecretStore::Result KeychainSecretStore::mapError(int code, const QString &detail, bool reading)
{
    Result r;
    switch (code) {
    case QKeychain::NoError:
        return r;
    case QKeychain::EntryNotFound:
        r.error = Error::NotFound;
        r.message = tr_("no token stored for this account in the keyring");
        break;
    case QKeychain::AccessDenied:
        r.error = Error::Locked;
        r.message = tr_("the keyring is locked; unlock it (e.g. log in to the desktop session) and try again");
        break;
    case QKeychain::AccessDeniedByUser:
        r.error = Error::AccessDenied;
        r.message = tr_("access to the keyring was denied");
        break;
    case QKeychain::NoBackendAvailable:
    case QKeychain::OtherError:
        r.error = Error::NoBackend;
        r.message = tr_("no keyring available: install and start gnome-keyring (or another Secret Service) "
                        "in a D-Bus session (%1)")
                        .arg(detail);
        break;
    default:
        r.error = Error::Other;
        r.message = reading ? tr_("reading the keyring failed: %1").arg(detail)
                            : tr_("the keyring failed: %1").arg(detail);
        break;
    }
    return r;
}

// QtKeychain jobs delete themselves after `finished` (autoDelete), so results are read in the slot.
template<typename Job>
static void runJob(Job *job, const QString &key, SecretStore::Callback done, bool reading)
{
    job->setAutoDelete(true);
    job->setInsecureFallback(false);
    job->setKey(key);
    QObject::connect(job, &QKeychain::Job::finished, job, [done = std::move(done), reading](QKeychain::Job *j) {
        SecretStore::Result r = KeychainSecretStore::mapError(j->error(), j->errorString(), reading);
        if (r.error == SecretStore::Error::None)
            if (auto *rj = qobject_cast<QKeychain::ReadPasswordJob *>(j))
                r.secret = rj->textData();
        done(r);
    });
    job->start();
}

void KeychainSecretStore::read(const QString &key, Callback done)
{
    runJob(new QKeychain::ReadPasswordJob(m_service, this), key, std::move(done), true);
}

void KeychainSecretStore::write(const QString &key, const QString &secret, Callback done)
{
    auto *job = new QKeychain::WritePasswordJob(m_service, this);
    job->setTextData(secret);
    runJob(job, key, std::move(done), false);
}

void KeychainSecretStore::remove(const QString &key, Callback done)
{
    runJob(new QKeychain::DeletePasswordJob(m_service, this), key, std::move(done), false);
}
