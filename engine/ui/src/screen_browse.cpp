// Browse by pain area (the body map and area chips) and the card list with
// its filters.
//
// [SECTION] The body map (a calm silhouette drawn with ImDrawList)
// [SECTION] Browse screen
// [SECTION] Card list and filters
#include "app_impl.hpp"

#include "unknot/ui/strings.hpp"

#include <imgui_stdlib.h>

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <set>

namespace unknot::ui {

//-----------------------------------------------------------------------------
// [SECTION] The body map
//-----------------------------------------------------------------------------
// The figure stands in a box half as wide as it is tall, in the coordinates
// content/areas.yaml uses for its spots (x across, y down, both 0..1). Limbs
// are thick lines with round joints: soft shapes, no outline to read.
static void drawSilhouette(ImDrawList* dl, ImVec2 p0, float h, ImU32 c) {
    const float w = h * 0.5f;
    auto P = [&](float x, float y) { return ImVec2(p0.x + x * w, p0.y + y * h); };
    auto limb = [&](float x0, float y0, float x1, float y1, float thick) {
        const float t = thick * w;
        dl->AddLine(P(x0, y0), P(x1, y1), c, t);
        dl->AddCircleFilled(P(x0, y0), t * 0.5f, c, 24);
        dl->AddCircleFilled(P(x1, y1), t * 0.5f, c, 24);
    };
    // Head and neck
    dl->AddCircleFilled(P(0.5f, 0.062f), 0.052f * h, c, 40);
    dl->AddRectFilled(P(0.44f, 0.10f), P(0.56f, 0.17f), c, 0.03f * w);
    // Torso and pelvis
    dl->AddRectFilled(P(0.29f, 0.155f), P(0.71f, 0.47f), c, 0.12f * w);
    dl->AddRectFilled(P(0.31f, 0.40f), P(0.69f, 0.54f), c, 0.10f * w);
    // Arms hang a little away from the body, down to the hands at y 0.5.
    for (int side = 0; side < 2; ++side) {
        auto X = [&](float x) { return side == 0 ? x : 1.0f - x; };
        limb(X(0.30f), 0.19f, X(0.21f), 0.325f, 0.13f);
        limb(X(0.21f), 0.325f, X(0.15f), 0.455f, 0.10f);
        dl->AddCircleFilled(P(X(0.125f), 0.50f), 0.032f * h, c, 24);
        // Legs: hip, knee, ankle, foot
        limb(X(0.40f), 0.50f, X(0.41f), 0.72f, 0.17f);
        limb(X(0.41f), 0.72f, X(0.41f), 0.93f, 0.12f);
        dl->AddRectFilled(P(X(0.41f) - 0.07f, 0.935f), P(X(0.41f) + 0.07f, 0.985f), c, 0.04f * w);
    }
}

// Draws one view of the map at the cursor and returns the id of the area
// tapped, or "". Spots of areas with no routine are not drawn: there would be
// nothing to list.
std::string App::Impl::drawBodyMap(float boxH, bool backView, bool recordSpots) {
    const float boxW = boxH * 0.5f;
    const ImVec2 p0 = ImGui::GetCursorScreenPos();
    const bool tapped =
        ImGui::InvisibleButton(backView ? "map-back" : "map-front", ImVec2(boxW, boxH)) && !ui.dragging();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    drawSilhouette(dl, p0, boxH, pal().body);

    // Every spot is tappable across at least a fingertip, even when drawn small.
    const float hitR = ui.touch() * 0.5f;
    std::string best;
    float bestD = FLT_MAX;
    const ImVec2 m = ImGui::GetIO().MousePos;
    std::vector<MapCircle> spots;
    for (const Area& a : lib().areas) {
        if (areaCount(a.id) == 0) continue;
        for (const MapSpot& s : a.spots)
            if (s.back == backView)
                spots.push_back({a.id, p0.x + s.x * boxW, p0.y + s.y * boxH, std::max(s.r * boxH, 0.35f * ui.em())});
    }
    // No circle over another (jaw, head and neck; hands and wrists).
    for (const MapCircle& s : separateMapCircles(spots, 0.1f * ui.em())) {
        const ImVec2 c(s.x, s.y);
        const float r = s.r;
        // A light disc with a full accent ring: findable on the figure in every theme.
        dl->AddCircleFilled(c, r, (pal().bg & ~IM_COL32_A_MASK) | (170u << IM_COL32_A_SHIFT), 32);
        dl->AddCircle(c, r, pal().accent, 32, std::max(2.0f, 0.1f * ui.em()));
        const std::string id = "spot:" + s.area;
        if (recordSpots && !ui.hasHot(id)) {
            const float R = std::max(r, hitR);
            ui.hotRect(id, ImVec2(c.x - R, c.y - R), ImVec2(c.x + R, c.y + R));
        }
        const float d = std::hypot(m.x - c.x, m.y - c.y);
        // The nearest spot wins where two fingertip circles overlap.
        if (tapped && d <= std::max(r, hitR) && d < bestD) {
            bestD = d;
            best = s.area;
        }
    }
    return best;
}

// Routines of an area that are shown (flare mode hides the others).
int App::Impl::areaCount(const std::string& areaId) const {
    if (!settings.flareMode) return catalog().countForArea(areaId);
    int n = 0;
    for (const Routine& r : lib().routines)
        if (r.flareSafe && std::find(r.areas.begin(), r.areas.end(), areaId) != r.areas.end()) ++n;
    return n;
}

void App::Impl::drawAreaButtons(float width) {
    const float em = ui.em();
    const float sp = ImGui::GetStyle().ItemSpacing.x;
    const int cols = width >= 16.0f * em ? 2 : 1;
    const float bw = std::floor((width - sp * static_cast<float>(cols - 1)) / static_cast<float>(cols));
    int col = 0;
    for (const Area& a : lib().areas) {
        const int n = areaCount(a.id);
        if (n == 0) continue;
        if (col > 0) ImGui::SameLine(0, sp);
        const std::string sub = n == 1 ? std::string(tr("browse.count_one", lang))
                                       : trf("browse.count_many", lang, {{"n", std::to_string(n)}});
        if (ui.button("area:" + a.id, areaLabel(a.id), bw, Tone::Quiet, ui.fonts().body, sub)) {
            const std::string id = a.id;
            later.push_back([this, id] { push(screen::List{id}); });
        }
        col = (col + 1) % cols;
    }
}

//-----------------------------------------------------------------------------
// [SECTION] Browse screen
//-----------------------------------------------------------------------------
void App::Impl::drawBrowse(screen::Browse& sc) {
    topBar(tr("browse.title", lang), true);
    const float em = ui.em();
    const float sp = ImGui::GetStyle().ItemSpacing.x;
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    std::string tappedArea;

    if (wide) {
        // Body map left (front and back side by side), areas right.
        const float labelH = ImGui::GetTextLineHeightWithSpacing();
        const float gap = 1.0f * em;
        float boxH = avail.y - labelH - sp;
        const float maxMapW = avail.x * 0.55f;
        if (boxH + gap > maxMapW) boxH = maxMapW - gap;  // two boxes of boxH/2 each
        const float mapW = boxH + gap;
        ImGui::BeginChild("map-column", ImVec2(mapW, avail.y), false, ImGuiWindowFlags_NoScrollbar);
        const ImVec2 c0 = ImGui::GetCursorScreenPos();
        for (int v = 0; v < 2; ++v) {
            const bool back = v == 1;
            const float x = c0.x + (back ? boxH * 0.5f + gap : 0);
            const char* word = tr(back ? "browse.back" : "browse.front", lang);
            const float tw = ImGui::CalcTextSize(word).x;
            ImGui::SetCursorScreenPos(ImVec2(x + (boxH * 0.5f - tw) * 0.5f, c0.y));
            ImGui::TextUnformatted(word);
            ImGui::SetCursorScreenPos(ImVec2(x, c0.y + labelH));
            const std::string hit = drawBodyMap(boxH, back, true);
            if (!hit.empty()) tappedArea = hit;
        }
        ImGui::EndChild();
        ImGui::SameLine(0, sp);
        const float rightW = ImGui::GetContentRegionAvail().x;
        ui.beginScroll("areas", avail.y, rightW);
        ui.text(tr("browse.hint", lang), nullptr, pal().textMuted);
        drawAreaButtons(ImGui::GetContentRegionAvail().x);
        ui.endScroll();
    } else {
        // One column: a Front/Back toggle, the map, then the areas.
        ui.beginScroll("browse", avail.y, avail.x);
        const float W = ImGui::GetContentRegionAvail().x;
        ui.beginFlow();
        if (ui.chip("view-front", tr("browse.front", lang), !sc.showBackView)) sc.showBackView = false;
        if (ui.chip("view-back", tr("browse.back", lang), sc.showBackView)) sc.showBackView = true;
        const float boxH = std::min(avail.y * 0.55f, W * 2.0f);
        ImGui::SetCursorPosX(ImGui::GetCursorPosX() + (W - boxH * 0.5f) * 0.5f);
        tappedArea = drawBodyMap(boxH, sc.showBackView, true);
        ui.text(tr("browse.hint", lang), nullptr, pal().textMuted);
        drawAreaButtons(W);
        ui.endScroll();
    }
    if (!tappedArea.empty()) later.push_back([this, tappedArea] { push(screen::List{tappedArea}); });
}

//-----------------------------------------------------------------------------
// [SECTION] Card list and filters
//-----------------------------------------------------------------------------
// Runs the catalog query for the list on screen when the area, a filter, the
// search text or the language changed since the last frame.
void App::Impl::refreshList(screen::List& sc) {
    const std::string& area = sc.area;
    const ListFilters& filters = sc.filters;
    ListCache& listCache = sc.cache;
    std::string key = area + '\n' + lang + '\n' + (filters.kind ? toString(*filters.kind) : "") + '\n' +
                      filters.equipment.value_or("") + '\n' + (filters.noEquipment ? "1" : "0") +
                      std::to_string(filters.maxMinutes) + (filters.flareSafe ? "1" : "0") +
                      (settings.flareMode ? "F" : "-") + '\n' + filters.search;
    if (key == listCache.key) return;
    listCache.key = std::move(key);

    // Offer only the choices that can match something in this list.
    Query base;
    if (!area.empty()) base.area = area;
    base.lang = lang;
    base.flareSafeOnly = settings.flareMode;  // flare mode hides the rest everywhere
    std::set<Kind> kinds;
    std::set<std::string> equipment;
    for (const CatalogEntry& e : catalog().query(base)) {
        kinds.insert(e.routine->kind);
        for (const std::string& q : e.routine->equipment) equipment.insert(q);
    }
    listCache.kinds.assign(kinds.begin(), kinds.end());
    listCache.equipment.assign(equipment.begin(), equipment.end());

    Query q = base;
    q.kind = filters.kind;
    q.equipment = filters.equipment;
    q.noEquipment = filters.noEquipment;
    if (filters.maxMinutes > 0) q.maxMinutes = filters.maxMinutes;
    q.flareSafeOnly = filters.flareSafe || settings.flareMode;
    q.search = filters.search;
    listCache.entries = catalog().query(q);
    // The catalog's ranking first (the best answer to the search, the area's
    // own routines), then alphabetical in the language shown (accents folded).
    std::stable_sort(listCache.entries.begin(), listCache.entries.end(),
                     [&](const CatalogEntry& a, const CatalogEntry& b) {
                         if (a.rank != b.rank) return a.rank > b.rank;
                         return foldForSearch(a.routine->title.get(lang)) < foldForSearch(b.routine->title.get(lang));
                     });
}

void App::Impl::drawFilters(screen::List& sc) {
    ListFilters& filters = sc.filters;
    bool& filtersOpen = sc.filtersOpen;
    const std::vector<Kind>& kinds = sc.cache.kinds;
    const std::vector<std::string>& equipment = sc.cache.equipment;

    // The search box is a touch target too: as tall as a button.
    const float padY = std::max(0.0f, (ui.touch() - ImGui::GetFontSize()) * 0.5f);
    ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(0.8f * ui.em(), padY));
    // With text in it, a clear (x) button of a fingertip sits at its right.
    const bool hasText = !filters.search.empty();
    const float gapX = ImGui::GetStyle().ItemSpacing.x;
    ImGui::SetNextItemWidth(hasText ? -(ui.touch() + gapX) : -FLT_MIN);
    // A tap selects the whole text, so what is typed next replaces it.
    ImGui::InputTextWithHint("##search", tr("list.search_hint", lang), &filters.search,
                             ImGuiInputTextFlags_AutoSelectAll);
    // A paste of a megabyte would be searched for in every routine's text and
    // laid out every frame: the field keeps its first kMaxSearchChars.
    std::string cut;
    if (capText(filters.search, cut, kMaxSearchChars).data() == cut.data())
        filters.search = cut.substr(0, cut.size() - std::char_traits<char>::length(kEllipsis));
    ImGui::PopStyleVar();
    ui.hot("search");
    if (hasText) {
        ImGui::SameLine(0, gapX);
        if (ui.button("search-clear", "", ui.touch(), Tone::Quiet)) filters.search.clear();
        // A drawn cross: no glyph needed.
        const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
        const ImVec2 c((a.x + b.x) * 0.5f, (a.y + b.y) * 0.5f);
        const float r = 0.35f * ui.em(), t = std::max(2.0f, 0.12f * ui.em());
        ImDrawList* dl = ImGui::GetWindowDrawList();
        dl->AddLine(ImVec2(c.x - r, c.y - r), ImVec2(c.x + r, c.y + r), pal().text, t);
        dl->AddLine(ImVec2(c.x - r, c.y + r), ImVec2(c.x + r, c.y - r), pal().text, t);
    }

