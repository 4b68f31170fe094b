#pragma once

#include <QStringList>

// Each command takes the arguments after its name and returns the process exit code:
// 0 success, 1 runtime failure, 2 usage error (DESIGN.md, "The command line").
namespace Commands {
int inspect(const QStringList &args);
int account(const QStringList &args);
int probe(const QStringList &args);
int watch(const QStringList &args);
int exportCsv(const QStringList &args);
}

// Prints one line to stderr and returns `code`; every command error goes through here.
int failWith(int code, const QString &message);
