#pragma once

#include "history/historytypes.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QList>
#include <QPointer>
#include <QTimer>

class HistoryStore;

// The event log (429s, state changes, alerts, errors) as a flat table in arrival order (views
// sort by time). It follows HistoryStore::eventsAdded, reads only the newest page of events and
// appends those with ids it has not shown (dropping the oldest past the cap), so rows never
// reset under the user and a new event costs a short read, not the whole log.
class EventLogModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Time, Account, Kind, Detail, ColumnCount };
    enum Role {
        AccountIdRole = Qt::UserRole + 1,
        KindRole,     // int(EventKind)
        TimeRole,     // QDateTime (UTC)
        SortRole,
        IsNoticeRole, // bool: a line Headroom adds from what it found in the history (not stored)
    };

    explicit EventLogModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // Follows the store: loads the last `days` of events (at most `maxRows`) and appends new ones.
    void setStore(HistoryStore *store, int days = 30, int maxRows = 5000);
    void setAccountName(const QString &accountId, const QString &name);
    // Adds events directly (a store-less view, tests); ignored when their id is already shown.
    void appendEvents(const QList<Event> &events);
    void reload();
    // An informational line about an account (a throttle pattern found in its history). Kept in
    // memory only, across reload(); `kind` is the kind of events it speaks about, so the kind
    // filter finds it beside them.
    void addNotice(const QString &accountId, const QDateTime &time, EventKind kind, const QString &text);
    int noticeCount() const { return int(m_notices.size()); }

    const Event *eventAt(int row) const;
    static QString kindLabel(EventKind kind);

private:
    // The first read after eventsAdded; it grows while all it finds is new.
    static constexpr int kFirstPage = 64;

    void fetchNew();

    QPointer<HistoryStore> m_store;
    QList<Event> m_events;
    QList<Event> m_notices; // ids below zero; merged into m_events by time
    qint64 m_nextNoticeId = -1;
    QHash<QString, QString> m_names;
    int m_days = 30;
    int m_maxRows = 5000;
    qint64 m_maxId = 0;
    QTimer m_fetchDebounce;
};
