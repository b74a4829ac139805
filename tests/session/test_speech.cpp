// The voice: the speech plan (what is said, when, never over a cue) and the
// live session handing it to the speech service on the session clock. The
// null speech service records every say() with its delay; the recording audio
// sink every cue with its delay; the test moves the clock by hand.
//
// [SECTION] A small library and a rig
// [SECTION] The plan: what is said
// [SECTION] The plan: cues and speech never collide
// [SECTION] The live session
#include "unknot/session/session.hpp"
#include "unknot/session/settings.hpp"
#include "unknot/session/speech_plan.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

using namespace unknot;

//-----------------------------------------------------------------------------
// [SECTION] A small library and a rig
//-----------------------------------------------------------------------------
namespace {

Text text2(const std::string& enText, const std::string& frText = {}) {
    Text t;
    t.byLang = {{"en", enText}};
    if (!frText.empty()) t.byLang["fr"] = frText;
    return t;
}

Step say(const std::string& s, std::variant<Timed, WaitTap, Breathe> body, Text voice = {}, bool quiet = false) {
    SayStep st;
    st.say = text2(s, "FR " + s);
    st.body = std::move(body);
    st.voice = std::move(voice);
    st.quiet = quiet;
    Step step;
    step.v = std::move(st);
    return step;
}

Timed timed(std::int64_t seconds, std::vector<Side> sides = {}, std::int64_t switchSeconds = 5) {
    Timed t;
    t.seconds = seconds;
    t.sides = std::move(sides);
    t.switchSeconds = switchSeconds;
    return t;
}

Breathe breath(int cycles, int countAloud) {
    Breathe b;
    b.inhaleMs = 4000;
    b.holdMs = 2000;
    b.exhaleMs = 6000;
    b.cycles = cycles;
    b.countAloud = countAloud;
    return b;
}

// "mix": a tap step, a 40 s step on both sides (5 s switch), a breathing
// block of 5 cycles counted aloud for 2, a quiet step, a step with its own
// voice text.
Library mixLibrary() {
    Library lib;
    Routine r;
    r.id = "mix";
    r.title = text2("Mix");
    r.kind = Kind::SelfMassage;
    r.steps = {say("Place the ball.", WaitTap{}), say("Lean on the ball.", timed(40, {Side::Right, Side::Left})),
               say("Breathe slowly.", breath(5, 2)), say("Shhh.", timed(10), {}, true),
               say("A long written prompt.", timed(10), text2("Short.", "Court."))};
    lib.routines = {r};
    return lib;
}

// Every text costs 1 s to say: easy figures.
std::int64_t oneSecond(const std::string&) { return 1000; }

bool has(const std::vector<Utterance>& plan, const std::string& text) {
    return std::any_of(plan.begin(), plan.end(), [&](const Utterance& u) { return u.text == text; });
}
long countOf(const std::vector<Utterance>& plan, const std::string& text) {
    return std::count_if(plan.begin(), plan.end(), [&](const Utterance& u) { return u.text == text; });
}

// Every cue with the session time it was asked for at.
class RecordingAudio final : public Audio {
public:
    bool available() const override { return true; }
    void play(CueSound sound, int delayMs) override { plays.emplace_back(sound, *now + delayMs); }
    void setVolume(float) override {}
    void stopAll() override {}
    std::vector<std::pair<CueSound, std::int64_t>> plays;
    const std::int64_t* now = nullptr;
};

struct Rig {
    Library lib = mixLibrary();
    RecordingAudio audio;
    NullSpeech speech;
    NullHaptics haptics;
    NullLifecycle life;
    Session session;
    std::int64_t now = 0;
    // What was said, with the session-clock instant it was asked to start at.
    std::vector<std::pair<std::string, std::int64_t>> said;
    Rig() {
        audio.now = &now;
        Services s{&audio, &haptics, &life};
        s.speech = &speech;
        session.connect(nullptr, s);
        session.setCues(true, false);
        session.setVoice(true, true, "en");
    }
    void start() { session.start(lib, lib.routines[0], now, 0); }
    void frame() {
        (void)session.advance(now, now);
        for (std::size_t i = said.size(); i < speech.said.size(); ++i)
            said.emplace_back(speech.said[i].text, now + speech.said[i].delayMs);
    }
    void runTo(std::int64_t to) {
        for (; now <= to; now += 16) frame();
    }
};

}  // namespace

