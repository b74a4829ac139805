// Damage tracking and partial redraws (see damage.hpp).
//
// [SECTION] Hashing and bounds of triangles
// [SECTION] Tiles to rectangles
// [SECTION] Damaged rectangles
// [SECTION] PartialRenderer
#include "unknot/platform/damage.hpp"

#include <SDL.h>
#include <imgui.h>
#include <imgui_impl_sdlrenderer.h>

#include <algorithm>
#include <cassert>
#include <cmath>
#include <cstring>

namespace unknot::platform {

static_assert(sizeof(ImDrawIdx) == sizeof(unsigned short),
              "PartialRenderer's scratch indices are declared as ImGui's default 16-bit ImDrawIdx");

//-----------------------------------------------------------------------------
// [SECTION] Hashing and bounds
//-----------------------------------------------------------------------------
namespace {

// A fast 64-bit mix (splitmix64's finalizer): this runs over every vertex of
// every frame, so it must cost far less than the pixels it saves.
inline std::uint64_t mix(std::uint64_t h, std::uint64_t v) {
    h ^= v + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2);
    h ^= h >> 31;
    h *= 0xbf58476d1ce4e5b9ULL;
    return h ^ (h >> 29);
}

inline std::uint64_t bits(float f) {
    std::uint32_t u;
    std::memcpy(&u, &f, sizeof u);
    return u;
}

inline std::uint64_t vertexHash(const ImDrawVert& v) {
    return mix(bits(v.pos.x) | bits(v.pos.y) << 32, (bits(v.uv.x) | bits(v.uv.y) << 32) ^ v.col);
}

bool overlaps(const IRect& a, const IRect& b) { return a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1; }

IRect unite(const IRect& a, const IRect& b) {
    return {std::min(a.x0, b.x0), std::min(a.y0, b.y0), std::max(a.x1, b.x1), std::max(a.y1, b.y1)};
}

// The pixels a triangle may touch: its vertices' bounds within `clip`,
// rounded outwards, plus one pixel for anti-aliased fringes.
IRect triangleBox(const ImVec2& a, const ImVec2& b, const ImVec2& c, const IRect& clip) {
    IRect r{static_cast<int>(std::floor(std::min({a.x, b.x, c.x}))) - 1,
            static_cast<int>(std::floor(std::min({a.y, b.y, c.y}))) - 1,
            static_cast<int>(std::ceil(std::max({a.x, b.x, c.x}))) + 1,
            static_cast<int>(std::ceil(std::max({a.y, b.y, c.y}))) + 1};
    r.x0 = std::max(r.x0, clip.x0);
    r.y0 = std::max(r.y0, clip.y0);
    r.x1 = std::min(r.x1, clip.x1);
    r.y1 = std::min(r.y1, clip.y1);
    return r;
}

// A command's clip rect in framebuffer pixels, as the backend truncates it.
IRect clipOf(const ImDrawCmd& cmd, const ImVec2& off, int w, int h) {
    IRect r{static_cast<int>(std::max(0.0f, cmd.ClipRect.x - off.x)),
            static_cast<int>(std::max(0.0f, cmd.ClipRect.y - off.y)),
            static_cast<int>(std::min(static_cast<float>(w), cmd.ClipRect.z - off.x)),
            static_cast<int>(std::min(static_cast<float>(h), cmd.ClipRect.w - off.y))};
    return r;
}

}  // namespace

