// AlertEngine: sequences of readings -> expected alerts, on a ManualClock (no sleeps).
#include "alerts/alertengine.h"
#include "alerts/alertsettings.h"
#include "alerts/alertstatestore.h"
#include "accounts/account.h"
#include "core/clock.h"
#include "probe/proberesult.h"
#include "quota/headerengine.h"
#include "quota/httpresponsehead.h"
#include "quota/preset.h"

#include <QSettings>
#include <QTemporaryDir>
#include <QtTest>

#include <memory>

namespace {
const QString kAcc = QStringLiteral("0b6c3f0e-1111-4a2b-9c3d-000000000001");
const QString kName = QStringLiteral("ci-bot");

struct Harness
{
    ManualClock clock;
    MemoryAlertStateStore store;
    std::unique_ptr<AlertEngine> engine;
    QList<Alert> alerts;

    Harness() { restart(); }
    // A new engine over the same store: what a restart (or a crash) of Headroom looks like.
    void restart(const AlertSettings &settings = {})
    {
        engine = std::make_unique<AlertEngine>(&store, &clock);
        engine->setSettings(settings);
        QObject::connect(engine.get(), &AlertEngine::alertRaised, [this](const Alert &a) { alerts.append(a); });
    }
    QDateTime now() const { return clock.nowUtc(); }

    ProbeResult quota(std::optional<qint64> remaining, std::optional<qint64> limit,
                      std::optional<QDateTime> reset, const QString &account = kAcc,
                      const QString &resource = QStringLiteral("core")) const
    {
        ProbeResult r;
        r.accountId = account;
        r.accountName = account == kAcc ? kName : QStringLiteral("other");
        r.provider = QStringLiteral("github");
        r.state = AccountState::Ok;
        r.probedAt = now();
        r.reading.provider = r.provider;
        r.reading.status = 200;
        Quota q;
        q.resource = resource;
        q.limit = limit;
        q.remaining = remaining;
        q.resetAt = reset;
        r.reading.quotas.append(q);
        return r;
    }
    ProbeResult failed(AccountState state, const QString &error = QStringLiteral("connection refused")) const
    {
        ProbeResult r;
        r.accountId = kAcc;
        r.accountName = kName;
        r.provider = QStringLiteral("github");
        r.state = state;
        r.probedAt = now();
        r.error = error;
        if (state == AccountState::AuthFailed)
            r.reading.status = 401;
        return r;
    }
    QStringList rules() const
    {
        QStringList out;
        for (const Alert &a : alerts)
            out.append(alertRuleId(a.rule));
        return out;
    }
    int count(AlertRule rule) const
    {
        return int(std::count_if(alerts.begin(), alerts.end(), [rule](const Alert &a) { return a.rule == rule; }));
    }
};
} // namespace

class TestAlertEngine : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void crossings_data();
    void crossings();
    void hysteresisHourOfOscillation();
    void failedSavesKeepWorkingInMemory();
    void resetRearmsWindow();
    void shortWindowsDoNotAlertEveryPoll();
    void bucketWindowWithoutReset();
    void snoozeOneHour();
    void snoozeUntilReset();
    void snoozeRequestKinds();
    void doNotDisturbRecordsButDoesNotDeliver();
    void perAccountOverrides();
    void nearLimitFlag();
    void throttledOncePerWindow();
    void authFailedAtOnce();
    void unreachableFiveMinutes();
    void shortOutagesDoNotAlert();
    void tokenExpiry_data();
    void tokenExpiry();
    void tokenExpiryOncePerToken();
    void tokenExpiryFromGitHubHeaders();
    void theilSen_data();
    void theilSen();
    void forecast_data();
    void forecast();
    void forecastDisabled();
    void forecastSeededFromHistoryAfterRestart();
    void restartDoesNotRepeat();
    void restartKeepsSnoozeAndFailureStreak();
    void everyAlertIsAnEvent();
    void overrideJson_data();
    void overrideJson();
    void settingsRoundTrip();
    void overridesThroughAccounts();
    void textHasNameLeftAndReset();
};

// ---------------------------------------------------------------------------------------------
// Threshold crossings, one reading every 20 minutes, limit 1000, reset two hours ahead.

void TestAlertEngine::crossings_data()
{
    QTest::addColumn<QList<int>>("remaining");
    QTest::addColumn<QStringList>("expected");
    const auto L = [](std::initializer_list<const char *> l) {
        QStringList out;
        for (const char *s : l)
            out.append(QLatin1String(s));
        return out;
    };
    QTest::newRow("far from the limit") << QList<int>{1000, 900, 500, 201} << QStringList();
    QTest::newRow("warning once while staying low") << QList<int>{1000, 199, 180, 150, 199} << L({"warning"});
    QTest::newRow("warning then critical") << QList<int>{500, 150, 40} << L({"warning", "critical"});
    QTest::newRow("straight past both: critical only") << QList<int>{500, 30, 20} << L({"critical"});
    QTest::newRow("exhausted") << QList<int>{500, 0, 0} << L({"critical"});
    QTest::newRow("restored after warning") << QList<int>{500, 150, 300} << L({"warning", "restored"});
    QTest::newRow("restored after critical") << QList<int>{500, 30, 260} << L({"critical", "restored"});
    QTest::newRow("no re-arm below threshold+5") << QList<int>{199, 240, 190} << L({"warning"});
    QTest::newRow("re-arm at threshold+5") << QList<int>{199, 250, 190} << L({"warning", "restored", "warning"});
    QTest::newRow("critical re-arms at 10 %, warning stays latched")
        << QList<int>{40, 80, 40, 110, 40} << L({"critical", "critical"});
    QTest::newRow("exactly at the warning threshold is not below") << QList<int>{200, 200} << QStringList();
    QTest::newRow("exactly at the critical threshold is not below") << QList<int>{150, 50} << L({"warning"});
}

