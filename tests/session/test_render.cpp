// Sessions as audio files: `unknot render` and the engine/audio render under
// it, checked on the samples themselves, in English and French, on routines
// of the bundled pack (a tap step, sides, breathing).
//
// [SECTION] Helpers: rendering, finding a cue in the samples
// [SECTION] Timing: length, cue onsets, speech after each spoken start
// [SECTION] Language, determinism, level
// [SECTION] The command
#include "../engine/helpers.hpp"
#include "unknot/audio/espeak_voice.hpp"
#include "unknot/audio/render.hpp"
#include "unknot/audio/synth.hpp"
#include "unknot/session/session.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <fstream>
#include <iterator>

#include <sys/wait.h>
#include <unistd.h>

using namespace unknot;
using namespace unknot::audio;

//-----------------------------------------------------------------------------
// [SECTION] Helpers
//-----------------------------------------------------------------------------
namespace {

// A routine with a tap step and sides, one with several timed steps, and the
// 4-2-6 breathing (5 minutes).
const char* kRoutines[] = {"tennis-ball-back-wall", "neck-release", "breathing-4-2-6"};

const Library& bundled() {
    static const Library lib = testing::load({testing::contentDir()});
    return lib;
}

Timeline timelineOf(const std::string& id) { return compileTimeline(bundled(), *bundled().findRoutine(id)); }

Rendered renderOf(const std::string& id, const std::string& lang, bool voice) {
    RenderOptions o;
    o.lang = lang;
    o.voice = voice;
    return renderSession(timelineOf(id), o);
}

// The lag, in samples, within ±maxLag of `at`, where `sound` best matches the
// render (normalised cross-correlation over the sound's first 2048 samples).
long bestLag(const std::vector<float>& x, const std::vector<float>& sound, std::int64_t at, long maxLag) {
    const std::size_t n = std::min<std::size_t>(2048, sound.size());
    double best = -2;
    long lag = 0;
    for (long l = -maxLag; l <= maxLag; ++l) {
        const std::int64_t from = at + l;
        if (from < 0 || static_cast<std::size_t>(from) + n > x.size()) continue;
        double dot = 0, ex = 0, es = 0;
        for (std::size_t i = 0; i < n; ++i) {
            const double a = x[static_cast<std::size_t>(from) + i], b = sound[i];
            dot += a * b;
            ex += a * a;
            es += b * b;
        }
        const double c = dot / std::sqrt(ex * es + 1e-30);
        if (c > best) {
            best = c;
            lag = l;
        }
    }
    return lag;
}

// Mean square of `x` over [from, from + count).
double energy(const std::vector<float>& x, std::int64_t from, std::int64_t count) {
    double e = 0;
    for (std::int64_t i = from; i < from + count; ++i)
        e += static_cast<double>(x[static_cast<std::size_t>(i)]) * x[static_cast<std::size_t>(i)];
    return e / static_cast<double>(count);
}

std::string bytesOf(const std::string& path) {
    std::ifstream f(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(f), std::istreambuf_iterator<char>()};
}

}  // namespace

//-----------------------------------------------------------------------------
// [SECTION] Timing
//-----------------------------------------------------------------------------
TEST_CASE("render: the file lasts the timeline, each tap step's wait and the ending, to the sample", "[render]") {
    for (const char* id : kRoutines) {
        CAPTURE(id);
        const Timeline t = timelineOf(id);
        const auto waits =
            std::count_if(t.segments.begin(), t.segments.end(), [](const Segment& s) { return s.untimed(); });
        const Rendered r = renderOf(id, "en", true);
        CHECK(static_cast<std::int64_t>(r.samples.size()) == t.totalMs * 48 + waits * 20 * 48000 + kRenderTailMs * 48);
        CHECK(r.endSample == t.totalMs * 48 + waits * 20 * 48000);
    }
}

TEST_CASE("render: each cue's onset in the samples lies within 1 ms of its segment's offset", "[render]") {
    const Mixer reference(kRenderRate);
    for (const char* id : kRoutines)
        for (const char* lang : {"en", "fr"}) {
            CAPTURE(id, lang);
            const Timeline t = timelineOf(id);
            const Rendered r = renderOf(id, lang, true);
            int checked = 0;
            for (std::size_t i = 0; i < t.segments.size(); ++i) {
                if (t.segments[i].cue == Cue::None) continue;
                CAPTURE(i);
                const long lag =
                    bestLag(r.samples, reference.sound(cueSoundFor(t.segments[i])), r.segmentSamples[i], 480);
                CHECK(std::abs(lag) <= 48);
                ++checked;
            }
            CHECK(checked > 3);
        }
}