//-----------------------------------------------------------------------------
// [SECTION] The plan: what is said
//-----------------------------------------------------------------------------
TEST_CASE("the plan speaks prompts, sides, the first cycles, ten seconds left and well done", "[speech][plan]") {
    Library lib = mixLibrary();
    const Timeline t = compileTimeline(lib, lib.routines[0]);
    const std::vector<Utterance> plan = planSpeech(t, {"en", false}, oneSecond);

    CHECK(has(plan, "Place the ball. Tap anywhere when you are ready."));
    CHECK(has(plan, "Lean on the ball."));
    CHECK(countOf(plan, "Now your left side.") == 1);
    CHECK(countOf(plan, "Ten seconds left.") == 2);  // each 40 s side
    CHECK(has(plan, "Breathe slowly."));
    // Two cycles counted aloud; the first "In" follows the (1 s) prompt.
    CHECK(countOf(plan, "In.") == 2);
    CHECK(countOf(plan, "Hold.") == 2);
    CHECK(countOf(plan, "Out.") == 2);
    CHECK_FALSE(has(plan, "Shhh."));  // voice: none
    CHECK(has(plan, "Short."));       // voice: text instead of the prompt
    CHECK_FALSE(has(plan, "A long written prompt."));
    REQUIRE_FALSE(plan.empty());
    CHECK(plan.back().text == "Well done.");
    CHECK(plan.back().segment == t.segments.size());

    // The prompt of the timed step comes just after its chime.
    const auto lean =
        std::find_if(plan.begin(), plan.end(), [](const Utterance& u) { return u.text == "Lean on the ball."; });
    CHECK(lean->offsetMs == kSpeechAfterCueMs);
    CHECK(t.segments[lean->segment].kind == SegmentKind::Timed);
    // "Ten seconds left" ten seconds before the side's end.
    const auto left =
        std::find_if(plan.begin(), plan.end(), [](const Utterance& u) { return u.text == "Ten seconds left."; });
    CHECK(utteranceTimeMs(t, *left) == t.segments[left->segment].endMs() - 10000);
}

TEST_CASE("the plan speaks the session's language; a recording invites to pause", "[speech][plan]") {
    Library lib = mixLibrary();
    const Timeline t = compileTimeline(lib, lib.routines[0]);
    const std::vector<Utterance> fr = planSpeech(t, {"fr", true}, oneSecond);
    CHECK(has(fr, "FR Place the ball. Mettez en pause si vous avez besoin de plus de temps."));
    CHECK(has(fr, "Maintenant, le côté gauche."));
    CHECK(has(fr, "Court."));
    CHECK(fr.back().text == "Bravo, c'est terminé.");
}

//-----------------------------------------------------------------------------
// [SECTION] The plan: cues and speech never collide
//-----------------------------------------------------------------------------
TEST_CASE("no utterance covers a cue, nor another utterance, whatever its length", "[speech][plan][collision]") {
    Library lib = mixLibrary();
    const Timeline t = compileTimeline(lib, lib.routines[0]);
    const std::vector<std::int64_t> cues = cueOnsetsMs(t);
    for (std::int64_t perChar : {10, 60, 120, 400}) {
        CAPTURE(perChar);
        const auto plan = planSpeech(
            t, {"en", false}, [&](const std::string& s) { return static_cast<std::int64_t>(s.size()) * perChar; });
        std::int64_t prevEnd = -1'000'000;
        bool prevWait = false;
        for (const Utterance& u : plan) {
            CAPTURE(u.text);
            const std::int64_t at = utteranceTimeMs(t, u);
            const bool wait = u.segment < t.segments.size() && t.segments[u.segment].untimed();
            if (!prevWait) CHECK(at >= prevEnd + kSpeechGapMs);
            for (std::int64_t c : cues) {
                if (wait && c > at) break;  // after a wait the next cue waits for a tap
                const bool clear = at + u.durationMs <= c - kSpeechBeforeCueMs || at >= c + kSpeechAfterCueMs;
                CHECK(clear);
            }
            prevEnd = at + u.durationMs;
            prevWait = wait;
        }
        // A prompt that fits a gap of its step is always said.
        CHECK(has(plan, "Lean on the ball."));
        CHECK(has(plan, "Breathe slowly.") == (15 * perChar + kSpeechAfterCueMs + kSpeechBeforeCueMs <= 6000));
    }
}

