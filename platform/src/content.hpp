// Content: loading the library the app shows, and --watch (reload when a
// content file changes).
#pragma once

#include "unknot/files.hpp"
#include "unknot/model.hpp"

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace unknot::platform {

// The library: the default set (bundled content + the user's packs) or the
// --content paths instead. The one place the shell loads content, so moving it
// to a shared authoring function is one call.
Library loadContent(const std::vector<std::string>& contentPaths, const std::string& dataDir,
                    const std::string& prefDir, const FileSource& files);

// --watch: every regular file under the content folders, with its size and
// time of last change; a change in any means a reload. Polled (twice a second
// by the loop: a handful of stat calls), which works on every file system and
// needs no inotify, FSEvents or platform code.
class ContentWatch {
public:
    // What to watch: the --content paths, else the bundled content and the
    // user's packs.
    ContentWatch(const std::vector<std::string>& contentPaths, const std::string& dataDir, const std::string& prefDir);
    // True (once per change) when a file was added, removed or changed.
    bool changed();

private:
    struct FileStamp {
        std::string path;
        std::uintmax_t size = 0;
        std::filesystem::file_time_type mtime{};
        bool operator==(const FileStamp&) const = default;
    };
    std::vector<FileStamp> snapshot() const;

    std::vector<std::string> roots_;
    std::vector<FileStamp> stamps_;
};

// A reload for --watch: a routine whose file now has an error keeps its last
// good version from `old` while the author fixes it (the card being edited
// stays open under the error overlay instead of closing at each typo). Says
// on stderr what was reloaded and which errors there are.
void keepBrokenRoutines(Library& next, const Library& old);

}  // namespace unknot::platform
