// The loader: what loads, what is refused, and that hostile input stays
// harmless. Golden cases (test_golden.cpp) pin the exact messages; these tests
// pin behaviour: what is kept, what is left out, and bounds.
#include "helpers.hpp"
#include "unknot/paths.hpp"
#include "unknot/timeline.hpp"

#include <catch2/catch.hpp>

using namespace unknot;
using testing::TempDir;

namespace {
bool hasMessage(const Library& lib, const std::string& part, Severity sev = Severity::Error) {
    for (const auto& d : lib.diagnostics)
        if (d.severity == sev && d.message.find(part) != std::string::npos) return true;
    return false;
}
const std::string kStep = "  - say: {en: Breathe., fr: Respirez.}\n    duration: 10s\n";
}  // namespace

TEST_CASE("the bundled vocabularies hold the required areas and equipment") {
    Library lib = testing::load({});
    for (const char* a : {"head", "jaw", "neck", "shoulders", "upper-back", "lower-back", "hips", "hands", "wrists",
                          "knees", "legs", "feet", "whole-body"}) {
        INFO(a);
        REQUIRE(lib.findArea(a));
        // Whole body is a chip beside the map, not a region on it.
        CHECK(lib.findArea(a)->spots.empty() == (std::string(a) == "whole-body"));
    }
    for (const char* e : {"tennis-ball", "lotion", "warm-water", "cool-water", "wall", "chair", "towel", "heat-pack",
                          "cold-pack", "cupping-set", "massage-cane"})
        CHECK(lib.findEquipment(e));
    CHECK(lib.diagnostics.empty());
}

TEST_CASE("a valid routine loads with its fields") {
    TempDir d;
    auto f = d.write("r.yaml", testing::routineHead("valid-one", "conditions: [headache]\n") + kStep +
                                   "  - say: {en: Wait., fr: Attendez.}\n    wait: tap\n");
    Library lib = testing::load({f});
    INFO((lib.diagnostics.empty() ? "" : formatDiagnostic(lib.diagnostics[0])));
    REQUIRE(lib.routines.size() == 1);
    const Routine& r = lib.routines[0];
    CHECK(r.id == "valid-one");
    CHECK(r.title.get("fr") == "Test");
    CHECK(r.areas == std::vector<std::string>{"neck"});
    CHECK(r.conditions == std::vector<std::string>{"headache"});
    CHECK(r.flareSafe);
    CHECK(r.steps.size() == 2);
}

TEST_CASE("one broken file never keeps the others out") {
    TempDir d;
    d.write("good.yaml", testing::routineHead("good") + kStep);
    d.write("bad.yaml", testing::routineHead("bad") + "  - say: Oops\n    duration: nope\n");
    d.write("garbage.yaml", "{{{{ not yaml");
    Library lib = testing::load({d.str()});
    REQUIRE(lib.routines.size() == 1);
    CHECK(lib.routines[0].id == "good");
    CHECK(countErrors(lib.diagnostics) >= 2);
}

TEST_CASE("a breathing duration rounds to the nearest whole cycle, at least one") {
    TempDir d;
    auto f = d.write("b.yaml", testing::routineHead("b") +
                                   "  - say: A\n    breathe: {inhale: 4, hold: 7, exhale: 8, duration: 1m}\n"
                                   "  - say: B\n    breathe: {inhale: 4, exhale: 6, duration: 1s}\n"
                                   "  - say: C\n    breathe: {inhale: 4, hold: 2, exhale: 6, duration: 5m}\n"
                                   "  - say: D\n    breathe: {inhale: 4, exhale: 6, duration: 15s}\n");
    Library lib = testing::load({f});
    REQUIRE(lib.routines.size() == 1);
    auto cycles = [&](std::size_t i) {
        return std::get<Breathe>(std::get<SayStep>(lib.routines[0].steps[i].v).body).cycles;
    };
    CHECK(cycles(0) == 3);   // 60 / 19 = 3.16
    CHECK(cycles(1) == 1);   // never zero
    CHECK(cycles(2) == 25);  // 300 / 12
    CHECK(cycles(3) == 2);   // 15 / 10 = 1.5 rounds up
}

TEST_CASE("files over 1 MiB are refused without being read whole") {
    TempDir d;
    std::string big = testing::routineHead("big") + kStep + "# " + std::string(1100 * 1024, 'x') + "\n";
    auto f = d.write("big.yaml", big);
    Library lib = testing::load({f});
    CHECK(lib.routines.empty());
    CHECK(hasMessage(lib, "larger than the 1024 KiB limit"));
}

TEST_CASE("more than 100,000 nodes are refused") {
    TempDir d;
    std::string s = testing::routineHead("many") + kStep + "  - say: {en: X, fr: X}\n    duration: 1s\n    tip: [";
    for (int i = 0; i < 110000; ++i) s += i ? ",1" : "1";
    s += "]\n";
    Library lib = testing::load({d.write("many.yaml", s)});
    CHECK(lib.routines.empty());
    CHECK(hasMessage(lib, "more than 100000 YAML nodes"));
}

