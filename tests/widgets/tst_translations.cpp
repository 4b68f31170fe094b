#include "translations.h"
#include "trayicon.h"

#include "accounts/accountstore.h"
#include "probe/requestfactory.h"
#include "quota/httpresponsehead.h"

#include <QCoreApplication>
#include <QDialogButtonBox>
#include <QFile>
#include <QLibraryInfo>
#include <QMainWindow>
#include <QPushButton>
#include <QTest>

class TestTranslations : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void germanCatalogueIsEmbedded() { QVERIFY(QFile::exists(QStringLiteral(":/i18n/headroom_de.qm"))); }

    void germanTranslatesKnownStrings()
    {
        QVERIFY(installTranslations(QLocale(QLocale::German, QLocale::Germany)));
        QCOMPARE(QCoreApplication::translate("TrayIcon", "Quit"), QStringLiteral("Beenden"));
        QCOMPARE(QCoreApplication::translate("ReadingView", "Remaining"), QStringLiteral("Verbleibend"));
        QMainWindow window;
        TrayIcon tray(&window);
        QCOMPARE(tray.probeAllAction()->text(), QStringLiteral("Alle Konten abfragen"));
        // Plural forms come from the numerus entries.
        tray.setStates({{QStringLiteral("a"), AccountState::Ok}, {QStringLiteral("b"), AccountState::Ok}});
        QVERIFY2(tray.toolTip().contains(QStringLiteral("2 Konten")), qPrintable(tray.toolTip()));
    }

    void modelLayerMessagesFollow()
    {
        // Messages built in models/ (through tr_() helpers and free tr() functions) reach the
        // catalogue under the context the code asks for.
        QVERIFY(installTranslations(QLocale(QLocale::German)));
        Account a;
        QCOMPARE(AccountStore::validate(a),
                 QStringLiteral("der Kontoname darf nicht leer sein und nicht mit Leerzeichen beginnen oder enden"));
        QString error;
        QVERIFY(!HttpResponseHead::parse("garbage\r\n\r\n", &error));
        QVERIFY2(error.startsWith(QStringLiteral("die erste Zeile ist keine HTTP-Statuszeile")), qPrintable(error));
        QString cleaned;
        QCOMPARE(RequestFactory::cleanToken(QStringLiteral("a\nb"), &cleaned),
                 QStringLiteral("das Token enthält einen Zeilenumbruch"));
    }

    void qtOwnStringsFollow()
    {
        QVERIFY(installTranslations(QLocale(QLocale::German)));
        QDialogButtonBox box(QDialogButtonBox::Cancel);
        if (!QFile::exists(QLibraryInfo::path(QLibraryInfo::TranslationsPath) + QStringLiteral("/qtbase_de.qm")))
            QSKIP("qt6-translations-l10n is not installed");
        QCOMPARE(box.button(QDialogButtonBox::Cancel)->text().remove(u'&'), QStringLiteral("Abbrechen"));
    }

    void englishNeedsNoCatalogue()
    {
        QVERIFY(!installTranslations(QLocale(QLocale::English, QLocale::UnitedStates)));
        QCOMPARE(QCoreApplication::translate("TrayIcon", "Quit"), QStringLiteral("Quit"));
    }
};

QTEST_MAIN(TestTranslations)
#include "tst_translations.moc"
