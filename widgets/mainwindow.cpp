#include "mainwindow.h"

#include "trayicon.h"

#include "accountfilterproxymodel.h"
#include "accounttablemodel.h"
#include "core/clock.h"
#include "eventlogmodel.h"
#include "eventlogview.h"
#include "history/historyreader.h"
#include "history/historystore.h"
#include "quotabardelegate.h"
#include "quotachartview.h"
#include "report/throttlepattern.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeySequence>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QShortcut>
#include <QSplitter>
#include <QStatusBar>
#include <QToolBar>
#include <QToolButton>
#include <QTreeView>
#include <QVBoxLayout>

MainWindow::MainWindow(HistoryStore *history, QWidget *parent)
    : QMainWindow(parent)
    , m_history(history)
    , m_model(new AccountTableModel(this))
    , m_proxy(new AccountFilterProxyModel(this))
    , m_events(new EventLogModel(this))
{
    setObjectName(QStringLiteral("mainWindow"));
    setWindowTitle(tr("Headroom"));
    m_proxy->setSourceModel(m_model);
    if (m_history) {
        m_events->setStore(m_history);
        m_reader = new HistoryReader(m_history, this);
        connect(m_reader, &HistoryReader::latestLoaded, this, [this](const QList<Sample> &samples) {
            for (const Sample &s : samples)
                m_model->applySample(s);
            m_overviewDebounce.start();
        });
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

    m_overviewDebounce.setSingleShot(true);
    m_overviewDebounce.setInterval(200);
    connect(&m_overviewDebounce, &QTimer::timeout, this, &MainWindow::updateOverviewEntries);
    // New resources (a first probe) change what the overview plots.
    connect(m_model, &QAbstractItemModel::rowsInserted, &m_overviewDebounce, qOverload<>(&QTimer::start));
    connect(m_model, &QAbstractItemModel::rowsRemoved, &m_overviewDebounce, qOverload<>(&QTimer::start));
    connect(m_model, &QAbstractItemModel::modelReset, &m_overviewDebounce, qOverload<>(&QTimer::start));

    m_startedAt = Clock::instance()->nowUtc();
    m_patternDebounce.setSingleShot(true);
    m_patternDebounce.setInterval(2000);
    connect(&m_patternDebounce, &QTimer::timeout, this, &MainWindow::updateThrottlePatterns);
    // The 24 h window slides even when nothing new is refused.
    m_patternSlide.setInterval(5 * 60 * 1000);
    connect(&m_patternSlide, &QTimer::timeout, this, &MainWindow::updateThrottlePatterns);
    if (m_history) {
        connect(m_history, &HistoryStore::eventsAdded, &m_patternDebounce, qOverload<>(&QTimer::start));
        m_patternSlide.start();
    }

    const QSettings settings;
    if (!restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray()))
        resize(1280, 820);
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
    auto *close = new QToolButton(m_bannerBox);
    close->setText(QStringLiteral("✕"));
    close->setAutoRaise(true);
    close->setToolTip(tr("Dismiss"));
    connect(close, &QToolButton::clicked, m_bannerBox, &QWidget::hide);
    bannerLayout->addWidget(m_banner, 1);
    bannerLayout->addWidget(close);
    m_bannerBox->hide();
    layout->addWidget(m_bannerBox);

    m_search = new QLineEdit(central);
    m_search->setObjectName(QStringLiteral("searchField"));
    m_search->setPlaceholderText(tr("Search accounts, providers, resources (Ctrl+F)"));
    m_search->setClearButtonEnabled(true);
    connect(m_search, &QLineEdit::textChanged, m_proxy, &AccountFilterProxyModel::setSearchText);
    connect(m_search, &QLineEdit::textChanged, this, &MainWindow::expandMultiResourceAccounts);
    layout->addWidget(m_search);

    m_tree = new QTreeView(central);
    m_tree->setObjectName(QStringLiteral("accountTree"));
    m_tree->setModel(m_proxy);
    m_tree->setItemDelegateForColumn(AccountTableModel::Remaining, new QuotaBarDelegate(m_tree));
    m_tree->setSortingEnabled(true);
    m_tree->sortByColumn(AccountTableModel::Name, Qt::AscendingOrder);
    m_tree->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_tree->setSelectionMode(QAbstractItemView::SingleSelection);
    m_tree->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_tree->setAlternatingRowColors(true);
    m_tree->setUniformRowHeights(true);
    m_tree->setAllColumnsShowFocus(true);
    m_tree->setContextMenuPolicy(Qt::CustomContextMenu);
    m_tree->header()->setStretchLastSection(true);
    m_tree->header()->setSectionResizeMode(QHeaderView::Interactive);
    // Room for long resource names (throttle_authenticated_api) and provider names (Bitbucket Cloud).
    const QList<int> widths = {150, 125, 185, 290, 110, 140, 100, 80};
    for (int i = 0; i < widths.size(); ++i)
        m_tree->setColumnWidth(i, widths.at(i));
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
    auto *overview = rangeBar->addAction(tr("All accounts"));
    overview->setObjectName(QStringLiteral("actionOverview"));
    overview->setToolTip(tr("Show every account in % of its limit"));
    connect(overview, &QAction::triggered, this, [this] {
        m_tree->selectionModel()->clearSelection();
        m_tree->setCurrentIndex({});
        updateOverviewEntries();
    });
    rangeBar->addSeparator();
    m_rangeGroup = new QActionGroup(this);
    const QList<QPair<QString, QuotaChartView::Range>> ranges = {
        {tr("1 h"), QuotaChartView::Range::Hour},   {tr("6 h"), QuotaChartView::Range::SixHours},
        {tr("24 h"), QuotaChartView::Range::Day},   {tr("7 d"), QuotaChartView::Range::Week},
        {tr("30 d"), QuotaChartView::Range::Month},
    };
    for (const auto &[label, range] : ranges) {
        QAction *a = rangeBar->addAction(label);
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
    split->setStretchFactor(0, 2);
    split->setStretchFactor(1, 3);
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

    QMenu *help = menuBar()->addMenu(tr("&Help"));
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
    QAction *hour = snooze->addAction(tr("For 1 &hour"), this, [this, id] {
        Q_EMIT snoozeRequested(id, Clock::instance()->nowUtc().addSecs(3600));
    });
    hour->setObjectName(QStringLiteral("ctxSnoozeHour"));
    QAction *untilReset = snooze->addAction(tr("Until &reset"), this, [this, id] { snoozeUntilReset(id); });
    untilReset->setObjectName(QStringLiteral("ctxSnoozeReset"));
    untilReset->setEnabled(m_model->indexOfAccount(id).data(AccountTableModel::ResetAtRole).isValid());
    menu->addSeparator();
    QAction *remove = menu->addAction(tr("&Remove…"), this, [this, id] { confirmRemove(id); });
    remove->setObjectName(QStringLiteral("ctxRemove"));
    return menu;
}

void MainWindow::snoozeUntilReset(const QString &accountId)
{
    const QDateTime reset = m_model->indexOfAccount(accountId).data(AccountTableModel::ResetAtRole).toDateTime();
    if (reset.isValid())
        Q_EMIT snoozeRequested(accountId, reset);
}

void MainWindow::confirmRemove(const QString &accountId)
{
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
        ids.append(a.id);
    }
    // Last known values, so a restart shows numbers (marked stale if old) before the first
    // probe; read off the UI thread, a cold disk never holds up the window.
    if (m_reader)
        m_reader->requestLatest(ids);
    expandMultiResourceAccounts();
    syncEventAccounts();
    m_patternDebounce.start();
    // Before the window is on screen the overview waits for the debounce, so its fifty series
    // are built after the first frame rather than in it.
    if (isVisible())
        updateOverviewEntries();
    else
        m_overviewDebounce.start();
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
    syncEventAccounts();
    m_overviewDebounce.start();
}

