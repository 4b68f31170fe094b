#include "teamaccountsync.h"

#include "accounts/accountstore.h"
#include "history/pgteamaccounts.h"

#include <QJsonDocument>
#include <QJsonObject>

TeamAccountSync::TeamAccountSync(AccountStore *store, PgTeamAccounts *team, QString writer)
    : m_store(store)
    , m_team(team)
    , m_writer(std::move(writer))
{
}

QByteArray TeamAccountSync::definitionOf(const Account &account)
{
    return QJsonDocument(account.toJson()).toJson(QJsonDocument::Compact);
}

TeamAccountSync::Outcome TeamAccountSync::sync()
{
    Outcome out;
    QString error;
    const std::optional<QList<PgTeamAccounts::Entry>> rows = m_team->list(&error);
    if (!rows) {
        out.ok = false;
        out.error = error;
        return out;
    }
    QHash<QString, const PgTeamAccounts::Entry *> team;
    for (const PgTeamAccounts::Entry &e : *rows)
        team.insert(e.id, &e);

    const AccountStore::Snapshot before = m_store->snapshot();
    QList<std::pair<QString, QByteArray>> publish;
    QStringList removeIds;
    QList<const PgTeamAccounts::Entry *> adopt;

    for (const Account &a : before.accounts) {
        const QByteArray mine = definitionOf(a);
        const PgTeamAccounts::Entry *row = team.value(a.id);
        const bool editedHere = !m_first && m_seen.value(a.id) != mine;
        if (!row) {
            publish.append({a.id, mine});
            out.published << a.name;
        } else if (row->removed) {
            m_store->removeById(a.id);
            out.removedByTeam << a.name;
        } else if (row->definition != mine) {
            if (editedHere) {
                publish.append({a.id, mine});
                out.published << a.name;
            } else {
                adopt << row;
            }
        }
    }
    for (const PgTeamAccounts::Entry &e : *rows) {
        if (e.removed || m_store->findById(e.id))
            continue;
        if (!m_first && m_seen.contains(e.id))
            removeIds << e.id; // removed here since the previous pass
        else
            adopt << &e;
    }
    for (const PgTeamAccounts::Entry *e : std::as_const(adopt)) {
        QString why;
        std::optional<Account> a = Account::fromJson(QJsonDocument::fromJson(e->definition).object(), &why);
        if (a && a->id != e->id)
            why = tr("its definition names another account");
        const bool known = a && m_store->findById(e->id);
        if (a && why.isEmpty() && !(known ? m_store->update(*a, &why) : m_store->add(*a, &why)))
            a.reset();
        if (!a || !why.isEmpty()) {
            out.skipped << tr("The team's account %1 is left out: %2").arg(a ? a->name : e->id, why);
            continue;
        }
        out.adopted << a->name;
    }
    for (const QString &id : std::as_const(removeIds))
        out.removedForTeam << QJsonDocument::fromJson(team.value(id)->definition).object().value(QLatin1String("name")).toString(id);

    out.fileChanged = !out.adopted.isEmpty() || !out.removedByTeam.isEmpty();
    if (out.fileChanged && !m_store->save(&error)) {
        m_store->restore(before);
        out = Outcome{};
        out.ok = false;
        out.error = tr("The team's accounts could not be written to this machine's accounts file: %1").arg(error);
        return out;
    }
    m_first = false;
    QHash<QString, QByteArray> seen;
    for (const Account &a : m_store->accounts())
        seen.insert(a.id, definitionOf(a));
    if (!m_team->publish(publish, m_writer, &error) || !m_team->remove(removeIds, m_writer, &error)) {
        // The file already follows the team. What this machine had to tell the team is told at
        // the next pass: its edits stay "changed since the previous pass", its removals "seen".
        for (const auto &p : std::as_const(publish))
            seen[p.first].clear();
        for (const QString &id : std::as_const(removeIds))
            seen.insert(id, {});
        out.ok = false;
        out.error = error;
        out.published.clear();
        out.removedForTeam.clear();
    }
    m_seen = seen;
    return out;
}
