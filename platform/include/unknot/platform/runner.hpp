// The runner: what every platform's main loop does, as named phases.
//
// [SECTION] Phases (callbacks the app fills in)
// [SECTION] AbstractRunner (one per platform: the desktop SDL loop today,
//           the web's emscripten main loop beside it)
// [SECTION] Lifecycle events -> phases (SDL)
//
// In the manner of hello_imgui's RunnerCallbacks: the runner owns the window,
// the clock and the loop, and calls the app at fixed points. A second runner
// (the web shell: the browser calls one frame at a time, so there is no loop
// of ours to block in) implements the same phases, so the app's wiring of
// them (runner.cpp) is shared.
#pragma once

#include <SDL.h>

#include <cstdint>
#include <functional>

namespace unknot::platform {

//-----------------------------------------------------------------------------
// [SECTION] Phases
//-----------------------------------------------------------------------------
// Each phase gets the app clock in ms (where "play:ID@SECONDS" started it).
// An empty phase is skipped.
using Phase = std::function<void(std::int64_t appMs)>;

struct RunnerCallbacks {
    // Once, after the window, the renderer, Dear ImGui, the fonts and the
    // app exist, before the first frame.
    Phase postInit;
    // Before every frame, outside ImGui's NewFrame/Render: the place for work
    // that must not happen mid-frame (rebuilding the font atlas).
    Phase preNewFrame;
    // Once, after the last frame (window closed, quit signal, end of a
    // benchmark), while everything still exists: save what must be saved.
    Phase beforeExit;
    // The app goes to the background, is minimized or loses focus
    // (SDL_APP_WILLENTERBACKGROUND, DIDENTERBACKGROUND; on desktops
    // minimize and focus loss). May come twice in a row: be idempotent.
    Phase onPause;
    // The app is back in the foreground (SDL_APP_DIDENTERFOREGROUND).
    Phase onResume;
    // The OS is short of memory (SDL_APP_LOWMEMORY): free what can be rebuilt.
    Phase onLowMemory;
};

// Calls `phase` if set.
inline void callPhase(const Phase& phase, std::int64_t appMs) {
    if (phase) phase(appMs);
}

//-----------------------------------------------------------------------------
// [SECTION] AbstractRunner
//-----------------------------------------------------------------------------
class AbstractRunner {
public:
    AbstractRunner() = default;
    AbstractRunner(const AbstractRunner&) = delete;
    AbstractRunner& operator=(const AbstractRunner&) = delete;
    virtual ~AbstractRunner() = default;

    // Runs frames until the app should end, calling the phases on the way
    // (postInit first, beforeExit last); returns the exit status.
    virtual int run() = 0;

    RunnerCallbacks callbacks;
};

//-----------------------------------------------------------------------------
// [SECTION] Lifecycle events -> phases
//-----------------------------------------------------------------------------
enum class LifecyclePhase { None, Pause, Resume, LowMemory };

// The phase an SDL event starts (pure; tested on synthetic events). Pause is
// classifyEvent's Suspend (input.hpp), so the two never disagree.
LifecyclePhase lifecyclePhaseOf(const SDL_Event& e);

// Calls the callback of `lifecyclePhaseOf(e)`, if any.
void dispatchLifecycle(const SDL_Event& e, const RunnerCallbacks& callbacks, std::int64_t appMs);

}  // namespace unknot::platform
