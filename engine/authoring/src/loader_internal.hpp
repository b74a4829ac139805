// What the loader's files share (private to unknot_authoring: only src/
// includes yaml-cpp, through this header).
//
// The loader is split by grammar area, as ink splits its parser:
//   yaml_tree.hpp       a flat, read-only document built from yaml-cpp's
//                       parser events (the YamlNode every file below walks)
//   reader.cpp          reporting at a position; reading one file safely
//   scalars.cpp         strings, ids, numbers, durations, text; map keys
//   vocabularies.cpp    areas.yaml, equipment.yaml
//   pack.cpp            pack.yaml
//   steps.cpp           routines and their steps
//   library_checks.cpp  duplicates, includes, cycles, depth, totals
//   loader.cpp          walking the paths given, and the entry points
//
// [SECTION] Reporter: diagnostics with positions
// [SECTION] Reading files safely
// [SECTION] Scalars and map keys
// [SECTION] Vocabularies and packs
// [SECTION] Routines and steps
// [SECTION] Whole-library checks
#pragma once

#include "unknot/loader.hpp"
#include "yaml_tree.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace unknot::loading {

//-----------------------------------------------------------------------------
// [SECTION] Reporter
//-----------------------------------------------------------------------------
// Collects the diagnostics of one file and remembers whether any is an error,
// which decides whether the routine is kept.
struct Reporter {
    std::vector<Diagnostic>* out;
    std::string path;
    bool failed = false;

    void at(const YAML::Mark& m, Severity sev, std::string msg);
    void error(const YamlNode& n, std::string msg) { at(n.Mark(), Severity::Error, std::move(msg)); }
    void warning(const YamlNode& n, std::string msg) { at(n.Mark(), Severity::Warning, std::move(msg)); }
    void fileError(std::string msg, int line = 0, int column = 0) {
        failed = true;
        out->push_back({path, line, column, Severity::Error, std::move(msg)});
    }
};

// 'value' for a message: cut at 40 bytes (at a character boundary), control
// characters escaped.
std::string quote(const std::string& s);
// " (did you mean 'x'?)" or "".
std::string didYouMean(const std::string& word, const std::vector<std::string>& candidates);
// "a map", "a list", "a value", "empty".
std::string typeName(const YamlNode& n);

//-----------------------------------------------------------------------------
// [SECTION] Reading files safely
//-----------------------------------------------------------------------------
// The counters of the load under way (one per thread: loads may run on
// several threads at once, each with its own Loader); null when none. Reached
// through functions, not an `extern thread_local`: GCC's TLS wrapper for one
// made UBSan report "store to null pointer" on every load.
LoadStats* currentLoadStats();
void setCurrentLoadStats(LoadStats* stats);

// Reads and parses one YAML file within the limits (size, UTF-8, one
// document, depth, node count, no tags). Returns nullopt (and reports why)
// when the file cannot be used at all.
std::optional<Document> readYaml(const FileSource& files, const std::string& path, const LoadLimits& limits,
                                 Reporter& rep);

//-----------------------------------------------------------------------------
// [SECTION] Scalars and map keys
//-----------------------------------------------------------------------------
// ISO 639-1 codes: the languages a pack may declare.
bool isIsoLanguage(const std::string& code);
bool isValidId(const std::string& s);

// The context that text and ids are checked against: the pack's languages.
struct PackContext {
    std::string id;
    std::string dir;  // images resolve inside it
    std::vector<std::string> languages{"en", "fr"};
    std::string defaultLang() const { return languages.empty() ? "en" : languages.front(); }
};

// Reads one scalar of a given meaning, or reports why it cannot (and returns
// nullopt). `what` names the field in the message.
struct Scalars {
    Reporter& rep;
    const PackContext& pack;

    std::optional<std::string> string(const YamlNode& n, const std::string& what);
    bool noControl(const YamlNode& n, const std::string& v, const std::string& what);
    bool notTooLong(const YamlNode& n, const std::string& v, const std::string& what, std::size_t maxChars);
    std::optional<std::string> id(const YamlNode& n, const std::string& what);
    std::optional<bool> boolean(const YamlNode& n, const std::string& what);
    std::optional<long long> integer(const YamlNode& n, const std::string& what, long long lo, long long hi);
    std::optional<std::int64_t> secondsMs(const YamlNode& n, const std::string& what, std::int64_t maxSeconds = -1);
    std::optional<std::int64_t> duration(const YamlNode& n, const std::string& what, std::int64_t maxSeconds,
                                         bool allowZero = false);
    std::optional<Text> text(const YamlNode& n, const std::string& what, std::size_t maxChars);

private:
    bool textEntry(const YamlNode& k, const YamlNode& v, const std::string& what, std::size_t maxChars, Text& t);
};