DrawSignature signatureOf(const ImDrawData& dd) {
    DrawSignature sig;
    const ImVec2 off = dd.DisplayPos;
    sig.fbW = static_cast<int>(dd.DisplaySize.x);
    sig.fbH = static_cast<int>(dd.DisplaySize.y);
    sig.tris.reserve(static_cast<std::size_t>(dd.TotalIdxCount / 3));
    for (int n = 0; n < dd.CmdListsCount; ++n) {
        const ImDrawList* list = dd.CmdLists[n];
        for (const ImDrawCmd& cmd : list->CmdBuffer) {
            if (cmd.UserCallback) {
                sig.opaque = true;
                continue;
            }
            const IRect clip = clipOf(cmd, off, sig.fbW, sig.fbH);
            std::uint64_t ch = mix(reinterpret_cast<std::uintptr_t>(cmd.GetTexID()),
                                   static_cast<std::uint64_t>(clip.x0) | std::uint64_t(clip.y0) << 32);
            ch = mix(ch, static_cast<std::uint64_t>(clip.x1) | std::uint64_t(clip.y1) << 32);
            const ImDrawIdx* idx = list->IdxBuffer.Data + cmd.IdxOffset;
            const ImDrawVert* vtx = list->VtxBuffer.Data + cmd.VtxOffset;
            for (unsigned i = 0; i + 2 < cmd.ElemCount; i += 3) {
                const ImDrawVert& a = vtx[idx[i]];
                const ImDrawVert& b = vtx[idx[i + 1]];
                const ImDrawVert& c = vtx[idx[i + 2]];
                const std::uint64_t h = mix(mix(mix(ch, vertexHash(a)), vertexHash(b)), vertexHash(c));
                ImVec2 pa(a.pos.x - off.x, a.pos.y - off.y), pb(b.pos.x - off.x, b.pos.y - off.y),
                    pc(c.pos.x - off.x, c.pos.y - off.y);
                sig.tris.push_back({h, triangleBox(pa, pb, pc, clip)});
            }
        }
    }
    return sig;
}

//-----------------------------------------------------------------------------
// [SECTION] Tiles to rectangles
//-----------------------------------------------------------------------------
std::vector<IRect> tilesToRects(const std::vector<bool>& dirty, int cols, int fbW, int fbH, std::size_t maxRects) {
    assert(cols > 0 && dirty.size() % static_cast<std::size_t>(cols) == 0 && "a whole grid of tiles");
    assert(maxRects >= 1 && "at least one rectangle, or nothing could be redrawn");
    const int rows = static_cast<int>(dirty.size() / static_cast<std::size_t>(cols));
    std::vector<IRect> done, open;  // open: rectangles that may grow downwards
    for (int ty = 0; ty < rows; ++ty) {
        std::vector<IRect> runs;
        for (int tx = 0; tx < cols;) {
            if (!dirty[static_cast<std::size_t>(ty * cols + tx)]) {
                ++tx;
                continue;
            }
            int end = tx;
            while (end < cols && dirty[static_cast<std::size_t>(ty * cols + end)]) ++end;
            runs.push_back({tx * kTilePx, ty * kTilePx, end * kTilePx, (ty + 1) * kTilePx});
            tx = end;
        }
        std::vector<IRect> next;
        for (IRect& run : runs) {
            auto same = std::find_if(open.begin(), open.end(),
                                     [&](const IRect& o) { return o.x0 == run.x0 && o.x1 == run.x1; });
            if (same != open.end()) {
                run.y0 = same->y0;
                open.erase(same);
            }
            next.push_back(run);
        }
        done.insert(done.end(), open.begin(), open.end());
        open = std::move(next);
    }
    done.insert(done.end(), open.begin(), open.end());
    // Fewer passes: merge the pair whose union adds the least area.
    while (done.size() > maxRects) {
        std::size_t bi = 0, bj = 1;
        std::int64_t best = -1;
        for (std::size_t i = 0; i < done.size(); ++i)
            for (std::size_t j = i + 1; j < done.size(); ++j) {
                const std::int64_t waste = unite(done[i], done[j]).area() - done[i].area() - done[j].area();
                if (best < 0 || waste < best) {
                    best = waste;
                    bi = i;
                    bj = j;
                }
            }
        done[bi] = unite(done[bi], done[bj]);
        done.erase(done.begin() + static_cast<std::ptrdiff_t>(bj));
    }
    for (IRect& r : done) {
        r.x1 = std::min(r.x1, fbW);
        r.y1 = std::min(r.y1, fbH);
    }
    return done;
}

