#include "accountdialog.h"

#include "messagebox.h"
#include "readingview.h"
#include "statestyle.h"

#include "accounts/accountstore.h"
#include "accounts/secretstore.h"
#include "engine/accountservice.h"
#include "core/urlpolicy.h"
#include "probe/probeclient.h"
#include "probe/proberesult.h"
#include "probe/requestfactory.h"
#include "quota/preset.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QSpinBox>
#include <QUuid>
#include <QVBoxLayout>

#include <optional>

namespace {

// The spin box's minimum stands for "no fixed interval".
constexpr int kAdaptive = 9;

QString authText(AuthScheme s)
{
    switch (s) {
    case AuthScheme::Bearer:
        return AccountDialog::tr("Bearer token");
    case AuthScheme::Basic:
        return AccountDialog::tr("Basic (user name and app password)");
    case AuthScheme::PrivateToken:
        return AccountDialog::tr("PRIVATE-TOKEN header");
    case AuthScheme::ShopifyToken:
        return AccountDialog::tr("X-Shopify-Access-Token header");
    case AuthScheme::BotToken:
        return AccountDialog::tr("Bot token");
    case AuthScheme::XApiKey:
        return AccountDialog::tr("x-api-key header");
    case AuthScheme::Ssws:
        return AccountDialog::tr("SSWS API token");
    case AuthScheme::ApiKey:
        return AccountDialog::tr("api-key header (resource key)");
    case AuthScheme::None:
        return AccountDialog::tr("None");
    }
    return {};
}

QString durationText(qint64 s)
{
    if (s % 86400 == 0)
        return AccountDialog::tr("%n day(s)", nullptr, int(s / 86400));
    if (s % 3600 == 0)
        return AccountDialog::tr("%n hour(s)", nullptr, int(s / 3600));
    if (s % 60 == 0)
        return AccountDialog::tr("%n minute(s)", nullptr, int(s / 60));
    return AccountDialog::tr("%n second(s)", nullptr, int(s));
}

// What an account of a provider is typically for; the name placeholder pairs one with the
// provider ("e.g. Bitbucket (deploy bot)"), varied so the example does not read as a rule.
constexpr const char *kPurposes[] = {
    QT_TRANSLATE_NOOP("AccountDialog", "work"),       QT_TRANSLATE_NOOP("AccountDialog", "CI"),
    QT_TRANSLATE_NOOP("AccountDialog", "deploy bot"), QT_TRANSLATE_NOOP("AccountDialog", "production"),
    QT_TRANSLATE_NOOP("AccountDialog", "team"),       QT_TRANSLATE_NOOP("AccountDialog", "staging"),
};

// "e.g. GitHub (work)": the provider's short name (its first word, unless another preset
// shares it) with a purpose; a preset for any API gets an example of its own.
QString namePlaceholder(const Preset &preset)
{
    const QList<Preset> all = Preset::all();
    qsizetype index = 0;
    for (qsizetype i = 0; i < all.size(); ++i) {
        if (all.at(i).id == preset.id)
            index = i;
    }
    const QString purpose = AccountDialog::tr(kPurposes[index % qsizetype(std::size(kPurposes))]);
    if (preset.id == u"generic" || preset.id == u"ietf")
        return AccountDialog::tr("e.g. Internal API (%1)").arg(purpose);
    QString shortName = preset.displayName.section(u' ', 0, 0);
    for (const Preset &other : all) {
        if (other.id != preset.id && other.displayName.section(u' ', 0, 0) == shortName)
            shortName = preset.displayName;
    }
    return AccountDialog::tr("e.g. %1 (%2)").arg(shortName, purpose);
}

} // namespace

AccountDialog::AccountDialog(AccountService *service, QWidget *parent)
    : QDialog(parent)
    , m_service(service)
    , m_store(service->store())
    , m_secrets(service->secrets())
{
    build();
    setWindowTitle(tr("Add Account"));
    setPreset(QStringLiteral("github"));
    revalidate();
}

