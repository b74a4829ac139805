// The journal: a private record of sessions, pain before and after,
// favourites and settings, in one SQLite file on the device. Nothing leaves it
// except through an export the user asks for.
//
// Nothing written is lost: every write is a transaction committed with
// synchronous=FULL in WAL mode; a write that fails (disk full, read-only
// folder) is kept in memory and retried; a file that is corrupt or from a
// newer Unknot is moved aside under a timestamped name, never overwritten.
//
// The engine never reads the clock: every time is passed in (Unix ms, UTC),
// and day boundaries use the UTC offset the caller gives.
//
// One thread at a time: a Journal is not safe to share between threads.
// docs/journal.md describes the schema, the formats and the guarantees.
//
// [SECTION] Records
// [SECTION] History (what the History screen shows)
// [SECTION] Journal
// [SECTION] Export and import
// [SECTION] Schema history (tests build a file as each version wrote it)
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace unknot {

//-----------------------------------------------------------------------------
// [SECTION] Records
//-----------------------------------------------------------------------------
// The pain scale: a 0 to 10 numeric rating, 0 no pain, 10 the worst imaginable.
// The journal refuses anything else; the UI's picker and the import check read
// these, never their own numbers.
inline constexpr int kPainMin = 0;
inline constexpr int kPainMax = 10;

struct SessionRecord {
    std::int64_t id = 0;  // set by the journal; 0 until recorded
    std::string uid;      // stable across export and import (no duplicates)
    std::string routineId;
    std::int64_t startedAt = 0;  // Unix ms, UTC
    std::int64_t endedAt = 0;
    std::int64_t practisedSeconds = 0;
    bool finished = false;
    std::optional<int> stoppedAtStep;  // 0-based step index when stopped early
    std::optional<int> painBefore;     // kPainMin..kPainMax, or none
    std::optional<int> painAfter;
    std::string area;  // optional area id
    std::string note;  // optional, short
};

//-----------------------------------------------------------------------------
// [SECTION] History
//-----------------------------------------------------------------------------
struct HistoryQuery {
    std::int64_t nowMs = 0;
    int utcOffsetMinutes = 0;  // local time = UTC + offset (day boundaries)
    int weeks = 6;             // days strip: this many whole weeks ending today
    int sessionLimit = 100;    // newest first
    int chartLimit = 120;      // newest sessions with both pains, oldest first
};

struct RoutineAverage {
    std::string routineId;
    int sessions = 0;          // sessions with both pains recorded
    double averageChange = 0;  // mean of (after - before); negative = less pain
};

struct ChartPoint {
    std::int64_t at = 0;  // startedAt
    int before = 0, after = 0;
};

struct History {
    // One entry per day of the strip, oldest first; day 0 is a Monday.
    std::vector<bool> daysPractised;
    std::int64_t firstDayStartMs = 0;  // UTC ms of local midnight of day 0
    int currentStreak = 0;             // consecutive days up to today (or yesterday)
    int totalSessions = 0;
    std::vector<SessionRecord> sessions;  // newest first, at most sessionLimit
    std::vector<ChartPoint> chart;
    std::vector<RoutineAverage> averages;  // most sessions first
};

// History computed from records in memory: what Journal::history() does while
// writes are pending (the SQL path must give exactly the same; tests compare).
History historyFromRecords(std::vector<SessionRecord> sessions, const HistoryQuery& q);

//-----------------------------------------------------------------------------
// [SECTION] Journal
//-----------------------------------------------------------------------------
// Saved: committed to the file (synchronous=FULL) before the call returned.
// Pending: the write failed (disk full, read-only folder); it is held in memory,
// shown by every query, and retried in order. Rejected: the input was invalid
// (pain outside kPainMin..kPainMax, a note too long, an empty routine id, a uid already
// recorded); nothing is stored and lastError() says why.
enum class WriteStatus { Saved, Pending, Rejected };

// A notice in a form the UI can translate: `key` names the message
// ("journal.moved_corrupt", "journal.moved_newer", "journal.write_failed",
// "journal.read_only" (can be read, not written), "journal.in_memory",
// "journal.moved_foreign_log" (a -wal/-shm that was not the journal's, set
// aside), "journal.foreign_log_ignored" (the same, left in place and not read
// by openForReading)), `file` the file it is about (for moved files, the new
// name, without its folder), `reason` a short code for failures ("disk_full",
// "read_only", "io_error", "cannot_open", "busy", "not_a_file"); `text` is the
// English sentence.
struct JournalNotice {
    std::string key;
    std::string file;
    std::string reason;
    std::string text;
};

// A favourite with the time it was added (export keeps it).
struct FavouriteEntry {
    std::string routineId;
    std::int64_t addedAt = 0;
};

// Limits on what one session may hold (also enforced on import).
inline constexpr int kMaxNoteChars = 500;        // Unicode code points
inline constexpr std::size_t kMaxIdBytes = 200;  // routine and area ids, setting keys
inline constexpr std::size_t kMaxSettingBytes = 4096;

// Plans over weeks (content/README.md, section 13). One plan is active at a
// time; a run of it is the plan and the day it started, the person's own
// calendar date (YYYY-MM-DD: the app passes it in, the journal never reads
// the clock). Days done belong to a run: starting again, the same plan or
// another, begins with none done, and the old run's days stay in the journal.
struct ActivePlan {
    std::string planId;
    std::string startDate;       // YYYY-MM-DD, day 0 of the plan
    std::int64_t startedAt = 0;  // Unix ms, when it was started
    bool operator==(const ActivePlan&) const = default;
};
struct PlanDayDone {
    std::string planId;
    std::string startDate;  // the run it belongs to
    int day = 0;            // 0 = the plan's first day
    std::int64_t doneAt = 0;
    bool operator==(const PlanDayDone&) const = default;
};
// The last plan day the journal takes (0 = the first): about ten years, since
// after its weeks (52 at most) a plan goes on at its maintenance rhythm.
inline constexpr int kMaxPlanDayIndex = 10 * 366 - 1;
// A calendar date "YYYY-MM-DD" that exists (2026-02-29 does not).
bool validPlanDate(const std::string& s);

class Journal {
public:
    static constexpr int kSchemaVersion = 4;

    // Opens or creates the journal at `path` (mode 0600). Never throws. A file
    // that is corrupt or from a newer version is moved aside and a fresh one
    // started; notices() says so in plain words. `nowMs` names the moved file.
    static std::unique_ptr<Journal> open(const std::string& path, std::int64_t nowMs);
    // A journal kept in memory only (tests, or when no folder is writable).
    static std::unique_ptr<Journal> inMemory();
    // For the command line: opens an existing journal (migrating an older one)
    // but never creates, moves or replaces a file. Returns nullptr with `error`
    // set when the file is missing, unreadable, corrupt or from a newer Unknot.
    static std::unique_ptr<Journal> openExisting(const std::string& path, std::int64_t nowMs, std::string& error);
    // For `unknot export`: reads the journal without writing, creating,
    // moving or locking any file (also on a read-only or full file system): an
    // in-memory copy of the file with its own log applied (an older schema is
    // migrated in the copy only; a log that is not the journal's is not read,
    // and notices() says so). Writes to it are refused. nullptr with `error`
    // when it is missing, not a regular file, unreadable, corrupt or newer.
    static std::unique_ptr<Journal> openForReading(const std::string& path, std::string& error);
    ~Journal();

    // The file asked for (also when open() fell back to memory: persistent()
    // then says false); "" for inMemory().
    const std::string& path() const;
    bool persistent() const;  // false: in memory only
    // Plain-words messages for the user (moved-aside files, failed writes).
    const std::vector<std::string>& notices() const;
    // The same notices, with a key and parameters for translation.
    const std::vector<JournalNotice>& noticesDetailed() const;
    void clearNotices();
    // Goes up with every write this Journal accepts (saved or pending), so a
    // caller can keep query results until it moves instead of querying again.
    std::uint64_t changeCount() const;

    // Sessions. addSession commits before it returns (synchronous=FULL) and
    // sets record.id and record.uid when empty.
    WriteStatus addSession(SessionRecord& record);
    WriteStatus setPainAfter(const std::string& uid, std::optional<int> pain);
    WriteStatus setNote(const std::string& uid, const std::string& note);
    std::optional<SessionRecord> session(const std::string& uid) const;

    // Favourites, newest first, and the routines practised most recently.
    bool isFavourite(const std::string& routineId) const;
    WriteStatus setFavourite(const std::string& routineId, bool on, std::int64_t nowMs);
    std::vector<std::string> favourites() const;
    std::vector<std::string> recentRoutines(int limit) const;

    // Settings: text values by key ("lang", "theme", "text_percent", ...).
    std::optional<std::string> setting(const std::string& key) const;
    WriteStatus setSetting(const std::string& key, const std::string& value);

    History history(const HistoryQuery& q) const;

    // Plans: the active run, starting one (replacing any other), stopping,
    // and marking a day of the active run done (again: no change).
    std::optional<ActivePlan> activePlan() const;
    WriteStatus startPlan(const std::string& planId, const std::string& startDate, std::int64_t nowMs);
    WriteStatus stopPlan();
    WriteStatus markPlanDayDone(int day, std::int64_t nowMs);
    // The days done of the active run, by day; empty when none is active.
    std::vector<PlanDayDone> planDaysDone() const;
    // Every run's days done (export), by plan, start date and day.
    std::vector<PlanDayDone> allPlanDays() const;

    // Everything, pending writes included: sessions oldest first (by start),
    // favourites newest first, settings by key. Used by export.
    std::vector<SessionRecord> allSessions() const;
    std::vector<FavouriteEntry> favouriteEntries() const;
    std::vector<std::pair<std::string, std::string>> settings() const;

    // Writes that failed and are held in memory, and a retry of them all.
    std::size_t pendingWrites() const;
    bool retryPending();
    const std::string& lastError() const;

    // Test hooks that make real SQLite writes fail: PRAGMA max_page_count
    // (SQLITE_FULL once the file would grow past it; 0 restores the default)
    // and PRAGMA query_only (SQLITE_READONLY, which works even as root, where
    // chmod does not stop writes).
    void setMaxPageCountForTesting(std::int64_t pages);
    void setReadOnlyForTesting(bool on);
    // Runs `hook` between the reads of every snapshot (after the sessions,
    // before favourites and settings): a test writes from another connection
    // there and checks the export still shows one moment.
    void setSnapshotHookForTesting(std::function<void()> hook);

    // Runs `hook` after every write transaction this Journal commits (a
    // session, a pain answer, a note, a favourite, a setting), before the
    // write call returns. The web shell keeps the file in memory mirrored to
    // IndexedDB and starts the copy there (FS.syncfs) from this hook; the
    // desktop needs none (SQLite's own fsync is the commit). Empty: nothing.
    void setAfterCommit(std::function<void()> hook);

    struct Impl;  // opaque: engine/journal/src/journal_internal.hpp

private:
    Journal();
    std::unique_ptr<Impl> impl_;
    friend struct JournalAccess;  // export and import (journal_internal.hpp)
};

//-----------------------------------------------------------------------------
// [SECTION] Export and import
//-----------------------------------------------------------------------------
// Both formats are described in docs/journal.md. `exportedAtMs` (Unix ms) is
// written as "exported_at"; the engine never reads the clock, so without it
// the JSON says null. CSV lines end with CRLF (RFC 4180).
//
// An export is one moment of the journal: everything is read in one read
// transaction on one connection (pending writes merged in), even while another
// process writes. CSV text cells (uid, routine_id, area, note) that begin with
// =, +, -, @, a tab or a carriage return get a leading apostrophe so a
// spreadsheet shows them as text, never runs them; numbers and times are ours
// and written as they are. JSON keeps every text exactly. No NUL byte reaches
// either (the journal refuses them in what it stores; export drops any left
// from an older file).
struct JournalSnapshot {
    std::vector<SessionRecord> sessions;                        // oldest first
    std::vector<FavouriteEntry> favourites;                     // newest first
    std::vector<std::pair<std::string, std::string>> settings;  // by key
    std::optional<ActivePlan> activePlan;
    std::vector<PlanDayDone> planDays;  // every run's, by plan, start date, day
};
JournalSnapshot snapshot(const Journal& j);
std::string exportCsv(const JournalSnapshot& s);
std::string exportJson(const JournalSnapshot& s, std::int64_t exportedAtMs);
std::string exportCsv(const Journal& j);
std::string exportJson(const Journal& j);
std::string exportJson(const Journal& j, std::int64_t exportedAtMs);
// 2 added active_plan and plan_days; files of format 1 still import.
inline constexpr int kExportFormatVersion = 2;

// Writes an export to `file` (a path; standard output is the caller's), the
// one rule for `unknot export` and the app's Export button (docs/journal.md,
// "Where an export goes"). Every write, sync and close is checked:
// - missing, or a regular file: a temporary file beside it (mode 0600, as
//   private as the journal), synced, then renamed over it, so a failed export
//   never leaves half a file or destroys the old one;
// - a symbolic link to a regular file: refused (never replaced by a file,
//   never written through);
// - a named pipe (FIFO) or a character device (/dev/null, a terminal): written
//   in place, never replaced; a pipe with no reader fails at once, never hangs;
// - a folder, a socket, a block device: refused, naming what it is.
// Returns "" when all of `text` was written, else why not, worded to follow
// "cannot write <file>: " ("it is a folder; give a file name inside it").
std::string writeExportFile(const std::string& file, const std::string& text);
inline constexpr std::size_t kMaxImportBytes = 64u << 20;

// Import validates the whole file first and writes nothing when any part is
// wrong (`error` says where and what); then merges in one transaction:
// sessions by uid, favourites by routine id, settings only where not set here,
// the active plan only when none is active here, plan days done by run and day.
// Two different sessions with one uid in the file refuse the whole file (an
// exact repeat counts once); a session ending before it starts is refused.
struct ImportResult {
    bool ok = false;
    int added = 0, skipped = 0;  // skipped: already in the journal
    int favouritesAdded = 0, settingsAdded = 0;
    int planDaysAdded = 0;  // the active plan is taken only when none is active here
    std::string error;
    bool writeFailed = false;  // the file was fine; the journal could not be written
};
ImportResult importJson(Journal& j, const std::string& json);

// `unknot journal check`: integrity, schema version, counts, the log beside
// it. Reads as openForReading does and never modifies, moves, migrates or
// creates a file (no -shm either).
struct CheckResult {
    bool ok = false;
    std::vector<std::string> lines;
    bool ioError = false;  // missing or unreadable (the CLI exits 2, not 1)
    int schemaVersion = -1;
    std::int64_t sessions = 0, favourites = 0, settings = 0;
};
CheckResult checkJournal(const std::string& path);

// ISO 8601 UTC with milliseconds ("2026-11-21T10:15:00.000Z") and back;
// parse returns nullopt for anything else.
std::string formatIsoUtc(std::int64_t ms);
std::optional<std::int64_t> parseIsoUtc(const std::string& s);

//-----------------------------------------------------------------------------
// [SECTION] Schema history
//-----------------------------------------------------------------------------
// The SQL that takes a file from version `to - 1` to `to` (1..kSchemaVersion).
// A fresh file runs them all, so journalSchemaDdl(k) is exactly what version k
// of Unknot created; tests build such files and open them with this code.
std::string journalMigrationSql(int to);
std::string journalSchemaDdl(int version);

}  // namespace unknot
