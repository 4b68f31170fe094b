#include "commands.h"

#include "accounts/accountstore.h"
#include "accounts/memorysecretstore.h"
#include "core/orderedjson.h"
#include "engine/accountservice.h"

#include <QCommandLineParser>
#include <QJsonArray>
#include <QTextStream>

namespace {

// Pools hold no token, so the pool commands never open the keychain.
struct Accounts
{
    AccountStore store;
    MemorySecretStore noSecrets;
    AccountService service{&store, &noSecrets};
};

QStringList poolNames(const QStringList &)
{
    AccountStore store;
    QStringList names;
    if (store.load(nullptr))
        for (const Pool &p : store.pools())
            names << p.name;
    return names;
}

QStringList memberNames(const AccountStore &store, const Pool &p)
{
    QStringList names;
    for (const QString &id : p.memberIds)
        if (const Account *a = store.findById(id))
            names << a->name;
    return names;
}

int addPool(const QCommandLineParser &parsed)
{
    const QString path = QStringLiteral("pool add");
    QStringList words = parsed.positionalArguments();
    if (words.size() < 2)
        return Cli::usageError(path, CliText::tr("give a pool NAME and at least one ACCOUNT"));
    Accounts accounts;
    QString error;
    if (!accounts.store.load(&error))
        return failWith(1, error);
    Pool pool;
    pool.name = words.takeFirst();
    for (const QString &name : std::as_const(words)) {
        const Account *a = accounts.store.findByName(name);
        if (!a)
            return failWith(2, CliText::tr("no account named '%1'").arg(name));
        pool.memberIds << a->id;
    }
    const AccountService::Outcome o = accounts.service.addPool(pool);
    if (!o.ok())
        return failWith(o.failure == AccountService::Failure::Invalid ? 2 : 1, o.message);
    const Pool *added = accounts.store.findPool(pool.name);
    QTextStream(stdout) << CliText::tr("added pool '%1' (%2): %3")
                               .arg(pool.name, added->presetId, memberNames(accounts.store, *added).join(QStringLiteral(", ")))
                        << '\n';
    return 0;
}

int removePool(const QCommandLineParser &parsed)
{
    const QStringList words = parsed.positionalArguments();
    if (words.size() != 1)
        return Cli::usageError(QStringLiteral("pool remove"),
                               CliText::tr("give exactly one NAME (got %n)", nullptr, int(words.size())));
    Accounts accounts;
    QString error;
    if (!accounts.store.load(&error))
        return failWith(1, error);
    if (!accounts.store.findPool(words.first()))
        return failWith(2, CliText::tr("no pool named '%1'").arg(words.first()));
    const AccountService::Outcome o = accounts.service.removePool(words.first());
    if (!o.ok())
        return failWith(1, o.message);
    QTextStream(stdout) << CliText::tr("removed pool '%1'; its accounts stay").arg(words.first()) << '\n';
    return 0;
}

int listPools(const QCommandLineParser &parsed)
{
    if (!parsed.positionalArguments().isEmpty())
        return Cli::usageError(QStringLiteral("pool list"), CliText::tr("takes no arguments"));
    AccountStore store;
    QString error;
    if (!store.load(&error))
        return failWith(1, error);
    if (parsed.isSet(QStringLiteral("json"))) {
        QJsonArray arr;
        for (const Pool &p : store.pools())
            arr.append(QJsonObject{{QStringLiteral("pool"), p.name},
                                   {QStringLiteral("provider"), p.presetId},
                                   {QStringLiteral("members"), QJsonArray::fromStringList(memberNames(store, p))}});
        QTextStream(stdout) << OrderedJson::write(arr, OrderedJson::Document::ProbeLine) << '\n';
        return 0;
    }
    if (store.pools().isEmpty()) {
        // Not an error: stdout stays empty for scripts.
        QTextStream(stderr) << CliText::tr("No pools yet. Group accounts of one provider with:\n"
                                           "  headroom pool add NAME ACCOUNT...")
                            << '\n';
        return 0;
    }
    QTextStream out(stdout);
    for (const Pool &p : store.pools())
        out << p.name << '\t' << p.presetId << '\t' << memberNames(store, p).join(u' ') << '\n';
    return 0;
}

} // namespace

QList<CliCommand> Commands::pool()
{
    CliCommand group;
    group.path = QStringLiteral("pool");
    group.summary = CliText::tr("Group accounts a team load-balances into pools");
    group.usage = CliText::tr("add|list|remove ...");
    group.description = CliText::tr("A pool is a named group of accounts of one provider that share the load. Pools "
                                    "live in accounts.json with the accounts; an account is in at most one pool.");
    group.inOverview = false;

    CliCommand add;
    add.path = QStringLiteral("pool add");
    add.summary = CliText::tr("Make a pool of accounts of one provider");
    add.usage = CliText::tr("NAME ACCOUNT...");
    add.description = CliText::tr("Groups the named accounts into the pool NAME. They must be accounts of one "
                                  "provider, each in no other pool.");
    add.arguments = {{CliText::tr("NAME"), CliText::tr("A name of your choice, unique among the pools."), {}},
                     {CliText::tr("ACCOUNT"), CliText::tr("An account, as 'headroom account list' names it."),
                      &Cli::accountNames}};
    add.lastArgumentRepeats = true;
    add.run = &addPool;

    CliCommand list;
    list.path = QStringLiteral("pool list");
    list.summary = CliText::tr("List the pools");
    list.usage = CliText::tr("[--json]");
    list.description = CliText::tr("Lists the pools, one per line: name, provider, members.");
    list.addOption({QStringLiteral("json")}, CliText::tr("Print a JSON array of the pools instead."));
    list.run = &listPools;

    CliCommand remove;
    remove.path = QStringLiteral("pool remove");
    remove.summary = CliText::tr("Remove a pool; its accounts stay");
    remove.usage = CliText::tr("NAME");
    remove.arguments = {{CliText::tr("NAME"), CliText::tr("The pool, as 'headroom pool list' names it."), &poolNames}};
    remove.run = &removePool;

    return {group, add, list, remove};
}
