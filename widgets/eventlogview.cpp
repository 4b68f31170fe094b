#include "eventlogview.h"

#include "eventlogmodel.h"
#include "statestyle.h"

#include <QColor>
#include <QComboBox>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLocale>
#include <QResizeEvent>
#include <QScrollBar>
#include <QLabel>
#include <QLineEdit>
#include <QPainter>
#include <QPixmap>
#include <QPolygonF>
#include <QTableView>
#include <QVBoxLayout>

#include <algorithm>

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

namespace {
// The mark of a row that raised an alert: a small warning triangle in the row's colour.
QIcon alertMark(const QColor &color)
{
    return StateStyle::drawnIcon([color](QPainter &p, qreal size) {
        p.setPen(Qt::NoPen);
        p.setBrush(color);
        const qreal m = size / 10.0;
        p.drawPolygon(QPolygonF{QPointF(size / 2.0, m), QPointF(size - m, size - m), QPointF(m, size - m)});
        // The "!" in the window's background, so it reads on light and dark palettes alike.
        p.setBrush(QGuiApplication::palette().color(QPalette::Base));
        const qreal w = size / 8.0;
        p.drawRect(QRectF(size / 2.0 - w / 2, size * 0.36, w, size * 0.30));
        p.drawRect(QRectF(size / 2.0 - w / 2, size * 0.72, w, w));
    });
}
} // namespace

QVariant EventLogFilterProxy::data(const QModelIndex &index, int role) const
{
    if (index.column() == EventLogModel::Kind && (role == Qt::ForegroundRole || role == Qt::DecorationRole)) {
        // Each happening in the colour of the state it reports; an alert adds its mark.
        const auto state = AccountState(index.data(EventLogModel::StateRole).toInt());
        if (state == AccountState::NoData)
            return QSortFilterProxyModel::data(index, role);
        const QColor color = StateStyle::color(state);
        if (role == Qt::ForegroundRole)
            return color;
        if (index.data(EventLogModel::HasAlertRole).toBool()) {
            const QString key = color.name(QColor::HexArgb) + QGuiApplication::palette().color(QPalette::Base).name();
            auto it = m_marks.find(key);
            if (it == m_marks.end())
                it = m_marks.insert(key, alertMark(color));
            return it.value();
        }
    }
    return QSortFilterProxyModel::data(index, role);
}

bool EventLogFilterProxy::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    const QAbstractItemModel *m = sourceModel();
    const QModelIndex first = m->index(sourceRow, 0, sourceParent);
    // An alert folded into a throttle or an error is found under either kind.
    if (m_kind >= 0 && first.data(EventLogModel::KindRole).toInt() != m_kind
        && !(m_kind == int(EventKind::Alert) && first.data(EventLogModel::HasAlertRole).toBool()))
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
    , m_detail(new QLabel(this))
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
    // Time, account and headline as wide as they need; the detail takes the rest, and the pane
    // below says the selected event in full, so nothing needs a scroll to be read.
    QHeaderView *header = m_table->horizontalHeader();
    header->setStretchLastSection(true);
    header->setResizeContentsPrecision(200);
    header->setSectionResizeMode(EventLogModel::Time, QHeaderView::ResizeToContents);
    m_fitColumns.setSingleShot(true);
    connect(&m_fitColumns, &QTimer::timeout, this, &EventLogView::fitColumns);
    for (auto signal : {&QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved})
        connect(m_proxy, signal, &m_fitColumns, qOverload<>(&QTimer::start));
    connect(m_proxy, &QAbstractItemModel::modelReset, &m_fitColumns, qOverload<>(&QTimer::start));
    connect(m_proxy, &QAbstractItemModel::dataChanged, &m_fitColumns, qOverload<>(&QTimer::start));
    // Long sentences wrap in a narrow pane. Only the rows on screen are measured (a log of
    // thousands of rows would make measuring them all cost every insert); the rest keep one line
    // until scrolled into view.
    m_table->setWordWrap(true);
    m_table->setTextElideMode(Qt::ElideNone);
    connect(m_table->verticalScrollBar(), &QScrollBar::valueChanged, &m_fitColumns, qOverload<>(&QTimer::start));
    connect(m_proxy, &QAbstractItemModel::layoutChanged, &m_fitColumns, qOverload<>(&QTimer::start));
    connect(m_table, &QTableView::activated, this, &EventLogView::activate);

    m_detail->setObjectName(QStringLiteral("eventDetail"));
    m_detail->setWordWrap(true);
    m_detail->setTextFormat(Qt::PlainText);
    m_detail->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_detail->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Minimum);
    m_detail->hide();
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &EventLogView::showDetail);
    connect(m_proxy, &QAbstractItemModel::dataChanged, this,
            [this] { showDetail(m_table->selectionModel()->currentIndex()); });

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
    layout->addWidget(m_detail);
}

void EventLogView::fitColumns()
{
    // Account and headline as wide as their text, but the detail keeps a readable width; in a
    // pane too narrow for that, rows stay one line (elided) and the pane below says it all.
    const int viewport = m_table->viewport()->width();
    const int detailMin = m_table->fontMetrics().horizontalAdvance(QStringLiteral("the API refused requests;"));
    const bool roomy = viewport - m_table->columnWidth(EventLogModel::Time) >= 2 * detailMin;
    const int cap = std::max(m_table->fontMetrics().horizontalAdvance(QStringLiteral("legacy-de…")),
                             (viewport - m_table->columnWidth(EventLogModel::Time) - detailMin) / 2);
    for (int c : {EventLogModel::Account, EventLogModel::Kind})
        m_table->setColumnWidth(c, std::min(cap, std::max(static_cast<QAbstractItemView *>(m_table)->sizeHintForColumn(c),
                                                          m_table->horizontalHeader()->sectionSizeHint(c))));
    if (m_table->wordWrap() != roomy) {
        m_table->setWordWrap(roomy);
        m_table->setTextElideMode(roomy ? Qt::ElideNone : Qt::ElideRight);
        for (int row = 0; row < m_proxy->rowCount(); ++row)
            m_table->setRowHeight(row, m_table->verticalHeader()->defaultSectionSize());
    }
    if (!roomy)
        return;
    const int height = m_table->viewport()->height();
    const int first = std::max(0, m_table->rowAt(0));
    int used = 0;
    for (int row = first; row < m_proxy->rowCount() && used < height; ++row) {
        m_table->resizeRowToContents(row);
        used += m_table->rowHeight(row);
    }
}

void EventLogView::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    m_fitColumns.start();
}

void EventLogView::showDetail(const QModelIndex &proxyIndex)
{
    if (!proxyIndex.isValid()) {
        m_detail->clear();
        m_detail->hide();
        return;
    }
    const QModelIndex first = proxyIndex.siblingAtColumn(0);
    const QString when = QLocale().toString(first.data(EventLogModel::TimeRole).toDateTime().toLocalTime(),
                                            QLocale::ShortFormat);
    const QString account = first.siblingAtColumn(EventLogModel::Account).data().toString();
    QString text = tr("%1 · %2 · %3").arg(when, account, first.data(EventLogModel::SentenceRole).toString());
    const QString note = first.siblingAtColumn(EventLogModel::Kind).data(Qt::ToolTipRole).toString().section(u'\n', 1);
    if (!note.isEmpty())
        text += u' ' + note;
    m_detail->setText(text);
    m_detail->show();
}

QString EventLogView::detailText() const
{
    return m_detail->isVisible() ? m_detail->text() : QString();
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
