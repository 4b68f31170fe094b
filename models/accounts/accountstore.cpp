#include "accountstore.h"

#include "core/urlpolicy.h"
#include "quota/preset.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSaveFile>
#include <QSet>
#include <QStandardPaths>
#include <QUuid>

namespace {
// AccountStore is no QObject: its strings take their context from this class.
class AccountStoreText
{
    Q_DECLARE_TR_FUNCTIONS(AccountStore)
};
} // namespace

AccountStore::AccountStore(const QString &path)
    : m_path(path)
{
}

QString AccountStore::defaultPath()
{
    return QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation) + u"/headroom/accounts.json";
}

bool AccountStore::load(QString *error)
{
    m_accounts.clear();
    m_loadedBroken = false;
    QFile f(m_path);
    if (!f.exists())
        return true;
    auto fail = [&](const QString &m) {
        m_loadedBroken = true;
        if (error)
            *error = AccountStoreText::tr("%1: %2 (fix or move the file; it was left untouched)").arg(m_path, m);
        return false;
    };
    if (!f.open(QIODevice::ReadOnly))
        return fail(f.errorString());
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(f.read(4 * 1024 * 1024), &pe);
    if (pe.error != QJsonParseError::NoError || !doc.isObject())
        return fail(AccountStoreText::tr("not valid JSON (%1)").arg(pe.errorString()));
    const QJsonObject root = doc.object();
    const int version = root.value(QStringLiteral("version")).toInt(-1);
    if (version < 1 || version > kVersion)
        return fail(AccountStoreText::tr("unsupported version %1").arg(version));
    const QJsonValue list = root.value(QStringLiteral("accounts"));
    if (!list.isArray())
        return fail(AccountStoreText::tr("\"accounts\" is not a list"));
    QList<Account> loaded;
    for (const QJsonValue &v : list.toArray()) {
        QString e;
        auto a = Account::fromJson(v.toObject(), &e);
        if (!a)
            return fail(e);
        loaded.append(*a);
    }
    QList<Pool> pools;
    for (const QJsonValue &v : root.value(QStringLiteral("pools")).toArray()) {
        QString e;
        auto p = Pool::fromJson(v.toObject(), &e);
        if (!p)
            return fail(e);
        pools.append(*p);
    }
    m_accounts = loaded;
    m_pools = pools;
    return true;
}

bool AccountStore::save(QString *error) const
{
    auto fail = [&](const QString &m) {
        if (error)
            *error = AccountStoreText::tr("cannot write %1: %2").arg(m_path, m);
        return false;
    };
    if (m_loadedBroken)
        return fail(AccountStoreText::tr("the existing file is malformed"));
    const QFileInfo info(m_path);
    QDir dir = info.absoluteDir();
    if (!dir.exists() && !QDir().mkpath(dir.absolutePath()))
        return fail(AccountStoreText::tr("cannot create the directory"));
    QFile::setPermissions(dir.absolutePath(), QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);

    QJsonArray list;
    for (const Account &a : m_accounts)
        list.append(a.toJson());
    QJsonObject root;
    root.insert(QStringLiteral("version"), kVersion);
    root.insert(QStringLiteral("accounts"), list);
    QJsonArray pools;
    for (const Pool &p : m_pools)
        pools.append(p.toJson());
    root.insert(QStringLiteral("pools"), pools);

    QSaveFile f(m_path);
    if (!f.open(QIODevice::WriteOnly))
        return fail(f.errorString());
    // Before commit: the temporary file becomes the target, so it must already be private.
    if (!f.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner))
        return fail(AccountStoreText::tr("cannot set permissions"));
    f.write(QJsonDocument(root).toJson(QJsonDocument::Indented));
    if (!f.commit())
        return fail(f.errorString());
    return true;
}

const Account *AccountStore::findByName(const QString &name) const
{
    for (const Account &a : m_accounts)
        if (a.name == name)
            return &a;
    return nullptr;
}

const Account *AccountStore::findById(const QString &id) const
{
    for (const Account &a : m_accounts)
        if (a.id == id)
            return &a;
    return nullptr;
}

QString AccountStore::validate(const Account &a)
{
    if (a.name.trimmed().isEmpty() || a.name != a.name.trimmed())
        return AccountStoreText::tr("the account name must be non-empty and not start or end with spaces");
    for (QChar c : a.name)
        if (!c.isPrint())
            return AccountStoreText::tr("the account name contains a control character");
    const Preset *preset = Preset::find(a.presetId);
    if (!preset)
        return AccountStoreText::tr("unknown provider '%1' (one of: %2)").arg(a.presetId, Preset::ids().join(u' '));
    if (const QString e = UrlPolicy::baseUrlError(a.baseUrl); !e.isEmpty())
        return e;
    if (!a.probePath.isEmpty() && !a.probePath.startsWith(u'/'))
        return AccountStoreText::tr("the probe path must start with '/'");
    if (a.probePath.isEmpty()) {
        if (preset->probeMethod.isEmpty())
            return AccountStoreText::tr("provider '%1' has no probe; give --probe-path").arg(preset->id);
        for (const QString &p : preset->params)
            if (a.params.value(p).isEmpty())
                return AccountStoreText::tr("provider '%1' needs --param %2=VALUE").arg(preset->id, p);
    }
    if (a.auth == AuthScheme::Basic && a.username.isEmpty())
        return AccountStoreText::tr("basic auth needs --user");
    if (a.intervalS && *a.intervalS < 10)
        return AccountStoreText::tr("the interval must be at least 10 seconds");
    static const QRegularExpression routeName(QStringLiteral("^[A-Za-z0-9_.-]{1,40}$"));
    QSet<QString> routeNames;
    for (const ProbeRoute &r : a.routes) {
        if (!routeName.match(r.name).hasMatch())
            return AccountStoreText::tr("the route name '%1' may hold only letters, digits, '-', '_' and '.' "
                                        "(at most 40)")
                .arg(r.name);
        if (routeNames.contains(r.name))
            return AccountStoreText::tr("the route '%1' is given twice").arg(r.name);
        routeNames.insert(r.name);
        // Only a path: the token goes to the account's own origin, never to another.
        if (!r.path.startsWith(u'/') || r.path.startsWith(QStringLiteral("//")))
            return AccountStoreText::tr("the path of route '%1' must start with a single '/'").arg(r.name);
        for (QChar c : r.path)
            if (!c.isPrint() || c.isSpace())
                return AccountStoreText::tr("the path of route '%1' contains a space or control character").arg(r.name);
    }
    return {};
}