void MainWindow::removeAccount(const QString &accountId)
{
    m_model->removeAccount(accountId);
    syncEventAccounts();
    if (m_chart->accountId() == accountId)
        updateOverviewEntries();
    else
        m_overviewDebounce.start();
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
    if (!m_chart->isOverview() && m_chart->accountId() == result.accountId)
        updateChartContext();
    updateStatus();
}

void MainWindow::updateChartContext()
{
    if (m_chart->isOverview())
        return;
    const QString id = m_chart->accountId();
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
    QPalette p = m_bannerBox->palette();
    p.setColor(QPalette::Window, error ? QColor(0xf8, 0xd7, 0xda) : QColor(0xfd, 0xf1, 0xc8));
    p.setColor(QPalette::WindowText, QColor(0x20, 0x20, 0x20));
    m_bannerBox->setPalette(p);
    m_banner->setPalette(p);
    m_bannerBox->show();
}

void MainWindow::setDemoMode(bool demo)
{
    m_demo = demo;
    setWindowTitle(demo ? tr("Headroom — demo") : tr("Headroom"));
}

void MainWindow::setThresholds(ThresholdsFor thresholds)
{
    m_model->setThresholds(thresholds);
    m_chart->setThresholds(std::move(thresholds));
    updateStatus();
}

void MainWindow::selectAccount(const QString &accountId)
{
    const QModelIndex proxyIndex = m_proxy->mapFromSource(m_model->indexOfAccount(accountId));
    if (!proxyIndex.isValid())
        return;
    m_tree->setCurrentIndex(proxyIndex);
    m_tree->scrollTo(proxyIndex);
}

void MainWindow::tick()
{
    m_model->tick();
    updateStatus();
}

void MainWindow::updateStatus()
{
    const QDateTime now = Clock::instance()->nowUtc();
    if (m_nextProbeAt.isValid()) {
        m_nextProbeLabel->setText(tr("Next probe: %1 in %2")
                                      .arg(m_nextProbeName, AccountTableModel::formatDuration(now.secsTo(m_nextProbeAt))));
    } else {
        m_nextProbeLabel->setText(m_model->rowCount() ? tr("Waiting for the first probe…")
                                                      : tr("No accounts yet — File ▸ Add account… (Ctrl+N)"));
    }
    int throttled = 0;
    int low = 0;
    int failing = 0;
    const int n = m_model->rowCount();
    for (int i = 0; i < n; ++i) {
        switch (AccountState(m_model->index(i, 0).data(AccountTableModel::StateRole).toInt())) {
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
    if (id.isEmpty()) {
        updateOverviewEntries();
        return;
    }
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

void MainWindow::updateOverviewEntries()
{
    if (!m_chart->isOverview() && m_tree->currentIndex().isValid())
        return;
    QList<QuotaChartView::OverviewEntry> entries;
    for (const Account &a : m_model->accounts()) {
        QString resource = m_model->primaryResource(a.id);
        if (resource.isEmpty() && m_history && m_history->isOpen())
            resource = m_history->resources(a.id).value(0);
        if (!resource.isEmpty() || m_model->rowCount(m_model->indexOfAccount(a.id)) > 0)
            entries.append({a.id, resource, a.name});
    }
    m_chart->showOverview(entries);
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
