// Export (CSV and JSON) and import (JSON, merged without duplicates). The only
// journal file that includes nlohmann/json. docs/journal.md describes both
// formats.
//
// [SECTION] CSV (RFC 4180)
// [SECTION] JSON export
// [SECTION] JSON import: validate everything, then merge in one transaction
// [SECTION] Writing an export file (the command line's and the app's)
#include "journal_internal.hpp"

#include <nlohmann/json.hpp>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <map>
#include <set>
#include <stdexcept>
#include <string_view>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace unknot {

using nlohmann::json;

//-----------------------------------------------------------------------------
// [SECTION] CSV
//-----------------------------------------------------------------------------
namespace {
// Quoted only when it must be: a comma, a quote or a line break inside.
std::string csvField(const std::string& s) {
    if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
    std::string q = "\"";
    for (char c : s) {
        if (c == '"') q += '"';
        q += c;
    }
    return q + "\"";
}

std::string optStr(const std::optional<int>& v) { return v ? std::to_string(*v) : std::string(); }

// No NUL byte reaches an export file: the journal refuses them, and one left
// by an older version is dropped here.
std::string noNul(const std::string& s) {
    if (s.find('\0') == std::string::npos) return s;
    std::string t = s;
    std::erase(t, '\0');
    return t;
}

// A text cell a spreadsheet would take for a formula (OWASP "CSV injection"):
// one that begins with =, +, -, @, a tab or a carriage return gets a leading
// apostrophe, which spreadsheets show as text. Only text cells: the numbers
// and times in the other columns are written by Unknot itself.
std::string csvText(const std::string& raw) {
    std::string s = noNul(raw);
    if (!s.empty() && std::string_view("=+-@\t\r").find(s.front()) != std::string_view::npos) s.insert(0, 1, '\'');
    return csvField(s);
}
}  // namespace

JournalSnapshot snapshot(const Journal& j) {
    Journal::Impl& m = JournalAccess::impl(j);
    // One read transaction: every read below sees the same commit, whatever
    // another connection or process writes meanwhile.
    const bool began = sqlite3_get_autocommit(m.db) && execSql(m.db, "BEGIN") == SQLITE_OK;
    JournalSnapshot s;
    s.sessions = j.allSessions();
    if (m.snapshotHook) m.snapshotHook();
    s.favourites = j.favouriteEntries();
    s.settings = j.settings();
    s.activePlan = j.activePlan();
    s.planDays = j.allPlanDays();
    if (began) execSql(m.db, "COMMIT");
    return s;
}

std::string exportCsv(const Journal& j) { return exportCsv(snapshot(j)); }

std::string exportCsv(const JournalSnapshot& snap) {
    std::string out =
        "uid,routine_id,started_at,started_at_ms,ended_at,ended_at_ms,practised_seconds,finished,stopped_at_step,"
        "pain_before,pain_after,pain_change,area,note\r\n";
    for (const auto& r : snap.sessions) {
        std::string change = r.painBefore && r.painAfter ? std::to_string(*r.painAfter - *r.painBefore) : "";
        out += csvText(r.uid) + "," + csvText(r.routineId) + "," + formatIsoUtc(r.startedAt) + "," +
               std::to_string(r.startedAt) + "," + formatIsoUtc(r.endedAt) + "," + std::to_string(r.endedAt) + "," +
               std::to_string(r.practisedSeconds) + "," + (r.finished ? "true" : "false") + "," +
               optStr(r.stoppedAtStep) + "," + optStr(r.painBefore) + "," + optStr(r.painAfter) + "," + change + "," +
               csvText(r.area) + "," + csvText(r.note) + "\r\n";
    }
    return out;
}

//-----------------------------------------------------------------------------
// [SECTION] JSON export
//-----------------------------------------------------------------------------
namespace {
json optJson(const std::optional<int>& v) { return v ? json(*v) : json(nullptr); }
}  // namespace

std::string exportJson(const Journal& j) { return exportJson(snapshot(j), INT64_MIN); }
std::string exportJson(const Journal& j, std::int64_t exportedAtMs) { return exportJson(snapshot(j), exportedAtMs); }

