#pragma once

#include <QObject>
#include <QString>
#include <functional>

// Where tokens live. The real store is the OS keychain through QtKeychain (no plaintext fallback,
// ever); the in-memory store serves the demo and pure unit tests of the code above it.
class SecretStore : public QObject
{
    Q_OBJECT
public:
    enum class Error { None, NotFound, NoBackend, Locked, AccessDenied, Other };
    struct Result
    {
        Error error = Error::None;
        QString message; // user-readable, says what to install or start; never the secret
        QString secret;  // read only
    };
    using Callback = std::function<void(const Result &)>;

    using QObject::QObject;
    ~SecretStore() override = default;

    virtual void read(const QString &key, Callback done) = 0;
    virtual void write(const QString &key, const QString &secret, Callback done) = 0;
    virtual void remove(const QString &key, Callback done) = 0;
};