void TestAlertEngine::crossings()
{
    QFETCH(QList<int>, remaining);
    QFETCH(QStringList, expected);
    Harness h;
    AlertSettings noForecast; // these rows drop fast on purpose; the forecast has its own test
    noForecast.forecast = false;
    h.engine->setSettings(noForecast);
    const QDateTime reset = h.now().addSecs(7200);
    for (int r : remaining) {
        h.engine->process(h.quota(r, 1000, reset));
        h.clock.advanceSeconds(20 * 60); // beyond kMinRepeatS, so only the latches decide
    }
    QCOMPARE(h.rules(), expected);
}

// One notification per crossing per window, not one per poll.
void TestAlertEngine::hysteresisHourOfOscillation()
{
    Harness h;
    const QDateTime reset = h.now().addSecs(2 * 3600);
    for (int minute = 0; minute < 60; ++minute) {
        h.engine->process(h.quota(minute % 2 ? 205 : 195, 1000, reset));
        h.clock.advanceSeconds(60);
    }
    QCOMPARE(h.rules(), QStringList{QStringLiteral("warning")});
    QCOMPARE(h.store.m_events.size(), 1);
    // State is written when it changes (the alert; its repeat guard expiring), not per reading.
    QVERIFY2(h.store.m_saveCount <= 2, qPrintable(QString::number(h.store.m_saveCount)));
}

void TestAlertEngine::failedSavesKeepWorkingInMemory()
{
    Harness h;
    h.store.m_failSaves = true;
    const QDateTime reset = h.now().addSecs(3600);
    for (int i = 0; i < 10; ++i) {
        h.engine->process(h.quota(150, 1000, reset));
        h.clock.advanceSeconds(60);
    }
    QCOMPARE(h.alerts.size(), 1);
    QCOMPARE(h.store.m_saveCount, 10); // retried with every reading until the disk has room
    h.store.m_failSaves = false;
    h.engine->process(h.quota(150, 1000, reset));
    QCOMPARE(h.store.m_saveCount, 11);
    h.engine->process(h.quota(150, 1000, reset));
    QCOMPARE(h.store.m_saveCount, 11);
    h.restart();
    h.engine->process(h.quota(150, 1000, reset));
    QCOMPARE(h.alerts.size(), 1);
}

void TestAlertEngine::resetRearmsWindow()
{
    Harness h;
    QDateTime reset = h.now().addSecs(1200);
    for (int i = 0; i < 19; ++i) {
        h.engine->process(h.quota(150, 1000, reset));
        h.clock.advanceSeconds(60);
    }
    QCOMPARE(h.count(AlertRule::Warning), 1);
    // Past the reset the window is new: still low means a new warning.
    h.clock.advanceSeconds(120);
    reset = h.now().addSecs(3600);
    h.engine->process(h.quota(150, 1000, reset));
    QCOMPARE(h.count(AlertRule::Warning), 2);
    h.clock.advanceSeconds(60);
    h.engine->process(h.quota(140, 1000, reset));
    QCOMPARE(h.count(AlertRule::Warning), 2);
    // The next reset refills it: restored once.
    h.clock.advanceSeconds(3600);
    h.engine->process(h.quota(1000, 1000, h.now().addSecs(3600)));
    QCOMPARE(h.rules(), (QStringList{QStringLiteral("warning"), QStringLiteral("warning"), QStringLiteral("restored")}));
}

// One-minute windows (OpenAI/GitLab style, or a reset that drifts with every response): each
// poll is a new window, yet the same rule fires at most once per kMinRepeatS.
void TestAlertEngine::shortWindowsDoNotAlertEveryPoll()
{
    Harness h;
    for (int minute = 0; minute < 60; ++minute) {
        h.engine->process(h.quota(150, 1000, h.now().addSecs(45)));
        h.clock.advanceSeconds(60);
    }
    QCOMPARE(h.count(AlertRule::Warning), 4); // minutes 0, 15, 30, 45
    // Flapping between full and low every minute: bounded the same way, restored included.
    Harness f;
    for (int minute = 0; minute < 60; ++minute) {
        f.engine->process(f.quota(minute % 2 ? 1000 : 100, 1000, f.now().addSecs(45)));
        f.clock.advanceSeconds(60);
    }
    QCOMPARE(f.count(AlertRule::Warning), 4);
    QCOMPARE(f.count(AlertRule::Restored), 4);
    // A 429 every minute from a per-minute limit: once per kMinRepeatS too.
    Harness t;
    for (int minute = 0; minute < 60; ++minute) {
        ProbeResult r = t.quota(0, 60, t.now().addSecs(30));
        r.state = AccountState::Throttled;
        r.reading.status = 429;
        r.reading.throttled = true;
        r.reading.retryAfterS = 30;
        t.engine->process(r);
        t.clock.advanceSeconds(60);
    }
    QCOMPARE(t.count(AlertRule::Throttled), 4);
    QCOMPARE(t.count(AlertRule::Critical), 4);
}

