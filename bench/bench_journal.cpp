// Journal budget: with 10,000 sessions in the journal, recording a session
// (one transaction, WAL, synchronous=FULL: the fsync is most of it) and the
// History screen's data query each stay under one frame, 16.7 ms. Each is
// timed against a same-run baseline on the same disk: a bare SQLite INSERT
// with the same settings, and a bare SELECT of the newest 100 sessions.
// Prints `name measured target PASS|FAIL`, details on `#` lines.
//
// [SECTION] A journal of 10,000 sessions (imported in one transaction)
// [SECTION] Timing (interleaved rounds, median and p95)
#include "unknot/journal.hpp"

#include <sqlite3.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include <unistd.h>

namespace fs = std::filesystem;

//-----------------------------------------------------------------------------
// [SECTION] A journal of 10,000 sessions
//-----------------------------------------------------------------------------
static constexpr std::int64_t kNow = 1763720100000;  // 2025-11-21T10:15:00Z
static constexpr int kSessions = 10000;

// Two years of practice over 20 routines; most sessions rate pain before and
// after, some carry a note: what a long-time user's journal looks like.
static std::string generated() {
    std::mt19937 rng(1);
    std::string s = R"({"format": "unknot-journal", "version": 1, "sessions": [)";
    for (int i = 0; i < kSessions; ++i) {
        std::int64_t start = kNow - static_cast<std::int64_t>(rng() % (730LL * 86400000));
        bool pains = rng() % 10 < 7;
        int before = static_cast<int>(rng() % 11);
        s += std::string(i ? "," : "") + R"({"uid": "bench-)" + std::to_string(i) + R"(", "routine_id": "routine-)" +
             std::to_string(rng() % 20) + R"(", "started_at": ")" + unknot::formatIsoUtc(start) +
             R"(", "ended_at": ")" + unknot::formatIsoUtc(start + 300000) +
             R"(", "practised_seconds": 300, "finished": true, "pain_before": )" +
             (pains ? std::to_string(before) : "null") + R"(, "pain_after": )" +
             (pains ? std::to_string(std::max(0, before - static_cast<int>(rng() % 4))) : "null") +
             R"(, "area": "neck", "note": ")" + (rng() % 5 == 0 ? "tight after work, easier at the end" : "") + "\"}";
    }
    return s + "]}";
}

//-----------------------------------------------------------------------------
// [SECTION] Timing
//-----------------------------------------------------------------------------
static double nowMs() {
    using namespace std::chrono;
    return duration<double, std::milli>(steady_clock::now().time_since_epoch()).count();
}

struct Stats {
    double median, p95;
};
static Stats stats(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return {v[v.size() / 2], v[std::min(v.size() - 1, v.size() * 95 / 100)]};
}

static void exec(sqlite3* db, const char* sql) {
    char* msg = nullptr;
    if (sqlite3_exec(db, sql, nullptr, nullptr, &msg) != SQLITE_OK) {
        std::fprintf(stderr, "bench_journal: %s: %s\n", sql, msg ? msg : "?");
        std::exit(1);
    }
}

