// Durability against real processes and real files:
// kill -9 during writes, a second writer holding the lock, corrupt and foreign files,
// disk full, kill -9 during a migration, and file permissions.
#include "history/historystore.h"
#include "report/csvexporter.h"

#include <QProcess>
#include <QRandomGenerator>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QtTest>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <optional>

namespace {

const qint64 kT0 = 1795435200000;

QVariant scalar(const QSqlDatabase &db, const QString &sql)
{
    QSqlQuery q(db);
    if (!q.exec(sql) || !q.next()) {
        qWarning() << sql << q.lastError().text();
        return {};
    }
    return q.value(0);
}

int modeOf(const QString &path)
{
    struct stat st{};
    if (::stat(QFile::encodeName(path).constData(), &st) != 0)
        return -1;
    return int(st.st_mode & 0777);
}

QList<Sample> batchOf(int n, qint64 t0, const QString &account = QStringLiteral("acc"))
{
    QList<Sample> out;
    for (int i = 0; i < n; ++i) {
        Sample s;
        s.accountId = account;
        s.resource = QStringLiteral("core");
        s.time = QDateTime::fromMSecsSinceEpoch(t0 + i, Qt::UTC);
        s.limit = 5000;
        s.remaining = 5000 - i % 5000;
        s.used = i % 5000;
        s.status = 200;
        out << s;
    }
    return out;
}

bool execSql(const QString &path, const QStringList &statements)
{
    bool ok = true;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("raw"));
        db.setDatabaseName(path);
        ok = db.open();
        QSqlQuery q(db);
        for (const QString &s : statements) {
            if (ok && !q.exec(s)) {
                qWarning() << s << q.lastError().text();
                ok = false;
            }
        }
        q.finish();
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("raw"));
    return ok;
}

// Reads lines from a helper until `line` appears (or the helper ends / time runs out).
bool waitForLine(QProcess &p, const QByteArray &line, QByteArray *all, int timeoutMs = 20000)
{
    QElapsedTimer timer;
    timer.start();
    while (timer.elapsed() < timeoutMs) {
        while (p.canReadLine()) {
            const QByteArray l = p.readLine();
            all->append(l);
            if (l.trimmed() == line || line.isEmpty())
                return true;
        }
        if (p.state() == QProcess::NotRunning)
            return false;
        p.waitForReadyRead(200);
    }
    return false;
}

// Runs a command to completion; its trimmed standard output, or nothing when it failed.
std::optional<QString> run(const QString &program, const QStringList &args)
{
    QProcess p;
    p.start(program, args);
    if (!p.waitForFinished(60000) || p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0)
        return std::nullopt;
    return QString::fromLocal8Bit(p.readAllStandardOutput()).trimmed();
}

// Unmounts and detaches what a test set up, after the store using it is gone (declare first).
struct MountGuard
{
    QStringList mounts, loops;
    ~MountGuard()
    {
        for (const QString &m : std::as_const(mounts))
            QProcess::execute(QStringLiteral("umount"), {QStringLiteral("-l"), m});
        for (const QString &l : std::as_const(loops))
            QProcess::execute(QStringLiteral("losetup"), {QStringLiteral("-d"), l});
    }
};

} // namespace

