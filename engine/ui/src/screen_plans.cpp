// Plans over weeks: Home's "Today" card, the list of plans, and one plan's
// weeks with the days done. What today asks for, and when a day counts as
// done, is decided in engine/session (plan_progress.hpp), never here.
//
// [SECTION] The active plan, cached
// [SECTION] Home's "Today" card
// [SECTION] The list of plans
// [SECTION] One plan: its weeks, start and stop
#include "app_impl.hpp"

#include "unknot/ui/strings.hpp"

#include <algorithm>
#include <cstdio>

namespace unknot::ui {

namespace {
constexpr std::int64_t kDayMs = 86400000;

// A plan day (days since 1970-01-01 of the person's calendar) as Unix ms of
// its UTC midnight: formatted with offset 0, it is that calendar date.
std::int64_t dayMs(std::int64_t dayNumber) { return dayNumber * kDayMs; }

std::string isoDate(const CivilDate& d) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", d.year, d.month, d.day);
    return buf;
}
}  // namespace

//-----------------------------------------------------------------------------
// [SECTION] The active plan, cached
//-----------------------------------------------------------------------------
const PlanBook& App::Impl::plans() const {
    static const PlanBook kNone;
    return cfg.plans ? *cfg.plans : kNone;
}

// Queried again only when the journal moved, the calendar day turned, flare
// mode changed or the content reloaded: never SQLite work on every frame.
const std::optional<session::TodayInPlan>& App::Impl::todayInPlan() {
    const std::int64_t w = wallNow();
    const int offset = utcOffset(w);
    const std::int64_t day = session::localDayNumber(w, offset);
    if (!planView.valid || planView.at != journal->changeCount() || planView.day != day ||
        planView.flare != settings.flareMode || planView.book != cfg.plans) {
        planView.today =
            cfg.plans ? session::todayInPlan(*journal, *cfg.plans, w, offset, settings.flareMode) : std::nullopt;
        planView.at = journal->changeCount();
        planView.day = day;
        planView.flare = settings.flareMode;
        planView.book = cfg.plans;
        planView.valid = true;
    }
    return planView.today;
}

void App::Impl::markPlanDay() {
    if (!cfg.plans) return;
    const std::int64_t w = wallNow();
    if (session::markTodayIfDone(*journal, *cfg.plans, w, utcOffset(w), settings.flareMode)) changed();
}

// Routine titles joined for one line ("Rest" for none).
std::string App::Impl::planDayText(const std::vector<std::string>& routines) const {
    if (routines.empty()) return tr("plan.rest", lang);
    std::string out;
    for (const std::string& id : routines) {
        if (!out.empty()) out += ", ";
        out += routineTitle(id);
    }
    return out;
}

//-----------------------------------------------------------------------------
// [SECTION] Home's "Today" card
//-----------------------------------------------------------------------------
// Where the person is in the plan, what today asks for (one tap starts it),
// and what is done. Nothing about days missed: only today and what is next.
void App::Impl::drawHomeToday(float width) {
    const std::optional<session::TodayInPlan>& t = todayInPlan();
    if (!t) return;
    const Plan& p = *t->plan;
    const session::PlanToday& d = t->today;
    const std::string title = p.title.get(lang);
    const std::int64_t start = session::parseDayNumber(t->run.startDate).value_or(0);
    ui.text(tr("today.title", lang), ui.fonts().large);
    std::string where;
    switch (d.phase) {
    case session::PlanToday::Phase::Weeks:
        where = trf("today.week_day", lang,
                    {{"plan", title}, {"week", std::to_string(d.week)}, {"day", std::to_string(d.dayOfWeek)}});
        break;
    case session::PlanToday::Phase::Then: where = trf("today.then", lang, {{"plan", title}}); break;
    case session::PlanToday::Phase::NotStarted:
        where = trf("today.not_started", lang, {{"plan", title}, {"date", formatDate(dayMs(start), 0, lang)}});
        break;
    case session::PlanToday::Phase::Finished: where = trf("today.finished", lang, {{"plan", title}}); break;
    }
    ui.text(where, nullptr, pal().textMuted);
    const bool running = d.phase == session::PlanToday::Phase::Weeks || d.phase == session::PlanToday::Phase::Then;
    if (d.flareSwapped)
        ui.text(tr(d.routines.empty() ? "today.flare_rest" : "today.flare", lang), nullptr, pal().accent);
    else if (running && d.routines.empty())
        ui.text(tr("today.rest", lang), nullptr, pal().textMuted);
    drawTodayRoutines(*t, width);
    if (!d.routines.empty())
        ui.text(tr(t->allDone() ? "today.all_done" : "today.not_done", lang), nullptr,
                t->allDone() ? pal().textMuted : pal().accent);
    else if (d.nextDay && d.phase != session::PlanToday::Phase::Finished)
        ui.text(*d.nextDay == d.day + 1
                    ? std::string(tr("today.next_tomorrow", lang))
                    : trf("today.next", lang, {{"date", formatDate(dayMs(start + *d.nextDay), 0, lang)}}),
                nullptr, pal().textMuted);
    if (ui.button("today-plan", tr("today.open_plan", lang), width, Tone::Quiet)) {
        later.push_back([this, id = p.id] {
            push(screen::Plans{});
            push(screen::Plan{id});
        });
    }
    ImGui::Dummy(ImVec2(0, 0.4f * ui.em()));
}

