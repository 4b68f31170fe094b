#pragma once

// A real gnome-keyring on a D-Bus session bus of the test's own, and a stand-in for gcr's
// system prompter on that bus, so a test can lock the keyring and then hold, watch and cancel
// the unlock (or "create keyring") prompt that gnome-keyring raises. gnome-keyring itself stays
// real; only the window it would ask gcr-prompter to show is replaced. Headless: the bus is
// private, DISPLAY and WAYLAND_DISPLAY are removed, so no real prompter can ever appear.

#include <QByteArray>
#include <QDBusConnection>
#include <QDBusConnectionInterface>
#include <QDBusMessage>
#include <QDBusMetaType>
#include <QDBusObjectPath>
#include <QDBusReply>
#include <QDBusServiceWatcher>
#include <QDBusVariant>
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QProcessEnvironment>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QUuid>
#include <QVariantMap>

#include <memory>

// Speaks gcr's prompter protocol (org.gnome.keyring.internal.Prompter, as gcr 3.41 and
// gnome-keyring 42 use it): BeginPrompting → we call the caller's PromptReady("") → the caller
// sends PerformPrompt(type, properties) → the prompt is "on screen" until the test calls
// cancel(), which answers PromptReady("no") → the caller ends with StopPrompting → PromptDone.
class FakeSystemPrompter : public QObject
{
    Q_OBJECT
    Q_CLASSINFO("D-Bus Interface", "org.gnome.keyring.internal.Prompter")
public:
    explicit FakeSystemPrompter(const QDBusConnection &bus)
        : m_bus(bus)
    {
    }
    // Owns org.gnome.keyring.SystemPrompter on the bus, so gnome-keyring talks to us and never
    // D-Bus-activates gcr-prompter.
    bool registerOnBus()
    {
        return m_bus.registerObject(QStringLiteral("/org/gnome/keyring/Prompter"), this,
                                    QDBusConnection::ExportAllSlots)
            && m_bus.registerService(QStringLiteral("org.gnome.keyring.SystemPrompter"));
    }
    ~FakeSystemPrompter() override
    {
        m_bus.unregisterService(QStringLiteral("org.gnome.keyring.SystemPrompter"));
        m_bus.unregisterObject(QStringLiteral("/org/gnome/keyring/Prompter"));
    }

    bool isShowing() const { return m_showing; }
    QVariantMap properties() const { return m_properties; }

    // The user presses Cancel on the prompt that is showing.
    bool cancel()
    {
        if (!m_showing)
            return false;
        m_showing = false;
        ready(QStringLiteral("no"));
        return true;
    }

public Q_SLOTS:
    void BeginPrompting(const QDBusObjectPath &callback, const QDBusMessage &message)
    {
        m_caller = message.service();
        m_callback = callback.path();
        // gcr's prompter returns from BeginPrompting before it calls PromptReady; the caller
        // expects that order.
        message.setDelayedReply(true);
        m_bus.send(message.createReply());
        Q_EMIT begun();
        ready(QString());
    }
    void PerformPrompt(const QDBusObjectPath &callback, const QString &type, const QVariantMap &properties,
                       const QString &exchange, const QDBusMessage &message)
    {
        Q_UNUSED(exchange);
        m_caller = message.service();
        m_callback = callback.path();
        for (auto it = properties.cbegin(); it != properties.cend(); ++it)
            m_properties.insert(it.key(), it.value());
        m_showing = true;
        Q_EMIT shown(type, m_properties);
    }
    void StopPrompting(const QDBusObjectPath &callback, const QDBusMessage &message)
    {
        m_showing = false;
        m_bus.asyncCall(QDBusMessage::createMethodCall(message.service(), callback.path(), callbackInterface(),
                                                       QStringLiteral("PromptDone")));
        Q_EMIT stopped();
    }

Q_SIGNALS:
    void begun();
    void shown(const QString &type, const QVariantMap &properties);
    void stopped();

private:
    static QString callbackInterface() { return QStringLiteral("org.gnome.keyring.internal.Prompter.Callback"); }
    // A well-formed secret-exchange offer (gcr's "sx-aes-1" key file with a public value); no
    // secret ever travels, since this prompter only cancels.
    static QString exchangeOffer()
    {
        return QStringLiteral("[sx-aes-1]\npublic=%1\n").arg(QString::fromLatin1(QByteArray(192, '\x02').toBase64()));
    }
    void ready(const QString &reply)
    {
        QDBusMessage m = QDBusMessage::createMethodCall(m_caller, m_callback, callbackInterface(),
                                                        QStringLiteral("PromptReady"));
        m << reply << QVariantMap() << exchangeOffer();
        m_bus.asyncCall(m);
    }

