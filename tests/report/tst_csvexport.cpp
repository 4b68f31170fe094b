// CSV reports: the writer, the exporter and `headroom export`, read back by a strict RFC 4180
// reader written here.
#include "engine/proberecord.h"
#include "history/historystore.h"
#include "report/csvexporter.h"
#include "report/csvwriter.h"

#include <QBuffer>
#include <QProcess>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QtTest>

#include <sys/stat.h>

namespace {

const qint64 kT0 = 1795435200000; // 2026-11-23T12:00:00Z
const qint64 kMin = 60000;

// RFC 4180, strictly: records end with CRLF (also the last), quoted fields may hold anything
// with quotes doubled, an unquoted field holds no quote, CR or LF. Fails on anything else.
struct StrictCsv
{
    QList<QStringList> rows;
    QString error;

    static StrictCsv parse(const QByteArray &data)
    {
        StrictCsv out;
        QStringList row;
        QByteArray field;
        qsizetype i = 0;
        const qsizetype n = data.size();
        auto endField = [&] {
            row << QString::fromUtf8(field);
            field.clear();
        };
        while (i < n) {
            if (data[i] == '"') {
                ++i;
                bool closed = false;
                while (i < n) {
                    if (data[i] == '"') {
                        if (i + 1 < n && data[i + 1] == '"') {
                            field += '"';
                            i += 2;
                            continue;
                        }
                        ++i;
                        closed = true;
                        break;
                    }
                    field += data[i++];
                }
                if (!closed) {
                    out.error = QStringLiteral("unterminated quote");
                    return out;
                }
            } else {
                while (i < n && data[i] != ',' && data[i] != '\r' && data[i] != '\n') {
                    if (data[i] == '"') {
                        out.error = QStringLiteral("quote inside an unquoted field at %1").arg(i);
                        return out;
                    }
                    field += data[i++];
                }
            }
            if (i >= n) {
                out.error = QStringLiteral("last record without CRLF");
                return out;
            }
            if (data[i] == ',') {
                endField();
                ++i;
                continue;
            }
            if (data[i] == '\r' && i + 1 < n && data[i + 1] == '\n') {
                endField();
                out.rows << row;
                row.clear();
                i += 2;
                continue;
            }
            out.error = QStringLiteral("bare CR or LF, or text after a closing quote, at %1").arg(i);
            return out;
        }
        return out;
    }
};

Sample mk(const QString &account, const QString &resource, qint64 t, std::optional<qint64> remaining,
          std::optional<qint64> limit)
{
    Sample s;
    s.accountId = account;
    s.resource = resource;
    s.time = QDateTime::fromMSecsSinceEpoch(t, Qt::UTC);
    s.remaining = remaining;
    s.limit = limit;
    return s;
}

QByteArray exportBytes(HistoryStore &store, const CsvExporter::Options &o)
{
    QBuffer buf;
    buf.open(QIODevice::WriteOnly);
    CsvExporter exporter(&store);
    QString error;
    if (!exporter.write(o, &buf, &error))
        qWarning() << error;
    return buf.data();
}

const QStringList kFormulaPayloads = {
    QStringLiteral("=1+1"),
    QStringLiteral("=HYPERLINK(\"http://127.0.0.1/x?\"&A1,\"c\")"),
    QStringLiteral("+1+1"),
    QStringLiteral("-1+1"),
    QStringLiteral("@SUM(1,1)"),
    QStringLiteral("\t=1+1"),
    QStringLiteral("\r=1+1"),
    QStringLiteral("\n=1"),
    QString(QChar(0)) + QStringLiteral("=1"),
    QStringLiteral("a,=1+1"),
    QStringLiteral("a\";=1+1"),
};

// A device that records how much it was handed per write, to see that the writer streams.
class CountingDevice : public QIODevice
{
public:
    qint64 total = 0;
    qint64 largestWrite = 0;
    int writes = 0;

protected:
    qint64 readData(char *, qint64) override { return -1; }
    qint64 writeData(const char *, qint64 len) override
    {
        total += len;
        largestWrite = std::max(largestWrite, len);
        ++writes;
        return len;
    }
};

} // namespace

