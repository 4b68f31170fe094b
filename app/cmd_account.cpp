#include "commands.h"
#include "settingstable.h"

#include "accounts/accountstore.h"
#include "accounts/credentialsecretstore.h"
#include "accounts/keychainsecretstore.h"
#include "accounts/memorysecretstore.h"
#include "core/orderedjson.h"
#include "engine/accountservice.h"
#include "engine/poolhistory.h"
#include "engine/poolreading.h"
#include "engine/teamaccountsync.h"
#include "engine/leasekeeper.h"
#include "history/pgleases.h"
#include "history/pgteamaccounts.h"
#include "history/historystore.h"
#include "keychainnotice.h"
#include "probe/requestfactory.h"
#include "quota/preset.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QEventLoop>
#include <QFile>
#include <QJsonArray>
#include <QTextStream>

#include <cstdio>
#include <memory>
#include <unistd.h>

namespace {


// The keychain answers asynchronously; the command waits for the change on a local loop.
AccountService::Outcome waitFor(const std::function<void(AccountService::Done)> &call)
{
    QEventLoop loop;
    AccountService::Outcome outcome;
    bool done = false;
    call([&](const AccountService::Outcome &o) {
        outcome = o;
        done = true;
        loop.quit();
    });
    if (!done)
        loop.exec();
    return outcome;
}

QStringList authSchemeIds()
{
    QStringList ids;
    for (int s = 0; s <= int(AuthScheme::None); ++s)
        ids << authSchemeId(AuthScheme(s));
    return ids;
}

// One line per provider for `account add --help`: what the probe requests, whether it costs
// quota, and what the account needs besides a token.
QList<std::pair<QString, QString>> providerRows()
{
    QList<std::pair<QString, QString>> rows;
    for (const Preset &p : Preset::all()) {
        const QString probe = p.probeMethod.isEmpty() ? CliText::tr("no known probe (give --probe-path)")
                                                      : p.probeMethod + u' ' + p.probePath;
        QString text = CliText::tr("%1: %2, %3").arg(p.displayName, probe, p.freeProbe ? CliText::tr("free") : CliText::tr("paid"));
        QStringList needs;
        if (p.defaultBaseUrl.isEmpty())
            needs << QStringLiteral("--base-url");
        for (const QString &param : p.params)
            needs << QStringLiteral("--param %1=…").arg(param);
        if (!needs.isEmpty())
            text += u"; " + CliText::tr("needs %1").arg(needs.join(u' '));
        rows.append({p.id, text});
    }
    return rows;
}

// On a shared history the team's accounts are this machine's too: the file is brought in step
// with the team before a command reads it, and what the command changed is told to the team
// after. Nothing happens on a history of one's own.
class TeamStep
{
public:
    explicit TeamStep(AccountStore *store)
        : m_store(store)
    {
    }

    bool shared() const { return m_location && m_location->isShared(); }

    // False with *error when the history is shared and the team cannot be asked.
    bool begin(QString *error)
    {
        m_location = SettingsTable::historyInEffect(nullptr);
        if (!shared())
            return true;
        if (!m_team.open(m_location->target, error))
            return false;
        m_sync = std::make_unique<TeamAccountSync>(m_store, &m_team, LeaseKeeper::defaultHolder().section(u':', 0, 1));
        return pass(error);
    }
    bool finish(QString *error) { return !m_sync || pass(error); }

    // Which process polls each account now (the lease holder's host:pid), on a shared history.
    QHash<QString, QString> pollers() const
    {
        QHash<QString, QString> out;
        PgLeases leases;
        if (!shared() || !leases.open(m_location->target))
            return out;
        qint64 now = 0;
        const QHash<QString, PgLeases::Lease> rows = leases.holders(&now);
        for (auto it = rows.cbegin(); it != rows.cend(); ++it)
            if (it->expiresAtMs >= now)
                out.insert(it.key(), it->holder.section(u':', 0, 1));
        return out;
    }

private:
    bool pass(QString *error)
    {
        const TeamAccountSync::Outcome o = m_sync->sync();
        for (const QString &line : o.skipped)
            QTextStream(stderr) << line << '\n';
        if (!o.removedByTeam.isEmpty())
            QTextStream(stderr) << CliText::tr("Removed by the team: %1").arg(o.removedByTeam.join(QStringLiteral(", ")))
                                << '\n';
        if (!o.ok && error)
            *error = o.error;
        return o.ok;
    }

