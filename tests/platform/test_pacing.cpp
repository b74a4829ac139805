// Frame pacing and the idle policy: pure arithmetic, checked without sleeping.
//
// [SECTION] Frame grid
// [SECTION] Catching up after a stall
// [SECTION] Idle policy
#include "unknot/platform/pacing.hpp"

#include <catch2/catch.hpp>

using namespace unknot::platform;

//-----------------------------------------------------------------------------
// [SECTION] Frame grid
//-----------------------------------------------------------------------------
TEST_CASE("pacedFps caps at 60 and treats unknown rates as 60", "[platform][pacing]") {
    CHECK(pacedFps(0) == 60);
    CHECK(pacedFps(1) == 60);
    CHECK(pacedFps(144) == 60);
    CHECK(pacedFps(60) == 60);
    CHECK(pacedFps(50) == 50);
    CHECK(pacedFps(30) == 30);
}

TEST_CASE("deadlines sit on an absolute grid, with no drift", "[platform][pacing]") {
    const std::int64_t start = 123'456'789;
    CHECK(frameDeadlineNs(start, 60, 0) == start);
    CHECK(frameDeadlineNs(start, 60, 1) == start + 16'666'666);
    CHECK(frameDeadlineNs(start, 60, 2) == start + 33'333'333);
    // Exactly one second after 60 frames, one hour after 216000: a sum of
    // rounded 16.666666 ms periods would be 40 us short after an hour.
    CHECK(frameDeadlineNs(start, 60, 60) == start + 1'000'000'000);
    CHECK(frameDeadlineNs(start, 60, 216'000) == start + 3'600'000'000'000LL);
    // Every deadline is within 1 ns of the ideal n/fps.
    for (std::int64_t n : {7LL, 59LL, 61LL, 12'345LL, 999'999LL}) {
        const long double ideal = static_cast<long double>(n) * 1e9L / 60.0L;
        const long double got = static_cast<long double>(frameDeadlineNs(0, 60, n));
        CHECK(ideal - got >= 0.0L);
        CHECK(ideal - got < 1.0L);
    }
}

TEST_CASE("sleepBeforeNs waits until the deadline, never negative", "[platform][pacing]") {
    CHECK(sleepBeforeNs(0, 60, 1, 0) == 16'666'666);
    CHECK(sleepBeforeNs(0, 60, 1, 10'000'000) == 6'666'666);
    CHECK(sleepBeforeNs(0, 60, 1, 16'666'666) == 0);
    CHECK(sleepBeforeNs(0, 60, 1, 20'000'000) == 0);
}

//-----------------------------------------------------------------------------
// [SECTION] Catching up after a stall
//-----------------------------------------------------------------------------
TEST_CASE("nextFrameIndex: one step when on time, a jump after a stall", "[platform][pacing]") {
    // On time: frame 4 drawn, now is before frame 5's deadline.
    CHECK(nextFrameIndex(0, 60, 4, frameDeadlineNs(0, 60, 4) + 1'000'000) == 5);
    // Exactly at the next deadline still counts as on time.
    CHECK(nextFrameIndex(0, 60, 4, frameDeadlineNs(0, 60, 5)) == 5);
    // A 105 ms stall after frame 4 (now = 66.67 ms + 105 ms = 171.67 ms): no
    // burst of catch-up frames, the next frame is the first grid point ahead
    // (frame 11 at 183.33 ms; frame 10 at 166.67 ms is already past).
    const std::int64_t now = frameDeadlineNs(0, 60, 4) + 105'000'000;
    const std::int64_t next = nextFrameIndex(0, 60, 4, now);
    CHECK(frameDeadlineNs(0, 60, next) >= now);
    CHECK(frameDeadlineNs(0, 60, next - 1) < now);
    CHECK(next == 11);
    // Landing exactly on a grid point takes that point.
    CHECK(nextFrameIndex(0, 60, 0, frameDeadlineNs(0, 60, 30)) == 30);
}

//-----------------------------------------------------------------------------
// [SECTION] Idle policy
//-----------------------------------------------------------------------------
TEST_CASE("idle policy: draw a few frames after input, then block", "[platform][pacing]") {
    for (int f = 0; f < kSettleFrames; ++f) CHECK(nextLoopStep(f, false, true) == LoopStep::DrawPaced);
    CHECK(nextLoopStep(kSettleFrames, false, true) == LoopStep::Block);
    CHECK(nextLoopStep(1000, false, true) == LoopStep::Block);
    // A running session keeps drawing...
    CHECK(nextLoopStep(1000, true, true) == LoopStep::DrawPaced);
    // ...unless nobody can see it.
    CHECK(nextLoopStep(1000, true, false) == LoopStep::Block);
    CHECK(nextLoopStep(0, true, false) == LoopStep::Block);
}
