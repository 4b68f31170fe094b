#pragma once

#include "history/historytypes.h"
#include "probe/proberesult.h"

// What one probe leaves in the history: one sample per quota (a failed probe none), and the
// events it implies: throttled, error, and a near-limit event when the account enters Warning
// or Critical. `previous` is the account's state at its previous probe (NoData for the first), which
// is what makes near-limit a transition rather than one event per probe.
HistoryRecord toHistory(const ProbeResult &result, AccountState previous = AccountState::NoData);