    AccountStore *m_store;
    std::optional<HistoryLocation> m_location;
    PgTeamAccounts m_team;
    std::unique_ptr<TeamAccountSync> m_sync;
};

int addAccount(const QCommandLineParser &parsed)
{
    const QString path = QStringLiteral("account add");
    const QStringList names = parsed.positionalArguments();
    // Extra words are not repeated back: a token pasted in the wrong place must not be echoed.
    if (names.size() != 1)
        return Cli::usageError(path, CliText::tr("give exactly one NAME (got %n)", nullptr, int(names.size())));
    Account a;
    a.name = names.first();
    a.presetId = parsed.value(QStringLiteral("provider"));
    if (a.presetId.isEmpty())
        return Cli::usageError(path, CliText::tr("--provider ID is required"));
    a.baseUrl = parsed.value(QStringLiteral("base-url"));
    a.probePath = parsed.value(QStringLiteral("probe-path"));
    for (const QString &v : parsed.values(QStringLiteral("param"))) {
        if (!v.contains(u'='))
            return Cli::usageError(path, CliText::tr("--param needs KEY=VALUE"));
        a.params.insert(v.section(u'=', 0, 0), v.section(u'=', 1));
    }
    for (const QString &v : parsed.values(QStringLiteral("route"))) {
        if (!v.contains(u'='))
            return Cli::usageError(path, CliText::tr("--route needs NAME=PATH"));
        a.routes.append({v.section(u'=', 0, 0), v.section(u'=', 1)});
    }
    if (parsed.isSet(QStringLiteral("interval"))) {
        bool ok = false;
        a.intervalS = parsed.value(QStringLiteral("interval")).toInt(&ok);
        if (!ok || *a.intervalS < 10)
            return Cli::usageError(path, CliText::tr("--interval needs a number of seconds, at least 10"));
    }
    const QString authId = parsed.value(QStringLiteral("auth"));
    a.username = parsed.value(QStringLiteral("user"));
    const bool tokenStdin = parsed.isSet(QStringLiteral("token-stdin"));
    const QString secretStore = parsed.value(QStringLiteral("secret-store"));
    if (!secretStore.isEmpty() && secretStore != QStringLiteral("keychain") && secretStore != QStringLiteral("systemd"))
        return Cli::usageError(path, CliText::tr("--secret-store is keychain or systemd"));
    // On a server the token goes to systemd's credentials, put there by systemd-creds: Headroom
    // neither asks for it nor keeps it.
    const bool systemdCredentials = secretStore == QStringLiteral("systemd");
    if (systemdCredentials && tokenStdin)
        return Cli::usageError(path, CliText::tr("--secret-store systemd takes no token: systemd-creds reads it"));

    const Preset *preset = Preset::find(a.presetId);
    if (!preset)
        return failWith(2, CliText::tr("unknown provider '%1' (one of: %2)").arg(a.presetId, Preset::ids().join(u' ')));
    a.auth = preset->auth;
    if (!authId.isEmpty()) {
        static const QHash<QString, QString> aliases = {{QStringLiteral("shopify"), QStringLiteral("shopify-token")},
                                                       {QStringLiteral("x-shopify-access-token"), QStringLiteral("shopify-token")}};
        auto s = authSchemeFromId(authId);
        if (!s)
            s = authSchemeFromId(aliases.value(authId));
        if (!s)
            return failWith(2, CliText::tr("unknown auth scheme '%1' (one of: %2)").arg(authId, authSchemeIds().join(u' ')));
        a.auth = *s;
    }

    AccountStore store;
    QString error;
    if (!store.load(&error))
        return failWith(1, error);
    // A name is unique among the team's accounts too.
    TeamStep team(&store);
    if (!team.begin(&error))
        QTextStream(stderr) << CliText::tr("The team's accounts cannot be read now; the account is added here and "
                                           "joins them later: %1").arg(error) << '\n';
    // Only an account with a token touches the keychain: `--auth none` works without one.
    KeychainSecretStore keychain;
    MemorySecretStore nowhere; // --secret-store systemd: the token is not Headroom's to keep
    SecretStore &secrets = systemdCredentials ? static_cast<SecretStore &>(nowhere) : keychain;
    if (!systemdCredentials)
        attachKeychainNotice(&keychain);
    AccountService service(&store, &secrets);
    // The account's own mistakes are reported before the token is asked for.
    if (const QString e = service.check(a); !e.isEmpty())
        return failWith(2, e);

    QString token;
    if (a.auth != AuthScheme::None && !systemdCredentials) {
        QByteArray raw;
        if (tokenStdin) {
            raw = Cli::readAllStdin();
        } else if (isatty(STDIN_FILENO)) {
            const auto line = Cli::promptNoEcho(CliText::tr("Token for %1: ").arg(a.name));
            if (!line)
                return failWith(1, CliText::tr("cannot read the token from the terminal"));
            raw = *line;
        } else {
            return failWith(2, CliText::tr("no terminal to prompt for the token: pipe it and pass --token-stdin"));
        }
        const QString e = RequestFactory::cleanToken(QString::fromUtf8(raw), &token);
        raw.fill('\0');
        if (!e.isEmpty())
            return failWith(2, e);
    }

    const AccountService::Outcome added = waitFor([&](AccountService::Done done) { service.add(a, token, done); });
    token.fill(u'\0');
    if (!added.ok())
        return failWith(added.failure == AccountService::Failure::Invalid ? 2 : 1, added.message);
    QTextStream(stdout) << CliText::tr("added account '%1' (%2)").arg(a.name, a.presetId) << '\n';
    // Added here either way; a team that could not be told now is told by the next command or
    // watcher of this machine.
    if (!team.finish(&error))
        QTextStream(stderr) << CliText::tr("The team does not know of it yet: %1").arg(error) << '\n';
    if (systemdCredentials && a.auth != AuthScheme::None)
        if (const Account *stored = store.findByName(a.name))
            QTextStream(stdout) << CredentialSecretStore::setupInstructions(stored->id, a.name) << '\n';
    return 0;
}

// The accounts an account shares one bucket with (names), and that bucket's limit when a
// stored reading gives it.
struct SharedWith
{
    QStringList names;
    std::optional<qint64> limit;
    std::optional<qint64> windowS;
};

// From the accounts' configuration (one Bitbucket user, one Buildkite organization) and from the
// last day of stored readings, replayed as the monitor sees them live. Reading the history
// never creates it.
QHash<QString, SharedWith> sharedBuckets(const QList<Account> &accounts)
{
    BucketTracker tracker;
    setIdentities(&tracker, accounts);
    const std::optional<HistoryLocation> location = SettingsTable::historyInEffect(nullptr);
    std::unique_ptr<HistoryBackend> opened = location ? location->createBackend() : nullptr;
    // A SQLite file is read only when it exists (listing accounts creates no history).
    auto *file = qobject_cast<HistoryStore *>(opened.get());
    const bool haveHistory = opened
        && (file ? file->openForReading(location->target) : opened->open(location->target));
    const HistoryBackend *history = haveHistory ? opened.get() : nullptr;
    if (history) {
        QMap<QString, Pool> byProvider;
        for (const Account &a : accounts) {
            Pool &p = byProvider[a.presetId];
            p.name = p.presetId = a.presetId;
            p.memberIds << a.id;
        }
        const QDateTime from = QDateTime::currentDateTimeUtc().addSecs(-24 * 3600);
        for (const Pool &p : std::as_const(byProvider))
            if (p.memberIds.size() >= 2)
                PoolHistory::replay(*history, p, from, QDateTime(), &tracker);
    }
    QHash<QString, const Account *> byId;
    for (const Account &a : accounts)
        byId.insert(a.id, &a);
    QHash<QString, SharedWith> out;
    const auto join = [&](const QStringList &group, const QString &resource) {
        for (const QString &id : group) {
            const Account *me = byId.value(id);
            if (!me)
                continue;
            SharedWith &s = out[id];
            for (const Account &other : accounts)
                if (other.id != id && group.contains(other.id) && !s.names.contains(other.name))
                    s.names << other.name;
            if (s.limit || !haveHistory || resource.isEmpty())
                continue;
            if (const std::optional<Sample> last = history->lastSample(id, resource); last && last->limit) {
                s.limit = last->limit;
                if (const Preset *p = Preset::find(me->presetId); p && p->defaultWindowS > 0)
                    s.windowS = p->defaultWindowS;
            }
        }
    };
    for (const QString &resource : tracker.resources())
        for (const QStringList &group : tracker.sharedGroups(resource))
            join(group, resource);
    for (const QStringList &group : tracker.identityGroups())
        join(group, QString());
    return out;
}

int listAccounts(const QCommandLineParser &parsed)
{
    if (!parsed.positionalArguments().isEmpty())
        return Cli::usageError(QStringLiteral("account list"), CliText::tr("takes no arguments"));
    const bool json = parsed.isSet(QStringLiteral("json"));
    AccountStore store;
    QString error;
    if (!store.load(&error))
        return failWith(1, error);
    // The team's accounts when they can be had; this machine's file, said so, when not.
    TeamStep team(&store);
    if (!team.begin(&error))
        QTextStream(stderr) << CliText::tr("Listing this machine's accounts only: %1").arg(error) << '\n';
    const QHash<QString, QString> pollers = team.pollers();
    if (json) {
        QJsonArray arr;
        const QHash<QString, SharedWith> shared = sharedBuckets(store.accounts());
        for (const Account &a : store.accounts()) {
            QJsonObject o = a.toJson();
            o.insert(QStringLiteral("shared_with"), QJsonArray::fromStringList(shared.value(a.id).names));
            if (team.shared())
                o.insert(QStringLiteral("polled_by"), pollers.contains(a.id) ? QJsonValue(pollers.value(a.id))
                                                                             : QJsonValue(QJsonValue::Null));
            arr.append(o);
        }
        QTextStream(stdout) << OrderedJson::write(arr, OrderedJson::Document::Account) << '\n';
        return 0;
    }
    if (store.accounts().isEmpty()) {
        // Not an error: a new user's first look. Stdout stays empty for scripts.
        QTextStream(stderr) << CliText::tr("No accounts yet. Add one with:\n"
                                   "  headroom account add NAME --provider ID\n"
                                   "'headroom account add --help' lists the provider ids.")
                            << '\n';
        return 0;
    }
    QTextStream out(stdout);
    const QHash<QString, SharedWith> shared = sharedBuckets(store.accounts());
    for (const Account &a : store.accounts()) {
        out << a.name << '\t' << a.presetId << '\t' << a.baseUrl << a.probePath << '\t' << authSchemeId(a.auth);
        if (a.intervalS)
            out << '\t' << CliText::tr("every %1 s").arg(*a.intervalS);
        for (const ProbeRoute &r : a.routes)
            out << '\t' << CliText::tr("route %1=%2").arg(r.name, r.path);
        if (const auto it = shared.constFind(a.id); it != shared.cend() && !it->names.isEmpty())
            out << '\t' << sharedWithText(it->names, it->limit, it->windowS);
        if (team.shared())
            out << '\t'
                << (pollers.contains(a.id) ? CliText::tr("polled by %1").arg(pollers.value(a.id))
                                           : CliText::tr("polled by nobody now"));
        out << '\n';
    }
    return 0;
}

int removeAccount(const QCommandLineParser &parsed)
{
    const QStringList names = parsed.positionalArguments();
    if (names.size() != 1)
        return Cli::usageError(QStringLiteral("account remove"),
                               CliText::tr("give exactly one NAME (got %n)", nullptr, int(names.size())));
    AccountStore store;
    QString error;
    if (!store.load(&error))
        return failWith(1, error);
    // Removed for the whole team, so the team must be reachable: a removal it never heard of
    // would come back with the next sync.
    TeamStep team(&store);
    if (!team.begin(&error))
        return failWith(1, CliText::tr("%1; nothing was removed").arg(error));
    const Account *a = store.findByName(names.first());
    if (!a)
        return failWith(2, CliText::tr("no account named '%1'").arg(names.first()));
    const Account account = *a;
    // On a server the token is a systemd credential, which Headroom never wrote and does not
    // delete; there is no keyring to ask.
    const bool systemdCredentials = !CredentialSecretStore::directoryToUse().isEmpty();
    KeychainSecretStore keychain;
    MemorySecretStore nowhere;
    SecretStore &secrets = systemdCredentials ? static_cast<SecretStore &>(nowhere) : keychain;
    if (!systemdCredentials)
        attachKeychainNotice(&keychain);
    AccountService service(&store, &secrets);
    const AccountService::Outcome removed =
        waitFor([&](AccountService::Done done) { service.remove(account.id, done); });
    if (!removed.ok())
        return failWith(1, removed.message);
    if (!team.finish(&error))
        return failWith(1, CliText::tr("removed account '%1' here, but the team still lists it: %2. Run the command "
                                       "again when the database can be reached.")
                               .arg(account.name, error));
    QTextStream(stdout) << CliText::tr("removed account '%1'").arg(account.name) << '\n';
    if (systemdCredentials && account.auth != AuthScheme::None)
        QTextStream(stdout) << CliText::tr("Its token is the systemd credential %1, which Headroom leaves as it is.")
                                   .arg(CredentialSecretStore::credentialName(account.id))
                            << '\n';
    return 0;
}

} // namespace