void TestAlertEngine::bucketWindowWithoutReset()
{
    Harness h; // the default ManualClock starts on a whole hour
    QCOMPARE(h.now().toSecsSinceEpoch() % 3600, 0);
    for (int minute = 0; minute < 120; minute += 5) {
        h.engine->process(h.quota(150, 1000, std::nullopt));
        h.clock.advanceSeconds(300);
    }
    QCOMPARE(h.count(AlertRule::Warning), 2); // one per one-hour bucket
}

void TestAlertEngine::snoozeOneHour()
{
    Harness h;
    const QDateTime reset = h.now().addSecs(4 * 3600);
    h.engine->snoozeFor(kAcc, 3600);
    QCOMPARE(h.engine->snoozedUntil(kAcc), h.now().addSecs(3600));
    h.engine->process(h.quota(150, 1000, reset));
    QCOMPARE(h.alerts.size(), 1);
    QCOMPARE(h.alerts[0].suppression, AlertSuppression::Snoozed);
    QVERIFY(!h.alerts[0].shouldDeliver());
    QCOMPARE(h.store.m_events.size(), 1); // recorded even though not shown
    QVERIFY(h.store.m_events[0].detail.contains(QStringLiteral("snoozed")));
    // Other accounts are not snoozed.
    h.engine->process(h.quota(150, 1000, reset, QStringLiteral("other-id")));
    QCOMPARE(h.alerts.size(), 2);
    QVERIFY(h.alerts[1].shouldDeliver());
    // The snoozed crossing stays latched; after the hour a new crossing is delivered.
    h.clock.advanceSeconds(3601);
    QVERIFY(!h.engine->snoozedUntil(kAcc).isValid());
    h.engine->process(h.quota(150, 1000, reset));
    QCOMPARE(h.alerts.size(), 2);
    h.engine->process(h.quota(300, 1000, reset));
    h.engine->process(h.quota(100, 1000, reset));
    QCOMPARE(h.rules().mid(2), (QStringList{QStringLiteral("restored"), QStringLiteral("warning")}));
    QVERIFY(h.alerts.last().shouldDeliver());
}

void TestAlertEngine::snoozeUntilReset()
{
    Harness h;
    const QDateTime coreReset = h.now().addSecs(1800);
    const QDateTime searchReset = h.now().addSecs(60);
    ProbeResult r = h.quota(150, 1000, coreReset);
    Quota search;
    search.resource = QStringLiteral("search");
    search.limit = 30;
    search.remaining = 30;
    search.resetAt = searchReset;
    r.reading.quotas.append(search);
    h.engine->process(r);
    QCOMPARE(h.rules(), QStringList{QStringLiteral("warning")});
    // Until the reset of the quota that alerted, not the soonest reset of any quota.
    h.engine->snoozeUntilReset(kAcc);
    QCOMPARE(h.engine->snoozedUntil(kAcc), coreReset);
    h.clock.advanceSeconds(600);
    h.engine->process(h.quota(30, 1000, coreReset));
    QCOMPARE(h.alerts.last().rule, AlertRule::Critical);
    QCOMPARE(h.alerts.last().suppression, AlertSuppression::Snoozed);
    h.clock.advanceSeconds(1200);
    QVERIFY(!h.engine->snoozedUntil(kAcc).isValid());
    h.engine->process(h.quota(20, 1000, h.now().addSecs(3600)));
    QCOMPARE(h.alerts.last().rule, AlertRule::Critical);
    QVERIFY(h.alerts.last().shouldDeliver());

    // No reset known at all: one hour.
    Harness h2;
    h2.engine->snoozeUntilReset(kAcc);
    QCOMPARE(h2.engine->snoozedUntil(kAcc), h2.now().addSecs(3600));
}

void TestAlertEngine::snoozeRequestKinds()
{
    Harness h;
    const QDateTime until = h.now().addSecs(5 * 3600);
    h.engine->applySnooze({kAcc, SnoozeRequest::Kind::Until, until});
    QCOMPARE(h.engine->snoozedUntil(kAcc), until);
    h.engine->applySnooze({kAcc, SnoozeRequest::Kind::Clear, {}});
    QVERIFY(!h.engine->snoozedUntil(kAcc).isValid());
    h.engine->applySnooze({kAcc, SnoozeRequest::Kind::OneHour, {}});
    QCOMPARE(h.engine->snoozedUntil(kAcc), h.now().addSecs(3600));
}

