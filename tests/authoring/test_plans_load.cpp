// Plans over weeks (plans/*.yaml, content/README.md section 13): the bundled
// plans load cleanly; mistakes are errors at their line, with a suggestion
// for a misspelt routine; the bounds (52 weeks, 7 days, 1 to 3 routines) hold
// at their edges. The lint wording is pinned by tests/golden/lint/plan-errors.
#include "helpers.hpp"

#include "unknot/plans.hpp"

#include <catch2/catch.hpp>

#include <string>

using namespace unknot;

namespace {

const char* kPackYaml = "format: 1\nid: t\ntitle: {en: T, fr: T}\nversion: 1.0.0\nlanguages: [en, fr]\n";

// A pack with two routines (one flare-safe) and the given plan files.
struct PlanPack {
    testing::TempDir dir;
    PlanPack() {
        dir.write("p/pack.yaml", kPackYaml);
        dir.write("p/routines/neck-release.yaml",
                  testing::routineHead("neck-release") + "  - say: {en: A., fr: A.}\n    duration: 10s\n");
        std::string notSafe = testing::routineHead("shoulder-rolls");
        notSafe.replace(notSafe.find("flare_safe: true"), 16, "flare_safe: false");
        dir.write("p/routines/shoulder-rolls.yaml", notSafe + "  - say: {en: B., fr: B.}\n    duration: 10s\n");
    }
    void plan(const std::string& name, const std::string& text) const { dir.write("p/plans/" + name, text); }
    PlanBook load(Library& lib) const {
        lib = testing::load({dir.str() + "/p"});
        return loadPlans(lib);
    }
};

std::string week(const std::string& first = "neck-release") {
    return "  - [" + first + ", rest, rest, rest, rest, rest, rest]\n";
}

std::string planText(const std::string& id, const std::string& weeks, const std::string& extra = "") {
    return "id: " + id + "\ntitle: {en: Plan, fr: Plan}\nsummary: {en: S., fr: S.}\n" + extra + "weeks:\n" + weeks;
}

bool hasError(const PlanBook& b, int line, const std::string& part) {
    for (const auto& d : b.diagnostics)
        if (d.severity == Severity::Error && d.line == line && d.message.find(part) != std::string::npos) return true;
    return false;
}

std::string all(const PlanBook& b) {
    std::string s;
    for (const auto& d : b.diagnostics) s += formatDiagnostic(d) + "\n";
    return s;
}

}  // namespace

TEST_CASE("the bundled plans load with no problem, in English and French, within the seeds' advice") {
    Library lib = testing::load({testing::contentDir() + "/core"});
    PlanBook b = loadPlans(lib);
    INFO(all(b));
    CHECK(b.diagnostics.empty());
    REQUIRE(b.plans.size() == 5);
    for (const Plan& p : b.plans) {
        INFO(p.id);
        CHECK(p.title.has("en"));
        CHECK(p.title.has("fr"));
        CHECK(p.summary.has("en"));
        CHECK(p.summary.has("fr"));
        // Weekly practice for three or four weeks, then a gentler rhythm.
        CHECK(p.weeks.size() >= 3);
        CHECK(p.weeks.size() <= 4);
        REQUIRE(p.then);
        REQUIRE_FALSE(p.flareDay.empty());
        CHECK(lib.findRoutine(p.flareDay)->flareSafe);
        for (const PlanWeek& w : p.weeks) {
            REQUIRE(w.days.size() == kPlanDaysPerWeek);
            for (const PlanDay& d : w.days) {
                CHECK(d.routines.size() <= kMaxRoutinesPerPlanDay);
                for (const auto& id : d.routines) CHECK(lib.findRoutine(id));
            }
        }
    }
    CHECK(b.find("neck-shoulders-first-weeks"));
    CHECK(b.find("calmer-evenings")->then->every == PlanRhythm::Weekly);
}

TEST_CASE("a pack without plans/ has no plan and says nothing") {
    PlanPack pp;
    Library lib;
    PlanBook b = pp.load(lib);
    CHECK(b.plans.empty());
    CHECK(b.diagnostics.empty());
}

TEST_CASE("a valid plan loads: days, rest days, one id alone, then, flare day") {
    PlanPack pp;
    pp.plan("a.yaml",
            planText("a", "  - [[neck-release, shoulder-rolls], rest, shoulder-rolls, rest, rest, rest, rest]\n",
                     "flare_day: neck-release\nthen: {every: monthly, routines: neck-release}\n"));
    Library lib;
    PlanBook b = pp.load(lib);
    INFO(all(b));
    REQUIRE(b.plans.size() == 1);
    const Plan& p = b.plans[0];
    CHECK(p.pack == "t");
    CHECK(p.dayCount() == 7);
    CHECK(p.day(0)->routines == std::vector<std::string>{"neck-release", "shoulder-rolls"});
    CHECK(p.day(1)->rest());
    CHECK(p.day(2)->routines == std::vector<std::string>{"shoulder-rolls"});
    CHECK(p.day(7) == nullptr);
    CHECK(p.flareDay == "neck-release");
    REQUIRE(p.then);
    CHECK(p.then->every == PlanRhythm::Monthly);
    CHECK(p.title.get("fr") == "Plan");
}

