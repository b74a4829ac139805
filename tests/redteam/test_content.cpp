// Red team: hostile content against the loader, the timeline and the command
// line. One TEST_CASE per class of problem (docs/testing.md lists them).
//
// [SECTION] Helpers
// [SECTION] 1. Recursion depth: long include chains, deep nesting
// [SECTION] 2. Render limits: text too long for the app to draw
// [SECTION] 3. Files that are not regular files
// [SECTION] 4. Folders that cannot be listed, packs without pack.yaml, link loops
// [SECTION] 5. Wrong numbers: overflow, ranges, a pack twice, CLI values
// [SECTION] 6. File-level errors at path:1:1
// [SECTION] 7. Terminal escapes in file names and text
// [SECTION] 8. YAML tags
// [SECTION] 9. Many files
#include "helpers.hpp"

#include "unknot/catalog.hpp"
#include "unknot/text.hpp"
#include "unknot/timeline.hpp"

#include <catch2/catch.hpp>

#include <pthread.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>
#include <algorithm>
#include <filesystem>
#include <functional>

namespace fs = std::filesystem;
using namespace unknot;

namespace {

//-----------------------------------------------------------------------------
// [SECTION] Helpers
//-----------------------------------------------------------------------------
const std::string kPackYaml = "format: 1\nid: red\ntitle: {en: Red, fr: Rouge}\nversion: 1.0.0\nlanguages: [en, fr]\n";
const std::string kStep = "  - say: {en: Breathe., fr: Respirez.}\n    duration: 30s\n";

std::string valid(const std::string& id) { return testing::routineHead(id) + kStep; }

bool has(const Library& lib, const std::string& fileEnd, int line, const std::string& text,
         Severity sev = Severity::Error) {
    for (const auto& d : lib.diagnostics)
        if (d.path.ends_with(fileEnd) && (line < 0 || d.line == line) && d.severity == sev &&
            d.message.find(text) != std::string::npos)
            return true;
    return false;
}

std::string all(const Library& lib) {
    std::string s;
    for (const auto& d : lib.diagnostics) s += formatDiagnostic(d) + "\n";
    return s;
}

// Runs `f` on a thread with a small stack: code that recurses once per
// include (or per step) overflows it and crashes the test; iterative code
// passes. Deterministic, unlike a time or a crash "sometimes".
void onSmallStack(std::size_t bytes, const std::function<void()>& f) {
    pthread_attr_t attr;
    pthread_attr_init(&attr);
    REQUIRE(pthread_attr_setstacksize(&attr, bytes) == 0);
    pthread_t th;
    auto fp = new std::function<void()>(f);
    REQUIRE(pthread_create(
                &th, &attr,
                [](void* p) -> void* {
                    auto* fn = static_cast<std::function<void()>*>(p);
                    (*fn)();
                    delete fn;
                    return nullptr;
                },
                fp) == 0);
    pthread_join(th, nullptr);
    pthread_attr_destroy(&attr);
}

// The stack the loader, timeline and catalog get in these tests: far less than
// the 8 MiB a process has, so recursion once per include would show. (ASan's
// larger frames need more.)
#if defined(__SANITIZE_ADDRESS__)
constexpr std::size_t kSmallStack = 4 << 20;
#else
constexpr std::size_t kSmallStack = 1 << 20;
#endif

}  // namespace

