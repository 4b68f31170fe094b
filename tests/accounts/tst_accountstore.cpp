#include "accounts/accountstore.h"
#include "accounts/keychainsecretstore.h"
#include "accounts/memorysecretstore.h"

#include <QtTest>
#include <qt6keychain/keychain.h>
#include <sys/stat.h>

class TestAccountStore : public QObject
{
    Q_OBJECT

    static Account sample()
    {
        Account a;
        a.name = QStringLiteral("work github");
        a.presetId = QStringLiteral("github");
        a.baseUrl = QStringLiteral("https://ghe.example.com/api/v3");
        a.probePath = QStringLiteral("/user");
        a.params.insert(QStringLiteral("k"), QStringLiteral("v"));
        a.auth = AuthScheme::Basic;
        a.username = QStringLiteral("me");
        a.intervalS = 120;
        a.alertOverrides.insert(QStringLiteral("warn_pct"), 15);
        return a;
    }
    static int mode(const QString &path)
    {
        struct stat st{};
        return ::stat(QFile::encodeName(path).constData(), &st) == 0 ? int(st.st_mode & 0777) : -1;
    }

private slots:
    void jsonRoundTrip()
    {
        Account a = sample();
        a.id = QStringLiteral("0e4a3f8c-1111-2222-3333-444455556666");
        QString err;
        const auto b = Account::fromJson(a.toJson(), &err);
        QVERIFY2(b, qPrintable(err));
        QCOMPARE(b->toJson(), a.toJson());
        QCOMPARE(b->intervalS, std::optional<int>(120));
        QCOMPARE(b->auth, AuthScheme::Basic);
        QVERIFY(!a.toJson().contains(QStringLiteral("token")));
    }

