// The null services, window and renderer that tests and headless runs use,
// and the small pure helpers of the shell (scale, sizes, options).
//
// [SECTION] Null services
// [SECTION] Null window and renderer; pixel scale
// [SECTION] Options
#include "unknot/platform/shell.hpp"
#include "unknot/platform/window.hpp"
#include "unknot/session/services.hpp"

#include <catch2/catch.hpp>

#include <sstream>

using namespace unknot;
using namespace unknot::platform;

//-----------------------------------------------------------------------------
// [SECTION] Null services
//-----------------------------------------------------------------------------
TEST_CASE("null services are silent, unavailable and count what was asked", "[platform][null]") {
    NullAudio audio;
    NullHaptics haptics;
    NullLifecycle life;
    Services s{&audio, &haptics, &life};
    CHECK_FALSE(s.audio->available());
    CHECK_FALSE(s.haptics->available());
    s.audio->play(CueSound::Chime, 0);
    s.audio->play(CueSound::Finish, 250);
    s.audio->setVolume(0.3f);
    s.audio->stopAll();
    s.haptics->play(HapticPattern::Two);
    CHECK(audio.played == 2);
    CHECK(audio.stops == 1);
    CHECK(audio.volume == 0.3f);
    CHECK(haptics.played == 1);
    // Mute is remembered; the cues are still counted (what the app asked for).
    CHECK_FALSE(s.audio->muted());
    s.audio->setMuted(true);
    CHECK(s.audio->muted());
    s.audio->play(CueSound::Inhale, 0);
    CHECK(audio.played == 3);
    s.audio->setMuted(false);
    CHECK_FALSE(s.audio->muted());
    // Settings has a reason to show under "No sound device".
    CHECK_FALSE(s.audio->status().empty());
    CHECK_FALSE(s.lifecycle->keepAwake());
    s.lifecycle->setKeepAwake(true);
    CHECK(s.lifecycle->keepAwake());
    s.lifecycle->setKeepAwake(false);
    CHECK_FALSE(s.lifecycle->keepAwake());
}

//-----------------------------------------------------------------------------
// [SECTION] Null window and renderer
//-----------------------------------------------------------------------------
TEST_CASE("null window and renderer", "[platform][null]") {
    NullWindow w({390, 844});
    NullRenderer r({780, 1688});
    CHECK(w.logicalSize().w == 390);
    w.setTitle("Unknot");
    w.show();
    CHECK(w.title == "Unknot");
    CHECK(w.shown);
    CHECK_FALSE(r.trustedVsync());
    r.clear(10, 20, 30);
    r.present();
    CHECK(r.presented == 1);
    std::vector<std::uint8_t> px;
    std::string error;
    REQUIRE(r.readPixels({2, 2}, px, error));
    CHECK(px == std::vector<std::uint8_t>{10, 20, 30, 255, 10, 20, 30, 255, 10, 20, 30, 255, 10, 20, 30, 255});
    CHECK_FALSE(r.readPixels({1000, 2}, px, error));
    CHECK_FALSE(error.empty());
}

TEST_CASE("pixel scale is output over window, and 1 when unknown", "[platform][null]") {
    CHECK(pixelScale({390, 844}, {780, 1688}) == 2.0f);
    CHECK(pixelScale({390, 844}, {390, 844}) == 1.0f);
    CHECK(pixelScale({0, 0}, {780, 1688}) == 1.0f);  // minimized
    CHECK(pixelScale({390, 844}, {0, 0}) == 1.0f);
}

//-----------------------------------------------------------------------------
// [SECTION] Options
//-----------------------------------------------------------------------------
namespace {
int parse(std::vector<const char*> args, AppOptions& o, std::string* errText = nullptr) {
    args.insert(args.begin(), "unknot");
    std::ostringstream out, err;
    const int status = parseAppOptions(static_cast<int>(args.size()), args.data(), o, out, err);
    if (errText) *errText = err.str() + out.str();
    return status;
}
}  // namespace

TEST_CASE("parseSize accepts WxH and rejects the rest", "[platform][options]") {
    int w = 0, h = 0;
    CHECK(parseSize("390x844", w, h));
    CHECK((w == 390 && h == 844));
    CHECK(parseSize("1280X800", w, h));
    for (const char* bad :
         {"", "x", "390", "390x", "x844", "0x10", "-1x5", "10x10x10", "99999x1", "3 90x844", "abcxdef", "16385x10"})
        CHECK_FALSE(parseSize(bad, w, h));
}

TEST_CASE("resource limits: --size and --canvas are capped at 8192 a side", "[platform][options][redteam]") {
    int w = 0, h = 0;
    CHECK(parseSize("8192x8192", w, h));
    CHECK((w == 8192 && h == 8192));
    for (const char* bad : {"8193x1", "1x8193", "16384x16384", "0x0"}) {
        CHECK_FALSE(parseSize(bad, w, h));
        CHECK((w == 8192 && h == 8192));  // untouched on failure
    }
    std::string err;
    AppOptions o;
    CHECK(parse({"--screenshot", "a.png", "--size", "16384x16384"}, o, &err) == 2);
    CHECK_THAT(err, Catch::Contains("1 to 8192"));
    AppOptions c;
    CHECK(parse({"--screenshot", "a.png", "--canvas", "9000x9000"}, c, &err) == 2);
    CHECK_THAT(err, Catch::Contains("at most 8192"));
    AppOptions fine;
    CHECK(parse({"--screenshot", "a.png", "--size", "8192x8192", "--canvas", "8192x8192"}, fine) == -1);
}

