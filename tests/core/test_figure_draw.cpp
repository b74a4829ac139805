// The figure's drawing, checked from Dear ImGui's draw data (a headless
// context, no window): a left-side figure's vertices are the mirror of the
// right one's, the same time gives the same vertices, a paused clock and
// reduced motion move none, everything stays inside its box, and the body
// stands 3:1 against the background in every theme; the player's vertex
// cache replays exactly what a fresh drawing writes.
#include "figure_draw.hpp"

#include "unknot/loader.hpp"
#include "unknot/player.hpp"
#include "unknot/timeline.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <map>
#include <tuple>
#include <vector>

using namespace unknot;
using namespace unknot::ui;

namespace {
const Library& bundled() {
    static const Library lib = [] {
        LoadOptions o;
        o.vocabularyDir = UNKNOT_SOURCE_DIR "/content";
        o.paths = {UNKNOT_SOURCE_DIR "/content/core"};
        return loadLibrary(o);
    }();
    return lib;
}

// One frame of a headless context; the figure is drawn into a window's list.
struct Frame {
    ImGuiContext* ctx;
    Frame() {
        ctx = ImGui::CreateContext();
        ImGuiIO& io = ImGui::GetIO();
        io.IniFilename = nullptr;  // no imgui.ini left in the working folder
        io.DisplaySize = ImVec2(1280, 800);
        unsigned char* px = nullptr;
        int w = 0, h = 0;
        io.Fonts->GetTexDataAsRGBA32(&px, &w, &h);
    }
    ~Frame() { ImGui::DestroyContext(ctx); }
};

struct Vertex {
    float x, y;
    ImU32 col;
};

// The vertices of shapes drawn in [min, max].
std::vector<Vertex> drawShapes(const FigureShapes& s, ImVec2 min = {100, 50}, ImVec2 max = {490, 440}) {
    Frame frame;
    ImGui::NewFrame();
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(ImVec2(1280, 800));
    ImGui::Begin("figure", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoBackground);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const int before = dl->VtxBuffer.Size;
    drawFigureShapes(dl, s, min, max, figurePalette(paletteFor(ThemeId::Light)));
    std::vector<Vertex> out;
    for (int i = before; i < dl->VtxBuffer.Size; ++i)
        out.push_back({dl->VtxBuffer[i].pos.x, dl->VtxBuffer[i].pos.y, dl->VtxBuffer[i].col});
    ImGui::End();
    ImGui::EndFrame();
    return out;
}

// The vertices of `f` at `t` drawn in [min, max].
std::vector<Vertex> draw(const StepFigure& f, const FigureTime& t, ImVec2 min = {100, 50}, ImVec2 max = {490, 440},
                         ThemeId theme = ThemeId::Light) {
    Frame frame;
    ImGui::NewFrame();
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(ImVec2(1280, 800));
    ImGui::Begin("figure", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoBackground);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const int before = dl->VtxBuffer.Size;
    drawFigure(dl, bundled().figures, f, t, min, max, figurePalette(paletteFor(theme)));
    std::vector<Vertex> out;
    for (int i = before; i < dl->VtxBuffer.Size; ++i)
        out.push_back({dl->VtxBuffer[i].pos.x, dl->VtxBuffer[i].pos.y, dl->VtxBuffer[i].col});
    ImGui::End();
    ImGui::EndFrame();
    return out;
}

const StepFigure& figureOf(const std::string& routine, std::size_t step) {
    const Routine* r = bundled().findRoutine(routine);
    REQUIRE(r);
    REQUIRE(step < r->steps.size());
    const auto* say = std::get_if<SayStep>(&r->steps[step].v);
    REQUIRE(say);
    REQUIRE(say->figure);
    return *say->figure;
}

bool sameVertices(const std::vector<Vertex>& a, const std::vector<Vertex>& b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (a[i].x != b[i].x || a[i].y != b[i].y || a[i].col != b[i].col) return false;
    return true;
}

// How many vertices of `a`, x mirrored about `axis`, have no partner in `b`
// (same colour, within a thousandth of a pixel). The mirror's vertices come
// in another order (windings are made the same), so they are matched as sets
// through a grid of 0.01 px cells, each vertex used once.
std::size_t unmatched(const std::vector<Vertex>& a, const std::vector<Vertex>& b, float axis) {
    std::map<std::pair<long, long>, std::vector<std::size_t>> grid;
    auto cell = [](float v) { return std::lround(v * 100.0f); };
    for (std::size_t i = 0; i < b.size(); ++i) grid[{cell(b[i].x), cell(b[i].y)}].push_back(i);
    std::vector<bool> used(b.size(), false);
    std::size_t missing = 0;
    for (const auto& v : a) {
        const float x = 2 * axis - v.x;
        bool found = false;
        for (long dx = -1; dx <= 1 && !found; ++dx)
            for (long dy = -1; dy <= 1 && !found; ++dy) {
                auto it = grid.find({cell(x) + dx, cell(v.y) + dy});
                if (it == grid.end()) continue;
                for (std::size_t j : it->second)
                    if (!used[j] && std::abs(b[j].x - x) < 1e-3f && std::abs(b[j].y - v.y) < 1e-3f &&
                        b[j].col == v.col) {
                        used[j] = found = true;
                        break;
                    }
            }
        missing += found ? 0 : 1;
    }
    return missing;
}
}  // namespace

