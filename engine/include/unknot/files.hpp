// Files: how the engine reads content. The engine never opens files itself; it
// asks a FileSource, so the app can read through SDL_RWops (folders, an Android
// APK, an iOS bundle) while the command line and tests read the disk directly.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace unknot {

class FileSource {
public:
    virtual ~FileSource() = default;
    enum class Type { Missing, File, Directory };
    virtual Type type(const std::string& path) const = 0;
    // Names (not paths) of the entries of a folder, sorted. Empty if none.
    virtual std::vector<std::string> list(const std::string& dir) const = 0;
    // Reads at most maxBytes + 1 bytes, so callers can tell "too big" without
    // reading a huge file whole. nullopt on an error, with `error` set.
    virtual std::optional<std::string> read(const std::string& path, std::size_t maxBytes,
                                            std::string& error) const = 0;
    // Whether `path`, an entry found inside folder `root`, still resolves
    // inside it once symbolic links are followed: a shared pack may hold a
    // link to any file of the person who opens it. Sources without links
    // (memory, an APK) keep this default.
    virtual bool staysInside(const std::string& path, const std::string& root) const {
        (void)path;
        (void)root;
        return true;
    }
};

// The plain disk, through std::filesystem and std::ifstream.
class DiskFileSource final : public FileSource {
public:
    Type type(const std::string& path) const override;
    std::vector<std::string> list(const std::string& dir) const override;
    std::optional<std::string> read(const std::string& path, std::size_t maxBytes,
                                    std::string& error) const override;
    bool staysInside(const std::string& path, const std::string& root) const override;
};

// Joins two path parts with a single '/'.
std::string joinPath(const std::string& a, const std::string& b);

}  // namespace unknot
