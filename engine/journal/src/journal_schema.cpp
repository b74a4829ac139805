// The journal's schema: every version's SQL, the migrations between them,
// `unknot journal check`, and the small helpers (times, UTF-8, limits) the
// other journal files share.
//
// [SECTION] Schema history: one migration per version
// [SECTION] Migrating a file forward
// [SECTION] journal check (read-only)
// [SECTION] Times (ISO 8601 UTC)
// [SECTION] Validation
#include "journal_internal.hpp"

#include <cassert>
#include <cstdio>

#include <sys/stat.h>

namespace unknot {

//-----------------------------------------------------------------------------
// [SECTION] Schema history
//-----------------------------------------------------------------------------
// Each entry takes a file from the version before to this one. They are never
// edited once released: a file written by version k must still migrate the
// same way years later. A fresh file runs them all, so a new journal is built
// exactly like one that lived through every version.
namespace {
const char* const kMigrations[] = {
    // 1: sessions, the basics of what was practised and how it ended.
    "CREATE TABLE sessions (\n"
    "  id INTEGER PRIMARY KEY,\n"
    "  routine_id TEXT NOT NULL,\n"
    "  started_at INTEGER NOT NULL,\n"
    "  ended_at INTEGER NOT NULL,\n"
    "  practised_seconds INTEGER NOT NULL DEFAULT 0,\n"
    "  finished INTEGER NOT NULL DEFAULT 0,\n"
    "  stopped_at_step INTEGER\n"
    ");\n"
    "CREATE INDEX sessions_started ON sessions(started_at);\n",

    // 2: favourites and settings.
    "CREATE TABLE favourites (\n"
    "  routine_id TEXT PRIMARY KEY,\n"
    "  added_at INTEGER NOT NULL\n"
    ");\n"
    "CREATE TABLE settings (\n"
    "  key TEXT PRIMARY KEY,\n"
    "  value TEXT NOT NULL\n"
    ");\n",

    // 3: pain before and after (0..10), area, note, and a uid that survives
    // export and import. Sessions recorded before get a random uid. The
    // partial indexes keep the History screen's chart and averages fast.
    "ALTER TABLE sessions ADD COLUMN uid TEXT;\n"
    "ALTER TABLE sessions ADD COLUMN pain_before INTEGER CHECK (pain_before BETWEEN 0 AND 10);\n"
    "ALTER TABLE sessions ADD COLUMN pain_after INTEGER CHECK (pain_after BETWEEN 0 AND 10);\n"
    "ALTER TABLE sessions ADD COLUMN area TEXT NOT NULL DEFAULT '';\n"
    "ALTER TABLE sessions ADD COLUMN note TEXT NOT NULL DEFAULT '';\n"
    "UPDATE sessions SET uid = lower(hex(randomblob(16))) WHERE uid IS NULL;\n"
    "CREATE UNIQUE INDEX sessions_uid ON sessions(uid);\n"
    "CREATE INDEX sessions_routine ON sessions(routine_id, started_at);\n"
    "CREATE INDEX sessions_chart ON sessions(started_at, pain_before, pain_after)\n"
    "  WHERE pain_before IS NOT NULL AND pain_after IS NOT NULL;\n"
    "CREATE INDEX sessions_change ON sessions(routine_id, pain_before, pain_after)\n"
    "  WHERE pain_before IS NOT NULL AND pain_after IS NOT NULL;\n",

    // 4: plans over weeks: the one active plan (a single row) and the days
    // done of each run, a run being a plan and the date it started.
    "CREATE TABLE active_plan (\n"
    "  id INTEGER PRIMARY KEY CHECK (id = 1),\n"
    "  plan_id TEXT NOT NULL,\n"
    "  start_date TEXT NOT NULL,\n"
    "  started_at INTEGER NOT NULL\n"
    ");\n"
    "CREATE TABLE plan_days (\n"
    "  plan_id TEXT NOT NULL,\n"
    "  start_date TEXT NOT NULL,\n"
    "  day INTEGER NOT NULL CHECK (day >= 0),\n"
    "  done_at INTEGER NOT NULL,\n"
    "  PRIMARY KEY (plan_id, start_date, day)\n"
    ");\n",
};
// Migration 3's CHECKs spell the pain scale out (released SQL is never
// edited): a new scale needs a new migration, not only new constants.
static_assert(kPainMin == 0 && kPainMax == 10, "the pain scale must match migration 3's CHECK (0 AND 10)");
static_assert(sizeof(kMigrations) / sizeof(kMigrations[0]) == Journal::kSchemaVersion,
              "one migration per schema version: add the new version's SQL to kMigrations");
}  // namespace

std::string journalMigrationSql(int to) {
    if (to < 1 || to > Journal::kSchemaVersion) return {};
    return kMigrations[to - 1];
}

std::string journalSchemaDdl(int version) {
    std::string s;
    for (int v = 1; v <= version && v <= Journal::kSchemaVersion; ++v) s += kMigrations[v - 1];
    return s;
}

int execSql(sqlite3* db, const std::string& sql, std::string* err) {
    char* msg = nullptr;
    int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &msg) & 0xff;
    if (rc != SQLITE_OK && err) *err = msg ? msg : sqlite3_errstr(rc);
    sqlite3_free(msg);
    return rc;
}