//-----------------------------------------------------------------------------
// [SECTION] Damaged rectangles
//-----------------------------------------------------------------------------
std::optional<std::vector<IRect>> damagedRects(const DrawSignature& prev, const DrawSignature& next, double maxFraction,
                                               std::size_t maxRects) {
    if (prev.opaque || next.opaque || prev.fbW != next.fbW || prev.fbH != next.fbH || next.fbW <= 0 || next.fbH <= 0)
        return std::nullopt;
    const auto& a = prev.tris;
    const auto& b = next.tris;
    // Skip what is identical at both ends; compare the middle in step, or
    // take it all when its length changed (something was added or removed).
    std::size_t p = 0;
    while (p < a.size() && p < b.size() && a[p].hash == b[p].hash) ++p;
    std::size_t s = 0;
    while (s < a.size() - p && s < b.size() - p && a[a.size() - 1 - s].hash == b[b.size() - 1 - s].hash) ++s;
    const std::size_t na = a.size() - p - s, nb = b.size() - p - s;

    const int cols = (next.fbW + kTilePx - 1) / kTilePx, rows = (next.fbH + kTilePx - 1) / kTilePx;
    std::vector<bool> dirty(static_cast<std::size_t>(cols * rows), false);
    bool any = false;
    const auto mark = [&](const IRect& r) {
        if (r.empty()) return;
        any = true;
        for (int ty = std::max(0, r.y0 / kTilePx); ty <= std::min(rows - 1, (r.y1 - 1) / kTilePx); ++ty)
            for (int tx = std::max(0, r.x0 / kTilePx); tx <= std::min(cols - 1, (r.x1 - 1) / kTilePx); ++tx)
                dirty[static_cast<std::size_t>(ty * cols + tx)] = true;
    };
    if (na == nb) {
        for (std::size_t i = p; i < p + na; ++i)
            if (a[i].hash != b[i].hash) {
                mark(a[i].box);
                mark(b[i].box);
            }
    } else {
        for (std::size_t i = p; i < p + na; ++i) mark(a[i].box);
        for (std::size_t i = p; i < p + nb; ++i) mark(b[i].box);
    }
    if (!any) return std::vector<IRect>{};
    std::vector<IRect> rects = tilesToRects(dirty, cols, next.fbW, next.fbH, maxRects);
    std::int64_t area = 0;
    for (const IRect& r : rects) area += r.area();
    if (static_cast<double>(area) > maxFraction * next.fbW * next.fbH) return std::nullopt;
    return rects;
}

