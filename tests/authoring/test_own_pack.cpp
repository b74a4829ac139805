// The person's own pack (issue 16 part 1): a made breathing pattern becomes
// routine YAML through yaml-cpp's emitter, with an id that is never a path,
// written atomically with mode 0600 after the loader and lint found nothing
// wrong, and read back by the same loader as every other routine.
#include "helpers.hpp"

#include "unknot/breath_pattern.hpp"
#include "unknot/own_pack.hpp"

#include <catch2/catch.hpp>

#include <sys/stat.h>
#include <filesystem>
#include <fstream>
#include <sstream>

using namespace unknot;

namespace {
std::string readFile(const std::string& p) {
    std::ifstream in(p);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

// A data folder with its own pack, and the bundled content beside it.
struct DataFolder {
    testing::TempDir dir;
    OwnPack pack{dir.str() + "/packs/mine", testing::contentDir()};
    Library load() const {
        LoadOptions o;
        o.vocabularyDir = testing::contentDir();
        o.paths = {testing::contentDir(), dir.str() + "/packs"};
        return loadLibrary(o);
    }
};

BreathPattern pattern(std::string name) {
    BreathPattern p;
    p.inhale = 7;  // 3.5 s: half seconds survive the round trip
    p.hold = 2;
    p.exhale = 12;
    p.rest = 0;
    p.lengthIn = BreathPattern::Length::Minutes;
    p.amount = 3;
    p.countAloud = 4;
    p.name = std::move(name);
    return p;
}

// Every diagnostic about the own pack, one a line: empty when lint is clean.
std::string ownDiagnostics(const Library& lib) {
    std::string s;
    for (const Diagnostic& d : lib.diagnostics)
        if (d.path.find("/packs/") != std::string::npos) s += formatDiagnostic(d) + "\n";
    return s;
}
}  // namespace

TEST_CASE("pattern: pace in breaths per minute, whole breaths, and the notes") {
    BreathPattern p = pattern("x");
    p.inhale = 8;
    p.hold = 0;
    p.exhale = 12;
    CHECK(patternCycleMs(p) == 10000);
    CHECK(breathsPerMinute(p) == Approx(6.0));
    p.amount = 3;
    CHECK(patternBreaths(p) == 18);  // 3 minutes at 6 a minute
    p.inhale = 7;                    // 9.5 s a breath: 3 min is 18.9 breaths, so 19
    CHECK(patternBreaths(p) == 19);
    p.lengthIn = BreathPattern::Length::Breaths;
    p.amount = 5;
    CHECK(patternBreaths(p) == 5);
    CHECK(patternNotes(p).empty());
    p.exhale = 6;  // shorter than the inhale: a gentle note, saving still allowed
    CHECK(patternNotes(p) == std::vector<PatternNote>{PatternNote::ExhaleShorter});
    CHECK(canSave(p));
    p.inhale = 0;
    CHECK_FALSE(canSave(p));
    p.inhale = 8;
    p.name = " \n\t ";
    CHECK_FALSE(canSave(p));
    BreathPattern wild;
    wild.inhale = 99;
    wild.hold = -3;
    wild.amount = 100000;
    CHECK(clampPattern(wild).inhale == 20);
    CHECK(clampPattern(wild).hold == 0);
    CHECK(clampPattern(wild).amount == kMaxPatternMinutes);
}

TEST_CASE("pattern: a name becomes one clean line and an id that is never a path") {
    CHECK(cleanPatternName("  Evening\n\ncalm\t ") == "Evening calm");
    CHECK(cleanPatternName(std::string(10000, 'a')).size() == kMaxTitleChars);
    CHECK(cleanPatternName("\xff\xfeok") == "ok");
    CHECK(countCodePoints(cleanPatternName(std::string(5000, 'x') + "\xd9\x86")) == kMaxTitleChars);
    CHECK(patternId("Evening calm", {}) == "my-evening-calm");
    CHECK(patternId("Évasion à l'été", {}) == "my-evasion-a-l-ete");
    CHECK(patternId("../../etc/passwd", {}) == "my-etc-passwd");
    CHECK(patternId("نفس هادئ", {}) == "my-pattern");
    CHECK(patternId("Calm", {"my-calm", "my-calm-2"}) == "my-calm-3");
    CHECK(patternId(std::string(10000, 'z'), {}).size() <= 64);
}

TEST_CASE("own pack: hostile names stay valid YAML, load back exactly and lint clean") {
    const std::vector<std::string> names = {
        "He said \"breathe\" and 'rest'",
        "key: value # not a comment",
        "line one\nline two\r\nthree",
        std::string(10000, 'w'),
        "\xd9\x86\xd9\x81\xd8\xb3 \xd9\x87\xd8\xa7\xd8\xaf\xd8\xa6 \xe2\x80\xae rtl",  // Arabic and U+202E
        "- [ { &anchor *alias !tag | > % @ ` ",
        "../../../etc/passwd",
        "null",
        "yes",
        "123",
    };
    DataFolder data;
    std::vector<std::string> ids;
    for (const std::string& name : names) {
        const std::string id = patternId(cleanPatternName(name), ids);
        INFO(id);
        CHECK(id.find('/') == std::string::npos);
        CHECK(id.find('.') == std::string::npos);
        const Result<void> saved = saveOwnPattern(data.pack, pattern(name), id);
        INFO((saved ? std::string() : saved.error().message));
        REQUIRE(saved);
        ids.push_back(id);
    }
    const Library lib = data.load();
    CHECK(ownDiagnostics(lib).empty());
    for (std::size_t i = 0; i < names.size(); ++i) {
        const Routine* r = lib.findRoutine(ids[i]);
        REQUIRE(r);
        CHECK(r->packId == "mine");
        CHECK(r->title.get("en") == cleanPatternName(names[i]));
        CHECK(r->title.get("fr") == cleanPatternName(names[i]));
    }
}

TEST_CASE("own pack: a saved pattern reads back as the same pattern, in breaths") {
    DataFolder data;
    const BreathPattern p = pattern("Round trip");
    REQUIRE(saveOwnPattern(data.pack, p, "my-round-trip"));
    const Library lib = data.load();
    CHECK(ownDiagnostics(lib).empty());
    const Routine* r = lib.findRoutine("my-round-trip");
    REQUIRE(r);
    CHECK(r->kind == Kind::Breathing);
    CHECK(r->cautions.size() == 3);
    const auto back = patternFromRoutine(*r, "fr");
    REQUIRE(back);
    CHECK(back->inhale == 7);
    CHECK(back->hold == 2);
    CHECK(back->exhale == 12);
    CHECK(back->rest == 0);
    CHECK(back->lengthIn == BreathPattern::Length::Breaths);
    CHECK(back->amount == patternBreaths(p));
    CHECK(back->countAloud == 4);
    CHECK(back->name == "Round trip");
    CHECK(readFile(data.pack.routinePath("my-round-trip")).find("inhale: 3.5") != std::string::npos);
}

TEST_CASE("own pack: files are written with mode 0600, folders 0700") {
    DataFolder data;
    REQUIRE(saveOwnPattern(data.pack, pattern("Private"), "my-private"));
    struct stat st {};
    REQUIRE(::stat(data.pack.routinePath("my-private").c_str(), &st) == 0);
    CHECK((st.st_mode & 0777) == 0600);
    REQUIRE(::stat((data.pack.dir + "/pack.yaml").c_str(), &st) == 0);
    CHECK((st.st_mode & 0777) == 0600);
    REQUIRE(::stat(data.pack.dir.c_str(), &st) == 0);
    CHECK((st.st_mode & 0777) == 0700);
}

TEST_CASE("own pack: a failing write or a loader error leaves the old file whole") {
    DataFolder data;
    REQUIRE(saveOwnPattern(data.pack, pattern("Keep me"), "my-keep"));
    const std::string path = data.pack.routinePath("my-keep");
    const std::string before = readFile(path);

    // The temporary file cannot be created (a folder holds its name).
    std::filesystem::create_directory(path + ".tmp");
    const Result<void> blocked = saveOwnPattern(data.pack, pattern("Changed"), "my-keep");
    CHECK_FALSE(blocked);
    CHECK(readFile(path) == before);
    std::filesystem::remove(path + ".tmp");

    // A pattern the loader refuses (no inhale) is never written.
    BreathPattern broken = pattern("Broken");
    broken.inhale = 0;
    const Result<void> refused = saveOwnPattern(data.pack, broken, "my-keep");
    REQUIRE_FALSE(refused);
    CHECK(refused.error().message.find("inhale") != std::string::npos);
    CHECK(readFile(path) == before);
    CHECK_FALSE(std::filesystem::exists(path + ".tmp"));

    // An id is never a path.
    CHECK_FALSE(saveOwnPattern(data.pack, pattern("x"), "../escape"));
    CHECK_FALSE(deleteOwnRoutine(data.pack, "../../pack"));
    CHECK(std::filesystem::exists(data.pack.dir + "/pack.yaml"));
}

TEST_CASE("own pack: delete removes the routine and only it") {
    DataFolder data;
    REQUIRE(saveOwnPattern(data.pack, pattern("One"), "my-one"));
    REQUIRE(saveOwnPattern(data.pack, pattern("Two"), "my-two"));
    REQUIRE(deleteOwnRoutine(data.pack, "my-one"));
    const Library lib = data.load();
    CHECK_FALSE(lib.findRoutine("my-one"));
    CHECK(lib.findRoutine("my-two"));
    CHECK(lib.findRoutine("breathing-box"));  // the bundled pack loads beside it
    CHECK_FALSE(deleteOwnRoutine(data.pack, "my-one"));
}
