// Figures: names, time and the shapes of a posed figure (see figure.hpp).
//
// [SECTION] Names: bones, views, shapes, marks
// [SECTION] Body points
// [SECTION] Lookups
// [SECTION] Time: progress and mark phase
// [SECTION] Skeleton: joints from angles
// [SECTION] Composing and mirroring
#include "unknot/figure.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace unknot {

//-----------------------------------------------------------------------------
// [SECTION] Names
//-----------------------------------------------------------------------------
const std::vector<std::string>& boneNames() {
    static const std::vector<std::string> names{
        "torso",     "head",        "upper-arm-right", "forearm-right", "hand-right", "upper-arm-left", "forearm-left",
        "hand-left", "thigh-right", "shin-right",      "foot-right",    "thigh-left", "shin-left",      "foot-left"};
    return names;
}

namespace {
template <class E>
std::optional<E> indexOf(const std::vector<std::string>& names, std::string_view s) {
    auto it = std::find(names.begin(), names.end(), s);
    if (it == names.end()) return std::nullopt;
    return static_cast<E>(it - names.begin());
}
const std::vector<std::string>& viewNames() {
    static const std::vector<std::string> names{"front", "back", "side"};
    return names;
}
}  // namespace

std::optional<Bone> boneFromName(std::string_view name) { return indexOf<Bone>(boneNames(), name); }

const char* toString(FigureView v) { return viewNames()[static_cast<std::size_t>(v)].c_str(); }
std::optional<FigureView> figureViewFromString(std::string_view s) { return indexOf<FigureView>(viewNames(), s); }

const std::vector<std::string>& propShapeNames() {
    static const std::vector<std::string> names{"ball", "box", "bowl", "cane", "cup", "bottle", "chair", "stool"};
    return names;
}
std::optional<PropShape> propShapeFromString(std::string_view s) { return indexOf<PropShape>(propShapeNames(), s); }

const std::vector<std::string>& markNames() {
    static const std::vector<std::string> names{"none",    "roll-vertical", "roll-horizontal",
                                                "circles", "press-hold",    "glide"};
    return names;
}
std::optional<MarkKind> markFromString(std::string_view s) { return indexOf<MarkKind>(markNames(), s); }

//-----------------------------------------------------------------------------
// [SECTION] Body points
//-----------------------------------------------------------------------------
// Written once for the right side; the left ones are their twins on the left
// bones. `lateral` is a fraction of the half width at that point, `depth` -1
// on the back surface and +1 on the front (side view).
namespace {
struct PointSpec {
    const char* base;
    Bone bone;  // the right side's bone
    float along, lateral, depth;
    bool sided;
};
constexpr PointSpec kPoints[] = {
    {"head", Bone::Head, 1.55f, 0, 0, false},
    {"forehead", Bone::Head, 1.25f, 0, 1, false},
    {"temple", Bone::Head, 1.2f, 0.85f, 0.3f, true},
    {"jaw", Bone::Head, 0.78f, 0.55f, 0.7f, true},
    {"neck", Bone::Head, 0.3f, 0.5f, -0.7f, true},
    {"shoulder", Bone::Torso, 0.97f, 0.8f, 0, true},
    {"upper-back", Bone::Torso, 0.76f, 0.38f, -1, true},
    {"mid-back", Bone::Torso, 0.5f, 0.4f, -1, true},
    {"lower-back", Bone::Torso, 0.22f, 0.42f, -1, true},
    {"belly", Bone::Torso, 0.3f, 0, 1, false},
    {"hip", Bone::ThighRight, 0.1f, 0.95f, 0, true},
    {"glute", Bone::ThighRight, 0.02f, 0.3f, -1, true},
    {"thigh", Bone::ThighRight, 0.5f, 0, 1, true},
    {"knee", Bone::ThighRight, 1.0f, 0, 1, true},
    {"calf", Bone::ShinRight, 0.35f, 0, -1, true},
    {"shin", Bone::ShinRight, 0.45f, 0, 1, true},
    {"ankle", Bone::ShinRight, 0.97f, 0, 0, true},
    {"sole", Bone::FootRight, 0.5f, 0, -1, true},
    {"upper-arm", Bone::UpperArmRight, 0.5f, 0, 0, true},
    {"elbow", Bone::UpperArmRight, 1.0f, 0, 0, true},
    {"forearm", Bone::ForearmRight, 0.5f, 0, 0, true},
    {"wrist", Bone::ForearmRight, 0.95f, 0, 0, true},
    {"palm", Bone::HandRight, 0.45f, 0, 1, true},
    {"hand", Bone::HandRight, 0.55f, 0, 0, true},
};

// The left twin of a right-side bone (the torso and head are their own).
Bone leftOf(Bone b) {
    switch (b) {
    case Bone::UpperArmRight: return Bone::UpperArmLeft;
    case Bone::ForearmRight: return Bone::ForearmLeft;
    case Bone::HandRight: return Bone::HandLeft;
    case Bone::ThighRight: return Bone::ThighLeft;
    case Bone::ShinRight: return Bone::ShinLeft;
    case Bone::FootRight: return Bone::FootLeft;
    default: return b;
    }
}
}  // namespace

