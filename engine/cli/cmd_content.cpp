// The content commands: lint, play, list, show.
//
// [SECTION] Loading the content a command asks for
// [SECTION] lint
// [SECTION] play (virtual and real clock)
// [SECTION] list
// [SECTION] show
#include "cli_internal.hpp"

#include "unknot/catalog.hpp"
#include "unknot/loader.hpp"
#include "unknot/paths.hpp"
#include "unknot/player.hpp"
#include "unknot/timeline.hpp"

#include <algorithm>
#include <filesystem>
#include <iostream>

namespace unknot::cli {
namespace {

//-----------------------------------------------------------------------------
// [SECTION] Loading
//-----------------------------------------------------------------------------

std::string normal(const std::string& p) {
    return std::filesystem::path(p).lexically_normal().generic_string();
}

// Loads `paths` (or the default set when empty) with the bundled
// vocabularies. Returns false (after saying why) when no bundled content exists.
bool load(const CliEnv& env, const std::vector<std::string>& paths, Library& lib) {
    std::string data = findDataDir(env.exeDir);
    if (data.empty()) {
        *env.err << "unknot: cannot find the bundled content (looked in";
        for (const auto& c : dataDirCandidates(env.exeDir)) *env.err << " " << normal(c) << "/content";
        *env.err << ")\n";
        return false;
    }
    data = normal(data);
    DiskFileSource disk;
    LoadOptions opt = defaultLoadOptions(data, env.prefDir, disk);
    if (!paths.empty()) opt.paths = paths;
    lib = loadLibrary(opt, disk);
    return true;
}

// Commands other than lint mention content problems in one line, so a broken
// user pack is noticed without drowning the output.
void noteProblems(const CliEnv& env, const Library& lib) {
    int e = countErrors(lib.diagnostics);
    if (e > 0)
        *env.err << "unknot: " << e << (e == 1 ? " content problem" : " content problems")
                 << " (routines with errors are left out); run 'unknot lint' for details\n";
}

std::string langOf(const Common& c, const Library& lib) {
    return c.lang.empty() ? lib.languages().front() : c.lang;
}

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

const Routine* findOrSay(const CliEnv& env, const Library& lib, const std::string& id) {
    if (const Routine* r = lib.findRoutine(id)) return r;
    std::vector<std::string> ids;
    for (const auto& r : lib.routines) ids.push_back(r.id);
    std::string s = suggest(id, ids);
    *env.err << "unknot: no routine with id '" << escapeControl(id) << "'" << (s.empty() ? "" : " (did you mean '" + s + "'?)")
             << "; 'unknot list' shows them all\n";
    return nullptr;
}

//-----------------------------------------------------------------------------
// [SECTION] play
//-----------------------------------------------------------------------------
int playReal(const CliEnv& env, const Timeline& t, const std::string& lang) {
    Player p(t);
    p.start(env.nowMs());
    std::size_t printed = 0;
    int lastStep = 0;
    auto printUpTo = [&](std::size_t index) {
        for (; printed <= index && printed < t.segments.size(); ++printed) {
            const Segment& s = t.segments[printed];
            *env.out << formatOffset(s.startMs) << "  " << describeSegment(s, lang);
            if (s.step != lastStep) {
                *env.out << " · " << s.say.get(lang);
                lastStep = s.step;
            }
            *env.out << "\n";
        }
        env.out->flush();
    };
    while (p.state() != PlayerState::Finished) {
        p.update(env.nowMs());
        if (p.state() == PlayerState::Finished) break;
        printUpTo(p.currentIndex());
        if (p.state() == PlayerState::WaitingForTap) {
            *env.out << "           (press Enter to continue)" << std::endl;
            std::string line;
            // End of input continues too, so a piped run never hangs.
            if (env.in) std::getline(*env.in, line);
            p.continueAfterTap(env.nowMs());
            continue;
        }
        // Sleep until the next segment is due, in short slices so a late
        // wake-up is caught at once.
        std::int64_t left = p.segmentLeftMs(env.nowMs());
        env.sleepMs(std::clamp<std::int64_t>(left, 1, 50));
    }
    printUpTo(t.segments.size());
    *env.out << formatOffset(t.totalMs) << "  end · " << formatDurationHuman(t.totalMs / 1000) << "\n";
    return 0;
}

}  // namespace

//-----------------------------------------------------------------------------
// [SECTION] lint
//-----------------------------------------------------------------------------
int lint(const CliEnv& env, const Common& c, const std::vector<std::string>& paths) {
    std::vector<std::string> all = paths;
    all.insert(all.end(), c.content.begin(), c.content.end());
    Library lib;
    if (!load(env, all, lib)) return 2;
    if (!langOffered(env, c, lib)) return 2;
    for (const auto& d : lib.diagnostics) *env.out << formatDiagnostic(d) << "\n";
    int e = countErrors(lib.diagnostics), w = countWarnings(lib.diagnostics);
    *env.err << lib.routines.size() << (lib.routines.size() == 1 ? " routine" : " routines") << " loaded, " << e
             << (e == 1 ? " error, " : " errors, ") << w << (w == 1 ? " warning\n" : " warnings\n");
    return e > 0 ? 1 : 0;
}

int play(const CliEnv& env, const Common& c, const std::string& id, const std::string& clock) {
    Library lib;
    if (!load(env, c.content, lib)) return 2;
    if (!langOffered(env, c, lib)) return 2;
    noteProblems(env, lib);
    const Routine* r = findOrSay(env, lib, id);
    if (!r) return 1;
    Timeline t = compileTimeline(lib, *r);
    std::string lang = langOf(c, lib);
    if (clock == "virtual") {
        *env.out << formatTranscript(t, lang);
        return 0;
    }
    return playReal(env, t, lang);
}

//-----------------------------------------------------------------------------
// [SECTION] list
//-----------------------------------------------------------------------------

int list(const CliEnv& env, const Common& c, const ListArgs& a) {
    Library lib;
    if (!load(env, c.content, lib)) return 2;
    if (!langOffered(env, c, lib)) return 2;
    noteProblems(env, lib);
    Query q;
    q.lang = langOf(c, lib);
    auto unknown = [&](const std::string& what, const std::string& v, const std::vector<std::string>& known) {
        std::string s = suggest(v, known);
        *env.err << "unknot: unknown " << what << " '" << escapeControl(v) << "'" << (s.empty() ? "" : " (did you mean '" + s + "'?)")
                 << "\n";
        return 2;
    };
    if (!a.area.empty()) {
        if (!lib.findArea(a.area)) {
            std::vector<std::string> ids;
            for (const auto& x : lib.areas) ids.push_back(x.id);
            return unknown("area", a.area, ids);
        }
        q.area = a.area;
    }
    if (!a.kind.empty()) {
        q.kind = kindFromString(a.kind);
        if (!q.kind) return unknown("kind", a.kind, kindNames());
    }
    if (!a.equipment.empty()) {
        if (!lib.findEquipment(a.equipment)) {
            std::vector<std::string> ids;
            for (const auto& x : lib.equipment) ids.push_back(x.id);
            return unknown("equipment", a.equipment, ids);
        }
        q.equipment = a.equipment;
    }
    q.noEquipment = a.noEquipment;
    if (a.maxMinutes > 0) q.maxMinutes = a.maxMinutes;
    q.flareSafeOnly = a.flareSafe;
    q.search = a.search;
    Catalog cat(lib);
    auto found = cat.query(q);
    if (a.json) {
        *env.out << catalogToJson(lib, found, q.lang);
        return 0;
    }
    for (const auto& e : found) {
        const Routine& r = *e.routine;
        *env.out << r.id << "  " << r.title.get(q.lang) << "  (" << formatDurationHuman(e.totalSeconds) << ", "
                 << toString(r.kind) << ", " << toString(r.intensity) << (r.flareSafe ? ", flare-safe" : "") << ")\n";
    }
    if (found.empty()) *env.err << "no routine matches\n";
    return 0;
}

//-----------------------------------------------------------------------------
// [SECTION] show
//-----------------------------------------------------------------------------
int show(const CliEnv& env, const Common& c, const std::string& id) {
    Library lib;
    if (!load(env, c.content, lib)) return 2;
    if (!langOffered(env, c, lib)) return 2;
    noteProblems(env, lib);
    const Routine* r = findOrSay(env, lib, id);
    if (!r) return 1;
    std::string lang = langOf(c, lib);
    Timeline t = compileTimeline(lib, *r);
    auto& o = *env.out;
    auto labels = [&](const std::vector<std::string>& ids, bool areas) {
        std::string s;
        for (const auto& x : ids) {
            const Text* l = nullptr;
            if (areas) { if (const Area* a = lib.findArea(x)) l = &a->label; }
            else if (const Equipment* e = lib.findEquipment(x)) l = &e->label;
            s += (s.empty() ? "" : ", ") + (l ? l->get(lang) : x);
        }
        return s.empty() ? std::string("none") : s;
    };
    o << r->title.get(lang) << "\n" << r->summary.get(lang) << "\n\n";
    o << "Kind:       " << toString(r->kind) << "\n";
    o << "Areas:      " << labels(r->areas, true) << "\n";
    o << "Equipment:  " << labels(r->equipment, false) << "\n";
    o << "Intensity:  " << toString(r->intensity) << "\n";
    o << "Total time: " << formatDurationHuman((t.totalMs + 999) / 1000) << "\n";
    o << "Flare days: " << (r->flareSafe ? "suitable during a flare" : "not for a flare day") << "\n";
    if (!r->conditions.empty()) {
        o << "Tags:       ";
        for (std::size_t i = 0; i < r->conditions.size(); ++i) o << (i ? ", " : "") << r->conditions[i];
        o << "\n";
    }
    o << "\nCautions:\n";
    for (const auto& caution : collectCautions(lib, *r)) o << "  - " << caution.get(lang) << "\n";
    o << "\nSteps:\n";
    for (const auto& s : summarizeSteps(t)) {
        o << "  " << s.step << ". " << formatOffset(s.startMs).substr(0, 5) << "  " << s.say.get(lang) << "  ["
          << describeStep(s) << "]\n";
        if (!s.tip.empty()) o << "            " << s.tip.get(lang) << "\n";
    }
    return 0;
}

}  // namespace unknot::cli
