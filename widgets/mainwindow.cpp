#include "mainwindow.h"

#include "trayicon.h"

#include "accountfilterproxymodel.h"
#include "accounttablemodel.h"
#include "attentionmodel.h"
#include "attentionview.h"
#include "core/clock.h"
#include "eventlogmodel.h"
#include "eventlogview.h"
#include "history/historyreader.h"
#include "history/historybackend.h"
#include "quotabardelegate.h"
#include "quotachartview.h"
#include "sparklinedelegate.h"
#include "trendcache.h"
#include "report/throttlepattern.h"
#include "statestyle.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QDialog>
#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeySequence>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QScreen>
#include <QSettings>
#include <QShortcut>
#include <QSplitter>
#include <QStatusBar>
#include <QTableWidget>
#include <QToolBar>
#include <QToolButton>
#include <QTreeView>
#include <QVBoxLayout>

MainWindow::MainWindow(HistoryBackend *history, QWidget *parent)
    : QMainWindow(parent)
    , m_history(history)
    , m_model(new AccountTableModel(this))
    , m_proxy(new AccountFilterProxyModel(this))
    , m_events(new EventLogModel(this))
    , m_attention(new AttentionModel(this))
{
    setObjectName(QStringLiteral("mainWindow"));
    setWindowTitle(tr("Headroom"));
    m_proxy->setSourceModel(m_model);
    if (m_history) {
        m_events->setStore(m_history);
        m_reader = new HistoryReader(m_history, this);
        connect(m_reader, &HistoryReader::latestLoaded, this, &MainWindow::recordStoredSamples);
    }

    buildCentral();
    buildMenus();

    m_nextProbeLabel = new QLabel(this);
    m_nextProbeLabel->setObjectName(QStringLiteral("nextProbeLabel"));
    m_summaryLabel = new QLabel(this);
    statusBar()->addWidget(m_nextProbeLabel, 1);
    statusBar()->addPermanentWidget(m_summaryLabel);

    m_tick.setInterval(1000);
    connect(&m_tick, &QTimer::timeout, this, &MainWindow::tick);
    m_tick.start();

    // Readings arrive one account at a time: the choice of the most severe waits for a pause.
    m_severityDebounce.setSingleShot(true);
    m_severityDebounce.setInterval(200);
    connect(&m_severityDebounce, &QTimer::timeout, this, &MainWindow::selectMostSevere);
    connect(m_model, &QAbstractItemModel::modelReset, &m_severityDebounce, qOverload<>(&QTimer::start));

    m_startedAt = Clock::instance()->nowUtc();
    m_patternDebounce.setSingleShot(true);
    m_patternDebounce.setInterval(2000);
    connect(&m_patternDebounce, &QTimer::timeout, this, &MainWindow::updateThrottlePatterns);
    // The 24 h window slides even when nothing new is refused.
    m_patternSlide.setInterval(5 * 60 * 1000);
    connect(&m_patternSlide, &QTimer::timeout, this, &MainWindow::updateThrottlePatterns);
    if (m_history) {
        connect(m_history, &HistoryBackend::eventsAdded, &m_patternDebounce, qOverload<>(&QTimer::start));
        m_patternSlide.start();
    }

    const QSettings settings;
    if (!restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray())) {
        // 1280×820 where it fits; a smaller screen gets all of its room, not a window beyond it.
        const QSize room = screen() ? screen()->availableGeometry().size() : QSize(1280, 820);
        resize(std::min(1280, room.width()), std::min(820, room.height()));
    }
    updateStatus();
}

MainWindow::~MainWindow() = default;

