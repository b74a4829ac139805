// The web's services: vibration (navigator.vibrate) and keeping the screen on
// (the Screen Wake Lock). Sound is SdlAudio, as on the desktop: SDL's
// emscripten audio plays through Web Audio, started by the first tap.
//
// [SECTION] Haptics: the same pulse patterns as the SDL haptics (synth.hpp)
// [SECTION] Lifecycle: the wake lock
// [SECTION] The journal's copy after each commit
#include "web_bridge.hpp"
#include "web_shell.hpp"
#include "web_state.hpp"

#include "unknot/platform/synth.hpp"

#include <vector>

namespace unknot::platform {

namespace {

//-----------------------------------------------------------------------------
// [SECTION] Haptics
//-----------------------------------------------------------------------------
// navigator.vibrate takes on, off, on... durations: the pulses' timings turned
// into that (strength cannot be set in a browser: phones vibrate at one level).
class WebHaptics final : public Haptics {
public:
    bool available() const override { return web::canVibrate(); }
    void play(HapticPattern pattern) override {
        std::vector<int> onOff;
        int end = 0;
        for (const Pulse& p : hapticPulses(pattern)) {
            if (!onOff.empty()) onOff.push_back(p.atMs > end ? p.atMs - end : 0);
            onOff.push_back(p.durationMs);
            end = p.atMs + p.durationMs;
        }
        if (!onOff.empty()) web::vibrate(onOff.data(), static_cast<int>(onOff.size()));
    }
};

//-----------------------------------------------------------------------------
// [SECTION] Lifecycle
//-----------------------------------------------------------------------------
// The app asks while a session runs and lets go on pause and finish; the page
// takes the lock again when it comes back in sight (browsers drop it when the
// page is hidden).
class WebLifecycle final : public Lifecycle {
public:
    void setKeepAwake(bool on) override {
        if (on == awake_) return;
        awake_ = on;
        web::keepAwake(on);
    }
    bool keepAwake() const override { return awake_; }

private:
    bool awake_ = false;
};

}  // namespace

Haptics& webHaptics() {
    static WebHaptics haptics;
    return haptics;
}

Lifecycle& webLifecycle() {
    static WebLifecycle lifecycle;
    return lifecycle;
}

bool webIsMobile() { return web::isMobile(); }

//-----------------------------------------------------------------------------
// [SECTION] The journal's copy
//-----------------------------------------------------------------------------
void attachWebJournal(Journal& journal) {
    // Only a journal in the IDBFS folder has a copy to make (":memory:", used
    // when the browser refuses storage, has none).
    if (!journal.persistent()) return;
    journal.setAfterCommit([] {
        web::state().syncsPending++;
        web::state().holdFrame = true;
        web::startJournalSync();
    });
}

}  // namespace unknot::platform
