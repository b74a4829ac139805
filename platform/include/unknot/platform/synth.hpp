// Synth: the cue sounds, made in code (no audio files to ship or to find),
// and a tiny mixer. Pure: no SDL, so tests inspect every sample.
//
// [SECTION] Cue sounds (soft sines with smooth envelopes)
// [SECTION] Mixer (voices started at exact sample offsets)
// [SECTION] Haptic patterns (pulse lists, played by the SDL haptics)
#pragma once

#include "unknot/platform/services.hpp"

#include <cstdint>
#include <vector>

namespace unknot::platform {

//-----------------------------------------------------------------------------
// [SECTION] Cue sounds
//-----------------------------------------------------------------------------
// Mono float samples in [-1, 1]. Every sound starts and ends at silence (no
// click), peaks well below full scale (calm, never startling) and lasts at
// most a few seconds.
std::vector<float> synthesizeCue(CueSound sound, int sampleRate);

//-----------------------------------------------------------------------------
// [SECTION] Mixer
//-----------------------------------------------------------------------------
// Owned by the audio callback's side: the SDL audio device locks around every
// call. Voices point into the mixer's own precomputed sounds.
class Mixer {
public:
    explicit Mixer(int sampleRate);

    // Starts `sound` after `delaySamples` samples of the next mix() calls.
    void play(CueSound sound, std::int64_t delaySamples);
    // Adds every active voice into `out` (which it clears first), at the volume.
    void mix(float* out, int frames);
    void stopAll() { voices_.clear(); }
    void setVolume(float volume01);
    float volume() const { return volume_; }
    bool busy() const { return !voices_.empty(); }
    // Samples until the last voice ends (0 when silent).
    std::int64_t samplesLeft() const;
    int sampleRate() const { return rate_; }
    const std::vector<float>& sound(CueSound s) const;

private:
    struct Voice {
        const std::vector<float>* samples = nullptr;
        std::int64_t delay = 0;   // samples still to wait
        std::size_t pos = 0;      // next sample to play
    };
    int rate_;
    float volume_ = 0.8f;
    std::vector<std::vector<float>> sounds_;  // by CueSound
    std::vector<Voice> voices_;
};

//-----------------------------------------------------------------------------
// [SECTION] Haptic patterns
//-----------------------------------------------------------------------------
struct Pulse {
    int atMs = 0;          // from the moment the pattern is played
    int durationMs = 0;
    float strength = 0;    // 0..1
};
// Gentle: a tap, two taps, one long soft buzz.
std::vector<Pulse> hapticPulses(HapticPattern pattern);

}  // namespace unknot::platform