// A node that may or may not have been given. YamlNode's own bool is no use
// for this: a default-constructed YamlNode is a defined null.
struct Slot {
    YamlNode n;
    bool set = false;
    Slot& operator=(const YamlNode& x) {
        n = x;
        set = true;
        return *this;
    }
    explicit operator bool() const { return set; }
    operator const YamlNode&() const { return n; }
    const YamlNode* operator->() const { return &n; }
};

// Iterates a map's keys once, reporting duplicates and unknown keys (with a
// suggestion) and the `required` keys it lacks, and hands each known key to
// `visit(key, keyNode, value)`. One walk per map: yaml-cpp builds two node
// handles per entry at every step of an iteration and node["key"] walks the
// map again, the slow part of checking a large library. A template, not a
// std::function: most visitors capture more than fits without allocating.
template <class Visit>
void forEachKey(const YamlNode& map, const std::vector<std::string>& known, Reporter& rep, const std::string& where,
                Visit&& visit, const std::vector<std::string>& required = {}) {
    if (!map.IsMap()) {
        rep.error(map, where + " must be a map of keys and values, not " + typeName(map));
        return;
    }
    // Missing keys are reported before anything found inside the map, as
    // when they were checked first.
    const std::size_t before = rep.out->size();
    std::vector<const std::string*> seen;  // into the document, which outlives this walk
    seen.reserve(known.size() + 1);
    for (const auto& kv : map) {  // kv: a temporary pair of handles, alive for the body
        const YamlNode& k = kv.first;
        if (!k.IsScalar()) {
            rep.error(k, "keys in " + where + " must be plain names");
            continue;
        }
        const std::string& key = k.Scalar();
        if (std::any_of(seen.begin(), seen.end(), [&](const std::string* s) { return *s == key; })) {
            rep.error(k, "duplicate key " + quote(key) + " in " + where);
            continue;
        }
        seen.push_back(&key);
        if (std::find(known.begin(), known.end(), key) == known.end()) {
            rep.error(k, "unknown key " + quote(key) + " in " + where + didYouMean(key, known));
            continue;
        }
        visit(key, k, kv.second);
    }
    std::vector<Diagnostic> missing;
    Reporter first{&missing, rep.path};
    for (const auto& key : required)
        if (std::none_of(seen.begin(), seen.end(), [&](const std::string* s) { return *s == key; }))
            first.error(map, "missing required field '" + key + "' in " + where);
    if (missing.empty()) return;
    rep.failed = true;
    rep.out->insert(rep.out->begin() + static_cast<std::ptrdiff_t>(before), missing.begin(), missing.end());
}

// `format: 1`, the only format this version reads.
void checkFormat(const YamlNode& n, Reporter& rep, Scalars& sc);

//-----------------------------------------------------------------------------
// [SECTION] Vocabularies and packs
//-----------------------------------------------------------------------------
void loadAreas(const FileSource& files, const std::string& path, const LoadLimits& limits, Library& lib);
void loadEquipment(const FileSource& files, const std::string& path, const LoadLimits& limits, Library& lib);
// Returns false when the pack cannot be read at all (its routines are skipped).
bool loadPackFile(const FileSource& files, const std::string& dir, const LoadLimits& limits, Library& lib,
                  PackContext& ctx);

//-----------------------------------------------------------------------------
// [SECTION] Routines and steps
//-----------------------------------------------------------------------------
// A routine as parsed, before the library-wide checks, with the nodes those
// checks report at.
struct Parsed {
    Routine routine;
    bool ok = false;
    YAML::Mark idMark;
    std::vector<std::pair<std::string, YAML::Mark>> includes;  // id, where
};

// Parses one routine file's root into `parsed`; errors go to `rep`.
void parseRoutine(const FileSource& files, const LoadLimits& limits, const Library& lib, Reporter& rep,
                  const PackContext& pack, const YamlNode& root, Parsed& parsed);

//-----------------------------------------------------------------------------
// [SECTION] Whole-library checks
//-----------------------------------------------------------------------------
// Duplicate ids, includes (unknown, broken, cyclic, too deep), total time and
// segments; moves the routines that pass into lib.routines, sorted by id.
// `failed` maps the ids of routines that had errors to their files.
void checkLibrary(std::vector<Parsed>& parsed, const std::map<std::string, std::string>& failed,
                  const LoadLimits& limits, Library& lib);

}  // namespace unknot::loading
