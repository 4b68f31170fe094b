#include "keychainnotice.h"

#include "accounts/keychainsecretstore.h"

#include <QCoreApplication>
#include <QTextStream>

namespace {
// A free function: its strings take their context from this class.
class KeychainNoticeText
{
    Q_DECLARE_TR_FUNCTIONS(KeychainNotice)
};
} // namespace

void attachKeychainNotice(KeychainSecretStore *secrets)
{
    if (!secrets)
        return;
    QObject::connect(secrets, &KeychainSecretStore::waitingForUser, secrets, [] {
        QTextStream err(stderr);
        err << "headroom: "
            << KeychainNoticeText::tr(
                   "waiting for the keyring: answer the unlock prompt on your desktop (Ctrl+C to give up)")
            << '\n';
        err.flush();
    });
}
