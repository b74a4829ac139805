// Setup: SDL, Dear ImGui, the font file, the language (see setup.hpp).
#include "setup.hpp"

#include "unknot/paths.hpp"
#include "unknot/platform/signals.hpp"

#include <SDL.h>
#include <imgui.h>
#include <imgui_impl_sdl.h>
#include <imgui_impl_sdlrenderer.h>

#include <iostream>

namespace unknot::platform {

void printNoDisplay(const std::string& why) {
    std::cerr << "unknot: the window app needs a display, and none could be opened.\n"
              << "  (" << why << ")\n"
              << "The command line works without one:\n"
              << "  unknot --help\n"
              << "  unknot list\n"
              << "  unknot play ID --clock virtual\n";
}

SdlSession::SdlSession(std::string& error) {
    // SDL keeps the screen on while any window exists unless told
    // otherwise; the app decides (SdlLifecycle, only during a session).
    SDL_SetHint(SDL_HINT_VIDEO_ALLOW_SCREENSAVER, "1");
    // Android's back key arrives as SDL_SCANCODE_AC_BACK instead of
    // closing the activity.
    SDL_SetHint(SDL_HINT_ANDROID_TRAP_BACK_BUTTON, "1");
    // SIGINT and SIGTERM are ours (signals.hpp): SDL would only turn
    // them into SDL_QUIT where no handler is set, and ours already is.
    SDL_SetHint(SDL_HINT_NO_SIGNAL_HANDLERS, "1");
    ok = SDL_Init(SDL_INIT_VIDEO | SDL_INIT_EVENTS) == 0;
    if (!ok) error = std::string("SDL_Init(video) failed: ") + SDL_GetError();
    // With no display, SDL 2.26 quietly falls back to its "offscreen"
    // driver: a window nobody can see or touch. Unless that driver was
    // asked for by name, it means there is no display.
    const char* driver = ok ? SDL_GetCurrentVideoDriver() : nullptr;
    const char* asked = SDL_getenv("SDL_VIDEODRIVER");
    if (driver && (std::string(driver) == "offscreen" || std::string(driver) == "dummy") &&
        !(asked && std::string(asked) == driver)) {
        error = std::string("only SDL's ") + driver + " video driver is available";
        SDL_Quit();
        ok = false;
    }
    // A quit signal wakes the loop from SDL_WaitEvent as a window close would.
    if (ok)
        setQuitWaker([] {
            SDL_Event quit{};
            quit.type = SDL_QUIT;
            SDL_PushEvent(&quit);
        });
}

SdlSession::~SdlSession() {
    if (!ok) return;
    setQuitWaker(nullptr);  // before SDL_Quit: the watcher never pushes into a dead queue
    SDL_Quit();
}

ImGuiSession::ImGuiSession() {
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    // No imgui.ini or log files dropped in whatever folder we run from.
    io.IniFilename = nullptr;
    io.LogFilename = nullptr;
}

ImGuiSession::~ImGuiSession() {
    if (renderer) ImGui_ImplSDLRenderer_Shutdown();
    if (platform) ImGui_ImplSDL2_Shutdown();
    ImGui::DestroyContext();
}

std::string preferredLanguage() {
    std::string lang = "en";
    if (SDL_Locale* locales = SDL_GetPreferredLocales()) {
        for (const SDL_Locale* l = locales; l->language; ++l) {
            const std::string code = l->language;
            if (code == "fr" || code == "en") {
                lang = code;
                break;
            }
        }
        SDL_free(locales);
    }
    return lang;
}

std::string readFont(const FileSource& files, const std::string& dataDir, std::string& problem) {
    const std::string path = joinPath(joinPath(dataDir, "assets/fonts"), "DejaVuSans.ttf");
    constexpr std::size_t kMaxFontBytes = 8 * 1024 * 1024;
    std::string error;
    auto bytes = files.read(path, kMaxFontBytes, error);
    if (!bytes) {
        problem = error;
        return {};
    }
    if (bytes->size() > kMaxFontBytes) {
        problem = path + ": larger than 8 MiB, not loaded";
        return {};
    }
    return std::move(*bytes);
}

}  // namespace unknot::platform
