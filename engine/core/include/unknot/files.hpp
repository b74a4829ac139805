// Files: how the engine reads content. The engine never opens files itself; it
// asks a FileSource, so the app can read through SDL_RWops (folders, an Android
// APK, an iOS bundle) while the command line and tests read the disk directly.
//
// Every source reads regular files only: a FIFO, a device or a socket named
// like a content file is refused with "not a regular file (a FIFO)" and is
// never opened in a way that could block.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace unknot {

class FileSource {
public:
    virtual ~FileSource() = default;
    // File: anything that exists and is not a folder (read() refuses what is
    // not a regular file, and says what it is).
    enum class Type { Missing, File, Directory };
    virtual Type type(const std::string& path) const = 0;
    // Names (not paths) of the entries of a folder, sorted. nullopt when the
    // folder cannot be listed (missing, not a folder, no permission), with
    // `error` set: an unreadable folder is a problem, never "no entries".
    virtual std::optional<std::vector<std::string>> list(const std::string& dir, std::string& error) const = 0;
    // The same, empty when the folder cannot be listed.
    std::vector<std::string> list(const std::string& dir) const {
        std::string error;
        auto names = list(dir, error);
        return names ? std::move(*names) : std::vector<std::string>{};
    }
    // Reads at most maxBytes + 1 bytes, so callers can tell "too big" without
    // reading a huge file whole. nullopt on an error, with `error` set; only
    // regular files are read, and opening never blocks.
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
    // What is wrong with the symbolic links on the way to `path`, if anything:
    // "symbolic link loop", "broken symbolic link (its target does not
    // exist)"; empty when nothing is. Asked when staysInside() says no, so the
    // message names the real problem.
    virtual std::string linkProblem(const std::string& path) const {
        (void)path;
        return {};
    }
};

// The plain disk, through POSIX calls: open(O_NONBLOCK|O_CLOEXEC) then fstat,
// so a FIFO or a device is refused without waiting or reading.
class DiskFileSource final : public FileSource {
public:
    using FileSource::list;
    Type type(const std::string& path) const override;
    std::optional<std::vector<std::string>> list(const std::string& dir, std::string& error) const override;
    std::optional<std::string> read(const std::string& path, std::size_t maxBytes, std::string& error) const override;
    bool staysInside(const std::string& path, const std::string& root) const override;
    std::string linkProblem(const std::string& path) const override;
};

// Reads a regular file from the disk the safe way (see DiskFileSource): at
// most maxBytes + 1 bytes; anything but a regular file is refused with
// "not a regular file (a FIFO)" and the like. Shared with the app's source.
std::optional<std::string> readRegularFile(const std::string& path, std::size_t maxBytes, std::string& error);

// What a path is, when it is not a regular file or a folder: "a FIFO", "a
// character device", "a block device", "a socket"; empty otherwise (also when
// it does not exist). Follows symbolic links.
std::string specialFileKind(const std::string& path);

// What a file of this st_mode is, in words for a message: "" for a regular
// file, else "a symbolic link", "a folder", "a named pipe (FIFO)", "a
// character device", "a block device", "a socket". The one wording used by
// the loader, the journal and the shell.
std::string kindOfMode(unsigned mode);

// Joins two path parts with a single '/'.
std::string joinPath(const std::string& a, const std::string& b);

}  // namespace unknot
