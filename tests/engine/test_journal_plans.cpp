// Plans in the journal (schema version 4): the active run, its start date and
// the days done; kept across reopening, after a migration from every earlier
// version, while writes fail (pending), and through export and import.
//
// [SECTION] The active plan and the days done
// [SECTION] Migrations
// [SECTION] Export and import
#include "../journal/journal_test_support.hpp"
#include "helpers.hpp"

#include "unknot/journal.hpp"

#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>

using journaltest::kNow;
using journaltest::TempDir;
using journaltest::writeVersion;
using unknot::ActivePlan;
using unknot::Journal;
using unknot::PlanDayDone;
using unknot::WriteStatus;

namespace {
std::vector<int> days(const Journal& j) {
    std::vector<int> out;
    for (const auto& d : j.planDaysDone()) out.push_back(d.day);
    return out;
}
}  // namespace

//-----------------------------------------------------------------------------
// [SECTION] The active plan and the days done
//-----------------------------------------------------------------------------
TEST_CASE("a plan started, days marked done, kept across reopening; a new run starts with none done") {
    TempDir d;
    const std::string p = d.str() + "/journal.db";
    {
        auto j = Journal::open(p, kNow);
        CHECK_FALSE(j->activePlan());
        CHECK(j->planDaysDone().empty());
        CHECK(j->markPlanDayDone(0, kNow) == WriteStatus::Rejected);  // no plan active
        REQUIRE(j->startPlan("back-care-four-weeks", "2026-11-30", kNow) == WriteStatus::Saved);
        CHECK(j->markPlanDayDone(0, kNow + 1) == WriteStatus::Saved);
        CHECK(j->markPlanDayDone(2, kNow + 2) == WriteStatus::Saved);
        CHECK(j->markPlanDayDone(2, kNow + 3) == WriteStatus::Saved);  // again: no change
    }
    auto j = Journal::open(p, kNow);
    REQUIRE(j->activePlan());
    CHECK(*j->activePlan() == ActivePlan{"back-care-four-weeks", "2026-11-30", kNow});
    CHECK(days(*j) == std::vector<int>{0, 2});
    CHECK(j->planDaysDone()[1].doneAt == kNow + 2);  // the first time is kept
    // Starting again (another date) is a new run; the old run's days remain.
    REQUIRE(j->startPlan("back-care-four-weeks", "2026-12-07", kNow) == WriteStatus::Saved);
    CHECK(j->planDaysDone().empty());
    CHECK(j->allPlanDays().size() == 2);
    CHECK(j->stopPlan() == WriteStatus::Saved);
    CHECK_FALSE(j->activePlan());
    CHECK(j->planDaysDone().empty());
}

TEST_CASE("plan writes check their input: the date exists, the day is within about ten years, the id is sane") {
    auto j = Journal::inMemory();
    CHECK(j->startPlan("p", "2026-02-29", kNow) == WriteStatus::Rejected);
    CHECK(j->startPlan("p", "2028-02-29", kNow) == WriteStatus::Saved);  // a leap year
    CHECK(j->startPlan("p", "2026-13-01", kNow) == WriteStatus::Rejected);
    CHECK(j->startPlan("p", "26-11-30", kNow) == WriteStatus::Rejected);
    CHECK(j->startPlan("", "2026-11-30", kNow) == WriteStatus::Rejected);
    CHECK(j->startPlan(std::string("a\0b", 3), "2026-11-30", kNow) == WriteStatus::Rejected);
    CHECK(j->markPlanDayDone(-1, kNow) == WriteStatus::Rejected);
    CHECK(j->markPlanDayDone(unknot::kMaxPlanDayIndex + 1, kNow) == WriteStatus::Rejected);
    CHECK(j->markPlanDayDone(unknot::kMaxPlanDayIndex, kNow) == WriteStatus::Saved);
    CHECK(j->activePlan()->startDate == "2028-02-29");
}

TEST_CASE("plan writes that cannot be saved are pending, shown by the queries, then saved") {
    TempDir d;
    auto j = Journal::open(d.str() + "/journal.db", kNow);
    j->setReadOnlyForTesting(true);
    CHECK(j->startPlan("calmer-evenings", "2026-11-30", kNow) == WriteStatus::Pending);
    CHECK(j->markPlanDayDone(1, kNow) == WriteStatus::Pending);
    CHECK(j->activePlan()->planId == "calmer-evenings");
    CHECK(days(*j) == std::vector<int>{1});
    j->setReadOnlyForTesting(false);
    CHECK(j->retryPending());
    CHECK(j->pendingWrites() == 0);
    CHECK(days(*j) == std::vector<int>{1});
    CHECK(j->stopPlan() == WriteStatus::Saved);
}

//-----------------------------------------------------------------------------
// [SECTION] Migrations
//-----------------------------------------------------------------------------
TEST_CASE("a journal from every earlier version gets plans, keeps its data, and takes plan writes") {
    for (int from = 0; from < Journal::kSchemaVersion; ++from) {
        DYNAMIC_SECTION("from version " << from) {
            TempDir d;
            const std::string p = d.str() + "/journal.db";
            writeVersion(p, from);
            {
                auto j = Journal::open(p, kNow);
                CHECK(j->notices().empty());
                CHECK_FALSE(j->activePlan());
                CHECK(j->allSessions().size() == (from == 0 ? 0u : 2u));
                REQUIRE(j->startPlan("hands-with-arthritis", "2026-11-30", kNow) == WriteStatus::Saved);
                REQUIRE(j->markPlanDayDone(4, kNow) == WriteStatus::Saved);
            }
            auto j = Journal::open(p, kNow);
            auto check = unknot::checkJournal(p);
            CHECK(check.ok);
            CHECK(std::find(check.lines.begin(), check.lines.end(), "plan_days: 1") != check.lines.end());
            CHECK(j->activePlan()->planId == "hands-with-arthritis");
            CHECK(days(*j) == std::vector<int>{4});
            CHECK(j->allSessions().size() == (from == 0 ? 0u : 2u));
        }
    }
}

