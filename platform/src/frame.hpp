// One frame: the app's UI run by Dear ImGui and drawn, for the interactive
// loop (live input) and for screenshots (no input, fixed step) alike.
#pragma once

#include "unknot/platform/damage.hpp"
#include "unknot/platform/window.hpp"
#include "unknot/ui/app.hpp"

#include <cstdint>

namespace unknot::platform {

struct FrameInput {
    std::int64_t nowMs = 0;
    Size logical;           // DisplaySize
    float scale = 1.0f;     // DisplayFramebufferScale
    bool liveInput = true;  // false: screenshots (no mouse, no hover, fixed dt)
    // Fill the target with the background colour first. Off for screenshots
    // on a larger --canvas, which is magenta outside the app's area.
    bool clearToBackground = true;
    // Read after the UI ran: when it points to true, the previous pixels stay
    // on screen (nothing is drawn, and the result is false). The web runner
    // holds the screen so while the journal's copy in IndexedDB is written
    // (a write committed during this very frame sets it): the end screen
    // appears only once the session is durable. Null: always drawn.
    const bool* holdPixels = nullptr;
};

// Runs the UI for one frame and draws it: in full, or only what changed when
// `partial` is given (software renderer). False when nothing changed on screen
// (then there is nothing to present).
bool drawFrame(ui::App& app, Renderer& renderer, PartialRenderer* partial, const FrameInput& in);

}  // namespace unknot::platform
