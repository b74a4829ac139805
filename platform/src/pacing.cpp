// Pacing: the frame grid and the idle policy (see pacing.hpp).
//
// [SECTION] Frame schedule
// [SECTION] Idle policy
#include "unknot/platform/pacing.hpp"

#include <cassert>

namespace unknot::platform {

//-----------------------------------------------------------------------------
// [SECTION] Frame schedule
//-----------------------------------------------------------------------------
int pacedFps(int displayHz) {
    // SDL reports 0 when it does not know; some drivers report 1 or 1000.
    if (displayHz < 20 || displayHz > kMaxFps) return kMaxFps;
    return displayHz;
}

std::int64_t frameDeadlineNs(std::int64_t startNs, int fps, std::int64_t index) {
    assert(fps > 0 && "pacedFps() never returns 0; a zero rate would divide by zero");
    assert(index >= 0 && "frame indices start at 0");
    // index * 1e9 stays far below 2^63 for any run shorter than ~290 years at
    // 1 fps, and the division rounds once per deadline, never accumulating.
    return startNs + index * 1'000'000'000LL / fps;
}

std::int64_t nextFrameIndex(std::int64_t startNs, int fps, std::int64_t lastIndex, std::int64_t nowNs) {
    const std::int64_t next = lastIndex + 1;
    if (frameDeadlineNs(startNs, fps, next) >= nowNs) return next;
    // Late: the first grid point at or after now. (now - start) * fps / 1e9 is
    // the index of the last deadline at or before now; +1 unless exactly on it.
    std::int64_t i = (nowNs - startNs) * fps / 1'000'000'000LL;
    if (frameDeadlineNs(startNs, fps, i) < nowNs) ++i;
    return i > next ? i : next;
}

std::int64_t sleepBeforeNs(std::int64_t startNs, int fps, std::int64_t index, std::int64_t nowNs) {
    const std::int64_t d = frameDeadlineNs(startNs, fps, index) - nowNs;
    return d > 0 ? d : 0;
}

//-----------------------------------------------------------------------------
// [SECTION] Idle policy
//-----------------------------------------------------------------------------
LoopStep nextLoopStep(int framesSinceInput, bool animating, bool visible) {
    // A window nobody can see is never drawn, even mid-session: the player
    // keeps time from the clock, so nothing is lost by not drawing.
    if (!visible) return LoopStep::Block;
    if (animating || framesSinceInput < kSettleFrames) return LoopStep::DrawPaced;
    return LoopStep::Block;
}

}  // namespace unknot::platform
