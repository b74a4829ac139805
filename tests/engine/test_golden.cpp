// Golden tests: each case in tests/golden is a YAML file (or a folder of them)
// beside its expected output, and each case is a ctest test of its own
// ("golden: lint/<name>", "golden: play/<name>", "golden: play/<name>.testplan";
// tests/engine/CMakeLists.txt lists the folders at configure time):
//
//   lint/<case>.expected   the output of `unknot lint <case>`
//   play/<case>.expected   `unknot play <case> --clock virtual` (a folder case
//                          plays the routine named like the folder)
//   play/<case>.testplan   an input script for the routine <case>: lines
//                          `at <seconds> pause|resume|skip|back|tap|restart|stop`
//                          and a last `at <seconds> end`, on a virtual clock this
//                          runner moves; the player's transcript is compared
//                          with <case>.testplan.expected
//   exit-status.txt        the exit status each lint and play case must have,
//                          written by hand from what the case means (a case
//                          with errors exits 1, a clean one 0), never taken
//                          from the output
//
// Any difference in the status or the output fails. To accept new output after
// a deliberate change, run with UNKNOT_UPDATE_GOLDEN=1: each case whose output
// changed gets its .expected rewritten and FAILS, saying so; review the diff in
// git and run again without UNKNOT_UPDATE_GOLDEN. The exit status is never
// updated: change it by hand.
//
// Usage: test_golden --golden-case lint/<name>   (one case)
//        test_golden                             (the checks over all cases)
//
// [SECTION] Expected files: the exit status table, compare or update
// [SECTION] Cases: lint, play
// [SECTION] Test plans: input scripts driving the player
// [SECTION] Test cases and main
#define CATCH_CONFIG_RUNNER
#include "helpers.hpp"

#include "unknot/player.hpp"
#include "unknot/timeline.hpp"

#include <catch2/catch.hpp>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <set>
#include <sstream>

namespace fs = std::filesystem;