void MainWindow::buildCentral()
{
    auto *central = new QWidget(this);
    auto *layout = new QVBoxLayout(central);
    layout->setContentsMargins(6, 6, 6, 0);

    // Banner for one-time notices; hidden until there is something to say.
    m_bannerBox = new QWidget(central);
    m_bannerBox->setObjectName(QStringLiteral("banner"));
    m_bannerBox->setAutoFillBackground(true);
    auto *bannerLayout = new QHBoxLayout(m_bannerBox);
    bannerLayout->setContentsMargins(8, 4, 4, 4);
    m_banner = new QLabel(m_bannerBox);
    m_banner->setWordWrap(true);
    m_banner->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_bannerClose = new QToolButton(m_bannerBox);
    m_bannerClose->setObjectName(QStringLiteral("bannerClose"));
    m_bannerClose->setText(QStringLiteral("✕"));
    m_bannerClose->setAutoRaise(true);
    m_bannerClose->setToolTip(tr("Dismiss"));
    connect(m_bannerClose, &QToolButton::clicked, m_bannerBox, &QWidget::hide);
    bannerLayout->addWidget(m_banner, 1);
    bannerLayout->addWidget(m_bannerClose);
    m_bannerBox->hide();
    layout->addWidget(m_bannerBox);

    m_attentionView = new AttentionView(m_attention, central);
    connect(m_attentionView, &AttentionView::editRequested, this, &MainWindow::editAccountRequested);
    connect(m_attentionView, &AttentionView::openRequested, this, [this](const QString &id, const QString &resource) {
        m_userPicked = true;
        const QModelIndex target = resource.isEmpty() ? QModelIndex() : m_model->indexOfResource(id, resource);
        const QModelIndex proxyIndex =
            m_proxy->mapFromSource(target.isValid() ? target : m_model->indexOfAccount(id));
        if (!proxyIndex.isValid())
            return;
        m_tree->setCurrentIndex(proxyIndex);
        m_tree->scrollTo(proxyIndex);
    });
    connect(m_attentionView, &AttentionView::snoozeRequested, this, [this](const QString &owner, const QDateTime &until) {
        m_attention->snooze(owner, until);
        // The alerts are muted as long as the lines are hidden (a pool's alerts go by "pool:NAME").
        Q_EMIT snoozeRequested(owner, until);
    });
    layout->addWidget(m_attentionView);

    m_search = new QLineEdit(central);
    m_search->setObjectName(QStringLiteral("searchField"));
    m_search->setPlaceholderText(tr("Search accounts, providers, resources (Ctrl+F)"));
    m_search->setClearButtonEnabled(true);
    connect(m_search, &QLineEdit::textChanged, m_proxy, &AccountFilterProxyModel::setSearchText);
    connect(m_search, &QLineEdit::textChanged, this, &MainWindow::expandMultiResourceAccounts);
    // Escape empties the search; on an empty field it hands the keyboard back to the table.
    auto *escape = new QShortcut(QKeySequence(Qt::Key_Escape), m_search, nullptr, nullptr, Qt::WidgetShortcut);
    escape->setObjectName(QStringLiteral("searchEscape"));
    connect(escape, &QShortcut::activated, this, [this] {
        if (m_search->text().isEmpty())
            m_tree->setFocus(Qt::ShortcutFocusReason);
        else
            m_search->clear();
    });
    layout->addWidget(m_search);

    m_tree = new QTreeView(central);
    m_tree->setObjectName(QStringLiteral("accountTree"));
    m_tree->setModel(m_proxy);
    m_tree->setItemDelegateForColumn(AccountTableModel::Remaining, new QuotaBarDelegate(m_tree));
    m_tree->setSortingEnabled(true);
    // Worst first: auth failed, throttled, critical, ... ok.
    m_tree->sortByColumn(AccountTableModel::State, Qt::DescendingOrder);
    m_noMatch = new QLabel(m_tree->viewport());
    m_noMatch->setObjectName(QStringLiteral("noMatchLabel"));
    m_noMatch->setAlignment(Qt::AlignHCenter | Qt::AlignTop);
    m_noMatch->setWordWrap(true);
    auto *noMatchLayout = new QVBoxLayout(m_tree->viewport());
    noMatchLayout->setContentsMargins(12, 24, 12, 12);
    noMatchLayout->addWidget(m_noMatch);
    noMatchLayout->addStretch(1);
    m_noMatch->setEnabled(false);
    m_noMatch->hide();
    connect(m_search, &QLineEdit::textChanged, this, &MainWindow::updateNoMatch);
    connect(m_proxy, &QAbstractItemModel::rowsInserted, this, &MainWindow::updateNoMatch);
    connect(m_proxy, &QAbstractItemModel::rowsRemoved, this, &MainWindow::updateNoMatch);
    connect(m_proxy, &QAbstractItemModel::modelReset, this, &MainWindow::updateNoMatch);
    connect(m_proxy, &QAbstractItemModel::layoutChanged, this, &MainWindow::updateNoMatch);
    m_tree->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_tree->setSelectionMode(QAbstractItemView::SingleSelection);
    m_tree->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_tree->setAlternatingRowColors(true);
    m_tree->setUniformRowHeights(true);
    m_tree->setAllColumnsShowFocus(true);
    m_tree->setContextMenuPolicy(Qt::CustomContextMenu);
    // The bar takes the spare width, not the last column; a narrow window hides columns in the
    // table's order of priority (fitColumns()).
    m_tree->header()->setStretchLastSection(false);
    m_tree->header()->setSectionResizeMode(QHeaderView::Interactive);
    m_tree->header()->setSectionResizeMode(AccountTableModel::Remaining, QHeaderView::Stretch);
    for (int column = 0; column < AccountTableModel::ColumnCount; ++column)
        m_tree->setColumnWidth(column, preferredColumnWidth(column));
    m_tree->viewport()->installEventFilter(this);
    auto *trends = new TrendCache(m_history, m_model, this);
    m_tree->setItemDelegateForColumn(AccountTableModel::Trend, new SparklineDelegate(trends, m_tree));
    connect(m_tree, &QTreeView::customContextMenuRequested, this, [this](const QPoint &pos) {
        QModelIndex idx = m_tree->indexAt(pos);
        if (!idx.isValid())
            idx = m_tree->currentIndex();
        if (!idx.isValid())
            return;
        QMenu *menu = createContextMenu(idx);
        menu->setAttribute(Qt::WA_DeleteOnClose);
        menu->popup(m_tree->viewport()->mapToGlobal(pos));
    });
    connect(m_tree->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &current) { onCurrentChanged(current); });
    // Accounts with several resources open up; a single resource is already summarised on
    // its account's row, so repeating it underneath would only add noise.
    connect(m_proxy, &QAbstractItemModel::rowsInserted, m_tree, [this](const QModelIndex &parent) {
        if (parent.isValid() && m_proxy->rowCount(parent) > 1)
            m_tree->expand(parent);
    });
    auto *deleteKey = new QShortcut(QKeySequence::Delete, m_tree, nullptr, nullptr, Qt::WidgetShortcut);
    connect(deleteKey, &QShortcut::activated, this, [this] {
        const QString id = currentAccountId();
        if (!id.isEmpty())
            confirmRemove(id);
    });

    m_chart = new QuotaChartView(m_history, central);
    auto *chartBox = new QWidget(central);
    auto *chartLayout = new QVBoxLayout(chartBox);
    chartLayout->setContentsMargins(0, 0, 0, 0);
    auto *rangeBar = new QToolBar(chartBox);
    rangeBar->setObjectName(QStringLiteral("rangeBar"));
    rangeBar->setToolButtonStyle(Qt::ToolButtonTextOnly);
    m_rangeGroup = new QActionGroup(this);
    struct RangeChoice
    {
        QString label;
        QString tip;
        QuotaChartView::Range range;
    };
    const QList<RangeChoice> ranges = {
        {tr("1 h"), tr("Show the last hour"), QuotaChartView::Range::Hour},
        {tr("6 h"), tr("Show the last 6 hours"), QuotaChartView::Range::SixHours},
        {tr("24 h"), tr("Show the last 24 hours"), QuotaChartView::Range::Day},
        {tr("7 d"), tr("Show the last 7 days"), QuotaChartView::Range::Week},
        {tr("30 d"), tr("Show the last 30 days"), QuotaChartView::Range::Month},
    };
    for (const auto &[label, tip, range] : ranges) {
        QAction *a = rangeBar->addAction(label);
        a->setToolTip(tip);
        a->setStatusTip(tip);
        a->setCheckable(true);
        a->setChecked(range == m_chart->range());
        a->setObjectName(QStringLiteral("actionRange%1").arg(QuotaChartView::rangeSeconds(range)));
        m_rangeGroup->addAction(a);
        connect(a, &QAction::triggered, this, [this, range = range] { m_chart->setRange(range); });
    }
    connect(m_chart, &QuotaChartView::timeWindowChanged, this, [this] {
        // A zoom or pan leaves the presets; none of them describes the window any more.
        if (QAction *checked = m_rangeGroup->checkedAction()) {
            m_rangeGroup->setExclusive(false);
            checked->setChecked(false);
            m_rangeGroup->setExclusive(true);
        }
    });
    auto *hint = new QLabel(tr("Drag to zoom · wheel to zoom · Ctrl+drag or ←/→ to pan"), rangeBar);
    hint->setEnabled(false);
    rangeBar->addSeparator();
    rangeBar->addWidget(hint);
    chartLayout->addWidget(rangeBar);
    chartLayout->addWidget(m_chart, 1);

    m_eventView = new EventLogView(m_events, central);
    connect(m_eventView, &EventLogView::eventActivated, this, &MainWindow::onEventActivated);

    auto *bottom = new QSplitter(Qt::Horizontal, central);
    bottom->addWidget(chartBox);
    bottom->addWidget(m_eventView);
    bottom->setStretchFactor(0, 3);
    bottom->setStretchFactor(1, 2);
    auto *split = new QSplitter(Qt::Vertical, central);
    split->setObjectName(QStringLiteral("mainSplitter"));
    split->addWidget(m_tree);
    split->addWidget(bottom);
    // The table first: it is what the window is read by at a glance; the chart and log below
    // are one click away and give up room first in a small window.
    split->setStretchFactor(0, 1);
    split->setStretchFactor(1, 1);
    split->setChildrenCollapsible(false);
    m_tree->setMinimumHeight(120);
    chartBox->setMinimumHeight(160);
    layout->addWidget(split, 1);
    setCentralWidget(central);

    setTabOrder(m_search, m_tree);
    setTabOrder(m_tree, m_chart);
    setTabOrder(m_chart, m_eventView->textFilter());
}