void TestAlertEngine::doNotDisturbRecordsButDoesNotDeliver()
{
    Harness h;
    AlertSettings s;
    s.doNotDisturb = true;
    h.engine->setSettings(s);
    const QDateTime reset = h.now().addSecs(3600);
    h.engine->process(h.quota(150, 1000, reset));
    h.engine->process(h.quota(10, 1000, reset));
    QCOMPARE(h.rules(), (QStringList{QStringLiteral("warning"), QStringLiteral("critical")}));
    for (const Alert &a : std::as_const(h.alerts))
        QCOMPARE(a.suppression, AlertSuppression::DoNotDisturb);
    QCOMPARE(h.store.m_events.size(), 2);
    // Turning DND off later does not replay what was raised meanwhile.
    h.engine->setSettings(AlertSettings());
    h.engine->process(h.quota(10, 1000, reset));
    QCOMPARE(h.alerts.size(), 2);
}

void TestAlertEngine::perAccountOverrides()
{
    Harness h;
    AlertSettings s;
    AlertOverride o;
    o.warningPct = 50;
    o.criticalPct = 30;
    s.overrides.insert(kAcc, o);
    AlertOverride off;
    off.enabled = false;
    s.overrides.insert(QStringLiteral("muted"), off);
    h.engine->setSettings(s);
    const QDateTime reset = h.now().addSecs(3600);
    h.engine->process(h.quota(400, 1000, reset));                          // 40 % < 50 %
    h.engine->process(h.quota(400, 1000, reset, QStringLiteral("other"))); // global 20 %: nothing
    QCOMPARE(h.rules(), QStringList{QStringLiteral("warning")});
    h.engine->process(h.quota(250, 1000, reset));
    QCOMPARE(h.alerts.last().rule, AlertRule::Critical);
    h.engine->process(h.quota(10, 1000, reset, QStringLiteral("muted")));
    QCOMPARE(h.alerts.last().suppression, AlertSuppression::Disabled);
    QCOMPARE(h.store.m_events.size(), 3);
}

void TestAlertEngine::nearLimitFlag()
{
    Harness h;
    const QDateTime reset = h.now().addSecs(3600);
    ProbeResult r = h.quota(500, 1000, reset);
    r.reading.quotas[0].nearLimit = true;
    for (int i = 0; i < 5; ++i)
        h.engine->process(r);
    QCOMPARE(h.rules(), QStringList{QStringLiteral("near_limit")});
    // When our own threshold fires too, the provider's flag adds no second popup.
    Harness h2;
    ProbeResult low = h2.quota(150, 1000, reset);
    low.reading.quotas[0].nearLimit = true;
    h2.engine->process(low);
    QCOMPARE(h2.rules(), QStringList{QStringLiteral("warning")});
    // Flag without any numbers (e.g. a provider that only says "near limit").
    Harness h3;
    ProbeResult bare = h3.quota(std::nullopt, std::nullopt, std::nullopt);
    bare.reading.quotas[0].nearLimit = true;
    for (int i = 0; i < 10; ++i) {
        h3.engine->process(bare);
        bare.reading.quotas[0].nearLimit = (i % 2) == 0;
        h3.clock.advanceSeconds(60);
        bare.probedAt = h3.now();
    }
    QCOMPARE(h3.count(AlertRule::NearLimit), 1);
}

void TestAlertEngine::throttledOncePerWindow()
{
    Harness h;
    const QDateTime start = h.now();
    ProbeResult r = h.failed(AccountState::Throttled, QString());
    r.reading.status = 429;
    r.reading.throttled = true;
    r.reading.retryAfterS = 120;
    h.engine->process(r);
    QCOMPARE(h.rules(), QStringList{QStringLiteral("throttled")});
    QCOMPARE(h.alerts[0].severity, AlertSeverity::Critical);
    QCOMPARE(h.alerts[0].resumesAt, std::optional<QDateTime>(start.addSecs(120)));
    QVERIFY2(h.alerts[0].body.contains(QStringLiteral("resumes at 12:02")), qPrintable(h.alerts[0].body));
    // Throttled again and again within the hour (no reset known): no repeat.
    for (int i = 0; i < 20; ++i) {
        h.clock.advanceSeconds(150);
        r.probedAt = h.now();
        h.engine->process(r);
    }
    QCOMPARE(h.count(AlertRule::Throttled), 1);
    // A 403 secondary limit with a reset names its window; after that reset it can alert again.
    Harness h2;
    ProbeResult p = h2.quota(0, 5000, h2.now().addSecs(900));
    p.state = AccountState::Throttled;
    p.reading.status = 403;
    p.reading.throttled = true;
    h2.engine->process(p);
    QCOMPARE(h2.alerts.size(), 2); // throttled + critical (0 left)
    QCOMPARE(h2.alerts[0].rule, AlertRule::Throttled);
    QCOMPARE(h2.alerts[0].resumesAt, std::optional<QDateTime>(h2.now().addSecs(900)));
    h2.clock.advanceSeconds(901);
    p = h2.quota(0, 5000, h2.now().addSecs(3600));
    p.reading.throttled = true;
    h2.engine->process(p);
    QCOMPARE(h2.count(AlertRule::Throttled), 2);
}

