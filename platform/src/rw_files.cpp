// RwFileSource: reading through SDL_RWops, listing through std::filesystem or
// files.txt manifests (see rw_files.hpp).
//
// [SECTION] Manifests
// [SECTION] Type and listing
// [SECTION] Reading
#include "unknot/platform/rw_files.hpp"

#include <SDL.h>

#include <algorithm>
#include <filesystem>
#include <sstream>
#include <system_error>

namespace unknot::platform {

namespace fs = std::filesystem;

//-----------------------------------------------------------------------------
// [SECTION] Manifests
//-----------------------------------------------------------------------------
std::vector<std::string> parseManifest(const std::string& text) {
    std::vector<std::string> names;
    std::istringstream in(text);
    std::string line;
    while (std::getline(in, line)) {
        // Manifests written on Windows end lines with "\r\n".
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (line.empty() || line == kManifestName) continue;
        names.push_back(line);
    }
    std::sort(names.begin(), names.end());
    names.erase(std::unique(names.begin(), names.end()), names.end());
    return names;
}

namespace {

// A manifest is a few hundred bytes; 1 MiB is generous and still bounded.
constexpr std::size_t kMaxManifestBytes = 1024 * 1024;

std::optional<std::vector<std::string>> readManifest(const RwFileSource& self, const std::string& dir) {
    std::string error;
    auto text = self.read(joinPath(dir, kManifestName), kMaxManifestBytes, error);
    if (!text || text->size() > kMaxManifestBytes) return std::nullopt;
    return parseManifest(*text);
}

// True when std::filesystem can see `path` at all (desktop, iOS bundle). On
// Android, relative paths name APK assets, which it cannot see.
bool onDisk(const std::string& path, fs::file_status& st) {
    std::error_code ec;
    st = fs::status(path.empty() ? "." : path, ec);
    return !ec && fs::exists(st);
}

}  // namespace

//-----------------------------------------------------------------------------
// [SECTION] Type and listing
//-----------------------------------------------------------------------------
FileSource::Type RwFileSource::type(const std::string& path) const {
    fs::file_status st;
    if (onDisk(path, st)) {
        if (fs::is_directory(st)) return Type::Directory;
        return Type::File;
    }
    // Not on disk: a folder if it has a manifest, a file if SDL can open it.
    if (readManifest(*this, path)) return Type::Directory;
    if (SDL_RWops* rw = SDL_RWFromFile(path.c_str(), "rb")) {
        SDL_RWclose(rw);
        return Type::File;
    }
    return Type::Missing;
}

std::optional<std::vector<std::string>> RwFileSource::list(const std::string& dir, std::string& error) const {
    fs::file_status st;
    if (onDisk(dir, st)) {
        if (!fs::is_directory(st)) {
            error = "cannot list folder: it is not a folder";
            return std::nullopt;
        }
        std::vector<std::string> names;
        std::error_code ec;
        fs::directory_iterator it(dir.empty() ? "." : dir, ec), end;
        for (; !ec && it != end; it.increment(ec)) {
            std::string name = it->path().filename().string();
            if (name != kManifestName) names.push_back(std::move(name));
        }
        if (ec) {
            // An unreadable folder is a problem to report, never "no entries".
            error = "cannot list folder: " + ec.message();
            return std::nullopt;
        }
        std::sort(names.begin(), names.end());
        return names;
    }
    auto names = readManifest(*this, dir);
    if (!names) {
        error = "cannot list folder: it does not exist, and has no " + std::string(kManifestName) + " manifest";
        return std::nullopt;
    }
    // The interface wants names; folders lose the manifest's trailing '/'.
    for (std::string& n : *names)
        if (!n.empty() && n.back() == '/') n.pop_back();
    std::sort(names->begin(), names->end());
    return *names;
}

//-----------------------------------------------------------------------------
// [SECTION] Reading
//-----------------------------------------------------------------------------
std::optional<std::string> RwFileSource::read(const std::string& path, std::size_t maxBytes, std::string& error) const {
    // glibc's fopen() happily opens a folder and only fails on read; say so
    // plainly instead of "Error reading from datastream".
    // On a disk (desktops, an iOS bundle) read the way the engine does:
    // regular files only, opened without blocking. SDL_RWFromFile would
    // wait forever on a FIFO and read a device as if it were content.
    fs::file_status st;
    std::error_code ec;
    if (onDisk(path, st) || fs::is_symlink(fs::symlink_status(path, ec))) {
        auto data = readRegularFile(path, maxBytes, error);
        if (!data) error = path + ": " + error;
        return data;
    }
    SDL_RWops* rw = SDL_RWFromFile(path.c_str(), "rb");
    if (!rw) {
        error = path + ": cannot open: " + SDL_GetError();
        return std::nullopt;
    }
    // Read at most maxBytes + 1, in chunks: the size SDL reports may be -1
    // (unknown) for some streams, and a hostile file may be huge.
    std::string data;
    SDL_ClearError();  // so an error seen below is this read's, not a stale one
    const std::size_t limit = maxBytes + 1;
    char buf[16384];
    while (data.size() < limit) {
        const std::size_t want = std::min(sizeof buf, limit - data.size());
        const std::size_t got = SDL_RWread(rw, buf, 1, want);
        if (got == 0) {
            // 0 is both end of file and an error; SDL sets an error only for the latter.
            const char* e = SDL_GetError();
            if (e && *e) {
                error = path + ": cannot read: " + e;
                SDL_RWclose(rw);
                return std::nullopt;
            }
            break;
        }
        data.append(buf, got);
    }
    SDL_RWclose(rw);
    return data;
}

}  // namespace unknot::platform