void MainWindow::buildMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    QAction *add = file->addAction(tr("&Add account…"), this, &MainWindow::addAccountRequested);
    add->setObjectName(QStringLiteral("actionAddAccount"));
    add->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_N));
    QAction *paste = file->addAction(tr("&Paste a response…"), this, &MainWindow::pasteResponseRequested);
    paste->setObjectName(QStringLiteral("actionPasteResponse"));
    QAction *exp = file->addAction(tr("&Export…"), this, &MainWindow::exportRequested);
    exp->setObjectName(QStringLiteral("actionExport"));
    exp->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    file->addSeparator();
    QAction *quit = file->addAction(tr("&Quit"), qApp, &QApplication::quit);
    quit->setObjectName(QStringLiteral("actionQuit"));
    quit->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Q));
    quit->setMenuRole(QAction::QuitRole);

    QMenu *account = menuBar()->addMenu(tr("&Account"));
    QAction *probeAll = account->addAction(tr("Probe &all now"), this, &MainWindow::probeAllRequested);
    probeAll->setObjectName(QStringLiteral("actionProbeAll"));
    probeAll->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_R));
    QAction *probeOne = account->addAction(tr("&Probe selected now"), this, [this] {
        if (const QString id = currentAccountId(); !id.isEmpty())
            Q_EMIT probeRequested(id);
    });
    probeOne->setObjectName(QStringLiteral("actionProbeSelected"));
    QAction *edit = account->addAction(tr("&Edit selected…"), this, [this] {
        if (const QString id = currentAccountId(); !id.isEmpty())
            Q_EMIT editAccountRequested(id);
    });
    edit->setObjectName(QStringLiteral("actionEditSelected"));
    QAction *remove = account->addAction(tr("&Remove selected…"), this, [this] {
        if (const QString id = currentAccountId(); !id.isEmpty())
            confirmRemove(id);
    });
    remove->setObjectName(QStringLiteral("actionRemoveSelected"));

    QMenu *view = menuBar()->addMenu(tr("&View"));
    QAction *find = view->addAction(tr("&Find…"), this, [this] {
        m_search->setFocus(Qt::ShortcutFocusReason);
        m_search->selectAll();
    });
    find->setObjectName(QStringLiteral("actionFind"));
    find->setShortcut(QKeySequence::Find);
    QAction *refresh = view->addAction(tr("&Refresh"), this, &MainWindow::refreshAll);
    refresh->setObjectName(QStringLiteral("actionRefresh"));
    refresh->setShortcut(QKeySequence(Qt::Key_F5));
    view->addSeparator();
    QMenu *range = view->addMenu(tr("Chart &range"));
    range->addActions(m_rangeGroup->actions());
    QMenu *theme = view->addMenu(tr("&Theme"));
    m_themeGroup = new QActionGroup(this);
    const Theme::Mode current = Theme::savedMode();
    const QList<QPair<QString, Theme::Mode>> modes = {
        {tr("&System"), Theme::Mode::System}, {tr("&Light"), Theme::Mode::Light}, {tr("&Dark"), Theme::Mode::Dark}};
    for (const auto &[label, mode] : modes) {
        QAction *a = theme->addAction(label);
        a->setCheckable(true);
        a->setChecked(mode == current);
        a->setObjectName(QStringLiteral("actionTheme_") + Theme::modeId(mode));
        m_themeGroup->addAction(a);
        connect(a, &QAction::triggered, this, [this, mode = mode] { setTheme(mode); });
    }

    m_settingsMenu = menuBar()->addMenu(tr("&Settings"));
    QAction *alerts = m_settingsMenu->addAction(tr("&Alerts…"), this, &MainWindow::alertSettingsRequested);
    alerts->setObjectName(QStringLiteral("actionAlertSettings"));
    QAction *history = m_settingsMenu->addAction(tr("&History…"), this, &MainWindow::historySettingsRequested);
    history->setObjectName(QStringLiteral("actionHistorySettings"));

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    QAction *keys = help->addAction(tr("&Keyboard shortcuts"), this, &MainWindow::showShortcuts);
    keys->setObjectName(QStringLiteral("actionShortcuts"));
    keys->setShortcut(QKeySequence::HelpContents);
    m_cliHelpAction = help->addAction(tr("&Command line"), this, &MainWindow::showCommandLineHelp);
    m_cliHelpAction->setObjectName(QStringLiteral("actionCommandLine"));
    m_cliHelpAction->setEnabled(!m_cliHelp.isEmpty());
    help->addSeparator();
    help->addAction(tr("&About Headroom"), this, [this] {
        QMessageBox::about(this, tr("About Headroom"),
                           tr("<b>Headroom %1</b><p>Watches API rate-limit quotas: remaining, resets and 429s, "
                              "with alerts before an account runs dry.</p>")
                               .arg(QApplication::applicationVersion()));
    });
}

