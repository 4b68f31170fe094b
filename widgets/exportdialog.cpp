#include "exportdialog.h"

#include "filedialog.h"
#include "statestyle.h"
#include "uisettings.h"

#include "core/clock.h"
#include "history/historybackend.h"
#include "history/historylocation.h"

#include <QComboBox>
#include <QDateTimeEdit>
#include <QDialogButtonBox>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMutex>
#include <QProgressBar>
#include <QPushButton>
#include <QThread>
#include <QVBoxLayout>

// Lives on the export thread: opens its own connection to the history there (SQLite file or
// PostgreSQL server) and runs the exporter.
class ExportWorker : public QObject
{
    Q_OBJECT
public:
    ExportWorker(QString historyPath, CsvExporter::Options options, QString file)
        : m_historyPath(std::move(historyPath))
        , m_options(std::move(options))
        , m_file(std::move(file))
    {
    }

    void run()
    {
        QString error;
        // Nothing recorded yet: an empty report, as `headroom export` writes.
        const std::optional<HistoryLocation> location = HistoryLocation::parse(m_historyPath, &error);
        const std::unique_ptr<HistoryBackend> store = location ? location->openForReading(&error) : nullptr;
        if (!store) {
            Q_EMIT finished(false, false, error, 0);
            return;
        }
        CsvExporter exporter(store.get());
        exporter.setProgressCallback([this](qint64 rows) { Q_EMIT progressed(rows); });
        {
            QMutexLocker lock(&m_mutex);
            m_exporter = &exporter;
            if (m_cancelRequested)
                exporter.cancel();
        }
        const bool ok = exporter.exportToFile(m_options, m_file, &error);
        const bool cancelled = exporter.isCancelled();
        const qint64 rows = exporter.rowsWritten();
        {
            QMutexLocker lock(&m_mutex);
            m_exporter = nullptr;
        }
        // The thread ends after this: its connection goes with it.
        store->releaseThreadConnection();
        store->close();
        Q_EMIT finished(ok && !cancelled, cancelled, error, rows);
    }

    // Any thread.
    void cancel()
    {
        QMutexLocker lock(&m_mutex);
        m_cancelRequested = true;
        if (m_exporter)
            m_exporter->cancel();
    }

Q_SIGNALS:
    void progressed(qint64 rows);
    void finished(bool ok, bool cancelled, const QString &error, qint64 rows);

private:
    QString m_historyPath;
    CsvExporter::Options m_options;
    QString m_file;
    QMutex m_mutex;
    CsvExporter *m_exporter = nullptr;
    bool m_cancelRequested = false;
};

