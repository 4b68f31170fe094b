#include "historysettingsdialog.h"

#include "core/clock.h"
#include "filedialog.h"
#include "history/historybackend.h"
#include "statestyle.h"

#include <QButtonGroup>
#include <QDialogButtonBox>
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QRadioButton>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>

namespace {
// Looking for the newest reading costs a query or two per account; over a slow link to a large
// team history that could take longer than the connect itself, so the search stops here.
constexpr qint64 kNewestBudgetMs = 2000;

// The backends' messages begin in lower case, to follow "error: " on the command line.
QString sentence(QString text)
{
    if (!text.isEmpty())
        text[0] = text.at(0).toUpper();
    return text;
}
} // namespace

struct HistorySettingsDialog::Outcome
{
    bool ok = false;
    QString error;             // why not, in the backend's words (never a password: parse refuses one)
    bool fileMissing = false;  // SQLite: no file yet, and its folder can take one
    QString notice;            // the backend's one-time notice (a damaged file moved aside, ...)
    int accounts = 0;
    std::optional<QDateTime> newest;
    bool newestComplete = true; // false when the search for the newest reading ran out of time
};

HistorySettingsDialog::HistorySettingsDialog(const HistoryLocation &configured, QWidget *parent)
    : QDialog(parent)
    , m_configured(configured)
{
    setWindowTitle(tr("History"));

    auto *intro = new QLabel(tr("Where Headroom keeps readings, events and alert state."), this);
    intro->setWordWrap(true);

    m_local = new QRadioButton(tr("This &computer (SQLite file)"), this);
    m_local->setObjectName(QStringLiteral("local"));
    m_file = new QLineEdit(this);
    m_file->setObjectName(QStringLiteral("file"));
    m_file->setClearButtonEnabled(true);
    auto *fileLabel = new QLabel(tr("&File:"), this);
    fileLabel->setBuddy(m_file);
    m_browse = new QPushButton(tr("&Browse…"), this);
    m_browse->setObjectName(QStringLiteral("browse"));
    m_browse->setAutoDefault(false);

    m_shared = new QRadioButton(tr("&Shared database (PostgreSQL)"), this);
    m_shared->setObjectName(QStringLiteral("shared"));
    m_url = new QLineEdit(this);
    m_url->setObjectName(QStringLiteral("url"));
    m_url->setPlaceholderText(QStringLiteral("postgresql://user@host:5432/headroom"));
    m_url->setClearButtonEnabled(true);
    auto *urlLabel = new QLabel(tr("&URL:"), this);
    urlLabel->setBuddy(m_url);
    auto *urlHint = new QLabel(
        tr("The password goes in the keychain (headroom history password) or ~/.pgpass, never in the URL."), this);
    urlHint->setObjectName(QStringLiteral("urlHint"));
    urlHint->setWordWrap(true);
    urlHint->setEnabled(false); // greyed: a hint, not a field

    auto *group = new QButtonGroup(this);
    group->addButton(m_local);
    group->addButton(m_shared);

    m_problem = new QLabel(this);
    m_problem->setObjectName(QStringLiteral("problem"));
    m_problem->setWordWrap(true);
    m_problem->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_problem->setStyleSheet(QStringLiteral("color: %1;").arg(StateStyle::color(AccountState::Error, palette()).name()));
    m_problem->hide();

    m_test = new QPushButton(tr("&Test"), this);
    m_test->setObjectName(QStringLiteral("test"));
    m_test->setAutoDefault(false);
    m_test->setToolTip(tr("Open the chosen history as the next start would, and say what is in it"));
    m_busy = new QProgressBar(this);
    m_busy->setObjectName(QStringLiteral("busy"));
    m_busy->setRange(0, 0); // no known end: a connect either answers or times out
    m_busy->setTextVisible(false);
    m_busy->setMaximumWidth(120);
    m_busy->hide();
    m_result = new QLabel(this);
    m_result->setObjectName(QStringLiteral("result"));
    m_result->setWordWrap(true);
    m_result->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_inUse = new QLabel(this);
    m_inUse->setObjectName(QStringLiteral("inUse"));
    m_inUse->setWordWrap(true);
    m_inUse->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_buttons->button(QDialogButtonBox::Ok)->setDefault(true);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    // The fields sit under their choice, indented by the width of a radio button's indicator.
    const int indent = m_local->sizeHint().height() + 4;
    auto *grid = new QGridLayout;
    grid->setColumnMinimumWidth(0, indent);
    grid->setColumnStretch(2, 1);
    grid->addWidget(m_local, 0, 0, 1, 4);
    grid->addWidget(fileLabel, 1, 1);
    grid->addWidget(m_file, 1, 2);
    grid->addWidget(m_browse, 1, 3);
    grid->setRowMinimumHeight(2, 6);
    grid->addWidget(m_shared, 3, 0, 1, 4);
    grid->addWidget(urlLabel, 4, 1);
    grid->addWidget(m_url, 4, 2, 1, 2);
    grid->addWidget(urlHint, 5, 2, 1, 2);

    auto *testRow = new QHBoxLayout;
    testRow->addWidget(m_test, 0, Qt::AlignTop);
    testRow->addWidget(m_busy, 0, Qt::AlignVCenter);
    testRow->addWidget(m_result, 1);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(grid);
    layout->addWidget(m_problem);
    layout->addSpacing(6);
    layout->addLayout(testRow);
    layout->addStretch(1);
    layout->addWidget(m_inUse);
    layout->addWidget(m_buttons);

    setTabOrder(m_local, m_file);
    setTabOrder(m_file, m_browse);
    setTabOrder(m_browse, m_shared);
    setTabOrder(m_shared, m_url);
    setTabOrder(m_url, m_test);
    setTabOrder(m_test, m_buttons);

    // The file field keeps the default file while a shared database is chosen, so switching
    // back offers the user's own file again.
    const bool shared = configured.isShared();
    m_file->setText(QDir::toNativeSeparators(shared ? HistoryLocation::defaultLocation().target : configured.target));
    m_file->setToolTip(m_file->text());
    if (shared)
        m_url->setText(configured.target);
    (shared ? m_shared : m_local)->setChecked(true);

    connect(m_local, &QRadioButton::toggled, this, &HistorySettingsDialog::validate);
    connect(m_file, &QLineEdit::textChanged, this, &HistorySettingsDialog::validate);
    connect(m_file, &QLineEdit::textChanged, m_file, &QLineEdit::setToolTip);
    connect(m_url, &QLineEdit::textChanged, this, &HistorySettingsDialog::validate);
    connect(m_browse, &QPushButton::clicked, this, &HistorySettingsDialog::browse);
    connect(m_test, &QPushButton::clicked, this, &HistorySettingsDialog::startTest);
    connect(m_local, &QRadioButton::clicked, m_file, qOverload<>(&QWidget::setFocus));
    connect(m_shared, &QRadioButton::clicked, m_url, qOverload<>(&QWidget::setFocus));

    setInUse(configured, InUse::Setting);
    validate();
    // Wide enough for a typical $XDG_DATA_HOME path in full; a longer one scrolls, and its tooltip shows it all.
    setMinimumWidth(640);
}

