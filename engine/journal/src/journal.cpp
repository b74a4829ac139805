// The journal: opening (and recovering), writing (and holding failed writes),
// and the queries the app shows, pending writes included.
//
// [SECTION] Notices and reasons
// [SECTION] The log's owner, and reading without writing
// [SECTION] Opening: the file, its mode, moving a bad one aside
// [SECTION] Writes: one transaction each, failures kept pending
// [SECTION] Sessions, favourites, settings
// [SECTION] History: SQL when nothing is pending, else from the records
// [SECTION] Test hooks
#include "journal_internal.hpp"

#include <algorithm>
#include <cassert>
#include <cctype>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <map>
#include <random>
#include <set>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace unknot {

//-----------------------------------------------------------------------------
// [SECTION] Notices and reasons
//-----------------------------------------------------------------------------
bool isWriteFailure(int rc) {
    switch (rc & 0xff) {
        case SQLITE_FULL: case SQLITE_READONLY: case SQLITE_IOERR: case SQLITE_CANTOPEN: case SQLITE_BUSY:
        case SQLITE_LOCKED: case SQLITE_PERM: case SQLITE_NOMEM: case SQLITE_CORRUPT: case SQLITE_NOTADB:
        case SQLITE_PROTOCOL: case SQLITE_AUTH: case SQLITE_INTERRUPT: case SQLITE_ABORT:
            return true;
        default:
            return false;
    }
}

std::string reasonCode(int rc) {
    switch (rc & 0xff) {
        case SQLITE_FULL: return "disk_full";
        case SQLITE_READONLY: case SQLITE_PERM: case SQLITE_AUTH: return "read_only";
        case SQLITE_BUSY: case SQLITE_LOCKED: return "busy";
        case SQLITE_CANTOPEN: return "cannot_open";
        default: return "io_error";
    }
}

std::string reasonText(const std::string& code) {
    if (code == "disk_full") return "the storage is full";
    if (code == "read_only") return "the folder or file is read-only";
    if (code == "busy") return "another program is using it";
    if (code == "cannot_open") return "it cannot be opened";
    return "the storage reported an error";
}

namespace {

std::string errnoCode(int e) {
    switch (e) {
        case ENOSPC: case EDQUOT: return "disk_full";
        case EACCES: case EPERM: case EROFS: return "read_only";
        default: return "cannot_open";
    }
}

void notify(Journal::Impl& m, std::string key, std::string file, std::string reason, std::string text) {
    m.notices.push_back(text);
    m.detailed.push_back({std::move(key), std::move(file), std::move(reason), std::move(text)});
}

std::string baseName(const std::string& p) { return std::filesystem::path(p).filename().string(); }

std::string folderOf(const std::string& p) {
    std::string f = std::filesystem::path(p).parent_path().string();
    return f.empty() ? "." : f;
}

}  // namespace

//-----------------------------------------------------------------------------
// [SECTION] The log's owner, and reading without writing
//-----------------------------------------------------------------------------
std::uint32_t nextTag(std::uint32_t t) {
    // A 32-bit mixer (murmur3's finaliser) after a golden-ratio step: two
    // journals' chains, from random starts, do not meet in practice.
    std::uint32_t x = t + 0x9e3779b9u;
    x = (x ^ (x >> 16)) * 0x85ebca6bu;
    x = (x ^ (x >> 13)) * 0xc2b2ae35u;
    x ^= x >> 16;
    return x == 0 ? 1 : x;
}

int bumpTag(sqlite3* db, std::string& err) {
    std::uint32_t t = 0;
    {
        Stmt s(db, "PRAGMA application_id");
        int rc = s.step();
        if (rc != SQLITE_ROW) {
            err = sqlite3_errmsg(db);
            return rc;
        }
        t = static_cast<std::uint32_t>(s.i64(0));
    }
    std::uint32_t n;
    if (t == 0) {
        std::random_device rd;
        n = static_cast<std::uint32_t>(rd());
        if (n == 0) n = 1;
    } else n = nextTag(t);
    return execSql(db, "PRAGMA application_id = " + std::to_string(static_cast<std::int32_t>(n)), &err);
}

std::string nonRegularKind(const std::string& path) {
    struct stat st {};
    if (::lstat(path.c_str(), &st) != 0) return {};
    return kindOfMode(st.st_mode);
}

namespace {
std::uint32_t be32(const unsigned char* p) {
    return (std::uint32_t{p[0]} << 24) | (std::uint32_t{p[1]} << 16) | (std::uint32_t{p[2]} << 8) | p[3];
}

// SQLite's WAL checksum: pairs of 32-bit words, in the byte order the magic
// number names (native when it matches this machine's).
void walChecksum(bool native, const unsigned char* a, std::size_t n, std::uint32_t& s1, std::uint32_t& s2) {
    for (std::size_t i = 0; i + 8 <= n; i += 8) {
        std::uint32_t x0, x1;
        std::memcpy(&x0, a + i, 4);
        std::memcpy(&x1, a + i + 4, 4);
        if (!native) {
            x0 = __builtin_bswap32(x0);
            x1 = __builtin_bswap32(x1);
        }
        s1 += x0 + s2;
        s2 += x1 + s1;
    }
}

// Opens a file for reading without following a link or blocking on a FIFO;
// -1 (errno set) unless it is a regular file.
int openRegular(const std::string& path) {
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK);
    if (fd < 0) return -1;
    struct stat st {};
    if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        ::close(fd);
        errno = EINVAL;
        return -1;
    }
    return fd;
}

bool preadAll(int fd, void* buf, std::size_t n, off_t at) {
    auto* p = static_cast<unsigned char*>(buf);
    while (n > 0) {
        ssize_t r = ::pread(fd, p, n, at);
        if (r < 0 && errno == EINTR) continue;
        if (r <= 0) return false;
        p += r;
        n -= static_cast<std::size_t>(r);
        at += r;
    }
    return true;
}
}  // namespace

WalInfo readWal(const std::string& walPath, bool wantPages) {
    WalInfo w;
    struct stat st {};
    if (::lstat(walPath.c_str(), &st) != 0) return w;
    w.present = true;
    if (!S_ISREG(st.st_mode)) {
        w.regular = false;
        return w;
    }
    int fd = openRegular(walPath);
    if (fd < 0) {
        w.readable = false;
        return w;
    }
    struct Closer {
        int fd;
        ~Closer() { ::close(fd); }
    } closer{fd};
    if (::fstat(fd, &st) != 0) {
        w.readable = false;
        return w;
    }
    const off_t size = st.st_size;
    unsigned char h[32];
    if (size < 32 || !preadAll(fd, h, 32, 0)) return w;  // no header: nothing SQLite would apply
    const std::uint32_t magic = be32(h);
    if ((magic & 0xfffffffeu) != 0x377f0682u || be32(h + 4) != 3007000) return w;
    const std::uint32_t ps = be32(h + 8);
    if (ps < 512 || ps > 65536 || (ps & (ps - 1)) != 0) return w;
    const bool bigEndianHost = __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__;
    const bool native = ((magic & 1) != 0) == bigEndianHost;
    std::uint32_t s1 = 0, s2 = 0;
    walChecksum(native, h, 24, s1, s2);
    if (s1 != be32(h + 24) || s2 != be32(h + 28)) return w;
    w.headerValid = true;
    w.pageSize = ps;
    std::vector<unsigned char> frame(24 + ps);
    std::vector<std::uint32_t> tags;
    std::vector<std::pair<std::uint32_t, std::string>> pages;
    std::size_t n = 0;
    for (off_t at = 32; at + static_cast<off_t>(frame.size()) <= size; at += static_cast<off_t>(frame.size())) {
        if (!preadAll(fd, frame.data(), frame.size(), at)) break;
        const std::uint32_t pgno = be32(frame.data()), commit = be32(frame.data() + 4);
        if (pgno == 0 || std::memcmp(frame.data() + 8, h + 16, 8) != 0) break;
        walChecksum(native, frame.data(), 8, s1, s2);
        walChecksum(native, frame.data() + 24, ps, s1, s2);
        if (s1 != be32(frame.data() + 16) || s2 != be32(frame.data() + 20)) break;
        ++n;
        if (pgno == 1 && ps >= 72) tags.push_back(be32(frame.data() + 24 + 68));
        if (wantPages) pages.emplace_back(pgno, std::string(reinterpret_cast<const char*>(frame.data() + 24), ps));
        if (commit != 0) {
            // A commit: everything up to here is in the log for good.
            w.frames = n;
            w.dbPages = commit;
            w.page1Tags.insert(w.page1Tags.end(), tags.begin(), tags.end());
            tags.clear();
            for (auto& p : pages) w.pages.push_back(std::move(p));
            pages.clear();
        }
    }
    return w;
}

