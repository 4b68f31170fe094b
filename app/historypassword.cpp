#include "historypassword.h"

#include "accounts/credentialsecretstore.h"
#include "accounts/keychainsecretstore.h"
#include "history/pgconnections.h"
#include "history/pghistorystore.h"
#include "keychainnotice.h"
#include "settingstable.h"

#include <QEventLoop>

namespace {

// A PostgreSQL location, as the history recognises one: an argument, or the value of --to=URL.
bool isPostgresUrl(const QString &text)
{
    const QString value = text.startsWith(QStringLiteral("--")) ? text.section(u'=', 1) : text;
    return PgHistoryStore::handles(value.trimmed());
}

} // namespace

QString HistoryPassword::key()
{
    return QStringLiteral("history-password");
}

std::unique_ptr<SecretStore> HistoryPassword::machineStore(bool cliNotice)
{
    if (const QString credentials = CredentialSecretStore::directoryToUse(); !credentials.isEmpty())
        return std::make_unique<CredentialSecretStore>(credentials);
    auto keychain = std::make_unique<KeychainSecretStore>();
    if (cliNotice)
        attachKeychainNotice(keychain.get());
    return keychain;
}

void HistoryPassword::load(const QStringList &arguments, bool cliNotice)
{
    bool inPlay = isPostgresUrl(SettingsTable::historyLocation());
    for (const QString &a : arguments)
        inPlay = inPlay || isPostgresUrl(a);
    if (!inPlay)
        return;
    const std::unique_ptr<SecretStore> store = machineStore(cliNotice);
    SecretStore::Result read;
    bool done = false;
    QEventLoop wait;
    store->read(key(), [&](const SecretStore::Result &r) {
        read = r;
        done = true;
        wait.quit();
    });
    if (!done)
        wait.exec();
    // None stored, or no store to ask (a server without a keyring or that credential): libpq's
    // files are the way, and its message says so if they hold nothing either.
    if (read.error == SecretStore::Error::None && !read.secret.isEmpty())
        PgTarget::setStoredPassword(read.secret);
    read.secret.fill(u'\0');
}