//-----------------------------------------------------------------------------
// [SECTION] 1. Recursion depth
//-----------------------------------------------------------------------------
TEST_CASE("recursion depth: a chain of thousands of includes is bounded, lint and play survive") {
    testing::TempDir dir;
    const int n = 4000;
    dir.write("pack/pack.yaml", kPackYaml);
    for (int i = 0; i < n; ++i) {
        std::string id = "r" + std::to_string(i);
        std::string body = i + 1 < n ? "  - include: r" + std::to_string(i + 1) + "\n" : kStep;
        dir.write("pack/routines/" + id + ".yaml", testing::routineHead(id) + body);
    }
    Library lib;
    onSmallStack(kSmallStack, [&] { lib = testing::load({(dir.path / "pack").string()}); });
    // r3999 has depth 0, r(3999 - k) depth k: depth 16 (r3983) is the deepest
    // allowed; r3982's include (line 12) passes the limit.
    INFO(all(lib).substr(0, 2000));
    CHECK(lib.findRoutine("r3983") != nullptr);
    CHECK(lib.findRoutine("r3982") == nullptr);
    CHECK(lib.findRoutine("r0") == nullptr);
    CHECK(lib.routines.size() == 17);
    CHECK(has(lib, "routines/r3982.yaml", 12, "include nesting too deep"));
    CHECK(has(lib, "routines/r3982.yaml", 12, "limit of 16 levels"));
    CHECK(has(lib, "routines/r0.yaml", 12, "includes 'r1', which has errors"));
    // The deepest routine allowed plays all its levels, on a small stack.
    const Routine* top = lib.findRoutine("r3983");
    REQUIRE(top);
    Timeline t;
    onSmallStack(kSmallStack, [&] { t = compileTimeline(lib, *top); });
    CHECK(t.segments.size() == 1);
    CHECK(t.totalMs == 30000);
    CHECK(collectCautions(lib, *top).size() == 1);
}

TEST_CASE("recursion depth: the timeline and cautions are iterative on a hand-built library") {
    // The loader never lets such a library through, but the timeline must not
    // rely on it: 10,000 routines each including the next, and repeats
    // nested 20,000 deep.
    Library lib;
    const int n = 10000;
    lib.routines.resize(n);
    for (int i = 0; i < n; ++i) {
        Routine& r = lib.routines[static_cast<std::size_t>(i)];
        r.id = "r" + std::to_string(i);
        r.cautions.push_back(Text::plain("Stop on sharp pain."));
        Step st;
        if (i + 1 < n) {
            st.v = IncludeStep{"r" + std::to_string(i + 1)};
        } else {
            SayStep say;
            say.say = Text::plain("Breathe.");
            say.body = Timed{2, {}, 5};
            st.v = say;
        }
        r.steps.push_back(st);
    }
    std::sort(lib.routines.begin(), lib.routines.end(), [](const Routine& a, const Routine& b) { return a.id < b.id; });
    const Routine* r0 = lib.findRoutine("r0");
    REQUIRE(r0);
    Timeline t;
    std::vector<Text> cautions;
    // Nested repeats, 20,000 deep, in one routine.
    Routine deep;
    deep.id = "deep";
    {
        SayStep say;
        say.say = Text::plain("Hold.");
        say.body = Timed{1, {}, 5};
        Step leaf;
        leaf.v = say;
        Steps inner{leaf};
        for (int i = 0; i < 20000; ++i) {
            RepeatStep rep;
            rep.count = 1;
            rep.steps = std::move(inner);
            Step s;
            s.v = std::move(rep);
            inner = Steps{};
            inner.push_back(std::move(s));
        }
        deep.steps = std::move(inner);
    }
    Timeline td;
    onSmallStack(kSmallStack, [&] {
        t = compileTimeline(lib, *r0);
        cautions = collectCautions(lib, *r0);
        td = compileTimeline(lib, deep);
    });
    CHECK(t.segments.size() == 1);
    CHECK(t.totalMs == 2000);
    CHECK(cautions.size() == 1);
    CHECK(td.segments.size() == 1);
    CHECK(td.totalMs == 1000);
    // Destroying `deep` recurses through its nested vectors (the standard
    // library's destructors); unwind it iteratively here.
    while (!deep.steps.empty()) {
        Steps next;
        if (auto* rep = std::get_if<RepeatStep>(&deep.steps.front().v)) next = std::move(rep->steps);
        deep.steps = std::move(next);
    }
}

