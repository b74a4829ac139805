// Home (the root of the back stack) and the content problems screen.
//
// [SECTION] Home: today in a plan, one-tap breathing, browse, all routines,
//           plans, favourites, recent
// [SECTION] Problems: every content diagnostic, wrapped
#include "app_impl.hpp"

#include "unknot/ui/strings.hpp"

#include <algorithm>

namespace unknot::ui {

// The routine Home starts in one tap; the button hides when it is not installed.
static constexpr const char* kQuickBreathing = "breathing-4-2-6";

//-----------------------------------------------------------------------------
// [SECTION] Home
//-----------------------------------------------------------------------------
void App::Impl::drawHome() {
    topBar(tr("app.name", lang), false, true);
    const float em = ui.em();
    const float sp = ImGui::GetStyle().ItemSpacing.y;
    const float W = ImGui::GetContentRegionAvail().x;
    // Wide screens keep a readable column instead of stretching buttons.
    const float colW = wide ? std::min(W, 36.0f * em) : W;
    const float x0 = ImGui::GetCursorPosX() + (W - colW) * 0.5f;
    // The safety note is pinned below the scrolling part, always in sight and
    // never over it. Where the whole note would take more than 30 % of the
    // window (large text, a phone on its side), one line that opens it is
    // pinned instead: the buttons stay in view.
    const float footH = safetyFooterHeight(colW);
    const float availH = ImGui::GetContentRegionAvail().y;
    const bool pinNote = footH <= availH * 0.3f;
    const float bodyH = availH - (pinNote ? footH : ui.touch()) - sp;

    ImGui::SetCursorPosX(x0);
    ui.beginScroll("home", bodyH, colW);
    drawJournalNotices(0);
    const int errors = countErrors(lib().diagnostics);
    if (errors > 0) {
        const std::string title = errors == 1 ? std::string(tr("home.problems_one", lang))
                                              : trf("home.problems_many", lang, {{"n", std::to_string(errors)}});
        if (ui.button("problems", title, 0, Tone::Notice, nullptr, tr("home.problems_sub", lang)))
            later.push_back([this] { push(screen::Problems{}); });
    }
    ui.text(tr(settings.flareMode ? "home.greeting_flare" : "home.greeting", lang), nullptr, pal().textMuted);
    ImGui::Dummy(ImVec2(0, 0.2f * em));
    drawHomeToday(0);
    drawHomeButtons();
    drawHomeLists();
    ui.endScroll();

    ImGui::SetCursorPosX(x0);
    if (pinNote)
        safetyFooter(colW);
    else if (ui.button("safety", tr("safety.link", lang), colW, Tone::Notice))
        later.push_back([this] { push(screen::Safety{}); });
}

// The ways in: one-tap breathing, the body map, every routine, History and
// Settings.
void App::Impl::drawHomeButtons() {
    const float em = ui.em();
    const Routine* quick = lib().findRoutine(kQuickBreathing);
    if (quick && shown(*quick)) {
        const std::string sub =
            quick->title.get(lang) + "  \u00b7  " + formatAboutDuration(catalog().totalSeconds(quick->id), lang);
        if (ui.button("start-breathing", tr("home.start_breathing", lang), 0, Tone::Primary, ui.fonts().large, sub)) {
            const Routine* r = quick;
            later.push_back([this, r] { beginRoutine(*r); });
        }
    }
    // Beside the breathing button: a pattern of one's own (when there is a data folder to keep it in).
    if (canMake() && ui.button("make", tr("make.open", lang), 0, Tone::Quiet))
        later.push_back([this] { openMake({}); });
    // Plans over weeks, while none is active (the Today card leads to it then).
    if (!plans().plans.empty() && !todayInPlan() &&
        ui.button("plans", tr("plans.open", lang), 0, Tone::Quiet, nullptr, tr("plans.open_sub", lang)))
        later.push_back([this] { push(screen::Plans{}); });
    if (ui.button("browse", tr("home.browse", lang), 0, Tone::Quiet, ui.fonts().large, tr("home.browse_sub", lang)))
        later.push_back([this] { push(screen::Browse{}); });
    std::size_t n = 0;
    for (const Routine& r : lib().routines)
        if (shown(r)) ++n;
    const std::string count =
        n == 1 ? std::string(tr("list.count_one", lang)) : trf("list.count_many", lang, {{"n", std::to_string(n)}});
    if (ui.button("all", tr("home.all", lang), 0, Tone::Quiet, ui.fonts().large,
                  n == 0 ? std::string(tr("home.no_content", lang)) : count))
        later.push_back([this] { push(screen::List{}); });

    // History and Settings side by side when both fit, else one per line.
    {
        const float sp2 = ImGui::GetStyle().ItemSpacing.x;
        const float half = (ImGui::GetContentRegionAvail().x - sp2) * 0.5f;
        const std::string h = tr("home.history", lang), st = tr("home.settings", lang);
        const bool pair = ImGui::CalcTextSize(h.c_str()).x + 1.6f * em <= half &&
                          ImGui::CalcTextSize(st.c_str()).x + 1.6f * em <= half;
        if (ui.button("history", h, pair ? half : 0, Tone::Quiet)) later.push_back([this] { push(screen::History{}); });
        if (pair) ImGui::SameLine(0, sp2);
        if (ui.button("settings", st, pair ? half : 0, Tone::Quiet))
            later.push_back([this] { push(screen::Settings{}); });
    }
}

// Favourites first: chosen on purpose; then what was done lately.
void App::Impl::drawHomeLists() {
    const float em = ui.em();
    std::vector<std::string> favs, recent;
    const JournalLists& saved = journalLists();
    for (const std::string& id : saved.favourites)
        if (const Routine* r = lib().findRoutine(id); r && shown(*r)) favs.push_back(id);
    for (const std::string& id : saved.recent)
        if (const Routine* r = lib().findRoutine(id); r && shown(*r) && recent.size() < 4) recent.push_back(id);
    ImGui::Dummy(ImVec2(0, 0.4f * em));
    ui.text(tr("home.favourites", lang), ui.fonts().large);
    if (favs.empty())
        ui.text(tr("home.favourites_empty", lang), nullptr, pal().textMuted);
    else
        drawRoutineRows(favs, "fav:");
    ImGui::Dummy(ImVec2(0, 0.4f * em));
    ui.text(tr("home.recent", lang), ui.fonts().large);
    if (recent.empty())
        ui.text(tr("home.recent_empty", lang), nullptr, pal().textMuted);
    else
        drawRoutineRows(recent, "recent:");
}

// Rows of routines (favourites, recent): title, and length and kind beneath.
void App::Impl::drawRoutineRows(const std::vector<std::string>& ids, const std::string& prefix) {
    for (const std::string& id : ids) {
        const Routine* r = lib().findRoutine(id);
        if (!r) continue;
        if (ui.button(prefix + id, cappedText(r->title.get(lang), kMaxTitleChars), 0, Tone::Quiet, nullptr,
                      routineMeta(*r, catalog().totalSeconds(id)))) {
            later.push_back([this, rid = id] { push(screen::Card{rid}); });
        }
    }
}

// What the journal has to say (a file moved aside, a write that failed), in
// plain words, with a way to act on it.
void App::Impl::drawJournalNotices(float width) {
    const std::size_t pending = journal->pendingWrites();
    if (pending > 0) {
        ui.notePanel(tr("journal.pending_title", lang), {tr("journal.pending", lang)}, pal().cautionTint, pal().caution,
                     width);
        if (ui.button("journal-retry", tr("journal.retry", lang), width, Tone::Quiet)) {
            journal->retryPending();
            changed();
        }
    }
    if (noticesDismissed) return;
    std::vector<std::string> lines;
    for (const JournalNotice& n : journal->noticesDetailed()) {
        if (n.key == "journal.write_failed") continue;  // shown above while pending
        lines.push_back(trf(n.key, lang, {{"file", n.file}}));
    }
    if (lines.empty()) return;
    ui.notePanel(tr("journal.notice_title", lang), lines, pal().accentTint, pal().accent, width);
    if (ui.button("journal-ok", tr("journal.ok", lang), width, Tone::Quiet)) {
        noticesDismissed = true;
        journal->clearNotices();
        changed();
    }
}

//-----------------------------------------------------------------------------
// [SECTION] Problems
//-----------------------------------------------------------------------------
void App::Impl::drawProblems() {
    topBar(tr("problems.title", lang), true);
    const float em = ui.em();
    const float W = ImGui::GetContentRegionAvail().x;
    const float colW = wide ? std::min(W, 50.0f * em) : W;
    ImGui::SetCursorPosX(ImGui::GetCursorPosX() + (W - colW) * 0.5f);
    ui.beginScroll("problems-list", 0, colW);
    if (lib().diagnostics.empty()) ui.text(tr("problems.none", lang), nullptr, pal().textMuted);
    // A broken pack can have thousands: the first kMaxProblemsShown, then a
    // count of the rest (all of them are in `unknot lint`).
    const std::size_t shown = std::min(lib().diagnostics.size(), kMaxProblemsShown);
    for (std::size_t i = 0; i < shown; ++i) {
        const Diagnostic& d = lib().diagnostics[i];
        const bool error = d.severity == Severity::Error;
        // Errors and warnings differ in colour and in word, never colour alone.
        ui.notePanel(tr(error ? "problems.error" : "problems.warning", lang), {formatDiagnosticShort(d)},
                     error ? pal().cautionTint : pal().surface, error ? pal().caution : pal().textMuted);
    }
    if (lib().diagnostics.size() > shown)
        ui.text(trf("problems.more", lang, {{"n", std::to_string(lib().diagnostics.size() - shown)}}), nullptr,
                pal().textMuted);
    ui.endScroll();
}

}  // namespace unknot::ui
