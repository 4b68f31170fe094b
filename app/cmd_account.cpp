#include "commands.h"

#include "accounts/accountstore.h"
#include "accounts/keychainsecretstore.h"
#include "probe/requestfactory.h"
#include "quota/preset.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTextStream>

#include <cstdio>
#include <termios.h>
#include <unistd.h>

namespace {

QString tr_(const char *s)
{
    return QCoreApplication::translate("cmd_account", s);
}

// QtKeychain answers asynchronously; the command waits for it on a local loop.
SecretStore::Result waitFor(const std::function<void(SecretStore::Callback)> &call)
{
    QEventLoop loop;
    SecretStore::Result result;
    bool done = false;
    call([&](const SecretStore::Result &r) {
        result = r;
        done = true;
        loop.quit();
    });
    if (!done)
        loop.exec();
    return result;
}

// At most 64 KiB, so a runaway pipe cannot exhaust memory.
QByteArray readAllStdin()
{
    QFile in;
    if (!in.open(stdin, QIODevice::ReadOnly))
        return {};
    return in.read(64 * 1024);
}

// A no-echo prompt on the terminal; the token never appears on screen, in argv or environment.
std::optional<QByteArray> promptNoEcho(const QString &prompt)
{
    termios old{};
    if (tcgetattr(STDIN_FILENO, &old) != 0)
        return std::nullopt;
    termios quiet = old;
    quiet.c_lflag &= ~tcflag_t(ECHO);
    quiet.c_lflag |= ECHONL;
    // Echo off before the prompt shows: a token typed (or pasted) the moment the prompt
    // appears must not reach the screen.
    if (tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet) != 0)
        return std::nullopt;
    {
        QTextStream err(stderr);
        err << prompt;
    }
    QByteArray line;
    for (int i = 0; i < 64 * 1024; ++i) {
        const int c = std::fgetc(stdin);
        if (c == EOF || c == '\n')
            break;
        line.append(char(c));
    }
    tcsetattr(STDIN_FILENO, TCSAFLUSH, &old);
    return line;
}

const QString usageAdd = QStringLiteral(
    "usage: headroom account add NAME --provider ID [--base-url URL] [--probe-path PATH] [--param K=V]... "
    "[--interval SECONDS] [--auth bearer|basic|private-token|shopify-token|bot|none] [--user USER] [--token-stdin]");