void TestAlertEngine::authFailedAtOnce()
{
    Harness h;
    h.engine->process(h.failed(AccountState::AuthFailed, QStringLiteral("401 Bad credentials")));
    QCOMPARE(h.rules(), QStringList{QStringLiteral("auth_failed")});
    QCOMPARE(h.alerts[0].severity, AlertSeverity::Critical);
    for (int i = 0; i < 10; ++i) {
        h.clock.advanceSeconds(60);
        h.engine->process(h.failed(AccountState::AuthFailed));
    }
    QCOMPARE(h.alerts.size(), 1);
    // Fixed, then broken again: a new alert.
    h.engine->process(h.quota(4000, 5000, h.now().addSecs(3600)));
    h.engine->process(h.failed(AccountState::AuthFailed));
    QCOMPARE(h.count(AlertRule::AuthFailed), 2);
    QVERIFY(h.alerts[0].body.contains(QStringLiteral("edit the account")));

    // Fixed accounts (the demo): the alert names no action the user cannot take.
    Harness fixed;
    fixed.engine->setAccountsEditable(false);
    fixed.engine->process(fixed.failed(AccountState::AuthFailed, QStringLiteral("401 Bad credentials")));
    QCOMPARE(fixed.alerts.size(), 1);
    QCOMPARE(fixed.alerts[0].body, QStringLiteral("The server rejected the token (HTTP 401)."));
}

void TestAlertEngine::unreachableFiveMinutes()
{
    Harness h;
    const QDateTime start = h.now();
    for (int i = 0; i < 40; ++i) { // 20 minutes, a failure every 30 s
        h.engine->process(h.failed(AccountState::Error));
        h.clock.advanceSeconds(30);
    }
    QCOMPARE(h.rules(), QStringList{QStringLiteral("probe_failing")});
    QCOMPARE(h.alerts[0].raisedAt, start.addSecs(300));
    QVERIFY(h.alerts[0].body.contains(QStringLiteral("connection refused")));
}

void TestAlertEngine::shortOutagesDoNotAlert()
{
    Harness h;
    for (int round = 0; round < 5; ++round) {
        for (int i = 0; i < 8; ++i) { // 4 minutes of failures
            h.engine->process(h.failed(i % 2 ? AccountState::Error : AccountState::Stale));
            h.clock.advanceSeconds(30);
        }
        h.engine->process(h.quota(4000, 5000, h.now().addSecs(3600)));
    }
    QCOMPARE(h.alerts.size(), 0);
}

void TestAlertEngine::tokenExpiry_data()
{
    QTest::addColumn<qint64>("inSeconds");
    QTest::addColumn<bool>("alerts");
    QTest::addColumn<int>("severity");
    QTest::newRow("8 days") << qint64(8 * 86400) << false << 0;
    QTest::newRow("7 days + 1 s") << qint64(7 * 86400 + 1) << false << 0;
    QTest::newRow("7 days") << qint64(7 * 86400) << true << int(AlertSeverity::Warning);
    QTest::newRow("3 days") << qint64(3 * 86400) << true << int(AlertSeverity::Warning);
    QTest::newRow("12 hours") << qint64(12 * 3600) << true << int(AlertSeverity::Critical);
    QTest::newRow("already expired") << qint64(-60) << false << 0;
}

void TestAlertEngine::tokenExpiry()
{
    QFETCH(qint64, inSeconds);
    QFETCH(bool, alerts);
    QFETCH(int, severity);
    Harness h;
    ProbeResult r = h.quota(4000, 5000, h.now().addSecs(3600));
    r.reading.tokenExpiresAt = h.now().addSecs(inSeconds);
    h.engine->process(r);
    QCOMPARE(h.count(AlertRule::TokenExpiring), alerts ? 1 : 0);
    if (alerts) {
        QCOMPARE(int(h.alerts[0].severity), severity);
        QCOMPARE(h.alerts[0].expiresAt, r.reading.tokenExpiresAt);
    }
}

void TestAlertEngine::tokenExpiryOncePerToken()
{
    Harness h;
    ProbeResult r = h.quota(4000, 5000, h.now().addSecs(3600));
    r.reading.tokenExpiresAt = QDateTime(QDate(2026, 11, 28), QTime(10, 0), Qt::UTC);
    for (int i = 0; i < 30; ++i) {
        r.probedAt = h.now();
        h.engine->process(r);
        h.clock.advanceSeconds(3600);
    }
    QCOMPARE(h.count(AlertRule::TokenExpiring), 1);
    QVERIFY2(h.alerts[0].body.contains(QStringLiteral("2026-11-28 10:00")), qPrintable(h.alerts[0].body));
    h.restart();
    h.engine->process(r);
    QCOMPARE(h.count(AlertRule::TokenExpiring), 1);
    // A replacement token with another expiry alerts on its own.
    r.reading.tokenExpiresAt = h.now().addDays(2);
    h.engine->process(r);
    QCOMPARE(h.count(AlertRule::TokenExpiring), 2);
}

