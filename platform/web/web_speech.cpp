// The web's voice: the browser's speechSynthesis (Web Speech API) behind the
// session's Speech contract (unknot/session/services.hpp), as espeak-ng is on
// the desktop (platform/src/speech_sdl.cpp).
//
// Why the page does the timing: the session hands each utterance over a
// little ahead of its instant, with the delay to it (as it does for the cues);
// the page starts a timer from the call and speaks when it fires, so the words
// start on the session clock whatever the frame timing. stopAll() (pause, skip,
// back, stop) drops the timers not yet fired and silences what is being said,
// so a paused session is silent.
//
// Why durations are estimated: a browser tells how long an utterance lasts
// only once it has been spoken (its "end" event), and the session plans its
// words before that; estimateSpeechMs at the chosen rate is the plan's figure.
#include "web_bridge.hpp"
#include "web_shell.hpp"

#include <algorithm>

namespace unknot::platform {

namespace {

// espeak-ng's default rate (and the contract's estimate) is 175 words a
// minute; a browser's rate 1 is its voice's usual speed, about the same.
constexpr int kUsualWordsPerMinute = 175;

class WebSpeech final : public Speech {
public:
    // A voice for `lang` on this device (Chromium loads its list late: Settings
    // asks every frame it draws, and the page wakes the loop when it arrives).
    bool available(const std::string& lang) const override { return web::hasVoice(lang); }
    void say(const std::string& text, const std::string& lang, int delayMs) override {
        web::speak(text, lang, std::max(0, delayMs), static_cast<double>(rate_) / kUsualWordsPerMinute,
                   static_cast<double>(volume_));
    }
    void stopAll() override { web::stopSpeaking(); }
    std::int64_t durationMs(const std::string& text, const std::string& /*lang*/) const override {
        return estimateSpeechMs(text, rate_);
    }
    void setRate(int wordsPerMinute) override { rate_ = wordsPerMinute > 0 ? wordsPerMinute : kUsualWordsPerMinute; }
    void setVolume(float volume01) override { volume_ = std::clamp(volume01, 0.0f, 1.0f); }

private:
    int rate_ = kUsualWordsPerMinute;
    float volume_ = 1.0f;
};

}  // namespace

Speech& webSpeech() {
    static WebSpeech speech;
    return speech;
}

}  // namespace unknot::platform
