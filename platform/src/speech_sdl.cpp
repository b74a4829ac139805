// The desktop voice (see speech_sdl.hpp).
#include "speech_sdl.hpp"

#include "unknot/audio/espeak_voice.hpp"

#include <SDL.h>

#include <memory>

namespace unknot::platform {

bool SdlSpeech::available(const std::string& lang) const { return audio::EspeakVoice::instance().available(lang); }

SdlAudio::Samples SdlSpeech::samples(const std::string& text, const std::string& lang) const {
    const int rate = audio_.sampleRate() > 0 ? audio_.sampleRate() : SdlAudio::kRate;
    if (rate != cacheRate_) {
        cache_.clear();  // SdlAudio holds what still sounds
        cacheRate_ = rate;
    }
    const std::string key = lang + '\n' + text;
    auto it = cache_.find(key);
    if (it == cache_.end()) {
        auto made = std::make_shared<const std::vector<float>>(
            audio::EspeakVoice::instance().synthesize(text, lang, wordsPerMinute_, rate));
        it = cache_.emplace(key, std::move(made)).first;
    }
    return it->second;
}

void SdlSpeech::say(const std::string& text, const std::string& lang, int delayMs) {
    // The instant of the call is the reference: a synthesis (cache miss)
    // takes time that comes off the delay, so the speech still starts on time
    // when it can.
    const std::uint64_t asked = SDL_GetPerformanceCounter();
    SdlAudio::Samples s = samples(text, lang);
    const auto spentMs = static_cast<int>((SDL_GetPerformanceCounter() - asked) * 1000 / SDL_GetPerformanceFrequency());
    audio_.speak(std::move(s), delayMs - spentMs);
}

std::int64_t SdlSpeech::durationMs(const std::string& text, const std::string& lang) const {
    const SdlAudio::Samples s = samples(text, lang);
    const int rate = cacheRate_ > 0 ? cacheRate_ : SdlAudio::kRate;
    return static_cast<std::int64_t>(s->size()) * 1000 / rate;
}

void SdlSpeech::setRate(int wordsPerMinute) {
    if (wordsPerMinute == wordsPerMinute_) return;
    wordsPerMinute_ = wordsPerMinute;
    cache_.clear();
}

}  // namespace unknot::platform