// End to end with the header engine: a real GitHub response head -> QuotaReading -> alert.
void TestAlertEngine::tokenExpiryFromGitHubHeaders()
{
    Harness h; // 2026-11-23 12:00 UTC
    const auto head = HttpResponseHead::parse(
        "HTTP/1.1 200 OK\r\n"
        "x-ratelimit-limit: 5000\r\n"
        "x-ratelimit-remaining: 4990\r\n"
        "x-ratelimit-used: 10\r\n"
        "x-ratelimit-reset: 1795438800\r\n"
        "x-ratelimit-resource: core\r\n"
        "GitHub-Authentication-Token-Expiration: 2026-11-27 10:00:00 UTC\r\n\r\n");
    QVERIFY(head);
    const Preset *github = Preset::find(QStringLiteral("github"));
    QVERIFY(github);
    ProbeResult r = h.quota(std::nullopt, std::nullopt, std::nullopt);
    r.reading = HeaderEngine::read(*github, *head, h.now());
    QCOMPARE(r.reading.tokenExpiresAt, std::optional<QDateTime>(QDateTime(QDate(2026, 11, 27), QTime(10, 0), Qt::UTC)));
    h.engine->process(r);
    QCOMPARE(h.rules(), QStringList{QStringLiteral("token_expiring")});
    QVERIFY2(h.alerts[0].body.contains(QStringLiteral("2026-11-27 10:00")), qPrintable(h.alerts[0].body));
}

// ---------------------------------------------------------------------------------------------
// Forecast

void TestAlertEngine::theilSen_data()
{
    QTest::addColumn<QList<double>>("values"); // one per minute
    QTest::addColumn<double>("expectedPerMinute");
    QTest::addColumn<double>("tolerance");
    QTest::newRow("exact line") << QList<double>{1000, 980, 960, 940, 920, 900} << -20.0 << 1e-9;
    QTest::newRow("flat") << QList<double>{500, 500, 500, 500} << 0.0 << 1e-9;
    QTest::newRow("rising") << QList<double>{10, 15, 20, 25} << 5.0 << 1e-9;
    QTest::newRow("one outlier ignored")
        << QList<double>{1000, 990, 980, 970, 960, 950, 940, 100, 920, 910, 900} << -10.0 << 1e-9;
    QTest::newRow("two outliers ignored")
        << QList<double>{1000, 990, 5000, 970, 960, 950, 940, 930, 920, 0, 900, 890, 880} << -10.0 << 1e-9;
    QTest::newRow("noisy") << QList<double>{1000, 987, 964, 948, 915, 907, 878, 862, 843, 817} << -20.0 << 2.0;
}

void TestAlertEngine::theilSen()
{
    QFETCH(QList<double>, values);
    QFETCH(double, expectedPerMinute);
    QFETCH(double, tolerance);
    QList<AlertEngine::Point> points;
    for (int i = 0; i < values.size(); ++i)
        points.append({qint64(i) * 60000, values[i]});
    const auto slope = AlertEngine::theilSenSlope(points);
    QVERIFY(slope);
    QVERIFY2(qAbs(*slope * 60.0 - expectedPerMinute) <= tolerance,
             qPrintable(QString::number(*slope * 60.0)));
    QVERIFY(!AlertEngine::theilSenSlope({{0, 1.0}, {0, 2.0}}));
}

void TestAlertEngine::forecast_data()
{
    // limit 2000 (far from the thresholds), a reading a minute, reset `resetMin` after the start.
    QTest::addColumn<QList<int>>("remaining");
    QTest::addColumn<int>("resetMin");
    QTest::addColumn<int>("expectedDryMin"); // minutes after the start; -1 = no forecast alert
    QTest::addColumn<int>("toleranceMin");
    QList<int> steady, slow, noisy, outlier, shortSeries;
    for (int i = 0; i < 16; ++i) {
        steady << 1000 - 20 * i;                       // dry at minute 50
        slow << 1000 - 5 * i;                          // dry at minute 200
        noisy << 1000 - 20 * i + (i % 3 == 0 ? 9 : i % 3 == 1 ? -7 : 2);
        outlier << (i == 12 ? 450 : 1000 - 5 * i);     // one glitch would fake a crash
    }
    shortSeries << 1000 << 980 << 960; // too few points to trust
    QTest::newRow("runs dry before reset") << steady << 60 << 50 << 1;
    QTest::newRow("reset comes first") << slow << 60 << -1 << 0;
    QTest::newRow("noisy but clearly burning") << noisy << 60 << 50 << 6;
    QTest::newRow("robust slope ignores an outlier") << outlier << 120 << -1 << 0;
    QTest::newRow("too few points") << shortSeries << 60 << -1 << 0;
}

void TestAlertEngine::forecast()
{
    QFETCH(QList<int>, remaining);
    QFETCH(int, resetMin);
    QFETCH(int, expectedDryMin);
    QFETCH(int, toleranceMin);
    Harness h;
    const QDateTime start = h.now();
    const QDateTime reset = start.addSecs(resetMin * 60);
    for (int r : remaining) {
        h.engine->process(h.quota(r, 2000, reset));
        h.clock.advanceSeconds(60);
    }
    QCOMPARE(h.count(AlertRule::Warning) + h.count(AlertRule::Critical), 0);
    if (expectedDryMin < 0) {
        QCOMPARE(h.count(AlertRule::Forecast), 0);
        return;
    }
    QCOMPARE(h.count(AlertRule::Forecast), 1);
    const Alert &a = h.alerts.first();
    QVERIFY(a.runsDryAt);
    const qint64 dryMin = start.secsTo(*a.runsDryAt) / 60;
    QVERIFY2(qAbs(dryMin - expectedDryMin) <= toleranceMin, qPrintable(QString::number(dryMin)));
    QCOMPARE(a.resetAt, std::optional<QDateTime>(reset));
    // It fired soon after the series was long enough (4 points over 3 minutes).
    QVERIFY(a.raisedAt >= start.addSecs(180) && a.raisedAt <= start.addSecs(300));
    QVERIFY2(a.body.contains(QStringLiteral("runs dry ≈ 12:")) && a.body.contains(QStringLiteral("resets 13:00")),
             qPrintable(a.body));
}