AccountDialog::AccountDialog(AccountService *service, const QString &accountId, QWidget *parent)
    : QDialog(parent)
    , m_service(service)
    , m_store(service->store())
    , m_secrets(service->secrets())
    , m_editId(accountId)
{
    build();
    if (const Account *a = m_store->findById(accountId)) {
        setWindowTitle(tr("Edit Account “%1”").arg(a->name));
        loadAccount(*a);
    } else {
        setWindowTitle(tr("Edit Account"));
        showError(tr("This account no longer exists."));
    }
    revalidate();
}

AccountDialog::~AccountDialog()
{
    if (m_job)
        m_job->abort();
}

void AccountDialog::build()
{
    // testFinished() carries a ProbeResult, also across queued connections and signal spies.
    qRegisterMetaType<ProbeResult>();
    m_preset = new QComboBox(this);
    for (const Preset &p : Preset::all())
        m_preset->addItem(p.displayName, p.id);
    m_presetInfo = new QLabel(this);
    m_presetInfo->setWordWrap(true);
    m_presetInfo->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    m_presetInfo->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_name = new QLineEdit(this);
    m_baseUrl = new QLineEdit(this);
    m_baseUrl->setPlaceholderText(tr("https://api.example.com"));
    m_probePath = new QLineEdit(this);
    m_routes = new QLineEdit(this);
    m_routes->setPlaceholderText(tr("e.g. search=/search/code?q=x keys=/api-keys"));
    m_routes->setToolTip(tr("Routes with a tighter limit than the API's own, probed on their own with this "
                            "token: NAME=PATH, separated by spaces. Each is shown as the resource NAME and "
                            "scheduled on its own limit."));

    m_interval = new QSpinBox(this);
    m_interval->setRange(kAdaptive, 7 * 86400);
    m_interval->setSpecialValueText(tr("Adaptive"));
    m_interval->setSuffix(tr(" s"));
    m_interval->setValue(kAdaptive);
    m_interval->setToolTip(tr("A fixed probe interval. Adaptive probes rarely while far from the limit "
                              "and more often near it. Backoff and Retry-After always apply."));

    m_auth = new QComboBox(this);
    m_usernameLabel = new QLabel(tr("&User name:"), this);
    m_username = new QLineEdit(this);
    m_usernameLabel->setBuddy(m_username);

    m_token = new QLineEdit(this);
    m_token->setEchoMode(QLineEdit::Password);
    m_token->setAttribute(Qt::WA_InputMethodEnabled, false);
    if (isEditing())
        m_token->setPlaceholderText(tr("Leave empty to keep the stored token"));
    m_token->setToolTip(tr("Stored in the system keychain, never in a file."));

    auto *form = new QFormLayout;
    form->addRow(tr("&Provider:"), m_preset);
    form->addRow(QString(), m_presetInfo);
    form->addRow(tr("&Name:"), m_name);
    form->addRow(tr("&Base URL:"), m_baseUrl);
    form->addRow(tr("Probe &path:"), m_probePath);
    form->addRow(tr("Extra &routes:"), m_routes);
    m_paramsLabel = new QLabel(tr("Parameters:"), this);
    m_paramsForm = new QFormLayout;
    form->addRow(m_paramsLabel, m_paramsForm);
    form->addRow(tr("&Interval:"), m_interval);
    form->addRow(tr("&Authentication:"), m_auth);
    form->addRow(m_usernameLabel, m_username);
    form->addRow(tr("&Token:"), m_token);

    m_error = new QLabel(this);
    m_error->setObjectName(QStringLiteral("problem"));
    m_error->setWordWrap(true);
    m_status = new QLabel(this);
    m_status->setWordWrap(true);

    m_testView = new ReadingView(this);
    m_testBox = new QGroupBox(tr("Test result"), this);
    auto *testLayout = new QVBoxLayout(m_testBox);
    testLayout->addWidget(m_testView);
    m_testBox->hide();

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_test = m_buttons->addButton(tr("&Test"), QDialogButtonBox::ActionRole);
    m_test->setToolTip(tr("Probe once with these settings, without saving them."));
    m_remove = m_buttons->addButton(tr("&Remove…"), QDialogButtonBox::DestructiveRole);
    m_remove->setVisible(isEditing());
    connect(m_buttons, &QDialogButtonBox::accepted, this, &AccountDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_test, &QPushButton::clicked, this, [this] {
        m_testBox->show();
        test();
    });
    connect(m_remove, &QPushButton::clicked, this, &AccountDialog::removeAccount);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_error);
    layout->addWidget(m_status);
    layout->addWidget(m_testBox, 1);
    layout->addWidget(m_buttons);
    // The form never gives its rows away to the test result: a provider with more fields
    // grows the dialog instead of squeezing them.
    layout->setSizeConstraint(QLayout::SetMinimumSize);

    connect(m_preset, &QComboBox::currentIndexChanged, this, &AccountDialog::onPresetChanged);
    connect(m_baseUrl, &QLineEdit::textEdited, this, [this] { m_baseUrlEdited = true; });
    connect(m_probePath, &QLineEdit::textChanged, this, &AccountDialog::rebuildParams);
    for (QLineEdit *e : {m_name, m_baseUrl, m_probePath, m_routes, m_username, m_token}) {
        connect(e, &QLineEdit::textChanged, this, &AccountDialog::inputChanged);
        connect(e, &QLineEdit::textEdited, this, [this, e] { touch(e); });
    }
    connect(m_auth, &QComboBox::currentIndexChanged, this, &AccountDialog::inputChanged);
    connect(m_interval, &QSpinBox::valueChanged, this, &AccountDialog::inputChanged);
    resize(560, 600);
}

