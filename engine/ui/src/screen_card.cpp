// The technique card: what it is, for whom, how long, what to watch out for,
// its steps with their times, and a big Start.
//
// [SECTION] Card screen (one column narrow, info | steps wide)
// [SECTION] Info: summary, facts, cautions in plain sight
// [SECTION] Steps: grouped from the compiled timeline
#include "app_impl.hpp"
#include "figure_draw.hpp"

#include "unknot/own_pack.hpp"

#include "unknot/ui/strings.hpp"

#include <algorithm>

namespace unknot::ui {

//-----------------------------------------------------------------------------
// [SECTION] Card screen
//-----------------------------------------------------------------------------
void App::Impl::drawCard(screen::Card& sc) {
    const std::string& id = sc.routine;
    prepareCard(sc);
    const CardView& view = sc.view;
    const Routine* r = lib().findRoutine(id);
    topBar(r ? r->title.get(lang) : id, true, false, r ? r->id : std::string());
    if (!r) {
        ui.text(tr("card.missing", lang));
        return;
    }
    const float sp = ImGui::GetStyle().ItemSpacing.y;
    // The bar had to shorten the title (a long word, large text): the whole
    // title opens the card.
    if (topBarTitleCut) ui.text(r->title.get(lang), ui.fonts().large);
    // After Done: the session is in the journal. Said once, above the card.
    if (savedNoticeFor == id) ui.text(tr("end.saved", lang), nullptr, pal().accent);
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    // Start stays pinned at the bottom: never scrolled out of reach.
    const float bodyH = avail.y - ui.touch() - sp;
    if (wide) {
        const float colW = (avail.x - ImGui::GetStyle().ItemSpacing.x) * 0.5f;
        ui.beginScroll("card-info", bodyH, colW);
        drawCardInfo(*r, view);
        drawCardAudio(*r, sc.audio);
        ui.endScroll();
        ImGui::SameLine();
        ui.beginScroll("card-steps", bodyH, colW);
        drawCardSteps(view);
        ui.endScroll();
    } else {
        ui.beginScroll("card-body", bodyH, avail.x);
        drawCardInfo(*r, view);
        drawCardAudio(*r, sc.audio);
        ImGui::Dummy(ImVec2(0, 0.4f * ui.em()));
        drawCardSteps(view);
        ui.endScroll();
    }
    const float startW = wide ? std::min(avail.x, 24.0f * ui.em()) : avail.x;
    ImGui::SetCursorPosX(ImGui::GetCursorPosX() + (avail.x - startW) * 0.5f);
    if (ui.button("start", tr("card.start", lang), startW, Tone::Primary, ui.fonts().large)) {
        later.push_back([this, r] { beginRoutine(*r); });
    }
}

//-----------------------------------------------------------------------------
// [SECTION] Info
//-----------------------------------------------------------------------------
void App::Impl::drawCardInfo(const Routine& r, const CardView& view) {
    const float em = ui.em();
    // The routine's key figure first: where the ball goes, before any word.
    if (const auto key = keyFigure(view.steps)) {
        const float W = ImGui::GetContentRegionAvail().x;
        const float side = std::min(W * 0.6f, 10.0f * em);
        const ImVec2 p = ImGui::GetCursorScreenPos();
        const ImVec2 min(p.x + (W - side) * 0.5f, p.y);
        const ImVec2 max(min.x + side, min.y + side);
        drawFigure(ImGui::GetWindowDrawList(), lib().figures, *key, {0, 0, false, true}, min, max,
                   figurePalette(pal()));
        ui.hotRect("card-figure", min, max);
        ImGui::Dummy(ImVec2(W, side));
    }
    // A pattern the person made (their own pack) can be changed or deleted.
    if (r.packId == kOwnPackId && canMake() && ui.button("make-edit", tr("make.edit", lang), 0, Tone::Quiet)) {
        const std::string id = r.id;
        later.push_back([this, id] { openMake(id); });
    }
    if (!r.summary.empty()) ui.text(r.summary.get(lang));
    ImGui::Dummy(ImVec2(0, 0.2f * em));

    // The facts as a two-column grid (muted label, value wrapped beside it):
    // compact enough that the cautions below are in sight on a phone.
    std::vector<std::pair<std::string, std::string>> facts;
    auto fact = [&](const char* key, const std::string& value) { facts.emplace_back(tr(key, lang), value); };
    std::string areas;
    for (const std::string& a : r.areas) areas += (areas.empty() ? "" : ", ") + areaLabel(a);
    if (!areas.empty()) fact("card.areas", areas);
    std::string equipment;
    for (const std::string& e : r.equipment) equipment += (equipment.empty() ? "" : ", ") + equipmentLabel(e);
    fact("card.equipment", equipment.empty() ? std::string(tr("card.no_equipment", lang)) : equipment);
    fact("card.kind", kindLabel(r.kind));
    fact("card.intensity", intensityLabel(r.intensity));
    fact("card.total", formatAboutDuration(catalog().totalSeconds(r.id), lang));
    fact("card.flare", tr(r.flareSafe ? "card.flare_yes" : "card.flare_no", lang));

    const float W = ImGui::GetContentRegionAvail().x;
    float labelW = 0;
    for (const auto& f : facts) labelW = std::max(labelW, ImGui::CalcTextSize(f.first.c_str()).x);
    labelW = std::min(labelW + 0.8f * em, W * 0.45f);
    ImFont* body = ui.fonts().body;
    // Large text on a phone: when a label's word does not fit its column,
    // each label goes above its value, both the full width.
    bool stacked = false;
    for (const auto& f : facts) stacked = stacked || longestWord(body, f.first) > labelW - 0.8f * em;
    if (stacked) labelW = W + 0.8f * em;
    const float valueW = stacked ? W : std::max(1.0f, W - labelW);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    for (auto& [label, value] : facts) {
        // Areas and equipment are lists from content: capped like all text.
        value = cappedText(value);
        const ImVec2 p = ImGui::GetCursorScreenPos();
        const Wrapped lw = ui.wrap(label, body, labelW - 0.8f * em);
        const Wrapped vw = ui.wrap(value, body, valueW);
        const ImVec2 vp = stacked ? ImVec2(p.x, p.y + lw.height) : ImVec2(p.x + labelW, p.y);
        const float rowH = (stacked ? lw.height + vw.height : std::max(lw.height, vw.height)) + 0.15f * em;
        if (ImGui::IsRectVisible(p, ImVec2(p.x + W, p.y + rowH))) {
            ui.drawWrapped(dl, body, lw, p, pal().textMuted);
            ui.drawWrapped(dl, body, vw, vp, pal().text);
        }
        ImGui::Dummy(ImVec2(W, rowH));
    }
    ImGui::Dummy(ImVec2(0, 0.2f * em));

    // Cautions in plain sight, never behind a tap.
    std::vector<std::string> lines;
    for (const Text& c : view.cautions) lines.push_back("\u2022 " + c.get(lang));
    lines.push_back(tr("safety.note", lang));
    ui.notePanel(tr("card.cautions", lang), lines, pal().cautionTint, pal().caution);
    if (ui.button("safety", tr("card.safety_more", lang), 0, Tone::Quiet))
        later.push_back([this] { push(screen::Safety{}); });
    if (!shown(r)) ui.text(tr("card.flare_hidden", lang), nullptr, pal().textMuted);
}

//-----------------------------------------------------------------------------
// [SECTION] Save as audio
//-----------------------------------------------------------------------------
// The person's own choices: the session's language, the voice as Settings
// has it for this kind of routine, its rate and both volumes.
AudioSaveOptions App::Impl::audioSaveOptions(const Routine& r) const {
    AudioSaveOptions o;
    o.lang = lang;
    o.voice = r.kind == Kind::Breathing ? settings.voiceBreathing : settings.voiceGuided;
    o.wordsPerMinute = settings.voiceRate;
    o.volume = settings.sound ? static_cast<float>(settings.volumePercent) / 100.0f : 0.0f;
    o.speechVolume = static_cast<float>(settings.voiceVolumePercent) / 100.0f;
    return o;
}

// Offered only where the runner can render (both runners can; tests without
// a RoutineAudio cannot). The render blocks a frame, so "Saving" is drawn
// first.
void App::Impl::drawCardAudio(const Routine& r, screen::SavedAudio& audio) {
    RoutineAudio* out = cfg.services.routineAudio;
    if (!out) return;
    using State = screen::SavedAudio::State;
    // The web fetches the voice the first time: no frames are asked for
    // meanwhile; the runner wakes the App when it arrives.
    if (audio.state == State::Preparing) {
        if (!out->ready(audioSaveOptions(r))) {
            ui.text(tr("card.audio_preparing", lang), nullptr, pal().textMuted);
            return;
        }
        audio.state = State::Asked;
    }
    if (audio.state == State::Saving) {
        Result<SavedAudioFile> saved = out->save(lib(), r, audioSaveOptions(r));
        audio.failed = !saved;
        // The place on a line of its own: a long path or file name there
        // does not shrink the sentence's words to fit.
        audio.message = !saved              ? trf("card.audio_failed", lang, {{"why", saved.error().message}})
                        : saved->downloaded ? tr("card.audio_downloaded", lang)
                                            : tr("card.audio_saved", lang);
        audio.where = saved ? saved->where : std::string();
        // Asked with the voice where none could be rendered: say so, and
        // where the tones are explained, rather than let the file surprise.
        audio.note = saved && !saved->voiced ? tr("card.audio_tones_only", lang) : std::string();
        audio.state = State::Done;
        audio.reveal = true;
        changed();
    }
    if (audio.state == State::Asked || audio.state == State::Saving) {
        ui.text(tr("card.audio_saving", lang), nullptr, pal().textMuted);
        audio.state = State::Saving;  // rendered next frame, once this one is shown
        changed();
        return;
    }
    if (ui.button("save-audio", tr("card.save_audio", lang), 0, Tone::Quiet)) {
        audio.state = State::Preparing;
        changed();
    }
    // A new answer: scrolled to the top of the card's visible part, since it
    // may have landed below, behind the Start bar (the button often sits
    // just above it). At large text it can be taller than that part; its
    // first words then come first.
    if (audio.reveal) {
        ImGui::SetScrollY(ImGui::GetCursorPosY() - ImGui::GetStyle().ItemSpacing.y);
        audio.reveal = false;
        changed();
    }
    // Where it went, right under the button that was tapped; the hint once
    // nothing has been said.
    if (!audio.message.empty()) ui.text(audio.message, nullptr, audio.failed ? pal().caution : pal().accent);
    if (!audio.where.empty()) ui.text(audio.where, nullptr, pal().accent);
    if (!audio.note.empty()) ui.text(audio.note, nullptr, pal().textMuted);
    if (audio.message.empty()) ui.text(tr("card.audio_hint", lang), nullptr, pal().textMuted);
}

//-----------------------------------------------------------------------------
// [SECTION] Steps
//-----------------------------------------------------------------------------
void App::Impl::drawCardSteps(const CardView& view) {
    const float em = ui.em();
    ui.text(tr("card.steps", lang), ui.fonts().large);
    // A step repeated in a row (a routine's `repeat`) shows once, "× 2".
    auto same = [&](const StepSummary& a, const StepSummary& b) {
        return a.kind == b.kind && a.say.get(lang) == b.say.get(lang) && a.totalMs == b.totalMs && a.sides == b.sides &&
               a.cycles == b.cycles && a.routineId == b.routineId;
    };
    // The left column holds the step's number, and its figure below it when
    // any step has one (then every step's text starts at the same place).
    // A narrow column (large text on a phone) keeps the words' width: the
    // figure then goes under the step's text instead, so no word is split.
    const bool figured =
        std::any_of(view.steps.begin(), view.steps.end(), [](const StepSummary& s) { return s.figure; });
    const float figSide = 3.4f * em;
    const bool beside = figured && ImGui::GetContentRegionAvail().x - figSide - 0.5f * em >= 14.0f * em;
    const float col = beside ? figSide : 1.6f * em;
    const FigurePalette figures = figurePalette(pal());
    for (std::size_t i = 0, next = 0; i < view.steps.size(); i = next) {
        const StepSummary& s = view.steps[i];
        for (next = i + 1; next < view.steps.size() && same(s, view.steps[next]);) ++next;
        std::string time = i < view.stepTimes.size() ? view.stepTimes[i] : std::string();
        if (next - i > 1) time += "  \u00b7  " + trf("card.times", lang, {{"n", std::to_string(next - i)}});
        const std::string num = std::to_string(s.step);
        // The number in a soft disc at the left; the text wraps beside it.
        // Under it, the step's figure (a still end pose) when it has one.
        const ImVec2 p = ImGui::GetCursorScreenPos();
        const float r = 0.8f * em;
        ImDrawList* dl = ImGui::GetWindowDrawList();
        dl->AddCircleFilled(ImVec2(p.x + col * 0.5f, p.y + r), r, pal().accentTint, 24);
        const ImVec2 ns = ImGui::CalcTextSize(num.c_str());
        dl->AddText(ImVec2(p.x + col * 0.5f - ns.x * 0.5f, p.y + r - ns.y * 0.5f), pal().accent, num.c_str());
        float bottom = p.y + 2 * r;
        if (s.figure && beside) {
            const ImVec2 f0(p.x, bottom + 0.2f * em);
            bottom = f0.y + col;
            const ImVec2 f1(f0.x + col, bottom);
            if (ImGui::IsRectVisible(f0, f1)) {
                drawFigure(dl, lib().figures, *s.figure, {0, 0, false, true}, f0, f1, figures);
                ui.hotRect("step-figure-" + num, f0, f1);
            }
        }
        ImGui::Indent(col + 0.5f * em);
        ui.text(s.say.get(lang));
        ui.text(time, nullptr, pal().textMuted);
        if (s.figure && !beside) {
            const ImVec2 f0 = ImGui::GetCursorScreenPos(), f1(f0.x + figSide, f0.y + figSide);
            drawFigure(dl, lib().figures, *s.figure, {0, 0, false, true}, f0, f1, figures);
            ui.hotRect("step-figure-" + num, f0, f1);
            ImGui::Dummy(ImVec2(figSide, figSide));
        }
        ImGui::Unindent(col + 0.5f * em);
        // The step ends below its text or its figure, whichever is lower.
        ImGui::Dummy(ImVec2(0, std::max(0.0f, bottom - ImGui::GetCursorScreenPos().y)));
        ImGui::Dummy(ImVec2(0, 0.2f * em));
    }
}

}  // namespace unknot::ui
