#pragma once

class KeychainSecretStore;

// The CLI's voice for a keychain that waits on the user: once a call has waited 2 s (an unlock
// or "create keyring" prompt on the desktop), one line on stderr says so, instead of a silent
// hang. Call it right after constructing the store a command uses.
void attachKeychainNotice(KeychainSecretStore *secrets);
