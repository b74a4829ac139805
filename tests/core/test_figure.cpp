// Figures in unknot_core: names, body points, time and mirroring, on a small
// book built in code (the bundled poses are checked in tests/authoring).
#include "unknot/figure.hpp"

#include <catch2/catch.hpp>

#include <set>

using namespace unknot;

namespace {
FigureBook smallBook() {
    FigureBook b;
    b.props.push_back({"ball", PropShape::Ball, 0.05f, 0.05f});
    b.props.push_back({"wall", PropShape::Box, 0.04f, 1.0f});
    Pose lean;
    lean.id = "lean";
    lean.view = FigureView::Side;
    lean.angles[static_cast<std::size_t>(Bone::Torso)] = -9;
    lean.scene.push_back({"wall", 0.347f, 0.5f, 0});
    Pose squat = lean;
    squat.id = "squat";
    squat.y = 0.535f;
    squat.angles[static_cast<std::size_t>(Bone::ThighRight)] = -21;
    squat.angles[static_cast<std::size_t>(Bone::ShinRight)] = 60;
    Pose back;
    back.id = "back";
    back.view = FigureView::Back;
    back.angles[static_cast<std::size_t>(Bone::UpperArmRight)] = -8;
    back.angles[static_cast<std::size_t>(Bone::UpperArmLeft)] = 12;
    Pose front = back;
    front.id = "front";
    front.view = FigureView::Front;
    b.poses = {lean, squat, back, front};
    return b;
}

StepFigure rolling() {
    StepFigure f;
    f.from = "lean";
    f.to = "squat";
    f.everyMs = 6000;
    f.props.push_back({"ball", "upper-back-right"});
    f.mark = MarkKind::RollVertical;
    return f;
}
}  // namespace

TEST_CASE("every bone, view, shape and mark name reads back as itself") {
    for (std::size_t i = 0; i < boneNames().size(); ++i) CHECK(boneFromName(boneNames()[i]) == static_cast<Bone>(i));
    CHECK(boneNames().size() == kBoneCount);
    for (const char* v : {"front", "back", "side"}) CHECK(toString(*figureViewFromString(v)) == std::string(v));
    for (std::size_t i = 0; i < markNames().size(); ++i)
        CHECK(markFromString(markNames()[i]) == static_cast<MarkKind>(i));
    for (std::size_t i = 0; i < propShapeNames().size(); ++i)
        CHECK(propShapeFromString(propShapeNames()[i]) == static_cast<PropShape>(i));
    CHECK_FALSE(boneFromName("upper-arm"));
    CHECK_FALSE(markFromString("roll"));
}

TEST_CASE("body points are unique and every -right point has a -left twin on the twin bone") {
    std::set<std::string> names;
    for (const auto& p : bodyPoints()) CHECK(names.insert(p.name).second);
    for (const auto& p : bodyPoints()) {
        if (!p.name.ends_with("-right")) continue;
        const BodyPoint* l = findBodyPoint(p.name.substr(0, p.name.size() - 6) + "-left");
        REQUIRE(l);
        CHECK(l->along == p.along);
        CHECK(l->lateral == p.lateral);
        if (p.bone == Bone::Torso || p.bone == Bone::Head)
            CHECK(l->bone == p.bone);
        else
            CHECK(l->bone != p.bone);
    }
    CHECK(findBodyPoint("upper-back-right"));
    CHECK_FALSE(findBodyPoint("upper-back"));
}

TEST_CASE("a left-side figure is exactly the mirror of the right one") {
    const FigureBook b = smallBook();
    for (std::int64_t ms : {0, 1500, 2999, 4321}) {
        FigureTime right{ms, 25000, false, false}, left{ms, 25000, true, false};
        const FigureShapes r = composeFigure(b, rolling(), right);
        const FigureShapes l = composeFigure(b, rolling(), left);
        REQUIRE_FALSE(r.limbs.empty());
        CHECK(l == mirrorShapes(r));
        CHECK(l.mirrored);
        // Mirrored means moved: the head is on the other side of the middle.
        CHECK(l.head.x == 1.0f - r.head.x);
        CHECK(l.head.x != r.head.x);
    }
}

