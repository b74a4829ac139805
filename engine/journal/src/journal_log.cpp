// Whose log is it (docs/journal.md): the tag chain every commit moves, the
// -wal read as SQLite's recovery reads it, and the command line's view of a
// journal that never writes.
//
// [SECTION] The tag chain
// [SECTION] Reading files without following links
// [SECTION] The -wal: what it holds, whose it is
// [SECTION] Reading without writing
#include "journal_internal.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <random>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace unknot {

//-----------------------------------------------------------------------------
// [SECTION] The tag chain
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
    } else
        n = nextTag(t);
    return execSql(db, "PRAGMA application_id = " + std::to_string(static_cast<std::int32_t>(n)), &err);
}

std::string nonRegularKind(const std::string& path) {
    struct stat st {};
    if (::lstat(path.c_str(), &st) != 0) return {};
    return kindOfMode(st.st_mode);
}

//-----------------------------------------------------------------------------
// [SECTION] Reading files without following links
//-----------------------------------------------------------------------------
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

//-----------------------------------------------------------------------------
// [SECTION] The -wal: what it holds, whose it is
//-----------------------------------------------------------------------------
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
    if (nextTag(t) == w.page1Tags.front() || std::find(w.page1Tags.begin(), w.page1Tags.end(), t) != w.page1Tags.end())
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

//-----------------------------------------------------------------------------
// [SECTION] Reading without writing
//-----------------------------------------------------------------------------
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

// Another process has it open: its log is live and shared through the -shm,
// which SQLite reads (and takes a read lock in) alongside.
int openLive(const std::string& path, ReadView& v, std::string& err) {
    v.live = true;
    int rc = sqlite3_open_v2(path.c_str(), &v.db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOFOLLOW, nullptr) & 0xff;
    if (rc != SQLITE_OK) {
        err = sqlite3_errstr(rc);
        return rc;
    }
    sqlite3_busy_timeout(v.db, kBusyTimeoutMs);
    Stmt s(v.db, "PRAGMA journal_mode");
    if (s.step() == SQLITE_ROW) v.journalMode = s.text(0);
    return SQLITE_OK;
}

// Writes the committed pages of the log into the file's image.
void applyLog(std::string& image, const WalInfo& log) {
    const std::size_t ps = log.pageSize;
    for (const auto& [pgno, data] : log.pages) {
        const std::size_t at = static_cast<std::size_t>(pgno - 1) * ps;
        if (image.size() < at + ps) image.resize(at + ps, '\0');
        image.replace(at, ps, data);
    }
    image.resize(static_cast<std::size_t>(log.dbPages) * ps, '\0');
}

// The file and the committed frames of its own log, read twice-checked (the
// log's header unchanged around the reads) so a process starting meanwhile
// cannot give us half of one state and half of another.
int readImage(const std::string& path, ReadView& v, std::string& image, std::string& err) {
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
        if ((after.frames != before.frames || after.dbPages != before.dbPages || after.page1Tags != before.page1Tags) &&
            attempt < 5)
            continue;
        if (verdict == WalVerdict::Foreign) {
            v.logIgnored = true;
            v.notes.push_back(baseName(path) + "-wal beside the journal does not belong to it (" + why +
                              "), so it was not read. Unknot sets it aside when it next starts.");
        } else if (verdict == WalVerdict::Ours || verdict == WalVerdict::Unknown) {
            applyLog(image, before);
        }
        return SQLITE_OK;
    }
}

// The image as an ordinary (rollback) database in memory: nothing it does
// can reach the file.
int openCopy(std::string& image, ReadView& v, std::string& err) {
    if (!image.empty() && (image.size() < 100 || image.compare(0, 16, std::string("SQLite format 3\0", 16)) != 0)) {
        err = "not a SQLite database";
        return SQLITE_NOTADB;
    }
    if (image.size() >= 100) image[18] = image[19] = 1;
    int rc = sqlite3_open_v2(":memory:", &v.db, SQLITE_OPEN_READWRITE, nullptr) & 0xff;
    if (rc != SQLITE_OK) {
        err = sqlite3_errstr(rc);
        return rc;
    }
    if (image.empty()) return SQLITE_OK;
    auto* buf = static_cast<unsigned char*>(sqlite3_malloc64(image.size()));
    if (!buf) {
        err = "out of memory";
        return SQLITE_NOMEM;
    }
    std::memcpy(buf, image.data(), image.size());
    rc = sqlite3_deserialize(v.db, "main", buf, static_cast<sqlite3_int64>(image.size()),
                             static_cast<sqlite3_int64>(image.size()),
                             SQLITE_DESERIALIZE_FREEONCLOSE | SQLITE_DESERIALIZE_RESIZEABLE) &
         0xff;
    if (rc != SQLITE_OK) err = sqlite3_errmsg(v.db);
    return rc;
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
    if (inUseByAnother(path)) return openLive(path, v, err);
    std::string image;
    if (int rc = readImage(path, v, image, err); rc != SQLITE_OK) return rc;
    return openCopy(image, v, err);
}

}  // namespace unknot
