#include "translations.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QTranslator>

#include <cstring>

namespace {
// The source language's plurals. Counted messages are written "%n hour(s)" for translators;
// without a catalogue English would show that literally. This resolves "(s)" by the count, so
// English reads "1 hour", "2 hours" with no catalogue to keep in step with the code.
class EnglishPlurals : public QTranslator
{
public:
    using QTranslator::QTranslator;
    bool isEmpty() const override { return false; }
    QString translate(const char *, const char *sourceText, const char *, int n) const override
    {
        if (n < 0 || !sourceText || !strstr(sourceText, "(s)"))
            return {};
        return QString::fromUtf8(sourceText).replace(QStringLiteral("(s)"), n == 1 ? QString() : QStringLiteral("s"));
    }
};
} // namespace

bool installTranslations(const QLocale &locale)
{
    static QTranslator *app = nullptr;
    static QTranslator *qt = nullptr;
    static QTranslator *plurals = nullptr;
    for (QTranslator **t : {&app, &qt, &plurals}) {
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
    plurals = new EnglishPlurals(QCoreApplication::instance());
    QCoreApplication::installTranslator(plurals);
    return false;
}