//-----------------------------------------------------------------------------
// [SECTION] 2. Render limits
//-----------------------------------------------------------------------------
TEST_CASE("render limits: text longer than its field allows is an error at its line") {
    testing::TempDir dir;
    dir.write("pack/pack.yaml", kPackYaml);
    auto stepWith = [](const std::string& extra) {
        return "  - say: {en: Breathe., fr: Respirez.}\n    duration: 30s\n" + extra;
    };
    // The prompt of 20,000 characters that aborted the app.
    dir.write("pack/routines/long-say.yaml",
              testing::routineHead("long-say") + "  - say: \"" + std::string(20000, 'a') + "\"\n    duration: 30s\n");
    // A 900 KB summary (line 3).
    std::string head = testing::routineHead("long-summary");
    head.replace(head.find("summary: {en: For tests., fr: Pour les tests.}"),
                 std::string("summary: {en: For tests., fr: Pour les tests.}").size(),
                 "summary: {en: \"" + std::string(900 * 1024, 'b') + "\", fr: x}");
    dir.write("pack/routines/long-summary.yaml", head + kStep);
    dir.write("pack/routines/long-tip.yaml",
              testing::routineHead("long-tip") + stepWith("    tip: \"" + std::string(kMaxTipChars + 1, 'c') + "\"\n"));
    // At the limit exactly (in characters, not bytes: é is two bytes) is fine.
    std::string atLimit;
    for (std::size_t i = 0; i < kMaxPromptChars; ++i) atLimit += "é";
    dir.write("pack/routines/prompt-at-limit.yaml", testing::routineHead("prompt-at-limit") + "  - say: {en: \"" +
                                                        atLimit + "\", fr: \"" + atLimit + "\"}\n    duration: 30s\n");
    std::string title = testing::routineHead("long-title");
    title.replace(title.find("title: {en: Test, fr: Test}"), 27,
                  "title: {en: Test, fr: \"" + std::string(kMaxTitleChars + 1, 't') + "\"}");
    dir.write("pack/routines/long-title.yaml", title + kStep);
    std::string cautions =
        "id: many-cautions\ntitle: T\nsummary: S\nkind: stretch\nareas: [neck]\nintensity: gentle\n"
        "flare_safe: true\ncautions:\n";
    for (std::size_t i = 0; i <= kMaxCautionsPerRoutine; ++i) cautions += "  - {en: Stop., fr: Stop.}\n";
    dir.write("pack/routines/many-cautions.yaml", cautions + "steps:\n" + kStep);
    auto lib = testing::load({(dir.path / "pack").string()});
    INFO(all(lib));
    CHECK(has(lib, "long-say.yaml", 12, "say is 20000 characters long; at most 300 are allowed"));
    CHECK(has(lib, "long-summary.yaml", 3, "summary (en) is 921600 characters long; at most 600"));
    CHECK(has(lib, "long-tip.yaml", 14, "tip is 601 characters long"));
    CHECK(has(lib, "long-title.yaml", 2, "title (fr) is 101 characters long"));
    CHECK(has(lib, "many-cautions.yaml", 9, "21 cautions; at most 20"));
    CHECK(has(lib, "prompt-at-limit.yaml", 12, "prompt (en) is 300 characters", Severity::Warning));
    CHECK(lib.findRoutine("prompt-at-limit") != nullptr);
    CHECK(lib.routines.size() == 1);
}

