// Soak: a simulated ten-hour session through the player at 60 frames per
// second (2.16 million frames), with an hourly pause and a tap wait, must end
// exactly at start + timeline + paused + waited, fire every cue exactly once,
// and grow neither memory nor open files. The clock is a number; no sleeps.
//
// [SECTION] Ten hours at 60 fps
#include "soak.hpp"
#include "unknot/player.hpp"
#include "unknot/timeline.hpp"

#include <catch2/catch.hpp>

#include <cstdint>

using namespace unknot;

//-----------------------------------------------------------------------------
// [SECTION] Ten hours at 60 fps
//-----------------------------------------------------------------------------
TEST_CASE("ten hours at 60 fps with pauses and a tap wait: no drift, no growth") {
    const long fdsBefore = soak::openFds();
    const Library lib = soak::tenHourLibrary(true);
    const Timeline t = compileTimeline(lib, lib.routines.front());
    REQUIRE(t.totalMs == 36'000'000);
    std::size_t chimes = 0;
    for (const auto& s : t.segments) chimes += s.cue == Cue::Chime;

    Player p(t);
    // A clock origin far from zero, as a phone's monotonic clock is.
    const std::int64_t start = 7'000'000'000;
    p.start(start);
    std::int64_t held = 0;  // time paused or waiting for the tap
    std::int64_t pausedAt = -1, waitingSince = -1;
    std::size_t cues = 0, lastCue = 0;
    long residentAfterWarmup = -1, residentPeak = 0;
    std::int64_t now = start;
    // Frame times come from the frame number (1000/60 ms, rounded down), as a
    // display's vsync does: 16 or 17 ms apart, never an accumulated float.
    for (std::int64_t frame = 0; p.state() != PlayerState::Finished; ++frame) {
        now = start + frame * 1000 / 60;
        const std::int64_t elapsed = now - start;
        // Pause for ten minutes at the top of every hour (after the first).
        if (elapsed % 3'600'000 < 17 && elapsed > 3'600'000 && p.state() == PlayerState::Running && pausedAt < 0) {
            p.pause(now);
            pausedAt = now;
        }
        if (pausedAt >= 0 && now - pausedAt >= 600'000) {
            p.resume(now);
            held += now - pausedAt;
            pausedAt = -1;
        }
        if (p.state() == PlayerState::WaitingForTap) {
            // The wait began when the clock reached its start, between two
            // frames: the player holds from that instant, not from the frame.
            if (waitingSince < 0) waitingSince = start + held + p.current()->startMs;
            if (now - waitingSince >= 3'000) {
                p.continueAfterTap(now);
                held += now - waitingSince;
                waitingSince = -1;
            }
        }
        for (const CueEvent& c : p.update(now)) {
            // Each cue once, in segment order: none repeated, none skipped.
            REQUIRE((cues == 0 || c.segment > lastCue));
            lastCue = c.segment;
            ++cues;
        }
        // The position is the clock minus what was held, never a sum of frames.
        if (p.state() == PlayerState::Running) REQUIRE(p.positionMs(now) == elapsed - held);
        if (elapsed == 600'000) residentAfterWarmup = soak::residentKiB();
        if (frame % 60'000 == 0) residentPeak = std::max(residentPeak, soak::residentKiB());
        REQUIRE(frame < 3'000'000);  // a session that never ends fails here, not by hanging
    }
    // Ended on the first frame at or after the exact end: no drift at all.
    const std::int64_t end = start + t.totalMs + held;
    CHECK(now >= end);
    CHECK(now - end < 17);
    CHECK(p.positionMs(now) == t.totalMs);
    CHECK(p.elapsedRunningMs(now) == t.totalMs);
    CHECK(held >= 9 * 600'000);  // nine hourly pauses really happened
    CHECK(cues == chimes);
    CHECK_FALSE(p.finishedEarly());
    // Nothing grew: memory after warm-up within 4 MiB, no descriptor opened.
    REQUIRE(residentAfterWarmup > 0);
    if (soak::kResidentMemoryIsMeaningful) CHECK(residentPeak - residentAfterWarmup < 4 * 1024);
    CHECK(soak::openFds() == fdsBefore);
}
