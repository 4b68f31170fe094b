// TLS to a shared history is libpq's, and Headroom passes it through untouched: against a real
// PostgreSQL server with a certificate for 127.0.0.1 signed by a throwaway CA, `sslmode=verify-full`
// connects with the right CA, and refuses a certificate of another CA or one issued for another
// host name, saying why.
#include "history/pghistorystore.h"
#include "pgcluster.h"

#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

class TestPgTls : public QObject
{
    Q_OBJECT

    PgCluster m_pg;
    QTemporaryDir m_certs;

    QString cert(const QString &name) const { return m_certs.filePath(name); }

    bool openssl(const QStringList &args)
    {
        QProcess p;
        p.setWorkingDirectory(m_certs.path());
        p.start(QStringLiteral("openssl"), args);
        if (!p.waitForFinished(60000) || p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0) {
            qWarning("openssl %s: %s", qPrintable(args.join(u' ')), p.readAllStandardError().constData());
            return false;
        }
        return true;
    }

    // A CA (key and self-signed certificate) named `name`.
    bool makeCa(const QString &name)
    {
        return openssl({ QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"),
            QStringLiteral("rsa:2048"), QStringLiteral("-nodes"), QStringLiteral("-days"), QStringLiteral("2"),
            QStringLiteral("-subj"), QStringLiteral("/CN=Headroom test CA ") + name, QStringLiteral("-keyout"),
            name + QStringLiteral(".key"), QStringLiteral("-out"), name + QStringLiteral(".crt") });
    }

    // The server's key and a certificate for `altName` signed by `ca`.
    bool makeServerCert(const QString &ca, const QString &altName)
    {
        QFile ext(cert(QStringLiteral("server.ext")));
        if (!ext.open(QIODevice::WriteOnly))
            return false;
        ext.write("subjectAltName=" + altName.toUtf8() + '\n');
        ext.close();
        return openssl({ QStringLiteral("req"), QStringLiteral("-newkey"), QStringLiteral("rsa:2048"),
                   QStringLiteral("-nodes"), QStringLiteral("-subj"), QStringLiteral("/CN=headroom-db"),
                   QStringLiteral("-keyout"), QStringLiteral("server.key"), QStringLiteral("-out"),
                   QStringLiteral("server.csr") })
            && openssl({ QStringLiteral("x509"), QStringLiteral("-req"), QStringLiteral("-in"),
                QStringLiteral("server.csr"), QStringLiteral("-CA"), ca + QStringLiteral(".crt"),
                QStringLiteral("-CAkey"), ca + QStringLiteral(".key"), QStringLiteral("-CAcreateserial"),
                QStringLiteral("-days"), QStringLiteral("2"), QStringLiteral("-extfile"), QStringLiteral("server.ext"),
                QStringLiteral("-out"), QStringLiteral("server.crt") });
    }

    QString url(const QString &host, const QString &params) const
    {
        return QStringLiteral("postgresql://headroom@%1:%2/headroom?%3").arg(host).arg(m_pg.port()).arg(params);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_certs.isValid());
        QVERIFY2(m_pg.start(), qPrintable(m_pg.error()));
        QVERIFY(makeCa(QStringLiteral("good")));
        QVERIFY(makeCa(QStringLiteral("other")));
        // For the address only: a client that asks for "localhost" must not accept it.
        QVERIFY(makeServerCert(QStringLiteral("good"), QStringLiteral("IP:127.0.0.1")));
        QVERIFY2(m_pg.enableTls(cert(QStringLiteral("server.crt")), cert(QStringLiteral("server.key"))),
            qPrintable(m_pg.error()));
        QVERIFY2(m_pg.restart(), qPrintable(m_pg.error()));
    }

    void verifyFullWithTheRightCaConnectsOverTls()
    {
        PgHistoryStore store;
        QString error;
        const QString location = url(QStringLiteral("127.0.0.1"),
            QStringLiteral("sslmode=verify-full&sslrootcert=") + cert(QStringLiteral("good.crt")));
        QVERIFY2(store.open(location, &error), qPrintable(error));
        QVERIFY(store.registerAccount(QStringLiteral("tls-1"), QStringLiteral("over tls"), QStringLiteral("github")));
        QCOMPARE(store.accounts().size(), 1);
        // The server says which of its connections are encrypted: every one of Headroom's is.
        const std::optional<QString> plain = m_pg.psql(
            QStringLiteral("SELECT count(*) FROM pg_stat_ssl s JOIN pg_stat_activity a USING (pid) "
                           "WHERE a.datname = 'headroom' AND a.backend_type = 'client backend' AND NOT s.ssl "
                           "AND a.application_name <> 'psql'"));
        const std::optional<QString> tls = m_pg.psql(
            QStringLiteral("SELECT count(*) FROM pg_stat_ssl s JOIN pg_stat_activity a USING (pid) WHERE s.ssl"));
        QVERIFY(plain && tls);
        QCOMPARE(plain->trimmed(), QStringLiteral("0"));
        QVERIFY2(tls->trimmed().toInt() >= 1, qPrintable(*tls));
    }

    void certificateErrorsAreRefused_data()
    {
        QTest::addColumn<QString>("host");
        QTest::addColumn<QString>("rootCert");
        QTest::addColumn<QString>("why");
        QTest::newRow("another CA") << QStringLiteral("127.0.0.1") << QStringLiteral("other.crt")
                                    << QStringLiteral("certificate verify failed");
        QTest::newRow("another host name")
            << QStringLiteral("localhost") << QStringLiteral("good.crt") << QStringLiteral("does not match host name");
    }

    void certificateErrorsAreRefused()
    {
        QFETCH(QString, host);
        QFETCH(QString, rootCert);
        QFETCH(QString, why);
        PgHistoryStore store;
        QString error;
        QVERIFY(!store.open(url(host, QStringLiteral("sslmode=verify-full&sslrootcert=") + cert(rootCert)), &error));
        QVERIFY2(error.contains(why), qPrintable(error));
        qInfo("refused: %s", qPrintable(error));
        QVERIFY(!store.isOpen());
    }

    void cleanupTestCase() { QVERIFY2(m_pg.stop(), qPrintable(m_pg.error())); }
};

QTEST_GUILESS_MAIN(TestPgTls)
#include "tst_pgtls.moc"
