#include "credentialsecretstore.h"

#include <QCoreApplication>
#include <QDBusConnection>
#include <QDBusConnectionInterface>
#include <QDir>
#include <QFile>
#include <QTimer>

CredentialSecretStore::CredentialSecretStore(const QString &directory, QObject *parent)
    : SecretStore(parent)
    , m_directory(directory)
{
}

QString CredentialSecretStore::directoryToUse()
{
    const QString dir = qEnvironmentVariable("CREDENTIALS_DIRECTORY");
    if (dir.isEmpty())
        return {};
    // A desktop session with a keyring keeps using it even inside a unit with credentials.
    QDBusConnection bus = QDBusConnection::sessionBus();
    if (bus.isConnected() && bus.interface()
        && bus.interface()->isServiceRegistered(QStringLiteral("org.freedesktop.secrets")).value())
        return {};
    return dir;
}

QString CredentialSecretStore::credentialName(const QString &accountKey)
{
    return QStringLiteral("headroom.") + accountKey;
}

QString CredentialSecretStore::setupInstructions(const QString &accountKey, const QString &accountName)
{
    const QString name = credentialName(accountKey);
    return SecretStore::tr("To give the service %1's token, run as root (it reads the token from standard input, "
                           "not from the command line):\n"
                           "  systemd-creds encrypt --name=%2 - /etc/credstore.encrypted/%2\n"
                           "and add to the unit (systemctl edit headroom-watch):\n"
                           "  LoadCredentialEncrypted=%2")
        .arg(accountName, name);
}

void CredentialSecretStore::finish(Callback done, Result r)
{
    // Asynchronous like the keychain, so callers cannot come to rely on synchrony.
    QTimer::singleShot(0, this, [done = std::move(done), r = std::move(r)] { done(r); });
}

void CredentialSecretStore::read(const QString &key, Callback done)
{
    Result r;
    QFile f(QDir(m_directory).filePath(credentialName(key)));
    if (!f.exists()) {
        r.error = Error::NotFound;
        r.message = SecretStore::tr("no credential %1 in the service's credentials: add LoadCredentialEncrypted=%1 "
                                    "to the unit ('headroom account add --secret-store systemd' prints the commands)")
                        .arg(credentialName(key));
    } else if (!f.open(QIODevice::ReadOnly)) {
        r.error = Error::AccessDenied;
        r.message = SecretStore::tr("the credential %1 cannot be read: %2").arg(credentialName(key), f.errorString());
    } else {
        // A token file written by `echo` ends with a line feed that is not part of the token.
        QByteArray data = f.read(64 * 1024);
        while (data.endsWith('\n') || data.endsWith('\r'))
            data.chop(1);
        r.secret = QString::fromUtf8(data);
        data.fill('\0');
    }
    finish(std::move(done), r);
}

void CredentialSecretStore::write(const QString &key, const QString &, Callback done)
{
    Result r;
    r.error = Error::NoBackend;
    r.message = SecretStore::tr("tokens of this service come from systemd credentials, which Headroom does not "
                                "write: run 'systemd-creds encrypt --name=%1 - /etc/credstore.encrypted/%1' as root")
                    .arg(credentialName(key));
    finish(std::move(done), r);
}

void CredentialSecretStore::remove(const QString &key, Callback done)
{
    Result r;
    r.error = Error::NoBackend;
    r.message = SecretStore::tr("remove the credential yourself: rm /etc/credstore.encrypted/%1 and its "
                                "LoadCredentialEncrypted= line")
                    .arg(credentialName(key));
    finish(std::move(done), r);
}
