// unknot plan list | show ID [--json], over the bundled plans: the output is
// pinned by golden files in tests/cli/golden (compared whole), and the JSON
// carries every week and day. Regenerate a golden file only after reading
// the difference: it is what a person sees.
#include "helpers.hpp"

#include <catch2/catch.hpp>

#include <cstdlib>
#include <fstream>
#include <sstream>

using testing::runCli;

namespace {

// The golden file `name`; with UNKNOT_UPDATE_GOLDEN=1 it is first written
// from `actual` (then read every line of the difference before committing).
std::string golden(const std::string& name, const std::string& actual) {
    const std::string path = std::string(UNKNOT_SOURCE_DIR) + "/tests/cli/golden/" + name;
    if (std::getenv("UNKNOT_UPDATE_GOLDEN")) std::ofstream(path, std::ios::binary) << actual;
    std::ifstream in(path, std::ios::binary);
    INFO("no golden file " << path << ": run with UNKNOT_UPDATE_GOLDEN=1 to write it");
    REQUIRE(in);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

std::size_t count(const std::string& s, const std::string& part) {
    std::size_t n = 0;
    for (auto at = s.find(part); at != std::string::npos; at = s.find(part, at + 1)) ++n;
    return n;
}

}  // namespace

TEST_CASE("plan list names the five bundled plans, in English and in French") {
    auto r = runCli({"plan", "list"});
    INFO(r.err);
    CHECK(r.status == 0);
    CHECK(r.out == golden("plan-list.txt", r.out));
    auto fr = runCli({"--lang", "fr", "plan", "list"});
    CHECK(fr.status == 0);
    CHECK(fr.out == golden("plan-list.fr.txt", fr.out));
}

TEST_CASE("plan show prints every week and day, then the rhythm and the flare day") {
    auto r = runCli({"plan", "show", "neck-shoulders-first-weeks"});
    INFO(r.err);
    CHECK(r.status == 0);
    CHECK(r.out == golden("plan-show-neck-shoulders.txt", r.out));
    CHECK(count(r.out, "  Day ") == 21);
}

TEST_CASE("plan list --json and plan show --json") {
    auto l = runCli({"plan", "list", "--json"});
    CHECK(l.status == 0);
    CHECK(l.out == golden("plan-list.json", l.out));
    auto s = runCli({"plan", "show", "back-care-four-weeks", "--json"});
    CHECK(s.status == 0);
    CHECK(s.out == golden("plan-show-back-care.json", s.out));
    // Four weeks of seven days: 28 day lists inside the week lists.
    CHECK(count(s.out, "\"weeks\": [") == 1);
    CHECK(count(s.out, "\n  [") == 4);
}

TEST_CASE("plan show with an unknown id suggests the nearest; plan alone asks for list or show") {
    auto r = runCli({"plan", "show", "calmer-evening"});
    CHECK(r.status == 1);
    CHECK(r.out.empty());
    CHECK(r.err ==
          "unknot: no plan with id 'calmer-evening' (did you mean 'calmer-evenings'?); 'unknot plan list' "
          "shows them all\n");
    CHECK(runCli({"plan"}).status == 2);
}

TEST_CASE("plan commands load user packs given with --content, and say when a plan has problems") {
    testing::TempDir d;
    d.write("p/pack.yaml", "format: 1\nid: p\ntitle: {en: P, fr: P}\nversion: 1.0.0\nlanguages: [en, fr]\n");
    d.write("p/routines/r.yaml", testing::routineHead("r") + "  - say: {en: A., fr: A.}\n    duration: 10s\n");
    d.write("p/plans/mine.yaml",
            "id: mine\ntitle: {en: Mine, fr: Le mien}\nweeks:\n  - [r, rest, r, rest, r, rest, rest]\n");
    d.write("p/plans/broken.yaml", "id: broken\ntitle: {en: B, fr: B}\nweeks:\n  - [q, rest]\n");
    auto r = runCli({"--content", d.str() + "/p", "plan", "list"});
    CHECK(r.status == 0);
    CHECK(r.out == "mine  Mine  (1 week)\n");
    CHECK(r.err == "unknot: 1 plan problem (plans with errors are left out); run 'unknot lint' for details\n");
    auto lint = runCli({"lint", d.str() + "/p"});
    CHECK(lint.status == 1);
    CHECK(lint.out.find("plans/broken.yaml:4:5: error: week 1 must be a list of 7 days") != std::string::npos);
}
