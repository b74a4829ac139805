// The loader's figure files (content/figures/props.yaml, poses.yaml) and a
// step's `figure:` field: the bundled ones resolve, mistakes are named at
// their line with a suggestion, counts are bounded. The step-level messages
// are pinned by the golden case tests/golden/lint/figure-errors.
#include "helpers.hpp"

#include "unknot/figure.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>

using namespace unknot;

namespace {
std::string readFile(const std::string& p) {
    std::ifstream in(p);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

// A vocabulary folder holding the bundled areas and equipment and the given
// figure files.
struct Vocabulary {
    testing::TempDir dir;
    Vocabulary(const std::string& props, const std::string& poses) {
        dir.write("areas.yaml", readFile(testing::contentDir() + "/areas.yaml"));
        dir.write("equipment.yaml", readFile(testing::contentDir() + "/equipment.yaml"));
        dir.write("figures/props.yaml", props);
        dir.write("figures/poses.yaml", poses);
    }
    Library load(const std::vector<std::string>& paths = {}) const {
        LoadOptions o;
        o.vocabularyDir = dir.str();
        o.paths = paths;
        return loadLibrary(o);
    }
};

const char* kProps =
    "format: 1\nprops:\n  - {id: tennis-ball, shape: ball, size: [0.05, 0.05]}\n"
    "  - {id: wall, shape: box, size: [0.04, 1]}\n";

std::string messages(const Library& lib) {
    std::string s;
    for (const auto& d : lib.diagnostics)
        s += d.path.substr(d.path.find_last_of('/') + 1) + ":" + std::to_string(d.line) + ": " + d.message + "\n";
    return s;
}

void forEachSay(const Steps& steps, const std::function<void(const SayStep&)>& f) {
    for (const auto& st : steps) {
        if (const auto* say = std::get_if<SayStep>(&st.v)) f(*say);
        if (const auto* rep = std::get_if<RepeatStep>(&st.v)) forEachSay(rep->steps, f);
    }
}
}  // namespace

TEST_CASE("the bundled figures load clean, and every figure of the core pack resolves") {
    const Library lib = testing::load({testing::contentDir() + "/core"});
    INFO(messages(lib));
    CHECK(lib.diagnostics.empty());
    REQUIRE(lib.figures.poses.size() >= 10);
    REQUIRE(lib.figures.props.size() >= 12);
    for (const auto& pose : lib.figures.poses)
        for (const auto& sp : pose.scene) CHECK(lib.figures.findProp(sp.prop));
    int figures = 0;
    for (const auto& r : lib.routines)
        forEachSay(r.steps, [&](const SayStep& say) {
            if (!say.figure) return;
            ++figures;
            const StepFigure& f = *say.figure;
            INFO(r.id << ": " << f.from);
            CHECK(lib.figures.findPose(f.from));
            if (!f.to.empty()) CHECK(lib.figures.findPose(f.to));
            for (const auto& p : f.props) {
                CHECK(lib.figures.findProp(p.prop));
                CHECK(findBodyPoint(p.point));
            }
            if (!f.spot.empty()) CHECK(findBodyPoint(f.spot));
        });
    // The three routines that prove the chain: 6 + 4 + 7 figures.
    CHECK(figures >= 17);
    const Routine* wall = lib.findRoutine("tennis-ball-back-wall");
    REQUIRE(wall);
    const auto& rolling = std::get<SayStep>(wall->steps[2].v);
    REQUIRE(rolling.figure);
    CHECK(rolling.figure->from == "wall-lean-side");
    CHECK(rolling.figure->to == "wall-squat-side");
    CHECK(rolling.figure->everyMs == 6000);
    CHECK(rolling.figure->mark == MarkKind::RollVertical);
    REQUIRE(rolling.figure->props.size() == 1);
    CHECK(rolling.figure->props[0].point == "upper-back-right");
}

TEST_CASE("mistakes in poses.yaml are named at their line, with a suggestion") {
    const Vocabulary v(kProps,
                       "format: 1\n"
                       "poses:\n"
                       "  - id: good\n"
                       "    view: side\n"
                       "    joints: {torso: -9, thigh-right: 9}\n"
                       "    scene: [{prop: wall, at: [0.35, 0.5]}]\n"
                       "  - id: bad\n"
                       "    view: sideways\n"
                       "    joints: {upper-arm-rigth: 10, torso: 400, head: ten}\n"
                       "    lengths: {thigh-left: 2}\n"
                       "    frame: [0.6, 0.1, 0.5]\n"
                       "    scene: [{prop: wal, at: [0.35, 1.5]}]\n"
                       "  - id: good\n"
                       "    view: front\n");
    const Library lib = v.load();
    const std::string m = messages(lib);
    INFO(m);
    CHECK(m.find("poses.yaml:8: view must be front, back or side, not 'sideways'") != std::string::npos);
    CHECK(m.find("poses.yaml:9: unknown key 'upper-arm-rigth' in joints (did you mean 'upper-arm-right'?)") !=
          std::string::npos);
    CHECK(m.find("poses.yaml:9: torso '400' is out of range") != std::string::npos);
    CHECK(m.find("poses.yaml:9: head must be a number like 12, -35 or 0.25, not 'ten'") != std::string::npos);
    CHECK(m.find("poses.yaml:10: thigh-left '2' is out of range") != std::string::npos);
    CHECK(m.find("poses.yaml:11: frame must stay inside the square") != std::string::npos);
    CHECK(m.find("poses.yaml:12: unknown prop 'wal' (did you mean 'wall'?)") != std::string::npos);
    CHECK(m.find("poses.yaml:12: at y must be") == std::string::npos);  // said as a range:
    CHECK(m.find("poses.yaml:12: at y '1.5' is out of range") != std::string::npos);
    CHECK(m.find("poses.yaml:13: duplicate pose id 'good'") != std::string::npos);
    REQUIRE(lib.figures.poses.size() == 1);
    const Pose& good = lib.figures.poses[0];
    CHECK(good.angles[static_cast<std::size_t>(Bone::Torso)] == -9.0f);
    CHECK(good.angles[static_cast<std::size_t>(Bone::ThighRight)] == 9.0f);
    CHECK(good.scene.size() == 1);
}

TEST_CASE("mistakes in props.yaml are named, with a suggestion") {
    const Vocabulary v(
        "format: 1\nprops:\n  - {id: ball, shape: bal, size: [0.05, 0.05]}\n"
        "  - {id: mat, shape: box, size: [2, 0.05]}\n  - {id: cup, shape: cup}\n",
        "format: 1\nposes: []\n");
    const std::string m = messages(v.load());
    INFO(m);
    CHECK(m.find("props.yaml:3: unknown prop shape 'bal' (did you mean 'ball'?)") != std::string::npos);
    CHECK(m.find("props.yaml:4: size x '2' is out of range") != std::string::npos);
    CHECK(m.find("props.yaml:5: missing required field 'size' in a prop") != std::string::npos);
}

TEST_CASE("figure files have bounded counts: a hostile file is refused, not walked") {
    std::string poses = "format: 1\nposes:\n";
    for (std::size_t i = 0; i <= kMaxPoses; ++i) poses += "  - {id: p" + std::to_string(i) + ", view: front}\n";
    std::string props = "format: 1\nprops:\n";
    for (std::size_t i = 0; i <= kMaxProps; ++i)
        props += "  - {id: x" + std::to_string(i) + ", shape: ball, size: [0.1, 0.1]}\n";
    std::string scene = "format: 1\nposes:\n  - id: crowded\n    view: front\n    scene:\n";
    for (std::size_t i = 0; i <= kMaxScenePerPose; ++i) scene += "      - {prop: tennis-ball, at: [0.5, 0.5]}\n";
    {
        const Vocabulary v(props, poses);
        const Library lib = v.load();
        const std::string m = messages(lib);
        INFO(m);
        CHECK(m.find("poses.yaml:3: poses has " + std::to_string(kMaxPoses + 1) + " entries; at most " +
                     std::to_string(kMaxPoses) + " are allowed") != std::string::npos);
        CHECK(m.find("props.yaml:3: props has " + std::to_string(kMaxProps + 1) + " entries") != std::string::npos);
        CHECK(lib.figures.poses.empty());
        CHECK(lib.figures.props.empty());
    }
    const Vocabulary v(kProps, scene);
    const Library lib = v.load();
    const std::string m = messages(lib);
    INFO(m);
    CHECK(m.find("scene has " + std::to_string(kMaxScenePerPose + 1) + " entries") != std::string::npos);
    CHECK(lib.figures.poses.empty());
}

TEST_CASE("a content folder with no figures folder loads, and a figure then names an unknown pose") {
    testing::TempDir d;
    d.write("areas.yaml", readFile(testing::contentDir() + "/areas.yaml"));
    d.write("equipment.yaml", readFile(testing::contentDir() + "/equipment.yaml"));
    const std::string routine = d.write("r.yaml", testing::routineHead("r") +
                                                      "  - say: {en: Sit., fr: Assis.}\n    duration: 5s\n"
                                                      "    figure: {pose: sit-front}\n");
    LoadOptions o;
    o.vocabularyDir = d.str();
    o.paths = {routine};
    const Library lib = loadLibrary(o);
    const std::string m = messages(lib);
    INFO(m);
    CHECK(lib.figures.poses.empty());
    CHECK(m == "r.yaml:14: unknown pose 'sit-front'\n");
}
