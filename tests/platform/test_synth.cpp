// Cue sounds, the mixer and haptic patterns: every sample is checked, since
// a click at the start of a chime is exactly what a tired user must not hear.
//
// [SECTION] Cue sounds
// [SECTION] Mixer
// [SECTION] Haptic patterns
#include "unknot/platform/synth.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <iterator>

using namespace unknot;
using namespace unknot::platform;

namespace {
const CueSound kSounds[] = {CueSound::Chime,    CueSound::Inhale,      CueSound::Exhale,
                            CueSound::HoldTick, CueSound::SwitchSides, CueSound::Finish};
float peak(const std::vector<float>& s) {
    float p = 0;
    for (float v : s) p = std::max(p, std::fabs(v));
    return p;
}
// Normalized inner product of the first n samples: 1 for the same waveform,
// near 0 for different pitches.
double similarity(const std::vector<float>& a, const std::vector<float>& b, std::size_t n) {
    double ab = 0, aa = 0, bb = 0;
    for (std::size_t i = 0; i < n && i < a.size() && i < b.size(); ++i) {
        ab += double(a[i]) * b[i];
        aa += double(a[i]) * a[i];
        bb += double(b[i]) * b[i];
    }
    return ab / std::sqrt(aa * bb);
}
// Mean frequency of one third (0, 1, 2) of a sound, from its zero crossings.
double pitch(const std::vector<float>& s, int rate, int third) {
    const std::size_t from = s.size() * static_cast<std::size_t>(third) / 3,
                      to = s.size() * static_cast<std::size_t>(third + 1) / 3;
    int crossings = 0;
    for (std::size_t i = from + 1; i < to; ++i) crossings += (s[i - 1] < 0) != (s[i] < 0);
    return crossings / 2.0 / (static_cast<double>(to - from) / rate);
}
std::vector<float> mixed(Mixer& m, int frames) {
    std::vector<float> out(static_cast<std::size_t>(frames));
    m.mix(out.data(), frames);
    return out;
}
}  // namespace

//-----------------------------------------------------------------------------
// [SECTION] Cue sounds
//-----------------------------------------------------------------------------
TEST_CASE("every cue is soft, bounded, and starts and ends in silence", "[platform][audio]") {
    for (int rate : {44100, 48000}) {
        for (CueSound c : kSounds) {
            INFO("sound " << static_cast<int>(c) << " at " << rate << " Hz");
            const auto s = synthesizeCue(c, rate);
            REQUIRE(s.size() > static_cast<std::size_t>(rate) / 20);  // > 50 ms
            CHECK(s.size() < static_cast<std::size_t>(rate) * 4);     // < 4 s
            // -12 dBFS; the hold tick, which only marks time, -16.5 dBFS.
            CHECK(peak(s) == Approx(c == CueSound::HoldTick ? 0.15f : 0.25f).margin(1e-4));
            // No click: the first and last samples are (nearly) zero, and no
            // jump between neighbours is larger than a smooth wave allows.
            CHECK(std::fabs(s.front()) < 1e-3f);
            CHECK(std::fabs(s.back()) < 1e-3f);
            float jump = 0;
            for (std::size_t i = 1; i < s.size(); ++i) jump = std::max(jump, std::fabs(s[i] - s[i - 1]));
            CHECK(jump < 0.1f);
        }
    }
}

TEST_CASE("cue sounds differ from each other from their first 150 ms", "[platform][audio]") {
    // A listener tells cues apart as they begin: the openings of any two are
    // nearly orthogonal (different pitches), not the same sound again.
    const int rate = 48000;
    const std::size_t n = rate * 150 / 1000;
    for (std::size_t i = 0; i < std::size(kSounds); ++i) {
        for (std::size_t j = i + 1; j < std::size(kSounds); ++j) {
            INFO("sounds " << i << " and " << j);
            CHECK(std::fabs(similarity(synthesizeCue(kSounds[i], rate), synthesizeCue(kSounds[j], rate), n)) < 0.3);
        }
    }
    // The finish chime is the longest (an arpeggio that lets the session end).
    for (CueSound c : kSounds)
        if (c != CueSound::Finish) CHECK(synthesizeCue(CueSound::Finish, rate).size() > synthesizeCue(c, rate).size());
}

