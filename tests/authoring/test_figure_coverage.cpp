// Issue 15: every step of every core routine that describes a position or a
// movement has a figure. The rule is read from the steps themselves, not
// from a list of routines: a say step passes when it has a figure, is a
// breathing step (it keeps its breathing shape), or says on purpose that it
// has none, and why (`figure: {none: "..."}`). A new routine, or a new step
// in an old one, with none of the three fails here.
//
// The loaded model holds no trace of `none` (the step simply has no
// figure), so the check reads the step's own lines in its file, found from
// the step's position.
#include "helpers.hpp"

#include "unknot/figure.hpp"

#include <catch2/catch.hpp>

#include <fstream>
#include <functional>
#include <sstream>
#include <string>
#include <vector>

using namespace unknot;

namespace {
std::vector<std::string> fileLines(const std::string& path) {
    std::ifstream in(path);
    std::vector<std::string> out;
    for (std::string l; std::getline(in, l);) out.push_back(l);
    return out;
}

std::size_t indentOf(const std::string& l) {
    const auto i = l.find_first_not_of(' ');
    return i == std::string::npos ? l.size() : i;
}

// Whether the step whose map starts at `pos` (1-based line and column) says
// `figure: {none: "<reason>"}` with a reason: its lines are those indented at
// least as deep as its first key.
bool markedNone(const std::vector<std::string>& lines, SourcePos pos) {
    const auto keyIndent = static_cast<std::size_t>(pos.column - 1);
    for (auto i = static_cast<std::size_t>(pos.line - 1); i < lines.size(); ++i) {
        const std::string& l = lines[i];
        const bool blank = l.find_first_not_of(' ') == std::string::npos;
        if (i >= static_cast<std::size_t>(pos.line) && !blank && indentOf(l) < keyIndent) break;
        const std::string key = "figure: {none: \"";
        if (indentOf(l) == keyIndent && l.compare(keyIndent, key.size(), key) == 0 &&
            l.compare(keyIndent + key.size(), 1, "\"") != 0)
            return true;
    }
    return false;
}

struct Uncovered {
    std::string where, say;
};

// Every say step of `r` (through repeats) with no figure, no breathing and
// no `none`.
std::vector<Uncovered> uncovered(const Routine& r) {
    const auto lines = fileLines(r.path);
    std::vector<Uncovered> out;
    std::function<void(const Steps&)> walk = [&](const Steps& steps) {
        for (const auto& st : steps) {
            if (const auto* rep = std::get_if<RepeatStep>(&st.v)) walk(rep->steps);
            const auto* say = std::get_if<SayStep>(&st.v);
            if (!say || say->figure || std::holds_alternative<Breathe>(say->body)) continue;
            if (!markedNone(lines, st.pos))
                out.push_back({r.id + ".yaml:" + std::to_string(st.pos.line), say->say.get("en")});
        }
    };
    walk(r.steps);
    return out;
}

std::string list(const std::vector<Uncovered>& u) {
    std::string s;
    for (const auto& x : u) s += x.where + ": " + x.say + "\n";
    return s;
}

const char* kHead =
    "id: test\ntitle: {en: Test, fr: Test}\nsummary: {en: A test., fr: Un test.}\nkind: self-massage\n"
    "areas: [upper-back]\nequipment: []\nintensity: gentle\nflare_safe: true\n"
    "cautions:\n  - {en: \"Stop if it hurts.\", fr: \"Arrêtez si cela fait mal.\"}\nsteps:\n";
}  // namespace

TEST_CASE("every step of every core routine that shows a position or a movement has a figure") {
    const Library lib = testing::load({testing::contentDir() + "/core"});
    REQUIRE(lib.diagnostics.empty());
    REQUIRE(lib.routines.size() >= 40);
    int figures = 0, none = 0;
    for (const auto& r : lib.routines) {
        INFO(r.id);
        const auto u = uncovered(r);
        INFO(list(u));
        CHECK(u.empty());
        std::function<void(const Steps&)> count = [&](const Steps& steps) {
            for (const auto& st : steps) {
                if (const auto* rep = std::get_if<RepeatStep>(&st.v)) count(rep->steps);
                if (const auto* say = std::get_if<SayStep>(&st.v)) (say->figure ? figures : none) += 1;
            }
        };
        count(r.steps);
    }
    // Most steps are drawn: the exceptions are breathing, noticing, resting.
    CHECK(figures > 2 * none);
}

TEST_CASE("the coverage check finds a step with neither a figure nor a reason") {
    testing::TempDir ok;
    std::string text = std::string(kHead) +
                       "  - say: {en: Lean on the wall., fr: Appuyez-vous au mur.}\n"
                       "    duration: 10s\n"
                       "    figure: {pose: wall-lean-side}\n"
                       "  - say: {en: Notice how you feel., fr: Remarquez.}\n"
                       "    duration: 10s\n"
                       "    figure: {none: \"noticing how you feel\"}\n"
                       "  - say: {en: Breathe., fr: Respirez.}\n"
                       "    breathe: {inhale: 4, exhale: 6, cycles: 2}\n"
                       "  - repeat: 2\n"
                       "    steps:\n"
                       "      - say: {en: Lift your shoulders., fr: Montez les épaules.}\n"
                       "        duration: 3s\n"
                       "        # figure: {none: \"a comment is not a reason\"}\n"
                       "  - say: {en: Roll the ball., fr: Roulez la balle.}\n"
                       "    duration: 10s\n";
    ok.write("test.yaml", text);
    const Library lib2 = testing::load({ok.str() + "/test.yaml"});
    INFO(lib2.diagnostics.size());
    REQUIRE(lib2.routines.size() == 1);
    const auto u = uncovered(lib2.routines[0]);
    INFO(list(u));
    REQUIRE(u.size() == 2);
    CHECK(u[0].say == "Lift your shoulders.");
    CHECK(u[1].say == "Roll the ball.");
}

TEST_CASE("figure: {none: ...} loads as a step with no figure; a none without its reason is an error") {
    testing::TempDir dir;
    dir.write("test.yaml", std::string(kHead) +
                               "  - say: {en: Notice how you feel., fr: Remarquez.}\n"
                               "    duration: 10s\n"
                               "    figure: {none: \"noticing how you feel\"}\n");
    const Library lib = testing::load({dir.str() + "/test.yaml"});
    REQUIRE(lib.diagnostics.empty());
    REQUIRE(lib.routines.size() == 1);
    CHECK_FALSE(std::get<SayStep>(lib.routines[0].steps[0].v).figure);

    for (const char* bad : {"figure: none", "figure: {none: \"\"}", "figure: {none: \"resting\", pose: stand-back}"}) {
        INFO(bad);
        testing::TempDir d;
        d.write("test.yaml",
                std::string(kHead) + "  - say: {en: Rest., fr: Repos.}\n    duration: 10s\n    " + bad + "\n");
        const Library l = testing::load({d.str() + "/test.yaml"});
        CHECK(l.routines.empty());
        REQUIRE(l.diagnostics.size() == 1);
        CHECK(l.diagnostics[0].line == 14);
    }
}