std::uint32_t fileTag(const std::string& dbPath) {
    int fd = openRegular(dbPath);
    if (fd < 0) return 0;
    unsigned char h[72];
    bool ok = preadAll(fd, h, sizeof h, 0);
    ::close(fd);
    if (!ok || std::memcmp(h, "SQLite format 3", 16) != 0) return 0;
    return be32(h + 68);
}

namespace {
std::uint32_t filePageSize(const std::string& dbPath) {
    int fd = openRegular(dbPath);
    if (fd < 0) return 0;
    unsigned char h[18];
    bool ok = preadAll(fd, h, sizeof h, 0);
    ::close(fd);
    if (!ok || std::memcmp(h, "SQLite format 3", 16) != 0) return 0;
    std::uint32_t ps = (std::uint32_t{h[16]} << 8) | h[17];
    return ps == 1 ? 65536 : ps;
}
}  // namespace

WalVerdict judgeWal(const std::string& dbPath, const WalInfo& w, std::string& why) {
    if (!w.present) return WalVerdict::None;
    if (!w.regular) {
        why = "it is " + nonRegularKind(dbPath + "-wal") + ", not a file";
        return WalVerdict::Foreign;
    }
    if (!w.readable) {
        why = "it cannot be read";
        return WalVerdict::Foreign;
    }
    if (w.frames == 0) return WalVerdict::None;
    const std::uint32_t ps = filePageSize(dbPath);
    if (ps != 0 && ps != w.pageSize) {
        why = "its page size is not the journal's";
        return WalVerdict::Foreign;
    }
    const std::uint32_t t = fileTag(dbPath);
    if (t == 0) {
        // A file from before the tag (an older Unknot), or one whose first
        // commit is still in the log: nothing to compare with.
        return WalVerdict::Unknown;
    }
    if (w.page1Tags.empty()) {
        why = "it holds changes this journal did not make";
        return WalVerdict::Foreign;
    }
    if (nextTag(t) == w.page1Tags.front() ||
        std::find(w.page1Tags.begin(), w.page1Tags.end(), t) != w.page1Tags.end())
        return WalVerdict::Ours;
    why = "it was written by another journal, or by this one at another time (a file restored from a backup?)";
    return WalVerdict::Foreign;
}

bool inUseByAnother(const std::string& dbPath) {
    // SQLite's unix VFS: every connection holds a shared lock on byte 128 of
    // the -shm (the "DMS" byte) while it has the file open.
    int fd = openRegular(dbPath + "-shm");
    if (fd < 0) return false;
    struct flock fl {};
    fl.l_type = F_WRLCK;
    fl.l_whence = SEEK_SET;
    fl.l_start = 128;
    fl.l_len = 1;
    bool busy = ::fcntl(fd, F_GETLK, &fl) == 0 && fl.l_type != F_UNLCK;
    ::close(fd);
    return busy;
}

namespace {
std::string readWhole(int fd, bool& ok) {
    std::string s;
    struct stat st {};
    ok = ::fstat(fd, &st) == 0;
    if (!ok) return s;
    s.resize(static_cast<std::size_t>(st.st_size));
    ok = s.empty() || preadAll(fd, s.data(), s.size(), 0);
    return s;
}

std::string headerMode(const std::string& image) {
    if (image.size() < 100) return image.empty() ? "none" : "?";
    unsigned char w = static_cast<unsigned char>(image[18]);
    return w == 2 ? "wal" : w == 1 ? "delete" : "?";
}
}  // namespace

int openReadView(const std::string& path, ReadView& v, std::string& err) {
    if (v.db) sqlite3_close_v2(v.db);
    v.db = nullptr;
    v.notes.clear();
    v.logIgnored = false;
    if (std::string kind = nonRegularKind(path); !kind.empty()) {
        err = path + " is " + kind + ", not a journal file";
        return SQLITE_CANTOPEN;
    }
    if (inUseByAnother(path)) {
        // Another process has it open: its log is live and shared through
        // the -shm, which SQLite reads (and takes a read lock in) alongside.
        v.live = true;
        int rc = sqlite3_open_v2(path.c_str(), &v.db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOFOLLOW, nullptr) & 0xff;
        if (rc != SQLITE_OK) {
            err = sqlite3_errstr(rc);
            return rc;
        }
        sqlite3_busy_timeout(v.db, 5000);
        Stmt s(v.db, "PRAGMA journal_mode");
        if (s.step() == SQLITE_ROW) v.journalMode = s.text(0);
        return SQLITE_OK;
    }
    // A copy in memory: the file and the committed frames of its own log, read
    // twice-checked (the log's header unchanged around the reads) so a process
    // starting meanwhile cannot give us half of one state and half of another.
    std::string image;
    for (int attempt = 0;; ++attempt) {
        WalInfo before = readWal(path + "-wal", true);
        int fd = openRegular(path);
        if (fd < 0) {
            int e = errno;
            err = e == ENOENT ? "no journal at " + path : "cannot open " + path + ": " + std::strerror(e);
            return SQLITE_CANTOPEN;
        }
        bool ok = false;
        image = readWhole(fd, ok);
        ::close(fd);
        if (!ok) {
            err = "cannot read " + path + ": " + std::strerror(errno);
            return SQLITE_IOERR;
        }
        v.journalMode = headerMode(image);
        std::string why;
        WalVerdict verdict = judgeWal(path, before, why);
        WalInfo after = readWal(path + "-wal", false);
        if ((after.frames != before.frames || after.dbPages != before.dbPages ||
             after.page1Tags != before.page1Tags) && attempt < 5)
            continue;
        if (verdict == WalVerdict::Foreign) {
            v.logIgnored = true;
            v.notes.push_back(baseName(path) + "-wal beside the journal does not belong to it (" + why +
                              "), so it was not read. Unknot sets it aside when it next starts.");
        } else if (verdict == WalVerdict::Ours || verdict == WalVerdict::Unknown) {
            const std::size_t ps = before.pageSize;
            for (const auto& [pgno, data] : before.pages) {
                const std::size_t at = static_cast<std::size_t>(pgno - 1) * ps;
                if (image.size() < at + ps) image.resize(at + ps, '\0');
                image.replace(at, ps, data);
            }
            image.resize(static_cast<std::size_t>(before.dbPages) * ps, '\0');
        }
        break;
    }
    if (!image.empty() && (image.size() < 100 || image.compare(0, 16, std::string("SQLite format 3\0", 16)) != 0)) {
        err = "not a SQLite database";
        return SQLITE_NOTADB;
    }
    // The copy is an ordinary (rollback) database in memory: nothing it does
    // can reach the file.
    if (image.size() >= 100) image[18] = image[19] = 1;
    int rc = sqlite3_open_v2(":memory:", &v.db, SQLITE_OPEN_READWRITE, nullptr) & 0xff;
    if (rc != SQLITE_OK) {
        err = sqlite3_errstr(rc);
        return rc;
    }
    if (!image.empty()) {
        auto* buf = static_cast<unsigned char*>(sqlite3_malloc64(image.size()));
        if (!buf) {
            err = "out of memory";
            return SQLITE_NOMEM;
        }
        std::memcpy(buf, image.data(), image.size());
        rc = sqlite3_deserialize(v.db, "main", buf, static_cast<sqlite3_int64>(image.size()),
                                 static_cast<sqlite3_int64>(image.size()),
                                 SQLITE_DESERIALIZE_FREEONCLOSE | SQLITE_DESERIALIZE_RESIZEABLE) & 0xff;
        if (rc != SQLITE_OK) {
            err = sqlite3_errmsg(v.db);
            return rc;
        }
    }
    return SQLITE_OK;
}

