#include "history/historyreader.h"
#include "history/historystore.h"

#include <QSignalSpy>
#include <QSqlDatabase>
#include <QTemporaryDir>
#include <QTest>

// The reader runs on its own thread against a real SQLite file: what it delivers must equal what
// the store answers on the calling thread, only the newest series request may arrive, and its
// thread's connection must not outlive the thread.
class TestHistoryReader : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY(m_store.open(m_dir.filePath(QStringLiteral("history.sqlite"))));
        m_store.registerAccount(QStringLiteral("a"), QStringLiteral("Alpha"), QStringLiteral("github"));
        m_store.registerAccount(QStringLiteral("b"), QStringLiteral("Beta"), QStringLiteral("gitlab"));
        m_store.registerAccount(QStringLiteral("empty"), QStringLiteral("Nothing yet"), QStringLiteral("github"));
        QList<Sample> samples;
        for (int m = 0; m < 600; ++m) {
            for (const QString &resource : {QStringLiteral("core"), QStringLiteral("search")}) {
                Sample s;
                s.accountId = QStringLiteral("a");
                s.resource = resource;
                s.time = m_now.addSecs(-60 * (600 - m));
                s.limit = 5000;
                s.remaining = 5000 - (m % 60) * 70 - (resource == QStringLiteral("search") ? 1 : 0);
                samples.append(s);
            }
            Sample b;
            b.accountId = QStringLiteral("b");
            b.resource = QStringLiteral("requests");
            b.time = m_now.addSecs(-60 * (600 - m) + 7);
            b.limit = 600;
            b.remaining = 600 - m % 600;
            samples.append(b);
        }
        QVERIFY(m_store.appendSamples(samples));
    }

    void seriesEqualTheStoresAnswer()
    {
        HistoryReader reader(&m_store);
        QSignalSpy loaded(&reader, &HistoryReader::seriesLoaded);
        const QDateTime from = m_now.addSecs(-6 * 3600);
        const QList<HistoryReader::SeriesKey> keys = {{QStringLiteral("a"), QStringLiteral("core")},
                                                      {QStringLiteral("b"), QStringLiteral("requests")},
                                                      {QStringLiteral("empty"), QStringLiteral("core")}};
        const quint64 ticket = reader.requestSeries(keys, from, m_now, 300);
        QVERIFY(reader.seriesPending());
        QVERIFY(loaded.wait());
        QVERIFY(!reader.seriesPending());
        QCOMPARE(loaded.size(), 1);
        QCOMPARE(loaded.first().at(0).value<quint64>(), ticket);
        const auto series = loaded.first().at(1).value<QList<ChartSeries>>();
        QCOMPARE(series.size(), keys.size());
        for (int i = 0; i < keys.size(); ++i) {
            const ChartSeries direct = m_store.series(keys.at(i).accountId, keys.at(i).resource, from, m_now, 300);
            QCOMPARE(series.at(i).remaining, direct.remaining);
            QCOMPARE(series.at(i).limit, direct.limit);
            QCOMPARE(series.at(i).resets, direct.resets);
        }
        QVERIFY(!series.at(0).remaining.isEmpty());
        QVERIFY(series.at(2).remaining.isEmpty());
    }

    // Buildkite's quota has no name: a null resource must find the samples stored under "".
    void unnamedResourceHasASeries()
    {
        Sample s;
        s.accountId = QStringLiteral("b");
        s.resource = QString();
        s.time = m_now.addSecs(-30);
        s.limit = 200;
        s.remaining = 150;
        QVERIFY(m_store.appendSamples({s}));
        HistoryReader reader(&m_store);
        QSignalSpy loaded(&reader, &HistoryReader::seriesLoaded);
        reader.requestSeries({{QStringLiteral("b"), QString()}, {QStringLiteral("b"), QStringLiteral("")}},
                             m_now.addSecs(-3600), m_now, 100);
        QVERIFY(loaded.wait());
        const auto series = loaded.first().at(1).value<QList<ChartSeries>>();
        QCOMPARE(series.size(), 2);
        QCOMPARE(series.at(0).remaining.size(), 1);
        QCOMPARE(series.at(0).remaining, series.at(1).remaining);
        QVERIFY(m_store.lastSample(QStringLiteral("b"), QString()).has_value());
        QCOMPARE(m_store.resources(QStringLiteral("b")), QStringList({QString(), QStringLiteral("requests")}));
    }

    void onlyTheNewestSeriesRequestIsDelivered()
    {
        HistoryReader reader(&m_store);
        QSignalSpy loaded(&reader, &HistoryReader::seriesLoaded);
        const QList<HistoryReader::SeriesKey> keys = {{QStringLiteral("a"), QStringLiteral("core")}};
        quint64 last = 0;
        for (int i = 1; i <= 20; ++i)
            last = reader.requestSeries(keys, m_now.addSecs(-60 * 30 * i), m_now, 200);
        QTRY_VERIFY(!reader.seriesPending());
        QCOMPARE(loaded.size(), 1);
        QCOMPARE(loaded.first().at(0).value<quint64>(), last);
    }

    void latestIsTheLastSampleOfEveryResource()
    {
        HistoryReader reader(&m_store);
        QSignalSpy loaded(&reader, &HistoryReader::latestLoaded);
        reader.requestLatest({QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("empty"), QStringLiteral("unknown")});
        QVERIFY(reader.latestPending());
        QVERIFY(loaded.wait());
        QVERIFY(!reader.latestPending());
        const auto samples = loaded.first().at(0).value<QList<Sample>>();
        QCOMPARE(samples.size(), 4); // a/core, a/search, b/"" (unnamed), b/requests
        for (const Sample &s : samples) {
            const std::optional<Sample> direct = m_store.lastSample(s.accountId, s.resource);
            QVERIFY(direct);
            QCOMPARE(s.time, direct->time);
            QCOMPARE(s.remaining, direct->remaining);
        }
    }

    // Thread ids are reused: a reader's connection must go with its thread, or a later thread
    // with the same id would be handed a connection that belongs to a dead one.
    void connectionsGoWithTheirThread()
    {
        const qsizetype before = QSqlDatabase::connectionNames().size();
        for (int i = 0; i < 5; ++i) {
            HistoryReader reader(&m_store);
            QSignalSpy loaded(&reader, &HistoryReader::latestLoaded);
            reader.requestLatest({QStringLiteral("a")});
            QVERIFY(loaded.wait());
            QCOMPARE(loaded.first().at(0).value<QList<Sample>>().size(), 2);
            QCOMPARE(QSqlDatabase::connectionNames().size(), before + 1);
        }
        QCOMPARE(QSqlDatabase::connectionNames().size(), before);
    }

private:
    QTemporaryDir m_dir;
    HistoryStore m_store;
    const QDateTime m_now = QDateTime::currentDateTimeUtc();
};

QTEST_GUILESS_MAIN(TestHistoryReader)
#include "tst_historyreader.moc"
