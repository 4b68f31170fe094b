#pragma once

#include "alertengine.h"
#include "alertsettings.h"
#include "notifier.h"

#include <QDBusConnection>
#include <QObject>

class AlertStateStore;
class Clock;
struct ProbeResult;

// The alert side of Headroom in one object, for `headroom watch` and the dashboard: an
// AlertEngine whose deliverable alerts go to a Notifier, with "Snooze until reset" wired back,
// configured from one AlertSettings. Feed it every recorded ProbeResult through process()
// (connect Monitor::resultRecorded to it).
//
//   HistoryAlertStateStore state(&history);
//   AlertService alerts(&state);
//   AlertSettings s = AlertSettings::loadDefault();
//   s.loadOverrides(accounts);
//   alerts.setSettings(s);
//   alerts.attach(&monitor); // = connect(&monitor, &Monitor::resultRecorded, &alerts, &AlertService::process)
//   // GUI: Notifier::fallbackRequested -> tray message or banner; openRequested -> show account.
class AlertService : public QObject
{
    Q_OBJECT
public:
    // `store` is not owned and must outlive this object. Session bus, Clock::instance().
    explicit AlertService(AlertStateStore *store, QObject *parent = nullptr);
    AlertService(AlertStateStore *store, const QDBusConnection &bus, Clock *clock, QObject *parent = nullptr);

    AlertEngine *engine() { return &m_engine; }
    Notifier *notifier() { return &m_notifier; }

    // Subscribes to a source of recorded results: Monitor (models/engine/monitor.h) or anything
    // else with a `resultRecorded(const ProbeResult &)` signal. A template so that this header
    // does not depend on the probe engine.
    template <typename Source>
    QMetaObject::Connection attach(Source *source)
    {
        return connect(source, &Source::resultRecorded, this, &AlertService::process);
    }

    // Thresholds, forecast, do not disturb and overrides go to the engine; the command to the notifier.
    void setSettings(const AlertSettings &settings);
    const AlertSettings &settings() const { return m_engine.settings(); }

public Q_SLOTS:
    void process(const ProbeResult &result);
    // A pool's reading as a result of its own, and its balance (AlertEngine::processPool).
    void processPool(const ProbeResult &pool, const PoolBalance &balance);

private:
    AlertEngine m_engine;
    Notifier m_notifier;
};