std::string exportJson(const JournalSnapshot& snap, std::int64_t exportedAtMs) {
    // ordered_json keeps the keys in the order written, which reads better.
    nlohmann::ordered_json doc;
    doc["format"] = "unknot-journal";
    doc["version"] = kExportFormatVersion;
    doc["exported_at"] = exportedAtMs == INT64_MIN ? nlohmann::ordered_json(nullptr)
                                                   : nlohmann::ordered_json(formatIsoUtc(exportedAtMs));
    doc["sessions"] = nlohmann::ordered_json::array();
    for (const auto& r : snap.sessions) {
        nlohmann::ordered_json s;
        s["uid"] = noNul(r.uid);
        s["routine_id"] = noNul(r.routineId);
        s["started_at"] = formatIsoUtc(r.startedAt);
        s["ended_at"] = formatIsoUtc(r.endedAt);
        s["practised_seconds"] = r.practisedSeconds;
        s["finished"] = r.finished;
        s["stopped_at_step"] = optJson(r.stoppedAtStep);
        s["pain_before"] = optJson(r.painBefore);
        s["pain_after"] = optJson(r.painAfter);
        s["area"] = noNul(r.area);
        s["note"] = noNul(r.note);
        doc["sessions"].push_back(std::move(s));
    }
    doc["favourites"] = nlohmann::ordered_json::array();
    for (const auto& f : snap.favourites)
        doc["favourites"].push_back({{"routine_id", noNul(f.routineId)}, {"added_at", formatIsoUtc(f.addedAt)}});
    doc["settings"] = nlohmann::ordered_json::object();
    for (const auto& [k, v] : snap.settings) doc["settings"][noNul(k)] = noNul(v);
    // Format 2: plans over weeks (the active run, and every run's days done).
    doc["active_plan"] = nlohmann::ordered_json(nullptr);
    if (const auto& a = snap.activePlan)
        doc["active_plan"] = {{"plan_id", noNul(a->planId)},
                              {"start_date", noNul(a->startDate)},
                              {"started_at", formatIsoUtc(a->startedAt)}};
    doc["plan_days"] = nlohmann::ordered_json::array();
    for (const auto& d : snap.planDays)
        doc["plan_days"].push_back({{"plan_id", noNul(d.planId)},
                                    {"start_date", noNul(d.startDate)},
                                    {"day", d.day},
                                    {"done_at", formatIsoUtc(d.doneAt)}});
    // Everything stored was checked to be valid UTF-8, so dump cannot throw;
    // `replace` is a second guard for a file edited by hand.
    return doc.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
}