// Today's routines as big buttons: the first one not done yet stands out,
// a done one says so and can be done again.
void App::Impl::drawTodayRoutines(const session::TodayInPlan& t, float width) {
    bool primaryShown = false;
    for (std::size_t i = 0; i < t.today.routines.size(); ++i) {
        const std::string& id = t.today.routines[i];
        const Routine* r = lib().findRoutine(id);
        if (!r) {
            ui.text(trf("today.missing_routine", lang, {{"id", id}}), nullptr, pal().textMuted);
            continue;
        }
        const bool done = i < t.routineDone.size() && t.routineDone[i];
        const bool primary = !done && !primaryShown;
        primaryShown = primaryShown || primary;
        const std::string sub =
            done ? std::string(tr("today.routine_done", lang)) : routineMeta(*r, catalog().totalSeconds(id));
        if (ui.button("today:" + id, cappedText(r->title.get(lang), kMaxTitleChars), width,
                      primary ? Tone::Primary : Tone::Quiet, nullptr, sub))
            later.push_back([this, r] { beginRoutine(*r); });
    }
}

//-----------------------------------------------------------------------------
// [SECTION] The list of plans
//-----------------------------------------------------------------------------
void App::Impl::drawPlans() {
    topBar(tr("plans.title", lang), true);
    const float W = ImGui::GetContentRegionAvail().x;
    const float colW = wide ? std::min(W, 36.0f * ui.em()) : W;
    ImGui::SetCursorPosX(ImGui::GetCursorPosX() + (W - colW) * 0.5f);
    ui.beginScroll("plans", 0, colW);
    ui.text(tr("plans.intro", lang), nullptr, pal().textMuted);
    ImGui::Dummy(ImVec2(0, 0.2f * ui.em()));
    if (plans().plans.empty()) ui.text(tr("plans.none", lang), nullptr, pal().textMuted);
    const std::optional<session::TodayInPlan>& t = todayInPlan();
    for (const Plan& p : plans().plans) {
        const std::size_t n = p.weeks.size();
        std::string sub = n == 1 ? std::string(tr("plans.weeks_one", lang))
                                 : trf("plans.weeks_many", lang, {{"n", std::to_string(n)}});
        const bool active = t && t->run.planId == p.id;
        // The summary is on the plan's own screen: a list stays short to scan.
        if (active) sub += "  \u00b7  " + std::string(tr("plans.active", lang));
        if (ui.button("plan:" + p.id, cappedText(p.title.get(lang), kMaxTitleChars), 0,
                      active ? Tone::Selected : Tone::Quiet, ui.fonts().large, sub))
            later.push_back([this, id = p.id] { push(screen::Plan{id}); });
    }
    ui.endScroll();
}