TEST_CASE("a prompt is said sentence by sentence, each in a gap between the cues of its step", "[speech][plan]") {
    CHECK(splitSentences("In through the nose. Hold gently! Out? ") ==
          std::vector<std::string>{"In through the nose.", "Hold gently!", "Out?"});
    CHECK(splitSentences("No full stop") == std::vector<std::string>{"No full stop"});
    CHECK(splitSentences("3.5 s, then 1.5 s.") == std::vector<std::string>{"3.5 s, then 1.5 s."});
    Library lib;
    Routine r;
    r.id = "b";
    r.kind = Kind::Breathing;
    r.steps = {say("Breathe in through your nose. Hold. Breathe out through your mouth.", breath(3, 3))};
    lib.routines = {r};
    const Timeline t = compileTimeline(lib, lib.routines[0]);
    // 120 ms a character: 3.5 s, 0.6 s, 3.7 s. The first fits the 4 s inhale
    // after its chime; the second would run into the hold's tick, so it waits
    // for it; the third would run into the exhale's, so it waits for that.
    const auto plan =
        planSpeech(t, {"en", false}, [](const std::string& x) { return static_cast<std::int64_t>(x.size()) * 120; });
    REQUIRE(plan.size() >= 3);
    CHECK(plan[0].text == "Breathe in through your nose.");
    CHECK(t.segments[plan[0].segment].phase == BreathPhase::Inhale);
    CHECK(plan[1].text == "Hold.");
    CHECK(t.segments[plan[1].segment].phase == BreathPhase::Hold);
    CHECK(plan[2].text == "Breathe out through your mouth.");
    CHECK(t.segments[plan[2].segment].phase == BreathPhase::Exhale);
    CHECK(t.segments[plan[2].segment].cycle == 1);
    // A sentence that no gap of its step holds (6 s phases at most) is left out.
    const auto tooLong =
        planSpeech(t, {"en", false}, [](const std::string& x) -> std::int64_t { return x == "Hold." ? 7000 : 500; });
    CHECK_FALSE(has(tooLong, "Hold."));
    CHECK(has(tooLong, "Breathe in through your nose."));
}

TEST_CASE("a prompt longer than its breath phase waits for the chime; the phase words it covers are dropped",
          "[speech][plan][collision]") {
    Library lib = mixLibrary();
    const Timeline t = compileTimeline(lib, lib.routines[0]);
    // "Breathe slowly." lasts 5 s: longer than the 4 s inhale.
    const auto plan = planSpeech(
        t, {"en", false}, [](const std::string& s) -> std::int64_t { return s == "Breathe slowly." ? 5000 : 500; });
    const auto it =
        std::find_if(plan.begin(), plan.end(), [](const Utterance& u) { return u.text == "Breathe slowly."; });
    REQUIRE(it != plan.end());
    const Segment& seg = t.segments[it->segment];
    // It would run into the hold's tick at 4 s and the exhale at 6 s: it
    // waits until after the exhale's onset, the first gap long enough.
    CHECK(seg.phase == BreathPhase::Exhale);
    CHECK(seg.cycle == 1);
    CHECK(it->offsetMs == kSpeechAfterCueMs);
    // Cycle 1's words are gone, cycle 2's remain.
    CHECK(countOf(plan, "In.") == 1);
    CHECK(countOf(plan, "Hold.") == 1);
    CHECK(countOf(plan, "Out.") == 1);
}

