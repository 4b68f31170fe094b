#pragma once

#include "cli.h"

#include <QList>

// Each file cmd_*.cpp describes its commands (grammar, help, completion) and runs them. A run
// function returns the process exit code: 0 success, 1 runtime failure, 2 usage error.
namespace Commands {
QList<CliCommand> inspect();
QList<CliCommand> account();
QList<CliCommand> pool();
QList<CliCommand> probe();
QList<CliCommand> watch();
QList<CliCommand> exportCsv();
QList<CliCommand> settings();
QList<CliCommand> history();
// All of them, in the order of `headroom --help`.
QList<CliCommand> all();
}

// Prints one line to stderr and returns `code`; every command error goes through here.
int failWith(int code, const QString &message);
