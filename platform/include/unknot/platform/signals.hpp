// Quitting on SIGTERM and SIGINT, from wherever the window app is.
//
// [SECTION] The rule
// [SECTION] Installing and asking
// [SECTION] Waking SDL's event loop
//
//-----------------------------------------------------------------------------
// [SECTION] The rule
//-----------------------------------------------------------------------------
// SIGTERM or SIGINT ends the window app within a second, at any moment
// (start-up, a content load blocked in open() on a FIFO or a dead mount, the
// loop, a screenshot being rendered), with exit status 128 + the signal's
// number (143 for SIGTERM, 130 for SIGINT), like a shell reports a process
// ended by a signal.
//
// - The handler only sets a flag and writes one byte to a pipe (both
//   async-signal-safe).
// - A watcher thread reads the pipe: it pushes SDL_QUIT into SDL's queue when
//   the queue is up (which wakes SDL_WaitEvent), so the loop ends the ordinary
//   way: the App saves what it holds (a typed note, a retry of pending
//   journal writes) and the journal closes.
// - The main thread also polls quitSignal() where it may wait (the content
//   and journal loads) and between screenshot frames, and walks away from a
//   loader thread that is stuck.
// - Watchdog: if the process is still alive kQuitGraceMs after the signal, the
//   watcher calls _exit(128 + signal). The journal commits every write before
//   it returns (SQLite, synchronous=FULL), so nothing committed is lost.
// - A second SIGTERM or SIGINT exits at once (_exit from the handler).
//
// A signal that was ignored when the app started (SIG_IGN inherited: a
// shell's background job ignores SIGINT, nohup) stays ignored, as SDL would
// leave it.
//
// SDL installs its own SIGINT/SIGTERM handlers only where none is set; this
// one is installed before SDL_Init and SDL_HINT_NO_SIGNAL_HANDLERS is set, so
// SDL leaves it alone.
#pragma once

#include <functional>

namespace unknot::platform {

//-----------------------------------------------------------------------------
// [SECTION] Installing and asking
//-----------------------------------------------------------------------------
inline constexpr int kQuitGraceMs = 500;

// Installs the handlers and starts the watcher (once; later calls do nothing).
// `graceMs`: how long after a signal the watchdog waits before _exit.
void installQuitSignals(int graceMs = kQuitGraceMs);
// 0, or the number of the first quit signal received.
int quitSignal();
// The exit status for a quit by signal: 128 + quitSignal(), or `otherwise`
// when no signal came.
int quitStatus(int otherwise);

//-----------------------------------------------------------------------------
// [SECTION] Waking SDL's event loop
//-----------------------------------------------------------------------------
// While set, the watcher calls `wake` (from its own thread) once a signal came;
// if one came already, it is called at once. Cleared (nullptr) before SDL_Quit.
// The call and the change are serialized, so `wake` never runs after clearing.
void setQuitWaker(std::function<void()> wake);

}  // namespace unknot::platform
