// Soak through the headless UI: the same ten-hour session played by the App
// (the player screen, drawn by Dear ImGui with a built font atlas) with an
// hourly pause and resume tapped on screen. Drawing all 2.16 million frames
// would take minutes, so the UI draws one frame per simulated second (the
// player-only soak covers every 60 fps frame); the end is then probed to the
// millisecond. No drift, no memory growth after warm-up, no leaked files.
//
// [SECTION] Ten hours through the App
#include "../ui/harness.hpp"
#include "soak.hpp"

#include <cstdint>

using namespace unknot;
using namespace unknot::ui;
using unknot::ui::test::Harness;

//-----------------------------------------------------------------------------
// [SECTION] Ten hours through the App
//-----------------------------------------------------------------------------
TEST_CASE("ten hours through the headless UI: ends exactly on time, nothing grows", "[soak][ui]") {
    const long fdsBefore = soak::openFds();
    const Library lib = soak::tenHourLibrary(false);
    Harness h(390, 844);
    AppConfig cfg;
    cfg.library = &lib;
    App app(cfg);
    std::string err;
    // The session starts at 0 on the harness clock.
    REQUIRE(app.open("play:ten-hours@0", 0, &err));
    REQUIRE(app.player() != nullptr);
    const std::int64_t total = app.player()->timeline().totalMs;
    REQUIRE(total == 36'000'000);

    std::int64_t held = 0;
    long residentAfterWarmup = -1, residentPeak = 0;
    for (int hour = 1; hour <= 10; ++hour) {
        // One frame per simulated second up to the hour (in session time).
        const std::int64_t hourEnd = static_cast<std::int64_t>(hour) * 3'600'000 + held;
        while (h.now + 1000 < hourEnd) {
            h.now += 1000 - Harness::kFrameMs;  // frame() adds one frame's time
            h.frame(app);
            REQUIRE(app.screenName() == "player");
        }
        if (hour == 1) residentAfterWarmup = soak::residentKiB();
        residentPeak = std::max(residentPeak, soak::residentKiB());
        if (hour == 10) break;
        // A ten-minute pause, tapped on screen. Both taps take the same
        // frames, so the time held is the gap between them.
        const std::int64_t pauseTap = h.now;
        h.tap(app, "pause");
        REQUIRE(app.player()->state() == PlayerState::Paused);
        h.now = pauseTap + 600'000;
        h.tap(app, "resume");
        REQUIRE(app.player()->state() == PlayerState::Running);
        held += 600'000;
    }
    // Probe the end to the millisecond: running 1 ms before, finished at it.
    const std::int64_t end = total + held;
    REQUIRE(h.now < end - 1);
    h.now = end - 1;
    h.frame(app);
    CHECK(app.player()->state() == PlayerState::Running);
    CHECK(app.player()->positionMs(end - 1) == total - 1);
    h.now = end;
    h.frame(app);
    REQUIRE(app.player() != nullptr);
    CHECK(app.player()->state() == PlayerState::Finished);
    CHECK(app.player()->elapsedRunningMs(end) == total);
    h.frames(app, 2);
    CHECK(app.screenName() == "end");
    REQUIRE(residentAfterWarmup > 0);
    if (soak::kResidentMemoryIsMeaningful) CHECK(residentPeak - residentAfterWarmup < 8 * 1024);
    CHECK(soak::openFds() == fdsBefore);
}
