// The loader: YAML packs in, a checked Library out.
//
// It never throws for bad content: every problem becomes a Diagnostic at the
// line and column of the node that caused it, and a broken routine is left
// out while the rest loads. loader_internal.hpp lists the files that read
// each part of the grammar; this one walks the paths given (packs, folders,
// single files) and holds the entry points.
//
// [SECTION] Walking the paths given
// [SECTION] Entry points
#include "figures.hpp"
#include "loader_internal.hpp"

#include <algorithm>
#include <map>
#include <set>

namespace unknot {
namespace loading {
namespace {

//-----------------------------------------------------------------------------
// [SECTION] Walking the paths given
//-----------------------------------------------------------------------------
struct Loader {
    const LoadOptions& opt;
    const FileSource& files;
    Library lib;
    std::vector<Parsed> parsed;
    std::set<std::string> seenFiles;
    std::set<std::string> seenPacks;            // pack folders already loaded (a path given twice)
    std::map<std::string, std::string> failed;  // id -> file, of routines with errors
    // Each routine file's own diagnostics; only those of files asked for are
    // reported (siblings read to resolve includes stay quiet).
    std::map<std::string, std::vector<Diagnostic>> fileDiagnostics;
    std::set<std::string> reported;

    static bool isYamlName(const std::string& n) {
        return n.size() > 5 && (n.ends_with(".yaml") || n.ends_with(".yml"));
    }

    void fileProblem(const std::string& path, Severity sev, std::string msg) {
        lib.diagnostics.push_back({path, 0, 0, sev, std::move(msg)});
    }

    // The entries of a folder, or nullopt after reporting why it cannot be
    // listed; more than maxFilesPerFolder entries are reported and cut.
    std::optional<std::vector<std::string>> listFolder(const std::string& dir) {
        std::string err;
        auto names = files.list(dir, err);
        if (!names) {
            fileProblem(dir, Severity::Error, err.empty() ? "cannot list folder" : err);
            return std::nullopt;
        }
        if (names->size() > opt.limits.maxFilesPerFolder) {
            fileProblem(dir, Severity::Error,
                        "folder holds " + std::to_string(names->size()) + " entries; only the first " +
                            std::to_string(opt.limits.maxFilesPerFolder) + " are read");
            names->resize(opt.limits.maxFilesPerFolder);
        }
        return names;
    }

    // Why an entry found in `root` must not be read: a symbolic link that
    // loops, is broken or leaves the folder. Empty when it may be read.
    std::string linkRefusal(const std::string& path, const std::string& root, const char* folder) {
        if (files.staysInside(path, root)) return {};
        std::string why = files.linkProblem(path);
        return why.empty() ? std::string("symbolic link leaves the ") + folder : why;
    }

    void routineFile(const std::string& path, const PackContext& ctx, bool report) {
        if (report) reported.insert(path);
        if (!seenFiles.insert(path).second) return;
        Reporter rep{&fileDiagnostics[path], path};
        auto root = readYaml(files, path, opt.limits, rep);
        if (!root) return;
        Parsed p;
        p.routine.path = path;
        parseRoutine(files, opt.limits, lib, rep, ctx, *root, p);
        if (p.ok && !p.routine.id.empty())
            parsed.push_back(std::move(p));
        else if (!p.routine.id.empty())
            failed.emplace(p.routine.id, path);
    }

    void pack(const std::string& dir, const std::string& onlyFile = {}) {
        // The same pack reached twice (`lint p p`, or a pack and its parent
        // folder) is loaded once; its id is not "also used by" itself.
        if (!seenPacks.insert(dir).second) {
            if (!onlyFile.empty())
                routineFile(onlyFile, PackContext{}, true);
            else
                for (const auto& f : seenFiles)
                    if (f.starts_with(joinPath(dir, "routines/"))) reported.insert(f);
            return;
        }
        PackContext ctx;
        if (!loadPackFile(files, dir, opt.limits, lib, ctx)) return;
        std::string routines = joinPath(dir, "routines");
        if (files.type(routines) != FileSource::Type::Directory) {
            fileProblem(joinPath(dir, "pack.yaml"), Severity::Error, "pack has no routines/ folder");
            return;
        }
        auto names = listFolder(routines);
        if (!names) return;
        for (const auto& name : *names)
            if (isYamlName(name)) {
                std::string path = joinPath(routines, name);
                if (std::string why = linkRefusal(path, dir, "pack folder"); !why.empty()) {
                    fileProblem(path, Severity::Error, why);
                    continue;
                }
                routineFile(path, ctx, onlyFile.empty() || path == onlyFile);
            }
    }

    // A folder that looks like a pack (it has routines/) but has no pack.yaml:
    // its routines cannot be read with the right languages, so say so.
    bool packWithoutPackFile(const std::string& dir) {
        if (files.type(joinPath(dir, "routines")) != FileSource::Type::Directory) return false;
        fileProblem(joinPath(dir, "pack.yaml"), Severity::Error,
                    "missing pack.yaml: this folder has a routines/ folder, so it is a pack, and a pack needs "
                    "pack.yaml (format, id, title, version, languages); its routines were not loaded");
        return true;
    }

