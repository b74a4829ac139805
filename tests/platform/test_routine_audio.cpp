// The desktop's "Save as audio" (DesktopRoutineAudio): a real .opus file in
// <data folder>/audio/, named by routine and language, replaced on a second
// save; a plain error, and no file, when it cannot write.
#include "unknot/loader.hpp"
#include "unknot/platform/routine_audio.hpp"

#include <catch2/catch.hpp>

#include <unistd.h>
#include <filesystem>
#include <fstream>
#include <string>

using namespace unknot;
namespace fs = std::filesystem;

namespace {
const Library& content() {
    static const Library lib = [] {
        LoadOptions o;
        o.vocabularyDir = UNKNOT_SOURCE_DIR "/content";
        o.paths = {UNKNOT_SOURCE_DIR "/content"};
        return loadLibrary(o);
    }();
    return lib;
}
fs::path freshDir(const std::string& name) {
    const fs::path d = fs::temp_directory_path() / ("unknot-routine-audio-" + std::to_string(getpid()) + "-" + name);
    fs::remove_all(d);
    fs::create_directories(d);
    return d;
}
std::string head(const fs::path& p, std::size_t n) {
    std::ifstream in(p, std::ios::binary);
    std::string s(n, '\0');
    in.read(s.data(), static_cast<std::streamsize>(n));
    s.resize(static_cast<std::size_t>(in.gcount()));
    return s;
}
}  // namespace

TEST_CASE("Save as audio writes an Ogg Opus file under the data folder", "[platform][audio]") {
    const Routine* r = content().findRoutine("breathing-one-minute-calm");
    REQUIRE(r != nullptr);
    const fs::path dir = freshDir("ok");
    DesktopRoutineAudio out(dir.string());
    AudioSaveOptions o;
    o.lang = "fr";
    o.voice = false;  // the tones alone: fast, and no espeak-ng needed
    Result<SavedAudioFile> saved = out.save(content(), *r, o);
    INFO((saved ? std::string() : saved.error().message));
    REQUIRE(saved);
    CHECK(fs::path(saved->where) == dir / "audio" / "breathing-one-minute-calm-fr.opus");
    CHECK_FALSE(saved->downloaded);
    CHECK(saved->voiced);  // asked without the voice: nothing is missing
    CHECK(head(saved->where, 4) == "OggS");
    const auto first = fs::file_size(saved->where);
    CHECK(first > 1000);
    // Saved again: the same name, replaced, not a second file.
    REQUIRE(out.save(content(), *r, o));
    CHECK(std::distance(fs::directory_iterator(dir / "audio"), fs::directory_iterator()) == 1);
    fs::remove_all(dir);
}

TEST_CASE("Save as audio says why when it cannot write, and writes nothing", "[platform][audio]") {
    const Routine* r = content().findRoutine("breathing-one-minute-calm");
    REQUIRE(r != nullptr);
    AudioSaveOptions o;
    o.voice = false;
    SECTION("no data folder") {
        DesktopRoutineAudio out("");
        Result<SavedAudioFile> saved = out.save(content(), *r, o);
        REQUIRE_FALSE(saved);
        CHECK(saved.error().message.find("data folder") != std::string::npos);
    }
    SECTION("the data folder's audio is a file, not a folder") {
        const fs::path dir = freshDir("blocked");
        std::ofstream(dir / "audio") << "not a folder";
        DesktopRoutineAudio out(dir.string());
        Result<SavedAudioFile> saved = out.save(content(), *r, o);
        REQUIRE_FALSE(saved);
        CHECK_FALSE(saved.error().message.empty());
        CHECK(head(dir / "audio", 100) == "not a folder");
        fs::remove_all(dir);
    }
}
