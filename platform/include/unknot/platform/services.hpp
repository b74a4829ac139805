// Services: the small contracts between the app and the device. Each has an
// SDL implementation (platform/sdl_*.cpp) and a null one (below) that tests
// and headless runs use. This header has no SDL in it, so engine/ui can use it.
//
// [SECTION] Audio
// [SECTION] Haptics
// [SECTION] Lifecycle (keep awake)
// [SECTION] Services bundle and null implementations
#pragma once

#include <cstdint>
#include <string>

namespace unknot::platform {

//-----------------------------------------------------------------------------
// [SECTION] Audio
//-----------------------------------------------------------------------------
enum class CueSound { Chime, Inhale, Exhale, HoldTick, SwitchSides, Finish };

class Audio {
public:
    virtual ~Audio() = default;
    virtual bool available() const = 0;
    // Plays `sound` starting `delayMs` from now (0: at once).
    virtual void play(CueSound sound, int delayMs = 0) = 0;
    virtual void setVolume(float volume01) = 0;
    virtual void stopAll() = 0;
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
// [SECTION] Services bundle and null implementations
//-----------------------------------------------------------------------------
class NullAudio final : public Audio {
public:
    bool available() const override { return false; }
    void play(CueSound, int) override { ++played; }
    void setVolume(float) override {}
    void stopAll() override {}
    int played = 0;  // how many cues were asked for (tests read it)
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

struct Services {
    Audio* audio = nullptr;
    Haptics* haptics = nullptr;
    Lifecycle* lifecycle = nullptr;
};

}  // namespace unknot::platform
