// The command line: lint, play, list, show; export, import, journal check.
//
// [SECTION] Loading the content a command asks for
// [SECTION] lint
// [SECTION] play (virtual and real clock)
// [SECTION] list
// [SECTION] show
// [SECTION] journal: export, import, check
// [SECTION] Dispatch
#include "unknot/cli.hpp"

#include "unknot/catalog.hpp"
#include "unknot/journal.hpp"
#include "unknot/loader.hpp"
#include "unknot/paths.hpp"
#include "unknot/player.hpp"
#include "unknot/timeline.hpp"

#include <CLI/CLI.hpp>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

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
// [SECTION] journal
//-----------------------------------------------------------------------------
// Exit statuses: 0 done; 1 the journal or the imported file has problems
// (check found some, or the file is not a valid export); 2 bad usage, or a
// file that cannot be opened, read or written.
std::int64_t wallNow(const CliEnv& env) {
    if (env.wallMs) return env.wallMs();
    using namespace std::chrono;
    return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

// --journal PATH, or journal.db in the user's data folder.
std::string journalPath(const CliEnv& env, const std::string& given) {
    if (!given.empty()) return given;
    if (env.prefDir.empty()) return {};
    return (std::filesystem::path(env.prefDir) / "journal.db").string();
}

bool noPath(const CliEnv& env, const std::string& path) {
    if (!path.empty()) return false;
    *env.err << "unknot: no data folder to find the journal in; pass --journal PATH\n";
    return true;
}

// Writes `text` to `file` ('-': standard output) through a temporary file and
// a rename, with mode 0600 (an export is as private as the journal), so a
// failed export never leaves half a file.
bool writeOut(const CliEnv& env, const std::string& file, const std::string& text) {
    if (file == "-") {
        *env.out << text;
        env.out->flush();
        return true;
    }
    std::string tmp = file + ".tmp-" + std::to_string(::getpid());
    int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    auto fail = [&](int e) {
        *env.err << "unknot: cannot write " << file << ": " << std::strerror(e) << "\n";
        if (fd >= 0) ::close(fd);
        ::unlink(tmp.c_str());
        return false;
    };
    if (fd < 0) {
        int e = errno;
        *env.err << "unknot: cannot write " << file << ": " << std::strerror(e) << "\n";
        return false;
    }
    for (std::size_t done = 0; done < text.size();) {
        ssize_t n = ::write(fd, text.data() + done, text.size() - done);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return fail(n < 0 ? errno : EIO);
        done += static_cast<std::size_t>(n);
    }
    if (::fsync(fd) != 0) return fail(errno);
    ::close(fd);
    fd = -1;
    if (std::rename(tmp.c_str(), file.c_str()) != 0) return fail(errno);
    return true;
}

int exportJournal(const CliEnv& env, const std::string& given, const std::string& csv, const std::string& json) {
    if (csv.empty() && json.empty()) {
        *env.err << "unknot: export needs --csv FILE or --json FILE ('-' for standard output)\n";
        return 2;
    }
    std::string path = journalPath(env, given);
    if (noPath(env, path)) return 2;
    std::string error;
    auto j = Journal::openExisting(path, wallNow(env), error);
    if (!j) {
        *env.err << "unknot: " << error << "\n";
        return 2;
    }
    const std::string& file = csv.empty() ? json : csv;
    std::string text = csv.empty() ? exportJson(*j, wallNow(env)) : exportCsv(*j);
    if (!writeOut(env, file, text)) return 2;
    std::size_t s = j->allSessions().size(), f = j->favouriteEntries().size(), k = j->settings().size();
    *env.err << "exported " << s << (s == 1 ? " session, " : " sessions, ") << f
             << (f == 1 ? " favourite, " : " favourites, ") << k << (k == 1 ? " setting" : " settings") << " to "
             << (file == "-" ? "standard output" : file) << "\n";
    return 0;
}

int importJournal(const CliEnv& env, const std::string& given, const std::string& file) {
    std::string path = journalPath(env, given);
    if (noPath(env, path)) return 2;
    std::string text;
    if (file == "-") {
        if (env.in) text.assign(std::istreambuf_iterator<char>(*env.in), std::istreambuf_iterator<char>());
    } else {
        struct stat st {};
        if (::stat(file.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) {
            *env.err << "unknot: cannot read " << file << ": "
                     << (S_ISDIR(st.st_mode) ? "it is a folder" : std::strerror(errno)) << "\n";
            return 2;
        }
        if (static_cast<std::uint64_t>(st.st_size) > kMaxImportBytes) {
            *env.err << "unknot: " << file << ": larger than " << (kMaxImportBytes >> 20)
                     << " MiB, which no journal export is; nothing was imported\n";
            return 1;
        }
        std::ifstream in(file, std::ios::binary);
        text.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
        if (!in.good() && !in.eof()) {
            *env.err << "unknot: cannot read " << file << "\n";
            return 2;
        }
    }
    // A journal that does not exist yet is created (importing onto a new
    // device); an existing one is never moved aside from the command line.
    std::string error;
    std::unique_ptr<Journal> j;
    struct stat st {};
    if (::stat(path.c_str(), &st) == 0) j = Journal::openExisting(path, wallNow(env), error);
    else {
        j = Journal::open(path, wallNow(env));
        if (!j->persistent()) {
            error = j->notices().empty() ? "cannot create " + path : j->notices().front();
            j.reset();
        }
    }
    if (!j) {
        *env.err << "unknot: " << error << "\n";
        return 2;
    }
    ImportResult r = importJson(*j, text);
    if (!r.ok) {
        *env.err << "unknot: " << file << ": " << r.error << "\n";
        return r.writeFailed ? 2 : 1;
    }
    *env.out << "imported " << (file == "-" ? "standard input" : file) << ": " << r.added
             << (r.added == 1 ? " session" : " sessions") << " added, " << r.skipped << " already in the journal; "
             << r.favouritesAdded << (r.favouritesAdded == 1 ? " favourite, " : " favourites, ") << r.settingsAdded
             << (r.settingsAdded == 1 ? " setting added\n" : " settings added\n");
    return 0;
}

int checkJournalCmd(const CliEnv& env, const std::string& given) {
    std::string path = journalPath(env, given);
    if (noPath(env, path)) return 2;
    CheckResult r = checkJournal(path);
    for (const auto& l : r.lines) *env.out << l << "\n";
    return r.ok ? 0 : r.ioError ? 2 : 1;
}

//-----------------------------------------------------------------------------
// [SECTION] Dispatch
//-----------------------------------------------------------------------------
const char* kCommands[] = {"lint", "play", "list", "show", "export", "import", "journal"};

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

    // The journal commands; --journal defaults to journal.db in the data folder.
    std::string journalOpt;
    const char* journalHelp = "The journal file (default: journal.db in Unknot's data folder)";
    auto* exportCmd = app.add_subcommand("export", "Write your journal to a file, CSV or JSON ('-' for standard output)");
    std::string csvFile, jsonFile;
    auto* csvOpt = exportCmd->add_option("--csv", csvFile, "Sessions as CSV, one line each")->type_name("FILE");
    auto* jsonOpt = exportCmd->add_option("--json", jsonFile, "Everything as JSON, which 'unknot import' reads back")
                        ->type_name("FILE");
    csvOpt->excludes(jsonOpt);
    exportCmd->add_option("--journal", journalOpt, journalHelp)->type_name("PATH");

    auto* importCmd = app.add_subcommand("import", "Merge a JSON export into your journal (no duplicates)");
    std::string importFile;
    importCmd->add_option("file", importFile, "A file written by 'unknot export --json' ('-' for standard input)")
        ->required();
    importCmd->add_option("--journal", journalOpt, journalHelp)->type_name("PATH");

    auto* journalCmd = app.add_subcommand("journal", "Look after your journal");
    journalCmd->require_subcommand(1);
    auto* checkCmd = journalCmd->add_subcommand(
        "check", "Verify the journal's integrity; print its version and counts (exit 0 ok, 1 problems)");
    checkCmd->add_option("--journal", journalOpt, journalHelp)->type_name("PATH");

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
    if (exportCmd->parsed()) return exportJournal(env, journalOpt, csvFile, jsonFile);
    if (importCmd->parsed()) return importJournal(env, journalOpt, importFile);
    if (checkCmd->parsed()) return checkJournalCmd(env, journalOpt);
    *env.out << app.help();
    return 2;
}

}  // namespace unknot
