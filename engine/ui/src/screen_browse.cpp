// Browse by pain area (the body map and area chips) and the card list with
// its filters.
//
// [SECTION] The body map (the figure model's person, regions and labels)
// [SECTION] Browse screen
// [SECTION] Card list and filters
#include "app_impl.hpp"

#include "figure_draw.hpp"
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
// The figure model's standing person (the same drawing as the steps'
// figures), each area a soft round region on it (content/areas.yaml `map`,
// in figure space) and one label per area beside the body, joined to its
// region by a thin line. The labels are the targets: a fingertip tall, never
// overlapping (layoutBodyMap); a tap on a region works too. An area with
// routines and no region ("whole body") is a chip above the map.
namespace {
// A view's standing figure, its end pose, still. No floor line: the map is
// a picture of the body, not of a scene.
FigureShapes standingFigure(const FigureBook& book, bool back) {
    StepFigure f;
    f.from = back ? "stand-back" : "stand-front";
    FigureShapes s = composeFigure(book, f, FigureTime{0, 0, false, true});
    s.scene.clear();
    return s;
}

ImU32 withAlpha(ImU32 c, float a) {
    const auto alpha = static_cast<ImU32>(std::lround(std::clamp(a, 0.0f, 1.0f) * 255.0f));
    return (c & ~IM_COL32_A_MASK) | (alpha << IM_COL32_A_SHIFT);
}

// The regions of one view, of the areas that have routines to list.
template <class Count>
std::vector<MapRegion> mapRegions(const Library& lib, bool backView, Count count) {
    std::vector<MapRegion> out;
    for (const Area& a : lib.areas) {
        if (count(a.id) == 0) continue;
        for (const MapSpot& s : a.spots)
            if (s.back == backView) out.push_back({a.id, s.x, s.y, s.r});
    }
    return out;
}

// The regions, softly filled and outlined, and the thin lines to their labels.
void drawMapRegions(ImDrawList* dl, const BodyMapLayout& l, ImVec2 o, const Palette& p, float em) {
    const FigurePalette fp = figurePalette(p);
    const ImU32 edge = mapRegionEdge(fp.body, p.accent | IM_COL32_A_MASK, p.text, p.bg);
    const float t = std::max(2.0f, 0.1f * em);
    for (const MapCircle& c : l.regions) {
        const ImVec2 at(o.x + c.x, o.y + c.y);
        dl->AddCircleFilled(at, c.r, withAlpha(fp.glow, 0.3f), 40);
        dl->AddCircle(at, c.r, edge, 40, t);
    }
    for (const MapLabelBox& b : l.labels) {
        const ImVec2 from(o.x + b.ax, o.y + b.ay), to(o.x + b.x, o.y + b.y + b.h * 0.5f);
        dl->AddLine(from, to, p.textMuted, std::max(1.5f, 0.07f * em));
        dl->AddCircleFilled(from, t, edge, 12);
    }
}
}  // namespace

