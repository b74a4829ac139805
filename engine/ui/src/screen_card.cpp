// The technique card: what it is, for whom, how long, what to watch out for,
// its steps with their times, and a big Start.
//
// [SECTION] Card screen (one column narrow, info | steps wide)
// [SECTION] Info: summary, facts, cautions in plain sight
// [SECTION] Steps: grouped from the compiled timeline
#include "app_impl.hpp"

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
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    // Start stays pinned at the bottom: never scrolled out of reach.
    const float bodyH = avail.y - ui.touch() - sp;
    if (wide) {
        const float colW = (avail.x - ImGui::GetStyle().ItemSpacing.x) * 0.5f;
        ui.beginScroll("card-info", bodyH, colW);
        drawCardInfo(*r, view);
        ui.endScroll();
        ImGui::SameLine();
        ui.beginScroll("card-steps", bodyH, colW);
        drawCardSteps(view);
        ui.endScroll();
    } else {
        ui.beginScroll("card-body", bodyH, avail.x);
        drawCardInfo(*r, view);
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
    fact("card.total", formatDurationHuman(catalog().totalSeconds(r.id)));
    fact("card.flare", tr(r.flareSafe ? "card.flare_yes" : "card.flare_no", lang));

    const float W = ImGui::GetContentRegionAvail().x;
    float labelW = 0;
    for (const auto& f : facts) labelW = std::max(labelW, ImGui::CalcTextSize(f.first.c_str()).x);
    labelW = std::min(labelW + 0.8f * em, W * 0.45f);
    const float valueW = std::max(1.0f, W - labelW);
    ImFont* body = ui.fonts().body;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    for (auto& [label, value] : facts) {
        // Areas and equipment are lists from content: capped like all text.
        value = cappedText(value);
        const ImVec2 p = ImGui::GetCursorScreenPos();
        const float lh = ui.textHeight(label, body, labelW - 0.8f * em);
        const float vh = ui.textHeight(value, body, valueW);
        const float rowH = std::max(lh, vh) + 0.15f * em;
        if (ImGui::IsRectVisible(p, ImVec2(p.x + W, p.y + rowH))) {
            dl->AddText(body, fontPx(body), p, pal().textMuted, label.c_str(), label.c_str() + label.size(),
                        labelW - 0.8f * em);
            dl->AddText(body, fontPx(body), ImVec2(p.x + labelW, p.y), pal().text, value.c_str(),
                        value.c_str() + value.size(), valueW);
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
// [SECTION] Steps
//-----------------------------------------------------------------------------
void App::Impl::drawCardSteps(const CardView& view) {
    const float em = ui.em();
    ui.text(tr("card.steps", lang), ui.fonts().large);
    for (std::size_t i = 0; i < view.steps.size(); ++i) {
        const StepSummary& s = view.steps[i];
        const std::string num = std::to_string(s.step);
        // The number in a soft disc at the left; the text wraps beside it.
        const ImVec2 p = ImGui::GetCursorScreenPos();
        const float r = 0.8f * em;
        ImDrawList* dl = ImGui::GetWindowDrawList();
        dl->AddCircleFilled(ImVec2(p.x + r, p.y + r), r, pal().accentTint, 24);
        const ImVec2 ns = ImGui::CalcTextSize(num.c_str());
        dl->AddText(ImVec2(p.x + r - ns.x * 0.5f, p.y + r - ns.y * 0.5f), pal().accent, num.c_str());
        ImGui::Indent(2 * r + 0.5f * em);
        ui.text(s.say.get(lang));
        ui.text(i < view.stepTimes.size() ? view.stepTimes[i] : std::string(), nullptr, pal().textMuted);
        ImGui::Unindent(2 * r + 0.5f * em);
        ImGui::Dummy(ImVec2(0, 0.2f * em));
    }
}

}  // namespace unknot::ui