void AccountDialog::setProbeClient(ProbeClient *client)
{
    m_client = client;
}

ProbeClient *AccountDialog::client()
{
    if (!m_client)
        m_client = new ProbeClient(this);
    return m_client;
}

QPushButton *AccountDialog::okButton() const
{
    return m_buttons->button(QDialogButtonBox::Ok);
}

void AccountDialog::setPreset(const QString &presetId)
{
    const int i = m_preset->findData(presetId);
    if (i < 0)
        return;
    if (i == m_preset->currentIndex())
        onPresetChanged();
    else
        m_preset->setCurrentIndex(i);
}

void AccountDialog::loadAccount(const Account &a)
{
    m_paramValues = a.params;
    setPreset(a.presetId);
    m_name->setText(a.name);
    m_baseUrl->setText(a.baseUrl);
    m_baseUrlEdited = true;
    m_probePath->setText(a.probePath);
    QStringList routes;
    for (const ProbeRoute &r : a.routes)
        routes << r.name + u'=' + r.path;
    m_routes->setText(routes.join(u' '));
    rebuildParams();
    m_interval->setValue(a.intervalS ? *a.intervalS : kAdaptive);
    const int auth = m_auth->findData(authSchemeId(a.auth));
    if (auth >= 0)
        m_auth->setCurrentIndex(auth);
    m_username->setText(a.username);
}

void AccountDialog::onPresetChanged()
{
    const Preset *p = Preset::find(m_preset->currentData().toString());
    if (!p)
        return;

    QStringList info;
    if (p->probeMethod.isEmpty()) {
        info << tr("This provider has no request that reveals the quota cheaply: give a probe path of your own.");
    } else {
        info << tr("Probe: %1 %2").arg(p->probeMethod, p->probePath);
        info << (p->freeProbe ? tr("free: the probe spends no quota")
                              : tr("costs %n unit(s) of quota per probe", nullptr, p->probeCost));
    }
    if (p->defaultWindowS > 0)
        info << tr("quota window usually %1").arg(durationText(p->defaultWindowS));
    QString text = info.join(QStringLiteral(" · "));
    if (!p->notes.isEmpty())
        text += u'\n' + p->notes;
    m_presetInfo->setText(text);

    m_name->setPlaceholderText(namePlaceholder(*p));
    clearTest();
    if (!m_baseUrlEdited || m_baseUrl->text().isEmpty()) {
        m_baseUrl->setText(p->defaultBaseUrl);
        m_baseUrlEdited = false;
    }
    m_probePath->setPlaceholderText(p->probePath.isEmpty() ? tr("/path/that/returns/rate-limit/headers")
                                                           : p->probePath);

    const QString previousAuth = m_auth->currentData().toString();
    const QSignalBlocker block(m_auth);
    m_auth->clear();
    QList<AuthScheme> schemes{p->auth};
    for (AuthScheme s : p->authOptions)
        if (!schemes.contains(s))
            schemes << s;
    if (!schemes.contains(AuthScheme::None))
        schemes << AuthScheme::None;
    for (AuthScheme s : schemes)
        m_auth->addItem(authText(s), authSchemeId(s));
    const int keep = m_auth->findData(previousAuth);
    m_auth->setCurrentIndex(isEditing() && keep >= 0 ? keep : 0);

    rebuildParams();
    revalidate();
}

