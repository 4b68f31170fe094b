#pragma once

#include <QLocale>

// Installs Headroom's catalogue (:/i18n/headroom_<lang>.qm) and Qt's own (qtbase_<lang>.qm from
// QLibraryInfo::TranslationsPath, for standard buttons) for `locale` on the application.
// Calling it again replaces the previous pair. Returns true when Headroom's catalogue loaded;
// English (the source language) returns false and needs none; it gets the plural forms of
// counted messages ("%n hour(s)": "1 hour", "2 hours") instead.
bool installTranslations(const QLocale &locale = QLocale::system());
