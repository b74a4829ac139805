// The player: state, pause and resume arithmetic, waits, skip and back, cues
// fired once, and zero drift over a simulated ten-hour session. The clock is
// a plain number the test moves: nothing sleeps.
#include "unknot/player.hpp"

#include <catch2/catch.hpp>

#include <random>

using namespace unknot;

namespace {
Segment seg(SegmentKind k, std::int64_t start, std::int64_t dur, int step) {
    Segment s;
    s.kind = k;
    s.startMs = start;
    s.durationMs = dur;
    s.step = step;
    return s;
}
// 10 s, a wait, 5 s, 5 s.
Timeline sample() {
    Timeline t;
    t.segments = {seg(SegmentKind::Timed, 0, 10000, 1), seg(SegmentKind::Wait, 10000, 0, 2),
                  seg(SegmentKind::Timed, 10000, 5000, 3), seg(SegmentKind::Timed, 15000, 5000, 4)};
    t.totalMs = 20000;
    t.steps = 4;
    return t;
}
// A breathing block of `cycles` 4-2-6 cycles.
Timeline breathing(int cycles) {
    Timeline t;
    std::int64_t at = 0;
    for (int c = 1; c <= cycles; ++c)
        for (auto [phase, ms] :
             {std::pair{BreathPhase::Inhale, 4000}, {BreathPhase::Hold, 2000}, {BreathPhase::Exhale, 6000}}) {
            Segment s = seg(SegmentKind::Breath, at, ms, 1);
            s.phase = phase;
            s.cycle = c;
            s.cycles = cycles;
            t.segments.push_back(s);
            at += ms;
        }
    t.totalMs = at;
    t.steps = 1;
    return t;
}
}  // namespace

TEST_CASE("a new player is ready and does nothing until started") {
    Player p(sample());
    CHECK(p.state() == PlayerState::Ready);
    CHECK(p.update(5000).empty());
    CHECK(p.positionMs(5000) == 0);
}

TEST_CASE("position follows the clock from the start time") {
    Player p(sample());
    p.start(1000);
    CHECK(p.state() == PlayerState::Running);
    p.update(4000);
    CHECK(p.positionMs(4000) == 3000);
    CHECK(p.segmentProgress(4000) == Approx(0.3));
    CHECK(p.segmentLeftMs(4000) == 7000);
    CHECK(p.timeLeftMs(4000) == 17000);
    CHECK(p.overallProgress(4000) == Approx(0.15));
}

TEST_CASE("pause freezes the position; resume continues from it") {
    Player p(sample());
    p.start(0);
    p.update(3000);
    p.pause(3000);
    CHECK(p.state() == PlayerState::Paused);
    CHECK(p.positionMs(60000) == 3000);
    CHECK(p.update(60000).empty());
    p.resume(60000);
    p.update(61000);
    CHECK(p.positionMs(61000) == 4000);
    CHECK(p.elapsedRunningMs(61000) == 4000);
}

TEST_CASE("a wait stops the clock at its start until the tap") {
    Player p(sample());
    p.start(0);
    p.update(12000);  // a late frame: the wait began at 10000
    CHECK(p.state() == PlayerState::WaitingForTap);
    CHECK(p.currentIndex() == 1);
    CHECK(p.positionMs(30000) == 10000);
    p.continueAfterTap(30000);
    CHECK(p.state() == PlayerState::Running);
    CHECK(p.currentIndex() == 2);
    p.update(32000);
    CHECK(p.positionMs(32000) == 12000);
    CHECK(p.elapsedRunningMs(32000) == 12000);  // 10 s before the wait, 2 s after
}

TEST_CASE("the session finishes exactly at its end") {
    Player p(sample());
    p.start(0);
    p.update(10000);
    p.continueAfterTap(10000);
    p.update(19999);
    CHECK(p.state() == PlayerState::Running);
    p.update(20000);
    CHECK(p.state() == PlayerState::Finished);
    CHECK_FALSE(p.finishedEarly());
    CHECK(p.overallProgress(25000) == 1.0);
    CHECK(p.timeLeftMs(25000) == 0);
}