//-----------------------------------------------------------------------------
// [SECTION] JSON import
//-----------------------------------------------------------------------------
namespace {

// The limits of an import: far above any real journal, low enough that a
// hostile file cannot exhaust memory.
constexpr std::size_t kMaxImportSessions = 1000000;
constexpr std::size_t kMaxImportFavourites = 100000;
constexpr std::size_t kMaxImportSettings = 10000;
constexpr std::size_t kMaxImportPlanDays = 100000;
constexpr std::int64_t kMaxPractisedSeconds = 366LL * 86400;  // a year
constexpr int kMaxStepIndex = 1000000;
// The deepest a valid export nests is 3; anything much deeper is refused
// before parsing (nlohmann's parser recurses).
constexpr int kMaxNesting = 16;

// 1000000 -> "1,000,000", for messages.
std::string grouped(std::size_t n) {
    std::string s = std::to_string(n);
    for (std::size_t i = s.size(); i > 3; i -= 3) s.insert(i - 3, 1, ',');
    return s;
}

bool tooDeep(const std::string& s, int limit) {
    int depth = 0;
    bool inString = false;
    for (std::size_t i = 0; i < s.size(); ++i) {
        char c = s[i];
        if (inString) {
            if (c == '\\')
                ++i;
            else if (c == '"')
                inString = false;
        } else if (c == '"')
            inString = true;
        else if (c == '[' || c == '{') {
            if (++depth > limit) return true;
        } else if (c == ']' || c == '}')
            --depth;
    }
    return false;
}

struct Staged {
    std::vector<SessionRecord> sessions;
    std::vector<FavouriteEntry> favourites;
    std::vector<std::pair<std::string, std::string>> settings;
    std::optional<ActivePlan> activePlan;
    std::vector<PlanDayDone> planDays;
};

// Throws std::runtime_error("where: what") on the first problem.
struct Validator {
    [[noreturn]] static void fail(const std::string& where, const std::string& what) {
        throw std::runtime_error(where + ": " + what);
    }
    static void onlyKeys(const json& o, const std::string& where, std::initializer_list<const char*> keys) {
        for (const auto& [k, v] : o.items()) {
            bool known = false;
            for (const char* key : keys) known = known || k == key;
            if (!known) fail(where, "unknown key '" + k + "'");
        }
    }
    static const json& need(const json& o, const std::string& where, const char* key) {
        auto it = o.find(key);
        if (it == o.end()) fail(where, std::string("missing '") + key + "'");
        return *it;
    }
    static std::string str(const json& v, const std::string& where, std::size_t maxBytes, bool allowEmpty) {
        if (!v.is_string()) fail(where, "must be a string");
        std::string s = v.get<std::string>();
        if (!allowEmpty && s.empty()) fail(where, "must not be empty");
        if (s.size() > maxBytes) fail(where, "longer than " + std::to_string(maxBytes) + " bytes");
        return s;
    }
    static std::int64_t integer(const json& v, const std::string& where, std::int64_t lo, std::int64_t hi) {
        if (!v.is_number_integer()) fail(where, "must be a whole number");
        if (v.is_number_unsigned() && v.get<std::uint64_t>() > static_cast<std::uint64_t>(INT64_MAX))
            fail(where, "out of range");
        std::int64_t n = v.get<std::int64_t>();
        if (n < lo || n > hi)
            fail(where, "must be from " + std::to_string(lo) + " to " + std::to_string(hi) + " (got " +
                            std::to_string(n) + ")");
        return n;
    }
    static std::optional<int> optInt(const json& o, const std::string& where, const char* key, int lo, int hi) {
        auto it = o.find(key);
        if (it == o.end() || it->is_null()) return std::nullopt;
        return static_cast<int>(integer(*it, where + "." + key, lo, hi));
    }
    static std::int64_t time(const json& v, const std::string& where) {
        if (!v.is_string()) fail(where, "must be a time like \"2026-11-21T10:15:00.000Z\"");
        auto t = parseIsoUtc(v.get<std::string>());
        if (!t) fail(where, "not a UTC time like \"2026-11-21T10:15:00.000Z\" (got \"" + v.get<std::string>() + "\")");
        return *t;
    }

    static bool sameSession(const SessionRecord& a, const SessionRecord& b) {
        return a.uid == b.uid && a.routineId == b.routineId && a.startedAt == b.startedAt && a.endedAt == b.endedAt &&
               a.practisedSeconds == b.practisedSeconds && a.finished == b.finished &&
               a.stoppedAtStep == b.stoppedAtStep && a.painBefore == b.painBefore && a.painAfter == b.painAfter &&
               a.area == b.area && a.note == b.note;
    }

    static SessionRecord session(const json& o, const std::string& at) {
        if (!o.is_object()) fail(at, "must be an object");
        onlyKeys(o, at,
                 {"uid", "routine_id", "started_at", "ended_at", "practised_seconds", "finished", "stopped_at_step",
                  "pain_before", "pain_after", "area", "note"});
        SessionRecord r;
        r.uid = str(need(o, at, "uid"), at + ".uid", kMaxUidBytes, false);
        if (!validUid(r.uid)) fail(at + ".uid", "must be letters, digits, '-' or '_'");
        r.routineId = str(need(o, at, "routine_id"), at + ".routine_id", kMaxIdBytes, false);
        r.startedAt = time(need(o, at, "started_at"), at + ".started_at");
        r.endedAt = time(need(o, at, "ended_at"), at + ".ended_at");
        r.practisedSeconds =
            integer(need(o, at, "practised_seconds"), at + ".practised_seconds", 0, kMaxPractisedSeconds);
        const json& fin = need(o, at, "finished");
        if (!fin.is_boolean()) fail(at + ".finished", "must be true or false");
        r.finished = fin.get<bool>();
        r.stoppedAtStep = optInt(o, at, "stopped_at_step", 0, kMaxStepIndex);
        r.painBefore = optInt(o, at, "pain_before", kPainMin, kPainMax);
        r.painAfter = optInt(o, at, "pain_after", kPainMin, kPainMax);
        if (auto it = o.find("area"); it != o.end() && !it->is_null())
            r.area = str(*it, at + ".area", kMaxIdBytes, true);
        // Bytes: a code point is at most 4 (the count is checked below).
        if (auto it = o.find("note"); it != o.end() && !it->is_null())
            r.note = str(*it, at + ".note", 4 * static_cast<std::size_t>(kMaxNoteChars), true);
        if (Result<void> valid = validateSession(r); !valid) fail(at, valid.error().message);
        if (r.endedAt < r.startedAt)
            fail(at + ".ended_at", "session '" + r.uid + "' ends before it starts (ended_at " +
                                       formatIsoUtc(r.endedAt) + " is earlier than started_at " +
                                       formatIsoUtc(r.startedAt) + ")");
        return r;
    }