TEST_CASE("inhale rises in pitch, exhale falls, the hold tick is short and light", "[platform][audio]") {
    for (int rate : {44100, 48000}) {
        INFO(rate << " Hz");
        const auto inhale = synthesizeCue(CueSound::Inhale, rate);
        const auto exhale = synthesizeCue(CueSound::Exhale, rate);
        // Mean pitch of the first and last thirds (zero crossings), against
        // the glides' mean over those thirds: 330 -> 392 Hz, 392 -> 294 Hz.
        CHECK(pitch(inhale, rate, 0) == Approx(330 + 62.0 / 6).epsilon(0.03));
        CHECK(pitch(inhale, rate, 2) == Approx(392 - 62.0 / 6).epsilon(0.03));
        CHECK(pitch(inhale, rate, 2) > pitch(inhale, rate, 0) * 1.05);
        CHECK(pitch(exhale, rate, 0) == Approx(392 - 98.0 / 6).epsilon(0.03));
        CHECK(pitch(exhale, rate, 2) == Approx(294 + 98.0 / 6).epsilon(0.03));
        CHECK(pitch(exhale, rate, 2) < pitch(exhale, rate, 0) * 0.95);
        const auto tick = synthesizeCue(CueSound::HoldTick, rate);
        CHECK(tick.size() <= static_cast<std::size_t>(rate) / 5);  // <= 200 ms
        for (CueSound c : kSounds)
            if (c != CueSound::HoldTick) CHECK(peak(tick) < peak(synthesizeCue(c, rate)) * 0.7f);
    }
}

//-----------------------------------------------------------------------------
// [SECTION] Mixer
//-----------------------------------------------------------------------------
TEST_CASE("mixer starts a cue at its absolute sample index", "[platform][audio]") {
    Mixer m(48000);
    m.setVolume(1.0f);
    CHECK_FALSE(m.busy());
    CHECK(m.position() == 0);
    const auto& tick = m.sound(CueSound::HoldTick);
    m.play(CueSound::HoldTick, 1500);  // starts in the second buffer, at 500
    CHECK(m.busy());
    CHECK(m.samplesLeft() == 1500 + static_cast<std::int64_t>(tick.size()));
    std::vector<float> buf(1000);
    m.mix(buf.data(), 1000);
    CHECK(std::all_of(buf.begin(), buf.end(), [](float v) { return v == 0.0f; }));
    m.mix(buf.data(), 1000);
    for (std::size_t i = 0; i < 500; ++i) CHECK(buf[i] == 0.0f);
    for (std::size_t i = 500; i < 1000; ++i) REQUIRE(buf[i] == tick[i - 500]);
    CHECK(m.position() == 2000);
    // Played to the end, the voice is gone and the mixer is silent.
    std::vector<float> rest(tick.size());
    m.mix(rest.data(), static_cast<int>(rest.size()));
    CHECK_FALSE(m.busy());
    CHECK(m.samplesLeft() == 0);
}

TEST_CASE("where a cue lands does not depend on how the stream is sliced", "[platform][audio]") {
    // The audio callback's buffers vary by device; the cue's place must not.
    const std::int64_t at = 7777;
    std::vector<std::vector<float>> streams;
    for (int slice : {1, 64, 441, 512, 4096}) {
        Mixer m(48000);
        m.play(CueSound::Chime, at);
        std::vector<float> s;
        while (s.size() < 20000) {
            const auto part = mixed(m, slice);
            s.insert(s.end(), part.begin(), part.end());
        }
        s.resize(20000);
        streams.push_back(s);
    }
    const auto chime = synthesizeCue(CueSound::Chime, 48000);
    for (const auto& s : streams) {
        CHECK(std::all_of(s.begin(), s.begin() + at, [](float v) { return v == 0.0f; }));
        CHECK(s[at + 100] == Approx(chime[100] * 0.8f));
        CHECK(s == streams.front());
    }
}

TEST_CASE("a late cue starts at once", "[platform][audio]") {
    Mixer m(48000);
    m.setVolume(1.0f);
    mixed(m, 1000);
    m.play(CueSound::HoldTick, 200);  // already mixed: plays from 1000
    CHECK(m.samplesLeft() == static_cast<std::int64_t>(m.sound(CueSound::HoldTick).size()));
    const auto out = mixed(m, 100);
    for (std::size_t i = 0; i < 100; ++i) REQUIRE(out[i] == m.sound(CueSound::HoldTick)[i]);
}

