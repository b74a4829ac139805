// unknot-icon: writes the app's icon (platform/src/icon.hpp) as a PNG.
//
//   unknot-icon --size N [--maskable] --out FILE.png
//
// A host tool run at build time: the desktop build installs its PNGs in the
// hicolor theme, the web build puts 192, 512 and maskable ones in the site.
// It needs only the C++ standard library and stb_image_write (libstb-dev),
// so a web build compiles it with the host compiler in seconds.
//
// [SECTION] Arguments
// [SECTION] Writing the PNG
// [SECTION] main
#include "icon.hpp"
#include "unknot/result.hpp"

#define STB_IMAGE_WRITE_IMPLEMENTATION
#include <stb/stb_image_write.h>

#include <charconv>
#include <cstdio>
#include <exception>
#include <iostream>
#include <string>
#include <string_view>

namespace {

using unknot::fail;
using unknot::Result;
using unknot::platform::IconShape;

constexpr const char* kUsage = "usage: unknot-icon --size N [--maskable] --out FILE.png";

//-----------------------------------------------------------------------------
// [SECTION] Arguments
//-----------------------------------------------------------------------------
struct Args {
    int size = 0;
    IconShape shape = IconShape::Plain;
    std::string out;
};

Result<int> parseSize(std::string_view text) {
    int n = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
    if (ec != std::errc() || end != text.data() + text.size() || n < 16 || n > unknot::platform::kIconMaxSize)
        return fail("--size takes a whole number of pixels from 16 to " +
                    std::to_string(unknot::platform::kIconMaxSize) + ", not '" + std::string(text) + "'");
    return n;
}

Result<Args> parseArgs(int argc, char** argv) {
    Args args;
    for (int i = 1; i < argc; ++i) {
        const std::string_view a = argv[i];
        const bool hasValue = i + 1 < argc;
        if (a == "--maskable") {
            args.shape = IconShape::Maskable;
        } else if (a == "--size" && hasValue) {
            Result<int> n = parseSize(argv[++i]);
            if (!n) return n.error();
            args.size = *n;
        } else if (a == "--out" && hasValue) {
            args.out = argv[++i];
        } else {
            return fail("unknown or incomplete argument '" + std::string(a) + "'");
        }
    }
    if (args.size == 0 || args.out.empty()) return fail("--size and --out are both needed");
    return args;
}

//-----------------------------------------------------------------------------
// [SECTION] Writing the PNG
//-----------------------------------------------------------------------------
Result<void> writePng(const Args& args) {
    const unknot::platform::IconImage icon = unknot::platform::drawIcon(args.size, args.shape);
    // stb writes straight to the path; a partial file from a failed write is
    // removed so a build never installs half an image.
    if (!stbi_write_png(args.out.c_str(), icon.size, icon.size, 4, icon.rgba.data(), icon.size * 4)) {
        std::remove(args.out.c_str());
        return fail("cannot write " + args.out);
    }
    return {};
}

int run(int argc, char** argv) {
    const Result<Args> args = parseArgs(argc, argv);
    if (!args) {
        std::cerr << "unknot-icon: " << args.error().message << "\n" << kUsage << "\n";
        return 2;
    }
    if (const Result<void> written = writePng(*args); !written) {
        std::cerr << "unknot-icon: " << written.error().message << "\n";
        return 1;
    }
    return 0;
}

}  // namespace

//-----------------------------------------------------------------------------
// [SECTION] main
//-----------------------------------------------------------------------------
int main(int argc, char** argv) {
    // A 4096-pixel icon is 64 MiB of pixels: running out of memory is told,
    // never an abort.
    try {
        return run(argc, argv);
    } catch (const std::exception& e) {
        std::fputs("unknot-icon: ", stderr);
        std::fputs(e.what(), stderr);
        std::fputs("\n", stderr);
        return 1;
    }
}
