// Shared by the command files: the global options, content loading, and one
// entry point per command. Private to engine/cli.
//
// [SECTION] Options
// [SECTION] Content: loading and the checks every content command makes
// [SECTION] Commands
// [SECTION] Journal: where it is, and the clock
#pragma once

#include "unknot/cli.hpp"
#include "unknot/loader.hpp"
#include "unknot/result.hpp"

#include <cstdint>

#include <string>
#include <vector>

namespace unknot::cli {

//-----------------------------------------------------------------------------
// [SECTION] Options
//-----------------------------------------------------------------------------
struct Common {
    std::vector<std::string> content;  // --content DIR (repeatable)
    std::string lang;                  // --lang; "" = the packs' default
    bool langGiven = false;            // --lang was given (even as "")
};

// --max-minutes: 1 minute to a day (a routine lasts 4 h at most).
inline constexpr int kMaxListMinutes = 24 * 60;

struct ListArgs {
    std::string area, kind, equipment, search;
    bool noEquipment = false, flareSafe = false, json = false;
    int maxMinutes = 0;
};

// unknot render: the routine, the file, the voice, each tap step's pause.
inline constexpr int kMaxRenderWaitSeconds = 600;
struct RenderArgs {
    std::string id, out;
    bool voice = true;
    int waitSeconds = 20;
    bool json = false;
};

// unknot plan list | show ID, each with --json.
struct PlanArgs {
    bool show = false;  // show ID, else list
    std::string id;
    bool json = false;
};

//-----------------------------------------------------------------------------
// [SECTION] Content (content.cpp)
//-----------------------------------------------------------------------------
// The content set asked for (`paths`, or the default set when empty) with the
// bundled vocabularies; an error when no bundled content exists.
Result<Library> loadContent(const CliEnv& env, const std::vector<std::string>& paths);
// Says why loading failed; returns exit status 2.
int sayLoadFailed(const CliEnv& env, const Error& e);
// Commands other than lint mention content problems in one line.
void noteProblems(const CliEnv& env, const Library& lib);
// --lang, or the first language of the loaded packs.
std::string langOf(const Common& c, const Library& lib);
// --lang must name a language of the loaded packs; false after saying which exist.
bool langOffered(const CliEnv& env, const Common& c, const Library& lib);
// A JSON string literal: quotes, backslashes and control characters escaped.
std::string jsonString(const std::string& s);
// The routine `id`, or null after saying it does not exist (with a suggestion).
const Routine* findOrSay(const CliEnv& env, const Library& lib, const std::string& id);

//-----------------------------------------------------------------------------
// [SECTION] Commands: one file each (cmd_lint.cpp, cmd_play.cpp, ...)
//-----------------------------------------------------------------------------
int lint(const CliEnv& env, const Common& c, const std::vector<std::string>& paths);
int play(const CliEnv& env, const Common& c, const std::string& id, const std::string& clock);
int list(const CliEnv& env, const Common& c, const ListArgs& a);
int show(const CliEnv& env, const Common& c, const std::string& id, bool json = false);
int render(const CliEnv& env, const Common& c, const RenderArgs& a);
int plan(const CliEnv& env, const Common& c, const PlanArgs& a);

// Journal commands (cmd_export.cpp, cmd_import.cpp, cmd_journal_check.cpp). Exit statuses: 0 done; 1 the journal or
// the imported file has problems; 2 bad usage, or a file that cannot be
// opened, read or written.
int exportJournal(const CliEnv& env, const std::string& given, const std::string& csv, const std::string& json);
int importJournal(const CliEnv& env, const std::string& given, const std::string& file);
int checkJournalCmd(const CliEnv& env, const std::string& given);

//-----------------------------------------------------------------------------
// [SECTION] Journal (journal_common.cpp)
//-----------------------------------------------------------------------------
// Wall-clock time (Unix ms): env.wallMs, or the system clock.
std::int64_t wallNow(const CliEnv& env);
// --journal PATH, or journal.db in the user's data folder ("" when there is none).
std::string journalPath(const CliEnv& env, const std::string& given);
// True (after saying so) when there is no journal path.
bool noPath(const CliEnv& env, const std::string& path);

}  // namespace unknot::cli
