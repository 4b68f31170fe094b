#pragma once

#include "httpresponsehead.h"
#include "preset.h"
#include "quotareading.h"

#include <QByteArray>
#include <QDateTime>

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
};
