// libFuzzer target: any bytes as a response head (plus body), read by one preset.
// The first byte picks the preset; the rest is the response text. Must never crash.
#include "quota/headerengine.h"

#include <QDateTime>

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    static const QList<Preset> &presets = Preset::all();
    const Preset &preset = presets.at(data[0] % presets.size());
    const QByteArrayView text(reinterpret_cast<const char *>(data + 1), qsizetype(size - 1));
    QByteArrayView body;
    const auto head = HttpResponseHead::parseWithBody(text, &body);
    if (!head)
        return 0;
    static const QDateTime now = QDateTime::fromMSecsSinceEpoch(1795435200000, Qt::UTC);
    const QuotaReading reading = HeaderEngine::read(preset, *head, now, body.toByteArray());
    // Exercise the output path too: every accepted time must format.
    const QJsonObject json = reading.toJson();
    (void)QuotaReading::fromJson(json);
    (void)reading.mostRestrictive();
    for (const auto &f : head->fields)
        (void)head->value(f.first);
    return 0;
}
