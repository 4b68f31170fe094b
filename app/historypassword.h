#pragma once

#include <QString>
#include <QStringList>

#include <memory>

class SecretStore;

namespace HistoryPassword {

// The key of a shared history's database password in the secret store: the keychain, or the
// systemd credential headroom.history-password on a server.
QString key();

// The store this machine keeps secrets in: systemd's credentials where they are handed over
// and no keyring runs, else the keychain (with the CLI's notice when it waits on the user).
std::unique_ptr<SecretStore> machineStore(bool cliNotice);

// When a PostgreSQL history is in play (the one in effect, or a URL among `arguments`, as
// `history migrate --to` names one), reads its password from the secret store once, for every
// connection of this process. Without one stored, libpq's own files decide, as before.
void load(const QStringList &arguments, bool cliNotice);

} // namespace HistoryPassword