class TestCsvExport : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init()
    {
        QVERIFY(m_dir.isValid());
        m_data = m_dir.filePath(QStringLiteral("x%1/data").arg(++m_n));
        m_path = m_data + QStringLiteral("/headroom/history.sqlite");
    }

    void escape_data()
    {
        QTest::addColumn<QString>("in");
        QTest::addColumn<QByteArray>("out");
        QTest::newRow("plain") << QStringLiteral("core") << QByteArray("core");
        QTest::newRow("empty") << QString() << QByteArray("");
        QTest::newRow("comma") << QStringLiteral("a,b") << QByteArray("\"a,b\"");
        QTest::newRow("quote") << QStringLiteral("say \"hi\"") << QByteArray("\"say \"\"hi\"\"\"");
        QTest::newRow("crlf") << QStringLiteral("a\r\nb") << QByteArray("\"a\r\nb\"");
        QTest::newRow("lf") << QStringLiteral("a\nb") << QByteArray("\"a\nb\"");
        QTest::newRow("formula on the next line") << QStringLiteral("a\r\n=1") << QByteArray("\"'a\r\n=1\"");
        QTest::newRow("equals") << QStringLiteral("=1+1") << QByteArray("'=1+1");
        QTest::newRow("plus") << QStringLiteral("+1") << QByteArray("'+1");
        QTest::newRow("minus") << QStringLiteral("-1") << QByteArray("'-1");
        QTest::newRow("at") << QStringLiteral("@x") << QByteArray("'@x");
        QTest::newRow("tab") << QStringLiteral("\tx") << QByteArray("'\tx");
        QTest::newRow("cr") << QStringLiteral("\rx") << QByteArray("\"'\rx\"");
        QTest::newRow("lf first") << QStringLiteral("\nx") << QByteArray("\"'\nx\"");
        QTest::newRow("formula with quotes") << QStringLiteral("=1+2\";=1+2") << QByteArray("\"'=1+2\"\";=1+2\"");
        QTest::newRow("formula after comma") << QStringLiteral("a,=1+1") << QByteArray("\"'a,=1+1\"");
        QTest::newRow("dash inside") << QStringLiteral("my-account") << QByteArray("my-account");
        QTest::newRow("emoji") << QStringLiteral("🚀 quota") << QByteArray("🚀 quota");
        QTest::newRow("rtl") << QStringLiteral("حساب العمل") << QByteArray("حساب العمل");
    }

    void escape()
    {
        QFETCH(QString, in);
        QFETCH(QByteArray, out);
        QCOMPARE(CsvWriter::escape(in.toUtf8()), out);
    }

    void isoTimes_data()
    {
        QTest::addColumn<qint64>("ms");
        QTest::newRow("epoch") << qint64(0);
        QTest::newRow("t0") << kT0;
        QTest::newRow("millis") << kT0 + 5;
        QTest::newRow("leap day") << QDateTime(QDate(2028, 2, 29), QTime(23, 59, 59, 999), Qt::UTC).toMSecsSinceEpoch();
        QTest::newRow("before epoch") << qint64(-1500);
        QTest::newRow("year 2100") << QDateTime(QDate(2100, 3, 1), QTime(0, 0), Qt::UTC).toMSecsSinceEpoch();
    }

    void isoTimes()
    {
        QFETCH(qint64, ms);
        QByteArray out;
        CsvWriter::appendIsoUtc(out, ms);
        const QDateTime t = QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC);
        const QString expected = t.toString(ms % 1000 ? QStringLiteral("yyyy-MM-ddTHH:mm:ss.zzzZ")
                                                      : QStringLiteral("yyyy-MM-ddTHH:mm:ssZ"));
        QCOMPARE(QString::fromLatin1(out), expected);
        QCOMPARE(QDateTime::fromString(QString::fromLatin1(out), Qt::ISODateWithMs), t);
    }

    void parseInstant_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<qint64>("ms"); // -1: invalid
        QTest::newRow("date = local midnight (TZ=UTC)") << QStringLiteral("2026-11-23") << (kT0 - 12 * 3600 * 1000);
        QTest::newRow("instant Z") << QStringLiteral("2026-11-23T12:00:00Z") << kT0;
        QTest::newRow("offset") << QStringLiteral("2026-11-23T13:00:00+01:00") << kT0;
        QTest::newRow("millis") << QStringLiteral("2026-11-23T12:00:00.250Z") << kT0 + 250;
        QTest::newRow("garbage") << QStringLiteral("yesterday") << qint64(-1);
        QTest::newRow("bad date") << QStringLiteral("2026-13-01") << qint64(-1);
        QTest::newRow("empty") << QString() << qint64(-1);
    }

    void parseInstant()
    {
        QFETCH(QString, text);
        QFETCH(qint64, ms);
        const auto t = CsvExporter::parseInstant(text);
        if (ms < 0) {
            QVERIFY(!t.has_value());
        } else {
            QVERIFY(t.has_value());
            QCOMPARE(t->toMSecsSinceEpoch(), ms);
        }
    }

    // A small fixture, byte for byte.
    void exactOutput()
    {
        HistoryStore store;
        QVERIFY(store.open(m_path));
        QVERIFY(store.registerAccount(QStringLiteral("id-a"), QStringLiteral("Alpha"), QStringLiteral("github")));
        QVERIFY(store.registerAccount(QStringLiteral("id-b"), QStringLiteral("=evil"), QStringLiteral("generic")));
        Sample a1 = mk(QStringLiteral("id-a"), QStringLiteral("core"), kT0, 4999, 5000);
        a1.used = 1;
        a1.resetAt = QDateTime::fromMSecsSinceEpoch(kT0 + 3600 * 1000, Qt::UTC);
        a1.status = 200;
        a1.cost = 1;
        Sample a2 = mk(QStringLiteral("id-a"), QStringLiteral("core"), kT0 + 60500, std::nullopt, std::nullopt);
        Sample b1 = mk(QStringLiteral("id-b"), QStringLiteral("rate, limit"), kT0, 10, 100);
        b1.status = 429;
        QVERIFY(store.appendSamples({a1, a2, b1}));
        Event e1;
        e1.accountId = QStringLiteral("id-a");
        e1.time = QDateTime::fromMSecsSinceEpoch(kT0, Qt::UTC);
        e1.kind = EventKind::Throttled;
        e1.status = 429;
        e1.retryAfterS = 120.5;
        Event e2;
        e2.accountId = QStringLiteral("id-b");
        e2.time = QDateTime::fromMSecsSinceEpoch(kT0 + 1000, Qt::UTC);
        e2.kind = EventKind::Error;
        e2.detail = QStringLiteral("-1 bad\nline");
        QVERIFY(store.appendEvents({e1, e2}));

        CsvExporter::Options o;
        o.kind = CsvExporter::Kind::Samples;
        QCOMPARE(exportBytes(store, o),
                 QByteArray("time_utc,account,provider,resource,limit,remaining,used,reset_at_utc,status,cost\r\n"
                            "2026-11-23T12:00:00Z,Alpha,github,core,5000,4999,1,2026-11-23T13:00:00Z,200,1\r\n"
                            "2026-11-23T12:01:00.500Z,Alpha,github,core,,,,,,0\r\n"
                            "2026-11-23T12:00:00Z,'=evil,generic,\"rate, limit\",100,10,,,429,0\r\n"));
        o.kind = CsvExporter::Kind::Events;
        QCOMPARE(exportBytes(store, o),
                 QByteArray("time_utc,account,provider,kind,status,retry_after_s,detail\r\n"
                            "2026-11-23T12:00:00Z,Alpha,github,throttled,429,120.5,\r\n"
                            "2026-11-23T12:00:01Z,'=evil,generic,error,,,\"'-1 bad\nline\"\r\n"));
        o.kind = CsvExporter::Kind::Summary;
        QCOMPARE(exportBytes(store, o),
                 QByteArray("period_start_utc,period_end_utc,account,provider,resource,samples,limit,min_remaining,"
                            "min_remaining_pct,max_used,throttled_count,minutes_below_warning,monitor_cost\r\n"
                            "2026-11-23T00:00:00Z,2026-11-24T00:00:00Z,Alpha,github,core,2,5000,4999,99.98,1,1,0,1\r\n"
                            "2026-11-23T00:00:00Z,2026-11-24T00:00:00Z,'=evil,generic,\"rate, limit\",1,100,10,10.00,,0,"
                            "0,0\r\n"));
        // Filters: account by name, time range half-open.
        o.kind = CsvExporter::Kind::Samples;
        o.accounts = {QStringLiteral("Alpha")};
        o.from = QDateTime::fromMSecsSinceEpoch(kT0 + 1, Qt::UTC);
        QCOMPARE(exportBytes(store, o).count("\r\n"), 2);
        o.to = QDateTime::fromMSecsSinceEpoch(kT0 + 60500, Qt::UTC);
        QCOMPARE(exportBytes(store, o).count("\r\n"), 1);
    }

    void summarySemantics()
    {
        HistoryStore store;
        QVERIFY(store.open(m_path));
        QVERIFY(store.registerAccount(QStringLiteral("a"), QStringLiteral("A"), QStringLiteral("github")));
        // 12:00 100/1000 (below 20 %), 12:30 900, 12:45 50 (below), 13:10 500.
        QList<Sample> list{mk(QStringLiteral("a"), QStringLiteral("core"), kT0, 100, 1000),
                           mk(QStringLiteral("a"), QStringLiteral("core"), kT0 + 30 * kMin, 900, 1000),
                           mk(QStringLiteral("a"), QStringLiteral("core"), kT0 + 45 * kMin, 50, 1000),
                           mk(QStringLiteral("a"), QStringLiteral("core"), kT0 + 70 * kMin, 500, 2000)};
        list[0].cost = 1;
        list[1].cost = 1;
        list[2].status = 403; // rate-limit 403 with remaining 0? no: remaining 50, not a throttle
        list[3].status = 429;
        list[3].used = 1500;
        list[3].cost = 1;
        QVERIFY(store.appendSamples(list));
        CsvExporter::Options o;
        o.kind = CsvExporter::Kind::Summary;
        StrictCsv day = StrictCsv::parse(exportBytes(store, o));
        QVERIFY2(day.error.isEmpty(), qPrintable(day.error));
        QCOMPARE(day.rows.size(), 2);
        QCOMPARE(day.rows[1],
                 (QStringList{QStringLiteral("2026-11-23T00:00:00Z"), QStringLiteral("2026-11-24T00:00:00Z"),
                              QStringLiteral("A"), QStringLiteral("github"), QStringLiteral("core"), QStringLiteral("4"),
                              QStringLiteral("2000"), QStringLiteral("50"), QStringLiteral("5.00"),
                              QStringLiteral("1500"), QStringLiteral("0"), QStringLiteral("55"), QStringLiteral("3")}));
        o.period = CsvExporter::Period::Hour;
        StrictCsv hour = StrictCsv::parse(exportBytes(store, o));
        QVERIFY2(hour.error.isEmpty(), qPrintable(hour.error));
        QCOMPARE(hour.rows.size(), 3);
        QCOMPARE(hour.rows[1].mid(0, 2), (QStringList{QStringLiteral("2026-11-23T12:00:00Z"),
                                                      QStringLiteral("2026-11-23T13:00:00Z")}));
        QCOMPARE(hour.rows[1].mid(5), (QStringList{QStringLiteral("3"), QStringLiteral("1000"), QStringLiteral("50"),
                                                   QStringLiteral("5.00"), QString(), QStringLiteral("0"),
                                                   QStringLiteral("45"), QStringLiteral("2")}));
        // A sample's 429 status is no throttle of its own: throttles are the Throttled events.
        QCOMPARE(hour.rows[2].mid(5), (QStringList{QStringLiteral("1"), QStringLiteral("2000"), QStringLiteral("500"),
                                                   QStringLiteral("25.00"), QStringLiteral("1500"), QStringLiteral("0"),
                                                   QStringLiteral("10"), QStringLiteral("1")}));
    }

    // One throttle is one refused probe (a 429, or a provider's rate-limit 403), recorded as one
    // Throttled event. The summary's throttled_count, the event log (events()) and the chart's
    // marks (series().throttles) count the same events; samples that merely carry a 429 status
    // (a back-filled history, every sample of a refused multi-resource probe) add nothing.
    void throttleCountsAgree_data()
    {
        QTest::addColumn<int>("withQuotas");    // refused probes whose answer still held quotas
        QTest::addColumn<int>("withoutQuotas"); // refused probes that left no sample
        QTest::newRow("none") << 0 << 0;
        QTest::newRow("with readings") << 7 << 0;
        QTest::newRow("without readings") << 0 << 3;
        QTest::newRow("both") << 12 << 5;
    }

    void throttleCountsAgree()
    {
        QFETCH(int, withQuotas);
        QFETCH(int, withoutQuotas);
        HistoryStore store;
        QVERIFY(store.open(m_path));
        QVERIFY(store.registerAccount(QStringLiteral("p"), QStringLiteral("pipelines"), QStringLiteral("github")));
        auto probe = [](qint64 t, bool throttled, bool quotas) {
            ProbeResult r;
            r.accountId = QStringLiteral("p");
            r.accountName = QStringLiteral("pipelines");
            r.provider = QStringLiteral("github");
            r.probedAt = QDateTime::fromMSecsSinceEpoch(t, Qt::UTC);
            r.state = throttled ? AccountState::Throttled : AccountState::Ok;
            r.reading.status = throttled ? 429 : 200;
            r.reading.throttled = throttled;
            if (throttled)
                r.error = QStringLiteral("429 Too Many Requests");
            if (quotas) {
                for (const QString &resource : {QStringLiteral("core"), QStringLiteral("search")}) {
                    Quota q;
                    q.resource = resource;
                    q.limit = 5000;
                    q.remaining = throttled ? 0 : 4000;
                    r.reading.quotas << q;
                }
            }
            return r;
        };
        // Ok probes every 10 minutes from 12:00; the refused ones in between, some in an hour
        // (18:00 on) that holds no reading at all.
        for (int i = 0; i < 30; ++i)
            QVERIFY(store.record(toHistory(probe(kT0 + i * 10 * kMin, false, true))));
        for (int i = 0; i < withQuotas; ++i)
            QVERIFY(store.record(toHistory(probe(kT0 + i * 10 * kMin + 5 * kMin, true, true))));
        for (int i = 0; i < withoutQuotas; ++i)
            QVERIFY(store.record(toHistory(probe(kT0 + 6 * 60 * kMin + i * kMin, true, false))));
        // A back-filled stretch of 429 samples without events: readings, not refusals.
        QList<Sample> backfill;
        for (int i = 0; i < 40; ++i) {
            Sample s = mk(QStringLiteral("p"), QStringLiteral("core"), kT0 - 3 * 60 * kMin + i * kMin, 0, 5000);
            s.status = 429;
            backfill << s;
        }
        QVERIFY(store.appendSamples(backfill));

        const int n = withQuotas + withoutQuotas;
        const QDateTime from = QDateTime::fromMSecsSinceEpoch(kT0 - 12 * 60 * kMin, Qt::UTC);
        const QDateTime to = QDateTime::fromMSecsSinceEpoch(kT0 + 12 * 60 * kMin, Qt::UTC);
        const QList<Event> events = store.events(from, to, {QStringLiteral("p")});
        QCOMPARE(std::count_if(events.cbegin(), events.cend(), [](const Event &e) { return e.kind == EventKind::Throttled; }),
                 qsizetype(n));
        for (const QString &resource : {QStringLiteral("core"), QStringLiteral("search")}) {
            QCOMPARE(store.series(QStringLiteral("p"), resource, from, to, 800).throttles.size(), qsizetype(n));
            // A long range reads the chart from the rollups: the marks are the same events.
            const QDateTime longFrom = from.addDays(-20);
            QCOMPARE(store.series(QStringLiteral("p"), resource, longFrom, to, 800).throttles.size(), qsizetype(n));
        }

        CsvExporter::Options o;
        o.kind = CsvExporter::Kind::Summary;
        o.from = from;
        o.to = to;
        const StrictCsv day = StrictCsv::parse(exportBytes(store, o));
        QVERIFY2(day.error.isEmpty(), qPrintable(day.error));
        // Every resource row of the account counts each of its throttles (a refusal refuses the
        // account's probe, not one resource): each row agrees with the chart of its resource.
        QCOMPARE(day.rows.size(), 3);
        QCOMPARE(day.rows[1][4], QStringLiteral("core"));
        QCOMPARE(day.rows[1][10], QString::number(n));
        QCOMPARE(day.rows[2][4], QStringLiteral("search"));
        QCOMPARE(day.rows[2][10], QString::number(n));

        // By the hour: the core rows add up to n, and the hour of refusals without a reading
        // has an account-wide row of its own (empty resource, unknown figures empty).
        o.period = CsvExporter::Period::Hour;
        const StrictCsv hour = StrictCsv::parse(exportBytes(store, o));
        QVERIFY2(hour.error.isEmpty(), qPrintable(hour.error));
        int coreSum = 0;
        int accountWide = 0;
        for (const QStringList &row : hour.rows.mid(1)) {
            if (row[4] == QStringLiteral("core"))
                coreSum += row[10].toInt();
            if (row[4].isEmpty()) {
                accountWide += row[10].toInt();
                QCOMPARE(row[0], QStringLiteral("2026-11-23T18:00:00Z"));
                QCOMPARE(row.mid(5), (QStringList{QStringLiteral("0"), QString(), QString(), QString(), QString(),
                                                  QString::number(withoutQuotas), QString(), QString()}));
            }
        }
        QCOMPARE(coreSum, withQuotas);
        QCOMPARE(accountWide, withoutQuotas);
        QCOMPARE(coreSum + accountWide, n);
    }

    // A pool's rows: the sum over distinct buckets, a shared bucket counted once, and the
    // pool's level formed only where every bucket's reading stands.
    void poolRows()
    {
        HistoryStore store;
        QVERIFY(store.open(m_path));
        for (const char *id : {"a", "b", "c", "d"})
            QVERIFY(store.registerAccount(QString::fromLatin1(id), QStringLiteral("tok-") + QString::fromLatin1(id),
                                          QStringLiteral("github")));
        auto sample = [](const char *id, qint64 t, qint64 remaining, qint64 limit) {
            Sample s = mk(QString::fromLatin1(id), QStringLiteral("core"), t, remaining, limit);
            s.resetAt = QDateTime::fromMSecsSinceEpoch(kT0 + 60 * kMin, Qt::UTC);
            s.status = 200;
            s.cost = 1;
            return s;
        };
        // Independent a and b (600 each) read at different times: the level is known from
        // b's first reading on: 500+300, 400+300, 400+200.
        // c and d read one shared 5,000 bucket.
        QVERIFY(store.appendSamples({sample("a", kT0, 500, 600), sample("b", kT0 + kMin / 2, 300, 600),
                                     sample("a", kT0 + kMin, 400, 600), sample("b", kT0 + 3 * kMin / 2, 200, 600),
                                     sample("c", kT0, 3000, 5000), sample("d", kT0 + kMin / 2, 2990, 5000),
                                     sample("c", kT0 + kMin, 2980, 5000)}));
        // b's reading stands 15 minutes: a's reading 20 minutes later finds the pool unknown.
        QVERIFY(store.appendSamples({sample("a", kT0 + 20 * kMin, 10, 600)}));
        Event e;
        e.accountId = QStringLiteral("b");
        e.time = QDateTime::fromMSecsSinceEpoch(kT0 + 2 * kMin, Qt::UTC);
        e.kind = EventKind::Throttled;
        e.status = 429;
        QVERIFY(store.appendEvents({e}));

        CsvExporter::Options o;
        o.kind = CsvExporter::Kind::Summary;
        ReportPool independent;
        independent.name = QStringLiteral("fan-out");
        independent.provider = QStringLiteral("github");
        independent.memberIds = {QStringLiteral("a"), QStringLiteral("b")};
        ReportPool shared;
        shared.name = QStringLiteral("one-user");
        shared.memberIds = {QStringLiteral("c"), QStringLiteral("d")};
        shared.sharedByResource.insert(QStringLiteral("core"), {{QStringLiteral("c"), QStringLiteral("d")}});
        o.pools = {independent, shared};
        const StrictCsv day = StrictCsv::parse(exportBytes(store, o));
        QVERIFY2(day.error.isEmpty(), qPrintable(day.error));
        QCOMPARE(day.rows.size(), 1 + 4 + 2);
        QCOMPARE(day.rows[5], (QStringList{QStringLiteral("2026-11-23T00:00:00Z"), QStringLiteral("2026-11-24T00:00:00Z"),
                                           QStringLiteral("pool:fan-out"), QStringLiteral("github"), QStringLiteral("core"),
                                           QStringLiteral("5"), QStringLiteral("1200"), QStringLiteral("600"),
                                           QStringLiteral("50.00"), QStringLiteral("600"), QStringLiteral("1"),
                                           // below 20 % never; 0 minutes of a known level
                                           QStringLiteral("0"), QStringLiteral("5")}));
        // One bucket: 5,000, not 10,000; its level is the freshest reading of it.
        QCOMPARE(day.rows[6], (QStringList{QStringLiteral("2026-11-23T00:00:00Z"), QStringLiteral("2026-11-24T00:00:00Z"),
                                           QStringLiteral("pool:one-user"), QStringLiteral("github"), QStringLiteral("core"),
                                           QStringLiteral("3"), QStringLiteral("5000"), QStringLiteral("2980"),
                                           QStringLiteral("59.60"), QStringLiteral("2020"), QStringLiteral("0"),
                                           QStringLiteral("0"), QStringLiteral("3")}));
        // Counted twice, the same bucket would read 10,000.
        o.pools = {shared};
        o.pools[0].sharedByResource.clear();
        const StrictCsv apart = StrictCsv::parse(exportBytes(store, o));
        QCOMPARE(apart.rows.last()[6], QStringLiteral("10000"));

        // With an account filter, a pool only when all its members are in it.
        o.pools = {independent, shared};
        o.accounts = {QStringLiteral("tok-a"), QStringLiteral("tok-b"), QStringLiteral("tok-c")};
        const StrictCsv filtered = StrictCsv::parse(exportBytes(store, o));
        QCOMPARE(filtered.rows.size(), 1 + 3 + 1);
        QCOMPARE(filtered.rows.last()[2], QStringLiteral("pool:fan-out"));
    }

    // A pool member that never answered leaves the pool's limit unknown, never a smaller sum.
    void poolWithSilentMember()
    {
        HistoryStore store;
        QVERIFY(store.open(m_path));
        QVERIFY(store.registerAccount(QStringLiteral("a"), QStringLiteral("A"), QStringLiteral("github")));
        QVERIFY(store.registerAccount(QStringLiteral("b"), QStringLiteral("B"), QStringLiteral("github")));
        QVERIFY(store.appendSamples({mk(QStringLiteral("a"), QStringLiteral("core"), kT0, 100, 600),
                                     mk(QStringLiteral("b"), QStringLiteral("core"), kT0 - 2 * 86400 * 1000, 100, 600)}));
        CsvExporter::Options o;
        o.kind = CsvExporter::Kind::Summary;
        o.from = QDateTime::fromMSecsSinceEpoch(kT0 - 3600 * 1000, Qt::UTC);
        ReportPool p;
        p.name = QStringLiteral("team");
        p.memberIds = {QStringLiteral("a"), QStringLiteral("b")};
        o.pools = {p};
        const StrictCsv day = StrictCsv::parse(exportBytes(store, o));
        QVERIFY2(day.error.isEmpty(), qPrintable(day.error));
        QCOMPARE(day.rows.last().mid(2, 12),
                 (QStringList{QStringLiteral("pool:team"), QStringLiteral("github"), QStringLiteral("core"),
                              QStringLiteral("1"), QString(), QString(), QString(), QString(), QStringLiteral("0"),
                              QString(), QStringLiteral("0")}));
    }

    // 13. Formula payloads in every text column come back starting with '.
    void formulaNeutralisation()
    {
        HistoryStore store;
        QVERIFY(store.open(m_path));
        QList<Sample> samples;
        QList<Event> events;
        for (int i = 0; i < kFormulaPayloads.size(); ++i) {
            const QString id = QStringLiteral("id-%1").arg(i);
            QVERIFY(store.registerAccount(id, kFormulaPayloads[i], kFormulaPayloads[i]));
            samples << mk(id, kFormulaPayloads[i], kT0 + i, 1, 2);
            Event e;
            e.accountId = id;
            e.time = QDateTime::fromMSecsSinceEpoch(kT0 + i, Qt::UTC);
            e.detail = kFormulaPayloads[i];
            events << e;
        }
        QVERIFY(store.appendSamples(samples));
        QVERIFY(store.appendEvents(events));
        for (CsvExporter::Kind kind : {CsvExporter::Kind::Samples, CsvExporter::Kind::Events, CsvExporter::Kind::Summary}) {
            CsvExporter::Options o;
            o.kind = kind;
            const StrictCsv csv = StrictCsv::parse(exportBytes(store, o));
            QVERIFY2(csv.error.isEmpty(), qPrintable(csv.error));
            QCOMPARE(csv.rows.size(), kFormulaPayloads.size() + 1);
            const QList<int> textColumns = kind == CsvExporter::Kind::Samples ? QList<int>{1, 2, 3}
                                           : kind == CsvExporter::Kind::Events ? QList<int>{1, 2, 6}
                                                                               : QList<int>{2, 3, 4};
            for (int r = 1; r < csv.rows.size(); ++r) {
                for (int c : textColumns) {
                    const QString cell = csv.rows[r].at(c);
                    QVERIFY2(cell.startsWith(u'\''), qPrintable(QStringLiteral("row %1 col %2: %3").arg(r).arg(c).arg(cell)));
                    QVERIFY(kFormulaPayloads.contains(cell.mid(1)));
                }
            }
        }
    }

    // 14. Round trip through the strict reader; 15. numbers and times stay unprefixed.
    void roundTrip()
    {
        const QStringList names = {
            QStringLiteral("plain"),
            QStringLiteral("with, comma"),
            QStringLiteral("with \"quotes\""),
            QStringLiteral("crlf\r\ninside"),
            QStringLiteral("lf\ninside"),
            QStringLiteral("emoji 🚀🔥 quota"),
            QStringLiteral("עברית RTL مرحبا"),
            QString(),
            QString(10000, u'x') + QStringLiteral(",\"\r\n") + QString(5, u'y'),
            QStringLiteral("-starts with dash"),
        };
        HistoryStore store;
        QVERIFY(store.open(m_path));
        QList<Sample> samples;
        for (int i = 0; i < names.size(); ++i) {
            const QString id = QStringLiteral("id-%1").arg(i);
            QVERIFY(store.registerAccount(id, names[i], QStringLiteral("generic")));
            Sample s = mk(id, names[i], kT0 + i * 1001, -5 + i, 5000);
            s.used = i;
            s.status = 200;
            s.resetAt = QDateTime::fromMSecsSinceEpoch(kT0 + 3600000, Qt::UTC);
            samples << s;
        }
        QVERIFY(store.appendSamples(samples));
        CsvExporter::Options o;
        const QByteArray bytes = exportBytes(store, o);
        QVERIFY(bytes.endsWith("\r\n"));
        QVERIFY(QString::fromUtf8(bytes).toUtf8() == bytes); // valid UTF-8
        const StrictCsv csv = StrictCsv::parse(bytes);
        QVERIFY2(csv.error.isEmpty(), qPrintable(csv.error));
        QCOMPARE(csv.rows.size(), names.size() + 1);
        QCOMPARE(csv.rows[0].join(u','), QStringLiteral("time_utc,account,provider,resource,limit,remaining,used,"
                                                         "reset_at_utc,status,cost"));
        const QRegularExpression iso(QStringLiteral("^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d{3})?Z$"));
        const QRegularExpression integer(QStringLiteral("^-?\\d+$"));
        for (int i = 0; i < names.size(); ++i) {
            const QStringList &row = csv.rows[i + 1];
            QCOMPARE(row.size(), 10);
            auto unprefixed = [](const QString &cell, const QString &original) {
                return CsvWriter::needsNeutralising(original.toUtf8()) ? cell.mid(1) : cell;
            };
            QCOMPARE(unprefixed(row[1], names[i]), names[i]);
            QCOMPARE(unprefixed(row[3], names[i]), names[i]);
            QVERIFY(iso.match(row[0]).hasMatch());
            QVERIFY(iso.match(row[7]).hasMatch());
            for (int c : {4, 5, 6, 8, 9})
                QVERIFY2(integer.match(row[c]).hasMatch(), qPrintable(row[c]));
            QCOMPARE(row[5], QString::number(-5 + i)); // a negative number is not "neutralised"
        }
    }

    void streamsInBoundedChunks()
    {
        HistoryStore store;
        QVERIFY(store.open(m_path));
        QList<Sample> samples;
        for (int i = 0; i < 60000; ++i)
            samples << mk(QStringLiteral("a"), QStringLiteral("core"), kT0 + i * 1000, i % 5000, 5000);
        QVERIFY(store.appendSamples(samples));
        CountingDevice dev;
        dev.open(QIODevice::WriteOnly);
        CsvExporter exporter(&store);
        QList<qint64> progress;
        exporter.setProgressCallback([&](qint64 rows) { progress << rows; });
        QVERIFY(exporter.write({}, &dev));
        QCOMPARE(exporter.rowsWritten(), 60000);
        QVERIFY(dev.total > 2 * 1024 * 1024);
        QVERIFY2(dev.largestWrite <= 300 * 1024, "rows are written as they are read, not collected");
        QVERIFY(dev.writes > 5);
        QVERIFY(progress.size() >= 10);
        QCOMPARE(progress.last(), 60000);
    }

    void cancelKeepsTheOldFile()
    {
        HistoryStore store;
        QVERIFY(store.open(m_path));
        QList<Sample> samples;
        for (int i = 0; i < 20000; ++i)
            samples << mk(QStringLiteral("a"), QStringLiteral("core"), kT0 + i * 1000, i, 5000);
        QVERIFY(store.appendSamples(samples));
        const QString target = QFileInfo(m_path).path() + QStringLiteral("/out.csv");
        {
            QFile f(target);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("old report\r\n");
        }
        CsvExporter exporter(&store);
        exporter.setProgressCallback([&](qint64 rows) {
            if (rows >= 8192)
                exporter.cancel();
        });
        QString error;
        QVERIFY(!exporter.exportToFile({}, target, &error));
        QVERIFY(error.contains(QStringLiteral("cancelled")));
        QFile f(target);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll(), QByteArray("old report\r\n"));
        QCOMPARE(QDir(QFileInfo(target).path()).entryList({QStringLiteral("out.csv*")}).size(), 1);
    }

    // `headroom export` end to end.
    void cliUsageErrors_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::newRow("no kind") << QStringList{QStringLiteral("--out"), QStringLiteral("-")};
        QTest::newRow("bad kind") << QStringList{QStringLiteral("--kind"), QStringLiteral("rows"), QStringLiteral("--out"), QStringLiteral("-")};
        QTest::newRow("no out") << QStringList{QStringLiteral("--kind"), QStringLiteral("samples")};
        QTest::newRow("bad from") << QStringList{QStringLiteral("--kind"), QStringLiteral("samples"), QStringLiteral("--from"), QStringLiteral("last week"), QStringLiteral("--out"), QStringLiteral("-")};
        QTest::newRow("bad to") << QStringList{QStringLiteral("--kind"), QStringLiteral("samples"), QStringLiteral("--to"), QStringLiteral("2026-02-30"), QStringLiteral("--out"), QStringLiteral("-")};
        QTest::newRow("from after to") << QStringList{QStringLiteral("--kind"), QStringLiteral("samples"), QStringLiteral("--from"), QStringLiteral("2026-11-02"), QStringLiteral("--to"), QStringLiteral("2026-11-01"), QStringLiteral("--out"), QStringLiteral("-")};
        QTest::newRow("bad period") << QStringList{QStringLiteral("--kind"), QStringLiteral("summary"), QStringLiteral("--period"), QStringLiteral("week"), QStringLiteral("--out"), QStringLiteral("-")};
        QTest::newRow("period on samples") << QStringList{QStringLiteral("--kind"), QStringLiteral("samples"), QStringLiteral("--period"), QStringLiteral("day"), QStringLiteral("--out"), QStringLiteral("-")};
        QTest::newRow("unknown option") << QStringList{QStringLiteral("--kind"), QStringLiteral("samples"), QStringLiteral("--format"), QStringLiteral("json"), QStringLiteral("--out"), QStringLiteral("-")};
        QTest::newRow("missing value") << QStringList{QStringLiteral("--kind")};
        QTest::newRow("unknown account") << QStringList{QStringLiteral("--kind"), QStringLiteral("samples"), QStringLiteral("--account"), QStringLiteral("nobody"), QStringLiteral("--out"), QStringLiteral("-")};
    }

    void cliUsageErrors()
    {
        QFETCH(QStringList, args);
        seedHistory(10);
        const auto [code, out, err] = runExport(args);
        QCOMPARE(code, 2);
        QVERIFY(out.isEmpty());
        QCOMPARE(err.count('\n'), 1); // one clear line
        QVERIFY(err.startsWith("headroom: export: "));
    }

    void cliStdoutAndFile()
    {
        seedHistory(100);
        {
            const auto [code, out, err] = runExport({QStringLiteral("--kind"), QStringLiteral("samples"),
                                                     QStringLiteral("--account"), QStringLiteral("Work, Inc"),
                                                     QStringLiteral("--from"), QStringLiteral("2026-11-23"),
                                                     QStringLiteral("--to=2026-11-23T12:00:30Z"), QStringLiteral("--out"),
                                                     QStringLiteral("-")});
            QCOMPARE(code, 0);
            QVERIFY2(err.isEmpty(), err.constData());
            const StrictCsv csv = StrictCsv::parse(out);
            QVERIFY2(csv.error.isEmpty(), qPrintable(csv.error));
            QCOMPARE(csv.rows.size(), 1 + 30);
            QCOMPARE(csv.rows[1][1], QStringLiteral("Work, Inc"));
        }
        const QString file = m_dir.filePath(QStringLiteral("report-%1.csv").arg(m_n));
        for (const QString &kind : {QStringLiteral("samples"), QStringLiteral("events"), QStringLiteral("summary")}) {
            QStringList args{QStringLiteral("--kind"), kind, QStringLiteral("--out"), file};
            if (kind == QStringLiteral("summary"))
                args << QStringLiteral("--period") << QStringLiteral("hour");
            const auto [code, out, err] = runExport(args);
            QCOMPARE(code, 0);
            QVERIFY(out.isEmpty());
            struct stat st{};
            QCOMPARE(::stat(QFile::encodeName(file).constData(), &st), 0);
            QCOMPARE(int(st.st_mode & 0777), 0600);
            QFile f(file);
            QVERIFY(f.open(QIODevice::ReadOnly));
            const StrictCsv csv = StrictCsv::parse(f.readAll());
            QVERIFY2(csv.error.isEmpty(), qPrintable(csv.error));
            QCOMPARE(csv.rows.first().join(u',').toUtf8() + "\r\n",
                     CsvExporter::header(*CsvExporter::kindFromId(kind)));
            QCOMPARE(csv.rows.size(), kind == QStringLiteral("samples") ? 101 : 2);
        }
        // A runtime failure (the folder does not exist) is exit code 1.
        const auto [code, out, err] = runExport({QStringLiteral("--kind"), QStringLiteral("samples"), QStringLiteral("--out"),
                                                 m_dir.filePath(QStringLiteral("no/such/dir/x.csv"))});
        QCOMPARE(code, 1);
        QCOMPARE(err.count('\n'), 1);
    }

    void cliWithoutHistoryPrintsHeaderOnly()
    {
        const auto [code, out, err] = runExport({QStringLiteral("--kind"), QStringLiteral("events"), QStringLiteral("--out"), QStringLiteral("-")});
        QCOMPARE(code, 0);
        QCOMPARE(out, CsvExporter::header(CsvExporter::Kind::Events));
        QVERIFY(!QFile::exists(m_path)); // nothing created by a read-only command
    }

    void cliNewerHistoryIsRuntimeFailure()
    {
        seedHistory(1);
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("v"));
            db.setDatabaseName(m_path);
            QVERIFY(db.open());
            QSqlQuery(db).exec(QStringLiteral("PRAGMA user_version=99"));
            db.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("v"));
        const auto [code, out, err] = runExport({QStringLiteral("--kind"), QStringLiteral("samples"), QStringLiteral("--out"), QStringLiteral("-")});
        QCOMPARE(code, 1);
        QVERIFY(err.contains("newer version"));
    }

    // 16. kill -9 of a real exporting process: the target is the old file or the complete new one.
    void killDuringExport()
    {
        seedHistory(200000);
        const QString dir = m_dir.filePath(QStringLiteral("exports-%1").arg(m_n));
        QVERIFY(QDir().mkpath(dir));
        const QString target = dir + QStringLiteral("/report.csv");
        // The complete file, once, as the reference.
        auto [code0, out0, err0] = runExport({QStringLiteral("--kind"), QStringLiteral("samples"), QStringLiteral("--out"), target});
        QCOMPARE(code0, 0);
        QByteArray complete;
        {
            QFile f(target);
            QVERIFY(f.open(QIODevice::ReadOnly));
            complete = f.readAll();
        }
        QVERIFY(complete.size() > 5 * 1024 * 1024);
        // Spread the kills over the time one export takes here.
        QElapsedTimer once;
        once.start();
        QCOMPARE(std::get<0>(runExport({QStringLiteral("--kind"), QStringLiteral("samples"), QStringLiteral("--out"), target})), 0);
        int full = std::max(20, int(once.elapsed()));
        const QByteArray old = "an older report\r\n";
        QRandomGenerator rng(16);
        QElapsedTimer timer;
        int killedMidway = 0;
        int completed = 0;
        for (int round = 0; round < 20; ++round) {
            {
                QFile f(target);
                QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
                f.write(old);
            }
            QProcess p;
            p.setProcessEnvironment(env());
            timer.start();
            p.start(QStringLiteral(HEADROOM_BIN), {QStringLiteral("export"), QStringLiteral("--kind"),
                                                   QStringLiteral("samples"), QStringLiteral("--out"), target});
            QVERIFY(p.waitForStarted());
            const int delay = int(rng.bounded(quint32(2 * full)));
            QTest::qWait(delay);
            if (p.state() != QProcess::NotRunning) {
                p.kill();
                ++killedMidway;
                QVERIFY(p.waitForFinished(30000));
            } else {
                // It finished within `delay`: exports run faster now than the one timed above
                // (a loaded machine times it long), so aim the next kills at the shorter time.
                full = std::max(20, std::min(full, delay));
            }
            QFile f(target);
            QVERIFY(f.open(QIODevice::ReadOnly));
            const QByteArray now = f.readAll();
            completed += now == complete ? 1 : 0;
            QVERIFY2(now == old || now == complete,
                     qPrintable(QStringLiteral("round %1: %2 bytes, neither old nor complete").arg(round).arg(now.size())));
            // No temporary file is left beside it.
            QCOMPARE(QDir(dir).entryList(QDir::Files | QDir::Hidden), QStringList{QStringLiteral("report.csv")});
        }
        qInfo() << "one export took at most" << full << "ms;" << killedMidway << "of 20 were killed mid-way," << completed
                << "left the complete new file";
        QVERIFY(killedMidway >= 5);
    }

