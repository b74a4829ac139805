// The desktop voice: espeak-ng (engine/audio) synthesising into the app's own
// mixer through SdlAudio, so speech is placed on the session clock like the
// cues, and stops with a pause like them.
#pragma once

#include "unknot/platform/sdl_services.hpp"
#include "unknot/session/services.hpp"

#include <map>
#include <string>

namespace unknot::platform {

class SdlSpeech final : public Speech {
public:
    explicit SdlSpeech(SdlAudio& audio) : audio_(audio) {}
    bool available(const std::string& lang) const override;
    // Synthesised on first use and kept (a session's plan asks durationMs()
    // of every line at its start, so say() finds them ready: no synthesis
    // between a frame and the speech it starts).
    void say(const std::string& text, const std::string& lang, int delayMs) override;
    void stopAll() override { audio_.stopSpeech(); }
    std::int64_t durationMs(const std::string& text, const std::string& lang) const override;
    void setRate(int wordsPerMinute) override;
    void setVolume(float volume01) override { audio_.setSpeechVolume(volume01); }

private:
    SdlAudio::Samples samples(const std::string& text, const std::string& lang) const;
    SdlAudio& audio_;
    int wordsPerMinute_ = 165;
    mutable int cacheRate_ = 0;  // the sample rate the cache was made at
    mutable std::map<std::string, SdlAudio::Samples> cache_;
};

}  // namespace unknot::platform
