// Cues: each segment entered plays exactly one sound, whatever the frame rate,
// and haptics follow the breath (one on inhale, two on exhale, long on switch).
//
// [SECTION] Breath cues and haptics
// [SECTION] Late frames and the end
// [SECTION] Without services
#include "harness.hpp"

using namespace unknot;
using namespace unknot::ui;
using namespace unknot::ui::test;

// Segments whose cue is due at or before `t` on a session started at 0.
static int segmentsEnteredBy(const Timeline& tl, std::int64_t t) {
    int n = 0;
    for (const Segment& s : tl.segments)
        if (s.startMs <= t && s.cue == Cue::Chime) ++n;
    return n;
}

//-----------------------------------------------------------------------------
// [SECTION] Breath cues and haptics
//-----------------------------------------------------------------------------
TEST_CASE("crossing the inhale->hold boundary plays one cue per segment entered", "[ui][cues]") {
    Harness h(390, 844);
    const Library lib = smallLibrary();
    const Timeline tl = compileTimeline(lib, *lib.findRoutine("breathing-4-2-6"));
    REQUIRE(tl.segments.size() >= 2);
    REQUIRE(tl.segments[0].phase == BreathPhase::Inhale);
    REQUIRE(tl.segments[1].phase == BreathPhase::Hold);
    const std::int64_t holdStart = tl.segments[1].startMs;

    platform::NullAudio audio;
    platform::NullHaptics haptics;
    AppConfig cfg;
    cfg.library = &lib;
    cfg.services.audio = &audio;
    cfg.services.haptics = &haptics;
    cfg.mobile = true;  // a phone: haptics are on by default
    App app(cfg);
    std::string err;
    REQUIRE(app.open("card:breathing-4-2-6", 0, &err));
    h.frames(app, 2);
    h.start(app);
    REQUIRE(app.player()->state() == PlayerState::Running);

    // Many frames inside the inhale: the inhale cue once, nothing more.
    h.frames(app, 60);
    REQUIRE(app.player()->current()->phase == BreathPhase::Inhale);
    REQUIRE(audio.played == 1);
    REQUIRE(haptics.played == 1);  // one buzz on the inhale

    // Run well into the hold: exactly one more cue, however many frames pass.
    const std::int64_t origin = h.now - app.player()->positionMs(h.now);
    h.runUntil(app, origin + holdStart + 1000);
    REQUIRE(app.player()->current()->phase == BreathPhase::Hold);
    REQUIRE(audio.played == segmentsEnteredBy(tl, holdStart + 1000));
    REQUIRE(audio.played == 2);
    REQUIRE(haptics.played == 1);  // the hold does not buzz
    h.frames(app, 40);
    REQUIRE(audio.played == 2);

    // Into the exhale: a third cue and a second buzz.
    h.runUntil(app, origin + tl.segments[2].startMs + 500);
    REQUIRE(app.player()->current()->phase == BreathPhase::Exhale);
    REQUIRE(audio.played == 3);
    REQUIRE(haptics.played == 2);
}

//-----------------------------------------------------------------------------
// [SECTION] Late frames and the end
//-----------------------------------------------------------------------------
TEST_CASE("a late frame still plays every crossed cue once, and the end plays Finish", "[ui][cues]") {
    Harness h(390, 844);
    const Library lib = smallLibrary();
    const Timeline tl = compileTimeline(lib, *lib.findRoutine("neck-release"));
    platform::NullAudio audio;
    AppConfig cfg;
    cfg.library = &lib;
    cfg.services.audio = &audio;
    App app(cfg);
    std::string err;
    REQUIRE(app.open("card:neck-release", 0, &err));
    h.frames(app, 2);
    h.start(app);
    const int afterStart = audio.played;
    REQUIRE(afterStart == 1);
    // One long stall (the device slept the app's thread): past the switch.
    const std::int64_t origin = h.now - app.player()->positionMs(h.now);
    h.now = origin + tl.segments[2].startMs + 100;  // sit, left side, switch...
    h.frame(app);
    REQUIRE(app.player()->current()->kind == SegmentKind::Switch);
    REQUIRE(audio.played == 3);  // left side and switch, once each
    // To the end: the remaining segments plus the Finish sound.
    h.now = origin + tl.totalMs + 100;
    h.frames(app, 3);
    REQUIRE(app.screenName() == "end");
    REQUIRE(audio.played == static_cast<int>(tl.segments.size()) + 1);
    h.frames(app, 10);
    REQUIRE(audio.played == static_cast<int>(tl.segments.size()) + 1);
}

//-----------------------------------------------------------------------------
// [SECTION] Without services
//-----------------------------------------------------------------------------
TEST_CASE("no services: the player runs without audio, haptics or lifecycle", "[ui][cues]") {
    Harness h(390, 844);
    const Library lib = smallLibrary();
    AppConfig cfg;
    cfg.library = &lib;
    App app(cfg);
    std::string err;
    REQUIRE(app.open("play:breathing-4-2-6@0", 0, &err));
    h.runUntil(app, 13000);
    REQUIRE(app.player()->state() == PlayerState::Running);
    REQUIRE(app.player()->current()->cycle == 2);
}
