#pragma once

#include "alertstatestore.h"

class HistoryBackend;

// AlertStateStore over the history database: state via HistoryStore::alertState /
// setAlertState, events via appendEvents, forecast seed via samples(). Not owned.
class HistoryAlertStateStore : public AlertStateStore
{
public:
    explicit HistoryAlertStateStore(HistoryBackend *store);

    QByteArray load(const QString &key) const override;
    bool save(const QString &key, const QByteArray &value) override;
    bool appendEvents(const QList<Event> &events) override;
    QList<RemainingPoint> recentRemaining(const QString &accountId, const QString &resource,
                                          const QDateTime &from, const QDateTime &to) const override;

private:
    HistoryBackend *m_store;
};
