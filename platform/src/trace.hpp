// Trace (--trace): one line per change, "<screen>\t<id> <x> <y> <w> <h>\t..."
// in logical pixels, rounded, so the end-to-end test knows where to click.
// Flushed at once, since the test reads it while the app runs.
#pragma once

#include "unknot/ui/app.hpp"

#include <string>

namespace unknot::platform {

class Trace {
public:
    Trace() = default;
    Trace(const Trace&) = delete;
    Trace& operator=(const Trace&) = delete;
    ~Trace();
    // Opened without blocking (O_NONBLOCK: a FIFO with no reader would block
    // open() for ever) and refused unless it is a plain file.
    bool open(const std::string& path, std::string& error);
    // Appends a line if the screen or its hotspots changed (no-op unopened).
    void afterFrame(const ui::App& app);

private:
    int fd_ = -1;
    std::string last_;
};

}  // namespace unknot::platform