class TestHistoryDurability : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init()
    {
        QVERIFY(m_dir.isValid());
        m_path = m_dir.filePath(QStringLiteral("d%1/headroom/history.sqlite").arg(++m_n));
    }

    // 17. kill -9 during writes, 20 rounds on one growing database.
    void killDuringWrites()
    {
        const int batch = 50;
        qint64 ackedBatches = 0; // batches acknowledged so far (ids 0..acked-1)
        QRandomGenerator rng(17);
        for (int round = 0; round < 20; ++round) {
            QProcess writer;
            writer.start(QStringLiteral(HISTORYWRITER_BIN), {QStringLiteral("write"), m_path, QString::number(batch)});
            QVERIFY(writer.waitForStarted());
            QByteArray out;
            QVERIFY2(waitForLine(writer, QByteArray(), &out), "the writer acknowledged nothing");
            QTest::qWait(int(rng.bounded(5, 250))); // a random moment mid-stream
            writer.kill();                          // SIGKILL
            QVERIFY(writer.waitForFinished(10000));
            out += writer.readAllStandardOutput();
            const QList<QByteArray> lines = out.split('\n');
            qint64 lastAck = -1;
            for (const QByteArray &l : lines) {
                bool ok = false;
                const qint64 id = l.trimmed().toLongLong(&ok);
                if (ok)
                    lastAck = std::max(lastAck, id);
            }
            QVERIFY(lastAck >= 0);
            ackedBatches = std::max(ackedBatches, lastAck + 1);

            HistoryStore store;
            QString error;
            QVERIFY2(store.open(m_path, &error), qPrintable(error));
            const QString notice = store.takeNotice();
            QVERIFY2(notice.isEmpty(), qPrintable(QStringLiteral("a killed writer must not look corrupt: ") + notice));
            const QSqlDatabase db = store.connection();
            QCOMPARE(scalar(db, QStringLiteral("PRAGMA integrity_check")).toString(), QStringLiteral("ok"));
            const qint64 rows = scalar(db, QStringLiteral("SELECT count(*) FROM samples")).toLongLong();
            QCOMPARE(rows % batch, 0);                 // whole batches only
            QVERIFY2(rows >= ackedBatches * batch, qPrintable(QStringLiteral("round %1: %2 rows, %3 acked batches")
                                                                  .arg(round).arg(rows).arg(ackedBatches)));
            // Every acknowledged sample is there, once: times 0..rows-1 without gaps.
            QCOMPARE(scalar(db, QStringLiteral("SELECT count(DISTINCT time) FROM samples")).toLongLong(), rows);
            QCOMPARE(scalar(db, QStringLiteral("SELECT max(time) FROM samples")).toLongLong(), rows - 1);
            QCOMPARE(scalar(db, QStringLiteral("SELECT sum(samples) FROM rollups")).toLongLong(), rows);
        }
        QVERIFY(ackedBatches > 20);
    }

    // 18. A second process holds a write transaction for 3 s: our write waits and succeeds.
    void secondWriterWaitsForTheLock()
    {
        HistoryStore store;
        QVERIFY(store.open(m_path));
        QVERIFY(store.appendSamples(batchOf(10, kT0)));
        QProcess holder;
        holder.start(QStringLiteral(HISTORYWRITER_BIN), {QStringLiteral("hold"), m_path, QStringLiteral("3000")});
        QByteArray out;
        QVERIFY2(waitForLine(holder, "locked", &out), out.constData());
        QElapsedTimer timer;
        timer.start();
        // Readers are never blocked by the writer (WAL).
        QCOMPARE(store.samples(QStringLiteral("acc"), QStringLiteral("core"), {}, {}).size(), 10);
        QVERIFY(timer.elapsed() < 1000);
        QVERIFY(store.appendSamples(batchOf(10, kT0 + 1000)));
        const qint64 waited = timer.elapsed();
        QVERIFY2(waited >= 2000, qPrintable(QString::number(waited)));
        QVERIFY(store.takeNotice().isEmpty());
        QCOMPARE(store.pendingCount(), 0);
        QVERIFY(holder.waitForFinished(10000));
        QCOMPARE(holder.exitCode(), 0);
        QCOMPARE(store.samples(QStringLiteral("acc"), QStringLiteral("core"), {}, {}).size(), 20);
    }

    // 19. Corrupt, truncated, empty and foreign files are moved aside with their -wal/-shm.
    void damagedFileIsQuarantined_data()
    {
        QTest::addColumn<QString>("damage");
        QTest::newRow("header overwritten") << QStringLiteral("header");
        QTest::newRow("8 KiB garbage mid-file") << QStringLiteral("garbage");
        QTest::newRow("truncated to a third") << QStringLiteral("truncate");
        QTest::newRow("zero length") << QStringLiteral("empty");
        QTest::newRow("text file") << QStringLiteral("text");
        QTest::newRow("foreign sqlite database") << QStringLiteral("foreign");
        QTest::newRow("headroom tables missing") << QStringLiteral("missing");
    }

    void damagedFileIsQuarantined()
    {
        QFETCH(QString, damage);
        {
            HistoryStore store;
            QVERIFY(store.open(m_path));
            for (int i = 0; i < 10; ++i)
                QVERIFY(store.appendSamples(batchOf(2000, kT0 + i * 10000)));
        }
        QFile f(m_path);
        const qint64 size = f.size();
        QVERIFY(size > 100000);
        if (damage == QStringLiteral("header")) {
            QVERIFY(f.open(QIODevice::ReadWrite));
            f.write(QByteArray(20, 'X'));
        } else if (damage == QStringLiteral("garbage")) {
            QVERIFY(f.open(QIODevice::ReadWrite));
            f.seek(size / 2);
            QByteArray junk(8192, Qt::Uninitialized);
            QRandomGenerator rng(19);
            for (char &c : junk)
                c = char(rng.bounded(256));
            f.write(junk);
        } else if (damage == QStringLiteral("truncate")) {
            QVERIFY(f.resize(size / 3));
        } else if (damage == QStringLiteral("empty")) {
            QVERIFY(f.resize(0));
        } else if (damage == QStringLiteral("text")) {
            QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
            f.write("these are my notes, not a database\n");
        } else if (damage == QStringLiteral("foreign")) {
            QVERIFY(f.remove());
            QVERIFY(execSql(m_path, {QStringLiteral("CREATE TABLE recipes(name TEXT)"),
                                     QStringLiteral("INSERT INTO recipes VALUES('soup')")}));
        } else if (damage == QStringLiteral("missing")) {
            QVERIFY(execSql(m_path, {QStringLiteral("DROP TABLE rollups")}));
        }
        f.close();
        // A stale -wal beside it belongs to the damaged file and goes with it.
        {
            QFile wal(m_path + QStringLiteral("-wal"));
            QVERIFY(wal.open(QIODevice::WriteOnly));
            wal.write("stale");
        }
        const QByteArray damaged = [&] {
            QFile r(m_path);
            r.open(QIODevice::ReadOnly);
            return r.readAll();
        }();

        HistoryStore store;
        QString error;
        QVERIFY2(store.open(m_path, &error), qPrintable(error));
        const QString notice = store.takeNotice();
        QVERIFY2(notice.contains(QStringLiteral("moved aside")), qPrintable(notice));
        QVERIFY(store.takeNotice().isEmpty()); // said once
        const QDir dir(QFileInfo(m_path).path());
        const QStringList aside = dir.entryList({QStringLiteral("history.sqlite.corrupt-*")}, QDir::Files, QDir::Name);
        // The file with its -wal (and -shm when SQLite made one), untouched: no checkpoint into a damaged file.
        QVERIFY2(aside.size() == 2 || aside.size() == 3, qPrintable(aside.join(u' ')));
        QVERIFY(notice.contains(aside.first()));
        QFile kept(dir.filePath(aside.first()));
        QVERIFY(kept.open(QIODevice::ReadOnly));
        QCOMPARE(kept.readAll(), damaged); // never silently overwritten
        QVERIFY(aside.contains(aside.first() + QStringLiteral("-wal")));
        QVERIFY(!QFile::exists(m_path + QStringLiteral("-wal")) || QFileInfo(m_path + QStringLiteral("-wal")).size() != 5);
        // A fresh, working store.
        QCOMPARE(scalar(store.connection(), QStringLiteral("SELECT count(*) FROM samples")).toInt(), 0);
        QVERIFY(store.appendSamples(batchOf(5, kT0)));
        QCOMPARE(scalar(store.connection(), QStringLiteral("PRAGMA integrity_check")).toString(), QStringLiteral("ok"));
    }

    // 20. Disk full: reported once, readings kept in memory, written when space returns.
    // 19b. A file too large to check at start-up opens at once; the check that follows in the
    // background reports the damage, and the next start confirms it and moves the file aside.
    void largeDamagedFileIsReportedThenQuarantined()
    {
        {
            HistoryStore store;
            QVERIFY(store.open(m_path));
            QVERIFY(store.appendSamples(batchOf(10, kT0)));
        }
        // ~24 MB of padding rows, above the start-up check's size limit, written in one statement.
        QVERIFY(execSql(m_path, {QStringLiteral("WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c "
                                                "WHERE i < 12000) INSERT INTO samples(account, resource, time) "
                                                "SELECT 1, printf('%.2000c', 'x'), i FROM c"),
                                 QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)")}));
        QFile f(m_path);
        const qint64 size = f.size();
        QVERIFY2(size > 20 * 1024 * 1024, qPrintable(QString::number(size)));
        QVERIFY(f.open(QIODevice::ReadWrite));
        f.seek(size / 2);
        QByteArray junk(64 * 1024, Qt::Uninitialized);
        QRandomGenerator rng(191);
        for (char &c : junk)
            c = char(rng.bounded(256));
        f.write(junk);
        f.close();
        {
            HistoryStore store;
            // The check waits this long after open (30 s by default) so it never slows start-up.
            store.setBackgroundCheckDelay(1500);
            QSignalSpy damage(&store, &HistoryStore::damageFound);
            QString error;
            QVERIFY2(store.open(m_path, &error), qPrintable(error));
            QVERIFY(store.takeNotice().isEmpty()); // not known yet
            QVERIFY(!damage.wait(1000));            // not started yet
            QVERIFY(damage.wait(60000));
            QVERIFY(damage.first().first().toString().contains(QStringLiteral("damaged")));
            QVERIFY(QFile::exists(m_path + QStringLiteral(".damaged")));
        }
        HistoryStore store;
        QString error;
        QVERIFY2(store.open(m_path, &error), qPrintable(error));
        QVERIFY(store.takeNotice().contains(QStringLiteral("moved aside")));
        QVERIFY(!QFile::exists(m_path + QStringLiteral(".damaged")));
        QCOMPARE(scalar(store.connection(), QStringLiteral("SELECT count(*) FROM samples")).toInt(), 0);
    }

    // A writer killed mid-checkpoint: page 1 (with the grown page count) is already in the file,
    // the pages that grow it are still only in the -wal. The database is whole (the WAL
    // completes it), so the cheap start-up check of a large file must not call it truncated.
    void largeFileKilledMidCheckpointIsNotQuarantined()
    {
        {
            HistoryStore store;
            QVERIFY(store.open(m_path));
            QVERIFY(store.appendSamples(batchOf(10, kT0)));
        }
        const QString pad = QStringLiteral("WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c WHERE i < %1) "
                                           "INSERT INTO samples(account, resource, time) "
                                           "SELECT 1, printf('%.2000c', 'x'), %2 + i FROM c");
        QVERIFY(execSql(m_path, {pad.arg(12000).arg(0), QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)")}));
        const QString copy = m_path + QStringLiteral(".copy");
        {
            // More rows that stay in the -wal; the files are copied while it is still open, as a
            // kill would leave them.
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("grow"));
            db.setDatabaseName(m_path);
            QVERIFY(db.open());
            QSqlQuery q(db);
            QVERIFY(q.exec(QStringLiteral("PRAGMA wal_autocheckpoint=0")));
            QVERIFY2(q.exec(pad.arg(3000).arg(100000)), qPrintable(q.lastError().text()));
            q.finish();
            QVERIFY(QFile::copy(m_path, copy));
            QVERIFY(QFile::copy(m_path + QStringLiteral("-wal"), copy + QStringLiteral("-wal")));
            db.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("grow"));
        // The checkpoint's first write: the last page-1 frame of the WAL over page 1 of the file.
        QFile wal(copy + QStringLiteral("-wal"));
        QVERIFY(wal.open(QIODevice::ReadOnly));
        const QByteArray w = wal.readAll();
        auto be32 = [](const QByteArray &b, qsizetype at) {
            return (quint32(quint8(b[at])) << 24) | (quint32(quint8(b[at + 1])) << 16)
                   | (quint32(quint8(b[at + 2])) << 8) | quint32(quint8(b[at + 3]));
        };
        QVERIFY(w.size() > 32);
        const qsizetype pageSize = be32(w, 8);
        QByteArray page1;
        for (qsizetype at = 32; at + 24 + pageSize <= w.size(); at += 24 + pageSize) {
            if (be32(w, at) == 1)
                page1 = w.mid(at + 24, pageSize);
        }
        QVERIFY2(!page1.isEmpty(), "the WAL holds no page 1");
        QFile db(copy);
        QVERIFY(db.open(QIODevice::ReadWrite));
        QVERIFY(db.write(page1) == pageSize);
        db.close();
        QVERIFY2(QFileInfo(copy).size() > 16 * 1024 * 1024, "not large enough for the deferred check");
        QVERIFY2(QFileInfo(copy).size() < qint64(be32(page1, 28)) * pageSize, "the file is not short of its header");

        HistoryStore store;
        QString error;
        QVERIFY2(store.open(copy, &error), qPrintable(error));
        const QString notice = store.takeNotice();
        QVERIFY2(notice.isEmpty(), qPrintable(notice));
        QCOMPARE(scalar(store.connection(), QStringLiteral("PRAGMA integrity_check")).toString(), QStringLiteral("ok"));
        QCOMPARE(scalar(store.connection(), QStringLiteral("SELECT count(*) FROM samples")).toInt(), 10 + 12000 + 3000);
    }

    // A large healthy file: checked in the background, nothing reported, closing interrupts it.
    void largeHealthyFileOpensWithoutReport()
    {
        {
            HistoryStore store;
            QVERIFY(store.open(m_path));
            QVERIFY(store.appendSamples(batchOf(10, kT0)));
        }
        QVERIFY(execSql(m_path, {QStringLiteral("WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c "
                                                "WHERE i < 12000) INSERT INTO samples(account, resource, time) "
                                                "SELECT 1, printf('%.2000c', 'x'), i FROM c")}));
        {
            HistoryStore store;
            QSignalSpy damage(&store, &HistoryStore::damageFound);
            QVERIFY(store.open(m_path));
            store.close(); // at once: the background check is interrupted, not waited for
            QCoreApplication::processEvents();
            QCOMPARE(damage.size(), 0);
        }
        HistoryStore store;
        store.setBackgroundCheckDelay(0);
        QSignalSpy damage(&store, &HistoryStore::damageFound);
        QVERIFY(store.open(m_path));
        QVERIFY(!damage.wait(3000));
        QVERIFY(!QFile::exists(m_path + QStringLiteral(".damaged")));
        QVERIFY(store.takeNotice().isEmpty());
    }

    // After a write failed (500 readings from kT0 + written on): it is reported once, five more
    // batches queue in memory with no further report, and the newest reading is still visible.
    // *queued: how many readings are waiting in memory.
    static void keepsReadingsWhileUnwritable(HistoryStore &store, qint64 written, qint64 *queued)
    {
        const QString notice = store.takeNotice();
        QVERIFY2(notice.contains(QStringLiteral("cannot be written")), qPrintable(notice));
        *queued = 500;
        for (int i = 0; i < 5; ++i) {
            QVERIFY(!store.appendSamples(batchOf(500, kT0 + written + *queued)));
            *queued += 500;
        }
        QVERIFY(store.takeNotice().isEmpty());
        QCOMPARE(store.pendingCount(), int(*queued));
        QCOMPARE(store.lastSample(QStringLiteral("acc"), QStringLiteral("core"))->time.toMSecsSinceEpoch(),
                 kT0 + written + *queued - 1);
    }

    void diskFullKeepsReadingsAndResumes()
    {
        const QString mnt = m_dir.filePath(QStringLiteral("tmpfs%1").arg(m_n));
        QVERIFY(QDir().mkpath(mnt));
        if (QProcess::execute(QStringLiteral("mount"),
                              {QStringLiteral("-t"), QStringLiteral("tmpfs"), QStringLiteral("-o"),
                               QStringLiteral("size=1m"), QStringLiteral("tmpfs"), mnt})
            != 0)
            QSKIP("cannot mount a tmpfs here (needs root); the disk-full path is untested in this run");
        struct Unmount
        {
            QString at;
            ~Unmount() { QProcess::execute(QStringLiteral("umount"), {QStringLiteral("-l"), at}); }
        } unmount{mnt};
        const QString path = mnt + QStringLiteral("/headroom/history.sqlite");
        HistoryStore store;
        QString error;
        QVERIFY2(store.open(path, &error), qPrintable(error));
        qint64 written = 0;
        bool full = false;
        for (int i = 0; i < 2000 && !full; ++i) {
            if (store.appendSamples(batchOf(500, kT0 + written)))
                written += 500;
            else
                full = true;
        }
        QVERIFY2(full, "a 1 MiB tmpfs never filled up");
        qint64 queued = 0;
        keepsReadingsWhileUnwritable(store, written, &queued);
        if (QTest::currentTestFailed())
            return;

        QCOMPARE(QProcess::execute(QStringLiteral("mount"),
                                   {QStringLiteral("-o"), QStringLiteral("remount,size=64m"), mnt}),
                 0);
        QVERIFY(store.appendSamples(batchOf(500, kT0 + written + queued)));
        queued += 500;
        QVERIFY2(store.takeNotice().contains(QStringLiteral("again")), "resuming is reported");
        QCOMPARE(store.pendingCount(), 0);
        const QSqlDatabase db = store.connection();
        QCOMPARE(scalar(db, QStringLiteral("PRAGMA integrity_check")).toString(), QStringLiteral("ok"));
        QCOMPARE(scalar(db, QStringLiteral("SELECT count(*) FROM samples")).toLongLong(), written + queued);
        QCOMPARE(scalar(db, QStringLiteral("SELECT sum(samples) FROM rollups")).toLongLong(), written + queued);
    }

    // 20, read-only half: the file system turns read-only under an open store, as ext4 does on
    // an error with errors=remount-ro. `mount -o remount,ro` cannot do it (the kernel refuses
    // with EBUSY, even for root, while SQLite holds its files open for writing), so the kernel
    // is made to: an ext4 image on a loop device and /sys/fs/ext4/<loop>/trigger_fs_error.
    // Recent kernels keep that state until unmount, so "writable again" is the same image
    // mounted afresh (as after an fsck): the store must reopen its file to resume.
    void readOnlyKeepsReadingsAndResumes()
    {
        const QString image = m_dir.filePath(QStringLiteral("ro%1.img").arg(m_n));
        const QString mnt = m_dir.filePath(QStringLiteral("ro%1").arg(m_n));
        QVERIFY(QDir().mkpath(mnt));
        {
            QFile f(image);
            QVERIFY(f.open(QIODevice::WriteOnly));
            QVERIFY(f.resize(32 * 1024 * 1024));
        }
        if (!run(QStringLiteral("mkfs.ext4"), {QStringLiteral("-q"), QStringLiteral("-F"), QStringLiteral("-O"),
                                                QStringLiteral("^has_journal"), image}))
            QSKIP("mkfs.ext4 is not available; the read-only path is untested in this run");
        MountGuard guard;
        const std::optional<QString> first = run(QStringLiteral("losetup"), {QStringLiteral("-f"), QStringLiteral("--show"), image});
        if (!first || first->isEmpty())
            QSKIP("no loop device here (needs root and /dev/loop-control); the read-only path is untested in this run");
        guard.loops << *first;
        if (!run(QStringLiteral("mount"), {QStringLiteral("-t"), QStringLiteral("ext4"), QStringLiteral("-o"),
                                            QStringLiteral("errors=remount-ro"), *first, mnt}))
            QSKIP("cannot mount an ext4 image here (needs root); the read-only path is untested in this run");
        guard.mounts << mnt;
        // Only ever the error trigger of the loop device this test made.
        const QString dev = QFileInfo(*first).fileName();
        QVERIFY2(first->startsWith(QStringLiteral("/dev/loop")) && !dev.isEmpty(), qPrintable(*first));
        const QString trigger = QStringLiteral("/sys/fs/ext4/%1/trigger_fs_error").arg(dev);
        if (!QFile::exists(trigger))
            QSKIP("this kernel has no ext4 trigger_fs_error; the read-only path is untested in this run");

        const QString path = mnt + QStringLiteral("/headroom/history.sqlite");
        HistoryStore store;
        QString error;
        QVERIFY2(store.open(path, &error), qPrintable(error));
        QVERIFY(store.appendSamples(batchOf(500, kT0)));
        qint64 written = 500;
        {
            // What was acknowledged is on the image before the error, as it would be after the
            // kernel's periodic writeback.
            const int fd = ::open(QFile::encodeName(mnt).constData(), O_RDONLY | O_DIRECTORY);
            QVERIFY(fd >= 0);
            QCOMPARE(::syncfs(fd), 0);
            ::close(fd);
        }
        {
            QFile t(trigger);
            QVERIFY(t.open(QIODevice::WriteOnly));
            QVERIFY(t.write("headroom test: read-only file system\n") > 0);
        }
        QFile probe(mnt + QStringLiteral("/probe"));
        QVERIFY2(!probe.open(QIODevice::WriteOnly), "the file system did not turn read-only");

        QVERIFY(!store.appendSamples(batchOf(500, kT0 + written)));
        qint64 queued = 0;
        keepsReadingsWhileUnwritable(store, written, &queued);
        if (QTest::currentTestFailed())
            return;

        // Writable again: the read-only mount goes (lazily: the store still holds its files),
        // the image is mounted afresh where it was.
        QVERIFY(run(QStringLiteral("umount"), {QStringLiteral("-l"), mnt}));
        const std::optional<QString> second = run(QStringLiteral("losetup"), {QStringLiteral("-f"), QStringLiteral("--show"), image});
        QVERIFY(second && !second->isEmpty());
        guard.loops << *second;
        QVERIFY(run(QStringLiteral("mount"), {QStringLiteral("-t"), QStringLiteral("ext4"), *second, mnt}));
        QVERIFY(probe.open(QIODevice::WriteOnly));
        probe.close();

        QVERIFY(store.appendSamples(batchOf(500, kT0 + written + queued)));
        queued += 500;
        QVERIFY2(store.takeNotice().contains(QStringLiteral("again")), "resuming is reported");
        QCOMPARE(store.pendingCount(), 0);
        const QSqlDatabase db = store.connection();
        QCOMPARE(scalar(db, QStringLiteral("PRAGMA integrity_check")).toString(), QStringLiteral("ok"));
        QCOMPARE(scalar(db, QStringLiteral("SELECT count(*) FROM samples")).toLongLong(), written + queued);
        QCOMPARE(scalar(db, QStringLiteral("SELECT sum(samples) FROM rollups")).toLongLong(), written + queued);
    }

    // 21. kill -9 at random points of a migration: the next start finishes it, nothing lost.
    void killDuringMigration()
    {
        const QString fixture = m_dir.filePath(QStringLiteral("fixture-v1.sqlite"));
        const int rows = 150000;
        {
            QStringList ddl{
                QStringLiteral("CREATE TABLE accounts(key INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, "
                               "name TEXT NOT NULL DEFAULT '', provider TEXT NOT NULL DEFAULT '')"),
                QStringLiteral("CREATE TABLE samples(account INTEGER NOT NULL, resource TEXT NOT NULL, time INTEGER NOT "
                               "NULL, lim INTEGER, remaining INTEGER, used INTEGER, reset_at INTEGER, status INTEGER, "
                               "cost INTEGER NOT NULL DEFAULT 0)"),
                QStringLiteral("CREATE INDEX samples_art ON samples(account, resource, time)"),
                QStringLiteral("CREATE TABLE events(id INTEGER PRIMARY KEY, account INTEGER NOT NULL, time INTEGER "
                               "NOT NULL, kind TEXT NOT NULL, status INTEGER, retry_after REAL, detail TEXT NOT NULL "
                               "DEFAULT '')"),
                QStringLiteral("CREATE INDEX events_at ON events(account, time)"),
                QStringLiteral("INSERT INTO accounts(key, id, name) VALUES(1, 'a', 'A'), (2, 'b', 'B')"),
                QStringLiteral("WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < %1) "
                               "INSERT INTO samples SELECT 1 + i % 2, 'core', %2 + i * 30000, 5000, 5000 - i % 5000, "
                               "i % 5000, NULL, 200, 1 FROM n")
                    .arg(rows - 1)
                    .arg(kT0),
                QStringLiteral("INSERT INTO events(account, time, kind) VALUES(1, %1, 'error')").arg(kT0),
                QStringLiteral("PRAGMA user_version=1"),
            };
            QVERIFY(execSql(fixture, ddl));
        }
        // How long one full migration takes here, to spread the kills over it.
        const QString work = m_path;
        QVERIFY(QDir().mkpath(QFileInfo(work).path()));
        QVERIFY(QFile::copy(fixture, work));
        QElapsedTimer timer;
        timer.start();
        {
            QProcess p;
            p.start(QStringLiteral(HISTORYWRITER_BIN), {QStringLiteral("migrate"), work});
            QVERIFY(p.waitForFinished(60000));
            QCOMPARE(p.exitCode(), 0);
        }
        const int full = int(timer.elapsed());
        QRandomGenerator rng(21);
        int interrupted = 0;
        for (int round = 0; round < 12; ++round) {
            for (const QString &suffix : {QString(), QStringLiteral("-wal"), QStringLiteral("-shm")})
                QFile::remove(work + suffix);
            QVERIFY(QFile::copy(fixture, work));
            QFile(work).setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
            QProcess p;
            p.start(QStringLiteral(HISTORYWRITER_BIN), {QStringLiteral("migrate"), work});
            QVERIFY(p.waitForStarted());
            QTest::qWait(int(rng.bounded(quint32(std::max(2, full)))));
            if (p.state() != QProcess::NotRunning) {
                ++interrupted;
                p.kill();
                QVERIFY(p.waitForFinished(60000));
            }

            HistoryStore store;
            QString error;
            QVERIFY2(store.open(work, &error), qPrintable(error));
            QVERIFY2(store.takeNotice().isEmpty(), "an interrupted migration is not corruption");
            const QSqlDatabase db = store.connection();
            QCOMPARE(scalar(db, QStringLiteral("PRAGMA integrity_check")).toString(), QStringLiteral("ok"));
            QCOMPARE(scalar(db, QStringLiteral("PRAGMA user_version")).toInt(), HistoryStore::schemaVersion());
            QCOMPARE(scalar(db, QStringLiteral("SELECT count(*) FROM samples")).toInt(), rows);
            QCOMPARE(scalar(db, QStringLiteral("SELECT sum(samples) FROM rollups")).toInt(), rows);
            QCOMPARE(scalar(db, QStringLiteral("SELECT count(*) FROM events")).toInt(), 1);
            QCOMPARE(scalar(db, QStringLiteral("SELECT count(*) FROM accounts")).toInt(), 2);
        }
        qInfo() << "migration took" << full << "ms;" << interrupted << "of 12 rounds were killed mid-way";
        QVERIFY(interrupted > 0);
    }

    // 36. Permissions under umask 022 and 002.
    void permissions_data()
    {
        QTest::addColumn<int>("mask");
        QTest::newRow("umask 022") << 022;
        QTest::newRow("umask 002") << 002;
    }

    void permissions()
    {
        QFETCH(int, mask);
        const mode_t old = ::umask(mode_t(mask));
        HistoryStore store;
        const bool opened = store.open(m_path);
        const bool wrote = store.appendSamples(batchOf(3, kT0));
        CsvExporter exporter(&store);
        const QString out = QFileInfo(m_path).path() + QStringLiteral("/report.csv");
        QString error;
        const bool exported = exporter.exportToFile({}, out, &error);
        ::umask(old);
        QVERIFY(opened);
        QVERIFY(wrote);
        QVERIFY2(exported, qPrintable(error));
        QCOMPARE(modeOf(QFileInfo(m_path).path()), 0700);
        QCOMPARE(modeOf(m_path), 0600);
        QCOMPARE(modeOf(m_path + QStringLiteral("-wal")), 0600);
        QCOMPARE(modeOf(m_path + QStringLiteral("-shm")), 0600);
        QCOMPARE(modeOf(out), 0600);
        // No leftovers of the create-then-rename.
        QCOMPARE(QDir(QFileInfo(m_path).path()).entryList({QStringLiteral("*.init-*")}).size(), 0);
    }

    // A history named in a folder that was already there (--history sqlite:/tmp/x.sqlite, a
    // team's shared folder) leaves the folder's mode alone: only the files are the owner's.
    void existingFolderKeepsItsMode()
    {
        const QString shared = QFileInfo(m_path).path();
        QVERIFY(QDir().mkpath(shared));
        QVERIFY(::chmod(QFile::encodeName(shared).constData(), 01777) == 0);
        HistoryStore store;
        QVERIFY(store.open(m_path));
        QVERIFY(store.appendSamples(batchOf(3, kT0)));
        QCOMPARE(modeOf(shared), 0777);
        QCOMPARE(modeOf(m_path), 0600);
    }

private:
    QTemporaryDir m_dir;
    QString m_path;
    int m_n = 0;
};

QTEST_GUILESS_MAIN(TestHistoryDurability)
#include "tst_historydurability.moc"