    static void sessions(const json& doc, Staged& st) {
        std::map<std::string, std::size_t> seen;  // uid -> index in st.sessions
        const json& all = need(doc, "file", "sessions");
        if (!all.is_array()) fail("sessions", "must be an array");
        if (all.size() > kMaxImportSessions) fail("sessions", "more than " + grouped(kMaxImportSessions) + " sessions");
        for (std::size_t i = 0; i < all.size(); ++i) {
            const std::string at = "sessions[" + std::to_string(i) + "]";
            SessionRecord r = session(all[i], at);
            // One uid, one session: an exact repeat counts once, two
            // different sessions under one uid refuse the whole file (which
            // one is right cannot be told).
            if (auto [it, fresh] = seen.emplace(r.uid, st.sessions.size()); !fresh) {
                const SessionRecord& first = st.sessions[it->second];
                if (!sameSession(first, r))
                    fail(at + ".uid", "'" + r.uid + "' is also the uid of sessions[" + std::to_string(it->second) +
                                          "], a different session; each session needs its own uid");
                continue;
            }
            st.sessions.push_back(std::move(r));
        }
    }

    static void favourites(const json& doc, Staged& st) {
        auto it = doc.find("favourites");
        if (it == doc.end()) return;
        if (!it->is_array()) fail("favourites", "must be an array");
        if (it->size() > kMaxImportFavourites)
            fail("favourites", "more than " + grouped(kMaxImportFavourites) + " favourites");
        for (std::size_t i = 0; i < it->size(); ++i) {
            const json& o = (*it)[i];
            const std::string at = "favourites[" + std::to_string(i) + "]";
            if (!o.is_object()) fail(at, "must be an object");
            onlyKeys(o, at, {"routine_id", "added_at"});
            FavouriteEntry f;
            f.routineId = str(need(o, at, "routine_id"), at + ".routine_id", kMaxIdBytes, false);
            if (f.routineId.find('\0') != std::string::npos) fail(at + ".routine_id", "contains a NUL character");
            f.addedAt = time(need(o, at, "added_at"), at + ".added_at");
            st.favourites.push_back(std::move(f));
        }
    }

    static void settings(const json& doc, Staged& st) {
        auto it = doc.find("settings");
        if (it == doc.end()) return;
        if (!it->is_object()) fail("settings", "must be an object");
        if (it->size() > kMaxImportSettings) fail("settings", "more than " + grouped(kMaxImportSettings) + " settings");
        for (const auto& [k, v] : it->items()) {
            if (k.empty() || k.size() > kMaxIdBytes) fail("settings", "a key is empty or too long");
            if (k.find('\0') != std::string::npos) fail("settings", "a key contains a NUL character");
            st.settings.emplace_back(k, str(v, "settings." + k, kMaxSettingBytes, true));
            if (st.settings.back().second.find('\0') != std::string::npos)
                fail("settings." + k, "contains a NUL character");
        }
    }

    // A plan id and its run's start date, as the journal takes them.
    static std::pair<std::string, std::string> planRun(const json& o, const std::string& at) {
        std::string id = str(need(o, at, "plan_id"), at + ".plan_id", kMaxIdBytes, false);
        if (id.find('\0') != std::string::npos || !validUtf8(id)) fail(at + ".plan_id", "is not a plan id");
        const json& date = need(o, at, "start_date");
        if (!date.is_string() || !validPlanDate(date.get<std::string>()))
            fail(at + ".start_date", "must be a date like \"2026-11-30\"");
        return {id, date.get<std::string>()};
    }