namespace {

//-----------------------------------------------------------------------------
// [SECTION] Opening
//-----------------------------------------------------------------------------
// UTC "YYYYMMDD-HHMMSS" of `ms`, for the names of moved-aside files.
std::string stamp(std::int64_t ms) {
    std::string iso = formatIsoUtc(ms);  // 2026-11-21T10:15:00.000Z
    return iso.substr(0, 4) + iso.substr(5, 2) + iso.substr(8, 2) + "-" + iso.substr(11, 2) + iso.substr(14, 2) +
           iso.substr(17, 2);
}

bool exists(const std::string& p) {
    struct stat st {};
    return ::lstat(p.c_str(), &st) == 0;
}

// Moves the file (and its -wal, -shm, -journal companions, so the moved file
// can still be opened as it was) to `<path>.<kind>-<stamp>[-N]`. Returns the
// new path, or "" when it could not be moved.
std::string moveAside(const std::string& path, const std::string& kind, std::int64_t nowMs) {
    const std::string base = path + "." + kind + "-" + stamp(nowMs);
    std::string target = base;
    for (int n = 1; exists(target) || exists(target + "-wal") || exists(target + "-shm"); ++n)
        target = base + "-" + std::to_string(n);
    if (std::rename(path.c_str(), target.c_str()) != 0) return {};
    for (const char* suffix : {"-wal", "-shm", "-journal"}) {
        std::string from = path + suffix;
        if (exists(from)) std::rename(from.c_str(), (target + suffix).c_str());
    }
    return target;
}

// Creates the file with mode 0600 before SQLite sees it (SQLite would use the
// umask, typically 0644), or narrows an existing one: the journal is health
// data, for the user alone. -wal and -shm take the main file's mode. A path
// that is not a regular file (a symbolic link, a FIFO, a device, a socket, a
// folder) is refused with EINVAL and `kind` naming what it is: nothing is
// followed, opened for long or changed (lstat, then O_NOFOLLOW | O_NONBLOCK
// and fchmod on the descriptor, so a link swapped in meanwhile is not
// followed either).
int prepareFile(const std::string& path, bool create, std::string& kind) {
    struct stat st {};
    if (::lstat(path.c_str(), &st) == 0) {
        kind = kindOfMode(st.st_mode);
        if (!kind.empty()) return EINVAL;
        if ((st.st_mode & 077) && create) {
            int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK);
            if (fd >= 0) {
                struct stat fst {};
                if (::fstat(fd, &fst) == 0 && S_ISREG(fst.st_mode)) ::fchmod(fd, fst.st_mode & 0600);
                ::close(fd);
            }
        }
        return 0;
    }
    if (errno != ENOENT || !create) return errno;
    int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK, 0600);
    if (fd < 0) return errno;
    ::close(fd);
    return 0;
}

// Moves the -wal (when `wal`) and -shm beside the journal to
// `<name>.foreign-<stamp>[-N]`
// (renaming a link moves the link, never what it points to). Returns the new
// name of the -wal (or of the -shm when there is no -wal), "" on failure.
std::string moveLogAside(const std::string& path, std::int64_t nowMs, bool wal) {
    std::string first;
    for (const char* suffix : {"-wal", "-shm"}) {
        const std::string from = path + suffix;
        if (!exists(from) || (!wal && std::string(suffix) == "-wal")) continue;
        const std::string base = from + ".foreign-" + stamp(nowMs);
        std::string target = base;
        for (int n = 1; exists(target); ++n) target = base + "-" + std::to_string(n);
        if (std::rename(from.c_str(), target.c_str()) != 0) return {};
        if (first.empty()) first = target;
    }
    return first;
}

enum class OpenOutcome { Ok, Corrupt, Newer, Unavailable };

// Empty (a journal not yet started) or starting with SQLite's magic string.
// Anything else is never handed to SQLite, which might otherwise act on a
// stale -wal beside it (and delete it on close).
bool looksLikeSqlite(const std::string& path) {
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK);
    if (fd < 0) return true;  // SQLite will say why it cannot open it
    char head[16] = {};
    ssize_t n = ::read(fd, head, sizeof head);
    ::close(fd);
    return n == 0 || (n == 16 && std::memcmp(head, "SQLite format 3", 16) == 0);
}

}  // namespace

// The error code a quick_check row names ("error code=266", "returns error
// code 11"), -1 when it names none.
static int namedErrorCode(const std::string& row) {
    std::size_t at = row.find("error code");
    if (at == std::string::npos) return -1;
    at += 10;
    while (at < row.size() && (row[at] == '=' || row[at] == ' ')) ++at;
    if (at >= row.size() || !std::isdigit(static_cast<unsigned char>(row[at]))) return -1;
    long v = 0;
    while (at < row.size() && std::isdigit(static_cast<unsigned char>(row[at])) && v < 1000000)
        v = v * 10 + (row[at++] - '0');
    return static_cast<int>(v);
}

QuickCheck quickCheck(sqlite3* db) {
    QuickCheck q;
    Stmt s(db, "PRAGMA quick_check");
    bool damaged = false;
    for (;;) {
        int rc = s.step();
        if (rc == SQLITE_DONE) break;
        if (rc != SQLITE_ROW) {
            q.detail = q.detail.empty() ? std::string(sqlite3_errmsg(db)) : q.detail;
            q.rc = rc;
            q.verdict = rc == SQLITE_CORRUPT || rc == SQLITE_NOTADB ? QuickCheck::Corrupt : QuickCheck::Failed;
            return q;
        }
        const std::string row = s.text(0);
        if (row == "ok") continue;
        if (q.detail.empty()) q.detail = row;
        int code = namedErrorCode(row);
        if (code >= 0 && (code & 0xff) != SQLITE_CORRUPT && (code & 0xff) != SQLITE_NOTADB) {
            // The check could not read part of the file: no verdict on it.
            q.rc = (code & 0xff) == SQLITE_OK ? SQLITE_IOERR : code & 0xff;
            q.verdict = QuickCheck::Failed;
            return q;
        }
        damaged = true;
    }
    if (damaged) {
        q.rc = SQLITE_CORRUPT;
        q.verdict = QuickCheck::Corrupt;
    }
    return q;
}

