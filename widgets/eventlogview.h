#pragma once

#include <QDateTime>
#include <QHash>
#include <QIcon>
#include <QSortFilterProxyModel>
#include <QTimer>
#include <QWidget>

class EventLogModel;
class QComboBox;
class QLabel;
class QLineEdit;
class QTableView;

// Filters the event log by kind, account and free text; newest first.
class EventLogFilterProxy : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    explicit EventLogFilterProxy(QObject *parent = nullptr);

    void setKind(int kind);              // int(EventKind), or -1 for all
    void setAccountId(const QString &id); // empty for all
    void setText(const QString &text);
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    int m_kind = -1;
    QString m_accountId;
    QString m_text;
    mutable QHash<QString, QIcon> m_marks; // alert marks by colour and palette
};

// The event log pane: filter bar above a table. Double-clicking (or Enter on) an event asks
// the chart to show that account at that time.
class EventLogView : public QWidget
{
    Q_OBJECT
public:
    explicit EventLogView(EventLogModel *model, QWidget *parent = nullptr);

    // The account filter's choices; id → display name.
    void setAccounts(const QList<QPair<QString, QString>> &accounts);
    QTableView *table() const { return m_table; }
    EventLogFilterProxy *proxy() const { return m_proxy; }
    QLineEdit *textFilter() const { return m_text; }
    QComboBox *kindFilter() const { return m_kind; }
    QComboBox *accountFilter() const { return m_account; }
    // The selected event in full (time, account, sentence, alert); empty when none is selected.
    QString detailText() const;

Q_SIGNALS:
    void eventActivated(const QString &accountId, const QDateTime &time);

protected:
    void resizeEvent(QResizeEvent *event) override;

private:
    void activate(const QModelIndex &proxyIndex);
    void showDetail(const QModelIndex &proxyIndex);
    void fitColumns();

    EventLogModel *m_model;
    EventLogFilterProxy *m_proxy;
    QTableView *m_table;
    QComboBox *m_kind;
    QComboBox *m_account;
    QLineEdit *m_text;
    QLabel *m_detail;
    QTimer m_fitColumns;
};
