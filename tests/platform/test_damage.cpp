// Damage tracking: which rectangles a partial redraw must repaint. Pure
// functions over hand-made signatures (the pixels themselves are checked by
// the "partial redraws give exactly the full picture" screenshot test).
#include "unknot/platform/damage.hpp"

#include <catch2/catch.hpp>

using namespace unknot::platform;

namespace {
DrawSignature screen(std::vector<DrawSignature::Tri> tris) {
    DrawSignature s;
    s.fbW = 390;
    s.fbH = 844;
    s.tris = std::move(tris);
    return s;
}
std::int64_t area(const std::vector<IRect>& rs) {
    std::int64_t a = 0;
    for (const IRect& r : rs) a += r.area();
    return a;
}
bool covers(const std::vector<IRect>& rs, const IRect& box) {
    // Every pixel of `box` lies in some rectangle (checked per pixel: small boxes).
    for (int y = box.y0; y < box.y1; ++y)
        for (int x = box.x0; x < box.x1; ++x) {
            bool in = false;
            for (const IRect& r : rs) in |= x >= r.x0 && x < r.x1 && y >= r.y0 && y < r.y1;
            if (!in) return false;
        }
    return true;
}
}  // namespace

TEST_CASE("nothing changed: nothing to redraw", "[platform][damage]") {
    const auto a = screen({{1, {0, 0, 390, 844}}, {2, {10, 10, 50, 50}}});
    auto rects = damagedRects(a, a);
    REQUIRE(rects);
    CHECK(rects->empty());
}

TEST_CASE("a moved triangle damages where it was and where it is", "[platform][damage]") {
    const auto a = screen({{1, {0, 0, 390, 844}}, {2, {100, 100, 120, 120}}, {3, {10, 800, 40, 820}}});
    const auto b = screen({{1, {0, 0, 390, 844}}, {9, {200, 300, 230, 310}}, {3, {10, 800, 40, 820}}});
    auto rects = damagedRects(a, b);
    REQUIRE(rects);
    CHECK(covers(*rects, {100, 100, 120, 120}));
    CHECK(covers(*rects, {200, 300, 230, 310}));
    // The unchanged background and the unchanged triangle at the bottom are left alone.
    CHECK(area(*rects) < 390 * 844 / 10);
    CHECK_FALSE(covers(*rects, {10, 800, 40, 820}));
}

TEST_CASE("an added triangle damages everything between the changes", "[platform][damage]") {
    const auto a = screen({{1, {0, 0, 390, 844}}, {2, {10, 10, 20, 20}}, {3, {30, 30, 40, 40}}});
    const auto b = screen({{1, {0, 0, 390, 844}}, {2, {10, 10, 20, 20}}, {7, {50, 50, 60, 60}}, {3, {30, 30, 40, 40}}});
    auto rects = damagedRects(a, b);
    REQUIRE(rects);
    CHECK(covers(*rects, {50, 50, 60, 60}));
}

TEST_CASE("too much damage, a new size or a callback: full redraw", "[platform][damage]") {
    const auto a = screen({{1, {0, 0, 390, 844}}});
    const auto b = screen({{2, {0, 0, 390, 844}}});
    CHECK_FALSE(damagedRects(a, b));  // the whole screen changed
    auto c = a;
    c.fbW = 1280;
    CHECK_FALSE(damagedRects(a, c));
    auto d = a;
    d.opaque = true;
    CHECK_FALSE(damagedRects(a, d));
}

TEST_CASE("tiles become few rectangles that cover them all", "[platform][damage]") {
    // 4x3 tiles; an L shape and a lone tile.
    const std::vector<bool> dirty = {
        true, true,  false, false,  //
        true, false, false, true,   //
        true, false, false, false,  //
    };
    const auto rects = tilesToRects(dirty, 4, 64, 48, 8);
    for (int ty = 0; ty < 3; ++ty)
        for (int tx = 0; tx < 4; ++tx)
            if (dirty[static_cast<std::size_t>(ty * 4 + tx)])
                CHECK(covers(rects, {tx * kTilePx, ty * kTilePx, (tx + 1) * kTilePx, (ty + 1) * kTilePx}));
    CHECK(area(rects) == 5 * kTilePx * kTilePx);  // exact cover, nothing extra
    // Capped at 2 rectangles: still covers everything, with the least waste.
    const auto two = tilesToRects(dirty, 4, 64, 48, 2);
    CHECK(two.size() <= 2);
    for (int ty = 0; ty < 3; ++ty)
        for (int tx = 0; tx < 4; ++tx)
            if (dirty[static_cast<std::size_t>(ty * 4 + tx)])
                CHECK(covers(two, {tx * kTilePx, ty * kTilePx, (tx + 1) * kTilePx, (ty + 1) * kTilePx}));
    // Clamped to the framebuffer when it is not a whole number of tiles.
    const auto edge = tilesToRects({true}, 1, 10, 7, 1);
    REQUIRE(edge.size() == 1);
    CHECK(edge[0] == IRect{0, 0, 10, 7});
}
