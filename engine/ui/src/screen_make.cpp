// "Make your own": a breathing pattern made with big steppers, previewed at
// its pace, and saved as a routine of the person's own pack (own_pack.hpp),
// where the loader reads it like any other routine.
//
// [SECTION] Opening
// [SECTION] The screen
// [SECTION] Steppers and length
// [SECTION] Preview and notes
// [SECTION] Save and delete
#include "app_impl.hpp"

#include "unknot/own_pack.hpp"
#include "unknot/ui/strings.hpp"

#include <imgui_stdlib.h>

#include <algorithm>
#include <cmath>

namespace unknot::ui {

namespace {
// Half seconds as words: "3.5 s" ("3,5 s" in French), or "Left out" for 0.
std::string phaseValue(int halves, const std::string& lang) {
    if (halves <= 0) return tr("make.off", lang);
    std::string n = std::to_string(halves / 2);
    if (halves % 2) n += isFrench(lang) ? ",5" : ".5";
    return trf("make.seconds", lang, {{"n", n}});
}

// Breaths per minute to one decimal, without a trailing ".0".
std::string paceValue(double bpm, const std::string& lang) {
    const long tenths = std::lround(bpm * 10.0);
    std::string s = std::to_string(tenths / 10);
    if (tenths % 10) s += (isFrench(lang) ? "," : ".") + std::to_string(tenths % 10);
    return s;
}

// Where in its breath the preview is `ms` after it began: the phase and how
// far through it (0..1), phases of 0 s left out.
std::pair<BreathPhase, double> previewPhase(const BreathPattern& p, std::int64_t ms) {
    const std::int64_t cycle = patternCycleMs(p);
    if (cycle <= 0) return {BreathPhase::Rest, 0.0};
    std::int64_t t = ms % cycle;
    const std::pair<BreathPhase, int> phases[] = {{BreathPhase::Inhale, p.inhale},
                                                  {BreathPhase::Hold, p.hold},
                                                  {BreathPhase::Exhale, p.exhale},
                                                  {BreathPhase::Rest, p.rest}};
    for (const auto& [phase, halves] : phases) {
        const std::int64_t len = halves * std::int64_t{500};
        if (t < len) return {phase, static_cast<double>(t) / static_cast<double>(len)};
        t -= len;
    }
    return {BreathPhase::Rest, 1.0};
}

const char* phaseWord(BreathPhase p) {
    switch (p) {
    case BreathPhase::Inhale: return "make.inhale";
    case BreathPhase::Hold: return "make.hold";
    case BreathPhase::Exhale: return "make.exhale";
    case BreathPhase::Rest:
    case BreathPhase::None: break;
    }
    return "make.rest";
}
}  // namespace

//-----------------------------------------------------------------------------
// [SECTION] Opening
//-----------------------------------------------------------------------------
// A new pattern starts at 4 in, 6 out (about 6 a minute); an own routine
// opens as the pattern it was saved from.
void App::Impl::openMake(const std::string& routineId) {
    screen::Make sc;
    sc.routine = routineId;
    if (const Routine* r = routineId.empty() ? nullptr : lib().findRoutine(routineId))
        if (auto p = patternFromRoutine(*r, lang)) sc.pattern = *p;
    push(std::move(sc));
}

//-----------------------------------------------------------------------------
// [SECTION] The screen
//-----------------------------------------------------------------------------
void App::Impl::drawMake(screen::Make& sc) {
    topBar(sc.routine.empty() ? tr("make.title", lang) : routineTitle(sc.routine), true);
    if (sc.previewStart < 0 || sc.previewStart > now) sc.previewStart = now;
    const float sp = ImGui::GetStyle().ItemSpacing.y;
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    // Save stays pinned at the bottom, as Start does on a card.
    ui.beginScroll("make-body", avail.y - ui.touch() - sp, avail.x);
    // Less the scrollbar's room: the form is taller than a phone at large
    // text, and a row that spans the width would put "+" under the bar.
    const float width = std::min(ImGui::GetContentRegionAvail().x - ImGui::GetStyle().ScrollbarSize, 30.0f * ui.em());
    drawMakeForm(sc, width);
    drawMakePreview(sc, width);
    drawMakeNotes(sc);
    if (!sc.routine.empty()) drawMakeDelete(sc);
    ImGui::Dummy(ImVec2(0, 0.5f * ui.em()));
    safetyFooter(0);
    ui.endScroll();
    const bool ready = canSave(sc.pattern);
    if (ui.button("make-save", tr("make.save", lang), avail.x, ready ? Tone::Primary : Tone::Quiet, ui.fonts().large) &&
        ready) {
        screen::Make* target = &sc;
        later.push_back([this, target] {
            // The screen may have gone with a content reload: save only the
            // one still on top.
            if (auto* top = std::get_if<screen::Make>(&router.top()); top == target) saveMade(*top);
        });
    }
}

void App::Impl::drawMakeForm(screen::Make& sc, float width) {
    BreathPattern& p = sc.pattern;
    ui.text(tr("make.name", lang), nullptr, pal().textMuted);
    ImGui::SetNextItemWidth(width);
    ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(0.5f * ui.em(), (ui.touch() - ui.em()) * 0.5f));
    ImGui::InputTextWithHint("##make-name", tr("make.name_hint", lang), &p.name);
    ImGui::PopStyleVar();
    ui.hot("make-name");
    // A paste of a megabyte would be laid out every frame: keep what a title holds.
    if (p.name.size() > 4 * unknot::kMaxTitleChars) p.name = cleanPatternName(p.name);
    ImGui::Dummy(ImVec2(0, 0.3f * ui.em()));
    const int most = BreathPattern::kMaxHalfSeconds;
    makeStepper("make-inhale", tr("make.inhale", lang), phaseValue(p.inhale, lang), p.inhale, 0, most, width);
    makeStepper("make-hold", tr("make.hold", lang), phaseValue(p.hold, lang), p.hold, 0, most, width);
    makeStepper("make-exhale", tr("make.exhale", lang), phaseValue(p.exhale, lang), p.exhale, 0, most, width);
    makeStepper("make-rest", tr("make.rest", lang), phaseValue(p.rest, lang), p.rest, 0, most, width);
    drawMakeLength(sc, width);
}