//-----------------------------------------------------------------------------
// [SECTION] Migrating
//-----------------------------------------------------------------------------
// All steps and the new user_version commit together: a file is never left
// half-way between versions, even if the process dies mid-migration.
int migrateSchema(sqlite3* db, int from, std::string& err) {
    assert(from >= 0 && from <= Journal::kSchemaVersion && "callers refuse newer files before migrating");
    if (from == Journal::kSchemaVersion) return SQLITE_OK;
    int rc = execSql(db, "BEGIN IMMEDIATE", &err);
    if (rc != SQLITE_OK) return rc;
    rc = bumpTag(db, err);  // the log's owner (journal_log.cpp)
    for (int v = from + 1; v <= Journal::kSchemaVersion && rc == SQLITE_OK; ++v) {
        rc = execSql(db, kMigrations[v - 1], &err);
        if (rc == SQLITE_OK) rc = execSql(db, "PRAGMA user_version = " + std::to_string(v), &err);
        if (rc != SQLITE_OK) err = "migration to version " + std::to_string(v) + ": " + err;
    }
    if (rc == SQLITE_OK) rc = execSql(db, "COMMIT", &err);
    if (rc != SQLITE_OK && !sqlite3_get_autocommit(db)) execSql(db, "ROLLBACK");
    return rc;
}

bool schemaLooksRight(sqlite3* db) {
    std::string q = std::string("SELECT ") + kSessionColumns + " FROM sessions LIMIT 0";
    return Stmt(db, q.c_str()).ok() && Stmt(db, "SELECT routine_id, added_at FROM favourites LIMIT 0").ok() &&
           Stmt(db, "SELECT key, value FROM settings LIMIT 0").ok() &&
           Stmt(db, "SELECT plan_id, start_date, started_at FROM active_plan LIMIT 0").ok() &&
           Stmt(db, "SELECT plan_id, start_date, day, done_at FROM plan_days LIMIT 0").ok();
}

//-----------------------------------------------------------------------------
// [SECTION] journal check
//-----------------------------------------------------------------------------
namespace {
// How many of integrity_check's messages `journal check` lists.
constexpr std::size_t kMaxIssuesListed = 10;

// One run of `journal check`: the lines it prints and the problems counted.
struct Check {
    CheckResult r;
    int problems = 0;

    void line(const std::string& s) { r.lines.push_back(s); }
    void problem(const std::string& s) {
        line(s);
        ++problems;
    }
    // The file itself: there, a regular file, and for the user alone.
    bool file(const std::string& path) {
        struct stat st {};
        if (::lstat(path.c_str(), &st) != 0) {
            r.ioError = true;
            line("no journal at " + path);
            return false;
        }
        if (!S_ISREG(st.st_mode)) {
            r.ioError = true;
            line("not a journal file: " + path + " is " + kindOfMode(st.st_mode));
            return false;
        }
        char mode[16];
        std::snprintf(mode, sizeof mode, "%04o", static_cast<unsigned>(st.st_mode & 07777));
        if (st.st_mode & 077)
            problem(std::string("file mode: ") + mode + " (others can read it; it should be 0600)");
        else
            line(std::string("file mode: ") + mode);
        return true;
    }
    // The schema version, or -1 (then the result line is written).
    int version(sqlite3* db) {
        int rc = SQLITE_OK;
        int v = -1;
        {
            Stmt s(db, "PRAGMA user_version");
            rc = s.step();
            if (rc == SQLITE_ROW) v = static_cast<int>(s.i64(0));
        }
        if (v < 0) {
            if (rc == SQLITE_NOTADB || rc == SQLITE_CORRUPT)
                problem("not a readable SQLite database (corrupt?)");
            else {
                r.ioError = true;
                line(std::string("cannot read: ") + sqlite3_errstr(rc));
            }
            line("result: problems found");
            return -1;
        }
        const int cur = Journal::kSchemaVersion;
        if (v > cur)
            problem("schema version: " + std::to_string(v) + " (written by a newer Unknot; this one knows up to " +
                    std::to_string(cur) + ")");
        else if (v < cur)
            line("schema version: " + std::to_string(v) + " (older; Unknot updates it to " + std::to_string(cur) +
                 " when it next opens it)");
        else
            line("schema version: " + std::to_string(v) + " (current)");
        return v;
    }
    void integrity(sqlite3* db) {
        std::vector<std::string> issues;
        {
            Stmt s(db, "PRAGMA integrity_check");
            int rc = SQLITE_OK;
            while ((rc = s.step()) == SQLITE_ROW) {
                std::string t = s.text(0);
                if (t != "ok") issues.push_back(t);
            }
            if (rc != SQLITE_DONE) issues.push_back(std::string("integrity check stopped: ") + sqlite3_errstr(rc));
        }
        if (issues.empty()) {
            line("integrity: ok");
            return;
        }
        problem("integrity: " + std::to_string(issues.size()) + (issues.size() == 1 ? " problem" : " problems"));
        for (std::size_t i = 0; i < issues.size() && i < kMaxIssuesListed; ++i) line("  " + issues[i]);
    }
    void count(sqlite3* db, const char* table, std::int64_t& out) {
        Stmt s(db, (std::string("SELECT count(*) FROM ") + table).c_str());
        if (s.step() == SQLITE_ROW) {
            out = s.i64(0);
            line(std::string(table) + ": " + std::to_string(out));
        } else
            problem(std::string(table) + ": cannot be read (" + sqlite3_errmsg(db) + ")");
    }
};
}  // namespace

