// unknot export --csv FILE | --json FILE [--journal PATH]: the journal to a
// file or standard output, read-only.
#include "cli_internal.hpp"

#include "unknot/journal.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <iostream>

#include <sys/stat.h>
#include <unistd.h>

namespace unknot::cli {
namespace {

bool cannotWrite(const CliEnv& env, const std::string& file, const std::string& why) {
    *env.err << "unknot: cannot write " << file << ": " << why << "; nothing was exported\n";
    return false;
}

// Writes `text` to `file` ('-': standard output). Every write, flush, sync
// and close is checked: a failure (a full disk, a closed pipe) is an error,
// never "exported". A FILE follows writeExportFile's rules (journal.hpp and
// docs/journal.md, "Where an export goes").
bool writeOut(const CliEnv& env, const std::string& file, const std::string& text) {
    if (file == "-") {
        errno = 0;
        *env.out << text;
        env.out->flush();
        bool ok = static_cast<bool>(*env.out);
        int e = !ok && env.out == &std::cout ? errno : 0;  // what stdio's write said
        if (ok && env.out == &std::cout) {
            // std::cout goes through stdio: flush it and look at the fd too.
            if (std::fflush(stdout) != 0 || std::ferror(stdout)) {
                ok = false;
                e = errno;
            } else {
                struct stat st {};
                if (::fstat(STDOUT_FILENO, &st) == 0 && S_ISREG(st.st_mode) && ::fsync(STDOUT_FILENO) != 0 &&
                    errno != EINVAL && errno != EROFS) {
                    ok = false;
                    e = errno;
                }
            }
        }
        if (!ok) return cannotWrite(env, "standard output", e ? std::strerror(e) : "the write failed (disk full?)");
        return true;
    }
    // A file: the engine's rule, shared with the app's Export button.
    if (std::string why = writeExportFile(file, text); !why.empty()) return cannotWrite(env, file, why);
    return true;
}

}  // namespace

int exportJournal(const CliEnv& env, const std::string& given, const std::string& csv, const std::string& json) {
    if (csv.empty() && json.empty()) {
        *env.err << "unknot: export needs --csv FILE or --json FILE ('-' for standard output)\n";
        return 2;
    }
    std::string path = journalPath(env, given);
    if (noPath(env, path)) return 2;
    // Read-only in every case: a copy in memory, never a write to the journal
    // or a file beside it (Journal::openForReading).
    std::string error;
    auto j = Journal::openForReading(path, error);
    if (!j) {
        *env.err << "unknot: " << error << "\n";
        return 2;
    }
    for (const auto& n : j->notices()) *env.err << "unknot: note: " << n << "\n";
    const std::string& file = csv.empty() ? json : csv;
    // Never over the journal itself (by any name or link) or its log files.
    if (file != "-") {
        struct stat js {
        }, fs{};
        const bool same = ::stat(path.c_str(), &js) == 0 && ::stat(file.c_str(), &fs) == 0 && js.st_dev == fs.st_dev &&
                          js.st_ino == fs.st_ino;
        if (same || file == path + "-wal" || file == path + "-shm" || file == path + "-journal") {
            *env.err << "unknot: cannot write " << file << ": that is the journal"
                     << (same ? " itself" : "'s own log file") << "; choose another file; nothing was exported\n";
            return 2;
        }
    }
    JournalSnapshot snap = snapshot(*j);
    std::string text = csv.empty() ? exportJson(snap, wallNow(env)) : exportCsv(snap);
    if (!writeOut(env, file, text)) return 2;
    std::size_t s = snap.sessions.size(), f = snap.favourites.size(), k = snap.settings.size();
    *env.err << "exported " << s << (s == 1 ? " session, " : " sessions, ") << f
             << (f == 1 ? " favourite, " : " favourites, ") << k << (k == 1 ? " setting" : " settings") << " to "
             << (file == "-" ? "standard output" : file) << "\n";
    return 0;
}

}  // namespace unknot::cli