//-----------------------------------------------------------------------------
// [SECTION] 3. Files that are not regular files
//-----------------------------------------------------------------------------
TEST_CASE("not regular files: a FIFO or a device is refused at once, never read or waited on") {
    testing::TempDir dir;
    dir.write("pack/pack.yaml", kPackYaml);
    dir.write("pack/routines/fine.yaml", valid("fine"));
    dir.write("pack/routines/uses-fifo.yaml", testing::routineHead("uses-fifo") + "  - include: fifo\n");
    dir.write("pack/routines/fifo-image.yaml",
              testing::routineHead("fifo-image") + kStep + "    image: images/pipe.png\n");
    fs::create_directories(dir.path / "pack/images");
    REQUIRE(mkfifo((dir.path / "pack/routines/fifo.yaml").c_str(), 0600) == 0);
    REQUIRE(mkfifo((dir.path / "pack/images/pipe.png").c_str(), 0600) == 0);
    // A pack whose pack.yaml is a FIFO.
    fs::create_directories(dir.path / "fifo-pack/routines");
    REQUIRE(mkfifo((dir.path / "fifo-pack/pack.yaml").c_str(), 0600) == 0);
    dir.write("fifo-pack/routines/x.yaml", valid("in-fifo-pack"));
    // Without the fix, reading the FIFO blocks here forever (ctest's timeout).
    auto lib = testing::load({(dir.path / "pack").string(), (dir.path / "fifo-pack").string(), "/dev/zero"});
    INFO(all(lib));
    CHECK(has(lib, "pack/routines/fifo.yaml", 0, "not a regular file (it is a named pipe (FIFO)"));
    CHECK(has(lib, "fifo-pack/pack.yaml", 0, "not a regular file (it is a named pipe (FIFO)"));
    CHECK(has(lib, "fifo-image.yaml", 14, "image 'images/pipe.png' cannot be read: not a regular file"));
    CHECK(has(lib, "/dev/zero", 0, "not a regular file (it is a character device)"));
    CHECK(has(lib, "uses-fifo.yaml", 12, "include of unknown routine 'fifo'"));
    CHECK(lib.findRoutine("fine") != nullptr);
    CHECK(lib.routines.size() == 1);
    // The source itself, asked directly.
    DiskFileSource disk;
    std::string err;
    CHECK_FALSE(disk.read((dir.path / "pack/routines/fifo.yaml").string(), 100, err));
    CHECK_THAT(err, Catch::Contains("FIFO"));
    CHECK_FALSE(disk.read("/dev/null", 100, err));
    CHECK_THAT(err, Catch::Contains("character device"));
}

//-----------------------------------------------------------------------------
// [SECTION] 4. Folders
//-----------------------------------------------------------------------------
namespace {
// The disk, except that one folder cannot be listed (as a folder without
// read permission, which root, running these tests in CI, could still read).
struct UnlistableFolder final : FileSource {
    DiskFileSource disk;
    std::string broken;
    using FileSource::list;
    Type type(const std::string& p) const override { return disk.type(p); }
    std::optional<std::vector<std::string>> list(const std::string& d, std::string& error) const override {
        if (d == broken) {
            error = "cannot list folder: permission denied";
            return std::nullopt;
        }
        return disk.list(d, error);
    }
    std::optional<std::string> read(const std::string& p, std::size_t max, std::string& error) const override {
        return disk.read(p, max, error);
    }
};
}  // namespace

