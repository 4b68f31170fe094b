#pragma once

#include "quota/quotareading.h"

#include <QWidget>

class QLabel;
class QPlainTextEdit;
class QTableWidget;

// Shows one QuotaReading: a summary line, a table of its quotas (unknown values stay empty,
// never 0), its warnings and the raw JSON `headroom inspect` would print. Used by the
// "Paste a response" window and by the account editor's Test button.
class ReadingView : public QWidget
{
    Q_OBJECT
public:
    enum Column { Resource, Limit, Remaining, Used, ResetAt, Window, NearLimit, Unit, ColumnCount };

    explicit ReadingView(QWidget *parent = nullptr);

    // `summaryPrefix` goes before the status summary (e.g. the account state).
    void setReading(const QuotaReading &reading, const QString &summaryPrefix = {});
    // An inline error in place of a reading.
    void setError(const QString &message);
    void clear();

    QString summaryText() const;
    QString errorText() const;
    QStringList warnings() const;
    QString json() const;
    QTableWidget *table() const { return m_table; }

private:
    QLabel *m_summary;
    QLabel *m_error;
    QTableWidget *m_table;
    QLabel *m_warningsLabel;
    QPlainTextEdit *m_warnings;
    QPlainTextEdit *m_json;
};
