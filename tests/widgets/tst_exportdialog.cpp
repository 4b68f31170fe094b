#include "exportdialog.h"
#include "filedialog.h"
#include "translations.h"
#include "visiblestrings.h"

#include "core/clock.h"
#include "history/historystore.h"
#include "history/pghistorystore.h"
#include "pgcluster.h"
#include "quota/quotareading.h"

#include <QComboBox>
#include <QDateTimeEdit>
#include <QDir>
#include <QFile>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QProcess>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

namespace {

// 2026-11-23T12:00:00Z, ManualClock's default start.
const QDateTime kNow = QDateTime::fromSecsSinceEpoch(1795435200, Qt::UTC);

QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray("<unreadable>");
}

} // namespace

class TestExportDialog : public QObject
{
    Q_OBJECT

    QTemporaryDir m_data; // XDG_DATA_HOME for this suite and for the CLI it runs
    QTemporaryDir m_big;
    ManualClock m_clock{kNow};

    QString historyPath() const { return m_data.filePath(QStringLiteral("headroom/history.sqlite")); }

    static QList<Sample> samples(const QString &account, int count, qint64 stepS)
    {
        QList<Sample> out;
        out.reserve(count);
        for (int i = 0; i < count; ++i) {
            Sample s;
            s.accountId = account;
            s.resource = i % 3 == 0 ? QStringLiteral("search") : QStringLiteral("core");
            s.time = kNow.addSecs(-stepS * (count - i));
            s.limit = 5000;
            s.remaining = 5000 - (i % 5000);
            s.used = i % 5000;
            s.resetAt = s.time.addSecs(3600 - s.time.toSecsSinceEpoch() % 3600);
            s.status = 200;
            s.cost = i % 2;
            out << s;
        }
        return out;
    }

    // The suite's history, in the SQLite file or in a PostgreSQL database alike.
    static void fill(HistoryBackend &store)
    {
        QVERIFY(store.registerAccount(QStringLiteral("acc-1"), QStringLiteral("GitHub work"), QStringLiteral("github")));
        QVERIFY(store.registerAccount(QStringLiteral("acc-2"), QStringLiteral("=cmd|evil"), QStringLiteral("gitlab")));
        QVERIFY(store.appendSamples(samples(QStringLiteral("acc-1"), 3000, 60)));
        QVERIFY(store.appendSamples(samples(QStringLiteral("acc-2"), 500, 300)));
        Event e;
        e.accountId = QStringLiteral("acc-1");
        e.time = kNow.addSecs(-3600);
        e.kind = EventKind::Throttled;
        e.status = 429;
        e.retryAfterS = 30;
        e.detail = QStringLiteral("secondary rate limit, \"quoted\"");
        QVERIFY(store.appendEvents({e}));
    }

    // Runs the dialog's export to `file` and waits for it.
    static QList<QVariant> runDialog(ExportDialog &dlg, const QString &file)
    {
        FileDialog::setNextFileName(file);
        dlg.browseButton()->click();
        if (dlg.fileEdit()->text() != file || !dlg.exportButton()->isEnabled())
            return {};
        QSignalSpy finished(&dlg, &ExportDialog::exportFinished);
        QTest::mouseClick(dlg.exportButton(), Qt::LeftButton);
        if (!finished.wait(30000))
            return {};
        return finished.first();
    }

