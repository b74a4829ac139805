// What the plan tests share (test_plan_progress.cpp, test_reminder.cpp): a
// one-week plan on a Monday, and finished sessions written to a real journal.
#pragma once

#include "unknot/session/plan_progress.hpp"

#include <catch2/catch.hpp>

#include <cstdint>
#include <string>

namespace unknot::session::test {

constexpr std::int64_t kDayMs = 86400000;
// 2026-11-30 00:00 UTC, a Monday.
constexpr std::int64_t kMondayMs = daysFromCivil(2026, 11, 30) * kDayMs;

// Plan "two", one week: Monday two routines, Wednesday one, the rest rest
// days; its flare-day routine "flare-day-calm"; `withThen`: a weekly
// maintenance day of neck-release after the week.
inline PlanBook twoRoutinePlan(bool withThen = false) {
    Plan p;
    p.id = "two";
    p.flareDay = "flare-day-calm";
    PlanWeek week;
    for (int d = 0; d < 7; ++d) {
        PlanDay day;
        if (d == 0) day.routines = {"neck-release", "shoulder-rolls"};
        if (d == 2) day.routines = {"neck-release"};
        week.days.push_back(day);
    }
    p.weeks = {week};
    if (withThen) p.then = PlanThen{PlanRhythm::Weekly, {"neck-release"}};
    PlanBook b;
    b.plans.push_back(p);
    return b;
}

// A session of `routine` started at `at`, a minute long.
inline void recordSession(Journal& j, const std::string& routine, std::int64_t at, bool finished = true) {
    SessionRecord r;
    r.routineId = routine;
    r.startedAt = at;
    r.endedAt = at + 60000;
    r.practisedSeconds = 60;
    r.finished = finished;
    REQUIRE(j.addSession(r) == WriteStatus::Saved);
}

}  // namespace unknot::session::test
