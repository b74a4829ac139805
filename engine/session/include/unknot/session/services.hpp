// Services: the small contracts between a session and the device. The
// Session (engine/session) uses them, so this layer owns them; each runner
// implements them (the SDL shell in platform/src/sdl_services.cpp), and the
// null ones below serve tests and headless runs. No SDL here: nothing in
// engine/ includes platform/.
//
// [SECTION] Audio
// [SECTION] Haptics
// [SECTION] Lifecycle (keep awake)
// [SECTION] Clock (the wall clock, for dates)
// [SECTION] Services bundle and null implementations
#pragma once

#include <cstdint>
#include <string>

namespace unknot {

//-----------------------------------------------------------------------------
// [SECTION] Audio
//-----------------------------------------------------------------------------
enum class CueSound { Chime, Inhale, Exhale, HoldTick, SwitchSides, Finish };

class Audio {
public:
    virtual ~Audio() = default;
    virtual bool available() const = 0;
    // Plays `sound` so that its first sample is heard `delayMs` after the
    // instant of this call (0: at once). The app looks ahead: it asks for a
    // segment's cue a few frames early, with the delay to the segment's start.
    virtual void play(CueSound sound, int delayMs = 0) = 0;
    virtual void setVolume(float volume01) = 0;
    // Cancels cues not yet started and fades the sounding ones out in a few
    // milliseconds (pause, skip, back, stop).
    virtual void stopAll() = 0;
    // Mute keeps the volume: unmuting brings the same level back. While muted,
    // cues are dropped (not scheduled at zero gain), so the device sleeps; muting
    // also fades out what sounds. Not pure, so that test doubles written before
    // mute existed still compile (they just ignore it).
    virtual void setMuted(bool /*muted*/) {}
    virtual bool muted() const { return false; }
    // Why there is no sound, in English, for a details line under the UI's own
    // (translated) "No sound device"; empty while sound works or before the
    // device was tried. The UI decides from available(), not from this text.
    virtual std::string status() const { return available() ? std::string() : "no sound device"; }
};

//-----------------------------------------------------------------------------
// [SECTION] Haptics
//-----------------------------------------------------------------------------
enum class HapticPattern { One, Two, Long };

class Haptics {
public:
    virtual ~Haptics() = default;
    virtual bool available() const = 0;
    virtual void play(HapticPattern pattern) = 0;
};

//-----------------------------------------------------------------------------
// [SECTION] Lifecycle
//-----------------------------------------------------------------------------
class Lifecycle {
public:
    virtual ~Lifecycle() = default;
    // Keeps the screen on (only while a session runs).
    virtual void setKeepAwake(bool on) = 0;
    virtual bool keepAwake() const = 0;
};

//-----------------------------------------------------------------------------
// [SECTION] Clock
//-----------------------------------------------------------------------------
// The wall clock: when a session started and ended, which day it is, where a
// day begins in local time. It is not the session clock: that one is the
// monotonic `nowMs` the runner passes to every call, and the player follows
// it alone. Keeping the wall clock behind a contract is what lets tests move
// the date (midnight, daylight-saving changes, a week of streaks) as a number.
class Clock {
public:
    virtual ~Clock() = default;
    // Now, in Unix milliseconds (UTC).
    virtual std::int64_t wallMs() const = 0;
    // Local time = UTC + this many minutes at the instant `wallMs` (daylight
    // saving moves it, so it is asked per instant, not once).
    virtual int utcOffsetMinutes(std::int64_t wallMs) const = 0;
};

//-----------------------------------------------------------------------------
// [SECTION] Services bundle and null implementations
//-----------------------------------------------------------------------------
class NullAudio final : public Audio {
public:
    bool available() const override { return false; }
    void play(CueSound, int) override { ++played; }
    void setVolume(float volume01) override { volume = volume01; }
    void stopAll() override { ++stops; }
    void setMuted(bool m) override { muted_ = m; }
    bool muted() const override { return muted_; }
    std::string status() const override { return "no sound (null audio)"; }
    // What was asked for (tests read them): cues, stopAll() calls, last volume.
    int played = 0;
    int stops = 0;
    float volume = 0.8f;

private:
    bool muted_ = false;
};
class NullHaptics final : public Haptics {
public:
    bool available() const override { return false; }
    void play(HapticPattern) override { ++played; }
    int played = 0;
};
class NullLifecycle final : public Lifecycle {
public:
    void setKeepAwake(bool on) override { awake_ = on; }
    bool keepAwake() const override { return awake_; }

private:
    bool awake_ = false;
};

// A clock the test moves: `ms` is now, `offsetMinutes` the local offset.
class ManualClock final : public Clock {
public:
    explicit ManualClock(std::int64_t startMs = 0, int offset = 0) : ms(startMs), offsetMinutes(offset) {}
    std::int64_t wallMs() const override { return ms; }
    int utcOffsetMinutes(std::int64_t) const override { return offsetMinutes; }
    std::int64_t ms;
    int offsetMinutes;
};

struct Services {
    Audio* audio = nullptr;
    Haptics* haptics = nullptr;
    Lifecycle* lifecycle = nullptr;
    // Null: a fixed day (2026-11-18, UTC) plus the app clock, so dates in
    // tests and screenshots are deterministic.
    Clock* clock = nullptr;
};

}  // namespace unknot
