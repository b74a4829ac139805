// Today in a plan (unknot/session/plan_today.hpp): the plan day from the start
// date and a clock the test sets, the local day boundary, the maintenance
// rhythm after the weeks, what is done, and flare mode's swap.
#include "unknot/session/plan_today.hpp"

#include <catch2/catch.hpp>

using namespace unknot;
using unknot::session::planToday;
using unknot::session::PlanToday;

namespace {
// 2026-11-30 00:00 UTC, a Monday, in Unix ms.
constexpr std::int64_t kStartMs = session::daysFromCivil(2026, 11, 30) * 86400000;
constexpr std::int64_t kDayMs = 86400000;

// Two weeks: days 1, 3 and 5 of each have routines; then fortnightly.
Plan twoWeeks() {
    Plan p;
    p.id = "t";
    p.flareDay = "flare-day-calm";
    for (int w = 0; w < 2; ++w) {
        PlanWeek week;
        for (int d = 0; d < 7; ++d) {
            PlanDay day;
            if (d == 0) day.routines = {"neck-release", "shoulder-rolls"};
            if (d == 2 || d == 4) day.routines = {"neck-release"};
            week.days.push_back(day);
        }
        p.weeks.push_back(week);
    }
    p.then = PlanThen{PlanRhythm::Fortnightly, {"shoulder-rolls"}};
    return p;
}
}  // namespace

TEST_CASE("dates: days since 1970, the shape checked, the local day from the clock and the offset") {
    CHECK(session::daysFromCivil(1970, 1, 1) == 0);
    CHECK(session::daysFromCivil(2000, 3, 1) - session::daysFromCivil(2000, 2, 28) == 2);  // 2000 was leap
    CHECK(session::parseDayNumber("2026-11-30") == session::daysFromCivil(2026, 11, 30));
    CHECK_FALSE(session::parseDayNumber("2026-1-30"));
    CHECK_FALSE(session::parseDayNumber("2026-13-01"));
    // 23:30 UTC is the next day in Paris (+60 min) and the same day in New York (-300).
    const std::int64_t late = kStartMs + 23 * 3600000 + 30 * 60000;
    CHECK(session::localDayNumber(late, 60) == session::daysFromCivil(2026, 12, 1));
    CHECK(session::localDayNumber(late, -300) == session::daysFromCivil(2026, 11, 30));
    CHECK(session::localDayNumber(-1, 0) == -1);  // before 1970 rounds down
}

TEST_CASE("today in the weeks: the day, week and routines; rest days; done from the journal") {
    const Plan p = twoWeeks();
    auto t = planToday(p, "2026-11-30", kStartMs + 10 * 3600000, 0, {}, false);
    CHECK(t.phase == PlanToday::Phase::Weeks);
    CHECK(t.day == 0);
    CHECK(t.week == 1);
    CHECK(t.dayOfWeek == 1);
    CHECK(t.routines == std::vector<std::string>{"neck-release", "shoulder-rolls"});
    CHECK_FALSE(t.done);
    CHECK(t.nextDay == 2);

    auto rest = planToday(p, "2026-11-30", kStartMs + 1 * kDayMs, 0, {0}, false);
    CHECK(rest.day == 1);
    CHECK(rest.routines.empty());
    CHECK_FALSE(rest.done);  // a rest day is never "done" nor "not done"
    CHECK(rest.daysDone == 1);

    auto week2 = planToday(p, "2026-11-30", kStartMs + 9 * kDayMs, 0, {0, 9}, false);
    CHECK(week2.week == 2);
    CHECK(week2.dayOfWeek == 3);
    CHECK(week2.done);
    // A missed day is simply past: today is today, whatever was missed.
    auto missed = planToday(p, "2026-11-30", kStartMs + 11 * kDayMs, 0, {}, false);
    CHECK(missed.routines == std::vector<std::string>{"neck-release"});
    CHECK_FALSE(missed.done);
}

TEST_CASE("before the start, and after the weeks at the maintenance rhythm, or finished without one") {
    Plan p = twoWeeks();
    auto before = planToday(p, "2026-11-30", kStartMs - kDayMs, 0, {}, false);
    CHECK(before.phase == PlanToday::Phase::NotStarted);
    CHECK(before.day == -1);
    CHECK(before.routines.empty());
    CHECK(before.nextDay == 0);
    // Day 14 is the first after the weeks; fortnightly: days 27, 41, ...
    auto first = planToday(p, "2026-11-30", kStartMs + 14 * kDayMs, 0, {}, false);
    CHECK(first.phase == PlanToday::Phase::Then);
    CHECK(first.routines.empty());
    CHECK(first.nextDay == 27);
    CHECK(planToday(p, "2026-11-30", kStartMs + 27 * kDayMs, 0, {}, false).routines ==
          std::vector<std::string>{"shoulder-rolls"});
    CHECK(planToday(p, "2026-11-30", kStartMs + 41 * kDayMs, 0, {}, false).routines.size() == 1);
    CHECK(planToday(p, "2026-11-30", kStartMs + 40 * kDayMs, 0, {}, false).routines.empty());
    p.then->every = PlanRhythm::Monthly;
    CHECK(planToday(p, "2026-11-30", kStartMs + 41 * kDayMs, 0, {}, false).routines.size() == 1);  // 14 + 28 - 1
    p.then.reset();
    auto finished = planToday(p, "2026-11-30", kStartMs + 14 * kDayMs, 0, {}, false);
    CHECK(finished.phase == PlanToday::Phase::Finished);
    CHECK(finished.routines.empty());
    CHECK_FALSE(finished.nextDay);
}

TEST_CASE("flare mode turns a day with routines into the flare-day routine, or rest without one") {
    Plan p = twoWeeks();
    auto t = planToday(p, "2026-11-30", kStartMs, 0, {}, true);
    CHECK(t.flareSwapped);
    CHECK(t.routines == std::vector<std::string>{"flare-day-calm"});
    auto rest = planToday(p, "2026-11-30", kStartMs + kDayMs, 0, {}, true);
    CHECK_FALSE(rest.flareSwapped);  // a rest day stays a rest day
    CHECK(rest.routines.empty());
    p.flareDay.clear();
    auto none = planToday(p, "2026-11-30", kStartMs, 0, {0}, true);
    CHECK(none.flareSwapped);
    CHECK(none.routines.empty());
    CHECK_FALSE(none.done);
}

TEST_CASE("a start date that is not a date gives a plan not started") {
    auto t = planToday(twoWeeks(), "soon", kStartMs, 0, {}, false);
    CHECK(t.phase == PlanToday::Phase::NotStarted);
    CHECK(t.routines.empty());
}