const std::vector<BodyPoint>& bodyPoints() {
    static const std::vector<BodyPoint> points = [] {
        std::vector<BodyPoint> v;
        for (const auto& p : kPoints) {
            if (!p.sided) {
                v.push_back({p.base, p.bone, p.along, 0, p.depth});
                continue;
            }
            v.push_back({std::string(p.base) + "-right", p.bone, p.along, p.lateral, p.depth});
            // Lateral stays "toward the person's own side": the sign is
            // decided by the side of the name when placing it.
            v.push_back({std::string(p.base) + "-left", leftOf(p.bone), p.along, p.lateral, p.depth});
        }
        return v;
    }();
    return points;
}

const BodyPoint* findBodyPoint(std::string_view name) {
    for (const auto& p : bodyPoints())
        if (p.name == name) return &p;
    return nullptr;
}

std::vector<std::string> bodyPointNames() {
    std::vector<std::string> v;
    for (const auto& p : bodyPoints()) v.push_back(p.name);
    return v;
}

//-----------------------------------------------------------------------------
// [SECTION] Lookups
//-----------------------------------------------------------------------------
const Pose* FigureBook::findPose(std::string_view id) const {
    for (const auto& p : poses)
        if (p.id == id) return &p;
    return nullptr;
}
const PropDef* FigureBook::findProp(std::string_view id) const {
    for (const auto& p : props)
        if (p.id == id) return &p;
    return nullptr;
}
std::vector<std::string> FigureBook::poseIds() const {
    std::vector<std::string> v;
    for (const auto& p : poses) v.push_back(p.id);
    return v;
}
std::vector<std::string> FigureBook::propIds() const {
    std::vector<std::string> v;
    for (const auto& p : props) v.push_back(p.id);
    return v;
}

//-----------------------------------------------------------------------------
// [SECTION] Time
//-----------------------------------------------------------------------------
namespace {
// Smoothstep: starts and ends at rest, so a move never jerks.
float ease(float t) { return t * t * (3 - 2 * t); }
constexpr std::int64_t kMarkLoopMs = 2000;
}  // namespace

float figureProgress(const StepFigure& f, const FigureTime& t) {
    if (f.to.empty() || t.reducedMotion) return 1;
    const std::int64_t elapsed = std::max<std::int64_t>(0, t.elapsedMs);
    if (f.everyMs > 0) {
        // There and back once every `everyMs`: a slow roll up and down.
        float ph = static_cast<float>(elapsed % f.everyMs) / static_cast<float>(f.everyMs);
        return ease(ph < 0.5f ? 2 * ph : 2 - 2 * ph);
    }
    if (t.segmentMs <= 0) return 1;  // untimed: the end pose, still
    return ease(std::min(1.0f, static_cast<float>(elapsed) / static_cast<float>(t.segmentMs)));
}

float markPhase(const FigureTime& t) {
    if (t.reducedMotion) return 0;
    const std::int64_t elapsed = std::max<std::int64_t>(0, t.elapsedMs);
    return static_cast<float>(elapsed % kMarkLoopMs) / static_cast<float>(kMarkLoopMs);
}

