// The daily reminder's rule (unknot/session/reminder.hpp): due at the chosen
// local time of the next plan day that has routines and is not done, strictly
// after now, on a clock and a calendar the test sets.
#include "unknot/session/reminder.hpp"

#include <catch2/catch.hpp>

using namespace unknot;
using namespace unknot::session;

namespace {
constexpr std::int64_t kDayMs = 86400000;
constexpr std::int64_t kHourMs = 3600000;
// 2026-11-30 00:00 UTC, a Monday.
constexpr std::int64_t kMonday = daysFromCivil(2026, 11, 30) * kDayMs;
constexpr int kSix = 18 * 60;  // 18:00

// One week: Monday two routines, Wednesday one, the rest rest days.
PlanBook book(bool withThen = false) {
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

void record(Journal& j, const std::string& routine, std::int64_t at) {
    SessionRecord r;
    r.routineId = routine;
    r.startedAt = at;
    r.endedAt = at + 60000;
    r.practisedSeconds = 60;
    r.finished = true;
    REQUIRE(j.addSession(r) == WriteStatus::Saved);
}

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
    const PlanBook b = book();
    CHECK_FALSE(next(*j, b, kMonday + 9 * kHourMs, fixed(0)));
    CHECK_FALSE(nextReminder(std::nullopt, kSix, false, kMonday, fixed(0)));
}

TEST_CASE("reminder: today at the chosen time while today's practice is not done, else the next plan day") {
    auto j = Journal::inMemory();
    const PlanBook b = book();
    REQUIRE(j->startPlan("two", "2026-11-30", kMonday) == WriteStatus::Saved);

    // Monday morning: today at 18:00, naming both routines.
    auto r = next(*j, b, kMonday + 9 * kHourMs, fixed(0));
    REQUIRE(r);
    CHECK(r->atMs == kMonday + 18 * kHourMs);
    CHECK(r->today);
    CHECK(r->routines == std::vector<std::string>{"neck-release", "shoulder-rolls"});

    // One of two done: still today.
    record(*j, "neck-release", kMonday + 10 * kHourMs);
    r = next(*j, b, kMonday + 11 * kHourMs, fixed(0));
    REQUIRE(r);
    CHECK(r->atMs == kMonday + 18 * kHourMs);

    // Opened after 18:00 (or just after it was shown): not today again, and
    // Tuesday rests, so Wednesday at 18:00.
    r = next(*j, b, kMonday + 18 * kHourMs, fixed(0));
    REQUIRE(r);
    CHECK(r->atMs == kMonday + 2 * kDayMs + 18 * kHourMs);
    CHECK_FALSE(r->today);
    CHECK(r->routines == std::vector<std::string>{"neck-release"});

    // Both done in the afternoon: nothing left today, so Wednesday.
    record(*j, "shoulder-rolls", kMonday + 12 * kHourMs);
    r = next(*j, b, kMonday + 13 * kHourMs, fixed(0));
    REQUIRE(r);
    CHECK(r->atMs == kMonday + 2 * kDayMs + 18 * kHourMs);

    // A rest day looks ahead too.
    r = next(*j, b, kMonday + kDayMs + 9 * kHourMs, fixed(0));
    REQUIRE(r);
    CHECK(r->atMs == kMonday + 2 * kDayMs + 18 * kHourMs);
    CHECK(r->today == false);

    // After Wednesday the plan has no more days and no "then": none.
    CHECK_FALSE(next(*j, b, kMonday + 2 * kDayMs + 19 * kHourMs, fixed(0)));
}

TEST_CASE("reminder: the maintenance rhythm after the weeks still gets one, within the horizon") {
    auto j = Journal::inMemory();
    const PlanBook b = book(true);
    REQUIRE(j->startPlan("two", "2026-11-30", kMonday) == WriteStatus::Saved);
    // Weekly after the 7 days: the first maintenance day is plan day 13.
    auto r = next(*j, b, kMonday + 2 * kDayMs + 19 * kHourMs, fixed(0));
    REQUIRE(r);
    CHECK(r->atMs == kMonday + 13 * kDayMs + 18 * kHourMs);
    CHECK(r->routines == std::vector<std::string>{"neck-release"});
}

TEST_CASE("reminder: a plan starting later is reminded of on its first day; flare mode names the flare routine") {
    auto j = Journal::inMemory();
    const PlanBook b = book();
    REQUIRE(j->startPlan("two", "2026-12-07", kMonday) == WriteStatus::Saved);
    auto r = next(*j, b, kMonday + 9 * kHourMs, fixed(0));
    REQUIRE(r);
    CHECK(r->atMs == kMonday + 7 * kDayMs + 18 * kHourMs);
    r = next(*j, b, kMonday + 9 * kHourMs, fixed(0), true);
    REQUIRE(r);
    CHECK(r->routines == std::vector<std::string>{"flare-day-calm"});
}

TEST_CASE("reminder: the time is local, at the chosen minute, across a daylight-saving change") {
    auto j = Journal::inMemory();
    const PlanBook b = book();
    REQUIRE(j->startPlan("two", "2026-11-30", kMonday) == WriteStatus::Saved);
    // Paris in winter (+60): 18:00 there is 17:00 UTC.
    auto r = next(*j, b, kMonday + 9 * kHourMs, fixed(60));
    REQUIRE(r);
    CHECK(r->atMs == kMonday + 17 * kHourMs);
    // 07:45 chosen, early in the day.
    r = next(*j, b, kMonday + 2 * kHourMs, fixed(0), false, 7 * 60 + 45);
    REQUIRE(r);
    CHECK(r->atMs == kMonday + 7 * kHourMs + 45 * 60000);
    // The clocks go forward on Tuesday at 01:00 UTC (+60 -> +120): Wednesday's
    // 18:00 is 16:00 UTC, not 17:00.
    const std::int64_t change = kMonday + kDayMs + kHourMs;
    const OffsetAt dst = [change](std::int64_t at) { return at < change ? 60 : 120; };
    r = next(*j, b, kMonday + 19 * kHourMs, dst);
    REQUIRE(r);
    CHECK(r->atMs == kMonday + 2 * kDayMs + 16 * kHourMs);
    CHECK(localTimeMs(session::localDayNumber(kMonday, 0), kSix, dst) == kMonday + 17 * kHourMs);
}
