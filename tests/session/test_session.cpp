// The Session without any UI: a routine built in code, recording doubles for
// the devices, a journal in memory, and a clock the test moves by hand.
//
// [SECTION] Doubles and a small library
// [SECTION] Cue look-ahead
// [SECTION] Keep-awake
// [SECTION] The stop question
// [SECTION] The record
#include "unknot/journal.hpp"
#include "unknot/session/session.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <utility>
#include <vector>

using namespace unknot;

//-----------------------------------------------------------------------------
// [SECTION] Doubles and a small library
//-----------------------------------------------------------------------------
namespace {

// Every play() with its delay, and every stopAll().
class RecordingAudio final : public Audio {
public:
    bool available() const override { return true; }
    void play(CueSound sound, int delayMs) override { plays.emplace_back(sound, delayMs); }
    void setVolume(float) override {}
    void stopAll() override { ++stops; }
    int count(CueSound s) const {
        return static_cast<int>(std::count_if(plays.begin(), plays.end(), [&](const auto& p) { return p.first == s; }));
    }
    std::vector<std::pair<CueSound, int>> plays;
    int stops = 0;
};

// Counts the calls, to check keep-awake is sent only when it changes.
class CountingLifecycle final : public Lifecycle {
public:
    void setKeepAwake(bool on) override {
        awake = on;
        ++calls;
    }
    bool keepAwake() const override { return awake; }
    bool awake = false;
    int calls = 0;
};

Text en(const std::string& s) {
    Text t;
    t.byLang = {{"en", s}};
    return t;
}

Step say(const std::string& s, std::variant<Timed, WaitTap, Breathe> body) {
    SayStep st;
    st.say = en(s);
    st.body = std::move(body);
    Step step;
    step.v = std::move(st);
    return step;
}

// "breath": 3 cycles of inhale 4 s, hold 2 s, exhale 6 s (segments start at
// 0, 4000, 6000, 12000, ...). "steps": a 5 s step, then a 10 s step.
Library smallLibrary() {
    Library lib;
    Routine b;
    b.id = "breath";
    b.title = en("Breath");
    b.kind = Kind::Breathing;
    Breathe br;
    br.inhaleMs = 4000;
    br.holdMs = 2000;
    br.exhaleMs = 6000;
    br.restMs = 0;
    br.cycles = 3;
    b.steps = {say("Breathe.", br)};
    Routine s;
    s.id = "steps";
    s.title = en("Steps");
    s.kind = Kind::Stretch;
    Timed five;
    five.seconds = 5;
    Timed ten;
    ten.seconds = 10;
    s.steps = {say("One.", five), say("Two.", ten)};
    lib.routines = {b, s};
    return lib;
}

constexpr std::int64_t kWall = 1'795'000'000'000LL;  // any fixed day: wall time is an input

// Frames of 16 ms from `from` to `to`, each a Session::advance.
std::int64_t runFrames(Session& s, std::int64_t from, std::int64_t to) {
    std::int64_t t = from;
    for (; t <= to; t += 16) (void)s.advance(t, kWall + t);
    return t;
}

struct Rig {
    Library lib = smallLibrary();
    RecordingAudio audio;
    NullHaptics haptics;
    CountingLifecycle life;
    std::unique_ptr<Journal> journal = Journal::inMemory();
    Session session;
    Rig() {
        session.connect(journal.get(), Services{&audio, &haptics, &life});
        session.setCues(true, true);
    }
    void start(const char* id, std::int64_t now = 0) { session.start(lib, *lib.findRoutine(id), now, kWall + now); }
};

}  // namespace

