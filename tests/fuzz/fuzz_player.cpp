// libFuzzer harness for the timeline and the player: every routine the loader
// accepts is compiled and played with a clock and controls chosen by the
// fuzzer, and the player's promises are checked after every call.
//
// The input's last bytes choose the controls (FuzzedDataProvider takes
// numbers from the end); the rest is the routine file.
//
// [SECTION] Checks
// [SECTION] Playing one timeline
// [SECTION] Entry point
#include "memory_files.hpp"
#include "unknot/player.hpp"
#include "unknot/timeline.hpp"

#include <fuzzer/FuzzedDataProvider.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <vector>

namespace {

//-----------------------------------------------------------------------------
// [SECTION] Checks
//-----------------------------------------------------------------------------
// A failed promise aborts, so libFuzzer saves the input as a crash.
void require(bool ok, const char* what) {
    if (ok) return;
    std::fprintf(stderr, "fuzz_player: broken promise: %s\n", what);
    std::abort();
}

enum class Op : std::uint8_t { Wait, Pause, Resume, Skip, Back, Restart, Tap, Stop, Count };

struct Control {
    Op op;
    std::int64_t advanceMs;
};

//-----------------------------------------------------------------------------
// [SECTION] Playing one timeline
//-----------------------------------------------------------------------------
void play(const unknot::Timeline& t, const std::vector<Control>& controls) {
    require(t.totalMs >= 0, "a timeline never lasts less than nothing");
    for (std::size_t i = 1; i < t.segments.size(); ++i)
        require(t.segments[i].startMs >= t.segments[i - 1].startMs, "segments start in order");

    unknot::Player p(t);
    std::int64_t now = 1'000'000;  // any origin: the player must not care
    p.start(now);
    std::int64_t lastPos = 0;
    std::size_t lastCue = 0;
    bool anyCue = false;
    auto check = [&](const std::vector<unknot::CueEvent>& cues, bool rewound) {
        std::int64_t pos = p.positionMs(now);
        require(pos >= 0 && pos <= t.totalMs, "position stays on the timeline");
        if (!rewound) require(pos >= lastPos, "position never goes back on its own");
        lastPos = pos;
        if (rewound) anyCue = false;
        for (const auto& c : cues) {
            require(c.segment < t.segments.size(), "a cue names a real segment");
            require(!anyCue || c.segment > lastCue, "a cue fires once, in order, until a back or restart");
            require(c.dueMs <= now, "a cue is never early");
            lastCue = c.segment;
            anyCue = true;
        }
        double o = p.overallProgress(now);
        require(o >= 0.0 && o <= 1.0, "overall progress is in 0..1");
        double s = p.segmentProgress(now);
        require(s >= 0.0 && s <= 1.0, "segment progress is in 0..1");
        require(p.timeLeftMs(now) >= 0, "time left is never negative");
    };
    check(p.update(now), true);
    for (const Control& c : controls) {
        now += c.advanceMs;
        bool rewound = false;
        switch (c.op) {
        case Op::Pause: p.pause(now); break;
        case Op::Resume: p.resume(now); break;
        case Op::Skip: p.skip(now); break;
        case Op::Back:
            p.back(now);
            rewound = true;
            break;
        case Op::Restart:
            p.restart(now);
            rewound = true;
            break;
        case Op::Tap: p.continueAfterTap(now); break;
        case Op::Stop: p.stop(now); break;
        default: break;
        }
        check(p.update(now), rewound);
    }
    // Whatever happened, driving the clock to the end (tapping on waits,
    // resuming pauses) must finish the session, in at most one step per
    // segment.
    for (std::size_t guard = 0; p.state() != unknot::PlayerState::Finished; ++guard) {
        require(guard <= 2 * t.segments.size() + 4, "the session finishes");
        if (p.state() == unknot::PlayerState::Paused) p.resume(now);
        if (p.state() == unknot::PlayerState::WaitingForTap) p.continueAfterTap(now);
        now += t.totalMs + 1;
        check(p.update(now), false);
    }
    require(p.positionMs(now) == t.totalMs || p.finishedEarly(), "a finished session ends at its end");
}

}  // namespace

//-----------------------------------------------------------------------------
// [SECTION] Entry point
//-----------------------------------------------------------------------------
extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    FuzzedDataProvider fdp(data, size);
    std::vector<Control> controls(fdp.ConsumeIntegralInRange<std::size_t>(0, 24));
    for (auto& c : controls) {
        c.op = static_cast<Op>(fdp.ConsumeIntegralInRange<int>(0, static_cast<int>(Op::Count) - 1));
        // Up to ~65 s per control, sometimes 0: same-millisecond calls matter.
        c.advanceMs = fdp.ConsumeIntegral<std::uint16_t>();
    }
    std::string text = fdp.ConsumeRemainingBytesAsString();
    unknot::Library lib = fuzzing::loadFuzzRoutine(text);
    for (const auto& r : lib.routines) play(unknot::compileTimeline(lib, r), controls);
    return 0;
}
