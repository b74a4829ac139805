// The icon tool (platform/tools/icon_main.cpp) and the drawing it shares with
// the window (platform/src/icon.cpp), checked from the PNG files it writes.
//
// [SECTION] Helpers: run the tool, decode its PNG
// [SECTION] Sizes
// [SECTION] Plain icon: a disc on a transparent background
// [SECTION] Maskable icon: opaque, the logo inside the safe zone
// [SECTION] One drawing for the tool and the window
// [SECTION] Arguments
#include "icon.hpp"

#include <stb/stb_image.h>
#include <sys/wait.h>
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <initializer_list>
#include <string>
#include <utility>
#include <vector>

namespace fs = std::filesystem;
using unknot::platform::drawIcon;
using unknot::platform::IconImage;
using unknot::platform::IconShape;

namespace {

//-----------------------------------------------------------------------------
// [SECTION] Helpers
//-----------------------------------------------------------------------------
fs::path scratch() {
    const fs::path dir = fs::path(UNKNOT_BINARY_DIR) / "tests" / "install" / "icon-scratch";
    fs::create_directories(dir);
    return dir;
}

// Runs unknot-icon with ARGS; its exit status.
int runTool(const std::string& args) {
    const std::string cmd = std::string("'") + UNKNOT_ICON_TOOL + "' " + args + " 2>/dev/null";
    const int status = std::system(cmd.c_str());
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

// The tool's PNG for SIZE (and MASKABLE), decoded back to RGBA.
struct Decoded {
    int w = 0, h = 0, channels = 0;
    std::vector<unsigned char> rgba;
    const unsigned char* at(int x, int y) const {
        return &rgba[(static_cast<std::size_t>(y) * static_cast<std::size_t>(w) + static_cast<std::size_t>(x)) * 4];
    }
};

Decoded toolPng(int size, bool maskable) {
    const fs::path out = scratch() / ("icon-" + std::to_string(size) + (maskable ? "-maskable" : "") + ".png");
    fs::remove(out);
    REQUIRE(runTool("--size " + std::to_string(size) + (maskable ? " --maskable" : "") + " --out '" + out.string() +
                    "'") == 0);
    std::ifstream in(out, std::ios::binary);
    const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    REQUIRE(bytes.size() > 8);
    CHECK(bytes.compare(0, 8, "\x89PNG\r\n\x1a\n") == 0);
    Decoded d;
    unsigned char* px = stbi_load_from_memory(reinterpret_cast<const unsigned char*>(bytes.data()),
                                              static_cast<int>(bytes.size()), &d.w, &d.h, &d.channels, 4);
    REQUIRE(px != nullptr);
    d.rgba.assign(px, px + static_cast<std::size_t>(d.w) * static_cast<std::size_t>(d.h) * 4);
    stbi_image_free(px);
    return d;
}

double distanceFromCentre(int x, int y, int size) {
    const double dx = x + 0.5 - size / 2.0, dy = y + 0.5 - size / 2.0;
    return std::sqrt(dx * dx + dy * dy);
}

}  // namespace

//-----------------------------------------------------------------------------
// [SECTION] Sizes
//-----------------------------------------------------------------------------
TEST_CASE("icon: the tool writes an RGBA PNG of exactly the size asked", "[icon]") {
    for (int size : {16, 48, 192, 512}) {
        for (bool maskable : {false, true}) {
            INFO("size " << size << (maskable ? " maskable" : ""));
            const Decoded d = toolPng(size, maskable);
            CHECK(d.w == size);
            CHECK(d.h == size);
            CHECK(d.channels == 4);
        }
    }
}

//-----------------------------------------------------------------------------
// [SECTION] Plain icon
//-----------------------------------------------------------------------------
TEST_CASE("icon: the plain icon is an opaque disc with a paler ring on a transparent background", "[icon]") {
    for (int size : {16, 512}) {
        INFO("size " << size);
        const Decoded d = toolPng(size, false);
        const std::initializer_list<std::pair<int, int>> corners{
            {0, 0}, {size - 1, 0}, {0, size - 1}, {size - 1, size - 1}};
        for (const auto& [x, y] : corners) CHECK(d.at(x, y)[3] == 0);
        const unsigned char* centre = d.at(size / 2, size / 2);
        CHECK(centre[3] == 255);
        // Somewhere on the horizontal through the centre the ring is brighter
        // than the disc at the centre: the ring is there even at 16 px.
        int brightest = 0;
        for (int x = size / 2; x < size; ++x)
            if (d.at(x, size / 2)[3] == 255) brightest = std::max(brightest, static_cast<int>(d.at(x, size / 2)[1]));
        CHECK(brightest > centre[1] + 60);
    }
}

//-----------------------------------------------------------------------------
// [SECTION] Maskable icon
//-----------------------------------------------------------------------------
TEST_CASE("icon: the maskable icon has no transparent pixel and its logo stays inside the safe zone", "[icon]") {
    for (int size : {192, 512}) {
        INFO("size " << size);
        const Decoded d = toolPng(size, true);
        const unsigned char* page = d.at(0, 0);
        const double safe = unknot::platform::kMaskableSafeRadius * size;
        int transparent = 0, outside = 0, logo = 0;
        for (int y = 0; y < size; ++y)
            for (int x = 0; x < size; ++x) {
                const unsigned char* p = d.at(x, y);
                if (p[3] != 255) ++transparent;
                const bool background = p[0] == page[0] && p[1] == page[1] && p[2] == page[2];
                if (background) continue;
                ++logo;
                if (distanceFromCentre(x, y, size) > safe) ++outside;
            }
        CHECK(transparent == 0);
        CHECK(outside == 0);
        // The logo is there and not a speck: over half of the safe circle.
        CHECK(logo > static_cast<int>(0.5 * 3.14159 * safe * safe));
    }
}

//-----------------------------------------------------------------------------
// [SECTION] One drawing
//-----------------------------------------------------------------------------
TEST_CASE("icon: the tool's PNG, drawIcon and the window icon are the same pixels", "[icon]") {
    const IconImage window = unknot::platform::windowIcon();
    REQUIRE(window.size == unknot::platform::kWindowIconSize);
    const IconImage drawn = drawIcon(window.size, IconShape::Plain);
    CHECK(window.rgba == drawn.rgba);
    const Decoded d = toolPng(window.size, false);
    REQUIRE(d.w == window.size);
    CHECK(d.rgba == window.rgba);
    const Decoded m = toolPng(192, true);
    CHECK(m.rgba == drawIcon(192, IconShape::Maskable).rgba);
}

//-----------------------------------------------------------------------------
// [SECTION] Arguments
//-----------------------------------------------------------------------------
TEST_CASE("icon: the tool refuses bad arguments with status 2 and writes nothing", "[icon]") {
    const fs::path out = scratch() / "refused.png";
    fs::remove(out);
    for (const std::string args :
         {"--size 8 --out", "--size 5000 --out", "--size 12x --out", "--size 64 --oops --out", "--maskable --out"}) {
        INFO(args);
        CHECK(runTool(args + " '" + out.string() + "'") == 2);
        CHECK_FALSE(fs::exists(out));
    }
    CHECK(runTool("--size 64") == 2);
}