TEST_CASE("folders: an unlistable routines/ folder, a pack without pack.yaml, a symbolic link loop") {
    testing::TempDir dir;
    dir.write("pack/pack.yaml", kPackYaml);
    dir.write("pack/routines/fine.yaml", valid("fine"));
    UnlistableFolder files;
    files.broken = (dir.path / "pack/routines").string();
    LoadOptions o;
    o.vocabularyDir = testing::contentDir();
    o.paths = {(dir.path / "pack").string()};
    auto lib = loadLibrary(o, files);
    INFO(all(lib));
    CHECK(has(lib, "pack/routines", 0, "cannot list folder: permission denied"));
    CHECK(countErrors(lib.diagnostics) == 1);
    // The disk says so too, for a path that is not a folder.
    std::string err;
    CHECK_FALSE(DiskFileSource().list((dir.path / "pack/pack.yaml").string(), err));
    CHECK_FALSE(err.empty());

    // A pack folder without pack.yaml: an error, alone and inside a folder of packs.
    dir.write("packs/headless/routines/a.yaml", valid("headless-a"));
    dir.write("packs/ok/pack.yaml", kPackYaml);
    dir.write("packs/ok/routines/b.yaml", valid("ok-b"));
    auto alone = testing::load({(dir.path / "packs/headless").string()});
    INFO(all(alone));
    CHECK(has(alone, "packs/headless/pack.yaml", 0, "missing pack.yaml"));
    auto parent = testing::load({(dir.path / "packs").string()});
    INFO(all(parent));
    CHECK(has(parent, "packs/headless/pack.yaml", 0, "missing pack.yaml"));
    CHECK(parent.findRoutine("ok-b") != nullptr);

    // A symbolic link loop is named as one, not as "leaves the pack folder".
    fs::create_symlink("loop.yaml", dir.path / "pack/routines/loop.yaml");
    fs::create_symlink("nowhere.yaml", dir.path / "pack/routines/broken.yaml");
    auto loops = testing::load({(dir.path / "pack").string()});
    INFO(all(loops));
    CHECK(has(loops, "routines/loop.yaml", 0, "symbolic link loop"));
    CHECK(has(loops, "routines/broken.yaml", 0, "broken symbolic link"));
    CHECK_FALSE(has(loops, "routines/loop.yaml", 0, "leaves the pack folder"));
    CHECK(loops.findRoutine("fine") != nullptr);
}

//-----------------------------------------------------------------------------
// [SECTION] 5. Wrong numbers
//-----------------------------------------------------------------------------
TEST_CASE("wrong numbers: overflowing repeats, out-of-range phases, a pack twice, CLI values") {
    testing::TempDir dir;
    dir.write("pack/pack.yaml", kPackYaml);
    dir.write("pack/routines/fine.yaml", valid("fine"));
    // 100^4 repeats of 1 h, then included 100 times: no true total fits a report.
    std::string nest = testing::routineHead("huge");
    std::string indent = "  ";
    for (int i = 0; i < 6; ++i) {
        nest += indent + "- repeat: 100\n" + indent + "  steps:\n";
        indent += "    ";
    }
    nest += indent + "- say: {en: Long., fr: Long.}\n" + indent + "  duration: 1h\n";
    dir.write("pack/routines/huge.yaml", nest);
    dir.write("pack/routines/huge-twice.yaml", testing::routineHead("huge-twice") +
                                                   "  - repeat: 100\n    steps:\n      - include: fine\n"
                                                   "      - repeat: 100\n        steps:\n          - include: fine\n");
    dir.write("pack/routines/big-inhale.yaml",
              testing::routineHead("big-inhale") +
                  "  - say: {en: Breathe., fr: Respirez.}\n    breathe: {inhale: 999999.999, exhale: 4, cycles: 2}\n");
    const std::string pack = (dir.path / "pack").string();
    auto lib = testing::load({pack, pack, pack + "/"});
    INFO(all(lib));
    CHECK(has(lib, "huge.yaml", 1, "routine lasts far more than 4 h in all, over the 4 h limit"));
    CHECK(has(lib, "huge-twice.yaml", 1, "routine lasts 84 h 10 min in all"));
    CHECK(all(lib).find("312749974") == std::string::npos);
    CHECK(has(lib, "big-inhale.yaml", 13, "inhale '999999.999' is out of range: use 0 to 3600 seconds"));
    CHECK_FALSE(has(lib, "big-inhale.yaml", -1, "no inhale"));
    // The same pack three times is one pack, silently.
    CHECK(all(lib).find("also used by") == std::string::npos);
    CHECK(lib.packs.size() == 1);
    CHECK(lib.findRoutine("fine") != nullptr);

    // The command line: absurd values are usage errors, with the reason.
    auto neg = testing::runCli({"list", "--max-minutes", "-1"});
    CHECK(neg.status == 2);
    CHECK_THAT(neg.err, Catch::Contains("--max-minutes takes a whole number of minutes from 1 to 1440"));
    CHECK(neg.err.size() < 200);
    auto huge = testing::runCli({"list", "--max-minutes", std::string(400, '9')});
    CHECK(huge.status == 2);
    CHECK(huge.err.size() < 200);
    auto fine = testing::runCli({"list", "--max-minutes", "5"});
    CHECK(fine.status == 0);
    auto xx = testing::runCli({"--lang", "xx", "list"});
    CHECK(xx.status == 2);
    CHECK_THAT(xx.err, Catch::Contains("no loaded pack is in language 'xx'; the languages are: en, fr"));
    auto empty = testing::runCli({"--lang", "", "show", "neck-release"});
    CHECK(empty.status == 2);
    CHECK_THAT(empty.err, Catch::Contains("--lang takes a two-letter language code"));
    dir.write("clean/pack.yaml", kPackYaml);
    dir.write("clean/routines/fine.yaml", valid("fine"));
    const std::string clean = (dir.path / "clean").string();
    auto twice = testing::runCli({"lint", clean, clean, clean + "/"});
    CHECK(twice.status == 0);
    CHECK_THAT(twice.err, Catch::Contains("1 routine loaded, 0 errors"));
    CHECK(twice.out.find("also used by") == std::string::npos);
}

