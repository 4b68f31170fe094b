#pragma once

#include "secretstore.h"

// Tokens in the OS keychain through QtKeychain 0.13.2: service "headroom", key = account id.
// Never a plaintext fallback: without a Secret Service the calls fail with NoBackend.
class KeychainSecretStore : public SecretStore
{
    Q_OBJECT
public:
    explicit KeychainSecretStore(QObject *parent = nullptr, const QString &service = QStringLiteral("headroom"));

    void read(const QString &key, Callback done) override;
    void write(const QString &key, const QString &secret, Callback done) override;
    void remove(const QString &key, Callback done) override;

    // QtKeychain error code -> our error with a message that says what to do (QT-NOTES §1.2).
    static Result mapError(int qtkeychainError, const QString &detail, bool reading);

private:
    QString m_service;
};
