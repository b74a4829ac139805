// What the content commands share: loading the content set asked for, and
// the checks and messages every one of them makes.
#include "cli_internal.hpp"

#include "unknot/paths.hpp"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <iostream>

namespace unknot::cli {

namespace {
std::string normal(const std::string& p) { return std::filesystem::path(p).lexically_normal().generic_string(); }

}  // namespace

Result<Library> loadContent(const CliEnv& env, const std::vector<std::string>& paths) {
    std::string data = findDataDir(env.exeDir);
    if (data.empty()) {
        std::string looked;
        for (const auto& c : dataDirCandidates(env.exeDir)) looked += " " + normal(c) + "/content";
        return fail("cannot find the bundled content (looked in" + looked + ")");
    }
    DiskFileSource disk;
    return loadRequestedContent(normal(data), env.prefDir, paths, disk);
}

int sayLoadFailed(const CliEnv& env, const Error& e) {
    *env.err << "unknot: " << e.message << "\n";
    return 2;
}

// Commands other than lint mention content problems in one line, so a broken
// user pack is noticed without drowning the output.
void noteProblems(const CliEnv& env, const Library& lib) {
    int e = countErrors(lib.diagnostics);
    if (e > 0)
        *env.err << "unknot: " << e << (e == 1 ? " content problem" : " content problems")
                 << " (routines with errors are left out); run 'unknot lint' for details\n";
}

std::string langOf(const Common& c, const Library& lib) { return c.lang.empty() ? lib.languages().front() : c.lang; }

// --lang must name a language of the loaded packs: say which exist.
bool langOffered(const CliEnv& env, const Common& c, const Library& lib) {
    if (!c.langGiven) return true;
    auto langs = lib.languages();
    if (std::find(langs.begin(), langs.end(), c.lang) != langs.end()) return true;
    std::string list;
    for (const auto& l : langs) list += (list.empty() ? "" : ", ") + l;
    *env.err << "unknot: no loaded pack is in language '" << escapeControl(c.lang) << "'; the languages are: " << list
             << "\n";
    return false;
}

std::string jsonString(const std::string& s) {
    std::string out = "\"";
    for (char ch : s) {
        const auto u = static_cast<unsigned char>(ch);
        if (ch == '"' || ch == '\\') {
            out += '\\';
            out += ch;
        } else if (u < 0x20) {
            char buf[8];
            std::snprintf(buf, sizeof buf, "\\u%04x", u);
            out += buf;
        } else {
            out += ch;
        }
    }
    return out + "\"";
}

const Routine* findOrSay(const CliEnv& env, const Library& lib, const std::string& id) {
    if (const Routine* r = lib.findRoutine(id)) return r;
    std::vector<std::string> ids;
    for (const auto& r : lib.routines) ids.push_back(r.id);
    std::string s = suggest(id, ids);
    *env.err << "unknot: no routine with id '" << escapeControl(id) << "'"
             << (s.empty() ? "" : " (did you mean '" + s + "'?)") << "; 'unknot list' shows them all\n";
    return nullptr;
}

}  // namespace unknot::cli
