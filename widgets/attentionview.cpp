#include "attentionview.h"

#include "attentionmodel.h"
#include "core/clock.h"
#include "statestyle.h"

#include <QAction>
#include <QHBoxLayout>
#include <QLabel>
#include <QMenu>
#include <QScrollArea>
#include <QScrollBar>
#include <QToolButton>
#include <QVBoxLayout>

namespace {
// Rows the list shows before it scrolls: the table below keeps most of a small window.
constexpr int kVisibleRows = 4;
} // namespace

AttentionView::AttentionView(AttentionModel *model, QWidget *parent)
    : QWidget(parent)
    , m_model(model)
{
    setObjectName(QStringLiteral("attentionView"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);

    m_scroll = new QScrollArea(this);
    m_scroll->setObjectName(QStringLiteral("attentionList"));
    m_scroll->setWidgetResizable(true);
    m_scroll->setFrameShape(QFrame::StyledPanel);
    m_scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_rowsBox = new QWidget(m_scroll);
    m_rowsLayout = new QVBoxLayout(m_rowsBox);
    m_rowsLayout->setContentsMargins(0, 0, 0, 0);
    m_rowsLayout->setSpacing(0);
    m_rowsLayout->addStretch(1);
    m_scroll->setWidget(m_rowsBox);
    layout->addWidget(m_scroll);

    m_quiet = new QWidget(this);
    m_quiet->setObjectName(QStringLiteral("attentionQuiet"));
    auto *quietLayout = new QHBoxLayout(m_quiet);
    quietLayout->setContentsMargins(4, 0, 4, 0);
    m_quietLabel = new QLabel(m_quiet);
    m_quietLabel->setObjectName(QStringLiteral("attentionQuietLabel"));
    m_quietLabel->setEnabled(false); // quiet: the colour of a hint
    m_showHidden = new QToolButton(m_quiet);
    m_showHidden->setObjectName(QStringLiteral("attentionShowHidden"));
    m_showHidden->setAutoRaise(true);
    m_showHidden->setText(tr("Show them"));
    m_showHidden->setToolTip(tr("Bring back the lines you dismissed or snoozed here"));
    connect(m_showHidden, &QToolButton::clicked, m_model, &AttentionModel::showHidden);
    quietLayout->addWidget(m_quietLabel);
    quietLayout->addWidget(m_showHidden);
    quietLayout->addStretch(1);
    layout->addWidget(m_quiet);

    connect(m_model, &QAbstractItemModel::modelReset, this, &AttentionView::refresh);
    connect(m_model, &QAbstractItemModel::dataChanged, this, &AttentionView::refresh);
    connect(m_model, &AttentionModel::hiddenCountChanged, this, &AttentionView::updateQuietLine);
    refresh();
}

void AttentionView::setDemoMode(bool demo)
{
    m_demo = demo;
    refresh();
}

void AttentionView::addSnoozeActions(QMenu *menu, const QDateTime &resetAt, const QString &objectNamePrefix,
                                     const std::function<void(const QDateTime &)> &snooze)
{
    const QDateTime now = Clock::instance()->nowUtc();
    QAction *hour = menu->addAction(tr("For 1 &hour"), menu, [snooze] { snooze(Clock::instance()->nowUtc().addSecs(3600)); });
    hour->setObjectName(objectNamePrefix + QStringLiteral("Hour"));
    QAction *four = menu->addAction(tr("For &4 hours"), menu,
                                    [snooze] { snooze(Clock::instance()->nowUtc().addSecs(4 * 3600)); });
    four->setObjectName(objectNamePrefix + QStringLiteral("4Hours"));
    const bool resetKnown = resetAt.isValid() && resetAt > now;
    QAction *reset = menu->addAction(resetKnown ? tr("Until the &reset (%1)")
                                                      .arg(QLocale().toString(resetAt.toLocalTime(), QStringLiteral("HH:mm")))
                                                : tr("Until the &reset"),
                                     menu, [snooze, resetAt] { snooze(resetAt); });
    reset->setObjectName(objectNamePrefix + QStringLiteral("Reset"));
    reset->setEnabled(resetKnown);
    if (!resetKnown)
        reset->setToolTip(tr("No reset time is known for this account"));
    QAction *tomorrow = menu->addAction(tr("Until &tomorrow 09:00"), menu, [snooze] {
        const QDate day = Clock::instance()->nowUtc().toLocalTime().date().addDays(1);
        snooze(QDateTime(day, QTime(9, 0)).toUTC());
    });
    tomorrow->setObjectName(objectNamePrefix + QStringLiteral("Tomorrow"));
}

AttentionView::Row AttentionView::makeRow(int index)
{
    Row r;
    r.box = new QWidget(m_rowsBox);
    r.box->setObjectName(QStringLiteral("attentionLine%1").arg(index));
    auto *h = new QHBoxLayout(r.box);
    h->setContentsMargins(6, 1, 2, 1);
    h->setSpacing(4);
    r.icon = new QLabel(r.box);
    r.icon->setFixedWidth(16);
    r.text = new QLabel(r.box);
    r.text->setObjectName(QStringLiteral("attentionText"));
    r.text->setTextFormat(Qt::RichText);
    // One line per condition: a narrow window cuts the end of the sentence (the tooltip has it
    // all), never the actions.
    r.text->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Fixed);
    r.text->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto tool = [&](const QString &name, const QString &text, const QString &tip) {
        auto *b = new QToolButton(r.box);
        b->setObjectName(name);
        b->setText(text);
        b->setToolTip(tip);
        b->setAutoRaise(true);
        return b;
    };
    r.edit = tool(QStringLiteral("attentionEdit"), tr("Edit…"), tr("Change the account's token or settings"));
    r.demoNote = new QLabel(tr("demo token"), r.box);
    r.demoNote->setObjectName(QStringLiteral("attentionDemoNote"));
    r.demoNote->setEnabled(false);
    r.demoNote->setToolTip(tr("The demo's accounts are fixed: run Headroom without --demo to add your own."));
    r.snooze = tool(QStringLiteral("attentionSnooze"), tr("Snooze"),
                    tr("Hide this account's lines and mute its alerts for a while"));
    r.snooze->setPopupMode(QToolButton::InstantPopup);
    auto *menu = new QMenu(r.snooze);
    menu->setObjectName(QStringLiteral("attentionSnoozeMenu"));
    r.snooze->setMenu(menu);
    r.open = tool(QStringLiteral("attentionOpen"), tr("Open chart"), tr("Select the account and show its chart"));
    r.dismiss = tool(QStringLiteral("attentionDismiss"), QStringLiteral("✕"),
                     tr("Dismiss: the line comes back if its severity changes"));
    h->addWidget(r.icon);
    h->addWidget(r.text, 1);
    h->addWidget(r.edit);
    h->addWidget(r.demoNote);
    h->addWidget(r.snooze);
    h->addWidget(r.open);
    h->addWidget(r.dismiss);

    // The row's current line is read when the user acts, so a list that moved in between acts on
    // what the row shows now.
    const auto keyAt = [this, index](int role) { return m_model->index(index).data(role); };
    connect(r.edit, &QToolButton::clicked, this,
            [this, keyAt] { Q_EMIT editRequested(keyAt(AttentionModel::AccountIdRole).toString()); });
    connect(r.open, &QToolButton::clicked, this, [this, keyAt] {
        Q_EMIT openRequested(keyAt(AttentionModel::AccountIdRole).toString(),
                             keyAt(AttentionModel::ResourceRole).toString());
    });
    connect(r.dismiss, &QToolButton::clicked, this,
            [this, keyAt] { m_model->dismiss(keyAt(AttentionModel::KeyRole).toString()); });
    connect(menu, &QMenu::aboutToShow, this, [this, menu, keyAt] {
        menu->clear();
        const QString owner = keyAt(AttentionModel::OwnerRole).toString();
        addSnoozeActions(menu, keyAt(AttentionModel::ResetAtRole).toDateTime(), QStringLiteral("attentionSnooze"),
                         [this, owner](const QDateTime &until) { Q_EMIT snoozeRequested(owner, until); });
    });
    return r;
}