    void fromJsonRejects_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::newRow("no id") << QByteArray(R"({"name":"a","provider":"github"})");
        QTest::newRow("no name") << QByteArray(R"({"id":"x","provider":"github"})");
        QTest::newRow("bad auth") << QByteArray(R"({"id":"x","name":"a","provider":"github","auth":"magic"})");
        QTest::newRow("bad interval") << QByteArray(R"({"id":"x","name":"a","provider":"github","interval_s":0})");
    }
    void fromJsonRejects()
    {
        QFETCH(QByteArray, json);
        QString err;
        QVERIFY(!Account::fromJson(QJsonDocument::fromJson(json).object(), &err));
        QVERIFY(!err.isEmpty());
    }

    void saveIsPrivateAndVersioned()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("cfg/headroom/accounts.json"));
        const mode_t old = umask(022);
        AccountStore store(path);
        QVERIFY(store.load());
        Account a = sample();
        QString err;
        QVERIFY2(store.add(a, &err), qPrintable(err));
        QVERIFY(!a.id.isEmpty());
        QVERIFY(store.save(&err));
        umask(old);
        QCOMPARE(mode(path), 0600);
        QCOMPARE(mode(QFileInfo(path).absolutePath()), 0700);
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QJsonObject root = QJsonDocument::fromJson(f.readAll()).object();
        QCOMPARE(root.value(QStringLiteral("version")).toInt(), AccountStore::kVersion);
        QCOMPARE(root.value(QStringLiteral("accounts")).toArray().size(), 1);
        AccountStore again(path);
        QVERIFY(again.load());
        QCOMPARE(again.accounts().size(), 1);
        QCOMPARE(again.findByName(a.name)->id, a.id);
        QVERIFY(again.removeById(a.id));
        QVERIFY(again.save());
        QVERIFY(again.load());
        QVERIFY(again.accounts().isEmpty());
    }

    void defaultPathHonoursXdg()
    {
        QTemporaryDir dir;
        const QByteArray old = qgetenv("XDG_CONFIG_HOME");
        qputenv("XDG_CONFIG_HOME", dir.path().toUtf8());
        QCOMPARE(AccountStore::defaultPath(), dir.path() + QStringLiteral("/headroom/accounts.json"));
        qputenv("XDG_CONFIG_HOME", old);
    }

    void malformedFileIsNeverOverwritten_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::newRow("not json") << QByteArray("{ this is not json");
        QTest::newRow("wrong version") << QByteArray(R"({"version":99,"accounts":[]})");
        QTest::newRow("accounts not a list") << QByteArray(R"({"version":1,"accounts":{}})");
        QTest::newRow("bad entry") << QByteArray(R"({"version":1,"accounts":[{"name":"x"}]})");
        QTest::newRow("empty file") << QByteArray();
    }
    void malformedFileIsNeverOverwritten()
    {
        QFETCH(QByteArray, content);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("accounts.json"));
        {
            QFile f(path);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(content);
        }
        AccountStore store(path);
        QString err;
        QVERIFY(!store.load(&err));
        QVERIFY(err.contains(path));
        Account a = sample();
        QVERIFY(store.add(a));
        QVERIFY(!store.save(&err));
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll(), content);
    }

    void addValidates_data()
    {
        QTest::addColumn<QString>("preset");
        QTest::addColumn<QString>("base");
        QTest::addColumn<QString>("path");
        QTest::addColumn<bool>("ok");
        QTest::newRow("github default base") << "github" << "" << "" << true;
        QTest::newRow("ghes prefix") << "github" << "https://ghe.example.com/api/v3" << "" << true;
        QTest::newRow("loopback http") << "github" << "http://127.0.0.1:8080" << "" << true;
        QTest::newRow("remote http") << "github" << "http://api.example.invalid" << "" << false;
        QTest::newRow("credentials in URL") << "github" << "https://u:p@api.github.com" << "" << false;
        QTest::newRow("unknown provider") << "nope" << "https://x.example" << "" << false;
        QTest::newRow("no probe without a path") << "slack" << "" << "" << false;
        QTest::newRow("slack with a path") << "slack" << "" << "/api/auth.test" << true;
        QTest::newRow("generic with path") << "generic" << "https://x.example" << "/v1/me" << true;
        QTest::newRow("relative probe path") << "generic" << "https://x.example" << "v1/me" << false;
    }
    void addValidates()
    {
        QFETCH(QString, preset);
        QFETCH(QString, base);
        QFETCH(QString, path);
        QFETCH(bool, ok);
        QTemporaryDir dir;
        AccountStore store(dir.filePath(QStringLiteral("a.json")));
        Account a;
        a.name = QStringLiteral("n");
        a.presetId = preset;
        a.baseUrl = base;
        a.probePath = path;
        QString err;
        QCOMPARE(store.add(a, &err), ok);
        QCOMPARE(err.isEmpty(), ok);
    }

    void namesAreUnique()
    {
        QTemporaryDir dir;
        AccountStore store(dir.filePath(QStringLiteral("a.json")));
        Account a = sample();
        Account b = sample();
        QVERIFY(store.add(a));
        QString err;
        QVERIFY(!store.add(b, &err));
        QVERIFY(err.contains(a.name));
        QCOMPARE(store.accounts().size(), 1);
    }

    // Three accounts, then one update; the rows say what changes and whether it is taken.
    void update_data()
    {
        QTest::addColumn<int>("target");       // index of the account updated; -1: an unknown id
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("base");
        QTest::addColumn<bool>("ok");
        QTest::newRow("rename") << 1 << "renamed" << "https://ghe.example.com/api/v3" << true;
        QTest::newRow("same name, new base URL") << 1 << "b" << "https://ghe2.example.com/api/v3/" << true;
        QTest::newRow("name of another account") << 1 << "c" << "https://ghe.example.com/api/v3" << false;
        QTest::newRow("unknown id") << -1 << "renamed" << "https://ghe.example.com/api/v3" << false;
        QTest::newRow("remote http base URL") << 1 << "b" << "http://api.example.invalid" << false;
        QTest::newRow("credentials in base URL") << 1 << "b" << "https://u:p@api.github.com" << false;
        QTest::newRow("empty name") << 1 << "" << "https://ghe.example.com/api/v3" << false;
    }
    void update()
    {
        QFETCH(int, target);
        QFETCH(QString, name);
        QFETCH(QString, base);
        QFETCH(bool, ok);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("a.json"));
        AccountStore store(path);
        QString err;
        for (const char *n : {"a", "b", "c"}) {
            Account a = sample();
            a.name = QString::fromLatin1(n);
            QVERIFY2(store.add(a, &err), qPrintable(err));
        }
        QVERIFY(store.save(&err));
        const QList<Account> before = store.accounts();

        Account changed = target >= 0 ? before.at(target) : sample();
        if (target < 0)
            changed.id = QStringLiteral("no-such-id");
        changed.name = name;
        changed.baseUrl = base;
        QCOMPARE(store.update(changed, &err), ok);
        QCOMPARE(err.isEmpty(), ok);
        QCOMPARE(store.accounts().size(), before.size());

        // Order kept; only the target changed, and only when taken.
        for (qsizetype i = 0; i < before.size(); ++i) {
            const Account &now = store.accounts().at(i);
            QCOMPARE(now.id, before.at(i).id);
            if (ok && i == target) {
                QCOMPARE(now.name, name);
                QVERIFY(!now.baseUrl.endsWith(u'/')); // normalised as add() does
                QCOMPARE(now.username, before.at(i).username);
            } else {
                QCOMPARE(now.toJson(), before.at(i).toJson());
            }
        }

        // What is saved is what a reload gives.
        QVERIFY(store.save(&err));
        AccountStore reloaded(path);
        QVERIFY2(reloaded.load(&err), qPrintable(err));
        QCOMPARE(reloaded.accounts().size(), store.accounts().size());
        for (qsizetype i = 0; i < store.accounts().size(); ++i)
            QCOMPARE(reloaded.accounts().at(i).toJson(), store.accounts().at(i).toJson());
    }

    void memorySecretStore()
    {
        MemorySecretStore s;
        auto wait = [](auto call) {
            SecretStore::Result out;
            out.error = SecretStore::Error::Other;
            QEventLoop loop;
            QTimer::singleShot(5000, &loop, &QEventLoop::quit);
            call([&](const SecretStore::Result &r) {
                out = r;
                loop.quit();
            });
            loop.exec();
            return out;
        };
        QCOMPARE(wait([&](auto cb) { s.read(QStringLiteral("k"), cb); }).error, SecretStore::Error::NotFound);
        QCOMPARE(wait([&](auto cb) { s.write(QStringLiteral("k"), QStringLiteral("v"), cb); }).error, SecretStore::Error::None);
        QCOMPARE(wait([&](auto cb) { s.read(QStringLiteral("k"), cb); }).secret, QStringLiteral("v"));
        QCOMPARE(wait([&](auto cb) { s.remove(QStringLiteral("k"), cb); }).error, SecretStore::Error::None);
        QCOMPARE(wait([&](auto cb) { s.read(QStringLiteral("k"), cb); }).error, SecretStore::Error::NotFound);
        s.setFailure(SecretStore::Error::NoBackend, QStringLiteral("no keyring"));
        QCOMPARE(wait([&](auto cb) { s.write(QStringLiteral("k"), QStringLiteral("v"), cb); }).error, SecretStore::Error::NoBackend);
    }

    void keychainErrorMapping_data()
    {
        QTest::addColumn<int>("code");
        QTest::addColumn<int>("error");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("0") << int(QKeychain::NoError) << int(SecretStore::Error::None) << "";
        QTest::newRow("1 not found") << int(QKeychain::EntryNotFound) << int(SecretStore::Error::NotFound) << "";
        QTest::newRow("4 locked") << int(QKeychain::AccessDenied) << int(SecretStore::Error::Locked) << "locked";
        QTest::newRow("5 no backend") << int(QKeychain::NoBackendAvailable) << int(SecretStore::Error::NoBackend)
                                      << "gnome-keyring";
        QTest::newRow("7 other (no bus)") << int(QKeychain::OtherError) << int(SecretStore::Error::NoBackend)
                                          << "D-Bus";
    }
    void keychainErrorMapping()
    {
        QFETCH(int, code);
        QFETCH(int, error);
        QFETCH(QString, mentions);
        const auto r = KeychainSecretStore::mapError(code, QStringLiteral("detail"), true);
        QCOMPARE(int(r.error), error);
        QVERIFY(r.message.contains(mentions));
    }
};

QTEST_GUILESS_MAIN(TestAccountStore)
#include "tst_accountstore.moc"
