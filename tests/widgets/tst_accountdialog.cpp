#include "accountdialog.h"
#include "engine/accountservice.h"
#include "loopbackserver.h"
#include "messagebox.h"
#include "readingview.h"
#include "statestyle.h"
#include "translations.h"
#include "visiblestrings.h"

#include "accounts/accountstore.h"
#include "accounts/memorysecretstore.h"
#include "probe/probeclient.h"
#include "probe/proberesult.h"

#include <QAbstractButton>
#include <QComboBox>
#include <QFile>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

namespace {

const QString kToken = QStringLiteral("ghp_SECRETtoken1234567890");

bool showsToken(QWidget *root, const QString &token)
{
    return TestUi::showsText(root, token);
}

} // namespace

class TestAccountDialog : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString storePath() const { return m_dir.filePath(QStringLiteral("accounts.json")); }

    void fillGitHub(AccountDialog &dlg, const QString &name = QStringLiteral("GitHub work"))
    {
        dlg.setPreset(QStringLiteral("github"));
        dlg.nameEdit()->setText(name);
        dlg.tokenEdit()->setText(kToken);
    }

    Account existingAccount(AccountStore &store, MemorySecretStore &secrets)
    {
        Account a;
        a.name = QStringLiteral("Existing");
        a.presetId = QStringLiteral("github");
        bool ok = store.add(a);
        Q_ASSERT(ok);
        ok = store.save();
        Q_ASSERT(ok);
        QSignalSpy done(&secrets, &QObject::destroyed); // never fires; just an event loop to wait in
        bool written = false;
        secrets.write(a.id, kToken, [&](const SecretStore::Result &) { written = true; });
        for (int i = 0; i < 100 && !written; ++i)
            QTest::qWait(10);
        Q_ASSERT(written);
        return a;
    }

    QString readSecret(MemorySecretStore &secrets, const QString &key, SecretStore::Error *error = nullptr)
    {
        std::optional<SecretStore::Result> result;
        secrets.read(key, [&](const SecretStore::Result &r) { result = r; });
        for (int i = 0; i < 100 && !result; ++i)
            QTest::qWait(10);
        if (error)
            *error = result ? result->error : SecretStore::Error::Other;
        return result ? result->secret : QString();
    }

