#include "alerts/alertsettings.h"
#include "clirunner.h"
#include "quota/preset.h"
#include "sim/simulatedapi.h"

#include <QtTest>

// The command line's conventions through the real binary: --help, --version and `help CMD`
// for every command, `--opt value` == `--opt=value`, the provider list, empty states, the
// key order of every JSON output (read from the raw bytes), `settings`, and the bash
// completion script. Accounts are added with `--auth none`, which never touches the keychain.
class TestCliConventions : public QObject
{
    Q_OBJECT

    using Run = TestCli::Run;

    // Every command the overview and the completion must know, groups included.
    static QStringList commandPaths()
    {
        return {u"inspect"_qs,      u"account"_qs,      u"account add"_qs,  u"account list"_qs,
                u"account remove"_qs, u"probe"_qs,      u"watch"_qs,        u"export"_qs,
                u"settings"_qs,     u"settings list"_qs, u"settings get"_qs, u"settings set"_qs,
                u"settings unset"_qs};
    }

    static Run cli(const QTemporaryDir &home, const QStringList &args, const QByteArray &stdinData = {})
    {
        QProcessEnvironment e = TestCli::isolatedEnvironment(home);
        e.insert(u"LC_ALL"_qs, u"C.UTF-8"_qs);
        e.remove(u"LANGUAGE"_qs);
        return TestCli::run(QStringLiteral(HEADROOM_BIN), args, e, stdinData, 30000);
    }
    Run cli(const QStringList &args, const QByteArray &stdinData = {}) { return cli(m_home, args, stdinData); }

    // The keys of every JSON object in `json`, in the order the bytes hold them, objects in the
    // order they open. Enough of a JSON reader for compact output: strings, nesting, separators.
    static QList<QStringList> objectKeys(const QByteArray &json)
    {
        QList<QStringList> objects;
        QList<qsizetype> open;       // index into objects, or -1 for an array
        bool expectKey = false;
        for (qsizetype i = 0; i < json.size(); ++i) {
            const char c = json.at(i);
            if (c == '"') {
                QByteArray s;
                for (++i; i < json.size() && json.at(i) != '"'; ++i) {
                    if (json.at(i) == '\\')
                        ++i;
                    s += json.at(i);
                }
                if (expectKey && !open.isEmpty() && open.last() >= 0)
                    objects[open.last()] << QString::fromUtf8(s);
                expectKey = false;
            } else if (c == '{') {
                open << objects.size();
                objects << QStringList();
                expectKey = true;
            } else if (c == '[') {
                open << -1;
            } else if (c == '}' || c == ']') {
                open.removeLast();
            } else if (c == ',') {
                expectKey = !open.isEmpty() && open.last() >= 0;
            }
        }
        return objects;
    }

    // `keys` holds every key of `required`, and only keys of `order`, in that order.
    static bool ordered(const QStringList &keys, const QStringList &order, const QStringList &required, QString *why)
    {
        QStringList expected;
        for (const QString &k : order) {
            if (keys.contains(k))
                expected << k;
        }
        for (const QString &k : required) {
            if (!keys.contains(k)) {
                *why = u"missing "_qs + k + u" in "_qs + keys.join(u',');
                return false;
            }
        }
        if (keys != expected) {
            *why = keys.join(u',') + u" is not in the order "_qs + order.join(u',');
            return false;
        }
        return true;
    }

    static QStringList quotaOrder()
    {
        return {u"resource"_qs, u"limit"_qs,    u"remaining"_qs, u"used"_qs,        u"reset_at"_qs,
                u"window_s"_qs, u"near_limit"_qs, u"unit"_qs,   u"limit_source"_qs};
    }
    static QStringList quotaRequired() { return quotaOrder().mid(0, 8); }

    QTemporaryDir m_home;
    QTemporaryDir m_completionHome; // two accounts and a file, for the completion to offer

private slots:
    void initTestCase()
    {
        QVERIFY(m_home.isValid() && m_completionHome.isValid());
        qRegisterMetaType<QProcess::ExitStatus>();
        for (const QString &name : {u"alpha"_qs, u"beta"_qs}) {
            const Run r = cli(m_completionHome, {u"account"_qs, u"add"_qs, name, u"--provider"_qs, u"github"_qs,
                                                 u"--auth"_qs, u"none"_qs});
            QVERIFY2(r.code == 0, r.err.constData());
        }
        QFile f(m_completionHome.filePath(u"completion-probe.txt"_qs));
        QVERIFY(f.open(QIODevice::WriteOnly));
    }

