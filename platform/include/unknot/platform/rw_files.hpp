// RwFileSource: the engine's FileSource over SDL_RWops, so content and fonts
// load the same way from a folder, an Android APK or an iOS bundle.
//
// [SECTION] Why SDL_RWops, and how folders are listed
// [SECTION] RwFileSource
#pragma once

#include "unknot/files.hpp"

#include <optional>
#include <string>
#include <vector>

namespace unknot::platform {

//-----------------------------------------------------------------------------
// [SECTION] Why SDL_RWops
//-----------------------------------------------------------------------------
// SDL_RWFromFile opens plain files on desktops, the bundle on iOS and, for a
// relative path, the APK's assets/ on Android. It cannot list folders, so:
//  - where std::filesystem sees the folder (desktop, iOS bundle), it lists it;
//  - elsewhere (inside an APK) it reads the folder's `files.txt` manifest,
//    written at build time by cmake/UnknotManifest.cmake: one entry a line,
//    folders ending in '/'.
// The manifest never appears in a listing itself.
constexpr const char* kManifestName = "files.txt";

//-----------------------------------------------------------------------------
// [SECTION] RwFileSource
//-----------------------------------------------------------------------------
// Needs no SDL_Init (SDL_RWFromFile works before it). A path the disk can see
// is read with readRegularFile() (regular files only, opened without
// blocking); SDL_RWops serves the rest (APK assets), which holds no FIFOs.
class RwFileSource final : public FileSource {
public:
    using FileSource::list;
    Type type(const std::string& path) const override;
    // Fails (nullopt, `error` set) when the folder cannot be listed: missing,
    // not a folder, unreadable, or (outside the disk) without a manifest.
    std::optional<std::vector<std::string>> list(const std::string& dir, std::string& error) const override;
    std::optional<std::string> read(const std::string& path, std::size_t maxBytes, std::string& error) const override;
    // Where content is a real folder (desktops), a symbolic link out of a pack
    // is refused exactly as on the command line; inside an APK or a bundle
    // there are no links and the check passes.
    bool staysInside(const std::string& path, const std::string& root) const override {
        return DiskFileSource().staysInside(path, root);
    }
    std::string linkProblem(const std::string& path) const override { return DiskFileSource().linkProblem(path); }
};

// Parses a manifest's text into sorted entry names (folders keep their '/').
// Blank lines, '\r' and the manifest's own name are dropped.
std::vector<std::string> parseManifest(const std::string& text);

}  // namespace unknot::platform
