#pragma once

// Runs the real `headroom` binary for the CLI tests, in directories of the test's own.

#include <QByteArray>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonValue>
#include <QProcess>
#include <QProcessEnvironment>
#include <QSignalSpy>
#include <QStringList>
#include <QTemporaryDir>

namespace TestCli {

struct Run
{
    int code = -1; // -1: did not start, crashed or timed out
    QByteArray out;
    QByteArray err;
};

// The system environment with HOME and every XDG directory inside `root`, so nothing the
// binary writes can touch the developer's configuration or history.
inline QProcessEnvironment isolatedEnvironment(const QTemporaryDir &root)
{
    QProcessEnvironment e = QProcessEnvironment::systemEnvironment();
    e.insert(QStringLiteral("HOME"), root.filePath(QStringLiteral("home")));
    e.insert(QStringLiteral("XDG_CONFIG_HOME"), root.filePath(QStringLiteral("config")));
    e.insert(QStringLiteral("XDG_DATA_HOME"), root.filePath(QStringLiteral("data")));
    e.insert(QStringLiteral("XDG_CACHE_HOME"), root.filePath(QStringLiteral("cache")));
    e.insert(QStringLiteral("XDG_STATE_HOME"), root.filePath(QStringLiteral("state")));
    return e;
}

// Runs `program args`, feeding `stdinData` and closing stdin. The test's event loop keeps
// running meanwhile, so servers living in the test process (simulators) answer the binary.
inline Run run(const QString &program, const QStringList &args, const QProcessEnvironment &env,
               const QByteArray &stdinData = {}, int timeoutMs = 60000)
{
    QProcess p;
    p.setProcessEnvironment(env);
    QSignalSpy done(&p, &QProcess::finished);
    p.start(program, args);
    if (!p.waitForStarted(10000))
        return {};
    p.write(stdinData);
    p.closeWriteChannel();
    if (!done.wait(timeoutMs)) {
        p.kill();
        p.waitForFinished();
    }
    Run r;
    r.code = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.out = p.readAllStandardOutput();
    r.err = p.readAllStandardError();
    return r;
}

// The id of the account called `name` in the output of `headroom account list --json`; empty
// when there is none.
inline QString accountIdIn(const QByteArray &listJson, const QString &name)
{
    const QJsonArray accounts = QJsonDocument::fromJson(listJson).array();
    for (const QJsonValue &v : accounts) {
        if (v[QStringLiteral("name")].toString() == name)
            return v[QStringLiteral("id")].toString();
    }
    return {};
}

} // namespace TestCli
