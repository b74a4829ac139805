// What the journal commands share: where the journal is, and the clock.
#include "cli_internal.hpp"

#include <chrono>
#include <filesystem>
#include <iostream>

namespace unknot::cli {

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

}  // namespace unknot::cli
