// TeamAccountSync against a real PostgreSQL cluster (tests/common/pgcluster.h): two machines,
// each its own accounts.json in a temporary directory, share one database. Every rule of the
// merge: a new account joins the team, the team's accounts join a machine, a removal on either
// side is not undone by the other, the side edited since the previous pass wins (the team at
// the first), a name already taken here is left out, and a database that cannot be reached
// leaves the file as it was.
#include "pgcluster.h"

#include "accounts/accountstore.h"
#include "engine/teamaccountsync.h"
#include "history/pgteamaccounts.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

namespace {

Account makeAccount(const QString &name, const QString &path = QStringLiteral("/api"))
{
    Account a;
    a.name = name;
    a.presetId = QStringLiteral("generic");
    a.baseUrl = QStringLiteral("http://127.0.0.1:9") + path;
    a.auth = AuthScheme::None;
    return a;
}

QStringList names(const AccountStore &store)
{
    QStringList out;
    for (const Account &a : store.accounts())
        out << a.name;
    out.sort();
    return out;
}

// One machine: its file and its sync.
struct Machine
{
    Machine(const QString &dir, const QString &url, const QString &writer)
        : store(dir + QStringLiteral("/accounts.json"))
    {
        ok = team.open(url, &error);
        sync = std::make_unique<TeamAccountSync>(&store, &team, writer);
    }
    // The file as another process would read it.
    QStringList onDisk() const
    {
        AccountStore again(store.path());
        again.load();
        return names(again);
    }

    AccountStore store;
    PgTeamAccounts team;
    std::unique_ptr<TeamAccountSync> sync;
    bool ok = false;
    QString error;
};

} // namespace

class TestTeamAccountSync : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QVERIFY2(m_pg.start(), qPrintable(m_pg.error())); }
    void init()
    {
        const QString db = QStringLiteral("team%1").arg(++m_serial);
        QVERIFY2(m_pg.createDatabase(db), qPrintable(m_pg.error()));
        m_url = m_pg.url(db);
    }

    void newAccountsJoinTheTeam();
    void removalsHoldOnBothSides();
    void editedSideWins();
    void nameTakenHereIsLeftOut();
    void unreachableDatabaseChangesNothing();
    void noTokenInTheDatabase();

private:
    PgCluster m_pg;
    QString m_url;
    int m_serial = 0;
    QTemporaryDir m_dir;
    int m_machines = 0;

    std::unique_ptr<Machine> machine()
    {
        const QString dir = m_dir.filePath(QString::number(++m_machines));
        auto m = std::make_unique<Machine>(dir, m_url, QStringLiteral("host%1:1").arg(m_machines));
        return m;
    }
};

void TestTeamAccountSync::newAccountsJoinTheTeam()
{
    auto a = machine();
    auto b = machine();
    QVERIFY2(a->ok && b->ok, qPrintable(a->error + b->error));
    Account ci = makeAccount(QStringLiteral("ci-bot"));
    QVERIFY(a->store.add(ci));
    QVERIFY(a->store.save());

    const TeamAccountSync::Outcome first = a->sync->sync();
    QVERIFY2(first.ok, qPrintable(first.error));
    QCOMPARE(first.published, QStringList{QStringLiteral("ci-bot")});
    QVERIFY(!first.fileChanged);

    const TeamAccountSync::Outcome onB = b->sync->sync();
    QVERIFY2(onB.ok, qPrintable(onB.error));
    QCOMPARE(onB.adopted, QStringList{QStringLiteral("ci-bot")});
    QVERIFY(onB.fileChanged);
    QCOMPARE(b->onDisk(), QStringList{QStringLiteral("ci-bot")});
    // The same account, not a copy: one id across machines, so one lease and one history.
    QCOMPARE(b->store.findByName(QStringLiteral("ci-bot"))->id, ci.id);

    // Nothing new: a pass changes and publishes nothing.
    const TeamAccountSync::Outcome again = b->sync->sync();
    QVERIFY(again.ok && !again.fileChanged && again.published.isEmpty() && again.adopted.isEmpty());

    const std::optional<QList<PgTeamAccounts::Entry>> rows = a->team.list();
    QVERIFY(rows && rows->size() == 1);
    QCOMPARE(rows->first().updatedBy, QStringLiteral("host1:1"));
}

void TestTeamAccountSync::removalsHoldOnBothSides()
{
    auto a = machine();
    auto b = machine();
    Account one = makeAccount(QStringLiteral("one"));
    Account two = makeAccount(QStringLiteral("two"));
    QVERIFY(a->store.add(one) && a->store.add(two) && a->store.save());
    QVERIFY(a->sync->sync().ok);
    QVERIFY(b->sync->sync().ok);
    QCOMPARE(names(b->store), (QStringList{QStringLiteral("one"), QStringLiteral("two")}));

    // Removed on B: the next pass tells the team, and A follows.
    QVERIFY(b->store.removeById(one.id) && b->store.save());
    const TeamAccountSync::Outcome told = b->sync->sync();
    QVERIFY2(told.ok, qPrintable(told.error));
    QCOMPARE(told.removedForTeam, QStringList{QStringLiteral("one")});
    const TeamAccountSync::Outcome followed = a->sync->sync();
    QCOMPARE(followed.removedByTeam, QStringList{QStringLiteral("one")});
    QCOMPARE(a->onDisk(), QStringList{QStringLiteral("two")});

    // A third machine whose old file still lists it does not bring it back.
    auto c = machine();
    Account stale = one;
    QVERIFY(c->store.add(stale) && c->store.save());
    const TeamAccountSync::Outcome cFirst = c->sync->sync();
    QCOMPARE(cFirst.removedByTeam, QStringList{QStringLiteral("one")});
    QCOMPARE(c->onDisk(), QStringList{QStringLiteral("two")});
    const std::optional<QList<PgTeamAccounts::Entry>> rows = c->team.list();
    QVERIFY(rows);
    for (const PgTeamAccounts::Entry &e : *rows)
        QCOMPARE(e.removed, e.id == one.id);
}

