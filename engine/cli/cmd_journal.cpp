// The journal commands: export, import, journal check.
#include "cli_internal.hpp"

#include "unknot/journal.hpp"

#include <cerrno>
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

// Writes `text` to `file` ('-': standard output) through a temporary file and
// a rename, with mode 0600 (an export is as private as the journal), so a
// failed export never leaves half a file.
bool writeOut(const CliEnv& env, const std::string& file, const std::string& text) {
    if (file == "-") {
        *env.out << text;
        env.out->flush();
        return true;
    }
    std::string tmp = file + ".tmp-" + std::to_string(::getpid());
    int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    auto fail = [&](int e) {
        *env.err << "unknot: cannot write " << file << ": " << std::strerror(e) << "\n";
        if (fd >= 0) ::close(fd);
        ::unlink(tmp.c_str());
        return false;
    };
    if (fd < 0) {
        int e = errno;
        *env.err << "unknot: cannot write " << file << ": " << std::strerror(e) << "\n";
        return false;
    }
    for (std::size_t done = 0; done < text.size();) {
        ssize_t n = ::write(fd, text.data() + done, text.size() - done);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return fail(n < 0 ? errno : EIO);
        done += static_cast<std::size_t>(n);
    }
    if (::fsync(fd) != 0) return fail(errno);
    ::close(fd);
    fd = -1;
    if (std::rename(tmp.c_str(), file.c_str()) != 0) return fail(errno);
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
    std::string error;
    auto j = Journal::openExisting(path, wallNow(env), error);
    if (!j) {
        *env.err << "unknot: " << error << "\n";
        return 2;
    }
    const std::string& file = csv.empty() ? json : csv;
    std::string text = csv.empty() ? exportJson(*j, wallNow(env)) : exportCsv(*j);
    if (!writeOut(env, file, text)) return 2;
    std::size_t s = j->allSessions().size(), f = j->favouriteEntries().size(), k = j->settings().size();
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
        if (env.in) text.assign(std::istreambuf_iterator<char>(*env.in), std::istreambuf_iterator<char>());
    } else {
        struct stat st {};
        if (::stat(file.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) {
            *env.err << "unknot: cannot read " << file << ": "
                     << (S_ISDIR(st.st_mode) ? "it is a folder" : std::strerror(errno)) << "\n";
            return 2;
        }
        if (static_cast<std::uint64_t>(st.st_size) > kMaxImportBytes) {
            *env.err << "unknot: " << file << ": larger than " << (kMaxImportBytes >> 20)
                     << " MiB, which no journal export is; nothing was imported\n";
            return 1;
        }
        std::ifstream in(file, std::ios::binary);
        text.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
        if (!in.good() && !in.eof()) {
            *env.err << "unknot: cannot read " << file << "\n";
            return 2;
        }
    }
    // A journal that does not exist yet is created (importing onto a new
    // device); an existing one is never moved aside from the command line.
    std::string error;
    std::unique_ptr<Journal> j;
    struct stat st {};
    if (::stat(path.c_str(), &st) == 0) j = Journal::openExisting(path, wallNow(env), error);
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