ExportDialog::ExportDialog(const QString &historyPath, const QStringList &accountNames, QWidget *parent)
    : QDialog(parent)
    , m_historyPath(historyPath)
    , m_kind(new QComboBox(this))
    , m_range(new QComboBox(this))
    , m_from(new QDateTimeEdit(this))
    , m_to(new QDateTimeEdit(this))
    , m_accounts(new QListWidget(this))
    , m_period(new QComboBox(this))
    , m_file(new QLineEdit(this))
    , m_browse(new QPushButton(tr("&Browse…"), this))
    , m_progress(new QProgressBar(this))
    , m_status(new QLabel(this))
    , m_error(new QLabel(this))
{
    setWindowTitle(tr("Export History"));

    m_kind->addItem(tr("Samples (every reading)"), int(CsvExporter::Kind::Samples));
    m_kind->addItem(tr("Events (throttling, alerts, errors)"), int(CsvExporter::Kind::Events));
    m_kind->addItem(tr("Summary (per account, resource and period)"), int(CsvExporter::Kind::Summary));

    m_range->addItem(tr("Last 24 hours"), int(Range::Last24Hours));
    m_range->addItem(tr("Last 7 days"), int(Range::Last7Days));
    m_range->addItem(tr("Last 30 days"), int(Range::Last30Days));
    m_range->addItem(tr("This month"), int(Range::ThisMonth));
    m_range->addItem(tr("Custom"), int(Range::Custom));
    for (QDateTimeEdit *e : {m_from, m_to}) {
        e->setCalendarPopup(true);
        e->setDisplayFormat(QStringLiteral("yyyy-MM-dd HH:mm"));
    }

    for (const QString &name : accountNames) {
        auto *item = new QListWidgetItem(name, m_accounts);
        item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
        item->setCheckState(Qt::Checked);
    }
    m_accounts->setMaximumHeight(m_accounts->fontMetrics().lineSpacing() * 7);

    m_period->addItem(tr("Hour"), int(CsvExporter::Period::Hour));
    m_period->addItem(tr("Day"), int(CsvExporter::Period::Day));
    m_period->setCurrentIndex(1);

    m_file->setPlaceholderText(tr("Choose where to save the CSV file"));
    m_progress->setRange(0, 1);
    m_progress->setValue(0);
    m_progress->setTextVisible(false);
    m_progress->hide();
    m_status->setWordWrap(true);
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("color: %1;").arg(StateStyle::color(AccountState::Error, palette()).name()));

    auto *rangeRow = new QHBoxLayout;
    rangeRow->addWidget(m_range);
    rangeRow->addWidget(new QLabel(tr("from"), this));
    rangeRow->addWidget(m_from, 1);
    rangeRow->addWidget(new QLabel(tr("to"), this));
    rangeRow->addWidget(m_to, 1);
    auto *fileRow = new QHBoxLayout;
    fileRow->addWidget(m_file, 1);
    fileRow->addWidget(m_browse);

    // A row whose field is a layout gets a label without a buddy, which shows its '&' as is:
    // each label names the widget its shortcut focuses.
    auto *form = new QFormLayout;
    auto addRow = [this, form](const QString &label, QWidget *buddy, auto *field) {
        auto *l = new QLabel(label, this);
        l->setBuddy(buddy);
        form->addRow(l, field);
    };
    addRow(tr("&Report:"), m_kind, m_kind);
    addRow(tr("R&ange:"), m_range, rangeRow);
    addRow(tr("A&ccounts:"), m_accounts, m_accounts);
    addRow(tr("&Period:"), m_period, m_period);
    addRow(tr("&File:"), m_file, fileRow);

    auto *buttons = new QDialogButtonBox(this);
    m_export = buttons->addButton(tr("&Export"), QDialogButtonBox::AcceptRole);
    m_cancel = buttons->addButton(QDialogButtonBox::Cancel);
    m_export->setDefault(true);
    connect(m_export, &QPushButton::clicked, this, &ExportDialog::startExport);
    connect(m_cancel, &QPushButton::clicked, this, &ExportDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_error);
    layout->addWidget(m_progress);
    layout->addWidget(m_status);
    layout->addStretch(1);
    layout->addWidget(buttons);

    connect(m_range, &QComboBox::currentIndexChanged, this,
            [this] { setRange(Range(m_range->currentData().toInt())); });
    for (QDateTimeEdit *e : {m_from, m_to})
        connect(e, &QDateTimeEdit::dateTimeChanged, this, [this] {
            if (!m_settingRange && m_range->currentData().toInt() != int(Range::Custom))
                m_range->setCurrentIndex(m_range->findData(int(Range::Custom)));
            revalidate();
        });
    connect(m_kind, &QComboBox::currentIndexChanged, this, &ExportDialog::revalidate);
    connect(m_accounts, &QListWidget::itemChanged, this, &ExportDialog::revalidate);
    connect(m_file, &QLineEdit::textChanged, this, &ExportDialog::revalidate);
    connect(m_browse, &QPushButton::clicked, this, &ExportDialog::browse);

    setRange(Range::Last7Days);
    revalidate();
}

ExportDialog::~ExportDialog()
{
    if (m_thread) {
        m_worker->cancel();
        m_thread->quit();
        m_thread->wait();
    }
}

void ExportDialog::setRange(Range range)
{
    const QDateTime now = Clock::instance()->nowUtc().toLocalTime();
    QDateTime from;
    switch (range) {
    case Range::Last24Hours:
        from = now.addSecs(-24 * 3600);
        break;
    case Range::Last7Days:
        from = now.addDays(-7);
        break;
    case Range::Last30Days:
        from = now.addDays(-30);
        break;
    case Range::ThisMonth:
        from = QDateTime(QDate(now.date().year(), now.date().month(), 1), QTime(0, 0));
        break;
    case Range::Custom:
        break;
    }
    m_settingRange = true;
    m_range->setCurrentIndex(m_range->findData(int(range)));
    if (from.isValid()) {
        m_from->setDateTime(from);
        // A minute past now, so the export includes the readings of this very minute.
        m_to->setDateTime(now.addSecs(60));
    }
    m_settingRange = false;
    revalidate();
}

void ExportDialog::setFileName(const QString &fileName)
{
    m_file->setText(fileName);
}

QString ExportDialog::fileName() const
{
    return m_file->text().trimmed();
}

CsvExporter::Options ExportDialog::options() const
{
    CsvExporter::Options o;
    o.kind = CsvExporter::Kind(m_kind->currentData().toInt());
    // The editors show minutes; seconds and milliseconds would only make the range fuzzy.
    auto minute = [](const QDateTime &t) {
        return QDateTime(t.date(), QTime(t.time().hour(), t.time().minute()), t.timeSpec()).toUTC();
    };
    o.from = minute(m_from->dateTime());
    o.to = minute(m_to->dateTime());
    QStringList checked;
    for (int i = 0; i < m_accounts->count(); ++i)
        if (m_accounts->item(i)->checkState() == Qt::Checked)
            checked << m_accounts->item(i)->text();
    // All checked means all, including accounts removed since that still have history.
    if (checked.size() != m_accounts->count())
        o.accounts = checked;
    o.period = CsvExporter::Period(m_period->currentData().toInt());
    o.pools = m_pools;
    return o;
}