TEST_CASE("cues fire once per segment entered, in order, with their due time") {
    Player p(breathing(2));
    p.start(500);
    auto first = p.update(500);
    REQUIRE(first.size() == 1);
    CHECK(first[0].segment == 0);
    CHECK(first[0].dueMs == 500);
    // Many frames inside one phase fire nothing more.
    for (std::int64_t t = 516; t < 4500; t += 16) CHECK(p.update(t).empty());
    // One late frame that crosses two boundaries fires both, each once.
    auto crossed = p.update(500 + 6500);
    REQUIRE(crossed.size() == 2);
    CHECK(crossed[0].segment == 1);
    CHECK(crossed[0].dueMs == 4500);
    CHECK(crossed[1].segment == 2);
    CHECK(crossed[1].dueMs == 6500);
    CHECK(p.update(500 + 6600).empty());
}

TEST_CASE("pausing never fires or repeats a cue") {
    Player p(breathing(1));
    p.start(0);
    p.update(0);
    p.pause(1000);
    CHECK(p.update(50000).empty());
    p.resume(50000);
    CHECK(p.update(50100).empty());
    auto next = p.update(53000);  // inhale ended 3 s of running time later
    REQUIRE(next.size() == 1);
    CHECK(next[0].dueMs == 53000);
}

TEST_CASE("skip moves to the next segment; back returns to the start or the one before") {
    Player p(breathing(2));
    p.start(0);
    p.update(1000);
    p.skip(1000);
    CHECK(p.currentIndex() == 1);
    CHECK(p.positionMs(1000) == 4000);
    p.update(1500);
    p.back(1500);  // 0.5 s into the hold: to the inhale before it
    CHECK(p.currentIndex() == 0);
    CHECK(p.positionMs(1500) == 0);
    p.update(4000);
    p.back(4000);  // 2.5 s in: to the start of this one
    CHECK(p.currentIndex() == 0);
    CHECK(p.positionMs(4000) == 0);
    // The inhale's cue fires again when it is played again after going back.
    p.skip(5000);
    p.back(5100);
    auto again = p.update(5100);
    REQUIRE(again.size() == 1);
    CHECK(again[0].segment == 0);
}

TEST_CASE("skip past the end finishes; stop finishes early") {
    Player a(sample());
    a.start(0);
    for (int i = 0; i < 10; ++i) a.skip(100);
    CHECK(a.state() == PlayerState::Finished);
    CHECK_FALSE(a.finishedEarly());

    Player b(sample());
    b.start(0);
    b.update(3000);
    b.stop(3000);
    CHECK(b.state() == PlayerState::Finished);
    CHECK(b.finishedEarly());
    CHECK(b.elapsedRunningMs(9000) == 3000);
}

TEST_CASE("restart goes back to the beginning") {
    Player p(sample());
    p.start(0);
    p.update(8000);
    p.restart(9000);
    CHECK(p.state() == PlayerState::Running);
    CHECK(p.currentIndex() == 0);
    CHECK(p.positionMs(9000) == 0);
}

TEST_CASE("zero drift over a simulated ten-hour session with pauses") {
    // 3000 cycles of 4-2-6 = 36,000 s = 10 h, played at 60 frames per second
    // with frame times rounded to the millisecond, and random pauses.
    const int cycles = 3000;
    Timeline t = breathing(cycles);
    REQUIRE(t.totalMs == 36000000);
    Player p(t);
    std::mt19937 rng(42);
    const std::int64_t start = 123456;
    p.start(start);
    std::int64_t pausedTotal = 0;
    std::size_t cuesFired = 1;
    std::int64_t worstLate = 0;
    p.update(start);
    std::int64_t frame = 0, now = start, mismatches = 0;
    while (p.state() != PlayerState::Finished) {
        ++frame;
        now = start + pausedTotal + frame * 1000 / 60;
        if (rng() % 20000 == 0) {  // now and then, a pause of up to a minute
            std::int64_t len = 1 + static_cast<std::int64_t>(rng() % 60000);
            p.pause(now);
            pausedTotal += len;
            now += len;
            p.resume(now);
        }
        for (const auto& c : p.update(now)) {
            ++cuesFired;
            // Each cue was due exactly at its segment's start on the real clock.
            CHECK(c.dueMs - start - pausedTotal == t.segments[c.segment].startMs);
            worstLate = std::max(worstLate, now - c.dueMs);
        }
        if (p.state() == PlayerState::Running) mismatches += p.positionMs(now) != now - start - pausedTotal;
    }
    CHECK(mismatches == 0);
    CHECK(cuesFired == t.segments.size());
    // It ended on the first frame at or after start + 10 h + pauses.
    CHECK(now >= start + pausedTotal + t.totalMs);
    CHECK(now - (start + pausedTotal + t.totalMs) <= 17);
    CHECK(worstLate <= 17);
    CHECK(p.elapsedRunningMs(now) == t.totalMs);
}