    static int runCli(const QStringList &args, const QString &dataHome, QByteArray *err)
    {
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("XDG_DATA_HOME"), dataHome);
        env.insert(QStringLiteral("TZ"), QStringLiteral("UTC"));
        p.setProcessEnvironment(env);
        p.start(QStringLiteral(HEADROOM_BIN), QStringList{QStringLiteral("export")} + args);
        if (!p.waitForFinished(60000))
            return -1;
        *err = p.readAllStandardError();
        return p.exitCode();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_data.isValid());
        Clock::setInstance(&m_clock);
        QDir().mkpath(QFileInfo(historyPath()).absolutePath());
        HistoryStore store;
        QString error;
        QVERIFY2(store.open(historyPath(), &error), qPrintable(error));
        fill(store);
        store.close();
    }

    void cleanupTestCase() { Clock::setInstance(nullptr); }

    // Every label shows its shortcut as an underline, never as a literal '&': a label with a
    // mnemonic has a buddy, the field its shortcut focuses.
    void labelsHaveNoLiteralAmpersand()
    {
        installTranslations(QLocale(QLocale::English, QLocale::UnitedStates));
        ExportDialog dlg(historyPath(), {QStringLiteral("GitHub work")});
        dlg.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dlg));
        int rows = 0;
        const auto forms = dlg.findChildren<QFormLayout *>();
        for (QFormLayout *form : forms) {
            for (int row = 0; row < form->rowCount(); ++row) {
                QLayoutItem *item = form->itemAt(row, QFormLayout::LabelRole);
                auto *label = item ? qobject_cast<QLabel *>(item->widget()) : nullptr;
                if (!label)
                    continue;
                ++rows;
                QVERIFY2(!label->text().contains(u'&') || label->buddy(), qPrintable(label->text()));
            }
        }
        QCOMPARE(rows, 5);
        for (const QLabel *label : dlg.findChildren<QLabel *>())
            QVERIFY2(!label->text().contains(u'&') || label->buddy(), qPrintable(label->text()));
        // Alt+A (R&ange) reaches the range, Alt+F (&File) the file name.
        QHash<QString, QWidget *> buddies;
        for (const QLabel *label : dlg.findChildren<QLabel *>())
            buddies.insert(label->text(), label->buddy());
        QCOMPARE(buddies.value(QStringLiteral("R&ange:")), dlg.rangeCombo());
        QCOMPARE(buddies.value(QStringLiteral("&File:")), dlg.fileEdit());
        for (const QString &text : TestUi::visibleStrings(&dlg))
            QVERIFY2(!text.contains(QStringLiteral("(s)")), qPrintable(text));
        // Nothing is an error before a file is chosen.
        QVERIFY(!dlg.exportButton()->isEnabled());
        for (const QLabel *label : dlg.findChildren<QLabel *>())
            QVERIFY2(!label->isVisible() || label->styleSheet().isEmpty(), qPrintable(label->text()));
    }

    void rangePresets_data()
    {
        QTest::addColumn<int>("range");
        QTest::addColumn<QDateTime>("from");
        QTest::newRow("24 h") << int(ExportDialog::Range::Last24Hours) << kNow.addSecs(-86400);
        QTest::newRow("7 d") << int(ExportDialog::Range::Last7Days) << kNow.addDays(-7);
        QTest::newRow("30 d") << int(ExportDialog::Range::Last30Days) << kNow.addDays(-30);
        QTest::newRow("this month") << int(ExportDialog::Range::ThisMonth)
                                    << QDateTime(QDate(2026, 11, 1), QTime(0, 0), Qt::UTC);
    }
    void rangePresets()
    {
        QFETCH(int, range);
        QFETCH(QDateTime, from);
        ExportDialog dlg(historyPath(), {});
        dlg.setRange(ExportDialog::Range(range));
        QCOMPARE(dlg.options().from, from);
        QCOMPARE(dlg.options().to, kNow.addSecs(60));
        // Editing a date switches to "Custom".
        dlg.fromEdit()->setDateTime(dlg.fromEdit()->dateTime().addDays(-1));
        QCOMPARE(dlg.rangeCombo()->currentData().toInt(), int(ExportDialog::Range::Custom));
    }

    void formValidation()
    {
        ExportDialog dlg(historyPath(), {QStringLiteral("GitHub work"), QStringLiteral("=cmd|evil")});
        QVERIFY(!dlg.exportButton()->isEnabled()); // no file yet
        dlg.setFileName(m_data.filePath(QStringLiteral("x.csv")));
        QVERIFY(dlg.exportButton()->isEnabled());
        QVERIFY(dlg.options().accounts.isEmpty()); // all checked = all
        dlg.accountList()->item(0)->setCheckState(Qt::Unchecked);
        QCOMPARE(dlg.options().accounts, QStringList{QStringLiteral("=cmd|evil")});
        dlg.accountList()->item(1)->setCheckState(Qt::Unchecked);
        QVERIFY(!dlg.exportButton()->isEnabled());
        dlg.accountList()->item(1)->setCheckState(Qt::Checked);
        dlg.toEdit()->setDateTime(dlg.fromEdit()->dateTime().addSecs(-60));
        QVERIFY(!dlg.exportButton()->isEnabled());
        QVERIFY(!dlg.validationError().isEmpty());
        // Period only matters for summaries.
        QVERIFY(!dlg.periodCombo()->isEnabled());
        dlg.kindCombo()->setCurrentIndex(dlg.kindCombo()->findData(int(CsvExporter::Kind::Summary)));
        QVERIFY(dlg.periodCombo()->isEnabled());
    }

    void sameFileAsCli_data()
    {
        QTest::addColumn<int>("kind");
        QTest::addColumn<QString>("kindId");
        QTest::addColumn<int>("period");
        QTest::addColumn<QString>("account"); // empty = all
        QTest::newRow("samples, all accounts") << int(CsvExporter::Kind::Samples) << "samples" << -1 << "";
        QTest::newRow("samples, one account") << int(CsvExporter::Kind::Samples) << "samples" << -1 << "=cmd|evil";
        QTest::newRow("events") << int(CsvExporter::Kind::Events) << "events" << -1 << "";
        QTest::newRow("summary per hour") << int(CsvExporter::Kind::Summary) << "summary"
                                          << int(CsvExporter::Period::Hour) << "";
        QTest::newRow("summary per day") << int(CsvExporter::Kind::Summary) << "summary"
                                         << int(CsvExporter::Period::Day) << "GitHub work";
    }
    void sameFileAsCli()
    {
        QFETCH(int, kind);
        QFETCH(QString, kindId);
        QFETCH(int, period);
        QFETCH(QString, account);

        const QStringList names{QStringLiteral("GitHub work"), QStringLiteral("=cmd|evil")};
        ExportDialog dlg(historyPath(), names);
        dlg.show();
        dlg.kindCombo()->setCurrentIndex(dlg.kindCombo()->findData(kind));
        if (period >= 0)
            dlg.periodCombo()->setCurrentIndex(dlg.periodCombo()->findData(period));
        dlg.setRange(ExportDialog::Range::Last7Days);
        if (!account.isEmpty())
            for (int i = 0; i < dlg.accountList()->count(); ++i)
                dlg.accountList()->item(i)->setCheckState(dlg.accountList()->item(i)->text() == account ? Qt::Checked
                                                                                                       : Qt::Unchecked);
        const CsvExporter::Options o = dlg.options();

        const QString guiFile = m_data.filePath(QStringLiteral("gui-%1.csv").arg(QTest::currentDataTag()));
        const QList<QVariant> result = runDialog(dlg, guiFile);
        QVERIFY(!result.isEmpty());
        QVERIFY2(result.at(0).toBool(), qPrintable(result.at(1).toString()));
        QVERIFY(result.at(2).toLongLong() > 0);
        QVERIFY(dlg.statusLabel()->text().contains(QLocale().toString(result.at(2).toLongLong()))
                || dlg.statusLabel()->text().contains(QString::number(result.at(2).toLongLong())));

        QStringList args{QStringLiteral("--kind"), kindId, QStringLiteral("--from"), isoUtc(o.from),
                         QStringLiteral("--to"), isoUtc(o.to)};
        if (period >= 0)
            args << QStringLiteral("--period")
                 << (period == int(CsvExporter::Period::Hour) ? QStringLiteral("hour") : QStringLiteral("day"));
        if (!account.isEmpty())
            args << QStringLiteral("--account") << account;
        const QString cliFile = m_data.filePath(QStringLiteral("cli-%1.csv").arg(QTest::currentDataTag()));
        args << QStringLiteral("--out") << cliFile;
        QByteArray err;
        QCOMPARE(runCli(args, m_data.path(), &err), 0);
        const QByteArray gui = readAll(guiFile);
        QVERIFY(gui.startsWith(CsvExporter::header(CsvExporter::Kind(kind))));
        QCOMPARE(gui, readAll(cliFile));
    }

    void progressAndCancel()
    {
        // Big enough that the export is still running when the first progress report arrives.
        QVERIFY(m_big.isValid());
        const QString path = m_big.filePath(QStringLiteral("history.sqlite"));
        {
            HistoryStore store;
            QVERIFY(store.open(path));
            QVERIFY(store.registerAccount(QStringLiteral("big"), QStringLiteral("big"), QStringLiteral("github")));
            QVERIFY(store.appendSamples(samples(QStringLiteral("big"), 400000, 1)));
        }
        const QString file = m_big.filePath(QStringLiteral("out.csv"));
        {
            QFile old(file);
            QVERIFY(old.open(QIODevice::WriteOnly));
            old.write("old contents\n");
        }

        // First a complete run: progress is reported along the way.
        ExportDialog dlg(path, {QStringLiteral("big")});
        dlg.show();
        dlg.setRange(ExportDialog::Range::Last30Days);
        dlg.setFileName(file);
        QSignalSpy progress(&dlg, &ExportDialog::progressed);
        QSignalSpy finished(&dlg, &ExportDialog::exportFinished);
        dlg.exportButton()->click();
        QVERIFY(dlg.isRunning());
        QVERIFY(dlg.progressBar()->isVisible());
        QVERIFY(!dlg.exportButton()->isEnabled());
        QVERIFY(finished.wait(60000));
        QVERIFY(finished.first().at(0).toBool());
        QCOMPARE(finished.first().at(2).toLongLong(), 400000);
        QVERIFY(progress.count() >= 2);
        for (int i = 1; i < progress.count(); ++i)
            QVERIFY(progress.at(i).at(0).toLongLong() >= progress.at(i - 1).at(0).toLongLong());
        const QByteArray complete = readAll(file);
        QCOMPARE(complete.count('\n'), 400001);

        // Then cancel at the first progress report: the previous file stays as it was.
        progress.clear();
        finished.clear();
        connect(&dlg, &ExportDialog::progressed, &dlg, [&dlg] { dlg.cancelButton()->click(); },
                Qt::SingleShotConnection);
        dlg.exportButton()->click();
        QVERIFY(finished.wait(60000));
        QCOMPARE(finished.first().at(0).toBool(), false);
        QVERIFY(finished.first().at(2).toLongLong() < 400000);
        QVERIFY(!dlg.isRunning());
        QVERIFY(dlg.isVisible()); // Cancel during an export stops it; it does not close the dialog
        QCOMPARE(readAll(file), complete);
        QVERIFY(dlg.exportButton()->isEnabled());
    }

    void missingHistoryGivesEmptyReport()
    {
        // Like `headroom export` before anything was recorded: a header-only file, and no
        // history file created as a side effect.
        const QString missing = m_data.filePath(QStringLiteral("nowhere/none.sqlite"));
        ExportDialog dlg(missing, {});
        dlg.show();
        const QString file = m_data.filePath(QStringLiteral("empty.csv"));
        const QList<QVariant> result = runDialog(dlg, file);
        QVERIFY(!result.isEmpty());
        QVERIFY2(result.at(0).toBool(), qPrintable(result.at(1).toString()));
        QCOMPARE(readAll(file), CsvExporter::header(CsvExporter::Kind::Samples));
        QVERIFY(!QFile::exists(missing));
    }

    void unwritableFileIsInline()
    {
        ExportDialog dlg(historyPath(), {});
        dlg.show();
        const QList<QVariant> result = runDialog(dlg, m_data.filePath(QStringLiteral("no/such/dir/x.csv")));
        QVERIFY(!result.isEmpty());
        QCOMPARE(result.at(0).toBool(), false);
        QVERIFY(!result.at(1).toString().isEmpty());
        QVERIFY(dlg.statusLabel()->text().contains(result.at(1).toString()));
        QVERIFY(dlg.isVisible());
    }

    // A PostgreSQL history (a throwaway cluster) exports from the dialog as a SQLite one does,
    // off the UI thread, to the same bytes.
    void exportsFromPostgreSQL_data()
    {
        QTest::addColumn<int>("kind");
        QTest::newRow("samples") << int(CsvExporter::Kind::Samples);
        QTest::newRow("events") << int(CsvExporter::Kind::Events);
        QTest::newRow("summary") << int(CsvExporter::Kind::Summary);
    }

    void exportsFromPostgreSQL()
    {
        QFETCH(int, kind);
        if (!m_pg) {
            m_pg = std::make_unique<PgCluster>();
            QVERIFY2(m_pg->start(), qPrintable(m_pg->error()));
            PgHistoryStore store;
            QString error;
            QVERIFY2(store.open(m_pg->url(), &error), qPrintable(error));
            fill(store);
        }
        QByteArray files[2];
        int n = 0;
        for (const QString &history : {historyPath(), m_pg->url()}) {
            ExportDialog dlg(history, {QStringLiteral("GitHub work"), QStringLiteral("=cmd|evil")});
            dlg.show();
            dlg.kindCombo()->setCurrentIndex(dlg.kindCombo()->findData(kind));
            dlg.setRange(ExportDialog::Range::Last7Days);
            const QString file = m_data.filePath(QStringLiteral("from-%1.csv").arg(n));
            const QList<QVariant> result = runDialog(dlg, file);
            QVERIFY(!result.isEmpty());
            QVERIFY2(result.at(0).toBool(), qPrintable(result.at(1).toString()));
            files[n++] = readAll(file);
        }
        QVERIFY(files[0].count('\n') > 1);
        QCOMPARE(files[1], files[0]);
    }

private:
    std::unique_ptr<PgCluster> m_pg; // started by the first test that needs it; stopped when the suite ends
};

QTEST_MAIN(TestExportDialog)
#include "tst_exportdialog.moc"
