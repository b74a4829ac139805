// Synth: the cue sounds, made in code (no audio files to ship or to find),
// and the mixer every sound of Unknot goes through: the app's audio callback
// (platform/src/sdl_services.cpp) and `unknot render` alike. Pure: no SDL, no
// clock, so tests inspect every sample.
//
// [SECTION] Cue sounds (soft sines with smooth envelopes)
// [SECTION] Mixer (voices started at absolute sample indices)
#pragma once

#include "unknot/session/services.hpp"

#include <cstddef>
#include <cstdint>
#include <vector>

namespace unknot::audio {

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
// call. Cue voices point into the mixer's own sounds, each synthesized the
// first time it is wanted (a session uses a few of them: 1.5 MB at 48 kHz for
// all); speech voices into buffers their owner keeps alive while uses() says so.
//
// Time is the absolute sample index of the output stream: mix() writes the
// samples position() .. position() + frames - 1 and advances position(). A
// voice is scheduled at an absolute index, so where it starts does not depend
// on when, or in what slices, mix() is called.
class Mixer {
public:
    explicit Mixer(int sampleRate);

    // Starts `sound` at absolute sample `startSample`. A start that is already
    // mixed (late) starts at once, at position(). It synthesizes the sound if
    // it is not ready (allocating): the audio callback plays only ready ones.
    void play(CueSound sound, std::int64_t startSample);
    // Whether `sound` is synthesized; adopt() gives it one made elsewhere
    // (SdlAudio synthesizes outside the device lock, then adopts under it).
    bool ready(CueSound sound) const;
    void adopt(CueSound sound, std::vector<float> samples);
    // Starts speech samples (at this mixer's rate) the same way; they sound
    // at the speech volume. `samples` must outlive the voice (see uses()).
    void speak(const std::vector<float>& samples, std::int64_t startSample);
    bool uses(const std::vector<float>& samples) const;
    // Writes samples position() .. position() + frames - 1 into `out` (cleared
    // first): cues at the volume, speech at the speech volume, clipped to
    // [-1, 1]; then advances.
    void mix(float* out, int frames);
    // Drops the voices not yet started and fades the sounding ones to silence
    // over kStopFadeMs (a cut mid-wave would click). stopCues() and
    // stopSpeech() do the same to one kind alone.
    void stopAll();
    void stopCues();
    void stopSpeech();
    static constexpr int kStopFadeMs = 5;
    static constexpr std::size_t kMaxVoices = 16;
    // A change of volume while a voice sounds glides over kStopFadeMs too (a
    // dragged slider would otherwise crackle); with nothing sounding it is
    // taken at once.
    void setVolume(float volume01);
    float volume() const { return volume_; }
    void setSpeechVolume(float volume01);
    float speechVolume() const { return speechVolume_; }
    bool busy() const { return !voices_.empty(); }
    // Samples from position() until the last voice ends (0 when silent).
    std::int64_t samplesLeft() const;
    std::int64_t position() const { return position_; }
    int sampleRate() const { return rate_; }
    const std::vector<float>& sound(CueSound s) const;  // synthesized if not ready

private:
    struct Voice {
        const std::vector<float>* samples = nullptr;
        std::int64_t start = 0;  // absolute index of its first sample
        int fadeLeft = -1;       // samples of the stop fade still to play (-1: none)
        bool speech = false;
    };
    void add(const std::vector<float>* samples, std::int64_t startSample, bool speech);
    void mixVoice(Voice& v, float* out, std::int64_t end, float gain);
    void stopWhere(bool speech, bool cues);
    int rate_;
    int fadeLength_;
    float volume_ = 0.8f;
    float gain_ = 0.8f;  // the volume actually applied, gliding to volume_
    float speechVolume_ = 1.0f;
    std::int64_t position_ = 0;
    // By CueSound; each empty until wanted (a cache: sound() const fills it).
    mutable std::vector<std::vector<float>> sounds_;
    std::vector<Voice> voices_;
};

}  // namespace unknot::audio
