#pragma once

#include <QByteArray>
#include <QCoreApplication>
#include <QHash>
#include <QString>
#include <QStringList>

class AccountStore;
class PgTeamAccounts;
struct Account;

// Keeps this machine's accounts.json and the team's account definitions in a shared history
// (PgTeamAccounts) in step, so every admin sees the team's accounts. Tokens never move: each
// machine has the tokens it has, and an account whose token it lacks is only shown.
//
// One pass of sync():
// - an account of the file the team has never seen is published (a new account joins);
// - an account the team removed is removed from the file (it is not brought back);
// - an account the team has and the file lacks is added to the file, unless this object saw it
//   in the file at its previous pass: then the user removed it here, and it is removed for the
//   team;
// - where the two definitions differ, the one changed since the previous pass wins: the file's
//   when it was edited here, else the team's. At the first pass the team's wins, since the
//   file may be days old.
// A team account whose name collides with another account here is left out and reported.
class TeamAccountSync
{
    Q_DECLARE_TR_FUNCTIONS(TeamAccountSync)
public:
    struct Outcome
    {
        bool ok = true;
        QString error;           // when !ok; the file and the team are as they were
        bool fileChanged = false; // the file was rewritten (accounts added, edited or removed)
        QStringList published;   // names
        QStringList adopted;     // names added to or changed in the file from the team
        QStringList removedByTeam;
        QStringList removedForTeam;
        QStringList skipped;     // one line each: which team account and why it was left out
    };

    // Neither is owned; `writer` names this process in the team's rows (host:pid).
    TeamAccountSync(AccountStore *store, PgTeamAccounts *team, QString writer);

    Outcome sync();
    // The definition as the team's rows hold it: the account's JSON, compact.
    static QByteArray definitionOf(const Account &account);

private:
    AccountStore *m_store;
    PgTeamAccounts *m_team;
    QString m_writer;
    bool m_first = true;
    QHash<QString, QByteArray> m_seen; // id -> definition in the file at the previous pass
};
