// Screenshot mode (see screenshot.hpp).
//
// [SECTION] Writing a file atomically
// [SECTION] Drawing (the frames before the picture)
// [SECTION] runScreenshot
#include "screenshot.hpp"

#include "frame.hpp"
#include "plain_file.hpp"
#include "unknot/platform/damage.hpp"
#include "unknot/platform/signals.hpp"

#include <fcntl.h>
#include <stb/stb_image_write.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <iostream>
#include <optional>
#include <vector>

namespace unknot::platform {

//-----------------------------------------------------------------------------
// [SECTION] Writing a file atomically
//-----------------------------------------------------------------------------
bool writeFileAtomically(const std::string& path, const std::string& bytes, std::string& error) {
    const std::string what = notPlainFile(path, false);
    if (!what.empty()) {
        error = path + ": this is " + what + "; give the path of a new or plain file";
        return false;
    }
    const std::string tmp = path + ".tmp-" + std::to_string(::getpid());
    const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
    if (fd < 0) {
        error = path + ": cannot write the screenshot (" + std::strerror(errno) + ")";
        return false;
    }
    std::size_t done = 0;
    int failure = 0;
    while (done < bytes.size()) {
        const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
        if (n > 0)
            done += static_cast<std::size_t>(n);
        else if (!(n < 0 && errno == EINTR)) {
            failure = n < 0 ? errno : ENOSPC;
            break;
        }
    }
    if (!failure && ::fsync(fd) != 0) failure = errno;
    if (::close(fd) != 0 && !failure) failure = errno;
    if (!failure && ::rename(tmp.c_str(), path.c_str()) != 0) failure = errno;
    if (failure) {
        ::unlink(tmp.c_str());
        error = path + ": cannot write the screenshot (" + std::strerror(failure) + ")";
        return false;
    }
    return true;
}

namespace {

//-----------------------------------------------------------------------------
// [SECTION] Drawing
//-----------------------------------------------------------------------------
// Several frames: ImGui lays out auto-sized windows in their first frame
// without drawing them, and text sizes settle a frame later. With a partial
// renderer, the first half shows the screen 1 s earlier, so the picture is
// what a session's redraws of only the damaged rectangles leave on screen.
// False when a quit signal came.
bool drawSettled(const AppOptions& o, std::int64_t atMs, ui::App& app, SdlRenderer& renderer,
                 PartialRenderer* partial) {
    constexpr int kSettle = 6;
    const bool onCanvas = o.canvasW > 0;
    for (int i = 0; i < kSettle; ++i) {
        if (quitSignal()) return false;
        FrameInput in;
        in.nowMs = partial && i < kSettle / 2 ? std::max<std::int64_t>(0, atMs - 1000) : atMs;
        in.logical = {o.width, o.height};
        in.liveInput = false;
        // Magenta outside the app's area, so a test can tell "nothing drawn
        // here" from "drawn in the background colour".
        in.clearToBackground = !onCanvas;
        if (onCanvas) renderer.clear(255, 0, 255);
        drawFrame(app, renderer, partial, in);
    }
    return !quitSignal();
}

// The current target as a PNG in memory; false + error on failure.
bool encodePng(SdlRenderer& renderer, Size canvas, std::string& png, std::string& error) {
    std::vector<std::uint8_t> rgba;
    if (!renderer.readPixels(canvas, rgba, error)) return false;
    const auto append = [](void* to, void* data, int size) {
        static_cast<std::string*>(to)->append(static_cast<const char*>(data), static_cast<std::size_t>(size));
    };
    if (!stbi_write_png_to_func(append, &png, canvas.w, canvas.h, 4, rgba.data(), canvas.w * 4)) {
        error = "cannot encode the screenshot as PNG";
        return false;
    }
    return true;
}

}  // namespace

//-----------------------------------------------------------------------------
// [SECTION] runScreenshot
//-----------------------------------------------------------------------------
int runScreenshot(const AppOptions& o, std::int64_t atMs, ui::App& app, SdlRenderer& renderer) {
    const Size canvas = o.canvasW > 0 ? Size{o.canvasW, o.canvasH} : Size{o.width, o.height};
    std::string error;
    // Offscreen, exactly `canvas` pixels, at scale 1: the PNG does not depend
    // on a window manager, on HiDPI or on the window being mapped.
    if (!renderer.useOffscreenTarget(canvas, error)) {
        std::cerr << "unknot: " << error << "\n";
        return 1;
    }
    std::optional<PartialRenderer> partial;
    if (o.viaPartial) {
        if (o.canvasW > 0) {
            std::cerr << "unknot: --via-partial and --canvas do not mix\n";
            return 2;
        }
        partial.emplace(renderer.sdl());
    }
    if (!drawSettled(o, atMs, app, renderer, partial ? &*partial : nullptr)) return quitStatus(1);
    std::string png;
    if (!encodePng(renderer, canvas, png, error)) {
        std::cerr << "unknot: " << error << "\n";
        return 1;
    }
    if (quitSignal()) return quitStatus(1);
    if (!writeFileAtomically(o.screenshot, png, error)) {
        std::cerr << "unknot: " << error << "\n";
        return 1;
    }
    return 0;
}

}  // namespace unknot::platform