    static void plans(const json& doc, Staged& st) {
        if (auto it = doc.find("active_plan"); it != doc.end() && !it->is_null()) {
            if (!it->is_object()) fail("active_plan", "must be an object or null");
            onlyKeys(*it, "active_plan", {"plan_id", "start_date", "started_at"});
            auto [id, date] = planRun(*it, "active_plan");
            st.activePlan =
                ActivePlan{id, date, time(need(*it, "active_plan", "started_at"), "active_plan.started_at")};
        }
        auto it = doc.find("plan_days");
        if (it == doc.end()) return;
        if (!it->is_array()) fail("plan_days", "must be an array");
        if (it->size() > kMaxImportPlanDays) fail("plan_days", "more than " + grouped(kMaxImportPlanDays) + " days");
        for (std::size_t i = 0; i < it->size(); ++i) {
            const json& o = (*it)[i];
            const std::string at = "plan_days[" + std::to_string(i) + "]";
            if (!o.is_object()) fail(at, "must be an object");
            onlyKeys(o, at, {"plan_id", "start_date", "day", "done_at"});
            auto [id, date] = planRun(o, at);
            const int day = static_cast<int>(integer(need(o, at, "day"), at + ".day", 0, kMaxPlanDayIndex));
            st.planDays.push_back(PlanDayDone{id, date, day, time(need(o, at, "done_at"), at + ".done_at")});
        }
    }

    static Staged run(const json& doc) {
        Staged st;
        if (!doc.is_object()) fail("file", "not a journal export (expected a JSON object)");
        onlyKeys(
            doc, "file",
            {"format", "version", "exported_at", "sessions", "favourites", "settings", "active_plan", "plan_days"});
        const json& format = need(doc, "file", "format");
        if (format != "unknot-journal") fail("format", "not an Unknot journal export (expected \"unknot-journal\")");
        std::int64_t version = integer(need(doc, "file", "version"), "version", 1, INT32_MAX);
        if (version > kExportFormatVersion)
            fail("version", "written by a newer Unknot (export format " + std::to_string(version) +
                                "; this one reads up to " + std::to_string(kExportFormatVersion) + ")");
        if (auto it = doc.find("exported_at"); it != doc.end() && !it->is_null()) time(*it, "exported_at");
        sessions(doc, st);
        favourites(doc, st);
        settings(doc, st);
        plans(doc, st);
        return st;
    }
};

}  // namespace

namespace {
// Checks the whole file before anything is written; the error is the
// message for the user.
Result<Staged> parseImport(const std::string& text) {
    if (text.size() > kMaxImportBytes)
        return fail("file is larger than " + std::to_string(kMaxImportBytes >> 20) + " MiB");
    if (tooDeep(text, kMaxNesting)) return fail("not a journal export (nested too deeply)");
    try {
        // nlohmann checks UTF-8 while parsing.
        json doc = json::parse(text);
        return Validator::run(doc);
    } catch (const json::exception& e) {
        // "[json.exception.parse_error.101] parse error at line 1, ..." without the tag.
        std::string what = e.what();
        if (auto p = what.find("] "); what.rfind("[json.exception", 0) == 0 && p != std::string::npos)
            what = what.substr(p + 2);
        return fail("not valid JSON: " + what);
    } catch (const std::runtime_error& e) {
        return fail(e.what());
    }
}

// The statements of one import, inside its transaction. All or nothing: every
// statement's result is checked, and so is that the transaction is still
// open after it (SQLite rolls back on its own after some I/O errors; a
// statement run then would commit by itself).
struct Merge {
    Merge(sqlite3* d, ImportResult& r) : db(d), res(r) {}
    sqlite3* db;
    ImportResult& res;
    int rc = SQLITE_OK;
    std::string err;

