// The daily reminder's rule (unknot/session/reminder.hpp): due at the chosen
// local time of the next plan day that has routines and is not done, strictly
// after now, on a clock and a calendar the test sets.
#include "plan_fixtures.hpp"
#include "unknot/session/reminder.hpp"

#include <catch2/catch.hpp>

using namespace unknot;
using namespace unknot::session;

using namespace unknot::session::test;

namespace {
constexpr std::int64_t kHourMs = 3600000;
constexpr int kSix = 18 * 60;  // 18:00

OffsetAt fixed(int minutes) {
    return [minutes](std::int64_t) { return minutes; };
}

std::optional<ReminderDue> next(const Journal& j, const PlanBook& b, std::int64_t now, const OffsetAt& off,
                                bool flare = false, int minute = kSix) {
    return nextReminder(todayInPlan(j, b, now, off(now), flare), minute, flare, now, off);
}
}  // namespace

TEST_CASE("reminder: none without an active plan") {
    auto j = Journal::inMemory();
    const PlanBook b = twoRoutinePlan();
    CHECK_FALSE(next(*j, b, kMondayMs + 9 * kHourMs, fixed(0)));
    CHECK_FALSE(nextReminder(std::nullopt, kSix, false, kMondayMs, fixed(0)));
}

TEST_CASE("reminder: today at the chosen time while today's practice is not done, else the next plan day") {
    auto j = Journal::inMemory();
    const PlanBook b = twoRoutinePlan();
    REQUIRE(j->startPlan("two", "2026-11-30", kMondayMs) == WriteStatus::Saved);

    // Monday morning: today at 18:00, naming both routines.
    auto r = next(*j, b, kMondayMs + 9 * kHourMs, fixed(0));
    REQUIRE(r);
    CHECK(r->atMs == kMondayMs + 18 * kHourMs);
    CHECK(r->today);
    CHECK(r->routines == std::vector<std::string>{"neck-release", "shoulder-rolls"});

    // One of two done: still today.
    recordSession(*j, "neck-release", kMondayMs + 10 * kHourMs);
    r = next(*j, b, kMondayMs + 11 * kHourMs, fixed(0));
    REQUIRE(r);
    CHECK(r->atMs == kMondayMs + 18 * kHourMs);

    // Opened after 18:00 (or just after it was shown): not today again, and
    // Tuesday rests, so Wednesday at 18:00.
    r = next(*j, b, kMondayMs + 18 * kHourMs, fixed(0));
    REQUIRE(r);
    CHECK(r->atMs == kMondayMs + 2 * kDayMs + 18 * kHourMs);
    CHECK_FALSE(r->today);
    CHECK(r->routines == std::vector<std::string>{"neck-release"});

    // Both done in the afternoon: nothing left today, so Wednesday.
    recordSession(*j, "shoulder-rolls", kMondayMs + 12 * kHourMs);
    r = next(*j, b, kMondayMs + 13 * kHourMs, fixed(0));
    REQUIRE(r);
    CHECK(r->atMs == kMondayMs + 2 * kDayMs + 18 * kHourMs);

    // A rest day looks ahead too.
    r = next(*j, b, kMondayMs + kDayMs + 9 * kHourMs, fixed(0));
    REQUIRE(r);
    CHECK(r->atMs == kMondayMs + 2 * kDayMs + 18 * kHourMs);
    CHECK(r->today == false);

    // After Wednesday the plan has no more days and no "then": none.
    CHECK_FALSE(next(*j, b, kMondayMs + 2 * kDayMs + 19 * kHourMs, fixed(0)));
}

TEST_CASE("reminder: the maintenance rhythm after the weeks still gets one, within the horizon") {
    auto j = Journal::inMemory();
    const PlanBook b = twoRoutinePlan(true);
    REQUIRE(j->startPlan("two", "2026-11-30", kMondayMs) == WriteStatus::Saved);
    // Weekly after the 7 days: the first maintenance day is plan day 13.
    auto r = next(*j, b, kMondayMs + 2 * kDayMs + 19 * kHourMs, fixed(0));
    REQUIRE(r);
    CHECK(r->atMs == kMondayMs + 13 * kDayMs + 18 * kHourMs);
    CHECK(r->routines == std::vector<std::string>{"neck-release"});
}

TEST_CASE("reminder: a plan starting later is reminded of on its first day; flare mode names the flare routine") {
    auto j = Journal::inMemory();
    const PlanBook b = twoRoutinePlan();
    REQUIRE(j->startPlan("two", "2026-12-07", kMondayMs) == WriteStatus::Saved);
    auto r = next(*j, b, kMondayMs + 9 * kHourMs, fixed(0));
    REQUIRE(r);
    CHECK(r->atMs == kMondayMs + 7 * kDayMs + 18 * kHourMs);
    r = next(*j, b, kMondayMs + 9 * kHourMs, fixed(0), true);
    REQUIRE(r);
    CHECK(r->routines == std::vector<std::string>{"flare-day-calm"});
}

TEST_CASE("reminder: the time is local, at the chosen minute, across a daylight-saving change") {
    auto j = Journal::inMemory();
    const PlanBook b = twoRoutinePlan();
    REQUIRE(j->startPlan("two", "2026-11-30", kMondayMs) == WriteStatus::Saved);
    // Paris in winter (+60): 18:00 there is 17:00 UTC.
    auto r = next(*j, b, kMondayMs + 9 * kHourMs, fixed(60));
    REQUIRE(r);
    CHECK(r->atMs == kMondayMs + 17 * kHourMs);
    // 07:45 chosen, early in the day.
    r = next(*j, b, kMondayMs + 2 * kHourMs, fixed(0), false, 7 * 60 + 45);
    REQUIRE(r);
    CHECK(r->atMs == kMondayMs + 7 * kHourMs + 45 * 60000);
    // The clocks go forward on Tuesday at 01:00 UTC (+60 -> +120): Wednesday's
    // 18:00 is 16:00 UTC, not 17:00.
    const std::int64_t change = kMondayMs + kDayMs + kHourMs;
    const OffsetAt dst = [change](std::int64_t at) { return at < change ? 60 : 120; };
    r = next(*j, b, kMondayMs + 19 * kHourMs, dst);
    REQUIRE(r);
    CHECK(r->atMs == kMondayMs + 2 * kDayMs + 16 * kHourMs);
    CHECK(localTimeMs(session::localDayNumber(kMondayMs, 0), kSix, dst) == kMondayMs + 17 * kHourMs);
}