TEST_CASE("a left-side figure's draw data is the mirror of the right one's") {
    REQUIRE(bundled().diagnostics.empty());
    const std::pair<const char*, std::size_t> cases[] = {{"tennis-ball-back-wall", 2},  {"tennis-ball-back-wall", 3},
                                                         {"tennis-ball-back-wall", 4},  {"neck-release", 2},
                                                         {"hand-massage-arthritis", 4}, {"hand-massage-arthritis", 3}};
    for (const auto& [routine, index] : cases) {
        const StepFigure* f = nullptr;
        if (std::string(routine) == "neck-release") {
            const auto& rep = std::get<RepeatStep>(bundled().findRoutine(routine)->steps[index].v);
            f = &*std::get<SayStep>(rep.steps[0].v).figure;
        } else {
            f = &figureOf(routine, index);
        }
        for (std::int64_t ms : {0, 1234, 4000}) {
            INFO(routine << " step " << index << " at " << ms << " ms");
            const auto right = draw(*f, {ms, 25000, false, false});
            const auto left = draw(*f, {ms, 25000, true, false});
            REQUIRE(right.size() > 100);
            REQUIRE(left.size() == right.size());
            CHECK(unmatched(right, left, (100.0f + 490.0f) / 2) == 0);
            // And it is not the same picture: the mirror moved something.
            CHECK_FALSE(sameVertices(right, left));
        }
    }
}

TEST_CASE("the figure is a function of the session time: same time, same vertices; a paused clock freezes it") {
    const StepFigure& rolling = figureOf("tennis-ball-back-wall", 2);
    const FigureTime t{2500, 25000, false, false};
    CHECK(sameVertices(draw(rolling, t), draw(rolling, t)));
    // Paused, the session's time into the segment stands still: every frame
    // drawn while paused is the frame at that time.
    const auto paused = draw(rolling, t);
    for (int frame = 0; frame < 5; ++frame) CHECK(sameVertices(draw(rolling, t), paused));
    // Running, it moves.
    CHECK_FALSE(sameVertices(draw(rolling, {2500, 25000, false, false}), draw(rolling, {2600, 25000, false, false})));
}

TEST_CASE("reduced motion draws the end pose and no vertex moves") {
    const std::pair<const char*, std::size_t> cases[] = {
        {"tennis-ball-back-wall", 2}, {"tennis-ball-back-wall", 3}, {"hand-massage-arthritis", 4}};
    for (const auto& [routine, index] : cases) {
        const StepFigure& f = figureOf(routine, index);
        const auto still = draw(f, {0, 25000, false, true});
        for (std::int64_t ms : {1, 500, 1000, 3000, 24999})
            CHECK(sameVertices(draw(f, {ms, 25000, false, true}), still));
    }
}

