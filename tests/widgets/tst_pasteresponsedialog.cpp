#include "pasteresponsedialog.h"
#include "readingview.h"

#include "quota/preset.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateTimeEdit>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTableWidget>
#include <QTest>

class TestPasteResponseDialog : public QObject
{
    Q_OBJECT

    static QString rowText(ReadingView *v, const QString &resource, int column)
    {
        QTableWidget *t = v->table();
        for (int r = 0; r < t->rowCount(); ++r)
            if (t->item(r, ReadingView::Resource)->text() == resource)
                return t->item(r, column)->text();
        return QStringLiteral("<no row %1>").arg(resource);
    }

private Q_SLOTS:
    // Nothing to complain about before anything is pasted; a reading goes when its input changes.
    void readingFollowsTheInput()
    {
        PasteResponseDialog dlg;
        dlg.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dlg));
        ReadingView *v = dlg.readingView();
        QCOMPARE(v->errorText(), QString());
        QCOMPARE(v->summaryText(), QString());
        dlg.setProvider(QStringLiteral("github"));
        dlg.responseEdit()->setPlainText(QStringLiteral("HTTP/1.1 200 OK\nx-ratelimit-limit: 5000\n"
                                                        "x-ratelimit-remaining: 4999\nx-ratelimit-resource: core\n"));
        dlg.readButton()->click();
        QCOMPARE(v->table()->rowCount(), 1);
        dlg.responseEdit()->appendPlainText(QStringLiteral("x-ratelimit-used: 1"));
        QCOMPARE(v->table()->rowCount(), 0);
        QCOMPARE(v->summaryText(), QString());
        dlg.readButton()->click();
        QCOMPARE(v->table()->rowCount(), 1);
        dlg.setProvider(QStringLiteral("gitlab"));
        QCOMPARE(v->table()->rowCount(), 0);
    }

    void gitHubReading()
    {
        PasteResponseDialog dlg;
        dlg.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dlg));
        dlg.setProvider(QStringLiteral("github"));
        QCOMPARE(dlg.providerCombo()->currentData().toString(), QStringLiteral("github"));
        dlg.responseEdit()->setFocus();
        QTest::keyClicks(dlg.responseEdit(), QStringLiteral("HTTP/1.1 200 OK"));
        dlg.responseEdit()->appendPlainText(QStringLiteral("x-ratelimit-limit: 5000\n"
                                                           "x-ratelimit-remaining: 4999\n"
                                                           "x-ratelimit-used: 1\n"
                                                           "x-ratelimit-reset: 1795435500\n"
                                                           "x-ratelimit-resource: core\n"));
        QTest::mouseClick(dlg.readButton(), Qt::LeftButton);
        ReadingView *v = dlg.readingView();
        QCOMPARE(v->errorText(), QString());
        QVERIFY2(v->summaryText().contains(u"200"), qPrintable(v->summaryText()));
        QCOMPARE(v->table()->rowCount(), 1);
        QCOMPARE(rowText(v, QStringLiteral("core"), ReadingView::Limit), QLocale().toString(5000));
        QCOMPARE(rowText(v, QStringLiteral("core"), ReadingView::Remaining), QLocale().toString(4999));
        QCOMPARE(rowText(v, QStringLiteral("core"), ReadingView::Used), QLocale().toString(1));
        QCOMPARE(rowText(v, QStringLiteral("core"), ReadingView::Window), QString()); // unknown stays empty
        QVERIFY(!rowText(v, QStringLiteral("core"), ReadingView::ResetAt).isEmpty());
        QVERIFY(v->json().contains(u"\"provider\": \"github\""));
        QVERIFY(v->json().contains(u"\"reset_at\": \"2026-11-23T12:05:00Z\""));
        QVERIFY(v->warnings().isEmpty());
    }

    void fixedNowResolvesRelativeReset()
    {
        // IETF fields count the reset in seconds from "now"; a fixed now makes that reproducible.
        PasteResponseDialog dlg;
        dlg.setProvider(QStringLiteral("ietf"));
        dlg.responseEdit()->setPlainText(QStringLiteral("HTTP/1.1 200 OK\r\n"
                                                        "RateLimit-Policy: \"default\";q=100;w=60\r\n"
                                                        "RateLimit: \"default\";r=42;t=30\r\n\r\n"));
        dlg.fixedNowCheck()->setChecked(true);
        QVERIFY(dlg.nowEdit()->isEnabled());
        dlg.nowEdit()->setDateTime(QDateTime(QDate(2026, 11, 23), QTime(12, 0), Qt::UTC));
        dlg.read();
        ReadingView *v = dlg.readingView();
        QCOMPARE(v->errorText(), QString());
        QVERIFY2(v->json().contains(u"2026-11-23T12:00:30Z"), qPrintable(v->json()));
    }

    void warningsAreShown()
    {
        PasteResponseDialog dlg;
        dlg.show();
        dlg.setProvider(QStringLiteral("github"));
        dlg.responseEdit()->setPlainText(QStringLiteral("HTTP/1.1 200 OK\n"
                                                        "x-ratelimit-limit: 5000\n"
                                                        "x-ratelimit-remaining: -3\n"
                                                        "x-ratelimit-reset: 1795435500\n"));
        dlg.read();
        ReadingView *v = dlg.readingView();
        QCOMPARE(v->errorText(), QString());
        QVERIFY(!v->warnings().isEmpty());
        QVERIFY(v->json().contains(u"\"warnings\""));
    }

    void errorsInline_data()
    {
        QTest::addColumn<QString>("text");
        QTest::newRow("empty") << "";
        QTest::newRow("not HTTP") << "hello world\nfoo: bar\n";
    }
    void errorsInline()
    {
        QFETCH(QString, text);
        PasteResponseDialog dlg;
        dlg.show();
        dlg.responseEdit()->setPlainText(text);
        dlg.read();
        QVERIFY(!dlg.readingView()->errorText().isEmpty());
        QCOMPARE(dlg.readingView()->table()->rowCount(), 0);
        QVERIFY(dlg.isVisible()); // inline, no modal box
    }

    void suggestsThePresetThatReads_data()
    {
        QTest::addColumn<QString>("provider");
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("suggestion"); // empty: none shown
        QTest::addColumn<QString>("button");
        QTest::addColumn<QString>("switchedTo");

        QTest::newRow("buildkite fields under github")
            << QStringLiteral("github")
            << QStringLiteral("HTTP/2 200\nRateLimit-Scope: mcp\nRateLimit-Limit: 50\nRateLimit-Remaining: 49\nRateLimit-Reset: 42\n")
            << QStringLiteral("These are Buildkite RateLimit-* fields: choose Buildkite.") << QStringLiteral("&Use Buildkite")
            << QStringLiteral("buildkite");
        QTest::newRow("IETF lists under okta")
            << QStringLiteral("okta")
            << QStringLiteral("HTTP/1.1 200 OK\nRateLimit-Policy: \"default\";q=100;w=60\nRateLimit: \"default\";r=42;t=30\n")
            << QStringLiteral("These are IETF RateLimit fields (RateLimit-Policy, RateLimit): choose IETF RateLimit fields.")
            << QStringLiteral("&Use IETF RateLimit fields") << QStringLiteral("ietf");
        QTest::newRow("the chosen preset reads them")
            << QStringLiteral("github") << QStringLiteral("HTTP/1.1 200 OK\nx-ratelimit-limit: 60\nx-ratelimit-remaining: 59\n")
            << QString() << QString() << QString();
        QTest::newRow("nothing anyone reads")
            << QStringLiteral("github") << QStringLiteral("HTTP/1.1 429 Too Many Requests\nRetry-After: 30\n") << QString()
            << QString() << QString();
    }
    void suggestsThePresetThatReads()
    {
        QFETCH(QString, provider);
        QFETCH(QString, text);
        QFETCH(QString, suggestion);
        QFETCH(QString, button);
        QFETCH(QString, switchedTo);
        PasteResponseDialog dlg;
        dlg.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dlg));
        dlg.setProvider(provider);
        dlg.responseEdit()->setPlainText(text);
        QTest::mouseClick(dlg.readButton(), Qt::LeftButton);
        QCOMPARE(dlg.suggestionLabel()->isVisible(), !suggestion.isEmpty());
        QCOMPARE(dlg.useSuggestionButton()->isVisible(), !suggestion.isEmpty());
        if (suggestion.isEmpty())
            return;
        QCOMPARE(dlg.readingView()->table()->rowCount(), 0);
        QCOMPARE(dlg.suggestionLabel()->text(), suggestion);
        QCOMPARE(dlg.useSuggestionButton()->text(), button);
        // The button switches the provider and reads again.
        QTest::mouseClick(dlg.useSuggestionButton(), Qt::LeftButton);
        QCOMPARE(dlg.providerCombo()->currentData().toString(), switchedTo);
        QVERIFY(dlg.readingView()->table()->rowCount() > 0);
        QVERIFY(!dlg.suggestionLabel()->isVisible());
        QVERIFY(!dlg.useSuggestionButton()->isVisible());
    }

    void everyPresetIsOffered()
    {
        PasteResponseDialog dlg;
        QCOMPARE(dlg.providerCombo()->count(), Preset::all().size());
    }
};

QTEST_MAIN(TestPasteResponseDialog)
#include "tst_pasteresponsedialog.moc"
