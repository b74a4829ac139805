// What the page's callbacks (exported C functions, web_runner.cpp) and the
// web shell share: the one runner, and the journal copies in flight.
#pragma once

namespace unknot::platform {
class WebRunner;
}

namespace unknot::platform::web {

struct State {
    WebRunner* runner = nullptr;  // set by WebRunner::run(), for the page's calls
    int syncsPending = 0;         // FS.syncfs calls started and not yet done
    bool syncFailed = false;      // the last copy to IndexedDB failed (quota)
    bool holdFrame = false;       // this frame's pixels wait for a copy (frame.hpp)
};

State& state();

}  // namespace unknot::platform::web