void TestAlertEngine::forecastDisabled()
{
    Harness h;
    AlertSettings s;
    AlertOverride o;
    o.forecast = false;
    s.overrides.insert(kAcc, o);
    h.engine->setSettings(s);
    const QDateTime reset = h.now().addSecs(3600);
    for (int i = 0; i < 16; ++i) {
        h.engine->process(h.quota(1000 - 20 * i, 2000, reset));
        h.clock.advanceSeconds(60);
    }
    QCOMPARE(h.alerts.size(), 0);
}

namespace {
class SeededStore : public MemoryAlertStateStore
{
public:
    QList<RemainingPoint> history;
    QList<RemainingPoint> recentRemaining(const QString &, const QString &, const QDateTime &from,
                                          const QDateTime &to) const override
    {
        QList<RemainingPoint> out;
        for (const auto &p : history) {
            if (p.time >= from && p.time <= to)
                out.append(p);
        }
        return out;
    }
};
} // namespace

void TestAlertEngine::forecastSeededFromHistoryAfterRestart()
{
    ManualClock clock;
    SeededStore store;
    const QDateTime reset = clock.nowUtc().addSecs(3600 + 600);
    for (int i = 0; i < 10; ++i) {
        store.history.append({clock.nowUtc(), 1000 - 20 * i, reset});
        clock.advanceSeconds(60);
    }
    // A point from the previous window must not be mixed in.
    store.history.prepend({clock.nowUtc().addSecs(-700), 10, clock.nowUtc().addSecs(-650)});
    AlertEngine engine(&store, &clock);
    QSignalSpy spy(&engine, &AlertEngine::alertRaised);
    Harness builder;
    ProbeResult r = builder.quota(800, 2000, reset);
    r.probedAt = clock.nowUtc();
    engine.process(r);
    QCOMPARE(spy.size(), 1);
    QCOMPARE(spy[0][0].value<Alert>().rule, AlertRule::Forecast);
}

// ---------------------------------------------------------------------------------------------
// Persistence

void TestAlertEngine::restartDoesNotRepeat()
{
    Harness h;
    const QDateTime reset = h.now().addSecs(3600);
    h.engine->process(h.quota(150, 1000, reset));
    h.engine->process(h.quota(150, 1000, reset, QStringLiteral("other-id")));
    QCOMPARE(h.alerts.size(), 2);
    for (int i = 0; i < 3; ++i) {
        h.restart();
        h.clock.advanceSeconds(60);
        h.engine->process(h.quota(140, 1000, reset));
        h.engine->process(h.quota(140, 1000, reset, QStringLiteral("other-id")));
    }
    QCOMPARE(h.alerts.size(), 2);
    // Restored is still owed after the restart.
    h.restart();
    h.engine->process(h.quota(900, 1000, reset));
    QCOMPARE(h.alerts.last().rule, AlertRule::Restored);
    // After the reset the latch has expired; a new window alerts again even across restarts.
    h.restart();
    h.clock.advanceSeconds(3600);
    h.engine->process(h.quota(140, 1000, h.now().addSecs(3600), QStringLiteral("other-id")));
    QCOMPARE(h.alerts.last().rule, AlertRule::Warning);
    QCOMPARE(h.alerts.size(), 4);
    // A corrupt state blob is treated as no state, not as a crash.
    h.store.m_values.insert(QStringLiteral("alerts/") + kAcc, QByteArrayLiteral("{not json"));
    h.restart();
    h.engine->process(h.quota(140, 1000, h.now().addSecs(3600)));
    QCOMPARE(h.alerts.size(), 5);
}

void TestAlertEngine::restartKeepsSnoozeAndFailureStreak()
{
    Harness h;
    h.engine->snoozeFor(kAcc, 7200);
    for (int i = 0; i < 6; ++i) { // 3 minutes of failures, then Headroom restarts
        h.engine->process(h.failed(AccountState::Error));
        h.clock.advanceSeconds(30);
    }
    h.restart();
    QCOMPARE(h.engine->snoozedUntil(kAcc), h.now().addSecs(7200 - 180));
    for (int i = 0; i < 6; ++i) {
        h.engine->process(h.failed(AccountState::Error));
        h.clock.advanceSeconds(30);
    }
    QCOMPARE(h.rules(), QStringList{QStringLiteral("probe_failing")});
    QCOMPARE(h.alerts[0].suppression, AlertSuppression::Snoozed);
    h.restart();
    h.engine->process(h.failed(AccountState::Error));
    QCOMPARE(h.alerts.size(), 1);
    // Auth failure raised before a restart is not repeated after it.
    h.engine->process(h.failed(AccountState::AuthFailed));
    h.restart();
    h.engine->process(h.failed(AccountState::AuthFailed));
    QCOMPARE(h.count(AlertRule::AuthFailed), 1);
}