    void stillOpen() {
        if (rc == SQLITE_OK && sqlite3_get_autocommit(db)) {
            rc = SQLITE_ABORT;
            err = "the transaction was rolled back by SQLite";
        }
    }
    // The favourites already here (read inside the transaction; pending
    // writes were saved before it).
    std::set<std::string> favourites() {
        std::set<std::string> favs;
        if (rc != SQLITE_OK) return favs;
        Stmt s(db, "SELECT routine_id FROM favourites");
        int step = SQLITE_ROW;
        while ((step = s.step()) == SQLITE_ROW) favs.insert(s.text(0));
        if (step != SQLITE_DONE) {
            rc = step;
            err = sqlite3_errmsg(db);
        }
        return favs;
    }
    void sessions(const Staged& st) {
        for (std::size_t i = 0; rc == SQLITE_OK && i < st.sessions.size(); ++i) {
            rc = applyOp(db, op::AddSession{st.sessions[i]}, err);
            if (rc == SQLITE_OK) (sqlite3_changes(db) > 0 ? res.added : res.skipped) += 1;
            stillOpen();
        }
    }
    void favourites(const Staged& st, std::set<std::string>& favs) {
        for (std::size_t i = 0; rc == SQLITE_OK && i < st.favourites.size(); ++i) {
            if (!favs.insert(st.favourites[i].routineId).second) continue;
            rc = applyOp(db, op::SetFavourite{st.favourites[i].routineId, true, st.favourites[i].addedAt}, err);
            if (rc == SQLITE_OK) res.favouritesAdded += sqlite3_changes(db) > 0;
            stillOpen();
        }
    }
    void settings(const Staged& st) {
        for (std::size_t i = 0; rc == SQLITE_OK && i < st.settings.size(); ++i) {
            // A setting already made on this device wins over the imported one.
            Stmt s(db, "INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO NOTHING");
            s.bind(1, st.settings[i].first).bind(2, st.settings[i].second);
            int step = s.step();
            rc = step == SQLITE_DONE ? SQLITE_OK : step == SQLITE_ROW ? SQLITE_ERROR : step;
            if (rc != SQLITE_OK)
                err = sqlite3_errmsg(db);
            else
                res.settingsAdded += sqlite3_changes(db) > 0;
            stillOpen();
        }
    }
    // The imported active plan only when none is active here (this device's
    // choice wins, as with settings); days done are merged, never doubled.
    void plans(const Staged& st) {
        if (rc == SQLITE_OK && st.activePlan) {
            Stmt s(db,
                   "INSERT INTO active_plan (id, plan_id, start_date, started_at) VALUES (1, ?, ?, ?) "
                   "ON CONFLICT(id) DO NOTHING");
            s.bind(1, st.activePlan->planId).bind(2, st.activePlan->startDate).bind(3, st.activePlan->startedAt);
            int step = s.step();
            rc = step == SQLITE_DONE ? SQLITE_OK : step == SQLITE_ROW ? SQLITE_ERROR : step;
            if (rc != SQLITE_OK) err = sqlite3_errmsg(db);
            stillOpen();
        }
        for (std::size_t i = 0; rc == SQLITE_OK && i < st.planDays.size(); ++i) {
            rc = applyOp(db, op::MarkPlanDay{st.planDays[i]}, err);
            if (rc == SQLITE_OK) res.planDaysAdded += sqlite3_changes(db) > 0;
            stillOpen();
        }
    }
    void run(const Staged& st) {
        rc = execSql(db, "BEGIN IMMEDIATE", &err);
        stillOpen();
        if (rc == SQLITE_OK) rc = bumpTag(db, err);
        stillOpen();
        std::set<std::string> favs = favourites();
        stillOpen();
        sessions(st);
        favourites(st, favs);
        settings(st);
        plans(st);
        if (rc == SQLITE_OK) rc = execSql(db, "COMMIT", &err);
    }
};
}  // namespace

ImportResult importJson(Journal& j, const std::string& text) {
    ImportResult res;
    Result<Staged> st = parseImport(text);
    if (!st) {
        res.error = st.error().message;
        return res;
    }
    Journal::Impl& m = JournalAccess::impl(j);
    // Earlier changes first, so the journal's order of writes is kept.
    if (!j.retryPending()) {
        res.error = "earlier changes are still waiting to be saved (" + m.lastError + "); nothing was imported";
        res.writeFailed = true;
        return res;
    }
    Merge merge{m.db, res};
    merge.run(*st);
    if (merge.rc == SQLITE_OK) {
        ++m.changes;
        res.ok = true;
        return res;
    }
    if (!sqlite3_get_autocommit(m.db)) execSql(m.db, "ROLLBACK");
    res = ImportResult{};
    res.error = "could not write to the journal (" + merge.err + "); nothing was imported";
    res.writeFailed = true;
    return res;
}