void AccountDialog::rebuildParams()
{
    const Preset *p = Preset::find(m_preset->currentData().toString());
    if (!p)
        return;
    // The preset's parameters, or the placeholders of the user's own probe path.
    QStringList names;
    const QString path = m_probePath->text().trimmed();
    if (path.isEmpty()) {
        names = p->params;
    } else {
        static const QRegularExpression placeholder(QStringLiteral("\\{([A-Za-z0-9_]+)\\}"));
        for (const QRegularExpressionMatch &m : placeholder.globalMatch(path))
            if (!names.contains(m.captured(1)))
                names << m.captured(1);
    }
    if (names == m_paramNames)
        return;
    m_paramNames = names;

    for (auto it = m_paramEdits.cbegin(); it != m_paramEdits.cend(); ++it) {
        m_paramValues.insert(it.key(), it.value()->text());
        m_touched.remove(it.value());
    }
    while (m_paramsForm->rowCount() > 0)
        m_paramsForm->removeRow(0);
    m_paramEdits.clear();
    for (const QString &name : names) {
        auto *edit = new QLineEdit(m_paramValues.value(name), this);
        edit->setObjectName(u"param_" + name);
        connect(edit, &QLineEdit::textChanged, this, &AccountDialog::inputChanged);
        connect(edit, &QLineEdit::textEdited, this, [this, edit] { touch(edit); });
        m_paramsForm->addRow(name + u':', edit);
        m_paramEdits.insert(name, edit);
    }
    m_paramsLabel->setVisible(!names.isEmpty());
    revalidate();
}

Account AccountDialog::account() const
{
    Account a;
    if (isEditing()) {
        if (const Account *old = m_store->findById(m_editId))
            a = *old; // keeps alert overrides and anything this dialog does not edit
    }
    a.id = m_editId;
    a.name = m_name->text().trimmed();
    a.presetId = m_preset->currentData().toString();
    a.baseUrl = m_baseUrl->text().trimmed();
    while (a.baseUrl.endsWith(u'/'))
        a.baseUrl.chop(1);
    a.probePath = m_probePath->text().trimmed();
    a.routes.clear();
    for (const QString &item : m_routes->text().split(u' ', Qt::SkipEmptyParts))
        a.routes.append({item.section(u'=', 0, 0), item.section(u'=', 1)});
    a.params.clear();
    for (auto it = m_paramEdits.cbegin(); it != m_paramEdits.cend(); ++it)
        a.params.insert(it.key(), it.value()->text().trimmed());
    a.auth = authSchemeFromId(m_auth->currentData().toString()).value_or(AuthScheme::Bearer);
    a.username = a.auth == AuthScheme::Basic ? m_username->text().trimmed() : QString();
    a.intervalS = m_interval->value() == kAdaptive ? std::nullopt : std::optional<int>(m_interval->value());
    return a;
}

QString AccountDialog::cleanedToken(QString *error) const
{
    QString cleaned;
    const QString e = RequestFactory::cleanToken(m_token->text(), &cleaned);
    if (!e.isEmpty()) {
        // The rule's own message may quote the input's shape; it never quotes the token.
        *error = tr("The token contains characters that cannot be sent in a header "
                    "(line breaks, control or non-ASCII characters).");
        return {};
    }
    return cleaned;
}

