#pragma once

#include <QByteArray>
#include <QJsonValue>

// Compact JSON whose objects keep the documented key order. QJsonObject sorts its keys
// alphabetically, which makes the command line's JSON hard to read and unlike its
// documentation; every JSON document the command line prints goes through here instead.
namespace OrderedJson {

// Which document is written; each has its key order, listed once in orderedjson.cpp.
enum class Document {
    Inspect,   // `headroom inspect`: one QuotaReading
    ProbeLine, // one line of `probe --json` / `watch --json`: one ProbeResult
    Account,   // one element of `account list --json`
};

// Keys the order names come first, in that order, at every depth of the document (quotas
// inside a reading, say); any other key follows, alphabetically, so nothing is ever dropped.
QByteArray write(const QJsonValue &value, Document document);

} // namespace OrderedJson
