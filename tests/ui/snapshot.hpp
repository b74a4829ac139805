// A tiny software rasterizer for ImDrawData, so the headless tests can write
// what a screen looks like to a PNG (no GPU, no SDL). For eyes, not asserts:
// the hidden test [.snapshots] in test_snapshots.cpp writes them on demand.
//
// [SECTION] Rasterizer (triangles with colour and the font atlas texture)
// [SECTION] PNG
#pragma once

#include <imgui.h>
#include <stb/stb_image_write.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

namespace unknot::ui::test {

//-----------------------------------------------------------------------------
// [SECTION] Rasterizer
//-----------------------------------------------------------------------------
struct Image {
    int w = 0, h = 0;
    std::vector<float> rgb;  // linear-ish floats, 0..1, blended in sRGB space like GPUs do by default
};

inline Image rasterize(const ImDrawData* dd, ImU32 clear) {
    Image img;
    img.w = static_cast<int>(dd->DisplaySize.x);
    img.h = static_cast<int>(dd->DisplaySize.y);
    img.rgb.resize(static_cast<std::size_t>(img.w * img.h * 3));
    const ImVec4 c = ImGui::ColorConvertU32ToFloat4(clear);
    for (std::size_t i = 0; i < img.rgb.size(); i += 3) {
        img.rgb[i + 0] = c.x;
        img.rgb[i + 1] = c.y;
        img.rgb[i + 2] = c.z;
    }
    unsigned char* tex = nullptr;
    int tw = 0, th = 0;
    ImGui::GetIO().Fonts->GetTexDataAsRGBA32(&tex, &tw, &th);
    auto sample = [&](float u, float v) {
        const int x = std::clamp(static_cast<int>(u * static_cast<float>(tw)), 0, tw - 1);
        const int y = std::clamp(static_cast<int>(v * static_cast<float>(th)), 0, th - 1);
        return tex[(y * tw + x) * 4 + 3] / 255.0f;  // the atlas is white with alpha
    };
    for (int n = 0; n < dd->CmdListsCount; ++n) {
        const ImDrawList* dl = dd->CmdLists[n];
        for (const ImDrawCmd& cmd : dl->CmdBuffer) {
            if (cmd.UserCallback) continue;
            const int cx0 = std::max(0, static_cast<int>(cmd.ClipRect.x));
            const int cy0 = std::max(0, static_cast<int>(cmd.ClipRect.y));
            const int cx1 = std::min(img.w, static_cast<int>(std::ceil(cmd.ClipRect.z)));
            const int cy1 = std::min(img.h, static_cast<int>(std::ceil(cmd.ClipRect.w)));
            for (unsigned int e = 0; e + 2 < cmd.ElemCount; e += 3) {
                const ImDrawVert& a =
                    dl->VtxBuffer[static_cast<int>(cmd.VtxOffset + dl->IdxBuffer[static_cast<int>(cmd.IdxOffset + e)])];
                const ImDrawVert& b = dl->VtxBuffer[static_cast<int>(
                    cmd.VtxOffset + dl->IdxBuffer[static_cast<int>(cmd.IdxOffset + e + 1)])];
                const ImDrawVert& d = dl->VtxBuffer[static_cast<int>(
                    cmd.VtxOffset + dl->IdxBuffer[static_cast<int>(cmd.IdxOffset + e + 2)])];
                const float area =
                    (b.pos.x - a.pos.x) * (d.pos.y - a.pos.y) - (b.pos.y - a.pos.y) * (d.pos.x - a.pos.x);
                if (std::fabs(area) < 1e-6f) continue;
                const int x0 = std::max(cx0, static_cast<int>(std::floor(std::min({a.pos.x, b.pos.x, d.pos.x}))));
                const int x1 = std::min(cx1, static_cast<int>(std::ceil(std::max({a.pos.x, b.pos.x, d.pos.x}))));
                const int y0 = std::max(cy0, static_cast<int>(std::floor(std::min({a.pos.y, b.pos.y, d.pos.y}))));
                const int y1 = std::min(cy1, static_cast<int>(std::ceil(std::max({a.pos.y, b.pos.y, d.pos.y}))));
                const ImVec4 ca = ImGui::ColorConvertU32ToFloat4(a.col), cb = ImGui::ColorConvertU32ToFloat4(b.col),
                             cd = ImGui::ColorConvertU32ToFloat4(d.col);
                for (int y = y0; y < y1; ++y)
                    for (int x = x0; x < x1; ++x) {
                        const float px = static_cast<float>(x) + 0.5f, py = static_cast<float>(y) + 0.5f;
                        float w0 = ((b.pos.x - px) * (d.pos.y - py) - (b.pos.y - py) * (d.pos.x - px)) / area;
                        float w1 = ((d.pos.x - px) * (a.pos.y - py) - (d.pos.y - py) * (a.pos.x - px)) / area;
                        float w2 = 1 - w0 - w1;
                        if (w0 < 0 || w1 < 0 || w2 < 0) continue;
                        const float u = w0 * a.uv.x + w1 * b.uv.x + w2 * d.uv.x;
                        const float v = w0 * a.uv.y + w1 * b.uv.y + w2 * d.uv.y;
                        const float al = (w0 * ca.w + w1 * cb.w + w2 * cd.w) * sample(u, v);
                        float* p = &img.rgb[static_cast<std::size_t>((y * img.w + x) * 3)];
                        p[0] = p[0] * (1 - al) + (w0 * ca.x + w1 * cb.x + w2 * cd.x) * al;
                        p[1] = p[1] * (1 - al) + (w0 * ca.y + w1 * cb.y + w2 * cd.y) * al;
                        p[2] = p[2] * (1 - al) + (w0 * ca.z + w1 * cb.z + w2 * cd.z) * al;
                    }
            }
        }
    }
    return img;
}

//-----------------------------------------------------------------------------
// [SECTION] PNG
//-----------------------------------------------------------------------------
inline bool writePng(const Image& img, const std::string& path) {
    std::vector<unsigned char> bytes(img.rgb.size());
    for (std::size_t i = 0; i < img.rgb.size(); ++i)
        bytes[i] = static_cast<unsigned char>(std::clamp(img.rgb[i], 0.0f, 1.0f) * 255.0f + 0.5f);
    return stbi_write_png(path.c_str(), img.w, img.h, 3, bytes.data(), img.w * 3) != 0;
}

}  // namespace unknot::ui::test
