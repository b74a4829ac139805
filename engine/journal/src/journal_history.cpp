// The History screen's data: SQL on the indexes when nothing is pending, else
// computed from the records (historyFromRecords, also the tests' reference).
//
// [SECTION] The days strip
// [SECTION] From records
// [SECTION] From SQL
#include "journal_internal.hpp"

#include <algorithm>
#include <map>
#include <set>

namespace unknot {

//-----------------------------------------------------------------------------
// [SECTION] The days strip
//-----------------------------------------------------------------------------
namespace {

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

//-----------------------------------------------------------------------------
// [SECTION] From records
//-----------------------------------------------------------------------------
History historyFromRecords(std::vector<SessionRecord> v, const HistoryQuery& q) {
    History h;
    const int weeks = clampInt(q.weeks, 0, kMaxHistoryWeeks);
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
    for (const auto& [id, c] : change) h.averages.push_back({id, c.first, static_cast<double>(c.second) / c.first});
    sortAverages(h.averages);
    return h;
}

//-----------------------------------------------------------------------------
// [SECTION] From SQL
//-----------------------------------------------------------------------------
// Each part is one query on an index, so the History screen stays well under
// a frame with 10,000 sessions (bench/bench_journal.cpp). While writes are
// pending, the records are merged in memory instead (slower, but rare).
History Journal::history(const HistoryQuery& q) const {
    if (!impl_->pending.empty()) return historyFromRecords(allSessions(), q);
    sqlite3* db = impl_->db;
    History h;
    const int weeks = clampInt(q.weeks, 0, kMaxHistoryWeeks);
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
            } else if (d < expect)
                break;  // d == expect + 1: same day as the last one counted
        }
    }
    {
        Stmt s(db, "SELECT count(*) FROM sessions");
        if (s.step() == SQLITE_ROW) h.totalSessions = static_cast<int>(s.i64(0));
    }
    {
        std::string sql =
            std::string("SELECT ") + kSessionColumns + " FROM sessions ORDER BY started_at DESC, id DESC LIMIT ?";
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

}  // namespace unknot