AccountDialog::Problem AccountDialog::problem() const
{
    const Account a = account();
    if (a.name.isEmpty())
        return {tr("Enter a name for the account."), m_name};
    if (const Account *other = m_store->findByName(a.name); other && other->id != m_editId)
        return {tr("An account named “%1” already exists.").arg(a.name), m_name};
    if (a.baseUrl.isEmpty())
        return {tr("Enter the base URL of the API."), m_baseUrl};
    const QUrl url(a.baseUrl);
    if (url.scheme() == u"http" && !UrlPolicy::isLoopbackLiteral(url.host())
        && url.host().compare(u"localhost", Qt::CaseInsensitive) != 0)
        return {tr("Use https: a token may travel over plain http only to this computer (127.0.0.1 or [::1])."),
                m_baseUrl};
    if (const QString e = UrlPolicy::baseUrlError(a.baseUrl); !e.isEmpty())
        return {tr("The base URL is not usable: %1").arg(e), m_baseUrl};
    if (!a.probePath.isEmpty() && !a.probePath.startsWith(u'/'))
        return {tr("The probe path must start with “/”."), m_probePath};
    const Preset *p = Preset::find(a.presetId);
    if (p && p->probeMethod.isEmpty() && a.probePath.isEmpty())
        return {tr("This provider needs a probe path."), m_probePath};
    // In the order the fields are shown, so the hint names the first empty one.
    for (const QString &name : m_paramNames)
        if (a.params.value(name).isEmpty())
            return {tr("Enter a value for the parameter “%1”.").arg(name), m_paramEdits.value(name)};
    if (a.auth == AuthScheme::Basic && a.username.isEmpty())
        return {tr("Basic authentication needs a user name."), m_username};
    if (!m_token->text().isEmpty()) {
        QString e;
        cleanedToken(&e);
        if (!e.isEmpty())
            return {e, m_token};
    } else if (!isEditing() && a.auth != AuthScheme::None) {
        return {tr("Enter the token."), m_token};
    }
    // The store's own rules have the last word, so the dialog can never save what `account add`
    // would refuse.
    if (const QString e = AccountStore::validate(a); !e.isEmpty())
        return {e, nullptr};
    return {};
}

QString AccountDialog::validationError() const
{
    return problem().message;
}

bool AccountDialog::problemIsError() const
{
    const Problem p = problem();
    if (p.message.isEmpty())
        return false;
    return p.field ? m_touched.contains(p.field) : !m_touched.isEmpty();
}

void AccountDialog::touch(QWidget *field)
{
    m_touched.insert(field);
    revalidate();
}

void AccountDialog::clearTest()
{
    if (m_job) {
        // A result for other input would answer a question no longer asked.
        QPointer<ProbeJob> job = m_job;
        m_job = nullptr;
        disconnect(job, nullptr, this, nullptr);
        job->abort();
        m_status->clear();
        setBusy(false);
    }
    m_testView->clear();
    m_testBox->hide();
}

void AccountDialog::inputChanged()
{
    clearTest();
    revalidate();
}


void AccountDialog::revalidate()
{
    const bool basic = authSchemeFromId(m_auth->currentData().toString()) == AuthScheme::Basic;
    m_usernameLabel->setVisible(basic);
    m_username->setVisible(basic);
    m_token->setEnabled(authSchemeFromId(m_auth->currentData().toString()) != AuthScheme::None);

    // What is missing reads as a hint until the user has worked on that field; only then is it
    // an error, in the error colour.
    const QString e = validationError();
    m_error->setText(e);
    m_error->setVisible(!e.isEmpty());
    m_error->setStyleSheet(problemIsError()
                               ? QStringLiteral("color: %1;").arg(StateStyle::color(AccountState::Error, palette()).name())
                               : QString());
    okButton()->setEnabled(e.isEmpty() && !m_busy);
    m_test->setEnabled(e.isEmpty() && !m_busy);
    m_remove->setEnabled(!m_busy);
}

void AccountDialog::setBusy(bool busy)
{
    m_busy = busy;
    revalidate();
}

void AccountDialog::showError(const QString &message)
{
    m_status->setStyleSheet(QStringLiteral("color: %1;").arg(StateStyle::color(AccountState::Error, palette()).name()));
    m_status->setText(message);
}