//-----------------------------------------------------------------------------
// [SECTION] Cue look-ahead
//-----------------------------------------------------------------------------
TEST_CASE("each cue plays once: put ahead at the segment's start, not again on its event", "[session][cues]") {
    Rig r;
    r.start("breath");
    (void)r.session.advance(0, kWall);
    REQUIRE(r.audio.plays.size() == 1);  // the first segment: at once
    CHECK(r.audio.plays[0] == std::make_pair(CueSound::Inhale, 0));
    CHECK(r.haptics.played == 1);

    runFrames(r.session, 16, 4200);
    REQUIRE(r.audio.plays.size() == 2);
    CHECK(r.audio.plays[1].first == CueSound::HoldTick);
    // Put ahead: asked for before the hold began, with the delay to its start.
    CHECK(r.audio.plays[1].second > 0);
    CHECK(r.audio.plays[1].second <= kSoundLookAheadMs);
    CHECK(r.haptics.played == 1);  // a hold does not buzz

    runFrames(r.session, 4208, 11900);  // the exhale, not yet the next inhale (12000)
    CHECK(r.audio.plays.size() == 3);
    CHECK(r.audio.count(CueSound::Exhale) == 1);
    CHECK(r.haptics.played == 2);  // two on the exhale
}

TEST_CASE("pause and skip cancel the sound put ahead; it plays once later", "[session][cues]") {
    Rig r;
    r.start("breath");
    runFrames(r.session, 0, 3960);  // 40 ms left: the hold's sound is put ahead
    REQUIRE(r.session.soundAhead == std::size_t{1});
    REQUIRE(r.audio.count(CueSound::HoldTick) == 1);
    const int stops = r.audio.stops;

    SECTION("pause") {
        r.session.pause(3970);
        CHECK(r.audio.stops == stops + 1);
        CHECK_FALSE(r.session.soundAhead);
        runFrames(r.session, 3970, 9000);  // paused: nothing plays
        CHECK(r.audio.count(CueSound::HoldTick) == 1);
        r.session.resume(9000);
        runFrames(r.session, 9000, 9200);
        // Cancelled, so asked for again: once, not twice.
        CHECK(r.audio.count(CueSound::HoldTick) == 2);
        runFrames(r.session, 9200, 9600);
        CHECK(r.audio.count(CueSound::HoldTick) == 2);
    }
    SECTION("skip") {
        r.session.skip(3970);
        CHECK(r.audio.stops == stops + 1);
        (void)r.session.advance(3980, kWall);
        // The skip entered the hold: its cue sounds once, at once, as feedback.
        CHECK(r.audio.count(CueSound::HoldTick) == 2);
        CHECK(r.audio.plays.back() == std::make_pair(CueSound::HoldTick, 0));
    }
}

TEST_CASE("sound off: no cue is asked for, and a sound put ahead is cancelled", "[session][cues]") {
    Rig r;
    r.start("breath");
    runFrames(r.session, 0, 3960);
    const std::size_t before = r.audio.plays.size();
    const int stops = r.audio.stops;
    r.session.setCues(false, false);
    CHECK(r.audio.stops == stops + 1);
    runFrames(r.session, 3976, 13000);
    CHECK(r.audio.plays.size() == before);
    CHECK(r.haptics.played == 1);
}

//-----------------------------------------------------------------------------
// [SECTION] Keep-awake
//-----------------------------------------------------------------------------
TEST_CASE("keep-awake is on only while a session runs on the player screen, and sent on change", "[session][awake]") {
    Rig r;
    r.session.updateKeepAwake(true);  // no session
    CHECK_FALSE(r.life.awake);
    CHECK(r.life.calls == 1);
    r.start("steps");
    (void)r.session.advance(0, kWall);
    r.session.updateKeepAwake(true);
    CHECK(r.life.awake);
    r.session.updateKeepAwake(true);
    CHECK(r.life.calls == 2);          // unchanged: not sent again
    r.session.updateKeepAwake(false);  // another screen on top
    CHECK_FALSE(r.life.awake);
    r.session.updateKeepAwake(true);
    CHECK(r.life.awake);
    r.session.pause(100);
    r.session.updateKeepAwake(true);
    CHECK_FALSE(r.life.awake);
    r.session.resume(200);
    r.session.updateKeepAwake(true);
    CHECK(r.life.awake);
    r.session.end();
    r.session.updateKeepAwake(true);
    CHECK_FALSE(r.life.awake);
}

