#include "readingview.h"

#include <QHeaderView>
#include <QJsonDocument>
#include <QLabel>
#include <QLocale>
#include <QPlainTextEdit>
#include <QTableWidget>
#include <QTabWidget>
#include <QVBoxLayout>

namespace {

QString number(const std::optional<qint64> &v)
{
    return v ? QLocale().toString(*v) : QString();
}

} // namespace

ReadingView::ReadingView(QWidget *parent)
    : QWidget(parent)
    , m_summary(new QLabel(this))
    , m_error(new QLabel(this))
    , m_table(new QTableWidget(0, ColumnCount, this))
    , m_warningsLabel(new QLabel(tr("Warnings:"), this))
    , m_warnings(new QPlainTextEdit(this))
    , m_json(new QPlainTextEdit(this))
{
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_error->setWordWrap(true);
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_error->setStyleSheet(QStringLiteral("color: #c62828;"));
    m_error->hide();

    m_table->setHorizontalHeaderLabels({tr("Resource"), tr("Limit"), tr("Remaining"), tr("Used"), tr("Reset at"),
                                        tr("Window"), tr("Near limit"), tr("Unit")});
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);

    m_warnings->setReadOnly(true);
    m_warnings->setMaximumBlockCount(200);
    m_json->setReadOnly(true);
    m_json->setFont(QFont(QStringLiteral("monospace")));

    auto *tabs = new QTabWidget(this);
    tabs->addTab(m_table, tr("Quotas"));
    tabs->addTab(m_json, tr("JSON"));

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_summary);
    layout->addWidget(m_error);
    layout->addWidget(tabs, 1);
    layout->addWidget(m_warningsLabel);
    layout->addWidget(m_warnings);
    m_warnings->setMaximumHeight(m_warnings->fontMetrics().lineSpacing() * 5);
    clear();
}

void ReadingView::clear()
{
    m_summary->clear();
    m_error->clear();
    m_error->hide();
    m_table->setRowCount(0);
    m_warnings->clear();
    m_warningsLabel->hide();
    m_warnings->hide();
    m_json->clear();
}

void ReadingView::setError(const QString &message)
{
    clear();
    m_error->setText(message);
    m_error->show();
}

void ReadingView::setReading(const QuotaReading &reading, const QString &summaryPrefix)
{
    clear();
    QStringList parts;
    if (!summaryPrefix.isEmpty())
        parts << summaryPrefix;
    parts << (reading.status ? tr("HTTP status %1").arg(*reading.status) : tr("no HTTP status"));
    if (reading.throttled)
        parts << tr("throttled");
    if (reading.retryAfterS)
        parts << tr("retry after %1 s").arg(QLocale().toString(*reading.retryAfterS));
    if (reading.rateLimitingDisabled)
        parts << tr("rate limiting is disabled on this server");
    if (reading.quotas.isEmpty() && !reading.rateLimitingDisabled)
        parts << tr("the response carries no rate-limit fields");
    else
        parts << tr("%n quota(s)", nullptr, int(reading.quotas.size()));
    m_summary->setText(parts.join(QStringLiteral(" · ")));

    m_table->setRowCount(int(reading.quotas.size()));
    for (int row = 0; row < reading.quotas.size(); ++row) {
        const Quota &q = reading.quotas.at(row);
        const QString cells[ColumnCount] = {
            q.resource,
            number(q.limit),
            number(q.remaining),
            number(q.used),
            q.resetAt ? QLocale().toString(q.resetAt->toLocalTime(), QLocale::ShortFormat) : QString(),
            q.windowS ? tr("%1 s").arg(QLocale().toString(*q.windowS)) : QString(),
            q.nearLimit ? (*q.nearLimit ? tr("yes") : tr("no")) : QString(),
            q.unit,
        };
        for (int c = 0; c < ColumnCount; ++c) {
            auto *item = new QTableWidgetItem(cells[c]);
            if (c != Resource && c != Unit && c != ResetAt)
                item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            if (c == ResetAt && q.resetAt)
                item->setToolTip(isoUtc(*q.resetAt));
            m_table->setItem(row, c, item);
        }
    }
    m_table->resizeColumnsToContents();

    if (!reading.warnings.isEmpty()) {
        m_warnings->setPlainText(reading.warnings.join(u'\n'));
        m_warningsLabel->show();
        m_warnings->show();
    }
    m_json->setPlainText(QString::fromUtf8(QJsonDocument(reading.toJson()).toJson(QJsonDocument::Indented)));
}

QString ReadingView::summaryText() const
{
    return m_summary->text();
}

QString ReadingView::errorText() const
{
    return m_error->text();
}

QStringList ReadingView::warnings() const
{
    const QString text = m_warnings->toPlainText();
    return text.isEmpty() ? QStringList() : text.split(u'\n');
}

QString ReadingView::json() const
{
    return m_json->toPlainText();
}