// The web's "Save as audio" renders at 22,050 Hz (kWebRenderRate) and
// writes .wav: the same timing, to the sample at that rate.
TEST_CASE("render: at the web's rate the length and cue onsets hold, and the .wav says its rate", "[render]") {
    constexpr std::int64_t rate = kWebRenderRate;
    const Mixer reference(static_cast<int>(rate));
    const char* id = "tennis-ball-back-wall";
    const Timeline t = timelineOf(id);
    RenderOptions o;
    o.voice = false;
    o.sampleRate = static_cast<int>(rate);
    const Rendered r = renderSession(t, o);
    const auto waits =
        std::count_if(t.segments.begin(), t.segments.end(), [](const Segment& s) { return s.untimed(); });
    CHECK(r.sampleRate == rate);
    CHECK(static_cast<std::int64_t>(r.samples.size()) ==
          (t.totalMs * rate) / 1000 + waits * 20 * rate + kRenderTailMs * rate / 1000);
    int checked = 0;
    for (std::size_t i = 0; i < t.segments.size(); ++i) {
        if (t.segments[i].cue == Cue::None) continue;
        CAPTURE(i);
        CHECK(std::abs(bestLag(r.samples, reference.sound(cueSoundFor(t.segments[i])), r.segmentSamples[i], 220)) <=
              22);
        ++checked;
    }
    CHECK(checked > 3);
    // Saved as the web saves it: <folder>/audio/<id>-<lang>.wav, 16-bit mono
    // at that rate, every sample there.
    testing::TempDir d;
    Result<std::string> path = saveRoutineAudio(bundled(), *bundled().findRoutine(id), d.str(), o, ".wav");
    REQUIRE(path);
    CHECK(*path == d.str() + "/audio/tennis-ball-back-wall-en.wav");
    const std::string wav = bytesOf(*path);
    REQUIRE(wav.size() == 44 + 2 * r.samples.size());
    CHECK(wav.substr(0, 4) == "RIFF");
    CHECK(wav.substr(8, 8) == "WAVEfmt ");
    const auto u32 = [&](std::size_t at) {
        return static_cast<std::uint32_t>(static_cast<unsigned char>(wav[at])) |
               static_cast<std::uint32_t>(static_cast<unsigned char>(wav[at + 1])) << 8 |
               static_cast<std::uint32_t>(static_cast<unsigned char>(wav[at + 2])) << 16 |
               static_cast<std::uint32_t>(static_cast<unsigned char>(wav[at + 3])) << 24;
    };
    CHECK(u32(24) == rate);
    CHECK(u32(40) == 2 * r.samples.size());
}

TEST_CASE("render: speech energy follows each spoken segment's start, and only then", "[render]") {
    for (const char* id : kRoutines) {
        CAPTURE(id);
        const Timeline t = timelineOf(id);
        const Rendered withVoice = renderOf(id, "en", true);
        const Rendered tones = renderOf(id, "en", false);
        REQUIRE(withVoice.samples.size() == tones.samples.size());
        // The mixer is linear: the difference is the speech alone.
        std::vector<float> speech(withVoice.samples.size());
        for (std::size_t i = 0; i < speech.size(); ++i) speech[i] = withVoice.samples[i] - tones.samples[i];
        REQUIRE_FALSE(withVoice.spoken.empty());
        for (const SpokenAt& s : withVoice.spoken) {
            CAPTURE(s.utterance.text);
            const std::int64_t segStart = s.utterance.segment < t.segments.size()
                                              ? withVoice.segmentSamples[s.utterance.segment]
                                              : withVoice.endSample;
            CHECK(s.sample >= segStart);
            CHECK(energy(speech, s.sample, 4800) > 1e-5);  // speaking in its first 100 ms
        }
        // Every step's first segment is spoken (the bundled pack has no
        // `voice: none`), right after its start.
        for (std::size_t i = 0; i < t.segments.size(); ++i) {
            if (i > 0 && t.segments[i - 1].step == t.segments[i].step) continue;
            CAPTURE(i);
            // Its prompt: spoken in the step (a long one may wait for a later
            // segment of it), after its start.
            const bool spoken = std::any_of(withVoice.spoken.begin(), withVoice.spoken.end(), [&](const SpokenAt& s) {
                return s.utterance.prompt && s.utterance.segment < t.segments.size() &&
                       t.segments[s.utterance.segment].step == t.segments[i].step &&
                       s.sample >= withVoice.segmentSamples[i];
            });
            CHECK(spoken);
        }
        // Silence before the first line: speech starts where it is placed.
        const std::int64_t first = withVoice.spoken.front().sample;
        CHECK(energy(speech, 0, first) < 1e-9);
    }
}

