// Mixer: cue and speech voices placed at absolute sample indices (see
// synth.hpp).
//
// [SECTION] Voices
// [SECTION] Mixing
#include "unknot/audio/synth.hpp"

#include <algorithm>
#include <iterator>

namespace unknot::audio {

//-----------------------------------------------------------------------------
// [SECTION] Voices
//-----------------------------------------------------------------------------
namespace {
constexpr CueSound kAllSounds[] = {CueSound::Chime,    CueSound::Inhale,      CueSound::Exhale,
                                   CueSound::HoldTick, CueSound::SwitchSides, CueSound::Finish};
}

Mixer::Mixer(int sampleRate) : rate_(sampleRate), fadeLength_(std::max(1, sampleRate * kStopFadeMs / 1000)) {
    // One empty slot per sound, synthesized when first wanted (sound(), play(),
    // or adopted from SdlAudio, which makes it outside the audio callback).
    sounds_.resize(std::size(kAllSounds));
    voices_.reserve(kMaxVoices);
}

bool Mixer::ready(CueSound s) const { return !sounds_.at(static_cast<std::size_t>(s)).empty(); }

void Mixer::adopt(CueSound s, std::vector<float> samples) {
    std::vector<float>& slot = sounds_.at(static_cast<std::size_t>(s));
    // A sounding voice points into the slot: a ready sound is never replaced.
    if (slot.empty()) slot = std::move(samples);
}

const std::vector<float>& Mixer::sound(CueSound s) const {
    std::vector<float>& slot = sounds_.at(static_cast<std::size_t>(s));
    if (slot.empty()) slot = synthesizeCue(s, rate_);
    return slot;
}

void Mixer::add(const std::vector<float>* samples, std::int64_t startSample, bool speech) {
    // A burst of cues (skipping quickly through steps) must not pile up
    // forever: past kMaxVoices the oldest is dropped.
    if (voices_.size() >= kMaxVoices) voices_.erase(voices_.begin());
    voices_.push_back({samples, std::max(startSample, position_), -1, speech});
}

void Mixer::play(CueSound s, std::int64_t startSample) { add(&sound(s), startSample, false); }

void Mixer::speak(const std::vector<float>& samples, std::int64_t startSample) { add(&samples, startSample, true); }

bool Mixer::uses(const std::vector<float>& samples) const {
    return std::any_of(voices_.begin(), voices_.end(), [&](const Voice& v) { return v.samples == &samples; });
}

void Mixer::stopWhere(bool speech, bool cues) {
    auto chosen = [&](const Voice& v) { return v.speech ? speech : cues; };
    // Not started: gone. Sounding: a linear fade from the next sample on.
    std::erase_if(voices_, [&](const Voice& v) { return chosen(v) && v.start >= position_; });
    for (Voice& v : voices_)
        if (chosen(v) && v.fadeLeft < 0) v.fadeLeft = fadeLength_;
}

void Mixer::stopAll() { stopWhere(true, true); }
void Mixer::stopCues() { stopWhere(false, true); }
void Mixer::stopSpeech() { stopWhere(true, false); }

void Mixer::setVolume(float volume01) {
    volume_ = std::clamp(volume01, 0.0f, 1.0f);
    if (voices_.empty()) gain_ = volume_;
}

void Mixer::setSpeechVolume(float volume01) { speechVolume_ = std::clamp(volume01, 0.0f, 1.0f); }

//-----------------------------------------------------------------------------
// [SECTION] Mixing
//-----------------------------------------------------------------------------
// Adds the part of `v` inside [position_, end) into `out`, scaled by `gain`.
void Mixer::mixVoice(Voice& v, float* out, std::int64_t end, float gain) {
    if (v.start >= end) return;  // not yet
    const auto size = static_cast<std::int64_t>(v.samples->size());
    const std::int64_t from = std::max(v.start, position_);
    std::int64_t to = std::min(end, v.start + size);
    if (v.fadeLeft < 0) {
        for (std::int64_t t = from; t < to; ++t)
            out[t - position_] += gain * (*v.samples)[static_cast<std::size_t>(t - v.start)];
        return;
    }
    to = std::min(to, from + v.fadeLeft);
    for (std::int64_t t = from; t < to; ++t, --v.fadeLeft)
        out[t - position_] += gain * (*v.samples)[static_cast<std::size_t>(t - v.start)] *
                              (static_cast<float>(v.fadeLeft) / static_cast<float>(fadeLength_));
}

void Mixer::mix(float* out, int frames) {
    std::fill(out, out + frames, 0.0f);
    const std::int64_t end = position_ + frames;
    for (Voice& v : voices_)
        if (!v.speech) mixVoice(v, out, end, 1.0f);
    // The cue volume glides (full scale in kStopFadeMs).
    const float step = 1.0f / static_cast<float>(fadeLength_);
    for (int i = 0; i < frames; ++i) {
        if (gain_ < volume_)
            gain_ = std::min(volume_, gain_ + step);
        else if (gain_ > volume_)
            gain_ = std::max(volume_, gain_ - step);
        out[i] *= gain_;
    }
    // Speech has its own volume, apart from the tones'.
    for (Voice& v : voices_)
        if (v.speech) mixVoice(v, out, end, speechVolume_);
    position_ = end;
    std::erase_if(voices_, [this](const Voice& v) {
        return v.fadeLeft == 0 || v.start + static_cast<std::int64_t>(v.samples->size()) <= position_;
    });
    // The peaks (cues at kPeak, speech at kSpeechPeak) sum below full scale;
    // clip rather than wrap if ever they did not.
    for (int i = 0; i < frames; ++i) out[i] = std::clamp(out[i], -1.0f, 1.0f);
}

std::int64_t Mixer::samplesLeft() const {
    std::int64_t left = 0;
    for (const Voice& v : voices_) {
        const std::int64_t ends = v.fadeLeft >= 0 ? std::max(v.start, position_) + v.fadeLeft
                                                  : v.start + static_cast<std::int64_t>(v.samples->size());
        left = std::max(left, ends - position_);
    }
    return left;
}

}  // namespace unknot::audio
