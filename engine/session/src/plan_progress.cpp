#include "unknot/session/plan_progress.hpp"

#include <algorithm>

namespace unknot::session {

bool TodayInPlan::allDone() const {
    return !routineDone.empty() && std::all_of(routineDone.begin(), routineDone.end(), [](bool b) { return b; });
}

std::int64_t localMidnightMs(std::int64_t wallMs, int utcOffsetMinutes) {
    constexpr std::int64_t kDayMs = 86400000;
    return localDayNumber(wallMs, utcOffsetMinutes) * kDayMs - std::int64_t{utcOffsetMinutes} * 60000;
}

std::vector<bool> routinesDoneSince(const std::vector<std::string>& routines,
                                    const std::vector<SessionRecord>& sessions, std::int64_t sinceMs) {
    std::vector<bool> done(routines.size(), false);
    for (const SessionRecord& s : sessions) {
        if (!s.finished || s.startedAt < sinceMs) continue;
        for (std::size_t i = 0; i < routines.size(); ++i)
            if (routines[i] == s.routineId) done[i] = true;
    }
    return done;
}

std::optional<TodayInPlan> todayInPlan(const Journal& journal, const PlanBook& plans, std::int64_t wallMs,
                                       int utcOffsetMinutes, bool flare) {
    const std::optional<ActivePlan> run = journal.activePlan();
    if (!run) return std::nullopt;
    const Plan* plan = plans.find(run->planId);
    if (!plan) return std::nullopt;
    TodayInPlan t;
    t.plan = plan;
    t.run = *run;
    for (const PlanDayDone& d : journal.planDaysDone()) t.daysDone.push_back(d.day);
    std::sort(t.daysDone.begin(), t.daysDone.end());
    t.today = planToday(*plan, run->startDate, wallMs, utcOffsetMinutes, t.daysDone, flare);
    if (!t.today.routines.empty()) {
        // A day names at most three routines, so today's sessions are few: the
        // newest hundred cover any real day.
        HistoryQuery q;
        q.nowMs = wallMs;
        q.utcOffsetMinutes = utcOffsetMinutes;
        q.weeks = 1;
        q.sessionLimit = 100;
        q.chartLimit = 0;
        const History h = journal.history(q);
        t.routineDone = routinesDoneSince(t.today.routines, h.sessions, localMidnightMs(wallMs, utcOffsetMinutes));
        // A day already marked stays done, whatever the sessions say (a
        // session deleted by an import, a routine renamed since).
        if (t.today.done) std::fill(t.routineDone.begin(), t.routineDone.end(), true);
    }
    return t;
}

bool markTodayIfDone(Journal& journal, const PlanBook& plans, std::int64_t wallMs, int utcOffsetMinutes, bool flare) {
    const std::optional<TodayInPlan> t = todayInPlan(journal, plans, wallMs, utcOffsetMinutes, flare);
    if (!t || t->today.done || !t->allDone() || t->today.day < 0 || t->today.day > kMaxPlanDayIndex) return false;
    return journal.markPlanDayDone(static_cast<int>(t->today.day), wallMs) != WriteStatus::Rejected;
}

}  // namespace unknot::session
