#pragma once

#include "secretstore.h"

#include <QHash>

// Secrets in process memory only: the demo and pure unit tests of the code above SecretStore.
// Callbacks run from the event loop, like the keychain's, so callers cannot rely on synchrony.
class MemorySecretStore : public SecretStore
{
    Q_OBJECT
public:
    using SecretStore::SecretStore;

    void read(const QString &key, Callback done) override;
    void write(const QString &key, const QString &secret, Callback done) override;
    void remove(const QString &key, Callback done) override;

    // Makes every later call fail with `error` (tests of the error paths above the store).
    void setFailure(Error error, const QString &message = {});

private:
    void finish(Callback done, Result r);
    QHash<QString, QString> m_secrets;
    Error m_failure = Error::None;
    QString m_failureMessage;
};