// A test still running keeps going on its worker (a connect cannot be interrupted) and its
// answer goes nowhere: the watcher that would deliver it goes with the dialog.
HistorySettingsDialog::~HistorySettingsDialog() = default;

void HistorySettingsDialog::setInUse(const HistoryLocation &location, InUse why)
{
    QString text;
    switch (why) {
    case InUse::Setting:
        text = tr("Headroom is using %1 now. A change takes effect at the next start.").arg(location.toString());
        break;
    case InUse::CommandLine:
        text = tr("This run uses %1, named with --history, which wins over this setting. A change takes effect at "
                  "the next start without --history.")
                   .arg(location.toString());
        break;
    case InUse::Demo:
        text = tr("The demo keeps its history in a temporary file and changes no setting: Test works here, "
                  "saving a choice does not.");
        break;
    }
    m_inUse->setText(text);
}

std::optional<HistoryLocation> HistorySettingsDialog::location() const
{
    const QString text = m_local->isChecked() ? QStringLiteral("sqlite:") + m_file->text().trimmed()
                                              : m_url->text().trimmed();
    std::optional<HistoryLocation> l = HistoryLocation::parse(text, nullptr);
    // The URL field holds a URL: a path typed there is a mistake, not a choice of file.
    if (l && l->isShared() != m_shared->isChecked())
        return std::nullopt;
    return l;
}