QList<CliCommand> Commands::account()
{
    CliCommand group;
    group.path = QStringLiteral("account");
    group.summary = CliText::tr("Add, list and remove the accounts Headroom watches");
    group.usage = CliText::tr("add|list|remove ...");
    group.description = CliText::tr("The accounts Headroom watches. Their settings live in accounts.json; each token "
                            "lives in the keychain.");
    group.inOverview = false;

    CliCommand add;
    add.path = QStringLiteral("account add");
    add.summary = CliText::tr("Add an account; its token goes to the keychain");
    add.usage = CliText::tr("NAME --provider ID [options]");
    add.description = CliText::tr("Adds an account to watch. The token is read from a prompt that does not echo it, or "
                          "with --token-stdin from standard input, and kept in the keychain: never in a file, "
                          "never on the command line.");
    add.arguments = {{CliText::tr("NAME"), CliText::tr("A name of your choice, unique among the accounts."), {}}};
    add.addOption({QStringLiteral("provider")}, CliText::tr("The provider, one of the ids listed below."), CliText::tr("ID"),
                  &Cli::providerIds);
    add.addOption({QStringLiteral("base-url")},
                  CliText::tr("The API's base URL, when it is not the provider's default (self-hosted, a region)."),
                  CliText::tr("URL"));
    add.addOption({QStringLiteral("probe-path")}, CliText::tr("Probe this path instead of the provider's probe."), CliText::tr("PATH"));
    add.addOption({QStringLiteral("param")}, CliText::tr("A value the probe path needs, such as workspace=acme; repeatable."),
                  CliText::tr("KEY=VALUE"));
    add.addOption({QStringLiteral("route")},
                  CliText::tr("Also probe PATH on its own, read as the resource NAME, for a route with a tighter "
                              "limit than the API's (such as search=/search?q=x); repeatable. Each route is "
                              "scheduled and budgeted on its own limit, with the account's token."),
                  CliText::tr("NAME=PATH"));
    add.addOption({QStringLiteral("interval")},
                  CliText::tr("Probe every SECONDS (at least 10) instead of adaptively; backoff and Retry-After still "
                      "apply."),
                  CliText::tr("SECONDS"));
    add.addOption({QStringLiteral("auth")},
                  CliText::tr("How the token is sent, when not the provider's default: %1.").arg(authSchemeIds().join(QStringLiteral(", "))),
                  CliText::tr("SCHEME"), Cli::choices(authSchemeIds()));
    add.addOption({QStringLiteral("user")}, CliText::tr("The user name, for --auth basic."), CliText::tr("USER"));
    add.addOption({QStringLiteral("token-stdin")}, CliText::tr("Read the token from standard input instead of a prompt."));
    add.addOption({QStringLiteral("secret-store")},
                  CliText::tr("Where the token lives: keychain (the default) or systemd, for a server: the token "
                              "is not asked for, and the systemd-creds command that stores it is printed."),
                  CliText::tr("STORE"));
    add.sections = {{CliText::tr("Providers (--provider ID: name, what the probe requests, its cost):"), providerRows()}};
    add.run = &addAccount;

    CliCommand list;
    list.path = QStringLiteral("account list");
    list.summary = CliText::tr("List the accounts");
    list.usage = CliText::tr("[--json]");
    list.description = CliText::tr("Lists the accounts, one per line: name, provider, URL, how the token is sent, "
                           "and the accounts it shares one rate-limit bucket with (one Bitbucket user, one "
                           "Buildkite organization, or readings of the last day that move together). "
                           "Tokens are never shown.");
    list.addOption({QStringLiteral("json")}, CliText::tr("Print a JSON array of the accounts instead (shared_with: the "
                                                         "names of the accounts sharing its bucket)."));
    list.run = &listAccounts;

    CliCommand remove;
    remove.path = QStringLiteral("account remove");
    remove.summary = CliText::tr("Remove an account and its token");
    remove.usage = CliText::tr("NAME");
    remove.description = CliText::tr("Removes the account and deletes its token from the keychain. Its history is kept.");
    remove.arguments = {{CliText::tr("NAME"), CliText::tr("The account, as 'headroom account list' names it."), &Cli::accountNames}};
    remove.run = &removeAccount;

    return {group, add, list, remove};
}
