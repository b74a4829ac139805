// A plan run against the journal: which plan is active, what today asks for
// after the flare swap, which of today's routines were done, and the one rule
// that marks a plan day done. Home's "Today" card, the plan screen and the
// session's end all read it from here, so they never disagree.
//
// A plan day is done when every routine it names has a finished session that
// started on that local day. Sessions stopped early do not count, and a
// missed day is simply past (see planToday): nothing is carried over.
#pragma once

#include "unknot/journal.hpp"
#include "unknot/plan.hpp"
#include "unknot/session/plan_today.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace unknot::session {

struct TodayInPlan {
    const Plan* plan = nullptr;  // in the PlanBook it came from
    ActivePlan run;              // the journal's active run of it
    PlanToday today;
    std::vector<bool> routineDone;  // one per today.routines
    std::vector<int> daysDone;      // plan days done in this run, ascending
    bool allDone() const;           // today has routines and each one is done
};

// The local midnight (Unix ms) of the day `wallMs` falls on, `offset` minutes
// east of UTC.
std::int64_t localMidnightMs(std::int64_t wallMs, int utcOffsetMinutes);

// Which of `routines` has a finished session in `sessions` that started on
// or after `sinceMs`.
std::vector<bool> routinesDoneSince(const std::vector<std::string>& routines,
                                    const std::vector<SessionRecord>& sessions, std::int64_t sinceMs);

// The active run and today in it; nullopt when no plan is active, or when
// the active plan is no longer in `plans` (its pack removed or broken: the
// run stays in the journal and comes back with the plan).
std::optional<TodayInPlan> todayInPlan(const Journal& journal, const PlanBook& plans, std::int64_t wallMs,
                                       int utcOffsetMinutes, bool flare);

// After a session is recorded: marks today's plan day done once each of its
// routines has a finished session today. True when it wrote the mark.
bool markTodayIfDone(Journal& journal, const PlanBook& plans, std::int64_t wallMs, int utcOffsetMinutes, bool flare);

}  // namespace unknot::session