//-----------------------------------------------------------------------------
// [SECTION] Language, determinism, level
//-----------------------------------------------------------------------------
TEST_CASE("render: the French render speaks French", "[render][voice]") {
    REQUIRE(EspeakVoice::instance().available("fr"));
    const Rendered fr = renderOf("breathing-4-2-6", "fr", true);
    REQUIRE_FALSE(fr.spoken.empty());
    const Routine& r = *bundled().findRoutine("breathing-4-2-6");
    const auto& say = std::get<SayStep>(r.steps.front().v);
    const std::string prompt = say.voice.get("fr").empty() ? say.say.get("fr") : say.voice.get("fr");
    CHECK(fr.spoken.front().utterance.text == prompt);
    CHECK(std::any_of(fr.spoken.begin(), fr.spoken.end(),
                      [](const SpokenAt& s) { return s.utterance.text == "Expirez."; }));
    // espeak-ng reads it as French: its phonemes differ from an English reading.
    const std::string asFrench = EspeakVoice::instance().phonemes(prompt, "fr");
    CHECK_FALSE(asFrench.empty());
    CHECK(asFrench != EspeakVoice::instance().phonemes(prompt, "en"));
}

// espeak-ng keeps state from one synthesis to the next (its pitch flutter),
// so a render is deterministic from a given process state: each `unknot
// render` starts from a fresh one. Each render here runs in a child forked
// from the same state, as two commands would.
bool renderInChild(const std::string& path) {
    const pid_t pid = fork();
    if (pid == 0) {
        const bool ok = static_cast<bool>(writeAudioFile(path, renderOf("tennis-ball-back-wall", "fr", true)));
        _exit(ok ? 0 : 1);
    }
    int status = 0;
    return pid > 0 && waitpid(pid, &status, 0) == pid && WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

TEST_CASE("render: two renders are byte-identical, .wav and .opus", "[render]") {
    testing::TempDir d;
    for (const char* ext : {".wav", ".opus"}) {
        CAPTURE(ext);
        const std::string a = d.str() + "/a" + ext, b = d.str() + "/b" + ext;
        REQUIRE(renderInChild(a));
        REQUIRE(renderInChild(b));
        const std::string ba = bytesOf(a);
        CHECK(ba.size() > 1000);
        CHECK((ba == bytesOf(b)));  // (parenthesised: Catch would print megabytes)
    }
    const Rendered r = renderOf("neck-release", "en", false);
    REQUIRE(writeAudioFile(d.str() + "/n.wav", r));
    CHECK(bytesOf(d.str() + "/n.wav").size() == 44 + 2 * r.samples.size());
    CHECK_FALSE(writeAudioFile(d.str() + "/n.mp3", r));
}

TEST_CASE("render: the mixer never clips, speech and cues together at full volume", "[render]") {
    for (const char* id : kRoutines) {
        CAPTURE(id);
        RenderOptions o;
        o.volume = 1.0f;
        o.speechVolume = 1.0f;
        const Rendered r = renderSession(timelineOf(id), o);
        float peak = 0;
        for (float v : r.samples) peak = std::max(peak, std::fabs(v));
        CHECK(peak < 0.99f);  // below 0 dBFS, with headroom
        CHECK(peak > 0.3f);   // and not silent
    }
}

//-----------------------------------------------------------------------------
// [SECTION] The command
//-----------------------------------------------------------------------------
TEST_CASE("unknot render writes the file and prints each segment's sample offset", "[render][cli]") {
    testing::TempDir d;
    const std::string out = d.str() + "/s.wav";
    const auto r = testing::runCli({"render", "tennis-ball-back-wall", "--out", out, "--json", "--wait", "5"});
    CHECK(r.status == 0);
    CHECK(r.out.find("\"segments\": [") != std::string::npos);
    CHECK(r.out.find("{\"index\": 0, \"sample\": 0,") != std::string::npos);
    CHECK(r.out.find("\"spoken\": [") != std::string::npos);
    CHECK(bytesOf(out).size() > 44);

    CHECK(testing::runCli({"render", "tennis-ball-back-wall"}).status == 2);  // no --out
    CHECK(testing::runCli({"render", "tennis-ball-back-wall", "--out", out, "--voice", "maybe"}).status == 2);
    CHECK(testing::runCli({"render", "tennis-ball-back-wall", "--out", out, "--wait", "-1"}).status == 2);
    CHECK(testing::runCli({"render", "nope", "--out", out}).status == 1);
    const auto bad = testing::runCli({"render", "neck-release", "--out", d.str() + "/s.mp3"});
    CHECK(bad.status == 2);
    CHECK(bad.err.find("name it .wav or .opus") != std::string::npos);
    const auto help = testing::runCli({"render", "--help"});
    CHECK(help.status == 0);
    CHECK(help.out.find("--wait") != std::string::npos);
}
