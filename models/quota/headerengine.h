#pragma once

#include "httpresponsehead.h"
#include "preset.h"
#include "quotareading.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QString>

// Turns one response into a QuotaReading: the preset's header dialect says which fields to read
// and how; the dialects are the table in headerengine.cpp.
// Never throws; a rejected value becomes null plus a warning.
class HeaderEngine
{
public:
    // `now` is the reference time for relative values (inspect --now, else the clock).
    // `body` is optional: the GitHub preset reads GET /rate_limit's JSON from it.
    static QuotaReading read(const Preset &preset, const HttpResponseHead &head, const QDateTime &now,
                             const QByteArray &body = {});

    // Another preset whose dialect reads quotas from this response.
    struct Suggestion
    {
        QString presetId;    // "buildkite"
        QString displayName; // "Buildkite" (translated)
        QString fields;      // the fields it read: "RateLimit-*", or their names
        bool best = false;   // among the first group, which reads the response equally well
    };
    // The presets other than `chosenPresetId` that read quotas from the response, best first:
    // the fewest resets a year or more away (a misread encoding), the fewest rejected values,
    // the most fields read; a vendor's dialect before the IETF reader and the generic one,
    // unless several vendors read the fields equally well and the IETF reader does too.
    // For `inspect` and the Paste dialog, when the chosen preset reads nothing.
    static QList<Suggestion> suggest(const HttpResponseHead &head, const QString &chosenPresetId,
                                     const QDateTime &now, const QByteArray &body = {});
};