    void overviewListsEveryCommand()
    {
        const Run r = cli({u"--help"_qs});
        QCOMPARE(r.code, 0);
        QVERIFY(r.err.isEmpty());
        QVERIFY2(r.out.startsWith("Usage: headroom"), r.out.constData());
        for (const QString &path : {u"inspect"_qs, u"account add"_qs, u"account list"_qs, u"account remove"_qs,
                                    u"probe"_qs, u"watch"_qs, u"export"_qs, u"settings"_qs, u"help COMMAND"_qs})
            QVERIFY2(r.out.contains("\n  " + path.toUtf8() + ' '), qPrintable(path));
        QCOMPARE(cli({u"-h"_qs}).out, r.out);
        QCOMPARE(cli({u"help"_qs}).out, r.out);
    }

    void version()
    {
        const Run r = cli({u"--version"_qs});
        QCOMPARE(r.code, 0);
        QVERIFY(r.err.isEmpty());
        QVERIFY2(QRegularExpression(u"^headroom \\d+\\.\\d+\\.\\d+\\n$"_qs).match(QString::fromUtf8(r.out)).hasMatch(),
                 r.out.constData());
    }

    void helpOfEveryCommand_data()
    {
        QTest::addColumn<QString>("path");
        for (const QString &p : commandPaths())
            QTest::newRow(qPrintable(p)) << p;
    }

    void helpOfEveryCommand()
    {
        QFETCH(QString, path);
        const QStringList words = path.split(u' ');
        const Run help = cli(words + QStringList{u"--help"_qs});
        QCOMPARE(help.code, 0);
        QVERIFY2(help.err.isEmpty(), help.err.constData());
        QVERIFY2(help.out.startsWith("Usage: headroom " + path.toUtf8()), help.out.constData());
        QVERIFY(help.out.contains("--help"));
        const Run helpCommand = cli(QStringList{u"help"_qs} + words);
        QCOMPARE(helpCommand.code, 0);
        QCOMPARE(helpCommand.out, help.out);
        QCOMPARE(cli(words + QStringList{u"-h"_qs}).out, help.out);
        // Every line fits a terminal.
        for (const QByteArray &line : help.out.split('\n'))
            QVERIFY2(QString::fromUtf8(line).size() <= 80, line.constData());
    }

    void optionSpellings_data()
    {
        QTest::addColumn<QStringList>("spaced");
        QTest::addColumn<QStringList>("joined");
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<int>("code");
        const QByteArray head = "HTTP/1.1 200 OK\r\nx-ratelimit-limit: 5000\r\nx-ratelimit-remaining: 4999\r\n"
                                "x-ratelimit-reset: 1795435500\r\nx-ratelimit-resource: core\r\n\r\n";
        QTest::newRow("inspect --provider --now")
            << QStringList{u"inspect"_qs, u"--provider"_qs, u"github"_qs, u"--now"_qs, u"2026-11-23T12:00:00Z"_qs}
            << QStringList{u"inspect"_qs, u"--provider=github"_qs, u"--now=2026-11-23T12:00:00Z"_qs} << head << 0;
        QTest::newRow("inspect bad --provider")
            << QStringList{u"inspect"_qs, u"--provider"_qs, u"nope"_qs}
            << QStringList{u"inspect"_qs, u"--provider=nope"_qs} << head << 2;
        QTest::newRow("export --kind --out --period")
            << QStringList{u"export"_qs, u"--kind"_qs, u"summary"_qs, u"--period"_qs, u"hour"_qs, u"--out"_qs, u"-"_qs}
            << QStringList{u"export"_qs, u"--kind=summary"_qs, u"--period=hour"_qs, u"--out=-"_qs} << QByteArray() << 0;
        QTest::newRow("export --from")
            << QStringList{u"export"_qs, u"--kind"_qs, u"events"_qs, u"--from"_qs, u"2026-11-01"_qs, u"--out"_qs, u"-"_qs}
            << QStringList{u"export"_qs, u"--kind=events"_qs, u"--from=2026-11-01"_qs, u"--out=-"_qs} << QByteArray() << 0;
        QTest::newRow("watch bad --duration")
            << QStringList{u"watch"_qs, u"--duration"_qs, u"soon"_qs} << QStringList{u"watch"_qs, u"--duration=soon"_qs}
            << QByteArray() << 2;
        QTest::newRow("account add bad --interval")
            << QStringList{u"account"_qs, u"add"_qs, u"x"_qs, u"--provider"_qs, u"github"_qs, u"--interval"_qs, u"5"_qs}
            << QStringList{u"account"_qs, u"add"_qs, u"x"_qs, u"--provider=github"_qs, u"--interval=5"_qs} << QByteArray() << 2;
    }