//-----------------------------------------------------------------------------
// [SECTION] 6. File-level errors
//-----------------------------------------------------------------------------
TEST_CASE("file-level errors: printed at path:1:1 so editors can jump to them") {
    testing::TempDir dir;
    std::string empty = dir.write("empty.yaml", "");
    auto r = testing::runCli({"lint", empty});
    CHECK(r.status == 1);
    CHECK_THAT(r.out, Catch::Contains(empty + ":1:1: error: file is empty"));
    Diagnostic d{"p.yaml", 0, 0, Severity::Error, "m"};
    CHECK(formatDiagnostic(d) == "p.yaml:1:1: error: m");
}

//-----------------------------------------------------------------------------
// [SECTION] 7. Terminal escapes
//-----------------------------------------------------------------------------
TEST_CASE("terminal escapes: control characters in text are errors, file names are printed escaped") {
    testing::TempDir dir;
    dir.write("pack/pack.yaml", kPackYaml);
    dir.write("pack/routines/fine.yaml", valid("fine"));
    dir.write("pack/routines/esc.yaml",
              testing::routineHead("esc") + "  - say: {en: \"\\x1b[31mRed\", fr: Rouge.}\n    duration: 30s\n");
    dir.write("pack/routines/nul.yaml",
              testing::routineHead("nul") +
                  "  - say: {en: Breathe., fr: Respirez.}\n    tip: \"a\\0b\"\n    duration: 30s\n");
    dir.write("pack/routines/tab.yaml",
              testing::routineHead("tab") + "  - say: \"Breathe\\tin.\"\n    duration: 30s\n");
    dir.write("pack/routines/csi.yaml", testing::routineHead("csi") + "  - say: \"\\x9b31mRed\"\n    duration: 30s\n");
    // Line breaks are fine.
    dir.write("pack/routines/lines.yaml",
              testing::routineHead("lines") + "  - say: |\n      Breathe in.\n      Breathe out.\n    duration: 30s\n");
    // File names with a newline and an ESC.
    dir.write("pack/routines/evil\nname.yaml", "");
    dir.write("pack/routines/evil\x1b[2Jclear.yaml", "");
    auto r = testing::runCli({"lint", (dir.path / "pack").string()});
    INFO(r.out);
    CHECK(r.status == 1);
    CHECK(r.out.find('\x1b') == std::string::npos);
    CHECK_THAT(r.out, Catch::Contains("esc.yaml:12:15: error: say (en) holds a control character (U+001B)"));
    CHECK_THAT(r.out, Catch::Contains("nul.yaml:13:10: error: tip holds a control character (U+0000)"));
    CHECK_THAT(r.out, Catch::Contains("tab.yaml:12:10: error: say holds a tab"));
    CHECK_THAT(r.out, Catch::Contains("csi.yaml:12:10: error: say holds a control character (U+009B)"));
    CHECK_THAT(r.out, Catch::Contains("routines/evil\\nname.yaml:1:1: error: file is empty"));
    CHECK_THAT(r.out, Catch::Contains("routines/evil\\x1b[2Jclear.yaml:1:1: error: file is empty"));
    // Every line of output is one diagnostic: the newline in a name forged
    // none (six errors and the warning that lines.yaml has no French).
    std::size_t lines = 0;
    for (char c : r.out) lines += c == '\n';
    CHECK(lines == 7);
    // Nothing with a control character loads, so list/show/play never print one.
    auto lib = testing::load({(dir.path / "pack").string()});
    CHECK(lib.findRoutine("esc") == nullptr);
    CHECK(lib.findRoutine("lines") != nullptr);
    CHECK(lib.findRoutine("fine") != nullptr);
    CHECK(escapeControl("a\nb\x1b\x7f\xc2\x9b\xff") == "a\\nb\\x1b\\x7f\\u009b\\xff");
}

