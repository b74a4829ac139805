// Finding the bundled data relative to the executable.
#include "unknot/paths.hpp"

#include <filesystem>

namespace unknot {

std::vector<std::string> dataDirCandidates(const std::string& exeDir) {
    std::string base = exeDir.empty() ? "." : exeDir;
    // Lexically normalized: "<exe>/../share" must not depend on <exe> existing.
    auto norm = [](const std::string& p) {
        std::string s = std::filesystem::path(p).lexically_normal().generic_string();
        if (s.size() > 1 && s.back() == '/') s.pop_back();
        return s;
    };
    return {norm(joinPath(base, "../share/unknot")), norm(joinPath(base, "share/unknot")), norm(base)};
}

std::string findDataDir(const std::string& exeDir) {
    DiskFileSource disk;
    for (const auto& c : dataDirCandidates(exeDir))
        if (disk.type(joinPath(c, "content/areas.yaml")) == FileSource::Type::File) return c;
    return {};
}

LoadOptions defaultLoadOptions(const std::string& dataDir, const std::string& prefDir, const FileSource& files) {
    LoadOptions o;
    o.vocabularyDir = joinPath(dataDir, "content");
    o.paths.push_back(o.vocabularyDir);
    if (!prefDir.empty()) {
        std::string user = joinPath(prefDir, "packs");
        if (files.type(user) == FileSource::Type::Directory) o.paths.push_back(user);
    }
    return o;
}

Library loadRequestedContent(const std::string& dataDir, const std::string& prefDir,
                             const std::vector<std::string>& content, const FileSource& files) {
    LoadOptions o = defaultLoadOptions(dataDir, prefDir, files);
    if (!content.empty()) o.paths = content;
    return loadLibrary(o, files);
}

}  // namespace unknot
