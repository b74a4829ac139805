// Draws the web app's icons at build time, with the drawing of the desktop
// window's icon (platform/src/window.cpp, setIcon): a teal disc with a pale
// ring, anti-aliased at the rim, scaled to any size. Host-built by
// make-site.sh (g++ and libstb-dev's stb_image_write); no image is committed.
//
// Usage: icons OUT_DIR  -> icon-192.png, icon-512.png, icon-maskable-512.png,
//                          apple-touch-icon.png (180)
//
// Maskable icons are cropped by the launcher to a circle or squircle that
// keeps only the middle 80%: the square is filled with the disc's colour and
// the ring is drawn inside that safe zone. The iOS icon is opaque too (iOS
// puts a black backdrop under transparent pixels).
#define STB_IMAGE_WRITE_IMPLEMENTATION
#include <stb/stb_image_write.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>

namespace {

// setIcon's pixel, for a pixel at distance r (0 at the centre, 1 at the rim)
// of a disc `px` pixels wide. `opaque`: the page behind is the disc's colour.
void pixel(float r, float px, bool opaque, std::uint8_t* p) {
    const bool ring = r > 0.55f && r < 0.72f;
    // window.cpp softens the rim over 1/24 of the radius at 64 px; here over
    // the same number of pixels (about 1.3), whatever the size.
    const float soft = px / 2.0f / 1.33f;
    const float a = opaque ? 1.0f : std::clamp((1.0f - r) * soft, 0.0f, 1.0f);
    const bool inDisc = opaque || r < 1.0f;
    p[0] = ring && inDisc ? 220 : 70;
    p[1] = ring && inDisc ? 240 : 150;
    p[2] = ring && inDisc ? 235 : 145;
    p[3] = static_cast<std::uint8_t>(255 * a);
}

// `scale`: the disc's width as a part of the square (0.8 for maskable).
bool draw(const std::string& path, int n, float scale, bool opaque) {
    std::vector<std::uint8_t> px(static_cast<std::size_t>(n) * static_cast<std::size_t>(n) * 4);
    const float half = static_cast<float>(n) / 2.0f, radius = half * scale;
    for (int y = 0; y < n; ++y)
        for (int x = 0; x < n; ++x) {
            const float dx = static_cast<float>(x) + 0.5f - half, dy = static_cast<float>(y) + 0.5f - half;
            const float r = std::sqrt(dx * dx + dy * dy) / radius;
            pixel(r, 2.0f * radius, opaque,
                  &px[(static_cast<std::size_t>(y) * static_cast<std::size_t>(n) + static_cast<std::size_t>(x)) * 4]);
        }
    if (!stbi_write_png(path.c_str(), n, n, 4, px.data(), n * 4)) {
        std::fprintf(stderr, "icons: cannot write %s\n", path.c_str());
        return false;
    }
    return true;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 2) {
        std::fprintf(stderr, "usage: icons OUT_DIR\n");
        return 2;
    }
    const std::string dir = argv[1];
    const bool ok = draw(dir + "/icon-192.png", 192, 1.0f, false) && draw(dir + "/icon-512.png", 512, 1.0f, false) &&
                    draw(dir + "/icon-maskable-512.png", 512, 0.8f, true) &&
                    draw(dir + "/apple-touch-icon.png", 180, 0.9f, true);
    return ok ? 0 : 1;
}
