#include "cli.h"

#include "commands.h"

#include "accounts/accountstore.h"
#include "quota/preset.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>
#include <QTextStream>

#include <algorithm>
#include <cstdio>

#include <termios.h>
#include <unistd.h>

namespace {


constexpr int kHelpWidth = 80;
// Marks "let the shell complete a file name" in the output of `__complete`.
const QString kFileDirective = QStringLiteral(":file");

bool isHelpFlag(const QString &a)
{
    return a == u"-h" || a == u"--help";
}

QStringList wrap(const QString &text, qsizetype width)
{
    QStringList lines;
    QString line;
    for (const QString &word : text.split(u' ', Qt::SkipEmptyParts)) {
        if (!line.isEmpty() && line.size() + 1 + word.size() > width) {
            lines << line;
            line.clear();
        }
        line += (line.isEmpty() ? QString() : QStringLiteral(" ")) + word;
    }
    if (!line.isEmpty())
        lines << line;
    return lines;
}

// Two columns, the second wrapped under itself; a first column too wide for its share gets
// a line of its own.
QString formatRows(const QList<std::pair<QString, QString>> &rows)
{
    constexpr qsizetype kIndent = 2, kGap = 2, kMaxLeft = 26;
    qsizetype left = 0;
    for (const auto &[l, r] : rows) {
        if (l.size() <= kMaxLeft)
            left = std::max(left, l.size());
    }
    const QString pad(kIndent + left + kGap, u' ');
    QString out;
    for (const auto &[l, r] : rows) {
        QStringList text = wrap(r, kHelpWidth - pad.size());
        out += QString(kIndent, u' ') + l;
        if (l.size() > left) {
            out += u'\n';
            if (!text.isEmpty())
                out += pad + text.takeFirst() + u'\n';
        } else {
            out += QString(left - l.size() + kGap, u' ') + (text.isEmpty() ? QString() : text.takeFirst()) + u'\n';
        }
        for (const QString &t : std::as_const(text))
            out += pad + t + u'\n';
    }
    return out;
}

QString optionSyntax(const QCommandLineOption &o)
{
    QStringList names;
    for (const QString &n : o.names())
        names << (n.size() == 1 ? QStringLiteral("-") : QStringLiteral("--")) + n;
    QString s = names.join(QStringLiteral(", "));
    if (!o.valueName().isEmpty())
        s += u' ' + o.valueName();
    return s;
}

QCommandLineOption helpOption()
{
    return QCommandLineOption({QStringLiteral("h"), QStringLiteral("help")}, CliText::tr("Show this help and exit."));
}

QString programName()
{
    return QStringLiteral("headroom");
}

QString helpText(const CliCommand &c, const QList<CliCommand> &all)
{
    QString out = CliText::tr("Usage: %1").arg(QStringList{programName(), c.path, c.usage}.join(u' ').simplified()) + u'\n';
    if (!c.description.isEmpty())
        out += u'\n' + wrap(c.description, kHelpWidth).join(u'\n') + u'\n';
    QList<std::pair<QString, QString>> subcommands;
    for (const CliCommand &s : all) {
        if (s.path.startsWith(c.path + u' '))
            subcommands.append({s.path.mid(c.path.size() + 1), s.summary});
    }
    if (!subcommands.isEmpty())
        out += u'\n' + CliText::tr("Commands:") + u'\n' + formatRows(subcommands);
    QList<std::pair<QString, QString>> rows;
    for (const CliCommand::Argument &a : c.arguments)
        rows.append({a.syntax, a.description});
    if (!rows.isEmpty())
        out += u'\n' + CliText::tr("Arguments:") + u'\n' + formatRows(rows);
    rows.clear();
    for (const CliCommand::Option &o : c.options)
        rows.append({optionSyntax(o.option), o.option.description()});
    rows.append({optionSyntax(helpOption()), helpOption().description()});
    out += u'\n' + CliText::tr("Options:") + u'\n' + formatRows(rows);
    for (const CliCommand::Section &s : c.sections)
        out += u'\n' + s.title + u'\n' + formatRows(s.rows);
    return out;
}

QString overviewText(const QList<CliCommand> &all)
{
    QString out = CliText::tr("Usage: %1 [--demo]").arg(programName()) + u'\n'
        + CliText::tr("       %1 COMMAND [options]").arg(programName()) + u'\n' + u'\n';
    out += wrap(CliText::tr("Headroom watches the API rate-limit quotas of the accounts you configure. Without a "
                    "command it opens the dashboard; the commands below work without a window."),
                kHelpWidth)
               .join(u'\n')
        + u'\n';
    QList<std::pair<QString, QString>> rows;
    for (const CliCommand &c : all) {
        if (c.inOverview)
            rows.append({c.path, c.summary});
    }
    rows.append({CliText::tr("help COMMAND"), CliText::tr("Show the help of COMMAND, the same as COMMAND --help")});
    out += u'\n' + CliText::tr("Commands:") + u'\n' + formatRows(rows);
    rows = {{QStringLiteral("--demo"), CliText::tr("Open the dashboard against built-in simulated APIs (no token needed).")},
            {optionSyntax(helpOption()), helpOption().description()},
            {QStringLiteral("--version"), CliText::tr("Show the version and exit.")}};
    out += u'\n' + CliText::tr("Options:") + u'\n' + formatRows(rows);
    out += u'\n'
        + wrap(CliText::tr("Exit codes: 0 success, 1 a runtime failure, 2 a usage error. Run '%1 COMMAND --help' for the "
                   "options of a command.")
                   .arg(programName()),
               kHelpWidth)
              .join(u'\n')
        + u'\n';
    return out;
}

int printOut(const QString &text)
{
    QTextStream(stdout) << text;
    return 0;
}

// The command whose path is the longest prefix of `words`; -1 when none is.
qsizetype resolve(const QList<CliCommand> &all, const QStringList &words, qsizetype *used)
{
    qsizetype best = -1;
    *used = 0;
    for (qsizetype i = 0; i < all.size(); ++i) {
        const QStringList path = all.at(i).path.split(u' ');
        if (path.size() <= words.size() && words.mid(0, path.size()) == path && path.size() > *used) {
            best = i;
            *used = path.size();
        }
    }
    return best;
}

QStringList groupMembers(const QList<CliCommand> &all, const QString &group)
{
    QStringList names;
    for (const CliCommand &c : all) {
        if (c.path.startsWith(group + u' '))
            names << c.path.mid(group.size() + 1).section(u' ', 0, 0);
    }
    return names;
}

int runCommand(const CliCommand &c, const QStringList &rest, const QList<CliCommand> &all)
{
    for (const QString &a : rest) {
        if (a == u"--")
            break;
        if (isHelpFlag(a))
            return printOut(helpText(c, all));
        // Whatever follows would be a secret in the shell's history and in the process list.
        if (a == u"--token" || a.startsWith(u"--token="))
            return failWith(2, CliText::tr("tokens are never accepted on the command line; use --token-stdin or the "
                                   "prompt of 'headroom account add'"));
    }
    if (!c.run) {
        const QString members = groupMembers(all, c.path).join(QStringLiteral(", "));
        if (rest.isEmpty())
            return Cli::usageError(c.path, CliText::tr("missing command, one of: %1").arg(members));
        return Cli::usageError(c.path, CliText::tr("unknown command '%1', expected one of: %2").arg(rest.first(), members));
    }
    QCommandLineParser parser;
    for (const CliCommand::Option &o : c.options)
        parser.addOption(o.option);
    if (!parser.parse(QStringList{programName()} + rest)) {
        const QStringList unknown = parser.unknownOptionNames();
        for (const QString &a : rest) {
            if (a == u"--")
                break;
            if (unknown.isEmpty() || !a.startsWith(u'-') || a == u"-")
                continue;
            const QString name = a.section(u'=', 0, 0);
            // "-1" meant as a value: QCommandLineParser, like getopt, reads it as options.
            if (name.at(1).isDigit())
                return Cli::usageError(c.path, CliText::tr("unknown option '%1'; a value that begins with '-' goes after '--'")
                                                   .arg(name));
            // Name the option as it was typed ("--frobnicate", not Qt's "frobnicate").
            if (unknown.contains(name.mid(name.startsWith(u"--") ? 2 : 1)))
                return Cli::usageError(c.path, CliText::tr("unknown option '%1'").arg(name));
        }
        QString error = parser.errorText();
        if (error.endsWith(u'.'))
            error.chop(1);
        return Cli::usageError(c.path, error);
    }
    return c.run(parser);
}

// `headroom help WORDS...`: what `headroom WORDS... --help` prints.
int help(const QList<CliCommand> &all, const QStringList &words)
{
    if (words.isEmpty())
        return printOut(overviewText(all));
    qsizetype used = 0;
    const qsizetype i = resolve(all, words, &used);
    if (i < 0 || used != words.size())
        return failWith(2, CliText::tr("help: unknown command '%1' (see '%2 --help')").arg(words.join(u' '), programName()));
    return printOut(helpText(all.at(i), all));
}

// `headroom __complete WORDS... CURRENT`, run by the bash completion at each Tab: the words
// typed after "headroom", the last one being the word under the cursor (maybe empty). Prints
// the matching candidates one per line, or kFileDirective for file names. Bash splits
// "--opt=value" at the '=' into three words; both spellings are understood.
int complete(const QList<CliCommand> &all, QStringList words)
{
    QString current = words.isEmpty() ? QString() : words.takeLast();
    QStringList typed;
    bool glued = false;
    for (const QString &w : std::as_const(words)) {
        if (w == u"=" && !typed.isEmpty() && typed.last().startsWith(u"--")) {
            typed.last() += u'=';
            glued = true;
        } else if (glued) {
            typed.last() += w;
            glued = false;
        } else {
            typed << w;
        }
    }
    QString valueOf;  // the option whose value is under the cursor
    QString prefix;   // printed before each candidate
    if (current == u"=" && !typed.isEmpty() && typed.last().startsWith(u"--")) {
        valueOf = typed.takeLast();
        current.clear();
    } else if (glued) {
        valueOf = typed.takeLast().chopped(1);
    } else if (current.startsWith(u"--") && current.contains(u'=')) {
        valueOf = current.section(u'=', 0, 0);
        prefix = valueOf + u'=';
        current = current.section(u'=', 1);
    }

    QStringList candidates;
    auto print = [&] {
        QTextStream out(stdout);
        if (candidates == QStringList{kFileDirective}) {
            out << kFileDirective << '\n';
            return 0;
        }
        for (const QString &c : std::as_const(candidates)) {
            if (c.startsWith(current))
                out << prefix << c << '\n';
        }
        return 0;
    };

    const bool isHelp = !typed.isEmpty() && typed.first() == u"help";
    const QStringList path = isHelp ? typed.mid(1) : typed;
    qsizetype used = 0;
    const qsizetype i = resolve(all, path, &used);
    if (i < 0 || (!all.at(i).run && used == path.size()) || isHelp) {
        // A command word: the first one, or the next one of a group.
        const QString group = i >= 0 && used == path.size() ? all.at(i).path : QString();
        if (!path.isEmpty() && group.isEmpty())
            return 0;
        if (group.isEmpty()) {
            for (const CliCommand &c : all)
                candidates << c.path.section(u' ', 0, 0);
            if (!isHelp) {
                candidates << QStringLiteral("help");
                if (current.startsWith(u'-'))
                    candidates = {QStringLiteral("--help"), QStringLiteral("--version"), QStringLiteral("--demo")};
            }
        } else {
            candidates = groupMembers(all, group);
            if (current.startsWith(u'-') && !isHelp)
                candidates = {QStringLiteral("--help")};
        }
        candidates.removeDuplicates();
        return print();
    }

    const CliCommand &c = all.at(i);
    const QStringList rest = path.mid(used);
    auto optionFor = [&](const QString &typedName) -> const CliCommand::Option * {
        for (const CliCommand::Option &o : c.options) {
            for (const QString &n : o.option.names()) {
                if (typedName == (n.size() == 1 ? QStringLiteral("-") : QStringLiteral("--")) + n)
                    return &o;
            }
        }
        return nullptr;
    };
    QStringList positionals;
    bool afterDashes = false;
    for (qsizetype k = 0; k < rest.size(); ++k) {
        const QString &w = rest.at(k);
        if (afterDashes || w == u"-" || !w.startsWith(u'-')) {
            positionals << w;
        } else if (w == u"--") {
            afterDashes = true;
        } else if (const auto *o = optionFor(w); o && !o->option.valueName().isEmpty()) {
            if (k + 1 == rest.size())
                valueOf = w; // the cursor is on this option's value
            ++k;
        }
    }
    if (!valueOf.isEmpty()) {
        if (const auto *o = optionFor(valueOf); o && o->candidates)
            candidates = o->candidates(positionals);
        return print();
    }
    if (current.startsWith(u'-') && !afterDashes) {
        for (const CliCommand::Option &o : c.options) {
            for (const QString &n : o.option.names())
                candidates << (n.size() == 1 ? QStringLiteral("-") : QStringLiteral("--")) + n;
        }
        candidates << QStringLiteral("--help");
        return print();
    }
    qsizetype index = positionals.size();
    if (index >= c.arguments.size() && c.lastArgumentRepeats)
        index = c.arguments.size() - 1;
    if (index < c.arguments.size() && c.arguments.at(index).candidates)
        candidates = c.arguments.at(index).candidates(positionals);
    return print();
}

} // namespace

