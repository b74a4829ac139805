// The command line: lint, play, list, show; export, import, journal check.
//
// The commands live one area to a file: cmd_content.cpp (lint, play, list,
// show) and cmd_journal.cpp (export, import, journal check); this file parses
// the command line and dispatches.
#include "cli_internal.hpp"

#include <CLI/CLI.hpp>

#include <algorithm>
#include <cctype>
#include <iostream>

namespace unknot {
namespace {

using namespace cli;

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
    auto* langOpt = app.add_option("--lang", c.lang, "Language of content text (e.g. en, fr)");
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
    std::string maxMinutes;
    auto* maxMinutesOpt = listCmd->add_option("--max-minutes", maxMinutes, "At most this many minutes (1 to 1440)")
                              ->type_name("MINUTES");
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
    c.langGiven = langOpt->count() > 0;
    if (c.langGiven && (c.lang.size() != 2 || !std::islower(static_cast<unsigned char>(c.lang[0])) ||
                        !std::islower(static_cast<unsigned char>(c.lang[1])))) {
        *env.err << "unknot: --lang takes a two-letter language code such as en or fr\n";
        return 2;
    }
    if (maxMinutesOpt->count() > 0) {
        // Parsed here, not by CLI11: a negative or huge number gets a plain
        // message instead of a number hundreds of digits long.
        bool digits = !maxMinutes.empty() && maxMinutes.size() <= 4 &&
                      std::all_of(maxMinutes.begin(), maxMinutes.end(), [](char ch) { return ch >= '0' && ch <= '9'; });
        int m = digits ? std::stoi(maxMinutes) : 0;
        if (m < 1 || m > kMaxListMinutes) {
            std::string shown = maxMinutes.size() > 20 ? maxMinutes.substr(0, 20) + "..." : maxMinutes;
            *env.err << "unknot: --max-minutes takes a whole number of minutes from 1 to " << kMaxListMinutes
                     << ", not '" << escapeControl(shown) << "'\n";
            return 2;
        }
        la.maxMinutes = m;
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