void MainWindow::setTheme(Theme::Mode mode)
{
    Theme::saveMode(mode);
    Theme::apply(mode);
    applyBannerPalette();
    Q_EMIT themeChanged(mode);
}

QMenu *MainWindow::createContextMenu(const QModelIndex &proxyIndex)
{
    auto *menu = new QMenu(this);
    const QModelIndex source = m_proxy->mapToSource(proxyIndex);
    const QString id = m_model->accountIdAt(source);
    if (id.isEmpty())
        return menu;
    QAction *probe = menu->addAction(tr("&Probe now"), this, [this, id] { Q_EMIT probeRequested(id); });
    probe->setObjectName(QStringLiteral("ctxProbe"));
    QAction *edit = menu->addAction(tr("&Edit…"), this, [this, id] { Q_EMIT editAccountRequested(id); });
    edit->setObjectName(QStringLiteral("ctxEdit"));
    QMenu *snooze = menu->addMenu(tr("&Snooze alerts"));
    snooze->setObjectName(QStringLiteral("ctxSnooze"));
    AttentionView::addSnoozeActions(snooze, m_model->indexOfAccount(id).data(AccountTableModel::ResetAtRole).toDateTime(),
                                    QStringLiteral("ctxSnooze"), [this, id](const QDateTime &until) {
                                        m_attention->snooze(id, until);
                                        Q_EMIT snoozeRequested(id, until);
                                    });
    menu->addSeparator();
    QAction *remove = menu->addAction(tr("&Remove…"), this, [this, id] { confirmRemove(id); });
    remove->setObjectName(QStringLiteral("ctxRemove"));
    // The demo's accounts are fixed: it offers nothing it would then refuse.
    for (QAction *a : {edit, remove}) {
        a->setEnabled(!m_demo);
        if (m_demo)
            a->setToolTip(demoFixedText());
    }
    // Without its token here, another process polls the account: nothing to probe or edit here.
    if (m_model->isReadOnly(id)) {
        for (QAction *a : {probe, edit}) {
            a->setEnabled(false);
            a->setToolTip(tr("This machine has no token for this account; another process polls it."));
        }
    }
    menu->setToolTipsVisible(true);
    return menu;
}

QString MainWindow::demoFixedText()
{
    return tr("The demo's accounts are fixed: run Headroom without --demo to add your own.");
}