void CliCommand::addOption(const QStringList &names, const QString &description, const QString &valueName,
                           CliCandidates candidates)
{
    options.append({QCommandLineOption(names, description, valueName), std::move(candidates)});
}

QString Cli::overview(const QList<CliCommand> &commands)
{
    return overviewText(commands);
}

int Cli::dispatch(const QList<CliCommand> &commands, const QStringList &args)
{
    const QString first = args.value(0);
    if (isHelpFlag(first))
        return printOut(overviewText(commands));
    if (first == u"--version")
        return printOut(programName() + u' ' + QCoreApplication::applicationVersion() + u'\n');
    if (first == u"help")
        return help(commands, args.mid(1));
    if (first == u"__complete")
        return complete(commands, args.mid(1));
    qsizetype used = 0;
    const qsizetype i = resolve(commands, args, &used);
    if (i < 0)
        return failWith(2, CliText::tr("unknown command '%1' (see '%2 --help')").arg(first, programName()));
    return runCommand(commands.at(i), args.mid(used), commands);
}

int Cli::usageError(const QString &path, const QString &message)
{
    return failWith(2, CliText::tr("%1: %2 (see '%3 %1 --help')").arg(path, message, programName()));
}

QStringList Cli::providerIds(const QStringList &)
{
    return Preset::ids();
}

QStringList Cli::accountNames(const QStringList &)
{
    // Only the accounts file: no keychain, no network, nothing said on failure.
    AccountStore store;
    QStringList names;
    if (store.load(nullptr)) {
        for (const Account &a : store.accounts())
            names << a.name;
    }
    return names;
}

QStringList Cli::fileCandidates(const QStringList &)
{
    return {kFileDirective};
}

CliCandidates Cli::choices(const QStringList &words)
{
    return [words](const QStringList &) { return words; };
}

QByteArray Cli::readAllStdin()
{
    QFile in;
    if (!in.open(stdin, QIODevice::ReadOnly))
        return {};
    return in.read(64 * 1024);
}

std::optional<QByteArray> Cli::promptNoEcho(const QString &prompt)
{
    termios old {};
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