//-----------------------------------------------------------------------------
// [SECTION] Steppers and length
//-----------------------------------------------------------------------------
// A label, then "-  value  +" with targets at least touch() wide: on one row
// when it all fits, else the label on its own line above; where even the
// controls alone do not fit (a long value at large text on a phone), the value
// goes on its own line too and "-" and "+" share the row. True on a change.
bool App::Impl::makeStepper(const std::string& id, const std::string& label, const std::string& value, int& v, int lo,
                            int hi, float width) {
    const float em = ui.em();
    const float spacing = ImGui::GetStyle().ItemSpacing.x;
    const float gaps = 2.0f * spacing;
    const float textW = ImGui::CalcTextSize(value.c_str()).x;
    // 3 em buttons where they fit; narrower (never below a finger's target)
    // at large text, so the value and "+" stay on screen.
    float bw = std::max(ui.touch(), std::min(3.0f * em, (width - gaps - textW - em) * 0.5f));
    float valueW = std::max(textW, 4.0f * em);
    const float controlsW = 2.0f * bw + valueW + gaps;
    const bool oneRow = ImGui::CalcTextSize(label.c_str()).x + controlsW + em <= width;
    const bool valueBetween = oneRow || 2.0f * bw + textW + gaps <= width;
    // On their own row the controls span the width: "+" never past the edge.
    if (!oneRow) valueW = valueBetween ? width - 2.0f * bw - gaps : 0.0f;
    if (!valueBetween) bw = std::max(ui.touch(), (width - spacing) * 0.5f);
    const float x0 = ImGui::GetCursorPosX();
    const float rowY = ImGui::GetCursorPosY();
    if (oneRow) {
        ImGui::SetCursorPosY(rowY + (ui.touch() - ImGui::GetTextLineHeight()) * 0.5f);
        ImGui::TextUnformatted(label.c_str());
        ImGui::SetCursorPos(ImVec2(x0 + width - controlsW, rowY));
    } else {
        ui.text(label);
        if (!valueBetween) ui.text(value);
        ImGui::SetCursorPosX(x0);
    }
    const int before = v;
    if (ui.button(id + "-less", "-", bw, Tone::Quiet, ui.fonts().large)) v = std::max(lo, v - 1);
    ImGui::SameLine();
    if (valueBetween) {
        const ImVec2 at = ImGui::GetCursorScreenPos();
        ImGui::Dummy(ImVec2(valueW, ui.touch()));
        const ImVec2 ts = ImGui::CalcTextSize(value.c_str());
        ImGui::GetWindowDrawList()->AddText(ImVec2(at.x + (valueW - ts.x) * 0.5f, at.y + (ui.touch() - ts.y) * 0.5f),
                                            v > 0 ? pal().text : pal().textMuted, value.c_str());
        ImGui::SameLine();
    }
    if (ui.button(id + "-more", "+", bw, Tone::Quiet, ui.fonts().large)) v = std::min(hi, v + 1);
    return v != before;
}