//-----------------------------------------------------------------------------
// [SECTION] PartialRenderer
//-----------------------------------------------------------------------------
namespace {

// One pass: every command, restricted to the triangles that touch `area`,
// clipped to it: the very calls the ImGui backend makes
// (ImGui_ImplSDLRenderer_RenderDrawData), so the pixels are the same, minus
// the triangles that cannot touch the area (SDL would still convert them).
void drawPass(SDL_Renderer* renderer, ImDrawData* dd, const IRect& area, std::vector<ImDrawIdx>& scratch) {
    const ImVec2 off = dd->DisplayPos;
    const int w = static_cast<int>(dd->DisplaySize.x), h = static_cast<int>(dd->DisplaySize.y);
    for (int n = 0; n < dd->CmdListsCount; ++n) {
        const ImDrawList* list = dd->CmdLists[n];
        for (const ImDrawCmd& cmd : list->CmdBuffer) {
            IRect clip = clipOf(cmd, off, w, h);
            clip = {std::max(clip.x0, area.x0), std::max(clip.y0, area.y0), std::min(clip.x1, area.x1),
                    std::min(clip.y1, area.y1)};
            if (clip.empty()) continue;
            const ImDrawIdx* idx = list->IdxBuffer.Data + cmd.IdxOffset;
            const ImDrawVert* vtx = list->VtxBuffer.Data + cmd.VtxOffset;
            scratch.clear();
            for (unsigned i = 0; i + 2 < cmd.ElemCount; i += 3) {
                const ImDrawVert& a = vtx[idx[i]];
                const ImDrawVert& b = vtx[idx[i + 1]];
                const ImDrawVert& c = vtx[idx[i + 2]];
                const ImVec2 pa(a.pos.x - off.x, a.pos.y - off.y), pb(b.pos.x - off.x, b.pos.y - off.y),
                    pc(c.pos.x - off.x, c.pos.y - off.y);
                if (overlaps(triangleBox(pa, pb, pc, clip), clip))
                    scratch.insert(scratch.end(), {idx[i], idx[i + 1], idx[i + 2]});
            }
            if (scratch.empty()) continue;
            const SDL_Rect r{clip.x0, clip.y0, clip.x1 - clip.x0, clip.y1 - clip.y0};
            SDL_RenderSetClipRect(renderer, &r);
            const char* base = reinterpret_cast<const char*>(vtx);
            SDL_RenderGeometryRaw(
                renderer, static_cast<SDL_Texture*>(cmd.GetTexID()),
                reinterpret_cast<const float*>(base + IM_OFFSETOF(ImDrawVert, pos)), sizeof(ImDrawVert),
                reinterpret_cast<const SDL_Color*>(base + IM_OFFSETOF(ImDrawVert, col)), sizeof(ImDrawVert),
                reinterpret_cast<const float*>(base + IM_OFFSETOF(ImDrawVert, uv)), sizeof(ImDrawVert),
                list->VtxBuffer.Size - static_cast<int>(cmd.VtxOffset), scratch.data(),
                static_cast<int>(scratch.size()), sizeof(ImDrawIdx));
        }
    }
    SDL_RenderSetClipRect(renderer, nullptr);
}

}  // namespace

bool PartialRenderer::render(ImDrawData* dd, std::uint8_t r, std::uint8_t g, std::uint8_t b) {
    const int w = static_cast<int>(dd->DisplaySize.x), h = static_cast<int>(dd->DisplaySize.y);
    if (w <= 0 || h <= 0) return false;
    SDL_SetRenderDrawColor(renderer_, r, g, b, 255);
    // Clip rects travel through ImGui's float coordinates and back; only
    // unscaled do they land on exactly the same pixels. HiDPI: full redraws.
    const bool unscaled = dd->FramebufferScale.x == 1.0f && dd->FramebufferScale.y == 1.0f;
    if (!unscaled) {
        valid_ = false;
        SDL_RenderClear(renderer_);
        ImGui_ImplSDLRenderer_RenderDrawData(dd);
        pixelsRedrawn_ += static_cast<std::int64_t>(w) * h;
        return true;
    }
    DrawSignature sig = signatureOf(*dd);
    std::optional<std::vector<IRect>> rects;
    if (valid_) rects = damagedRects(last_, sig);
    if (!rects) {
        SDL_RenderClear(renderer_);
        ImGui_ImplSDLRenderer_RenderDrawData(dd);
        pixelsRedrawn_ += static_cast<std::int64_t>(w) * h;
    } else {
        for (const IRect& d : *rects) {
            // Cleared first: ImGui's shapes are translucent at their edges
            // and would otherwise blend over the last frame's pixels.
            const SDL_Rect sr{d.x0, d.y0, d.x1 - d.x0, d.y1 - d.y0};
            SDL_RenderFillRect(renderer_, &sr);
            drawPass(renderer_, dd, d, scratch_);
            pixelsRedrawn_ += d.area();
        }
    }
    const bool changed = !valid_ || !rects || !rects->empty();
    valid_ = true;
    last_ = std::move(sig);
    return changed;
}

}  // namespace unknot::platform
