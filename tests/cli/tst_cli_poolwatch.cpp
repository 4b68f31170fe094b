// Pools against the loopback simulator through the real binary, one `watch --json` of about six
// probes per account (every 10 s): two independent 600-a-minute tokens read 1,200 and are never
// joined; two tokens drawing from one 5,000/h bucket read 5,000 and are listed as sharing it
// within 5 probes; a pool with one token nearly out and the other idle raises one "imbalanced"
// alert, recorded under pool:NAME, not one per probe. `--auth none` keeps the keychain out: the
// simulator counts what reaches one path prefix against one bucket, whoever sends it.

#include "clirunner.h"
#include "sim/simulatedapi.h"

#include <QtTest>

using TestCli::Run;

class TestCliPoolWatch : public QObject
{
    Q_OBJECT

    QTemporaryDir m_home;
    SimulatedApi m_sim;
    QList<QJsonObject> m_poolLines;
    QByteArray m_events;

    Run cli(const QStringList &args, int timeoutMs = 60000)
    {
        return TestCli::run(QStringLiteral(HEADROOM_BIN), args, TestCli::isolatedEnvironment(m_home), {}, timeoutMs);
    }
    void add(const QString &name, const QString &provider, const QString &prefix, const QString &probePath)
    {
        QStringList args{QStringLiteral("account"), QStringLiteral("add"), name, QStringLiteral("--provider"), provider,
                         QStringLiteral("--auth"), QStringLiteral("none"), QStringLiteral("--base-url"),
                         m_sim.baseUrl() + prefix, QStringLiteral("--interval"), QStringLiteral("10")};
        if (!probePath.isEmpty())
            args << QStringLiteral("--probe-path") << probePath;
        const Run r = cli(args);
        QVERIFY2(r.code == 0, r.err.constData());
    }
    QList<QJsonObject> linesOf(const QString &pool) const
    {
        QList<QJsonObject> out;
        for (const QJsonObject &o : m_poolLines)
            if (o.value(QStringLiteral("pool")).toString() == pool)
                out << o;
        return out;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_home.isValid());
        using E = SimulatedApi::Endpoint;
        // Two independent 600-a-minute buckets, drawn at 0.5 and 4 a second.
        m_sim.addEndpoint(E::quota(QStringLiteral("/p1"), SimulatedApi::Dialect::Generic,
                                   SimulatedApi::QuotaModel::FixedWindow, 600, 60, 0.5));
        m_sim.addEndpoint(E::quota(QStringLiteral("/p2"), SimulatedApi::Dialect::Generic,
                                   SimulatedApi::QuotaModel::FixedWindow, 600, 60, 4));
        // One 5,000/h bucket both GitHub tokens draw from, busy at 3 a second.
        m_sim.addEndpoint(E::quota(QStringLiteral("/gh"), SimulatedApi::Dialect::GitHub,
                                   SimulatedApi::QuotaModel::FixedWindow, 5000, 3600, 3));
        // 600 an hour each: w1 nearly out (10 left, under the critical 5 %), w2 idle.
        for (const QString &p : {QStringLiteral("/w1"), QStringLiteral("/w2")}) {
            E e = E::quota(p, SimulatedApi::Dialect::Generic, SimulatedApi::QuotaModel::FixedWindow, 600, 3600, 0);
            e.probeCost = 0;
            m_sim.addEndpoint(e);
        }
        QVERIFY(m_sim.listen());
        m_sim.consume(QStringLiteral("/w1"), 590);

        add(QStringLiteral("p-one"), QStringLiteral("generic"), QStringLiteral("/p1"), QStringLiteral("/v"));
        add(QStringLiteral("p-two"), QStringLiteral("generic"), QStringLiteral("/p2"), QStringLiteral("/v"));
        add(QStringLiteral("gh-a"), QStringLiteral("github"), QStringLiteral("/gh"), {});
        add(QStringLiteral("gh-b"), QStringLiteral("github"), QStringLiteral("/gh"), {});
        add(QStringLiteral("w1"), QStringLiteral("generic"), QStringLiteral("/w1"), QStringLiteral("/v"));
        add(QStringLiteral("w2"), QStringLiteral("generic"), QStringLiteral("/w2"), QStringLiteral("/v"));
        for (const QStringList &pool : {QStringList{QStringLiteral("pair"), QStringLiteral("p-one"), QStringLiteral("p-two")},
                                        QStringList{QStringLiteral("bots"), QStringLiteral("gh-a"), QStringLiteral("gh-b")},
                                        QStringList{QStringLiteral("workers"), QStringLiteral("w1"), QStringLiteral("w2")}}) {
            const Run r = cli(QStringList{QStringLiteral("pool"), QStringLiteral("add")} + pool);
            QVERIFY2(r.code == 0, r.err.constData());
        }