QString ExportDialog::validationError() const
{
    if (m_historyPath.isEmpty())
        return tr("There is no history file to export from.");
    const CsvExporter::Options o = options();
    if (o.from >= o.to)
        return tr("The start of the range must be before its end.");
    int checked = 0;
    for (int i = 0; i < m_accounts->count(); ++i)
        checked += m_accounts->item(i)->checkState() == Qt::Checked ? 1 : 0;
    if (m_accounts->count() > 0 && checked == 0)
        return tr("Check at least one account.");
    if (fileName().isEmpty() || fileName() == u"-")
        return tr("Choose a file to export to.");
    return {};
}

void ExportDialog::revalidate()
{
    m_period->setEnabled(m_kind->currentData().toInt() == int(CsvExporter::Kind::Summary) && !isRunning());
    const QString e = validationError();
    // A missing file name is not an error yet; the Export button says what is missing.
    m_error->setText(fileName().isEmpty() ? QString() : e);
    m_error->setVisible(!m_error->text().isEmpty());
    m_export->setEnabled(e.isEmpty() && !isRunning());
}

void ExportDialog::browse()
{
    QString dir = UiSettings::value(UiSettings::Key::LastExportDir).toString();
    if (dir.isEmpty())
        dir = QDir::homePath();
    static const char16_t *const kindIds[] = {u"samples", u"events", u"summary"};
    const QString kind = QString::fromUtf16(kindIds[qBound(0, m_kind->currentIndex(), 2)]);
    const QString suggested = QDir(dir).filePath(QStringLiteral("headroom-%1.csv").arg(kind));
    const QString chosen =
        FileDialog::getSaveFileName(this, tr("Export to"), suggested, tr("CSV files (*.csv);;All files (*)"));
    if (chosen.isEmpty())
        return;
    m_file->setText(chosen);
    UiSettings::setValue(UiSettings::Key::LastExportDir, QFileInfo(chosen).absolutePath());
}

void ExportDialog::setRunning(bool running)
{
    for (QWidget *w : std::initializer_list<QWidget *>{m_kind, m_range, m_from, m_to, m_accounts, m_file, m_browse})
        w->setEnabled(!running);
    m_progress->setVisible(running || m_progress->isVisible());
    if (running) {
        m_progress->setRange(0, 0); // the row count is unknown until the end
        m_cancel->setText(tr("&Cancel Export"));
    } else {
        m_progress->setRange(0, 1);
        m_cancel->setText(tr("Close"));
    }
    revalidate();
}

void ExportDialog::startExport()
{
    if (isRunning() || !validationError().isEmpty())
        return;
    m_status->setText(tr("Exporting…"));
    m_thread = new QThread(this);
    m_worker = new ExportWorker(m_historyPath, options(), fileName());
    m_worker->moveToThread(m_thread);
    connect(m_thread, &QThread::started, m_worker, &ExportWorker::run);
    connect(m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    connect(m_worker, &ExportWorker::progressed, this, [this](qint64 rows) {
        m_status->setText(tr("Exporting… %n row(s) written", nullptr, int(qMin<qint64>(rows, INT_MAX))));
        Q_EMIT progressed(rows);
    });
    connect(m_worker, &ExportWorker::finished, this, &ExportDialog::onFinished);
    setRunning(true);
    m_thread->start();
}

void ExportDialog::onFinished(bool ok, bool cancelled, const QString &error, qint64 rows)
{
    if (m_thread) {
        m_thread->quit();
        m_thread->wait();
        m_thread->deleteLater();
    }
    m_thread = nullptr;
    m_worker = nullptr;
    setRunning(false);
    if (ok) {
        m_progress->setValue(1);
        m_status->setText(tr("Exported %n row(s) to %1.", nullptr, int(qMin<qint64>(rows, INT_MAX)))
                              .arg(QDir::toNativeSeparators(fileName())));
        Q_EMIT exportFinished(true, QString(), rows);
    } else if (cancelled) {
        m_progress->setValue(0);
        m_status->setText(tr("Export cancelled; no file was written."));
        Q_EMIT exportFinished(false, tr("cancelled"), rows);
    } else {
        m_progress->setValue(0);
        m_status->setText(tr("The export failed: %1").arg(error));
        Q_EMIT exportFinished(false, error, rows);
    }
}

void ExportDialog::cancelExport()
{
    if (m_worker)
        m_worker->cancel();
}

void ExportDialog::reject()
{
    // Cancel first stops a running export; the dialog closes only when idle.
    if (isRunning()) {
        m_status->setText(tr("Cancelling…"));
        cancelExport();
        return;
    }
    QDialog::reject();
}

#include "exportdialog.moc"
