#pragma once

#include "historytypes.h"
#include "rollupfold.h"

#include <QHash>
#include <QList>
#include <QPair>
#include <QString>

#include <optional>

struct SqliteConnection;
class SqliteConnections;

// What one write puts in one transaction.
struct SqliteBatch
{
    QList<Sample> samples;
    QList<Event> events;
    // Throttled probes that produced no sample still count in the account's rollups.
    QList<QPair<QString, qint64>> throttleMarks; // account id, time ms
    QList<QPair<QString, QPair<QString, QString>>> names; // account id -> (name, provider)
};

// The newest committed sample of one account and resource, as the rollups' time below warning
// needs it: a reading below warning counts until the next one.
using RollupFold::PrevSample;

// The write path: samples, events and account names in one BEGIN IMMEDIATE transaction, with
// the hourly and 6-hourly rollups updated in the same transaction, so rollups always match the
// samples. A write that fails for a passing reason is kept in memory and retried with the next
// one. Not locked: the store's mutex guards every call.
class SqliteWriter
{
public:
    // `notice` is the store's one-time message for the user.
    SqliteWriter(SqliteConnections &pool, QString *notice);

    // Writes what is pending and `batch`; true when both committed. On failure `batch` is kept
    // (unless it can never be written) and the probe goes on.
    bool write(SqliteBatch batch);
    const QList<SqliteBatch> &pending() const { return m_pending; }
    // Forgets the caches of committed state (account keys, latest samples): the store closed.
    void reset();

    void setWarningFraction(double fraction) { m_warningFraction = fraction; }
    double warningFraction() const { return m_warningFraction; }
    void setAccountWarningFractions(QHash<QString, double> fractions) { m_accountFractions = std::move(fractions); }
    double warningFractionFor(const QString &accountId) const { return m_accountFractions.value(accountId, m_warningFraction); }

    // Samples kept in memory at most, oldest dropped first.
    static constexpr int kMaxPending = 200000;

private:
    bool writeBatches(const QList<SqliteBatch> &batches, QString *error, bool *transient);
    bool prepare(SqliteConnection *c, QString *error, bool *transient);
    qint64 keyFor(SqliteConnection *c, const QString &accountId, QHash<QString, qint64> &fresh, bool *ok);
    std::optional<PrevSample> loadPrev(SqliteConnection *c, qint64 key, const QString &resource, double fraction);
    void noteFailure(int code, bool *transient);

    SqliteConnections &m_pool;
    QString *m_notice;
    double m_warningFraction = 0.2;
    QHash<QString, double> m_accountFractions;
    QHash<QString, qint64> m_accountKeys;               // committed account id -> key
    QHash<QPair<qint64, QString>, PrevSample> m_prev;   // committed last sample per account/resource
    QList<SqliteBatch> m_pending;
    int m_pendingSamples = 0;
    bool m_writeFailing = false;
    // The last failed write hit a read-only or failing file system: its file descriptors may
    // point at a file system that is gone, so the next write opens the file again.
    bool m_reconnect = false;
};