TEST_CASE("the figure stays inside its box, whatever the box's shape") {
    const ImVec2 boxes[][2] = {
        {{20, 30}, {370, 230}}, {{0, 0}, {390, 300}}, {{40, 100}, {140, 400}}, {{5, 5}, {60, 60}}};
    for (const auto& box : boxes)
        for (std::size_t step = 0; step < 6; ++step) {
            const StepFigure& f = figureOf("tennis-ball-back-wall", step);
            for (bool mirrored : {false, true}) {
                const auto v = draw(f, {1500, 25000, mirrored, false}, box[0], box[1]);
                REQUIRE_FALSE(v.empty());
                // Clipped to the box; the anti-aliased fringe may reach one
                // pixel past a shape's edge, which the clip rectangle hides.
                float x0 = 1e9f, y0 = 1e9f, x1 = -1e9f, y1 = -1e9f;
                for (const auto& p : v) {
                    x0 = std::min(x0, p.x), y0 = std::min(y0, p.y), x1 = std::max(x1, p.x), y1 = std::max(y1, p.y);
                }
                INFO("step " << step << " box " << box[0].x << "," << box[0].y << " " << box[1].x << "," << box[1].y);
                CHECK(x0 >= box[0].x - 1);
                CHECK(y0 >= box[0].y - 1);
                CHECK(x1 <= box[1].x + 1);
                CHECK(y1 <= box[1].y + 1);
            }
        }
}

TEST_CASE("the body, props and marks stand out from the background in every theme") {
    for (ThemeId theme : {ThemeId::Light, ThemeId::Dark, ThemeId::HighContrast, ThemeId::PureBlack}) {
        const Palette p = paletteFor(theme);
        const FigurePalette f = figurePalette(p);
        INFO(toString(theme));
        CHECK(contrastRatio(f.body, p.bg) >= 3.0f);
        CHECK(contrastRatio(f.far, p.bg) >= 3.0f);
        CHECK(contrastRatio(f.prop, p.bg) >= 3.0f);
        CHECK(contrastRatio(f.mark, p.bg) >= 3.0f);
        CHECK(contrastRatio(f.prop, f.body) >= 1.2f);  // the ball is told from the back it rests on
        CHECK(contrastRatio(IM_COL32(0, 0, 0, 255), IM_COL32(255, 255, 255, 255)) == Approx(21.0f));
    }
}

//-----------------------------------------------------------------------------
// The figure in the session: segments carry it, on the session clock
//-----------------------------------------------------------------------------
namespace {
// The segments of step `number` (1-based) of a bundled routine.
std::vector<Segment> segmentsOf(const Timeline& t, int number) {
    std::vector<Segment> out;
    for (const auto& s : t.segments)
        if (s.step == number) out.push_back(s);
    return out;
}
const Timeline& wallTimeline() {
    static const Timeline t = compileTimeline(bundled(), *bundled().findRoutine("tennis-ball-back-wall"));
    return t;
}
}  // namespace

TEST_CASE("every segment of a step carries its figure; left sides and switches know their side") {
    const Timeline& t = wallTimeline();
    const auto rolling = segmentsOf(t, 3);
    REQUIRE(rolling.size() == 3);  // right, switch, left
    const StepFigure* written = &figureOf("tennis-ball-back-wall", 2);
    for (const auto& s : rolling) CHECK(s.figure.get() == written);
    CHECK(rolling[0].side == Side::Right);
    CHECK_FALSE(rolling[0].mirrored);
    CHECK(rolling[1].kind == SegmentKind::Switch);
    CHECK_FALSE(rolling[1].fromMirrored);
    CHECK(rolling[1].mirrored);
    CHECK(rolling[2].side == Side::Left);
    CHECK(rolling[2].mirrored);
    // "Notice how you feel" has no figure, and draws nothing.
    const auto last = segmentsOf(t, t.steps);
    REQUIRE(last.size() == 1);
    CHECK_FALSE(last[0].figure);
    CHECK(segmentFigure(bundled().figures, last[0], last[0].startMs, false).limbs.empty());
}

