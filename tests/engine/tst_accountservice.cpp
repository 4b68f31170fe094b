// AccountService: one order for every change (keychain, then file) and one undo, checked
// against a real accounts file and an in-memory keychain whose failures the test chooses.
#include "accounts/accountstore.h"
#include "accounts/memorysecretstore.h"
#include "engine/accountservice.h"

#include <QDir>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

class TestAccountService : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString path() const { return m_dir.filePath(QStringLiteral("accounts.json")); }

    static Account github(const QString &name)
    {
        Account a;
        a.name = name;
        a.presetId = QStringLiteral("github");
        a.auth = AuthScheme::Bearer;
        return a;
    }

    static AccountService::Outcome wait(const std::function<void(AccountService::Done)> &call)
    {
        std::optional<AccountService::Outcome> outcome;
        call([&](const AccountService::Outcome &o) { outcome = o; });
        if (!outcome)
            [&] { QTRY_VERIFY(outcome.has_value()); }();
        return outcome.value_or(AccountService::Outcome{AccountService::Failure::Invalid, QStringLiteral("no answer")});
    }

    static SecretStore::Result read(MemorySecretStore &secrets, const QString &key)
    {
        std::optional<SecretStore::Result> r;
        secrets.read(key, [&](const SecretStore::Result &x) { r = x; });
        [&] { QTRY_VERIFY(r.has_value()); }();
        return r.value_or(SecretStore::Result{});
    }

    // The file can no longer be replaced: a directory stands where it is written.
    void breakFile()
    {
        QVERIFY(QFile::remove(path()));
        QVERIFY(QDir().mkpath(path()));
    }

    QStringList namesOnDisk() const
    {
        AccountStore reloaded(path());
        if (!reloaded.load())
            return {QStringLiteral("<unreadable>")};
        QStringList names;
        for (const Account &a : reloaded.accounts())
            names << a.name;
        return names;
    }