// "Quickly" in counted work, not in time: the bomb's 12 levels of ten aliases
// each stand for 10^12 nodes, and the loader refuses it after walking at most
// LoadLimits::maxNodes + 1 of them (LoadStats counts what a load did).
TEST_CASE("an alias bomb is refused after walking at most the node limit, not its 10^12 nodes") {
    TempDir d;
    std::string s = "a: &a [x,x,x,x,x,x,x,x,x,x]\n";
    char prev = 'a';
    for (char c = 'b'; c <= 'l'; ++c) {
        s += std::string(1, c) + ": &" + c + " [";
        for (int i = 0; i < 10; ++i) s += std::string(i ? "," : "") + "*" + prev;
        s += "]\n";
        prev = c;
    }
    const std::string bomb = d.write("bomb/bomb.yaml", s);
    auto loadWith = [&](const std::vector<std::string>& paths, std::size_t maxNodes) {
        LoadOptions o;
        o.vocabularyDir = testing::contentDir();
        o.paths = paths;
        o.limits.maxNodes = maxNodes;
        return loadLibrary(o);
    };
    // The vocabularies are read on every load: measured alone, then subtracted.
    const std::size_t limit = LoadLimits{}.maxNodes;
    std::filesystem::create_directories(d.path / "empty");
    const Library base = loadWith({(d.path / "empty").string()}, limit);
    const Library lib = loadWith({bomb}, limit);
    CHECK(hasMessage(lib, "more than 100000 YAML nodes"));
    const LoadStats& st = lib.stats;
    INFO("files " << st.filesRead << ", bytes " << st.bytesRead << ", YAML nodes " << st.yamlNodes
                  << "; the vocabularies alone: " << base.stats.filesRead << ", " << base.stats.bytesRead << ", "
                  << base.stats.yamlNodes);
    CHECK(st.filesRead == base.stats.filesRead + 1);  // the bomb read once
    CHECK(st.bytesRead == base.stats.bytesRead + s.size());
    CHECK(st.yamlNodes > base.stats.yamlNodes + limit / 2);  // it did walk: the count is real
    CHECK(st.yamlNodes <= base.stats.yamlNodes + limit + 1);
    // The work follows the limit, not the file: a ten times higher limit walks
    // ten times more, still nowhere near 10^12.
    const Library higher = loadWith({bomb}, limit * 10);
    CHECK(higher.stats.yamlNodes > base.stats.yamlNodes + limit * 5);
    CHECK(higher.stats.yamlNodes <= base.stats.yamlNodes + limit * 10 + 1);
}

TEST_CASE("nesting deeper than 64 levels is refused, even far deeper than yaml-cpp's own guard") {
    TempDir d;
    for (int depth : {70, 600, 5000}) {
        INFO(depth);
        auto f =
            d.write("deep" + std::to_string(depth) + ".yaml", std::string(static_cast<std::size_t>(depth), '[') +
                                                                  std::string(static_cast<std::size_t>(depth), ']'));
        Library lib = testing::load({f});
        CHECK(hasMessage(lib, "nesting deeper than 64 levels"));
    }
}

TEST_CASE("invalid UTF-8, binary data and empty files are reported at their place") {
    TempDir d;
    d.write("utf.yaml", "id: x\ntitle: caf\xe9\n");
    d.write("bin.yaml", std::string("id: x\n\0\x01\x02", 9));
    d.write("empty.yaml", "   \n");
    Library lib = testing::load({d.str()});
    bool utf = false;
    for (const auto& diag : lib.diagnostics)
        if (diag.message.find("invalid UTF-8") != std::string::npos) utf = diag.line == 2 && diag.column == 11;
    CHECK(utf);
    CHECK(hasMessage(lib, "binary data"));
    CHECK(hasMessage(lib, "file is empty"));
}

TEST_CASE("a byte-order mark and CRLF line ends are accepted") {
    TempDir d;
    std::string s = "\xEF\xBB\xBF" + testing::routineHead("crlf") + kStep;
    std::string crlf;
    for (char c : s) crlf += c == '\n' ? std::string("\r\n") : std::string(1, c);
    Library lib = testing::load({d.write("crlf.yaml", crlf)});
    INFO((lib.diagnostics.empty() ? "" : formatDiagnostic(lib.diagnostics[0])));
    CHECK(lib.routines.size() == 1);
}

TEST_CASE("nested repeats that expand past the segment limit are refused, not unrolled") {
    TempDir d;
    std::string s = testing::routineHead("explode");
    std::string indent = "  ";
    for (int i = 0; i < 5; ++i) {
        s += indent + "- repeat: 100\n" + indent + "  steps:\n";
        indent += "    ";
    }
    s += indent + "- say: Tap\n" + indent + "  wait: tap\n";
    Library lib = testing::load({d.write("explode.yaml", s)});
    CHECK(lib.routines.empty());
    CHECK(hasMessage(lib, "more than 100000 segments"));
}