TEST_CASE("a left-side segment draws the mirror of the right side's, from the draw data") {
    for (int step : {3, 4, 5}) {
        const auto segs = segmentsOf(wallTimeline(), step);
        REQUIRE(segs.size() == 3);
        for (std::int64_t into : {0, 1234, 4000}) {
            INFO("step " << step << " at " << into << " ms");
            const auto right = drawShapes(segmentFigure(bundled().figures, segs[0], segs[0].startMs + into, false));
            const auto left = drawShapes(segmentFigure(bundled().figures, segs[2], segs[2].startMs + into, false));
            REQUIRE(right.size() > 100);
            REQUIRE(left.size() == right.size());
            CHECK(unmatched(right, left, (100.0f + 490.0f) / 2) == 0);
            CHECK_FALSE(sameVertices(right, left));
        }
    }
}

TEST_CASE("the segment's figure follows the player's clock: pausing freezes it, running moves it") {
    Player p(wallTimeline());
    std::int64_t now = 1000;
    p.start(now);
    p.update(now);
    // Through the first two steps (a 10 s step, then a wait) to the rolling.
    now += 10000;
    p.update(now);
    REQUIRE(p.state() == PlayerState::WaitingForTap);
    p.continueAfterTap(now);
    now += 2500;
    p.update(now);
    const Segment* seg = p.current();
    REQUIRE(seg);
    REQUIRE(seg->step == 3);
    auto at = [&](std::int64_t clock) {
        return drawShapes(segmentFigure(bundled().figures, *seg, p.positionMs(clock), false));
    };
    const auto running = at(now);
    CHECK_FALSE(sameVertices(at(now + 100), running));
    p.pause(now);
    for (std::int64_t later : {now, now + 100, now + 3000, now + 60000}) CHECK(sameVertices(at(later), running));
    p.resume(now + 60000);
    CHECK(sameVertices(at(now + 60000), running));
    CHECK_FALSE(sameVertices(at(now + 60200), running));
}

TEST_CASE("reduced motion: no vertex moves over a segment or a switch, and each side shows its end pose") {
    const auto segs = segmentsOf(wallTimeline(), 3);
    REQUIRE(segs.size() == 3);
    const FigureBook& book = bundled().figures;
    const StepFigure& f = *segs[0].figure;
    for (const auto& s : segs) {
        const auto still = drawShapes(segmentFigure(book, s, s.startMs, true));
        REQUIRE_FALSE(still.empty());
        for (std::int64_t into : {std::int64_t{1}, std::int64_t{700}, std::int64_t{2500}, s.durationMs - 1})
            CHECK(sameVertices(drawShapes(segmentFigure(book, s, s.startMs + into, true)), still));
        // The end pose of the segment's own side (a switch: the side coming).
        CHECK(sameVertices(still, draw(f, {0, 0, s.mirrored, true})));
    }
}

TEST_CASE("a switch turns the figure from the side it leaves to the side that comes") {
    const auto segs = segmentsOf(wallTimeline(), 4);
    REQUIRE(segs.size() == 3);
    const Segment& sw = segs[1];
    REQUIRE(sw.kind == SegmentKind::Switch);
    REQUIRE(sw.durationMs > 0);
    const FigureBook& book = bundled().figures;
    const StepFigure& f = *sw.figure;
    // The end pose of each side, without its mark: nothing moves on the body
    // while the person changes sides, only the body itself.
    auto endPose = [&](bool mirrored) {
        FigureShapes e = composeFigure(book, f, {0, 0, mirrored, true});
        e.mark = MarkKind::None;
        return drawShapes(e);
    };
    const auto rightEnd = endPose(false), leftEnd = endPose(true);
    CHECK(sameVertices(drawShapes(segmentFigure(book, sw, sw.startMs, false)), rightEnd));
    CHECK(sameVertices(drawShapes(segmentFigure(book, sw, sw.endMs(), false)), leftEnd));
    const auto middle = drawShapes(segmentFigure(book, sw, sw.startMs + sw.durationMs / 2, false));
    CHECK_FALSE(sameVertices(middle, rightEnd));
    CHECK_FALSE(sameVertices(middle, leftEnd));
    // Halfway, the figure is symmetric about the box's middle: it is turning.
    CHECK(segmentFigure(book, sw, sw.startMs + sw.durationMs / 2, false).head.x == Approx(0.5f).margin(1e-4));
}