bool HistorySettingsDialog::isChanged() const
{
    const std::optional<HistoryLocation> l = location();
    return l && l->toString() != m_configured.toString();
}

void HistorySettingsDialog::validate()
{
    const bool local = m_local->isChecked();
    m_file->setEnabled(local);
    m_browse->setEnabled(local);
    m_url->setEnabled(!local);

    QString problem;
    if (local) {
        const QString path = m_file->text().trimmed();
        if (path.isEmpty())
            problem = tr("Choose the history file.");
        else if (!QDir::isAbsolutePath(QDir::fromNativeSeparators(path)) && !path.startsWith(QStringLiteral("~/")))
            problem = tr("Give the file's full path, starting with /.");
    } else {
        const QString url = m_url->text().trimmed();
        QString why;
        if (url.isEmpty())
            problem = tr("Enter the database's URL.");
        else if (!url.startsWith(QStringLiteral("postgresql://")) && !url.startsWith(QStringLiteral("postgres://")))
            problem = tr("A shared history's URL begins with postgresql://.");
        else if (!HistoryLocation::parse(url, &why))
            problem = sentence(why);
    }
    // An empty field is not an error yet, only a reason to wait.
    const bool empty = (local ? m_file : m_url)->text().trimmed().isEmpty();
    m_problem->setText(empty ? QString() : problem);
    m_problem->setVisible(!empty && !problem.isEmpty());
    const bool valid = problem.isEmpty() && location().has_value();
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(valid);

    // What a test said was about the previous text; a test still running is for it too.
    ++m_testRun;
    setTesting(false);
    m_result->clear();
    m_test->setEnabled(valid);
}

void HistorySettingsDialog::setTesting(bool testing)
{
    m_testing = testing;
    m_busy->setVisible(testing);
    m_test->setEnabled(!testing && location().has_value());
    if (testing) {
        m_result->setStyleSheet(QString());
        m_result->setText(m_shared->isChecked() ? tr("Connecting…") : tr("Opening…"));
    }
}

void HistorySettingsDialog::browse()
{
    const QString current = QDir::fromNativeSeparators(m_file->text().trimmed());
    const QString start = current.isEmpty() ? HistoryLocation::defaultLocation().target : current;
    const QString chosen = FileDialog::getSaveFileName(this, tr("History file"), start,
                                                       tr("SQLite histories (*.sqlite *.db);;All files (*)"), false);
    if (!chosen.isEmpty())
        m_file->setText(QDir::toNativeSeparators(chosen));
}

void HistorySettingsDialog::startTest()
{
    const std::optional<HistoryLocation> l = location();
    if (!l || m_testing)
        return;
    const int run = ++m_testRun;
    setTesting(true);
    auto *watcher = new QFutureWatcher<Outcome>(this);
    connect(watcher, &QFutureWatcher<Outcome>::finished, this, [this, watcher, run, tested = *l] {
        watcher->deleteLater();
        if (run != m_testRun)
            return;
        setTesting(false);
        const Outcome outcome = watcher->result();
        showOutcome(outcome, tested);
        Q_EMIT testFinished(outcome.ok);
    });
    // The location by value: the worker may outlive the dialog.
    watcher->setFuture(QtConcurrent::run(&HistorySettingsDialog::runTest, *l));
}