    // The cards come first: the chips fold behind one toggle that says how
    // many filters are on (a wall of chips is clutter for tired eyes).
    const int active = (filters.kind ? 1 : 0) + (filters.equipment || filters.noEquipment ? 1 : 0) +
                       (filters.maxMinutes ? 1 : 0) + (filters.flareSafe ? 1 : 0);
    {
        ui.beginFlow();
        const std::string word = tr("list.filters", lang);
        if (ui.chip("filters", active ? word + " (" + std::to_string(active) + ")" : word, filtersOpen))
            filtersOpen = !filtersOpen;
        if (!filtersOpen) return;
    }
    ui.beginFlow();
    if (kinds.size() > 1)
        for (Kind k : kinds) {
            const bool on = filters.kind == k;
            if (ui.chip(std::string("filter:kind:") + toString(k), kindLabel(k), on))
                filters.kind = on ? std::nullopt : std::optional<Kind>(k);
        }
    if (ui.chip("filter:no-equipment", tr("list.no_equipment", lang), filters.noEquipment)) {
        filters.noEquipment = !filters.noEquipment;
        filters.equipment.reset();
    }
    for (const std::string& q : equipment) {
        const bool on = filters.equipment == q;
        if (ui.chip("filter:equipment:" + q, equipmentLabel(q), on)) {
            filters.equipment = on ? std::nullopt : std::optional<std::string>(q);
            filters.noEquipment = false;
        }
    }
    for (int minutes : {5, 10, 20}) {
        const bool on = filters.maxMinutes == minutes;
        if (ui.chip("filter:max:" + std::to_string(minutes),
                    trf("list.max_minutes", lang, {{"n", std::to_string(minutes)}}), on))
            filters.maxMinutes = on ? 0 : minutes;
    }
    // In flare mode every routine shown is flare-safe: the chip would do nothing.
    if (!settings.flareMode && ui.chip("filter:flare-safe", tr("list.flare_safe", lang), filters.flareSafe))
        filters.flareSafe = !filters.flareSafe;
}