namespace {

// Opens the file and brings it to the current schema. Unavailable: it could
// not be opened or written (reason in `rc`); the file itself is fine.
OpenOutcome openFile(Journal::Impl& m, const std::string& path, int& rc, std::string& err) {
    if (m.db) sqlite3_close_v2(m.db);
    m.db = nullptr;
    if (!looksLikeSqlite(path)) {
        rc = SQLITE_NOTADB;
        err = "not a SQLite database";
        return OpenOutcome::Corrupt;
    }
    rc = sqlite3_open_v2(path.c_str(), &m.db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOFOLLOW, nullptr) & 0xff;
    if (rc != SQLITE_OK) {
        err = sqlite3_errstr(rc);
        return rc == SQLITE_NOTADB || rc == SQLITE_CORRUPT ? OpenOutcome::Corrupt : OpenOutcome::Unavailable;
    }
    sqlite3_busy_timeout(m.db, 5000);
    // Until the file is known to be ours and current, closing must not
    // checkpoint (that would write a newer Unknot's log into its file).
    sqlite3_db_config(m.db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, nullptr);
    auto bad = [&](int code) { return code == SQLITE_NOTADB || code == SQLITE_CORRUPT; };

    // The version first: a newer file is left exactly as it is (even setting
    // WAL mode would write to it).
    int version = -1;
    {
        Stmt s(m.db, "PRAGMA user_version");
        rc = s.step();
        if (rc == SQLITE_ROW) version = static_cast<int>(s.i64(0));
    }
    if (version < 0) {
        err = sqlite3_errmsg(m.db);
        return bad(rc) ? OpenOutcome::Corrupt : OpenOutcome::Unavailable;
    }
    if (version > Journal::kSchemaVersion) return OpenOutcome::Newer;
    if (version > 0) {
        // Only real corruption is Corrupt: a read that failed while checking
        // (a row "Page 6: unable to get the page. error code=266", or a step
        // failing with an I/O error) says nothing about the file.
        QuickCheck q = quickCheck(m.db);
        if (q.verdict != QuickCheck::Ok) {
            err = "quick_check: " + q.detail;
            rc = q.rc;
            return q.verdict == QuickCheck::Corrupt ? OpenOutcome::Corrupt : OpenOutcome::Unavailable;
        }
    }
    // WAL: a commit appends to the log and a crash leaves the file whole.
    // FULL: the log is synced at every commit, so a session that was reported
    // saved survives a power cut too. (A read-only file refuses WAL; it can
    // still be read, and writes to it are held pending.) The mode is checked:
    // a fault while setting it leaves the file in rollback mode, which a
    // journal never runs in; that open is Unavailable (and retried).
    {
        Stmt s(m.db, "PRAGMA journal_mode=WAL");
        std::string mode;
        rc = s.step();
        // The change is written (the header's version bytes) when the
        // statement completes, after its row: that step can fail too.
        if (rc == SQLITE_ROW) {
            mode = s.text(0);
            rc = s.step();
        }
        const bool writable = sqlite3_db_readonly(m.db, "main") != 1;
        if (rc != SQLITE_DONE) {
            err = sqlite3_errmsg(m.db);
            if (bad(rc)) return OpenOutcome::Corrupt;
            if (writable) {
                if (!isWriteFailure(rc)) rc = SQLITE_IOERR;
                return OpenOutcome::Unavailable;
            }
        } else if (mode != "wal" && writable) {
            err = "the journal could not be put in WAL mode (it is in " + mode + " mode)";
            rc = SQLITE_IOERR;
            return OpenOutcome::Unavailable;
        }
    }
    execSql(m.db, "PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON");
    rc = migrateSchema(m.db, version, err);
    if (rc != SQLITE_OK) return isWriteFailure(rc) && !bad(rc) ? OpenOutcome::Unavailable : OpenOutcome::Corrupt;
    if (!schemaLooksRight(m.db)) {
        err = "the tables are not the journal's";
        rc = SQLITE_CORRUPT;
        return OpenOutcome::Corrupt;
    }
    sqlite3_db_config(m.db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 0, nullptr);
    rc = SQLITE_OK;
    return OpenOutcome::Ok;
}

void seed(Journal::Impl& m) {
    std::random_device rd;
    std::seed_seq seq{rd(), rd(), rd(), rd()};
    m.rng.seed(seq);
}

bool openMemory(Journal::Impl& m) {
    if (m.db) sqlite3_close_v2(m.db);
    m.db = nullptr;
    m.persistent = false;
    std::string err;
    int rc = sqlite3_open_v2(":memory:", &m.db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
    assert(rc == SQLITE_OK && "an in-memory database only fails when memory is exhausted");
    if (rc != SQLITE_OK) return false;
    execSql(m.db, "PRAGMA foreign_keys=ON");
    rc = migrateSchema(m.db, 0, err);
    assert(rc == SQLITE_OK && "the schema's own SQL must run on an empty database");
    return rc == SQLITE_OK;
}

void fallBackToMemory(Journal::Impl& m, const std::string& path, const std::string& reason) {
    openMemory(m);
    notify(m, "journal.in_memory", baseName(path), reason,
           "Unknot cannot keep its journal in " + folderOf(path) + " (" + reasonText(reason) +
               "), so what you record now is kept in memory only and will be lost when Unknot closes.");
}

// A journal in a folder that cannot be written (or a file that cannot): SQLite
// can still read a WAL file through a read-only connection. The user sees
// their journal; writes fail with SQLITE_READONLY and are held pending.
// Without a -shm beside it that can be created, SQLite reads a WAL file only
// as "immutable" (a URI parameter); the log was folded into the file when the
// journal was last closed, so that shows everything saved.
bool openReadOnly(Journal::Impl& m, const std::string& path, bool immutableOnly = false) {
    std::string uri = "file:";
    for (unsigned char c : path) {
        if (std::isalnum(c) || c == '/' || c == '-' || c == '_' || c == '.' || c == '~') uri += static_cast<char>(c);
        else {
            char hex[4];
            std::snprintf(hex, sizeof hex, "%%%02X", c);
            uri += hex;
        }
    }
    uri += "?immutable=1";
    for (const std::string& name : {path, uri}) {
        if (immutableOnly && name == path) continue;
        if (m.db) sqlite3_close_v2(m.db);
        m.db = nullptr;
        int flags = SQLITE_OPEN_READONLY | SQLITE_OPEN_NOFOLLOW | (name == uri ? SQLITE_OPEN_URI : 0);
        if (sqlite3_open_v2(name.c_str(), &m.db, flags, nullptr) != SQLITE_OK) continue;
        sqlite3_busy_timeout(m.db, 5000);
        bool ok = false;
        {
            // Only a current file: an older one would need migrating, a write.
            Stmt s(m.db, "PRAGMA user_version");
            ok = s.step() == SQLITE_ROW && s.i64(0) == Journal::kSchemaVersion;
        }
        if (ok && schemaLooksRight(m.db)) return true;
    }
    if (m.db) sqlite3_close_v2(m.db);
    m.db = nullptr;
    return false;
}

enum class OpenMode { App, Existing };

// Before SQLite sees the file: a -wal or -shm beside it that is not a regular
// file, or a -wal that does not belong to it (docs/journal.md, "Whose log is
// it?"), would be followed or folded into the journal. The app moves them
// aside (`journal.db-wal.foreign-<stamp>`) and says so; the command line
// leaves them and refuses. Returns false when the journal must not be opened
// normally: `error` says why, `immutable` asks for a read without the log.
bool settleLog(Journal::Impl& m, const std::string& path, std::int64_t nowMs, bool app, std::string& error,
               bool& immutable) {
    immutable = false;
    if (inUseByAnother(path)) return true;  // live: its log is its own
    std::string why;
    std::string shmKind = nonRegularKind(path + "-shm");
    WalVerdict v = judgeWal(path, readWal(path + "-wal", false), why);
    if (v != WalVerdict::Foreign && shmKind.empty()) return true;
    if (v != WalVerdict::Foreign) why = baseName(path) + "-shm is " + shmKind + ", not a file";
    else why = baseName(path) + "-wal does not belong to this journal: " + why;
    if (!app) {
        error = path + ": " + why + ". Nothing was changed; Unknot sets it aside when it next starts (or move it "
                "away yourself).";
        return false;
    }
    // A -shm that is not a file goes alone: the log beside it may be the journal's.
    std::string moved = moveLogAside(path, nowMs, v == WalVerdict::Foreign);
    if (!moved.empty()) {
        notify(m, "journal.moved_foreign_log", baseName(moved), "",
               "Unknot found a log file beside its journal that is not the journal's (" + why + "), so it kept it "
               "as " + baseName(moved) + " and did not apply it. Your journal is as it was last saved; nothing "
               "was deleted.");
        return true;
    }
    error = "cannot set aside the foreign log beside " + path + ": " + std::strerror(errno);
    immutable = true;
    return false;
}

std::unique_ptr<Journal> openAt(const std::string& path, std::int64_t nowMs, OpenMode mode, std::string& error) {
    auto j = JournalAccess::make();
    Journal::Impl& m = JournalAccess::impl(*j);
    m.path = path;
    const bool app = mode == OpenMode::App;
    if (path.empty()) {
        error = "no journal path (the system gave no data folder)";
        if (!app) return nullptr;
        fallBackToMemory(m, path, "cannot_open");
        return j;
    }
    // Two attempts: the file as found, then (after moving it aside) a new one.
    for (int attempt = 0; attempt < 2; ++attempt) {
        std::string kind;
        if (int e = prepareFile(path, app, kind); e != 0) {
            if (!kind.empty()) {
                error = "cannot open " + path + ": it is " + kind + ", not a journal file";
                if (!app) return nullptr;
                openMemory(m);
                notify(m, "journal.in_memory", baseName(path), "not_a_file",
                       "Unknot cannot use " + path + " as its journal: it is " + kind +
                           ", not a file. What you record now is kept in memory only and will be lost when Unknot "
                           "closes.");
                return j;
            }
            error = (e == ENOENT ? "no journal at " : "cannot open " + path + ": ") +
                    (e == ENOENT ? path : std::string(std::strerror(e)));
            if (!app) return nullptr;
            fallBackToMemory(m, path, errnoCode(e));
            return j;
        }
        bool immutable = false;
        if (!settleLog(m, path, nowMs, app, error, immutable)) {
            if (!app) return nullptr;
            // It could not be moved (a read-only folder): show the journal
            // without the log; writes wait in memory.
            if (openReadOnly(m, path, true)) {
                m.persistent = true;
                notify(m, "journal.read_only", baseName(path), "read_only",
                       "Unknot found a log file beside its journal that is not the journal's and cannot set it "
                       "aside (" + reasonText("read_only") + "), so it shows your journal without it. What you "
                       "record is kept in memory while Unknot stays open.");
                return j;
            }
            fallBackToMemory(m, path, "read_only");
            return j;
        }
        int rc = SQLITE_OK;
        std::string err;
        OpenOutcome o = openFile(m, path, rc, err);
        if ((o == OpenOutcome::Unavailable && rc != SQLITE_BUSY && rc != SQLITE_LOCKED) ||
            o == OpenOutcome::Corrupt) {
            // One more attempt (bounded): a fault that passes (a read error,
            // a full disk freed a moment later) should not send the whole
            // run to memory, or a healthy file aside.
            int rc2 = SQLITE_OK;
            std::string err2;
            OpenOutcome again = openFile(m, path, rc2, err2);
            if (again == OpenOutcome::Ok || again == OpenOutcome::Newer || again == OpenOutcome::Unavailable ||
                o == OpenOutcome::Corrupt) {
                // A file found damaged twice is damaged; one read as damaged
                // and then unreadable is only unreadable.
                o = again;
                rc = rc2;
                err = err2;
            }
        }
        if (o == OpenOutcome::Ok) {
            m.persistent = true;
            return j;
        }
        sqlite3_close_v2(m.db);
        m.db = nullptr;
        if (o == OpenOutcome::Unavailable) {
            error = "cannot open " + path + ": " + err;
            if (!app) return nullptr;
            std::string reason = reasonCode(rc);
            if (openReadOnly(m, path)) {
                m.persistent = true;
                notify(m, "journal.read_only", baseName(path), reason,
                       "Unknot can read its journal but cannot save to it (" + reasonText(reason) +
                           "). What you record is kept in memory and saved as soon as it can be, while Unknot "
                           "stays open.");
                return j;
            }
            fallBackToMemory(m, path, reason);
            return j;
        }
        const bool newer = o == OpenOutcome::Newer;
        if (!app) {
            error = newer ? path + " was written by a newer version of Unknot (schema newer than " +
                                std::to_string(Journal::kSchemaVersion) + ")"
                          : path + " cannot be read (" + err + "); 'unknot journal check' says more";
            return nullptr;
        }
        std::string moved = moveAside(path, newer ? "newer" : "corrupt", nowMs);
        if (moved.empty()) {
            fallBackToMemory(m, path, errnoCode(errno));
            return j;
        }
        if (newer)
            notify(m, "journal.moved_newer", baseName(moved), "",
                   "Your journal was written by a newer version of Unknot, so Unknot kept it as " + baseName(moved) +
                       " and started a new one. Nothing was deleted: a newer Unknot can still open it.");
        else
            notify(m, "journal.moved_corrupt", baseName(moved), "",
                   "Your journal could not be read, so Unknot kept it as " + baseName(moved) +
                       " and started a new one. Nothing was deleted.");
    }
    // A brand-new file that still cannot be used: memory, and say so.
    fallBackToMemory(m, path, "io_error");
    return j;
}

// The command line's read-only open: a view that never writes (see
// openReadView), migrated in memory when older, refused when newer.
std::unique_ptr<Journal> openReading(const std::string& path, std::string& error) {
    auto j = JournalAccess::make();
    Journal::Impl& m = JournalAccess::impl(*j);
    m.path = path;
    m.readOnlyCopy = true;
    ReadView v;
    std::string err;
    int rc = openReadView(path, v, err);
    if (rc == SQLITE_CANTOPEN || rc == SQLITE_IOERR || rc == SQLITE_NOMEM) {
        error = err;
        return nullptr;
    }
    auto unreadable = [&](const std::string& why) {
        error = path + " cannot be read (" + why + "); 'unknot journal check' says more";
        return nullptr;
    };
    if (rc != SQLITE_OK) return unreadable(err);
    int version = -1;
    {
        Stmt s(v.db, "PRAGMA user_version");
        if (s.step() == SQLITE_ROW) version = static_cast<int>(s.i64(0));
        else err = sqlite3_errmsg(v.db);
    }
    if (version < 0) return unreadable(err);
    if (version > Journal::kSchemaVersion) {
        error = path + " was written by a newer version of Unknot (schema newer than " +
                std::to_string(Journal::kSchemaVersion) + ")";
        return nullptr;
    }
    if (version > 0) {
        Stmt s(v.db, "PRAGMA quick_check");
        if (s.step() != SQLITE_ROW || s.text(0) != "ok") return unreadable("quick_check: " + s.text(0));
    }
    if (version < Journal::kSchemaVersion) {
        if (v.live) {
            error = path + " is at an older schema and open in another program; close it and try again";
            return nullptr;
        }
        if (migrateSchema(v.db, version, err) != SQLITE_OK) return unreadable(err);
    }
    if (!schemaLooksRight(v.db)) return unreadable("the tables are not the journal's");
    execSql(v.db, "PRAGMA query_only = 1");
    m.db = v.db;
    v.db = nullptr;
    m.persistent = true;
    for (const auto& n : v.notes) notify(m, "journal.foreign_log_ignored", baseName(path) + "-wal", "", n);
    return j;
}

}  // namespace

Journal::Journal() : impl_(std::make_unique<Impl>()) { seed(*impl_); }
Journal::~Journal() = default;

std::unique_ptr<Journal> Journal::open(const std::string& path, std::int64_t nowMs) {
    std::string error;
    return openAt(path, nowMs, OpenMode::App, error);
}

std::unique_ptr<Journal> Journal::openExisting(const std::string& path, std::int64_t nowMs, std::string& error) {
    return openAt(path, nowMs, OpenMode::Existing, error);
}

std::unique_ptr<Journal> Journal::openForReading(const std::string& path, std::string& error) {
    return openReading(path, error);
}

std::unique_ptr<Journal> Journal::inMemory() {
    auto j = JournalAccess::make();
    openMemory(*j->impl_);
    return j;
}

const std::string& Journal::path() const { return impl_->path; }
bool Journal::persistent() const { return impl_->persistent; }
const std::vector<std::string>& Journal::notices() const { return impl_->notices; }
const std::vector<JournalNotice>& Journal::noticesDetailed() const { return impl_->detailed; }
void Journal::clearNotices() {
    impl_->notices.clear();
    impl_->detailed.clear();
}
std::size_t Journal::pendingWrites() const { return impl_->pending.size(); }
const std::string& Journal::lastError() const { return impl_->lastError; }

//-----------------------------------------------------------------------------
// [SECTION] Writes
//-----------------------------------------------------------------------------
int applyOp(sqlite3* db, const PendingOp& op, std::string& err) {
    using K = PendingOp::Kind;
    auto run = [&](Stmt& s) {
        int rc = s.step();
        if (rc == SQLITE_DONE) return SQLITE_OK;
        err = sqlite3_errmsg(db);
        return rc;
    };
    switch (op.kind) {
        case K::AddSession: {
            // ON CONFLICT: replaying a write that did commit adds nothing.
            const SessionRecord& r = op.session;
            Stmt s(db,
                   "INSERT INTO sessions (uid, routine_id, started_at, ended_at, practised_seconds, finished, "
                   "stopped_at_step, pain_before, pain_after, area, note) VALUES (?,?,?,?,?,?,?,?,?,?,?) "
                   "ON CONFLICT(uid) DO NOTHING");
            s.bind(1, r.uid).bind(2, r.routineId).bind(3, r.startedAt).bind(4, r.endedAt);
            s.bind(5, r.practisedSeconds).bind(6, std::int64_t{r.finished}).bind(7, r.stoppedAtStep);
            s.bind(8, r.painBefore).bind(9, r.painAfter).bind(10, r.area).bind(11, r.note);
            return run(s);
        }
        case K::SetPainAfter: {
            Stmt s(db, "UPDATE sessions SET pain_after = ? WHERE uid = ?");
            s.bind(1, op.pain).bind(2, op.key);
            return run(s);
        }
        case K::SetNote: {
            Stmt s(db, "UPDATE sessions SET note = ? WHERE uid = ?");
            s.bind(1, op.text).bind(2, op.key);
            return run(s);
        }
        case K::SetFavourite: {
            // Marking a favourite again keeps its place (the first time added).
            Stmt s(db, op.on ? "INSERT INTO favourites (routine_id, added_at) VALUES (?, ?) ON CONFLICT DO NOTHING"
                             : "DELETE FROM favourites WHERE routine_id = ?");
            s.bind(1, op.key);
            if (op.on) s.bind(2, op.at);
            return run(s);
        }
        case K::SetSetting: {
            Stmt s(db,
                   "INSERT INTO settings (key, value) VALUES (?, ?) "
                   "ON CONFLICT(key) DO UPDATE SET value = excluded.value");
            s.bind(1, op.key).bind(2, op.text);
            return run(s);
        }
    }
    return SQLITE_MISUSE;
}

namespace {

// BEGIN IMMEDIATE .. COMMIT around `ops`; all or nothing.
int commitOps(Journal::Impl& m, const std::deque<PendingOp>& ops, std::string& err, std::int64_t* lastId) {
    int rc = execSql(m.db, "BEGIN IMMEDIATE", &err);
    if (rc == SQLITE_OK) rc = bumpTag(m.db, err);
    for (std::size_t i = 0; rc == SQLITE_OK && i < ops.size(); ++i) rc = applyOp(m.db, ops[i], err);
    if (rc == SQLITE_OK && lastId) *lastId = sqlite3_last_insert_rowid(m.db);
    if (rc == SQLITE_OK) rc = execSql(m.db, "COMMIT", &err);
    if (rc != SQLITE_OK && !sqlite3_get_autocommit(m.db)) execSql(m.db, "ROLLBACK");
    return rc;
}

void dropWriteFailedNotices(Journal::Impl& m) {
    for (std::size_t i = m.detailed.size(); i-- > 0;)
        if (m.detailed[i].key == "journal.write_failed" || m.detailed[i].key == "journal.read_only") {
            m.detailed.erase(m.detailed.begin() + static_cast<std::ptrdiff_t>(i));
            m.notices.erase(m.notices.begin() + static_cast<std::ptrdiff_t>(i));
        }
}

// A connection SQLite opened read-only stays so: before retrying, try the
// file again read-write, in case the folder was made writable since.
void reopenIfReadOnly(Journal::Impl& m) {
    if (!m.persistent || sqlite3_db_readonly(m.db, "main") != 1) return;
    sqlite3* old = m.db;
    m.db = nullptr;
    int rc = SQLITE_OK;
    std::string err;
    if (openFile(m, m.path, rc, err) == OpenOutcome::Ok && sqlite3_db_readonly(m.db, "main") == 0) {
        sqlite3_close_v2(old);
        return;
    }
    if (m.db) sqlite3_close_v2(m.db);
    m.db = old;
}

bool flushPending(Journal::Impl& m) {
    if (m.pending.empty()) return true;
    reopenIfReadOnly(m);
    std::string err;
    int rc = commitOps(m, m.pending, err, nullptr);
    if (rc != SQLITE_OK) {
        m.lastError = "could not save " + std::to_string(m.pending.size()) + " pending change(s): " + err;
        return false;
    }
    m.pending.clear();
    m.lastError.clear();
    dropWriteFailedNotices(m);
    return true;
}

WriteStatus holdPending(Journal::Impl& m, PendingOp op, int rc, const std::string& err);

// Every write goes through here: earlier pending writes first (order is kept),
// then this one in its own transaction; a failure keeps it in memory.
WriteStatus write(Journal::Impl& m, PendingOp op, std::int64_t* id) {
    if (!flushPending(m)) {
        m.pending.push_back(std::move(op));
        ++m.changes;
        return WriteStatus::Pending;
    }
    std::deque<PendingOp> one{op};
    std::string err;
    int rc = commitOps(m, one, err, id);
    if (rc == SQLITE_OK) {
        ++m.changes;
        return WriteStatus::Saved;
    }
    if (!isWriteFailure(rc)) {
        m.lastError = "not saved: " + err;
        return WriteStatus::Rejected;
    }
    return holdPending(m, std::move(op), rc, err);
}

// Keeps `op` in memory, to be saved by the next write or retryPending(), and
// tells the user once (rc: why it could not be saved).
WriteStatus holdPending(Journal::Impl& m, PendingOp op, int rc, const std::string& err) {
    m.pending.push_back(std::move(op));
    ++m.changes;  // shown by every query while it waits
    m.lastError = "could not save to the journal: " + err;
    // A journal opened read-only has said so already: one notice is enough.
    for (const auto& n : m.detailed)
        if (n.key == "journal.read_only") return WriteStatus::Pending;
    std::string reason = reasonCode(rc);
    notify(m, "journal.write_failed", baseName(m.path), reason,
           "Unknot could not save to its journal (" + reasonText(reason) +
               "). Nothing is lost: what you recorded is kept and will be saved as soon as it can be, while Unknot "
               "stays open.");
    return WriteStatus::Pending;
}

WriteStatus reject(Journal::Impl& m, const std::string& why) {
    m.lastError = why;
    return WriteStatus::Rejected;
}

std::string newUid(Journal::Impl& m) {
    static const char* hex = "0123456789abcdef";
    std::string s;
    for (int w = 0; w < 2; ++w) {
        std::uint64_t v = m.rng();
        for (int i = 0; i < 16; ++i, v >>= 4) s += hex[v & 15];
    }
    return s;
}

// Whether a session with `uid` is recorded (saved, or waiting in memory):
// SQLITE_ROW yes, SQLITE_DONE no, anything else the lookup failed (a read
// error: then nobody knows, and `err` says why).
int findSession(const Journal::Impl& m, const std::string& uid, std::string& err) {
    for (const auto& op : m.pending)
        if (op.kind == PendingOp::Kind::AddSession && op.session.uid == uid) return SQLITE_ROW;
    Stmt s(m.db, "SELECT 1 FROM sessions WHERE uid = ?");
    s.bind(1, uid);
    int rc = s.step();
    if (rc != SQLITE_ROW && rc != SQLITE_DONE) err = sqlite3_errmsg(m.db);
    return rc;
}

// setPainAfter and setNote: a change to a session that must exist. One that
// is not there is refused; when the lookup fails (a read error), it is looked
// up once more, and if that fails too the change is kept pending (the
// session was shown to the user, so it is almost surely there; a change to a
// uid that is not ends up changing nothing).
WriteStatus writeToSession(Journal::Impl& m, PendingOp op) {
    std::string err;
    int rc = findSession(m, op.key, err);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE) rc = findSession(m, op.key, err);
    if (rc == SQLITE_DONE) return reject(m, "no session with uid " + op.key);
    if (rc == SQLITE_ROW) return write(m, std::move(op), nullptr);
    if (!isWriteFailure(rc)) return reject(m, "not saved: " + err);
    return holdPending(m, std::move(op), rc, err);
}

std::optional<SessionRecord> dbSession(const Journal::Impl& m, const std::string& uid) {
    std::string q = std::string("SELECT ") + kSessionColumns + " FROM sessions WHERE uid = ?";
    Stmt s(m.db, q.c_str());
    s.bind(1, uid);
    if (s.step() == SQLITE_ROW) return readSession(s);
    return std::nullopt;
}

}  // namespace

