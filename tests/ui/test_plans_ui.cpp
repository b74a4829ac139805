// Plans over weeks driven headless (issue 16 part 2): Home offers the plans,
// a plan is started from its screen, Home's "Today" card then shows today's
// routines with one tap to start, what is done and the gentle reminder; the
// day is marked in the journal when its last routine ends; flare mode turns
// today into the flare-day routine and says so; Stop asks first. The wall
// clock is a ManualClock the test sets, the session clock the harness's.
#include "harness.hpp"

#include "unknot/session/route.hpp"

#include <memory>

using namespace unknot;
using namespace unknot::ui;
using namespace unknot::ui::test;

namespace {
constexpr const char* kPlan = "neck-shoulders-first-weeks";
}  // namespace

TEST_CASE("plans: the routes plans and plan:ID, read back as written; an unknown plan is refused") {
    REQUIRE(parseRoute("plans"));
    CHECK(formatRoute(*parseRoute("plans")) == "plans");
    REQUIRE(parseRoute("plan:calmer-evenings"));
    CHECK(std::get<route::Plan>(*parseRoute("plan:calmer-evenings")).plan == "calmer-evenings");
    CHECK(formatRoute(*parseRoute("plan:calmer-evenings")) == "plan:calmer-evenings");
    CHECK_FALSE(parseRoute("plan:"));
    PlanRig r;
    std::string err;
    CHECK_FALSE(r.app.open("plan:no-such-plan", 0, &err));
    CHECK(err.find("unknown plan: no-such-plan") != std::string::npos);
    REQUIRE(r.app.open(std::string("plan:") + kPlan, 0, &err));
    r.h.frames(r.app, 2);
    CHECK(r.app.screenName() == "plan");
}

TEST_CASE("plans: started from its screen, today's routines are on Home, one tap starts each, the day is marked") {
    PlanRig r;
    // No plan yet: Home offers them; no Today card.
    CHECK_FALSE(r.says("Today"));
    r.tapShown("plans");
    REQUIRE(r.app.screenName() == "plans");
    REQUIRE(bundledPlans().plans.size() == 5);
    for (const Plan& p : bundledPlans().plans) CHECK(r.h.reveal(r.app, "plan:" + p.id, 195, 500));
    r.tapShown(std::string("plan:") + kPlan);
    REQUIRE(r.app.screenName() == "plan");
    CHECK(r.says("Week 3"));
    CHECK(r.says("Every two weeks"));
    r.tapShown("plan-start");
    REQUIRE(r.journal->activePlan());
    CHECK(r.journal->activePlan()->planId == kPlan);
    CHECK(r.journal->activePlan()->startDate == "2026-11-30");
    CHECK(r.says("today"));  // the weeks now mark today
    CHECK(r.has("plan-stop"));

    // Home: the Today card, day 1 of week 1, with its two routines.
    r.tapShown("back-nav");
    r.tapShown("back-nav");
    REQUIRE(r.app.screenName() == "home");
    CHECK(r.says("Today"));
    CHECK(r.says("week 1, day 1"));
    CHECK(r.says("Not done yet today"));
    CHECK_FALSE(r.has("plans"));
    REQUIRE(r.has("today:neck-release"));
    REQUIRE(r.has("today:shoulder-rolls"));

    // The first routine, played to its end: done, but the day is not yet.
    r.tapShown("today:neck-release");
    r.playToEnd();
    CHECK(r.journal->planDaysDone().empty());
    r.tapShown("done");
    REQUIRE(r.app.screenName() == "home");
    CHECK(r.says("Done today"));
    CHECK(r.says("Not done yet today"));

    // The second: the day is marked in the journal by the frame that ends it.
    r.tapShown("today:shoulder-rolls");
    r.playToEnd();
    REQUIRE(r.journal->planDaysDone().size() == 1);
    CHECK(r.journal->planDaysDone()[0].day == 0);
    r.tapShown("done");
    CHECK(r.says("Today\u2019s practice is done"));
    CHECK_FALSE(r.says("Not done yet today"));

    // The next day is a rest day: said plainly, with the next practice; no
    // word about anything missed.
    r.clock.ms += 86400000;
    r.h.frames(r.app, 3);
    CHECK(r.says("A rest day"));
    CHECK(r.says("Next practice"));
    CHECK_FALSE(r.has("today:neck-release"));
}

TEST_CASE("plans: flare mode turns today into the flare-day routine and says so") {
    PlanRig r;
    REQUIRE(r.journal->startPlan(kPlan, "2026-11-30", kMondayMs) == WriteStatus::Saved);
    r.h.frames(r.app, 3);
    REQUIRE(r.has("today:neck-release"));
    Settings s = r.app.settings();
    s.flareMode = true;
    r.app.setSettings(s);
    r.h.frames(r.app, 3);
    CHECK(r.says("Flare mode: today is the gentlest routine"));
    CHECK(r.has("today:flare-day-calm"));
    CHECK_FALSE(r.has("today:neck-release"));
    // Flare mode on a rest day: a rest day, said so.
    r.clock.ms += 86400000;
    r.h.frames(r.app, 3);
    CHECK(r.says("A rest day"));
}

TEST_CASE("plans: Stop asks first; keeping the plan changes nothing; stopping brings the plans back to Home") {
    PlanRig r;
    REQUIRE(r.journal->startPlan(kPlan, "2026-11-30", kMondayMs) == WriteStatus::Saved);
    r.h.frames(r.app, 3);
    r.tapShown("today-plan");
    REQUIRE(r.app.screenName() == "plan");
    r.tapShown("plan-stop");
    CHECK(r.says("Stop this plan?"));
    r.tapShown("plan-stop-no");
    CHECK(r.journal->activePlan());
    r.tapShown("plan-stop");
    r.tapShown("plan-stop-yes");
    CHECK_FALSE(r.journal->activePlan());
    CHECK(r.has("plan-start"));
    // Back to the list, then Home: the plans are offered again.
    r.tapShown("back-nav");
    REQUIRE(r.app.screenName() == "plans");
    r.tapShown("back-nav");
    REQUIRE(r.app.screenName() == "home");
    CHECK(r.has("plans"));
    CHECK_FALSE(r.says("Not done yet today"));
}

TEST_CASE("plans: starting another plan says the current one will stop, and replaces it") {
    PlanRig r;
    REQUIRE(r.journal->startPlan(kPlan, "2026-11-30", kMondayMs) == WriteStatus::Saved);
    std::string err;
    REQUIRE(r.app.open("plan:calmer-evenings", 0, &err));
    r.h.frames(r.app, 3);
    CHECK(r.says("will stop"));
    r.tapShown("plan-start");
    REQUIRE(r.journal->activePlan());
    CHECK(r.journal->activePlan()->planId == "calmer-evenings");
}