void App::Impl::drawCardRow(const CatalogEntry& e) {
    const Routine& r = *e.routine;
    const float em = ui.em();
    const Fonts& f = ui.fonts();
    const float W = ImGui::GetContentRegionAvail().x;
    const float pad = 0.8f * em;
    const float inner = std::max(1.0f, W - 2 * pad);
    const std::string title = cappedText(r.title.get(lang), kMaxTitleChars);
    const std::string meta = routineMeta(r, e.totalSeconds);
    const std::string badge = r.flareSafe ? tr("list.flare_safe", lang) : "";
    // The title gets the lines it needs at the large size; only a word too
    // wide for the row shrinks it (then ellipsizes it: the card shows it whole).
    const Wrapped tw = ui.wrap(title, f.large, inner, TooWide::Ellipsize);
    const Wrapped mw = ui.wrap(meta, f.body, inner);
    const float th = tw.height;
    const float mh = mw.height;
    const float badgeH = badge.empty() ? 0 : fontPx(f.body) + 0.6f * em;
    const float gap = 0.3f * em;
    const float h = std::max(ui.touch(), pad * 2 + th + gap + mh + (badge.empty() ? 0 : gap + badgeH));

    const std::string id = "card:" + r.id;
    const bool pressed = ImGui::InvisibleButton(id.c_str(), ImVec2(W, h)) && !ui.dragging();
    const bool held = ImGui::IsItemActive() && !ui.dragging();
    ui.hot(id);
    if (pressed) {
        const std::string rid = r.id;
        later.push_back([this, rid] { push(screen::Card{rid}); });
    }
    // A long list draws only the rows in sight.
    if (!ImGui::IsItemVisible()) return;
    const ImVec2 a = ImGui::GetItemRectMin();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(a, ImVec2(a.x + W, a.y + h), held ? pal().surfaceActive : pal().surface, 0.6f * em);
    float y = a.y + pad;
    ui.drawWrapped(dl, f.large, tw, ImVec2(a.x + pad, y), pal().text);
    y += th + gap;
    ui.drawWrapped(dl, f.body, mw, ImVec2(a.x + pad, y), pal().textMuted);
    y += mh + gap;
    if (!badge.empty()) {
        const float bw = std::min(inner, ImGui::CalcTextSize(badge.c_str()).x + 1.0f * em);
        dl->AddRectFilled(ImVec2(a.x + pad, y), ImVec2(a.x + pad + bw, y + badgeH), pal().accentTint, badgeH * 0.5f);
        dl->AddText(f.body, fontPx(f.body), ImVec2(a.x + pad + 0.5f * em, y + 0.3f * em), pal().accent, badge.c_str(),
                    badge.c_str() + badge.size(), inner);
    }
}