// Draws one view of the map at the cursor, `maxBodyH` tall at most, across
// the width left, and returns the id of the area tapped, or "". Areas with
// no routine are not drawn: there would be nothing to list.
std::string App::Impl::drawBodyMap(float maxBodyH, bool backView, bool recordSpots, bool growToLabels) {
    const float em = ui.em();
    ImFont* font = ui.fonts().body;
    const ImVec2 o = ImGui::GetCursorScreenPos();
    const float padX = 0.6f * em, padY = 0.35f * em;
    auto wrapLabel = [&](const std::string& area, float maxW) {
        return ui.wrap(areaLabel(area), font, std::max(1.0f, maxW - 2 * padX), TooWide::Ellipsize);
    };
    const MapLabelMeasure measure = [&](const std::string& area, float maxW) {
        const Wrapped w = wrapLabel(area, maxW);
        return std::pair<float, float>(w.width + 2 * padX, w.height + 2 * padY);
    };
    const FigureShapes fig = standingFigure(lib().figures, backView);
    const FigureExtent ext = figureExtent(fig);
    BodyMapMetrics m;
    m.width = ImGui::GetContentRegionAvail().x;
    for (const Area& a : lib().areas) {
        const std::string label = areaLabel(a.id);
        for (std::size_t i = 0; i < label.size();) {
            const std::size_t end = std::min(label.find(' ', i), label.size());
            const float w = font->CalcTextSizeA(font->FontSize, FLT_MAX, 0.0f, label.data() + i, label.data() + end).x;
            m.widestWord = std::max(m.widestWord, w + 2 * padX + 1.0f);
            i = end + 1;
        }
    }
    m.maxBodyH = maxBodyH;
    m.minTarget = ui.touch();
    m.gap = 0.4f * em;
    m.growToLabels = growToLabels;
    const BodyMapLayout l = layoutBodyMap(
        mapRegions(lib(), backView, [this](const std::string& id) { return areaCount(id); }), ext, m, measure);

    // The body is one button (a tap picks the region under the finger); it
    // ends where the labels' column begins, so no target overlaps another.
    const float s = l.figSize;
    const ImVec2 b0(o.x + l.figX + ext.x0 * s, o.y), b1(o.x + l.figX + ext.x1 * s, o.y + (ext.y1 - ext.y0) * s);
    ImGui::SetCursorScreenPos(b0);
    std::string tapped;
    if (ImGui::InvisibleButton(backView ? "map-back" : "map-front", ImVec2(b1.x - b0.x, b1.y - b0.y)) &&
        !ui.dragging()) {
        const ImVec2 mp = ImGui::GetIO().MousePos;
        tapped = mapRegionAt(l, mp.x - o.x, mp.y - o.y);
    }
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 f0(o.x + l.figX, o.y + l.figY);
    drawFigureShapes(dl, fig, f0, ImVec2(f0.x + s, f0.y + s), figurePalette(pal()));
    drawMapRegions(dl, l, o, pal(), em);

    for (const MapLabelBox& b : l.labels) {
        const std::string id = "spot:" + b.area;
        ImGui::SetCursorScreenPos(ImVec2(o.x + b.x, o.y + b.y));
        if (ImGui::InvisibleButton(id.c_str(), ImVec2(b.w, b.h)) && !ui.dragging()) tapped = b.area;
        const bool held = ImGui::IsItemActive() && !ui.dragging();
        if (recordSpots) ui.hot(id);
        const ImVec2 a(o.x + b.x, o.y + b.y), z(a.x + b.w, a.y + b.h);
        dl->AddRectFilled(a, z, held ? pal().surfaceActive : pal().surface, 0.5f * em);
        dl->AddRect(a, z, pal().textMuted, 0.5f * em, 0, std::max(1.0f, 0.06f * em));
        const Wrapped w = wrapLabel(b.area, b.w);
        ui.drawWrapped(dl, font, w, ImVec2(a.x + padX, a.y + (b.h - w.height) * 0.5f), pal().text);
    }
    // The map's whole size, so what follows starts below it.
    ImGui::SetCursorScreenPos(o);
    ImGui::Dummy(ImVec2(l.width, l.height));
    return tapped;
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
    // Areas with routines and no region on the map (the whole body) are
    // chips beside the view toggle: a circle on the belly would hide it.
    auto areaChips = [&] {
        for (const Area& a : lib().areas)
            if (a.spots.empty() && areaCount(a.id) > 0 && ui.chip("spot:" + a.id, areaLabel(a.id), false))
                tappedArea = a.id;
    };

    if (wide) {
        // Body map left (front and back side by side, each scrolling on its
        // own when its labels run long at large text), areas right.
        const float labelH = ImGui::GetTextLineHeightWithSpacing();
        const float gap = 1.0f * em;
        const float mapW = std::floor(avail.x * 0.6f);
        ImGui::BeginGroup();
        const float top = ImGui::GetCursorScreenPos().y;
        ui.beginFlow();
        areaChips();
        const ImVec2 c0 = ImGui::GetCursorScreenPos();
        const float viewW = std::floor((mapW - gap) * 0.5f);
        const float viewH = avail.y - (c0.y - top) - labelH;
        for (int v = 0; v < 2; ++v) {
            const bool back = v == 1;
            const float x = c0.x + (back ? viewW + gap : 0);
            ImGui::SetCursorScreenPos(ImVec2(x, c0.y));
            ImGui::TextUnformatted(tr(back ? "browse.back" : "browse.front", lang));
            ImGui::SetCursorScreenPos(ImVec2(x, c0.y + labelH));
            ui.beginScroll(back ? "map-back-view" : "map-front-view", viewH, viewW);
            const std::string hit = drawBodyMap(viewH - em, back, true);
            ui.endScroll();
            if (!hit.empty()) tappedArea = hit;
        }
        ImGui::EndGroup();
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
        areaChips();
        // The chip's tap above stands unless the map was tapped too. A wide
        // window in this layout has large text (a laptop at 200 %): the body
        // grows to its labels' column, so no line runs far to its label.
        const bool grow = W >= 24.0f * em;
        if (std::string hit = drawBodyMap(avail.y * 0.7f, sc.showBackView, true, grow); !hit.empty()) tappedArea = hit;
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
