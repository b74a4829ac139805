// Inside the journal: what its source files share (README.md has the table
// of files). Only these files include sqlite3.h.
//
// [SECTION] Statements (RAII over sqlite3_stmt)
// [SECTION] Pending writes
// [SECTION] The journal's state
// [SECTION] Limits
// [SECTION] Shared helpers
// [SECTION] Notices and reasons (journal_notices.cpp)
// [SECTION] Opening one file (journal_open.cpp)
// [SECTION] The log's owner (journal_log.cpp)
#pragma once

#include "unknot/files.hpp"
#include "unknot/journal.hpp"
#include "unknot/result.hpp"

#include <sqlite3.h>

#include <cstdint>
#include <deque>
#include <functional>
#include <optional>
#include <random>
#include <string>
#include <variant>

namespace unknot {

//-----------------------------------------------------------------------------
// [SECTION] Statements
//-----------------------------------------------------------------------------
// One prepared statement, finalized when it goes out of scope, so no early
// return can leak one (an unfinalized statement also keeps the file busy).
class Stmt {
public:
    Stmt(sqlite3* db, const char* sql) { rc_ = sqlite3_prepare_v2(db, sql, -1, &s_, nullptr); }
    ~Stmt() { sqlite3_finalize(s_); }
    Stmt(const Stmt&) = delete;
    Stmt& operator=(const Stmt&) = delete;

    bool ok() const { return rc_ == SQLITE_OK && s_; }
    int prepareRc() const { return rc_; }
    Stmt& bind(int i, std::int64_t v) {
        sqlite3_bind_int64(s_, i, v);
        return *this;
    }
    Stmt& bind(int i, const std::string& v) {
        sqlite3_bind_text(s_, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
        return *this;
    }
    Stmt& bind(int i, std::optional<int> v) {
        if (v)
            sqlite3_bind_int64(s_, i, *v);
        else
            sqlite3_bind_null(s_, i);
        return *this;
    }
    // SQLITE_ROW, SQLITE_DONE or an error code (primary code only).
    int step() { return ok() ? (sqlite3_step(s_) & 0xff) : (rc_ & 0xff); }
    void reset() {
        sqlite3_reset(s_);
        sqlite3_clear_bindings(s_);
    }

    std::int64_t i64(int c) const { return sqlite3_column_int64(s_, c); }
    bool isNull(int c) const { return sqlite3_column_type(s_, c) == SQLITE_NULL; }
    std::optional<int> optInt(int c) const {
        if (isNull(c)) return std::nullopt;
        return static_cast<int>(sqlite3_column_int64(s_, c));
    }
    std::string text(int c) const {
        const unsigned char* t = sqlite3_column_text(s_, c);
        return t ? std::string(reinterpret_cast<const char*>(t), static_cast<std::size_t>(sqlite3_column_bytes(s_, c)))
                 : std::string();
    }

private:
    sqlite3_stmt* s_ = nullptr;
    int rc_ = SQLITE_ERROR;
};

// Runs SQL with no results; returns the primary result code and sets `err`.
int execSql(sqlite3* db, const std::string& sql, std::string* err = nullptr);

//-----------------------------------------------------------------------------
// [SECTION] Pending writes
//-----------------------------------------------------------------------------
// A write that could not be committed, kept in memory in order. Replaying one
// is idempotent (sessions are inserted by uid with ON CONFLICT DO NOTHING), so
// a commit that reported failure after all is never duplicated.
// One struct per kind of write, each with only its own fields; code that
// handles them uses std::visit, so a new kind is a compile error wherever it
// is not handled (Overloaded below).
namespace op {
struct AddSession {
    SessionRecord session;
};
struct SetPainAfter {
    std::string uid;
    std::optional<int> pain;
};
struct SetNote {
    std::string uid;
    std::string note;
};
struct SetFavourite {
    std::string routineId;
    bool on = false;
    std::int64_t at = 0;
};  // at: when marked
struct SetSetting {
    std::string key;
    std::string value;
};
struct StartPlan {
    ActivePlan plan;
};
struct StopPlan {};
struct MarkPlanDay {
    PlanDayDone done;
};
}  // namespace op
using PendingOp = std::variant<op::AddSession, op::SetPainAfter, op::SetNote, op::SetFavourite, op::SetSetting,
                               op::StartPlan, op::StopPlan, op::MarkPlanDay>;

// std::visit(Overloaded{[](const op::AddSession&) {...}, ...}, op).
template <class... F>
struct Overloaded : F... {
    using F::operator()...;
};
template <class... F>
Overloaded(F...) -> Overloaded<F...>;

//-----------------------------------------------------------------------------
// [SECTION] The journal's state
//-----------------------------------------------------------------------------
struct Journal::Impl {
    sqlite3* db = nullptr;
    std::string path;
    bool persistent = false;
    std::vector<std::string> notices;
    std::vector<JournalNotice> detailed;
    std::deque<PendingOp> pending;
    std::string lastError;
    std::mt19937_64 rng;
    std::uint64_t changes = 0;  // Journal::changeCount()
    // openForReading: an in-memory copy of the file (and its log), never
    // written back; writes to it are refused (query_only).
    bool readOnlyCopy = false;
    std::function<void()> snapshotHook;  // test hook: runs between a snapshot's reads
    std::function<void()> afterCommit;   // Journal::setAfterCommit

