// Screenshot mode (--screenshot): the app drawn offscreen on a virtual clock,
// written as a PNG, then exit.
#pragma once

#include "unknot/platform/shell.hpp"
#include "unknot/platform/window.hpp"
#include "unknot/ui/app.hpp"

#include <cstdint>
#include <string>

namespace unknot::platform {

// Writes `bytes` to `path` whole or not at all: into a new file beside it
// (O_EXCL, never through a link), then renamed over it. So a full disk, a
// signal or a crash never leaves half a PNG, and a FIFO, a device, a folder
// or a symbolic link at `path` is refused rather than written into.
bool writeFileAtomically(const std::string& path, const std::string& bytes, std::string& error);

// Draws the app (already on its screen) at `atMs` on the virtual clock and
// writes o.screenshot; returns the exit status (0, 1 on failure, 2 for
// options that do not mix, 128 + N after signal N).
int runScreenshot(const AppOptions& o, std::int64_t atMs, ui::App& app, SdlRenderer& renderer);

}  // namespace unknot::platform