TEST_CASE("option validation: --lang names a language Unknot has", "[platform][options][redteam]") {
    for (const char* lang : {"en", "fr"}) {
        AppOptions o;
        CHECK(parse({"--lang", lang}, o) == -1);
        CHECK(o.lang == lang);
    }
    for (const char* bad : {"xx", "", "EN", "fr-CA-x", "de"}) {
        INFO("--lang \"" << bad << "\"");
        std::string err;
        AppOptions o;
        CHECK(parse({"--lang", bad}, o, &err) == 2);
        CHECK_THAT(err, Catch::Contains("use en (English) or fr (French)"));
    }
}

TEST_CASE("option validation: --screen, --font-px, --bench, --journal, --screenshot, --trace",
          "[platform][options][redteam]") {
    const auto refused = [](std::vector<const char*> args, const std::string& words) {
        INFO("args: " << args.front() << " " << (args.size() > 1 ? std::string(args[1]).substr(0, 60) : ""));
        std::string err;
        AppOptions o;
        CHECK(parse(args, o, &err) == 2);
        CHECK_THAT(err, Catch::Contains(words));
        CHECK(err.size() < 1000);  // a huge argument is not echoed whole
    };
    const std::string longScreen = "card:" + std::string(100000, 'x');
    refused({"--screen", longScreen.c_str()}, "screen names are at most");
    refused({"--screen", "play:neck-release@1e300"}, "seconds from 0 to");
    refused({"--screen", "play:neck-release@inf"}, "seconds from 0 to");
    refused({"--screen", "play:neck-release@-1"}, "seconds from 0 to");
    refused({"--font-px", "nan"}, "--font-px");
    refused({"--bench", "nan"}, "--bench");
    refused({"--journal", ""}, "--journal wants a file path");
    const std::string dir = UNKNOT_BINARY_DIR;
    refused({"--journal", dir.c_str()}, "a folder");
    refused({"--journal", "/dev/null"}, "a character device");
    refused({"--screenshot", dir.c_str()}, "a folder");
    refused({"--screenshot", "/dev/full"}, "a character device");
    refused({"--screenshot", "/no-such-folder-for-unknot/a.png"}, "does not exist");
    refused({"--trace", "/dev/null"}, "a character device");
    AppOptions ok;
    CHECK(parse({"--journal", ":memory:", "--screen", "play:neck-release@86400"}, ok) == -1);
}

TEST_CASE("option validation: a --screen outside the route grammar is refused before any window opens",
          "[platform][options][redteam]") {
    const auto refused = [](const char* screen, const std::string& words) {
        INFO("--screen " << screen);
        std::string err;
        AppOptions o;
        CHECK(parse({"--screen", screen}, o, &err) == 2);
        CHECK_THAT(err, Catch::Contains(words));
    };
    refused("nowhere", "unknown screen");
    refused("cards:neck-release", "unknown screen");
    refused("card:", "missing routine id");
    refused("play:@3", "missing routine id");
    refused("play:neck-release@", "seconds from 0 to 86400");
    refused("play:neck-release@90000", "seconds from 0 to 86400");  // parseRoute allows it; the shell caps at 24 h
    for (const char* fine : {"home", "browse", "list", "all", "problems", "settings", "safety", "history", "area:neck",
                             "card:neck-release", "pain:neck-release", "play:neck-release", "play:neck-release@20.5",
                             "plans", "plan:calmer-evenings"}) {
        INFO("--screen " << fine);
        AppOptions o;
        CHECK(parse({"--screen", fine}, o) == -1);
        CHECK(o.screen == fine);
    }
}

TEST_CASE("option validation: --text-size takes the settings' range", "[platform][options]") {
    for (const char* fine : {"100", "150", "200"}) {
        AppOptions o;
        CHECK(parse({"--text-size", fine}, o) == -1);
        CHECK(o.textPercent == std::stoi(fine));
    }
    for (const char* bad : {"99", "201", "0"}) {
        AppOptions o;
        CHECK(parse({"--text-size", bad}, o) == 2);
    }
}

TEST_CASE("window app options", "[platform][options]") {
    AppOptions o;
    CHECK(parse({}, o) == -1);
    CHECK((o.width == 390 && o.height == 844));
    CHECK(parse({"--size", "1280x800", "--lang", "fr", "--screen", "card:neck-release", "--trace", "t.txt", "--content",
                 "a", "b"},
                o) == -1);
    CHECK((o.width == 1280 && o.height == 800));
    CHECK(o.lang == "fr");
    CHECK(o.screen == "card:neck-release");
    CHECK(o.trace == "t.txt");
    CHECK(o.content == std::vector<std::string>{"a", "b"});

    std::string err;
    AppOptions bad;
    CHECK(parse({"--size", "big"}, bad, &err) == 2);
    CHECK_THAT(err, Catch::Contains("WxH"));
    CHECK(parse({"--no-such-flag"}, bad, &err) == 2);
    CHECK(parse({"--canvas", "600x900"}, bad, &err) == 2);                           // needs --screenshot
    CHECK(parse({"--screenshot", "a.png", "--canvas", "100x100"}, bad, &err) == 2);  // < size
    AppOptions help;
    CHECK(parse({"--help"}, help, &err) == 0);
    CHECK_THAT(err, Catch::Contains("--screenshot"));
}
