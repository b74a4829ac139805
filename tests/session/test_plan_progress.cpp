// A plan run against the journal (unknot/session/plan_progress.hpp): today's
// routines with what is done, from real journal records on a clock the test
// sets; the one rule that marks a day done (every routine, finished, today);
// flare mode's swap; a plan that left the content.
#include "plan_fixtures.hpp"
#include "unknot/session/plan_progress.hpp"

#include <catch2/catch.hpp>

using namespace unknot;
using namespace unknot::session;

using namespace unknot::session::test;

TEST_CASE("plan progress: nothing without an active plan, or when the plan left the content") {
    auto j = Journal::inMemory();
    const PlanBook b = twoRoutinePlan();
    CHECK_FALSE(todayInPlan(*j, b, kMondayMs, 0, false));
    REQUIRE(j->startPlan("gone", "2026-11-30", kMondayMs) == WriteStatus::Saved);
    CHECK_FALSE(todayInPlan(*j, b, kMondayMs, 0, false));
    CHECK_FALSE(markTodayIfDone(*j, b, kMondayMs, 0, false));
}

TEST_CASE("plan progress: a day is done once each of its routines has a finished session that day") {
    auto j = Journal::inMemory();
    const PlanBook b = twoRoutinePlan();
    REQUIRE(j->startPlan("two", "2026-11-30", kMondayMs) == WriteStatus::Saved);
    const std::int64_t morning = kMondayMs + 9 * 3600000;

    // Yesterday's session and one stopped early do not count.
    recordSession(*j, "neck-release", kMondayMs - 3600000);
    recordSession(*j, "shoulder-rolls", morning, false);
    auto t = todayInPlan(*j, b, morning + 3600000, 0, false);
    REQUIRE(t);
    CHECK(t->today.routines == std::vector<std::string>{"neck-release", "shoulder-rolls"});
    CHECK(t->routineDone == std::vector<bool>{false, false});
    CHECK_FALSE(t->allDone());
    CHECK_FALSE(markTodayIfDone(*j, b, morning + 3600000, 0, false));

    // One of two: not yet.
    recordSession(*j, "neck-release", morning + 3600000);
    t = todayInPlan(*j, b, morning + 2 * 3600000, 0, false);
    CHECK(t->routineDone == std::vector<bool>{true, false});
    CHECK_FALSE(markTodayIfDone(*j, b, morning + 2 * 3600000, 0, false));
    CHECK(j->planDaysDone().empty());

    // Both: marked once, then no second write.
    recordSession(*j, "shoulder-rolls", morning + 2 * 3600000);
    CHECK(markTodayIfDone(*j, b, morning + 3 * 3600000, 0, false));
    REQUIRE(j->planDaysDone().size() == 1);
    CHECK(j->planDaysDone()[0].day == 0);
    CHECK_FALSE(markTodayIfDone(*j, b, morning + 3 * 3600000, 0, false));
    t = todayInPlan(*j, b, morning + 3 * 3600000, 0, false);
    CHECK(t->today.done);
    CHECK(t->allDone());
    CHECK(t->daysDone == std::vector<int>{0});

    // The next day is a rest day: nothing to do, nothing to mark, day 0 stays done.
    t = todayInPlan(*j, b, kMondayMs + kDayMs + 3600000, 0, false);
    CHECK(t->today.routines.empty());
    CHECK(t->routineDone.empty());
    CHECK_FALSE(t->allDone());
    CHECK(t->today.nextDay == 2);
    CHECK_FALSE(markTodayIfDone(*j, b, kMondayMs + kDayMs + 3600000, 0, false));
}

TEST_CASE("plan progress: the day follows the local calendar, not UTC") {
    auto j = Journal::inMemory();
    const PlanBook b = twoRoutinePlan();
    REQUIRE(j->startPlan("two", "2026-12-02", kMondayMs) == WriteStatus::Saved);
    // 23:30 UTC on 2026-12-01 is already 2026-12-02 in Paris (+60): day 0 there.
    const std::int64_t late = kMondayMs + kDayMs + 23 * 3600000 + 30 * 60000;
    CHECK(localMidnightMs(late, 60) == kMondayMs + kDayMs + 23 * 3600000);
    recordSession(*j, "neck-release", late);
    recordSession(*j, "shoulder-rolls", late + 60000);
    CHECK_FALSE(markTodayIfDone(*j, b, late + 120000, 0, false));  // in UTC it is the day before the start
    CHECK(markTodayIfDone(*j, b, late + 120000, 60, false));
}

TEST_CASE("plan progress: in flare mode today is the flare-day routine, and it alone completes the day") {
    auto j = Journal::inMemory();
    const PlanBook b = twoRoutinePlan();
    REQUIRE(j->startPlan("two", "2026-11-30", kMondayMs) == WriteStatus::Saved);
    const std::int64_t noon = kMondayMs + 12 * 3600000;
    auto t = todayInPlan(*j, b, noon, 0, true);
    REQUIRE(t);
    CHECK(t->today.flareSwapped);
    CHECK(t->today.routines == std::vector<std::string>{"flare-day-calm"});
    recordSession(*j, "flare-day-calm", noon);
    CHECK(markTodayIfDone(*j, b, noon + 60000, 0, true));
    // Out of flare mode the same day shows done, its own routines ticked.
    t = todayInPlan(*j, b, noon + 120000, 0, false);
    CHECK(t->today.done);
    CHECK(t->routineDone == std::vector<bool>{true, true});
}