//-----------------------------------------------------------------------------
// [SECTION] Writing an export file
//-----------------------------------------------------------------------------
namespace {
// Writes all of `text` to `fd`; 0 or the errno of the first failure.
int writeAll(int fd, const std::string& text) {
    for (std::size_t done = 0; done < text.size();) {
        ssize_t n = ::write(fd, text.data() + done, text.size() - done);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0 && errno == EAGAIN) {
            // A pipe whose reader is slow: wait for room, not spin.
            int fl = ::fcntl(fd, F_GETFL);
            if (fl >= 0 && (fl & O_NONBLOCK) && ::fcntl(fd, F_SETFL, fl & ~O_NONBLOCK) == 0) continue;
        }
        if (n <= 0) return n < 0 ? errno : EIO;
        done += static_cast<std::size_t>(n);
    }
    return 0;
}
}  // namespace

std::string writeExportFile(const std::string& file, const std::string& text) {
    if (file.empty()) return "no file name given";
    struct stat lst {};
    const bool present = ::lstat(file.c_str(), &lst) == 0;
    if (!present && errno != ENOENT) return std::strerror(errno);
    struct stat st = lst;
    if (present && S_ISLNK(lst.st_mode)) {
        if (::stat(file.c_str(), &st) != 0)
            return "it is a symbolic link to nothing (" + std::string(std::strerror(errno)) + ")";
        if (S_ISREG(st.st_mode))
            return "it is a symbolic link; Unknot does not replace links or write through them to a file: give the "
                   "path of the file itself";
    }
    if (present && !S_ISREG(st.st_mode)) {
        if (S_ISDIR(st.st_mode)) return "it is a folder; give a file name inside it";
        if (!S_ISFIFO(st.st_mode) && !S_ISCHR(st.st_mode))
            return std::string("it is ") + (S_ISSOCK(st.st_mode) ? "a socket" : "a block device") + ", not a file";
        // In place: O_NONBLOCK so a FIFO with no reader fails (ENXIO) at once.
        int fd = ::open(file.c_str(), O_WRONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
        if (fd < 0) {
            int e = errno;
            return e == ENXIO ? "it is a named pipe (FIFO) with no reader" : std::strerror(e);
        }
        struct stat fst {};
        if (::fstat(fd, &fst) != 0 || (!S_ISFIFO(fst.st_mode) && !S_ISCHR(fst.st_mode))) {
            ::close(fd);
            return "it changed while being opened";
        }
        int e = writeAll(fd, text);
        if (e == 0 && ::close(fd) != 0)
            e = errno;
        else if (e != 0)
            ::close(fd);
        if (e != 0) return std::strerror(e);
        return {};
    }
    // A missing file, or a regular one: through a temporary file and a rename.
    std::filesystem::path target(file);
    std::string folder = target.parent_path().string();
    if (folder.empty()) folder = ".";
    struct stat dst {};
    if (::stat(folder.c_str(), &dst) != 0)
        return "the folder " + folder + " does not exist (" + std::strerror(errno) + ")";
    if (!S_ISDIR(dst.st_mode)) return folder + " is not a folder";
    // A fresh name (O_EXCL): a leftover of an earlier run is never reused.
    std::string tmp;
    int fd = -1;
    for (int n = 0; fd < 0 && n < 100; ++n) {
        tmp = file + ".tmp-" + std::to_string(::getpid()) + (n ? "-" + std::to_string(n) : "");
        fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
        if (fd < 0 && errno != EEXIST) break;
    }
    if (fd < 0) return std::strerror(errno);
    int e = writeAll(fd, text);
    if (e == 0 && ::fsync(fd) != 0) e = errno;
    if (::close(fd) != 0 && e == 0) e = errno;
    if (e == 0 && std::rename(tmp.c_str(), file.c_str()) != 0) e = errno;
    if (e != 0) {
        ::unlink(tmp.c_str());
        return std::strerror(e);
    }
    // The rename itself survives a power cut once the folder is synced.
    int dfd = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dfd >= 0) {
        ::fsync(dfd);
        ::close(dfd);
    }
    return {};
}

}  // namespace unknot
