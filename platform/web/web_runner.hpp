// WebRunner: the browser's main loop (requestAnimationFrame, through
// emscripten_set_main_loop) calling the phases of runner.hpp around the same
// drawFrame as the desktop. The browser owns the loop, so run() only
// registers the frame function and returns; idle means the main loop is
// paused and the page's input listeners resume it (pre.js).
#pragma once

#include "../src/sdl_runner.hpp"
#include "web_announce.hpp"

#include <SDL.h>

#include <cstdint>

namespace unknot::platform {

class WebRunner final : public AbstractRunner {
public:
    WebRunner(const LoopContext& context, const Library* library);
    // postInit, then the frames belong to the browser: returns 0 at once.
    int run() override;

    // The page's calls (exported C functions in web_runner.cpp).
    void wake();                   // input arrived, or a timer is due
    bool back();                   // the browser's Back: false at Home
    void visibility(bool hidden);  // visibilitychange
    void journalSynced(bool ok);   // a FS.syncfs finished
    void contentChanged();         // a pack was added under /data/packs
    void reminderDue();            // the reminder's timer fired (no frame needed)

private:
    std::int64_t appMs() const;
    static void frameThunk(void* self);
    void frame();
    void handle(const SDL_Event& e);
    void afterDraw(bool drawn);
    void sleepIfStill();
    // Keeps one page timer on the App's next reminder: a hidden tab draws no
    // frames, but its timers run (throttled to a minute at worst).
    void armReminder();
    std::int64_t reminderArmed_ = -2;
    void offerExports();
    void announceAndPublish();

    LoopContext c_;
    const Library* library_;
    web::Snapshot said_;
    std::string lastState_;
    int framesSinceInput_ = 0;
    bool hidden_ = false;
    bool paused_ = false;
    bool shown_ = false;
};

}  // namespace unknot::platform
