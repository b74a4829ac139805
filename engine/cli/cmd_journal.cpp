// The journal commands: export, import, journal check.
#include "cli_internal.hpp"

#include "unknot/journal.hpp"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace unknot::cli {
namespace {
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

// Reads at most kMaxImportBytes + 1 bytes (so a bigger source is told apart
// without reading it all: /dev/zero, an endless pipe).
bool readBounded(std::istream& in, std::string& text) {
    text.clear();
    char buf[65536];
    while (text.size() <= kMaxImportBytes) {
        in.read(buf, static_cast<std::streamsize>(std::min<std::size_t>(sizeof buf, kMaxImportBytes + 1 - text.size())));
        std::streamsize n = in.gcount();
        if (n <= 0) break;
        text.append(buf, static_cast<std::size_t>(n));
    }
    return !in.bad();
}

int readBoundedFd(int fd, std::string& text) {
    text.clear();
    char buf[65536];
    while (text.size() <= kMaxImportBytes) {
        ssize_t n = ::read(fd, buf, std::min<std::size_t>(sizeof buf, kMaxImportBytes + 1 - text.size()));
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) return errno;
        if (n == 0) break;
        text.append(buf, static_cast<std::size_t>(n));
    }
    return 0;
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
        struct stat js {}, fs {};
        const bool same = ::stat(path.c_str(), &js) == 0 && ::stat(file.c_str(), &fs) == 0 &&
                          js.st_dev == fs.st_dev && js.st_ino == fs.st_ino;
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

int importJournal(const CliEnv& env, const std::string& given, const std::string& file) {
    std::string path = journalPath(env, given);
    if (noPath(env, path)) return 2;
    std::string text;
    if (file == "-") {
        if (env.in && !readBounded(*env.in, text)) {
            *env.err << "unknot: cannot read standard input\n";
            return 2;
        }
    } else {
        // Regular files, pipes and character devices are read, at most one
        // byte past the limit (never forever, never blocking on a FIFO with no
        // writer); a folder, a socket or a block device is refused by name.
        int fd = ::open(file.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
        struct stat st {};
        if (fd < 0 || ::fstat(fd, &st) != 0) {
            int e = errno;
            if (fd >= 0) ::close(fd);
            *env.err << "unknot: cannot read " << file << ": " << std::strerror(e) << "\n";
            return 2;
        }
        if (S_ISDIR(st.st_mode) || S_ISSOCK(st.st_mode) || S_ISBLK(st.st_mode)) {
            ::close(fd);
            *env.err << "unknot: cannot read " << file << ": it is "
                     << (S_ISDIR(st.st_mode) ? "a folder" : S_ISSOCK(st.st_mode) ? "a socket" : "a block device")
                     << ", not a journal export\n";
            return 2;
        }
        if (S_ISREG(st.st_mode) && static_cast<std::uint64_t>(st.st_size) > kMaxImportBytes) {
            ::close(fd);
            *env.err << "unknot: " << file << ": larger than " << (kMaxImportBytes >> 20)
                     << " MiB, which no journal export is; nothing was imported\n";
            return 1;
        }
        int fl = ::fcntl(fd, F_GETFL);
        if (fl >= 0) ::fcntl(fd, F_SETFL, fl & ~O_NONBLOCK);  // a FIFO with no writer reads as empty
        int e = readBoundedFd(fd, text);
        ::close(fd);
        if (e != 0) {
            *env.err << "unknot: cannot read " << file << ": " << std::strerror(e) << "\n";
            return 2;
        }
    }
    if (text.size() > kMaxImportBytes) {
        *env.err << "unknot: " << (file == "-" ? "standard input" : file) << ": larger than " << (kMaxImportBytes >> 20)
                 << " MiB, which no journal export is; nothing was imported\n";
        return 1;
    }
    // A journal that does not exist yet is created (importing onto a new
    // device); an existing one is never moved aside from the command line.
    std::string error;
    std::unique_ptr<Journal> j;
    struct stat st {};
    if (::lstat(path.c_str(), &st) == 0) j = Journal::openExisting(path, wallNow(env), error);
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

}  // namespace unknot::cli
