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

    unknot::NullAudio audio;
    unknot::NullHaptics haptics;
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
    unknot::NullAudio audio;
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

//-----------------------------------------------------------------------------
// [SECTION] Sounds put ahead into the stream, on the player's clock
//-----------------------------------------------------------------------------
namespace {
// Records when each sound is due on the app clock: the frame's time (the
// harness clock during App::frame) plus the delay asked for.
class RecordingAudio final : public unknot::Audio {
public:
    explicit RecordingAudio(const Harness& h) : h_(h) {}
    bool available() const override { return true; }
    void play(unknot::CueSound s, int delayMs) override { due.push_back({s, h_.now + delayMs, delayMs}); }
    void setVolume(float) override {}
    void stopAll() override { ++stops; }
    struct Due {
        unknot::CueSound sound;
        std::int64_t at;
        int delay;
    };
    std::vector<Due> due;
    int stops = 0;

private:
    const Harness& h_;
};
}  // namespace

TEST_CASE("each cue is put into the stream for its segment's exact start, not a frame late", "[ui][cues]") {
    Harness h(390, 844);
    const Library lib = smallLibrary();
    const Timeline tl = compileTimeline(lib, *lib.findRoutine("breathing-4-2-6"));
    RecordingAudio audio(h);
    AppConfig cfg;
    cfg.library = &lib;
    cfg.services.audio = &audio;
    App app(cfg);
    std::string err;
    REQUIRE(app.open("card:breathing-4-2-6", 0, &err));
    h.frames(app, 2);
    h.start(app);
    REQUIRE(app.player()->state() == PlayerState::Running);
    const int stopsAtStart = audio.stops;  // a new session starts from silence
    const std::int64_t origin = h.now - app.player()->positionMs(h.now);
    // Frames of 16 ms never land on the 4 s / 2 s / 6 s boundaries exactly,
    // so a cue played when its frame came would be up to 16 ms late.
    h.runUntil(app, origin + tl.totalMs - 100);
    // The first segment's cue sounded at the tap (delay 0); every later one
    // was asked for ahead, for exactly its start.
    REQUIRE(audio.due.size() == tl.segments.size());
    for (std::size_t i = 1; i < tl.segments.size(); ++i) {
        INFO("segment " << i);
        CHECK(audio.due[i].at == origin + tl.segments[i].startMs);
        CHECK(audio.due[i].delay > 0);
        CHECK(audio.due[i].delay <= 50);
    }
    CHECK(audio.stops == stopsAtStart);  // nothing cancelled a cue on a running session
}

TEST_CASE("pausing just before a cue cancels the sound put ahead; resuming plays it on entry", "[ui][cues]") {
    Harness h(390, 844);
    const Library lib = smallLibrary();
    const Timeline tl = compileTimeline(lib, *lib.findRoutine("breathing-4-2-6"));
    RecordingAudio audio(h);
    AppConfig cfg;
    cfg.library = &lib;
    cfg.services.audio = &audio;
    App app(cfg);
    std::string err;
    REQUIRE(app.open("card:breathing-4-2-6", 0, &err));
    h.frames(app, 2);
    h.start(app);
    const std::int64_t origin = h.now - app.player()->positionMs(h.now);
    const std::int64_t holdAt = origin + tl.segments[1].startMs;
    // Up to 30 ms before the hold: its sound is already in the stream.
    while (h.now < holdAt - 30) h.frame(app);
    REQUIRE(audio.due.size() == 2);
    const int stopsBefore = audio.stops;
    // Pause (the device's back key asks to stop, which pauses): silence.
    app.goBack(h.now);
    h.frame(app);
    CHECK(audio.stops > stopsBefore);
    REQUIRE(app.player()->state() == PlayerState::Paused);
    h.frames(app, 100);  // a paused session asks for nothing
    CHECK(audio.due.size() == 2);
    // Keep going: the hold is entered after the resume and its cue plays then.
    app.goBack(h.now);  // answers "Keep going"
    h.runUntil(app, h.now + 200);
    REQUIRE(app.player()->current()->phase == BreathPhase::Hold);
    REQUIRE(audio.due.size() == 3);
    CHECK(audio.due[2].sound == unknot::CueSound::HoldTick);
}

TEST_CASE("sound off in Settings: no cue is asked for; volume follows the setting", "[ui][cues]") {
    Harness h(390, 844);
    const Library lib = smallLibrary();
    unknot::NullAudio audio;
    AppConfig cfg;
    cfg.library = &lib;
    cfg.services.audio = &audio;
    App app(cfg);
    Settings s = app.settings();
    s.sound = false;
    s.volumePercent = 50;
    app.setSettings(s);
    CHECK(audio.muted());
    CHECK(audio.volume == Approx(0.5f));
    std::string err;
    REQUIRE(app.open("play:breathing-4-2-6@0", 0, &err));
    h.runUntil(app, 13000);
    CHECK(audio.played == 0);
}

TEST_CASE("haptics are off by default on desktops and on by default on phones", "[ui][cues]") {
    const Library lib = smallLibrary();
    for (const bool mobile : {false, true}) {
        Harness h(390, 844);
        unknot::NullHaptics haptics;
        AppConfig cfg;
        cfg.library = &lib;
        cfg.services.haptics = &haptics;
        cfg.mobile = mobile;
        App app(cfg);
        CHECK(app.settings().haptics == mobile);
        std::string err;
        REQUIRE(app.open("play:breathing-4-2-6@0", 0, &err));
        h.runUntil(app, 13000);
        INFO("mobile " << mobile);
        CHECK((haptics.played > 0) == mobile);
    }
}