bool Journal::retryPending() { return flushPending(*impl_); }
std::uint64_t Journal::changeCount() const { return impl_->changes; }

WriteStatus Journal::addSession(SessionRecord& record) {
    Impl& m = *impl_;
    if (std::string why = validateSession(record); !why.empty()) return reject(m, "session not recorded: " + why);
    if (record.uid.empty()) record.uid = newUid(m);
    else if (session(record.uid)) return reject(m, "session not recorded: uid " + record.uid + " is already recorded");
    PendingOp op;
    op.kind = PendingOp::Kind::AddSession;
    op.session = record;
    op.session.id = 0;
    std::int64_t id = 0;
    WriteStatus st = write(m, std::move(op), &id);
    record.id = st == WriteStatus::Saved ? id : 0;
    return st;
}

WriteStatus Journal::setPainAfter(const std::string& uid, std::optional<int> pain) {
    if (pain && (*pain < 0 || *pain > 10)) return reject(*impl_, "pain must be from 0 to 10");
    PendingOp op;
    op.kind = PendingOp::Kind::SetPainAfter;
    op.key = uid;
    op.pain = pain;
    return writeToSession(*impl_, std::move(op));
}

WriteStatus Journal::setNote(const std::string& uid, const std::string& note) {
    if (!validUtf8(note)) return reject(*impl_, "note is not valid UTF-8");
    if (note.find('\0') != std::string::npos) return reject(*impl_, "a NUL character is not allowed in a note");
    if (codePoints(note) > static_cast<std::size_t>(kMaxNoteChars))
        return reject(*impl_, "note is longer than " + std::to_string(kMaxNoteChars) + " characters");
    PendingOp op;
    op.kind = PendingOp::Kind::SetNote;
    op.key = uid;
    op.text = note;
    return writeToSession(*impl_, std::move(op));
}