namespace {

std::string gCase;  // --golden-case

fs::path goldenDir() { return fs::path(UNKNOT_SOURCE_DIR) / "tests/golden"; }

std::string readAll(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

//-----------------------------------------------------------------------------
// [SECTION] Expected files
//-----------------------------------------------------------------------------
// tests/golden/exit-status.txt: `<folder>/<case> <status>` a line, by hand.
std::map<std::string, int> readExitTable(const fs::path& file, std::string& error) {
    std::map<std::string, int> table;
    std::istringstream in(readAll(file));
    std::string line;
    int lineNo = 0;
    while (std::getline(in, line)) {
        ++lineNo;
        if (line.empty() || line[0] == '#') continue;
        std::istringstream words(line);
        std::string name, status, extra;
        words >> name >> status;
        if (name.empty() || (status != "0" && status != "1" && status != "2") || (words >> extra)) {
            error = file.string() + ":" + std::to_string(lineNo) +
                    ":1: error: expected '<folder>/<case> <0, 1 or 2>', got '" + line + "'";
            return {};
        }
        if (!table.emplace(name, std::stoi(status)).second) {
            error = file.string() + ":" + std::to_string(lineNo) + ":1: error: " + name + " is listed twice";
            return {};
        }
    }
    return table;
}

fs::path exitTablePath() { return goldenDir() / "exit-status.txt"; }

// The exit status the case `name` ("lint/x") must have; FAILs when not listed.
int expectedStatus(const std::string& name) {
    std::string error;
    const auto table = readExitTable(exitTablePath(), error);
    INFO(error);
    REQUIRE(error.empty());
    const auto it = table.find(name);
    if (it == table.end())
        FAIL(exitTablePath().string() + ": no exit status for " + name + ": add the line '" + name +
             " N' by hand (1 when the case holds an error, 0 when it is clean)");
    return it->second;
}

struct Verdict {
    bool ok = true;
    std::string message;
};

// Compares the case's output with `file`, and its exit status with `wantStatus`
// (none for test plans). In update mode a changed file is rewritten and the
// verdict is a failure all the same: nothing is accepted without a review. The
// exit status is never updated.
Verdict checkExpected(const fs::path& file, std::optional<int> wantStatus, int status, const std::string& out,
                      bool update) {
    Verdict v;
    auto fail = [&](const std::string& m) {
        v.ok = false;
        v.message += (v.message.empty() ? "" : "\n") + m;
    };
    std::error_code ec;
    const bool exists = fs::is_regular_file(file, ec);
    if (wantStatus && *wantStatus != status)
        fail(file.string() + ": exit status " + std::to_string(status) + ", expected " + std::to_string(*wantStatus) +
             (update ? " (the expected status is never updated: if the new one is right, change it by hand in "
                       "tests/golden/exit-status.txt)"
                     : ""));
    if (!update) {
        if (!exists)
            fail(file.string() +
                 ": no expected file: run with UNKNOT_UPDATE_GOLDEN=1 to write it, then check every line");
        else if (readAll(file) != out)
            fail(file.string() + ": the output differs from the expected one");
        return v;
    }
    if (!exists || readAll(file) != out) {
        std::ofstream(file, std::ios::binary) << out;
        fail("updated " + file.string() + ": review the diff and run again without UNKNOT_UPDATE_GOLDEN");
    }
    return v;
}

bool updating() { return std::getenv("UNKNOT_UPDATE_GOLDEN") != nullptr; }

void require(const Verdict& v) {
    if (!v.ok) FAIL(v.message);
}

//-----------------------------------------------------------------------------
// [SECTION] Cases
//-----------------------------------------------------------------------------
// A case is `<name>.yaml` or the folder `<name>`.
fs::path casePath(const fs::path& dir, const std::string& name) {
    return fs::is_directory(dir / name) ? dir / name : dir / (name + ".yaml");
}

// The cases of one folder, by name: *.yaml files, sub-folders and (with
// `plans`) *.testplan files.
std::vector<std::string> cases(const fs::path& dir, bool plans = false) {
    std::set<std::string> names;
    for (const auto& e : fs::directory_iterator(dir)) {
        const std::string n = e.path().filename().string();
        if (plans) {
            if (e.path().extension() == ".testplan") names.insert(e.path().stem().string());
        } else if (e.is_directory()) {
            names.insert(n);
        } else if (e.path().extension() == ".yaml") {
            names.insert(e.path().stem().string());
        }
    }
    return {names.begin(), names.end()};
}

std::string stripPrefix(std::string s, const std::string& prefix) {
    for (std::size_t at; (at = s.find(prefix)) != std::string::npos;) s.erase(at, prefix.size());
    return s;
}

void runLintCase(const std::string& name) {
    const fs::path dir = goldenDir() / "lint";
    const fs::path path = casePath(dir, name);
    REQUIRE(fs::exists(path));
    const auto r = testing::runCli({"lint", path.string()});
    INFO("unknot lint " << path.string() << " (exit " << r.status << "):\n" << r.out << r.err);
    // Every lint case holds at least one mistake: lint must say something, and
    // its exit status must agree with what it said (1 when an error is listed).
    CHECK_FALSE(r.out.empty());
    CHECK(r.status == (r.out.find(": error: ") == std::string::npos ? 0 : 1));
    require(checkExpected(dir / (name + ".expected"), expectedStatus("lint/" + name), r.status,
                          stripPrefix(r.out, dir.string() + "/"), updating()));
}

void runPlayCase(const std::string& name) {
    const fs::path dir = goldenDir() / "play";
    const fs::path path = casePath(dir, name);
    REQUIRE(fs::exists(path));
    const auto lint = testing::runCli({"lint", path.string()});
    INFO("unknot lint: " << lint.out);
    CHECK(lint.status == 0);  // play cases are valid routines
    const auto r = testing::runCli({"--content", path.string(), "play", name, "--clock", "virtual"});
    INFO("unknot play " << name << " (exit " << r.status << "):\n" << r.out << r.err);
    require(checkExpected(dir / (name + ".expected"), expectedStatus("play/" + name), r.status, r.out, updating()));
}

//-----------------------------------------------------------------------------
// [SECTION] Test plans
//-----------------------------------------------------------------------------
struct PlanStep {
    std::int64_t atMs = 0;
    std::string action;  // pause resume skip back tap restart stop end
};

// Reads a plan; a line it cannot read is an error naming the file and line.
std::vector<PlanStep> parsePlan(const std::string& text, const std::string& file, std::string& error) {
    static const std::set<std::string> kActions = {"pause", "resume", "skip", "back", "tap", "restart", "stop", "end"};
    std::vector<PlanStep> steps;
    std::istringstream in(text);
    std::string line;
    int lineNo = 0;
    auto err = [&](const std::string& m) {
        error = file + ":" + std::to_string(lineNo) + ":1: error: " + m;
        return std::vector<PlanStep>{};
    };
    while (std::getline(in, line)) {
        ++lineNo;
        if (!line.empty() && line.back() == '\r') line.pop_back();
        const auto first = line.find_first_not_of(" \t");
        if (first == std::string::npos || line[first] == '#') continue;
        std::istringstream words(line);
        std::string at, when, action, extra;
        words >> at >> when >> action;
        if (at != "at" || when.empty() || action.empty() || (words >> extra))
            return err("expected 'at <seconds> <action>', got '" + line + "'");
        char* endp = nullptr;
        const double secs = std::strtod(when.c_str(), &endp);
        if (endp == when.c_str() || *endp != '\0' || !(secs >= 0) || secs > 86400)
            return err("'" + when + "' is not a time in seconds from 0 to 86400");
        if (!kActions.count(action))
            return err("unknown action '" + action + "' (pause, resume, skip, back, tap, restart, stop or end)");
        const auto ms = static_cast<std::int64_t>(secs * 1000 + 0.5);
        if (!steps.empty() && ms < steps.back().atMs) return err("times must not go backwards");
        if (!steps.empty() && steps.back().action == "end") return err("nothing may follow 'end'");
        steps.push_back({ms, action});
    }
    if (steps.empty() || steps.back().action != "end")
        return err("the plan must finish with 'at <seconds> end' (where the transcript stops)");
    return steps;
}

// "   12.500" (padded, for the time column) or "12.500".
std::string seconds(std::int64_t ms, bool padded = true) {
    char buf[32];
    std::snprintf(buf, sizeof buf, padded ? "%8.3f" : "%.3f", static_cast<double>(ms) / 1000.0);
    return buf;
}

// One transcript line: time, what happened, state, segment, step, prompt,
// the position on the timeline and whether a chime was due then.
std::string describe(const unknot::Player& p, std::int64_t now, const std::string& what,
                     const std::vector<unknot::CueEvent>& cues) {
    using namespace unknot;
    char head[64];
    std::snprintf(head, sizeof head, "%s  %-8s %-14s", seconds(now).c_str(), what.c_str(), toString(p.state()));
    std::string s = head;
    const std::size_t n = p.timeline().segments.size();
    if (const Segment* seg = p.current()) {
        s += " seg " + std::to_string(p.currentIndex() + 1) + "/" + std::to_string(n) + " · step " +
             std::to_string(seg->step);
        switch (seg->kind) {
        case SegmentKind::Timed:
            if (seg->side != Side::None) s += std::string(" · ") + toString(seg->side);
            break;
        case SegmentKind::Switch: s += std::string(" · switch to ") + toString(seg->side); break;
        case SegmentKind::Breath:
            s += std::string(" · ") + toString(seg->phase) + " " + std::to_string(seg->cycle) + "/" +
                 std::to_string(seg->cycles);
            break;
        case SegmentKind::Wait: s += " · wait for tap"; break;
        }
        if (!seg->say.empty()) s += " · \"" + seg->say.get("en") + "\"";
    } else {
        s += " seg -";
    }
    s += " · at " + seconds(p.positionMs(now), false);
    for (const auto& c : cues) {
        if (c.segment == p.currentIndex() && c.dueMs == now)
            s += " · chime";
        else
            s += " · chime for seg " + std::to_string(c.segment + 1) + " due " + seconds(c.dueMs, false);
    }
    return s + "\n";
}

// Plays `routine` from `lib` through the plan and returns the transcript: a
// line after each action, and one each time the running player enters a new
// segment (the clock is moved exactly to each segment's end).
std::string runPlan(const unknot::Library& lib, const std::string& routine, const std::vector<PlanStep>& plan) {
    using namespace unknot;
    const Routine* r = lib.findRoutine(routine);
    REQUIRE(r != nullptr);
    Player p(compileTimeline(lib, *r));
    std::string out;
    std::int64_t now = 0;
    p.start(now);
    out += describe(p, now, "start", p.update(now));
    // Moves the clock to `until`, stopping at each segment change on the way.
    auto advance = [&](std::int64_t until) {
        for (int guard = 0; guard < 100000 && p.state() == PlayerState::Running; ++guard) {
            const Segment* seg = p.current();
            if (!seg) break;
            const std::int64_t change = now + std::max<std::int64_t>(0, seg->endMs() - p.positionMs(now));
            if (change > until) break;
            now = change;
            const std::size_t before = p.currentIndex();
            const PlayerState stateBefore = p.state();
            auto cues = p.update(now);
            if (p.currentIndex() == before && p.state() == stateBefore && cues.empty()) break;  // no progress
            out += describe(p, now, "-", cues);
        }
        now = until;
        auto cues = p.update(now);
        if (!cues.empty()) out += describe(p, now, "-", cues);
    };
    for (const auto& step : plan) {
        advance(step.atMs);
        const std::string& a = step.action;
        if (a == "pause")
            p.pause(now);
        else if (a == "resume")
            p.resume(now);
        else if (a == "skip")
            p.skip(now);
        else if (a == "back")
            p.back(now);
        else if (a == "tap")
            p.continueAfterTap(now);
        else if (a == "restart")
            p.restart(now);
        else if (a == "stop")
            p.stop(now);
        std::string line = describe(p, now, a, p.update(now));
        if (a == "end") {
            line.pop_back();
            line += " · practised " + seconds(p.elapsedRunningMs(now), false) +
                    (p.finishedEarly() ? " · stopped early" : "") + "\n";
        }
        out += line;
    }
    return out;
}

void runPlanCase(const std::string& name) {
    const fs::path dir = goldenDir() / "play";
    const fs::path planFile = dir / (name + ".testplan");
    REQUIRE(fs::exists(planFile));
    std::string error;
    const auto plan = parsePlan(readAll(planFile), planFile.string(), error);
    INFO(error);
    REQUIRE(error.empty());
    const auto lib = testing::load({casePath(dir, name).string()});
    std::string problems;
    for (const auto& d : lib.diagnostics) problems += d.message + "\n";
    INFO("loading " << casePath(dir, name).string() << ":\n" << problems);
    REQUIRE(lib.findRoutine(name) != nullptr);
    const std::string transcript = runPlan(lib, name, plan);
    INFO("transcript:\n" << transcript);
    require(checkExpected(dir / (name + ".testplan.expected"), std::nullopt, 0, transcript, updating()));
}

}  // namespace

//-----------------------------------------------------------------------------
// [SECTION] Test cases and main
//-----------------------------------------------------------------------------
// One case, named by --golden-case (hidden: ctest runs it once per case).
TEST_CASE("golden case", "[.][golden-case]") {
    INFO("--golden-case " << gCase);
    const std::string planSuffix = ".testplan";
    if (gCase.rfind("lint/", 0) == 0) {
        runLintCase(gCase.substr(5));
    } else if (gCase.rfind("play/", 0) == 0 && gCase.size() > planSuffix.size() &&
               gCase.compare(gCase.size() - planSuffix.size(), planSuffix.size(), planSuffix) == 0) {
        runPlanCase(gCase.substr(5, gCase.size() - 5 - planSuffix.size()));
    } else if (gCase.rfind("play/", 0) == 0) {
        runPlayCase(gCase.substr(5));
    } else {
        FAIL("give the case to run: --golden-case lint/<name>, play/<name> or play/<name>.testplan");
    }
}

TEST_CASE("the golden folders hold their cases, each with an expected file and a hand-written exit status") {
    const fs::path lint = goldenDir() / "lint", play = goldenDir() / "play";
    CHECK(cases(lint).size() >= 20);
    CHECK(cases(play).size() >= 6);
    CHECK(cases(play, true).size() >= 3);
    std::string error;
    const auto table = readExitTable(exitTablePath(), error);
    INFO(error);
    REQUIRE(error.empty());
    std::set<std::string> listed;
    for (const auto& [dir, folder] : {std::pair{lint, "lint/"}, std::pair{play, "play/"}}) {
        for (const auto& name : cases(dir)) {
            INFO(folder << name);
            CHECK(fs::is_regular_file(dir / (name + ".expected")));
            CHECK(table.count(folder + name) == 1);
            listed.insert(folder + name);
        }
        for (const auto& name : cases(dir, true)) {
            INFO(folder << name << ".testplan");
            CHECK(fs::is_regular_file(dir / (name + ".testplan.expected")));
            CHECK(fs::exists(casePath(dir, name)));  // a plan drives the routine beside it
        }
    }
    // Every play case is a valid routine played to its end.
    for (const auto& [name, status] : table) {
        INFO(name << " " << status);
        CHECK(listed.count(name) == 1);  // no status left for a case that is gone
        if (name.rfind("play/", 0) == 0) CHECK(status == 0);
    }
    // No .expected left without its case (a renamed case would otherwise keep
    // an expected file that nothing compares).
    for (const fs::path& dir : {lint, play}) {
        for (const auto& e : fs::directory_iterator(dir)) {
            const std::string n = e.path().filename().string();
            if (e.path().extension() != ".expected") continue;
            INFO(e.path().string());
            const std::string stem = n.substr(0, n.size() - 9);
            if (stem.size() > 9 && stem.compare(stem.size() - 9, 9, ".testplan") == 0)
                CHECK(fs::exists(dir / stem));
            else
                CHECK(fs::exists(casePath(dir, stem)));
        }
    }
}

TEST_CASE("a golden case fails on a different exit status or different output") {
    testing::TempDir d;
    const fs::path f = d.write("x.expected", "x.yaml:1:1: error: bad\n");
    CHECK(checkExpected(f, 1, 1, "x.yaml:1:1: error: bad\n", false).ok);
    const Verdict status = checkExpected(f, 1, 0, "x.yaml:1:1: error: bad\n", false);
    CHECK_FALSE(status.ok);
    CHECK_THAT(status.message, Catch::Contains("exit status 0, expected 1"));
    CHECK_FALSE(checkExpected(f, 1, 1, "x.yaml:1:1: error: worse\n", false).ok);
    CHECK_FALSE(checkExpected(f, std::nullopt, 0, "x.yaml:1:1: error: worse\n", false).ok);
    CHECK_FALSE(checkExpected(d.path / "none.expected", 0, 0, "", false).ok);
}

TEST_CASE("update mode writes the new expected output and still fails, and never changes the expected exit status") {
    testing::TempDir d;
    const fs::path f = d.write("x.expected", "old\n");
    const Verdict v = checkExpected(f, 1, 1, "new\n", true);
    CHECK_FALSE(v.ok);
    CHECK_THAT(v.message, Catch::Contains("updated " + f.string() +
                                          ": review the diff and run again without UNKNOT_UPDATE_GOLDEN"));
    CHECK(readAll(f) == "new\n");
    CHECK(checkExpected(f, 1, 1, "new\n", false).ok);
    // Nothing changed: nothing written, nothing to review.
    CHECK(checkExpected(f, 1, 1, "new\n", true).ok);
    // A different exit status fails in update mode too.
    const Verdict st = checkExpected(f, 1, 0, "new\n", true);
    CHECK_FALSE(st.ok);
    CHECK_THAT(st.message, Catch::Contains("change it by hand"));
    // A new file is written, and fails too.
    const fs::path g = d.path / "new.expected";
    CHECK_FALSE(checkExpected(g, 0, 0, "fine\n", true).ok);
    CHECK(readAll(g) == "fine\n");
}

TEST_CASE("a line of the exit status table that cannot be read is an error naming the file and the line") {
    testing::TempDir d;
    std::string error;
    CHECK(readExitTable(d.write("ok.txt", "# c\nlint/a 1\nplay/b 0\n"), error).size() == 2);
    CHECK(error.empty());
    for (const std::string bad :
         {"lint/a 1\nlint/b\n", "lint/a 1\nlint/b 7\n", "lint/a 1\nlint/a 0\n", "lint/a 1\nlint/b 1 2\n"}) {
        INFO(bad);
        error.clear();
        const auto f = d.write("bad.txt", bad);
        CHECK(readExitTable(f, error).empty());
        CHECK_THAT(error, Catch::StartsWith(f + ":2:1: error: "));
    }
}

TEST_CASE("a test plan line that cannot be read is an error naming the file and the line") {
    std::string error;
    CHECK(parsePlan("# c\nat 1.5 pause\nat 2 resume\nat 9 end\n", "p.testplan", error).size() == 3);
    CHECK(error.empty());
    const std::pair<const char*, const char*> bad[] = {
        {"at 1 pause\nat x resume\nat 9 end\n", "p.testplan:2:1: error: 'x' is not a time"},
        {"at 1 pause\nat 2 jump\nat 9 end\n", "p.testplan:2:1: error: unknown action 'jump'"},
        {"at 5 pause\nat 2 resume\nat 9 end\n", "p.testplan:2:1: error: times must not go backwards"},
        {"at 1 pause\n", "must finish with 'at <seconds> end'"},
        {"at 1 pause now\nat 9 end\n", "p.testplan:1:1: error: expected 'at <seconds> <action>'"},
        {"at -1 pause\nat 9 end\n", "p.testplan:1:1: error: '-1' is not a time"},
    };
    for (const auto& [text, message] : bad) {
        INFO(text);
        error.clear();
        CHECK(parsePlan(text, "p.testplan", error).empty());
        CHECK_THAT(error, Catch::Contains(message));
    }
}

int main(int argc, char* argv[]) {
    Catch::Session session;
    using namespace Catch::clara;
    session.cli(session.cli() | Opt(gCase, "lint/<name>|play/<name>|play/<name>.testplan")["--golden-case"](
                                    "the golden case the test case 'golden case' runs"));
    if (const int rc = session.applyCommandLine(argc, argv); rc != 0) return rc;
    // --golden-case alone runs that case (the test case is hidden otherwise).
    if (!gCase.empty() && session.configData().testsOrTags.empty()) {
        session.configData().testsOrTags.push_back("golden case");
        session.useConfigData(session.configData());
    }
    return session.run();
}
