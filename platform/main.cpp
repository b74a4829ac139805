// unknot: one executable for the command line and the window app.
//
// [SECTION] Folders (exe and preferences), found without SDL_Init
// [SECTION] main: the command line if argv names a command, else the window
//
// The command line must work on a machine without a display (CI, a server,
// a terminal over ssh), so it never initializes SDL's video; SDL_GetBasePath
// and SDL_GetPrefPath work without SDL_Init.
#include "unknot/cli.hpp"
#include "unknot/platform/shell.hpp"

#include <SDL.h>

#include <chrono>
#include <filesystem>
#include <iostream>
#include <string>
#include <thread>

//-----------------------------------------------------------------------------
// [SECTION] Folders
//-----------------------------------------------------------------------------
namespace {

std::string stripSlash(std::string s) {
    while (s.size() > 1 && (s.back() == '/' || s.back() == '\\')) s.pop_back();
    return s;
}

// The folder holding the executable: SDL_GetBasePath, else /proc/self/exe.
// "" on Android, where the data is in the APK (see docs/porting.md).
std::string exeDir() {
#ifdef __ANDROID__
    // The data is in the APK's assets, which SDL_RWops opens by relative path;
    // /proc/self/exe would name app_process, not us.
    return {};
#else
    if (char* base = SDL_GetBasePath()) {
        std::string dir = stripSlash(base);
        SDL_free(base);
        return dir;
    }
    std::error_code ec;
    const auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
    return ec ? std::string() : exe.parent_path().string();
#endif
}

// The user's writable folder (journal, own packs); "" if the OS gives none.
std::string prefDir() {
    if (char* pref = SDL_GetPrefPath("Unknot", "unknot")) {
        std::string dir = stripSlash(pref);
        SDL_free(pref);
        return dir;
    }
    return {};
}

}  // namespace

//-----------------------------------------------------------------------------
// [SECTION] main
//-----------------------------------------------------------------------------
// SDL_main.h renames main to SDL_main on Android and iOS, where SDL's own
// entry point calls it; on desktops this is the real main.
int main(int argc, char* argv[]) {
    if (unknot::isCliInvocation(argc, argv)) {
        unknot::CliEnv env;
        env.exeDir = exeDir();
        env.prefDir = prefDir();
        env.in = &std::cin;
        env.out = &std::cout;
        env.err = &std::cerr;
        env.nowMs = [] {
            return static_cast<std::int64_t>(std::chrono::duration_cast<std::chrono::milliseconds>(
                                                 std::chrono::steady_clock::now().time_since_epoch())
                                                 .count());
        };
        env.sleepMs = [](std::int64_t ms) {
            if (ms > 0) std::this_thread::sleep_for(std::chrono::milliseconds(ms));
        };
        return unknot::runCli(argc, argv, env);
    }

    unknot::platform::AppOptions options;
    const int status = unknot::platform::parseAppOptions(argc, argv, options, std::cout, std::cerr);
    if (status >= 0) return status;
    return unknot::platform::runApp(options, {exeDir(), prefDir()});
}
