// The command line: lint, play, list, show, plan; export, import, journal check.
//
// The commands live one to a file (cmd_lint.cpp, cmd_play.cpp, cmd_list.cpp,
// cmd_show.cpp, cmd_plan.cpp, cmd_export.cpp, cmd_import.cpp, cmd_journal_check.cpp); this
// file only declares the command line, checks the options CLI11 cannot, and
// dispatches.
//
// [SECTION] Declaring the command line
// [SECTION] Checking options
// [SECTION] Dispatch
#include "cli_internal.hpp"

#include <CLI/CLI.hpp>

#include <algorithm>
#include <cctype>
#include <iostream>

namespace unknot {
namespace {

using namespace cli;

const char* kCommands[] = {"lint", "play", "list", "show", "render", "plan", "export", "import", "journal"};

//-----------------------------------------------------------------------------
// [SECTION] Declaring the command line
//-----------------------------------------------------------------------------
// Every option's value, and the subcommands to ask which was given.
struct Parsed {
    Common c;
    CLI::Option* langOpt = nullptr;
    CLI::App* lintCmd = nullptr;
    std::vector<std::string> lintPaths;
    CLI::App* playCmd = nullptr;
    std::string playId, clock = "virtual";
    CLI::App* listCmd = nullptr;
    ListArgs la;
    std::string maxMinutes;
    CLI::Option* maxMinutesOpt = nullptr;
    CLI::App* showCmd = nullptr;
    std::string showId;
    CLI::App* planListCmd = nullptr;
    CLI::App* planShowCmd = nullptr;
    PlanArgs pa;
    bool showJson = false;
    CLI::App* renderCmd = nullptr;
    RenderArgs ra;
    std::string voice = "on";
    std::string journalOpt;
    CLI::App* exportCmd = nullptr;
    std::string csvFile, jsonFile;
    CLI::App* importCmd = nullptr;
    std::string importFile;
    CLI::App* checkCmd = nullptr;
};

void declareContentCommands(CLI::App& app, Parsed& p) {
    p.lintCmd =
        app.add_subcommand("lint", "Check packs, folders or routine files; prints path:line:column: error: message");
    p.lintCmd->add_option("paths", p.lintPaths, "Packs, folders or files (default: everything loaded by default)");

    p.playCmd = app.add_subcommand("play", "Play a routine in the terminal");
    p.playCmd->add_option("id", p.playId, "Routine id")->required();
    p.playCmd->add_option("--clock", p.clock, "virtual: print the timeline at once; real: play it in real time")
        ->check(CLI::IsMember({"virtual", "real"}));

    p.listCmd = app.add_subcommand("list", "List routines, filtered");
    ListArgs& la = p.la;
    p.listCmd->add_option("--area", la.area, "Pain area id (e.g. neck)");
    p.listCmd->add_option("--kind", la.kind, "self-massage, breathing, stretch, relaxation or heat-cold");
    p.listCmd->add_option("--equipment", la.equipment, "Needs this equipment (e.g. tennis-ball)");
    p.listCmd->add_flag("--no-equipment", la.noEquipment, "Needs no equipment at all");
    p.maxMinutesOpt = p.listCmd->add_option("--max-minutes", p.maxMinutes, "At most this many minutes (1 to 1440)")
                          ->type_name("MINUTES");
    p.listCmd->add_flag("--flare-safe", la.flareSafe, "Only routines suitable during a flare");
    p.listCmd->add_option("--search", la.search, "Words in titles, summaries, conditions and area names");
    p.listCmd->add_flag("--json", la.json, "Print a JSON array");

    p.showCmd = app.add_subcommand("show", "Print a routine's whole card");
    p.showCmd->add_option("id", p.showId, "Routine id")->required();
    p.showCmd->add_flag("--json", p.showJson, "Print the steps as JSON, each with its figure (or null and why)");

    auto* planCmd = app.add_subcommand("plan", "Plans over weeks: list them, or show one's weeks and days");
    planCmd->require_subcommand(1);
    p.planListCmd = planCmd->add_subcommand("list", "List the plans");
    p.planListCmd->add_flag("--json", p.pa.json, "Print a JSON array");
    p.planShowCmd = planCmd->add_subcommand("show", "Print a plan's weeks and days");
    p.planShowCmd->add_option("id", p.pa.id, "Plan id")->required();
    p.planShowCmd->add_flag("--json", p.pa.json, "Print JSON");
}

// The journal commands; --journal defaults to journal.db in the data folder.
void declareJournalCommands(CLI::App& app, Parsed& p) {
    const char* journalHelp = "The journal file (default: journal.db in Unknot's data folder)";
    p.exportCmd = app.add_subcommand("export", "Write your journal to a file, CSV or JSON ('-' for standard output)");
    auto* csvOpt = p.exportCmd->add_option("--csv", p.csvFile, "Sessions as CSV, one line each")->type_name("FILE");
    auto* jsonOpt =
        p.exportCmd->add_option("--json", p.jsonFile, "Everything as JSON, which 'unknot import' reads back")
            ->type_name("FILE");
    csvOpt->excludes(jsonOpt);
    p.exportCmd->add_option("--journal", p.journalOpt, journalHelp)->type_name("PATH");

    p.importCmd = app.add_subcommand("import", "Merge a JSON export into your journal (no duplicates)");
    p.importCmd->add_option("file", p.importFile, "A file written by 'unknot export --json' ('-' for standard input)")
        ->required();
    p.importCmd->add_option("--journal", p.journalOpt, journalHelp)->type_name("PATH");

    auto* journalCmd = app.add_subcommand("journal", "Look after your journal");
    journalCmd->require_subcommand(1);
    p.checkCmd = journalCmd->add_subcommand(
        "check", "Verify the journal's integrity; print its version and counts (exit 0 ok, 1 problems)");
    p.checkCmd->add_option("--journal", p.journalOpt, journalHelp)->type_name("PATH");
}

void declareRender(CLI::App& app, Parsed& p) {
    p.renderCmd = app.add_subcommand("render", "Write a routine's guided session (tones and voice) as an audio file");
    p.renderCmd->add_option("id", p.ra.id, "Routine id")->required();
    p.renderCmd->add_option("--out", p.ra.out, "The file to write: .wav or .opus")->required()->type_name("FILE");
    p.renderCmd->add_option("--voice", p.voice, "on: speak the guidance (default); off: tones alone")
        ->check(CLI::IsMember({"on", "off"}));
    p.renderCmd->add_option("--wait", p.ra.waitSeconds, "Seconds each tap step waits in the file (default 20)")
        ->check(CLI::Range(0, kMaxRenderWaitSeconds))
        ->type_name("SECONDS");
    p.renderCmd->add_flag("--json", p.ra.json, "Print each segment's and each spoken line's sample offset as JSON");
}

void declare(CLI::App& app, Parsed& p) {
    app.name("unknot");
    app.footer(
        "Window app: unknot [--size WxH] [--lang fr] [--content DIR]...\n"
        "Screenshot: unknot --screenshot out.png --size WxH --screen home|browse|area:ID|card:ID|"
        "play:ID@SECONDS|problems [--lang fr]");
    app.set_version_flag("--version", std::string("unknot ") + UNKNOT_VERSION);
    app.require_subcommand(1);
    app.fallthrough();
    app.add_option("--content", p.c.content, "Load exactly these packs or folders instead of the default set")
        ->type_name("DIR");
    p.langOpt = app.add_option("--lang", p.c.lang, "Language of content text (e.g. en, fr)");
    app.add_subcommand("help", "Show this help");
    declareContentCommands(app, p);
    declareRender(app, p);
    declareJournalCommands(app, p);
}

//-----------------------------------------------------------------------------
// [SECTION] Checking options
//-----------------------------------------------------------------------------
// --lang: two lower-case letters. Returns an exit status, or -1 to go on.
int checkLang(const CliEnv& env, Parsed& p) {
    Common& c = p.c;
    c.langGiven = p.langOpt->count() > 0;
    if (c.langGiven && (c.lang.size() != 2 || !std::islower(static_cast<unsigned char>(c.lang[0])) ||
                        !std::islower(static_cast<unsigned char>(c.lang[1])))) {
        *env.err << "unknot: --lang takes a two-letter language code such as en or fr\n";
        return 2;
    }
    return -1;
}

// --max-minutes: parsed here, not by CLI11, so a negative or huge number gets
// a plain message instead of a number hundreds of digits long.
int checkMaxMinutes(const CliEnv& env, Parsed& p) {
    if (p.maxMinutesOpt->count() == 0) return -1;
    const std::string& v = p.maxMinutes;
    bool digits =
        !v.empty() && v.size() <= 4 && std::all_of(v.begin(), v.end(), [](char ch) { return ch >= '0' && ch <= '9'; });
    int m = digits ? std::stoi(v) : 0;
    if (m < 1 || m > kMaxListMinutes) {
        std::string shown = v.size() > 20 ? v.substr(0, 20) + "..." : v;
        *env.err << "unknot: --max-minutes takes a whole number of minutes from 1 to " << kMaxListMinutes << ", not '"
                 << escapeControl(shown) << "'\n";
        return 2;
    }
    p.la.maxMinutes = m;
    return -1;
}

//-----------------------------------------------------------------------------
// [SECTION] Dispatch
//-----------------------------------------------------------------------------
// Parses argv; an exit status when parsing alone ends the run, else -1.
int parse(CLI::App& app, int argc, const char* const* argv, const CliEnv& env) {
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
    return -1;
}

int dispatch(const CliEnv& env, const Parsed& p) {
    if (p.lintCmd->parsed()) return lint(env, p.c, p.lintPaths);
    if (p.playCmd->parsed()) return play(env, p.c, p.playId, p.clock);
    if (p.listCmd->parsed()) return list(env, p.c, p.la);
    if (p.showCmd->parsed()) return show(env, p.c, p.showId, p.showJson);
    if (p.planListCmd->parsed() || p.planShowCmd->parsed()) {
        PlanArgs a = p.pa;
        a.show = p.planShowCmd->parsed();
        return plan(env, p.c, a);
    }
    if (p.renderCmd->parsed()) {
        RenderArgs a = p.ra;
        a.voice = p.voice == "on";
        return render(env, p.c, a);
    }
    if (p.exportCmd->parsed()) return exportJournal(env, p.journalOpt, p.csvFile, p.jsonFile);
    if (p.importCmd->parsed()) return importJournal(env, p.journalOpt, p.importFile);
    if (p.checkCmd->parsed()) return checkJournalCmd(env, p.journalOpt);
    return -1;
}

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
    CLI::App app{
        "Unknot: guided self-care routines for chronic pain.\n"
        "With no command, unknot opens the window app; these commands work without a display."};
    Parsed p;
    declare(app, p);
    if (int status = parse(app, argc, argv, env); status >= 0) return status;
    if (int status = checkLang(env, p); status >= 0) return status;
    if (int status = checkMaxMinutes(env, p); status >= 0) return status;
    if (int status = dispatch(env, p); status >= 0) return status;
    *env.out << app.help();
    return 2;
}

}  // namespace unknot