QString AccountStore::normalizeAndCheck(Account &a, qsizetype self) const
{
    if (const Preset *preset = Preset::find(a.presetId); preset && a.baseUrl.isEmpty())
        a.baseUrl = preset->defaultBaseUrl;
    while (a.baseUrl.endsWith(u'/'))
        a.baseUrl.chop(1);
    if (QString e = validate(a); !e.isEmpty())
        return e;
    for (qsizetype i = 0; i < m_accounts.size(); ++i)
        if (i != self && m_accounts.at(i).name == a.name)
            return AccountStoreText::tr("an account named '%1' already exists").arg(a.name);
    return {};
}

qsizetype AccountStore::indexOfId(const QString &id) const
{
    for (qsizetype i = 0; i < m_accounts.size(); ++i)
        if (m_accounts.at(i).id == id)
            return i;
    return -1;
}

QString AccountStore::check(Account &account) const
{
    return normalizeAndCheck(account, account.id.isEmpty() ? -1 : indexOfId(account.id));
}

bool AccountStore::add(Account &a, QString *error)
{
    if (a.id.isEmpty())
        a.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    if (const QString e = normalizeAndCheck(a, -1); !e.isEmpty()) {
        if (error)
            *error = e;
        return false;
    }
    m_accounts.append(a);
    return true;
}

bool AccountStore::update(const Account &account, QString *error)
{
    const qsizetype at = account.id.isEmpty() ? -1 : indexOfId(account.id);
    Account a = account;
    QString e = at < 0 ? AccountStoreText::tr("no account named '%1'").arg(account.name)
                       : normalizeAndCheck(a, at);
    if (!e.isEmpty()) {
        if (error)
            *error = e;
        return false;
    }
    m_accounts[at] = a;
    return true;
}

bool AccountStore::removeById(const QString &id)
{
    const qsizetype at = indexOfId(id);
    if (at < 0)
        return false;
    m_accounts.removeAt(at);
    // A removed account leaves its pool; a pool left empty goes too.
    for (Pool &p : m_pools)
        p.memberIds.removeAll(id);
    m_pools.erase(std::remove_if(m_pools.begin(), m_pools.end(), [](const Pool &p) { return p.memberIds.isEmpty(); }),
                  m_pools.end());
    return true;
}

void AccountStore::restore(const Snapshot &snapshot)
{
    m_accounts = snapshot.accounts;
    m_pools = snapshot.pools;
}

const Pool *AccountStore::findPool(const QString &name) const
{
    for (const Pool &p : m_pools)
        if (p.name == name)
            return &p;
    return nullptr;
}

const Pool *AccountStore::poolOf(const QString &accountId) const
{
    for (const Pool &p : m_pools)
        if (p.memberIds.contains(accountId))
            return &p;
    return nullptr;
}

bool AccountStore::addPool(Pool &pool, QString *error)
{
    auto fail = [error](const QString &m) {
        if (error)
            *error = m;
        return false;
    };
    if (pool.name.trimmed().isEmpty() || pool.name != pool.name.trimmed())
        return fail(AccountStoreText::tr("the pool name must be non-empty and not start or end with spaces"));
    if (findPool(pool.name))
        return fail(AccountStoreText::tr("a pool named '%1' already exists").arg(pool.name));
    if (pool.memberIds.isEmpty())
        return fail(AccountStoreText::tr("a pool needs at least one account"));
    pool.memberIds.removeDuplicates();
    for (const QString &id : std::as_const(pool.memberIds)) {
        const Account *a = findById(id);
        if (!a)
            return fail(AccountStoreText::tr("no account with id '%1'").arg(id));
        if (pool.presetId.isEmpty())
            pool.presetId = a->presetId;
        if (a->presetId != pool.presetId)
            return fail(AccountStoreText::tr("'%1' is a %2 account; a pool holds accounts of one provider (%3)")
                            .arg(a->name, a->presetId, pool.presetId));
        if (const Pool *other = poolOf(id))
            return fail(AccountStoreText::tr("'%1' is already in the pool '%2'").arg(a->name, other->name));
    }
    m_pools.append(pool);
    return true;
}

bool AccountStore::removePool(const QString &name)
{
    const auto it = std::find_if(m_pools.begin(), m_pools.end(), [&](const Pool &p) { return p.name == name; });
    if (it == m_pools.end())
        return false;
    m_pools.erase(it);
    return true;
}
