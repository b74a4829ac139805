// The app's icon, drawn in code: a soft teal disc with a paler ring.
//
// Pure pixels over an RGBA buffer (no SDL, no ImGui), so that the window icon
// (window.cpp), the desktop icons installed in the hicolor theme and the web
// app's icons (192, 512, maskable) all come from this one function; the host
// tool platform/tools/icon_main.cpp (`unknot-icon`) writes it as PNG at build
// time, and the repository ships no image.
#pragma once

#include <cstdint>
#include <vector>

namespace unknot::platform {

enum class IconShape {
    // The disc alone on a transparent background: window and desktop icons.
    Plain,
    // A full-bleed opaque background with the disc inside the central 80%
    // (a circle of radius 0.4 x size), which every launcher's mask keeps:
    // the web app's "maskable" icon.
    Maskable,
};

// Straight (not premultiplied) RGBA, 8 bits a channel, rows top to bottom.
struct IconImage {
    int size = 0;
    std::vector<std::uint8_t> rgba;  // size * size * 4 bytes
};

// The sizes drawIcon accepts; anything else is clamped into them.
inline constexpr int kIconMinSize = 1;
inline constexpr int kIconMaxSize = 4096;

// Radius, as a fraction of the size, that a maskable icon's logo stays in.
inline constexpr double kMaskableSafeRadius = 0.4;

// The window icon's size: what window managers scale from.
inline constexpr int kWindowIconSize = 64;

IconImage drawIcon(int size, IconShape shape);

// The picture SdlWindow sets as its icon (kWindowIconSize, Plain).
IconImage windowIcon();

}  // namespace unknot::platform