TEST_CASE("an unknown routine is an error at its line with a suggestion; the plan is left out, others load") {
    PlanPack pp;
    pp.plan("bad.yaml", planText("bad", week() + week("neck-relase")));
    pp.plan("good.yaml", planText("good", week()));
    Library lib;
    PlanBook b = pp.load(lib);
    INFO(all(b));
    CHECK(hasError(b, 6, "unknown routine 'neck-relase' (did you mean 'neck-release'?)"));
    REQUIRE(b.plans.size() == 1);
    CHECK(b.plans[0].id == "good");
}

TEST_CASE("plan bounds hold at their edges: 52 weeks, 7 days a week, 3 routines a day") {
    PlanPack pp;
    std::string weeks52, weeks53;
    for (int i = 0; i < 52; ++i) weeks52 += week();
    weeks53 = weeks52 + week();
    pp.plan("w52.yaml", planText("w52", weeks52));
    pp.plan("w53.yaml", planText("w53", weeks53));
    pp.plan("d6.yaml", planText("d6", "  - [neck-release, rest, rest, rest, rest, rest]\n"));
    pp.plan("d8.yaml", planText("d8", "  - [neck-release, rest, rest, rest, rest, rest, rest, rest]\n"));
    pp.plan("r3.yaml", planText("r3", week("[neck-release, shoulder-rolls, neck-release]")));
    pp.plan("r0.yaml", planText("r0", week("[]")));
    Library lib;
    PlanBook b = pp.load(lib);
    INFO(all(b));
    CHECK(b.find("w52"));
    CHECK_FALSE(b.find("w53"));
    CHECK(hasError(b, 5, "weeks must be a list of 1 to 52 weeks, not 53 weeks"));
    CHECK(hasError(b, 5, "week 1 must be a list of 7 days"));
    CHECK_FALSE(b.find("d6"));
    CHECK_FALSE(b.find("d8"));
    // Three is the most; naming one twice is its own error.
    CHECK(hasError(b, 5, "routine 'neck-release' is named twice in a day"));
    CHECK(hasError(b, 5, "a day must name 1 to 3 routines"));
    CHECK_FALSE(b.find("r0"));
}

TEST_CASE("a day of three different routines loads; four do not") {
    PlanPack pp;
    pp.dir.write("p/routines/third.yaml",
                 testing::routineHead("third") + "  - say: {en: C., fr: C.}\n    duration: 10s\n");
    pp.dir.write("p/routines/fourth.yaml",
                 testing::routineHead("fourth") + "  - say: {en: D., fr: D.}\n    duration: 10s\n");
    pp.plan("three.yaml", planText("three", week("[neck-release, shoulder-rolls, third]")));
    pp.plan("four.yaml", planText("four", week("[neck-release, shoulder-rolls, third, fourth]")));
    Library lib;
    PlanBook b = pp.load(lib);
    INFO(all(b));
    CHECK(b.find("three"));
    CHECK_FALSE(b.find("four"));
    CHECK(hasError(b, 5, "a day must name 1 to 3 routines, like [neck-release, shoulder-rolls], not 4 routines"));
}

TEST_CASE("flare day must be flare-safe; then needs a known rhythm; duplicate ids and all-rest plans are errors") {
    PlanPack pp;
    pp.plan("a.yaml", planText("a", week(), "flare_day: shoulder-rolls\n"));
    pp.plan("b.yaml", planText("b", week(), "then: {every: biweekly, routines: [neck-release]}\n"));
    pp.plan("c.yaml", planText("c", week()));
    pp.plan("d.yaml", planText("c", week()));
    pp.plan("e.yaml", planText("e", week("rest")));
    pp.plan("f.yaml", "id: f\ntitle: F\nwekes: []\n");
    Library lib;
    PlanBook b = pp.load(lib);
    INFO(all(b));
    CHECK(hasError(b, 4, "flare_day routine 'shoulder-rolls' is not marked flare_safe"));
    CHECK(hasError(b, 4, "unknown rhythm 'biweekly'"));
    CHECK(hasError(b, 1, "duplicate plan id 'c': also defined in"));
    CHECK(hasError(b, 5, "every day of the plan is a rest day"));
    CHECK(hasError(b, 3, "unknown key 'wekes' in a plan (did you mean 'weeks'?)"));
    CHECK(hasError(b, 1, "missing required field 'weeks' in a plan"));
    REQUIRE(b.plans.size() == 1);
    CHECK(b.plans[0].id == "c");
}