WriteStatus Journal::setFavourite(const std::string& routineId, bool on, std::int64_t nowMs) {
    if (routineId.empty() || routineId.size() > kMaxIdBytes || !validUtf8(routineId) ||
        routineId.find('\0') != std::string::npos)
        return reject(*impl_, "routine id is empty, too long, not UTF-8 or holds a NUL character");
    PendingOp op;
    op.kind = PendingOp::Kind::SetFavourite;
    op.key = routineId;
    op.on = on;
    op.at = nowMs;
    return write(*impl_, std::move(op), nullptr);
}

WriteStatus Journal::setSetting(const std::string& key, const std::string& value) {
    if (key.empty() || key.size() > kMaxIdBytes || !validUtf8(key))
        return reject(*impl_, "setting key is empty, too long or not UTF-8");
    if (value.size() > kMaxSettingBytes || !validUtf8(value))
        return reject(*impl_, "setting value is too long or not UTF-8");
    if (key.find('\0') != std::string::npos || value.find('\0') != std::string::npos)
        return reject(*impl_, "a NUL character is not allowed in a setting");
    PendingOp op;
    op.kind = PendingOp::Kind::SetSetting;
    op.key = key;
    op.text = value;
    return write(*impl_, std::move(op), nullptr);
}

//-----------------------------------------------------------------------------
// [SECTION] Sessions, favourites, settings
//-----------------------------------------------------------------------------
SessionRecord readSession(const Stmt& s) {
    SessionRecord r;
    r.id = s.i64(0);
    r.uid = s.text(1);
    r.routineId = s.text(2);
    r.startedAt = s.i64(3);
    r.endedAt = s.i64(4);
    r.practisedSeconds = s.i64(5);
    r.finished = s.i64(6) != 0;
    r.stoppedAtStep = s.optInt(7);
    r.painBefore = s.optInt(8);
    r.painAfter = s.optInt(9);
    r.area = s.text(10);
    r.note = s.text(11);
    return r;
}