        const Run r = cli({QStringLiteral("watch"), QStringLiteral("--json"), QStringLiteral("--duration"), QStringLiteral("58")},
                          120000);
        QVERIFY2(r.code == 0, r.err.constData());
        for (const QByteArray &line : r.out.trimmed().split('\n')) {
            const QJsonObject o = QJsonDocument::fromJson(line).object();
            if (o.contains(QStringLiteral("pool")))
                m_poolLines << o;
        }
        const Run events = cli({QStringLiteral("export"), QStringLiteral("--kind"), QStringLiteral("events"),
                                QStringLiteral("--out"), QStringLiteral("-")});
        QVERIFY2(events.code == 0, events.err.constData());
        m_events = events.out;
    }

    void independentTokensAddUp()
    {
        const QList<QJsonObject> lines = linesOf(QStringLiteral("pair"));
        QVERIFY2(lines.size() >= 4, QByteArray::number(lines.size()).constData());
        for (const QJsonObject &l : lines) {
            const QJsonObject q = l.value(QStringLiteral("quotas")).toArray().first().toObject();
            QCOMPARE(q.value(QStringLiteral("limit")).toInteger(), 1200);
            QCOMPARE(q.value(QStringLiteral("buckets")).toInt(), 2);
            QCOMPARE(l.value(QStringLiteral("shared")).toArray().size(), 0);
            QCOMPARE(l.value(QStringLiteral("explanation")).toString(), QString());
        }
    }

    void sharedBucketFoundWithinFiveProbes()
    {
        const QList<QJsonObject> lines = linesOf(QStringLiteral("bots"));
        QVERIFY2(lines.size() >= 5, QByteArray::number(lines.size()).constData());
        qsizetype found = -1;
        for (qsizetype i = 0; i < lines.size() && found < 0; ++i)
            if (!lines.at(i).value(QStringLiteral("shared")).toArray().isEmpty())
                found = i;
        // A pool line follows a round in which every member was probed once.
        QVERIFY2(found >= 0 && found < 5, QByteArray::number(found).constData());
        qInfo("shared from pool line %d of %d: %s", int(found + 1), int(lines.size()),
              qPrintable(lines.at(found).value(QStringLiteral("explanation")).toString()));
        for (qsizetype i = found; i < lines.size(); ++i) {
            const QJsonObject &l = lines.at(i);
            QCOMPARE(l.value(QStringLiteral("shared")).toArray(),
                     QJsonArray({QJsonValue(QJsonArray{QStringLiteral("gh-a"), QStringLiteral("gh-b")})}));
            const QJsonObject core = l.value(QStringLiteral("quotas")).toArray().first().toObject();
            QCOMPARE(core.value(QStringLiteral("resource")).toString(), QStringLiteral("core"));
            QCOMPARE(core.value(QStringLiteral("limit")).toInteger(), 5000);
            QCOMPARE(core.value(QStringLiteral("buckets")).toInt(), 1);
            const QString why = l.value(QStringLiteral("explanation")).toString();
            QVERIFY2(why.startsWith(QStringLiteral("2 GitHub tokens draw from one 5")) && why.contains(QStringLiteral("not 10")),
                     qPrintable(why));
        }
    }

    // Afterwards `account list` finds the shared bucket again in the stored readings.
    void accountListFindsItInTheHistory()
    {
        Run r = cli({QStringLiteral("account"), QStringLiteral("list"), QStringLiteral("--json")});
        QVERIFY2(r.code == 0, r.err.constData());
        QHash<QString, QJsonArray> sharedWith;
        for (const QJsonValue &v : QJsonDocument::fromJson(r.out).array())
            sharedWith.insert(v[QStringLiteral("name")].toString(), v[QStringLiteral("shared_with")].toArray());
        QCOMPARE(sharedWith.value(QStringLiteral("gh-a")), QJsonArray{QStringLiteral("gh-b")});
        QCOMPARE(sharedWith.value(QStringLiteral("gh-b")), QJsonArray{QStringLiteral("gh-a")});
        for (const char *alone : {"p-one", "p-two", "w1", "w2"})
            QCOMPARE(sharedWith.value(QString::fromLatin1(alone)), QJsonArray());
        r = cli({QStringLiteral("account"), QStringLiteral("list")});
        QVERIFY2(r.code == 0, r.err.constData());
        const QByteArray ghA = r.out.split('\n').value(2);
        QVERIFY2(ghA.startsWith("gh-a\t") && ghA.endsWith("\tshares one 5,000/h bucket with gh-b"), ghA.constData());
    }

    void imbalancedPoolAlertsOnce()
    {
        const QList<QJsonObject> lines = linesOf(QStringLiteral("workers"));
        QVERIFY2(lines.size() >= 4, QByteArray::number(lines.size()).constData());
        for (const QJsonObject &l : lines)
            QVERIFY(l.value(QStringLiteral("imbalanced")).toBool());
        int imbalanced = 0;
        for (const QByteArray &row : m_events.split('\n'))
            if (row.contains("imbalanced/")) {
                ++imbalanced;
                QVERIFY2(row.contains("pool:workers"), row.constData());
            }
        QVERIFY2(imbalanced == 1, m_events.constData());
    }
};

QTEST_GUILESS_MAIN(TestCliPoolWatch)
#include "tst_cli_poolwatch.moc"
