// Input: what an SDL event means to the shell, beyond what ImGui does with it.
// A pure function over SDL_Event (no SDL_Init needed), so tests feed it
// synthetic events.
#pragma once

#include <SDL.h>

namespace unknot::platform {

enum class InputAction {
    None,     // ImGui's business only
    Back,     // Escape, Backspace, Android back: app.goBack()
    Suspend,  // background, minimized, focus lost: app.onSuspend()
    Hidden,   // stop drawing until shown again (minimized, backgrounded)
    Shown,    // visible again: draw
    Quit,     // window closed, app terminating
};

// `wantTextInput`: ImGui has a text field active, so Escape and Backspace
// belong to it (deleting a letter must not leave the screen). The Android back
// key (SDL_SCANCODE_AC_BACK) always goes back. Key repeats are ignored: a held
// key must not unwind the whole app.
InputAction classifyEvent(const SDL_Event& event, bool wantTextInput);

// Whether the event may change what ImGui shows (and so needs frames drawn).
bool wakesUi(const SDL_Event& event);

}  // namespace unknot::platform
