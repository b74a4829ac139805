// The command line: lint, play, list, show, and the journal's export,
// import and journal check. Pure C++ over the engine; the
// executable's main() passes in the streams, the folders and the clock, so
// tests run every command in-process.
#pragma once

#include <cstdint>
#include <functional>
#include <iosfwd>
#include <string>

namespace unknot {

struct CliEnv {
    std::string exeDir;   // the folder holding the executable
    std::string prefDir;  // the user's data folder (SDL_GetPrefPath), may be ""
    std::istream* in = nullptr;
    std::ostream* out = nullptr;
    std::ostream* err = nullptr;
    // Real clock for `play --clock real` (ms, monotonic) and a way to wait.
    std::function<std::int64_t()> nowMs;
    std::function<void(std::int64_t)> sleepMs;
    // Wall-clock time (Unix ms, UTC) for the journal commands: an export's
    // "exported_at", the name of a file moved aside. Empty: the system clock.
    std::function<std::int64_t()> wallMs;
};

// True when argv names a command-line command (lint, play, list, show,
// export, import, journal, --help, --version) rather than the window app.
bool isCliInvocation(int argc, const char* const* argv);

// Runs a command; returns the exit status (0 ok, 1 content errors, not found
// or journal problems, 2 bad usage or a file that cannot be read or written).
int runCli(int argc, const char* const* argv, const CliEnv& env);

}  // namespace unknot
