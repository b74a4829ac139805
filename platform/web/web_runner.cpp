// The web runner (see web_runner.hpp).
//
// [SECTION] The page's calls (exported to JavaScript)
// [SECTION] Events
// [SECTION] One frame (and History's exports handed to the browser)
// [SECTION] Idle: the main loop paused until input or a timer
#include "web_runner.hpp"

#include "../src/clock.hpp"
#include "../src/frame.hpp"
#include "unknot/platform/input.hpp"
#include "unknot/platform/pacing.hpp"
#include "web_bridge.hpp"
#include "web_shell.hpp"
#include "web_state.hpp"

#include <emscripten.h>
#include <imgui.h>
#include <imgui_impl_sdl.h>

#include <filesystem>
#include <system_error>
#include <vector>

namespace unknot::platform {

namespace web {
State& state() {
    static State s;
    return s;
}
}  // namespace web

std::unique_ptr<AbstractRunner> makeWebRunner(const LoopContext& context, const Library* library) {
    return std::make_unique<WebRunner>(context, library);
}

//-----------------------------------------------------------------------------
// [SECTION] The page's calls
//-----------------------------------------------------------------------------
extern "C" {
EMSCRIPTEN_KEEPALIVE void unknot_web_wake() {
    if (WebRunner* r = web::state().runner) r->wake();
}
EMSCRIPTEN_KEEPALIVE int unknot_web_back() {
    WebRunner* r = web::state().runner;
    return r && r->back() ? 1 : 0;
}
EMSCRIPTEN_KEEPALIVE void unknot_web_visibility(int hidden) {
    if (WebRunner* r = web::state().runner) r->visibility(hidden != 0);
}
EMSCRIPTEN_KEEPALIVE void unknot_web_reminder() {
    if (WebRunner* r = web::state().runner) r->reminderDue();
}
EMSCRIPTEN_KEEPALIVE void unknot_web_content_changed() {
    if (WebRunner* r = web::state().runner) r->contentChanged();
}
EMSCRIPTEN_KEEPALIVE void unknot_web_synced(int ok) {
    if (web::state().syncsPending > 0) web::state().syncsPending--;
    web::state().syncFailed = ok == 0;
    if (WebRunner* r = web::state().runner) r->journalSynced(ok != 0);
}
}

WebRunner::WebRunner(const LoopContext& context, const Library* library) : c_(context), library_(library) {}

std::int64_t WebRunner::appMs() const { return (nowNs() - c_.originNs) / 1'000'000; }

void WebRunner::wake() {
    framesSinceInput_ = 0;
    if (paused_ && !hidden_) {
        paused_ = false;
        emscripten_resume_main_loop();
    }
}

bool WebRunner::back() {
    const bool handled = c_.app.goBack(appMs());
    wake();
    return handled;
}

// Hidden (another tab, the phone locked, the app switcher): a running session
// pauses at once, from here, since no frame runs while hidden (the browser
// stops requestAnimationFrame) and the events would wait until it is back.
void WebRunner::visibility(bool hidden) {
    if (hidden && !hidden_) callPhase(callbacks.onPause, appMs());
    if (!hidden && hidden_) callPhase(callbacks.onResume, appMs());
    hidden_ = hidden;
    if (!hidden) wake();
}

// A pack was added (pre.js wrote it to /data/packs): the shell's content
// watch loads everything again through the same lint and hands the library
// to the app (its problems show in the app).
void WebRunner::contentChanged() {
    if (c_.periodic) c_.periodic();
    wake();
}

void WebRunner::journalSynced(bool /*ok*/) {
    // A failed copy (quota) is told by the page; either way the screen moves on.
    wake();
}

//-----------------------------------------------------------------------------
// [SECTION] Events
//-----------------------------------------------------------------------------
void WebRunner::handle(const SDL_Event& e) {
    ImGui_ImplSDL2_ProcessEvent(&e);
    if (wakesUi(e)) framesSinceInput_ = 0;
    const std::int64_t now = appMs();
    // Focus loss pauses a session, as on the desktop; visibility is handled
    // by the page's own listener (visibility(), above).
    dispatchLifecycle(e, callbacks, now);
    switch (classifyEvent(e, ImGui::GetIO().WantTextInput)) {
    case InputAction::Back: c_.app.goBack(now); break;
    case InputAction::Shown: framesSinceInput_ = 0; break;
    case InputAction::Quit:  // a page is not quit from inside
    case InputAction::Suspend:
    case InputAction::Hidden:
    case InputAction::None: break;
    }
}

//-----------------------------------------------------------------------------
// [SECTION] One frame
//-----------------------------------------------------------------------------
void WebRunner::frame() {
    SDL_Event e;
    while (SDL_PollEvent(&e)) handle(e);
    c_.audio.update();
    if (hidden_) {
        sleepIfStill();
        return;
    }
    callPhase(callbacks.preNewFrame, appMs());
    const Size logical = c_.window.logicalSize();
    const float scale = pixelScale(logical, c_.renderer.outputSize());
    // Held from the frame in which a write commits (the journal's hook sets
    // the flag mid-frame) until IndexedDB has the copy.
    web::State& st = web::state();
    st.holdFrame = st.syncsPending > 0;
    const std::int64_t frameNs = nowNs();
    FrameInput in{(frameNs - c_.originNs) / 1'000'000, logical, scale, true};
    in.holdPixels = &st.holdFrame;
    c_.audio.beginFrame(frameNs);  // sound asked for in this frame is placed from frameNs
    const bool drawn = drawFrame(c_.app, c_.renderer, nullptr, in);
    c_.audio.beginFrame(0);
    afterDraw(drawn);
}

// After a frame: the page told what changed, the first frame marked, and
// audio opened (SDL's Web Audio starts on the first tap: browsers' rule).
void WebRunner::afterDraw(bool drawn) {
    if (drawn) {
        c_.renderer.present();
        web::frameDrawn();
    }
    ++framesSinceInput_;
    // What is said and published is what is on screen: a held frame (the
    // journal's copy in flight) is not shown yet, so "Session finished" and
    // the end screen's state wait for the copy, as its pixels do.
    if (drawn) announceAndPublish();
    if (framesSinceInput_ <= 1) offerExports();
    if (!shown_ && drawn) {
        shown_ = true;
        c_.window.show();
        web::firstFrameDrawn();
        c_.audio.open();
    }
    sleepIfStill();
}

void WebRunner::announceAndPublish() {
    const web::Snapshot now = web::snapshotOf(c_.app, library_);
    const web::Announcements a = web::announcementsFor(said_, now);
    if (!a.title.empty()) web::setDocumentTitle(a.title);
    for (const std::string& words : a.spoken) web::announce(words);
    said_ = now;
    std::string state = web::stateJson(now.screen, c_.app.hotspots(), c_.app.textLines());
    if (state != lastState_) {
        web::publishState(state);
        lastState_ = std::move(state);
    }
}

// History's Export writes unknot-journal-<time>.csv and .json into the data
// folder (the desktop's pref dir); in a page nobody can reach that folder, so
// right after a tap each such file is handed to the browser as a download and
// removed. Also the way out for a journal kept in memory (storage refused).
void WebRunner::offerExports() {
    std::error_code ec;
    std::vector<std::string> found;
    for (const auto& entry : std::filesystem::directory_iterator("/data", ec))
        if (entry.path().filename().string().rfind("unknot-journal-", 0) == 0) found.push_back(entry.path().string());
    for (const std::string& path : found) {
        web::offerDownload(path);
        std::filesystem::remove(path, ec);
    }
}

//-----------------------------------------------------------------------------
// [SECTION] The reminder's timer
//-----------------------------------------------------------------------------
void WebRunner::armReminder() {
    const std::int64_t at = c_.app.reminderAtWallMs();
    if (at == reminderArmed_) return;
    reminderArmed_ = at;
    web::reminderAt(at);
}

// The App shows it if it is due (and works out the next); the timer is set
// again, for the next one or, when the page timer fired early, for this one.
void WebRunner::reminderDue() {
    c_.app.tick(appMs());
    reminderArmed_ = -2;
    armReminder();
}

//-----------------------------------------------------------------------------
// [SECTION] Idle
//-----------------------------------------------------------------------------
// Nothing moves and nothing is being saved: no more frames until the page
// sees input (pre.js calls unknot_web_wake) or a sound ends (its device is
// then paused, as on the desktop).
void WebRunner::sleepIfStill() {
    armReminder();
    const bool visible = !hidden_;
    if (web::state().syncsPending > 0) return;
    if (visible && nextLoopStep(framesSinceInput_, c_.app.needsAnimation(), visible) != LoopStep::Block) return;
    const int audioLeft = c_.audio.update();
    if (audioLeft > 0) web::wakeAfter(audioLeft);
    paused_ = true;
    emscripten_pause_main_loop();
}

void WebRunner::frameThunk(void* self) { static_cast<WebRunner*>(self)->frame(); }

int WebRunner::run() {
    web::state().runner = this;
    callPhase(callbacks.postInit, appMs());
    // fps 0: the browser's requestAnimationFrame (the display's rate, none
    // while hidden); false: return now, the frames come from the browser.
    emscripten_set_main_loop_arg(&WebRunner::frameThunk, this, 0, 0);
    return 0;
}

}  // namespace unknot::platform
