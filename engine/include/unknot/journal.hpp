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
// [SECTION] Records
// [SECTION] History (what the History screen shows)
// [SECTION] Journal
// [SECTION] Export and import
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace unknot {

//-----------------------------------------------------------------------------
// [SECTION] Records
//-----------------------------------------------------------------------------
struct SessionRecord {
    std::int64_t id = 0;       // set by the journal; 0 until recorded
    std::string uid;           // stable across export and import (no duplicates)
    std::string routineId;
    std::int64_t startedAt = 0;  // Unix ms, UTC
    std::int64_t endedAt = 0;
    std::int64_t practisedSeconds = 0;
    bool finished = false;
    std::optional<int> stoppedAtStep;  // 0-based step index when stopped early
    std::optional<int> painBefore;     // 0..10 numeric rating scale
    std::optional<int> painAfter;
    std::string area;                  // optional area id
    std::string note;                  // optional, short
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
    int sessions = 0;        // sessions with both pains recorded
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
    int currentStreak = 0;  // consecutive days up to today (or yesterday)
    int totalSessions = 0;
    std::vector<SessionRecord> sessions;  // newest first, at most sessionLimit
    std::vector<ChartPoint> chart;
    std::vector<RoutineAverage> averages;  // most sessions first
};

//-----------------------------------------------------------------------------
// [SECTION] Journal
//-----------------------------------------------------------------------------
enum class WriteStatus { Saved, Pending };

class Journal {
public:
    static constexpr int kSchemaVersion = 3;

    // Opens or creates the journal at `path` (mode 0600). Never throws. A file
    // that is corrupt or from a newer version is moved aside and a fresh one
    // started; notices() says so in plain words. `nowMs` names the moved file.
    static std::unique_ptr<Journal> open(const std::string& path, std::int64_t nowMs);
    // A journal kept in memory only (tests, or when no folder is writable).
    static std::unique_ptr<Journal> inMemory();
    ~Journal();

    const std::string& path() const;
    bool persistent() const;  // false: in memory only
    // Plain-words messages for the user (moved-aside files, failed writes).
    const std::vector<std::string>& notices() const;
    void clearNotices();

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

    // Settings: text values by key ("lang", "theme", "text_scale", ...).
    std::optional<std::string> setting(const std::string& key) const;
    WriteStatus setSetting(const std::string& key, const std::string& value);

    History history(const HistoryQuery& q) const;

    // Writes that failed and are held in memory, and a retry of them all.
    std::size_t pendingWrites() const;
    bool retryPending();
    const std::string& lastError() const;

private:
    Journal();
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

//-----------------------------------------------------------------------------
// [SECTION] Export and import
//-----------------------------------------------------------------------------
std::string exportCsv(const Journal& j);
std::string exportJson(const Journal& j);
struct ImportResult {
    bool ok = false;
    int added = 0, skipped = 0;  // skipped: already in the journal
    std::string error;
};
ImportResult importJson(Journal& j, const std::string& json);

// `unknot journal check`: integrity, schema version, counts.
struct CheckResult {
    bool ok = false;
    std::vector<std::string> lines;
};
CheckResult checkJournal(const std::string& path);

}  // namespace unknot
