#include "keychainsecretstore.h"

#include <QCoreApplication>
#include <QDBusConnection>
#include <QDBusConnectionInterface>
#include <QDBusMessage>
#include <QDBusMetaType>
#include <QDBusObjectPath>
#include <QDBusPendingCallWatcher>
#include <QDBusPendingReply>
#include <QDBusReply>
#include <QDBusVariant>
#include <QPointer>
#include <QRegularExpression>
#include <QTimer>
#include <qt6keychain/keychain.h>

namespace {

const QString kSecrets = QStringLiteral("org.freedesktop.secrets");
const QString kSecretsPath = QStringLiteral("/org/freedesktop/secrets");
const QString kServiceInterface = QStringLiteral("org.freedesktop.Secret.Service");
const QString kPromptInterface = QStringLiteral("org.freedesktop.Secret.Prompt");
// gcr's prompter name, owned by GNOME Shell or by a D-Bus-activated gcr-prompter on other
// desktops. Without a display gcr-prompter exits at once, so the name stays unowned.
const QString kSystemPrompter = QStringLiteral("org.gnome.keyring.SystemPrompter");
using Attributes = QMap<QString, QString>;
using Paths = QList<QDBusObjectPath>;
constexpr int kDbusTimeoutMs = 10000;

bool hasOwner(const QString &name)
{
    const QDBusConnection bus = QDBusConnection::sessionBus();
    return bus.isConnected() && bus.interface()->isServiceRegistered(name).value();
}

bool secretServiceOnBus()
{
    const QDBusConnection bus = QDBusConnection::sessionBus();
    if (!bus.isConnected())
        return false;
    if (bus.interface()->isServiceRegistered(kSecrets).value())
        return true;
    const QDBusReply<QStringList> activatable = bus.interface()->call(QStringLiteral("ListActivatableNames"));
    return activatable.isValid() && activatable.value().contains(kSecrets);
}

QDBusMessage serviceCall(const QString &method)
{
    return QDBusMessage::createMethodCall(kSecrets, kSecretsPath, kServiceInterface, method);
}

// Whether the collection new items go to exists and is unlocked. Asked only after a failed call,
// so the blocking round trip costs nothing in the common case.
bool defaultCollectionUnlocked()
{
    QDBusConnection bus = QDBusConnection::sessionBus();
    QDBusMessage alias = serviceCall(QStringLiteral("ReadAlias"));
    alias << QStringLiteral("default");
    const QDBusReply<QDBusObjectPath> path = bus.call(alias, QDBus::Block, kDbusTimeoutMs);
    if (!path.isValid() || path.value().path() == u"/")
        return false;
    QDBusMessage get = QDBusMessage::createMethodCall(kSecrets, path.value().path(),
                                                      QStringLiteral("org.freedesktop.DBus.Properties"),
                                                      QStringLiteral("Get"));
    get << QStringLiteral("org.freedesktop.Secret.Collection") << QStringLiteral("Locked");
    const QDBusReply<QDBusVariant> locked = bus.call(get, QDBus::Block, kDbusTimeoutMs);
    return locked.isValid() && !locked.value().variant().toBool();
}

// The Secret Service's items for (service, key), whatever QtKeychain's "type" attribute says.
QDBusMessage searchItems(const QString &service, const QString &key)
{
    static const QMetaType registered = qDBusRegisterMetaType<Attributes>();
    Q_UNUSED(registered);
    QDBusMessage m = serviceCall(QStringLiteral("SearchItems"));
    m << QVariant::fromValue(Attributes{{QStringLiteral("server"), service}, {QStringLiteral("user"), key}});
    return m;
}

} // namespace

// Receives org.freedesktop.Secret.Prompt.Completed for one prompt (QtDBus signal delivery
// needs a slot).
class KeychainPromptWatch : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;
public Q_SLOTS:
    void completed(bool dismissed, const QDBusVariant &)
    {
        Q_EMIT done(dismissed);
    }
Q_SIGNALS:
    void done(bool dismissed);
};

enum class Op { Read, Write, Remove };

struct KeychainSecretStore::Call
{
    Op op = Op::Read;
    QString key;
    QString secret; // the token to write, or the one read
    Callback done;
    QTimer *waitTimer = nullptr;
    bool waited = false;
    bool finished = false;
};

KeychainSecretStore::KeychainSecretStore(QObject *parent, const QString &service)
    : SecretStore(parent)
    , m_service(service)
{
}

QString KeychainSecretStore::withoutObjectPaths(const QString &text)
{
    static const QRegularExpression path(QStringLiteral("'?/(?:org|com|net|io|modules)(?:/[A-Za-z0-9_.-]+)+'?"));
    QString out = text;
    out.replace(path, QStringLiteral("…"));
    return out;
}

SecretStore::Result KeychainSecretStore::mapError(int code, const QString &detail, bool reading)
{
    return mapError(code, detail, reading, Context{});
}

