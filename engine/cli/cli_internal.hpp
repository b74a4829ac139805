// Shared by the command files: the global options, content loading, and one
// entry point per command. Private to engine/cli.
#pragma once

#include "unknot/cli.hpp"
#include "unknot/loader.hpp"

#include <string>
#include <vector>

namespace unknot::cli {

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

// Content commands (cmd_content.cpp).
int lint(const CliEnv& env, const Common& c, const std::vector<std::string>& paths);
int play(const CliEnv& env, const Common& c, const std::string& id, const std::string& clock);
int list(const CliEnv& env, const Common& c, const ListArgs& a);
int show(const CliEnv& env, const Common& c, const std::string& id);

// Journal commands (cmd_journal.cpp). Exit statuses: 0 done; 1 the journal or
// the imported file has problems; 2 bad usage, or a file that cannot be
// opened, read or written.
int exportJournal(const CliEnv& env, const std::string& given, const std::string& csv, const std::string& json);
int importJournal(const CliEnv& env, const std::string& given, const std::string& file);
int checkJournalCmd(const CliEnv& env, const std::string& given);

}  // namespace unknot::cli
