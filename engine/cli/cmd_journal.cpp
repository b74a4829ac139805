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

// Writes all of `text` to `fd`; 0 or the errno of the first failure.
int writeAll(int fd, const std::string& text) {
    for (std::size_t done = 0; done < text.size();) {
        ssize_t n = ::write(fd, text.data() + done, text.size() - done);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0 && errno == EAGAIN) {
            // A pipe whose reader is slow: wait for room, not spin.
            int fl = ::fcntl(fd, F_GETFL);
            if (fl >= 0 && (fl & O_NONBLOCK) && ::fcntl(fd, F_SETFL, fl & ~O_NONBLOCK) == 0) continue;
        }
        if (n <= 0) return n < 0 ? errno : EIO;
        done += static_cast<std::size_t>(n);
    }
    return 0;
}

bool cannotWrite(const CliEnv& env, const std::string& file, const std::string& why) {
    *env.err << "unknot: cannot write " << file << ": " << why << "; nothing was exported\n";
    return false;
}

// Writes `text` to `file` ('-': standard output). Every write, flush, sync
// and close is checked: a failure (a full disk, a closed pipe) is an error,
// never "exported". The rules for FILE (docs/journal.md, "Where an export
// goes"):
// - missing, or a regular file: a temporary file beside it (mode 0600, as
//   private as the journal), synced, then renamed over it, so a failed export
//   never leaves half a file or destroys the old one;
// - a symbolic link to a regular file: refused (the link is never replaced by
//   a file, and what it points to is not rewritten behind the user's back);
// - a named pipe (FIFO) or a character device (/dev/null, a terminal, or a
//   link to one such as /dev/stdout): written in place, never replaced; a pipe
//   with no reader is an error at once, never a hang;
// - a folder, a socket, a block device: refused, naming what it is.
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
    struct stat lst {};
    const bool present = ::lstat(file.c_str(), &lst) == 0;
    if (!present && errno != ENOENT) return cannotWrite(env, file, std::strerror(errno));
    struct stat st = lst;
    if (present && S_ISLNK(lst.st_mode)) {
        if (::stat(file.c_str(), &st) != 0)
            return cannotWrite(env, file, "it is a symbolic link to nothing (" + std::string(std::strerror(errno)) + ")");
        if (S_ISREG(st.st_mode))
            return cannotWrite(env, file,
                               "it is a symbolic link; Unknot does not replace links or write through them to a "
                               "file: give the path of the file itself");
    }
    if (present && !S_ISREG(st.st_mode)) {
        if (S_ISDIR(st.st_mode)) return cannotWrite(env, file, "it is a folder; give a file name inside it");
        if (!S_ISFIFO(st.st_mode) && !S_ISCHR(st.st_mode))
            return cannotWrite(env, file, std::string("it is ") + (S_ISSOCK(st.st_mode) ? "a socket" : "a block device") +
                                              ", not a file");
        // In place: O_NONBLOCK so a FIFO with no reader fails (ENXIO) at once.
        int fd = ::open(file.c_str(), O_WRONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
        if (fd < 0) {
            int e = errno;
            return cannotWrite(env, file, e == ENXIO ? "it is a named pipe (FIFO) with no reader" : std::strerror(e));
        }
        struct stat fst {};
        if (::fstat(fd, &fst) != 0 || (!S_ISFIFO(fst.st_mode) && !S_ISCHR(fst.st_mode))) {
            ::close(fd);
            return cannotWrite(env, file, "it changed while being opened");
        }
        int e = writeAll(fd, text);
        if (e == 0 && ::close(fd) != 0) e = errno;
        else if (e != 0) ::close(fd);
        if (e != 0) return cannotWrite(env, file, std::strerror(e));
        return true;
    }
    // A missing file, or a regular one: through a temporary file and a rename.
    std::filesystem::path target(file);
    std::string folder = target.parent_path().string();
    if (folder.empty()) folder = ".";
    struct stat dst {};
    if (::stat(folder.c_str(), &dst) != 0)
        return cannotWrite(env, file, "the folder " + folder + " does not exist (" + std::strerror(errno) + ")");
    if (!S_ISDIR(dst.st_mode)) return cannotWrite(env, file, folder + " is not a folder");
    // A fresh name (O_EXCL): a leftover of an earlier run is never reused.
    std::string tmp;
    int fd = -1;
    for (int n = 0; fd < 0 && n < 100; ++n) {
        tmp = file + ".tmp-" + std::to_string(::getpid()) + (n ? "-" + std::to_string(n) : "");
        fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
        if (fd < 0 && errno != EEXIST) break;
    }
    if (fd < 0) return cannotWrite(env, file, std::strerror(errno));
    int e = writeAll(fd, text);
    if (e == 0 && ::fsync(fd) != 0) e = errno;
    if (::close(fd) != 0 && e == 0) e = errno;
    if (e == 0 && std::rename(tmp.c_str(), file.c_str()) != 0) e = errno;
    if (e != 0) {
        ::unlink(tmp.c_str());
        return cannotWrite(env, file, std::strerror(e));
    }
    // The rename itself survives a power cut once the folder is synced.
    int dfd = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dfd >= 0) {
        ::fsync(dfd);
        ::close(dfd);
    }
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
            *env.err << "unknot: cannot write " << file << ": that is the journal "
                     << (same ? "itself" : "'s own log file") << "; choose another file; nothing was exported\n";
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