namespace {
// Everything a figure wrote into a draw list: each vertex whole (position,
// UV, colour) and each index relative to the first vertex it wrote.
struct Written {
    std::vector<ImDrawVert> vtx;
    std::vector<int> idx;
};
bool operator==(const Written& a, const Written& b) {
    if (a.idx != b.idx || a.vtx.size() != b.vtx.size()) return false;
    for (std::size_t i = 0; i < a.vtx.size(); ++i)
        if (std::memcmp(&a.vtx[i], &b.vtx[i], sizeof(ImDrawVert)) != 0) return false;
    return true;
}

// Draws `s` into a fresh window's list after `padding` other vertices (so the
// base index differs), with `cache` or without one.
Written drawOnce(const FigureShapes& s, FigureVertexCache* cache, int padding, ImVec2 min = {100, 50},
                 ImVec2 max = {490, 440}) {
    ImGui::NewFrame();
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(ImVec2(1280, 800));
    ImGui::Begin("figure", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoBackground);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    for (int i = 0; i < padding; ++i) dl->AddRectFilled(ImVec2(0, 0), ImVec2(1, 1), IM_COL32_WHITE);
    const int v0 = dl->VtxBuffer.Size, i0 = dl->IdxBuffer.Size;
    const unsigned base = dl->_VtxCurrentIdx;
    const FigurePalette pal = figurePalette(paletteFor(ThemeId::Light));
    if (cache)
        cache->draw(dl, s, min, max, pal);
    else
        drawFigureShapes(dl, s, min, max, pal);
    Written w;
    w.vtx.assign(dl->VtxBuffer.Data + v0, dl->VtxBuffer.Data + dl->VtxBuffer.Size);
    for (int i = i0; i < dl->IdxBuffer.Size; ++i)
        w.idx.push_back(static_cast<int>(dl->IdxBuffer[i]) - static_cast<int>(base));
    ImGui::End();
    ImGui::EndFrame();
    return w;
}
}  // namespace

TEST_CASE("the vertex cache replays exactly what a fresh drawing writes, and draws afresh when anything changes") {
    Frame frame;
    const StepFigure& rolling = figureOf("tennis-ball-back-wall", 2);
    FigureShapes s = composeFigure(bundled().figures, rolling, {2500, 25000, false, false});
    REQUIRE(s.hasSpot);
    REQUIRE(s.mark != MarkKind::None);
    FigureVertexCache cache;
    const Written fresh = drawOnce(s, nullptr, 0);
    REQUIRE_FALSE(fresh.vtx.empty());
    CHECK(drawOnce(s, &cache, 0) == fresh);  // the first drawing records
    CHECK(cache.hits() == 0);
    // Replayed at another base index: the same vertices, the indices moved.
    CHECK(drawOnce(s, &cache, 37) == fresh);
    CHECK(drawOnce(s, &cache, 500) == fresh);
    CHECK(cache.hits() == 2);
    // The mark moved: the body replays, the mark is drawn at its new phase.
    FigureShapes later = s;
    later.markPhase = 0.5f;
    CHECK(drawOnce(later, &cache, 3) == drawOnce(later, nullptr, 0));
    CHECK(cache.hits() == 3);
    // Another box, the body moved, the mirror: each drawn afresh, exactly.
    CHECK(drawOnce(s, &cache, 0, {110, 50}, {500, 440}) == drawOnce(s, nullptr, 0, {110, 50}, {500, 440}));
    const FigureShapes moved = composeFigure(bundled().figures, rolling, {4000, 25000, false, false});
    REQUIRE_FALSE(moved == s);
    CHECK(drawOnce(moved, &cache, 0) == drawOnce(moved, nullptr, 0));
    const FigureShapes left = mirrorShapes(s);
    CHECK(drawOnce(left, &cache, 0) == drawOnce(left, nullptr, 0));
    CHECK(cache.hits() == 3);
    // Past the 16-bit index limit (65,000 vertices before it) a replay would
    // not fit: it is drawn afresh.
    CHECK(drawOnce(left, &cache, 16250) == drawOnce(left, nullptr, 16250));
    CHECK(cache.hits() == 3);
}
