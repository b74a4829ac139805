// Opening a journal: the file and its mode, the log beside it, recovery
// (moving a damaged or newer file aside, falling back to read-only or to
// memory), and the command line's read-only open.
//
// [SECTION] Files beside the journal: moving aside, creating 0600
// [SECTION] quick_check, told apart
// [SECTION] Opening one file
// [SECTION] Fallbacks: memory, read-only
// [SECTION] Opening: the app's and the command line's
#include "journal_internal.hpp"

#include <cassert>
#include <cctype>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <random>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace unknot {

namespace {

//-----------------------------------------------------------------------------
// [SECTION] Files beside the journal
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

//-----------------------------------------------------------------------------
// [SECTION] quick_check, told apart
//-----------------------------------------------------------------------------
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

//-----------------------------------------------------------------------------
// [SECTION] Opening one file
//-----------------------------------------------------------------------------
namespace {

bool isDamage(int code) { return code == SQLITE_NOTADB || code == SQLITE_CORRUPT; }

// The file's schema version (PRAGMA user_version), or the failing code.
int readVersion(sqlite3* db, int& rc) {
    Stmt s(db, "PRAGMA user_version");
    rc = s.step();
    return rc == SQLITE_ROW ? static_cast<int>(s.i64(0)) : -1;
}

// WAL: a commit appends to the log and a crash leaves the file whole. (A
// read-only file refuses WAL; it can still be read, and writes to it are held
// pending.) The mode is checked: a fault while setting it leaves the file in
// rollback mode, which a journal never runs in; that open is Unavailable (and
// retried). Ok when the mode is set or the file is read-only.
OpenOutcome setWalMode(sqlite3* db, int& rc, std::string& err) {
    Stmt s(db, "PRAGMA journal_mode=WAL");
    std::string mode;
    rc = s.step();
    // The change is written (the header's version bytes) when the statement
    // completes, after its row: that step can fail too.
    if (rc == SQLITE_ROW) {
        mode = s.text(0);
        rc = s.step();
    }
    const bool writable = sqlite3_db_readonly(db, "main") != 1;
    if (rc != SQLITE_DONE) {
        err = sqlite3_errmsg(db);
        if (isDamage(rc)) return OpenOutcome::Corrupt;
        if (writable) {
            if (!isWriteFailure(rc)) rc = SQLITE_IOERR;
            return OpenOutcome::Unavailable;
        }
    } else if (mode != "wal" && writable) {
        err = "the journal could not be put in WAL mode (it is in " + mode + " mode)";
        rc = SQLITE_IOERR;
        return OpenOutcome::Unavailable;
    }
    return OpenOutcome::Ok;
}

// Only real corruption is Corrupt: a read that failed while checking (a row
// "Page 6: unable to get the page. error code=266", or a step failing with an
// I/O error) says nothing about the file.
OpenOutcome checkPages(sqlite3* db, int& rc, std::string& err) {
    QuickCheck q = quickCheck(db);
    if (q.verdict == QuickCheck::Ok) return OpenOutcome::Ok;
    err = "quick_check: " + q.detail;
    rc = q.rc;
    return q.verdict == QuickCheck::Corrupt ? OpenOutcome::Corrupt : OpenOutcome::Unavailable;
}

}  // namespace

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
        return isDamage(rc) ? OpenOutcome::Corrupt : OpenOutcome::Unavailable;
    }
    sqlite3_busy_timeout(m.db, kBusyTimeoutMs);
    // Until the file is known to be ours and current, closing must not
    // checkpoint (that would write a newer Unknot's log into its file).
    sqlite3_db_config(m.db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, nullptr);
    // The version first: a newer file is left exactly as it is (even setting
    // WAL mode would write to it).
    const int version = readVersion(m.db, rc);
    if (version < 0) {
        err = sqlite3_errmsg(m.db);
        return isDamage(rc) ? OpenOutcome::Corrupt : OpenOutcome::Unavailable;
    }
    if (version > Journal::kSchemaVersion) return OpenOutcome::Newer;
    if (version > 0)
        if (OpenOutcome o = checkPages(m.db, rc, err); o != OpenOutcome::Ok) return o;
    if (OpenOutcome o = setWalMode(m.db, rc, err); o != OpenOutcome::Ok) return o;
    // FULL: the log is synced at every commit, so a session that was reported
    // saved survives a power cut too.
    execSql(m.db, "PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON");
    rc = migrateSchema(m.db, version, err);
    if (rc != SQLITE_OK) return isWriteFailure(rc) && !isDamage(rc) ? OpenOutcome::Unavailable : OpenOutcome::Corrupt;
    if (!schemaLooksRight(m.db)) {
        err = "the tables are not the journal's";
        rc = SQLITE_CORRUPT;
        return OpenOutcome::Corrupt;
    }
    sqlite3_db_config(m.db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 0, nullptr);
    rc = SQLITE_OK;
    return OpenOutcome::Ok;
}

