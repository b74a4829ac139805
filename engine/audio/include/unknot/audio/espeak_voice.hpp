// The voice: Debian's espeak-ng, synthesising into sample buffers that the
// mixer (synth.hpp) places on the session clock. One process-wide synthesiser
// (espeak-ng keeps global state), so every call is serialised here.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace unknot::audio {

// Peak of every utterance: about -6 dBFS, over the cues' -12 dBFS, so the
// two summed stay below full scale (0.5 + 0.25 at full volume).
inline constexpr float kSpeechPeak = 0.5f;
inline constexpr int kDefaultWordsPerMinute = 165;

class EspeakVoice {
public:
    static EspeakVoice& instance();
    // The folder that holds espeak-ng-data, given before the first use (the
    // web writes the voice's data to /voice when it has fetched it). Unset:
    // espeak-ng's own place (the desktop's installed package).
    void setDataFolder(std::string folder) { dataFolder_ = std::move(folder); }
    // True when espeak-ng started and has a voice for `lang` ("en", "fr").
    bool available(const std::string& lang);
    // `text` spoken in `lang` at `wordsPerMinute`, as mono float samples at
    // `sampleRate`, its silence trimmed at both ends (so its first sample is
    // its onset) and scaled to kSpeechPeak. Empty without a voice.
    // Deterministic: the same arguments give the same samples.
    std::vector<float> synthesize(const std::string& text, const std::string& lang, int wordsPerMinute, int sampleRate);
    // How long it lasts: the synthesiser's own timing (it synthesises).
    std::int64_t durationMs(const std::string& text, const std::string& lang, int wordsPerMinute);
    // espeak-ng's phonemes for `text` (its own notation): tests check a
    // French text is read as French.
    std::string phonemes(const std::string& text, const std::string& lang);

private:
    EspeakVoice() = default;
    bool start();
    bool selectVoice(const std::string& lang);
    int rate_ = 0;  // espeak-ng's native sample rate; 0 before start, -1 when it failed
    std::string dataFolder_;
};

}  // namespace unknot::audio
