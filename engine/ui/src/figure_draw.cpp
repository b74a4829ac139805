// Drawing figures (see figure_draw.hpp).
//
// [SECTION] Colours
// [SECTION] Painter: figure space to the screen, soft shapes
// [SECTION] The body
// [SECTION] Props
// [SECTION] The glow and the marks
// [SECTION] Entry points
// [SECTION] The vertex cache
#include "figure_draw.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <initializer_list>
#include <numbers>

namespace unknot::ui {

//-----------------------------------------------------------------------------
// [SECTION] Colours
//-----------------------------------------------------------------------------
namespace {
float channel(ImU32 c, int shift) {
    const float v = static_cast<float>((c >> shift) & 0xFF) / 255.0f;
    return v <= 0.03928f ? v / 12.92f : std::pow((v + 0.055f) / 1.055f, 2.4f);
}
float luminance(ImU32 c) {
    return 0.2126f * channel(c, IM_COL32_R_SHIFT) + 0.7152f * channel(c, IM_COL32_G_SHIFT) +
           0.0722f * channel(c, IM_COL32_B_SHIFT);
}
ImU32 mix(ImU32 a, ImU32 b, float t) {
    auto ch = [&](int shift) {
        const float x = static_cast<float>((a >> shift) & 0xFF), y = static_cast<float>((b >> shift) & 0xFF);
        return static_cast<ImU32>(std::lround(x + (y - x) * t)) << shift;
    };
    return ch(IM_COL32_R_SHIFT) | ch(IM_COL32_G_SHIFT) | ch(IM_COL32_B_SHIFT) | (0xFFu << IM_COL32_A_SHIFT);
}
// The colour a step from `bg` toward `ink`, `start` of the way or further,
// until it stands `ratio`:1 against `bg`.
ImU32 mixUntil(ImU32 bg, ImU32 ink, float start, float ratio) {
    for (float t = start; t < 1.0f; t += 0.02f)
        if (contrastRatio(mix(bg, ink, t), bg) >= ratio) return mix(bg, ink, t);
    return mix(bg, ink, 1.0f);
}
ImU32 withAlpha(ImU32 c, float a) {
    const auto alpha = static_cast<ImU32>(std::lround(std::clamp(a, 0.0f, 1.0f) * 255.0f));
    return (c & ~IM_COL32_A_MASK) | (alpha << IM_COL32_A_SHIFT);
}
}  // namespace

float contrastRatio(ImU32 a, ImU32 b) {
    const float la = luminance(a), lb = luminance(b);
    return (std::max(la, lb) + 0.05f) / (std::min(la, lb) + 0.05f);
}

const FigurePalette& FigurePaletteCache::of(const Palette& p) {
    const ImU32 from[5] = {p.bg, p.text, p.textMuted, p.sand, p.accent};
    if (!valid_ || !std::equal(std::begin(from), std::end(from), std::begin(from_))) {
        pal_ = figurePalette(p);
        std::copy(std::begin(from), std::end(from), std::begin(from_));
        valid_ = true;
    }
    return pal_;
}

FigurePalette figurePalette(const Palette& p) {
    FigurePalette f{};
    f.body = mixUntil(p.bg, p.text, 0.35f, 3.0f);
    f.far = mixUntil(p.bg, p.text, 0.6f, 4.5f);
    f.scene = mixUntil(p.bg, p.textMuted, 0.2f, 1.6f);
    // The prop (the ball) in the sand colour, moved toward the text colour
    // until it stands 3:1 on the background and apart from the body it rests on.
    const ImU32 sand = p.sand | IM_COL32_A_MASK;
    f.prop = sand;
    for (float t = 0; t <= 1.0f; t += 0.05f) {
        f.prop = mix(sand, p.text, t);
        if (contrastRatio(f.prop, p.bg) >= 3.0f && contrastRatio(f.prop, f.body) >= 1.25f) break;
    }
    f.glow = p.accent | IM_COL32_A_MASK;
    f.mark = mixUntil(p.bg, p.accent | IM_COL32_A_MASK, 1.0f, 3.0f);
    f.gap = p.bg | IM_COL32_A_MASK;
    return f;
}

//-----------------------------------------------------------------------------
// [SECTION] Painter
//-----------------------------------------------------------------------------
namespace {
constexpr float kPi = std::numbers::pi_v<float>;

// Even segment counts only: a circle's vertices then mirror onto themselves,
// so a left-side figure is the exact mirror of the right one.
int segmentsFor(float radiusPx) { return std::clamp(2 * static_cast<int>(radiusPx / 2.5f + 4), 12, 48); }
// The segments of a capsule's half-turn end: half a circle's, but only 3 for
// the thin strokes of the marks (under 3 px round: more are not seen, and a
// mark's five strokes cost as much as the whole body otherwise).
int arcSegments(float radiusPx) { return radiusPx < 3.0f ? 3 : std::max(2, segmentsFor(radiusPx) / 2); }

struct Painter {
    ImDrawList* dl;
    ImVec2 origin;  // figure space (0, 0) on the screen
    float scale;    // pixels per figure unit
    float sx;       // -1 when mirrored: local offsets flip with the figure

