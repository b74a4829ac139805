// unknot journal check [--journal PATH]: verify the journal's integrity;
// print its version and counts (exit 0 ok, 1 problems, 2 cannot read).
#include "cli_internal.hpp"

#include "unknot/journal.hpp"

#include <iostream>

namespace unknot::cli {

int checkJournalCmd(const CliEnv& env, const std::string& given) {
    std::string path = journalPath(env, given);
    if (noPath(env, path)) return 2;
    CheckResult r = checkJournal(path);
    for (const auto& l : r.lines) *env.out << l << "\n";
    return r.ok ? 0 : r.ioError ? 2 : 1;
}

}  // namespace unknot::cli
