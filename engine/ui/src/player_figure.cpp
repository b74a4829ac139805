// The step's figure in the player (see player_figure.hpp).
#include "player_figure.hpp"

#include <algorithm>

namespace unknot::ui {

namespace {
// The shape's box keeps at least this much each way (its rows and a ring a
// countdown can be read in); the figure is not drawn smaller than kFigureMin,
// nor takes more than kFigureShare of the side it splits.
constexpr float kShapeMinEm = 7.5f, kFigureMinEm = 4.0f, kFigureShare = 0.55f;
}  // namespace

PlayerFigureSlot playerFigureSlot(ImVec2 origin, ImVec2 size, float em) {
    PlayerFigureSlot slot;
    slot.restOrigin = origin;
    const float shapeMin = kShapeMinEm * em;
    // Above: a square as wide as the box allows; beside: as tall.
    const float above = std::min({size.x, size.y * kFigureShare, size.y - shapeMin});
    const float beside = std::min({size.y, size.x * kFigureShare, size.x - shapeMin});
    const float side = std::max(above, beside);
    if (side < kFigureMinEm * em || size.x < shapeMin || size.y < shapeMin) return slot;
    slot.shown = true;
    if (above >= beside) {
        slot.min = ImVec2(origin.x + (size.x - side) * 0.5f, origin.y);
        slot.restOrigin = ImVec2(origin.x, origin.y + side);
    } else {
        slot.min = ImVec2(origin.x, origin.y + (size.y - side) * 0.5f);
        slot.restOrigin = ImVec2(origin.x + side, origin.y);
    }
    slot.max = ImVec2(slot.min.x + side, slot.min.y + side);
    return slot;
}

ImVec2 placePlayerFigure(Widgets& ui, const FigureBook& book, const Segment& seg, std::int64_t positionMs,
                         bool reducedMotion, ImVec2 origin, PlayerFigureCache& cache) {
    if (!seg.figure || seg.kind == SegmentKind::Breath) return origin;
    const PlayerFigureSlot slot = playerFigureSlot(origin, ImGui::GetContentRegionAvail(), ui.em());
    if (!slot.shown) return origin;
    // The body at the start of its step; a switch (a turn of a second or
    // two, where the whole figure moves) follows the clock exactly.
    const std::int64_t into = std::max<std::int64_t>(0, positionMs - seg.startMs);
    const std::int64_t bodyAt =
        seg.kind == SegmentKind::Switch ? positionMs : seg.startMs + into - into % kPlayerBodyStepMs;
    if (cache.book != &book || cache.figure != seg.figure.get() || cache.segmentStartMs != seg.startMs ||
        cache.stepStartMs != bodyAt || cache.mirrored != seg.mirrored || cache.reducedMotion != reducedMotion) {
        cache.shapes = segmentFigure(book, seg, bodyAt, reducedMotion);
        cache.book = &book;
        cache.figure = seg.figure.get();
        cache.segmentStartMs = seg.startMs;
        cache.stepStartMs = bodyAt;
        cache.mirrored = seg.mirrored;
        cache.reducedMotion = reducedMotion;
    }
    if (cache.shapes.limbs.empty()) return origin;  // a pose the book lacks: the shape keeps the box
    // The mark's own motion, in its steps (a switch has no mark).
    if (seg.kind != SegmentKind::Switch)
        cache.shapes.markPhase =
            markPhase(FigureTime{into - into % kPlayerMarkStepMs, seg.durationMs, seg.mirrored, reducedMotion});
    cache.vertices.draw(ImGui::GetWindowDrawList(), cache.shapes, slot.min, slot.max, cache.palette.of(ui.pal()));
    ui.hotRect("figure", slot.min, slot.max);
    ImGui::SetCursorScreenPos(slot.restOrigin);
    return slot.restOrigin;
}

}  // namespace unknot::ui
