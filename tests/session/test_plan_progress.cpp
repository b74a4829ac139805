// A plan run against the journal (unknot/session/plan_progress.hpp): today's
// routines with what is done, from real journal records on a clock the test
// sets; the one rule that marks a day done (every routine, finished, today);
// flare mode's swap; a plan that left the content.
#include "unknot/session/plan_progress.hpp"

#include <catch2/catch.hpp>

using namespace unknot;
using namespace unknot::session;

namespace {
constexpr std::int64_t kDayMs = 86400000;
// 2026-11-30 00:00 UTC, a Monday.
constexpr std::int64_t kStartMs = daysFromCivil(2026, 11, 30) * kDayMs;

PlanBook book() {
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
    PlanBook b;
    b.plans.push_back(p);
    return b;
}

void record(Journal& j, const std::string& routine, std::int64_t at, bool finished = true) {
    SessionRecord r;
    r.routineId = routine;
    r.startedAt = at;
    r.endedAt = at + 60000;
    r.practisedSeconds = 60;
    r.finished = finished;
    REQUIRE(j.addSession(r) == WriteStatus::Saved);
}
}  // namespace

TEST_CASE("plan progress: nothing without an active plan, or when the plan left the content") {
    auto j = Journal::inMemory();
    const PlanBook b = book();
    CHECK_FALSE(todayInPlan(*j, b, kStartMs, 0, false));
    REQUIRE(j->startPlan("gone", "2026-11-30", kStartMs) == WriteStatus::Saved);
    CHECK_FALSE(todayInPlan(*j, b, kStartMs, 0, false));
    CHECK_FALSE(markTodayIfDone(*j, b, kStartMs, 0, false));
}

TEST_CASE("plan progress: a day is done once each of its routines has a finished session that day") {
    auto j = Journal::inMemory();
    const PlanBook b = book();
    REQUIRE(j->startPlan("two", "2026-11-30", kStartMs) == WriteStatus::Saved);
    const std::int64_t morning = kStartMs + 9 * 3600000;

    // Yesterday's session and one stopped early do not count.
    record(*j, "neck-release", kStartMs - 3600000);
    record(*j, "shoulder-rolls", morning, false);
    auto t = todayInPlan(*j, b, morning + 3600000, 0, false);
    REQUIRE(t);
    CHECK(t->today.routines == std::vector<std::string>{"neck-release", "shoulder-rolls"});
    CHECK(t->routineDone == std::vector<bool>{false, false});
    CHECK_FALSE(t->allDone());
    CHECK_FALSE(markTodayIfDone(*j, b, morning + 3600000, 0, false));

    // One of two: not yet.
    record(*j, "neck-release", morning + 3600000);
    t = todayInPlan(*j, b, morning + 2 * 3600000, 0, false);
    CHECK(t->routineDone == std::vector<bool>{true, false});
    CHECK_FALSE(markTodayIfDone(*j, b, morning + 2 * 3600000, 0, false));
    CHECK(j->planDaysDone().empty());

    // Both: marked once, then no second write.
    record(*j, "shoulder-rolls", morning + 2 * 3600000);
    CHECK(markTodayIfDone(*j, b, morning + 3 * 3600000, 0, false));
    REQUIRE(j->planDaysDone().size() == 1);
    CHECK(j->planDaysDone()[0].day == 0);
    CHECK_FALSE(markTodayIfDone(*j, b, morning + 3 * 3600000, 0, false));
    t = todayInPlan(*j, b, morning + 3 * 3600000, 0, false);
    CHECK(t->today.done);
    CHECK(t->allDone());
    CHECK(t->daysDone == std::vector<int>{0});

    // The next day is a rest day: nothing to do, nothing to mark, day 0 stays done.
    t = todayInPlan(*j, b, kStartMs + kDayMs + 3600000, 0, false);
    CHECK(t->today.routines.empty());
    CHECK(t->routineDone.empty());
    CHECK_FALSE(t->allDone());
    CHECK(t->today.nextDay == 2);
    CHECK_FALSE(markTodayIfDone(*j, b, kStartMs + kDayMs + 3600000, 0, false));
}

TEST_CASE("plan progress: the day follows the local calendar, not UTC") {
    auto j = Journal::inMemory();
    const PlanBook b = book();
    REQUIRE(j->startPlan("two", "2026-12-02", kStartMs) == WriteStatus::Saved);
    // 23:30 UTC on 2026-12-01 is already 2026-12-02 in Paris (+60): day 0 there.
    const std::int64_t late = kStartMs + kDayMs + 23 * 3600000 + 30 * 60000;
    CHECK(localMidnightMs(late, 60) == kStartMs + kDayMs + 23 * 3600000);
    record(*j, "neck-release", late);
    record(*j, "shoulder-rolls", late + 60000);
    CHECK_FALSE(markTodayIfDone(*j, b, late + 120000, 0, false));  // in UTC it is the day before the start
    CHECK(markTodayIfDone(*j, b, late + 120000, 60, false));
}

TEST_CASE("plan progress: in flare mode today is the flare-day routine, and it alone completes the day") {
    auto j = Journal::inMemory();
    const PlanBook b = book();
    REQUIRE(j->startPlan("two", "2026-11-30", kStartMs) == WriteStatus::Saved);
    const std::int64_t noon = kStartMs + 12 * 3600000;
    auto t = todayInPlan(*j, b, noon, 0, true);
    REQUIRE(t);
    CHECK(t->today.flareSwapped);
    CHECK(t->today.routines == std::vector<std::string>{"flare-day-calm"});
    record(*j, "flare-day-calm", noon);
    CHECK(markTodayIfDone(*j, b, noon + 60000, 0, true));
    // Out of flare mode the same day shows done, its own routines ticked.
    t = todayInPlan(*j, b, noon + 120000, 0, false);
    CHECK(t->today.done);
    CHECK(t->routineDone == std::vector<bool>{true, true});
}
