// The SDL runner's interactive loop (see sdl_runner.hpp).
//
// [SECTION] Events (ImGui's, the shell's, the lifecycle phases)
// [SECTION] Periodic work (content watch, end of a benchmark)
// [SECTION] Idle (sleep in the event queue)
// [SECTION] Moving (one frame on the frame grid)
// [SECTION] run
#include "sdl_runner.hpp"

#include "clock.hpp"
#include "frame.hpp"
#include "unknot/platform/input.hpp"
#include "unknot/platform/pacing.hpp"
#include "unknot/platform/signals.hpp"

#include <imgui.h>
#include <imgui_impl_sdl.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <thread>

namespace unknot::platform {

SdlRunner::SdlRunner(const LoopContext& context)
    : c_(context),
      paced_(!context.renderer.trustedVsync()),
      fps_(pacedFps(context.window.displayHz())),
      benchEndNs_(context.bench ? context.startNs + static_cast<std::int64_t>(context.benchSeconds * 1e9) : 0),
      nextPeriodicNs_(context.startNs) {}

//-----------------------------------------------------------------------------
// [SECTION] Events
//-----------------------------------------------------------------------------
bool SdlRunner::handle(const SDL_Event& e) {
    ImGui_ImplSDL2_ProcessEvent(&e);
    if (wakesUi(e)) framesSinceInput_ = 0;
    // Anything that may have spoiled the window's pixels: draw it all again.
    if (c_.partial && (e.type == SDL_WINDOWEVENT || e.type == SDL_RENDER_TARGETS_RESET ||
                       e.type == SDL_RENDER_DEVICE_RESET || e.type == SDL_APP_DIDENTERFOREGROUND))
        c_.partial->invalidate();
    if (e.type == SDL_APP_WILLENTERBACKGROUND || e.type == SDL_APP_DIDENTERBACKGROUND) backgrounded_ = true;
    if (e.type == SDL_APP_DIDENTERFOREGROUND) backgrounded_ = false;
    const std::int64_t now = appMs(nowNs());
    // onPause (background, minimize, focus loss), onResume, onLowMemory.
    dispatchLifecycle(e, callbacks, now);
    switch (classifyEvent(e, ImGui::GetIO().WantTextInput)) {
    case InputAction::Quit: return false;
    case InputAction::Back: c_.app.goBack(now); break;
    case InputAction::Shown: framesSinceInput_ = 0; break;
    case InputAction::Suspend:  // onPause, above
    case InputAction::Hidden:
    case InputAction::None: break;
    }
    return true;
}

//-----------------------------------------------------------------------------
// [SECTION] Periodic work
//-----------------------------------------------------------------------------
bool SdlRunner::periodicWork(std::int64_t t) {
    if (c_.periodic && t >= nextPeriodicNs_) {
        nextPeriodicNs_ = t + static_cast<std::int64_t>(c_.periodicMs) * 1'000'000;
        if (c_.periodic()) {
            framesSinceInput_ = 0;
            if (c_.partial) c_.partial->invalidate();
        }
    }
    if (!c_.bench || t < benchEndNs_) return false;
    c_.bench->cpuEnd = cpuSeconds();
    c_.bench->speech = c_.audio.speechOnsets();
    c_.bench->print(c_.benchSeconds);
    if (c_.partial && c_.bench->frames > 0)
        std::printf("bench redrawn_px_per_frame=%lld of %lld\n",
                    static_cast<long long>(c_.partial->pixelsRedrawn() / c_.bench->frames),
                    static_cast<long long>(c_.renderer.outputSize().w) * c_.renderer.outputSize().h);
    return true;
}

//-----------------------------------------------------------------------------
// [SECTION] Idle
//-----------------------------------------------------------------------------
// Nothing moves: sleep in the event queue. Wake up only for what is
// scheduled: the end of a sound (to pause the device), a haptic pulse, the
// end of a benchmark, the content watch.
bool SdlRunner::waitForEvents(std::int64_t t) {
    int timeout = -1;
    const auto wakeAt = [&](int ms) {
        if (ms >= 0) timeout = timeout < 0 ? ms : std::min(timeout, ms);
    };
    const auto msUntil = [t](std::int64_t ns) {
        return static_cast<int>(std::max<std::int64_t>(0, (ns - t) / 1'000'000 + 1));
    };
    const int audioLeft = c_.audio.update();
    wakeAt(audioLeft > 0 ? audioLeft : -1);
    wakeAt(c_.haptics.update());
    if (c_.bench) wakeAt(msUntil(benchEndNs_));
    if (c_.periodic) wakeAt(msUntil(nextPeriodicNs_));
    // The daily reminder: its instant on the wall clock, looked at again at
    // least every 5 minutes (the clock may be set, or the computer sleep).
    if (const std::int64_t at = c_.app.reminderAtWallMs(); at >= 0)
        wakeAt(static_cast<int>(std::clamp<std::int64_t>(at - wallUs() / 1000 + 1, 0, 5 * 60 * 1000)));
    SDL_Event e;
    const int got = timeout < 0 ? SDL_WaitEvent(&e) : SDL_WaitEventTimeout(&e, timeout);
    return !got || handle(e);
}

//-----------------------------------------------------------------------------
// [SECTION] Moving
//-----------------------------------------------------------------------------
// The frame grid is anchored at the app clock's 0 and never restarted: whole
// seconds of app time are grid points (60 frames = 1 s exactly), a session
// starts on a frame, and so segments lasting whole seconds (or any multiple
// of 1/60 s) begin exactly on a frame, not up to a frame late. After idling,
// the next frame is the first grid point ahead (at most one frame period
// after the input); the very first frame is drawn at once, at the clock's 0.
bool SdlRunner::drawNextFrame(bool& endNow) {
    const std::int64_t gridStart = c_.originNs;
    const std::int64_t index = lastIndex_ < 0 ? 0 : nextFrameIndex(gridStart, fps_, lastIndex_, nowNs());
    if (paced_ && sleepBeforeNs(gridStart, fps_, index, nowNs()) > 0) {
        // sleep_until on the absolute deadline, not SDL_Delay(ms): SDL_Delay
        // rounds to whole milliseconds, which would shift every frame by up
        // to 1 ms and make a 16.7 ms frame gap 17.7 ms.
        std::this_thread::sleep_until(
            std::chrono::steady_clock::time_point(std::chrono::nanoseconds(frameDeadlineNs(gridStart, fps_, index))));
    }
    lastIndex_ = index;

    SDL_Event e;
    while (SDL_PollEvent(&e))
        if (!handle(e)) return false;
    c_.audio.update();
    c_.haptics.update();

    callPhase(callbacks.preNewFrame, appMs(nowNs()));
    const std::int64_t frameNs = nowNs();
    const Size logical = c_.window.logicalSize();
    const float scale = pixelScale(logical, c_.renderer.outputSize());
    c_.audio.beginFrame(frameNs);  // sound asked for in this frame is placed from frameNs
    const bool changed = drawFrame(c_.app, c_.renderer, c_.partial, {appMs(frameNs), logical, scale, true});
    c_.audio.beginFrame(0);
    // Nothing changed on screen: no present, no copy to the display.
    if (changed) c_.renderer.present();
    const std::int64_t presentNs = nowNs();
    ++framesSinceInput_;
    c_.trace.afterFrame(c_.app);
    if (!shown_) {
        // Shown after the first frame is ready, so no blank window flashes.
        c_.window.show();
        shown_ = true;
        if (c_.exitAfterFirstFrame) {
            std::printf("first-frame-ms %.3f\n", static_cast<double>(wallUs() - launchUs()) / 1000.0);
            std::fflush(stdout);
            endNow = true;
            return true;
        }
        // Audio and haptics open now, not before: the first frame does not
        // wait for them (cues asked for meanwhile are kept, see SdlAudio).
        c_.audio.open();
        c_.haptics.open();
    }
    if (c_.bench)
        c_.bench->onFrame(static_cast<double>(frameNs - c_.startNs) / 1e6,
                          static_cast<double>(frameNs - c_.originNs) / 1e6,
                          static_cast<double>(presentNs - c_.originNs) / 1e6, changed);
    return true;
}

//-----------------------------------------------------------------------------
// [SECTION] run
//-----------------------------------------------------------------------------
int SdlRunner::loop() {
    for (;;) {
        // A quit signal pushes SDL_QUIT too; this also ends a loop that is
        // drawing without looking at events long enough (a slow frame).
        if (quitSignal()) return quitStatus(0);
        const std::int64_t t = nowNs();
        if (periodicWork(t)) return 0;
        const bool visible = !backgrounded_ && (!shown_ || !c_.window.minimized());
        if (nextLoopStep(framesSinceInput_, c_.app.needsAnimation(), visible) == LoopStep::Block) {
            if (!waitForEvents(t)) return 0;
            // Idle, no frame: the reminder is still shown on time.
            c_.app.tick(appMs(nowNs()));
            continue;
        }
        bool endNow = false;
        if (!drawNextFrame(endNow) || endNow) return 0;
    }
}

int SdlRunner::run() {
    callPhase(callbacks.postInit, appMs(nowNs()));
    const int status = loop();
    // Closed, told to quit, or a benchmark's end: the app saves what it must
    // while everything still exists.
    callPhase(callbacks.beforeExit, appMs(nowNs()));
    return quitStatus(status);
}

}  // namespace unknot::platform