//-----------------------------------------------------------------------------
// [SECTION] Skeleton
//-----------------------------------------------------------------------------
// Proportions in figure space: a standing figure is about 0.87 tall.
namespace {
constexpr float kTorsoLen = 0.27f, kShoulderHalf = 0.085f, kHipHalf = 0.062f, kSideHalf = 0.052f;
constexpr float kNeckLen = 0.035f, kHeadR = 0.058f, kNeckW = 0.042f;
struct LimbSpec {
    float len, wa, wb;
};
constexpr LimbSpec kUpperArm{0.15f, 0.05f, 0.042f}, kForearm{0.135f, 0.042f, 0.034f}, kHand{0.055f, 0.036f, 0.03f};
constexpr LimbSpec kThigh{0.21f, 0.078f, 0.056f}, kShin{0.2f, 0.054f, 0.04f};
constexpr LimbSpec kFootFront{0.045f, 0.042f, 0.036f}, kFootSide{0.075f, 0.04f, 0.032f};

float rad(float deg) { return deg * std::numbers::pi_v<float> / 180.0f; }
// A unit vector `deg` degrees clockwise from straight up (y grows down).
Vec2 dir(float deg) { return {std::sin(rad(deg)), -std::cos(rad(deg))}; }
Vec2 add(Vec2 a, Vec2 b, float k = 1) { return {a.x + b.x * k, a.y + b.y * k}; }
Vec2 lerp(Vec2 a, Vec2 b, float t) { return {a.x + (b.x - a.x) * t, a.y + (b.y - a.y) * t}; }

// One bone as placed: where it starts, its direction, length and widths.
struct Placed {
    Vec2 a;
    float deg = 0, len = 0, wa = 0, wb = 0;
    Vec2 end() const { return add(a, dir(deg), len); }
};

struct Skeleton {
    FigureView view = FigureView::Front;
    std::array<Placed, kBoneCount> bones{};
    Vec2 shoulderR, shoulderL, hipR, hipL;
};

// -1 when the person's right is on the picture's left (front view), +1
// when it is on the right (back view); the side view has no across.
float rightSign(FigureView v) { return v == FigureView::Front ? -1.0f : 1.0f; }

void placeChain(Skeleton& s, const Pose& p, Bone first, Vec2 root, float baseDeg, const LimbSpec (&specs)[3],
                float lastRest) {
    const auto i = static_cast<std::size_t>(first);
    float deg = baseDeg;
    Vec2 at = root;
    for (std::size_t k = 0; k < 3; ++k) {
        deg += p.angles[i + k] + (k == 2 ? lastRest : 0);
        s.bones[i + k] = {at, deg, specs[k].len * p.lengths[i + k], specs[k].wa, specs[k].wb};
        at = s.bones[i + k].end();
    }
}

Skeleton skeleton(const Pose& p) {
    Skeleton s;
    const FigureView view = p.view;
    s.view = view;
    const Vec2 pelvis{p.x, p.y};
    const float torsoDeg = p.angles[static_cast<std::size_t>(Bone::Torso)];
    const bool side = view == FigureView::Side;
    s.bones[static_cast<std::size_t>(Bone::Torso)] = {pelvis, torsoDeg,
                                                      kTorsoLen * p.lengths[static_cast<std::size_t>(Bone::Torso)],
                                                      kHipHalf * 2, kShoulderHalf * 2};
    const Vec2 chest = s.bones[static_cast<std::size_t>(Bone::Torso)].end();
    s.bones[static_cast<std::size_t>(Bone::Head)] = {chest, torsoDeg + p.angles[static_cast<std::size_t>(Bone::Head)],
                                                     kNeckLen + kHeadR, kNeckW, kNeckW};
    const Vec2 across = dir(torsoDeg + 90);
    const float rs = side ? 0.0f : rightSign(view);
    s.shoulderR = add(chest, across, rs * (kShoulderHalf - 0.012f));
    s.shoulderL = add(chest, across, -rs * (kShoulderHalf - 0.012f));
    s.hipR = add(pelvis, across, rs * (kHipHalf - 0.022f));
    s.hipL = add(pelvis, across, -rs * (kHipHalf - 0.022f));
    const LimbSpec arm[3] = {kUpperArm, kForearm, kHand};
    const LimbSpec leg[3] = {kThigh, kShin, side ? kFootSide : kFootFront};
    // In the side view a foot at rest points forward (the way the person faces).
    const float footRest = side ? -90.0f : 0.0f;
    placeChain(s, p, Bone::UpperArmRight, s.shoulderR, torsoDeg + 180, arm, 0);
    placeChain(s, p, Bone::UpperArmLeft, s.shoulderL, torsoDeg + 180, arm, 0);
    placeChain(s, p, Bone::ThighRight, s.hipR, torsoDeg + 180, leg, footRest);
    placeChain(s, p, Bone::ThighLeft, s.hipL, torsoDeg + 180, leg, footRest);
    return s;
}

// A body point on a placed skeleton, and the way out of the body there (the
// side view's back or front; none in the other views, where a prop lies on
// the body as seen).
struct Surface {
    Vec2 at, out;
};
Surface pointOn(const Skeleton& s, const BodyPoint& p) {
    const bool rightName = p.name.ends_with("-right"), leftName = p.name.ends_with("-left");
    const Placed& b = s.bones[static_cast<std::size_t>(p.bone)];
    const bool trunk = p.bone == Bone::Torso || p.bone == Bone::Head;
    // "Across" the bone toward the picture's right when the bone is upright
    // (trunk) or hanging (limbs): in the side view that is the front.
    const Vec2 across = dir(b.deg + (trunk ? 90.0f : -90.0f));
    const Vec2 on = add(b.a, dir(b.deg), b.len * p.along);
    float half = (b.wa + (b.wb - b.wa) * std::clamp(p.along, 0.0f, 1.0f)) / 2;
    if (p.bone == Bone::Head && p.along > 0.5f) half = kHeadR;
    if (s.view == FigureView::Side) {
        if (p.bone == Bone::Torso) half = kSideHalf;
        const float out = p.depth > 0 ? 1.0f : p.depth < 0 ? -1.0f : 0.0f;
        return {add(on, across, p.depth * half), {across.x * out, across.y * out}};
    }
    float sign = rightName ? rightSign(s.view) : leftName ? -rightSign(s.view) : 0.0f;
    return {add(on, across, sign * p.lateral * half), {}};
}
}  // namespace

