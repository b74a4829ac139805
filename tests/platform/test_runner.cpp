// The runner's phases: which SDL lifecycle events start OnPause, OnResume and
// OnLowMemory, and that each calls its callback once with the app clock.
// Synthetic events, no SDL_Init needed.
#include "unknot/platform/runner.hpp"

#include <catch2/catch.hpp>

#include <cstdint>
#include <string>
#include <vector>

using namespace unknot::platform;

namespace {
SDL_Event plain(Uint32 type) {
    SDL_Event e{};
    e.type = type;
    return e;
}
SDL_Event window(Uint8 what) {
    SDL_Event e{};
    e.type = SDL_WINDOWEVENT;
    e.window.event = what;
    return e;
}

// Callbacks that write down which phase ran, and at what app time.
struct Recorder {
    std::vector<std::string> calls;
    RunnerCallbacks callbacks() {
        RunnerCallbacks cb;
        const auto note = [this](const char* name) {
            return [this, name](std::int64_t ms) { calls.push_back(std::string(name) + "@" + std::to_string(ms)); };
        };
        cb.postInit = note("postInit");
        cb.preNewFrame = note("preNewFrame");
        cb.beforeExit = note("beforeExit");
        cb.onPause = note("onPause");
        cb.onResume = note("onResume");
        cb.onLowMemory = note("onLowMemory");
        return cb;
    }
};
}  // namespace

TEST_CASE("lifecycle events map to the runner's phases", "[platform][runner]") {
    CHECK(lifecyclePhaseOf(plain(SDL_APP_WILLENTERBACKGROUND)) == LifecyclePhase::Pause);
    CHECK(lifecyclePhaseOf(plain(SDL_APP_DIDENTERBACKGROUND)) == LifecyclePhase::Pause);
    CHECK(lifecyclePhaseOf(window(SDL_WINDOWEVENT_MINIMIZED)) == LifecyclePhase::Pause);
    CHECK(lifecyclePhaseOf(window(SDL_WINDOWEVENT_FOCUS_LOST)) == LifecyclePhase::Pause);
    CHECK(lifecyclePhaseOf(plain(SDL_APP_DIDENTERFOREGROUND)) == LifecyclePhase::Resume);
    CHECK(lifecyclePhaseOf(plain(SDL_APP_LOWMEMORY)) == LifecyclePhase::LowMemory);
    // Not lifecycle: drawing, input and quitting are the loop's business.
    for (Uint32 type : {Uint32(SDL_QUIT), Uint32(SDL_MOUSEMOTION), Uint32(SDL_KEYDOWN), Uint32(SDL_APP_TERMINATING)})
        CHECK(lifecyclePhaseOf(plain(type)) == LifecyclePhase::None);
    CHECK(lifecyclePhaseOf(window(SDL_WINDOWEVENT_RESTORED)) == LifecyclePhase::None);
}

TEST_CASE("dispatchLifecycle calls the phase's callback once, with the app clock", "[platform][runner]") {
    Recorder rec;
    const RunnerCallbacks cb = rec.callbacks();
    dispatchLifecycle(plain(SDL_APP_WILLENTERBACKGROUND), cb, 1500);
    dispatchLifecycle(plain(SDL_APP_DIDENTERFOREGROUND), cb, 2500);
    dispatchLifecycle(plain(SDL_APP_LOWMEMORY), cb, 3000);
    dispatchLifecycle(plain(SDL_MOUSEMOTION), cb, 3500);
    CHECK(rec.calls == std::vector<std::string>{"onPause@1500", "onResume@2500", "onLowMemory@3000"});
}

TEST_CASE("a phase left empty is skipped", "[platform][runner]") {
    const RunnerCallbacks none;
    dispatchLifecycle(plain(SDL_APP_LOWMEMORY), none, 0);  // no callback: nothing to call, no crash
    callPhase(none.beforeExit, 0);
    Recorder rec;
    callPhase(rec.callbacks().beforeExit, 42);
    CHECK(rec.calls == std::vector<std::string>{"beforeExit@42"});
}