//-----------------------------------------------------------------------------
// [SECTION] The live session
//-----------------------------------------------------------------------------
TEST_CASE("live: each utterance is asked for at its planned time on the session clock", "[speech][session]") {
    Rig r;
    r.start();
    const std::vector<Utterance> plan = r.session.speechPlan();
    REQUIRE(plan.size() > 5);
    r.runTo(1000);
    // The tap step speaks its prompt and invitation, then waits.
    REQUIRE(r.said.size() == 1);
    CHECK(r.said[0].first == plan[0].text);
    CHECK(r.said[0].second == kSpeechAfterCueMs);  // after the wait's chime
    r.session.continueAfterTap(r.now);
    const std::int64_t tapAt = r.now;
    r.runTo(tapAt + 200'000);
    // Everything, once, in order, each at its time (the timeline shifted by
    // the tap: the wait takes no time on it).
    REQUIRE(r.said.size() == plan.size());
    const Timeline& t = r.session.player->timeline();
    for (std::size_t i = 1; i < plan.size(); ++i) {
        CAPTURE(plan[i].text);
        CHECK(r.said[i].first == plan[i].text);
        if (plan[i].segment < t.segments.size()) CHECK(r.said[i].second == tapAt + utteranceTimeMs(t, plan[i]));
    }
    CHECK(r.said.back().first == "Well done.");
}

TEST_CASE("live: nothing is spoken while paused or in the stop question; speech resumes once", "[speech][session]") {
    Rig r;
    r.start();
    r.runTo(500);
    r.session.continueAfterTap(r.now);
    const std::int64_t tapAt = r.now;
    r.runTo(tapAt + 400);  // the "Lean on the ball." prompt is handed over
    const std::size_t before = r.said.size();
    REQUIRE(r.said.back().first == "Lean on the ball.");

    SECTION("paused") {
        r.session.pause(r.now);
        CHECK(r.speech.stops >= 1);
        r.runTo(r.now + 60'000);
        CHECK(r.said.size() == before);
        r.session.resume(r.now);
        r.runTo(r.now + 40'000);
        // The prompt had started before the pause: it is not said again.
        const auto lean =
            std::count_if(r.said.begin(), r.said.end(), [](const auto& s) { return s.first == "Lean on the ball."; });
        CHECK(lean == 1);
        CHECK(r.said.size() > before);
    }
    SECTION("stop question") {
        r.session.askStop(r.now);
        r.runTo(r.now + 60'000);
        CHECK(r.said.size() == before);
        r.session.cancelStop(r.now);
        r.runTo(r.now + 40'000);
        CHECK(r.said.size() > before);
    }
    SECTION("voice off") {
        r.session.setVoice(false, false, "en");
        r.runTo(r.now + 100'000);
        CHECK(r.said.size() == before);
    }
}

TEST_CASE("live: an utterance handed over but not yet started is said again after a pause, once", "[speech][session]") {
    Rig r;
    r.start();
    r.runTo(500);
    r.session.continueAfterTap(r.now);
    const std::int64_t tapAt = r.now;
    const Timeline& t = r.session.player->timeline();
    const auto& plan = r.session.speechPlan();
    const auto ten =
        std::find_if(plan.begin(), plan.end(), [](const Utterance& u) { return u.text == "Ten seconds left."; });
    const std::int64_t due = tapAt + utteranceTimeMs(t, *ten);
    r.runTo(due - 30);  // within the look-ahead: handed over, not yet started
    REQUIRE(r.said.back().first == "Ten seconds left.");
    r.session.pause(r.now);
    r.runTo(r.now + 5000);
    // Paused 30 ms before it was due: not asked for again while paused.
    CHECK(std::count_if(r.said.begin(), r.said.end(), [](const auto& s) { return s.first == "Ten seconds left."; }) ==
          1);
    r.session.resume(r.now);
    const std::int64_t resumedAt = r.now;
    r.runTo(r.now + 1000);
    const auto n =
        std::count_if(r.said.begin(), r.said.end(), [](const auto& s) { return s.first == "Ten seconds left."; });
    CHECK(n == 2);
    CHECK(r.said.back().second <= resumedAt + 50);
}

TEST_CASE("live: speech never starts inside a cue's window", "[speech][session][collision]") {
    Rig r;
    r.start();
    r.runTo(500);
    r.session.continueAfterTap(r.now);
    r.runTo(r.now + 200'000);
    REQUIRE(r.audio.plays.size() > 10);
    for (const auto& [text, at] : r.said) {
        CAPTURE(text, at);
        for (const auto& [sound, c] : r.audio.plays) {
            const bool clear = at + r.speech.durationMs(text, "en") <= c - kSpeechBeforeCueMs ||
                               at >= c + kSpeechAfterCueMs || text.find("Tap anywhere") != std::string::npos;
            CHECK(clear);
        }
    }
}

TEST_CASE("live: the voice follows the routine's kind; Settings' defaults speak guided routines only",
          "[speech][session]") {
    Rig r;
    const Settings defaults;
    CHECK(defaults.voiceGuided);
    CHECK_FALSE(defaults.voiceBreathing);
    r.session.setVoice(defaults.voiceGuided, defaults.voiceBreathing, "en");
    r.lib.routines[0].kind = Kind::Breathing;
    r.start();
    CHECK_FALSE(r.session.voiceOn());
    r.runTo(1000);
    CHECK(r.said.empty());
    // Turned on mid-session: it speaks from there.
    r.session.setVoice(true, true, "en");
    CHECK(r.session.voiceOn());
    r.runTo(1500);
    REQUIRE(r.said.size() == 1);
    CHECK(r.said[0].first == "Place the ball. Tap anywhere when you are ready.");
    r.lib.routines[0].kind = Kind::Stretch;
    r.session.setVoice(true, false, "en");
    r.start();
    CHECK(r.session.voiceOn());
}