//-----------------------------------------------------------------------------
// [SECTION] Composing and mirroring
//-----------------------------------------------------------------------------
namespace {
Limb limbOf(const Skeleton& s, Bone b, bool far) {
    const Placed& p = s.bones[static_cast<std::size_t>(b)];
    return {b, p.a, p.end(), p.wa, p.wb, far};
}

void addChain(FigureShapes& out, const Skeleton& s, Bone first, bool far) {
    for (std::size_t k = 0; k < 3; ++k)
        out.limbs.push_back(limbOf(s, static_cast<Bone>(static_cast<std::size_t>(first) + k), far));
}

// Legs and the neck go behind the torso, arms over it; in the side view the
// far (left) arm and leg go first of all, in a darker tone.
void addBody(FigureShapes& out, const Skeleton& s) {
    const bool side = s.view == FigureView::Side;
    if (side) {
        addChain(out, s, Bone::UpperArmLeft, true);
        addChain(out, s, Bone::ThighLeft, true);
        addChain(out, s, Bone::ThighRight, false);
    } else {
        addChain(out, s, Bone::ThighRight, false);
        addChain(out, s, Bone::ThighLeft, false);
    }
    const Placed& head = s.bones[static_cast<std::size_t>(Bone::Head)];
    out.limbs.push_back(
        {Bone::Head, head.a, add(head.a, dir(head.deg), kNeckLen + kHeadR * 0.3f), kNeckW, kNeckW, false});
    out.limbsBeforeTorso = out.limbs.size();
    if (!side) addChain(out, s, Bone::UpperArmLeft, false);
    addChain(out, s, Bone::UpperArmRight, false);
    out.head = head.end();
    out.headR = kHeadR;
    const Placed& torso = s.bones[static_cast<std::size_t>(Bone::Torso)];
    const Vec2 across = dir(torso.deg + 90);
    const float rs = side ? 1.0f : rightSign(s.view);
    const float top = side ? kSideHalf : kShoulderHalf, bottom = side ? kSideHalf : kHipHalf;
    const Vec2 chest = torso.end();
    out.torso = {add(chest, across, rs * top), add(chest, across, -rs * top), add(torso.a, across, -rs * bottom),
                 add(torso.a, across, rs * bottom)};
}

PlacedProp placeProp(const PropDef& d, Vec2 centre, float angle, bool scene) {
    return {d.shape, centre, d.w, d.h, angle, scene};
}

void addProps(FigureShapes& out, const FigureBook& book, const Pose& pose, const StepFigure& f, const Skeleton& s) {
    for (const auto& sp : pose.scene)
        if (const PropDef* d = book.findProp(sp.prop)) out.scene.push_back(placeProp(*d, {sp.x, sp.y}, sp.angle, true));
    for (const auto& pa : f.props) {
        const PropDef* d = book.findProp(pa.prop);
        const BodyPoint* bp = findBodyPoint(pa.point);
        if (!d || !bp) continue;
        // A prop rests against the surface, not inside the body.
        Surface at = pointOn(s, *bp);
        out.props.push_back(placeProp(*d, add(at.at, at.out, d->h / 2), 0, false));
    }
    const std::string& spot = !f.spot.empty() ? f.spot : !f.props.empty() ? f.props.front().point : std::string();
    if (const BodyPoint* bp = spot.empty() ? nullptr : findBodyPoint(spot)) {
        out.hasSpot = true;
        out.spot = pointOn(s, *bp).at;
    }
}

// The pose's frame (a close-up) scaled to the whole square.
void frame(FigureShapes& s, const Pose& p) {
    if (p.frameX == 0 && p.frameY == 0 && p.frameSize == 1) return;
    const float k = 1.0f / p.frameSize;
    auto f = [&](Vec2& v) { v = {(v.x - p.frameX) * k, (v.y - p.frameY) * k}; };
    for (auto* list : {&s.scene, &s.props})
        for (auto& pr : *list) {
            f(pr.centre);
            pr.w *= k;
            pr.h *= k;
        }
    for (auto& l : s.limbs) {
        f(l.a);
        f(l.b);
        l.wa *= k;
        l.wb *= k;
    }
    for (auto& v : s.torso) f(v);
    f(s.head);
    s.headR *= k;
    f(s.spot);
}

Vec2 mirror(Vec2 v) { return {1.0f - v.x, v.y}; }
void mirror(PlacedProp& p) {
    p.centre = mirror(p.centre);
    p.angle = -p.angle;
}
}  // namespace