private Q_SLOTS:
    void init()
    {
        QDir(m_dir.path()).removeRecursively();
        QVERIFY(QDir().mkpath(m_dir.path()));
    }

    void addStoresTokenThenFile()
    {
        AccountStore store(path());
        MemorySecretStore secrets;
        AccountService service(&store, &secrets);
        QSignalSpy changed(&service, &AccountService::accountsChanged);
        const auto o = wait([&](auto done) { service.add(github(QStringLiteral("work")), QStringLiteral("t0ken"), done); });
        QVERIFY2(o.ok(), qPrintable(o.message));
        QCOMPARE(changed.count(), 1);
        QCOMPARE(namesOnDisk(), QStringList{QStringLiteral("work")});
        const QString id = store.findByName(QStringLiteral("work"))->id;
        QCOMPARE(read(secrets, id).secret, QStringLiteral("t0ken"));
    }

    void invalidAccountTouchesNothing()
    {
        AccountStore store(path());
        MemorySecretStore secrets;
        AccountService service(&store, &secrets);
        QVERIFY(wait([&](auto done) { service.add(github(QStringLiteral("work")), QStringLiteral("a"), done); }).ok());
        QSignalSpy changed(&service, &AccountService::accountsChanged);
        const auto o = wait([&](auto done) { service.add(github(QStringLiteral("work")), QStringLiteral("b"), done); });
        QCOMPARE(o.failure, AccountService::Failure::Invalid);
        QVERIFY(o.message.contains(QStringLiteral("already exists")));
        QCOMPARE(changed.count(), 0);
        QCOMPARE(store.accounts().size(), 1);
        QCOMPARE(read(secrets, store.accounts().first().id).secret, QStringLiteral("a"));
    }

    void lockedKeychainAddsNothing()
    {
        AccountStore store(path());
        MemorySecretStore secrets;
        secrets.setFailure(SecretStore::Error::Locked, QStringLiteral("the keyring is locked"));
        AccountService service(&store, &secrets);
        const auto o = wait([&](auto done) { service.add(github(QStringLiteral("work")), QStringLiteral("t"), done); });
        QCOMPARE(o.failure, AccountService::Failure::Secret);
        QCOMPARE(o.message, QStringLiteral("the keyring is locked"));
        QVERIFY(store.accounts().isEmpty());
        QVERIFY(!QFile::exists(path()));
    }

    void unwritableFileTakesTheTokenBack()
    {
        AccountStore store(path());
        MemorySecretStore secrets;
        AccountService service(&store, &secrets);
        QVERIFY(wait([&](auto done) { service.add(github(QStringLiteral("first")), QStringLiteral("one"), done); }).ok());
        breakFile();
        Account second = github(QStringLiteral("second"));
        second.id = QStringLiteral("11111111-2222-4333-8444-555555555555");
        const auto o = wait([&](auto done) { service.add(second, QStringLiteral("two"), done); });
        QCOMPARE(o.failure, AccountService::Failure::File);
        QCOMPARE(store.accounts().size(), 1);
        QCOMPARE(read(secrets, second.id).error, SecretStore::Error::NotFound);
    }

    void editWithNewTokenRestoresTheOldOneOnFailure()
    {
        AccountStore store(path());
        MemorySecretStore secrets;
        AccountService service(&store, &secrets);
        QVERIFY(wait([&](auto done) { service.add(github(QStringLiteral("work")), QStringLiteral("old"), done); }).ok());
        Account edited = store.accounts().first();
        edited.name = QStringLiteral("renamed");

        QSignalSpy secretChanged(&service, &AccountService::secretChanged);
        breakFile();
        const auto failed = wait([&](auto done) { service.update(edited, QStringLiteral("new"), done); });
        QCOMPARE(failed.failure, AccountService::Failure::File);
        QCOMPARE(store.accounts().first().name, QStringLiteral("work"));
        QCOMPARE(read(secrets, edited.id).secret, QStringLiteral("old"));
        QCOMPARE(secretChanged.count(), 1); // whoever cached the token reads it again

        QVERIFY(QDir(path()).removeRecursively());
        const auto ok = wait([&](auto done) { service.update(edited, QStringLiteral("new"), done); });
        QVERIFY2(ok.ok(), qPrintable(ok.message));
        QCOMPARE(namesOnDisk(), QStringList{QStringLiteral("renamed")});
        QCOMPARE(read(secrets, edited.id).secret, QStringLiteral("new"));
    }

    void editWithoutTokenKeepsIt()
    {
        AccountStore store(path());
        MemorySecretStore secrets;
        AccountService service(&store, &secrets);
        QVERIFY(wait([&](auto done) { service.add(github(QStringLiteral("work")), QStringLiteral("keep"), done); }).ok());
        Account edited = store.accounts().first();
        edited.intervalS = 120;
        QVERIFY(wait([&](auto done) { service.update(edited, std::nullopt, done); }).ok());
        QCOMPARE(read(secrets, edited.id).secret, QStringLiteral("keep"));
    }

    void switchingToNoAuthDeletesTheToken()
    {
        AccountStore store(path());
        MemorySecretStore secrets;
        AccountService service(&store, &secrets);
        QVERIFY(wait([&](auto done) { service.add(github(QStringLiteral("work")), QStringLiteral("gone"), done); }).ok());
        Account edited = store.accounts().first();
        edited.auth = AuthScheme::None;
        QVERIFY(wait([&](auto done) { service.update(edited, std::nullopt, done); }).ok());
        QCOMPARE(read(secrets, edited.id).error, SecretStore::Error::NotFound);
    }

    void removeIsAllOrNothing()
    {
        AccountStore store(path());
        MemorySecretStore secrets;
        AccountService service(&store, &secrets);
        QVERIFY(wait([&](auto done) { service.add(github(QStringLiteral("a")), QStringLiteral("ta"), done); }).ok());
        QVERIFY(wait([&](auto done) { service.add(github(QStringLiteral("b")), QStringLiteral("tb"), done); }).ok());
        const QString a = store.findByName(QStringLiteral("a"))->id;

        // The file refuses: the token comes back and the account stays, in its place.
        breakFile();
        const auto fileFailed = wait([&](auto done) { service.remove(a, done); });
        QCOMPARE(fileFailed.failure, AccountService::Failure::File);
        QCOMPARE(store.accounts().first().id, a);
        QCOMPARE(read(secrets, a).secret, QStringLiteral("ta"));
        QVERIFY(QDir(path()).removeRecursively());
        QVERIFY(store.save());

        // The keychain refuses: nothing is removed.
        secrets.setFailure(SecretStore::Error::Locked, QStringLiteral("locked"));
        const auto keychainFailed = wait([&](auto done) { service.remove(a, done); });
        QCOMPARE(keychainFailed.failure, AccountService::Failure::Secret);
        QCOMPARE(namesOnDisk(), (QStringList{QStringLiteral("a"), QStringLiteral("b")}));
        secrets.setFailure(SecretStore::Error::None);

        QSignalSpy changed(&service, &AccountService::accountsChanged);
        QVERIFY(wait([&](auto done) { service.remove(a, done); }).ok());
        QCOMPARE(changed.count(), 1);
        QCOMPARE(namesOnDisk(), QStringList{QStringLiteral("b")});
        QCOMPARE(read(secrets, a).error, SecretStore::Error::NotFound);
    }

    void noAuthNeverTouchesTheKeychain()
    {
        AccountStore store(path());
        MemorySecretStore secrets;
        secrets.setFailure(SecretStore::Error::NoBackend, QStringLiteral("no keychain"));
        AccountService service(&store, &secrets);
        Account open = github(QStringLiteral("public"));
        open.auth = AuthScheme::None;
        QVERIFY(wait([&](auto done) { service.add(open, {}, done); }).ok());
        QVERIFY(wait([&](auto done) { service.remove(store.accounts().first().id, done); }).ok());
        QVERIFY(namesOnDisk().isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestAccountService)
#include "tst_accountservice.moc"