void TestAlertEngine::everyAlertIsAnEvent()
{
    Harness h;
    const QDateTime reset = h.now().addSecs(3600);
    h.engine->process(h.quota(150, 1000, reset));
    h.engine->process(h.quota(10, 1000, reset));
    h.engine->process(h.failed(AccountState::AuthFailed));
    QCOMPARE(h.store.m_events.size(), h.alerts.size());
    for (int i = 0; i < h.alerts.size(); ++i) {
        const Event &e = h.store.m_events[i];
        QCOMPARE(e.kind, EventKind::Alert);
        QCOMPARE(e.accountId, kAcc);
        QCOMPARE(e.time, h.now());
        QVERIFY2(e.detail.startsWith(alertRuleId(h.alerts[i].rule) + u'/'), qPrintable(e.detail));
    }
    QCOMPARE(h.store.m_events[2].status, std::optional<int>(401));
}

// ---------------------------------------------------------------------------------------------
// Settings

void TestAlertEngine::overrideJson_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QByteArray>("normalised");
    QTest::newRow("empty") << QByteArray("{}") << QByteArray("{}");
    QTest::newRow("all") << QByteArray(R"({"enabled":false,"warning_pct":30,"critical_pct":10,"forecast":false})")
                         << QByteArray(R"({"critical_pct":10,"enabled":false,"forecast":false,"warning_pct":30})");
    QTest::newRow("out of range dropped") << QByteArray(R"({"warning_pct":150,"critical_pct":-1})")
                                          << QByteArray("{}");
    QTest::newRow("wrong types dropped") << QByteArray(R"({"warning_pct":"30","enabled":1})") << QByteArray("{}");
    QTest::newRow("unknown keys kept") << QByteArray(R"({"future":{"x":1},"forecast":true})")
                                       << QByteArray(R"({"forecast":true,"future":{"x":1}})");
}

void TestAlertEngine::overrideJson()
{
    QFETCH(QByteArray, json);
    QFETCH(QByteArray, normalised);
    const AlertOverride o = AlertOverride::fromJson(QJsonDocument::fromJson(json).object());
    QCOMPARE(QJsonDocument(o.toJson()).toJson(QJsonDocument::Compact), normalised);
    QCOMPARE(AlertOverride::fromJson(o.toJson()), o);
}

void TestAlertEngine::settingsRoundTrip()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("headroom.conf"));
    AlertSettings s;
    s.warningPct = 25.5;
    s.criticalPct = 7;
    s.forecast = false;
    s.doNotDisturb = true;
    s.command = QStringLiteral("notify-send \"Headroom alert\"");
    s.commandTimeoutS = 42;
    {
        QSettings qs(path, QSettings::IniFormat);
        s.save(qs);
    }
    QSettings qs(path, QSettings::IniFormat);
    AlertSettings loaded = AlertSettings::load(qs);
    QCOMPARE(loaded, s);
    // Garbage falls back to the defaults.
    qs.setValue(QStringLiteral("alerts/warning_pct"), QStringLiteral("lots"));
    qs.setValue(QStringLiteral("alerts/critical_pct"), 400);
    qs.setValue(QStringLiteral("alerts/command_timeout_s"), -3);
    loaded = AlertSettings::load(qs);
    QCOMPARE(loaded.warningPct, 20.0);
    QCOMPARE(loaded.criticalPct, 5.0);
    QCOMPARE(loaded.commandTimeoutS, 10);
}

void TestAlertEngine::overridesThroughAccounts()
{
    QList<Account> accounts(2);
    accounts[0].id = QStringLiteral("a");
    accounts[1].id = QStringLiteral("b");
    accounts[1].alertOverrides = QJsonObject{{QStringLiteral("warning_pct"), 40}};
    AlertSettings s;
    s.loadOverrides(accounts);
    QCOMPARE(s.overrides.size(), 1);
    QCOMPARE(s.effectiveFor(QStringLiteral("b")).warningPct, 40.0);
    QCOMPARE(s.effectiveFor(QStringLiteral("a")).warningPct, 20.0);
    s.overrides[QStringLiteral("a")].enabled = false;
    s.overrides.remove(QStringLiteral("b"));
    s.storeOverrides(accounts);
    QCOMPARE(accounts[0].alertOverrides, (QJsonObject{{QStringLiteral("enabled"), false}}));
    QVERIFY(accounts[1].alertOverrides.isEmpty());
}

void TestAlertEngine::textHasNameLeftAndReset()
{
    Harness h;
    h.engine->process(h.quota(150, 1000, QDateTime(QDate(2026, 11, 23), QTime(13, 0), Qt::UTC)));
    QCOMPARE(h.alerts.size(), 1);
    const Alert &a = h.alerts[0];
    QCOMPARE(a.accountName, kName);
    QVERIFY2(a.title.contains(kName) && a.title.contains(QStringLiteral("core")), qPrintable(a.title));
    QCOMPARE(a.body, QStringLiteral("150 of 1,000 left (15 %). Resets at 13:00."));
    QCOMPARE(a.replaceKey(), kAcc + QStringLiteral("/warning"));
}

QTEST_GUILESS_MAIN(TestAlertEngine)
#include "tst_alertengine.moc"