namespace {
// Applies the pending writes that touch sessions to `v` (pending additions
// appended, in order).
void applyPendingSessions(const Journal::Impl& m, std::vector<SessionRecord>& v) {
    using K = PendingOp::Kind;
    for (const auto& op : m.pending) {
        if (op.kind == K::AddSession) {
            bool dup = std::any_of(v.begin(), v.end(), [&](const SessionRecord& r) { return r.uid == op.session.uid; });
            if (!dup) v.push_back(op.session);
        } else if (op.kind == K::SetPainAfter || op.kind == K::SetNote) {
            for (auto& r : v)
                if (r.uid == op.key) {
                    if (op.kind == K::SetPainAfter) r.painAfter = op.pain;
                    else r.note = op.text;
                }
        }
    }
}

// Oldest first by start, ties by id; pending additions (id 0) after the
// recorded ones, in the order they were made.
void sortOldestFirst(std::vector<SessionRecord>& v) {
    auto key = [](const SessionRecord& r) { return r.id == 0 ? INT64_MAX : r.id; };
    std::stable_sort(v.begin(), v.end(), [&](const SessionRecord& a, const SessionRecord& b) {
        return a.startedAt != b.startedAt ? a.startedAt < b.startedAt : key(a) < key(b);
    });
}
}  // namespace

std::optional<SessionRecord> Journal::session(const std::string& uid) const {
    std::vector<SessionRecord> v;
    if (auto r = dbSession(*impl_, uid)) v.push_back(*r);
    if (!impl_->pending.empty()) {
        applyPendingSessions(*impl_, v);
        std::erase_if(v, [&](const SessionRecord& r) { return r.uid != uid; });
    }
    if (v.empty()) return std::nullopt;
    return v.front();
}

std::vector<SessionRecord> Journal::allSessions() const {
    std::vector<SessionRecord> v;
    std::string q = std::string("SELECT ") + kSessionColumns + " FROM sessions ORDER BY started_at, id";
    Stmt s(impl_->db, q.c_str());
    while (s.step() == SQLITE_ROW) v.push_back(readSession(s));
    if (!impl_->pending.empty()) {
        applyPendingSessions(*impl_, v);
        sortOldestFirst(v);
    }
    return v;
}

std::vector<FavouriteEntry> Journal::favouriteEntries() const {
    std::vector<FavouriteEntry> v;
    Stmt s(impl_->db, "SELECT routine_id, added_at FROM favourites ORDER BY added_at DESC, rowid DESC");
    while (s.step() == SQLITE_ROW) v.push_back({s.text(0), s.i64(1)});
    bool changed = false;
    for (const auto& op : impl_->pending) {
        if (op.kind != PendingOp::Kind::SetFavourite) continue;
        auto it = std::find_if(v.begin(), v.end(), [&](const FavouriteEntry& f) { return f.routineId == op.key; });
        if (op.on && it == v.end()) v.insert(v.begin(), {op.key, op.at});
        if (!op.on && it != v.end()) v.erase(it);
        changed = true;
    }
    if (changed)
        std::stable_sort(v.begin(), v.end(), [](const FavouriteEntry& a, const FavouriteEntry& b) { return a.addedAt > b.addedAt; });
    return v;
}

std::vector<std::string> Journal::favourites() const {
    std::vector<std::string> ids;
    for (auto& f : favouriteEntries()) ids.push_back(std::move(f.routineId));
    return ids;
}

bool Journal::isFavourite(const std::string& routineId) const {
    bool on = false;
    {
        Stmt s(impl_->db, "SELECT 1 FROM favourites WHERE routine_id = ?");
        s.bind(1, routineId);
        on = s.step() == SQLITE_ROW;
    }
    for (const auto& op : impl_->pending)
        if (op.kind == PendingOp::Kind::SetFavourite && op.key == routineId) on = op.on;
    return on;
}

