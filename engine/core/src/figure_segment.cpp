// A segment's figure at a moment of the session (timeline.hpp): which side,
// how far through its keyframes, and the turn from one side to the other
// during a switch. Pure functions of the segment and the session position.
#include "unknot/timeline.hpp"

#include <algorithm>

namespace unknot {

namespace {
float mix(float a, float b, float k) { return a + (b - a) * k; }
Vec2 mix(Vec2 a, Vec2 b, float k) { return {mix(a.x, b.x, k), mix(a.y, b.y, k)}; }

// Slow at both ends, like the keyframes (figure.cpp eases the same way).
float easeInOut(float x) { return x * x * (3 - 2 * x); }

PlacedProp mix(const PlacedProp& a, const PlacedProp& b, float k) {
    PlacedProp p = k < 0.5f ? a : b;
    p.centre = mix(a.centre, b.centre, k);
    p.w = mix(a.w, b.w, k);
    p.h = mix(a.h, b.h, k);
    p.angle = mix(a.angle, b.angle, k);
    return p;
}

bool samePlan(const FigureShapes& a, const FigureShapes& b) {
    return a.view == b.view && a.scene.size() == b.scene.size() && a.limbs.size() == b.limbs.size() &&
           a.props.size() == b.props.size() && a.limbsBeforeTorso == b.limbsBeforeTorso && a.hasSpot == b.hasSpot;
}
}  // namespace

FigureShapes blendShapes(const FigureShapes& a, const FigureShapes& b, float k) {
    k = std::clamp(k, 0.0f, 1.0f);
    FigureShapes out = k < 0.5f ? a : b;
    if (!samePlan(a, b)) return out;
    for (std::size_t i = 0; i < out.scene.size(); ++i) out.scene[i] = mix(a.scene[i], b.scene[i], k);
    for (std::size_t i = 0; i < out.props.size(); ++i) out.props[i] = mix(a.props[i], b.props[i], k);
    for (std::size_t i = 0; i < out.limbs.size(); ++i) {
        Limb& l = out.limbs[i];
        l.a = mix(a.limbs[i].a, b.limbs[i].a, k);
        l.b = mix(a.limbs[i].b, b.limbs[i].b, k);
        l.wa = mix(a.limbs[i].wa, b.limbs[i].wa, k);
        l.wb = mix(a.limbs[i].wb, b.limbs[i].wb, k);
    }
    for (std::size_t i = 0; i < out.torso.size(); ++i) out.torso[i] = mix(a.torso[i], b.torso[i], k);
    out.head = mix(a.head, b.head, k);
    out.headR = mix(a.headR, b.headR, k);
    out.spot = mix(a.spot, b.spot, k);
    out.markPhase = mix(a.markPhase, b.markPhase, k);
    return out;
}

FigureShapes segmentFigure(const FigureBook& book, const Segment& seg, std::int64_t positionMs, bool reducedMotion) {
    if (!seg.figure) return {};
    const FigureTime t{positionMs - seg.startMs, seg.durationMs, seg.mirrored, reducedMotion};
    if (seg.kind != SegmentKind::Switch || reducedMotion || seg.mirrored == seg.fromMirrored)
        return composeFigure(book, *seg.figure, t);
    // A switch: the end pose, still (no mark moves while the person changes
    // sides), turning from the side left behind to the one that comes.
    const FigureTime still{0, 0, false, true};
    FigureShapes right = composeFigure(book, *seg.figure, still);
    FigureShapes left = mirrorShapes(right);
    const FigureShapes& from = seg.fromMirrored ? left : right;
    const FigureShapes& to = seg.mirrored ? left : right;
    const float k = seg.durationMs > 0 ? static_cast<float>(std::clamp<std::int64_t>(t.elapsedMs, 0, seg.durationMs)) /
                                             static_cast<float>(seg.durationMs)
                                       : 1.0f;
    FigureShapes out = blendShapes(from, to, easeInOut(k));
    out.mark = MarkKind::None;
    return out;
}

}  // namespace unknot
