// Pacing: when the shell draws a frame and when it sleeps. Pure arithmetic, no
// SDL and no clock reads, so tests check it without sleeping.
//
// [SECTION] Frame schedule (an absolute grid: deadline n = start + n / fps)
// [SECTION] Idle policy (when nothing moves, nothing is drawn)
#pragma once

#include <cstdint>

namespace unknot::platform {

//-----------------------------------------------------------------------------
// [SECTION] Frame schedule
//-----------------------------------------------------------------------------
// Deadlines are computed from the start time and the frame index, never by
// adding frame durations: 1e9/60 is not a whole number of nanoseconds, and a
// sum of rounded periods drifts (and a sum of measured deltas drifts worse).
constexpr int kMaxFps = 60;

// The frame rate to pace at when vsync cannot be trusted: the display's rate,
// capped at kMaxFps; 0 or nonsense (SDL reports 0 for "unknown") means kMaxFps.
int pacedFps(int displayHz);

// Deadline of frame `index` (0-based) on a grid starting at `startNs`.
std::int64_t frameDeadlineNs(std::int64_t startNs, int fps, std::int64_t index);

// The index of the next frame to draw, once frame `lastIndex` was drawn and
// the time is `nowNs`: lastIndex + 1 normally; after a stall, the first index
// whose deadline is still ahead, so a late loop drops frames instead of
// drawing a burst to catch up.
std::int64_t nextFrameIndex(std::int64_t startNs, int fps, std::int64_t lastIndex, std::int64_t nowNs);

// How long to sleep before drawing frame `index` (0 when already due).
std::int64_t sleepBeforeNs(std::int64_t startNs, int fps, std::int64_t index, std::int64_t nowNs);

//-----------------------------------------------------------------------------
// [SECTION] Idle policy
//-----------------------------------------------------------------------------
// After an input event ImGui needs a few frames to settle (a click is a press
// frame then a release frame; hover and layout follow one frame later). After
// that, when the UI has nothing moving, the loop blocks on the event queue.
constexpr int kSettleFrames = 3;

enum class LoopStep {
    DrawPaced,  // draw at the next deadline of the frame grid
    Block,      // draw nothing; wait for an event (or a scheduled wake-up)
};

// `framesSinceInput`: frames drawn since the last input event (or redraw
// request); `animating`: the UI said something moves; `visible`: the window
// can be seen (not minimized, not in the background).
LoopStep nextLoopStep(int framesSinceInput, bool animating, bool visible);

}  // namespace unknot::platform