    QDBusConnection m_bus;
    QString m_caller;
    QString m_callback;
    QVariantMap m_properties;
    bool m_showing = false;
};

class PrivateKeyring
{
public:
    enum class Start {
        Unlocked, // gnome-keyring-daemon --unlock: a login keyring made with the password, unlocked
        Fresh,    // no keyring at all; gnome-keyring is D-Bus-activated by the first client
    };
    static constexpr const char *password = "headroom-private-keyring";

    PrivateKeyring() = default;
    PrivateKeyring(const PrivateKeyring &) = delete;
    PrivateKeyring &operator=(const PrivateKeyring &) = delete;
    ~PrivateKeyring() { stop(); }

    bool start(Start how, QString *error)
    {
        if (!m_dir.isValid())
            return fail(error, QStringLiteral("no temporary directory"));
        for (const char *sub : {"data", "config", "cache", "run"})
            QDir(m_dir.path()).mkpath(QString::fromLatin1(sub));
        QFile::setPermissions(m_dir.filePath(QStringLiteral("run")),
                              QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);

        m_bus = std::make_unique<QProcess>();
        m_bus->setProcessEnvironment(baseEnvironment());
        m_bus->setProcessChannelMode(QProcess::SeparateChannels);
        QSignalSpy printed(m_bus.get(), &QProcess::readyReadStandardOutput);
        m_bus->start(QStringLiteral("dbus-daemon"), {QStringLiteral("--session"), QStringLiteral("--nofork"),
                                                      QStringLiteral("--print-address=1")});
        if (!m_bus->waitForStarted(10000))
            return fail(error, QStringLiteral("dbus-daemon did not start: ") + m_bus->errorString());
        while (!m_bus->canReadLine())
            if (!printed.wait(10000))
                return fail(error, QStringLiteral("dbus-daemon printed no address"));
        m_address = QString::fromUtf8(m_bus->readLine()).trimmed();
        m_connectionName = QStringLiteral("private-keyring-") + QUuid::createUuid().toString(QUuid::WithoutBraces);
        QDBusConnection bus = QDBusConnection::connectToBus(m_address, m_connectionName);
        if (!bus.isConnected())
            return fail(error, QStringLiteral("cannot connect to ") + m_address);
        if (how == Start::Fresh)
            return true;

        QDBusServiceWatcher watcher(QStringLiteral("org.freedesktop.secrets"), bus,
                                    QDBusServiceWatcher::WatchForRegistration);
        QSignalSpy registered(&watcher, &QDBusServiceWatcher::serviceRegistered);
        m_keyring = std::make_unique<QProcess>();
        m_keyring->setProcessEnvironment(environment(baseEnvironment()));
        // --foreground keeps the daemon our child (and the password on its stdin).
        m_keyring->start(QStringLiteral("gnome-keyring-daemon"),
                         {QStringLiteral("--foreground"), QStringLiteral("--unlock"), QStringLiteral("--components=secrets")});
        if (!m_keyring->waitForStarted(10000))
            return fail(error, QStringLiteral("gnome-keyring-daemon did not start: ") + m_keyring->errorString());
        m_keyring->write(password);
        m_keyring->closeWriteChannel();
        if (!bus.interface()->isServiceRegistered(QStringLiteral("org.freedesktop.secrets")).value()
            && !registered.wait(10000))
            return fail(error, QStringLiteral("gnome-keyring did not register org.freedesktop.secrets"));
        return true;
    }

    void stop()
    {
        if (!m_connectionName.isEmpty())
            QDBusConnection::disconnectFromBus(m_connectionName);
        m_connectionName.clear();
        for (auto *p : {m_keyring.get(), m_bus.get()}) {
            if (p && p->state() != QProcess::NotRunning) {
                p->terminate();
                if (!p->waitForFinished(5000)) {
                    p->kill();
                    p->waitForFinished(5000);
                }
            }
        }
        m_keyring.reset();
        m_bus.reset();
    }