TEST_CASE("stopAll cancels cues not started and fades the sounding ones", "[platform][audio]") {
    Mixer m(48000);
    m.setVolume(1.0f);
    m.play(CueSound::Chime, 0);
    m.play(CueSound::Finish, 6000);  // scheduled, not started
    mixed(m, 4800);                  // the chime is at full swing
    m.stopAll();
    const int fade = 48000 * Mixer::kStopFadeMs / 1000;
    CHECK(m.samplesLeft() == fade);
    const auto out = mixed(m, 48000);
    // The fade follows the chime and shrinks to nothing: no click (no jump
    // larger than the chime's own), silent after kStopFadeMs, and the
    // finish never sounds.
    const auto& chime = m.sound(CueSound::Chime);
    float chimeJump = 0;
    for (std::size_t i = 4800; i < 4800 + static_cast<std::size_t>(fade); ++i)
        chimeJump = std::max(chimeJump, std::fabs(chime[i] - chime[i - 1]));
    CHECK(std::fabs(out[0] - chime[4800]) < 1e-6f);
    for (std::size_t i = 1; i < static_cast<std::size_t>(fade); ++i) {
        REQUIRE(std::fabs(out[i]) <= std::fabs(chime[4800 + i]) + 1e-6f);
        REQUIRE(std::fabs(out[i] - out[i - 1]) <= chimeJump + 1e-6f);
    }
    CHECK(peak({out.begin(), out.begin() + fade / 2}) > 0.05f);
    CHECK(std::all_of(out.begin() + fade, out.end(), [](float v) { return v == 0.0f; }));
    CHECK_FALSE(m.busy());
}

TEST_CASE("a volume change while a cue sounds glides", "[platform][audio]") {
    Mixer m(48000);
    m.setVolume(1.0f);
    m.play(CueSound::Chime, 0);
    mixed(m, 4800);
    m.setVolume(0.0f);
    const auto out = mixed(m, 4800);
    const auto& chime = m.sound(CueSound::Chime);
    const int fade = 48000 * Mixer::kStopFadeMs / 1000;
    // Still nearly full at first, at the new volume (0) after kStopFadeMs.
    CHECK(std::fabs(out[0]) == Approx(std::fabs(chime[4800])).epsilon(0.01));
    CHECK(peak({out.begin(), out.begin() + fade / 4}) > 0.1f);
    CHECK(std::all_of(out.begin() + fade, out.end(), [](float v) { return v == 0.0f; }));
    // With nothing sounding the volume applies at once.
    Mixer quiet(48000);
    quiet.setVolume(0.5f);
    quiet.play(CueSound::Chime, 0);
    const auto half = mixed(quiet, 100);
    for (std::size_t i = 0; i < 100; ++i) REQUIRE(half[i] == chime[i] * 0.5f);
}

TEST_CASE("mixer sums voices, applies the volume and clips", "[platform][audio]") {
    Mixer m(48000);
    m.setVolume(0.5f);
    m.play(CueSound::Chime, 0);
    std::vector<float> one(4800);
    m.mix(one.data(), 4800);
    const auto& chime = m.sound(CueSound::Chime);
    for (std::size_t i = 0; i < 4800; i += 97) CHECK(one[i] == Approx(chime[i] * 0.5f));
    // Volume outside 0..1 is clamped, and 20 chimes at once never exceed 1.
    m.setVolume(7.0f);
    CHECK(m.volume() == 1.0f);
    m.stopAll();
    for (int i = 0; i < 20; ++i) m.play(CueSound::Chime, 0);
    std::vector<float> loud(4800);
    m.mix(loud.data(), 4800);
    CHECK(peak(loud) <= 1.0f);
    m.stopAll();
    CHECK(m.busy());  // fading out
    mixed(m, 48000 * Mixer::kStopFadeMs / 1000);
    CHECK_FALSE(m.busy());
}

//-----------------------------------------------------------------------------
// [SECTION] Haptic patterns
//-----------------------------------------------------------------------------
TEST_CASE("haptic patterns are gentle and ordered", "[platform][haptics]") {
    for (auto p : {HapticPattern::One, HapticPattern::Two, HapticPattern::Long}) {
        const auto pulses = hapticPulses(p);
        REQUIRE_FALSE(pulses.empty());
        int last = -1;
        for (const Pulse& q : pulses) {
            CHECK(q.atMs > last);
            CHECK(q.strength > 0.0f);
            CHECK(q.strength <= 0.5f);
            CHECK(q.durationMs > 0);
            CHECK(q.durationMs <= 500);
            last = q.atMs;
        }
    }
    CHECK(hapticPulses(HapticPattern::Two).size() == 2);
}
