// unknot import FILE [--journal PATH]: merge a JSON export into the journal
// (no duplicates).
#include "cli_internal.hpp"

#include "unknot/journal.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <iostream>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace unknot::cli {
namespace {

// Reads at most kMaxImportBytes + 1 bytes (so a bigger source is told apart
// without reading it all: /dev/zero, an endless pipe).
bool readBounded(std::istream& in, std::string& text) {
    text.clear();
    char buf[65536];
    while (text.size() <= kMaxImportBytes) {
        in.read(buf,
                static_cast<std::streamsize>(std::min<std::size_t>(sizeof buf, kMaxImportBytes + 1 - text.size())));
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

// Regular files, pipes and character devices are read, at most one byte past
// the limit (never forever, never blocking on a FIFO with no writer); a
// folder, a socket or a block device is refused by name. Returns an exit
// status, or -1 when `text` holds the file.
int readExportFile(const CliEnv& env, const std::string& file, std::string& text) {
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
                 << (S_ISDIR(st.st_mode)    ? "a folder"
                     : S_ISSOCK(st.st_mode) ? "a socket"
                                            : "a block device")
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
    return -1;
}

// Reads the export named `file` ('-': standard input) into `text`. Returns an
// exit status when it cannot be read, else -1.
int readExport(const CliEnv& env, const std::string& file, std::string& text) {
    if (file == "-") {
        if (env.in && !readBounded(*env.in, text)) {
            *env.err << "unknot: cannot read standard input\n";
            return 2;
        }
    } else if (int status = readExportFile(env, file, text); status >= 0) {
        return status;
    }
    if (text.size() > kMaxImportBytes) {
        *env.err << "unknot: " << (file == "-" ? "standard input" : file) << ": larger than " << (kMaxImportBytes >> 20)
                 << " MiB, which no journal export is; nothing was imported\n";
        return 1;
    }
    return -1;
}

// The journal at `path`, or null after saying why it cannot be opened.
std::unique_ptr<Journal> openForImport(const CliEnv& env, const std::string& path) {
    // A journal that does not exist yet is created (importing onto a new
    // device); an existing one is never moved aside from the command line.
    std::string error;
    std::unique_ptr<Journal> j;
    struct stat st {};
    if (::lstat(path.c_str(), &st) == 0)
        j = Journal::openExisting(path, wallNow(env), error);
    else {
        j = Journal::open(path, wallNow(env));
        if (!j->persistent()) {
            error = j->notices().empty() ? "cannot create " + path : j->notices().front();
            j.reset();
        }
    }
    if (!j) *env.err << "unknot: " << error << "\n";
    return j;
}

}  // namespace

int importJournal(const CliEnv& env, const std::string& given, const std::string& file) {
    std::string path = journalPath(env, given);
    if (noPath(env, path)) return 2;
    std::string text;
    if (int status = readExport(env, file, text); status >= 0) return status;
    std::unique_ptr<Journal> j = openForImport(env, path);
    if (!j) return 2;
    ImportResult r = importJson(*j, text);
    if (!r.ok) {
        *env.err << "unknot: " << file << ": " << r.error << "\n";
        return r.writeFailed ? 2 : 1;
    }
    *env.out << "imported " << (file == "-" ? "standard input" : file) << ": " << r.added
             << (r.added == 1 ? " session" : " sessions") << " added, " << r.skipped << " already in the journal; "
             << r.favouritesAdded << (r.favouritesAdded == 1 ? " favourite, " : " favourites, ") << r.settingsAdded
             << (r.settingsAdded == 1 ? " setting added" : " settings added");
    // Plans only when there were some, so older exports read as before.
    if (r.planDaysAdded > 0)
        *env.out << "; " << r.planDaysAdded
                 << (r.planDaysAdded == 1 ? " plan day done added" : " plan days done added");
    *env.out << "\n";
    return 0;
}

}  // namespace unknot::cli
