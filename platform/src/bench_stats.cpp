// Bench statistics (see bench_stats.hpp).
#include "bench_stats.hpp"

#include "clock.hpp"

#include <algorithm>
#include <cstdio>
#include <variant>

namespace unknot::platform {

void BenchStats::followRoute(const Library& library, const Route& route, std::int64_t startMs) {
    const auto* play = std::get_if<route::Play>(&route);
    if (!play) return;
    const Routine* r = library.findRoutine(play->routine);
    if (!r) return;
    timeline = compileTimeline(library, *r);
    while (shownIndex < timeline->segments.size() && timeline->segments[shownIndex].startMs < startMs) ++shownIndex;
}

void BenchStats::onFrame(double elapsedMs, double frameMs, double presentMs, bool presented) {
    ++frames;
    presents += presented;
    if (elapsedMs >= 1000.0) {
        if (cpuAt1s < 0) cpuAt1s = cpuSeconds();
        ++framesAfter1s;
    }
    if (!timeline || frameMs < 0) return;
    const std::size_t idx = timeline->indexAt(static_cast<std::int64_t>(frameMs));
    for (; shownIndex <= idx && shownIndex < timeline->segments.size(); ++shownIndex) {
        const Segment& s = timeline->segments[shownIndex];
        if (s.untimed()) continue;
        worstLateMs = std::max(worstLateMs, frameMs - static_cast<double>(s.startMs));
        worstPresentLateMs = std::max(worstPresentLateMs, presentMs - static_cast<double>(s.startMs));
        ++segmentsChecked;
    }
}

void BenchStats::print(double seconds) const {
    const double measured = std::max(0.0, seconds - 1.0);
    const double cpu = cpuAt1s < 0 ? 0 : cpuEnd - cpuAt1s;
    std::printf(
        "bench seconds=%.1f frames=%lld presents=%lld frames_after_1s=%lld fps_after_1s=%.2f "
        "cpu_ms_per_frame=%.3f cpu_ms_per_s=%.2f maxrss_kb=%ld worst_late_ms=%.3f "
        "worst_present_late_ms=%.3f segments_checked=%zu speech_onsets=%lld worst_speech_late_ms=%.3f\n",
        seconds, static_cast<long long>(frames), static_cast<long long>(presents),
        static_cast<long long>(framesAfter1s), measured > 0 ? static_cast<double>(framesAfter1s) / measured : 0.0,
        framesAfter1s > 0 ? cpu * 1000.0 / static_cast<double>(framesAfter1s) : 0.0,
        measured > 0 ? cpu * 1000.0 / measured : 0.0, maxRssKb(), worstLateMs, worstPresentLateMs, segmentsChecked,
        static_cast<long long>(speech.count), speech.worstLateMs);
    std::fflush(stdout);
}

}  // namespace unknot::platform
