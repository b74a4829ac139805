// A FileSource held in memory, for the fuzz harnesses: the fuzzer's input is
// served as one routine file of a pack, so each run parses exactly the bytes
// the fuzzer chose, with no disk I/O (fast, and nothing left behind).
//
// [SECTION] MemoryFileSource
// [SECTION] The fuzz pack: vocabularies, pack.yaml, one image, the input
#pragma once

#include "unknot/files.hpp"
#include "unknot/loader.hpp"

#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>

namespace fuzzing {

//-----------------------------------------------------------------------------
// [SECTION] MemoryFileSource
//-----------------------------------------------------------------------------
class MemoryFileSource final : public unknot::FileSource {
public:
    void add(const std::string& path, std::string data) {
        files_[path] = std::move(data);
        // Every parent of a file is a folder.
        for (auto at = path.rfind('/'); at != std::string::npos && at > 0; at = path.rfind('/', at - 1))
            dirs_.insert(path.substr(0, at));
    }
    Type type(const std::string& path) const override {
        if (files_.count(path)) return Type::File;
        if (dirs_.count(path)) return Type::Directory;
        return Type::Missing;
    }
    using unknot::FileSource::list;
    std::optional<std::vector<std::string>> list(const std::string& dir, std::string& error) const override {
        if (!dirs_.count(dir)) {
            error = "cannot list folder: no such folder";
            return std::nullopt;
        }
        std::set<std::string> names;
        std::string prefix = dir + "/";
        auto collect = [&](const std::string& p) {
            if (p.rfind(prefix, 0) != 0) return;
            std::string rest = p.substr(prefix.size());
            names.insert(rest.substr(0, rest.find('/')));
        };
        for (const auto& [p, d] : files_) collect(p);
        for (const auto& p : dirs_) collect(p);
        return std::vector<std::string>(names.begin(), names.end());
    }
    std::optional<std::string> read(const std::string& path, std::size_t maxBytes, std::string& error) const override {
        auto it = files_.find(path);
        if (it == files_.end()) {
            error = dirs_.count(path) ? "is a folder, not a file" : "cannot open file";
            return std::nullopt;
        }
        // Same contract as the disk: at most maxBytes + 1 bytes.
        return it->second.substr(0, maxBytes + 1);
    }

private:
    std::map<std::string, std::string> files_;
    std::set<std::string> dirs_;
};

//-----------------------------------------------------------------------------
// [SECTION] The fuzz pack
//-----------------------------------------------------------------------------
inline std::string readDisk(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

// The real vocabularies (read once), a valid pack.yaml in both languages, one
// image that exists, and `routine` as pack/routines/fuzz.yaml.
inline unknot::Library loadFuzzRoutine(const std::string& routine) {
    static const std::string areas = readDisk(std::string(UNKNOT_SOURCE_DIR) + "/content/areas.yaml");
    static const std::string equipment = readDisk(std::string(UNKNOT_SOURCE_DIR) + "/content/equipment.yaml");
    MemoryFileSource files;
    files.add("vocab/areas.yaml", areas);
    files.add("vocab/equipment.yaml", equipment);
    files.add("pack/pack.yaml",
              "format: 1\nid: fuzz\ntitle: {en: Fuzz, fr: Fuzz}\nversion: 1.0.0\nlanguages: [en, fr]\n");
    files.add("pack/images/a.png", "\x89PNG");
    files.add("pack/routines/fuzz.yaml", routine);
    unknot::LoadOptions o;
    o.vocabularyDir = "vocab";
    o.paths = {"pack"};
    return unknot::loadLibrary(o, files);
}

}  // namespace fuzzing