    QString address() const { return m_address; }
    QString home() const { return m_dir.path(); }
    QDBusConnection bus() const { return QDBusConnection(m_connectionName); }

    // `base` pointed at this bus, with the libsecret backend pinned and no display.
    QProcessEnvironment environment(QProcessEnvironment base) const
    {
        base.insert(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"), m_address);
        base.insert(QStringLiteral("XDG_CURRENT_DESKTOP"), QStringLiteral("GNOME"));
        for (const char *v : {"KDE_SESSION_VERSION", "KDE_FULL_SESSION", "DISPLAY", "WAYLAND_DISPLAY",
                              "GNOME_KEYRING_CONTROL"})
            base.remove(QString::fromLatin1(v));
        return base;
    }

    // Secret Service calls, from the test's own connection to this bus.
    QDBusMessage callService(const QString &method, const QVariantList &args = {}) const
    {
        QDBusMessage m = QDBusMessage::createMethodCall(QStringLiteral("org.freedesktop.secrets"),
                                                        QStringLiteral("/org/freedesktop/secrets"),
                                                        QStringLiteral("org.freedesktop.Secret.Service"), method);
        m.setArguments(args);
        return bus().call(m, QDBus::Block, 10000);
    }
    bool lockLogin() const
    {
        const QList<QDBusObjectPath> paths{QDBusObjectPath(QStringLiteral("/org/freedesktop/secrets/collection/login"))};
        return callService(QStringLiteral("Lock"), {QVariant::fromValue(paths)}).type() == QDBusMessage::ReplyMessage
            && loginLocked();
    }
    bool loginLocked() const
    {
        QDBusMessage m = QDBusMessage::createMethodCall(
            QStringLiteral("org.freedesktop.secrets"), QStringLiteral("/org/freedesktop/secrets/collection/login"),
            QStringLiteral("org.freedesktop.DBus.Properties"), QStringLiteral("Get"));
        m << QStringLiteral("org.freedesktop.Secret.Collection") << QStringLiteral("Locked");
        const QDBusReply<QDBusVariant> r = bus().call(m, QDBus::Block, 10000);
        return r.isValid() && r.value().variant().toBool();
    }
    // Items whose attributes include `attributes`: {unlocked, locked}.
    std::pair<QList<QDBusObjectPath>, QList<QDBusObjectPath>> search(const QMap<QString, QString> &attributes) const
    {
        qDBusRegisterMetaType<QMap<QString, QString>>();
        const QDBusMessage r = callService(QStringLiteral("SearchItems"), {QVariant::fromValue(attributes)});
        if (r.type() != QDBusMessage::ReplyMessage || r.arguments().size() != 2)
            return {};
        return {qdbus_cast<QList<QDBusObjectPath>>(r.arguments().at(0)),
                qdbus_cast<QList<QDBusObjectPath>>(r.arguments().at(1))};
    }

private:
    QProcessEnvironment baseEnvironment() const
    {
        QProcessEnvironment e = QProcessEnvironment::systemEnvironment();
        e.insert(QStringLiteral("HOME"), m_dir.path());
        e.insert(QStringLiteral("XDG_DATA_HOME"), m_dir.filePath(QStringLiteral("data")));
        e.insert(QStringLiteral("XDG_CONFIG_HOME"), m_dir.filePath(QStringLiteral("config")));
        e.insert(QStringLiteral("XDG_CACHE_HOME"), m_dir.filePath(QStringLiteral("cache")));
        // gnome-keyring finds a running daemon through $XDG_RUNTIME_DIR/keyring: a private one
        // keeps it from joining the daemon of the session that runs the tests.
        e.insert(QStringLiteral("XDG_RUNTIME_DIR"), m_dir.filePath(QStringLiteral("run")));
        e.remove(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"));
        for (const char *v : {"DISPLAY", "WAYLAND_DISPLAY", "GNOME_KEYRING_CONTROL"})
            e.remove(QString::fromLatin1(v));
        return e;
    }
    static bool fail(QString *error, const QString &message)
    {
        if (error)
            *error = message;
        return false;
    }

    QTemporaryDir m_dir;
    std::unique_ptr<QProcess> m_bus;
    std::unique_ptr<QProcess> m_keyring;
    QString m_address;
    QString m_connectionName;
};
