// Setup: SDL and Dear ImGui started and stopped in the right order (RAII, so
// every early return of the runner tears down correctly), the font file, the
// device's language, and the no-display message.
#pragma once

#include "unknot/files.hpp"

#include <string>

namespace unknot::platform {

// What to do without a display (stderr): the command line works.
void printNoDisplay(const std::string& why);

// SDL_Init(video) with the shell's hints; `ok` false (and `error` set) when
// there is no display, including SDL's silent "offscreen" fallback.
struct SdlSession {
    bool ok = false;
    explicit SdlSession(std::string& error);
    SdlSession(const SdlSession&) = delete;
    SdlSession& operator=(const SdlSession&) = delete;
    ~SdlSession();
};

// Dear ImGui's context and its SDL backends (set `platform` and `renderer`
// once each backend started, so only those are shut down).
struct ImGuiSession {
    bool platform = false, renderer = false;
    ImGuiSession();
    ImGuiSession(const ImGuiSession&) = delete;
    ImGuiSession& operator=(const ImGuiSession&) = delete;
    ~ImGuiSession();
};

// The device's first preferred language the UI has ("fr", "en"), else English.
std::string preferredLanguage();

// The TrueType font's bytes; "" (and `problem` set) when it is missing.
std::string readFont(const FileSource& files, const std::string& dataDir, std::string& problem);

}  // namespace unknot::platform