void MainWindow::confirmRemove(const QString &accountId)
{
    if (m_demo)
        return;
    const std::optional<Account> a = m_model->account(accountId);
    if (!a)
        return;
    QMessageBox box(QMessageBox::Question, tr("Remove account"),
                    tr("Remove “%1”? Its token is deleted from the keychain; its history is kept.").arg(a->name),
                    QMessageBox::Cancel, this);
    QPushButton *remove = box.addButton(tr("Remove"), QMessageBox::DestructiveRole);
    box.setDefaultButton(QMessageBox::Cancel);
    box.exec();
    if (box.clickedButton() == remove)
        Q_EMIT removeAccountRequested(accountId);
}

QString MainWindow::currentAccountId() const
{
    return m_model->accountIdAt(m_proxy->mapToSource(m_tree->currentIndex()));
}

void MainWindow::setAccounts(const QList<Account> &accounts)
{
    m_model->setAccounts(accounts);
    QStringList ids;
    for (const Account &a : accounts) {
        m_events->setAccountName(a.id, a.name);
        m_attention->setAccountName(a.id, a.name);
        ids.append(a.id);
    }
    // Last known values, so a restart shows numbers (marked stale if old) before the first
    // probe; read off the UI thread, a cold disk never holds up the window.
    if (m_reader)
        m_reader->requestLatest(ids);
    expandMultiResourceAccounts();
    syncEventAccounts();
    m_patternDebounce.start();
    m_severityDebounce.start();
    updateStatus();
}

void MainWindow::expandMultiResourceAccounts()
{
    const int n = m_proxy->rowCount();
    for (int i = 0; i < n; ++i) {
        const QModelIndex account = m_proxy->index(i, 0);
        if (m_proxy->rowCount(account) > 1 || !m_proxy->searchText().isEmpty())
            m_tree->expand(account);
    }
}

void MainWindow::addOrUpdateAccount(const Account &account)
{
    m_model->addAccount(account);
    m_events->setAccountName(account.id, account.name);
    m_attention->setAccountName(account.id, account.name);
    syncEventAccounts();
    m_severityDebounce.start();
}

void MainWindow::removeAccount(const QString &accountId)
{
    m_model->removeAccount(accountId);
    m_attention->removeAccount(accountId);
    syncEventAccounts();
    // The chart never shows an account that is gone: the most severe one takes its place.
    if (m_chart->accountId() == accountId)
        m_userPicked = false;
    m_severityDebounce.start();
}

void MainWindow::syncEventAccounts()
{
    QList<QPair<QString, QString>> list;
    for (const Account &a : m_model->accounts())
        list.append({a.id, a.name});
    std::sort(list.begin(), list.end(),
              [](const auto &x, const auto &y) { return QString::localeAwareCompare(x.second, y.second) < 0; });
    m_eventView->setAccounts(list);
}

void MainWindow::recordProbe(const ProbeResult &result)
{
    m_model->applyProbeResult(result);
    m_attention->applyProbeResult(result);
    if (m_chart->accountId() == result.accountId)
        updateChartContext();
    m_severityDebounce.start();
    updateStatus();
}

void MainWindow::recordPoolReading(const PoolReading &reading)
{
    m_model->applyPoolReading(reading);
    m_attention->applyPoolReading(reading);
    updateStatus();
}

void MainWindow::setPools(const QList<Pool> &pools)
{
    if (pools == m_model->pools())
        return;
    m_model->setPools(pools);
    m_attention->setPools(pools);
    // A pool's members sit under it: open it, so they are in sight.
    for (const Pool &p : pools)
        m_tree->expand(m_proxy->mapFromSource(m_model->indexOfPool(p.name)));
    m_severityDebounce.start();
}

void MainWindow::recordStoredSamples(const QList<Sample> &samples)
{
    for (const Sample &s : samples)
        m_model->applySample(s);
    m_severityDebounce.start();
    updateChartContext();
}

void MainWindow::setPollers(const QHash<QString, QString> &pollers, const QString &self,
                            const QSet<QString> &withoutToken)
{
    m_model->setPollers(pollers, self, withoutToken);
    updateStatus();
}

void MainWindow::updateChartContext()
{
    const QString id = m_chart->accountId();
    if (!id.isEmpty() && m_chart->resource().isEmpty()) {
        // Selected before its first reading: that reading names the resource to draw.
        const QString primary = m_model->primaryResource(id);
        if (!primary.isEmpty()) {
            const std::optional<Account> a = m_model->account(id);
            m_chart->showAccount(id, primary, a ? a->name : id);
        }
    }
    const QModelIndex resource = m_model->indexOfResource(id, m_chart->resource());
    const QModelIndex row = resource.isValid() ? resource : m_model->indexOfAccount(id);
    if (!row.isValid())
        return;
    const QVariant limit = row.data(AccountTableModel::LimitRole);
    // Only a limit without a remaining count needs the table's help: otherwise the stored
    // series carry the limit themselves.
    const bool limitOnly = limit.isValid() && !row.data(AccountTableModel::RemainingRole).isValid();
    const QVariant source = row.data(AccountTableModel::LimitSourceRole);
    const bool documented = source.isValid() && LimitSource(source.toInt()) == LimitSource::Documented;
    m_chart->setAccountContext(m_model->explanation(id),
                               limitOnly ? std::optional<qint64>(limit.toLongLong()) : std::nullopt, documented);
    const auto state = AccountState(m_model->indexOfAccount(id).data(AccountTableModel::StateRole).toInt());
    const bool failed = state == AccountState::Error || state == AccountState::AuthFailed;
    m_chart->setAccountStatus(
        state,
        failed ? m_model->indexOfAccount(id).siblingAtColumn(AccountTableModel::State).data(Qt::ToolTipRole).toString()
               : QString(),
        !m_demo);
}