CheckResult checkJournal(const std::string& path) {
    Check c;
    c.line("journal: " + path);
    if (!c.file(path)) return c.r;
    // Read-only: check reads a copy of the file (with its own log) in memory
    // and never changes, creates or locks a file (openReadView).
    ReadView view;
    std::string err;
    int rc = openReadView(path, view, err);
    if (rc == SQLITE_CANTOPEN || rc == SQLITE_IOERR || rc == SQLITE_NOMEM) {
        c.r.ioError = true;
        c.line("cannot open: " + err);
        return c.r;
    }
    if (rc != SQLITE_OK) {
        c.problem("not a readable SQLite database (corrupt?)");
        c.line("result: problems found");
        return c.r;
    }
    if (view.live) c.line("log: the journal is open in another program; read through its log");
    for (const auto& n : view.notes) c.problem("log: " + n);
    const int version = c.version(view.db);
    if (version < 0) return c.r;
    c.r.schemaVersion = version;
    c.integrity(view.db);
    // As the file's header says (the copy in memory has its own mode).
    if (version >= 1 && view.journalMode != "wal")
        c.problem("journal mode: " + view.journalMode + " (expected wal)");
    else
        c.line("journal mode: " + view.journalMode);
    if (version <= Journal::kSchemaVersion) {
        // Each table from the version that added it.
        if (version >= 1) c.count(view.db, "sessions", c.r.sessions);
        if (version >= 2) c.count(view.db, "favourites", c.r.favourites);
        if (version >= 2) c.count(view.db, "settings", c.r.settings);
        std::int64_t planDays = 0;
        if (version >= 4) c.count(view.db, "plan_days", planDays);
    }
    c.r.ok = c.problems == 0;
    c.line(c.r.ok ? "result: ok"
                  : "result: " + std::to_string(c.problems) + (c.problems == 1 ? " problem" : " problems"));
    return c.r;
}

//-----------------------------------------------------------------------------
// [SECTION] Times
//-----------------------------------------------------------------------------
std::int64_t floorDiv(std::int64_t a, std::int64_t b) {
    std::int64_t q = a / b;
    return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q;
}

