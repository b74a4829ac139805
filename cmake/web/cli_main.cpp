// The command line built to WebAssembly and run under node: `unknot lint`,
// `play`, `list`, `show` and the journal commands, through the same
// unknot::runCli as the desktop executable (platform/main.cpp), so their
// output can be compared byte for byte.
//
// [SECTION] Folders: where the packed content is, and the user's data folder
// [SECTION] main
//
// The repository has no command-line executable without the window app (the
// `unknot` executable needs SDL2 and ImGui), so the web build has this small
// entry of its own. Without SDL, the folders are found here: the bundled
// content is packed into unknot.data at /unknot/share/unknot/content, so
// exeDir is /unknot/bin and the engine's "<exe>/../share/unknot" rule finds
// it; the host's own folders are mounted at their own paths by cli_pre.js.
#include "unknot/audio/espeak_voice.hpp"
#include "unknot/cli.hpp"

#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <iostream>
#include <string>
#include <thread>

//-----------------------------------------------------------------------------
// [SECTION] Folders
//-----------------------------------------------------------------------------
namespace {

// Where --preload-file put the content: see cmake/web/cli/CMakeLists.txt.
constexpr const char* kExeDir = "/unknot/bin";

// The folder SDL_GetPrefPath("Unknot", "unknot") names on Linux, so the wasm
// command line finds the same journal as the desktop one. cli_pre.js copies
// node's environment into the program's, so getenv sees the real HOME.
std::string prefDir() {
    if (const char* xdg = std::getenv("XDG_DATA_HOME"); xdg && *xdg) return std::string(xdg) + "/Unknot/unknot";
    if (const char* home = std::getenv("HOME"); home && *home) return std::string(home) + "/.local/share/Unknot/unknot";
    return {};
}

std::int64_t steadyMs() {
    return static_cast<std::int64_t>(
        std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now().time_since_epoch())
            .count());
}

}  // namespace

//-----------------------------------------------------------------------------
// [SECTION] main
//-----------------------------------------------------------------------------
int main(int argc, char* argv[]) {
#ifdef UNKNOT_ESPEAK_DATA_PARENT
    // The host's espeak-ng-data, where the desktop's espeak-ng finds it.
    unknot::audio::EspeakVoice::instance().setDataFolder(UNKNOT_ESPEAK_DATA_PARENT);
#endif
    unknot::CliEnv env;
    env.exeDir = kExeDir;
    env.prefDir = prefDir();
    env.in = &std::cin;
    env.out = &std::cout;
    env.err = &std::cerr;
    env.nowMs = steadyMs;
    // Without threads this busy-waits, which only `play --clock real` uses.
    env.sleepMs = [](std::int64_t ms) {
        if (ms > 0) std::this_thread::sleep_for(std::chrono::milliseconds(ms));
    };
    const int status = unknot::runCli(argc, argv, env);
    std::cout.flush();
    std::cerr.flush();
    return status;
}
