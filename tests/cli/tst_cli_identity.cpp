// The application's identity through the real binary: settings live under
// $XDG_CONFIG_HOME/headroom/, and a settings file an older build left under
// "Unknown Organization" is moved there once, without overwriting newer values.
#include "clirunner.h"

#include <QDir>
#include <QFile>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

class TestCliIdentity : public QObject
{
    Q_OBJECT

    static void writeFile(const QString &path, const QByteArray &text)
    {
        QDir().mkpath(QFileInfo(path).absolutePath());
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(text);
    }

private Q_SLOTS:
    void orphanedSettingsMoveOnce()
    {
        QTemporaryDir root;
        QVERIFY(root.isValid());
        const QProcessEnvironment env = TestCli::isolatedEnvironment(root);
        const QString config = env.value(QStringLiteral("XDG_CONFIG_HOME"));
        const QString oldPath = config + QStringLiteral("/Unknown Organization/headroom.conf");
        const QString newPath = config + QStringLiteral("/headroom/headroom.conf");
        writeFile(oldPath, "[General]\ntheme=dark\n\n[window]\ngeometry=old\n");
        // A newer value already in today's file wins over the orphaned one.
        writeFile(newPath, "[window]\ngeometry=new\n\n[alerts]\nwarning_pct=30\n");

        const TestCli::Run r = TestCli::run(QStringLiteral(HEADROOM_BIN),
                                            {QStringLiteral("account"), QStringLiteral("list")}, env);
        QCOMPARE(r.code, 0);
        QVERIFY(!QFile::exists(oldPath));
        QVERIFY(!QDir(config + QStringLiteral("/Unknown Organization")).exists());
        {
            QSettings moved(newPath, QSettings::IniFormat);
            QCOMPARE(moved.value(QStringLiteral("theme")).toString(), QStringLiteral("dark"));
            QCOMPARE(moved.value(QStringLiteral("window/geometry")).toString(), QStringLiteral("new"));
            QCOMPARE(moved.value(QStringLiteral("alerts/warning_pct")).toString(), QStringLiteral("30"));
        }
        QCOMPARE(QFile::permissions(newPath) & (QFile::ReadGroup | QFile::ReadOther), QFile::Permissions());

        // Once: a second run finds nothing to move and changes nothing.
        const QByteArray before = [&] {
            QFile f(newPath);
            return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
        }();
        QCOMPARE(TestCli::run(QStringLiteral(HEADROOM_BIN), {QStringLiteral("account"), QStringLiteral("list")}, env)
                     .code,
                 0);
        QFile after(newPath);
        QVERIFY(after.open(QIODevice::ReadOnly));
        QCOMPARE(after.readAll(), before);
        QVERIFY(!QFile::exists(oldPath));
    }

    // Another program's files in "Unknown Organization" are not Headroom's to move or delete.
    void otherFilesStay()
    {
        QTemporaryDir root;
        QVERIFY(root.isValid());
        const QProcessEnvironment env = TestCli::isolatedEnvironment(root);
        const QString config = env.value(QStringLiteral("XDG_CONFIG_HOME"));
        const QString other = config + QStringLiteral("/Unknown Organization/someone-else.conf");
        writeFile(other, "[General]\nx=1\n");
        QCOMPARE(TestCli::run(QStringLiteral(HEADROOM_BIN), {QStringLiteral("account"), QStringLiteral("list")}, env)
                     .code,
                 0);
        QVERIFY(QFile::exists(other));
        QVERIFY(!QFile::exists(config + QStringLiteral("/headroom/headroom.conf")));
    }
};

QTEST_GUILESS_MAIN(TestCliIdentity)
#include "tst_cli_identity.moc"
