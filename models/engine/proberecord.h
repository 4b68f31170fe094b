#pragma once

#include "history/historytypes.h"
#include "accounts/account.h"
#include "probe/proberesult.h"

// What one probe leaves in the history: one sample per quota (a failed probe none), and the
// events it implies: throttled, error, and a near-limit event when the account enters Warning
// or Critical. `previous` is the account's state at its previous probe (NoData for the first), which
// is what makes near-limit a transition rather than one event per probe.
HistoryRecord toHistory(const ProbeResult &result, AccountState previous = AccountState::NoData);

// The other way: a reading another process recorded, as its newest probe's samples hold it (a
// process that polls nothing follows a shared history). `samples` are the account's newest, one
// per resource; the result has one quota per sample taken at the newest time among them, none of
// the account's routes. Its state is that of a fresh reading with `thresholds` (a 429 status:
// throttled). What a sample does not keep (a documented limit, a window's length, warnings) is
// absent, never made up.
ProbeResult fromHistory(const Account &account, const QList<Sample> &samples, const Thresholds &thresholds);
// A sample's figures as a quota: what a reading read back from the history holds.
Quota quotaOf(const Sample &sample);