void MainWindow::updateThrottlePatterns()
{
    if (!m_history || !m_history->isOpen())
        return;
    const QDateTime now = Clock::instance()->nowUtc();
    const QDateTime dayAgo = now.addSecs(-24 * 3600);
    const QList<Event> all = m_history->events(dayAgo, now.addSecs(60));
    QHash<QString, QList<Event>> byAccount;
    for (const Event &e : all)
        byAccount[e.accountId].append(e);
    const int offset = now.toLocalTime().offsetFromUtc();
    for (const Account &account : m_model->accounts()) {
        const QList<Event> events = byAccount.value(account.id);
        int throttles = 0;
        QDateTime earliest = m_startedAt;
        for (const Event &e : events) {
            if (e.kind == EventKind::Throttled)
                ++throttles;
            earliest = std::min(earliest, e.time);
        }
        // The span starts where the account's history does, so a poller added this morning is
        // measured against the hours it ran, not against a day it did not exist.
        const QDateTime from = std::max(dayAgo, earliest);
        const std::optional<ThrottlePattern> pattern = detectAnyThrottlePattern(events, from, now, offset);
        const QString text = pattern ? ThrottlePatternText::describe(*pattern) : QString();
        m_model->setThrottleSummary(account.id, throttles, text);
        // One log line per pattern found or changed (cadence or time), not one per recount, and
        // none when a schedule that faded for a while at the edge of the thresholds comes back.
        if (!pattern)
            continue;
        if (const auto shown = m_patternShown.constFind(account.id);
            shown == m_patternShown.cend() || !sameSchedule(*shown, *pattern)) {
            m_events->addNotice(account.id, now, pattern->kind, text);
            m_patternShown.insert(account.id, *pattern);
        }
    }
    updateChartContext();
}

void MainWindow::refreshAll()
{
    m_events->reload();
    m_chart->refresh();
    m_model->tick();
}

void MainWindow::setNextProbe(const QString &accountName, const QDateTime &at)
{
    m_nextProbeName = accountName;
    m_nextProbeAt = at;
    updateStatus();
}

void MainWindow::showBanner(const QString &text, bool error)
{
    m_banner->setText(text);
    m_bannerError = error;
    applyBannerPalette();
    m_bannerBox->show();
}

void MainWindow::applyBannerPalette()
{
    // Tinted for the theme in use, and the close button drawn in the banner's own text colour:
    // the application's button text would vanish on a tint it was not chosen for.
    const bool dark = Theme::isDark(QApplication::palette());
    QPalette p = m_bannerBox->palette();
    if (dark)
        p.setColor(QPalette::Window, m_bannerError ? QColor(0x5c, 0x23, 0x28) : QColor(0x4a, 0x3f, 0x1a));
    else
        p.setColor(QPalette::Window, m_bannerError ? QColor(0xf8, 0xd7, 0xda) : QColor(0xfd, 0xf1, 0xc8));
    const QColor text = dark ? QColor(0xf0, 0xf0, 0xf0) : QColor(0x20, 0x20, 0x20);
    p.setColor(QPalette::WindowText, text);
    p.setColor(QPalette::ButtonText, text);
    p.setColor(QPalette::Button, p.color(QPalette::Window));
    m_bannerBox->setPalette(p);
    m_banner->setPalette(p);
    m_bannerClose->setPalette(p);
}

void MainWindow::setDemoMode(bool demo)
{
    m_demo = demo;
    m_attentionView->setDemoMode(demo);
    m_events->setAccountsEditable(!demo);
    for (const char *name : {"actionAddAccount", "actionEditSelected", "actionRemoveSelected"}) {
        if (auto *a = findChild<QAction *>(QLatin1String(name))) {
            a->setEnabled(!demo);
            a->setStatusTip(demo ? demoFixedText() : QString());
        }
    }
    setWindowTitle(demo ? tr("Headroom — demo") : tr("Headroom"));
}

void MainWindow::setThresholds(ThresholdsFor thresholds)
{
    m_model->setThresholds(thresholds);
    m_attention->setThresholds(thresholds);
    m_chart->setThresholds(std::move(thresholds));
    updateStatus();
}

void MainWindow::selectAccount(const QString &accountId)
{
    const QModelIndex proxyIndex = m_proxy->mapFromSource(m_model->indexOfAccount(accountId));
    if (!proxyIndex.isValid())
        return;
    m_userPicked = true;
    m_tree->setCurrentIndex(proxyIndex);
    m_tree->scrollTo(proxyIndex);
}

void MainWindow::tick()
{
    m_model->tick();
    m_attention->tick();
    updateStatus();
}