void AccountDialog::accept()
{
    if (m_busy || !validationError().isEmpty())
        return;
    Account a = account();
    QString tokenError;
    const QString token = m_token->text().isEmpty() ? QString() : cleanedToken(&tokenError);
    if (!tokenError.isEmpty())
        return showError(tokenError);

    setBusy(true);
    m_status->setStyleSheet(QString());
    if (!token.isEmpty() && a.auth != AuthScheme::None)
        m_status->setText(tr("Saving the token in the keychain…"));
    QPointer<AccountDialog> self(this);
    auto done = [self](const AccountService::Outcome &o, const QString &id) {
        if (!self)
            return;
        self->setBusy(false);
        if (!o.ok()) {
            return self->showError(o.failure == AccountService::Failure::Secret
                                       ? tr("The token could not be stored in the keychain: %1").arg(o.message)
                                       : tr("The account could not be saved: %1").arg(o.message));
        }
        self->m_savedId = id;
        Q_EMIT self->accountSaved(id);
        self->QDialog::accept();
    };
    if (isEditing()) {
        // An empty token field keeps the stored token.
        const std::optional<QString> replacement = token.isEmpty() ? std::nullopt : std::optional<QString>(token);
        m_service->update(a, replacement, [done, id = a.id](const AccountService::Outcome &o) { done(o, id); });
    } else {
        if (a.id.isEmpty())
            a.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
        m_service->add(a, token, [done, id = a.id](const AccountService::Outcome &o) { done(o, id); });
    }
}

void AccountDialog::removeAccount()
{
    if (!isEditing() || m_busy)
        return;
    const Account *a = m_store->findById(m_editId);
    if (!a)
        return;
    const QString name = a->name;
    if (MessageBox::question(this, tr("Remove Account"),
                             tr("Remove the account “%1”? Its token is deleted from the keychain; "
                                "its recorded history stays.")
                                 .arg(name))
        != QMessageBox::Yes)
        return;

    setBusy(true);
    const QString id = m_editId;
    QPointer<AccountDialog> self(this);
    m_service->remove(id, [self, id](const AccountService::Outcome &o) {
        if (!self)
            return;
        self->setBusy(false);
        // Nothing was removed when either step failed: the keychain and the file agree.
        if (!o.ok()) {
            return self->showError(o.failure == AccountService::Failure::Secret
                                       ? tr("The account was kept: its token could not be deleted from the "
                                            "keychain: %1")
                                             .arg(o.message)
                                       : tr("The account could not be removed: %1").arg(o.message));
        }
        Q_EMIT self->accountRemoved(id);
        self->done(Removed);
    });
}

void AccountDialog::test()
{
    if (m_busy || !validationError().isEmpty())
        return;
    Account a = account();
    if (a.id.isEmpty())
        a.id = QStringLiteral("test");
    QString tokenError;
    const QString token = m_token->text().isEmpty() ? QString() : cleanedToken(&tokenError);
    if (!tokenError.isEmpty())
        return m_testView->setError(tokenError);

    if (token.isEmpty() && isEditing() && a.auth != AuthScheme::None) {
        // The stored token is used for the probe only; it never reaches a widget.
        setBusy(true);
        m_testView->clear();
        m_status->setStyleSheet(QString());
        m_status->setText(tr("Reading the stored token…"));
        QPointer<AccountDialog> self(this);
        m_secrets->read(m_editId, [self, a](const SecretStore::Result &r) {
            if (!self)
                return;
            if (r.error != SecretStore::Error::None) {
                self->setBusy(false);
                self->m_status->clear();
                self->m_testView->setError(tr("The stored token could not be read: %1").arg(r.message));
                return;
            }
            self->runTest(a, r.secret);
        });
        return;
    }
    runTest(a, token);
}

void AccountDialog::runTest(const Account &a, const QString &token)
{
    setBusy(true);
    m_testView->clear();
    m_status->setStyleSheet(QString());
    m_status->setText(tr("Probing %1…").arg(a.baseUrl));
    m_job = client()->probe(a, token);
    connect(m_job, &ProbeJob::finished, this, [this](const ProbeResult &r) {
        m_job = nullptr;
        setBusy(false);
        m_status->clear();
        const QString state = tr("State: %1").arg(StateStyle::label(r.state));
        if (!r.error.isEmpty()) {
            m_testView->setError(state + u'\n' + r.error);
        } else {
            QString prefix = state;
            if (r.cost > 0)
                prefix += QStringLiteral(" · ") + tr("this probe spent %n unit(s)", nullptr, int(r.cost));
            m_testView->setReading(r.reading, prefix);
        }
        Q_EMIT testFinished(r);
    });
}
