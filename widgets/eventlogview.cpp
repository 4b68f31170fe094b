#include "eventlogview.h"

#include "eventlogmodel.h"
#include "statestyle.h"

#include <QColor>
#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QTableView>
#include <QVBoxLayout>

EventLogFilterProxy::EventLogFilterProxy(QObject *parent)
    : QSortFilterProxyModel(parent)
{
    setSortRole(EventLogModel::SortRole);
    setDynamicSortFilter(true);
}

void EventLogFilterProxy::setKind(int kind)
{
    m_kind = kind;
    invalidateRowsFilter();
}

void EventLogFilterProxy::setAccountId(const QString &id)
{
    m_accountId = id;
    invalidateRowsFilter();
}

void EventLogFilterProxy::setText(const QString &text)
{
    m_text = text.trimmed();
    invalidateRowsFilter();
}

QVariant EventLogFilterProxy::data(const QModelIndex &index, int role) const
{
    if (role == Qt::ForegroundRole && index.column() == EventLogModel::Kind) {
        // Each kind in the colour of the state it reports.
        switch (EventKind(index.data(EventLogModel::KindRole).toInt())) {
        case EventKind::Throttled: return StateStyle::color(AccountState::Throttled);
        case EventKind::Error: return StateStyle::color(AccountState::Error);
        case EventKind::NearLimit:
        case EventKind::Alert: return StateStyle::color(AccountState::Warning);
        case EventKind::StateChange: break;
        }
    }
    return QSortFilterProxyModel::data(index, role);
}

bool EventLogFilterProxy::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    const QAbstractItemModel *m = sourceModel();
    const QModelIndex first = m->index(sourceRow, 0, sourceParent);
    if (m_kind >= 0 && first.data(EventLogModel::KindRole).toInt() != m_kind)
        return false;
    if (!m_accountId.isEmpty() && first.data(EventLogModel::AccountIdRole).toString() != m_accountId)
        return false;
    if (m_text.isEmpty())
        return true;
    for (int c = 0; c < EventLogModel::ColumnCount; ++c) {
        if (m->index(sourceRow, c, sourceParent).data().toString().contains(m_text, Qt::CaseInsensitive))
            return true;
    }
    return false;
}

EventLogView::EventLogView(EventLogModel *model, QWidget *parent)
    : QWidget(parent)
    , m_model(model)
    , m_proxy(new EventLogFilterProxy(this))
    , m_table(new QTableView(this))
    , m_kind(new QComboBox(this))
    , m_account(new QComboBox(this))
    , m_text(new QLineEdit(this))
{
    m_proxy->setSourceModel(model);

    m_kind->setObjectName(QStringLiteral("eventKindFilter"));
    m_kind->addItem(tr("All kinds"), -1);
    for (EventKind k : {EventKind::Throttled, EventKind::NearLimit, EventKind::StateChange, EventKind::Alert,
                        EventKind::Error})
        m_kind->addItem(EventLogModel::kindLabel(k), int(k));
    m_account->setObjectName(QStringLiteral("eventAccountFilter"));
    m_account->addItem(tr("All accounts"), QString());
    m_text->setObjectName(QStringLiteral("eventTextFilter"));
    m_text->setPlaceholderText(tr("Filter events…"));
    m_text->setClearButtonEnabled(true);

    connect(m_kind, &QComboBox::currentIndexChanged, this,
            [this](int i) { m_proxy->setKind(m_kind->itemData(i).toInt()); });
    connect(m_account, &QComboBox::currentIndexChanged, this,
            [this](int i) { m_proxy->setAccountId(m_account->itemData(i).toString()); });
    connect(m_text, &QLineEdit::textChanged, m_proxy, &EventLogFilterProxy::setText);

    m_table->setObjectName(QStringLiteral("eventTable"));
    m_table->setModel(m_proxy);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(EventLogModel::Time, Qt::DescendingOrder);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setAlternatingRowColors(true);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 6);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->horizontalHeader()->setSectionResizeMode(EventLogModel::Time, QHeaderView::ResizeToContents);
    m_table->setWordWrap(false);
    connect(m_table, &QTableView::activated, this, &EventLogView::activate);

    auto *title = new QLabel(tr("<b>Events</b>"), this);
    auto *bar = new QHBoxLayout;
    bar->setContentsMargins(0, 0, 0, 0);
    bar->addWidget(title);
    bar->addWidget(m_kind);
    bar->addWidget(m_account);
    bar->addWidget(m_text, 1);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(bar);
    layout->addWidget(m_table, 1);
}

void EventLogView::setAccounts(const QList<QPair<QString, QString>> &accounts)
{
    const QString current = m_account->currentData().toString();
    QSignalBlocker block(m_account);
    m_account->clear();
    m_account->addItem(tr("All accounts"), QString());
    for (const auto &[id, name] : accounts)
        m_account->addItem(name, id);
    const int i = m_account->findData(current);
    m_account->setCurrentIndex(i >= 0 ? i : 0);
    if (i < 0)
        m_proxy->setAccountId({});
}

void EventLogView::activate(const QModelIndex &proxyIndex)
{
    if (!proxyIndex.isValid())
        return;
    const QModelIndex first = proxyIndex.siblingAtColumn(0);
    Q_EMIT eventActivated(first.data(EventLogModel::AccountIdRole).toString(),
                          first.data(EventLogModel::TimeRole).toDateTime());
}