namespace {
// Howard Hinnant's civil-date algorithms: days since 1970-01-01 <-> y/m/d.
std::int64_t daysFromCivil(std::int64_t y, unsigned m, unsigned d) {
    y -= m <= 2;
    const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
    const unsigned yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}
void civilFromDays(std::int64_t z, std::int64_t& y, unsigned& m, unsigned& d) {
    z += 719468;
    const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const unsigned doe = static_cast<unsigned>(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    d = doy - (153 * mp + 2) / 5 + 1;
    m = mp < 10 ? mp + 3 : mp - 9;
    y = static_cast<std::int64_t>(yoe) + era * 400 + (m <= 2);
}
}  // namespace

std::string formatIsoUtc(std::int64_t ms) {
    std::int64_t day = floorDiv(ms, kDayMs), rem = ms - day * kDayMs;
    std::int64_t y;
    unsigned m, d;
    civilFromDays(day, y, m, d);
    char buf[40];
    std::snprintf(buf, sizeof buf, "%04lld-%02u-%02uT%02d:%02d:%02d.%03dZ", static_cast<long long>(y), m, d,
                  static_cast<int>(rem / 3600000), static_cast<int>(rem / 60000 % 60),
                  static_cast<int>(rem / 1000 % 60), static_cast<int>(rem % 1000));
    return buf;
}

// Exactly "YYYY-MM-DDTHH:MM:SS.mmmZ" or without ".mmm": what export writes,
// and nothing looser, so a hand-edited file cannot mean two things.
std::optional<std::int64_t> parseIsoUtc(const std::string& s) {
    if (s.size() != 24 && s.size() != 20) return std::nullopt;
    auto num = [&](std::size_t at, std::size_t n, int& out) {
        out = 0;
        for (std::size_t i = at; i < at + n; ++i) {
            if (s[i] < '0' || s[i] > '9') return false;
            out = out * 10 + (s[i] - '0');
        }
        return true;
    };
    int y, mo, d, h, mi, se, ms = 0;
    if (!num(0, 4, y) || s[4] != '-' || !num(5, 2, mo) || s[7] != '-' || !num(8, 2, d) || s[10] != 'T' ||
        !num(11, 2, h) || s[13] != ':' || !num(14, 2, mi) || s[16] != ':' || !num(17, 2, se))
        return std::nullopt;
    if (s.size() == 24) {
        if (s[19] != '.' || !num(20, 3, ms) || s[23] != 'Z') return std::nullopt;
    } else if (s[19] != 'Z')
        return std::nullopt;
    static const int kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (y < 1970 || mo < 1 || mo > 12 || d < 1 || d > kDays[mo - 1] || h > 23 || mi > 59 || se > 59)
        return std::nullopt;
    bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    if (mo == 2 && d == 29 && !leap) return std::nullopt;
    std::int64_t day = daysFromCivil(y, static_cast<unsigned>(mo), static_cast<unsigned>(d));
    return day * kDayMs + h * 3600000LL + mi * 60000LL + se * 1000LL + ms;
}

//-----------------------------------------------------------------------------
// [SECTION] Validation
//-----------------------------------------------------------------------------
bool validUtf8(const std::string& s) {
    std::size_t i = 0, n = s.size();
    while (i < n) {
        unsigned char c = static_cast<unsigned char>(s[i]);
        int len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
        if (len == 0 || i + static_cast<std::size_t>(len) > n) return false;
        std::uint32_t cp = len == 1 ? c : len == 2 ? (c & 0x1f) : len == 3 ? (c & 0x0f) : (c & 0x07);
        for (int k = 1; k < len; ++k) {
            unsigned char cc = static_cast<unsigned char>(s[i + static_cast<std::size_t>(k)]);
            if ((cc >> 6) != 2) return false;
            cp = (cp << 6) | (cc & 0x3f);
        }
        // No overlong forms, surrogates or code points past U+10FFFF.
        if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) || cp > 0x10ffff ||
            (cp >= 0xd800 && cp <= 0xdfff))
            return false;
        i += static_cast<std::size_t>(len);
    }
    return true;
}

std::size_t codePoints(const std::string& s) {
    std::size_t n = 0;
    for (char c : s)
        if ((static_cast<unsigned char>(c) & 0xc0) != 0x80) ++n;
    return n;
}

bool validUid(const std::string& uid) {
    if (uid.empty() || uid.size() > kMaxUidBytes) return false;
    for (char c : uid)
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-' || c == '_'))
            return false;
    return true;
}

Result<void> validateSession(const SessionRecord& r) {
    if (!r.uid.empty() && !validUid(r.uid))
        return fail("uid must be 1 to " + std::to_string(kMaxUidBytes) + " letters, digits, '-' or '_'");
    if (r.routineId.empty()) return fail("routine id is empty");
    if (r.routineId.size() > kMaxIdBytes || !validUtf8(r.routineId)) return fail("routine id is too long or not UTF-8");
    for (const std::string* t : {&r.routineId, &r.area, &r.note})
        if (t->find('\0') != std::string::npos)
            return fail("a NUL character is not allowed in a routine id, area or note");
    if (r.practisedSeconds < 0) return fail("seconds practised is negative");
    if (r.stoppedAtStep && *r.stoppedAtStep < 0) return fail("stopped-at step is negative");
    for (const auto& p : {r.painBefore, r.painAfter})
        if (!validPain(p))
            return fail("pain must be from " + std::to_string(kPainMin) + " to " + std::to_string(kPainMax) + " (got " +
                        std::to_string(*p) + ")");
    if (r.area.size() > kMaxIdBytes || !validUtf8(r.area)) return fail("area is too long or not UTF-8");
    if (!validUtf8(r.note)) return fail("note is not valid UTF-8");
    if (codePoints(r.note) > static_cast<std::size_t>(kMaxNoteChars))
        return fail("note is longer than " + std::to_string(kMaxNoteChars) + " characters");
    return {};
}

}  // namespace unknot