int add(const QStringList &args)
{
    Account a;
    bool tokenStdin = false;
    QString authId;
    for (qsizetype i = 0; i < args.size(); ++i) {
        const QString &arg = args.at(i);
        auto value = [&](QString *out) {
            if (i + 1 >= args.size())
                return false;
            *out = args.at(++i);
            return true;
        };
        QString v;
        if (arg == u"--provider") {
            if (!value(&a.presetId))
                return failWith(2, usageAdd);
        } else if (arg == u"--base-url") {
            if (!value(&a.baseUrl))
                return failWith(2, usageAdd);
        } else if (arg == u"--probe-path") {
            if (!value(&a.probePath))
                return failWith(2, usageAdd);
        } else if (arg == u"--param") {
            if (!value(&v) || !v.contains(u'='))
                return failWith(2, tr_("--param needs KEY=VALUE"));
            a.params.insert(v.section(u'=', 0, 0), v.section(u'=', 1));
        } else if (arg == u"--interval") {
            bool ok = false;
            if (!value(&v) || (a.intervalS = v.toInt(&ok), !ok) || *a.intervalS < 10)
                return failWith(2, tr_("--interval needs a number of seconds, at least 10"));
        } else if (arg == u"--auth") {
            if (!value(&authId))
                return failWith(2, usageAdd);
        } else if (arg == u"--user") {
            if (!value(&a.username))
                return failWith(2, usageAdd);
        } else if (arg == u"--token-stdin") {
            tokenStdin = true;
        } else if (arg == u"--token" || arg.startsWith(u"--token=")) {
            return failWith(2, tr_("tokens are never accepted on the command line; use --token-stdin or the prompt"));
        } else if (arg.startsWith(u'-')) {
            return failWith(2, tr_("unknown option '%1'\n%2").arg(arg, usageAdd));
        } else if (a.name.isEmpty()) {
            a.name = arg;
        } else {
            return failWith(2, usageAdd);
        }
    }
    if (a.name.isEmpty() || a.presetId.isEmpty())
        return failWith(2, usageAdd);
    const Preset *preset = Preset::find(a.presetId);
    if (!preset)
        return failWith(2, tr_("unknown provider '%1' (one of: %2)").arg(a.presetId, Preset::ids().join(u' ')));
    a.auth = preset->auth;
    if (!authId.isEmpty()) {
        static const QHash<QString, QString> aliases = {{u"shopify"_qs, u"shopify-token"_qs},
                                                       {u"x-shopify-access-token"_qs, u"shopify-token"_qs}};
        auto s = authSchemeFromId(authId);
        if (!s)
            s = authSchemeFromId(aliases.value(authId));
        if (!s)
            return failWith(2, tr_("unknown auth scheme '%1'").arg(authId));
        a.auth = *s;
    }

    AccountStore store;
    QString error;
    if (!store.load(&error))
        return failWith(1, error);
    if (!store.add(a, &error))
        return failWith(2, error);

    QString token;
    if (a.auth != AuthScheme::None) {
        QByteArray raw;
        if (tokenStdin) {
            raw = readAllStdin();
        } else if (isatty(STDIN_FILENO)) {
            const auto line = promptNoEcho(tr_("Token for %1: ").arg(a.name));
            if (!line)
                return failWith(1, tr_("cannot read the token from the terminal"));
            raw = *line;
        } else {
            return failWith(2, tr_("no terminal to prompt for the token: pipe it and pass --token-stdin"));
        }
        const QString e = RequestFactory::cleanToken(QString::fromUtf8(raw), &token);
        raw.fill('\0');
        if (!e.isEmpty())
            return failWith(2, e);
    }

    KeychainSecretStore secrets;
    // The secret first: an account without its token would fail every probe; if the file then
    // cannot be written, the secret is removed again so nothing is left behind.
    if (a.auth != AuthScheme::None) {
        const auto w = waitFor([&](SecretStore::Callback cb) { secrets.write(a.id, token, cb); });
        token.fill(u'\0');
        if (w.error != SecretStore::Error::None)
            return failWith(1, w.message);
    }
    if (!store.save(&error)) {
        if (a.auth != AuthScheme::None)
            waitFor([&](SecretStore::Callback cb) { secrets.remove(a.id, cb); });
        return failWith(1, error);
    }
    QTextStream(stdout) << tr_("added account '%1' (%2)").arg(a.name, a.presetId) << '\n';
    return 0;
}

int list(const QStringList &args)
{
    bool json = false;
    for (const QString &arg : args) {
        if (arg == u"--json")
            json = true;
        else
            return failWith(2, tr_("usage: headroom account list [--json]"));
    }
    AccountStore store;
    QString error;
    if (!store.load(&error))
        return failWith(1, error);
    QTextStream out(stdout);
    if (json) {
        QJsonArray arr;
        for (const Account &a : store.accounts())
            arr.append(a.toJson());
        out << QString::fromUtf8(QJsonDocument(arr).toJson(QJsonDocument::Compact)) << '\n';
        return 0;
    }
    for (const Account &a : store.accounts()) {
        out << a.name << '\t' << a.presetId << '\t' << a.baseUrl << a.probePath << '\t' << authSchemeId(a.auth);
        if (a.intervalS)
            out << '\t' << tr_("every %1 s").arg(*a.intervalS);
        out << '\n';
    }
    return 0;
}

int remove(const QStringList &args)
{
    if (args.size() != 1)
        return failWith(2, tr_("usage: headroom account remove NAME"));
    AccountStore store;
    QString error;
    if (!store.load(&error))
        return failWith(1, error);
    const Account *a = store.findByName(args.first());
    if (!a)
        return failWith(2, tr_("no account named '%1'").arg(args.first()));
    const Account account = *a;
    KeychainSecretStore secrets;
    const auto r = waitFor([&](SecretStore::Callback cb) { secrets.remove(account.id, cb); });
    if (r.error != SecretStore::Error::None && r.error != SecretStore::Error::NotFound)
        return failWith(1, r.message);
    store.removeById(account.id);
    if (!store.save(&error))
        return failWith(1, error);
    QTextStream(stdout) << tr_("removed account '%1'").arg(account.name) << '\n';
    return 0;
}

} // namespace

int Commands::account(const QStringList &args)
{
    const QString sub = args.value(0);
    if (sub == u"add")
        return add(args.mid(1));
    if (sub == u"list")
        return list(args.mid(1));
    if (sub == u"remove")
        return remove(args.mid(1));
    return failWith(2, tr_("usage: headroom account add|list|remove ..."));
}
