// The app's icon in pixels (see icon.hpp).
//
// [SECTION] Colours and proportions
// [SECTION] Coverage (anti-aliased edges at any size)
// [SECTION] drawIcon
#include "icon.hpp"

#include <algorithm>
#include <cmath>
#include <cstddef>

namespace unknot::platform {

//-----------------------------------------------------------------------------
// [SECTION] Colours and proportions
//-----------------------------------------------------------------------------
namespace {

struct Rgb {
    float r, g, b;
};

// The light theme's teal accent, its pale tint and its warm off-white page
// (engine/ui/src/style.cpp), so the icon looks like the app it opens.
constexpr Rgb kDisc{61, 122, 124};
constexpr Rgb kRing{214, 230, 228};
constexpr Rgb kPage{248, 244, 237};

// Radii as fractions of the size. A plain icon's disc leaves a small margin
// as hicolor icons do; a maskable one's ends one pixel-ish short of the safe
// circle (kMaskableSafeRadius) so its soft edge never crosses it.
constexpr double kPlainDisc = 0.47;
constexpr double kMaskableDisc = 0.36;
// The ring, as fractions of the disc's radius: wide enough to stay a visible
// pale band at 16 px (about 1.3 px there).
constexpr double kRingInner = 0.52;
constexpr double kRingOuter = 0.70;

//-----------------------------------------------------------------------------
// [SECTION] Coverage
//-----------------------------------------------------------------------------
// How much of a one-pixel square at distance d from the centre lies inside a
// circle of radius r: a linear ramp over one pixel, which is what makes the
// edges soft rather than stair-stepped at 16 px and still crisp at 512 px.
float inside(double d, double r) { return static_cast<float>(std::clamp(r - d + 0.5, 0.0, 1.0)); }

float mix(float a, float b, float t) { return a + (b - a) * t; }

std::uint8_t byte(float v) { return static_cast<std::uint8_t>(std::lround(std::clamp(v, 0.0f, 255.0f))); }

}  // namespace

//-----------------------------------------------------------------------------
// [SECTION] drawIcon
//-----------------------------------------------------------------------------
IconImage drawIcon(int size, IconShape shape) {
    IconImage img;
    img.size = std::clamp(size, kIconMinSize, kIconMaxSize);
    const auto n = static_cast<std::size_t>(img.size);
    img.rgba.assign(n * n * 4, 0);
    const bool maskable = shape == IconShape::Maskable;
    const double half = img.size / 2.0;
    const double disc = (maskable ? kMaskableDisc : kPlainDisc) * img.size;
    for (std::size_t y = 0; y < n; ++y)
        for (std::size_t x = 0; x < n; ++x) {
            const double dx = static_cast<double>(x) + 0.5 - half, dy = static_cast<double>(y) + 0.5 - half;
            const double d = std::sqrt(dx * dx + dy * dy);
            const float discCover = inside(d, disc);
            const float ring = inside(d, disc * kRingOuter) - inside(d, disc * kRingInner);
            // The logo's own colour: the ring painted over the disc.
            const Rgb logo{mix(kDisc.r, kRing.r, ring), mix(kDisc.g, kRing.g, ring), mix(kDisc.b, kRing.b, ring)};
            std::uint8_t* p = &img.rgba[(y * n + x) * 4];
            if (maskable) {
                // Opaque everywhere: the disc's soft edge blends into the page.
                p[0] = byte(mix(kPage.r, logo.r, discCover));
                p[1] = byte(mix(kPage.g, logo.g, discCover));
                p[2] = byte(mix(kPage.b, logo.b, discCover));
                p[3] = 255;
            } else {
                p[0] = byte(logo.r);
                p[1] = byte(logo.g);
                p[2] = byte(logo.b);
                p[3] = byte(255.0f * discCover);
            }
        }
    return img;
}

IconImage windowIcon() { return drawIcon(kWindowIconSize, IconShape::Plain); }

}  // namespace unknot::platform
