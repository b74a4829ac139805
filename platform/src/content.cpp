// Content loading and --watch (see content.hpp).
#include "content.hpp"

#include "unknot/diagnostics.hpp"
#include "unknot/loader.hpp"
#include "unknot/paths.hpp"

#include <algorithm>
#include <iostream>

namespace unknot::platform {

Library loadContent(const std::vector<std::string>& contentPaths, const std::string& dataDir,
                    const std::string& prefDir, const FileSource& files) {
    // One rule for "the content the user asked for", shared with the command
    // line (engine/authoring, paths.hpp).
    return loadRequestedContent(dataDir, prefDir, contentPaths, files);
}

ContentWatch::ContentWatch(const std::vector<std::string>& contentPaths, const std::string& dataDir,
                           const std::string& prefDir)
    : roots_(contentPaths) {
    if (roots_.empty()) {
        if (!dataDir.empty()) roots_.push_back(joinPath(dataDir, "content"));
        if (!prefDir.empty()) roots_.push_back(joinPath(prefDir, "packs"));
    }
    stamps_ = snapshot();
}

bool ContentWatch::changed() {
    std::vector<FileStamp> now = snapshot();
    if (now == stamps_) return false;
    stamps_ = std::move(now);
    return true;
}

std::vector<ContentWatch::FileStamp> ContentWatch::snapshot() const {
    namespace fs = std::filesystem;
    std::vector<FileStamp> out;
    for (const std::string& root : roots_) {
        std::error_code ec;
        if (fs::is_regular_file(root, ec)) {
            out.push_back({root, fs::file_size(root, ec), fs::last_write_time(root, ec)});
            continue;
        }
        // Bounded: a folder of 100,000 files is not content, and must not
        // turn a poll into a stall.
        for (auto it = fs::recursive_directory_iterator(root, fs::directory_options::skip_permission_denied, ec);
             !ec && it != fs::recursive_directory_iterator() && out.size() < 20000; it.increment(ec)) {
            std::error_code e2;
            if (!it->is_regular_file(e2)) continue;
            out.push_back({it->path().string(), it->file_size(e2), it->last_write_time(e2)});
        }
    }
    std::sort(out.begin(), out.end(), [](const FileStamp& a, const FileStamp& b) { return a.path < b.path; });
    return out;
}

void keepBrokenRoutines(Library& next, const Library& old) {
    for (const Routine& r : old.routines) {
        if (next.findRoutine(r.id)) continue;
        const bool broken = std::any_of(next.diagnostics.begin(), next.diagnostics.end(), [&](const Diagnostic& d) {
            return d.severity == Severity::Error && d.path == r.path;
        });
        if (broken) next.routines.push_back(r);
    }
    std::sort(next.routines.begin(), next.routines.end(),
              [](const Routine& a, const Routine& b) { return a.id < b.id; });
    std::cerr << "unknot: content reloaded (" << next.routines.size() << " routines, " << countErrors(next.diagnostics)
              << " errors)\n";
    for (const Diagnostic& d : next.diagnostics)
        if (d.severity == Severity::Error) std::cerr << "  " << formatDiagnosticShort(d) << "\n";
}

}  // namespace unknot::platform