    void optionSpellings()
    {
        QFETCH(QStringList, spaced);
        QFETCH(QStringList, joined);
        QFETCH(QByteArray, input);
        QFETCH(int, code);
        const Run a = cli(spaced, input);
        const Run b = cli(joined, input);
        QVERIFY2(a.code == code, a.err.constData());
        QCOMPARE(b.code, a.code);
        QCOMPARE(b.out, a.out);
        QCOMPARE(b.err, a.err);
    }

    void accountAddBothSpellings()
    {
        QTemporaryDir home;
        const Run a = cli(home, {u"account"_qs, u"add"_qs, u"spaced"_qs, u"--provider"_qs, u"generic"_qs, u"--base-url"_qs,
                                 u"http://127.0.0.1:9"_qs, u"--probe-path"_qs, u"/v"_qs, u"--param"_qs, u"k=v"_qs,
                                 u"--interval"_qs, u"60"_qs, u"--auth"_qs, u"none"_qs});
        QVERIFY2(a.code == 0, a.err.constData());
        const Run b = cli(home, {u"account"_qs, u"add"_qs, u"joined"_qs, u"--provider=generic"_qs,
                                 u"--base-url=http://127.0.0.1:9"_qs, u"--probe-path=/v"_qs, u"--param=k=v"_qs,
                                 u"--interval=60"_qs, u"--auth=none"_qs});
        QVERIFY2(b.code == 0, b.err.constData());
        const QJsonArray list = QJsonDocument::fromJson(cli(home, {u"account"_qs, u"list"_qs, u"--json"_qs}).out).array();
        QCOMPARE(list.size(), 2);
        QJsonObject first = list.at(0).toObject(), second = list.at(1).toObject();
        for (const QString &k : {u"id"_qs, u"name"_qs}) {
            first.remove(k);
            second.remove(k);
        }
        QCOMPARE(first, second);
        QCOMPARE(first.value(u"interval_s"_qs).toInt(), 60);
        QCOMPARE(first.value(u"params"_qs).toObject().value(u"k"_qs).toString(), u"v"_qs);
    }