FigureShapes mirrorShapes(FigureShapes s) {
    for (auto& p : s.scene) mirror(p);
    for (auto& p : s.props) mirror(p);
    for (auto& l : s.limbs) {
        l.a = mirror(l.a);
        l.b = mirror(l.b);
    }
    for (auto& v : s.torso) v = mirror(v);
    s.head = mirror(s.head);
    s.spot = mirror(s.spot);
    s.mirrored = !s.mirrored;
    return s;
}

FigureShapes composeFigure(const FigureBook& book, const StepFigure& f, const FigureTime& t) {
    FigureShapes out;
    const Pose* from = book.findPose(f.from);
    if (!from) return out;
    const Pose* to = f.to.empty() ? from : book.findPose(f.to);
    if (!to || to->view != from->view) to = from;
    const float k = figureProgress(f, t);
    // The pose of this moment: every angle, length and the pelvis eased from
    // `from` to `to`; the scene and frame stay those of `from`.
    Pose now = *from;
    for (std::size_t i = 0; i < kBoneCount; ++i) {
        now.angles[i] = from->angles[i] + (to->angles[i] - from->angles[i]) * k;
        now.lengths[i] = from->lengths[i] + (to->lengths[i] - from->lengths[i]) * k;
    }
    const Vec2 pelvis = lerp({from->x, from->y}, {to->x, to->y}, k);
    now.x = pelvis.x;
    now.y = pelvis.y;
    const Skeleton s = skeleton(now);
    out.view = from->view;
    addBody(out, s);
    addProps(out, book, *from, f, s);
    frame(out, *from);
    out.mark = f.mark;
    out.markPhase = markPhase(t);
    return t.mirrored ? mirrorShapes(std::move(out)) : out;
}

}  // namespace unknot