void TestTeamAccountSync::editedSideWins()
{
    auto a = machine();
    auto b = machine();
    Account acc = makeAccount(QStringLiteral("svc"), QStringLiteral("/v1"));
    QVERIFY(a->store.add(acc) && a->store.save());
    QVERIFY(a->sync->sync().ok);
    QVERIFY(b->sync->sync().ok);

    // Edited on A after its first pass: A's edit goes to the team, and B takes it.
    Account edited = *a->store.findById(acc.id);
    edited.baseUrl = QStringLiteral("http://127.0.0.1:9/v2");
    QVERIFY(a->store.update(edited) && a->store.save());
    QCOMPARE(a->sync->sync().published, QStringList{QStringLiteral("svc")});
    QCOMPARE(b->sync->sync().adopted, QStringList{QStringLiteral("svc")});
    QCOMPARE(b->store.findById(acc.id)->baseUrl, QStringLiteral("http://127.0.0.1:9/v2"));

    // A machine starting with an old copy of the file: the team's definition wins at its first
    // pass, so days-old settings never overwrite a teammate's edit.
    auto c = machine();
    QVERIFY(c->store.add(acc) && c->store.save()); // still /v1
    const TeamAccountSync::Outcome cFirst = c->sync->sync();
    QCOMPARE(cFirst.adopted, QStringList{QStringLiteral("svc")});
    QVERIFY(cFirst.published.isEmpty());
    QCOMPARE(c->store.findById(acc.id)->baseUrl, QStringLiteral("http://127.0.0.1:9/v2"));
}

void TestTeamAccountSync::nameTakenHereIsLeftOut()
{
    auto a = machine();
    auto b = machine();
    Account theirs = makeAccount(QStringLiteral("prod"));
    QVERIFY(a->store.add(theirs) && a->store.save());
    QVERIFY(a->sync->sync().ok);
    // B has its own, different account of that name, which it has not told the team yet: the
    // team's is left out with a reason; B's own joins the team under its own id.
    Account mine = makeAccount(QStringLiteral("prod"), QStringLiteral("/mine"));
    QVERIFY(b->store.add(mine) && b->store.save());
    const TeamAccountSync::Outcome o = b->sync->sync();
    QVERIFY2(o.ok, qPrintable(o.error));
    QCOMPARE(o.skipped.size(), 1);
    QVERIFY2(o.skipped.first().contains(QStringLiteral("prod")), qPrintable(o.skipped.first()));
    QCOMPARE(b->onDisk(), QStringList{QStringLiteral("prod")});
    QCOMPARE(b->store.accounts().first().baseUrl, QStringLiteral("http://127.0.0.1:9/mine"));
}

void TestTeamAccountSync::unreachableDatabaseChangesNothing()
{
    auto a = machine();
    Account acc = makeAccount(QStringLiteral("kept"));
    QVERIFY(a->store.add(acc) && a->store.save());
    QFile file(a->store.path());
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray before = file.readAll();
    file.close();
    // A port nothing listens on.
    PgTeamAccounts nowhere;
    QString why;
    QVERIFY(!nowhere.open(QStringLiteral("postgresql://headroom@127.0.0.1:1/x?connect_timeout=2"), &why));
    QVERIFY2(!why.isEmpty(), "no reason given");
    TeamAccountSync sync(&a->store, &nowhere, QStringLiteral("h:1"));
    const TeamAccountSync::Outcome o = sync.sync();
    QVERIFY(!o.ok);
    QVERIFY2(!o.error.isEmpty(), "no reason given");
    QVERIFY(!o.fileChanged);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll(), before);
}

void TestTeamAccountSync::noTokenInTheDatabase()
{
    // The definitions are accounts.json's, which never holds a token; a user name for Basic
    // auth is a setting and travels, the password does not exist here to travel.
    auto a = machine();
    Account acc = makeAccount(QStringLiteral("bb"));
    acc.auth = AuthScheme::Basic;
    acc.username = QStringLiteral("ci-user");
    QVERIFY(a->store.add(acc) && a->store.save());
    QVERIFY(a->sync->sync().ok);
    const std::optional<QString> dump = m_pg.psql(QStringLiteral("SELECT definition FROM team_accounts"),
                                                  m_url.section(u'/', -1));
    QVERIFY(dump);
    QVERIFY(dump->contains(QStringLiteral("ci-user")));
    for (const char *field : {"token", "password", "secret"})
        QVERIFY2(!dump->contains(QLatin1String(field)), field);
}

QTEST_GUILESS_MAIN(TestTeamAccountSync)
#include "tst_teamaccountsync.moc"
