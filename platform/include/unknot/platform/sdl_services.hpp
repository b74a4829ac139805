// The SDL implementations of the services in services.hpp: audio, haptics and
// lifecycle (keep awake). Each degrades to "not available" rather than fail:
// a phone without a vibrator or a CI box without a sound card still runs.
//
// [SECTION] SdlAudio
// [SECTION] SdlHaptics
// [SECTION] SdlLifecycle
#pragma once

#include "unknot/platform/services.hpp"
#include "unknot/platform/synth.hpp"

#include <SDL.h>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace unknot::platform {

//-----------------------------------------------------------------------------
// [SECTION] SdlAudio
//-----------------------------------------------------------------------------
// Opens the default output device (float, mono). The device is paused while
// nothing plays and closed after 10 s of silence (a paused device's thread
// still wakes ~50 times a second), then reopened by the next cue.
// Opening is deferred (open(), called by the shell after the first frame is
// on screen): audio start-up costs milliseconds the first frame should not
// wait for. Cues asked for before that are kept and played, on time, once open.
class SdlAudio final : public Audio {
public:
    SdlAudio() = default;
    ~SdlAudio() override;
    void open();  // never throws; check available() and error()
    // Optimistic until open() has run; then whether a device could be opened.
    bool available() const override { return !opened_ || !failed_; }
    void play(CueSound sound, int delayMs) override;
    void setVolume(float volume01) override;
    void stopAll() override;
    // Called by the loop: pauses the device once the last sound ended and
    // closes it after a silence. Returns the ms until it next needs a call
    // (0: nothing scheduled), so the loop can wake up for it.
    int update();
    bool deviceOpen() const { return device_ != 0; }
    const std::string& error() const { return error_; }

private:
    static void callback(void* self, std::uint8_t* stream, int len);
    bool openDevice();
    void closeDevice();
    struct Early {
        CueSound sound;
        std::uint64_t dueTicks;  // SDL_GetTicks64() at which it should sound
    };
    std::uint32_t device_ = 0;
    std::unique_ptr<Mixer> mixer_;
    bool opened_ = false, failed_ = false, paused_ = true;
    std::uint64_t silentSince_ = 0;
    float volume_ = 0.8f;
    std::vector<Early> early_;
    std::string error_;
};

//-----------------------------------------------------------------------------
// [SECTION] SdlHaptics
//-----------------------------------------------------------------------------
// The first SDL_Haptic device with rumble (a phone's vibrator on Android, a
// game pad on desktops), or nothing. Opened after the first frame, like audio
// (scanning input devices takes a while); patterns asked for earlier are dropped:
// a buzz late is worse than none.
class SdlHaptics final : public Haptics {
public:
    SdlHaptics() = default;
    ~SdlHaptics() override;
    void open();
    bool available() const override { return !opened_ || haptic_ != nullptr; }
    void play(HapticPattern pattern) override;
    // Starts pulses that became due (by SDL_GetTicks64); returns ms until the
    // next one (-1: none), so the loop can wake up for it.
    int update();
    const std::string& error() const { return error_; }

private:
    struct Pending {
        std::int64_t atMs;
        Pulse pulse;
    };
    SDL_Haptic* haptic_ = nullptr;
    bool opened_ = false;
    std::vector<Pending> pending_;
    std::string error_;
};

//-----------------------------------------------------------------------------
// [SECTION] SdlLifecycle
//-----------------------------------------------------------------------------
// Keep-awake through SDL_DisableScreenSaver/SDL_EnableScreenSaver. The shell
// sets SDL_HINT_VIDEO_ALLOW_SCREENSAVER=1 before SDL_Init, because SDL
// otherwise keeps the screen on for as long as a window exists, and a guide
// left open on a bedside table would drain the battery.
class SdlLifecycle final : public Lifecycle {
public:
    void setKeepAwake(bool on) override;
    bool keepAwake() const override { return awake_; }

private:
    bool awake_ = false;
};

}  // namespace unknot::platform
