// Input: which SDL events go back, suspend, hide or quit. Synthetic events,
// no SDL_Init needed.
#include "unknot/platform/input.hpp"

#include <catch2/catch.hpp>

using namespace unknot::platform;

namespace {
SDL_Event key(SDL_Scancode sc, bool repeat = false) {
    SDL_Event e{};
    e.type = SDL_KEYDOWN;
    e.key.keysym.scancode = sc;
    e.key.repeat = repeat ? 1 : 0;
    return e;
}
SDL_Event window(Uint8 what) {
    SDL_Event e{};
    e.type = SDL_WINDOWEVENT;
    e.window.event = what;
    return e;
}
SDL_Event plain(Uint32 type) {
    SDL_Event e{};
    e.type = type;
    return e;
}
}  // namespace

TEST_CASE("Escape, Backspace and the Android back key go back", "[platform][input]") {
    CHECK(classifyEvent(key(SDL_SCANCODE_ESCAPE), false) == InputAction::Back);
    CHECK(classifyEvent(key(SDL_SCANCODE_BACKSPACE), false) == InputAction::Back);
    CHECK(classifyEvent(key(SDL_SCANCODE_AC_BACK), false) == InputAction::Back);
    CHECK(classifyEvent(key(SDL_SCANCODE_A), false) == InputAction::None);
}

TEST_CASE("while typing, Escape and Backspace belong to the text field", "[platform][input]") {
    CHECK(classifyEvent(key(SDL_SCANCODE_BACKSPACE), true) == InputAction::None);
    CHECK(classifyEvent(key(SDL_SCANCODE_ESCAPE), true) == InputAction::None);
    // The hardware back key still goes back.
    CHECK(classifyEvent(key(SDL_SCANCODE_AC_BACK), true) == InputAction::Back);
}

TEST_CASE("a held key does not unwind the whole app", "[platform][input]") {
    CHECK(classifyEvent(key(SDL_SCANCODE_ESCAPE, true), false) == InputAction::None);
    CHECK(classifyEvent(key(SDL_SCANCODE_AC_BACK, true), false) == InputAction::None);
}

TEST_CASE("background, minimize and focus loss suspend; quit quits", "[platform][input]") {
    CHECK(classifyEvent(plain(SDL_APP_WILLENTERBACKGROUND), false) == InputAction::Suspend);
    CHECK(classifyEvent(plain(SDL_APP_DIDENTERBACKGROUND), false) == InputAction::Suspend);
    CHECK(classifyEvent(window(SDL_WINDOWEVENT_MINIMIZED), false) == InputAction::Suspend);
    CHECK(classifyEvent(window(SDL_WINDOWEVENT_FOCUS_LOST), false) == InputAction::Suspend);
    CHECK(classifyEvent(window(SDL_WINDOWEVENT_HIDDEN), false) == InputAction::Hidden);
    CHECK(classifyEvent(window(SDL_WINDOWEVENT_RESTORED), false) == InputAction::Shown);
    CHECK(classifyEvent(plain(SDL_APP_DIDENTERFOREGROUND), false) == InputAction::Shown);
    CHECK(classifyEvent(plain(SDL_QUIT), false) == InputAction::Quit);
    CHECK(classifyEvent(plain(SDL_APP_TERMINATING), false) == InputAction::Quit);
    CHECK(classifyEvent(window(SDL_WINDOWEVENT_CLOSE), false) == InputAction::Quit);
}

TEST_CASE("only events that can change the picture wake the UI", "[platform][input]") {
    CHECK(wakesUi(plain(SDL_MOUSEBUTTONDOWN)));
    CHECK(wakesUi(plain(SDL_FINGERMOTION)));
    CHECK(wakesUi(key(SDL_SCANCODE_A)));
    CHECK(wakesUi(window(SDL_WINDOWEVENT_SIZE_CHANGED)));
    CHECK_FALSE(wakesUi(window(SDL_WINDOWEVENT_MOVED)));
    CHECK_FALSE(wakesUi(plain(SDL_AUDIODEVICEADDED)));
    CHECK_FALSE(wakesUi(plain(SDL_APP_LOWMEMORY)));
}