// On a worker thread: nothing here may touch the dialog.
HistorySettingsDialog::Outcome HistorySettingsDialog::runTest(const HistoryLocation &location)
{
    Outcome o;
    if (location.kind == HistoryLocation::Kind::Sqlite && !QFileInfo::exists(location.target)) {
        // A test creates no file: it checks that the next start could.
        // The nearest folder that exists: HistoryStore creates the ones missing below it.
        QString dir = QFileInfo(location.target).absolutePath();
        while (!QFileInfo::exists(dir)) {
            const QString up = QFileInfo(dir).absolutePath();
            if (up == dir)
                break;
            dir = up;
        }
        const QFileInfo info(dir);
        if (info.isDir() && info.isWritable()) {
            o.ok = true;
            o.fileMissing = true;
        } else {
            o.error = tr("there is no history file there, and %1 is not a folder Headroom may write to")
                          .arg(QDir::toNativeSeparators(dir));
        }
        return o;
    }

    std::unique_ptr<HistoryBackend> backend = location.createBackend();
    QString error;
    if (!backend->open(location.target, &error)) {
        o.error = error.isEmpty() ? tr("the history could not be opened") : error;
        backend->releaseThreadConnection();
        return o;
    }
    o.ok = true;
    o.notice = backend->takeNotice();
    const QList<HistoryBackend::AccountInfo> accounts = backend->accounts();
    o.accounts = int(accounts.size());
    QElapsedTimer budget;
    budget.start();
    for (const HistoryBackend::AccountInfo &a : accounts) {
        if (budget.elapsed() > kNewestBudgetMs) {
            o.newestComplete = false;
            break;
        }
        for (const QString &resource : backend->resources(a.id)) {
            const std::optional<Sample> s = backend->lastSample(a.id, resource);
            if (s && (!o.newest || s->time > *o.newest))
                o.newest = s->time;
        }
    }
    backend->releaseThreadConnection();
    backend->close();
    return o;
}

void HistorySettingsDialog::showOutcome(const Outcome &o, const HistoryLocation &tested)
{
    if (!o.ok) {
        m_result->setStyleSheet(
            QStringLiteral("color: %1;").arg(StateStyle::color(AccountState::Error, palette()).name()));
        // The backend's message names the location already; the first line says what failed.
        m_result->setText(tested.isShared() ? tr("Could not connect:\n%1").arg(sentence(o.error))
                                            : tr("Could not open the file:\n%1").arg(sentence(o.error)));
        return;
    }
    m_result->setStyleSheet(QString());
    if (o.fileMissing) {
        m_result->setText(tr("No history file there yet: Headroom creates it at the next start."));
        return;
    }
    QString newest;
    if (o.newest) {
        const qint64 s = std::max<qint64>(0, o.newest->secsTo(Clock::instance()->nowUtc()));
        if (s < 60)
            newest = tr("newest reading %n s ago", nullptr, int(s));
        else if (s < 3600)
            newest = tr("newest reading %n min ago", nullptr, int(s / 60));
        else if (s < 2 * 86400)
            newest = tr("newest reading %n h ago", nullptr, int(s / 3600));
        else
            newest = tr("newest reading %n day(s) ago", nullptr, int(s / 86400));
    } else if (o.newestComplete) {
        newest = tr("no readings yet");
    } else {
        newest = tr("too many accounts to look for the newest reading quickly");
    }
    const QString accounts = tr("%n account(s)", nullptr, o.accounts);
    QString text = tested.isShared() ? tr("Connected: %1, %2.").arg(accounts, newest)
                                     : tr("Opened: %1, %2.").arg(accounts, newest);
    if (!o.notice.isEmpty())
        text += u'\n' + o.notice;
    m_result->setText(text);
}