void App::Impl::drawMakeLength(screen::Make& sc, float width) {
    BreathPattern& p = sc.pattern;
    ImGui::Dummy(ImVec2(0, 0.3f * ui.em()));
    ui.text(tr("make.length", lang), nullptr, pal().textMuted);
    ui.beginFlow();
    const bool breaths = p.lengthIn == BreathPattern::Length::Breaths;
    // Switching keeps about the same length: minutes become the breaths they hold.
    if (ui.chip("make-in-minutes", tr("make.minutes", lang), !breaths) && breaths) {
        p.amount = std::max(1, static_cast<int>(std::lround(static_cast<double>(patternTotalMs(p)) / 60000.0)));
        p.lengthIn = BreathPattern::Length::Minutes;
    }
    if (ui.chip("make-in-breaths", tr("make.breaths", lang), breaths) && !breaths) {
        p.amount = patternBreaths(p);
        p.lengthIn = BreathPattern::Length::Breaths;
    }
    p = clampPattern(p);
    const bool nowBreaths = p.lengthIn == BreathPattern::Length::Breaths;
    const std::string amount =
        trf(nowBreaths ? "make.breaths_n" : "make.minutes_n", lang, {{"n", std::to_string(p.amount)}});
    makeStepper("make-amount", tr("make.length", lang), amount, p.amount, 1,
                nowBreaths ? kMaxPatternBreaths : kMaxPatternMinutes, width);
    makeStepper("make-count", tr("make.count_aloud", lang), std::to_string(p.countAloud), p.countAloud, 0,
                kMaxPatternCountAloud, width);
}

//-----------------------------------------------------------------------------
// [SECTION] Preview and notes
//-----------------------------------------------------------------------------
// The player's breathing shape (a circle that grows with the in-breath and
// shrinks with the out-breath, breathScale), at the pattern's own pace.
void App::Impl::drawMakePreview(screen::Make& sc, float width) {
    const BreathPattern& p = sc.pattern;
    const float em = ui.em();
    ImGui::Dummy(ImVec2(0, 0.3f * em));
    const float boxH = std::min(9.0f * em, width * 0.6f);
    const ImVec2 at = ImGui::GetCursorScreenPos();
    ImGui::Dummy(ImVec2(width, boxH));
    const bool still = settings.reducedMotion;
    const auto [phase, progress] = previewPhase(p, still ? 0 : now - sc.previewStart);
    const float R = boxH * 0.42f;
    const ImVec2 c(at.x + width * 0.5f, at.y + boxH * 0.5f);
    const float rMin = R * 0.45f;
    const float r = still ? R : rMin + (R - rMin) * breathScale(phase, progress);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddCircle(c, R, pal().track, 64, std::max(1.5f, 0.08f * em));
    dl->AddCircleFilled(c, r, (pal().accent & ~IM_COL32_A_MASK) | (70u << IM_COL32_A_SHIFT), 64);
    dl->AddCircle(c, r, pal().accent, 64, std::max(2.0f, 0.12f * em));
    if (!still && patternCycleMs(p) > 0) {
        const char* word = tr(phaseWord(phase), lang);
        const ImVec2 ts = ImGui::CalcTextSize(word);
        dl->AddText(ImVec2(c.x - ts.x * 0.5f, c.y - ts.y * 0.5f), pal().text, word);
    }
    if (patternCycleMs(p) <= 0) return;
    ui.text(trf("make.pace", lang,
                {{"bpm", paceValue(breathsPerMinute(p), lang)},
                 {"n", std::to_string(patternBreaths(p))},
                 {"time", formatAboutDuration(patternTotalMs(p) / 1000, lang)}}),
            nullptr, pal().textMuted);
}

