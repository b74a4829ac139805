// Figures: a person drawn from a skeleton, in a pose, with props and marks,
// so a step can show where the ball goes instead of only saying it.
//
// Everything here is plain data and pure functions of it: the loader fills a
// FigureBook (poses and props from content/figures/) and a StepFigure per
// step; composeFigure() turns them, at a moment of the step, into shapes in a
// unit square (the "figure space": x right, y down, 0..1). The UI only maps
// that square into a box and draws (engine/ui/src/figure_draw.*). The same
// inputs always give the same shapes: animation is a function of the time the
// caller passes in, never of a clock read here.
//
// [SECTION] Skeleton: bones, views, body points
// [SECTION] Poses, props and marks (the data)
// [SECTION] A step's figure
// [SECTION] Composing: the shapes of a figure at a moment
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace unknot {

//-----------------------------------------------------------------------------
// [SECTION] Skeleton
//-----------------------------------------------------------------------------
// The bones a pose turns. Each has one angle in degrees, relative to its
// parent (torso: to straight up; head: to the torso; upper arms: to hanging
// down beside the torso; forearm to upper arm; and so on). A positive angle
// turns the bone clockwise on the picture. All zero is standing straight,
// arms hanging.
enum class Bone : std::uint8_t {
    Torso,
    Head,
    UpperArmRight,
    ForearmRight,
    HandRight,
    UpperArmLeft,
    ForearmLeft,
    HandLeft,
    ThighRight,
    ShinRight,
    FootRight,
    ThighLeft,
    ShinLeft,
    FootLeft,
};
inline constexpr std::size_t kBoneCount = 14;
// The YAML spelling of each bone ("upper-arm-right"), by Bone index.
const std::vector<std::string>& boneNames();
std::optional<Bone> boneFromName(std::string_view name);

// Front: the person faces you (their right is on your left). Back: you see
// their back (their right is on your right). Side: their right side, facing
// the right edge of the picture.
enum class FigureView : std::uint8_t { Front, Back, Side };
const char* toString(FigureView v);
std::optional<FigureView> figureViewFromString(std::string_view s);

// A named place on the body where a prop sits or a highlight glows: a point
// along a bone (0 at its start, 1 at its end), moved across it by `lateral`
// (a fraction of the body's half width toward the person's own side; front
// and back views) and by `depth` (-1 the back surface, +1 the front; side
// view). Sided points come in pairs, "...-right" and "...-left".
struct BodyPoint {
    std::string name;
    Bone bone = Bone::Torso;
    float along = 0.5f;
    float lateral = 0;  // toward the person's right for a -right point
    float depth = 0;
};
const std::vector<BodyPoint>& bodyPoints();
const BodyPoint* findBodyPoint(std::string_view name);
std::vector<std::string> bodyPointNames();

//-----------------------------------------------------------------------------
// [SECTION] Poses, props and marks
//-----------------------------------------------------------------------------
// The shapes a prop can be drawn as; each prop of props.yaml names one.
// Chair: seen from the side, its back on the left (turn it with the mirror);
// stool: a seat on two legs (a chair seen from the front, with a box behind
// for its back).
enum class PropShape : std::uint8_t { Ball, Box, Bowl, Cane, Cup, Bottle, Chair, Stool };
const std::vector<std::string>& propShapeNames();
std::optional<PropShape> propShapeFromString(std::string_view s);

struct PropDef {
    std::string id;
    PropShape shape = PropShape::Ball;
    float w = 0.05f, h = 0.05f;  // in figure space (the square is 1 wide)
};

// A prop a pose puts in the scene (a wall, the floor, a chair), placed by its
// centre in figure space and turned by `angle` degrees (clockwise).
struct ScenePlacement {
    std::string prop;
    float x = 0.5f, y = 0.5f, angle = 0;
};

struct Pose {
    std::string id;
    FigureView view = FigureView::Front;
    std::array<float, kBoneCount> angles{};  // degrees, see Bone
    float x = 0.5f, y = 0.5f;                // the pelvis, in figure space
    // Each bone's length as a fraction of its own (default 1): a thigh seen
    // end on, seated and facing you, is short.
    std::array<float, kBoneCount> lengths = [] {
        std::array<float, kBoneCount> a{};
        a.fill(1.0f);
        return a;
    }();
    // The part of figure space shown, as its top-left corner and side (the
    // hands, close up): everything is scaled by 1 / frameSize.
    float frameX = 0, frameY = 0, frameSize = 1;
    std::vector<ScenePlacement> scene;
    int line = 0;  // in poses.yaml, for messages
};

// How many of each the format allows (content/README.md, section 7): a
// hostile file stays cheap to check and to draw.
inline constexpr std::size_t kMaxPoses = 500;
inline constexpr std::size_t kMaxProps = 100;
inline constexpr std::size_t kMaxScenePerPose = 8;
inline constexpr std::size_t kMaxPropsPerStep = 4;
inline constexpr float kMaxJointDegrees = 360;
inline constexpr float kMaxBoneLength = 1.5f;  // a `lengths` factor
inline constexpr float kMinFrameSize = 0.1f;

// The poses and props every pack may use (content/figures/).
struct FigureBook {
    std::vector<Pose> poses;
    std::vector<PropDef> props;
    const Pose* findPose(std::string_view id) const;
    const PropDef* findProp(std::string_view id) const;
    std::vector<std::string> poseIds() const;
    std::vector<std::string> propIds() const;
};

// Marks drawn at the highlighted spot: an arrow up and down (roll
// vertically), left and right, small circles, a pulse (press and hold), an
// arrow one way (glide).
enum class MarkKind : std::uint8_t { None, RollVertical, RollHorizontal, Circles, PressHold, Glide };
const std::vector<std::string>& markNames();  // by MarkKind index
std::optional<MarkKind> markFromString(std::string_view s);

//-----------------------------------------------------------------------------
// [SECTION] A step's figure
//-----------------------------------------------------------------------------
struct PropAttach {
    std::string prop;
    std::string point;  // a body point name
};

// `figure: {pose: wall-lean, props: [tennis-ball@upper-back-right], mark:
// roll-vertical}`, or with `from:` / `to:` poses to move between. Written for
// the right side; a left-side segment draws the mirror.
struct StepFigure {
    std::string from;          // the pose (or the first keyframe)
    std::string to;            // empty: one still pose
    std::int64_t everyMs = 0;  // 0: from -> to once over the segment; else back and forth
    std::vector<PropAttach> props;
    std::string spot;  // where the highlight glows; default the first prop's point
    MarkKind mark = MarkKind::None;
};

//-----------------------------------------------------------------------------
// [SECTION] Composing
//-----------------------------------------------------------------------------
// The moment of a step, as the player knows it.
struct FigureTime {
    std::int64_t elapsedMs = 0;  // into the segment
    std::int64_t segmentMs = 0;  // its length (0: untimed)
    bool mirrored = false;       // a left-side segment
    bool reducedMotion = false;  // show the end pose, move nothing
};

// How far from `from` to `to` (0..1, eased) at `t`: once over the segment,
// or back and forth every `everyMs`. Reduced motion, or no `to`, gives 1: the
// end pose.
float figureProgress(const StepFigure& f, const FigureTime& t);
// Where the marks' own motion is (0..1, a 2 s loop); 0 under reduced motion.
float markPhase(const FigureTime& t);

struct Vec2 {
    float x = 0, y = 0;
    bool operator==(const Vec2&) const = default;
};

// A limb: a tapered capsule from `a` (width wa) to `b` (width wb). `far`
// limbs (the far arm and leg of the side view) are drawn in a darker tone.
struct Limb {
    Bone bone = Bone::Torso;
    Vec2 a, b;
    float wa = 0, wb = 0;
    bool far = false;
    bool operator==(const Limb&) const = default;
};

struct PlacedProp {
    PropShape shape = PropShape::Ball;
    Vec2 centre;
    float w = 0, h = 0, angle = 0;  // angle: degrees clockwise
    bool scene = false;             // part of the pose, drawn behind the body
    bool operator==(const PlacedProp&) const = default;
};

// Everything to draw, in figure space, in drawing order within each list.
struct FigureShapes {
    FigureView view = FigureView::Front;
    std::vector<PlacedProp> scene;     // behind the body
    std::vector<Limb> limbs;           // in drawing order
    std::size_t limbsBeforeTorso = 0;  // the torso is drawn after this many limbs
    std::array<Vec2, 4> torso{};       // right shoulder, left shoulder, left hip, right hip
    Vec2 head;
    float headR = 0;
    std::vector<PlacedProp> props;  // attached to the body, drawn over it
    bool hasSpot = false;
    Vec2 spot;
    MarkKind mark = MarkKind::None;
    float markPhase = 0;
    bool mirrored = false;
    bool operator==(const FigureShapes&) const = default;
};

// The shapes of `f` at `t`. Unknown poses or props (a library that did not
// lint) draw nothing of theirs rather than fail. Mirrored: every x becomes
// 1 - x and every angle turns the other way, exactly.
FigureShapes composeFigure(const FigureBook& book, const StepFigure& f, const FigureTime& t);
// The mirror of `s` (x -> 1 - x, angles negated): what composeFigure gives
// for a left-side segment.
FigureShapes mirrorShapes(FigureShapes s);

}  // namespace unknot