    void usageErrors_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QByteArray>("mention");
        QTest::newRow("unknown command") << QStringList{u"frobnicate"_qs} << QByteArray("frobnicate");
        QTest::newRow("help of an unknown command") << QStringList{u"help"_qs, u"frobnicate"_qs} << QByteArray("frobnicate");
        QTest::newRow("account without subcommand") << QStringList{u"account"_qs} << QByteArray("add, list, remove");
        QTest::newRow("unknown subcommand") << QStringList{u"account"_qs, u"rename"_qs} << QByteArray("rename");
        QTest::newRow("settings without subcommand") << QStringList{u"settings"_qs} << QByteArray("list");
        for (const QString &path : {u"inspect"_qs, u"account add"_qs, u"account list"_qs, u"account remove"_qs,
                                    u"probe"_qs, u"watch"_qs, u"export"_qs, u"settings list"_qs, u"settings get"_qs})
            QTest::addRow("%s: unknown option", qPrintable(path))
                << path.split(u' ') + QStringList{u"--frobnicate"_qs} << QByteArray("--frobnicate");
        QTest::newRow("missing value") << QStringList{u"export"_qs, u"--kind"_qs} << QByteArray("--kind");
        QTest::newRow("value on a flag") << QStringList{u"probe"_qs, u"--json=yes"_qs} << QByteArray("--json");
        QTest::newRow("account add without --provider") << QStringList{u"account"_qs, u"add"_qs, u"x"_qs}
                                                        << QByteArray("--provider");
        QTest::newRow("account add unknown provider")
            << QStringList{u"account"_qs, u"add"_qs, u"x"_qs, u"--provider"_qs, u"nope"_qs} << QByteArray("launchdarkly");
    }

    void usageErrors()
    {
        QFETCH(QStringList, args);
        QFETCH(QByteArray, mention);
        const Run r = cli(args);
        QCOMPARE(r.code, 2);
        QVERIFY(r.out.isEmpty());
        QVERIFY2(r.err.startsWith("headroom: ") && r.err.count('\n') == 1, r.err.constData());
        QVERIFY2(r.err.contains(mention), r.err.constData());
    }

    void tokenNeverOnTheCommandLine_data()
    {
        QTest::addColumn<QStringList>("args");
        const QString token = u"ghp_C0nv3nt10nsC4n4ryT0k3n0123456789abcd"_qs;
        const QStringList add = {u"account"_qs, u"add"_qs, u"x"_qs, u"--provider"_qs, u"github"_qs};
        QTest::newRow("--token VALUE") << add + QStringList{u"--token"_qs, token};
        QTest::newRow("--token=VALUE") << add + QStringList{u"--token="_qs + token};
        QTest::newRow("before the name") << QStringList{u"account"_qs, u"add"_qs, u"--token="_qs + token, u"x"_qs};
        QTest::newRow("token as an extra word") << add + QStringList{token};
    }

    void tokenNeverOnTheCommandLine()
    {
        QFETCH(QStringList, args);
        const Run r = cli(args);
        QCOMPARE(r.code, 2);
        QCOMPARE(r.err.count('\n'), 1);
        QVERIFY2(!r.err.contains("C0nv3nt10ns") && !r.out.contains("C0nv3nt10ns"), r.err.constData());
        QVERIFY(TestCli::accountIdIn(cli({u"account"_qs, u"list"_qs, u"--json"_qs}).out, u"x"_qs).isEmpty());
    }

    void providerList()
    {
        const Run r = cli({u"account"_qs, u"add"_qs, u"--help"_qs});
        QCOMPARE(r.code, 0);
        const QStringList ids = Preset::ids();
        QCOMPARE(ids.size(), 21);
        // One entry per provider, after the options: "  id  Name: METHOD /path, free|paid".
        const QString text = QString::fromUtf8(r.out);
        const qsizetype section = text.indexOf(u"\nProviders"_qs);
        QVERIFY(section > 0);
        const QStringList lines = text.mid(section).split(u'\n');
        for (const QString &id : ids) {
            const Preset *p = Preset::find(id);
            const qsizetype at = lines.indexOf(QRegularExpression(u"^  "_qs + QRegularExpression::escape(id) + u" .*"_qs));
            QVERIFY2(at >= 0, qPrintable(id));
            // The entry runs on until the next one starts.
            QString entry = lines.at(at);
            for (qsizetype k = at + 1; k < lines.size() && lines.at(k).startsWith(u"    "_qs); ++k)
                entry += u' ' + lines.at(k).trimmed();
            QVERIFY2(entry.contains(p->displayName + u':'), qPrintable(entry));
            QVERIFY2(entry.contains(p->freeProbe ? u", free"_qs : u", paid"_qs), qPrintable(entry));
            if (!p->probeMethod.isEmpty())
                QVERIFY2(entry.contains(p->probeMethod + u' ' + p->probePath), qPrintable(entry));
        }
    }

    void emptyStates()
    {
        QTemporaryDir home;
        Run r = cli(home, {u"account"_qs, u"list"_qs});
        QCOMPARE(r.code, 0);
        QVERIFY(r.out.isEmpty());
        QVERIFY2(r.err.contains("headroom account add NAME --provider ID"), r.err.constData());

        r = cli(home, {u"account"_qs, u"list"_qs, u"--json"_qs});
        QCOMPARE(r.code, 0);
        QCOMPARE(r.out, QByteArray("[]\n"));
        QVERIFY(r.err.isEmpty());

        for (const QStringList &args : {QStringList{u"probe"_qs}, QStringList{u"probe"_qs, u"--json"_qs},
                                        QStringList{u"probe"_qs, u"someone"_qs},
                                        QStringList{u"watch"_qs, u"--duration"_qs, u"1"_qs},
                                        QStringList{u"watch"_qs, u"--json"_qs}}) {
            r = cli(home, args);
            QCOMPARE(r.code, 1);
            QVERIFY(r.out.isEmpty());
            QVERIFY2(r.err.startsWith("headroom: no accounts") && r.err.count('\n') == 1, r.err.constData());
            QVERIFY(r.err.contains("headroom account add"));
        }
        // Nothing was created by merely looking.
        QVERIFY(!QFileInfo::exists(home.filePath(u"data/headroom/history.sqlite"_qs)));
    }

    void jsonKeyOrder()
    {
        const QStringList inspectOrder = {u"provider"_qs, u"status"_qs, u"throttled"_qs, u"retry_after_s"_qs,
                                          u"quotas"_qs, u"warnings"_qs};
        const QStringList probeOrder = {u"account"_qs, u"provider"_qs, u"state"_qs, u"status"_qs, u"quotas"_qs,
                                        u"retry_after_s"_qs, u"probed_at"_qs, u"cost"_qs, u"error"_qs,
                                        u"reason"_qs, u"breaker"_qs};
        const QStringList probeRequired = probeOrder.mid(0, 9);
        const QStringList accountOrder = {u"name"_qs, u"id"_qs, u"provider"_qs, u"base_url"_qs, u"probe_path"_qs,
                                          u"params"_qs, u"auth"_qs, u"user"_qs, u"interval_s"_qs, u"alerts"_qs};
        QString why;

        // inspect
        const QByteArray head = "HTTP/1.1 429 Too Many Requests\r\nretry-after: 30\r\nx-ratelimit-limit: 5000\r\n"
                                "x-ratelimit-remaining: 0\r\nx-ratelimit-reset: 1795435500\r\n"
                                "x-ratelimit-resource: core\r\n\r\n";
        Run r = cli({u"inspect"_qs, u"--provider"_qs, u"github"_qs}, head);
        QCOMPARE(r.code, 0);
        QList<QStringList> objects = objectKeys(r.out);
        QVERIFY2(objects.size() == 2, r.out.constData());
        QVERIFY2(ordered(objects.at(0), inspectOrder, inspectOrder, &why), qPrintable(why));
        QVERIFY2(ordered(objects.at(1), quotaOrder(), quotaRequired(), &why), qPrintable(why));

        // account list --json, against a loopback simulator that probe and watch will ask
        QTemporaryDir home;
        SimulatedApi sim;
        SimulatedApi::Endpoint gh;
        gh.prefix = u"/gh"_qs;
        gh.dialect = SimulatedApi::Dialect::GitHub;
        sim.addEndpoint(gh);
        QVERIFY(sim.listen());
        r = cli(home, {u"account"_qs, u"add"_qs, u"gh"_qs, u"--provider"_qs, u"github"_qs, u"--auth"_qs, u"none"_qs,
                       u"--base-url"_qs, sim.baseUrl() + u"/gh"_qs, u"--param"_qs, u"org=acme"_qs,
                       u"--interval"_qs, u"600"_qs});
        QVERIFY2(r.code == 0, r.err.constData());
        r = cli(home, {u"account"_qs, u"list"_qs, u"--json"_qs});
        QCOMPARE(r.code, 0);
        QVERIFY2(r.out.startsWith("[{\"name\":\"gh\",\"id\":"), r.out.constData());
        objects = objectKeys(r.out);
        QVERIFY(!objects.isEmpty());
        QVERIFY2(ordered(objects.at(0), accountOrder, {u"name"_qs, u"id"_qs, u"provider"_qs, u"base_url"_qs, u"auth"_qs},
                         &why),
                 qPrintable(why));

        // probe --json and watch --json: one line per probe, quotas included
        for (const QStringList &args : {QStringList{u"probe"_qs, u"--json"_qs},
                                        QStringList{u"watch"_qs, u"--json"_qs, u"--duration"_qs, u"3"_qs}}) {
            r = cli(home, args);
            QVERIFY2(r.code == 0, r.err.constData());
            const QByteArray line = r.out.split('\n').value(0);
            QVERIFY2(line.startsWith("{\"account\":\"gh\",\"provider\":\"github\",\"state\":\"ok\""), line.constData());
            objects = objectKeys(line);
            QVERIFY2(objects.size() >= 2, line.constData());
            QVERIFY2(ordered(objects.at(0), probeOrder, probeRequired, &why), qPrintable(why));
            for (qsizetype i = 1; i < objects.size(); ++i)
                QVERIFY2(ordered(objects.at(i), quotaOrder(), quotaRequired(), &why), qPrintable(why));
        }
    }

    void settingsRoundTrip()
    {
        QTemporaryDir home;
        const QString conf = home.filePath(u"config/headroom/headroom.conf"_qs);
        const QStringList keys = {u"warning-pct"_qs, u"critical-pct"_qs, u"forecast"_qs, u"alert-command"_qs,
                                  u"retention-days"_qs};
        Run r = cli(home, {u"settings"_qs, u"list"_qs});
        QCOMPARE(r.code, 0);
        QStringList lines = QString::fromUtf8(r.out).split(u'\n', Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), keys.size());
        for (qsizetype i = 0; i < keys.size(); ++i) {
            QVERIFY2(lines.at(i).startsWith(keys.at(i) + u' '), qPrintable(lines.at(i)));
            QVERIFY2(lines.at(i).endsWith(u"default"_qs), qPrintable(lines.at(i)));
        }
        QCOMPARE(cli(home, {u"settings"_qs, u"get"_qs, u"warning-pct"_qs}).out, QByteArray("20\n"));
        QCOMPARE(cli(home, {u"settings"_qs, u"get"_qs, u"retention-days"_qs}).out, QByteArray("90\n"));
        QVERIFY(!QFileInfo::exists(conf)); // reading creates nothing

        const QList<std::pair<QString, QString>> values = {{u"warning-pct"_qs, u"12.5"_qs},
                                                           {u"critical-pct"_qs, u"2"_qs},
                                                           {u"forecast"_qs, u"false"_qs},
                                                           {u"alert-command"_qs, u"logger -t headroom"_qs},
                                                           {u"retention-days"_qs, u"30"_qs}};
        for (const auto &[key, value] : values) {
            r = cli(home, {u"settings"_qs, u"set"_qs, key, value});
            QVERIFY2(r.code == 0, r.err.constData());
            QCOMPARE(cli(home, {u"settings"_qs, u"get"_qs, key}).out, value.toUtf8() + '\n');
        }
        // Private to the user, and what the alert engine itself reads.
        QCOMPARE(QFileInfo(conf).permissions() & 0x0077, QFileDevice::Permissions());
        QSettings file(conf, QSettings::IniFormat);
        const AlertSettings alerts = AlertSettings::load(file);
        QCOMPARE(alerts.warningPct, 12.5);
        QCOMPARE(alerts.criticalPct, 2.0);
        QCOMPARE(alerts.forecast, false);
        QCOMPARE(alerts.command, u"logger -t headroom"_qs);
        QCOMPARE(file.value(u"history/retention_days"_qs).toInt(), 30);

        r = cli(home, {u"settings"_qs, u"list"_qs});
        lines = QString::fromUtf8(r.out).split(u'\n', Qt::SkipEmptyParts);
        QVERIFY2(lines.at(0).contains(u"12.5"_qs) && lines.at(0).contains(u"set (default: 20)"_qs), qPrintable(lines.at(0)));
        QVERIFY2(lines.at(4).contains(u"30"_qs) && lines.at(4).contains(u"set (default: 90)"_qs), qPrintable(lines.at(4)));

        // Other keys in the file survive a set and an unset.
        r = cli(home, {u"settings"_qs, u"unset"_qs, u"warning-pct"_qs});
        QCOMPARE(r.code, 0);
        QCOMPARE(cli(home, {u"settings"_qs, u"get"_qs, u"warning-pct"_qs}).out, QByteArray("20\n"));
        QCOMPARE(cli(home, {u"settings"_qs, u"get"_qs, u"critical-pct"_qs}).out, QByteArray("2\n"));
        QCOMPARE(cli(home, {u"settings"_qs, u"get"_qs, u"retention-days"_qs}).out, QByteArray("30\n"));
        r = cli(home, {u"settings"_qs, u"set"_qs, u"alert-command"_qs, QString()});
        QCOMPARE(r.code, 0);
        QCOMPARE(cli(home, {u"settings"_qs, u"get"_qs, u"alert-command"_qs}).out, QByteArray("\n"));
    }

    void settingsUsageErrors_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QByteArray>("mention");
        const QByteArray allKeys = "warning-pct, critical-pct, forecast, alert-command, retention-days";
        QTest::newRow("get unknown key") << QStringList{u"get"_qs, u"colour"_qs} << allKeys;
        QTest::newRow("set unknown key") << QStringList{u"set"_qs, u"colour"_qs, u"red"_qs} << allKeys;
        QTest::newRow("unset unknown key") << QStringList{u"unset"_qs, u"colour"_qs} << allKeys;
        QTest::newRow("get without key") << QStringList{u"get"_qs} << QByteArray("KEY");
        QTest::newRow("set without value") << QStringList{u"set"_qs, u"forecast"_qs} << QByteArray("VALUE");
        QTest::newRow("pct above 100") << QStringList{u"set"_qs, u"warning-pct"_qs, u"101"_qs} << QByteArray("0 to 100");
        QTest::newRow("pct below 0") << QStringList{u"set"_qs, u"critical-pct"_qs, u"--"_qs, u"-1"_qs} << QByteArray("0 to 100");
        QTest::newRow("negative value without --") << QStringList{u"set"_qs, u"critical-pct"_qs, u"-1"_qs}
                                                   << QByteArray("after '--'");
        QTest::newRow("pct not a number") << QStringList{u"set"_qs, u"warning-pct"_qs, u"lots"_qs} << QByteArray("0 to 100");
        QTest::newRow("pct nan") << QStringList{u"set"_qs, u"warning-pct"_qs, u"nan"_qs} << QByteArray("0 to 100");
        QTest::newRow("forecast maybe") << QStringList{u"set"_qs, u"forecast"_qs, u"maybe"_qs} << QByteArray("true or false");
        QTest::newRow("retention 0") << QStringList{u"set"_qs, u"retention-days"_qs, u"0"_qs} << QByteArray("1 to 3650");
        QTest::newRow("retention too long") << QStringList{u"set"_qs, u"retention-days"_qs, u"4000"_qs}
                                            << QByteArray("1 to 3650");
        QTest::newRow("retention fraction") << QStringList{u"set"_qs, u"retention-days"_qs, u"1.5"_qs}
                                            << QByteArray("1 to 3650");
        QTest::newRow("command on two lines") << QStringList{u"set"_qs, u"alert-command"_qs, u"a\nb"_qs}
                                              << QByteArray("alert-command");
    }

    void settingsUsageErrors()
    {
        QFETCH(QStringList, args);
        QFETCH(QByteArray, mention);
        QTemporaryDir home;
        QVERIFY(cli(home, {u"settings"_qs, u"set"_qs, u"warning-pct"_qs, u"30"_qs}).code == 0);
        const QString conf = home.filePath(u"config/headroom/headroom.conf"_qs);
        QFile f(conf);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray before = f.readAll();
        f.close();

        const Run r = cli(home, QStringList{u"settings"_qs} + args);
        QCOMPARE(r.code, 2);
        QVERIFY(r.out.isEmpty());
        QVERIFY2(r.err.startsWith("headroom: settings ") && r.err.count('\n') == 1, r.err.constData());
        QVERIFY2(r.err.contains(mention), r.err.constData());
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll(), before); // a refused value changes nothing
        QCOMPARE(cli(home, {u"settings"_qs, u"get"_qs, u"warning-pct"_qs}).out, QByteArray("30\n"));
    }

    void completion_data()
    {
        QTest::addColumn<QStringList>("words"); // after "headroom"; the last is the word under the cursor
        QTest::addColumn<QStringList>("expected");
        QStringList commands = {u"inspect"_qs, u"account"_qs, u"probe"_qs, u"watch"_qs, u"export"_qs,
                                u"settings"_qs, u"help"_qs};
        QTest::newRow("commands") << QStringList{QString()} << commands;
        QTest::newRow("command prefix") << QStringList{u"se"_qs} << QStringList{u"settings"_qs};
        QTest::newRow("top-level options") << QStringList{u"--"_qs}
                                           << QStringList{u"--help"_qs, u"--version"_qs, u"--demo"_qs};
        QTest::newRow("account subcommands") << QStringList{u"account"_qs, QString()}
                                             << QStringList{u"add"_qs, u"list"_qs, u"remove"_qs};
        QTest::newRow("settings subcommands") << QStringList{u"settings"_qs, u"u"_qs} << QStringList{u"unset"_qs};
        QTest::newRow("help COMMAND") << QStringList{u"help"_qs, u"ac"_qs} << QStringList{u"account"_qs};
        QTest::newRow("help account SUB") << QStringList{u"help"_qs, u"account"_qs, u"r"_qs}
                                          << QStringList{u"remove"_qs};
        QTest::newRow("account add options")
            << QStringList{u"account"_qs, u"add"_qs, u"x"_qs, u"--"_qs}
            << QStringList{u"--provider"_qs, u"--base-url"_qs, u"--probe-path"_qs, u"--param"_qs, u"--interval"_qs,
                           u"--auth"_qs, u"--user"_qs, u"--token-stdin"_qs, u"--help"_qs}
           ;
        QTest::newRow("option prefix") << QStringList{u"account"_qs, u"add"_qs, u"x"_qs, u"--pro"_qs}
                                       << QStringList{u"--provider"_qs, u"--probe-path"_qs};
        QTest::newRow("all provider ids") << QStringList{u"account"_qs, u"add"_qs, u"x"_qs, u"--provider"_qs, QString()}
                                          << Preset::ids();
        QTest::newRow("provider prefix") << QStringList{u"account"_qs, u"add"_qs, u"x"_qs, u"--provider"_qs, u"az"_qs}
                                         << QStringList{u"azure"_qs, u"azure-openai"_qs};
        QTest::newRow("provider after '=' (bash splits it)")
            << QStringList{u"inspect"_qs, u"--provider"_qs, u"="_qs, u"git"_qs}
            << QStringList{u"github"_qs, u"gitlab"_qs};
        QTest::newRow("provider right after '='") << QStringList{u"inspect"_qs, u"--provider"_qs, u"="_qs} << Preset::ids()
                                                 ;
        QTest::newRow("auth schemes") << QStringList{u"account"_qs, u"add"_qs, u"x"_qs, u"--auth"_qs, u"b"_qs}
                                      << QStringList{u"bearer"_qs, u"basic"_qs, u"bot"_qs};
        QTest::newRow("account names for probe") << QStringList{u"probe"_qs, QString()}
                                                 << QStringList{u"alpha"_qs, u"beta"_qs};
        QTest::newRow("account names repeat") << QStringList{u"probe"_qs, u"--json"_qs, u"alpha"_qs, u"b"_qs}
                                              << QStringList{u"beta"_qs};
        QTest::newRow("account remove NAME") << QStringList{u"account"_qs, u"remove"_qs, u"a"_qs}
                                             << QStringList{u"alpha"_qs};
        QTest::newRow("export --account") << QStringList{u"export"_qs, u"--account"_qs, QString()}
                                          << QStringList{u"alpha"_qs, u"beta"_qs};
        QTest::newRow("export --kind") << QStringList{u"export"_qs, u"--kind"_qs, QString()}
                                       << QStringList{u"samples"_qs, u"events"_qs, u"summary"_qs};
        QTest::newRow("settings keys") << QStringList{u"settings"_qs, u"get"_qs, QString()}
                                       << QStringList{u"warning-pct"_qs, u"critical-pct"_qs, u"forecast"_qs,
                                                      u"alert-command"_qs, u"retention-days"_qs}
                                      ;
        QTest::newRow("settings bool value") << QStringList{u"settings"_qs, u"set"_qs, u"forecast"_qs, QString()}
                                             << QStringList{u"true"_qs, u"false"_qs};
        QTest::newRow("file for --out") << QStringList{u"export"_qs, u"--out"_qs, u"compl"_qs}
                                        << QStringList{u"completion-probe.txt"_qs};
        QTest::newRow("file for inspect") << QStringList{u"inspect"_qs, u"compl"_qs}
                                          << QStringList{u"completion-probe.txt"_qs};
        QTest::newRow("nothing after a complete command line") << QStringList{u"settings"_qs, u"get"_qs, u"forecast"_qs, QString()}
                                                               << QStringList();
    }

    void completion()
    {
        QFETCH(QStringList, words);
        QFETCH(QStringList, expected);
        const QTemporaryDir &home = m_completionHome;
        const QString script = QStringLiteral(HEADROOM_SOURCE_DIR) + u"/resources/completion/headroom.bash"_qs;
        QVERIFY(QFileInfo::exists(script));
        QProcessEnvironment env = TestCli::isolatedEnvironment(home);
        env.insert(u"PATH"_qs, QFileInfo(QStringLiteral(HEADROOM_BIN)).absolutePath() + u':' + env.value(u"PATH"_qs));
        QProcess bash;
        bash.setProcessEnvironment(env);
        bash.setWorkingDirectory(home.path());
        const QStringList all = QStringList{u"headroom"_qs} + words;
        const QString program = u"source \"$1\"; shift; COMP_WORDS=(\"$@\"); COMP_CWORD=$(( $# - 1 )); _headroom; "
                                "printf '%s\\n' \"${COMPREPLY[@]}\""_qs;
        bash.start(u"bash"_qs, QStringList{u"-c"_qs, program, u"bash"_qs, script} + all);
        QVERIFY(bash.waitForFinished(30000));
        QCOMPARE(bash.exitCode(), 0);
        QVERIFY2(bash.readAllStandardError().isEmpty(), "the completion must be quiet");
        const QStringList got = QString::fromUtf8(bash.readAllStandardOutput()).split(u'\n', Qt::SkipEmptyParts);
        QCOMPARE(got, expected);
    }
};

QTEST_GUILESS_MAIN(TestCliConventions)
#include "tst_cli_conventions.moc"
