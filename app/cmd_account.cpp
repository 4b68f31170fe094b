#include "commands.h"

// Replaced by the issue that owns this command.
int Commands::account(const QStringList &)
{
    return failWith(1, QStringLiteral("this command is not built yet"));
}