    // A path given by the user: a pack, a folder of packs (or of loose
    // routine files), or one routine file.
    void path(const std::string& p) {
        auto t = files.type(p);
        if (t == FileSource::Type::Missing) {
            fileProblem(p, Severity::Error, "no such file or folder");
            return;
        }
        if (t == FileSource::Type::Directory) {
            if (files.type(joinPath(p, "pack.yaml")) != FileSource::Type::Missing) return pack(p);
            if (packWithoutPackFile(p)) return;
            auto names = listFolder(p);
            if (!names) return;
            bool any = false;
            for (const auto& name : *names) {
                std::string child = joinPath(p, name);
                auto ct = files.type(child);
                if (ct == FileSource::Type::Directory) {
                    if (files.type(joinPath(child, "pack.yaml")) != FileSource::Type::Missing) {
                        pack(child);
                        any = true;
                    } else if (packWithoutPackFile(child)) {
                        any = true;
                    }
                } else if (isYamlName(name) && ct == FileSource::Type::File) {
                    // The vocabularies live beside the packs in content/.
                    if (name == "areas.yaml" || name == "equipment.yaml") continue;
                    any = true;
                    if (std::string why = linkRefusal(child, p, "folder"); !why.empty()) {
                        fileProblem(child, Severity::Error, why);
                        continue;
                    }
                    PackContext loose;
                    loose.dir = p;
                    routineFile(child, loose, true);
                }
            }
            if (!any) fileProblem(p, Severity::Warning, "folder holds no pack and no routine file");
            return;
        }
        // One file: pack.yaml means its pack; a routine inside a pack is read
        // with that pack's languages, and its siblings are read (silently) so
        // its includes resolve.
        std::string dir = p.substr(0, p.find_last_of('/') == std::string::npos ? 0 : p.find_last_of('/'));
        std::string name = p.substr(p.find_last_of('/') == std::string::npos ? 0 : p.find_last_of('/') + 1);
        if (name == "pack.yaml") return pack(dir.empty() ? "." : dir);
        std::string packDir = dir.size() > 9 && dir.ends_with("/routines") ? dir.substr(0, dir.size() - 9)
                              : dir == "routines"                          ? "."
                                                                           : "";
        if (!packDir.empty() && files.type(joinPath(packDir, "pack.yaml")) != FileSource::Type::Missing)
            return pack(packDir, p);
        PackContext loose;
        loose.dir = dir.empty() ? "." : dir;
        routineFile(p, loose, true);
    }

    Library run() {
        struct StatsScope {
            explicit StatsScope(LoadStats* s) { setCurrentLoadStats(s); }
            ~StatsScope() { setCurrentLoadStats(nullptr); }
        } statsScope(&lib.stats);
        std::string areas = joinPath(opt.vocabularyDir, "areas.yaml");
        std::string equipment = joinPath(opt.vocabularyDir, "equipment.yaml");
        if (files.type(areas) != FileSource::Type::Missing)
            loadAreas(files, areas, opt.limits, lib);
        else
            lib.diagnostics.push_back({areas, 0, 0, Severity::Error, "cannot find the areas vocabulary"});
        if (files.type(equipment) != FileSource::Type::Missing)
            loadEquipment(files, equipment, opt.limits, lib);
        else
            lib.diagnostics.push_back({equipment, 0, 0, Severity::Error, "cannot find the equipment vocabulary"});
        loadFigures(files, opt.vocabularyDir, opt.limits, lib);
        // A path given twice (or spelt two ways: "p", "p/", "./p") is read once.
        std::set<std::string> given;
        for (const auto& p : opt.paths) {
            std::string norm = p;
            while (norm.size() > 1 && norm.back() == '/') norm.pop_back();
            if (!given.insert(norm).second) continue;
            path(norm);
        }
        for (const auto& f : reported) {
            auto& ds = fileDiagnostics[f];
            lib.diagnostics.insert(lib.diagnostics.end(), ds.begin(), ds.end());
        }
        checkLibrary(parsed, failed, opt.limits, lib);
        // Diagnostics sorted by file and position: output is deterministic and
        // reads top to bottom like the files do.
        std::stable_sort(lib.diagnostics.begin(), lib.diagnostics.end(), [](const Diagnostic& a, const Diagnostic& b) {
            if (a.path != b.path) return a.path < b.path;
            if (a.line != b.line) return a.line < b.line;
            return a.column < b.column;
        });
        return std::move(lib);
    }
};

}  // namespace
}  // namespace loading

//-----------------------------------------------------------------------------
// [SECTION] Entry points
//-----------------------------------------------------------------------------
Library loadLibrary(const LoadOptions& options, const FileSource& files) {
    loading::Loader l{options, files, {}, {}, {}, {}, {}, {}, {}};
    return l.run();
}

Library loadLibrary(const LoadOptions& options) {
    DiskFileSource disk;
    return loadLibrary(options, disk);
}

}  // namespace unknot
