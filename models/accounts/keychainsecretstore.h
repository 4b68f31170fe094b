#pragma once

#include "secretstore.h"

#include <memory>

// Tokens in the OS keychain through QtKeychain 0.13.2: service "headroom", key = account id.
// Never a plaintext fallback: without a Secret Service the calls fail with NoBackend.
//
// A call can wait on the user: a locked keyring makes gnome-keyring show an unlock (or, with no
// keyring yet, a "create keyring") prompt and the call returns only when it is answered. Such a
// call announces itself with waitingForUser(), and a dismissed prompt is reported as such, not
// as a missing entry or a missing keyring.
class KeychainSecretStore : public SecretStore
{
    Q_OBJECT
public:
    explicit KeychainSecretStore(QObject *parent = nullptr, const QString &service = QStringLiteral("headroom"));

    void read(const QString &key, Callback done) override;
    void write(const QString &key, const QString &secret, Callback done) override;
    void remove(const QString &key, Callback done) override;

    // A call still pending after this long is waiting for the user: the Secret Service answers
    // in milliseconds otherwise, and a prompt that cannot be shown fails in well under a second.
    static constexpr int waitNoticeMs = 2000;

    // What was seen around a failed call, beyond QtKeychain's code and text.
    struct Context
    {
        bool waitedForUser = false; // the call was pending for waitNoticeMs
        bool prompterOnBus = false; // a system prompter (GNOME Shell, gcr-prompter) owns its bus name
        bool serviceOnBus = false;  // org.freedesktop.secrets is owned or activatable on the session bus
    };

    // QtKeychain error code -> our error with a message that says what to do.
    // Without a context the Secret Service is taken to be absent.
    static Result mapError(int qtkeychainError, const QString &detail, bool reading);
    static Result mapError(int qtkeychainError, const QString &detail, bool reading, const Context &context);

    // `text` without D-Bus object paths (/org/freedesktop/secrets/…), which mean nothing to a user.
    static QString withoutObjectPaths(const QString &text);

Q_SIGNALS:
    // A call has been pending for waitNoticeMs: a keyring prompt is most likely waiting for an
    // answer on the desktop. Emitted once per stretch of waiting, however many calls are queued.
    void waitingForUser();

private:
    struct Call;
    void start(const std::shared_ptr<Call> &call);
    void runJob(const std::shared_ptr<Call> &call);
    void unlockThenRemove(const std::shared_ptr<Call> &call);
    void checkLockedEntry(const std::shared_ptr<Call> &call, int code, const QString &detail);
    void finish(const std::shared_ptr<Call> &call, int code, const QString &detail);

    QString m_service;
    int m_waiting = 0; // calls past waitNoticeMs and not yet finished
};
