#pragma once

#include "report/csvexporter.h"

#include <QDialog>
#include <QPointer>
#include <QThread>

class QComboBox;
class QDateTimeEdit;
class QLabel;
class QLineEdit;
class QListWidget;
class QProgressBar;
class QPushButton;
class ExportWorker;

// Exports the history as CSV: the same CsvExporter and the same file `headroom export` writes.
// The export runs on its own thread with its own connection to the history at `historyPath` (a
// SQLite file's path or a PostgreSQL URL, as HistoryLocation reads them; connections are per
// thread), so the window stays responsive; progress shows the rows written so far, and Cancel
// stops the export and leaves any existing file untouched.
class ExportDialog : public QDialog
{
    Q_OBJECT
public:
    enum class Range { Last24Hours, Last7Days, Last30Days, ThisMonth, Custom };
    Q_ENUM(Range)

    // `accountNames`: what the account list offers (MainWindow passes the configured accounts).
    ExportDialog(const QString &historyPath, const QStringList &accountNames, QWidget *parent = nullptr);
    ~ExportDialog() override;

    // The export the form describes (from/to in UTC; accounts empty when all are checked).
    CsvExporter::Options options() const;
    QString fileName() const;
    QString validationError() const;
    bool isRunning() const { return m_thread != nullptr; }

    void setRange(Range range);
    void setFileName(const QString &fileName);
    // The pools a summary gives rows of (CsvExporter::Options::pools).
    void setPools(const QList<ReportPool> &pools) { m_pools = pools; }

    QComboBox *kindCombo() const { return m_kind; }
    QComboBox *rangeCombo() const { return m_range; }
    QDateTimeEdit *fromEdit() const { return m_from; }
    QDateTimeEdit *toEdit() const { return m_to; }
    QListWidget *accountList() const { return m_accounts; }
    QComboBox *periodCombo() const { return m_period; }
    QLineEdit *fileEdit() const { return m_file; }
    QPushButton *browseButton() const { return m_browse; }
    QPushButton *exportButton() const { return m_export; }
    QPushButton *cancelButton() const { return m_cancel; }
    QProgressBar *progressBar() const { return m_progress; }
    QLabel *statusLabel() const { return m_status; }

public Q_SLOTS:
    void browse();
    void startExport();
    void cancelExport();
    void reject() override;

Q_SIGNALS:
    // rows: rows written so far (on the UI thread).
    void progressed(qint64 rows);
    // ok false with an error (or "cancelled"); the dialog stays open either way.
    void exportFinished(bool ok, const QString &error, qint64 rows);

private:
    void onFinished(bool ok, bool cancelled, const QString &error, qint64 rows);
    void revalidate();
    void setRunning(bool running);

    QString m_historyPath;
    QComboBox *m_kind;
    QComboBox *m_range;
    QDateTimeEdit *m_from;
    QDateTimeEdit *m_to;
    QListWidget *m_accounts;
    QComboBox *m_period;
    QLineEdit *m_file;
    QPushButton *m_browse;
    QProgressBar *m_progress;
    QLabel *m_status;
    QLabel *m_error;
    QPushButton *m_export;
    QPushButton *m_cancel;
    QPointer<QThread> m_thread;
    ExportWorker *m_worker = nullptr;
    bool m_settingRange = false;
    QList<ReportPool> m_pools;
};