SecretStore::Result KeychainSecretStore::mapError(int code, const QString &rawDetail, bool reading,
                                                  const Context &context)
{
    const QString detail = withoutObjectPaths(rawDetail);
    Result r;
    switch (code) {
    case QKeychain::NoError:
        return r;
    case QKeychain::EntryNotFound:
        r.error = Error::NotFound;
        r.message = tr("no token stored for this account in the keyring");
        break;
    case QKeychain::AccessDenied:
    case QKeychain::AccessDeniedByUser:
        // libsecret reports a dismissed unlock prompt as "locked" (gnome-keyring answers a prompt
        // it cannot show the same way), KWallet as "denied by user". A prompt was on screen if the
        // call waited for the user or a prompter is there to show one.
        r.error = code == QKeychain::AccessDenied ? Error::Locked : Error::AccessDenied;
        if (context.waitedForUser || context.prompterOnBus || code == QKeychain::AccessDeniedByUser)
            r.message = tr("the keyring stayed locked (the unlock prompt was cancelled)");
        else
            r.message = tr("the keyring is locked; unlock it (e.g. log in to the desktop session) and try again");
        break;
    case QKeychain::NoBackendAvailable:
    case QKeychain::OtherError:
        if (!context.serviceOnBus) {
            r.error = Error::NoBackend;
            r.message = tr("no keyring available: install and start gnome-keyring (or another Secret Service) "
                           "in a D-Bus session (%1)")
                            .arg(detail);
            break;
        }
        [[fallthrough]];
    default:
        r.error = Error::Other;
        r.message
            = reading ? tr("reading the keyring failed: %1").arg(detail) : tr("the keyring failed: %1").arg(detail);
        break;
    }
    return r;
}

void KeychainSecretStore::read(const QString &key, Callback done)
{
    auto call = std::make_shared<Call>();
    call->op = Op::Read;
    call->key = key;
    call->done = std::move(done);
    start(call);
}

void KeychainSecretStore::write(const QString &key, const QString &secret, Callback done)
{
    auto call = std::make_shared<Call>();
    call->op = Op::Write;
    call->key = key;
    call->secret = secret;
    call->done = std::move(done);
    start(call);
}

void KeychainSecretStore::remove(const QString &key, Callback done)
{
    auto call = std::make_shared<Call>();
    call->op = Op::Remove;
    call->key = key;
    call->done = std::move(done);
    start(call);
}

void KeychainSecretStore::start(const std::shared_ptr<Call> &call)
{
    // One timer per call, from the moment it is asked for: QtKeychain runs one job at a time, so
    // a call queued behind a prompt waits on the user just as much as the one that raised it.
    call->waitTimer = new QTimer(this);
    call->waitTimer->setSingleShot(true);
    call->waitTimer->setTimerType(Qt::PreciseTimer); // "after 2 s" means not before
    connect(call->waitTimer, &QTimer::timeout, this, [this, call] {
        call->waited = true;
        if (m_waiting++ == 0)
            Q_EMIT waitingForUser();
    });
    call->waitTimer->start(waitNoticeMs);
    if (call->op == Op::Remove)
        unlockThenRemove(call);
    else
        runJob(call);
}

// QtKeychain jobs delete themselves after `finished` (autoDelete), so results are read in the slot.
void KeychainSecretStore::runJob(const std::shared_ptr<Call> &call)
{
    QKeychain::Job *job = nullptr;
    switch (call->op) {
    case Op::Read:
        job = new QKeychain::ReadPasswordJob(m_service, this);
        break;
    case Op::Write: {
        auto *w = new QKeychain::WritePasswordJob(m_service, this);
        w->setTextData(call->secret);
        call->secret.fill(u'\0');
        call->secret.clear();
        job = w;
        break;
    }
    case Op::Remove:
        job = new QKeychain::DeletePasswordJob(m_service, this);
        break;
    }
    job->setAutoDelete(true);
    job->setInsecureFallback(false);
    job->setKey(call->key);
    connect(job, &QKeychain::Job::finished, this, [this, call](QKeychain::Job *j) {
        const int code = j->error();
        const QString detail = j->errorString();
        if (call->op == Op::Read && code == QKeychain::NoError)
            if (auto *rj = qobject_cast<QKeychain::ReadPasswordJob *>(j))
                call->secret = rj->textData();
        // libsecret answers a lookup whose unlock prompt was dismissed with "not found", and skips
        // locked items when clearing: both look like success or absence while the entry is there.
        if ((call->op == Op::Read && code == QKeychain::EntryNotFound)
            || (call->op == Op::Remove && code == QKeychain::NoError))
            checkLockedEntry(call, code, detail);
        else
            finish(call, code, detail);
    });
    job->start();
}

