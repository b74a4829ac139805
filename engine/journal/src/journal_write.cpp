// Writes: each in one transaction, earlier pending writes first; a write that
// cannot be saved is kept in memory (pending) and saved by the next one.
//
// [SECTION] Applying one write
// [SECTION] Committing, holding pending
// [SECTION] The public writes
// [SECTION] Test hooks
#include "journal_internal.hpp"

#include <string>
#include <variant>

namespace unknot {

//-----------------------------------------------------------------------------
// [SECTION] Applying one write
//-----------------------------------------------------------------------------
namespace {
// Steps a statement that returns no rows: SQLITE_OK, or the code with `err`.
int run(sqlite3* db, Stmt& s, std::string& err) {
    int rc = s.step();
    if (rc == SQLITE_DONE) return SQLITE_OK;
    err = sqlite3_errmsg(db);
    return rc;
}
}  // namespace

int applyOp(sqlite3* db, const PendingOp& pending, std::string& err) {
    return std::visit(
        Overloaded{
            [&](const op::AddSession& o) {
                // ON CONFLICT: replaying a write that did commit adds nothing.
                const SessionRecord& r = o.session;
                Stmt s(db,
                       "INSERT INTO sessions (uid, routine_id, started_at, ended_at, practised_seconds, finished, "
                       "stopped_at_step, pain_before, pain_after, area, note) VALUES (?,?,?,?,?,?,?,?,?,?,?) "
                       "ON CONFLICT(uid) DO NOTHING");
                s.bind(1, r.uid).bind(2, r.routineId).bind(3, r.startedAt).bind(4, r.endedAt);
                s.bind(5, r.practisedSeconds).bind(6, std::int64_t{r.finished}).bind(7, r.stoppedAtStep);
                s.bind(8, r.painBefore).bind(9, r.painAfter).bind(10, r.area).bind(11, r.note);
                return run(db, s, err);
            },
            [&](const op::SetPainAfter& o) {
                Stmt s(db, "UPDATE sessions SET pain_after = ? WHERE uid = ?");
                s.bind(1, o.pain).bind(2, o.uid);
                return run(db, s, err);
            },
            [&](const op::SetNote& o) {
                Stmt s(db, "UPDATE sessions SET note = ? WHERE uid = ?");
                s.bind(1, o.note).bind(2, o.uid);
                return run(db, s, err);
            },
            [&](const op::SetFavourite& o) {
                // Marking a favourite again keeps its place (the first time added).
                Stmt s(db, o.on ? "INSERT INTO favourites (routine_id, added_at) VALUES (?, ?) ON CONFLICT DO NOTHING"
                                : "DELETE FROM favourites WHERE routine_id = ?");
                s.bind(1, o.routineId);
                if (o.on) s.bind(2, o.at);
                return run(db, s, err);
            },
            [&](const op::SetSetting& o) {
                Stmt s(db,
                       "INSERT INTO settings (key, value) VALUES (?, ?) "
                       "ON CONFLICT(key) DO UPDATE SET value = excluded.value");
                s.bind(1, o.key).bind(2, o.value);
                return run(db, s, err);
            },
            [&](const op::StartPlan& o) {
                Stmt s(db,
                       "INSERT INTO active_plan (id, plan_id, start_date, started_at) VALUES (1, ?, ?, ?) "
                       "ON CONFLICT(id) DO UPDATE SET plan_id = excluded.plan_id, start_date = excluded.start_date, "
                       "started_at = excluded.started_at");
                s.bind(1, o.plan.planId).bind(2, o.plan.startDate).bind(3, o.plan.startedAt);
                return run(db, s, err);
            },
            [&](const op::StopPlan&) {
                Stmt s(db, "DELETE FROM active_plan");
                return run(db, s, err);
            },
            [&](const op::MarkPlanDay& o) {
                // Done twice is done once: the first time is kept.
                Stmt s(db,
                       "INSERT INTO plan_days (plan_id, start_date, day, done_at) VALUES (?, ?, ?, ?) "
                       "ON CONFLICT DO NOTHING");
                s.bind(1, o.done.planId).bind(2, o.done.startDate).bind(3, std::int64_t{o.done.day});
                s.bind(4, o.done.doneAt);
                return run(db, s, err);
            },
        },
        pending);
}

//-----------------------------------------------------------------------------
// [SECTION] Committing, holding pending
//-----------------------------------------------------------------------------
namespace {

// BEGIN IMMEDIATE .. COMMIT around `ops`; all or nothing.
int commitOps(Journal::Impl& m, const std::deque<PendingOp>& ops, std::string& err, std::int64_t* lastId) {
    int rc = execSql(m.db, "BEGIN IMMEDIATE", &err);
    if (rc == SQLITE_OK) rc = bumpTag(m.db, err);
    for (std::size_t i = 0; rc == SQLITE_OK && i < ops.size(); ++i) rc = applyOp(m.db, ops[i], err);
    if (rc == SQLITE_OK && lastId) *lastId = sqlite3_last_insert_rowid(m.db);
    if (rc == SQLITE_OK) rc = execSql(m.db, "COMMIT", &err);
    if (rc != SQLITE_OK && !sqlite3_get_autocommit(m.db)) execSql(m.db, "ROLLBACK");
    // Committed to SQLite's file: where that file is only a copy in memory
    // (the web's IndexedDB mirror), the shell makes it durable now.
    if (rc == SQLITE_OK && m.afterCommit) m.afterCommit();
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
    for (const auto& op : m.pending) {
        const bool adds = std::visit(Overloaded{[&](const op::AddSession& o) { return o.session.uid == uid; },
                                                [](const auto&) { return false; }},
                                     op);
        if (adds) return SQLITE_ROW;
    }
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
WriteStatus writeToSession(Journal::Impl& m, const std::string& uid, PendingOp op) {
    std::string err;
    int rc = findSession(m, uid, err);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE) rc = findSession(m, uid, err);
    if (rc == SQLITE_DONE) return reject(m, "no session with uid " + uid);
    if (rc == SQLITE_ROW) return write(m, std::move(op), nullptr);
    if (!isWriteFailure(rc)) return reject(m, "not saved: " + err);
    return holdPending(m, std::move(op), rc, err);
}

}  // namespace

//-----------------------------------------------------------------------------
// [SECTION] The public writes
//-----------------------------------------------------------------------------
bool Journal::retryPending() { return flushPending(*impl_); }
std::uint64_t Journal::changeCount() const { return impl_->changes; }

WriteStatus Journal::addSession(SessionRecord& record) {
    Impl& m = *impl_;
    if (Result<void> valid = validateSession(record); !valid)
        return reject(m, "session not recorded: " + valid.error().message);
    if (record.uid.empty())
        record.uid = newUid(m);
    else if (session(record.uid))
        return reject(m, "session not recorded: uid " + record.uid + " is already recorded");
    op::AddSession add{record};
    add.session.id = 0;
    std::int64_t id = 0;
    WriteStatus st = write(m, std::move(add), &id);
    record.id = st == WriteStatus::Saved ? id : 0;
    return st;
}

WriteStatus Journal::setPainAfter(const std::string& uid, std::optional<int> pain) {
    if (!validPain(pain))
        return reject(*impl_, "pain must be from " + std::to_string(kPainMin) + " to " + std::to_string(kPainMax));
    return writeToSession(*impl_, uid, op::SetPainAfter{uid, pain});
}

WriteStatus Journal::setNote(const std::string& uid, const std::string& note) {
    if (!validUtf8(note)) return reject(*impl_, "note is not valid UTF-8");
    if (note.find('\0') != std::string::npos) return reject(*impl_, "a NUL character is not allowed in a note");
    if (codePoints(note) > static_cast<std::size_t>(kMaxNoteChars))
        return reject(*impl_, "note is longer than " + std::to_string(kMaxNoteChars) + " characters");
    return writeToSession(*impl_, uid, op::SetNote{uid, note});
}

WriteStatus Journal::setFavourite(const std::string& routineId, bool on, std::int64_t nowMs) {
    if (routineId.empty() || routineId.size() > kMaxIdBytes || !validUtf8(routineId) ||
        routineId.find('\0') != std::string::npos)
        return reject(*impl_, "routine id is empty, too long, not UTF-8 or holds a NUL character");
    return write(*impl_, op::SetFavourite{routineId, on, nowMs}, nullptr);
}

WriteStatus Journal::setSetting(const std::string& key, const std::string& value) {
    if (key.empty() || key.size() > kMaxIdBytes || !validUtf8(key))
        return reject(*impl_, "setting key is empty, too long or not UTF-8");
    if (value.size() > kMaxSettingBytes || !validUtf8(value))
        return reject(*impl_, "setting value is too long or not UTF-8");
    if (key.find('\0') != std::string::npos || value.find('\0') != std::string::npos)
        return reject(*impl_, "a NUL character is not allowed in a setting");
    return write(*impl_, op::SetSetting{key, value}, nullptr);
}
WriteStatus Journal::startPlan(const std::string& planId, const std::string& startDate, std::int64_t nowMs) {
    if (planId.empty() || planId.size() > kMaxIdBytes || !validUtf8(planId) || planId.find('\0') != std::string::npos)
        return reject(*impl_, "plan id is empty, too long, not UTF-8 or holds a NUL character");
    if (!validPlanDate(startDate)) return reject(*impl_, "start date must be a date like 2026-11-30");
    return write(*impl_, op::StartPlan{ActivePlan{planId, startDate, nowMs}}, nullptr);
}

WriteStatus Journal::stopPlan() { return write(*impl_, op::StopPlan{}, nullptr); }

WriteStatus Journal::markPlanDayDone(int day, std::int64_t nowMs) {
    if (day < 0 || day > kMaxPlanDayIndex)
        return reject(*impl_, "plan day must be from 0 to " + std::to_string(kMaxPlanDayIndex));
    auto active = activePlan();
    if (!active) return reject(*impl_, "no plan is active");
    return write(*impl_, op::MarkPlanDay{PlanDayDone{active->planId, active->startDate, day, nowMs}}, nullptr);
}

//-----------------------------------------------------------------------------
// [SECTION] Test hooks
//-----------------------------------------------------------------------------
void Journal::setMaxPageCountForTesting(std::int64_t pages) {
    // SQLite's own default (SQLITE_MAX_PAGE_COUNT as Debian builds it).
    constexpr std::int64_t kDefaultMaxPageCount = 1073741823;
    execSql(impl_->db, "PRAGMA max_page_count = " + std::to_string(pages > 0 ? pages : kDefaultMaxPageCount));
}

void Journal::setSnapshotHookForTesting(std::function<void()> hook) { impl_->snapshotHook = std::move(hook); }

void Journal::setAfterCommit(std::function<void()> hook) { impl_->afterCommit = std::move(hook); }

void Journal::setReadOnlyForTesting(bool on) {
    execSql(impl_->db, std::string("PRAGMA query_only = ") + (on ? "1" : "0"));
}

}  // namespace unknot
