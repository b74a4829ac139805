// Lifecycle events -> runner phases (see runner.hpp).
#include "unknot/platform/input.hpp"
#include "unknot/platform/runner.hpp"

namespace unknot::platform {

LifecyclePhase lifecyclePhaseOf(const SDL_Event& e) {
    if (e.type == SDL_APP_LOWMEMORY) return LifecyclePhase::LowMemory;
    if (e.type == SDL_APP_DIDENTERFOREGROUND) return LifecyclePhase::Resume;
    // Text input does not matter to the lifecycle: only Back depends on it.
    if (classifyEvent(e, false) == InputAction::Suspend) return LifecyclePhase::Pause;
    return LifecyclePhase::None;
}

void dispatchLifecycle(const SDL_Event& e, const RunnerCallbacks& callbacks, std::int64_t appMs) {
    switch (lifecyclePhaseOf(e)) {
    case LifecyclePhase::Pause: callPhase(callbacks.onPause, appMs); break;
    case LifecyclePhase::Resume: callPhase(callbacks.onResume, appMs); break;
    case LifecyclePhase::LowMemory: callPhase(callbacks.onLowMemory, appMs); break;
    case LifecyclePhase::None: break;
    }
}

}  // namespace unknot::platform
