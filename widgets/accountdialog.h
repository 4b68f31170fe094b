#pragma once

#include "accounts/account.h"

#include <QDialog>
#include <QMap>
#include <QPointer>
#include <QSet>

class AccountService;
class AccountStore;
class ProbeClient;
class ProbeJob;
class QComboBox;
class QDialogButtonBox;
class QFormLayout;
class QGroupBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
class ReadingView;
class SecretStore;
struct ProbeResult;

// Adds or edits one account. The token goes to the keychain (SecretStore::write) when OK is
// pressed and is never read back into the dialog: when editing, an empty token field keeps the
// stored one. "Test" probes once with what is on screen, without saving anything.
//
// On OK the dialog hands the account and the token to the AccountService (keychain, then file,
// undone together on failure), and only then closes with Accepted; a failure stays inline and
// the dialog stays open. "Remove" (edit mode) asks first, then removes the account and its
// token through the same service and closes with AccountDialog::Removed.
class AccountDialog : public QDialog
{
    Q_OBJECT
public:
    enum { Removed = 2 };

    // Add mode. `service` is not owned.
    explicit AccountDialog(AccountService *service, QWidget *parent = nullptr);
    // Edit mode for the account with `accountId` in the service's store.
    AccountDialog(AccountService *service, const QString &accountId, QWidget *parent = nullptr);
    ~AccountDialog() override;

    // Probes go through this client (MainWindow passes its own, so probe options are shared);
    // without one the dialog makes its own.
    void setProbeClient(ProbeClient *client);

    bool isEditing() const { return !m_editId.isEmpty(); }
    // The account as entered (id empty for a new account until it is saved).
    Account account() const;
    // Empty when the form can be saved, else the first problem, as shown inline.
    QString validationError() const;
    // Whether the current problem is shown as an error: only once the user has edited the field
    // it is about. Before that it is a hint in the normal text colour.
    bool problemIsError() const;
    QString savedAccountId() const { return m_savedId; }

    void setPreset(const QString &presetId);

    // For tests and for MainWindow's keyboard shortcuts.
    QComboBox *presetCombo() const { return m_preset; }
    QLabel *presetInfoLabel() const { return m_presetInfo; }
    QLineEdit *nameEdit() const { return m_name; }
    QLineEdit *baseUrlEdit() const { return m_baseUrl; }
    QLineEdit *probePathEdit() const { return m_probePath; }
    QLineEdit *routesEdit() const { return m_routes; }
    QLineEdit *paramEdit(const QString &name) const { return m_paramEdits.value(name); }
    QSpinBox *intervalSpin() const { return m_interval; }
    QComboBox *authCombo() const { return m_auth; }
    QLineEdit *usernameEdit() const { return m_username; }
    QLineEdit *tokenEdit() const { return m_token; }
    QPushButton *okButton() const;
    QPushButton *testButton() const { return m_test; }
    QPushButton *removeButton() const { return m_remove; }
    QLabel *errorLabel() const { return m_error; }
    ReadingView *testView() const { return m_testView; }
    QGroupBox *testBox() const { return m_testBox; }

public Q_SLOTS:
    void accept() override;
    void test();
    void removeAccount();

Q_SIGNALS:
    void testFinished(const ProbeResult &result);
    void accountSaved(const QString &accountId);
    void accountRemoved(const QString &accountId);

private:
    void build();
    void loadAccount(const Account &a);
    void onPresetChanged();
    void rebuildParams();
    struct Problem
    {
        QString message;
        QWidget *field = nullptr; // the field to fix; none for a rule of the whole account
    };
    Problem problem() const;
    void revalidate();
    void inputChanged();
    void touch(QWidget *field);
    void clearTest();
    void setBusy(bool busy);
    void showError(const QString &message);
    void runTest(const Account &a, const QString &token);
    QString cleanedToken(QString *error) const;
    ProbeClient *client();

    AccountService *m_service;
    AccountStore *m_store;
    SecretStore *m_secrets;
    QString m_editId;
    QString m_savedId;
    QPointer<ProbeClient> m_client;
    QPointer<ProbeJob> m_job;
    bool m_busy = false;
    bool m_baseUrlEdited = false;
    QMap<QString, QString> m_paramValues; // survive a preset switch
    QSet<QWidget *> m_touched;            // fields the user has typed in

    QComboBox *m_preset = nullptr;
    QLabel *m_presetInfo = nullptr;
    QLineEdit *m_name = nullptr;
    QLineEdit *m_baseUrl = nullptr;
    QLineEdit *m_probePath = nullptr;
    QLineEdit *m_routes = nullptr;
    QFormLayout *m_paramsForm = nullptr;
    QLabel *m_paramsLabel = nullptr;
    QMap<QString, QLineEdit *> m_paramEdits;
    QStringList m_paramNames;
    QSpinBox *m_interval = nullptr;
    QComboBox *m_auth = nullptr;
    QLabel *m_usernameLabel = nullptr;
    QLineEdit *m_username = nullptr;
    QLineEdit *m_token = nullptr;
    QLabel *m_error = nullptr;
    QLabel *m_status = nullptr;
    QPushButton *m_test = nullptr;
    QPushButton *m_remove = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
    ReadingView *m_testView = nullptr;
    QGroupBox *m_testBox = nullptr;
};