void MainWindow::updateStatus()
{
    const QDateTime now = Clock::instance()->nowUtc();
    if (m_nextProbeAt.isValid()) {
        m_nextProbeLabel->setText(tr("Next probe: %1 in %2")
                                      .arg(m_nextProbeName, AccountTableModel::formatDuration(now.secsTo(m_nextProbeAt))));
    } else if (const int elsewhere = m_model->polledElsewhereCount(); elsewhere > 0) {
        // A shared history whose accounts other processes poll: nothing to wait for here.
        m_nextProbeLabel->setText(tr("Polling none here: %n account(s) polled by other processes, shown as they "
                                     "record", nullptr, elsewhere));
    } else {
        m_nextProbeLabel->setText(m_model->rowCount() ? tr("Waiting for the first probe…")
                                                      : tr("No accounts yet — File ▸ Add account… (Ctrl+N)"));
    }
    int throttled = 0;
    int low = 0;
    int failing = 0;
    const QList<QPair<QString, AccountState>> states = m_model->accountStates();
    const int n = int(states.size());
    for (const auto &[name, state] : states) {
        switch (state) {
        case AccountState::Throttled: ++throttled; break;
        case AccountState::Warning:
        case AccountState::Critical: ++low; break;
        case AccountState::AuthFailed:
        case AccountState::Error: ++failing; break;
        default: break;
        }
    }
    m_summaryLabel->setText(tr("%n account(s)", nullptr, n) + QStringLiteral(" · ")
                            + tr("%1 low · %2 throttled · %3 failing").arg(low).arg(throttled).arg(failing));
}

void MainWindow::onCurrentChanged(const QModelIndex &current)
{
    const QModelIndex source = m_proxy->mapToSource(current);
    const QString id = m_model->accountIdAt(source);
    // No row (a filter hid it): the chart keeps the account it shows.
    if (id.isEmpty())
        return;
    if (!m_autoSelecting)
        m_userPicked = true;
    QString resource = m_model->resourceAt(source);
    if (resource.isEmpty())
        resource = m_model->primaryResource(id);
    const std::optional<Account> a = m_model->account(id);
    m_chart->showAccount(id, resource, a ? a->name : id);
    updateChartContext();
}

void MainWindow::onEventActivated(const QString &accountId, const QDateTime &time)
{
    const QModelIndex account = m_model->indexOfAccount(accountId);
    if (!account.isValid())
        return;
    QString resource = m_chart->accountId() == accountId ? m_chart->resource() : m_model->primaryResource(accountId);
    const QModelIndex target = resource.isEmpty() ? account : m_model->indexOfResource(accountId, resource);
    const QModelIndex proxyIndex = m_proxy->mapFromSource(target.isValid() ? target : account);
    if (proxyIndex.isValid()) {
        m_tree->setCurrentIndex(proxyIndex);
        m_tree->scrollTo(proxyIndex);
    } else {
        const std::optional<Account> a = m_model->account(accountId);
        m_chart->showAccount(accountId, resource, a ? a->name : accountId);
        updateChartContext();
    }
    m_chart->centerOn(time);
}

void MainWindow::selectMostSevere()
{
    if (m_userPicked && m_tree->currentIndex().isValid())
        return;
    // The worst account by the table's own state; ties go to the first in the view's order.
    QModelIndex best;
    int bestSeverity = -1;
    for (const Account &a : m_model->accounts()) {
        const QModelIndex row = m_proxy->mapFromSource(m_model->indexOfAccount(a.id));
        if (!row.isValid())
            continue;
        const int severity = StateStyle::severity(AccountState(row.data(AccountTableModel::StateRole).toInt()));
        // Ties go to the account higher up in the view.
        if (severity > bestSeverity
            || (severity == bestSeverity && m_tree->visualRect(row).top() < m_tree->visualRect(best).top())) {
            best = row;
            bestSeverity = severity;
        }
    }
    if (!best.isValid())
        return;
    // Only a worse account moves the selection: the chart does not hop between equals.
    const QString currentId = currentAccountId();
    if (!currentId.isEmpty()) {
        const int currentSeverity = StateStyle::severity(
            AccountState(m_model->indexOfAccount(currentId).data(AccountTableModel::StateRole).toInt()));
        if (currentSeverity >= bestSeverity)
            return;
    }
    m_autoSelecting = true;
    m_tree->setCurrentIndex(best);
    m_tree->scrollTo(best);
    m_autoSelecting = false;
}

int MainWindow::preferredColumnWidth(int column)
{
    // Room for long resource names (throttle_authenticated_api), provider names (Bitbucket Cloud)
    // and "Throttled" with its badge; Remaining stretches over whatever is left.
    switch (AccountTableModel::Column(column)) {
    case AccountTableModel::Name: return 170;
    case AccountTableModel::Provider: return 120;
    case AccountTableModel::Resource: return 150;
    case AccountTableModel::Remaining: return 240;
    case AccountTableModel::Trend: return 120;
    case AccountTableModel::Reset: return 100;
    case AccountTableModel::State: return 240; // "Throttled, resumes in 2 min 12 s"
    case AccountTableModel::LastProbe: return 165; // "12 min ago by host:pid" on a shared history
    case AccountTableModel::Cost: return 60;
    case AccountTableModel::ColumnCount: break;
    }
    return 100;
}

void MainWindow::fitColumns()
{
    int room = m_tree->viewport()->width();
    if (room <= 0)
        return;
    const QList<int> order = AccountTableModel::columnsByPriority();
    for (int i = 0; i < order.size(); ++i) {
        const int column = order.at(i);
        const int wanted = column == AccountTableModel::Remaining ? 180 : preferredColumnWidth(column);
        // Name, State and Remaining always stay.
        const bool fits = i < 3 || wanted <= room;
        m_tree->setColumnHidden(column, !fits);
        if (fits)
            room -= wanted;
    }
}

