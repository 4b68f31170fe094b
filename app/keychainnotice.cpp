#include "keychainnotice.h"

#include "accounts/keychainsecretstore.h"

void attachKeychainNotice(KeychainSecretStore *secrets)
{
    Q_UNUSED(secrets);
}