int main() {
    fs::path dir = fs::temp_directory_path() / ("unknot-bench-journal-" + std::to_string(::getpid()));
    fs::create_directories(dir);
    const std::string path = (dir / "journal.db").string();
    {
        auto j = unknot::Journal::open(path, kNow);
        auto r = unknot::importJson(*j, generated());
        if (!r.ok || r.added != kSessions) {
            std::fprintf(stderr, "bench_journal: could not fill the journal: %s\n", r.error.c_str());
            return 1;
        }
    }
    double t0 = nowMs();
    auto j = unknot::Journal::open(path, kNow);
    double openMs = nowMs() - t0;
    if (!j->persistent() || !j->notices().empty()) {
        std::fprintf(stderr, "bench_journal: the journal did not reopen cleanly\n");
        return 1;
    }

    // The baseline: the same disk, WAL and synchronous=FULL, a bare INSERT of
    // the same row into a table with no index, and a bare query of the newest
    // 100 sessions from the journal's own file.
    sqlite3* base = nullptr;
    sqlite3_open((dir / "baseline.db").string().c_str(), &base);
    exec(base,
         "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;"
         "CREATE TABLE t (uid TEXT, routine_id TEXT, started_at INTEGER, ended_at INTEGER, s INTEGER, f INTEGER,"
         " b INTEGER, a INTEGER, area TEXT, note TEXT)");
    sqlite3_stmt* ins = nullptr;
    sqlite3_prepare_v2(base, "INSERT INTO t VALUES ('u', 'routine-1', 1, 2, 300, 1, 5, 3, 'neck', '')", -1, &ins,
                       nullptr);
    sqlite3* reader = nullptr;
    sqlite3_open_v2(path.c_str(), &reader, SQLITE_OPEN_READONLY, nullptr);
    sqlite3_stmt* sel = nullptr;
    sqlite3_prepare_v2(reader, "SELECT * FROM sessions ORDER BY started_at DESC LIMIT 100", -1, &sel, nullptr);

    const int rounds = 200;
    std::vector<double> add, bareInsert, hist, bareSelect;
    unknot::HistoryQuery q;
    q.nowMs = kNow;
    std::size_t sink = 0;
    for (int i = 0; i < rounds; ++i) {
        double a = nowMs();
        sqlite3_reset(ins);
        sqlite3_step(ins);
        double b = nowMs();
        unknot::SessionRecord r;
        r.routineId = "routine-" + std::to_string(i % 20);
        r.startedAt = kNow + i * 60000LL;
        r.endedAt = r.startedAt + 300000;
        r.practisedSeconds = 300;
        r.finished = true;
        r.painBefore = 5;
        r.painAfter = 3;
        r.area = "neck";
        if (j->addSession(r) != unknot::WriteStatus::Saved) {
            std::fprintf(stderr, "bench_journal: addSession: %s\n", j->lastError().c_str());
            return 1;
        }
        double c = nowMs();
        sqlite3_reset(sel);
        while (sqlite3_step(sel) == SQLITE_ROW) ++sink;
        double d = nowMs();
        unknot::History h = j->history(q);
        double e = nowMs();
        sink += h.sessions.size() + h.chart.size() + h.averages.size();
        bareInsert.push_back(b - a);
        add.push_back(c - b);
        bareSelect.push_back(d - c);
        hist.push_back(e - d);
    }
    sqlite3_finalize(ins);
    sqlite3_finalize(sel);
    sqlite3_close(base);
    sqlite3_close(reader);

    Stats sa = stats(add), sb = stats(bareInsert), sh = stats(hist), ss = stats(bareSelect);
    const double frame = 16.7;
    std::printf("# journal of %d sessions (%.1f MiB); opening it (quick_check included) took %.1f ms\n", kSessions,
                static_cast<double>(fs::file_size(path)) / (1 << 20), openMs);
    std::printf(
        "# addSession (WAL, synchronous=FULL): median %.2f ms, p95 %.2f ms; bare INSERT, same settings and "
        "disk: median %.2f ms, p95 %.2f ms; ratio of medians %.2fx (%d rounds)\n",
        sa.median, sa.p95, sb.median, sb.p95, sa.median / sb.median, rounds);
    std::printf(
        "# history() (days strip, streak, 100 sessions, chart, averages): median %.2f ms, p95 %.2f ms; bare "
        "SELECT of the newest 100: median %.2f ms; ratio of medians %.2fx\n",
        sh.median, sh.p95, ss.median, sh.median / ss.median);
    std::printf("journal-add-session-10k-p95 %.2fms <=%.1fms %s\n", sa.p95, frame, sa.p95 <= frame ? "PASS" : "FAIL");
    std::printf("journal-history-10k-p95 %.2fms <=%.1fms %s\n", sh.p95, frame, sh.p95 <= frame ? "PASS" : "FAIL");
    j.reset();
    if (!std::getenv("UNKNOT_BENCH_KEEP"))
        fs::remove_all(dir);
    else
        std::printf("# kept %s\n", dir.c_str());
    return sink == 0 ? 2 : 0;
}
