#include "alertservice.h"

#include "probe/proberesult.h"

AlertService::AlertService(AlertStateStore *store, QObject *parent)
    : AlertService(store, QDBusConnection::sessionBus(), nullptr, parent)
{
}

AlertService::AlertService(AlertStateStore *store, const QDBusConnection &bus, Clock *clock, QObject *parent)
    : QObject(parent)
    , m_engine(store, clock)
    , m_notifier(bus)
{
    m_notifier.setEventStore(store);
    m_notifier.attach(&m_engine);
}

void AlertService::setSettings(const AlertSettings &settings)
{
    m_engine.setSettings(settings);
    m_notifier.setCommand(settings.command, settings.commandTimeoutS);
}

void AlertService::process(const ProbeResult &result)
{
    m_engine.process(result);
}

void AlertService::processPool(const ProbeResult &pool, const PoolBalance &balance)
{
    m_engine.processPool(pool, balance);
}