void KeychainSecretStore::checkLockedEntry(const std::shared_ptr<Call> &call, int code, const QString &detail)
{
    if (!hasOwner(kSecrets))
        return finish(call, code, detail);
    auto *watcher = new QDBusPendingCallWatcher(
        QDBusConnection::sessionBus().asyncCall(searchItems(m_service, call->key), kDbusTimeoutMs), this);
    connect(watcher, &QDBusPendingCallWatcher::finished, this, [this, call, code, detail](QDBusPendingCallWatcher *w) {
        w->deleteLater();
        const QDBusPendingReply<Paths, Paths> reply = *w;
        const bool locked = !reply.isError() && !reply.argumentAt<1>().isEmpty();
        finish(call, locked ? int(QKeychain::AccessDenied) : code, detail);
    });
}

// libsecret clears only unlocked items and never asks to unlock, so a remove from a locked
// keyring would leave the token behind and report success. Unlock the entry first, the way a
// read or write does: through the Secret Service's prompt.
void KeychainSecretStore::unlockThenRemove(const std::shared_ptr<Call> &call)
{
    if (!hasOwner(kSecrets))
        return runJob(call);
    QDBusConnection bus = QDBusConnection::sessionBus();
    auto *search = new QDBusPendingCallWatcher(bus.asyncCall(searchItems(m_service, call->key), kDbusTimeoutMs), this);
    connect(search, &QDBusPendingCallWatcher::finished, this, [this, call](QDBusPendingCallWatcher *w) {
        w->deleteLater();
        const QDBusPendingReply<Paths, Paths> found = *w;
        if (found.isError() || found.argumentAt<1>().isEmpty())
            return runJob(call);
        QDBusMessage unlock = serviceCall(QStringLiteral("Unlock"));
        unlock << QVariant::fromValue(found.argumentAt<1>());
        QDBusConnection bus = QDBusConnection::sessionBus();
        auto *unlocking = new QDBusPendingCallWatcher(bus.asyncCall(unlock, kDbusTimeoutMs), this);
        connect(unlocking, &QDBusPendingCallWatcher::finished, this, [this, call](QDBusPendingCallWatcher *w) {
            w->deleteLater();
            const QDBusPendingReply<Paths, QDBusObjectPath> reply = *w;
            const QString prompt = reply.isError() ? QString() : reply.argumentAt<1>().path();
            if (prompt.isEmpty() || prompt == u"/")
                return runJob(call);
            QDBusConnection bus = QDBusConnection::sessionBus();
            auto *watch = new KeychainPromptWatch(this);
            bus.connect(kSecrets, prompt, kPromptInterface, QStringLiteral("Completed"), watch,
                        SLOT(completed(bool, QDBusVariant)));
            connect(watch, &KeychainPromptWatch::done, this, [this, call, watch, prompt](bool dismissed) {
                QDBusConnection::sessionBus().disconnect(kSecrets, prompt, kPromptInterface,
                                                         QStringLiteral("Completed"), watch,
                                                         SLOT(completed(bool, QDBusVariant)));
                watch->deleteLater();
                if (dismissed)
                    finish(call, QKeychain::AccessDenied, QString());
                else
                    runJob(call);
            });
            const QDBusMessage show = QDBusMessage::createMethodCall(kSecrets, prompt, kPromptInterface,
                                                                     QStringLiteral("Prompt"))
                                      << QString();
            auto *showing = new QDBusPendingCallWatcher(bus.asyncCall(show, kDbusTimeoutMs), this);
            connect(showing, &QDBusPendingCallWatcher::finished, this,
                    [watch = QPointer<KeychainPromptWatch>(watch)](QDBusPendingCallWatcher *w) {
                w->deleteLater();
                if (w->isError() && watch)
                    Q_EMIT watch->done(true);
            });
        });
    });
}

void KeychainSecretStore::finish(const std::shared_ptr<Call> &call, int code, const QString &detail)
{
    if (call->finished)
        return;
    call->finished = true;
    delete call->waitTimer;
    call->waitTimer = nullptr;
    if (call->waited)
        --m_waiting;
    Context context;
    context.waitedForUser = call->waited;
    if (code == QKeychain::OtherError || code == QKeychain::NoBackendAvailable)
        context.serviceOnBus = secretServiceOnBus();
    // With no keyring yet, gnome-keyring asks to create one; dismissing that prompt ends a write
    // in a raw D-Bus error ("Object does not exist at path …"). After a prompt, a default
    // collection that is still missing or locked means the user said no.
    if (code == QKeychain::OtherError && context.serviceOnBus && (call->waited || hasOwner(kSystemPrompter))
        && !defaultCollectionUnlocked())
        code = QKeychain::AccessDenied;
    if (code == QKeychain::AccessDenied || code == QKeychain::AccessDeniedByUser)
        context.prompterOnBus = hasOwner(kSystemPrompter);
    Result r = mapError(code, detail, call->op == Op::Read, context);
    if (r.error == Error::None && call->op == Op::Read)
        r.secret = call->secret;
    call->secret.fill(u'\0');
    call->secret.clear();
    const Callback done = std::move(call->done);
    done(r);
}

#include "keychainsecretstore.moc"