//-----------------------------------------------------------------------------
// [SECTION] Export and import
//-----------------------------------------------------------------------------
TEST_CASE("export carries the active plan and every run's days; import brings them back once") {
    auto a = Journal::inMemory();
    REQUIRE(a->startPlan("neck-shoulders-first-weeks", "2026-11-02", kNow - 1000) == WriteStatus::Saved);
    REQUIRE(a->markPlanDayDone(0, kNow - 900) == WriteStatus::Saved);
    REQUIRE(a->startPlan("calmer-evenings", "2026-11-30", kNow) == WriteStatus::Saved);
    REQUIRE(a->markPlanDayDone(3, kNow + 10) == WriteStatus::Saved);
    const std::string text = unknot::exportJson(*a, kNow);
    auto doc = nlohmann::json::parse(text);
    CHECK(doc["version"] == 2);
    CHECK(doc["active_plan"]["plan_id"] == "calmer-evenings");
    CHECK(doc["active_plan"]["start_date"] == "2026-11-30");
    REQUIRE(doc["plan_days"].size() == 2);
    CHECK(doc["plan_days"][0]["plan_id"] == "calmer-evenings");  // by plan id
    CHECK(doc["plan_days"][0]["day"] == 3);

    auto b = Journal::inMemory();
    auto r = unknot::importJson(*b, text);
    INFO(r.error);
    REQUIRE(r.ok);
    CHECK(r.planDaysAdded == 2);
    CHECK(*b->activePlan() == *a->activePlan());
    CHECK(b->allPlanDays() == a->allPlanDays());
    // Again: nothing new.
    auto again = unknot::importJson(*b, text);
    REQUIRE(again.ok);
    CHECK(again.planDaysAdded == 0);
    CHECK(b->allPlanDays().size() == 2);

    // A journal with its own active plan keeps it, and still gets the days.
    auto c = Journal::inMemory();
    REQUIRE(c->startPlan("back-care-four-weeks", "2026-11-29", kNow) == WriteStatus::Saved);
    REQUIRE(unknot::importJson(*c, text).ok);
    CHECK(c->activePlan()->planId == "back-care-four-weeks");
    CHECK(c->allPlanDays().size() == 2);
}

TEST_CASE("import reads format 1 files (no plans) and refuses bad plan entries, writing nothing") {
    auto j = Journal::inMemory();
    CHECK(unknot::importJson(*j, R"({"format": "unknot-journal", "version": 1, "sessions": []})").ok);
    CHECK_FALSE(j->activePlan());
    auto bad = [&](const std::string& plans, const std::string& part) {
        auto r = unknot::importJson(*j, R"({"format": "unknot-journal", "version": 2, "sessions": [], )" + plans + "}");
        INFO(plans << " -> " << r.error);
        CHECK_FALSE(r.ok);
        CHECK(r.error.find(part) != std::string::npos);
    };
    const std::string day = R"("plan_id": "p", "start_date": "2026-11-30", "done_at": "2026-11-30T10:00:00.000Z")";
    bad(R"("plan_days": [{)" + day + R"(, "day": 3660}])", "plan_days[0].day: must be from 0 to 3659");
    bad(R"("plan_days": [{)" + day + R"(, "day": 1, "extra": 1}])", "plan_days[0]: unknown key 'extra'");
    bad(R"("plan_days": {})", "plan_days: must be an array");
    bad(R"("active_plan": {"plan_id": "p", "start_date": "2026-02-30", "started_at": "2026-11-30T10:00:00.000Z"})",
        "active_plan.start_date: must be a date");
    bad(R"("active_plan": {"plan_id": "", "start_date": "2026-11-30", "started_at": "2026-11-30T10:00:00.000Z"})",
        "active_plan.plan_id: must not be empty");
    bad(R"("active_plan": 3)", "active_plan: must be an object or null");
    CHECK_FALSE(j->activePlan());
    CHECK(j->allPlanDays().empty());
}

TEST_CASE("unknot export --json and unknot import carry a plan from one journal to another") {
    TempDir d;
    const std::string a = d.str() + "/a.db", b = d.str() + "/b.db", out = d.str() + "/out.json";
    {
        auto j = Journal::open(a, kNow);
        REQUIRE(j->startPlan("calmer-evenings", "2026-11-30", kNow) == WriteStatus::Saved);
        REQUIRE(j->markPlanDayDone(0, kNow) == WriteStatus::Saved);
        REQUIRE(j->markPlanDayDone(1, kNow) == WriteStatus::Saved);
    }
    Journal::open(b, kNow).reset();
    auto e = testing::runCli({"export", "--json", out, "--journal", a});
    INFO(e.err);
    REQUIRE(e.status == 0);
    auto i = testing::runCli({"import", out, "--journal", b});
    INFO(i.err);
    REQUIRE(i.status == 0);
    CHECK(i.out.find("; 2 plan days done added\n") != std::string::npos);
    auto j = Journal::open(b, kNow);
    REQUIRE(j->activePlan());
    CHECK(j->activePlan()->planId == "calmer-evenings");
    CHECK(days(*j) == std::vector<int>{0, 1});
    // Again: nothing new, and the line says nothing of plans.
    auto again = testing::runCli({"import", out, "--journal", b});
    CHECK(again.out.find("plan") == std::string::npos);
}
