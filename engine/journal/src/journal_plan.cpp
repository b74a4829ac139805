// Plans in the journal: the active run and the days done (schema version 4),
// pending writes included, as every other query shows them.
#include "journal_internal.hpp"

#include <algorithm>
#include <tuple>

namespace unknot {

bool validPlanDate(const std::string& s) {
    if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
    for (std::size_t i : {0u, 1u, 2u, 3u, 5u, 6u, 8u, 9u})
        if (s[i] < '0' || s[i] > '9') return false;
    const int y = std::stoi(s.substr(0, 4)), m = std::stoi(s.substr(5, 2)), d = std::stoi(s.substr(8, 2));
    if (y < 1970 || m < 1 || m > 12 || d < 1) return false;
    const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    const int days[] = {31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return d <= days[m - 1];
}

std::optional<ActivePlan> Journal::activePlan() const {
    const Impl& m = *impl_;
    std::optional<ActivePlan> active;
    {
        Stmt s(m.db, "SELECT plan_id, start_date, started_at FROM active_plan WHERE id = 1");
        if (s.step() == SQLITE_ROW) active = ActivePlan{s.text(0), s.text(1), s.i64(2)};
    }
    // Writes waiting in memory, in the order they were made.
    for (const auto& pending : m.pending)
        std::visit(Overloaded{[&](const op::StartPlan& o) { active = o.plan; },
                              [&](const op::StopPlan&) { active.reset(); }, [](const auto&) {}},
                   pending);
    return active;
}

std::vector<PlanDayDone> Journal::allPlanDays() const {
    const Impl& m = *impl_;
    std::vector<PlanDayDone> out;
    {
        Stmt s(m.db, "SELECT plan_id, start_date, day, done_at FROM plan_days");
        while (s.step() == SQLITE_ROW)
            out.push_back(PlanDayDone{s.text(0), s.text(1), static_cast<int>(s.i64(2)), s.i64(3)});
    }
    auto key = [](const PlanDayDone& d) { return std::tie(d.planId, d.startDate, d.day); };
    for (const auto& pending : m.pending)
        std::visit(Overloaded{[&](const op::MarkPlanDay& o) {
                                  // The first time a day was marked is the one kept.
                                  if (std::none_of(out.begin(), out.end(),
                                                   [&](const PlanDayDone& d) { return key(d) == key(o.done); }))
                                      out.push_back(o.done);
                              },
                              [](const auto&) {}},
                   pending);
    std::sort(out.begin(), out.end(), [&](const PlanDayDone& a, const PlanDayDone& b) { return key(a) < key(b); });
    return out;
}

std::vector<PlanDayDone> Journal::planDaysDone() const {
    auto active = activePlan();
    if (!active) return {};
    std::vector<PlanDayDone> all = allPlanDays(), out;
    for (auto& d : all)
        if (d.planId == active->planId && d.startDate == active->startDate) out.push_back(std::move(d));
    return out;
}

}  // namespace unknot