//-----------------------------------------------------------------------------
// [SECTION] One plan
//-----------------------------------------------------------------------------
void App::Impl::drawPlan(screen::Plan& sc) {
    const Plan* p = plans().find(sc.plan);
    if (!p) {
        topBar(tr("plans.title", lang), true);
        ui.text(tr("plan.missing", lang), nullptr, pal().textMuted);
        return;
    }
    topBar(p->title.get(lang), true);
    const float W = ImGui::GetContentRegionAvail().x;
    const float colW = wide ? std::min(W, 36.0f * ui.em()) : W;
    ImGui::SetCursorPosX(ImGui::GetCursorPosX() + (W - colW) * 0.5f);
    ui.beginScroll("plan", 0, colW);
    ui.text(p->summary.get(lang));
    const std::optional<session::TodayInPlan>& t = todayInPlan();
    const bool active = t && t->run.planId == p->id;
    if (active) {
        const std::int64_t start = session::parseDayNumber(t->run.startDate).value_or(0);
        const std::string date = formatDate(dayMs(start), 0, lang);
        ui.text(trf("plan.started", lang, {{"date", date}, {"n", std::to_string(t->daysDone.size())}}), nullptr,
                pal().textMuted);
    }
    drawPlanActions(sc, *p, active);
    drawPlanWeeks(*p, active ? t : std::nullopt);
    ui.endScroll();
}

// Start (replacing another plan, which it says), or Stop after a question.
void App::Impl::drawPlanActions(screen::Plan& sc, const Plan& p, bool active) {
    if (!active) {
        // The current plan, from the cached view: no SQLite work in a frame.
        if (const std::optional<session::TodayInPlan>& other = todayInPlan())
            ui.text(trf("plan.start_replaces", lang, {{"plan", other->plan->title.get(lang)}}), nullptr,
                    pal().textMuted);
        if (ui.button("plan-start", tr("plan.start", lang), 0, Tone::Primary)) {
            later.push_back([this, id = p.id] {
                const std::int64_t w = wallNow();
                (void)journal->startPlan(id, isoDate(civilDate(w, utcOffset(w))), w);
                ui.scrollToTopNextFrame();
                changed();
            });
        }
        return;
    }
    if (confirmAction("plan-stop", "plan.stop", sc.askStop)) {
        sc.askStop = false;
        later.push_back([this] {
            (void)journal->stopPlan();
            changed();
        });
    }
}

// Every week, day by day: the routines or Rest, with the days done and today
// marked when this plan is the active one (dates instead of day numbers then).
void App::Impl::drawPlanWeeks(const Plan& p, const std::optional<session::TodayInPlan>& t) {
    const std::int64_t start = t ? session::parseDayNumber(t->run.startDate).value_or(0) : 0;
    for (std::size_t w = 0; w < p.weeks.size(); ++w) {
        ImGui::Dummy(ImVec2(0, 0.2f * ui.em()));
        ui.text(trf("plan.week", lang, {{"n", std::to_string(w + 1)}}), ui.fonts().large);
        for (std::size_t d = 0; d < p.weeks[w].days.size(); ++d) {
            const auto index = static_cast<std::int64_t>(w * kPlanDaysPerWeek + d);
            const std::vector<std::string>& routines = p.weeks[w].days[d].routines;
            std::string line = t ? formatShortDay(dayMs(start + index), 0, lang)
                                 : trf("plan.day", lang, {{"n", std::to_string(d + 1)}});
            line += "  \u00b7  " + planDayText(routines);
            const bool isToday = t && t->today.day == index;
            const bool done = t && std::binary_search(t->daysDone.begin(), t->daysDone.end(), static_cast<int>(index));
            if (done) line += "  \u00b7  " + std::string(tr("plan.done", lang));
            if (isToday) line += "  \u00b7  " + std::string(tr("plan.today", lang));
            ui.text(line, nullptr, isToday ? pal().accent : routines.empty() ? pal().textMuted : pal().text);
        }
    }
    if (p.then) {
        ImGui::Dummy(ImVec2(0, 0.2f * ui.em()));
        ui.text(tr("plan.then", lang), ui.fonts().large);
        const std::string key = std::string("plan.then_") + toString(p.then->every);
        ui.text(trf(key, lang, {{"routines", planDayText(p.then->routines)}}));
    }
    ImGui::Dummy(ImVec2(0, 0.2f * ui.em()));
    ui.text(p.flareDay.empty() ? std::string(tr("plan.flare_rest", lang))
                               : trf("plan.flare_day", lang, {{"routine", routineTitle(p.flareDay)}}),
            nullptr, pal().textMuted);
}

}  // namespace unknot::ui
