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
        return {QStringLiteral("inspect"),      QStringLiteral("account"),      QStringLiteral("account add"),  QStringLiteral("account list"),
                QStringLiteral("account remove"), QStringLiteral("probe"),      QStringLiteral("watch"),        QStringLiteral("export"),
                QStringLiteral("settings"),     QStringLiteral("settings list"), QStringLiteral("settings get"), QStringLiteral("settings set"),
                QStringLiteral("settings unset"), QStringLiteral("history"),  QStringLiteral("history migrate")};
    }

    static Run cli(const QTemporaryDir &home, const QStringList &args, const QByteArray &stdinData = {})
    {
        QProcessEnvironment e = TestCli::isolatedEnvironment(home);
        e.insert(QStringLiteral("LC_ALL"), QStringLiteral("C.UTF-8"));
        e.remove(QStringLiteral("LANGUAGE"));
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
                *why = QStringLiteral("missing ") + k + QStringLiteral(" in ") + keys.join(u',');
                return false;
            }
        }
        if (keys != expected) {
            *why = keys.join(u',') + QStringLiteral(" is not in the order ") + order.join(u',');
            return false;
        }
        return true;
    }

    static QStringList quotaOrder()
    {
        return {QStringLiteral("resource"), QStringLiteral("limit"),    QStringLiteral("remaining"), QStringLiteral("used"),        QStringLiteral("reset_at"),
                QStringLiteral("window_s"), QStringLiteral("near_limit"), QStringLiteral("unit"),   QStringLiteral("limit_source")};
    }
    static QStringList quotaRequired() { return quotaOrder().mid(0, 8); }

    QTemporaryDir m_home;
    QTemporaryDir m_completionHome; // two accounts and a file, for the completion to offer

