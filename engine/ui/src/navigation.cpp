// Navigation: the back stack's moves, the name of the screen shown, opening a
// route by name (App::open) and dropping screens whose content disappeared.
//
// [SECTION] Push, replace, pop
// [SECTION] Screen names
// [SECTION] Open a route (screenshots, tests, the shell's --screen)
// [SECTION] Content reloaded
#include "app_impl.hpp"

#include "unknot/own_pack.hpp"
#include "unknot/session/route.hpp"

#include <cmath>

namespace unknot::ui {

const std::string* screenRoutine(const Screen& s) {
    return std::visit(
        Overloaded{[](const screen::Card& c) -> const std::string* { return &c.routine; },
                   [](const screen::Player& p) -> const std::string* { return &p.routine; },
                   [](const screen::PainBefore& p) -> const std::string* { return &p.routine; },
                   [](const screen::Make& m) -> const std::string* { return m.routine.empty() ? nullptr : &m.routine; },
                   [](const auto&) -> const std::string* { return nullptr; }},
        s);
}

//-----------------------------------------------------------------------------
// [SECTION] Push, replace, pop
//-----------------------------------------------------------------------------
void App::Impl::push(Screen s) {
    savedNoticeFor.clear();  // "Saved to your journal" is said once, on the card Done returns to
    router.push(std::move(s));
    ui.scrollToTopNextFrame();  // a new screen opens at its top
    changed();
}

void App::Impl::replaceTop(Screen s) {
    router.replaceTop(std::move(s));
    ui.scrollToTopNextFrame();
    changed();
}

bool App::Impl::pop() {
    if (router.stack().size() <= 1) return false;  // Home is the root
    if (topIs<screen::Player>()) endSession();
    if (topIs<screen::Card>()) savedNoticeFor.clear();
    router.pop();
    changed();
    return true;
}

// History's words and the Home lists follow flare mode and the language.
void App::Impl::journalChanged() {
    lists.valid = false;
    planView.valid = false;
    for (Screen& s : router.stack())
        if (auto* h = std::get_if<screen::History>(&s)) h->view.valid = false;
}

//-----------------------------------------------------------------------------
// [SECTION] Screen names
//-----------------------------------------------------------------------------
// The names tests and the end-to-end script read: they do not change.
std::string App::Impl::screenName() const {
    const bool ended = session.player && session.player->state() == PlayerState::Finished;
    return std::visit(
        Overloaded{[](const screen::Home&) { return "home"; }, [](const screen::Browse&) { return "browse"; },
                   [](const screen::List&) { return "list"; }, [](const screen::Card&) { return "card"; },
                   [ended](const screen::Player&) { return ended ? "end" : "player"; },
                   [](const screen::PainBefore&) { return "pain"; }, [](const screen::Problems&) { return "problems"; },
                   [](const screen::Settings&) { return "settings"; }, [](const screen::Safety&) { return "safety"; },
                   [](const screen::History&) { return "history"; }, [](const screen::Make&) { return "make"; },
                   [](const screen::Plans&) { return "plans"; }, [](const screen::Plan&) { return "plan"; }},
        top());
}

//-----------------------------------------------------------------------------
// [SECTION] Open a route
//-----------------------------------------------------------------------------
// Opens a parsed route on an App already reset to Home, as if reached by taps.
// Unknown routines and areas are refused here: only the App holds the library.
struct App::Impl::RouteOpener {
    Impl& m;

    Result<void> routine(const std::string& id) const {
        if (!m.lib().findRoutine(id)) return fail("unknown routine: " + id);
        return {};
    }
    // Every screen opens on top of Home.
    void reset() const {
        m.endSession();
        m.router.reset();
        m.ui.scrollToTopNextFrame();
        m.changed();
    }

    Result<void> operator()(const route::Home&) const {
        reset();
        return {};
    }
    Result<void> operator()(const route::Browse&) const { return plain(screen::Browse{}); }
    Result<void> operator()(const route::Problems&) const { return plain(screen::Problems{}); }
    Result<void> operator()(const route::Settings&) const { return plain(screen::Settings{}); }
    Result<void> operator()(const route::Safety&) const { return plain(screen::Safety{}); }
    Result<void> operator()(const route::History&) const { return plain(screen::History{}); }
    Result<void> operator()(const route::List& r) const {
        if (r.area.empty()) return plain(screen::List{});
        if (!m.lib().findArea(r.area)) return fail("unknown area: " + r.area);
        reset();
        m.push(screen::Browse{});
        m.push(screen::List{r.area});
        return {};
    }
    Result<void> operator()(const route::Card& r) const {
        if (Result<void> ok = routine(r.routine); !ok) return ok;
        reset();
        m.push(screen::Card{r.routine});
        return {};
    }
    Result<void> operator()(const route::PainBefore& r) const {
        if (Result<void> ok = routine(r.routine); !ok) return ok;
        reset();
        m.push(screen::Card{r.routine});
        m.push(screen::PainBefore{r.routine});
        return {};
    }
    Result<void> operator()(const route::Play& r) const {
        const Routine* found = m.lib().findRoutine(r.routine);
        if (!found) return fail("unknown routine: " + r.routine);
        reset();
        m.push(screen::Card{r.routine});
        m.push(screen::Player{r.routine});
        m.startSession(*found, 0);
        runTo(r.atMs);
        return {};
    }

