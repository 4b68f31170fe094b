#include "commands.h"

// Replaced by the issue that owns this command.
int Commands::watch(const QStringList &)
{
    return failWith(1, QStringLiteral("this command is not built yet"));
}