//-----------------------------------------------------------------------------
// [SECTION] Fallbacks: memory, read-only
//-----------------------------------------------------------------------------
namespace {

void seed(Journal::Impl& m) {
    std::random_device rd;
    std::seed_seq seq{rd(), rd(), rd(), rd()};
    m.rng.seed(seq);
}

void openMemory(Journal::Impl& m) {
    if (m.db) sqlite3_close_v2(m.db);
    m.db = nullptr;
    m.persistent = false;
    std::string err;
    int rc = sqlite3_open_v2(":memory:", &m.db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
    assert(rc == SQLITE_OK && "an in-memory database only fails when memory is exhausted");
    if (rc != SQLITE_OK) return;
    execSql(m.db, "PRAGMA foreign_keys=ON");
    rc = migrateSchema(m.db, 0, err);
    assert(rc == SQLITE_OK && "the schema's own SQL must run on an empty database");
}

void fallBackToMemory(Journal::Impl& m, const std::string& path, const std::string& reason) {
    openMemory(m);
    notify(m, "journal.in_memory", baseName(path), reason,
           "Unknot cannot keep its journal in " + folderOf(path) + " (" + reasonText(reason) +
               "), so what you record now is kept in memory only and will be lost when Unknot closes.");
}

// "file:<path>?immutable=1", the path percent-encoded.
std::string immutableUri(const std::string& path) {
    std::string uri = "file:";
    for (char ch : path) {
        const auto c = static_cast<unsigned char>(ch);
        if (std::isalnum(c) || c == '/' || c == '-' || c == '_' || c == '.' || c == '~')
            uri += static_cast<char>(c);
        else {
            char hex[4];
            std::snprintf(hex, sizeof hex, "%%%02X", c);
            uri += hex;
        }
    }
    return uri + "?immutable=1";
}

// A journal in a folder that cannot be written (or a file that cannot): SQLite
// can still read a WAL file through a read-only connection. The user sees
// their journal; writes fail with SQLITE_READONLY and are held pending.
// Without a -shm beside it that can be created, SQLite reads a WAL file only
// as "immutable" (a URI parameter); the log was folded into the file when the
// journal was last closed, so that shows everything saved.
bool openReadOnly(Journal::Impl& m, const std::string& path, bool immutableOnly = false) {
    const std::string uri = immutableUri(path);
    for (const std::string& name : {path, uri}) {
        if (immutableOnly && name == path) continue;
        if (m.db) sqlite3_close_v2(m.db);
        m.db = nullptr;
        int flags = SQLITE_OPEN_READONLY | SQLITE_OPEN_NOFOLLOW | (name == uri ? SQLITE_OPEN_URI : 0);
        if (sqlite3_open_v2(name.c_str(), &m.db, flags, nullptr) != SQLITE_OK) continue;
        sqlite3_busy_timeout(m.db, kBusyTimeoutMs);
        // Only a current file: an older one would need migrating, a write.
        int rc = SQLITE_OK;
        if (readVersion(m.db, rc) == Journal::kSchemaVersion && schemaLooksRight(m.db)) return true;
    }
    if (m.db) sqlite3_close_v2(m.db);
    m.db = nullptr;
    return false;
}

//-----------------------------------------------------------------------------
// [SECTION] Opening: the app's and the command line's
//-----------------------------------------------------------------------------
enum class OpenMode { App, Existing };

// Before SQLite sees the file: a -wal or -shm beside it that is not a regular
// file, or a -wal that does not belong to it (docs/journal.md, "Whose log is
// it?"), would be followed or folded into the journal. The app moves them
// aside (`journal.db-wal.foreign-<stamp>`) and says so; the command line
// leaves them and refuses. An error when the journal must not be opened
// normally (then the app reads it without the log).
Result<void> settleLog(Journal::Impl& m, const std::string& path, std::int64_t nowMs, bool app) {
    if (inUseByAnother(path)) return {};  // live: its log is its own
    std::string why;
    std::string shmKind = nonRegularKind(path + "-shm");
    WalVerdict v = judgeWal(path, readWal(path + "-wal", false), why);
    if (v != WalVerdict::Foreign && shmKind.empty()) return {};
    if (v != WalVerdict::Foreign)
        why = baseName(path) + "-shm is " + shmKind + ", not a file";
    else
        why = baseName(path) + "-wal does not belong to this journal: " + why;
    if (!app)
        return fail(path + ": " + why +
                    ". Nothing was changed; Unknot sets it aside when it next starts (or move "
                    "it away yourself).");
    // A -shm that is not a file goes alone: the log beside it may be the journal's.
    std::string moved = moveLogAside(path, nowMs, v == WalVerdict::Foreign);
    if (moved.empty()) return fail("cannot set aside the foreign log beside " + path + ": " + std::strerror(errno));
    notify(m, "journal.moved_foreign_log", baseName(moved), "",
           "Unknot found a log file beside its journal that is not the journal's (" + why +
               "), so it kept it "
               "as " +
               baseName(moved) +
               " and did not apply it. Your journal is as it was last saved; nothing "
               "was deleted.");
    return {};
}

// What openAt hands back: the journal (the app always gets one) and, when
// something went wrong, the error the command line reports.
struct Opened {
    std::unique_ptr<Journal> journal;
    std::string error;
};

// The file cannot be prepared (prepareFile's errno `e`, `kind` when it is not
// a regular file): the app keeps its journal in memory, the command line stops.
Opened cannotPrepare(Opened o, const std::string& path, int e, const std::string& kind, bool app) {
    Journal::Impl& m = JournalAccess::impl(*o.journal);
    if (!kind.empty()) {
        o.error = "cannot open " + path + ": it is " + kind + ", not a journal file";
        if (!app) return {nullptr, o.error};
        openMemory(m);
        notify(m, "journal.in_memory", baseName(path), "not_a_file",
               "Unknot cannot use " + path + " as its journal: it is " + kind +
                   ", not a file. What you record now is kept in memory only and will be lost when Unknot closes.");
        return o;
    }
    o.error = e == ENOENT ? "no journal at " + path : "cannot open " + path + ": " + std::strerror(e);
    if (!app) return {nullptr, o.error};
    fallBackToMemory(m, path, errnoCode(e));
    return o;
}

// A foreign log that could not be moved (a read-only folder): the app shows
// the journal without the log; writes wait in memory.
void openWithoutLog(Journal::Impl& m, const std::string& path) {
    if (!openReadOnly(m, path, true)) {
        fallBackToMemory(m, path, "read_only");
        return;
    }
    m.persistent = true;
    notify(m, "journal.read_only", baseName(path), "read_only",
           "Unknot found a log file beside its journal that is not the journal's and cannot set it aside (" +
               reasonText("read_only") +
               "), so it shows your journal without it. What you record is kept in "
               "memory while Unknot stays open.");
}

// openFile, and once more when it fails (bounded): a fault that passes (a read
// error, a full disk freed a moment later) should not send the whole run to
// memory, or a healthy file aside.
OpenOutcome openFileTwice(Journal::Impl& m, const std::string& path, int& rc, std::string& err) {
    OpenOutcome o = openFile(m, path, rc, err);
    if (!((o == OpenOutcome::Unavailable && rc != SQLITE_BUSY && rc != SQLITE_LOCKED) || o == OpenOutcome::Corrupt))
        return o;
    int rc2 = SQLITE_OK;
    std::string err2;
    OpenOutcome again = openFile(m, path, rc2, err2);
    if (again == OpenOutcome::Ok || again == OpenOutcome::Newer || again == OpenOutcome::Unavailable ||
        o == OpenOutcome::Corrupt) {
        // A file found damaged twice is damaged; one read as damaged and then
        // unreadable is only unreadable.
        o = again;
        rc = rc2;
        err = err2;
    }
    return o;
}

// The file is fine but cannot be written now: read-only if it can be read.
void openUnavailable(Journal::Impl& m, const std::string& path, int rc) {
    std::string reason = reasonCode(rc);
    if (!openReadOnly(m, path)) {
        fallBackToMemory(m, path, reason);
        return;
    }
    m.persistent = true;
    notify(m, "journal.read_only", baseName(path), reason,
           "Unknot can read its journal but cannot save to it (" + reasonText(reason) +
               "). What you record is kept in memory and saved as soon as it can be, while Unknot stays open.");
}

std::string newerError(const std::string& path) {
    return path + " was written by a newer version of Unknot (schema newer than " +
           std::to_string(Journal::kSchemaVersion) + ")";
}

// A newer or damaged file is kept beside under a new name, and said so; false
// when it could not be moved (the journal is then in memory).
bool keepAside(Journal::Impl& m, const std::string& path, bool newer, std::int64_t nowMs) {
    std::string moved = moveAside(path, newer ? "newer" : "corrupt", nowMs);
    if (moved.empty()) {
        fallBackToMemory(m, path, errnoCode(errno));
        return false;
    }
    if (newer)
        notify(m, "journal.moved_newer", baseName(moved), "",
               "Your journal was written by a newer version of Unknot, so Unknot kept it as " + baseName(moved) +
                   " and started a new one. Nothing was deleted: a newer Unknot can still open it.");
    else
        notify(m, "journal.moved_corrupt", baseName(moved), "",
               "Your journal could not be read, so Unknot kept it as " + baseName(moved) +
                   " and started a new one. Nothing was deleted.");
    return true;
}

Opened openAt(const std::string& path, std::int64_t nowMs, OpenMode mode) {
    Opened o{JournalAccess::make(), {}};
    Journal::Impl& m = JournalAccess::impl(*o.journal);
    m.path = path;
    const bool app = mode == OpenMode::App;
    if (path.empty()) {
        o.error = "no journal path (the system gave no data folder)";
        if (!app) return {nullptr, o.error};
        fallBackToMemory(m, path, "cannot_open");
        return o;
    }
    // Two attempts: the file as found, then (after moving it aside) a new one.
    for (int attempt = 0; attempt < 2; ++attempt) {
        std::string kind;
        if (int e = prepareFile(path, app, kind); e != 0) return cannotPrepare(std::move(o), path, e, kind, app);
        if (Result<void> settled = settleLog(m, path, nowMs, app); !settled) {
            o.error = settled.error().message;
            if (!app) return {nullptr, o.error};
            openWithoutLog(m, path);
            return o;
        }
        int rc = SQLITE_OK;
        std::string err;
        OpenOutcome outcome = openFileTwice(m, path, rc, err);
        if (outcome == OpenOutcome::Ok) {
            m.persistent = true;
            return o;
        }
        sqlite3_close_v2(m.db);
        m.db = nullptr;
        if (outcome == OpenOutcome::Unavailable) {
            o.error = "cannot open " + path + ": " + err;
            if (!app) return {nullptr, o.error};
            openUnavailable(m, path, rc);
            return o;
        }
        const bool newer = outcome == OpenOutcome::Newer;
        if (!app)
            return {nullptr, newer ? newerError(path)
                                   : path + " cannot be read (" + err + "); 'unknot journal check' says more"};
        if (!keepAside(m, path, newer, nowMs)) return o;
    }
    // A brand-new file that still cannot be used: memory, and say so.
    fallBackToMemory(m, path, "io_error");
    return o;
}

// The read view's schema made current in the copy (an older one migrated,
// a newer one refused); the error says why not.
Result<void> bringViewCurrent(const std::string& path, ReadView& v) {
    auto unreadable = [&](const std::string& why) {
        return fail(path + " cannot be read (" + why + "); 'unknot journal check' says more");
    };
    int rc = SQLITE_OK;
    const int version = readVersion(v.db, rc);
    if (version < 0) return unreadable(sqlite3_errmsg(v.db));
    if (version > Journal::kSchemaVersion) return fail(newerError(path));
    if (version > 0) {
        Stmt s(v.db, "PRAGMA quick_check");
        if (s.step() != SQLITE_ROW || s.text(0) != "ok") return unreadable("quick_check: " + s.text(0));
    }
    if (version < Journal::kSchemaVersion) {
        if (v.live) return fail(path + " is at an older schema and open in another program; close it and try again");
        std::string err;
        if (migrateSchema(v.db, version, err) != SQLITE_OK) return unreadable(err);
    }
    if (!schemaLooksRight(v.db)) return unreadable("the tables are not the journal's");
    return {};
}

// The command line's read-only open: a view that never writes (see
// openReadView), migrated in memory when older, refused when newer.
Result<std::unique_ptr<Journal>> openReading(const std::string& path) {
    ReadView v;
    std::string err;
    int rc = openReadView(path, v, err);
    if (rc == SQLITE_CANTOPEN || rc == SQLITE_IOERR || rc == SQLITE_NOMEM) return fail(err);
    if (rc != SQLITE_OK) return fail(path + " cannot be read (" + err + "); 'unknot journal check' says more");
    if (Result<void> current = bringViewCurrent(path, v); !current) return current.error();
    execSql(v.db, "PRAGMA query_only = 1");
    auto j = JournalAccess::make();
    Journal::Impl& m = JournalAccess::impl(*j);
    m.path = path;
    m.readOnlyCopy = true;
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
    return openAt(path, nowMs, OpenMode::App).journal;
}

std::unique_ptr<Journal> Journal::openExisting(const std::string& path, std::int64_t nowMs, std::string& error) {
    Opened o = openAt(path, nowMs, OpenMode::Existing);
    if (!o.journal) error = o.error;
    return std::move(o.journal);
}

std::unique_ptr<Journal> Journal::openForReading(const std::string& path, std::string& error) {
    Result<std::unique_ptr<Journal>> r = openReading(path);
    if (!r) {
        error = r.error().message;
        return nullptr;
    }
    return std::move(r.value());
}

std::unique_ptr<Journal> Journal::inMemory() {
    auto j = JournalAccess::make();
    openMemory(*j->impl_);
    return j;
}

}  // namespace unknot
