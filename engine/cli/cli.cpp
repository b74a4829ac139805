// The command line: lint, play, list, show.
//
// [SECTION] Loading the content a command asks for
// [SECTION] lint
// [SECTION] play (virtual and real clock)
// [SECTION] list
// [SECTION] show
// [SECTION] Dispatch
#include "unknot/cli.hpp"

#include "unknot/catalog.hpp"
#include "unknot/loader.hpp"
#include "unknot/paths.hpp"
#include "unknot/player.hpp"
#include "unknot/timeline.hpp"

#include <CLI/CLI.hpp>

#include <filesystem>
#include <iostream>
#include <sstream>

namespace unknot {
namespace {

//-----------------------------------------------------------------------------
// [SECTION] Loading
//-----------------------------------------------------------------------------
struct Common {
    std::vector<std::string> content;  // --content DIR (repeatable)
    std::string lang;                  // --lang; "" = the packs' default
};

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

const Routine* findOrSay(const CliEnv& env, const Library& lib, const std::string& id) {
    if (const Routine* r = lib.findRoutine(id)) return r;
    std::vector<std::string> ids;
    for (const auto& r : lib.routines) ids.push_back(r.id);
    std::string s = suggest(id, ids);
    *env.err << "unknot: no routine with id '" << id << "'" << (s.empty() ? "" : " (did you mean '" + s + "'?)")
             << "; 'unknot list' shows them all\n";
    return nullptr;
}

//-----------------------------------------------------------------------------
// [SECTION] lint
//-----------------------------------------------------------------------------
int lint(const CliEnv& env, const Common& c, const std::vector<std::string>& paths) {
    std::vector<std::string> all = paths;
    all.insert(all.end(), c.content.begin(), c.content.end());
    Library lib;
    if (!load(env, all, lib)) return 2;
    for (const auto& d : lib.diagnostics) *env.out << formatDiagnostic(d) << "\n";
    int e = countErrors(lib.diagnostics), w = countWarnings(lib.diagnostics);
    *env.err << lib.routines.size() << (lib.routines.size() == 1 ? " routine" : " routines") << " loaded, " << e
             << (e == 1 ? " error, " : " errors, ") << w << (w == 1 ? " warning\n" : " warnings\n");
    return e > 0 ? 1 : 0;
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

int play(const CliEnv& env, const Common& c, const std::string& id, const std::string& clock) {
    Library lib;
    if (!load(env, c.content, lib)) return 2;
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
struct ListArgs {
    std::string area, kind, equipment, search;
    bool noEquipment = false, flareSafe = false, json = false;
    int maxMinutes = 0;
};

int list(const CliEnv& env, const Common& c, const ListArgs& a) {
    Library lib;
    if (!load(env, c.content, lib)) return 2;
    noteProblems(env, lib);
    Query q;
    q.lang = langOf(c, lib);
    auto unknown = [&](const std::string& what, const std::string& v, const std::vector<std::string>& known) {
        std::string s = suggest(v, known);
        *env.err << "unknot: unknown " << what << " '" << v << "'" << (s.empty() ? "" : " (did you mean '" + s + "'?)")
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

//-----------------------------------------------------------------------------
// [SECTION] Dispatch
//-----------------------------------------------------------------------------
const char* kCommands[] = {"lint", "play", "list", "show"};

}  // namespace

bool isCliInvocation(int argc, const char* const* argv) {
    // A command may follow global options ("unknot --content DIR lint").
    for (int i = 1; i < argc; ++i) {
        std::string a = argv[i];
        for (const char* c : kCommands)
            if (a == c) return true;
        if (a == "--version" || a == "help") return true;
    }
    return false;
}

int runCli(int argc, const char* const* argv, const CliEnv& env) {
    CLI::App app{"Unknot: guided self-care routines for chronic pain.\n"
                 "With no command, unknot opens the window app; these commands work without a display."};
    app.name("unknot");
    app.footer("Window app: unknot [--size WxH] [--lang fr] [--content DIR]...\n"
               "Screenshot: unknot --screenshot out.png --size WxH --screen home|browse|area:ID|card:ID|"
               "play:ID@SECONDS|problems [--lang fr]");
    app.set_version_flag("--version", std::string("unknot ") + UNKNOT_VERSION);
    app.require_subcommand(1);
    app.fallthrough();
    Common c;
    app.add_option("--content", c.content, "Load exactly these packs or folders instead of the default set")
        ->type_name("DIR");
    app.add_option("--lang", c.lang, "Language of content text (e.g. en, fr)");
    app.add_subcommand("help", "Show this help");

    auto* lintCmd = app.add_subcommand("lint", "Check packs, folders or routine files; prints path:line:column: error: message");
    std::vector<std::string> lintPaths;
    lintCmd->add_option("paths", lintPaths, "Packs, folders or files (default: everything loaded by default)");

    auto* playCmd = app.add_subcommand("play", "Play a routine in the terminal");
    std::string playId, clock = "virtual";
    playCmd->add_option("id", playId, "Routine id")->required();
    playCmd->add_option("--clock", clock, "virtual: print the timeline at once; real: play it in real time")
        ->check(CLI::IsMember({"virtual", "real"}));

    auto* listCmd = app.add_subcommand("list", "List routines, filtered");
    ListArgs la;
    listCmd->add_option("--area", la.area, "Pain area id (e.g. neck)");
    listCmd->add_option("--kind", la.kind, "self-massage, breathing, stretch, relaxation or heat-cold");
    listCmd->add_option("--equipment", la.equipment, "Needs this equipment (e.g. tennis-ball)");
    listCmd->add_flag("--no-equipment", la.noEquipment, "Needs no equipment at all");
    listCmd->add_option("--max-minutes", la.maxMinutes, "At most this many minutes")->check(CLI::PositiveNumber);
    listCmd->add_flag("--flare-safe", la.flareSafe, "Only routines suitable during a flare");
    listCmd->add_option("--search", la.search, "Words in titles, summaries, conditions and area names");
    listCmd->add_flag("--json", la.json, "Print a JSON array");

    auto* showCmd = app.add_subcommand("show", "Print a routine's whole card");
    std::string showId;
    showCmd->add_option("id", showId, "Routine id")->required();

    // Taken before parsing: once a subcommand is parsed, CLI11's help() shows
    // that subcommand's help, and `unknot help` must show the whole command line.
    const std::string mainHelp = app.help();
    try {
        app.parse(argc, argv);
    } catch (const CLI::CallForHelp&) {
        *env.out << app.help();
        return 0;
    } catch (const CLI::CallForVersion&) {
        *env.out << "unknot " << UNKNOT_VERSION << "\n";
        return 0;
    } catch (const CLI::ParseError& e) {
        *env.err << "unknot: " << e.what() << "\nRun 'unknot --help' for usage.\n";
        return 2;
    }
    if (app.got_subcommand("help")) {
        *env.out << mainHelp;
        return 0;
    }
    if (!c.lang.empty() && (c.lang.size() != 2 || !std::islower(static_cast<unsigned char>(c.lang[0])))) {
        *env.err << "unknot: --lang takes a two-letter language code such as en or fr\n";
        return 2;
    }
    if (lintCmd->parsed()) return lint(env, c, lintPaths);
    if (playCmd->parsed()) return play(env, c, playId, clock);
    if (listCmd->parsed()) return list(env, c, la);
    if (showCmd->parsed()) return show(env, c, showId);
    *env.out << app.help();
    return 2;
}

}  // namespace unknot