void AttentionView::fillRow(Row &r, int index)
{
    const QModelIndex i = m_model->index(index);
    const auto state = AccountState(i.data(AttentionModel::StateRole).toInt());
    r.icon->setPixmap(StateStyle::icon(state).pixmap(14, 14));
    r.icon->setToolTip(StateStyle::label(state));
    r.text->setText(QStringLiteral("<b>%1</b> — %2")
                        .arg(i.data(AttentionModel::TitleRole).toString().toHtmlEscaped(),
                             i.data(AttentionModel::DetailRole).toString().toHtmlEscaped()));
    r.text->setToolTip(i.data(Qt::ToolTipRole).toString());
    const auto kind = AttentionModel::Kind(i.data(AttentionModel::KindRole).toInt());
    const bool canEdit = i.data(AttentionModel::CanEditRole).toBool();
    const bool tokenLine = kind == AttentionModel::Kind::AuthFailed || kind == AttentionModel::Kind::TokenExpiring;
    r.edit->setVisible(canEdit && !m_demo);
    r.demoNote->setVisible(m_demo && tokenLine);
    const bool isPool = kind == AttentionModel::Kind::ImbalancedPool;
    r.open->setVisible(!i.data(AttentionModel::AccountIdRole).toString().isEmpty());
    r.open->setToolTip(isPool ? tr("Select the pool's member in trouble and show its chart")
                              : tr("Select the account and show its chart"));
}

void AttentionView::refresh()
{
    const int n = m_model->rowCount();
    while (m_rows.size() < n) {
        Row r = makeRow(int(m_rows.size()));
        m_rowsLayout->insertWidget(int(m_rows.size()), r.box);
        m_rows.append(r);
    }
    for (int i = 0; i < m_rows.size(); ++i) {
        m_rows[i].box->setVisible(i < n);
        if (i < n)
            fillRow(m_rows[i], i);
    }
    m_scroll->setVisible(n > 0);
    if (n > 0) {
        const Row &first = m_rows.at(0);
        const QMargins margins = first.box->layout()->contentsMargins();
        const int rowHeight = std::max(first.snooze->sizeHint().height(), first.text->fontMetrics().height())
            + margins.top() + margins.bottom();
        for (const Row &r : std::as_const(m_rows))
            r.box->setFixedHeight(rowHeight);
        // Half a row more than fits says there is more below.
        const int h = rowHeight * std::min(n, kVisibleRows) + (n > kVisibleRows ? rowHeight / 2 : 0);
        m_scroll->setFixedHeight(h + 2 * m_scroll->frameWidth());
    }
    updateQuietLine();
}

void AttentionView::updateQuietLine()
{
    const int n = m_model->rowCount();
    const int hidden = m_model->hiddenCount();
    QString text;
    if (n == 0 && m_model->hasReadings())
        text = hidden > 0 ? tr("Nothing else needs attention") : tr("Nothing needs attention");
    if (hidden > 0) {
        // No plural to get wrong: the English source has no plural forms of its own.
        const QString h = tr("dismissed or snoozed: %1").arg(hidden);
        text = text.isEmpty() ? h : text + QStringLiteral(" · ") + h;
    }
    m_quietLabel->setText(text);
    m_showHidden->setVisible(hidden > 0);
    m_quiet->setVisible(!text.isEmpty());
    setVisible(n > 0 || !text.isEmpty());
}
