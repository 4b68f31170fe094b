#include "translations.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QTranslator>

bool installTranslations(const QLocale &locale)
{
    static QTranslator *app = nullptr;
    static QTranslator *qt = nullptr;
    for (QTranslator **t : {&app, &qt}) {
        if (*t) {
            QCoreApplication::removeTranslator(*t);
            delete *t;
            *t = nullptr;
        }
    }

    auto *qtTranslator = new QTranslator(QCoreApplication::instance());
    if (qtTranslator->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
                           QLibraryInfo::path(QLibraryInfo::TranslationsPath))) {
        QCoreApplication::installTranslator(qtTranslator);
        qt = qtTranslator;
    } else {
        delete qtTranslator;
    }

    auto *appTranslator = new QTranslator(QCoreApplication::instance());
    if (appTranslator->load(locale, QStringLiteral("headroom"), QStringLiteral("_"), QStringLiteral(":/i18n"))) {
        QCoreApplication::installTranslator(appTranslator);
        app = appTranslator;
        return true;
    }
    delete appTranslator;
    return false;
}