void App::Impl::drawList(screen::List& sc) {
    const std::string& area = sc.area;
    topBar(area.empty() ? std::string(tr("list.all", lang)) : areaLabel(area), true);
    const float W = ImGui::GetContentRegionAvail().x;
    const float colW = wide ? std::min(W, 44.0f * ui.em()) : W;
    ImGui::SetCursorPosX(ImGui::GetCursorPosX() + (W - colW) * 0.5f);
    refreshList(sc);
    ui.beginScroll("card-list", 0, colW);
    drawFilters(sc);
    // Again: a chip tapped just now changes what the cards below show.
    refreshList(sc);
    const std::vector<CatalogEntry>& entries = sc.cache.entries;
    const std::size_t n = entries.size();
    ui.text(n == 1 ? std::string(tr("list.count_one", lang)) : trf("list.count_many", lang, {{"n", std::to_string(n)}}),
            nullptr, pal().textMuted);
    if (settings.flareMode) ui.text(tr("list.flare_mode_on", lang), nullptr, pal().textMuted);
    for (const CatalogEntry& e : entries) drawCardRow(e);
    if (entries.empty()) {
        ui.text(tr("list.empty", lang), nullptr, pal().textMuted);
        if (sc.filters.any() && ui.button("clear-filters", tr("list.clear", lang), 0, Tone::Quiet))
            sc.filters = ListFilters{};
    }
    ui.endScroll();
}

}  // namespace unknot::ui