private:
    QProcessEnvironment env() const
    {
        QProcessEnvironment e = QProcessEnvironment::systemEnvironment();
        e.insert(QStringLiteral("XDG_DATA_HOME"), m_data);
        e.insert(QStringLiteral("TZ"), QStringLiteral("UTC"));
        return e;
    }

    void seedHistory(int samples)
    {
        HistoryStore store;
        QVERIFY(store.open(m_path));
        QVERIFY(store.registerAccount(QStringLiteral("w"), QStringLiteral("Work, Inc"), QStringLiteral("github")));
        QList<Sample> list;
        for (int i = 0; i < samples; ++i) {
            Sample s = mk(QStringLiteral("w"), QStringLiteral("core"), kT0 + i * 1000, 5000 - i % 5000, 5000);
            s.used = i % 5000;
            s.status = 200;
            list << s;
            if (list.size() == 20000) {
                QVERIFY(store.appendSamples(list));
                list.clear();
            }
        }
        QVERIFY(store.appendSamples(list));
        Event e;
        e.accountId = QStringLiteral("w");
        e.time = QDateTime::fromMSecsSinceEpoch(kT0, Qt::UTC);
        e.kind = EventKind::Throttled;
        QVERIFY(store.appendEvents({e}));
    }

    std::tuple<int, QByteArray, QByteArray> runExport(const QStringList &args)
    {
        QProcess p;
        p.setProcessEnvironment(env());
        p.start(QStringLiteral(HEADROOM_BIN), QStringList{QStringLiteral("export")} + args);
        if (!p.waitForFinished(60000))
            return {-1, {}, {}};
        return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, p.readAllStandardOutput(),
                p.readAllStandardError()};
    }

    QTemporaryDir m_dir;
    QString m_data;
    QString m_path;
    int m_n = 0;
};

QTEST_GUILESS_MAIN(TestCsvExport)
#include "tst_csvexport.moc"
