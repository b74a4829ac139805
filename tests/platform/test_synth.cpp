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

using namespace unknot::platform;

namespace {
const CueSound kSounds[] = {CueSound::Chime,    CueSound::Inhale,      CueSound::Exhale,
                            CueSound::HoldTick, CueSound::SwitchSides, CueSound::Finish};
float peak(const std::vector<float>& s) {
    float p = 0;
    for (float v : s) p = std::max(p, std::fabs(v));
    return p;
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
            CHECK(peak(s) == Approx(0.25f).margin(1e-4));             // -12 dBFS
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

TEST_CASE("cue sounds differ from each other", "[platform][audio]") {
    const auto chime = synthesizeCue(CueSound::Chime, 48000);
    const auto inhale = synthesizeCue(CueSound::Inhale, 48000);
    CHECK(chime != inhale);
    CHECK(synthesizeCue(CueSound::Finish, 48000).size() > chime.size());
}

//-----------------------------------------------------------------------------
// [SECTION] Mixer
//-----------------------------------------------------------------------------
TEST_CASE("mixer starts a delayed cue at the exact sample", "[platform][audio]") {
    Mixer m(48000);
    m.setVolume(1.0f);
    CHECK_FALSE(m.busy());
    const auto& tick = m.sound(CueSound::HoldTick);
    m.play(CueSound::HoldTick, 1500);  // starts in the second buffer, at 500
    CHECK(m.busy());
    CHECK(m.samplesLeft() == 1500 + static_cast<std::int64_t>(tick.size()));
    std::vector<float> buf(1000);
    m.mix(buf.data(), 1000);
    CHECK(std::all_of(buf.begin(), buf.end(), [](float v) { return v == 0.0f; }));
    m.mix(buf.data(), 1000);
    for (int i = 0; i < 500; ++i) CHECK(buf[i] == 0.0f);
    for (int i = 500; i < 1000; ++i) REQUIRE(buf[i] == tick[i - 500]);
    // Played to the end, the voice is gone and the mixer is silent.
    std::vector<float> rest(tick.size());
    m.mix(rest.data(), static_cast<int>(rest.size()));
    CHECK_FALSE(m.busy());
    CHECK(m.samplesLeft() == 0);
}

TEST_CASE("mixer sums voices, applies the volume and clips", "[platform][audio]") {
    Mixer m(48000);
    m.setVolume(0.5f);
    m.play(CueSound::Chime, 0);
    std::vector<float> one(4800);
    m.mix(one.data(), 4800);
    const auto& chime = m.sound(CueSound::Chime);
    for (int i = 0; i < 4800; i += 97) CHECK(one[i] == Approx(chime[i] * 0.5f));
    // Volume outside 0..1 is clamped, and 20 chimes at once never exceed 1.
    m.setVolume(7.0f);
    CHECK(m.volume() == 1.0f);
    m.stopAll();
    for (int i = 0; i < 20; ++i) m.play(CueSound::Chime, 0);
    std::vector<float> loud(4800);
    m.mix(loud.data(), 4800);
    CHECK(peak(loud) <= 1.0f);
    m.stopAll();
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
