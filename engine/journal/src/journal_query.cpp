// Reading sessions, favourites and settings: the file's rows, with the
// pending writes (not yet saved) applied on top.
//
// [SECTION] Rows and pending writes
// [SECTION] Sessions
// [SECTION] Favourites and settings
#include "journal_internal.hpp"

#include <algorithm>
#include <cstdint>
#include <map>
#include <variant>

namespace unknot {

//-----------------------------------------------------------------------------
// [SECTION] Rows and pending writes
//-----------------------------------------------------------------------------
SessionRecord readSession(const Stmt& s) {
    SessionRecord r;
    r.id = s.i64(0);
    r.uid = s.text(1);
    r.routineId = s.text(2);
    r.startedAt = s.i64(3);
    r.endedAt = s.i64(4);
    r.practisedSeconds = s.i64(5);
    r.finished = s.i64(6) != 0;
    r.stoppedAtStep = s.optInt(7);
    r.painBefore = s.optInt(8);
    r.painAfter = s.optInt(9);
    r.area = s.text(10);
    r.note = s.text(11);
    return r;
}

namespace {
// Applies the pending writes that touch sessions to `v` (pending additions
// appended, in order).
void applyPendingSessions(const Journal::Impl& m, std::vector<SessionRecord>& v) {
    auto each = [&](const std::string& uid, auto change) {
        for (auto& r : v)
            if (r.uid == uid) change(r);
    };
    for (const auto& pending : m.pending)
        std::visit(Overloaded{
                       [&](const op::AddSession& o) {
                           bool dup = std::any_of(v.begin(), v.end(),
                                                  [&](const SessionRecord& r) { return r.uid == o.session.uid; });
                           if (!dup) v.push_back(o.session);
                       },
                       [&](const op::SetPainAfter& o) { each(o.uid, [&](SessionRecord& r) { r.painAfter = o.pain; }); },
                       [&](const op::SetNote& o) { each(o.uid, [&](SessionRecord& r) { r.note = o.note; }); },
                       [](const op::SetFavourite&) {},
                       [](const op::SetSetting&) {},
                       [](const op::StartPlan&) {},
                       [](const op::StopPlan&) {},
                       [](const op::MarkPlanDay&) {},
                   },
                   pending);
}

std::optional<SessionRecord> dbSession(const Journal::Impl& m, const std::string& uid) {
    std::string q = std::string("SELECT ") + kSessionColumns + " FROM sessions WHERE uid = ?";
    Stmt s(m.db, q.c_str());
    s.bind(1, uid);
    if (s.step() == SQLITE_ROW) return readSession(s);
    return std::nullopt;
}
}  // namespace

void sortOldestFirst(std::vector<SessionRecord>& v) {
    auto key = [](const SessionRecord& r) { return r.id == 0 ? INT64_MAX : r.id; };
    std::stable_sort(v.begin(), v.end(), [&](const SessionRecord& a, const SessionRecord& b) {
        return a.startedAt != b.startedAt ? a.startedAt < b.startedAt : key(a) < key(b);
    });
}

//-----------------------------------------------------------------------------
// [SECTION] Sessions
//-----------------------------------------------------------------------------

std::optional<SessionRecord> Journal::session(const std::string& uid) const {
    std::vector<SessionRecord> v;
    if (auto r = dbSession(*impl_, uid)) v.push_back(*r);
    if (!impl_->pending.empty()) {
        applyPendingSessions(*impl_, v);
        std::erase_if(v, [&](const SessionRecord& r) { return r.uid != uid; });
    }
    if (v.empty()) return std::nullopt;
    return v.front();
}

std::vector<SessionRecord> Journal::allSessions() const {
    std::vector<SessionRecord> v;
    std::string q = std::string("SELECT ") + kSessionColumns + " FROM sessions ORDER BY started_at, id";
    Stmt s(impl_->db, q.c_str());
    while (s.step() == SQLITE_ROW) v.push_back(readSession(s));
    if (!impl_->pending.empty()) {
        applyPendingSessions(*impl_, v);
        sortOldestFirst(v);
    }
    return v;
}

//-----------------------------------------------------------------------------
// [SECTION] Favourites and settings
//-----------------------------------------------------------------------------
namespace {
// The pending favourite changes, oldest first.
std::vector<const op::SetFavourite*> pendingFavourites(const Journal::Impl& m) {
    std::vector<const op::SetFavourite*> out;
    for (const auto& pending : m.pending)
        std::visit(Overloaded{[&](const op::SetFavourite& o) { out.push_back(&o); }, [](const auto&) {}}, pending);
    return out;
}

// The pending settings, oldest first.
std::vector<const op::SetSetting*> pendingSettings(const Journal::Impl& m) {
    std::vector<const op::SetSetting*> out;
    for (const auto& pending : m.pending)
        std::visit(Overloaded{[&](const op::SetSetting& o) { out.push_back(&o); }, [](const auto&) {}}, pending);
    return out;
}
}  // namespace

std::vector<FavouriteEntry> Journal::favouriteEntries() const {
    std::vector<FavouriteEntry> v;
    Stmt s(impl_->db, "SELECT routine_id, added_at FROM favourites ORDER BY added_at DESC, rowid DESC");
    while (s.step() == SQLITE_ROW) v.push_back({s.text(0), s.i64(1)});
    bool changed = false;
    for (const op::SetFavourite* op : pendingFavourites(*impl_)) {
        auto it =
            std::find_if(v.begin(), v.end(), [&](const FavouriteEntry& f) { return f.routineId == op->routineId; });
        if (op->on && it == v.end()) v.insert(v.begin(), {op->routineId, op->at});
        if (!op->on && it != v.end()) v.erase(it);
        changed = true;
    }
    if (changed)
        std::stable_sort(v.begin(), v.end(),
                         [](const FavouriteEntry& a, const FavouriteEntry& b) { return a.addedAt > b.addedAt; });
    return v;
}

std::vector<std::string> Journal::favourites() const {
    std::vector<std::string> ids;
    for (auto& f : favouriteEntries()) ids.push_back(std::move(f.routineId));
    return ids;
}

bool Journal::isFavourite(const std::string& routineId) const {
    bool on = false;
    {
        Stmt s(impl_->db, "SELECT 1 FROM favourites WHERE routine_id = ?");
        s.bind(1, routineId);
        on = s.step() == SQLITE_ROW;
    }
    for (const op::SetFavourite* op : pendingFavourites(*impl_))
        if (op->routineId == routineId) on = op->on;
    return on;
}

std::vector<std::string> Journal::recentRoutines(int limit) const {
    std::vector<std::string> ids;
    if (limit <= 0) return ids;
    if (impl_->pending.empty()) {
        // The (routine_id, started_at) index answers this without the table.
        Stmt s(impl_->db,
               "SELECT routine_id FROM sessions GROUP BY routine_id ORDER BY max(started_at) DESC, routine_id "
               "LIMIT ?");
        s.bind(1, std::int64_t{limit});
        while (s.step() == SQLITE_ROW) ids.push_back(s.text(0));
        return ids;
    }
    std::map<std::string, std::int64_t> latest;
    for (const auto& r : allSessions()) {
        auto [it, fresh] = latest.emplace(r.routineId, r.startedAt);
        if (!fresh) it->second = std::max(it->second, r.startedAt);
    }
    std::vector<std::pair<std::string, std::int64_t>> v(latest.begin(), latest.end());
    std::stable_sort(v.begin(), v.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
    for (std::size_t i = 0; i < v.size() && ids.size() < static_cast<std::size_t>(limit); ++i)
        ids.push_back(v[i].first);
    return ids;
}

std::optional<std::string> Journal::setting(const std::string& key) const {
    std::optional<std::string> v;
    {
        Stmt s(impl_->db, "SELECT value FROM settings WHERE key = ?");
        s.bind(1, key);
        if (s.step() == SQLITE_ROW) v = s.text(0);
    }
    for (const op::SetSetting* op : pendingSettings(*impl_))
        if (op->key == key) v = op->value;
    return v;
}

std::vector<std::pair<std::string, std::string>> Journal::settings() const {
    std::map<std::string, std::string> all;
    Stmt s(impl_->db, "SELECT key, value FROM settings");
    while (s.step() == SQLITE_ROW) all[s.text(0)] = s.text(1);
    for (const op::SetSetting* op : pendingSettings(*impl_)) all[op->key] = op->value;
    return {all.begin(), all.end()};
}

}  // namespace unknot