private Q_SLOTS:
    // English as a user sees it: counted messages in their plural forms.
    void initTestCase() { installTranslations(QLocale(QLocale::English, QLocale::UnitedStates)); }
    void init() { QFile::remove(storePath()); }

    // A fresh form says what it needs in the normal colour; only a field the user has worked on
    // and left wrong is an error.
    void noErrorColourBeforeInput()
    {
        AccountStore store(storePath());
        MemorySecretStore secrets;
        AccountService service(&store, &secrets);
        AccountDialog dlg(&service);
        dlg.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dlg));
        QVERIFY(!dlg.okButton()->isEnabled());
        QVERIFY(!dlg.problemIsError());
        QVERIFY(dlg.errorLabel()->styleSheet().isEmpty());
        const QString errorColour = StateStyle::color(AccountState::Error, dlg.palette()).name();

        // Typing a name: the next thing missing (the token) is still only a hint.
        QTest::keyClicks(dlg.nameEdit(), QStringLiteral("Work"));
        QCOMPARE(dlg.validationError(), QStringLiteral("Enter the token."));
        QVERIFY(!dlg.problemIsError());
        QVERIFY(!dlg.errorLabel()->styleSheet().contains(errorColour));

        // Erasing the name the user typed: now it is an error.
        dlg.nameEdit()->selectAll();
        QTest::keyClick(dlg.nameEdit(), Qt::Key_Backspace);
        QCOMPARE(dlg.validationError(), QStringLiteral("Enter a name for the account."));
        QVERIFY(dlg.problemIsError());
        QVERIFY(dlg.errorLabel()->styleSheet().contains(errorColour));
    }

    void namePlaceholderFollowsTheProvider_data()
    {
        QTest::addColumn<QString>("preset");
        QTest::addColumn<QString>("placeholder");
        QTest::newRow("github") << "github" << "e.g. GitHub (work)";
        QTest::newRow("bitbucket") << "bitbucket" << "e.g. Bitbucket (deploy bot)";
        QTest::newRow("gitlab") << "gitlab" << "e.g. GitLab (CI)";
    }
    void namePlaceholderFollowsTheProvider()
    {
        QFETCH(QString, preset);
        QFETCH(QString, placeholder);
        AccountStore store(storePath());
        MemorySecretStore secrets;
        AccountService service(&store, &secrets);
        AccountDialog dlg(&service);
        dlg.setPreset(QStringLiteral("slack"));
        dlg.setPreset(preset);
        QCOMPARE(dlg.nameEdit()->placeholderText(), placeholder);
    }

    // Every provider: its own example name, and counts in words ("1 unit", "1 hour"), never "(s)".
    void everyProviderReadsWell()
    {
        AccountStore store(storePath());
        MemorySecretStore secrets;
        AccountService service(&store, &secrets);
        AccountDialog dlg(&service);
        for (const Preset &p : Preset::all()) {
            dlg.setPreset(p.id);
            const QString placeholder = dlg.nameEdit()->placeholderText();
            QVERIFY2(placeholder.startsWith(QStringLiteral("e.g. ")), qPrintable(placeholder));
            if (p.id != u"generic" && p.id != u"ietf")
                QVERIFY2(placeholder.contains(p.displayName.section(u' ', 0, 0)), qPrintable(placeholder));
            for (const QString &text : TestUi::visibleStrings(&dlg))
                QVERIFY2(!text.contains(QStringLiteral("(s)")), qPrintable(p.id + QStringLiteral(": ") + text));
        }
        dlg.setPreset(QStringLiteral("gitlab"));
        QVERIFY2(dlg.presetInfoLabel()->text().contains(QStringLiteral("costs 1 unit of quota per probe")),
                 qPrintable(dlg.presetInfoLabel()->text()));
    }

    // After a Test, switching to a provider with more fields keeps every field at its height and
    // drops the old result; so does any change of the input.
    void testResultGoesAndFieldsStayWhenTheProviderChanges()
    {
        LoopbackServer server(gitHubRateLimitResponse());
        QVERIFY(server.start());
        AccountStore store(storePath());
        MemorySecretStore secrets;
        AccountService service(&store, &secrets);
        AccountDialog dlg(&service);
        dlg.resize(560, 600);
        dlg.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dlg));
        fillGitHub(dlg);
        dlg.baseUrlEdit()->setText(server.baseUrl());
        QSignalSpy finished(&dlg, &AccountDialog::testFinished);
        dlg.testButton()->click();
        QVERIFY(finished.wait(10000));
        QVERIFY(dlg.testBox()->isVisible());
        QVERIFY(!dlg.testView()->summaryText().isEmpty());

        dlg.setPreset(QStringLiteral("bitbucket"));
        QVERIFY(!dlg.testBox()->isVisible());
        QVERIFY(dlg.testView()->summaryText().isEmpty());
        QTest::qWait(50); // let the layout settle
        const Preset *bitbucket = Preset::find(QStringLiteral("bitbucket"));
        QVERIFY(bitbucket && !bitbucket->params.isEmpty());
        for (const QString &param : bitbucket->params) {
            QLineEdit *edit = dlg.paramEdit(param);
            QVERIFY(edit && edit->isVisible());
            QVERIFY2(edit->height() >= edit->minimumSizeHint().height(),
                     qPrintable(QStringLiteral("%1: %2 px").arg(param).arg(edit->height())));
        }
        for (QWidget *field : std::initializer_list<QWidget *>{dlg.nameEdit(), dlg.baseUrlEdit(), dlg.tokenEdit()})
            QVERIFY(field->height() >= field->minimumSizeHint().height());

        // Back to a complete form, test again, then edit the name: the result is gone.
        dlg.setPreset(QStringLiteral("github"));
        dlg.baseUrlEdit()->setText(server.baseUrl());
        QVERIFY(dlg.testButton()->isEnabled());
        dlg.testButton()->click();
        QVERIFY(finished.wait(10000));
        QVERIFY(dlg.testBox()->isVisible());
        QTest::keyClicks(dlg.nameEdit(), QStringLiteral(" 2"));
        QVERIFY(!dlg.testBox()->isVisible());
        QVERIFY(dlg.testView()->summaryText().isEmpty());
    }

    void presetInfoShowsProbeCostAndDefaults_data()
    {
        QTest::addColumn<QString>("preset");
        QTest::addColumn<QString>("infoContains");
        QTest::addColumn<QString>("costContains");
        QTest::newRow("github: free /rate_limit") << "github" << "GET /rate_limit" << "free";
        QTest::newRow("gitlab: costs one unit") << "gitlab" << "GET " << "1 unit";
    }
    void presetInfoShowsProbeCostAndDefaults()
    {
        QFETCH(QString, preset);
        QFETCH(QString, infoContains);
        QFETCH(QString, costContains);
        AccountStore store(storePath());
        MemorySecretStore secrets;
        AccountService service(&store, &secrets);
        AccountDialog dlg(&service);
        dlg.setPreset(preset);
        const Preset *p = Preset::find(preset);
        QVERIFY(p);
        QVERIFY2(dlg.presetInfoLabel()->text().contains(infoContains), qPrintable(dlg.presetInfoLabel()->text()));
        QVERIFY2(dlg.presetInfoLabel()->text().contains(costContains), qPrintable(dlg.presetInfoLabel()->text()));
        QCOMPARE(dlg.baseUrlEdit()->text(), p->defaultBaseUrl);
        QCOMPARE(dlg.probePathEdit()->placeholderText(), p->probePath);
        QCOMPARE(dlg.authCombo()->currentData().toString(), authSchemeId(p->auth));
    }

    void presetParamsGetRows()
    {
        AccountStore store(storePath());
        MemorySecretStore secrets;
        AccountService service(&store, &secrets);
        AccountDialog dlg(&service);
        dlg.setPreset(QStringLiteral("bitbucket"));
        const Preset *p = Preset::find(QStringLiteral("bitbucket"));
        QVERIFY(p && !p->params.isEmpty());
        for (const QString &param : p->params)
            QVERIFY2(dlg.paramEdit(param), qPrintable(param));
        // A custom probe path brings its own placeholders.
        dlg.probePathEdit()->setText(QStringLiteral("/x/{alpha}/{beta}"));
        QVERIFY(dlg.paramEdit(QStringLiteral("alpha")));
        QVERIFY(dlg.paramEdit(QStringLiteral("beta")));
    }

    void validFormEnablesOk()
    {
        AccountStore store(storePath());
        MemorySecretStore secrets;
        AccountService service(&store, &secrets);
        AccountDialog dlg(&service);
        QVERIFY(!dlg.okButton()->isEnabled()); // nothing entered yet
        fillGitHub(dlg);
        QCOMPARE(dlg.validationError(), QString());
        QVERIFY(dlg.okButton()->isEnabled());
        QVERIFY(dlg.testButton()->isEnabled());
        QVERIFY(!dlg.errorLabel()->isVisible() || dlg.errorLabel()->text().isEmpty());
    }

    void invalidStatesDisableOk_data()
    {
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("value");
        QTest::newRow("empty name") << "name" << "";
        QTest::newRow("duplicate name") << "name" << "Taken";
        QTest::newRow("plain http to a remote host") << "baseUrl" << "http://api.github.com";
        QTest::newRow("not a URL") << "baseUrl" << "api.github.com";
        QTest::newRow("probe path without slash") << "probePath" << "rate_limit";
        QTest::newRow("token with CR") << "token" << "abc\rdef";
        QTest::newRow("token with LF") << "token" << "abc\ndef";
        QTest::newRow("token with NUL") << "token" << QStringLiteral("abc") + QChar(0) + QStringLiteral("def");
        QTest::newRow("no token for a new account") << "token" << "";
        QTest::newRow("basic auth without user") << "basic" << "";
    }
    void invalidStatesDisableOk()
    {
        QFETCH(QString, field);
        QFETCH(QString, value);
        AccountStore store(storePath());
        Account taken;
        taken.name = QStringLiteral("Taken");
        taken.presetId = QStringLiteral("github");
        QVERIFY(store.add(taken));
        MemorySecretStore secrets;
        AccountService service(&store, &secrets);
        AccountDialog dlg(&service);
        dlg.show();
        fillGitHub(dlg);
        QVERIFY(dlg.okButton()->isEnabled());

        if (field == u"name")
            dlg.nameEdit()->setText(value);
        else if (field == u"baseUrl")
            dlg.baseUrlEdit()->setText(value);
        else if (field == u"probePath")
            dlg.probePathEdit()->setText(value);
        else if (field == u"token")
            dlg.tokenEdit()->setText(value);
        else if (field == u"basic") {
            dlg.setPreset(QStringLiteral("bitbucket"));
            const int basic = dlg.authCombo()->findData(authSchemeId(AuthScheme::Basic));
            QVERIFY(basic >= 0);
            dlg.authCombo()->setCurrentIndex(basic);
            for (const QString &p : Preset::find(QStringLiteral("bitbucket"))->params)
                dlg.paramEdit(p)->setText(QStringLiteral("x"));
            QVERIFY(dlg.usernameEdit()->isVisible());
            dlg.usernameEdit()->setText(value);
        }
        QVERIFY(!dlg.okButton()->isEnabled());
        QVERIFY(!dlg.testButton()->isEnabled());
        QVERIFY(dlg.errorLabel()->isVisible());
        QVERIFY(!dlg.errorLabel()->text().isEmpty());
        QVERIFY(!dlg.errorLabel()->text().contains(u'\r'));
        // OK does nothing while invalid.
        dlg.accept();
        QCOMPARE(dlg.result(), int(QDialog::Rejected));
        QCOMPARE(store.accounts().size(), 1);
    }

    void loopbackHttpIsAllowed()
    {
        AccountStore store(storePath());
        MemorySecretStore secrets;
        AccountService service(&store, &secrets);
        AccountDialog dlg(&service);
        fillGitHub(dlg);
        dlg.baseUrlEdit()->setText(QStringLiteral("http://127.0.0.1:8080"));
        QCOMPARE(dlg.validationError(), QString());
    }

    void okStoresTokenInKeychainNotInFile()
    {
        AccountStore store(storePath());
        MemorySecretStore secrets;
        AccountService service(&store, &secrets);
        AccountDialog dlg(&service);
        QSignalSpy saved(&dlg, &AccountDialog::accountSaved);
        fillGitHub(dlg);
        dlg.intervalSpin()->setValue(120);
        QTest::mouseClick(dlg.okButton(), Qt::LeftButton);
        QVERIFY(saved.wait());
        QCOMPARE(dlg.result(), int(QDialog::Accepted));
        const QString id = saved.at(0).at(0).toString();
        QVERIFY(!id.isEmpty());
        QCOMPARE(readSecret(secrets, id), kToken);

        AccountStore reloaded(storePath());
        QVERIFY(reloaded.load());
        QCOMPARE(reloaded.accounts().size(), 1);
        const Account &a = reloaded.accounts().first();
        QCOMPARE(a.id, id);
        QCOMPARE(a.name, QStringLiteral("GitHub work"));
        QCOMPARE(a.presetId, QStringLiteral("github"));
        QCOMPARE(a.intervalS, std::optional<int>(120));
        QFile f(storePath());
        QVERIFY(f.open(QIODevice::ReadOnly));
        QVERIFY(!f.readAll().contains(kToken.toUtf8()));
    }

    void keychainFailureStaysInline()
    {
        AccountStore store(storePath());
        MemorySecretStore secrets;
        secrets.setFailure(SecretStore::Error::NoBackend, QStringLiteral("no Secret Service is running"));
        AccountService service(&store, &secrets);
        AccountDialog dlg(&service);
        fillGitHub(dlg);
        dlg.okButton()->click();
        QTRY_VERIFY(dlg.okButton()->isEnabled()); // the write came back
        QCOMPARE(dlg.result(), int(QDialog::Rejected));
        QVERIFY(store.accounts().isEmpty());
        QVERIFY(!QFile::exists(storePath()));
        QVERIFY(!showsToken(&dlg, kToken));
        const QStringList texts = TestUi::visibleStrings(&dlg);
        QVERIFY(std::any_of(texts.cbegin(), texts.cend(),
                            [](const QString &s) { return s.contains(u"no Secret Service is running"); }));
    }

    void tokenNeverReadBack()
    {
        AccountStore store(storePath());
        MemorySecretStore secrets;
        const Account a = existingAccount(store, secrets);

        AccountService service(&store, &secrets);

        AccountDialog dlg(&service, a.id);
        dlg.show();
        QVERIFY(dlg.isEditing());
        QCOMPARE(dlg.nameEdit()->text(), a.name);
        QVERIFY(dlg.tokenEdit()->text().isEmpty());
        QCOMPARE(dlg.tokenEdit()->echoMode(), QLineEdit::Password);
        QVERIFY(dlg.okButton()->isEnabled()); // empty token = keep the stored one
        QVERIFY(!showsToken(&dlg, kToken));

        // Typing a new one: masked everywhere.
        dlg.tokenEdit()->setText(QStringLiteral("another-secret-value"));
        QVERIFY(!showsToken(&dlg, QStringLiteral("another-secret-value")));
        dlg.tokenEdit()->clear();

        // Editing the name with an empty token keeps the stored token.
        QSignalSpy saved(&dlg, &AccountDialog::accountSaved);
        dlg.nameEdit()->setText(QStringLiteral("Renamed"));
        dlg.okButton()->click();
        QVERIFY(saved.count() == 1 || saved.wait());
        QCOMPARE(readSecret(secrets, a.id), kToken);
        QCOMPARE(store.accounts().size(), 1);
        QCOMPARE(store.accounts().first().name, QStringLiteral("Renamed"));
        QCOMPARE(store.accounts().first().id, a.id);
    }

    void editKeepsNameUniqueAgainstOthersOnly()
    {
        AccountStore store(storePath());
        MemorySecretStore secrets;
        const Account a = existingAccount(store, secrets);
        AccountService service(&store, &secrets);
        AccountDialog dlg(&service, a.id);
        QCOMPARE(dlg.validationError(), QString()); // its own name is not a duplicate
    }

    void removeAsksFirst()
    {
        AccountStore store(storePath());
        MemorySecretStore secrets;
        const Account a = existingAccount(store, secrets);
        AccountService service(&store, &secrets);
        AccountDialog dlg(&service, a.id);
        QVERIFY(dlg.removeButton()->isVisible() || !dlg.isVisible());

        MessageBox::setNextAnswer(QMessageBox::No);
        dlg.removeButton()->click();
        QVERIFY(MessageBox::lastText().contains(a.name));
        QCOMPARE(store.accounts().size(), 1);
        QCOMPARE(dlg.result(), int(QDialog::Rejected));

        QSignalSpy removed(&dlg, &AccountDialog::accountRemoved);
        MessageBox::setNextAnswer(QMessageBox::Yes);
        dlg.removeButton()->click();
        QVERIFY(removed.count() == 1 || removed.wait());
        QCOMPARE(dlg.result(), int(AccountDialog::Removed));
        QVERIFY(store.accounts().isEmpty());
        AccountStore reloaded(storePath());
        QVERIFY(reloaded.load());
        QVERIFY(reloaded.accounts().isEmpty());
        SecretStore::Error error = SecretStore::Error::None;
        readSecret(secrets, a.id, &error);
        QCOMPARE(error, SecretStore::Error::NotFound);
    }

    void testButtonProbesWithoutSaving()
    {
        LoopbackServer server(gitHubRateLimitResponse());
        QVERIFY(server.start());
        AccountStore store(storePath());
        MemorySecretStore secrets;
        AccountService service(&store, &secrets);
        AccountDialog dlg(&service);
        dlg.show();
        fillGitHub(dlg);
        dlg.baseUrlEdit()->setText(server.baseUrl());
        QVERIFY(dlg.testButton()->isEnabled());

        QSignalSpy finished(&dlg, &AccountDialog::testFinished);
        QTest::mouseClick(dlg.testButton(), Qt::LeftButton);
        QVERIFY(finished.wait(10000));
        const auto result = finished.at(0).at(0).value<ProbeResult>();
        QCOMPARE(result.error, QString());
        QCOMPARE(result.state, AccountState::Ok);

        QCOMPARE(server.requests().size(), 1);
        const QByteArray request = server.requests().first();
        QVERIFY2(request.startsWith("GET /rate_limit "), request.constData());
        QVERIFY(request.contains("Bearer " + kToken.toUtf8()));

        ReadingView *view = dlg.testView();
        QVERIFY(view->isVisible());
        QVERIFY2(view->summaryText().contains(StateStyle::label(AccountState::Ok)), qPrintable(view->summaryText()));
        QVERIFY(view->summaryText().contains(u"200"));
        QTableWidget *t = view->table();
        bool sawCore = false;
        for (int r = 0; r < t->rowCount(); ++r) {
            if (t->item(r, ReadingView::Resource)->text() == u"core") {
                sawCore = true;
                QCOMPARE(t->item(r, ReadingView::Limit)->text(), QLocale().toString(5000));
                QCOMPARE(t->item(r, ReadingView::Remaining)->text(), QLocale().toString(4999));
            }
        }
        QVERIFY(sawCore);
        QVERIFY(view->json().contains(u"\"core\""));
        QVERIFY(!showsToken(&dlg, kToken));

        // Nothing was saved: not the account, not the token.
        QVERIFY(store.accounts().isEmpty());
        QVERIFY(!QFile::exists(storePath()));
        SecretStore::Error error = SecretStore::Error::None;
        readSecret(secrets, QStringLiteral("test"), &error);
        QCOMPARE(error, SecretStore::Error::NotFound);
        QCOMPARE(dlg.result(), int(QDialog::Rejected));
    }

    void testButtonShowsFailureInline()
    {
        // A port nothing listens on: the probe fails, the dialog says so and shows no quota.
        QTcpServer closed;
        QVERIFY(closed.listen(QHostAddress::LocalHost));
        const quint16 port = closed.serverPort();
        closed.close();
        AccountStore store(storePath());
        MemorySecretStore secrets;
        AccountService service(&store, &secrets);
        AccountDialog dlg(&service);
        dlg.show();
        fillGitHub(dlg);
        dlg.baseUrlEdit()->setText(QStringLiteral("http://127.0.0.1:%1").arg(port));
        QSignalSpy finished(&dlg, &AccountDialog::testFinished);
        dlg.testButton()->click();
        QVERIFY(finished.wait(15000));
        const auto result = finished.at(0).at(0).value<ProbeResult>();
        QVERIFY(!result.error.isEmpty());
        QVERIFY(!dlg.testView()->errorText().isEmpty());
        QCOMPARE(dlg.testView()->table()->rowCount(), 0);
        QVERIFY(!showsToken(&dlg, kToken));
    }

    void testInEditModeUsesStoredToken()
    {
        LoopbackServer server(gitHubRateLimitResponse());
        QVERIFY(server.start());
        AccountStore store(storePath());
        MemorySecretStore secrets;
        Account a = existingAccount(store, secrets);
        AccountService service(&store, &secrets);
        AccountDialog dlg(&service, a.id);
        dlg.show();
        dlg.baseUrlEdit()->setText(server.baseUrl());
        QSignalSpy finished(&dlg, &AccountDialog::testFinished);
        dlg.testButton()->click();
        QVERIFY(finished.wait(10000));
        QCOMPARE(server.requests().size(), 1);
        QVERIFY(server.requests().first().contains("Bearer " + kToken.toUtf8()));
        QVERIFY(dlg.tokenEdit()->text().isEmpty());
        QVERIFY(!showsToken(&dlg, kToken));
        // The test did not save the changed base URL.
        QCOMPARE(store.findById(a.id)->baseUrl, QStringLiteral("https://api.github.com"));
    }
};

QTEST_MAIN(TestAccountDialog)
#include "tst_accountdialog.moc"