TEST_CASE("duplicate ids keep the first file and name both") {
    TempDir d;
    d.write("a.yaml", testing::routineHead("same") + kStep);
    d.write("b.yaml", testing::routineHead("same") + kStep);
    Library lib = testing::load({d.str()});
    CHECK(lib.routines.size() == 1);
    CHECK(lib.routines[0].path.ends_with("a.yaml"));
    CHECK(hasMessage(lib, "a.yaml:1"));
}

TEST_CASE("a pack gives its languages and default to its routines") {
    TempDir d;
    d.write("p/pack.yaml", "format: 1\nid: p\ntitle: P\nversion: 1\nlanguages: [fr, en]\n");
    d.write("p/routines/r.yaml", testing::routineHead("r") + "  - say: Respirez.\n    duration: 5s\n");
    Library lib = testing::load({d.str() + "/p"});
    REQUIRE(lib.routines.size() == 1);
    const auto& say = std::get<SayStep>(lib.routines[0].steps[0].v).say;
    CHECK(say.defaultLang == "fr");
    CHECK(say.get("en") == "Respirez.");  // falls back to the default
    CHECK(hasMessage(lib, "missing 'en' translation of say", Severity::Warning));
    REQUIRE(lib.packs.size() == 1);
    CHECK(lib.packs[0].defaultLang() == "fr");
}

TEST_CASE("a single routine file inside a pack resolves its includes from the pack") {
    Library lib = testing::load({testing::contentDir() + "/core/routines/evening-wind-down.yaml"});
    CHECK(countErrors(lib.diagnostics) == 0);
    CHECK(lib.findRoutine("evening-wind-down"));
}

TEST_CASE("missing paths and vocabularies are errors, not crashes") {
    LoadOptions o;
    o.vocabularyDir = "/nonexistent";
    o.paths = {"/nonexistent/pack"};
    Library lib = loadLibrary(o);
    CHECK(lib.routines.empty());
    CHECK(hasMessage(lib, "cannot find the areas vocabulary"));
    CHECK(hasMessage(lib, "no such file or folder"));
}

TEST_CASE("loading is deterministic") {
    Library a = testing::load({testing::contentDir()});
    Library b = testing::load({testing::contentDir()});
    REQUIRE(a.routines.size() == b.routines.size());
    for (std::size_t i = 0; i < a.routines.size(); ++i) CHECK(a.routines[i].id == b.routines[i].id);
    CHECK(std::is_sorted(a.routines.begin(), a.routines.end(),
                         [](const Routine& x, const Routine& y) { return x.id < y.id; }));
}

TEST_CASE("the content asked for (--content) loads exactly the paths given; none given loads the default set") {
    // loadRequestedContent is the one rule for --content (CLI and shell).
    TempDir d;
    d.write("own/r.yaml", testing::routineHead("own-routine") + kStep);
    DiskFileSource disk;
    const std::string data = std::string(UNKNOT_SOURCE_DIR);
    Library given = loadRequestedContent(data, "", {d.str() + "/own"}, disk);
    CHECK(given.routines.size() == 1);
    CHECK(given.findRoutine("own-routine"));
    CHECK_FALSE(given.areas.empty());  // the bundled vocabularies either way
    Library all = loadRequestedContent(data, "", {}, disk);
    CHECK(all.routines.size() > 1);
    CHECK_FALSE(all.findRoutine("own-routine"));
}

// The loader reads YAML through its own flat tree (yaml_tree.hpp), not
// yaml-cpp's nodes: these pin what that tree must keep of YAML's meaning.
TEST_CASE("YAML anchors, aliases and repeated keys keep their meaning in the loader's tree") {
    TempDir d;
    SECTION("an alias reads as the text it names") {
        auto f = d.write("r.yaml", testing::routineHead("aliased") +
                                       "  - say: &calm {en: Breathe slowly., fr: Respirez lentement.}\n"
                                       "    duration: 10s\n"
                                       "  - say: *calm\n    duration: 20s\n");
        Library lib = testing::load({f});
        INFO((lib.diagnostics.empty() ? "" : formatDiagnostic(lib.diagnostics[0])));
        REQUIRE(lib.routines.size() == 1);
        REQUIRE(lib.routines[0].steps.size() == 2);
        const auto& steps = lib.routines[0].steps;
        CHECK(std::get<SayStep>(steps[1].v).say.get("fr") == "Respirez lentement.");
        CHECK(std::get<SayStep>(steps[1].v).say.get("en") == std::get<SayStep>(steps[0].v).say.get("en"));
    }
    SECTION("a list that contains itself is refused, with a position, and nothing hangs") {
        auto f = d.write("r.yaml", "id: selfish\ntitle: {en: T, fr: T}\nsteps: &s [*s]\n");
        Library lib = testing::load({f});
        CHECK(lib.routines.empty());
        CHECK(hasMessage(lib, "nesting deeper than"));
    }
    SECTION("a key given twice in one map is reported, not silently merged") {
        auto f = d.write("r.yaml", testing::routineHead("twice") + kStep + "    duration: 20s\n");
        Library lib = testing::load({f});
        CHECK(lib.routines.empty());
        CHECK(hasMessage(lib, "duplicate key 'duration'"));
    }
}
