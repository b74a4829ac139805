// The shell: the window app around engine/ui's App. Owns SDL, the event loop,
// the clock and the pacing; main() only parses options and calls runApp().
// The loop itself is a runner with named phases (runner.hpp); the files of
// the shell are listed in platform/README.md ("Files").
//
// [SECTION] Options (the window app's flags)
// [SECTION] Running
#pragma once

#include <cstddef>
#include <iosfwd>
#include <string>
#include <vector>

namespace unknot::platform {

//-----------------------------------------------------------------------------
// [SECTION] Options
//-----------------------------------------------------------------------------
// Limits on the options (each refused with a message and exit status 2):
// --size and --canvas at most 8192 px a side (16384x16384 took a minute and
// 4 GB to render); --screen names at most 256 characters, in the grammar of
// unknot::parseRoute (unknot/session/route.hpp), and the SECONDS of
// play:ID@SECONDS from 0 to 24 h (tighter than parseRoute's own limit).
inline constexpr int kMaxSizeSide = 8192;
inline constexpr std::size_t kMaxScreenChars = 256;
inline constexpr double kMaxScreenSeconds = 24.0 * 3600;

struct AppOptions {
    int width = 390, height = 844;     // logical pixels: a phone held upright
    std::string lang;                  // "" = the content's default ("en")
    std::vector<std::string> content;  // --content DIR...: instead of the default set
    std::string screen;                // open this screen first (a route: parseRoute)
    std::string screenshot;            // write a PNG of `screen` and exit
    int canvasW = 0, canvasH = 0;      // screenshot onto a larger canvas (tests)
    // Screenshot drawn the way the software renderer draws a session: the
    // screen 1 s earlier in full, then only what changed (tests compare it
    // with a full drawing: the two must be identical).
    bool viaPartial = false;
    std::string trace;     // append screen + hotspots when they change
    float fontPx = 20.0f;  // base font size, logical pixels (100% text size)
    // The journal file; "" = <pref dir>/journal.db (screenshots: in memory),
    // ":memory:" = in memory, nothing written.
    std::string journal;
    // Settings chosen on the command line (saved like a choice in Settings):
    // "" / 0 / false leave the saved value.
    std::string theme;    // light, dark, high-contrast, pure-black
    int textPercent = 0;  // kTextPercentMin..kTextPercentMax (session/settings.hpp)
    bool reducedMotion = false;
    // Content authors: reload content when its files change, keep the screen,
    // show errors in an overlay.
    bool watch = false;
    // Benchmarks (bench/run_app).
    bool exitAfterFirstFrame = false;
    double benchSeconds = 0;  // run this long, then print statistics
};

// Parses the window app's flags. Returns -1 to go on, or an exit status (0
// after --help, 2 after a bad flag, with a message on `err`).
int parseAppOptions(int argc, const char* const* argv, AppOptions& options, std::ostream& out, std::ostream& err);

//-----------------------------------------------------------------------------
// [SECTION] Running
//-----------------------------------------------------------------------------
struct AppPaths {
    std::string exeDir;   // may be "" (Android: data lives in the APK's assets)
    std::string prefDir;  // may be ""
};

// Runs the window app; returns the exit status (0 ok, 2 no display / bad
// screen / bad option, 1 failure writing a screenshot, 128 + N after signal N:
// 143 for SIGTERM, 130 for SIGINT; see signals.hpp).
int runApp(const AppOptions& options, const AppPaths& paths);

// Parses "WxH" (both 1..kMaxSizeSide); false on anything else (w, h untouched).
bool parseSize(const std::string& text, int& w, int& h);

}  // namespace unknot::platform