    ImVec2 at(Vec2 v) const { return {origin.x + v.x * scale, origin.y + v.y * scale}; }
    float px(float units) const { return units * scale; }

    void circle(Vec2 c, float r, ImU32 col) const { dl->AddCircleFilled(at(c), px(r), col, segmentsFor(px(r))); }
    // A convex polygon (at most 8 points), wound the same way whichever way
    // it was given (the anti-aliased fringe of ImGui's fill goes outward only
    // for one winding). No allocation: this runs for every limb every frame.
    void convex(std::initializer_list<ImVec2> given, ImU32 col) const {
        ImVec2 pts[8];
        int n = 0;
        for (const ImVec2& p : given)
            if (n < 8) pts[n++] = p;
        fill(pts, n, col);
    }
    void fill(ImVec2* pts, int n, ImU32 col) const {
        float area = 0;
        for (int i = 0; i < n; ++i) {
            const ImVec2 a = pts[i], b = pts[(i + 1) % n];
            area += a.x * b.y - b.x * a.y;
        }
        if (area < 0) std::reverse(pts, pts + n);
        dl->AddConvexPolyFilled(pts, n, col);
    }
    // A capsule from a (width wa) to b (width wb): the soft limb, one convex
    // outline (an arc round each end joined by the two tangent lines), so it
    // costs one fill and one anti-aliased fringe instead of two circles and a
    // quad. The arcs' points are spaced by angle from the limb's own axis, so
    // the mirror of a limb has exactly the mirrored points. `startCap` is kept
    // for the callers' meaning (a chained limb's joint) but the outline is
    // whole either way: it is no dearer.
    void capsule(Vec2 a, Vec2 b, float wa, float wb, ImU32 col, bool /*startCap*/ = true) const {
        const float dx = b.x - a.x, dy = b.y - a.y, len = std::sqrt(dx * dx + dy * dy);
        const float ra = wa / 2, rb = wb / 2;
        // One end inside the other: a circle is the whole shape.
        if (len <= std::abs(ra - rb) + 1e-6f) {
            circle(ra >= rb ? a : b, std::max(ra, rb), col);
            return;
        }
        const float axis = std::atan2(dy, dx), phi = std::asin((ra - rb) / len);
        // Around a's far end from angle axis + pi/2 - phi to axis + 3pi/2 + phi,
        // then b's from there to axis + 5pi/2 - phi: always increasing.
        const int na = arcSegments(px(ra)), nb = arcSegments(px(rb));
        ImVec2 pts[2 * 26];
        int n = 0;
        auto arcAround = [&](Vec2 c, float r, float from, float to, int segs) {
            for (int i = 0; i <= segs && n < 52; ++i) {
                const float t = from + (to - from) * static_cast<float>(i) / static_cast<float>(segs);
                pts[n++] = at({c.x + r * std::cos(t), c.y + r * std::sin(t)});
            }
        };
        const float halfPi = kPi / 2;
        arcAround(a, ra, axis + halfPi - phi, axis + 3 * halfPi + phi, na);
        arcAround(b, rb, axis - halfPi + phi, axis + halfPi - phi, nb);
        fill(pts, n, col);
    }
    // A convex polygon with corners rounded by `r` (grown outward by r).
    void rounded(const std::vector<Vec2>& pts, float r, ImU32 col) const {
        if (pts.size() == 4) convex({at(pts[0]), at(pts[1]), at(pts[2]), at(pts[3])}, col);
        for (std::size_t i = 0; i < pts.size(); ++i) capsule(pts[i], pts[(i + 1) % pts.size()], 2 * r, 2 * r, col);
    }
    // A polyline of round-ended strokes (arrows, hooks, rings).
    void stroke(const std::vector<Vec2>& pts, float w, ImU32 col) const {
        for (std::size_t i = 0; i + 1 < pts.size(); ++i) capsule(pts[i], pts[i + 1], w, w, col);
    }
};

Vec2 offset(Vec2 c, float dx, float dy) { return {c.x + dx, c.y + dy}; }
// The corners of a w x h box centred on c, turned `deg` clockwise.
std::vector<Vec2> boxCorners(Vec2 c, float w, float h, float deg) {
    const float a = deg * kPi / 180.0f, cs = std::cos(a), sn = std::sin(a);
    const Vec2 corners[] = {{-w / 2, -h / 2}, {w / 2, -h / 2}, {w / 2, h / 2}, {-w / 2, h / 2}};
    std::vector<Vec2> v;
    for (const Vec2& k : corners) v.push_back({c.x + k.x * cs - k.y * sn, c.y + k.x * sn + k.y * cs});
    return v;
}

//-----------------------------------------------------------------------------
// [SECTION] The body
//-----------------------------------------------------------------------------
// Limbs over the torso get a thin edge of background first, so an arm in
// front of the body reads as an arm and not as a wider torso.
void drawLimbs(const Painter& pt, const FigureShapes& s, std::size_t from, std::size_t to, const FigurePalette& pal,
               bool edged) {
    constexpr float kEdge = 0.007f;
    // All the edges first: a forearm's edge must not cut across its own upper arm.
    auto chained = [&](std::size_t i) { return i > from && s.limbs[i].a == s.limbs[i - 1].b; };
    for (std::size_t i = from; edged && i < to && i < s.limbs.size(); ++i) {
        const Limb& l = s.limbs[i];
        pt.capsule(l.a, l.b, l.wa + kEdge, l.wb + kEdge, pal.gap, !chained(i));
    }
    for (std::size_t i = from; i < to && i < s.limbs.size(); ++i) {
        const Limb& l = s.limbs[i];
        pt.capsule(l.a, l.b, l.wa, l.wb, l.far ? pal.far : pal.body, !chained(i));
    }
}

void drawBody(const Painter& pt, const FigureShapes& s, const FigurePalette& pal) {
    drawLimbs(pt, s, 0, s.limbsBeforeTorso, pal, false);
    // The torso's corners are rounded by a fifth of its width at the hips.
    const float dx = s.torso[2].x - s.torso[3].x, dy = s.torso[2].y - s.torso[3].y;
    const float r = std::sqrt(dx * dx + dy * dy) * 0.2f;
    std::vector<Vec2> inset;
    Vec2 c{0, 0};
    for (const auto& v : s.torso) c = {c.x + v.x / 4, c.y + v.y / 4};
    for (const auto& v : s.torso) {
        const float vx = c.x - v.x, vy = c.y - v.y, len = std::sqrt(vx * vx + vy * vy);
        inset.push_back(len > r ? Vec2{v.x + vx / len * r, v.y + vy / len * r} : c);
    }
    pt.rounded(inset, r, pal.body);
    // Seen from behind, the spine: what "beside your spine" is measured from.
    if (s.view == FigureView::Back) {
        const Vec2 top{(s.torso[0].x + s.torso[1].x) / 2, (s.torso[0].y + s.torso[1].y) / 2};
        const Vec2 bottom{(s.torso[2].x + s.torso[3].x) / 2, (s.torso[2].y + s.torso[3].y) / 2};
        pt.stroke({{top.x + (bottom.x - top.x) * 0.06f, top.y + (bottom.y - top.y) * 0.06f},
                   {top.x + (bottom.x - top.x) * 0.9f, top.y + (bottom.y - top.y) * 0.9f}},
                  0.006f, pal.far);
    }
    pt.circle(s.head, s.headR, pal.body);
    drawLimbs(pt, s, s.limbsBeforeTorso, s.limbs.size(), pal, true);
}

//-----------------------------------------------------------------------------
// [SECTION] Props
//-----------------------------------------------------------------------------
void drawChair(const Painter& pt, const PlacedProp& p, ImU32 col, bool back) {
    const float w = p.w, h = p.h, t = std::min(w, h) * 0.12f;
    const Vec2 c = p.centre;
    const float seatY = back ? c.y + h * 0.05f : c.y - h / 2 + t;
    const float left = c.x - pt.sx * (w / 2 - t / 2), right = c.x + pt.sx * (w / 2 - t / 2);
    pt.stroke({{left, seatY}, {right, seatY}}, 2 * t, col);
    if (back) pt.stroke({{left, c.y - h / 2 + t / 2}, {left, seatY}}, t * 1.4f, col);
    pt.stroke({{left, seatY}, {left, c.y + h / 2 - t / 2}}, t, col);
    pt.stroke({{right, seatY}, {right, c.y + h / 2 - t / 2}}, t, col);
}

void drawProp(const Painter& pt, const PlacedProp& p, ImU32 col, ImU32 edge) {
    const Vec2 c = p.centre;
    switch (p.shape) {
    case PropShape::Ball:
        pt.circle(c, p.w / 2, edge);
        pt.circle(c, p.w / 2 * 0.8f, col);
        break;
    case PropShape::Box:
        pt.rounded(boxCorners(c, p.w * 0.8f, p.h * 0.8f, p.angle), std::min(p.w, p.h) * 0.1f, col);
        break;
    case PropShape::Bowl: {
        std::vector<Vec2> pts;
        for (int i = 0; i <= 12; ++i) {
            const float a = kPi * static_cast<float>(i) / 12.0f;
            pts.push_back({c.x + p.w / 2 * std::cos(a), c.y - p.h / 2 + p.h * std::sin(a)});
        }
        pt.stroke(pts, p.h * 0.12f, col);
        pt.stroke({{c.x - p.w / 2, c.y - p.h / 2}, {c.x + p.w / 2, c.y - p.h / 2}}, p.h * 0.08f, col);
        break;
    }
    case PropShape::Cane: {
        // A shepherd's crook: the hook at the top, the shaft down and forward.
        const float r = p.w / 3;
        std::vector<Vec2> pts;
        for (int i = 0; i <= 10; ++i) {
            const float a = kPi * static_cast<float>(i) / 10.0f;
            pts.push_back({c.x + pt.sx * (-r * std::cos(a)), c.y - p.h / 2 + r - r * std::sin(a)});
        }
        pts.push_back({c.x + pt.sx * (r + p.w / 3), c.y + p.h / 2});
        pt.stroke(pts, p.w * 0.12f, col);
        break;
    }
    case PropShape::Cup:
        pt.convex({pt.at(offset(c, -p.w / 2, p.h / 2)), pt.at(offset(c, p.w / 2, p.h / 2)),
                   pt.at(offset(c, p.w / 4, -p.h / 2)), pt.at(offset(c, -p.w / 4, -p.h / 2))},
                  col);
        break;
    case PropShape::Bottle:
        pt.rounded(boxCorners(offset(c, 0, p.h * 0.1f), p.w * 0.7f, p.h * 0.7f, p.angle), p.w * 0.15f, col);
        pt.rounded(boxCorners(offset(c, 0, -p.h * 0.4f), p.w * 0.35f, p.h * 0.12f, p.angle), p.w * 0.05f, edge);
        break;
    case PropShape::Chair: drawChair(pt, p, col, true); break;
    case PropShape::Stool: drawChair(pt, p, col, false); break;
    }
}

//-----------------------------------------------------------------------------
// [SECTION] The glow and the marks
//-----------------------------------------------------------------------------
// A soft glow: rings fading outward, over the body and under the marks.
void drawGlow(const Painter& pt, Vec2 c, const FigurePalette& pal) {
    const float rings[] = {0.06f, 0.044f, 0.028f};
    const float alpha[] = {0.13f, 0.22f, 0.4f};
    for (std::size_t i = 0; i < 3; ++i) pt.circle(c, rings[i], withAlpha(pal.glow, alpha[i]));
}

// An arrow from a to b with a head at b (and at a when `both`).
void arrow(const Painter& pt, Vec2 a, Vec2 b, bool both, float w, ImU32 col) {
    const float dx = b.x - a.x, dy = b.y - a.y, len = std::sqrt(dx * dx + dy * dy);
    if (len <= 0) return;
    const float ux = dx / len, uy = dy / len, h = w * 2.6f;
    pt.stroke({a, b}, w, col);
    auto head = [&](Vec2 tip, float dir) {
        pt.stroke({offset(tip, dir * (-ux * h - uy * h * 0.8f), dir * (-uy * h + ux * h * 0.8f)), tip}, w, col);
        pt.stroke({offset(tip, dir * (-ux * h + uy * h * 0.8f), dir * (-uy * h - ux * h * 0.8f)), tip}, w, col);
    };
    head(b, 1);
    if (both) head(a, -1);
}

void drawMark(const Painter& pt, const FigureShapes& s, const FigurePalette& pal) {
    const Vec2 c = s.spot;
    const float w = 0.011f, bob = 0.012f * std::sin(2 * kPi * s.markPhase);
    // Beside the spot, on the side away from the middle of the body (in the
    // figure's own frame, so the mirror keeps it).
    const float mid = (s.torso[0].x + s.torso[1].x + s.torso[2].x + s.torso[3].x) / 4;
    const float away = (pt.sx * (c.x - mid) <= 0 ? -1.0f : 1.0f) * pt.sx;
    switch (s.mark) {
    case MarkKind::None: break;
    case MarkKind::RollVertical: {
        const float x = c.x + away * 0.085f;
        arrow(pt, {x, c.y - 0.055f + bob}, {x, c.y + 0.055f + bob}, true, w, pal.mark);
        break;
    }
    case MarkKind::RollHorizontal:
        arrow(pt, {c.x - 0.06f + pt.sx * bob, c.y + 0.075f}, {c.x + 0.06f + pt.sx * bob, c.y + 0.075f}, true, w,
              pal.mark);
        break;
    case MarkKind::Circles: {
        // Three quarters of a ring turning clockwise (anticlockwise mirrored).
        std::vector<Vec2> pts;
        const float start = 2 * kPi * s.markPhase;
        for (int i = 0; i <= 18; ++i) {
            const float a = start + 1.5f * kPi * static_cast<float>(i) / 18.0f;
            pts.push_back({c.x + pt.sx * 0.045f * std::cos(a), c.y + 0.045f * std::sin(a)});
        }
        pt.stroke(pts, w, pal.mark);
        arrow(pt, pts[pts.size() - 2], pts.back(), false, w, pal.mark);
        break;
    }
    case MarkKind::PressHold: {
        const float r = 0.032f + 0.03f * s.markPhase;
        std::vector<Vec2> ring;
        for (int i = 0; i <= 24; ++i) {
            const float a = 2 * kPi * static_cast<float>(i) / 24.0f;
            ring.push_back({c.x + pt.sx * r * std::cos(a), c.y + r * std::sin(a)});
        }
        pt.stroke(ring, w * 0.8f, withAlpha(pal.mark, 1.0f - 0.7f * s.markPhase));
        break;
    }
    case MarkKind::Glide: {
        const float x = c.x + away * 0.07f;
        arrow(pt, {x, c.y - 0.05f}, {x, c.y + 0.05f}, false, w, pal.mark);
        pt.circle({x, c.y - 0.04f + 0.07f * s.markPhase}, w * 0.9f, pal.mark);
        break;
    }
    }
}
}  // namespace

//-----------------------------------------------------------------------------
// [SECTION] Entry points
// [SECTION] The vertex cache
//-----------------------------------------------------------------------------
namespace {
// The figure's square fitted and centred in [min, max].
Painter painterFor(ImDrawList* dl, const FigureShapes& s, ImVec2 min, ImVec2 max, float side) {
    return Painter{
        dl, {min.x + (max.x - min.x - side) / 2, min.y + (max.y - min.y - side) / 2}, side, s.mirrored ? -1.0f : 1.0f};
}

// Everything but the mark: the scene, the body, the glow, the props.
void drawStill(const Painter& pt, const FigureShapes& s, const FigurePalette& pal) {
    for (const auto& p : s.scene) drawProp(pt, p, pal.scene, pal.far);
    drawBody(pt, s, pal);
    // The glow under the props: the ball stays in plain sight on its spot.
    if (s.hasSpot) drawGlow(pt, s.spot, pal);
    for (const auto& p : s.props) drawProp(pt, p, pal.prop, pal.far);
}

bool same(ImVec2 a, ImVec2 b) { return a.x == b.x && a.y == b.y; }
}  // namespace

void drawFigureShapes(ImDrawList* dl, const FigureShapes& s, ImVec2 min, ImVec2 max, const FigurePalette& pal) {
    const float side = std::min(max.x - min.x, max.y - min.y);
    if (side <= 0) return;
    const Painter pt = painterFor(dl, s, min, max, side);
    dl->PushClipRect(min, max, true);
    drawStill(pt, s, pal);
    if (s.hasSpot) drawMark(pt, s, pal);
    dl->PopClipRect();
}

//-----------------------------------------------------------------------------
// [SECTION] The vertex cache
//-----------------------------------------------------------------------------
// The shapes alike but for the mark (its kind and phase are drawn live).
bool sameStill(const FigureShapes& a, const FigureShapes& b) {
    return a.view == b.view && a.mirrored == b.mirrored && a.hasSpot == b.hasSpot && a.spot == b.spot &&
           a.head == b.head && a.headR == b.headR && a.torso == b.torso && a.limbsBeforeTorso == b.limbsBeforeTorso &&
           a.limbs == b.limbs && a.scene == b.scene && a.props == b.props;
}

bool FigureVertexCache::Key::matches(const FigureShapes& s, ImVec2 mn, ImVec2 mx, ImVec2 uv, const FigurePalette& p,
                                     ImDrawListFlags f, float fr) const {
    return same(min, mn) && same(max, mx) && same(uvWhite, uv) && pal == p && flags == f && fringe == fr &&
           sameStill(still, s);
}

bool FigureVertexCache::Recording::replay(ImDrawList* dl) const {
    // 16-bit indices: a replay must not cross 65,535 vertices in one command
    // (drawing afresh lets Dear ImGui handle that as it always does).
    if (!valid || dl->_VtxCurrentIdx + static_cast<unsigned>(vtx.Size) >= (1u << 16)) return false;
    dl->PrimReserve(idx.Size, vtx.Size);
    std::memcpy(dl->_VtxWritePtr, vtx.Data, static_cast<std::size_t>(vtx.Size) * sizeof(ImDrawVert));
    // The indices moved to this base, four at a time in one 64-bit add: no
    // lane carries into the next, as every index + base stays below 65,536
    // (checked above).
    static_assert(sizeof(ImDrawIdx) == 2, "16-bit indices");
    const auto base = static_cast<ImDrawIdx>(dl->_VtxCurrentIdx);
    const std::uint64_t base4 = 0x0001000100010001ULL * base;
    const int n = idx.Size;
    int i = 0;
    for (; i + 4 <= n; i += 4) {
        std::uint64_t four = 0;
        std::memcpy(&four, idx.Data + i, sizeof four);
        four += base4;
        std::memcpy(dl->_IdxWritePtr + i, &four, sizeof four);
    }
    for (; i < n; ++i) dl->_IdxWritePtr[i] = static_cast<ImDrawIdx>(idx[i] + base);
    dl->_VtxWritePtr += vtx.Size;
    dl->_IdxWritePtr += idx.Size;
    dl->_VtxCurrentIdx += static_cast<unsigned>(vtx.Size);
    return true;
}

// Draws with `draw`, and keeps what it wrote when it went into one command
// from one base vertex (else the next frame draws afresh again).
template <class F>
void FigureVertexCache::Recording::record(ImDrawList* dl, F&& draw) {
    const int v0 = dl->VtxBuffer.Size, i0 = dl->IdxBuffer.Size, cmds = dl->CmdBuffer.Size;
    const unsigned base = dl->_VtxCurrentIdx;
    draw();
    valid = dl->CmdBuffer.Size == cmds && dl->_VtxCurrentIdx - base == static_cast<unsigned>(dl->VtxBuffer.Size - v0);
    if (!valid) return;
    vtx.resize(dl->VtxBuffer.Size - v0);
    std::memcpy(vtx.Data, dl->VtxBuffer.Data + v0, static_cast<std::size_t>(vtx.Size) * sizeof(ImDrawVert));
    idx.resize(dl->IdxBuffer.Size - i0);
    for (int i = 0; i < idx.Size; ++i) idx[i] = static_cast<ImDrawIdx>(dl->IdxBuffer[i0 + i] - base);
}

void FigureVertexCache::draw(ImDrawList* dl, const FigureShapes& s, ImVec2 min, ImVec2 max, const FigurePalette& pal) {
    const float side = std::min(max.x - min.x, max.y - min.y);
    if (side <= 0) return;
    const ImVec2 uv = ImGui::GetFontTexUvWhitePixel();
    const Painter pt = painterFor(dl, s, min, max, side);
    dl->PushClipRect(min, max, true);
    const bool same = still_.valid && key_.matches(s, min, max, uv, pal, dl->Flags, dl->_FringeScale);
    if (same && still_.replay(dl)) {
        ++hits_;
    } else {
        still_.record(dl, [&] { drawStill(pt, s, pal); });
        key_ = Key{s, min, max, uv, pal, dl->Flags, dl->_FringeScale};
        mark_.valid = false;  // it hangs on the same spot and box
    }
    // The mark: again when its kind and phase are the ones last drawn.
    if (s.hasSpot && s.mark != MarkKind::None) {
        const bool markSame = same && mark_.valid && markKind_ == s.mark && markPhase_ == s.markPhase;
        if (!(markSame && mark_.replay(dl))) {
            mark_.record(dl, [&] { drawMark(pt, s, pal); });
            markKind_ = s.mark;
            markPhase_ = s.markPhase;
        }
    }
    dl->PopClipRect();
}

void drawFigure(ImDrawList* dl, const FigureBook& book, const StepFigure& f, const FigureTime& t, ImVec2 min,
                ImVec2 max, const FigurePalette& pal) {
    if (!book.findPose(f.from)) return;
    drawFigureShapes(dl, composeFigure(book, f, t), min, max, pal);
}

}  // namespace unknot::ui
