#include "pasteresponsedialog.h"

#include "readingview.h"

#include "core/clock.h"
#include "quota/headerengine.h"
#include "quota/httpresponsehead.h"
#include "quota/preset.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateTimeEdit>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QSplitter>
#include <QVBoxLayout>

PasteResponseDialog::PasteResponseDialog(QWidget *parent)
    : QDialog(parent)
    , m_text(new QPlainTextEdit(this))
    , m_provider(new QComboBox(this))
    , m_fixNow(new QCheckBox(tr("Fixed reference time (UTC):"), this))
    , m_now(new QDateTimeEdit(this))
    , m_read(new QPushButton(tr("&Read"), this))
    , m_suggestion(new QLabel(this))
    , m_useSuggestion(new QPushButton(this))
    , m_view(new ReadingView(this))
{
    setWindowTitle(tr("Paste a Response"));
    m_text->setPlaceholderText(tr("HTTP/1.1 200 OK\nx-ratelimit-limit: 5000\nx-ratelimit-remaining: 4999\n…"));
    m_text->setFont(QFont(QStringLiteral("monospace")));
    m_text->setTabChangesFocus(true);

    for (const Preset &p : Preset::all())
        m_provider->addItem(p.displayName, p.id);
    setProvider(QStringLiteral("generic"));

    m_now->setTimeSpec(Qt::UTC);
    m_now->setDisplayFormat(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
    m_now->setDateTime(Clock::instance()->nowUtc());
    m_now->setEnabled(false);
    m_now->setToolTip(tr("Relative values (seconds until reset) are counted from this time; "
                         "without it, from now."));
    connect(m_fixNow, &QCheckBox::toggled, m_now, &QWidget::setEnabled);

    auto *form = new QFormLayout;
    form->addRow(tr("&Provider:"), m_provider);
    auto *nowRow = new QHBoxLayout;
    nowRow->addWidget(m_fixNow);
    nowRow->addWidget(m_now, 1);
    form->addRow(nowRow);

    auto *top = new QWidget(this);
    auto *topLayout = new QVBoxLayout(top);
    topLayout->setContentsMargins(0, 0, 0, 0);
    topLayout->addWidget(m_text, 1);
    topLayout->addLayout(form);
    auto *readRow = new QHBoxLayout;
    readRow->addStretch(1);
    readRow->addWidget(m_read);
    topLayout->addLayout(readRow);
    m_suggestion->setWordWrap(true);
    m_suggestion->setTextFormat(Qt::PlainText);
    m_suggestion->hide();
    m_useSuggestion->hide();
    auto *suggestionRow = new QHBoxLayout;
    suggestionRow->addWidget(m_suggestion, 1);
    suggestionRow->addWidget(m_useSuggestion);
    topLayout->addLayout(suggestionRow);
    connect(m_useSuggestion, &QPushButton::clicked, this, [this] {
        setProvider(m_suggestedId);
        read();
    });

    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(top);
    splitter->addWidget(m_view);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(splitter, 1);
    layout->addWidget(buttons);

    m_read->setDefault(true);
    connect(m_read, &QPushButton::clicked, this, &PasteResponseDialog::read);
    // A reading belongs to the text and provider it was made from: changing either clears it.
    auto clearReading = [this] {
        m_view->clear();
        m_suggestion->hide();
        m_useSuggestion->hide();
        m_suggestedId.clear();
    };
    connect(m_text, &QPlainTextEdit::textChanged, this, clearReading);
    connect(m_provider, &QComboBox::currentIndexChanged, this, clearReading);
    connect(m_fixNow, &QCheckBox::toggled, this, clearReading);
    connect(m_now, &QDateTimeEdit::dateTimeChanged, this, clearReading);
    resize(720, 640);
}

void PasteResponseDialog::setProvider(const QString &presetId)
{
    const int i = m_provider->findData(presetId);
    if (i >= 0)
        m_provider->setCurrentIndex(i);
}

namespace {

QString orList(const QStringList &items)
{
    QString out = items.value(0);
    for (qsizetype i = 1; i < items.size(); ++i)
        out = PasteResponseDialog::tr("%1 or %2").arg(out, items.at(i));
    return out;
}

} // namespace

void PasteResponseDialog::read()
{
    m_suggestion->hide();
    m_useSuggestion->hide();
    m_suggestedId.clear();
    const Preset *preset = Preset::find(m_provider->currentData().toString());
    if (!preset) {
        m_view->setError(tr("Choose a provider."));
        return;
    }
    const QString text = m_text->toPlainText();
    if (text.trimmed().isEmpty()) {
        m_view->setError(tr("Paste a response head first: the status line and the header lines."));
        return;
    }
    // A body may follow the blank line; the GitHub preset reads GET /rate_limit's JSON from it.
    static const QRegularExpression blankLine(QStringLiteral("\\r?\\n\\r?\\n"));
    const QRegularExpressionMatch m = blankLine.match(text);
    const QString headText = m.hasMatch() ? text.left(m.capturedEnd()) : text + u'\n';
    const QByteArray body = m.hasMatch() ? text.mid(m.capturedEnd()).trimmed().toUtf8() : QByteArray();

    QString error;
    const std::optional<HttpResponseHead> head = HttpResponseHead::parse(headText.toUtf8(), &error);
    if (!head) {
        m_view->setError(error.isEmpty() ? tr("This is not an HTTP response head.")
                                         : tr("This is not an HTTP response head: %1").arg(error));
        return;
    }
    const QDateTime now = m_fixNow->isChecked() ? m_now->dateTime().toUTC() : Clock::instance()->nowUtc();
    const QuotaReading reading = HeaderEngine::read(*preset, *head, now, body);
    m_view->setReading(reading);
    if (reading.quotas.isEmpty())
        showSuggestion(HeaderEngine::suggest(*head, preset->id, now, body));
}

void PasteResponseDialog::showSuggestion(const QList<HeaderEngine::Suggestion> &suggestions)
{
    if (suggestions.isEmpty())
        return;
    const HeaderEngine::Suggestion &first = suggestions.first();
    QStringList names;
    for (const HeaderEngine::Suggestion &s : suggestions) {
        if (!s.best)
            break;
        names.append(s.displayName);
    }
    if (first.presetId == QStringLiteral("generic"))
        m_suggestion->setText(tr("These %1 fields are read by the generic reader: choose %2.").arg(first.fields, first.displayName));
    else if (first.presetId == QStringLiteral("ietf"))
        m_suggestion->setText(tr("These are IETF RateLimit fields (%1): choose %2.").arg(first.fields, first.displayName));
    else
        m_suggestion->setText(tr("These are %1 %2 fields: choose %3.").arg(orList(names), first.fields, orList(names)));
    m_suggestedId = first.presetId;
    m_useSuggestion->setText(tr("&Use %1").arg(first.displayName));
    m_suggestion->show();
    m_useSuggestion->show();
}