void App::Impl::drawMakeNotes(const screen::Make& sc) {
    std::vector<std::string> lines;
    for (PatternNote n : patternNotes(sc.pattern)) {
        switch (n) {
        case PatternNote::NoInhale: lines.emplace_back(tr("make.need_inhale", lang)); break;
        case PatternNote::NoExhale: lines.emplace_back(tr("make.need_exhale", lang)); break;
        case PatternNote::NoName: lines.emplace_back(tr("make.need_name", lang)); break;
        case PatternNote::ExhaleShorter: lines.emplace_back(tr("make.note_exhale", lang)); break;
        case PatternNote::LongHolds: lines.emplace_back(tr("make.note_holds", lang)); break;
        }
    }
    if (!lines.empty()) ui.notePanel({}, lines, pal().accentTint, pal().accentSoft);
    if (!sc.error.empty()) ui.notePanel(tr("make.not_saved", lang), {sc.error}, pal().cautionTint, pal().caution);
}

//-----------------------------------------------------------------------------
// [SECTION] Save and delete
//-----------------------------------------------------------------------------
void App::Impl::drawMakeDelete(screen::Make& sc) {
    ImGui::Dummy(ImVec2(0, 0.5f * ui.em()));
    if (confirmAction("make-delete", "make.delete", sc.askDelete)) {
        const std::string id = sc.routine;
        later.push_back([this, id] { deleteMade(id); });
    }
}

// The content loaded again, so the made routine shows (or goes) everywhere:
// lists, favourites, History.
void App::Impl::reloadOwnContent() {
    if (!cfg.reloadLibrary) return;
    libp = cfg.reloadLibrary();
    if (!libp) libp = cfg.library;
    cat = std::make_unique<Catalog>(lib());
    libraryChanged();
}

void App::Impl::saveMade(screen::Make& sc) {
    std::string id = sc.routine;
    if (id.empty()) {
        std::vector<std::string> taken;
        for (const Routine& r : lib().routines) taken.push_back(r.id);
        id = patternId(cleanPatternName(sc.pattern.name), taken);
    }
    const Result<void> saved = saveOwnPattern(OwnPack{cfg.ownPackDir, cfg.vocabularyDir}, sc.pattern, id);
    if (!saved) {
        sc.error = saved.error().message;
        changed();
        return;
    }
    const bool isNew = sc.routine.empty();
    pop();  // the form; an edit returns to its card, which is compiled again
    reloadOwnContent();
    if (isNew && lib().findRoutine(id)) push(screen::Card{id});
}

void App::Impl::deleteMade(const std::string& id) {
    const Result<void> gone = deleteOwnRoutine(OwnPack{cfg.ownPackDir, cfg.vocabularyDir}, id);
    if (!gone) {
        if (auto* sc = std::get_if<screen::Make>(&router.top())) sc->error = gone.error().message;
        return;
    }
    // The card and this form name a routine that is gone: the reload drops them.
    reloadOwnContent();
}

}  // namespace unknot::ui