//-----------------------------------------------------------------------------
// [SECTION] The stop question
//-----------------------------------------------------------------------------
TEST_CASE("the stop question pauses, Keep going resumes, Back twice asks then keeps going", "[session][stop]") {
    Rig r;
    r.start("steps");
    (void)r.session.advance(0, kWall);
    Player& p = *r.session.player;

    SECTION("ask, then cancel") {
        r.session.askStop(1000);
        CHECK(r.session.confirmingStop);
        CHECK(p.state() == PlayerState::Paused);
        r.session.askStop(1500);  // asked again: still knows it paused
        r.session.cancelStop(2000);
        CHECK_FALSE(r.session.confirmingStop);
        CHECK(p.state() == PlayerState::Running);
    }
    SECTION("Back twice") {
        r.session.backInSession(1000);
        CHECK(r.session.confirmingStop);
        CHECK(p.state() == PlayerState::Paused);
        r.session.backInSession(1100);
        CHECK_FALSE(r.session.confirmingStop);
        CHECK(p.state() == PlayerState::Running);
    }
    SECTION("paused by the user: Keep going leaves it paused") {
        r.session.pause(500);
        r.session.askStop(1000);
        r.session.cancelStop(1100);
        CHECK(p.state() == PlayerState::Paused);
    }
    SECTION("Stop ends it early, silenced") {
        r.session.askStop(1000);
        const int stops = r.audio.stops;
        r.session.confirmStop(1100);
        CHECK_FALSE(r.session.confirmingStop);
        CHECK(p.state() == PlayerState::Finished);
        CHECK(p.finishedEarly());
        CHECK(r.audio.stops > stops);
    }
}

//-----------------------------------------------------------------------------
// [SECTION] The record
//-----------------------------------------------------------------------------
TEST_CASE("a finished session is recorded once, with the pain before and after and the note", "[session][record]") {
    Rig r;
    r.start("steps");
    REQUIRE(r.session.setPainBefore(3));
    r.session.area = "neck";
    runFrames(r.session, 0, 15100);
    REQUIRE(r.session.player->state() == PlayerState::Finished);
    CHECK(r.audio.count(CueSound::Finish) == 1);
    runFrames(r.session, 15116, 16000);  // more frames: no second record, no second Finish
    CHECK(r.audio.count(CueSound::Finish) == 1);
    r.session.record(16000, kWall + 16000);  // asked again: already written
    std::vector<SessionRecord> all = r.journal->allSessions();
    REQUIRE(all.size() == 1);
    CHECK(all[0].routineId == "steps");
    CHECK(all[0].finished);
    CHECK(all[0].painBefore == 3);
    CHECK(all[0].area == "neck");
    CHECK(all[0].practisedSeconds == 15);
    CHECK(all[0].startedAt == kWall);

    REQUIRE(r.session.setPainAfter(1));
    CHECK_FALSE(r.session.setPainAfter(kPainMax + 1));  // refused, the 1 stays
    CHECK_FALSE(r.session.setPainBefore(kPainMin - 1));
    r.session.editNote("easier today");
    r.session.end();  // left by Back: the typed note is saved
    all = r.journal->allSessions();
    REQUIRE(all.size() == 1);
    CHECK(all[0].painAfter == 1);
    CHECK(all[0].note == "easier today");
}

TEST_CASE("a session stopped early is recorded as not finished, at its step, without Finish", "[session][record]") {
    Rig r;
    r.start("steps");
    runFrames(r.session, 0, 7000);  // into the second step
    r.session.askStop(7000);
    r.session.confirmStop(7100);
    (void)r.session.advance(7116, kWall + 7116);
    const std::vector<SessionRecord> all = r.journal->allSessions();
    REQUIRE(all.size() == 1);
    CHECK_FALSE(all[0].finished);
    CHECK(all[0].stoppedAtStep == 1);
    CHECK(all[0].practisedSeconds == 7);
    CHECK(r.audio.count(CueSound::Finish) == 0);
}

TEST_CASE("a session left before it ends is not recorded", "[session][record]") {
    Rig r;
    r.start("steps");
    runFrames(r.session, 0, 3000);
    r.session.end();
    CHECK(r.journal->allSessions().empty());
    CHECK_FALSE(r.session.player);
}
