#pragma once

#include "secretstore.h"

// Tokens on a server without a desktop keyring: systemd's credentials. The service unit loads
// each account's token with LoadCredentialEncrypted= (or LoadCredential=), and systemd puts it,
// decrypted, in a private directory named by $CREDENTIALS_DIRECTORY, readable by the service
// alone and gone when it stops. Headroom only reads there: it never writes a token to a file
// of its own, and write() fails with the command that does it properly.
class CredentialSecretStore : public SecretStore
{
    Q_OBJECT
public:
    // `directory`: $CREDENTIALS_DIRECTORY.
    explicit CredentialSecretStore(const QString &directory, QObject *parent = nullptr);

    // The directory when systemd gave one and no Secret Service is on the session bus (a
    // server); empty otherwise: the keychain serves.
    static QString directoryToUse();
    // The credential's name for an account's token: "headroom.<account id>".
    static QString credentialName(const QString &accountKey);
    // What an admin runs to put an account's token in place: the systemd-creds command and the
    // unit line, in words.
    static QString setupInstructions(const QString &accountKey, const QString &accountName);

    void read(const QString &key, Callback done) override;
    void write(const QString &key, const QString &secret, Callback done) override;
    void remove(const QString &key, Callback done) override;

private:
    void finish(Callback done, Result r);
    QString m_directory;
};
