// The web shell: what runner.cpp (runApp, shared with the desktop) calls when
// it is built with emscripten. Everything else about the page lives beside
// this file (see platform/web/README.md).
//
// [SECTION] The runner (the browser's main loop)
// [SECTION] Services (vibration, the screen wake lock, the voice)
// [SECTION] The journal (IndexedDB copy after every commit)
#pragma once

#include "unknot/journal.hpp"
#include "unknot/model.hpp"
#include "unknot/platform/runner.hpp"
#include "unknot/session/services.hpp"

#include <memory>

namespace unknot::platform {

struct LoopContext;

//-----------------------------------------------------------------------------
// [SECTION] The runner
//-----------------------------------------------------------------------------
// A runner whose run() hands the frames to the browser
// (emscripten_set_main_loop) and returns at once: runApp's objects must then
// outlive main() (runApp keeps them on the heap for the page's lifetime).
std::unique_ptr<AbstractRunner> makeWebRunner(const LoopContext& context, const Library* library);

//-----------------------------------------------------------------------------
// [SECTION] Services
//-----------------------------------------------------------------------------
// navigator.vibrate (absent: available() is false, and Settings says this
// device cannot vibrate) and the Screen Wake Lock (kept while a session runs).
Haptics& webHaptics();
Lifecycle& webLifecycle();
// The browser's speechSynthesis (web_speech.cpp): a voice for the session's
// language where the device has one (none: available() is false and Settings
// says so; the tones still guide). Words start on the session clock and
// stopAll() silences them (a paused session is silent).
Speech& webSpeech();
// The Notifications API (web_notifier.cpp): the daily reminder, with the
// person's permission, while the page is open.
Notifier& webNotifier();
// The card's "Save as audio" (web_routine_audio.cpp): a .wav handed to the
// browser's downloads.
RoutineAudio& webRoutineAudio();
// A phone or tablet (a touch screen, coarse pointer): haptics default to on.
bool webIsMobile();

//-----------------------------------------------------------------------------
// [SECTION] The journal
//-----------------------------------------------------------------------------
// The journal's folder is an IDBFS mount (platform/web/pre.js): SQLite writes
// to memory and every committed write starts a copy to IndexedDB. The frames
// are held while a copy runs (see frame.hpp, holdPixels).
void attachWebJournal(Journal& journal);

}  // namespace unknot::platform