private slots:
    void initTestCase()
    {
        QVERIFY(m_home.isValid() && m_completionHome.isValid());
        qRegisterMetaType<QProcess::ExitStatus>();
        for (const QString &name : {QStringLiteral("alpha"), QStringLiteral("beta")}) {
            const Run r = cli(m_completionHome, {QStringLiteral("account"), QStringLiteral("add"), name, QStringLiteral("--provider"), QStringLiteral("github"),
                                                 QStringLiteral("--auth"), QStringLiteral("none")});
            QVERIFY2(r.code == 0, r.err.constData());
        }
        QFile f(m_completionHome.filePath(QStringLiteral("completion-probe.txt")));
        QVERIFY(f.open(QIODevice::WriteOnly));
    }

    void overviewListsEveryCommand()
    {
        const Run r = cli({QStringLiteral("--help")});
        QCOMPARE(r.code, 0);
        QVERIFY(r.err.isEmpty());
        QVERIFY2(r.out.startsWith("Usage: headroom"), r.out.constData());
        for (const QString &path : {QStringLiteral("inspect"), QStringLiteral("account add"), QStringLiteral("account list"), QStringLiteral("account remove"),
                                    QStringLiteral("probe"), QStringLiteral("watch"), QStringLiteral("export"), QStringLiteral("settings"), QStringLiteral("help COMMAND")})
            QVERIFY2(r.out.contains("\n  " + path.toUtf8() + ' '), qPrintable(path));
        QCOMPARE(cli({QStringLiteral("-h")}).out, r.out);
        QCOMPARE(cli({QStringLiteral("help")}).out, r.out);
    }

    void version()
    {
        const Run r = cli({QStringLiteral("--version")});
        QCOMPARE(r.code, 0);
        QVERIFY(r.err.isEmpty());
        QVERIFY2(QRegularExpression(QStringLiteral("^headroom \\d+\\.\\d+\\.\\d+\\n$")).match(QString::fromUtf8(r.out)).hasMatch(),
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
        const Run help = cli(words + QStringList{QStringLiteral("--help")});
        QCOMPARE(help.code, 0);
        QVERIFY2(help.err.isEmpty(), help.err.constData());
        QVERIFY2(help.out.startsWith("Usage: headroom " + path.toUtf8()), help.out.constData());
        QVERIFY(help.out.contains("--help"));
        const Run helpCommand = cli(QStringList{QStringLiteral("help")} + words);
        QCOMPARE(helpCommand.code, 0);
        QCOMPARE(helpCommand.out, help.out);
        QCOMPARE(cli(words + QStringList{QStringLiteral("-h")}).out, help.out);
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
            << QStringList{QStringLiteral("inspect"), QStringLiteral("--provider"), QStringLiteral("github"), QStringLiteral("--now"), QStringLiteral("2026-11-23T12:00:00Z")}
            << QStringList{QStringLiteral("inspect"), QStringLiteral("--provider=github"), QStringLiteral("--now=2026-11-23T12:00:00Z")} << head << 0;
        QTest::newRow("inspect bad --provider")
            << QStringList{QStringLiteral("inspect"), QStringLiteral("--provider"), QStringLiteral("nope")}
            << QStringList{QStringLiteral("inspect"), QStringLiteral("--provider=nope")} << head << 2;
        QTest::newRow("export --kind --out --period")
            << QStringList{QStringLiteral("export"), QStringLiteral("--kind"), QStringLiteral("summary"), QStringLiteral("--period"), QStringLiteral("hour"), QStringLiteral("--out"), QStringLiteral("-")}
            << QStringList{QStringLiteral("export"), QStringLiteral("--kind=summary"), QStringLiteral("--period=hour"), QStringLiteral("--out=-")} << QByteArray() << 0;
        QTest::newRow("export --from")
            << QStringList{QStringLiteral("export"), QStringLiteral("--kind"), QStringLiteral("events"), QStringLiteral("--from"), QStringLiteral("2026-11-01"), QStringLiteral("--out"), QStringLiteral("-")}
            << QStringList{QStringLiteral("export"), QStringLiteral("--kind=events"), QStringLiteral("--from=2026-11-01"), QStringLiteral("--out=-")} << QByteArray() << 0;
        QTest::newRow("watch bad --duration")
            << QStringList{QStringLiteral("watch"), QStringLiteral("--duration"), QStringLiteral("soon")} << QStringList{QStringLiteral("watch"), QStringLiteral("--duration=soon")}
            << QByteArray() << 2;
        QTest::newRow("account add bad --interval")
            << QStringList{QStringLiteral("account"), QStringLiteral("add"), QStringLiteral("x"), QStringLiteral("--provider"), QStringLiteral("github"), QStringLiteral("--interval"), QStringLiteral("5")}
            << QStringList{QStringLiteral("account"), QStringLiteral("add"), QStringLiteral("x"), QStringLiteral("--provider=github"), QStringLiteral("--interval=5")} << QByteArray() << 2;
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
        const Run a = cli(home, {QStringLiteral("account"), QStringLiteral("add"), QStringLiteral("spaced"), QStringLiteral("--provider"), QStringLiteral("generic"), QStringLiteral("--base-url"),
                                 QStringLiteral("http://127.0.0.1:9"), QStringLiteral("--probe-path"), QStringLiteral("/v"), QStringLiteral("--param"), QStringLiteral("k=v"),
                                 QStringLiteral("--interval"), QStringLiteral("60"), QStringLiteral("--auth"), QStringLiteral("none")});
        QVERIFY2(a.code == 0, a.err.constData());
        const Run b = cli(home, {QStringLiteral("account"), QStringLiteral("add"), QStringLiteral("joined"), QStringLiteral("--provider=generic"),
                                 QStringLiteral("--base-url=http://127.0.0.1:9"), QStringLiteral("--probe-path=/v"), QStringLiteral("--param=k=v"),
                                 QStringLiteral("--interval=60"), QStringLiteral("--auth=none")});
        QVERIFY2(b.code == 0, b.err.constData());
        const QJsonArray list = QJsonDocument::fromJson(cli(home, {QStringLiteral("account"), QStringLiteral("list"), QStringLiteral("--json")}).out).array();
        QCOMPARE(list.size(), 2);
        QJsonObject first = list.at(0).toObject(), second = list.at(1).toObject();
        for (const QString &k : {QStringLiteral("id"), QStringLiteral("name")}) {
            first.remove(k);
            second.remove(k);
        }
        QCOMPARE(first, second);
        QCOMPARE(first.value(QStringLiteral("interval_s")).toInt(), 60);
        QCOMPARE(first.value(QStringLiteral("params")).toObject().value(QStringLiteral("k")).toString(), QStringLiteral("v"));
    }

    void usageErrors_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QByteArray>("mention");
        QTest::newRow("unknown command") << QStringList{QStringLiteral("frobnicate")} << QByteArray("frobnicate");
        QTest::newRow("help of an unknown command") << QStringList{QStringLiteral("help"), QStringLiteral("frobnicate")} << QByteArray("frobnicate");
        QTest::newRow("account without subcommand") << QStringList{QStringLiteral("account")} << QByteArray("add, list, remove");
        QTest::newRow("unknown subcommand") << QStringList{QStringLiteral("account"), QStringLiteral("rename")} << QByteArray("rename");
        QTest::newRow("settings without subcommand") << QStringList{QStringLiteral("settings")} << QByteArray("list");
        for (const QString &path : {QStringLiteral("inspect"), QStringLiteral("account add"), QStringLiteral("account list"), QStringLiteral("account remove"),
                                    QStringLiteral("probe"), QStringLiteral("watch"), QStringLiteral("export"), QStringLiteral("settings list"), QStringLiteral("settings get")})
            QTest::addRow("%s: unknown option", qPrintable(path))
                << path.split(u' ') + QStringList{QStringLiteral("--frobnicate")} << QByteArray("--frobnicate");
        QTest::newRow("missing value") << QStringList{QStringLiteral("export"), QStringLiteral("--kind")} << QByteArray("--kind");
        QTest::newRow("value on a flag") << QStringList{QStringLiteral("probe"), QStringLiteral("--json=yes")} << QByteArray("--json");
        QTest::newRow("account add without --provider") << QStringList{QStringLiteral("account"), QStringLiteral("add"), QStringLiteral("x")}
                                                        << QByteArray("--provider");
        QTest::newRow("account add unknown provider")
            << QStringList{QStringLiteral("account"), QStringLiteral("add"), QStringLiteral("x"), QStringLiteral("--provider"), QStringLiteral("nope")} << QByteArray("launchdarkly");
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
        const QString token = QStringLiteral("ghp_C0nv3nt10nsC4n4ryT0k3n0123456789abcd");
        const QStringList add = {QStringLiteral("account"), QStringLiteral("add"), QStringLiteral("x"), QStringLiteral("--provider"), QStringLiteral("github")};
        QTest::newRow("--token VALUE") << add + QStringList{QStringLiteral("--token"), token};
        QTest::newRow("--token=VALUE") << add + QStringList{QStringLiteral("--token=") + token};
        QTest::newRow("before the name") << QStringList{QStringLiteral("account"), QStringLiteral("add"), QStringLiteral("--token=") + token, QStringLiteral("x")};
        QTest::newRow("token as an extra word") << add + QStringList{token};
    }

    void tokenNeverOnTheCommandLine()
    {
        QFETCH(QStringList, args);
        const Run r = cli(args);
        QCOMPARE(r.code, 2);
        QCOMPARE(r.err.count('\n'), 1);
        QVERIFY2(!r.err.contains("C0nv3nt10ns") && !r.out.contains("C0nv3nt10ns"), r.err.constData());
        QVERIFY(TestCli::accountIdIn(cli({QStringLiteral("account"), QStringLiteral("list"), QStringLiteral("--json")}).out, QStringLiteral("x")).isEmpty());
    }

    void providerList()
    {
        const Run r = cli({QStringLiteral("account"), QStringLiteral("add"), QStringLiteral("--help")});
        QCOMPARE(r.code, 0);
        const QStringList ids = Preset::ids();
        QCOMPARE(ids.size(), 21);
        // One entry per provider, after the options: "  id  Name: METHOD /path, free|paid".
        const QString text = QString::fromUtf8(r.out);
        const qsizetype section = text.indexOf(QStringLiteral("\nProviders"));
        QVERIFY(section > 0);
        const QStringList lines = text.mid(section).split(u'\n');
        for (const QString &id : ids) {
            const Preset *p = Preset::find(id);
            const qsizetype at = lines.indexOf(QRegularExpression(QStringLiteral("^  ") + QRegularExpression::escape(id) + QStringLiteral(" .*")));
            QVERIFY2(at >= 0, qPrintable(id));
            // The entry runs on until the next one starts.
            QString entry = lines.at(at);
            for (qsizetype k = at + 1; k < lines.size() && lines.at(k).startsWith(QStringLiteral("    ")); ++k)
                entry += u' ' + lines.at(k).trimmed();
            QVERIFY2(entry.contains(p->displayName + u':'), qPrintable(entry));
            QVERIFY2(entry.contains(p->freeProbe ? QStringLiteral(", free") : QStringLiteral(", paid")), qPrintable(entry));
            if (!p->probeMethod.isEmpty())
                QVERIFY2(entry.contains(p->probeMethod + u' ' + p->probePath), qPrintable(entry));
        }
    }

    void emptyStates()
    {
        QTemporaryDir home;
        Run r = cli(home, {QStringLiteral("account"), QStringLiteral("list")});
        QCOMPARE(r.code, 0);
        QVERIFY(r.out.isEmpty());
        QVERIFY2(r.err.contains("headroom account add NAME --provider ID"), r.err.constData());

        r = cli(home, {QStringLiteral("account"), QStringLiteral("list"), QStringLiteral("--json")});
        QCOMPARE(r.code, 0);
        QCOMPARE(r.out, QByteArray("[]\n"));
        QVERIFY(r.err.isEmpty());

        for (const QStringList &args : {QStringList{QStringLiteral("probe")}, QStringList{QStringLiteral("probe"), QStringLiteral("--json")},
                                        QStringList{QStringLiteral("probe"), QStringLiteral("someone")},
                                        QStringList{QStringLiteral("watch"), QStringLiteral("--duration"), QStringLiteral("1")},
                                        QStringList{QStringLiteral("watch"), QStringLiteral("--json")}}) {
            r = cli(home, args);
            QCOMPARE(r.code, 1);
            QVERIFY(r.out.isEmpty());
            QVERIFY2(r.err.startsWith("headroom: no accounts") && r.err.count('\n') == 1, r.err.constData());
            QVERIFY(r.err.contains("headroom account add"));
        }
        // Nothing was created by merely looking.
        QVERIFY(!QFileInfo::exists(home.filePath(QStringLiteral("data/headroom/history.sqlite"))));
    }

    void jsonKeyOrder()
    {
        const QStringList inspectOrder = {QStringLiteral("provider"), QStringLiteral("status"), QStringLiteral("throttled"), QStringLiteral("retry_after_s"),
                                          QStringLiteral("quotas"), QStringLiteral("warnings")};
        const QStringList probeOrder = {QStringLiteral("account"), QStringLiteral("provider"), QStringLiteral("state"), QStringLiteral("status"), QStringLiteral("quotas"),
                                        QStringLiteral("retry_after_s"), QStringLiteral("probed_at"), QStringLiteral("cost"), QStringLiteral("error"),
                                        QStringLiteral("reason"), QStringLiteral("breaker")};
        const QStringList probeRequired = probeOrder.mid(0, 9);
        const QStringList accountOrder = {QStringLiteral("name"), QStringLiteral("id"), QStringLiteral("provider"), QStringLiteral("base_url"), QStringLiteral("probe_path"),
                                          QStringLiteral("params"), QStringLiteral("auth"), QStringLiteral("user"), QStringLiteral("interval_s"), QStringLiteral("alerts"), QStringLiteral("shared_with")};
        QString why;

        // inspect
        const QByteArray head = "HTTP/1.1 429 Too Many Requests\r\nretry-after: 30\r\nx-ratelimit-limit: 5000\r\n"
                                "x-ratelimit-remaining: 0\r\nx-ratelimit-reset: 1795435500\r\n"
                                "x-ratelimit-resource: core\r\n\r\n";
        Run r = cli({QStringLiteral("inspect"), QStringLiteral("--provider"), QStringLiteral("github")}, head);
        QCOMPARE(r.code, 0);
        QList<QStringList> objects = objectKeys(r.out);
        QVERIFY2(objects.size() == 2, r.out.constData());
        QVERIFY2(ordered(objects.at(0), inspectOrder, inspectOrder, &why), qPrintable(why));
        QVERIFY2(ordered(objects.at(1), quotaOrder(), quotaRequired(), &why), qPrintable(why));

        // account list --json, against a loopback simulator that probe and watch will ask
        QTemporaryDir home;
        SimulatedApi sim;
        SimulatedApi::Endpoint gh;
        gh.prefix = QStringLiteral("/gh");
        gh.dialect = SimulatedApi::Dialect::GitHub;
        sim.addEndpoint(gh);
        QVERIFY(sim.listen());
        r = cli(home, {QStringLiteral("account"), QStringLiteral("add"), QStringLiteral("gh"), QStringLiteral("--provider"), QStringLiteral("github"), QStringLiteral("--auth"), QStringLiteral("none"),
                       QStringLiteral("--base-url"), sim.baseUrl() + QStringLiteral("/gh"), QStringLiteral("--param"), QStringLiteral("org=acme"),
                       QStringLiteral("--interval"), QStringLiteral("600")});
        QVERIFY2(r.code == 0, r.err.constData());
        r = cli(home, {QStringLiteral("account"), QStringLiteral("list"), QStringLiteral("--json")});
        QCOMPARE(r.code, 0);
        QVERIFY2(r.out.startsWith("[{\"name\":\"gh\",\"id\":"), r.out.constData());
        objects = objectKeys(r.out);
        QVERIFY(!objects.isEmpty());
        QVERIFY2(ordered(objects.at(0), accountOrder, {QStringLiteral("name"), QStringLiteral("id"), QStringLiteral("provider"), QStringLiteral("base_url"), QStringLiteral("auth")},
                         &why),
                 qPrintable(why));

        // probe --json and watch --json: one line per probe, quotas included
        for (const QStringList &args : {QStringList{QStringLiteral("probe"), QStringLiteral("--json")},
                                        QStringList{QStringLiteral("watch"), QStringLiteral("--json"), QStringLiteral("--duration"), QStringLiteral("3")}}) {
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
        const QString conf = home.filePath(QStringLiteral("config/headroom/headroom.conf"));
        const QStringList keys = {QStringLiteral("warning-pct"), QStringLiteral("critical-pct"), QStringLiteral("forecast"), QStringLiteral("alert-command"),
                                  QStringLiteral("retention-days"), QStringLiteral("history")};
        Run r = cli(home, {QStringLiteral("settings"), QStringLiteral("list")});
        QCOMPARE(r.code, 0);
        QStringList lines = QString::fromUtf8(r.out).split(u'\n', Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), keys.size());
        for (qsizetype i = 0; i < keys.size(); ++i) {
            QVERIFY2(lines.at(i).startsWith(keys.at(i) + u' '), qPrintable(lines.at(i)));
            QVERIFY2(lines.at(i).endsWith(QStringLiteral("default")), qPrintable(lines.at(i)));
        }
        QCOMPARE(cli(home, {QStringLiteral("settings"), QStringLiteral("get"), QStringLiteral("warning-pct")}).out, QByteArray("20\n"));
        QCOMPARE(cli(home, {QStringLiteral("settings"), QStringLiteral("get"), QStringLiteral("retention-days")}).out, QByteArray("90\n"));
        QVERIFY(!QFileInfo::exists(conf)); // reading creates nothing

        const QList<std::pair<QString, QString>> values = {{QStringLiteral("warning-pct"), QStringLiteral("12.5")},
                                                           {QStringLiteral("critical-pct"), QStringLiteral("2")},
                                                           {QStringLiteral("forecast"), QStringLiteral("false")},
                                                           {QStringLiteral("alert-command"), QStringLiteral("logger -t headroom")},
                                                           {QStringLiteral("retention-days"), QStringLiteral("30")}};
        for (const auto &[key, value] : values) {
            r = cli(home, {QStringLiteral("settings"), QStringLiteral("set"), key, value});
            QVERIFY2(r.code == 0, r.err.constData());
            QCOMPARE(cli(home, {QStringLiteral("settings"), QStringLiteral("get"), key}).out, value.toUtf8() + '\n');
        }
        // Private to the user, and what the alert engine itself reads.
        QCOMPARE(QFileInfo(conf).permissions() & 0x0077, QFileDevice::Permissions());
        QSettings file(conf, QSettings::IniFormat);
        const AlertSettings alerts = AlertSettings::load(file);
        QCOMPARE(alerts.warningPct, 12.5);
        QCOMPARE(alerts.criticalPct, 2.0);
        QCOMPARE(alerts.forecast, false);
        QCOMPARE(alerts.command, QStringLiteral("logger -t headroom"));
        QCOMPARE(file.value(QStringLiteral("history/retention_days")).toInt(), 30);

        r = cli(home, {QStringLiteral("settings"), QStringLiteral("list")});
        lines = QString::fromUtf8(r.out).split(u'\n', Qt::SkipEmptyParts);
        QVERIFY2(lines.at(0).contains(QStringLiteral("12.5")) && lines.at(0).contains(QStringLiteral("set (default: 20)")), qPrintable(lines.at(0)));
        QVERIFY2(lines.at(4).contains(QStringLiteral("30")) && lines.at(4).contains(QStringLiteral("set (default: 90)")), qPrintable(lines.at(4)));

        // Other keys in the file survive a set and an unset.
        r = cli(home, {QStringLiteral("settings"), QStringLiteral("unset"), QStringLiteral("warning-pct")});
        QCOMPARE(r.code, 0);
        QCOMPARE(cli(home, {QStringLiteral("settings"), QStringLiteral("get"), QStringLiteral("warning-pct")}).out, QByteArray("20\n"));
        QCOMPARE(cli(home, {QStringLiteral("settings"), QStringLiteral("get"), QStringLiteral("critical-pct")}).out, QByteArray("2\n"));
        QCOMPARE(cli(home, {QStringLiteral("settings"), QStringLiteral("get"), QStringLiteral("retention-days")}).out, QByteArray("30\n"));
        r = cli(home, {QStringLiteral("settings"), QStringLiteral("set"), QStringLiteral("alert-command"), QString()});
        QCOMPARE(r.code, 0);
        QCOMPARE(cli(home, {QStringLiteral("settings"), QStringLiteral("get"), QStringLiteral("alert-command")}).out, QByteArray("\n"));
    }

    void settingsUsageErrors_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QByteArray>("mention");
        const QByteArray allKeys = "warning-pct, critical-pct, forecast, alert-command, retention-days";
        QTest::newRow("get unknown key") << QStringList{QStringLiteral("get"), QStringLiteral("colour")} << allKeys;
        QTest::newRow("set unknown key") << QStringList{QStringLiteral("set"), QStringLiteral("colour"), QStringLiteral("red")} << allKeys;
        QTest::newRow("unset unknown key") << QStringList{QStringLiteral("unset"), QStringLiteral("colour")} << allKeys;
        QTest::newRow("get without key") << QStringList{QStringLiteral("get")} << QByteArray("KEY");
        QTest::newRow("set without value") << QStringList{QStringLiteral("set"), QStringLiteral("forecast")} << QByteArray("VALUE");
        QTest::newRow("pct above 100") << QStringList{QStringLiteral("set"), QStringLiteral("warning-pct"), QStringLiteral("101")} << QByteArray("0 to 100");
        QTest::newRow("pct below 0") << QStringList{QStringLiteral("set"), QStringLiteral("critical-pct"), QStringLiteral("--"), QStringLiteral("-1")} << QByteArray("0 to 100");
        QTest::newRow("negative value without --") << QStringList{QStringLiteral("set"), QStringLiteral("critical-pct"), QStringLiteral("-1")}
                                                   << QByteArray("after '--'");
        QTest::newRow("pct not a number") << QStringList{QStringLiteral("set"), QStringLiteral("warning-pct"), QStringLiteral("lots")} << QByteArray("0 to 100");
        QTest::newRow("pct nan") << QStringList{QStringLiteral("set"), QStringLiteral("warning-pct"), QStringLiteral("nan")} << QByteArray("0 to 100");
        QTest::newRow("forecast maybe") << QStringList{QStringLiteral("set"), QStringLiteral("forecast"), QStringLiteral("maybe")} << QByteArray("true or false");
        QTest::newRow("retention 0") << QStringList{QStringLiteral("set"), QStringLiteral("retention-days"), QStringLiteral("0")} << QByteArray("1 to 3650");
        QTest::newRow("retention too long") << QStringList{QStringLiteral("set"), QStringLiteral("retention-days"), QStringLiteral("4000")}
                                            << QByteArray("1 to 3650");
        QTest::newRow("retention fraction") << QStringList{QStringLiteral("set"), QStringLiteral("retention-days"), QStringLiteral("1.5")}
                                            << QByteArray("1 to 3650");
        QTest::newRow("command on two lines") << QStringList{QStringLiteral("set"), QStringLiteral("alert-command"), QStringLiteral("a\nb")}
                                              << QByteArray("alert-command");
    }

    void settingsUsageErrors()
    {
        QFETCH(QStringList, args);
        QFETCH(QByteArray, mention);
        QTemporaryDir home;
        QVERIFY(cli(home, {QStringLiteral("settings"), QStringLiteral("set"), QStringLiteral("warning-pct"), QStringLiteral("30")}).code == 0);
        const QString conf = home.filePath(QStringLiteral("config/headroom/headroom.conf"));
        QFile f(conf);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray before = f.readAll();
        f.close();

        const Run r = cli(home, QStringList{QStringLiteral("settings")} + args);
        QCOMPARE(r.code, 2);
        QVERIFY(r.out.isEmpty());
        QVERIFY2(r.err.startsWith("headroom: settings ") && r.err.count('\n') == 1, r.err.constData());
        QVERIFY2(r.err.contains(mention), r.err.constData());
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll(), before); // a refused value changes nothing
        QCOMPARE(cli(home, {QStringLiteral("settings"), QStringLiteral("get"), QStringLiteral("warning-pct")}).out, QByteArray("30\n"));
    }

    void completion_data()
    {
        QTest::addColumn<QStringList>("words"); // after "headroom"; the last is the word under the cursor
        QTest::addColumn<QStringList>("expected");
        QStringList commands = {QStringLiteral("inspect"), QStringLiteral("account"), QStringLiteral("pool"), QStringLiteral("probe"), QStringLiteral("watch"), QStringLiteral("export"),
                                QStringLiteral("settings"), QStringLiteral("history"), QStringLiteral("help")};
        QTest::newRow("commands") << QStringList{QString()} << commands;
        QTest::newRow("command prefix") << QStringList{QStringLiteral("se")} << QStringList{QStringLiteral("settings")};
        QTest::newRow("top-level options") << QStringList{QStringLiteral("--")}
                                           << QStringList{QStringLiteral("--help"), QStringLiteral("--version"), QStringLiteral("--demo")};
        QTest::newRow("account subcommands") << QStringList{QStringLiteral("account"), QString()}
                                             << QStringList{QStringLiteral("add"), QStringLiteral("list"), QStringLiteral("remove")};
        QTest::newRow("settings subcommands") << QStringList{QStringLiteral("settings"), QStringLiteral("u")} << QStringList{QStringLiteral("unset")};
        QTest::newRow("help COMMAND") << QStringList{QStringLiteral("help"), QStringLiteral("ac")} << QStringList{QStringLiteral("account")};
        QTest::newRow("help account SUB") << QStringList{QStringLiteral("help"), QStringLiteral("account"), QStringLiteral("r")}
                                          << QStringList{QStringLiteral("remove")};
        QTest::newRow("account add options")
            << QStringList{QStringLiteral("account"), QStringLiteral("add"), QStringLiteral("x"), QStringLiteral("--")}
            << QStringList{QStringLiteral("--provider"), QStringLiteral("--base-url"), QStringLiteral("--probe-path"), QStringLiteral("--param"), QStringLiteral("--route"), QStringLiteral("--interval"),
                           QStringLiteral("--auth"), QStringLiteral("--user"), QStringLiteral("--token-stdin"), QStringLiteral("--secret-store"), QStringLiteral("--help")}
           ;
        QTest::newRow("option prefix") << QStringList{QStringLiteral("account"), QStringLiteral("add"), QStringLiteral("x"), QStringLiteral("--pro")}
                                       << QStringList{QStringLiteral("--provider"), QStringLiteral("--probe-path")};
        QTest::newRow("all provider ids") << QStringList{QStringLiteral("account"), QStringLiteral("add"), QStringLiteral("x"), QStringLiteral("--provider"), QString()}
                                          << Preset::ids();
        QTest::newRow("provider prefix") << QStringList{QStringLiteral("account"), QStringLiteral("add"), QStringLiteral("x"), QStringLiteral("--provider"), QStringLiteral("az")}
                                         << QStringList{QStringLiteral("azure"), QStringLiteral("azure-openai")};
        QTest::newRow("provider after '=' (bash splits it)")
            << QStringList{QStringLiteral("inspect"), QStringLiteral("--provider"), QStringLiteral("="), QStringLiteral("git")}
            << QStringList{QStringLiteral("github"), QStringLiteral("gitlab")};
        QTest::newRow("provider right after '='") << QStringList{QStringLiteral("inspect"), QStringLiteral("--provider"), QStringLiteral("=")} << Preset::ids()
                                                 ;
        QTest::newRow("auth schemes") << QStringList{QStringLiteral("account"), QStringLiteral("add"), QStringLiteral("x"), QStringLiteral("--auth"), QStringLiteral("b")}
                                      << QStringList{QStringLiteral("bearer"), QStringLiteral("basic"), QStringLiteral("bot")};
        QTest::newRow("account names for probe") << QStringList{QStringLiteral("probe"), QString()}
                                                 << QStringList{QStringLiteral("alpha"), QStringLiteral("beta")};
        QTest::newRow("account names repeat") << QStringList{QStringLiteral("probe"), QStringLiteral("--json"), QStringLiteral("alpha"), QStringLiteral("b")}
                                              << QStringList{QStringLiteral("beta")};
        QTest::newRow("account remove NAME") << QStringList{QStringLiteral("account"), QStringLiteral("remove"), QStringLiteral("a")}
                                             << QStringList{QStringLiteral("alpha")};
        QTest::newRow("export --account") << QStringList{QStringLiteral("export"), QStringLiteral("--account"), QString()}
                                          << QStringList{QStringLiteral("alpha"), QStringLiteral("beta")};
        QTest::newRow("export --kind") << QStringList{QStringLiteral("export"), QStringLiteral("--kind"), QString()}
                                       << QStringList{QStringLiteral("samples"), QStringLiteral("events"), QStringLiteral("summary")};
        QTest::newRow("settings keys") << QStringList{QStringLiteral("settings"), QStringLiteral("get"), QString()}
                                       << QStringList{QStringLiteral("warning-pct"), QStringLiteral("critical-pct"), QStringLiteral("forecast"),
                                                      QStringLiteral("alert-command"), QStringLiteral("retention-days"),
                                                      QStringLiteral("history")}
                                      ;
        QTest::newRow("settings bool value") << QStringList{QStringLiteral("settings"), QStringLiteral("set"), QStringLiteral("forecast"), QString()}
                                             << QStringList{QStringLiteral("true"), QStringLiteral("false")};
        QTest::newRow("file for --out") << QStringList{QStringLiteral("export"), QStringLiteral("--out"), QStringLiteral("compl")}
                                        << QStringList{QStringLiteral("completion-probe.txt")};
        QTest::newRow("file for inspect") << QStringList{QStringLiteral("inspect"), QStringLiteral("compl")}
                                          << QStringList{QStringLiteral("completion-probe.txt")};
        QTest::newRow("nothing after a complete command line") << QStringList{QStringLiteral("settings"), QStringLiteral("get"), QStringLiteral("forecast"), QString()}
                                                               << QStringList();
    }

    void completion()
    {
        QFETCH(QStringList, words);
        QFETCH(QStringList, expected);
        const QTemporaryDir &home = m_completionHome;
        const QString script = QStringLiteral(HEADROOM_SOURCE_DIR) + QStringLiteral("/resources/completion/headroom.bash");
        QVERIFY(QFileInfo::exists(script));
        QProcessEnvironment env = TestCli::isolatedEnvironment(home);
        env.insert(QStringLiteral("PATH"), QFileInfo(QStringLiteral(HEADROOM_BIN)).absolutePath() + u':' + env.value(QStringLiteral("PATH")));
        QProcess bash;
        bash.setProcessEnvironment(env);
        bash.setWorkingDirectory(home.path());
        const QStringList all = QStringList{QStringLiteral("headroom")} + words;
        const QString program = QStringLiteral("source \"$1\"; shift; COMP_WORDS=(\"$@\"); COMP_CWORD=$(( $# - 1 )); _headroom; "
                                "printf '%s\\n' \"${COMPREPLY[@]}\"");
        bash.start(QStringLiteral("bash"), QStringList{QStringLiteral("-c"), program, QStringLiteral("bash"), script} + all);
        QVERIFY(bash.waitForFinished(30000));
        QCOMPARE(bash.exitCode(), 0);
        QVERIFY2(bash.readAllStandardError().isEmpty(), "the completion must be quiet");
        const QStringList got = QString::fromUtf8(bash.readAllStandardOutput()).split(u'\n', Qt::SkipEmptyParts);
        QCOMPARE(got, expected);
    }
};

QTEST_GUILESS_MAIN(TestCliConventions)
#include "tst_cli_conventions.moc"
