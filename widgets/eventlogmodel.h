#pragma once

#include "core/accountstate.h"
#include "history/historytypes.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QList>
#include <QPointer>
#include <QTimer>

#include <optional>

class HistoryBackend;

// The event log (429s, state changes, alerts, errors) as a flat table in arrival order (views
// sort by time). It follows HistoryStore::eventsAdded, reads only the newest page of events and
// appends those with ids it has not shown (dropping the oldest past the cap), so rows never
// reset under the user and a new event costs a short read, not the whole log.
//
// One row per happening: the alert a probe raised is folded into the row of the event the same
// probe left (a 429, an error, the fall below a threshold), so a throttle is one row with an
// alert mark. Rows are worded from the stored fields (kind, status, Retry-After, the alert's
// rule/severity/resource prefix and figures), so histories written by older versions, or in
// another language, read the same; a detail that cannot be parsed is shown as stored.
class EventLogModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Time, Account, Kind, Detail, ColumnCount };
    enum Role {
        AccountIdRole = Qt::UserRole + 1,
        KindRole,     // int(EventKind) of the row's own event (an alert folded into it: its kind)
        TimeRole,     // QDateTime (UTC)
        SortRole,
        IsNoticeRole, // bool: a line Headroom adds from what it found in the history (not stored)
        HasAlertRole, // bool: an alert was raised for this happening (alone or folded in)
        SentenceRole, // QString: the whole row in one sentence, "Throttled (HTTP 429): …"
        StateRole,    // int(AccountState): the state the row reports, for its colour
    };

    // Events of one account this close together come from one probe: an alert is recorded just
    // after the probe's own events.
    static constexpr qint64 kMergeWindowMs = 2000;

    explicit EventLogModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // Follows the store: loads the last `days` of events (at most `maxRows`) and appends new ones.
    void setStore(HistoryBackend *store, int days = 30, int maxRows = 5000);
    void setAccountName(const QString &accountId, const QString &name);
    // Adds events directly (a store-less view, tests); ignored when their id is already shown.
    void appendEvents(const QList<Event> &events);
    void reload();
    // An informational line about an account (a throttle pattern found in its history). Kept in
    // memory only, across reload(); `kind` is the kind of events it speaks about, so the kind
    // filter finds it beside them.
    void addNotice(const QString &accountId, const QDateTime &time, EventKind kind, const QString &text);
    int noticeCount() const { return int(m_notices.size()); }

    // The row's own event (for a folded row, the probe's event, not the alert).
    const Event *eventAt(int row) const;
    const Event *alertAt(int row) const;
    static QString kindLabel(EventKind kind);

    // How one happening reads: a headline ("Throttled (HTTP 429)", "Warning", "Token refused")
    // and what it says ("core quota exhausted; probing resumes 23:41 (in 1 min 2 s)").
    struct Words
    {
        QString headline;
        QString detail;
        QString alertNote; // for a row with an alert: whether it was shown
        AccountState state = AccountState::NoData;
        QString sentence() const;
    };
    // `alert` is the alert folded into `event`, if any.
    // `accountsEditable` false (the demo): a refused token names no edit the user cannot make.
    static Words describe(const Event &event, const std::optional<Event> &alert = std::nullopt,
                          bool accountsEditable = true);
    void setAccountsEditable(bool editable) { m_accountsEditable = editable; }

private:
    struct Row
    {
        Event event;
        std::optional<Event> alert;
        Words words;
    };

    // The first read after eventsAdded; it grows while all it finds is new.
    static constexpr int kFirstPage = 64;

    void fetchNew();
    // Folds `e` into one of `rows` (searched from the back), or returns false.
    bool fold(QList<Row> &rows, qsizetype firstRow, const Event &e, qsizetype *foldedRow) const;
    Row makeRow(const Event &e) const;
    static void sortByTime(QList<Event> &events);
    QString accountText(const QString &accountId) const;

    QPointer<HistoryBackend> m_store;
    QList<Row> m_rows;
    QList<Event> m_notices; // ids below zero; merged into m_rows by time
    qint64 m_nextNoticeId = -1;
    QHash<QString, QString> m_names;
    int m_days = 30;
    int m_maxRows = 5000;
    qint64 m_maxId = 0;
    QTimer m_fetchDebounce;
    bool m_accountsEditable = true;
};
