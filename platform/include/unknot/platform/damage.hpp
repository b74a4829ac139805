// Damage: which rectangles of the screen changed since the last frame, from
// ImGui's draw data, so the software renderer redraws only those.
//
// [SECTION] Why (power: SDL's software renderer pays per pixel)
// [SECTION] Signatures and damaged rectangles (pure, tested)
// [SECTION] PartialRenderer (SDL: keeps the last frame in a texture)
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

struct ImDrawData;
struct SDL_Renderer;

namespace unknot::platform {

//-----------------------------------------------------------------------------
// [SECTION] Why
//-----------------------------------------------------------------------------
// With SDL's software renderer (Linux without GPU, Xvfb, some old phones) every
// ImGui triangle is rasterized, textured and blended on the CPU: a full 390x844
// redraw costs milliseconds per frame, at 60 fps during a session. But during
// a session little moves: the breathing shape, a countdown, a progress bar.
// ImGui merges a whole screen into a handful of draw commands, so damage is
// found per triangle: the triangle streams of the last and the new frame are
// compared (common prefix and suffix skipped, the middle compared in step),
// the boxes of differing triangles mark 16 px tiles, and the tiles become a
// few rectangles. Only those are cleared and redrawn; the rest of the last
// frame is still there, because SDL's software renderer draws into the
// window's surface (or a target texture), which it keeps between presents
// until the window is resized (the shell invalidates on every window event).
// GPU renderers redraw everything: for them it is cheap, and their back
// buffers are not kept between presents.

//-----------------------------------------------------------------------------
// [SECTION] Signatures and damaged rectangles
//-----------------------------------------------------------------------------
struct IRect {
    int x0 = 0, y0 = 0, x1 = 0, y1 = 0;  // [x0, x1) x [y0, y1), framebuffer pixels
    bool empty() const { return x1 <= x0 || y1 <= y0; }
    std::int64_t area() const { return empty() ? 0 : std::int64_t(x1 - x0) * (y1 - y0); }
    bool operator==(const IRect&) const = default;
};

struct DrawSignature {
    struct Tri {
        std::uint64_t hash = 0;  // its 3 vertices, its texture and clip rect
        IRect box;               // the pixels it may touch (+1 for AA fringes)
    };
    std::vector<Tri> tris;  // every triangle of every list, in drawing order
    int fbW = 0, fbH = 0;
    bool opaque = false;  // a user callback: nothing can be said, redraw all
};

// The signature of a frame's draw data (at a framebuffer scale of 1).
DrawSignature signatureOf(const ImDrawData& drawData);

constexpr int kTilePx = 16;

// Rectangles to redraw so that the screen shows `next`, given it shows `prev`:
// an empty list when nothing changed; nullopt when everything must be redrawn
// (a different size, a user callback, or damage over `maxFraction` of the
// screen, where one full redraw is cheaper). At most `maxRects` rectangles:
// each is one more pass over the draw data.
std::optional<std::vector<IRect>> damagedRects(const DrawSignature& prev, const DrawSignature& next,
                                               double maxFraction = 0.6, std::size_t maxRects = 4);

// Tiles (kTilePx squares, row-major, `cols` wide) to rectangles: runs along
// rows, stacked when the runs of consecutive rows match, then the two whose
// union wastes the least area merged until at most `maxRects` remain.
std::vector<IRect> tilesToRects(const std::vector<bool>& dirty, int cols, int fbW, int fbH, std::size_t maxRects);

//-----------------------------------------------------------------------------
// [SECTION] PartialRenderer
//-----------------------------------------------------------------------------
// Only for SDL's software renderer (SdlRenderer::software()): it relies on the
// current target keeping its pixels from one frame to the next.
class PartialRenderer {
public:
    explicit PartialRenderer(SDL_Renderer* renderer) : renderer_(renderer) {}

    // The next frame redraws everything (window exposed, resized, targets reset).
    void invalidate() { valid_ = false; }

    // Draws `drawData` on a background of (r, g, b) into the current target;
    // returns false when the picture did not change at all (nothing to
    // present). Redraws in full at scales other than 1.
    bool render(ImDrawData* drawData, std::uint8_t r, std::uint8_t g, std::uint8_t b);

    std::int64_t pixelsRedrawn() const { return pixelsRedrawn_; }

private:
    SDL_Renderer* renderer_;
    bool valid_ = false;
    DrawSignature last_;
    std::int64_t pixelsRedrawn_ = 0;
    std::vector<unsigned short> scratch_;  // filtered indices (ImDrawIdx)
};

}  // namespace unknot::platform
