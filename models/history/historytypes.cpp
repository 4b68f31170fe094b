#include "historytypes.h"

namespace {

struct KindName
{
    EventKind kind;
    const char16_t *id;
};

constexpr KindName kKinds[] = {
    {EventKind::Throttled, u"throttled"}, {EventKind::NearLimit, u"near_limit"},
    {EventKind::StateChange, u"state_change"}, {EventKind::Alert, u"alert"}, {EventKind::Error, u"error"},
};

} // namespace

QString eventKindId(EventKind k)
{
    for (const KindName &n : kKinds) {
        if (n.kind == k)
            return QString::fromUtf16(n.id);
    }
    return QStringLiteral("error");
}

std::optional<EventKind> eventKindFromId(const QString &id)
{
    for (const KindName &n : kKinds) {
        if (id == QStringView(n.id))
            return n.kind;
    }
    return std::nullopt;
}
