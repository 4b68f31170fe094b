#include "keychainnotice.h"

#include "accounts/keychainsecretstore.h"

#include <QCoreApplication>
#include <QTextStream>

void attachKeychainNotice(KeychainSecretStore *secrets)
{
    if (!secrets)
        return;
    QObject::connect(secrets, &KeychainSecretStore::waitingForUser, secrets, [] {
        QTextStream err(stderr);
        err << "headroom: "
            << QCoreApplication::translate(
                   "KeychainNotice",
                   "waiting for the keyring: answer the unlock prompt on your desktop (Ctrl+C to give up)")
            << '\n';
        err.flush();
    });
}
