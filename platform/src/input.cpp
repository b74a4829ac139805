// Input: SDL events the shell acts on itself (see input.hpp).
#include "unknot/platform/input.hpp"

namespace unknot::platform {

InputAction classifyEvent(const SDL_Event& e, bool wantTextInput) {
    switch (e.type) {
    case SDL_QUIT:
    case SDL_APP_TERMINATING: return InputAction::Quit;
    // Mobile lifecycle: "will" and "did" both suspend, since on iOS the app
    // may be frozen right after WILLENTERBACKGROUND (App::onSuspend is
    // idempotent). Nothing may be drawn in the background: iOS kills apps
    // that touch the GPU there.
    case SDL_APP_WILLENTERBACKGROUND:
    case SDL_APP_DIDENTERBACKGROUND: return InputAction::Suspend;
    case SDL_APP_DIDENTERFOREGROUND: return InputAction::Shown;
    case SDL_WINDOWEVENT:
        switch (e.window.event) {
        case SDL_WINDOWEVENT_MINIMIZED:
        case SDL_WINDOWEVENT_FOCUS_LOST: return InputAction::Suspend;
        case SDL_WINDOWEVENT_HIDDEN: return InputAction::Hidden;
        case SDL_WINDOWEVENT_RESTORED:
        case SDL_WINDOWEVENT_SHOWN:
        case SDL_WINDOWEVENT_EXPOSED: return InputAction::Shown;
        case SDL_WINDOWEVENT_CLOSE: return InputAction::Quit;
        default: return InputAction::None;
        }
    case SDL_KEYDOWN:
        if (e.key.repeat) return InputAction::None;
        if (e.key.keysym.scancode == SDL_SCANCODE_AC_BACK) return InputAction::Back;
        if (!wantTextInput &&
            (e.key.keysym.scancode == SDL_SCANCODE_ESCAPE || e.key.keysym.scancode == SDL_SCANCODE_BACKSPACE))
            return InputAction::Back;
        return InputAction::None;
    default: return InputAction::None;
    }
}

bool wakesUi(const SDL_Event& e) {
    switch (e.type) {
    // Mouse motion changes hover; touch and wheel scroll; keys and text edit.
    case SDL_MOUSEMOTION:
    case SDL_MOUSEBUTTONDOWN:
    case SDL_MOUSEBUTTONUP:
    case SDL_MOUSEWHEEL:
    case SDL_FINGERDOWN:
    case SDL_FINGERUP:
    case SDL_FINGERMOTION:
    case SDL_KEYDOWN:
    case SDL_KEYUP:
    case SDL_TEXTINPUT:
    case SDL_TEXTEDITING:
    case SDL_APP_DIDENTERFOREGROUND:
    case SDL_RENDER_TARGETS_RESET:
    case SDL_RENDER_DEVICE_RESET: return true;
    case SDL_WINDOWEVENT:
        // Everything but pure bookkeeping (moved) changes what is seen.
        return e.window.event != SDL_WINDOWEVENT_MOVED;
    default: return false;
    }
}

}  // namespace unknot::platform