TEST_CASE("the same time gives the same shapes; time moving moves them") {
    const FigureBook b = smallBook();
    const FigureTime t{2345, 25000, false, false};
    CHECK(composeFigure(b, rolling(), t) == composeFigure(b, rolling(), t));
    const FigureShapes a = composeFigure(b, rolling(), {0, 25000, false, false});
    const FigureShapes c = composeFigure(b, rolling(), {3000, 25000, false, false});
    CHECK_FALSE(a == c);
    // The ball goes down with the back: rolled along it, not left behind.
    REQUIRE(a.props.size() == 1);
    CHECK(c.props[0].centre.y > a.props[0].centre.y + 0.03f);
}

TEST_CASE("progress is eased, goes there and back every period, and once over a segment") {
    StepFigure f = rolling();
    auto at = [&](std::int64_t ms) { return figureProgress(f, {ms, 25000, false, false}); };
    CHECK(at(0) == 0.0f);
    CHECK(at(3000) == 1.0f);
    CHECK(at(6000) == 0.0f);
    CHECK(at(1500) == Approx(0.5f));
    CHECK(at(300) < 0.1f * 1.0f);  // eased: slow at the start
    f.everyMs = 0;
    CHECK(at(0) == 0.0f);
    CHECK(at(12500) == Approx(0.5f));
    CHECK(at(25000) == 1.0f);
    CHECK(at(90000) == 1.0f);
    CHECK(figureProgress(f, {5000, 0, false, false}) == 1.0f);  // untimed: the end pose
    f.to.clear();
    CHECK(at(0) == 1.0f);
}

TEST_CASE("reduced motion shows the end pose and moves nothing") {
    const FigureBook b = smallBook();
    const FigureShapes end = composeFigure(b, rolling(), {0, 25000, false, true});
    for (std::int64_t ms : {0, 700, 3000, 24999}) {
        CHECK(figureProgress(rolling(), {ms, 25000, false, true}) == 1.0f);
        CHECK(markPhase({ms, 25000, false, true}) == 0.0f);
        CHECK(composeFigure(b, rolling(), {ms, 25000, false, true}) == end);
    }
    StepFigure still = rolling();
    still.to.clear();
    still.from = "squat";
    FigureShapes squat = composeFigure(b, still, {0, 25000, false, true});
    CHECK(squat.limbs == end.limbs);
}

TEST_CASE("points land where a person would look for them") {
    const FigureBook b = smallBook();
    StepFigure f;
    f.from = "lean";
    f.props.push_back({"ball", "upper-back-right"});
    // Side view, facing right: the ball is behind the back, between it and the wall.
    FigureShapes s = composeFigure(b, f, {});
    REQUIRE(s.props.size() == 1);
    const float backX = std::min(s.torso[0].x, s.torso[1].x);
    CHECK(s.props[0].centre.x < backX);
    CHECK(s.props[0].centre.x - s.props[0].w / 2 > 0.347f);          // not inside the wall
    CHECK(s.props[0].centre.y < (s.torso[0].y + s.torso[3].y) / 2);  // on the upper half of the back
    // Back view: the person's right is on the picture's right, beside the spine.
    f.from = "back";
    s = composeFigure(b, f, {});
    CHECK(s.props[0].centre.x > 0.5f);
    CHECK(s.props[0].centre.x < 0.5f + 0.06f);
    CHECK(s.spot == s.props[0].centre);
    // Front view: the right shoulder is on the picture's left.
    f.from = "front";
    f.props.clear();
    f.spot = "shoulder-right";
    s = composeFigure(b, f, {});
    REQUIRE(s.hasSpot);
    CHECK(s.spot.x < 0.45f);
}

TEST_CASE("unknown names draw nothing of theirs instead of failing") {
    const FigureBook b = smallBook();
    StepFigure f;
    f.from = "nope";
    CHECK(composeFigure(b, f, {}).limbs.empty());
    f.from = "back";
    f.props.push_back({"nope", "upper-back-right"});
    f.props.push_back({"ball", "nowhere"});
    const FigureShapes s = composeFigure(b, f, {});
    CHECK_FALSE(s.limbs.empty());
    CHECK(s.props.empty());
}
