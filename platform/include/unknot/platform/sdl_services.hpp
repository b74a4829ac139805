// The SDL implementations of the services in services.hpp: audio, haptics and
// lifecycle (keep awake). Each degrades to "not available" rather than fail:
// a phone without a vibrator or a CI box without a sound card still runs.
//
// [SECTION] SdlAudio
// [SECTION] SdlHaptics
// [SECTION] SdlLifecycle
#pragma once

#include "unknot/platform/synth.hpp"
#include "unknot/session/services.hpp"

#include <SDL.h>

#include <array>
#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace unknot::platform {

//-----------------------------------------------------------------------------
// [SECTION] SdlAudio
//-----------------------------------------------------------------------------
// Opens the default output device (float, mono). The device is paused while
// nothing plays and closed after 10 s of silence (a paused device's thread
// still wakes for every buffer, ~94 times a second), then reopened by the
// next cue.
// Opening is deferred (open(), called by the shell after the first frame is
// on screen): audio start-up costs milliseconds the first frame should not
// wait for. Cues asked for before that are kept and played, on time, once open.
//
// Timing: play(sound, delayMs) turns "the instant of the call + delayMs" into
// a due instant on SDL's performance counter. The audio callback is the
// anchor between that clock and the stream: when it starts, the first sample
// it mixes (absolute index, Mixer::position()) is the one that goes out now,
// plus a constant output latency. So the callback that first sees a cue places
// it at index = position + (due - callback start) * rate, to the sample: where
// a cue lands depends on when it is due, not on when a callback happens to
// run. (Converting in the callback rather than in play() also covers a paused
// device, whose stream does not advance, so no earlier anchor holds.)
// The device buffer is small (kBufferFrames: 512 frames, 10.7 ms at 48 kHz),
// so the constant latency stays well under one 16.7 ms frame.
class SdlAudio final : public Audio {
public:
    static constexpr int kRate = 48000;        // asked for; the device may differ
    static constexpr int kBufferFrames = 512;  // per callback: 10.7 ms at 48 kHz

    SdlAudio() = default;
    ~SdlAudio() override;
    SdlAudio(const SdlAudio&) = delete;  // the SDL callback holds `this`
    SdlAudio& operator=(const SdlAudio&) = delete;
    void open();  // never throws; check available() and status()
    // Optimistic until open() has run; then whether a device could be opened
    // (false also when reopening after a silence failed, e.g. unplugged).
    bool available() const override { return !opened_ || (!failed_ && !reopenFailed_); }
    void play(CueSound sound, int delayMs) override;
    void setVolume(float volume01) override;
    // Cancels the cues (speech has its own stop, below).
    void stopAll() override;
    // Speech, mixed into the same stream on the same clock: `samples` (at
    // sampleRate()) start delayMs after the call. Kept alive here until the
    // mixer is done with them. Muting the cues does not mute speech (the
    // voice has its own switch); its volume is apart from the cues'.
    using Samples = std::shared_ptr<const std::vector<float>>;
    void speak(Samples samples, int delayMs);
    void stopSpeech();
    void setSpeechVolume(float volume01);
    void setMuted(bool muted) override;
    bool muted() const override { return muted_; }
    // Empty while sound works or before open(); else SDL's reason, in English.
    std::string status() const override;
    // Called by the loop: pauses the device once the last sound ended and
    // closes it after a silence. Returns the ms until it next needs a call
    // (0: nothing scheduled), so the loop can wake up for it.
    int update();
    bool deviceOpen() const { return device_ != 0; }
    bool devicePaused() const { return paused_; }
    int sampleRate() const { return mixer_ ? mixer_->sampleRate() : 0; }
    const std::string& error() const { return error_; }

    // The instant the frame read the clock (nowNs(); 0: none). Until the
    // next call, a cue or speech asked for `delayMs` ahead is due delayMs
    // after that instant, as the session meant it, not after the moment of
    // the call: the work a frame does before asking does not delay it.
    void beginFrame(std::int64_t frameNs);
    // Speech placed in the stream so far, and the worst lateness of a first
    // sample against its due instant: 0 when every utterance was handed
    // over ahead of the callback that plays it. Read by --bench.
    struct SpeechOnsets {
        std::int64_t count = 0;
        double worstLateMs = 0;
    };
    SpeechOnsets speechOnsets() const;

    // Test tap: called from the audio thread, after each callback has mixed,
    // with the absolute index of its first sample, the performance counter at
    // the callback's start (the anchor) and the samples. The tests read the
    // stream through it; unset (the app), it costs one test of an empty
    // std::function per callback.
    using Tap =
        std::function<void(std::int64_t firstSample, std::uint64_t callbackTicks, const float* samples, int frames)>;
    void setTap(Tap tap);

private:
    static void callback(void* self, std::uint8_t* stream, int len);
    bool openDevice();
    void closeDevice();
    // A cue, or speech samples, and the performance-counter instant at which
    // it should sound.
    struct Due {
        CueSound sound;
        std::uint64_t ticks;
        const std::vector<float>* speech = nullptr;
    };
    void releaseSpeech();
    void queue(const Due& due);
    std::uint64_t dueTicks(int delayMs) const;
    std::uint32_t device_ = 0;
    std::unique_ptr<Mixer> mixer_;
    bool opened_ = false, failed_ = false, reopenFailed_ = false, paused_ = true, muted_ = false;
    std::uint64_t silentSince_ = 0;
    float volume_ = 0.8f;
    float speechVolume_ = 1.0f;
    std::vector<Due> early_;  // asked for before open()
    // Speech buffers the mixer may still read: released on the loop's thread
    // (update()), never in the callback, which must not free memory.
    std::vector<Samples> held_;
    // Handed to the callback, which places them in the stream: a fixed array
    // (guarded by the device lock), since the callback must not allocate.
    static constexpr std::size_t kMaxPending = 16;
    std::array<Due, kMaxPending> pending_{};
    std::size_t pendingCount_ = 0;
    std::uint64_t frameTicks_ = 0;  // beginFrame's instant on SDL's counter; 0: none
    // Written by the callback only, read by the loop's thread.
    std::atomic<std::int64_t> speechOnsets_{0}, worstSpeechLateSamples_{0};
    Tap tap_;
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