bool MainWindow::eventFilter(QObject *watched, QEvent *event)
{
    if (m_tree && watched == m_tree->viewport() && event->type() == QEvent::Resize)
        fitColumns();
    return QMainWindow::eventFilter(watched, event);
}

void MainWindow::updateNoMatch()
{
    const QString text = m_search->text().trimmed();
    const bool show = !text.isEmpty() && m_proxy->rowCount() == 0;
    if (show) {
        m_noMatch->setText(tr("No account matches “%1”").arg(text) + u'\n'
                           + tr("Press Escape to clear the search."));
    }
    m_noMatch->setVisible(show);
}

QList<QPair<QString, QString>> MainWindow::shortcutList() const
{
    QList<QPair<QString, QString>> list;
    // Every menu action with a key, as the menus name it, so the list never disagrees with them.
    for (QAction *menuAction : menuBar()->actions()) {
        QMenu *menu = menuAction->menu();
        if (!menu)
            continue;
        QList<QAction *> actions = menu->actions();
        for (int i = 0; i < actions.size(); ++i) {
            QAction *a = actions.at(i);
            if (a->menu())
                actions.append(a->menu()->actions());
            if (a->shortcut().isEmpty())
                continue;
            QString what = a->text();
            what.remove(QRegularExpression(QStringLiteral("&(?!&)")));
            list.append({a->shortcut().toString(QKeySequence::NativeText), what});
        }
    }
    // The keys that no menu names.
    list.append({QKeySequence(Qt::Key_Escape).toString(QKeySequence::NativeText), tr("Clear the search (in the search field)")});
    list.append({QKeySequence(QKeySequence::Delete).toString(QKeySequence::NativeText), tr("Remove the selected account (in the table)")});
    list.append({tr("↑ / ↓"), tr("Select the previous or next account; the chart follows")});
    list.append({tr("← / →"), tr("Collapse or expand an account's resources (in the table); pan the chart (in the chart)")});
    list.append({tr("Mouse wheel, drag"), tr("Zoom the chart; Ctrl+drag pans it")});
    list.append({tr("Double-click"), tr("On an event: show its account's chart at that time")});
    list.append({QKeySequence(Qt::Key_Tab).toString(QKeySequence::NativeText), tr("Move between the search, the table, the chart and the event log")});
    return list;
}

void MainWindow::showShortcuts()
{
    QDialog d(this);
    d.setObjectName(QStringLiteral("shortcutsDialog"));
    d.setWindowTitle(tr("Keyboard shortcuts"));
    auto *layout = new QVBoxLayout(&d);
    const QList<QPair<QString, QString>> list = shortcutList();
    auto *table = new QTableWidget(int(list.size()), 2, &d);
    table->setHorizontalHeaderLabels({tr("Key"), tr("Action")});
    table->verticalHeader()->hide();
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->setSelectionMode(QAbstractItemView::NoSelection);
    table->setFocusPolicy(Qt::NoFocus);
    table->setShowGrid(false);
    table->setAlternatingRowColors(true);
    for (int i = 0; i < list.size(); ++i) {
        table->setItem(i, 0, new QTableWidgetItem(list.at(i).first));
        table->setItem(i, 1, new QTableWidgetItem(list.at(i).second));
    }
    table->resizeColumnsToContents();
    table->horizontalHeader()->setStretchLastSection(true);
    layout->addWidget(table);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, &d);
    connect(buttons, &QDialogButtonBox::rejected, &d, &QDialog::reject);
    layout->addWidget(buttons);
    d.resize(std::min(720, width()), std::min(520, height()));
    d.exec();
}

void MainWindow::setCommandLineHelp(const QString &text)
{
    m_cliHelp = text;
    if (m_cliHelpAction)
        m_cliHelpAction->setEnabled(!text.isEmpty());
}

void MainWindow::showCommandLineHelp()
{
    QDialog d(this);
    d.setObjectName(QStringLiteral("commandLineDialog"));
    d.setWindowTitle(tr("Command line"));
    auto *layout = new QVBoxLayout(&d);
    auto *intro = new QLabel(tr("The same program works without a window. This is what “headroom --help” prints:"), &d);
    intro->setWordWrap(true);
    layout->addWidget(intro);
    auto *text = new QPlainTextEdit(m_cliHelp, &d);
    text->setObjectName(QStringLiteral("commandLineText"));
    text->setReadOnly(true);
    text->setLineWrapMode(QPlainTextEdit::NoWrap);
    text->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    layout->addWidget(text, 1);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, &d);
    connect(buttons, &QDialogButtonBox::rejected, &d, &QDialog::reject);
    layout->addWidget(buttons);
    const int columns = text->fontMetrics().horizontalAdvance(QString(84, u'x'));
    d.resize(std::min(columns + 60, width()), std::min(600, height()));
    d.exec();
}

void MainWindow::setTrayIcon(TrayIcon *tray)
{
    m_tray = tray;
    m_settingsMenu->addSeparator();
    m_settingsMenu->addAction(tray->closeToTrayAction());
    m_settingsMenu->addAction(tray->startMinimisedAction());
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    QSettings().setValue(QStringLiteral("window/geometry"), saveGeometry());
    if (m_tray && m_tray->shouldHideOnClose()) {
        hide();
        event->ignore();
        return;
    }
    QMainWindow::closeEvent(event);
}