    Result<void> operator()(const route::Make& r) const {
        if (!m.canMake()) return fail("making patterns needs a data folder (the own pack), and there is none");
        if (!r.routine.empty()) {
            const Routine* found = m.lib().findRoutine(r.routine);
            if (!found) return fail("unknown routine: " + r.routine);
            if (found->packId != kOwnPackId) return fail("not one of your own patterns: " + r.routine);
        }
        reset();
        if (!r.routine.empty()) m.push(screen::Card{r.routine});
        m.openMake(r.routine);
        return {};
    }
    Result<void> operator()(const route::Plans&) const { return plain(screen::Plans{}); }
    Result<void> operator()(const route::Plan& r) const {
        if (!m.plans().find(r.plan)) return fail("unknown plan: " + r.plan);
        reset();
        m.push(screen::Plans{});
        m.push(screen::Plan{r.plan});
        return {};
    }

private:
    Result<void> plain(Screen s) const {
        reset();
        m.push(std::move(s));
        return {};
    }
    // The session at `target` on a virtual clock whose 0 is its start:
    // frame(target) then shows it.
    void runTo(std::int64_t target) const {
        Player& p = *m.session.player;
        // Untimed (tap) segments take no time on the virtual clock: continue
        // each at the moment it was reached (its start on the timeline, since
        // this clock has no pauses) and run on to the target.
        for (std::size_t guard = 0; guard <= p.timeline().segments.size(); ++guard) {
            (void)p.update(target);  // cues of the skipped part are not played
            if (p.state() != PlayerState::WaitingForTap) break;
            const Segment* wait = p.current();
            if (!wait || wait->startMs >= target) break;  // the target is the wait itself
            p.continueAfterTap(wait->startMs);
        }
        m.session.finishCued = p.state() == PlayerState::Finished;
        m.session.lastState = p.state();
    }
};

bool App::open(const std::string& screenText, std::int64_t nowMs, std::string* error) {
    Impl& m = *impl_;
    m.now = nowMs;
    Result<Route> route = parseRoute(screenText);
    if (!route) {
        if (error) *error = route.error().message;
        return false;
    }
    const Result<void> opened = std::visit(Impl::RouteOpener{m}, *route);
    if (!opened) {
        if (error) *error = opened.error().message;
        return false;
    }
    m.updateKeepAwake();
    return true;
}

//-----------------------------------------------------------------------------
// [SECTION] Content reloaded
//-----------------------------------------------------------------------------
// Screens whose routine or area disappeared are dropped from the stack, with
// every screen above them; the caches of the rest are queried again.
void App::Impl::libraryChanged() {
    planView.valid = false;  // the plans were loaded again with the content
    // A session keeps its compiled timeline; its routine pointer is looked up
    // again, or the session ends if the routine is gone.
    if (session.routine) {
        const std::string id = session.player ? session.player->timeline().routineId : std::string();
        session.routine = lib().findRoutine(id);
    }
    std::vector<Screen>& stack = router.stack();
    std::size_t keep = 0;
    for (; keep < stack.size(); ++keep) {
        const Screen& sc = stack[keep];
        if (const std::string* id = screenRoutine(sc); id && !lib().findRoutine(*id)) break;
        if (const auto* l = std::get_if<screen::List>(&sc); l && !l->area.empty() && !lib().findArea(l->area)) break;
    }
    const bool playerDropped = keep < stack.size() && std::holds_alternative<screen::Player>(stack.back());
    if (playerDropped) endSession();
    stack.resize(std::max<std::size_t>(keep, 1));
    if (keep == 0) stack.front() = screen::Home{};
    for (Screen& s : stack) {
        if (auto* l = std::get_if<screen::List>(&s)) l->cache.key.clear();
        if (auto* c = std::get_if<screen::Card>(&s)) c->view.valid = false;
    }
    changed();
}

}  // namespace unknot::ui