    Impl() = default;
    Impl(const Impl&) = delete;
    Impl& operator=(const Impl&) = delete;
    ~Impl() {
        if (db) sqlite3_close_v2(db);
    }
};

// The door export and import use into a Journal (a friend of it).
struct JournalAccess {
    static Journal::Impl& impl(const Journal& j) { return *j.impl_; }
    static std::unique_ptr<Journal> make() { return std::unique_ptr<Journal>(new Journal()); }
};

//-----------------------------------------------------------------------------
// [SECTION] Limits
//-----------------------------------------------------------------------------
// (The user-facing ones, pain and lengths, are in journal.hpp.)
// How long a connection waits for another's lock before reporting busy.
inline constexpr int kBusyTimeoutMs = 5000;
// History's strip: at most ten years of weeks.
inline constexpr int kMaxHistoryWeeks = 520;
inline constexpr std::int64_t kDayMs = 86400000;
// A session's uid: 1 to this many letters, digits, '-' or '_' (validUid).
inline constexpr std::size_t kMaxUidBytes = 64;

//-----------------------------------------------------------------------------
// [SECTION] Shared helpers
//-----------------------------------------------------------------------------
// The columns every session query reads, in the order readSession expects.
inline constexpr const char* kSessionColumns =
    "id, uid, routine_id, started_at, ended_at, practised_seconds, finished, stopped_at_step, "
    "pain_before, pain_after, area, note";
SessionRecord readSession(const Stmt& s);

// Brings a file at version `from` up to Journal::kSchemaVersion in one
// transaction. Returns SQLITE_OK or the failing code, with `err` set.
int migrateSchema(sqlite3* db, int from, std::string& err);
// The file's tables have the columns this version reads (a file that claims
// our version but is something else is treated as unreadable).
bool schemaLooksRight(sqlite3* db);

// Applies one write (no transaction of its own); idempotent, so the pending
// queue can be replayed.
int applyOp(sqlite3* db, const PendingOp& op, std::string& err);
// Errors that mean "could not write now" (kept pending) rather than "wrong input".
bool isWriteFailure(int rc);
// A short code for the reason ("disk_full", ...) and its plain English.
std::string reasonCode(int rc);
std::string reasonText(const std::string& code);

bool validUtf8(const std::string& s);
std::size_t codePoints(const std::string& s);
// Checks a record against the limits; the error says what is wrong.
Result<void> validateSession(const SessionRecord& r);
// A pain rating on the scale (kPainMin..kPainMax), or none.
inline bool validPain(std::optional<int> p) { return !p || (*p >= kPainMin && *p <= kPainMax); }
bool validUid(const std::string& uid);

std::int64_t floorDiv(std::int64_t a, std::int64_t b);
// Oldest first by start, ties by id; pending additions (id 0) after the
// recorded ones, in the order they were made (journal_query.cpp).
void sortOldestFirst(std::vector<SessionRecord>& v);

//-----------------------------------------------------------------------------
// [SECTION] Notices and reasons
//-----------------------------------------------------------------------------
// A reason code ("disk_full", ...) for an errno from opening a file.
std::string errnoCode(int e);
// Adds a notice for the user (key: its string key, file: the file's name).
void notify(Journal::Impl& m, std::string key, std::string file, std::string reason, std::string text);
std::string baseName(const std::string& p);
std::string folderOf(const std::string& p);  // "." for a bare name

//-----------------------------------------------------------------------------
// [SECTION] Opening one file
//-----------------------------------------------------------------------------
enum class OpenOutcome { Ok, Corrupt, Newer, Unavailable };
// Opens the file and brings it to the current schema. Unavailable: it could
// not be opened or written (reason in `rc`); the file itself is fine. (Two
// results, the outcome and SQLite's code, so not a Result<T>.)
OpenOutcome openFile(Journal::Impl& m, const std::string& path, int& rc, std::string& err);

//-----------------------------------------------------------------------------
// [SECTION] The log's owner (docs/journal.md, "Whose log is it?")
//-----------------------------------------------------------------------------
// Every write transaction moves the database's tag (PRAGMA application_id, in
// page 1) one step along a chain: a random start, then nextTag(previous). So
// every commit this code makes carries page 1 into the -wal, and a -wal
// belongs to the database beside it only when the tag on the file is one of
// the log's page-1 tags, or the step just before its first one.
std::uint32_t nextTag(std::uint32_t t);
// Inside an open write transaction: moves the tag one step.
int bumpTag(sqlite3* db, std::string& err);

// PRAGMA quick_check, told apart: Ok; Corrupt (SQLite found the file
// damaged); Failed (a read or lock failed while checking, so the check says
// nothing about the file). A row naming an error code other than
// SQLITE_CORRUPT or SQLITE_NOTADB ("Page 6: unable to get the page. error
// code=266", a read error), or a step that fails with anything but those, is
// Failed. `rc`: the code for reasonCode(); `detail`: the first row, or
// SQLite's message. Only Corrupt ever moves a journal aside.
struct QuickCheck {
    enum Verdict { Ok, Corrupt, Failed } verdict = Ok;
    int rc = SQLITE_OK;
    std::string detail;
};
QuickCheck quickCheck(sqlite3* db);

// What a -wal holds, read the way SQLite's recovery reads it (header, salts,
// cumulative checksums; frames after the last valid commit are ignored).
struct WalInfo {
    bool present = false;      // a -wal exists (any kind of file)
    bool regular = true;       // it is a regular file (not a link, FIFO, ...)
    bool readable = true;      // it could be opened and read
    bool headerValid = false;  // a valid WAL header
    std::uint32_t pageSize = 0;
    std::uint32_t dbPages = 0;             // database size after the last commit
    std::vector<std::uint32_t> page1Tags;  // the tag of each committed page-1 frame
    std::size_t frames = 0;                // committed frames (0: nothing to apply)
    // The committed page images, in order (only when asked for).
    std::vector<std::pair<std::uint32_t, std::string>> pages;
};
WalInfo readWal(const std::string& walPath, bool wantPages);

enum class WalVerdict { None, Ours, Foreign, Unknown };
// None: no log, or one with nothing committed in it. Ours: it continues the
// database (or the database has no tag yet and the log has no other's).
// Foreign: it does not belong (another database, another moment of this one,
// not a regular file, unreadable). `why` says which, in plain words.
WalVerdict judgeWal(const std::string& dbPath, const WalInfo& w, std::string& why);
// The tag in the file's header (0 when it has none or is too short).
std::uint32_t fileTag(const std::string& dbPath);
// True when another process has the journal open (it holds SQLite's lock on
// the -shm); its log is then live and is never judged or moved.
bool inUseByAnother(const std::string& dbPath);
// What a path is when it is not a regular file: "a symbolic link", "a named
// pipe (FIFO)", "a folder", ...; "" for a regular file or nothing there.
std::string nonRegularKind(const std::string& path);  // kindOfMode() of its lstat (files.hpp)

// The command line's way in: a read-only view of the journal that never
// writes, creates, moves or locks a file beside it (docs/journal.md, "Reading
// without writing"). Normally an in-memory copy of the file with its own
// committed log applied (an older schema is migrated in the copy only); when
// another process has the journal open, a read-only SQLite connection that
// shares its index. `notes` gets plain-words lines (a log not read, ...);
// `journalMode` is the mode the file's header says ("wal", "delete", "?").
struct ReadView {
    sqlite3* db = nullptr;
    bool live = false;        // a read-only connection to the file itself
    bool logIgnored = false;  // a -wal beside it was not read (not its own)
    std::string journalMode = "?";
    std::vector<std::string> notes;
    ReadView() = default;
    ReadView(const ReadView&) = delete;
    ReadView& operator=(const ReadView&) = delete;
    ~ReadView() {
        if (db) sqlite3_close_v2(db);
    }
};
// SQLITE_OK, or the code (SQLITE_CANTOPEN/IOERR: not readable; NOTADB: not a
// database) with `err` in plain words. The copy is as the file is (an older
// schema is not migrated here).
int openReadView(const std::string& path, ReadView& v, std::string& err);

}  // namespace unknot
