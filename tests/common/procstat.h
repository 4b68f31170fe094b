#pragma once

// CPU time and peak memory of other processes, read from /proc, for the benchmarks that
// measure `headroom watch` processes and a PostgreSQL server beside the process measuring.

#include <QByteArray>
#include <QDir>
#include <QFile>
#include <QList>
#include <QString>

#include <unistd.h>

namespace ProcStat {

// Fields 3.. of /proc/PID/stat (state, ppid, ...), or nothing when the process is gone. The
// command name (field 2) may hold spaces, so the fields are counted from its closing ')'.
inline QList<QByteArray> statFields(qint64 pid)
{
    QFile f(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!f.open(QIODevice::ReadOnly))
        return {};
    const QByteArray stat = f.readAll();
    const QList<QByteArray> fields = stat.mid(stat.lastIndexOf(')') + 2).split(' ');
    return fields.size() >= 15 ? fields : QList<QByteArray>{};
}

inline double ticksToSeconds(qint64 ticks)
{
    return double(ticks) / double(sysconf(_SC_CLK_TCK));
}

// utime + stime of a running process, in seconds (fields 14 and 15); -1 when it is gone.
inline double cpuSeconds(qint64 pid)
{
    const QList<QByteArray> f = statFields(pid);
    if (f.isEmpty())
        return -1;
    return ticksToSeconds(f.at(11).toLongLong() + f.at(12).toLongLong());
}

// A process's own CPU time, that of its children it waited for (fields 16 and 17), and that of
// its live children: a server that forks a process per connection (PostgreSQL) counted whole,
// whether its backends are still running or already gone.
inline double treeCpuSeconds(qint64 pid)
{
    const QList<QByteArray> f = statFields(pid);
    if (f.isEmpty())
        return -1;
    qint64 ticks = f.at(11).toLongLong() + f.at(12).toLongLong() + f.at(13).toLongLong() + f.at(14).toLongLong();
    const QByteArray parent = QByteArray::number(pid);
    const QStringList entries = QDir(QStringLiteral("/proc")).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    for (const QString &e : entries) {
        bool numeric = false;
        const qint64 child = e.toLongLong(&numeric);
        if (!numeric || child == pid)
            continue;
        const QList<QByteArray> c = statFields(child);
        if (!c.isEmpty() && c.at(1) == parent)
            ticks += c.at(11).toLongLong() + c.at(12).toLongLong() + c.at(13).toLongLong() + c.at(14).toLongLong();
    }
    return ticksToSeconds(ticks);
}

// A process's peak resident set (VmHWM), in MB; -1 when it is gone.
inline double peakRssMb(qint64 pid)
{
    QFile f(QStringLiteral("/proc/%1/status").arg(pid));
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : f.readAll().split('\n'))
        if (line.startsWith("VmHWM:"))
            return line.mid(6).trimmed().split(' ').value(0).toDouble() / 1024.0;
    return -1;
}

// The postmaster's process id of a running cluster (first line of DATADIR/postmaster.pid).
inline qint64 postmasterPid(const QString &dataDir)
{
    QFile f(dataDir + QStringLiteral("/postmaster.pid"));
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    return f.readLine().trimmed().toLongLong();
}

} // namespace ProcStat
