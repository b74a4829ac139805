// Bench statistics (--bench, read by bench/run_app): frames, presents, CPU
// per frame after the first second, peak memory, and how late the timeline's
// segments reached the screen.
//
// Lateness: for a "play:" screen, each segment of the timeline is due at its
// startMs on the app clock; it is late by (time of the first frame drawn at or
// after it) - startMs. "frame" is when the frame sampled the clock (what the
// player shows), "present" when it reached the screen. Speech onsets: see
// SdlAudio::speechOnsets (lateness in the audio stream, on SDL's counter).
#pragma once

#include "unknot/model.hpp"
#include "unknot/platform/sdl_services.hpp"
#include "unknot/session/route.hpp"
#include "unknot/timeline.hpp"

#include <cstddef>
#include <cstdint>
#include <optional>

namespace unknot::platform {

struct BenchStats {
    std::int64_t frames = 0, framesAfter1s = 0, presents = 0;
    double cpuAt1s = -1, cpuEnd = 0;
    std::optional<Timeline> timeline;
    std::size_t shownIndex = 0;  // segments below this were shown already
    std::size_t segmentsChecked = 0;
    double worstLateMs = 0, worstPresentLateMs = 0;
    // Speech: utterances placed in the audio stream, and the worst lateness
    // of a first sample against its due instant (SdlAudio::speechOnsets).
    SdlAudio::SpeechOnsets speech;

    // For a play: route, checks its routine's segments from `startMs` on
    // (segments begun before the run started are not checked).
    void followRoute(const Library& library, const Route& route, std::int64_t startMs);
    // `elapsedMs`: since the loop started; `frameMs`, `presentMs`: on the app clock.
    void onFrame(double elapsedMs, double frameMs, double presentMs, bool presented);
    // The figures as one line on stdout (`seconds`: the run's length).
    void print(double seconds) const;
};

}  // namespace unknot::platform