//-----------------------------------------------------------------------------
// [SECTION] 8. YAML tags
//-----------------------------------------------------------------------------
TEST_CASE("YAML tags: !!binary, !!python/object and custom tags are errors at their line") {
    testing::TempDir dir;
    dir.write("pack/pack.yaml", kPackYaml);
    dir.write("pack/routines/fine.yaml", valid("fine"));
    dir.write("pack/routines/binary.yaml",
              testing::routineHead("binary") + "  - say: !!binary aGVsbG8=\n    duration: 30s\n");
    dir.write("pack/routines/python.yaml",
              "id: python\ntitle: !!python/object:os.system {en: x, fr: y}\n" +
                  testing::routineHead("python").substr(testing::routineHead("python").find("summary")) + kStep);
    dir.write("pack/routines/custom.yaml",
              testing::routineHead("custom") + "  - say: {en: Breathe., fr: Respirez.}\n    duration: !secs 30\n");
    dir.write("pack/routines/str.yaml",
              testing::routineHead("str") + "  - say: {en: !!str Breathe., fr: Respirez.}\n    duration: 30s\n");
    auto lib = testing::load({(dir.path / "pack").string()});
    INFO(all(lib));
    CHECK(has(lib, "binary.yaml", 12, "YAML tag '!!binary' is not allowed"));
    CHECK(has(lib, "python.yaml", 2, "is not allowed"));
    CHECK(has(lib, "custom.yaml", 13, "YAML tag '!secs' is not allowed"));
    CHECK(has(lib, "str.yaml", 12, "is not allowed"));
    CHECK(lib.routines.size() == 1);
}

//-----------------------------------------------------------------------------
// [SECTION] 9. Many files
//-----------------------------------------------------------------------------
TEST_CASE("many files: a folder past the file limit is reported and read only up to it") {
    testing::TempDir dir;
    dir.write("pack/pack.yaml", kPackYaml);
    for (int i = 0; i < 6; ++i)
        dir.write("pack/routines/r" + std::to_string(i) + ".yaml", valid("r" + std::to_string(i)));
    LoadOptions o;
    o.vocabularyDir = testing::contentDir();
    o.paths = {(dir.path / "pack").string()};
    o.limits.maxFilesPerFolder = 4;
    auto lib = loadLibrary(o);
    INFO(all(lib));
    CHECK(has(lib, "pack/routines", 0, "folder holds 6 entries; only the first 4 are read"));
    CHECK(lib.routines.size() == 4);
    CHECK(lib.stats.filesRead == 4 + 1 + 2 + 2);  // routines, pack.yaml, the two vocabularies, the two figure files
}