std::vector<std::string> Journal::recentRoutines(int limit) const {
    std::vector<std::string> ids;
    if (limit <= 0) return ids;
    if (impl_->pending.empty()) {
        // The (routine_id, started_at) index answers this without the table.
        Stmt s(impl_->db,
               "SELECT routine_id FROM sessions GROUP BY routine_id ORDER BY max(started_at) DESC, routine_id "
               "LIMIT ?");
        s.bind(1, std::int64_t{limit});
        while (s.step() == SQLITE_ROW) ids.push_back(s.text(0));
        return ids;
    }
    std::map<std::string, std::int64_t> latest;
    for (const auto& r : allSessions()) {
        auto [it, fresh] = latest.emplace(r.routineId, r.startedAt);
        if (!fresh) it->second = std::max(it->second, r.startedAt);
    }
    std::vector<std::pair<std::string, std::int64_t>> v(latest.begin(), latest.end());
    std::stable_sort(v.begin(), v.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
    for (std::size_t i = 0; i < v.size() && ids.size() < static_cast<std::size_t>(limit); ++i) ids.push_back(v[i].first);
    return ids;
}

std::optional<std::string> Journal::setting(const std::string& key) const {
    std::optional<std::string> v;
    {
        Stmt s(impl_->db, "SELECT value FROM settings WHERE key = ?");
        s.bind(1, key);
        if (s.step() == SQLITE_ROW) v = s.text(0);
    }
    for (const auto& op : impl_->pending)
        if (op.kind == PendingOp::Kind::SetSetting && op.key == key) v = op.text;
    return v;
}

std::vector<std::pair<std::string, std::string>> Journal::settings() const {
    std::map<std::string, std::string> all;
    Stmt s(impl_->db, "SELECT key, value FROM settings");
    while (s.step() == SQLITE_ROW) all[s.text(0)] = s.text(1);
    for (const auto& op : impl_->pending)
        if (op.kind == PendingOp::Kind::SetSetting) all[op.key] = op.text;
    return {all.begin(), all.end()};
}

//-----------------------------------------------------------------------------
// [SECTION] History
//-----------------------------------------------------------------------------
namespace {
constexpr std::int64_t kDayMs = 86400000;

struct Strip {
    std::int64_t offMs, today, firstDay, lastDay;
};

// The days strip: whole weeks, Monday to Sunday, the last one holding today.
Strip stripFor(const HistoryQuery& q, int weeks) {
    Strip s{};
    s.offMs = static_cast<std::int64_t>(q.utcOffsetMinutes) * 60000;
    s.today = floorDiv(q.nowMs + s.offMs, kDayMs);
    // 1970-01-01 was a Thursday: (day + 3) mod 7 is 0 on Mondays.
    std::int64_t weekday = ((s.today + 3) % 7 + 7) % 7;
    s.lastDay = s.today + 6 - weekday;
    s.firstDay = s.lastDay - 7LL * weeks + 1;
    return s;
}

int clampInt(int v, int lo, int hi) { return std::max(lo, std::min(hi, v)); }

void sortAverages(std::vector<RoutineAverage>& v) {
    std::sort(v.begin(), v.end(), [](const RoutineAverage& a, const RoutineAverage& b) {
        return a.sessions != b.sessions ? a.sessions > b.sessions : a.routineId < b.routineId;
    });
}
}  // namespace

History historyFromRecords(std::vector<SessionRecord> v, const HistoryQuery& q) {
    History h;
    const int weeks = clampInt(q.weeks, 0, 520);
    const Strip st = stripFor(q, weeks);
    h.firstDayStartMs = st.firstDay * kDayMs - st.offMs;
    h.daysPractised.assign(static_cast<std::size_t>(weeks) * 7, false);
    sortOldestFirst(v);
    std::set<std::int64_t> days;
    for (const auto& r : v) {
        std::int64_t d = floorDiv(r.startedAt + st.offMs, kDayMs);
        if (d >= st.firstDay && d <= st.lastDay) h.daysPractised[static_cast<std::size_t>(d - st.firstDay)] = true;
        if (d <= st.today) days.insert(d);
    }
    std::int64_t d = days.count(st.today) ? st.today : st.today - 1;
    while (days.count(d)) {
        ++h.currentStreak;
        --d;
    }
    h.totalSessions = static_cast<int>(v.size());
    const int limit = std::max(0, q.sessionLimit);
    for (std::size_t i = v.size(); i-- > 0 && h.sessions.size() < static_cast<std::size_t>(limit);)
        h.sessions.push_back(v[i]);
    std::vector<ChartPoint> chart;
    std::map<std::string, std::pair<int, std::int64_t>> change;
    for (const auto& r : v) {
        if (!r.painBefore || !r.painAfter) continue;
        chart.push_back({r.startedAt, *r.painBefore, *r.painAfter});
        auto& c = change[r.routineId];
        ++c.first;
        c.second += *r.painAfter - *r.painBefore;
    }
    std::size_t keep = std::min(chart.size(), static_cast<std::size_t>(std::max(0, q.chartLimit)));
    h.chart.assign(chart.end() - static_cast<std::ptrdiff_t>(keep), chart.end());
    for (const auto& [id, c] : change)
        h.averages.push_back({id, c.first, static_cast<double>(c.second) / c.first});
    sortAverages(h.averages);
    return h;
}

// Each part is one query on an index, so the History screen stays well under
// a frame with 10,000 sessions (bench/bench_journal.cpp). While writes are
// pending, the records are merged in memory instead (slower, but rare).
History Journal::history(const HistoryQuery& q) const {
    if (!impl_->pending.empty()) return historyFromRecords(allSessions(), q);
    sqlite3* db = impl_->db;
    History h;
    const int weeks = clampInt(q.weeks, 0, 520);
    const Strip st = stripFor(q, weeks);
    h.firstDayStartMs = st.firstDay * kDayMs - st.offMs;
    h.daysPractised.assign(static_cast<std::size_t>(weeks) * 7, false);
    {
        Stmt s(db, "SELECT started_at FROM sessions WHERE started_at >= ? AND started_at < ?");
        s.bind(1, h.firstDayStartMs).bind(2, (st.lastDay + 1) * kDayMs - st.offMs);
        while (s.step() == SQLITE_ROW) {
            std::int64_t d = floorDiv(s.i64(0) + st.offMs, kDayMs);
            if (d >= st.firstDay && d <= st.lastDay) h.daysPractised[static_cast<std::size_t>(d - st.firstDay)] = true;
        }
    }
    {
        // Walks back from today along the index and stops at the first gap.
        Stmt s(db, "SELECT started_at FROM sessions WHERE started_at < ? ORDER BY started_at DESC");
        s.bind(1, (st.today + 1) * kDayMs - st.offMs);
        std::int64_t expect = st.today;
        bool first = true;
        while (s.step() == SQLITE_ROW) {
            std::int64_t d = floorDiv(s.i64(0) + st.offMs, kDayMs);
            if (first && d == st.today - 1) expect = d;  // none today yet: count from yesterday
            first = false;
            if (d == expect) {
                ++h.currentStreak;
                --expect;
            } else if (d < expect) break;  // d == expect + 1: same day as the last one counted
        }
    }
    {
        Stmt s(db, "SELECT count(*) FROM sessions");
        if (s.step() == SQLITE_ROW) h.totalSessions = static_cast<int>(s.i64(0));
    }
    {
        std::string sql = std::string("SELECT ") + kSessionColumns +
                          " FROM sessions ORDER BY started_at DESC, id DESC LIMIT ?";
        Stmt s(db, sql.c_str());
        s.bind(1, std::int64_t{std::max(0, q.sessionLimit)});
        while (s.step() == SQLITE_ROW) h.sessions.push_back(readSession(s));
    }
    {
        Stmt s(db,
               "SELECT started_at, pain_before, pain_after FROM sessions "
               "WHERE pain_before IS NOT NULL AND pain_after IS NOT NULL ORDER BY started_at DESC, id DESC LIMIT ?");
        s.bind(1, std::int64_t{std::max(0, q.chartLimit)});
        while (s.step() == SQLITE_ROW)
            h.chart.push_back({s.i64(0), static_cast<int>(s.i64(1)), static_cast<int>(s.i64(2))});
        std::reverse(h.chart.begin(), h.chart.end());
    }
    {
        Stmt s(db,
               "SELECT routine_id, count(*), sum(pain_after - pain_before) FROM sessions "
               "WHERE pain_before IS NOT NULL AND pain_after IS NOT NULL GROUP BY routine_id");
        while (s.step() == SQLITE_ROW) {
            int n = static_cast<int>(s.i64(1));
            h.averages.push_back({s.text(0), n, static_cast<double>(s.i64(2)) / n});
        }
        sortAverages(h.averages);
    }
    return h;
}

//-----------------------------------------------------------------------------
// [SECTION] Test hooks
//-----------------------------------------------------------------------------
void Journal::setMaxPageCountForTesting(std::int64_t pages) {
    execSql(impl_->db, "PRAGMA max_page_count = " + std::to_string(pages > 0 ? pages : 1073741823));
}

void Journal::setSnapshotHookForTesting(std::function<void()> hook) { impl_->snapshotHook = std::move(hook); }

void Journal::setReadOnlyForTesting(bool on) {
    execSql(impl_->db, std::string("PRAGMA query_only = ") + (on ? "1" : "0"));
}

}  // namespace unknot
